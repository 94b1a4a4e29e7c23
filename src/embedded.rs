//! Requests written inside files of other languages: Terraform's `alicloud_image_import`
//! resources (with the `terraform` feature, on by default), Packer's `alicloud-import`
//! post-processors (`.pkr.hcl` with that feature; JSON templates always) and `aliyun ecs
//! ImportImage` command lines in shell scripts. Each request found is linted like any other, and its
//! diagnostics point into the file where each value is written.
//!
//! ```
//! use importimage_lint::embedded::{Context, Host};
//! use importimage_lint::Linter;
//! let script = "#!/bin/sh\naliyun ecs ImportImage --RegionId cn-hangzhou \\\n  --ImageName 'centos 7' \\\n  --DiskDeviceMapping.1.OSSBucket ecsimageos --DiskDeviceMapping.1.OSSObject c7.qcow2\n";
//! let found = Linter::default().lint_embedded(script, Host::AliyunCli, &Context::default());
//! assert_eq!(found.len(), 1);
//! let d = &found[0].report.diagnostics[0];
//! assert_eq!((d.rule.id(), d.span.unwrap().line), ("image-name-characters", 3));
//! ```

use crate::checks::batch::Seen;
use crate::diagnostic::{Finding, Span};
use crate::input::Parsed;
use crate::line_index::LineIndex;
use crate::message::Msg;
use crate::report::Report;
use crate::{driver, Batch, Linter};

#[cfg(feature = "terraform")]
#[cfg_attr(docsrs, doc(cfg(feature = "terraform")))]
pub use crate::input::terraform::{ProviderRegion, Providers};

/// A language whose files hold ImportImage requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Host {
    /// Terraform: each `resource "alicloud_image_import"` is the request the alicloud
    /// provider sends for it.
    Terraform,
    /// A shell script: each `aliyun ecs ImportImage` command is the request the aliyun CLI
    /// sends.
    AliyunCli,
    /// A Packer template (HCL, HCL in JSON syntax, or a legacy JSON template): each
    /// `alicloud-import` post-processor is the request it sends.
    Packer,
}

impl Host {
    /// The host of a file, from its name and its text (its first line is enough but for
    /// JSON): `.tf` is Terraform; `.pkr.hcl`, `.pkr.json`, or another `.json` file with a
    /// `"post-processors"` member, is a Packer template; `.sh`, `.bash`, `.zsh`, `.ksh`, or
    /// a `#!` line that runs a shell, is a shell script.
    ///
    /// ```
    /// use importimage_lint::embedded::Host;
    /// assert_eq!(Host::of_file("main.tf", ""), Some(Host::Terraform));
    /// assert_eq!(Host::of_file("import", "#!/usr/bin/env bash\n"), Some(Host::AliyunCli));
    /// assert_eq!(Host::of_file("centos.pkr.hcl", ""), Some(Host::Packer));
    /// assert_eq!(Host::of_file("centos.json", r#"{"post-processors": []}"#), Some(Host::Packer));
    /// assert_eq!(Host::of_file("list.json", r#"[{"post-processors": []}]"#), None);
    /// assert_eq!(Host::of_file("req.import-image.json", "{}"), None);
    /// ```
    pub fn of_file(name: &str, text: &str) -> Option<Host> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".tf") {
            return Some(Host::Terraform);
        }
        if lower.ends_with(".pkr.hcl") || lower.ends_with(".pkr.json") {
            return Some(Host::Packer);
        }
        if lower.ends_with(".json") {
            // A legacy template is an object with a "post-processors" member.
            let object = text
                .trim_start_matches('\u{FEFF}')
                .trim_start()
                .starts_with('{');
            return (object && text.contains("\"post-processors\"")).then_some(Host::Packer);
        }
        if [".sh", ".bash", ".zsh", ".ksh"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            return Some(Host::AliyunCli);
        }
        let first = text.lines().next().unwrap_or("");
        let shell = first.starts_with("#!")
            && ["sh", "bash", "zsh", "ksh", "dash"]
                .iter()
                .any(|s| first.split(['/', ' ']).any(|w| w.trim() == *s));
        shell.then_some(Host::AliyunCli)
    }

    /// The host of a rule's documented example, by how it starts (`resource "…` or
    /// `aliyun `); `None` for a request written as JSON or a query string.
    pub fn of_example(text: &str) -> Option<Host> {
        if text.starts_with("resource \"") {
            Some(Host::Terraform)
        } else if text.starts_with("aliyun ") {
            Some(Host::AliyunCli)
        } else {
            None
        }
    }

    /// Whether a file of this host may hold a request (a quick look for the resource type
    /// or the API name), so that folder walks read only those.
    pub fn may_hold_request(self, text: &str) -> bool {
        match self {
            Host::Terraform => text.contains("alicloud_image_import"),
            Host::Packer => text.contains(crate::input::packer::TYPE),
            Host::AliyunCli => {
                (text.contains("ImportImage") || text.contains("import-image"))
                    && text.contains("aliyun")
            }
        }
    }
}

