//! Shell scripts: every `aliyun ecs ImportImage` (and `aliyun ecs import-image`) command,
//! read into the request the aliyun CLI sends, with the span of each value.
//!
//! Words are split as bash splits them (`shell_lex`). The words after `aliyun` are then
//! read as aliyun-cli's own parser reads them (cli/parser.go, cli/flag.go, cli/context.go,
//! openapi/rpc.go, openapi/invoker.go of github.com/aliyun/aliyun-cli):
//!
//! - flags may come anywhere: before the product, between product and API, after it;
//! - `--name value`, `--name=value` and `--name:value` (the first `=` or `:` splits); a
//!   word starting with `-` is a flag, never a value, except one starting with `---`;
//! - the CLI's own flags ([`GLOBAL_FLAGS`]) take no value, one value, an optional value or
//!   every value up to the next flag; every other `--Name` is an API parameter;
//! - the two words left are the product (any letter case) and the API;
//! - RegionId is the `--region` flag's value, else the `--RegionId` flag's, else the
//!   profile's (unknown here);
//! - an API parameter that ImportImage does not have makes the CLI refuse the command,
//!   unless `--force` is given (then it is sent as written); so do a flag given twice, a
//!   flag without its value, and a third word;
//! - `--Name-FILE path` sends the file's content (not known here).
//!
//! The kebab-case form the CLI's product plugins take (`aliyun ecs import-image
//! --image-name …`) is read by matching each flag to the API name it spells; its structured
//! flags (`--disk-device-mapping`, `--tag`, `--features`) are not read (a note).

use std::borrow::Cow;

use super::shell_lex::{lex, Word};
use super::{Entry, Name, Parsed, Suppression, Unknown, Value};
use crate::diagnostic::Finding;
use crate::mask::{self, Written};
use crate::message::Msg;
use crate::profile::CURRENT;

/// How a CLI flag takes values (cli/flag.go, `AssignedMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Takes {
    /// `AssignedNone`: a switch.
    Nothing,
    /// `AssignedOnce`: exactly one value.
    One,
    /// `AssignedDefault`: one value or none.
    Optional,
    /// `AssignedRepeatable`: every value up to the next flag.
    Many,
}

/// The aliyun CLI's own flags and how each takes values: config/flags.go `AddFlags`,
/// openapi/flags.go `AddFlags`, openapi/pager.go `PagerFlag`, openapi/waiter.go
/// `WaiterFlag`, openapi/output_filter.go `NewOutputFlag`, cli/context.go `NewHelpFlag`;
/// aliases (`retry-timeout`, `log_level`) included.
const GLOBAL_FLAGS: &[(&str, Takes)] = &[
    ("mode", Takes::Optional),
    ("profile", Takes::Optional),
    ("language", Takes::One),
    ("region", Takes::One),
    ("RegionId", Takes::One),
    ("config-path", Takes::One),
    ("access-key-id", Takes::One),
    ("access-key-secret", Takes::One),
    ("sts-token", Takes::One),
    ("sts-region", Takes::One),
    ("sts-endpoint", Takes::One),
    ("ram-role-name", Takes::One),
    ("ram-role-arn", Takes::One),
    ("source-profile", Takes::One),
    ("role-session-name", Takes::One),
    ("external-id", Takes::One),
    ("private-key", Takes::One),
    ("key-pair-name", Takes::One),
    ("read-timeout", Takes::One),
    ("retry-timeout", Takes::One),
    ("connect-timeout", Takes::One),
    ("retry-count", Takes::One),
    ("skip-secure-verify", Takes::Nothing),
    ("expired-seconds", Takes::One),
    ("process-command", Takes::One),
    ("oidc-provider-arn", Takes::One),
    ("oidc-token-file", Takes::One),
    ("cloud-sso-sign-in-url", Takes::One),
    ("cloud-sso-access-config", Takes::One),
    ("cloud-sso-account-id", Takes::One),
    ("oauth-site-type", Takes::One),
    ("endpoint-type", Takes::One),
    ("endpoint", Takes::One),
    ("external-account-type", Takes::One),
    ("auto-plugin-install", Takes::One),
    ("auto-plugin-install-enable-pre", Takes::One),
    ("bearer-token", Takes::One),
    ("bearer-token-header-key", Takes::One),
    ("secure", Takes::Nothing),
    ("insecure", Takes::Nothing),
    ("force", Takes::Nothing),
    ("version", Takes::One),
    ("header", Takes::Many),
    ("body", Takes::One),
    ("body-file", Takes::One),
    ("pager", Takes::Many),
    ("accept", Takes::One),
    ("output", Takes::Many),
    ("waiter", Takes::Many),
    ("dryrun", Takes::Nothing),
    ("cli-dry-run", Takes::Nothing),
    ("cli-dry-run-json", Takes::Nothing),
    ("estimate-cost", Takes::Nothing),
    ("estimate-cost-context", Takes::Many),
    ("quiet", Takes::Nothing),
    ("log-level", Takes::One),
    ("log_level", Takes::One),
    ("yes", Takes::Nothing),
    ("cli-query", Takes::One),
    ("roa", Takes::One),
    ("method", Takes::One),
    ("user-agent", Takes::One),
    ("cli-ai-mode", Takes::Nothing),
    ("no-cli-ai-mode", Takes::Nothing),
    ("help", Takes::Nothing),
];

