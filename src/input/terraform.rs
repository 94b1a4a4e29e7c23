//! Terraform: each `resource "alicloud_image_import"` block of a `.tf` file, read into the
//! request the alicloud provider sends for it, with the spans of its attributes.
//!
//! The mapping is the provider's (`resource_alicloud_image_import.go` and its documentation):
//! the arguments below become API parameters, `disk_device_mapping` blocks become
//! `DiskDeviceMapping.N` in order, and what the provider fills in when an argument is left
//! out (its defaults) is sent too. `RegionId` is the provider's `region`. A value that is not
//! a literal (a variable, a reference, a function call, an interpolation) is not guessed: a
//! note says so and findings about that parameter are left out. Everything else in the file
//! (other resources, variables, outputs) is not read.

use std::borrow::Cow;

use hcl_edit::expr::{Expression, TraversalOperator};
use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::template::Element;
use hcl_edit::Span as _;

use super::terraform_provider::{copies, overridden, refused};
use super::{Entry, Name, Parsed, Suppression, Unknown, Value};
use crate::diagnostic::Finding;
use crate::message::Msg;
use crate::profile::Profile;
use crate::rule::Rule;

/// The resource type read.
pub const RESOURCE: &str = "alicloud_image_import";

/// The resource's arguments: Terraform name, API name, the provider's default where the
/// linter adds it (`resource_alicloud_image_import.go` lines 27-68). The provider also
/// sends `license_type`'s default, `Auto` (line 57), which the current API reference no
/// longer lists: it is added under a profile that knows LicenseType, so the effective
/// request shows it, but a value nobody wrote is not judged (the README's spec notes say
/// why).
const ARGUMENTS: &[(&str, &str, Option<&str>)] = &[
    ("image_name", "ImageName", None),
    ("description", "Description", None),
    ("architecture", "Architecture", Some("x86_64")),
    ("os_type", "OSType", Some("linux")),
    ("platform", "Platform", None),
    ("license_type", "LicenseType", Some(LICENSE_DEFAULT)),
    ("boot_mode", "BootMode", None),
];

/// The provider's `license_type` default (line 57), sent when the argument is left out.
const LICENSE_DEFAULT: &str = "Auto";

/// A `disk_device_mapping` block's arguments: Terraform name, API field, the default.
const DISK_ARGUMENTS: &[(&str, &str, Option<&str>)] = &[
    ("oss_bucket", "OSSBucket", None),
    ("oss_object", "OSSObject", None),
    ("format", "Format", None),
    ("device", "Device", None),
    ("disk_image_size", "DiskImageSize", Some("5")),
];

const DISKS: &str = "disk_device_mapping";

/// The region a `provider "alicloud"` block gives.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProviderRegion {
    /// A literal `region = "cn-hangzhou"`, with its byte span when it is in the file linted.
    Literal {
        /// The region id.
        value: String,
        /// Where it is written, in the linted file.
        span: Option<(usize, usize)>,
    },
    /// A region that is not a literal, or none: the provider takes it from its environment
    /// (`ALICLOUD_REGION`) or profile.
    Unknown,
}

/// What a Terraform module's `provider "alicloud"` blocks say about the region, by alias
/// (`None`: the default provider). Read with [`Providers::read`] from each `.tf` file of the
/// module (the folder) and [`Providers::merge`]d.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Providers {
    regions: Vec<(Option<String>, ProviderRegion)>,
}

impl Providers {
    /// The `provider "alicloud"` blocks of one file (nothing when it does not parse).
    ///
    /// ```
    /// use importimage_lint::embedded::Providers;
    /// let p = Providers::read("provider \"alicloud\" {\n  region = \"cn-beijing\"\n}\n");
    /// assert_eq!(p.region(None), Some("cn-beijing"));
    /// ```
    pub fn read(src: &str) -> Providers {
        let mut out = Providers::default();
        let Ok(body) = hcl_edit::parser::parse_body(src) else {
            return out;
        };
        for block in blocks(&body, "provider") {
            if block.labels.first().map(|l| l.as_str()) != Some("alicloud") {
                continue;
            }
            let alias = attribute(&block.body, "alias").and_then(|e| match e {
                Expression::String(s) => Some(s.value().clone()),
                _ => None,
            });
            let region = match attribute(&block.body, "region") {
                // provider.go lines 2171 and 2224: the region is trimmed; an empty one
                // falls back to the profile's or the default (line 2160-2173), unknown here.
                Some(Expression::String(s)) => ProviderRegion::Literal {
                    value: s.value().trim().to_owned(),
                    span: s.span().map(|r| (r.start, r.end)),
                },
                _ => ProviderRegion::Unknown,
            };
            out.regions.push((alias, region));
        }
        out
    }

