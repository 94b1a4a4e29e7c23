//! The English messages of the image rules.

use super::*;

/// The image rules' messages.
pub(super) fn image(m: &ImageMsg<'_>) -> String {
    use ImageMsg::*;
    match m {
        ImageUnsupported { format, disk, profile, allowed } => format!(
            "the file is {} {format} {}, which the {profile} profile does not import (it imports {})",
            if format.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" },
            if *disk { "disk image" } else if *format == "iso" { "CD image" } else { "archive or compressed file" },
            allowed.join(", ")
        ),
        ImageUnsupportedHelp { archive: true } => "extract the disk image from it and upload that file".into(),
        ImageUnsupportedHelp { archive: false } => "convert it to one of those formats first, for example with `qemu-img convert -O qcow2`".into(),
        ImageFormatMismatch { name: n, given, actual } => {
            format!("{} is {given}, but the file is {actual}", name(n))
        }
        ImageDepends { how, file } => {
            let what = match how {
                Dependency::Backing => "a backing file",
                Dependency::Parent => "its parent disk",
                Dependency::DataFile => "an external data file",
                Dependency::Extent => "extents in other files",
                Dependency::SplitExtent => "the descriptor and the other extents of the split VMDK it is one extent of",
            };
            if file.is_empty() {
                format!("the image reads part of its data from {what}, which is not uploaded with it")
            } else {
                format!("the image reads part of its data from {what} ({}), which is not uploaded with it", show(file))
            }
        }
        ImageDependsHelp { format } => format!(
            "write a self-contained copy first, for example: `qemu-img convert -O {} disk out`",
            if *format == "vhd" { "vpc" } else { format }
        ),
        ImageEncrypted => "the image's data is encrypted".into(),
        ImageEncryptedHelp => "write a decrypted copy first (`qemu-img convert` with the key) and upload that".into(),
        ImageTruncated { len, need } => {
            format!("the file is {len} bytes, but its headers say it holds at least {need}: it was cut short")
        }
        ImageCorrupt => "the image's metadata is marked corrupt".into(),
        ImageDamagedHelp => "upload a complete copy; `qemu-img check` tells what is wrong with this one".into(),
        ImageRawAlignment { len } => format!("the RAW file is {len} bytes, not a whole number of 512-byte sectors"),
        ImageTooSmall { name: n, given, need, bytes } => format!(
            "{} is {given} GiB, but the image's virtual size is {bytes} bytes, which needs {need} GiB",
            name(n)
        ),
        ImageTooSmallHelp { need } => format!("set it to {need} or more, or leave it out and let the service measure the image"),
        ImageSizeRange { need, min, max, n } => format!(
            "the image's virtual size needs {need} GiB, outside the {min} to {max} GiB that disk {n} takes"
        ),
        ImageSizeRangeHelp => "resize the image (`qemu-img resize`) to fit the disk's range".into(),
        ImageBootBios => "the disk boots with UEFI (a GPT with an EFI system partition), but the import uses BootMode BIOS".into(),
        ImageBootNoEfi { arm: true } => "arm64 boots with UEFI, but the disk has no EFI system partition".into(),
        ImageBootNoEfi { arm: false } => "the import uses BootMode UEFI, but the disk has no EFI system partition".into(),
        ImageBootHelp => "set BootMode to how the disk boots, or check that this is the right disk".into(),
        ImageExtension { object, ext, actual } => format!(
            "the object {} has the extension .{}, but the file is {actual}",
            show(object),
            ext.to_ascii_lowercase()
        ),
        ImageExtensionHelp { actual } => format!("name the object after its format (.{actual})"),
        RequestUnreadableForImage { reason } => {
            format!("the request could not be read ({reason}), so the image was checked against the profile only")
        }
        ImageDamage { damage, len } => damage_en(damage, *len),
        ImageUnknown { read } => format!(
            "what the file is could not be established: {read} bytes were read before the inspector's bound (64 reads, 8 MB) was reached"
        ),
        NoSuchDisk { n: 0, .. } => "there is no disk 0: the request's disks are numbered from 1".into(),
        NoSuchDisk { n, disks } if disks.is_empty() => format!("the request has no disk {n}: it names no disks"),
        NoSuchDisk { n, disks } => format!("the request has no disk {n}: its disks are {}", numbers(disks, ", ")),
        NoSuchDiskHelp { disks } if disks.is_empty() => "add the disk to DiskDeviceMapping, or check the image without the request".into(),
        NoSuchDiskHelp { disks } => format!("name one of the request's disks ({})", numbers(disks, ", ")),
        ImageNotVerified => "not every check of the file could be made within the inspector's read bound (64 reads, 8 MB): what the unread tables would show (whether the file holds every block they point at, the partition table) is unknown, not passed".into(),
        ImageNotVerifiedHelp => "before the upload, run `qemu-img check` on the file (and `qemu-img info` for what it is)".into(),
    }
}

