//! The checks: one module per family of rules, each holding its rules' documentation and
//! examples next to the code that applies them. Checks read the active profile's table
//! and the resolved request; they build typed findings and never format text.
//!
//! | module | rules |
//! |---|---|
//! | `input` | invalid-input, duplicate-parameter, unknown-parameter, newer-api-parameter, invalid-value-type, empty-value, doc-placeholder, url-fragment, too-many-diagnostics, missing-parameter, parameter-index, deprecated-parameter |
//! | `rpc` | action-value, response-format, api-version, signature-method, signature-version, timestamp, credential-in-request |
//! | `region` | region-id-format, region-id-unknown |
//! | `text_limits` | image-name-*, description-* (and the text limits of Tag.N.*, ClientToken) |
//! | `choices` | architecture, os-type, platform, disk-format, boot-mode, license-type, enum-letter-case |
//! | `integers` | disk-image-size (and account ids) |
//! | `parameter_value` | parameter-value |
//! | `deceptive` | deceptive-text |
//! | `oss` | oss-bucket-location, oss-bucket-name, oss-region-mismatch, oss-object-key |
//! | `cross` | platform-os-type-mismatch, format-extension-mismatch, required-combination |
//! | `batch` | duplicate-image-name |
//!
//! The RAM role rules live in `crate::role`.

use crate::diagnostic::Finding;
use crate::input::Entry;
use crate::profile::{Kind, Param, Profile};
use crate::resolve::Resolved;
use crate::rule::{Rule, RuleDoc};
use crate::sink::Sink;

pub(crate) mod batch;
pub(crate) mod choices;
pub(crate) mod cross;
mod deceptive;
pub(crate) mod image;
pub(crate) mod input;
pub(crate) mod integers;
pub(crate) mod oss;
pub(crate) mod parameter_value;
pub(crate) mod region;
pub(crate) mod rpc;
pub(crate) mod text_limits;

/// A request that passes every rule, as flat JSON; rule examples start from it.
pub(crate) const GOOD: &str = r#"{"RegionId": "cn-hangzhou", "ImageName": "centos-7", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#;

/// An example request: the given members, then a valid region and system disk.
macro_rules! example {
    ($($member:literal),* $(,)?) => {
        concat!(
            "{\"RegionId\": \"cn-hangzhou\", ",
            $($member, ", ",)*
            "\"DiskDeviceMapping.1.OSSBucket\": \"ecsimageos\", \"DiskDeviceMapping.1.OSSObject\": \"centos7.qcow2\"}"
        )
    };
}
pub(crate) use example;

/// The check context: the resolved request, the profile, and where findings go.
pub(crate) struct Checker<'r, 'e> {
    pub req: &'r Resolved<'e, 'e>,
    pub profile: &'static Profile,
    sink: &'r mut Sink,
}

impl<'r, 'e> Checker<'r, 'e> {
    /// The severity a finding would be kept with here: `None` when the options turn its
    /// rule off or a suppression silences it.
    pub(crate) fn kept(&self, f: &Finding<'_>) -> Option<crate::Severity> {
        let severity = self.sink.severity(f.rule)?;
        (!self.sink.suppressed(f)).then_some(severity)
    }

    pub(crate) fn new(req: &'r Resolved<'e, 'e>, sink: &'r mut Sink) -> Self {
        Checker {
            req,
            profile: req.profile,
            sink,
        }
    }

    /// Records a finding.
    pub(crate) fn push(&mut self, f: Finding<'e>) {
        self.sink.push(f);
    }

    /// Records a finding built only when it will be kept: past the cap, only counted.
    pub(crate) fn push_lazy(&mut self, rule: Rule, build: impl FnOnce() -> Finding<'e>) {
        self.sink.push_lazy(rule, build);
    }
}

/// Runs every request rule in a fixed order.
pub(crate) fn run(cx: &mut Checker<'_, '_>) {
    input::check_resolution(cx);
    values(cx);
    input::check_required(cx);
    cross::check(cx);
    deceptive::check(cx);
}

/// Runs the value rule of every given parameter, in the profile's order.
fn values<'e>(cx: &mut Checker<'_, 'e>) {
    let req = cx.req;
    for (pi, p) in cx.profile.params.iter().enumerate() {
        match p.family() {
            None => {
                if let Some(e) = req.get(pi, 0) {
                    value(cx, p, e, 0);
                }
            }
            Some(family) => {
                for n in req.indices(family) {
                    if let Some(e) = req.get(pi, n) {
                        value(cx, p, e, n);
                    }
                }
            }
        }
    }
}

