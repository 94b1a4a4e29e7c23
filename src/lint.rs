//! The driver: resolves the flat entries against the profile, runs every rule in a fixed
//! order, and turns the findings into a [`Report`].

use std::collections::HashSet;

use crate::input::{self, Entry, Form, Parsed, Value};
use crate::profile::{Kind, Param, Profile};
use crate::report::{Data, Diagnostic, Effective, Report, Source, Span};
use crate::rules::{self, Rule};
use crate::{Options, Severity};

/// Starts a diagnostic of `rule` with its default severity.
pub(crate) fn diag(rule: Rule, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        rule,
        severity: rule.meta().severity,
        code: None,
        param: None,
        message: message.into(),
        help: None,
        fix: None,
        data: Data::default(),
        span: None,
    }
}

impl Diagnostic {
    pub(crate) fn param(mut self, p: impl Into<String>) -> Self {
        self.param = Some(p.into());
        self
    }
    pub(crate) fn span(mut self, s: Option<(usize, usize)>) -> Self {
        self.span = s.map(|(start, end)| Span {
            start,
            end,
            line: 0,
            column: 0,
            utf16_start: 0,
            utf16_end: 0,
        });
        self
    }
    pub(crate) fn help(mut self, h: impl Into<String>) -> Self {
        self.help = Some(h.into());
        self
    }
    pub(crate) fn fix(mut self, f: impl Into<String>) -> Self {
        self.fix = Some(f.into());
        self
    }
    pub(crate) fn data(mut self, d: Data) -> Self {
        self.data = d;
        self
    }
    pub(crate) fn code(mut self, c: Option<&'static str>) -> Self {
        self.code = c;
        self
    }
    /// Points at an entry: its name and its value's span.
    pub(crate) fn on(self, e: &Entry<'_>) -> Self {
        let span = e.span();
        self.param(e.name.as_ref()).span(span)
    }
}

/// A request resolved against a profile: which entry holds which parameter.
pub(crate) struct Request<'a, 'e> {
    pub profile: &'static Profile,
    pub form: Form,
    pub entries: &'e [Entry<'a>],
    /// Entry index per (parameter, N) slot.
    slots: Vec<Option<usize>>,
    /// First slot of each parameter of the profile.
    bases: Vec<usize>,
    /// Whether each entry counts as given (not null, not an empty optional, right type).
    live: Vec<bool>,
    /// Per indexed family of the profile, a bit for each N written (bit N).
    present: Vec<u64>,
}

/// A parameter name resolved against the profile.
enum Resolved<'n> {
    Param(usize, u32),
    BadIndex(usize, &'n str),
    Family,
    Unknown,
}

fn resolve<'n>(profile: &Profile, name: &'n str) -> Resolved<'n> {
    // `family.N.field`, split by hand: this runs for every entry.
    let b = name.as_bytes();
    let first = b.iter().position(|&c| c == b'.');
    let second = first.and_then(|i| {
        b[i + 1..]
            .iter()
            .position(|&c| c == b'.')
            .map(|j| i + 1 + j)
    });
    if let (Some(i), Some(j)) = (first, second) {
        let (family, mid, field) = (&name[..i], &name[i + 1..j], &name[j + 1..]);
        for (i, p) in profile.params.iter().enumerate() {
            if p.family == Some(family) && p.field == field {
                let max = profile.max_index(family).unwrap_or(0);
                return match mid.parse::<u32>() {
                    Ok(n) if (1..=max).contains(&n) && !mid.starts_with(['0', '+']) => {
                        Resolved::Param(i, n)
                    }
                    _ => Resolved::BadIndex(i, mid),
                };
            }
        }
    }
    if let Some(i) = param_index(profile, name) {
        return Resolved::Param(i, 0);
    }
    if input::container(name).is_some() {
        return Resolved::Family;
    }
    Resolved::Unknown
}

/// The index of a parameter by its table name; lengths are compared first, so the scan is cheap.
fn param_index(profile: &Profile, name: &str) -> Option<usize> {
    profile
        .params
        .iter()
        .position(|p| p.name.len() == name.len() && p.name == name)
}

impl<'a, 'e> Request<'a, 'e> {
    fn slot(&self, param: usize, n: u32) -> Option<usize> {
        let base = *self.bases.get(param)?;
        let off = if self.profile.params[param].family.is_some() {
            n.checked_sub(1)? as usize
        } else {
            0
        };
        Some(base + off)
    }

