//! Diagnostics: the typed values every check produces and every output renders.
//!
//! A leaf module. Checks build a [`Finding`] (a rule, a typed [`Msg`], spans borrowed from
//! the input); the driver turns the findings it keeps into [`Diagnostic`]s, rendering the
//! message in the report's language. Nothing is formatted for a finding that the cap drops.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::message::{Lang, Msg};
use crate::rule::Rule;

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
#[non_exhaustive]
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
/// let report = importimage_lint::lint_str(input);
/// let d = report.diagnostics.iter().find(|d| d.param.as_deref() == Some("ImageName")).unwrap();
/// let span = d.span.unwrap();
/// assert_eq!((span.line, span.column), (2, 15));
/// assert_eq!(&input[span.start..span.end], "\"镜 像\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
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

impl Span {
    /// A span of bytes whose line, column and UTF-16 offsets are filled in later.
    pub(crate) fn bytes(start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            line: 0,
            column: 0,
            utf16_start: 0,
            utf16_end: 0,
        }
    }
}

/// The facts behind a diagnostic, so that another tool can word the message itself.
///
/// Only the fields that apply are present. Credential values are never copied here.
///
/// ```
/// let r = importimage_lint::lint_str("Action=ImportImage&RegionId=cn-hangzhou&ImageName=x\
///     &DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=a.raw");
/// let data = &r.diagnostics[0].data;
/// assert_eq!((data.min, data.max, data.actual), (Some(2), Some(128), Some(1)));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Data {
    /// The value the diagnostic is about, as read from the input (at most 160 characters).
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
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::report_de::unit"
    )]
    pub unit: Option<crate::report_de::Name>,
    /// The values the parameter accepts.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::report_de::allowed"
    )]
    pub allowed: Option<Vec<&'static str>>,
    /// What was expected instead (a value, a region, a type, a profile).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// The offending character, written as `U+XXXX`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub character: Option<String>,
    /// How many more diagnostics were left out (only on `too-many-diagnostics`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub omitted: Option<u64>,
    /// The earlier request this one repeats (only on `duplicate-image-name`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earlier: Option<Earlier>,
}

/// Where the earlier request of a batch had what a later one repeats.
///
/// ```
/// let linter = importimage_lint::Linter::default();
/// let mut batch = linter.batch();
/// let a = "{\"RegionId\": \"cn-hangzhou\",\n \"ImageName\": \"web\", \"DiskDeviceMapping.1.OSSBucket\": \"b12\", \"DiskDeviceMapping.1.OSSObject\": \"a.raw\"}";
/// batch.lint_str(a);
/// let r = batch.lint_str(a);
/// let e = r.diagnostics[0].data.earlier.unwrap();
/// assert_eq!((e.request, e.line, e.column), (0, 2, 15));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Earlier {
    /// Its position in the batch, from 0.
    pub request: u64,
    /// The 1-based line of its value in its own text (0 for typed input).
    pub line: u64,
    /// The 1-based column, in code points (0 for typed input).
    pub column: u64,
}

impl Data {
    /// Data holding the value a finding is about, cut to 160 characters.
    pub(crate) fn value(v: &str) -> Data {
        Data {
            value: Some(v.chars().take(160).collect()),
            ..Data::default()
        }
    }

    /// Adds a range and the measured amount.
    pub(crate) fn range(
        mut self,
        min: u64,
        max: u64,
        actual: Option<u64>,
        unit: &'static str,
    ) -> Data {
        self.min = Some(min);
        self.max = Some(max);
        self.actual = actual;
        self.unit = Some(unit);
        self
    }

    /// Adds what was expected.
    pub(crate) fn expected(mut self, e: impl Into<String>) -> Data {
        self.expected = Some(e.into());
        self
    }
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
/// assert_eq!(d.code, None, "the service accepts the spelling");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: Rule,
    /// How serious it is (the rule's default, unless overridden by options).
    pub severity: Severity,
    /// The API error code the service would answer with, or null when it would not fail.
    #[serde(deserialize_with = "crate::report_de::code")]
    pub code: Option<crate::report_de::Name>,
    /// The flat API name of the parameter, such as `DiskDeviceMapping.2.DiskImageSize`.
    pub param: Option<String>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The replacement value, present only where applying it is certain to remove the
    /// problem without hiding another.
    pub fix: Option<String>,
    /// The facts behind the message.
    pub data: Data,
    /// Where it is in the input text; null for typed input and for what is absent.
    pub span: Option<Span>,
    /// The other parameters a finding that compares two fields concerns (`Platform` for an
    /// OSType that does not fit it, `RegionId` for a bucket in another region), so that a
    /// form can show it under each field. Left out of the JSON when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_params: Vec<String>,
}

