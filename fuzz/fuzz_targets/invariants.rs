#![no_main]
//! Properties beyond "no panic": the report serialises to JSON and parses back, the
//! hand-written `Report::to_json` gives exactly serde_json's text, every span
//! lies on character boundaries inside the input, `valid` agrees with the severities, and
//! the same input always gives the same report.
use importimage_lint::{lint_bytes, Rule, Severity};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = lint_bytes(data);
    let json = serde_json::to_string(&report).expect("serialises");
    assert_eq!(report.to_json(), json, "Report::to_json differs from serde_json");
    let back: serde_json::Value = serde_json::from_str(&json).expect("parses back");
    assert_eq!(back["valid"], report.valid);
    assert_eq!(back["diagnostics"].as_array().map(Vec::len), Some(report.diagnostics.len()));

    let text = match std::str::from_utf8(data) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).unwrap(),
    };
    for d in &report.diagnostics {
        if let Some(s) = d.span {
            assert!(s.start <= s.end && s.end <= text.len(), "{s:?} outside {}", text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{s:?}");
            assert!(s.line >= 1 && s.column >= 1);
            assert!(s.utf16_start <= s.utf16_end);
        }
    }

    let capped = report.diagnostics.iter().any(|d| d.rule == Rule::TooManyDiagnostics);
    let has_error = report.diagnostics.iter().any(|d| d.severity == Severity::Error);
    if capped {
        assert!(!has_error || !report.valid);
    } else {
        assert_eq!(report.valid, !has_error);
    }

    assert_eq!(lint_bytes(data), report, "deterministic");
});
