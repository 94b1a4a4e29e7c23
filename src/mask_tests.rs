//! Tests of `mask`: every syntax's credential forms.
use super::*;

fn values(text: &str) -> Vec<&str> {
    secret_ranges(text).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn finds_values_in_every_form() {
    let cases = [
        (r#"{"SecurityToken":"tok\"en"}"#, "tok\\\"en"),
        ("{\n  \"bearerToken\" :\n  \"b1\" }", "b1"),
        ("Action=ImportImage&AccessKeySecret=s3cr3t#x", "s3cr3t"),
        ("?Signature=sig&x=1", "sig"),
        (r#"{"AccessKeyId": 12345}"#, "12345"),
        (r#"{"Features.db_password": "pw"}"#, "pw"),
    ];
    for (text, secret) in cases {
        let r = secret_ranges(text);
        assert_eq!(r.len(), 1, "{text}");
        assert_eq!(&text[r[0].clone()], secret, "{text}");
    }
    assert!(secret_ranges(r#"{"ClientToken": "abc", "Description": "Signature=x"}"#).is_empty());
    assert!(secret_ranges(r#"{"ImageName": "AccessKeyId"}"#).is_empty());
}

/// The shell forms of aliyun-cli's credential flags (config/flags.go) and the separators
/// its parser takes (cli/parser.go: `=` and `:`), assignments before a command, and
/// `export`.
#[test]
fn shell_flags_and_variables() {
    let text = "ALIBABA_CLOUD_SECURITY_TOKEN=t0k aliyun --access-key-id=LTAI1 ecs ImportImage \\\n  --access-key-secret \\\n   'a b'\"c\" --sts-token:xyz --AccessKeySecret $'q\\'r' --ImageName web\nexport ALICLOUD_SECRET_KEY=\"s k\"\n";
    assert_eq!(
        values(text),
        ["t0k", "LTAI1", "'a b'\"c\"", "xyz", "$'q\\'r'", "\"s k\""]
    );
    let written: Vec<_> = secrets("--sts-token \"$T\" --access-key-id '$lit'")
        .into_iter()
        .map(|s| s.written)
        .collect();
    assert_eq!(written, [Written::Computed, Written::Literal]);
    // A flag followed by another flag has no value; a switch is not a credential.
    assert!(values("aliyun --access-key-secret --force ecs").is_empty());
}

/// The alicloud provider's credential attributes (provider.go: access_key, secret_key,
/// security_token), as strings, heredocs and expressions.
#[test]
fn terraform_attributes() {
    let text = "provider \"alicloud\" {\n  access_key     = \"LTAI5t\"\n  secret_key     = <<EOT\nhidden\nEOT\n  security_token = var.token # note\n  region = \"cn-hangzhou\"\n}\n";
    assert_eq!(values(text), ["LTAI5t", "hidden\n", "var.token # note"]);
    let w: Vec<_> = secrets(text).into_iter().map(|s| s.written).collect();
    assert_eq!(w, [Written::Literal, Written::Literal, Written::Computed]);
    assert!(values("  secret_key == x").is_empty());
}

#[test]
fn masking_keeps_columns() {
    let text = "{\"AccessKeyId\": \"密钥abc\"}";
    let m = masked(text);
    assert_eq!(m.chars().count(), text.chars().count());
    assert!(!m.contains("密钥abc"));
}

/// A Terraform variable named like a credential: its `default` is one.
#[test]
fn terraform_variable_defaults() {
    let text = "variable \"secret_key\" {\n  type    = string\n  default = \"Zq8dLm2\"\n}\nvariable \"name\" {\n  default = \"web\"\n}\n";
    assert_eq!(values(text), ["Zq8dLm2"]);
    let s = secrets(text);
    assert_eq!(&text[s[0].name.clone()], "secret_key");
}
