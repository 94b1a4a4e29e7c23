//! The rule registry: every rule's stable id, default severity and subject, in one table.
//!
//! A leaf module: it imports nothing but [`Severity`]. What each rule checks, why, and its
//! examples ([`RuleDoc`]) live beside the rule's check in `checks/` or `role/`;
//! [`Rule::doc`] finds them. Ids are never reused for another meaning.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::diagnostic::Severity;

/// What a rule judges.
///
/// ```
/// use importimage_lint::{Rule, Subject};
/// assert_eq!(Rule::RoleTrust.subject(), Subject::Role);
/// assert_eq!(Rule::Platform.subject(), Subject::Request);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Subject {
    /// An ImportImage request.
    Request,
    /// A RAM role bundle (`importimage-lint role`).
    Role,
    /// A disk image file (`importimage-lint image`).
    Image,
}

/// A rule's documentation: what it checks, why, and examples that a test lints.
///
/// Summaries never name the numbers or lists of one API revision: those are the profile
/// tables' facts, shown per profile by `explain` and the README.
///
/// ```
/// let doc = importimage_lint::Rule::DiskImageSize.doc();
/// assert!(!doc.summary.is_empty());
/// assert!(!doc.bad.is_empty() && !doc.good.is_empty());
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct RuleDoc {
    /// What it checks, in one line.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// Inputs that break the rule: requests (several are linted as one batch) or role bundles.
    pub bad: &'static [&'static str],
    /// The same inputs, fixed.
    pub good: &'static [&'static str],
    /// The id of the profile under which the examples are linted.
    pub example_profile: &'static str,
}

impl RuleDoc {
    /// Documentation with examples linted under the default profile.
    pub(crate) const fn new(
        summary: &'static str,
        why: &'static str,
        bad: &'static [&'static str],
        good: &'static [&'static str],
    ) -> RuleDoc {
        RuleDoc {
            summary,
            why,
            bad,
            good,
            example_profile: "2019-01",
        }
    }

    /// The same documentation, with examples linted under another profile.
    pub(crate) const fn under(self, profile: &'static str) -> RuleDoc {
        RuleDoc {
            example_profile: profile,
            ..self
        }
    }
}

macro_rules! registry {
    ($($variant:ident => $id:literal, $severity:ident, $subject:ident;)*) => {
        /// A rule. Serialises as its kebab-case id.
        ///
        /// ```
        /// use importimage_lint::Rule;
        /// assert_eq!(Rule::ImageNameStart.id(), "image-name-start");
        /// assert_eq!(serde_json::to_string(&Rule::ImageNameStart).unwrap(), "\"image-name-start\"");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Rule {
            $(#[doc = concat!("`", $id, "`.")] $variant,)*
        }

        impl Rule {
            /// Every rule, in the order listings use.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The stable kebab-case id, such as `image-name-length`.
            pub const fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                }
            }

            /// The severity unless options override it.
            pub const fn severity(self) -> Severity {
                match self {
                    $(Rule::$variant => Severity::$severity,)*
                }
            }

            /// What the rule judges.
            pub const fn subject(self) -> Subject {
                match self {
                    $(Rule::$variant => Subject::$subject,)*
                }
            }
        }
    };
}

