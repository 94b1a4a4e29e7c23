//! Rule profiles: one table of data per revision of the ImportImage API.
//!
//! Every number, enumeration, default and error code the checks use is read from a
//! [`Profile`]. The rule modules hold the logic; a profile holds the facts.
//! A later revision of the API is another `Profile` value, not new code.

use crate::rules::Rule;

mod current;
mod spec_2019;

pub use current::CURRENT;
pub use spec_2019::SPEC_2019;

/// Every profile, the default first.
pub const PROFILES: &[&Profile] = &[&SPEC_2019, &CURRENT];

/// Finds a profile by its id (`"2019-01"`, `"current"`).
///
/// ```
/// use importimage_lint::profile;
/// assert_eq!(profile::by_id("current").unwrap().id, "current");
/// assert!(profile::by_id("2030").is_none());
/// ```
pub fn by_id(id: &str) -> Option<&'static Profile> {
    PROFILES.iter().copied().find(|p| p.id == id)
}

/// One revision of the API's rules.
///
/// ```
/// let p = importimage_lint::profile::by_id("current").unwrap();
/// assert_eq!(p.image_name.punctuation, ".:_-");
/// assert_eq!(p.disks.system_size, (1, 2048));
/// ```
#[derive(Debug)]
pub struct Profile {
    /// Stable id used by `--profile` and in reports.
    pub id: &'static str,
    /// One line saying where the rules come from.
    pub title: &'static str,
    /// Every parameter the revision knows, in the order reports and listings use.
    pub params: &'static [Param],
    /// Parameter families numbered by `N`: the prefix and the largest N.
    pub indexed: &'static [Indexed],
    /// Rules for ImageName.
    pub image_name: NameRules,
    /// Rules for Description.
    pub description: TextRules,
    /// Size limits of the disks in DiskDeviceMapping.
    pub disks: DiskRules,
    /// Region ids known to exist when the table was written.
    pub regions: &'static [&'static str],
    /// File extensions that name a disk image format, and that format's spelling.
    pub format_extensions: &'static [(&'static str, &'static str)],
    /// The API error code each rule prevents, where the revision names one.
    pub codes: &'static [(Rule, &'static str)],
    /// Conditions between parameters that the revision states (`arm64` needs `UEFI`).
    pub requires: &'static [Requirement],
    /// What the import role must be allowed to do.
    pub role: RoleRules,
}

impl Profile {
    /// The API error code a rule prevents under this profile, if the revision names one.
    pub fn code(&self, rule: Rule) -> Option<&'static str> {
        self.codes.iter().find(|(r, _)| *r == rule).map(|(_, c)| *c)
    }

    /// The parameter with this template name (`"DiskDeviceMapping.N.Format"`).
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// The largest `N` of an indexed family such as `DiskDeviceMapping`.
    pub fn max_index(&self, prefix: &str) -> Option<u32> {
        self.indexed
            .iter()
            .find(|i| i.prefix == prefix)
            .map(|i| i.max)
    }
}

/// One request parameter. Names of indexed families use `N` for the number:
/// `DiskDeviceMapping.N.OSSBucket`.
///
/// ```
/// let p = importimage_lint::profile::SPEC_2019.param("DiskDeviceMapping.N.Format").unwrap();
/// assert_eq!((p.family, p.field), (Some("DiskDeviceMapping"), "Format"));
/// assert!(p.detected);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// The API name, `N` standing for the index.
    pub name: &'static str,
    /// What values it takes.
    pub kind: Kind,
    /// When it must be present.
    pub required: Required,
    /// The value the service uses when the parameter is absent.
    pub default: Option<&'static str>,
    /// Whether the service detects the value from the image when it is absent.
    pub detected: bool,
    /// The rule that judges its value.
    pub rule: Rule,
    /// One line saying what it is.
    pub doc: &'static str,
    /// For an indexed parameter, the name before `.N.` (`DiskDeviceMapping`).
    pub family: Option<&'static str>,
    /// The name after `.N.` for an indexed parameter (`OSSBucket`), else the whole name.
    pub field: &'static str,
    /// For a dotted name, the part before the first `.` (`DiskDeviceMapping`, `Features`).
    pub group: Option<&'static str>,
}

