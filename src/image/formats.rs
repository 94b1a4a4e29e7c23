//! Each format's headers, the checks qemu makes when it opens them, and how a guest offset
//! maps to a file offset. Layouts follow the formats' specifications (qcow2: QEMU's
//! docs/interop/qcow2.txt; VHD: Microsoft's Virtual Hard Disk Image Format Specification;
//! VHDX: [MS-VHDX]; VMDK: VMware's Virtual Disk Format 5.0); where qemu-img reads a field
//! its own way (the size of a VHD) or refuses a value, as it does. Formats the service does
//! not import (VDI, QED, Parallels, qcow, LUKS, cloop, DMG, Bochs) are recognised by the
//! magic qemu probes for, and only named.

use super::partitions::{self, Guest};
use super::{Damage, Field, ImageFacts, ImageFormat, Part, Range, View};

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

/// The format's facts, how to read the guest disk where the format allows it, and the
/// tables to check against the end of the file.
fn identify(view: &View<'_>) -> R<Identified> {
    let len = view.len();
    let head = view.bytes(0, 4096)?.to_vec();
    let named = |format, size: Option<u64>| {
        let mut f = ImageFacts::new(format, len);
        f.virtual_size = size;
        Ok((f, None, None))
    };
    if len == 0 {
        return named(ImageFormat::Unknown, None);
    }
    if starts(&head, b"QFI\xfb") {
        if be(&head, 4, 4) == 1 {
            // The legacy qcow: another header than qcow2's.
            let mut f = ImageFacts::new(ImageFormat::Qcow, len);
            f.virtual_size = Some(be(&head, 24, 8));
            f.encrypted = be(&head, 36, 4) != 0;
            let (at, n) = (be(&head, 8, 8), be(&head, 16, 4).min(1023));
            if at != 0 && n > 0 {
                let name = view.bytes(at, n as usize)?;
                f.backing_file = Some(String::from_utf8_lossy(name).into_owned());
            }
            return Ok((f, None, None));
        }
        return qcow2(view, &head);
    }
    if starts(&head, b"QED\0") {
        return named(ImageFormat::Qed, Some(le(&head, 48, 8)));
    }
    if le(&head, 0x40, 4) == 0xbeda_107f {
        return named(
            ImageFormat::Vdi,
            Some(le(&head, 0x170, 8).div_ceil(512).saturating_mul(512)),
        );
    }
    let new_parallels = starts(&head, b"WithouFreSpacExt");
    if (new_parallels || starts(&head, b"WithoutFreeSpace")) && le(&head, 16, 4) == 2 {
        let sectors = le(&head, 36, 8);
        let sectors = if new_parallels {
            sectors
        } else {
            sectors & 0xffff_ffff
        };
        return named(ImageFormat::Parallels, Some(sectors.saturating_mul(512)));
    }
    if starts(&head, b"LUKS\xba\xbe") {
        let mut f = ImageFacts::new(ImageFormat::Luks, len);
        f.encrypted = true;
        if be(&head, 6, 2) == 1 {
            // LUKS1: the payload follows the header and key material.
            f.virtual_size = Some(len.saturating_sub(be(&head, 104, 4).saturating_mul(512)));
        }
        return Ok((f, None, None));
    }
    if starts(&head, b"#!/bin/sh\n#V2.0 Format\nmodprobe cloop file=$0") {
        return named(
            ImageFormat::Cloop,
            Some(be(&head, 128, 4).saturating_mul(be(&head, 132, 4))),
        );
    }
    if starts(&head, b"Bochs Virtual HD Image") && head.get(32..39) == Some(b"Redolog") {
        let at = if le(&head, 64, 4) == 0x0001_0000 {
            84
        } else {
            88
        };
        return named(ImageFormat::Bochs, Some(le(&head, at, 8)));
    }
    if starts(&head, b"KDMV") {
        return vmdk_sparse(view, &head);
    }
    if starts(&head, b"COWD") {
        // VMware's older sparse format: named, not read.
        let mut f = ImageFacts::new(ImageFormat::Vmdk, len);
        f.variant = Some("COWD");
        return Ok((f, None, None));
    }
    if starts(&head, b"vhdxfile") {
        return vhdx(view);
    }
    if starts(&head, b"conectix") {
        return vhd(view, &head);
    }
    if head
        .windows(19)
        .take(64)
        .any(|w| w == b"Disk DescriptorFile")
    {
        // A descriptor file: qemu reads up to 1 MiB of it.
        let text = view.bytes(0, STRUCTURE as usize)?;
        return Ok((vmdk_descriptor(len, text), None, None));
    }
    for (magic, format) in [
        (&b"\x1f\x8b"[..], ImageFormat::Gzip),
        (b"\xfd7zXZ\x00", ImageFormat::Xz),
        (b"\x28\xb5\x2f\xfd", ImageFormat::Zstd),
        (b"BZh", ImageFormat::Bzip2),
        (b"PK\x03\x04", ImageFormat::Zip),
    ] {
        if starts(&head, magic) {
            return named(format, None);
        }
    }
    if head.get(257..262) == Some(b"ustar") {
        let name = &head[..100];
        let name = &name[..name.iter().position(|&b| b == 0).unwrap_or(100)];
        let ova = name.to_ascii_lowercase().ends_with(b".ovf");
        return named(
            if ova {
                ImageFormat::Ova
            } else {
                ImageFormat::Tar
            },
            None,
        );
    }
    if len >= 512 {
        let footer = view.bytes(len - 512, 512)?.to_vec();
        if starts(&footer, b"conectix") {
            return vhd(view, &footer);
        }
        if starts(&footer, b"koly") {
            // An Apple disk image's trailer: the sector count at 0x1EC.
            return named(
                ImageFormat::Dmg,
                Some(be(&footer, 0x1EC, 8).saturating_mul(512)),
            );
        }
    }
    if view.bytes(32769, 5)? == b"CD001" {
        return named(ImageFormat::Iso, None);
    }
    let mut facts = ImageFacts::new(ImageFormat::Raw, len);
    facts.virtual_size = Some(len);
    Ok((facts, Some(Guest::Identity { size: len }), None))
}

