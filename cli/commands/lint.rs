//! The main command: lint request files, folders, standard input or NDJSON.

use std::io::{self, BufRead, Write};
use std::path::Path;

use importimage_lint::{apply_fixes, Linter};

use super::{exit_code, flags, usage, use_color};
use crate::args::LintArgs;
use crate::emit::{emitter, Linted, Mode, Subject, Tally};
use crate::files::{self, Source};
use crate::rewrite;
use crate::settings::Linters;

pub(crate) fn run(args: LintArgs) -> io::Result<i32> {
    let (flag_profile, flag_severities) = match flags(&args.common) {
        Ok(f) => f,
        Err(e) => return usage(e),
    };
    let mut linters = Linters::new(args.common.config.clone(), flag_profile, flag_severities);
    if args.paths.is_empty() {
        return usage("no input: name files or folders, or `-` for standard input (see --help)");
    }
    if (args.fix || args.diff) && (args.ndjson || args.paths.iter().any(|p| p == Path::new("-"))) {
        return usage(
            "--fix and --diff rewrite files; they do not apply to standard input or --ndjson",
        );
    }
    let base = Linter::default();
    let max = base.options().max_input_bytes;
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "-".to_owned());
    let mut trouble = false;
    let mut sources: Vec<Source> = Vec::new();
    for p in &args.paths {
        if p == Path::new("-") {
            sources.push(Source::Stdin(stdin_name.clone()));
            continue;
        }
        match files::expand(p) {
            Ok(found) if found.is_empty() => {
                eprintln!(
                    "importimage-lint: {}: no request files in this folder (names containing importimage, import-image or import_image, ending in .json, .query, .txt or .url)",
                    p.display()
                );
                trouble = true;
            }
            Ok(found) => sources.extend(found.into_iter().map(Source::File)),
            Err(e) => {
                eprintln!("importimage-lint: {}: {}", p.display(), files::describe(&e));
                trouble = true;
            }
        }
    }
    let color = use_color(args.common.color);
    let mode = Mode {
        color,
        single_stdin: sources.len() == 1 && matches!(sources[0], Source::Stdin(_)),
        ndjson: args.ndjson,
        subject: Subject::Request,
        quiet: args.diff,
    };
    let mut emit = emitter(args.common.format, mode);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut batch = base.batch();
    let mut tally = Tally::default();

    for src in &sources {
        let linter = match linters.for_source(src) {
            Ok(l) => l,
            Err(e) => return usage(e),
        };
        let profile = linter.options().profile;
        if args.ndjson {
            let mut reader: Box<dyn BufRead> = match src {
                Source::Stdin(_) => Box::new(io::BufReader::new(io::stdin().lock())),
                Source::File(path) => match std::fs::File::open(path) {
                    Ok(f) => Box::new(io::BufReader::new(f)),
                    Err(e) => {
                        eprintln!(
                            "importimage-lint: {}: {}",
                            path.display(),
                            files::describe(&e)
                        );
                        trouble = true;
                        continue;
                    }
                },
            };
            let name = src.name();
            let mut buf = Vec::new();
            let mut lineno = 0usize;
            while let Some(size) = files::read_line_bounded(&mut reader, &mut buf, max)? {
                lineno += 1;
                if buf.iter().all(u8::is_ascii_whitespace) && size <= max {
                    continue;
                }
                let report = batch.lint_bytes_with(linter, &buf);
                tally.add(&report);
                let linted = Linted {
                    path: name.clone(),
                    source: String::from_utf8_lossy(&buf).into_owned(),
                    line_offset: lineno - 1,
                    profile,
                    report,
                };
                emit.report(&mut out, linted)?;
            }
            continue;
        }
        let bytes = match src.read(max) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("importimage-lint: {}: {}", src.name(), files::describe(&e));
                trouble = true;
                continue;
            }
        };
        let mut report = batch.lint_bytes_with(linter, &bytes);
        let mut source = String::from_utf8(bytes.clone())
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        if let (true, Source::File(path)) = (args.fix || args.diff, src) {
            if let Some(fixed) = fixed_point(linter, &source, &report) {
                if args.diff {
                    rewrite::diff(&mut out, &src.name(), &source, &fixed, color)?;
                    tally.would_fix += 1;
                } else if let Err(e) = rewrite::write_atomically(path, &bytes, &fixed) {
                    eprintln!("importimage-lint: {}: {}", src.name(), files::describe(&e));
                    trouble = true;
                } else {
                    tally.fixed += 1;
                    report = linter.lint_str(&fixed);
                    source = fixed;
                }
            }
        }
        tally.add(&report);
        emit.report(
            &mut out,
            Linted {
                path: src.name(),
                source,
                line_offset: 0,
                profile,
                report,
            },
        )?;
    }
    emit.finish(&mut out, &tally)?;
    out.flush()?;
    Ok(exit_code(&args.common, &tally, trouble))
}

/// The text with every fix applied, again and again while fixes keep appearing (a fix can
/// become certain once another is applied), at most ten times; `None` when nothing changes.
fn fixed_point(linter: &Linter, source: &str, report: &importimage_lint::Report) -> Option<String> {
    let mut text = apply_fixes(source, report)?;
    for _ in 0..9 {
        match apply_fixes(&text, &linter.lint_str(&text)) {
            Some(next) if next != text => text = next,
            _ => break,
        }
    }
    Some(text)
}
