//! Credential values repeated outside their place: found once per file, masked wherever a
//! report would repeat them; and the warning about a credential written out.

use std::ops::Range;

use super::{secrets, Secret};

/// The secret values of `text` as they may be repeated elsewhere: each value as written
/// and without its quotes, three characters or longer, each once, longest first. [`scrub`]
/// replaces them.
pub fn secret_values(text: &str) -> Vec<String> {
    values_of(text, &secrets(text))
}

/// [`secret_values`] of some of the secrets of `text` (as [`secrets`] found them).
pub fn values_of<'s>(text: &str, found: impl IntoIterator<Item = &'s Secret>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in found {
        let Some(raw) = text.get(s.value.clone()) else {
            continue;
        };
        let unquoted = raw.trim_matches(|c| c == '"' || c == '\'');
        for v in [raw, unquoted] {
            if v.chars().count() >= 3 {
                out.push(v.to_owned());
            }
        }
    }
    // Longest first, so that a value holding another is replaced whole.
    out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    out.dedup();
    out
}

/// `s` with every occurrence of the `secrets` masked (`*` per character).
///
/// ```
/// use importimage_lint::mask::{scrub, secret_values};
/// let secrets = secret_values("aliyun ecs ImportImage --access-key-secret Kx9fQ2 --ImageName Kx9fQ2");
/// assert_eq!(scrub("ImageName \"Kx9fQ2\" is bad", &secrets), "ImageName \"******\" is bad");
/// ```
pub fn scrub(s: &str, secrets: &[String]) -> String {
    let mut out = s.to_owned();
    for v in secrets {
        if out.contains(v.as_str()) {
            out = out.replace(v.as_str(), &"*".repeat(v.chars().count()));
        }
    }
    out
}

/// Masks every occurrence of the `secrets` in the text a diagnostic carries: its message,
/// help, fix, parameter and data.
pub fn scrub_diagnostic(d: &mut crate::Diagnostic, secrets: &[String]) {
    if secrets.is_empty() {
        return;
    }
    let fix = |s: &mut String| {
        if secrets.iter().any(|v| s.contains(v.as_str())) {
            *s = scrub(s, secrets);
        }
    };
    fix(&mut d.message);
    d.help.as_mut().map(fix);
    d.fix.as_mut().map(fix);
    d.param.as_mut().map(fix);
    d.data.value.as_mut().map(fix);
    d.data.expected.as_mut().map(fix);
    d.data.character.as_mut().map(fix);
    d.related_params.iter_mut().for_each(fix);
}

/// The `credential-in-request` warning about a credential named `name` whose value is
/// written out at `value` in a script or a Terraform file.
pub(crate) fn literal_finding(
    name: &str,
    value: Range<usize>,
) -> crate::diagnostic::Finding<'static> {
    crate::diagnostic::Finding::new(
        crate::rule::Rule::CredentialInRequest,
        crate::message::Msg::CredentialLiteral {
            name: std::borrow::Cow::Owned(name.to_owned()),
        },
    )
    .span(Some((value.start, value.end)))
    .help(crate::message::Msg::CredentialLiteralHelp)
}
