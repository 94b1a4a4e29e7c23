//! Packer: each `alicloud-import` post-processor of a template, read into the request the
//! post-processor sends, with the spans of its attributes.
//!
//! The mapping is the plugin's (hashicorp/packer-plugin-alicloud,
//! `post-processor/alicloud-import/post-processor.go`): `buildImportImageRequest` sends the
//! arguments below and one `DiskDeviceMapping` built from the post-processor's own
//! arguments. The Go SDK it uses sends no parameter whose value is empty
//! (alibaba-cloud-sdk-go, `sdk/requests/acs_request.go`, `addParam`), so an empty or absent
//! argument is not sent. Nothing else the post-processor takes (`boot_mode`,
//! `image_version`, `tags`, …) reaches ImportImage.
//!
//! Three syntaxes hold post-processors: HCL templates (`.pkr.hcl`, a `post-processor
//! "alicloud-import"` block inside a `build` block, alone or in a `post-processors` block),
//! HCL templates in JSON syntax (`.pkr.json`, the same blocks as JSON objects) and legacy
//! JSON templates (an object with `"type": "alicloud-import"` in `"post-processors"`,
//! alone or in a sequence). A value that is not a literal (an HCL expression, a
//! `${…}` interpolation, a `{{…}}` template Packer renders) is not guessed: a note says so
//! and findings about that parameter are left out.

use std::borrow::Cow;

use super::json_tree::{Member, Node, NodeKind};
use super::{Entry, Name, Parsed, Suppression, Unknown, Value};
use crate::diagnostic::Finding;
use crate::message::Msg;

/// The post-processor type read.
pub const TYPE: &str = "alicloud-import";

/// The post-processor's arguments and the parameters `buildImportImageRequest` sends for
/// them (`post-processor.go` lines 445-463; `region`, `image_name`, `image_description`
/// and `resource_group_id` are the squashed builder config's).
const ARGUMENTS: &[(&str, &str)] = &[
    ("region", "RegionId"),
    ("image_name", "ImageName"),
    ("image_description", "Description"),
    ("image_architecture", "Architecture"),
    ("image_os_type", "OSType"),
    ("image_platform", "Platform"),
    ("resource_group_id", "ResourceGroupId"),
    ("image_system_size", "DiskDeviceMapping.1.DiskImageSize"),
    ("format", "DiskDeviceMapping.1.Format"),
    ("oss_bucket_name", "DiskDeviceMapping.1.OSSBucket"),
    ("oss_key_name", "DiskDeviceMapping.1.OSSObject"),
];

/// What `oss_key_name` becomes when it is left empty (`post-processor.go` lines 174-175):
/// `Packer_` and the nanoseconds of the clock when the upload starts.
const OSS_KEY_DEFAULT: &str = "Packer_<nanoseconds>";

/// An argument as written.
pub(crate) struct Attr<'a> {
    /// The literal value, or `None` for an expression only known when Packer runs.
    pub value: Option<Value<'a>>,
    pub key_span: Option<(usize, usize)>,
    pub value_span: Option<(usize, usize)>,
}

/// One post-processor read: where its header is, and the request it becomes.
pub(crate) struct PostProcessor<'a> {
    pub header: (usize, usize),
    pub parsed: Parsed<'a>,
}

/// Reads every `alicloud-import` post-processor of a template: HCL when the text does not
/// start with `{`, JSON (HCL's JSON syntax or a legacy template) when it does.
pub(crate) fn read(src: &str) -> Result<Vec<PostProcessor<'_>>, Box<Finding<'_>>> {
    let body = src.trim_start_matches('\u{FEFF}').trim_start();
    if body.starts_with('{') {
        json::read(src)
    } else {
        hcl::read(src)
    }
}

