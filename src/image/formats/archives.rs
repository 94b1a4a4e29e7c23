//! Compressed files and archives, which the service does not import as disks: gzip, xz,
//! zstd, bzip2 and zip by their magic, tar by its `ustar` mark, and an OVF package (a tar
//! archive whose first member is an `.ovf` descriptor). Only named.

use super::{named, starts, Identified};
use crate::image::ImageFormat;

/// The archive the file's first 4 KB show, if any.
pub(super) fn by_header(head: &[u8], len: u64) -> Option<Identified> {
    for (magic, format) in [
        (&b"\x1f\x8b"[..], ImageFormat::Gzip),
        (b"\xfd7zXZ\x00", ImageFormat::Xz),
        (b"\x28\xb5\x2f\xfd", ImageFormat::Zstd),
        (b"BZh", ImageFormat::Bzip2),
        (b"PK\x03\x04", ImageFormat::Zip),
    ] {
        if starts(head, magic) {
            return Some(named(format, len, None));
        }
    }
    if head.get(257..262) == Some(b"ustar") {
        let name = &head[..100];
        let name = &name[..name.iter().position(|&b| b == 0).unwrap_or(100)];
        let ova = name.to_ascii_lowercase().ends_with(b".ovf");
        return Some(named(
            if ova {
                ImageFormat::Ova
            } else {
                ImageFormat::Tar
            },
            len,
            None,
        ));
    }
    None
}
