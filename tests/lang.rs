//! Simplified Chinese through the command line: `--lang`, the configuration's `lang`, and
//! every output (text, JSON, SARIF, GitHub, GitLab, `rules`, `explain`, `profiles`, `role`,
//! `image`, usage and file errors). Rule ids, parameter names, API error codes and JSON keys
//! never change with the language. The detectors of English prose and of the glossary
//! (CONTRIBUTING.md) are the library's own, included by path.

mod common;
#[allow(dead_code)]
#[path = "../src/message/english.rs"]
mod english;

use std::path::Path;

use common::{run_in, Run};
use english::{english_in, glossary_break};

const BAD: &str = "examples/bad-import-image.json";

fn run(args: &[&str]) -> Run {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, b"", &[])
}

fn shown(r: &Run) -> String {
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        r.code, r.stdout, r.stderr
    )
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// The keys of a JSON value and the values that never change with the language (all but
/// `message`, `help` and rule documentation).
fn skeleton(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let v = match k.as_str() {
                        "message" | "help" => Value::Null,
                        _ => skeleton(v),
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(skeleton).collect()),
        other => other.clone(),
    }
}

#[test]
fn text_for_the_bad_example_in_chinese() {
    let r = run(&["--lang", "zh-CN", BAD]);
    assert_eq!(r.code, 1);
    assert!(r
        .stdout
        .contains("examples/bad-import-image.json:3:16: 错误[image-name-characters] ImageName"));
    assert!(r
        .stdout
        .contains("= 可避免的错误码：InvalidImageName.Malformed"));
    insta::assert_snapshot!(shown(&r));
}

#[test]
fn language_tags_are_checked_and_any_case_is_accepted() {
    let r = run(&["--lang", "fr", BAD]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("choose one of en, zh-CN (also written zh-cn, zh_CN or zh)"),
        "{}",
        r.stderr
    );
    let canonical = run(&["--lang", "zh-CN", BAD]).stdout;
    for tag in ["zh-cn", "zh_CN", "zh", "ZH_cn", "--lang=zh"] {
        let args: Vec<&str> = if tag.starts_with("--") {
            vec![tag, BAD]
        } else {
            vec!["--lang", tag, BAD]
        };
        assert_eq!(run(&args).stdout, canonical, "{tag}");
    }
    for command in [
        &["rules"][..],
        &["explain", "image-name-length"],
        &["profiles"],
    ] {
        let canonical = run(&[command, &["--lang", "zh-CN"]].concat()).stdout;
        for tag in ["zh-cn", "zh_CN", "zh"] {
            let r = run(&[command, &["--lang", tag]].concat());
            assert_eq!((r.code, &r.stdout), (0, &canonical), "{command:?} {tag}");
        }
    }
    // An unknown tag in a Chinese run is refused in Chinese, listing the supported ones.
    let dir = common::scratch("lang", "tags");
    std::fs::write(dir.join("importimage-lint.toml"), "lang = \"zh_CN\"\n").unwrap();
    let r = run_in(&dir, &["explain", "x", "--lang", "fr"], b"", &[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("未知的语言 `fr`；可选：en、zh-CN（也可写作 zh-cn、zh_CN 或 zh）"),
        "{}",
        r.stderr
    );
}

#[test]
fn json_changes_only_messages_and_help() {
    let en = run(&["--format", "json", BAD]).json();
    let zh = run(&["--format", "json", "--lang", "zh-CN", BAD]).json();
    assert_eq!(skeleton(&en), skeleton(&zh));
    let d = &zh[0]["diagnostics"][0];
    assert!(has_han(d["message"].as_str().unwrap()), "{d}");
    assert_eq!(d["rule"], "image-name-characters");
    assert_eq!(d["param"], "ImageName");
}

#[test]
fn sarif_says_its_language_and_describes_rules_in_it() {
    let r = run(&["--format", "sarif", "--lang", "zh-CN", BAD]);
    let v = r.json();
    let run0 = &v["runs"][0];
    assert_eq!(run0["language"], "zh-CN");
    assert!(has_han(
        run0["results"][0]["message"]["text"].as_str().unwrap()
    ));
    let rule = &run0["tool"]["driver"]["rules"][0];
    assert!(
        has_han(rule["shortDescription"]["text"].as_str().unwrap()),
        "{rule}"
    );
    let en = run(&["--format", "sarif", BAD]).json();
    assert_eq!(en["runs"][0]["language"], "en");
}

#[test]
fn the_configuration_sets_the_language_and_the_flag_wins() {
    let dir = common::scratch("lang", "config");
    std::fs::write(dir.join("importimage-lint.toml"), "lang = \"zh_CN\"\n").unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(BAD),
        dir.join("bad.import-image.json"),
    )
    .unwrap();
    let zh = run_in(&dir, &["bad.import-image.json"], b"", &[]);
    assert!(
        zh.stdout
            .contains("在 1 个请求中发现 7 个错误、2 个警告和 0 条提示。"),
        "{}",
        zh.stdout
    );
    let en = run_in(&dir, &["--lang", "en", "bad.import-image.json"], b"", &[]);
    assert!(
        en.stdout
            .contains("Found 7 errors, 2 warnings and 0 notes in 1 request."),
        "{}",
        en.stdout
    );
    assert!(!has_han(&en.stdout));
    // A configuration that names its language and is wrong elsewhere is refused in it.
    std::fs::write(
        dir.join("importimage-lint.toml"),
        "lang = \"zh\"\ncolour = 1\n",
    )
    .unwrap();
    let broken = run_in(&dir, &["bad.import-image.json"], b"", &[]);
    assert_eq!(broken.code, 2);
    assert!(
        broken.stderr.starts_with("importimage-lint：")
            && broken
                .stderr
                .contains("importimage-lint.toml:2:1: 未知的键 `colour`；可选：`profile`、`lang`"),
        "{}",
        broken.stderr
    );
    assert!(broken.stdout.contains("已停止："), "{}", broken.stdout);
    std::fs::write(dir.join("importimage-lint.toml"), "lang = \"fr\"\n").unwrap();
    let bad = run_in(&dir, &["bad.import-image.json"], b"", &[]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("importimage-lint.toml:1:1: unknown language `fr`; choose one of en, zh-CN"),
        "{}",
        bad.stderr
    );
}

