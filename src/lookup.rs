//! Fast lookups of parameter names: hash maps with FNV-1a, which hashes the short ASCII
//! names of the API in a few instructions (the standard SipHash costs more than the rest of
//! a lookup), and each profile's name index.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::profile::{Profile, PROFILES};

/// FNV-1a, 64 bits.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A hash map keyed by names.
pub(crate) type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Where each name of a profile's table is: parameters outside families by name, family
/// members by (family, field).
#[derive(Debug, Clone)]
pub(crate) struct Index {
    pub flat: Map<&'static str, u32>,
    pub members: Map<(&'static str, &'static str), u32>,
}

/// The index of a profile. A built-in profile's index is built once, the first time it is
/// asked for, into a `static` of its own (one per table, never more: nothing leaks); a
/// table written elsewhere is indexed on each call (once per request linted).
pub(crate) fn index(profile: &'static Profile) -> Cow<'static, Index> {
    static BUILT: [OnceLock<Index>; PROFILES.len()] = [const { OnceLock::new() }; PROFILES.len()];
    for (built, p) in BUILT.iter().zip(PROFILES) {
        if same_names(p, profile) {
            return Cow::Borrowed(built.get_or_init(|| build(p)));
        }
    }
    Cow::Owned(build(profile))
}

/// Whether two tables name the same parameters in the same order (all an index depends
/// on). A built-in table, used through a constant, need not keep one address.
fn same_names(a: &Profile, b: &Profile) -> bool {
    std::ptr::eq(a, b)
        || (a.id == b.id
            && a.params.len() == b.params.len()
            && a.params
                .iter()
                .zip(b.params)
                .all(|(x, y)| x.name() == y.name()))
}

fn build(profile: &'static Profile) -> Index {
    let mut flat = Map::default();
    let mut members = Map::default();
    for (pi, p) in profile.params.iter().enumerate() {
        match p.family() {
            Some(f) => {
                members.entry((f, p.field())).or_insert(pi as u32);
            }
            None => {
                flat.entry(p.name()).or_insert(pi as u32);
            }
        }
    }
    Index { flat, members }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{CURRENT, SPEC_2019};

    #[test]
    fn a_built_in_table_is_indexed_once_whatever_reference_reaches_it() {
        let by_const = index(&CURRENT);
        let by_list = index(crate::profile::by_id("current").unwrap());
        match (by_const, by_list) {
            (Cow::Borrowed(a), Cow::Borrowed(b)) => assert!(std::ptr::eq(a, b)),
            _ => panic!("a built-in table is indexed into its static"),
        }
        assert!(matches!(index(&SPEC_2019), Cow::Borrowed(_)));
        let i = index(&CURRENT);
        assert!(i.flat.contains_key("ImageName"));
        assert!(i.members.contains_key(&("DiskDeviceMapping", "OSSBucket")));
    }
}