impl Param {
    /// A parameter that is optional, has no default and is not detected; the parts of its
    /// name are worked out once, at compile time.
    pub const fn new(name: &'static str, kind: Kind, rule: Rule, doc: &'static str) -> Param {
        let (family, field) = split_family(name);
        Param {
            name,
            kind,
            required: Required::No,
            default: None,
            detected: false,
            rule,
            doc,
            family,
            field,
            group: split_group(name),
        }
    }
}

/// `"DiskDeviceMapping.N.OSSBucket"` → `(Some("DiskDeviceMapping"), "OSSBucket")`.
const fn split_family(name: &'static str) -> (Option<&'static str>, &'static str) {
    let b = name.as_bytes();
    let mut i = 0;
    while i + 3 <= b.len() {
        if b[i] == b'.' && b[i + 1] == b'N' && b[i + 2] == b'.' {
            let (family, rest) = name.split_at(i);
            let (_, field) = rest.split_at(3);
            return (Some(family), field);
        }
        i += 1;
    }
    (None, name)
}

/// `"Features.ImdsSupport"` → `Some("Features")`.
const fn split_group(name: &'static str) -> Option<&'static str> {
    let b = name.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'.' {
            return Some(name.split_at(i).0);
        }
        i += 1;
    }
    None
}

/// When a parameter must be present.
///
/// ```
/// use importimage_lint::profile::{Required, SPEC_2019};
/// assert_eq!(SPEC_2019.param("RegionId").unwrap().required, Required::Yes);
/// assert_eq!(SPEC_2019.param("Action").unwrap().required, Required::InQuery);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    /// Optional.
    No,
    /// Always.
    Yes,
    /// Only in the query-string form (JSON files imply `Action`).
    InQuery,
    /// In every member of its indexed family that is present (each disk needs a bucket).
    PerIndex,
}

/// How letter case is treated when a value matches an enumeration only when case is ignored.
///
/// ```
/// use importimage_lint::profile::{Case, Kind, SPEC_2019};
/// let Kind::Enum { case, .. } = SPEC_2019.param("OSType").unwrap().kind else { panic!() };
/// assert_eq!(case, Case::Warn);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// A case variant is an error, with the documented spelling as the fix.
    Exact,
    /// A case variant is a warning (`enum-letter-case`): the service is known to accept it.
    Warn,
    /// Any letter case is accepted silently.
    Any,
}

/// What values a parameter takes; each kind is judged by one rule module.
///
/// ```
/// use importimage_lint::profile::{Kind, CURRENT};
/// assert!(matches!(CURRENT.param("DryRun").unwrap().kind, Kind::Bool));
/// ```
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// One of a list of values.
    Enum {
        /// The documented spellings.
        values: &'static [&'static str],
        /// How a case variant is judged.
        case: Case,
    },
    /// A region id.
    Region,
    /// An image name, judged by [`Profile::image_name`].
    ImageName,
    /// A description, judged by [`Profile::description`].
    Description,
    /// An OSS bucket name.
    OssBucket,
    /// An OSS object key.
    OssObject,
    /// A disk size in whole GiB, judged by [`Profile::disks`]; `integer` means a JSON
    /// integer is the documented type, not a string.
    DiskSize,
    /// An ISO 8601 UTC time, `YYYY-MM-DDThh:mm:ssZ`.
    Timestamp,
    /// `true` or `false`.
    Bool,
    /// Free text with a length limit; `ascii` restricts it to printable ASCII.
    Text {
        /// Smallest length in code points.
        min: usize,
        /// Largest length in code points.
        max: usize,
        /// Printable ASCII only.
        ascii: bool,
        /// Prefixes the value must not start with (compared without regard to case).
        forbidden_prefixes: &'static [&'static str],
        /// Whether `http://` and `https://` may not appear anywhere.
        no_url: bool,
    },
    /// Any string: known, not judged further.
    Free,
    /// A credential, which does not belong in a request file.
    Credential,
    /// Still accepted by the service but deprecated; `instead` names the replacement.
    Deprecated {
        /// What to use instead, if anything.
        instead: Option<&'static str>,
    },
}

