//! Hostile inputs, through the library and through the CLI: each ends in a clear
//! diagnostic or a clean report, never a panic, a hang or unbounded memory.

use std::io::Write;
use std::process::{Command, Stdio};

use importimage_lint::{
    lint_bytes, lint_str, Linter, Report, Rule, Severity, DEFAULT_MAX_DIAGNOSTICS,
};

const DISK: &str =
    r#""DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw""#;

fn cases() -> Vec<(&'static str, Vec<u8>)> {
    let mut v: Vec<(&'static str, Vec<u8>)> = Vec::new();
    v.push((
        "10 MB string value",
        format!(
            r#"{{"RegionId": "cn-hangzhou", "Description": "{}", {DISK}}}"#,
            "x".repeat(10_000_000)
        )
        .into_bytes(),
    ));
    v.push((
        "10 MB image name",
        format!(
            r#"{{"RegionId": "cn-hangzhou", "ImageName": "{}", {DISK}}}"#,
            "a b".repeat(3_400_000)
        )
        .into_bytes(),
    ));
    let flat: String = (1..=100_000)
        .map(|n| format!(r#""DiskDeviceMapping.{n}.OSSBucket": "b{n:03}""#))
        .collect::<Vec<_>>()
        .join(",");
    v.push((
        "100,000 flat disk mappings",
        format!(r#"{{"RegionId": "cn-hangzhou", {flat}}}"#).into_bytes(),
    ));
    let nested: String = (0..100_000)
        .map(|_| r#"{"OSSBucket": "ecsimageos", "OSSObject": "a.raw"}"#)
        .collect::<Vec<_>>()
        .join(",");
    v.push((
        "100,000 nested disk mappings",
        format!(r#"{{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{nested}]}}"#).into_bytes(),
    ));
    v.push(("n = 2^70", format!(r#"{{"RegionId": "cn-hangzhou", {DISK}, "DiskDeviceMapping.1180591620717411303424.OSSBucket": "b12"}}"#).into_bytes()));
    v.push((
        "n = -1",
        format!(
            r#"{{"RegionId": "cn-hangzhou", {DISK}, "DiskDeviceMapping.-1.OSSBucket": "b12"}}"#
        )
        .into_bytes(),
    ));
    v.push((
        "JSON nested 100,000 deep",
        format!(
            r#"{{"RegionId": {}{}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        )
        .into_bytes(),
    ));
    v.push((
        "invalid UTF-8",
        b"{\"RegionId\": \"cn-hang\xc3\x28zhou\"}".to_vec(),
    ));
    v.push((
        "lone surrogate escape",
        br#"{"RegionId": "\ud800"}"#.to_vec(),
    ));
    v.push((
        "NUL byte in JSON",
        b"{\"RegionId\": \"cn-hangzhou\0\"}".to_vec(),
    ));
    v.push((
        "escaped NUL in a value",
        format!(r#"{{"RegionId": "cn-hangzhou", "ImageName": "a\u0000b", {DISK}}}"#).into_bytes(),
    ));
    v.push((
        "NUL byte in a query",
        b"Action=ImportImage&RegionId=cn-hangzhou&ImageName=a\0b".to_vec(),
    ));
    v.push((
        "UTF-8 BOM",
        format!("\u{FEFF}{{\"RegionId\": \"cn-hangzhou\", {DISK}}}").into_bytes(),
    ));
    v.push((
        "CRLF line ends",
        format!("{{\r\n\"RegionId\": \"cn-hangzhou\",\r\n\"ImageName\": \"a b\",\r\n{DISK}\r\n}}")
            .into_bytes(),
    ));
    let unknown: String = (0..100_000)
        .map(|i| format!(r#""Unknown{i}": "x""#))
        .collect::<Vec<_>>()
        .join(",");
    v.push((
        "100,000 unknown keys",
        format!(r#"{{"RegionId": "cn-hangzhou", {DISK}, {unknown}}}"#).into_bytes(),
    ));
    v.push((
        "duplicate keys",
        format!(r#"{{"RegionId": "cn-hangzhou", "RegionId": "cn-hangzhou", {DISK}}}"#).into_bytes(),
    ));
    v.push((
        "1 MB query string",
        format!(
            "Action=ImportImage&RegionId=cn-hangzhou&Description={}",
            "y".repeat(1 << 20)
        )
        .into_bytes(),
    ));
    v.push((
        "percent-escapes decoding to invalid UTF-8",
        b"Action=ImportImage&RegionId=cn-hangzhou&ImageName=%FF%FE".to_vec(),
    ));
    v.push(("empty input", Vec::new()));
    v.push(("whitespace only", b"  \n\t ".to_vec()));
    v.push(("bare 42", b"42".to_vec()));
    v.push(("bare null", b"null".to_vec()));
    v.push(("16 MiB + 1", vec![b' '; 16 * 1024 * 1024 + 1]));
    v
}

fn check(name: &str, r: &Report) {
    assert!(!r.diagnostics.is_empty() || r.valid, "{name}");
    assert!(
        r.diagnostics.len() <= DEFAULT_MAX_DIAGNOSTICS + 1,
        "{name}: {} diagnostics",
        r.diagnostics.len()
    );
    assert_eq!(
        r.valid,
        !r.diagnostics.iter().any(|d| d.severity == Severity::Error)
            && !r
                .diagnostics
                .iter()
                .any(|d| d.rule == Rule::TooManyDiagnostics && !r.valid),
        "{name}"
    );
}

#[test]
fn library_survives_every_hostile_input() {
    for (name, input) in cases() {
        let r = lint_bytes(&input);
        check(name, &r);
        let expect_valid = matches!(
            name,
            "10 MB string value" | "UTF-8 BOM" | "1 MB query string"
        );
        if !expect_valid && name != "duplicate keys" {
            assert!(
                !r.valid || r.diagnostics.iter().any(|d| d.severity != Severity::Info),
                "{name} should be reported"
            );
        }
    }
}

#[test]
fn specific_verdicts() {
    let all = cases();
    let get = |n: &str| lint_bytes(&all.iter().find(|(name, _)| *name == n).unwrap().1);
    let d = get("invalid UTF-8");
    assert_eq!(d.diagnostics[0].rule, Rule::InvalidInput);
    assert_eq!(d.diagnostics[0].span.unwrap().start, 21);
    assert!(get("lone surrogate escape").diagnostics[0]
        .message
        .contains("surrogate"));
    assert!(get("JSON nested 100,000 deep").diagnostics[0]
        .message
        .contains("128"));
    let unknown = get("100,000 unknown keys");
    assert_eq!(unknown.diagnostics.len(), DEFAULT_MAX_DIAGNOSTICS + 1);
    let last = unknown.diagnostics.last().unwrap();
    assert_eq!(last.rule, Rule::TooManyDiagnostics);
    assert_eq!(
        last.data.omitted,
        Some(100_000 - DEFAULT_MAX_DIAGNOSTICS as u64)
    );
    assert!(unknown.valid, "unknown keys are warnings only");
    let flat = get("100,000 flat disk mappings");
    assert!(!flat.valid);
    assert!(flat.has(Rule::ParameterIndex, "DiskDeviceMapping.18.OSSBucket"));
    let nested = get("100,000 nested disk mappings");
    // Nested or flat, the 18th disk is named the same way.
    assert!(nested.has(Rule::ParameterIndex, "DiskDeviceMapping.18.OSSBucket"));
    assert!(get("n = 2^70").has(
        Rule::ParameterIndex,
        "DiskDeviceMapping.1180591620717411303424.OSSBucket"
    ));
    assert!(get("n = -1").has(Rule::ParameterIndex, "DiskDeviceMapping.-1.OSSBucket"));
    assert!(get("UTF-8 BOM").valid);
    let crlf = get("CRLF line ends");
    let s = crlf.diagnostics[0].span.unwrap();
    assert_eq!((s.line, s.column), (3, 14), "{crlf:#?}");
    assert!(get("escaped NUL in a value").has(Rule::DeceptiveText, "ImageName"));
    assert!(get("percent-escapes decoding to invalid UTF-8")
        .diagnostics
        .iter()
        .any(|d| d.rule == Rule::InvalidInput && d.message.contains("not UTF-8")));
    assert!(get("16 MiB + 1").diagnostics[0]
        .message
        .contains("larger than"));
    for n in ["empty input", "whitespace only", "bare 42", "bare null"] {
        let r = get(n);
        assert_eq!(r.diagnostics.len(), 1, "{n}");
        assert_eq!(r.diagnostics[0].rule, Rule::InvalidInput, "{n}");
    }
}

#[test]
fn cli_prints_a_well_formed_report_for_each_within_1_gb() {
    for (name, input) in cases() {
        // The address-space limit makes an unbounded allocation fail the run.
        let mut child = Command::new("sh")
            .args([
                "-c",
                "ulimit -v 1048576 && exec \"$0\" --format json -",
                env!("CARGO_BIN_EXE_importimage-lint"),
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        let code = out.status.code();
        assert!(
            code == Some(0) || code == Some(1),
            "{name}: exit {code:?}, stderr {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(v[0]["valid"].as_bool(), Some(code == Some(0)), "{name}");
    }
}

#[test]
fn many_threads_give_the_same_reports_as_one() {
    let inputs: Vec<String> = (0..64)
        .map(|i| format!(r#"{{"RegionId": "cn-hangzhou", "ImageName": "img {i}", "DiskDeviceMapping.1.OSSBucket": "b{i:03}", "DiskDeviceMapping.1.OSSObject": "a.raw", "DiskDeviceMapping.1.DiskImageSize": {}}}"#, i * 20))
        .collect();
    let serial: Vec<Report> = inputs.iter().map(|s| lint_str(s)).collect();
    let linter = Linter::default();
    let parallel: Vec<Report> = std::thread::scope(|scope| {
        let handles: Vec<_> = inputs
            .chunks(8)
            .map(|chunk| {
                scope.spawn(|| chunk.iter().map(|s| linter.lint_str(s)).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert_eq!(serial, parallel);
}

#[test]
fn public_types_are_send_and_sync() {
    fn is<T: Send + Sync>() {}
    is::<Report>();
    is::<Linter>();
    is::<importimage_lint::Diagnostic>();
}
