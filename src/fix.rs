//! Applying fixes: the text of a request with every certain fix written in, every other
//! byte kept (line endings, byte order mark, spacing, key order).

use crate::report::Report;

/// The text with every fix of the report applied, or `None` when nothing changes. A JSON
/// string value stays a JSON string (escaped as needed), a JSON number a number; a query
/// value is percent-encoded. Fixes whose spans overlap keep the first.
///
/// ```
/// let src = r#"{"RegionId": "cn-hangzhou", "OSType": "linux", "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#;
/// let fixed = importimage_lint::apply_fixes(src, &importimage_lint::lint_str(src)).unwrap();
/// assert!(fixed.contains(r#""OSType": "Linux""#));
/// ```
pub fn apply_fixes(source: &str, report: &Report) -> Option<String> {
    let json = source
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .starts_with('{');
    let edits: Vec<(usize, usize, String)> = report
        .diagnostics
        .iter()
        .filter_map(|d| {
            let (fix, span) = (d.fix.as_ref()?, d.span?);
            let old = source.get(span.start..span.end)?;
            let new = if json {
                json_value(old, fix)
            } else {
                percent_encode(fix, b":/")
            };
            (new != old).then_some((span.start, span.end, new))
        })
        .collect();
    splice(source, edits)
}

/// `source` with each byte range replaced by its text; of overlapping ranges the first is
/// kept. `None` when there is nothing to replace.
pub(crate) fn splice(source: &str, mut edits: Vec<(usize, usize, String)>) -> Option<String> {
    edits.sort_by_key(|e| (e.0, e.1));
    edits.dedup_by(|b, a| b.0 < a.1);
    if edits.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for (start, end, new) in edits {
        out.push_str(&source[at..start]);
        out.push_str(&new);
        at = end;
    }
    out.push_str(&source[at..]);
    Some(out)
}

/// A JSON value replacing `old`: a string stays a string, a number a number.
fn json_value(old: &str, fix: &str) -> String {
    if !old.starts_with('"') && crate::chars::is_digits(fix) {
        return fix.to_owned();
    }
    json_string(fix)
}

/// `s` as a JSON string literal.
pub(crate) fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Percent-encodes every byte outside the unreserved set and `keep`.
///
/// ```
/// assert_eq!(importimage_lint::percent_encode("Windows Server 2012", b""), "Windows%20Server%202012");
/// ```
pub fn percent_encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_fix_keeps_other_bytes() {
        let src = "{\n  \"RegionId\": \"cn-hangzhou\",\n  \"OSType\": \"linux\" ,\n  \"DiskDeviceMapping.1.OSSBucket\": \"oss://ecsimageos/a.raw\",\n  \"DiskDeviceMapping.1.OSSObject\": \"a.raw\"\n}\n";
        let report = crate::lint_str(src);
        let fixed = apply_fixes(src, &report).unwrap();
        assert_eq!(
            fixed,
            src.replace("\"linux\"", "\"Linux\"")
                .replace("oss://ecsimageos/a.raw", "ecsimageos")
        );
    }

    #[test]
    fn query_fix_is_percent_encoded() {
        let src = "Action=ImportImage&RegionId=cn-hangzhou&Platform=windows+server+2012&OSType=Windows&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=a.vhd";
        let report = crate::lint_str(src);
        let fixed = apply_fixes(src, &report).unwrap();
        assert!(
            fixed.contains("Platform=Windows%20Server%202012&"),
            "{fixed}"
        );
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(json_string("a\"b\\\n\u{1}"), r#""a\"b\\\n\u0001""#);
    }
}
