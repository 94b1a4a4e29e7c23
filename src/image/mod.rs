//! What a disk image file is, from its headers, without reading it: a sans-I/O inspector.
//!
//! The [`Inspector`] is told the file's length, asks for the byte ranges it needs (headers,
//! footers, a few metadata tables, the guest's first sectors through the format's block
//! map), is fed them, and ends with [`ImageFacts`]. It never reads by itself: the CLI feeds
//! it from a file, the npm package from `Blob.slice()` or a file handle, tests from memory.
//! It asks for at most [`MAX_READ`] bytes in at most [`MAX_REQUESTS`] ranges, whatever the
//! file claims and whatever the reader returns (a short read is the end of the file), so a
//! 100 GB image costs a few reads and a hostile one cannot make it loop.
//!
//! What it cannot establish is said to be unknown, never guessed: a file whose headers it
//! recognises is named ([`ImageFormat`]), `raw` means that no known header is present, and
//! [`ImageFormat::Unknown`] that the file could not be read far enough to tell.
//!
//! ```
//! use importimage_lint::image::{inspect_bytes, ImageFormat};
//! let mut disk = vec![0u8; 1 << 20];
//! disk[510] = 0x55;
//! disk[511] = 0xAA;
//! let facts = inspect_bytes(&disk);
//! assert_eq!(facts.format, ImageFormat::Raw);
//! assert_eq!(facts.virtual_size, Some(1 << 20));
//! ```

use serde::Serialize;

mod formats;
mod partitions;

pub use partitions::PartitionTable;

/// The most bytes an inspection reads, in all.
pub const MAX_READ: u64 = 8 << 20;
/// The most ranges an inspection asks for.
pub const MAX_REQUESTS: usize = 64;

/// What a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ImageFormat {
    /// No header the inspector knows: the guest's bytes as they are (a raw disk).
    Raw,
    /// Microsoft Virtual PC / Hyper-V VHD.
    Vhd,
    /// Hyper-V VHDX.
    Vhdx,
    /// QEMU copy-on-write, version 2 or 3.
    Qcow2,
    /// VMware VMDK.
    Vmdk,
    /// VirtualBox VDI.
    Vdi,
    /// QEMU enhanced disk (QED).
    Qed,
    /// Parallels / Virtuozzo disk.
    Parallels,
    /// The legacy QEMU copy-on-write format, version 1 (`qcow`, not qcow2).
    Qcow,
    /// A LUKS encrypted container (what `qemu-img` calls `luks`).
    Luks,
    /// A compressed loopback image (`cloop`).
    Cloop,
    /// An Apple disk image (`dmg`, UDIF).
    Dmg,
    /// A Bochs growing disk.
    Bochs,
    /// An ISO 9660 CD image.
    Iso,
    /// gzip-compressed data.
    Gzip,
    /// xz-compressed data.
    Xz,
    /// zstd-compressed data.
    Zstd,
    /// bzip2-compressed data.
    Bzip2,
    /// A zip archive.
    Zip,
    /// A tar archive.
    Tar,
    /// An OVF package (a tar archive that starts with an `.ovf` descriptor).
    Ova,
    /// Not established: the file is empty, or could not be read far enough to tell.
    Unknown,
}

impl ImageFormat {
    /// The lower-case name (`qcow2`), as `qemu-img` names the disk formats.
    pub fn name(self) -> &'static str {
        match self {
            ImageFormat::Raw => "raw",
            ImageFormat::Vhd => "vhd",
            ImageFormat::Vhdx => "vhdx",
            ImageFormat::Qcow2 => "qcow2",
            ImageFormat::Vmdk => "vmdk",
            ImageFormat::Vdi => "vdi",
            ImageFormat::Qed => "qed",
            ImageFormat::Parallels => "parallels",
            ImageFormat::Qcow => "qcow",
            ImageFormat::Luks => "luks",
            ImageFormat::Cloop => "cloop",
            ImageFormat::Dmg => "dmg",
            ImageFormat::Bochs => "bochs",
            ImageFormat::Iso => "iso",
            ImageFormat::Gzip => "gzip",
            ImageFormat::Xz => "xz",
            ImageFormat::Zstd => "zstd",
            ImageFormat::Bzip2 => "bzip2",
            ImageFormat::Zip => "zip",
            ImageFormat::Tar => "tar",
            ImageFormat::Ova => "ova",
            ImageFormat::Unknown => "unknown",
        }
    }

    /// Whether it is a virtual disk format (not an archive, a compressed file, a CD image,
    /// or unknown).
    pub fn is_disk(self) -> bool {
        matches!(
            self,
            ImageFormat::Raw
                | ImageFormat::Vhd
                | ImageFormat::Vhdx
                | ImageFormat::Qcow2
                | ImageFormat::Vmdk
                | ImageFormat::Vdi
                | ImageFormat::Qed
                | ImageFormat::Parallels
                | ImageFormat::Qcow
                | ImageFormat::Luks
                | ImageFormat::Cloop
                | ImageFormat::Dmg
                | ImageFormat::Bochs
        )
    }
}

