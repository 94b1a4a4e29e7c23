//! Every rule against its fixtures: each failing fixture asserts its rule id and param in
//! code and keeps an insta snapshot of the whole report; every passing fixture is valid.

use std::fs;
use std::path::Path;

use importimage_lint::{lint_bytes, Report};

fn fixture(dir: &str, name: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
        .join(name);
    lint_bytes(&fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
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
            insta::assert_json_snapshot!(
                format!("fail__{}", file.split('.').next().unwrap()),
                report
            );
        }
    }
    assert!(seen.len() >= 45);
}

#[test]
fn passing_fixtures_are_valid() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pass");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(names.len() >= 5);
    for name in names {
        let report = fixture("pass", &name);
        assert!(report.valid, "{name}: {:#?}", report.diagnostics);
        assert_eq!(
            report.count(importimage_lint::Severity::Warning),
            0,
            "{name}: {:#?}",
            report.diagnostics
        );
        insta::assert_json_snapshot!(format!("pass__{}", name.split('.').next().unwrap()), report);
    }
}
