//! The driver: resolves a parsed request against the profile, runs the checks in a fixed
//! order, keeps only the fixes it can verify, and turns the findings into a [`Report`].

use std::borrow::Cow;

use crate::checks::{self, batch::Seen, Checker};
use crate::diagnostic::{Finding, Severity};
use crate::input::{Parsed, Value};
use crate::line_index::LineIndex;
use crate::message::Msg;
use crate::report::{Effective, Report};
use crate::resolve::Resolved;
use crate::rule::Rule;
use crate::sink::{Key, Sink};
use crate::Options;

/// Lints parsed input. `src` is the text the spans point into.
pub(crate) fn lint(
    src: &str,
    parsed: Parsed<'_>,
    opts: &Options,
    seen: Option<&mut Seen>,
) -> Report {
    lint_in(src, parsed, opts, seen, None)
}

/// [`lint`] of one of many requests of a text: `lines` indexes `src`, so that placing the
/// findings costs nothing that grows with the request's distance from the text's start.
pub(crate) fn lint_in(
    src: &str,
    mut parsed: Parsed<'_>,
    opts: &Options,
    seen: Option<&mut Seen>,
    lines: Option<&LineIndex>,
) -> Report {
    let mut sink = Sink::new(
        opts.profile,
        opts.lang,
        opts.max_diagnostics,
        &opts.severities,
    );
    sink.suppressions = std::mem::take(&mut parsed.suppressions);
    if let Some(fatal) = parsed.fatal.take() {
        sink.push(fatal);
        if let Some(s) = seen {
            s.count += 1;
        }
        return finish_in(src, sink, Effective::default(), lines);
    }
    // A value a Terraform provider refuses is said once: the check of the same rule at the
    // same place repeats it.
    let refused: Vec<_> = parsed
        .notes
        .iter()
        .filter(|n| matches!(n.msg, Msg::ProviderValue { .. }))
        .map(|n| (n.param.clone().map(Cow::into_owned), n.span.map(|s| s.0)))
        .collect();
    for note in std::mem::take(&mut parsed.notes) {
        sink.push(note);
    }
    let noted = sink.diags.len();
    let req = Resolved::new(opts.profile, &parsed);
    {
        let mut cx = Checker::new(&req, &mut sink);
        checks::run(&mut cx);
        if let Some(s) = seen {
            checks::batch::check(&mut cx, s, src, lines);
            s.count += 1;
        }
    }
    if !refused.is_empty() {
        let mut i = 0;
        sink.diags.retain(|d| {
            i += 1;
            i <= noted || !refused.contains(&(d.param.clone(), d.span.map(|s| s.start)))
        });
    }
    // The provider's own spelling of a value it refuses is certain: kept as is.
    let certain: Vec<usize> = (0..noted)
        .filter(|&i| {
            let d = &sink.diags[i];
            refused.contains(&(d.param.clone(), d.span.map(|s| s.start)))
        })
        .collect();
    verify_fixes(&mut sink, &parsed, opts, &certain);
    let effective = if opts.effective {
        req.effective_report()
    } else {
        Effective::default()
    };
    finish_in(src, sink, effective, lines)
}

/// Whether [`lint`] would report the parsed input valid (without a batch), building no
/// finding: the sink only records whether an error was kept.
pub(crate) fn verdict(mut parsed: Parsed<'_>, opts: &Options) -> bool {
    let mut sink = Sink::new(opts.profile, opts.lang, usize::MAX, &opts.severities);
    sink.verdict_only = true;
    sink.suppressions = std::mem::take(&mut parsed.suppressions);
    if let Some(fatal) = parsed.fatal.take() {
        sink.push(fatal);
        return !sink.failed;
    }
    for note in std::mem::take(&mut parsed.notes) {
        sink.push(note);
    }
    let req = Resolved::new(opts.profile, &parsed);
    checks::run(&mut Checker::new(&req, &mut sink));
    !sink.failed
}

/// The findings of the request rules, reduced to keys (no batch, no text).
fn keys(parsed: &Parsed<'_>, opts: &Options) -> Vec<Key> {
    let mut sink = Sink::new(opts.profile, opts.lang, usize::MAX, &opts.severities);
    sink.keys = Some(Vec::new());
    let req = Resolved::new(opts.profile, parsed);
    checks::run(&mut Checker::new(&req, &mut sink));
    sink.keys.unwrap_or_default()
}

/// The most entry-lints fix verification spends on one report.
const VERIFY_BUDGET: usize = 20_000;

