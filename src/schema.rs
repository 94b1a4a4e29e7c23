//! A JSON Schema (draft 2020-12) of a request, generated from a profile's table: names,
//! types, enumerations, lengths, patterns, ranges by disk, per-disk required pairs,
//! defaults, and each parameter's documentation with the rules that govern it. It is for
//! editors (completion and inline errors) and for schema validators; the linter stays the
//! judge of what a schema cannot say, listed in [`LIMITS`].
//!
//! Every fragment is looser than or equal to the linter: a request the linter accepts is
//! never rejected by the schema (a property test holds it to that), so a schema is safe to
//! put in front of users. Patterns use only syntax that ECMAScript (with or without the `u`
//! flag), Python's `re` and Rust's regex engines read alike.
//!
//! ```
//! use importimage_lint::schema::{schema, Form};
//! let s = schema(importimage_lint::profile::DEFAULT, Form::Flat);
//! assert_eq!(s.required.as_deref().unwrap()[0], "RegionId");
//! ```

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::profile::{Empty, Family, Kind, Param, Profile, Required};

/// The dialect every generated schema declares.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

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

/// Which shape of request the schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Form {
    /// Flat API names: `{"DiskDeviceMapping.1.OSSBucket": "…"}`, as in a query string.
    Flat,
    /// The SDKs' model shape (`to_map()`): `{"DiskDeviceMapping": [{"OSSBucket": "…"}]}`.
    Nested,
}

impl Form {
    /// The form named `flat` or `nested`.
    pub fn by_name(name: &str) -> Option<Form> {
        match name {
            "flat" => Some(Form::Flat),
            "nested" => Some(Form::Nested),
            _ => None,
        }
    }
}

