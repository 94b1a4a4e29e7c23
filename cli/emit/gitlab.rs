//! GitLab Code Quality report: one JSON array of issues (`description`, `check_name`,
//! `fingerprint`, `severity`, `location.path`, `location.lines`), the subset of the Code
//! Climate format GitLab's merge request widget reads. Paths are relative to the folder the
//! tool ran in (the project folder in a GitLab job); an unusable configuration file is an
//! issue of its own, so the report is complete even then.

use std::io::{self, Write};

use importimage_lint::Severity;
use serde::Serialize;

use super::json::escape;
use super::{relative_path, Emitter, Fingerprints, Linted, Tally};
use crate::settings::ConfigFailure;

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// The report, written whole at the end.
#[derive(Default)]
pub(crate) struct Gitlab {
    lang: importimage_lint::Lang,
    issues: Vec<Issue>,
    fingerprints: Fingerprints,
}

/// GitLab's scale is info, minor, major, critical, blocker: an error is what blocks an
/// import, so it ranks above a warning.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        _ => "info",
    }
}

impl Gitlab {
    pub(crate) fn new(lang: importimage_lint::Lang) -> Self {
        Gitlab {
            lang,
            ..Gitlab::default()
        }
    }
}

impl Emitter for Gitlab {
    fn report(&mut self, _: &mut dyn Write, l: Linted) -> io::Result<()> {
        let path = relative_path(&l.path).unwrap_or_else(|| l.path.clone());
        for d in &l.report.diagnostics {
            let words = crate::ui::words(self.lang);
            let mut description = d.message.clone();
            if let Some(help) = &d.help {
                description.push_str(&match self.lang {
                    importimage_lint::Lang::ZhCn => format!("（{}：{help}）", words.help),
                    _ => format!(" ({}: {help})", words.help),
                });
            }
            self.issues.push(Issue {
                description,
                check_name: d.rule.id().to_owned(),
                fingerprint: self.fingerprints.next(&l, d),
                severity: severity(d.severity),
                location: Location {
                    path: path.clone(),
                    lines: Lines {
                        begin: l.start(d).0,
                        end: l.end(d).0,
                    },
                },
            });
        }
        Ok(())
    }

    fn config_error(&mut self, _: &mut dyn Write, e: &ConfigFailure) -> io::Result<()> {
        let shown = e.path.display().to_string();
        let line = e.line.unwrap_or(1);
        self.issues.push(Issue {
            description: format!(
                "{}{}{}",
                crate::ui::words(self.lang).config_unusable,
                crate::ui::words(self.lang).colon,
                e.message
            ),
            check_name: "configuration".to_owned(),
            fingerprint: format!("configuration:{shown}"),
            severity: "blocker",
            location: Location {
                path: relative_path(&shown).unwrap_or(shown),
                lines: Lines {
                    begin: line,
                    end: line,
                },
            },
        });
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Tally) -> io::Result<()> {
        let s = serde_json::to_string_pretty(&self.issues).map_err(io::Error::other)?;
        writeln!(out, "{}", escape(&s))
    }
}
