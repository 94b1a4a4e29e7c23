//! The library's API as an integrator meets it: the CLI's JSON report read back into the
//! library's `Report`, and the names (rules, severities, languages) parsed back.

mod common;

use std::path::Path;

use importimage_lint::{Diagnostic, Lang, Report, Rule, Severity};

/// Every report the CLI prints with `--format json`, for every fixture under `dir`, under
/// `profile` and in `lang`, reads back into `Report` and serialises to the same JSON.
fn round_trip(dir: &str, profile: &str, lang: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = common::run_in(
        root,
        &[
            "--format",
            "json",
            "--profile",
            profile,
            "--lang",
            lang,
            dir,
        ],
        b"",
        &[],
    );
    let out = run.json();
    let entries = out.as_array().expect("an array of file reports");
    let mut diagnostics = 0;
    for entry in entries {
        let mut expected = entry.clone();
        let obj = expected.as_object_mut().unwrap();
        let path = obj.remove("path").unwrap();
        obj.remove("line");
        obj.remove("image");
        let report: Report = serde_json::from_value(entry.clone())
            .unwrap_or_else(|e| panic!("{path}: {e}\n{entry:#}"));
        diagnostics += report.diagnostics.len();
        let back = serde_json::to_value(&report).unwrap();
        assert_eq!(back, expected, "{path}");
    }
    assert!(!entries.is_empty(), "{dir}: no report");
    diagnostics
}

#[test]
fn cli_json_round_trips_through_report_unchanged() {
    let mut n = 0;
    for (dir, profile) in [
        ("tests/fixtures/fail", "2019-01"),
        ("tests/fixtures/fail", "current"),
        ("tests/fixtures/pass-current", "current"),
        ("tests/fixtures/pass", "2019-01"),
        ("tests/fixtures/shell", "current"),
        ("tests/fixtures/terraform", "current"),
    ] {
        n += round_trip(dir, profile, "en");
    }
    n += round_trip("tests/fixtures/fail", "current", "zh-CN");
    assert!(n > 100, "{n} diagnostics read back");
}

#[test]
fn a_report_from_a_table_no_built_in_profile_has_is_an_error_naming_the_value() {
    let json = r#"{"valid": true, "profile": "2031-07", "diagnostics": [], "effective": {}}"#;
    let e = serde_json::from_str::<Report>(json)
        .unwrap_err()
        .to_string();
    assert!(e.contains("`2031-07`"), "{e}");
    let d = r#"{"rule": "platform", "severity": "error", "code": "NoSuch.Code", "param": null,
        "message": "m", "help": null, "fix": null, "data": {}, "span": null}"#;
    let e = serde_json::from_str::<Diagnostic>(d)
        .unwrap_err()
        .to_string();
    assert!(e.contains("`NoSuch.Code`"), "{e}");
}

