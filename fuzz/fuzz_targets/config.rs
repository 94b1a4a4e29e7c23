#![no_main]
//! The configuration file parser: any text gives a configuration or a clear error.
use importimage_lint::config::parse_config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        if let Err(e) = parse_config(s) {
            assert!(!e.message.is_empty());
        }
    }
});