/// A family of parameters numbered by `N`.
///
/// ```
/// assert_eq!(importimage_lint::profile::CURRENT.max_index("Tag"), Some(20));
/// ```
#[derive(Debug)]
pub struct Indexed {
    /// The name before `.N.`.
    pub prefix: &'static str,
    /// The largest N (the smallest is 1).
    pub max: u32,
}

/// Where `http://` and `https://` are forbidden in a name or description.
///
/// ```
/// use importimage_lint::profile::{UrlRule, CURRENT, SPEC_2019};
/// assert_eq!(SPEC_2019.image_name.url, UrlRule::Prefix);
/// assert_eq!(CURRENT.image_name.url, UrlRule::Anywhere);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlRule {
    /// At the start only.
    Prefix,
    /// Anywhere in the value.
    Anywhere,
}

/// Rules for ImageName.
///
/// ```
/// assert_eq!(importimage_lint::profile::SPEC_2019.image_name.max, 128);
/// ```
#[derive(Debug)]
pub struct NameRules {
    /// Smallest length in code points.
    pub min: usize,
    /// Largest length in code points.
    pub max: usize,
    /// ASCII punctuation allowed after the first character.
    pub punctuation: &'static str,
    /// Prefixes the name must not start with (compared without regard to case).
    pub forbidden_prefixes: &'static [&'static str],
    /// Where a URL scheme is forbidden.
    pub url: UrlRule,
}

/// Rules for Description.
///
/// ```
/// assert_eq!(importimage_lint::profile::CURRENT.description.min, 2);
/// ```
#[derive(Debug)]
pub struct TextRules {
    /// Smallest length in code points (0: may be empty).
    pub min: usize,
    /// Largest length in code points.
    pub max: usize,
    /// Where a URL scheme is forbidden.
    pub url: UrlRule,
}

/// Size limits of the disks in DiskDeviceMapping.
///
/// ```
/// assert_eq!(importimage_lint::profile::SPEC_2019.disks.data_size, (5, 1000));
/// ```
#[derive(Debug)]
pub struct DiskRules {
    /// The parameter family (`DiskDeviceMapping`).
    pub prefix: &'static str,
    /// Inclusive GiB range of the system disk (N = 1).
    pub system_size: (u64, u64),
    /// Inclusive GiB range of a data disk (N ≥ 2).
    pub data_size: (u64, u64),
}

/// A condition between two parameters: when `when` has value `is`, `then` must be `must`.
///
/// ```
/// let r = &importimage_lint::profile::CURRENT.requires[0];
/// assert_eq!((r.when, r.is, r.then, r.must), ("Architecture", "arm64", "BootMode", "UEFI"));
/// ```
#[derive(Debug)]
pub struct Requirement {
    /// The parameter that triggers the condition.
    pub when: &'static str,
    /// Its triggering value.
    pub is: &'static str,
    /// The parameter that must follow.
    pub then: &'static str,
    /// The value it must have.
    pub must: &'static str,
}

/// What the RAM role of an import must allow.
///
/// ```
/// assert_eq!(importimage_lint::profile::CURRENT.role.actions.len(), 3);
/// ```
#[derive(Debug)]
pub struct RoleRules {
    /// The role name the service assumes.
    pub name: &'static str,
    /// Whether the request's RoleName parameter may name another role.
    pub name_from_request: bool,
    /// The system policy that grants everything needed.
    pub system_policy: &'static str,
    /// The OSS actions needed, with what each needs as resource (`bucket` or `object`).
    pub actions: &'static [(&'static str, Resource)],
}

/// What an OSS action needs as its resource.
///
/// ```
/// use importimage_lint::profile::{Resource, SPEC_2019};
/// assert_eq!(SPEC_2019.role.actions[0], ("oss:GetObject", Resource::Object));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// `acs:oss:*:*:bucket`.
    Bucket,
    /// `acs:oss:*:*:bucket/key`.
    Object,
}