/// What the rest of a Terraform module says that one file cannot: the region of its
/// `provider "alicloud"` blocks, which may be written in another file of the folder.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Context {
    /// The module's providers (read each `.tf` file with [`Providers::read`], then merge).
    #[cfg(feature = "terraform")]
    #[cfg_attr(docsrs, doc(cfg(feature = "terraform")))]
    pub providers: Providers,
    /// The texts of the module's override files (`override.tf`, `*_override.tf`), in the
    /// order Terraform applies them (by name): their attributes of a resource of the same
    /// type and name replace the resource's own.
    #[cfg(feature = "terraform")]
    pub overrides: Vec<String>,
}

impl Context {
    /// A context with the module's providers.
    #[cfg(feature = "terraform")]
    #[cfg_attr(docsrs, doc(cfg(feature = "terraform")))]
    pub fn with_providers(providers: Providers) -> Context {
        Context {
            providers,
            overrides: Vec::new(),
        }
    }

    /// The same context with the module's override files' texts (see [`Context::overrides`]).
    #[cfg(feature = "terraform")]
    pub fn with_overrides(mut self, overrides: Vec<String>) -> Context {
        self.overrides = overrides;
        self
    }
}

/// One request found in a file, linted.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Embedded {
    /// What it is: `alicloud_image_import.NAME`, or `aliyun ecs ImportImage`.
    pub label: String,
    /// Where it starts: the resource's header, or the command's `aliyun ecs ImportImage`.
    /// Findings about what is absent point here.
    pub span: Span,
    /// The report; its spans point into the file.
    pub report: Report,
}

/// [`locate`] with the text's line index: in time proportional to the span's line.
fn locate_in(src: &str, lines: &LineIndex, (start, end): (usize, usize)) -> Span {
    let (line, column, utf16_start) = lines.locate(src, start);
    Span {
        start,
        end,
        line,
        column,
        utf16_start,
        utf16_end: lines.locate(src, end).2,
    }
}

