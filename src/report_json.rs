//! Reports as JSON text, written by hand: exactly the bytes `serde_json::to_string` writes
//! for the same value (a test compares both on every fixture and on generated reports), at a
//! fraction of the cost, and without serde_json in a WebAssembly module.

use crate::diagnostic::{Data, Diagnostic, Span};
use crate::report::{Effective, Report, Source};

impl Report {
    /// The report as JSON text: the same text `serde_json::to_string(&report)` gives.
    ///
    /// ```
    /// let r = importimage_lint::lint_str("RegionId=cn-hangzhou");
    /// let json = r.to_json();
    /// assert!(json.starts_with(r#"{"valid":false,"profile":"2019-01","diagnostics":[{"rule":"#));
    /// ```
    pub fn to_json(&self) -> String {
        let mut out =
            String::with_capacity(256 + 512 * self.diagnostics.len() + 48 * self.effective.len());
        self.write_head(&mut out);
        out.push_str(",\"effective\":");
        self.effective.write_json(&mut out);
        out.push('}');
        out
    }

    /// The report as JSON text without its `effective` member, for a caller that builds the
    /// effective request only when asked (the npm package).
    ///
    /// ```
    /// let r = importimage_lint::lint_str("RegionId=cn-hangzhou");
    /// assert!(!r.to_json_without_effective().contains("\"effective\""));
    /// ```
    pub fn to_json_without_effective(&self) -> String {
        let mut out = String::with_capacity(64 + 512 * self.diagnostics.len());
        self.write_head(&mut out);
        out.push('}');
        out
    }

    fn write_head(&self, out: &mut String) {
        out.push_str(if self.valid {
            "{\"valid\":true,\"profile\":"
        } else {
            "{\"valid\":false,\"profile\":"
        });
        string(out, self.profile);
        out.push_str(",\"diagnostics\":");
        Diagnostic::write_json_array(&self.diagnostics, out);
    }
}

impl Diagnostic {
    /// Appends the diagnostic as JSON text to `out`: the same text serde_json writes.
    ///
    /// ```
    /// let r = importimage_lint::lint_str("RegionId=cn-hangzhou");
    /// let mut out = String::new();
    /// r.diagnostics[0].write_json(&mut out);
    /// assert!(out.starts_with(r#"{"rule":"#));
    /// ```
    pub fn write_json(&self, out: &mut String) {
        out.push_str("{\"rule\":");
        string(out, self.rule.id());
        out.push_str(",\"severity\":");
        string(out, self.severity.as_str());
        out.push_str(",\"code\":");
        optional(out, self.code);
        out.push_str(",\"param\":");
        optional(out, self.param.as_deref());
        out.push_str(",\"message\":");
        string(out, &self.message);
        out.push_str(",\"help\":");
        optional(out, self.help.as_deref());
        out.push_str(",\"fix\":");
        optional(out, self.fix.as_deref());
        out.push_str(",\"data\":");
        write_data(&self.data, out);
        out.push_str(",\"span\":");
        match &self.span {
            Some(s) => write_span(s, out),
            None => out.push_str("null"),
        }
        if !self.related_params.is_empty() {
            out.push_str(",\"related_params\":");
            strings(out, self.related_params.iter().map(String::as_str));
        }
        out.push('}');
    }

    /// Appends diagnostics as a JSON array to `out`.
    ///
    /// ```
    /// let mut out = String::new();
    /// importimage_lint::Diagnostic::write_json_array(&[], &mut out);
    /// assert_eq!(out, "[]");
    /// ```
    pub fn write_json_array(diagnostics: &[Diagnostic], out: &mut String) {
        out.push('[');
        for (i, d) in diagnostics.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            d.write_json(out);
        }
        out.push(']');
    }
}

