//! The compiled half of the Python module `importimage_lint` (PyO3). Thin, as the npm
//! binding is: it takes text, calls the library's public API and returns the report as JSON
//! text, which `importimage_lint/__init__.py` turns into `Report` objects. Reports cross the
//! boundary through serde only, so this file follows the library's JSON contract rather than
//! its Rust types. No rule logic lives here. A panic in the core is caught here and raised
//! as `RuntimeError`; it never unwinds into Python.
#![forbid(unsafe_code)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use importimage_lint::schema::{schema as schema_of, Form};
use importimage_lint::{image, profile, Lang, Linter, Options};
use pyo3::exceptions::{PyIsADirectoryError, PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;

/// The language a tag names, as the library parses it (`en`, `zh-CN`, `zh-cn`, `zh_CN`,
/// `zh`, any letter case); an unknown tag is a `ValueError` listing the supported ones.
fn lang_of(tag: &str) -> PyResult<Lang> {
    tag.parse::<Lang>()
        .map_err(|e| PyValueError::new_err(format!("importimage-lint: {e}")))
}

/// The tags the Python module lists as accepted (`LANGS`).
fn lang_names() -> Vec<String> {
    let mut names = Vec::new();
    for l in Lang::ALL {
        let tag = l.tag();
        names.push(tag.to_owned());
        if tag.contains('-') {
            names.push(tag.to_ascii_lowercase());
            names.push(tag.replace('-', "_"));
            names.push(tag.split('-').next().unwrap_or(tag).to_owned());
        }
    }
    names.dedup();
    names
}

/// The linter for a profile id and a language tag.
fn linter(profile_id: &str, lang: &str) -> PyResult<Linter> {
    let p = profile::by_id(profile_id).ok_or_else(|| {
        let ids: Vec<&str> = profile::PROFILES.iter().map(|p| p.id).collect();
        PyValueError::new_err(format!(
            "importimage-lint: unknown profile {profile_id:?}; supported: {}",
            ids.join(", ")
        ))
    })?;
    Ok(Linter::new(
        Options::default().with_profile(p).with_lang(lang_of(lang)?),
    ))
}

/// Runs `f` with the GIL released and without letting a panic unwind into Python.
fn guarded<T: Send>(py: Python<'_>, f: impl FnOnce() -> PyResult<T> + Send) -> PyResult<T> {
    py.detach(|| catch_unwind(AssertUnwindSafe(f)))
        .unwrap_or_else(|_| {
            Err(PyRuntimeError::new_err(
                "importimage-lint: internal error (a bug: please report the input that caused it)",
            ))
        })
}

fn json<T: serde::Serialize>(v: &T) -> PyResult<String> {
    serde_json::to_string(v).map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

/// Lints a request given as text (JSON or query string); the report as JSON.
#[pyfunction]
fn lint_text(py: Python<'_>, text: &str, profile: &str, lang: &str) -> PyResult<String> {
    let linter = linter(profile, lang)?;
    guarded(py, || json(&linter.lint_str(text)))
}

/// Whether a request given as text would be valid, without building its report.
#[pyfunction]
fn is_valid_text(py: Python<'_>, text: &str, profile: &str) -> PyResult<bool> {
    let linter = linter(profile, "en")?;
    guarded(py, || Ok(linter.is_valid(text)))
}

/// Lints a request given as bytes (invalid UTF-8 is a diagnostic); the report as JSON.
#[pyfunction]
fn lint_bytes(py: Python<'_>, data: &[u8], profile: &str, lang: &str) -> PyResult<String> {
    let linter = linter(profile, lang)?;
    guarded(py, || json(&linter.lint_bytes(data)))
}

/// Checks one field: `value` is the text of the field, or JSON text when `value_is_json`.
/// The diagnostics as a JSON array.
#[pyfunction]
#[pyo3(signature = (param, value, value_is_json, context, profile, lang))]
fn validate_field(
    py: Python<'_>,
    param: &str,
    value: &str,
    value_is_json: bool,
    context: Option<&str>,
    profile: &str,
    lang: &str,
) -> PyResult<String> {
    let linter = linter(profile, lang)?;
    guarded(py, || {
        json(&if value_is_json {
            linter.validate_field_json(param, value, context)
        } else {
            linter.validate_field(param, value, context)
        })
    })
}

/// Checks a RAM role bundle, against a request's disks when one is given; the report as JSON.
#[pyfunction]
#[pyo3(signature = (bundle, request, profile, lang))]
fn lint_role(
    py: Python<'_>,
    bundle: &str,
    request: Option<&str>,
    profile: &str,
    lang: &str,
) -> PyResult<String> {
    let linter = linter(profile, lang)?;
    guarded(py, || json(&linter.lint_role(bundle, request)))
}

/// The report of an image check, with the facts the headers gave, as the CLI's JSON
/// output writes an image's report.
#[derive(serde::Serialize)]
struct ImageReport {
    #[serde(flatten)]
    report: importimage_lint::Report,
    image: image::ImageFacts,
}

/// Reads a disk image file's headers (a few positioned reads, never the whole file) and
/// checks them against the profile and the request's disk; the report as JSON. A file that
/// cannot be read raises `OSError`.
#[pyfunction]
#[pyo3(signature = (path, request, disk, profile, lang))]
fn inspect_image(
    py: Python<'_>,
    path: PathBuf,
    request: Option<&str>,
    disk: Option<u32>,
    profile: &str,
    lang: &str,
) -> PyResult<String> {
    let linter = linter(profile, lang)?;
    guarded(py, || {
        refuse_special(&path)?;
        let mut file = std::fs::File::open(&path)?;
        let facts = image::inspect(&mut file)?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let mut check = importimage_lint::ImageCheck::new();
        if let Some(request) = request {
            check = check.request(request);
        }
        if let Some(disk) = disk {
            check = check.disk(disk);
        }
        if let Some(name) = name.as_deref() {
            check = check.file_name(name);
        }
        let report = linter.check_image(&facts, &check);
        json(&ImageReport {
            report,
            image: facts,
        })
    })
}

/// Only regular files (and block devices, which hold disks) are images: opening a FIFO
/// would block and a character device would read forever, as the command refuses them.
fn refuse_special(path: &std::path::Path) -> PyResult<()> {
    let kind = std::fs::metadata(path)?.file_type();
    let not_image = |what: &str| format!("{}: is {what}, not a disk image", path.display());
    if kind.is_dir() {
        return Err(PyIsADirectoryError::new_err(not_image("a folder")));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let what = if kind.is_fifo() {
            Some("a FIFO (named pipe)")
        } else if kind.is_char_device() {
            Some("a character device")
        } else if kind.is_socket() {
            Some("a socket")
        } else {
            None
        };
        if let Some(what) = what {
            return Err(PyOSError::new_err(not_image(what)));
        }
    }
    Ok(())
}

/// Every rule with its documentation, as `importimage-lint rules --format json` lists
/// them: all profiles, or the one named.
#[pyfunction]
#[pyo3(signature = (profile, lang))]
fn rules(py: Python<'_>, profile: Option<&str>, lang: &str) -> PyResult<String> {
    let lang = lang_of(lang)?;
    let profiles: Vec<&'static profile::Profile> = match profile {
        None => profile::PROFILES.to_vec(),
        Some(id) => vec![linter(id, "en")?.options().profile],
    };
    guarded(py, || {
        json(&importimage_lint::rule_infos_in(&profiles, lang))
    })
}

/// A request's JSON Schema under a profile (`form`: any, flat or nested).
#[pyfunction]
fn schema(py: Python<'_>, profile: &str, form: &str) -> PyResult<String> {
    let p = linter(profile, "en")?.options().profile;
    let form = Form::by_name(form).ok_or_else(|| {
        PyValueError::new_err(format!(
            "importimage-lint: unknown schema form {form:?}; supported: any, flat, nested"
        ))
    })?;
    guarded(py, || json(&schema_of(p, form)))
}

/// The built-in profile ids, the default first.
#[pyfunction]
fn profiles() -> Vec<&'static str> {
    profile::PROFILES.iter().map(|p| p.id).collect()
}

/// The language tags accepted, canonical ones and their spellings.
#[pyfunction]
fn langs() -> Vec<String> {
    lang_names()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(lint_text, m)?)?;
    m.add_function(wrap_pyfunction!(lint_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(is_valid_text, m)?)?;
    m.add_function(wrap_pyfunction!(validate_field, m)?)?;
    m.add_function(wrap_pyfunction!(lint_role, m)?)?;
    m.add_function(wrap_pyfunction!(inspect_image, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(profiles, m)?)?;
    m.add_function(wrap_pyfunction!(langs, m)?)?;
    Ok(())
}
