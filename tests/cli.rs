//! The command-line tool, through the binary itself: snapshots of exit code, stdout and
//! stderr for every format and mode.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{run_in, Run};

fn run_env(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Run {
    run_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        args,
        stdin.unwrap_or_default(),
        env,
    )
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    run_env(args, stdin, &[])
}

fn shown(r: &Run) -> String {
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        r.code, r.stdout, r.stderr
    )
}

const BAD: &str = "examples/bad-import-image.json";
const GOOD: &str = "examples/import-image.json";

#[test]
fn text_for_a_bad_file() {
    let r = run(&[BAD], None);
    assert_eq!(r.code, 1);
    assert!(r
        .stdout
        .contains("examples/bad-import-image.json:3:16: error[image-name-characters]"));
    insta::assert_snapshot!(shown(&r));
}

#[test]
fn text_for_a_good_file() {
    let r = run(&[GOOD], None);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!(shown(&r));
}

#[test]
fn colour_follows_flag_then_force_color_then_no_color() {
    let esc = |r: &Run| r.stdout.contains('\u{1b}');
    assert!(esc(&run(&["--color", "always", BAD], None)));
    assert!(!esc(&run(&["--color", "never", BAD], None)));
    assert!(!esc(&run(&[BAD], None)), "not a terminal: no colour");
    assert!(esc(&run_env(&[BAD], None, &[("FORCE_COLOR", "1")])));
    assert!(!esc(&run_env(&[BAD], None, &[("NO_COLOR", "1")])));
    assert!(esc(&run_env(
        &[BAD],
        None,
        &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]
    )));
    assert!(!esc(&run_env(
        &["--color", "never", BAD],
        None,
        &[("FORCE_COLOR", "1")]
    )));
    insta::assert_snapshot!(shown(&run(&["--color", "always", BAD], None)));
}

/// Standard input is a file like any other: the same array of file reports, each the
/// library's report with its path.
#[test]
fn json_on_stdin_is_the_library_report_with_its_path() {
    let input = std::fs::read(BAD_PATH()).unwrap();
    let r = run(&["--format", "json", "-"], Some(&input));
    assert_eq!(r.code, 1);
    let mut expected = serde_json::to_value(importimage_lint::lint_bytes(&input)).unwrap();
    expected
        .as_object_mut()
        .unwrap()
        .insert("path".into(), "-".into());
    let got: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(got, serde_json::Value::Array(vec![expected]));
}

#[allow(non_snake_case)]
fn BAD_PATH() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(BAD)
}

#[test]
fn json_for_files_is_an_array_with_paths() {
    let r = run(&["--format", "json", GOOD], None);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["path"], GOOD);
    assert_eq!(v[0]["valid"], true);
    let r = run(&["--format", "json", GOOD, BAD], None);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(r.code, 1);
}

#[test]
fn a_folder_is_walked_for_request_files() {
    let r = run(&["--format", "json", "tests/fixtures/pass"], None);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let paths: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 6, "{paths:?}");
    assert!(paths.iter().all(|p| p.starts_with("tests/fixtures/pass/")));
    assert_eq!(r.code, 0);
}

