//! A pre-flight service as an integrator writes it against importimage-lint's library:
//! its own request struct and error type, its own configuration naming rules, severities
//! and a language, and every embedding item used from outside the crate. It runs as a
//! check: each claim is asserted, and it prints `integrator: ok` at the end.

use std::collections::BTreeMap;
use std::fmt;

use importimage_lint::image::inspect_bytes;
use importimage_lint::{
    Diagnostic, DiskMapping, FieldCheck, ImageCheck, ImportImageRequest, Lang, Linter, Options,
    ParseError, Report, RoleCheck, Rule, Severity,
};

/// The service's own request type.
#[derive(Debug, Clone)]
struct VmImport {
    region: String,
    name: String,
    disks: Vec<Disk>,
}

#[derive(Debug, Clone)]
struct Disk {
    bucket: String,
    key: String,
    format: Option<String>,
    size_gib: Option<u64>,
}

impl VmImport {
    fn to_request(&self) -> ImportImageRequest {
        let mut r = ImportImageRequest::new(&self.region).image_name(&self.name);
        for d in &self.disks {
            let mut m = DiskMapping::new(&d.bucket, &d.key);
            if let Some(f) = &d.format {
                m = m.format(f);
            }
            if let Some(s) = d.size_gib {
                m = m.size(s);
            }
            r = r.disk(m);
        }
        r
    }
}

/// The service's own error type: which field of *its* struct, and the library's finding
/// as the source.
#[derive(Debug)]
struct PreflightError {
    field: String,
    // Boxed: a diagnostic is a few hundred bytes, too large for an `Err` variant.
    finding: Box<Diagnostic>,
}

impl fmt::Display for PreflightError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is not accepted by ImportImage", self.field)
    }
}

impl std::error::Error for PreflightError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.finding)
    }
}

/// Maps a finding back to the service's struct with the structured path, no string split.
fn field_of(d: &Diagnostic) -> String {
    match d.param_path() {
        Some(p) => match (p.family, p.index, p.field) {
            (Some("DiskDeviceMapping"), Some(n), Some(field)) if n >= 1 => {
                let ours = match field {
                    "OSSBucket" => "bucket",
                    "OSSObject" => "key",
                    "Format" => "format",
                    "DiskImageSize" => "size_gib",
                    other => other,
                };
                format!("disks[{}].{ours}", n - 1)
            }
            (None, None, Some("ImageName")) => "name".into(),
            (None, None, Some("RegionId")) => "region".into(),
            _ => p.to_string(),
        },
        None => "(request)".into(),
    }
}

/// The service's configuration: rules, severities and the language by name.
#[derive(serde::Deserialize)]
struct Config {
    lang: Lang,
    rules: BTreeMap<Rule, Severity>,
}

struct Preflight {
    linter: Linter,
}

impl Preflight {
    fn new(config: &str) -> Result<Preflight, serde_json::Error> {
        let config: Config = serde_json::from_str(config)?;
        let mut options = Options::default().with_lang(config.lang);
        for (rule, severity) in config.rules {
            options = options.with_severity(rule, Some(severity));
        }
        Ok(Preflight {
            linter: Linter::new(options),
        })
    }

    fn check(&self, import: &VmImport) -> Result<Report, PreflightError> {
        let report = self.linter.lint_request(&import.to_request());
        report.into_result().map_err(|rejected| {
            let finding = Box::new(rejected.report().errors().next().expect("an error").clone());
            PreflightError {
                field: field_of(&finding),
                finding,
            }
        })
    }
}

