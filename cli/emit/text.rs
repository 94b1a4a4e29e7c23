//! Text output for people: `path:line:col: severity[rule] message`, the line with a caret,
//! help, fix and API error code, then a summary. Everything taken from the input is
//! sanitised (control, invisible and direction-changing characters shown as escapes) and
//! credential values are masked.

use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use importimage_lint::{is_deceptive_char, mask, Diagnostic, Severity};

use super::{Emitter, Linted, Mode, Tally};
use crate::settings::ConfigFailure;

pub(crate) struct Text {
    mode: Mode,
    /// The last source read for credentials, and where its credential values are: the
    /// requests of one file share it, so it is found once per file.
    secrets: Option<(Arc<str>, Ranges)>,
}

/// Byte ranges of a text, shared.
type Ranges = Arc<[Range<usize>]>;

impl Text {
    pub(crate) fn new(mode: Mode) -> Self {
        Text {
            mode,
            secrets: None,
        }
    }

    /// Where the source's credential values are.
    fn secrets(&mut self, source: &Arc<str>) -> Ranges {
        match &self.secrets {
            Some((s, m)) if Arc::ptr_eq(s, source) => m.clone(),
            _ => {
                let m: Ranges = mask::secret_ranges(source).into();
                self.secrets = Some((source.clone(), m.clone()));
                m
            }
        }
    }
}

/// The line `from..to` of `source` with the credential values in it masked.
fn masked_line(source: &str, from: usize, to: usize, secrets: &[Range<usize>]) -> String {
    let first = secrets.partition_point(|r| r.end <= from);
    let inside: Vec<Range<usize>> = secrets[first..]
        .iter()
        .take_while(|r| r.start < to)
        .map(|r| r.start.max(from) - from..r.end.min(to) - from)
        .collect();
    mask::mask_ranges(&source[from..to], &inside)
}

impl Emitter for Text {
    fn report(&mut self, out: &mut dyn Write, l: Linted) -> io::Result<()> {
        if self.mode.quiet {
            return Ok(());
        }
        let paint = Paint(self.mode.color);
        let words = crate::ui::words(self.mode.lang);
        let path = sanitize(&l.path);
        let secrets = self.secrets(&l.source);
        if let Some(facts) = &l.image {
            writeln!(
                out,
                "{path}{}{}",
                words.colon,
                sanitize(&crate::ui::describe_image(self.mode.lang, facts))
            )?;
            if !l.report.diagnostics.is_empty() {
                writeln!(out)?;
            }
        }
        for (i, d) in l.report.diagnostics.iter().enumerate() {
            write_one(out, &l, &secrets, d, &path, &paint, words)?;
            if let Some(r) = l.related(i) {
                let eq = paint.wrap("1;34", "=");
                writeln!(
                    out,
                    "  {eq} {} {}:{}:{}",
                    words.earlier_at,
                    sanitize(&r.path),
                    r.line,
                    r.column
                )?;
            }
            writeln!(out)?;
        }
        if self.mode.ndjson {
            out.flush()?;
        }
        Ok(())
    }

    fn config_error(&mut self, _: &mut dyn Write, e: &ConfigFailure) -> io::Result<()> {
        eprintln!("{}{}", crate::ui::me(), sanitize(&e.to_string()));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, t: &Tally) -> io::Result<()> {
        if self.mode.quiet {
            return Ok(());
        }
        let paint = Paint(self.mode.color);
        let line = crate::ui::summary(self.mode.lang, self.mode.subject, t);
        let code = if t.not_linted > 0 || t.errors > 0 {
            "1;31"
        } else if t.warnings + t.infos == 0 {
            "1;32"
        } else {
            "1"
        };
        let line = paint.wrap(code, &line);
        writeln!(out, "{line}")
    }
}

struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
    fn sev(&self, sev: Severity, words: &crate::ui::Words) -> String {
        let code = match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            _ => "1;36",
        };
        self.wrap(code, words.severity_of(sev))
    }
}

