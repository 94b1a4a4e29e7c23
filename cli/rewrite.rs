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

/// Writes a unified diff of `old` → `new` for `path`, with three lines of context. Lines
/// keep their own endings, as `git diff` shows them; credential values are masked.
/// `sanitize` escapes hostile characters for a terminal (a patch piped to `git apply`
/// needs the bytes as they are).
pub(crate) fn diff(
    out: &mut dyn Write,
    path: &str,
    old: &str,
    new: &str,
    sanitize: bool,
) -> io::Result<()> {
    let (old_masked, new_masked) = (mask::masked(old), mask::masked(new));
    let (a, b) = (lines(&old_masked), lines(&new_masked));
    // Fixes never add or remove line breaks, so lines correspond one to one.
    let changed: Vec<usize> = (0..a.len().min(b.len()))
        .filter(|&i| a[i] != b[i])
        .collect();
    if changed.is_empty() {
        return Ok(());
    }
    let show = |s: &str| {
        if sanitize {
            crate::emit::sanitize(s.trim_end_matches(['\n', '\r'])) + "\n"
        } else {
            s.to_owned()
        }
    };
    let p = path.replace('\\', "/");
    writeln!(out, "--- a/{p}")?;
    writeln!(out, "+++ b/{p}")?;
    let mut i = 0;
    while i < changed.len() {
        let start = changed[i].saturating_sub(3);
        let mut end = (changed[i] + 4).min(a.len());
        let mut j = i + 1;
        while j < changed.len() && changed[j] <= end + 3 {
            end = (changed[j] + 4).min(a.len());
            j += 1;
        }
        let count = end - start;
        writeln!(out, "@@ -{},{count} +{},{count} @@", start + 1, start + 1)?;
        for k in start..end {
            let no_newline = |l: &str| !l.ends_with('\n');
            if a[k] == b[k] {
                write!(out, " {}", show(a[k]))?;
                if no_newline(a[k]) && !sanitize {
                    writeln!(out, "\n\\ No newline at end of file")?;
                }
            } else {
                write!(out, "-{}", show(a[k]))?;
                if no_newline(a[k]) && !sanitize {
                    writeln!(out, "\n\\ No newline at end of file")?;
                }
                write!(out, "+{}", show(b[k]))?;
                if no_newline(b[k]) && !sanitize {
                    writeln!(out, "\n\\ No newline at end of file")?;
                }
            }
        }
        i = j;
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