/// qcow2's incompatible feature bits qemu knows: dirty, corrupt, external data file,
/// compression type, extended L2 entries.
const QCOW2_KNOWN_INCOMPATIBLE: u64 = 0x1f;

fn qcow2(view: &View<'_>, h: &[u8]) -> R<Identified> {
    let len = view.len();
    let mut f = ImageFacts::new(ImageFormat::Qcow2, len);
    let version = be(h, 4, 4);
    f.variant = Some(match version {
        2 => "v2",
        3 => "v3",
        _ => "unknown version",
    });
    f.virtual_size = Some(be(h, 24, 8));
    let cluster_bits = be(h, 20, 4);
    let crypt = be(h, 32, 4);
    f.encrypted = crypt != 0;
    let (l1_size, l1_offset) = (be(h, 36, 4), be(h, 40, 8));
    let (refcount_offset, refcount_clusters) = (be(h, 48, 8), be(h, 56, 4));
    // What qemu refuses to open (qcow2_do_open).
    if !(2..=3).contains(&version) {
        f.damaged(Damage::Refused {
            field: Field::Version,
            value: version,
        });
        return Ok((f, None, None));
    }
    if !(9..=21).contains(&cluster_bits) {
        f.damaged(Damage::Refused {
            field: Field::ClusterBits,
            value: cluster_bits,
        });
        return Ok((f, None, None));
    }
    let cluster = 1u64 << cluster_bits;
    let mut header_len = 72;
    let mut external = false;
    let mut extended_l2 = false;
    let mut refcount_order = 4;
    f.compression = Some("zlib");
    if version == 3 {
        let incompatible = be(h, 72, 8);
        f.dirty = incompatible & 1 != 0;
        f.corrupt = incompatible & 2 != 0;
        external = incompatible & 4 != 0;
        extended_l2 = incompatible & 16 != 0;
        refcount_order = be(h, 96, 4);
        header_len = be(h, 100, 4);
        if header_len < 104 || header_len > cluster {
            f.damaged(Damage::Refused {
                field: Field::HeaderLength,
                value: header_len,
            });
        }
        if incompatible & !QCOW2_KNOWN_INCOMPATIBLE != 0 {
            f.damaged(Damage::Refused {
                field: Field::IncompatibleFeatures,
                value: incompatible & !QCOW2_KNOWN_INCOMPATIBLE,
            });
        }
        if refcount_order > 6 {
            f.damaged(Damage::Refused {
                field: Field::RefcountOrder,
                value: refcount_order,
            });
        }
        if header_len > 104 && h.get(104) == Some(&1) {
            f.compression = Some("zstd");
        }
    }
    if crypt > 2 {
        f.damaged(Damage::Refused {
            field: Field::EncryptionMethod,
            value: crypt,
        });
    }
    if l1_offset % cluster != 0 {
        f.damaged(Damage::Unaligned {
            part: Part::L1Table,
            offset: l1_offset,
        });
    }
    if refcount_offset % cluster != 0 {
        f.damaged(Damage::Unaligned {
            part: Part::RefcountTable,
            offset: refcount_offset,
        });
    }
    // Header extensions, as qemu reads them: from the end of the header up to the backing
    // file's name, else to the end of the first cluster (those in the first 4 KB are read).
    // One that claims more room than is left is refused; one holds the external data
    // file's name. In u64: a length near 4 GiB must not wrap (WebAssembly's usize is 32-bit).
    let (backing_offset, backing_len) = (be(h, 8, 8), be(h, 16, 4).min(1023));
    let ext_end = if backing_offset != 0 {
        backing_offset
    } else {
        cluster
    };
    let mut at = header_len;
    while at < ext_end && at + 8 <= h.len() as u64 {
        let (kind, n) = (be(h, at as usize, 4), be(h, at as usize + 4, 4));
        if at + 8 > ext_end || n > ext_end - (at + 8) {
            f.damaged(Damage::Refused {
                field: Field::HeaderExtension,
                value: n,
            });
            break;
        }
        if kind == 0 {
            break;
        }
        if kind == 0x4441_5441 {
            let end = usize::try_from(at + 8 + n).ok();
            let Some(name) = end.and_then(|end| h.get(at as usize + 8..end)) else {
                break;
            };
            f.other_files
                .push(String::from_utf8_lossy(name).into_owned());
        }
        at += 8 + n.div_ceil(8) * 8;
    }
    if external && f.other_files.is_empty() {
        f.other_files.push(String::new());
    }
    if backing_offset != 0 && backing_len > 0 {
        let name = view.bytes(backing_offset, backing_len as usize)?;
        f.backing_file = Some(String::from_utf8_lossy(name).into_owned());
    }
    if !f.damage.is_empty() {
        // qemu cannot open it: nothing behind the header is read.
        return Ok((f, None, None));
    }
    f.past_end(
        Part::L1Table,
        l1_offset,
        l1_offset.saturating_add(l1_size.saturating_mul(8)),
        len,
    );
    f.past_end(
        Part::RefcountTable,
        refcount_offset,
        refcount_offset.saturating_add(refcount_clusters.saturating_mul(cluster)),
        len,
    );
    let readable = !f.encrypted && !external && f.truncated_at.is_none();
    let guest = readable.then_some(Guest::Qcow2 {
        cluster_bits,
        l1_offset,
        l1_size,
        entry: if extended_l2 { 16 } else { 8 },
        backing: f.backing_file.is_some(),
        deflate: f.compression == Some("zlib"),
        size: f.virtual_size.unwrap_or(0),
    });
    let walk = f.truncated_at.is_none().then_some(Walk::Qcow2 {
        cluster_bits,
        refcount_offset,
        refcount_clusters,
        refcount_order,
    });
    Ok((f, guest, walk))
}

