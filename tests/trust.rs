//! What Alibaba Cloud's own clients send lints as the service would judge it, and what a
//! careful reader of the spec expects: one test per class of false alarm, missed error,
//! unsafe fix and misleading message (issue "Trust"). The conformance suite
//! (`tests/conformance.rs`) proves the same against captures of the real SDKs.

use std::collections::BTreeSet;

use importimage_lint::{apply_fixes, profile, Linter, Options, Report, Rule};

fn spec(text: &str) -> Report {
    Linter::default().lint_str(text)
}

fn current(text: &str) -> Report {
    Linter::new(Options::default().with_profile(&profile::CURRENT)).lint_str(text)
}

fn both(text: &str) -> [Report; 2] {
    [spec(text), current(text)]
}

/// A flat JSON request: a region, a system disk, and `extra` members.
fn req(extra: &str) -> String {
    let sep = if extra.is_empty() { "" } else { ", " };
    format!(
        r#"{{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.qcow2"{sep}{extra}}}"#
    )
}

/// A query string request with `extra` pairs.
fn query(extra: &str) -> String {
    format!("RegionId=cn-hangzhou&DiskDeviceMapping.1.OSSBucket=ecsimageos&DiskDeviceMapping.1.OSSObject=a.qcow2&{extra}")
}

fn findings(r: &Report) -> BTreeSet<(Rule, Option<String>)> {
    r.diagnostics
        .iter()
        .map(|d| (d.rule, d.param.clone()))
        .collect()
}

fn clean(r: &Report) -> bool {
    r.valid && r.diagnostics.is_empty()
}

// 1. What real clients send.

