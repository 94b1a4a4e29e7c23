//! The command line as CI systems, editors and pre-commit use it, through the binary: one
//! test per behaviour an integration relies on (streaming, positions, SARIF for code
//! scanning, patches, suppressions, configuration errors, the folder walk).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::Run;
use serde_json::Value;

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_importimage-lint");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs the binary in `dir` with `stdin`, colour off.
fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    common::run_in(dir, args, stdin, &[("NO_COLOR", "1")])
}

/// A fresh empty folder, removed when the test ends (see `common::Scratch`).
fn scratch(name: &str) -> common::Scratch {
    common::scratch("ci", name)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

fn example(name: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join("examples").join(name)).unwrap()
}

const GOOD: &str = r#"{"RegionId": "cn-hangzhou", "ImageName": "web-1", "DiskDeviceMapping": [{"OSSBucket": "ecsimageos", "OSSObject": "a.raw", "DiskImageSize": 40}]}"#;

/// A request whose ImageName has a space: one error, `image-name-characters`.
const BAD_NAME: &str = r#"{"RegionId": "cn-hangzhou", "ImageName": "bad name", "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#;

/// A request with one disk whose OSSObject is missing: a file-level finding.
const NO_OBJECT: &str = "{\n  \"RegionId\": \"cn-hangzhou\",\n  \"ImageName\": \"web-1\",\n  \"DiskDeviceMapping\": [\n    {\"OSSBucket\": \"ecsimageos\"}\n  ]\n}\n";

