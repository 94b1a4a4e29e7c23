//! The RPC common parameters: Action, Format, Version, the signature fields, Timestamp,
//! and credentials, which never belong in a request file. The values of the fixed ones are
//! judged as choices (`choices.rs`); the gateway compares `Format` without letter case,
//! since the SDKs' v2 signer sends `Format=json`.

use super::{example, Checker, GOOD};
use crate::diagnostic::{Data, Finding};
use crate::input::Entry;
use crate::message::Msg;
use crate::rule::{Rule, RuleDoc};

/// `action-value`.
pub(crate) const ACTION_VALUE: RuleDoc = RuleDoc::new(
    "Action, when given, must be exactly ImportImage; it may be absent, as ACS3 signers send it in a header.",
    "Another action is another API call; the request would not import anything.",
    &[example!(r#""Action": "importimage""#)],
    &[example!(r#""Action": "ImportImage""#)],
);

/// `response-format`.
pub(crate) const RESPONSE_FORMAT: RuleDoc = RuleDoc::new(
    "The top-level Format is the RPC response format (JSON or XML, any letter case); a disk image format belongs in DiskDeviceMapping.N.Format.",
    "Writing `Format: qcow2` at the top level is a common slip: the image format is then not set at all and the response format is invalid.",
    &[example!(r#""Format": "qcow2""#)],
    &[example!(r#""Format": "json""#, r#""DiskDeviceMapping.1.Format": "qcow2""#)],
);

/// `api-version`.
pub(crate) const API_VERSION: RuleDoc = RuleDoc::new(
    "Version, when given, must be the ECS API version 2014-05-26.",
    "ECS has one RPC API version; any other value is rejected before the parameters are read.",
    &[example!(r#""Version": "2016-01-01""#)],
    &[example!(r#""Version": "2014-05-26""#)],
);

/// `signature-method`.
pub(crate) const SIGNATURE_METHOD: RuleDoc = RuleDoc::new(
    "SignatureMethod, when given, must be HMAC-SHA1.",
    "The RPC signature of ECS is computed with HMAC-SHA1 only.",
    &[example!(r#""SignatureMethod": "HMAC-SHA256""#)],
    &[example!(r#""SignatureMethod": "HMAC-SHA1""#)],
);

/// `signature-version`.
pub(crate) const SIGNATURE_VERSION: RuleDoc = RuleDoc::new(
    "SignatureVersion, when given, must be 1.0.",
    "1.0 is the only signature version of the RPC style.",
    &[example!(r#""SignatureVersion": "2.0""#)],
    &[example!(r#""SignatureVersion": "1.0""#)],
);

/// `timestamp`.
pub(crate) const TIMESTAMP: RuleDoc = RuleDoc::new(
    "Timestamp, when given, must be an ISO 8601 UTC time: YYYY-MM-DDThh:mm:ssZ.",
    "The service rejects a request whose timestamp it cannot read, or that is not in UTC.",
    &[example!(r#""Timestamp": "2019-01-07 10:00:00""#)],
    &[example!(r#""Timestamp": "2019-01-07T10:00:00Z""#)],
);

/// `credential-in-request`.
pub(crate) const CREDENTIAL_IN_REQUEST: RuleDoc = RuleDoc::new(
    "A credential (AccessKeyId, AccessKeySecret, Signature, SecurityToken, BearerToken) written into a request, or written out in a script or Terraform file (a CLI credential flag, an ALIBABA_CLOUD_* or ALICLOUD_* variable, a provider key); its value is masked in every output.",
    "Request files end up in repositories and CI logs; credentials belong in the environment or a credentials file, where the SDK signs with them.",
    &[example!(r#""AccessKeyId": "LTAI0000000000000000""#)],
    &[GOOD],
);

/// `timestamp`: `YYYY-MM-DDThh:mm:ssZ` naming a real date and time.
pub(crate) fn check_timestamp<'e>(cx: &mut Checker<'_, 'e>, e: &'e Entry<'e>, v: &'e str) {
    if is_utc_timestamp(v) {
        return;
    }
    cx.push(
        Finding::new(Rule::Timestamp, Msg::BadTimestamp { value: v })
            .param(e.name.to_cow())
            .span(e.span())
            .help(Msg::TimestampHelp)
            .data(Data::value(v).expected("YYYY-MM-DDThh:mm:ssZ")),
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
pub(crate) fn credential<'e>(cx: &mut Checker<'_, 'e>, e: &'e Entry<'e>) {
    cx.push(
        Finding::new(
            Rule::CredentialInRequest,
            Msg::Credential {
                name: e.name.to_cow(),
            },
        )
        .param(e.name.to_cow())
        .span(e.span())
        .help(Msg::CredentialHelp),
    );
}

/// The JSON Schema of a timestamp: the shape `YYYY-MM-DDThh:mm:ssZ` (the linter also checks
/// that the date exists).
pub(crate) fn timestamp_schema(p: &crate::profile::Param) -> crate::schema::Schema {
    crate::schema::Schema::pattern(
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
        format!(
            "{} is a UTC time written YYYY-MM-DDThh:mm:ssZ ({})",
            p.name(),
            p.rule().id()
        ),
    )
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
