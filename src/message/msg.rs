//! [`Msg`]: every message and help text, by id, with its typed arguments.

use std::borrow::Cow;

use super::args::*;
use super::image_msg::ImageMsg;
use crate::profile::{Os, Unit};

/// One message or help text, with its arguments. Values from the input are shown quoted
/// and escaped when rendered; parameter names from the input, escaped unless plain names.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub(crate) enum Msg<'a> {
    // Reading the input.
    EmptyInput,
    EmptyDocument,
    ExpectedForm {
        json: bool,
    },
    InvalidJson {
        problem: JsonProblem,
        found: Option<char>,
    },
    NotUtf8 {
        at: usize,
        byte: u8,
    },
    /// A field's value given as JSON text holds more than one value.
    NotOneValue,
    TooLarge {
        max: usize,
    },
    Unreadable {
        reason: Cow<'a, str>,
    },
    NotARequest,
    UrlWithoutQuery,
    UrlFragment,
    UrlFragmentHelp,
    /// A Terraform file that is not HCL.
    TerraformSyntax {
        detail: Cow<'a, str>,
    },
    /// A Packer template that is not HCL.
    PackerSyntax {
        detail: Cow<'a, str>,
    },
    /// A shell script whose quote never closes.
    ShellUnclosedQuote {
        quote: char,
    },
    /// A value that is not written out (Terraform expression, shell `$VAR`).
    NotLiteral {
        name: Cow<'a, str>,
        expr: Cow<'a, str>,
    },
    NotLiteralHelp,
    /// A Terraform argument the alicloud provider validates against a case-sensitive list.
    #[cfg_attr(not(feature = "terraform"), allow(dead_code))]
    ProviderValue {
        attribute: Cow<'a, str>,
        value: Cow<'a, str>,
        choices: &'static [&'static str],
    },
    #[cfg_attr(not(feature = "terraform"), allow(dead_code))]
    ProviderValueHelp,
    /// A literal `image_name` repeated by `count`/`for_each`, or by a Packer build's sources.
    RepeatedName {
        name: Cow<'a, str>,
        copies: u64,
        packer: bool,
    },
    RepeatedNameHelp,
    PackerRepeatedNameHelp,
    /// RegionId comes from the provider's or the CLI's configuration.
    RegionNotWritten,
    RegionNotWrittenHelp,
    /// Packer's region: from `ALICLOUD_REGION`, or the region_id of the `profile` named.
    PackerRegionNotWritten,
    PackerRegionNotWrittenHelp,
    PackerRegionFromProfile,
    PackerRegionFromProfileHelp,
    Placeholder {
        text: &'a str,
    },
    PlaceholderHelp,
    QueryPairWithoutName,
    BadPercentEscape,
    PercentNotUtf8 {
        at: usize,
    },
    TooMany {
        omitted: u64,
        kept: usize,
    },
    TooManyHelp,
    // Names and types.
    Duplicate {
        name: Cow<'a, str>,
    },
    DuplicateHelp {
        flat_and_nested: bool,
    },
    BadIndex {
        family: &'a str,
        raw: Cow<'a, str>,
        max: u32,
        disks: bool,
    },
    ContainerValue {
        name: Cow<'a, str>,
    },
    ContainerValueHelp {
        member: &'static str,
    },
    NewerApi {
        name: Cow<'a, str>,
        other: &'static str,
        this: &'static str,
    },
    SelectProfile {
        id: &'static str,
    },
    Unknown {
        name: Cow<'a, str>,
    },
    DidYouMeanName {
        suggestion: Cow<'a, str>,
    },
    CheckSpelling,
    WrongType {
        name: Cow<'a, str>,
        found: JsonType,
        expected: Expected,
    },
    Empty {
        name: Cow<'a, str>,
    },
    EmptyHelp {
        default: Option<&'static str>,
    },
    Deprecated {
        name: Cow<'a, str>,
    },
    UseInstead {
        name: Cow<'a, str>,
    },
    RemoveDeprecated,
    Missing {
        name: Cow<'a, str>,
        how: Absence,
    },
    NoMember {
        family: &'static str,
        field: &'static str,
    },
    FirstMemberMissing {
        family: &'static str,
        field: &'static str,
    },
    MemberMissing {
        name: Cow<'a, str>,
        family: &'static str,
        n: u32,
        field: &'static str,
        how: Absence,
    },
    AddParam {
        name: Cow<'a, str>,
        doc: &'static str,
    },
    // Common parameters.
    BadTimestamp {
        value: &'a str,
    },
    TimestampHelp,
    Credential {
        name: Cow<'a, str>,
    },
    CredentialHelp,
    /// A credential written as a literal in a script or a Terraform file (a CLI flag, an
    /// environment variable, a provider attribute); `name` as written.
    CredentialLiteral {
        name: Cow<'a, str>,
    },
    CredentialLiteralHelp,
    /// The aliyun CLI refuses a command before sending anything (aliyun-cli's parser).
    CliUnknownParameter {
        name: Cow<'a, str>,
    },
    CliMissingValue {
        flag: Cow<'a, str>,
    },
    CliNoValue {
        flag: Cow<'a, str>,
    },
    CliDuplicated {
        flag: Cow<'a, str>,
    },
    CliDoubleDash,
    CliExtraArgument {
        word: Cow<'a, str>,
    },
    CliRefusesHelp,
    // Region.
    BadRegion {
        value: &'a str,
    },
    RegionHelp,
    UnknownRegion {
        value: &'a str,
    },
    UnknownRegionHelp {
        value: &'a str,
        near: Option<&'static str>,
    },
    // Texts.
    Link {
        name: Cow<'a, str>,
        value: &'a str,
        anywhere: bool,
    },
    LinkHelp {
        anywhere: bool,
        name: bool,
    },
    ReservedPrefix {
        name: Cow<'a, str>,
        value: &'a str,
        prefix: &'static str,
    },
    AvoidPrefixes {
        prefixes: &'static [&'static str],
    },
    Length {
        name: Cow<'a, str>,
        len: usize,
        min: usize,
        max: usize,
    },
    UseLonger {
        param: &'static str,
    },
    UseShorter,
    Utf16Length {
        name: Cow<'a, str>,
        len: usize,
        units: usize,
        min: usize,
        max: usize,
    },
    Utf16Help,
    BadStart {
        name: Cow<'a, str>,
        value: &'a str,
        first: char,
    },
    StartHelp,
    BadCharacters {
        name: Cow<'a, str>,
        value: &'a str,
        chars: Vec<char>,
    },
    NameCharsHelp {
        punctuation: &'static str,
    },
    AsciiOnly {
        name: Cow<'a, str>,
        ch: char,
    },
    AsciiHelp,
    // Choices.
    CaseVariant {
        name: Cow<'a, str>,
        value: &'a str,
        documented: &'static str,
    },
    CaseVariantHelp {
        documented: &'static str,
    },
    Whitespace {
        name: Cow<'a, str>,
        value: &'a str,
    },
    CaseOnly {
        name: Cow<'a, str>,
        value: &'a str,
        allowed: Vec<&'static str>,
    },
    NotOneOf {
        name: Cow<'a, str>,
        value: &'a str,
        allowed: Vec<&'static str>,
    },
    ValidUnderProfile {
        value: &'a str,
        profile: &'static str,
        this: &'static str,
    },
    ValueOfOther {
        value: &'a str,
        other: Cow<'a, str>,
    },
    DidYouMean {
        suggestion: Cow<'a, str>,
    },
    WriteOneOf {
        allowed: Vec<&'static str>,
    },
    Write {
        value: Cow<'a, str>,
    },
    /// What a disk image file is, against the request ([`ImageMsg`]).
    Image(ImageMsg<'a>),
    // Numbers and booleans.
    NotWhole {
        name: Cow<'a, str>,
        value: &'a str,
        unit: Unit,
    },
    WriteNumberAlone {
        number: &'a str,
    },
    WholeRange {
        min: u64,
        max: u64,
        unit: Unit,
        detected: bool,
    },
    NumberWhitespace {
        name: Cow<'a, str>,
        value: &'a str,
    },
    OutOfRange {
        name: Cow<'a, str>,
        value: &'a str,
        min: u64,
        max: u64,
        unit: Unit,
        n: u32,
        system: bool,
    },
    Bounds {
        min: u64,
        max: u64,
        below: bool,
        padded: bool,
        unit: Unit,
    },
    NotBool {
        name: Cow<'a, str>,
        value: &'a str,
    },
    BoolHelp,
    BadArn {
        name: Cow<'a, str>,
        value: &'a str,
    },
    ArnHelp,
    ArnRegion {
        name: Cow<'a, str>,
        region: &'a str,
        want: &'a str,
    },
    ArnRegionHelp,
    // Deceptive text.
    Deceptive {
        name: Cow<'a, str>,
        kind: Hidden,
        ch: char,
        more: usize,
    },
    DeceptiveHelp,
    // OSS.
    BucketLocation {
        name: Cow<'a, str>,
        form: Located,
        value: &'a str,
    },
    SetBucket {
        name: Cow<'a, str>,
        bucket: &'a str,
        object: Option<(Cow<'a, str>, &'a str)>,
    },
    BucketAlone {
        object: Cow<'a, str>,
    },
    BadBucket {
        name: Cow<'a, str>,
        value: &'a str,
    },
    BucketHelp,
    RemoveWhitespace {
        value: &'a str,
    },
    OssRegion {
        name: Cow<'a, str>,
        region: &'a str,
        want: &'a str,
    },
    OssRegionHelp {
        region: &'a str,
        want: &'a str,
    },
    ObjectUrl {
        name: Cow<'a, str>,
        value: &'a str,
    },
    ObjectUrlOtherBucket {
        name: Cow<'a, str>,
        bucket: &'a str,
        given: &'a str,
    },
    ObjectUrlOtherBucketHelp,
    WriteKeyAlone {
        key: &'a str,
    },
    ObjectKeyHelp,
    ObjectTooLong {
        name: Cow<'a, str>,
        len: usize,
    },
    ObjectLeadingSlash {
        name: Cow<'a, str>,
        value: &'a str,
    },
    DropSeparator {
        key: &'a str,
    },
    // Between parameters.
    PlatformOs {
        platform: &'static str,
        platform_default: bool,
        family: Os,
        os: &'a str,
        os_default: bool,
    },
    SetOsType {
        os: &'static str,
    },
    SetPlatform {
        family: Os,
    },
    CheckWhichIsRight {
        os: &'static str,
        platform: &'static str,
    },
    FormatExtension {
        name: Cow<'a, str>,
        format: &'a str,
        object: &'a str,
        ext: &'a str,
    },
    FormatExtensionHelp {
        implied: &'static str,
    },
    Requires {
        when: &'static str,
        is: &'static str,
        then: &'static str,
        must: &'static str,
    },
    RequiresHelp {
        then: &'static str,
        must: &'static str,
    },
    DuplicateName {
        name: &'a str,
        region: &'a str,
        earlier: u64,
    },
    DuplicateNameHelp,
    // The RAM role.
    DocumentType {
        path: Cow<'a, str>,
        found: JsonType,
        string_ok: bool,
    },
    DocumentNotJson {
        path: Cow<'a, str>,
        error: String,
    },
    DocumentNotJsonHelp,
    StringsExpected {
        path: Cow<'a, str>,
        found: JsonType,
    },
    PolicyVersion {
        path: Cow<'a, str>,
        value: Option<&'a str>,
        found: JsonType,
    },
    WriteVersion,
    NoMemberIn {
        path: Cow<'a, str>,
        member: &'static str,
    },
    AddMember {
        member: &'static str,
    },
    StatementList {
        path: Cow<'a, str>,
        found: JsonType,
    },
    StatementObject {
        path: Cow<'a, str>,
        found: JsonType,
    },
    BadEffect {
        path: Cow<'a, str>,
        value: Option<&'a str>,
        found: JsonType,
    },
    NotEvaluated {
        path: Cow<'a, str>,
        keys: Vec<&'static str>,
    },
    NotEvaluatedHelp,
    BundleType {
        found: JsonType,
    },
    BundleHelp,
    RoleNamed {
        got: Option<&'a str>,
        found: JsonType,
        expected: &'a str,
    },
    CreateRoleAs {
        expected: &'a str,
    },
    NoRoleName,
    AddRoleName {
        expected: &'a str,
    },
    NoTrustPolicy,
    NoTrustPolicyHelp,
    TrustDenied {
        path: Cow<'a, str>,
        service: &'static str,
        action: &'static str,
    },
    RemoveDeny,
    TrustMissing,
    TrustHelp {
        service: &'static str,
        action: &'static str,
    },
    UnknownSystemPolicy {
        name: Option<&'a str>,
    },
    UnknownSystemPolicyHelp {
        system: &'static str,
    },
    NoPolicyDocument {
        path: Cow<'a, str>,
    },
    PoliciesType {
        found: JsonType,
    },
    ActionDenied {
        path: Cow<'a, str>,
        action: &'static str,
    },
    NarrowDeny {
        action: &'static str,
    },
    ResourceMissing {
        action: &'static str,
        resource: Cow<'a, str>,
    },
    AddResource {
        action: &'static str,
        resource: Cow<'a, str>,
    },
    ActionMissing {
        action: &'static str,
        resource: Option<Cow<'a, str>>,
    },
    GrantAction {
        action: &'static str,
        system: &'static str,
        resource: Cow<'a, str>,
    },
    RequestUnread {
        reason: Cow<'a, str>,
    },
    RequestUnreadHelp,
    DiskUnread {
        n: u32,
        bucket: &'a str,
    },
    DiskUnreadHelp,
}

impl<'a> From<ImageMsg<'a>> for Msg<'a> {
    fn from(m: ImageMsg<'a>) -> Self {
        Msg::Image(m)
    }
}
