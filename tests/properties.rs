//! Properties over generated requests: every parameter, every enum value, N up to 17, Han
//! names. A valid request is valid in all three forms and all three give the same
//! findings; reordering keys changes nothing; one bad field flags exactly that parameter;
//! no input panics.

use std::collections::BTreeSet;

use importimage_lint::{lint_str, Report, Severity};
use proptest::prelude::*;

const ARCH: &[&str] = &["i386", "x86_64"];
const OS: &[&str] = &["Windows", "Linux"];
/// The spec's Platform values, read from the profile table the rules use.
fn platforms() -> Vec<&'static str> {
    match importimage_lint::profile::SPEC_2019
        .param("Platform")
        .unwrap()
        .kind()
    {
        importimage_lint::profile::Kind::Enum(c) => c.spellings().collect(),
        _ => unreachable!("Platform is an enumeration"),
    }
}
const FORMATS: &[&str] = &["RAW", "VHD", "qcow2"];
const REGIONS: &[&str] = &[
    "cn-hangzhou",
    "cn-beijing",
    "ap-southeast-1",
    "eu-central-1",
    "cn-north-2-gov-1",
];

#[derive(Debug, Clone)]
struct Disk {
    bucket: String,
    object: String,
    format: Option<&'static str>,
    size: Option<u64>,
}

#[derive(Debug, Clone)]
struct Req {
    fields: Vec<(String, String)>,
    disks: Vec<Disk>,
}

fn han() -> impl Strategy<Value = char> {
    prop_oneof![
        (0x4E00u32..=0x9FFF).prop_map(|c| char::from_u32(c).unwrap()),
        (0x20000u32..=0x2A6DF).prop_map(|c| char::from_u32(c).unwrap())
    ]
}

fn name_char() -> impl Strategy<Value = char> {
    prop_oneof![4 => proptest::char::range('a', 'z'), 2 => proptest::char::range('0', '9'), 1 => prop::sample::select(vec![':', '_', '-']), 2 => han()]
}

fn image_name() -> impl Strategy<Value = String> {
    (
        prop_oneof![proptest::char::range('A', 'Z'), han()],
        prop::collection::vec(name_char(), 1..60),
    )
        .prop_map(|(first, rest)| std::iter::once(first).chain(rest).collect())
}

fn bucket() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9-]{1,20}[a-z0-9]"
}

fn disk(n: usize) -> impl Strategy<Value = Disk> {
    let (lo, hi) = if n == 1 { (5u64, 500u64) } else { (5, 1000) };
    (
        bucket(),
        "[a-zA-Z0-9_]{1,12}(/[a-z0-9]{1,8}){0,2}",
        prop::option::of(prop::sample::select(FORMATS)),
        prop::option::of(lo..=hi),
    )
        .prop_map(|(bucket, stem, format, size)| {
            let ext = match format {
                Some("RAW") => ".raw",
                Some("VHD") => ".vhd",
                Some(_) => ".qcow2",
                None => ".img",
            };
            Disk {
                bucket,
                object: format!("{stem}{ext}"),
                format,
                size,
            }
        })
}

fn request() -> impl Strategy<Value = Req> {
    (
        prop::sample::select(REGIONS),
        prop::option::of(image_name()),
        prop::option::of("[ -~]{0,40}".prop_filter("no URL start", |s| {
            !s.to_ascii_lowercase().starts_with("http")
        })),
        prop::option::of(prop::sample::select(ARCH)),
        prop::sample::select(platforms()),
        1usize..=17,
    )
        .prop_flat_map(|(region, name, description, arch, platform, count)| {
            let disks: Vec<_> = (1..=count).map(disk).collect();
            (Just((region, name, description, arch, platform)), disks)
        })
        .prop_map(|((region, name, description, arch, platform), disks)| {
            let mut fields = vec![("RegionId".to_owned(), region.to_owned())];
            if let Some(n) = name {
                fields.push(("ImageName".into(), n));
            }
            if let Some(d) = description {
                fields.push(("Description".into(), d));
            }
            if let Some(a) = arch {
                fields.push(("Architecture".into(), a.to_owned()));
            }
            let os = if platform.starts_with("Windows") {
                OS[0]
            } else {
                OS[1]
            };
            fields.push(("OSType".into(), os.to_owned()));
            fields.push(("Platform".into(), platform.to_owned()));
            Req { fields, disks }
        })
}

