//! One parameter of a revision's table, and the kinds of values parameters take.

use crate::rule::Rule;

/// A parameter the checks refer to by meaning. Checks look parameters up by key, never
/// by a string, so that a misspelt name cannot silently turn a rule off. Parameters that
/// no check needs by meaning have no key; the tables alone describe them.
///
/// ```
/// use importimage_lint::profile::{Key, SPEC_2019};
/// assert_eq!(SPEC_2019.keyed(Key::DiskFormat).unwrap().name(), "DiskDeviceMapping.N.Format");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Key {
    /// The region the image is imported into.
    RegionId,
    /// The new image's name.
    ImageName,
    /// The operating system type.
    OsType,
    /// The operating system distribution.
    Platform,
    /// The RAM role the import runs as.
    RoleName,
    /// A disk's OSS bucket.
    DiskBucket,
    /// A disk's OSS object key.
    DiskObject,
    /// A disk's image format.
    DiskFormat,
    /// A disk's size in GiB.
    DiskSize,
    /// The system architecture.
    Architecture,
    /// The firmware boot mode.
    BootMode,
}

/// When a parameter must be present.
///
/// ```
/// use importimage_lint::profile::{Required, SPEC_2019};
/// assert_eq!(SPEC_2019.param("RegionId").unwrap().required(), Required::Yes);
/// assert_eq!(SPEC_2019.param("Action").unwrap().required(), Required::No);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Required {
    /// Optional.
    No,
    /// Always.
    Yes,
    /// In every member of its family that is present (each disk needs a bucket).
    PerIndex,
}

/// What an empty string means for a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Empty {
    /// The parameter counts as absent (a note says so); for a required one it is missing.
    Absent,
    /// An empty string is a value, judged like any other (Description may be empty).
    Value,
}

/// Why a parameter is deprecated.
///
/// Frozen: a table type, written as a struct literal by profile tables, so its fields
/// are added or changed only in a major release (see CHANGELOG.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deprecation {
    /// The field of the same family to use instead, if any.
    pub instead: Option<&'static str>,
}

/// How letter case is treated when a value matches a choice only when case is ignored.
///
/// ```
/// use importimage_lint::profile::{Case, Kind, SPEC_2019};
/// let Kind::Enum(choices) = SPEC_2019.param("OSType").unwrap().kind() else { panic!() };
/// assert_eq!(choices.case, Case::Warn);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Case {
    /// A case variant is an error, with the documented spelling as the fix.
    Exact,
    /// A case variant is a warning (`enum-letter-case`): the service is known to accept it.
    Warn,
    /// Any letter case is accepted silently (the gateway compares without case).
    Any,
}

/// The operating system family a choice belongs to (Platform and OSType values carry it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Os {
    /// Linux and other Unix-like systems.
    Linux,
    /// Windows.
    Windows,
}

/// One documented value of an enumeration.
///
/// ```
/// use importimage_lint::profile::{Choice, Os};
/// const WS: Choice = Choice::new("Windows Server 2012").os(Os::Windows);
/// assert_eq!(WS.family, Some(Os::Windows));
/// ```
///
/// Frozen: a table type, written as a struct literal by profile tables, so its fields
/// are added or changed only in a major release (see CHANGELOG.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// The documented spelling.
    pub value: &'static str,
    /// The operating system family the value implies, where it implies one.
    pub family: Option<Os>,
}

impl Choice {
    /// A choice that implies no operating system family.
    pub const fn new(value: &'static str) -> Choice {
        Choice {
            value,
            family: None,
        }
    }

    /// The same choice, implying an operating system family.
    pub const fn os(self, os: Os) -> Choice {
        Choice {
            family: Some(os),
            ..self
        }
    }
}

/// The documented values of an enumeration and how their letter case is judged.
///
/// Frozen: a table type, written as a struct literal by profile tables, so its fields
/// are added or changed only in a major release (see CHANGELOG.md).
#[derive(Debug, Clone, Copy)]
pub struct Choices {
    /// The documented values.
    pub values: &'static [Choice],
    /// How a case variant is judged.
    pub case: Case,
}