#[test]
fn rules_and_explain_in_chinese() {
    let rules = run(&["rules", "--lang", "zh-CN"]);
    assert_eq!(rules.code, 0);
    let head = rules.stdout.lines().next().unwrap();
    assert!(
        head.starts_with("规则") && head.contains("错误码（2019-01）"),
        "{head}"
    );
    let row = rules
        .stdout
        .lines()
        .find(|l| l.starts_with("image-name-length "))
        .unwrap();
    assert!(has_han(row), "{row}");
    let json = run(&["rules", "--format", "json", "--lang", "zh-CN"]).json();
    let en = run(&["rules", "--format", "json"]).json();
    assert_eq!(json.as_array().unwrap().len(), en.as_array().unwrap().len());
    assert_eq!(json[0]["id"], en[0]["id"]);
    assert_eq!(json[0]["codes"], en[0]["codes"]);
    let page = run(&["explain", "disk-image-size", "--lang", "zh-CN"]);
    assert_eq!(page.code, 0);
    for heading in [
        "检查内容",
        "原因",
        "各版本",
        "不通过的示例（版本 2019-01）",
        "可通过的示例",
        "2019-01  错误码：InvalidImageSize",
        "DiskDeviceMapping.N.DiskImageSize：N = 1 时取值范围为 5~500 GiB，N = 2~17 时取值范围为 5~1000 GiB",
    ] {
        assert!(page.stdout.contains(heading), "{heading}: {}", page.stdout);
    }
    assert!(
        page.stdout
            .contains("→ 错误[disk-image-size] DiskDeviceMapping.1.DiskImageSize 为"),
        "{}",
        page.stdout
    );
}

