//! Every rule against its fixtures: each failing fixture asserts its rule id and param in
//! code and keeps an insta snapshot of the whole report; every passing fixture is valid.
//! A fixture whose name starts with `current.`, or that lies in `pass-current/`, is judged
//! by the `current` profile.

use std::fs;
use std::path::Path;

use importimage_lint::{profile, Linter, Options, Report, Severity};

fn fixture(dir: &str, name: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
        .join(name);
    let current = name.starts_with("current.") || dir.ends_with("current");
    let profile = if current {
        &profile::CURRENT
    } else {
        &profile::SPEC_2019
    };
    let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Linter::new(Options::default().with_profile(profile)).lint_bytes(&bytes)
}

/// The snapshot name of a fixture: its file name without the `.import-image.*` ending.
fn stem(name: &str) -> &str {
    name.split(".import-image").next().unwrap()
}

#[test]
fn failing_fixtures_flag_their_rule_and_param() {
    let expected = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fail/EXPECTED.txt"
    ))
    .unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for line in expected.lines().filter(|l| !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, rule, param) = (cols[0], cols[1], cols[2]);
        let report = fixture("fail", file);
        let param = (param != "-").then_some(param);
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.rule.id() == rule && d.param.as_deref() == param),
            "{file}: expected {rule} on {param:?}, got {:#?}",
            report.diagnostics
        );
        if seen.insert(file) {
            insta::assert_json_snapshot!(format!("fail__{}", stem(file)), report);
        }
    }
    assert!(seen.len() >= 52, "{}", seen.len());
}

#[test]
fn passing_fixtures_are_valid() {
    for dir in ["pass", "pass-current"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(dir);
        let mut names: Vec<String> = fs::read_dir(&path)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert!(!names.is_empty(), "{dir}");
        for name in names {
            let report = fixture(dir, &name);
            assert!(report.valid, "{name}: {:#?}", report.diagnostics);
            assert_eq!(
                report.count(Severity::Warning),
                0,
                "{name}: {:#?}",
                report.diagnostics
            );
            insta::assert_json_snapshot!(format!("{dir}__{}", stem(&name)), report);
        }
    }
}
