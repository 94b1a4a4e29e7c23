//! A JSON request: an object of flat API names, or an SDK model (`to_map()`, `toMap()`,
//! `JSON.stringify` of a TypeScript model) with nested disks, tags and features, flattened
//! into API names as the SDKs flatten them before signing.
//!
//! The top level is read as a model when it has no flat dotted key: its SDK spellings
//! (`regionId`) are then mapped. Once a dotted key shows the document is flat, the top
//! level's names must be the API's own, and a mapped spelling is read as written.
//! `null` is an absent value; a `null`, `[]` or `{}` container is an absent family.

use std::borrow::Cow;

use super::json_syntax::{Reader, Res};
use super::sdk::{self, Numbered};
use super::{Entry, Name, NotScalar, Parsed, Value};
use crate::diagnostic::Finding;
use crate::message::{Expected, JsonType, Msg};
use crate::rule::Rule;

/// Reads a JSON object starting at byte `at` of `src`.
pub(crate) fn parse(src: &str, at: usize) -> Parsed<'_> {
    let mut r = Reader::new(src, at);
    let mut c = Collect {
        out: Parsed::default(),
        dotted: false,
        mapped: Vec::new(),
    };
    c.out.entries.reserve(24);
    c.out.root = Some((at, at + 1));
    match c.top(&mut r).and_then(|()| r.end()) {
        Err(f) => Parsed::fatal(*f),
        Ok(()) => {
            if c.dotted {
                c.unmap();
            }
            c.out
        }
    }
}

/// What a member's value turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Scalar,
    Container(NotScalar),
    Absent,
}

/// A top-level key that was read as an SDK model's spelling.
struct Mapped<'a> {
    raw: Cow<'a, str>,
    key_span: (usize, usize),
    value_span: (usize, usize),
    shape: Shape,
    first: usize,
    end: usize,
}

struct Collect<'a> {
    out: Parsed<'a>,
    dotted: bool,
    mapped: Vec<Mapped<'a>>,
}

impl<'a> Collect<'a> {
    fn top(&mut self, r: &mut Reader<'a>) -> Res<'a, ()> {
        r.each_member(1, |r, key, key_span| {
            if key.contains('.') {
                self.dotted = true;
            }
            let first = self.out.entries.len();
            let start = r.pos;
            match sdk::api_name(&key) {
                Some(api) if api != key => {
                    let shape = self.member(r, Name::flat(api), key_span, 1)?;
                    self.mapped.push(Mapped {
                        raw: key,
                        key_span,
                        value_span: (start, r.pos),
                        shape,
                        first,
                        end: self.out.entries.len(),
                    });
                }
                _ => {
                    self.member(r, Name::flat(key), key_span, 1)?;
                }
            }
            Ok(())
        })
    }

    /// The value of one member, flattened when it is a known family or group.
    fn member(
        &mut self,
        r: &mut Reader<'a>,
        name: Name<'a>,
        key_span: (usize, usize),
        depth: usize,
    ) -> Res<'a, Shape> {
        let start = r.pos;
        // Only a container value needs to know whether the name is a family or a group.
        let container = match r.peek() {
            Some(b'{' | b'[' | b'n') if name.member.is_none() => sdk::container(&name.head),
            _ => None,
        };
        let value = match (r.peek(), container) {
            (Some(b'{'), Some(Numbered::No)) => {
                self.group(r, name.head, depth + 1)?;
                return Ok(Shape::Container(NotScalar::Object));
            }
            (Some(b'['), Some(Numbered::Yes)) => {
                self.array(r, name.head, depth + 1)?;
                return Ok(Shape::Container(NotScalar::Array));
            }
            (Some(b'n'), Some(_)) => {
                if r.scalar()? == Value::Null {
                    return Ok(Shape::Absent);
                }
                Value::Null
            }
            (Some(b'{'), _) => {
                r.skip(depth + 1)?;
                Value::Other(NotScalar::Object)
            }
            (Some(b'['), _) => {
                r.skip(depth + 1)?;
                Value::Other(NotScalar::Array)
            }
            (Some(b'"'), _) => Value::Str(r.string()?),
            _ => r.scalar_or_foreign()?,
        };
        self.out.entries.push(Entry {
            name,
            value,
            key_span: Some(key_span),
            value_span: Some((start, r.pos)),
        });
        Ok(Shape::Scalar)
    }

    /// A group object (`Features`): its members are parameters named `group.field`.
    fn group(&mut self, r: &mut Reader<'a>, group: Cow<'a, str>, depth: usize) -> Res<'a, ()> {
        r.each_member(depth, |r, key, key_span| {
            let field = model_field(key);
            let name = Name::flat(format!("{group}.{field}"));
            self.member(r, name, key_span, depth).map(drop)
        })
    }

    /// A family array (`DiskDeviceMapping`): element i holds the members of N = i + 1.
    /// Every element is read; an N beyond the family's range is judged like a flat one.
    fn array(&mut self, r: &mut Reader<'a>, family: Cow<'a, str>, depth: usize) -> Res<'a, ()> {
        let mut n: u32 = 0;
        r.each_element(depth, |r| {
            n = n.saturating_add(1);
            let start = r.pos;
            if r.peek() == Some(b'{') {
                r.each_member(depth + 1, |r, key, key_span| {
                    let name = Name {
                        head: family.clone(),
                        member: Some((n, model_field(key))),
                    };
                    self.member(r, name, key_span, depth + 1).map(drop)
                })?;
                self.out.elements.push((family.clone(), n, (start, r.pos)));
                return Ok(());
            }
            let found = match r.peek() {
                Some(b'[') => {
                    r.skip(depth + 1)?;
                    JsonType::Array
                }
                Some(b'"') => {
                    r.string()?;
                    JsonType::String
                }
                _ => match r.scalar_or_foreign()? {
                    Value::Null => return Ok(()),
                    Value::Bool(_) => JsonType::Bool,
                    Value::Other(other) => other.json_type(),
                    _ => JsonType::Number,
                },
            };
            let name: Cow<'a, str> = Cow::Owned(format!("{family}.{n}"));
            self.out.notes.push(
                Finding::new(
                    Rule::InvalidValueType,
                    Msg::WrongType {
                        name: name.clone(),
                        found,
                        expected: Expected::Object,
                    },
                )
                .param(name)
                .span(Some((start, r.pos))),
            );
            Ok(())
        })
    }

    /// In a flat document, reads the top-level model spellings as written.
    fn unmap(&mut self) {
        for m in std::mem::take(&mut self.mapped).into_iter().rev() {
            let entry = |value| Entry {
                name: Name::flat(m.raw.clone()),
                value,
                key_span: Some(m.key_span),
                value_span: Some(m.value_span),
            };
            match m.shape {
                Shape::Scalar => self.out.entries[m.first].name = Name::flat(m.raw.clone()),
                Shape::Container(c) => {
                    let one = entry(Value::Other(c));
                    self.out.entries.splice(m.first..m.end, [one]);
                }
                Shape::Absent => self.out.entries.insert(m.first, entry(Value::Null)),
            }
        }
    }
}

/// The API name of a model object's member key (as written when it is no known spelling).
fn model_field(key: Cow<'_, str>) -> Cow<'_, str> {
    match sdk::api_name(&key) {
        Some(api) => Cow::Borrowed(api),
        None => key,
    }
}
