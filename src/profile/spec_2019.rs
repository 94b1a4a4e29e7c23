//! Profile `2019-01`: the ImportImage API reference as published 2018-07 … 2019-01
//! (`ImportImage.md`). This is the default profile.

use super::param::*;
use super::shared::*;
use super::Profile;

/// The profile of the API reference (`ImportImage.md`).
pub const SPEC_2019: Profile = Profile {
    id: "2019-01",
    source: "the ImportImage API reference, 2018-07 … 2019-01 revision",
    params: &with_common::<11, 28>([
        ACTION,
        REGION_ID,
        image_name(":_-", &[], UrlRule::Prefix),
        description(0),
        architecture(&[Choice::new("i386"), Choice::new("x86_64")]),
        os_type(
            &[
                Choice::new("Windows").os(Os::Windows),
                Choice::new("Linux").os(Os::Linux),
            ],
            Case::Warn,
        ),
        platform(&PLATFORMS_2019),
        DISK_BUCKET,
        DISK_OBJECT,
        disk_format(
            &[Choice::new("RAW"), Choice::new("VHD"), Choice::new("qcow2")],
            Case::Warn,
        ),
        disk_size(&[
            Bounds {
                first: 1,
                last: 1,
                min: 5,
                max: 500,
            },
            Bounds {
                first: 2,
                last: 17,
                min: 5,
                max: 1000,
            },
        ]),
    ]),
    families: &[DISKS],
    regions: KNOWN_REGIONS,
    format_extensions: &[("raw", "RAW"), ("vhd", "VHD"), ("qcow2", "qcow2")],
    codes: codes![
        MissingParameter => "MissingParameter",
        RegionIdFormat => "RegionId.NotFound",
        RegionIdUnknown => "RegionId.NotFound",
        ImageNameLength => "InvalidImageName.Malformed",
        ImageNameUtf16Length => "InvalidImageName.Malformed",
        ImageNameStart => "InvalidImageName.Malformed",
        ImageNameCharacters => "InvalidImageName.Malformed",
        ImageNameUrl => "InvalidImageName.Malformed",
        DescriptionLength => "InvalidDescription.Malformed",
        DescriptionUrl => "InvalidDescription.Malformed",
        Architecture => "InvalidArchitecture.Malformed",
        OsType => "InvalidOSType.Malformed",
        Platform => "InvalidPlatform.Malformed",
        DiskFormat => "InvalidFormat.Malformed",
        DiskImageSize => "InvalidImageSize",
        ImageSize => "InvalidImageSize",
        DuplicateImageName => "InvalidImageName.Duplicated",
    ],
    requires: &[],
    role: ROLE,
};
