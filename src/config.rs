//! The project configuration file, `importimage-lint.toml`: the profile and per-rule
//! severities. Unknown keys and rule ids are errors with a did-you-mean.
//!
//! ```toml
//! profile = "current"
//!
//! [rules]
//! region-id-unknown = "off"
//! enum-letter-case = "error"
//! ```

use crate::profile::{self, Profile};
use crate::{Options, Rule, Severity};

/// The file name looked for, from a linted file's folder upward.
pub const CONFIG_FILE: &str = "importimage-lint.toml";

/// A parsed configuration.
///
/// ```
/// let c = importimage_lint::config::parse_config("[rules]\nenum-letter-case = \"error\"").unwrap();
/// assert_eq!(c.rules[0].1, Some(importimage_lint::Severity::Error));
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Config {
    /// The profile to use, if the file names one.
    pub profile: Option<&'static Profile>,
    /// Per-rule severities; `None` turns a rule off.
    pub rules: Vec<(Rule, Option<Severity>)>,
}

/// Why a configuration was refused.
///
/// ```
/// let e = importimage_lint::config::parse_config("color = 1").unwrap_err();
/// assert_eq!(e.line, Some(1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct ConfigError {
    /// What is wrong, and what to write instead.
    pub message: String,
    /// The 1-based line, where known.
    pub line: Option<usize>,
}

fn line_of(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .or_else(|| l.strip_prefix(&format!("\"{key}\"")))
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

fn did_you_mean(word: &str, candidates: &[&'static str]) -> String {
    match crate::chars::closest(word, candidates.iter().copied()) {
        Some(s) => format!("; did you mean `{s}`?"),
        None => format!("; expected one of {}", candidates.join(", ")),
    }
}

/// Parses the text of a configuration file.
///
/// ```
/// use importimage_lint::config::parse_config;
/// let c = parse_config("profile = \"current\"\n[rules]\nregion-id-unknown = \"off\"\n").unwrap();
/// assert_eq!(c.profile.unwrap().id, "current");
/// let e = parse_config("[rules]\nregion-id-unknwn = \"off\"\n").unwrap_err();
/// assert_eq!(e.to_string(), "line 2: unknown rule `region-id-unknwn`; did you mean `region-id-unknown`?");
/// ```
pub fn parse_config(text: &str) -> Result<Config, ConfigError> {
    let table: toml::Table = toml::from_str(text).map_err(|e| ConfigError {
        message: format!("not valid TOML: {}", e.message()),
        line: e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1),
    })?;
    let mut config = Config::default();
    for (key, value) in &table {
        match key.as_str() {
            "profile" => {
                let id = value.as_str().ok_or_else(|| ConfigError {
                    message: "`profile` must be a string such as \"current\"".into(),
                    line: line_of(text, key),
                })?;
                let ids: Vec<&'static str> = profile::PROFILES.iter().map(|p| p.id).collect();
                config.profile = Some(profile::by_id(id).ok_or_else(|| ConfigError {
                    message: format!("unknown profile `{id}`{}", did_you_mean(id, &ids)),
                    line: line_of(text, key),
                })?);
            }
            "rules" => {
                let rules = value.as_table().ok_or_else(|| ConfigError {
                    message: "`rules` must be a table: [rules] then rule-id = \"off\" | \"warning\" | \"error\"".into(),
                    line: line_of(text, key),
                })?;
                for (id, sev) in rules {
                    let ids: Vec<&'static str> = Rule::ALL.iter().map(|r| r.id()).collect();
                    let rule = Rule::from_id(id).ok_or_else(|| ConfigError {
                        message: format!("unknown rule `{id}`{}", did_you_mean(id, &ids)),
                        line: line_of(text, id),
                    })?;
                    let severity = match sev.as_str() {
                        Some("off") => None,
                        Some(s) if Severity::parse(s).is_some_and(|s| s != Severity::Info) => {
                            Severity::parse(s)
                        }
                        _ => {
                            return Err(ConfigError {
                                message: format!(
                                    "`{id}` must be \"off\", \"warning\" or \"error\", not {}",
                                    sev.as_str()
                                        .map_or_else(|| format!("{sev:?}"), |s| format!("\"{s}\""))
                                ),
                                line: line_of(text, id),
                            })
                        }
                    };
                    config.rules.push((rule, severity));
                }
            }
            other => {
                return Err(ConfigError {
                    message: format!(
                        "unknown key `{other}`{}",
                        did_you_mean(other, &["profile", "rules"])
                    ),
                    line: line_of(text, other),
                })
            }
        }
    }
    Ok(config)
}

impl Config {
    /// Applies the configuration to options; what is applied later (command-line flags) wins.
    ///
    /// ```
    /// use importimage_lint::{config::parse_config, Options};
    /// let mut opts = Options::default();
    /// parse_config("profile = \"current\"").unwrap().apply(&mut opts);
    /// assert_eq!(opts.profile.id, "current");
    /// ```
    pub fn apply(&self, opts: &mut Options) {
        if let Some(p) = self.profile {
            opts.profile = p;
        }
        opts.severities.extend(self.rules.iter().copied());
    }
}
