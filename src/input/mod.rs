//! Reading the three input forms into one list of flat parameters.
//!
//! Every form (flat JSON, nested JSON as SDKs build it, query string or URL) becomes a list
//! of [`Entry`] values named by the API's flat names (`DiskDeviceMapping.2.OSSBucket`), with
//! the byte spans of key and value. Nothing here judges values; that is the rules' work.

use std::borrow::Cow;

use crate::profile::{Profile, PROFILES};
use crate::report::Diagnostic;
use crate::rules::Rule;

pub(crate) mod json;
pub(crate) mod query;

/// Which form the input was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Json,
    Query,
    Typed,
}

/// A value as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    Str(Cow<'a, str>),
    /// A JSON number, as its literal text.
    Num(&'a str),
    Bool(bool),
    Null,
    /// A JSON array or object where a scalar was expected.
    Other(&'static str),
}

impl Value<'_> {
    /// What kind of JSON value this is, for messages.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Num(_) => "a number",
            Value::Bool(_) => "a boolean",
            Value::Null => "null",
            Value::Other(t) => t,
        }
    }
}

/// One parameter as written in the input.
#[derive(Debug, Clone)]
pub(crate) struct Entry<'a> {
    /// The flat API name.
    pub name: Cow<'a, str>,
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
            name: name.into(),
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

    /// The string value, if it is a string.
    pub(crate) fn str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value's span, else the key's.
    pub(crate) fn span(&self) -> Option<(usize, usize)> {
        self.value_span.or(self.key_span)
    }
}

/// What reading the input produced: entries, and notes about the reading itself.
#[derive(Debug, Default)]
pub(crate) struct Parsed<'a> {
    pub entries: Vec<Entry<'a>>,
    pub notes: Vec<Diagnostic>,
    /// A fatal problem: the text is not a request at all, so no rule runs.
    pub fatal: Option<Diagnostic>,
}

/// Reads text of any form, detecting it: `{` first means JSON, else a query string.
pub(crate) fn parse<'a>(src: &'a str, start: usize, profile: &Profile) -> (Form, Parsed<'a>) {
    let body = &src[start..];
    let trimmed = body.trim_start_matches([' ', '\t', '\r', '\n']);
    let at = src.len() - trimmed.len();
    if trimmed.is_empty() {
        let fatal = crate::rules::input::invalid(
            "the input is empty: expected a JSON object or a query string",
            (src.len(), src.len()),
        );
        return (
            Form::Json,
            Parsed {
                fatal: Some(fatal),
                ..Parsed::default()
            },
        );
    }
    if trimmed.starts_with('{') {
        (Form::Json, json::parse(src, at, profile))
    } else {
        (Form::Query, query::parse(src, at, profile))
    }
}

/// The API's name for one segment of a key: itself when known, else the PascalCase name
/// whose camelCase spelling (as Alibaba's TypeScript SDK writes it) it is.
pub(crate) fn canonical(key: &str) -> Cow<'_, str> {
    // Fast path, taken for every key: no segment starts with a lower-case letter.
    let b = key.as_bytes();
    let lower_start = b.first().is_some_and(u8::is_ascii_lowercase)
        || b.windows(2)
            .any(|w| w[0] == b'.' && w[1].is_ascii_lowercase());
    if !lower_start {
        return Cow::Borrowed(key);
    }
    let mut out = String::with_capacity(key.len());
    for (i, seg) in key.split('.').enumerate() {
        if i > 0 {
            out.push('.');
        }
        out.push_str(known_segment(seg).unwrap_or(seg));
    }
    if out == key {
        Cow::Borrowed(key)
    } else {
        Cow::Owned(out)
    }
}

/// The known PascalCase segment whose camelCase form is `seg`.
fn known_segment(seg: &str) -> Option<&'static str> {
    if !seg.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    PROFILES
        .iter()
        .flat_map(|p| p.params.iter())
        .flat_map(|p| p.name.split('.'))
        .find(|known| *known != "N" && camel_eq(known, seg))
}

/// Whether `camel` is the camelCase form of `pascal`: the leading run of capitals is
/// lower-cased, except its last letter when a lower-case letter follows
/// (`OSSBucket` → `ossBucket`, `OSType` → `osType`, `RegionId` → `regionId`).
fn camel_eq(pascal: &str, camel: &str) -> bool {
    if pascal.len() != camel.len() {
        return false;
    }
    let p = pascal.as_bytes();
    let run = p.iter().take_while(|b| b.is_ascii_uppercase()).count();
    let lower = if run > 1 && run < p.len() {
        run - 1
    } else {
        run
    };
    p.iter()
        .zip(camel.as_bytes())
        .enumerate()
        .all(|(i, (a, b))| {
            if i < lower {
                a.to_ascii_lowercase() == *b
            } else {
                a == b
            }
        })
}

/// Whether a flat name is a family of parameters (`DiskDeviceMapping`, `Tag`, `Features`)
/// in some profile, and whether its members are numbered.
pub(crate) fn container(name: &str) -> Option<bool> {
    PROFILES
        .iter()
        .flat_map(|p| p.params.iter())
        .find(|p| p.group.is_some_and(|g| g.len() == name.len() && g == name))
        .map(|p| p.family == Some(name))
}

/// Builds an `invalid-value-type` diagnostic.
pub(crate) fn wrong_type(
    name: &str,
    found: &str,
    expected: &str,
    span: (usize, usize),
) -> Diagnostic {
    crate::lint::diag(
        Rule::InvalidValueType,
        format!("{name} is {found}, but it must be {expected}"),
    )
    .param(name)
    .span(Some(span))
    .data(crate::report::Data {
        expected: Some(expected.to_owned()),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_names_map_to_api_names() {
        assert_eq!(canonical("regionId"), "RegionId");
        assert_eq!(canonical("ossBucket"), "OSSBucket");
        assert_eq!(canonical("osType"), "OSType");
        assert_eq!(canonical("diskDeviceMapping"), "DiskDeviceMapping");
        assert_eq!(canonical("diskImageSize"), "DiskImageSize");
        assert_eq!(canonical("imagename"), "imagename");
        assert_eq!(canonical("ImageName"), "ImageName");
    }

    #[test]
    fn containers_are_known() {
        assert_eq!(container("DiskDeviceMapping"), Some(true));
        assert_eq!(container("Features"), Some(false));
        assert_eq!(container("ImageName"), None);
    }
}
