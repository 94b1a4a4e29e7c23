//! The message catalogue: every message and help text a finding can carry, as a typed
//! value ([`Msg`]) with its arguments, rendered in one place per language.
//!
//! A leaf module. Checks never format text; they build a `Msg`. Rule ids, parameter names,
//! API codes and JSON keys never change with the language.

mod args;
mod en;
mod fact;
mod image_msg;
mod lang;
mod msg;
#[cfg(feature = "zh")]
mod zh;
#[cfg(feature = "zh")]
mod zh_docs;

#[cfg(test)]
pub(crate) mod english;
#[cfg(test)]
pub(crate) mod tests;

pub(crate) use args::*;
pub(crate) use fact::Fact;
pub(crate) use image_msg::ImageMsg;
pub(crate) use lang::rule_doc;
pub use lang::Lang;
pub(crate) use msg::Msg;

impl Msg<'_> {
    /// The text in `lang`.
    pub(crate) fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::render(self),
            #[cfg(feature = "zh")]
            Lang::ZhCn => zh::render(self),
            #[cfg(not(feature = "zh"))]
            Lang::ZhCn => en::render(self),
        }
    }
}

/// Facts of a profile's table, in `lang`, as one line.
pub(crate) fn render_facts(facts: &[Fact<'_>], lang: Lang) -> String {
    let shown: Vec<String> = facts
        .iter()
        .map(|f| match lang {
            Lang::En => en::fact(f),
            #[cfg(feature = "zh")]
            Lang::ZhCn => zh::fact(f),
            #[cfg(not(feature = "zh"))]
            Lang::ZhCn => en::fact(f),
        })
        .collect();
    shown.join(match lang {
        #[cfg(feature = "zh")]
        Lang::ZhCn => "；",
        _ => "; ",
    })
}

/// The words a table's own English is replaced with in `lang`: a profile's source by its id,
/// a parameter's description by its name (`None`: keep the table's words).
pub(crate) type TableWords = (
    fn(&str) -> Option<&'static str>,
    fn(&str) -> Option<&'static str>,
);

/// [`TableWords`] of a language.
pub(crate) fn table_words(lang: Lang) -> TableWords {
    fn none(_: &str) -> Option<&'static str> {
        None
    }
    match lang {
        Lang::En => (none, none),
        #[cfg(feature = "zh")]
        Lang::ZhCn => (zh_docs::source, zh_docs::param),
        #[cfg(not(feature = "zh"))]
        Lang::ZhCn => (none, none),
    }
}
