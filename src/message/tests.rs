//! The catalogues against each other: every finding the project's inputs raise reads in
//! every language, with the same rule, parameter, code and place, and the Chinese text has
//! no English sentence left in it. (That every message exists in every language is the
//! compiler's job: each catalogue matches every `Msg` without a catch-all arm.)

use crate::{profile, Diagnostic, Lang, Linter, Options, Rule};

pub(crate) use super::english::english_in;
use super::english::glossary_break;

/// What each profile's table says for each rule, and each parameter's description, read in
/// Chinese: no English, and the glossary's words.
#[test]
fn every_table_fact_reads_in_chinese() {
    for p in profile::PROFILES {
        for &rule in Rule::ALL {
            let zh = profile::facts_in(p, rule, Lang::ZhCn);
            assert_eq!(zh.is_empty(), profile::facts(p, rule).is_empty(), "{rule}");
            if let Some(e) = english_in(&zh).or_else(|| glossary_break(&zh)) {
                panic!("{} {rule}: {e}", p.id);
            }
        }
        let info = p.info_in(Lang::ZhCn);
        for (param, en) in info.params.iter().zip(p.params) {
            assert_ne!(
                param.doc,
                en.doc(),
                "{}: {} has no Chinese description",
                p.id,
                en.name()
            );
            if let Some(e) = english_in(param.doc).or_else(|| glossary_break(param.doc)) {
                panic!("{} {}: {e}", p.id, en.name());
            }
        }
        assert_ne!(info.source, p.source, "{}", p.id);
    }
}

#[test]
fn the_glossary_finds_what_it_says_to_avoid() {
    assert!(super::english::glossary().len() > 20);
    for bad in [
        "BootMode 引导模式不符",
        "长度必须为 2～128 个字符",
        "N = 1–17 时",
        "请填写 5 到 500 之间的整数",
        "参数: ImageName",
        "已废弃。 请删除",
        "规则集 2019-01",
    ] {
        assert!(glossary_break(bad).is_some(), "{bad}");
    }
    for good in [
        "长度必须为 2~128 个字符",
        "启动模式（BootMode）为 BIOS",
        "值为 \"规则集\"",
        "path:3:16: 错误[rule] 镜像",
    ] {
        assert_eq!(glossary_break(good), None, "{good}");
    }
}

#[test]
fn the_english_detector_finds_english_and_spares_names() {
    assert!(english_in("ImageName must be shorter").is_some());
    assert!(english_in("镜像名称 ImageName 的长度为 \"a b the\"，`use this`").is_none());
    assert!(english_in("Platform Windows Server 2012 是 Windows 系统").is_none());
    assert!(english_in("Tag.N.Key/Value 不符合").is_none());
}

/// How many texts were compared, and how many of the English ones the detector found
/// English in (which shows it is not blind).
#[derive(Default)]
pub(crate) struct Count {
    pub texts: usize,
    pub english_seen: usize,
}

/// The same findings in `lang` as in English, each with its own non-empty text; in
/// Chinese, without English.
pub(crate) fn compare(
    count: &mut Count,
    what: &str,
    en: &[Diagnostic],
    other: &[Diagnostic],
    lang: Lang,
) {
    assert_eq!(en.len(), other.len(), "{what}: {en:#?} {other:#?}");
    for (x, y) in en.iter().zip(other) {
        for text in [Some(&x.message), x.help.as_ref()].into_iter().flatten() {
            count.english_seen += usize::from(english_in(text).is_some());
        }
        assert_eq!(
            (x.rule, &x.param, x.code, x.span, &x.fix),
            (y.rule, &y.param, y.code, y.span, &y.fix),
            "{what}"
        );
        assert_eq!(x.help.is_some(), y.help.is_some(), "{what}: {y:?}");
        assert_ne!(x.message, y.message, "{what}: {} is not translated", y.rule);
        for text in [Some(&y.message), y.help.as_ref()].into_iter().flatten() {
            assert!(!text.trim().is_empty(), "{what}: empty text for {}", y.rule);
            if lang == Lang::ZhCn {
                if let Some(e) = english_in(text).or_else(|| glossary_break(text)) {
                    panic!("{what}: {}: {e}", y.rule);
                }
            }
            count.texts += 1;
        }
    }
}

fn linter(profile: &'static profile::Profile, lang: Lang) -> Linter {
    Linter::new(Options::default().with_profile(profile).with_lang(lang))
}

/// Every rule's summary and reason exist in every language, and differ from English.
#[test]
fn every_rule_is_documented_in_every_language() {
    for &rule in Rule::ALL {
        for &lang in &Lang::ALL[1..] {
            let (summary, why) = super::rule_doc(rule, lang);
            assert!(!summary.is_empty() && !why.is_empty(), "{rule} in {lang:?}");
            assert_ne!(summary, rule.doc().summary, "{rule}");
            assert_ne!(why, rule.doc().why, "{rule}");
            if lang == Lang::ZhCn {
                for t in [summary, why] {
                    if let Some(e) = english_in(t).or_else(|| glossary_break(t)) {
                        panic!("{rule}: {e}");
                    }
                }
            }
        }
    }
}

