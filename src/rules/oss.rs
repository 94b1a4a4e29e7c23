//! Where a disk's image file lies: the OSS bucket and object of DiskDeviceMapping.N, and
//! the spec's rule that the bucket must be in the region the image is imported into.

use super::{Rule, RuleMeta, Subject};
use crate::input::Entry;
use crate::lint::{diag, Cx};
use crate::report::{Data, Severity};
use crate::text::{show, starts_with_ci, url_prefix};

/// `oss-bucket-location`.
pub const BUCKET_LOCATION: RuleMeta = RuleMeta {
    id: "oss-bucket-location",
    severity: Severity::Error,
    summary: "OSSBucket holds an oss:// URL, an endpoint host or a path instead of a bucket name.",
    why: "OSSBucket takes the bare bucket name and OSSObject the key; a URL in OSSBucket names no bucket, and the import fails after the upload.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "oss://ecsimageos/centos7.qcow2", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `oss-bucket-name`.
pub const BUCKET_NAME: RuleMeta = RuleMeta {
    id: "oss-bucket-name",
    severity: Severity::Error,
    summary: "OSSBucket is not a name OSS allows: 3–63 lower-case letters, digits and hyphens, starting and ending with a letter or digit.",
    why: "No bucket can have such a name, so the image cannot be found.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ECS_Images", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecs-images", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `oss-region-mismatch`.
pub const REGION_MISMATCH: RuleMeta = RuleMeta {
    id: "oss-region-mismatch",
    severity: Severity::Error,
    summary: "The OSS endpoint written for a disk names another region than RegionId.",
    why: "An image can only be imported from OSS in the same region; the service cannot read a bucket of another region.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos.oss-cn-beijing.aliyuncs.com", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![r#"{"RegionId": "cn-beijing", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `oss-object-key`.
pub const OBJECT_KEY: RuleMeta = RuleMeta {
    id: "oss-object-key",
    severity: Severity::Error,
    summary: "OSSObject is not an object key OSS allows: 1–1023 bytes of UTF-8, not starting with `/` or `\\`, and not a URL.",
    why: "No object can have such a key, so the image cannot be found.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "/images/centos7.qcow2"}"#],
    good: examples![r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "images/centos7.qcow2"}"#],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// Whether OSS allows this bucket name.
pub(crate) fn bucket_name_ok(v: &str) -> bool {
    let b = v.as_bytes();
    (3..=63).contains(&b.len())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// What an OSSBucket value that is not a bare name says: the bucket, the object key and
/// the region of an endpoint, where present.
struct Located<'v> {
    form: &'static str,
    bucket: &'v str,
    key: &'v str,
    region: Option<&'v str>,
}

fn locate(v: &str) -> Option<Located<'_>> {
    if starts_with_ci(v, "oss://") {
        let rest = &v[6..];
        let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
        return Some(Located {
            form: "an oss:// URL",
            bucket,
            key,
            region: None,
        });
    }
    let (rest, form) = match url_prefix(v) {
        Some(p) => (&v[p.len()..], "an OSS URL"),
        None => (v, "an OSS endpoint host"),
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let suffix = ".aliyuncs.com";
    let is_endpoint = host.len() > suffix.len()
        && host.as_bytes()[host.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes());
    // Lower-cased only when it is an endpoint: a bare bucket name costs no allocation.
    let lower = if is_endpoint {
        host.to_ascii_lowercase()
    } else {
        String::new()
    };
    if let Some(stem) = lower.strip_suffix(".aliyuncs.com") {
        let (bucket_len, endpoint_at) = match stem.split_once('.') {
            Some((b, _)) => (b.len(), b.len() + 1),
            None => (0, 0),
        };
        if let Some(region) = stem[endpoint_at..].strip_prefix("oss-") {
            let region = region.strip_suffix("-internal").unwrap_or(region);
            // `lower` is `host` with ASCII letters lowered, so byte offsets agree.
            let at = endpoint_at + 4;
            let region = host
                .get(at..at + region.len())
                .filter(|r| crate::rules::region::well_formed(r));
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
    if form == "an OSS URL" {
        return Some(Located {
            form: "a URL",
            bucket: "",
            key: path,
            region: None,
        });
    }
    if let Some((bucket, key)) = v.split_once('/') {
        return Some(Located {
            form: "a path",
            bucket,
            key,
            region: None,
        });
    }
    None
}

pub(crate) fn check_bucket(cx: &mut Cx<'_, '_, '_>, e: &Entry<'_>, v: &str) {
    if let Some(loc) = locate(v) {
        let n = e.name.split('.').nth(1).unwrap_or("1");
        let object_param = format!("DiskDeviceMapping.{n}.OSSObject");
        let mut d = diag(
            Rule::OssBucketLocation,
            format!(
                "{} holds {} ({}), but it takes a bucket name only",
                e.name,
                loc.form,
                show(v)
            ),
        )
        .on(e)
        .data(Data {
            value: Some(v.chars().take(160).collect()),
            expected: Some(loc.bucket.to_owned()),
            ..Data::default()
        });
        if bucket_name_ok(loc.bucket) {
            let key_help = if loc.key.is_empty() {
                String::new()
            } else {
                format!(" and {object_param} to {}", show(loc.key))
            };
            d = d
                .help(format!("set {} to {}{key_help}", e.name, loc.bucket))
                .fix(loc.bucket);
        } else {
            d = d.help(format!(
                "write the bucket's name alone, and the object key in {object_param}"
            ));
        }
        cx.push(d);
        if let (Some(region), Some(want)) = (loc.region, cx.req.value("RegionId", 0)) {
            if region != want {
                cx.push(
                    diag(Rule::OssRegionMismatch, format!("{} points at OSS in {region}, but RegionId is {want}", e.name))
                        .on(e)
                        .help(format!("images are imported from OSS of the same region: import into {region}, or copy the image into a bucket in {want}"))
                        .data(Data { value: Some(region.to_owned()), expected: Some(want.to_owned()), ..Data::default() }),
                );
            }
        }
        return;
    }
    if !bucket_name_ok(v) {
        let trimmed = v.trim();
        let mut d = diag(
            Rule::OssBucketName,
            format!("{} {} is not a valid OSS bucket name", e.name, show(v)),
        )
        .on(e)
        .data(Data {
            value: Some(v.chars().take(160).collect()),
            min: Some(3),
            max: Some(63),
            actual: Some(v.len() as u64),
            unit: Some("bytes"),
            ..Data::default()
        });
        if trimmed != v && bucket_name_ok(trimmed) {
            d = d
                .help(format!("remove the whitespace: {trimmed}"))
                .fix(trimmed);
        } else {
            d = d.help("bucket names are 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit");
        }
        cx.push(d);
    }
}

pub(crate) fn check_object(cx: &mut Cx<'_, '_, '_>, e: &Entry<'_>, v: &str) {
    let data = || Data {
        value: Some(v.chars().take(160).collect()),
        min: Some(1),
        max: Some(1023),
        actual: Some(v.len() as u64),
        unit: Some("bytes"),
        ..Data::default()
    };
    if starts_with_ci(v, "oss://") || url_prefix(v).is_some() {
        let key = locate(v).map(|l| l.key).unwrap_or_default();
        let mut d = diag(
            Rule::OssObjectKey,
            format!(
                "{} holds a URL ({}), but it takes the object key only",
                e.name,
                show(v)
            ),
        )
        .on(e)
        .data(data());
        if !key.is_empty() && !key.starts_with(['/', '\\']) && key.len() <= 1023 {
            d = d
                .help(format!("write the key alone: {}", show(key)))
                .fix(key);
        } else {
            d = d.help("write the object's key, such as images/centos7.qcow2");
        }
        cx.push(d);
        return;
    }
    if v.len() > 1023 {
        cx.push(
            diag(
                Rule::OssObjectKey,
                format!(
                    "{} is {} bytes long; object keys hold at most 1023",
                    e.name,
                    v.len()
                ),
            )
            .on(e)
            .data(data()),
        );
    }
    if v.starts_with(['/', '\\']) {
        let stripped = v.trim_start_matches(['/', '\\']);
        let mut d = diag(
            Rule::OssObjectKey,
            format!(
                "{} {} starts with {}; object keys never do",
                e.name,
                show(v),
                &v[..1]
            ),
        )
        .on(e)
        .data(data());
        if !stripped.is_empty() {
            d = d
                .help(format!("drop the leading separator: {}", show(stripped)))
                .fix(stripped);
        }
        cx.push(d);
    }
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
            ("oss://ecsimageos/a.raw", "ecsimageos"),
            (
                "https://ecsimageos.oss-cn-hangzhou.aliyuncs.com/a.raw",
                "ecsimageos",
            ),
            (
                "ecsimageos.oss-cn-hangzhou-internal.aliyuncs.com",
                "ecsimageos",
            ),
            (
                "https://oss-cn-hangzhou.aliyuncs.com/ecsimageos/a.raw",
                "ecsimageos",
            ),
            ("ecsimageos/dir/a.raw", "ecsimageos"),
        ] {
            let r = bucket(v, "cn-hangzhou");
            let d = r
                .diagnostics
                .iter()
                .find(|d| d.rule == Rule::OssBucketLocation)
                .unwrap_or_else(|| panic!("{v}: {r:#?}"));
            assert_eq!(d.fix.as_deref(), Some(fix), "{v}");
            assert!(
                !r.has(Rule::OssRegionMismatch, "DiskDeviceMapping.1.OSSBucket"),
                "{v}"
            );
        }
        let r = bucket("ecsimageos.oss-cn-beijing.aliyuncs.com", "cn-hangzhou");
        assert!(r.has(Rule::OssRegionMismatch, "DiskDeviceMapping.1.OSSBucket"));
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
