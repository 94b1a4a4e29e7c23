//! Terraform files and shell scripts through the command line: each `alicloud_image_import`
//! resource and each `aliyun ecs ImportImage` command is linted as the request it sends,
//! findings point where each value is written, computed values are skipped with a note,
//! `--fix` rewrites literals in place, and folders pick such files up. The fixtures are
//! written as the provider's documentation and real repositories write them; where
//! `terraform` and `bash` are installed, they check that the fixtures are valid.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{findings, set, Run};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    common::run_in(dir, args, stdin, &[("NO_COLOR", "1")])
}

fn run(args: &[&str]) -> Run {
    run_in(root(), args, b"")
}

/// The lines a rewrite changed, as (before, after); a rewrite never adds or removes lines.
fn changed_lines<'t>(before: &'t str, after: &'t str) -> Vec<(&'t str, &'t str)> {
    assert_eq!(before.lines().count(), after.lines().count());
    before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect()
}

fn copy_to(dir: &Path, from: &str, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(root().join(from), &to).unwrap();
    to
}

#[test]
fn terraform_resources_are_linted_where_each_value_is_written() {
    let r = run(&["--format", "json", "tests/fixtures/terraform/mistakes.tf"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        findings(&r),
        set(&[
            (10, 11, "image-name-characters", "ImageName"),
            (10, 12, "platform-os-type-mismatch", "OSType"),
            (
                10,
                16,
                "oss-bucket-location",
                "DiskDeviceMapping.1.OSSBucket"
            ),
            // The provider takes only "qcow2" (resource_alicloud_image_import.go line 80).
            (10, 18, "disk-format", "DiskDeviceMapping.1.Format"),
            (
                10,
                19,
                "disk-image-size",
                "DiskDeviceMapping.1.DiskImageSize"
            ),
            // The aliased provider's region, a heredoc's text, the second disk block.
            (23, 26, "description-url", "Description"),
            (
                23,
                31,
                "oss-region-mismatch",
                "DiskDeviceMapping.1.OSSBucket"
            ),
            (
                23,
                31,
                "oss-bucket-location",
                "DiskDeviceMapping.1.OSSBucket"
            ),
            (
                23,
                38,
                "disk-image-size",
                "DiskDeviceMapping.2.DiskImageSize"
            ),
        ])
    );
    // Text points at path:line:col of the value, with the resource's line shown.
    let text = run(&["tests/fixtures/terraform/mistakes.tf"]);
    assert!(
        text.stdout.contains(
            "tests/fixtures/terraform/mistakes.tf:19:23: error[disk-image-size] DiskDeviceMapping.1.DiskImageSize is 600 GiB"
        ),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("19 |     disk_image_size = 600"));
    assert!(text.stdout.contains("in 2 requests."), "{}", text.stdout);
}

#[test]
fn the_os_type_spelling_the_provider_requires_is_not_a_finding() {
    // The provider accepts only "linux" and "windows"; the JSON form of the same request
    // gets the letter-case warning under the API reference.
    let r = run(&[
        "--format",
        "json",
        "tests/fixtures/terraform/provider-docs.tf",
    ]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let all = findings(&r);
    assert!(all.iter().all(|f| f.2 != "enum-letter-case"), "{all:?}");
    assert_eq!(
        all,
        set(&[(7, 11, "newer-api-parameter", "LicenseType")]),
        "the documented example is clean but for LicenseType, which 2019-01 lacks"
    );
    // Under the API as documented today, `Auto` is no longer a LicenseType (README spec notes).
    let current = run(&[
        "--format",
        "json",
        "--profile",
        "current",
        "tests/fixtures/terraform/provider-docs.tf",
    ]);
    assert_eq!(
        findings(&current),
        set(&[(7, 11, "license-type", "LicenseType")])
    );
}

#[test]
fn the_region_comes_from_the_module_provider_block() {
    // providers.tf, beside main.tf, sets the region.
    let r = run(&[
        "--format",
        "json",
        "tests/fixtures/terraform/module/main.tf",
    ]);
    assert_eq!(
        findings(&r),
        set(&[
            (1, 5, "oss-region-mismatch", "DiskDeviceMapping.1.OSSBucket"),
            (1, 5, "oss-bucket-location", "DiskDeviceMapping.1.OSSBucket"),
        ])
    );
    let msg = r.json()[0]["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(msg.contains("RegionId is ap-southeast-1"), "{msg}");
    // Alone, the file does not say the region: a note, and no region check.
    let d = common::scratch("embedded", "module-alone");
    copy_to(&d, "tests/fixtures/terraform/module/main.tf", "main.tf");
    let alone = run_in(&d, &["--format", "json", "main.tf"], b"");
    assert_eq!(
        findings(&alone),
        set(&[
            (1, 1, "value-not-literal", "RegionId"),
            (1, 5, "oss-bucket-location", "DiskDeviceMapping.1.OSSBucket"),
        ])
    );
}

#[test]
fn computed_values_are_skipped_with_a_note_never_guessed() {
    let r = run(&["--format", "json", "tests/fixtures/terraform/computed.tf"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(
        findings(&r),
        set(&[
            (17, 17, "value-not-literal", "RegionId"),
            (17, 19, "value-not-literal", "ImageName"),
            (17, 24, "value-not-literal", "DiskDeviceMapping.1.OSSBucket"),
            (17, 25, "value-not-literal", "DiskDeviceMapping.1.OSSObject"),
            (29, 29, "value-not-literal", "RegionId"),
            (29, 31, "value-not-literal", "ImageName"),
            (29, 33, "value-not-literal", "DiskDeviceMapping"),
            // The comment above the third resource silences image-name-length in it.
            (43, 43, "value-not-literal", "RegionId"),
        ])
    );
    let text = run(&["tests/fixtures/terraform/computed.tf"]);
    assert!(
        text.stdout
            .contains("ImageName is `format(\"node-%02d\", count.index)`"),
        "{}",
        text.stdout
    );
}

#[test]
fn fix_and_diff_rewrite_terraform_literals_in_place() {
    let d = common::scratch("embedded", "tf-fix");
    let file = copy_to(&d, "tests/fixtures/terraform/mistakes.tf", "main.tf");
    let before = std::fs::read_to_string(&file).unwrap();
    let diff = run_in(&d, &["--diff", "main.tf"], b"");
    assert_eq!(diff.code, 1);
    assert!(
        diff.stdout
            .contains("-    oss_bucket      = \"oss://ecsimageos/web.qcow2\""),
        "{}",
        diff.stdout
    );
    assert!(
        diff.stdout
            .contains("+    oss_bucket      = \"ecsimageos\""),
        "{}",
        diff.stdout
    );
    if Command::new("git").arg("--version").output().is_ok() {
        std::fs::write(d.join("fix.patch"), &diff.stdout).unwrap();
        let ok = Command::new("git")
            .args(["apply", "--check", "fix.patch"])
            .current_dir(&d)
            .status()
            .unwrap();
        assert!(ok.success(), "git apply --check refuses the diff");
    }
    let fixed = run_in(&d, &["--fix", "main.tf"], b"");
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(
        fixed.stdout.contains("Fixed 1 file in place."),
        "{}",
        fixed.stdout
    );
    let changed = changed_lines(&before, &after);
    assert_eq!(
        changed,
        [
            (
                "    oss_bucket      = \"oss://ecsimageos/web.qcow2\"",
                "    oss_bucket      = \"ecsimageos\""
            ),
            (
                "    format          = \"QCOW2\"",
                "    format          = \"qcow2\""
            ),
        ]
    );
    if terraform_fmt_works() {
        let ok = Command::new("terraform")
            .args(["fmt", "-check", "-no-color", "main.tf"])
            .env("TF_CLI_CONFIG_FILE", "/dev/null")
            .current_dir(&d)
            .status()
            .unwrap();
        assert!(ok.success(), "the fixed file is still formatted HCL");
    }
}

#[test]
fn shell_commands_are_linted_where_each_value_is_written() {
    let r = run(&["--format", "json", "tests/fixtures/shell/import-images.sh"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        findings(&r),
        set(&[
            (8, 9, "value-not-literal", "RegionId"),
            (8, 13, "value-not-literal", "DiskDeviceMapping.1.OSSBucket"),
            // --region gives RegionId; `--Name=value`, quoting and continuations.
            (18, 18, "image-name-characters", "ImageName"),
            (18, 18, "enum-letter-case", "OSType"),
            (18, 18, "platform-os-type-mismatch", "OSType"),
            (
                18,
                20,
                "oss-bucket-location",
                "DiskDeviceMapping.1.OSSBucket"
            ),
            (
                18,
                22,
                "disk-image-size",
                "DiskDeviceMapping.1.DiskImageSize"
            ),
            (18, 22, "unknown-parameter", "Imagename"),
            // …which the CLI refuses to send without --force (aliyun-cli openapi/rpc.go:66).
            (18, 22, "invalid-input", "Imagename"),
            // Inside $( … ), with a command substitution in a value.
            (24, 24, "value-not-literal", "ImageName"),
            // Suppressed by the comment above it (line 30); the region from the CLI profile.
            (34, 34, "value-not-literal", "RegionId"),
        ])
    );
    // DescribeImages is not read: five commands, five reports.
    assert_eq!(r.json().as_array().unwrap().len(), 5);
    let text = run(&["tests/fixtures/shell/import-images.sh"]);
    assert!(
        text.stdout.contains("tests/fixtures/shell/import-images.sh:18:56: error[image-name-characters] ImageName \"web server 7\""),
        "{}",
        text.stdout
    );
}

#[test]
fn fix_rewrites_shell_words_and_keeps_the_script_valid() {
    let d = common::scratch("embedded", "sh-fix");
    let file = copy_to(&d, "tests/fixtures/shell/import-images.sh", "import.sh");
    let before = std::fs::read_to_string(&file).unwrap();
    let r = run_in(&d, &["--fix", "import.sh"], b"");
    assert!(r.stdout.contains("Fixed 1 file in place."), "{}", r.stdout);
    let after = std::fs::read_to_string(&file).unwrap();
    let changed = changed_lines(&before, &after);
    assert_eq!(
        changed,
        [
            (
                "aliyun ecs ImportImage --region cn-beijing --ImageName='web server 7' --OSType linux \\",
                "aliyun ecs ImportImage --region cn-beijing --ImageName='web server 7' --OSType Linux \\"
            ),
            (
                "  --DiskDeviceMapping.1.OSSBucket=oss://ecsimageos/win.vhd \\",
                "  --DiskDeviceMapping.1.OSSBucket=ecsimageos \\"
            ),
        ]
    );
    if Command::new("bash").arg("--version").output().is_ok() {
        let ok = Command::new("bash").arg("-n").arg(&file).status().unwrap();
        assert!(ok.success(), "bash -n refuses the fixed script");
    }
}

#[test]
fn folders_pick_up_terraform_files_and_scripts_that_hold_a_request() {
    let d = common::scratch("embedded", "walk");
    copy_to(
        &d,
        "tests/fixtures/terraform/mistakes.tf",
        "infra/images.tf",
    );
    copy_to(
        &d,
        "tests/fixtures/shell/import-images.sh",
        "scripts/import.sh",
    );
    std::fs::write(
        d.join("infra/network.tf"),
        "resource \"alicloud_vpc\" \"v\" {\n  vpc_name = \"v\"\n}\n",
    )
    .unwrap();
    std::fs::write(
        d.join("scripts/deploy.sh"),
        "#!/bin/sh\naliyun ecs DescribeImages --RegionId cn-hangzhou\n",
    )
    .unwrap();
    let r = run_in(&d, &["--format", "json", "."], b"");
    let paths: BTreeSet<String> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        paths,
        ["./infra/images.tf", "./scripts/import.sh"]
            .map(String::from)
            .into()
    );
    // Named on the command line, a file without a request gives no report and passes.
    let none = run_in(&d, &["infra/network.tf", "scripts/deploy.sh"], b"");
    assert_eq!(none.code, 0, "{}", none.stdout);
    assert!(
        none.stdout.contains("All checks passed: 0 requests"),
        "{}",
        none.stdout
    );
}

#[test]
fn broken_files_are_invalid_input_at_the_place() {
    let d = common::scratch("embedded", "broken");
    std::fs::write(
        d.join("broken.tf"),
        "resource \"alicloud_image_import\" \"b\" {\n  image_name = \"a\"\n",
    )
    .unwrap();
    std::fs::write(
        d.join("broken.sh"),
        "aliyun ecs ImportImage --RegionId cn-hangzhou --ImageName 'web\n",
    )
    .unwrap();
    let r = run_in(&d, &["--format", "json", "broken.tf", "broken.sh"], b"");
    assert_eq!(r.code, 1);
    let v = r.json();
    let tf = &v[0]["diagnostics"][0];
    assert_eq!(tf["rule"], "invalid-input");
    assert!(
        tf["message"]
            .as_str()
            .unwrap()
            .contains("not valid Terraform"),
        "{tf}"
    );
    let sh = &v[1]["diagnostics"][0];
    assert_eq!(sh["rule"], "invalid-input");
    assert_eq!(
        (sh["span"]["line"].as_u64(), sh["span"]["column"].as_u64()),
        (Some(1), Some(59))
    );
}

#[test]
fn stdin_is_read_as_the_language_its_name_says() {
    let tf = std::fs::read(root().join("tests/fixtures/terraform/mistakes.tf")).unwrap();
    let r = run_in(
        root(),
        &["--format", "json", "--stdin-filename", "infra/main.tf", "-"],
        &tf,
    );
    assert_eq!(r.json().as_array().unwrap().len(), 2);
    assert_eq!(r.json()[0]["path"], "infra/main.tf");
    let fixed = run_in(root(), &["--fix", "--stdin-filename", "main.tf", "-"], &tf);
    assert!(
        fixed.stdout.contains("oss_bucket      = \"ecsimageos\""),
        "{}",
        fixed.stdout
    );
}

#[test]
fn messages_in_chinese_too() {
    let r = run(&["--lang", "zh-CN", "tests/fixtures/terraform/computed.tf"]);
    assert!(
        r.stdout.contains("的值为 `var.region`") || r.stdout.contains("此处没有写出 RegionId"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("的值为 `each.value.bucket`，要到运行时才能确定"),
        "{}",
        r.stdout
    );
}

fn terraform_fmt_works() -> bool {
    Command::new("terraform")
        .args(["version"])
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The fixtures are what Terraform reads and formats as they are (`terraform fmt -check`,
/// which needs no provider), and what bash parses (`bash -n`).
#[test]
fn the_fixtures_are_valid_terraform_and_shell() {
    if terraform_fmt_works() {
        let out = Command::new("terraform")
            .args([
                "fmt",
                "-check",
                "-recursive",
                "-no-color",
                "tests/fixtures/terraform",
            ])
            .env("TF_CLI_CONFIG_FILE", "/dev/null")
            .current_dir(root())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    } else {
        eprintln!("terraform is not installed: the HCL check is skipped");
    }
    let ok = Command::new("bash")
        .arg("-n")
        .arg(root().join("tests/fixtures/shell/import-images.sh"))
        .status()
        .unwrap();
    assert!(ok.success());
}

#[test]
fn the_readme_session_is_what_the_tool_prints() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("$ importimage-lint tests/fixtures/terraform/mistakes.tf\n")
        .expect("the README shows a Terraform session");
    let block = &readme[start..];
    let block = &block[..block.find("```").unwrap()];
    let mut printed = String::new();
    for line in block
        .lines()
        .filter(|l| l.starts_with("$ importimage-lint "))
    {
        let args: Vec<&str> = line["$ importimage-lint ".len()..].split(' ').collect();
        printed.push_str(&run(&args).stdout);
    }
    let shown: Vec<&str> = block
        .lines()
        .filter(|l| *l != "…" && !l.starts_with('$'))
        .collect();
    assert!(shown.len() > 5);
    for line in shown {
        assert!(
            printed.lines().any(|l| l == line),
            "README line not printed: {line}"
        );
    }
}
