//! Finding and reading request files, with the input size limit.

use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

/// Where a request comes from.
pub(crate) enum Source {
    Stdin(String),
    File(PathBuf),
}

impl Source {
    pub(crate) fn name(&self) -> String {
        match self {
            Source::Stdin(n) => n.clone(),
            Source::File(p) => p.display().to_string(),
        }
    }

    /// Reads at most `max + 1` bytes: enough for the linter to tell that it is too large.
    pub(crate) fn read(&self, max: usize) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        let limit = max as u64 + 1;
        match self {
            Source::Stdin(_) => io::stdin().lock().take(limit).read_to_end(&mut buf)?,
            Source::File(p) => std::fs::File::open(p)?.take(limit).read_to_end(&mut buf)?,
        };
        Ok(buf)
    }
}

/// Whether a file name looks like a request file: it contains `importimage`,
/// `import-image` or `import_image` (any case) and ends in .json, .query, .txt or .url.
pub(crate) fn is_request_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["importimage", "import-image", "import_image"]
        .iter()
        .any(|k| lower.contains(k))
        && [".json", ".query", ".txt", ".url"]
            .iter()
            .any(|e| lower.ends_with(e))
}

/// A file as it is; a folder as the regular request files under it, sorted, hidden
/// folders and `target`/`node_modules` skipped.
pub(crate) fn expand(path: &Path) -> io::Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name().to_string_lossy().into_owned();
            let ty = e.file_type()?;
            if ty.is_dir() {
                if !name.starts_with('.') && name != "target" && name != "node_modules" {
                    stack.push(e.path());
                }
            } else if is_request_file(&name)
                && std::fs::metadata(e.path()).is_ok_and(|m| m.is_file())
            {
                // Only regular files (or links to them) are read: a FIFO or a device named
                // like a request file would block or never end.
                out.push(e.path());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A short, clear description of an I/O error.
pub(crate) fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied: the file cannot be read".to_owned(),
        io::ErrorKind::IsADirectory => "is a folder".to_owned(),
        _ => e.to_string(),
    }
}

/// Reads one line into `buf` (without its line break), keeping at most `max + 1` bytes
/// of it; returns the line's full length, or `None` at the end of the input. Memory stays
/// bounded however long a line is.
pub(crate) fn read_line_bounded(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<usize>> {
    buf.clear();
    let mut total = 0usize;
    let mut any = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any.then_some(total));
        }
        any = true;
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        let room = (max + 1).saturating_sub(buf.len());
        buf.extend_from_slice(&part[..part.len().min(room)]);
        total += part.len();
        let used = done.unwrap_or(chunk.len());
        r.consume(used);
        if done.is_some() {
            if buf.last() == Some(&b'\r') {
                buf.pop();
                total -= 1;
            }
            return Ok(Some(total));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_file_names() {
        assert!(is_request_file("import-image.json"));
        assert!(is_request_file("prod.ImportImage.query"));
        assert!(!is_request_file("package.json"));
        assert!(!is_request_file("import-image.yaml"));
    }

    #[test]
    fn bounded_lines() {
        let mut r = io::Cursor::new(b"abc\r\n0123456789\nlast".to_vec());
        let mut buf = Vec::new();
        assert_eq!(read_line_bounded(&mut r, &mut buf, 4).unwrap(), Some(3));
        assert_eq!(buf, b"abc");
        assert_eq!(read_line_bounded(&mut r, &mut buf, 4).unwrap(), Some(10));
        assert_eq!(buf, b"01234");
        assert_eq!(read_line_bounded(&mut r, &mut buf, 4).unwrap(), Some(4));
        assert_eq!(read_line_bounded(&mut r, &mut buf, 4).unwrap(), None);
    }
}
