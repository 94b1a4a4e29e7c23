//! A parameter's documentation, as editors show it: the schema's `markdownDescription`, and
//! the language server's hover and completion.

use crate::profile::{Kind, Param, Profile, Required};
use crate::rule::Rule;

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
    let mut out = format!("**{}** ({} profile)\n\n{}", p.name(), profile.id, p.doc());
    let required = match p.required() {
        Required::Yes => Some("Required.".to_owned()),
        Required::PerIndex => Some(format!(
            "Required in every {} that is given.",
            p.family().unwrap_or("member")
        )),
        Required::No => None,
    };
    let mut notes: Vec<String> = required.into_iter().collect();
    if let Some(d) = p.default() {
        notes.push(format!("Default: `{d}`."));
    }
    if p.detected() {
        notes.push("Absent, the service detects it from the image.".to_owned());
    }
    if let Some(d) = p.deprecation() {
        notes.push(match d.instead {
            Some(i) => format!("Deprecated: use `{i}`."),
            None => "Deprecated.".to_owned(),
        });
    }
    if !notes.is_empty() {
        out.push_str("\n\n");
        out.push_str(&notes.join(" "));
    }
    let rules = rules_of(p);
    let mut limits: Vec<String> = Vec::new();
    for &rule in &rules {
        for fact in crate::profile::facts(profile, rule).split("; ") {
            let about = fact.strip_prefix(p.name()).is_some_and(|rest| {
                rest.starts_with(':') || rest.starts_with(' ') || rest.is_empty()
            });
            if about && !limits.iter().any(|l| l == fact) {
                limits.push(fact.to_owned());
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
    out.push_str(&format!("\n\nRules: {}.", links.join(", ")));
    out
}

/// A parameter's documentation in plain text and the rules that judge it.
pub(super) fn describe(p: &Param) -> String {
    let rules: Vec<&str> = rules_of(p).iter().map(|r| r.id()).collect();
    format!("{} Rules: {}.", p.doc(), rules.join(", "))
}
