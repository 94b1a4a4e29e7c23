//! A hand-written JSON reader that keeps byte spans, sees duplicate keys and flattens
//! nested SDK-shaped requests into flat API names, without building a generic tree.
//!
//! Strict RFC 8259 syntax; nesting is limited to [`MAX_DEPTH`] levels. Strings without
//! escapes are borrowed from the input, so a valid request allocates little.

use std::borrow::Cow;

use super::{canonical, container, wrong_type, Entry, Parsed, Value};
use crate::profile::Profile;
use crate::report::Diagnostic;
use crate::rules::input::invalid;
use crate::rules::Rule;

/// The deepest nesting of arrays and objects accepted (serde_json's default too).
pub const MAX_DEPTH: usize = 128;

struct Reader<'a, 'p> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    profile: &'p Profile,
    out: Parsed<'a>,
}

type Res<T> = Result<T, Box<Diagnostic>>;

fn invalid_at(message: &str, span: (usize, usize)) -> Box<Diagnostic> {
    Box::new(invalid(message, span))
}

/// Reads a JSON object starting at byte `at` of `src`.
pub(crate) fn parse<'a>(src: &'a str, at: usize, profile: &Profile) -> Parsed<'a> {
    let mut out = Parsed::default();
    out.entries.reserve(24);
    let mut r = Reader {
        src,
        b: src.as_bytes(),
        pos: at,
        profile,
        out,
    };
    let result = r.object(None, 1).and_then(|()| {
        r.ws();
        if r.pos < r.b.len() {
            Err(r.error_here("unexpected text after the JSON object"))
        } else {
            Ok(())
        }
    });
    if let Err(d) = result {
        r.out.fatal = Some(*d);
    }
    r.out
}

