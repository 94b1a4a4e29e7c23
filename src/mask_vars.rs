//! Credentials that reach a request through a variable: `access_key = var.ak` in HCL,
//! `"access_key": "{{user `ak`}}"` in a Packer JSON template. The variable's value, where the
//! file defines it, is masked like the credential itself.

use super::{is_boundary, skip_ws, string_end, variable_default_of, Secret, Written};

/// The variables the computed credentials of `found` name: `var.NAME`, `user `NAME``.
pub(super) fn referenced_variables(text: &str, found: &[Secret]) -> Vec<String> {
    let mut names = Vec::new();
    for s in found.iter().filter(|s| s.written == Written::Computed) {
        let v = &text[s.value.clone()];
        for (prefix, close) in [
            ("var.", None),
            ("user `", Some('`')),
            ("user \"", Some('"')),
        ] {
            for (at, _) in v.match_indices(prefix) {
                let rest = &v[at + prefix.len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
                    .collect();
                let closed = close.is_none_or(|c| rest[name.len()..].starts_with(c));
                if !name.is_empty() && closed && !names.contains(&name) {
                    names.push(name);
                }
            }
        }
    }
    names
}

/// The values given to the variables `names`: an HCL `variable "NAME" { default = … }`,
/// and a JSON member `"NAME": "…"` (a Packer template's `"variables"`).
pub(super) fn variable_values(text: &str, names: &[String]) -> Vec<Secret> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for name in names {
        let quoted = format!("\"{name}\"");
        for (at, _) in text.match_indices(&quoted) {
            let after = at + quoted.len();
            if text[..at].trim_end().ends_with("variable") {
                let start = text[..at].trim_end().len() - "variable".len();
                if start == 0 || is_boundary(b[start - 1]) {
                    out.extend(variable_default_of(text, start + "variable".len(), false));
                }
                continue;
            }
            let colon = skip_ws(b, after);
            if b.get(colon) != Some(&b':') {
                continue;
            }
            let open = skip_ws(b, colon + 1);
            if b.get(open) == Some(&b'"') {
                let value = open + 1..string_end(b, open + 1, b'"');
                let written = if text[value.clone()].contains("{{") {
                    Written::Computed
                } else {
                    Written::Literal
                };
                out.push(Secret {
                    name: at + 1..after - 1,
                    value,
                    written,
                });
            }
        }
    }
    out
}
