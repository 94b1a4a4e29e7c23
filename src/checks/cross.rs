//! Rules between parameters: Platform against OSType, a disk's Format against its file
//! extension, and the profile's stated combinations (arm64 needs UEFI). Values are read the
//! way the value rules read them: a case variant that the platform rule recognises is the
//! platform it names.

use super::{example, Checker};
use crate::diagnostic::{Data, Finding};
use crate::message::Msg;
use crate::profile::{Choices, Key, Kind};
use crate::rule::{Rule, RuleDoc};

/// `platform-os-type-mismatch`.
pub(crate) const PLATFORM_OS_TYPE: RuleDoc = RuleDoc::new(
    "A Platform of one operating system family (given or by default) with an OSType of the other.",
    "The service prepares the image for the OSType; a Windows Server image imported as Linux does not boot properly.",
    &[r#"{"RegionId": "cn-hangzhou", "Platform": "Windows Server 2012", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "win2012.vhd"}"#],
    &[r#"{"RegionId": "cn-hangzhou", "Platform": "Windows Server 2012", "OSType": "Windows", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "win2012.vhd"}"#],
);

/// `format-extension-mismatch`.
pub(crate) const FORMAT_EXTENSION: RuleDoc = RuleDoc::new(
    "A disk's Format says one format while its object's extension names another (the profile lists which extensions name a format; .img names none, as cloud images use it for qcow2).",
    "A wrong Format makes the import fail after the upload; usually the extension is right.",
    &[r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.vhd", "DiskDeviceMapping.1.Format": "RAW"}"#],
    &[r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.vhd", "DiskDeviceMapping.1.Format": "VHD"}"#],
);

/// `required-combination`.
pub(crate) const REQUIRED_COMBINATION: RuleDoc = RuleDoc::new(
    "A combination the profile's table forbids, such as Architecture arm64 with BootMode BIOS in the current API.",
    "The service rejects the combination; arm64 machines boot only with UEFI.",
    &[example!(r#""Architecture": "arm64""#, r#""BootMode": "BIOS""#)],
    &[example!(r#""Architecture": "arm64""#, r#""BootMode": "UEFI""#)],
)
.under("current");

fn choices(cx: &Checker<'_, '_>, key: Key) -> Option<(usize, Choices)> {
    let pi = cx.profile.index_of(key)?;
    match cx.profile.params[pi].kind() {
        Kind::Enum(c) => Some((pi, c)),
        _ => None,
    }
}

pub(crate) fn check<'e>(cx: &mut Checker<'_, 'e>) {
    platform_os_type(cx);
    format_extension(cx);
    combinations(cx);
}

fn platform_os_type<'e>(cx: &mut Checker<'_, 'e>) {
    let req = cx.req;
    let (Some((ppi, pc)), Some((opi, oc))) = (choices(cx, Key::Platform), choices(cx, Key::OsType))
    else {
        return;
    };
    let (Some(platform), Some(os)) = (req.effective(ppi, 0), req.effective(opi, 0)) else {
        return;
    };
    let (Some(pchoice), Some(ochoice)) = (pc.meant(platform), oc.meant(os)) else {
        return; // the value rules report values that name nothing
    };
    let (Some(pfam), Some(ofam)) = (pchoice.family, ochoice.family) else {
        return;
    };
    if pfam == ofam {
        return;
    }
    let (pgiven, ogiven) = (req.get(ppi, 0), req.get(opi, 0));
    let want_os = oc
        .values
        .iter()
        .find(|c| c.family == Some(pfam))
        .map_or("", |c| c.value);
    let msg = Msg::PlatformOs {
        platform: pchoice.value,
        platform_default: pgiven.is_none(),
        family: pfam,
        os,
        os_default: ogiven.is_none(),
    };
    let (platform_name, os_name) = (cx.profile.params[ppi].name(), cx.profile.params[opi].name());
    let (entry, other, help) = match (pgiven, ogiven) {
        (Some(p), None) => (p, os_name, Msg::SetOsType { os: want_os }),
        (None, Some(o)) => (o, platform_name, Msg::SetPlatform { family: ofam }),
        (Some(_), Some(o)) => (
            o,
            platform_name,
            Msg::CheckWhichIsRight {
                os: want_os,
                platform: pchoice.value,
            },
        ),
        (None, None) => return,
    };
    cx.push(
        Finding::new(Rule::PlatformOsTypeMismatch, msg)
            .param(entry.name.to_cow())
            .also(other)
            .span(entry.span())
            .help(help),
    );
}

fn format_extension<'e>(cx: &mut Checker<'_, 'e>) {
    let req = cx.req;
    let Some(family) = cx.profile.keyed(Key::DiskFormat).and_then(|p| p.family()) else {
        return;
    };
    for n in req.indices(family) {
        let (Some(object_entry), Some(format)) =
            (req.keyed(Key::DiskObject, n), req.keyed(Key::DiskFormat, n))
        else {
            continue;
        };
        let Some(object) = req.value(Key::DiskObject, n) else {
            continue;
        };
        let Some(fmt) = format.text() else { continue };
        let ext = object.rsplit_once('.').map_or("", |(_, e)| e);
        let Some(&(_, implied)) = cx
            .profile
            .format_extensions
            .iter()
            .find(|(e, _)| e.eq_ignore_ascii_case(ext))
        else {
            continue;
        };
        if implied.eq_ignore_ascii_case(fmt.trim()) {
            continue;
        }
        cx.push(
            Finding::new(
                Rule::FormatExtensionMismatch,
                Msg::FormatExtension {
                    name: format.name.to_cow(),
                    format: fmt,
                    object,
                    ext,
                },
            )
            .param(format.name.to_cow())
            .also(object_entry.name.to_cow())
            .span(format.span())
            .help(Msg::FormatExtensionHelp { implied })
            .data(Data::value(fmt).expected(implied)),
        );
    }
}

fn combinations<'e>(cx: &mut Checker<'_, 'e>) {
    let req = cx.req;
    let params = cx.profile.params;
    for r in cx.profile.requires {
        let (Some(when), Some(then)) = (
            params.iter().position(|p| p.name() == r.when),
            params.iter().position(|p| p.name() == r.then),
        ) else {
            continue;
        };
        if !req
            .get(when, 0)
            .and_then(|e| e.text())
            .is_some_and(|v| v.eq_ignore_ascii_case(r.is))
        {
            continue;
        }
        let Some(e) = req.get(then, 0) else { continue };
        if e.text().is_some_and(|v| v.eq_ignore_ascii_case(r.must)) {
            continue;
        }
        cx.push(
            Finding::new(
                Rule::RequiredCombination,
                Msg::Requires {
                    when: r.when,
                    is: r.is,
                    then: r.then,
                    must: r.must,
                },
            )
            .param(e.name.to_cow())
            .also(r.when)
            .span(e.span())
            .help(Msg::RequiresHelp {
                then: r.then,
                must: r.must,
            })
            .fix(r.must),
        );
    }
}

/// The JSON Schemas of a requirement: when `when` is `is` (any letter case), `then`, if
/// given, must be `must` (any letter case); left out, null or empty, it takes `must` as its
/// default. In a model document (`model`), each name may also be written in an SDK
/// spelling: one schema per pair of spellings.
pub(crate) fn requirement_schemas(
    r: &crate::profile::Requirement,
    model: bool,
) -> Vec<crate::schema::Schema> {
    use crate::schema::{any_case, Members, Schema};
    let names = |api: &'static str| {
        let mut v = vec![api.to_owned()];
        if model {
            v.extend(crate::input::sdk::spellings_of(api));
        }
        v
    };
    let message = format!(
        "{} {} needs {} {} ({})",
        r.when,
        r.is,
        r.then,
        r.must,
        crate::rule::Rule::RequiredCombination.id()
    );
    let mut out = Vec::new();
    for when in names(r.when) {
        for then in names(r.then) {
            let trigger = Schema {
                properties: Some(Members(vec![(
                    when.clone(),
                    Schema::pattern(format!("^{}$", any_case(r.is)), message.clone()),
                )])),
                required: Some(vec![when.clone()]),
                ..Schema::of("object")
            };
            let absent = Schema::any(vec![
                Schema::of("null"),
                Schema {
                    constant: Some(""),
                    ..Schema::default()
                },
            ]);
            let must = Schema {
                condition: Some(Box::new(absent)),
                otherwise: Some(Box::new(Schema::pattern(
                    format!("^{}$", any_case(r.must)),
                    message.clone(),
                ))),
                do_not_suggest: Some(true),
                ..Schema::default()
            };
            out.push(Schema {
                description: Some(format!("{} {} needs {} {}.", r.when, r.is, r.then, r.must)),
                condition: Some(Box::new(trigger)),
                then: Some(Box::new(Schema {
                    properties: Some(Members(vec![(then, must)])),
                    ..Schema::of("object")
                })),
                ..Schema::default()
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{lint_json, Rule};

    /// A case variant of a Windows platform is a Windows platform here too.
    #[test]
    fn platform_read_like_the_platform_rule() {
        let r = lint_json(
            r#"{"RegionId": "cn-hangzhou", "Platform": "windows server 2012", "OSType": "Windows", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.vhd"}"#,
        );
        assert!(r.has(Rule::Platform, "Platform"), "{r:#?}");
        assert!(
            r.diagnostics
                .iter()
                .all(|d| d.rule != Rule::PlatformOsTypeMismatch),
            "{r:#?}"
        );
        let r = lint_json(
            r#"{"RegionId": "cn-hangzhou", "Platform": "windows server 2012", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.vhd"}"#,
        );
        let d = r
            .diagnostics
            .iter()
            .find(|d| d.rule == Rule::PlatformOsTypeMismatch)
            .unwrap();
        assert!(d.message.contains("Windows"), "{d:?}");
    }
}
