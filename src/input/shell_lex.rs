//! Splitting a shell script into commands of words, as bash does for the parts that decide
//! which words a command is run with: blank space, `\` line continuations, '…', "…", `$'…'`
//! (with its escapes decoded) and `$"…"` quoting, `#` comments, here-documents (whose bodies
//! are data: never commands, never comments), redirections (not arguments), and `;`, `&`,
//! `|`, `(`, `)` and line ends between commands. `$(…)` and `` `…` `` hold commands of their
//! own; a substitution that holds no command at all (`` `# a comment` ``) expands to
//! nothing, and an unquoted word made only of it is no word. A word holding an expansion
//! (`$VAR`, `${…}`, `$(…)`, `` `…` ``, `$((…))`) is not literal.

use crate::diagnostic::Finding;
use crate::message::Msg;

/// A shell word: its text as the shell passes it, where it is, and whether its value is
/// known before the script runs.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub text: String,
    pub span: (usize, usize),
    pub literal: bool,
    /// Whether any part of it was quoted (an empty quoted word is still a word).
    pub quoted: bool,
}

/// A script split into commands, with where its comments and here-document bodies are.
#[derive(Debug, Default)]
pub(crate) struct Script {
    pub commands: Vec<Vec<Word>>,
    pub comments: Vec<(usize, usize)>,
    pub heredocs: Vec<(usize, usize)>,
}

/// How deep `$(…)` and backquotes may nest before their text is taken as opaque.
const MAX_DEPTH: usize = 64;

/// Splits a script into commands of words; `Err` at a quote that never closes.
pub(crate) fn lex(src: &str) -> Result<Script, Box<Finding<'static>>> {
    let mut script = Script::default();
    Lexer {
        src,
        b: src.as_bytes(),
        out: &mut script,
    }
    .run(0, src.len(), 0)?;
    Ok(script)
}

struct Lexer<'s, 'o> {
    src: &'s str,
    b: &'s [u8],
    out: &'o mut Script,
}

fn unclosed(quote: char, at: usize) -> Box<Finding<'static>> {
    Box::new(Finding::invalid_input(
        Msg::ShellUnclosedQuote { quote },
        (at, at + 1),
    ))
}

/// The word being read, started at `at` if none is.
fn word(w: &mut Option<Word>, at: usize) -> &mut Word {
    w.get_or_insert(Word {
        text: String::new(),
        span: (at, at),
        literal: true,
        quoted: false,
    })
}