#[test]
fn role_and_image_summaries_in_chinese() {
    let role = run(&[
        "role",
        "--lang",
        "zh-CN",
        "tests/fixtures/role/bad-trust.json",
    ]);
    assert_eq!(role.code, 1, "{}", shown(&role));
    assert!(
        role.stdout.contains("个 RAM 角色描述中发现"),
        "{}",
        role.stdout
    );
    let dir = common::scratch("lang", "image");
    let file = dir.join("disk.raw");
    std::fs::write(&file, vec![0u8; 3 << 20]).unwrap();
    let image = run(&["image", "--lang", "zh-CN", file.to_str().unwrap()]);
    assert!(
        image.stdout.contains(
            "RAW（未识别到任何已知格式的头部），虚拟大小为 3145728 字节（3 MiB），没有分区表；共读取"
        ),
        "{}",
        image.stdout
    );
    assert!(
        image.stdout.contains("个镜像文件中发现"),
        "{}",
        image.stdout
    );
}

#[test]
fn the_readme_session_in_chinese_is_what_the_tool_prints() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("$ importimage-lint --lang zh-CN examples/bad-import-image.json\n")
        .expect("the README shows a session in Chinese");
    let block = &readme[start..];
    let block = &block[..block.find("```").unwrap()];
    let out = run(&["--lang", "zh-CN", BAD]).stdout;
    let shown: Vec<&str> = block.lines().skip(1).filter(|l| *l != "…").collect();
    assert!(shown.len() > 5);
    for line in shown {
        assert!(
            out.lines().any(|l| l == line),
            "README line not printed: {line}\n{out}"
        );
    }
}

/// The command line's commands, whose names are identifiers in `--help`.
const COMMANDS: &[&str] = &[
    "rules", "role", "image", "explain", "profiles", "schema", "server", "help",
];

/// The prose of a text output: every line but code (a source excerpt under its `|` gutter,
/// the requests of `explain`'s examples), with GitHub's `%0A` line breaks decoded.
fn prose_lines(out: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_examples = false;
    for line in out.replace("%0A", "\n").lines() {
        let t = line.trim_start();
        let gutter = t
            .split_once('|')
            .is_some_and(|(before, _)| before.trim().chars().all(|c| c.is_ascii_digit()));
        if !line.starts_with(' ') {
            in_examples = line.contains("示例") || line.contains("example");
        }
        let example = in_examples
            && line.starts_with("  ")
            && !t.starts_with('→')
            && !line.starts_with("    ");
        // `--help`: the usage line is syntax, and a command list starts with the command's name.
        if t.starts_with("用法：") || t.starts_with("Usage:") {
            continue;
        }
        let t = match t.split_once("  ") {
            Some((first, rest)) if COMMANDS.contains(&first) => rest,
            _ => t,
        };
        if !gutter && !example && !t.is_empty() {
            lines.push(t.to_owned());
        }
    }
    lines
}

fn s_has_han(v: &serde_json::Value) -> bool {
    v.as_str().is_some_and(has_han)
}

/// The prose of a JSON output: the strings under the keys that hold words for people.
fn prose_values(v: &serde_json::Value, key: &str, out: &mut Vec<String>) {
    use serde_json::Value;
    const PROSE: &[&str] = &[
        "message",
        "help",
        "text",
        "description",
        "summary",
        "why",
        "doc",
        "source",
        "facts",
        "error",
    ];
    match v {
        // A single token is a value (`"source": "default"`), not prose.
        Value::String(s)
            if PROSE.contains(&key) && s.trim().contains(char::is_whitespace) || s_has_han(v) =>
        {
            out.push(v.as_str().unwrap_or_default().to_owned())
        }
        Value::Array(a) => a.iter().for_each(|x| prose_values(x, key, out)),
        Value::Object(m) => m.iter().for_each(|(k, x)| {
            let k = if PROSE.contains(&key) {
                key
            } else {
                k.as_str()
            };
            prose_values(x, k, out)
        }),
        _ => {}
    }
}

