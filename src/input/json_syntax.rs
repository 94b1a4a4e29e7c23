//! JSON syntax: a hand-written reader that keeps byte spans and knows nothing of what the
//! document means. The request reader and the tree reader drive it.
//!
//! Strict RFC 8259; nesting is limited to [`MAX_DEPTH`] levels. Strings without escapes
//! are borrowed from the input.

use std::borrow::Cow;

use super::{NotScalar, Value};
use crate::diagnostic::Finding;
use crate::message::{JsonProblem, Msg};

/// The deepest nesting of arrays and objects accepted (serde_json's default too).
pub const MAX_DEPTH: usize = 128;

/// A reading error, boxed so that results stay small.
pub(crate) type Res<'a, T> = Result<T, Box<Finding<'a>>>;

/// A position in a JSON text.
pub(crate) struct Reader<'a> {
    src: &'a str,
    b: &'a [u8],
    pub pos: usize,
}

fn error<'a>(problem: JsonProblem, found: Option<char>, span: (usize, usize)) -> Box<Finding<'a>> {
    Box::new(Finding::invalid_input(
        Msg::InvalidJson { problem, found },
        span,
    ))
}

impl<'a> Reader<'a> {
    pub(crate) fn new(src: &'a str, pos: usize) -> Self {
        Reader {
            src,
            b: src.as_bytes(),
            pos,
        }
    }

    pub(crate) fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.pos) {
            self.pos += 1;
        }
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.b.len()
    }

    /// An error at the current position, naming the character found there.
    pub(crate) fn error_here(&self, problem: JsonProblem) -> Box<Finding<'a>> {
        let c = self.src[self.pos..].chars().next();
        let end = self.pos + c.map_or(0, char::len_utf8);
        error(problem, c, (self.pos, end))
    }

    /// After the document: only blank space may follow.
    pub(crate) fn end(&mut self) -> Res<'a, ()> {
        self.ws();
        if self.at_end() {
            Ok(())
        } else {
            Err(self.error_here(JsonProblem::TextAfter))
        }
    }

    fn expect(&mut self, byte: u8, problem: JsonProblem) -> Res<'a, ()> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error_here(problem))
        }
    }

    fn depth_check(&self, depth: usize) -> Res<'a, ()> {
        if depth > MAX_DEPTH {
            Err(error(JsonProblem::TooDeep, None, (self.pos, self.pos + 1)))
        } else {
            Ok(())
        }
    }

    /// Reads `{"key": value, …}`, calling `member` with the reader at each value; the one
    /// place that knows an object's syntax.
    pub(crate) fn each_member(
        &mut self,
        depth: usize,
        mut member: impl FnMut(&mut Self, Cow<'a, str>, (usize, usize)) -> Res<'a, ()>,
    ) -> Res<'a, ()> {
        self.depth_check(depth)?;
        self.expect(b'{', JsonProblem::ExpectedObject)?;
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.error_here(JsonProblem::ExpectedKey));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = (key_start, self.pos);
            self.ws();
            self.expect(b':', JsonProblem::ExpectedColon)?;
            self.ws();
            member(self, key, key_span)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.error_here(JsonProblem::ExpectedCommaOrBrace)),
            }
        }
    }

    /// Reads `[value, …]`, calling `element` with the reader at each value; the one place
    /// that knows an array's syntax.
    pub(crate) fn each_element(
        &mut self,
        depth: usize,
        mut element: impl FnMut(&mut Self) -> Res<'a, ()>,
    ) -> Res<'a, ()> {
        self.depth_check(depth)?;
        self.expect(b'[', JsonProblem::ExpectedArray)?;
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
                _ => return Err(self.error_here(JsonProblem::ExpectedCommaOrBracket)),
            }
        }
    }

    /// Skips any value, checking its syntax, without keeping it.
    pub(crate) fn skip(&mut self, depth: usize) -> Res<'a, ()> {
        match self.peek() {
            Some(b'{') => self.each_member(depth, |r, _, _| r.skip(depth + 1)),
            Some(b'[') => self.each_element(depth, |r| r.skip(depth + 1)),
            Some(b'"') => self.string().map(drop),
            _ => self.scalar_or_foreign().map(drop),
        }
    }

    /// A scalar, or one of the literals JSON lacks that programs write for values it cannot
    /// carry (`NaN`, `Infinity`, `-Infinity`, `undefined`); a request reader takes them as
    /// values of the wrong type rather than as broken text.
    pub(crate) fn scalar_or_foreign(&mut self) -> Res<'a, Value<'a>> {
        for (word, what) in [
            ("NaN", NotScalar::NaN),
            ("Infinity", NotScalar::Infinity),
            ("-Infinity", NotScalar::Infinity),
            ("undefined", NotScalar::Undefined),
        ] {
            let after = self.pos + word.len();
            if self.b[self.pos..].starts_with(word.as_bytes())
                && !self.b.get(after).is_some_and(|b| b.is_ascii_alphanumeric())
            {
                self.pos = after;
                return Ok(Value::Other(what));
            }
        }
        self.scalar()
    }

    /// `true`, `false`, `null` or a number.
    pub(crate) fn scalar(&mut self) -> Res<'a, Value<'a>> {
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
                return Err(self.error_here(JsonProblem::ExpectedValue));
            }
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here(JsonProblem::ExpectedFractionDigit));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here(JsonProblem::ExpectedExponentDigit));
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
    pub(crate) fn string(&mut self) -> Res<'a, Cow<'a, str>> {
        self.expect(b'"', JsonProblem::ExpectedString)?;
        let start = self.pos;
        loop {
            match self.peek() {
                None => return Err(error(JsonProblem::Unclosed, None, (start - 1, self.pos))),
                Some(b'"') => {
                    let s = &self.src[start..self.pos];
                    self.pos += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(0..=0x1f) => return Err(self.error_here(JsonProblem::ControlInString)),
                Some(_) => self.pos += 1,
            }
        }
        let mut owned = String::from(&self.src[start..self.pos]);
        loop {
            match self.peek() {
                None => return Err(error(JsonProblem::Unclosed, None, (start - 1, self.pos))),
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
                            owned.push(self.unicode_escape(esc)?);
                            continue;
                        }
                        _ => return Err(self.error_here(JsonProblem::UnknownEscape)),
                    };
                    self.pos += 1;
                    owned.push(c);
                }
                Some(0..=0x1f) => return Err(self.error_here(JsonProblem::ControlInString)),
                Some(_) => {
                    let len = self.src[self.pos..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
                    owned.push_str(&self.src[self.pos..self.pos + len]);
                    self.pos += len;
                }
            }
        }
    }

    /// The character of a `\uXXXX` escape (a surrogate pair takes two), `esc` being the
    /// offset of its backslash.
    fn unicode_escape(&mut self, esc: usize) -> Res<'a, char> {
        let lone = |end| error(JsonProblem::LoneSurrogate, None, (esc, end));
        let hi = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&hi) {
            if !self.b[self.pos..].starts_with(b"\\u") {
                return Err(lone(self.pos));
            }
            self.pos += 2;
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(lone(self.pos));
            }
            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        } else if (0xDC00..0xE000).contains(&hi) {
            return Err(lone(self.pos));
        } else {
            hi
        };
        char::from_u32(code).ok_or_else(|| lone(self.pos))
    }

    fn hex4(&mut self) -> Res<'a, u32> {
        let mut v = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.error_here(JsonProblem::ExpectedHex)),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }
}
