//! [`Options`]: how to lint (profile, severities, limits, language), set with builders.

use crate::diagnostic::Severity;
use crate::message::Lang;
use crate::profile::{self, Profile};
use crate::rule::Rule;

/// The largest request accepted by default: 16 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// The most diagnostics a report keeps by default; one more says how many were left out.
pub const DEFAULT_MAX_DIAGNOSTICS: usize = 200;

/// How to lint: which profile, which severities, which limits, which language.
///
/// ```
/// use importimage_lint::{profile, Linter, Options, Rule, Severity};
/// let opts = Options::default()
///     .with_profile(&profile::CURRENT)
///     .with_severity(Rule::RegionIdUnknown, None)
///     .with_severity(Rule::EnumLetterCase, Some(Severity::Error));
/// let r = Linter::new(opts).lint_str("RegionId=mars-1&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=a.raw");
/// assert!(r.valid && r.diagnostics.is_empty());
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Options {
    /// The API revision whose rules apply (default: the API reference, `2019-01`).
    pub profile: &'static Profile,
    /// Per-rule severity overrides; `None` turns the rule off. Later entries win.
    pub severities: Vec<(Rule, Option<Severity>)>,
    /// The most diagnostics a report keeps.
    pub max_diagnostics: usize,
    /// The largest input accepted, in bytes.
    pub max_input_bytes: usize,
    /// The language of messages and helps.
    pub lang: Lang,
    /// Whether reports carry the effective request (default true). A caller that reads
    /// only the verdict and the diagnostics saves building it.
    pub effective: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            profile: profile::DEFAULT,
            severities: Vec::new(),
            max_diagnostics: DEFAULT_MAX_DIAGNOSTICS,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            lang: Lang::default(),
            effective: true,
        }
    }
}

impl Options {
    /// The same options under another profile.
    pub fn with_profile(mut self, profile: &'static Profile) -> Self {
        self.profile = profile;
        self
    }
    /// The same options with a rule's severity overridden (`None` turns it off).
    pub fn with_severity(mut self, rule: Rule, severity: Option<Severity>) -> Self {
        self.severities.push((rule, severity));
        self
    }
    /// The same options with another cap on diagnostics.
    pub fn with_max_diagnostics(mut self, max: usize) -> Self {
        self.max_diagnostics = max;
        self
    }
    /// The same options with another limit on input size.
    pub fn with_max_input_bytes(mut self, max: usize) -> Self {
        self.max_input_bytes = max;
        self
    }
    /// The same options in another language.
    pub fn with_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }
    /// The same options with or without the effective request in reports.
    ///
    /// ```
    /// let linter = importimage_lint::Linter::new(importimage_lint::Options::default().with_effective(false));
    /// assert!(linter.lint_str(r#"{"RegionId": "cn-hangzhou"}"#).effective.is_empty());
    /// ```
    pub fn with_effective(mut self, effective: bool) -> Self {
        self.effective = effective;
        self
    }
}
