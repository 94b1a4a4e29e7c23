//! Rules across several requests linted together (a batch, several files, `--ndjson`).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::Checker;
use crate::diagnostic::{Data, Earlier, Finding};
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

/// What a batch remembers of the requests before: a 64-bit digest of each (RegionId,
/// ImageName) pair, with which request (its position in the batch) had it first and where.
/// Memory is a fixed 20 bytes per distinct pair (about 24 with the table's overhead),
/// however long the names. Two different pairs share a digest with a probability of about
/// n²/2⁶⁵ for n pairs (one in 36 million for a million pairs); a collision would cost one
/// false warning.
#[derive(Debug, Default)]
pub(crate) struct Seen {
    first: HashMap<u64, (u32, u32, u32)>,
    /// How many requests the batch has linted.
    pub count: u64,
}

fn digest(region: &str, name: &str) -> u64 {
    let mut h = DefaultHasher::new();
    (region, name).hash(&mut h);
    h.finish()
}

/// Records this request's (RegionId, ImageName) and warns when an earlier one had it; `src`
/// is the request's text, to say where its name is.
pub(crate) fn check<'e>(cx: &mut Checker<'_, 'e>, seen: &mut Seen, src: &str) {
    let index = u32::try_from(seen.count).unwrap_or(u32::MAX);
    let (Some(region), Some(entry)) = (
        cx.req.value(Key::RegionId, 0),
        cx.req.keyed(Key::ImageName, 0),
    ) else {
        return;
    };
    let Some(name) = entry.text() else { return };
    let key = digest(region, name);
    match seen.first.get(&key) {
        Some(&(request, line, column)) => {
            let earlier = Earlier {
                request: request.into(),
                line: line.into(),
                column: column.into(),
            };
            cx.push(
                Finding::new(
                    Rule::DuplicateImageName,
                    Msg::DuplicateName {
                        name,
                        region,
                        earlier: earlier.request,
                    },
                )
                .param(entry.name.to_cow())
                .span(entry.span())
                .help(Msg::DuplicateNameHelp)
                .data(Data {
                    earlier: Some(earlier),
                    ..Data::value(name)
                }),
            );
        }
        None => {
            let (line, column) = entry
                .span()
                .map_or((0, 0), |(at, _)| crate::chars::line_col(src, at));
            seen.first.insert(key, (index, line, column));
        }
    }
}
