//! Offline linter for Alibaba Cloud ECS `ImportImage` requests.
//!
//! A bad parameter of `ImportImage` is usually found only after a multi-gigabyte image was
//! uploaded to OSS and an import task was started. This crate knows every rule of the API
//! reference and says, in microseconds and without any network, which parameter the API
//! would reject, why, which API error that prevents, and what to write instead.
//!
//! ```
//! let report = importimage_lint::lint_str(r#"{
//!     "RegionId": "cn-hangzhou",
//!     "ImageName": "centos 7",
//!     "DiskDeviceMapping": [{"OSSBucket": "ecsimageos", "OSSObject": "centos7.qcow2", "DiskImageSize": 600}]
//! }"#);
//! assert!(!report.valid);
//! let params: Vec<_> = report.diagnostics.iter().map(|d| d.param.as_deref().unwrap()).collect();
//! assert_eq!(params, ["ImageName", "DiskDeviceMapping.1.DiskImageSize"]);
//! assert_eq!(report.diagnostics[0].code, Some("InvalidImageName.Malformed"));
//! ```
//!
//! Three input forms are read: a flat JSON object of API names, a nested JSON object as the
//! SDKs build it (camelCase names included), and a query string or URL. The core does no
//! I/O and holds no global state; the rules are data in [`profile`] tables.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::collections::HashSet;

#[cfg(feature = "config")]
pub mod config;
mod input;
mod lint;
pub mod profile;
mod report;
mod request;
mod rules;
mod text;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use input::json::MAX_DEPTH;
pub use report::{Data, Diagnostic, Effective, EffectiveValue, Report, Severity, Source, Span};
pub use request::{DiskMapping, ImportImageRequest};
pub use rules::{Rule, RuleMeta, Subject};

/// A request that passes every rule; role examples are checked against it.
pub const GOOD_REQUEST: &str = rules::GOOD;

use input::{Entry, Form, Parsed};
use profile::Profile;

/// The largest request accepted by default: 16 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// The most diagnostics a report keeps by default; one more says how many were left out.
pub const DEFAULT_MAX_DIAGNOSTICS: usize = 200;

/// How to lint: which profile, which severities, which limits.
///
/// ```
/// use importimage_lint::{profile, Linter, Options, Rule, Severity};
/// let opts = Options {
///     profile: &profile::CURRENT,
///     severities: vec![(Rule::RegionIdUnknown, None), (Rule::EnumLetterCase, Some(Severity::Error))],
///     ..Options::default()
/// };
/// let r = Linter::new(opts).lint_str("Action=ImportImage&RegionId=mars-1&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=a.raw");
/// assert!(r.valid && r.diagnostics.is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct Options {
    /// The API revision whose rules apply (default: the spec, `2019-01`).
    pub profile: &'static Profile,
    /// Per-rule severity overrides; `None` turns the rule off. Later entries win.
    pub severities: Vec<(Rule, Option<Severity>)>,
    /// The most diagnostics a report keeps.
    pub max_diagnostics: usize,
    /// The largest input accepted, in bytes.
    pub max_input_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            profile: &profile::SPEC_2019,
            severities: Vec::new(),
            max_diagnostics: DEFAULT_MAX_DIAGNOSTICS,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
        }
    }
}

/// A linter with fixed [`Options`]. Cheap to create; holds no state between calls.
///
/// ```
/// use importimage_lint::{profile, Linter, Options};
/// let linter = Linter::new(Options { profile: profile::by_id("current").unwrap(), ..Options::default() });
/// let report = linter.lint_str("Action=ImportImage&RegionId=cn-hangzhou&ImageName=rocky.9\
///     &DiskDeviceMapping.1.OSSBucket=ecsimageos&DiskDeviceMapping.1.OSSObject=rocky9.qcow2");
/// assert!(report.valid);
/// assert_eq!(report.profile, "current");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Linter {
    options: Options,
}

impl Linter {
    /// A linter with these options.
    pub fn new(options: Options) -> Self {
        Linter { options }
    }

    /// The options in use.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Lints text of any form: JSON when the first non-blank character is `{`, else a
    /// query string or URL.
    ///
    /// ```
    /// let r = importimage_lint::Linter::default().lint_str("42");
    /// assert_eq!(r.diagnostics[0].rule.id(), "invalid-input");
    /// ```
    pub fn lint_str(&self, input: &str) -> Report {
        self.lint_text(input, None, None)
    }

    /// Lints text that must be a JSON object.
    ///
    /// ```
    /// let r = importimage_lint::Linter::default().lint_json("RegionId=cn-hangzhou");
    /// assert!(!r.valid);
    /// ```
    pub fn lint_json(&self, input: &str) -> Report {
        self.lint_text(input, Some(Form::Json), None)
    }

