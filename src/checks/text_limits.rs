//! Text limits: length, characters, links and reserved prefixes, as the profile's
//! [`TextRule`] of each parameter states them. ImageName and Description have rules of
//! their own; Tag.N.Key, Tag.N.Value and ClientToken report `parameter-value`.

use super::{example, Checker};
use crate::chars::{code_point, contains_url, is_han, starts_with_ci, url_prefix, utf16_len};
use crate::diagnostic::{Data, Finding};
use crate::input::Entry;
use crate::message::Msg;
use crate::profile::{Charset, Param, TextRule, UrlRule};
use crate::rule::RuleDoc;

/// `image-name-length`.
pub(crate) const IMAGE_NAME_LENGTH: RuleDoc = RuleDoc::new(
    "ImageName must be within the profile's length range, counted in Unicode code points (a Chinese character counts as one).",
    "The service rejects names outside the length range.",
    &[example!(r#""ImageName": "c""#)],
    &[example!(r#""ImageName": "c7""#)],
);

/// `image-name-utf16-length`.
pub(crate) const IMAGE_NAME_UTF16_LENGTH: RuleDoc = RuleDoc::new(
    "ImageName's length in UTF-16 code units (what a Java service may count) falls on the other side of a limit than its length in code points.",
    "Characters outside the Basic Multilingual Plane, such as rare Han characters, count once as code points and twice in UTF-16; such a name may be judged differently by the service.",
    &[example!(r#""ImageName": "𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀""#)],
    &[example!(r#""ImageName": "中文镜像""#)],
);

/// `image-name-start`.
pub(crate) const IMAGE_NAME_START: RuleDoc = RuleDoc::new(
    "ImageName must start with an ASCII letter or a Chinese (Han) character.",
    "Names starting with a digit or punctuation are rejected by the service.",
    &[example!(r#""ImageName": "7-centos""#)],
    &[example!(r#""ImageName": "centos-7""#)],
);

/// `image-name-characters`.
pub(crate) const IMAGE_NAME_CHARACTERS: RuleDoc = RuleDoc::new(
    "After the first character, ImageName may hold only ASCII letters and digits, Chinese characters and the profile's punctuation.",
    "Spaces, slashes and other characters (periods too, in the 2019 revision) make the name malformed.",
    &[example!(r#""ImageName": "centos 7.9""#)],
    &[example!(r#""ImageName": "centos-7_9""#)],
);

/// `image-name-url`.
pub(crate) const IMAGE_NAME_URL: RuleDoc = RuleDoc::new(
    "ImageName must not start with http:// or https:// in any letter case (the current API forbids them anywhere).",
    "Names that look like links are refused so that the console does not show clickable look-alike links.",
    &[example!(r#""ImageName": "HTTPS://images.example.com""#)],
    &[example!(r#""ImageName": "images-example-com""#)],
);

/// `image-name-prefix`.
pub(crate) const IMAGE_NAME_PREFIX: RuleDoc = RuleDoc::new(
    "ImageName must not start with a prefix the profile reserves for Alibaba Cloud's own images.",
    "Reserved prefixes are refused so that a custom image cannot pass for a public one.",
    &[example!(r#""ImageName": "aliyun-centos""#)],
    &[example!(r#""ImageName": "my-centos""#)],
)
.under("current");

/// `description-length`.
pub(crate) const DESCRIPTION_LENGTH: RuleDoc = RuleDoc::new(
    "Description must be within the profile's length range, counted in code points; the 2019 revision lets it be empty.",
    "The service rejects longer descriptions (and, today, one-character ones).",
    &[example!(r#""Description": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx""#)],
    &[example!(r#""Description": """#)],
);

/// `description-url`.
pub(crate) const DESCRIPTION_URL: RuleDoc = RuleDoc::new(
    "Description must not start with http:// or https://, in any letter case.",
    "Descriptions that start like links are refused by the service.",
    &[example!(
        r#""Description": "http://wiki.example.com/centos""#
    )],
    &[example!(
        r#""Description": "CentOS 7 web tier, see http://wiki.example.com/centos""#
    )],
);

fn first_ok(c: char) -> bool {
    c.is_ascii_alphabetic() || is_han(c)
}

fn char_ok(c: char, punctuation: &str) -> bool {
    c.is_ascii_alphanumeric() || is_han(c) || (c.is_ascii_punctuation() && punctuation.contains(c))
}

/// Whether a value passes every limit of the rule (used to offer certain fixes).
fn passes(t: &TextRule, v: &str) -> bool {
    let len = v.chars().count();
    let chars_ok = match t.chars {
        Charset::Name { punctuation } => {
            v.chars().next().is_some_and(first_ok)
                && v.chars().skip(1).all(|c| char_ok(c, punctuation))
        }
        Charset::PrintableAscii => v.chars().all(|c| (' '..='~').contains(&c)),
        _ => true,
    };
    (t.min..=t.max).contains(&len)
        && chars_ok
        && t.forbidden_prefixes.iter().all(|p| !starts_with_ci(v, p))
        && !link(t, v)
}

fn link(t: &TextRule, v: &str) -> bool {
    match t.url {
        UrlRule::Prefix => url_prefix(v).is_some(),
        UrlRule::Anywhere => contains_url(v),
        _ => false,
    }
}

pub(crate) fn check<'e>(
    cx: &mut Checker<'_, 'e>,
    p: &Param,
    e: &'e Entry<'e>,
    v: &'e str,
    t: &TextRule,
) {
    let r = &t.rules;
    let name = || e.name.to_cow();
    let at = |f: Finding<'e>| f.param(e.name.to_cow()).span(e.span());
    let trimmed = v.trim();
    let fix = (trimmed != v && passes(t, trimmed)).then_some(trimmed);
    let url = link(t, v);
    if url {
        let anywhere = t.url == UrlRule::Anywhere;
        cx.push(
            at(Finding::new(
                r.url,
                Msg::Link {
                    name: name(),
                    value: v,
                    anywhere,
                },
            ))
            .help(Msg::LinkHelp {
                anywhere,
                name: matches!(t.chars, Charset::Name { .. }),
            })
            .data(Data::value(v)),
        );
    }
    if let Some(prefix) = t
        .forbidden_prefixes
        .iter()
        .copied()
        .find(|x| starts_with_ci(v, x))
    {
        cx.push(
            at(Finding::new(
                r.prefix,
                Msg::ReservedPrefix {
                    name: name(),
                    value: v,
                    prefix,
                },
            ))
            .help(Msg::AvoidPrefixes {
                prefixes: t.forbidden_prefixes,
            })
            .data(Data::value(v)),
        );
    }
    let cps = v.chars().count();
    let range = t.min..=t.max;
    if !range.contains(&cps) {
        let mut f = at(Finding::new(
            r.length,
            Msg::Length {
                name: name(),
                len: cps,
                min: t.min,
                max: t.max,
            },
        ))
        .help(if cps < t.min {
            Msg::UseLonger { param: p.name() }
        } else {
            Msg::UseShorter
        })
        .data(Data::value(v).range(
            t.min as u64,
            t.max as u64,
            Some(cps as u64),
            "code points",
        ));
        if let Some(x) = fix {
            f = f.fix(x);
        }
        cx.push(f);
    }
    if let Some(rule) = r.utf16 {
        let units = utf16_len(v);
        if range.contains(&cps) != range.contains(&units) {
            cx.push(
                at(Finding::new(
                    rule,
                    Msg::Utf16Length {
                        name: name(),
                        len: cps,
                        units,
                        min: t.min,
                        max: t.max,
                    },
                ))
                .help(Msg::Utf16Help)
                .data(Data::value(v).range(
                    t.min as u64,
                    t.max as u64,
                    Some(units as u64),
                    "UTF-16 units",
                )),
            );
        }
    }
    if url {
        return; // one finding for a link; its `:` and `/` are not reported again
    }
    match t.chars {
        Charset::Name { punctuation } => {
            if let Some(first) = v.chars().next().filter(|c| !first_ok(*c)) {
                let mut f = at(Finding::new(
                    r.start,
                    Msg::BadStart {
                        name: name(),
                        value: v,
                        first,
                    },
                ))
                .help(Msg::StartHelp)
                .data(Data {
                    character: Some(code_point(first)),
                    ..Data::value(v)
                });
                if let Some(x) = fix {
                    f = f.fix(x);
                }
                cx.push(f);
            }
            // The first eight distinct characters that are not allowed, in order.
            let mut bad: Vec<char> = Vec::new();
            for c in v.chars().skip(1).filter(|&c| !char_ok(c, punctuation)) {
                if !bad.contains(&c) {
                    bad.push(c);
                    if bad.len() == 8 {
                        break;
                    }
                }
            }
            if let Some(&c) = bad.first() {
                let mut f = at(Finding::new(
                    r.characters,
                    Msg::BadCharacters {
                        name: name(),
                        value: v,
                        chars: bad,
                    },
                ))
                .help(Msg::NameCharsHelp { punctuation })
                .data(Data {
                    character: Some(code_point(c)),
                    ..Data::value(v)
                });
                if let Some(x) = fix {
                    f = f.fix(x);
                }
                cx.push(f);
            }
        }
        Charset::PrintableAscii => {
            if let Some(c) = v.chars().find(|c| !(' '..='~').contains(c)) {
                cx.push(
                    at(Finding::new(
                        r.characters,
                        Msg::AsciiOnly {
                            name: name(),
                            ch: c,
                        },
                    ))
                    .help(Msg::AsciiHelp)
                    .data(Data {
                        character: Some(code_point(c)),
                        ..Data::default()
                    }),
                );
            }
        }
        _ => {}
    }
}

/// The JSON Schema of a text: its length in code points, and what it may hold where a
/// pattern can say it (the ASCII characters of a name; non-ASCII ones are left to the
/// linter, which allows Han only), with links and reserved prefixes excluded.
pub(crate) fn schema(p: &crate::profile::Param, t: &TextRule) -> crate::schema::Schema {
    use crate::schema::{any_case, literal, Schema};
    let (name, r) = (p.name(), &t.rules);
    let mut parts = vec![Schema {
        min_length: Some(t.min as u64),
        max_length: Some(t.max as u64),
        error_message: Some(format!(
            "{name} takes {} to {} characters ({})",
            t.min,
            t.max,
            r.length.id()
        )),
        ..Schema::of("string")
    }];
    match t.chars {
        Charset::Name { punctuation } => {
            let marks: Vec<String> = punctuation.chars().map(|c| format!("`{c}`")).collect();
            parts.push(Schema::pattern(
                format!(
                    "^(?:[A-Za-z]|[^\\x00-\\x7F])(?:[A-Za-z0-9{}]|[^\\x00-\\x7F])*$",
                    literal(punctuation)
                ),
                format!(
                    "{name} starts with a letter or a Chinese character and holds only ASCII letters and digits, Chinese characters and {} ({}, {})",
                    marks.join(", "),
                    r.start.id(),
                    r.characters.id()
                ),
            ))
        }
        Charset::PrintableAscii => parts.push(Schema::pattern(
            "^[ -~]*$",
            format!("{name} holds printable ASCII only ({})", r.characters.id()),
        )),
        _ => {}
    }
    let link = any_case("http") + "[Ss]?://";
    let url = |where_: &str| {
        format!(
            "{name} must not hold http:// or https:// {where_} ({})",
            r.url.id()
        )
    };
    match t.url {
        UrlRule::Prefix => parts.push(Schema::not(
            Schema::pattern(format!("^{link}"), "a link"),
            url("at its start"),
        )),
        UrlRule::Anywhere => parts.push(Schema::not(
            Schema::pattern(link, "a link"),
            url("anywhere"),
        )),
        _ => {}
    }
    if !t.forbidden_prefixes.is_empty() {
        let all: Vec<String> = t.forbidden_prefixes.iter().map(|p| any_case(p)).collect();
        parts.push(Schema::not(
            Schema::pattern(format!("^(?:{})", all.join("|")), "a reserved prefix"),
            format!(
                "{name} must not start with {}, in any letter case ({})",
                t.forbidden_prefixes.join(" or "),
                r.prefix.id()
            ),
        ));
    }
    if parts.len() == 1 {
        parts.remove(0)
    } else {
        Schema::all(parts)
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint_json, profile, Linter, Options, Rule};

    fn name(n: &str) -> crate::Report {
        let n = serde_json::to_string(n).unwrap();
        lint_json(&format!(
            r#"{{"RegionId": "cn-hangzhou", "ImageName": {n}, "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw"}}"#
        ))
    }

    #[test]
    fn url_gives_one_finding() {
        let r = name("https://x/y");
        let rules: Vec<Rule> = r.diagnostics.iter().map(|d| d.rule).collect();
        assert_eq!(rules, vec![Rule::ImageNameUrl]);
    }

    #[test]
    fn trailing_space_has_certain_fix() {
        let r = name("centos-7 ");
        let d = r
            .diagnostics
            .iter()
            .find(|d| d.rule == Rule::ImageNameCharacters)
            .unwrap();
        assert_eq!(d.fix.as_deref(), Some("centos-7"));
    }

    #[test]
    fn period_and_space_are_rejected_in_2019() {
        assert!(name("centos.7").has(Rule::ImageNameCharacters, "ImageName"));
        assert!(name("centos 7").has(Rule::ImageNameCharacters, "ImageName"));
        assert!(name("中文:镜像_1-a").valid);
    }

    /// The help names the punctuation of the active profile: periods are allowed today.
    #[test]
    fn help_fits_the_profile() {
        let spec = name("centos 7");
        let help = spec.diagnostics[0].help.as_deref().unwrap();
        assert!(!help.contains('.') || help.contains("`:`"), "{help}");
        let current = Linter::new(Options::default().with_profile(&profile::CURRENT)).lint_str(
            r#"{"RegionId": "cn-hangzhou", "ImageName": "centos 7", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#,
        );
        let help = current.diagnostics[0].help.as_deref().unwrap();
        assert!(help.contains("`.`"), "{help}");
        assert!(!help.contains("periods"), "{help}");
    }
}