/// The largest VHD qemu opens: 2040 GiB.
const VHD_MAX_SECTORS: u64 = 0xff00_0000;

/// qemu's reading of a VHD's size: the footer's size for images written by tools that
/// use it (Hyper-V, disk2vhd, XenServer, XenConverter, qemu with force_size) or whose
/// geometry is the largest there is, else the geometry's.
fn vhd_size(footer: &[u8]) -> u64 {
    let chs = be(footer, 56, 2) * be(footer, 58, 1) * be(footer, 59, 1);
    let app = footer.get(28..32).unwrap_or(&[]);
    let footer_size = [&b"win "[..], b"qem2", b"d2v ", b"CTXS", b"tap\0"].contains(&app);
    if footer_size || chs == 65535 * 16 * 255 {
        be(footer, 48, 8) / 512 * 512
    } else {
        chs * 512
    }
}

fn vhd(view: &View<'_>, footer: &[u8]) -> R<Identified> {
    let len = view.len();
    let mut f = ImageFacts::new(ImageFormat::Vhd, len);
    let mut sum: u32 = 0;
    for (i, b) in footer.iter().take(512).enumerate() {
        if !(64..68).contains(&i) {
            sum = sum.wrapping_add(u32::from(*b));
        }
    }
    let checksum_ok = !sum == be(footer, 64, 4) as u32;
    f.checksum_ok = Some(checksum_ok);
    f.virtual_size = Some(vhd_size(footer));
    let kind = be(footer, 60, 4);
    f.variant = Some(match kind {
        2 => "fixed",
        4 => "differencing",
        _ => "dynamic",
    });
    if !checksum_ok {
        // qemu refuses the file ("Incorrect header checksum").
        f.damaged(Damage::Checksum);
    }
    let size = f.virtual_size.unwrap_or(0);
    if size / 512 > VHD_MAX_SECTORS {
        f.damaged(Damage::Refused {
            field: Field::VirtualSize,
            value: size,
        });
    }
    if kind == 2 {
        let data = be(footer, 48, 8);
        f.past_end(Part::Footer, data, data.saturating_add(512), len);
        let guest = f.damage.is_empty().then_some(Guest::Identity { size });
        return Ok((f, guest, None));
    }
    let header_at = be(footer, 16, 8);
    let header = view.bytes(header_at, 1024)?.to_vec();
    if !starts(&header, b"cxsparse") {
        if header_at.saturating_add(1024) > len {
            f.past_end(
                Part::DynamicHeader,
                header_at,
                header_at.saturating_add(1024),
                len,
            );
        } else {
            f.damaged(Damage::Missing {
                part: Part::DynamicHeader,
            });
        }
        return Ok((f, None, None));
    }
    let (bat, entries, block) = (be(&header, 16, 8), be(&header, 28, 4), be(&header, 32, 4));
    if kind == 4 {
        // The parent's name, UTF-16BE.
        let name: Vec<u16> = header
            .get(64..576)
            .unwrap_or(&[])
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .take_while(|&u| u != 0)
            .collect();
        f.backing_file = Some(String::from_utf16_lossy(&name));
    }
    if block < 512 || !block.is_power_of_two() {
        f.damaged(Damage::Refused {
            field: Field::BlockSize,
            value: block,
        });
        return Ok((f, None, None));
    }
    let bitmap = (block / (8 * 512)).div_ceil(512) * 512;
    f.past_end(
        Part::BlockTable,
        bat,
        bat.saturating_add(entries.saturating_mul(4)),
        len,
    );
    // The file must hold every block the table points at (the 4 MiB of a 2040 GiB disk's
    // table are read; a longer table's other entries are unknown).
    let table = view.bytes(bat, (entries as usize).saturating_mul(4).min(1 << 22))?;
    if entries.saturating_mul(4) > 1 << 22 {
        f.complete = false;
    }
    let end = table
        .chunks_exact(4)
        .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
        .filter(|&e| e != u32::MAX)
        .map(|e| u64::from(e) * 512)
        .max();
    if let Some(at) = end {
        f.past_end(Part::Block, at, at + bitmap + block, len);
    }
    let guest = (f.damage.is_empty() && f.truncated_at.is_none()).then_some(Guest::Vhd {
        bat,
        block,
        bitmap,
        entries,
        parent: kind == 4,
        size,
    });
    Ok((f, guest, None))
}

