//! The English catalogue.

use std::borrow::Cow;

use super::*;
use crate::chars::{code_point, show};
use crate::profile::{Os, Unit};

mod fact;
mod image;

pub(super) use fact::fact;
use image::image;

/// A parameter name as written: plain names as they are, anything else quoted and escaped.
fn name(n: &str) -> Cow<'_, str> {
    if !n.is_empty()
        && n.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
    {
        Cow::Borrowed(n)
    } else {
        Cow::Owned(show(n))
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn one_of(values: &[&str]) -> String {
    let shown: Vec<&str> = values
        .iter()
        .map(|v| if v.is_empty() { "\"\"" } else { v })
        .collect();
    match shown.as_slice() {
        [one] => (*one).to_owned(),
        _ => format!("one of {}", shown.join(", ")),
    }
}

fn json_type(t: JsonType) -> &'static str {
    match t {
        JsonType::Null => "null",
        JsonType::Bool => "a boolean",
        JsonType::Number => "a number",
        JsonType::String => "a string",
        JsonType::Array => "an array",
        JsonType::Object => "an object",
        JsonType::NaN => "NaN (not a number)",
        JsonType::Infinity => "an infinite number",
        JsonType::Undefined => {
            "undefined (a value JSON cannot carry, such as a function or a symbol)"
        }
    }
}

fn expected(e: Expected) -> &'static str {
    match e {
        Expected::String => "a string",
        Expected::Integer => "a whole number (a JSON integer or a string of digits)",
        Expected::Bool => "true or false",
        Expected::Object => "an object",
    }
}

fn problem(p: JsonProblem) -> &'static str {
    match p {
        JsonProblem::TextAfter => "unexpected text after the JSON document",
        JsonProblem::ExpectedObject => "expected '{'",
        JsonProblem::ExpectedArray => "expected '['",
        JsonProblem::ExpectedKey => "expected a key in double quotes",
        JsonProblem::ExpectedColon => "expected ':' after the key",
        JsonProblem::ExpectedCommaOrBrace => "expected ',' or '}' after a value",
        JsonProblem::ExpectedCommaOrBracket => "expected ',' or ']' in an array",
        JsonProblem::ExpectedValue => "expected a value",
        JsonProblem::ExpectedFractionDigit => "expected a digit after '.'",
        JsonProblem::ExpectedExponentDigit => "expected a digit in the exponent",
        JsonProblem::ExpectedString => "expected '\"'",
        JsonProblem::ExpectedHex => "expected four hex digits after \\u",
        JsonProblem::ControlInString => "a control character must be escaped inside a string",
        JsonProblem::UnknownEscape => "unknown escape after '\\'",
        JsonProblem::Unclosed => "a string is not closed",
        JsonProblem::TooDeep => "nested deeper than 128 levels",
        JsonProblem::LoneSurrogate => "a \\u escape names half of a UTF-16 surrogate pair without the other half, which is no character",
    }
}

fn os(f: Os) -> &'static str {
    match f {
        Os::Windows => "Windows",
        _ => "Linux",
    }
}

fn gib(unit: Unit) -> &'static str {
    if unit == Unit::GiB {
        " GiB"
    } else {
        ""
    }
}

fn absent_how(how: Absence) -> &'static str {
    match how {
        Absence::Null => "is null, which counts as absent",
        Absence::Empty => "is empty",
        Absence::Absent => "is absent",
    }
}

