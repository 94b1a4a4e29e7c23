//! Parameters that take one of a fixed list of values: Architecture, OSType, Platform,
//! DiskDeviceMapping.N.Format, BootMode, LicenseType, and the fixed common parameters.

use super::{Rule, RuleMeta, Subject};
use crate::input::Entry;
use crate::lint::{diag, Cx};
use crate::profile::{Case, Kind, Param};
use crate::report::{Data, Severity};
use crate::text::{closest, show};

const fn meta(
    id: &'static str,
    summary: &'static str,
    why: &'static str,
    bad: &'static [&'static str],
    good: &'static [&'static str],
) -> RuleMeta {
    RuleMeta {
        id,
        severity: Severity::Error,
        summary,
        why,
        bad,
        good,
        subject: Subject::Request,
        example_profile: "2019-01",
    }
}

/// `architecture`.
pub const ARCHITECTURE: RuleMeta = meta(
    "architecture",
    "Architecture must be i386 or x86_64 (the current API adds arm64); the default is x86_64.",
    "Any other value, including another letter case such as X86_64, is rejected.",
    &[
        r#"{"RegionId": "cn-hangzhou", "Architecture": "amd64", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    &[
        r#"{"RegionId": "cn-hangzhou", "Architecture": "x86_64", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
);

/// `os-type`.
pub const OS_TYPE: RuleMeta = meta(
    "os-type",
    "OSType must be Windows or Linux (linux and windows in the current API); the default is Linux.",
    "The service needs to know which operating system family to prepare the image for.",
    &[
        r#"{"RegionId": "cn-hangzhou", "OSType": "Unix", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    &[
        r#"{"RegionId": "cn-hangzhou", "OSType": "Linux", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
);

/// `platform`.
pub const PLATFORM: RuleMeta = meta(
    "platform",
    "Platform must be one of the documented distributions (12 in the 2019 revision, 27 today); the default is Others Linux.",
    "Any other value, including another letter case such as centos, is rejected.",
    examples![r#"{"RegionId": "cn-hangzhou", "Platform": "centos", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    examples![r#"{"RegionId": "cn-hangzhou", "Platform": "CentOS", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
);

/// `disk-format`.
pub const DISK_FORMAT: RuleMeta = meta(
    "disk-format",
    "DiskDeviceMapping.N.Format must be RAW, VHD or qcow2 (the current API adds VMDK); absent, the service detects it.",
    "An unknown format name is rejected; leaving the parameter out is safer than guessing.",
    examples![r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.vmdk", "DiskDeviceMapping.1.Format": "VMDK"}"#],
    examples![r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2", "DiskDeviceMapping.1.Format": "qcow2"}"#],
);

/// `boot-mode`.
pub const BOOT_MODE: RuleMeta = RuleMeta {
    subject: Subject::Request,
    example_profile: "current",
    ..meta(
        "boot-mode",
        "BootMode (current API) must be BIOS or UEFI; the default is BIOS, UEFI for arm64.",
        "The boot mode must match how the image's boot loader was installed.",
        &[
            r#"{"RegionId": "cn-hangzhou", "BootMode": "EFI", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
        ],
        &[
            r#"{"RegionId": "cn-hangzhou", "BootMode": "UEFI", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
        ],
    )
};

/// `license-type`.
pub const LICENSE_TYPE: RuleMeta = RuleMeta {
    subject: Subject::Request,
    example_profile: "current",
    ..meta(
        "license-type",
        "LicenseType (current API) must be Aliyun or BYOL; the default is Aliyun.",
        "The licence source decides how a Windows Server image is activated and billed.",
        &[
            r#"{"RegionId": "cn-hangzhou", "LicenseType": "Auto", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
        ],
        &[
            r#"{"RegionId": "cn-hangzhou", "LicenseType": "BYOL", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
        ],
    )
};

/// `enum-letter-case`.
pub const LETTER_CASE: RuleMeta = RuleMeta {
    severity: Severity::Warning,
    ..meta(
        "enum-letter-case",
        "A Format or OSType value that differs from the documented spelling only in letter case, such as QCOW2 or linux.",
        "The service is known to accept these spellings, so this is a warning; the documented spelling is the safe one.",
        examples![r#"{"RegionId": "cn-hangzhou", "OSType": "linux", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
        examples![r#"{"RegionId": "cn-hangzhou", "OSType": "Linux", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    )
};

fn one_of(values: &[&str]) -> String {
    match values {
        [one] => one.to_string(),
        _ => format!("one of {}", values.join(", ")),
    }
}

/// Judges a value against the parameter's list, according to its letter-case rule.
pub(crate) fn check(
    cx: &mut Cx<'_, '_, '_>,
    p: &Param,
    e: &Entry<'_>,
    v: &str,
    values: &'static [&'static str],
    case: Case,
) {
    if values.contains(&v) {
        return;
    }
    let name = e.name.as_ref();
    let data = Data {
        value: Some(v.chars().take(64).collect()),
        allowed: Some(values),
        ..Data::default()
    };
    let trimmed = v.trim();
    if values.contains(&trimmed) {
        cx.push(
            diag(
                p.rule,
                format!("{name} {} has whitespace around the value", show(v)),
            )
            .on(e)
            .help(format!("write {trimmed}"))
            .fix(trimmed)
            .data(data),
        );
        return;
    }
    if let Some(&documented) = values.iter().find(|d| d.eq_ignore_ascii_case(trimmed)) {
        match case {
            Case::Any if trimmed == v => {}
            Case::Warn if trimmed == v => cx.push(
                diag(
                    Rule::EnumLetterCase,
                    format!(
                        "{name} {} is spelt {documented} in the API reference",
                        show(v)
                    ),
                )
                .on(e)
                .code(cx.profile.code(p.rule))
                .help(format!(
                    "the service accepts it, but write {documented} to be safe"
                ))
                .fix(documented)
                .data(data),
            ),
            _ => cx.push(
                diag(
                    p.rule,
                    format!(
                        "{name} must be {}; {} differs in letter case",
                        one_of(values),
                        show(v)
                    ),
                )
                .on(e)
                .help(format!("write {documented}"))
                .fix(documented)
                .data(data),
            ),
        }
        return;
    }
    let mut d = diag(
        p.rule,
        format!("{name} must be {}; it is {}", one_of(values), show(v)),
    )
    .on(e)
    .data(data);
    if let Some(other) = elsewhere(cx, p, trimmed) {
        d = d.help(format!(
            "{} is a value of {other}; did you mean to set {other} instead?",
            show(trimmed)
        ));
    } else if let Some(s) = closest(trimmed, values.iter().copied()) {
        d = d.help(format!("did you mean {s}?"));
    } else {
        d = d.help(format!("write {}", one_of(values)));
    }
    cx.push(d);
}

/// Another parameter whose list holds this value (`Format: qcow2` → the disk's Format).
fn elsewhere(cx: &Cx<'_, '_, '_>, p: &Param, v: &str) -> Option<String> {
    cx.profile.params.iter().find_map(|o| match o.kind {
        Kind::Enum { values, .. }
            if o.name != p.name && values.iter().any(|x| x.eq_ignore_ascii_case(v)) =>
        {
            Some(o.name.replacen(".N.", ".1.", 1))
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use crate::{lint_json, Rule};

    fn with(extra: &str) -> crate::Report {
        lint_json(&format!(
            r#"{{"RegionId": "cn-hangzhou", {extra} "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw"}}"#
        ))
    }

    #[test]
    fn top_level_qcow2_points_at_the_disk_format() {
        let r = with(r#""Format": "qcow2","#);
        let d = r
            .diagnostics
            .iter()
            .find(|d| d.rule == Rule::ResponseFormat)
            .unwrap();
        assert!(
            d.help
                .as_deref()
                .unwrap()
                .contains("DiskDeviceMapping.1.Format"),
            "{d:?}"
        );
    }

    #[test]
    fn letter_case_is_a_warning_for_os_type_and_an_error_for_platform() {
        let r = with(r#""OSType": "linux","#);
        assert!(r.valid && r.has(Rule::EnumLetterCase, "OSType"));
        assert_eq!(r.diagnostics[0].code, Some("InvalidOSType.Malformed"));
        let r = with(r#""Platform": "centos","#);
        assert!(!r.valid && r.has(Rule::Platform, "Platform"));
        assert_eq!(r.diagnostics[0].fix.as_deref(), Some("CentOS"));
        let r = with(r#""Architecture": "X86_64","#);
        assert!(r.has(Rule::Architecture, "Architecture"));
    }
}
