//! The guest disk inside an image: where its bytes are in the file, through the format's
//! block map, and its partition table (MBR or GPT) and EFI system partition.

use serde::Serialize;

use super::{Range, View};

type R<T> = Result<T, Range>;

/// The guest disk's partition table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum PartitionTable {
    /// A DOS (MBR) partition table.
    Mbr,
    /// A GUID partition table (behind a protective MBR).
    Gpt,
    /// Neither: the first sectors hold no partition table.
    None,
    /// Not readable offline (zstd-compressed, encrypted, in another file, not a disk image).
    Unknown,
}

/// How a format stores the guest disk: enough to find any guest byte.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Guest {
    /// The file is the disk (raw, fixed VHD).
    Identity { size: u64 },
    /// qcow2: L1 and L2 tables of clusters.
    Qcow2 {
        cluster_bits: u64,
        l1_offset: u64,
        l1_size: u64,
        /// Bytes per L2 entry (16 with extended L2).
        entry: u64,
        /// Unallocated clusters come from a backing file.
        backing: bool,
        /// Compressed clusters are raw deflate (compression type zlib), not zstd.
        deflate: bool,
        size: u64,
    },
    /// Dynamic or differencing VHD: a block allocation table.
    Vhd {
        bat: u64,
        block: u64,
        bitmap: u64,
        entries: u64,
        parent: bool,
        size: u64,
    },
    /// VHDX: a block allocation table with sector bitmaps interleaved every `chunk` blocks.
    Vhdx {
        bat: u64,
        block: u64,
        chunk: u64,
        size: u64,
    },
    /// Monolithic sparse VMDK: a grain directory of grain tables.
    Vmdk {
        grain: u64,
        per_gt: u64,
        gd: u64,
        /// Grains are zlib streams behind a 12-byte marker (streamOptimized).
        compressed: bool,
        size: u64,
    },
}

/// Where a guest byte is.
enum Place {
    /// In the file at this offset, followed by this many more bytes of the same block.
    File(u64, u64),
    /// In a compressed block: `len` bytes at `at` in the file inflate to `block` bytes,
    /// and the guest byte is `skip` bytes into them, followed by the rest of the block.
    Deflated {
        at: u64,
        len: u64,
        zlib: bool,
        block: u64,
        skip: u64,
    },
    /// Reads as zeros for this many bytes.
    Zero(u64),
    /// Not readable offline.
    Unknown,
}

fn be(b: &[u8]) -> u64 {
    b.iter().fold(0u64, |v, &x| (v << 8) | u64::from(x))
}

fn le(b: &[u8]) -> u64 {
    b.iter().rev().fold(0u64, |v, &x| (v << 8) | u64::from(x))
}

fn place(view: &View<'_>, guest: &Guest, g: u64) -> R<Place> {
    Ok(match *guest {
        Guest::Identity { size } => {
            if g >= size {
                Place::Zero(u64::MAX)
            } else {
                Place::File(g, size - g)
            }
        }
        Guest::Qcow2 {
            cluster_bits,
            l1_offset,
            l1_size,
            entry,
            backing,
            deflate,
            size,
        } => {
            if g >= size {
                return Ok(Place::Zero(u64::MAX));
            }
            let cluster = 1u64 << cluster_bits;
            let per_l2 = cluster / entry;
            let l1_index = g / (cluster * per_l2);
            if l1_index >= l1_size {
                return Ok(Place::Unknown);
            }
            let rest = cluster - g % cluster;
            let l2 =
                be(view.bytes(l1_offset.saturating_add(8 * l1_index), 8)?) & 0x00ff_ffff_ffff_fe00;
            if l2 == 0 {
                return Ok(if backing {
                    Place::Unknown
                } else {
                    Place::Zero(rest)
                });
            }
            let e = be(view.bytes(l2.saturating_add(entry * ((g / cluster) % per_l2)), 8)?);
            let at = e & 0x00ff_ffff_ffff_fe00;
            if e & (1 << 62) != 0 {
                if !deflate {
                    return Ok(Place::Unknown);
                }
                // A compressed cluster's descriptor: the host offset in the low x bits,
                // then the number of 512-byte sectors it spans after the first.
                let x = 62 - (cluster_bits - 8);
                let at = e & ((1 << x) - 1);
                let sectors = ((e >> x) & ((1 << (cluster_bits - 8)) - 1)) + 1;
                Place::Deflated {
                    at,
                    len: sectors * 512 - (at & 511),
                    zlib: false,
                    block: cluster,
                    skip: g % cluster,
                }
            } else if e & 1 != 0 || at == 0 {
                if backing && e & 1 == 0 {
                    Place::Unknown
                } else {
                    Place::Zero(rest)
                }
            } else {
                Place::File(at.saturating_add(g % cluster), rest)
            }
        }
        Guest::Vhd {
            bat,
            block,
            bitmap,
            entries,
            parent,
            size,
        } => {
            if g >= size {
                return Ok(Place::Zero(u64::MAX));
            }
            let index = g / block;
            if index >= entries {
                return Ok(Place::Unknown);
            }
            let rest = block - g % block;
            match be(view.bytes(bat.saturating_add(4 * index), 4)?) {
                0xFFFF_FFFF if parent => Place::Unknown,
                0xFFFF_FFFF => Place::Zero(rest),
                e => Place::File(
                    (e * 512).saturating_add(bitmap).saturating_add(g % block),
                    rest,
                ),
            }
        }
        Guest::Vhdx {
            bat,
            block,
            chunk,
            size,
        } => {
            if g >= size {
                return Ok(Place::Zero(u64::MAX));
            }
            let b = g / block;
            let e = le(view.bytes(bat.saturating_add((b + b / chunk).saturating_mul(8)), 8)?);
            let rest = block - g % block;
            match e & 7 {
                6 => Place::File(((e >> 20) << 20) + g % block, rest),
                0..=3 => Place::Zero(rest),
                _ => Place::Unknown,
            }
        }
        Guest::Vmdk {
            grain,
            per_gt,
            gd,
            compressed,
            size,
        } => {
            if g >= size {
                return Ok(Place::Zero(u64::MAX));
            }
            let index = g / grain;
            let rest = grain - g % grain;
            let table = le(view.bytes(gd.saturating_add(4 * (index / per_gt)), 4)?);
            if table == 0 {
                return Ok(Place::Zero(rest));
            }
            match le(view.bytes((table * 512).saturating_add(4 * (index % per_gt)), 4)?) {
                0 | 1 => Place::Zero(rest),
                e if compressed => {
                    // A grain marker: the grain's first sector (8 bytes), the compressed
                    // length (4 bytes), then the zlib stream.
                    let marker = view.bytes(e * 512, 12)?;
                    if marker.len() < 12 {
                        return Ok(Place::Unknown);
                    }
                    Place::Deflated {
                        at: e * 512 + 12,
                        len: le(&marker[8..12]).min(grain + 4096),
                        zlib: true,
                        block: grain,
                        skip: g % grain,
                    }
                }
                e => Place::File((e * 512).saturating_add(g % grain), rest),
            }
        }
    })
}