/// The project's request fixtures, broken inputs of every kind, and each parameter
/// validated alone with wrong values, in every language.
#[test]
fn every_input_reads_in_every_language() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    for dir in ["fail", "pass", "pass-current", "hostile"] {
        let mut names: Vec<_> = std::fs::read_dir(format!("{root}/{dir}"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .contains(".import-image.")
            })
            .collect();
        names.sort();
        for p in names {
            inputs.push((p.display().to_string(), std::fs::read(&p).unwrap()));
        }
    }
    for (i, broken) in [
        &b""[..],
        b"   ",
        b"{",
        b"[1]",
        b"{\"ImageName\": 1} x",
        b"{\"ImageName\" 1}",
        b"{\"ImageName\": \"a\",}",
        b"{\"a\": [1, }",
        b"\xff\xfe",
        b"null",
        b"ImageName=a&ImageName=b&DiskDeviceMapping.1.OSSBucket=x#frag",
        b"{\"DiskDeviceMapping\": [{\"OSSBucket\": \"b\", \"OSSObject\": \"o\"}], \"DiskDeviceMapping.1.OSSBucket\": \"b\"}",
        b"{\"RegionId\": NaN, \"ImageName\": Infinity, \"Description\": undefined}",
        b"{\"DiskDeviceMapping.0.OSSBucket\": \"b\", \"DiskDeviceMapping.18.OSSObject\": \"o\", \"Tag.21.Key\": \"k\"}",
        b"{\"Imagename\": \"a\", \"<Common Request Parameters>\": \"\", \"Description\": \"\"}",
        b"{\"AccessKeySecret\": \"abcdefghijklmnopqrstuvwxyz0123\", \"ImageName\": \"http://x\"}",
    ]
    .into_iter()
    .enumerate()
    {
        inputs.push((format!("broken input {i}"), broken.to_vec()));
    }
    let mut n = Count::default();
    for p in profile::PROFILES {
        let en = linter(p, Lang::En);
        for &lang in &Lang::ALL[1..] {
            let other = linter(p, lang);
            for (what, bytes) in &inputs {
                let (a, b) = (en.lint_bytes(bytes), other.lint_bytes(bytes));
                compare(&mut n, what, &a.diagnostics, &b.diagnostics, lang);
            }
            for param in p.params {
                for value in [
                    "",
                    " x ",
                    "-1",
                    "99999999",
                    "a\u{202E}b",
                    "http://example.com",
                    "ab",
                ] {
                    let what = format!("{} = {value:?} under {}", param.name(), p.id);
                    let (a, b) = (
                        en.validate_field(param.name(), value, None),
                        other.validate_field(param.name(), value, None),
                    );
                    compare(&mut n, &what, &a, &b, lang);
                }
            }
        }
    }
    assert!(n.texts > 1000, "{}", n.texts);
    assert!(
        n.english_seen * 10 > n.texts * 9,
        "{} of {}",
        n.english_seen,
        n.texts
    );
}

/// The Terraform and shell fixtures, in every language.
#[test]
fn every_embedded_request_reads_in_every_language() {
    use crate::embedded::{Context, Host};
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let files = [
        ("terraform/mistakes.tf", Host::Terraform),
        ("terraform/computed.tf", Host::Terraform),
        ("terraform/module/main.tf", Host::Terraform),
        ("terraform/provider-docs.tf", Host::Terraform),
        ("shell/import-images.sh", Host::AliyunCli),
    ];
    let mut n = Count::default();
    for p in profile::PROFILES {
        for (file, host) in files {
            let src = std::fs::read_to_string(format!("{root}/{file}")).unwrap();
            let en = linter(p, Lang::En).lint_embedded(&src, host, &Context::default());
            for &lang in &Lang::ALL[1..] {
                let other = linter(p, lang).lint_embedded(&src, host, &Context::default());
                assert_eq!(en.len(), other.len());
                for (a, b) in en.iter().zip(&other) {
                    compare(
                        &mut n,
                        file,
                        &a.report.diagnostics,
                        &b.report.diagnostics,
                        lang,
                    );
                }
            }
        }
    }
    assert!(n.texts > 40, "{}", n.texts);
}

/// The role fixtures and each role rule's examples, in every language.
#[test]
fn every_role_finding_reads_in_every_language() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/role");
    let mut bundles: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    bundles.extend(["", "{", "[]", "{\"RoleName\": 1}"].map(String::from));
    let en = linter(profile::DEFAULT, Lang::En);
    let mut n = Count::default();
    for &lang in &Lang::ALL[1..] {
        let other = linter(profile::DEFAULT, lang);
        for b in &bundles {
            for request in [None, Some(crate::GOOD_REQUEST), Some("{")] {
                let (x, y) = (en.lint_role(b, request), other.lint_role(b, request));
                compare(&mut n, "role bundle", &x.diagnostics, &y.diagnostics, lang);
            }
        }
    }
    assert!(
        n.texts > 10 && n.english_seen * 10 > n.texts * 9,
        "{} {}",
        n.texts,
        n.english_seen
    );
}
