//! The verdict-only entry: whether a request is valid, without building its report.
//!
//! The same checks run in the same order as for a report; a finding is neither built nor
//! rendered, only whether one of severity error is kept under the options (severity
//! overrides and inline suppressions applied). `tests/properties.rs` proves it agrees with
//! the report's `valid` on generated requests under every profile.

use crate::diagnostic::Finding;
use crate::input::{self, Form, Parsed};
use crate::message::Msg;
use crate::{driver, Linter};

impl Linter {
    /// Whether [`Linter::lint_str`] would report the text valid, without building the
    /// report: no message is rendered, no fix verified, no position computed. For a form
    /// that only needs a yes or no, or a pipeline that filters requests.
    ///
    /// ```
    /// let linter = importimage_lint::Linter::default();
    /// assert!(linter.is_valid(r#"{"RegionId": "cn-hangzhou",
    ///     "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#));
    /// assert!(!linter.is_valid("RegionId=CN_Hangzhou"));
    /// ```
    #[must_use]
    pub fn is_valid(&self, input: &str) -> bool {
        self.verdict(input, None)
    }

    /// Whether [`Linter::lint_json`] would report the text valid (text that is not a JSON
    /// object is not), without building the report.
    ///
    /// ```
    /// let linter = importimage_lint::Linter::default();
    /// assert!(!linter.is_valid_json("RegionId=cn-hangzhou"));
    /// ```
    #[must_use]
    pub fn is_valid_json(&self, input: &str) -> bool {
        self.verdict(input, Some(Form::Json))
    }

    fn verdict(&self, input: &str, form: Option<Form>) -> bool {
        let opts = self.options();
        let max = opts.max_input_bytes;
        if input.len() > max {
            let fatal = Finding::invalid_input(Msg::TooLarge { max }, (0, 0));
            return driver::verdict(Parsed::fatal(fatal), opts);
        }
        let (_, parsed) = input::read(input, form);
        driver::verdict(parsed, opts)
    }
}
