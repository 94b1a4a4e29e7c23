//! Request resolution: which entry holds which parameter of the profile, whether it counts
//! as given, and the request as the service will see it.
//!
//! Resolution judges nothing itself: what it notices (a name given twice, an unknown name,
//! an N out of range, a value of the wrong JSON type, an empty value) is recorded as an
//! [`Issue`]; the input checks turn issues into findings.

use crate::lookup::Index;
use std::borrow::Cow;
use std::collections::HashSet;

use crate::chars::{decimal, is_digits};
use crate::input::{sdk, Element, Entry, Parsed, Value};
use crate::profile::{Empty, Key, Kind, Param, Profile};
use crate::report::{Effective, Source};

/// Whether an entry counts as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Given, with a value of a type its parameter takes.
    Live,
    /// `null`: absent.
    Null,
    /// An empty string where empty means absent.
    Empty,
    /// Given, but of a JSON type the parameter does not take.
    WrongType,
    /// Not a parameter of the profile (unknown, out of range, or given twice).
    Unresolved,
}

/// Something resolution noticed; entries are indexes into the request's entries.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Issue {
    /// The entry's parameter was already given by `first`.
    Duplicate { entry: usize, first: usize },
    /// An unknown name given again.
    DuplicateUnknown { entry: usize },
    /// A member of a family with an N that is not in range.
    BadIndex { entry: usize, param: usize },
    /// A scalar given for a whole family or group (`"DiskDeviceMapping": "x"`).
    ContainerValue { entry: usize },
    /// A name no parameter of the profile has.
    Unknown { entry: usize },
    /// A value of a JSON type the parameter does not take.
    WrongType { entry: usize, param: usize },
    /// An empty string for an optional parameter, which counts as absent.
    Empty { entry: usize, param: usize },
}

/// A name resolved against the profile.
enum Found {
    Param(usize, u32),
    BadIndex(usize),
    Container,
    Unknown,
}

/// The slot index meaning "no entry".
const NONE: u32 = u32::MAX;

/// A request resolved against a profile.
pub(crate) struct Resolved<'a, 'e> {
    pub profile: &'static Profile,
    pub entries: &'e [Entry<'a>],
    /// Where the request starts, for findings about what is absent.
    pub root: Option<(usize, usize)>,
    /// The objects of nested family members.
    pub elements: &'e [Element<'a>],
    pub issues: Vec<Issue>,
    /// Entry index per (parameter, N) slot.
    slots: Vec<u32>,
    /// First slot of each parameter.
    bases: Vec<u32>,
    /// Largest N of each parameter's family (0 outside one).
    maxes: Vec<u32>,
    /// Per family of the profile: the numbers N written (with any entry, null included),
    /// as a bit set (bit N).
    written_n: Vec<u128>,
    /// Per entry: whether it counts as given, and which parameter it is.
    status: Vec<(Status, u32)>,
}

impl<'a, 'e> Resolved<'a, 'e> {
    /// Resolves the entries of a request.
    pub(crate) fn new(profile: &'static Profile, parsed: &'e Parsed<'a>) -> Self {
        let entries = &parsed.entries[..];
        let mut bases = Vec::with_capacity(profile.params.len());
        let mut maxes = Vec::with_capacity(profile.params.len());
        let mut total = 0u32;
        for p in profile.params {
            bases.push(total);
            let max = p.family().and_then(|f| profile.max_index(f)).unwrap_or(0);
            maxes.push(max);
            total += max.max(1);
        }
        let mut r = Resolved {
            profile,
            entries,
            root: parsed.root,
            elements: &parsed.elements,
            issues: Vec::new(),
            slots: vec![NONE; total as usize],
            bases,
            maxes,
            written_n: vec![0; profile.families.len()],
            status: vec![(Status::Unresolved, NONE); entries.len()],
        };
        let mut unknown: HashSet<Cow<'_, str>> = HashSet::new();
        let index = crate::lookup::index(profile);
        for (idx, e) in entries.iter().enumerate() {
            match find(profile, &index, e) {
                Found::Param(pi, n) => {
                    let slot = r.slot(pi, n);
                    let first = r.slots[slot];
                    if first != NONE {
                        r.issues.push(Issue::Duplicate {
                            entry: idx,
                            first: first as usize,
                        });
                        continue;
                    }
                    r.slots[slot] = idx as u32;
                    let p = &profile.params[pi];
                    if let Some(fi) = p
                        .family()
                        .and_then(|f| profile.families.iter().position(|x| x.prefix == f))
                    {
                        if n < 128 {
                            r.written_n[fi] |= 1 << n;
                        }
                    }
                    let status = admit(p, &e.value);
                    match status {
                        Status::WrongType => r.issues.push(Issue::WrongType {
                            entry: idx,
                            param: pi,
                        }),
                        Status::Empty if p.required() == crate::profile::Required::No => {
                            r.issues.push(Issue::Empty {
                                entry: idx,
                                param: pi,
                            })
                        }
                        _ => {}
                    }
                    r.status[idx] = (status, pi as u32);
                }
                Found::BadIndex(pi) => r.issues.push(Issue::BadIndex {
                    entry: idx,
                    param: pi,
                }),
                Found::Container => r.issues.push(Issue::ContainerValue { entry: idx }),
                Found::Unknown => {
                    if unknown.insert(e.name.text()) {
                        r.issues.push(Issue::Unknown { entry: idx });
                    } else {
                        r.issues.push(Issue::DuplicateUnknown { entry: idx });
                    }
                }
            }
        }
        r
    }

