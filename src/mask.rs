//! Credential values in any text the linter reads, found by their names alone so that
//! every output can mask them, even for text that does not parse.
//!
//! A value is secret when its name is a credential: `AccessKeyId`, `AccessKeySecret`,
//! `Signature`, `SecurityToken`, `BearerToken`, `Authorization`, the aliyun CLI's
//! `--access-key-id`, `--access-key-secret`, `--sts-token`, `--private-key` and
//! `--bearer-token`, the Terraform provider's `access_key`, `secret_key` and
//! `security_token`, the `ALIBABA_CLOUD_*` / `ALICLOUD_*` variables of these, or any name
//! holding `secret` or `password` (letter case, `-` and `_` do not matter). Names are
//! recognised in every syntax the readers take:
//!
//! | syntax | form | the value masked |
//! |---|---|---|
//! | JSON | `"Name": value` | a string's content, or the token |
//! | query string | `Name=value` | up to `&`, `#` or the line's end |
//! | shell | `NAME=value` (an assignment), `--name value`, `--name=value`, `--name:value` | the whole shell word, quotes included |
//! | HCL | `name = value`, `"name" = value` | a string's content, a heredoc's body, else the expression to the line's end |
//!
//! Whole values are masked, never a tail or a head of one.

use std::ops::Range;

/// Credential names, compared with letter case, `-` and `_` ignored.
const NAMES: &[&str] = &[
    "accesskeyid",
    "accesskeysecret",
    "signature",
    "securitytoken",
    "bearertoken",
    "authorization",
    "accesskey",
    "ststoken",
    "privatekey",
];

/// Prefixes of the environment variables Alibaba Cloud's tools read, ignored before the
/// name is compared (`ALIBABA_CLOUD_ACCESS_KEY_SECRET` is `access_key_secret`).
const PREFIXES: &[&str] = &["alibabacloud", "alicloud", "aliyun"];

/// Whether a parameter, flag, attribute or variable name names a credential.
///
/// ```
/// use importimage_lint::mask::is_secret_name;
/// assert!(is_secret_name("securityToken") && is_secret_name("db_password"));
/// assert!(is_secret_name("access-key-secret") && is_secret_name("ALIBABA_CLOUD_SECURITY_TOKEN"));
/// assert!(is_secret_name("access_key") && is_secret_name("ALICLOUD_SECRET_KEY"));
/// assert!(!is_secret_name("ClientToken") && !is_secret_name("ImageName"));
/// assert!(!is_secret_name("ALIBABA_CLOUD_REGION_ID") && !is_secret_name("oidc-token-file"));
/// ```
pub fn is_secret_name(name: &str) -> bool {
    // Names are short: normalise into a buffer on the stack (every word of a script is
    // asked about).
    let mut buf = [0u8; 96];
    let mut len = 0;
    for b in name.bytes().filter(|b| *b != b'-' && *b != b'_') {
        if len == buf.len() {
            break;
        }
        buf[len] = b.to_ascii_lowercase();
        len += 1;
    }
    let mut n = &buf[..len];
    if let Some(p) = PREFIXES.iter().find(|p| n.starts_with(p.as_bytes())) {
        n = &n[p.len()..];
    }
    let has = |w: &[u8]| n.windows(w.len()).any(|x| x == w);
    NAMES.iter().any(|x| x.as_bytes() == n) || has(b"secret") || has(b"password")
}

