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
            let both = view.bytes(
                l2.saturating_add(entry * ((g / cluster) % per_l2)),
                entry as usize,
            )?;
            let e = be(both.get(..8).unwrap_or(&[]));
            let at = e & 0x00ff_ffff_ffff_fe00;
            if entry == 16 && e & (1 << 62) == 0 {
                // Extended L2: 32 sub-clusters, each allocated (low bits of the bitmap),
                // reading as zeros (high bits), or neither (the backing file's, or zeros).
                let bitmap = be(both.get(8..16).unwrap_or(&[]));
                let sub = cluster / 32;
                let i = (g % cluster) / sub;
                let rest = sub - g % sub;
                return Ok(if bitmap >> (32 + i) & 1 != 0 {
                    Place::Zero(rest)
                } else if bitmap >> i & 1 != 0 && at != 0 {
                    Place::File(at.saturating_add(g % cluster), rest)
                } else if backing {
                    Place::Unknown
                } else {
                    Place::Zero(rest)
                });
            }
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
                6 => Place::File(((e >> 20) << 20).saturating_add(g % block), rest),
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
        let at = g.saturating_add(out.len() as u64);
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

/// The type GUID of a BIOS boot partition (GRUB's core image on a GPT disk booted by BIOS).
const BIOS_BOOT: [u8; 16] = *b"Hah!IdontNeedEFI";

/// The guest's partition layout, as sfdisk and blkid read it.
pub(crate) struct Layout {
    pub table: PartitionTable,
    /// The logical sector size the table was found with.
    pub sector: Option<u32>,
    pub efi: Option<bool>,
    pub bios_boot: Option<bool>,
    /// The disk size the GPT needs, when the disk is shorter.
    pub gpt_need: Option<u64>,
}

impl Layout {
    fn unknown() -> Layout {
        Layout {
            table: PartitionTable::Unknown,
            sector: None,
            efi: None,
            bios_boot: None,
            gpt_need: None,
        }
    }
}

impl Guest {
    fn size(&self) -> u64 {
        match *self {
            Guest::Identity { size }
            | Guest::Qcow2 { size, .. }
            | Guest::Vhd { size, .. }
            | Guest::Vhdx { size, .. }
            | Guest::Vmdk { size, .. } => size,
        }
    }
}

/// CRC-32 (IEEE), as GPT checksums its header and entries.
fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    };
    !data.iter().fold(!0u32, |c, &b| {
        TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8)
    })
}

/// The most GPT entry bytes read (sfdisk's usual array is 16 KiB).
const MAX_ENTRIES: u64 = 1 << 20;

/// What a GPT header and its entries say, if the header at `lba` is valid.
struct Gpt {
    efi: Option<bool>,
    bios_boot: Option<bool>,
    /// The LBA of the other header.
    alternate: u64,
}

fn gpt_at(view: &View<'_>, guest: &Guest, sector: u64, lba: u64) -> R<Option<Gpt>> {
    let Some(h) = guest_bytes(view, guest, lba.saturating_mul(sector), sector as usize)? else {
        return Ok(None);
    };
    let header_len = le(&h[12..16]);
    if !h.starts_with(b"EFI PART") || !(92..=sector).contains(&header_len) || le(&h[24..32]) != lba
    {
        return Ok(None);
    }
    let mut check = h[..header_len as usize].to_vec();
    check[16..20].fill(0);
    if crc32(&check) != le(&h[16..20]) as u32 {
        return Ok(None);
    }
    let entries_lba = le(&h[72..80]);
    let (count, size) = (le(&h[80..84]), le(&h[84..88]));
    if size < 128 || !size.is_power_of_two() {
        return Ok(None);
    }
    let all = count.saturating_mul(size);
    let n = all.min(MAX_ENTRIES);
    let Some(entries) = guest_bytes(view, guest, entries_lba.saturating_mul(sector), n as usize)?
    else {
        return Ok(Some(Gpt {
            efi: None,
            bios_boot: None,
            alternate: le(&h[32..40]),
        }));
    };
    if n == all && crc32(&entries) != le(&h[88..92]) as u32 {
        // Entries that do not match their checksum: sfdisk takes the other copy.
        return Ok(None);
    }
    let has = |kind: &[u8; 16]| {
        let found = entries.chunks(size as usize).any(|c| c.starts_with(kind));
        // An entry beyond what was read is unknown, not absent.
        (found || n == all).then_some(found)
    };
    Ok(Some(Gpt {
        efi: has(&ESP),
        bios_boot: has(&BIOS_BOOT),
        alternate: le(&h[32..40]),
    }))
}

