//! Profile `current`: the API as it is documented today (`shared/spec/current-api.md`).

use super::spec_2019::{COMMON, PLATFORMS_2019};
use super::*;
use crate::rules::Rule;

const fn p(name: &'static str, kind: Kind, rule: Rule, doc: &'static str) -> Param {
    Param::new(name, kind, rule, doc)
}

const fn text(max: usize, ascii: bool) -> Kind {
    Kind::Text {
        min: 0,
        max,
        ascii,
        forbidden_prefixes: &[],
        no_url: false,
    }
}

/// The profile of the current API.
pub const CURRENT: Profile = Profile {
    id: "current",
    title: "ImportImage as documented today (shared/spec/current-api.md)",
    params: &[
        Param {
            required: Required::InQuery,
            default: Some("ImportImage"),
            ..p(
                "Action",
                Kind::Enum {
                    values: &["ImportImage"],
                    case: Case::Exact,
                },
                Rule::ActionValue,
                "The API operation; always ImportImage.",
            )
        },
        Param {
            required: Required::Yes,
            ..p(
                "RegionId",
                Kind::Region,
                Rule::RegionIdFormat,
                "Region to import the image into.",
            )
        },
        p(
            "ImageName",
            Kind::ImageName,
            Rule::ImageNameCharacters,
            "Name of the new image.",
        ),
        p(
            "Description",
            Kind::Description,
            Rule::DescriptionLength,
            "Description of the new image.",
        ),
        Param {
            default: Some("x86_64"),
            ..p(
                "Architecture",
                Kind::Enum {
                    values: &["i386", "x86_64", "arm64"],
                    case: Case::Exact,
                },
                Rule::Architecture,
                "System architecture.",
            )
        },
        Param {
            default: Some("linux"),
            ..p(
                "OSType",
                Kind::Enum {
                    values: &["windows", "linux"],
                    case: Case::Any,
                },
                Rule::OsType,
                "Operating system type.",
            )
        },
        Param {
            default: Some("Others Linux"),
            ..p(
                "Platform",
                Kind::Enum {
                    values: PLATFORMS_CURRENT,
                    case: Case::Exact,
                },
                Rule::Platform,
                "Operating system distribution.",
            )
        },
        Param {
            default: Some("BIOS"),
            ..p(
                "BootMode",
                Kind::Enum {
                    values: &["BIOS", "UEFI"],
                    case: Case::Exact,
                },
                Rule::BootMode,
                "Firmware boot mode.",
            )
        },
        Param {
            default: Some("Aliyun"),
            ..p(
                "LicenseType",
                Kind::Enum {
                    values: &["Aliyun", "BYOL"],
                    case: Case::Exact,
                },
                Rule::LicenseType,
                "Source of the Windows Server licence.",
            )
        },
        p(
            "RoleName",
            Kind::Free,
            Rule::UnknownParameter,
            "RAM role the import runs as.",
        ),
        p(
            "ResourceGroupId",
            Kind::Free,
            Rule::UnknownParameter,
            "Resource group of the new image.",
        ),
        p(
            "ClientToken",
            text(64, true),
            Rule::ParameterValue,
            "Idempotency token: ASCII, at most 64 characters.",
        ),
        Param {
            default: Some("false"),
            ..p(
                "DryRun",
                Kind::Bool,
                Rule::ParameterValue,
                "Check the request without importing.",
            )
        },
        p(
            "DetectionStrategy",
            Kind::Enum {
                values: &["Standard"],
                case: Case::Exact,
            },
            Rule::ParameterValue,
            "Image check strategy.",
        ),
        Param {
            default: Some("v1"),
            ..p(
                "Features.ImdsSupport",
                Kind::Enum {
                    values: &["v1", "v2"],
                    case: Case::Exact,
                },
                Rule::ParameterValue,
                "Metadata service versions the image supports.",
            )
        },
        p(
            "Features.NvmeSupport",
            Kind::Enum {
                values: &["supported", "unsupported"],
                case: Case::Exact,
            },
            Rule::ParameterValue,
            "Whether the image supports NVMe.",
        ),
        p(
            "StorageLocationArn",
            Kind::Free,
            Rule::UnknownParameter,
            "ARN of OSS on CloudBox holding the image.",
        ),
        Param {
            required: Required::PerIndex,
            ..p(
                "Tag.N.Key",
                Kind::Text {
                    min: 1,
                    max: 128,
                    ascii: false,
                    forbidden_prefixes: &["aliyun", "acs:"],
                    no_url: true,
                },
                Rule::ParameterValue,
                "Key of tag N.",
            )
        },
        p(
            "Tag.N.Value",
            Kind::Text {
                min: 0,
                max: 128,
                ascii: false,
                forbidden_prefixes: &["acs:"],
                no_url: true,
            },
            Rule::ParameterValue,
            "Value of tag N.",
        ),
        Param {
            required: Required::PerIndex,
            ..p(
                "DiskDeviceMapping.N.OSSBucket",
                Kind::OssBucket,
                Rule::OssBucketName,
                "OSS bucket holding the image file of disk N.",
            )
        },
        Param {
            required: Required::PerIndex,
            ..p(
                "DiskDeviceMapping.N.OSSObject",
                Kind::OssObject,
                Rule::OssObjectKey,
                "OSS object key of the image file of disk N.",
            )
        },
        Param {
            detected: true,
            ..p(
                "DiskDeviceMapping.N.Format",
                Kind::Enum {
                    values: &["RAW", "VHD", "QCOW2", "VMDK"],
                    case: Case::Any,
                },
                Rule::DiskFormat,
                "Image file format of disk N.",
            )
        },
        Param {
            detected: true,
            ..p(
                "DiskDeviceMapping.N.DiskImageSize",
                Kind::DiskSize,
                Rule::DiskImageSize,
                "Size of disk N in GiB.",
            )
        },
        p(
            "DiskDeviceMapping.N.Device",
            Kind::Deprecated { instead: None },
            Rule::DeprecatedParameter,
            "Deprecated device name of disk N.",
        ),
        p(
            "DiskDeviceMapping.N.DiskImSize",
            Kind::Deprecated {
                instead: Some("DiskImageSize"),
            },
            Rule::DeprecatedParameter,
            "Deprecated alias of DiskImageSize.",
        ),
        p(
            "OwnerId",
            Kind::Free,
            Rule::UnknownParameter,
            "Account id (in every SDK model, undocumented).",
        ),
        p(
            "ResourceOwnerId",
            Kind::Free,
            Rule::UnknownParameter,
            "Resource owner id (in every SDK model, undocumented).",
        ),
        p(
            "ResourceOwnerAccount",
            Kind::Free,
            Rule::UnknownParameter,
            "Resource owner account (in every SDK model, undocumented).",
        ),
        COMMON[0],
        COMMON[1],
        COMMON[2],
        COMMON[3],
        COMMON[4],
        COMMON[5],
        COMMON[6],
        COMMON[7],
        COMMON[8],
        COMMON[9],
    ],
    indexed: &[
        Indexed {
            prefix: "DiskDeviceMapping",
            max: 17,
        },
        Indexed {
            prefix: "Tag",
            max: 20,
        },
    ],
    image_name: NameRules {
        min: 2,
        max: 128,
        punctuation: ".:_-",
        forbidden_prefixes: &["aliyun", "acs:"],
        url: UrlRule::Anywhere,
    },
    description: TextRules {
        min: 2,
        max: 256,
        url: UrlRule::Prefix,
    },
    disks: DiskRules {
        prefix: "DiskDeviceMapping",
        system_size: (1, 2048),
        data_size: (1, 2048),
    },
    regions: KNOWN_REGIONS,
    format_extensions: &[
        ("raw", "RAW"),
        ("vhd", "VHD"),
        ("qcow2", "QCOW2"),
        ("vmdk", "VMDK"),
    ],
    codes: &[
        (Rule::MissingParameter, "MissingParameter"),
        (Rule::RegionIdFormat, "InvalidRegionId.NotFound"),
        (Rule::RegionIdUnknown, "InvalidRegionId.NotFound"),
        (Rule::ImageNameLength, "InvalidImageName.Malformed"),
        (Rule::ImageNameUtf16Length, "InvalidImageName.Malformed"),
        (Rule::ImageNameStart, "InvalidImageName.Malformed"),
        (Rule::ImageNameCharacters, "InvalidImageName.Malformed"),
        (Rule::ImageNameUrl, "InvalidImageName.Malformed"),
        (Rule::ImageNamePrefix, "InvalidImageName.Malformed"),
        (Rule::DescriptionLength, "InvalidDescription.Malformed"),
        (Rule::DescriptionUrl, "InvalidDescription.Malformed"),
        (Rule::Architecture, "InvalidArchitecture.Malformed"),
        (Rule::OsType, "InvalidOSType.Malformed"),
        (Rule::Platform, "InvalidPlatform.Malformed"),
        (Rule::DiskFormat, "InvalidImageFormat.Malformed"),
        (Rule::DiskImageSize, "InvalidDataDiskSize"),
        (Rule::LicenseType, "InvalidLicenseType.NotSupported"),
        (Rule::DeprecatedParameter, "InvalidParameter.Malformed"),
        (Rule::OssObjectKey, "InvalidOSSObject.Malformed"),
        (Rule::DuplicateImageName, "InvalidImageName.Duplicated"),
        (Rule::RoleName, "NoSetRoletoECSServiceAcount"),
        (Rule::RoleTrust, "NoSetRoletoECSServiceAcount"),
    ],
    requires: &[Requirement {
        when: "Architecture",
        is: "arm64",
        then: "BootMode",
        must: "UEFI",
    }],
    role: RoleRules {
        name: "AliyunECSImageImportDefaultRole",
        name_from_request: true,
        system_policy: "AliyunECSImageImportRolePolicy",
        actions: &[
            ("oss:GetObject", Resource::Object),
            ("oss:GetBucketLocation", Resource::Bucket),
            ("oss:GetBucketInfo", Resource::Bucket),
        ],
    },
};

/// The 27 Platform values of the current API: the spec's 12 and 15 more.
const PLATFORMS_CURRENT: &[&str] = &[
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
    "Anolis",
    "FreeBSD",
    "RedHat",
    "Kylin",
    "UOS",
    "Fedora",
    "Fedora CoreOS",
    "CentOS Stream",
    "AlmaLinux",
    "Rocky Linux",
    "Gentoo",
    "Windows Server 2016",
    "Windows Server 2019",
    "Windows Server 2022",
    "Other Windows",
];
