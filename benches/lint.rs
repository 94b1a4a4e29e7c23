//! `cargo bench`: the cost of linting, measured next to the cost of only parsing the same
//! text with serde_json in the same run, as ratios of medians. Plain harness: the figures
//! that matter are ratios within one run, which it prints directly.
//!
//! `cargo bench --bench lint -- --emit DIR` writes the corpus for scripts/bench.sh instead;
//! `-- --scripts` measures only the shell-script scaling.

use std::hint::black_box;
use std::time::{Duration, Instant};

use importimage_lint::{DiskMapping, ImportImageRequest, Linter};

mod corpus;
use corpus::{generate, Form};

const ROUNDS: usize = 15;

/// Median wall time of one pass over `items`, over `ROUNDS` passes.
fn median<T>(items: &[T], mut f: impl FnMut(&T)) -> Duration {
    let mut times: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let t = Instant::now();
            for it in items {
                f(it);
            }
            t.elapsed()
        })
        .collect();
    times.sort();
    times[ROUNDS / 2]
}

fn per(d: Duration, n: usize) -> f64 {
    d.as_nanos() as f64 / n as f64
}

fn typed(pairs: &[(String, String)]) -> ImportImageRequest {
    let mut r = ImportImageRequest::new("");
    let mut disks: Vec<DiskMapping> = Vec::new();
    for (k, v) in pairs {
        match k.splitn(3, '.').collect::<Vec<_>>().as_slice() {
            ["RegionId"] => r.region_id = v.clone(),
            ["DiskDeviceMapping", n, field]
                if n.parse::<usize>().is_ok_and(|n| (1..=17).contains(&n)) =>
            {
                let n: usize = n.parse().unwrap();
                while disks.len() < n {
                    disks.push(DiskMapping::default());
                }
                let d = &mut disks[n - 1];
                match *field {
                    "OSSBucket" => d.oss_bucket = v.clone(),
                    "OSSObject" => d.oss_object = v.clone(),
                    "Format" => d.format = Some(v.clone()),
                    _ => match v.parse() {
                        Ok(s) => d.disk_image_size = Some(s),
                        Err(_) => r.params.push((k.clone(), v.clone())),
                    },
                }
            }
            _ => r.params.push((k.clone(), v.clone())),
        }
    }
    r.disks = disks;
    r
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--emit") {
        emit(args.get(i + 1).expect("--emit DIR"));
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--profile") {
        let rounds = args
            .get(i + 1)
            .map_or(1, |n| n.parse().expect("--profile ROUNDS"));
        let what = args
            .iter()
            .position(|a| a == "--what")
            .and_then(|i| args.get(i + 1))
            .map_or("lint", String::as_str);
        profile(rounds, args.iter().any(|a| a == "--valid-only"), what);
        return;
    }
    let linter = Linter::default();
    if !args.iter().any(|a| a == "--bench") {
        // `cargo test --all-targets` runs this binary too, without `--bench` (which `cargo
        // bench` passes): a smoke run that every generated form lints, not the full benchmark.
        let corpus = generate(300, 7, true);
        let linted = corpus
            .iter()
            .filter(|r| linter.lint_str(&r.text).valid)
            .count();
        assert!(
            linted > 0 && linted < corpus.len(),
            "{linted} of {}",
            corpus.len()
        );
        println!(
            "smoke run: {} requests lint; `cargo bench` measures",
            corpus.len()
        );
        return;
    }
    if args.iter().any(|a| a == "--scripts") {
        scripts(&linter);
        terraform(&linter);
        return;
    }
    if args.iter().any(|a| a == "--terraform") {
        terraform(&linter);
        return;
    }
    let corpus = generate(21_000, 7, true);
    let valid = corpus
        .iter()
        .filter(|r| linter.lint_str(&r.text).valid)
        .count();
    println!(
        "corpus: {} requests, {:.0}% valid",
        corpus.len(),
        100.0 * valid as f64 / corpus.len() as f64
    );

    let json: Vec<&str> = corpus
        .iter()
        .filter(|r| r.form != Form::Query)
        .map(|r| r.text.as_str())
        .collect();
    let query: Vec<&str> = corpus
        .iter()
        .filter(|r| r.form == Form::Query)
        .map(|r| r.text.as_str())
        .collect();
    let json_bytes: usize = json.iter().map(|s| s.len()).sum();

    let parse = median(&json, |s| {
        black_box(serde_json::from_str::<serde_json::Value>(black_box(s)).unwrap());
    });
    let lint = median(&json, |s| {
        let _ = black_box(linter.lint_json(black_box(s)));
    });
    println!(
        "lint_json        {:>8.0} ns/request   serde_json::from_str::<Value> {:>8.0} ns/request   ratio {:.2}x   ({} JSON requests, {:.0} MB/s)",
        per(lint, json.len()),
        per(parse, json.len()),
        lint.as_secs_f64() / parse.as_secs_f64(),
        json.len(),
        json_bytes as f64 / lint.as_secs_f64() / 1e6
    );
    peers(&linter, &corpus, parse);

    let q = median(&query, |s| {
        let _ = black_box(linter.lint_query(black_box(s)));
    });
    println!(
        "lint_query       {:>8.0} ns/request   ({} query requests)",
        per(q, query.len()),
        query.len()
    );

    let typed_requests: Vec<ImportImageRequest> = corpus.iter().map(|r| typed(&r.pairs)).collect();
    let t = median(&typed_requests, |r| {
        let _ = black_box(linter.lint_request(black_box(r)));
    });
    println!(
        "lint_request     {:>8.0} ns/request   (typed builder)",
        per(t, typed_requests.len())
    );

    let fields: Vec<(String, String)> = corpus
        .iter()
        .flat_map(|r| r.pairs.iter().take(3).cloned())
        .take(20_000)
        .collect();
    let f = median(&fields, |(k, v)| {
        black_box(linter.validate_field(black_box(k), black_box(v), None));
    });
    println!(
        "validate_field   {:>8.0} ns/field     (the npm package's validateField core path)",
        per(f, fields.len())
    );

    let all: Vec<&str> = corpus.iter().map(|r| r.text.as_str()).collect();
    let n = median(&all, |s| {
        let _ = black_box(linter.lint_str(black_box(s)));
    });
    println!(
        "native lint_str  {:>8.0} requests/s (all forms; compare with the npm package)",
        all.len() as f64 / n.as_secs_f64()
    );

    // Linearity: one request whose Description (JSON) or value (query) grows 1x, 10x, 100x.
    let mut base = None;
    for scale in [1usize, 10, 100] {
        let text = format!(
            r#"{{"RegionId": "cn-hangzhou", "Description": "{}", "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw"}}"#,
            "描述 text ".repeat(100 * scale)
        );
        let items = vec![text; 200];
        let d = median(&items, |s| {
            let _ = black_box(linter.lint_json(black_box(s)));
        });
        let ns_per_byte = per(d, items.len() * items[0].len());
        let b = *base.get_or_insert(ns_per_byte);
        println!("size {scale:>3}x ({:>7} bytes)  {ns_per_byte:.3} ns/byte   {:.2}x the 1x cost per byte", items[0].len(), ns_per_byte / b);
    }
    scripts(&linter);
    terraform(&linter);
}

