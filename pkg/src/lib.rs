//! The WebAssembly binding of importimage-lint (wasm-bindgen). Thin: it takes strings,
//! calls the library's public API and returns JSON text, which the package's JavaScript
//! entry parses into plain objects. No rule logic lives here. Only linting is here: the
//! documentation and tables (`rules()`, `profiles()`, `schema()`) are data the build
//! writes to `dist/tables-data.js` with the native tool, which keeps the module small.
//!
//! Two modules are built from this crate: with the `full` feature (the package's main entry:
//! both languages, RAM roles, the image inspector) and without it (`importimage-lint/form`:
//! requests and fields, in English).
#![forbid(unsafe_code)]

use importimage_lint::{profile, Lang, Linter, Options};
use wasm_bindgen::prelude::*;

/// The linter for a profile id and a language tag (empty or absent: the defaults).
fn linter(profile_id: Option<String>, lang: Option<String>) -> Result<Linter, JsError> {
    let mut opts = Options::default();
    if let Some(tag) = lang.filter(|s| !s.is_empty()) {
        let l = Lang::parse(&tag).ok_or_else(|| {
            let chinese = tag.trim().to_ascii_lowercase().starts_with("zh");
            let elsewhere = if cfg!(feature = "full") || !chinese {
                ""
            } else {
                " (this entry speaks English only; import `importimage-lint` for zh-CN)"
            };
            JsError::new(&format!(
                "importimage-lint: unknown language `{tag}`; choose one of {}{elsewhere}",
                lang_tags().replace(',', ", ")
            ))
        })?;
        opts = opts.with_lang(l);
    }
    if let Some(id) = profile_id.filter(|s| !s.is_empty()) {
        let p = profile::by_id(&id).ok_or_else(|| {
            let ids: Vec<&str> = profile::PROFILES.iter().map(|p| p.id).collect();
            JsError::new(&format!(
                "importimage-lint: unknown profile `{id}`; choose one of {}",
                ids.join(", ")
            ))
        })?;
        opts = opts.with_profile(p);
    }
    Ok(Linter::new(opts))
}

#[cfg(feature = "full")]
fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
}

/// Diagnostics as a JSON array, by the library's own writer.
fn diagnostics_json(diagnostics: &[importimage_lint::Diagnostic]) -> String {
    let mut out = String::with_capacity(512 * diagnostics.len() + 2);
    importimage_lint::Diagnostic::write_json_array(diagnostics, &mut out);
    out
}

/// Lints a request given as text (JSON or query string); returns the report as JSON,
/// without its effective request.
#[wasm_bindgen(js_name = lintText)]
pub fn lint_text(
    input: &str,
    profile: Option<String>,
    lang: Option<String>,
) -> Result<String, JsError> {
    let linter = Linter::new(
        linter(profile, lang)?
            .options()
            .clone()
            .with_effective(false),
    );
    // Without its effective request: the package computes `effective` only when it is read,
    // with [`effective_text`].
    Ok(linter.lint_str(input).to_json_without_effective())
}

/// Whether a request given as text (JSON or query string) is valid, without building its
/// report: the verdict of [`lint_text`], for a form's submit button or a batch filter.
#[wasm_bindgen(js_name = isValidText)]
pub fn is_valid_text(input: &str, profile: Option<String>) -> Result<bool, JsError> {
    Ok(linter(profile, None)?.is_valid(input))
}

/// The effective request of a request given as text, as JSON.
#[wasm_bindgen(js_name = effectiveText)]
pub fn effective_text(input: &str, profile: Option<String>) -> Result<String, JsError> {
    let mut out = String::new();
    linter(profile, None)?
        .lint_str(input)
        .effective
        .write_json(&mut out);
    Ok(out)
}

/// Checks one field in the context of a request given as JSON text; returns the
/// diagnostics as JSON.
#[wasm_bindgen(js_name = validateFieldText)]
pub fn validate_field_text(
    param: &str,
    value: &str,
    request: Option<String>,
    profile: Option<String>,
    lang: Option<String>,
) -> Result<String, JsError> {
    Ok(diagnostics_json(&linter(profile, lang)?.validate_field(
        param,
        value,
        request.as_deref(),
    )))
}

