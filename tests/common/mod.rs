//! Running the binary from integration tests.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What a run of the binary gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Standard output as JSON; panics with both streams when it is not.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}\n{}", self.stdout, self.stderr))
    }
}

/// Runs the binary in `dir` with `stdin` and the environment given (colour variables
/// cleared first), feeding stdin from a thread so a large input cannot deadlock.
pub fn run_in(dir: &Path, args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_importimage-lint"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("FORCE_COLOR")
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("binary runs");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// A test's scratch folder under the temp dir, removed when the guard is dropped: when the
/// test ends, and also when it fails (a failing test unwinds, which drops it), so that runs
/// do not fill the disk (some tests write hundreds of MB). Keep the guard alive for as long
/// as the folder is used: bind it (`let d = ...`), never only `scratch(...).join(...)`.
///
/// For debugging, set `IMPORTIMAGE_LINT_KEEP_SCRATCH` (to anything) and the folders are left
/// behind, each named `importimage-lint-<test file>-…` with the test process's id in it.
pub struct Scratch(PathBuf);

impl Scratch {
    /// `path`, emptied and created.
    pub fn new(path: PathBuf) -> Scratch {
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Scratch(path)
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // IMPORTIMAGE_LINT_KEEP_SCRATCH keeps the folder, to look at what a test wrote.
        if std::env::var_os("IMPORTIMAGE_LINT_KEEP_SCRATCH").is_none() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// A fresh empty folder for one test (`what` names the test file, `name` the test), removed
/// when the returned guard is dropped (see [`Scratch`]).
pub fn scratch(what: &str, name: &str) -> Scratch {
    Scratch::new(std::env::temp_dir().join(format!(
        "importimage-lint-{what}-{}-{name}",
        std::process::id()
    )))
}

/// (request's line, finding's line, rule, param) of every finding of a JSON run.
pub fn findings(r: &Run) -> BTreeSet<(u64, u64, String, String)> {
    let mut out = BTreeSet::new();
    for rep in r.json().as_array().unwrap() {
        let line = rep["line"].as_u64().unwrap_or(0);
        for d in rep["diagnostics"].as_array().unwrap() {
            out.insert((
                line,
                d["span"]["line"].as_u64().unwrap_or(0),
                d["rule"].as_str().unwrap().to_owned(),
                d["param"].as_str().unwrap_or("-").to_owned(),
            ));
        }
    }
    out
}

/// The findings `items` as [`findings`] gives them.
pub fn set(items: &[(u64, u64, &str, &str)]) -> BTreeSet<(u64, u64, String, String)> {
    items
        .iter()
        .map(|&(a, b, c, d)| (a, b, c.to_owned(), d.to_owned()))
        .collect()
}