impl Effective {
    /// Appends the effective request as a JSON object to `out`: `{name: {value, source}}`.
    ///
    /// ```
    /// let r = importimage_lint::lint_str("RegionId=cn-hangzhou");
    /// let mut out = String::new();
    /// r.effective.write_json(&mut out);
    /// assert!(out.contains(r#""RegionId":{"value":"cn-hangzhou","source":"given"}"#));
    /// ```
    pub fn write_json(&self, out: &mut String) {
        out.push('{');
        for (i, (name, v)) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            string(out, name);
            out.push_str(":{\"value\":");
            optional(out, v.value);
            out.push_str(match v.source {
                Source::Given => ",\"source\":\"given\"}",
                Source::Default => ",\"source\":\"default\"}",
                Source::Detected => ",\"source\":\"detected\"}",
            });
        }
        out.push('}');
    }
}

fn write_data(d: &Data, out: &mut String) {
    out.push('{');
    let mut first = true;
    let mut key = |out: &mut String, k: &str| {
        out.push_str(if first { "\"" } else { ",\"" });
        first = false;
        out.push_str(k);
        out.push_str("\":");
    };
    if let Some(v) = &d.value {
        key(out, "value");
        string(out, v);
    }
    for (k, n) in [("min", d.min), ("max", d.max), ("actual", d.actual)] {
        if let Some(n) = n {
            key(out, k);
            number(out, n);
        }
    }
    if let Some(u) = d.unit {
        key(out, "unit");
        string(out, u);
    }
    if let Some(a) = &d.allowed {
        key(out, "allowed");
        strings(out, a.iter().copied());
    }
    for (k, v) in [("expected", &d.expected), ("character", &d.character)] {
        if let Some(v) = v {
            key(out, k);
            string(out, v);
        }
    }
    if let Some(n) = d.omitted {
        key(out, "omitted");
        number(out, n);
    }
    if let Some(e) = &d.earlier {
        key(out, "earlier");
        out.push_str("{\"request\":");
        number(out, e.request);
        out.push_str(",\"line\":");
        number(out, e.line);
        out.push_str(",\"column\":");
        number(out, e.column);
        out.push('}');
    }
    out.push('}');
}

fn write_span(s: &Span, out: &mut String) {
    let fields = [
        ("{\"start\":", s.start),
        (",\"end\":", s.end),
        (",\"line\":", s.line),
        (",\"column\":", s.column),
        (",\"utf16_start\":", s.utf16_start),
        (",\"utf16_end\":", s.utf16_end),
    ];
    for (k, n) in fields {
        out.push_str(k);
        number(out, n as u64);
    }
    out.push('}');
}

fn optional(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.push_str("null"),
    }
}

fn strings<'a>(out: &mut String, items: impl Iterator<Item = &'a str>) {
    out.push('[');
    for (i, s) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(out, s);
    }
    out.push(']');
}

fn number(out: &mut String, n: u64) {
    out.push_str(crate::chars::decimal(n, &mut [0u8; 20]));
}

/// A JSON string as serde_json writes it: `"` and `\` escaped, the control characters
/// below U+0020 as `\b \t \n \f \r` or `\u00XX`, everything else (U+007F and non-ASCII
/// included) as it is.
pub(crate) fn string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // `i` is at an ASCII byte, so both slices end on character boundaries.
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xf)] as char);
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn strings_escape_as_serde_json_does() {
        let all: String = (0u32..0x80)
            .chain([0xe9, 0x2028, 0x1f600])
            .filter_map(char::from_u32)
            .collect();
        let mut out = String::new();
        string(&mut out, &all);
        assert_eq!(out, serde_json::to_string(&all).unwrap());
    }

    #[test]
    fn numbers_print_as_serde_json_does() {
        for n in [0, 1, 9, 10, 99, 100, 12345, u64::from(u32::MAX), u64::MAX] {
            let mut out = String::new();
            number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    proptest! {
        #[test]
        fn any_string_escapes_as_serde_json_does(s in any::<String>()) {
            let mut out = String::new();
            string(&mut out, &s);
            prop_assert_eq!(out, serde_json::to_string(&s).unwrap());
        }
    }
}
