//! [`Fact`]: one thing a profile's table says for a rule (a limit, a list, a default), as a
//! typed value that each catalogue renders, so that `explain` and the README print the
//! tables in the reader's language. `profile::facts` builds them from the table alone.

use crate::profile::{Case, Unit};

/// One fact of a profile's table about a rule.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub(crate) enum Fact<'a> {
    /// An enumeration: its values, how letter case is judged, its default.
    Choices {
        name: &'a str,
        values: Vec<&'a str>,
        case: Case,
        default: Option<&'a str>,
    },
    /// Another letter case of this enumeration's values warns.
    OtherCaseWarns { name: &'a str },
    /// The parameter's own description (a boolean, an ARN, a timestamp).
    Described { name: &'a str, doc: &'a str },
    /// A text's length in code points.
    Length {
        name: &'a str,
        min: usize,
        max: usize,
    },
    /// A name starts with an ASCII letter or a Han character.
    NameStart { name: &'a str },
    /// A name holds letters, digits, Han characters and this punctuation.
    NameCharacters { name: &'a str, punctuation: &'a str },
    /// Printable ASCII only.
    PrintableAscii { name: &'a str },
    /// `http://` and `https://` are forbidden at the start, or anywhere.
    NoLink { name: &'a str, anywhere: bool },
    /// The reserved prefixes a value must not start with (none: it has none).
    ReservedPrefixes {
        name: &'a str,
        prefixes: &'a [&'a str],
    },
    /// An integer's ranges by N: `(first N, last N, min, max)`, N = 0 outside a family.
    Ranges {
        name: &'a str,
        ranges: Vec<(u32, u32, u64, u64)>,
        unit: Unit,
    },
    /// How many region ids the table knows.
    KnownRegions { count: usize },
    /// A family's N runs from 1 to `max`.
    Index { prefix: &'a str, max: u32 },
    /// The parameters that must be present.
    Required { names: Vec<&'a str> },
    /// A family's first member must be present.
    FirstMember { prefix: &'a str },
    /// Object name extensions and the format each implies.
    Extensions { pairs: Vec<(&'a str, &'a str)> },
    /// The table states no combination of values.
    NoCombinations,
    /// When `when` is `is`, `then` must be `must`.
    Combination {
        when: &'a str,
        is: &'a str,
        then: &'a str,
        must: &'a str,
    },
    /// The deprecated parameters (none: there are none).
    Deprecated { names: Vec<&'a str> },
    /// How many parameters the table knows.
    KnownParameters { count: usize },
    /// The parameters that hold credentials.
    Credentials { names: Vec<&'a str> },
    /// The role the import uses, and whether the request's RoleName may name another.
    RoleName { name: &'a str, from_request: bool },
    /// The trust policy must allow `action` for `service`.
    Trust { action: &'a str, service: &'a str },
    /// The actions the role's policies must allow, all granted by one system policy.
    Actions {
        actions: Vec<&'a str>,
        system: &'a str,
    },
    /// Another revision judges this rule; this one has nothing for it to judge.
    NotInRevision,
}

impl Fact<'_> {
    /// The parameter the fact is about, when it is about one.
    pub(crate) fn param(&self) -> Option<&str> {
        use Fact::*;
        match self {
            Choices { name, .. }
            | OtherCaseWarns { name }
            | Described { name, .. }
            | Length { name, .. }
            | NameStart { name }
            | NameCharacters { name, .. }
            | PrintableAscii { name }
            | NoLink { name, .. }
            | ReservedPrefixes { name, .. }
            | Ranges { name, .. } => Some(name),
            _ => None,
        }
    }
}