/// Checks one field whose value is given as JSON text (a number, a boolean, `null`, or
/// `NaN`, `Infinity` and `undefined` for values JSON cannot carry), in the context of a
/// request given as JSON text; returns the diagnostics as JSON.
#[wasm_bindgen(js_name = validateFieldJson)]
pub fn validate_field_json(
    param: &str,
    value_json: &str,
    request: Option<String>,
    profile: Option<String>,
    lang: Option<String>,
) -> Result<String, JsError> {
    Ok(diagnostics_json(
        &linter(profile, lang)?.validate_field_json(param, value_json, request.as_deref()),
    ))
}

#[cfg(feature = "full")]
/// Checks a RAM role bundle (JSON text), with a request (JSON or query text) or none;
/// returns the report as JSON.
#[wasm_bindgen(js_name = lintRoleText)]
pub fn lint_role_text(
    bundle: &str,
    request: Option<String>,
    profile: Option<String>,
    lang: Option<String>,
) -> Result<String, JsError> {
    Ok(linter(profile, lang)?
        .lint_role(bundle, request.as_deref())
        .to_json())
}

/// The profile ids, comma-separated, the default first. The tables themselves (rules,
/// profiles, schemas) are generated at build time by the native tool and shipped as
/// JavaScript (`tables.js`), so the WebAssembly module carries only what linting needs.
#[wasm_bindgen(js_name = profileIds)]
pub fn profile_ids() -> String {
    let ids: Vec<&str> = profile::PROFILES.iter().map(|p| p.id).collect();
    ids.join(",")
}

/// The language tags, comma-separated, the default first.
#[wasm_bindgen(js_name = langTags)]
pub fn lang_tags() -> String {
    let tags: Vec<&str> = Lang::ALL.iter().map(|l| l.tag()).collect();
    tags.join(",")
}

/// The crate's version.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

#[cfg(feature = "full")]
/// A disk image file's inspection, driven from JavaScript: ask `next` for a byte range
/// (`[offset, length]`, or undefined when done), give its bytes to `feed`, then `finish`.
/// The package's `inspectImage` drives it with `Blob.slice()`.
#[wasm_bindgen(js_name = ImageInspector)]
pub struct ImageInspector {
    inner: Option<importimage_lint::image::Inspector>,
}

#[cfg(feature = "full")]
#[wasm_bindgen(js_class = ImageInspector)]
impl ImageInspector {
    /// An inspection of a file of `len` bytes.
    #[wasm_bindgen(constructor)]
    pub fn new(len: f64) -> ImageInspector {
        ImageInspector {
            inner: Some(importimage_lint::image::Inspector::new(len.max(0.0) as u64)),
        }
    }

    /// The next range to read, as `[offset, length]`, or undefined when done.
    #[wasm_bindgen(js_name = next)]
    pub fn next_range(&mut self) -> Option<Vec<f64>> {
        let r = self.inner.as_mut()?.next_range()?;
        Some(vec![r.offset as f64, r.len as f64])
    }

    /// The bytes read for the range `next` gave: fewer than asked mean the file ends
    /// there, more are ignored.
    pub fn feed(&mut self, offset: f64, bytes: &[u8]) {
        if let Some(i) = self.inner.as_mut() {
            i.feed(offset.max(0.0) as u64, bytes);
        }
    }

    /// The facts, judged: the report (against the profile and, given a request, its disk
    /// `disk`, or the disk whose OSSObject ends with `file_name`), with an `image` object.
    pub fn finish(
        &mut self,
        request: Option<String>,
        disk: Option<u32>,
        file_name: Option<String>,
        profile: Option<String>,
        lang: Option<String>,
    ) -> Result<String, JsError> {
        let linter = linter(profile, lang)?;
        let facts = self
            .inner
            .take()
            .ok_or_else(|| JsError::new("importimage-lint: the inspection is finished"))?
            .finish();
        let mut check = importimage_lint::ImageCheck::new();
        check.request = request.as_deref().map(importimage_lint::RequestInput::Text);
        check.disk = disk;
        check.file_name = file_name.as_deref();
        let report = linter.check_image(&facts, &check);
        #[derive(serde::Serialize)]
        struct WithImage<'a> {
            valid: bool,
            profile: &'a str,
            diagnostics: &'a [importimage_lint::Diagnostic],
            image: &'a importimage_lint::image::ImageFacts,
        }
        Ok(json(&WithImage {
            valid: report.valid,
            profile: report.profile,
            diagnostics: &report.diagnostics,
            image: &facts,
        }))
    }
}
