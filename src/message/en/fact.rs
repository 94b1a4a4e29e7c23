//! The English facts of a profile's table.

use super::*;

/// A fact of a profile's table, as `explain` and the README print it.
pub(in crate::message) fn fact(f: &Fact<'_>) -> String {
    use crate::profile::Case;
    use Fact::*;
    let range = |a: u32, z: u32| match (a, z) {
        (0, 0) => String::new(),
        (a, z) if a == z => format!("N = {a}: "),
        (a, z) => format!("N = {a}–{z}: "),
    };
    match f {
        Choices {
            name,
            values,
            case,
            default,
        } => {
            let case = match case {
                Case::Exact => "exact letter case",
                Case::Warn => "other letter case warns",
                _ => "any letter case",
            };
            let default = default
                .map(|d| format!(", default {d}"))
                .unwrap_or_default();
            let values: Vec<&str> = values
                .iter()
                .map(|v| if v.is_empty() { "(empty)" } else { v })
                .collect();
            format!("{name}: {} ({case}{default})", values.join(", "))
        }
        OtherCaseWarns { name } => format!("{name}: other letter case warns"),
        Described { name, doc } => format!("{name}: {doc}"),
        Length { name, min, max } => format!("{name} {min}–{max} code points"),
        NameStart { name } => format!("{name} starts with an ASCII letter or a Han character"),
        NameCharacters { name, punctuation } => {
            format!("{name}: letters, digits, Han and `{punctuation}`")
        }
        PrintableAscii { name } => format!("{name}: printable ASCII only"),
        NoLink {
            name,
            anywhere: false,
        } => format!("{name}: http(s):// forbidden at the start"),
        NoLink {
            name,
            anywhere: true,
        } => format!("{name}: http(s):// forbidden anywhere"),
        ReservedPrefixes { name, prefixes: [] } => format!("{name}: no reserved prefixes"),
        ReservedPrefixes { name, prefixes } => {
            format!("{name} must not start with {}", prefixes.join(" or "))
        }
        Ranges { name, ranges, unit } => {
            let unit = gib(*unit);
            let shown: Vec<String> = ranges
                .iter()
                .map(|&(a, z, min, max)| format!("{}{min}–{max}{unit}", range(a, z)))
                .collect();
            format!("{name}: {}", shown.join(", "))
        }
        KnownRegions { count } => format!("{count} known regions"),
        Index { prefix, max } => format!("{prefix}.N with N 1–{max}"),
        Required { names } => format!("required: {}", names.join(", ")),
        FirstMember { prefix } => format!("{prefix}.1 must be present"),
        Extensions { pairs } => pairs
            .iter()
            .map(|(e, f)| format!(".{e} = {f}"))
            .collect::<Vec<_>>()
            .join(", "),
        NoCombinations => "no combinations stated".into(),
        Combination {
            when,
            is,
            then,
            must,
        } => format!("{when} {is} needs {then} {must}"),
        Deprecated { names } if names.is_empty() => "no deprecated parameters".into(),
        Deprecated { names } => format!("deprecated: {}", names.join(", ")),
        KnownParameters { count } => format!("{count} parameters known"),
        Credentials { names } => format!("credentials: {}", names.join(", ")),
        RoleName {
            name,
            from_request: true,
        } => format!("{name}, or the role the request's RoleName names"),
        RoleName {
            name,
            from_request: false,
        } => (*name).to_owned(),
        Trust { action, service } => format!("Allow {action} for the service {service}"),
        Actions { actions, system } => format!("{} (all granted by {system})", actions.join(", ")),
        NotInRevision => "not part of this revision".into(),
    }
}