/// Input text made safe to print: control, invisible and direction-changing characters
/// become `\u{…}` escapes.
pub(crate) fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_deceptive_char(c) || c.is_control() {
            out.push_str(&format!("\\u{{{:X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// How many bytes on each side of a span the excerpt of a long line reads (the window
/// shows 40 columns before the span and 160 in all).
const EXCERPT_REACH: usize = 1024;

/// The shown part of a line (at most ~160 columns around the span) and the columns where
/// the caret starts and how wide it is.
fn window(line: &str, start_char: usize, span_chars: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line.chars().collect();
    let start_char = start_char.min(chars.len());
    let span_end = (start_char + span_chars.max(1)).min(chars.len().max(start_char + 1));
    let from = start_char.saturating_sub(40);
    let to = (span_end + 40).min(chars.len()).min(from + 160);
    let mut shown = String::new();
    let mut col = 0usize;
    let (mut caret_at, mut caret_len) = (0, 0);
    if from > 0 {
        shown.push('…');
        col += 1;
    }
    for (i, &c) in chars.iter().enumerate().take(to).skip(from) {
        if i == start_char {
            caret_at = col;
        }
        let piece = if is_deceptive_char(c) || c.is_control() {
            format!("\\u{{{:X}}}", c as u32)
        } else {
            c.to_string()
        };
        let w: usize = if piece.len() > c.len_utf8() {
            piece.chars().count()
        } else {
            crate::ui::char_width(c)
        };
        shown.push_str(&piece);
        col += w;
        if i >= start_char && i < span_end {
            caret_len += w;
        }
    }
    if start_char >= to {
        caret_at = col;
    }
    if to < chars.len() {
        shown.push('…');
    }
    (shown, caret_at, caret_len.max(1))
}

fn write_one(
    out: &mut dyn Write,
    l: &Linted,
    secrets: &[Range<usize>],
    d: &Diagnostic,
    path: &str,
    paint: &Paint,
    words: &crate::ui::Words,
) -> io::Result<()> {
    let head = format!("{}[{}]", paint.sev(d.severity, words), d.rule);
    let message = sanitize(&d.message);
    match d.span {
        Some(s) => {
            let line_no = s.line + l.line_offset;
            writeln!(
                out,
                "{}: {head} {}",
                paint.wrap("1", &format!("{path}:{line_no}:{}", s.column)),
                paint.wrap("1", &message)
            )?;
            // The line holding the span, found from its byte offset (not by counting lines),
            // and of a long line (minified JSON) only the bytes around the span: the window
            // shows 160 columns, and a file of one long line is rendered in linear time.
            let source = &*l.source;
            let at = s.start.min(source.len());
            let reach = |b: usize| b.min(source.len());
            let mut near = at.saturating_sub(EXCERPT_REACH);
            while !source.is_char_boundary(near) {
                near += 1;
            }
            let from = source
                .get(near..at)
                .and_then(|b| b.rfind('\n'))
                .map_or(near, |i| near + i + 1);
            let mut far = reach(s.end.max(at).min(at + EXCERPT_REACH) + EXCERPT_REACH);
            while !source.is_char_boundary(far) {
                far -= 1;
            }
            let to = source
                .get(at..far)
                .and_then(|a| a.find('\n'))
                .map_or(far, |i| at + i);
            if let Some(line) = source
                .get(from..to)
                .map(|_| masked_line(source, from, to, secrets))
            {
                let line = line.as_str();
                let line = line.strip_suffix('\r').unwrap_or(line);
                let bom = from == 0 && line.starts_with('\u{FEFF}');
                let line = if bom { &line[3..] } else { line };
                let span_chars = source
                    .get(s.start..s.end.min(to).max(s.start))
                    .map_or(1, |t| t.split('\n').next().unwrap_or("").chars().count());
                // The span's column within the shown part (the whole line when it is short).
                let start_char = source
                    .get(from + if bom { 3 } else { 0 }..at)
                    .map_or(0, |t| t.chars().count());
                let (shown, at, len) = window(line, start_char, span_chars);
                let gutter = line_no.to_string().len();
                let bar = paint.wrap("1;34", "|");
                writeln!(out, "{:gutter$} {bar}", "")?;
                writeln!(
                    out,
                    "{} {bar} {shown}",
                    paint.wrap("1;34", &line_no.to_string())
                )?;
                let carets = paint.wrap(
                    if d.severity == Severity::Error {
                        "1;31"
                    } else {
                        "1;33"
                    },
                    &"^".repeat(len),
                );
                writeln!(out, "{:gutter$} {bar} {:at$}{carets}", "", "")?;
            }
        }
        None => {
            let (line, column) = l.start(d);
            writeln!(
                out,
                "{}: {head} {}",
                paint.wrap("1", &format!("{path}:{line}:{column}")),
                paint.wrap("1", &message)
            )?
        }
    }
    let eq = paint.wrap("1;34", "=");
    let colon = words.colon;
    if let Some(p) = &d.param {
        writeln!(out, "  {eq} {}{colon}{}", words.parameter, sanitize(p))?;
    }
    if let Some(h) = &d.help {
        writeln!(out, "  {eq} {}{colon}{}", words.help, sanitize(h))?;
    }
    if let Some(f) = &d.fix {
        writeln!(
            out,
            "  {eq} {}{colon}{}",
            words.fix,
            sanitize(&format!("{f:?}"))
        )?;
    }
    if let Some(c) = d.code {
        writeln!(out, "  {eq} {}{colon}{c}", words.prevents)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_escapes_terminal_controls_and_bidi() {
        assert_eq!(sanitize("a\u{1b}[2Jb\u{202E}c"), "a\\u{1B}[2Jb\\u{202E}c");
    }

    #[test]
    fn window_puts_caret_under_span() {
        let (shown, at, len) = window(r#"  "ImageName": "a b","#, 15, 5);
        assert_eq!(&shown[at..at + len], r#""a b""#);
    }

    #[test]
    fn window_of_a_long_line_is_short() {
        let line = "x".repeat(100_000);
        let (shown, _, _) = window(&line, 50_000, 3);
        assert!(shown.chars().count() < 200);
    }
}
