//! DiskDeviceMapping.N.DiskImageSize: a whole number of GiB within the disk's range.

use super::{Rule, RuleMeta, Subject};
use crate::input::Entry;
use crate::lint::{diag, Cx};
use crate::report::{Data, Severity};
use crate::text::show;

/// `disk-image-size`.
pub const DISK_IMAGE_SIZE: RuleMeta = RuleMeta {
    id: "disk-image-size",
    severity: Severity::Error,
    summary: "DiskImageSize must be a whole number of GiB: 5–500 for the system disk (N = 1) and 5–1000 for data disks (1–2048 for every disk in the current API).",
    why: "A size outside the range, or with a unit or fraction, is rejected; leaving it out lets the service measure the image.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2", "DiskDeviceMapping.1.DiskImageSize": "501"}"#],
    good: examples![r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2", "DiskDeviceMapping.1.DiskImageSize": "500"}"#],
    subject: Subject::Request,
    example_profile: "2019-01",
};

pub(crate) fn check_size(cx: &mut Cx<'_, '_, '_>, e: &Entry<'_>, v: &str, n: u32) {
    let rules = &cx.profile.disks;
    let (min, max) = if n == 1 {
        rules.system_size
    } else {
        rules.data_size
    };
    let which = if n == 1 {
        "the system disk (N = 1)"
    } else {
        "a data disk"
    };
    let data = |actual: Option<u64>| Data {
        value: Some(v.chars().take(64).collect()),
        min: Some(min),
        max: Some(max),
        actual,
        unit: Some("GiB"),
        ..Data::default()
    };
    let digits = v.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        let number: String = digits.chars().take_while(char::is_ascii_digit).collect();
        let unit = digits[number.len()..].trim();
        let mut d = diag(
            Rule::DiskImageSize,
            format!("{} {} is not a whole number of GiB", e.name, show(v)),
        )
        .on(e)
        .data(data(None));
        if !number.is_empty()
            && ["g", "gb", "gib"]
                .iter()
                .any(|u| unit.eq_ignore_ascii_case(u))
        {
            d = d
                .help(format!("write the number alone: {number}"))
                .fix(number);
        } else {
            d = d.help(format!("write whole GiB from {min} to {max} for {which}, or leave it out to let the service measure the image"));
        }
        cx.push(d);
        return;
    }
    let size = digits.trim_start_matches('0').parse::<u64>().unwrap_or(
        if digits.trim_start_matches('0').is_empty() {
            0
        } else {
            u64::MAX
        },
    );
    if !(min..=max).contains(&size) {
        let shown = if size == u64::MAX {
            digits.chars().take(24).collect::<String>() + "…"
        } else {
            size.to_string()
        };
        let mut d = diag(
            Rule::DiskImageSize,
            format!(
                "{} is {shown} GiB; {which} takes {min} to {max} GiB",
                e.name
            ),
        )
        .on(e)
        .help(if size < min {
            format!("use at least {min} GiB, and no less than the space the image uses")
        } else {
            format!("use at most {max} GiB")
        })
        .data(data((size != u64::MAX).then_some(size)));
        if digits != v {
            d = d.help("remove the spaces around the number");
        }
        cx.push(d);
    } else if digits != v {
        cx.push(
            diag(
                Rule::DiskImageSize,
                format!("{} {} has whitespace around the number", e.name, show(v)),
            )
            .on(e)
            .help(format!("write {digits}"))
            .fix(digits)
            .data(data(Some(size))),
        );
    }
}
