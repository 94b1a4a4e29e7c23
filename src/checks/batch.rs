//! Rules across several requests linted together (a batch, several files, `--ndjson`).

use std::hash::{DefaultHasher, Hash, Hasher};

use super::Checker;
use crate::diagnostic::{Data, Earlier, Finding};
use crate::message::Msg;
use crate::profile::Key;
use crate::rule::{Rule, RuleDoc};

/// `duplicate-image-name`.
pub(crate) const DUPLICATE_IMAGE_NAME: RuleDoc = RuleDoc::new(
    "Two requests linted together import images of the same ImageName into the same region.",
    "Image names are unique per region and account: the second import would be refused with InvalidImageName.Duplicated.",
    &[
        r#"{"RegionId": "cn-hangzhou", "ImageName": "centos-7", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
        r#"{"RegionId": "cn-hangzhou", "ImageName": "centos-7", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7-v2.qcow2"}"#,
    ],
    &[
        r#"{"RegionId": "cn-hangzhou", "ImageName": "centos-7", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
        r#"{"RegionId": "cn-hangzhou", "ImageName": "centos-7-v2", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7-v2.qcow2"}"#,
    ],
);

/// What a batch remembers of the requests before: a 64-bit digest of each distinct
/// (RegionId, ImageName) pair, with which request (its position in the batch) had it first
/// and where. 20 bytes per pair in chunks that are never copied, and a 4-byte slot per
/// pair in an open-addressing table at most half full: about 28 bytes per distinct pair,
/// however long the names (28 MB for a million). Two different pairs share a digest with a
/// probability of about n²/2⁶⁵ for n pairs (one in 36 million for a million pairs); a
/// collision would cost one false warning.
#[derive(Debug, Default)]
pub(crate) struct Seen {
    /// Index + 1 into `pairs` (0: empty), by the digest's low bits, linear probing.
    slots: Vec<u32>,
    /// The distinct pairs in the order first seen, in chunks of `CHUNK`.
    pairs: Vec<Vec<Pair>>,
    len: usize,
    /// How many requests the batch has linted.
    pub count: u64,
    /// When set, a request's pair is only captured (for [`Seen::merge`]), not looked up.
    pub(crate) capture: Option<Option<Captured>>,
}

/// One distinct pair: its digest (as two halves, so the record packs into 20 bytes) and
/// where it was first seen.
#[derive(Debug, Clone, Copy)]
struct Pair {
    digest: [u32; 2],
    request: u32,
    line: u32,
    column: u32,
}

const CHUNK: usize = 1 << 16;

/// A request's (RegionId, ImageName) and where its name is, captured while it was linted on
/// its own, so that the batch can judge it later, in order.
#[derive(Debug, Clone)]
pub(crate) struct Captured {
    region: String,
    name: String,
    param: String,
    span: Option<crate::Span>,
    /// What the warning's severity would be; `None` when the options or a suppression
    /// silence it here (the pair still counts for later requests).
    severity: Option<crate::Severity>,
}

fn digest(region: &str, name: &str) -> u64 {
    let mut h = DefaultHasher::new();
    (region, name).hash(&mut h);
    h.finish()
}

impl Seen {
    /// A batch memory that only captures a request's pair, for [`Seen::merge`].
    pub(crate) fn capturing() -> Seen {
        Seen {
            capture: Some(None),
            ..Seen::default()
        }
    }

    fn pair(&self, i: usize) -> &Pair {
        &self.pairs[i / CHUNK][i % CHUNK]
    }

    /// Where the pair with this digest was first seen, if it was.
    fn find(&self, key: u64) -> Option<&Pair> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = key as usize & mask;
        let want = [(key >> 32) as u32, key as u32];
        loop {
            match self.slots[i] {
                0 => return None,
                s => {
                    let p = self.pair(s as usize - 1);
                    if p.digest == want {
                        return Some(p);
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Records a pair not seen before.
    fn insert(&mut self, key: u64, request: u32, line: u32, column: u32) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        if self.pairs.last().is_none_or(|c| c.len() == CHUNK) {
            self.pairs
                .push(Vec::with_capacity(CHUNK.min(1024.max(self.len))));
        }
        let chunk = self.pairs.last_mut().expect("a chunk");
        if chunk.len() == chunk.capacity() {
            chunk.reserve_exact(chunk.len().min(CHUNK - chunk.len()));
        }
        chunk.push(Pair {
            digest: [(key >> 32) as u32, key as u32],
            request,
            line,
            column,
        });
        self.len += 1;
        self.place(key, self.len as u32);
    }

    fn place(&mut self, key: u64, slot: u32) {
        let mask = self.slots.len() - 1;
        let mut i = key as usize & mask;
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        self.slots = vec![0; size];
        for i in 0..self.len {
            let d = self.pair(i).digest;
            let key = (u64::from(d[0]) << 32) | u64::from(d[1]);
            self.place(key, i as u32 + 1);
        }
    }
}

/// This request's (RegionId, ImageName), or `None` when it has not both.
fn pair_of<'e>(cx: &Checker<'_, 'e>) -> Option<(&'e str, &'e crate::input::Entry<'e>, &'e str)> {
    let region = cx.req.value(Key::RegionId, 0)?;
    let entry = cx.req.keyed(Key::ImageName, 0)?;
    Some((region, entry, entry.text()?))
}

/// The warning that `name` repeats request `earlier`'s.
fn finding<'e>(
    entry_name: std::borrow::Cow<'e, str>,
    span: Option<(usize, usize)>,
    name: &'e str,
    region: &'e str,
    earlier: Earlier,
) -> Finding<'e> {
    Finding::new(
        Rule::DuplicateImageName,
        Msg::DuplicateName {
            name,
            region,
            earlier: earlier.request,
        },
    )
    .param(entry_name)
    .span(span)
    .help(Msg::DuplicateNameHelp)
    .data(Data {
        earlier: Some(earlier),
        ..Data::value(name)
    })
}

