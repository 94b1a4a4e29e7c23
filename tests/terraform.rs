//! Terraform as Terraform and the alicloud provider read it (issue 22, class 4), through
//! the binary: the provider's case-sensitive value lists (`StringInSlice(…, false)`), the
//! conversion of numbers and booleans to strings, `count`/`for_each` with a literal name,
//! `count = 0`, the provider's trimmed region, the `license_type` default the provider
//! sends, and `.tf.json` files, which are not read. The fixture
//! (`tests/fixtures/terraform/provider/main.tf`) names the provider source line of each form.

mod common;

use std::path::Path;
use std::process::Command;

use common::{findings, set};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const FIXTURE: &str = "tests/fixtures/terraform/provider/main.tf";

/// Every value the provider refuses is an error at the value, of the parameter's rule; a
/// value it takes (platform has no list) is judged by the API's rules only; a refused value
/// is said once. `count = 0` is not judged; a literal name on 3 and 2 instances is a
/// duplicate; numbers and booleans are the strings Terraform makes of them.
#[test]
fn provider_value_lists_conversions_and_instances() {
    let r = common::run_in(root(), &["--format", "json", FIXTURE], b"", &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        findings(&r),
        set(&[
            (17, 19, "os-type", "OSType"),
            (17, 20, "newer-api-parameter", "BootMode"),
            (17, 20, "boot-mode", "BootMode"),
            (17, 24, "disk-format", "DiskDeviceMapping.1.Format"),
            (29, 31, "architecture", "Architecture"),
            (29, 32, "newer-api-parameter", "LicenseType"),
            (29, 32, "license-type", "LicenseType"),
            (42, 43, "image-name-start", "ImageName"),
            (53, 55, "duplicate-image-name", "ImageName"),
            (62, 64, "duplicate-image-name", "ImageName"),
            (81, 81, "value-not-literal", "RegionId"),
        ])
    );
    let json = r.json();
    let reports = json.as_array().unwrap();
    // Six requests: the `count = 0` resource is left out.
    assert_eq!(reports.len(), 6);
    assert!(!r.stdout.contains("web server"), "count = 0 is not judged");
    // The message names the provider's list and the value refused.
    let d = &reports[0]["diagnostics"][0];
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("windows, linux for `os_type`"),
        "{d}"
    );
    // The region " cn-hangzhou " is trimmed, as provider.go does.
    assert_eq!(reports[0]["effective"]["RegionId"]["value"], "cn-hangzhou");
    // 2024 and true become the strings "2024" and "true"; disk_image_size stays 40.
    let conv = &reports[2]["effective"];
    assert_eq!(conv["ImageName"]["value"], "2024");
    assert_eq!(conv["Description"]["value"], "true");
    assert_eq!(conv["DiskDeviceMapping.1.DiskImageSize"]["value"], "40");
    assert!(!reports[2]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["rule"] == "invalid-value-type"));
    // In Chinese too.
    let zh = common::run_in(root(), &["--lang", "zh-CN", FIXTURE], b"", &[]);
    assert!(zh.stdout.contains("区分大小写"), "{}", zh.stdout);
    assert!(zh.stdout.contains("3 个实例"), "{}", zh.stdout);
}

