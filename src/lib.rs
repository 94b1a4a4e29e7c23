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
//! Three input forms are read: a flat JSON object of API names, a JSON object as the SDKs'
//! models serialise it, and a query string or URL. The core does no I/O and holds no
//! mutable global state (the only statics are name indexes of the built-in tables, each
//! built once); the rules are data in [`profile`] tables.
//!
//! Layers, each importing only from those above it in this list: the leaves ([`Rule`],
//! [`Diagnostic`], the message catalogue, character helpers), the data ([`profile`],
//! [`Report`]), the readers (JSON, query, SDK names), request resolution, the checks and
//! the role checks, and the driver behind [`Linter`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod chars;
mod checks;
#[cfg(feature = "config")]
#[cfg_attr(docsrs, doc(cfg(feature = "config")))]
pub mod config;
mod diagnostic;
mod driver;
pub mod embedded;
mod fix;
pub mod image;
mod input;
mod line_index;
mod linter;
mod lookup;
pub mod mask;
mod message;
mod names;
mod options;
mod param_path;
pub mod profile;
mod report;
mod report_de;
mod report_json;
mod request;
mod resolve;
mod role;
mod rule;
pub mod schema;
mod sink;
mod subjects;
mod verdict;

pub use diagnostic::{Data, Diagnostic, Earlier, Severity, Span};
pub use fix::{apply_fixes, percent_encode};
pub use input::json_syntax::MAX_DEPTH;
pub use linter::{Batch, Detached, Linter};
pub use message::Lang;
pub use names::ParseError;
pub use options::{Options, DEFAULT_MAX_DIAGNOSTICS, DEFAULT_MAX_INPUT_BYTES};
pub use param_path::ParamPath;
pub use report::{Effective, EffectiveValue, Rejected, Report, Source};
pub use request::{DiskMapping, ImportImageRequest};
pub use rule::{Rule, RuleDoc, Subject};
pub use subjects::{FieldCheck, FieldValue, ImageCheck, RequestInput, RoleCheck};

use profile::Profile;

/// A request that passes every rule; role examples are checked against it.
pub const GOOD_REQUEST: &str = role::EXAMPLE_REQUEST;

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
    chars::is_deceptive(c)
}

/// Every rule with its documentation and its API error code under each built-in profile.
///
/// ```
/// let infos = importimage_lint::rule_infos();
/// let f = infos.iter().find(|r| r.id == "disk-format").unwrap();
/// assert_eq!(f.codes[0], ("2019-01", Some("InvalidFormat.Malformed")));
/// assert_eq!(f.codes[1], ("current", Some("InvalidImageFormat.Malformed")));
/// ```
pub fn rule_infos() -> Vec<RuleInfo> {
    rule_infos_for(profile::PROFILES)
}

/// Every rule with its documentation and, for each of these profiles, its API error code
/// and what the profile's table says for it.
///
/// ```
/// use importimage_lint::{profile, rule_infos_for};
/// let infos = rule_infos_for(&[&profile::CURRENT]);
/// let size = infos.iter().find(|r| r.id == "disk-image-size").unwrap();
/// assert_eq!(size.codes, [("current", Some("InvalidDataDiskSize"))]);
/// assert!(size.facts[0].1.contains("1–2048"));
/// ```
pub fn rule_infos_for(profiles: &[&'static Profile]) -> Vec<RuleInfo> {
    rule_infos_in(profiles, Lang::En)
}

/// [`rule_infos_for`] with each rule's summary, reason and facts in `lang`. The facts come
/// from the profile tables; names, values and numbers stay as the tables write them.
///
/// ```
/// use importimage_lint::{profile, rule_infos_in, Lang};
/// let infos = rule_infos_in(profile::PROFILES, Lang::ZhCn);
/// let length = infos.iter().find(|r| r.id == "image-name-length").unwrap();
/// assert!(length.summary.contains("长度"));
/// ```
pub fn rule_infos_in(profiles: &[&'static Profile], lang: Lang) -> Vec<RuleInfo> {
    Rule::ALL
        .iter()
        .map(|&r| RuleInfo {
            id: r.id(),
            severity: r.severity(),
            summary: message::rule_doc(r, lang).0,
            why: message::rule_doc(r, lang).1,
            codes: profiles.iter().map(|p| (p.id, p.code(r))).collect(),
            facts: profiles
                .iter()
                .map(|p| (p.id, profile::facts_in(p, r, lang)))
                .collect(),
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
#[non_exhaustive]
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
    /// What each profile's table says for it (profile id, facts; empty when nothing).
    pub facts: Vec<(&'static str, String)>,
}

impl serde::Serialize for RuleInfo {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Map<'a, V>(&'a [(&'static str, V)]);
        impl<V: serde::Serialize> serde::Serialize for Map<'_, V> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
            }
        }
        let mut st = s.serialize_struct("RuleInfo", 6)?;
        st.serialize_field("id", self.id)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("summary", self.summary)?;
        st.serialize_field("why", self.why)?;
        st.serialize_field("codes", &Map(&self.codes))?;
        st.serialize_field("facts", &Map(&self.facts))?;
        st.end()
    }
}

/// The README's Rust examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
