//! `importimage-lint schema` and `profiles`: a request's JSON Schema under a profile, and
//! the profiles' tables, each generated from the tables.

use std::io::{self, Write};

use importimage_lint::profile;
use importimage_lint::schema::{schema, Form};

use super::{usage, OK};
use crate::args::{ProfilesFormat, SchemaForm};

pub(crate) fn print(profile_id: &str, form: SchemaForm) -> io::Result<i32> {
    let Some(p) = profile::by_id(profile_id) else {
        let ids: Vec<&str> = profile::PROFILES.iter().map(|p| p.id).collect();
        return usage(format!(
            "unknown profile `{profile_id}`; choose one of {}",
            ids.join(", ")
        ));
    };
    let form = match form {
        SchemaForm::Any => Form::Any,
        SchemaForm::Flat => Form::Flat,
        SchemaForm::Nested => Form::Nested,
    };
    let text = serde_json::to_string_pretty(&schema(p, form)).map_err(io::Error::other)?;
    let mut out = io::stdout().lock();
    writeln!(out, "{text}")?;
    out.flush()?;
    Ok(OK)
}

pub(crate) fn profiles(format: ProfilesFormat) -> io::Result<i32> {
    let infos: Vec<_> = profile::PROFILES.iter().map(|p| p.info()).collect();
    let mut out = io::stdout().lock();
    match format {
        ProfilesFormat::Json => {
            let text = serde_json::to_string_pretty(&infos).map_err(io::Error::other)?;
            writeln!(out, "{text}")?;
        }
        ProfilesFormat::Text => {
            for p in profile::PROFILES {
                writeln!(out, "{}: {}", p.id, p.source)?;
                let width = p.params.iter().map(|q| q.name().len()).max().unwrap_or(4);
                for q in p.params {
                    writeln!(out, "  {:<width$}  {}", q.name(), q.doc())?;
                }
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(OK)
}
