#![no_main]
//! The field validation the npm package uses: a parameter name, a value and a context,
//! split out of the input at the first two NUL bytes.
use importimage_lint::{profile, Linter, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let mut parts = s.splitn(3, '\0');
    let param = parts.next().unwrap_or_default();
    let value = parts.next().unwrap_or_default();
    let context = parts.next();
    for p in profile::PROFILES {
        let linter = Linter::new(Options::default().with_profile(p));
        for d in linter.validate_field(param, value, context) {
            assert!(d.span.is_none());
        }
    }
});
