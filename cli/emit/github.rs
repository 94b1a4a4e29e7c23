//! GitHub Actions workflow annotations: `::error file=…,line=…,col=…,title=…::message`.

use std::io::{self, Write};

use importimage_lint::Severity;

use super::{sanitize, Emitter, Linted, Tally};

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

pub(crate) struct Github;

impl Emitter for Github {
    fn report(&mut self, out: &mut dyn Write, l: Linted) -> io::Result<()> {
        for d in &l.report.diagnostics {
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                _ => "notice",
            };
            let mut props = format!("file={}", escape_property(&sanitize(&l.path)));
            if let Some(s) = d.span {
                props.push_str(&format!(
                    ",line={},col={}",
                    s.line + l.line_offset,
                    s.column
                ));
            }
            props.push_str(&format!(
                ",title={}",
                escape_property(&format!("importimage-lint {}", d.rule))
            ));
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str(&format!("\nhelp: {h}"));
            }
            if let Some(c) = d.code {
                message.push_str(&format!("\nprevents API error: {c}"));
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
    }
}
