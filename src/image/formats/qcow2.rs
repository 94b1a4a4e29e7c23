//! qcow2 (QEMU's docs/interop/qcow2.txt): the header and its extensions, the checks qemu
//! makes when it opens one, and the refcounts checked against the end of the file.

use super::{be, Identified, Walk, R, STRUCTURE};
use crate::image::partitions::Guest;
use crate::image::{Damage, Field, ImageFacts, ImageFormat, Part, View};

/// qcow2's incompatible feature bits qemu knows: dirty, corrupt, external data file,
/// compression type, extended L2 entries.
const QCOW2_KNOWN_INCOMPATIBLE: u64 = 0x1f;

pub(super) fn identify(view: &View<'_>, h: &[u8]) -> R<Identified> {
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

/// The walk: the last cluster the refcounts say is in use must start inside the file, as
/// `qemu-img check` requires.
pub(super) fn walk(
    view: &View<'_>,
    f: &mut ImageFacts,
    cluster_bits: u64,
    refcount_offset: u64,
    refcount_clusters: u64,
    refcount_order: u64,
) -> R<()> {
    let len = view.len();
    let cluster = 1u64 << cluster_bits;
    // Every cluster in use, metadata (L2 tables, refcount blocks) and data alike, is
    // counted in the refcounts: the last one must start inside the file, as
    // `qemu-img check` requires.
    let whole = refcount_clusters.saturating_mul(cluster);
    // At least one whole cluster of the table is read (qemu's largest cluster is 2 MiB), so a
    // table of one cluster, the usual case, is always read whole.
    let table = view.bytes(refcount_offset, whole.min(STRUCTURE.max(cluster)) as usize)?;
    if (table.len() as u64) < whole {
        // A table longer than that (more than 256 TiB of 64 KiB clusters, or 4 GiB of
        // 512-byte ones): what its unread entries count is unknown.
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
    Ok(())
}
