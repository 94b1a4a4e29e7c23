//! `parameter-value`: parameters without a rule of their own (the tags, ClientToken, DryRun,
//! Features.*, DetectionStrategy, SignatureType, the account ids, StorageLocationArn, a
//! disk's Device) break their documented type, list, length, range or shape. Lists, texts
//! and numbers are judged by `choices`, `text_limits` and `integers`; booleans and the
//! CloudBox ARN here.

use std::borrow::Cow;

use super::{example, Checker};
use crate::diagnostic::{Code, Data, Finding};
use crate::input::Entry;
use crate::message::Msg;
use crate::profile::{Key, Param};
use crate::rule::RuleDoc;

/// `parameter-value`.
pub(crate) const PARAMETER_VALUE: RuleDoc = RuleDoc::new(
    "A parameter without a rule of its own (Tag.N.Key/Value, ClientToken, DryRun, Features.*, DetectionStrategy, SignatureType, OwnerId, StorageLocationArn, Device) breaks its documented type, list, length, range or shape.",
    "The service rejects such values; the profile table states each parameter's limits.",
    &[example!(r#""Tag.1.Key": "acs:team""#)],
    &[example!(r#""Tag.1.Key": "team""#, r#""Tag.1.Value": "web""#)],
)
.under("current");

/// `true` or `false` in any letter case: the Python SDKs send `True` and `False`.
pub(crate) fn check_bool<'e>(cx: &mut Checker<'_, 'e>, p: &Param, e: &'e Entry<'e>, v: &'e str) {
    if v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false") {
        return;
    }
    let t = v.trim().to_ascii_lowercase();
    let mut f = Finding::new(
        p.rule(),
        Msg::NotBool {
            name: e.name.to_cow(),
            value: v,
        },
    )
    .param(e.name.to_cow())
    .span(e.span())
    .code(p.code().map_or(Code::OfRule, Code::Is))
    .data(Data::value(v));
    f = if t == "true" || t == "false" {
        f.help(Msg::Write {
            value: Cow::Owned(t.clone()),
        })
        .fix(t)
    } else {
        f.help(Msg::BoolHelp)
    };
    cx.push(f);
}

/// `arn:acs:cloudbox:{RegionId}:{AliUid}:cloudbox/{CloudBoxId}`.
pub(crate) fn check_arn<'e>(cx: &mut Checker<'_, 'e>, p: &Param, e: &'e Entry<'e>, v: &'e str) {
    let parts: Vec<&str> = v.splitn(6, ':').collect();
    let shape_ok = matches!(
        parts.as_slice(),
        ["arn", "acs", "cloudbox", region, uid, resource]
            if super::region::well_formed(region)
                && crate::chars::is_digits(uid)
                && resource.strip_prefix("cloudbox/").is_some_and(|id| {
                    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                })
    );
    let at = |f: Finding<'e>| f.param(e.name.to_cow()).span(e.span()).data(Data::value(v));
    if !shape_ok {
        cx.push(
            at(Finding::new(
                p.rule(),
                Msg::BadArn {
                    name: e.name.to_cow(),
                    value: v,
                },
            ))
            .help(Msg::ArnHelp),
        );
        return;
    }
    if let Some(want) = cx.req.value(Key::RegionId, 0) {
        if parts[3] != want {
            cx.push(
                at(Finding::new(
                    p.rule(),
                    Msg::ArnRegion {
                        name: e.name.to_cow(),
                        region: parts[3],
                        want,
                    },
                ))
                .help(Msg::ArnRegionHelp),
            );
        }
    }
}

/// The JSON Schema of a boolean: a JSON boolean, or `true` / `false` in any letter case.
pub(crate) fn bool_schema(p: &crate::profile::Param) -> crate::schema::Schema {
    use crate::schema::{any_case, Schema};
    let message = format!("{} is true or false ({})", p.name(), p.rule().id());
    Schema {
        error_message: Some(message.clone()),
        ..Schema::any(vec![
            Schema::of("boolean"),
            Schema::pattern(
                format!("^(?:{}|{})$", any_case("true"), any_case("false")),
                message,
            ),
        ])
    }
}

/// The JSON Schema of a CloudBox ARN (whose region must also be RegionId's; a schema cannot
/// compare them).
pub(crate) fn arn_schema(p: &crate::profile::Param) -> crate::schema::Schema {
    crate::schema::Schema::pattern(
        format!(
            "^arn:acs:cloudbox:{}:[0-9]+:cloudbox/[A-Za-z0-9-]+$",
            super::region::PATTERN_BODY
        ),
        format!(
            "{} is a CloudBox ARN: arn:acs:cloudbox:{{RegionId}}:{{AliUid}}:cloudbox/{{CloudBoxId}} ({})",
            p.name(),
            p.rule().id()
        ),
    )
}

#[cfg(test)]
mod tests {
    use crate::{profile, Linter, Options, Rule};

    fn current(extra: &str) -> crate::Report {
        Linter::new(Options::default().with_profile(&profile::CURRENT)).lint_str(&format!(
            r#"{{"RegionId": "cn-hangzhou", {extra} "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw"}}"#
        ))
    }

    #[test]
    fn booleans_in_any_letter_case() {
        for ok in [
            r#""DryRun": "True","#,
            r#""DryRun": "false","#,
            r#""DryRun": true,"#,
        ] {
            assert!(current(ok).diagnostics.is_empty(), "{ok}");
        }
        assert!(current(r#""DryRun": "yes","#).has(Rule::ParameterValue, "DryRun"));
    }

    #[test]
    fn cloudbox_arn_shape() {
        assert!(current(
            r#""StorageLocationArn": "arn:acs:cloudbox:cn-hangzhou:123456:cloudbox/cb-abc1","#
        )
        .diagnostics
        .is_empty());
        for bad in [
            "cb-abc1",
            "arn:acs:oss:cn-hangzhou:1:cloudbox/cb",
            "arn:acs:cloudbox:cn-hangzhou:12a:cloudbox/cb",
            "arn:acs:cloudbox:cn-hangzhou:1:cloudbox/",
        ] {
            let r = current(&format!(r#""StorageLocationArn": "{bad}","#));
            assert!(
                r.has(Rule::ParameterValue, "StorageLocationArn"),
                "{bad}: {r:#?}"
            );
        }
        let r = current(r#""StorageLocationArn": "arn:acs:cloudbox:cn-beijing:1:cloudbox/cb-1","#);
        assert!(r.has(Rule::ParameterValue, "StorageLocationArn"));
    }

    #[test]
    fn device_values_and_deprecated_size_are_judged() {
        let r = current(
            r#""DiskDeviceMapping.1.Device": "/dev/sda", "DiskDeviceMapping.1.DiskImSize": 4096,"#,
        );
        assert!(r.has(Rule::ParameterValue, "DiskDeviceMapping.1.Device"));
        let d = r
            .diagnostics
            .iter()
            .find(|d| d.rule == Rule::ParameterValue)
            .unwrap();
        assert_eq!(d.code, Some("InvalidParameter.Malformed"));
        assert!(r.has(Rule::DiskImageSize, "DiskDeviceMapping.1.DiskImSize"));
        assert!(r.has(Rule::DeprecatedParameter, "DiskDeviceMapping.1.DiskImSize"));
    }
}
