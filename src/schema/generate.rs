//! The generator: a request's schema from a profile's table, every parameter a definition
//! that the flat names, the nested models and the SDK spellings refer to.

use super::docs::{describe, documentation};
use super::{Form, Json, Members, Schema, Snippet, DIALECT, LIMITS};
use crate::profile::{Empty, Family, Kind, Param, Profile, Required};

/// The schema of a present value of `p` for member `n` of its family (0 outside one;
/// `None`: any member, with the widest range of all): the kind's fragment, which the check
/// that judges that kind supplies.
fn value(p: &Param, n: Option<u32>) -> Schema {
    match p.kind() {
        Kind::Enum(c) => crate::checks::choices::schema(p, &c),
        Kind::Text(t) => crate::checks::text_limits::schema(p, &t),
        Kind::Integer(i) => crate::checks::integers::schema(p, &i, n),
        Kind::Bool => crate::checks::parameter_value::bool_schema(p),
        Kind::CloudBoxArn => crate::checks::parameter_value::arn_schema(p),
        Kind::Region => crate::checks::region::schema(p),
        Kind::OssBucket => crate::checks::oss::bucket_schema(p),
        Kind::OssObject => crate::checks::oss::object_schema(p),
        Kind::Timestamp => crate::checks::rpc::timestamp_schema(p),
        Kind::Credential => Schema::default(),
        _ => Schema::of("string"),
    }
}

/// What completion offers for `p`, and inserts when its name is accepted: the values of
/// an enumeration, `true`/`false`, a number within range, or quotes to type in. Never
/// `null` nor an empty string.
fn snippets(p: &Param, n: Option<u32>) -> Option<Vec<Snippet>> {
    let text = |label: &str, body: &str| Snippet {
        label: Some(label.to_owned()),
        body: Json::Str(body.to_owned()),
    };
    match p.kind() {
        // Listed as editors list a value (`"Linux"`), so the default is not listed twice.
        Kind::Enum(c) => Some(
            c.spellings()
                .filter(|v| !v.is_empty())
                .map(|v| Snippet {
                    label: None,
                    body: Json::Str(v.to_owned()),
                })
                .collect(),
        ),
        Kind::Bool => Some(
            [true, false]
                .map(|b| Snippet {
                    label: None,
                    body: Json::Bool(b),
                })
                .to_vec(),
        ),
        Kind::Integer(i) => {
            let (min, max) = crate::checks::integers::widest(&i, n);
            let unit = if i.unit == crate::profile::Unit::GiB {
                " GiB"
            } else {
                ""
            };
            Some(vec![text(
                &format!("{min}–{max}{unit}"),
                &format!("^${{1:{min}}}"),
            )])
        }
        // Region ids are offered as examples.
        Kind::Region | Kind::Credential => None,
        _ => Some(vec![text("\"…\"", "$1")]),
    }
}

/// The schema of parameter `p` as a property: its documentation, what completion offers,
/// and its value, where null (and an empty string, where that counts as absent) stands for
/// absent.
fn property(profile: &Profile, p: &Param, n: Option<u32>) -> Schema {
    let present = value(p, n);
    let mut absent = Vec::new();
    if p.required() == Required::No {
        absent.push(Schema::of("null"));
        if p.empty() == Empty::Absent {
            absent.push(Schema {
                constant: Some(""),
                ..Schema::default()
            });
        }
    }
    let mut s = if absent.is_empty() {
        present
    } else {
        Schema::unless(Schema::any(absent), present)
    };
    s.description = Some(describe(p));
    s.markdown_description = Some(documentation(profile, p));
    s.default = p.default();
    s.default_snippets = snippets(p, n);
    if let Kind::Region = p.kind() {
        s.examples = Some(
            profile
                .regions
                .iter()
                .map(|r| Json::Str((*r).to_owned()))
                .collect(),
        );
    }
    if p.deprecation().is_some() {
        s.deprecated = Some(true);
    }
    s
}

/// The model spellings of an API name (`regionId` for `RegionId`, `ossBucket` for
/// `OSSBucket`): the names the linter reads as it in a model object.
fn spellings(api: &str) -> Vec<String> {
    crate::input::sdk::spellings_of(api)
}