const BAT_GUID: [u8; 16] = [
    0x66, 0x77, 0xC2, 0x2D, 0x23, 0xF6, 0x00, 0x42, 0x9D, 0x64, 0x11, 0x5E, 0x9B, 0xFD, 0x4A, 0x08,
];
const METADATA_GUID: [u8; 16] = [
    0x06, 0xA2, 0x7C, 0x8B, 0x90, 0x47, 0x9A, 0x4B, 0xB8, 0xFE, 0x57, 0x5F, 0x05, 0x0F, 0x88, 0x6E,
];
const FILE_PARAMETERS: [u8; 16] = [
    0x37, 0x67, 0xA1, 0xCA, 0x36, 0xFA, 0x43, 0x4D, 0xB3, 0xB6, 0x33, 0xF0, 0xAA, 0x44, 0xE7, 0x6B,
];
const VIRTUAL_DISK_SIZE: [u8; 16] = [
    0x24, 0x42, 0xA5, 0x2F, 0x1B, 0xCD, 0x76, 0x48, 0xB2, 0x11, 0x5D, 0xBE, 0xD8, 0x3B, 0xF4, 0xB8,
];
const LOGICAL_SECTOR_SIZE: [u8; 16] = [
    0x1D, 0xBF, 0x41, 0x81, 0x6F, 0xA9, 0x09, 0x47, 0xBA, 0x47, 0xF2, 0x33, 0xA8, 0xFA, 0xAB, 0x5F,
];