#[test]
fn sarif_output() {
    let r = run(&["--format", "sarif", BAD], None);
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run0 = &v["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), importimage_lint::Rule::ALL.len());
    let first = &run0["results"][0];
    assert_eq!(first["ruleId"], "image-name-characters");
    assert_eq!(
        first["properties"]["apiErrorCode"],
        "InvalidImageName.Malformed"
    );
    assert_eq!(
        first["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
    assert_eq!(
        rules[first["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "image-name-characters"
    );
}

#[test]
fn json_and_sarif_snapshots() {
    let j = run(&["--format", "json", BAD], None);
    assert_eq!(j.code, 1);
    insta::assert_snapshot!(shown(&j));
    let s = run(&["--format", "sarif", BAD], None);
    // The base URI is the folder the test ran in: the one line that differs per machine.
    let s = shown(&s).replace(env!("CARGO_PKG_VERSION"), "VERSION");
    let s: Vec<String> = s
        .lines()
        .map(|l| match l.find("\"uri\": \"file://") {
            Some(i) => format!("{}\"uri\": \"file:///SRCROOT/\"", &l[..i]),
            None => l.to_string(),
        })
        .collect();
    insta::assert_snapshot!(s.join("\n"));
}

#[test]
fn github_annotations() {
    let r = run(&["--format", "github", BAD], None);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!(shown(&r));
}

#[test]
fn ndjson_streams_one_report_per_line_and_finds_duplicates() {
    let r = run(
        &[
            "--ndjson",
            "--format",
            "json",
            "tests/fixtures/batch.ndjson",
        ],
        None,
    );
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "the blank line is skipped");
    // Each line is the library's report (Report::to_json) after its path and line, in the
    // order serde's flatten gave.
    let linter = importimage_lint::Linter::default();
    let mut batch = linter.batch();
    let inputs = std::fs::read_to_string("tests/fixtures/batch.ndjson").unwrap();
    let written: Vec<&str> = r.stdout.lines().collect();
    for ((n, input), line) in inputs
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .zip(&written)
    {
        let report = batch.lint_str(input).to_json();
        let want = format!(
            "{{\"path\":\"tests/fixtures/batch.ndjson\",\"line\":{},{}",
            n + 1,
            &report[1..]
        );
        assert_eq!(*line, want);
    }
    let numbers: Vec<u64> = lines.iter().map(|l| l["line"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 4, 5], "each report says its input line");
    assert!(lines
        .iter()
        .all(|l| l["path"] == "tests/fixtures/batch.ndjson"));
    assert_eq!(lines[1]["diagnostics"][0]["rule"], "duplicate-image-name");
    assert_eq!(lines[2]["valid"], true, "same name, other region");
    assert_eq!(lines[3]["diagnostics"][0]["rule"], "invalid-input");
    assert_eq!(r.code, 1);
    let input = std::fs::read("tests/fixtures/batch.ndjson").unwrap();
    let t = run(
        &["--ndjson", "--stdin-filename", "batch.ndjson", "-"],
        Some(&input),
    );
    insta::assert_snapshot!(shown(&t));
}

#[test]
fn duplicates_across_files() {
    let dir = tempdir();
    let a = r#"{"RegionId": "cn-hangzhou", "ImageName": "web", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#;
    std::fs::write(dir.join("a.import-image.json"), a).unwrap();
    std::fs::write(dir.join("b.import-image.json"), a).unwrap();
    let r = run(&["--format", "json", dir.to_str().unwrap()], None);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v[1]["diagnostics"][0]["rule"], "duplicate-image-name");
    assert_eq!(r.code, 0, "a warning only");
    assert_eq!(
        run(&["--deny-warnings", dir.to_str().unwrap()], None).code,
        1
    );
}

#[test]
fn rules_and_explain() {
    let r = run(&["rules"], None);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!(shown(&r));
    let j = run(&["rules", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        importimage_lint::Rule::ALL.len()
    );
    let e = run(&["explain", "image-name-length"], None);
    assert_eq!(e.code, 0);
    insta::assert_snapshot!(shown(&e));
    let bad = run(&["explain", "image-name-lenght"], None);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("did you mean `image-name-length`?"),
        "{}",
        bad.stderr
    );
}

/// A fresh folder, removed when the test ends, passed or failed, unless
/// IMPORTIMAGE_LINT_KEEP_SCRATCH is set (for debugging; see `common::Scratch`).
fn tempdir() -> common::Scratch {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    common::Scratch::new(std::env::temp_dir().join(format!(
        "importimage-lint-cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )))
}

#[test]
fn fix_rewrites_only_the_fixed_values() {
    let dir = tempdir();
    let json = "{\n  \"RegionId\": \"cn-hangzhou\",\n  \"OSType\": \"linux\",\n  \"Platform\":   \"centos\" ,\n  \"DiskDeviceMapping\": [{\"OSSBucket\": \"oss://ecsimageos/c7.qcow2\", \"OSSObject\": \"/c7.qcow2\", \"DiskImageSize\": \"40 GiB\"}]\n}\n";
    let path = dir.join("x.import-image.json");
    std::fs::write(&path, json).unwrap();
    let p = path.to_str().unwrap();
    let d = run(&["--diff", p], None);
    assert_eq!(d.code, 1);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        json,
        "--diff writes nothing"
    );
    insta::assert_snapshot!(shown(&d).replace(p, "x.import-image.json"));
    let f = run(&["--fix", p], None);
    assert_eq!(f.code, 0, "{}", shown(&f));
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        json.replace("\"linux\"", "\"Linux\"")
            .replace("\"centos\"", "\"CentOS\"")
            .replace("oss://ecsimageos/c7.qcow2", "ecsimageos")
            .replace("\"/c7.qcow2\"", "\"c7.qcow2\"")
            .replace("\"40 GiB\"", "\"40\"")
    );
    let query = "Action=ImportImage&RegionId=cn-hangzhou&OSType=windows&Platform=Windows+Server+2012&DiskDeviceMapping.1.OSSBucket=%20ecsimageos&DiskDeviceMapping.1.OSSObject=w.vhd\n";
    let qpath = dir.join("y.import-image.query");
    std::fs::write(&qpath, query).unwrap();
    let q = run(&["--fix", qpath.to_str().unwrap()], None);
    assert_eq!(q.code, 0, "{}", shown(&q));
    assert_eq!(
        std::fs::read_to_string(&qpath).unwrap(),
        query
            .replace("OSType=windows", "OSType=Windows")
            .replace("OSSBucket=%20ecsimageos", "OSSBucket=ecsimageos")
    );
}

#[test]
fn exit_codes_and_selection() {
    assert_eq!(run(&["--exit-zero", BAD], None).code, 0);
    let only = run(
        &["--format", "json", "--select", "disk-image-size", BAD],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&only.stdout).unwrap();
    let rules: Vec<&str> = v[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["disk-image-size"]);
    let ignored = run(
        &[
            "--format",
            "json",
            "--ignore",
            "image-name-characters,disk-image-size",
            BAD,
        ],
        None,
    );
    assert!(!ignored.stdout.contains("image-name-characters"));
    let typo = run(&["--select", "disk-image-sise", BAD], None);
    assert_eq!(typo.code, 2);
    assert!(typo.stderr.contains("did you mean `disk-image-size`?"));
    assert_eq!(run(&["--profile", "2030", BAD], None).code, 2);
    assert_eq!(run(&["--no-such-flag"], None).code, 2);
}

#[test]
fn io_problems() {
    let missing = run(&["no/such/file.json"], None);
    assert_eq!(missing.code, 2);
    assert!(missing
        .stderr
        .contains("no/such/file.json: no such file or folder"));
    let empty = tempdir();
    let r = run(&[empty.to_str().unwrap()], None);
    assert_eq!(r.code, 0, "a folder without request files is a warning");
    assert!(r.stderr.contains("warning") && r.stderr.contains("no request files in this folder"));
    let bad_utf8 = empty.join("bad.import-image.json");
    std::fs::write(&bad_utf8, b"{\"RegionId\": \"cn-\xffhangzhou\"}").unwrap();
    let u = run(&[bad_utf8.to_str().unwrap()], None);
    assert_eq!(
        u.code, 1,
        "an unreadable request is a diagnostic, not an I/O failure"
    );
    assert!(
        u.stdout
            .contains(":1:18: error[invalid-input] the input is not UTF-8: byte 17"),
        "{}",
        u.stdout
    );
    let stdin = run(&["--format", "json", "-"], Some(b"\xfe\xff"));
    assert_eq!(stdin.code, 1);
    assert!(stdin.stdout.contains("not UTF-8"));
}

#[test]
fn hostile_values_never_reach_the_terminal_raw() {
    let dir = tempdir();
    let path = dir.join("evil.import-image.query");
    std::fs::write(
        &path,
        "Action=ImportImage&RegionId=cn-hangzhou&ImageName=x\u{1b}[2J\u{1b}]0;owned\u{7}&Description=safe\u{202E}gpj.exe\u{200B}&\u{1b}[31mKey=1&DiskDeviceMapping.1.OSSBucket=ecsimageos&DiskDeviceMapping.1.OSSObject=a.raw",
    )
    .unwrap();
    for format in ["text", "github", "json", "sarif"] {
        let r = run(&["--format", format, path.to_str().unwrap()], None);
        assert_eq!(r.code, 1, "{format}");
        for raw in ['\u{1b}', '\u{7}', '\u{202E}', '\u{200B}'] {
            assert!(!r.stdout.contains(raw), "{format} output holds raw {raw:?}");
        }
        assert!(
            r.stdout.contains("202E") || r.stdout.contains("202e"),
            "{format} shows the bidi character escaped"
        );
    }
    let text = run(&[path.to_str().unwrap()], None);
    insta::assert_snapshot!(shown(&text).replace(path.to_str().unwrap(), "evil.import-image.query"));
}

#[test]
fn help_explains_the_tool() {
    let r = run(&["--help"], None);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!(r.stdout);
}

/// `--fix` replaces a file through a temporary file in its folder: the mode, the byte
/// order mark and the line endings stay, no temporary file is left behind.
#[test]
fn fix_keeps_mode_bom_and_line_endings() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let path = dir.join("w.import-image.json");
    let text = "\u{FEFF}{\r\n  \"RegionId\": \"cn-hangzhou\",\r\n  \"OSType\": \"linux\",\r\n  \"DiskDeviceMapping.1.OSSBucket\": \"ecsimageos\",\r\n  \"DiskDeviceMapping.1.OSSObject\": \"a.raw\"\r\n}\r\n";
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let r = run(&["--fix", path.to_str().unwrap()], None);
    assert_eq!(r.code, 0, "{}", shown(&r));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text.replace("\"linux\"", "\"Linux\"")
    );
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
}

/// A request file that is a symbolic link is fixed in its target; the link stays a link.
#[test]
fn fix_writes_through_a_symlink() {
    let dir = tempdir();
    let target = dir.join("real.json");
    let link = dir.join("link.import-image.json");
    std::fs::write(&target, "{\"RegionId\": \"cn-hangzhou\", \"OSType\": \"linux\", \"DiskDeviceMapping.1.OSSBucket\": \"ecsimageos\", \"DiskDeviceMapping.1.OSSObject\": \"a.raw\"}").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let r = run(&["--fix", link.to_str().unwrap()], None);
    assert_eq!(r.code, 0, "{}", shown(&r));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .contains("\"Linux\""));
}

/// A FIFO named like a request file is not read when a folder is walked (it would block).
#[test]
fn a_fifo_in_a_folder_is_skipped() {
    let dir = tempdir();
    std::fs::write(
        dir.join("a.import-image.json"),
        std::fs::read(GOOD).unwrap(),
    )
    .unwrap();
    let fifo = dir.join("b.import-image.json");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_importimage-lint"))
        .args(["--format", "json", dir.to_str().unwrap()])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(start.elapsed().as_secs() < 20, "the CLI hangs on a FIFO");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "only the regular file");
}

