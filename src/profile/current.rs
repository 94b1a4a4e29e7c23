//! Profile `current`: the API as it is documented today (`current-api.md`).

use super::param::*;
use super::shared::*;
use super::{Family, Profile, RoleRules};
use crate::rule::Rule;

/// The profile of the current API.
pub const CURRENT: Profile = Profile {
    id: "current",
    source: "ImportImage as documented today (the generated SDK models and the current reference)",
    params: &with_common::<25, 42>([
        ACTION,
        REGION_ID,
        image_name(".:_-", &["aliyun", "acs:"], UrlRule::Anywhere),
        description(2),
        architecture(&[
            Choice::new("i386"),
            Choice::new("x86_64"),
            Choice::new("arm64"),
        ]),
        os_type(
            &[
                Choice::new("windows").os(Os::Windows),
                Choice::new("linux").os(Os::Linux),
            ],
            Case::Any,
        ),
        platform(&PLATFORMS_CURRENT),
        Param::new(
            "BootMode",
            enums(&[Choice::new("BIOS"), Choice::new("UEFI")], Case::Exact),
            Rule::BootMode,
            "Firmware boot mode.",
        )
        .with_key(Key::BootMode)
        .with_default("BIOS"),
        Param::new(
            "LicenseType",
            enums(&[Choice::new("Aliyun"), Choice::new("BYOL")], Case::Exact),
            Rule::LicenseType,
            "Source of the Windows Server licence.",
        )
        .with_default("Aliyun"),
        Param::new(
            "RoleName",
            Kind::Free,
            Rule::UnknownParameter,
            "RAM role the import runs as.",
        )
        .with_key(Key::RoleName),
        Param::new(
            "ResourceGroupId",
            Kind::Free,
            Rule::UnknownParameter,
            "Resource group of the new image.",
        ),
        Param::new(
            "ClientToken",
            Kind::Text(TextRule {
                min: 0,
                max: 64,
                chars: Charset::PrintableAscii,
                forbidden_prefixes: &[],
                url: UrlRule::Allowed,
                rules: TextRules::all(Rule::ParameterValue),
            }),
            Rule::ParameterValue,
            "Idempotency token: ASCII, at most 64 characters.",
        ),
        Param::new(
            "DryRun",
            Kind::Bool,
            Rule::ParameterValue,
            "Check the request without importing.",
        )
        .with_default("false"),
        Param::new(
            "DetectionStrategy",
            enums(&[Choice::new("Standard")], Case::Exact),
            Rule::ParameterValue,
            "Image check strategy.",
        ),
        Param::new(
            "Features.ImdsSupport",
            enums(&[Choice::new("v1"), Choice::new("v2")], Case::Exact),
            Rule::ParameterValue,
            "Metadata service versions the image supports.",
        )
        .with_default("v1"),
        Param::new(
            "Features.NvmeSupport",
            enums(
                &[Choice::new("supported"), Choice::new("unsupported")],
                Case::Exact,
            ),
            Rule::ParameterValue,
            "Whether the image supports NVMe.",
        ),
        Param::new(
            "StorageLocationArn",
            Kind::CloudBoxArn,
            Rule::ParameterValue,
            "ARN of the CloudBox whose OSS holds the image: arn:acs:cloudbox:{RegionId}:{AliUid}:cloudbox/{CloudBoxId}.",
        ),
        Param::new(
            "Tag.N.Key",
            Kind::Text(TextRule {
                min: 1,
                max: 128,
                chars: Charset::Any,
                forbidden_prefixes: &["aliyun", "acs:"],
                url: UrlRule::Anywhere,
                rules: TextRules::all(Rule::ParameterValue),
            }),
            Rule::ParameterValue,
            "Key of tag N.",
        )
        .with_required(Required::PerIndex),
        Param::new(
            "Tag.N.Value",
            Kind::Text(TextRule {
                min: 0,
                max: 128,
                chars: Charset::Any,
                forbidden_prefixes: &["acs:"],
                url: UrlRule::Anywhere,
                rules: TextRules::all(Rule::ParameterValue),
            }),
            Rule::ParameterValue,
            "Value of tag N.",
        )
        .empty_is_a_value(),
        DISK_BUCKET,
        DISK_OBJECT,
        disk_format(
            &[
                Choice::new("RAW"),
                Choice::new("VHD"),
                Choice::new("QCOW2"),
                Choice::new("VMDK"),
            ],
            Case::Any,
        ),
        disk_size(SIZES),
        Param::new(
            "DiskDeviceMapping.N.Device",
            enums(&DEVICES, Case::Exact),
            Rule::ParameterValue,
            "Device name of disk N (deprecated).",
        )
        .deprecated_for(None)
        .with_code("InvalidParameter.Malformed"),
        Param::new(
            "DiskDeviceMapping.N.DiskImSize",
            Kind::Integer(IntRule {
                ranges: SIZES,
                unit: Unit::GiB,
            }),
            Rule::DiskImageSize,
            "Size of disk N in GiB (deprecated alias of DiskImageSize).",
        )
        .deprecated_for(Some("DiskImageSize")),
    ]),
    families: &[
        DISKS,
        Family {
            prefix: "Tag",
            max: 20,
            first_required: false,
        },
    ],
    regions: KNOWN_REGIONS,
    format_extensions: &[
        ("raw", "RAW"),
        ("vhd", "VHD"),
        ("qcow2", "QCOW2"),
        ("vmdk", "VMDK"),
    ],
    codes: codes![
        MissingParameter => "MissingParameter",
        RegionIdFormat => "InvalidRegionId.NotFound",
        RegionIdUnknown => "InvalidRegionId.NotFound",
        ImageNameLength => "InvalidImageName.Malformed",
        ImageNameUtf16Length => "InvalidImageName.Malformed",
        ImageNameStart => "InvalidImageName.Malformed",
        ImageNameCharacters => "InvalidImageName.Malformed",
        ImageNameUrl => "InvalidImageName.Malformed",
        ImageNamePrefix => "InvalidImageName.Malformed",
        DescriptionLength => "InvalidDescription.Malformed",
        DescriptionUrl => "InvalidDescription.Malformed",
        Architecture => "InvalidArchitecture.Malformed",
        OsType => "InvalidOSType.Malformed",
        Platform => "InvalidPlatform.Malformed",
        DiskFormat => "InvalidImageFormat.Malformed",
        DiskImageSize => "InvalidDataDiskSize",
        ImageSize => "InvalidImageSize",
        LicenseType => "InvalidLicenseType.NotSupported",
        OssObjectKey => "InvalidOSSObject.Malformed",
        DuplicateImageName => "InvalidImageName.Duplicated",
        RoleName => "NoSetRoletoECSServiceAcount",
        RoleTrust => "NoSetRoletoECSServiceAcount",
    ],
    requires: &[super::Requirement {
        when: "Architecture",
        is: "arm64",
        then: "BootMode",
        must: "UEFI",
    }],
    role: RoleRules {
        name_from_request: true,
        actions: &[
            ("oss:GetObject", super::Resource::Object),
            ("oss:GetBucketLocation", super::Resource::Bucket),
            ("oss:GetBucketInfo", super::Resource::Bucket),
        ],
        ..ROLE
    },
};

