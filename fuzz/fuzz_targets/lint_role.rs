#![no_main]
//! Role bundles: arbitrary text as a bundle, with the bundled good request and without.
use importimage_lint::{lint_role, GOOD_REQUEST};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let a = lint_role(s, None);
        let b = lint_role(s, Some(GOOD_REQUEST));
        assert_eq!(a.valid, !a.diagnostics.iter().any(|d| d.severity == importimage_lint::Severity::Error) || a.diagnostics.iter().any(|d| d.rule == importimage_lint::Rule::TooManyDiagnostics));
        let _ = b;
    }
});