    /// Lints text that must be a query string or URL.
    ///
    /// ```
    /// let r = importimage_lint::Linter::default().lint_query(
    ///     "Action=ImportImage&RegionId=cn-hangzhou&DiskDeviceMapping.1.OSSBucket=ecsimageos&DiskDeviceMapping.1.OSSObject=a.raw");
    /// assert!(r.valid);
    /// ```
    pub fn lint_query(&self, input: &str) -> Report {
        self.lint_text(input, Some(Form::Query), None)
    }

    /// Lints bytes: invalid UTF-8 is a diagnostic at its byte offset; a UTF-8 byte order
    /// mark is skipped.
    ///
    /// ```
    /// let r = importimage_lint::Linter::default().lint_bytes(b"{\"RegionId\": \"\xff\"}");
    /// assert_eq!(r.diagnostics[0].span.unwrap().start, 14);
    /// ```
    pub fn lint_bytes(&self, input: &[u8]) -> Report {
        self.bytes(input, None)
    }

    fn bytes(&self, input: &[u8], seen: Option<&mut HashSet<String>>) -> Report {
        match std::str::from_utf8(input) {
            Ok(s) => self.lint_text(s, None, seen),
            Err(e) => {
                let at = e.valid_up_to();
                let valid = std::str::from_utf8(&input[..at]).unwrap_or_default();
                let fatal = rules::input::invalid(
                    &format!(
                        "the input is not UTF-8: byte {at} (0x{:02X}) starts no valid character",
                        input[at]
                    ),
                    (at, at),
                );
                self.fatal(valid, fatal)
            }
        }
    }

    /// The report for an input over the size limit, if it is.
    fn too_large(&self, input: &str) -> Option<Report> {
        let max = self.options.max_input_bytes;
        (input.len() > max).then(|| {
            let message =
                format!("the input is larger than the largest document accepted ({max} bytes)");
            self.fatal("", rules::input::invalid(&message, (0, 0)))
        })
    }

    fn fatal(&self, src: &str, d: Diagnostic) -> Report {
        lint::run(
            src,
            Form::Json,
            Parsed {
                fatal: Some(d),
                ..Parsed::default()
            },
            &self.options,
            None,
        )
    }

    fn lint_text(
        &self,
        input: &str,
        form: Option<Form>,
        seen: Option<&mut HashSet<String>>,
    ) -> Report {
        if let Some(report) = self.too_large(input) {
            return report;
        }
        let start = if input.starts_with('\u{FEFF}') { 3 } else { 0 };
        let profile = self.options.profile;
        let (detected, parsed) = match form {
            None => input::parse(input, start, profile),
            Some(f) => {
                let body = input[start..].trim_start();
                let at = input.len() - body.len();
                match f {
                    Form::Json if body.starts_with('{') => {
                        (f, input::json::parse(input, at, profile))
                    }
                    Form::Query if !body.starts_with('{') && !body.is_empty() => {
                        (f, input::query::parse(input, at, profile))
                    }
                    _ => {
                        let what = if f == Form::Json {
                            "a JSON object"
                        } else {
                            "a query string"
                        };
                        let d =
                            rules::input::invalid(&format!("expected {what}"), (at, input.len()));
                        (
                            f,
                            Parsed {
                                fatal: Some(d),
                                ..Parsed::default()
                            },
                        )
                    }
                }
            }
        };
        lint::run(input, detected, parsed, &self.options, seen)
    }

    /// Lints a typed request, as a tool is about to send it; diagnostics have no spans.
    ///
    /// ```
    /// use importimage_lint::{DiskMapping, ImportImageRequest, Linter};
    /// let request = ImportImageRequest::new("cn-hangzhou")
    ///     .image_name("centos-7")
    ///     .disk(DiskMapping::new("ecsimageos", "centos7.qcow2").format("qcow2").size(40));
    /// assert!(Linter::default().lint_request(&request).valid);
    /// ```
    pub fn lint_request(&self, request: &ImportImageRequest) -> Report {
        self.typed(request.entries(), None)
    }

    fn typed(&self, entries: Vec<Entry<'_>>, seen: Option<&mut HashSet<String>>) -> Report {
        lint::run(
            "",
            Form::Typed,
            Parsed {
                entries,
                ..Parsed::default()
            },
            &self.options,
            seen,
        )
    }