/// The byte ranges of secret values in `text`, in order and not overlapping (see the
/// module's table for what each syntax masks).
///
/// ```
/// let text = r#"{"AccessKeyId": "LTAI5tExample", "ImageName": "web"}"#;
/// let ranges = importimage_lint::mask::secret_ranges(text);
/// assert_eq!(&text[ranges[0].clone()], "LTAI5tExample");
/// let q = "RegionId=cn-hangzhou&Signature=abc%2F1&ImageName=web";
/// assert_eq!(&q[importimage_lint::mask::secret_ranges(q)[0].clone()], "abc%2F1");
/// let sh = "aliyun ecs ImportImage --access-key-secret 'k 1' --ImageName web";
/// assert_eq!(&sh[importimage_lint::mask::secret_ranges(sh)[0].clone()], "'k 1'");
/// let tf = "provider \"alicloud\" {\n  secret_key = \"s3cr3t\"\n}\n";
/// assert_eq!(&tf[importimage_lint::mask::secret_ranges(tf)[0].clone()], "s3cr3t");
/// ```
pub fn secret_ranges(text: &str) -> Vec<Range<usize>> {
    secrets(text).into_iter().map(|s| s.value).collect()
}

/// How a secret's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Written {
    /// A literal: its value is in the text.
    Literal,
    /// Something the tool computes when it runs (`$VAR`, `$(…)`, `var.x`, `${…}`,
    /// Packer's `{{user `x`}}`).
    Computed,
}

/// One credential value found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Secret {
    /// The name as written (`--access-key-secret`, `secret_key`, `AccessKeyId`).
    pub name: Range<usize>,
    /// The value as written, quotes included for shell words.
    pub value: Range<usize>,
    /// Whether the value is a literal.
    pub written: Written,
}

/// Every credential value of `text`: the name, the value, and whether it is a literal.
///
/// ```
/// use importimage_lint::mask::{secrets, Written};
/// let sh = "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5t aliyun ecs ImportImage --sts-token \"$TOKEN\"";
/// let found = secrets(sh);
/// assert_eq!((&sh[found[0].name.clone()], found[0].written), ("ALIBABA_CLOUD_ACCESS_KEY_ID", Written::Literal));
/// assert_eq!((&sh[found[1].name.clone()], found[1].written), ("--sts-token", Written::Computed));
/// ```
pub fn secrets(text: &str) -> Vec<Secret> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match key_at(b, i) {
            Some((key, after, Style::Attribute)) if &text[key.clone()] == "variable" => {
                match variable_default(text, after) {
                    Some(s) => {
                        i = s.value.end.max(after);
                        out.push(s);
                    }
                    None => i = after,
                }
            }
            Some((key, after, style)) => {
                let name = &text[key.clone()];
                let bare = name.trim_start_matches('-');
                let last = if style == Style::Query || style == Style::Quoted {
                    bare.rsplit('.').next().unwrap_or(bare)
                } else {
                    bare
                };
                if !last.is_empty() && is_secret_name(last) {
                    if let Some((value, written)) = value_of(text, after, style) {
                        if !value.is_empty() {
                            let name = if style == Style::Flag {
                                key.start.saturating_sub(2)..key.end
                            } else {
                                key.clone()
                            };
                            i = value.end.max(after);
                            out.push(Secret {
                                name,
                                value,
                                written,
                            });
                            continue;
                        }
                    }
                }
                i = after.max(i + 1);
            }
            None => i += 1,
        }
    }
    // A credential computed from a variable (`var.ak` in HCL, `{{user `ak`}}` in a Packer
    // JSON template) has its value where the variable is defined: that is a credential too.
    let names = referenced_variables(text, &out);
    if !names.is_empty() {
        out.extend(variable_values(text, &names));
        out.sort_by_key(|s| (s.value.start, s.value.end));
        let mut end = 0;
        out.retain(|s| {
            let keep = s.value.start >= end || s.value.is_empty();
            end = end.max(s.value.end);
            keep
        });
    }
    out
}

/// The `default` of a Terraform `variable "NAME" { … }` block whose NAME is a credential
/// name (`variable "secret_key" { default = "…" }`), the block's label starting after `at`.
fn variable_default(text: &str, at: usize) -> Option<Secret> {
    variable_default_of(text, at, true)
}

