//! What a disk image file is, from its headers, without reading it: a sans-I/O inspector.
//!
//! The [`Inspector`] is told the file's length, asks for the byte ranges it needs (headers,
//! footers, a few metadata tables, the guest's first sectors through the format's block
//! map), is fed them, and ends with [`ImageFacts`]. It never reads by itself: the CLI feeds
//! it from a file, the npm package from `Blob.slice()`, tests from memory. It asks for at
//! most [`MAX_READ`] bytes in at most [`MAX_REQUESTS`] ranges, whatever the file claims, so a
//! 100 GB image costs a few reads.
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
    /// A raw disk: the guest's bytes as they are.
    Raw,
    /// Microsoft Virtual PC / Hyper-V VHD.
    Vhd,
    /// Hyper-V VHDX.
    Vhdx,
    /// QEMU copy-on-write, version 2 or 3.
    Qcow2,
    /// VMware VMDK.
    Vmdk,
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
}

impl ImageFormat {
    /// The lower-case name (`qcow2`).
    pub fn name(self) -> &'static str {
        match self {
            ImageFormat::Raw => "raw",
            ImageFormat::Vhd => "vhd",
            ImageFormat::Vhdx => "vhdx",
            ImageFormat::Qcow2 => "qcow2",
            ImageFormat::Vmdk => "vmdk",
            ImageFormat::Iso => "iso",
            ImageFormat::Gzip => "gzip",
            ImageFormat::Xz => "xz",
            ImageFormat::Zstd => "zstd",
            ImageFormat::Bzip2 => "bzip2",
            ImageFormat::Zip => "zip",
            ImageFormat::Tar => "tar",
            ImageFormat::Ova => "ova",
        }
    }

    /// Whether it is a disk image at all (not an archive or a compressed file).
    pub fn is_disk(self) -> bool {
        matches!(
            self,
            ImageFormat::Raw
                | ImageFormat::Vhd
                | ImageFormat::Vhdx
                | ImageFormat::Qcow2
                | ImageFormat::Vmdk
        )
    }
}

/// What the inspector found. Fields that do not apply to the format are `None` or empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ImageFacts {
    /// What the file is.
    pub format: ImageFormat,
    /// The format's variant: `v2`/`v3` (qcow2), `fixed`/`dynamic`/`differencing` (VHD),
    /// `monolithicSparse`/`streamOptimized`/`descriptor` (VMDK).
    pub variant: Option<&'static str>,
    /// The guest disk's size in bytes, as qemu-img reports it.
    pub virtual_size: Option<u64>,
    /// The file's length in bytes.
    pub file_size: u64,
    /// The file the image reads unwritten data from (qcow2 backing file, the parent of a
    /// differencing VHD, a VMDK's extents in other files).
    pub backing_file: Option<String>,
    /// Files the image's data lives in besides itself (qcow2 external data file, VMDK
    /// extents).
    pub other_files: Vec<String>,
    /// Whether the data is encrypted (qcow2 AES or LUKS).
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
    /// The partition table of the guest disk, read through the format's block map.
    pub partition_table: PartitionTable,
    /// Whether the guest disk has an EFI system partition (`None` when unknown).
    pub efi_partition: Option<bool>,
    /// How many bytes the inspection read, in how many ranges.
    pub bytes_read: u64,
    /// How many ranges it asked for.
    pub reads: usize,
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
            partition_table: PartitionTable::Unknown,
            efi_partition: None,
            bytes_read: 0,
            reads: 0,
        }
    }

    /// Records that the headers need at least `len` bytes of file.
    fn needs(&mut self, len: u64) {
        if len > self.file_size {
            self.truncated_at = Some(self.truncated_at.map_or(len, |t| t.max(len)));
        }
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
        for (at, data) in self.cache {
            if *at <= offset && offset + n as u64 <= *at + data.len() as u64 {
                let start = (offset - at) as usize;
                return Ok(&data[start..start + n]);
            }
        }
        Err(Range { offset, len: n })
    }

    /// The file's length.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }
}

/// The inspection, resumable: ask [`Inspector::next_range`] what to read, give it with
/// [`Inspector::feed`], and when it says `None`, take [`Inspector::finish`].
///
/// The analysis is re-run from the start on what has been read each time it needs more:
/// headers parse in microseconds, and this keeps the format code straight-line.
#[derive(Debug)]
pub struct Inspector {
    len: u64,
    cache: Vec<(u64, Vec<u8>)>,
    read: u64,
    done: Option<ImageFacts>,
}

impl Inspector {
    /// An inspection of a file of `len` bytes.
    pub fn new(len: u64) -> Inspector {
        Inspector {
            len,
            cache: Vec::new(),
            read: 0,
            done: None,
        }
    }

    /// The next range to read, or `None` when the inspection is complete.
    pub fn next_range(&mut self) -> Option<Range> {
        if self.done.is_some() {
            return None;
        }
        let view = View {
            len: self.len,
            cache: &self.cache,
        };
        let budget = self.cache.len() < MAX_REQUESTS && self.read < MAX_READ;
        match formats::analyze(&view, budget) {
            Ok(mut facts) => {
                facts.bytes_read = self.read;
                facts.reads = self.cache.len();
                self.done = Some(facts);
                None
            }
            Err(range) => {
                let left = (MAX_READ - self.read) as usize;
                Some(Range {
                    offset: range.offset,
                    len: range.len.min(left.max(1)),
                })
            }
        }
    }

    /// The bytes of the range `next_range` asked for (fewer where the file ends).
    pub fn feed(&mut self, offset: u64, bytes: Vec<u8>) {
        self.read += bytes.len() as u64;
        self.cache.push((offset, bytes));
    }

    /// The facts, once `next_range` has said `None` (before, what is known so far).
    pub fn finish(mut self) -> ImageFacts {
        if self.done.is_none() {
            // Whatever has not been read yet stays unknown.
            let view = View {
                len: self.len,
                cache: &self.cache,
            };
            self.done = Some(
                formats::analyze(&view, false)
                    .unwrap_or_else(|_| ImageFacts::new(ImageFormat::Raw, self.len)),
            );
        }
        self.done.take().expect("facts")
    }
}

/// Inspects an image held in memory.
pub fn inspect_bytes(file: &[u8]) -> ImageFacts {
    let mut i = Inspector::new(file.len() as u64);
    while let Some(r) = i.next_range() {
        let start = r.offset.min(file.len() as u64) as usize;
        let end = start.saturating_add(r.len).min(file.len());
        i.feed(r.offset, file[start..end].to_vec());
    }
    i.finish()
}

/// Inspects an image from anything that reads and seeks, such as a file: a few positioned
/// reads, whatever its size.
pub fn inspect<R: std::io::Read + std::io::Seek>(r: &mut R) -> std::io::Result<ImageFacts> {
    use std::io::{Read, SeekFrom};
    let len = r.seek(SeekFrom::End(0))?;
    let mut i = Inspector::new(len);
    while let Some(range) = i.next_range() {
        r.seek(SeekFrom::Start(range.offset))?;
        let mut buf = Vec::with_capacity(range.len);
        r.by_ref().take(range.len as u64).read_to_end(&mut buf)?;
        i.feed(range.offset, buf);
    }
    Ok(i.finish())
}
