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
    /// What is wrong, and what to write instead (in English; [`ConfigError::message_in`]
    /// says it in another language).
    pub message: String,
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// The 1-based column (in characters), where known.
    pub column: Option<usize>,
    problem: Problem,
}

impl ConfigError {
    fn at(problem: Problem, pos: Option<(usize, usize)>) -> Self {
        ConfigError {
            message: problem.say(Lang::En),
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
            problem,
        }
    }

    /// What is wrong, and what to write instead, in `lang`.
    ///
    /// ```
    /// use importimage_lint::{config::parse_config, Lang};
    /// let e = parse_config("lang = \"fr\"").unwrap_err();
    /// assert!(e.message_in(Lang::ZhCn).starts_with("未知的语言 `fr`"));
    /// ```
    pub fn message_in(&self, lang: Lang) -> String {
        self.problem.say(lang)
    }
}

/// Near what was written: the closest known word, or the list to choose from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Near {
    Suggest(&'static str),
    OneOf(Vec<&'static str>),
}

/// Why a configuration was refused, as a typed value each language says in its words.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    Toml(String),
    ProfileNotString,
    UnknownProfile(String, Near),
    /// What was written (`` `fr` `` or a TOML type) and the tags to choose from.
    UnknownLang(Written, Vec<&'static str>),
    RulesNotTable,
    UnknownRule(String, Near),
    BadSeverity(String, Written),
    PerFileNotTable,
    UnknownKey(String, Near),
    NotStrings(String),
}

/// A value as written: a string, or a value of another TOML type.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Written {
    Text(String),
    Type(&'static str),
}

impl Written {
    fn of(v: &toml::Value) -> Written {
        v.as_str()
            .map_or(Written::Type(v.type_str()), |s| Written::Text(s.to_owned()))
    }

    fn say(&self, lang: Lang, quote: char) -> String {
        match (self, lang) {
            (Written::Text(s), _) if quote == '`' => format!("`{s}`"),
            (Written::Text(s), _) => format!("\"{s}\""),
            (Written::Type(t), Lang::ZhCn) => match *t {
                "string" => "字符串",
                "integer" => "整数",
                "float" => "浮点数",
                "boolean" => "布尔值",
                "datetime" => "日期时间",
                "array" => "数组",
                _ => "表",
            }
            .to_owned(),
            (Written::Type(t), _) => format!("a {t}"),
        }
    }
}

impl Near {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (Near::Suggest(s), Lang::ZhCn) => format!("；您是否想写 `{s}`？"),
            (Near::OneOf(all), Lang::ZhCn) => {
                let all: Vec<String> = all.iter().map(|w| format!("`{w}`")).collect();
                format!("；可选：{}", all.join("、"))
            }
            (Near::Suggest(s), _) => format!("; did you mean `{s}`?"),
            (Near::OneOf(all), _) => format!("; expected one of {}", all.join(", ")),
        }
    }
}

