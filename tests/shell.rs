//! Shell scripts read as bash runs them and as the aliyun CLI parses what bash passes it,
//! through the command line. The fixtures (`tests/fixtures/shell/`) name, in comments, the
//! aliyun-cli source (github.com/aliyun/aliyun-cli) or the bash manual section each form
//! comes from. Where bash is installed, it is the judge of the words: each fixture runs
//! under bash with a stub `aliyun` on PATH that records its arguments, and the values the
//! linter read must be the ones bash passed; `bash -n` accepts what `--fix` writes.

mod common;

use std::path::Path;
use std::process::Command;

use common::{findings, set, Run};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Run {
    common::run_in(root(), args, b"", &[("NO_COLOR", "1")])
}

fn has_bash() -> bool {
    Command::new("bash").arg("--version").output().is_ok()
}

/// The argument lists bash passed to `aliyun` when running `script`: a stub on PATH
/// records each call.
fn bash_calls(script: &Path) -> Vec<Vec<String>> {
    let d = common::scratch(
        "shell",
        &format!("stub-{}", script.file_stem().unwrap().to_string_lossy()),
    );
    let log = d.join("calls");
    let stub = d.join("aliyun");
    std::fs::write(
        &stub,
        "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\" >> \"$ALIYUN_CALLS\"; done\nprintf '\\001' >> \"$ALIYUN_CALLS\"\n",
    )
    .unwrap();
    Command::new("chmod").arg("+x").arg(&stub).status().unwrap();
    let path = format!(
        "{}:{}",
        d.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let status = Command::new("bash")
        .arg(script)
        .env("PATH", path)
        .env("HOME", d.path())
        .env("ALIYUN_CALLS", &log)
        .current_dir(&d)
        .status()
        .unwrap();
    assert!(status.success(), "bash runs {}", script.display());
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    text.split('\u{1}')
        .filter(|c| !c.is_empty())
        .map(|c| {
            c.split('\0')
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect()
        })
        .collect()
}

/// The value a call passed for `--ImageName` (or the plugin's `--image-name`), in any of
/// the separators the CLI takes.
fn image_name(call: &[String]) -> Option<String> {
    for (i, a) in call.iter().enumerate() {
        for flag in ["--ImageName", "--image-name"] {
            if a == flag {
                return call.get(i + 1).cloned();
            }
            if let Some(v) = a
                .strip_prefix(flag)
                .and_then(|r| r.strip_prefix(['=', ':']))
            {
                // Nothing after the separator: the CLI takes the next word.
                return if v.is_empty() {
                    call.get(i + 1).cloned()
                } else {
                    Some(v.to_owned())
                };
            }
        }
    }
    None
}

/// The ImageName each request of a JSON run was read with, where it was written literally.
fn read_names(r: &Run) -> Vec<Option<String>> {
    r.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|rep| {
            let e = &rep["effective"]["ImageName"];
            (e["source"] == "given").then(|| e["value"].as_str().unwrap().to_owned())
        })
        .collect()
}

#[test]
fn aliyun_commands_are_read_as_the_cli_parses_them() {
    let r = run(&["--format", "json", "tests/fixtures/shell/cli-forms.sh"]);
    assert_eq!(
        findings(&r),
        set(&[
            // Global flags before the product and between product and API: read.
            (5, 5, "image-name-characters", "ImageName"),
            (8, 8, "image-name-characters", "ImageName"),
            // -p and `--Name:value`.
            (11, 11, "image-name-characters", "ImageName"),
            // --region is RegionId, though --RegionId is also given.
            (14, 14, "region-id-unknown", "RegionId"),
            // $'tab\there' holds a real tab.
            (17, 17, "image-name-characters", "ImageName"),
            // --output took both words: nothing left over (20: no finding).
            // An unknown parameter: refused by the CLI; with --force, only unknown.
            (23, 23, "invalid-input", "ImageNmae"),
            (23, 23, "unknown-parameter", "ImageNmae"),
            (25, 25, "unknown-parameter", "ImageNmae"),
            // A flag twice; a flag without its value.
            (28, 28, "invalid-input", "-"),
            (30, 30, "invalid-input", "-"),
            (30, 30, "value-not-literal", "RegionId"),
            // The plugin form: scalars by their kebab names, the structured one noted.
            (33, 33, "image-name-characters", "ImageName"),
            (33, 33, "enum-letter-case", "OSType"),
            (33, 34, "value-not-literal", "DiskDeviceMapping"),
            // --Name-FILE is not known here; `--ImageName=` took the next word.
            (37, 37, "image-name-characters", "ImageName"),
            (37, 37, "value-not-literal", "Description"),
        ])
    );
    assert_eq!(r.json().as_array().unwrap().len(), 12);
    let text = run(&["tests/fixtures/shell/cli-forms.sh"]).stdout;
    for m in [
        "the aliyun CLI refuses this command: ImportImage has no parameter ImageNmae",
        "the aliyun CLI refuses this command: `--region` is given twice",
        "the aliyun CLI refuses this command: `--RegionId` needs a value",
    ] {
        assert!(text.contains(m), "{m}:\n{text}");
    }
    let zh = run(&["--lang", "zh-CN", "tests/fixtures/shell/cli-forms.sh"]).stdout;
    assert!(zh.contains("aliyun 命令行会拒绝此命令"), "{zh}");
}