/// VHDX: the region table, then the metadata region in one read (its items are found in
/// it, never read one by one), then, in the walk, the block allocation table.
fn vhdx(view: &View<'_>) -> R<Identified> {
    let len = view.len();
    let mut f = ImageFacts::new(ImageFormat::Vhdx, len);
    let regions = view.bytes(0x30000, 4096)?.to_vec();
    if !starts(&regions, b"regi") {
        if 0x30000 + 4096 > len {
            f.past_end(Part::RegionTable, 0x30000, 0x30000 + 4096, len);
        } else {
            f.damaged(Damage::Missing {
                part: Part::RegionTable,
            });
        }
        return Ok((f, None, None));
    }
    let (mut bat, mut meta) = (None, None);
    for i in 0..(le(&regions, 8, 4) as usize).min(2047) {
        let e = 16 + 32 * i;
        let Some(guid) = regions.get(e..e + 16) else {
            break;
        };
        let place = (le(&regions, e + 16, 8), le(&regions, e + 24, 4));
        if guid == BAT_GUID {
            bat = Some(place);
        } else if guid == METADATA_GUID {
            meta = Some(place);
        }
    }
    let Some((meta_at, meta_len)) = meta else {
        f.damaged(Damage::Missing {
            part: Part::Metadata,
        });
        return Ok((f, None, None));
    };
    f.past_end(
        Part::Metadata,
        meta_at,
        meta_at.saturating_add(meta_len),
        len,
    );
    // The metadata table (64 KiB at most), then the items it places, in one read from the
    // first to the last within the region: never one read per item.
    let table = view.bytes(meta_at, meta_len.min(65536) as usize)?.to_vec();
    let entries: Vec<(&[u8], u64, u64)> = (0..(le(&table, 10, 2) as usize).min(2047))
        .map_while(|i| {
            let e = 32 + 32 * i;
            let id = table.get(e..e + 16)?;
            Some((id, le(&table, e + 16, 4), le(&table, e + 20, 4).min(8)))
        })
        .filter(|(id, _, _)| {
            [VIRTUAL_DISK_SIZE, FILE_PARAMETERS, LOGICAL_SECTOR_SIZE]
                .contains(&<[u8; 16]>::try_from(*id).unwrap_or_default())
        })
        .filter(|&(_, at, n)| at.saturating_add(n) <= meta_len.min(STRUCTURE))
        .collect();
    let lo = entries.iter().map(|e| e.1).min().unwrap_or(0);
    let hi = entries.iter().map(|e| e.1 + e.2).max().unwrap_or(0);
    let items = view.bytes(meta_at.saturating_add(lo), (hi.saturating_sub(lo)) as usize)?;
    let (mut block, mut sector, mut parent) = (0u64, 512u64, false);
    let (mut have_size, mut have_params) = (false, false);
    for (id, at, n) in entries {
        let Some(bytes) = items.get((at - lo) as usize..(at - lo + n) as usize) else {
            continue;
        };
        if id == VIRTUAL_DISK_SIZE {
            f.virtual_size = Some(le(bytes, 0, 8));
            have_size = true;
        } else if id == FILE_PARAMETERS {
            block = le(bytes, 0, 4);
            parent = le(bytes, 4, 4) & 2 != 0;
            have_params = true;
        } else if id == LOGICAL_SECTOR_SIZE {
            sector = le(bytes, 0, 4);
        }
    }
    if parent {
        f.variant = Some("differencing");
        f.backing_file = Some(String::new());
    }
    if !(have_size && have_params) {
        if f.truncated_at.is_none() {
            f.damaged(Damage::Missing {
                part: Part::Metadata,
            });
        }
        return Ok((f, None, None));
    }
    // qemu: a block is a power of two from 1 MiB to 256 MiB; sectors are 512 or 4096.
    if !block.is_power_of_two() || !(1 << 20..=256 << 20).contains(&block) {
        f.damaged(Damage::Refused {
            field: Field::BlockSize,
            value: block,
        });
        return Ok((f, None, None));
    }
    if sector != 512 && sector != 4096 {
        f.damaged(Damage::Missing {
            part: Part::Metadata,
        });
        return Ok((f, None, None));
    }
    let size = f.virtual_size.unwrap_or(0);
    let chunk = ((1u64 << 23) * sector / block).max(1);
    let Some((bat_at, bat_len)) = bat else {
        f.damaged(Damage::Missing {
            part: Part::BlockTable,
        });
        return Ok((f, None, None));
    };
    f.past_end(
        Part::BlockTable,
        bat_at,
        bat_at.saturating_add(bat_len),
        len,
    );
    if f.truncated_at.is_some() {
        return Ok((f, None, None));
    }
    let guest = (!parent).then_some(Guest::Vhdx {
        bat: bat_at,
        block,
        chunk,
        size,
    });
    // The entries of the virtual size's blocks and of their sector bitmaps.
    let blocks = size.div_ceil(block);
    let entries = blocks.saturating_add(blocks / chunk).saturating_add(1);
    let walk = Walk::Vhdx {
        bat: bat_at,
        bat_len: bat_len.min(entries.saturating_mul(8)),
        block,
        chunk,
    };
    Ok((f, guest, Some(walk)))
}

