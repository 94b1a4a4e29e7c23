//! JSON output: an array of file reports, each the library's report with its `path` (with
//! `--ndjson`, one such object per line, with its input `line`). Invisible and
//! direction-changing characters in strings are written as `\uXXXX` escapes, so the JSON
//! reads the same and cannot deceive whoever looks at it.

use std::io::{self, Write};

use importimage_lint::{is_deceptive_char, Report};
use serde::Serialize;

use super::{Emitter, Linted, Mode, Tally};
use crate::settings::ConfigFailure;

/// JSON text with every deceptive character escaped. Such characters can only occur
/// inside JSON strings, where `\uXXXX` means the same character.
pub(crate) fn escape(json: &str) -> String {
    // serde_json escapes control characters itself; what is left to escape is never ASCII.
    if json.is_ascii() {
        return json.to_owned();
    }
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if !c.is_ascii() && is_deceptive_char(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A report as the JSON output shows it.
#[derive(Serialize)]
struct FileReport {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(flatten)]
    report: Report,
    /// For an image file: what its headers say.
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<Box<importimage_lint::image::ImageFacts>>,
}

/// A configuration file that could not be used, in place of a report.
#[derive(Serialize)]
struct ConfigEntry {
    path: String,
    valid: bool,
    error: ErrorEntry,
}

#[derive(Serialize)]
struct ErrorEntry {
    message: String,
    line: Option<usize>,
    column: Option<usize>,
}

/// One element of the output array.
#[derive(Serialize)]
#[serde(untagged)]
enum Entry {
    Report(FileReport),
    Config(ConfigEntry),
}

pub(crate) struct Json {
    mode: Mode,
    all: Vec<Entry>,
}

impl Json {
    pub(crate) fn new(mode: Mode) -> Self {
        Json {
            mode,
            all: Vec::new(),
        }
    }
}

impl Emitter for Json {
    fn report(&mut self, out: &mut dyn Write, l: Linted) -> io::Result<()> {
        let entry = FileReport {
            path: l.path,
            line: l.input_line,
            report: l.report,
            image: l.image.map(Box::new),
        };
        if self.mode.ndjson {
            let s = match &entry.image {
                // The common case, one line per request, written by the library's own
                // writer: the same text serde's `flatten` would give, without its map.
                None => {
                    let report = entry.report.to_json();
                    let path = serde_json::to_string(&entry.path).map_err(io::Error::other)?;
                    let mut s = String::with_capacity(report.len() + path.len() + 32);
                    s.push_str("{\"path\":");
                    s.push_str(&path);
                    if let Some(line) = entry.line {
                        s.push_str(",\"line\":");
                        s.push_str(&line.to_string());
                    }
                    s.push(',');
                    s.push_str(&report[1..]);
                    s
                }
                Some(_) => serde_json::to_string(&entry).map_err(io::Error::other)?,
            };
            writeln!(out, "{}", escape(&s))?;
            return out.flush();
        }
        self.all.push(Entry::Report(entry));
        Ok(())
    }

    fn config_error(&mut self, out: &mut dyn Write, e: &ConfigFailure) -> io::Result<()> {
        let entry = ConfigEntry {
            path: e.path.display().to_string(),
            valid: false,
            error: ErrorEntry {
                message: e.message.clone(),
                line: e.line,
                column: e.column,
            },
        };
        if self.mode.ndjson {
            let s = serde_json::to_string(&entry).map_err(io::Error::other)?;
            writeln!(out, "{}", escape(&s))?;
            return out.flush();
        }
        self.all.push(Entry::Config(entry));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Tally) -> io::Result<()> {
        if self.mode.ndjson {
            return Ok(());
        }
        let s = serde_json::to_string_pretty(&self.all).map_err(io::Error::other)?;
        writeln!(out, "{}", escape(&s))
    }
}