    /// Adds another file's providers; spans are dropped (they point into that file).
    pub fn merge(&mut self, other: Providers) {
        for (alias, region) in other.regions {
            if self.regions.iter().any(|(a, _)| *a == alias) {
                continue;
            }
            let region = match region {
                ProviderRegion::Literal { value, .. } => {
                    ProviderRegion::Literal { value, span: None }
                }
                r => r,
            };
            self.regions.push((alias, region));
        }
    }

    /// The literal region of the provider with this alias (`None`: the default provider).
    pub fn region(&self, alias: Option<&str>) -> Option<&str> {
        match self.find(alias) {
            Some(ProviderRegion::Literal { value, .. }) => Some(value),
            _ => None,
        }
    }

    fn find(&self, alias: Option<&str>) -> Option<&ProviderRegion> {
        self.regions
            .iter()
            .find(|(a, _)| a.as_deref() == alias)
            .map(|(_, r)| r)
    }
}

/// One resource read: its address (`alicloud_image_import.NAME`), where its header is, and
/// the request it becomes.
pub(crate) struct Resource<'a> {
    pub address: String,
    pub header: (usize, usize),
    pub parsed: Parsed<'a>,
}

fn blocks<'b>(body: &'b Body, ident: &'b str) -> impl Iterator<Item = &'b Block> + 'b {
    body.iter().filter_map(move |s| match s {
        Structure::Block(b) if b.ident.as_str() == ident => Some(b),
        _ => None,
    })
}

pub(super) fn attribute<'b>(body: &'b Body, key: &str) -> Option<&'b Expression> {
    body.iter().find_map(|s| match s {
        Structure::Attribute(a) if a.key.as_str() == key => Some(&a.value),
        _ => None,
    })
}

pub(super) fn span_of(x: &impl hcl_edit::Span) -> Option<(usize, usize)> {
    x.span().map(|r| (r.start, r.end))
}

/// A literal value: a string without interpolation, a heredoc of literal text, a number or a
/// boolean. `None` for anything Terraform computes; `Some(None)` for `null` (unset).
/// Every argument of the resource is a string but `disk_image_size` (an integer), and
/// Terraform converts a number or a boolean to the string it spells (`true`, `40`) before
/// the provider sees it, so those become strings; `disk_image_size` keeps its number.
pub(super) fn literal<'a>(
    src: &'a str,
    e: &Expression,
    integer: bool,
) -> Option<Option<Value<'a>>> {
    Some(Some(match e {
        Expression::Null(_) => return Some(None),
        Expression::String(s) => Value::Str(Cow::Owned(s.value().clone())),
        Expression::Number(_) => {
            let (a, b) = span_of(e)?;
            let text = src.get(a..b)?.trim();
            if integer {
                Value::Num(text)
            } else {
                Value::Str(Cow::Borrowed(text))
            }
        }
        Expression::Bool(b) if !integer => {
            Value::Str(Cow::Borrowed(if *b.value() { "true" } else { "false" }))
        }
        Expression::Bool(b) => Value::Bool(*b.value()),
        Expression::HeredocTemplate(h) => {
            let mut text = String::new();
            for el in h.template.iter() {
                match el {
                    Element::Literal(l) => text.push_str(l.value()),
                    _ => return None,
                }
            }
            Value::Str(Cow::Owned(text))
        }
        _ => return None,
    }))
}

/// The provider alias a resource names (`provider = alicloud.hz`).
fn alias(body: &Body) -> Option<String> {
    match attribute(body, "provider")? {
        Expression::Traversal(t) => t.operators.iter().find_map(|op| match op.value() {
            TraversalOperator::GetAttr(id) => Some(id.as_str().to_owned()),
            _ => None,
        }),
        _ => None,
    }
}