/// What a VMDK descriptor says.
struct Descriptor {
    create: Option<String>,
    /// Each extent's size in sectors and file.
    extents: Vec<(u64, String)>,
    parent: Option<String>,
}

fn descriptor(text: &str) -> Descriptor {
    let mut create = None;
    let mut extents = Vec::new();
    let mut parent = None;
    for line in text.lines() {
        let line = line.trim();
        if let Some(v) = line.strip_prefix("createType=") {
            create = Some(v.trim_matches('"').to_owned());
        } else if let Some(v) = line.strip_prefix("parentFileNameHint=") {
            parent = Some(v.trim_matches('"').to_owned());
        } else if ["RW ", "RDONLY ", "NOACCESS "]
            .iter()
            .any(|p| line.starts_with(p))
        {
            let mut parts = line.splitn(4, ' ');
            let _access = parts.next();
            let sectors = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            let _kind = parts.next();
            let file = parts
                .next()
                .unwrap_or("")
                .split('"')
                .nth(1)
                .unwrap_or("")
                .to_owned();
            extents.push((sectors, file));
        }
    }
    Descriptor {
        create,
        extents,
        parent,
    }
}

fn vmdk_descriptor(len: u64, text: &[u8]) -> ImageFacts {
    let mut f = ImageFacts::new(ImageFormat::Vmdk, len);
    f.variant = Some("descriptor");
    let d = descriptor(&String::from_utf8_lossy(text));
    f.virtual_size = Some(
        d.extents
            .iter()
            .fold(0u64, |s, e| s.saturating_add(e.0.saturating_mul(512))),
    );
    f.other_files = d
        .extents
        .into_iter()
        .map(|e| e.1)
        .filter(|n| !n.is_empty())
        .collect();
    f.backing_file = d.parent;
    f
}

/// A sparse VMDK's grain directory written after the grains (streamOptimized, in one
/// pass): its place is in the footer.
const GD_AT_END: u64 = u64::MAX;

