//! Finding and reading inputs: files named on the command line, folders walked as git sees
//! them (`.gitignore`, `.ignore` and `.git/info/exclude` respected; `.git`, `target` and
//! `node_modules` skipped; other hidden folders walked, as pre-commit would pass their
//! files), standard input, and the input size limit.

use std::collections::HashSet;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use importimage_lint::embedded::Host;

/// Where a request comes from.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    /// Standard input, with the name used for it in messages.
    Stdin(String),
    /// A regular file (or a link to one).
    File(PathBuf),
    /// A file found in a folder that cannot be read, and why (a link to nothing).
    Unreadable(PathBuf, &'static str),
}

impl Source {
    pub(crate) fn name(&self) -> String {
        match self {
            Source::Stdin(n) => n.clone(),
            Source::File(p) | Source::Unreadable(p, _) => p.display().to_string(),
        }
    }

    /// The path configuration is looked up from and per-file ignores match.
    pub(crate) fn path(&self) -> PathBuf {
        match self {
            Source::Stdin(n) => PathBuf::from(n),
            Source::File(p) | Source::Unreadable(p, _) => p.clone(),
        }
    }

    /// Reads at most `max + 1` bytes: enough for the linter to tell that it is too large.
    pub(crate) fn read(&self, max: usize) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        let limit = max as u64 + 1;
        match self {
            Source::Stdin(_) => io::stdin().lock().take(limit).read_to_end(&mut buf)?,
            Source::File(p) => std::fs::File::open(p)?.take(limit).read_to_end(&mut buf)?,
            Source::Unreadable(_, why) => return Err(io::Error::other(*why)),
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

/// Whether a file found in a folder is a Terraform file, a Packer template or a shell
/// script (by its name, or a JSON file by its text) that holds an ImportImage request: an
/// `alicloud_image_import` resource, an `alicloud-import` post-processor, an `aliyun ecs
/// ImportImage` command. Regular files only (links to them too), read up to 16 MiB.
fn holds_embedded_request(name: &str, path: &Path) -> bool {
    let by_name = Host::of_file(name, "");
    let maybe_script = by_name.is_none() && !name.trim_start_matches('.').contains('.');
    // Any other JSON file may be a legacy Packer template: its text tells.
    let maybe_template = by_name.is_none() && name.to_ascii_lowercase().ends_with(".json");
    if !(by_name.is_some() || maybe_script || maybe_template)
        || !std::fs::metadata(path).is_ok_and(|m| m.is_file())
    {
        return false;
    }
    let Some(host) = by_name
        .or_else(|| script_without_extension(name, path))
        .or(maybe_template.then_some(Host::Packer))
    else {
        return false;
    };
    let mut text = Vec::new();
    if std::fs::File::open(path)
        .and_then(|f| f.take(16 << 20).read_to_end(&mut text))
        .is_err()
    {
        return false;
    }
    let text = String::from_utf8_lossy(&text);
    (!maybe_template || Host::of_file(name, &text) == Some(Host::Packer))
        && host.may_hold_request(&text)
}

/// A file without an extension whose `#!` line runs a shell (`scripts/import` starting
/// with `#!/usr/bin/env bash`) is a shell script, as it is to the kernel and to git's
/// `shell` file type; only its first line is read to tell.
fn script_without_extension(name: &str, path: &Path) -> Option<Host> {
    if name.trim_start_matches('.').contains('.') || is_makefile(name) {
        return None;
    }
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(256).read_to_end(&mut head))
        .ok()?;
    Host::of_file(name, &String::from_utf8_lossy(&head)).filter(|h| *h == Host::AliyunCli)
}

/// Whether a file is a Makefile (`Makefile`, `makefile`, `GNUmakefile`, `*.mk`, `*.mak`):
/// its recipes are make's language (`$(VAR)`, `$$`, a tab before each line), not a shell
/// script's, so it is not read.
pub(crate) fn is_makefile(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(lower.as_str(), "makefile" | "gnumakefile")
        || lower.ends_with(".mk")
        || lower.ends_with(".mak")
}

/// What a command line names, expanded.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// Every input, each file once, in the order named (a folder's files sorted).
    pub sources: Vec<Source>,
    /// Which sources were found by walking a folder (exclude patterns apply to them).
    pub walked: Vec<bool>,
    /// Folders in which no request file was found.
    pub empty_folders: Vec<PathBuf>,
    /// What the walk could not read (a folder without permission), as messages.
    pub walk_errors: Vec<String>,
}

