//! The JSON Schemas `importimage-lint schema` prints: valid draft 2020-12; never rejecting
//! a request the linter accepts (on generated requests built from each profile's own
//! table, in both forms); and agreeing with the linter's verdict on the benchmark corpus
//! at the rate the README states.

#[allow(dead_code)]
#[path = "../benches/corpus.rs"]
mod corpus;

use importimage_lint::profile::{Kind, Param, Profile, Required, PROFILES};
use importimage_lint::schema::{schema, Form};
use importimage_lint::{Linter, Options};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn validator(p: &Profile, form: Form) -> jsonschema::Validator {
    let s = serde_json::to_value(schema(p, form)).unwrap();
    jsonschema::validator_for(&s).expect("the schema compiles")
}

fn linter(p: &'static Profile) -> Linter {
    Linter::new(Options::default().with_profile(p))
}

#[test]
fn every_schema_is_valid_draft_2020_12() {
    for p in PROFILES {
        for form in [Form::Flat, Form::Nested] {
            let s = serde_json::to_value(schema(p, form)).unwrap();
            assert!(jsonschema::meta::is_valid(&s), "{} {form:?}", p.id);
            assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        }
    }
}

/// Values worth trying for a parameter, derived from its table entry: at and past each
/// limit, each spelling and case variant, and the values every parameter may meet.
fn candidates(p: &Param, regions: &[&str]) -> Vec<Value> {
    let mut v: Vec<Value> = vec![
        Value::Null,
        json!(""),
        json!(5),
        json!(true),
        json!([]),
        json!({}),
    ];
    let s = |x: &str| Value::String(x.to_owned());
    match p.kind() {
        Kind::Enum(c) => {
            for value in c.spellings() {
                v.extend([
                    s(value),
                    s(&value.to_lowercase()),
                    s(&value.to_uppercase()),
                    s(&format!(" {value}")),
                ]);
            }
            v.push(s("Other"));
        }
        Kind::Text(t) => {
            let (min, max) = (t.min.max(1), t.max);
            for len in [min - 1, min, min + 1, max, max + 1] {
                v.push(s(&format!("a{}", "b".repeat(len.saturating_sub(1)))));
            }
            for x in [
                "web-1",
                "web_1",
                "web:1",
                "web.1",
                "web 1",
                "7web",
                "_web",
                "镜像名称",
                "名称-1",
                "web-é",
                "web😀",
                "aliyun-web",
                "acs:web",
                "Acs:web",
                "http://x",
                "web http://x",
                "HTTPS://x",
                "a\u{202e}b",
                "web ",
            ] {
                v.push(s(x));
            }
        }
        Kind::Integer(i) => {
            for b in i.ranges {
                for n in [b.min.saturating_sub(1), b.min, b.max, b.max + 1] {
                    v.extend([
                        json!(n),
                        s(&n.to_string()),
                        s(&format!(" {n} ")),
                        s(&format!("{n}GiB")),
                    ]);
                }
            }
            v.extend([json!(-1), json!(40.0), s("-1"), s("040"), s("4e1")]);
        }
        Kind::Bool => v.extend([
            json!(false),
            s("true"),
            s("True"),
            s("FALSE"),
            s("yes"),
            s(" true"),
        ]),
        Kind::Region => {
            v.extend(regions.iter().take(3).map(|r| s(r)));
            v.extend([
                s("cn-nowhere-9"),
                s("CN-hangzhou"),
                s("cn_hangzhou"),
                s("hangzhou"),
            ]);
        }
        Kind::OssBucket => v.extend(
            [
                "ecsimageos",
                "b12",
                "ab",
                "-bad",
                "Bad",
                "b.oss-cn-hangzhou.aliyuncs.com",
                "oss://b",
            ]
            .map(s),
        ),
        Kind::OssObject => {
            v.extend(
                [
                    "a.raw",
                    "dir/a.qcow2",
                    "/a.raw",
                    "\\a.raw",
                    "oss://b/a.raw",
                    "http://b/a",
                    "镜像.raw",
                    "a.vhd",
                ]
                .map(s),
            );
            v.push(s(&"k".repeat(1023)));
            v.push(s(&"k".repeat(1024)));
            v.push(s(&"镜".repeat(400)));
        }
        Kind::Timestamp => v.extend(
            [
                "2019-01-01T12:00:00Z",
                "2019-02-30T12:00:00Z",
                "2019-01-01 12:00:00",
            ]
            .map(s),
        ),
        Kind::CloudBoxArn => v.extend(
            [
                "arn:acs:cloudbox:cn-hangzhou:123:cloudbox/cb-1",
                "arn:acs:cloudbox:cn-beijing:123:cloudbox/cb-1",
                "arn:x",
            ]
            .map(s),
        ),
        _ => v.extend(["x", "2014-05-26", "JSON"].map(s)),
    }
    v
}

