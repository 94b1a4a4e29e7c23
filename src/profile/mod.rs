//! Rule profiles: one table of data per revision of the ImportImage API.
//!
//! Every number, list, default and error code the checks use is read from a [`Profile`].
//! The checks hold the logic; a profile holds the facts. A later revision of the API is
//! another `Profile` value built from the same parameter constructors, not new code: see
//! `CONTRIBUTING.md` for the recipe, and the test that builds a third revision as a table.

use crate::rule::Rule;

mod current;
mod describe;
mod facts;
mod param;
mod shared;
mod spec_2019;

pub use current::CURRENT;
pub use describe::ProfileInfo;
pub(crate) use facts::param_facts;
pub use facts::{facts, facts_in};
pub use param::{
    Bounds, Case, Charset, Choice, Choices, Deprecation, Empty, IntRule, Key, Kind, Os, Param,
    Required, TextRule, TextRules, Unit, UrlRule,
};
pub use spec_2019::SPEC_2019;

/// Every profile, the default first.
pub const PROFILES: &[&Profile] = &[&SPEC_2019, &CURRENT];

/// The default profile: the API reference this project was given.
pub const DEFAULT: &Profile = PROFILES[0];

/// Finds a profile by its id (`"2019-01"`, `"current"`).
///
/// ```
/// use importimage_lint::profile;
/// assert_eq!(profile::by_id("current").unwrap().id, "current");
/// assert!(profile::by_id("2030").is_none());
/// ```
pub fn by_id(id: &str) -> Option<&'static Profile> {
    PROFILES.iter().copied().find(|p| p.id == id)
}

/// One revision of the API's rules: a table of data.
///
/// Its fields are public so that a revision can be written as a struct literal; build its
/// parameters with [`Param::new`] and the builder methods.
///
/// ```
/// let p = importimage_lint::profile::by_id("current").unwrap();
/// assert_eq!(p.family("Tag").unwrap().max, 20);
/// assert!(p.param("BootMode").is_some());
/// ```
///
/// Frozen: a table type, written as a struct literal by profile tables, so its fields
/// are added or changed only in a major release (see CHANGELOG.md).
#[derive(Debug)]
pub struct Profile {
    /// Stable id used by `--profile`, the configuration file and reports.
    pub id: &'static str,
    /// Where the rules come from, in one line.
    pub source: &'static str,
    /// Every parameter the revision knows, in the order reports and listings use.
    pub params: &'static [Param],
    /// Parameter families numbered by `N` (`DiskDeviceMapping.N.*`, `Tag.N.*`).
    pub families: &'static [Family],
    /// Region ids known to exist when the table was written.
    pub regions: &'static [&'static str],
    /// File extensions that name a disk image format, and that format's spelling.
    pub format_extensions: &'static [(&'static str, &'static str)],
    /// The API error code each rule prevents, where the revision names one.
    pub codes: &'static [(Rule, &'static str)],
    /// Conditions between parameters that the revision states (`arm64` needs `UEFI`).
    pub requires: &'static [Requirement],
    /// What the import role must be and allow.
    pub role: RoleRules,
}

impl Profile {
    /// The API error code a rule prevents under this profile, if the revision names one.
    ///
    /// ```
    /// use importimage_lint::{profile::CURRENT, Rule};
    /// assert_eq!(CURRENT.code(Rule::DiskFormat), Some("InvalidImageFormat.Malformed"));
    /// ```
    pub fn code(&self, rule: Rule) -> Option<&'static str> {
        self.codes.iter().find(|(r, _)| *r == rule).map(|(_, c)| *c)
    }

    /// The parameter with this template name (`"DiskDeviceMapping.N.Format"`).
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name() == name)
    }

    /// The position in [`Profile::params`] of the parameter with this key.
    pub fn index_of(&self, key: Key) -> Option<usize> {
        self.params.iter().position(|p| p.key() == Some(key))
    }

    /// The parameter with this key, if the revision has it.
    ///
    /// ```
    /// use importimage_lint::profile::{Key, CURRENT, SPEC_2019};
    /// assert!(CURRENT.keyed(Key::RoleName).is_some());
    /// assert!(SPEC_2019.keyed(Key::RoleName).is_none());
    /// ```
    pub fn keyed(&self, key: Key) -> Option<&'static Param> {
        self.params.iter().find(|p| p.key() == Some(key))
    }

    /// The family numbered by `N` with this prefix.
    pub fn family(&self, prefix: &str) -> Option<&'static Family> {
        self.families.iter().find(|f| f.prefix == prefix)
    }

    /// The largest `N` of a family such as `DiskDeviceMapping`.
    pub fn max_index(&self, prefix: &str) -> Option<u32> {
        self.family(prefix).map(|f| f.max)
    }

    /// Whether the revision knows this flat name (`DiskDeviceMapping.3.Format`, with N in
    /// range, or `Features.ImdsSupport`).
    ///
    /// ```
    /// use importimage_lint::profile::{CURRENT, SPEC_2019};
    /// assert!(CURRENT.knows("Tag.20.Key") && !CURRENT.knows("Tag.21.Key"));
    /// assert!(!SPEC_2019.knows("Tag.1.Key"));
    /// ```
    pub fn knows(&self, name: &str) -> bool {
        let mut parts = name.splitn(3, '.');
        let (family, mid, field) = (parts.next(), parts.next(), parts.next());
        self.params.iter().any(|p| match p.family() {
            None => p.name() == name,
            Some(f) => {
                family == Some(f)
                    && field == Some(p.field())
                    && mid.is_some_and(|m| {
                        crate::chars::is_digits(m)
                            && !m.starts_with('0')
                            && m.parse::<u32>()
                                .is_ok_and(|n| n >= 1 && n <= self.max_index(f).unwrap_or(0))
                    })
            }
        })
    }

    /// The parameters that belong to a family, in table order.
    pub fn members<'p>(&'p self, prefix: &'p str) -> impl Iterator<Item = &'static Param> + 'p {
        self.params
            .iter()
            .filter(move |p| p.family() == Some(prefix))
    }
}