    /// Checks one field in the context of the rest of a request (a JSON object or query
    /// string; `None` for none), as a form validates while the user types. Returns the
    /// diagnostics about that field only, without spans.
    ///
    /// ```
    /// let linter = importimage_lint::Linter::default();
    /// let ds = linter.validate_field("DiskDeviceMapping.2.DiskImageSize", "1001", None);
    /// assert_eq!(ds[0].rule.id(), "disk-image-size");
    /// assert!(linter.validate_field("ImageName", "centos-7", Some(r#"{"RegionId": "cn-hangzhou"}"#)).is_empty());
    /// ```
    pub fn validate_field(
        &self,
        param: &str,
        value: &str,
        context: Option<&str>,
    ) -> Vec<Diagnostic> {
        let name = input::canonical(param.trim()).into_owned();
        let mut entries = match context {
            Some(ctx) if !ctx.trim().is_empty() => {
                let (_, parsed) = input::parse(
                    ctx,
                    usize::from(ctx.starts_with('\u{FEFF}')) * 3,
                    self.options.profile,
                );
                if let Some(fatal) = parsed.fatal {
                    return vec![Diagnostic {
                        span: None,
                        ..fatal
                    }];
                }
                parsed
                    .entries
                    .into_iter()
                    .filter(|e| e.name != name)
                    .map(Entry::without_spans)
                    .collect()
            }
            _ => Vec::new(),
        };
        entries.push(Entry::typed(name.as_str(), value));
        let report = self.typed(entries, None);
        report
            .diagnostics
            .into_iter()
            .filter(|d| d.param.as_deref() == Some(name.as_str()))
            .collect()
    }

    /// Checks the RAM role of an import offline: a role bundle (RoleName, the trust policy,
    /// the attached policies) and, given the request too, whether the policies' Resources
    /// cover the buckets and objects its disks read. The report's params are paths into the
    /// bundle, such as `AssumeRolePolicyDocument.Statement[0].Principal.Service`.
    ///
    /// ```
    /// let bundle = r#"{
    ///   "RoleName": "AliyunECSImageImportDefaultRole",
    ///   "AssumeRolePolicyDocument": "{\"Statement\": [{\"Action\": \"sts:AssumeRole\", \"Effect\": \"Allow\", \"Principal\": {\"Service\": [\"ecs.aliyuncs.com\"]}}], \"Version\": \"1\"}",
    ///   "Policies": [{"PolicyName": "AliyunECSImageImportRolePolicy", "PolicyType": "System"}]
    /// }"#;
    /// assert!(importimage_lint::Linter::default().lint_role(bundle, None).valid);
    /// ```
    pub fn lint_role(&self, bundle: &str, request: Option<&str>) -> Report {
        if let Some(report) = self.too_large(bundle) {
            return report;
        }
        rules::role::lint(self, bundle, request)
    }

    /// A batch: requests linted one after another, with the rules that look across
    /// requests (two imports of the same ImageName into one region).
    ///
    /// ```
    /// let linter = importimage_lint::Linter::default();
    /// let mut batch = linter.batch();
    /// let a = r#"{"RegionId": "cn-hangzhou", "ImageName": "web", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#;
    /// assert!(batch.lint_str(a).diagnostics.is_empty());
    /// assert_eq!(batch.lint_str(a).diagnostics[0].rule.id(), "duplicate-image-name");
    /// ```
    pub fn batch(&self) -> Batch<'_> {
        Batch {
            linter: self,
            seen: HashSet::new(),
        }
    }
}

/// Several requests linted together; see [`Linter::batch`]. Memory grows only with the
/// set of (RegionId, ImageName) pairs seen.
///
/// ```
/// let linter = importimage_lint::Linter::default();
/// let mut batch = linter.batch();
/// let a = "Action=ImportImage&RegionId=cn-hangzhou&ImageName=web&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=a.raw";
/// assert!(batch.lint_str(a).diagnostics.is_empty());
/// assert_eq!(batch.lint_str(a).diagnostics[0].code, Some("InvalidImageName.Duplicated"));
/// ```
#[derive(Debug)]
pub struct Batch<'l> {
    linter: &'l Linter,
    seen: HashSet<String>,
}

impl Batch<'_> {
    /// Lints the next request, given as text of any form.
    pub fn lint_str(&mut self, input: &str) -> Report {
        self.linter.lint_text(input, None, Some(&mut self.seen))
    }

    /// Lints the next request, given as bytes.
    pub fn lint_bytes(&mut self, input: &[u8]) -> Report {
        self.linter.bytes(input, Some(&mut self.seen))
    }

    /// Lints the next request with another linter's options, keeping this batch's memory
    /// of earlier requests (the CLI uses it when files have different configurations).
    ///
    /// ```
    /// use importimage_lint::{profile, Linter, Options};
    /// let base = Linter::default();
    /// let current = Linter::new(Options { profile: &profile::CURRENT, ..Options::default() });
    /// let mut batch = base.batch();
    /// let a = br#"{"RegionId": "cn-hangzhou", "ImageName": "web", "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#;
    /// batch.lint_bytes(a);
    /// assert_eq!(batch.lint_bytes_with(&current, a).diagnostics[0].rule.id(), "duplicate-image-name");
    /// ```
    pub fn lint_bytes_with(&mut self, linter: &Linter, input: &[u8]) -> Report {
        linter.bytes(input, Some(&mut self.seen))
    }

    /// Lints the next request, given typed.
    pub fn lint_request(&mut self, request: &ImportImageRequest) -> Report {
        self.linter.typed(request.entries(), Some(&mut self.seen))
    }
}

