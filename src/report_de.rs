//! Reading a report back from its JSON ([`Report`] and [`Diagnostic`] implement
//! `Deserialize`), so that the CLI's and the npm package's JSON is one contract with the
//! library's types.
//!
//! A few fields hold `&'static str` names from the rule tables (the profile id, API error
//! codes, allowed values, units). They are read back by finding the same name in the
//! built-in tables, so no string is leaked; a name no built-in table knows (a report made
//! under a table written outside this crate, or by a newer version) is an error that says
//! which.
//!
//! ```
//! use importimage_lint::{lint_str, Report};
//! let report = lint_str(r#"{"RegionId": "cn-hangzhou", "OSType": "linux", "ImageName": "1abc"}"#);
//! let json = serde_json::to_string(&report).unwrap();
//! let back: Report = serde_json::from_str(&json).unwrap();
//! assert_eq!(back, report);
//! ```

use serde::de::{Deserialize, Deserializer, Error as _, MapAccess, Visitor};

use crate::profile::{Kind, PROFILES};
use crate::report::{Effective, Source};

/// A name from the rule tables. Spelled as an alias so that serde's derive does not take
/// the `&'static str` fields it reads with these functions as borrowed from the input.
pub(crate) type Name = &'static str;

/// What `Data::unit` can say.
const UNITS: &[&str] = &["code points", "UTF-16 units", "bytes", "GiB", ""];

/// The built-in tables' copy of a name, if one of them has it.
fn known(s: &str) -> Option<&'static str> {
    let in_tables = PROFILES.iter().find_map(|p| {
        let id = (p.id == s).then_some(p.id);
        let rule_code = || p.codes.iter().map(|(_, c)| *c).find(|c| *c == s);
        let param = || {
            p.params.iter().find_map(|q| {
                q.code().filter(|c| *c == s).or_else(|| match q.kind() {
                    Kind::Enum(c) => c.spellings().find(|v| *v == s),
                    _ => None,
                })
            })
        };
        id.or_else(rule_code).or_else(param)
    });
    in_tables.or_else(|| UNITS.iter().copied().find(|u| *u == s))
}

fn static_str<'de, D: Deserializer<'de>>(d: D, what: &str) -> Result<&'static str, D::Error> {
    let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    known(&s).ok_or_else(|| {
        D::Error::custom(format_args!(
            "{what} `{s}` is in no built-in profile table of this version"
        ))
    })
}

/// A profile id (`Report::profile`).
pub(crate) fn profile_id<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let id = static_str(d, "profile")?;
    match PROFILES.iter().find(|p| p.id == id) {
        Some(p) => Ok(p.id),
        None => Err(D::Error::custom(format_args!("unknown profile `{id}`"))),
    }
}

/// An API error code, or null.
pub(crate) fn code<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
    struct Code(&'static str);
    impl<'de> Deserialize<'de> for Code {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            static_str(d, "API error code").map(Code)
        }
    }
    Ok(Option::<Code>::deserialize(d)?.map(|c| c.0))
}

/// A unit of `Data`, or absent.
pub(crate) fn unit<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
    let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    match UNITS.iter().find(|u| **u == s) {
        Some(u) => Ok(Some(u)),
        None => Err(D::Error::custom(format_args!("unknown unit `{s}`"))),
    }
}

/// The allowed values of `Data`.
pub(crate) fn allowed<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<&'static str>>, D::Error> {
    struct Value(&'static str);
    impl<'de> Deserialize<'de> for Value {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            static_str(d, "allowed value").map(Value)
        }
    }
    let v = Vec::<Value>::deserialize(d)?;
    Ok(Some(v.into_iter().map(|v| v.0).collect()))
}

impl<'de> Deserialize<'de> for Effective {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Effective, D::Error> {
        #[derive(serde::Deserialize)]
        struct Item {
            value: Option<String>,
            source: Source,
        }
        struct Items;
        impl<'de> Visitor<'de> for Items {
            type Value = Effective;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of {name: {value, source}}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Effective, A::Error> {
                let mut e = Effective::default();
                while let Some((name, item)) = map.next_entry::<String, Item>()? {
                    e.push(&[&name], item.value.as_deref(), item.source);
                }
                Ok(e)
            }
        }
        d.deserialize_map(Items)
    }
}