/// A workspace with every kind of input the tool reads: the fixtures (requests, Terraform,
/// shell, role bundles, a batch), image files, a broken configuration, an empty folder.
fn workspace() -> common::Scratch {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = common::scratch("lang", "every-output");
    let copy = |from: &Path, to: &Path| {
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    };
    for sub in [
        "fail",
        "pass",
        "pass-current",
        "hostile",
        "role",
        "terraform",
        "shell",
    ] {
        for e in std::fs::read_dir(root.join("tests/fixtures").join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                copy(&p, &dir.join(sub).join(p.file_name().unwrap()));
            }
        }
    }
    copy(
        &root.join("tests/fixtures/batch.ndjson"),
        &dir.join("batch.ndjson"),
    );
    copy(&root.join(BAD), &dir.join("bad.import-image.json"));
    copy(
        &root.join("examples/import-role.json"),
        &dir.join("role.json"),
    );
    copy(
        &root.join("examples/import-image.json"),
        &dir.join("good.import-image.json"),
    );
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    std::fs::create_dir_all(dir.join("broken")).unwrap();
    std::fs::write(dir.join("broken/importimage-lint.toml"), "colour = 1\n").unwrap();
    std::fs::write(dir.join("broken/a.import-image.json"), "{}").unwrap();
    // Images: an empty disk, a cut RAW file, a gzip archive, and what qemu-img makes.
    std::fs::write(dir.join("disk.raw"), vec![0u8; 3 << 20]).unwrap();
    std::fs::write(dir.join("cut.raw"), vec![0u8; 1000]).unwrap();
    std::fs::write(
        dir.join("disk.tar.gz"),
        [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3],
    )
    .unwrap();
    for fmt in ["qcow2", "vpc", "vmdk"] {
        let _ = std::process::Command::new("qemu-img")
            .args(["create", "-q", "-f", fmt])
            .arg(dir.join(format!("disk.{fmt}")))
            .arg("64M")
            .status();
    }
    std::fs::write(
        dir.join("image-request.json"),
        r#"{"RegionId": "cn-hangzhou", "BootMode": "UEFI", "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "disk.vhd", "DiskDeviceMapping.1.Format": "VHD", "DiskDeviceMapping.1.DiskImageSize": "5"}"#,
    )
    .unwrap();
    dir
}

/// Every command, with every output format and the errors a user meets, in Chinese.
fn every_command(dir: &Path) -> Vec<Vec<String>> {
    let mut commands: Vec<Vec<String>> = Vec::new();
    let mut add = |args: &[&str]| commands.push(args.iter().map(|s| s.to_string()).collect());
    for format in ["text", "json", "sarif", "github", "gitlab"] {
        for target in [
            "fail",
            "pass",
            "pass-current",
            "hostile",
            "terraform",
            "shell",
            ".",
        ] {
            add(&["--format", format, target]);
        }
        add(&["--format", format, "--profile", "current", "fail"]);
        add(&["--format", format, "--ndjson", "batch.ndjson"]);
        add(&[
            "--format",
            format,
            "broken",
            "fail/region-id-unknown.import-image.json",
        ]);
        add(&["role", "--format", format, "role/bad-trust.json"]);
        add(&[
            "role",
            "--format",
            format,
            "role.json",
            "--request",
            "bad.import-image.json",
        ]);
        add(&[
            "role",
            "--format",
            format,
            "--profile",
            "current",
            "role.json",
        ]);
        let images: Vec<String> = [
            "disk.raw",
            "cut.raw",
            "disk.tar.gz",
            "disk.qcow2",
            "disk.vpc",
            "disk.vmdk",
        ]
        .iter()
        .filter(|f| dir.join(f).exists())
        .map(|f| f.to_string())
        .collect();
        let images: Vec<&str> = images.iter().map(String::as_str).collect();
        add(&[&["image", "--format", format][..], &images].concat());
        add(&[
            &[
                "image",
                "--format",
                format,
                "--request",
                "image-request.json",
            ][..],
            &images,
        ]
        .concat());
        add(&[
            &[
                "image",
                "--format",
                format,
                "--profile",
                "current",
                "--request",
                "image-request.json",
            ][..],
            &images,
        ]
        .concat());
    }
    for format in ["text", "json", "markdown"] {
        add(&["rules", "--format", format]);
    }
    for format in ["text", "json"] {
        add(&["profiles", "--format", format]);
    }
    let out = run_in(dir, &["rules", "--format", "json"], b"", &[]).json();
    for r in out.as_array().unwrap() {
        add(&["explain", r["id"].as_str().unwrap()]);
    }
    // Usage and file errors.
    for args in [
        &["--bogus"][..],
        &["--format", "yaml", "fail"],
        &["--select", "image-name-lenght", "fail"],
        &["--ignore", "nothing-at-all", "fail"],
        &["--profile", "2020", "fail"],
        &["--diff", "--format", "json", "fail"],
        &["--fix", "--ndjson", "batch.ndjson"],
        &["--fix", "-", "fail"],
        &["no-such-file.json"],
        &["empty"],
        &["explain", "no-such-rule"],
        &["explain", "image-name-lenght"],
        &["schema", "--profile", "2020"],
        &["role", "-", "--request", "-"],
        &["role", "no-such-bundle.json"],
        &["image", "no-such-disk.raw"],
        &["image", "empty"],
        &["image", "--request", "no-such-request.json", "disk.raw"],
        &["rules", "--format", "yaml"],
        &["profiles", "--bogus"],
        &["frobnicate", "--x"],
        &["--config", "no-such.toml", "fail"],
        // Help is an output too.
        &["--help"],
        &["-h"],
        &["rules", "--help"],
        &["role", "--help"],
        &["image", "--help"],
        &["explain", "--help"],
        &["profiles", "--help"],
        &["schema", "--help"],
        &["server", "--help"],
        &["help"],
    ] {
        add(args);
    }
    for c in &mut commands {
        c.extend(["--lang".to_owned(), "zh-CN".to_owned()]);
    }
    commands
}