/// Lints text of any form under the default options. See [`Linter::lint_str`].
///
/// ```
/// let r = importimage_lint::lint_str("https://ecs.aliyuncs.com/?Action=ImportImage&RegionId=cn-hangzhou\
///     &DiskDeviceMapping.1.OSSBucket=ecsimageos&DiskDeviceMapping.1.OSSObject=CentOS_5.4_32.raw");
/// assert!(r.valid);
/// ```
pub fn lint_str(input: &str) -> Report {
    Linter::default().lint_str(input)
}

/// Lints a JSON object under the default options. See [`Linter::lint_json`].
///
/// ```
/// assert!(!importimage_lint::lint_json("{}").valid);
/// ```
pub fn lint_json(input: &str) -> Report {
    Linter::default().lint_json(input)
}

/// Lints a query string or URL under the default options. See [`Linter::lint_query`].
///
/// ```
/// assert!(!importimage_lint::lint_query("Action=ImportImage").valid);
/// ```
pub fn lint_query(input: &str) -> Report {
    Linter::default().lint_query(input)
}

/// Lints bytes under the default options. See [`Linter::lint_bytes`].
///
/// ```
/// assert!(!importimage_lint::lint_bytes(b"\xff").valid);
/// ```
pub fn lint_bytes(input: &[u8]) -> Report {
    Linter::default().lint_bytes(input)
}

/// Whether a character is invisible, changes text direction or is a control character
/// (other than tab and line breaks). Renderers escape such characters so that a hostile
/// value cannot deceive the reader or drive a terminal.
///
/// ```
/// assert!(importimage_lint::is_deceptive_char('\u{202E}'));
/// assert!(importimage_lint::is_deceptive_char('\u{1b}'));
/// assert!(!importimage_lint::is_deceptive_char('a'));
/// ```
pub fn is_deceptive_char(c: char) -> bool {
    text::is_deceptive(c)
}

/// Every rule with its documentation and its API error code under each profile.
///
/// ```
/// let infos = importimage_lint::rule_infos();
/// let f = infos.iter().find(|r| r.id == "disk-format").unwrap();
/// assert_eq!(f.codes[0], ("2019-01", Some("InvalidFormat.Malformed")));
/// assert_eq!(f.codes[1], ("current", Some("InvalidImageFormat.Malformed")));
/// ```
pub fn rule_infos() -> Vec<RuleInfo> {
    Rule::ALL
        .iter()
        .map(|&r| {
            let m = r.meta();
            RuleInfo {
                id: m.id,
                severity: m.severity,
                summary: m.summary,
                why: m.why,
                codes: profile::PROFILES
                    .iter()
                    .map(|p| (p.id, p.code(r)))
                    .collect(),
            }
        })
        .collect()
}

/// A rule as listings show it: `importimage-lint rules`, SARIF, the npm package's `rules()`.
///
/// ```
/// let info = importimage_lint::rule_infos().into_iter().find(|r| r.id == "region-id-unknown").unwrap();
/// assert_eq!(info.severity, importimage_lint::Severity::Warning);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable kebab-case id.
    pub id: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// What it checks, in one line.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// The API error code it prevents under each profile (profile id, code).
    pub codes: Vec<(&'static str, Option<&'static str>)>,
}

impl serde::Serialize for RuleInfo {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Codes<'a>(&'a [(&'static str, Option<&'static str>)]);
        impl serde::Serialize for Codes<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
            }
        }
        let mut st = s.serialize_struct("RuleInfo", 5)?;
        st.serialize_field("id", self.id)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("summary", self.summary)?;
        st.serialize_field("why", self.why)?;
        st.serialize_field("codes", &Codes(&self.codes))?;
        st.end()
    }
}

/// Checks a RAM role bundle under the default options. See [`Linter::lint_role`].
///
/// ```
/// let r = importimage_lint::lint_role(r#"{"RoleName": "Other"}"#, None);
/// assert!(!r.valid);
/// ```
pub fn lint_role(bundle: &str, request: Option<&str>) -> Report {
    Linter::default().lint_role(bundle, request)
}

/// Checks one field under the default options. See [`Linter::validate_field`].
///
/// ```
/// let ds = importimage_lint::validate_field("ImageName", "1abc", None);
/// assert_eq!(ds[0].rule.id(), "image-name-start");
/// ```
pub fn validate_field(param: &str, value: &str, context: Option<&str>) -> Vec<Diagnostic> {
    Linter::default().validate_field(param, value, context)
}

/// The README's Rust examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
