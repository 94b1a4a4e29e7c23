#![no_main]
//! Text forced through the query-string and URL reader.
use importimage_lint::lint_query;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = lint_query(s);
        let _ = lint_query(&format!("https://ecs.aliyuncs.com/?Action=ImportImage&{s}"));
    }
});
