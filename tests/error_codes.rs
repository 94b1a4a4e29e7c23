//! One test per row of the spec's error table that can be decided offline. The other rows
//! (Forbbiden, IncorrectImageStatus, InvalidImageName.Duplicated, InvalidImageSize against
//! the real disk usage, ImageIsImporting, InvalidRegion.NotSupport, QuotaExceed.*) depend on
//! the account or the image file; the README says why.

use importimage_lint::{lint_json, Report};

fn request(fields: &str) -> Report {
    lint_json(&format!("{{{fields}}}"))
}

fn codes(r: &Report) -> Vec<(&'static str, String)> {
    r.diagnostics
        .iter()
        .filter_map(|d| Some((d.code?, d.param.clone()?)))
        .collect()
}

const DISK: &str =
    r#""DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw""#;

#[test]
fn missing_parameter_region_id() {
    let r = request(DISK);
    assert_eq!(codes(&r), [("MissingParameter", "RegionId".to_owned())]);
}

#[test]
fn missing_parameter_oss_bucket() {
    let r = request(r#""RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSObject": "a.raw""#);
    assert_eq!(
        codes(&r),
        [(
            "MissingParameter",
            "DiskDeviceMapping.1.OSSBucket".to_owned()
        )]
    );
}

#[test]
fn missing_parameter_oss_object() {
    let r = request(r#""RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos""#);
    assert_eq!(
        codes(&r),
        [(
            "MissingParameter",
            "DiskDeviceMapping.1.OSSObject".to_owned()
        )]
    );
}

fn one(field: &str, code: &str, param: &str) {
    let r = request(&format!(r#""RegionId": "cn-hangzhou", {DISK}, {field}"#));
    assert!(!r.valid, "{field}");
    assert!(
        codes(&r).contains(&(leak(code), param.to_owned())),
        "{field}: {:#?}",
        r.diagnostics
    );
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

#[test]
fn invalid_architecture_malformed() {
    one(
        r#""Architecture": "arm""#,
        "InvalidArchitecture.Malformed",
        "Architecture",
    );
}

#[test]
fn invalid_description_malformed() {
    one(
        r#""Description": "http://x""#,
        "InvalidDescription.Malformed",
        "Description",
    );
}

#[test]
fn invalid_format_malformed() {
    one(
        r#""DiskDeviceMapping.1.Format": "ISO""#,
        "InvalidFormat.Malformed",
        "DiskDeviceMapping.1.Format",
    );
}

#[test]
fn invalid_image_name_malformed() {
    one(
        r#""ImageName": "a""#,
        "InvalidImageName.Malformed",
        "ImageName",
    );
}

#[test]
fn invalid_os_type_malformed() {
    one(r#""OSType": "Mac""#, "InvalidOSType.Malformed", "OSType");
}

#[test]
fn invalid_platform_malformed() {
    one(
        r#""Platform": "Arch Linux""#,
        "InvalidPlatform.Malformed",
        "Platform",
    );
}

#[test]
fn region_id_not_found() {
    let r = request(&format!(r#""RegionId": "mars-north-1", {DISK}"#));
    assert!(r.valid, "an unknown but well-formed region is a warning");
    assert_eq!(codes(&r), [("RegionId.NotFound", "RegionId".to_owned())]);
    let r = request(&format!(r#""RegionId": "Hangzhou", {DISK}"#));
    assert!(!r.valid);
    assert_eq!(codes(&r), [("RegionId.NotFound", "RegionId".to_owned())]);
}
