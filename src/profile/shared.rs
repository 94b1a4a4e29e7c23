//! Parameter constructors and lists shared by the revision tables: each table composes
//! these and states only what differs.

use super::param::*;
use super::{Family, RoleRules};
use crate::rule::Rule;

/// A revision's own parameters followed by the common ones, as one table (`N` is the
/// total, checked at compile time).
pub(super) const fn with_common<const A: usize, const N: usize>(own: [Param; A]) -> [Param; N] {
    assert!(A + COMMON.len() == N, "N must be the count of both lists");
    let mut out = [COMMON[0]; N];
    let mut i = 0;
    while i < A {
        out[i] = own[i];
        i += 1;
    }
    while i < N {
        out[i] = COMMON[i - A];
        i += 1;
    }
    out
}

/// The RPC common parameters and credentials every revision knows.
pub(super) const COMMON: [Param; 17] = [
    Param::new(
        "Format",
        enums(&[Choice::new("JSON"), Choice::new("XML")], Case::Any),
        Rule::ResponseFormat,
        "Response format of the RPC call (common parameter).",
    ),
    Param::new(
        "Version",
        enums(&[Choice::new("2014-05-26")], Case::Exact),
        Rule::ApiVersion,
        "ECS API version (common parameter).",
    ),
    Param::new(
        "SignatureMethod",
        enums(&[Choice::new("HMAC-SHA1")], Case::Exact),
        Rule::SignatureMethod,
        "Signing algorithm of the RPC signature (common parameter).",
    ),
    Param::new(
        "SignatureVersion",
        enums(&[Choice::new("1.0")], Case::Exact),
        Rule::SignatureVersion,
        "Version of the RPC signature (common parameter).",
    ),
    Param::new(
        "SignatureType",
        enums(&[Choice::new(""), Choice::new("BEARERTOKEN")], Case::Exact),
        Rule::ParameterValue,
        "Kind of signature: empty for an AccessKey, BEARERTOKEN for a bearer token (common parameter).",
    )
    .empty_is_a_value(),
    Param::new(
        "SignatureNonce",
        Kind::Free,
        Rule::UnknownParameter,
        "Unique random number against replay (common parameter).",
    ),
    Param::new(
        "Timestamp",
        Kind::Timestamp,
        Rule::Timestamp,
        "Request time in UTC, YYYY-MM-DDThh:mm:ssZ (common parameter).",
    ),
    Param::new(
        "OwnerId",
        Kind::Integer(ACCOUNT_ID),
        Rule::ParameterValue,
        "Account id of the caller (common parameter; an integer in every SDK).",
    ),
    Param::new(
        "ResourceOwnerId",
        Kind::Integer(ACCOUNT_ID),
        Rule::ParameterValue,
        "Account id of the resource owner (common parameter; an integer in every SDK).",
    ),
    Param::new(
        "ResourceOwnerAccount",
        Kind::Free,
        Rule::UnknownParameter,
        "Account name of the resource owner (common parameter).",
    ),
    Param::new(
        "OwnerAccount",
        Kind::Free,
        Rule::UnknownParameter,
        "Account name of the caller (common parameter).",
    ),
    credential("AccessKeyId", "AccessKey id (credential)."),
    credential("Signature", "Request signature (credential)."),
    credential("SecurityToken", "STS token (credential)."),
    credential("BearerToken", "Bearer token (credential)."),
    credential(
        "AccessKeySecret",
        "AccessKey secret: never sent, it only signs (credential).",
    ),
    credential(
        "Authorization",
        "ACS3 signature header (credential).",
    ),
];

const fn credential(name: &'static str, doc: &'static str) -> Param {
    Param::new(name, Kind::Credential, Rule::CredentialInRequest, doc)
}

/// An account id: a positive 64-bit integer.
const ACCOUNT_ID: IntRule = IntRule {
    ranges: &[Bounds {
        first: 0,
        last: 0,
        min: 1,
        max: i64::MAX as u64,
    }],
    unit: Unit::Number,
};

/// An enumeration kind.
pub(super) const fn enums(values: &'static [Choice], case: Case) -> Kind {
    Kind::Enum(Choices { values, case })
}

