//! SARIF 2.1.0, built from typed structs; `tool.driver.rules` comes from the rule table.

use std::io::{self, Write};

use importimage_lint::profile::Profile;
use importimage_lint::{rule_infos, Rule, Severity};
use serde::Serialize;

use super::Linted;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
    properties: RunProperties,
}

#[derive(Serialize)]
struct RunProperties {
    profile: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    default_configuration: Configuration,
    help: Text,
    properties: RuleProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleProperties {
    api_error_code: Option<&'static str>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    properties: ResultProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties {
    api_error_code: Option<&'static str>,
    param: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: `\` becomes `/`, and characters outside the
/// unreserved set and `/` are percent-encoded.
fn uri(path: &str) -> String {
    super::percent_encode(&path.replace('\\', "/"), b"/")
}

pub(crate) fn write(out: &mut dyn Write, all: &[Linted], profile: &Profile) -> io::Result<()> {
    let rules: Vec<RuleDescriptor> = rule_infos()
        .into_iter()
        .map(|r| {
            let code = Rule::from_id(r.id).and_then(|rule| profile.code(rule));
            RuleDescriptor {
                id: r.id,
                name: r
                    .id
                    .split('-')
                    .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
                    .collect(),
                short_description: Text {
                    text: r.summary.to_owned(),
                },
                full_description: Text {
                    text: format!("{} {}", r.summary, r.why),
                },
                default_configuration: Configuration {
                    level: level(r.severity),
                },
                help: Text {
                    text: format!(
                        "{} Run `importimage-lint explain {}` for examples.",
                        r.why, r.id
                    ),
                },
                properties: RuleProperties {
                    api_error_code: code,
                },
            }
        })
        .collect();
    let mut results = Vec::new();
    for l in all {
        for d in &l.report.diagnostics {
            let region = d.span.map(|s| Region {
                start_line: s.line + l.line_offset,
                start_column: s.column,
                byte_offset: s.start,
                byte_length: s.end - s.start,
            });
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str(&format!(" Help: {h}"));
            }
            results.push(SarifResult {
                rule_id: d.rule.id(),
                rule_index: Rule::ALL.iter().position(|r| *r == d.rule).unwrap_or(0),
                level: level(d.severity),
                message: Text { text },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: uri(&l.path) },
                        region,
                    },
                }],
                properties: ResultProperties {
                    api_error_code: d.code,
                    param: d.param.clone(),
                    fix: d.fix.clone(),
                },
            });
        }
    }
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "importimage-lint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
            properties: RunProperties {
                profile: profile.id,
            },
        }],
    };
    let s = serde_json::to_string_pretty(&log).map_err(io::Error::other)?;
    writeln!(out, "{}", super::json::escape(&s))
}
