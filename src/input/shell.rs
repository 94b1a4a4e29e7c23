//! Shell scripts: every `aliyun ecs ImportImage` command line, read into the request the
//! aliyun CLI sends, with the span of each value.
//!
//! The script is split into words as a POSIX shell does for the parts that matter here:
//! blank space, `\` line continuations, '…' and "…" quoting (with its `\` escapes), `#`
//! comments, and `;`, `&`, `|`, `(`, `)` and line ends between commands; `$(…)` and `` `…` ``
//! hold commands of their own. After `aliyun ecs ImportImage`, `--Name value` and
//! `--Name=value` with an upper-case `Name` are API parameters (the CLI sends them as
//! written); lower-case flags are the CLI's own (`--region` gives RegionId when `--RegionId`
//! is absent, as the CLI does). A value that holds `$` expansions or a command substitution
//! is not guessed: a note says so, and findings about it are left out.

use std::borrow::Cow;

use super::{Entry, Name, Parsed, Suppression, Unknown, Value};
use crate::diagnostic::Finding;
use crate::message::Msg;

/// The aliyun CLI's own flags that take a value (the next word, or `=value`).
const FLAGS_WITH_VALUE: &[&str] = &[
    "region",
    "profile",
    "endpoint",
    "version",
    "output",
    "header",
    "body",
    "body-file",
    "mode",
    "access-key-id",
    "access-key-secret",
    "sts-token",
    "ram-role-name",
    "ram-role-arn",
    "role-session-name",
    "private-key",
    "key-pair-name",
    "config-path",
    "retry-count",
    "connect-timeout",
    "read-timeout",
    "language",
    "method",
    "expire-in",
    "waiter",
    "pager",
    "user-agent",
    "source-profile",
    "external-id",
    "oidc-provider-arn",
    "oidc-token-file",
    "cli-query",
];

/// A shell word: its text as the shell passes it, where it is, and whether its value is
/// known before the script runs.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    span: (usize, usize),
    literal: bool,
}

/// One `aliyun ecs ImportImage` command: where `aliyun … ImportImage` is written, and the
/// request it sends.
pub(crate) struct Command<'a> {
    pub header: (usize, usize),
    pub parsed: Parsed<'a>,
}

/// A script split: its commands of words, and its comments.
type Lexed = (Vec<Vec<Word>>, Vec<(usize, usize)>);

/// Splits a script into commands of words; `Err` at an unclosed quote.
fn commands(src: &str) -> Result<Lexed, Box<Finding<'static>>> {
    let b = src.as_bytes();
    let mut done: Vec<Vec<Word>> = Vec::new();
    let mut comments = Vec::new();
    // A stack of (command, word being read) for `$(…)` and backquotes.
    let mut stack: Vec<(Vec<Word>, Option<Word>, u8)> = Vec::new();
    let mut cmd: Vec<Word> = Vec::new();
    let mut word: Option<Word> = None;
    let end_word = |cmd: &mut Vec<Word>, word: &mut Option<Word>| {
        if let Some(w) = word.take() {
            cmd.push(w);
        }
    };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\\' if b.get(i + 1) == Some(&b'\n') => {
                i += 2;
                continue;
            }
            b'\\' if b.get(i + 1) == Some(&b'\r') && b.get(i + 2) == Some(&b'\n') => {
                i += 3;
                continue;
            }
            b'\\' => {
                let ch = src[i + 1..].chars().next();
                let x = w(&mut word, i);
                if let Some(ch) = ch {
                    x.text.push(ch);
                    i += 1 + ch.len_utf8();
                } else {
                    i += 1;
                }
                x.span.1 = i;
                continue;
            }
            b' ' | b'\t' | b'\r' => end_word(&mut cmd, &mut word),
            b'\n' | b';' | b'&' | b'|' | b'(' => {
                end_word(&mut cmd, &mut word);
                done.push(std::mem::take(&mut cmd));
            }
            b'#' if word.is_none() => {
                let e = src[i..].find('\n').map_or(src.len(), |n| i + n);
                comments.push((i, e));
                i = e;
                continue;
            }
            b')' | b'`' if stack.last().is_some_and(|s| s.2 == c) => {
                end_word(&mut cmd, &mut word);
                done.push(std::mem::take(&mut cmd));
                let (outer, mut outer_word, _) = stack.pop().unwrap_or_default();
                cmd = outer;
                let x = w(&mut outer_word, i);
                x.literal = false;
                x.span.1 = i + 1;
                word = outer_word;
            }
            b')' => {
                end_word(&mut cmd, &mut word);
                done.push(std::mem::take(&mut cmd));
            }
            b'`' => {
                w(&mut word, i);
                stack.push((std::mem::take(&mut cmd), word.take(), b'`'));
            }
            b'$' if b.get(i + 1) == Some(&b'(') => {
                w(&mut word, i);
                stack.push((std::mem::take(&mut cmd), word.take(), b')'));
                i += 2;
                continue;
            }
            b'$' if b
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || b"_{@*#?$!-'".contains(n)) =>
            {
                let x = w(&mut word, i);
                x.literal = false;
                x.text.push('$');
                x.span.1 = i + 1;
            }
            b'\'' => {
                let Some(close) = src[i + 1..].find('\'') else {
                    return Err(Box::new(Finding::invalid_input(
                        Msg::ShellUnclosedQuote { quote: '\'' },
                        (i, i + 1),
                    )));
                };
                let x = w(&mut word, i);
                x.text.push_str(&src[i + 1..i + 1 + close]);
                i += close + 2;
                x.span.1 = i;
                continue;
            }
            b'"' => {
                let x = w(&mut word, i);
                let mut j = i + 1;
                loop {
                    match b.get(j) {
                        None => {
                            return Err(Box::new(Finding::invalid_input(
                                Msg::ShellUnclosedQuote { quote: '"' },
                                (i, i + 1),
                            )))
                        }
                        Some(b'"') => break,
                        Some(b'\\') if b.get(j + 1).is_some_and(|n| b"\"\\$`\n".contains(n)) => {
                            if b[j + 1] != b'\n' {
                                x.text.push(b[j + 1] as char);
                            }
                            j += 2;
                        }
                        Some(b'$' | b'`') => {
                            x.literal = false;
                            x.text.push(b[j] as char);
                            j += 1;
                        }
                        Some(_) => {
                            let ch = src[j..].chars().next().unwrap_or('\u{FFFD}');
                            x.text.push(ch);
                            j += ch.len_utf8();
                        }
                    }
                }
                i = j + 1;
                x.span.1 = i;
                continue;
            }
            _ => {
                let ch = src[i..].chars().next().unwrap_or('\u{FFFD}');
                let x = w(&mut word, i);
                x.text.push(ch);
                i += ch.len_utf8();
                x.span.1 = i;
                continue;
            }
        }
        i += 1;
    }
    end_word(&mut cmd, &mut word);
    done.push(cmd);
    for (c, w, _) in stack {
        done.push(c);
        if let Some(w) = w {
            done.push(vec![w]);
        }
    }
    Ok((done, comments))
}

