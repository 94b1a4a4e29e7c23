//! Each format's headers, and how a guest offset maps to a file offset. Layouts follow the
//! formats' specifications (qcow2: QEMU's docs/interop/qcow2.txt; VHD: Microsoft's Virtual
//! Hard Disk Image Format Specification; VHDX: [MS-VHDX]; VMDK: VMware's Virtual Disk
//! Format 5.0); where qemu-img reads a field its own way (the size of a VHD), as it does.

use super::partitions::{self, Guest};
use super::{ImageFacts, ImageFormat, Range, View};

type R<T> = Result<T, Range>;

fn be(b: &[u8], at: usize, n: usize) -> u64 {
    b.get(at..at + n)
        .map_or(0, |s| s.iter().fold(0u64, |v, &x| (v << 8) | u64::from(x)))
}

fn le(b: &[u8], at: usize, n: usize) -> u64 {
    b.get(at..at + n).map_or(0, |s| {
        s.iter().rev().fold(0u64, |v, &x| (v << 8) | u64::from(x))
    })
}

fn starts(b: &[u8], magic: &[u8]) -> bool {
    b.len() >= magic.len() && &b[..magic.len()] == magic
}

/// What the file is and, budget allowing, the guest's partition table.
pub(crate) fn analyze(view: &View<'_>, budget: bool) -> R<ImageFacts> {
    let (mut facts, guest) = identify(view)?;
    if let Some(guest) = guest {
        match partitions::read(view, &guest) {
            Ok((table, efi)) => {
                facts.partition_table = table;
                facts.efi_partition = efi;
            }
            Err(range) if budget => return Err(range),
            Err(_) => {}
        }
    }
    Ok(facts)
}

/// The format's facts, and how to read the guest disk where the format allows it.
fn identify(view: &View<'_>) -> R<(ImageFacts, Option<Guest>)> {
    let len = view.len();
    let head = view.bytes(0, 4096)?.to_vec();
    let simple = |format| Ok((ImageFacts::new(format, len), None));
    if starts(&head, b"QFI\xfb") {
        return qcow2(view, &head);
    }
    if starts(&head, b"KDMV") {
        return vmdk_sparse(view, &head);
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
        return Ok((vmdk_descriptor(len, &head), None));
    }
    for (magic, format) in [
        (&b"\x1f\x8b"[..], ImageFormat::Gzip),
        (b"\xfd7zXZ\x00", ImageFormat::Xz),
        (b"\x28\xb5\x2f\xfd", ImageFormat::Zstd),
        (b"BZh", ImageFormat::Bzip2),
        (b"PK\x03\x04", ImageFormat::Zip),
    ] {
        if starts(&head, magic) {
            return simple(format);
        }
    }
    if head.get(257..262) == Some(b"ustar") {
        let name = &head[..100];
        let name = &name[..name.iter().position(|&b| b == 0).unwrap_or(100)];
        let ova = name.to_ascii_lowercase().ends_with(b".ovf");
        return simple(if ova {
            ImageFormat::Ova
        } else {
            ImageFormat::Tar
        });
    }
    if len >= 512 {
        let footer = view.bytes(len - 512, 512)?.to_vec();
        if starts(&footer, b"conectix") {
            return vhd(view, &footer);
        }
    }
    if view.bytes(32769, 5)? == b"CD001" {
        return simple(ImageFormat::Iso);
    }
    let mut facts = ImageFacts::new(ImageFormat::Raw, len);
    facts.virtual_size = Some(len);
    Ok((facts, Some(Guest::Identity { size: len })))
}

