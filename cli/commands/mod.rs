//! The commands, and what they share: flags, exit codes, colour.

use std::io::{self, IsTerminal};

use clap::{CommandFactory, FromArgMatches, Parser};
use importimage_lint::{profile, Lang, Rule};

use crate::args::{Cli, Color, Command, Common};
use crate::ui;

mod image;
pub(crate) mod lint;
mod role;
pub(crate) mod rules;
mod schema;

/// Exit code: no errors.
pub(crate) const OK: i32 = 0;
/// Exit code: errors found (or warnings, with `--deny-warnings`).
pub(crate) const FINDINGS: i32 = 1;
/// Exit code: usage or I/O error.
pub(crate) const TROUBLE: i32 = 2;

pub(crate) fn run() -> i32 {
    let args: Vec<String> = std::env::args().collect();
    ui::set_lang(&args, crate::settings::lang_here);
    let parsed = if ui::lang() == Lang::ZhCn {
        ui::zh_command(Cli::command())
            .try_get_matches_from(&args)
            .and_then(|m| Cli::from_arg_matches(&m))
    } else {
        Cli::try_parse()
    };
    let cli = match parsed {
        Ok(c) => c,
        Err(e) if e.use_stderr() && ui::lang() != Lang::En => {
            eprint!("{}", ui::clap_error(ui::lang(), &e));
            return TROUBLE;
        }
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { TROUBLE } else { OK };
        }
    };
    let result = match cli.command {
        Some(Command::Rules { format, lang }) => rules::list(format, profile::PROFILES, lang),
        Some(Command::Explain { rule, lang }) => rules::explain(&rule, profile::PROFILES, lang),
        Some(Command::Role(args)) => role::run(args),
        Some(Command::Image(args)) => image::run(args),
        Some(Command::Schema { profile, form }) => schema::print(&profile, form),
        Some(Command::Profiles { format, lang }) => schema::profiles(format, lang),
        Some(Command::Server(args)) => crate::server::run(args),
        None => lint::run(cli.lint),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => OK,
        Err(e) => {
            eprintln!("{}{}", crate::ui::me(), ui::io_problem(ui::lang(), &e));
            TROUBLE
        }
    }
}

/// Reports a usage or file problem (already in the run's language); exit code 2.
pub(crate) fn usage(message: impl std::fmt::Display) -> io::Result<i32> {
    eprintln!("{}{message}", crate::ui::me());
    Ok(TROUBLE)
}

/// [`usage`] for a problem, in the run's language.
pub(crate) fn trouble(p: ui::Problem<'_>) -> io::Result<i32> {
    usage(p.say(ui::lang()))
}

/// The profile an id names, or the problem in the run's language.
pub(crate) fn profile_by_id(id: &str) -> Result<&'static profile::Profile, String> {
    profile::by_id(id).ok_or_else(|| {
        let ids: Vec<&str> = profile::PROFILES.iter().map(|p| p.id).collect();
        ui::Problem::UnknownProfile { id, ids: &ids }.say(ui::lang())
    })
}

/// The problem of an unknown rule id, in the run's language.
pub(crate) fn unknown_rule(id: &str) -> String {
    ui::Problem::UnknownRule {
        id,
        near: Rule::suggest(id),
    }
    .say(ui::lang())
}

fn parse_rules(ids: &[String]) -> Result<Vec<Rule>, String> {
    ids.iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            let s = s.trim();
            Rule::from_id(s).ok_or_else(|| unknown_rule(s))
        })
        .collect()
}

/// What the command line says about options; it wins over any configuration file.
pub(crate) struct Flags {
    /// `--profile`.
    pub profile: Option<&'static profile::Profile>,
    /// The rules `--select` keeps, enforced even where a configuration turns them off.
    pub select: Vec<Rule>,
    /// The rules `--ignore` turns off.
    pub ignore: Vec<Rule>,
    /// `--lang`.
    pub lang: Option<Lang>,
}

/// The options the command line sets, or why they are wrong.
pub(crate) fn flags(common: &Common) -> Result<Flags, String> {
    let profile = match common.profile.as_deref() {
        Some(id) => Some(profile_by_id(id)?),
        None => None,
    };
    Ok(Flags {
        profile,
        select: parse_rules(&common.select)?,
        ignore: parse_rules(&common.ignore)?,
        lang: common.lang,
    })
}

/// The exit code a run earned.
pub(crate) fn exit_code(common: &Common, tally: &crate::emit::Tally, trouble: bool) -> i32 {
    let failing =
        tally.errors > 0 || (common.deny_warnings && tally.warnings > 0) || tally.would_fix > 0;
    if trouble {
        TROUBLE
    } else if failing && !common.exit_zero {
        FINDINGS
    } else {
        OK
    }
}

/// `--color`, then `FORCE_COLOR`, then `NO_COLOR`, then whether stdout is a terminal.
pub(crate) fn use_color(flag: Color) -> bool {
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
