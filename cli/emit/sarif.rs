//! SARIF 2.1.0, built from typed structs; `tool.driver.rules` comes from the rule table,
//! with each rule's API error code under every profile the run used.

use std::collections::BTreeMap;
use std::io::{self, Write};

use importimage_lint::profile::Profile;
use importimage_lint::{percent_encode, rule_infos_for, Severity};
use serde::Serialize;

use super::{Emitter, Linted, Tally};

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
    /// The profiles that judged the run's inputs.
    profiles: Vec<&'static str>,
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
    /// The API error code under each profile the run used.
    api_error_codes: BTreeMap<&'static str, Option<&'static str>>,
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
    profile: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<String>,
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
        _ => "note",
    }
}

/// A relative path as a URI reference: `\` becomes `/`, and characters outside the
/// unreserved set and `/` are percent-encoded.
fn uri(path: &str) -> String {
    percent_encode(&path.replace('\\', "/"), b"/")
}

/// The rule descriptors of a run judged by these profiles.
fn descriptors(profiles: &[&'static Profile]) -> Vec<RuleDescriptor> {
    rule_infos_for(profiles)
        .into_iter()
        .map(|r| RuleDescriptor {
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
                api_error_codes: r.codes.iter().copied().collect(),
            },
        })
        .collect()
}

#[derive(Default)]
pub(crate) struct Sarif {
    results: Vec<SarifResult>,
    profiles: Vec<&'static Profile>,
}

impl Emitter for Sarif {
    fn report(&mut self, _: &mut dyn Write, l: Linted) -> io::Result<()> {
        if !self.profiles.iter().any(|p| p.id == l.profile.id) {
            self.profiles.push(l.profile);
        }
        for d in &l.report.diagnostics {
            let region = d.span.map(|s| Region {
                start_line: s.line + l.line_offset,
                start_column: s.column,
                byte_offset: s.start,
                byte_length: s.end - s.start,
            });
            self.results.push(SarifResult {
                rule_id: d.rule.id(),
                rule_index: d.rule.index(),
                level: level(d.severity),
                message: Text {
                    text: d.message.clone(),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: uri(&l.path) },
                        region,
                    },
                }],
                properties: ResultProperties {
                    api_error_code: d.code,
                    param: d.param.clone(),
                    profile: l.profile.id,
                    help: d.help.clone(),
                    fix: d.fix.clone(),
                },
            });
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Tally) -> io::Result<()> {
        if self.profiles.is_empty() {
            self.profiles.push(importimage_lint::profile::DEFAULT);
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
                        rules: descriptors(&self.profiles),
                    },
                },
                column_kind: "unicodeCodePoints",
                results: std::mem::take(&mut self.results),
                properties: RunProperties {
                    profiles: self.profiles.iter().map(|p| p.id).collect(),
                },
            }],
        };
        let s = serde_json::to_string_pretty(&log).map_err(io::Error::other)?;
        writeln!(out, "{}", super::json::escape(&s))
    }
}
