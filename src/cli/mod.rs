//! Arguments, inputs, and exit codes. Rendering lives in one module per output format.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use importimage_lint::{profile, Linter, Report, Rule};

mod config;
mod files;
mod fix;
mod github;
mod json;
mod rules;
mod sarif;
mod text;

/// Exit code: no errors.
pub const OK: i32 = 0;
/// Exit code: errors found (or warnings, with `--deny-warnings`).
pub const FINDINGS: i32 = 1;
/// Exit code: usage or I/O error.
pub const TROUBLE: i32 = 2;

const AFTER_HELP: &str = "\
Examples:
  importimage-lint examples/import-image.json        lint a file
  importimage-lint requests/                         lint every request file under a folder
  cat req.json | importimage-lint --format json -    lint stdin, print the report as JSON
  importimage-lint --ndjson batch.ndjson             one request per line
  importimage-lint rules                             list every rule
  importimage-lint explain image-name-length         what a rule checks, with examples
  importimage-lint role examples/import-role.json --request examples/import-image.json
                                                     check the RAM role of the import

Request files are JSON objects (flat API names or nested as SDKs build them) or query
strings. In a folder, files are linted when their name contains `importimage`,
`import-image` or `import_image` (any case) and ends in .json, .query, .txt or .url.

An importimage-lint.toml, found from each file's folder upward (or named with --config),
sets the profile and per-rule severities; command-line flags win.

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O error.";

/// Lint Alibaba Cloud ECS ImportImage requests offline, before the upload.
#[derive(Debug, Parser)]
#[command(name = "importimage-lint", version, after_help = AFTER_HELP, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    lint: LintArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List every rule: id, severity, API error code per profile, summary.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Check the RAM role of an import offline: its name, trust policy and permissions, and
    /// with --request, that the policies' Resources cover what the request's disks read.
    Role(RoleArgs),
    /// Explain one rule: what it checks, why, and a failing and a passing example.
    Explain {
        /// The rule id, such as image-name-length.
        rule: String,
    },
}

#[derive(Debug, clap::Args)]
struct RoleArgs {
    /// The role bundle (JSON: RoleName, AssumeRolePolicyDocument, Policies; or GetRole's
    /// output); `-` reads standard input. See examples/import-role.json.
    bundle: PathBuf,
    /// The ImportImage request whose disks the role must be able to read.
    #[arg(long, value_name = "REQUEST")]
    request: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ListFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum Format {
    /// path:line:col, the line with a caret, help and API error code.
    Text,
    /// The library's report: one object for stdin, an array with `path` for files.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Color {
    Auto,
    Always,
    Never,
}

/// Options shared by linting requests and checking a role.
#[derive(Debug, clap::Args)]
struct Common {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The API revision whose rules apply: 2019-01 (the API reference, default) or current.
    #[arg(long, value_name = "PROFILE")]
    profile: Option<String>,
    /// Configuration file to use instead of the importimage-lint.toml found from each
    /// linted file's folder upward.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Only report these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    select: Vec<String>,
    /// Never report these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    ignore: Vec<String>,
    /// Exit 0 even when errors are found.
    #[arg(long)]
    exit_zero: bool,
    /// Treat warnings as errors for the exit code.
    #[arg(long)]
    deny_warnings: bool,
    /// When to colour text output (else FORCE_COLOR, NO_COLOR, then whether stdout is a terminal).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Debug, clap::Args)]
struct LintArgs {
    /// Files or folders to lint; `-` reads standard input.
    paths: Vec<PathBuf>,
    #[command(flatten)]
    common: Common,
    /// Name used for standard input in messages.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<String>,
    /// Read one request per line (from the files given, or standard input).
    #[arg(long)]
    ndjson: bool,
    /// Rewrite values that have a certain fix, in place, keeping every other byte.
    #[arg(long)]
    fix: bool,
    /// Show what --fix would change, without writing; exit 1 when something would change.
    #[arg(long)]
    diff: bool,
}

/// One linted request, with what the renderers need to point into it.
pub(crate) struct Linted {
    /// The path shown in messages.
    pub path: String,
    /// The text the spans point into (empty when it could not be read as UTF-8).
    pub source: String,
    /// Added to every line number (the line of an `--ndjson` request, minus one).
    pub line_offset: usize,
    pub report: Report,
}

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { TROUBLE } else { OK };
        }
    };
    let result = match cli.command {
        Some(Command::Rules { format }) => rules::list(format),
        Some(Command::Explain { rule }) => rules::explain(&rule),
        Some(Command::Role(args)) => role(args),
        None => lint(cli.lint),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => OK,
        Err(e) => {
            eprintln!("importimage-lint: {e}");
            TROUBLE
        }
    }
}