/// A structure of an image file, named in [`Damage`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Part {
    /// The format's header.
    Header,
    /// qcow2's L1 table.
    L1Table,
    /// A qcow2 L2 table.
    L2Table,
    /// qcow2's refcount table.
    RefcountTable,
    /// A qcow2 refcount block.
    RefcountBlock,
    /// A cluster (qcow2) or grain (VMDK) of guest data or metadata.
    Cluster,
    /// A VMDK grain directory.
    GrainDirectory,
    /// A VMDK grain table.
    GrainTable,
    /// A VMDK's embedded descriptor.
    Descriptor,
    /// The footer (VHD, streamOptimized VMDK).
    Footer,
    /// A dynamic VHD's header.
    DynamicHeader,
    /// A block allocation table (VHD, VHDX).
    BlockTable,
    /// A data block (VHD, VHDX).
    Block,
    /// VHDX's region table.
    RegionTable,
    /// VHDX's metadata region or one of its items.
    Metadata,
}

/// What is wrong with an image, as `qemu-img info` or `qemu-img check` would find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Damage {
    /// The file is empty.
    Empty,
    /// The reader ended at byte `at`, before the file's stated length: the file is shorter
    /// than it says, or changed while it was read.
    ShortRead {
        /// Where the reader ended.
        at: u64,
    },
    /// A structure starts at or reaches past the end of the file (a copy cut short).
    PastEnd {
        /// Which.
        part: Part,
        /// Where it starts.
        at: u64,
        /// The least file length it needs.
        need: u64,
    },
    /// A header field holds a value qemu refuses to open.
    Refused {
        /// Which field.
        field: Field,
        /// Its value.
        value: u64,
    },
    /// A structure's offset is not aligned as the format requires.
    Unaligned {
        /// Which.
        part: Part,
        /// Its offset.
        offset: u64,
    },
    /// A structure is missing or unreadable where the header says it is.
    Missing {
        /// Which.
        part: Part,
    },
    /// The VHD footer's checksum is wrong (qemu refuses the file).
    Checksum,
    /// The disk is shorter than its GPT says: the backup header belongs at `need` bytes.
    GptBeyondDisk {
        /// The guest disk size the GPT needs, in bytes.
        need: u64,
    },
}

/// A header field qemu checks, named in [`Damage::Refused`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Field {
    /// The format's version.
    Version,
    /// qcow2's cluster_bits (qemu accepts 9 to 21).
    ClusterBits,
    /// qcow2's incompatible feature bits that qemu does not know.
    IncompatibleFeatures,
    /// qcow2's header_length.
    HeaderLength,
    /// qcow2's refcount_order (at most 6).
    RefcountOrder,
    /// qcow2's encryption method.
    EncryptionMethod,
    /// The block size (VHD, VHDX).
    BlockSize,
    /// The grain size or grain table size (VMDK).
    GrainSize,
    /// The virtual size (VHD: at most 2040 GiB).
    VirtualSize,
    /// A qcow2 header extension's length: more than the room left for extensions.
    HeaderExtension,
}

/// What the inspector found. Fields that do not apply to the format are `None` or empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ImageFacts {
    /// What the file is.
    pub format: ImageFormat,
    /// The format's variant: `v2`/`v3` (qcow2), `fixed`/`dynamic`/`differencing` (VHD),
    /// `monolithicSparse`/`streamOptimized`/`descriptor`/`extent` (VMDK; `extent` is a
    /// sparse extent without a descriptor, one part of a split disk).
    pub variant: Option<&'static str>,
    /// The guest disk's size in bytes, as qemu-img reports it.
    pub virtual_size: Option<u64>,
    /// The file's length in bytes, as the reader stated it.
    pub file_size: u64,
    /// The file the image reads unwritten data from (qcow2 backing file, the parent of a
    /// differencing VHD, a VMDK's extents in other files).
    pub backing_file: Option<String>,
    /// Files the image's data lives in besides itself (qcow2 external data file, VMDK
    /// extents).
    pub other_files: Vec<String>,
    /// Whether the data is encrypted (qcow2 AES or LUKS, a LUKS container).
    pub encrypted: bool,
    /// The compression its clusters or grains use (`zlib`, `zstd`), if any may be.
    pub compression: Option<&'static str>,
    /// qcow2's dirty bit: the image was not closed cleanly.
    pub dirty: bool,
    /// qcow2's corrupt bit: qemu found the metadata inconsistent.
    pub corrupt: bool,
    /// VHD: whether the footer's checksum is right.
    pub checksum_ok: Option<bool>,
    /// The file is shorter than its headers say (the least length they need, in bytes).
    pub truncated_at: Option<u64>,
    /// What is wrong with the file, as qemu-img would find it (empty when nothing is).
    pub damage: Vec<Damage>,
    /// The partition table of the guest disk, read through the format's block map.
    pub partition_table: PartitionTable,
    /// The guest's logical sector size the partition table was found with (512 or 4096).
    pub sector_size: Option<u32>,
    /// Whether the guest disk has an EFI system partition (`None` when unknown).
    pub efi_partition: Option<bool>,
    /// Whether a GPT guest disk has a BIOS boot partition (`None` when unknown or not GPT).
    pub bios_boot_partition: Option<bool>,
    /// How many bytes the inspection read.
    pub bytes_read: u64,
    /// How many ranges it asked for.
    pub reads: usize,
    /// Whether every check was made: `false` when the read bound stopped one (what it would
    /// have found is unknown).
    pub complete: bool,
}

