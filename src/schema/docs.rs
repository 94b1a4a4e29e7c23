//! A parameter's documentation, as editors show it: the schema's `markdownDescription`, and
//! the language server's hover and completion.

use crate::profile::{Kind, Param, Profile, Required};
use crate::rule::Rule;
use crate::Lang;

/// Where a rule's documentation lives: its entry in the README's rule table (SARIF's
/// `helpUri` and the language server's `codeDescription` link there too).
pub fn rule_url(rule: Rule) -> String {
    format!(
        "{}/blob/main/README.md#{}",
        env!("CARGO_PKG_REPOSITORY"),
        rule.id()
    )
}

/// The rules that judge a parameter's value, its own first.
pub fn rules_of(p: &Param) -> Vec<Rule> {
    let mut rules = vec![p.rule()];
    if let Kind::Text(t) = p.kind() {
        let r = t.rules;
        for rule in [
            Some(r.length),
            r.utf16,
            Some(r.start),
            Some(r.characters),
            Some(r.url),
            Some(r.prefix),
        ]
        .into_iter()
        .flatten()
        {
            if !rules.contains(&rule) {
                rules.push(rule);
            }
        }
    }
    if p.required() != Required::No && !rules.contains(&Rule::MissingParameter) {
        rules.push(Rule::MissingParameter);
    }
    rules
}

/// A parameter's documentation in Markdown, as editors show it on hover and in completion:
/// what it is, whether it is required, its default, the limits the profile's table sets
/// for it (from [`crate::profile::facts`]), and the rules that judge it, each linked to its
/// documentation.
///
/// ```
/// use importimage_lint::profile::SPEC_2019;
/// let p = SPEC_2019.param("DiskDeviceMapping.N.DiskImageSize").unwrap();
/// let doc = importimage_lint::schema::documentation(&SPEC_2019, p);
/// assert!(doc.contains("N = 1: 5–500 GiB"), "{doc}");
/// assert!(doc.contains("[`disk-image-size`]("), "{doc}");
/// ```
pub fn documentation(profile: &Profile, p: &Param) -> String {
    documentation_in(profile, p, Lang::En)
}

/// [`documentation`] in a language (the language server's hover follows the document's).
///
/// ```
/// use importimage_lint::{profile::SPEC_2019, Lang};
/// let p = SPEC_2019.param("DiskDeviceMapping.N.DiskImageSize").unwrap();
/// let doc = importimage_lint::schema::documentation_in(&SPEC_2019, p, Lang::ZhCn);
/// assert!(doc.contains("N = 1 时取值范围为 5~500 GiB"), "{doc}");
/// assert!(doc.starts_with("**DiskDeviceMapping.N.DiskImageSize**（版本 2019-01）"), "{doc}");
/// ```
pub fn documentation_in(profile: &Profile, p: &Param, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    let (_, zh_doc) = crate::message::table_words(lang);
    let what = zh_doc(p.name()).unwrap_or(p.doc());
    let mut out = if zh {
        format!("**{}**（版本 {}）\n\n{what}", p.name(), profile.id)
    } else {
        format!("**{}** ({} profile)\n\n{what}", p.name(), profile.id)
    };
    let family = p.family().unwrap_or("member");
    let required = match (p.required(), zh) {
        (Required::Yes, false) => Some("Required.".to_owned()),
        (Required::Yes, true) => Some("必填参数。".to_owned()),
        (Required::PerIndex, false) => Some(format!("Required in every {family} that is given.")),
        (Required::PerIndex, true) => Some(format!("传入 {family} 时必填。")),
        _ => None,
    };
    let mut notes: Vec<String> = required.into_iter().collect();
    if let Some(d) = p.default() {
        notes.push(if zh {
            format!("默认值：`{d}`。")
        } else {
            format!("Default: `{d}`.")
        });
    }
    if p.detected() {
        notes.push(
            if zh {
                "不传入时，由服务从镜像检测。"
            } else {
                "Absent, the service detects it from the image."
            }
            .to_owned(),
        );
    }
    if let Some(d) = p.deprecation() {
        notes.push(match (d.instead, zh) {
            (Some(i), false) => format!("Deprecated: use `{i}`."),
            (Some(i), true) => format!("已弃用：请改用 `{i}`。"),
            (None, false) => "Deprecated.".to_owned(),
            (None, true) => "已弃用。".to_owned(),
        });
    }
    if !notes.is_empty() {
        out.push_str("\n\n");
        out.push_str(&notes.join(if zh { "" } else { " " }));
    }
    let rules = rules_of(p);
    let mut limits: Vec<String> = Vec::new();
    for &rule in &rules {
        for fact in crate::profile::param_facts(profile, rule, p.name(), lang) {
            if !limits.contains(&fact) {
                limits.push(fact);
            }
        }
    }
    if !limits.is_empty() {
        out.push_str("\n\n");
        for l in limits {
            out.push_str(&format!("- {l}\n"));
        }
        out.pop();
    }
    let links: Vec<String> = rules
        .iter()
        .map(|r| format!("[`{}`]({})", r.id(), rule_url(*r)))
        .collect();
    out.push_str(&if zh {
        format!("\n\n规则：{}。", links.join("、"))
    } else {
        format!("\n\nRules: {}.", links.join(", "))
    });
    out
}

/// A parameter's documentation in plain text and the rules that judge it.
pub(super) fn describe(p: &Param) -> String {
    let rules: Vec<&str> = rules_of(p).iter().map(|r| r.id()).collect();
    format!("{} Rules: {}.", p.doc(), rules.join(", "))
}