    /// The live entry of a parameter (`"DiskDeviceMapping.N.Format"`, `n`), if given.
    pub(crate) fn get(&self, name: &str, n: u32) -> Option<&'e Entry<'a>> {
        self.get_at(param_index(self.profile, name)?, n)
    }

    fn get_at(&self, pi: usize, n: u32) -> Option<&'e Entry<'a>> {
        let idx = (*self.slots.get(self.slot(pi, n)?)?)?;
        self.live[idx].then(|| &self.entries[idx])
    }

    /// The given string value of a parameter.
    pub(crate) fn value(&self, name: &str, n: u32) -> Option<&'e str> {
        self.get(name, n).and_then(|e| text(e))
    }

    /// The value the service will use: given, else the profile's default, else what a
    /// requirement (`arm64` needs `UEFI`) implies.
    pub(crate) fn effective(&self, name: &str, n: u32) -> Option<&'e str> {
        self.value(name, n).or_else(|| self.default_of(name))
    }

    fn default_of(&self, name: &str) -> Option<&'static str> {
        self.implied(name)
            .or_else(|| self.profile.param(name).and_then(|p| p.default))
    }

    /// The value a stated combination implies for an absent parameter (arm64 → UEFI).
    fn implied(&self, name: &str) -> Option<&'static str> {
        self.profile
            .requires
            .iter()
            .find(|r| {
                r.then == name
                    && self
                        .value(r.when, 0)
                        .is_some_and(|v| v.eq_ignore_ascii_case(r.is))
            })
            .map(|r| r.must)
    }

    /// Whether a parameter was written at all (even empty, null or of a wrong type).
    pub(crate) fn written(&self, name: &str, n: u32) -> bool {
        param_index(self.profile, name)
            .and_then(|pi| self.slot(pi, n))
            .and_then(|s| self.slots.get(s).copied().flatten())
            .is_some()
    }

    /// The numbers N used by a family (`DiskDeviceMapping`), in order, with any entry.
    pub(crate) fn indices(&self, prefix: &str) -> impl Iterator<Item = u32> {
        let fi = self.profile.indexed.iter().position(|f| f.prefix == prefix);
        let bits = fi.map_or(0, |fi| self.present[fi]);
        (1..64).filter(move |n| bits & (1 << n) != 0)
    }
}

/// The text of a scalar value: a string, a number's literal or a boolean.
pub(crate) fn text<'e>(e: &'e Entry<'_>) -> Option<&'e str> {
    match &e.value {
        Value::Str(s) => Some(s),
        Value::Num(n) => Some(n),
        Value::Bool(true) => Some("true"),
        Value::Bool(false) => Some("false"),
        _ => None,
    }
}

/// Collects findings: applies the options' severity overrides and the cap, and fills in
/// the profile's API error code.
pub(crate) struct Sink<'o> {
    profile: &'static Profile,
    opts: &'o Options,
    diags: Vec<Diagnostic>,
    omitted: u64,
    omitted_error: bool,
}

impl<'o> Sink<'o> {
    pub(crate) fn new(opts: &'o Options) -> Self {
        Sink {
            profile: opts.profile,
            opts,
            diags: Vec::new(),
            omitted: 0,
            omitted_error: false,
        }
    }

    /// The severity a rule has under the options; `None` when it is turned off.
    fn severity(&self, rule: Rule) -> Option<Severity> {
        match self.opts.severities.iter().rev().find(|(r, _)| *r == rule) {
            Some((_, sev)) => *sev,
            None => Some(rule.meta().severity),
        }
    }

    /// Records a finding built only when it will be kept: past the cap, only counted.
    pub(crate) fn push_lazy(&mut self, rule: Rule, build: impl FnOnce() -> Diagnostic) {
        let Some(severity) = self.severity(rule) else {
            return;
        };
        if self.diags.len() >= self.opts.max_diagnostics {
            self.omitted += 1;
            self.omitted_error |= severity == Severity::Error;
            return;
        }
        let mut d = build();
        d.severity = severity;
        if d.code.is_none() {
            d.code = self.profile.code(d.rule);
        }
        self.diags.push(d);
    }

    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.push_lazy(d.rule, || d);
    }
}

