//! `docs/spec-trace.md` maps every rule-stating sentence of the specification to rule ids and
//! tests. This keeps it honest: every rule id and test it names exists, and every rule
//! appears in it at least once.

use std::collections::BTreeSet;
use std::path::Path;

use importimage_lint::Rule;

/// The backticked items of a table cell.
fn ticked(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

#[test]
fn every_rule_and_test_named_exists_and_every_rule_appears() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/spec-trace.md")).unwrap();
    let mut rules_seen = BTreeSet::new();
    let mut rows = 0;
    let mut tests = 0;
    for line in doc
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| where"))
    {
        let cells: Vec<&str> = line.split(" | ").collect();
        assert_eq!(cells.len(), 4, "four columns: {line}");
        rows += 1;
        for id in ticked(cells[2]) {
            let rule = Rule::from_id(id).unwrap_or_else(|| panic!("no rule `{id}`: {line}"));
            rules_seen.insert(rule);
        }
        for item in ticked(cells[3]).into_iter().filter(|t| t.contains("::")) {
            let (file, name) = item.split_once("::").unwrap();
            let text = std::fs::read_to_string(root.join(file))
                .unwrap_or_else(|e| panic!("{file}: {e} ({line})"));
            assert!(
                text.contains(&format!("fn {name}(")),
                "no test {name} in {file}: {line}"
            );
            tests += 1;
        }
        assert!(
            cells[2].trim() != "—" || cells[3].len() > 10,
            "a row without rules says why: {line}"
        );
    }
    assert!(rows >= 60 && tests >= 60, "{rows} rows, {tests} tests");
    let missing: Vec<&str> = Rule::ALL
        .iter()
        .filter(|r| !rules_seen.contains(r))
        .map(|r| r.id())
        .collect();
    assert!(
        missing.is_empty(),
        "rules absent from docs/spec-trace.md: {missing:?}"
    );
}