fn flat_pairs(r: &Req) -> Vec<(String, String)> {
    let mut out = r.fields.clone();
    for (i, d) in r.disks.iter().enumerate() {
        let n = i + 1;
        out.push((format!("DiskDeviceMapping.{n}.OSSBucket"), d.bucket.clone()));
        out.push((format!("DiskDeviceMapping.{n}.OSSObject"), d.object.clone()));
        if let Some(f) = d.format {
            out.push((format!("DiskDeviceMapping.{n}.Format"), f.to_owned()));
        }
        if let Some(s) = d.size {
            out.push((
                format!("DiskDeviceMapping.{n}.DiskImageSize"),
                s.to_string(),
            ));
        }
    }
    out
}

fn json_object(pairs: &[(String, serde_json::Value)]) -> String {
    let body: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}: {}", serde_json::to_string(k).unwrap(), v))
        .collect();
    format!("{{{}}}", body.join(", "))
}

fn flat_json(pairs: &[(String, String)]) -> String {
    json_object(
        &pairs
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect::<Vec<_>>(),
    )
}

fn nested_json(r: &Req) -> String {
    let mut pairs: Vec<(String, serde_json::Value)> = r
        .fields
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
        .collect();
    let disks: Vec<serde_json::Value> = r
        .disks
        .iter()
        .map(|d| {
            let mut m = serde_json::Map::new();
            m.insert("OSSBucket".into(), d.bucket.clone().into());
            m.insert("OSSObject".into(), d.object.clone().into());
            if let Some(f) = d.format {
                m.insert("Format".into(), f.into());
            }
            if let Some(s) = d.size {
                m.insert("DiskImageSize".into(), s.into());
            }
            serde_json::Value::Object(m)
        })
        .collect();
    pairs.push(("DiskDeviceMapping".into(), serde_json::Value::Array(disks)));
    json_object(&pairs)
}

fn encode(s: &str) -> String {
    importimage_lint::percent_encode(s, b"")
}

/// A typical mistake, fixable or not, made to one parameter of a request.
fn mistake() -> impl Strategy<Value = (u8, String)> {
    prop_oneof![
        Just((0, " centos-7 ".to_owned())),
        Just((0, "centos 7.9".to_owned())),
        Just((0, "7centos ".to_owned())),
        Just((1, "linux".to_owned())),
        Just((1, " Linux".to_owned())),
        Just((1, "windows ".to_owned())),
        Just((2, "centos".to_owned())),
        Just((2, " Ubuntu ".to_owned())),
        Just((2, "windows server 2012".to_owned())),
        Just((3, "X86_64".to_owned())),
        Just((4, "QCOW2".to_owned())),
        Just((4, "raw ".to_owned())),
        Just((5, "40 GiB".to_owned())),
        Just((5, "600 GiB".to_owned())),
        Just((5, " 40 ".to_owned())),
        Just((5, " 900 ".to_owned())),
        Just((5, "-3".to_owned())),
        Just((6, "oss://ecsimageos/a.raw".to_owned())),
        Just((6, "oss://ecsimageos/dir/b.raw".to_owned())),
        Just((6, "ecsimageos.oss-cn-hangzhou.aliyuncs.com".to_owned())),
        Just((6, "ecsimageos.oss-cn-beijing.aliyuncs.com".to_owned())),
        Just((6, " ecsimageos".to_owned())),
        Just((6, "ECS_Images".to_owned())),
        Just((7, "/a.raw".to_owned())),
        Just((7, "oss://ecsimageos/a.raw".to_owned())),
        Just((7, "oss://other-bucket/a.raw".to_owned())),
        Just((
            7,
            "https://ecsimageos.oss-cn-beijing.aliyuncs.com/a.raw".to_owned()
        )),
        Just((8, "CN-HANGZHOU".to_owned())),
        Just((8, "cn_hangzhou".to_owned())),
        Just((8, "cn-hangzhou ".to_owned())),
        Just((9, "http://wiki".to_owned())),
    ]
}

