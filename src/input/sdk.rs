//! The names SDK models give parameters, mapped to the API's names.
//!
//! Only objects that are SDK models are read this way: the members of nested objects
//! (each disk of `DiskDeviceMapping`, each `Tag`, `Features`), and the top level of a
//! JSON document written as a model (no flat dotted key). The service's names are
//! case-sensitive: a flat JSON key or a query key is never mapped.

use crate::profile::PROFILES;

/// The API's name for one segment of a key written by an SDK model: itself when it is an
/// API name, else the name whose TypeScript model field (`regionId`, `diskImageSize`,
/// `format`; the TypeScript models keep `OSSBucket`, `OSSObject`, `OSType`) or Java model
/// field (`ossBucket`, `osType`) it is.
pub(crate) fn api_name(key: &str) -> Option<&'static str> {
    static TABLE: std::sync::OnceLock<crate::lookup::Map<String, &'static str>> =
        std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| spellings().into_iter().collect())
        .get(key)
        .copied()
}

/// The SDK spellings that a model object maps to `api` (`regionId` for `RegionId`,
/// `ossBucket` for `OSSBucket`), without `api` itself; the schema offers them as aliases.
pub(crate) fn spellings_of(api: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in [typescript_spelling(api), java_spelling(api)] {
        if s != api && api_name(&s) == Some(api) && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// Every segment of every profile's parameter names, and each SDK spelling of it. Where
/// two names share a spelling, the API name itself wins, then the first name in table order.
fn spellings() -> Vec<(String, &'static str)> {
    {
        let segments: Vec<&'static str> = PROFILES
            .iter()
            .flat_map(|p| p.params.iter())
            .flat_map(|p| p.name().split('.'))
            .filter(|s| *s != "N")
            .collect();
        let mut table: Vec<(String, &'static str)> = Vec::new();
        let mut add = |spelling: String, api: &'static str| {
            if !table.iter().any(|(s, _)| *s == spelling) {
                table.push((spelling, api));
            }
        };
        for &s in &segments {
            add(s.to_owned(), s);
        }
        for &s in &segments {
            add(typescript_spelling(s), s);
            add(java_spelling(s), s);
        }
        table
    }
}

/// The TypeScript SDK's field name: the first letter lower-cased when a lower-case letter
/// follows it (`RegionId` → `regionId`, `OSType` stays).
fn typescript_spelling(api: &str) -> String {
    let a = api.as_bytes();
    if a.len() >= 2 && a[1].is_ascii_lowercase() {
        let mut s = api.to_owned();
        s[..1].make_ascii_lowercase();
        s
    } else {
        api.to_owned()
    }
}

/// The Java SDK's field name: the leading run of capitals lower-cased, except its last
/// letter when a lower-case letter follows (`OSSBucket` → `ossBucket`).
fn java_spelling(api: &str) -> String {
    let p = api.as_bytes();
    let run = p.iter().take_while(|b| b.is_ascii_uppercase()).count();
    let lower = if run > 1 && run < p.len() {
        run - 1
    } else {
        run
    };
    let mut s = api.to_owned();
    s[..lower].make_ascii_lowercase();
    s
}

/// Whether a name is a container of parameters (`DiskDeviceMapping`, `Tag`, `Features`)
/// in some profile, and whether its members are numbered (a family) or named (a group).
pub(crate) fn container(name: &str) -> Option<Numbered> {
    PROFILES
        .iter()
        .flat_map(|p| p.params.iter())
        .find(|p| {
            p.group()
                .is_some_and(|g| g.len() == name.len() && g == name)
        })
        .map(|p| {
            if p.family() == Some(name) {
                Numbered::Yes
            } else {
                Numbered::No
            }
        })
}

/// Whether a container's members are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numbered {
    Yes,
    No,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_names_map_to_api_names() {
        assert_eq!(api_name("regionId"), Some("RegionId"));
        assert_eq!(api_name("OSSBucket"), Some("OSSBucket"));
        assert_eq!(api_name("ossBucket"), Some("OSSBucket"));
        assert_eq!(api_name("OSType"), Some("OSType"));
        assert_eq!(api_name("osType"), Some("OSType"));
        assert_eq!(api_name("diskDeviceMapping"), Some("DiskDeviceMapping"));
        assert_eq!(api_name("diskImageSize"), Some("DiskImageSize"));
        assert_eq!(api_name("format"), Some("Format"));
        assert_eq!(api_name("imdsSupport"), Some("ImdsSupport"));
        assert_eq!(api_name("imagename"), None);
        assert_eq!(api_name("IMAGENAME"), None);
        assert_eq!(spellings_of("OSSBucket"), ["ossBucket"]);
        assert_eq!(spellings_of("DiskImageSize"), ["diskImageSize"]);
        assert_eq!(spellings_of("OSType"), ["osType"]);
    }

    #[test]
    fn containers_are_known() {
        assert_eq!(container("DiskDeviceMapping"), Some(Numbered::Yes));
        assert_eq!(container("Tag"), Some(Numbered::Yes));
        assert_eq!(container("Features"), Some(Numbered::No));
        assert_eq!(container("ImageName"), None);
    }
}