/// The check context: the request, the profile and the findings so far.
pub(crate) struct Cx<'r, 'a, 'e> {
    pub req: &'r Request<'a, 'e>,
    pub profile: &'static Profile,
    sink: Sink<'r>,
}

impl Cx<'_, '_, '_> {
    /// Records a finding.
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.sink.push(d);
    }
}

/// Lints parsed input. `src` is the text the spans point into.
pub(crate) fn run(
    src: &str,
    form: Form,
    parsed: Parsed<'_>,
    opts: &Options,
    seen: Option<&mut HashSet<String>>,
) -> Report {
    let profile = opts.profile;
    if let Some(fatal) = parsed.fatal {
        let mut sink = Sink::new(opts);
        sink.push(fatal);
        return finish(src, sink, Effective::default());
    }
    let mut bases = Vec::with_capacity(profile.params.len());
    let mut total = 0;
    for p in profile.params {
        bases.push(total);
        total += match p.family {
            Some(prefix) => profile.max_index(prefix).unwrap_or(0) as usize,
            None => 1,
        };
    }
    let entries = &parsed.entries;
    let mut req = Request {
        profile,
        form,
        entries,
        slots: vec![None; total],
        bases,
        live: vec![false; entries.len()],
        present: vec![0; profile.indexed.len()],
    };
    let mut early = Sink::new(opts);
    for d in parsed.notes {
        early.push(d);
    }
    let mut unknown_seen: HashSet<&str> = HashSet::new();
    for (idx, e) in entries.iter().enumerate() {
        match resolve(profile, &e.name) {
            Resolved::Param(pi, n) => {
                let Some(slot) = req.slot(pi, n) else {
                    continue;
                };
                if let Some(first) = req.slots[slot] {
                    early.push_lazy(Rule::DuplicateParameter, || {
                        rules::input::duplicate(e, &entries[first])
                    });
                    continue;
                }
                req.slots[slot] = Some(idx);
                if let Some(fi) = profile.params[pi]
                    .family
                    .and_then(|f| profile.indexed.iter().position(|x| x.prefix == f))
                {
                    req.present[fi] |= 1 << n.min(63);
                }
                let (live, note) = rules::input::admit(&profile.params[pi], e, form);
                req.live[idx] = live;
                if let Some(note) = note {
                    early.push(note);
                }
            }
            Resolved::BadIndex(pi, raw) => early.push_lazy(Rule::ParameterIndex, || {
                rules::input::bad_index(profile, &profile.params[pi], e, raw)
            }),
            Resolved::Family => early.push(rules::input::family_scalar(e)),
            Resolved::Unknown => {
                if !unknown_seen.insert(e.name.as_ref()) {
                    early.push_lazy(Rule::DuplicateParameter, || {
                        rules::input::duplicate_unknown(e)
                    });
                    continue;
                }
                let rule = if rules::input::known_elsewhere(profile, e) {
                    Rule::NewerApiParameter
                } else {
                    Rule::UnknownParameter
                };
                early.push_lazy(rule, || rules::input::unknown(profile, e));
            }
        }
    }
    let mut cx = Cx {
        req: &req,
        profile,
        sink: early,
    };
    check_values(&mut cx);
    rules::input::check_required(&mut cx);
    rules::cross::check(&mut cx);
    rules::text::check_deceptive(&mut cx);
    if let Some(seen) = seen {
        rules::batch::check(&mut cx, seen);
    }
    let effective = effective(&req);
    finish(src, cx.sink, effective)
}

/// Runs the value rule of every given parameter, in the profile's order.
fn check_values(cx: &mut Cx<'_, '_, '_>) {
    let req = cx.req;
    for (pi, p) in cx.profile.params.iter().enumerate() {
        match p.family {
            None => {
                if let Some(e) = req.get_at(pi, 0) {
                    check_value(cx, p, e, 0);
                }
            }
            Some(family) => {
                for n in req.indices(family) {
                    if let Some(e) = req.get_at(pi, n) {
                        check_value(cx, p, e, n);
                    }
                }
            }
        }
    }
}