fn qcow2(view: &View<'_>, h: &[u8]) -> R<(ImageFacts, Option<Guest>)> {
    let mut f = ImageFacts::new(ImageFormat::Qcow2, view.len());
    let version = be(h, 4, 4);
    f.variant = Some(if version >= 3 { "v3" } else { "v2" });
    let cluster_bits = be(h, 20, 4).clamp(9, 21);
    let cluster = 1u64 << cluster_bits;
    f.virtual_size = Some(be(h, 24, 8));
    f.encrypted = be(h, 32, 4) != 0;
    let (l1_size, l1_offset) = (be(h, 36, 4), be(h, 40, 8));
    let (refcount_offset, refcount_clusters) = (be(h, 48, 8), be(h, 56, 4));
    let mut header_len = 72;
    let mut external = false;
    let mut extended_l2 = false;
    f.compression = Some("zlib");
    if version >= 3 {
        let incompatible = be(h, 72, 8);
        f.dirty = incompatible & 1 != 0;
        f.corrupt = incompatible & 2 != 0;
        external = incompatible & 4 != 0;
        extended_l2 = incompatible & 16 != 0;
        header_len = be(h, 100, 4).max(104);
        if header_len > 104 && h.get(104) == Some(&1) {
            f.compression = Some("zstd");
        }
    }
    // Header extensions: the external data file's name.
    let mut at = header_len as usize;
    while at + 8 <= h.len().min(cluster as usize) {
        let (kind, n) = (be(h, at, 4), be(h, at + 4, 4) as usize);
        if kind == 0 || at + 8 + n > h.len() {
            break;
        }
        if kind == 0x4441_5441 {
            f.other_files
                .push(String::from_utf8_lossy(&h[at + 8..at + 8 + n]).into_owned());
        }
        at += 8 + n.div_ceil(8) * 8;
    }
    if external && f.other_files.is_empty() {
        f.other_files.push(String::new());
    }
    let (backing_offset, backing_len) = (be(h, 8, 8), be(h, 16, 4).min(1023));
    if backing_offset != 0 && backing_len > 0 {
        let name = view.bytes(backing_offset, backing_len as usize)?;
        f.backing_file = Some(String::from_utf8_lossy(name).into_owned());
    }
    f.needs(header_len);
    f.needs(l1_offset.saturating_add(l1_size.saturating_mul(8)));
    f.needs(refcount_offset.saturating_add(refcount_clusters.saturating_mul(cluster)));
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
    Ok((f, guest))
}

/// qemu's reading of a VHD's size: the footer's size for images written by tools that
/// use it (Hyper-V, disk2vhd, XenServer, qemu with force_size), else the geometry's.
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

