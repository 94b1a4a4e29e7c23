#![no_main]
//! Text forced through the JSON reader (the hand-written scanner).
use importimage_lint::lint_json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = lint_json(s);
        // The same text wrapped as a value and as a nested disk, to reach deeper paths.
        let _ = lint_json(&format!("{{\"RegionId\": \"cn-hangzhou\", \"DiskDeviceMapping\": [{s}]}}"));
    }
});
