//! A batch linted on several threads (`Linter::lint_bytes_detached`, then `Batch::merge` in
//! order) gives exactly the reports of the same batch linted in turn, whatever the options
//! (the duplicate rule as an error or off, a cap on diagnostics) and input forms.

use importimage_lint::{Linter, Options, Rule, Severity};
use proptest::prelude::*;

fn request(region: &str, name: &str, form: u8, extra: &str) -> String {
    match form {
        0 => format!(r#"{{"RegionId": "{region}", "ImageName": "{name}", "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw"{extra}}}"#),
        1 => format!(r#"{{"RegionId": "{region}", "ImageName": "{name}", "DiskDeviceMapping": [{{"OSSBucket": "b12", "OSSObject": "a.raw"}}]{extra}}}"#),
        2 => format!("RegionId={region}&ImageName={}&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=a.raw", name.replace(' ', "+")),
        3 => format!("# importimage-lint: ignore[duplicate-image-name]\nRegionId={region}&ImageName={name}&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=a.raw"),
        _ => format!("{{\"RegionId\": \"{region}\", \"ImageName\": \"{name}\""),
    }
}

fn options(choice: u8) -> Options {
    match choice {
        0 => Options::default(),
        1 => Options::default().with_severity(Rule::DuplicateImageName, Some(Severity::Error)),
        2 => Options::default().with_severity(Rule::DuplicateImageName, None),
        _ => Options::default().with_max_diagnostics(1),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
    #[test]
    fn detached_and_merged_equals_in_turn(
        items in prop::collection::vec((0usize..2, 0usize..3, 0u8..5, any::<bool>()), 1..12),
        choice in 0u8..4,
    ) {
        let linter = Linter::new(options(choice));
        let texts: Vec<String> = items
            .iter()
            .map(|&(r, n, form, bad)| {
                let region = ["cn-hangzhou", "cn-beijing"][r];
                let name = ["web-1", "web 2", "镜像"][n];
                request(region, name, form, if bad { r#", "Foo": "1", "ImageName": "x""# } else { "" })
            })
            .collect();
        let mut in_turn = linter.batch();
        let expected: Vec<String> = texts
            .iter()
            .map(|t| serde_json::to_string(&in_turn.lint_bytes(t.as_bytes())).unwrap())
            .collect();
        let detached: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = texts.iter().map(|t| s.spawn(|| linter.lint_bytes_detached(t.as_bytes()))).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut merged = linter.batch();
        let got: Vec<String> = detached
            .into_iter()
            .map(|d| serde_json::to_string(&merged.merge(d)).unwrap())
            .collect();
        prop_assert_eq!(got, expected);
    }
}
