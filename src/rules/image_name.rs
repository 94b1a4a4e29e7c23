//! ImageName: length, first character, allowed characters, URL and reserved prefixes.
//! All prevent `InvalidImageName.Malformed`.

use super::{Rule, RuleMeta, Subject};
use crate::input::Entry;
use crate::lint::{diag, Cx};
use crate::profile::UrlRule;
use crate::report::{Data, Severity};
use crate::text::{code_point, contains_url, is_han, show, starts_with_ci, url_prefix, utf16_len};

/// `image-name-length`.
pub const LENGTH: RuleMeta = RuleMeta {
    id: "image-name-length",
    severity: Severity::Error,
    summary: "ImageName must be 2 to 128 characters long, counted in Unicode code points (a Chinese character counts as one).",
    why: "The service rejects names outside the length range.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "ImageName": "c", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![r#"{"RegionId": "cn-hangzhou", "ImageName": "c7", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `image-name-utf16-length`.
pub const UTF16_LENGTH: RuleMeta = RuleMeta {
    id: "image-name-utf16-length",
    severity: Severity::Warning,
    summary: "ImageName's length in UTF-16 code units (what a Java service may count) falls on the other side of a limit than its length in code points.",
    why: "Characters outside the Basic Multilingual Plane, such as rare Han characters, count once as code points and twice in UTF-16; such a name may be judged differently by the service.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "ImageName": "𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![r#"{"RegionId": "cn-hangzhou", "ImageName": "中文镜像", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `image-name-start`.
pub const START: RuleMeta = RuleMeta {
    id: "image-name-start",
    severity: Severity::Error,
    summary: "ImageName must start with an ASCII letter or a Chinese (Han) character.",
    why: "Names starting with a digit or punctuation are rejected by the service.",
    bad: examples![
        r#"{"RegionId": "cn-hangzhou", "ImageName": "7-centos", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    good: examples![
        r#"{"RegionId": "cn-hangzhou", "ImageName": "centos-7", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `image-name-characters`.
pub const CHARACTERS: RuleMeta = RuleMeta {
    id: "image-name-characters",
    severity: Severity::Error,
    summary: "After the first character, ImageName may hold only ASCII letters and digits, Chinese characters, `:`, `_` and `-` (and `.` in the current API).",
    why: "Spaces, periods (in the 2019 revision), slashes and other characters make the name malformed.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "ImageName": "centos 7.9", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![r#"{"RegionId": "cn-hangzhou", "ImageName": "centos-7_9", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `image-name-url`.
pub const URL: RuleMeta = RuleMeta {
    id: "image-name-url",
    severity: Severity::Error,
    summary: "ImageName must not start with http:// or https:// in any letter case (the current API forbids them anywhere).",
    why: "Names that look like links are refused so that the console does not show clickable look-alike links.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "ImageName": "HTTPS://images.example.com", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![r#"{"RegionId": "cn-hangzhou", "ImageName": "images-example-com", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `image-name-prefix`.
pub const PREFIX: RuleMeta = RuleMeta {
    id: "image-name-prefix",
    severity: Severity::Error,
    summary: "In the current API, ImageName must not start with `aliyun` or `acs:`, which are reserved for Alibaba Cloud's own images.",
    why: "Reserved prefixes are refused so that a custom image cannot pass for a public one.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "ImageName": "aliyun-centos", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![r#"{"RegionId": "cn-hangzhou", "ImageName": "my-centos", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    subject: Subject::Request,
    example_profile: "current",
};

/// What a name holds that the rules forbid, found in one pass.
fn first_char_ok(c: char) -> bool {
    c.is_ascii_alphabetic() || is_han(c)
}

fn char_ok(c: char, punctuation: &str) -> bool {
    c.is_ascii_alphanumeric() || is_han(c) || (c.is_ascii_punctuation() && punctuation.contains(c))
}

/// Whether a name passes every ImageName rule of the profile (used to offer certain fixes).
fn valid(cx: &Cx<'_, '_, '_>, v: &str) -> bool {
    let r = &cx.profile.image_name;
    let len = v.chars().count();
    (r.min..=r.max).contains(&len)
        && v.chars().next().is_some_and(first_char_ok)
        && v.chars().skip(1).all(|c| char_ok(c, r.punctuation))
        && r.forbidden_prefixes.iter().all(|p| !starts_with_ci(v, p))
}

pub(crate) fn check(cx: &mut Cx<'_, '_, '_>, e: &Entry<'_>, v: &str) {
    let rules = &cx.profile.image_name;
    let url = match rules.url {
        UrlRule::Prefix => url_prefix(v).is_some(),
        UrlRule::Anywhere => contains_url(v),
    };
    let value = Some(v.chars().take(160).collect::<String>());
    if url {
        let where_ = if rules.url == UrlRule::Prefix {
            "start with"
        } else {
            "contain"
        };
        cx.push(
            diag(
                Rule::ImageNameUrl,
                format!(
                    "ImageName {} looks like a link; names must not {where_} http:// or https://",
                    show(v)
                ),
            )
            .on(e)
            .help("name the image after what it holds, for example centos-7-web")
            .data(Data {
                value: value.clone(),
                ..Data::default()
            }),
        );
    }
    if let Some(p) = rules
        .forbidden_prefixes
        .iter()
        .find(|p| starts_with_ci(v, p))
    {
        cx.push(
            diag(
                Rule::ImageNamePrefix,
                format!(
                    "ImageName {} starts with {p}, which is reserved for Alibaba Cloud's images",
                    show(v)
                ),
            )
            .on(e)
            .help("choose a name that does not start with aliyun or acs:")
            .data(Data {
                value: value.clone(),
                ..Data::default()
            }),
        );
    }
    let cps = v.chars().count();
    let u16s = utf16_len(v);
    let range = rules.min..=rules.max;
    if !range.contains(&cps) {
        let mut d = diag(
            Rule::ImageNameLength,
            format!(
                "ImageName is {cps} characters long; it must be {} to {}",
                rules.min, rules.max
            ),
        )
        .on(e)
        .help(if cps < rules.min {
            "use a longer name"
        } else {
            "shorten the name"
        })
        .data(Data {
            value: value.clone(),
            min: Some(rules.min as u64),
            max: Some(rules.max as u64),
            actual: Some(cps as u64),
            unit: Some("code points"),
            ..Data::default()
        });
        let trimmed = v.trim();
        if trimmed != v && valid(cx, trimmed) {
            d = d.fix(trimmed);
        }
        cx.push(d);
    }
    if range.contains(&cps) != range.contains(&u16s) {
        cx.push(
            diag(
                Rule::ImageNameUtf16Length,
                format!(
                    "ImageName is {cps} characters but {u16s} UTF-16 units long, so a service that counts UTF-16 units judges its length differently from the {}–{} rule",
                    rules.min, rules.max
                ),
            )
            .on(e)
            .help("characters outside the Basic Multilingual Plane count twice in UTF-16; keep the name within the limit both ways")
            .data(Data { value: value.clone(), min: Some(rules.min as u64), max: Some(rules.max as u64), actual: Some(u16s as u64), unit: Some("UTF-16 units"), ..Data::default() }),
        );
    }
    if url {
        return; // one finding for a link; its `:` and `/` are not reported again
    }
    let trimmed = v.trim();
    let fix = (trimmed != v && valid(cx, trimmed)).then(|| trimmed.to_owned());
    if let Some(first) = v.chars().next() {
        if !first_char_ok(first) {
            let mut d = diag(
                Rule::ImageNameStart,
                format!("ImageName {} starts with {} ({}); it must start with an ASCII letter or a Chinese character", show(v), show(&first.to_string()), code_point(first)),
            )
            .on(e)
            .help("put a letter first, for example img-… ")
            .data(Data { value: value.clone(), character: Some(code_point(first)), ..Data::default() });
            if let Some(f) = &fix {
                d = d.fix(f.clone());
            }
            cx.push(d);
        }
    }
    // The first eight distinct characters that are not allowed, in order of appearance.
    let mut bad: Vec<char> = Vec::new();
    for c in v
        .chars()
        .skip(1)
        .filter(|&c| !char_ok(c, rules.punctuation))
    {
        if !bad.contains(&c) {
            bad.push(c);
            if bad.len() == 8 {
                break;
            }
        }
    }
    if let Some(&c) = bad.first() {
        let listed: String = {
            bad.iter()
                .map(|c| format!("{} ({})", show(&c.to_string()), code_point(*c)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let allowed = rules
            .punctuation
            .chars()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut d = diag(Rule::ImageNameCharacters, format!("ImageName {} contains characters that are not allowed: {listed}", show(v)))
            .on(e)
            .help(format!("use only ASCII letters and digits, Chinese characters and {allowed}; for example replace spaces and periods with `-`"))
            .data(Data { value, character: Some(code_point(c)), ..Data::default() });
        if let Some(f) = fix {
            d = d.fix(f);
        }
        cx.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint_json, Rule};

    fn name(n: &str) -> crate::Report {
        let n = serde_json::to_string(n).unwrap();
        lint_json(&format!(
            r#"{{"RegionId": "cn-hangzhou", "ImageName": {n}, "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw"}}"#
        ))
    }

    #[test]
    fn url_gives_one_finding() {
        let r = name("https://x/y");
        let rules: Vec<Rule> = r.diagnostics.iter().map(|d| d.rule).collect();
        assert_eq!(rules, vec![Rule::ImageNameUrl]);
    }

    #[test]
    fn trailing_space_has_certain_fix() {
        let r = name("centos-7 ");
        let d = r
            .diagnostics
            .iter()
            .find(|d| d.rule == Rule::ImageNameCharacters)
            .unwrap();
        assert_eq!(d.fix.as_deref(), Some("centos-7"));
    }

    #[test]
    fn period_and_space_are_rejected_in_2019() {
        assert!(name("centos.7").has(Rule::ImageNameCharacters, "ImageName"));
        assert!(name("centos 7").has(Rule::ImageNameCharacters, "ImageName"));
        assert!(name("中文:镜像_1-a").valid);
    }
}