    fn slot(&self, pi: usize, n: u32) -> usize {
        let off = if self.profile.params[pi].family().is_some() {
            n.saturating_sub(1)
        } else {
            0
        };
        (self.bases[pi] + off) as usize
    }

    /// The entry written for parameter `pi`, member `n` (0 outside a family), whatever its
    /// status.
    pub(crate) fn written(&self, pi: usize, n: u32) -> Option<(&'e Entry<'a>, Status)> {
        let max = self.maxes[pi];
        if max > 0 && !(1..=max).contains(&n) {
            return None;
        }
        let idx = self.slots[self.slot(pi, n)];
        (idx != NONE).then(|| (&self.entries[idx as usize], self.status[idx as usize].0))
    }

    /// The live entry of parameter `pi`, member `n`.
    pub(crate) fn get(&self, pi: usize, n: u32) -> Option<&'e Entry<'a>> {
        self.written(pi, n)
            .filter(|(_, s)| *s == Status::Live)
            .map(|(e, _)| e)
    }

    /// The live entry of the parameter with this key.
    pub(crate) fn keyed(&self, key: Key, n: u32) -> Option<&'e Entry<'a>> {
        self.get(self.profile.index_of(key)?, n)
    }

    /// The given value of the parameter with this key.
    pub(crate) fn value(&self, key: Key, n: u32) -> Option<&'e str> {
        self.keyed(key, n).and_then(Entry::text)
    }

    /// Which parameter an entry is, if it resolved and is live.
    pub(crate) fn param_of(&self, entry: usize) -> Option<&'static Param> {
        let (status, pi) = self.status[entry];
        (status != Status::Unresolved).then(|| &self.profile.params[pi as usize])
    }

    /// The value the service will use for parameter `pi`: given, else what a stated
    /// combination implies (`arm64` → `UEFI`), else the profile's default.
    pub(crate) fn effective(&self, pi: usize, n: u32) -> Option<&'e str> {
        self.get(pi, n)
            .and_then(Entry::text)
            .or_else(|| self.default_of(pi))
    }

    /// What the service uses for an absent parameter: an implied value or the default.
    pub(crate) fn default_of(&self, pi: usize) -> Option<&'static str> {
        let p = &self.profile.params[pi];
        self.implied(p.name()).or(p.default())
    }

    /// The value a stated combination implies for an absent parameter (arm64 → UEFI).
    pub(crate) fn implied(&self, name: &str) -> Option<&'static str> {
        self.profile
            .requires
            .iter()
            .find(|r| {
                r.then == name
                    && self
                        .profile
                        .params
                        .iter()
                        .position(|p| p.name() == r.when)
                        .and_then(|pi| self.get(pi, 0))
                        .and_then(Entry::text)
                        .is_some_and(|v| v.eq_ignore_ascii_case(r.is))
            })
            .map(|r| r.must)
    }

    /// Where the object of family member N was written, if it was nested.
    pub(crate) fn element(&self, family: &str, n: u32) -> Option<(usize, usize)> {
        self.elements
            .iter()
            .find(|(f, m, _)| *m == n && f == family)
            .map(|(_, _, span)| *span)
    }

    /// The numbers N written in a family, in order (with any entry, null included).
    pub(crate) fn indices(&self, family: &str) -> Vec<u32> {
        let Some(fi) = self
            .profile
            .families
            .iter()
            .position(|f| f.prefix == family)
        else {
            return Vec::new();
        };
        let mut bits = self.written_n[fi];
        let mut out = Vec::with_capacity(bits.count_ones() as usize);
        while bits != 0 {
            out.push(bits.trailing_zeros());
            bits &= bits - 1;
        }
        out
    }

    /// The request as the service will see it: given values, defaults, detected values.
    /// Credentials are never copied into it.
    pub(crate) fn effective_report(&self) -> Effective {
        let mut out = Effective::default();
        let profile = self.profile;
        for (pi, p) in profile.params.iter().enumerate() {
            if matches!(p.kind(), Kind::Credential) || p.family().is_some() {
                continue;
            }
            if let Some(v) = self.get(pi, 0).and_then(Entry::text) {
                out.push(&[p.name()], Some(v), Source::Given);
            } else if let Some(d) = self.default_of(pi) {
                out.push(&[p.name()], Some(d), Source::Default);
            }
        }
        for fam in profile.families {
            for n in self.indices(fam.prefix) {
                let mut digits = [0u8; 20];
                let n_text = decimal(u64::from(n), &mut digits);
                for (pi, p) in profile.params.iter().enumerate() {
                    if p.family() != Some(fam.prefix) || p.deprecation().is_some() {
                        continue;
                    }
                    let name = [fam.prefix, n_text, p.field()];
                    match self.get(pi, n).and_then(Entry::text) {
                        Some(v) => out.push(&name, Some(v), Source::Given),
                        None if p.detected() => out.push(&name, None, Source::Detected),
                        None => {}
                    }
                }
            }
        }
        out
    }
}

