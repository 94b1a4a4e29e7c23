//! Rules about reading the request itself: syntax, names, types, presence.

use std::borrow::Cow;

use super::{example, Checker, GOOD};
use crate::chars::closest;
use crate::diagnostic::{Code, Data, Finding};
use crate::input::{Entry, Value};
use crate::message::{Absence, Expected, JsonType, Msg};
use crate::profile::{Param, Required, PROFILES};
use crate::resolve::{Issue, Status};
use crate::rule::{Rule, RuleDoc};

/// `invalid-input`.
pub(crate) const INVALID_INPUT: RuleDoc = RuleDoc::new(
    "The input is not a request: broken JSON, not UTF-8, too large, or neither JSON nor a query string.",
    "Nothing else can be checked until the text can be read; the position says where reading stopped.",
    &[r#"{"RegionId": "cn-hangzhou",}"#],
    &[GOOD],
);

/// `duplicate-parameter`.
pub(crate) const DUPLICATE_PARAMETER: RuleDoc = RuleDoc::new(
    "A parameter is given twice: a repeated JSON key or query key, or a disk written both flat and nested.",
    "JSON parsers and HTTP stacks silently keep one of the two values, and which one differs between them; the request that is sent may not be the one that was reviewed.",
    &[example!(r#""RegionId": "cn-beijing""#)],
    &[GOOD],
);

/// `unknown-parameter`.
pub(crate) const UNKNOWN_PARAMETER: RuleDoc = RuleDoc::new(
    "A parameter name the API does not know, usually a typo or a letter-case slip; the service's names are case-sensitive.",
    "The service ignores parameters it does not know, so a misspelt ImageName silently produces an image without that name.",
    &[example!(r#""imagename": "centos-7""#)],
    &[GOOD],
);

/// `newer-api-parameter`.
pub(crate) const NEWER_API_PARAMETER: RuleDoc = RuleDoc::new(
    "A parameter that another revision of the API knows, under a profile that does not.",
    "The active profile cannot judge it; select the profile of the revision you call.",
    &[example!(r#""BootMode": "UEFI""#)],
    &[GOOD],
);

/// `invalid-value-type`.
pub(crate) const INVALID_VALUE_TYPE: RuleDoc = RuleDoc::new(
    "A JSON value of a type the parameter does not take: parameters are strings, integer parameters also take JSON integers, booleans JSON booleans; null means absent; NaN, Infinity and undefined are never values.",
    "SDKs serialise the request as text; an array or object where a value is expected does not reach the service as written.",
    &[example!(r#""ImageName": ["centos-7"]"#)],
    &[GOOD],
);

/// `empty-value`.
pub(crate) const EMPTY_VALUE: RuleDoc = RuleDoc::new(
    "An optional parameter given as an empty string is treated as absent.",
    "An empty value is the same as leaving the parameter out, so its default applies; this note says so.",
    &[example!(r#""ImageName": """#)],
    &[GOOD],
);

/// `doc-placeholder`.
pub(crate) const DOC_PLACEHOLDER: RuleDoc = RuleDoc::new(
    "A `<…>` placeholder pasted from the documentation, such as `<Common Request Parameters>`, is skipped.",
    "The reference prints placeholders in its request example; they are not parameters.",
    &["Action=ImportImage&RegionId=cn-hangzhou&DiskDeviceMapping.1.OSSBucket=ecsimageos&DiskDeviceMapping.1.OSSObject=centos7.qcow2&<Common Request Parameters>"],
    &["Action=ImportImage&RegionId=cn-hangzhou&DiskDeviceMapping.1.OSSBucket=ecsimageos&DiskDeviceMapping.1.OSSObject=centos7.qcow2"],
);

/// `url-fragment`.
pub(crate) const URL_FRAGMENT: RuleDoc = RuleDoc::new(
    "A `#` in a query string or URL starts a fragment, which clients never send.",
    "Everything after `#` is dropped before the request leaves the machine; a `#` meant as part of a value must be written %23.",
    &["Action=ImportImage&RegionId=cn-hangzhou&ImageName=web#1&DiskDeviceMapping.1.OSSBucket=ecsimageos&DiskDeviceMapping.1.OSSObject=centos7.qcow2"],
    &["Action=ImportImage&RegionId=cn-hangzhou&ImageName=web-1&DiskDeviceMapping.1.OSSBucket=ecsimageos&DiskDeviceMapping.1.OSSObject=centos7.qcow2"],
);

/// `value-not-literal`.
pub(crate) const VALUE_NOT_LITERAL: RuleDoc = RuleDoc::new(
    "In a Terraform file or an aliyun CLI command, a parameter whose value is not written out (a variable, a reference, a function, an interpolation, a `$VAR`) is not judged, and neither is anything compared with it.",
    "The value is only known when Terraform or the shell runs; guessing it would raise false alarms, so the note says what was left unchecked.",
    &["aliyun ecs ImportImage --RegionId cn-hangzhou --ImageName \"$NAME\" --DiskDeviceMapping.1.OSSBucket ecsimageos --DiskDeviceMapping.1.OSSObject centos7.qcow2"],
    &["aliyun ecs ImportImage --RegionId cn-hangzhou --ImageName centos-7 --DiskDeviceMapping.1.OSSBucket ecsimageos --DiskDeviceMapping.1.OSSObject centos7.qcow2"],
);

/// `too-many-diagnostics`.
pub(crate) const TOO_MANY_DIAGNOSTICS: RuleDoc = RuleDoc::new(
    "The report reached its cap of diagnostics; this one says how many more were left out.",
    "A hostile or generated input could produce millions of findings; the cap keeps reports small, and `valid` still counts the omitted errors.",
    &[],
    &[GOOD],
);

/// `missing-parameter`.
pub(crate) const MISSING_PARAMETER: RuleDoc = RuleDoc::new(
    "A required parameter is absent, null or empty: RegionId, the system disk, or a disk's OSSBucket or OSSObject (and a tag's Key).",
    "The service answers MissingParameter at once; an import needs a region and, for every disk, where its image file lies in OSS.",
    &[r#"{"DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    &[GOOD],
);

/// `parameter-index`.
pub(crate) const PARAMETER_INDEX: RuleDoc = RuleDoc::new(
    "The N of a numbered family (DiskDeviceMapping.N, Tag.N) is not a whole number in range without leading zeros, in the flat and the nested form alike.",
    "N = 1 is the system disk and the rest are data disks up to the profile's limit; any other N names no disk, so the service rejects or ignores it.",
    &[example!(r#""DiskDeviceMapping.18.OSSBucket": "ecsimageos""#, r#""DiskDeviceMapping.18.OSSObject": "data.raw""#)],
    &[example!(r#""DiskDeviceMapping.17.OSSBucket": "ecsimageos""#, r#""DiskDeviceMapping.17.OSSObject": "data.raw""#)],
);

/// `deprecated-parameter`.
pub(crate) const DEPRECATED_PARAMETER: RuleDoc = RuleDoc::new(
    "A deprecated parameter, such as DiskDeviceMapping.N.Device or DiskDeviceMapping.N.DiskImSize in the current API.",
    "The current documentation says not to use them; the service still accepts them, so this is a warning without an API error code.",
    &[example!(r#""DiskDeviceMapping.1.Device": "/dev/xvda""#)],
    &[GOOD],
)
.under("current");

/// Turns what resolution noticed into findings.
pub(crate) fn check_resolution<'e>(cx: &mut Checker<'_, 'e>) {
    let req = cx.req;
    let entries = req.entries;
    for &issue in &req.issues {
        match issue {
            Issue::Duplicate { entry, first } => {
                let (e, f) = (&entries[entry], &entries[first]);
                let mixed = e.name.member.is_some() != f.name.member.is_some();
                cx.push_lazy(Rule::DuplicateParameter, || {
                    Finding::new(
                        Rule::DuplicateParameter,
                        Msg::Duplicate {
                            name: e.name.to_cow(),
                        },
                    )
                    .param(e.name.to_cow())
                    .span(e.key_span)
                    .help(Msg::DuplicateHelp {
                        flat_and_nested: mixed,
                    })
                });
            }
            Issue::DuplicateUnknown { entry } => {
                let e = &entries[entry];
                cx.push_lazy(Rule::DuplicateParameter, || {
                    Finding::new(
                        Rule::DuplicateParameter,
                        Msg::Duplicate {
                            name: e.name.to_cow(),
                        },
                    )
                    .param(e.name.to_cow())
                    .span(e.key_span)
                    .help(Msg::DuplicateHelp {
                        flat_and_nested: false,
                    })
                });
            }
            Issue::BadIndex { entry, param } => {
                let e = &entries[entry];
                let p = &cx.profile.params[param];
                cx.push_lazy(Rule::ParameterIndex, || bad_index(cx.profile, p, e));
            }
            Issue::ContainerValue { entry } => {
                let e = &entries[entry];
                let member = PROFILES
                    .iter()
                    .flat_map(|p| p.params.iter())
                    .find(|p| p.group() == Some(e.name.head.as_ref()))
                    .map_or("", |p| p.name());
                cx.push(
                    Finding::new(
                        Rule::InvalidValueType,
                        Msg::ContainerValue {
                            name: e.name.to_cow(),
                        },
                    )
                    .param(e.name.to_cow())
                    .span(e.span())
                    .help(Msg::ContainerValueHelp { member }),
                );
            }
            Issue::Unknown { entry } => {
                let e = &entries[entry];
                let name = e.name.text();
                let other = PROFILES
                    .iter()
                    .find(|o| o.id != cx.profile.id && o.knows(&name));
                let rule = if other.is_some() {
                    Rule::NewerApiParameter
                } else {
                    Rule::UnknownParameter
                };
                let profile = cx.profile;
                cx.push_lazy(rule, || match other {
                    Some(o) => Finding::new(
                        rule,
                        Msg::NewerApi {
                            name: e.name.to_cow(),
                            other: o.id,
                            this: profile.id,
                        },
                    )
                    .param(e.name.to_cow())
                    .span(e.key_span)
                    .help(Msg::SelectProfile { id: o.id })
                    .data(Data::default().expected(o.id)),
                    None => unknown(profile, e),
                });
            }
            Issue::WrongType { entry, param } => {
                let e = &entries[entry];
                let p = &cx.profile.params[param];
                cx.push(wrong_type(p, e));
            }
            Issue::Empty { entry, param } => {
                let e = &entries[entry];
                let default = req.default_of(param);
                cx.push(
                    Finding::new(
                        Rule::EmptyValue,
                        Msg::Empty {
                            name: e.name.to_cow(),
                        },
                    )
                    .param(e.name.to_cow())
                    .span(e.span())
                    .help(Msg::EmptyHelp { default }),
                );
            }
        }
    }
}

fn bad_index<'e>(profile: &crate::profile::Profile, p: &Param, e: &'e Entry<'e>) -> Finding<'e> {
    let family = p.family().unwrap_or_default();
    let max = profile.max_index(family).unwrap_or(0);
    let raw: Cow<'e, str> = match &e.name.member {
        Some((n, _)) => Cow::Owned(n.to_string()),
        None => Cow::Borrowed(e.name.head.split('.').nth(1).unwrap_or_default()),
    };
    let first_required = profile.family(family).is_some_and(|f| f.first_required);
    let data = Data {
        value: Some(raw.chars().take(64).collect()),
        min: Some(1),
        max: Some(u64::from(max)),
        ..Data::default()
    };
    Finding::new(
        Rule::ParameterIndex,
        Msg::BadIndex {
            family,
            raw: raw.clone(),
            max,
            disks: first_required,
        },
    )
    .param(e.name.to_cow())
    .span(e.key_span.or(e.value_span))
    .data(data)
}

fn wrong_type<'e>(p: &Param, e: &'e Entry<'e>) -> Finding<'e> {
    let found = match &e.value {
        Value::Str(_) => JsonType::String,
        Value::Num(_) => JsonType::Number,
        Value::Bool(_) => JsonType::Bool,
        Value::Null => JsonType::Null,
        Value::Other(other) => other.json_type(),
    };
    let expected = match p.kind() {
        crate::profile::Kind::Integer(_) => Expected::Integer,
        crate::profile::Kind::Bool => Expected::Bool,
        _ => Expected::String,
    };
    Finding::new(
        Rule::InvalidValueType,
        Msg::WrongType {
            name: e.name.to_cow(),
            found,
            expected,
        },
    )
    .param(e.name.to_cow())
    .span(e.span())
    .data(Data::default().expected(expected.describe()))
}

/// `unknown-parameter`, with the nearest known name as a did-you-mean.
fn unknown<'e>(profile: &crate::profile::Profile, e: &'e Entry<'e>) -> Finding<'e> {
    let name = e.name.text();
    let index = name
        .split('.')
        .nth(1)
        .filter(|s| crate::chars::is_digits(s))
        .unwrap_or("1");
    // Only names of about the same length can be a near miss: build just those.
    let len = name.chars().count();
    let candidates: Vec<String> = profile
        .params
        .iter()
        .filter(|p| {
            let l = if p.family().is_some() {
                p.name().len() - 1 + index.len()
            } else {
                p.name().len()
            };
            l.abs_diff(len) <= 3
        })
        .map(|p| p.name().replacen(".N.", &format!(".{index}."), 1))
        .collect();
    let mut f = Finding::new(
        Rule::UnknownParameter,
        Msg::Unknown {
            name: e.name.to_cow(),
        },
    )
    .param(e.name.to_cow())
    .span(e.key_span);
    match closest(&name, candidates.iter().map(String::as_str)) {
        Some(s) => {
            f = f
                .help(Msg::DidYouMeanName {
                    suggestion: Cow::Owned(s.to_owned()),
                })
                .data(Data::default().expected(s));
        }
        None => f = f.help(Msg::CheckSpelling),
    }
    f
}

/// `deprecated-parameter`: still accepted by the service, so no API error code.
pub(crate) fn deprecated<'e>(cx: &mut Checker<'_, 'e>, p: &Param, e: &'e Entry<'e>) {
    let Some(dep) = p.deprecation() else { return };
    let instead = dep.instead.map(|field| match &e.name.member {
        Some((n, _)) => Cow::Owned(format!("{}.{n}.{field}", e.name.head)),
        None => {
            let flat = e.name.head.as_ref();
            let stem = flat.rsplit_once('.').map_or("", |(s, _)| s);
            Cow::Owned(format!("{stem}.{field}"))
        }
    });
    cx.push(
        Finding::new(
            Rule::DeprecatedParameter,
            Msg::Deprecated {
                name: e.name.to_cow(),
            },
        )
        .param(e.name.to_cow())
        .span(e.key_span.or(e.value_span))
        .code(Code::Not)
        .help(match instead {
            Some(name) => Msg::UseInstead { name },
            None => Msg::RemoveDeprecated,
        }),
    );
}

/// `missing-parameter`: required parameters, the first member of a family that needs it,
/// and the required members of every family member present. Null and empty count as
/// absent; the finding points at them, at the member's object, or at the request.
pub(crate) fn check_required<'e>(cx: &mut Checker<'_, 'e>) {
    let req = cx.req;
    let profile = cx.profile;
    for (pi, p) in profile.params.iter().enumerate() {
        if p.required() != Required::Yes {
            continue;
        }
        let (how, span) = match req.written(pi, 0) {
            Some((_, Status::Live | Status::WrongType)) => continue,
            Some((e, Status::Null)) => (Absence::Null, e.span()),
            Some((e, _)) => (Absence::Empty, e.span()),
            None => (Absence::Absent, req.root),
        };
        cx.push(
            Finding::new(
                Rule::MissingParameter,
                Msg::Missing {
                    name: Cow::Borrowed(p.name()),
                    how,
                },
            )
            .param(p.name())
            .span(span)
            .help(Msg::AddParam {
                name: Cow::Borrowed(p.name()),
                doc: p.doc(),
            }),
        );
    }
    for fam in profile.families {
        let written = req.indices(fam.prefix);
        let mut indices = written.clone();
        if fam.first_required && indices.first() != Some(&1) {
            indices.insert(0, 1);
        }
        for n in indices {
            let anchor = req.element(fam.prefix, n);
            for (pi, p) in profile.params.iter().enumerate() {
                if p.required() != Required::PerIndex || p.family() != Some(fam.prefix) {
                    continue;
                }
                let (how, span) = match req.written(pi, n) {
                    Some((_, Status::Live | Status::WrongType)) => continue,
                    Some((e, Status::Null)) => (Absence::Null, e.span()),
                    Some((e, _)) => (Absence::Empty, e.span()),
                    None => (
                        Absence::Absent,
                        anchor.or_else(|| sibling(cx, fam.prefix, n)).or(req.root),
                    ),
                };
                let flat = p.flat(n);
                let msg = if written.is_empty() {
                    Msg::NoMember {
                        family: fam.prefix,
                        field: p.field(),
                    }
                } else if n == 1 && fam.first_required && !written.contains(&1) {
                    Msg::FirstMemberMissing {
                        family: fam.prefix,
                        field: p.field(),
                    }
                } else {
                    Msg::MemberMissing {
                        name: Cow::Owned(flat.clone()),
                        family: fam.prefix,
                        n,
                        field: p.field(),
                        how,
                    }
                };
                cx.push(
                    Finding::new(Rule::MissingParameter, msg)
                        .param(flat.clone())
                        .span(span)
                        .help(Msg::AddParam {
                            name: Cow::Owned(flat),
                            doc: p.doc(),
                        }),
                );
            }
        }
    }
}

/// The key of another member of family member N written flat, to point at.
fn sibling(cx: &Checker<'_, '_>, family: &str, n: u32) -> Option<(usize, usize)> {
    let profile = cx.profile;
    profile
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.family() == Some(family))
        .find_map(|(pi, _)| cx.req.written(pi, n).and_then(|(e, _)| e.key_span))
}

#[cfg(test)]
mod tests {
    use crate::{lint_json, lint_query, Rule};

    #[test]
    fn nested_model_names_resolve() {
        let r = lint_json(
            r#"{"regionId": "cn-hangzhou", "diskDeviceMapping": [{"OSSBucket": "ecsimageos", "OSSObject": "a.raw", "diskImageSize": 40}]}"#,
        );
        assert!(r.valid, "{r:#?}");
        assert_eq!(
            r.effective
                .get("DiskDeviceMapping.1.DiskImageSize")
                .unwrap()
                .value,
            Some("40")
        );
    }

    #[test]
    fn disk_given_flat_and_nested_is_duplicate() {
        let r = lint_json(
            r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "a1b", "DiskDeviceMapping": [{"OSSBucket": "ecsimageos", "OSSObject": "a.raw"}]}"#,
        );
        assert!(
            r.has(Rule::DuplicateParameter, "DiskDeviceMapping.1.OSSBucket"),
            "{r:#?}"
        );
    }

    #[test]
    fn repeated_query_key_is_duplicate() {
        let r = lint_query("Action=ImportImage&RegionId=cn-hangzhou&RegionId=cn-beijing&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=o");
        assert!(r.has(Rule::DuplicateParameter, "RegionId"));
    }

    #[test]
    fn action_is_optional_in_every_form() {
        let q = lint_query("RegionId=cn-hangzhou&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=o");
        assert!(q.valid && q.diagnostics.is_empty(), "{q:#?}");
        let q = lint_query("Action=DescribeImages&RegionId=cn-hangzhou&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=o");
        assert!(q.has(Rule::ActionValue, "Action"));
    }

    #[test]
    fn data_disk_without_system_disk_is_missing_system_disk() {
        let r = lint_json(
            r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.2.OSSBucket": "b12", "DiskDeviceMapping.2.OSSObject": "o"}"#,
        );
        assert!(r.has(Rule::MissingParameter, "DiskDeviceMapping.1.OSSBucket"));
        assert!(r.has(Rule::MissingParameter, "DiskDeviceMapping.1.OSSObject"));
    }

    #[test]
    fn comment_lines_and_inline_suppressions_in_query_files() {
        let q = "# exported from the console\nAction=ImportImage\n&RegionId=cn-hangzhou\n# importimage-lint: ignore image-name-characters\n&ImageName=web tier\n&Description=http://x\n&DiskDeviceMapping.1.OSSBucket=b12\n&DiskDeviceMapping.1.OSSObject=a.raw\n";
        let r = lint_query(q);
        let rules: Vec<Rule> = r.diagnostics.iter().map(|d| d.rule).collect();
        assert_eq!(rules, [Rule::DescriptionUrl], "{r:#?}");
        let file = format!("# importimage-lint: ignore-file description-url\n{q}");
        assert!(lint_query(&file).valid);
        let all = q.replace("ignore image-name-characters", "ignore");
        assert_eq!(lint_query(&all).diagnostics.len(), 1);
    }

    #[test]
    fn null_is_absent() {
        let r = lint_json(
            r#"{"RegionId": null, "DiskDeviceMapping": [{"OSSBucket": "b12", "OSSObject": null}], "Tag": null, "Features": null}"#,
        );
        assert!(r.has(Rule::MissingParameter, "RegionId"), "{r:#?}");
        assert!(r.has(Rule::MissingParameter, "DiskDeviceMapping.1.OSSObject"));
        assert_eq!(r.diagnostics.len(), 2, "{r:#?}");
    }
}
