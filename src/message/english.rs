//! Detectors for text meant to be Chinese, shared by the library's catalogue tests
//! (`src/message/tests.rs`) and the command line's (`tests/lang.rs`, which includes this file
//! by path): English prose left in it, and a word the glossary in CONTRIBUTING.md says to
//! avoid (or its typography: `～`, `5–500`, `5 到 500`, `建议: `, a space after `。`).
//! Quotes and backticks hold names, values and commands that never change: both skip them.

/// The text outside quotes (`"…"`, `“…”`) and backticks, where prose lives.
fn unquoted(text: &str) -> String {
    let mut plain = String::new();
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '"' | '`') => quote = Some(c),
            (None, '“') => quote = Some('”'),
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, c) => plain.push(c),
        }
    }
    plain
}

/// English left in a text meant to be in another language: a common English word outside
/// quotes and backticks (which hold names, values and commands that never change).
pub(crate) fn english_in(text: &str) -> Option<String> {
    const WORDS: &[&str] = &[
        "a",
        "an",
        "the",
        "is",
        "are",
        "be",
        "was",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "and",
        "or",
        "not",
        "no",
        "must",
        "should",
        "can",
        "cannot",
        "use",
        "set",
        "it",
        "its",
        "this",
        "that",
        "than",
        "from",
        "into",
        "only",
        "one",
        "has",
        "have",
        "found",
        "expected",
        "value",
        "values",
        "name",
        "disk",
        "image",
        "request",
        "remove",
        "write",
        "add",
        "check",
        "instead",
        "here",
        "there",
        "does",
        "did",
        "you",
        "mean",
        "which",
        "when",
        "where",
        "long",
        "characters",
        "character",
        "between",
        "least",
        "most",
        "more",
        "other",
        "after",
        "before",
        "rule",
        "by",
        "as",
        "if",
        "but",
        "bytes",
        "byte",
        "line",
        "key",
        "keys",
        "file",
        "text",
        "see",
        "read",
        "sent",
        "send",
        "may",
        "will",
        "help",
        "prevents",
        "known",
        "regions",
        "parameters",
        "letter",
        "exact",
        "points",
        "required",
        "deprecated",
        "revision",
        "granted",
        "forbidden",
        "starts",
        "printable",
        "present",
        "stated",
        "reads",
        "virtual",
        "partition",
        "folder",
        "such",
        "permission",
        "denied",
        "unknown",
        "choose",
        "usage",
        "information",
        "try",
        "unexpected",
        "argument",
        "invalid",
        "missing",
        "profile",
        "profiles",
        "example",
        "examples",
        "passing",
        "failing",
        "checks",
        "why",
        "every",
        "differ",
        "named",
        "note",
        "earlier",
        "default",
        "code",
        "summary",
        "severity",
        "parameter",
        "fix",
        "error",
        "errors",
        "warning",
        "warnings",
        "notes",
        "requests",
        "stopped",
        "skipped",
        "blank",
        "fixed",
        "place",
        "passed",
        "findings",
        "configuration",
        "language",
        "languages",
        "allow",
        "service",
        "unless",
        "also",
        "written",
        "changed",
        "since",
        "rewritten",
        "lists",
        "them",
        "dynamic",
        "differencing",
        "descriptor",
    ];
    // Names (ImageName, Tag.N.Key/Value, OSType) and values keep their own spelling;
    // English prose is made of lower-case words.
    unquoted(text)
        .split(|c: char| c.is_whitespace() || !c.is_ascii())
        // Command-line flags (`--profile`) are names too.
        .filter(|w| !w.starts_with('-'))
        // So are kebab-case ids (`image-name-length`) and paths.
        .filter(|w| !w.contains(|c: char| c.is_ascii_uppercase() || ".:/*_=%-".contains(c)))
        .flat_map(|w| w.split(|c: char| !c.is_ascii_alphabetic()))
        .find(|w| WORDS.contains(w))
        .map(|w| format!("`{w}` in {text:?}"))
}

/// The glossary of CONTRIBUTING.md: each row's term and the words to avoid for it.
pub(crate) fn glossary() -> Vec<(String, Vec<String>)> {
    let doc = include_str!("../../CONTRIBUTING.md");
    let section = doc
        .split("## Chinese glossary")
        .nth(1)
        .expect("CONTRIBUTING.md has a Chinese glossary");
    section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| concept"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let avoid = cells[3]
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect();
            (cells[2].to_owned(), avoid)
        })
        .collect()
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Where a Chinese text breaks the glossary: a word it says to avoid, or its typography.
pub(crate) fn glossary_break(text: &str) -> Option<String> {
    if !text.chars().any(is_han) {
        return None;
    }
    let plain = unquoted(text);
    let chars: Vec<char> = plain.chars().collect();
    for (term, avoid) in glossary() {
        for word in avoid {
            let hit = match word.as_str() {
                // Typography: only between numbers.
                "–" | " 到 " => {
                    let w: Vec<char> = word.chars().collect();
                    chars.windows(w.len() + 2).any(|x| {
                        x[0].is_ascii_digit()
                            && x[w.len() + 1].is_ascii_digit()
                            && x[1..=w.len()] == w[..]
                    })
                }
                _ => plain.contains(&word),
            };
            if hit {
                return Some(format!("`{word}` (the glossary writes {term}) in {text:?}"));
            }
        }
    }
    let raw: Vec<char> = text.chars().collect();
    if text.contains("。 ") {
        return Some(format!("a space after `。` in {text:?}"));
    }
    if raw
        .windows(3)
        .any(|x| is_han(x[0]) && x[1] == ':' && x[2] == ' ')
    {
        return Some(format!(
            "a half-width `: ` after Chinese (write `：`) in {text:?}"
        ));
    }
    None
}
