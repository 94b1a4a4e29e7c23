//! A JSON Schema (draft 2020-12) of a request, generated from a profile's table: names,
//! types, enumerations, lengths, patterns, ranges by disk, per-disk required pairs,
//! defaults, and each parameter's documentation with the limits and the rules that judge
//! it. It is for editors (completion, hover and inline errors) and for schema validators;
//! the linter stays the judge of what a schema cannot say, listed in [`LIMITS`].
//!
//! One schema accepts every JSON form the linter reads: flat API names
//! (`DiskDeviceMapping.1.OSSBucket`), the SDKs' nested models (`"DiskDeviceMapping": [{…}]`,
//! `"Features": {…}`), and in a model document (one without a dotted key) the TypeScript
//! and Java spellings (`regionId`, `ossBucket`). The [`Form`] only chooses which names an
//! editor offers. Every fragment is looser than or equal to the linter: a request the linter
//! accepts is never rejected (a property test holds it to that over every form), so a schema
//! is safe to put in front of users. Patterns use only syntax that ECMAScript (with or
//! without the `u` flag), Python's `re` and Rust's regex engines read alike.
//!
//! Besides the standard keywords, a schema carries the annotations editors read
//! ([`EDITOR_KEYWORDS`]: `markdownDescription`, `defaultSnippets`, `patternErrorMessage`,
//! `errorMessage`, `doNotSuggest`); validators ignore them, and Ajv in strict mode accepts
//! them once declared with `ajv.addVocabulary(EDITOR_KEYWORDS)`.
//!
//! ```
//! use importimage_lint::schema::{schema, Form};
//! let s = schema(importimage_lint::profile::DEFAULT, Form::Any);
//! assert!(s.properties.unwrap().0.iter().any(|(name, _)| name == "DiskDeviceMapping.1.OSSBucket"));
//! ```

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

mod docs;
mod generate;

pub use docs::{documentation, documentation_in, rule_url, rules_of};
pub use generate::schema;

/// The dialect every generated schema declares.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The keywords a schema uses beyond draft 2020-12, read by editors (VS Code's JSON
/// language service and the editors built on it) and ignored by validators.
pub const EDITOR_KEYWORDS: &[&str] = &[
    "markdownDescription",
    "defaultSnippets",
    "patternErrorMessage",
    "errorMessage",
    "doNotSuggest",
];

/// What a schema cannot express; the linter checks it. Listed in each schema's description
/// and in the README.
pub const LIMITS: &[&str] = &[
    "which non-ASCII characters a name may hold (Han only): the patterns constrain ASCII",
    "lengths counted in UTF-16 units or in UTF-8 bytes (OSSObject's 1023 bytes is checked as 1023 characters)",
    "the range of a number written as a string of digits",
    "whether a RegionId exists (known regions are offered as examples) and whether a bucket's endpoint region matches RegionId",
    "whether Platform fits OSType, and whether Format fits the object's file extension",
    "invisible and direction-changing characters, and letter-case variants that are accepted with a warning",
    "disk or tag numbers N outside their range in flat names, gaps between disks, and keys given twice",
    "ImageName duplicated across requests, and the RAM role",
];

/// Which names of a request an editor offers; every form validates alike (each accepts
/// every JSON form the linter reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Form {
    /// Offers both: flat names and the nested models (the default, for editors).
    Any,
    /// Offers flat API names: `{"DiskDeviceMapping.1.OSSBucket": "…"}`, as in a query string.
    Flat,
    /// Offers the SDKs' model shape (`to_map()`): `{"DiskDeviceMapping": [{"OSSBucket": "…"}]}`.
    Nested,
}

impl Form {
    /// The form named `any`, `flat` or `nested`.
    pub fn by_name(name: &str) -> Option<Form> {
        match name {
            "any" => Some(Form::Any),
            "flat" => Some(Form::Flat),
            "nested" => Some(Form::Nested),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Form::Any => "any",
            Form::Flat => "flat",
            Form::Nested => "nested",
        }
    }
}

/// A JSON value in a schema: an example, or the body of a snippet.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Json {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(u64),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, in this order.
    Object(Members<Json>),
}

/// A snippet an editor offers (`defaultSnippets`): a label and the JSON it inserts, where
/// `$1`, `${1:text}` mark the places to type and a string starting with `^` is inserted raw.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Snippet {
    /// What the editor lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// What it inserts.
    pub body: Json,
}

