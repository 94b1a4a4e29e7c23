//! The `current` profile beside the spec's: one test per difference listed in
//! `current-api.md`, with the verdict under each profile; and the configuration file.

use std::process::Command;

mod common;

use importimage_lint::{profile, Linter, Options, Report, Rule, Severity};

fn lint(profile_id: &str, fields: &str) -> Report {
    let linter = Linter::new(Options::default().with_profile(profile::by_id(profile_id).unwrap()));
    linter.lint_str(&format!(
        r#"{{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.img", {fields}}}"#
    ))
}

fn rules(r: &Report) -> Vec<(&'static str, Severity)> {
    r.diagnostics
        .iter()
        .map(|d| (d.rule.id(), d.severity))
        .collect()
}

/// Asserts the verdict (valid or not) and the rules reported, under each profile.
fn both(fields: &str, spec: (bool, &[&str]), current: (bool, &[&str])) {
    for (id, (valid, expected)) in [("2019-01", spec), ("current", current)] {
        let r = lint(id, fields);
        let got: Vec<&str> = r.diagnostics.iter().map(|d| d.rule.id()).collect();
        assert_eq!(r.valid, valid, "{id}: {fields}: {:#?}", r.diagnostics);
        assert_eq!(got, expected, "{id}: {fields}");
        assert_eq!(r.profile, id);
    }
}

#[test]
fn done_when_rocky_arm64_uefi() {
    let f = r#""Platform": "Rocky Linux", "OSType": "linux", "Architecture": "arm64", "BootMode": "UEFI", "ImageName": "rocky.9""#;
    assert!(lint("current", f).diagnostics.is_empty());
    let spec = lint("2019-01", f);
    assert!(!spec.valid);
    for rule in [
        Rule::Platform,
        Rule::Architecture,
        Rule::ImageNameCharacters,
        Rule::NewerApiParameter,
        Rule::EnumLetterCase,
    ] {
        assert!(spec.diagnostics.iter().any(|d| d.rule == rule), "{rule}");
    }
}

#[test]
fn done_when_windows_server_2019_byol() {
    let f = r#""Platform": "Windows Server 2019", "OSType": "windows", "LicenseType": "BYOL""#;
    assert!(lint("current", f).diagnostics.is_empty());
    assert!(!lint("2019-01", f).valid);
}

