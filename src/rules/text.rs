//! Generic value rules read from the profile (`Text`, `Bool` kinds), and the deceptive-text
//! rule that applies to every value.

use super::{Rule, RuleMeta, Subject};
use crate::input::{Entry, Value};
use crate::lint::{diag, Cx};
use crate::profile::{Kind, Param};
use crate::report::{Data, Severity};
use crate::text::{code_point, contains_url, is_deceptive, show, starts_with_ci};

/// `parameter-value`.
pub const PARAMETER_VALUE: RuleMeta = RuleMeta {
    id: "parameter-value",
    severity: Severity::Error,
    summary: "A parameter of the current API without a rule of its own (Tag.N.Key/Value, ClientToken, DryRun, Features.*, DetectionStrategy) breaks its documented type, list, length or prefix rule.",
    why: "The service rejects such values; the profile table states each parameter's limits.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "Tag.1.Key": "acs:team", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![r#"{"RegionId": "cn-hangzhou", "Tag.1.Key": "team", "Tag.1.Value": "web", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    subject: Subject::Request,
    example_profile: "current",
};

/// `deceptive-text`.
pub const DECEPTIVE_TEXT: RuleMeta = RuleMeta {
    id: "deceptive-text",
    severity: Severity::Warning,
    summary: "A value holds invisible, direction-changing or control characters (zero-width spaces, bidi overrides such as U+202E, escape codes).",
    why: "Such characters make a value read differently from what it is (the \"Trojan Source\" trick) or drive the terminal that shows it; reviewers cannot see them.",
    bad: examples!["{\"RegionId\": \"cn-hangzhou\", \"Description\": \"web \u{202E}gpj.exe\", \"DiskDeviceMapping.1.OSSBucket\": \"ecsimageos\", \"DiskDeviceMapping.1.OSSObject\": \"centos7.qcow2\"}"],
    good: examples![r#"{"RegionId": "cn-hangzhou", "Description": "web tier", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    subject: Subject::Request,
    example_profile: "2019-01",
};

pub(crate) fn check_bool(cx: &mut Cx<'_, '_, '_>, p: &Param, e: &Entry<'_>, v: &str) {
    if v == "true" || v == "false" {
        return;
    }
    let mut d = diag(
        p.rule,
        format!("{} must be true or false; it is {}", e.name, show(v)),
    )
    .on(e);
    let t = v.trim().to_ascii_lowercase();
    if t == "true" || t == "false" {
        d = d.help(format!("write {t}")).fix(t);
    } else {
        d = d.help("write true or false");
    }
    cx.push(d);
}

pub(crate) fn check_text(cx: &mut Cx<'_, '_, '_>, p: &Param, e: &Entry<'_>, v: &str) {
    let Kind::Text {
        min,
        max,
        ascii,
        forbidden_prefixes,
        no_url,
    } = p.kind
    else {
        return;
    };
    let name = e.name.as_ref();
    let len = v.chars().count();
    if !(min..=max).contains(&len) {
        cx.push(
            diag(
                p.rule,
                format!("{name} is {len} characters long; it must be {min} to {max}"),
            )
            .on(e)
            .data(Data {
                min: Some(min as u64),
                max: Some(max as u64),
                actual: Some(len as u64),
                unit: Some("code points"),
                ..Data::default()
            }),
        );
    }
    if ascii {
        if let Some(c) = v.chars().find(|c| !(' '..='~').contains(c)) {
            cx.push(
                diag(
                    p.rule,
                    format!(
                        "{name} may hold only printable ASCII; it contains {}",
                        code_point(c)
                    ),
                )
                .on(e)
                .data(Data {
                    character: Some(code_point(c)),
                    ..Data::default()
                }),
            );
        }
    }
    if let Some(prefix) = forbidden_prefixes.iter().find(|x| starts_with_ci(v, x)) {
        cx.push(
            diag(
                p.rule,
                format!("{name} {} starts with {prefix}, which is reserved", show(v)),
            )
            .on(e)
            .help(format!(
                "choose a value that does not start with {}",
                forbidden_prefixes.join(" or ")
            )),
        );
    }
    if no_url && contains_url(v) {
        cx.push(
            diag(
                p.rule,
                format!(
                    "{name} {} contains a link scheme (http:// or https://)",
                    show(v)
                ),
            )
            .on(e)
            .help("remove the link"),
        );
    }
}

/// `deceptive-text`: every string value, parameters known or not.
pub(crate) fn check_deceptive(cx: &mut Cx<'_, '_, '_>) {
    for e in cx.req.entries {
        let Value::Str(v) = &e.value else { continue };
        if v.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            continue; // printable ASCII: nothing to hide (the common case, checked fast)
        }
        let mut found = v.char_indices().filter(|(_, c)| is_deceptive(*c));
        let Some((_, c)) = found.next() else { continue };
        let more = found.count();
        let kind = if c.is_control() {
            "a control character"
        } else if matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        {
            "a direction-changing character"
        } else {
            "an invisible character"
        };
        let also = if more > 0 {
            format!(" and {more} more such characters")
        } else {
            String::new()
        };
        cx.push(
            diag(Rule::DeceptiveText, format!("{} holds {kind} ({}){also}: the value is not what it looks like", show(&e.name), code_point(c)))
                .on(e)
                .help("retype the value; reviewers and terminals do not show these characters as they are")
                .data(Data { value: Some(v.chars().take(160).collect()), character: Some(code_point(c)), ..Data::default() }),
        );
    }
}
