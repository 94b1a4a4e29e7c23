//! The role checks: its name, its trust policy, its permissions and, with a request, the
//! resources its disks read.

use std::borrow::Cow;

use super::policy::{covers_everything, document, resource_covers, statements, wildcard, Effect};
use super::RequestFacts;
use crate::diagnostic::{Data, Finding};
use crate::input::json_tree::{self, Node, NodeKind};
use crate::message::{Lang, Msg};
use crate::profile::{Profile, Resource};
use crate::report::{Effective, Report};
use crate::rule::Rule;
use crate::sink::Sink;
use crate::Options;

/// The evaluation of one bundle: where findings go, under which profile.
pub(crate) struct Eval {
    pub sink: Sink,
    pub profile: &'static Profile,
    pub lang: Lang,
    /// Where a finding about the bundle as a whole points: its `{`, or its Policies.
    pub fallback: Option<(usize, usize)>,
}

impl Eval {
    /// Records a finding about the bundle path `path`, pointing at `node`.
    pub(crate) fn push(
        &mut self,
        rule: Rule,
        path: &str,
        node: Option<&Node<'_>>,
        msg: Msg<'_>,
        help: Option<Msg<'_>>,
    ) {
        self.sink.push_lazy(rule, || {
            let mut f = Finding::new(rule, msg)
                .param(path.to_owned())
                .span(node.map(|n| n.span));
            if let Some(h) = help {
                f = f.help(h);
            }
            f
        });
    }
}

/// What one statement or system policy grants or denies.
struct Grant {
    path: String,
    effect: Effect,
    actions: Vec<String>,
    resources: Vec<String>,
    span: (usize, usize),
}

/// Lints a role bundle, and with a request also the resources its disks read.
pub(crate) fn lint(opts: &Options, bundle: &str, request: Option<&RequestFacts>) -> Report {
    let mut cx = Eval {
        sink: Sink::new(
            opts.profile,
            opts.lang,
            opts.max_diagnostics,
            &opts.severities,
        ),
        profile: opts.profile,
        lang: opts.lang,
        fallback: None,
    };
    match json_tree::parse(bundle) {
        Ok(root) => check(&mut cx, &root, request),
        Err(e) => cx.sink.push(*e),
    }
    crate::driver::finish(bundle, cx.sink, Effective::default())
}

fn check(cx: &mut Eval, root: &Node<'_>, request: Option<&RequestFacts>) {
    cx.fallback = Some((root.span.0, root.span.0 + 1));
    if !root.is_object() {
        cx.push(
            Rule::RoleBundle,
            "",
            Some(root),
            Msg::BundleType {
                found: root.json_type(),
            },
            Some(Msg::BundleHelp),
        );
        return;
    }
    let (role, prefix) = match root.get("Role") {
        Some(r) if r.is_object() => (r, "Role."),
        _ => (root, ""),
    };
    let rules = cx.profile.role;
    let expected = match (
        request.and_then(|r| r.role.as_deref()),
        rules.name_from_request,
    ) {
        (Some(r), true) => r.to_owned(),
        _ => rules.name.to_owned(),
    };
    name(cx, role, prefix, &expected, root);
    trust(cx, role, prefix);
    let grants = grants(cx, root);
    if let Some(p) = root.get("Policies") {
        cx.fallback = Some((p.span.0, p.span.0 + 1));
    }
    permissions(cx, &grants, request);
}

fn name(cx: &mut Eval, role: &Node<'_>, prefix: &str, expected: &str, root: &Node<'_>) {
    let path = format!("{prefix}RoleName");
    match role.get("RoleName") {
        Some(n) if n.str() == Some(expected) => {}
        Some(n) => {
            let got = n.str();
            let fixable =
                got.is_some_and(|s| s.eq_ignore_ascii_case(expected) || s.trim() == expected);
            cx.sink.push_lazy(Rule::RoleName, || {
                let mut f = Finding::new(
                    Rule::RoleName,
                    Msg::RoleNamed {
                        got,
                        found: n.json_type(),
                        expected,
                    },
                )
                .param(path.clone())
                .span(Some(n.span))
                .help(Msg::CreateRoleAs { expected })
                .data(Data {
                    value: got.map(str::to_owned),
                    expected: Some(expected.to_owned()),
                    ..Data::default()
                });
                if fixable {
                    f = f.fix(expected.to_owned());
                }
                f
            });
        }
        None => cx.push(
            Rule::RoleBundle,
            &path,
            Some(if role.span == root.span { root } else { role }),
            Msg::NoRoleName,
            Some(Msg::AddRoleName { expected }),
        ),
    }
}