/// A member of a family given in the nested form: an object whose per-index fields are
/// required once it has any member (`{}` is no member).
fn member(profile: &Profile, family: &Family, defs: &mut Vec<(String, Schema)>) -> Schema {
    let fields: Vec<&Param> = profile.members(family.prefix).collect();
    let mut properties = Vec::new();
    let mut needed = Vec::new();
    for p in &fields {
        let def = format!("{}.N.{}", family.prefix, p.field());
        defs.push((def.clone(), property(profile, p, None)));
        properties.push((p.field().to_owned(), Schema::to(&def)));
        for s in spellings(p.field()) {
            properties.push((s, Schema::to(&def).hidden()));
        }
        if p.required() == Required::PerIndex {
            let mut names = vec![p.field().to_owned()];
            names.extend(spellings(p.field()));
            needed.push(Schema::any(
                names
                    .iter()
                    .map(|n| Schema::requires(std::slice::from_ref(n)))
                    .collect(),
            ));
        }
    }
    Schema {
        description: Some(format!(
            "One {} member (element i is N = i + 1); {{}} and null are no member.",
            family.prefix
        )),
        properties: Some(Members(properties)),
        condition: (!needed.is_empty()).then(|| {
            Box::new(Schema {
                min_properties: Some(1),
                ..Schema::of("object")
            })
        }),
        then: (!needed.is_empty()).then(|| Box::new(Schema::all(needed))),
        ..Schema::of("object")
    }
}

