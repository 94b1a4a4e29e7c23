//! Where findings go: the options' severity overrides and the cap are applied, and each
//! finding that is kept is rendered into a [`Diagnostic`] in the report's language.

use std::borrow::Cow;

use crate::diagnostic::{Diagnostic, Finding, Severity};
use crate::message::Lang;
use crate::profile::Profile;
use crate::rule::Rule;

const RULES: usize = Rule::ALL.len();

/// A finding reduced to what fix verification compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Key {
    pub rule: Rule,
    pub param: Option<String>,
    pub fix: Option<String>,
}

/// Collects findings.
pub(crate) struct Sink {
    profile: &'static Profile,
    lang: Lang,
    max: usize,
    /// Per rule: `None` for its default severity, `Some(None)` when it is off.
    overrides: [Option<Option<Severity>>; RULES],
    pub diags: Vec<Diagnostic>,
    pub omitted: u64,
    pub omitted_error: bool,
    /// When set, findings are only reduced to keys (fix verification needs no text).
    pub keys: Option<Vec<Key>>,
    /// Inline suppressions of the input.
    pub suppressions: Vec<crate::input::Suppression>,
    /// When set, findings are neither built nor rendered: only whether an error was kept
    /// is recorded, in `failed` (the verdict-only entry, [`crate::Linter::is_valid`]).
    pub verdict_only: bool,
    /// In verdict-only mode, whether a finding of severity error was kept.
    pub failed: bool,
}

impl Sink {
    pub(crate) fn new(
        profile: &'static Profile,
        lang: Lang,
        max: usize,
        severities: &[(Rule, Option<Severity>)],
    ) -> Self {
        let mut overrides = [None; RULES];
        for (rule, sev) in severities {
            overrides[rule.index()] = Some(*sev);
        }
        Sink {
            profile,
            lang,
            max,
            overrides,
            diags: Vec::new(),
            omitted: 0,
            omitted_error: false,
            keys: None,
            suppressions: Vec::new(),
            verdict_only: false,
            failed: false,
        }
    }

    /// The language findings are rendered in.
    pub(crate) fn lang(&self) -> Lang {
        self.lang
    }

    /// The profile that judges.
    pub(crate) fn profile(&self) -> &'static Profile {
        self.profile
    }

    /// The id of the profile that judges.
    pub(crate) fn profile_id(&self) -> &'static str {
        self.profile.id
    }

    /// The severity a rule has under the options; `None` when it is turned off.
    pub(crate) fn severity(&self, rule: Rule) -> Option<Severity> {
        self.overrides[rule.index()].unwrap_or(Some(rule.severity()))
    }

    /// Records a finding built only when it will be kept: past the cap, only counted.
    pub(crate) fn push_lazy<'f>(&mut self, rule: Rule, build: impl FnOnce() -> Finding<'f>) {
        let Some(severity) = self.severity(rule) else {
            return;
        };
        if !self.suppressions.is_empty() {
            let f = build();
            if self.suppressed(&f) {
                return;
            }
            return self.keep(f, severity);
        }
        self.keep_lazy(rule, severity, build);
    }

    /// Whether an inline suppression silences a finding.
    pub(crate) fn suppressed(&self, f: &Finding<'_>) -> bool {
        self.suppressions.iter().any(|s| {
            (s.rules.is_empty() || s.rules.contains(&f.rule))
                && (s.params.is_empty()
                    || [&f.param, &f.also]
                        .into_iter()
                        .flatten()
                        .any(|p| s.names(p)))
                && match (s.range, f.span) {
                    (None, _) => true,
                    (Some((a, b)), Some((start, _))) => (a..b).contains(&start),
                    (Some(_), None) => false,
                }
        })
    }

    fn keep(&mut self, f: Finding<'_>, severity: Severity) {
        let rule = f.rule;
        self.keep_lazy(rule, severity, || f);
    }

    fn keep_lazy<'f>(
        &mut self,
        rule: Rule,
        severity: Severity,
        build: impl FnOnce() -> Finding<'f>,
    ) {
        if self.verdict_only {
            self.failed |= severity == Severity::Error;
            return;
        }
        if let Some(keys) = &mut self.keys {
            let f = build();
            keys.push(Key {
                rule,
                param: f.param.map(Cow::into_owned),
                fix: f.fix.map(Cow::into_owned),
            });
            return;
        }
        if self.diags.len() >= self.max {
            self.omitted += 1;
            self.omitted_error |= severity == Severity::Error;
            return;
        }
        let f = build();
        let code = self.profile.code(f.rule);
        self.diags.push(f.render(self.lang, severity, code));
    }

    /// Records a finding.
    pub(crate) fn push(&mut self, f: Finding<'_>) {
        self.push_lazy(f.rule, || f);
    }
}
