//! Reading the three input forms into one list of flat parameters.
//!
//! Every form (flat JSON, nested JSON as the SDKs' models serialise, query string or URL)
//! becomes a list of [`Entry`] values named by the API's names, with the byte spans of
//! key and value. Nothing here judges values; that is the checks' work. Readers know the
//! profile tables (which names are families) but nothing of the checks or the driver.

use std::borrow::Cow;

use crate::diagnostic::Finding;
use crate::message::Msg;

mod comments;
mod json_request;
pub(crate) mod json_syntax;
pub(crate) mod json_tree;
pub(crate) mod packer;
mod query;
pub(crate) mod sdk;
pub(crate) mod shell;
mod shell_lex;
#[cfg(feature = "terraform")]
pub(crate) mod terraform;
#[cfg(feature = "terraform")]
mod terraform_provider;

/// Which form the input was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Json,
    Query,
}

/// A value that is no scalar the API takes: a JSON object or array, or one of the literals
/// that JSON lacks but programs write for values it cannot carry (`NaN`, `Infinity` and
/// `-Infinity`, as Python's `json` module and JavaScript spell them; `undefined`, which the
/// npm package writes for a function or a symbol).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotScalar {
    Object,
    Array,
    NaN,
    Infinity,
    Undefined,
}

impl NotScalar {
    /// What it is, for messages.
    pub(crate) fn json_type(self) -> crate::message::JsonType {
        use crate::message::JsonType;
        match self {
            NotScalar::Object => JsonType::Object,
            NotScalar::Array => JsonType::Array,
            NotScalar::NaN => JsonType::NaN,
            NotScalar::Infinity => JsonType::Infinity,
            NotScalar::Undefined => JsonType::Undefined,
        }
    }
}

/// A value as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    Str(Cow<'a, str>),
    /// A JSON number, as its literal text.
    Num(&'a str),
    Bool(bool),
    Null,
    Other(NotScalar),
}

/// A parameter's name as written: flat (`DiskDeviceMapping.2.Format`), or a member of a
/// nested array (family, N, field), whose flat name is formatted only when needed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Name<'a> {
    /// The whole flat name, or the family of an array member.
    pub head: Cow<'a, str>,
    /// For an array member: its N and field.
    pub member: Option<(u32, Cow<'a, str>)>,
}

impl<'a> Name<'a> {
    pub(crate) fn flat(name: impl Into<Cow<'a, str>>) -> Self {
        Name {
            head: name.into(),
            member: None,
        }
    }

    /// The flat API name.
    pub(crate) fn text(&self) -> Cow<'_, str> {
        match &self.member {
            None => Cow::Borrowed(&self.head),
            Some((n, field)) => Cow::Owned(format!("{}.{n}.{field}", self.head)),
        }
    }

    /// The flat API name, owned by the input's lifetime.
    pub(crate) fn to_cow(&self) -> Cow<'a, str> {
        match &self.member {
            None => self.head.clone(),
            Some((n, field)) => Cow::Owned(format!("{}.{n}.{field}", self.head)),
        }
    }
}

/// One parameter as written in the input.
#[derive(Debug, Clone)]
pub(crate) struct Entry<'a> {
    pub name: Name<'a>,
    pub value: Value<'a>,
    /// Byte span of the key in the input text.
    pub key_span: Option<(usize, usize)>,
    /// Byte span of the value in the input text.
    pub value_span: Option<(usize, usize)>,
}

impl<'a> Entry<'a> {
    /// An entry without spans, for typed input.
    pub(crate) fn typed(name: impl Into<Cow<'a, str>>, value: impl Into<Cow<'a, str>>) -> Self {
        Entry {
            name: Name::flat(name),
            value: Value::Str(value.into()),
            key_span: None,
            value_span: None,
        }
    }

    /// The same entry without spans (its text is not the one being linted).
    pub(crate) fn without_spans(self) -> Self {
        Entry {
            key_span: None,
            value_span: None,
            ..self
        }
    }

    /// The value's span, else the key's.
    pub(crate) fn span(&self) -> Option<(usize, usize)> {
        self.value_span.or(self.key_span)
    }

    /// The text of a scalar value: a string, a number's literal or a boolean.
    pub(crate) fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            Value::Num(n) => Some(n),
            Value::Bool(true) => Some("true"),
            Value::Bool(false) => Some("false"),
            _ => None,
        }
    }
}

/// Values a reader of another language's file cannot know (a Terraform expression, a shell
/// `$VAR`, a region taken from a configuration): a `value-not-literal` note for each, and
/// then the suppression of every other finding about them.
#[derive(Default)]
pub(crate) struct Unknown {
    names: Vec<String>,
}