/// A Terraform file of `n` `alicloud_image_import` resources, as a module that imports a
/// fleet of images writes them: a suppression comment, a fix, a computed value, two disks.
fn terraform_file(n: usize) -> String {
    let mut s = String::from("provider \"alicloud\" {\n  region = \"cn-hangzhou\"\n}\n");
    for i in 0..n {
        s.push_str(&format!(
            "\n# importimage-lint: ignore[description-url]\nresource \"alicloud_image_import\" \"img_{i}\" {{\n  image_name  = \"img-{i}\"\n  description = var.note\n  os_type     = \"Linux\"\n  disk_device_mapping {{\n    oss_bucket = \"ecsimageos\"\n    oss_object = \"img-{i}.qcow2\"\n    format     = \"qcow2\"\n  }}\n  disk_device_mapping {{\n    oss_bucket      = \"ecsimageos\"\n    oss_object      = \"data-{i}.raw\"\n    disk_image_size = 40\n  }}\n}}\n"
        ));
    }
    s
}

/// Linear time in the number of resources per file: the cost per byte of linting a `.tf`
/// file of 1, 100, 2,000 and 20,000 resources, each as a ratio to the 1-resource file's.
/// Medians of 5 passes over about 7 MB.
fn terraform(linter: &Linter) {
    use importimage_lint::embedded::{Context, Host, Providers};
    let mut base = None;
    for n in [1usize, 100, 2_000, 20_000] {
        let text = terraform_file(n);
        let copies = (20_000 / n).max(1);
        let items = vec![text; copies];
        let mut times: Vec<Duration> = (0..5)
            .map(|_| {
                let t = Instant::now();
                for s in &items {
                    // As the CLI does: the file's providers, then its resources.
                    let cx = Context::with_providers(Providers::read(s));
                    black_box(linter.lint_embedded(black_box(s), Host::Terraform, &cx));
                }
                t.elapsed()
            })
            .collect();
        times.sort();
        let bytes = items.len() * items[0].len();
        let s_per_mb = times[2].as_secs_f64() / (bytes as f64 / 1e6);
        let b = *base.get_or_insert(s_per_mb);
        println!(
            "terraform,    {n:>6} resources per file ({:>8} bytes x {copies:>5})  {:.3} s/MB   {:.2}x the 1-resource cost per byte",
            items[0].len(),
            s_per_mb,
            s_per_mb / b
        );
    }
}

