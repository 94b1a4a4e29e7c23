//! RAM's policy language as the checks need it: documents given as objects or JSON
//! strings, statements, `*` and `?` wildcards, and OSS resource names.

use std::borrow::Cow;

use super::check::Eval;
use crate::input::json_tree::{self, Node, NodeKind};
use crate::message::{JsonType, Msg};
use crate::rule::Rule;

/// `*` and `?` wildcards; `fold` compares without regard to ASCII case.
pub(crate) fn wildcard(pattern: &str, text: &str, fold: bool) -> bool {
    let norm = |s: &str| -> Vec<char> {
        if fold {
            s.chars().map(|c| c.to_ascii_lowercase()).collect()
        } else {
            s.chars().collect()
        }
    };
    let (p, t) = (norm(pattern), norm(text));
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
pub(crate) fn resource_covers(pattern: &str, bucket: &str, key: Option<&str>) -> bool {
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
pub(crate) fn covers_everything(pattern: &str) -> bool {
    pattern == "*"
        || pattern
            .splitn(5, ':')
            .nth(4)
            .is_some_and(|rel| rel.chars().all(|c| c == '*'))
            && resource_covers(pattern, "b", None)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effect {
    Allow,
    Deny,
}

/// One statement that can be evaluated.
pub(crate) struct Statement<'n> {
    pub path: String,
    pub node: &'n Node<'n>,
    pub effect: Effect,
    pub actions: Vec<&'n str>,
    pub resources: Vec<&'n str>,
    pub services: Vec<&'n str>,
}

/// A document given as an object, or as a JSON string holding one.
pub(crate) enum Doc<'a> {
    Node(&'a Node<'a>),
    Parsed(Box<Node<'static>>),
}

impl<'a> Doc<'a> {
    pub(crate) fn node(&self) -> &Node<'_> {
        match self {
            Doc::Node(n) => n,
            Doc::Parsed(n) => n,
        }
    }
}

/// The document at `node`: an object, or a JSON string holding one (its spans then point
/// at the string).
pub(crate) fn document<'a>(cx: &mut Eval, path: &str, node: &'a Node<'a>) -> Option<Doc<'a>> {
    match &node.kind {
        NodeKind::Obj(_) => Some(Doc::Node(node)),
        NodeKind::Str(text) => match json_tree::parse(text) {
            Ok(inner) if inner.is_object() => {
                let mut inner = inner.into_owned();
                inner.respan(node.span);
                Some(Doc::Parsed(Box::new(inner)))
            }
            Ok(inner) => not_a_document(cx, path, node, inner.json_type(), false),
            Err(e) => {
                let error = e.msg.render(cx.lang);
                cx.push(
                    Rule::RoleBundle,
                    path,
                    Some(node),
                    Msg::DocumentNotJson {
                        path: Cow::Borrowed(path),
                        error,
                    },
                    Some(Msg::DocumentNotJsonHelp),
                );
                None
            }
        },
        _ => not_a_document(cx, path, node, node.json_type(), true),
    }
}

/// A `role-bundle` finding: the value at `path` is no policy document.
fn not_a_document<'a>(
    cx: &mut Eval,
    path: &str,
    node: &Node<'_>,
    found: JsonType,
    string_ok: bool,
) -> Option<Doc<'a>> {
    let msg = Msg::DocumentType {
        path: Cow::Borrowed(path),
        found,
        string_ok,
    };
    cx.push(Rule::RoleBundle, path, Some(node), msg, None);
    None
}

/// A `policy-syntax` finding: the object at `path` has no `member`.
fn missing(cx: &mut Eval, path: &str, node: &Node<'_>, member: &'static str) {
    cx.push(
        Rule::PolicySyntax,
        &format!("{path}.{member}"),
        Some(node),
        Msg::NoMemberIn {
            path: Cow::Borrowed(path),
            member,
        },
        Some(Msg::AddMember { member }),
    );
}

/// A string or a list of strings; anything else is a `policy-syntax` error.
fn strings<'n>(cx: &mut Eval, path: &str, node: &'n Node<'n>) -> Vec<&'n str> {
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
                Msg::StringsExpected {
                    path: Cow::Borrowed(path),
                    found: node.json_type(),
                },
                None,
            );
            Vec::new()
        }
    }
}

/// The statements of a policy document that can be evaluated. A trust policy's
/// statements need no Resource.
pub(crate) fn statements<'n>(
    cx: &mut Eval,
    path: &str,
    doc: &'n Node<'n>,
    trust: bool,
) -> Vec<Statement<'n>> {
    let member = |m: &str| format!("{path}.{m}");
    match doc.get("Version") {
        Some(v) if v.str() == Some("1") => {}
        Some(v) => cx.push(
            Rule::PolicySyntax,
            &member("Version"),
            Some(v),
            Msg::PolicyVersion {
                path: Cow::Borrowed(path),
                value: v.str(),
                found: v.json_type(),
            },
            Some(Msg::WriteVersion),
        ),
        None => missing(cx, path, doc, "Version"),
    }
    let list: Vec<(String, &Node<'_>)> = match doc.get("Statement") {
        None => {
            missing(cx, path, doc, "Statement");
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
        Some(s) if s.is_object() => vec![(member("Statement"), s)],
        Some(other) => {
            cx.push(
                Rule::PolicySyntax,
                &member("Statement"),
                Some(other),
                Msg::StatementList {
                    path: Cow::Borrowed(path),
                    found: other.json_type(),
                },
                None,
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (spath, s) in list {
        if !s.is_object() {
            cx.push(
                Rule::PolicySyntax,
                &spath,
                Some(s),
                Msg::StatementObject {
                    path: Cow::Borrowed(&spath),
                    found: s.json_type(),
                },
                None,
            );
            continue;
        }
        let effect = match s.get("Effect").map(|e| (e, e.str())) {
            Some((_, Some(e))) if e.eq_ignore_ascii_case("allow") => Effect::Allow,
            Some((_, Some(e))) if e.eq_ignore_ascii_case("deny") => Effect::Deny,
            Some((node, value)) => {
                cx.push(
                    Rule::PolicySyntax,
                    &format!("{spath}.Effect"),
                    Some(node),
                    Msg::BadEffect {
                        path: Cow::Borrowed(&spath),
                        value,
                        found: node.json_type(),
                    },
                    None,
                );
                continue;
            }
            None => {
                missing(cx, &spath, s, "Effect");
                continue;
            }
        };
        let unevaluated: Vec<&'static str> =
            ["Condition", "NotAction", "NotResource", "NotPrincipal"]
                .into_iter()
                .filter(|k| s.get(k).is_some())
                .collect();
        if !unevaluated.is_empty() {
            cx.push(
                Rule::PolicyNotEvaluated,
                &spath,
                Some(s),
                Msg::NotEvaluated {
                    path: Cow::Borrowed(&spath),
                    keys: unevaluated,
                },
                Some(Msg::NotEvaluatedHelp),
            );
            continue;
        }
        let actions = match s.get("Action") {
            Some(a) => strings(cx, &format!("{spath}.Action"), a),
            None => {
                missing(cx, &spath, s, "Action");
                continue;
            }
        };
        let resources = match s.get("Resource") {
            Some(r) => strings(cx, &format!("{spath}.Resource"), r),
            None if trust => Vec::new(),
            None => {
                missing(cx, &spath, s, "Resource");
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
        assert!(covers_everything("acs:oss:*:*:*") && !covers_everything("acs:oss:*:*:b*"));
    }
}
