//! What a profile's table says for one rule, generated from the table alone: `explain`
//! prints it per profile and the README lists it, so a new revision documents itself.

use super::param::*;
use super::Profile;
use crate::rule::Rule;

/// What a profile's table says for one rule, in one line: the limits, lists and defaults
/// it reads. Empty when the table has nothing to say for the rule.
///
/// ```
/// use importimage_lint::{profile, Rule};
/// let old = profile::facts(&profile::SPEC_2019, Rule::DiskImageSize);
/// let new = profile::facts(&profile::CURRENT, Rule::DiskImageSize);
/// assert_eq!(old, "DiskDeviceMapping.N.DiskImageSize: N = 1: 5–500 GiB, N = 2–17: 5–1000 GiB");
/// assert!(new.starts_with("DiskDeviceMapping.N.DiskImageSize: N = 1–17: 1–2048 GiB"));
/// ```
pub fn facts(p: &Profile, rule: Rule) -> String {
    let mut out: Vec<String> = Vec::new();
    for param in p.params {
        match param.kind() {
            Kind::Enum(c) if param.rule() == rule => out.push(enum_facts(param, &c)),
            Kind::Enum(c) if rule == Rule::EnumLetterCase && c.case == Case::Warn => {
                out.push(format!("{}: other letter case warns", param.name()))
            }
            Kind::Text(t) => out.extend(text_facts(param, &t, rule)),
            Kind::Integer(i) if param.rule() == rule => out.push(int_facts(param, &i)),
            Kind::Bool | Kind::CloudBoxArn | Kind::Timestamp if param.rule() == rule => {
                out.push(format!("{}: {}", param.name(), param.doc()))
            }
            _ => {}
        }
    }
    match rule {
        Rule::RegionIdUnknown => out.push(format!("{} known regions", p.regions.len())),
        Rule::ParameterIndex => out.extend(
            p.families
                .iter()
                .map(|f| format!("{}.N with N 1–{}", f.prefix, f.max)),
        ),
        Rule::MissingParameter => {
            let required: Vec<String> = p
                .params
                .iter()
                .filter(|x| x.required() != Required::No)
                .map(|x| x.name().to_owned())
                .collect();
            out.push(format!("required: {}", required.join(", ")));
            for f in p.families.iter().filter(|f| f.first_required) {
                out.push(format!("{}.1 must be present", f.prefix));
            }
        }
        Rule::FormatExtensionMismatch => out.push(
            p.format_extensions
                .iter()
                .map(|(e, f)| format!(".{e} = {f}"))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Rule::RequiredCombination if p.requires.is_empty() => {
            out.push("no combinations stated".into())
        }
        Rule::RequiredCombination => out.extend(
            p.requires
                .iter()
                .map(|r| format!("{} {} needs {} {}", r.when, r.is, r.then, r.must)),
        ),
        Rule::DeprecatedParameter => {
            let old: Vec<&str> = p
                .params
                .iter()
                .filter(|x| x.deprecation().is_some())
                .map(|x| x.name())
                .collect();
            out.push(if old.is_empty() {
                "no deprecated parameters".into()
            } else {
                format!("deprecated: {}", old.join(", "))
            });
        }
        Rule::UnknownParameter | Rule::NewerApiParameter => {
            out.push(format!("{} parameters known", p.params.len()))
        }
        Rule::CredentialInRequest => {
            let names: Vec<&str> = p
                .params
                .iter()
                .filter(|x| matches!(x.kind(), Kind::Credential))
                .map(|x| x.name())
                .collect();
            out.push(format!("credentials: {}", names.join(", ")));
        }
        Rule::RoleName if p.role.name_from_request => out.push(format!(
            "{}, or the role the request's RoleName names",
            p.role.name
        )),
        Rule::RoleName => out.push(p.role.name.to_owned()),
        Rule::RoleTrust => out.push(format!(
            "Allow {} for the service {}",
            p.role.assume_action, p.role.service
        )),
        Rule::RolePermissions | Rule::RoleResources => {
            let actions: Vec<&str> = p.role.actions.iter().map(|(a, _)| *a).collect();
            out.push(format!(
                "{} (all granted by {})",
                actions.join(", "),
                p.role.system_policy
            ));
        }
        _ => {}
    }
    if out.is_empty() && judged_elsewhere(p, rule) {
        out.push("not part of this revision".into());
    }
    out.join("; ")
}

/// Whether another profile has a parameter this rule judges, while `p` has none.
fn judged_elsewhere(p: &Profile, rule: Rule) -> bool {
    let judges = |q: &Profile| q.params.iter().any(|x| x.rule() == rule);
    !judges(p) && super::PROFILES.iter().any(|q| judges(q))
}

fn enum_facts(param: &Param, c: &Choices) -> String {
    let case = match c.case {
        Case::Exact => "exact letter case",
        Case::Warn => "other letter case warns",
        _ => "any letter case",
    };
    let default = param
        .default()
        .map(|d| format!(", default {d}"))
        .unwrap_or_default();
    let values: Vec<&str> = c
        .spellings()
        .map(|v| if v.is_empty() { "(empty)" } else { v })
        .collect();
    format!("{}: {} ({case}{default})", param.name(), values.join(", "))
}

fn text_facts(param: &Param, t: &TextRule, rule: Rule) -> Vec<String> {
    let name = param.name();
    let mut out = Vec::new();
    let r = &t.rules;
    if r.length == rule || r.utf16 == Some(rule) {
        out.push(format!("{name} {}–{} code points", t.min, t.max));
    }
    if let Charset::Name { punctuation } = t.chars {
        if r.start == rule {
            out.push(format!(
                "{name} starts with an ASCII letter or a Han character"
            ));
        }
        if r.characters == rule {
            out.push(format!("{name}: letters, digits, Han and `{punctuation}`"));
        }
    } else if t.chars == Charset::PrintableAscii && r.characters == rule {
        out.push(format!("{name}: printable ASCII only"));
    }
    if r.url == rule {
        match t.url {
            UrlRule::Prefix => out.push(format!("{name}: http(s):// forbidden at the start")),
            UrlRule::Anywhere => out.push(format!("{name}: http(s):// forbidden anywhere")),
            _ => {}
        }
    }
    if r.prefix == rule && r.prefix != r.url {
        out.push(if t.forbidden_prefixes.is_empty() {
            format!("{name}: no reserved prefixes")
        } else {
            format!(
                "{name} must not start with {}",
                t.forbidden_prefixes.join(" or ")
            )
        });
    } else if r.prefix == rule && !t.forbidden_prefixes.is_empty() {
        out.push(format!(
            "{name} must not start with {}",
            t.forbidden_prefixes.join(" or ")
        ));
    }
    out.dedup();
    out
}

fn int_facts(param: &Param, i: &IntRule) -> String {
    let unit = if i.unit == Unit::GiB { " GiB" } else { "" };
    let ranges: Vec<String> = i
        .ranges
        .iter()
        .map(|b| {
            let n = match (b.first, b.last) {
                (0, 0) => String::new(),
                (a, z) if a == z => format!("N = {a}: "),
                (a, z) => format!("N = {a}–{z}: "),
            };
            format!("{n}{}–{}{unit}", b.min, b.max)
        })
        .collect();
    format!("{}: {}", param.name(), ranges.join(", "))
}