/// A family of parameters numbered by `N`.
///
/// ```
/// let f = importimage_lint::profile::SPEC_2019.family("DiskDeviceMapping").unwrap();
/// assert_eq!((f.max, f.first_required), (17, true));
/// ```
///
/// Frozen: a table type, written as a struct literal by profile tables, so its fields
/// are added or changed only in a major release (see CHANGELOG.md).
#[derive(Debug, Clone, Copy)]
pub struct Family {
    /// The name before `.N.`.
    pub prefix: &'static str,
    /// The largest N (the smallest is 1).
    pub max: u32,
    /// Whether member N = 1 must always be present (the system disk).
    pub first_required: bool,
}

/// A condition between two parameters: when `when` has value `is`, `then` must be `must`;
/// an absent `then` takes `must` as its default.
///
/// ```
/// let r = &importimage_lint::profile::CURRENT.requires[0];
/// assert_eq!((r.when, r.is, r.then, r.must), ("Architecture", "arm64", "BootMode", "UEFI"));
/// ```
///
/// Frozen: a table type, written as a struct literal by profile tables, so its fields
/// are added or changed only in a major release (see CHANGELOG.md).
#[derive(Debug, Clone, Copy)]
pub struct Requirement {
    /// The name of the parameter that triggers the condition.
    pub when: &'static str,
    /// Its triggering value.
    pub is: &'static str,
    /// The name of the parameter that must follow.
    pub then: &'static str,
    /// The value it must have.
    pub must: &'static str,
}

/// What the RAM role of an import must be and allow.
///
/// ```
/// let role = &importimage_lint::profile::CURRENT.role;
/// assert_eq!(role.actions.len(), 3);
/// assert_eq!(role.service, "ecs.aliyuncs.com");
/// ```
///
/// Frozen: a table type, written as a struct literal by profile tables, so its fields
/// are added or changed only in a major release (see CHANGELOG.md).
#[derive(Debug, Clone, Copy)]
pub struct RoleRules {
    /// The role name the service assumes.
    pub name: &'static str,
    /// Whether the request's RoleName parameter may name another role.
    pub name_from_request: bool,
    /// The service principal that must be allowed to assume the role.
    pub service: &'static str,
    /// The action the trust policy must allow.
    pub assume_action: &'static str,
    /// The system policy that grants everything needed.
    pub system_policy: &'static str,
    /// The OSS actions needed, with what each needs as resource.
    pub actions: &'static [(&'static str, Resource)],
    /// System policies whose grants are known offline: name and the actions they allow on
    /// every resource.
    pub system_policies: &'static [(&'static str, &'static [&'static str])],
}

/// What an OSS action needs as its resource.
///
/// ```
/// use importimage_lint::profile::{Resource, SPEC_2019};
/// assert_eq!(SPEC_2019.role.actions[0], ("oss:GetObject", Resource::Object));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Resource {
    /// `acs:oss:*:*:bucket`.
    Bucket,
    /// `acs:oss:*:*:bucket/key`.
    Object,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name a table refers to exists, and every key is used at most once.
    #[test]
    fn tables_are_consistent() {
        for p in PROFILES {
            for r in p.requires {
                assert!(p.param(r.when).is_some(), "{}: {}", p.id, r.when);
                assert!(p.param(r.then).is_some(), "{}: {}", p.id, r.then);
            }
            for (i, x) in p.params.iter().enumerate() {
                assert!(
                    p.params[..i].iter().all(|y| y.name() != x.name()),
                    "{}: {} twice",
                    p.id,
                    x.name()
                );
                if let Some(k) = x.key() {
                    assert_eq!(p.index_of(k), Some(i), "{}: key {k:?} twice", p.id);
                }
                if let Some(f) = x.family() {
                    assert!(p.family(f).is_some(), "{}: family {f}", p.id);
                }
                if let Some(Deprecation { instead: Some(new) }) = x.deprecation() {
                    let family = x.family().unwrap_or_default();
                    assert!(
                        p.members(family).any(|m| m.field() == new),
                        "{}: {new}",
                        p.id
                    );
                }
            }
            assert!(p.keyed(Key::RegionId).is_some() && p.keyed(Key::DiskBucket).is_some());
        }
        assert_eq!(DEFAULT.id, PROFILES[0].id);
    }
}