/// Keeps a fix only when applying it removes its finding (and any other finding on the
/// same parameter with the same fix) and changes nothing else: no finding appears, none
/// elsewhere disappears. A fix that cannot be verified is dropped.
fn verify_fixes(sink: &mut Sink, parsed: &Parsed<'_>, opts: &Options, certain: &[usize]) {
    if sink.diags.iter().all(|d| d.fix.is_none()) {
        return;
    }
    if sink.omitted > 0 {
        sink.diags.iter_mut().for_each(|d| d.fix = None);
        return;
    }
    let before = keys(parsed, opts);
    let mut spent = 0;
    for i in 0..sink.diags.len() {
        let Some(fix) = sink.diags[i].fix.clone() else {
            continue;
        };
        if certain.contains(&i) {
            continue;
        }
        let d = &sink.diags[i];
        let target = parsed.entries.iter().position(|e| match d.span {
            Some(s) => e.value_span == Some((s.start, s.end)),
            None => Some(e.name.text().as_ref()) == d.param.as_deref(),
        });
        spent += parsed.entries.len().max(1);
        let keep = match target {
            Some(t) if spent <= VERIFY_BUDGET => {
                let mut changed = Parsed {
                    entries: parsed.entries.clone(),
                    root: parsed.root,
                    ..Parsed::default()
                };
                changed.entries[t].value = Value::Str(Cow::Owned(fix.clone()));
                let after = keys(&changed, opts);
                let param = d.param.clone();
                let mut expected: Vec<(Rule, Option<String>)> = before
                    .iter()
                    .filter(|k| !(k.param == param && k.fix.as_deref() == Some(fix.as_str())))
                    .map(|k| (k.rule, k.param.clone()))
                    .collect();
                let mut got: Vec<(Rule, Option<String>)> =
                    after.into_iter().map(|k| (k.rule, k.param)).collect();
                expected.sort();
                got.sort();
                expected == got
            }
            _ => false,
        };
        if !keep {
            sink.diags[i].fix = None;
        }
    }
}

/// Orders the findings, adds the cap summary, computes line and column, sets `valid`.
pub(crate) fn finish(src: &str, sink: Sink, effective: Effective) -> Report {
    finish_in(src, sink, effective, None)
}

/// [`finish`], placing the findings with `lines` when the text is indexed.
fn finish_in(src: &str, mut sink: Sink, effective: Effective, lines: Option<&LineIndex>) -> Report {
    sink.diags
        .sort_by_key(|d| d.span.map_or(usize::MAX, |s| s.start));
    let kept = sink.diags.len();
    if sink.omitted > 0 {
        let (omitted, lang) = (sink.omitted, sink.lang());
        let f = Finding::new(Rule::TooManyDiagnostics, Msg::TooMany { omitted, kept })
            .help(Msg::TooManyHelp);
        let mut d = f.render(lang, Severity::Warning, None);
        d.data.omitted = Some(omitted);
        sink.diags.push(d);
    }
    match lines {
        Some(idx) => locate_indexed(src, idx, &mut sink.diags),
        None => locate(src, &mut sink.diags),
    }
    let valid = !sink.omitted_error && sink.diags.iter().all(|d| d.severity != Severity::Error);
    Report::new(valid, sink.profile_id(), sink.diags, effective)
}

/// Fills in line, column and UTF-16 offsets of every span from the text's line index.
fn locate_indexed(src: &str, idx: &LineIndex, diags: &mut [crate::Diagnostic]) {
    for d in diags {
        if let Some(s) = d.span.as_mut() {
            let (line, column, u16) = idx.locate(src, s.start);
            (s.line, s.column, s.utf16_start) = (line, column, u16);
            s.utf16_end = idx.locate(src, s.end).2;
        }
    }
}

/// Fills in line, column and UTF-16 offsets of every span in one pass over the text.
fn locate(src: &str, diags: &mut [crate::Diagnostic]) {
    let mut points: Vec<(usize, usize, bool)> = Vec::new();
    for (i, d) in diags.iter().enumerate() {
        if let Some(s) = d.span {
            points.push((s.start.min(src.len()), i, false));
            points.push((s.end.min(src.len()), i, true));
        }
    }
    if points.is_empty() {
        return;
    }
    points.sort_unstable();
    let (mut line, mut col, mut u16) = (1usize, 1usize, 0usize);
    let mut chars = src.char_indices().peekable();
    for (offset, i, is_end) in points {
        while let Some(&(at, c)) = chars.peek() {
            if at >= offset {
                break;
            }
            chars.next();
            u16 += c.len_utf16();
            if c == '\n' {
                line += 1;
                col = 1;
            } else if !(at == 0 && c == '\u{FEFF}') {
                col += 1;
            }
        }
        if let Some(s) = diags[i].span.as_mut() {
            if is_end {
                s.utf16_end = u16;
            } else {
                s.line = line;
                s.column = col;
                s.utf16_start = u16;
            }
        }
    }
}
