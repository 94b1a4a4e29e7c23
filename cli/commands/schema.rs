//! `importimage-lint schema` and `profiles`: a request's JSON Schema under a profile, and
//! the profiles' tables, each generated from the tables.

use std::io::{self, Write};

use importimage_lint::schema::{schema, Form};
use importimage_lint::{profile, Lang};

use super::{usage, OK};
use crate::args::{ProfilesFormat, SchemaForm};

pub(crate) fn print(profile_id: &str, form: SchemaForm) -> io::Result<i32> {
    let p = match super::profile_by_id(profile_id) {
        Ok(p) => p,
        Err(e) => return usage(e),
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

pub(crate) fn profiles(format: ProfilesFormat, lang: Lang) -> io::Result<i32> {
    let infos: Vec<_> = profile::PROFILES.iter().map(|p| p.info_in(lang)).collect();
    let mut out = io::stdout().lock();
    match format {
        ProfilesFormat::Json => {
            let text = serde_json::to_string_pretty(&infos).map_err(io::Error::other)?;
            writeln!(out, "{text}")?;
        }
        ProfilesFormat::Text => {
            let colon = crate::ui::words(lang).colon;
            for p in &infos {
                writeln!(out, "{}{colon}{}", p.id, p.source)?;
                let width = p.params.iter().map(|q| q.name.len()).max().unwrap_or(4);
                for q in &p.params {
                    writeln!(out, "  {:<width$}  {}", q.name, q.doc)?;
                }
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(OK)
}