/// `n` bytes of the guest disk from guest offset `g`, or `None` when they cannot be read
/// offline.
fn guest_bytes(view: &View<'_>, guest: &Guest, g: u64, n: usize) -> R<Option<Vec<u8>>> {
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let at = g + out.len() as u64;
        let want = (n - out.len()) as u64;
        match place(view, guest, at)? {
            Place::Unknown => return Ok(None),
            Place::Zero(run) => out.resize(out.len() + run.min(want) as usize, 0),
            Place::File(offset, run) => {
                let take = run.min(want) as usize;
                let bytes = view.bytes(offset, take)?;
                out.extend_from_slice(bytes);
                // A block the file does not hold reads as zeros.
                out.resize(out.len() + (take - bytes.len()), 0);
            }
            Place::Deflated {
                at,
                len,
                zlib,
                block,
                skip,
            } => {
                let take = (block - skip).min(want) as usize;
                let data = view.bytes(at, len as usize)?;
                // A block that does not inflate to its whole size is damaged (qemu refuses
                // to read it too): not readable offline.
                let Some(block) = inflate(data, zlib, block as usize) else {
                    return Ok(None);
                };
                out.extend_from_slice(&block[skip as usize..skip as usize + take]);
            }
        }
    }
    Ok(Some(out))
}

/// A compressed block of `size` bytes inflated, or `None` when `data` does not inflate to
/// exactly that many (damaged, cut short, or a stream of another size).
fn inflate(data: &[u8], zlib: bool, size: usize) -> Option<Vec<u8>> {
    use miniz_oxide::inflate::{
        decompress_to_vec_with_limit, decompress_to_vec_zlib_with_limit, TINFLStatus,
    };
    let out = if zlib {
        decompress_to_vec_zlib_with_limit(data, size)
    } else {
        decompress_to_vec_with_limit(data, size)
    };
    let out = match out {
        Ok(out) => out,
        // The block is whole; what follows it in the sectors it spans is not read.
        Err(e) if e.status == TINFLStatus::HasMoreOutput => e.output,
        Err(_) => return None,
    };
    (out.len() == size).then_some(out)
}

/// The type GUID of an EFI system partition, as GPT stores it.
const ESP: [u8; 16] = [
    0x28, 0x73, 0x2A, 0xC1, 0x1F, 0xF8, 0xD2, 0x11, 0xBA, 0x4B, 0x00, 0xA0, 0xC9, 0x3E, 0xC9, 0x3B,
];

/// The guest's partition table and whether it has an EFI system partition.
pub(crate) fn read(view: &View<'_>, guest: &Guest) -> R<(PartitionTable, Option<bool>)> {
    let (Some(s0), Some(s1)) = (
        guest_bytes(view, guest, 0, 512)?,
        guest_bytes(view, guest, 512, 512)?,
    ) else {
        return Ok((PartitionTable::Unknown, None));
    };
    if s1.starts_with(b"EFI PART") {
        let lba = le(&s1[72..80]);
        let count = le(&s1[80..84]).min(1024);
        let size = le(&s1[84..88]).clamp(128, 4096);
        let n = (count * size).min(32 * 1024) as usize;
        let efi = guest_bytes(view, guest, lba.saturating_mul(512), n)?.map(|e| {
            e.chunks(size as usize)
                .any(|c| c.len() >= 16 && c[..16] == ESP)
        });
        return Ok((PartitionTable::Gpt, efi));
    }
    if s0[510..512] == [0x55, 0xAA] {
        let efi = (0..4).any(|i| s0[446 + 16 * i + 4] == 0xEF);
        return Ok((PartitionTable::Mbr, Some(efi)));
    }
    Ok((PartitionTable::None, Some(false)))
}
