//! What the alicloud provider adds to Terraform's reading of `alicloud_image_import`
//! (`resource_alicloud_image_import.go`, `validators.go`): its case-sensitive value lists,
//! the instances `count`/`for_each` make, and arguments set in override files.

use std::borrow::Cow;

use hcl_edit::expr::Expression;
use hcl_edit::structure::Body;

use super::terraform::{attribute, literal, span_of};
use super::{Entry, Name, Parsed, Unknown, Value};
use crate::diagnostic::Finding;
use crate::message::Msg;
use crate::rule::Rule;

/// The arguments the provider validates against a list, letter case counting
/// (`StringInSlice(…, false)`, `validators.go` line 512; the lists are
/// `resource_alicloud_image_import.go` lines 32, 39, 52, 58 and 80): `terraform plan`
/// refuses any other value, so nothing is sent. `platform` has no list (line 41).
const PROVIDER_CHOICES: &[(&str, &[&str], Rule)] = &[
    ("architecture", &["x86_64", "i386"], Rule::Architecture),
    ("os_type", &["windows", "linux"], Rule::OsType),
    ("boot_mode", &["BIOS", "UEFI"], Rule::BootMode),
    (
        "license_type",
        &["Auto", "Aliyun", "BYOL"],
        Rule::LicenseType,
    ),
    ("format", &["RAW", "VHD", "qcow2"], Rule::DiskFormat),
];

/// A literal the provider refuses, as a finding at the value; its fix is the provider's
/// spelling when only the letter case differs.
pub(super) fn refused<'a>(
    tf: &str,
    api: &str,
    value: &Value<'_>,
    span: Option<(usize, usize)>,
) -> Option<Finding<'a>> {
    let (_, choices, rule) = PROVIDER_CHOICES.iter().find(|(t, _, _)| *t == tf)?;
    let Value::Str(text) = value else {
        return None;
    };
    if choices.contains(&text.as_ref()) {
        return None;
    }
    let mut f = Finding::new(
        *rule,
        Msg::ProviderValue {
            attribute: Cow::Owned(tf.to_owned()),
            value: Cow::Owned(text.to_string()),
            choices,
        },
    )
    .param(Cow::Owned(api.to_owned()))
    .span(span)
    .help(Msg::ProviderValueHelp);
    if let Some(c) = choices.iter().find(|c| c.eq_ignore_ascii_case(text)) {
        f = f.fix(Cow::Borrowed(*c));
    }
    Some(f)
}

/// An argument an override file sets: its value, without spans (it is written in another
/// file: findings point at the resource, and `--fix` leaves it alone).
pub(super) fn overridden(
    parsed: &mut Parsed<'_>,
    unknown: &mut Unknown,
    text: &str,
    e: &Expression,
    tf: &str,
    api: &str,
    header: (usize, usize),
) {
    match literal(text, e, false) {
        Some(Some(v)) => {
            let owned = Value::Str(Cow::Owned(match &v {
                Value::Str(s) => s.to_string(),
                Value::Num(n) => (*n).to_owned(),
                Value::Bool(b) => b.to_string(),
                _ => return,
            }));
            if let Some(mut f) = refused(tf, api, &owned, Some(header)) {
                f.fix = None; // the value is written in the override file
                parsed.notes.push(f);
            }
            parsed.entries.push(Entry {
                name: Name::flat(api.to_owned()),
                value: owned,
                key_span: Some(header),
                value_span: None,
            });
        }
        Some(None) => {}
        None => unknown.value(
            parsed,
            api.to_owned(),
            "(an override file's expression)",
            Some(header),
        ),
    }
}

/// How many instances a resource's literal `count` or `for_each` makes (`None`: one, or
/// not known before it runs). A `for_each` set (`toset([…])`) counts its distinct values.
pub(super) fn copies(src: &str, body: &Body) -> Option<u64> {
    if let Some(e) = attribute(body, "count") {
        return match e {
            Expression::Number(_) => {
                let (a, b) = span_of(e)?;
                src.get(a..b)?.trim().parse().ok()
            }
            _ => None,
        };
    }
    let items = |e: &Expression| -> Option<Vec<String>> {
        match e {
            Expression::Array(a) => {
                Some(a.iter().map(|x| x.to_string().trim().to_owned()).collect())
            }
            Expression::Object(o) => {
                Some(o.iter().enumerate().map(|(i, _)| i.to_string()).collect())
            }
            _ => None,
        }
    };
    let n = match attribute(body, "for_each")? {
        Expression::FuncCall(f) if f.name.name.as_str() == "toset" && f.args.len() == 1 => {
            let arg = f.args.iter().next()?;
            let literal =
                |x: &Expression| matches!(x, Expression::String(_) | Expression::Number(_));
            if !matches!(arg, Expression::Array(a) if a.iter().all(literal)) {
                return None; // values only known when it runs may be equal
            }
            let mut v = items(arg)?;
            v.sort();
            v.dedup();
            v.len()
        }
        e => items(e)?.len(),
    };
    u64::try_from(n).ok()
}
