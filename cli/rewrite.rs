//! `--fix` and `--diff`: rewrite exactly the values that carry a certain fix, keeping every
//! other byte of the file, or print the change as a unified diff that `git apply` and
//! `patch -p1` accept.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use importimage_lint::mask;

/// Replaces a file's content atomically: the new text goes to a temporary file in the
/// same folder as the file (the target of a symbolic link), which takes the file's
/// permissions and is renamed over it. A file whose content changed since it was read is
/// left alone and reported.
pub(crate) fn write_atomically(path: &Path, read: &[u8], new: &str) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let folder = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = fs::metadata(&target)?;
    let mut tmp_path = folder.join(format!(".{name}.importimage-lint.tmp"));
    let mut n = 0;
    let mut tmp = loop {
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp_path)
        {
            Ok(f) => break f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 100 => {
                n += 1;
                tmp_path = folder.join(format!(".{name}.importimage-lint.{n}.tmp"));
            }
            Err(e) => return Err(e),
        }
    };
    let result = (|| {
        tmp.write_all(new.as_bytes())?;
        tmp.sync_all()?;
        fs::set_permissions(&tmp_path, meta.permissions())?;
        if fs::read(&target)? != read {
            return Err(io::Error::other(
                crate::ui::Problem::ChangedSinceRead.say(crate::ui::lang()),
            ));
        }
        fs::rename(&tmp_path, &target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp_path);
    }
    result
}

/// Lines with their endings (`\n` or `\r\n`); the last may have none.
fn lines(s: &str) -> Vec<&str> {
    s.split_inclusive('\n').collect()
}

/// Which lines of `text` hold (part of) a credential value.
fn secret_lines(text: &str, count: usize) -> Vec<bool> {
    let mut out = vec![false; count];
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    for r in mask::secret_ranges(text) {
        let first = starts.partition_point(|&s| s <= r.start).saturating_sub(1);
        let last = starts
            .partition_point(|&s| s < r.end.max(r.start + 1))
            .saturating_sub(1);
        for flag in out.iter_mut().take(last + 1).skip(first) {
            *flag = true;
        }
    }
    out
}

/// Writes a unified diff of `old` → `new` for `path`, with three lines of context. Lines
/// keep their own endings, as `git diff` shows them. No line that holds a credential value
/// is printed: context stops before such a line (the patch still applies), and a change on
/// such a line is left out of the patch; standard error says which lines, and how to apply
/// a hunk left without context below it. `sanitize` escapes hostile characters for a
/// terminal (a patch piped to `git apply` needs the bytes as they are).
pub(crate) fn diff(
    out: &mut dyn Write,
    path: &str,
    old: &str,
    new: &str,
    sanitize: bool,
) -> io::Result<()> {
    let (a, b) = (lines(old), lines(new));
    let n = a.len().min(b.len());
    // Fixes never add or remove line breaks, so lines correspond one to one.
    let (secret_a, secret_b) = (secret_lines(old, a.len()), secret_lines(new, b.len()));
    let secret = |i: usize| secret_a[i] || secret_b[i];
    let shown = |s: &str| {
        if sanitize {
            crate::emit::sanitize(s.trim_end_matches(['\n', '\r'])) + "\n"
        } else {
            s.to_owned()
        }
    };
    let p = path.replace('\\', "/");
    let mut header = false;
    let mut hidden = Vec::new();
    let mut i = 0;
    while i < n {
        if a[i] == b[i] {
            i += 1;
            continue;
        }
        if secret(i) {
            hidden.push(i + 1);
            i += 1;
            continue;
        }
        // A hunk: changes (and the equal lines between them) up to the last change that
        // is within six lines of the next, none of them holding a credential.
        let mut last = i;
        let mut j = i + 1;
        while j < n && j <= last + 6 && !secret(j) {
            if a[j] != b[j] {
                last = j;
            }
            j += 1;
        }
        let mut start = i;
        while start > 0 && i - start < 3 && !secret(start - 1) && a[start - 1] == b[start - 1] {
            start -= 1;
        }
        let mut end = last + 1;
        while end < a.len() && end - last - 1 < 3 && !secret(end) {
            end += 1;
        }
        if !header {
            writeln!(out, "--- a/{p}")?;
            writeln!(out, "+++ b/{p}")?;
            header = true;
        }
        let count = end - start;
        writeln!(out, "@@ -{},{count} +{},{count} @@", start + 1, start + 1)?;
        for k in start..end {
            let no_newline = |l: &str| !l.ends_with('\n');
            if a[k] == b[k] {
                write!(out, " {}", shown(a[k]))?;
                if no_newline(a[k]) && !sanitize {
                    writeln!(out, "\n\\ No newline at end of file")?;
                }
            } else {
                write!(out, "-{}", shown(a[k]))?;
                if no_newline(a[k]) && !sanitize {
                    writeln!(out, "\n\\ No newline at end of file")?;
                }
                write!(out, "+{}", shown(b[k]))?;
                if no_newline(b[k]) && !sanitize {
                    writeln!(out, "\n\\ No newline at end of file")?;
                }
            }
        }
        if end == last + 1 && end < a.len() {
            eprintln!(
                "importimage-lint: {}:{}: the line below this change holds a credential, so the patch shows no context after it: `patch -p1` and `git apply --unidiff-zero` apply it, plain `git apply` does not; --fix writes it",
                crate::emit::sanitize(path),
                last + 1
            );
        }
        i = last + 1;
    }
    for line in hidden {
        eprintln!(
            "importimage-lint: {}:{line}: a fix on this line is not shown, because the line holds a credential; --fix writes it",
            crate::emit::sanitize(path)
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file that changed after it was read is left as it is, and no temporary file stays.
    #[test]
    fn a_file_changed_since_it_was_read_is_not_rewritten() {
        let dir =
            std::env::temp_dir().join(format!("importimage-lint-rewrite-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("r.json");
        fs::write(&path, "edited by someone else").unwrap();
        let err = write_atomically(&path, b"what was read", "fixed").unwrap_err();
        assert!(err.to_string().contains("changed since it was read"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "edited by someone else");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        write_atomically(&path, b"edited by someone else", "fixed").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "fixed");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn unified_diff_with_context_and_crlf() {
        let old = "{\r\n  \"A\": 1,\r\n  \"OSType\": \"linux\"\r\n}";
        let new = old.replace("linux", "Linux");
        let mut out = Vec::new();
        diff(&mut out, "r.json", old, &new, false).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(
            s.starts_with("--- a/r.json\n+++ b/r.json\n@@ -1,4 +1,4 @@\n {\r\n"),
            "{s:?}"
        );
        assert!(
            s.contains("-  \"OSType\": \"linux\"\r\n+  \"OSType\": \"Linux\"\r\n"),
            "{s:?}"
        );
        assert!(s.ends_with(" }\n\\ No newline at end of file\n"), "{s:?}");
    }
}