/// The request one post-processor sends, from its arguments (`attr` finds one by name).
fn request<'a>(
    src: &'a str,
    (header, runs): ((usize, usize), Option<u64>),
    suppressions: Vec<Suppression>,
    attr: impl Fn(&str) -> Option<Attr<'a>>,
) -> PostProcessor<'a> {
    let mut parsed = Parsed {
        root: Some(header),
        suppressions,
        ..Parsed::default()
    };
    parsed
        .elements
        .push((Cow::Borrowed("DiskDeviceMapping"), 1, header));
    let mut unknown = Unknown::default();
    // With a `profile`, the plugin's client takes the region from the aliyun CLI profile's
    // `region_id` (access_config.go, `Client`, before `buildImportImageRequest` runs).
    let profile = attr("profile").filter(|p| !matches!(&p.value, Some(v) if is_empty(v)));
    for &(arg, api) in ARGUMENTS {
        let a = attr(arg);
        if let (Some(p), "region") = (&profile, arg) {
            let at = p.key_span.or(p.value_span).unwrap_or(header);
            unknown.region_of(
                &mut parsed,
                at,
                Msg::PackerRegionFromProfile,
                Msg::PackerRegionFromProfileHelp,
            );
            continue;
        }
        match a {
            Some(Attr {
                value: Some(value),
                key_span,
                value_span,
            }) if !is_empty(&value) => {
                if value_text(&value).is_some_and(|t| t.contains("{{")) {
                    // A Go template Packer renders before it sends the value.
                    let expr = value_span
                        .and_then(|(s, e)| src.get(s..e))
                        .unwrap_or("{{…}}");
                    unknown.value(&mut parsed, api.to_owned(), expr, value_span);
                    continue;
                }
                parsed.entries.push(Entry {
                    name: Name::flat(api),
                    value,
                    key_span,
                    value_span,
                });
            }
            Some(Attr {
                value: None,
                value_span,
                ..
            }) => {
                let expr = value_span.and_then(|(s, e)| src.get(s..e)).unwrap_or("");
                unknown.value(&mut parsed, api.to_owned(), expr.trim(), value_span);
            }
            // Absent, empty or null: not sent, but for what the post-processor fills in.
            _ if arg == "region" => {
                // `ALICLOUD_REGION` from the environment (access_config.go, Prepare).
                unknown.region_of(
                    &mut parsed,
                    header,
                    Msg::PackerRegionNotWritten,
                    Msg::PackerRegionNotWrittenHelp,
                );
            }
            _ if arg == "oss_key_name" => {
                parsed.entries.push(Entry {
                    name: Name::flat(api),
                    value: Value::Str(Cow::Borrowed(OSS_KEY_DEFAULT)),
                    key_span: Some(header),
                    value_span: None,
                });
                // Sent, but nobody wrote it and its value is the clock's: not judged.
                parsed
                    .suppressions
                    .push(Suppression::unknown_values(vec![api.to_owned()]));
            }
            _ => {}
        }
    }
    if let Some(n @ 2..) = runs {
        // Each run imports an image of the same name into the same region; the plugin
        // refuses it after the first (post-processor.go, "Duplicated image exists").
        parsed.repeated_name(n, true);
    }
    unknown.finish(&mut parsed);
    PostProcessor { header, parsed }
}

/// Whether a post-processor is limited to some of the build's sources (`only`, `except`):
/// how many times it runs is then not counted.
fn limited(has: impl Fn(&str) -> bool) -> bool {
    has("only") || has("except")
}

/// A number as the plugin receives it in a string argument: its shortest decimal spelling,
/// without exponent or trailing `.0` (`40.0` and `4e1` are `40`), as cty's
/// `Text('f', -1)` and mapstructure's `FormatFloat(…, 'f', -1, 64)` write it; `None` for
/// text that is no number.
fn number(text: &str) -> Option<String> {
    let n: f64 = text.trim().parse().ok()?;
    n.is_finite().then(|| format!("{n}"))
}

fn is_empty(v: &Value<'_>) -> bool {
    matches!(v, Value::Null) || matches!(v, Value::Str(s) if s.is_empty())
}

fn value_text<'v>(v: &'v Value<'_>) -> Option<&'v str> {
    match v {
        Value::Str(s) => Some(s),
        _ => None,
    }
}

/// HCL templates (`.pkr.hcl`).
#[cfg(feature = "terraform")]
mod hcl {
    use hcl_edit::expr::Expression;
    use hcl_edit::structure::{Block, Body, Structure};