/// Expands paths: `-` is standard input; a file is itself (whatever its name); a folder is
/// the request files under it, and the Terraform files and shell scripts that hold one. A file named twice, or named and found in a folder, is
/// read once. A path that does not exist is an error.
pub(crate) fn expand(paths: &[PathBuf], stdin_name: &str) -> Result<Found, (PathBuf, io::Error)> {
    let mut found = Found::default();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut add = |found: &mut Found, src: Source, walked: bool| {
        let key = match &src {
            Source::Stdin(_) => PathBuf::from("-"),
            Source::File(p) | Source::Unreadable(p, _) => {
                std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())
            }
        };
        if seen.insert(key) {
            found.sources.push(src);
            found.walked.push(walked);
        }
    };
    for p in paths {
        if p == Path::new("-") {
            add(&mut found, Source::Stdin(stdin_name.to_owned()), false);
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|e| (p.clone(), e))?;
        if !meta.is_dir() {
            add(&mut found, Source::File(p.clone()), false);
            continue;
        }
        let before = found.sources.len();
        let walker = ignore::WalkBuilder::new(p)
            .hidden(false)
            .parents(true)
            .ignore(true)
            .git_ignore(true)
            .git_exclude(true)
            .git_global(false)
            .require_git(false)
            .follow_links(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .filter_entry(|e| {
                !(e.file_type().is_some_and(|t| t.is_dir())
                    && matches!(
                        e.file_name().to_str(),
                        Some(".git" | "target" | "node_modules")
                    ))
            })
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    found.walk_errors.push(walk_error(&e));
                    continue;
                }
            };
            let name = entry.file_name().to_string_lossy();
            let path = entry.path().to_path_buf();
            let Some(ty) = entry.file_type() else {
                continue;
            };
            if !is_request_file(&name) {
                // Terraform files and shell scripts that hold a request are read too.
                if holds_embedded_request(&name, &path) {
                    add(&mut found, Source::File(path), true);
                }
                continue;
            }
            if ty.is_file() {
                add(&mut found, Source::File(path), true);
            } else if ty.is_symlink() {
                match std::fs::metadata(&path) {
                    Ok(m) if m.is_file() => add(&mut found, Source::File(path), true),
                    Ok(_) => {}
                    Err(_) => add(
                        &mut found,
                        Source::Unreadable(path, crate::ui::words(crate::ui::lang()).dangling_link),
                        true,
                    ),
                }
            }
            // FIFOs, sockets and devices named like request files are never read.
        }
        if found.sources.len() == before {
            found.empty_folders.push(p.clone());
        }
    }
    Ok(found)
}

/// A short, clear description of an I/O error.
pub(crate) fn describe(e: &io::Error) -> String {
    crate::ui::io_problem(crate::ui::lang(), e)
}

/// A path that cannot be read, and why, in the run's language.
pub(crate) fn problem(path: &str, e: &io::Error) -> String {
    crate::ui::Problem::Io { path, error: e }.say(crate::ui::lang())
}

/// Reads one line into `buf` (without its line break), keeping at most `max + 1` bytes
/// of it; returns the line's full length and the bytes consumed (line break included), or
/// `None` at the end of the input. Memory stays bounded however long a line is.
pub(crate) fn read_line_bounded(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<(usize, usize)>> {
    buf.clear();
    let (mut total, mut consumed) = (0usize, 0usize);
    let mut any = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any.then_some((total, consumed)));
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
        consumed += used;
        r.consume(used);
        if done.is_some() {
            if buf.last() == Some(&b'\r') {
                buf.pop();
                total -= 1;
            }
            return Ok(Some((total, consumed)));
        }
    }
}

/// A folder walk's error in the run's language: where, and why.
fn walk_error(e: &ignore::Error) -> String {
    let mut path = None;
    let mut inner = e;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path = Some(p.display().to_string());
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err
            }
            _ => break,
        }
    }
    match (inner, path) {
        (ignore::Error::Io(io), Some(p)) => problem(&p, io),
        (ignore::Error::Io(io), None) => describe(io),
        _ => e.to_string(),
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
        assert!(is_makefile("Makefile") && is_makefile("GNUmakefile") && is_makefile("images.mk"));
        assert!(!is_makefile("make.sh"));
    }

    #[test]
    fn bounded_lines() {
        let mut r = io::Cursor::new(b"abc\r\n0123456789\nlast".to_vec());
        let mut buf = Vec::new();
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 4).unwrap(),
            Some((3, 5))
        );
        assert_eq!(buf, b"abc");
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 4).unwrap(),
            Some((10, 11))
        );
        assert_eq!(buf, b"01234");
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 4).unwrap(),
            Some((4, 4))
        );
        assert_eq!(read_line_bounded(&mut r, &mut buf, 4).unwrap(), None);
    }
}