impl<'a> Reader<'a, '_> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn char_len_here(&self) -> usize {
        self.src[self.pos..]
            .chars()
            .next()
            .map_or(0, char::len_utf8)
    }

    fn error_here(&self, message: &str) -> Box<Diagnostic> {
        let end = self.pos + self.char_len_here();
        match self.src[self.pos..].chars().next() {
            None => invalid_at(
                &format!("invalid JSON: {message} (the input ended)"),
                (self.pos, self.pos),
            ),
            Some(c) => invalid_at(
                &format!(
                    "invalid JSON: {message}; found {}",
                    crate::text::show(&c.to_string())
                ),
                (self.pos, end),
            ),
        }
    }

    fn expect(&mut self, byte: u8, what: &str) -> Res<()> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error_here(&format!("expected {what}")))
        }
    }

    fn depth_check(&self, depth: usize) -> Res<()> {
        if depth > MAX_DEPTH {
            Err(invalid_at(
                &format!("invalid JSON: nested deeper than {MAX_DEPTH} levels"),
                (self.pos, self.pos + 1),
            ))
        } else {
            Ok(())
        }
    }

    /// Reads `{"key": value, …}`, calling `member` with the reader at each value; the
    /// one place that knows an object's syntax.
    fn each_member(
        &mut self,
        depth: usize,
        mut member: impl FnMut(&mut Self, Cow<'a, str>, (usize, usize)) -> Res<()>,
    ) -> Res<()> {
        self.depth_check(depth)?;
        self.expect(b'{', "'{'")?;
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.error_here("expected a key in double quotes"));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = (key_start, self.pos);
            self.ws();
            self.expect(b':', "':' after the key")?;
            self.ws();
            member(self, key, key_span)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.error_here("expected ',' or '}' after a value")),
            }
        }
    }

    /// Reads `[value, …]`, calling `element` with the reader at each value; the one place
    /// that knows an array's syntax.
    fn each_element(
        &mut self,
        depth: usize,
        mut element: impl FnMut(&mut Self) -> Res<()>,
    ) -> Res<()> {
        self.depth_check(depth)?;
        self.expect(b'[', "'['")?;
        self.ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.ws();
            element(self)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.error_here("expected ',' or ']' in an array")),
            }
        }
    }

    /// An object whose members are parameters named `prefix.key` (or `key` at the top).
    fn object(&mut self, prefix: Option<&str>, depth: usize) -> Res<()> {
        self.each_member(depth, |r, key, key_span| {
            let name: Cow<'a, str> = match (prefix, key) {
                (None, Cow::Borrowed(k)) => canonical(k),
                (None, Cow::Owned(k)) => Cow::Owned(canonical(&k).into_owned()),
                (Some(p), k) => {
                    let field = canonical(&k);
                    let mut name = String::with_capacity(p.len() + 1 + field.len());
                    name.push_str(p);
                    name.push('.');
                    name.push_str(&field);
                    Cow::Owned(name)
                }
            };
            r.member(name, key_span, depth)
        })
    }

    /// The value of one member, flattened when it is a known family of parameters.
    fn member(&mut self, name: Cow<'a, str>, key_span: (usize, usize), depth: usize) -> Res<()> {
        let start = self.pos;
        // Only an object or array needs to know whether the name is a family; a scalar
        // given for a family is judged when the names are resolved.
        let family = match self.peek() {
            Some(b'{' | b'[') => container(&name),
            _ => None,
        };
        let value = match self.peek() {
            Some(b'{') if family == Some(false) => return self.object(Some(&name), depth + 1),
            Some(b'[') if family == Some(true) => return self.array(&name, depth + 1),
            _ => self.value(depth + 1)?,
        };
        let value_span = (start, self.pos);
        self.out.entries.push(Entry {
            name,
            value,
            key_span: Some(key_span),
            value_span: Some(value_span),
        });
        Ok(())
    }

    /// Any value; an object or array is checked and skipped, as no parameter takes one.
    fn value(&mut self, depth: usize) -> Res<Value<'a>> {
        Ok(match self.peek() {
            Some(b'{') => {
                self.skip(depth)?;
                Value::Other("an object")
            }
            Some(b'[') => {
                self.skip(depth)?;
                Value::Other("an array")
            }
            Some(b'"') => Value::Str(self.string()?),
            _ => self.scalar()?,
        })
    }

    /// An array of objects: element i holds the parameters `name.(i+1).key`.
    fn array(&mut self, name: &str, depth: usize) -> Res<()> {
        let start = self.pos;
        let max = self.profile.max_index(name).unwrap_or(u32::MAX);
        let mut n: u64 = 0;
        self.each_element(depth, |r| {
            n += 1;
            let el_start = r.pos;
            if n > u64::from(max) {
                return r.skip(depth + 1);
            }
            if r.peek() == Some(b'{') {
                let mut prefix = String::with_capacity(name.len() + 3);
                prefix.push_str(name);
                prefix.push('.');
                prefix.push_str(crate::lint::decimal(n as u32, &mut [0; 10]));
                return r.object(Some(&prefix), depth + 1);
            }
            let v = r.value(depth + 1)?;
            if v != Value::Null {
                let el = format!("{name}.{n}");
                r.out.notes.push(wrong_type(
                    &el,
                    v.type_name(),
                    "an object",
                    (el_start, r.pos),
                ));
            }
            Ok(())
        })?;
        if n > u64::from(max) {
            self.out.notes.push(
                crate::lint::diag(
                    Rule::ParameterIndex,
                    format!("{name} has {n} entries, but at most {max} are allowed; the rest were not read"),
                )
                .param(name)
                .span(Some((start, self.pos)))
                .data(crate::report::Data { max: Some(max.into()), actual: Some(n), ..Default::default() }),
            );
        }
        Ok(())
    }

    /// Skips any value, checking its syntax, without keeping it.
    fn skip(&mut self, depth: usize) -> Res<()> {
        match self.peek() {
            Some(b'{') => self.each_member(depth, |r, _, _| r.skip(depth + 1)),
            Some(b'[') => self.each_element(depth, |r| r.skip(depth + 1)),
            Some(b'"') => self.string().map(drop),
            _ => self.scalar().map(drop),
        }
    }

    /// `true`, `false`, `null` or a number.
    fn scalar(&mut self) -> Res<Value<'a>> {
        for (word, value) in [
            ("true", Value::Bool(true)),
            ("false", Value::Bool(false)),
            ("null", Value::Null),
        ] {
            if self.b[self.pos..].starts_with(word.as_bytes()) {
                self.pos += word.len();
                return Ok(value);
            }
        }
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => {
                self.pos = start;
                return Err(self.error_here("expected a value"));
            }
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here("expected a digit after '.'"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here("expected a digit in the exponent"));
            }
            self.digits();
        }
        Ok(Value::Num(&self.src[start..self.pos]))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    /// A string; borrowed from the input when it has no escapes.
    fn string(&mut self) -> Res<Cow<'a, str>> {
        self.expect(b'"', "'\"'")?;
        let start = self.pos;
        loop {
            match self.peek() {
                None => {
                    return Err(invalid_at(
                        "invalid JSON: a string is not closed",
                        (start - 1, self.pos),
                    ))
                }
                Some(b'"') => {
                    let s = &self.src[start..self.pos];
                    self.pos += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(0..=0x1f) => {
                    return Err(
                        self.error_here("a control character must be escaped inside a string")
                    )
                }
                Some(_) => self.pos += 1,
            }
        }
        let mut owned = String::from(&self.src[start..self.pos]);
        loop {
            match self.peek() {
                None => {
                    return Err(invalid_at(
                        "invalid JSON: a string is not closed",
                        (start - 1, self.pos),
                    ))
                }
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(owned));
                }
                Some(b'\\') => {
                    let esc = self.pos;
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if self.b[self.pos..].starts_with(b"\\u") {
                                    self.pos += 2;
                                    let lo = self.hex4()?;
                                    if !(0xDC00..0xE000).contains(&lo) {
                                        return Err(lone_surrogate(esc, self.pos));
                                    }
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                } else {
                                    return Err(lone_surrogate(esc, self.pos));
                                }
                            } else if (0xDC00..0xE000).contains(&hi) {
                                return Err(lone_surrogate(esc, self.pos));
                            } else {
                                hi
                            };
                            owned.push(
                                char::from_u32(code)
                                    .ok_or_else(|| lone_surrogate(esc, self.pos))?,
                            );
                            continue;
                        }
                        _ => return Err(self.error_here("unknown escape after '\\'")),
                    };
                    self.pos += 1;
                    owned.push(c);
                }
                Some(0..=0x1f) => {
                    return Err(
                        self.error_here("a control character must be escaped inside a string")
                    )
                }
                Some(_) => {
                    let len = self.char_len_here();
                    owned.push_str(&self.src[self.pos..self.pos + len]);
                    self.pos += len;
                }
            }
        }
    }

    fn hex4(&mut self) -> Res<u32> {
        let mut v = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.error_here("expected four hex digits after \\u")),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }
}

