//! The RAM role of an import, checked offline from documents the user already has: the
//! role's name, its trust policy, and whether its policies let ECS read the image from OSS.
//!
//! A role bundle is a JSON object: `RoleName`, `AssumeRolePolicyDocument` (an object, or a
//! JSON string as RAM's GetRole returns it) and `Policies`, each a system policy by name or
//! a custom one with its `PolicyDocument`. The raw output of GetRole (`{"Role": {…}}`) is
//! read for the name and trust policy. Policy language as RAM uses it: `Version` "1",
//! `Statement` as a list or one object, `Effect` Allow/Deny, `Action` and `Resource` as a
//! string or list, `*` and `?` wildcards, action names compared without regard to case, an
//! explicit Deny beating any Allow.

use std::borrow::Cow;

use super::{Rule, RuleMeta, Subject};
use crate::input::json::{parse_tree, Node, NodeKind};
use crate::lint::{diag, finish, Sink};
use crate::profile::{Profile, Resource};
use crate::report::{Data, Effective, Report, Severity};
use crate::text::show;
use crate::Linter;

macro_rules! bundle {
    ($name:literal, $trust:literal, $policies:literal) => {
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

#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
const GOOD_BUNDLE: &str = bundle!(
    "AliyunECSImageImportDefaultRole",
    r#"{"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": ["ecs.aliyuncs.com"]}}], "Version": "1"}"#,
    r#"[{"PolicyName": "AliyunECSImageImportRolePolicy", "PolicyType": "System"}]"#
);

const fn meta(
    id: &'static str,
    severity: Severity,
    summary: &'static str,
    why: &'static str,
    bad: &'static [&'static str],
) -> RuleMeta {
    RuleMeta {
        id,
        severity,
        summary,
        why,
        bad,
        good: examples![GOOD_BUNDLE],
        subject: Subject::Role,
        example_profile: "2019-01",
    }
}

/// `role-bundle`.
pub const ROLE_BUNDLE: RuleMeta = meta(
    "role-bundle",
    Severity::Error,
    "A role bundle or one of its documents is malformed: not an object, a missing RoleName, trust policy or policy document, or a document that is not JSON.",
    "Nothing can be checked about a role whose documents cannot be read.",
    examples![r#"{"RoleName": "AliyunECSImageImportDefaultRole", "AssumeRolePolicyDocument": "{not json", "Policies": []}"#],
);

/// `policy-syntax`.
pub const POLICY_SYNTAX: RuleMeta = meta(
    "policy-syntax",
    Severity::Error,
    "A policy document breaks RAM's policy language: Version must be \"1\", Statement a list or an object, Effect Allow or Deny, Action and Resource strings or lists of strings.",
    "RAM refuses such a policy, or reads it differently from what was meant.",
    examples![bundle!(
        "AliyunECSImageImportDefaultRole",
        r#"{"Statement": [{"Action": "sts:AssumeRole", "Effect": "Permit", "Principal": {"Service": "ecs.aliyuncs.com"}}], "Version": "1"}"#,
        r#"[{"PolicyName": "AliyunECSImageImportRolePolicy", "PolicyType": "System"}]"#
    )],
);

/// `role-name`.
pub const ROLE_NAME: RuleMeta = meta(
    "role-name",
    Severity::Error,
    "The role must be named exactly AliyunECSImageImportDefaultRole (in the current API, or the role the request's RoleName names).",
    "The service assumes the role by that name; an import with a role of any other name fails after the upload.",
    examples![bundle!("AliyunECSImageImportRole", r#"{"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": ["ecs.aliyuncs.com"]}}], "Version": "1"}"#, r#"[{"PolicyName": "AliyunECSImageImportRolePolicy", "PolicyType": "System"}]"#)],
);

/// `role-trust`.
pub const ROLE_TRUST: RuleMeta = meta(
    "role-trust",
    Severity::Error,
    "The trust policy must have an Allow statement whose Action covers sts:AssumeRole and whose Principal Service includes ecs.aliyuncs.com, and no Deny of it.",
    "Without it ECS cannot assume the role, so it cannot read the image from OSS.",
    examples![bundle!("AliyunECSImageImportDefaultRole", r#"{"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": ["oss.aliyuncs.com"]}}], "Version": "1"}"#, r#"[{"PolicyName": "AliyunECSImageImportRolePolicy", "PolicyType": "System"}]"#)],
);

/// `role-permissions`.
pub const ROLE_PERMISSIONS: RuleMeta = meta(
    "role-permissions",
    Severity::Error,
    "The role's policies must allow oss:GetObject and oss:GetBucketLocation (and oss:GetBucketInfo in the current API): the system policy AliyunECSImageImportRolePolicy, or custom statements; an explicit Deny beats any Allow.",
    "ECS reads the image with the role's permissions; a missing one fails the import after the upload, with an error far from its cause.",
    examples![bundle!("AliyunECSImageImportDefaultRole", r#"{"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": ["ecs.aliyuncs.com"]}}], "Version": "1"}"#, r#"[{"PolicyName": "read-images", "PolicyType": "Custom", "PolicyDocument": {"Version": "1", "Statement": [{"Action": ["oss:GetObject"], "Resource": "*", "Effect": "Allow"}]}}]"#)],
);

/// `role-resources`.
pub const ROLE_RESOURCES: RuleMeta = meta(
    "role-resources",
    Severity::Error,
    "With a request: for each action, the allowing statements' Resource must cover what the disks read — the bucket (acs:oss:*:*:bucket) for bucket actions, each object (acs:oss:*:*:bucket/key) for oss:GetObject.",
    "A policy that allows the action on another bucket or prefix still fails the import.",
    examples![bundle!("AliyunECSImageImportDefaultRole", r#"{"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": ["ecs.aliyuncs.com"]}}], "Version": "1"}"#, r#"[{"PolicyName": "read-images", "PolicyType": "Custom", "PolicyDocument": {"Version": "1", "Statement": [{"Action": ["oss:GetObject", "oss:GetBucketLocation"], "Resource": ["acs:oss:*:*:other-bucket", "acs:oss:*:*:other-bucket/*"], "Effect": "Allow"}]}}]"#)],
);

/// `policy-not-evaluated`.
pub const POLICY_NOT_EVALUATED: RuleMeta = meta(
    "policy-not-evaluated",
    Severity::Warning,
    "A statement with Condition, NotAction or NotResource, or a system policy this linter does not know, is not evaluated offline.",
    "Its effect depends on facts the linter does not have; it is reported, never silently ignored, and does not count as an Allow.",
    examples![bundle!("AliyunECSImageImportDefaultRole", r#"{"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": ["ecs.aliyuncs.com"]}}], "Version": "1"}"#, r#"[{"PolicyName": "AliyunECSImageImportRolePolicy", "PolicyType": "System"}, {"PolicyName": "office-only", "PolicyDocument": {"Version": "1", "Statement": [{"Action": "oss:*", "Resource": "*", "Effect": "Deny", "Condition": {"NotIpAddress": {"acs:SourceIp": "10.0.0.0/8"}}}]}}]"#)],
);

/// System policies whose grants are known offline: name, actions, resource.
const SYSTEM_POLICIES: &[(&str, &[&str])] = &[
    (
        "AliyunECSImageImportRolePolicy",
        &[
            "oss:GetObject",
            "oss:GetBucketLocation",
            "oss:GetBucketInfo",
        ],
    ),
    ("AliyunOSSFullAccess", &["oss:*"]),
    ("AliyunOSSReadOnlyAccess", &["oss:Get*", "oss:List*"]),
];

/// `*` and `?` wildcards; `fold` compares without regard to ASCII case.
pub(crate) fn wildcard(pattern: &str, text: &str, fold: bool) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = if fold {
        (
            pattern.chars().map(|c| c.to_ascii_lowercase()).collect(),
            text.chars().map(|c| c.to_ascii_lowercase()).collect(),
        )
    } else {
        (pattern.chars().collect(), text.chars().collect())
    };
    // Iterative matching with backtracking to the last `*`: linear-time in practice.
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Whether a Resource pattern covers an OSS resource. OSS names carry no region or account
/// that can be checked offline, so those two fields of the pattern are not compared.
fn resource_covers(pattern: &str, bucket: &str, key: Option<&str>) -> bool {
    if pattern == "*" {
        return true;
    }
    let parts: Vec<&str> = pattern.splitn(5, ':').collect();
    let [acs, service, _region, _account, relative] = parts.as_slice() else {
        return false;
    };
    let target = match key {
        Some(k) => format!("{bucket}/{k}"),
        None => bucket.to_owned(),
    };
    wildcard(acs, "acs", true)
        && wildcard(service, "oss", true)
        && wildcard(relative, &target, false)
}

/// Whether a Resource pattern covers every OSS bucket and object (`*`, `acs:oss:*:*:*`).
fn covers_everything(pattern: &str) -> bool {
    pattern == "*"
        || pattern
            .splitn(5, ':')
            .nth(4)
            .is_some_and(|rel| rel.chars().all(|c| c == '*'))
            && resource_covers(pattern, "b", None)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    Allow,
    Deny,
}

/// What one statement or system policy grants or denies.
struct Grant {
    path: String,
    effect: Effect,
    actions: Vec<String>,
    resources: Vec<String>,
    span: (usize, usize),
}

/// One statement that can be evaluated.
struct Statement<'n> {
    path: String,
    node: &'n Node<'n>,
    effect: Effect,
    actions: Vec<&'n str>,
    resources: Vec<&'n str>,
    services: Vec<&'n str>,
}

struct Ctx<'o> {
    sink: Sink<'o>,
    profile: &'static Profile,
}

impl Ctx<'_> {
    fn push(
        &mut self,
        rule: Rule,
        path: &str,
        node: Option<&Node<'_>>,
        message: String,
        help: Option<String>,
    ) {
        let mut d = diag(rule, message).param(path).span(node.map(|n| n.span));
        if let Some(h) = help {
            d = d.help(h);
        }
        self.sink.push(d);
    }
}

/// A document given as an object, or as a JSON string holding one.
enum Doc<'a> {
    Node(&'a Node<'a>),
    Parsed(Box<Node<'a>>),
}

impl<'a> Doc<'a> {
    fn node(&self) -> &Node<'a> {
        match self {
            Doc::Node(n) => n,
            Doc::Parsed(n) => n,
        }
    }
}

fn document<'a>(cx: &mut Ctx<'_>, path: &str, node: &'a Node<'a>) -> Option<Doc<'a>> {
    match &node.kind {
        NodeKind::Obj(_) => Some(Doc::Node(node)),
        NodeKind::Str(text) => {
            // The embedded document's spans point into the string; map them to the string.
            match parse_tree(text) {
                Ok(inner) if matches!(inner.kind, NodeKind::Obj(_)) => {
                    let mut inner = into_owned(inner);
                    inner.respan(node.span);
                    Some(Doc::Parsed(Box::new(inner)))
                }
                Ok(inner) => {
                    cx.push(
                        Rule::RoleBundle,
                        path,
                        Some(node),
                        format!(
                            "{path} holds {}, but a policy document is a JSON object",
                            inner.type_name()
                        ),
                        None,
                    );
                    None
                }
                Err(e) => {
                    cx.push(Rule::RoleBundle, path, Some(node), format!("{path} is a string that is not JSON: {}", e.message), Some("a policy document written as a string must hold JSON, as RAM's GetRole returns it".into()));
                    None
                }
            }
        }
        _ => {
            cx.push(
                Rule::RoleBundle,
                path,
                Some(node),
                format!(
                    "{path} is {}, but a policy document is an object or a JSON string",
                    node.type_name()
                ),
                None,
            );
            None
        }
    }
}

/// A tree that owns its strings, so that it may outlive the text it was read from.
fn into_owned(n: Node<'_>) -> Node<'static> {
    let kind = match n.kind {
        NodeKind::Null => NodeKind::Null,
        NodeKind::Bool(b) => NodeKind::Bool(b),
        NodeKind::Num(s) => NodeKind::Str(Cow::Owned(s.to_owned())),
        NodeKind::Str(s) => NodeKind::Str(Cow::Owned(s.into_owned())),
        NodeKind::Arr(items) => NodeKind::Arr(items.into_iter().map(into_owned).collect()),
        NodeKind::Obj(m) => NodeKind::Obj(
            m.into_iter()
                .map(|(k, v)| (Cow::Owned(k.into_owned()), into_owned(v)))
                .collect(),
        ),
    };
    Node { kind, span: n.span }
}

/// A string or a list of strings; anything else is a `policy-syntax` error.
fn strings<'n>(cx: &mut Ctx<'_>, path: &str, node: &'n Node<'n>) -> Vec<&'n str> {
    match &node.kind {
        NodeKind::Str(s) => vec![s.as_ref()],
        NodeKind::Arr(items) if items.iter().all(|i| i.str().is_some()) => {
            items.iter().filter_map(Node::str).collect()
        }
        _ => {
            cx.push(
                Rule::PolicySyntax,
                path,
                Some(node),
                format!(
                    "{path} must be a string or a list of strings, not {}",
                    node.type_name()
                ),
                None,
            );
            Vec::new()
        }
    }
}

/// The statements of a policy document that can be evaluated.
fn statements<'n>(
    cx: &mut Ctx<'_>,
    path: &str,
    doc: &'n Node<'n>,
    trust: bool,
) -> Vec<Statement<'n>> {
    match doc.get("Version") {
        Some(v) if v.str() == Some("1") => {}
        Some(v) => cx.push(
            Rule::PolicySyntax,
            &format!("{path}.Version"),
            Some(v),
            format!(
                "{path}.Version must be \"1\"; it is {}",
                v.str().map_or_else(|| v.type_name().to_owned(), show)
            ),
            Some("write \"Version\": \"1\"".into()),
        ),
        None => cx.push(
            Rule::PolicySyntax,
            &format!("{path}.Version"),
            Some(doc),
            format!("{path} has no Version"),
            Some("add \"Version\": \"1\"".into()),
        ),
    }
    let list: Vec<(String, &Node<'_>)> = match doc.get("Statement") {
        None => {
            cx.push(
                Rule::PolicySyntax,
                &format!("{path}.Statement"),
                Some(doc),
                format!("{path} has no Statement"),
                Some(
                    "add \"Statement\": [{\"Effect\": \"Allow\", \"Action\": …, \"Resource\": …}]"
                        .into(),
                ),
            );
            return Vec::new();
        }
        Some(Node {
            kind: NodeKind::Arr(items),
            ..
        }) => items
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("{path}.Statement[{i}]"), s))
            .collect(),
        Some(
            s @ Node {
                kind: NodeKind::Obj(_),
                ..
            },
        ) => vec![(format!("{path}.Statement"), s)],
        Some(other) => {
            cx.push(
                Rule::PolicySyntax,
                &format!("{path}.Statement"),
                Some(other),
                format!(
                    "{path}.Statement must be a list of statements or one statement, not {}",
                    other.type_name()
                ),
                None,
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (spath, s) in list {
        if !matches!(s.kind, NodeKind::Obj(_)) {
            cx.push(
                Rule::PolicySyntax,
                &spath,
                Some(s),
                format!("{spath} must be an object, not {}", s.type_name()),
                None,
            );
            continue;
        }
        let effect = match s.get("Effect").map(|e| (e, e.str())) {
            Some((_, Some(e))) if e.eq_ignore_ascii_case("allow") => Effect::Allow,
            Some((_, Some(e))) if e.eq_ignore_ascii_case("deny") => Effect::Deny,
            Some((node, _)) => {
                cx.push(
                    Rule::PolicySyntax,
                    &format!("{spath}.Effect"),
                    Some(node),
                    format!(
                        "{spath}.Effect must be Allow or Deny; it is {}",
                        node.str().map_or_else(|| node.type_name().to_owned(), show)
                    ),
                    None,
                );
                continue;
            }
            None => {
                cx.push(
                    Rule::PolicySyntax,
                    &format!("{spath}.Effect"),
                    Some(s),
                    format!("{spath} has no Effect"),
                    Some("add \"Effect\": \"Allow\"".into()),
                );
                continue;
            }
        };
        let unevaluated: Vec<&str> = ["Condition", "NotAction", "NotResource", "NotPrincipal"]
            .into_iter()
            .filter(|k| s.get(k).is_some())
            .collect();
        if !unevaluated.is_empty() {
            cx.push(
                Rule::PolicyNotEvaluated,
                &spath,
                Some(s),
                format!("{spath} has {}, which cannot be evaluated offline; the statement is not counted", unevaluated.join(" and ")),
                Some("make sure it does not block ECS; an unconditional statement can be checked here".into()),
            );
            continue;
        }
        let actions = match s.get("Action") {
            Some(a) => strings(cx, &format!("{spath}.Action"), a),
            None => {
                cx.push(
                    Rule::PolicySyntax,
                    &format!("{spath}.Action"),
                    Some(s),
                    format!("{spath} has no Action"),
                    None,
                );
                continue;
            }
        };
        let resources = match s.get("Resource") {
            Some(r) => strings(cx, &format!("{spath}.Resource"), r),
            None if trust => Vec::new(),
            None => {
                cx.push(
                    Rule::PolicySyntax,
                    &format!("{spath}.Resource"),
                    Some(s),
                    format!("{spath} has no Resource"),
                    Some("add \"Resource\": \"*\" or the buckets and objects it covers".into()),
                );
                continue;
            }
        };
        let services = match s.get("Principal").and_then(|p| p.get("Service")) {
            Some(sv) => strings(cx, &format!("{spath}.Principal.Service"), sv),
            None => Vec::new(),
        };
        out.push(Statement {
            path: spath,
            node: s,
            effect,
            actions,
            resources,
            services,
        });
    }
    out
}

/// What the disks of a request read: (bucket, key) pairs, and the request's RoleName.
fn request_facts(linter: &Linter, request: &str) -> (Vec<(String, String)>, Option<String>) {
    let report = linter.lint_str(request);
    let mut disks = Vec::new();
    for n in 1..=17 {
        let get = |f: &str| {
            report
                .effective
                .get(&format!("DiskDeviceMapping.{n}.{f}"))
                .and_then(|v| v.value)
                .map(str::to_owned)
        };
        // A disk whose bucket or key OSS cannot have is the request's problem, reported by
        // `importimage-lint` on the request itself; the role is checked for the others.
        if let (Some(b), Some(o)) = (get("OSSBucket"), get("OSSObject")) {
            if super::oss::bucket_name_ok(&b) && !o.starts_with(['/', '\\']) {
                disks.push((b, o));
            }
        }
    }
    let role = report
        .effective
        .get("RoleName")
        .and_then(|v| v.value)
        .map(str::to_owned);
    (disks, role)
}

/// Lints a role bundle, and with a request also the resources its disks read.
pub(crate) fn lint(linter: &Linter, bundle: &str, request: Option<&str>) -> Report {
    let opts = linter.options();
    let mut cx = Ctx {
        sink: Sink::new(opts),
        profile: opts.profile,
    };
    let root = match parse_tree(bundle) {
        Ok(r) => r,
        Err(e) => {
            cx.sink.push(*e);
            return finish(bundle, cx.sink, Effective::default());
        }
    };
    check(&mut cx, linter, &root, request);
    finish(bundle, cx.sink, Effective::default())
}

fn check(cx: &mut Ctx<'_>, linter: &Linter, root: &Node<'_>, request: Option<&str>) {
    if !matches!(root.kind, NodeKind::Obj(_)) {
        cx.push(
            Rule::RoleBundle,
            "",
            Some(root),
            format!("a role bundle is a JSON object, not {}", root.type_name()),
            Some("see examples/import-role.json".into()),
        );
        return;
    }
    let (role, prefix) = match root.get("Role") {
        Some(
            r @ Node {
                kind: NodeKind::Obj(_),
                ..
            },
        ) => (r, "Role."),
        _ => (root, ""),
    };
    let (disks, request_role) = request
        .map(|r| request_facts(linter, r))
        .unwrap_or_default();
    let rules = &cx.profile.role;
    let expected = match (&request_role, rules.name_from_request) {
        (Some(r), true) => r.clone(),
        _ => rules.name.to_owned(),
    };
    let name_path = format!("{prefix}RoleName");
    match role.get("RoleName") {
        Some(n) if n.str() == Some(expected.as_str()) => {}
        Some(n) => {
            let got = n.str().map_or_else(|| n.type_name().to_owned(), show);
            let mut d = diag(
                Rule::RoleName,
                format!("the role is named {got}, but the import uses a role named {expected}"),
            )
            .param(name_path.as_str())
            .span(Some(n.span))
            .help(format!(
                "create the role as {expected} (the name must match exactly)"
            ))
            .data(Data {
                value: n.str().map(str::to_owned),
                expected: Some(expected.clone()),
                ..Data::default()
            });
            if n.str()
                .is_some_and(|s| s.eq_ignore_ascii_case(&expected) || s.trim() == expected)
            {
                d = d.fix(expected.clone());
            }
            cx.sink.push(d);
        }
        None => cx.push(
            Rule::RoleBundle,
            &name_path,
            Some(role),
            "the bundle has no RoleName".into(),
            Some(format!("add \"RoleName\": \"{expected}\"")),
        ),
    }

    // Trust policy.
    let trust_path = format!("{prefix}AssumeRolePolicyDocument");
    match role.get("AssumeRolePolicyDocument") {
        None => cx.push(
            Rule::RoleBundle,
            &trust_path,
            Some(role),
            "the bundle has no AssumeRolePolicyDocument (the trust policy)".into(),
            Some("add the role's trust policy, as GetRole returns it".into()),
        ),
        Some(node) => {
            if let Some(doc) = document(cx, &trust_path, node) {
                let stmts = statements(cx, &trust_path, doc.node(), true);
                let covers = |s: &Statement<'_>| {
                    s.actions
                        .iter()
                        .any(|a| wildcard(a, "sts:AssumeRole", true))
                        && s.services
                            .iter()
                            .any(|sv| sv.eq_ignore_ascii_case("ecs.aliyuncs.com"))
                };
                let deny = stmts.iter().find(|s| s.effect == Effect::Deny && covers(s));
                let allow = stmts
                    .iter()
                    .find(|s| s.effect == Effect::Allow && covers(s));
                match (deny, allow) {
                    (Some(d), _) => cx.push(Rule::RoleTrust, &d.path, Some(d.node), format!("{} denies ecs.aliyuncs.com the sts:AssumeRole action, which beats any Allow", d.path), Some("remove the Deny statement".into())),
                    (None, Some(_)) => {}
                    (None, None) => cx.push(
                        Rule::RoleTrust,
                        &format!("{trust_path}.Statement"),
                        Some(doc.node()),
                        "the trust policy does not let ECS assume the role".into(),
                        Some("add {\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", \"Principal\": {\"Service\": [\"ecs.aliyuncs.com\"]}}".into()),
                    ),
                }
            }
        }
    }

    // Permissions.
    let mut grants: Vec<Grant> = Vec::new();
    match root.get("Policies") {
        None => {}
        Some(Node {
            kind: NodeKind::Arr(items),
            ..
        }) => {
            for (i, pol) in items.iter().enumerate() {
                let path = format!("Policies[{i}]");
                let name = pol.get("PolicyName").and_then(Node::str);
                let kind = pol.get("PolicyType").and_then(Node::str);
                let system = kind.is_some_and(|k| k.eq_ignore_ascii_case("system"))
                    || (kind.is_none() && pol.get("PolicyDocument").is_none());
                if system {
                    match SYSTEM_POLICIES.iter().find(|(n, _)| Some(*n) == name) {
                        Some((_, actions)) => grants.push(Grant {
                            path: path.clone(),
                            effect: Effect::Allow,
                            actions: actions.iter().map(|a| (*a).to_owned()).collect(),
                            resources: vec!["*".into()],
                            span: pol.span,
                        }),
                        None => cx.push(
                            Rule::PolicyNotEvaluated,
                            &path,
                            Some(pol),
                            format!("the system policy {} is not known offline; its permissions are not counted", name.map_or_else(|| "without a PolicyName".into(), show)),
                            Some("attach AliyunECSImageImportRolePolicy, or give a custom policy's PolicyDocument".into()),
                        ),
                    }
                    continue;
                }
                let Some(docnode) = pol.get("PolicyDocument") else {
                    cx.push(
                        Rule::RoleBundle,
                        &format!("{path}.PolicyDocument"),
                        Some(pol),
                        format!("{path} is a custom policy without its PolicyDocument"),
                        None,
                    );
                    continue;
                };
                let dpath = format!("{path}.PolicyDocument");
                if let Some(doc) = document(cx, &dpath, docnode) {
                    let stmts = statements(cx, &dpath, doc.node(), false);
                    grants.extend(stmts.iter().map(|st| Grant {
                        path: st.path.clone(),
                        effect: st.effect,
                        actions: st.actions.iter().map(|x| (*x).to_owned()).collect(),
                        resources: st.resources.iter().map(|x| (*x).to_owned()).collect(),
                        span: st.node.span,
                    }));
                }
            }
        }
        Some(other) => cx.push(
            Rule::RoleBundle,
            "Policies",
            Some(other),
            format!(
                "Policies must be a list of policies, not {}",
                other.type_name()
            ),
            None,
        ),
    }
    let all: Vec<&Grant> = grants.iter().collect();
    for &(action, needs) in rules.actions {
        let targets: Vec<Option<(String, Option<String>)>> = if disks.is_empty() {
            vec![None]
        } else {
            let mut t: Vec<Option<(String, Option<String>)>> = Vec::new();
            for (b, o) in &disks {
                let item = match needs {
                    Resource::Bucket => Some((b.clone(), None)),
                    Resource::Object => Some((b.clone(), Some(o.clone()))),
                };
                if !t.contains(&item) {
                    t.push(item);
                }
            }
            t
        };
        for target in targets {
            // Without a request the resource is unknown: an Allow on any resource counts, and a
            // Deny counts only when it covers every bucket and object.
            let covers = |resources: &[String], deny: bool| match &target {
                None => !deny || resources.iter().any(|r| covers_everything(r)),
                Some((b, k)) => resources
                    .iter()
                    .any(|r| resource_covers(r, b, k.as_deref())),
            };
            let acts = |s: &&Grant| s.actions.iter().any(|a| wildcard(a, action, true));
            if let Some(d) = all
                .iter()
                .find(|s| s.effect == Effect::Deny && acts(s) && covers(&s.resources, true))
            {
                let mut diag = diag(
                    Rule::RolePermissions,
                    format!("{} denies {action}, which beats any Allow", d.path),
                )
                .param(d.path.as_str())
                .help(format!(
                    "remove {action} from the Deny statement, or narrow its Resource"
                ));
                diag = diag.span(Some(d.span));
                cx.sink.push(diag);
                continue;
            }
            if all
                .iter()
                .any(|s| s.effect == Effect::Allow && acts(s) && covers(&s.resources, false))
            {
                continue;
            }
            let what = match &target {
                None => String::new(),
                Some((b, None)) => format!(" on acs:oss:*:*:{b}"),
                Some((b, Some(k))) => format!(" on acs:oss:*:*:{b}/{k}"),
            };
            let resource = match &target {
                None => "\"*\"".to_owned(),
                Some((b, None)) => format!("\"acs:oss:*:*:{b}\""),
                Some((b, Some(k))) => format!("\"acs:oss:*:*:{b}/{k}\""),
            };
            if target.is_some() && all.iter().any(|s| s.effect == Effect::Allow && acts(s)) {
                cx.sink.push(
                    diag(Rule::RoleResources, format!("the role allows {action}, but not{what}, which the request's disks read"))
                        .param("Policies")
                        .help(format!("add {resource} to the Resource of the statement that allows {action}")),
                );
            } else {
                cx.sink.push(
                    diag(Rule::RolePermissions, format!("no policy of the role allows {action}{what}"))
                        .param("Policies")
                        .help(format!(
                            "attach the system policy {}, or add {{\"Effect\": \"Allow\", \"Action\": [\"{action}\"], \"Resource\": {resource}}} to a custom policy",
                            rules.system_policy
                        )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(wildcard("oss:Get*", "oss:GetObject", true));
        assert!(wildcard("OSS:GETOBJECT", "oss:GetObject", true));
        assert!(wildcard("*", "oss:GetObject", true));
        assert!(wildcard("oss:Get?bject", "oss:GetObject", true));
        assert!(!wildcard("oss:Put*", "oss:GetObject", true));
        assert!(!wildcard("Images/*", "images/a.raw", false));
        assert!(wildcard("a*b*c", "aXXbYYc", false));
        assert!(!wildcard("a*b*c", "aXXbYY", false));
    }

    #[test]
    fn resources() {
        assert!(resource_covers(
            "acs:oss:*:*:ecsimageos/*",
            "ecsimageos",
            Some("a.raw")
        ));
        assert!(resource_covers(
            "acs:oss:*:1234:ecsimageos",
            "ecsimageos",
            None
        ));
        assert!(!resource_covers(
            "acs:oss:*:*:ecsimageos",
            "ecsimageos",
            Some("a.raw")
        ));
        assert!(!resource_covers(
            "acs:ecs:*:*:ecsimageos",
            "ecsimageos",
            None
        ));
        assert!(resource_covers("*", "b", None));
    }
}