/// The parameter (when there is one), the message and the rule id on one line, such as
/// `ImageName: … (image-name-start)`: what an error chain or a log line shows.
///
/// ```
/// let r = importimage_lint::lint_str(r#"{"RegionId": "cn-hangzhou", "ImageName": "1abc",
///     "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#);
/// let d = &r.diagnostics[0];
/// let line = d.to_string();
/// assert!(line.starts_with("ImageName: ") && line.ends_with("(image-name-start)"));
/// // A diagnostic is an error type: it boxes into `Box<dyn Error>` and works with `?`.
/// let e: Box<dyn std::error::Error> = Box::new(d.clone());
/// assert_eq!(e.to_string(), line);
/// ```
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.param {
            write!(f, "{p}: ")?;
        }
        write!(f, "{} ({})", self.message, self.rule)
    }
}

impl std::error::Error for Diagnostic {}

/// Which API error code a finding carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Code {
    /// The profile's code for the rule.
    OfRule,
    /// A code of its own (a parameter's code, or another rule's).
    Is(&'static str),
    /// None: the service would not fail.
    Not,
}

/// A diagnostic before it is kept and rendered: typed message, borrowed parameter name.
#[derive(Debug, Clone)]
#[must_use]
pub(crate) struct Finding<'a> {
    pub rule: Rule,
    pub msg: Msg<'a>,
    pub help: Option<Msg<'a>>,
    pub param: Option<Cow<'a, str>>,
    pub span: Option<(usize, usize)>,
    pub fix: Option<Cow<'a, str>>,
    pub data: Data,
    pub code: Code,
    /// The other parameter a cross-field finding concerns.
    pub also: Option<Cow<'a, str>>,
}

impl<'a> Finding<'a> {
    /// A finding of `rule` saying `msg`.
    pub(crate) fn new(rule: Rule, msg: impl Into<Msg<'a>>) -> Self {
        Finding {
            rule,
            msg: msg.into(),
            help: None,
            param: None,
            span: None,
            fix: None,
            data: Data::default(),
            code: Code::OfRule,
            also: None,
        }
    }

    /// An `invalid-input` error at a byte span: the input cannot be read as a request.
    pub(crate) fn invalid_input(msg: Msg<'a>, span: (usize, usize)) -> Self {
        Finding::new(Rule::InvalidInput, msg).span(Some(span))
    }

    pub(crate) fn param(mut self, p: impl Into<Cow<'a, str>>) -> Self {
        self.param = Some(p.into());
        self
    }

    /// The other parameter a finding that compares two fields concerns.
    pub(crate) fn also(mut self, p: impl Into<Cow<'a, str>>) -> Self {
        self.also = Some(p.into());
        self
    }

    pub(crate) fn span(mut self, s: Option<(usize, usize)>) -> Self {
        self.span = s;
        self
    }

    pub(crate) fn help(mut self, h: impl Into<Msg<'a>>) -> Self {
        self.help = Some(h.into());
        self
    }

    pub(crate) fn fix(mut self, f: impl Into<Cow<'a, str>>) -> Self {
        self.fix = Some(f.into());
        self
    }

    pub(crate) fn data(mut self, d: Data) -> Self {
        self.data = d;
        self
    }

    pub(crate) fn code(mut self, c: Code) -> Self {
        self.code = c;
        self
    }

    /// Renders the finding as a diagnostic in `lang`, with the profile's code for its rule.
    pub(crate) fn render(
        self,
        lang: Lang,
        severity: Severity,
        rule_code: Option<&'static str>,
    ) -> Diagnostic {
        Diagnostic {
            rule: self.rule,
            severity,
            code: match self.code {
                Code::OfRule => rule_code,
                Code::Is(c) => Some(c),
                Code::Not => None,
            },
            param: self.param.map(Cow::into_owned),
            message: self.msg.render(lang),
            help: self.help.map(|h| h.render(lang)),
            fix: self.fix.map(Cow::into_owned),
            data: self.data,
            span: self.span.map(|(s, e)| Span::bytes(s, e)),
            related_params: self.also.map(Cow::into_owned).into_iter().collect(),
        }
    }
}
