//! Each format's headers, the checks qemu makes when it opens them, and how a guest offset
//! maps to a file offset. Layouts follow the formats' specifications (qcow2: QEMU's
//! docs/interop/qcow2.txt; VHD: Microsoft's Virtual Hard Disk Image Format Specification;
//! VHDX: [MS-VHDX]; VMDK: VMware's Virtual Disk Format 5.0); where qemu-img reads a field
//! its own way (the size of a VHD) or refuses a value, as it does. Formats the service does
//! not import (VDI, QED, Parallels, qcow, LUKS, cloop, DMG, Bochs) are recognised by the
//! magic qemu probes for, and only named.
//!
//! One module per format family: `qcow2`, `vmdk`, `vhd`, `vhdx`; `others` for the disk
//! formats only named (and ISO), `archives` for compressed files and archives. This module
//! holds what they share: the byte readers, the dispatch on the file's magic (in a fixed
//! order: a file that matches two magics is the first), and the walk of tables against the
//! end of the file.

mod archives;
mod others;
mod qcow2;
mod vhd;
mod vhdx;
mod vmdk;

use super::partitions::{self, Guest};
use super::{Damage, ImageFacts, ImageFormat, Range, View};

type R<T> = Result<T, Range>;

fn be(b: &[u8], at: usize, n: usize) -> u64 {
    b.get(at..at.saturating_add(n))
        .map_or(0, |s| s.iter().fold(0u64, |v, &x| (v << 8) | u64::from(x)))
}

fn le(b: &[u8], at: usize, n: usize) -> u64 {
    b.get(at..at.saturating_add(n)).map_or(0, |s| {
        s.iter().rev().fold(0u64, |v, &x| (v << 8) | u64::from(x))
    })
}

fn starts(b: &[u8], magic: &[u8]) -> bool {
    b.len() >= magic.len() && &b[..magic.len()] == magic
}

/// The most bytes one metadata structure (a descriptor, VHDX metadata, a table walked
/// whole) is read with: qemu reads a VMDK descriptor up to 1 MiB too.
const STRUCTURE: u64 = 1 << 20;

/// Checks of tables against the end of the file that read more than the headers: made
/// after the partition table, as far as the read bound allows.
enum Walk {
    /// qcow2: the last cluster the refcounts say is in use.
    Qcow2 {
        cluster_bits: u64,
        refcount_offset: u64,
        refcount_clusters: u64,
        refcount_order: u64,
    },
    /// Sparse VMDK: the grain directory's tables and the tables' grains.
    Vmdk { gd: u64, tables: u64, per_gt: u64 },
    /// VHDX: the blocks the block allocation table points at.
    Vhdx {
        bat: u64,
        bat_len: u64,
        block: u64,
        chunk: u64,
    },
}

type Identified = (ImageFacts, Option<Guest>, Option<Walk>);

/// What the file is and, budget allowing, the guest's partition table and the tables
/// checked against the end of the file.
pub(crate) fn analyze(view: &View<'_>, budget: bool) -> R<ImageFacts> {
    let (mut facts, guest, walk) = identify(view)?;
    if let Some(guest) = guest {
        match partitions::read(view, &guest) {
            Ok(layout) => {
                facts.partition_table = layout.table;
                facts.sector_size = layout.sector;
                facts.efi_partition = layout.efi;
                facts.bios_boot_partition = layout.bios_boot;
                if let Some(need) = layout.gpt_need {
                    facts.damaged(Damage::GptBeyondDisk { need });
                }
            }
            Err(range) if budget => return Err(range),
            Err(_) => facts.complete = false,
        }
    }
    if let Some(walk) = walk {
        match run(view, &walk, &mut facts) {
            Ok(()) => {}
            Err(range) if budget => return Err(range),
            Err(_) => facts.complete = false,
        }
    }
    Ok(facts)
}

/// A format named, with the virtual size its header states: nothing more is read.
fn named(format: ImageFormat, len: u64, size: Option<u64>) -> Identified {
    let mut f = ImageFacts::new(format, len);
    f.virtual_size = size;
    (f, None, None)
}

/// The format's facts, how to read the guest disk where the format allows it, and the
/// tables to check against the end of the file.
fn identify(view: &View<'_>) -> R<Identified> {
    let len = view.len();
    let head = view.bytes(0, 4096)?.to_vec();
    if len == 0 {
        return Ok(named(ImageFormat::Unknown, len, None));
    }
    if starts(&head, b"QFI\xfb") {
        if be(&head, 4, 4) == 1 {
            return others::qcow(view, &head);
        }
        return qcow2::identify(view, &head);
    }
    if let Some(found) = others::by_header(&head, len) {
        return Ok(found);
    }
    if starts(&head, b"KDMV") {
        return vmdk::sparse(view, &head);
    }
    if starts(&head, b"COWD") {
        return Ok(vmdk::cowd(len));
    }
    if starts(&head, b"vhdxfile") {
        return vhdx::identify(view);
    }
    if starts(&head, b"conectix") {
        return vhd::identify(view, &head);
    }
    if head
        .windows(19)
        .take(64)
        .any(|w| w == b"Disk DescriptorFile")
    {
        // A descriptor file: qemu reads up to 1 MiB of it.
        let text = view.bytes(0, STRUCTURE as usize)?;
        return Ok((vmdk::descriptor_file(len, text), None, None));
    }
    if let Some(found) = archives::by_header(&head, len) {
        return Ok(found);
    }
    if len >= 512 {
        let footer = view.bytes(len - 512, 512)?.to_vec();
        if starts(&footer, b"conectix") {
            return vhd::identify(view, &footer);
        }
        if let Some(found) = others::by_footer(&footer, len) {
            return Ok(found);
        }
    }
    if let Some(found) = others::iso(view)? {
        return Ok(found);
    }
    let mut facts = ImageFacts::new(ImageFormat::Raw, len);
    facts.virtual_size = Some(len);
    Ok((facts, Some(Guest::Identity { size: len }), None))
}

/// The walk: tables checked against the end of the file, as `qemu-img check` does.
fn run(view: &View<'_>, walk: &Walk, f: &mut ImageFacts) -> R<()> {
    match *walk {
        Walk::Qcow2 {
            cluster_bits,
            refcount_offset,
            refcount_clusters,
            refcount_order,
        } => qcow2::walk(
            view,
            f,
            cluster_bits,
            refcount_offset,
            refcount_clusters,
            refcount_order,
        ),
        Walk::Vmdk { gd, tables, per_gt } => vmdk::walk(view, f, gd, tables, per_gt),
        Walk::Vhdx {
            bat,
            bat_len,
            block,
            chunk,
        } => vhdx::walk(view, f, bat, bat_len, block, chunk),
    }
}