/// `--diff` is a unified diff that `git apply` accepts, CRLF files included, and it shows
/// line endings as git does (no escaped carriage returns).
#[test]
fn diff_is_a_patch_git_applies() {
    let dir = tempdir();
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap()
    };
    git(&["init", "-q"]);
    let name = "crlf.import-image.json";
    let text = "{\r\n  \"RegionId\": \"cn-hangzhou\",\r\n  \"OSType\": \"linux\",\r\n  \"Platform\": \"centos\",\r\n  \"DiskDeviceMapping.1.OSSBucket\": \"ecsimageos\",\r\n  \"DiskDeviceMapping.1.OSSObject\": \"a.raw\"\r\n}";
    std::fs::write(dir.join(name), text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_importimage-lint"))
        .args(["--diff", name])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let patch = String::from_utf8(out.stdout).unwrap();
    assert!(!patch.contains("\\u{D}"), "{patch}");
    assert!(
        patch.starts_with(&format!("--- a/{name}\n+++ b/{name}\n@@ ")),
        "{patch}"
    );
    std::fs::write(dir.join("fix.patch"), &patch).unwrap();
    let check = git(&["apply", "--check", "fix.patch"]);
    assert!(
        check.status.success(),
        "{}\n{patch}",
        String::from_utf8_lossy(&check.stderr)
    );
    let apply = git(&["apply", "fix.patch"]);
    assert!(apply.status.success());
    let fixed = std::fs::read_to_string(dir.join(name)).unwrap();
    assert_eq!(
        fixed,
        text.replace("\"linux\"", "\"Linux\"")
            .replace("\"centos\"", "\"CentOS\"")
    );
}

