//! Simplified Chinese through the command line: `--lang`, the configuration's `lang`, and
//! every output (text, JSON, SARIF, `rules`, `explain`, `role`, `image`). Rule ids,
//! parameter names, API error codes and JSON keys never change with the language.

mod common;

use std::path::Path;

use common::{run_in, Run};

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
        .contains("examples/bad-import-image.json:3:16: error[image-name-characters] ImageName"));
    assert!(r
        .stdout
        .contains("= 可避免的 API 错误: InvalidImageName.Malformed"));
    insta::assert_snapshot!(shown(&r));
}

#[test]
fn language_tags_are_checked_and_any_case_is_accepted() {
    let r = run(&["--lang", "fr", BAD]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("choose one of en, zh-CN"), "{}", r.stderr);
    let lower = run(&["--lang", "zh-cn", BAD]);
    assert_eq!(lower.stdout, run(&["--lang", "zh-CN", BAD]).stdout);
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
    std::fs::write(dir.join("importimage-lint.toml"), "lang = \"zh-CN\"\n").unwrap();
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
        head.starts_with("规则") && head.contains("API 错误码（2019-01）"),
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
        "各规则集",
        "不通过的示例（规则集 2019-01）",
        "可通过的示例",
    ] {
        assert!(page.stdout.contains(heading), "{heading}: {}", page.stdout);
    }
    assert!(
        page.stdout
            .contains("→ error[disk-image-size] DiskDeviceMapping.1.DiskImageSize 为"),
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
            "raw（未识别到任何已知格式的头部），虚拟大小 3145728 字节（1 GiB），没有分区表；读取了"
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