#[test]
fn done_when_arm64_with_bios_is_rejected() {
    both(
        r#""Architecture": "arm64", "BootMode": "BIOS""#,
        (false, &["architecture", "newer-api-parameter"]),
        (false, &["required-combination"]),
    );
    // Left out, BootMode defaults to UEFI for arm64.
    let r = lint("current", r#""Architecture": "arm64""#);
    assert!(r.valid);
    assert_eq!(r.effective.get("BootMode").unwrap().value, Some("UEFI"));
}

#[test]
fn image_name_periods() {
    both(
        r#""ImageName": "rocky.9""#,
        (false, &["image-name-characters"]),
        (true, &[]),
    );
}

#[test]
fn image_name_reserved_prefixes() {
    both(
        r#""ImageName": "aliyun-centos""#,
        (true, &[]),
        (false, &["image-name-prefix"]),
    );
    both(
        r#""ImageName": "acs:centos""#,
        (true, &[]),
        (false, &["image-name-prefix"]),
    );
}

#[test]
fn image_name_url_anywhere() {
    both(
        r#""ImageName": "img-http://x""#,
        (false, &["image-name-characters"]),
        (false, &["image-name-url"]),
    );
}

#[test]
fn description_at_least_two_characters() {
    both(
        r#""Description": "a""#,
        (true, &[]),
        (false, &["description-length"]),
    );
    both(r#""Description": "ab""#, (true, &[]), (true, &[]));
}

#[test]
fn arm64_architecture() {
    both(
        r#""Architecture": "arm64""#,
        (false, &["architecture"]),
        (true, &[]),
    );
}

#[test]
fn os_type_spelling() {
    both(
        r#""OSType": "linux""#,
        (true, &["enum-letter-case"]),
        (true, &[]),
    );
    both(r#""OSType": "Linux""#, (true, &[]), (true, &[]));
    assert_eq!(
        lint("current", "\"ImageName\": \"ab\"")
            .effective
            .get("OSType")
            .unwrap()
            .value,
        Some("linux")
    );
}

#[test]
fn fifteen_new_platforms() {
    for p in [
        "Anolis",
        "FreeBSD",
        "RedHat",
        "Kylin",
        "UOS",
        "Fedora",
        "Fedora CoreOS",
        "CentOS Stream",
        "AlmaLinux",
        "Rocky Linux",
        "Gentoo",
    ] {
        both(
            &format!(r#""Platform": "{p}""#),
            (false, &["platform"]),
            (true, &[]),
        );
    }
    for p in [
        "Windows Server 2016",
        "Windows Server 2019",
        "Windows Server 2022",
        "Other Windows",
    ] {
        both(
            &format!(r#""Platform": "{p}", "OSType": "Windows""#),
            (false, &["platform"]),
            (true, &[]),
        );
    }
}

#[test]
fn disk_format_spellings() {
    both(
        r#""DiskDeviceMapping.1.Format": "qcow2""#,
        (true, &[]),
        (true, &[]),
    );
    both(
        r#""DiskDeviceMapping.1.Format": "QCOW2""#,
        (true, &["enum-letter-case"]),
        (true, &[]),
    );
    both(
        r#""DiskDeviceMapping.1.Format": "VMDK""#,
        (false, &["disk-format"]),
        (true, &[]),
    );
    let spec = lint("2019-01", r#""DiskDeviceMapping.1.Format": "ISO""#);
    let current = lint("current", r#""DiskDeviceMapping.1.Format": "ISO""#);
    assert_eq!(spec.diagnostics[0].code, Some("InvalidFormat.Malformed"));
    assert_eq!(
        current.diagnostics[0].code,
        Some("InvalidImageFormat.Malformed")
    );
}

#[test]
fn disk_sizes_1_to_2048_for_every_disk() {
    for (size, spec_ok, current_ok) in [
        (1, false, true),
        (5, true, true),
        (501, false, true),
        (2048, false, true),
        (2049, false, false),
    ] {
        let f = format!(r#""DiskDeviceMapping.1.DiskImageSize": {size}"#);
        assert_eq!(lint("2019-01", &f).valid, spec_ok, "{size}");
        assert_eq!(lint("current", &f).valid, current_ok, "{size}");
    }
    let r = lint("current", r#""DiskDeviceMapping.1.DiskImageSize": 4096"#);
    assert_eq!(r.diagnostics[0].code, Some("InvalidDataDiskSize"));
}

#[test]
fn renamed_region_codes() {
    let f = |id: &str| {
        let linter = Linter::new(Options::default().with_profile(profile::by_id(id).unwrap()));
        linter.lint_str(r#"{"RegionId": "mars-1", "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#)
    };
    assert_eq!(f("2019-01").diagnostics[0].code, Some("RegionId.NotFound"));
    assert_eq!(
        f("current").diagnostics[0].code,
        Some("InvalidRegionId.NotFound")
    );
}

#[test]
fn added_parameters_are_known_only_to_current() {
    let added = [
        r#""BootMode": "UEFI""#,
        r#""LicenseType": "Aliyun""#,
        r#""RoleName": "ImportRole""#,
        r#""Tag.1.Key": "team", "Tag.1.Value": "web""#,
        r#""ResourceGroupId": "rg-bp67acfmxazb4p""#,
        r#""ClientToken": "0c593ea1-3bea-11e9-b96b-88e9fe637760""#,
        r#""DryRun": "true""#,
        r#""DetectionStrategy": "Standard""#,
        r#""Features": {"ImdsSupport": "v2", "NvmeSupport": "supported"}"#,
        r#""StorageLocationArn": "arn:acs:cloudbox:cn-hangzhou:123:cloudbox/cb-1""#,
    ];
    for f in added {
        let spec = lint("2019-01", f);
        assert!(spec.valid, "{f}");
        assert!(
            spec.diagnostics
                .iter()
                .all(|d| d.rule == Rule::NewerApiParameter),
            "{f}: {:#?}",
            spec.diagnostics
        );
        assert!(spec.diagnostics[0]
            .help
            .as_deref()
            .unwrap()
            .contains("profile current"));
        assert_eq!(
            spec.diagnostics[0].data.expected.as_deref(),
            Some("current")
        );
        assert!(
            lint("current", f).diagnostics.is_empty(),
            "{f}: {:#?}",
            lint("current", f).diagnostics
        );
    }
}

/// Every SDK sends the account ids as integers; both profiles know them (common parameters).
#[test]
fn owner_ids_are_common_integers() {
    for profile in ["2019-01", "current"] {
        for f in [
            r#""OwnerId": 1234567890123456"#,
            r#""ResourceOwnerId": "42""#,
            r#""ResourceOwnerAccount": "ops""#,
        ] {
            let r = lint(profile, f);
            assert!(
                r.diagnostics.is_empty(),
                "{profile} {f}: {:#?}",
                r.diagnostics
            );
        }
        for f in [
            r#""OwnerId": -1"#,
            r#""OwnerId": 9223372036854775808"#,
            r#""OwnerId": 1.5"#,
            r#""OwnerId": "12a""#,
        ] {
            assert!(
                lint(profile, f).has(Rule::ParameterValue, "OwnerId"),
                "{profile} {f}"
            );
        }
    }
}

#[test]
fn added_parameters_are_checked_under_current() {
    let cases: &[(&str, Rule)] = &[
        (r#""BootMode": "EFI""#, Rule::BootMode),
        (r#""LicenseType": "Auto""#, Rule::LicenseType),
        (r#""Tag.1.Key": "aliyun-team""#, Rule::ParameterValue),
        (
            r#""Tag.1.Value": "acs:x", "Tag.1.Key": "k""#,
            Rule::ParameterValue,
        ),
        (r#""Tag.1.Key": "see https://x""#, Rule::ParameterValue),
        (r#""Tag.21.Key": "k""#, Rule::ParameterIndex),
        (r#""Tag.1.Value": "v""#, Rule::MissingParameter),
        (r#""ClientToken": "令牌""#, Rule::ParameterValue),
        (r#""DryRun": "yes""#, Rule::ParameterValue),
        (r#""DetectionStrategy": "Strict""#, Rule::ParameterValue),
        (r#""Features.ImdsSupport": "v3""#, Rule::ParameterValue),
        (
            r#""Features": {"NvmeSupport": "maybe"}"#,
            Rule::ParameterValue,
        ),
    ];
    for (f, rule) in cases {
        let r = lint("current", f);
        assert!(!r.valid, "{f}");
        assert!(
            r.diagnostics.iter().any(|d| d.rule == *rule),
            "{f}: {:#?}",
            r.diagnostics
        );
    }
    let long = format!(r#""ClientToken": "{}""#, "t".repeat(65));
    assert!(lint("current", &long)
        .diagnostics
        .iter()
        .any(|d| d.rule == Rule::ParameterValue));
    let dry = lint("current", r#""DryRun": true"#);
    assert!(
        dry.valid,
        "a JSON boolean is accepted: {:#?}",
        dry.diagnostics
    );
}

#[test]
fn deprecated_disk_parameters_warn_under_current() {
    let r = lint(
        "current",
        r#""DiskDeviceMapping.1.Device": "/dev/xvda", "DiskDeviceMapping.1.DiskImSize": 40"#,
    );
    assert!(r.valid);
    assert_eq!(
        rules(&r),
        [
            ("deprecated-parameter", Severity::Warning),
            ("deprecated-parameter", Severity::Warning)
        ]
    );
    assert!(r.diagnostics[1]
        .help
        .as_deref()
        .unwrap()
        .contains("DiskDeviceMapping.1.DiskImageSize"));
    let spec = lint("2019-01", r#""DiskDeviceMapping.1.Device": "/dev/xvda""#);
    assert_eq!(rules(&spec), [("newer-api-parameter", Severity::Warning)]);
}

// The configuration file, through the CLI.

/// A fresh folder with `requests/nested` in it, removed when the test ends, passed or
/// failed, unless IMPORTIMAGE_LINT_KEEP_SCRATCH is set (for debugging; see `common::Scratch`).
fn dir() -> common::Scratch {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = common::Scratch::new(std::env::temp_dir().join(format!(
        "importimage-lint-cfg-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )));
    std::fs::create_dir_all(d.join("requests/nested")).unwrap();
    d
}

fn cli(cwd: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_importimage-lint"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const ROCKY: &str = r#"{"RegionId": "cn-hangzhou", "ImageName": "rocky.9", "Platform": "Rocky Linux", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "rocky.qcow2"}"#;

#[test]
fn config_is_found_from_the_file_upward_and_flags_win() {
    let d = dir();
    std::fs::write(
        d.join("importimage-lint.toml"),
        "profile = \"current\"\n[rules]\nregion-id-unknown = \"off\"\n",
    )
    .unwrap();
    std::fs::write(d.join("requests/nested/a.import-image.json"), ROCKY).unwrap();
    // Found two folders up: the current profile accepts the request.
    let (code, out, _) = cli(&d, &["--format", "json", "requests"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("\"profile\": \"current\""));
    // A flag wins over the file.
    let (code, out, _) = cli(
        &d,
        &["--format", "json", "--profile", "2019-01", "requests"],
    );
    assert_eq!(code, 1);
    assert!(out.contains("\"profile\": \"2019-01\""));
    // Severity overrides: off in the file.
    std::fs::write(
        d.join("requests/nested/b.import-image.json"),
        ROCKY.replace("cn-hangzhou", "mars-north-9"),
    )
    .unwrap();
    let (_, out, _) = cli(&d, &["--format", "json", "requests"]);
    assert!(!out.contains("region-id-unknown"));
    // --config names another file, which wins over discovery.
    std::fs::write(
        d.join("strict.toml"),
        "[rules]\nregion-id-unknown = \"error\"\n",
    )
    .unwrap();
    let (code, out, _) = cli(
        &d,
        &["--format", "json", "--config", "strict.toml", "requests"],
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("\"rule\": \"region-id-unknown\",\n        \"severity\": \"error\""),
        "{out}"
    );
    // And stdin looks from the current folder.
    let out = Command::new(env!("CARGO_BIN_EXE_importimage-lint"))
        .args(["--format", "json", "-"])
        .current_dir(d.join("requests/nested"))
        .stdin(std::fs::File::open(d.join("requests/nested/a.import-image.json")).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn config_errors_have_did_you_mean() {
    let d = dir();
    std::fs::write(d.join("requests/a.import-image.json"), ROCKY).unwrap();
    for (text, expected) in [
        (
            "profle = \"current\"\n",
            ":1:1: unknown key `profle`; did you mean `profile`?",
        ),
        (
            "[rules]\nimage-name-lenght = \"off\"\n",
            ":2:1: unknown rule `image-name-lenght`; did you mean `image-name-length`?",
        ),
        (
            "[rules]\nimage-name-length = \"fatal\"\n",
            ":2:1: `image-name-length` must be \"off\", \"info\", \"warning\" or \"error\", not \"fatal\"",
        ),
        (
            "profile = \"curent\"\n",
            ":1:1: unknown profile `curent`; did you mean `current`?",
        ),
        ("profile = [\n", ":1:12: not valid TOML"),
    ] {
        std::fs::write(d.join("importimage-lint.toml"), text).unwrap();
        let (code, _, err) = cli(&d, &["requests"]);
        assert_eq!(code, 2, "{text}");
        assert!(err.contains(&format!("importimage-lint.toml{expected}")), "{text}: {err}");
    }
}

#[test]
fn the_example_config_is_valid() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/importimage-lint.example.toml"
    ))
    .unwrap();
    let c = importimage_lint::config::parse_config(&text).unwrap();
    assert_eq!(c.profile.unwrap().id, "current");
    assert_eq!(c.rules.len(), 3);
    assert_eq!(c.exclude, ["legacy/**"]);
    assert_eq!(c.per_file_ignores.len(), 1);
}
