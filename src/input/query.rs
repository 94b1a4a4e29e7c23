//! Query strings and whole URLs, as the API reference prints its request example.
//!
//! `&`-separated `key=value` pairs, percent-decoded as UTF-8 with `+` read as a space.
//! Whitespace and line breaks around each pair are ignored (the reference prints one pair
//! per line), and a `<…>` placeholder pair is skipped with a note.

use std::borrow::Cow;

use super::{canonical, Entry, Parsed, Value};
use crate::lint::diag;
use crate::profile::Profile;
use crate::report::Diagnostic;
use crate::rules::input::invalid;
use crate::rules::Rule;

/// Reads a query string or URL starting at byte `at` of `src`.
pub(crate) fn parse<'a>(src: &'a str, at: usize, _profile: &Profile) -> Parsed<'a> {
    let mut out = Parsed::default();
    let mut start = at;
    let text = &src[at..];
    if crate::text::url_prefix(text).is_some() {
        match text.find('?') {
            Some(q) => start = at + q + 1,
            None => {
                out.fatal = Some(invalid(
                    "the URL has no query string ('?') holding the parameters",
                    (at, src.len()),
                ));
                return out;
            }
        }
    } else if text.starts_with('?') {
        start = at + 1;
    }
    let mut pairs = 0usize;
    let mut offset = start;
    for segment in src[start..].split('&') {
        let seg_start = offset;
        offset += segment.len() + 1;
        let trimmed_front = segment.trim_start();
        let s = seg_start + (segment.len() - trimmed_front.len());
        let piece = trimmed_front.trim_end();
        let e = s + piece.len();
        if piece.is_empty() {
            continue;
        }
        if piece.starts_with('<') && piece.ends_with('>') {
            out.notes.push(
                diag(
                    Rule::DocPlaceholder,
                    format!(
                        "skipped the documentation placeholder {}",
                        crate::text::show(piece)
                    ),
                )
                .span(Some((s, e)))
                .help("put the real parameters here, or drop the placeholder"),
            );
            continue;
        }
        let (raw_key, raw_value, eq) = match piece.find('=') {
            Some(i) => (&piece[..i], &piece[i + 1..], true),
            None => (piece, "", false),
        };
        pairs += usize::from(eq);
        let key_span = (s, s + raw_key.len());
        let value_span = if eq {
            (s + raw_key.len() + 1, e)
        } else {
            (e, e)
        };
        let key = match decode(raw_key, key_span.0) {
            Ok(k) => k,
            Err(d) => {
                out.notes.push(*d);
                continue;
            }
        };
        if key.is_empty() {
            out.notes
                .push(invalid("a query pair has no name before '='", (s, e)));
            continue;
        }
        let name = match key {
            Cow::Borrowed(k) => canonical(k),
            Cow::Owned(k) => Cow::Owned(canonical(&k).into_owned()),
        };
        let value = match decode(raw_value, value_span.0) {
            Ok(v) => v,
            Err(d) => {
                out.notes.push(d.param(name.as_ref()));
                continue;
            }
        };
        out.entries.push(Entry {
            name,
            value: Value::Str(value),
            key_span: Some(key_span),
            value_span: Some(value_span),
        });
    }
    if pairs == 0 {
        out.entries.clear();
        out.notes.clear();
        out.fatal = Some(invalid(
            "not a request: expected a JSON object (starting with '{') or a query string of key=value pairs",
            (at, src.len()),
        ));
    }
    out
}

/// Percent-decodes one key or value; `+` is a space.
fn decode(raw: &str, at: usize) -> Result<Cow<'_, str>, Box<Diagnostic>> {
    if !raw.contains(['%', '+']) {
        return Ok(Cow::Borrowed(raw));
    }
    let b = raw.as_bytes();
    let mut bytes = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => {
                bytes.push(b' ');
                i += 1;
            }
            b'%' => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (
                    b.get(i + 1).copied().and_then(hex),
                    b.get(i + 2).copied().and_then(hex),
                ) {
                    (Some(h), Some(l)) => {
                        bytes.push((h * 16 + l) as u8);
                        i += 3;
                    }
                    _ => {
                        let end = raw[i..]
                            .char_indices()
                            .nth(3)
                            .map_or(raw.len(), |(j, _)| i + j);
                        return Err(Box::new(invalid(
                            "a '%' must be followed by two hex digits (write %25 for a literal '%')",
                            (at + i, at + end),
                        )));
                    }
                }
            }
            c => {
                bytes.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(bytes).map(Cow::Owned).map_err(|e| {
        Box::new(invalid(
            &format!(
                "percent-escapes decode to bytes that are not UTF-8 (at decoded byte {})",
                e.utf8_error().valid_up_to()
            ),
            (at, at + raw.len()),
        ))
    })
}