/// Reads every `alicloud_image_import` resource of `src`, judged under `profile` (provider
/// defaults for parameters the profile does not know are not added: the user never wrote
/// them). A file that is not HCL is an `invalid-input` finding.
pub(crate) fn read<'a>(
    src: &'a str,
    providers: &Providers,
    overrides: &[String],
    profile: &'static Profile,
) -> Result<Vec<Resource<'a>>, Box<Finding<'a>>> {
    // Override files, in order; one that does not parse is left to Terraform to report.
    let override_bodies: Vec<(&str, Body)> = overrides
        .iter()
        .filter_map(|t| Some((t.as_str(), hcl_edit::parser::parse_body(t).ok()?)))
        .collect();
    let body = parse(src, |detail| Msg::TerraformSyntax { detail })?;
    let index = crate::lookup::index(profile);
    let known = |name: &str| match name.split('.').collect::<Vec<_>>()[..] {
        [family, _, field] => index.members.contains_key(&(family, field)),
        _ => index.flat.contains_key(name),
    };
    let comments = comment_lines(src);
    let is_comment = |l: &str| l.starts_with('#') || l.starts_with("//");
    let mut suppressions = super::comments::suppressions(src, &comments, src.len(), is_comment);
    // A suppression written above a block covers the whole block. Blocks are in file
    // order, so each suppression finds its block by binary search (linear in the file).
    let spans: Vec<(usize, usize)> = body
        .iter()
        .filter_map(|st| match st {
            Structure::Block(b) => span_of(b),
            _ => None,
        })
        .collect();
    for s in &mut suppressions {
        if let Some((start, end)) = s.range.as_mut() {
            let i = spans.partition_point(|(a, _)| *a < *start);
            if let Some(&(_, e)) = spans.get(i).filter(|(a, _)| *a < *end) {
                *end = (*end).max(e);
            }
        }
    }
    // Each resource gets the file's suppressions and those written between the end of the
    // structure before it and its own end, not every one of the file (linear time).
    let (everywhere, mut ranged): (Vec<Suppression>, Vec<Suppression>) =
        suppressions.into_iter().partition(|s| s.range.is_none());
    ranged.sort_by_key(|s| s.range.map(|r| r.0));
    let starts: Vec<usize> = ranged.iter().map(|s| s.range.map_or(0, |r| r.0)).collect();
    let ends: Vec<usize> = body
        .iter()
        .filter_map(|st| span_of(st).map(|r| r.1))
        .collect();
    let suppressions_of = |(block_start, block_end): (usize, usize)| -> Vec<Suppression> {
        let before = ends.partition_point(|&e| e <= block_start);
        let from = before.checked_sub(1).map_or(0, |i| ends[i]);
        let lo = starts.partition_point(|&a| a < from);
        let hi = starts.partition_point(|&a| a < block_end);
        everywhere.iter().chain(&ranged[lo..hi]).cloned().collect()
    };
    let mut out = Vec::new();
    for block in blocks(&body, "resource") {
        let mut labels = block.labels.iter().map(|l| l.as_str());
        if labels.next() != Some(RESOURCE) {
            continue;
        }
        let name = labels.next().unwrap_or("");
        let copies = copies(src, &block.body);
        if copies == Some(0) {
            continue; // `count = 0`, `for_each = {}`: no instance, nothing sent
        }
        let header = span_of(&block.ident)
            .map(|(a, _)| {
                let end = src[a..].find('{').map_or(src.len(), |i| a + i + 1);
                (a, end)
            })
            .unwrap_or((0, 0));
        let mut parsed = Parsed {
            root: Some(header),
            suppressions: suppressions_of(span_of(block).unwrap_or(header)),
            ..Parsed::default()
        };
        let mut unknown = Unknown::default();
        // The same resource in the override files: the last one's attribute wins.
        let over: Vec<(&str, &Block)> = override_bodies
            .iter()
            .flat_map(|(text, body)| {
                blocks(body, "resource")
                    .filter(|b| {
                        let l: Vec<&str> = b.labels.iter().map(|l| l.as_str()).collect();
                        l == [RESOURCE, name]
                    })
                    .map(move |b| (*text, b))
            })
            .collect();
        let add = |parsed: &mut Parsed<'a>,
                   unknown: &mut Unknown,
                   api: String,
                   body: &Body,
                   tf: &str,
                   default: Option<&str>,
                   anchor: (usize, usize)| {
            let found = body.iter().find_map(|s| match s {
                Structure::Attribute(a) if a.key.as_str() == tf => Some(a),
                _ => None,
            });
            let value = match found {
                Some(a) => match literal(src, &a.value, tf == "disk_image_size") {
                    Some(Some(v)) => {
                        let value_span = span_of(&a.value);
                        if let Some(f) = refused(tf, &api, &v, value_span) {
                            parsed.notes.push(f);
                        }
                        Some((v, span_of(&a.key), value_span))
                    }
                    Some(None) => None,
                    None => {
                        let span = span_of(&a.value);
                        let expr = span.and_then(|(s, e)| src.get(s..e)).unwrap_or("");
                        unknown.value(parsed, api, expr, span);
                        return;
                    }
                },
                None => None,
            };
            let value = value.or_else(|| {
                default
                    .filter(|_| known(&api))
                    .map(|d| (Value::Str(Cow::Owned(d.to_owned())), Some(anchor), None))
            });
            if let Some((value, key_span, value_span)) = value {
                parsed.entries.push(Entry {
                    name: Name::flat(api),
                    value,
                    key_span,
                    value_span,
                });
            }
        };
        for &(tf, api, default) in ARGUMENTS {
            if let Some((text, e)) = over
                .iter()
                .rev()
                .find_map(|(text, b)| attribute(&b.body, tf).map(|e| (*text, e)))
            {
                overridden(&mut parsed, &mut unknown, text, e, tf, api, header);
                continue;
            }
            add(
                &mut parsed,
                &mut unknown,
                api.to_owned(),
                &block.body,
                tf,
                default,
                header,
            );
        }
        // The provider's `license_type` default is sent but, nobody having written it, not
        // judged.
        if parsed
            .entries
            .iter()
            .any(|e| e.name.head == "LicenseType" && e.value_span.is_none())
        {
            parsed
                .suppressions
                .push(Suppression::unknown_values(vec!["LicenseType".to_owned()]));
        }
        let dynamic = block.body.iter().find_map(|s| match s {
            Structure::Block(b)
                if b.ident.as_str() == "dynamic"
                    && b.labels.first().map(|l| l.as_str()) == Some(DISKS) =>
            {
                Some(b)
            }
            _ => None,
        });
        // The last override file that writes disk blocks replaces them all (a dynamic
        // block among them is not read: a note, as in the resource itself).
        let over_disks = over.iter().rev().find(|(_, b)| {
            b.body.iter().any(|st| match st {
                Structure::Block(d) => {
                    d.ident.as_str() == DISKS
                        || (d.ident.as_str() == "dynamic"
                            && d.labels.first().map(|l| l.as_str()) == Some(DISKS))
                }
                _ => false,
            })
        });
        if let Some((text, b)) = over_disks {
            if b.body
                .iter()
                .any(|st| matches!(st, Structure::Block(d) if d.ident.as_str() == "dynamic"))
            {
                unknown.value(
                    &mut parsed,
                    "DiskDeviceMapping".to_owned(),
                    "(a dynamic block in an override file)",
                    Some(header),
                );
            } else {
                for (i, disk) in blocks(&b.body, DISKS).enumerate() {
                    let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
                    parsed
                        .elements
                        .push((Cow::Borrowed("DiskDeviceMapping"), n, header));
                    for &(tf, field, default) in DISK_ARGUMENTS {
                        let api = format!("DiskDeviceMapping.{n}.{field}");
                        match attribute(&disk.body, tf) {
                            Some(e) => {
                                overridden(&mut parsed, &mut unknown, text, e, tf, &api, header)
                            }
                            None => {
                                if let Some(d) = default.filter(|_| known(&api)) {
                                    parsed.entries.push(Entry {
                                        name: Name::flat(api),
                                        value: Value::Str(Cow::Owned(d.to_owned())),
                                        key_span: Some(header),
                                        value_span: None,
                                    });
                                }
                            }
                        }
                    }
                }
            }
        } else if let Some(d) = dynamic {
            let span = span_of(&d.ident).map(|(a, _)| (a, a + src[a..].find('{').unwrap_or(0)));
            let expr = span.and_then(|(s, e)| src.get(s..e)).unwrap_or("dynamic");
            unknown.value(
                &mut parsed,
                "DiskDeviceMapping".to_owned(),
                expr.trim(),
                span,
            );
        } else {
            for (i, disk) in blocks(&block.body, DISKS).enumerate() {
                let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
                let at = span_of(&disk.ident)
                    .map(|(a, _)| (a, a + src[a..].find('{').map_or(0, |j| j + 1)))
                    .unwrap_or(header);
                let whole = span_of(disk).unwrap_or(at);
                parsed
                    .elements
                    .push((Cow::Borrowed("DiskDeviceMapping"), n, whole));
                for &(tf, field, default) in DISK_ARGUMENTS {
                    let api = format!("DiskDeviceMapping.{n}.{field}");
                    add(&mut parsed, &mut unknown, api, &disk.body, tf, default, at);
                }
            }
        }
        // The region: the provider's, when it is a literal.
        let provider = alias(&block.body);
        match providers.find(provider.as_deref()) {
            Some(ProviderRegion::Literal { value, span }) if !value.is_empty() => {
                parsed.entries.push(Entry {
                    name: Name::flat("RegionId"),
                    value: Value::Str(Cow::Owned(value.clone())),
                    key_span: Some(header),
                    value_span: *span,
                })
            }
            _ => unknown.region(&mut parsed, header),
        }
        // The provider accepts only the lower-case spellings of os_type ("windows", "linux")
        // and the service takes them: their letter case is not the user's to change.
        parsed.suppressions.push(Suppression {
            range: None,
            rules: vec![Rule::EnumLetterCase],
            params: vec!["OSType".to_owned()],
        });
        if let Some(n @ 2..) = copies {
            parsed.repeated_name(n, false);
        }
        unknown.finish(&mut parsed);
        out.push(Resource {
            address: format!("{RESOURCE}.{name}"),
            header,
            parsed,
        });
    }
    Ok(out)
}

