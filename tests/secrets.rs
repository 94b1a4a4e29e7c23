//! No credential value reaches any output, for every reader (JSON and query requests,
//! Terraform, shell scripts, and a Packer template), in both languages, in every format,
//! with colour, in `--diff` and in `--fix`'s report; excerpts of text that does not parse
//! are masked too. Masks hide whole values: no five characters of a secret in a row are
//! ever printed. A literal credential in a script or a Terraform file is itself a warning,
//! and a patch never shows a line that holds one: its context narrows and it still applies.
//!
//! The fixtures (`tests/fixtures/secrets/`) write credentials as aliyun-cli reads them
//! (config/flags.go, cli/parser.go) and as the alicloud provider and Packer's alicloud
//! plugin name them; each names its source in a comment.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Run;

/// Every fixture, and the credential values written in it.
const READERS: &[(&str, &[&str])] = &[
    (
        "request.import-image.json",
        &["LTAI5tKy7Hq2Rf", "Xs6vBm3Tn8Kw"],
    ),
    ("request.import-image.query", &["Fe4kWq9Zs1Hv"]),
    (
        "import.sh",
        &[
            "LTAI5tVq8Wd3Ka",
            "Qx7mTz2Rv9Lb",
            "Hn4cPe6Yu1Wo",
            "Jr5gFa8Ks2Dm",
            "Zt3bNw7Xe5Qc",
            "Bv6hLs9Mn4Tp",
            "Gu1eYo5Vc8Np",
            "Yk4rPq7Lw2Xs",
        ],
    ),
    ("broken.sh", &["Wd2nCj8Fq5Ra"]),
    (
        "main.tf",
        &[
            "Vy8dKq1Ns6Ze",
            "LTAI5tGm2Pw8Hs",
            "Mc2wRt7Bx4Jf",
            "Tc6nVb1Qx9Ew",
        ],
    ),
    ("broken.tf", &["Pb9sXh3Lk7Gy"]),
    (
        "build.pkr.hcl",
        &["LTAI5tNp3Xc7Ud", "Ry5hTe2Mg9Lq", "Ak8pDz4Wj6Nt"],
    ),
    // Credentials a post-processor takes from variables (var.ak, {{user `ak`}}).
    ("vars.pkr.hcl", &["LTAI5tHv2Qm9Xe"]),
    ("template.json", &["LTAI5tRz7Kp2Wd", "Vb8nHc3Lq6Ty"]),
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/secrets")
}

/// A fresh copy of the fixtures, for runs that rewrite them.
fn copy(name: &str) -> common::Scratch {
    let d = common::scratch("secrets", name);
    for (f, _) in READERS {
        std::fs::copy(fixtures().join(f), d.join(f)).unwrap();
    }
    d
}

/// Panics when any five characters in a row of any secret appear in the run's output.
fn assert_no_secret(r: &Run, secrets: &[&str], what: &str) {
    let all = format!("{}\n{}", r.stdout, r.stderr);
    for s in secrets {
        let chars: Vec<char> = s.chars().collect();
        for w in chars.windows(5) {
            let piece: String = w.iter().collect();
            assert!(
                !all.contains(&piece),
                "{what}: {piece:?} of a secret is printed:\n{all}"
            );
        }
    }
}

#[test]
fn no_secret_in_any_format_or_language() {
    let dir = fixtures();
    for (file, secrets) in READERS {
        for lang in ["en", "zh-CN"] {
            for format in ["text", "json", "sarif", "github", "gitlab"] {
                let r = common::run_in(&dir, &["--lang", lang, "--format", format, file], b"", &[]);
                assert_no_secret(
                    &r,
                    secrets,
                    &format!("{file} --format {format} --lang {lang}"),
                );
                assert!(r.code == 0 || r.code == 1, "{file}: {}", r.stderr);
            }
            let r = common::run_in(&dir, &["--lang", lang, "--color", "always", file], b"", &[]);
            assert_no_secret(&r, secrets, &format!("{file} --color always"));
            // Standard input named as the file is read the same way.
            let text = std::fs::read(dir.join(file)).unwrap();
            let r = common::run_in(
                &dir,
                &["--lang", lang, "--stdin-filename", file, "-"],
                &text,
                &[],
            );
            assert_no_secret(&r, secrets, &format!("{file} on stdin"));
        }
    }
}