/// A shell script of `n` aliyun commands, as a release pipeline writes them: continued
/// lines, both flag forms, a fix, a computed value, a credential flag, a comment.
fn script(n: usize) -> String {
    let mut s = String::from("#!/usr/bin/env bash\nset -euo pipefail\n");
    for i in 0..n {
        s.push_str(&format!(
            "# image {i}\naliyun --profile prod ecs ImportImage --RegionId cn-hangzhou --ImageName img-{i} --OSType linux \\\n  --DiskDeviceMapping.1.OSSBucket=ecsimageos --DiskDeviceMapping.1.OSSObject \"img-{i}.qcow2\" \\\n  --Description \"$NOTE\" --sts-token \"$STS\" --output cols=ImageId rows=ImageId\n"
        ));
    }
    s
}

/// Linear time in the number of requests per file: the cost per byte of linting a script
/// of 1, 100, 1,000 and 20,000 commands (every script is linted whole, as the CLI does),
/// each as a ratio to the 1-command script's. Medians of 5 passes over about 3.5 MB.
fn scripts(linter: &Linter) {
    use importimage_lint::embedded::{Context, Host};
    let cx = Context::default();
    let mut base = None;
    for n in [1usize, 100, 1_000, 20_000] {
        let text = script(n);
        let copies = (20_000 / n).max(1);
        let items = vec![text; copies];
        let mut times: Vec<Duration> = (0..5)
            .map(|_| {
                let t = Instant::now();
                for s in &items {
                    black_box(linter.lint_embedded(black_box(s), Host::AliyunCli, &cx));
                }
                t.elapsed()
            })
            .collect();
        times.sort();
        let bytes = items.len() * items[0].len();
        let s_per_mb = times[2].as_secs_f64() / (bytes as f64 / 1e6);
        let b = *base.get_or_insert(s_per_mb);
        println!(
            "shell script, {n:>6} commands per file ({:>8} bytes x {copies:>5})  {:.3} s/MB   {:.2}x the 1-command cost per byte",
            items[0].len(),
            s_per_mb,
            s_per_mb / b
        );
    }
}

/// The linter next to a JSON Schema validator (jsonschema-rs) running the schema
/// `importimage-lint schema` prints, on the same JSON requests: verdicts compared request by
/// request, then times as ratios of medians measured here.
fn peers(linter: &Linter, corpus: &[corpus::Request], parse: Duration) {
    use importimage_lint::schema::{schema, Form as SchemaForm};
    let compile = |form| {
        let s = serde_json::to_value(schema(linter.options().profile, form)).unwrap();
        jsonschema::validator_for(&s).unwrap()
    };
    let (flat, nested) = (compile(SchemaForm::Flat), compile(SchemaForm::Nested));
    let json: Vec<(&str, &jsonschema::Validator)> = corpus
        .iter()
        .filter_map(|r| match r.form {
            Form::FlatJson => Some((r.text.as_str(), &flat)),
            Form::NestedJson => Some((r.text.as_str(), &nested)),
            Form::Query => None,
        })
        .collect();
    let (mut same, mut stricter) = (0, 0);
    for (s, v) in &json {
        let doc: serde_json::Value = serde_json::from_str(s).unwrap();
        let (l, sc) = (linter.lint_json(s).valid, v.is_valid(&doc));
        same += usize::from(l == sc);
        stricter += usize::from(l && !sc);
    }
    println!(
        "peers: on {} JSON requests the schema agrees with the linter on {} ({:.1}%); it rejects {} the linter accepts",
        json.len(),
        same,
        100.0 * same as f64 / json.len() as f64,
        stricter
    );
    let is_valid = median(&json, |(s, v)| {
        let doc: serde_json::Value = serde_json::from_str(black_box(s)).unwrap();
        black_box(v.is_valid(&doc));
    });
    let iter_errors = median(&json, |(s, v)| {
        let doc: serde_json::Value = serde_json::from_str(black_box(s)).unwrap();
        black_box(
            v.iter_errors(&doc)
                .map(|e| e.to_string())
                .collect::<Vec<_>>(),
        );
    });
    let verdict = median(&json, |(s, _)| {
        black_box(linter.lint_json(black_box(s)).valid);
    });
    let verdict_only = median(&json, |(s, _)| {
        black_box(linter.is_valid_json(black_box(s)));
    });
    let report = median(&json, |(s, _)| {
        black_box(linter.lint_json(black_box(s)).to_json());
    });
    let report_serde = median(&json, |(s, _)| {
        black_box(serde_json::to_string(&linter.lint_json(black_box(s))).unwrap());
    });
    let rps = |d: Duration| json.len() as f64 / d.as_secs_f64();
    println!(
        "  serde_json::from_str::<Value> only     {:>9.0} requests/s   the floor",
        rps(parse)
    );
    println!(
        "  jsonschema-rs is_valid (parse incl.)   {:>9.0} requests/s",
        rps(is_valid)
    );
    println!(
        "  jsonschema-rs iter_errors (parse incl.){:>9.0} requests/s",
        rps(iter_errors)
    );
    println!(
        "  lint_json(..).valid                    {:>9.0} requests/s   {:.2}x is_valid; {:.2}x the parse time",
        rps(verdict),
        is_valid.as_secs_f64() / verdict.as_secs_f64(),
        verdict.as_secs_f64() / parse.as_secs_f64()
    );
    println!(
        "  is_valid_json (verdict only)           {:>9.0} requests/s   {:.2}x is_valid; {:.2}x the parse time",
        rps(verdict_only),
        is_valid.as_secs_f64() / verdict_only.as_secs_f64(),
        verdict_only.as_secs_f64() / parse.as_secs_f64()
    );
    println!(
        "  lint_json + report to JSON string      {:>9.0} requests/s   {:.2}x iter_errors",
        rps(report),
        iter_errors.as_secs_f64() / report.as_secs_f64()
    );
    println!(
        "  the same, the report by serde_json     {:>9.0} requests/s   {:.2}x iter_errors",
        rps(report_serde),
        iter_errors.as_secs_f64() / report_serde.as_secs_f64()
    );
}