/// Whether a value counts as given for a parameter.
fn admit(p: &Param, v: &Value<'_>) -> Status {
    match (v, p.kind()) {
        (Value::Null, _) => Status::Null,
        (Value::Other(_), _) => Status::WrongType,
        (Value::Str(s), _) if s.is_empty() && p.empty() == Empty::Absent => Status::Empty,
        (Value::Str(_), _) => Status::Live,
        (Value::Bool(_) | Value::Num(_), Kind::Credential) => Status::Live,
        (Value::Bool(_), Kind::Bool) => Status::Live,
        (Value::Num(_), Kind::Integer(_)) => Status::Live,
        _ => Status::WrongType,
    }
}

/// Resolves an entry's name against the profile.
fn find(profile: &'static Profile, index: &Index, e: &Entry<'_>) -> Found {
    // A nested member carries its N as a number; a flat name as the text between dots,
    // which must be digits without a leading zero.
    let (family, n, field): (&str, Option<u32>, &str) = match &e.name.member {
        Some((n, field)) => (&e.name.head, Some(*n), field),
        None => {
            let name = e.name.head.as_ref();
            match split3(name) {
                Some((f, m, x)) => {
                    let n = (is_digits(m) && !m.starts_with('0'))
                        .then(|| m.parse::<u32>().ok())
                        .flatten();
                    (f, n, x)
                }
                None => return plain(index, name),
            }
        }
    };
    if let Some(&pi) = index.members.get(&(family, field)) {
        let max = profile.max_index(family).unwrap_or(0);
        return match n {
            Some(n) if (1..=max).contains(&n) => Found::Param(pi as usize, n),
            _ => Found::BadIndex(pi as usize),
        };
    }
    match &e.name.member {
        Some(_) => Found::Unknown,
        None => plain(index, &e.name.head),
    }
}

/// A name that is not a family member: a parameter, a container, or unknown.
fn plain(index: &Index, name: &str) -> Found {
    if let Some(&pi) = index.flat.get(name) {
        return Found::Param(pi as usize, 0);
    }
    if sdk::container(name).is_some() {
        return Found::Container;
    }
    Found::Unknown
}

/// `family.N.field`, split by hand: this runs for every entry.
fn split3(name: &str) -> Option<(&str, &str, &str)> {
    let b = name.as_bytes();
    let i = b.iter().position(|&c| c == b'.')?;
    let j = i + 1 + b[i + 1..].iter().position(|&c| c == b'.')?;
    Some((&name[..i], &name[i + 1..j], &name[j + 1..]))
}
