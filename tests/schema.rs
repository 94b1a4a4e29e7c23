//! The JSON Schemas `importimage-lint schema` prints: valid draft 2020-12; never rejecting
//! a request the linter accepts (on generated requests built from each profile's own
//! table, in every JSON form the linter reads: flat, nested with API names, nested with the
//! TypeScript models' camelCase and the Java models' spellings; on every fixture and every
//! real-client capture); checking what it can (Features members, enumerations); offering
//! editors real values only; and agreeing with the linter's verdict on the benchmark corpus
//! at the rate the README states.

#[allow(dead_code)]
#[path = "../benches/corpus.rs"]
mod corpus;

use importimage_lint::profile::{Kind, Param, Profile, Required, PROFILES};
use importimage_lint::schema::{schema, Form};
use importimage_lint::{Linter, Options};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

const FORMS: [Form; 3] = [Form::Any, Form::Flat, Form::Nested];

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

/// The TypeScript models' field name: the first letter lower-cased when a lower-case
/// letter follows (`RegionId` → `regionId`; `OSSBucket` stays).
fn camel(api: &str) -> String {
    let b = api.as_bytes();
    if b.len() >= 2 && b[1].is_ascii_lowercase() {
        api[..1].to_ascii_lowercase() + &api[1..]
    } else {
        api.to_owned()
    }
}

/// The Java models' field name: the leading capitals lower-cased, but the last of them
/// when a lower-case letter follows (`OSSBucket` → `ossBucket`, `OSType` → `osType`).
fn java(api: &str) -> String {
    let run = api.bytes().take_while(u8::is_ascii_uppercase).count();
    let lower = if run > 1 && run < api.len() {
        run - 1
    } else {
        run
    };
    api[..lower].to_ascii_lowercase() + &api[lower..]
}

/// Every name of a model document respelled, at every depth.
fn respell(doc: &Value, spell: fn(&str) -> String) -> Value {
    match doc {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (spell(k), respell(v, spell)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|v| respell(v, spell)).collect()),
        v => v.clone(),
    }
}

/// Every JSON form of one request the linter reads.
fn forms(p: &Profile, r: &Flat) -> Vec<(&'static str, Value)> {
    let nested = nested_json(p, r);
    vec![
        ("flat", flat_json(r)),
        ("camelCase", respell(&nested, camel)),
        ("Java", respell(&nested, java)),
        ("nested", nested),
    ]
}

fn never_rejects_accepted(p: &'static Profile) {
    let lint = linter(p);
    let schemas: Vec<(Form, jsonschema::Validator)> =
        FORMS.iter().map(|&f| (f, validator(p, f))).collect();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 3000,
        ..ProptestConfig::default()
    });
    let accepted = std::cell::Cell::new(0);
    let rejected = std::cell::Cell::new(0);
    runner
        .run(&request(p), |r| {
            for (form, doc) in forms(p, &r) {
                let text = doc.to_string();
                let valid = lint.lint_str(&text).valid;
                accepted.set(accepted.get() + usize::from(valid));
                for (schema_form, v) in &schemas {
                    if valid {
                        let errors: Vec<String> = v
                            .iter_errors(&doc)
                            .map(|e| format!("{} at {}", e, e.instance_path()))
                            .collect();
                        prop_assert!(
                            errors.is_empty(),
                            "{} {form} (schema {schema_form:?}): the linter accepts {text} but the schema says {errors:?}",
                            p.id
                        );
                    } else if *schema_form == Form::Any && !v.is_valid(&doc) {
                        rejected.set(rejected.get() + 1);
                    }
                }
            }
            Ok(())
        })
        .unwrap();
    let (accepted, rejected) = (accepted.get(), rejected.get());
    println!(
        "{}: {accepted} accepted requests checked against every schema; the schema also rejects {rejected} the linter rejects",
        p.id
    );
    assert!(
        accepted > 1200,
        "{}: only {accepted} accepted requests were tried",
        p.id
    );
    assert!(
        rejected > 300,
        "{}: the schema rejects only {rejected}",
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
    let v = &validator(p, Form::Any);
    let (mut same, mut total, mut schema_stricter) = (0, 0, 0);
    for r in corpus::generate(20_000, 7, true) {
        if let corpus::Form::Query = r.form {
            continue;
        }
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
        for (name, form) in [
            ("any", Form::Any),
            ("flat", Form::Flat),
            ("nested", Form::Nested),
        ] {
            let out = run(&["schema", "--profile", p.id, "--form", name]);
            assert_eq!(out.status.code(), Some(0));
            let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(printed, serde_json::to_value(schema(p, form)).unwrap());
        }
    }
    let default: Value = serde_json::from_slice(&run(&["schema"]).stdout).unwrap();
    assert_eq!(
        default,
        serde_json::to_value(schema(PROFILES[0], Form::Any)).unwrap()
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
        for form in FORMS {
            assert_eq!(validator(PROFILES[0], form).is_valid(&doc), valid, "{file}");
        }
    }
}

