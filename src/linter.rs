//! The library's face for linting: [`Linter`] and [`Batch`], configured by [`Options`].

use crate::checks::batch::Seen;
use crate::diagnostic::{Finding, Severity};
use crate::input::{self, sdk, Entry, Form, Name, Parsed};
use crate::message::Msg;
use crate::report::Report;
use crate::request::ImportImageRequest;
use crate::subjects::RequestInput;
use crate::{driver, Diagnostic, Options};

/// A linter with fixed [`Options`]. Cheap to create; holds no state between calls.
///
/// ```
/// use importimage_lint::{profile, Linter, Options};
/// let linter = Linter::new(Options::default().with_profile(profile::by_id("current").unwrap()));
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
        self.text(input, None, None)
    }

    /// Lints text that must be a JSON object.
    ///
    /// ```
    /// let r = importimage_lint::Linter::default().lint_json("RegionId=cn-hangzhou");
    /// assert!(!r.valid);
    /// ```
    pub fn lint_json(&self, input: &str) -> Report {
        self.text(input, Some(Form::Json), None)
    }

    /// Lints text that must be a query string or URL.
    ///
    /// ```
    /// let r = importimage_lint::Linter::default().lint_query(
    ///     "RegionId=cn-hangzhou&DiskDeviceMapping.1.OSSBucket=ecsimageos&DiskDeviceMapping.1.OSSObject=a.raw");
    /// assert!(r.valid);
    /// ```
    pub fn lint_query(&self, input: &str) -> Report {
        self.text(input, Some(Form::Query), None)
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

    fn bytes(&self, input: &[u8], seen: Option<&mut Seen>) -> Report {
        match std::str::from_utf8(input) {
            Ok(s) => self.text(s, None, seen),
            Err(e) => {
                let at = e.valid_up_to();
                let valid = std::str::from_utf8(&input[..at]).unwrap_or_default();
                let fatal = Finding::invalid_input(
                    Msg::NotUtf8 {
                        at,
                        byte: input[at],
                    },
                    (at, at),
                );
                driver::lint(valid, Parsed::fatal(fatal), &self.options, seen)
            }
        }
    }

    fn text(&self, input: &str, form: Option<Form>, seen: Option<&mut Seen>) -> Report {
        let max = self.options.max_input_bytes;
        if input.len() > max {
            let fatal = Finding::invalid_input(Msg::TooLarge { max }, (0, 0));
            return driver::lint("", Parsed::fatal(fatal), &self.options, seen);
        }
        let (_, parsed) = input::read(input, form);
        driver::lint(input, parsed, &self.options, seen)
    }

    /// The report for an input that could not be read at all (a link to nothing, a file
    /// that cannot be opened): one `invalid-input` error saying why, at its start.
    ///
    /// ```
    /// let r = importimage_lint::Linter::default().unreadable("a symbolic link to nothing");
    /// assert!(!r.valid);
    /// assert_eq!(r.diagnostics[0].message, "the file cannot be read: a symbolic link to nothing");
    /// ```
    pub fn unreadable(&self, reason: &str) -> Report {
        let fatal = Finding::invalid_input(
            Msg::Unreadable {
                reason: reason.into(),
            },
            (0, 0),
        );
        driver::lint("", Parsed::fatal(fatal), &self.options, None)
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

    fn typed(&self, entries: Vec<Entry<'_>>, seen: Option<&mut Seen>) -> Report {
        let parsed = Parsed {
            entries,
            ..Parsed::default()
        };
        driver::lint("", parsed, &self.options, seen)
    }

    /// Checks one field in the context of the rest of a request (a JSON object or query
    /// string; `None` for none), as a form validates while the user types. Returns the
    /// diagnostics that concern that field, without spans: those about it, and those that
    /// compare it with another field (`related_params`), exactly as [`Linter::lint_str`]
    /// reports them for the whole request. The field may be named as the API names it or
    /// as an SDK model does (`imageName`).
    ///
    /// ```
    /// let linter = importimage_lint::Linter::default();
    /// let ds = linter.validate_field("DiskDeviceMapping.2.DiskImageSize", "1001", None);
    /// assert_eq!(ds[0].rule.id(), "disk-image-size");
    /// assert!(linter.validate_field("ImageName", "centos-7", Some(r#"{"RegionId": "cn-hangzhou"}"#)).is_empty());
    /// // A finding that compares two fields shows under either of them.
    /// let ds = linter.validate_field("Platform", "Windows Server 2012", Some(r#"{"OSType": "linux"}"#));
    /// assert!(ds.iter().any(|d| d.rule.id() == "platform-os-type-mismatch"));
    /// ```
    #[must_use]
    pub fn validate_field(
        &self,
        param: &str,
        value: &str,
        context: Option<&str>,
    ) -> Vec<Diagnostic> {
        self.field(param, value, context.map(RequestInput::Text))
    }

    /// [`Linter::validate_field`] with the context as text or typed.
    pub(crate) fn field(
        &self,
        param: &str,
        value: &str,
        context: Option<RequestInput<'_>>,
    ) -> Vec<Diagnostic> {
        let name = field_name(param);
        let field = Entry {
            name: Name::flat(name.as_str()),
            ..Entry::typed("", value)
        };
        self.validate_entry(&name, field, context)
    }

    /// [`Linter::validate_field`] for a value given as JSON text, such as a form's number,
    /// boolean or empty state: `40`, `true`, `null` (absent), or `NaN`, `Infinity` and
    /// `undefined`, which JSON lacks and are reported as values of the wrong type. Text that
    /// is no single JSON value is one `invalid-input` diagnostic.
    ///
    /// ```
    /// let linter = importimage_lint::Linter::default();
    /// assert!(linter.validate_field_json("DiskDeviceMapping.1.DiskImageSize", "40", None).is_empty());
    /// let ds = linter.validate_field_json("DiskDeviceMapping.1.DiskImageSize", "NaN", None);
    /// assert_eq!(ds[0].rule.id(), "invalid-value-type");
    /// ```
    #[must_use]
    pub fn validate_field_json(
        &self,
        param: &str,
        value_json: &str,
        context: Option<&str>,
    ) -> Vec<Diagnostic> {
        self.field_json(param, value_json, context.map(RequestInput::Text))
    }

    /// [`Linter::validate_field_json`] with the context as text or typed.
    pub(crate) fn field_json(
        &self,
        param: &str,
        value_json: &str,
        context: Option<RequestInput<'_>>,
    ) -> Vec<Diagnostic> {
        let name = field_name(param);
        let text = format!("{{{}: {value_json}}}", crate::fix::json_string(&name));
        let (_, parsed) = input::read(&text, None);
        let fatal = parsed.fatal.or_else(|| {
            // Text such as `1, "RegionId": "x"` holds more than the one value.
            (parsed.entries.len() > 1).then(|| Finding::invalid_input(Msg::NotOneValue, (0, 0)))
        });
        if let Some(fatal) = fatal {
            let mut d = fatal.render(self.options.lang, Severity::Error, None);
            d.span = None;
            d.param = Some(name);
            return vec![d];
        }
        match parsed.entries.into_iter().next() {
            Some(field) => self.validate_entry(&name, field.without_spans(), context),
            // `null`: the field is absent; what the request then lacks is still said.
            None => self.validate_absent(&name, context),
        }
    }

    /// The diagnostics about `name` once it is left out of the request.
    fn validate_absent(&self, name: &str, context: Option<RequestInput<'_>>) -> Vec<Diagnostic> {
        match self.context_entries(name, context) {
            Ok(entries) => self.about(name, self.typed(entries, None)),
            Err(d) => vec![*d],
        }
    }

    fn validate_entry(
        &self,
        name: &str,
        field: Entry<'_>,
        context: Option<RequestInput<'_>>,
    ) -> Vec<Diagnostic> {
        match self.context_entries(name, context) {
            Ok(mut entries) => {
                entries.push(field);
                self.about(name, self.typed(entries, None))
            }
            Err(d) => vec![*d],
        }
    }

    /// The diagnostics of a report that concern `name`.
    fn about(&self, name: &str, report: Report) -> Vec<Diagnostic> {
        report
            .diagnostics
            .into_iter()
            .filter(|d| {
                d.param.as_deref() == Some(name) || d.related_params.iter().any(|p| p == name)
            })
            .collect()
    }

    /// The entries of a form's other fields: the context request without `name`, or the
    /// diagnostic that says why the context cannot be read.
    fn context_entries<'c>(
        &self,
        name: &str,
        context: Option<RequestInput<'c>>,
    ) -> Result<Vec<Entry<'c>>, Box<Diagnostic>> {
        Ok(match context {
            Some(RequestInput::Typed(request)) => request
                .entries()
                .into_iter()
                .filter(|e| e.name.text() != name)
                .collect(),
            Some(RequestInput::Text(ctx)) if !ctx.trim().is_empty() => {
                let (_, parsed) = input::read(ctx, None);
                if let Some(fatal) = parsed.fatal {
                    let mut d = fatal.render(self.options.lang, Severity::Error, None);
                    d.span = None;
                    return Err(Box::new(d));
                }
                parsed
                    .entries
                    .into_iter()
                    .filter(|e| e.name.text() != name)
                    .map(Entry::without_spans)
                    .collect()
            }
            _ => Vec::new(),
        })
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
            seen: Seen::default(),
        }
    }

    /// Lints one request of a batch on its own, so that a batch can be linted on several
    /// threads: the report without the rules across requests, and what they need to know
    /// of this one. [`Batch::merge`] then judges it against the batch, in input order, and
    /// gives exactly the report [`Batch::lint_bytes_with`] would have.
    pub fn lint_bytes_detached(&self, input: &[u8]) -> Detached {
        let mut seen = Seen::capturing();
        let report = self.bytes(input, Some(&mut seen));
        self.detached(report, seen)
    }

    /// [`Linter::lint_bytes_detached`] for a typed request.
    ///
    /// ```
    /// use importimage_lint::{DiskMapping, ImportImageRequest, Linter};
    /// let linter = Linter::default();
    /// let a = ImportImageRequest::new("cn-hangzhou").image_name("web").disk(DiskMapping::new("b12", "a.raw"));
    /// let (one, two) = (linter.lint_request_detached(&a), linter.lint_request_detached(&a));
    /// let mut batch = linter.batch();
    /// assert!(batch.merge(one).diagnostics.is_empty());
    /// assert_eq!(batch.merge(two).diagnostics[0].rule.id(), "duplicate-image-name");
    /// ```
    pub fn lint_request_detached(&self, request: &ImportImageRequest) -> Detached {
        let mut seen = Seen::capturing();
        let report = self.typed(request.entries(), Some(&mut seen));
        self.detached(report, seen)
    }

    fn detached(&self, report: Report, seen: Seen) -> Detached {
        Detached {
            report,
            captured: seen.capture.flatten(),
            options: Options {
                severities: Vec::new(),
                ..self.options.clone()
            },
        }
    }
}

