//! Inline suppressions written in comments, shared by every input form that has comments
//! (query files, Terraform, shell scripts): `importimage-lint: ignore[RULE, …]` silences
//! findings on the next line that is code, `importimage-lint: ignore-file[RULE, …]` in the
//! whole file (no list: every rule; the brackets are optional; a list of only unknown ids
//! silences nothing, so that a misspelt id never widens it to every rule).

use super::Suppression;

/// The suppressions the comments `comments` (byte ranges of `src`) state. `is_comment`
/// tells a line (trimmed of blank space) that is only a comment, which "the next line"
/// skips, as it skips blank lines. Only text before `end` counts.
pub(crate) fn suppressions(
    src: &str,
    comments: &[(usize, usize)],
    end: usize,
    is_comment: impl Fn(&str) -> bool,
) -> Vec<Suppression> {
    let mut out = Vec::new();
    for &(s, e) in comments {
        let text = src[s..e]
            .trim_start_matches([' ', '\t', '#', '/', '*'])
            .trim_end_matches(['*', '/', ' ', '\t', '\r', '\n'])
            .trim();
        let Some(rest) = text.strip_prefix("importimage-lint:") else {
            continue;
        };
        let rest = rest.trim();
        let (whole_file, list) = if let Some(l) = rest.strip_prefix("ignore-file") {
            (true, l)
        } else if let Some(l) = rest.strip_prefix("ignore") {
            (false, l)
        } else {
            continue;
        };
        let ids: Vec<&str> = list
            .split([',', ' ', '\t', '[', ']'])
            .filter(|id| !id.is_empty())
            .collect();
        let rules: Vec<_> = ids
            .iter()
            .filter_map(|id| crate::rule::Rule::from_id(id))
            .collect();
        if !ids.is_empty() && rules.is_empty() {
            continue;
        }
        let range = if whole_file {
            None
        } else {
            // The next line that is neither a comment nor blank.
            let mut at = e;
            let mut found = None;
            for line in src[e.min(end)..end].split_inclusive('\n') {
                let (ls, le) = (at, at + line.len());
                at = le;
                let body = line.trim_matches([' ', '\t', '\r', '\n']);
                if body.is_empty() || is_comment(body) {
                    continue;
                }
                found = Some((ls, le));
                break;
            }
            match found {
                Some(r) => Some(r),
                None => continue,
            }
        };
        out.push(Suppression {
            range,
            rules,
            params: Vec::new(),
        });
    }
    out
}