impl Lexer<'_, '_> {
    /// Lexes `start..end` at nesting `depth`; returns how many words it found.
    fn run(
        &mut self,
        start: usize,
        end: usize,
        depth: usize,
    ) -> Result<usize, Box<Finding<'static>>> {
        let b = self.b;
        let mut words = 0usize;
        let mut cmd: Vec<Word> = Vec::new();
        let mut cur: Option<Word> = None;
        // The next word is a redirection's target, not an argument.
        let mut target = false;
        let mut heredocs: Vec<(String, bool)> = Vec::new();
        let mut i = start;
        macro_rules! end_word {
            () => {
                if let Some(w) = cur.take() {
                    if std::mem::take(&mut target) {
                    } else if !w.text.is_empty() || w.quoted || !w.literal {
                        words += 1;
                        cmd.push(w);
                    }
                }
            };
        }
        macro_rules! end_command {
            () => {
                end_word!();
                target = false;
                if !cmd.is_empty() {
                    self.out.commands.push(std::mem::take(&mut cmd));
                }
            };
        }
        while i < end {
            let c = b[i];
            match c {
                b'\\' if b.get(i + 1) == Some(&b'\n') => i += 2,
                b'\\' if b.get(i + 1) == Some(&b'\r') && b.get(i + 2) == Some(&b'\n') => i += 3,
                b'\\' => {
                    let w = word(&mut cur, i);
                    w.quoted = true;
                    match self.src[i + 1..end].chars().next() {
                        Some(ch) => {
                            w.text.push(ch);
                            i += 1 + ch.len_utf8();
                        }
                        None => i += 1,
                    }
                    w.span.1 = i;
                }
                b' ' | b'\t' | b'\r' => {
                    end_word!();
                    i += 1;
                }
                b'\n' => {
                    end_command!();
                    i += 1;
                    for (tag, strip) in std::mem::take(&mut heredocs) {
                        i = self.heredoc_body(i, end, &tag, strip);
                    }
                }
                b';' | b'|' | b'(' | b')' => {
                    end_command!();
                    i += 1;
                }
                b'&' if b.get(i + 1) == Some(&b'>') => {
                    end_word!();
                    i = self.redirection(i + 1, &mut target);
                }
                b'&' => {
                    end_command!();
                    i += 1;
                }
                b'<' | b'>' => {
                    // A file descriptor number before the operator is part of it.
                    if cur.as_ref().is_some_and(|w| {
                        w.literal && !w.quoted && w.text.bytes().all(|d| d.is_ascii_digit())
                    }) {
                        cur = None;
                    }
                    end_word!();
                    if c == b'<' && b.get(i + 1) == Some(&b'<') && b.get(i + 2) != Some(&b'<') {
                        let strip = b.get(i + 2) == Some(&b'-');
                        let (tag, next) = self.heredoc_tag(i + 2 + usize::from(strip), end);
                        if !tag.is_empty() {
                            heredocs.push((tag, strip));
                        }
                        i = next;
                    } else {
                        i = self.redirection(i, &mut target);
                    }
                }
                b'#' if cur.is_none() => {
                    let e = self.src[i..end].find('\n').map_or(end, |n| i + n);
                    self.out.comments.push((i, e));
                    i = e;
                }
                b'\'' => {
                    let close = self.src[i + 1..end]
                        .find('\'')
                        .ok_or_else(|| unclosed('\'', i))?;
                    let w = word(&mut cur, i);
                    w.quoted = true;
                    w.text.push_str(&self.src[i + 1..i + 1 + close]);
                    i += close + 2;
                    w.span.1 = i;
                }
                b'$' if b.get(i + 1) == Some(&b'\'') => {
                    let w = word(&mut cur, i);
                    w.quoted = true;
                    i = ansi_c(self.src, i + 2, end, &mut w.text)
                        .ok_or_else(|| unclosed('\'', i + 1))?;
                    w.span.1 = i;
                }
                b'"' => {
                    let at = if i > start && b[i - 1] == b'$' {
                        i - 1
                    } else {
                        i
                    };
                    let w = word(&mut cur, at);
                    w.quoted = true;
                    i = self.double_quoted(i + 1, end, depth, &mut cur)?;
                    if let Some(w) = cur.as_mut() {
                        w.span.1 = i;
                    }
                }
                b'$' if b.get(i + 1) == Some(&b'"') => i += 1,
                b'$' if b.get(i + 1) == Some(&b'(') => {
                    i = self.substitution(i, i + 2, b')', end, depth, &mut cur)?;
                }
                b'`' => {
                    i = self.substitution(i, i + 1, b'`', end, depth, &mut cur)?;
                }
                b'$' if b.get(i + 1) == Some(&b'{') => {
                    let close = matching(b, i + 1, end, b'{', b'}');
                    let w = word(&mut cur, i);
                    w.literal = false;
                    w.text.push_str(&self.src[i..close]);
                    i = close;
                    w.span.1 = i;
                }
                b'$' if b
                    .get(i + 1)
                    .is_some_and(|n| n.is_ascii_alphanumeric() || b"_@*#?$!-".contains(n)) =>
                {
                    let w = word(&mut cur, i);
                    w.literal = false;
                    w.text.push('$');
                    i += 1;
                    w.span.1 = i;
                }
                _ => {
                    let ch = self.src[i..end].chars().next().unwrap_or('\u{FFFD}');
                    let w = word(&mut cur, i);
                    w.text.push(ch);
                    i += ch.len_utf8();
                    w.span.1 = i;
                }
            }
        }
        end_word!();
        if !cmd.is_empty() {
            self.out.commands.push(cmd);
        }
        Ok(words)
    }

    /// A redirection operator at `i` (`<`, `>`, `>>`, `>|`, `<&`, `>&`, `<>`, `<<<`):
    /// skips it; the word after it is its target.
    fn redirection(&self, mut i: usize, target: &mut bool) -> usize {
        while i < self.b.len() && matches!(self.b[i], b'<' | b'>' | b'&' | b'|') {
            i += 1;
        }
        *target = true;
        i
    }

    /// The here-document delimiter after `<<` or `<<-` (quotes removed), and where it ends.
    fn heredoc_tag(&self, mut i: usize, end: usize) -> (String, usize) {
        let b = self.b;
        while i < end && matches!(b[i], b' ' | b'\t') {
            i += 1;
        }
        let mut tag = String::new();
        while i < end
            && !matches!(
                b[i],
                b' ' | b'\t' | b'\n' | b'\r' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')'
            )
        {
            match b[i] {
                b'\'' | b'"' => {
                    let q = b[i];
                    let close = self.src[i + 1..end]
                        .find(q as char)
                        .map_or(end, |n| i + 1 + n);
                    tag.push_str(&self.src[i + 1..close]);
                    i = (close + 1).min(end);
                }
                b'\\' => {
                    if let Some(ch) = self.src[i + 1..end].chars().next() {
                        tag.push(ch);
                        i += 1 + ch.len_utf8();
                    } else {
                        i += 1;
                    }
                }
                _ => {
                    let ch = self.src[i..end].chars().next().unwrap_or('\u{FFFD}');
                    tag.push(ch);
                    i += ch.len_utf8();
                }
            }
        }
        (tag, i)
    }

    /// Skips a here-document body starting at `i`, through its delimiter line; records it.
    fn heredoc_body(&mut self, i: usize, end: usize, tag: &str, strip_tabs: bool) -> usize {
        let mut at = i;
        for line in self.src[i..end].split_inclusive('\n') {
            let body = line.trim_end_matches('\n').trim_end_matches('\r');
            let body = if strip_tabs {
                body.trim_start_matches('\t')
            } else {
                body
            };
            at += line.len();
            if body == tag {
                self.out.heredocs.push((i, at));
                return at;
            }
        }
        self.out.heredocs.push((i, end));
        end
    }

    /// A "…" string whose content starts at `i`; returns where it ends (after the quote).
    fn double_quoted(
        &mut self,
        mut i: usize,
        end: usize,
        depth: usize,
        cur: &mut Option<Word>,
    ) -> Result<usize, Box<Finding<'static>>> {
        let b = self.b;
        let open = i - 1;
        loop {
            match b.get(i).filter(|_| i < end) {
                None => return Err(unclosed('"', open)),
                Some(b'"') => return Ok(i + 1),
                Some(b'\\') if b.get(i + 1).is_some_and(|n| b"\"\\$`\n".contains(n)) => {
                    if b[i + 1] != b'\n' {
                        word(cur, i).text.push(b[i + 1] as char);
                    }
                    i += 2;
                }
                Some(b'$') if b.get(i + 1) == Some(&b'(') => {
                    i = self.substitution(i, i + 2, b')', end, depth, cur)?;
                }
                Some(b'`') => i = self.substitution(i, i + 1, b'`', end, depth, cur)?,
                Some(b'$') if b.get(i + 1) == Some(&b'{') => {
                    let close = matching(b, i + 1, end, b'{', b'}');
                    let w = word(cur, i);
                    w.literal = false;
                    w.text.push_str(&self.src[i..close]);
                    i = close;
                }
                Some(b'$')
                    if b.get(i + 1)
                        .is_some_and(|n| n.is_ascii_alphanumeric() || b"_@*#?$!-".contains(n)) =>
                {
                    let w = word(cur, i);
                    w.literal = false;
                    w.text.push('$');
                    i += 1;
                }
                Some(_) => {
                    let ch = self.src[i..end].chars().next().unwrap_or('\u{FFFD}');
                    word(cur, i).text.push(ch);
                    i += ch.len_utf8();
                }
            }
        }
    }

    /// A command substitution opened at `at` whose content starts at `inner` and closes
    /// with `close` (`)` or a backquote): its commands are lexed as commands of their own;
    /// the word it belongs to is not literal unless it holds no command at all.
    fn substitution(
        &mut self,
        at: usize,
        inner: usize,
        close: u8,
        end: usize,
        depth: usize,
        cur: &mut Option<Word>,
    ) -> Result<usize, Box<Finding<'static>>> {
        let stop = if close == b'`' {
            let mut k = inner;
            while k < end && self.b[k] != b'`' {
                k += if self.b[k] == b'\\' { 2 } else { 1 };
            }
            if k >= end {
                return Err(unclosed('`', at));
            }
            k
        } else {
            let k = matching(self.b, at + 1, end, b'(', b')');
            if k >= end && self.b.get(end.saturating_sub(1)) != Some(&b')') {
                return Err(unclosed('(', at + 1));
            }
            k - 1
        };
        let found = if depth < MAX_DEPTH {
            self.run(inner, stop, depth + 1)?
        } else {
            1
        };
        let w = word(cur, at);
        let next = (stop + 1).min(end.max(stop));
        if found > 0 {
            w.literal = false;
            w.text.push_str(&self.src[at..next]);
        }
        w.span.1 = next;
        Ok(next)
    }
}