/// The line, column and UTF-16 offsets of a byte span of `src`.
fn locate(src: &str, (start, end): (usize, usize)) -> Span {
    let before = &src[..start.min(src.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let utf16 = |s: &str| s.chars().map(char::len_utf16).sum::<usize>();
    Span {
        start,
        end,
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
        utf16_start: utf16(before),
        utf16_end: utf16(&src[..end.min(src.len())]),
    }
}

impl Linter {
    /// Lints every request a file of `host` holds, in the order they are written.
    /// A file that cannot be read as its host's language gives one `invalid-input` report.
    pub fn lint_embedded(&self, src: &str, host: Host, cx: &Context) -> Vec<Embedded> {
        embedded(self, src, host, cx, None)
    }
}

impl Batch<'_> {
    /// [`Linter::lint_embedded`] as part of this batch (requests are also checked against
    /// each other), with another linter's options.
    pub fn lint_embedded_with(
        &mut self,
        linter: &Linter,
        src: &str,
        host: Host,
        cx: &Context,
    ) -> Vec<Embedded> {
        embedded(linter, src, host, cx, Some(self.seen_mut()))
    }
}

fn embedded(
    linter: &Linter,
    src: &str,
    host: Host,
    cx: &Context,
    mut seen: Option<&mut Seen>,
) -> Vec<Embedded> {
    let opts = linter.options();
    let label = match host {
        Host::Terraform => "terraform",
        Host::AliyunCli => "aliyun ecs ImportImage",
        Host::Packer => "packer alicloud-import",
    };
    let fatal = |f: Finding<'_>, seen: Option<&mut Seen>| {
        let at = f.span.unwrap_or((0, 0));
        let secrets = crate::mask::secret_values(src);
        vec![Embedded {
            label: label.to_owned(),
            span: locate(src, at),
            report: scrubbed(driver::lint(src, Parsed::fatal(f), opts, seen), &secrets),
        }]
    };
    if src.len() > opts.max_input_bytes {
        let max = opts.max_input_bytes;
        return fatal(Finding::invalid_input(Msg::TooLarge { max }, (0, 0)), seen);
    }
    let mut found: Vec<(String, (usize, usize), Parsed<'_>)> = match host {
        #[cfg(feature = "terraform")]
        Host::Terraform => {
            match crate::input::terraform::read(src, &cx.providers, &cx.overrides, opts.profile) {
                Ok(rs) => rs
                    .into_iter()
                    .map(|r| (r.address, r.header, r.parsed))
                    .collect(),
                Err(f) => return fatal(*f, seen),
            }
        }
        #[cfg(not(feature = "terraform"))]
        Host::Terraform => {
            let _ = cx;
            let f = Finding::invalid_input(
                Msg::TerraformSyntax {
                    detail: "this build of importimage-lint does not read Terraform (feature `terraform`)".into(),
                },
                (0, 0),
            );
            return fatal(f, seen);
        }
        Host::AliyunCli => match crate::input::shell::read(src) {
            Ok(cs) => cs
                .into_iter()
                .map(|c| (label.to_owned(), c.header, c.parsed))
                .collect(),
            Err(f) => return fatal(*f, seen),
        },
        Host::Packer => match crate::input::packer::read(src) {
            Ok(ps) => ps
                .into_iter()
                .map(|p| (label.to_owned(), p.header, p.parsed))
                .collect(),
            Err(f) => return fatal(*f, seen),
        },
    };
    if matches!(host, Host::Terraform | Host::Packer) {
        terraform_literal_secrets(src, &mut found);
    }
    let secrets = Secrets::new(src, &found);
    let lines = LineIndex::new(src);
    found
        .into_iter()
        .map(|(label, header, parsed)| {
            let values = secrets.for_request(src, extent(&parsed, header));
            let report = driver::lint_in(src, parsed, opts, seen.as_deref_mut(), Some(&lines));
            Embedded {
                label,
                span: locate_in(src, &lines, header),
                report: scrubbed(report, &values),
            }
        })
        .collect()
}

/// Where a request is written: from the first to the last byte any of its spans covers.
fn extent(parsed: &Parsed<'_>, header: (usize, usize)) -> (usize, usize) {
    let spans = parsed
        .entries
        .iter()
        .flat_map(|e| [e.key_span, e.value_span])
        .chain(parsed.notes.iter().map(|n| n.span))
        .flatten()
        .chain([header]);
    spans.fold((usize::MAX, 0), |(lo, hi), (a, b)| (lo.min(a), hi.max(b)))
}

/// The credential values of a file, for scrubbing each request's report: a request's
/// report may repeat the values written inside it, and those written outside every request
/// (an `export` line, a provider block). Each report is checked against those only, so the
/// time stays linear in the number of requests.
struct Secrets {
    /// Every credential of the file, in order.
    all: Vec<crate::mask::Secret>,
    /// The values of those outside every request.
    outside: Vec<String>,
}