/// Credential values never reach any output: text (with and without colour), JSON, SARIF,
/// GitHub annotations, stdin, NDJSON, --diff, and the role command.
#[test]
fn credentials_are_masked_in_every_output() {
    let secrets = [
        "AKID-1a2b3c4d5e",
        "SIG-9z8y7x6w",
        "STS-q1w2e3r4",
        "BEARER-p0o9i8",
        "SECRET-m5n6b7",
    ];
    let line = format!(
        r#"{{"RegionId": "cn-hangzhou", "ImageName": "a b", "OSType": "linux", "AccessKeyId": "{}", "Signature": "{}", "SecurityToken": "{}", "BearerToken": "{}", "AccessKeySecret": "{}", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw"}}"#,
        secrets[0], secrets[1], secrets[2], secrets[3], secrets[4]
    );
    let query = format!(
        "RegionId=cn-hangzhou&ImageName=a+b&AccessKeyId={}&Signature={}&SecurityToken={}&DiskDeviceMapping.1.OSSBucket=ecsimageos&DiskDeviceMapping.1.OSSObject=a.raw",
        secrets[0], secrets[1], secrets[2]
    );
    let dir = tempdir();
    let file = dir.join("s.import-image.json");
    std::fs::write(&file, &line).unwrap();
    let qfile = dir.join("s.import-image.query");
    std::fs::write(&qfile, &query).unwrap();
    let nd = dir.join("batch.ndjson");
    std::fs::write(&nd, format!("{line}\n{line}\n")).unwrap();
    let (f, q, n) = (
        file.to_str().unwrap(),
        qfile.to_str().unwrap(),
        nd.to_str().unwrap(),
    );
    let mut runs = Vec::new();
    for format in ["text", "json", "sarif", "github"] {
        runs.push(run(&["--format", format, f, q], None));
        runs.push(run(&["--format", format, "-"], Some(line.as_bytes())));
        runs.push(run(&["--format", format, "--ndjson", n], None));
    }
    runs.push(run(&["--color", "always", f, q], None));
    runs.push(run(&["--diff", f, q], None));
    runs.push(run(&["--diff", "--color", "always", f], None));
    runs.push(run(
        &["role", "examples/import-role.json", "--request", f],
        None,
    ));
    for r in &runs {
        let all = format!("{}{}", r.stdout, r.stderr);
        for s in secrets {
            assert!(!all.contains(s), "{s} leaked:\n{all}");
        }
    }
    assert!(
        runs[0].stdout.contains("*****"),
        "the excerpt shows the value masked:\n{}",
        runs[0].stdout
    );
}
