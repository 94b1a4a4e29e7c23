//! RegionId: its shape, and whether the region is known.

use super::{Rule, RuleMeta, Subject};
use crate::input::Entry;
use crate::lint::{diag, Cx};
use crate::report::{Data, Severity};
use crate::text::{closest, show};

#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
const G: &str = super::GOOD;

/// `region-id-format`.
pub const REGION_ID_FORMAT: RuleMeta = RuleMeta {
    id: "region-id-format",
    severity: Severity::Error,
    summary: "RegionId must be lower-case letter and digit words joined by hyphens, starting with letters, such as cn-hangzhou or ap-southeast-1.",
    why: "A region id of another shape names no region, so the service answers that the region is not found.",
    bad: examples![r#"{"RegionId": "CN-Hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![G],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `region-id-unknown`.
pub const REGION_ID_UNKNOWN: RuleMeta = RuleMeta {
    id: "region-id-unknown",
    severity: Severity::Warning,
    summary: "A well-formed RegionId that is not in the built-in list of known regions.",
    why: "Regions are added over time, so this is a warning; most often it is a typo such as cn-hangzou.",
    bad: examples![r#"{"RegionId": "cn-hangzou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![G],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// Lower-case words of letters and digits joined by single hyphens, at least two words,
/// the first of letters only (`cn-hangzhou`, `ap-southeast-1`, `cn-north-2-gov-1`).
pub(crate) fn well_formed(v: &str) -> bool {
    let mut words = v.split('-');
    let first_ok = words
        .next()
        .is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()));
    let mut rest = 0;
    let rest_ok = words.all(|w| {
        rest += 1;
        !w.is_empty()
            && w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    first_ok && rest_ok && rest >= 1 && v.len() <= 64
}

pub(crate) fn check(cx: &mut Cx<'_, '_, '_>, e: &Entry<'_>, v: &str) {
    let known = cx.profile.regions;
    if !well_formed(v) {
        let fixed = v.trim().to_ascii_lowercase().replace('_', "-");
        let mut d = diag(
            Rule::RegionIdFormat,
            format!("RegionId {} is not a region id", show(v)),
        )
        .on(e)
        .data(Data {
            value: Some(v.chars().take(64).collect()),
            ..Data::default()
        });
        d = if known.contains(&fixed.as_str()) {
            d.help(format!("write {fixed}")).fix(fixed)
        } else {
            d.help("region ids are lower-case words joined by hyphens, such as cn-hangzhou; `aliyun ecs DescribeRegions` lists them")
        };
        cx.push(d);
    } else if !known.contains(&v) {
        let mut d = diag(
            Rule::RegionIdUnknown,
            format!("RegionId {} is not a region this linter knows", show(v)),
        )
        .on(e)
        .data(Data {
            value: Some(v.to_owned()),
            ..Data::default()
        });
        d = match closest(v, known.iter().copied()) {
            Some(s) => d.help(format!("did you mean {s}? If {v} is a new region, ignore this warning")).data(Data {
                value: Some(v.to_owned()),
                expected: Some(s.to_owned()),
                ..Data::default()
            }),
            None => d.help("check it against `aliyun ecs DescribeRegions`; if the region is new, ignore this warning"),
        };
        cx.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::well_formed;

    #[test]
    fn shapes() {
        for ok in [
            "cn-hangzhou",
            "ap-southeast-1",
            "cn-shanghai-finance-1",
            "cn-north-2-gov-1",
            "rus-west-1",
        ] {
            assert!(well_formed(ok), "{ok}");
        }
        for bad in [
            "",
            "hangzhou",
            "CN-hangzhou",
            "cn--hangzhou",
            "cn-hangzhou-",
            "1cn-x",
            "cn_hangzhou",
            " cn-hangzhou",
        ] {
            assert!(!well_formed(bad), "{bad}");
        }
    }
}
