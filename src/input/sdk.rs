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
    let segments = || {
        PROFILES
            .iter()
            .flat_map(|p| p.params.iter())
            .flat_map(|p| p.name().split('.'))
            .filter(|s| *s != "N")
    };
    if let Some(known) = segments().find(|s| *s == key) {
        return Some(known);
    }
    if !key.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    segments().find(|s| typescript(s, key) || java(s, key))
}

/// The TypeScript SDK's field name: the first letter lower-cased when a lower-case letter
/// follows it (`RegionId` → `regionId`, `OSType` stays).
fn typescript(api: &str, field: &str) -> bool {
    let (a, f) = (api.as_bytes(), field.as_bytes());
    a.len() == f.len()
        && a.len() >= 2
        && a[1].is_ascii_lowercase()
        && a[0].to_ascii_lowercase() == f[0]
        && a[1..] == f[1..]
}

/// The Java SDK's field name: the leading run of capitals lower-cased, except its last
/// letter when a lower-case letter follows (`OSSBucket` → `ossBucket`).
fn java(api: &str, field: &str) -> bool {
    if api.len() != field.len() {
        return false;
    }
    let p = api.as_bytes();
    let run = p.iter().take_while(|b| b.is_ascii_uppercase()).count();
    let lower = if run > 1 && run < p.len() {
        run - 1
    } else {
        run
    };
    p.iter()
        .zip(field.as_bytes())
        .enumerate()
        .all(|(i, (a, b))| {
            if i < lower {
                a.to_ascii_lowercase() == *b
            } else {
                a == b
            }
        })
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
    }

    #[test]
    fn containers_are_known() {
        assert_eq!(container("DiskDeviceMapping"), Some(Numbered::Yes));
        assert_eq!(container("Tag"), Some(Numbered::Yes));
        assert_eq!(container("Features"), Some(Numbered::No));
        assert_eq!(container("ImageName"), None);
    }
}
