//! The public API, kept honest over releases: every public item of the library (modules,
//! types, fields, variants, functions with their signatures, methods, trait impls, and the
//! `non_exhaustive`, `must_use` and `deprecated` marks) listed from rustdoc's JSON and
//! compared with tests/public-api.txt. A change to the API shows as a diff of that file,
//! to be reviewed with its semver consequence and recorded in CHANGELOG.md.
//!
//! Rustdoc's JSON output is unstable, so it is asked for with `RUSTC_BOOTSTRAP=1` on the
//! stable toolchain (no nightly to install); the listing reads only the fields it needs.
//! After an intended change: `UPDATE_PUBLIC_API=1 cargo test --test public_api`.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

struct Doc<'a> {
    index: &'a serde_json::Map<String, Value>,
    out: BTreeSet<String>,
}

fn key(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A type as Rust writes it (the forms the API uses; others as `_`).
fn ty(t: &Value) -> String {
    let (kind, v) = match t.as_object().and_then(|o| o.iter().next()) {
        Some(kv) => kv,
        None => return "_".into(),
    };
    match kind.as_str() {
        "primitive" | "generic" => v.as_str().unwrap_or("_").to_owned(),
        "resolved_path" => {
            let path = v["path"].as_str().unwrap_or("_");
            let path = path.rsplit("::").next().unwrap_or(path);
            format!("{path}{}", args(&v["args"]))
        }
        "borrowed_ref" => {
            let lt = v["lifetime"]
                .as_str()
                .map(|l| format!("{l} "))
                .unwrap_or_default();
            let m = if v["is_mutable"].as_bool() == Some(true) {
                "mut "
            } else {
                ""
            };
            format!("&{lt}{m}{}", ty(&v["type"]))
        }
        "slice" => format!("[{}]", ty(v)),
        "array" => format!("[{}; {}]", ty(&v["type"]), v["len"].as_str().unwrap_or("_")),
        "tuple" => {
            let items: Vec<String> = v.as_array().into_iter().flatten().map(ty).collect();
            format!("({})", items.join(", "))
        }
        "impl_trait" => {
            let bounds: Vec<String> = v.as_array().into_iter().flatten().map(bound).collect();
            format!("impl {}", bounds.join(" + "))
        }
        "dyn_trait" => {
            let traits: Vec<String> = v["traits"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| {
                    let p = t["trait"]["path"].as_str().unwrap_or("_");
                    format!(
                        "{}{}",
                        p.rsplit("::").next().unwrap_or(p),
                        args(&t["trait"]["args"])
                    )
                })
                .collect();
            format!("dyn {}", traits.join(" + "))
        }
        "qualified_path" => format!(
            "<{}>::{}",
            ty(&v["self_type"]),
            v["name"].as_str().unwrap_or("_")
        ),
        _ => "_".into(),
    }
}

fn bound(b: &Value) -> String {
    if let Some(t) = b.get("trait_bound") {
        let p = t["trait"]["path"].as_str().unwrap_or("_");
        format!(
            "{}{}",
            p.rsplit("::").next().unwrap_or(p),
            args(&t["trait"]["args"])
        )
    } else if let Some(l) = b.get("outlives") {
        l.as_str().unwrap_or("_").to_owned()
    } else {
        "_".into()
    }
}

fn args(a: &Value) -> String {
    let Some(ab) = a.get("angle_bracketed") else {
        return String::new();
    };
    let mut parts: Vec<String> = ab["args"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|x| {
            if let Some(t) = x.get("type") {
                ty(t)
            } else if let Some(l) = x.get("lifetime") {
                l.as_str().unwrap_or("_").to_owned()
            } else {
                "_".into()
            }
        })
        .collect();
    for c in ab["constraints"].as_array().into_iter().flatten() {
        let name = c["name"].as_str().unwrap_or("_");
        if let Some(t) = c["binding"].get("equality").and_then(|e| e.get("type")) {
            parts.push(format!("{name} = {}", ty(t)));
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("<{}>", parts.join(", "))
    }
}

fn generics(g: &Value) -> String {
    let params: Vec<String> = g["params"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["kind"]["type"]["is_synthetic"].as_bool() != Some(true))
        .map(|p| {
            let name = p["name"].as_str().unwrap_or("_").to_owned();
            let bounds: Vec<String> = p["kind"]["type"]["bounds"]
                .as_array()
                .into_iter()
                .flatten()
                .map(bound)
                .collect();
            if bounds.is_empty() {
                name
            } else {
                format!("{name}: {}", bounds.join(" + "))
            }
        })
        .collect();
    if params.is_empty() {
        String::new()
    } else {
        format!("<{}>", params.join(", "))
    }
}

fn signature(f: &Value) -> String {
    let inputs: Vec<String> = f["sig"]["inputs"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| format!("{}: {}", p[0].as_str().unwrap_or("_"), ty(&p[1])))
        .collect();
    let out = match &f["sig"]["output"] {
        Value::Null => String::new(),
        o => format!(" -> {}", ty(o)),
    };
    let konst = if f["header"]["is_const"].as_bool() == Some(true) {
        "const "
    } else {
        ""
    };
    format!(
        "{konst}fn{}({}){out}",
        generics(&f["generics"]),
        inputs.join(", ")
    )
}

fn marks(item: &Value) -> String {
    let attrs = item["attrs"].to_string();
    let mut m = String::new();
    for a in ["non_exhaustive", "must_use"] {
        if attrs.contains(a) {
            m.push_str(&format!(" #[{a}]"));
        }
    }
    if !item["deprecation"].is_null() {
        m.push_str(" #[deprecated]");
    }
    m
}

impl<'a> Doc<'a> {
    fn item(&self, id: &Value) -> Option<&'a Value> {
        self.index.get(&key(id))
    }

    fn push(&mut self, line: String) {
        self.out.insert(line);
    }

    fn impls(&mut self, path: &str, impls: &Value) {
        for id in impls.as_array().into_iter().flatten() {
            let Some(imp) = self.item(id) else { continue };
            let i = &imp["inner"]["impl"];
            if i["is_synthetic"].as_bool() == Some(true) || !i["blanket_impl"].is_null() {
                continue;
            }
            match i["trait"].as_object() {
                Some(t) => {
                    let p = t["path"].as_str().unwrap_or("_");
                    let args = args(&t["args"]);
                    let name = p.rsplit("::").next().unwrap_or(p);
                    self.push(format!("impl {name}{args} for {path}"));
                }
                None => {
                    for m in i["items"].as_array().into_iter().flatten() {
                        let Some(mi) = self.item(m) else { continue };
                        if mi["visibility"] != "public" {
                            continue;
                        }
                        let name = mi["name"].as_str().unwrap_or("_");
                        let line = match mi["inner"].get("function") {
                            Some(f) => format!("{path}::{name}: {}{}", signature(f), marks(mi)),
                            None => format!("{path}::{name}{}", marks(mi)),
                        };
                        self.push(line);
                    }
                }
            }
        }
    }

    fn walk(&mut self, id: &Value, path: &str, depth: usize, alias: Option<&str>) {
        let Some(item) = self.item(id) else {
            return;
        };
        let name = alias.or(item["name"].as_str()).unwrap_or("_").to_owned();
        let (kind, inner) = item["inner"].as_object().unwrap().iter().next().unwrap();
        let here = if depth == 0 {
            "crate".to_owned()
        } else {
            format!("{path}::{name}")
        };
        let m = marks(item);
        match kind.as_str() {
            "module" => {
                self.push(format!("mod {here}"));
                for child in inner["items"].as_array().into_iter().flatten() {
                    if self
                        .item(child)
                        .is_some_and(|c| c["visibility"] == "public")
                    {
                        self.walk(child, &here, depth + 1, None);
                    }
                }
            }
            "use" => {
                let alias = inner["name"].as_str().unwrap_or("_");
                match inner["id"]
                    .as_u64()
                    .map(Value::from)
                    .filter(|t| self.item(t).is_some())
                {
                    // Walk the target under the name it is re-exported as.
                    Some(target) if depth < 8 => self.walk(&target, path, depth, Some(alias)),
                    _ => self.push(format!(
                        "use {path}::{alias} = {}",
                        inner["source"].as_str().unwrap_or("_")
                    )),
                }
            }
            "struct" => {
                self.push(format!("struct {here}{}{m}", generics(&inner["generics"])));
                for f in inner["kind"]["plain"]["fields"]
                    .as_array()
                    .into_iter()
                    .flatten()
                {
                    if let Some(fi) = self.item(f) {
                        let line = format!(
                            "field {here}.{}: {}",
                            fi["name"].as_str().unwrap_or("_"),
                            ty(&fi["inner"]["struct_field"])
                        );
                        self.push(line);
                    }
                }
                self.impls(&here, &inner["impls"]);
            }
            "enum" => {
                self.push(format!("enum {here}{}{m}", generics(&inner["generics"])));
                for v in inner["variants"].as_array().into_iter().flatten() {
                    if let Some(vi) = self.item(v) {
                        self.push(format!(
                            "variant {here}::{}",
                            vi["name"].as_str().unwrap_or("_")
                        ));
                    }
                }
                self.impls(&here, &inner["impls"]);
            }
            "function" => self.push(format!("fn {here}: {}{m}", signature(inner))),
            "constant" => self.push(format!("const {here}: {}", ty(&inner["type"]))),
            "static" => self.push(format!("static {here}: {}", ty(&inner["type"]))),
            "type_alias" => self.push(format!("type {here} = {}", ty(&inner["type"]))),
            other => self.push(format!("{other} {here}{m}")),
        }
    }
}

#[test]
fn public_api_matches_the_recorded_listing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = root.join("target/public-api");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // Every library feature but the CLI's own (the library API a user can reach).
    let status = Command::new(cargo)
        .current_dir(root)
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTDOCFLAGS")
        .args([
            "rustdoc",
            "-q",
            "--lib",
            "--no-default-features",
            "--features",
            "config,terraform",
        ])
        .args(["--", "-Z", "unstable-options", "--output-format", "json"])
        .status()
        .expect("cargo runs");
    assert!(
        status.success(),
        "cargo rustdoc --output-format json failed"
    );
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(target.join("doc/importimage_lint.json")).unwrap(),
    )
    .unwrap();
    let mut doc = Doc {
        index: json["index"].as_object().unwrap(),
        out: BTreeSet::new(),
    };
    doc.walk(&json["root"], "", 0, None);
    let listing: String = doc.out.iter().map(|l| format!("{l}\n")).collect();
    assert!(listing.contains("struct crate::Report"), "{listing}");
    let recorded = root.join("tests/public-api.txt");
    if std::env::var_os("UPDATE_PUBLIC_API").is_some() {
        std::fs::write(&recorded, &listing).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&recorded).unwrap_or_default();
    if expected != listing {
        let old: BTreeSet<&str> = expected.lines().collect();
        let new: BTreeSet<&str> = listing.lines().collect();
        let removed: Vec<_> = old.difference(&new).collect();
        let added: Vec<_> = new.difference(&old).collect();
        panic!(
            "the public API changed (removed: {removed:#?}, added: {added:#?}); review the \
             semver consequence, note it in CHANGELOG.md, then record it with \
             UPDATE_PUBLIC_API=1 cargo test --test public_api"
        );
    }
}