/// Lints the corpus's JSON requests `rounds` times and nothing else, for a profiler
/// (`perf record`, or `valgrind --tool=callgrind` for exact instruction counts; the
/// difference between 2 rounds and 1 is one pass). `--what` picks the work: `lint`
/// (`lint_json`), `verdict` (`is_valid_json`), `report` (`lint_json` + `Report::to_json`),
/// `report-serde` (the same by `serde_json::to_string`) or `parse` (`serde_json::Value`).
fn profile(rounds: usize, valid_only: bool, what: &str) {
    let linter = Linter::default();
    let corpus = generate(21_000, 7, true);
    let json: Vec<&str> = corpus
        .iter()
        .filter(|r| r.form != Form::Query)
        .filter(|r| !valid_only || linter.lint_str(&r.text).valid)
        .map(|r| r.text.as_str())
        .collect();
    // The requests linted, for the profile's per-request figures.
    eprintln!("{} requests, {rounds} rounds", json.len());
    for _ in 0..rounds {
        for s in &json {
            match what {
                "verdict" => {
                    black_box(linter.is_valid_json(black_box(s)));
                }
                "report" => {
                    black_box(linter.lint_json(black_box(s)).to_json());
                }
                "report-serde" => {
                    black_box(serde_json::to_string(&linter.lint_json(black_box(s))).unwrap());
                }
                "parse" => {
                    black_box(serde_json::from_str::<serde_json::Value>(black_box(s)).unwrap());
                }
                _ => {
                    let _ = black_box(linter.lint_json(black_box(s)));
                }
            }
        }
    }
}

/// Writes the corpus for the whole-process and npm benchmarks.
fn emit(dir: &str) {
    let dir = std::path::Path::new(dir);
    std::fs::create_dir_all(dir.join("files")).unwrap();
    let corpus = generate(21_000, 7, true);
    let mut ndjson = String::new();
    for (i, r) in corpus.iter().enumerate() {
        if i < 1000 {
            let ext = if r.form == Form::Query {
                "query"
            } else {
                "json"
            };
            std::fs::write(
                dir.join("files")
                    .join(format!("r{i:04}.import-image.{ext}")),
                &r.text,
            )
            .unwrap();
        }
        if r.form != Form::Query {
            ndjson.push_str(&r.text);
            ndjson.push('\n');
        }
    }
    std::fs::write(dir.join("json-corpus.ndjson"), ndjson).unwrap();
    let nameless: String = generate(1000, 11, false)
        .iter()
        .map(|r| corpus::render(&r.pairs, Form::FlatJson) + "\n")
        .collect();
    std::fs::write(dir.join("nameless-1000.ndjson"), nameless).unwrap();
    let named: String = generate(1000, 13, true)
        .iter()
        .map(|r| corpus::render(&r.pairs, Form::FlatJson) + "\n")
        .collect();
    std::fs::write(dir.join("named-1000.ndjson"), named).unwrap();
}
