//! A JSON document as a tree with spans, for documents that are not requests: the role
//! bundle and its policy documents, Packer's JSON templates.

use std::borrow::Cow;

use super::json_syntax::{Reader, Res};
use super::Value;
use crate::diagnostic::Finding;
use crate::message::{JsonType, Msg};

/// A JSON value with its byte span.
#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    pub kind: NodeKind<'a>,
    pub span: (usize, usize),
}

/// What a [`Node`] holds. Object members keep their order, duplicates included.
#[derive(Debug, Clone)]
pub(crate) enum NodeKind<'a> {
    Null,
    Bool(bool),
    Num(Cow<'a, str>),
    Str(Cow<'a, str>),
    Arr(Vec<Node<'a>>),
    Obj(Vec<Member<'a>>),
}

/// An object's member: its key, where the key is written, and its value.
#[derive(Debug, Clone)]
pub(crate) struct Member<'a> {
    pub key: Cow<'a, str>,
    pub key_span: (usize, usize),
    pub value: Node<'a>,
}

impl<'a> Node<'a> {
    /// The member of an object with this key (the last one, as JSON parsers keep).
    pub(crate) fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.member(key).map(|m| &m.value)
    }

    /// The member of an object with this key (the last one), with the key's span.
    pub(crate) fn member(&self, key: &str) -> Option<&Member<'a>> {
        match &self.kind {
            NodeKind::Obj(m) => m.iter().rev().find(|m| m.key == key),
            _ => None,
        }
    }

    pub(crate) fn str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Str(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn is_object(&self) -> bool {
        matches!(self.kind, NodeKind::Obj(_))
    }

    /// What kind of value it is, for messages.
    pub(crate) fn json_type(&self) -> JsonType {
        match self.kind {
            NodeKind::Null => JsonType::Null,
            NodeKind::Bool(_) => JsonType::Bool,
            NodeKind::Num(_) => JsonType::Number,
            NodeKind::Str(_) => JsonType::String,
            NodeKind::Arr(_) => JsonType::Array,
            NodeKind::Obj(_) => JsonType::Object,
        }
    }

    /// Every span in the tree set to `span` (for a document embedded in a string).
    pub(crate) fn respan(&mut self, span: (usize, usize)) {
        self.span = span;
        match &mut self.kind {
            NodeKind::Arr(items) => items.iter_mut().for_each(|n| n.respan(span)),
            NodeKind::Obj(members) => members.iter_mut().for_each(|m| {
                m.key_span = span;
                m.value.respan(span)
            }),
            _ => {}
        }
    }

    /// A tree that owns its strings, so that it may outlive the text it was read from.
    pub(crate) fn into_owned(self) -> Node<'static> {
        let kind = match self.kind {
            NodeKind::Null => NodeKind::Null,
            NodeKind::Bool(b) => NodeKind::Bool(b),
            NodeKind::Num(s) => NodeKind::Num(Cow::Owned(s.into_owned())),
            NodeKind::Str(s) => NodeKind::Str(Cow::Owned(s.into_owned())),
            NodeKind::Arr(items) => {
                NodeKind::Arr(items.into_iter().map(Node::into_owned).collect())
            }
            NodeKind::Obj(m) => NodeKind::Obj(
                m.into_iter()
                    .map(|m| Member {
                        key: Cow::Owned(m.key.into_owned()),
                        key_span: m.key_span,
                        value: m.value.into_owned(),
                    })
                    .collect(),
            ),
        };
        Node {
            kind,
            span: self.span,
        }
    }
}

/// Reads any JSON document into a tree with spans (nesting limited to
/// [`MAX_DEPTH`](super::json_syntax::MAX_DEPTH)); a UTF-8 byte order mark is skipped.
pub(crate) fn parse(src: &str) -> Result<Node<'_>, Box<Finding<'_>>> {
    let start = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
    let mut r = Reader::new(src, start);
    r.ws();
    if r.at_end() {
        return Err(Box::new(Finding::invalid_input(
            Msg::EmptyDocument,
            (r.pos, r.pos),
        )));
    }
    let node = tree(&mut r, 1)?;
    r.end()?;
    Ok(node)
}

fn tree<'a>(r: &mut Reader<'a>, depth: usize) -> Res<'a, Node<'a>> {
    let start = r.pos;
    let kind = match r.peek() {
        Some(b'{') => {
            let mut members = Vec::new();
            r.each_member(depth, |r, key, key_span| {
                let value = tree(r, depth + 1)?;
                members.push(Member {
                    key,
                    key_span,
                    value,
                });
                Ok(())
            })?;
            NodeKind::Obj(members)
        }
        Some(b'[') => {
            let mut items = Vec::new();
            r.each_element(depth, |r| {
                items.push(tree(r, depth + 1)?);
                Ok(())
            })?;
            NodeKind::Arr(items)
        }
        Some(b'"') => NodeKind::Str(r.string()?),
        _ => match r.scalar()? {
            Value::Bool(b) => NodeKind::Bool(b),
            Value::Num(n) => NodeKind::Num(Cow::Borrowed(n)),
            _ => NodeKind::Null,
        },
    };
    Ok(Node {
        kind,
        span: (start, r.pos),
    })
}
