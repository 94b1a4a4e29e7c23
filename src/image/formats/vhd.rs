//! VHD (Microsoft's Virtual Hard Disk Image Format Specification): the footer, read as
//! qemu-img reads it (its size, its checksum), the dynamic header and the block allocation
//! table.

use super::{be, starts, Identified, R};
use crate::image::partitions::Guest;
use crate::image::{Damage, Field, ImageFacts, ImageFormat, Part, View};

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

/// A VHD from its footer (a copy at the start of the file, or the one at its end).
pub(super) fn identify(view: &View<'_>, footer: &[u8]) -> R<Identified> {
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