#[test]
fn no_secret_in_diff_or_fix_reports() {
    for (file, secrets) in READERS {
        let d = copy(&format!("diff-{file}"));
        for args in [
            &["--diff", *file][..],
            &["--diff", "--color", "always", *file],
        ] {
            let r = common::run_in(&d, args, b"", &[]);
            assert_no_secret(&r, secrets, &format!("{args:?}"));
        }
        let text = std::fs::read(d.join(file)).unwrap();
        let r = common::run_in(&d, &["--diff", "--stdin-filename", file, "-"], &text, &[]);
        assert_no_secret(&r, secrets, &format!("--diff - for {file}"));
        for format in ["text", "json", "sarif"] {
            let d = copy(&format!("fix-{format}-{file}"));
            let r = common::run_in(&d, &["--fix", "--format", format, file], b"", &[]);
            assert_no_secret(&r, secrets, &format!("--fix --format {format} {file}"));
        }
    }
}

/// A literal credential in a script, a Terraform file or a Packer template is a
/// `credential-in-request` warning where it is written; one computed when the script or
/// the tool runs is not.
#[test]
fn literal_credentials_are_warnings_where_they_are_written() {
    let dir = fixtures();
    let lines = |file: &str| -> Vec<u64> {
        let r = common::run_in(&dir, &["--format", "json", file], b"", &[]);
        let mut out: Vec<u64> = r
            .json()
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|rep| rep["diagnostics"].as_array().unwrap().clone())
            .filter(|d| d["rule"] == "credential-in-request")
            .map(|d| d["span"]["line"].as_u64().unwrap())
            .collect();
        out.sort_unstable();
        out
    };
    // Lines 7 (export), 8 (a variable before the command), 9 (--flag=), 10 (--flag:),
    // 12 (the API's spelling, the request check), 14 (--access-key-id, quoted), 18 (in a
    // here-document written to a file).
    assert_eq!(lines("import.sh"), [7, 8, 9, 10, 12, 14, 18]);
    // secret_key (one-line block), access_key, security_token (a heredoc's body).
    assert_eq!(lines("main.tf"), [10, 14, 16]);
    // The builder's and the post-processor's (packer-plugin-alicloud's names).
    assert_eq!(lines("build.pkr.hcl"), [4, 5, 10, 11, 12]);
    let d = common::scratch("secrets", "computed");
    std::fs::write(
        d.join("computed.sh"),
        "aliyun --access-key-secret \"$AK_SECRET\" ecs ImportImage --RegionId cn-hangzhou \\\n  --sts-token \"$(cat token)\" --DiskDeviceMapping.1.OSSBucket b12 --DiskDeviceMapping.1.OSSObject a.raw\n",
    )
    .unwrap();
    std::fs::write(
        d.join("computed.tf"),
        "provider \"alicloud\" {\n  secret_key = var.secret_key\n  access_key = \"${var.ak}\"\n}\nresource \"alicloud_image_import\" \"x\" {\n  disk_device_mapping {\n    oss_bucket = \"b12\"\n    oss_object = \"a.raw\"\n  }\n}\n",
    )
    .unwrap();
    // Packer renders `{{user …}}` and `{{env …}}` when it runs.
    std::fs::write(
        d.join("computed.json"),
        "{\"variables\": {\"ak\": \"{{env `ALICLOUD_ACCESS_KEY`}}\"}, \"post-processors\": [{\"type\": \"alicloud-import\", \"access_key\": \"{{user `ak`}}\", \"secret_key\": \"{{user `sk`}}\", \"region\": \"cn-beijing\", \"oss_bucket_name\": \"b12\"}]}",
    )
    .unwrap();
    for f in ["computed.sh", "computed.tf", "computed.json"] {
        let r = common::run_in(&d, &["--format", "json", f], b"", &[]);
        assert!(
            !r.stdout.contains("credential-in-request"),
            "{f}: {}",
            r.stdout
        );
    }
}

