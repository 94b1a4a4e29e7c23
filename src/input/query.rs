//! Query strings and whole URLs, as the API reference prints its request example and as
//! the SDKs send requests on the wire.
//!
//! `&`-separated `key=value` pairs, percent-decoded as UTF-8 with `+` read as a space.
//! ASCII blank space and line breaks around each pair are ignored (the reference prints
//! one pair per line); other whitespace is part of the value, as in the JSON form. A
//! `<…>` placeholder pair is skipped with a note. Names are the API's, case-sensitive.
//!
//! A line whose first character (after blank space) is `#` is a comment; a comment
//! `# importimage-lint: ignore[RULE, …]` silences findings on the next line, and
//! `# importimage-lint: ignore-file[RULE, …]` in the whole file (no list: every rule; the
//! brackets are optional; a list of only unknown ids silences nothing). Any other `#` ends
//! the query: what follows is a URL fragment, which is never sent.

use std::borrow::Cow;

use super::{Entry, Name, Parsed, Value};
use crate::diagnostic::Finding;
use crate::message::Msg;
use crate::rule::Rule;

const BLANK: [char; 4] = [' ', '\t', '\r', '\n'];

/// Reads a query string or URL starting at byte `at` of `src`.
pub(crate) fn parse(src: &str, at: usize) -> Parsed<'_> {
    let mut out = Parsed::default();
    let text = &src[at..];
    let mut start = at;
    if crate::chars::url_prefix(text).is_some() {
        match text.find(['?', '#']) {
            Some(q) if text.as_bytes()[q] == b'?' => start = at + q + 1,
            _ => {
                return Parsed::fatal(Finding::invalid_input(
                    Msg::UrlWithoutQuery,
                    (at, src.len()),
                ));
            }
        }
    } else if text.starts_with('?') {
        start = at + 1;
    }
    let (end, comments) = comments_and_end(src, start);
    if end < src.len() {
        let fragment = src[end + 1..].trim_end_matches(BLANK);
        if !fragment.is_empty() {
            out.notes.push(
                Finding::new(Rule::UrlFragment, Msg::UrlFragment)
                    .span(Some((end, end + 1 + fragment.len())))
                    .help(Msg::UrlFragmentHelp),
            );
        }
    }
    out.suppressions =
        super::comments::suppressions(src, &comments, end, |line| line.starts_with('#'));
    let mut pairs = 0usize;
    let mut offset = start;
    for segment in src[start..end].split('&') {
        let seg_start = offset;
        offset += segment.len() + 1;
        let Some((s, e)) = content(src, seg_start, seg_start + segment.len(), &comments) else {
            continue;
        };
        let piece = &src[s..e];
        if piece.is_empty() {
            continue;
        }
        if piece.starts_with('<') && piece.ends_with('>') {
            out.notes.push(
                Finding::new(Rule::DocPlaceholder, Msg::Placeholder { text: piece })
                    .span(Some((s, e)))
                    .help(Msg::PlaceholderHelp),
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
            Err(f) => {
                out.notes.push(*f);
                continue;
            }
        };
        if key.is_empty() {
            out.notes
                .push(Finding::invalid_input(Msg::QueryPairWithoutName, (s, e)));
            continue;
        }
        let value = match decode(raw_value, value_span.0) {
            Ok(v) => v,
            Err(f) => {
                out.notes.push(f.param(key));
                continue;
            }
        };
        out.entries.push(Entry {
            name: Name::flat(key),
            value: Value::Str(value),
            key_span: Some(key_span),
            value_span: Some(value_span),
        });
    }
    if pairs == 0 {
        return Parsed::fatal(Finding::invalid_input(Msg::NotARequest, (at, src.len())));
    }
    out
}

/// Where the query ends (a fragment's `#`, or the end of the text) and the byte ranges of
/// the comment lines before it.
fn comments_and_end(src: &str, start: usize) -> (usize, Vec<(usize, usize)>) {
    let mut comments = Vec::new();
    let mut at = start;
    for line in src[start..].split_inclusive('\n') {
        let body = line.trim_start_matches([' ', '\t']);
        if body.starts_with('#') {
            comments.push((at, at + line.trim_end_matches(['\r', '\n']).len()));
        } else if let Some(hash) = line.find('#') {
            return (at + hash, comments);
        }
        at += line.len();
    }
    (src.len(), comments)
}

/// The span of a segment without its comment lines and surrounding blank space.
fn content(
    src: &str,
    from: usize,
    to: usize,
    comments: &[(usize, usize)],
) -> Option<(usize, usize)> {
    let mut first = None;
    let mut last = from;
    let mut at = from;
    for line in src[from..to].split_inclusive('\n') {
        let (s, e) = (at, at + line.len());
        at = e;
        if comments.iter().any(|c| c.0 >= s && c.0 < e) {
            continue;
        }
        let text = line.trim_matches(BLANK);
        if text.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start_matches(BLANK).len();
        first.get_or_insert(s + lead);
        last = s + lead + text.len();
    }
    first.map(|f| (f, last))
}

/// Percent-decodes one key or value; `+` is a space.
fn decode(raw: &str, at: usize) -> Result<Cow<'_, str>, Box<Finding<'_>>> {
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
                        return Err(Box::new(Finding::invalid_input(
                            Msg::BadPercentEscape,
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
        Box::new(Finding::invalid_input(
            Msg::PercentNotUtf8 {
                at: e.utf8_error().valid_up_to(),
            },
            (at, at + raw.len()),
        ))
    })
}