/// 1–2048 GiB for every disk.
const SIZES: &[Bounds] = &[Bounds {
    first: 1,
    last: 17,
    min: 1,
    max: 2048,
}];

/// The Platform values of the current API: the spec's 12 and 15 more.
const PLATFORMS_CURRENT: [Choice; 27] = [
    PLATFORMS_2019[0],
    PLATFORMS_2019[1],
    PLATFORMS_2019[2],
    PLATFORMS_2019[3],
    PLATFORMS_2019[4],
    PLATFORMS_2019[5],
    PLATFORMS_2019[6],
    PLATFORMS_2019[7],
    PLATFORMS_2019[8],
    PLATFORMS_2019[9],
    PLATFORMS_2019[10],
    PLATFORMS_2019[11],
    Choice::new("Anolis").os(Os::Linux),
    Choice::new("FreeBSD").os(Os::Linux),
    Choice::new("RedHat").os(Os::Linux),
    Choice::new("Kylin").os(Os::Linux),
    Choice::new("UOS").os(Os::Linux),
    Choice::new("Fedora").os(Os::Linux),
    Choice::new("Fedora CoreOS").os(Os::Linux),
    Choice::new("CentOS Stream").os(Os::Linux),
    Choice::new("AlmaLinux").os(Os::Linux),
    Choice::new("Rocky Linux").os(Os::Linux),
    Choice::new("Gentoo").os(Os::Linux),
    Choice::new("Windows Server 2016").os(Os::Windows),
    Choice::new("Windows Server 2019").os(Os::Windows),
    Choice::new("Windows Server 2022").os(Os::Windows),
    Choice::new("Other Windows").os(Os::Windows),
];

/// The device names the 2019-05 documentation allowed: /dev/xvda … /dev/xvdz.
const DEVICES: [Choice; 26] = {
    const NAMES: [&str; 26] = [
        "/dev/xvda",
        "/dev/xvdb",
        "/dev/xvdc",
        "/dev/xvdd",
        "/dev/xvde",
        "/dev/xvdf",
        "/dev/xvdg",
        "/dev/xvdh",
        "/dev/xvdi",
        "/dev/xvdj",
        "/dev/xvdk",
        "/dev/xvdl",
        "/dev/xvdm",
        "/dev/xvdn",
        "/dev/xvdo",
        "/dev/xvdp",
        "/dev/xvdq",
        "/dev/xvdr",
        "/dev/xvds",
        "/dev/xvdt",
        "/dev/xvdu",
        "/dev/xvdv",
        "/dev/xvdw",
        "/dev/xvdx",
        "/dev/xvdy",
        "/dev/xvdz",
    ];
    let mut out = [Choice::new(""); 26];
    let mut i = 0;
    while i < 26 {
        out[i] = Choice::new(NAMES[i]);
        i += 1;
    }
    out
};