fn check_value(cx: &mut Cx<'_, '_, '_>, p: &'static Param, e: &Entry<'_>, n: u32) {
    let Some(v) = text(e) else { return };
    match p.kind {
        Kind::Enum { values, case } => rules::enums::check(cx, p, e, v, values, case),
        Kind::Region => rules::region::check(cx, e, v),
        Kind::ImageName => rules::image_name::check(cx, e, v),
        Kind::Description => rules::description::check(cx, e, v),
        Kind::OssBucket => rules::oss::check_bucket(cx, e, v),
        Kind::OssObject => rules::oss::check_object(cx, e, v),
        Kind::DiskSize => rules::disks::check_size(cx, e, v, n),
        Kind::Timestamp => rules::common::check_timestamp(cx, e, v),
        Kind::Bool => rules::text::check_bool(cx, p, e, v),
        Kind::Text { .. } => rules::text::check_text(cx, p, e, v),
        Kind::Credential => rules::common::credential(cx, e),
        Kind::Deprecated { instead } => rules::input::deprecated(cx, e, instead),
        Kind::Free => {}
    }
}

/// The request as the service will see it.
fn effective(req: &Request<'_, '_>) -> Effective {
    let mut out = Effective::default();
    for (pi, p) in req.profile.params.iter().enumerate() {
        if matches!(p.kind, Kind::Credential) || p.family.is_some() {
            continue;
        }
        if let Some(v) = req.get_at(pi, 0).and_then(text) {
            out.push(&[p.name], Some(v), Source::Given);
        } else if let Some(d) = req.implied(p.name).or(p.default) {
            out.push(&[p.name], Some(d), Source::Default);
        }
    }
    for fam in req.profile.indexed {
        for n in req.indices(fam.prefix) {
            for (pi, p) in req.profile.params.iter().enumerate() {
                if p.family != Some(fam.prefix) || matches!(p.kind, Kind::Deprecated { .. }) {
                    continue;
                }
                let mut digits = [0u8; 10];
                let n_text = decimal(n, &mut digits);
                match req.get_at(pi, n).and_then(text) {
                    Some(v) => out.push(&[fam.prefix, n_text, p.field], Some(v), Source::Given),
                    None if p.detected => {
                        out.push(&[fam.prefix, n_text, p.field], None, Source::Detected)
                    }
                    None => {}
                }
            }
        }
    }
    out
}

/// Writes `n` in decimal into `buf`, without allocating.
pub(crate) fn decimal(mut n: u32, buf: &mut [u8; 10]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).unwrap_or("0")
}

/// Orders the findings, adds the cap summary, computes line and column, sets `valid`.
pub(crate) fn finish(src: &str, sink: Sink<'_>, effective: Effective) -> Report {
    let Sink {
        mut diags,
        omitted,
        omitted_error,
        profile,
        ..
    } = sink;
    diags.sort_by_key(|d| d.span.map_or(usize::MAX, |s| s.start));
    if omitted > 0 {
        let mut d = diag(
            Rule::TooManyDiagnostics,
            format!(
                "{omitted} more findings were left out; this report keeps the first {}",
                diags.len()
            ),
        )
        .help("fix the findings shown and lint again");
        d.data.omitted = Some(omitted);
        diags.push(d);
    }
    locate(src, &mut diags);
    let valid = !omitted_error && diags.iter().all(|d| d.severity != Severity::Error);
    Report {
        valid,
        profile: profile.id,
        diagnostics: diags,
        effective,
    }
}

/// Fills in line, column and UTF-16 offsets of every span in one pass over the text.
fn locate(src: &str, diags: &mut [Diagnostic]) {
    let mut points: Vec<(usize, usize, bool)> = Vec::new();
    for (i, d) in diags.iter().enumerate() {
        if let Some(s) = d.span {
            points.push((s.start.min(src.len()), i, false));
            points.push((s.end.min(src.len()), i, true));
        }
    }
    if points.is_empty() {
        return;
    }
    points.sort_unstable();
    let (mut line, mut col, mut u16) = (1usize, 1usize, 0usize);
    let mut chars = src.char_indices().peekable();
    for (offset, i, is_end) in points {
        while let Some(&(at, c)) = chars.peek() {
            if at >= offset {
                break;
            }
            chars.next();
            u16 += c.len_utf16();
            if c == '\n' {
                line += 1;
                col = 1;
            } else if !(at == 0 && c == '\u{FEFF}') {
                col += 1;
            }
        }
        if let Some(s) = diags[i].span.as_mut() {
            if is_end {
                s.utf16_end = u16;
            } else {
                s.line = line;
                s.column = col;
                s.utf16_start = u16;
            }
        }
    }
}
