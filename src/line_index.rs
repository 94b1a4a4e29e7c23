//! Where each line of a text starts, so that the line, column and UTF-16 offset of a byte
//! offset are found in time proportional to the length of its line, not to its distance
//! from the start: a file holding thousands of requests (a script of 20,000 commands)
//! places every finding of every request in time linear in its size.

/// The start of every line of a text, the UTF-16 offset of each start, and whether each
/// line is ASCII (where a column is a byte difference: a minified file of one long line
/// places each finding in constant time).
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    utf16: Vec<usize>,
    ascii: Vec<bool>,
}

impl LineIndex {
    /// Indexes `src` in one pass.
    pub(crate) fn new(src: &str) -> LineIndex {
        let mut starts = vec![0];
        let mut utf16 = vec![0];
        let mut ascii = Vec::new();
        let mut line_ascii = true;
        let mut u = 0;
        for (i, c) in src.char_indices() {
            u += c.len_utf16();
            line_ascii &= c.is_ascii();
            if c == '\n' {
                starts.push(i + 1);
                utf16.push(u);
                ascii.push(line_ascii);
                line_ascii = true;
            }
        }
        ascii.push(line_ascii);
        LineIndex {
            starts,
            utf16,
            ascii,
        }
    }

    /// The 1-based line and column (in characters; a byte order mark at the start is not
    /// one) and the UTF-16 offset of byte offset `at` of `src`, the text indexed.
    pub(crate) fn locate(&self, src: &str, at: usize) -> (usize, usize, usize) {
        let at = at.min(src.len());
        let line = self.starts.partition_point(|&s| s <= at).max(1) - 1;
        let start = self.starts[line];
        if self.ascii[line] && src.is_char_boundary(at) {
            return (line + 1, at - start + 1, self.utf16[line] + (at - start));
        }
        let text = src.get(start..at).unwrap_or("");
        let mut column = text.chars().count() + 1;
        if start == 0 && text.starts_with('\u{FEFF}') {
            column -= 1;
        }
        let u16 = self.utf16[line] + text.chars().map(char::len_utf16).sum::<usize>();
        (line + 1, column, u16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index agrees with counting from the start, at every offset.
    #[test]
    fn agrees_with_counting() {
        let src = "\u{FEFF}a\né𝄞x\r\n\nlast\nascii only";
        let idx = LineIndex::new(src);
        for (at, _) in src.char_indices().chain([(src.len(), ' ')]) {
            let before = &src[..at];
            let line = before.matches('\n').count() + 1;
            let ls = before.rfind('\n').map_or(0, |i| i + 1);
            let mut col = before[ls..].chars().count() + 1;
            if ls == 0 && before.starts_with('\u{FEFF}') {
                col -= 1;
            }
            let u16 = before.encode_utf16().count();
            assert_eq!(idx.locate(src, at), (line, col, u16), "at {at}");
        }
    }
}