impl Choices {
    /// The choice a value names, as the service reads it: the exact spelling first, then,
    /// where the letter case is not exact, a case variant. Surrounding whitespace is not
    /// ignored.
    ///
    /// ```
    /// use importimage_lint::profile::{Kind, CURRENT};
    /// let Kind::Enum(os) = CURRENT.param("OSType").unwrap().kind() else { panic!() };
    /// assert_eq!(os.find("Linux").unwrap().value, "linux");
    /// ```
    pub fn find(&self, v: &str) -> Option<&'static Choice> {
        self.values.iter().find(|c| c.value == v).or_else(|| {
            (self.case != Case::Exact)
                .then(|| self.values.iter().find(|c| c.value.eq_ignore_ascii_case(v)))
                .flatten()
        })
    }

    /// The choice a value was probably meant as: [`Choices::find`], else a case variant or
    /// a variant with whitespace around it, whatever the case rule.
    pub fn meant(&self, v: &str) -> Option<&'static Choice> {
        let t = v.trim();
        self.find(v)
            .or_else(|| self.values.iter().find(|c| c.value == t))
            .or_else(|| self.values.iter().find(|c| c.value.eq_ignore_ascii_case(t)))
    }

    /// The documented spellings.
    pub fn spellings(&self) -> impl Iterator<Item = &'static str> {
        self.values.iter().map(|c| c.value)
    }
}

/// Which characters a text may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Charset {
    /// Any character.
    Any,
    /// Printable ASCII only.
    PrintableAscii,
    /// A name: it starts with an ASCII letter or a Chinese (Han) character, then holds
    /// ASCII letters and digits, Han characters and the listed punctuation.
    Name {
        /// The ASCII punctuation allowed after the first character.
        punctuation: &'static str,
    },
}

/// Where `http://` and `https://` are forbidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrlRule {
    /// Nowhere: links are allowed.
    Allowed,
    /// At the start only.
    Prefix,
    /// Anywhere in the value.
    Anywhere,
}

/// The rule that reports each way a text can break its [`TextRule`].
///
/// Frozen: a table type, written as a struct literal by profile tables, so its fields
/// are added or changed only in a major release (see CHANGELOG.md).
#[derive(Debug, Clone, Copy)]
pub struct TextRules {
    /// Too short or too long.
    pub length: Rule,
    /// A length in UTF-16 units on the other side of a limit, if the text is judged so.
    pub utf16: Option<Rule>,
    /// A first character the charset forbids.
    pub start: Rule,
    /// A character the charset forbids.
    pub characters: Rule,
    /// A link where links are forbidden.
    pub url: Rule,
    /// A reserved prefix.
    pub prefix: Rule,
}

impl TextRules {
    /// Every way reported by one rule.
    pub const fn all(rule: Rule) -> TextRules {
        TextRules {
            length: rule,
            utf16: None,
            start: rule,
            characters: rule,
            url: rule,
            prefix: rule,
        }
    }
}

/// Limits of a text parameter (ImageName, Description, Tag.N.Key, ClientToken, …).
///
/// ```
/// use importimage_lint::profile::{Kind, CURRENT};
/// let Kind::Text(t) = CURRENT.param("ImageName").unwrap().kind() else { panic!() };
/// assert_eq!((t.min, t.max), (2, 128));
/// ```
///
/// Frozen: a table type, written as a struct literal by profile tables, so its fields
/// are added or changed only in a major release (see CHANGELOG.md).
#[derive(Debug, Clone, Copy)]
pub struct TextRule {
    /// Smallest length in code points.
    pub min: usize,
    /// Largest length in code points.
    pub max: usize,
    /// Which characters it may hold.
    pub chars: Charset,
    /// Prefixes it must not start with (compared without regard to letter case).
    pub forbidden_prefixes: &'static [&'static str],
    /// Where links are forbidden.
    pub url: UrlRule,
    /// Which rule reports what.
    pub rules: TextRules,
}

