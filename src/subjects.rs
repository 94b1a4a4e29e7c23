//! The linter's other subjects: a disk image file ([`Linter::check_image`]) and the RAM
//! role of an import ([`Linter::check_role`]), each judged with the request it belongs to,
//! given as text or typed ([`RequestInput`]), the options named ([`ImageCheck`],
//! [`RoleCheck`]) rather than positional.

use crate::diagnostic::Finding;
use crate::input::{self, Parsed};
use crate::message::{ImageMsg, Msg};
use crate::profile::Key;
use crate::report::{Effective, Report};
use crate::request::ImportImageRequest;
use crate::resolve::Resolved;
use crate::role::RequestFacts;
use crate::rule::Rule;
use crate::{driver, Linter};

/// A request as the image and role checks take it: text of any form (JSON, query string,
/// URL), or typed. `From` turns either into one.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum RequestInput<'a> {
    /// Request text of any form.
    Text(&'a str),
    /// A typed request.
    Typed(&'a ImportImageRequest),
}

impl<'a> From<&'a str> for RequestInput<'a> {
    fn from(text: &'a str) -> Self {
        RequestInput::Text(text)
    }
}

impl<'a> From<&'a String> for RequestInput<'a> {
    fn from(text: &'a String) -> Self {
        RequestInput::Text(text)
    }
}

impl<'a> From<&'a ImportImageRequest> for RequestInput<'a> {
    fn from(request: &'a ImportImageRequest) -> Self {
        RequestInput::Typed(request)
    }
}

impl<'a> RequestInput<'a> {
    /// The request read, or the message saying why it cannot be.
    fn parsed(self, linter: &Linter) -> Result<Parsed<'a>, String> {
        let opts = linter.options();
        match self {
            RequestInput::Typed(r) => Ok(Parsed {
                entries: r.entries(),
                ..Parsed::default()
            }),
            RequestInput::Text(t) if t.len() > opts.max_input_bytes => Err(Msg::TooLarge {
                max: opts.max_input_bytes,
            }
            .render(opts.lang)),
            RequestInput::Text(t) => {
                let (_, mut parsed) = input::read(t, None);
                match parsed.fatal.take() {
                    Some(fatal) => Err(fatal.msg.render(opts.lang)),
                    None => Ok(parsed),
                }
            }
        }
    }
}

/// What a disk image is checked against by [`Linter::check_image`]: the request it will be
/// imported with, which of its disks it is, and the file's name. Every part is optional.
///
/// ```
/// use importimage_lint::{ImageCheck, ImportImageRequest, DiskMapping};
/// let request = ImportImageRequest::new("cn-hangzhou").disk(DiskMapping::new("b12", "disk.raw"));
/// let check = ImageCheck::new().request(&request).disk(1).file_name("disk.raw");
/// assert_eq!(check.disk, Some(1));
/// ```
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct ImageCheck<'a> {
    /// The request, as text or typed.
    pub request: Option<RequestInput<'a>>,
    /// Which disk of the request the image is (`DiskDeviceMapping.N`); by default the disk
    /// whose OSSObject ends with the file name, else disk 1.
    pub disk: Option<u32>,
    /// The image file's name (a path is fine): it gives the extension, and picks the disk.
    pub file_name: Option<&'a str>,
}

impl<'a> ImageCheck<'a> {
    /// Nothing to check against but the profile.
    pub fn new() -> Self {
        Self::default()
    }
    /// Against this request, as text (`&str`) or typed (`&ImportImageRequest`).
    pub fn request(mut self, request: impl Into<RequestInput<'a>>) -> Self {
        self.request = Some(request.into());
        self
    }
    /// As this disk of the request (1-based, as `DiskDeviceMapping.N`).
    pub fn disk(mut self, n: u32) -> Self {
        self.disk = Some(n);
        self
    }
    /// With this file name.
    pub fn file_name(mut self, name: &'a str) -> Self {
        self.file_name = Some(name);
        self
    }
}

/// What a role bundle is checked against by [`Linter::check_role`]: the request whose disks
/// the role must be able to read.
///
/// ```
/// let check = importimage_lint::RoleCheck::new().request(importimage_lint::GOOD_REQUEST);
/// assert!(check.request.is_some());
/// ```
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct RoleCheck<'a> {
    /// The request, as text or typed.
    pub request: Option<RequestInput<'a>>,
}

impl<'a> RoleCheck<'a> {
    /// The bundle alone.
    pub fn new() -> Self {
        Self::default()
    }
    /// Against this request, as text (`&str`) or typed (`&ImportImageRequest`).
    pub fn request(mut self, request: impl Into<RequestInput<'a>>) -> Self {
        self.request = Some(request.into());
        self
    }
}

