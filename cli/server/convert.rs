//! The one place where the library's values become the Language Server Protocol's: byte
//! offsets to UTF-16 positions, a [`Diagnostic`] to an LSP diagnostic (rule id as `code`,
//! its documentation as `codeDescription`, the report's own JSON as `data`), and a fixed
//! text to the smallest edit. The rest of the server never touches a library type's fields.

use std::str::FromStr;

use importimage_lint::{Diagnostic, Severity};
use lsp_types as lsp;

/// Where each line of a text starts, to turn byte offsets into LSP positions (lines from
/// 0, characters in UTF-16 code units, as the protocol counts by default) and back.
pub(crate) struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }

    /// The position of byte `offset` (clamped to the text, and to a character boundary).
    pub(crate) fn position(&self, offset: usize) -> lsp::Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let character = self.text[self.starts[line]..offset].encode_utf16().count();
        lsp::Position::new(line as u32, character as u32)
    }

    /// The byte offset of a position (past the end of a line: the line's end).
    pub(crate) fn offset(&self, p: lsp::Position) -> usize {
        let Some(&start) = self.starts.get(p.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(p.line as usize + 1)
            .map_or(self.text.len(), |e| e - 1);
        let mut units = 0u32;
        for (i, c) in self.text[start..end].char_indices() {
            if units >= p.character {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        end
    }

    pub(crate) fn range(&self, start: usize, end: usize) -> lsp::Range {
        lsp::Range::new(self.position(start), self.position(end))
    }
}

fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        _ => lsp::DiagnosticSeverity::INFORMATION,
    }
}

/// One finding as the editor shows it. `related` are the places of the fields it compares
/// (`related_params`), found by the caller.
pub(crate) fn diagnostic(
    lines: &Lines<'_>,
    uri: &lsp::Uri,
    d: &Diagnostic,
    related: &[(String, lsp::Range)],
    lang: importimage_lint::Lang,
) -> lsp::Diagnostic {
    let range = d
        .span
        .map_or_else(|| lines.range(0, 0), |s| lines.range(s.start, s.end));
    let words = crate::ui::words(lang);
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!("\n{}{}{help}", words.help, words.colon));
    }
    if let Some(code) = d.code {
        message.push_str(&format!("\n{}{}{code}", words.prevents, words.colon));
    }
    let href = lsp::Uri::from_str(&importimage_lint::schema::rule_url(d.rule)).ok();
    lsp::Diagnostic {
        range,
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.rule.id().to_owned())),
        code_description: href.map(|href| lsp::CodeDescription { href }),
        source: Some("importimage-lint".to_owned()),
        message,
        related_information: (!related.is_empty()).then(|| {
            related
                .iter()
                .map(|(param, range)| lsp::DiagnosticRelatedInformation {
                    location: lsp::Location::new(uri.clone(), *range),
                    message: match lang {
                        importimage_lint::Lang::ZhCn => format!("{param} 写在此处"),
                        _ => format!("{param} is written here"),
                    },
                })
                .collect()
        }),
        tags: (d.rule == importimage_lint::Rule::DeprecatedParameter)
            .then(|| vec![lsp::DiagnosticTag::DEPRECATED]),
        data: serde_json::to_value(d).ok(),
    }
}

/// The smallest edit that turns `old` into `new`: the changed middle, between the longest
/// common prefix and suffix (on character boundaries).
pub(crate) fn edit(old: &str, new: &str) -> lsp::TextEdit {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    let lines = Lines::new(old);
    lsp::TextEdit::new(
        lines.range(prefix, old.len() - suffix),
        new[prefix..new.len() - suffix].to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let text = "{\"ImageName\": \"镜像😀x\"\n}";
        let lines = Lines::new(text);
        let x = text.find('x').unwrap();
        // 镜 and 像 are one unit each, 😀 two.
        assert_eq!(lines.position(x), lsp::Position::new(0, 19));
        assert_eq!(lines.offset(lsp::Position::new(0, 19)), x);
        assert_eq!(lines.position(text.len()), lsp::Position::new(1, 1));
        assert_eq!(lines.offset(lsp::Position::new(5, 0)), text.len());
    }

    proptest::proptest! {
        /// Every character boundary survives a trip to a position and back; any position
        /// (past a line's end, past the last line) gives a boundary.
        #[test]
        fn positions_round_trip(text in "[a-z镜😀\r\n]{0,40}", line in 0u32..6, character in 0u32..12) {
            let lines = Lines::new(&text);
            for (i, _) in text.char_indices() {
                proptest::prop_assert_eq!(lines.offset(lines.position(i)), i);
            }
            let o = lines.offset(lsp::Position::new(line, character));
            proptest::prop_assert!(text.is_char_boundary(o));
        }

        /// The smallest edit turns the old text into the new one.
        #[test]
        fn edits_apply(old in "[ab镜\n]{0,12}", new in "[ab镜\n]{0,12}") {
            let e = edit(&old, &new);
            let lines = Lines::new(&old);
            let (a, b) = (lines.offset(e.range.start), lines.offset(e.range.end));
            proptest::prop_assert_eq!(format!("{}{}{}", &old[..a], e.new_text, &old[b..]), new);
        }
    }

    #[test]
    fn edits_are_the_changed_middle() {
        let e = edit("{\"OSType\": \"linux\"}", "{\"OSType\": \"Linux\"}");
        assert_eq!(e.new_text, "L");
        assert_eq!(e.range.start, lsp::Position::new(0, 12));
        let e = edit("a镜b", "a像b");
        assert_eq!((e.new_text.as_str(), e.range.start.character), ("像", 1));
    }
}
