//! VMDK (VMware's Virtual Disk Format 5.0): descriptor files, sparse extents (monolithic
//! and streamOptimized) with their grain directory and tables, and the older COWD format,
//! which is only named.

use super::{le, starts, Identified, Walk, R, STRUCTURE};
use crate::image::partitions::Guest;
use crate::image::{Damage, Field, ImageFacts, ImageFormat, Part, View, MAX_READ};

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

pub(super) fn descriptor_file(len: u64, text: &[u8]) -> ImageFacts {
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

/// VMware's older sparse format (`COWD`): named, not read.
pub(super) fn cowd(len: u64) -> Identified {
    let mut f = ImageFacts::new(ImageFormat::Vmdk, len);
    f.variant = Some("COWD");
    (f, None, None)
}

/// A sparse VMDK's grain directory written after the grains (streamOptimized, in one
/// pass): its place is in the footer.
const GD_AT_END: u64 = u64::MAX;

pub(super) fn sparse(view: &View<'_>, h: &[u8]) -> R<Identified> {
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

/// The walk: the grain directory's tables, and the grains they point at, must lie inside
/// the file.
pub(super) fn walk(
    view: &View<'_>,
    f: &mut ImageFacts,
    gd: u64,
    tables: u64,
    per_gt: u64,
) -> R<()> {
    let len = view.len();
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
    if span > MAX_READ - STRUCTURE {
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
    Ok(())
}