/// The CLI's one-letter flags: `-p` (profile), `-e` (endpoint), `-o` (output), `-y`
/// (yes), `-q` (quiet).
const SHORTHANDS: &[(char, &str)] = &[
    ('p', "profile"),
    ('e', "endpoint"),
    ('o', "output"),
    ('y', "yes"),
    ('q', "quiet"),
];

/// Parameters the CLI's API metadata does not list for ImportImage: the RPC common
/// parameters and credentials, which the SDK fills in itself.
const NOT_IN_METADATA: &[&str] = &[
    "Action",
    "Format",
    "Version",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureType",
    "SignatureNonce",
    "Timestamp",
    "AccessKeyId",
    "Signature",
    "SecurityToken",
    "BearerToken",
    "AccessKeySecret",
    "Authorization",
];

/// One `aliyun ecs ImportImage` command: where `aliyun … ImportImage` is written, and the
/// request it sends.
pub(crate) struct Command<'a> {
    pub header: (usize, usize),
    pub parsed: Parsed<'a>,
}

/// A flag as the CLI's parser met it, with the values it took.
struct Flag<'w> {
    name: String,
    word: &'w Word,
    global: Option<Takes>,
    values: Vec<Val>,
}

/// A value as written: its text, span, and whether it is known before the script runs.
#[derive(Clone)]
struct Val {
    text: String,
    span: (usize, usize),
    literal: bool,
}

impl Val {
    fn of(w: &Word) -> Val {
        Val {
            text: w.text.clone(),
            span: w.span,
            literal: w.literal,
        }
    }
}

/// Whether a word runs the aliyun CLI (`aliyun`, or a path to it).
fn is_aliyun(w: &Word) -> bool {
    w.literal && (w.text == "aliyun" || w.text.ends_with("/aliyun"))
}

/// Reads every `aliyun ecs ImportImage` command of a script.
pub(crate) fn read(src: &str) -> Result<Vec<Command<'_>>, Box<Finding<'static>>> {
    let script = lex(src)?;
    let mut suppressions =
        super::comments::suppressions(src, &script.comments, src.len(), |l| l.starts_with('#'));
    // "The next line" is the next command line, with its `\` continuations.
    for s in &mut suppressions {
        if let Some((_, end)) = s.range.as_mut() {
            while src[..*end].trim_end_matches(['\n', '\r']).ends_with('\\') && *end < src.len() {
                *end = src[*end..].find('\n').map_or(src.len(), |i| *end + i + 1);
            }
        }
    }
    let mut out = Vec::new();
    let mut extents = Vec::new();
    for words in &script.commands {
        let Some(at) = words.iter().position(is_aliyun) else {
            continue;
        };
        if !runs_its_arguments(words, at) {
            continue;
        }
        if let Some(parsed) = command(src, words, at) {
            extents.push((words[0].span.0, words[words.len() - 1].span.1));
            out.push(parsed);
        }
    }
    assign_suppressions(&mut out, &extents, suppressions);
    literal_secrets(src, &mut out, &extents);
    Ok(out)
}