/// What an integer counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unit {
    /// Gibibytes.
    GiB,
    /// A plain number (an account id).
    Number,
}

/// The range of an integer for the members N = `first..=last` of its family (0..=0 for a
/// parameter outside a family).
///
/// Frozen: a table type, written as a struct literal by profile tables, so its fields
/// are added or changed only in a major release (see CHANGELOG.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// First N the range applies to.
    pub first: u32,
    /// Last N the range applies to.
    pub last: u32,
    /// Smallest value.
    pub min: u64,
    /// Largest value.
    pub max: u64,
}

/// Limits of a whole-number parameter (DiskImageSize, OwnerId).
///
/// ```
/// use importimage_lint::profile::{Kind, SPEC_2019};
/// let Kind::Integer(i) = SPEC_2019.param("DiskDeviceMapping.N.DiskImageSize").unwrap().kind() else { panic!() };
/// assert_eq!(i.bounds(1).map(|b| (b.min, b.max)), Some((5, 500)));
/// assert_eq!(i.bounds(17).map(|b| (b.min, b.max)), Some((5, 1000)));
/// ```
///
/// Frozen: a table type, written as a struct literal by profile tables, so its fields
/// are added or changed only in a major release (see CHANGELOG.md).
#[derive(Debug, Clone, Copy)]
pub struct IntRule {
    /// The ranges, by N.
    pub ranges: &'static [Bounds],
    /// What the number counts.
    pub unit: Unit,
}

impl IntRule {
    /// The range that applies to member N (0 outside a family).
    pub fn bounds(&self, n: u32) -> Option<&'static Bounds> {
        self.ranges.iter().find(|b| (b.first..=b.last).contains(&n))
    }
}

/// What values a parameter takes; each kind is judged by one check.
///
/// ```
/// use importimage_lint::profile::{Kind, CURRENT};
/// assert!(matches!(CURRENT.param("DryRun").unwrap().kind(), Kind::Bool));
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Kind {
    /// One of a list of values.
    Enum(Choices),
    /// Text with limits.
    Text(TextRule),
    /// A whole number within a range (a JSON integer or a string of digits).
    Integer(IntRule),
    /// `true` or `false`, in any letter case (SDKs send `True`), or a JSON boolean.
    Bool,
    /// A region id.
    Region,
    /// An OSS bucket name.
    OssBucket,
    /// An OSS object key.
    OssObject,
    /// An ISO 8601 UTC time, `YYYY-MM-DDThh:mm:ssZ`.
    Timestamp,
    /// The ARN of a CloudBox: `arn:acs:cloudbox:{RegionId}:{AliUid}:cloudbox/{CloudBoxId}`.
    CloudBoxArn,
    /// A credential, which does not belong in a request file; its value is never shown.
    Credential,
    /// Any string: known, not judged further.
    Free,
}

/// One request parameter. Names of families use `N` for the number:
/// `DiskDeviceMapping.N.OSSBucket`. Built with [`Param::new`] and the builder methods, so
/// that the parts of its name are worked out once, at compile time.
///
/// ```
/// let p = importimage_lint::profile::SPEC_2019.param("DiskDeviceMapping.N.Format").unwrap();
/// assert_eq!((p.family(), p.field()), (Some("DiskDeviceMapping"), "Format"));
/// assert!(p.detected());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Param {
    name: &'static str,
    key: Option<Key>,
    kind: Kind,
    rule: Rule,
    doc: &'static str,
    required: Required,
    default: Option<&'static str>,
    detected: bool,
    deprecation: Option<Deprecation>,
    empty: Empty,
    code: Option<&'static str>,
    family: Option<&'static str>,
    field: &'static str,
    group: Option<&'static str>,
}

