//! The RAM role of an import, checked offline from documents the user already has: the
//! role's name, its trust policy, and whether its policies let ECS read the image from OSS.
//!
//! A role bundle is a JSON object: `RoleName`, `AssumeRolePolicyDocument` (an object, or a
//! JSON string as RAM's GetRole returns it) and `Policies`, each a system policy by name or
//! a custom one with its `PolicyDocument`. The raw output of GetRole (`{"Role": {…}}`) is
//! read for the name and trust policy. What the role must be and allow (its name, the
//! service, the actions, the system policies known offline) is the profile's
//! [`RoleRules`](crate::profile::RoleRules).
//!
//! | module | what |
//! |---|---|
//! | `policy` | the policy language: documents, statements, wildcards, resources |
//! | `check` | the checks: name, trust, permissions, resources |

use crate::checks::GOOD;
use crate::rule::RuleDoc;

mod check;
mod policy;

pub(crate) use check::lint;

/// What the request given with a role bundle says the role must allow.
#[derive(Debug, Clone, Default)]
pub(crate) struct RequestFacts {
    /// The (bucket, object) pair of every disk whose location can be read.
    pub disks: Vec<(String, String)>,
    /// Disks whose OSSBucket is not a bucket name: N and the value.
    pub unread: Vec<(u32, String)>,
    /// The RoleName the request names.
    pub role: Option<String>,
    /// Why the request could not be read at all.
    pub error: Option<String>,
}

/// The trust policy of the spec, and the system policy that grants what the import needs.
macro_rules! ecs_trust {
    () => {
        r#"{"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": ["ecs.aliyuncs.com"]}}], "Version": "1"}"#
    };
}
macro_rules! system_policy {
    () => {
        r#"[{"PolicyName": "AliyunECSImageImportRolePolicy", "PolicyType": "System"}]"#
    };
}

macro_rules! bundle {
    ($name:literal, $trust:expr, $policies:expr) => {
        concat!(
            "{\"RoleName\": \"",
            $name,
            "\", \"AssumeRolePolicyDocument\": ",
            $trust,
            ", \"Policies\": ",
            $policies,
            "}"
        )
    };
}

const GOOD_BUNDLE: &str = bundle!(
    "AliyunECSImageImportDefaultRole",
    ecs_trust!(),
    system_policy!()
);

const fn doc(summary: &'static str, why: &'static str, bad: &'static [&'static str]) -> RuleDoc {
    RuleDoc::new(summary, why, bad, &[GOOD_BUNDLE])
}

/// `role-bundle`.
pub(crate) const ROLE_BUNDLE: RuleDoc = doc(
    "A role bundle or one of its documents is malformed: not an object, a missing RoleName, trust policy or policy document, or a document that is not JSON.",
    "Nothing can be checked about a role whose documents cannot be read.",
    &[r#"{"RoleName": "AliyunECSImageImportDefaultRole", "AssumeRolePolicyDocument": "{not json", "Policies": []}"#],
);

/// `policy-syntax`.
pub(crate) const POLICY_SYNTAX: RuleDoc = doc(
    "A policy document breaks RAM's policy language: Version must be \"1\", Statement a list or an object, Effect Allow or Deny, Action and Resource strings or lists of strings.",
    "RAM refuses such a policy, or reads it differently from what was meant.",
    &[bundle!(
        "AliyunECSImageImportDefaultRole",
        r#"{"Statement": [{"Action": "sts:AssumeRole", "Effect": "Permit", "Principal": {"Service": "ecs.aliyuncs.com"}}], "Version": "1"}"#,
        system_policy!()
    )],
);

/// `role-name`.
pub(crate) const ROLE_NAME: RuleDoc = doc(
    "The role must have the name the profile's table gives (in the current API, or the role the request's RoleName names).",
    "The service assumes the role by that name; an import with a role of any other name fails after the upload.",
    &[bundle!(
        "AliyunECSImageImportRole",
        ecs_trust!(),
        system_policy!()
    )],
);

/// `role-trust`.
pub(crate) const ROLE_TRUST: RuleDoc = doc(
    "The trust policy must have an Allow statement whose Action covers the profile's assume action (sts:AssumeRole) and whose Principal Service includes the service (ecs.aliyuncs.com), and no Deny of it.",
    "Without it ECS cannot assume the role, so it cannot read the image from OSS.",
    &[bundle!(
        "AliyunECSImageImportDefaultRole",
        r#"{"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": ["oss.aliyuncs.com"]}}], "Version": "1"}"#,
        system_policy!()
    )],
);

/// `role-permissions`.
pub(crate) const ROLE_PERMISSIONS: RuleDoc = doc(
    "The role's policies must allow every OSS action the profile lists: through the system policy that grants them, or custom statements; an explicit Deny beats any Allow.",
    "ECS reads the image with the role's permissions; a missing one fails the import after the upload, with an error far from its cause.",
    &[bundle!(
        "AliyunECSImageImportDefaultRole",
        ecs_trust!(),
        r#"[{"PolicyName": "read-images", "PolicyType": "Custom", "PolicyDocument": {"Version": "1", "Statement": [{"Action": ["oss:GetObject"], "Resource": "*", "Effect": "Allow"}]}}]"#
    )],
);

/// `role-resources`.
pub(crate) const ROLE_RESOURCES: RuleDoc = doc(
    "With a request: for each action, the allowing statements' Resource must cover what the disks read — the bucket (acs:oss:*:*:bucket) for bucket actions, each object (acs:oss:*:*:bucket/key) for oss:GetObject; a request whose disks cannot be read is a finding, never a pass.",
    "A policy that allows the action on another bucket or prefix still fails the import.",
    &[bundle!(
        "AliyunECSImageImportDefaultRole",
        ecs_trust!(),
        r#"[{"PolicyName": "read-images", "PolicyType": "Custom", "PolicyDocument": {"Version": "1", "Statement": [{"Action": ["oss:GetObject", "oss:GetBucketLocation"], "Resource": ["acs:oss:*:*:other-bucket", "acs:oss:*:*:other-bucket/*"], "Effect": "Allow"}]}}]"#
    )],
);

/// `policy-not-evaluated`.
pub(crate) const POLICY_NOT_EVALUATED: RuleDoc = doc(
    "A statement with Condition, NotAction, NotResource or NotPrincipal, or a system policy the profile does not list, is not evaluated offline.",
    "Its effect depends on facts the linter does not have; it is reported, never silently ignored, and does not count as an Allow.",
    &[bundle!(
        "AliyunECSImageImportDefaultRole",
        ecs_trust!(),
        r#"[{"PolicyName": "AliyunECSImageImportRolePolicy", "PolicyType": "System"}, {"PolicyName": "office-only", "PolicyDocument": {"Version": "1", "Statement": [{"Action": "oss:*", "Resource": "*", "Effect": "Deny", "Condition": {"NotIpAddress": {"acs:SourceIp": "10.0.0.0/8"}}}]}}]"#
    )],
);

/// The request that role examples are checked with.
pub(crate) const EXAMPLE_REQUEST: &str = GOOD;
