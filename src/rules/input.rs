//! Rules about reading the request itself: syntax, names, types, presence.

use super::{Rule, RuleMeta, Subject};
use crate::input::{wrong_type, Entry, Form, Value};
use crate::lint::{diag, Cx};
use crate::profile::{Kind, Param, Profile, Required, PROFILES};
use crate::report::{Data, Diagnostic, Severity};
use crate::text::{closest, show};

#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
const G: &str = super::GOOD;

/// `invalid-input`.
pub const INVALID_INPUT: RuleMeta = RuleMeta {
    id: "invalid-input",
    severity: Severity::Error,
    summary: "The input is not a request: broken JSON, not UTF-8, too large, or neither JSON nor a query string.",
    why: "Nothing else can be checked until the text can be read; the position says where reading stopped.",
    bad: examples![r#"{"RegionId": "cn-hangzhou",}"#],
    good: examples![G],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `duplicate-parameter`.
pub const DUPLICATE_PARAMETER: RuleMeta = RuleMeta {
    id: "duplicate-parameter",
    severity: Severity::Error,
    summary: "A parameter is given twice: a repeated JSON key or query key, or a disk written both flat and nested.",
    why: "JSON parsers and HTTP stacks silently keep one of the two values, and which one differs between them; the request that is sent may not be the one that was reviewed.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "RegionId": "cn-beijing", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![G],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `unknown-parameter`.
pub const UNKNOWN_PARAMETER: RuleMeta = RuleMeta {
    id: "unknown-parameter",
    severity: Severity::Warning,
    summary: "A parameter name the API does not know, usually a typo or a letter-case slip.",
    why: "The service ignores parameters it does not know, so a misspelt ImageName silently produces an image without that name.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "imagename": "centos-7", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![G],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `newer-api-parameter`.
pub const NEWER_API_PARAMETER: RuleMeta = RuleMeta {
    id: "newer-api-parameter",
    severity: Severity::Warning,
    summary:
        "A parameter that only a newer revision of the API knows, under a profile that predates it.",
    why: "The active profile cannot judge it; select the profile of the revision you call.",
    bad: examples![
        r#"{"RegionId": "cn-hangzhou", "BootMode": "UEFI", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    good: examples![G],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `invalid-value-type`.
pub const INVALID_VALUE_TYPE: RuleMeta = RuleMeta {
    id: "invalid-value-type",
    severity: Severity::Error,
    summary: "A JSON value of the wrong type: every parameter is a string, DiskImageSize may be an integer, null means absent.",
    why: "SDKs serialise the request as text; an array, object or boolean where a string is expected does not reach the service as written.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "ImageName": ["centos-7"], "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![G],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `empty-value`.
pub const EMPTY_VALUE: RuleMeta = RuleMeta {
    id: "empty-value",
    severity: Severity::Info,
    summary: "An optional parameter given as an empty string is treated as absent.",
    why: "An empty value is the same as leaving the parameter out, so its default applies; this note says so.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "ImageName": "", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![G],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `doc-placeholder`.
pub const DOC_PLACEHOLDER: RuleMeta = RuleMeta {
    id: "doc-placeholder",
    severity: Severity::Info,
    summary: "A `<…>` placeholder pasted from the documentation, such as `<Common Request Parameters>`, is skipped.",
    why: "The reference prints placeholders in its request example; they are not parameters.",
    bad: examples!["Action=ImportImage&RegionId=cn-hangzhou&DiskDeviceMapping.1.OSSBucket=ecsimageos&DiskDeviceMapping.1.OSSObject=centos7.qcow2&<Common Request Parameters>"],
    good: examples!["Action=ImportImage&RegionId=cn-hangzhou&DiskDeviceMapping.1.OSSBucket=ecsimageos&DiskDeviceMapping.1.OSSObject=centos7.qcow2"],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `too-many-diagnostics`.
pub const TOO_MANY_DIAGNOSTICS: RuleMeta = RuleMeta {
    id: "too-many-diagnostics",
    severity: Severity::Warning,
    summary: "The report reached its cap of diagnostics; this one says how many more were left out.",
    why: "A hostile or generated input could produce millions of findings; the cap keeps reports small, and `valid` still counts the omitted errors.",
    bad: examples![],
    good: examples![G],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `missing-parameter`.
pub const MISSING_PARAMETER: RuleMeta = RuleMeta {
    id: "missing-parameter",
    severity: Severity::Error,
    summary: "A required parameter is absent or empty: RegionId, Action (query form), the system disk, or a disk's OSSBucket or OSSObject.",
    why: "The service answers MissingParameter at once; an import needs a region and, for every disk, where its image file lies in OSS.",
    bad: examples![r#"{"DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![G],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `parameter-index`.
pub const PARAMETER_INDEX: RuleMeta = RuleMeta {
    id: "parameter-index",
    severity: Severity::Error,
    summary: "The N of DiskDeviceMapping.N (or Tag.N) is not a whole number in range without leading zeros.",
    why: "N = 1 is the system disk and 2..=17 are data disks; any other N names no disk, so the service rejects or ignores it.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2", "DiskDeviceMapping.18.OSSBucket": "ecsimageos", "DiskDeviceMapping.18.OSSObject": "data.raw"}"#],
    good: examples![r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2", "DiskDeviceMapping.17.OSSBucket": "ecsimageos", "DiskDeviceMapping.17.OSSObject": "data.raw"}"#],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `deprecated-parameter`.
pub const DEPRECATED_PARAMETER: RuleMeta = RuleMeta {
    id: "deprecated-parameter",
    severity: Severity::Warning,
    summary: "A deprecated parameter (DiskDeviceMapping.N.Device, DiskDeviceMapping.N.DiskImSize).",
    why:
        "The current documentation says not to use them; DiskImSize has a replacement, Device none.",
    bad: examples![
        r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2", "DiskDeviceMapping.1.Device": "/dev/xvda"}"#,
    ],
    good: examples![G],
    subject: Subject::Request,
    example_profile: "current",
};

/// An `invalid-input` error at a byte span.
pub(crate) fn invalid(message: &str, span: (usize, usize)) -> Diagnostic {
    diag(Rule::InvalidInput, message).span(Some(span))
}

pub(crate) fn duplicate(e: &Entry<'_>, _first: &Entry<'_>) -> Diagnostic {
    diag(Rule::DuplicateParameter, format!("{} is given more than once", e.name))
        .param(e.name.as_ref())
        .span(e.key_span)
        .help("keep one value; a parameter may appear once, whether written flat (DiskDeviceMapping.1.OSSBucket) or nested (DiskDeviceMapping: [{OSSBucket: …}])")
}

pub(crate) fn duplicate_unknown(e: &Entry<'_>) -> Diagnostic {
    diag(
        Rule::DuplicateParameter,
        format!("{} is given more than once", show(&e.name)),
    )
    .param(e.name.as_ref())
    .span(e.key_span)
    .help("keep one value")
}

/// Whether an entry counts as given, and the note that says why not.
pub(crate) fn admit(p: &Param, e: &Entry<'_>, form: Form) -> (bool, Option<Diagnostic>) {
    let span = e.span().unwrap_or((0, 0));
    let required = match p.required {
        Required::Yes | Required::PerIndex => true,
        Required::InQuery => form == Form::Query,
        Required::No => false,
    };
    match &e.value {
        Value::Null => (false, None),
        Value::Other(t) => (false, Some(wrong_type(&e.name, t, expected(p), span))),
        Value::Bool(_) if matches!(p.kind, Kind::Bool) => (true, None),
        Value::Num(lit)
            if matches!(p.kind, Kind::DiskSize | Kind::Deprecated { .. }) && is_integer(lit) =>
        {
            (true, None)
        }
        Value::Bool(_) | Value::Num(_) => (
            false,
            Some(wrong_type(&e.name, e.value.type_name(), expected(p), span)),
        ),
        Value::Str(s) if s.is_empty() && required => (
            false,
            Some(
                diag(
                    Rule::MissingParameter,
                    format!("{} is required but empty", e.name),
                )
                .on(e)
                .help(format!("give {} a value", e.name)),
            ),
        ),
        Value::Str(s) if s.is_empty() && !matches!(p.kind, Kind::Description) => (
            false,
            Some(
                diag(
                    Rule::EmptyValue,
                    format!("{} is empty, so it counts as absent", e.name),
                )
                .on(e)
                .help(match p.default {
                    Some(d) => format!(
                        "the service uses the default, {d}; drop the parameter or write a value"
                    ),
                    None => "drop the parameter or write a value".to_owned(),
                }),
            ),
        ),
        Value::Str(_) => (true, None),
    }
}

fn expected(p: &Param) -> &'static str {
    match p.kind {
        Kind::DiskSize => "a whole number of GiB (a JSON integer or a string of digits)",
        Kind::Bool => "true or false",
        _ => "a string",
    }
}

fn is_integer(lit: &str) -> bool {
    let digits = lit.strip_prefix('-').unwrap_or(lit);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

pub(crate) fn bad_index(profile: &Profile, p: &Param, e: &Entry<'_>, raw: &str) -> Diagnostic {
    let prefix = p.name.split(".N.").next().unwrap_or(p.name);
    let max = profile.max_index(prefix).unwrap_or(0);
    let what = if prefix == profile.disks.prefix {
        ": 1 is the system disk, 2 and up are data disks"
    } else {
        ""
    };
    diag(
        Rule::ParameterIndex,
        format!("{prefix}.{} does not name a valid N: N is a whole number from 1 to {max}, without leading zeros{what}", show(raw)),
    )
    .param(e.name.as_ref())
    .span(e.key_span)
    .data(Data { value: Some(raw.chars().take(64).collect()), min: Some(1), max: Some(max.into()), ..Data::default() })
}

pub(crate) fn family_scalar(e: &Entry<'_>) -> Diagnostic {
    diag(
        Rule::InvalidValueType,
        format!("{} is a family of parameters, not a single value", e.name),
    )
    .on(e)
    .help(format!(
        "write its members, such as {}.1.OSSBucket=…, or a nested array of objects",
        e.name
    ))
}

/// Whether another profile knows this name (then it is `newer-api-parameter`).
pub(crate) fn known_elsewhere(profile: &Profile, e: &Entry<'_>) -> bool {
    PROFILES
        .iter()
        .any(|o| o.id != profile.id && knows(o, &e.name))
}

/// `unknown-parameter` or, when another profile knows the name, `newer-api-parameter`.
pub(crate) fn unknown(profile: &Profile, e: &Entry<'_>) -> Diagnostic {
    let name = e.name.as_ref();
    if let Some(other) = PROFILES
        .iter()
        .find(|o| o.id != profile.id && knows(o, name))
    {
        return diag(
            Rule::NewerApiParameter,
            format!("{} belongs to the `{}` revision of the API; this report follows `{}`, which does not know it", show(name), other.id, profile.id),
        )
        .param(name)
        .span(e.key_span)
        .help(format!("select that revision with --profile {} (or profile = \"{}\" in importimage-lint.toml)", other.id, other.id))
        .data(Data { expected: Some(other.id.to_owned()), ..Data::default() });
    }
    let index = name
        .split('.')
        .nth(1)
        .filter(|s| s.bytes().all(|b| b.is_ascii_digit()));
    // Only names of about the same length can be a near miss: build just those.
    let n = index.unwrap_or("1");
    let len = name.chars().count();
    let candidates: Vec<String> = profile
        .params
        .iter()
        .filter(|p| {
            let l = if p.family.is_some() {
                p.name.len() - 1 + n.len()
            } else {
                p.name.len()
            };
            l.abs_diff(len) <= 3
        })
        .map(|p| p.name.replacen(".N.", &format!(".{n}."), 1))
        .collect();
    let mut d = diag(
        Rule::UnknownParameter,
        format!("{} is not a parameter of ImportImage", show(name)),
    )
    .param(name)
    .span(e.key_span);
    if let Some(s) = closest(name, candidates.iter().map(String::as_str)) {
        d = d
            .help(format!("did you mean {s}? Names are case-sensitive"))
            .data(Data {
                expected: Some(s.to_owned()),
                ..Data::default()
            });
    } else {
        d = d.help("remove it, or check the spelling against `importimage-lint rules`");
    }
    d
}

fn knows(profile: &Profile, name: &str) -> bool {
    let mut parts = name.splitn(3, '.');
    let (family, mid, field) = (parts.next(), parts.next(), parts.next());
    profile.params.iter().any(|p| match p.family {
        None => p.name == name,
        Some(f) => {
            family == Some(f)
                && field == Some(p.field)
                && mid.is_some_and(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_digit()))
        }
    })
}

/// `deprecated-parameter`.
pub(crate) fn deprecated(cx: &mut Cx<'_, '_, '_>, e: &Entry<'_>, instead: Option<&str>) {
    let field = e.name.rsplit('.').next().unwrap_or(&e.name);
    let mut d = diag(
        Rule::DeprecatedParameter,
        format!("{} is deprecated", e.name),
    )
    .on(e);
    d = match instead {
        Some(new) => d.help(format!(
            "use {} instead, with the same value",
            e.name.replacen(field, new, 1)
        )),
        None => d.help("remove it; the service places the disks itself"),
    };
    cx.push(d);
}

/// `missing-parameter`: required parameters, and every disk's bucket and object.
pub(crate) fn check_required(cx: &mut Cx<'_, '_, '_>) {
    let req = cx.req;
    let profile = cx.profile;
    for p in profile.params {
        let needed = match p.required {
            Required::Yes => true,
            Required::InQuery => req.form == crate::input::Form::Query,
            _ => false,
        };
        if needed && !req.written(p.name, 0) {
            let mut d =
                diag(Rule::MissingParameter, format!("{} is required", p.name)).param(p.name);
            if p.name == "Action" {
                d = d
                    .help("a query-string request names its operation: add Action=ImportImage")
                    .fix("ImportImage");
            } else {
                d = d.help(format!("add {}: {}", p.name, p.doc));
            }
            cx.push(d);
        }
    }
    for fam in profile.indexed {
        let mut indices: Vec<u32> = req.indices(fam.prefix).collect();
        let disks = fam.prefix == profile.disks.prefix;
        if disks && indices.first() != Some(&1) {
            indices.insert(0, 1);
        }
        let none_at_all = disks && req.indices(fam.prefix).next().is_none();
        for n in indices {
            for p in profile
                .params
                .iter()
                .filter(|p| p.required == Required::PerIndex && p.name.starts_with(fam.prefix))
            {
                if req.written(p.name, n) {
                    continue;
                }
                let flat = p.name.replacen(".N.", &format!(".{n}."), 1);
                let field = flat.rsplit('.').next().unwrap_or_default().to_owned();
                let message = if none_at_all {
                    format!(
                        "no disk is given: the system disk {}.1 needs {field}",
                        fam.prefix
                    )
                } else if disks && n == 1 && !req.indices(fam.prefix).any(|i| i == 1) {
                    format!(
                        "the system disk {}.1 is missing: it needs {field}",
                        fam.prefix
                    )
                } else {
                    format!(
                        "{flat} is required: every {}.{n} needs its {field}",
                        fam.prefix
                    )
                };
                cx.push(
                    diag(Rule::MissingParameter, message)
                        .param(flat)
                        .help(format!("add it: {}", p.doc.replace(" N", &format!(" {n}")))),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint_json, lint_query, Rule};

    #[test]
    fn camel_and_nested_keys_resolve() {
        let r = lint_json(
            r#"{"regionId": "cn-hangzhou", "diskDeviceMapping": [{"ossBucket": "ecsimageos", "ossObject": "a.raw", "diskImageSize": 40}]}"#,
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
    fn action_is_required_only_in_query_form() {
        let q = lint_query("RegionId=cn-hangzhou&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=o");
        assert!(q.has(Rule::MissingParameter, "Action"));
        let j = lint_json(
            r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "o"}"#,
        );
        assert!(j.valid);
    }

    #[test]
    fn data_disk_without_system_disk_is_missing_system_disk() {
        let r = lint_json(
            r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.2.OSSBucket": "b12", "DiskDeviceMapping.2.OSSObject": "o"}"#,
        );
        assert!(r.has(Rule::MissingParameter, "DiskDeviceMapping.1.OSSBucket"));
        assert!(r.has(Rule::MissingParameter, "DiskDeviceMapping.1.OSSObject"));
    }
}
