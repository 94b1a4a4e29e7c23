//! The languages diagnostics and rule documentation are written in.

#[cfg(feature = "zh")]
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
    /// Simplified Chinese (`zh-CN`), with the `zh` feature (on by default). Built without
    /// it, no tag parses to this language, [`Lang::ALL`] leaves it out, and a value made by
    /// hand renders in English.
    ZhCn,
}

impl Lang {
    /// Every language this build speaks, the default first (Chinese with the `zh` feature).
    #[cfg(feature = "zh")]
    pub const ALL: &'static [Lang] = &[Lang::En, Lang::ZhCn];
    /// Every language this build speaks, the default first (Chinese with the `zh` feature).
    #[cfg(not(feature = "zh"))]
    pub const ALL: &'static [Lang] = &[Lang::En];

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
        #[cfg(feature = "zh")]
        Lang::ZhCn => zh_docs::doc(rule),
        #[cfg(not(feature = "zh"))]
        Lang::ZhCn => (rule.doc().summary, rule.doc().why),
    }
}
