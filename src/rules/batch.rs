//! Rules across several requests linted together (a batch, several files, `--ndjson`).

use std::collections::HashSet;

use super::{Rule, RuleMeta, Subject};
use crate::lint::{diag, Cx};
use crate::report::{Data, Severity};

/// `duplicate-image-name`.
pub const DUPLICATE_IMAGE_NAME: RuleMeta = RuleMeta {
    id: "duplicate-image-name",
    severity: Severity::Warning,
    summary: "Two requests linted together import images of the same ImageName into the same region.",
    why: "Image names are unique per region and account: the second import would be refused with InvalidImageName.Duplicated.",
    bad: examples![
        r#"{"RegionId": "cn-hangzhou", "ImageName": "centos-7", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
        r#"{"RegionId": "cn-hangzhou", "ImageName": "centos-7", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7-v2.qcow2"}"#,
    ],
    good: examples![
        r#"{"RegionId": "cn-hangzhou", "ImageName": "centos-7", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
        r#"{"RegionId": "cn-hangzhou", "ImageName": "centos-7-v2", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7-v2.qcow2"}"#,
    ],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// Records this request's (RegionId, ImageName) and warns when an earlier one had it.
pub(crate) fn check(cx: &mut Cx<'_, '_, '_>, seen: &mut HashSet<String>) {
    let (Some(region), Some(entry)) = (cx.req.value("RegionId", 0), cx.req.get("ImageName", 0))
    else {
        return;
    };
    let Some(name) = entry.str() else { return };
    let key = format!("{region}\n{name}");
    if seen.contains(&key) {
        cx.push(
            diag(
                Rule::DuplicateImageName,
                format!(
                    "an earlier request already imports an image named {} into {region}",
                    crate::text::show(name)
                ),
            )
            .on(entry)
            .help("give each image a distinct name, such as one with a version suffix")
            .data(Data {
                value: Some(name.to_owned()),
                ..Data::default()
            }),
        );
    } else {
        seen.insert(key);
    }
}