    use super::super::terraform::{comment_lines, literal, parse, span_of};
    use super::{request, Attr, PostProcessor, Suppression, TYPE};
    use crate::diagnostic::Finding;
    use crate::message::Msg;

    pub(super) fn read(src: &str) -> Result<Vec<PostProcessor<'_>>, Box<Finding<'_>>> {
        let body = parse(src, |detail| Msg::PackerSyntax { detail })?;
        let comments = comment_lines(src);
        let is_comment = |l: &str| l.starts_with('#') || l.starts_with("//");
        let mut all = super::super::comments::suppressions(src, &comments, src.len(), is_comment);
        let mut blocks = Vec::new();
        // Where each post-processor and each sequence is written: a suppression on the line
        // that opens one covers all of it.
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for build in children(&body, "build") {
            let runs = sources(build);
            for b in build.body.iter() {
                match b {
                    Structure::Block(p) if is_import(p) => blocks.push((p, runs)),
                    Structure::Block(seq) if seq.ident.as_str() == "post-processors" => {
                        spans.extend(span_of(seq));
                        blocks.extend(
                            children(&seq.body, "post-processor")
                                .filter(|p| is_import(p))
                                .map(|p| (p, runs)),
                        );
                    }
                    _ => {}
                }
            }
        }
        spans.extend(blocks.iter().filter_map(|(b, _)| span_of(*b)));
        for s in &mut all {
            if let Some((start, end)) = s.range.as_mut() {
                let line = (*start, *end);
                let reach = spans
                    .iter()
                    .filter(|(a, _)| *a >= line.0 && *a < line.1)
                    .map(|&(_, e)| e)
                    .max();
                if let Some(e) = reach {
                    *end = (*end).max(e);
                }
            }
        }
        Ok(blocks
            .into_iter()
            .map(|(block, runs)| {
                let header = span_of(&block.ident)
                    .map(|(a, _)| (a, src[a..].find('{').map_or(src.len(), |i| a + i + 1)))
                    .unwrap_or((0, 0));
                let whole = span_of(block).unwrap_or(header);
                let has = |n: &str| attribute(&block.body, n).is_some();
                let runs = runs.filter(|_| !super::limited(has));
                request(src, (header, runs), suppressions_in(&all, whole), |name| {
                    let a = block.body.iter().find_map(|s| match s {
                        Structure::Attribute(a) if a.key.as_str() == name => Some(a),
                        _ => None,
                    })?;
                    let value = match literal(src, &a.value, false) {
                        Some(Some(super::Value::Str(text)))
                            if matches!(a.value, Expression::Number(_)) =>
                        {
                            super::number(&text).map(|n| super::Value::Str(n.into()))
                        }
                        Some(Some(v)) => Some(v),
                        Some(None) => Some(super::Value::Null),
                        None => None,
                    };
                    Some(Attr {
                        value,
                        key_span: span_of(&a.key),
                        value_span: span_of(&a.value),
                    })
                })
            })
            .collect())
    }

    fn children<'b>(body: &'b Body, ident: &'b str) -> impl Iterator<Item = &'b Block> + 'b {
        body.iter().filter_map(move |s| match s {
            Structure::Block(b) if b.ident.as_str() == ident => Some(b),
            _ => None,
        })
    }

    /// The suppressions that apply to a post-processor written at `span`: the file's, and
    /// those whose line falls in it (a comment above a block covers the block).
    fn suppressions_in(all: &[Suppression], (start, end): (usize, usize)) -> Vec<Suppression> {
        all.iter()
            .filter(|s| s.range.is_none_or(|(a, b)| a < end && b > start))
            .cloned()
            .collect()
    }

    /// How many sources a build runs its post-processors for: the `sources` list and the
    /// `source` blocks inside it (`None` when the list is computed).
    fn sources(build: &Block) -> Option<u64> {
        let listed = match attribute(&build.body, "sources") {
            Some(Expression::Array(a)) => a.len(),
            Some(_) => return None,
            None => 0,
        };
        u64::try_from(listed + children(&build.body, "source").count()).ok()
    }

    fn attribute<'b>(body: &'b Body, key: &str) -> Option<&'b Expression> {
        body.iter().find_map(|s| match s {
            Structure::Attribute(a) if a.key.as_str() == key => Some(&a.value),
            _ => None,
        })
    }

    fn is_import(b: &Block) -> bool {
        b.ident.as_str() == "post-processor" && b.labels.first().map(|l| l.as_str()) == Some(TYPE)
    }
}

