//! The RAM role pre-flight: the spec's own policies pass; each way of getting it wrong fails
//! with a message that says what to add; proptest over generated statements.

use importimage_lint::{lint_role, profile, Linter, Options, Report, Rule};
use proptest::prelude::*;

/// The trust policy printed in the spec, as printed.
const SPEC_TRUST: &str = r#"{
"Statement": [
{
"Action": "sts:AssumeRole",
"Effect": "Allow",
"Principal": {
 "Service": [
   "ecs.aliyuncs.com"
 ]
}
}
],
"Version": "1"
}"#;

/// The custom permission policy printed in the spec, as printed.
const SPEC_POLICY: &str = r#"{
"Version": "1",
"Statement": [
{
"Action": [
 "oss:GetObject",
 "oss:GetBucketLocation"
],
"Resource": "*",
"Effect": "Allow"
}
]
}"#;

const REQUEST: &str = r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"OSSBucket": "ecsimageos", "OSSObject": "centos/c7.qcow2"}, {"OSSBucket": "data-disks", "OSSObject": "d2.raw"}]}"#;

fn bundle(name: &str, trust: &str, policies: &str) -> String {
    format!(
        r#"{{"RoleName": "{name}", "AssumeRolePolicyDocument": {trust}, "Policies": {policies}}}"#
    )
}