/// Judges one given value by its parameter's kind.
fn value<'e>(cx: &mut Checker<'_, 'e>, p: &'static Param, e: &'e Entry<'e>, n: u32) {
    if p.deprecation().is_some() {
        input::deprecated(cx, p, e);
    }
    if matches!(p.kind(), Kind::Credential) {
        rpc::credential(cx, e);
        return;
    }
    let Some(v) = e.text() else { return };
    match p.kind() {
        Kind::Enum(c) => choices::check(cx, p, e, v, &c),
        Kind::Text(t) => text_limits::check(cx, p, e, v, &t),
        Kind::Integer(i) => integers::check(cx, p, e, v, &i, n),
        Kind::Bool => parameter_value::check_bool(cx, p, e, v),
        Kind::CloudBoxArn => parameter_value::check_arn(cx, p, e, v),
        Kind::Region => region::check(cx, e, v),
        Kind::OssBucket => oss::check_bucket(cx, e, v, n),
        Kind::OssObject => oss::check_object(cx, e, v, n),
        Kind::Timestamp => rpc::check_timestamp(cx, e, v),
        _ => {}
    }
}

impl Rule {
    /// The file of the repository that holds the rule's documentation and check.
    ///
    /// ```
    /// assert_eq!(importimage_lint::Rule::ImageNameLength.source_file(), "src/checks/text_limits.rs");
    /// ```
    pub fn source_file(self) -> &'static str {
        use Rule::*;
        match self {
            InvalidInput | DuplicateParameter | UnknownParameter | NewerApiParameter
            | InvalidValueType | EmptyValue | DocPlaceholder | UrlFragment | ValueNotLiteral
            | TooManyDiagnostics | MissingParameter | ParameterIndex | DeprecatedParameter => {
                "src/checks/input.rs"
            }
            ActionValue | ResponseFormat | ApiVersion | SignatureMethod | SignatureVersion
            | Timestamp | CredentialInRequest => "src/checks/rpc.rs",
            RegionIdFormat | RegionIdUnknown => "src/checks/region.rs",
            ImageNameLength | ImageNameUtf16Length | ImageNameStart | ImageNameCharacters
            | ImageNameUrl | ImageNamePrefix | DescriptionLength | DescriptionUrl => {
                "src/checks/text_limits.rs"
            }
            Architecture | OsType | Platform | DiskFormat | BootMode | LicenseType
            | EnumLetterCase => "src/checks/choices.rs",
            ParameterValue => "src/checks/parameter_value.rs",
            DeceptiveText => "src/checks/deceptive.rs",
            DiskImageSize => "src/checks/integers.rs",
            OssBucketLocation | OssBucketName | OssRegionMismatch | OssObjectKey => {
                "src/checks/oss.rs"
            }
            PlatformOsTypeMismatch | FormatExtensionMismatch | RequiredCombination => {
                "src/checks/cross.rs"
            }
            DuplicateImageName => "src/checks/batch.rs",
            RoleBundle | PolicySyntax | RoleName | RoleTrust | RolePermissions | RoleResources
            | PolicyNotEvaluated => "src/role/mod.rs",
            ImageFormatUnsupported
            | ImageFormatMismatch
            | ImageNotSelfContained
            | ImageEncrypted
            | ImageDamaged
            | ImageSize
            | ImageRawAlignment
            | ImageBootLayout
            | ImageExtension
            | ImageNotVerified => "src/checks/image.rs",
        }
    }

    /// What the rule checks, why, and its examples.
    pub fn doc(self) -> &'static RuleDoc {
        use Rule::*;
        match self {
            InvalidInput => &input::INVALID_INPUT,
            DuplicateParameter => &input::DUPLICATE_PARAMETER,
            UnknownParameter => &input::UNKNOWN_PARAMETER,
            NewerApiParameter => &input::NEWER_API_PARAMETER,
            InvalidValueType => &input::INVALID_VALUE_TYPE,
            EmptyValue => &input::EMPTY_VALUE,
            DocPlaceholder => &input::DOC_PLACEHOLDER,
            UrlFragment => &input::URL_FRAGMENT,
            ValueNotLiteral => &input::VALUE_NOT_LITERAL,
            TooManyDiagnostics => &input::TOO_MANY_DIAGNOSTICS,
            MissingParameter => &input::MISSING_PARAMETER,
            ParameterIndex => &input::PARAMETER_INDEX,
            DeprecatedParameter => &input::DEPRECATED_PARAMETER,
            ActionValue => &rpc::ACTION_VALUE,
            ResponseFormat => &rpc::RESPONSE_FORMAT,
            ApiVersion => &rpc::API_VERSION,
            SignatureMethod => &rpc::SIGNATURE_METHOD,
            SignatureVersion => &rpc::SIGNATURE_VERSION,
            Timestamp => &rpc::TIMESTAMP,
            CredentialInRequest => &rpc::CREDENTIAL_IN_REQUEST,
            RegionIdFormat => &region::REGION_ID_FORMAT,
            RegionIdUnknown => &region::REGION_ID_UNKNOWN,
            ImageNameLength => &text_limits::IMAGE_NAME_LENGTH,
            ImageNameUtf16Length => &text_limits::IMAGE_NAME_UTF16_LENGTH,
            ImageNameStart => &text_limits::IMAGE_NAME_START,
            ImageNameCharacters => &text_limits::IMAGE_NAME_CHARACTERS,
            ImageNameUrl => &text_limits::IMAGE_NAME_URL,
            ImageNamePrefix => &text_limits::IMAGE_NAME_PREFIX,
            DescriptionLength => &text_limits::DESCRIPTION_LENGTH,
            DescriptionUrl => &text_limits::DESCRIPTION_URL,
            Architecture => &choices::ARCHITECTURE,
            OsType => &choices::OS_TYPE,
            Platform => &choices::PLATFORM,
            DiskFormat => &choices::DISK_FORMAT,
            BootMode => &choices::BOOT_MODE,
            LicenseType => &choices::LICENSE_TYPE,
            EnumLetterCase => &choices::ENUM_LETTER_CASE,
            ParameterValue => &parameter_value::PARAMETER_VALUE,
            DeceptiveText => &deceptive::DECEPTIVE_TEXT,
            DiskImageSize => &integers::DISK_IMAGE_SIZE,
            OssBucketLocation => &oss::BUCKET_LOCATION,
            OssBucketName => &oss::BUCKET_NAME,
            OssRegionMismatch => &oss::REGION_MISMATCH,
            OssObjectKey => &oss::OBJECT_KEY,
            PlatformOsTypeMismatch => &cross::PLATFORM_OS_TYPE,
            FormatExtensionMismatch => &cross::FORMAT_EXTENSION,
            RequiredCombination => &cross::REQUIRED_COMBINATION,
            DuplicateImageName => &batch::DUPLICATE_IMAGE_NAME,
            RoleBundle => &crate::role::ROLE_BUNDLE,
            PolicySyntax => &crate::role::POLICY_SYNTAX,
            RoleName => &crate::role::ROLE_NAME,
            RoleTrust => &crate::role::ROLE_TRUST,
            RolePermissions => &crate::role::ROLE_PERMISSIONS,
            RoleResources => &crate::role::ROLE_RESOURCES,
            PolicyNotEvaluated => &crate::role::POLICY_NOT_EVALUATED,
            ImageFormatUnsupported => &image::FORMAT_UNSUPPORTED,
            ImageFormatMismatch => &image::FORMAT_MISMATCH,
            ImageNotSelfContained => &image::NOT_SELF_CONTAINED,
            ImageEncrypted => &image::ENCRYPTED,
            ImageDamaged => &image::DAMAGED,
            ImageSize => &image::SIZE,
            ImageRawAlignment => &image::RAW_ALIGNMENT,
            ImageBootLayout => &image::BOOT_LAYOUT,
            ImageExtension => &image::EXTENSION,
            ImageNotVerified => &image::NOT_VERIFIED,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rule::{Rule, Subject};
    use crate::{profile, Lang, Linter, Options, Report};

    /// An image rule's example: the image's facts and the request, as JSON.
    fn image_example(e: &str) -> (crate::image::ImageFacts, Option<String>) {
        use crate::image::{ImageFacts, ImageFormat, PartitionTable};
        let v: serde_json::Value = serde_json::from_str(e).expect("example is JSON");
        let img = &v["image"];
        let format = [
            ImageFormat::Raw,
            ImageFormat::Vhd,
            ImageFormat::Vhdx,
            ImageFormat::Qcow2,
            ImageFormat::Vmdk,
            ImageFormat::Iso,
            ImageFormat::Gzip,
        ]
        .into_iter()
        .find(|f| img["format"] == f.name())
        .expect("a known format");
        let mut f = ImageFacts::new(format, img["file_size"].as_u64().unwrap_or(0));
        f.virtual_size = img["virtual_size"].as_u64();
        f.backing_file = img["backing_file"].as_str().map(String::from);
        f.encrypted = img["encrypted"].as_bool().unwrap_or(false);
        f.truncated_at = img["truncated_at"].as_u64();
        f.efi_partition = img["efi_partition"].as_bool();
        f.complete = img["complete"].as_bool().unwrap_or(true);
        f.partition_table = match img["partition_table"].as_str() {
            Some("mbr") => PartitionTable::Mbr,
            Some("gpt") => PartitionTable::Gpt,
            Some("none") => PartitionTable::None,
            _ => PartitionTable::Unknown,
        };
        (f, v.get("request").map(|r| r.to_string()))
    }

    fn lint_examples(rule: Rule, examples: &[&str]) -> Vec<Report> {
        lint_examples_in(rule, examples, Lang::En)
    }

    fn lint_examples_in(rule: Rule, examples: &[&str], lang: Lang) -> Vec<Report> {
        let profile = profile::by_id(rule.doc().example_profile).expect("example profile exists");
        let linter = Linter::new(Options::default().with_profile(profile).with_lang(lang));
        if rule.subject() == Subject::Image {
            return examples
                .iter()
                .map(|e| {
                    let (facts, request) = image_example(e);
                    let check = crate::ImageCheck {
                        request: request.as_deref().map(crate::RequestInput::Text),
                        ..crate::ImageCheck::default()
                    };
                    linter.check_image(&facts, &check)
                })
                .collect();
        }
        if rule.subject() == Subject::Role {
            return examples
                .iter()
                .map(|e| linter.lint_role(e, Some(super::GOOD)))
                .collect();
        }
        let mut batch = linter.batch();
        examples
            .iter()
            .map(|e| match crate::embedded::Host::of_example(e) {
                // A Terraform resource or an aliyun command: the report of its request.
                Some(host) => {
                    batch
                        .lint_embedded_with(&linter, e, host, &Default::default())
                        .pop()
                        .expect("the example holds a request")
                        .report
                }
                None => batch.lint_str(e),
            })
            .collect()
    }

    /// Each rule's documentation lives in the file `source_file` names.
    #[test]
    fn source_files_hold_their_rules() {
        for &rule in Rule::ALL {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/").to_owned() + rule.source_file();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                text.contains(&format!("/// `{}`.", rule.id())),
                "{rule} not documented in {path}"
            );
        }
    }

    /// Every rule's documented failing example triggers it and its passing example does not.
    #[test]
    fn every_rule_has_examples_that_prove_it() {
        for &rule in Rule::ALL {
            let doc = rule.doc();
            if rule == Rule::TooManyDiagnostics {
                continue; // its example would need hundreds of findings; tested in tests/hostile.rs
            }
            let bad = lint_examples(rule, doc.bad);
            assert!(
                bad.iter()
                    .any(|r| r.diagnostics.iter().any(|d| d.rule == rule)),
                "bad example of {rule} does not trigger it: {bad:#?}"
            );
            for r in lint_examples(rule, doc.good) {
                assert!(
                    r.diagnostics.iter().all(|d| d.rule != rule) && r.valid,
                    "good example of {rule} is not clean: {r:#?}"
                );
            }
        }
    }

    /// Every rule's failing examples read in every language (see `message::tests`).
    #[test]
    fn every_rule_example_reads_in_every_language() {
        use crate::message::tests::{compare, Count};
        let mut n = Count::default();
        for &rule in Rule::ALL {
            let en = lint_examples_in(rule, rule.doc().bad, Lang::En);
            for &lang in &Lang::ALL[1..] {
                let other = lint_examples_in(rule, rule.doc().bad, lang);
                for (a, b) in en.iter().zip(&other) {
                    compare(&mut n, rule.id(), &a.diagnostics, &b.diagnostics, lang);
                }
            }
        }
        assert!(n.texts > 100, "{}", n.texts);
    }
}