/// The profile a fixture is linted under: `current.` names the current API.
fn profile_of(path: &std::path::Path) -> &'static Profile {
    let name = path.file_name().unwrap().to_string_lossy();
    if name.starts_with("current.") {
        PROFILES[1]
    } else {
        PROFILES[0]
    }
}

/// Every JSON file under a folder, recursively, in name order.
fn json_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            out.extend(json_files(&p));
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
    out
}

/// No request fixture and no real-client capture the linter accepts is rejected, under any
/// profile; the captures regenerated by the test command are read too
/// (`CONFORMANCE_CAPTURES`).
#[test]
fn no_fixture_or_capture_the_linter_accepts_is_rejected() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = json_files(&root.join("tests/fixtures"));
    files.retain(|f| !f.components().any(|c| c.as_os_str() == "role"));
    let captures = json_files(&root.join("tests/conformance/captures"));
    let regenerated = std::env::var_os("CONFORMANCE_CAPTURES")
        .map(|d| json_files(std::path::Path::new(&d)))
        .unwrap_or_default();
    let validators: Vec<Vec<(Form, jsonschema::Validator)>> = PROFILES
        .iter()
        .map(|p| FORMS.iter().map(|&f| (f, validator(p, f))).collect())
        .collect();
    let (mut checked, mut rejected_too) = (0, 0);
    for (file, profiles) in files.iter().map(|f| (f, vec![profile_of(f)])).chain(
        captures
            .iter()
            .chain(&regenerated)
            .map(|f| (f, PROFILES.to_vec())),
    ) {
        let text = std::fs::read_to_string(file).unwrap();
        let Ok(doc) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        for p in profiles {
            let valid = linter(p).lint_str(&text).valid;
            let i = PROFILES.iter().position(|q| q.id == p.id).unwrap();
            for (form, v) in &validators[i] {
                let (form, ok) = (*form, v.is_valid(&doc));
                assert!(
                    ok || !valid,
                    "{} ({}, {form:?}): the linter accepts it, the schema rejects it",
                    file.display(),
                    p.id
                );
                rejected_too += usize::from(form == Form::Any && !ok && !valid);
            }
            checked += 1;
        }
    }
    println!("{checked} files checked; the schema also rejects {rejected_too} the linter rejects");
    assert!(checked > 300, "only {checked} files");
}