fn custom(doc: &str) -> String {
    format!(r#"[{{"PolicyName": "import-read", "PolicyType": "Custom", "PolicyDocument": {doc}}}]"#)
}

fn as_string(doc: &str) -> String {
    serde_json::to_string(doc).unwrap()
}

const NAME: &str = "AliyunECSImageImportDefaultRole";

fn errors(r: &Report) -> Vec<(&'static str, String)> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == importimage_lint::Severity::Error)
        .map(|d| (d.rule.id(), d.param.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn the_spec_policies_pass_as_objects_and_as_strings() {
    for trust in [SPEC_TRUST.to_owned(), as_string(SPEC_TRUST)] {
        for policy in [SPEC_POLICY.to_owned(), as_string(SPEC_POLICY)] {
            let b = bundle(NAME, &trust, &custom(&policy));
            let r = lint_role(&b, Some(REQUEST));
            assert!(r.valid && r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
        }
    }
    let system = bundle(
        NAME,
        SPEC_TRUST,
        r#"[{"PolicyName": "AliyunECSImageImportRolePolicy", "PolicyType": "System"}]"#,
    );
    assert!(lint_role(&system, Some(REQUEST)).diagnostics.is_empty());
}

#[test]
fn getrole_output_is_read_for_the_trust_part() {
    let getrole = format!(
        r#"{{"RequestId": "x", "Role": {{"RoleName": "{NAME}", "Arn": "acs:ram::123:role/{NAME}", "AssumeRolePolicyDocument": {}}}, "Policies": [{{"PolicyName": "AliyunECSImageImportRolePolicy", "PolicyType": "System"}}]}}"#,
        as_string(SPEC_TRUST)
    );
    let r = lint_role(&getrole, None);
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    let wrong = getrole.replace(
        &format!("\"RoleName\": \"{NAME}\""),
        "\"RoleName\": \"Importer\"",
    );
    assert_eq!(
        errors(&lint_role(&wrong, None)),
        [("role-name", "Role.RoleName".to_owned())]
    );
}

#[test]
fn each_way_of_getting_it_wrong_fails_with_what_to_add() {
    let policy = custom(SPEC_POLICY);
    let cases: Vec<(&str, String, Rule, &str, &str)> = vec![
        ("wrong name", bundle("ImageImportRole", SPEC_TRUST, &policy), Rule::RoleName, "RoleName", "AliyunECSImageImportDefaultRole"),
        ("wrong principal", bundle(NAME, &SPEC_TRUST.replace("ecs.aliyuncs.com", "oss.aliyuncs.com"), &policy), Rule::RoleTrust, "AssumeRolePolicyDocument.Statement", "ecs.aliyuncs.com"),
        ("wrong trust action", bundle(NAME, &SPEC_TRUST.replace("sts:AssumeRole", "sts:GetCallerIdentity"), &policy), Rule::RoleTrust, "AssumeRolePolicyDocument.Statement", "sts:AssumeRole"),
        ("trust denied", bundle(NAME, &SPEC_TRUST.replace("\"Statement\": [", r#""Statement": [{"Action": "sts:*", "Effect": "Deny", "Principal": {"Service": "ecs.aliyuncs.com"}},"#), &policy), Rule::RoleTrust, "AssumeRolePolicyDocument.Statement[0]", "Deny"),
        ("no GetBucketLocation", bundle(NAME, SPEC_TRUST, &custom(&SPEC_POLICY.replace(",\n \"oss:GetBucketLocation\"", ""))), Rule::RolePermissions, "Policies", "oss:GetBucketLocation"),
        ("no policies", bundle(NAME, SPEC_TRUST, "[]"), Rule::RolePermissions, "Policies", "AliyunECSImageImportRolePolicy"),
        ("explicit deny", bundle(NAME, SPEC_TRUST, &custom(&SPEC_POLICY.replace("\"Statement\": [", r#""Statement": [{"Action": "oss:GetObject", "Resource": "*", "Effect": "Deny"},"#))), Rule::RolePermissions, "Policies[0].PolicyDocument.Statement[0]", "Deny"),
        ("resource elsewhere", bundle(NAME, SPEC_TRUST, &custom(&SPEC_POLICY.replace("\"Resource\": \"*\"", r#""Resource": ["acs:oss:*:*:ecsimageos", "acs:oss:*:*:ecsimageos/*"]"#))), Rule::RoleResources, "Policies", "acs:oss:*:*:data-disks"),
        ("not JSON", bundle(NAME, "\"{not json\"", &policy), Rule::RoleBundle, "AssumeRolePolicyDocument", "not JSON"),
        ("missing Statement", bundle(NAME, r#"{"Version": "1"}"#, &policy), Rule::PolicySyntax, "AssumeRolePolicyDocument.Statement", "Statement"),
        ("unknown Effect", bundle(NAME, &SPEC_TRUST.replace("\"Allow\"", "\"Permit\""), &policy), Rule::PolicySyntax, "AssumeRolePolicyDocument.Statement[0].Effect", "Allow or Deny"),
        ("wrong Version", bundle(NAME, SPEC_TRUST, &custom(&SPEC_POLICY.replace("\"Version\": \"1\"", "\"Version\": \"2012-10-17\""))), Rule::PolicySyntax, "Policies[0].PolicyDocument.Version", "\"1\""),
    ];
    for (name, b, rule, param, says) in cases {
        let r = lint_role(&b, Some(REQUEST));
        let d = r
            .diagnostics
            .iter()
            .find(|d| d.rule == rule && d.param.as_deref() == Some(param))
            .unwrap_or_else(|| panic!("{name}: {:#?}", r.diagnostics));
        assert!(!r.valid, "{name}");
        let text = format!("{} {}", d.message, d.help.clone().unwrap_or_default());
        assert!(text.contains(says), "{name}: {text}");
        insta::assert_json_snapshot!(format!("role__{}", name.replace(' ', "_")), r);
    }
}

#[test]
fn conditions_are_reported_not_ignored() {
    let doc = SPEC_POLICY.replace(
        "\"Effect\": \"Allow\"",
        r#""Effect": "Allow", "Condition": {"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#,
    );
    let r = lint_role(&bundle(NAME, SPEC_TRUST, &custom(&doc)), None);
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.rule == Rule::PolicyNotEvaluated
            && d.param.as_deref() == Some("Policies[0].PolicyDocument.Statement[0]")));
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.rule == Rule::RolePermissions),
        "a conditional Allow does not count"
    );
    let unknown = bundle(
        NAME,
        SPEC_TRUST,
        r#"[{"PolicyName": "AliyunSomethingElse", "PolicyType": "System"}]"#,
    );
    assert!(lint_role(&unknown, None)
        .diagnostics
        .iter()
        .any(|d| d.rule == Rule::PolicyNotEvaluated));
}

#[test]
fn current_profile_needs_get_bucket_info_and_follows_role_name() {
    let current = Linter::new(Options::default().with_profile(&profile::CURRENT));
    let b = bundle(NAME, SPEC_TRUST, &custom(SPEC_POLICY));
    let r = current.lint_role(&b, None);
    assert_eq!(errors(&r), [("role-permissions", "Policies".to_owned())]);
    assert!(r.diagnostics[0].message.contains("oss:GetBucketInfo"));
    let with_info = bundle(
        NAME,
        SPEC_TRUST,
        &custom(&SPEC_POLICY.replace(
            "\"oss:GetBucketLocation\"",
            "\"oss:GetBucketLocation\", \"oss:GetBucketInfo\"",
        )),
    );
    assert!(current.lint_role(&with_info, None).valid);
    let named = bundle(
        "TeamImportRole",
        SPEC_TRUST,
        &custom(&SPEC_POLICY.replace("\"oss:GetBucketLocation\"", "\"oss:Get*\"")),
    );
    let req = r#"{"RegionId": "cn-hangzhou", "RoleName": "TeamImportRole", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw"}"#;
    assert!(
        current.lint_role(&named, Some(req)).valid,
        "{:#?}",
        current.lint_role(&named, Some(req)).diagnostics
    );
    assert!(
        !lint_role(&named, Some(req)).valid,
        "the spec's profile wants the default name"
    );
}

#[test]
fn cli_role_subcommand() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_importimage-lint"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
        )
    };
    assert_eq!(
        run(&[
            "role",
            "examples/import-role.json",
            "--request",
            "examples/import-image.json"
        ])
        .0,
        0
    );
    let (code, out) = run(&[
        "role",
        "--format",
        "json",
        "examples/import-role.json",
        "--request",
        "tests/fixtures/pass/nested.import-image.json",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("role-resources"), "{out}");
    let (code, out) = run(&[
        "role",
        "--format",
        "sarif",
        "--profile",
        "current",
        "examples/import-role.json",
    ]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(run(&["role", "no/such/bundle.json"]).0, 2);
    let (code, out) = run(&["role", "tests/fixtures/role/bad-trust.json"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

fn statement(effect: &str, actions: &[&str], resource: &str) -> String {
    format!(
        r#"{{"Effect": "{effect}", "Action": {}, "Resource": "{resource}"}}"#,
        serde_json::to_string(actions).unwrap()
    )
}

fn with_statements(stmts: &[String]) -> String {
    bundle(
        NAME,
        SPEC_TRUST,
        &custom(&format!(
            r#"{{"Version": "1", "Statement": [{}]}}"#,
            stmts.join(", ")
        )),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// A policy allowing exactly the needed actions on `*` passes, however the actions are
    /// spelt and split; removing any one fails; adding a matching Deny fails.
    #[test]
    fn needed_actions_on_star(split in 1usize..=2, upper in any::<bool>(), drop in 0usize..2, deny_with in prop::sample::select(vec!["oss:GetObject", "oss:Get*", "oss:*", "*", "OSS:GETBUCKETLOCATION"])) {
        let needed = ["oss:GetObject", "oss:GetBucketLocation"];
        let spelt: Vec<String> = needed.iter().map(|a| if upper { a.to_uppercase() } else { (*a).to_owned() }).collect();
        let spelt: Vec<&str> = spelt.iter().map(String::as_str).collect();
        let stmts: Vec<String> = if split == 1 { vec![statement("Allow", &spelt, "*")] } else { spelt.iter().map(|a| statement("Allow", &[a], "*")).collect() };
        prop_assert!(lint_role(&with_statements(&stmts), Some(REQUEST)).valid);

        let mut fewer = spelt.clone();
        fewer.remove(drop);
        let r = lint_role(&with_statements(&[statement("Allow", &fewer, "*")]), Some(REQUEST));
        prop_assert!(!r.valid);
        prop_assert!(r.diagnostics.iter().any(|d| d.rule == Rule::RolePermissions && d.message.contains(needed[drop])));

        let mut denied = stmts.clone();
        denied.push(statement("Deny", &[deny_with], "*"));
        let r = lint_role(&with_statements(&denied), Some(REQUEST));
        prop_assert!(!r.valid);
        prop_assert!(r.diagnostics.iter().any(|d| d.rule == Rule::RolePermissions && d.message.contains("denies")));
    }

    /// Wildcards inside resource names are honoured.
    #[test]
    fn resource_wildcards(prefix_len in 0usize..=10) {
        let bucket_pattern = format!("{}*", &"ecsimageos"[..prefix_len]);
        let stmts = vec![statement("Allow", &["oss:GetBucketLocation"], &format!("acs:oss:*:*:{bucket_pattern}")), statement("Allow", &["oss:GetObject"], &format!("acs:oss:*:*:{bucket_pattern}/centos/*"))];
        let req = r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos/c7.qcow2"}"#;
        prop_assert!(lint_role(&with_statements(&stmts), Some(req)).valid);
        let other = req.replace("centos/c7", "ubuntu/u22");
        prop_assert!(!lint_role(&with_statements(&stmts), Some(&other)).valid);
    }
}
