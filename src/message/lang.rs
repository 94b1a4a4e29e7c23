//! The languages diagnostics and rule documentation are written in.

use super::zh_docs;

/// The language diagnostics are written in.
///
/// ```
/// use importimage_lint::Lang;
/// assert_eq!(Lang::parse("en"), Some(Lang::En));
/// assert_eq!(Lang::default(), Lang::En);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Simplified Chinese (`zh-CN`).
    ZhCn,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: &'static [Lang] = &[Lang::En, Lang::ZhCn];

    /// The language's tag (`en`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// Parses a language tag as [`str::parse`] does (`zh-CN`, `zh_cn`, `zh`, `en-US` …);
    /// `None` where that is an error.
    pub fn parse(tag: &str) -> Option<Lang> {
        tag.parse().ok()
    }
}

/// A rule's summary and reason in `lang`.
pub(crate) fn rule_doc(rule: crate::Rule, lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => (rule.doc().summary, rule.doc().why),
        Lang::ZhCn => zh_docs::doc(rule),
    }
}