#[test]
fn the_v2_signer_sends_format_json_in_lower_case() {
    for r in both(&query("Format=json&Version=2014-05-26&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&Timestamp=2026-11-29T09%3A54%3A32Z&SignatureNonce=c7")) {
        assert!(clean(&r), "{r:#?}");
    }
    for r in both(&req(r#""Format": "xml""#)) {
        assert!(clean(&r), "{r:#?}");
    }
}

#[test]
fn acs3_sends_action_in_a_header_so_a_query_without_it_is_valid() {
    for r in both("RegionId=cn-hangzhou&DiskDeviceMapping.1.OSSBucket=ecsimageos&DiskDeviceMapping.1.OSSObject=a.qcow2") {
        assert!(clean(&r), "{r:#?}");
    }
    for r in both(&query("Action=DescribeImages")) {
        assert!(r.has(Rule::ActionValue, "Action") && !r.valid);
    }
}

#[test]
fn python_sends_booleans_as_true_and_false() {
    for v in ["True", "False", "true", "FALSE"] {
        assert!(clean(&current(&query(&format!("DryRun={v}")))), "{v}");
    }
    assert!(clean(&current(&req(r#""DryRun": true"#))));
    assert!(current(&query("DryRun=yes")).has(Rule::ParameterValue, "DryRun"));
}

#[test]
fn account_ids_are_integers_in_both_profiles_and_range_checked() {
    for r in both(&req(
        r#""OwnerId": 1234567890123456, "ResourceOwnerId": 42, "ResourceOwnerAccount": "ops""#,
    )) {
        assert!(clean(&r), "{r:#?}");
    }
    for bad in ["-1", "0", "9223372036854775808", "1.5", r#""12a""#] {
        for r in both(&req(&format!(r#""OwnerId": {bad}"#))) {
            assert!(r.has(Rule::ParameterValue, "OwnerId"), "{bad}: {r:#?}");
        }
    }
}

#[test]
fn signature_type_is_a_common_parameter() {
    for v in ["", "BEARERTOKEN"] {
        for r in both(&query(&format!("SignatureType={v}"))) {
            assert!(clean(&r), "{v:?}: {r:#?}");
        }
    }
    assert!(spec(&query("SignatureType=KEY")).has(Rule::ParameterValue, "SignatureType"));
}

#[test]
fn python_to_map_always_emits_empty_lists() {
    let model = r#"{"DiskDeviceMapping": [{"DiskImageSize": 40, "Format": "qcow2", "OSSBucket": "ecsimageos", "OSSObject": "a.qcow2"}], "ImageName": "web", "RegionId": "cn-hangzhou", "Tag": []}"#;
    for r in both(model) {
        assert!(clean(&r), "{r:#?}");
    }
    let none = r#"{"DiskDeviceMapping": [], "RegionId": "cn-hangzhou", "Tag": []}"#;
    for r in both(none) {
        let missing: Vec<_> = r
            .diagnostics
            .iter()
            .map(|d| (d.rule, d.param.as_deref()))
            .collect();
        assert_eq!(
            missing,
            [
                (
                    Rule::MissingParameter,
                    Some("DiskDeviceMapping.1.OSSBucket")
                ),
                (
                    Rule::MissingParameter,
                    Some("DiskDeviceMapping.1.OSSObject")
                )
            ],
            "an empty list is an absent family"
        );
    }
}

#[test]
fn the_typescript_model_keeps_oss_bucket_oss_object_and_os_type() {
    let stringified = r#"{"diskDeviceMapping":[{"diskImageSize":40,"format":"qcow2","OSSBucket":"ecsimageos","OSSObject":"a.qcow2"}],"dryRun":true,"features":{"imdsSupport":"v2"},"imageName":"web","OSType":"linux","ownerId":123,"regionId":"cn-hangzhou","tag":[{"key":"team","value":"web"}]}"#;
    let r = current(stringified);
    assert!(clean(&r), "{r:#?}");
    assert_eq!(
        r.effective.get("DiskDeviceMapping.1.Format").unwrap().value,
        Some("qcow2")
    );
}

// 2. Semantics.

#[test]
fn null_means_absent() {
    let r = spec(
        r#"{"RegionId": null, "DiskDeviceMapping": [{"OSSBucket": null, "OSSObject": "a.raw"}]}"#,
    );
    assert!(r.has(Rule::MissingParameter, "RegionId"));
    assert!(r.has(Rule::MissingParameter, "DiskDeviceMapping.1.OSSBucket"));
    let span = r
        .diagnostics
        .iter()
        .find(|d| d.param.as_deref() == Some("RegionId"))
        .unwrap()
        .span
        .unwrap();
    assert_eq!((span.line, span.column), (1, 14), "points at the null");
    let r = current(&req(r#""Tag.1.Key": null, "Tag.1.Value": "web""#));
    assert!(r.has(Rule::MissingParameter, "Tag.1.Key"), "{r:#?}");
    for family in ["DiskDeviceMapping", "Tag", "Features"] {
        for r in both(&req(&format!(r#""{family}": null"#))) {
            assert!(clean(&r), "{family}: {r:#?}");
        }
    }
}

#[test]
fn names_are_case_sensitive_outside_sdk_models() {
    let flat = r#"{"regionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.qcow2"}"#;
    let r = spec(flat);
    assert!(r.has(Rule::UnknownParameter, "regionId"), "{r:#?}");
    assert!(
        r.has(Rule::MissingParameter, "RegionId"),
        "the real parameter stays missing"
    );
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == Rule::UnknownParameter)
        .unwrap();
    assert!(
        d.help.as_deref().unwrap().contains("did you mean RegionId"),
        "{d:?}"
    );
    let q = spec(&query(
        "regionId=cn-hangzhou&DiskDeviceMapping.1.format=RAW",
    ));
    assert!(q.has(Rule::UnknownParameter, "regionId"));
    assert!(q.has(Rule::UnknownParameter, "DiskDeviceMapping.1.format"));
    // A model object (no flat dotted key) maps the SDKs' names.
    assert!(clean(&spec(
        r#"{"regionId": "cn-hangzhou", "diskDeviceMapping": [{"OSSBucket": "ecsimageos", "OSSObject": "a.qcow2", "format": "qcow2"}]}"#
    )));
}

#[test]
fn the_current_profile_judges_deprecated_disk_parameters() {
    let r = current(&req(
        r#""DiskDeviceMapping.1.DiskImSize": 4096, "DiskDeviceMapping.1.Device": "/dev/sdz""#,
    ));
    assert!(r.has(Rule::DiskImageSize, "DiskDeviceMapping.1.DiskImSize"));
    assert!(r.has(Rule::ParameterValue, "DiskDeviceMapping.1.Device"));
    let ok = current(&req(
        r#""DiskDeviceMapping.1.DiskImSize": 40, "DiskDeviceMapping.1.Device": "/dev/xvda""#,
    ));
    assert!(ok.valid, "{ok:#?}");
}

#[test]
fn storage_location_arn_has_its_documented_shape() {
    assert!(clean(&current(&req(
        r#""StorageLocationArn": "arn:acs:cloudbox:cn-hangzhou:1234:cloudbox/cb-9k""#
    ))));
    assert!(current(&req(r#""StorageLocationArn": "cb-9k""#))
        .has(Rule::ParameterValue, "StorageLocationArn"));
}

#[test]
fn a_url_fragment_is_not_read_into_a_value() {
    let r = spec(&query("ImageName=web#section"));
    assert_eq!(r.effective.get("ImageName").unwrap().value, Some("web"));
    assert!(r.diagnostics.iter().any(|d| d.rule == Rule::UrlFragment));
    let url = spec("https://ecs.aliyuncs.com/?RegionId=cn-hangzhou&DiskDeviceMapping.1.OSSBucket=ecsimageos&DiskDeviceMapping.1.OSSObject=a.qcow2#top");
    assert_eq!(
        url.effective
            .get("DiskDeviceMapping.1.OSSObject")
            .unwrap()
            .value,
        Some("a.qcow2")
    );
}

#[test]
fn raw_unicode_whitespace_in_a_query_is_part_of_the_value_as_in_json() {
    let q = spec(&query("ImageName=web\u{3000}"));
    let j = spec(&req("\"ImageName\": \"web\u{3000}\""));
    assert!(q.has(Rule::ImageNameCharacters, "ImageName"), "{q:#?}");
    assert_eq!(findings(&q), findings(&j));
}

#[test]
fn eighteen_nested_disks_are_judged_like_eighteen_flat_ones() {
    let disk = |n: usize| format!(r#"{{"OSSBucket": "ecsimageos", "OSSObject": "d{n}.raw"}}"#);
    let nested = format!(
        r#"{{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{}]}}"#,
        (1..=18).map(disk).collect::<Vec<_>>().join(", ")
    );
    let flat = format!(
        r#"{{"RegionId": "cn-hangzhou", {}}}"#,
        (1..=18)
            .map(|n| format!(r#""DiskDeviceMapping.{n}.OSSBucket": "ecsimageos", "DiskDeviceMapping.{n}.OSSObject": "d{n}.raw""#))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let (n, f) = (spec(&nested), spec(&flat));
    assert_eq!(findings(&n), findings(&f));
    assert!(n.has(Rule::ParameterIndex, "DiskDeviceMapping.18.OSSBucket"));
    let d = n
        .diagnostics
        .iter()
        .find(|d| d.rule == Rule::ParameterIndex)
        .unwrap();
    let s = d.span.unwrap();
    assert!(
        nested[s.start..s.end].contains("OSSBucket"),
        "the span is on the 18th element"
    );
}

#[test]
fn warnings_the_service_accepts_carry_no_api_code() {
    let r = spec(&req(
        r#""OSType": "linux", "DiskDeviceMapping.1.Format": "QCOW2""#,
    ));
    assert!(
        r.diagnostics
            .iter()
            .all(|d| d.rule == Rule::EnumLetterCase && d.code.is_none()),
        "{r:#?}"
    );
    let r = current(&req(r#""DiskDeviceMapping.1.Device": "/dev/xvda""#));
    assert!(
        r.diagnostics
            .iter()
            .all(|d| d.rule == Rule::DeprecatedParameter && d.code.is_none()),
        "{r:#?}"
    );
}

#[test]
fn cross_field_rules_read_values_like_the_value_rules() {
    let r = spec(&req(
        r#""Platform": "windows server 2012", "OSType": "Windows""#,
    ));
    assert!(r.has(Rule::Platform, "Platform"));
    assert!(
        !r.diagnostics
            .iter()
            .any(|d| d.rule == Rule::PlatformOsTypeMismatch),
        "{r:#?}"
    );
}

// 3. Fixes never make things worse.

#[test]
fn a_size_stripped_of_its_unit_must_be_in_range_to_be_fixed() {
    let fix = |v: &str| {
        spec(&req(&format!(
            r#""DiskDeviceMapping.1.DiskImageSize": "{v}""#
        )))
        .diagnostics[0]
            .fix
            .clone()
    };
    assert_eq!(fix("40 GiB"), Some("40".into()));
    assert_eq!(fix("600 GiB"), None);
}

#[test]
fn an_endpoint_of_another_region_is_not_fixed_into_a_clean_request() {
    let r = spec(
        r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos.oss-cn-beijing.aliyuncs.com", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#,
    );
    assert!(r.has(Rule::OssRegionMismatch, "DiskDeviceMapping.1.OSSBucket"));
    assert!(r.diagnostics.iter().all(|d| d.fix.is_none()), "{r:#?}");
}

#[test]
fn an_object_url_into_another_bucket_or_region_is_an_error_not_a_fix() {
    let other_bucket = spec(&req("").replace("\"a.qcow2\"", "\"oss://other-bucket/a.qcow2\""));
    assert!(other_bucket.has(Rule::OssObjectKey, "DiskDeviceMapping.1.OSSObject"));
    assert!(other_bucket.diagnostics.iter().all(|d| d.fix.is_none()));
    let other_region = spec(&req("").replace(
        "\"a.qcow2\"",
        "\"https://ecsimageos.oss-cn-beijing.aliyuncs.com/a.qcow2\"",
    ));
    assert!(other_region.has(Rule::OssRegionMismatch, "DiskDeviceMapping.1.OSSObject"));
    assert!(other_region.diagnostics.iter().all(|d| d.fix.is_none()));
}

#[test]
fn a_bucket_url_never_overwrites_an_existing_object_key() {
    let src = r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "oss://ecsimageos/dir", "DiskDeviceMapping.1.OSSObject": "images/a.raw"}"#;
    let r = spec(src);
    assert!(r.has(Rule::OssBucketLocation, "DiskDeviceMapping.1.OSSBucket"));
    assert!(apply_fixes(src, &r).is_none(), "{r:#?}");
}

// 4. Messages that mislead.

#[test]
fn helps_fit_the_active_profile() {
    let help = |r: &Report, rule: Rule| {
        r.diagnostics
            .iter()
            .find(|d| d.rule == rule)
            .and_then(|d| d.help.clone())
            .unwrap()
    };
    let h = help(
        &current(&req(r#""ImageName": "web tier""#)),
        Rule::ImageNameCharacters,
    );
    assert!(h.contains("`.`") && !h.contains("periods"), "{h}");
    let h = help(
        &current(&req(r#""Architecture": "arm64", "BootMode": """#)),
        Rule::EmptyValue,
    );
    assert!(h.contains("UEFI") && !h.contains("BIOS"), "{h}");
    let h = help(
        &current(&req(r#""Features": "v2""#)),
        Rule::InvalidValueType,
    );
    assert!(
        h.contains("Features.") && !h.contains("DiskDeviceMapping"),
        "{h}"
    );
    let h = help(&current(&req(r#""Tag": "team""#)), Rule::InvalidValueType);
    assert!(
        h.contains("Tag.1.") && !h.contains("DiskDeviceMapping"),
        "{h}"
    );
    let h = help(
        &current(&req(r#""ImageName": "acs:web""#)),
        Rule::ImageNamePrefix,
    );
    assert!(h.contains("aliyun or acs:"), "{h}");
}

#[test]
fn whitespace_around_a_value_is_reported_as_whitespace() {
    let r = current(&req(r#""OSType": " Linux ""#));
    assert!(r.diagnostics[0].message.contains("whitespace"), "{r:#?}");
    assert!(!r.diagnostics[0].message.contains("letter case"));
    let r = spec(&req(r#""DiskDeviceMapping.1.DiskImageSize": " 600 ""#));
    let h = r.diagnostics[0].help.as_deref().unwrap();
    assert!(h.contains("at most 500") && h.contains("spaces"), "{h}");
}

#[test]
fn a_value_of_the_other_profile_says_which_profile_accepts_it() {
    for (param, value) in [
        ("Platform", "Windows Server 2016"),
        ("Platform", "Windows Server 2019"),
        ("Platform", "Windows Server 2022"),
        ("Platform", "Rocky Linux"),
        ("Architecture", "arm64"),
        ("DiskDeviceMapping.1.Format", "VMDK"),
    ] {
        let r = spec(&req(&format!(r#""{param}": "{value}""#)));
        let d = r
            .diagnostics
            .iter()
            .find(|d| d.param.as_deref() == Some(param))
            .unwrap();
        let h = d.help.as_deref().unwrap();
        // The library names the profile, never a CLI flag; the CLI adds its own hint.
        assert!(
            h.contains("profile current") && !h.contains("--"),
            "{value}: {h}"
        );
        assert_eq!(d.data.expected.as_deref(), Some("current"), "{value}");
        assert!(!h.contains("did you mean"), "{value}: {h}");
    }
}

#[test]
fn newer_api_parameter_is_claimed_only_where_the_newer_revision_accepts_it() {
    assert!(spec(&req(r#""Tag.20.Key": "team""#)).has(Rule::NewerApiParameter, "Tag.20.Key"));
    let r = spec(&req(r#""Tag.21.Key": "team""#));
    assert!(r.has(Rule::UnknownParameter, "Tag.21.Key"), "{r:#?}");
}

#[test]
fn ordinary_emoji_are_not_deceptive() {
    for text in [
        "web \u{2764}\u{FE0F}",
        "\u{1F469}\u{200D}\u{1F4BB} team",
        "\u{1F1E8}\u{1F1F3} build",
        "v1\u{FE0F}\u{20E3}",
    ] {
        let r = spec(&req(&format!(r#""Description": "{text}""#)));
        assert!(clean(&r), "{text:?}: {r:#?}");
    }
    assert!(spec(&req("\"Description\": \"a\u{200B}b\"")).has(Rule::DeceptiveText, "Description"));
}

// 5. Secrets.

/// No field of any diagnostic repeats a credential's value, whatever else is wrong with it.
#[test]
fn credential_values_never_reach_a_report() {
    let secret = "SEKRET-9f8e7d";
    let inputs = [
        req(&format!(
            r#""AccessKeyId": "{secret}", "SecurityToken": "{secret}\u200B", "BearerToken": ["{secret}"], "AccessKeySecret": "{secret}""#
        )),
        req(&format!(
            r#""AccessKeyId": "{secret}", "AccessKeyId": "{secret}""#
        )),
        query(&format!("Signature={secret}%ZZ&SecurityToken={secret}")),
        req(&format!(
            r#""accessKeySecret": "{secret}", "db_password": "{secret}""#
        )),
    ];
    for input in inputs {
        for r in both(&input) {
            let json = serde_json::to_string(&r).unwrap();
            assert!(!json.contains(secret), "{json}");
        }
    }
}