fn vmdk_sparse(view: &View<'_>, h: &[u8]) -> R<Identified> {
    let len = view.len();
    let mut f = ImageFacts::new(ImageFormat::Vmdk, len);
    let capacity = le(h, 12, 8);
    f.virtual_size = Some(capacity.saturating_mul(512));
    let version = le(h, 4, 4);
    let flags = le(h, 8, 4);
    let compressed = flags & (1 << 16) != 0;
    let (desc_at, desc_len) = (le(h, 28, 8), le(h, 36, 8));
    let mut create = None;
    let mut described = false;
    if desc_at > 0 && desc_len > 0 {
        let text = view.bytes(
            desc_at.saturating_mul(512),
            desc_len.saturating_mul(512).min(STRUCTURE) as usize,
        )?;
        let d = descriptor(&String::from_utf8_lossy(text));
        create = d.create;
        described = !d.extents.is_empty();
        f.backing_file = d.parent;
        f.other_files = d
            .extents
            .into_iter()
            .skip(1)
            .map(|e| e.1)
            .filter(|n| !n.is_empty())
            .collect();
    }
    let stream = compressed || create.as_deref() == Some("streamOptimized");
    f.variant = Some(if !described {
        // No descriptor of its own (none, or an empty one, as qemu writes split extents):
        // one extent of a disk described by another file. qemu does not open it alone.
        "extent"
    } else if stream {
        "streamOptimized"
    } else {
        "monolithicSparse"
    });
    if compressed {
        f.compression = Some("zlib");
    }
    f.dirty = h.get(72) == Some(&1);
    let (grain, per_gt, mut gd) = (le(h, 20, 8), le(h, 44, 4), le(h, 56, 8));
    let mut footer_found = false;
    // What qemu refuses to open (vmdk_open_vmdk4, vmdk_add_extent).
    if version > 3 {
        f.damaged(Damage::Refused {
            field: Field::Version,
            value: version,
        });
    }
    if per_gt == 0 || per_gt > 512 || grain == 0 || grain > 0x20_0000 {
        f.damaged(Damage::Refused {
            field: Field::GrainSize,
            value: if per_gt == 0 || per_gt > 512 {
                per_gt
            } else {
                grain
            },
        });
    }
    if !f.damage.is_empty() {
        return Ok((f, None, None));
    }
    let first_grain = le(h, 64, 8).saturating_mul(512);
    f.past_end(Part::Cluster, first_grain, first_grain, len);
    if gd == GD_AT_END {
        // Written in one pass (streamOptimized): the grain directory's place is in the
        // footer, a copy of the header 1,024 bytes before the end, behind a footer marker.
        let tail = if len >= 1536 {
            view.bytes(len - 1536, 1024)?
        } else {
            &[]
        };
        let footer = tail.get(512..).unwrap_or(&[]);
        if le(tail, 12, 4) == 3 && starts(footer, b"KDMV") {
            gd = le(footer, 56, 8);
            footer_found = true;
        } else {
            f.damaged(Damage::Missing { part: Part::Footer });
            return Ok((f, None, None));
        }
    }
    let size = f.virtual_size.unwrap_or(0);
    let gd_bytes = gd.saturating_mul(512);
    // How many grain tables the directory holds (qemu's l1_size).
    let tables = capacity.div_ceil(grain.saturating_mul(per_gt));
    f.past_end(
        Part::GrainDirectory,
        gd_bytes,
        gd_bytes.saturating_add(tables.saturating_mul(4)),
        len,
    );
    if f.truncated_at.is_some() || gd == 0 {
        return Ok((f, None, None));
    }
    // Grains up to 8 MiB: what a compressed one inflates to is held in memory.
    let guest = (grain <= 16384 && f.backing_file.is_none()).then_some(Guest::Vmdk {
        grain: grain * 512,
        per_gt,
        gd: gd_bytes,
        compressed,
        size,
    });
    // A stream written in one pass that still ends with its footer was not cut short; its
    // grain tables lie between its grains, too far apart to read within the bound.
    let walk = (!footer_found).then_some(Walk::Vmdk {
        gd: gd_bytes,
        tables,
        per_gt,
    });
    Ok((f, guest, walk))
}

