//! `importimage-lint schema`: the JSON Schema of a request under a profile.

use std::io::{self, Write};

use importimage_lint::profile;
use importimage_lint::schema::{schema, Form};

use super::{usage, OK};
use crate::args::SchemaForm;

pub(crate) fn print(profile_id: &str, form: SchemaForm) -> io::Result<i32> {
    let Some(p) = profile::by_id(profile_id) else {
        let ids: Vec<&str> = profile::PROFILES.iter().map(|p| p.id).collect();
        return usage(format!(
            "unknown profile `{profile_id}`; choose one of {}",
            ids.join(", ")
        ));
    };
    let form = match form {
        SchemaForm::Flat => Form::Flat,
        SchemaForm::Nested => Form::Nested,
    };
    let text = serde_json::to_string_pretty(&schema(p, form)).map_err(io::Error::other)?;
    let mut out = io::stdout().lock();
    writeln!(out, "{text}")?;
    out.flush()?;
    Ok(OK)
}