/// Without HCL (the `terraform` feature off), an HCL template is not read.
#[cfg(not(feature = "terraform"))]
mod hcl {
    use super::PostProcessor;
    use crate::diagnostic::Finding;
    use crate::message::Msg;

    pub(super) fn read(_: &str) -> Result<Vec<PostProcessor<'_>>, Box<Finding<'_>>> {
        Err(Box::new(Finding::invalid_input(
            Msg::PackerSyntax {
                detail: "this build of importimage-lint does not read HCL (feature `terraform`)"
                    .into(),
            },
            (0, 0),
        )))
    }
}

/// JSON templates: HCL's JSON syntax (`.pkr.json`) and legacy templates.
mod json {
    use super::*;

    /// A post-processor's body, where it starts, whether it is HCL (whose strings
    /// interpolate `${…}`) rather than a legacy template, and how many times it runs.
    type Body<'n, 'a> = (&'n Node<'a>, (usize, usize), bool, Option<u64>);

    pub(super) fn read(src: &str) -> Result<Vec<PostProcessor<'_>>, Box<Finding<'_>>> {
        let root = super::super::json_tree::parse(src)?;
        let mut bodies: Vec<Body<'_, '_>> = Vec::new();
        // How many times a build's post-processors run: once per builder (legacy) or per
        // listed source (HCL's JSON syntax).
        let count = |n: Option<&Node<'_>>| match n.map(|n| &n.kind) {
            Some(NodeKind::Arr(a)) => u64::try_from(a.len()).ok(),
            _ => None,
        };
        let builders = count(root.get("builders"));
        // Legacy: "post-processors": [ {"type": …}, [ {"type": …}, … ], "name", … ].
        if let Some(list) = root.member("post-processors") {
            for item in items(&list.value) {
                for pp in items(item) {
                    if pp.get("type").and_then(Node::str) == Some(TYPE) {
                        let at = pp.member("type").map_or(pp.span, |m| m.key_span);
                        bodies.push((pp, at, false, builders));
                    }
                }
            }
        }
        // HCL JSON: "build": {…} or [{…}], each with "post-processor" and
        // "post-processors" blocks; a labelled block is {"alicloud-import": {…} or [{…}]}.
        if let Some(builds) = root.member("build") {
            for build in items(&builds.value) {
                let runs = count(build.get("sources"));
                let direct = build.member("post-processor").into_iter();
                let nested = build
                    .member("post-processors")
                    .into_iter()
                    .flat_map(|m| items(&m.value))
                    .filter_map(|seq| seq.member("post-processor"));
                for m in direct.chain(nested) {
                    for labelled in items(&m.value) {
                        if let Some(typed) = labelled.member(TYPE) {
                            // `{"alicloud-import": [{…}, {…}]}`: each body starts its own
                            // request; a single body is named by its label.
                            let many = matches!(typed.value.kind, NodeKind::Arr(_));
                            for body in items(&typed.value) {
                                let at = if many {
                                    (body.span.0, body.span.0 + 1)
                                } else {
                                    typed.key_span
                                };
                                bodies.push((body, at, true, runs));
                            }
                        }
                    }
                }
            }
        }
        Ok(bodies
            .into_iter()
            .map(|(body, header, hcl, runs)| {
                let runs = runs.filter(|_| !limited(|n| body.member(n).is_some()));
                request(src, (header, runs), Vec::new(), |name| {
                    let Member {
                        key_span, value, ..
                    } = body.member(name)?;
                    Some(Attr {
                        value: scalar(value, hcl),
                        key_span: Some(*key_span),
                        value_span: Some(value.span),
                    })
                })
            })
            .collect())
    }

    /// An array's items, or the value itself.
    fn items<'n, 'a>(n: &'n Node<'a>) -> Vec<&'n Node<'a>> {
        match &n.kind {
            NodeKind::Arr(items) => items.iter().collect(),
            _ => vec![n],
        }
    }

    /// A JSON scalar as the plugin receives it in a string argument: a number in its
    /// shortest decimal spelling ([`number`]); a boolean as `true`/`false` in HCL's JSON
    /// syntax (cty's conversion) and as `1`/`0` in a legacy template (mapstructure's weak
    /// decoding); `None` for an object or an array, which Packer refuses. In HCL's JSON
    /// syntax a string holding `${` or `%{` is a template Packer evaluates; a legacy
    /// template sends it as written.
    fn scalar<'a>(n: &Node<'a>, hcl: bool) -> Option<Value<'a>> {
        Some(match &n.kind {
            NodeKind::Null => Value::Null,
            NodeKind::Str(s) if hcl && (s.contains("${") || s.contains("%{")) => return None,
            NodeKind::Str(s) => Value::Str(s.clone()),
            NodeKind::Num(s) => Value::Str(Cow::Owned(number(s)?)),
            NodeKind::Bool(b) => Value::Str(Cow::Borrowed(match (hcl, *b) {
                (true, true) => "true",
                (true, false) => "false",
                (false, true) => "1",
                (false, false) => "0",
            })),
            NodeKind::Arr(_) | NodeKind::Obj(_) => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(src: &str) -> Vec<Vec<(String, String)>> {
        read(src)
            .unwrap_or_else(|_| panic!("{src}"))
            .into_iter()
            .map(|p| {
                p.parsed
                    .entries
                    .iter()
                    .map(|e| {
                        let v = match &e.value {
                            Value::Str(s) => s.to_string(),
                            Value::Num(n) => format!("#{n}"),
                            other => format!("{other:?}"),
                        };
                        (e.name.text().into_owned(), v)
                    })
                    .collect()
            })
            .collect()
    }

    #[cfg(feature = "terraform")]
    #[test]
    fn hcl_blocks_alone_and_in_a_sequence_are_each_a_request() {
        let src = r#"
build {
  sources = ["source.qemu.centos"]
  post-processor "alicloud-import" {
    region             = "cn-beijing"
    image_name         = "a"
    image_system_size  = 4e1
    format             = "RAW"
    oss_bucket_name    = "packer"
    oss_key_name       = ""
  }
  post-processors {
    post-processor "compress" {}
    post-processor "alicloud-import" {
      image_name = "b"
      image_os_type = var.os
    }
  }
}
"#;
        let got = entries(src);
        assert_eq!(got.len(), 2);
        assert!(got[0].contains(&("DiskDeviceMapping.1.DiskImageSize".into(), "40".into())));
        assert!(got[0].contains(&("RegionId".into(), "cn-beijing".into())));
        assert!(got[0].contains(&(
            "DiskDeviceMapping.1.OSSObject".into(),
            OSS_KEY_DEFAULT.into()
        )));
        assert_eq!(got[1].len(), 2, "{:?}", got[1]); // ImageName and the OSSObject default
    }

    #[test]
    fn legacy_json_sequences_and_hcl_json_are_read() {
        let legacy = r#"{"builders": [], "post-processors": ["compress",
            [{"type": "alicloud-import", "image_name": "a", "image_description": "v${x}", "image_system_size": "40", "skip_clean": true}],
            {"type": "alicloud-import", "image_name": "{{user `name`}}", "format": "VHD"}]}"#;
        let got = entries(legacy);
        assert_eq!(got.len(), 2);
        assert!(got[0].contains(&("DiskDeviceMapping.1.DiskImageSize".into(), "40".into())));
        // A legacy template sends `${…}` as written; `{{…}}` is rendered by Packer.
        assert!(got[0].contains(&("Description".into(), "v${x}".into())));
        assert!(!got[1].iter().any(|(n, _)| n == "ImageName"));
        let hcl_json = r#"{"build": {"post-processor": {"alicloud-import": {"image_name": "c", "image_system_size": 50.0, "image_description": true}}}}"#;
        let got = entries(hcl_json);
        assert_eq!(got.len(), 1);
        assert!(got[0].contains(&("DiskDeviceMapping.1.DiskImageSize".into(), "50".into())));
        assert!(got[0].contains(&("Description".into(), "true".into())));
    }
}