/// The `default` of a `variable "NAME" { … }` block, the label starting after `at`; only
/// when NAME is a credential name if `secret_names_only`.
fn variable_default_of(text: &str, at: usize, secret_names_only: bool) -> Option<Secret> {
    let b = text.as_bytes();
    let open = skip_blank(b, at, false);
    if b.get(open) != Some(&b'"') {
        return None;
    }
    let close = string_end(b, open + 1, b'"');
    let label = open + 1..close;
    let brace = skip_blank(b, close + 1, false);
    if b.get(brace) != Some(&b'{')
        || (secret_names_only && !is_secret_name(text.get(label.clone())?))
    {
        return None;
    }
    // The block's attributes, up to its closing brace (strings skipped).
    let mut depth = 0usize;
    let mut k = brace;
    while k < b.len() {
        match b[k] {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return None;
                }
            }
            b'"' => k = string_end(b, k + 1, b'"'),
            b'd' if depth == 1 && b[k..].starts_with(b"default") && is_boundary(b[k - 1]) => {
                if let Some((value, written)) = value_of(text, k + 7, Style::Attribute) {
                    return Some(Secret {
                        name: label,
                        value,
                        written,
                    });
                }
            }
            _ => {}
        }
        k += 1;
    }
    None
}

/// How a name is written, which says how its value ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `"Name"` (JSON, HCL).
    Quoted,
    /// `Name=` in a query string (CamelCase, dotted).
    Query,
    /// `NAME=` or `name=`: a shell assignment.
    Assign,
    /// `name = ` (HCL, with blank space around `=`).
    Attribute,
    /// `--name` (a command-line flag).
    Flag,
}

fn is_key_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')
}

/// Characters before which a bare name may start.
fn is_boundary(c: u8) -> bool {
    matches!(
        c,
        b'&' | b'?' | b'\n' | b'\r' | b' ' | b'\t' | b';' | b'(' | b'{' | b',' | b'|' | b'`'
    )
}

/// A name starting at `i`: its range, where the text after it starts, and its style.
fn key_at(b: &[u8], i: usize) -> Option<(Range<usize>, usize, Style)> {
    let at_boundary = i == 0 || is_boundary(b[i - 1]);
    if b[i] == b'"' {
        let start = i + 1;
        let end = start + b[start..].iter().take_while(|&&c| is_key_byte(c)).count();
        return (end > start && b.get(end) == Some(&b'"')).then_some((
            start..end,
            end + 1,
            Style::Quoted,
        ));
    }
    if b[i] == b'-' && b.get(i + 1) == Some(&b'-') {
        // A flag may also be a quoted word of its own (`"--sts-token=…"`).
        if !(at_boundary || matches!(b[i - 1], b'"' | b'\'')) {
            return None;
        }
        let start = i + 2;
        let end = start + b[start..].iter().take_while(|&&c| is_key_byte(c)).count();
        return (end > start && b[start] != b'-').then_some((start..end, end, Style::Flag));
    }
    if !at_boundary {
        return None;
    }
    if !(b[i].is_ascii_alphabetic() || b[i] == b'_') {
        return None;
    }
    let end = i + b[i..].iter().take_while(|&&c| is_key_byte(c)).count();
    let name = &b[i..end];
    let style = match b.get(end) {
        Some(b'=') if name.iter().any(|&c| c == b'_' || c == b'-') => Style::Assign,
        Some(b'=') => Style::Query,
        Some(b' ' | b'\t') => Style::Attribute,
        _ => return Some((i..end, end, Style::Query)),
    };
    Some((i..end, end, style))
}

fn skip_blank(b: &[u8], mut j: usize, continuations: bool) -> usize {
    loop {
        match b.get(j) {
            Some(b' ' | b'\t') => j += 1,
            Some(b'\\') if continuations && b.get(j + 1) == Some(&b'\n') => j += 2,
            Some(b'\\') if continuations && b.get(j + 1) == Some(&b'\r') => j += 3,
            _ => return j,
        }
    }
}