fn main() {
    // Names parse, with errors that say what is expected.
    assert_eq!("zh_CN".parse::<Lang>(), Ok(Lang::ZhCn));
    let e: ParseError = "fr".parse::<Lang>().unwrap_err();
    assert!(e.to_string().contains("en, zh-CN"), "{e}");
    assert_eq!(
        "image-name-lenght"
            .parse::<Rule>()
            .unwrap_err()
            .suggestion(),
        Some("image-name-length")
    );
    assert!(Preflight::new(r#"{"lang": "en", "rules": {"no-such-rule": "error"}}"#).is_err());

    let preflight = Preflight::new(
        r#"{"lang": "en", "rules": {"region-id-unknown": "error", "enum-letter-case": "info"}}"#,
    )
    .expect("the configuration reads");
    let good = VmImport {
        region: "cn-hangzhou".into(),
        name: "web-2024".into(),
        disks: vec![Disk {
            bucket: "ecsimageos".into(),
            key: "web.qcow2".into(),
            format: Some("qcow2".into()),
            size_gib: Some(40),
        }],
    };
    let report = preflight.check(&good).expect("a good request passes");
    assert!(report.valid && report.errors().next().is_none());

    // A bad data disk: the error names the service's own field, its source the finding.
    let mut bad = good.clone();
    bad.disks.push(Disk {
        bucket: "ecsimageos".into(),
        key: "data.raw".into(),
        format: None,
        size_gib: Some(99_999),
    });
    let err = preflight.check(&bad).unwrap_err();
    assert_eq!(err.field, "disks[1].size_gib");
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    let source = boxed.source().unwrap();
    assert!(
        source
            .to_string()
            .starts_with("DiskDeviceMapping.2.DiskImageSize: "),
        "{source}"
    );
    assert_eq!(
        source.downcast_ref::<Diagnostic>().unwrap().rule,
        Rule::DiskImageSize
    );

    // The configuration's severity applies: an unknown region is now an error.
    let mut mars = good.clone();
    mars.region = "mars-1".into();
    let err = preflight.check(&mars).unwrap_err();
    assert_eq!(
        (err.field.as_str(), err.finding.rule),
        ("region", Rule::RegionIdUnknown)
    );

    // A report travels as JSON (to a queue, another service) and reads back the same.
    let report = preflight.linter.lint_request(&bad.to_request());
    let json = serde_json::to_string(&report).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);

    // The image and role checks take the typed request too; a missing disk is a finding.
    let mut header = vec![0u8; 3 << 20];
    header[..4].copy_from_slice(b"QFI\xfb");
    let facts = inspect_bytes(&header);
    let request = good.to_request();
    let ok = preflight.linter.check_image(
        &facts,
        &ImageCheck::new().request(&request).file_name("web.qcow2"),
    );
    assert!(
        ok.errors().all(|d| d.rule != Rule::ImageFormatMismatch),
        "{ok:?}"
    );
    for n in [0, 5] {
        let r = preflight
            .linter
            .check_image(&facts, &ImageCheck::new().request(&request).disk(n));
        assert!(
            r.has(Rule::InvalidInput, &format!("DiskDeviceMapping.{n}")),
            "disk {n}"
        );
    }
    let role = preflight.linter.check_role(
        r#"{"RoleName": "Other"}"#,
        &RoleCheck::new().request(&request),
    );
    assert!(role.errors().any(|d| d.rule == Rule::RoleName));
    assert!(role.diagnostics.iter().all(|d| d.param_path().is_none()));

    // A batch linted on threads, merged in order: the second import of a name is flagged.
    let (one, two) = std::thread::scope(|s| {
        let a = s.spawn(|| preflight.linter.lint_request_detached(&request));
        let b = s.spawn(|| preflight.linter.lint_request_detached(&request));
        (a.join().unwrap(), b.join().unwrap())
    });
    let mut batch = preflight.linter.batch();
    assert!(batch.merge(one).valid);
    assert!(batch.merge(two).has(Rule::DuplicateImageName, "ImageName"));

    // A form field checked as the user types, every argument named, the form typed.
    let ds = preflight.linter.check_field(
        &FieldCheck::new("DiskDeviceMapping.1.DiskImageSize")
            .value("99999")
            .context(&request),
    );
    assert_eq!(ds[0].rule, Rule::DiskImageSize);
    assert_eq!(field_of(&ds[0]), "disks[0].size_gib");

    println!("integrator: ok");
}