/// Records this request's (RegionId, ImageName) and warns when an earlier one had it; `src`
/// is the request's text, to say where its name is. In capture mode it only captures them.
pub(crate) fn check<'e>(
    cx: &mut Checker<'_, 'e>,
    seen: &mut Seen,
    src: &str,
    lines: Option<&crate::line_index::LineIndex>,
) {
    let line_col = |at: usize| match lines {
        Some(idx) => {
            let (line, column, _) = idx.locate(src, at);
            (
                u32::try_from(line).unwrap_or(u32::MAX),
                u32::try_from(column).unwrap_or(u32::MAX),
            )
        }
        None => crate::chars::line_col(src, at),
    };
    let index = u32::try_from(seen.count).unwrap_or(u32::MAX);
    let Some((region, entry, name)) = pair_of(cx) else {
        return;
    };
    if let Some(slot) = &mut seen.capture {
        let probe = finding(
            entry.name.to_cow(),
            entry.span(),
            name,
            region,
            Earlier::default(),
        );
        let severity = cx.kept(&probe);
        {
            let span = entry.span().map(|(start, end)| {
                let mut span = crate::Span::bytes(start, end);
                let (line, column) = line_col(start);
                span.line = line as usize;
                span.column = column as usize;
                span.utf16_start = src[..start].encode_utf16().count();
                span.utf16_end = span.utf16_start + src[start..end].encode_utf16().count();
                span
            });
            *slot = Some(Captured {
                region: region.to_owned(),
                name: name.to_owned(),
                param: entry.name.text().into_owned(),
                span,
                severity,
            });
        }
        return;
    }
    let key = digest(region, name);
    match seen.find(key) {
        Some(p) => {
            let earlier = Earlier {
                request: p.request.into(),
                line: p.line.into(),
                column: p.column.into(),
            };
            cx.push(finding(
                entry.name.to_cow(),
                entry.span(),
                name,
                region,
                earlier,
            ));
        }
        None => {
            let (line, column) = entry.span().map_or((0, 0), |(at, _)| line_col(at));
            seen.insert(key, index, line, column);
        }
    }
}

impl Seen {
    /// Judges a request linted on its own against the batch, in order: adds the warning to
    /// its report where the batch already had its pair, else records the pair. The result
    /// is the report a batch linting it in turn would have given.
    pub(crate) fn merge(
        &mut self,
        report: &mut crate::Report,
        captured: Option<Captured>,
        opts: &crate::Options,
    ) {
        let index = u32::try_from(self.count).unwrap_or(u32::MAX);
        self.count += 1;
        let Some(c) = captured else { return };
        let key = digest(&c.region, &c.name);
        let Some(p) = self.find(key).copied() else {
            let (line, column) = c.span.map_or((0, 0), |s| (s.line as u32, s.column as u32));
            self.insert(key, index, line, column);
            return;
        };
        let Some(severity) = c.severity else { return };
        let earlier = Earlier {
            request: p.request.into(),
            line: p.line.into(),
            column: p.column.into(),
        };
        let f = finding(
            std::borrow::Cow::Borrowed(c.param.as_str()),
            c.span.map(|s| (s.start, s.end)),
            &c.name,
            &c.region,
            earlier,
        );
        let mut d = f.render(
            opts.lang,
            severity,
            opts.profile.code(Rule::DuplicateImageName),
        );
        d.span = c.span;
        if severity == crate::Severity::Error {
            report.valid = false;
        }
        // Past the cap the warning is only counted in the summary, as the batch would have.
        let summary = report
            .diagnostics
            .iter()
            .position(|d| d.rule == Rule::TooManyDiagnostics);
        let kept = report.diagnostics.len() - usize::from(summary.is_some());
        if kept >= opts.max_diagnostics {
            let omitted = summary
                .and_then(|i| report.diagnostics[i].data.omitted)
                .unwrap_or(0)
                + 1;
            let mut s = Finding::new(Rule::TooManyDiagnostics, Msg::TooMany { omitted, kept })
                .help(Msg::TooManyHelp)
                .render(opts.lang, crate::Severity::Warning, None);
            s.data.omitted = Some(omitted);
            match summary {
                Some(i) => report.diagnostics[i] = s,
                None => report.diagnostics.push(s),
            }
            return;
        }
        // In position order, after the findings at the same position (the batch rule runs last).
        let at = d.span.map_or(usize::MAX, |s| s.start);
        let i = report
            .diagnostics
            .iter()
            .position(|x| x.span.map_or(usize::MAX, |s| s.start) > at)
            .unwrap_or(report.diagnostics.len());
        report.diagnostics.insert(i, d);
    }
}