/// A request as flat API names and values.
type Flat = Vec<(String, Value)>;

/// A valid request from the table (RegionId and each disk's required fields, disks
/// 1..=disks), with up to five parameters set to one of their candidate values: most such
/// requests are accepted, and each probes a limit.
fn request(p: &'static Profile) -> impl Strategy<Value = Flat> {
    let table: Vec<(&'static Param, Vec<Value>)> = p
        .params
        .iter()
        .map(|q| (q, candidates(q, p.regions)))
        .collect();
    let edits = prop::collection::vec(
        (0..table.len(), any::<prop::sample::Index>(), 1u32..=3),
        0..=5,
    );
    (edits, 1u32..=3).prop_map(move |(edits, disks)| {
        let mut out = vec![("RegionId".to_owned(), json!("cn-hangzhou"))];
        for n in 1..=disks {
            for q in p
                .params
                .iter()
                .filter(|q| q.required() == Required::PerIndex)
            {
                let v = match q.kind() {
                    Kind::OssBucket => json!("ecsimageos"),
                    _ => json!(format!("disk{n}.raw")),
                };
                out.push((q.flat(n), v));
            }
        }
        for (i, pick, n) in edits {
            let (q, values) = &table[i];
            let name = if q.family().is_some() {
                q.flat(n)
            } else {
                q.name().to_owned()
            };
            let value = pick.get(values).clone();
            match out.iter_mut().find(|(k, _)| *k == name) {
                Some(slot) => slot.1 = value,
                None => out.push((name, value)),
            }
        }
        out
    })
}

fn flat_json(r: &Flat) -> Value {
    Value::Object(r.iter().cloned().collect::<Map<_, _>>())
}

/// The same request in the SDK's nested shape.
fn nested_json(p: &Profile, r: &Flat) -> Value {
    let mut top = Map::new();
    let mut families: Vec<(String, Vec<Map<String, Value>>)> = Vec::new();
    for (k, v) in r {
        let parts: Vec<&str> = k.splitn(3, '.').collect();
        match parts.as_slice() {
            [family, n, field] if p.family(family).is_some() && n.parse::<usize>().is_ok() => {
                let n: usize = n.parse().unwrap();
                let entry = match families.iter_mut().position(|(f, _)| f == family) {
                    Some(i) => &mut families[i].1,
                    None => {
                        families.push((family.to_string(), Vec::new()));
                        &mut families.last_mut().unwrap().1
                    }
                };
                while entry.len() < n {
                    entry.push(Map::new());
                }
                entry[n - 1].insert(field.to_string(), v.clone());
            }
            [group, field] if p.params.iter().any(|q| q.group() == Some(group)) => {
                top.entry(group.to_string())
                    .or_insert_with(|| Value::Object(Map::new()))
                    .as_object_mut()
                    .unwrap()
                    .insert(field.to_string(), v.clone());
            }
            _ => {
                top.insert(k.clone(), v.clone());
            }
        }
    }
    for (family, members) in families {
        top.insert(
            family,
            Value::Array(members.into_iter().map(Value::Object).collect()),
        );
    }
    Value::Object(top)
}

fn never_rejects_accepted(p: &'static Profile) {
    let lint = linter(p);
    let flat = validator(p, Form::Flat);
    let nested = validator(p, Form::Nested);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 3000,
        ..ProptestConfig::default()
    });
    let accepted = std::cell::Cell::new(0);
    runner
        .run(&request(p), |r| {
            for (form, doc, v) in [
                ("flat", flat_json(&r), &flat),
                ("nested", nested_json(p, &r), &nested),
            ] {
                let text = doc.to_string();
                if lint.lint_str(&text).valid {
                    accepted.set(accepted.get() + 1);
                    let errors: Vec<String> = v
                        .iter_errors(&doc)
                        .map(|e| format!("{} at {}", e, e.instance_path()))
                        .collect();
                    prop_assert!(
                        errors.is_empty(),
                        "{} {form}: the linter accepts {text} but the schema says {errors:?}",
                        p.id
                    );
                }
            }
            Ok(())
        })
        .unwrap();
    let accepted = accepted.get();
    println!(
        "{}: {accepted} accepted requests checked against both schemas",
        p.id
    );
    assert!(
        accepted > 300,
        "{}: only {accepted} accepted requests were tried",
        p.id
    );
}