/// Gives each command the suppressions that cover the whole file or reach into it.
fn assign_suppressions(out: &mut [Command<'_>], extents: &[(usize, usize)], all: Vec<Suppression>) {
    let (whole, mut ranged): (Vec<_>, Vec<_>) = all.into_iter().partition(|s| s.range.is_none());
    ranged.sort_by_key(|s| s.range.map(|r| r.0));
    for c in out.iter_mut() {
        c.parsed.suppressions.extend(whole.iter().cloned());
    }
    for s in ranged {
        let Some((a, b)) = s.range else { continue };
        // Commands are in the order they start; those overlapping a..b follow the first
        // that ends after a (nested substitutions aside, which the walk also visits).
        let first = extents.partition_point(|&(_, end)| end <= a);
        for (i, &(start, end)) in extents.iter().enumerate().skip(first.saturating_sub(1)) {
            if start >= b {
                break;
            }
            if end > a {
                out[i].parsed.suppressions.push(s.clone());
            }
        }
    }
}

/// A credential written as a literal anywhere in the script (a CLI flag, a variable):
/// a `credential-in-request` warning on the command it belongs to, else on the first
/// command. API-parameter spellings (`--AccessKeySecret`) are the request check's.
fn literal_secrets(src: &str, out: &mut [Command<'_>], extents: &[(usize, usize)]) {
    if out.is_empty() {
        return;
    }
    for s in mask::secrets(src) {
        let name = &src[s.name.clone()];
        let api = name
            .strip_prefix("--")
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_uppercase()));
        if s.written != Written::Literal || api {
            continue;
        }
        let at = s.name.start;
        let owner = extents
            .iter()
            .rposition(|&(a, b)| a <= at && at < b)
            .unwrap_or(0);
        out[owner]
            .parsed
            .notes
            .push(mask::literal_finding(name, s.value));
    }
}

/// Commands that print or search their arguments rather than run them: `aliyun` among
/// their arguments is text (`echo "Run:" aliyun ecs ImportImage …`), not a command.
const NOT_RUNNING: &[&str] = &[
    "echo", "printf", "cat", "grep", "egrep", "fgrep", "sed", "awk", "test", "[", ":", "true",
    "false", "which", "type", "man", "read", "local", "declare", "export",
];

/// Whether the command whose words are `words` runs `aliyun` (at `at`): it does unless the
/// command itself (its first word after `VAR=value` assignments) only prints, searches or
/// declares its arguments.
fn runs_its_arguments(words: &[Word], at: usize) -> bool {
    let first = words[..at]
        .iter()
        .find(|w| !(w.literal && is_assignment(&w.text)));
    !first.is_some_and(|w| {
        let name = w.text.rsplit('/').next().unwrap_or(&w.text);
        NOT_RUNNING.contains(&name)
    })
}

/// Whether a word is a shell assignment (`NAME=value`).
fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty()
            && !name.starts_with(|c: char| c.is_ascii_digit())
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    })
}

/// The replacement string of `xargs -I R` (`-i`, `--replace`), `find … -exec`, or GNU
/// `parallel` running the command, if one does: words holding it are not literal.
fn placeholder(before: &[Word]) -> Option<String> {
    let mut found = None;
    for (i, w) in before.iter().enumerate() {
        let t = w.text.as_str();
        if t == "xargs" || t.ends_with("/xargs") {
            for (j, o) in before.iter().enumerate().skip(i + 1) {
                let o = o.text.as_str();
                if o == "-I" {
                    found = before.get(j + 1).map(|n| n.text.clone());
                } else if let Some(r) = o.strip_prefix("-I") {
                    found = Some(r.to_owned());
                } else if o == "-i" || o == "--replace" {
                    found = Some("{}".to_owned());
                } else if let Some(r) = o.strip_prefix("--replace=").or(o.strip_prefix("-i")) {
                    found = Some(r.to_owned());
                }
            }
        } else if matches!(t, "-exec" | "-execdir" | "-ok" | "-okdir") {
            found = Some("{}".to_owned());
        } else if t == "parallel" || t.ends_with("/parallel") {
            found = Some("{".to_owned());
        }
    }
    found.filter(|r| !r.is_empty())
}

