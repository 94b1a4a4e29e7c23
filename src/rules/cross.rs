//! Rules between parameters: Platform against OSType, a disk's Format against its file
//! extension, and the profile's stated combinations (arm64 needs UEFI).

use super::{Rule, RuleMeta, Subject};
use crate::lint::{diag, Cx};
use crate::report::{Data, Severity};

/// `platform-os-type-mismatch`.
pub const PLATFORM_OS_TYPE: RuleMeta = RuleMeta {
    id: "platform-os-type-mismatch",
    severity: Severity::Warning,
    summary: "A Windows Platform with OSType Linux (given or by default), or a Linux Platform with OSType Windows.",
    why: "The service prepares the image for the OSType; a Windows Server image imported as Linux does not boot properly.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "Platform": "Windows Server 2012", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "win2012.vhd"}"#],
    good: examples![r#"{"RegionId": "cn-hangzhou", "Platform": "Windows Server 2012", "OSType": "Windows", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "win2012.vhd"}"#],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `format-extension-mismatch`.
pub const FORMAT_EXTENSION: RuleMeta = RuleMeta {
    id: "format-extension-mismatch",
    severity: Severity::Warning,
    summary: "A disk's Format says one format while its object's extension (.raw, .vhd, .qcow2) names another; .img is not judged, as cloud images use it for qcow2.",
    why: "A wrong Format makes the import fail after the upload; usually the extension is right.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.vhd", "DiskDeviceMapping.1.Format": "RAW"}"#],
    good: examples![r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.vhd", "DiskDeviceMapping.1.Format": "VHD"}"#],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `required-combination`.
pub const REQUIRED_COMBINATION: RuleMeta = RuleMeta {
    id: "required-combination",
    severity: Severity::Error,
    summary:
        "A combination the API forbids: in the current API, Architecture arm64 needs BootMode UEFI.",
    why: "The service rejects the combination; arm64 machines boot only with UEFI.",
    bad: examples![
        r#"{"RegionId": "cn-hangzhou", "Architecture": "arm64", "BootMode": "BIOS", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    good: examples![
        r#"{"RegionId": "cn-hangzhou", "Architecture": "arm64", "BootMode": "UEFI", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    subject: Subject::Request,
    example_profile: "current",
};

fn windows_platform(p: &str) -> bool {
    p.starts_with("Windows ") || p == "Other Windows"
}

pub(crate) fn check(cx: &mut Cx<'_, '_, '_>) {
    let req = cx.req;
    if let (Some(platform), Some(os)) = (req.effective("Platform", 0), req.effective("OSType", 0)) {
        let win_platform = windows_platform(platform);
        let win_os = os.eq_ignore_ascii_case("windows");
        let (os_given, platform_given) = (req.get("OSType", 0), req.get("Platform", 0));
        if win_platform != win_os {
            let family = |w: bool| if w { "Windows" } else { "Linux" };
            let want_os = spelled(cx, family(win_platform));
            let by_default = |given: bool| if given { "" } else { " (the default)" };
            let message = format!(
                "Platform {platform}{} is a {} system, but OSType is {os}{}",
                by_default(platform_given.is_some()),
                family(win_platform),
                by_default(os_given.is_some())
            );
            let found = match (platform_given, os_given) {
                (Some(p), None) => Some((p, format!("set OSType to {want_os}"))),
                (None, Some(o)) => Some((o, format!("set Platform to the {} release of the image", family(win_os)))),
                (Some(_), Some(o)) => Some((o, format!("OSType {want_os} fits Platform {platform}; check which of the two is right"))),
                (None, None) => None,
            };
            if let Some((entry, help)) = found {
                cx.push(
                    diag(Rule::PlatformOsTypeMismatch, message)
                        .on(entry)
                        .help(help),
                );
            }
        }
    }
    let disks = cx.profile.disks.prefix;
    for n in req.indices(disks) {
        let (Some(object), Some(format)) = (
            req.value("DiskDeviceMapping.N.OSSObject", n),
            req.get("DiskDeviceMapping.N.Format", n),
        ) else {
            continue;
        };
        let Some(fmt) = crate::lint::text(format) else {
            continue;
        };
        let ext = object.rsplit_once('.').map_or("", |(_, e)| e);
        if let Some((_, implied)) = cx
            .profile
            .format_extensions
            .iter()
            .find(|(e, _)| e.eq_ignore_ascii_case(ext))
        {
            if !implied.eq_ignore_ascii_case(fmt.trim()) {
                cx.push(
                    diag(Rule::FormatExtensionMismatch, format!("{} is {fmt}, but the object {object} has the extension .{}", format.name, ext.to_ascii_lowercase()))
                        .on(format)
                        .help(format!("if the file is {implied}, write {implied}; or leave Format out and let the service detect it"))
                        .data(Data { value: Some(fmt.to_owned()), expected: Some((*implied).to_owned()), ..Data::default() }),
                );
            }
        }
    }
    for r in cx.profile.requires {
        if !req
            .value(r.when, 0)
            .is_some_and(|v| v.eq_ignore_ascii_case(r.is))
        {
            continue;
        }
        if let Some(then) = req.get(r.then, 0) {
            if !crate::lint::text(then).is_some_and(|v| v.eq_ignore_ascii_case(r.must)) {
                cx.push(
                    diag(
                        Rule::RequiredCombination,
                        format!("{} {} needs {} {}", r.when, r.is, r.then, r.must),
                    )
                    .on(then)
                    .help(format!(
                        "write {} (or leave {} out; it then defaults to {})",
                        r.must, r.then, r.must
                    ))
                    .fix(r.must),
                );
            }
        }
    }
}

/// The profile's spelling of an OSType value.
fn spelled(cx: &Cx<'_, '_, '_>, os: &str) -> &'static str {
    match cx.profile.param("OSType").map(|p| p.kind) {
        Some(crate::profile::Kind::Enum { values, .. }) => values
            .iter()
            .find(|v| v.eq_ignore_ascii_case(os))
            .copied()
            .unwrap_or("Linux"),
        _ => "Linux",
    }
}
