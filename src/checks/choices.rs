//! Parameters that take one of a fixed list of values: Architecture, OSType, Platform,
//! DiskDeviceMapping.N.Format, BootMode, LicenseType, the fixed common parameters, and the
//! enumerations of the current API.

use std::borrow::Cow;

use super::{example, Checker};
use crate::chars::closest;
use crate::diagnostic::{Code, Data, Finding};
use crate::input::Entry;
use crate::message::Msg;
use crate::profile::{Case, Choices, Kind, Param, PROFILES};
use crate::rule::{Rule, RuleDoc};

/// `architecture`.
pub(crate) const ARCHITECTURE: RuleDoc = RuleDoc::new(
    "Architecture must be one of the profile's architectures; the default is x86_64.",
    "Any other value, including another letter case such as X86_64, is rejected.",
    &[example!(r#""Architecture": "amd64""#)],
    &[example!(r#""Architecture": "x86_64""#)],
);

/// `os-type`.
pub(crate) const OS_TYPE: RuleDoc = RuleDoc::new(
    "OSType must be Windows or Linux, spelt as the profile documents; the default is Linux.",
    "The service needs to know which operating system family to prepare the image for.",
    &[example!(r#""OSType": "Unix""#)],
    &[example!(r#""OSType": "Linux""#)],
);

/// `platform`.
pub(crate) const PLATFORM: RuleDoc = RuleDoc::new(
    "Platform must be one of the profile's distributions, in their documented letter case; the default is Others Linux.",
    "Any other value, including another letter case such as centos, is rejected.",
    &[example!(r#""Platform": "centos""#)],
    &[example!(r#""Platform": "CentOS""#)],
);

/// `disk-format`.
pub(crate) const DISK_FORMAT: RuleDoc = RuleDoc::new(
    "DiskDeviceMapping.N.Format must be one of the profile's image formats; absent, the service detects it.",
    "An unknown format name is rejected; leaving the parameter out is safer than guessing.",
    &[r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.iso", "DiskDeviceMapping.1.Format": "ISO"}"#],
    &[example!(r#""DiskDeviceMapping.1.Format": "qcow2""#)],
);

/// `boot-mode`.
pub(crate) const BOOT_MODE: RuleDoc = RuleDoc::new(
    "BootMode must be BIOS or UEFI; the default is BIOS, or what Architecture implies (UEFI for arm64).",
    "The boot mode must match how the image's boot loader was installed.",
    &[example!(r#""BootMode": "EFI""#)],
    &[example!(r#""BootMode": "UEFI""#)],
)
.under("current");

/// `license-type`.
pub(crate) const LICENSE_TYPE: RuleDoc = RuleDoc::new(
    "LicenseType must be Aliyun or BYOL; the default is Aliyun.",
    "The licence source decides how a Windows Server image is activated and billed.",
    &[example!(r#""LicenseType": "Auto""#)],
    &[example!(r#""LicenseType": "BYOL""#)],
)
.under("current");

/// `enum-letter-case`.
pub(crate) const ENUM_LETTER_CASE: RuleDoc = RuleDoc::new(
    "A value that differs from the documented spelling only in letter case, where the service is known to accept such spellings (Format and OSType in the 2019 revision).",
    "The service accepts these spellings, so this is a warning without an API error code; the documented spelling is the safe one.",
    &[example!(r#""OSType": "linux""#)],
    &[example!(r#""OSType": "Linux""#)],
);

pub(crate) fn check<'e>(
    cx: &mut Checker<'_, 'e>,
    p: &Param,
    e: &'e Entry<'e>,
    v: &'e str,
    c: &Choices,
) {
    let name = || e.name.to_cow();
    let code = p.code().map_or(Code::OfRule, Code::Is);
    let data = || Data {
        allowed: Some(c.spellings().collect()),
        ..Data::value(v)
    };
    let at = |f: Finding<'e>| f.param(e.name.to_cow()).span(e.span()).data(data());
    if let Some(choice) = c.find(v) {
        if choice.value != v && c.case == Case::Warn {
            cx.push(
                at(Finding::new(
                    Rule::EnumLetterCase,
                    Msg::CaseVariant {
                        name: name(),
                        value: v,
                        documented: choice.value,
                    },
                ))
                .code(Code::Not)
                .help(Msg::CaseVariantHelp {
                    documented: choice.value,
                })
                .fix(choice.value),
            );
        }
        return;
    }
    let trimmed = v.trim();
    if trimmed != v {
        if let Some(choice) = c.meant(trimmed) {
            cx.push(
                at(Finding::new(
                    p.rule(),
                    Msg::Whitespace {
                        name: name(),
                        value: v,
                    },
                ))
                .code(code)
                .help(Msg::Write {
                    value: Cow::Borrowed(choice.value),
                })
                .fix(choice.value),
            );
            return;
        }
    }
    let allowed: Vec<&'static str> = c.spellings().collect();
    if let Some(choice) = c.meant(v) {
        cx.push(
            at(Finding::new(
                p.rule(),
                Msg::CaseOnly {
                    name: name(),
                    value: v,
                    allowed,
                },
            ))
            .code(code)
            .help(Msg::Write {
                value: Cow::Borrowed(choice.value),
            })
            .fix(choice.value),
        );
        return;
    }
    let elsewhere = valid_elsewhere(cx, p, trimmed);
    let help = if let Some(other) = elsewhere {
        Msg::ValidUnderProfile {
            value: trimmed,
            profile: other,
            this: cx.profile.id,
        }
    } else if let Some(other) = value_of_other(cx, p, trimmed) {
        Msg::ValueOfOther {
            value: trimmed,
            other: Cow::Owned(other),
        }
    } else if let Some(s) = closest(trimmed, c.spellings()) {
        Msg::DidYouMean {
            suggestion: Cow::Borrowed(s),
        }
    } else {
        Msg::WriteOneOf {
            allowed: allowed.clone(),
        }
    };
    cx.push(
        at(Finding::new(
            p.rule(),
            Msg::NotOneOf {
                name: name(),
                value: v,
                allowed,
            },
        ))
        .code(code)
        .help(help)
        .data(match elsewhere {
            // The profile that accepts it: a caller can offer to switch (the CLI names its flag).
            Some(other) => data().expected(other),
            None => data(),
        }),
    );
}

/// Another profile whose table accepts this value for the same parameter.
fn valid_elsewhere(cx: &Checker<'_, '_>, p: &Param, v: &str) -> Option<&'static str> {
    PROFILES
        .iter()
        .filter(|o| o.id != cx.profile.id)
        .find(|o| match o.param(p.name()).map(Param::kind) {
            Some(Kind::Enum(oc)) => oc.find(v).is_some(),
            _ => false,
        })
        .map(|o| o.id)
}

/// Another parameter of this profile whose list holds the value (`Format: qcow2` → the
/// disk's Format).
fn value_of_other(cx: &Checker<'_, '_>, p: &Param, v: &str) -> Option<String> {
    cx.profile.params.iter().find_map(|o| match o.kind() {
        Kind::Enum(oc) if o.name() != p.name() && oc.meant(v).is_some() => Some(o.flat(1)),
        _ => None,
    })
}

/// The JSON Schema of an enumeration's values: the documented spellings, in any letter
/// case where the table accepts case variants.
pub(crate) fn schema(p: &crate::profile::Param, c: &Choices) -> crate::schema::Schema {
    use crate::schema::{any_case, Schema};
    let listed: Vec<&str> = c
        .spellings()
        .map(|v| if v.is_empty() { "(empty)" } else { v })
        .collect();
    let message = format!(
        "{} must be one of {} ({})",
        p.name(),
        listed.join(", "),
        p.rule().id()
    );
    if c.case == Case::Exact {
        return Schema {
            values: Some(c.spellings().collect()),
            error_message: Some(message),
            ..Schema::of("string")
        };
    }
    let all: Vec<String> = c.spellings().map(any_case).collect();
    Schema::pattern(
        format!("^(?:{})$", all.join("|")),
        format!("{message}, in any letter case"),
    )
}

#[cfg(test)]
mod tests {
    use crate::{lint_json, profile, Linter, Options, Rule};

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
        assert_eq!(r.diagnostics[0].code, None, "the service accepts it");
        let r = with(r#""Platform": "centos","#);
        assert!(!r.valid && r.has(Rule::Platform, "Platform"));
        assert_eq!(r.diagnostics[0].fix.as_deref(), Some("CentOS"));
        let r = with(r#""Architecture": "X86_64","#);
        assert!(r.has(Rule::Architecture, "Architecture"));
    }

    #[test]
    fn whitespace_is_not_a_letter_case_problem() {
        let current = Linter::new(Options::default().with_profile(&profile::CURRENT));
        let r = current.lint_str(r#"{"RegionId": "cn-hangzhou", "OSType": " Linux", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#);
        let d = &r.diagnostics[0];
        assert!(d.message.contains("whitespace"), "{d:?}");
        assert_eq!(d.fix.as_deref(), Some("linux"));
    }

    #[test]
    fn a_value_of_the_other_profile_says_so() {
        let r = with(r#""Platform": "Windows Server 2019", "OSType": "Windows","#);
        let help = r.diagnostics[0].help.as_deref().unwrap();
        assert!(
            help.contains("profile current") && !help.contains("--"),
            "{help}"
        );
        assert_eq!(r.diagnostics[0].data.expected.as_deref(), Some("current"));
        let r = with(r#""Architecture": "arm64","#);
        assert!(r.diagnostics[0]
            .help
            .as_deref()
            .unwrap()
            .contains("profile current"));
    }
}