impl Problem {
    fn say(&self, lang: Lang) -> String {
        use Problem::*;
        let zh = lang == Lang::ZhCn;
        match (self, zh) {
            (Toml(detail), false) => format!("not valid TOML: {detail}"),
            (Toml(detail), true) => format!("不是有效的 TOML（解析器的说明：“{detail}”）"),
            (ProfileNotString, false) => "`profile` must be a string such as \"current\"".into(),
            (ProfileNotString, true) => "`profile` 必须是字符串，例如 \"current\"".into(),
            (UnknownProfile(id, near), false) => format!("unknown profile `{id}`{}", near.say(lang)),
            (UnknownProfile(id, near), true) => format!("未知的版本 `{id}`{}", near.say(lang)),
            (UnknownLang(w, tags), false) => format!(
                "unknown language {}; choose one of {} (also written zh-cn, zh_CN or zh)",
                w.say(lang, '`'),
                tags.join(", ")
            ),
            (UnknownLang(w, tags), true) => format!(
                "未知的语言 {}；可选：{}（也可写作 zh-cn、zh_CN 或 zh）",
                w.say(lang, '`'),
                tags.join("、")
            ),
            (RulesNotTable, false) => {
                "`rules` must be a table: [rules] then rule-id = \"off\" | \"info\" | \"warning\" | \"error\"".into()
            }
            (RulesNotTable, true) => {
                "`rules` 必须是表：先写 [rules]，再逐行写 rule-id = \"off\" | \"info\" | \"warning\" | \"error\"".into()
            }
            (UnknownRule(id, near), false) => format!("unknown rule `{id}`{}", near.say(lang)),
            (UnknownRule(id, near), true) => format!("未知的规则 `{id}`{}", near.say(lang)),
            (BadSeverity(id, w), false) => format!(
                "`{id}` must be \"off\", \"info\", \"warning\" or \"error\", not {}",
                w.say(lang, '"')
            ),
            (BadSeverity(id, w), true) => format!(
                "`{id}` 必须为 \"off\"、\"info\"、\"warning\" 或 \"error\"，实际为 {}",
                w.say(lang, '"')
            ),
            (PerFileNotTable, false) => "`per-file-ignores` must be a table: \"glob\" = [\"rule-id\", …]".into(),
            (PerFileNotTable, true) => "`per-file-ignores` 必须是表：\"glob\" = [\"rule-id\", …]".into(),
            (UnknownKey(key, near), false) => format!("unknown key `{key}`{}", near.say(lang)),
            (UnknownKey(key, near), true) => format!("未知的键 `{key}`{}", near.say(lang)),
            (NotStrings(key), false) => format!("`{key}` must be a list of strings"),
            (NotStrings(key), true) => format!("`{key}` 必须是字符串列表"),
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

fn did_you_mean(word: &str, candidates: &[&'static str]) -> Near {
    match crate::chars::closest(word, candidates.iter().copied()) {
        Some(s) => Near::Suggest(s),
        None => Near::OneOf(candidates.to_vec()),
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
        ConfigError::at(Problem::Toml(e.message().to_owned()), pos)
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
                let id = value
                    .as_str()
                    .ok_or_else(|| ConfigError::at(Problem::ProfileNotString, here()))?;
                let ids: Vec<&'static str> = profile::PROFILES.iter().map(|p| p.id).collect();
                config.profile = Some(profile::by_id(id).ok_or_else(|| {
                    ConfigError::at(
                        Problem::UnknownProfile(id.to_owned(), did_you_mean(id, &ids)),
                        here(),
                    )
                })?);
            }
            "lang" => {
                let tags: Vec<&'static str> = Lang::ALL.iter().map(|l| l.tag()).collect();
                config.lang = Some(value.as_str().and_then(lang_of_tag).ok_or_else(|| {
                    ConfigError::at(Problem::UnknownLang(Written::of(value), tags), here())
                })?);
            }
            "exclude" => config.exclude = strings(value, "exclude", here())?,
            "rules" => {
                let rules = value
                    .as_table()
                    .ok_or_else(|| ConfigError::at(Problem::RulesNotTable, here()))?;
                for (id, sev) in rules {
                    let at = position(text, Some("rules"), id);
                    let rule = Rule::from_id(id).ok_or_else(|| {
                        ConfigError::at(
                            Problem::UnknownRule(id.clone(), did_you_mean(id, &rule_ids())),
                            at,
                        )
                    })?;
                    let severity = match sev.as_str() {
                        Some("off") => None,
                        Some(s) if Severity::parse(s).is_some() => Severity::parse(s),
                        _ => {
                            return Err(ConfigError::at(
                                Problem::BadSeverity(id.clone(), Written::of(sev)),
                                at,
                            ));
                        }
                    };
                    config.rules.push((rule, severity));
                }
            }
            "per-file-ignores" => {
                let globs = value
                    .as_table()
                    .ok_or_else(|| ConfigError::at(Problem::PerFileNotTable, here()))?;
                for (glob, ids) in globs {
                    let at = position(text, Some("per-file-ignores"), glob);
                    let mut rules = Vec::new();
                    for id in strings(ids, glob, at)? {
                        rules.push(Rule::from_id(&id).ok_or_else(|| {
                            ConfigError::at(
                                Problem::UnknownRule(id.clone(), did_you_mean(&id, &rule_ids())),
                                at,
                            )
                        })?);
                    }
                    config.per_file_ignores.push((glob.clone(), rules));
                }
            }
            other => {
                return Err(ConfigError::at(
                    Problem::UnknownKey(
                        other.to_owned(),
                        did_you_mean(
                            other,
                            &["profile", "lang", "exclude", "rules", "per-file-ignores"],
                        ),
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
        .ok_or_else(|| ConfigError::at(Problem::NotStrings(key.to_owned()), at))
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

/// A language tag, as [`Lang`]'s `FromStr` reads it.
fn lang_of_tag(tag: &str) -> Option<Lang> {
    tag.parse().ok()
}