/// A JSON Schema, as the generator writes it: only the keywords it uses.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Schema {
    /// `$schema`: the dialect, at the root only.
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub dialect: Option<&'static str>,
    /// `$ref`: a definition of the root's `$defs`.
    #[serde(rename = "$ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// `title`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `description`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `markdownDescription` (editors): the documentation with the limits and the rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markdown_description: Option<String>,
    /// `type`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    /// `enum`.
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<&'static str>>,
    /// `const`.
    #[serde(rename = "const", skip_serializing_if = "Option::is_none")]
    pub constant: Option<&'static str>,
    /// `minLength`, in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// `maxLength`, in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// `minProperties`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_properties: Option<u64>,
    /// `maxProperties`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_properties: Option<u64>,
    /// `minItems`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    /// `maxItems`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    /// `pattern`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// `patternErrorMessage` (editors): what a value that misses the pattern breaks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern_error_message: Option<String>,
    /// `errorMessage` (editors): what a value this schema rejects breaks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// `minimum`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<u64>,
    /// `maximum`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<u64>,
    /// `default`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<&'static str>,
    /// `examples`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub examples: Option<Vec<Json>>,
    /// `defaultSnippets` (editors): what completion offers and inserts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_snippets: Option<Vec<Snippet>>,
    /// `doNotSuggest` (editors): a name that validates but is not offered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub do_not_suggest: Option<bool>,
    /// `deprecated`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<bool>,
    /// `properties`, in table order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Members>,
    /// `patternProperties`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern_properties: Option<Members>,
    /// `propertyNames`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub property_names: Option<Box<Schema>>,
    /// `required`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<Vec<String>>,
    /// `dependentRequired`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dependent_required: Option<Dependencies>,
    /// `prefixItems`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix_items: Option<Vec<Schema>>,
    /// `items`: `Some(None)` is `false` (nothing past the prefix).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "items")]
    pub items: Option<Option<Box<Schema>>>,
    /// `anyOf`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub any_of: Option<Vec<Schema>>,
    /// `allOf`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub all_of: Option<Vec<Schema>>,
    /// `not`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not: Option<Box<Schema>>,
    /// `if`.
    #[serde(rename = "if", skip_serializing_if = "Option::is_none")]
    pub condition: Option<Box<Schema>>,
    /// `then`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub then: Option<Box<Schema>>,
    /// `else`.
    #[serde(rename = "else", skip_serializing_if = "Option::is_none")]
    pub otherwise: Option<Box<Schema>>,
    /// `$defs`, at the root only.
    #[serde(rename = "$defs", skip_serializing_if = "Option::is_none")]
    pub defs: Option<Members>,
}

fn items<S: Serializer>(v: &Option<Option<Box<Schema>>>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(Some(schema)) => schema.serialize(s),
        _ => s.serialize_bool(false),
    }
}

/// Named values (subschemas by default), serialised as a JSON object in this order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Members<T = Schema>(pub Vec<(String, T)>);

/// `dependentRequired`: a name and the names it requires.
pub type Dependencies = Members<Vec<String>>;

impl<T: Serialize> Serialize for Members<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl Schema {
    /// `{"type": kind}`.
    pub(crate) fn of(kind: &'static str) -> Schema {
        Schema {
            kind: Some(kind),
            ..Schema::default()
        }
    }

    /// A string matching `pattern`; `message` says in words what it asks (editors show it
    /// instead of the regular expression).
    pub(crate) fn pattern(pattern: impl Into<String>, message: impl Into<String>) -> Schema {
        Schema {
            pattern: Some(pattern.into()),
            pattern_error_message: Some(message.into()),
            ..Schema::of("string")
        }
    }

    /// Anything but what `s` matches; `message` says what a value it rejects breaks.
    pub(crate) fn not(s: Schema, message: impl Into<String>) -> Schema {
        Schema {
            not: Some(Box::new(s)),
            error_message: Some(message.into()),
            ..Schema::default()
        }
    }

    /// All of these.
    pub(crate) fn all(parts: Vec<Schema>) -> Schema {
        Schema {
            all_of: Some(parts),
            ..Schema::default()
        }
    }

    /// Any of these.
    pub(crate) fn any(parts: Vec<Schema>) -> Schema {
        Schema {
            any_of: Some(parts),
            ..Schema::default()
        }
    }

    /// A reference to a definition of the root.
    pub(crate) fn to(def: &str) -> Schema {
        Schema {
            reference: Some(format!("#/$defs/{def}")),
            ..Schema::default()
        }
    }

    /// The object has all these names (each named in `properties` too, as Ajv's strict
    /// mode asks, with an empty schema that editors do not offer).
    pub(crate) fn requires(names: &[String]) -> Schema {
        Schema {
            properties: Some(Members(
                names
                    .iter()
                    .map(|n| (n.clone(), Schema::default().hidden()))
                    .collect(),
            )),
            required: Some(names.to_vec()),
            ..Schema::default()
        }
    }

    /// Valid when `absent` matches; else `present` must. Editors read only the outer
    /// schema for completion, so what counts as absent (null, an empty string) is never
    /// offered as a value.
    pub(crate) fn unless(absent: Schema, present: Schema) -> Schema {
        Schema {
            condition: Some(Box::new(absent)),
            otherwise: Some(Box::new(present)),
            ..Schema::default()
        }
    }

    pub(crate) fn hidden(mut self) -> Schema {
        self.do_not_suggest = Some(true);
        self
    }
}

/// A regular expression matching `s` in any ASCII letter case, special characters escaped:
/// `[Aa][Cc][Ss]:` for `acs:`.
pub(crate) fn any_case(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphabetic() {
            out.push('[');
            out.push(c.to_ascii_uppercase());
            out.push(c.to_ascii_lowercase());
            out.push(']');
        } else {
            push_literal(&mut out, c);
        }
    }
    out
}

/// `s` as a regular expression that matches it exactly.
pub(crate) fn literal(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        push_literal(&mut out, c);
    }
    out
}

fn push_literal(out: &mut String, c: char) {
    if "\\^$.|?*+()[]{}/-".contains(c) {
        out.push('\\');
    }
    out.push(c);
}