fn usage(message: impl std::fmt::Display) -> io::Result<i32> {
    eprintln!("importimage-lint: {message}");
    Ok(TROUBLE)
}

fn parse_rules(ids: &[String]) -> Result<Vec<Rule>, String> {
    ids.iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            let s = s.trim();
            Rule::from_id(s).ok_or_else(|| match Rule::suggest(s) {
                Some(near) => format!("unknown rule `{s}`; did you mean `{near}`?"),
                None => format!("unknown rule `{s}`; `importimage-lint rules` lists them"),
            })
        })
        .collect()
}

/// Per-rule severities; `None` turns a rule off.
type Severities = Vec<(Rule, Option<importimage_lint::Severity>)>;

/// What the command line says about options; it wins over any configuration file.
fn flags(common: &Common) -> Result<(Option<&'static profile::Profile>, Severities), String> {
    let (profile_id, select, ignore) = (common.profile.as_deref(), &common.select, &common.ignore);
    let profile = match profile_id {
        Some(id) => Some(profile::by_id(id).ok_or_else(|| {
            let ids: Vec<&str> = profile::PROFILES.iter().map(|p| p.id).collect();
            format!("unknown profile `{id}`; choose one of {}", ids.join(", "))
        })?),
        None => None,
    };
    let select = parse_rules(select)?;
    let ignore = parse_rules(ignore)?;
    let mut severities = Vec::new();
    if !select.is_empty() {
        severities.extend(
            Rule::ALL
                .iter()
                .filter(|r| !select.contains(r))
                .map(|&r| (r, None)),
        );
    }
    severities.extend(ignore.into_iter().map(|r| (r, None)));
    Ok((profile, severities))
}

