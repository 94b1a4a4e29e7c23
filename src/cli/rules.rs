//! `rules` and `explain`: the rule table, as text, JSON or Markdown, and one rule's page.

use std::io::{self, Write};

use importimage_lint::{profile, rule_infos, Linter, Options, Rule};

use super::ListFormat;

pub(crate) fn list(format: ListFormat) -> io::Result<i32> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let infos = rule_infos();
    match format {
        ListFormat::Json => {
            let s = serde_json::to_string_pretty(&infos).map_err(io::Error::other)?;
            writeln!(out, "{s}")?;
        }
        ListFormat::Markdown => write!(out, "{}", markdown())?,
        ListFormat::Text => {
            let ids: Vec<&str> = profile::PROFILES.iter().map(|p| p.id).collect();
            writeln!(
                out,
                "{:<27} {:<8} {:<30} {:<30} summary",
                "rule",
                "severity",
                format!("API code ({})", ids[0]),
                format!("API code ({})", ids[1])
            )?;
            for r in &infos {
                let code = |i: usize| r.codes.get(i).and_then(|c| c.1).unwrap_or("-");
                writeln!(
                    out,
                    "{:<27} {:<8} {:<30} {:<30} {}",
                    r.id,
                    r.severity,
                    code(0),
                    code(1),
                    r.summary
                )?;
            }
        }
    }
    Ok(super::OK)
}

/// The README's rule table.
pub(crate) fn markdown() -> String {
    let ids: Vec<&str> = profile::PROFILES.iter().map(|p| p.id).collect();
    let mut s = format!("| rule | severity | API error ({}) | API error ({}) | what it checks |\n|---|---|---|---|---|\n", ids[0], ids[1]);
    for r in rule_infos() {
        let code = |i: usize| {
            r.codes
                .get(i)
                .and_then(|c| c.1)
                .map_or("—".to_owned(), |c| format!("`{c}`"))
        };
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            r.id,
            r.severity,
            code(0),
            code(1),
            r.summary.replace('|', "\\|")
        ));
    }
    s
}

pub(crate) fn explain(id: &str) -> io::Result<i32> {
    let Some(rule) = Rule::from_id(id) else {
        match Rule::suggest(id) {
            Some(near) => {
                eprintln!("importimage-lint: unknown rule `{id}`; did you mean `{near}`?")
            }
            None => eprintln!(
                "importimage-lint: unknown rule `{id}`; `importimage-lint rules` lists them"
            ),
        }
        return Ok(super::TROUBLE);
    };
    let meta = rule.meta();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    writeln!(out, "{} ({} by default)\n", meta.id, meta.severity)?;
    writeln!(out, "What it checks\n  {}\n", meta.summary)?;
    writeln!(out, "Why\n  {}\n", meta.why)?;
    writeln!(out, "By profile")?;
    for p in profile::PROFILES {
        let code = p.code(rule).unwrap_or("none named by this revision");
        writeln!(out, "  {:<8} API error: {code}", p.id)?;
        let facts = profile::facts(p, rule);
        if !facts.is_empty() {
            writeln!(out, "  {:<8} {facts}", "")?;
        }
    }
    let differs = profile::PROFILES.windows(2).any(|w| {
        profile::facts(w[0], rule) != profile::facts(w[1], rule)
            || w[0].code(rule) != w[1].code(rule)
    });
    writeln!(
        out,
        "  {}",
        if differs {
            "The profiles differ for this rule."
        } else {
            "The same in every profile."
        }
    )?;
    let profile = profile::by_id(meta.example_profile).unwrap_or(&profile::SPEC_2019);
    let linter = Linter::new(Options {
        profile,
        ..Options::default()
    });
    if !meta.bad.is_empty() {
        writeln!(out, "\nFailing example (profile {})", profile.id)?;
        let mut batch = linter.batch();
        for ex in meta.bad {
            writeln!(out, "  {}", super::text::sanitize(ex))?;
            let report = if meta.subject == importimage_lint::Subject::Role {
                linter.lint_role(ex, Some(importimage_lint::GOOD_REQUEST))
            } else {
                batch.lint_str(ex)
            };
            for d in report.diagnostics.iter().filter(|d| d.rule == rule) {
                writeln!(
                    out,
                    "  → {}[{}] {}",
                    d.severity,
                    d.rule,
                    super::text::sanitize(&d.message)
                )?;
                if let Some(h) = &d.help {
                    writeln!(out, "    help: {}", super::text::sanitize(h))?;
                }
            }
        }
    }
    writeln!(out, "\nPassing example")?;
    for ex in meta.good {
        writeln!(out, "  {}", super::text::sanitize(ex))?;
    }
    Ok(super::OK)
}