/// Applies mistakes to the flat parameters of a request (disk mistakes to disk 1).
fn with_mistakes(pairs: &mut Vec<(String, String)>, mistakes: &[(u8, String)]) {
    for (which, value) in mistakes {
        let name = match which {
            0 => "ImageName",
            1 => "OSType",
            2 => "Platform",
            3 => "Architecture",
            4 => "DiskDeviceMapping.1.Format",
            5 => "DiskDeviceMapping.1.DiskImageSize",
            6 => "DiskDeviceMapping.1.OSSBucket",
            7 => "DiskDeviceMapping.1.OSSObject",
            8 => "RegionId",
            _ => "Description",
        };
        match pairs.iter_mut().find(|(k, _)| k == name) {
            Some(slot) => slot.1 = value.clone(),
            None => pairs.push((name.to_owned(), value.clone())),
        }
    }
}

/// Errors by (rule, param).
fn errors(r: &Report) -> BTreeSet<(String, Option<String>)> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.rule.id().to_owned(), d.param.clone()))
        .collect()
}

/// Applying every fix and linting again leaves no error that was not there before, and
/// never turns a request with an error that had no fix into a valid one.
fn fixes_hold(linter: &importimage_lint::Linter, text: &str) -> Result<(), String> {
    let before = linter.lint_str(text);
    let Some(fixed) = importimage_lint::apply_fixes(text, &before) else {
        return Ok(());
    };
    let after = linter.lint_str(&fixed);
    let new: Vec<_> = errors(&after)
        .difference(&errors(&before))
        .cloned()
        .collect();
    if !new.is_empty() {
        return Err(format!("new errors {new:?}\n{text}\n→ {fixed}"));
    }
    let unfixed = before
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error && d.fix.is_none());
    if unfixed && after.valid {
        return Err(format!("an unfixed error vanished\n{text}\n→ {fixed}"));
    }
    Ok(())
}

#[test]
fn fixes_never_make_a_fixture_worse() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for dir in ["fail", "pass", "pass-current", "hostile"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            for p in importimage_lint::profile::PROFILES {
                let linter = importimage_lint::Linter::new(
                    importimage_lint::Options::default().with_profile(p),
                );
                if let Err(e) = fixes_hold(&linter, &text) {
                    panic!("{} under {}: {e}", path.display(), p.id);
                }
            }
        }
    }
}

fn query(pairs: &[(String, String)]) -> String {
    let mut q = String::from("Action=ImportImage");
    for (k, v) in pairs {
        q.push_str(&format!("&{}={}", encode(k), encode(v)));
    }
    q
}

/// The findings without positions, comparable across forms.
fn findings(r: &Report) -> BTreeSet<(String, Option<String>, Severity)> {
    r.diagnostics
        .iter()
        .map(|d| (d.rule.id().to_owned(), d.param.clone(), d.severity))
        .collect()
}