registry! {
    InvalidInput => "invalid-input", Error, Request;
    DuplicateParameter => "duplicate-parameter", Error, Request;
    UnknownParameter => "unknown-parameter", Warning, Request;
    NewerApiParameter => "newer-api-parameter", Warning, Request;
    InvalidValueType => "invalid-value-type", Error, Request;
    EmptyValue => "empty-value", Info, Request;
    DocPlaceholder => "doc-placeholder", Info, Request;
    UrlFragment => "url-fragment", Info, Request;
    ValueNotLiteral => "value-not-literal", Info, Request;
    TooManyDiagnostics => "too-many-diagnostics", Warning, Request;
    MissingParameter => "missing-parameter", Error, Request;
    ParameterIndex => "parameter-index", Error, Request;
    DeprecatedParameter => "deprecated-parameter", Warning, Request;
    ActionValue => "action-value", Error, Request;
    ResponseFormat => "response-format", Error, Request;
    ApiVersion => "api-version", Error, Request;
    SignatureMethod => "signature-method", Error, Request;
    SignatureVersion => "signature-version", Error, Request;
    Timestamp => "timestamp", Error, Request;
    CredentialInRequest => "credential-in-request", Warning, Request;
    RegionIdFormat => "region-id-format", Error, Request;
    RegionIdUnknown => "region-id-unknown", Warning, Request;
    ImageNameLength => "image-name-length", Error, Request;
    ImageNameUtf16Length => "image-name-utf16-length", Warning, Request;
    ImageNameStart => "image-name-start", Error, Request;
    ImageNameCharacters => "image-name-characters", Error, Request;
    ImageNameUrl => "image-name-url", Error, Request;
    ImageNamePrefix => "image-name-prefix", Error, Request;
    DescriptionLength => "description-length", Error, Request;
    DescriptionUrl => "description-url", Error, Request;
    Architecture => "architecture", Error, Request;
    OsType => "os-type", Error, Request;
    Platform => "platform", Error, Request;
    DiskFormat => "disk-format", Error, Request;
    BootMode => "boot-mode", Error, Request;
    LicenseType => "license-type", Error, Request;
    EnumLetterCase => "enum-letter-case", Warning, Request;
    ParameterValue => "parameter-value", Error, Request;
    DeceptiveText => "deceptive-text", Warning, Request;
    DiskImageSize => "disk-image-size", Error, Request;
    OssBucketLocation => "oss-bucket-location", Error, Request;
    OssBucketName => "oss-bucket-name", Error, Request;
    OssRegionMismatch => "oss-region-mismatch", Error, Request;
    OssObjectKey => "oss-object-key", Error, Request;
    PlatformOsTypeMismatch => "platform-os-type-mismatch", Warning, Request;
    FormatExtensionMismatch => "format-extension-mismatch", Warning, Request;
    RequiredCombination => "required-combination", Error, Request;
    DuplicateImageName => "duplicate-image-name", Warning, Request;
    RoleBundle => "role-bundle", Error, Role;
    PolicySyntax => "policy-syntax", Error, Role;
    RoleName => "role-name", Error, Role;
    RoleTrust => "role-trust", Error, Role;
    RolePermissions => "role-permissions", Error, Role;
    RoleResources => "role-resources", Error, Role;
    PolicyNotEvaluated => "policy-not-evaluated", Warning, Role;
    ImageFormatUnsupported => "image-format-unsupported", Error, Image;
    ImageFormatMismatch => "image-format-mismatch", Error, Image;
    ImageNotSelfContained => "image-not-self-contained", Error, Image;
    ImageEncrypted => "image-encrypted", Error, Image;
    ImageDamaged => "image-damaged", Error, Image;
    ImageSize => "image-size", Error, Image;
    ImageRawAlignment => "image-raw-alignment", Error, Image;
    ImageBootLayout => "image-boot-layout", Warning, Image;
    ImageExtension => "image-extension", Warning, Image;
    ImageNotVerified => "image-not-verified", Info, Image;
}

impl Rule {
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
    ///
    /// ```
    /// assert_eq!(importimage_lint::Rule::suggest("image-name-lenght"), Some("image-name-length"));
    /// ```
    pub fn suggest(id: &str) -> Option<&'static str> {
        crate::chars::closest(id, Rule::ALL.iter().map(|r| r.id()))
    }

    /// The position of the rule in [`Rule::ALL`] (SARIF's `ruleIndex`).
    ///
    /// ```
    /// use importimage_lint::Rule;
    /// assert_eq!(Rule::ALL[Rule::Platform.index()], Rule::Platform);
    /// ```
    pub fn index(self) -> usize {
        Rule::ALL.iter().position(|r| *r == self).unwrap_or(0)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        for (i, r) in Rule::ALL.iter().enumerate() {
            assert!(r
                .id()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            assert!(Rule::ALL[..i].iter().all(|o| o.id() != r.id()), "{r} twice");
            assert_eq!(Rule::from_id(r.id()), Some(*r));
            assert_eq!(r.index(), i);
        }
    }
}
