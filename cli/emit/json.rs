//! JSON output: the library's report as it is. Invisible and direction-changing
//! characters in strings are written as `\uXXXX` escapes, so the JSON reads the same and
//! cannot deceive whoever looks at it.

use std::io::{self, Write};

use importimage_lint::{is_deceptive_char, Report};
use serde::Serialize;

use super::{Emitter, Linted, Mode, Tally};

/// JSON text with every deceptive character escaped. Such characters can only occur
/// inside JSON strings, where `\uXXXX` means the same character.
pub(crate) fn escape(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_deceptive_char(c) {
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

fn pretty<T: Serialize>(v: &T) -> io::Result<String> {
    serde_json::to_string_pretty(v)
        .map(|s| escape(&s))
        .map_err(io::Error::other)
}

#[derive(Serialize)]
struct WithPath<'a> {
    path: &'a str,
    #[serde(flatten)]
    report: &'a Report,
}

pub(crate) struct Json {
    mode: Mode,
    all: Vec<(String, Report)>,
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
        if self.mode.ndjson {
            let s = serde_json::to_string(&l.report).map_err(io::Error::other)?;
            writeln!(out, "{}", escape(&s))?;
            return out.flush();
        }
        self.all.push((l.path, l.report));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Tally) -> io::Result<()> {
        if self.mode.ndjson {
            return Ok(());
        }
        if self.mode.single_stdin {
            if let Some((_, r)) = self.all.first() {
                writeln!(out, "{}", pretty(r)?)?;
            }
            return Ok(());
        }
        let list: Vec<WithPath<'_>> = self
            .all
            .iter()
            .map(|(path, report)| WithPath { path, report })
            .collect();
        writeln!(out, "{}", pretty(&list)?)
    }
}