/// The request of one command, when it is `aliyun … ecs … ImportImage …`.
fn command<'a>(src: &'a str, words: &[Word], at: usize) -> Option<Command<'a>> {
    let placeholder = placeholder(&words[..at]);
    let args: Vec<Word> = words[at + 1..]
        .iter()
        .map(|w| {
            let mut w = w.clone();
            if placeholder.as_deref().is_some_and(|p| w.text.contains(p)) {
                w.literal = false;
            }
            w
        })
        .collect();
    let mut refusals: Vec<(Msg<'static>, (usize, usize))> = Vec::new();
    let (flags, positionals) = parse(src, &args, &mut refusals);
    let (product, api) = (positionals.first()?, positionals.get(1)?);
    let kebab = api.text == "import-image";
    let is_import = product.literal
        && api.literal
        && product.text.eq_ignore_ascii_case("ecs")
        && (api.text == "ImportImage" || kebab);
    if !is_import
        || positionals.iter().any(|p| p.literal && p.text == "help")
        || flags.iter().any(|f| f.global.is_some() && f.name == "help")
    {
        return None;
    }
    if let Some(extra) = positionals.get(2) {
        refusals.push((
            Msg::CliExtraArgument {
                word: Cow::Owned(extra.text.clone()),
            },
            extra.span,
        ));
    }
    let header = (words[at].span.0, api.span.1);
    let mut parsed = Parsed {
        root: Some(header),
        ..Parsed::default()
    };
    let mut unknown = Unknown::default();
    let force = flags
        .iter()
        .any(|f| f.global.is_some() && f.name == "force");
    for f in flags.iter().filter(|f| f.global.is_none()) {
        let (name, from_file) = match f.name.strip_suffix("-FILE") {
            Some(n) => (n.to_owned(), true),
            None => (f.name.clone(), false),
        };
        let name = if kebab { api_name(&name) } else { name };
        let value = f.values.first().cloned().unwrap_or(Val {
            text: String::new(),
            span: f.word.span,
            literal: true,
        });
        let cli_knows = CURRENT.knows(&name) && !NOT_IN_METADATA.contains(&name.as_str());
        if !(kebab || force || cli_knows) {
            refusals.push((
                Msg::CliUnknownParameter {
                    name: Cow::Owned(name.clone()),
                },
                f.word.span,
            ));
        }
        let structured = kebab && (CURRENT.family(&name).is_some() || name == "Features");
        if from_file || !value.literal || structured {
            let expr = &src[value.span.0.min(src.len())..value.span.1.min(src.len())];
            unknown.value(&mut parsed, name, expr, Some(value.span));
            continue;
        }
        parsed.entries.push(Entry {
            name: Name::flat(name),
            value: Value::Str(Cow::Owned(value.text)),
            key_span: Some(f.word.span),
            value_span: Some(value.span),
        });
    }
    region(src, &flags, header, &mut parsed, &mut unknown);
    unknown.finish(&mut parsed);
    for (msg, span) in refusals {
        let param = match &msg {
            Msg::CliUnknownParameter { name } => Some(name.clone()),
            _ => None,
        };
        let mut f = Finding::invalid_input(msg, span).help(Msg::CliRefusesHelp);
        if let Some(p) = param {
            f = f.param(p);
        }
        parsed.notes.push(f);
    }
    Some(Command { header, parsed })
}

/// RegionId as the CLI sets it (openapi/invoker.go `Init`): `--region`, else `--RegionId`,
/// else the profile's, which is not known here.
fn region<'a>(
    src: &'a str,
    flags: &[Flag<'_>],
    header: (usize, usize),
    parsed: &mut Parsed<'a>,
    unknown: &mut Unknown,
) {
    let given = |n: &str| {
        flags
            .iter()
            .find(|f| f.global.is_some() && f.name == n)
            .and_then(|f| f.values.first().cloned())
    };
    match given("region").or_else(|| given("RegionId")) {
        Some(v) if v.literal => parsed.entries.push(Entry {
            name: Name::flat("RegionId"),
            value: Value::Str(Cow::Owned(v.text)),
            key_span: Some(v.span),
            value_span: Some(v.span),
        }),
        Some(v) => unknown.value(
            parsed,
            "RegionId".to_owned(),
            &src[v.span.0..v.span.1],
            Some(v.span),
        ),
        None if !unknown.has("RegionId")
            && !parsed.entries.iter().any(|e| e.name.head == "RegionId") =>
        {
            unknown.region(parsed, header)
        }
        None => {}
    }
}