/// Every output of every command, in Chinese, holds no English prose outside code, quotes
/// and identifiers, and follows the glossary of CONTRIBUTING.md; a failure names the text
/// and the command it came from. The same commands in English show the detector is not
/// blind.
#[test]
fn every_output_of_every_command_reads_in_chinese() {
    let dir = workspace();
    let mut texts = 0;
    let mut english_seen = 0;
    let mut problems: Vec<String> = Vec::new();
    for args in every_command(&dir) {
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let zh = run_in(&dir, &argv, b"", &[]);
        let en = run_in(&dir, &argv[..argv.len() - 2], b"", &[]);
        let prose = |r: &Run| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            match serde_json::from_str::<serde_json::Value>(&r.stdout) {
                Ok(v) if r.stdout.trim_start().starts_with(['[', '{']) => {
                    prose_values(&v, "", &mut out)
                }
                _ if argv.contains(&"--ndjson") && argv.contains(&"json") => {
                    for line in r.stdout.lines() {
                        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                            prose_values(&v, "", &mut out);
                        }
                    }
                }
                _ => out.extend(prose_lines(&r.stdout)),
            }
            out.extend(prose_lines(&r.stderr));
            out
        };
        for text in prose(&zh) {
            texts += 1;
            if let Some(e) = english_in(&text).or_else(|| glossary_break(&text)) {
                problems.push(format!("importimage-lint {}: {e}", argv.join(" ")));
            }
        }
        english_seen += prose(&en)
            .iter()
            .filter(|t| english_in(t).is_some())
            .count();
    }
    problems.dedup();
    eprintln!("{texts} texts read in Chinese; English prose found in {english_seen} of the same outputs in English");
    assert!(
        problems.is_empty(),
        "{} texts in Chinese break the rules:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(texts > 3000, "only {texts} texts were read");
    assert!(
        english_seen * 2 > texts,
        "the detector is blind: {english_seen} of {texts}"
    );
}

/// The playground's own Chinese words (`pkg/demo/demo.js`) follow the same rules: no English
/// prose, the glossary's terms.
#[test]
fn the_playground_speaks_the_glossary() {
    let demo =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/pkg/demo/demo.js")).unwrap();
    let block = demo
        .split("'zh-CN': {")
        .nth(1)
        .and_then(|b| b.split("\n  },").next())
        .expect("demo.js has Chinese words");
    let mut read = 0;
    for line in block.lines() {
        // Each entry's words, without HTML tags and `${…}` placeholders.
        let mut text = String::new();
        let mut depth = 0;
        for c in line.chars() {
            match c {
                '<' | '{' => depth += 1,
                '>' | '}' if depth > 0 => depth -= 1,
                _ if depth == 0 => text.push(c),
                _ => {}
            }
        }
        for part in text.split(['\'', '`']).skip(1).step_by(2) {
            if has_han(part) {
                read += 1;
                if let Some(e) = english_in(part).or_else(|| glossary_break(part)) {
                    panic!("pkg/demo/demo.js: {e}");
                }
            }
        }
    }
    assert!(read > 20, "only {read} words read");
}
