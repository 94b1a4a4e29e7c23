//! Form validation through the library: `validate_field` shows every finding that
//! concerns the field asked, cross-field ones included, exactly as `lint_str` reports them
//! for the whole request; `validate_field_json` takes a form's typed state; values JSON
//! cannot carry are findings, never absent.

use importimage_lint::{lint_str, Linter};

/// The (rule, param) pairs of `lint_str` that concern `field`.
fn from_lint(request: &str, field: &str) -> Vec<(String, Option<String>)> {
    lint_str(request)
        .diagnostics
        .into_iter()
        .filter(|d| {
            d.param.as_deref() == Some(field) || d.related_params.iter().any(|p| p == field)
        })
        .map(|d| (d.rule.id().to_string(), d.param))
        .collect()
}

#[test]
fn cross_field_findings_show_under_both_fields() {
    let linter = Linter::default();
    for (request, fields, rule) in [
        (
            r#"{"RegionId": "cn-hangzhou", "Platform": "Windows Server 2012", "OSType": "linux", "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#,
            ["Platform", "OSType"],
            "platform-os-type-mismatch",
        ),
        (
            r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "b12.oss-cn-beijing.aliyuncs.com", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#,
            ["DiskDeviceMapping.1.OSSBucket", "RegionId"],
            "oss-region-mismatch",
        ),
        (
            r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.vhd", "DiskDeviceMapping.1.Format": "qcow2"}"#,
            [
                "DiskDeviceMapping.1.Format",
                "DiskDeviceMapping.1.OSSObject",
            ],
            "format-extension-mismatch",
        ),
    ] {
        let whole = lint_str(request);
        let found = whole
            .diagnostics
            .iter()
            .find(|d| d.rule.id() == rule)
            .unwrap_or_else(|| panic!("{rule}: {whole:#?}"));
        let mut named: Vec<String> = found
            .param
            .iter()
            .cloned()
            .chain(found.related_params.clone())
            .collect();
        named.sort();
        let mut want: Vec<String> = fields.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(named, want, "{rule}");
        let v: serde_json::Value = serde_json::from_str(request).unwrap();
        for field in fields {
            let value = v[field].as_str().unwrap();
            let got: Vec<(String, Option<String>)> = linter
                .validate_field(field, value, Some(request))
                .into_iter()
                .map(|d| (d.rule.id().to_string(), d.param))
                .collect();
            assert_eq!(got, from_lint(request, field), "{rule} under {field}");
            assert!(
                got.iter().any(|(r, _)| r == rule),
                "{rule} under {field}: {got:?}"
            );
        }
    }
}

#[test]
fn arm64_needs_uefi_shows_under_both_fields() {
    let linter = Linter::new(
        importimage_lint::Options::default()
            .with_profile(importimage_lint::profile::by_id("current").unwrap()),
    );
    let request = r#"{"RegionId": "cn-hangzhou", "Architecture": "arm64", "BootMode": "BIOS", "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#;
    for (field, value) in [("Architecture", "arm64"), ("BootMode", "BIOS")] {
        let got = linter.validate_field(field, value, Some(request));
        assert!(
            got.iter().any(|d| d.rule.id() == "required-combination"),
            "{field}: {got:#?}"
        );
    }
}

#[test]
fn values_json_cannot_carry_are_findings_in_both_calls() {
    let linter = Linter::default();
    for literal in ["NaN", "Infinity", "-Infinity", "undefined"] {
        let request = format!(
            r#"{{"RegionId": "cn-hangzhou", "ImageName": {literal}, "DiskDeviceMapping": [{{"OSSBucket": "b12", "OSSObject": "a.raw", "DiskImageSize": {literal}}}]}}"#
        );
        let r = lint_str(&request);
        assert!(!r.valid, "{literal}");
        let pairs: Vec<(&str, Option<&str>)> = r
            .diagnostics
            .iter()
            .map(|d| (d.rule.id(), d.param.as_deref()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("invalid-value-type", Some("ImageName")),
                (
                    "invalid-value-type",
                    Some("DiskDeviceMapping.1.DiskImageSize")
                )
            ],
            "{literal}"
        );
        for field in ["ImageName", "DiskDeviceMapping.1.DiskImageSize"] {
            let ds = linter.validate_field_json(field, literal, None);
            assert_eq!(ds.len(), 1, "{literal} {field}: {ds:#?}");
            assert_eq!(ds[0].rule.id(), "invalid-value-type");
        }
    }
    // Strict JSON elsewhere: the literals are not words inside other text.
    assert_eq!(
        lint_str(r#"{"ImageName": NaNa}"#).diagnostics[0].rule.id(),
        "invalid-input"
    );
}

#[test]
fn typed_form_values() {
    let linter = Linter::default();
    assert!(linter
        .validate_field_json("DiskDeviceMapping.1.DiskImageSize", "40", None)
        .is_empty());
    assert!(linter
        .validate_field_json("ImageName", "\"web-1\"", None)
        .is_empty());
    let ds = linter.validate_field_json("DiskDeviceMapping.1.DiskImageSize", "1001", None);
    assert_eq!(ds[0].rule.id(), "disk-image-size");
    let ds = linter.validate_field_json("ImageName", "{}", None);
    assert_eq!(ds[0].rule.id(), "invalid-value-type");
    // null is absent: a required field says so.
    let ds = linter.validate_field_json("RegionId", "null", None);
    assert_eq!(ds[0].rule.id(), "missing-parameter");
    // Not one value: an invalid-input about the field, never a panic.
    for bad in ["", "1, \"RegionId\": \"x\"", "{", "\"a"] {
        let ds = linter.validate_field_json("ImageName", bad, None);
        assert_eq!(ds.len(), 1, "{bad:?}: {ds:#?}");
        assert_eq!(ds[0].rule.id(), "invalid-input", "{bad:?}");
        assert_eq!(ds[0].param.as_deref(), Some("ImageName"));
    }
}
