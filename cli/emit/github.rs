//! GitHub Actions workflow annotations: `::error file=…,line=…,col=…,title=…::message`.

use std::io::{self, Write};

use importimage_lint::Severity;

use super::{sanitize, Emitter, Linted, Tally};
use crate::settings::ConfigFailure;

/// Escapes a message as GitHub requires: `%`, CR and LF.
pub(crate) fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as a message, and also `:` and `,`.
pub(crate) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A text from the input as a property: line breaks escaped as GitHub reads them, other
/// hostile characters shown as escapes.
fn property(s: &str) -> String {
    sanitize(&escape_property(s))
}

pub(crate) struct Github {
    pub lang: importimage_lint::Lang,
}

impl Emitter for Github {
    fn report(&mut self, out: &mut dyn Write, l: Linted) -> io::Result<()> {
        for (i, d) in l.report.diagnostics.iter().enumerate() {
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                _ => "notice",
            };
            let (line, col) = l.start(d);
            let (end_line, end_col) = l.end(d);
            let mut props = format!("file={},line={line},col={col}", property(&l.path));
            if end_line == line {
                props.push_str(&format!(",endColumn={end_col}"));
            } else {
                props.push_str(&format!(",endLine={end_line}"));
            }
            props.push_str(&format!(
                ",title={}",
                escape_property(&format!("importimage-lint {}", d.rule))
            ));
            let words = crate::ui::words(self.lang);
            let colon = words.colon;
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str(&format!("\n{}{colon}{h}", words.help));
            }
            if let Some(c) = d.code {
                message.push_str(&format!("\n{}{colon}{c}", words.prevents));
            }
            if let Some(r) = l.related(i) {
                message.push_str(&format!(
                    "\n{} {}:{}:{}",
                    words.earlier_at, r.path, r.line, r.column
                ));
            }
            let message: Vec<String> = message.split('\n').map(sanitize).collect();
            writeln!(
                out,
                "::{kind} {props}::{}",
                escape_data(&message.join("\n"))
            )?;
        }
        Ok(())
    }

    fn config_error(&mut self, out: &mut dyn Write, e: &ConfigFailure) -> io::Result<()> {
        let mut props = format!("file={}", property(&e.path.display().to_string()));
        if let Some(l) = e.line {
            props.push_str(&format!(",line={l},col={}", e.column.unwrap_or(1)));
        }
        writeln!(
            out,
            "::error {props},title=importimage-lint configuration::{}",
            escape_data(&sanitize(&e.message))
        )
    }

    fn finish(&mut self, _: &mut dyn Write, _: &Tally) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("100% a\r\nb"), "100%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(property("a\nb\u{1b}.json"), "a%0Ab\\u{1B}.json");
    }
}