/// Region ids of public ECS regions known when the tables were written.
pub const KNOWN_REGIONS: &[&str] = &[
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

/// What a profile's table says for one rule, in one line: the limits, lists, defaults it
/// reads. `explain` prints it per profile, so differences between revisions show.
///
/// ```
/// use importimage_lint::{profile, Rule};
/// let old = profile::facts(&profile::SPEC_2019, Rule::DiskImageSize);
/// let new = profile::facts(&profile::CURRENT, Rule::DiskImageSize);
/// assert_eq!(old, "system disk 5–500 GiB, data disks 5–1000 GiB");
/// assert_eq!(new, "system disk 1–2048 GiB, data disks 1–2048 GiB");
/// ```
pub fn facts(p: &Profile, rule: Rule) -> String {
    let url = |u: UrlRule| {
        if u == UrlRule::Prefix {
            "http(s):// forbidden at the start"
        } else {
            "http(s):// forbidden anywhere"
        }
    };
    let n = &p.image_name;
    let mut out: Vec<String> = match rule {
        Rule::ImageNameLength | Rule::ImageNameUtf16Length => {
            vec![format!("ImageName {}–{} code points", n.min, n.max)]
        }
        Rule::ImageNameStart => vec!["first an ASCII letter or a Han character".into()],
        Rule::ImageNameCharacters => {
            vec![format!("then letters, digits, Han and `{}`", n.punctuation)]
        }
        Rule::ImageNameUrl => vec![url(n.url).into()],
        Rule::ImageNamePrefix if n.forbidden_prefixes.is_empty() => {
            vec!["no reserved prefixes".into()]
        }
        Rule::ImageNamePrefix => vec![format!(
            "must not start with {}",
            n.forbidden_prefixes.join(" or ")
        )],
        Rule::DescriptionLength => vec![format!(
            "Description {}–{} code points",
            p.description.min, p.description.max
        )],
        Rule::DescriptionUrl => vec![url(p.description.url).into()],
        Rule::DiskImageSize => {
            let (s, d) = (p.disks.system_size, p.disks.data_size);
            vec![format!(
                "system disk {}–{} GiB, data disks {}–{} GiB",
                s.0, s.1, d.0, d.1
            )]
        }
        Rule::ParameterIndex => p
            .indexed
            .iter()
            .map(|i| format!("{}.N with N 1–{}", i.prefix, i.max))
            .collect(),
        Rule::RegionIdUnknown => vec![format!("{} known regions", p.regions.len())],
        Rule::FormatExtensionMismatch => {
            vec![p
                .format_extensions
                .iter()
                .map(|(e, f)| format!(".{e} = {f}"))
                .collect::<Vec<_>>()
                .join(", ")]
        }
        Rule::RequiredCombination if p.requires.is_empty() => vec!["no combinations stated".into()],
        Rule::RequiredCombination => p
            .requires
            .iter()
            .map(|r| format!("{} {} needs {} {}", r.when, r.is, r.then, r.must))
            .collect(),
        Rule::EnumLetterCase => {
            let warned: Vec<&str> = p
                .params
                .iter()
                .filter(|x| {
                    matches!(
                        x.kind,
                        Kind::Enum {
                            case: Case::Warn,
                            ..
                        }
                    )
                })
                .map(|x| x.name)
                .collect();
            if warned.is_empty() {
                vec!["no parameter warns on letter case".into()]
            } else {
                vec![format!("warns for {}", warned.join(", "))]
            }
        }
        Rule::DeprecatedParameter | Rule::NewerApiParameter | Rule::UnknownParameter => {
            vec![format!("{} parameters known", p.params.len())]
        }
        _ => Vec::new(),
    };
    for param in p.params.iter().filter(|x| x.rule == rule) {
        if let Kind::Enum { values, case } = param.kind {
            let case = match case {
                Case::Exact => "exact letter case",
                Case::Warn => "other letter case warns",
                Case::Any => "any letter case",
            };
            let default = param
                .default
                .map(|d| format!(", default {d}"))
                .unwrap_or_default();
            out.push(format!(
                "{}: {} ({case}{default})",
                param.name,
                values.join(", ")
            ));
        }
    }
    if out.is_empty()
        && !p.params.iter().any(|x| x.rule == rule)
        && rule.meta().example_profile != "2019-01"
        && p.id == "2019-01"
    {
        out.push("not part of this revision".into());
    }
    out.join("; ")
}