impl Secrets {
    fn new(src: &str, found: &[(String, (usize, usize), Parsed<'_>)]) -> Secrets {
        let all = crate::mask::secrets(src);
        let mut extents: Vec<(usize, usize)> =
            found.iter().map(|(_, h, p)| extent(p, *h)).collect();
        extents.sort_unstable();
        // The furthest end among the extents starting at or before each one.
        let mut reach = Vec::with_capacity(extents.len());
        let mut far = 0;
        for &(_, end) in &extents {
            far = far.max(end);
            reach.push(far);
        }
        let inside = |at: usize| {
            let i = extents.partition_point(|&(start, _)| start <= at);
            i > 0 && reach[i - 1] > at
        };
        let outside = crate::mask::values_of(src, all.iter().filter(|s| !inside(s.value.start)));
        Secrets { all, outside }
    }

    /// The values a report of the request written at `lo..hi` may repeat.
    fn for_request(&self, src: &str, (lo, hi): (usize, usize)) -> Vec<String> {
        let first = self.all.partition_point(|s| s.value.end <= lo);
        let within = self.all[first..].iter().take_while(|s| s.value.start < hi);
        let mut values = crate::mask::values_of(src, within);
        values.extend(self.outside.iter().cloned());
        values.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        values.dedup();
        values
    }
}

/// The report with every credential value of its file masked wherever a message, help,
/// fix or data field would repeat it.
fn scrubbed(mut report: Report, secrets: &[String]) -> Report {
    for d in &mut report.diagnostics {
        crate::mask::scrub_diagnostic(d, secrets);
    }
    report
}

/// The alicloud provider's credential attributes (`access_key`, `secret_key`,
/// `security_token`, also the Packer plugin's names) written as literals anywhere in a
/// Terraform file or Packer template: a
/// `credential-in-request` warning each, reported with the file's first resource.
fn terraform_literal_secrets(src: &str, found: &mut [(String, (usize, usize), Parsed<'_>)]) {
    let Some((_, _, first)) = found.first_mut() else {
        return;
    };
    for s in crate::mask::secrets(src) {
        let name = &src[s.name.clone()];
        if s.written == crate::mask::Written::Literal
            && ["access_key", "secret_key", "security_token"].contains(&name)
        {
            first
                .notes
                .push(crate::mask::literal_finding(name, s.value));
        }
    }
}

/// The file with every certain fix of its requests written in, every other byte kept, or
/// `None` when nothing changes. A Terraform string stays a quoted HCL string (escaped as
/// needed), a number a number; a shell word is quoted only when it must be. Values that are
/// not written as a plain literal (a heredoc) and values the provider or the CLI fills in
/// are left alone.
///
/// ```
/// use importimage_lint::embedded::{apply_fixes, Context, Host};
/// let src = "aliyun ecs ImportImage --RegionId cn-hangzhou --OSType linux --DiskDeviceMapping.1.OSSBucket b12 --DiskDeviceMapping.1.OSSObject a.raw\n";
/// let found = importimage_lint::Linter::default().lint_embedded(src, Host::AliyunCli, &Context::default());
/// assert!(apply_fixes(src, Host::AliyunCli, &found).unwrap().contains("--OSType Linux"));
/// ```
pub fn apply_fixes(source: &str, host: Host, found: &[Embedded]) -> Option<String> {
    let edits: Vec<(usize, usize, String)> = found
        .iter()
        .flat_map(|e| e.report.diagnostics.iter().map(move |d| (e.span.start, d)))
        .filter_map(|(anchor, d)| {
            let (fix, span) = (d.fix.as_ref()?, d.span?);
            if span.start == anchor {
                return None; // a value the user did not write
            }
            let old = source.get(span.start..span.end)?;
            if host == Host::AliyunCli && old.starts_with('-') {
                return None; // a `--Name=value` word whose value cannot be told apart
            }
            let new = match host {
                Host::Packer if old.starts_with('"') && is_json(source) => {
                    crate::fix::json_string(fix)
                }
                Host::Terraform | Host::Packer => hcl_value(old, fix)?,
                Host::AliyunCli => shell_word(fix),
            };
            (new != old).then_some((span.start, span.end, new))
        })
        .collect();
    crate::fix::splice(source, edits)
}

/// Whether a Packer template is written in JSON (it starts with `{`).
fn is_json(source: &str) -> bool {
    source
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .starts_with('{')
}

/// An HCL literal replacing `old`: a quoted string stays one, a number a number.
fn hcl_value(old: &str, fix: &str) -> Option<String> {
    if old.starts_with('"') {
        let mut s = String::from("\"");
        let mut chars = fix.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => s.push_str("\\\""),
                '\\' => s.push_str("\\\\"),
                '\n' => s.push_str("\\n"),
                '\r' => s.push_str("\\r"),
                '\t' => s.push_str("\\t"),
                '$' | '%' if chars.peek() == Some(&'{') => {
                    s.push(c);
                    s.push(c);
                }
                c => s.push(c),
            }
        }
        s.push('"');
        return Some(s);
    }
    (old.bytes().all(|b| b.is_ascii_digit()) && crate::chars::is_digits(fix))
        .then(|| fix.to_owned())
}

/// A shell word whose value is `s`: bare when nothing in it is special, else single-quoted.
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:@%+=,".contains(&b));
    if plain {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}
