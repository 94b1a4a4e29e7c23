//! `--fix` and `--diff`: rewrite exactly the values that carry a certain fix, keeping every
//! other byte of the file.

use std::io::{self, Write};

use importimage_lint::Report;

/// The text with every certain fix applied, or `None` when nothing changes.
pub(crate) fn apply(source: &str, report: &Report) -> Option<String> {
    let json = source
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .starts_with('{');
    let mut edits: Vec<(usize, usize, String)> = report
        .diagnostics
        .iter()
        .filter_map(|d| {
            let (fix, span) = (d.fix.as_ref()?, d.span?);
            let old = source.get(span.start..span.end)?;
            let new = if json {
                json_value(old, fix)
            } else {
                super::percent_encode(fix, b":/")
            };
            (new != old).then_some((span.start, span.end, new))
        })
        .collect();
    edits.sort_by_key(|e| (e.0, e.1));
    edits.dedup_by(|b, a| b.0 < a.1); // drop an edit that overlaps the one before it
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
    if !old.starts_with('"') && !fix.is_empty() && fix.bytes().all(|b| b.is_ascii_digit()) {
        return fix.to_owned();
    }
    serde_json::to_string(fix).unwrap_or_else(|_| format!("{fix:?}"))
}

/// Prints the changed lines as a unified-style diff.
pub(crate) fn diff(out: &mut dyn Write, path: &str, old: &str, new: &str) -> io::Result<()> {
    let path = super::text::sanitize(path);
    writeln!(out, "--- {path}")?;
    writeln!(out, "+++ {path} (fixed)")?;
    let a: Vec<&str> = old.split('\n').collect();
    let b: Vec<&str> = new.split('\n').collect();
    // Fixes never add or remove line breaks, so lines correspond one to one.
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        if x != y {
            writeln!(out, "@@ line {} @@", i + 1)?;
            writeln!(out, "-{}", super::text::sanitize(x))?;
            writeln!(out, "+{}", super::text::sanitize(y))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_fix_keeps_other_bytes() {
        let src = "{\n  \"RegionId\": \"cn-hangzhou\",\n  \"OSType\": \"linux\" ,\n  \"DiskDeviceMapping.1.OSSBucket\": \"oss://ecsimageos/a.raw\",\n  \"DiskDeviceMapping.1.OSSObject\": \"a.raw\"\n}\n";
        let report = importimage_lint::lint_str(src);
        let fixed = apply(src, &report).unwrap();
        assert_eq!(
            fixed,
            src.replace("\"linux\"", "\"Linux\"")
                .replace("oss://ecsimageos/a.raw", "ecsimageos")
        );
    }

    #[test]
    fn query_fix_is_percent_encoded() {
        let src = "Action=ImportImage&RegionId=cn-hangzhou&Platform=windows+server+2012&OSType=Windows&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=a.vhd";
        let report = importimage_lint::lint_str(src);
        let fixed = apply(src, &report).unwrap();
        assert!(
            fixed.contains("Platform=Windows%20Server%202012&"),
            "{fixed}"
        );
    }
}
