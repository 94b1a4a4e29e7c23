//! The README's rule table is the tool's own listing.

use std::process::Command;

#[test]
fn readme_rule_table_matches_the_rule_table() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("<!-- rules:start -->\n").expect("start marker")
        + "<!-- rules:start -->\n".len();
    let end = readme.find("<!-- rules:end -->").expect("end marker");
    let out = Command::new(env!("CARGO_BIN_EXE_importimage-lint"))
        .args(["rules", "--format", "markdown"])
        .output()
        .unwrap();
    let generated = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        &readme[start..end],
        generated,
        "regenerate with `importimage-lint rules --format markdown`"
    );
}

#[test]
fn readme_first_command_lints_a_bundled_example() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains("cargo run --release -- examples/import-image.json"));
    assert!(readme.contains("bash scripts/test-all.sh"));
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(
        ci.contains("bash scripts/test-all.sh"),
        ".ci/run calls the README's test command"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_importimage-lint"))
        .arg("examples/import-image.json")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

/// The crate, its command, the WebAssembly binding, the npm package and the Python module
/// (whose wheel takes its version from python/Cargo.toml) share one version,
/// which the changelog names as its latest release.
#[test]
fn one_version_everywhere() {
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |f: &str| std::fs::read_to_string(format!("{root}/{f}")).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    for binding in ["pkg/Cargo.toml", "python/Cargo.toml"] {
        assert!(
            read(binding).contains(&format!("\nversion = \"{version}\"")),
            "{binding}"
        );
    }
    let npm: serde_json::Value = serde_json::from_str(&read("pkg/package.json")).unwrap();
    assert_eq!(npm["version"], version, "pkg/package.json");
    let lock: serde_json::Value = serde_json::from_str(&read("pkg/package-lock.json")).unwrap();
    assert_eq!(lock["version"], version, "pkg/package-lock.json");
    let changelog = read("CHANGELOG.md");
    let released = changelog
        .lines()
        .find(|l| l.starts_with("## [") && !l.contains("Unreleased"))
        .unwrap();
    assert!(
        released.starts_with(&format!("## [{version}]")),
        "CHANGELOG.md: {released}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_importimage-lint"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("importimage-lint {version}")
    );
    // The README's pre-commit snippet names the release tag.
    assert!(read("README.md").contains(&format!("rev: v{version}")));
}

/// The README's "Dependencies" section names every direct dependency `cargo tree` shows,
/// and its "Library" section names exactly those of the core alone.
#[test]
fn readme_dependencies_match_cargo_tree() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let section = |title: &str| {
        let start = readme.find(title).unwrap_or_else(|| panic!("{title}"));
        let rest = &readme[start + title.len()..];
        rest[..rest.find("\n## ").unwrap_or(rest.len())].to_owned()
    };
    let deps = section("\n## Dependencies\n");
    let library = section("\n## Library\n");
    let tree = |extra: &[&str]| -> Vec<String> {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let out = std::process::Command::new(cargo)
            .current_dir(root)
            .args([
                "tree",
                "-q",
                "--offline",
                "-p",
                "importimage-lint",
                "-e",
                "normal",
            ])
            .args(["--depth", "1", "--prefix", "none", "--format", "{p}"])
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| l.split_whitespace().next().unwrap().to_owned())
            .collect()
    };
    for dep in tree(&[]) {
        assert!(
            deps.contains(&dep),
            "README \"Dependencies\" does not name {dep}"
        );
    }
    let core = tree(&["--no-default-features"]);
    let sentence = library
        .split("With `default-features = false`")
        .nth(1)
        .and_then(|s| s.split(';').next())
        .expect("the Library section says what the core alone depends on");
    for dep in &core {
        assert!(sentence.contains(dep.as_str()), "{dep} not in: {sentence}");
    }
    assert_eq!(
        sentence.matches(" and ").count() + 1,
        core.len(),
        "{sentence}"
    );
}