/// The walk: tables checked against the end of the file, as `qemu-img check` does.
fn run(view: &View<'_>, walk: &Walk, f: &mut ImageFacts) -> R<()> {
    let len = view.len();
    match *walk {
        Walk::Qcow2 {
            cluster_bits,
            refcount_offset,
            refcount_clusters,
            refcount_order,
        } => {
            let cluster = 1u64 << cluster_bits;
            // Every cluster in use, metadata (L2 tables, refcount blocks) and data alike, is
            // counted in the refcounts: the last one must start inside the file, as
            // `qemu-img check` requires.
            let whole = refcount_clusters.saturating_mul(cluster);
            let table = view.bytes(refcount_offset, whole.min(STRUCTURE) as usize)?;
            if (table.len() as u64) < whole {
                // A table longer than 1 MiB (more than 256 TiB of 64 KiB clusters, or 4 GiB
                // of 512-byte ones): what its unread entries count is unknown.
                f.complete = false;
            }
            let last = table
                .chunks_exact(8)
                .enumerate()
                .rev()
                .map(|(i, e)| (i as u64, be(e, 0, 8) & 0x00ff_ffff_ffff_fe00))
                .find(|&(_, at)| at != 0);
            let Some((index, block)) = last else {
                return Ok(());
            };
            if block >= len {
                f.past_end(
                    Part::RefcountBlock,
                    block,
                    block.saturating_add(cluster),
                    len,
                );
                return Ok(());
            }
            let bits = 1u64 << refcount_order.min(6);
            let per_block = cluster * 8 / bits;
            let counts = view.bytes(block, cluster as usize)?;
            // The last refcount that is not zero holds the last byte that is not zero (narrow
            // refcounts are packed from the low bits of each byte): found by one scan of the
            // bytes, not one test per refcount (16 million of them with 1-bit refcounts).
            let used = counts.iter().rposition(|&b| b != 0).map(|i| {
                let bit = i as u64 * 8 + u64::from(7 - counts[i].leading_zeros());
                bit / bits
            });
            if let Some(i) = used {
                let at = index
                    .saturating_mul(per_block)
                    .saturating_add(i)
                    .saturating_mul(cluster);
                f.past_end(Part::Cluster, at, at.saturating_add(1), len);
            }
        }
        Walk::Vmdk { gd, tables, per_gt } => {
            let dir = view.bytes(gd, tables.saturating_mul(4).min(STRUCTURE) as usize)?;
            let offsets: Vec<u64> = dir
                .chunks_exact(4)
                .map(|e| le(e, 0, 4).saturating_mul(512))
                .filter(|&at| at != 0)
                .collect();
            let gt_len = per_gt * 4;
            let (Some(&lo), Some(&hi)) = (offsets.iter().min(), offsets.iter().max()) else {
                return Ok(());
            };
            f.past_end(Part::GrainTable, hi, hi.saturating_add(gt_len), len);
            if f.truncated_at.is_some() {
                return Ok(());
            }
            // The tables in one read where they lie together (qemu and VMware write them
            // so): up to 7 MB of tables, a disk of about 112 GiB with 64 KiB grains.
            let span = hi - lo + gt_len;
            if span > super::MAX_READ - STRUCTURE {
                f.complete = false;
                return Ok(());
            }
            let all = view.bytes(lo, span as usize)?;
            let last = offsets
                .iter()
                .flat_map(|&t| {
                    let at = (t - lo) as usize;
                    all.get(at..at + gt_len as usize)
                        .unwrap_or(&[])
                        .chunks_exact(4)
                        .map(|e| le(e, 0, 4))
                })
                .filter(|&e| e > 1)
                .max();
            if let Some(sector) = last {
                let at = sector.saturating_mul(512);
                f.past_end(Part::Cluster, at, at.saturating_add(1), len);
            }
        }
        Walk::Vhdx {
            bat,
            bat_len,
            block,
            chunk,
        } => {
            let table = view.bytes(bat, bat_len.min(STRUCTURE * 4) as usize)?;
            if (table.len() as u64) < bat_len {
                f.complete = false;
            }
            let last = table
                .chunks_exact(8)
                .enumerate()
                // Every (chunk + 1)th entry is a sector bitmap's, not a payload block's.
                .filter(|(i, _)| (*i as u64 + 1) % (chunk + 1) != 0)
                .map(|(_, e)| le(e, 0, 8))
                .filter(|e| matches!(e & 7, 6 | 7))
                .map(|e| (e >> 20) << 20)
                .max();
            if let Some(at) = last {
                // qemu refuses a block that ends past the end of the file.
                f.past_end(Part::Block, at, at.saturating_add(block), len);
            }
        }
    }
    Ok(())
}