/// A request linted on its own for a batch; see [`Linter::lint_bytes_detached`].
#[derive(Debug)]
pub struct Detached {
    report: Report,
    captured: Option<crate::checks::batch::Captured>,
    options: Options,
}

impl Detached {
    /// The report before the batch has judged it.
    pub fn report(&self) -> &Report {
        &self.report
    }
}

/// Several requests linted together; see [`Linter::batch`]. Memory grows only with the
/// set of distinct (RegionId, ImageName) pairs seen, at a fixed size per pair.
///
/// ```
/// let linter = importimage_lint::Linter::default();
/// let mut batch = linter.batch();
/// let a = "RegionId=cn-hangzhou&ImageName=web&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=a.raw";
/// assert!(batch.lint_str(a).diagnostics.is_empty());
/// assert_eq!(batch.lint_str(a).diagnostics[0].code, Some("InvalidImageName.Duplicated"));
/// ```
#[derive(Debug)]
pub struct Batch<'l> {
    linter: &'l Linter,
    seen: Seen,
}

impl Batch<'_> {
    /// The batch's memory of earlier requests.
    pub(crate) fn seen_mut(&mut self) -> &mut Seen {
        &mut self.seen
    }

    /// Lints the next request, given as text of any form.
    pub fn lint_str(&mut self, input: &str) -> Report {
        self.linter.text(input, None, Some(&mut self.seen))
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
    /// let current = Linter::new(Options::default().with_profile(&profile::CURRENT));
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

    /// Judges, in turn, a request linted on its own by [`Linter::lint_bytes_detached`]
    /// (on any thread): the report this batch would have given it. Hand the requests in
    /// input order.
    ///
    /// ```
    /// let linter = importimage_lint::Linter::default();
    /// let a = br#"{"RegionId": "cn-hangzhou", "ImageName": "web", "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#;
    /// let (first, second) = std::thread::scope(|s| {
    ///     let one = s.spawn(|| linter.lint_bytes_detached(a));
    ///     let two = s.spawn(|| linter.lint_bytes_detached(a));
    ///     (one.join().unwrap(), two.join().unwrap())
    /// });
    /// let mut batch = linter.batch();
    /// assert!(batch.merge(first).diagnostics.is_empty());
    /// assert_eq!(batch.merge(second).diagnostics[0].rule.id(), "duplicate-image-name");
    /// ```
    pub fn merge(&mut self, detached: Detached) -> Report {
        let Detached {
            mut report,
            captured,
            options,
        } = detached;
        self.seen.merge(&mut report, captured, &options);
        report
    }

    /// How many requests the batch has linted.
    pub fn len(&self) -> u64 {
        self.seen.count
    }

    /// Whether the batch has linted nothing yet.
    pub fn is_empty(&self) -> bool {
        self.seen.count == 0
    }
}

/// A field's API name: each segment of an SDK model spelling (`imageName`) mapped to the
/// API's, surrounding blank space dropped.
fn field_name(param: &str) -> String {
    param
        .trim()
        .split('.')
        .map(|seg| sdk::api_name(seg).unwrap_or(seg))
        .collect::<Vec<_>>()
        .join(".")
}
