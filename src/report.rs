//! The report: the one contract shared by the library, the CLI and the npm package.

use serde::{Serialize, Serializer};
use std::fmt;

use crate::rules::Rule;

/// How serious a diagnostic is. `valid` is false exactly when some diagnostic is an error.
///
/// ```
/// use importimage_lint::{lint_str, Severity};
/// let r = lint_str("Action=ImportImage&RegionId=cn-hangzou&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=a.raw");
/// assert_eq!(r.diagnostics[0].severity, Severity::Warning);
/// assert!(Severity::Error > Severity::Warning);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A note: nothing is wrong, but the linter read the input in a way worth knowing.
    Info,
    /// The service may accept the request, but it is probably not what was meant.
    Warning,
    /// The service would reject the request.
    Error,
}

impl Severity {
    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `"info"`, `"warning"` or `"error"`.
    ///
    /// ```
    /// use importimage_lint::Severity;
    /// assert_eq!(Severity::parse("warning"), Some(Severity::Warning));
    /// assert_eq!(Severity::parse("fatal"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in the input text a diagnostic points.
///
/// Offsets are counted three ways so that every consumer can use the one it indexes by:
/// bytes (Rust, files), UTF-16 code units (JavaScript strings) and a 1-based line and
/// column, the column counted in Unicode code points.
///
/// ```
/// let input = "{\"RegionId\": \"cn-hangzhou\",\n \"ImageName\": \"镜 像\"}";
/// let d = &importimage_lint::lint_str(input).diagnostics[0];
/// let span = d.span.unwrap();
/// assert_eq!((span.line, span.column), (2, 15));
/// assert_eq!(&input[span.start..span.end], "\"镜 像\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in Unicode code points from the start of the line.
    pub column: usize,
    /// Offset of the first UTF-16 code unit (what JavaScript strings index by).
    pub utf16_start: usize,
    /// Offset one past the last UTF-16 code unit.
    pub utf16_end: usize,
}

/// The facts behind a diagnostic, so that another tool can word the message itself.
///
/// Only the fields that apply are present.
///
/// ```
/// let r = importimage_lint::lint_str("Action=ImportImage&RegionId=cn-hangzhou&ImageName=x\
///     &DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=a.raw");
/// let data = &r.diagnostics[0].data;
/// assert_eq!((data.min, data.max, data.actual), (Some(2), Some(128), Some(1)));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Data {
    /// The value the diagnostic is about, as read from the input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The smallest allowed length or number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u64>,
    /// The largest allowed length or number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
    /// The measured length or number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<u64>,
    /// What `min`, `max` and `actual` count: `"code points"`, `"UTF-16 units"`, `"bytes"`, `"GiB"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'static str>,
    /// The values the parameter accepts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed: Option<&'static [&'static str]>,
    /// What was expected instead (a value, a region, a type).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// The offending character, written as `U+XXXX`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub character: Option<String>,
    /// How many more diagnostics were left out (only on `too-many-diagnostics`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub omitted: Option<u64>,
}

/// One finding: which rule, how serious, which parameter, why, and what to write instead.
///
/// ```
/// let r = importimage_lint::lint_str(r#"{"RegionId": "cn-hangzhou", "OSType": "linux",
///     "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#);
/// let d = &r.diagnostics[0];
/// assert_eq!(d.rule.id(), "enum-letter-case");
/// assert_eq!(d.param.as_deref(), Some("OSType"));
/// assert_eq!(d.fix.as_deref(), Some("Linux"));
/// assert_eq!(d.code, Some("InvalidOSType.Malformed"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: Rule,
    /// How serious it is (the rule's default, unless overridden by options).
    pub severity: Severity,
    /// The API error code this finding prevents, where the API reference names one.
    pub code: Option<&'static str>,
    /// The flat API name of the parameter, such as `DiskDeviceMapping.2.DiskImageSize`.
    pub param: Option<String>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The replacement value, present only where it is certain.
    pub fix: Option<String>,
    /// The facts behind the message.
    pub data: Data,
    /// Where it is in the input text; null for typed input and for what is absent.
    pub span: Option<Span>,
}