impl ImageFacts {
    pub(crate) fn new(format: ImageFormat, file_size: u64) -> ImageFacts {
        ImageFacts {
            format,
            variant: None,
            virtual_size: None,
            file_size,
            backing_file: None,
            other_files: Vec::new(),
            encrypted: false,
            compression: None,
            dirty: false,
            corrupt: false,
            checksum_ok: None,
            truncated_at: None,
            damage: Vec::new(),
            partition_table: PartitionTable::Unknown,
            sector_size: None,
            efi_partition: None,
            bios_boot_partition: None,
            bytes_read: 0,
            reads: 0,
            complete: true,
        }
    }

    /// Records that `part`, at `at`, needs the file to be at least `need` bytes long.
    /// `len` is the file's length as read.
    fn past_end(&mut self, part: Part, at: u64, need: u64, len: u64) {
        if need > len {
            self.truncated_at = Some(self.truncated_at.map_or(need, |t| t.max(need)));
            if !self
                .damage
                .iter()
                .any(|d| matches!(d, Damage::PastEnd { part: p, .. } if *p == part))
            {
                self.damage.push(Damage::PastEnd { part, at, need });
            }
        }
    }

    /// Records damage, once.
    fn damaged(&mut self, d: Damage) {
        if !self.damage.contains(&d) {
            self.damage.push(d);
        }
    }

    /// Whether anything is wrong with the file.
    pub fn is_damaged(&self) -> bool {
        !self.damage.is_empty() || self.corrupt
    }
}

/// A byte range the inspector asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// Where it starts in the file.
    pub offset: u64,
    /// How many bytes (the file may end before).
    pub len: usize,
}

/// Bytes of the file read so far; the analysis asks for what it lacks.
pub(crate) struct View<'c> {
    len: u64,
    cache: &'c [(u64, Vec<u8>)],
}

impl View<'_> {
    /// `n` bytes at `offset` (fewer where the file ends), or the range to read first.
    pub(crate) fn bytes(&self, offset: u64, n: usize) -> Result<&[u8], Range> {
        if offset >= self.len || n == 0 {
            return Ok(&[]);
        }
        let n = n.min((self.len - offset).min(usize::MAX as u64) as usize);
        let end = offset + n as u64;
        for (at, data) in self.cache {
            if *at <= offset && end <= at.saturating_add(data.len() as u64) {
                let start = (offset - at) as usize;
                return Ok(&data[start..start + n]);
            }
        }
        Err(Range { offset, len: n })
    }

    /// The file's length (as far as it could be read).
    pub(crate) fn len(&self) -> u64 {
        self.len
    }
}

/// The inspection, resumable: ask [`Inspector::next_range`] what to read, give it with
/// [`Inspector::feed`], and when it says `None`, take [`Inspector::finish`].
///
/// The analysis is re-run from the start on what has been read each time it needs more:
/// headers parse in microseconds, and this keeps the format code straight-line. Whatever
/// `feed` is given, the inspection ends within [`MAX_REQUESTS`] ranges and [`MAX_READ`]
/// bytes: fewer bytes than asked mean the file ends there, more are cut to what was asked.
#[derive(Debug)]
pub struct Inspector {
    /// The length the file was said to have.
    stated: u64,
    /// The length as read: `stated`, or where a short read ended.
    len: u64,
    cache: Vec<(u64, Vec<u8>)>,
    read: u64,
    asked: Option<Range>,
    done: Option<ImageFacts>,
}