/// A JSON Schema, as the generator writes it: only the keywords it uses.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Schema {
    /// `$schema`: the dialect, at the root only.
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub dialect: Option<&'static str>,
    /// `title`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `description`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
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
    /// `maxProperties`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_properties: Option<u64>,
    /// `maxLength`, in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// `pattern`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
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
    pub examples: Option<Vec<&'static str>>,
    /// `deprecated`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<bool>,
    /// `properties`, in table order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Members>,
    /// `patternProperties`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern_properties: Option<Members>,
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

    /// A string matching `pattern`.
    pub(crate) fn pattern(pattern: impl Into<String>) -> Schema {
        Schema {
            pattern: Some(pattern.into()),
            ..Schema::of("string")
        }
    }

    /// Anything but what `s` matches.
    pub(crate) fn not(s: Schema) -> Schema {
        Schema {
            not: Some(Box::new(s)),
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

/// `(?:1|2|…)`: the numbers `first..=last`.
fn numbers(first: u32, last: u32) -> String {
    let all: Vec<String> = (first..=last).map(|n| n.to_string()).collect();
    format!("(?:{})", all.join("|"))
}

/// The schema of one value of `p` for member `n` of its family (0 outside one): the kind's
/// fragment, which the check that judges that kind supplies, with what counts as absent.
fn value(profile: &Profile, p: &Param, n: u32) -> Schema {
    let mut s = match p.kind() {
        Kind::Enum(c) => crate::checks::choices::schema(&c),
        Kind::Text(t) => crate::checks::text_limits::schema(&t),
        Kind::Integer(i) => crate::checks::integers::schema(&i, n),
        Kind::Bool => crate::checks::parameter_value::bool_schema(),
        Kind::CloudBoxArn => crate::checks::parameter_value::arn_schema(),
        Kind::Region => crate::checks::region::schema(profile.regions),
        Kind::OssBucket => crate::checks::oss::bucket_schema(),
        Kind::OssObject => crate::checks::oss::object_schema(),
        Kind::Timestamp => crate::checks::rpc::timestamp_schema(),
        Kind::Credential => Schema::default(),
        _ => Schema::of("string"),
    };
    if p.required() != Required::Yes {
        // null is absent; so is an empty string where the table says so.
        let mut absent = vec![Schema::of("null")];
        if p.empty() == Empty::Absent {
            absent.push(Schema {
                constant: Some(""),
                ..Schema::default()
            });
        }
        s = Schema::any([vec![s], absent].concat());
    }
    s.description = Some(describe(p));
    s.default = p.default();
    if p.deprecation().is_some() {
        s.deprecated = Some(true);
    }
    s
}

/// A parameter's documentation and the rules that judge it.
fn describe(p: &Param) -> String {
    let mut rules = vec![p.rule().id()];
    if let Kind::Text(t) = p.kind() {
        let r = t.rules;
        for rule in [
            Some(r.length),
            r.utf16,
            Some(r.start),
            Some(r.characters),
            Some(r.url),
            Some(r.prefix),
        ]
        .into_iter()
        .flatten()
        {
            if !rules.contains(&rule.id()) {
                rules.push(rule.id());
            }
        }
    }
    if p.required() != Required::No {
        rules.push("missing-parameter");
    }
    format!("{} Rules: {}.", p.doc(), rules.join(", "))
}

/// The JSON Schema of a request under `profile`, in `form`.
pub fn schema(profile: &Profile, form: Form) -> Schema {
    let mut properties = Vec::new();
    let mut patterns = Vec::new();
    let mut required = Vec::new();
    let mut dependent = Vec::new();
    let mut groups: Vec<(&str, Vec<(String, Schema)>)> = Vec::new();
    for p in profile.params {
        match (p.family().and_then(|f| profile.family(f)), form) {
            (None, _) => {
                if let (Some(group), Form::Nested) = (p.group(), form) {
                    match groups.iter_mut().find(|(g, _)| *g == group) {
                        Some((_, members)) => {
                            members.push((p.field().to_owned(), value(profile, p, 0)))
                        }
                        None => {
                            groups.push((group, vec![(p.field().to_owned(), value(profile, p, 0))]))
                        }
                    }
                    continue;
                }
                properties.push((p.name().to_owned(), value(profile, p, 0)));
                if p.required() == Required::Yes {
                    required.push(p.name().to_owned());
                }
            }
            (Some(family), Form::Flat) => {
                for (first, last) in runs(p, family) {
                    let name = format!(
                        "^{}\\.{}\\.{}$",
                        literal(family.prefix),
                        numbers(first, last),
                        literal(p.field())
                    );
                    patterns.push((name, value(profile, p, first)));
                }
                if p.required() == Required::PerIndex && family.first_required {
                    required.push(p.flat(1));
                }
            }
            (Some(_), Form::Nested) => {}
        }
    }
    // Each member of a family that is given needs its per-index fields.
    for family in profile.families {
        let fields: Vec<&Param> = profile
            .params
            .iter()
            .filter(|p| p.family() == Some(family.prefix))
            .collect();
        let needed: Vec<&Param> = fields
            .iter()
            .copied()
            .filter(|p| p.required() == Required::PerIndex)
            .collect();
        match form {
            Form::Flat => {
                for n in 1..=family.max {
                    for p in &fields {
                        let others: Vec<String> = needed
                            .iter()
                            .filter(|q| q.name() != p.name())
                            .map(|q| q.flat(n))
                            .collect();
                        if !others.is_empty() {
                            dependent.push((p.flat(n), others));
                        }
                    }
                }
            }
            Form::Nested => {
                let member = |n: u32| {
                    let object = Schema {
                        properties: Some(Members(
                            fields
                                .iter()
                                .map(|p| (p.field().to_owned(), value(profile, p, n)))
                                .collect(),
                        )),
                        required: Some(needed.iter().map(|p| p.field().to_owned()).collect()),
                        ..Schema::of("object")
                    };
                    // A null element is no member; an empty object neither.
                    let empty = Schema {
                        max_properties: Some(0),
                        ..Schema::of("object")
                    };
                    Schema::any(vec![object, Schema::of("null"), empty])
                };
                let array = Schema {
                    description: Some(format!(
                        "{} members, N = 1 to {} (element i is N = i + 1).",
                        family.prefix, family.max
                    )),
                    prefix_items: Some((1..=family.max).map(member).collect()),
                    items: Some(None),
                    ..Schema::of("array")
                };
                properties.push((
                    family.prefix.to_owned(),
                    Schema::any(vec![array, Schema::of("null")]),
                ));
                if family.first_required {
                    required.push(family.prefix.to_owned());
                }
            }
        }
    }
    for (group, members) in groups {
        let object = Schema {
            properties: Some(Members(members)),
            ..Schema::of("object")
        };
        properties.push((
            group.to_owned(),
            Schema::any(vec![object, Schema::of("null")]),
        ));
    }
    let conditions: Vec<Schema> = profile
        .requires
        .iter()
        .map(crate::checks::cross::requirement_schema)
        .collect();
    Schema {
        dialect: Some(DIALECT),
        title: Some(format!("ImportImage request ({} profile, {} form)", profile.id, match form {
            Form::Flat => "flat",
            Form::Nested => "nested",
        })),
        description: Some(format!(
            "Generated by importimage-lint {} from the `{}` profile's table ({}). A request the linter accepts always passes; the linter also checks what a schema cannot express: {}.",
            env!("CARGO_PKG_VERSION"),
            profile.id,
            profile.source,
            LIMITS.join("; ")
        )),
        properties: Some(Members(properties)),
        pattern_properties: (!patterns.is_empty()).then_some(Members(patterns)),
        required: Some(required),
        dependent_required: (!dependent.is_empty()).then_some(Members(dependent)),
        all_of: (!conditions.is_empty()).then_some(conditions),
        ..Schema::of("object")
    }
}

/// The runs of N over which `p`'s value schema is the same (integer ranges vary by N).
fn runs(p: &Param, family: &Family) -> Vec<(u32, u32)> {
    match p.kind() {
        Kind::Integer(i) => i
            .ranges
            .iter()
            .map(|b| (b.first.max(1), b.last.min(family.max)))
            .filter(|(a, z)| a <= z)
            .collect(),
        _ => vec![(1, family.max)],
    }
}