/// The README's SDK-model examples, and the Java models' spellings.
#[test]
fn sdk_models_in_every_spelling_are_accepted() {
    for doc in [
        json!({"regionId": "cn-hangzhou", "diskDeviceMapping": [{"OSSBucket": "ecsimageos", "diskImageSize": 40, "format": "qcow2", "OSSObject": "a.qcow2"}]}),
        json!({"regionId": "cn-hangzhou", "diskDeviceMapping": [{"ossBucket": "ecsimageos", "ossObject": "a.raw"}], "osType": "Linux"}),
        json!({"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"OSSBucket": "ecsimageos", "OSSObject": "a.raw"}, null, {}]}),
    ] {
        assert!(
            linter(PROFILES[0]).lint_str(&doc.to_string()).valid,
            "{doc}"
        );
        for p in PROFILES {
            for form in FORMS {
                assert!(validator(p, form).is_valid(&doc), "{} {form:?} {doc}", p.id);
            }
        }
    }
    // A spelling is read only in a model document: in a flat one, regionId is unknown and
    // RegionId missing, for the linter and the schema alike.
    let flat = json!({"regionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw"});
    assert!(!linter(PROFILES[0]).lint_str(&flat.to_string()).valid);
    assert!(!validator(PROFILES[0], Form::Any).is_valid(&flat));
    // Values are checked under every spelling.
    let bad = json!({"regionId": "cn-hangzhou", "diskDeviceMapping": [{"ossBucket": "Bad_Bucket", "ossObject": "a.raw"}]});
    assert!(!linter(PROFILES[0]).lint_str(&bad.to_string()).valid);
    assert!(!validator(PROFILES[0], Form::Any).is_valid(&bad));
}

/// In a nested list the first element is the system disk, with its own size range (2019-01:
/// 5–500 GiB, the data disks 5–1000), as in the flat names.
#[test]
fn the_nested_system_disk_keeps_its_own_range() {
    let p = PROFILES[0];
    let v = validator(p, Form::Any);
    let disk =
        |size: u64| json!({"OSSBucket": "ecsimageos", "OSSObject": "a.raw", "DiskImageSize": size});
    for (disks, valid) in [
        (json!([disk(500)]), true),
        (json!([disk(600)]), false),
        (json!([disk(40), disk(600)]), true),
        (json!([disk(40), disk(1001)]), false),
        (
            json!([{"ossBucket": "ecsimageos", "ossObject": "a.raw", "diskImageSize": 600}]),
            false,
        ),
    ] {
        let doc = json!({"RegionId": "cn-hangzhou", "DiskDeviceMapping": disks});
        assert_eq!(linter(p).lint_str(&doc.to_string()).valid, valid, "{doc}");
        assert_eq!(v.is_valid(&doc), valid, "{doc}");
    }
}

/// Under `current`, Features members are members: checked in the nested object, in any
/// spelling, and flat.
#[test]
fn features_members_are_checked() {
    let current = PROFILES[1];
    let v = validator(current, Form::Any);
    let base = json!({"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"OSSBucket": "ecsimageos", "OSSObject": "a.raw"}]});
    let with = |key: &str, value: Value| {
        let mut d = base.clone();
        d[key] = value;
        d
    };
    for (doc, valid) in [
        (with("Features", json!({"ImdsSupport": "v2"})), true),
        (with("Features", json!({"ImdsSupport": "v3"})), false),
        (with("features", json!({"imdsSupport": "v3"})), false),
        (with("Features", json!({"NvmeSupport": "supported"})), true),
        (with("Features", json!({"NvmeSupport": "yes"})), false),
        (with("Features", json!(null)), true),
        (with("Features", json!("v2")), false),
    ] {
        assert_eq!(
            linter(current).lint_str(&doc.to_string()).valid,
            valid,
            "{doc}"
        );
        assert_eq!(v.is_valid(&doc), valid, "{doc}");
    }
    let flat = json!({"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw", "Features.ImdsSupport": "v3"});
    assert!(!linter(current).lint_str(&flat.to_string()).valid);
    assert!(!v.is_valid(&flat));
}

/// What editors offer: every enumeration and snippet holds real values only (never null
/// nor an empty string), the flat names of every disk are properties (so they complete),
/// and every pattern and `not` says in words what it asks.
#[test]
fn editors_are_offered_real_values_and_readable_messages() {
    // What completion reads: a property's schema and its allOf/anyOf/oneOf, not what only
    // validates (`if`, `then`, `else`, `not`).
    fn walk(v: &Value, path: &str, out: &mut Vec<String>) {
        let offered = !["/if", "/then", "/else", "/not"]
            .iter()
            .any(|k| path.contains(k));
        match v {
            Value::Object(m) => {
                for key in ["enum", "examples"].into_iter().filter(|_| offered) {
                    if let Some(Value::Array(values)) = m.get(key) {
                        for x in values {
                            if x.is_null() || x == "" {
                                out.push(format!("{path}/{key} offers {x}"));
                            }
                        }
                    }
                }
                if let (Some(Value::Array(snippets)), true) = (m.get("defaultSnippets"), offered) {
                    for s in snippets {
                        if s["body"].is_null() || s["body"] == "" {
                            out.push(format!("{path}/defaultSnippets offers {}", s["body"]));
                        }
                    }
                }
                if m.contains_key("pattern") && !m.contains_key("patternErrorMessage") {
                    out.push(format!("{path} has a pattern without a message"));
                }
                if m.contains_key("not") && !m.contains_key("errorMessage") {
                    out.push(format!("{path} has a `not` without a message"));
                }
                for (k, x) in m {
                    walk(x, &format!("{path}/{k}"), out);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, &format!("{path}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    for p in PROFILES {
        let s = serde_json::to_value(schema(p, Form::Any)).unwrap();
        let mut problems = Vec::new();
        walk(&s, "#", &mut problems);
        assert!(problems.is_empty(), "{}: {problems:#?}", p.id);
        let props = s["properties"].as_object().unwrap();
        for n in 1..=17 {
            assert!(props.contains_key(&format!("DiskDeviceMapping.{n}.OSSBucket")));
        }
        assert!(!props.contains_key("DiskDeviceMapping.18.OSSBucket"));
        // The system disk's range is its own, the data disks' theirs (2019-01: 500, 1000).
        let size = |n: u32| {
            let r = props[&format!("DiskDeviceMapping.{n}.DiskImageSize")]["$ref"]
                .as_str()
                .unwrap()
                .trim_start_matches("#/$defs/")
                .to_owned();
            s["$defs"][&r]["markdownDescription"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        assert!(
            size(1).contains("5–500 GiB") || p.id != "2019-01",
            "{}",
            size(1)
        );
        let def = &s["$defs"]["ImageName"];
        assert!(def["markdownDescription"]
            .as_str()
            .unwrap()
            .contains("[`image-name-length`]("));
    }
}
