//! VHDX ([MS-VHDX]): the region table, the metadata region and, in the walk, the block
//! allocation table.

use super::{le, starts, Identified, Walk, R, STRUCTURE};
use crate::image::partitions::Guest;
use crate::image::{Damage, Field, ImageFacts, ImageFormat, Part, View};

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
pub(super) fn identify(view: &View<'_>) -> R<Identified> {
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

/// The walk: the blocks the block allocation table points at must lie inside the file.
pub(super) fn walk(
    view: &View<'_>,
    f: &mut ImageFacts,
    bat: u64,
    bat_len: u64,
    block: u64,
    chunk: u64,
) -> R<()> {
    let len = view.len();
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
    Ok(())
}
