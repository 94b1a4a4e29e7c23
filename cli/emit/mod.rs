//! Output: one emitter per format behind one trait. A command hands each linted input to
//! the emitter as soon as it is linted (and, with `--ndjson`, each report is flushed at
//! once), reports unusable configuration files, then calls `finish` once.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use importimage_lint::profile::Profile;
use importimage_lint::{Report, Severity};

use crate::args::Format;
use crate::settings::ConfigFailure;

mod github;
mod gitlab;
mod json;
mod sarif;
pub(crate) mod text;

pub(crate) use text::sanitize;

/// Where an earlier input had what a finding repeats.
#[derive(Debug, Clone)]
pub(crate) struct Related {
    pub path: String,
    pub line: usize,
    pub column: usize,
}

/// One linted input, with what the emitters need to point into it.
pub(crate) struct Linted {
    /// The path shown in messages.
    pub path: String,
    /// The text the spans point into (invalid UTF-8 replaced), shared by every request of
    /// a file.
    pub source: std::sync::Arc<str>,
    /// Added to every line number (the line of an `--ndjson` request, minus one).
    pub line_offset: usize,
    /// Added to every byte offset (where an `--ndjson` request's line starts in its file).
    pub byte_offset: usize,
    /// The input line of an `--ndjson` request.
    pub input_line: Option<usize>,
    /// The profile that judged it.
    pub profile: &'static Profile,
    pub report: Report,
    /// For findings that point elsewhere (by index): where.
    pub related: Vec<(usize, Related)>,
    /// For an image file: what its headers say.
    pub image: Option<importimage_lint::image::ImageFacts>,
}

impl Linted {
    /// A linted input that is a whole file (or standard input).
    pub(crate) fn new(
        path: String,
        source: impl Into<std::sync::Arc<str>>,
        profile: &'static Profile,
        report: Report,
    ) -> Self {
        Linted {
            path,
            source: source.into(),
            line_offset: 0,
            byte_offset: 0,
            input_line: None,
            profile,
            report,
            related: Vec::new(),
            image: None,
        }
    }

    /// The 1-based line and column where a diagnostic starts (1:1 for one without a span).
    pub(crate) fn start(&self, d: &importimage_lint::Diagnostic) -> (usize, usize) {
        d.span.map_or((1 + self.line_offset, 1), |s| {
            (s.line + self.line_offset, s.column)
        })
    }

    /// The 1-based line and column where a diagnostic ends.
    pub(crate) fn end(&self, d: &importimage_lint::Diagnostic) -> (usize, usize) {
        let Some(s) = d.span else {
            return (1 + self.line_offset, 1);
        };
        let text = self.source.get(s.start..s.end).unwrap_or("");
        let lines = text.matches('\n').count();
        let column = match text.rfind('\n') {
            Some(i) => text[i + 1..].chars().count() + 1,
            None => s.column + text.chars().count(),
        };
        (s.line + self.line_offset + lines, column)
    }

    /// Where a diagnostic's related location is, if it has one.
    pub(crate) fn related(&self, index: usize) -> Option<&Related> {
        self.related
            .iter()
            .find(|(i, _)| *i == index)
            .map(|(_, r)| r)
    }
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
    /// Blank `--ndjson` lines, skipped.
    pub blank: usize,
    /// Files not linted because their configuration could not be used.
    pub not_linted: usize,
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
    /// One report per input line, written as each is linted.
    pub ndjson: bool,
    /// What is linted, for the summary: requests or role bundles.
    pub subject: Subject,
    /// Only diffs are shown (`--diff`).
    pub quiet: bool,
    /// The language of the command line's own words (labels, the summary line).
    pub lang: importimage_lint::Lang,
}

/// What a run lints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Subject {
    Request,
    RoleBundle,
    Image,
}

/// An output format.
pub(crate) trait Emitter: Send {
    /// One linted input.
    fn report(&mut self, out: &mut dyn Write, linted: Linted) -> io::Result<()>;
    /// A configuration file that cannot be used (the run ends with exit code 2).
    fn config_error(&mut self, out: &mut dyn Write, e: &ConfigFailure) -> io::Result<()>;
    /// After the last input.
    fn finish(&mut self, out: &mut dyn Write, tally: &Tally) -> io::Result<()>;
}

/// The emitter of a format.
pub(crate) fn emitter(format: Format, mode: Mode) -> Box<dyn Emitter> {
    match format {
        Format::Gitlab => Box::new(gitlab::Gitlab::new(mode.lang)),
        Format::Text => Box::new(text::Text::new(mode)),
        Format::Json => Box::new(json::Json::new(mode)),
        Format::Sarif => Box::new(sarif::Sarif::new(mode.lang)),
        Format::Github => Box::new(github::Github { lang: mode.lang }),
    }
}

/// Standard output that outlives a closed pipe: once the reader is gone (`| head -1`), the
/// rest is dropped without error, so the run still ends with the exit code it earned.
pub(crate) struct Out<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> Out<W> {
    pub(crate) fn new(inner: W) -> Self {
        Out {
            inner,
            closed: false,
        }
    }
}

impl<W: Write> Write for Out<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            r => r,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            r => r,
        }
    }
}

/// A path relative to the folder the tool ran in, with `/` separators and no `./`, or
/// `None` for an absolute path outside it. Code-scanning tools match files by such paths.
pub(crate) fn relative_path(path: &str) -> Option<String> {
    let p = Path::new(path);
    let rel: std::path::PathBuf = if p.is_absolute() {
        let cwd = std::env::current_dir().ok()?;
        p.strip_prefix(cwd).ok()?.to_path_buf()
    } else {
        p.components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect()
    };
    Some(rel.to_string_lossy().replace('\\', "/"))
}

/// Fingerprints that identify a finding across runs: the rule, the file, the parameter
/// (and the `--ndjson` line) make the key; positions do not, so an unrelated edit elsewhere
/// in the file keeps the same alert. Identical keys in one run are told apart by their
/// order of occurrence.
#[derive(Default)]
pub(crate) struct Fingerprints {
    seen: HashMap<u64, usize>,
}

impl Fingerprints {
    /// The fingerprint of a file's diagnostic, as 16 hex digits.
    pub(crate) fn next(&mut self, l: &Linted, d: &importimage_lint::Diagnostic) -> String {
        let path = relative_path(&l.path).unwrap_or_else(|| l.path.clone());
        let line = l.input_line.map(|n| n.to_string()).unwrap_or_default();
        let key = fnv(&[d.rule.id(), &path, d.param.as_deref().unwrap_or(""), &line]);
        let nth = self.seen.entry(key).or_default();
        *nth += 1;
        format!("{:016x}", fnv(&[&format!("{key:016x}"), &nth.to_string()]))
    }
}

/// A stable 64-bit FNV-1a hash of the parts, each followed by a zero byte.
fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}