#[test]
fn the_2019_schema_never_rejects_what_the_linter_accepts() {
    never_rejects_accepted(PROFILES[0]);
}

#[test]
fn the_current_schema_never_rejects_what_the_linter_accepts() {
    never_rejects_accepted(PROFILES[1]);
}

/// The share of the benchmark corpus's JSON requests on which the schema and the linter
/// give the same verdict; the README states it.
#[test]
fn agreement_with_the_linter_on_the_benchmark_corpus() {
    let p = PROFILES[0];
    let lint = linter(p);
    let (flat, nested) = (validator(p, Form::Flat), validator(p, Form::Nested));
    let (mut same, mut total, mut schema_stricter) = (0, 0, 0);
    for r in corpus::generate(20_000, 7, true) {
        let v = match r.form {
            corpus::Form::FlatJson => &flat,
            corpus::Form::NestedJson => &nested,
            corpus::Form::Query => continue,
        };
        let doc: Value = serde_json::from_str(&r.text).unwrap();
        let (linter_ok, schema_ok) = (lint.lint_str(&r.text).valid, v.is_valid(&doc));
        total += 1;
        same += usize::from(linter_ok == schema_ok);
        schema_stricter += usize::from(linter_ok && !schema_ok);
    }
    let rate = same as f64 / total as f64;
    println!("agreement on {total} corpus requests: {:.1}%", rate * 100.0);
    assert_eq!(
        schema_stricter, 0,
        "the schema rejected requests the linter accepts"
    );
    assert!(rate >= 0.95, "agreement {rate}");
}

/// Cases the property tests once found, kept so they stay fixed.
#[test]
fn found_cases_stay_accepted() {
    let current = PROFILES[1];
    let flat = validator(current, Form::Flat);
    for doc in [
        // arm64 with BootMode null: null is absent, and absent takes UEFI.
        json!({"Architecture": "arm64", "BootMode": null, "RegionId": "cn-hangzhou",
               "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw"}),
        json!({"Architecture": "arm64", "BootMode": "", "RegionId": "cn-hangzhou",
               "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw"}),
    ] {
        assert!(linter(current).lint_str(&doc.to_string()).valid, "{doc}");
        assert!(flat.is_valid(&doc), "{doc}");
    }
}

#[test]
fn the_cli_prints_the_schemas() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_importimage-lint"))
            .args(args)
            .output()
            .unwrap()
    };
    for p in PROFILES {
        for (name, form) in [("flat", Form::Flat), ("nested", Form::Nested)] {
            let out = run(&["schema", "--profile", p.id, "--form", name]);
            assert_eq!(out.status.code(), Some(0));
            let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(printed, serde_json::to_value(schema(p, form)).unwrap());
        }
    }
    let default: Value = serde_json::from_slice(&run(&["schema"]).stdout).unwrap();
    assert_eq!(
        default,
        serde_json::to_value(schema(PROFILES[0], Form::Flat)).unwrap()
    );
    let bad = run(&["schema", "--profile", "2030"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown profile `2030`"));
}

#[test]
fn the_bundled_examples_validate_as_the_linter_judges_them() {
    for (file, valid) in [
        ("import-image.json", true),
        ("bad-import-image.json", false),
    ] {
        let text =
            std::fs::read_to_string(format!("{}/examples/{file}", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        let doc: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(importimage_lint::lint_str(&text).valid, valid);
        assert_eq!(
            validator(PROFILES[0], Form::Nested).is_valid(&doc),
            valid,
            "{file}"
        );
    }
}