fn error_params(r: &Report) -> BTreeSet<String> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter_map(|d| d.param.clone())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn valid_requests_are_valid_in_every_form(r in request()) {
        let pairs = flat_pairs(&r);
        let flat = lint_str(&flat_json(&pairs));
        prop_assert!(flat.valid, "{:#?}", flat.diagnostics);
        let nested = lint_str(&nested_json(&r));
        let q = lint_str(&query(&pairs));
        prop_assert_eq!(findings(&flat), findings(&nested));
        prop_assert_eq!(findings(&flat), findings(&q));
        prop_assert_eq!(&flat.effective, &nested.effective);
    }

    #[test]
    fn reordering_keys_changes_nothing(r in request(), seed in any::<u64>()) {
        let mut pairs = flat_pairs(&r);
        let before = lint_str(&flat_json(&pairs));
        let len = pairs.len();
        let mut s = seed;
        for i in (1..len).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            pairs.swap(i, (s >> 33) as usize % (i + 1));
        }
        let after = lint_str(&flat_json(&pairs));
        prop_assert_eq!(findings(&before), findings(&after));
        prop_assert!(after.valid);
    }

    #[test]
    fn one_bad_field_flags_exactly_that_parameter(r in request(), which in 0usize..10, pick in any::<prop::sample::Index>()) {
        let mut pairs = flat_pairs(&r);
        let n = pick.index(r.disks.len()) + 1;
        let (param, bad): (String, &str) = match which {
            0 => ("ImageName".into(), "9lives"),
            1 => ("Description".into(), "https://example.com"),
            2 => ("Architecture".into(), "amd64"),
            3 => ("OSType".into(), "Mac"),
            4 => ("Platform".into(), "Arch Linux"),
            5 => ("RegionId".into(), "CN_Hangzhou"),
            6 => (format!("DiskDeviceMapping.{n}.Format"), "ISO"),
            7 => (format!("DiskDeviceMapping.{n}.DiskImageSize"), "4"),
            8 => (format!("DiskDeviceMapping.{n}.OSSBucket"), "Bad_Bucket"),
            _ => (format!("DiskDeviceMapping.{n}.OSSObject"), "/leading-slash.raw"),
        };
        match pairs.iter_mut().find(|(k, _)| *k == param) {
            Some(slot) => slot.1 = bad.to_owned(),
            None => pairs.push((param.clone(), bad.to_owned())),
        }
        for text in [flat_json(&pairs), query(&pairs)] {
            let report = lint_str(&text);
            prop_assert!(!report.valid);
            let expected: BTreeSet<String> = [param.clone()].into();
            prop_assert_eq!(error_params(&report), expected, "{:#?}", report.diagnostics);
        }
    }

    #[test]
    fn fixes_never_make_a_request_worse(r in request(), mistakes in prop::collection::vec(mistake(), 0..4)) {
        let mut pairs = flat_pairs(&r);
        with_mistakes(&mut pairs, &mistakes);
        for p in importimage_lint::profile::PROFILES {
            let linter = importimage_lint::Linter::new(importimage_lint::Options::default().with_profile(p));
            for text in [flat_json(&pairs), query(&pairs)] {
                if let Err(e) = fixes_hold(&linter, &text) {
                    prop_assert!(false, "under {}: {}", p.id, e);
                }
            }
        }
    }

    #[test]
    fn the_verdict_only_entry_agrees_with_the_report(
        r in request(),
        mistakes in prop::collection::vec(mistake(), 0..4),
        cap in 0usize..3,
        off in any::<prop::sample::Index>(),
        suppress in any::<bool>(),
    ) {
        use importimage_lint::{profile::PROFILES, Linter, Options, Rule};
        let mut pairs = flat_pairs(&r);
        with_mistakes(&mut pairs, &mistakes);
        let mut texts = vec![flat_json(&pairs), nested_json(&r), query(&pairs)];
        if suppress {
            // An inline suppression of the first error's rule, in a query and a JSON comment.
            let first = lint_str(&texts[2]).diagnostics.into_iter().find(|d| d.severity == Severity::Error);
            if let Some(d) = first {
                texts.push(format!("# importimage-lint: ignore-file[{}]\n{}", d.rule.id(), texts[2]));
                texts.push(format!("// importimage-lint: ignore-file[{}]\n{}", d.rule.id(), texts[0]));
            }
        }
        let rule = Rule::ALL[off.index(Rule::ALL.len())];
        for p in PROFILES {
            let options = [
                Options::default().with_profile(p),
                Options::default().with_profile(p).with_max_diagnostics(cap),
                Options::default().with_profile(p).with_severity(rule, None),
                Options::default().with_profile(p).with_severity(rule, Some(Severity::Error)),
                Options::default().with_profile(p).with_max_input_bytes(64),
            ];
            for o in options {
                let linter = Linter::new(o);
                for t in &texts {
                    prop_assert_eq!(linter.is_valid(t), linter.lint_str(t).valid, "under {}: {}", p.id, t);
                    prop_assert_eq!(linter.is_valid_json(t), linter.lint_json(t).valid, "under {}: {}", p.id, t);
                }
            }
        }
    }

    #[test]
    fn no_input_panics(s in ".{0,200}") {
        let r = lint_str(&s);
        prop_assert_eq!(r.valid, !r.diagnostics.iter().any(|d| d.severity == Severity::Error));
        prop_assert_eq!(importimage_lint::Linter::default().is_valid(&s), r.valid);
    }

    #[test]
    fn no_structured_input_panics(parts in prop::collection::vec(prop_oneof![
        Just("{".to_owned()), Just("}".to_owned()), Just("[".to_owned()), Just("]".to_owned()), Just(",".to_owned()),
        Just(":".to_owned()), Just("\"DiskDeviceMapping\"".to_owned()), Just("\"RegionId\"".to_owned()), Just("null".to_owned()),
        Just("&".to_owned()), Just("=".to_owned()), Just("%".to_owned()), "\"[^\"\\\\]{0,8}\"", "-?[0-9]{1,25}",
    ], 0..40)) {
        let s: String = parts.concat();
        let _ = lint_str(&s);
        let _ = importimage_lint::lint_bytes(s.as_bytes());
    }
}