impl Unknown {
    /// A parameter whose value is the expression `expr`, written at `span`.
    pub(crate) fn value<'a>(
        &mut self,
        parsed: &mut Parsed<'a>,
        name: String,
        expr: &'a str,
        span: Option<(usize, usize)>,
    ) {
        parsed.notes.push(
            Finding::new(
                crate::rule::Rule::ValueNotLiteral,
                Msg::NotLiteral {
                    name: Cow::Owned(name.clone()),
                    expr: Cow::Borrowed(expr),
                },
            )
            .param(Cow::Owned(name.clone()))
            .span(span)
            .help(Msg::NotLiteralHelp),
        );
        self.names.push(name);
    }

    /// RegionId, which the file does not write (noted at `at`).
    pub(crate) fn region(&mut self, parsed: &mut Parsed<'_>, at: (usize, usize)) {
        self.region_of(parsed, at, Msg::RegionNotWritten, Msg::RegionNotWrittenHelp);
    }

    /// RegionId, which the file does not write, with the words of its tool.
    pub(crate) fn region_of(
        &mut self,
        parsed: &mut Parsed<'_>,
        at: (usize, usize),
        why: Msg<'static>,
        help: Msg<'static>,
    ) {
        parsed.notes.push(
            Finding::new(crate::rule::Rule::ValueNotLiteral, why)
                .param(Cow::Borrowed("RegionId"))
                .span(Some(at))
                .help(help),
        );
        self.names.push("RegionId".to_owned());
    }

    /// Whether `name` is unknown.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }

    /// Adds the suppression of the findings about the unknown values.
    pub(crate) fn finish(self, parsed: &mut Parsed<'_>) {
        if !self.names.is_empty() {
            parsed
                .suppressions
                .push(Suppression::unknown_values(self.names));
        }
    }
}

/// Where a nested family member's object was written: family, N, span of the object.
pub(crate) type Element<'a> = (Cow<'a, str>, u32, (usize, usize));

/// A suppression: the rules it silences (none listed: all), the byte range it covers
/// (`None`: the whole input) and the parameters whose findings it silences (none listed:
/// any). Comments state the first two (`# importimage-lint: ignore …`); readers of files
/// that hold requests in another language state the last, for values they cannot know (a
/// Terraform variable, a shell `$VAR`): a finding about such a parameter, or about a member
/// of such a family, or comparing another parameter with it, is not the file's to fix.
#[derive(Debug, Clone, Default)]
pub(crate) struct Suppression {
    pub range: Option<(usize, usize)>,
    pub rules: Vec<crate::rule::Rule>,
    pub params: Vec<String>,
}

impl Suppression {
    /// The suppression of every finding about parameters whose values are unknown, but
    /// the notes that say so (`value-not-literal`).
    pub(crate) fn unknown_values(params: Vec<String>) -> Suppression {
        Suppression {
            range: None,
            rules: crate::rule::Rule::ALL
                .iter()
                .copied()
                .filter(|&r| r != crate::rule::Rule::ValueNotLiteral)
                .collect(),
            params,
        }
    }

    /// Whether it names `param`, or the family `param` is a member of.
    pub(crate) fn names(&self, param: &str) -> bool {
        self.params.iter().any(|p| {
            param == p
                || (param.starts_with(p.as_str()) && param.as_bytes().get(p.len()) == Some(&b'.'))
        })
    }
}

/// What reading the input produced: entries, and findings about the reading itself.
#[derive(Debug, Default)]
pub(crate) struct Parsed<'a> {
    pub entries: Vec<Entry<'a>>,
    pub notes: Vec<Finding<'a>>,
    /// Where the request starts (its `{`, or the first character of a query): findings
    /// about what is absent point there.
    pub root: Option<(usize, usize)>,
    /// The objects of nested family members (each disk of `DiskDeviceMapping: [...]`).
    pub elements: Vec<Element<'a>>,
    /// Inline suppressions found in comments.
    pub suppressions: Vec<Suppression>,
    /// A fatal problem: the text is not a request at all, so no rule runs.
    pub fatal: Option<Finding<'a>>,
}

impl<'a> Parsed<'a> {
    pub(crate) fn fatal(f: Finding<'a>) -> Self {
        Parsed {
            fatal: Some(f),
            ..Parsed::default()
        }
    }

    /// A literal `ImageName` on a request sent `copies` times (a Terraform resource's
    /// `count`/`for_each` instances, or a Packer post-processor's runs, one per build source
    /// when `packer`): every copy imports an image of that name into the same region, a
    /// duplicate name the service refuses after the first.
    pub(crate) fn repeated_name(&mut self, copies: u64, packer: bool) {
        let Some(e) = self.entries.iter().find(|e| e.name.head == "ImageName") else {
            return;
        };
        let Some(name) = e.text().map(str::to_owned) else {
            return;
        };
        let help = if packer {
            Msg::PackerRepeatedNameHelp
        } else {
            Msg::RepeatedNameHelp
        };
        let f = Finding::new(
            crate::rule::Rule::DuplicateImageName,
            Msg::RepeatedName {
                name: Cow::Owned(name),
                copies,
                packer,
            },
        )
        .param(Cow::Borrowed("ImageName"))
        .span(e.value_span)
        .help(help);
        self.notes.push(f);
    }
}

/// Reads text in the form asked for, or detects it: after a UTF-8 byte order mark and
/// blank space, `{` means JSON and anything else a query string or URL.
pub(crate) fn read(src: &str, form: Option<Form>) -> (Form, Parsed<'_>) {
    let start = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
    let body = src[start..].trim_start_matches([' ', '\t', '\r', '\n']);
    let at = src.len() - body.len();
    let json = body.starts_with('{');
    let detected = if json { Form::Json } else { Form::Query };
    match form.unwrap_or(detected) {
        f if body.is_empty() => (
            f,
            Parsed::fatal(Finding::invalid_input(
                Msg::EmptyInput,
                (src.len(), src.len()),
            )),
        ),
        Form::Json if json => (Form::Json, json_request::parse(src, at)),
        Form::Query if !json => (Form::Query, query::parse(src, at)),
        f => (
            f,
            Parsed::fatal(Finding::invalid_input(
                Msg::ExpectedForm {
                    json: f == Form::Json,
                },
                (at, src.len()),
            )),
        ),
    }
}