impl Inspector {
    /// An inspection of a file of `len` bytes.
    pub fn new(len: u64) -> Inspector {
        Inspector {
            stated: len,
            len,
            cache: Vec::new(),
            read: 0,
            asked: None,
            done: None,
        }
    }

    fn view(&self) -> View<'_> {
        View {
            len: self.len,
            cache: &self.cache,
        }
    }

    /// The next range to read, or `None` when the inspection is complete.
    pub fn next_range(&mut self) -> Option<Range> {
        if self.done.is_some() {
            return None;
        }
        let left = MAX_READ.saturating_sub(self.read);
        let budget = self.cache.len() < MAX_REQUESTS && left > 0;
        match formats::analyze(&self.view(), budget) {
            Ok(facts) => {
                self.done = Some(self.complete(facts));
                None
            }
            Err(range) if budget && range.len as u64 <= left => {
                self.asked = Some(range);
                Some(range)
            }
            // The bound is reached. Without budget, the analysis just made was already the
            // one that asks for nothing more.
            Err(_) => {
                self.done = Some(self.stopped(budget));
                None
            }
        }
    }

    /// The facts when the bound stops the inspection: analysed once more without asking
    /// for anything (when `again`); what is still unread stays unknown.
    fn stopped(&self, again: bool) -> ImageFacts {
        let facts = again
            .then(|| formats::analyze(&self.view(), false).ok())
            .flatten()
            .unwrap_or_else(|| ImageFacts::new(ImageFormat::Unknown, self.stated));
        let mut facts = self.complete(facts);
        facts.complete = false;
        facts
    }

    /// The facts as analysed, with what the reading itself found.
    fn complete(&self, mut facts: ImageFacts) -> ImageFacts {
        facts.file_size = self.stated;
        facts.bytes_read = self.read;
        facts.reads = self.cache.len();
        if self.stated == 0 {
            facts = ImageFacts::new(ImageFormat::Unknown, 0);
            facts.damage.push(Damage::Empty);
        } else if self.len < self.stated {
            if self.len == 0 {
                facts = ImageFacts {
                    bytes_read: self.read,
                    reads: self.cache.len(),
                    ..ImageFacts::new(ImageFormat::Unknown, self.stated)
                };
            }
            facts.damage.insert(0, Damage::ShortRead { at: self.len });
            facts.truncated_at = Some(facts.truncated_at.unwrap_or(0).max(self.stated));
        }
        facts
    }

    /// The bytes of the range `next_range` asked for, read at `offset`. Fewer than asked
    /// mean that the file ends there (it is shorter than its stated length); more than
    /// asked are ignored.
    pub fn feed(&mut self, offset: u64, bytes: &[u8]) {
        let asked = self.asked.take();
        let want = match asked {
            Some(r) if r.offset == offset => r.len,
            // Not what was asked: kept, but it says nothing of where the file ends.
            _ => bytes.len().min(MAX_READ as usize),
        };
        let bytes = &bytes[..bytes.len().min(want)];
        if asked.is_some_and(|r| r.offset == offset) && bytes.len() < want {
            // A short read: the file ends here.
            self.len = self.len.min(offset.saturating_add(bytes.len() as u64));
        }
        self.read = self.read.saturating_add(bytes.len() as u64);
        self.cache.push((offset, bytes.to_vec()));
    }

    /// The facts, once `next_range` has said `None` (before, what is known so far; what is
    /// not read yet stays unknown).
    pub fn finish(mut self) -> ImageFacts {
        match self.done.take() {
            Some(facts) => facts,
            None => self.stopped(true),
        }
    }
}

/// Inspects an image held in memory.
pub fn inspect_bytes(file: &[u8]) -> ImageFacts {
    let mut i = Inspector::new(file.len() as u64);
    while let Some(r) = i.next_range() {
        let start = r.offset.min(file.len() as u64) as usize;
        let end = start.saturating_add(r.len).min(file.len());
        i.feed(r.offset, &file[start..end]);
    }
    i.finish()
}

/// Inspects an image from anything that reads and seeks, such as a file: a few positioned
/// reads, whatever its size. A read that ends early (the file was cut while it was read)
/// is the end of the file, reported as damage.
pub fn inspect<R: std::io::Read + std::io::Seek>(r: &mut R) -> std::io::Result<ImageFacts> {
    use std::io::{Read, SeekFrom};
    let len = r.seek(SeekFrom::End(0))?;
    let mut i = Inspector::new(len);
    let mut buf = Vec::new();
    while let Some(range) = i.next_range() {
        r.seek(SeekFrom::Start(range.offset))?;
        buf.clear();
        r.by_ref().take(range.len as u64).read_to_end(&mut buf)?;
        i.feed(range.offset, &buf);
    }
    Ok(i.finish())
}