/// A patch never shows a line holding a credential: its context narrows and the patch
/// still applies (checked with `patch` and `git apply` where installed); a change on such
/// a line, or one left without context below it, is said plainly on standard error.
#[test]
fn patches_narrow_their_context_around_credentials_and_still_apply() {
    let d = copy("apply");
    let r = common::run_in(&d, &["--diff", "main.tf"], b"", &[]);
    // The change is on line 7; line 10 holds secret_key: context stops at line 9.
    assert!(r.stdout.contains("@@ -4,6 +4,6 @@\n"), "{}", r.stdout);
    let r = common::run_in(&d, &["--diff", "import.sh"], b"", &[]);
    // Line 11 changes between two lines holding credentials: no context at all, said so.
    assert!(r.stdout.contains("@@ -11,1 +11,1 @@\n-  --RegionId cn-hangzhou --OSType linux \\\n+  --RegionId cn-hangzhou --OSType Linux \\\n"), "{}", r.stdout);
    assert!(
        r.stderr
            .contains("import.sh:11: the line below this change holds a credential"),
        "{}",
        r.stderr
    );
    // Line 15 changes below line 14, which holds one: context starts at line 15.
    assert!(
        r.stdout.contains("@@ -15,3 +15,3 @@\n-  --OSType linux"),
        "{}",
        r.stdout
    );
    let r = common::run_in(&d, &["--diff", "request.import-image.json"], b"", &[]);
    assert!(r.stdout.contains("@@ -1,3 +1,3 @@"), "{}", r.stdout);
    assert!(
        r.stderr
            .contains("request.import-image.json:3: the line below"),
        "{}",
        r.stderr
    );
    // A one-line query holding a credential: the change cannot be shown.
    let q = d.join("one.import-image.query");
    std::fs::write(&q, "RegionId=cn-hangzhou&OSType=linux&SecurityToken=Fe4kWq9Zs1Hv&DiskDeviceMapping.1.OSSBucket=b12&DiskDeviceMapping.1.OSSObject=a.raw\n").unwrap();
    let r = common::run_in(&d, &["--diff", "one.import-image.query"], b"", &[]);
    assert_eq!(r.stdout, "", "nothing shown");
    assert!(
        r.stderr
            .contains("one.import-image.query:1: a fix on this line is not shown"),
        "{}",
        r.stderr
    );
    assert_eq!(r.code, 1, "a change is still pending");

    // A Terraform variable named like a credential: its default is one.
    std::fs::write(
        d.join("var.tf"),
        "resource \"alicloud_image_import\" \"x\" {\n  disk_device_mapping {\n    oss_object = \"a.raw\"\n    oss_bucket = \"oss://b12/a.raw\"\n  }\n}\nvariable \"db_password\" { default = \"Hy7uJm3Kp0Zs\" }\n",
    )
    .unwrap();
    let r = common::run_in(&d, &["--diff", "var.tf"], b"", &[]);
    assert!(r.stdout.contains("@@ -1,6 +1,6 @@\n"), "{}", r.stdout);
    assert_no_secret(&r, &["Hy7uJm3Kp0Zs"], "--diff var.tf");

    // The narrowed patches apply to the files they were made from.
    for file in ["main.tf", "import.sh", "request.import-image.json"] {
        let run = common::run_in(&d, &["--diff", file], b"", &[]);
        let patch = run.stdout;
        // Plain `git apply` wants context below a change; the run says when there is none.
        let zero = run.stderr.contains("shows no context after it");
        let fixed_dir = copy(&format!("fixed-{file}"));
        common::run_in(&fixed_dir, &["--fix", file], b"", &[]);
        let want = std::fs::read_to_string(fixed_dir.join(file)).unwrap();
        if Command::new("patch").arg("--version").output().is_ok() {
            let w = copy(&format!("patch-{file}"));
            std::fs::write(w.join("p.diff"), &patch).unwrap();
            let ok = Command::new("patch")
                .args(["-p1", "-s", "-i", "p.diff"])
                .current_dir(&w)
                .status()
                .unwrap();
            assert!(ok.success(), "patch -p1 applies:\n{patch}");
            assert_eq!(std::fs::read_to_string(w.join(file)).unwrap(), want);
        }
        if Command::new("git").arg("--version").output().is_ok() {
            let w = copy(&format!("git-{file}"));
            std::fs::write(w.join("p.diff"), &patch).unwrap();
            let mut args = vec!["apply"];
            if zero {
                args.push("--unidiff-zero");
            }
            args.push("p.diff");
            let ok = Command::new("git")
                .args(&args)
                .current_dir(&w)
                .status()
                .unwrap();
            assert!(ok.success(), "git {args:?} applies:\n{patch}");
            assert_eq!(std::fs::read_to_string(w.join(file)).unwrap(), want);
        }
    }
}
