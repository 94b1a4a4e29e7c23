//! The shape of the core, kept: no file over 600 lines, no code that changes with the
//! target, and no upward import from the readers, the data or the report types into the
//! checks, the resolver or the driver (README "Architecture").

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn core() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn no_core_file_is_over_600_lines() {
    for (path, text) in core() {
        let n = text.lines().count();
        assert!(n <= 600, "{path} has {n} lines");
    }
}

#[test]
fn the_core_is_the_same_on_every_target() {
    for (path, text) in core() {
        assert!(
            !text.contains("target_arch"),
            "{path} depends on the target"
        );
    }
}

#[test]
fn readers_and_data_import_nothing_from_checks_resolver_or_driver() {
    let lower = [
        "src/input/",
        "src/profile/",
        "src/message/",
        "src/report.rs",
        "src/diagnostic.rs",
        "src/rule.rs",
        "src/chars.rs",
        "src/mask.rs",
        "src/lookup.rs",
    ];
    let upper = [
        "crate::checks",
        "crate::driver",
        "crate::linter",
        "crate::sink",
        "crate::resolve",
    ];
    let mut seen = 0;
    for (path, text) in core() {
        // The catalogues' own tests lint inputs to compare languages; they are not the module.
        if !lower.iter().any(|l| path.starts_with(l)) || path == "src/message/tests.rs" {
            continue;
        }
        seen += 1;
        for u in upper {
            assert!(!text.contains(u), "{path} imports {u}");
        }
    }
    assert!(seen > 15, "{seen}");
}
