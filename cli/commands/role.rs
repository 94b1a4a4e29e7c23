//! `importimage-lint role`: the RAM role of an import.

use std::io::{self, Read, Write};
use std::path::Path;

use super::{exit_code, flags, usage, use_color, TROUBLE};
use crate::args::RoleArgs;
use crate::emit::{emitter, Linted, Mode, Out, Subject, Tally};
use crate::files::{self, Source};
use crate::settings::Linters;

pub(crate) fn run(args: RoleArgs) -> io::Result<i32> {
    let set = match flags(&args.common) {
        Ok(f) => f,
        Err(e) => return usage(e),
    };
    let stdin = Path::new("-");
    if args.bundle == stdin && args.request.as_deref() == Some(stdin) {
        return super::trouble(crate::ui::Problem::BothStdin);
    }
    let mut linters = Linters::new(args.common.config.clone(), set);
    let mode = Mode {
        color: use_color(args.common.color),
        ndjson: false,
        subject: Subject::RoleBundle,
        quiet: false,
        lang: linters.ui_lang(),
    };
    let mut emit = emitter(args.common.format, mode);
    let mut out = Out::new(io::BufWriter::new(io::stdout().lock()));
    let src = if args.bundle == stdin {
        Source::Stdin("-".into())
    } else {
        Source::File(args.bundle.clone())
    };
    let linter = match linters.for_source(&src) {
        Ok(l) => l.clone(),
        Err(e) => {
            emit.config_error(&mut out, &e)?;
            emit.finish(
                &mut out,
                &Tally {
                    not_linted: 1,
                    ..Tally::default()
                },
            )?;
            out.flush()?;
            return Ok(TROUBLE);
        }
    };
    let max = linter.options().max_input_bytes;
    let bytes = match src.read(max) {
        Ok(b) => b,
        Err(e) => return usage(files::problem(&src.name(), &e)),
    };
    let request = match &args.request {
        None => None,
        Some(p) => {
            let mut b = Vec::new();
            let read = if p == stdin {
                io::stdin()
                    .lock()
                    .take(max as u64 + 1)
                    .read_to_end(&mut b)
                    .map(drop)
            } else {
                std::fs::File::open(p)
                    .and_then(|f| f.take(max as u64 + 1).read_to_end(&mut b))
                    .map(drop)
            };
            if let Err(e) = read {
                return usage(files::problem(&p.display().to_string(), &e));
            }
            Some(String::from_utf8_lossy(&b).into_owned())
        }
    };
    let (report, source) = match std::str::from_utf8(&bytes) {
        Ok(text) => (linter.lint_role(text, request.as_deref()), text.to_owned()),
        Err(_) => (
            linter.lint_bytes(&bytes),
            String::from_utf8_lossy(&bytes).into_owned(),
        ),
    };
    let mut tally = Tally::default();
    tally.add(&report);
    emit.report(
        &mut out,
        Linted::new(src.name(), source, linter.options().profile, report),
    )?;
    emit.finish(&mut out, &tally)?;
    out.flush()?;
    Ok(exit_code(&args.common, &tally, false))
}