/// The API name a plugin's kebab-case flag spells (`image-name` → `ImageName`,
/// `os-type` → `OSType`, `disk-device-mapping` → `DiskDeviceMapping`), or the flag itself.
fn api_name(flag: &str) -> String {
    let key: String = flag
        .chars()
        .filter(|c| *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    CURRENT
        .params
        .iter()
        .map(|p| p.family().or(p.group()).unwrap_or(p.name()))
        .chain(["RegionId"])
        .find(|n| n.to_ascii_lowercase() == key)
        .map_or_else(|| flag.to_owned(), str::to_owned)
}

/// Splits the words after `aliyun` as the CLI's parser does (cli/parser.go `readNext`,
/// `parseCommandArg`): flags with the values they take, and the positional words. What
/// the CLI refuses is added to `refusals`.
fn parse<'w>(
    src: &str,
    args: &'w [Word],
    refusals: &mut Vec<(Msg<'static>, (usize, usize))>,
) -> (Vec<Flag<'w>>, Vec<&'w Word>) {
    let mut flags: Vec<Flag<'w>> = Vec::new();
    let mut positionals = Vec::new();
    // The flag waiting for its value, by index.
    let mut open: Option<usize> = None;
    let close = |flags: &Vec<Flag<'w>>, open: &mut Option<usize>, refusals: &mut Vec<_>| {
        if let Some(i) = open.take() {
            let f: &Flag<'_> = &flags[i];
            if f.global == Some(Takes::One) && f.values.is_empty() {
                refusals.push((
                    Msg::CliMissingValue {
                        flag: Cow::Owned(format!("--{}", f.name)),
                    },
                    f.word.span,
                ));
            }
        }
    };
    for w in args {
        // cli/parser.go `SplitStringWithPrefix(s, "=:")`.
        let (prefix, inline) = match w.text.find(['=', ':']) {
            Some(i) if w.literal => (&w.text[..i], Some(&w.text[i + 1..])),
            _ => (w.text.as_str(), None),
        };
        let flag_name = if !w.literal || !prefix.starts_with('-') || prefix.starts_with("---") {
            None
        } else if let Some(n) = prefix.strip_prefix("--") {
            if n.is_empty() {
                refusals.push((Msg::CliDoubleDash, w.span));
                close(&flags, &mut open, refusals);
                continue;
            }
            Some(n.to_owned())
        } else if prefix.chars().count() == 2 {
            let c = prefix.chars().nth(1).unwrap_or('-');
            Some(
                SHORTHANDS
                    .iter()
                    .find(|s| s.0 == c)
                    .map_or_else(|| c.to_string(), |s| s.1.to_owned()),
            )
        } else {
            // `-abc`: the root command allows unknown flags, so the word is dropped.
            continue;
        };
        let Some(name) = flag_name else {
            // A value: the open flag's, else a positional word.
            match open {
                Some(i) => {
                    flags[i].values.push(Val::of(w));
                    if flags[i].global != Some(Takes::Many) {
                        open = None;
                    }
                }
                // A word computed when the script runs (`$OPTS`) may be flags or nothing:
                // it is no positional word the CLI can be said to refuse.
                None if w.literal => positionals.push(w),
                None => {}
            }
            continue;
        };
        close(&flags, &mut open, refusals);
        let global = GLOBAL_FLAGS.iter().find(|g| g.0 == name).map(|g| g.1);
        if global.is_some()
            && flags.iter().any(|f| f.global.is_some() && f.name == name)
            && global != Some(Takes::Many)
        {
            refusals.push((
                Msg::CliDuplicated {
                    flag: Cow::Owned(format!("--{name}")),
                },
                w.span,
            ));
        }
        let mut flag = Flag {
            name,
            word: w,
            global,
            values: Vec::new(),
        };
        match inline.filter(|v| !v.is_empty()) {
            Some(_) if global == Some(Takes::Nothing) => refusals.push((
                Msg::CliNoValue {
                    flag: Cow::Owned(format!("--{}", flag.name)),
                },
                w.span,
            )),
            Some(v) => flag.values.push(Val {
                text: v.to_owned(),
                span: inline_span(src, w, prefix),
                literal: w.literal,
            }),
            None => {}
        }
        let waits = match global {
            Some(Takes::Nothing) => false,
            Some(Takes::Many) => true,
            _ => flag.values.is_empty(),
        };
        flags.push(flag);
        if waits {
            open = Some(flags.len() - 1);
        }
    }
    close(&flags, &mut open, refusals);
    (flags, positionals)
}

/// The span of the value of `--name=value` (or `--name:value`): after the separator when
/// the word is written that way, else the whole word.
fn inline_span(src: &str, w: &Word, prefix: &str) -> (usize, usize) {
    let len = prefix.len() + 1;
    // Only a word written exactly as its text up to the separator can be split.
    match src.get(w.span.0..w.span.1) {
        Some(raw) if raw.len() > len && w.text.get(..len) == raw.get(..len) => {
            (w.span.0 + len, w.span.1)
        }
        _ => w.span,
    }
}