impl Linter {
    /// Checks a disk image file, from the facts the inspector found in its headers
    /// ([`crate::image::inspect`]), against the profile and, given a request, against the
    /// request's disk (see [`ImageCheck`]). A disk the request does not have, or disk 0, is
    /// an `invalid-input` finding, never a silent pass (the image is then checked against
    /// the profile only).
    ///
    /// ```
    /// use importimage_lint::{image::inspect_bytes, DiskMapping, ImageCheck, ImportImageRequest, Linter};
    /// let mut disk = vec![0u8; 3 << 20];
    /// disk[..4].copy_from_slice(b"QFI\xfb");
    /// let facts = inspect_bytes(&disk);
    /// let request = ImportImageRequest::new("cn-hangzhou")
    ///     .disk(DiskMapping::new("b12", "disk.raw").format("RAW"));
    /// let check = ImageCheck::new().request(&request).file_name("disk.raw");
    /// let report = Linter::default().check_image(&facts, &check);
    /// assert!(report.diagnostics.iter().any(|d| d.rule.id() == "image-format-mismatch"));
    /// // Disk 2 is not in the request: said, not passed.
    /// let report = Linter::default().check_image(&facts, &check.disk(2));
    /// assert!(report.has(importimage_lint::Rule::InvalidInput, "DiskDeviceMapping.2"));
    /// ```
    pub fn check_image(&self, facts: &crate::image::ImageFacts, check: &ImageCheck<'_>) -> Report {
        let opts = self.options();
        let mut sink = crate::sink::Sink::new(
            opts.profile,
            opts.lang,
            opts.max_diagnostics,
            &opts.severities,
        );
        let parsed = match check.request.map(|r| r.parsed(self)) {
            Some(Ok(p)) => Some(p),
            Some(Err(reason)) => {
                sink.push(Finding::new(
                    Rule::InvalidInput,
                    ImageMsg::RequestUnreadableForImage { reason },
                ));
                None
            }
            None => None,
        };
        let req = parsed.as_ref().map(|p| Resolved::new(opts.profile, p));
        let base = |s: &str| s.rsplit(['/', '\\']).next().unwrap_or("").to_owned();
        let family = opts.profile.keyed(Key::DiskObject).and_then(|p| p.family());
        let disks = match (&req, family) {
            (Some(req), Some(family)) => Some(req.indices(family)),
            _ => None,
        };
        let n = check
            .disk
            .or_else(|| {
                let (req, name) = (req.as_ref()?, base(check.file_name?));
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
                    ImageMsg::NoSuchDisk {
                        n,
                        disks: disks.clone(),
                    },
                )
                .param(format!("DiskDeviceMapping.{n}"))
                .help(ImageMsg::NoSuchDiskHelp { disks }),
            );
        }
        crate::checks::image::check(&mut sink, facts, req.as_ref(), n.max(1), check.file_name);
        driver::finish("", sink, Effective::default())
    }

    /// [`Linter::check_image`] with positional arguments.
    #[deprecated(
        since = "0.2.0",
        note = "use `check_image` with an `ImageCheck`: positional options are easy to swap"
    )]
    pub fn lint_image(
        &self,
        facts: &crate::image::ImageFacts,
        request: Option<&str>,
        disk: Option<u32>,
        file_name: Option<&str>,
    ) -> Report {
        let check = ImageCheck {
            request: request.map(RequestInput::Text),
            disk,
            file_name,
        };
        self.check_image(facts, &check)
    }

    /// Checks the RAM role of an import offline: a role bundle (RoleName, the trust policy,
    /// the attached policies) and, given the request too (see [`RoleCheck`]), whether the
    /// policies' Resources cover the buckets and objects its disks read. The report's
    /// params are paths into the bundle, such as
    /// `AssumeRolePolicyDocument.Statement[0].Principal.Service`.
    ///
    /// ```
    /// use importimage_lint::{DiskMapping, ImportImageRequest, Linter, RoleCheck};
    /// let bundle = r#"{
    ///   "RoleName": "AliyunECSImageImportDefaultRole",
    ///   "AssumeRolePolicyDocument": "{\"Statement\": [{\"Action\": \"sts:AssumeRole\", \"Effect\": \"Allow\", \"Principal\": {\"Service\": [\"ecs.aliyuncs.com\"]}}], \"Version\": \"1\"}",
    ///   "Policies": [{"PolicyName": "AliyunECSImageImportRolePolicy", "PolicyType": "System"}]
    /// }"#;
    /// let request = ImportImageRequest::new("cn-hangzhou").disk(DiskMapping::new("b12", "a.raw"));
    /// assert!(Linter::default().check_role(bundle, &RoleCheck::new().request(&request)).valid);
    /// ```
    pub fn check_role(&self, bundle: &str, check: &RoleCheck<'_>) -> Report {
        let opts = self.options();
        let max = opts.max_input_bytes;
        if bundle.len() > max {
            let fatal = Finding::invalid_input(Msg::TooLarge { max }, (0, 0));
            return driver::lint("", Parsed::fatal(fatal), opts, None);
        }
        let facts = check.request.map(|r| self.request_facts(r));
        crate::role::lint(opts, bundle, facts.as_ref())
    }

    /// [`Linter::check_role`] with the request as text, the one optional argument.
    ///
    /// ```
    /// let r = importimage_lint::Linter::default().lint_role(r#"{"RoleName": "Other"}"#, None);
    /// assert!(!r.valid);
    /// ```
    pub fn lint_role(&self, bundle: &str, request: Option<&str>) -> Report {
        let check = RoleCheck {
            request: request.map(RequestInput::Text),
        };
        self.check_role(bundle, &check)
    }

    /// What a request's disks read and which role it names, as resolution sees them.
    fn request_facts(&self, request: RequestInput<'_>) -> RequestFacts {
        let mut facts = RequestFacts::default();
        let lang = self.options().lang;
        let parsed = match request.parsed(self) {
            Ok(p) => p,
            Err(reason) => {
                facts.error = Some(reason);
                return facts;
            }
        };
        let profile = self.options().profile;
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
                .render(lang),
            );
        }
        facts
    }
}

