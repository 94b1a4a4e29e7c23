//! Profile `2019-01`: the ImportImage API reference as published 2018-07 … 2019-01
//! (`shared/spec/ImportImage.md`). This is the default profile.

use super::*;
use crate::rules::Rule;

const fn p(name: &'static str, kind: Kind, rule: Rule, doc: &'static str) -> Param {
    Param::new(name, kind, rule, doc)
}

/// Parameters shared by both profiles: the RPC common parameters and credentials.
pub(super) const COMMON: [Param; 10] = [
    p(
        "Format",
        Kind::Enum {
            values: &["JSON", "XML"],
            case: Case::Exact,
        },
        Rule::ResponseFormat,
        "Response format of the RPC call (common parameter).",
    ),
    p(
        "Version",
        Kind::Enum {
            values: &["2014-05-26"],
            case: Case::Exact,
        },
        Rule::ApiVersion,
        "ECS API version (common parameter).",
    ),
    p(
        "SignatureMethod",
        Kind::Enum {
            values: &["HMAC-SHA1"],
            case: Case::Exact,
        },
        Rule::SignatureMethod,
        "Signing algorithm (common parameter).",
    ),
    p(
        "SignatureVersion",
        Kind::Enum {
            values: &["1.0"],
            case: Case::Exact,
        },
        Rule::SignatureVersion,
        "Signature version (common parameter).",
    ),
    p(
        "SignatureNonce",
        Kind::Free,
        Rule::UnknownParameter,
        "Unique random number against replay (common parameter).",
    ),
    p(
        "Timestamp",
        Kind::Timestamp,
        Rule::Timestamp,
        "Request time in UTC, YYYY-MM-DDThh:mm:ssZ (common parameter).",
    ),
    p(
        "AccessKeyId",
        Kind::Credential,
        Rule::CredentialInRequest,
        "AccessKey id (credential).",
    ),
    p(
        "Signature",
        Kind::Credential,
        Rule::CredentialInRequest,
        "Request signature (credential).",
    ),
    p(
        "SecurityToken",
        Kind::Credential,
        Rule::CredentialInRequest,
        "STS token (credential).",
    ),
    p(
        "BearerToken",
        Kind::Credential,
        Rule::CredentialInRequest,
        "Bearer token (credential).",
    ),
];

/// The profile of `shared/spec/ImportImage.md`.
pub const SPEC_2019: Profile = Profile {
    id: "2019-01",
    title: "ImportImage API reference, 2018-07 … 2019-01 revision (the spec)",
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
                    values: &["i386", "x86_64"],
                    case: Case::Exact,
                },
                Rule::Architecture,
                "System architecture.",
            )
        },
        Param {
            default: Some("Linux"),
            ..p(
                "OSType",
                Kind::Enum {
                    values: &["Windows", "Linux"],
                    case: Case::Warn,
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
                    values: PLATFORMS_2019,
                    case: Case::Exact,
                },
                Rule::Platform,
                "Operating system distribution.",
            )
        },
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
                    values: &["RAW", "VHD", "qcow2"],
                    case: Case::Warn,
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
    indexed: &[Indexed {
        prefix: "DiskDeviceMapping",
        max: 17,
    }],
    image_name: NameRules {
        min: 2,
        max: 128,
        punctuation: ":_-",
        forbidden_prefixes: &[],
        url: UrlRule::Prefix,
    },
    description: TextRules {
        min: 0,
        max: 256,
        url: UrlRule::Prefix,
    },
    disks: DiskRules {
        prefix: "DiskDeviceMapping",
        system_size: (5, 500),
        data_size: (5, 1000),
    },
    regions: KNOWN_REGIONS,
    format_extensions: &[("raw", "RAW"), ("vhd", "VHD"), ("qcow2", "qcow2")],
    codes: &[
        (Rule::MissingParameter, "MissingParameter"),
        (Rule::RegionIdFormat, "RegionId.NotFound"),
        (Rule::RegionIdUnknown, "RegionId.NotFound"),
        (Rule::ImageNameLength, "InvalidImageName.Malformed"),
        (Rule::ImageNameUtf16Length, "InvalidImageName.Malformed"),
        (Rule::ImageNameStart, "InvalidImageName.Malformed"),
        (Rule::ImageNameCharacters, "InvalidImageName.Malformed"),
        (Rule::ImageNameUrl, "InvalidImageName.Malformed"),
        (Rule::DescriptionLength, "InvalidDescription.Malformed"),
        (Rule::DescriptionUrl, "InvalidDescription.Malformed"),
        (Rule::Architecture, "InvalidArchitecture.Malformed"),
        (Rule::OsType, "InvalidOSType.Malformed"),
        (Rule::Platform, "InvalidPlatform.Malformed"),
        (Rule::DiskFormat, "InvalidFormat.Malformed"),
        (Rule::DiskImageSize, "InvalidImageSize"),
        (Rule::DuplicateImageName, "InvalidImageName.Duplicated"),
    ],
    requires: &[],
    role: RoleRules {
        name: "AliyunECSImageImportDefaultRole",
        name_from_request: false,
        system_policy: "AliyunECSImageImportRolePolicy",
        actions: &[
            ("oss:GetObject", Resource::Object),
            ("oss:GetBucketLocation", Resource::Bucket),
        ],
    },
};

/// The twelve Platform values of the spec.
pub(super) const PLATFORMS_2019: &[&str] = &[
    "CentOS",
    "Ubuntu",
    "SUSE",
    "OpenSUSE",
    "Debian",
    "CoreOS",
    "Aliyun",
    "Windows Server 2003",
    "Windows Server 2008",
    "Windows Server 2012",
    "Others Linux",
    "Customized Linux",
];