/// The MBR types of an extended partition (CHS, LBA, Linux).
const EXTENDED: [u8; 3] = [0x05, 0x0F, 0x85];

/// The most logical partitions followed in an extended partition's chain.
const MAX_LOGICAL: usize = 16;

/// The guest's partition table, as sfdisk and blkid read it: a GPT only behind a
/// protective MBR (an 0xEE entry), from its primary header or, when that is damaged, its
/// backup at the disk's last sector, with 512- or 4096-byte sectors; else the MBR and the
/// logical partitions of its extended partition.
pub(crate) fn read(view: &View<'_>, guest: &Guest) -> R<Layout> {
    let Some(s0) = guest_bytes(view, guest, 0, 512)? else {
        return Ok(Layout::unknown());
    };
    if s0[510..512] != [0x55, 0xAA] {
        return Ok(Layout {
            table: PartitionTable::None,
            sector: None,
            efi: Some(false),
            bios_boot: None,
            gpt_need: None,
        });
    }
    let entry = |i: usize| &s0[446 + 16 * i..446 + 16 * (i + 1)];
    if (0..4).any(|i| entry(i)[4] == 0xEE) {
        let size = guest.size();
        for sector in [512u64, 4096] {
            let last = (size / sector).saturating_sub(1);
            let mut need = None;
            let primary = gpt_at(view, guest, sector, 1)?.filter(|g| {
                // A primary header whose disk is longer than this one is refused (sfdisk
                // and blkid then read the disk as a protective MBR alone): the disk lost
                // its end, or was shrunk under its partitions.
                let n = g.alternate.saturating_add(1).saturating_mul(sector);
                need = need.or((n > size).then_some(n));
                n <= size
            });
            let gpt = match primary {
                Some(g) => Some(g),
                None => gpt_at(view, guest, sector, last)?,
            };
            if let Some(g) = gpt {
                return Ok(Layout {
                    table: PartitionTable::Gpt,
                    sector: Some(sector as u32),
                    efi: g.efi,
                    bios_boot: g.bios_boot,
                    gpt_need: need,
                });
            }
            if need.is_some() {
                return Ok(Layout {
                    gpt_need: need,
                    ..Layout::unknown()
                });
            }
        }
        // A protective MBR without a GPT behind it: neither tool can say what the disk is.
        return Ok(Layout::unknown());
    }
    let mut efi = (0..4).any(|i| entry(i)[4] == 0xEF);
    let mut known = true;
    if let Some(ext) = (0..4).find(|&i| EXTENDED.contains(&entry(i)[4])) {
        let base = le(&entry(ext)[8..12]);
        let mut ebr = base;
        let mut seen = Vec::new();
        while !efi && seen.len() < MAX_LOGICAL && !seen.contains(&ebr) {
            seen.push(ebr);
            let Some(s) = guest_bytes(view, guest, ebr.saturating_mul(512), 512)? else {
                known = false;
                break;
            };
            if s[510..512] != [0x55, 0xAA] {
                break;
            }
            efi = s[446 + 4] == 0xEF;
            let next = le(&s[462 + 8..462 + 12]);
            if !EXTENDED.contains(&s[462 + 4]) || next == 0 {
                break;
            }
            ebr = base.saturating_add(next);
        }
        if seen.len() == MAX_LOGICAL && !efi {
            known = false;
        }
    }
    Ok(Layout {
        table: PartitionTable::Mbr,
        sector: Some(512),
        efi: (efi || known).then_some(efi),
        bios_boot: None,
        gpt_need: None,
    })
}
