#![no_main]
//! Arbitrary bytes through the form-detecting entry point, under every profile.
use importimage_lint::{profile, Linter, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for p in profile::PROFILES {
        let report = Linter::new(Options::default().with_profile(p)).lint_bytes(data);
        assert!(!report.diagnostics.is_empty() || report.valid);
    }
});