/// The value after a name whose text ends at `j`, and whether it is a literal.
fn value_of(text: &str, j: usize, style: Style) -> Option<(Range<usize>, Written)> {
    let b = text.as_bytes();
    let r = value_range(text, j, style)?;
    let v = &text[r.clone()];
    let computed = match style {
        Style::Query => false,
        Style::Quoted | Style::Attribute if r.start > 0 && b[r.start - 1] == b'"' => {
            // HCL interpolation and directives; `{{…}}`, a template Packer renders.
            v.contains("${") || v.contains("%{") || v.contains("{{")
        }
        Style::Quoted => false,
        // A heredoc's body (after a line break) is literal text; anything else is an
        // expression, literal only when it is a number or a boolean.
        Style::Attribute => {
            let heredoc = r.start > 0 && b[r.start - 1] == b'\n';
            let number = v.bytes().all(|c| c.is_ascii_digit() || c == b'.');
            !(heredoc || number) && v != "true" && v != "false"
        }
        Style::Assign | Style::Flag => shell_expands(v),
    };
    let written = if computed {
        Written::Computed
    } else {
        Written::Literal
    };
    Some((r, written))
}

/// The value's range after a name whose text ends at `j`.
fn value_range(text: &str, j: usize, style: Style) -> Option<Range<usize>> {
    let b = text.as_bytes();
    match style {
        Style::Quoted => {
            let k = skip_ws(b, j);
            if !matches!(b.get(k), Some(b':' | b'=')) {
                return None;
            }
            let k = skip_ws(b, k + 1);
            if b.get(k) == Some(&b'"') {
                return Some(k + 1..string_end(b, k + 1, b'"'));
            }
            if b.get(k) == Some(&b'<') {
                return heredoc(text, k);
            }
            let end = k + b[k..]
                .iter()
                .take_while(|c| !matches!(c, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'))
                .count();
            Some(k..end)
        }
        Style::Query => {
            if b.get(j) != Some(&b'=') {
                return None;
            }
            let start = j + 1;
            let end = start
                + b[start..]
                    .iter()
                    .take_while(|c| !matches!(c, b'&' | b'#' | b'\n' | b'\r'))
                    .count();
            Some(start..end)
        }
        Style::Assign => Some(j + 1..shell_word_end(b, j + 1)),
        Style::Attribute => {
            let k = skip_blank(b, j, false);
            if b.get(k) != Some(&b'=') || b.get(k + 1) == Some(&b'=') {
                return None;
            }
            let k = skip_blank(b, k + 1, false);
            match b.get(k) {
                Some(b'"') => Some(k + 1..string_end(b, k + 1, b'"')),
                Some(b'<') if b.get(k + 1) == Some(&b'<') => heredoc(text, k),
                Some(b'\n' | b'\r') | None => None,
                Some(_) => {
                    let end = k + b[k..]
                        .iter()
                        .take_while(|c| !matches!(c, b'\n' | b'\r'))
                        .count();
                    Some(k..text[k..end].trim_end().len() + k)
                }
            }
        }
        Style::Flag => match b.get(j) {
            Some(b'=' | b':') => Some(j + 1..shell_word_end(b, j + 1)),
            Some(b' ' | b'\t' | b'\\') => {
                let k = skip_blank(b, j, true);
                let word = &b[k..];
                let is_flag = word.first() == Some(&b'-') && !word.starts_with(b"---");
                if k == j || is_flag || matches!(word.first(), None | Some(b'\n' | b'\r')) {
                    return None;
                }
                if matches!(word.first(), Some(b';' | b'&' | b'|' | b')' | b'#')) {
                    return None;
                }
                Some(k..shell_word_end(b, k))
            }
            _ => None,
        },
    }
}

fn skip_ws(b: &[u8], mut j: usize) -> usize {
    while matches!(b.get(j), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        j += 1;
    }
    j
}

/// Where a string that opened before `start` closes (the closing quote's offset), `\`
/// escaping the next byte; the text's end when it never closes.
fn string_end(b: &[u8], start: usize, quote: u8) -> usize {
    let mut k = start;
    while k < b.len() && b[k] != quote {
        k += if b[k] == b'\\' && quote == b'"' { 2 } else { 1 };
    }
    k.min(b.len())
}

/// Where a shell word starting at `start` ends: at unquoted blank space or an operator;
/// quoted parts (`'…'`, `"…"`, `$'…'`) and `\` escapes belong to it.
fn shell_word_end(b: &[u8], start: usize) -> usize {
    let mut k = start;
    while k < b.len() {
        match b[k] {
            b' ' | b'\t' | b'\n' | b'\r' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')' => break,
            b'\'' => k = string_end(b, k + 1, b'\'') + 1,
            b'"' => k = string_end(b, k + 1, b'"') + 1,
            b'$' if b.get(k + 1) == Some(&b'\'') => {
                let mut m = k + 2;
                while m < b.len() && b[m] != b'\'' {
                    m += if b[m] == b'\\' { 2 } else { 1 };
                }
                k = m + 1;
            }
            b'$' if b.get(k + 1) == Some(&b'(') => {
                let mut depth = 0usize;
                while k < b.len() {
                    match b[k] {
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    k += 1;
                }
                k += 1;
            }
            b'`' => k = string_end(b, k + 1, b'`') + 1,
            b'\\' => k += 2,
            _ => k += 1,
        }
    }
    k.min(b.len())
}

/// The body of a heredoc (`<<EOT` or `<<-EOT`) whose `<<` is at `k`: from the line after
/// it up to its closing line.
fn heredoc(text: &str, k: usize) -> Option<Range<usize>> {
    let rest = text[k..].strip_prefix("<<")?;
    let rest = rest.strip_prefix(['-', '~']).unwrap_or(rest);
    let tag: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if tag.is_empty() {
        return None;
    }
    let body = text[k..].find('\n').map(|n| k + n + 1)?;
    let mut at = body;
    for line in text[body..].split_inclusive('\n') {
        if line.trim() == tag {
            return Some(body..at);
        }
        at += line.len();
    }
    Some(body..text.len())
}

/// Whether a shell word expands when it runs: `$` or a backquote outside '…'.
fn shell_expands(value: &str) -> bool {
    let b = value.as_bytes();
    let mut k = 0;
    while k < b.len() {
        match b[k] {
            b'\'' => k = string_end(b, k + 1, b'\'') + 1,
            b'\\' => k += 2,
            b'$' if b.get(k + 1) == Some(&b'\'') => k = string_end(b, k + 2, b'\'') + 1,
            b'$' | b'`' => return true,
            _ => k += 1,
        }
    }
    false
}

/// `text` with every secret value replaced by `*` (one per character, so that columns
/// and the positions of everything else stay the same).
///
/// ```
/// let masked = importimage_lint::mask::masked("SecurityToken=abc&ImageName=web");
/// assert_eq!(masked, "SecurityToken=***&ImageName=web");
/// ```
pub fn masked(text: &str) -> String {
    mask_ranges(text, &secret_ranges(text))
}

/// `text` with the given byte ranges replaced by `*`, one per character.
pub fn mask_ranges(text: &str, ranges: &[Range<usize>]) -> String {
    if ranges.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in ranges {
        let (start, end) = (r.start.max(at), r.end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[at..start]);
        out.extend(
            text[start..end]
                .chars()
                .map(|c| if c == '\n' { c } else { '*' }),
        );
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

#[path = "mask_vars.rs"]
mod vars;
use vars::{referenced_variables, variable_values};

#[path = "mask_scrub.rs"]
mod scrub;
pub(crate) use scrub::literal_finding;
pub use scrub::{scrub, scrub_diagnostic, secret_values, values_of};

#[cfg(test)]
#[path = "mask_tests.rs"]
mod tests;
