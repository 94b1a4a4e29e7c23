//! Description: length and URL prefix. Both prevent `InvalidDescription.Malformed`.

use super::{Rule, RuleMeta, Subject};
use crate::input::Entry;
use crate::lint::{diag, Cx};
use crate::profile::UrlRule;
use crate::report::{Data, Severity};
use crate::text::{contains_url, show, url_prefix};

/// `description-length`.
pub const LENGTH: RuleMeta = RuleMeta {
    id: "description-length",
    severity: Severity::Error,
    summary: "Description may hold at most 256 characters, counted in code points (the current API also wants at least 2); it may be empty in the 2019 revision.",
    why: "The service rejects longer descriptions.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "Description": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![r#"{"RegionId": "cn-hangzhou", "Description": "", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `description-url`.
pub const URL: RuleMeta = RuleMeta {
    id: "description-url",
    severity: Severity::Error,
    summary: "Description must not start with http:// or https://, in any letter case.",
    why: "Descriptions that start like links are refused by the service.",
    bad: examples![
        r#"{"RegionId": "cn-hangzhou", "Description": "http://wiki.example.com/centos", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    good: examples![
        r#"{"RegionId": "cn-hangzhou", "Description": "CentOS 7 web tier, see http://wiki.example.com/centos", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    subject: Subject::Request,
    example_profile: "2019-01",
};

pub(crate) fn check(cx: &mut Cx<'_, '_, '_>, e: &Entry<'_>, v: &str) {
    let rules = &cx.profile.description;
    let len = v.chars().count();
    if !(rules.min..=rules.max).contains(&len) {
        cx.push(
            diag(
                Rule::DescriptionLength,
                format!(
                    "Description is {len} characters long; it must be {} to {}",
                    rules.min, rules.max
                ),
            )
            .on(e)
            .help(if len < rules.min {
                "write a longer description, or leave it out"
            } else {
                "shorten the description"
            })
            .data(Data {
                min: Some(rules.min as u64),
                max: Some(rules.max as u64),
                actual: Some(len as u64),
                unit: Some("code points"),
                ..Data::default()
            }),
        );
    }
    let url = match rules.url {
        UrlRule::Prefix => url_prefix(v).is_some(),
        UrlRule::Anywhere => contains_url(v),
    };
    if url {
        cx.push(
            diag(
                Rule::DescriptionUrl,
                format!("Description {} starts with a link scheme", show(v)),
            )
            .on(e)
            .help("start with words; a link may come later in the text")
            .data(Data {
                value: Some(v.chars().take(160).collect()),
                ..Data::default()
            }),
        );
    }
}
