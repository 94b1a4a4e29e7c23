//! Packer templates as packer-plugin-alicloud reads them (issue 22, class 5), through the
//! binary: each `alicloud-import` post-processor of a `.pkr.hcl` template, of a template in
//! HCL's JSON syntax (`.pkr.json`) and of a legacy JSON template is the request
//! `buildImportImageRequest` sends (`post-processor/alicloud-import/post-processor.go`
//! lines 445-463). The fixtures (`tests/fixtures/packer/`) name the source of each form,
//! and Debian's `packer` accepts them and what `--fix` writes (`packer validate
//! -syntax-only`, `packer fmt -check`).

mod common;

use std::path::Path;
use std::process::Command;

use common::{findings, set};

fn fixtures() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/packer"
    ))
}

const FILES: &[&str] = &["import.pkr.hcl", "legacy.json", "hcl.pkr.json"];

/// Each post-processor is one request, findings point at the attribute where the value is
/// written, a suppression above a block covers it, and what Packer renders when it runs
/// (variables, `{{…}}` templates, `${…}`, a region from `ALICLOUD_REGION`) is a note,
/// never guessed.
#[test]
fn each_post_processor_is_the_request_the_plugin_sends() {
    let mut args = vec!["--format", "json"];
    args.extend(FILES);
    let r = common::run_in(fixtures(), &args, b"", &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        findings(&r),
        set(&[
            // import.pkr.hcl: a block in `build`.
            (19, 21, "image-name-characters", "ImageName"),
            (19, 23, "enum-letter-case", "OSType"),
            (19, 25, "architecture", "Architecture"),
            (
                19,
                26,
                "disk-image-size",
                "DiskDeviceMapping.1.DiskImageSize"
            ),
            // In a `post-processors` sequence, after another post-processor.
            (37, 37, "value-not-literal", "RegionId"),
            (37, 44, "value-not-literal", "DiskDeviceMapping.1.OSSBucket"),
            (37, 45, "value-not-literal", "DiskDeviceMapping.1.OSSObject"),
            // Under `ignore[image-name-start]`: "_nightly" is not reported.
            (50, 53, "enum-letter-case", "OSType"),
            (50, 55, "disk-format", "DiskDeviceMapping.1.Format"),
            (
                50,
                55,
                "format-extension-mismatch",
                "DiskDeviceMapping.1.Format"
            ),
            // legacy.json: the documentation's example, then one in a sequence.
            (17, 20, "enum-letter-case", "OSType"),
            (29, 30, "oss-bucket-name", "DiskDeviceMapping.1.OSSBucket"),
            (29, 31, "value-not-literal", "ImageName"),
            (29, 32, "architecture", "Architecture"),
            (29, 34, "enum-letter-case", "DiskDeviceMapping.1.Format"),
            // hcl.pkr.json.
            (14, 16, "value-not-literal", "ImageName"),
            (14, 17, "enum-letter-case", "OSType"),
            (14, 17, "platform-os-type-mismatch", "OSType"),
            (
                14,
                19,
                "disk-image-size",
                "DiskDeviceMapping.1.DiskImageSize"
            ),
        ])
    );
    let json = r.json();
    let reports = json.as_array().unwrap();
    assert_eq!(reports.len(), 6);
    // The mapping: image_description is Description, image_system_size the system disk's
    // size (a number or a string), oss_key_name left out is the plugin's `Packer_` and the
    // clock (post-processor.go lines 174-175): sent, shown, not judged.
    let first = &reports[0]["effective"];
    assert_eq!(first["Description"]["value"], "built by Packer");
    assert_eq!(first["DiskDeviceMapping.1.DiskImageSize"]["value"], "600");
    assert_eq!(first["DiskDeviceMapping.1.OSSBucket"]["value"], "packer");
    assert_eq!(
        first["DiskDeviceMapping.1.OSSObject"]["value"],
        "Packer_<nanoseconds>"
    );
    assert_eq!(first["RegionId"]["value"], "cn-beijing");
    // Nothing else the post-processor takes reaches ImportImage (no BootMode, no
    // LicenseType): the plugin sends neither.
    assert!(first.get("BootMode").is_none() && first.get("LicenseType").is_none());
    // `{{user …}}` credentials are rendered by Packer: no literal-credential warning.
    assert!(!r.stdout.contains("credential-in-request"), "{}", r.stdout);
    // The note says where the region comes from, in both languages.
    let text = common::run_in(fixtures(), &["import.pkr.hcl"], b"", &[]);
    assert!(text.stdout.contains("ALICLOUD_REGION"), "{}", text.stdout);
    let zh = common::run_in(fixtures(), &["--lang", "zh-CN", "import.pkr.hcl"], b"", &[]);
    assert!(
        zh.stdout.contains("环境变量 `ALICLOUD_REGION`"),
        "{}",
        zh.stdout
    );
}