/// One field to check with [`Linter::check_field`], as a form validates while the user
/// types: the parameter and its value named, never in an order to swap, and the rest of
/// the request as context (text or typed).
///
/// ```
/// use importimage_lint::{FieldCheck, ImportImageRequest, Linter};
/// let form = ImportImageRequest::new("cn-hangzhou").os_type("linux");
/// let check = FieldCheck::new("Platform").value("Windows Server 2012").context(&form);
/// let ds = Linter::default().check_field(&check);
/// assert!(ds.iter().any(|d| d.rule.id() == "platform-os-type-mismatch"));
/// // A value given as JSON: a number, `null` (absent), or `NaN` (the wrong type).
/// let size = FieldCheck::new("DiskDeviceMapping.1.DiskImageSize").value_json("NaN");
/// assert_eq!(Linter::default().check_field(&size)[0].rule.id(), "invalid-value-type");
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct FieldCheck<'a> {
    /// The parameter, as the API names it or as an SDK model does (`imageName`).
    pub param: &'a str,
    /// The value: text, or JSON text (see [`FieldCheck::value_json`]).
    pub value: FieldValue<'a>,
    /// The rest of the request, as text or typed; none by default.
    pub context: Option<RequestInput<'a>>,
}

/// The value of a [`FieldCheck`].
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum FieldValue<'a> {
    /// The value as text (what a text box holds).
    Text(&'a str),
    /// The value as JSON text: `40`, `true`, `null` (absent), `"text"`; `NaN`, `Infinity`
    /// and `undefined` are values of the wrong type.
    Json(&'a str),
}

impl<'a> FieldCheck<'a> {
    /// The parameter, with an empty value until one is given.
    pub fn new(param: &'a str) -> Self {
        FieldCheck {
            param,
            value: FieldValue::Text(""),
            context: None,
        }
    }
    /// With this value, as text.
    pub fn value(mut self, value: &'a str) -> Self {
        self.value = FieldValue::Text(value);
        self
    }
    /// With this value, as JSON text.
    pub fn value_json(mut self, json: &'a str) -> Self {
        self.value = FieldValue::Json(json);
        self
    }
    /// In the context of this request, as text (`&str`) or typed (`&ImportImageRequest`).
    pub fn context(mut self, request: impl Into<RequestInput<'a>>) -> Self {
        self.context = Some(request.into());
        self
    }
}

impl Linter {
    /// Checks one field in the context of the rest of a request: the diagnostics about it,
    /// and those that compare it with another field, as [`Linter::validate_field`] and
    /// [`Linter::validate_field_json`] give them, with every argument named.
    #[must_use]
    pub fn check_field(&self, check: &FieldCheck<'_>) -> Vec<crate::Diagnostic> {
        match check.value {
            FieldValue::Text(v) => self.field(check.param, v, check.context),
            FieldValue::Json(j) => self.field_json(check.param, j, check.context),
        }
    }
}
