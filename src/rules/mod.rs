//! Every rule: its id, default severity and documentation, and the check that applies it.
//!
//! One module per family of rules. Each module holds the [`RuleMeta`] of its rules (the
//! documentation `rules` and `explain` print, with a failing and a passing example that a
//! test lints) next to the check that reads the numbers and lists of the active
//! [`Profile`](crate::profile::Profile).

use serde::{Serialize, Serializer};
use std::fmt;

use crate::report::Severity;

/// A rule's examples: kept out of the WebAssembly build, where only `explain` (a CLI
/// command) and the tests would read them.
#[cfg(not(target_arch = "wasm32"))]
macro_rules! examples {
    ($($e:expr),* $(,)?) => { &[$($e),*] };
}
#[cfg(target_arch = "wasm32")]
macro_rules! examples {
    ($($e:expr),* $(,)?) => {
        &[]
    };
}

pub(crate) mod batch;
pub(crate) mod common;
pub(crate) mod cross;
pub(crate) mod description;
pub(crate) mod disks;
pub(crate) mod enums;
pub(crate) mod image_name;
pub(crate) mod input;
pub(crate) mod oss;
pub(crate) mod region;
pub(crate) mod role;
pub(crate) mod text;

/// The documentation and default severity of one rule.
///
/// ```
/// let meta = importimage_lint::Rule::DiskImageSize.meta();
/// assert_eq!(meta.id, "disk-image-size");
/// assert!(!meta.summary.is_empty());
/// ```
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case id; never reused for another meaning.
    pub id: &'static str,
    /// Severity unless a configuration overrides it.
    pub severity: Severity,
    /// What it checks, in one line.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// Requests (JSON, one per item; several are linted as one batch) that break the rule.
    pub bad: &'static [&'static str],
    /// The same requests, fixed.
    pub good: &'static [&'static str],
    /// What the examples are: requests, or role bundles (linted with the bundled good request).
    pub subject: Subject,
    /// The profile under which the examples are linted.
    pub example_profile: &'static str,
}

/// What a rule judges.
///
/// ```
/// use importimage_lint::{Rule, Subject};
/// assert_eq!(Rule::RoleTrust.meta().subject, Subject::Role);
/// assert_eq!(Rule::Platform.meta().subject, Subject::Request);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// An ImportImage request.
    Request,
    /// A RAM role bundle (`importimage-lint role`).
    Role,
}

macro_rules! rules {
    ($($variant:ident => $meta:path,)*) => {
        /// A rule. Serialises as its kebab-case id.
        ///
        /// ```
        /// use importimage_lint::Rule;
        /// assert_eq!(Rule::ImageNameStart.id(), "image-name-start");
        /// assert_eq!(serde_json::to_string(&Rule::ImageNameStart).unwrap(), "\"image-name-start\"");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $(#[doc = concat!("The rule `", stringify!($variant), "`; [`Rule::meta`] documents it.")] $variant,)*
        }

        impl Rule {
            /// Every rule, in the order listings use.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// Its documentation and default severity.
            pub fn meta(self) -> &'static RuleMeta {
                match self {
                    $(Rule::$variant => &$meta,)*
                }
            }
        }
    };
}