fn packer_works() -> bool {
    Command::new("packer")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `packer validate -syntax-only` on a template (and `packer fmt -check` on HCL).
fn assert_packer_accepts(dir: &Path, file: &str) {
    if !packer_works() {
        eprintln!("packer is not installed: the template checks are skipped");
        return;
    }
    let run = |args: &[&str]| {
        let out = Command::new("packer")
            .args(args)
            .env("CHECKPOINT_DISABLE", "1")
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "packer {args:?}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["validate", "-syntax-only", file]);
    if file.ends_with(".pkr.hcl") {
        run(&["fmt", "-check", file]);
    }
}

/// Packer itself accepts every fixture as it is.
#[test]
fn packer_accepts_the_fixtures() {
    for f in FILES {
        assert_packer_accepts(fixtures(), f);
    }
}

/// `--diff` shows and `--fix` writes the certain fixes where the values are written (an
/// HCL string stays one, a JSON string stays one); Packer accepts what it writes, and the
/// fixed templates lint without those findings.
#[test]
fn fixes_are_written_where_the_values_are_and_packer_accepts_them() {
    let d = common::scratch("packer", "fix");
    for f in FILES {
        std::fs::copy(fixtures().join(f), d.join(f)).unwrap();
    }
    let diff = common::run_in(&d, &["--diff", "import.pkr.hcl"], b"", &[]);
    assert!(
        diff.stdout
            .contains("-    image_architecture = \"X86_64\"\n+    image_architecture = \"x86_64\""),
        "{}",
        diff.stdout
    );
    for f in FILES {
        let before = std::fs::read_to_string(d.join(f)).unwrap();
        common::run_in(&d, &["--fix", f], b"", &[]);
        let after = std::fs::read_to_string(d.join(f)).unwrap();
        assert_ne!(before, after, "{f}: nothing was fixed");
        assert_packer_accepts(&d, f);
    }
    let hcl = std::fs::read_to_string(d.join("import.pkr.hcl")).unwrap();
    assert!(hcl.contains("image_architecture = \"x86_64\""), "{hcl}");
    assert!(hcl.contains("image_os_type      = \"Linux\""), "{hcl}");
    let legacy = std::fs::read_to_string(d.join("legacy.json")).unwrap();
    assert!(legacy.contains("\"format\": \"VHD\""), "{legacy}");
    let r = common::run_in(&d, &["--format", "json", "legacy.json"], b"", &[]);
    assert!(!r.stdout.contains("enum-letter-case"), "{}", r.stdout);
}

/// A folder walk finds `.pkr.hcl`, `.pkr.json` and any other JSON file that is a Packer
/// template holding an `alicloud-import` post-processor, and passes other JSON files by
/// (`package.json`, a template without one).
#[test]
fn the_folder_walk_finds_templates_and_only_them() {
    let d = common::scratch("packer", "walk");
    for f in FILES {
        std::fs::copy(fixtures().join(f), d.join(f)).unwrap();
    }
    std::fs::write(
        d.join("package.json"),
        r#"{"name": "x", "version": "1.0.0"}"#,
    )
    .unwrap();
    std::fs::write(
        d.join("other.json"),
        r#"{"builders": [], "post-processors": ["compress"]}"#,
    )
    .unwrap();
    let r = common::run_in(&d, &["--format", "json", "."], b"", &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let mut files: Vec<String> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|rep| rep["path"].as_str().unwrap_or("").replace('\\', "/"))
        .collect();
    files.dedup();
    assert_eq!(
        files,
        ["./hcl.pkr.json", "./import.pkr.hcl", "./legacy.json"],
        "{}",
        r.stdout
    );
}

/// A template that is not HCL is one `invalid-input` error where the parser stopped, with
/// no secret of it in the excerpt; one without an `alicloud-import` post-processor holds
/// no request.
#[test]
fn broken_and_empty_templates() {
    let d = common::scratch("packer", "broken");
    std::fs::write(
        d.join("broken.pkr.hcl"),
        "build {\n  post-processor \"alicloud-import\" {\n    secret_key = \"Qz7Lm2Wx9Pk4\"\n    image_name = \n",
    )
    .unwrap();
    std::fs::write(d.join("none.pkr.hcl"), "build {\n  sources = []\n}\n").unwrap();
    for lang in ["en", "zh-CN"] {
        let r = common::run_in(&d, &["--lang", lang, "broken.pkr.hcl"], b"", &[]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stdout.contains("invalid-input"), "{}", r.stdout);
        assert!(r.stdout.contains("Packer"), "{}", r.stdout);
        assert!(!r.stdout.contains("Qz7Lm"), "{}", r.stdout);
    }
    let r = common::run_in(&d, &["--format", "json", "none.pkr.hcl"], b"", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json(), serde_json::json!([]));
}

/// What Packer decodes before the plugin sees it: a number in its shortest spelling (`40.0`
/// and `4e1` are `40`: cty's `Text('f', -1)`, mapstructure's `FormatFloat`), a boolean as
/// `true` in HCL (and its JSON syntax) but `1` in a legacy template; with `profile`, the
/// region is the profile's `region_id` (access_config.go, `Client`): unknown, a note.
#[test]
fn values_as_packer_decodes_them() {
    let d = common::scratch("packer", "decode");
    std::fs::write(
        d.join("numbers.pkr.hcl"),
        "build {\n  post-processor \"alicloud-import\" {\n    region            = \"cn-hangzhou\"\n    oss_bucket_name   = \"packer\"\n    image_system_size = 40.0\n  }\n  post-processor \"alicloud-import\" {\n    region            = \"cn-hangzhou-x\"\n    profile           = \"prod\"\n    oss_bucket_name   = \"packer\"\n    image_system_size = 4e1\n  }\n}\n",
    )
    .unwrap();
    std::fs::write(
        d.join("bools.pkr.json"),
        r#"{"build": {"post-processor": {"alicloud-import": [
  {"region": "cn-hangzhou", "oss_bucket_name": "packer", "image_description": true, "image_system_size": 1E2},
  {"region": "cn-hangzhou", "oss_bucket_name": "packer", "image_name": true}
]}}}"#,
    )
    .unwrap();
    std::fs::write(
        d.join("legacy.json"),
        r#"{"post-processors": [{"type": "alicloud-import", "region": "cn-hangzhou", "oss_bucket_name": "packer", "image_description": true}]}"#,
    )
    .unwrap();
    let r = common::run_in(
        &d,
        &[
            "--format",
            "json",
            "numbers.pkr.hcl",
            "bools.pkr.json",
            "legacy.json",
        ],
        b"",
        &[],
    );
    let json = r.json();
    let reports = json.as_array().unwrap();
    let eff = |i: usize, name: &str| reports[i]["effective"][name]["value"].clone();
    assert_eq!(eff(0, "DiskDeviceMapping.1.DiskImageSize"), "40");
    assert_eq!(eff(1, "DiskDeviceMapping.1.DiskImageSize"), "40");
    assert!(!r.stdout.contains("disk-image-size"), "{}", r.stdout);
    // The profile's region is sent, not the one written: no judgement of "cn-hangzhou-x".
    assert!(!r.stdout.contains("region-id-unknown"), "{}", r.stdout);
    assert!(
        reports[1]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["param"] == "RegionId"
                && x["message"].as_str().unwrap().contains("region_id")),
        "{}",
        r.stdout
    );
    // Each body of an array-form block is its own request, at its own line.
    assert_eq!(reports[2]["line"], 2);
    assert_eq!(reports[3]["line"], 3);
    assert_eq!(eff(2, "Description"), "true");
    assert_eq!(eff(2, "DiskDeviceMapping.1.DiskImageSize"), "100");
    assert_eq!(eff(3, "ImageName"), "true");
    assert_eq!(eff(4, "Description"), "1");
}

