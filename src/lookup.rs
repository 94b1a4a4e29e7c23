//! Fast lookups of parameter names: hash maps with FNV-1a, which hashes the short ASCII
//! names of the API in a few instructions (the standard SipHash costs more than the rest of
//! a lookup), and each profile's name index, built once.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Mutex, OnceLock};

use crate::profile::Profile;

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
pub(crate) struct Index {
    pub flat: Map<&'static str, u32>,
    pub members: Map<(&'static str, &'static str), u32>,
}

/// The index of a profile, built the first time it is asked for (tables are data known at
/// compile time, and a test may build another; each is indexed once).
pub(crate) fn index(profile: &'static Profile) -> &'static Index {
    thread_local! {
        /// The index this thread used last: a lint asks many times for the same one.
        static LAST: std::cell::Cell<Option<(usize, &'static Index)>> = const { std::cell::Cell::new(None) };
    }
    let key = profile as *const Profile as usize;
    if let Some((k, i)) = LAST.with(|l| l.get()) {
        if k == key {
            return i;
        }
    }
    let i = built(profile, key);
    LAST.with(|l| l.set(Some((key, i))));
    i
}

fn built(profile: &'static Profile, key: usize) -> &'static Index {
    static BUILT: OnceLock<Mutex<Vec<(usize, &'static Index)>>> = OnceLock::new();
    let built = BUILT.get_or_init(|| Mutex::new(Vec::new()));
    let mut built = built.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, i)) = built.iter().find(|(k, _)| *k == key) {
        return i;
    }
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
    let i: &'static Index = Box::leak(Box::new(Index { flat, members }));
    built.push((key, i));
    i
}