pub(super) fn render(m: &Msg<'_>) -> String {
    use Msg::*;
    match m {
        EmptyInput => "the input is empty: expected a JSON object or a query string".into(),
        EmptyDocument => "the input is empty: expected a JSON document".into(),
        ExpectedForm { json: true } => "expected a JSON object".into(),
        ExpectedForm { json: false } => "expected a query string".into(),
        InvalidJson { problem: p, found } => match (p, found) {
            (_, Some(c)) => format!("invalid JSON: {}; found {}", problem(*p), show(&c.to_string())),
            (JsonProblem::TooDeep | JsonProblem::LoneSurrogate | JsonProblem::Unclosed, None) => {
                format!("invalid JSON: {}", problem(*p))
            }
            (_, None) => format!("invalid JSON: {} (the input ended)", problem(*p)),
        },
        NotOneValue => "the value is not one JSON value".into(),
        NotUtf8 { at, byte } => format!("the input is not UTF-8: byte {at} (0x{byte:02X}) starts no valid character"),
        TooLarge { max } => format!("the input is larger than the largest document accepted ({max} bytes)"),
        Unreadable { reason } => format!("the file cannot be read: {reason}"),
        NotARequest => "not a request: expected a JSON object (starting with '{') or a query string of key=value pairs".into(),
        UrlWithoutQuery => "the URL has no query string ('?') holding the parameters".into(),
        UrlFragment => "the query ends at '#': what follows is a URL fragment, which clients never send".into(),
        UrlFragmentHelp => "write %23 for a '#' that belongs to a value, or remove the fragment".into(),
        PackerSyntax { detail } => format!("the file is not a valid Packer template (HCL): {detail}"),
        PackerRegionNotWritten => "RegionId is not written here: Packer takes it from the `ALICLOUD_REGION` environment variable, so the region checks are skipped".into(),
        PackerRegionNotWrittenHelp => "write `region` in the post-processor to have it checked".into(),
        PackerRegionFromProfile => "RegionId is the `region_id` of the aliyun CLI profile named by `profile`, which the plugin reads when it runs and sends instead of `region`: the region checks are skipped".into(),
        PackerRegionFromProfileHelp => "leave `profile` out to have `region` sent and checked, or check the profile's region_id (`aliyun configure list`)".into(),
        TerraformSyntax { detail } => format!("the file is not valid Terraform (HCL): {detail}"),
        ShellUnclosedQuote { quote } => format!("the {quote} quote opened here never closes"),
        NotLiteral { name: n, expr } => format!(
            "{} is {}, which is only known when it runs: it is not checked, nor is anything compared with it",
            name(n),
            code_span(expr)
        ),
        ProviderValue { attribute, value, choices } => format!(
            "the alicloud provider takes only {} for `{attribute}` (letter case counts): `terraform plan` refuses {} and nothing is sent",
            choices.join(", "),
            show(value)
        ),
        ProviderValueHelp => "write one of the provider's values exactly as it spells them".into(),
        RepeatedName { name: n, copies, packer: false } => format!(
            "`count`/`for_each` makes {copies} instances of this resource, each importing an image named {} into the same region: every import after the first fails",
            show(n)
        ),
        RepeatedName { name: n, copies, packer: true } => format!(
            "this post-processor runs once for each of the build's {copies} sources, each importing an image named {} into the same region: the plugin stops every import after the first (\"Duplicated image exists\"), or with `image_force_delete` deletes the image the one before made",
            show(n)
        ),
        RepeatedNameHelp => "make the name differ per instance, such as \"${each.key}\" or \"${count.index}\" in it".into(),
        PackerRepeatedNameHelp => "make the name differ per source, such as \"${source.name}\" in it, or run the post-processor for one source (`only`)".into(),
        NotLiteralHelp => "write the value out to have it checked, or check the request Terraform, Packer or the script sends".into(),
        RegionNotWritten => "RegionId is not written here: the provider or the aliyun CLI takes it from its configuration, so the region checks are skipped".into(),
        RegionNotWrittenHelp => "write the region (`region` in the alicloud provider block, `--RegionId` or `--region` on the command) to have it checked".into(),
        Placeholder { text } => format!("skipped the documentation placeholder {}", show(text)),
        PlaceholderHelp => "put the real parameters here, or drop the placeholder".into(),
        QueryPairWithoutName => "a query pair has no name before '='".into(),
        BadPercentEscape => "a '%' must be followed by two hex digits (write %25 for a literal '%')".into(),
        PercentNotUtf8 { at } => format!("percent-escapes decode to bytes that are not UTF-8 (at decoded byte {at})"),
        TooMany { omitted, kept } => format!(
            "{} left out; this report keeps the first {kept}",
            plural(*omitted as usize, "more finding was", "more findings were")
        ),
        TooManyHelp => "fix the findings shown and lint again".into(),
        Image(m) => image(m),
        Duplicate { name: n } => format!("{} is given more than once", name(n)),
        DuplicateHelp { flat_and_nested: true } => "keep one value; a parameter may appear once, whether written flat (DiskDeviceMapping.1.OSSBucket) or nested (DiskDeviceMapping: [{OSSBucket: …}])".into(),
        DuplicateHelp { flat_and_nested: false } => "keep one value: parsers and HTTP stacks differ in which of the two they keep".into(),
        BadIndex { family, raw, max, disks } => format!(
            "{family}.{} does not name a valid N: N is a whole number from 1 to {max}, without leading zeros{}",
            show(raw),
            if *disks { ": 1 is the system disk, 2 and up are data disks" } else { "" }
        ),
        ContainerValue { name: n } => format!("{} is a family of parameters, not a single value", name(n)),
        ContainerValueHelp { member } if member.contains(".N.") => format!(
            "write its members, such as {}=…, or a nested array of objects",
            member.replacen(".N.", ".1.", 1)
        ),
        ContainerValueHelp { member } => format!("write its members, such as {member}=…, or a nested object"),
        NewerApi { name: n, other, this } => format!(
            "{} belongs to the `{other}` revision of the API; this report follows `{this}`, which does not know it",
            name(n)
        ),
        SelectProfile { id } => format!("select that revision: profile {id}"),
        Unknown { name: n } => format!("{} is not a parameter of ImportImage", show(n)),
        DidYouMeanName { suggestion } => format!("did you mean {suggestion}? Names are case-sensitive"),
        CheckSpelling => "remove it, or check the spelling against `importimage-lint rules`".into(),
        WrongType { name: n, found, expected: e } => {
            format!("{} is {}, but it must be {}", name(n), json_type(*found), expected(*e))
        }
        Empty { name: n } => format!("{} is empty, so it counts as absent", name(n)),
        EmptyHelp { default: Some(d) } => format!("the service uses the default, {d}; drop the parameter or write a value"),
        EmptyHelp { default: None } => "drop the parameter or write a value".into(),
        Deprecated { name: n } => format!("{} is deprecated", name(n)),
        UseInstead { name: n } => format!("use {} instead, with the same value", name(n)),
        RemoveDeprecated => "remove it: it has no replacement".into(),
        Missing { name: n, how: Absence::Absent } => format!("{} is required", name(n)),
        Missing { name: n, how } => format!("{} {}, but it is required", name(n), absent_how(*how)),
        NoMember { family, field } => {
            format!("{family} is not given: the system disk {family}.1 needs {field}")
        }
        FirstMemberMissing { family, field } => {
            format!("the system disk {family}.1 is missing: it needs {field}")
        }
        MemberMissing { name: n, family, n: i, field, how: Absence::Absent } => {
            format!("{} is required: every {family}.{i} needs its {field}", name(n))
        }
        MemberMissing { name: n, family, n: i, field, how } => format!(
            "{} {}, but every {family}.{i} needs its {field}",
            name(n),
            absent_how(*how)
        ),
        AddParam { name: n, doc } => {
            let index = n.split('.').nth(1).filter(|s| crate::chars::is_digits(s));
            let doc = match index {
                Some(i) => doc.replace(" N", &format!(" {i}")),
                None => (*doc).to_owned(),
            };
            format!("add {}: {doc}", name(n))
        }
        BadTimestamp { value } => format!("Timestamp {} is not an ISO 8601 UTC time", show(value)),
        TimestampHelp => "write it as YYYY-MM-DDThh:mm:ssZ, for example 2019-01-07T10:00:00Z".into(),
        Credential { name: n } => format!("{} holds a credential, which does not belong in a request", name(n)),
        CredentialHelp => "remove it and let the SDK or CLI sign the request with credentials from the environment or a credentials file".into(),
        CliUnknownParameter { name: n } => format!("the aliyun CLI refuses this command: ImportImage has no parameter {} (the CLI sends unknown parameters only with --force)", name(n)),
        CliMissingValue { flag } => format!("the aliyun CLI refuses this command: {} needs a value", code_span(flag)),
        CliNoValue { flag } => format!("the aliyun CLI refuses this command: {} takes no value", code_span(flag)),
        CliDuplicated { flag } => format!("the aliyun CLI refuses this command: {} is given twice", code_span(flag)),
        CliDoubleDash => "the aliyun CLI refuses this command: it does not accept `--` on its own".into(),
        CliExtraArgument { word } => format!("the aliyun CLI refuses this command: after the product and the API name, {} is one word too many", show(word)),
        CliRefusesHelp => "write the command as the CLI reads it: `aliyun [flags] ecs ImportImage --Name value …`, each flag once, with its value".into(),
        CredentialLiteral { name: n } => format!("{} is a credential written out in the file, where everyone who can read the file or its history sees it", code_span(n)),
        CredentialLiteralHelp => "remove it: let the aliyun CLI, the provider or Packer take the credentials from a profile, an instance RAM role or environment variables set outside the file (`ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`; Packer reads `ALICLOUD_ACCESS_KEY`, `ALICLOUD_SECRET_KEY`)".into(),
        BadRegion { value } => format!("RegionId {} is not a region id", show(value)),
        RegionHelp => "region ids are lower-case words joined by hyphens, such as cn-hangzhou; `aliyun ecs DescribeRegions` lists them".into(),
        UnknownRegion { value } => format!("RegionId {} is not a region this linter knows", show(value)),
        UnknownRegionHelp { value, near: Some(s) } => {
            format!("did you mean {s}? If {} is a new region, ignore this warning", show(value))
        }
        UnknownRegionHelp { near: None, .. } => "check it against `aliyun ecs DescribeRegions`; if the region is new, ignore this warning".into(),
        Link { name: n, value, anywhere } => format!(
            "{} {} looks like a link: it must not {} http:// or https://",
            name(n),
            show(value),
            if *anywhere { "contain" } else { "start with" }
        ),
        LinkHelp { name: true, .. } => "name it after what it holds, for example centos-7-web".into(),
        LinkHelp { anywhere: true, .. } => "remove the link".into(),
        LinkHelp { anywhere: false, .. } => "start with words; a link may come later in the text".into(),
        ReservedPrefix { name: n, value, prefix } => {
            format!("{} {} starts with {prefix}, which is reserved", name(n), show(value))
        }
        AvoidPrefixes { prefixes } => format!("choose a value that does not start with {}", prefixes.join(" or ")),
        Length { name: n, len, min, max } => format!(
            "{} is {} long; it must be {min} to {max}",
            name(n),
            plural(*len, "character", "characters")
        ),
        UseLonger { param } => format!("write a longer value, or leave {param} out"),
        UseShorter => "shorten it".into(),
        Utf16Length { name: n, len, units, min, max } => format!(
            "{} is {} but {units} UTF-16 units long, so a service that counts UTF-16 units judges its length differently from the {min}–{max} rule",
            name(n),
            plural(*len, "character", "characters")
        ),
        Utf16Help => "characters outside the Basic Multilingual Plane count twice in UTF-16; keep the name within the limit both ways".into(),
        BadStart { name: n, value, first } => format!(
            "{} {} starts with {} ({}); it must start with an ASCII letter or a Chinese character",
            name(n),
            show(value),
            show(&first.to_string()),
            code_point(*first)
        ),
        StartHelp => "put a letter first, for example img-…".into(),
        BadCharacters { name: n, value, chars } => {
            let listed: Vec<String> = chars
                .iter()
                .map(|c| format!("{} ({})", show(&c.to_string()), code_point(*c)))
                .collect();
            format!("{} {} contains characters that are not allowed: {}", name(n), show(value), listed.join(", "))
        }
        NameCharsHelp { punctuation } => {
            let allowed: Vec<String> = punctuation.chars().map(|c| format!("`{c}`")).collect();
            let dash = if punctuation.contains('-') { " with `-`" } else { "" };
            format!(
                "use only ASCII letters and digits, Chinese characters and {}; replace other characters, such as spaces,{dash}",
                allowed.join(", ")
            )
            .trim_end_matches(',')
            .to_owned()
        }
        AsciiOnly { name: n, ch } => format!("{} may hold only printable ASCII; it contains {}", name(n), code_point(*ch)),
        AsciiHelp => "use printable ASCII characters only".into(),
        CaseVariant { name: n, value, documented } => {
            format!("{} {} is spelt {documented} in the API reference", name(n), show(value))
        }
        CaseVariantHelp { documented } => format!("the service accepts it, but write {documented} to be safe"),
        Whitespace { name: n, value } => format!("{} {} has whitespace around the value", name(n), show(value)),
        CaseOnly { name: n, value, allowed } => format!(
            "{} must be {}; {} differs in letter case",
            name(n),
            one_of(allowed),
            show(value)
        ),
        NotOneOf { name: n, value, allowed } => {
            format!("{} must be {}; it is {}", name(n), one_of(allowed), show(value))
        }
        ValidUnderProfile { value, profile, this } => format!(
            "{} is valid under profile {profile}; this report follows {this}",
            show(value)
        ),
        ValueOfOther { value, other } => {
            format!("{} is a value of {other}; did you mean to set {other} instead?", show(value))
        }
        DidYouMean { suggestion } => format!("did you mean {suggestion}?"),
        WriteOneOf { allowed } => format!("write {}", one_of(allowed)),
        Write { value } => format!("write {value}"),
        NotWhole { name: n, value, unit } => format!(
            "{} {} is not a whole number{}",
            name(n),
            show(value),
            if *unit == Unit::GiB { " of GiB" } else { "" }
        ),
        WriteNumberAlone { number } => format!("write the number alone: {number}"),
        WholeRange { min, max, unit, detected } => format!(
            "write a whole number from {min} to {max}{}{}",
            gib(*unit),
            if *detected { ", or leave it out to let the service measure the image" } else { "" }
        ),
        NumberWhitespace { name: n, value } => format!("{} {} has whitespace around the number", name(n), show(value)),
        OutOfRange { name: n, value, min, max, unit, n: i, system } => {
            let shown: String = if value.chars().count() > 24 {
                value.chars().take(24).collect::<String>() + "…"
            } else {
                (*value).to_owned()
            };
            let whose = match (*i, *system) {
                (0, _) => "it must be".to_owned(),
                (_, true) => "the system disk (N = 1) takes".to_owned(),
                _ => "a data disk takes".to_owned(),
            };
            format!("{} is {shown}{}; {whose} {min} to {max}{}", name(n), gib(*unit), gib(*unit))
        }
        Bounds { min, max, below, padded, unit } => {
            let mut s = if *below {
                if *unit == Unit::GiB {
                    format!("use at least {min} GiB, and no less than the space the image uses")
                } else {
                    format!("use at least {min}")
                }
            } else {
                format!("use at most {max}{}", gib(*unit))
            };
            if *padded {
                s.push_str(", and remove the spaces around the number");
            }
            s
        }
        NotBool { name: n, value } => format!("{} must be true or false; it is {}", name(n), show(value)),
        BoolHelp => "write true or false".into(),
        BadArn { name: n, value } => format!("{} {} is not the ARN of a CloudBox", name(n), show(value)),
        ArnHelp => "write arn:acs:cloudbox:{RegionId}:{AliUid}:cloudbox/{CloudBoxId}: the CloudBox's region, your account id and the CloudBox id".into(),
        ArnRegion { name: n, region, want } => {
            format!("{} names a CloudBox in {region}, but RegionId is {want}", name(n))
        }
        ArnRegionHelp => "import into the CloudBox's region, or give the ARN of a CloudBox in RegionId's region".into(),
        Deceptive { name: n, kind, ch, more } => format!(
            "{} holds {} ({}){}: the value is not what it looks like",
            name(n),
            match kind {
                Hidden::Control => "a control character",
                Hidden::Direction => "a direction-changing character",
                Hidden::Invisible => "an invisible character",
            },
            code_point(*ch),
            if *more > 0 {
                format!(" and {} more such {}", more, if *more == 1 { "character" } else { "characters" })
            } else {
                String::new()
            }
        ),
        DeceptiveHelp => "retype the value; reviewers and terminals do not show these characters as they are".into(),
        BucketLocation { name: n, form, value } => format!(
            "{} holds {} ({}), but it takes a bucket name only",
            name(n),
            match form {
                Located::OssUrl => "an oss:// URL",
                Located::HttpUrl => "an OSS URL",
                Located::Endpoint => "an OSS endpoint host",
                Located::OtherUrl => "a URL",
                Located::Path => "a path",
            },
            show(value)
        ),
        SetBucket { name: n, bucket, object: None } => format!("set {} to {bucket}", name(n)),
        SetBucket { name: n, bucket, object: Some((o, key)) } => {
            format!("set {} to {bucket} and {} to {}", name(n), name(o), show(key))
        }
        BucketAlone { object } => format!("write the bucket's name alone, and the object key in {}", name(object)),
        BadBucket { name: n, value } => format!("{} {} is not a valid OSS bucket name", name(n), show(value)),
        BucketHelp => "bucket names are 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit".into(),
        RemoveWhitespace { value } => format!("remove the whitespace: {value}"),
        OssRegion { name: n, region, want } => format!("{} points at OSS in {region}, but RegionId is {want}", name(n)),
        OssRegionHelp { region, want } => format!(
            "images are imported from OSS of the same region: import into {region}, or copy the image into a bucket in {want}"
        ),
        ObjectUrl { name: n, value } => format!("{} holds a URL ({}), but it takes the object key only", name(n), show(value)),
        ObjectUrlOtherBucket { name: n, bucket, given } => format!(
            "{} is a URL into the bucket {bucket}, but the disk's OSSBucket is {given}",
            name(n)
        ),
        ObjectUrlOtherBucketHelp => "decide which bucket holds the image: write it in OSSBucket, and the key alone in OSSObject".into(),
        WriteKeyAlone { key } => format!("write the key alone: {}", show(key)),
        ObjectKeyHelp => "write the object's key, such as images/centos7.qcow2".into(),
        ObjectTooLong { name: n, len } => format!("{} is {len} bytes long; object keys hold at most 1023", name(n)),
        ObjectLeadingSlash { name: n, value } => format!(
            "{} {} starts with {}; object keys never do",
            name(n),
            show(value),
            &value[..1]
        ),
        DropSeparator { key } => format!("drop the leading separator: {}", show(key)),
        PlatformOs { platform, platform_default, family, os: o, os_default } => format!(
            "Platform {platform}{} is a {} system, but OSType is {o}{}",
            if *platform_default { " (the default)" } else { "" },
            os(*family),
            if *os_default { " (the default)" } else { "" }
        ),
        SetOsType { os: o } => format!("set OSType to {o}"),
        SetPlatform { family } => format!("set Platform to the {} release of the image", os(*family)),
        CheckWhichIsRight { os: o, platform } => {
            format!("OSType {o} fits Platform {platform}; check which of the two is right")
        }
        FormatExtension { name: n, format, object, ext } => format!(
            "{} is {format}, but the object {object} has the extension .{}",
            name(n),
            ext.to_ascii_lowercase()
        ),
        FormatExtensionHelp { implied } => format!(
            "if the file is {implied}, write {implied}; or leave Format out and let the service detect it"
        ),
        Requires { when, is, then, must } => format!("{when} {is} needs {then} {must}"),
        RequiresHelp { then, must } => format!("write {must} (or leave {then} out; it then defaults to {must})"),
        DuplicateName { name: n, region, earlier } => format!(
            "request {} of this run already imports an image named {} into {region}",
            earlier + 1,
            show(n)
        ),
        DuplicateNameHelp => "give each image a distinct name, such as one with a version suffix".into(),
            DocumentType { path, found, string_ok } => format!(
            "{path} is {}, but a policy document is {}",
            json_type(*found),
            if *string_ok { "an object or a JSON string" } else { "a JSON object" }
        ),
        DocumentNotJson { path, error } => format!("{path} is a string that is not JSON: {error}"),
        DocumentNotJsonHelp => "a policy document written as a string must hold JSON, as RAM's GetRole returns it".into(),
        StringsExpected { path, found } => {
            format!("{path} must be a string or a list of strings, not {}", json_type(*found))
        }
        PolicyVersion { path, value, found } => format!(
            "{path}.Version must be \"1\"; it is {}",
            value.map_or_else(|| json_type(*found).to_owned(), show)
        ),
        WriteVersion => "write \"Version\": \"1\"".into(),
        NoMemberIn { path, member } => format!("{path} has no {member}"),
        AddMember { member: "Version" } => "add \"Version\": \"1\"".into(),
        AddMember { member: "Statement" } => "add \"Statement\": [{\"Effect\": \"Allow\", \"Action\": …, \"Resource\": …}]".into(),
        AddMember { member: "Effect" } => "add \"Effect\": \"Allow\"".into(),
        AddMember { member: "Resource" } => "add \"Resource\": \"*\" or the buckets and objects it covers".into(),
        AddMember { member } => format!("add {member}"),
        StatementList { path, found } => format!(
            "{path}.Statement must be a list of statements or one statement, not {}",
            json_type(*found)
        ),
        StatementObject { path, found } => format!("{path} must be an object, not {}", json_type(*found)),
        BadEffect { path, value, found } => format!(
            "{path}.Effect must be Allow or Deny; it is {}",
            value.map_or_else(|| json_type(*found).to_owned(), show)
        ),
        NotEvaluated { path, keys } => format!(
            "{path} has {}, which cannot be evaluated offline; the statement is not counted",
            keys.join(" and ")
        ),
        NotEvaluatedHelp => "make sure it does not block ECS; an unconditional statement can be checked here".into(),
        BundleType { found } => format!("a role bundle is a JSON object, not {}", json_type(*found)),
        BundleHelp => "see examples/import-role.json".into(),
        RoleNamed { got, found, expected } => format!(
            "the role is named {}, but the import uses a role named {expected}",
            got.map_or_else(|| json_type(*found).to_owned(), show)
        ),
        CreateRoleAs { expected } => format!("create the role as {expected} (the name must match exactly)"),
        NoRoleName => "the bundle has no RoleName".into(),
        AddRoleName { expected } => format!("add \"RoleName\": \"{expected}\""),
        NoTrustPolicy => "the bundle has no AssumeRolePolicyDocument (the trust policy)".into(),
        NoTrustPolicyHelp => "add the role's trust policy, as GetRole returns it".into(),
        TrustDenied { path, service, action } => {
            format!("{path} denies {service} the {action} action, which beats any Allow")
        }
        RemoveDeny => "remove the Deny statement".into(),
        TrustMissing => "the trust policy does not let ECS assume the role".into(),
        TrustHelp { service, action } => format!(
            "add {{\"Effect\": \"Allow\", \"Action\": \"{action}\", \"Principal\": {{\"Service\": [\"{service}\"]}}}}"
        ),
        UnknownSystemPolicy { name: n } => format!(
            "the system policy {} is not known offline; its permissions are not counted",
            n.map_or_else(|| "without a PolicyName".to_owned(), show)
        ),
        UnknownSystemPolicyHelp { system } => {
            format!("attach {system}, or give a custom policy's PolicyDocument")
        }
        NoPolicyDocument { path } => format!("{path} is a custom policy without its PolicyDocument"),
        PoliciesType { found } => format!("Policies must be a list of policies, not {}", json_type(*found)),
        ActionDenied { path, action } => format!("{path} denies {action}, which beats any Allow"),
        NarrowDeny { action } => format!("remove {action} from the Deny statement, or narrow its Resource"),
        ResourceMissing { action, resource } => format!(
            "the role allows {action}, but not on {resource}, which the request's disks read"
        ),
        AddResource { action, resource } => {
            format!("add \"{resource}\" to the Resource of the statement that allows {action}")
        }
        ActionMissing { action, resource: None } => format!("no policy of the role allows {action}"),
        ActionMissing { action, resource: Some(r) } => format!("no policy of the role allows {action} on {r}"),
        GrantAction { action, system, resource } => format!(
            "attach the system policy {system}, or add {{\"Effect\": \"Allow\", \"Action\": [\"{action}\"], \"Resource\": \"{resource}\"}} to a custom policy"
        ),
        RequestUnread { reason } => format!(
            "the request's disks could not be read ({reason}), so the role's Resources were not checked against them"
        ),
        RequestUnreadHelp => "lint the request itself and fix it, then check the role with it again".into(),
        DiskUnread { n, bucket } => format!(
            "disk {n}'s OSSBucket {} is not a bucket name, so the role's Resources were not checked against that disk",
            show(bucket)
        ),
        DiskUnreadHelp => "write the bare bucket name in OSSBucket (the request's own lint says how), then check the role again".into(),
    }
}