/// The word being read, started at `at` if none is.
fn w(word: &mut Option<Word>, at: usize) -> &mut Word {
    word.get_or_insert(Word {
        text: String::new(),
        span: (at, at),
        literal: true,
    })
}

/// Whether a word runs the aliyun CLI (`aliyun`, or a path to it).
fn is_aliyun(w: &Word) -> bool {
    w.literal && (w.text == "aliyun" || w.text.ends_with("/aliyun"))
}

/// Reads every `aliyun ecs ImportImage` command of a script.
pub(crate) fn read(src: &str) -> Result<Vec<Command<'_>>, Box<Finding<'static>>> {
    let (commands, comments) = commands(src)?;
    let mut suppressions =
        super::comments::suppressions(src, &comments, src.len(), |l| l.starts_with('#'));
    // "The next line" is the next command line, with its `\` continuations.
    for s in &mut suppressions {
        if let Some((_, end)) = s.range.as_mut() {
            while src[..*end].trim_end_matches(['\n', '\r']).ends_with('\\') && *end < src.len() {
                *end = src[*end..].find('\n').map_or(src.len(), |i| *end + i + 1);
            }
        }
    }
    let mut out = Vec::new();
    for words in commands {
        let Some(at) = words.iter().position(is_aliyun) else {
            continue;
        };
        let (Some(product), Some(api)) = (words.get(at + 1), words.get(at + 2)) else {
            continue;
        };
        if !product.text.eq_ignore_ascii_case("ecs") || api.text != "ImportImage" {
            continue;
        }
        let header = (words[at].span.0, api.span.1);
        out.push(command(src, header, &words[at + 3..], suppressions.clone()));
    }
    Ok(out)
}

fn command<'a>(
    src: &'a str,
    header: (usize, usize),
    args: &[Word],
    suppressions: Vec<Suppression>,
) -> Command<'a> {
    let mut parsed = Parsed {
        root: Some(header),
        suppressions,
        ..Parsed::default()
    };
    let mut unknown = Unknown::default();
    let mut region_flag: Option<(String, (usize, usize))> = None;
    let mut region_unknown = false;
    let mut i = 0;
    while i < args.len() {
        let flag = &args[i];
        i += 1;
        let Some(name) = flag.text.strip_prefix("--").filter(|_| flag.literal) else {
            continue;
        };
        let (name, inline) = match name.split_once('=') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (name.to_owned(), None),
        };
        let api = name.starts_with(|c: char| c.is_ascii_uppercase());
        if !api && inline.is_none() && !FLAGS_WITH_VALUE.contains(&name.as_str()) {
            continue; // a switch: --force, --dryrun, --quiet, …
        }
        // The value: after `=` in the same word, else the next word (unless it is a flag).
        let (value, span, literal) = match inline {
            Some(v) => {
                let prefix = format!("--{name}=");
                let start = if src[flag.span.0..].starts_with(&prefix) {
                    flag.span.0 + prefix.len()
                } else {
                    flag.span.0
                };
                (v, (start, flag.span.1), flag.literal)
            }
            None => match args.get(i) {
                Some(next) if !(next.literal && next.text.starts_with("--")) => {
                    i += 1;
                    (next.text.clone(), next.span, next.literal)
                }
                _ => (String::new(), flag.span, true),
            },
        };
        if !api {
            if name == "region" {
                if literal {
                    region_flag = Some((value, span));
                } else {
                    region_unknown = true;
                }
            }
            continue;
        }
        if !literal {
            unknown.value(&mut parsed, name, &src[span.0..span.1], Some(span));
            continue;
        }
        parsed.entries.push(Entry {
            name: Name::flat(name),
            value: Value::Str(Cow::Owned(value)),
            key_span: Some(flag.span),
            value_span: Some(span),
        });
    }
    let has_region =
        parsed.entries.iter().any(|e| e.name.head == "RegionId") || unknown.has("RegionId");
    if !has_region {
        match region_flag {
            Some((value, span)) if !region_unknown => parsed.entries.push(Entry {
                name: Name::flat("RegionId"),
                value: Value::Str(Cow::Owned(value)),
                key_span: Some(span),
                value_span: Some(span),
            }),
            _ => unknown.region(&mut parsed, header),
        }
    }
    unknown.finish(&mut parsed);
    Command { header, parsed }
}