/// A snippet of one member of a family with its per-index fields to fill in.
fn member_snippet(profile: &Profile, family: &Family) -> Json {
    let needed: Vec<(String, Json)> = profile
        .members(family.prefix)
        .filter(|p| p.required() == Required::PerIndex)
        .enumerate()
        .map(|(i, p)| (p.field().to_owned(), Json::Str(format!("${}", i + 1))))
        .collect();
    Json::Object(Members(needed))
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

/// The name of the definition of `p` over the run `first..=last` of its family.
fn run_def(p: &Param, family: &Family, (first, last): (u32, u32)) -> String {
    if (first, last) == (1, family.max) {
        format!("{}.N.{}", family.prefix, p.field())
    } else if first == last {
        p.flat(first)
    } else {
        format!("{}.{first}-{last}.{}", family.prefix, p.field())
    }
}

/// Where the first member of a family is held to narrower ranges than the others (the
/// system disk's size under 2019-01), the nested list's first element checked against
/// them: one full tuple per length, as Ajv's strict mode accepts no open-ended tuple.
/// `None` when no field's range differs for N = 1.
fn first_member(profile: &Profile, family: &Family) -> Option<Schema> {
    let mut fields = Vec::new();
    for p in profile.members(family.prefix) {
        let Some(&run) = runs(p, family).iter().find(|(a, z)| (*a..=*z).contains(&1)) else {
            continue;
        };
        if run == (1, family.max) {
            continue;
        }
        let def = run_def(p, family, run);
        fields.push((p.field().to_owned(), Schema::to(&def).hidden()));
        for s in spellings(p.field()) {
            fields.push((s, Schema::to(&def).hidden()));
        }
    }
    if fields.is_empty() {
        return None;
    }
    let first = Schema {
        condition: Some(Box::new(Schema::of("object"))),
        then: Some(Box::new(Schema {
            properties: Some(Members(fields)),
            ..Schema::of("object")
        })),
        ..Schema::default()
    };
    let empty = Schema {
        max_items: Some(0),
        ..Schema::of("array")
    };
    let tuples = (1..=u64::from(family.max)).map(|len| Schema {
        prefix_items: Some(
            std::iter::once(first.clone())
                .chain((1..len).map(|_| Schema::default()))
                .collect(),
        ),
        min_items: Some(len),
        max_items: Some(len),
        ..Schema::of("array")
    });
    Some(Schema {
        description: Some(format!(
            "The first element is {}.1, with its own ranges.",
            family.prefix
        )),
        any_of: Some(std::iter::once(empty).chain(tuples).collect()),
        ..Schema::default()
    })
}

/// The JSON Schema of a request under `profile`; `form` chooses which names editors offer.
pub fn schema(profile: &Profile, form: Form) -> Schema {
    let mut defs: Vec<(String, Schema)> = Vec::new();
    // Names valid in every document, and the model spellings, valid where no key is dotted.
    let mut properties: Vec<(String, Schema)> = Vec::new();
    let mut spelled: Vec<(String, Schema)> = Vec::new();
    let mut dependent = Vec::new();
    let mut groups: Vec<(&str, Vec<(String, Schema)>)> = Vec::new();
    let offer_flat = form != Form::Nested;
    let offer_nested = form != Form::Flat;
    let flat = |s: Schema| if offer_flat { s } else { s.hidden() };
    let nested = |s: Schema| if offer_nested { s } else { s.hidden() };
    for p in profile.params {
        match p.family().and_then(|f| profile.family(f)) {
            None => {
                defs.push((p.name().to_owned(), property(profile, p, Some(0))));
                match p.group() {
                    Some(group) => {
                        properties.push((p.name().to_owned(), flat(Schema::to(p.name()))));
                        let field = &p.name()[group.len() + 1..];
                        let mut members = vec![(field.to_owned(), Schema::to(p.name()))];
                        for s in spellings(field) {
                            members.push((s, Schema::to(p.name()).hidden()));
                        }
                        match groups.iter_mut().find(|(g, _)| *g == group) {
                            Some((_, m)) => m.extend(members),
                            None => groups.push((group, members)),
                        }
                    }
                    None => {
                        properties.push((p.name().to_owned(), Schema::to(p.name())));
                        for s in spellings(p.name()) {
                            spelled.push((s, Schema::to(p.name()).hidden()));
                        }
                    }
                }
            }
            Some(family) => {
                for (first, last) in runs(p, family) {
                    let def = run_def(p, family, (first, last));
                    // Over every N, the nested member's definition (written with the
                    // family) serves.
                    if (first, last) != (1, family.max) {
                        defs.push((def.clone(), property(profile, p, Some(first))));
                    }
                    for n in first..=last {
                        properties.push((p.flat(n), flat(Schema::to(&def))));
                    }
                }
            }
        }
    }
    // Each member of a family that is given needs its per-index fields.
    for family in profile.families {
        let fields: Vec<&Param> = profile.members(family.prefix).collect();
        let needed: Vec<&Param> = fields
            .iter()
            .copied()
            .filter(|p| p.required() == Required::PerIndex)
            .collect();
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
        let element = member(profile, family, &mut defs);
        let element_def = format!("{}.N", family.prefix);
        defs.push((element_def.clone(), element));
        let snippet = member_snippet(profile, family);
        let array = Schema {
            max_items: Some(u64::from(family.max)),
            all_of: first_member(profile, family).map(|s| vec![s]),
            items: Some(Some(Box::new(Schema {
                default_snippets: Some(vec![Snippet {
                    label: None,
                    body: snippet.clone(),
                }]),
                ..Schema::unless(Schema::of("null"), Schema::to(&element_def))
            }))),
            ..Schema::of("array")
        };
        // null, [] and {} are an absent family.
        let absent = Schema::any(vec![
            Schema::of("null"),
            Schema {
                max_properties: Some(0),
                ..Schema::of("object")
            },
        ]);
        defs.push((
            family.prefix.to_owned(),
            Schema {
                description: Some(format!(
                    "{} members, N = 1 to {} (element i is N = i + 1).",
                    family.prefix, family.max
                )),
                markdown_description: Some(format!(
                    "**{}** ({} profile)\n\nThe SDK models' list of {} members, N = 1 to {}: element *i* is N = *i* + 1; `null`, `[]` and `{{}}` are an absent list.",
                    family.prefix, profile.id, family.prefix, family.max
                )),
                default_snippets: Some(vec![Snippet {
                    label: None,
                    body: Json::Array(vec![snippet]),
                }]),
                ..Schema::unless(absent, array)
            },
        ));
        properties.push((family.prefix.to_owned(), nested(Schema::to(family.prefix))));
        for s in spellings(family.prefix) {
            spelled.push((s, Schema::to(family.prefix).hidden()));
        }
    }
    for (group, members) in groups {
        let object = Schema {
            properties: Some(Members(members)),
            ..Schema::of("object")
        };
        defs.push((
            group.to_owned(),
            Schema {
                description: Some(format!("The {group} object of the SDK models.")),
                markdown_description: Some(format!(
                    "**{group}** ({} profile)\n\nThe SDK models' `{group}` object; its members are the parameters `{group}.*`.",
                    profile.id
                )),
                default_snippets: Some(vec![Snippet {
                    label: None,
                    body: Json::Object(Members(Vec::new())),
                }]),
                ..Schema::unless(Schema::of("null"), object)
            },
        ));
        properties.push((group.to_owned(), nested(Schema::to(group))));
        for s in spellings(group) {
            spelled.push((s, Schema::to(group).hidden()));
        }
    }
    // What is required, as a flat document names it and as a model may spell it.
    let name_or_spelling = |api: &str, model: bool| -> Vec<String> {
        let mut v = vec![api.to_owned()];
        if model {
            v.extend(spellings(api));
        }
        v
    };
    let required_all = |model: bool| -> Vec<Schema> {
        let mut all = Vec::new();
        for p in profile
            .params
            .iter()
            .filter(|p| p.required() == Required::Yes && p.family().is_none())
        {
            all.push(Schema::any(
                name_or_spelling(p.name(), model)
                    .iter()
                    .map(|n| Schema::requires(std::slice::from_ref(n)))
                    .collect(),
            ));
        }
        for f in profile.families.iter().filter(|f| f.first_required) {
            let flat: Vec<String> = profile
                .members(f.prefix)
                .filter(|p| p.required() == Required::PerIndex)
                .map(|p| p.flat(1))
                .collect();
            let mut ways = vec![Schema::requires(&flat)];
            for n in name_or_spelling(f.prefix, model) {
                ways.push(Schema {
                    properties: Some(Members(vec![(
                        n.clone(),
                        Schema {
                            min_items: Some(1),
                            ..Schema::of("array")
                        }
                        .hidden(),
                    )])),
                    ..Schema::requires(&[n])
                });
            }
            all.push(Schema::any(ways));
        }
        all.extend(
            profile
                .requires
                .iter()
                .flat_map(|r| crate::checks::cross::requirement_schemas(r, model)),
        );
        all
    };
    let documents = Schema {
        condition: Some(Box::new(Schema {
            property_names: Some(Box::new(Schema::pattern(
                "^[^.]*$",
                "a name without a period",
            ))),
            ..Schema::of("object")
        })),
        then: Some(Box::new(Schema {
            description: Some(
                "A model document (no dotted name): the SDKs' spellings are read too.".into(),
            ),
            properties: (!spelled.is_empty()).then_some(Members(spelled)),
            ..Schema::all(required_all(true))
        })),
        otherwise: Some(Box::new(Schema {
            description: Some("A flat document: API names only.".into()),
            ..Schema::all(required_all(false))
        })),
        ..Schema::default()
    };
    Schema {
        dialect: Some(DIALECT),
        title: Some(format!(
            "ImportImage request ({} profile, offering {} names)",
            profile.id,
            form.name()
        )),
        description: Some(format!(
            "Generated by importimage-lint {} from the `{}` profile's table ({}). Reads every JSON form the linter reads (flat API names, the SDKs' nested models, and their camelCase and Java spellings in a model document); a request the linter accepts always passes. The linter also checks what a schema cannot express: {}.",
            env!("CARGO_PKG_VERSION"),
            profile.id,
            profile.source,
            LIMITS.join("; ")
        )),
        properties: Some(Members(properties)),
        dependent_required: (!dependent.is_empty()).then_some(Members(dependent)),
        all_of: Some(vec![documents]),
        defs: Some(Members(defs)),
        ..Schema::of("object")
    }
}
