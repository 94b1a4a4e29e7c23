//! Disk formats the service does not import — VDI, QED, Parallels, the legacy qcow, LUKS,
//! cloop, Bochs, DMG — and ISO 9660 CD images: recognised by the magic qemu probes for, and
//! only named (with the virtual size their header states).

use super::{be, le, named, starts, Identified, R};
use crate::image::{ImageFacts, ImageFormat, View};

/// The legacy qcow (version 1): another header than qcow2's.
pub(super) fn qcow(view: &View<'_>, head: &[u8]) -> R<Identified> {
    let len = view.len();
    let mut f = ImageFacts::new(ImageFormat::Qcow, len);
    f.virtual_size = Some(be(head, 24, 8));
    f.encrypted = be(head, 36, 4) != 0;
    let (at, n) = (be(head, 8, 8), be(head, 16, 4).min(1023));
    if at != 0 && n > 0 {
        let name = view.bytes(at, n as usize)?;
        f.backing_file = Some(String::from_utf8_lossy(name).into_owned());
    }
    Ok((f, None, None))
}

/// QED, VDI, Parallels, LUKS, cloop and Bochs, from the file's first 4 KB, in that order.
pub(super) fn by_header(head: &[u8], len: u64) -> Option<Identified> {
    if starts(head, b"QED\0") {
        return Some(named(ImageFormat::Qed, len, Some(le(head, 48, 8))));
    }
    if le(head, 0x40, 4) == 0xbeda_107f {
        return Some(named(
            ImageFormat::Vdi,
            len,
            Some(le(head, 0x170, 8).div_ceil(512).saturating_mul(512)),
        ));
    }
    let new_parallels = starts(head, b"WithouFreSpacExt");
    if (new_parallels || starts(head, b"WithoutFreeSpace")) && le(head, 16, 4) == 2 {
        let sectors = le(head, 36, 8);
        let sectors = if new_parallels {
            sectors
        } else {
            sectors & 0xffff_ffff
        };
        return Some(named(
            ImageFormat::Parallels,
            len,
            Some(sectors.saturating_mul(512)),
        ));
    }
    if starts(head, b"LUKS\xba\xbe") {
        let mut f = ImageFacts::new(ImageFormat::Luks, len);
        f.encrypted = true;
        if be(head, 6, 2) == 1 {
            // LUKS1: the payload follows the header and key material.
            f.virtual_size = Some(len.saturating_sub(be(head, 104, 4).saturating_mul(512)));
        }
        return Some((f, None, None));
    }
    if starts(head, b"#!/bin/sh\n#V2.0 Format\nmodprobe cloop file=$0") {
        return Some(named(
            ImageFormat::Cloop,
            len,
            Some(be(head, 128, 4).saturating_mul(be(head, 132, 4))),
        ));
    }
    if starts(head, b"Bochs Virtual HD Image") && head.get(32..39) == Some(b"Redolog") {
        let at = if le(head, 64, 4) == 0x0001_0000 {
            84
        } else {
            88
        };
        return Some(named(ImageFormat::Bochs, len, Some(le(head, at, 8))));
    }
    None
}

/// An Apple disk image, from the file's last 512 bytes.
pub(super) fn by_footer(footer: &[u8], len: u64) -> Option<Identified> {
    if starts(footer, b"koly") {
        // An Apple disk image's trailer: the sector count at 0x1EC.
        return Some(named(
            ImageFormat::Dmg,
            len,
            Some(be(footer, 0x1EC, 8).saturating_mul(512)),
        ));
    }
    None
}

/// An ISO 9660 CD image: its first volume descriptor's magic at 32769.
pub(super) fn iso(view: &View<'_>) -> R<Option<Identified>> {
    if view.bytes(32769, 5)? == b"CD001" {
        return Ok(Some(named(ImageFormat::Iso, view.len(), None)));
    }
    Ok(None)
}