fn role(args: RoleArgs) -> io::Result<i32> {
    let (flag_profile, flag_severities) = match flags(&args.common) {
        Ok(f) => f,
        Err(e) => return usage(e),
    };
    let mut linters =
        config::Linters::new(args.common.config.clone(), flag_profile, flag_severities);
    let src = if args.bundle == Path::new("-") {
        files::Source::Stdin("-".into())
    } else {
        files::Source::File(args.bundle.clone())
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
    let profile = linter.options().profile;
    let linted = Linted {
        path: src.name(),
        source,
        line_offset: 0,
        report,
    };
    let mut tally = text::Tally::default();
    tally.add(&linted.report);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.common.format {
        Format::Text => {
            text::write(&mut out, &linted, use_color(args.common.color))?;
            text::summary(&mut out, &tally, use_color(args.common.color))?;
        }
        Format::Json if matches!(src, files::Source::Stdin(_)) => {
            json::write_report(&mut out, &linted.report)?
        }
        Format::Json => json::write_files(&mut out, std::slice::from_ref(&linted))?,
        Format::Sarif => sarif::write(&mut out, std::slice::from_ref(&linted), profile)?,
        Format::Github => github::write(&mut out, &linted)?,
    }
    out.flush()?;
    let failing = tally.errors > 0 || (args.common.deny_warnings && tally.warnings > 0);
    Ok(if failing && !args.common.exit_zero {
        FINDINGS
    } else {
        OK
    })
}

fn lint(args: LintArgs) -> io::Result<i32> {
    let (flag_profile, flag_severities) = match flags(&args.common) {
        Ok(f) => f,
        Err(e) => return usage(e),
    };
    let mut linters =
        config::Linters::new(args.common.config.clone(), flag_profile, flag_severities);
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
    let mut sources: Vec<files::Source> = Vec::new();
    for p in &args.paths {
        if p == Path::new("-") {
            sources.push(files::Source::Stdin(stdin_name.clone()));
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
            Ok(found) => sources.extend(found.into_iter().map(files::Source::File)),
            Err(e) => {
                eprintln!("importimage-lint: {}: {}", p.display(), files::describe(&e));
                trouble = true;
            }
        }
    }
    let color = use_color(args.common.color);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut batch = base.batch();
    let mut sarif_profile = flag_profile.unwrap_or(base.options().profile);
    let mut all: Vec<Linted> = Vec::new();
    let mut tally = text::Tally::default();
    let single_stdin = sources.len() == 1 && matches!(sources[0], files::Source::Stdin(_));

    if args.ndjson {
        for src in &sources {
            let linter = match linters.for_source(src) {
                Ok(l) => l,
                Err(e) => return usage(e),
            };
            sarif_profile = linter.options().profile;
            let mut reader: Box<dyn io::BufRead> = match src {
                files::Source::Stdin(_) => Box::new(io::BufReader::new(io::stdin().lock())),
                files::Source::File(path) => match std::fs::File::open(path) {
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
                let linted = Linted {
                    path: name.clone(),
                    source: String::from_utf8_lossy(&buf).into_owned(),
                    line_offset: lineno - 1,
                    report,
                };
                tally.add(&linted.report);
                match args.common.format {
                    Format::Json => {
                        json::write_line(&mut out, &linted.report)?;
                    }
                    Format::Text => text::write(&mut out, &linted, color)?,
                    Format::Github => github::write(&mut out, &linted)?,
                    Format::Sarif => all.push(linted),
                }
            }
        }
        if args.common.format == Format::Sarif {
            sarif::write(&mut out, &all, sarif_profile)?;
        }
        if args.common.format == Format::Text {
            text::summary(&mut out, &tally, color)?;
        }
    } else {
        for src in &sources {
            let linter = match linters.for_source(src) {
                Ok(l) => l,
                Err(e) => return usage(e),
            };
            sarif_profile = linter.options().profile;
            let bytes = match src.read(max) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("importimage-lint: {}: {}", src.name(), files::describe(&e));
                    trouble = true;
                    continue;
                }
            };
            let mut report = batch.lint_bytes_with(linter, &bytes);
            let mut source = String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            if let (true, files::Source::File(path)) = (args.fix || args.diff, src) {
                if let Some(fixed) = fix::apply(&source, &report) {
                    if args.diff {
                        fix::diff(&mut out, &src.name(), &source, &fixed)?;
                        tally.would_fix += 1;
                    } else {
                        std::fs::write(path, &fixed)?;
                        tally.fixed += 1;
                        report = linter.lint_str(&fixed);
                        source = fixed;
                    }
                }
            }
            let linted = Linted {
                path: src.name(),
                source,
                line_offset: 0,
                report,
            };
            tally.add(&linted.report);
            if args.common.format == Format::Text && !args.diff {
                text::write(&mut out, &linted, color)?;
            } else if args.common.format == Format::Github {
                github::write(&mut out, &linted)?;
            }
            all.push(linted);
        }
        match args.common.format {
            Format::Text if !args.diff => text::summary(&mut out, &tally, color)?,
            Format::Text => {}
            Format::Json if single_stdin => {
                if let Some(l) = all.first() {
                    json::write_report(&mut out, &l.report)?;
                }
            }
            Format::Json => json::write_files(&mut out, &all)?,
            Format::Sarif => sarif::write(&mut out, &all, sarif_profile)?,
            Format::Github => {}
        }
    }
    out.flush()?;
    let failing = tally.errors > 0
        || (args.common.deny_warnings && tally.warnings > 0)
        || (args.diff && tally.would_fix > 0);
    Ok(if trouble {
        TROUBLE
    } else if failing && !args.common.exit_zero {
        FINDINGS
    } else {
        OK
    })
}

/// Percent-encodes every byte outside the unreserved set and `keep`.
pub(crate) fn percent_encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `--color`, then `FORCE_COLOR`, then `NO_COLOR`, then whether stdout is a terminal.
fn use_color(flag: Color) -> bool {
    match flag {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            if std::env::var("FORCE_COLOR").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
            {
                return true;
            }
            if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                return false;
            }
            io::stdout().is_terminal()
        }
    }
}
