//! `rules` and `explain`: the rule table, as text, JSON or Markdown, and one rule's page,
//! each generated from the profiles' tables it is given.

use std::io::{self, Write};

use importimage_lint::embedded::{Context, Host};
use importimage_lint::profile::{self, Profile};
use importimage_lint::{rule_infos_in, Lang, Linter, Options, Rule, Subject};

use super::OK;
use crate::args::ListFormat;
use crate::emit::sanitize;
use crate::ui::{self, columns, pad};

pub(crate) fn list(
    format: ListFormat,
    profiles: &[&'static Profile],
    lang: Lang,
) -> io::Result<i32> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    write!(out, "{}", listing(format, profiles, lang)?)?;
    Ok(OK)
}

/// The rule listing in a format.
pub(crate) fn listing(
    format: ListFormat,
    profiles: &[&'static Profile],
    lang: Lang,
) -> io::Result<String> {
    let infos = rule_infos_in(profiles, lang);
    let words = ui::words(lang);
    Ok(match format {
        ListFormat::Json => serde_json::to_string_pretty(&infos).map_err(io::Error::other)? + "\n",
        ListFormat::Markdown => markdown(profiles, lang),
        ListFormat::Text => {
            let heads: Vec<String> = profiles
                .iter()
                .map(|p| ui::code_column(lang, p.id))
                .collect();
            let id_w = infos
                .iter()
                .map(|r| r.id.len())
                .max()
                .unwrap_or(4)
                .max(columns(words.rule));
            let sev_w = columns(words.severity).max(8);
            let code_w: Vec<usize> = (0..profiles.len())
                .map(|i| {
                    infos
                        .iter()
                        .map(|r| r.codes[i].1.unwrap_or("-").len())
                        .chain([columns(&heads[i])])
                        .max()
                        .unwrap_or(1)
                })
                .collect();
            let mut s = format!("{}  {}", pad(words.rule, id_w), pad(words.severity, sev_w));
            for (i, h) in heads.iter().enumerate() {
                s.push_str(&format!("  {}", pad(h, code_w[i])));
            }
            s.push_str(&format!("  {}\n", words.summary));
            for r in &infos {
                s.push_str(&format!(
                    "{:<id_w$}  {}",
                    r.id,
                    pad(words.severity_of(r.severity), sev_w)
                ));
                for (i, (_, c)) in r.codes.iter().enumerate() {
                    s.push_str(&format!("  {:<w$}", c.unwrap_or("-"), w = code_w[i]));
                }
                s.push_str(&format!("  {}\n", r.summary));
            }
            s
        }
    })
}

/// The README's rule table: one column of API error codes per profile.
pub(crate) fn markdown(profiles: &[&'static Profile], lang: Lang) -> String {
    let words = ui::words(lang);
    let mut s = format!("| {} | {} |", words.rule, words.severity);
    let zh = lang == Lang::ZhCn;
    for p in profiles {
        s.push_str(&if zh {
            format!(" {} |", ui::code_column(lang, p.id))
        } else {
            format!(" API error ({}) |", p.id)
        });
    }
    s.push_str(if zh {
        " 检查内容 |\n|---|---|"
    } else {
        " what it checks |\n|---|---|"
    });
    s.push_str(&"---|".repeat(profiles.len()));
    s.push_str("---|\n");
    for r in rule_infos_in(profiles, lang) {
        // The anchor is what SARIF's `helpUri` links to.
        s.push_str(&format!(
            "| <a id=\"{0}\"></a>`{0}` | {1} |",
            r.id,
            words.severity_of(r.severity)
        ));
        for (_, code) in &r.codes {
            s.push_str(&code.map_or(" — |".to_owned(), |c| format!(" `{c}` |")));
        }
        s.push_str(&format!(" {} |\n", r.summary.replace('|', "\\|")));
    }
    s
}

pub(crate) fn explain(id: &str, profiles: &[&'static Profile], lang: Lang) -> io::Result<i32> {
    let Some(rule) = Rule::from_id(id) else {
        return super::usage(super::unknown_rule(id));
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    write!(out, "{}", explanation(rule, profiles, lang))?;
    Ok(OK)
}

/// One rule's page: what it checks, why, what each profile's table says, examples.
pub(crate) fn explanation(rule: Rule, profiles: &[&'static Profile], lang: Lang) -> String {
    let doc = rule.doc();
    let words = ui::words(lang);
    let info = rule_infos_in(&[], lang)
        .into_iter()
        .find(|i| i.id == rule.id())
        .expect("every rule is listed");
    let mut s = format!(
        "{} {}\n\n",
        rule.id(),
        ui::rule_line(lang, words.severity_of(rule.severity()), rule.source_file())
    );
    s.push_str(&format!(
        "{}\n  {}\n\n{}\n  {}\n\n{}\n",
        words.what, info.summary, words.why, info.why, words.by_profile
    ));
    for p in profiles {
        let code = p.code(rule).unwrap_or(words.no_code);
        s.push_str(&format!(
            "  {:<8} {}{}{code}\n",
            p.id, words.api_error, words.colon
        ));
        let facts = profile::facts_in(p, rule, lang);
        if !facts.is_empty() {
            s.push_str(&format!("  {:<8} {facts}\n", ""));
        }
    }
    let differs = profiles.windows(2).any(|w| {
        profile::facts(w[0], rule) != profile::facts(w[1], rule)
            || w[0].code(rule) != w[1].code(rule)
    });
    s.push_str(&format!(
        "  {}\n",
        if differs { words.differ } else { words.same }
    ));
    let p = profiles
        .iter()
        .copied()
        .find(|p| p.id == doc.example_profile)
        .or_else(|| profile::by_id(doc.example_profile))
        .unwrap_or(profile::DEFAULT);
    let linter = Linter::new(Options::default().with_profile(p).with_lang(lang));
    if rule.subject() == Subject::Image {
        // An image rule's examples are an image's facts (what `importimage-lint image`
        // reads from the file's headers) and a request; src/checks/mod.rs lints them.
        s.push_str(&format!("\n{}\n", ui::failing(lang, p.id, true)));
        for ex in doc.bad {
            s.push_str(&format!("  {}\n", sanitize(ex)));
        }
    } else if !doc.bad.is_empty() {
        s.push_str(&format!("\n{}\n", ui::failing(lang, p.id, false)));
        let mut batch = linter.batch();
        for ex in doc.bad {
            s.push_str(&format!("  {}\n", sanitize(ex)));
            let report = if rule.subject() == Subject::Role {
                linter.lint_role(ex, Some(importimage_lint::GOOD_REQUEST))
            } else if let Some(host) = Host::of_example(ex) {
                let cx = Context::default();
                let found = batch.lint_embedded_with(&linter, ex, host, &cx);
                match found.into_iter().next() {
                    Some(e) => e.report,
                    None => continue,
                }
            } else {
                batch.lint_str(ex)
            };
            for d in report.diagnostics.iter().filter(|d| d.rule == rule) {
                s.push_str(&format!(
                    "  → {}[{}] {}\n",
                    words.severity_of(d.severity),
                    d.rule,
                    sanitize(&d.message)
                ));
                if let Some(h) = &d.help {
                    s.push_str(&format!(
                        "    {}{}{}\n",
                        words.help,
                        words.colon,
                        sanitize(h)
                    ));
                }
            }
        }
    }
    s.push_str(&format!("\n{}\n", words.passing));
    for ex in doc.good {
        s.push_str(&format!("  {}\n", sanitize(ex)));
    }
    s
}