fn rule_ids(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

// --- Bugs -----------------------------------------------------------------------------

#[test]
fn role_with_a_request_it_cannot_read_is_a_finding_not_a_pass() {
    let d = scratch("role-unread");
    let role = Path::new(ROOT).join("examples/import-role.json");
    let role = role.to_str().unwrap();
    write(&d, "broken.import-image.json", "{\"RegionId\": ");
    let r = run_in(
        &d,
        &["role", role, "--request", "broken.import-image.json"],
        b"",
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("error[role-resources]"), "{}", r.stdout);
    assert!(r.stdout.contains("could not be read"), "{}", r.stdout);

    // An endpoint in OSSBucket: the disk's resources cannot be named, so that is a finding.
    let endpoint = r#"{"RegionId":"cn-hangzhou","DiskDeviceMapping":[{"OSSBucket":"b1.oss-cn-hangzhou.aliyuncs.com","OSSObject":"a.raw"}]}"#;
    let r = run_in(
        &d,
        &["role", role, "--request", "-", "--format", "json"],
        endpoint.as_bytes(),
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let v = r.json();
    assert_eq!(rule_ids(&v[0]), ["role-resources"]);

    // `--request -` reads stdin: a readable request whose bucket the role covers passes.
    let r = run_in(
        &d,
        &["role", role, "--request", "-"],
        example("import-image.json").as_bytes(),
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("1 role bundle"), "{}", r.stdout);
}

#[test]
fn a_file_named_twice_is_linted_once() {
    let d = scratch("twice");
    write(&d, "req/a.import-image.json", GOOD);
    for args in [
        &[
            "--format",
            "json",
            "req/a.import-image.json",
            "req/a.import-image.json",
        ][..],
        &["--format", "json", "req", "req/a.import-image.json"][..],
        &[
            "--format",
            "json",
            "req/a.import-image.json",
            "./req/../req/a.import-image.json",
        ][..],
    ] {
        let r = run_in(&d, args, b"");
        assert_eq!(r.code, 0, "{args:?}: {}", r.stdout);
        let v = r.json();
        assert_eq!(v.as_array().unwrap().len(), 1, "{args:?}: {}", r.stdout);
        assert_eq!(v[0]["diagnostics"], serde_json::json!([]));
    }
}

#[test]
fn ndjson_sarif_byte_offsets_count_from_the_start_of_the_file() {
    let d = scratch("offsets");
    let first = GOOD;
    let second = r#"{"RegionId": "cn-hangzhou", "ImageName": "bad name", "DiskDeviceMapping": [{"OSSBucket": "ecsimageos", "OSSObject": "b.raw"}]}"#;
    let text = format!("{first}\n\n{second}\n");
    write(&d, "batch.ndjson", &text);
    let r = run_in(&d, &["--ndjson", "--format", "sarif", "batch.ndjson"], b"");
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = r.json();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let hit = results
        .iter()
        .find(|x| x["ruleId"] == "image-name-characters")
        .expect("the bad name is found");
    let region = &hit["locations"][0]["physicalLocation"]["region"];
    let offset = region["byteOffset"].as_u64().unwrap() as usize;
    let length = region["byteLength"].as_u64().unwrap() as usize;
    assert_eq!(&text[offset..offset + length], "\"bad name\"");
    assert_eq!(region["startLine"], 3);
}

#[test]
fn a_broken_pipe_keeps_the_exit_code_the_run_earned() {
    let d = scratch("pipe");
    let bad = BAD_NAME;
    let text: String = (0..20_000)
        .map(|i| bad.replace("bad name", &format!("bad name {i}")) + "\n")
        .collect();
    write(&d, "many.ndjson", &text);
    // `importimage-lint … | head -1`: the reader goes away after one line.
    let mut child = Command::new(BIN)
        .args(["--ndjson", "many.ndjson"])
        .current_dir(&d)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert!(line.contains("error[image-name-characters]"), "{line}");
    drop(stdout);
    let status = child.wait_with_output().unwrap();
    assert_eq!(
        status.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(
        status.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

// --- Streaming and positions ----------------------------------------------------------

#[test]
fn ndjson_answers_each_line_before_the_input_ends() {
    let mut child = Command::new(BIN)
        .args(["--ndjson", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    for (i, request) in [GOOD, "", r#"{"RegionId": "cn-hangzhou"}"#]
        .iter()
        .enumerate()
    {
        writeln!(stdin, "{request}").unwrap();
        stdin.flush().unwrap();
        if request.is_empty() {
            continue;
        }
        // The answer arrives while stdin is still open.
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["line"], i + 1, "{line}");
        assert_eq!(v["path"], "-");
        assert_eq!(v["valid"], i == 0, "{line}");
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "no more output after the last report"
    );
}

#[test]
fn blank_ndjson_lines_are_skipped_and_counted_in_the_summary_only() {
    let r = run_in(
        Path::new(ROOT),
        &["--ndjson", "-"],
        format!("{GOOD}\n\n   \n{GOOD}\n").as_bytes(),
    );
    assert!(r.stdout.contains("Skipped 2 blank lines."), "{}", r.stdout);
    let r = run_in(
        Path::new(ROOT),
        &["--ndjson", "--format", "json", "-"],
        format!("{GOOD}\n\n{GOOD}\n").as_bytes(),
    );
    let lines: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["line"], 3);
}

#[test]
fn file_level_findings_have_a_position_in_every_format() {
    let d = scratch("positions");
    write(&d, "a.import-image.json", NO_OBJECT);
    // The disk's own object: line 5, column 5.
    let r = run_in(&d, &["a.import-image.json"], b"");
    assert!(
        r.stdout
            .contains("a.import-image.json:5:5: error[missing-parameter]"),
        "{}",
        r.stdout
    );
    let r = run_in(&d, &["--format", "github", "a.import-image.json"], b"");
    assert!(
        r.stdout.contains("file=a.import-image.json,line=5,col=5,"),
        "{}",
        r.stdout
    );
    let r = run_in(&d, &["--format", "sarif", "a.import-image.json"], b"");
    let v = r.json();
    let region = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(5), Some(5))
    );

    // A request with no disks at all: the request's `{`.
    write(
        &d,
        "b.import-image.json",
        "\n{\"RegionId\": \"cn-hangzhou\"}\n",
    );
    let r = run_in(&d, &["b.import-image.json"], b"");
    assert!(
        r.stdout
            .contains("b.import-image.json:2:1: error[missing-parameter]"),
        "{}",
        r.stdout
    );

    // Role findings: a bundle whose name is missing and whose trust policy is empty.
    write(
        &d,
        "role.json",
        "{\n  \"AssumeRolePolicyDocument\": {\"Version\": \"1\", \"Statement\": []}\n}\n",
    );
    for format in ["text", "github", "sarif"] {
        let r = run_in(&d, &["role", "--format", format, "role.json"], b"");
        assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
        match format {
            "text" => {
                for l in r.stdout.lines().filter(|l| l.contains("error[")) {
                    let pos: Vec<&str> = l.splitn(4, ':').collect();
                    assert!(
                        pos[1].parse::<u32>().unwrap() >= 1 && pos[2].parse::<u32>().unwrap() >= 1,
                        "{l}"
                    );
                }
            }
            "github" => {
                for l in r.stdout.lines().filter(|l| l.starts_with("::error")) {
                    assert!(l.contains(",line=") && l.contains(",col="), "{l}");
                }
            }
            _ => {
                let v = r.json();
                for res in v["runs"][0]["results"].as_array().unwrap() {
                    let region = &res["locations"][0]["physicalLocation"]["region"];
                    assert!(region["startLine"].as_u64().unwrap() >= 1, "{res}");
                    assert!(region["startColumn"].as_u64().unwrap() >= 1, "{res}");
                }
            }
        }
    }
}

// --- SARIF for code scanning ---------------------------------------------------------

fn fingerprints(v: &Value) -> Vec<(String, String)> {
    v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["partialFingerprints"]["importimageLint/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn sarif_is_what_code_scanning_expects() {
    let d = scratch("sarif");
    let bad = example("bad-import-image.json");
    write(&d, "requests/web.import-image.json", &bad);
    write(&d, "requests/copy.import-image.json", &bad);
    let r = run_in(&d, &["--format", "sarif", "requests"], b"");
    assert_eq!(r.code, 1);
    let v = r.json();
    let run = &v["runs"][0];
    // Relative URIs against the folder the tool ran in.
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
    let results = run["results"].as_array().unwrap();
    for res in results {
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("requests/"), "{uri}");
        let region = &loc["region"];
        assert!(region["endLine"].as_u64().unwrap() >= region["startLine"].as_u64().unwrap());
        assert!(region["endColumn"].is_u64());
        // The message is the finding; help is its own field.
        let text = res["message"]["text"].as_str().unwrap();
        assert!(!text.contains("help:"), "{text}");
        assert!(res["properties"]["profile"].is_string());
    }
    let with_help = results
        .iter()
        .filter(|r| r["properties"]["help"].is_string())
        .count();
    assert!(with_help > 0);
    // Every rule has a helpUri to its README anchor, and that anchor exists.
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        let uri = rule["helpUri"].as_str().unwrap();
        let anchor = uri.rsplit_once('#').unwrap().1;
        assert_eq!(anchor, rule["id"].as_str().unwrap());
        assert!(
            readme.contains(&format!("<a id=\"{anchor}\"></a>")),
            "README lacks the anchor {anchor}"
        );
    }
    // duplicate-image-name points at the other file.
    let dup = results
        .iter()
        .find(|r| r["ruleId"] == "duplicate-image-name")
        .expect("duplicate found");
    let related = &dup["relatedLocations"][0]["physicalLocation"];
    assert!(related["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .starts_with("requests/"));
    assert_ne!(
        related["artifactLocation"]["uri"],
        dup["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    );
    assert!(related["region"]["startLine"].as_u64().unwrap() >= 1);
    // Distinct fingerprints within a file.
    let mut per_file: Vec<(String, String)> = results
        .iter()
        .map(|r| {
            (
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                r["partialFingerprints"]["importimageLint/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    let n = per_file.len();
    per_file.sort();
    per_file.dedup();
    assert_eq!(per_file.len(), n, "fingerprints are unique");
}

#[test]
fn sarif_fingerprints_survive_two_runs_and_an_unrelated_edit() {
    let d = scratch("fingerprints");
    let bad = example("bad-import-image.json");
    write(&d, "web.import-image.json", &bad);
    let first = run_in(&d, &["--format", "sarif", "web.import-image.json"], b"").json();
    let again = run_in(&d, &["--format", "sarif", "web.import-image.json"], b"").json();
    assert_eq!(fingerprints(&first), fingerprints(&again));
    // An unrelated edit: a new line above everything and a new, valid parameter.
    let edited = bad.replacen(
        '{',
        "{\n  \"Description\": \"moved to the new data centre\",",
        1,
    );
    write(&d, "web.import-image.json", &format!("\n\n{edited}"));
    let after = run_in(&d, &["--format", "sarif", "web.import-image.json"], b"").json();
    assert_ne!(
        first["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        after["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        "the positions moved"
    );
    assert_eq!(
        fingerprints(&first),
        fingerprints(&after),
        "the fingerprints did not"
    );
}

#[test]
fn sarif_names_the_profile_of_each_result_when_files_differ() {
    let d = scratch("profiles");
    write(&d, "old/a.import-image.json", NO_OBJECT);
    write(&d, "new/a.import-image.json", NO_OBJECT);
    write(&d, "new/importimage-lint.toml", "profile = \"current\"\n");
    let v = run_in(&d, &["--format", "sarif", "old", "new"], b"").json();
    let mut seen: Vec<(String, String)> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                r["properties"]["profile"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    seen.dedup();
    assert!(
        seen.contains(&("old/a.import-image.json".into(), "2019-01".into())),
        "{seen:?}"
    );
    assert!(
        seen.contains(&("new/a.import-image.json".into(), "current".into())),
        "{seen:?}"
    );
    assert_eq!(
        v["runs"][0]["properties"]["profiles"],
        serde_json::json!(["2019-01", "current"])
    );
}

// --- Behaviour users expect from linters ---------------------------------------------

#[test]
fn select_on_the_command_line_beats_off_in_the_config() {
    let d = scratch("select");
    write(&d, "a.import-image.json", BAD_NAME);
    write(
        &d,
        "importimage-lint.toml",
        "[rules]\nimage-name-characters = \"off\"\n",
    );
    let r = run_in(&d, &["a.import-image.json"], b"");
    assert_eq!(r.code, 0, "{}", r.stdout);
    let r = run_in(
        &d,
        &["--select", "image-name-characters", "a.import-image.json"],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("error[image-name-characters]"));
    // --ignore wins over everything.
    let r = run_in(
        &d,
        &[
            "--select",
            "image-name-characters",
            "--ignore",
            "image-name-characters",
            "a.import-image.json",
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn stdin_is_a_file_like_any_other() {
    let d = scratch("stdin");
    write(
        &d,
        "team/importimage-lint.toml",
        "[rules]\nimage-name-characters = \"off\"\n",
    );
    let bad = r#"{"RegionId": "cn-hangzhou", "ImageName": "bad name", "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw", "Foo": "1"}"#;
    let name = "team/web.import-image.json";
    // The config next to the named path applies, and the path is named in every format.
    let r = run_in(&d, &["--stdin-filename", name, "-"], bad.as_bytes());
    assert!(!r.stdout.contains("image-name-characters"), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("{name}:1:")), "{}", r.stdout);
    let r = run_in(
        &d,
        &["--stdin-filename", name, "--format", "json", "-"],
        bad.as_bytes(),
    );
    let v = r.json();
    assert_eq!(v.as_array().unwrap().len(), 1, "always an array");
    assert_eq!(v[0]["path"], name);
    let r = run_in(
        &d,
        &["--stdin-filename", name, "--format", "github", "-"],
        bad.as_bytes(),
    );
    assert!(r.stdout.contains(&format!("file={name},")), "{}", r.stdout);
    let r = run_in(
        &d,
        &["--stdin-filename", name, "--format", "sarif", "-"],
        bad.as_bytes(),
    );
    let v = r.json();
    assert_eq!(
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        name
    );
    // Without a name, stdin is `-` and still an array.
    let v = run_in(&d, &["--format", "json", "-"], GOOD.as_bytes()).json();
    assert_eq!(v[0]["path"], "-");
}

#[test]
fn fix_and_diff_to_stdout() {
    let d = scratch("fix-stdout");
    let text = "{\n  \"RegionId\": \"cn-hangzhou\",\n  \"ImageName\": \"web-1\",\n  \"OSType\": \"linux\",\n  \"DiskDeviceMapping\": [{\"OSSBucket\": \"ecsimageos\", \"OSSObject\": \"a.raw\"}]\n}\n";
    let r = run_in(&d, &["--fix", "-"], text.as_bytes());
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.stdout, text.replace("\"linux\"", "\"Linux\""));
    let r = run_in(
        &d,
        &["--diff", "--stdin-filename", "a.import-image.json", "-"],
        text.as_bytes(),
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("-  \"OSType\": \"linux\",\n+  \"OSType\": \"Linux\","),
        "{}",
        r.stdout
    );
    // The patch applies to the file it names.
    write(&d, "a.import-image.json", text);
    write(&d, "fix.patch", &r.stdout);
    let git = Command::new("git")
        .args(["apply", "--check", "fix.patch"])
        .current_dir(&d)
        .output();
    if let Ok(out) = git {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let patch = Command::new("patch")
        .args(["-p1", "--dry-run", "-i", "fix.patch"])
        .current_dir(&d)
        .output();
    if let Ok(out) = patch {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn diff_and_a_machine_format_do_not_combine() {
    let d = scratch("diff-format");
    write(&d, "a.import-image.json", GOOD);
    for format in ["json", "sarif", "github"] {
        let r = run_in(
            &d,
            &["--diff", "--format", format, "a.import-image.json"],
            b"",
        );
        assert_eq!(r.code, 2, "{format}");
        assert!(r.stderr.contains("--diff"), "{}", r.stderr);
        assert!(r.stdout.is_empty());
    }
}

#[test]
fn the_walk_respects_gitignore_and_reports_dangling_links() {
    let d = scratch("walk");
    let bad = r#"{"RegionId": "cn-hangzhou", "ImageName": "bad name"}"#;
    write(&d, "repo/.gitignore", "build/\n");
    write(&d, "repo/.ignore", "scratch.import-image.json\n");
    write(&d, "repo/build/a.import-image.json", bad);
    write(&d, "repo/scratch.import-image.json", bad);
    write(&d, "repo/.git/a.import-image.json", bad);
    write(&d, "repo/target/a.import-image.json", bad);
    write(&d, "repo/node_modules/a.import-image.json", bad);
    // Hidden folders are walked, as pre-commit passes their tracked files too.
    write(&d, "repo/.github/ok.import-image.json", GOOD);
    write(&d, "repo/ok.import-image.json", GOOD);
    let r = run_in(&d, &["--format", "json", "repo"], b"");
    assert_eq!(r.code, 0, "{}", r.stdout);
    let v = r.json();
    let paths: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "repo/.github/ok.import-image.json",
            "repo/ok.import-image.json"
        ]
    );
    // A file named on the command line is linted even where the walk would skip it.
    let r = run_in(&d, &["repo/build/a.import-image.json"], b"");
    assert_eq!(r.code, 1);

    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            "gone.import-image.json",
            d.join("repo/link.import-image.json"),
        )
        .unwrap();
        let r = run_in(&d, &["--format", "json", "repo"], b"");
        assert_eq!(
            r.code, 1,
            "a finding, not a run-wide exit 2: {}{}",
            r.stdout, r.stderr
        );
        let v = r.json();
        let link = v
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["path"] == "repo/link.import-image.json")
            .unwrap();
        assert_eq!(rule_ids(link), ["invalid-input"]);
        assert_eq!(
            v.as_array().unwrap().len(),
            3,
            "the good files are still linted"
        );
        std::fs::remove_file(d.join("repo/link.import-image.json")).unwrap();
    }

    // A folder the walk cannot read is said, and the run ends with exit 2 (as root, which
    // reads everything, there is nothing to see).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = d.join("repo/locked");
        write(&d, "repo/locked/a.import-image.json", GOOD);
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let blocked = std::fs::read_dir(&locked).is_err();
        let r = run_in(&d, &["repo"], b"");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        if blocked {
            assert_eq!(r.code, 2, "{}", r.stderr);
            assert!(r.stderr.contains("locked"), "{}", r.stderr);
        } else {
            assert_eq!(r.code, 0, "{}", r.stderr);
        }
    }
}

#[test]
fn no_paths_means_the_current_folder_and_an_empty_folder_is_a_warning() {
    let d = scratch("no-paths");
    write(&d, "sub/a.import-image.json", NO_OBJECT);
    let r = run_in(&d, &[], b"");
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("sub/a.import-image.json:5:5"),
        "{}",
        r.stdout
    );
    let empty = scratch("empty-folder");
    let r = run_in(&empty, &[], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning") && r.stderr.contains("no request files"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_unusable_config_still_gives_complete_output_then_exit_2() {
    let d = scratch("bad-config");
    write(
        &d,
        "broken/importimage-lint.toml",
        "[rules]\nimage-name-lenght = \"off\"\n",
    );
    write(&d, "broken/a.import-image.json", GOOD);
    write(&d, "broken/b.import-image.json", GOOD);
    write(&d, "fine/a.import-image.json", NO_OBJECT);

    let r = run_in(&d, &["broken", "fine"], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("broken/importimage-lint.toml:2:1: unknown rule `image-name-lenght`; did you mean `image-name-length`?"),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.stderr.matches("image-name-lenght").count(),
        1,
        "reported once: {}",
        r.stderr
    );
    assert!(
        r.stdout.contains("fine/a.import-image.json:5:5"),
        "other files are still linted"
    );
    assert!(
        r.stdout.contains("Stopped: 2 files not linted"),
        "{}",
        r.stdout
    );

    let r = run_in(&d, &["--format", "json", "broken", "fine"], b"");
    assert_eq!(r.code, 2);
    let v = r.json();
    let entries = v.as_array().unwrap();
    assert_eq!(entries.len(), 2, "{}", r.stdout);
    let cfg = entries
        .iter()
        .find(|e| e["valid"] == false && e["error"].is_object())
        .unwrap();
    assert!(cfg["path"]
        .as_str()
        .unwrap()
        .ends_with("importimage-lint.toml"));
    assert_eq!(
        (
            cfg["error"]["line"].as_u64(),
            cfg["error"]["column"].as_u64()
        ),
        (Some(2), Some(1))
    );

    let r = run_in(&d, &["--format", "sarif", "broken", "fine"], b"");
    assert_eq!(r.code, 2);
    let v = r.json();
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let note = &inv["toolConfigurationNotifications"][0];
    assert!(note["message"]["text"]
        .as_str()
        .unwrap()
        .contains("image-name-lenght"));
    assert_eq!(
        note["locations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
    assert!(
        !v["runs"][0]["results"].as_array().unwrap().is_empty(),
        "the fine file's findings"
    );
}

#[test]
fn config_errors_point_at_the_key() {
    let d = scratch("config-pos");
    write(&d, "a.import-image.json", GOOD);
    for (text, at) in [
        ("profle = \"current\"\n", ":1:1: unknown key `profle`"),
        (
            "\n[rules]\n  image-name-length = \"fatal\"\n",
            ":3:3: `image-name-length` must be",
        ),
        (
            "[per-file-ignores]\n\"*.json\" = [\"no-such-rule\"]\n",
            ":2:",
        ),
        ("exclude = \"build\"\n", ":1:1:"),
    ] {
        write(&d, "importimage-lint.toml", text);
        let r = run_in(&d, &["a.import-image.json"], b"");
        assert_eq!(r.code, 2, "{text}");
        assert!(
            r.stderr.contains(&format!("importimage-lint.toml{at}")),
            "{text}: {}",
            r.stderr
        );
    }
}

#[test]
fn exclude_and_per_file_ignores_in_the_config() {
    let d = scratch("suppress");
    let bad = BAD_NAME;
    write(
        &d,
        "legacy/old.import-image.json",
        &bad.replace("bad name", "old name"),
    );
    write(&d, "vendored/x.import-image.json", bad);
    write(&d, "web.import-image.json", bad);
    write(
        &d,
        "importimage-lint.toml",
        "exclude = [\"vendored/**\"]\n\n[per-file-ignores]\n\"legacy/**\" = [\"image-name-characters\"]\n",
    );
    let r = run_in(&d, &["--format", "json", "."], b"");
    let v = r.json();
    let mut by_path: Vec<(String, Vec<String>)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["path"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("./")
                    .to_string(),
                rule_ids(x),
            )
        })
        .collect();
    by_path.sort();
    assert_eq!(
        by_path,
        [
            ("legacy/old.import-image.json".to_string(), vec![]),
            (
                "web.import-image.json".to_string(),
                vec!["image-name-characters".to_string()]
            ),
        ]
    );
    // A file named explicitly is linted even if excluded, as ruff does without --force-exclude.
    let r = run_in(&d, &["vendored/x.import-image.json"], b"");
    assert_eq!(r.code, 1);
}

#[test]
fn inline_suppressions_in_query_files() {
    let d = scratch("inline");
    write(
        &d,
        "a.import-image.query",
        "# importimage-lint: ignore[image-name-characters]\nRegionId=cn-hangzhou&ImageName=bad%20name&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=a.raw&Foo=1\n",
    );
    let r = run_in(&d, &["--format", "json", "a.import-image.query"], b"");
    let v = r.json();
    assert_eq!(rule_ids(&v[0]), ["unknown-parameter"], "{}", r.stdout);
    write(
        &d,
        "b.import-image.query",
        "# importimage-lint: ignore-file\nRegionId=cn-hangzhou&ImageName=bad%20name&Foo=1\n",
    );
    let r = run_in(&d, &["b.import-image.query"], b"");
    assert_eq!(r.code, 0, "{}", r.stdout);
    // A misspelt id silences nothing rather than everything.
    write(
        &d,
        "c.import-image.query",
        "# importimage-lint: ignore image-name-charaters\nRegionId=cn-hangzhou&ImageName=bad%20name&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=a.raw\n",
    );
    let v = run_in(&d, &["--format", "json", "c.import-image.query"], b"").json();
    assert_eq!(rule_ids(&v[0]), ["image-name-characters"]);
}

#[test]
fn info_is_a_severity() {
    let d = scratch("info");
    write(&d, "a.import-image.json", BAD_NAME);
    write(
        &d,
        "importimage-lint.toml",
        "[rules]\nimage-name-characters = \"info\"\n",
    );
    let r = run_in(&d, &["a.import-image.json"], b"");
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("info[image-name-characters]"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("0 errors, 0 warnings and 1 note"),
        "{}",
        r.stdout
    );
    let v = run_in(&d, &["--format", "sarif", "a.import-image.json"], b"").json();
    assert_eq!(v["runs"][0]["results"][0]["level"], "note");
}

// --- Cosmetics -------------------------------------------------------------------------

#[test]
fn github_annotations_escape_newlines_in_file_names() {
    let d = scratch("newline");
    write(&d, "a\nb.import-image.json", NO_OBJECT);
    let r = run_in(&d, &["--format", "github", "a\nb.import-image.json"], b"");
    assert!(
        r.stdout
            .starts_with("::error file=a%0Ab.import-image.json,line=5,col=5,"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.lines().all(|l| l.starts_with("::")),
        "one annotation per line: {}",
        r.stdout
    );
}

#[test]
fn rules_table_is_padded_and_counts_read_right() {
    let r = run_in(Path::new(ROOT), &["rules"], b"");
    let lines: Vec<&str> = r.stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    // The second column starts at the same place on every row.
    let starts: Vec<usize> = lines
        .iter()
        .skip(1)
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .map(|l| l.find(' ').unwrap() + l[l.find(' ').unwrap()..].find(|c: char| c != ' ').unwrap())
        .collect();
    assert!(starts.len() > 40);
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{}", r.stdout);

    let r = run_in(
        Path::new(ROOT),
        &["-"],
        br#"{"RegionId": "cn-hangzhou", "ImageName": "a", "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#,
    );
    assert!(r.stdout.contains("1 character"), "{}", r.stdout);
    assert!(!r.stdout.contains("1 characters"), "{}", r.stdout);
}

#[test]
fn gitlab_code_quality_report() {
    let d = scratch("gitlab");
    write(
        &d,
        "requests/web.import-image.json",
        &example("bad-import-image.json"),
    );
    let r = run_in(&d, &["--format", "gitlab", "requests"], b"");
    assert_eq!(r.code, 1);
    let v = r.json();
    let issues = v.as_array().unwrap();
    assert!(issues.len() > 5);
    let mut prints: Vec<&str> = Vec::new();
    for i in issues {
        assert!(i["description"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(i["check_name"].is_string());
        assert!(["info", "minor", "major", "critical", "blocker"]
            .contains(&i["severity"].as_str().unwrap()));
        assert_eq!(i["location"]["path"], "requests/web.import-image.json");
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        prints.push(i["fingerprint"].as_str().unwrap());
    }
    let n = prints.len();
    prints.sort();
    prints.dedup();
    assert_eq!(prints.len(), n, "GitLab shows one issue per fingerprint");
    // A clean run is an empty array, not nothing.
    write(&d, "clean/a.import-image.json", GOOD);
    let r = run_in(&d, &["--format", "gitlab", "clean"], b"");
    assert_eq!((r.code, r.json()), (0, serde_json::json!([])));
    // An unusable configuration is an issue of its own, and the exit code is 2.
    write(&d, "clean/importimage-lint.toml", "profle = 1\n");
    let r = run_in(&d, &["--format", "gitlab", "clean"], b"");
    assert_eq!(r.code, 2);
    let v = r.json();
    assert_eq!(v[0]["check_name"], "configuration");
    assert_eq!(v[0]["location"]["path"], "clean/importimage-lint.toml");
}

#[test]
fn ndjson_on_several_threads_gives_the_output_of_one() {
    let d = scratch("threads");
    // Lines that repeat names across chunks, invalid lines, blank lines and a too-long line.
    let mut text = String::new();
    for i in 0..3000 {
        match i % 7 {
            0 => text.push('\n'),
            1 => text.push_str("{\"RegionId\": \"cn-hangzhou\", \"ImageName\": \n"),
            _ => text.push_str(&format!(
                "{{\"RegionId\": \"cn-hangzhou\", \"ImageName\": \"web-{}\", \"DiskDeviceMapping.1.OSSBucket\": \"b12\", \"DiskDeviceMapping.1.OSSObject\": \"a.raw\"}}\n",
                i % 500
            )),
        }
    }
    write(&d, "batch.ndjson", &text);
    for format in ["json", "text", "sarif", "github"] {
        let one = run_in(
            &d,
            &[
                "--ndjson",
                "--format",
                format,
                "--threads",
                "1",
                "batch.ndjson",
            ],
            b"",
        );
        let four = run_in(
            &d,
            &[
                "--ndjson",
                "--format",
                format,
                "--threads",
                "4",
                "batch.ndjson",
            ],
            b"",
        );
        assert_eq!(one.code, four.code, "{format}");
        assert!(one.stdout == four.stdout, "{format}: outputs differ");
        assert!(one.stdout.contains("duplicate-image-name"), "{format}");
    }
}
