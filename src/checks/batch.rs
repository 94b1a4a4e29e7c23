//! Rules across several requests linted together (a batch, several files, `--ndjson`).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::Checker;
use crate::diagnostic::{Data, Finding};
use crate::message::Msg;
use crate::profile::Key;
use crate::rule::{Rule, RuleDoc};

/// `duplicate-image-name`.
pub(crate) const DUPLICATE_IMAGE_NAME: RuleDoc = RuleDoc::new(
    "Two requests linted together import images of the same ImageName into the same region.",
    "Image names are unique per region and account: the second import would be refused with InvalidImageName.Duplicated.",
    &[
        r#"{"RegionId": "cn-hangzhou", "ImageName": "centos-7", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
        r#"{"RegionId": "cn-hangzhou", "ImageName": "centos-7", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7-v2.qcow2"}"#,
    ],
    &[
        r#"{"RegionId": "cn-hangzhou", "ImageName": "centos-7", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
        r#"{"RegionId": "cn-hangzhou", "ImageName": "centos-7-v2", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7-v2.qcow2"}"#,
    ],
);

/// What a batch remembers of the requests before: a 128-bit digest of each (RegionId,
/// ImageName) pair, and which request (by its position in the batch) had it first. Memory
/// is a fixed 24 bytes or so per distinct pair, however long the names; two different
/// pairs share a digest with a probability near 2⁻¹²⁸ per pair, which would cost one
/// false warning.
#[derive(Debug, Default)]
pub(crate) struct Seen {
    first: HashMap<u128, u64>,
    /// How many requests the batch has linted.
    pub count: u64,
}

fn digest(region: &str, name: &str) -> u128 {
    let half = |salt: u8| {
        let mut h = DefaultHasher::new();
        (salt, region, name).hash(&mut h);
        h.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

/// Records this request's (RegionId, ImageName) and warns when an earlier one had it.
pub(crate) fn check<'e>(cx: &mut Checker<'_, 'e>, seen: &mut Seen) {
    let index = seen.count;
    let (Some(region), Some(entry)) = (
        cx.req.value(Key::RegionId, 0),
        cx.req.keyed(Key::ImageName, 0),
    ) else {
        return;
    };
    let Some(name) = entry.text() else { return };
    match seen.first.get(&digest(region, name)) {
        Some(&earlier) => cx.push(
            Finding::new(
                Rule::DuplicateImageName,
                Msg::DuplicateName {
                    name,
                    region,
                    earlier,
                },
            )
            .param(entry.name.to_cow())
            .span(entry.span())
            .help(Msg::DuplicateNameHelp)
            .data(Data {
                earlier: Some(earlier),
                ..Data::value(name)
            }),
        ),
        None => {
            seen.first.insert(digest(region, name), index);
        }
    }
}