rules! {
    InvalidInput => input::INVALID_INPUT,
    DuplicateParameter => input::DUPLICATE_PARAMETER,
    UnknownParameter => input::UNKNOWN_PARAMETER,
    NewerApiParameter => input::NEWER_API_PARAMETER,
    InvalidValueType => input::INVALID_VALUE_TYPE,
    EmptyValue => input::EMPTY_VALUE,
    DocPlaceholder => input::DOC_PLACEHOLDER,
    TooManyDiagnostics => input::TOO_MANY_DIAGNOSTICS,
    MissingParameter => input::MISSING_PARAMETER,
    ParameterIndex => input::PARAMETER_INDEX,
    DeprecatedParameter => input::DEPRECATED_PARAMETER,
    ActionValue => common::ACTION_VALUE,
    ResponseFormat => common::RESPONSE_FORMAT,
    ApiVersion => common::API_VERSION,
    SignatureMethod => common::SIGNATURE_METHOD,
    SignatureVersion => common::SIGNATURE_VERSION,
    Timestamp => common::TIMESTAMP,
    CredentialInRequest => common::CREDENTIAL_IN_REQUEST,
    RegionIdFormat => region::REGION_ID_FORMAT,
    RegionIdUnknown => region::REGION_ID_UNKNOWN,
    ImageNameLength => image_name::LENGTH,
    ImageNameUtf16Length => image_name::UTF16_LENGTH,
    ImageNameStart => image_name::START,
    ImageNameCharacters => image_name::CHARACTERS,
    ImageNameUrl => image_name::URL,
    ImageNamePrefix => image_name::PREFIX,
    DescriptionLength => description::LENGTH,
    DescriptionUrl => description::URL,
    Architecture => enums::ARCHITECTURE,
    OsType => enums::OS_TYPE,
    Platform => enums::PLATFORM,
    DiskFormat => enums::DISK_FORMAT,
    BootMode => enums::BOOT_MODE,
    LicenseType => enums::LICENSE_TYPE,
    EnumLetterCase => enums::LETTER_CASE,
    ParameterValue => text::PARAMETER_VALUE,
    DeceptiveText => text::DECEPTIVE_TEXT,
    DiskImageSize => disks::DISK_IMAGE_SIZE,
    OssBucketLocation => oss::BUCKET_LOCATION,
    OssBucketName => oss::BUCKET_NAME,
    OssRegionMismatch => oss::REGION_MISMATCH,
    OssObjectKey => oss::OBJECT_KEY,
    PlatformOsTypeMismatch => cross::PLATFORM_OS_TYPE,
    FormatExtensionMismatch => cross::FORMAT_EXTENSION,
    RequiredCombination => cross::REQUIRED_COMBINATION,
    DuplicateImageName => batch::DUPLICATE_IMAGE_NAME,
    RoleBundle => role::ROLE_BUNDLE,
    PolicySyntax => role::POLICY_SYNTAX,
    RoleName => role::ROLE_NAME,
    RoleTrust => role::ROLE_TRUST,
    RolePermissions => role::ROLE_PERMISSIONS,
    RoleResources => role::ROLE_RESOURCES,
    PolicyNotEvaluated => role::POLICY_NOT_EVALUATED,
}

impl Rule {
    /// The stable kebab-case id, such as `image-name-length`.
    pub fn id(self) -> &'static str {
        self.meta().id
    }

    /// Finds a rule by its id.
    ///
    /// ```
    /// use importimage_lint::Rule;
    /// assert_eq!(Rule::from_id("image-name-length"), Some(Rule::ImageNameLength));
    /// assert_eq!(Rule::from_id("no-such-rule"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }

    /// The closest rule id to a mistyped one, for did-you-mean messages.
    pub fn suggest(id: &str) -> Option<&'static str> {
        crate::text::closest(id, Rule::ALL.iter().map(|r| r.id()))
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// A request that passes every rule; examples start from it.
pub(crate) const GOOD: &str = r#"{"RegionId": "cn-hangzhou", "ImageName": "centos-7", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{profile, Linter, Options};

    fn lint_examples(rule: Rule, examples: &[&str]) -> Vec<crate::Report> {
        let profile = profile::by_id(rule.meta().example_profile).expect("example profile exists");
        let linter = Linter::new(Options {
            profile,
            ..Options::default()
        });
        if rule.meta().subject == Subject::Role {
            return examples
                .iter()
                .map(|e| linter.lint_role(e, Some(GOOD)))
                .collect();
        }
        let mut batch = linter.batch();
        examples.iter().map(|e| batch.lint_str(e)).collect()
    }

    #[test]
    fn ids_are_unique_and_kebab_case() {
        for (i, r) in Rule::ALL.iter().enumerate() {
            assert!(r
                .id()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            assert!(
                Rule::ALL[..i].iter().all(|o| o.id() != r.id()),
                "{} twice",
                r.id()
            );
            assert_eq!(Rule::from_id(r.id()), Some(*r));
        }
    }

    /// Every rule's documented failing example triggers it and its passing example does not.
    #[test]
    fn every_rule_has_examples_that_prove_it() {
        for &rule in Rule::ALL {
            let meta = rule.meta();
            if rule == Rule::TooManyDiagnostics {
                continue; // its example would need hundreds of findings; tested in tests/hostile.rs
            }
            let bad = lint_examples(rule, meta.bad);
            assert!(
                bad.iter()
                    .any(|r| r.diagnostics.iter().any(|d| d.rule == rule)),
                "bad example of {} does not trigger it: {:#?}",
                rule.id(),
                bad
            );
            let good = lint_examples(rule, meta.good);
            for r in &good {
                assert!(
                    r.diagnostics.iter().all(|d| d.rule != rule) && r.valid,
                    "good example of {} is not clean: {:#?}",
                    rule.id(),
                    r
                );
            }
        }
    }
}
