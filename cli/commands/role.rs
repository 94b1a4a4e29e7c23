//! `importimage-lint role`: the RAM role of an import.

use std::io;
use std::path::Path;

use super::{exit_code, flags, usage, use_color};
use crate::args::RoleArgs;
use crate::emit::{emit_one, Linted, Mode, Subject, Tally};
use crate::files::{self, Source};
use crate::settings::Linters;

pub(crate) fn run(args: RoleArgs) -> io::Result<i32> {
    let (flag_profile, flag_severities) = match flags(&args.common) {
        Ok(f) => f,
        Err(e) => return usage(e),
    };
    let mut linters = Linters::new(args.common.config.clone(), flag_profile, flag_severities);
    let src = if args.bundle == Path::new("-") {
        Source::Stdin("-".into())
    } else {
        Source::File(args.bundle.clone())
    };
    let linter = match linters.for_source(&src) {
        Ok(l) => l,
        Err(e) => return usage(e),
    };
    let max = linter.options().max_input_bytes;
    let bytes = match src.read(max) {
        Ok(b) => b,
        Err(e) => return usage(format!("{}: {}", src.name(), files::describe(&e))),
    };
    let request = match &args.request {
        None => None,
        Some(p) => match std::fs::read(p) {
            Ok(b) => Some(String::from_utf8_lossy(&b).into_owned()),
            Err(e) => return usage(format!("{}: {}", p.display(), files::describe(&e))),
        },
    };
    let (report, source) = match std::str::from_utf8(&bytes) {
        Ok(text) => (linter.lint_role(text, request.as_deref()), text.to_owned()),
        Err(_) => (
            linter.lint_bytes(&bytes),
            String::from_utf8_lossy(&bytes).into_owned(),
        ),
    };
    let mode = Mode {
        color: use_color(args.common.color),
        single_stdin: matches!(src, Source::Stdin(_)),
        ndjson: false,
        subject: Subject::RoleBundle,
        quiet: false,
    };
    let mut tally = Tally::default();
    tally.add(&report);
    emit_one(
        args.common.format,
        mode,
        Linted {
            path: src.name(),
            source,
            line_offset: 0,
            profile: linter.options().profile,
            report,
        },
        &tally,
    )?;
    Ok(exit_code(&args.common, &tally, false))
}