/// Where the bracket opened at `open` closes (the offset after the closing one), skipping
/// quoted text; the end when it never closes.
fn matching(b: &[u8], open: usize, end: usize, left: u8, right: u8) -> usize {
    let mut depth = 0usize;
    let mut k = open;
    while k < end {
        match b[k] {
            c if c == left => depth += 1,
            c if c == right => {
                depth -= 1;
                if depth == 0 {
                    return k + 1;
                }
            }
            b'\\' => k += 1,
            b'\'' => {
                k += 1;
                while k < end && b[k] != b'\'' {
                    k += 1;
                }
            }
            b'"' => {
                k += 1;
                while k < end && b[k] != b'"' {
                    k += if b[k] == b'\\' { 2 } else { 1 };
                }
            }
            _ => {}
        }
        k += 1;
    }
    end
}

/// The content of `$'…'` starting at `i`, escapes decoded as bash does, pushed onto `out`;
/// where it ends (after the quote), or `None` when it never closes.
fn ansi_c(src: &str, mut i: usize, end: usize, out: &mut String) -> Option<usize> {
    let b = src.as_bytes();
    while i < end {
        match b[i] {
            b'\'' => return Some(i + 1),
            b'\\' if i + 1 < end => {
                let e = b[i + 1];
                i += 2;
                let simple = match e {
                    b'a' => Some('\u{7}'),
                    b'b' => Some('\u{8}'),
                    b'e' | b'E' => Some('\u{1b}'),
                    b'f' => Some('\u{c}'),
                    b'n' => Some('\n'),
                    b'r' => Some('\r'),
                    b't' => Some('\t'),
                    b'v' => Some('\u{b}'),
                    b'\\' | b'\'' | b'"' | b'?' => Some(e as char),
                    _ => None,
                };
                if let Some(ch) = simple {
                    out.push(ch);
                    continue;
                }
                let (radix, max, first) = match e {
                    b'x' => (16, 2, i),
                    b'u' => (16, 4, i),
                    b'U' => (16, 8, i),
                    b'0'..=b'7' => (8, 3, i - 1),
                    b'c' if i < end => {
                        out.push(char::from(b[i] & 0x1f));
                        i += 1;
                        continue;
                    }
                    _ => {
                        out.push('\\');
                        out.push(e as char);
                        continue;
                    }
                };
                let digits = b[first..end]
                    .iter()
                    .take(max)
                    .take_while(|d| (**d as char).is_digit(radix))
                    .count();
                if digits == 0 {
                    out.push('\\');
                    out.push(e as char);
                    continue;
                }
                let n = u32::from_str_radix(&src[first..first + digits], radix).unwrap_or(0);
                if matches!(e, b'x' | b'0'..=b'7') {
                    // A byte: bash writes it as is; a lone byte over 0x7F is no character.
                    out.push(
                        char::from_u32(n & 0xff)
                            .filter(|_| n < 0x80)
                            .unwrap_or('\u{FFFD}'),
                    );
                } else {
                    out.push(char::from_u32(n).unwrap_or('\u{FFFD}'));
                }
                i = first + digits;
            }
            _ => {
                let ch = src[i..end].chars().next()?;
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(src: &str) -> Vec<Vec<String>> {
        lex(src)
            .unwrap()
            .commands
            .into_iter()
            .map(|c| c.into_iter().map(|w| w.text).collect())
            .collect()
    }

    #[test]
    fn heredocs_are_data() {
        let src = "cat <<'EOF' > usage.txt\nit's aliyun ecs ImportImage --x\n# importimage-lint: ignore\nEOF\necho done 2>&1\n";
        assert_eq!(words(src), [vec!["cat"], vec!["echo", "done"]]);
        let s = lex(src).unwrap();
        assert!(s.comments.is_empty());
        assert_eq!(s.heredocs.len(), 1);
        let tabs = "cat <<-END\n\tEND\necho after\n";
        assert_eq!(words(tabs), [vec!["cat"], vec!["echo", "after"]]);
    }

    #[test]
    fn quoting_forms() {
        assert_eq!(
            words("a $'x\\ty\\'z\\x41\\u00e9' \"p q\"'r'\n"),
            [vec!["a", "x\ty'zAé", "p qr"]]
        );
        assert_eq!(words("a `# a comment` \\\n  b\n"), [vec!["a", "b"]]);
        assert_eq!(words("a \"$(echo \"x y\")\" ${V:-a b} c\n").len(), 2);
    }
}
