//! What a profile's table says for one rule, generated from the table alone: `explain`
//! prints it per profile and the README lists it, so a new revision documents itself.
//! The facts are typed values ([`Fact`]) that the message catalogues render, so they read
//! in the reader's language.

use super::param::*;
use super::Profile;
use crate::message::Fact;
use crate::rule::Rule;
use crate::Lang;

/// What a profile's table says for one rule, in one line of English: the limits, lists and
/// defaults it reads. Empty when the table has nothing to say for the rule.
///
/// ```
/// use importimage_lint::{profile, Rule};
/// let old = profile::facts(&profile::SPEC_2019, Rule::DiskImageSize);
/// let new = profile::facts(&profile::CURRENT, Rule::DiskImageSize);
/// assert_eq!(old, "DiskDeviceMapping.N.DiskImageSize: N = 1: 5–500 GiB, N = 2–17: 5–1000 GiB");
/// assert!(new.starts_with("DiskDeviceMapping.N.DiskImageSize: N = 1–17: 1–2048 GiB"));
/// ```
pub fn facts(p: &Profile, rule: Rule) -> String {
    facts_in(p, rule, Lang::En)
}

/// [`facts`] in a language.
///
/// ```
/// use importimage_lint::{profile, Lang, Rule};
/// let zh = profile::facts_in(&profile::SPEC_2019, Rule::DiskImageSize, Lang::ZhCn);
/// assert_eq!(zh, "DiskDeviceMapping.N.DiskImageSize：N = 1 时取值范围为 5~500 GiB，N = 2~17 时取值范围为 5~1000 GiB");
/// ```
pub fn facts_in(p: &Profile, rule: Rule, lang: Lang) -> String {
    crate::message::render_facts(&table_facts(p, rule), lang)
}

/// The facts of `p` for `rule` about the parameter `name`, each rendered alone in `lang`.
pub(crate) fn param_facts(p: &Profile, rule: Rule, name: &str, lang: Lang) -> Vec<String> {
    table_facts(p, rule)
        .iter()
        .filter(|f| f.param() == Some(name))
        .map(|f| crate::message::render_facts(std::slice::from_ref(f), lang))
        .collect()
}

/// The facts of `p` for `rule`, in table order.
fn table_facts(p: &Profile, rule: Rule) -> Vec<Fact<'static>> {
    let mut out: Vec<Fact<'static>> = Vec::new();
    for param in p.params {
        match param.kind() {
            Kind::Enum(c) if param.rule() == rule => out.push(Fact::Choices {
                name: param.name(),
                values: c.spellings().collect(),
                case: c.case,
                default: param.default(),
            }),
            Kind::Enum(c) if rule == Rule::EnumLetterCase && c.case == Case::Warn => {
                out.push(Fact::OtherCaseWarns { name: param.name() })
            }
            Kind::Text(t) => text_facts(&mut out, param, &t, rule),
            Kind::Integer(i) if param.rule() == rule => out.push(Fact::Ranges {
                name: param.name(),
                ranges: i
                    .ranges
                    .iter()
                    .map(|b| (b.first, b.last, b.min, b.max))
                    .collect(),
                unit: i.unit,
            }),
            Kind::Bool | Kind::CloudBoxArn | Kind::Timestamp if param.rule() == rule => {
                out.push(Fact::Described {
                    name: param.name(),
                    doc: param.doc(),
                })
            }
            _ => {}
        }
    }
    match rule {
        Rule::RegionIdUnknown => out.push(Fact::KnownRegions {
            count: p.regions.len(),
        }),
        Rule::ParameterIndex => out.extend(p.families.iter().map(|f| Fact::Index {
            prefix: f.prefix,
            max: f.max,
        })),
        Rule::MissingParameter => {
            out.push(Fact::Required {
                names: p
                    .params
                    .iter()
                    .filter(|x| x.required() != Required::No)
                    .map(|x| x.name())
                    .collect(),
            });
            for f in p.families.iter().filter(|f| f.first_required) {
                out.push(Fact::FirstMember { prefix: f.prefix });
            }
        }
        Rule::FormatExtensionMismatch => out.push(Fact::Extensions {
            pairs: p.format_extensions.to_vec(),
        }),
        Rule::RequiredCombination if p.requires.is_empty() => out.push(Fact::NoCombinations),
        Rule::RequiredCombination => out.extend(p.requires.iter().map(|r| Fact::Combination {
            when: r.when,
            is: r.is,
            then: r.then,
            must: r.must,
        })),
        Rule::DeprecatedParameter => out.push(Fact::Deprecated {
            names: p
                .params
                .iter()
                .filter(|x| x.deprecation().is_some())
                .map(|x| x.name())
                .collect(),
        }),
        Rule::UnknownParameter | Rule::NewerApiParameter => out.push(Fact::KnownParameters {
            count: p.params.len(),
        }),
        Rule::CredentialInRequest => out.push(Fact::Credentials {
            names: p
                .params
                .iter()
                .filter(|x| matches!(x.kind(), Kind::Credential))
                .map(|x| x.name())
                .collect(),
        }),
        Rule::RoleName => out.push(Fact::RoleName {
            name: p.role.name,
            from_request: p.role.name_from_request,
        }),
        Rule::RoleTrust => out.push(Fact::Trust {
            action: p.role.assume_action,
            service: p.role.service,
        }),
        Rule::RolePermissions | Rule::RoleResources => out.push(Fact::Actions {
            actions: p.role.actions.iter().map(|(a, _)| *a).collect(),
            system: p.role.system_policy,
        }),
        _ => {}
    }
    if out.is_empty() && judged_elsewhere(p, rule) {
        out.push(Fact::NotInRevision);
    }
    out
}

/// Whether another profile has a parameter this rule judges, while `p` has none.
fn judged_elsewhere(p: &Profile, rule: Rule) -> bool {
    let judges = |q: &Profile| q.params.iter().any(|x| x.rule() == rule);
    !judges(p) && super::PROFILES.iter().any(|q| judges(q))
}

fn text_facts(out: &mut Vec<Fact<'static>>, param: &Param, t: &TextRule, rule: Rule) {
    let name = param.name();
    let start = out.len();
    let r = &t.rules;
    if r.length == rule || r.utf16 == Some(rule) {
        out.push(Fact::Length {
            name,
            min: t.min,
            max: t.max,
        });
    }
    if let Charset::Name { punctuation } = t.chars {
        if r.start == rule {
            out.push(Fact::NameStart { name });
        }
        if r.characters == rule {
            out.push(Fact::NameCharacters { name, punctuation });
        }
    } else if t.chars == Charset::PrintableAscii && r.characters == rule {
        out.push(Fact::PrintableAscii { name });
    }
    if r.url == rule && matches!(t.url, UrlRule::Prefix | UrlRule::Anywhere) {
        out.push(Fact::NoLink {
            name,
            anywhere: t.url == UrlRule::Anywhere,
        });
    }
    if r.prefix == rule && (r.prefix != r.url || !t.forbidden_prefixes.is_empty()) {
        out.push(Fact::ReservedPrefixes {
            name,
            prefixes: t.forbidden_prefixes,
        });
    }
    // A fact that two of the text's rules share is said once.
    let mut tail = out.split_off(start);
    tail.dedup();
    out.extend(tail);
}