/// A template named like a request file is still a template; a JSON file whose root is
/// not an object is no template; a suppression above `post-processors {` covers the
/// sequence.
#[test]
fn names_roots_and_sequences() {
    let d = common::scratch("packer", "names");
    std::fs::copy(
        fixtures().join("hcl.pkr.json"),
        d.join("import-image.pkr.json"),
    )
    .unwrap();
    std::fs::copy(
        fixtures().join("legacy.json"),
        d.join("web.import-image.json"),
    )
    .unwrap();
    let r = common::run_in(
        &d,
        &[
            "--format",
            "json",
            "import-image.pkr.json",
            "web.import-image.json",
        ],
        b"",
        &[],
    );
    assert!(!r.stdout.contains("unknown-parameter"), "{}", r.stdout);
    assert_eq!(r.json().as_array().unwrap().len(), 3, "{}", r.stdout);
    std::fs::write(
        d.join("list.json"),
        r#"[{"post-processors": [{"type": "alicloud-import", "image_name": "a b"}]}]"#,
    )
    .unwrap();
    let walk = common::run_in(&d, &["--format", "json", "."], b"", &[]);
    assert!(!walk.stdout.contains("list.json"), "{}", walk.stdout);
    std::fs::write(
        d.join("seq.pkr.hcl"),
        "build {\n  # importimage-lint: ignore[enum-letter-case]\n  post-processors {\n    post-processor \"alicloud-import\" {\n      region          = \"cn-hangzhou\"\n      image_os_type   = \"linux\"\n      oss_bucket_name = \"packer\"\n    }\n  }\n}\n",
    )
    .unwrap();
    let seq = common::run_in(&d, &["--format", "json", "seq.pkr.hcl"], b"", &[]);
    assert!(!seq.stdout.contains("enum-letter-case"), "{}", seq.stdout);
}