fn lone_surrogate(start: usize, end: usize) -> Box<Diagnostic> {
    invalid_at(
        "invalid JSON: a \\u escape names half of a UTF-16 surrogate pair without the other half, which is no character",
        (start, end),
    )
}

/// A JSON value with its byte span, for documents that are not requests (role bundles).
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
    Num(&'a str),
    Str(Cow<'a, str>),
    Arr(Vec<Node<'a>>),
    Obj(Vec<(Cow<'a, str>, Node<'a>)>),
}

impl<'a> Node<'a> {
    /// The member of an object with this key (the last one, as JSON parsers keep).
    pub(crate) fn get(&self, key: &str) -> Option<&Node<'a>> {
        match &self.kind {
            NodeKind::Obj(m) => m.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub(crate) fn str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Every span in the tree set to `span` (for a document embedded in a string).
    pub(crate) fn respan(&mut self, span: (usize, usize)) {
        self.span = span;
        match &mut self.kind {
            NodeKind::Arr(items) => items.iter_mut().for_each(|n| n.respan(span)),
            NodeKind::Obj(members) => members.iter_mut().for_each(|(_, n)| n.respan(span)),
            _ => {}
        }
    }

    /// The kind of value, for messages.
    pub(crate) fn type_name(&self) -> &'static str {
        match self.kind {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Num(_) => "a number",
            NodeKind::Str(_) => "a string",
            NodeKind::Arr(_) => "an array",
            NodeKind::Obj(_) => "an object",
        }
    }
}

/// Reads any JSON document into a tree with spans (nesting limited to [`MAX_DEPTH`]).
pub(crate) fn parse_tree(src: &str) -> Result<Node<'_>, Box<Diagnostic>> {
    let start = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
    let mut r = Reader {
        src,
        b: src.as_bytes(),
        pos: start,
        profile: &crate::profile::SPEC_2019,
        out: Parsed::default(),
    };
    r.ws();
    if r.pos >= r.b.len() {
        return Err(invalid_at(
            "the input is empty: expected a JSON document",
            (r.pos, r.pos),
        ));
    }
    let node = r.tree(1)?;
    r.ws();
    if r.pos < r.b.len() {
        return Err(r.error_here("unexpected text after the JSON document"));
    }
    Ok(node)
}

impl<'a> Reader<'a, '_> {
    fn tree(&mut self, depth: usize) -> Res<Node<'a>> {
        let start = self.pos;
        let kind = match self.peek() {
            Some(b'{') => {
                let mut members = Vec::new();
                self.each_member(depth, |r, key, _| {
                    members.push((key, r.tree(depth + 1)?));
                    Ok(())
                })?;
                NodeKind::Obj(members)
            }
            Some(b'[') => {
                let mut items = Vec::new();
                self.each_element(depth, |r| {
                    items.push(r.tree(depth + 1)?);
                    Ok(())
                })?;
                NodeKind::Arr(items)
            }
            Some(b'"') => NodeKind::Str(self.string()?),
            _ => match self.scalar()? {
                Value::Bool(b) => NodeKind::Bool(b),
                Value::Num(n) => NodeKind::Num(n),
                _ => NodeKind::Null,
            },
        };
        Ok(Node {
            kind,
            span: (start, self.pos),
        })
    }
}
