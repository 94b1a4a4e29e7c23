//! The image pre-flight rules: what a disk image file is (its [`ImageFacts`], read from its
//! headers by the inspector) against what the active profile imports and what the request
//! says of that disk. Each example is a JSON object: the image's facts, and the request.

use crate::diagnostic::{Data, Finding};
use crate::image::{Damage, ImageFacts, ImageFormat, PartitionTable};
use crate::message::{Dependency, ImageMsg};
use crate::profile::{Key, Kind, Profile};
use crate::resolve::Resolved;
use crate::rule::{Rule, RuleDoc};
use crate::sink::Sink;

const GIB: u64 = 1 << 30;

/// `image-format-unsupported`.
pub(crate) const FORMAT_UNSUPPORTED: RuleDoc = RuleDoc::new(
    "The file is not a disk image format the profile imports: an archive, a compressed file, a CD image, a disk format the service does not import (VHDX, VDI, QED, Parallels, qcow, LUKS, cloop, DMG, Bochs), or a format the revision does not list (VMDK under 2019-01).",
    "The import task starts after the upload and fails on the first bytes it cannot read as a disk.",
    &[r#"{"image": {"format": "gzip", "file_size": 1073741824}}"#],
    &[r#"{"image": {"format": "qcow2", "file_size": 1073741824, "virtual_size": 21474836480}}"#],
);

/// `image-format-mismatch`.
pub(crate) const FORMAT_MISMATCH: RuleDoc = RuleDoc::new(
    "The request's Format for the disk is not what the file is.",
    "The service reads the file as the format the request names; a qcow2 file read as RAW imports a disk full of qcow2 metadata.",
    &[r#"{"image": {"format": "qcow2", "file_size": 1073741824, "virtual_size": 21474836480}, "request": {"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "disk.qcow2", "DiskDeviceMapping.1.Format": "RAW"}}"#],
    &[r#"{"image": {"format": "qcow2", "file_size": 1073741824, "virtual_size": 21474836480}, "request": {"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "disk.qcow2", "DiskDeviceMapping.1.Format": "qcow2"}}"#],
);

/// `image-not-self-contained`.
pub(crate) const NOT_SELF_CONTAINED: RuleDoc = RuleDoc::new(
    "The image reads part of its data from another file: a qcow2 backing file or external data file, a differencing VHD or VHDX, a VMDK whose extents are other files.",
    "Only the one object is uploaded; the other file is not there when the service reads the disk.",
    &[r#"{"image": {"format": "qcow2", "file_size": 196624, "virtual_size": 21474836480, "backing_file": "base.qcow2"}}"#],
    &[r#"{"image": {"format": "qcow2", "file_size": 1073741824, "virtual_size": 21474836480}}"#],
);

/// `image-encrypted`.
pub(crate) const ENCRYPTED: RuleDoc = RuleDoc::new(
    "The image's data is encrypted (qcow2 with AES or LUKS).",
    "The service has no key to read it.",
    &[
        r#"{"image": {"format": "qcow2", "file_size": 1073741824, "virtual_size": 21474836480, "encrypted": true}}"#,
    ],
    &[r#"{"image": {"format": "qcow2", "file_size": 1073741824, "virtual_size": 21474836480}}"#],
);

/// `image-damaged`.
pub(crate) const DAMAGED: RuleDoc = RuleDoc::new(
    "The file is damaged as qemu-img sees it: shorter than its tables need (an upload or copy cut short), a header qemu refuses to open, a wrong VHD checksum, a missing footer, a disk shorter than its GPT, an empty file, or metadata marked corrupt.",
    "A truncated image cannot be read to its end; the import fails, or imports a disk missing its last blocks.",
    &[r#"{"image": {"format": "qcow2", "file_size": 65536, "virtual_size": 21474836480, "truncated_at": 196608}}"#],
    &[r#"{"image": {"format": "qcow2", "file_size": 262144, "virtual_size": 21474836480}}"#],
);

/// `image-size`.
pub(crate) const SIZE: RuleDoc = RuleDoc::new(
    "DiskImageSize is smaller than the image's virtual size (in whole GiB, rounded up), or, left to detection, the virtual size is outside the disk's range.",
    "The disk must hold the whole image: the service refuses a smaller size.",
    &[r#"{"image": {"format": "qcow2", "file_size": 1073741824, "virtual_size": 42949672960}, "request": {"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "disk.qcow2", "DiskDeviceMapping.1.DiskImageSize": "20"}}"#],
    &[r#"{"image": {"format": "qcow2", "file_size": 1073741824, "virtual_size": 42949672960}, "request": {"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "disk.qcow2", "DiskDeviceMapping.1.DiskImageSize": "40"}}"#],
);

/// `image-raw-alignment`.
pub(crate) const RAW_ALIGNMENT: RuleDoc = RuleDoc::new(
    "A RAW image's size is not a whole number of 512-byte sectors.",
    "A disk is made of sectors; a RAW file of another size is not a whole disk, usually a cut-short copy.",
    &[r#"{"image": {"format": "raw", "file_size": 1000, "virtual_size": 1000, "partition_table": "none"}}"#],
    &[r#"{"image": {"format": "raw", "file_size": 21474836480, "virtual_size": 21474836480, "partition_table": "mbr", "efi_partition": false}}"#],
);

/// `image-boot-layout`.
pub(crate) const BOOT_LAYOUT: RuleDoc = RuleDoc::new(
    "The disk's boot layout does not fit BootMode or Architecture: a GPT disk with an EFI system partition and no BIOS boot partition imported with BootMode BIOS, or an arm64 or UEFI import of a disk without an EFI system partition.",
    "The instance would not boot: firmware finds no boot loader where it looks.",
    &[r#"{"image": {"format": "qcow2", "file_size": 1073741824, "virtual_size": 21474836480, "partition_table": "gpt", "efi_partition": true}, "request": {"RegionId": "cn-hangzhou", "BootMode": "BIOS", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "disk.qcow2"}}"#],
    &[r#"{"image": {"format": "qcow2", "file_size": 1073741824, "virtual_size": 21474836480, "partition_table": "gpt", "efi_partition": true}, "request": {"RegionId": "cn-hangzhou", "BootMode": "UEFI", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "disk.qcow2"}}"#],
)
.under("current");

/// `image-extension`.
pub(crate) const EXTENSION: RuleDoc = RuleDoc::new(
    "The object's file extension names another format than the file is.",
    "Whoever reads the bucket, or a request that leaves Format out, is misled by the name.",
    &[
        r#"{"image": {"format": "vhd", "file_size": 21474836992, "virtual_size": 21474836480}, "request": {"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "disk.qcow2"}}"#,
    ],
    &[
        r#"{"image": {"format": "vhd", "file_size": 21474836992, "virtual_size": 21474836480}, "request": {"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "disk.vhd"}}"#,
    ],
);

/// `image-not-verified`.
pub(crate) const NOT_VERIFIED: RuleDoc = RuleDoc::new(
    "The inspector's read bound stopped a check before it could be made (the facts say `complete: false`): a sparse VMDK whose grain tables span more than 7 MB (above about 112 GiB), or tables too large to read within the bound. What that check would have found is unknown.",
    "What the tool cannot establish is said to be unknown, never guessed: an image whose checks did not all run is not reported as passing. `qemu-img check` can make the check the inspector could not.",
    &[r#"{"image": {"format": "vhd", "file_size": 1073741824, "virtual_size": 21474836480, "complete": false}}"#],
    &[r#"{"image": {"format": "vhd", "file_size": 1073741824, "virtual_size": 21474836480}}"#],
);

/// The Format spelling of the profile that names this format, if the profile imports it.
fn importable(profile: &Profile, format: ImageFormat) -> Option<&'static str> {
    let p = profile.keyed(Key::DiskFormat)?;
    let Kind::Enum(choices) = p.kind() else {
        return None;
    };
    choices
        .spellings()
        .find(|s| s.eq_ignore_ascii_case(format.name()))
}

/// What an image file is, against the profile and, when given, the request's disk `n`;
/// `file_name` is the file's name, for the extension when the request names no object.
pub(crate) fn check(
    sink: &mut Sink,
    facts: &ImageFacts,
    req: Option<&Resolved<'_, '_>>,
    n: u32,
    file_name: Option<&str>,
) {
    let profile = sink.profile();
    let entry = |key: Key| req.and_then(|r| r.keyed(key, n));
    let value = |key: Key| entry(key).and_then(|e| e.text());
    let param = |key: Key| {
        profile.keyed(key).map(|p| {
            if p.family().is_some() {
                p.flat(n)
            } else {
                p.name().to_owned()
            }
        })
    };
    let format = facts.format;
    if format == ImageFormat::Unknown {
        // Not established: never guessed to be anything, never passed.
        damage(sink, facts);
        if facts.damage.is_empty() {
            sink.push(
                Finding::new(
                    Rule::ImageDamaged,
                    ImageMsg::ImageUnknown {
                        read: facts.bytes_read,
                    },
                )
                .help(ImageMsg::ImageDamagedHelp),
            );
        }
        return;
    }
    let Some(spelling) = importable(profile, format).filter(|_| format.is_disk()) else {
        let allowed: Vec<&'static str> = profile
            .keyed(Key::DiskFormat)
            .and_then(|p| match p.kind() {
                Kind::Enum(c) => Some(c.spellings().collect()),
                _ => None,
            })
            .unwrap_or_default();
        sink.push(
            Finding::new(
                Rule::ImageFormatUnsupported,
                ImageMsg::ImageUnsupported {
                    format: format.name(),
                    disk: format.is_disk(),
                    profile: profile.id,
                    allowed: allowed.clone(),
                },
            )
            .help(ImageMsg::ImageUnsupportedHelp {
                archive: !format.is_disk() && format != ImageFormat::Iso,
            })
            .data(Data {
                allowed: Some(allowed),
                ..Data::value(format.name())
            }),
        );
        damage(sink, facts);
        not_verified(sink, facts);
        return;
    };
    if let (Some(given), Some(name)) = (value(Key::DiskFormat), param(Key::DiskFormat)) {
        if !given.trim().eq_ignore_ascii_case(spelling) {
            sink.push(
                Finding::new(
                    Rule::ImageFormatMismatch,
                    ImageMsg::ImageFormatMismatch {
                        name: name.clone().into(),
                        given,
                        actual: spelling,
                    },
                )
                .param(name)
                .help(crate::message::Msg::Write {
                    value: spelling.into(),
                })
                .data(Data::value(given).expected(spelling)),
            );
        }
    }
    let dependency = if let Some(b) = &facts.backing_file {
        Some((
            if facts.format == ImageFormat::Qcow2 {
                Dependency::Backing
            } else {
                Dependency::Parent
            },
            b.as_str(),
        ))
    } else if facts.variant == Some("differencing") {
        Some((Dependency::Parent, ""))
    } else if facts.variant == Some("extent") {
        Some((Dependency::SplitExtent, ""))
    } else {
        facts.other_files.first().map(|f| {
            (
                if facts.format == ImageFormat::Vmdk {
                    Dependency::Extent
                } else {
                    Dependency::DataFile
                },
                f.as_str(),
            )
        })
    };
    if let Some((how, file)) = dependency {
        sink.push(
            Finding::new(
                Rule::ImageNotSelfContained,
                ImageMsg::ImageDepends { how, file },
            )
            .help(ImageMsg::ImageDependsHelp {
                format: format.name(),
            }),
        );
    }
    if facts.encrypted {
        sink.push(
            Finding::new(Rule::ImageEncrypted, ImageMsg::ImageEncrypted)
                .help(ImageMsg::ImageEncryptedHelp),
        );
    }
    damage(sink, facts);
    not_verified(sink, facts);
    if format == ImageFormat::Raw && facts.file_size % 512 != 0 {
        sink.push(
            Finding::new(
                Rule::ImageRawAlignment,
                ImageMsg::ImageRawAlignment {
                    len: facts.file_size,
                },
            )
            .help(ImageMsg::ImageDamagedHelp)
            .data(Data {
                actual: Some(facts.file_size),
                unit: Some("bytes"),
                ..Data::default()
            }),
        );
    }
    if let Some(size) = facts.virtual_size {
        let need = size.div_ceil(GIB);
        let bounds = profile.keyed(Key::DiskSize).and_then(|p| match p.kind() {
            Kind::Integer(i) => i.bounds(n).copied(),
            _ => None,
        });
        // DiskImageSize, or the deprecated alias that stands for it (DiskImSize).
        let alias = profile.params.iter().find(|p| {
            p.family().is_some()
                && p.deprecation()
                    .and_then(|d| d.instead)
                    .is_some_and(|i| profile.keyed(Key::DiskSize).is_some_and(|s| s.field() == i))
        });
        let (size_param, given) = match (value(Key::DiskSize), alias) {
            (None, Some(a)) => match req
                .and_then(|r| r.written(profile.params.iter().position(|p| std::ptr::eq(p, a))?, n))
            {
                Some((e, _)) => (a.flat(n), e.text()),
                None => (param(Key::DiskSize).unwrap_or_default(), None),
            },
            (given, _) => (param(Key::DiskSize).unwrap_or_default(), given),
        };
        // An image larger than the disk can be never fits, whatever the request says; one
        // smaller than the least disk only matters when the service sizes the disk from it.
        if let Some(b) = bounds.filter(|b| need > b.max || (need < b.min && given.is_none())) {
            sink.push(
                Finding::new(
                    Rule::ImageSize,
                    ImageMsg::ImageSizeRange {
                        need,
                        min: b.min,
                        max: b.max,
                        n,
                    },
                )
                .help(ImageMsg::ImageSizeRangeHelp)
                .data(Data {
                    actual: Some(need),
                    min: Some(b.min),
                    max: Some(b.max),
                    unit: Some("GiB"),
                    ..Data::default()
                }),
            );
        }
        match given.map(|g| g.trim().parse::<u64>()) {
            Some(Ok(g)) if g < need => sink.push(
                Finding::new(
                    Rule::ImageSize,
                    ImageMsg::ImageTooSmall {
                        name: size_param.clone().into(),
                        given: g,
                        need,
                        bytes: size,
                    },
                )
                .param(size_param)
                .help(ImageMsg::ImageTooSmallHelp { need })
                .data(Data {
                    actual: Some(g),
                    min: Some(need),
                    unit: Some("GiB"),
                    ..Data::default()
                }),
            ),
            _ => {}
        }
    }
    // As the service will see them: the defaults count (BootMode is BIOS unless said).
    let effective = |key: Key| {
        let pi = profile.index_of(key)?;
        req?.effective(pi, 0)
    };
    let (boot, arch) = (effective(Key::BootMode), effective(Key::Architecture));
    // A disk with a BIOS boot partition beside its ESP (the usual cloud image) boots either
    // way.
    let gpt_efi = facts.partition_table == PartitionTable::Gpt
        && facts.efi_partition == Some(true)
        && facts.bios_boot_partition != Some(true);
    let no_efi = facts.efi_partition == Some(false);
    let bios = boot.is_some_and(|b| b.eq_ignore_ascii_case("BIOS"));
    let uefi = boot.is_some_and(|b| b.eq_ignore_ascii_case("UEFI"));
    let arm = arch.is_some_and(|a| a.eq_ignore_ascii_case("arm64"));
    let layout = if gpt_efi && bios {
        Some(ImageMsg::ImageBootBios)
    } else if no_efi && (uefi || arm) {
        Some(ImageMsg::ImageBootNoEfi { arm })
    } else {
        None
    };
    if let Some(msg) = layout {
        sink.push(Finding::new(Rule::ImageBootLayout, msg).help(ImageMsg::ImageBootHelp));
    }
    let object = value(Key::DiskObject).or(file_name);
    if let Some(object) = object {
        let ext = object.rsplit_once('.').map_or("", |(_, e)| e);
        if let Some(&(_, implied)) = profile
            .format_extensions
            .iter()
            .find(|(e, _)| e.eq_ignore_ascii_case(ext))
        {
            if !implied.eq_ignore_ascii_case(format.name()) {
                sink.push(
                    Finding::new(
                        Rule::ImageExtension,
                        ImageMsg::ImageExtension {
                            object,
                            ext,
                            actual: format.name(),
                        },
                    )
                    .help(ImageMsg::ImageExtensionHelp {
                        actual: format.name(),
                    }),
                );
            }
        }
    }
}

/// What is wrong with the file, each as qemu-img would find it: one finding per fault
/// (the first structure past the end of the file stands for the others).
fn damage(sink: &mut Sink, facts: &ImageFacts) {
    let help = |f: Finding<'static>| f.help(ImageMsg::ImageDamagedHelp);
    let mut past_end = false;
    for d in &facts.damage {
        if let Damage::PastEnd { .. } | Damage::ShortRead { .. } = d {
            if past_end {
                continue;
            }
            past_end = true;
        }
        let mut f = help(Finding::new(
            Rule::ImageDamaged,
            ImageMsg::ImageDamage {
                damage: *d,
                len: facts.file_size,
            },
        ));
        if let (Damage::PastEnd { .. } | Damage::ShortRead { .. }, Some(need)) =
            (d, facts.truncated_at)
        {
            f = f.data(Data {
                actual: Some(facts.file_size),
                min: Some(need),
                unit: Some("bytes"),
                ..Data::default()
            });
        }
        sink.push(f);
    }
    if let (Some(need), false) = (facts.truncated_at, past_end) {
        // Facts built by hand with only the least length.
        sink.push(help(
            Finding::new(
                Rule::ImageDamaged,
                ImageMsg::ImageTruncated {
                    len: facts.file_size,
                    need,
                },
            )
            .data(Data {
                actual: Some(facts.file_size),
                min: Some(need),
                unit: Some("bytes"),
                ..Data::default()
            }),
        ));
    }
    if facts.corrupt {
        sink.push(help(Finding::new(
            Rule::ImageDamaged,
            ImageMsg::ImageCorrupt,
        )));
    }
}

/// A check the read bound stopped: unknown, so never a pass.
fn not_verified(sink: &mut Sink, facts: &ImageFacts) {
    if !facts.complete {
        sink.push(
            Finding::new(Rule::ImageNotVerified, ImageMsg::ImageNotVerified)
                .help(ImageMsg::ImageNotVerifiedHelp),
        );
    }
}