/// Where an effective value comes from.
///
/// ```
/// use importimage_lint::{lint_str, Source};
/// let r = lint_str("Action=ImportImage&RegionId=cn-hangzhou&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=a.raw");
/// assert_eq!(r.effective.get("RegionId").unwrap().source, Source::Given);
/// assert_eq!(r.effective.get("Platform").unwrap().source, Source::Default);
/// assert_eq!(r.effective.get("DiskDeviceMapping.1.Format").unwrap().source, Source::Detected);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Written in the request.
    Given,
    /// Absent, so the service uses its documented default.
    Default,
    /// Absent, so the service detects it from the image file.
    Detected,
}

/// One parameter of the request as the service will see it.
///
/// ```
/// let r = importimage_lint::lint_str("Action=ImportImage&RegionId=cn-hangzhou");
/// assert_eq!(r.effective.get("Architecture").unwrap().value, Some("x86_64"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EffectiveValue<'a> {
    /// The value; null when the service detects it.
    pub value: Option<&'a str>,
    /// Where the value comes from.
    pub source: Source,
}

/// The request as the service will see it, in flat API names, in a fixed order.
///
/// Serialises as a JSON object `{name: {value, source}}`. Credentials are never copied
/// into it. Names and values share one buffer, so building it costs two allocations.
///
/// ```
/// let r = importimage_lint::lint_str("Action=ImportImage&RegionId=cn-hangzhou");
/// let json = serde_json::to_value(&r.effective).unwrap();
/// assert_eq!(json["OSType"]["value"], "Linux");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effective {
    text: String,
    items: Vec<(usize, usize, Option<usize>, Source)>,
}

impl Effective {
    /// Appends one parameter, its name written as `parts` joined by dots.
    pub(crate) fn push(&mut self, parts: &[&str], value: Option<&str>, source: Source) {
        if self.text.is_empty() {
            self.text.reserve(512);
            self.items.reserve(16);
        }
        let start = self.text.len();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                self.text.push('.');
            }
            self.text.push_str(part);
        }
        let name_end = self.text.len();
        let value_end = value.map(|v| {
            self.text.push_str(v);
            self.text.len()
        });
        self.items.push((start, name_end, value_end, source));
    }

    /// Every parameter in order: its flat name and effective value.
    ///
    /// ```
    /// let r = importimage_lint::lint_str("Action=ImportImage&RegionId=cn-hangzhou");
    /// let names: Vec<&str> = r.effective.iter().map(|(n, _)| n).collect();
    /// assert_eq!(&names[..3], ["Action", "RegionId", "Architecture"]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, EffectiveValue<'_>)> {
        self.items
            .iter()
            .map(|&(start, name_end, value_end, source)| {
                let value = value_end.map(|end| &self.text[name_end..end]);
                (
                    &self.text[start..name_end],
                    EffectiveValue { value, source },
                )
            })
    }

    /// The effective value of one flat parameter name.
    ///
    /// ```
    /// let r = importimage_lint::lint_str("Action=ImportImage&RegionId=cn-hangzhou");
    /// assert_eq!(r.effective.get("OSType").unwrap().value, Some("Linux"));
    /// ```
    pub fn get(&self, name: &str) -> Option<EffectiveValue<'_>> {
        self.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// How many parameters it holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether it holds none (the input could not be read).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl Serialize for Effective {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// The result of linting one request.
///
/// ```
/// let r = importimage_lint::lint_str("garbage");
/// assert!(!r.valid);
/// assert_eq!(r.profile, "2019-01");
/// assert_eq!(r.count(importimage_lint::Severity::Error), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// False exactly when some diagnostic is an error.
    pub valid: bool,
    /// The rule profile (API revision) that judged the request.
    pub profile: &'static str,
    /// Every finding, ordered by position in the input, then by rule.
    pub diagnostics: Vec<Diagnostic>,
    /// The request as the service will see it.
    pub effective: Effective,
}

impl Report {
    /// Counts the diagnostics of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Whether some diagnostic of this rule names this parameter (handy in tests and tools).
    pub fn has(&self, rule: Rule, param: &str) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.rule == rule && d.param.as_deref() == Some(param))
    }
}
