//! Credential values in request text, found by their names alone so that every output can
//! mask them, even for text that does not parse as a request.
//!
//! A value is secret when its key is a credential name (`AccessKeyId`, `AccessKeySecret`,
//! `Signature`, `SecurityToken`, `BearerToken`, `Authorization`), in any letter case, or
//! holds `secret` or `password`. Keys are recognised as JSON keys (`"Name": value`) and as
//! query keys (`Name=value`).

use std::ops::Range;

const NAMES: &[&str] = &[
    "AccessKeyId",
    "AccessKeySecret",
    "Signature",
    "SecurityToken",
    "BearerToken",
    "Authorization",
];

/// Whether a parameter name names a credential.
///
/// ```
/// use importimage_lint::mask::is_secret_name;
/// assert!(is_secret_name("securityToken") && is_secret_name("db_password"));
/// assert!(!is_secret_name("ClientToken") && !is_secret_name("ImageName"));
/// ```
pub fn is_secret_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
        || lower.contains("secret")
        || lower.contains("password")
}

/// The byte ranges of secret values in `text`: the content of a JSON string (or the
/// token of another JSON value) after a credential key, or a query value after one.
///
/// ```
/// let text = r#"{"AccessKeyId": "LTAI5tExample", "ImageName": "web"}"#;
/// let ranges = importimage_lint::mask::secret_ranges(text);
/// assert_eq!(&text[ranges[0].clone()], "LTAI5tExample");
/// let q = "RegionId=cn-hangzhou&Signature=abc%2F1&ImageName=web";
/// assert_eq!(&q[importimage_lint::mask::secret_ranges(q)[0].clone()], "abc%2F1");
/// ```
pub fn secret_ranges(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let key_start = i;
        let quoted = b[i] == b'"';
        if quoted || b[i].is_ascii_alphabetic() {
            let start = if quoted { i + 1 } else { i };
            let mut j = start;
            while j < b.len()
                && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'-' || b[j] == b'.')
            {
                j += 1;
            }
            let key = &text[start..j];
            let boundary = quoted
                || key_start == 0
                || matches!(
                    b[key_start - 1],
                    b'&' | b'?' | b'\n' | b'\r' | b' ' | b'\t' | b';' | b'.'
                );
            let last = key.rsplit('.').next().unwrap_or(key);
            if boundary && !key.is_empty() && is_secret_name(last) {
                if let Some(r) = value_after(b, j, quoted) {
                    if !r.is_empty() {
                        i = r.end.max(j);
                        out.push(r);
                        continue;
                    }
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// The value after a key ending at `j`: `": "…"` for a quoted key, `=…` for a bare one.
fn value_after(b: &[u8], mut j: usize, quoted: bool) -> Option<Range<usize>> {
    if quoted {
        if b.get(j) != Some(&b'"') {
            return None;
        }
        j += 1;
        while matches!(b.get(j), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            j += 1;
        }
        if b.get(j) != Some(&b':') {
            return None;
        }
        j += 1;
        while matches!(b.get(j), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            j += 1;
        }
        if b.get(j) == Some(&b'"') {
            let start = j + 1;
            let mut k = start;
            while k < b.len() && b[k] != b'"' {
                k += if b[k] == b'\\' { 2 } else { 1 };
            }
            return Some(start..k.min(b.len()));
        }
        let start = j;
        let mut k = start;
        while k < b.len() && !matches!(b[k], b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
            k += 1;
        }
        return Some(start..k);
    }
    if b.get(j) != Some(&b'=') {
        return None;
    }
    let start = j + 1;
    let mut k = start;
    while k < b.len() && !matches!(b[k], b'&' | b'#' | b'\n' | b'\r') {
        k += 1;
    }
    Some(start..k)
}

/// `text` with every secret value replaced by `*` (one per character, so that columns
/// and the positions of everything else stay the same).
///
/// ```
/// let masked = importimage_lint::mask::masked("SecurityToken=abc&ImageName=web");
/// assert_eq!(masked, "SecurityToken=***&ImageName=web");
/// ```
pub fn masked(text: &str) -> String {
    let ranges = secret_ranges(text);
    if ranges.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in ranges {
        out.push_str(&text[at..r.start]);
        out.extend(text[r.clone()].chars().map(|_| '*'));
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_values_in_every_form() {
        let cases = [
            (r#"{"SecurityToken":"tok\"en"}"#, "tok\\\"en"),
            ("{\n  \"bearerToken\" :\n  \"b1\" }", "b1"),
            ("Action=ImportImage&AccessKeySecret=s3cr3t#x", "s3cr3t"),
            ("?Signature=sig&x=1", "sig"),
            (r#"{"AccessKeyId": 12345}"#, "12345"),
            (r#"{"Features.db_password": "pw"}"#, "pw"),
        ];
        for (text, secret) in cases {
            let r = secret_ranges(text);
            assert_eq!(r.len(), 1, "{text}");
            assert_eq!(&text[r[0].clone()], secret, "{text}");
        }
        assert!(
            secret_ranges(r#"{"ClientToken": "abc", "Description": "Signature=x"}"#).is_empty()
        );
        assert!(secret_ranges(r#"{"ImageName": "AccessKeyId"}"#).is_empty());
    }

    #[test]
    fn masking_keeps_columns() {
        let text = "{\"AccessKeyId\": \"密钥abc\"}";
        let m = masked(text);
        assert_eq!(m.chars().count(), text.chars().count());
        assert!(!m.contains("密钥abc"));
    }
}