fn trust(cx: &mut Eval, role: &Node<'_>, prefix: &str) {
    let rules = cx.profile.role;
    let path = format!("{prefix}AssumeRolePolicyDocument");
    let Some(node) = role.get("AssumeRolePolicyDocument") else {
        cx.push(
            Rule::RoleBundle,
            &path,
            Some(role),
            Msg::NoTrustPolicy,
            Some(Msg::NoTrustPolicyHelp),
        );
        return;
    };
    let Some(doc) = document(cx, &path, node) else {
        return;
    };
    let stmts = statements(cx, &path, doc.node(), true);
    let covers = |s: &&super::policy::Statement<'_>| {
        s.actions
            .iter()
            .any(|a| wildcard(a, rules.assume_action, true))
            && s.services
                .iter()
                .any(|sv| sv.eq_ignore_ascii_case(rules.service))
    };
    let deny = stmts
        .iter()
        .filter(|s| s.effect == Effect::Deny)
        .find(covers);
    let allow = stmts
        .iter()
        .filter(|s| s.effect == Effect::Allow)
        .find(covers);
    match (deny, allow) {
        (Some(d), _) => cx.push(
            Rule::RoleTrust,
            &d.path,
            Some(d.node),
            Msg::TrustDenied {
                path: Cow::Borrowed(&d.path),
                service: rules.service,
                action: rules.assume_action,
            },
            Some(Msg::RemoveDeny),
        ),
        (None, Some(_)) => {}
        (None, None) => cx.push(
            Rule::RoleTrust,
            &format!("{path}.Statement"),
            Some(doc.node()),
            Msg::TrustMissing,
            Some(Msg::TrustHelp {
                service: rules.service,
                action: rules.assume_action,
            }),
        ),
    }
}

/// Every grant of the bundle's policies: known system policies and custom statements.
fn grants(cx: &mut Eval, root: &Node<'_>) -> Vec<Grant> {
    let rules = cx.profile.role;
    let mut out = Vec::new();
    let items = match root.get("Policies") {
        None => return out,
        Some(Node {
            kind: NodeKind::Arr(items),
            ..
        }) => items,
        Some(other) => {
            cx.push(
                Rule::RoleBundle,
                "Policies",
                Some(other),
                Msg::PoliciesType {
                    found: other.json_type(),
                },
                None,
            );
            return out;
        }
    };
    for (i, pol) in items.iter().enumerate() {
        let path = format!("Policies[{i}]");
        let name = pol.get("PolicyName").and_then(Node::str);
        let kind = pol.get("PolicyType").and_then(Node::str);
        let system = kind.is_some_and(|k| k.eq_ignore_ascii_case("system"))
            || (kind.is_none() && pol.get("PolicyDocument").is_none());
        if system {
            match rules.system_policies.iter().find(|(n, _)| Some(*n) == name) {
                Some((_, actions)) => out.push(Grant {
                    path,
                    effect: Effect::Allow,
                    actions: actions.iter().map(|a| (*a).to_owned()).collect(),
                    resources: vec!["*".into()],
                    span: pol.span,
                }),
                None => cx.push(
                    Rule::PolicyNotEvaluated,
                    &path,
                    Some(pol),
                    Msg::UnknownSystemPolicy { name },
                    Some(Msg::UnknownSystemPolicyHelp {
                        system: rules.system_policy,
                    }),
                ),
            }
            continue;
        }
        let dpath = format!("{path}.PolicyDocument");
        let Some(docnode) = pol.get("PolicyDocument") else {
            cx.push(
                Rule::RoleBundle,
                &dpath,
                Some(pol),
                Msg::NoPolicyDocument {
                    path: Cow::Borrowed(&path),
                },
                None,
            );
            continue;
        };
        if let Some(doc) = document(cx, &dpath, docnode) {
            for st in statements(cx, &dpath, doc.node(), false) {
                out.push(Grant {
                    path: st.path.clone(),
                    effect: st.effect,
                    actions: st.actions.iter().map(|x| (*x).to_owned()).collect(),
                    resources: st.resources.iter().map(|x| (*x).to_owned()).collect(),
                    span: st.node.span,
                });
            }
        }
    }
    out
}