fn numbers(n: &[u32], sep: &str) -> String {
    n.iter().map(u32::to_string).collect::<Vec<_>>().join(sep)
}

fn part_en(p: crate::image::Part) -> &'static str {
    use crate::image::Part::*;
    match p {
        Header => "header",
        L1Table => "L1 table",
        L2Table => "L2 table",
        RefcountTable => "refcount table",
        RefcountBlock => "refcount block",
        Cluster => "last cluster in use",
        GrainDirectory => "grain directory",
        GrainTable => "grain table",
        Descriptor => "embedded descriptor",
        Footer => "footer",
        DynamicHeader => "dynamic disk header",
        BlockTable => "block allocation table",
        Block => "last data block",
        RegionTable => "region table",
        Metadata => "metadata region",
    }
}

fn damage_en(d: &crate::image::Damage, len: u64) -> String {
    use crate::image::{Damage::*, Field};
    match *d {
        Empty => "the file is empty".into(),
        ShortRead { at } => format!(
            "reading stopped at byte {at}, though the file's length is {len} bytes: it is shorter than it says, or it changed while it was read"
        ),
        PastEnd { part, at, need } => format!(
            "the {} at byte {at} lies past the end of the file, which is {len} bytes and needs at least {need}: the copy was cut short",
            part_en(part)
        ),
        Refused { field, value } => {
            let what = match field {
                Field::Version => format!("its version is {value}, which qemu does not know"),
                Field::ClusterBits => format!("cluster_bits is {value}; qemu accepts 9 to 21 (512-byte to 2 MiB clusters)"),
                Field::IncompatibleFeatures => format!("incompatible feature bits {value:#x} are set, which qemu does not know"),
                Field::HeaderLength => format!("header_length is {value}; qemu needs at least 104 and at most one cluster"),
                Field::RefcountOrder => format!("refcount_order is {value}; qemu accepts at most 6"),
                Field::EncryptionMethod => format!("encryption method {value} is not one qemu knows"),
                Field::BlockSize => format!("the block size is {value} bytes, which qemu refuses"),
                Field::GrainSize => format!("the grain or grain table size ({value}) is outside what qemu accepts"),
                Field::VirtualSize => format!("the virtual size is {value} bytes, more than the 2040 GiB qemu opens"),
                Field::HeaderExtension => format!("a header extension claims {value} bytes, more than the room left for extensions"),
            };
            format!("the header is one qemu refuses to open: {what}")
        }
        Unaligned { part, offset } => format!(
            "the {} is at byte {offset}, not on a cluster boundary: qemu refuses to open the image",
            part_en(part)
        ),
        Missing { part } => format!("the {} is missing or unreadable where the header says it is", part_en(part)),
        Checksum => "the VHD footer's checksum is wrong: qemu refuses to open the file".into(),
        GptBeyondDisk { need } => format!(
            "the GPT says the disk holds at least {need} bytes, but it is shorter: its end, with the backup GPT header, is missing"
        ),
    }
}
