//! `deceptive-text`: invisible, direction-changing or control characters in any value.

use super::{example, Checker};
use crate::chars::{code_point, deceptive_chars};
use crate::diagnostic::{Data, Finding};
use crate::input::Value;
use crate::message::{Hidden, Msg};
use crate::profile::Kind;
use crate::rule::{Rule, RuleDoc};

/// `deceptive-text`.
pub(crate) const DECEPTIVE_TEXT: RuleDoc = RuleDoc::new(
    "A value holds invisible, direction-changing or control characters (zero-width spaces, bidi overrides such as U+202E, escape codes); emoji sequences are not counted.",
    "Such characters make a value read differently from what it is (the \"Trojan Source\" trick) or drive the terminal that shows it; reviewers cannot see them.",
    &[example!("\"Description\": \"web \u{202E}gpj.exe\"")],
    &[example!("\"Description\": \"web tier \u{2764}\u{FE0F}\"")],
);

/// Every string value, parameters known or not; credentials are never echoed.
pub(crate) fn check<'e>(cx: &mut Checker<'_, 'e>) {
    let req = cx.req;
    for (idx, e) in req.entries.iter().enumerate() {
        let Value::Str(v) = &e.value else { continue };
        if v.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            continue; // printable ASCII: nothing to hide (the common case, checked fast)
        }
        if req
            .param_of(idx)
            .is_some_and(|p| matches!(p.kind(), Kind::Credential))
            || crate::mask::is_secret_name(&e.name.text())
        {
            continue;
        }
        let mut found = deceptive_chars(v);
        let Some((_, c)) = found.next() else { continue };
        let more = found.count();
        let kind = if c.is_control() {
            Hidden::Control
        } else if matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        {
            Hidden::Direction
        } else {
            Hidden::Invisible
        };
        cx.push(
            Finding::new(
                Rule::DeceptiveText,
                Msg::Deceptive {
                    name: e.name.to_cow(),
                    kind,
                    ch: c,
                    more,
                },
            )
            .param(e.name.to_cow())
            .span(e.span())
            .help(Msg::DeceptiveHelp)
            .data(Data {
                character: Some(code_point(c)),
                ..Data::value(v)
            }),
        );
    }
}