/// Every action the profile needs, on what the request's disks read (or on any resource
/// without a request).
fn permissions(cx: &mut Eval, grants: &[Grant], request: Option<&RequestFacts>) {
    let rules = cx.profile.role;
    if let Some(r) = request {
        if let Some(reason) = &r.error {
            cx.sink.push(
                Finding::new(
                    Rule::RoleResources,
                    Msg::RequestUnread {
                        reason: Cow::Borrowed(reason),
                    },
                )
                .param("Policies")
                .span(cx.fallback)
                .help(Msg::RequestUnreadHelp),
            );
        }
        for (n, bucket) in &r.unread {
            cx.sink.push(
                Finding::new(Rule::RoleResources, Msg::DiskUnread { n: *n, bucket })
                    .param("Policies")
                    .span(cx.fallback)
                    .help(Msg::DiskUnreadHelp),
            );
        }
    }
    let disks: &[(String, String)] = request.map_or(&[], |r| &r.disks);
    for &(action, needs) in rules.actions {
        let mut targets: Vec<Option<(&str, Option<&str>)>> = Vec::new();
        for (b, o) in disks {
            let item = Some((
                b.as_str(),
                (needs == Resource::Object).then_some(o.as_str()),
            ));
            if !targets.contains(&item) {
                targets.push(item);
            }
        }
        if targets.is_empty() {
            targets.push(None);
        }
        for target in targets {
            // Without a disk the resource is unknown: an Allow on any resource counts, and a
            // Deny counts only when it covers every bucket and object.
            let covers = |resources: &[String], deny: bool| match target {
                None => !deny || resources.iter().any(|r| covers_everything(r)),
                Some((b, k)) => resources.iter().any(|r| resource_covers(r, b, k)),
            };
            let acts = |g: &&Grant| g.actions.iter().any(|a| wildcard(a, action, true));
            if let Some(d) = grants
                .iter()
                .filter(|g| g.effect == Effect::Deny)
                .filter(acts)
                .find(|g| covers(&g.resources, true))
            {
                cx.sink.push(
                    Finding::new(
                        Rule::RolePermissions,
                        Msg::ActionDenied {
                            path: Cow::Borrowed(&d.path),
                            action,
                        },
                    )
                    .param(d.path.clone())
                    .span(Some(d.span))
                    .help(Msg::NarrowDeny { action }),
                );
                continue;
            }
            if grants
                .iter()
                .filter(|g| g.effect == Effect::Allow)
                .filter(acts)
                .any(|g| covers(&g.resources, false))
            {
                continue;
            }
            let resource: Option<String> = target.map(|(b, k)| match k {
                Some(k) => format!("acs:oss:*:*:{b}/{k}"),
                None => format!("acs:oss:*:*:{b}"),
            });
            let allowed_elsewhere = grants
                .iter()
                .filter(|g| g.effect == Effect::Allow)
                .any(|g| acts(&g));
            match resource {
                Some(res) if allowed_elsewhere => cx.sink.push(
                    Finding::new(
                        Rule::RoleResources,
                        Msg::ResourceMissing {
                            action,
                            resource: Cow::Owned(res.clone()),
                        },
                    )
                    .param("Policies")
                    .span(cx.fallback)
                    .help(Msg::AddResource {
                        action,
                        resource: Cow::Owned(res),
                    }),
                ),
                res => cx.sink.push(
                    Finding::new(
                        Rule::RolePermissions,
                        Msg::ActionMissing {
                            action,
                            resource: res.clone().map(Cow::Owned),
                        },
                    )
                    .param("Policies")
                    .span(cx.fallback)
                    .help(Msg::GrantAction {
                        action,
                        system: rules.system_policy,
                        resource: Cow::Owned(res.unwrap_or_else(|| "*".to_owned())),
                    }),
                ),
            }
        }
    }
}