#[test]
fn rules_severities_and_languages_parse_deserialize_and_hash() {
    use std::collections::HashSet;
    let rules: HashSet<Rule> =
        serde_json::from_str(r#"["platform", "image-name-length"]"#).unwrap();
    assert!(
        rules.contains(&Rule::Platform) && rules.contains(&"image-name-length".parse().unwrap())
    );
    let e = serde_json::from_str::<Rule>(r#""platfrom""#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("did you mean `platform`"), "{e}");
    let s: Severity = serde_json::from_str(r#""warning""#).unwrap();
    assert_eq!(
        (s, s.to_string()),
        (Severity::Warning, "warning".to_owned())
    );
    for tag in ["zh-CN", "zh-cn", "zh_CN", "zh"] {
        let l: Lang = serde_json::from_value(serde_json::json!(tag)).unwrap();
        assert_eq!(l, Lang::ZhCn);
    }
    assert_eq!(serde_json::to_string(&Lang::ZhCn).unwrap(), r#""zh-CN""#);
    let langs: HashSet<Lang> = Lang::ALL.iter().copied().collect();
    assert_eq!(langs.len(), 2);
}

#[test]
fn param_path_maps_every_finding_back_to_a_callers_struct() {
    // A caller's own request: the disks as a Vec, so a finding names a field of disks[N-1].
    let report = importimage_lint::lint_str(
        r#"{"RegionId": "cn-hangzhou", "ImageName": "1abc",
        "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw",
        "DiskDeviceMapping.2.OSSBucket": "b12", "DiskDeviceMapping.2.OSSObject": "b.raw",
        "DiskDeviceMapping.2.DiskImageSize": 99999}"#,
    );
    let mut seen = Vec::new();
    for d in &report.diagnostics {
        let p = d
            .param_path()
            .expect("every finding here names a parameter");
        seen.push(match (p.family, p.index, p.field) {
            (Some("DiskDeviceMapping"), Some(n), Some(field)) => {
                format!("disks[{}].{field}", n - 1)
            }
            (None, None, Some(field)) => field.to_owned(),
            other => panic!("{other:?}"),
        });
        assert_eq!(p.to_string(), d.param.as_deref().unwrap());
    }
    assert_eq!(seen, ["ImageName", "disks[1].DiskImageSize"]);
    let role = importimage_lint::Linter::default().lint_role(r#"{"RoleName": "Other"}"#, None);
    assert!(role.diagnostics.iter().all(|d| d.param_path().is_none()));
}

#[test]
fn image_role_and_batch_checks_take_a_typed_request() {
    use importimage_lint::{
        image::inspect_bytes, DiskMapping, ImageCheck, ImportImageRequest, Linter, RoleCheck,
    };
    let linter = Linter::default();
    // A qcow2 header in a file the request calls RAW.
    let mut disk = vec![0u8; 3 << 20];
    disk[..4].copy_from_slice(b"QFI\xfb");
    let facts = inspect_bytes(&disk);
    let request = ImportImageRequest::new("cn-hangzhou")
        .disk(DiskMapping::new("b12", "disk.raw").format("RAW"));
    let typed = linter.check_image(
        &facts,
        &ImageCheck::new().request(&request).file_name("disk.raw"),
    );
    assert!(
        typed.has(Rule::ImageFormatMismatch, "DiskDeviceMapping.1.Format"),
        "{typed:?}"
    );
    // The same request as text gives the same report.
    let text = r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "b12",
        "DiskDeviceMapping.1.OSSObject": "disk.raw", "DiskDeviceMapping.1.Format": "RAW"}"#;
    let by_text = linter.check_image(
        &facts,
        &ImageCheck::new().request(text).file_name("disk.raw"),
    );
    assert_eq!(by_text, typed);
    // A disk the typed request lacks, and disk 0, are findings, never a silent pass.
    for n in [0, 2] {
        let r = linter.check_image(&facts, &ImageCheck::new().request(&request).disk(n));
        assert!(
            r.has(Rule::InvalidInput, &format!("DiskDeviceMapping.{n}")),
            "{n}: {r:?}"
        );
        assert!(!r.valid);
    }
    // The role check reads the buckets of a typed request.
    let bundle = r#"{"RoleName": "AliyunECSImageImportDefaultRole",
      "AssumeRolePolicyDocument": "{\"Statement\": [{\"Action\": \"sts:AssumeRole\", \"Effect\": \"Allow\", \"Principal\": {\"Service\": [\"ecs.aliyuncs.com\"]}}], \"Version\": \"1\"}",
      "Policies": [{"PolicyName": "reader", "PolicyType": "Custom", "PolicyDocument": "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"oss:GetObject\", \"oss:GetBucketLocation\", \"oss:GetBucketInfo\", \"oss:ListObjects\", \"oss:HeadObject\"], \"Resource\": [\"acs:oss:*:*:b12\", \"acs:oss:*:*:b12/*\"]}]}"}]}"#;
    let other = ImportImageRequest::new("cn-hangzhou").disk(DiskMapping::new("elsewhere", "a.raw"));
    let typed_ok = linter.check_role(bundle, &RoleCheck::new().request(&request));
    let typed_bad = linter.check_role(bundle, &RoleCheck::new().request(&other));
    assert_eq!(typed_ok.valid, linter.lint_role(bundle, Some(text)).valid);
    assert!(
        typed_bad
            .diagnostics
            .iter()
            .any(|d| d.rule == Rule::RoleResources),
        "{typed_bad:?}"
    );
    assert!(!typed_bad.valid);
    // The detached batch takes typed requests too.
    let a = ImportImageRequest::new("cn-hangzhou")
        .image_name("web")
        .disk(DiskMapping::new("b12", "a.raw"));
    let (one, two) = (
        linter.lint_request_detached(&a),
        linter.lint_request_detached(&a),
    );
    let mut batch = linter.batch();
    assert!(batch.merge(one).diagnostics.is_empty());
    assert!(batch.merge(two).has(Rule::DuplicateImageName, "ImageName"));
}

#[test]
fn library_helps_name_no_cli_flag_and_the_cli_adds_its_own_hint() {
    let request = r#"{"RegionId": "cn-hangzhou", "Platform": "Rocky Linux",
        "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#;
    let report = importimage_lint::lint_str(request);
    for d in &report.diagnostics {
        for text in [Some(&d.message), d.help.as_ref()].into_iter().flatten() {
            assert!(
                !text.contains("--") && !text.contains("importimage-lint.toml"),
                "{text}"
            );
        }
    }
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.rule == Rule::Platform)
        .unwrap();
    assert_eq!(d.data.expected.as_deref(), Some("current"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (lang, hint) in [
        (
            "en",
            "(--profile current, or profile = \"current\" in importimage-lint.toml)",
        ),
        (
            "zh-CN",
            "（--profile current，或在 importimage-lint.toml 中写 `profile = \"current\"`）",
        ),
    ] {
        let run = common::run_in(
            root,
            &["--format", "json", "--lang", lang, "-"],
            request.as_bytes(),
            &[],
        );
        let out = run.json();
        let help = out[0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == "platform")
            .unwrap()["help"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(help.ends_with(hint), "{lang}: {help}");
    }
}

#[test]
fn a_field_checks_with_named_arguments_and_a_typed_context_as_with_text() {
    use importimage_lint::{DiskMapping, FieldCheck, ImportImageRequest, Linter};
    let linter = Linter::default();
    let typed = ImportImageRequest::new("cn-hangzhou")
        .os_type("linux")
        .disk(DiskMapping::new("b12", "a.raw"));
    let text = r#"{"RegionId": "cn-hangzhou", "OSType": "linux",
        "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#;
    for (param, value) in [
        ("Platform", "Windows Server 2012"),
        ("ImageName", "1abc"),
        ("imageName", "centos-7"),
        ("DiskDeviceMapping.1.DiskImageSize", "99999"),
    ] {
        let by_typed = linter.check_field(&FieldCheck::new(param).value(value).context(&typed));
        let by_text = linter.check_field(&FieldCheck::new(param).value(value).context(text));
        assert_eq!(by_typed, by_text, "{param}");
        assert_eq!(
            by_text,
            linter.validate_field(param, value, Some(text)),
            "{param}"
        );
    }
    let d = linter.check_field(
        &FieldCheck::new("Platform")
            .value("Windows Server 2012")
            .context(&typed),
    );
    assert!(
        d.iter().any(|d| d.rule == Rule::PlatformOsTypeMismatch),
        "{d:?}"
    );
    // JSON values: a number passes, NaN is the wrong type, null is the field left out.
    let size = "DiskDeviceMapping.1.DiskImageSize";
    assert!(linter
        .check_field(&FieldCheck::new(size).value_json("40").context(&typed))
        .is_empty());
    let nan = linter.check_field(&FieldCheck::new(size).value_json("NaN"));
    assert_eq!(nan[0].rule, Rule::InvalidValueType);
    let absent = linter.check_field(
        &FieldCheck::new("RegionId")
            .value_json("null")
            .context(&typed),
    );
    assert!(
        absent.iter().any(|d| d.rule == Rule::MissingParameter),
        "{absent:?}"
    );
}
