//! [`ImageMsg`]: the messages of the image rules, a part of [`super::Msg`].

use std::borrow::Cow;

use super::args::*;
use crate::image::Damage;

/// A message or help of the image rules.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub(crate) enum ImageMsg<'a> {
    ImageUnsupported {
        format: &'static str,
        disk: bool,
        profile: &'static str,
        allowed: Vec<&'static str>,
    },
    ImageUnsupportedHelp {
        archive: bool,
    },
    ImageFormatMismatch {
        name: Cow<'a, str>,
        given: &'a str,
        actual: &'static str,
    },
    ImageDepends {
        how: Dependency,
        file: &'a str,
    },
    ImageDependsHelp {
        format: &'static str,
    },
    ImageEncrypted,
    ImageEncryptedHelp,
    ImageTruncated {
        len: u64,
        need: u64,
    },
    ImageCorrupt,
    ImageDamagedHelp,
    ImageRawAlignment {
        len: u64,
    },
    ImageTooSmall {
        name: Cow<'a, str>,
        given: u64,
        need: u64,
        bytes: u64,
    },
    ImageTooSmallHelp {
        need: u64,
    },
    ImageSizeRange {
        need: u64,
        min: u64,
        max: u64,
        n: u32,
    },
    ImageSizeRangeHelp,
    ImageBootBios,
    ImageBootNoEfi {
        arm: bool,
    },
    ImageBootHelp,
    ImageExtension {
        object: &'a str,
        ext: &'a str,
        actual: &'static str,
    },
    ImageExtensionHelp {
        actual: &'static str,
    },
    RequestUnreadableForImage {
        reason: String,
    },
    /// What is wrong with the file; `len` is its length, `size` the guest disk's.
    ImageDamage {
        damage: Damage,
        len: u64,
    },
    /// The file could not be read far enough to tell what it is.
    ImageUnknown {
        read: u64,
    },
    /// The disk the image is checked against is not in the request (or is disk 0).
    NoSuchDisk {
        n: u32,
        disks: Vec<u32>,
    },
    NoSuchDiskHelp {
        disks: Vec<u32>,
    },
    /// The read bound stopped a check before it could be made (`complete: false`).
    ImageNotVerified,
    ImageNotVerifiedHelp,
}
