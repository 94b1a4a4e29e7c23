//! Where a disk's image file lies: the OSS bucket and object of DiskDeviceMapping.N, and
//! the spec's rule that the bucket must be in the region the image is imported into.

use std::borrow::Cow;

use super::{example, Checker};
use crate::chars::{starts_with_ci, url_prefix};
use crate::diagnostic::{Data, Finding};
use crate::input::Entry;
use crate::message::{Located as Form, Msg};
use crate::profile::Key;
use crate::rule::{Rule, RuleDoc};

/// `oss-bucket-location`.
pub(crate) const BUCKET_LOCATION: RuleDoc = RuleDoc::new(
    "OSSBucket holds an oss:// URL, an endpoint host or a path instead of a bucket name.",
    "OSSBucket takes the bare bucket name and OSSObject the key; a URL in OSSBucket names no bucket, and the import fails after the upload.",
    &[r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "oss://ecsimageos/centos7.qcow2", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    &[example!()],
);

/// `oss-bucket-name`.
pub(crate) const BUCKET_NAME: RuleDoc = RuleDoc::new(
    "OSSBucket is not a name OSS allows: 3–63 lower-case letters, digits and hyphens, starting and ending with a letter or digit.",
    "No bucket can have such a name, so the image cannot be found.",
    &[r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ECS_Images", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    &[r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecs-images", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
);

/// `oss-region-mismatch`.
pub(crate) const REGION_MISMATCH: RuleDoc = RuleDoc::new(
    "The OSS endpoint written for a disk (in OSSBucket or OSSObject) names another region than RegionId.",
    "An image can only be imported from OSS in the same region; the service cannot read a bucket of another region.",
    &[r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos.oss-cn-beijing.aliyuncs.com", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    &[r#"{"RegionId": "cn-beijing", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
);

/// `oss-object-key`.
pub(crate) const OBJECT_KEY: RuleDoc = RuleDoc::new(
    "OSSObject is not an object key OSS allows (1–1023 bytes of UTF-8, not starting with `/` or `\\`), or is a URL; a URL naming another bucket than OSSBucket is an error without a fix.",
    "No object can have such a key, so the image cannot be found.",
    &[r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "/images/centos7.qcow2"}"#],
    &[r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "images/centos7.qcow2"}"#],
);

/// Whether OSS allows this bucket name.
pub(crate) fn bucket_name_ok(v: &str) -> bool {
    let b = v.as_bytes();
    (3..=63).contains(&b.len())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// What a location value that is not a bare name says: the bucket, the object key and
/// the region of an endpoint, where present.
struct Located<'v> {
    form: Form,
    bucket: &'v str,
    key: &'v str,
    region: Option<&'v str>,
}

fn locate(v: &str) -> Option<Located<'_>> {
    if starts_with_ci(v, "oss://") {
        let rest = &v[6..];
        let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
        return Some(Located {
            form: Form::OssUrl,
            bucket,
            key,
            region: None,
        });
    }
    let (rest, form) = match url_prefix(v) {
        Some(p) => (&v[p.len()..], Form::HttpUrl),
        None => (v, Form::Endpoint),
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let suffix = ".aliyuncs.com";
    let is_endpoint = host.len() > suffix.len()
        && host.as_bytes()[host.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes());
    if is_endpoint {
        // Byte offsets of `host` and its lower-case copy agree (ASCII letters only change).
        let lower = host.to_ascii_lowercase();
        let stem = &lower[..lower.len() - suffix.len()];
        let (bucket_len, endpoint_at) = match stem.split_once('.') {
            Some((b, _)) => (b.len(), b.len() + 1),
            None => (0, 0),
        };
        if let Some(region) = stem[endpoint_at..].strip_prefix("oss-") {
            let region = region.strip_suffix("-internal").unwrap_or(region);
            let at = endpoint_at + 4;
            let region = host
                .get(at..at + region.len())
                .filter(|r| super::region::well_formed(r));
            return Some(if bucket_len > 0 {
                Located {
                    form,
                    bucket: &host[..bucket_len],
                    key: path,
                    region,
                }
            } else {
                let (bucket, key) = path.split_once('/').unwrap_or((path, ""));
                Located {
                    form,
                    bucket,
                    key,
                    region,
                }
            });
        }
    }
    if form == Form::HttpUrl {
        return Some(Located {
            form: Form::OtherUrl,
            bucket: "",
            key: path,
            region: None,
        });
    }
    let (bucket, key) = v.split_once('/')?;
    Some(Located {
        form: Form::Path,
        bucket,
        key,
        region: None,
    })
}

/// Reports an endpoint written for disk N whose region is not RegionId; true if it did.
fn region_mismatch<'e>(
    cx: &mut Checker<'_, 'e>,
    e: &'e Entry<'e>,
    region: Option<&'e str>,
) -> bool {
    let (Some(region), Some(want)) = (region, cx.req.value(Key::RegionId, 0)) else {
        return false;
    };
    if region == want {
        return false;
    }
    cx.push(
        Finding::new(
            Rule::OssRegionMismatch,
            Msg::OssRegion {
                name: e.name.to_cow(),
                region,
                want,
            },
        )
        .param(e.name.to_cow())
        .also(
            cx.profile
                .keyed(Key::RegionId)
                .map_or("RegionId", |p| p.name()),
        )
        .span(e.span())
        .help(Msg::OssRegionHelp { region, want })
        .data(Data {
            value: Some(region.to_owned()),
            expected: Some(want.to_owned()),
            ..Data::default()
        }),
    );
    true
}

pub(crate) fn check_bucket<'e>(cx: &mut Checker<'_, 'e>, e: &'e Entry<'e>, v: &'e str, n: u32) {
    let object = cx.req.value(Key::DiskObject, n);
    if let Some(loc) = locate(v) {
        let mut f = Finding::new(
            Rule::OssBucketLocation,
            Msg::BucketLocation {
                name: e.name.to_cow(),
                form: loc.form,
                value: v,
            },
        )
        .param(e.name.to_cow())
        .span(e.span())
        .data(Data::value(v).expected(loc.bucket));
        let mismatch = region_mismatch(cx, e, loc.region);
        // Certain only when nothing is lost: the URL's key is empty or the disk's own key,
        // and no region mismatch would vanish with the endpoint.
        let key_kept = loc.key.is_empty()
            || object.map(|o| o.trim_start_matches(['/', '\\'])) == Some(loc.key);
        let object_name = || {
            Cow::Owned(format!(
                "{}.{n}.OSSObject",
                e.name.head.split('.').next().unwrap_or_default()
            ))
        };
        f = if bucket_name_ok(loc.bucket) && !mismatch && key_kept {
            f.help(Msg::SetBucket {
                name: e.name.to_cow(),
                bucket: loc.bucket,
                object: None,
            })
            .fix(loc.bucket)
        } else if bucket_name_ok(loc.bucket) {
            let key = (!loc.key.is_empty()).then(|| (object_name(), loc.key));
            f.help(Msg::SetBucket {
                name: e.name.to_cow(),
                bucket: loc.bucket,
                object: key,
            })
        } else {
            f.help(Msg::BucketAlone {
                object: object_name(),
            })
        };
        cx.push(f);
        return;
    }
    if !bucket_name_ok(v) {
        let trimmed = v.trim();
        let mut f = Finding::new(
            Rule::OssBucketName,
            Msg::BadBucket {
                name: e.name.to_cow(),
                value: v,
            },
        )
        .param(e.name.to_cow())
        .span(e.span())
        .data(Data::value(v).range(3, 63, Some(v.len() as u64), "bytes"));
        f = if trimmed != v && bucket_name_ok(trimmed) {
            f.help(Msg::RemoveWhitespace { value: trimmed })
                .fix(trimmed)
        } else {
            f.help(Msg::BucketHelp)
        };
        cx.push(f);
    }
}

pub(crate) fn check_object<'e>(cx: &mut Checker<'_, 'e>, e: &'e Entry<'e>, v: &'e str, n: u32) {
    let data = || Data::value(v).range(1, 1023, Some(v.len() as u64), "bytes");
    let at = |f: Finding<'e>| f.param(e.name.to_cow()).span(e.span()).data(data());
    if starts_with_ci(v, "oss://") || url_prefix(v).is_some() {
        let loc = locate(v);
        let key = loc.as_ref().map_or("", |l| l.key);
        let url_bucket = loc.as_ref().map_or("", |l| l.bucket);
        let bucket = cx.req.value(Key::DiskBucket, n);
        let mismatch = region_mismatch(cx, e, loc.as_ref().and_then(|l| l.region));
        if !url_bucket.is_empty() && bucket.is_some_and(|b| b != url_bucket) {
            cx.push(
                at(Finding::new(
                    Rule::OssObjectKey,
                    Msg::ObjectUrlOtherBucket {
                        name: e.name.to_cow(),
                        bucket: url_bucket,
                        given: bucket.unwrap_or_default(),
                    },
                ))
                .help(Msg::ObjectUrlOtherBucketHelp),
            );
            return;
        }
        let mut f = at(Finding::new(
            Rule::OssObjectKey,
            Msg::ObjectUrl {
                name: e.name.to_cow(),
                value: v,
            },
        ));
        f = if !key.is_empty() && !key.starts_with(['/', '\\']) && key.len() <= 1023 && !mismatch {
            f.help(Msg::WriteKeyAlone { key }).fix(key)
        } else {
            f.help(Msg::ObjectKeyHelp)
        };
        cx.push(f);
        return;
    }
    if v.len() > 1023 {
        cx.push(at(Finding::new(
            Rule::OssObjectKey,
            Msg::ObjectTooLong {
                name: e.name.to_cow(),
                len: v.len(),
            },
        )));
    }
    if v.starts_with(['/', '\\']) {
        let stripped = v.trim_start_matches(['/', '\\']);
        let mut f = at(Finding::new(
            Rule::OssObjectKey,
            Msg::ObjectLeadingSlash {
                name: e.name.to_cow(),
                value: v,
            },
        ));
        if !stripped.is_empty() && stripped.len() <= 1023 {
            f = f.help(Msg::DropSeparator { key: stripped }).fix(stripped);
        }
        cx.push(f);
    }
}

/// The JSON Schema of a bucket name, as [`bucket_name_ok`] judges it.
pub(crate) fn bucket_schema(p: &crate::profile::Param) -> crate::schema::Schema {
    crate::schema::Schema::pattern(
        "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$",
        format!(
            "{} is a bucket name: 3–63 lower-case letters, digits and hyphens, starting and ending with a letter or digit; not an endpoint or a URL ({}, {})",
            p.name(),
            crate::rule::Rule::OssBucketName.id(),
            crate::rule::Rule::OssBucketLocation.id()
        ),
    )
}

/// The JSON Schema of an object key: 1 to 1023 characters (bytes, for the linter), not
/// starting with `/` or `\\`, not a URL.
pub(crate) fn object_schema(p: &crate::profile::Param) -> crate::schema::Schema {
    use crate::schema::{any_case, Schema};
    let rule = p.rule().id();
    let url = format!("^(?:{}|{}[Ss]?)://", any_case("oss"), any_case("http"));
    Schema::all(vec![
        Schema {
            min_length: Some(1),
            max_length: Some(1023),
            error_message: Some(format!(
                "{} is an object key of 1 to 1023 bytes ({rule})",
                p.name()
            )),
            ..Schema::pattern(
                "^[^/\\\\]",
                format!("{} must not start with / or \\ ({rule})", p.name()),
            )
        },
        Schema::not(
            Schema::pattern(url, "a URL"),
            format!(
                "{} is the object's key inside the bucket, not a URL ({rule})",
                p.name()
            ),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use crate::{lint_json, Rule};

    fn bucket(b: &str, region: &str) -> crate::Report {
        lint_json(&format!(
            r#"{{"RegionId": "{region}", "DiskDeviceMapping.1.OSSBucket": "{b}", "DiskDeviceMapping.1.OSSObject": "a.raw"}}"#
        ))
    }

    #[test]
    fn endpoint_forms_are_split_and_compared() {
        for (v, fix) in [
            ("oss://ecsimageos/a.raw", Some("ecsimageos")),
            (
                "https://ecsimageos.oss-cn-hangzhou.aliyuncs.com/a.raw",
                Some("ecsimageos"),
            ),
            (
                "ecsimageos.oss-cn-hangzhou-internal.aliyuncs.com",
                Some("ecsimageos"),
            ),
            (
                "https://oss-cn-hangzhou.aliyuncs.com/ecsimageos/a.raw",
                Some("ecsimageos"),
            ),
            ("ecsimageos/dir/a.raw", None),
            ("oss://ecsimageos/other.raw", None),
        ] {
            let r = bucket(v, "cn-hangzhou");
            let d = r
                .diagnostics
                .iter()
                .find(|d| d.rule == Rule::OssBucketLocation)
                .unwrap_or_else(|| panic!("{v}: {r:#?}"));
            assert_eq!(d.fix.as_deref(), fix, "{v}");
            assert!(
                !r.has(Rule::OssRegionMismatch, "DiskDeviceMapping.1.OSSBucket"),
                "{v}"
            );
        }
    }

    #[test]
    fn another_region_is_an_error_without_a_fix() {
        let r = bucket("ecsimageos.oss-cn-beijing.aliyuncs.com", "cn-hangzhou");
        assert!(r.has(Rule::OssRegionMismatch, "DiskDeviceMapping.1.OSSBucket"));
        assert!(r.diagnostics.iter().all(|d| d.fix.is_none()), "{r:#?}");
    }

    #[test]
    fn object_url_naming_another_bucket_or_region() {
        let obj = |o: &str| {
            lint_json(&format!(
                r#"{{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "{o}"}}"#
            ))
        };
        let r = obj("oss://other-bucket/a.raw");
        assert!(r.has(Rule::OssObjectKey, "DiskDeviceMapping.1.OSSObject"));
        assert!(r.diagnostics.iter().all(|d| d.fix.is_none()), "{r:#?}");
        let r = obj("https://ecsimageos.oss-cn-beijing.aliyuncs.com/a.raw");
        assert!(
            r.has(Rule::OssRegionMismatch, "DiskDeviceMapping.1.OSSObject"),
            "{r:#?}"
        );
        assert!(r.diagnostics.iter().all(|d| d.fix.is_none()), "{r:#?}");
        let r = obj("oss://ecsimageos/images/a.raw");
        assert_eq!(r.diagnostics[0].fix.as_deref(), Some("images/a.raw"));
    }

    #[test]
    fn bucket_names() {
        for ok in ["abc", "ecs-images-2", "a1b"] {
            assert!(super::bucket_name_ok(ok), "{ok}");
        }
        for bad in ["ab", "-abc", "abc-", "ABC", "a_b_c", &"a".repeat(64)] {
            assert!(!super::bucket_name_ok(bad), "{bad}");
        }
    }
}