fn vhd(view: &View<'_>, footer: &[u8]) -> R<(ImageFacts, Option<Guest>)> {
    let len = view.len();
    let mut f = ImageFacts::new(ImageFormat::Vhd, len);
    let mut sum: u32 = 0;
    for (i, b) in footer.iter().take(512).enumerate() {
        if !(64..68).contains(&i) {
            sum = sum.wrapping_add(u32::from(*b));
        }
    }
    f.checksum_ok = Some(!sum == be(footer, 64, 4) as u32);
    f.virtual_size = Some(vhd_size(footer));
    let kind = be(footer, 60, 4);
    f.variant = Some(match kind {
        2 => "fixed",
        4 => "differencing",
        _ => "dynamic",
    });
    if kind == 2 {
        f.needs(be(footer, 48, 8).saturating_add(512));
        let size = f.virtual_size.unwrap_or(0);
        return Ok((f, Some(Guest::Identity { size })));
    }
    let header_at = be(footer, 16, 8);
    let header = view.bytes(header_at, 1024)?.to_vec();
    if !starts(&header, b"cxsparse") {
        f.truncated_at = Some(header_at.saturating_add(1024));
        return Ok((f, None));
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
        f.corrupt = true;
        return Ok((f, None));
    }
    let bitmap = (block / (8 * 512)).div_ceil(512) * 512;
    f.needs(bat.saturating_add(entries.saturating_mul(4)));
    // The file must hold every block the table points at, and the footer after them.
    let table = view.bytes(bat, (entries as usize).saturating_mul(4).min(1 << 22))?;
    let end = table
        .chunks_exact(4)
        .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
        .filter(|&e| e != u32::MAX)
        .map(|e| u64::from(e) * 512 + bitmap + block)
        .max();
    if let Some(end) = end {
        f.needs(end);
    }
    let size = f.virtual_size.unwrap_or(0);
    let guest = f.truncated_at.is_none().then_some(Guest::Vhd {
        bat,
        block,
        bitmap,
        entries,
        parent: kind == 4,
        size,
    });
    Ok((f, guest))
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

fn vhdx(view: &View<'_>) -> R<(ImageFacts, Option<Guest>)> {
    let mut f = ImageFacts::new(ImageFormat::Vhdx, view.len());
    let regions = view.bytes(0x30000, 4096)?.to_vec();
    if !starts(&regions, b"regi") {
        f.needs(0x30000 + 4096);
        f.corrupt = f.truncated_at.is_none();
        return Ok((f, None));
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
        f.corrupt = true;
        return Ok((f, None));
    };
    f.needs(meta_at.saturating_add(meta_len));
    let table = view.bytes(meta_at, 65536.min(meta_len as usize))?.to_vec();
    let (mut block, mut sector, mut parent) = (0u64, 512u64, false);
    for i in 0..(le(&table, 10, 2) as usize).min(2047) {
        let e = 32 + 32 * i;
        let Some(id) = table.get(e..e + 16) else {
            break;
        };
        let (at, n) = (
            meta_at.saturating_add(le(&table, e + 16, 4)),
            le(&table, e + 20, 4) as usize,
        );
        if id == VIRTUAL_DISK_SIZE {
            f.virtual_size = Some(le(view.bytes(at, n.min(8))?, 0, 8));
        } else if id == FILE_PARAMETERS {
            let p = view.bytes(at, n.min(8))?;
            block = le(p, 0, 4);
            parent = le(p, 4, 4) & 2 != 0;
        } else if id == LOGICAL_SECTOR_SIZE {
            sector = le(view.bytes(at, n.min(4))?, 0, 4).max(512);
        }
    }
    if parent {
        f.variant = Some("differencing");
        f.backing_file = Some(String::new());
    }
    let size = f.virtual_size.unwrap_or(0);
    let guest = match bat {
        Some((at, _)) if block.is_power_of_two() && !parent && f.truncated_at.is_none() => {
            Some(Guest::Vhdx {
                bat: at,
                block,
                chunk: ((1u64 << 23) * sector / block).max(1),
                size,
            })
        }
        _ => None,
    };
    Ok((f, guest))
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

fn vmdk_descriptor(len: u64, head: &[u8]) -> ImageFacts {
    let mut f = ImageFacts::new(ImageFormat::Vmdk, len);
    f.variant = Some("descriptor");
    let text = String::from_utf8_lossy(head);
    let d = descriptor(&text);
    f.virtual_size = Some(d.extents.iter().map(|e| e.0 * 512).sum());
    f.other_files = d
        .extents
        .into_iter()
        .map(|e| e.1)
        .filter(|n| !n.is_empty())
        .collect();
    f.backing_file = d.parent;
    f
}

fn vmdk_sparse(view: &View<'_>, h: &[u8]) -> R<(ImageFacts, Option<Guest>)> {
    let mut f = ImageFacts::new(ImageFormat::Vmdk, view.len());
    f.virtual_size = Some(le(h, 12, 8).saturating_mul(512));
    let flags = le(h, 8, 4);
    let compressed = flags & (1 << 16) != 0;
    let (desc_at, desc_len) = (le(h, 28, 8), le(h, 36, 8));
    let mut create = None;
    if desc_at > 0 && desc_len > 0 {
        let text = view.bytes(
            desc_at.saturating_mul(512),
            desc_len.saturating_mul(512).min(65536) as usize,
        )?;
        let d = descriptor(&String::from_utf8_lossy(text));
        create = d.create;
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
    f.variant = Some(if stream {
        "streamOptimized"
    } else {
        "monolithicSparse"
    });
    if compressed {
        f.compression = Some("zlib");
    }
    f.dirty = h.get(72) == Some(&1);
    let (grain, per_gt, mut gd) = (le(h, 20, 8), le(h, 44, 4), le(h, 56, 8));
    f.needs(le(h, 64, 8).saturating_mul(512));
    if gd == u64::MAX && view.len() >= 1536 {
        // Written in one pass (streamOptimized): the grain directory's place is in the
        // footer, a copy of the header 1,024 bytes before the end.
        let footer = view.bytes(view.len() - 1024, 512)?;
        if footer.starts_with(b"KDMV") {
            gd = le(footer, 56, 8);
        }
    }
    let size = f.virtual_size.unwrap_or(0);
    // Grains up to 8 MiB: what a compressed one inflates to is held in memory.
    let guest = ((1..=16384).contains(&grain)
        && per_gt > 0
        && gd != u64::MAX
        && gd != 0
        && f.backing_file.is_none()
        && f.truncated_at.is_none())
    .then_some(Guest::Vmdk {
        grain: grain.saturating_mul(512),
        per_gt,
        gd: gd.saturating_mul(512),
        compressed,
        size,
    });
    Ok((f, guest))
}
