//! The WebAssembly binding (wasm-bindgen). Thin: it takes strings, calls the library and
//! returns JSON text, which the package's JavaScript entry parses into plain objects.
//! No rule logic lives here; every conversion is the library's own.

use wasm_bindgen::prelude::*;

use crate::{profile, Linter, Options};

fn linter(profile_id: Option<String>) -> Result<Linter, String> {
    let mut opts = Options::default();
    if let Some(id) = profile_id.filter(|s| !s.is_empty()) {
        opts.profile = profile::by_id(&id).ok_or_else(|| {
            let ids: Vec<&str> = profile::PROFILES.iter().map(|p| p.id).collect();
            format!("unknown profile `{id}`; choose one of {}", ids.join(", "))
        })?;
    }
    Ok(Linter::new(opts))
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
}

fn profile_error(message: String) -> String {
    let d = crate::rules::input::invalid(&message, (0, 0));
    json(&crate::Report {
        valid: false,
        profile: "",
        diagnostics: vec![crate::Diagnostic { span: None, ..d }],
        effective: crate::Effective::default(),
    })
}

/// Lints a request given as text (JSON or query string); returns the report as JSON.
#[wasm_bindgen(js_name = lintText)]
pub fn lint_text(input: &str, profile: Option<String>) -> String {
    match linter(profile) {
        Ok(l) => json(&l.lint_str(input)),
        Err(e) => profile_error(e),
    }
}

/// Checks one field in the context of a request given as JSON text; returns the
/// diagnostics as JSON.
#[wasm_bindgen(js_name = validateFieldText)]
pub fn validate_field_text(
    param: &str,
    value: &str,
    request: Option<String>,
    profile: Option<String>,
) -> String {
    match linter(profile) {
        Ok(l) => json(&l.validate_field(param, value, request.as_deref())),
        Err(e) => format!("[{}]", json(&crate::rules::input::invalid(&e, (0, 0)))),
    }
}

/// Checks a RAM role bundle (JSON text), with a request (JSON or query text) or none;
/// returns the report as JSON.
#[wasm_bindgen(js_name = lintRoleText)]
pub fn lint_role_text(bundle: &str, request: Option<String>, profile: Option<String>) -> String {
    match linter(profile) {
        Ok(l) => json(&l.lint_role(bundle, request.as_deref())),
        Err(e) => profile_error(e),
    }
}

/// Every rule with its documentation and API codes, as JSON.
#[wasm_bindgen(js_name = rulesText)]
pub fn rules_text() -> String {
    json(&crate::rule_infos())
}

/// The crate's version.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
