//! SARIF 2.1.0 for code scanning, built from typed structs. `tool.driver.rules` comes from
//! the rule table with each rule's API error code under every profile the run used; paths
//! are relative to `%SRCROOT%` (the folder the tool ran in); each result has a fingerprint
//! that survives unrelated edits, an end position, and related locations where it points
//! elsewhere; an unusable configuration file is a tool configuration notification.

use std::collections::BTreeMap;
use std::io::{self, Write};

use importimage_lint::profile::Profile;
use importimage_lint::{percent_encode, rule_infos_in, Lang, Severity};
use serde::Serialize;

use super::{relative_path, Emitter, Fingerprints, Linted, Tally};
use crate::settings::ConfigFailure;

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
    /// The language of the messages (`en`, `zh-CN`).
    language: &'static str,
    invocations: Vec<Invocation>,
    original_uri_base_ids: BTreeMap<&'static str, BaseUri>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
    properties: RunProperties,
}

#[derive(Serialize)]
struct BaseUri {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_configuration_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
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
    information_uri: &'static str,
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
    help_uri: String,
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_length: Option<usize>,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "note",
    }
}

const ROOT: &str = "%SRCROOT%";

/// A path as SARIF wants it: relative to the folder the tool ran in (with `%SRCROOT%` as
/// its base), else an absolute `file://` URI; characters outside the unreserved set are
/// percent-encoded.
fn artifact(path: &str) -> ArtifactLocation {
    match relative_path(path) {
        Some(r) => ArtifactLocation {
            uri: percent_encode(&r, b"/"),
            uri_base_id: Some(ROOT),
        },
        None => ArtifactLocation {
            uri: format!("file://{}", percent_encode(&path.replace('\\', "/"), b"/")),
            uri_base_id: None,
        },
    }
}

/// The folder the tool ran in, as the base of relative URIs (with its trailing `/`).
fn root_uri() -> String {
    let cwd = std::env::current_dir()
        .map(|c| c.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    format!(
        "file://{}/",
        percent_encode(cwd.trim_end_matches('/'), b"/")
    )
}

/// The rule descriptors of a run judged by these profiles.
fn descriptors(profiles: &[&'static Profile], lang: Lang) -> Vec<RuleDescriptor> {
    let docs = env!("CARGO_PKG_REPOSITORY");
    rule_infos_in(profiles, lang)
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
                text: format!("{}{}{}", r.summary, crate::ui::words(lang).space, r.why),
            },
            default_configuration: Configuration {
                level: level(r.severity),
            },
            help: Text {
                text: match lang {
                    Lang::ZhCn => format!(
                        "{}示例见 `importimage-lint explain {} --lang zh-CN`。",
                        r.why, r.id
                    ),
                    _ => format!(
                        "{} Run `importimage-lint explain {}` for examples.",
                        r.why, r.id
                    ),
                },
            },
            help_uri: format!("{docs}/blob/main/README.md#{}", r.id),
            properties: RuleProperties {
                api_error_codes: r.codes.iter().copied().collect(),
            },
        })
        .collect()
}

#[derive(Default)]
pub(crate) struct Sarif {
    lang: Lang,
    results: Vec<SarifResult>,
    profiles: Vec<&'static Profile>,
    notifications: Vec<Notification>,
    fingerprints: Fingerprints,
}

impl Sarif {
    pub(crate) fn new(lang: Lang) -> Self {
        Sarif {
            lang,
            ..Sarif::default()
        }
    }
}

impl Emitter for Sarif {
    fn report(&mut self, _: &mut dyn Write, l: Linted) -> io::Result<()> {
        if !self.profiles.iter().any(|p| p.id == l.profile.id) {
            self.profiles.push(l.profile);
        }
        for (i, d) in l.report.diagnostics.iter().enumerate() {
            let (start_line, start_column) = l.start(d);
            let (end_line, end_column) = l.end(d);
            let region = Region {
                start_line,
                start_column,
                end_line,
                end_column,
                byte_offset: d.span.map(|s| l.byte_offset + s.start),
                byte_length: d.span.map(|s| s.end - s.start),
            };
            let artifact_location = artifact(&l.path);
            let fingerprint = self.fingerprints.next(&l, d);
            let related_locations = l
                .related(i)
                .map(|r| Location {
                    id: Some(1),
                    physical_location: PhysicalLocation {
                        artifact_location: artifact(&r.path),
                        region: Region {
                            start_line: r.line,
                            start_column: r.column,
                            end_line: r.line,
                            end_column: r.column,
                            byte_offset: None,
                            byte_length: None,
                        },
                    },
                    message: Some(Text {
                        text: crate::ui::words(self.lang).earlier.into(),
                    }),
                })
                .into_iter()
                .collect();
            self.results.push(SarifResult {
                rule_id: d.rule.id(),
                rule_index: d.rule.index(),
                level: level(d.severity),
                message: Text {
                    text: d.message.clone(),
                },
                locations: vec![Location {
                    id: None,
                    physical_location: PhysicalLocation {
                        artifact_location,
                        region,
                    },
                    message: None,
                }],
                related_locations,
                partial_fingerprints: [("importimageLint/v1", fingerprint)].into_iter().collect(),
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

    fn config_error(&mut self, _: &mut dyn Write, e: &ConfigFailure) -> io::Result<()> {
        let line = e.line.unwrap_or(1);
        let column = e.column.unwrap_or(1);
        self.notifications.push(Notification {
            level: "error",
            message: Text {
                text: e.message.clone(),
            },
            locations: vec![Location {
                id: None,
                physical_location: PhysicalLocation {
                    artifact_location: artifact(&e.path.display().to_string()),
                    region: Region {
                        start_line: line,
                        start_column: column,
                        end_line: line,
                        end_column: column,
                        byte_offset: None,
                        byte_length: None,
                    },
                },
                message: None,
            }],
        });
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
                        information_uri: env!("CARGO_PKG_REPOSITORY"),
                        rules: descriptors(&self.profiles, self.lang),
                    },
                },
                language: self.lang.tag(),
                invocations: vec![Invocation {
                    execution_successful: self.notifications.is_empty(),
                    tool_configuration_notifications: std::mem::take(&mut self.notifications),
                }],
                original_uri_base_ids: [(ROOT, BaseUri { uri: root_uri() })].into_iter().collect(),
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
