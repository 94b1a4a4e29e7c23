//! Output: one emitter per format behind one trait. A command hands each linted input to
//! the emitter as soon as it is linted, then calls `finish` once.

use std::io::{self, Write};

use importimage_lint::profile::Profile;
use importimage_lint::{Report, Severity};

use crate::args::Format;

mod github;
mod json;
mod sarif;
mod text;

pub(crate) use text::sanitize;

/// One linted input, with what the emitters need to point into it.
pub(crate) struct Linted {
    /// The path shown in messages.
    pub path: String,
    /// The text the spans point into (invalid UTF-8 replaced).
    pub source: String,
    /// Added to every line number (the line of an `--ndjson` request, minus one).
    pub line_offset: usize,
    /// The profile that judged it.
    pub profile: &'static Profile,
    pub report: Report,
}

/// Counts across everything linted.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub fixed: usize,
    pub would_fix: usize,
}

impl Tally {
    pub(crate) fn add(&mut self, r: &Report) {
        self.files += 1;
        self.errors += r.count(Severity::Error);
        self.warnings += r.count(Severity::Warning);
        self.infos += r.count(Severity::Info);
        if !r.valid && r.count(Severity::Error) == 0 {
            self.errors += 1; // errors left out by the cap still count
        }
    }
}

/// What the emitters need to know about the run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mode {
    pub color: bool,
    /// One input read from standard input: JSON prints the bare report.
    pub single_stdin: bool,
    /// One report per input line, written as each is linted.
    pub ndjson: bool,
    /// What is linted, for the summary: requests or role bundles.
    pub subject: Subject,
    /// Only diffs are shown (`--diff` with text output).
    pub quiet: bool,
}

/// What a run lints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Subject {
    Request,
    RoleBundle,
}

/// An output format.
pub(crate) trait Emitter {
    /// One linted input.
    fn report(&mut self, out: &mut dyn Write, linted: Linted) -> io::Result<()>;
    /// After the last input.
    fn finish(&mut self, out: &mut dyn Write, tally: &Tally) -> io::Result<()>;
}

/// Writes one linted input in a format and finishes the output (a one-input run).
pub(crate) fn emit_one(
    format: Format,
    mode: Mode,
    linted: Linted,
    tally: &Tally,
) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut e = emitter(format, mode);
    e.report(&mut out, linted)?;
    e.finish(&mut out, tally)?;
    out.flush()
}

/// The emitter of a format.
pub(crate) fn emitter(format: Format, mode: Mode) -> Box<dyn Emitter> {
    match format {
        Format::Text => Box::new(text::Text::new(mode)),
        Format::Json => Box::new(json::Json::new(mode)),
        Format::Sarif => Box::new(sarif::Sarif::default()),
        Format::Github => Box::new(github::Github),
    }
}