/// A post-processor runs once per build source (per builder in a legacy template): with a
/// literal `image_name` and two sources, the second import meets the first image's name
/// (post-processor.go refuses it: "Duplicated image exists"). `only`/`except` limit the
/// runs, which are then not counted; a name that differs per source is not literal.
#[test]
fn a_post_processor_runs_once_per_source() {
    let d = common::scratch("packer", "runs");
    let pp = |extra: &str, name: &str| {
        format!("  post-processor \"alicloud-import\" {{\n    region          = \"cn-hangzhou\"\n    oss_bucket_name = \"packer\"\n    image_name      = \"{name}\"\n{extra}  }}\n")
    };
    let hcl = format!(
        "build {{\n  sources = [\"source.null.a\", \"source.null.b\"]\n{}{}{}}}\n",
        pp("", "web-base"),
        pp("    only            = [\"null.a\"]\n", "web-only"),
        pp("", "web-${source.name}"),
    );
    std::fs::write(d.join("two.pkr.hcl"), hcl).unwrap();
    std::fs::write(
        d.join("two.json"),
        r#"{"builders": [{"type": "null", "name": "a"}, {"type": "null", "name": "b"}],
"post-processors": [{"type": "alicloud-import", "region": "cn-hangzhou", "oss_bucket_name": "packer", "image_name": "web-legacy"}]}"#,
    )
    .unwrap();
    for lang in ["en", "zh-CN"] {
        let r = common::run_in(
            &d,
            &[
                "--lang",
                lang,
                "--format",
                "json",
                "two.pkr.hcl",
                "two.json",
            ],
            b"",
            &[],
        );
        let json = r.json();
        let dup: Vec<(u64, String)> = json
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|rep| {
                let line = rep["line"].as_u64().unwrap();
                rep["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|x| x["rule"] == "duplicate-image-name")
                    .map(move |x| (line, x["message"].as_str().unwrap().to_owned()))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(dup.len(), 2, "{dup:?}");
        assert_eq!((dup[0].0, dup[1].0), (3, 2), "{dup:?}");
        let words = if lang == "en" {
            "2 sources"
        } else {
            "2 个源"
        };
        assert!(dup.iter().all(|(_, m)| m.contains(words)), "{dup:?}");
    }
}
