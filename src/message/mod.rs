//! The message catalogue: every message and help text a finding can carry, as a typed
//! value ([`Msg`]) with its arguments, rendered in one place per language.
//!
//! A leaf module. Checks never format text; they build a `Msg`. Rule ids, parameter names,
//! API codes and JSON keys never change with the language.

mod args;
mod en;
mod image_msg;
mod lang;
mod msg;
mod zh;
mod zh_docs;

#[cfg(test)]
pub(crate) mod tests;

pub(crate) use args::*;
pub(crate) use image_msg::ImageMsg;
pub(crate) use lang::rule_doc;
pub use lang::Lang;
pub(crate) use msg::Msg;

impl Msg<'_> {
    /// The text in `lang`.
    pub(crate) fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::render(self),
            Lang::ZhCn => zh::render(self),
        }
    }
}