/// `Action`: optional (ACS3 signers send it in a header), and when present, ImportImage.
pub(super) const ACTION: Param = Param::new(
    "Action",
    enums(&[Choice::new("ImportImage")], Case::Exact),
    Rule::ActionValue,
    "The API operation; always ImportImage (ACS3 signers send it in the x-acs-action header).",
)
.with_default("ImportImage");

/// `RegionId`, required.
pub(super) const REGION_ID: Param = Param::new(
    "RegionId",
    Kind::Region,
    Rule::RegionIdFormat,
    "Region to import the image into.",
)
.with_key(Key::RegionId)
.with_required(Required::Yes);

/// The rules that judge ImageName.
const IMAGE_NAME_RULES: TextRules = TextRules {
    length: Rule::ImageNameLength,
    utf16: Some(Rule::ImageNameUtf16Length),
    start: Rule::ImageNameStart,
    characters: Rule::ImageNameCharacters,
    url: Rule::ImageNameUrl,
    prefix: Rule::ImageNamePrefix,
};

/// `ImageName` with the revision's punctuation, reserved prefixes and link rule.
pub(super) const fn image_name(
    punctuation: &'static str,
    forbidden_prefixes: &'static [&'static str],
    url: UrlRule,
) -> Param {
    Param::new(
        "ImageName",
        Kind::Text(TextRule {
            min: 2,
            max: 128,
            chars: Charset::Name { punctuation },
            forbidden_prefixes,
            url,
            rules: IMAGE_NAME_RULES,
        }),
        Rule::ImageNameCharacters,
        "Name of the new image.",
    )
    .with_key(Key::ImageName)
}

/// `Description` with the revision's smallest length; an empty one is judged.
pub(super) const fn description(min: usize) -> Param {
    Param::new(
        "Description",
        Kind::Text(TextRule {
            min,
            max: 256,
            chars: Charset::Any,
            forbidden_prefixes: &[],
            url: UrlRule::Prefix,
            rules: TextRules {
                url: Rule::DescriptionUrl,
                prefix: Rule::DescriptionUrl,
                ..TextRules::all(Rule::DescriptionLength)
            },
        }),
        Rule::DescriptionLength,
        "Description of the new image.",
    )
    .empty_is_a_value()
}

/// `Architecture` with the revision's values; x86_64 by default.
pub(super) const fn architecture(values: &'static [Choice]) -> Param {
    Param::new(
        "Architecture",
        enums(values, Case::Exact),
        Rule::Architecture,
        "System architecture.",
    )
    .with_key(Key::Architecture)
    .with_default("x86_64")
}

/// `OSType` with the revision's spellings; `linux` (in that spelling) by default.
pub(super) const fn os_type(values: &'static [Choice; 2], case: Case) -> Param {
    Param::new(
        "OSType",
        enums(values, case),
        Rule::OsType,
        "Operating system type.",
    )
    .with_key(Key::OsType)
    .with_default(values[1].value)
}

/// `Platform` with the revision's distributions; Others Linux by default.
pub(super) const fn platform(values: &'static [Choice]) -> Param {
    Param::new(
        "Platform",
        enums(values, Case::Exact),
        Rule::Platform,
        "Operating system distribution.",
    )
    .with_key(Key::Platform)
    .with_default("Others Linux")
}

/// `DiskDeviceMapping.N.OSSBucket`, required in every disk.
pub(super) const DISK_BUCKET: Param = Param::new(
    "DiskDeviceMapping.N.OSSBucket",
    Kind::OssBucket,
    Rule::OssBucketName,
    "OSS bucket holding the image file of disk N.",
)
.with_key(Key::DiskBucket)
.with_required(Required::PerIndex);

/// `DiskDeviceMapping.N.OSSObject`, required in every disk.
pub(super) const DISK_OBJECT: Param = Param::new(
    "DiskDeviceMapping.N.OSSObject",
    Kind::OssObject,
    Rule::OssObjectKey,
    "OSS object key of the image file of disk N.",
)
.with_key(Key::DiskObject)
.with_required(Required::PerIndex);