/// The values the linter read are the ones bash passes to the CLI.
#[test]
fn the_words_are_the_ones_bash_passes() {
    if !has_bash() {
        eprintln!("bash is not installed: skipped");
        return;
    }
    for (fixture, skip) in [
        ("cli-forms.sh", &[][..]),
        ("heredocs.sh", &[][..]),
        // xargs' `{}` is replaced for each input line: not read (a note), skipped here.
        ("pipelines.sh", &[0, 1][..]),
    ] {
        let path = root().join("tests/fixtures/shell").join(fixture);
        let calls = bash_calls(&path);
        let passed: Vec<Option<String>> = calls
            .iter()
            .enumerate()
            .filter(|(i, _)| !skip.contains(i))
            .map(|(_, c)| image_name(c))
            .collect();
        let r = run(&["--format", "json", path.to_str().unwrap()]);
        let read: Vec<Option<String>> = read_names(&r)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !(fixture == "pipelines.sh" && *i == 0))
            .map(|(_, n)| n)
            .collect();
        assert_eq!(read, passed, "{fixture}: bash passed {calls:?}");
    }
}

#[test]
fn here_documents_are_data_never_commands_or_comments() {
    let r = run(&["--format", "json", "tests/fixtures/shell/heredocs.sh"]);
    // One request: the example in the usage text, the tab-stripped body and the here-string
    // are not commands; the apostrophe in "It'll" breaks nothing; the suppression comment
    // inside a here-document silences nothing.
    assert_eq!(
        findings(&r),
        set(&[(13, 13, "image-name-characters", "ImageName")])
    );
}

#[test]
fn placeholders_comment_continuations_and_printed_commands_are_not_values() {
    let r = run(&["--format", "json", "tests/fixtures/shell/pipelines.sh"]);
    assert_eq!(
        findings(&r),
        set(&[
            (4, 4, "value-not-literal", "ImageName"),
            (4, 5, "value-not-literal", "DiskDeviceMapping.1.OSSObject"),
            // `# comment` in backquotes: the next flags are still read.
            (6, 7, "image-name-characters", "ImageName"),
        ])
    );
    // The commands that echo and grep print or search the words: two requests only.
    assert_eq!(r.json().as_array().unwrap().len(), 2);
}

fn scratch_with(name: &str, files: &[(&str, &str)]) -> common::Scratch {
    let d = common::scratch("shell", name);
    for (f, text) in files {
        let p = d.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    d
}

const COMMAND: &str = "aliyun ecs ImportImage --RegionId cn-hangzhou --ImageName 'a b' --DiskDeviceMapping.1.OSSBucket ecsimageos --DiskDeviceMapping.1.OSSObject a.raw\n";

/// A script without an extension is found by its `#!` line, as the README says; a
/// Makefile is never linted as a request: named, it is refused with a note.
#[test]
fn extensionless_scripts_are_found_and_makefiles_refused() {
    let d = scratch_with(
        "walk",
        &[
            (
                "bin/import-images",
                &format!("#!/usr/bin/env bash\n{COMMAND}"),
            ),
            ("bin/notes", &format!("just text\n{COMMAND}")),
            ("Makefile", &format!("import:\n\t{COMMAND}")),
            ("images.mk", &format!("import:\n\t{COMMAND}")),
        ],
    );
    let r = common::run_in(&d, &["--format", "json", "."], b"", &[]);
    let paths: Vec<String> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths, ["./bin/import-images"]);
    for make in ["Makefile", "images.mk"] {
        let r = common::run_in(&d, &["--format", "json", make], b"", &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.json().as_array().unwrap().len(), 0, "no report");
        assert!(
            r.stderr.contains(&format!(
                "{make}: not read: a Makefile's recipes are make's language"
            )),
            "{}",
            r.stderr
        );
    }
}

/// `--fix` on every shell fixture writes a script `bash -n` accepts.
#[test]
fn fixed_scripts_are_still_valid_bash() {
    let d = common::scratch("shell", "fix");
    for f in [
        "cli-forms.sh",
        "heredocs.sh",
        "pipelines.sh",
        "import-images.sh",
    ] {
        std::fs::copy(root().join("tests/fixtures/shell").join(f), d.join(f)).unwrap();
        let before = std::fs::read_to_string(d.join(f)).unwrap();
        let r = common::run_in(&d, &["--fix", f], b"", &[]);
        assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
        let after = std::fs::read_to_string(d.join(f)).unwrap();
        if f == "cli-forms.sh" {
            assert!(after != before, "the kebab form's --os-type is fixed");
            assert!(after.contains("--os-type Linux"), "{after}");
        }
        if has_bash() {
            let ok = Command::new("bash")
                .arg("-n")
                .arg(d.join(f))
                .status()
                .unwrap();
            assert!(ok.success(), "bash -n refuses the fixed {f}:\n{after}");
        }
    }
}
