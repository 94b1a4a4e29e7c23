//! JSON output: the library's report as it is. Invisible and direction-changing
//! characters in strings are written as `\uXXXX` escapes, so the JSON reads the same and
//! cannot deceive whoever looks at it.

use std::io::{self, Write};

use importimage_lint::{is_deceptive_char, Report};
use serde::Serialize;

use super::Linted;

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

pub(crate) fn write_report(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    writeln!(out, "{}", pretty(r)?)
}

pub(crate) fn write_line(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    let s = serde_json::to_string(r).map_err(io::Error::other)?;
    writeln!(out, "{}", escape(&s))
}

#[derive(Serialize)]
struct WithPath<'a> {
    path: &'a str,
    #[serde(flatten)]
    report: &'a Report,
}

pub(crate) fn write_files(out: &mut dyn Write, all: &[Linted]) -> io::Result<()> {
    let list: Vec<WithPath<'_>> = all
        .iter()
        .map(|l| WithPath {
            path: &l.path,
            report: &l.report,
        })
        .collect();
    writeln!(out, "{}", pretty(&list)?)
}