/// The body of an HCL file, or an `invalid-input` finding where the parser stopped, its
/// detail said by `say` (each HCL language names itself).
pub(super) fn parse<'a>(
    src: &'a str,
    say: impl FnOnce(Cow<'a, str>) -> Msg<'a>,
) -> Result<Body, Box<Finding<'a>>> {
    hcl_edit::parser::parse_body(src).map_err(|e| {
        let loc = e.location();
        let at = offset(src, loc.line(), loc.column());
        Box::new(Finding::invalid_input(
            say(Cow::Owned(e.message().to_owned())),
            (at, at),
        ))
    })
}

/// The byte offset of a 1-based line and column (in characters).
fn offset(src: &str, line: usize, column: usize) -> usize {
    let start: usize = src
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &src[start.min(src.len())..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

/// The lines that are only a `#` or `//` comment (where suppressions are written); the
/// lines of a heredoc's text (`<<EOT` … `EOT`) are text, never comments.
pub(super) fn comment_lines(src: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut heredoc: Option<&str> = None;
    for line in src.split_inclusive('\n') {
        let body = line.trim_start();
        if let Some(tag) = heredoc {
            if body.trim_end() == tag {
                heredoc = None;
            }
            at += line.len();
            continue;
        }
        heredoc = heredoc_tag(line);
        if heredoc.is_some() {
            at += line.len();
            continue;
        }
        if body.starts_with('#') || body.starts_with("//") {
            let s = at + line.len() - body.len();
            out.push((s, at + line.trim_end().len()));
        }
        at += line.len();
    }
    out
}

/// The closing tag of a heredoc a line opens (`x = <<EOT`, `<<-EOT`), if it opens one: the
/// `<<` is outside strings and the tag ends the line.
fn heredoc_tag(line: &str) -> Option<&str> {
    let code = line.trim_end();
    let at = code.rfind("<<")?;
    let tag = code[at + 2..].trim_start_matches('-');
    let ident = !tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    // An odd number of quotes before it: the `<<` is inside a string.
    let quotes = code[..at].matches('"').count() - code[..at].matches("\\\"").count();
    (ident && quotes % 2 == 0 && !code.trim_start().starts_with('#')).then_some(tag)
}

#[cfg(test)]
mod tests {
    use super::comment_lines;

    /// A heredoc's lines are text: one that looks like a suppression comment is not one.
    #[test]
    fn heredoc_text_is_not_a_comment() {
        let src = "# one\nx = <<EOT\n# importimage-lint: ignore-file\nEOT\ny = <<-EOT\n  // two\n  EOT\n# three\n";
        let lines: Vec<&str> = comment_lines(src)
            .iter()
            .map(|&(a, b)| &src[a..b])
            .collect();
        assert_eq!(lines, ["# one", "# three"]);
    }
}