impl Param {
    /// An optional parameter without default, judged by `rule`.
    pub const fn new(name: &'static str, kind: Kind, rule: Rule, doc: &'static str) -> Param {
        let (family, field) = split_family(name);
        Param {
            name,
            key: None,
            kind,
            rule,
            doc,
            required: Required::No,
            default: None,
            detected: false,
            deprecation: None,
            empty: Empty::Absent,
            code: None,
            family,
            field,
            group: split_group(name),
        }
    }

    /// The same parameter with a key that checks find it by.
    pub const fn with_key(self, key: Key) -> Param {
        Param {
            key: Some(key),
            ..self
        }
    }

    /// The same parameter with another kind of value.
    pub const fn with_kind(self, kind: Kind) -> Param {
        Param { kind, ..self }
    }

    /// The same parameter, required as `required` says.
    pub const fn with_required(self, required: Required) -> Param {
        Param { required, ..self }
    }

    /// The same parameter with the value the service uses when it is absent.
    pub const fn with_default(self, value: &'static str) -> Param {
        Param {
            default: Some(value),
            ..self
        }
    }

    /// The same parameter, detected by the service from the image when absent.
    pub const fn detected_when_absent(self) -> Param {
        Param {
            detected: true,
            ..self
        }
    }

    /// The same parameter, deprecated in favour of `instead` (a field of its family).
    pub const fn deprecated_for(self, instead: Option<&'static str>) -> Param {
        Param {
            deprecation: Some(Deprecation { instead }),
            ..self
        }
    }

    /// The same parameter, where an empty string is a value to judge.
    pub const fn empty_is_a_value(self) -> Param {
        Param {
            empty: Empty::Value,
            ..self
        }
    }

    /// The same parameter, whose malformed values the service answers with `code`.
    pub const fn with_code(self, code: &'static str) -> Param {
        Param {
            code: Some(code),
            ..self
        }
    }

    /// The API name, `N` standing for the index.
    pub const fn name(&self) -> &'static str {
        self.name
    }
    /// The key checks find it by, if any.
    pub const fn key(&self) -> Option<Key> {
        self.key
    }
    /// What values it takes.
    pub const fn kind(&self) -> Kind {
        self.kind
    }
    /// The rule that judges its value.
    pub const fn rule(&self) -> Rule {
        self.rule
    }
    /// One line saying what it is.
    pub const fn doc(&self) -> &'static str {
        self.doc
    }
    /// When it must be present.
    pub const fn required(&self) -> Required {
        self.required
    }
    /// The value the service uses when it is absent.
    pub const fn default(&self) -> Option<&'static str> {
        self.default
    }
    /// Whether the service detects the value from the image when it is absent.
    pub const fn detected(&self) -> bool {
        self.detected
    }
    /// Whether, and in favour of what, it is deprecated.
    pub const fn deprecation(&self) -> Option<Deprecation> {
        self.deprecation
    }
    /// What an empty string means.
    pub const fn empty(&self) -> Empty {
        self.empty
    }
    /// The API error code of a malformed value, where it differs from its rule's code.
    pub const fn code(&self) -> Option<&'static str> {
        self.code
    }
    /// For a member of a family, the name before `.N.` (`DiskDeviceMapping`).
    pub const fn family(&self) -> Option<&'static str> {
        self.family
    }
    /// The name after `.N.` for a member of a family (`OSSBucket`), else the whole name.
    pub const fn field(&self) -> &'static str {
        self.field
    }
    /// For a dotted name, the part before the first `.` (`DiskDeviceMapping`, `Features`).
    pub const fn group(&self) -> Option<&'static str> {
        self.group
    }
    /// The flat name of member `n` (`DiskDeviceMapping.2.Format`), or the name itself.
    pub fn flat(&self, n: u32) -> String {
        match self.family {
            Some(f) => format!("{f}.{n}.{}", self.field),
            None => self.name.to_owned(),
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