/// The effective request is what the provider sends: `license_type` left out is sent as
/// `Auto` (resource_alicloud_image_import.go line 57) under a profile that knows
/// LicenseType, and that value, which nobody wrote, is not judged.
#[test]
fn effective_shows_the_license_type_the_provider_sends() {
    let r = common::run_in(
        root(),
        &["--profile", "current", "--format", "json", FIXTURE],
        b"",
        &[],
    );
    let json = r.json();
    let reports = json.as_array().unwrap();
    assert_eq!(reports[0]["effective"]["LicenseType"]["value"], "Auto");
    assert_eq!(reports[1]["effective"]["LicenseType"]["value"], "byol");
    for rep in [&reports[0], &reports[2]] {
        assert!(
            !rep["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["param"] == "LicenseType"),
            "{rep}"
        );
    }
}

/// `--fix` writes the provider's spelling where only the letter case differs, nothing
/// where no spelling fits (`arm64`), and what it writes is formatted HCL.
#[test]
fn fix_writes_the_provider_spelling() {
    let d = common::scratch("terraform", "fix");
    std::fs::copy(root().join(FIXTURE), d.join("main.tf")).unwrap();
    let r = common::run_in(&d, &["--fix", "main.tf"], b"", &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let fixed = std::fs::read_to_string(d.join("main.tf")).unwrap();
    for line in [
        "os_type    = \"linux\"",
        "boot_mode  = \"UEFI\"",
        "format     = \"qcow2\"",
        "license_type = \"BYOL\"",
        "architecture = \"arm64\"",
    ] {
        assert!(fixed.contains(line), "{line}:\n{fixed}");
    }
    let again = common::run_in(&d, &["--format", "json", "main.tf"], b"", &[]);
    // Only `arm64` is left refused.
    assert_eq!(
        again.stdout.matches("letter case counts").count(),
        1,
        "{}",
        again.stdout
    );
    let fmt = Command::new("terraform")
        .args(["fmt", "-check", "-no-color", "main.tf"])
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .current_dir(&d)
        .output();
    match fmt {
        Ok(out) => assert!(out.status.success(), "terraform fmt -check:\n{fixed}"),
        Err(_) => eprintln!("terraform is not installed: the fmt check is skipped"),
    }
}

/// A `.tf.json` file is never linted as a request: named, it is skipped with a note on
/// standard error (both languages); found in a folder, the same.
#[test]
fn terraform_json_is_skipped_with_a_note() {
    let d = common::scratch("terraform", "tfjson");
    std::fs::write(
        d.join("import-image.tf.json"),
        r#"{"resource":{"alicloud_image_import":{"x":{"image_name":"a b","disk_device_mapping":[{"oss_bucket":"b","oss_object":"o"}]}}}}"#,
    )
    .unwrap();
    for args in [&["import-image.tf.json"][..], &["."]] {
        let r = common::run_in(&d, &[&["--format", "json"][..], args].concat(), b"", &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.json(), serde_json::json!([]));
        assert!(
            r.stderr.contains("Terraform JSON (`.tf.json`) is not read"),
            "{}",
            r.stderr
        );
    }
    let r = common::run_in(&d, &["--lang", "zh-CN", "import-image.tf.json"], b"", &[]);
    assert!(r.stderr.contains("不读取 Terraform JSON"), "{}", r.stderr);
}

/// Each resource gets the suppressions written above it or inside it, and the file's:
/// a comment above one block silences that block only (suppressions are no longer copied
/// to every resource, which made many resources quadratic).
#[test]
fn suppressions_reach_their_own_block_only() {
    let d = common::scratch("terraform", "suppress");
    let block = |name: &str, comment: &str| {
        format!("{comment}resource \"alicloud_image_import\" \"{name}\" {{\n  image_name = \"a b {name}\"\n  disk_device_mapping {{\n    oss_bucket = \"ecsimageos\"\n    oss_object = \"a.raw\"\n  }}\n}}\n")
    };
    let text = [
        "provider \"alicloud\" {\n  region = \"cn-hangzhou\"\n}\n".to_owned(),
        block("one", ""),
        block("two", "# importimage-lint: ignore[image-name-characters]\n"),
        block("three", ""),
    ]
    .concat();
    std::fs::write(d.join("main.tf"), &text).unwrap();
    let r = common::run_in(&d, &["--format", "json", "main.tf"], b"", &[]);
    assert_eq!(
        findings(&r),
        set(&[
            (4, 5, "image-name-characters", "ImageName"),
            (19, 20, "image-name-characters", "ImageName"),
        ])
    );
    std::fs::write(
        d.join("main.tf"),
        format!("// importimage-lint: ignore-file[image-name-characters]\n{text}"),
    )
    .unwrap();
    let r = common::run_in(&d, &["--format", "json", "main.tf"], b"", &[]);
    assert_eq!(findings(&r), set(&[]));
}

/// Override files merge as Terraform merges them (Terraform's "Override Files": processed
/// after the other files, by name; each argument of a resource of the same type and name
/// replaces the original's, each nested block type it writes replaces all of the
/// original's blocks of that type): the merged value is judged, pointed at the resource (it is
/// written in another file, so `--fix` leaves it), and an override file is not linted as a
/// request of its own (a note says where it is checked).
#[test]
fn override_files_merge_into_their_resource() {
    let d = common::scratch("terraform", "override");
    std::fs::write(
        d.join("main.tf"),
        "provider \"alicloud\" {\n  region = \"cn-hangzhou\"\n}\n\nresource \"alicloud_image_import\" \"web\" {\n  image_name = \"web-1\"\n  os_type    = \"linux\"\n  disk_device_mapping {\n    oss_bucket = \"ecsimageos\"\n    oss_object = \"web.raw\"\n  }\n}\n",
    )
    .unwrap();
    std::fs::write(
        d.join("a_override.tf"),
        "resource \"alicloud_image_import\" \"web\" {\n  image_name = \"web server\"\n}\n",
    )
    .unwrap();
    // Nested blocks of a type an override writes replace all of the original's.
    std::fs::write(
        d.join("disks_override.tf"),
        "resource \"alicloud_image_import\" \"web\" {\n  disk_device_mapping {\n    oss_bucket = \"ecsimageos\"\n    oss_object = \"web.qcow2\"\n    format     = \"QCOW2\"\n  }\n}\n",
    )
    .unwrap();
    // Applied last (by name): its image_name would win over a_override.tf's.
    std::fs::write(
        d.join("override.tf"),
        "resource \"alicloud_image_import\" \"web\" {\n  os_type = \"Linux\"\n}\n",
    )
    .unwrap();
    for args in [&["main.tf"][..], &["."]] {
        let r = common::run_in(&d, &[&["--format", "json"][..], args].concat(), b"", &[]);
        assert_eq!(
            findings(&r),
            set(&[
                (5, 5, "os-type", "OSType"),
                (5, 5, "image-name-characters", "ImageName"),
                (5, 5, "disk-format", "DiskDeviceMapping.1.Format"),
            ]),
            "{args:?}"
        );
        assert_eq!(r.json().as_array().unwrap().len(), 1, "one request");
    }
    let r = common::run_in(&d, &["override.tf"], b"", &[]);
    assert_eq!(r.code, 0);
    assert!(
        r.stderr.contains("a Terraform override file"),
        "{}",
        r.stderr
    );
    let before = std::fs::read_to_string(d.join("main.tf")).unwrap();
    common::run_in(&d, &["--fix", "main.tf"], b"", &[]);
    assert_eq!(std::fs::read_to_string(d.join("main.tf")).unwrap(), before);
}
