//! The report: the one contract shared by the library, the CLI and the npm package.

use serde::{Deserialize, Serialize, Serializer};

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::Rule;

/// Where an effective value comes from.
///
/// ```
/// use importimage_lint::{lint_str, Source};
/// let r = lint_str("Action=ImportImage&RegionId=cn-hangzhou&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=a.raw");
/// assert_eq!(r.effective.get("RegionId").unwrap().source, Source::Given);
/// assert_eq!(r.effective.get("Platform").unwrap().source, Source::Default);
/// assert_eq!(r.effective.get("DiskDeviceMapping.1.Format").unwrap().source, Source::Detected);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
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
#[non_exhaustive]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[must_use = "a report is the lint's only result: read `valid`, or call `into_result()`"]
pub struct Report {
    /// False exactly when some diagnostic is an error.
    pub valid: bool,
    /// The rule profile (API revision) that judged the request.
    #[serde(deserialize_with = "crate::report_de::profile_id")]
    pub profile: crate::report_de::Name,
    /// Every finding, ordered by position in the input, then by rule.
    pub diagnostics: Vec<Diagnostic>,
    /// The request as the service will see it.
    pub effective: Effective,
}

impl Report {
    pub(crate) fn new(
        valid: bool,
        profile: &'static str,
        diagnostics: Vec<Diagnostic>,
        effective: Effective,
    ) -> Self {
        Report {
            valid,
            profile,
            diagnostics,
            effective,
        }
    }

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

impl Report {
    /// The diagnostics of severity error: what the service would reject.
    ///
    /// ```
    /// let r = importimage_lint::lint_str(r#"{"RegionId": "cn-hangzou", "ImageName": "1abc",
    ///     "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#);
    /// let rules: Vec<_> = r.errors().map(|d| d.rule.id()).collect();
    /// assert_eq!(rules, ["image-name-start"], "the unknown region is a warning");
    /// ```
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> + '_ {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    /// The report when the request is valid (warnings and notes may remain), else a
    /// [`Rejected`] error holding it, so that a caller can use `?`.
    ///
    /// ```
    /// fn preflight(request: &str) -> Result<(), Box<dyn std::error::Error>> {
    ///     let report = importimage_lint::lint_str(request).into_result()?;
    ///     assert!(report.valid);
    ///     Ok(())
    /// }
    /// let e = preflight(r#"{"RegionId": "cn-hangzhou", "ImageName": "1abc",
    ///     "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#).unwrap_err();
    /// assert!(e.to_string().starts_with("1 error: ImageName: "));
    /// assert!(preflight(r#"{"RegionId": "cn-hangzhou"}"#).unwrap_err().to_string().contains(" more"));
    /// let first = e.source().unwrap().downcast_ref::<importimage_lint::Diagnostic>().unwrap();
    /// assert_eq!(first.rule.id(), "image-name-start");
    /// # use std::error::Error;
    /// ```
    pub fn into_result(self) -> Result<Report, Rejected> {
        if self.valid {
            Ok(self)
        } else {
            Err(Rejected { report: self })
        }
    }
}

/// The error of [`Report::into_result`]: the service would reject the request. Its
/// `Display` names the first error and how many there are; its
/// [`source`](std::error::Error::source) is the first error [`Diagnostic`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    report: Report,
}

impl Rejected {
    /// The report of the rejected request.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The report of the rejected request, taken back.
    pub fn into_report(self) -> Report {
        self.report
    }
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.report.count(Severity::Error);
        match self.report.errors().next() {
            Some(first) if n == 1 => write!(f, "1 error: {first}"),
            Some(first) => write!(f, "{n} errors: {first}; and {} more", n - 1),
            None => f.write_str("the request would be rejected"),
        }
    }
}

impl std::error::Error for Rejected {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.report
            .errors()
            .next()
            .map(|d| d as &(dyn std::error::Error + 'static))
    }
}