/// `DiskDeviceMapping.N.Format` with the revision's formats; detected when absent.
pub(super) const fn disk_format(values: &'static [Choice], case: Case) -> Param {
    Param::new(
        "DiskDeviceMapping.N.Format",
        enums(values, case),
        Rule::DiskFormat,
        "Image file format of disk N.",
    )
    .with_key(Key::DiskFormat)
    .detected_when_absent()
}

/// `DiskDeviceMapping.N.DiskImageSize` with the revision's ranges; measured when absent.
pub(super) const fn disk_size(ranges: &'static [Bounds]) -> Param {
    Param::new(
        "DiskDeviceMapping.N.DiskImageSize",
        Kind::Integer(IntRule {
            ranges,
            unit: Unit::GiB,
        }),
        Rule::DiskImageSize,
        "Size of disk N in GiB.",
    )
    .with_key(Key::DiskSize)
    .detected_when_absent()
}

/// The disks: N = 1 is the system disk and must be present, N up to 17.
pub(super) const DISKS: Family = Family {
    prefix: "DiskDeviceMapping",
    max: 17,
    first_required: true,
};

/// The Platform values of the spec, with their operating system family.
pub(super) const PLATFORMS_2019: [Choice; 12] = [
    Choice::new("CentOS").os(Os::Linux),
    Choice::new("Ubuntu").os(Os::Linux),
    Choice::new("SUSE").os(Os::Linux),
    Choice::new("OpenSUSE").os(Os::Linux),
    Choice::new("Debian").os(Os::Linux),
    Choice::new("CoreOS").os(Os::Linux),
    Choice::new("Aliyun").os(Os::Linux),
    Choice::new("Windows Server 2003").os(Os::Windows),
    Choice::new("Windows Server 2008").os(Os::Windows),
    Choice::new("Windows Server 2012").os(Os::Windows),
    Choice::new("Others Linux").os(Os::Linux),
    Choice::new("Customized Linux").os(Os::Linux),
];

/// The import role: what every revision asks of it.
pub(super) const ROLE: RoleRules = RoleRules {
    name: "AliyunECSImageImportDefaultRole",
    name_from_request: false,
    service: "ecs.aliyuncs.com",
    assume_action: "sts:AssumeRole",
    system_policy: "AliyunECSImageImportRolePolicy",
    actions: &[
        ("oss:GetObject", super::Resource::Object),
        ("oss:GetBucketLocation", super::Resource::Bucket),
    ],
    system_policies: &[
        (
            "AliyunECSImageImportRolePolicy",
            &[
                "oss:GetObject",
                "oss:GetBucketLocation",
                "oss:GetBucketInfo",
            ],
        ),
        ("AliyunOSSFullAccess", &["oss:*"]),
        ("AliyunOSSReadOnlyAccess", &["oss:Get*", "oss:List*"]),
    ],
};

/// Region ids of public ECS regions known when the tables were written.
pub(super) const KNOWN_REGIONS: &[&str] = &[
    "cn-hangzhou",
    "cn-shanghai",
    "cn-nanjing",
    "cn-fuzhou",
    "cn-qingdao",
    "cn-beijing",
    "cn-zhangjiakou",
    "cn-huhehaote",
    "cn-wulanchabu",
    "cn-shenzhen",
    "cn-heyuan",
    "cn-guangzhou",
    "cn-wuhan-lr",
    "cn-chengdu",
    "cn-hongkong",
    "cn-zhengzhou-jva",
    "cn-zhongwei",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-south-1",
    "eu-central-1",
    "eu-west-1",
    "me-east-1",
    "me-central-1",
    "us-west-1",
    "us-east-1",
    "na-south-1",
    "cn-hangzhou-finance",
    "cn-shanghai-finance-1",
    "cn-shenzhen-finance-1",
    "cn-beijing-finance-1",
    "cn-north-2-gov-1",
];

/// The error codes both revisions name for the same rules.
macro_rules! codes {
    ($($rule:ident => $code:literal),* $(,)?) => { &[$(($crate::rule::Rule::$rule, $code)),*] };
}
pub(super) use codes;
