//! The project configuration file, `importimage-lint.toml`: the profile, per-rule
//! severities, files to exclude and per-file ignores. Unknown keys and rule ids are errors
//! with a did-you-mean and their line and column. Pure: the CLI finds and reads the file.
//!
//! ```toml
//! profile = "current"
//! lang = "zh-CN"
//! exclude = ["legacy/**"]
//!
//! [rules]
//! region-id-unknown = "off"
//! enum-letter-case = "error"
//!
//! [per-file-ignores]
//! "drafts/*.json" = ["image-name-characters"]
//! ```

use crate::profile::{self, Profile};
use crate::{Lang, Options, Rule, Severity};

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
    /// The language of messages, if the file names one (`lang = "zh-CN"`).
    pub lang: Option<Lang>,
    /// Per-rule severities; `None` turns a rule off.
    pub rules: Vec<(Rule, Option<Severity>)>,
    /// Glob patterns (relative to the file's folder) of files never linted in folder walks.
    pub exclude: Vec<String>,
    /// Glob patterns (relative to the file's folder) and the rules turned off for them.
    pub per_file_ignores: Vec<(String, Vec<Rule>)>,
}

/// Why a configuration was refused, and where.
///
/// ```
/// let e = importimage_lint::config::parse_config("color = 1").unwrap_err();
/// assert_eq!((e.line, e.column), (Some(1), Some(1)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", line.map(|l| format!("{l}:{}: ", column.unwrap_or(1))).unwrap_or_default())]
#[non_exhaustive]
pub struct ConfigError {
    /// What is wrong, and what to write instead.
    pub message: String,
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// The 1-based column (in characters), where known.
    pub column: Option<usize>,
}

impl ConfigError {
    fn at(message: String, pos: Option<(usize, usize)>) -> Self {
        ConfigError {
            message,
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
        }
    }
}

/// The line and column of `key` written as a key (`key =` or `"key" =`) in `text`,
/// inside the table `table` (`None`: the top level).
fn position(text: &str, table: Option<&str>, key: &str) -> Option<(usize, usize)> {
    let mut current: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let body = line.trim_start();
        if let Some(name) = body.strip_prefix('[').and_then(|b| b.split(']').next()) {
            current = Some(name.trim().trim_matches('"').to_owned());
            if table.is_none() {
                continue;
            }
        }
        if current.as_deref() != table {
            continue;
        }
        let indent = line.len() - body.len();
        for written in [key.to_owned(), format!("\"{key}\"")] {
            if let Some(rest) = body.strip_prefix(&written) {
                if rest.trim_start().starts_with('=') {
                    return Some((i + 1, line[..indent].chars().count() + 1));
                }
            }
        }
    }
    None
}

fn did_you_mean(word: &str, candidates: &[&'static str]) -> String {
    match crate::chars::closest(word, candidates.iter().copied()) {
        Some(s) => format!("; did you mean `{s}`?"),
        None => format!("; expected one of {}", candidates.join(", ")),
    }
}

fn rule_ids() -> Vec<&'static str> {
    Rule::ALL.iter().map(|r| r.id()).collect()
}

