//! The library's face for linting: [`Linter`] and [`Batch`], configured by [`Options`].

use crate::checks::batch::Seen;
use crate::diagnostic::{Finding, Severity};
use crate::input::{self, sdk, Entry, Form, Name, Parsed};
use crate::message::Msg;
use crate::profile::Key;
use crate::report::Report;
use crate::request::ImportImageRequest;
use crate::resolve::Resolved;
use crate::role::RequestFacts;
use crate::rule::Rule;
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
    pub fn validate_field(
        &self,
        param: &str,
        value: &str,
        context: Option<&str>,
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
    pub fn validate_field_json(
        &self,
        param: &str,
        value_json: &str,
        context: Option<&str>,
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
    fn validate_absent(&self, name: &str, context: Option<&str>) -> Vec<Diagnostic> {
        match self.context_entries(name, context) {
            Ok(entries) => self.about(name, self.typed(entries, None)),
            Err(d) => vec![*d],
        }
    }

    fn validate_entry(
        &self,
        name: &str,
        field: Entry<'_>,
        context: Option<&str>,
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
        context: Option<&'c str>,
    ) -> Result<Vec<Entry<'c>>, Box<Diagnostic>> {
        Ok(match context {
            Some(ctx) if !ctx.trim().is_empty() => {
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

    /// Checks a disk image file, from the facts the inspector found in its headers
    /// ([`crate::image::inspect`]), against the profile and, given the request, against
    /// the request's disk `disk` (by default the disk whose OSSObject ends with
    /// `file_name`, else disk 1). `file_name` also gives the extension when the request
    /// names no object. A disk the request does not have, or disk 0, is an `invalid-input`
    /// finding (the image is then checked against the profile's disk 1 or `disk`).
    ///
    /// ```
    /// use importimage_lint::{image::inspect_bytes, Linter};
    /// let mut disk = vec![0u8; 3 << 20];
    /// disk[..4].copy_from_slice(b"QFI\xfb");
    /// let facts = inspect_bytes(&disk);
    /// let request = r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "b12",
    ///     "DiskDeviceMapping.1.OSSObject": "disk.raw", "DiskDeviceMapping.1.Format": "RAW"}"#;
    /// let report = Linter::default().lint_image(&facts, Some(request), None, Some("disk.raw"));
    /// assert!(report.diagnostics.iter().any(|d| d.rule.id() == "image-format-mismatch"));
    /// ```
    pub fn lint_image(
        &self,
        facts: &crate::image::ImageFacts,
        request: Option<&str>,
        disk: Option<u32>,
        file_name: Option<&str>,
    ) -> Report {
        let opts = &self.options;
        let mut sink = crate::sink::Sink::new(
            opts.profile,
            opts.lang,
            opts.max_diagnostics,
            &opts.severities,
        );
        let parsed = request.map(|text| input::read(text, None).1);
        let parsed = match parsed {
            Some(mut p) => match p.fatal.take() {
                Some(fatal) => {
                    let reason = fatal.msg.render(opts.lang);
                    sink.push(Finding::new(
                        Rule::InvalidInput,
                        crate::message::ImageMsg::RequestUnreadableForImage { reason },
                    ));
                    None
                }
                None => Some(p),
            },
            None => None,
        };
        let req = parsed.as_ref().map(|p| Resolved::new(opts.profile, p));
        let base = |s: &str| s.rsplit(['/', '\\']).next().unwrap_or("").to_owned();
        let family = opts.profile.keyed(Key::DiskObject).and_then(|p| p.family());
        let disks = match (&req, family) {
            (Some(req), Some(family)) => Some(req.indices(family)),
            _ => None,
        };
        let n = disk
            .or_else(|| {
                let (req, name) = (req.as_ref()?, base(file_name?));
                disks.as_ref()?.iter().copied().find(|&n| {
                    req.value(Key::DiskObject, n)
                        .is_some_and(|o| base(o) == name)
                })
            })
            .unwrap_or(1);
        // A disk the request does not have (or disk 0) is said, never silently passed.
        if n == 0 || disks.as_ref().is_some_and(|d| !d.contains(&n)) {
            let disks = disks.unwrap_or_default();
            sink.push(
                Finding::new(
                    Rule::InvalidInput,
                    crate::message::ImageMsg::NoSuchDisk {
                        n,
                        disks: disks.clone(),
                    },
                )
                .param(format!("DiskDeviceMapping.{n}"))
                .help(crate::message::ImageMsg::NoSuchDiskHelp { disks }),
            );
        }
        crate::checks::image::check(&mut sink, facts, req.as_ref(), n.max(1), file_name);
        driver::finish("", sink, crate::report::Effective::default())
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
        let max = self.options.max_input_bytes;
        if bundle.len() > max {
            let fatal = Finding::invalid_input(Msg::TooLarge { max }, (0, 0));
            return driver::lint("", Parsed::fatal(fatal), &self.options, None);
        }
        let facts = request.map(|r| self.request_facts(r));
        crate::role::lint(&self.options, bundle, facts.as_ref())
    }

    /// What a request's disks read and which role it names, as resolution sees them.
    fn request_facts(&self, text: &str) -> RequestFacts {
        let mut facts = RequestFacts::default();
        if text.len() > self.options.max_input_bytes {
            facts.error = Some(
                Msg::TooLarge {
                    max: self.options.max_input_bytes,
                }
                .render(self.options.lang),
            );
            return facts;
        }
        let (_, parsed) = input::read(text, None);
        if let Some(fatal) = &parsed.fatal {
            facts.error = Some(fatal.msg.render(self.options.lang));
            return facts;
        }
        let profile = self.options.profile;
        let req = Resolved::new(profile, &parsed);
        facts.role = req.value(Key::RoleName, 0).map(str::to_owned);
        let family = profile
            .keyed(Key::DiskBucket)
            .and_then(|p| p.family())
            .unwrap_or_default();
        for n in req.indices(family) {
            match (req.value(Key::DiskBucket, n), req.value(Key::DiskObject, n)) {
                (Some(b), Some(o)) if crate::checks::oss::bucket_name_ok(b) => {
                    facts.disks.push((b.to_owned(), o.to_owned()))
                }
                (Some(b), _) => facts.unread.push((n, b.to_owned())),
                _ => {}
            }
        }
        if facts.disks.is_empty() && facts.unread.is_empty() {
            facts.error = Some(
                Msg::NoMember {
                    family,
                    field: "OSSBucket",
                }
                .render(self.options.lang),
            );
        }
        facts
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
