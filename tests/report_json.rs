//! The hand-written JSON of a report (`Report::to_json` and its parts) is, byte for byte,
//! what serde_json writes for the same report: on every request, hostile, batch and role
//! fixture, under both profiles and both languages, with a cap on findings, and in a batch
//! (where findings point at earlier requests). The reports compared use every member a
//! diagnostic can carry; the test checks that they do.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use importimage_lint::{profile, Diagnostic, Lang, Linter, Options, Report};

fn texts(dirs: &[&str]) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in dirs {
        let mut entries: Vec<_> = fs::read_dir(root.join(dir)).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            if p.is_file() {
                let bytes = fs::read(&p).unwrap();
                out.push((
                    p.display().to_string(),
                    String::from_utf8_lossy(&bytes).into_owned(),
                ));
            }
        }
    }
    out
}

/// Compares every hand-written form of `r` with serde_json's; records the members seen.
fn compare(label: &str, r: &Report, seen: &mut BTreeSet<String>) {
    let serde = serde_json::to_string(r).unwrap();
    assert_eq!(r.to_json(), serde, "{label}");
    let mut value: serde_json::Value = serde_json::from_str(&serde).unwrap();
    value.as_object_mut().unwrap().remove("effective");
    let without = r.to_json_without_effective();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&without).unwrap(),
        value,
        "{label}"
    );
    assert!(serde.starts_with(&without[..without.len() - 1]), "{label}");
    let mut effective = String::new();
    r.effective.write_json(&mut effective);
    assert_eq!(
        effective,
        serde_json::to_string(&r.effective).unwrap(),
        "{label}"
    );
    let mut array = String::new();
    Diagnostic::write_json_array(&r.diagnostics, &mut array);
    assert_eq!(
        array,
        serde_json::to_string(&r.diagnostics).unwrap(),
        "{label}"
    );
    for d in &value["diagnostics"].as_array().unwrap().clone() {
        for (k, v) in d.as_object().unwrap() {
            seen.insert(format!("{k}{}", if v.is_null() { " null" } else { "" }));
        }
        for k in d["data"].as_object().unwrap().keys() {
            seen.insert(format!("data.{k}"));
        }
    }
}

#[test]
fn the_hand_written_json_is_what_serde_json_writes() {
    let mut seen = BTreeSet::new();
    let requests = texts(&[
        "tests/fixtures/pass",
        "tests/fixtures/pass-current",
        "tests/fixtures/fail",
        "tests/fixtures/hostile",
        "examples",
    ]);
    let mut count = 0;
    for p in profile::PROFILES {
        for &lang in Lang::ALL {
            for max in [usize::MAX, 2] {
                let linter = Linter::new(
                    Options::default()
                        .with_profile(p)
                        .with_lang(lang)
                        .with_max_diagnostics(max),
                );
                let mut batch = linter.batch();
                for (label, text) in &requests {
                    compare(label, &linter.lint_str(text), &mut seen);
                    compare(label, &batch.lint_str(text), &mut seen);
                    count += 2;
                }
                for line in fs::read_to_string(
                    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/batch.ndjson"),
                )
                .unwrap()
                .lines()
                {
                    compare("batch.ndjson", &batch.lint_str(line), &mut seen);
                }
                for (label, bundle) in texts(&["tests/fixtures/role"]) {
                    compare(
                        &label,
                        &linter.lint_role(&bundle, Some(&requests[0].1)),
                        &mut seen,
                    );
                    compare(&label, &linter.lint_role(&bundle, None), &mut seen);
                }
            }
        }
    }
    assert!(count > 1000, "{count} reports");
    for member in [
        "rule",
        "severity",
        "code",
        "code null",
        "param",
        "param null",
        "message",
        "help",
        "help null",
        "fix",
        "fix null",
        "data",
        "span",
        "span null",
        "related_params",
        "data.value",
        "data.min",
        "data.max",
        "data.actual",
        "data.unit",
        "data.allowed",
        "data.expected",
        "data.character",
        "data.omitted",
        "data.earlier",
    ] {
        assert!(
            seen.contains(member),
            "no report compared carries {member}: {seen:?}"
        );
    }
}
