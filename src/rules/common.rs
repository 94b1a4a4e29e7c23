//! The RPC common parameters: Action, Format, Version, signature fields, Timestamp, and
//! credentials that should never be written into a request file.

use super::{Rule, RuleMeta, Subject};
use crate::input::Entry;
use crate::lint::{diag, Cx};
use crate::report::{Data, Severity};
use crate::text::show;

#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
const G: &str = super::GOOD;

/// `action-value`.
pub const ACTION_VALUE: RuleMeta = RuleMeta {
    id: "action-value",
    severity: Severity::Error,
    summary: "Action, when given, must be exactly ImportImage.",
    why: "Another action is another API call; the request would not import anything.",
    bad: examples![
        r#"{"Action": "importimage", "RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    good: examples![
        r#"{"Action": "ImportImage", "RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `response-format`.
pub const RESPONSE_FORMAT: RuleMeta = RuleMeta {
    id: "response-format",
    severity: Severity::Error,
    summary: "The top-level Format is the RPC response format, JSON or XML; a disk image format belongs in DiskDeviceMapping.N.Format.",
    why: "Writing `Format: qcow2` at the top level is a common slip: the image format is then not set at all and the response format is invalid.",
    bad: examples![r#"{"RegionId": "cn-hangzhou", "Format": "qcow2", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![r#"{"RegionId": "cn-hangzhou", "Format": "JSON", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2", "DiskDeviceMapping.1.Format": "qcow2"}"#],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `api-version`.
pub const API_VERSION: RuleMeta = RuleMeta {
    id: "api-version",
    severity: Severity::Error,
    summary: "Version, when given, must be the ECS API version 2014-05-26.",
    why: "ECS has one RPC API version; any other value is rejected before the parameters are read.",
    bad: examples![
        r#"{"Version": "2016-01-01", "RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    good: examples![
        r#"{"Version": "2014-05-26", "RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `signature-method`.
pub const SIGNATURE_METHOD: RuleMeta = RuleMeta {
    id: "signature-method",
    severity: Severity::Error,
    summary: "SignatureMethod, when given, must be HMAC-SHA1.",
    why: "The RPC signature of ECS is computed with HMAC-SHA1 only.",
    bad: examples![
        r#"{"SignatureMethod": "HMAC-SHA256", "RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    good: examples![
        r#"{"SignatureMethod": "HMAC-SHA1", "RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `signature-version`.
pub const SIGNATURE_VERSION: RuleMeta = RuleMeta {
    id: "signature-version",
    severity: Severity::Error,
    summary: "SignatureVersion, when given, must be 1.0.",
    why: "1.0 is the only signature version of the RPC style.",
    bad: examples![
        r#"{"SignatureVersion": "2.0", "RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    good: examples![
        r#"{"SignatureVersion": "1.0", "RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `timestamp`.
pub const TIMESTAMP: RuleMeta = RuleMeta {
    id: "timestamp",
    severity: Severity::Error,
    summary: "Timestamp, when given, must be an ISO 8601 UTC time: YYYY-MM-DDThh:mm:ssZ.",
    why: "The service rejects a request whose timestamp it cannot read, or that is not in UTC.",
    bad: examples![
        r#"{"Timestamp": "2019-01-07 10:00:00", "RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    good: examples![
        r#"{"Timestamp": "2019-01-07T10:00:00Z", "RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#,
    ],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `credential-in-request`.
pub const CREDENTIAL_IN_REQUEST: RuleMeta = RuleMeta {
    id: "credential-in-request",
    severity: Severity::Warning,
    summary: "AccessKeyId, Signature, SecurityToken or BearerToken written into a request.",
    why: "Request files end up in repositories and CI logs; credentials belong in the environment or a credentials file, where the SDK signs with them.",
    bad: examples![r#"{"AccessKeyId": "LTAI0000000000000000", "RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    good: examples![G],
    subject: Subject::Request,
    example_profile: "2019-01",
};

/// `timestamp`: `YYYY-MM-DDThh:mm:ssZ` naming a real date and time.
pub(crate) fn check_timestamp(cx: &mut Cx<'_, '_, '_>, e: &Entry<'_>, v: &str) {
    if is_utc_timestamp(v) {
        return;
    }
    cx.push(
        diag(
            Rule::Timestamp,
            format!("Timestamp {} is not an ISO 8601 UTC time", show(v)),
        )
        .on(e)
        .help("write it as YYYY-MM-DDThh:mm:ssZ, for example 2019-01-07T10:00:00Z")
        .data(Data {
            value: Some(v.chars().take(64).collect()),
            expected: Some("YYYY-MM-DDThh:mm:ssZ".into()),
            ..Data::default()
        }),
    );
}

fn is_utc_timestamp(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() != 20 {
        return false;
    }
    let shape = b"dddd-dd-ddTdd:dd:ddZ";
    if !b.iter().zip(shape).all(|(c, s)| {
        if *s == b'd' {
            c.is_ascii_digit()
        } else {
            c == s
        }
    }) {
        return false;
    }
    let num = |r: std::ops::Range<usize>| v[r].parse::<u32>().unwrap_or(u32::MAX);
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day) && num(11..13) < 24 && num(14..16) < 60 && num(17..19) < 60
}

/// `credential-in-request`; the value is never repeated in the report.
pub(crate) fn credential(cx: &mut Cx<'_, '_, '_>, e: &Entry<'_>) {
    cx.push(
        diag(Rule::CredentialInRequest, format!("{} holds a credential, which does not belong in a request", e.name))
            .on(e)
            .help("remove it and let the SDK or CLI sign the request with credentials from the environment or a credentials file"),
    );
}

#[cfg(test)]
mod tests {
    use super::is_utc_timestamp;

    #[test]
    fn timestamps() {
        assert!(is_utc_timestamp("2019-01-07T10:00:00Z"));
        assert!(is_utc_timestamp("2020-02-29T23:59:59Z"));
        assert!(!is_utc_timestamp("2019-02-29T10:00:00Z"));
        assert!(!is_utc_timestamp("2019-01-07T24:00:00Z"));
        assert!(!is_utc_timestamp("2019-01-07T10:00:00+08:00"));
        assert!(!is_utc_timestamp("2019-01-07T10:00:0Z"));
    }
}