/// Parses the text of a configuration file.
///
/// ```
/// use importimage_lint::config::parse_config;
/// let c = parse_config("profile = \"current\"\nexclude = [\"legacy/**\"]\n[rules]\nregion-id-unknown = \"off\"\n[per-file-ignores]\n\"drafts/*\" = [\"image-name-characters\"]\n").unwrap();
/// assert_eq!(c.profile.unwrap().id, "current");
/// assert_eq!(c.exclude, ["legacy/**"]);
/// assert_eq!(c.per_file_ignores[0].0, "drafts/*");
/// let e = parse_config("[rules]\nregion-id-unknwn = \"off\"\n").unwrap_err();
/// assert_eq!(e.to_string(), "2:1: unknown rule `region-id-unknwn`; did you mean `region-id-unknown`?");
/// ```
pub fn parse_config(text: &str) -> Result<Config, ConfigError> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let pos = e.span().map(|s| {
            let at = s.start.min(text.len());
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            (
                text[..at].matches('\n').count() + 1,
                text[line_start..at].chars().count() + 1,
            )
        });
        ConfigError::at(format!("not valid TOML: {}", e.message()), pos)
    })?;
    let mut config = Config::default();
    for (key, value) in &table {
        let here = || {
            position(text, None, key)
                .or_else(|| position(text, Some(key), key))
                .or(Some((1, 1)))
        };
        match key.as_str() {
            "profile" => {
                let id = value.as_str().ok_or_else(|| {
                    ConfigError::at(
                        "`profile` must be a string such as \"current\"".into(),
                        here(),
                    )
                })?;
                let ids: Vec<&'static str> = profile::PROFILES.iter().map(|p| p.id).collect();
                config.profile = Some(profile::by_id(id).ok_or_else(|| {
                    ConfigError::at(
                        format!("unknown profile `{id}`{}", did_you_mean(id, &ids)),
                        here(),
                    )
                })?);
            }
            "lang" => {
                let tags: Vec<&'static str> = Lang::ALL.iter().map(|l| l.tag()).collect();
                let shown = value
                    .as_str()
                    .map_or_else(|| format!("a {}", value.type_str()), |s| format!("`{s}`"));
                config.lang = Some(value.as_str().and_then(Lang::parse).ok_or_else(|| {
                    ConfigError::at(
                        format!(
                            "unknown language {shown}; choose one of {}",
                            tags.join(", ")
                        ),
                        here(),
                    )
                })?);
            }
            "exclude" => config.exclude = strings(value, "exclude", here())?,
            "rules" => {
                let rules = value.as_table().ok_or_else(|| {
                    ConfigError::at(
                        "`rules` must be a table: [rules] then rule-id = \"off\" | \"info\" | \"warning\" | \"error\"".into(),
                        here(),
                    )
                })?;
                for (id, sev) in rules {
                    let at = position(text, Some("rules"), id);
                    let rule = Rule::from_id(id).ok_or_else(|| {
                        ConfigError::at(
                            format!("unknown rule `{id}`{}", did_you_mean(id, &rule_ids())),
                            at,
                        )
                    })?;
                    let severity = match sev.as_str() {
                        Some("off") => None,
                        Some(s) if Severity::parse(s).is_some() => Severity::parse(s),
                        _ => {
                            let shown = sev.as_str().map_or_else(
                                || format!("a {}", sev.type_str()),
                                |s| format!("\"{s}\""),
                            );
                            return Err(ConfigError::at(
                                format!("`{id}` must be \"off\", \"info\", \"warning\" or \"error\", not {shown}"),
                                at,
                            ));
                        }
                    };
                    config.rules.push((rule, severity));
                }
            }
            "per-file-ignores" => {
                let globs = value.as_table().ok_or_else(|| {
                    ConfigError::at(
                        "`per-file-ignores` must be a table: \"glob\" = [\"rule-id\", …]".into(),
                        here(),
                    )
                })?;
                for (glob, ids) in globs {
                    let at = position(text, Some("per-file-ignores"), glob);
                    let mut rules = Vec::new();
                    for id in strings(ids, glob, at)? {
                        rules.push(Rule::from_id(&id).ok_or_else(|| {
                            ConfigError::at(
                                format!("unknown rule `{id}`{}", did_you_mean(&id, &rule_ids())),
                                at,
                            )
                        })?);
                    }
                    config.per_file_ignores.push((glob.clone(), rules));
                }
            }
            other => {
                return Err(ConfigError::at(
                    format!(
                        "unknown key `{other}`{}",
                        did_you_mean(
                            other,
                            &["profile", "lang", "exclude", "rules", "per-file-ignores"]
                        )
                    ),
                    here(),
                ))
            }
        }
    }
    Ok(config)
}

/// A list of strings.
fn strings(
    value: &toml::Value,
    key: &str,
    at: Option<(usize, usize)>,
) -> Result<Vec<String>, ConfigError> {
    value
        .as_array()
        .and_then(|items| {
            items
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .ok_or_else(|| ConfigError::at(format!("`{key}` must be a list of strings"), at))
}

impl Config {
    /// Applies the configuration to options; what is applied later (command-line flags) wins.
    ///
    /// ```
    /// use importimage_lint::{config::parse_config, Options};
    /// let mut opts = Options::default();
    /// parse_config("profile = \"current\"\nlang = \"zh-CN\"").unwrap().apply(&mut opts);
    /// assert_eq!(opts.profile.id, "current");
    /// assert_eq!(opts.lang, importimage_lint::Lang::ZhCn);
    /// ```
    pub fn apply(&self, opts: &mut Options) {
        if let Some(p) = self.profile {
            opts.profile = p;
        }
        if let Some(l) = self.lang {
            opts.lang = l;
        }
        opts.severities.extend(self.rules.iter().copied());
    }
}
