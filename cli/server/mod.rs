//! `importimage-lint server`: the Language Server Protocol over standard input and output.
//!
//! A loop over messages (rust-analyzer's `lsp-server` does the framing and the handshake).
//! Each open document is linted through the same library calls as the command line — a
//! request file (JSON or query) with `Linter::lint_str`, a `.tf` file, a shell script or any
//! other host `embedding_host` recognises with `Linter::lint_embedded` — with the linter the
//! command line would use for that path (its `importimage-lint.toml`, then the server's
//! settings). Changes are linted after a short pause (a burst of keystrokes is linted once,
//! the pending lint of an older version is dropped), and diagnostics carry the version they
//! were computed for. Positions are converted once, in [`convert`].

mod convert;
mod locate;

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use importimage_lint::embedded::{Context, Embedded, Host, Providers};
use importimage_lint::profile::{self, Kind, Param, Profile};
use importimage_lint::{Lang, Linter, Report, Rule};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::{json, Value};

use crate::args::ServerArgs;
use crate::commands::{lint as cli_lint, Flags, OK, TROUBLE};
use crate::files::{self, Source};
use crate::settings::Linters;
use convert::Lines;
use locate::{Place, Step};

/// How long the server waits after a change before linting: a burst of keystrokes is
/// linted once, at its end.
const PAUSE: Duration = Duration::from_millis(150);

/// The server's settings: the command line's, then `initializationOptions` (or a
/// `workspace/didChangeConfiguration`), each field optional.
#[derive(Debug, Default, Clone)]
struct Settings {
    profile: Option<&'static Profile>,
    lang: Option<Lang>,
    config: Option<PathBuf>,
    select: Vec<Rule>,
    ignore: Vec<Rule>,
}

impl Settings {
    /// Reads `{"profile", "lang", "config", "select", "ignore"}`; what it cannot use is
    /// returned as a sentence for the user.
    fn read(&mut self, v: &Value) -> Vec<String> {
        let mut problems = Vec::new();
        let v = v.get("importimage-lint").unwrap_or(v);
        if let Some(p) = v.get("profile").and_then(Value::as_str) {
            match crate::commands::profile_by_id(p) {
                Ok(p) => self.profile = Some(p),
                Err(e) => problems.push(e),
            }
        }
        if let Some(l) = v.get("lang").and_then(Value::as_str) {
            match crate::ui::lang_of_tag(l) {
                Some(l) => self.lang = Some(l),
                None => {
                    problems.push(crate::ui::Problem::UnknownLang { tag: l }.say(crate::ui::lang()))
                }
            }
        }
        if let Some(c) = v.get("config").and_then(Value::as_str) {
            self.config = Some(PathBuf::from(c));
        }
        for (key, into) in [("select", &mut self.select), ("ignore", &mut self.ignore)] {
            if let Some(ids) = v.get(key).and_then(Value::as_array) {
                into.clear();
                for id in ids.iter().filter_map(Value::as_str) {
                    match Rule::from_id(id) {
                        Some(r) => into.push(r),
                        None => problems.push(format!(
                            "{key}{}{}",
                            crate::ui::words(crate::ui::lang()).colon,
                            crate::commands::unknown_rule(id)
                        )),
                    }
                }
            }
        }
        problems
    }

    /// These settings, with what the command line says winning.
    fn under(mut self, command_line: &Settings) -> Settings {
        self.profile = command_line.profile.or(self.profile);
        self.lang = command_line.lang.or(self.lang);
        self
    }
}

/// The language a client's locale names (`zh-CN`, `zh-cn`, `zh-Hans`, `en-US`).
fn locale_lang(locale: &str) -> Option<Lang> {
    Lang::parse(locale).or_else(|| {
        let l = locale.to_ascii_lowercase();
        if l.starts_with("zh") {
            Lang::parse("zh-CN")
        } else if l.starts_with("en") {
            Lang::parse("en")
        } else {
            None
        }
    })
}

/// What a document was linted into.
#[derive(Clone)]
enum Linted {
    /// Not a request file nor a file that holds requests: nothing is said about it.
    Nothing,
    /// A request file.
    Request(Report),
    /// A file of another language, with the requests it holds.
    Embedded(Host, Context, Vec<Embedded>),
    /// Its configuration file cannot be used.
    Config(String),
}

struct Doc {
    uri: lsp::Uri,
    text: String,
    version: i32,
    /// When a change is to be linted; `None` when the last lint is current.
    due: Option<Instant>,
    /// The last lint, of `version`.
    linted: Option<(Linter, Linted)>,
}

struct Server {
    conn: Connection,
    docs: HashMap<String, Doc>,
    linters: Linters,
    base: Settings,
    settings: Settings,
    locale: Option<Lang>,
}

/// A file path from a `file:` URI (percent-decoded), if it is one.
fn uri_path(uri: &lsp::Uri) -> Option<PathBuf> {
    let s = uri.as_str().strip_prefix("file://")?;
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    Some(PathBuf::from(String::from_utf8(out).ok()?))
}

pub(crate) fn run(args: ServerArgs) -> io::Result<i32> {
    let mut base = Settings {
        lang: args.lang,
        ..Settings::default()
    };
    if let Some(p) = &args.profile {
        match crate::commands::profile_by_id(p) {
            Ok(p) => base.profile = Some(p),
            Err(e) => return crate::commands::usage(e),
        }
    }
    let (conn, threads) = Connection::stdio();
    let capabilities = lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::FULL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::SOURCE_FIX_ALL,
                ]),
                ..Default::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), ".".into(), "&".into(), "=".into()]),
            ..Default::default()
        }),
        ..Default::default()
    };
    let info = json!({
        "capabilities": capabilities,
        "serverInfo": {"name": "importimage-lint", "version": env!("CARGO_PKG_VERSION")},
    });
    let params = match conn.initialize_start() {
        Ok((id, params)) => {
            conn.initialize_finish(id, info)
                .map_err(|e| io::Error::other(e.to_string()))?;
            params
        }
        Err(e) => {
            eprintln!("importimage-lint server: {e}");
            return Ok(TROUBLE);
        }
    };
    let init: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let mut server = Server {
        conn,
        docs: HashMap::new(),
        linters: Linters::new(None, no_flags()),
        settings: base.clone(),
        base,
        locale: init.locale.as_deref().and_then(locale_lang),
    };
    if let Some(options) = &init.initialization_options {
        let problems = server.settings.read(options);
        server.warn(&problems);
        server.settings = server.settings.clone().under(&server.base);
    }
    server.rebuild();
    let code = server.serve();
    drop(server);
    threads
        .join()
        .map_err(|e| io::Error::other(e.to_string()))?;
    code
}

fn no_flags() -> Flags {
    Flags {
        profile: None,
        select: Vec::new(),
        ignore: Vec::new(),
        lang: None,
    }
}

impl Server {
    fn send(&self, m: impl Into<Message>) {
        let _ = self.conn.sender.send(m.into());
    }

    fn notify<N: lsp::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_owned(), params));
    }

    fn warn(&self, problems: &[String]) {
        if !problems.is_empty() {
            self.notify::<lsp::notification::ShowMessage>(lsp::ShowMessageParams {
                typ: lsp::MessageType::WARNING,
                message: format!(
                    "{}{}",
                    crate::ui::me(),
                    problems.join(if crate::ui::lang() == Lang::ZhCn {
                        "；"
                    } else {
                        "; "
                    })
                ),
            });
        }
    }

    /// The linters again from the settings (configuration files are read anew), and every
    /// open document linted again.
    fn rebuild(&mut self) {
        let s = &self.settings;
        let flags = Flags {
            profile: s.profile,
            select: s.select.clone(),
            ignore: s.ignore.clone(),
            lang: s.lang,
        };
        self.linters = Linters::new(s.config.clone(), flags).with_default_lang(self.locale);
        let now = Instant::now();
        for d in self.docs.values_mut() {
            d.due = Some(now);
        }
    }

    fn serve(&mut self) -> io::Result<i32> {
        loop {
            let now = Instant::now();
            let next = self.docs.values().filter_map(|d| d.due).min();
            let wait = next.map_or(Duration::from_secs(3600), |t| {
                t.saturating_duration_since(now)
            });
            match self.conn.receiver.recv_timeout(wait) {
                Ok(Message::Request(req)) => {
                    match self.conn.handle_shutdown(&req) {
                        Ok(true) => return Ok(OK),
                        Ok(false) => {}
                        Err(_) => return Ok(TROUBLE),
                    }
                    let response = self.request(req);
                    self.send(response);
                }
                Ok(Message::Notification(n)) => {
                    // `exit` before `shutdown`: the protocol asks for exit code 1.
                    if n.method == "exit" {
                        return Ok(1);
                    }
                    self.notification(n);
                }
                Ok(Message::Response(_)) => {}
                Err(crossbeam_timeout) if crossbeam_timeout.is_timeout() => {}
                Err(_) => return Ok(TROUBLE),
            }
            self.lint_due();
        }
    }

    /// Lints every document whose pause is over, and publishes its diagnostics.
    fn lint_due(&mut self) {
        let now = Instant::now();
        let due: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.due.is_some_and(|t| t <= now))
            .map(|(k, _)| k.clone())
            .collect();
        for key in due {
            self.lint(&key);
        }
    }

    /// Lints one document now (if it changed since its last lint) and publishes.
    fn lint(&mut self, key: &str) {
        let Some(doc) = self.docs.get(key) else {
            return;
        };
        if doc.due.is_none() && doc.linted.is_some() {
            return;
        }
        let (uri, text, version) = (doc.uri.clone(), doc.text.clone(), doc.version);
        let path = uri_path(&uri).unwrap_or_else(|| PathBuf::from(uri.path().as_str()));
        let linted = self.lint_text(&path, &text);
        let diagnostics = match &linted {
            Some((linter, l)) => diagnostics(&uri, &text, l, linter.options().lang),
            None => Vec::new(),
        };
        let Some(doc) = self.docs.get_mut(key) else {
            return;
        };
        // A newer version arrived meanwhile: this result is stale, the next lint publishes.
        if doc.version != version {
            return;
        }
        doc.due = None;
        doc.linted = linted;
        self.notify::<lsp::notification::PublishDiagnostics>(lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: Some(version),
        });
    }

    /// What the command line would report for a file at `path` holding `text`.
    fn lint_text(&mut self, path: &Path, text: &str) -> Option<(Linter, Linted)> {
        let src = Source::File(path.to_path_buf());
        let name = path.file_name()?.to_string_lossy().into_owned();
        let linter = match self.linters.for_source(&src) {
            Ok(l) => l.clone(),
            Err(e) => return Some((Linter::default(), Linted::Config(e.to_string()))),
        };
        let linted = if let Some(host) = cli_lint::embedding_host(&src, text.as_bytes()) {
            // An override file is merged into its module's resources, as the command line
            // merges it: it holds no request of its own.
            if !host.may_hold_request(text)
                || (host == Host::Terraform && cli_lint::is_override(&name))
            {
                Linted::Nothing
            } else {
                let mut providers = Providers::read(text);
                let mut overrides = Vec::new();
                if host == Host::Terraform {
                    let dir = path.parent().unwrap_or(Path::new("."));
                    // The module's other files as saved; this one as typed.
                    let mut module = cli_lint::module_providers(dir);
                    module.merge(providers);
                    providers = module;
                    overrides = cli_lint::module_overrides(dir);
                }
                let cx = Context::with_providers(providers).with_overrides(overrides);
                let mut found = linter.lint_embedded(text, host, &cx);
                for e in &mut found {
                    crate::ui::add_profile_hints(&mut e.report);
                }
                Linted::Embedded(host, cx, found)
            }
        } else if files::is_request_file(&name) {
            let mut report = linter.lint_str(text);
            crate::ui::add_profile_hints(&mut report);
            Linted::Request(report)
        } else {
            Linted::Nothing
        };
        Some((linter, linted))
    }

    fn notification(&mut self, n: Notification) {
        use lsp::notification::*;
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params) {
                    let key = p.text_document.uri.as_str().to_owned();
                    self.docs.insert(
                        key,
                        Doc {
                            uri: p.text_document.uri,
                            text: p.text_document.text,
                            version: p.text_document.version,
                            due: Some(Instant::now()),
                            linted: None,
                        },
                    );
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                {
                    let key = p.text_document.uri.as_str();
                    if let Some(doc) = self.docs.get_mut(key) {
                        // An older version arriving late is dropped.
                        if p.text_document.version <= doc.version {
                            return;
                        }
                        for change in p.content_changes {
                            match change.range {
                                None => doc.text = change.text,
                                Some(r) => {
                                    let lines = Lines::new(&doc.text);
                                    let (a, b) = (lines.offset(r.start), lines.offset(r.end));
                                    doc.text.replace_range(a..b.max(a), &change.text);
                                }
                            }
                        }
                        doc.version = p.text_document.version;
                        doc.due = Some(Instant::now() + PAUSE);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params) {
                    if self.docs.remove(p.text_document.uri.as_str()).is_some() {
                        self.notify::<PublishDiagnostics>(lsp::PublishDiagnosticsParams {
                            uri: p.text_document.uri,
                            diagnostics: Vec::new(),
                            version: None,
                        });
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidSaveTextDocumentParams>(n.params) {
                    // A configuration file, or a .tf file whose provider others read.
                    let path = uri_path(&p.text_document.uri).unwrap_or_default();
                    let name = path.file_name().unwrap_or_default().to_string_lossy();
                    if name == importimage_lint::config::CONFIG_FILE || name.ends_with(".tf") {
                        self.rebuild();
                    }
                }
            }
            DidChangeWatchedFiles::METHOD => self.rebuild(),
            DidChangeConfiguration::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeConfigurationParams>(n.params)
                {
                    // Keys the client leaves out keep their value.
                    let mut s = self.settings.clone();
                    let problems = s.read(&p.settings);
                    self.warn(&problems);
                    self.settings = s.under(&self.base);
                    self.rebuild();
                }
            }
            _ => {}
        }
    }

    fn request(&mut self, req: Request) -> Response {
        use lsp::request::*;
        let id = req.id.clone();
        let result = match req.method.as_str() {
            CodeActionRequest::METHOD => serde_json::from_value(req.params)
                .map(|p| serde_json::to_value(self.code_actions(p)).unwrap_or(Value::Null)),
            HoverRequest::METHOD => serde_json::from_value(req.params)
                .map(|p| serde_json::to_value(self.hover(p)).unwrap_or(Value::Null)),
            Completion::METHOD => serde_json::from_value(req.params)
                .map(|p| serde_json::to_value(self.complete(p)).unwrap_or(Value::Null)),
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("importimage-lint does not answer {}", req.method),
                )
            }
        };
        match result {
            Ok(v) => Response::new_ok(id, v),
            Err(e) => bad_params(id, &e),
        }
    }

    /// The document, linted as it is now.
    fn current(&mut self, uri: &lsp::Uri) -> Option<&Doc> {
        let key = uri.as_str().to_owned();
        self.lint(&key);
        self.docs.get(&key)
    }

    // `WorkspaceEdit::changes` is keyed by lsp-types' `Uri`, whose parsed form caches in a
    // `Cell`; the key is never changed.
    #[allow(clippy::mutable_key_type)]
    fn code_actions(&mut self, p: lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        let uri = p.text_document.uri.clone();
        let Some(doc) = self.current(&uri) else {
            return Vec::new();
        };
        let Some((linter, linted)) = &doc.linted else {
            return Vec::new();
        };
        let text = doc.text.as_str();
        let lines = Lines::new(text);
        let (from, to) = (lines.offset(p.range.start), lines.offset(p.range.end));
        let only = p.context.only.clone();
        let wants = |kind: &lsp::CodeActionKind| {
            only.as_ref()
                .is_none_or(|o| o.iter().any(|k| kind.as_str().starts_with(k.as_str())))
        };
        let action = |title: String,
                      kind: lsp::CodeActionKind,
                      new: &str,
                      diagnostics: Option<Vec<lsp::Diagnostic>>| {
            let quick = kind == lsp::CodeActionKind::QUICKFIX;
            let mut changes = HashMap::new();
            changes.insert(uri.clone(), vec![convert::edit(text, new)]);
            lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title,
                kind: Some(kind),
                diagnostics,
                edit: Some(lsp::WorkspaceEdit {
                    changes: Some(changes),
                    ..Default::default()
                }),
                // The one fix of a finding is what an editor may apply at a keystroke.
                is_preferred: Some(quick),
                ..Default::default()
            })
        };
        let mut out = Vec::new();
        let all = diagnostics(&uri, text, linted, linter.options().lang);
        let fixable = fixable(linted);
        if wants(&lsp::CodeActionKind::QUICKFIX) {
            for (d, new) in &fixable {
                let Some(span) = d.span else { continue };
                if span.end < from || span.start > to {
                    continue;
                }
                let Some(new) = new(text) else { continue };
                let shown = all
                    .iter()
                    .find(|x| {
                        x.range == lines.range(span.start, span.end)
                            && x.code == Some(lsp::NumberOrString::String(d.rule.id().to_owned()))
                    })
                    .cloned();
                let fix = d.fix.as_deref().unwrap_or_default();
                out.push(action(
                    match linter.options().lang {
                        Lang::ZhCn => format!("修复 {}：写作 `{fix}`", d.rule.id()),
                        _ => format!("Fix {}: write `{fix}`", d.rule.id()),
                    },
                    lsp::CodeActionKind::QUICKFIX,
                    &new,
                    shown.map(|s| vec![s]),
                ));
            }
        }
        if !fixable.is_empty() && wants(&lsp::CodeActionKind::SOURCE_FIX_ALL) {
            if let Some(new) = fix_all(linter, text, linted) {
                out.push(action(
                    match linter.options().lang {
                        Lang::ZhCn => format!(
                            "修复 importimage-lint 发现的全部有确定修复的问题（{} 个）",
                            fixable.len()
                        ),
                        _ => format!(
                            "Fix all certain importimage-lint findings ({})",
                            fixable.len()
                        ),
                    },
                    lsp::CodeActionKind::SOURCE_FIX_ALL,
                    &new,
                    None,
                ));
            }
        }
        out
    }

    /// The profile that judges a document.
    fn profile_of(&mut self, uri: &lsp::Uri) -> &'static Profile {
        let path = uri_path(uri).unwrap_or_default();
        self.linters
            .for_source(&Source::File(path))
            .map_or(profile::DEFAULT, |l| l.options().profile)
    }

    /// The language a document's findings are in (its configuration's, the flag's, the
    /// client's locale): hover and completion speak it too.
    fn lang_of(&mut self, uri: &lsp::Uri) -> Lang {
        let path = uri_path(uri).unwrap_or_default();
        self.linters
            .for_source(&Source::File(path))
            .map_or(Lang::default(), |l| l.options().lang)
    }

    /// Where the cursor is, in a request file (JSON or query).
    fn place(&mut self, uri: &lsp::Uri, at: lsp::Position) -> Option<(Place, usize, String)> {
        let doc = self.docs.get(uri.as_str())?;
        let path = uri_path(uri)?;
        let name = path.file_name()?.to_string_lossy().into_owned();
        let offset = Lines::new(&doc.text).offset(at);
        let place = if files::is_request_file(&name) {
            if doc.text.trim_start().starts_with('{') {
                locate::in_json(&doc.text, offset)
            } else {
                locate::in_query(&doc.text, offset)
            }
        } else if cli_lint::embedding_host(&Source::File(path), doc.text.as_bytes())
            == Some(Host::AliyunCli)
        {
            locate::in_shell(&doc.text, offset)
        } else {
            None
        }?;
        Some((place, offset, doc.text.clone()))
    }

    fn hover(&mut self, p: lsp::HoverParams) -> Option<lsp::Hover> {
        let uri = p.text_document_position_params.text_document.uri;
        let (place, _, text) = self.place(&uri, p.text_document_position_params.position)?;
        let profile = self.profile_of(&uri);
        let (path, name, word) = match place {
            Place::Name { path, name, word } | Place::Value { path, name, word } => {
                (path, name, word)
            }
            Place::Element { .. } => return None,
        };
        let param = param_at(profile, &path, &name)?;
        let lang = self.lang_of(&uri);
        let lines = Lines::new(&text);
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: importimage_lint::schema::documentation_in(profile, param, lang),
            }),
            range: word.map(|(a, b)| lines.range(a, b)),
        })
    }

    fn complete(&mut self, p: lsp::CompletionParams) -> Option<lsp::CompletionResponse> {
        let uri = p.text_document_position.text_document.uri;
        let (place, _, text) = self.place(&uri, p.text_document_position.position)?;
        let profile = self.profile_of(&uri);
        let lang = self.lang_of(&uri);
        let lines = Lines::new(&text);
        let json = text.trim_start().starts_with('{');
        // Inside quotes (or a query word) the word is replaced; elsewhere a JSON string is
        // inserted.
        let item = |label: String,
                    kind,
                    doc: Option<String>,
                    word: Option<(usize, usize)>,
                    value: Option<&str>| {
            let quoted = word.is_some_and(|(a, _)| a > 0 && text.as_bytes()[a - 1] == b'"');
            let insert = match (json, quoted, value) {
                (false, _, _) | (true, true, _) => label.clone(),
                (true, false, Some(raw)) => raw.to_owned(),
                (true, false, None) => format!("\"{label}\""),
            };
            lsp::CompletionItem {
                label: label.clone(),
                kind: Some(kind),
                documentation: doc.map(|value| {
                    lsp::Documentation::MarkupContent(lsp::MarkupContent {
                        kind: lsp::MarkupKind::Markdown,
                        value,
                    })
                }),
                text_edit: word.filter(|_| quoted || !json).map(|(a, b)| {
                    lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
                        lines.range(a, b),
                        insert.clone(),
                    ))
                }),
                insert_text: Some(insert),
                ..Default::default()
            }
        };
        let doc = |q: &Param| Some(importimage_lint::schema::documentation_in(profile, q, lang));
        let mut items = Vec::new();
        match place {
            Place::Name { path, word, .. } => {
                for (name, param) in names(profile, &path, json) {
                    let kind = if param.is_none() {
                        lsp::CompletionItemKind::MODULE
                    } else {
                        lsp::CompletionItemKind::PROPERTY
                    };
                    items.push(item(name, kind, param.and_then(doc), word, None));
                }
            }
            Place::Value { path, name, word } => {
                let param = param_at(profile, &path, &name)?;
                let values: Vec<(String, Option<&str>)> = match param.kind() {
                    Kind::Enum(c) => c
                        .spellings()
                        .filter(|v| !v.is_empty())
                        .map(|v| (v.to_owned(), None))
                        .collect(),
                    Kind::Bool => vec![
                        ("true".into(), Some("true")),
                        ("false".into(), Some("false")),
                    ],
                    Kind::Region => profile
                        .regions
                        .iter()
                        .map(|r| ((*r).to_owned(), None))
                        .collect(),
                    _ => Vec::new(),
                };
                for (v, raw) in values {
                    let mut it = item(v, lsp::CompletionItemKind::VALUE, doc(param), word, raw);
                    it.detail = Some(param.name().to_owned());
                    items.push(it);
                }
            }
            Place::Element { path } => {
                if let [Step::Key(f)] = path.as_slice() {
                    let family = profile
                        .families
                        .iter()
                        .find(|x| x.prefix.eq_ignore_ascii_case(f))?;
                    let fields: Vec<String> = profile
                        .members(family.prefix)
                        .filter(|q| q.required() == profile::Required::PerIndex)
                        .map(|q| format!("\"{}\": \"\"", q.field()))
                        .collect();
                    items.push(lsp::CompletionItem {
                        label: format!("{{{}}}", fields.join(", ")),
                        kind: Some(lsp::CompletionItemKind::SNIPPET),
                        detail: Some(match lang {
                            Lang::ZhCn => format!("{} 的一个成员", family.prefix),
                            _ => format!("a {} member", family.prefix),
                        }),
                        insert_text: Some(format!("{{{}}}", fields.join(", "))),
                        ..Default::default()
                    });
                }
            }
        }
        Some(lsp::CompletionResponse::Array(items))
    }
}

fn bad_params(id: RequestId, e: &serde_json::Error) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, e.to_string())
}

/// The LSP diagnostics of a lint.
fn diagnostics(uri: &lsp::Uri, text: &str, linted: &Linted, lang: Lang) -> Vec<lsp::Diagnostic> {
    let lines = Lines::new(text);
    match linted {
        Linted::Nothing => Vec::new(),
        Linted::Config(message) => vec![lsp::Diagnostic {
            range: lines.range(0, 0),
            severity: Some(lsp::DiagnosticSeverity::ERROR),
            source: Some("importimage-lint".into()),
            message: match lang {
                Lang::ZhCn => format!("配置文件无法使用，因此未检查此文件：{message}"),
                _ => format!(
                    "the configuration file cannot be used, so this file is not linted: {message}"
                ),
            },
            ..Default::default()
        }],
        Linted::Request(r) => r
            .diagnostics
            .iter()
            .map(|d| convert::diagnostic(&lines, uri, d, &related(text, &lines, d), lang))
            .collect(),
        Linted::Embedded(_, _, found) => found
            .iter()
            .flat_map(|e| e.report.diagnostics.iter())
            .map(|d| convert::diagnostic(&lines, uri, d, &[], lang))
            .collect(),
    }
}

/// Where the fields a cross-field finding compares are written in a request file: the
/// written name nearest to the finding (the same disk's OSSObject in a nested list).
fn related(
    text: &str,
    lines: &Lines<'_>,
    d: &importimage_lint::Diagnostic,
) -> Vec<(String, lsp::Range)> {
    let json = text.trim_start().starts_with('{');
    let anchor = d.span.map_or(0, |s| s.start);
    let mut out = Vec::new();
    for param in &d.related_params {
        let field = param.rsplit('.').next().unwrap_or(param);
        let mut names = vec![param.clone(), field.to_owned()];
        if let (Some(first), Some(rest)) = (field.get(..1), field.get(1..)) {
            names.push(first.to_ascii_lowercase() + rest);
        }
        let mut best: Option<(usize, usize)> = None;
        for n in names {
            let needle = if json {
                format!("\"{n}\"")
            } else {
                format!("{n}=")
            };
            for (i, _) in text.match_indices(&needle) {
                let end = i + needle.len();
                let is_key = !json || text[end..].trim_start().starts_with(':');
                let before_ok =
                    json || i == 0 || matches!(text.as_bytes()[i - 1], b'&' | b'\n' | b'?');
                if is_key
                    && before_ok
                    && best.is_none_or(|(b, _)| i.abs_diff(anchor) < b.abs_diff(anchor))
                {
                    best = Some((i, end - usize::from(!json)));
                }
            }
        }
        if let Some((a, b)) = best {
            out.push((param.clone(), lines.range(a, b)));
        }
    }
    out
}

/// The findings that carry a certain fix, each with the function that writes it in.
#[allow(clippy::type_complexity)]
fn fixable(
    linted: &Linted,
) -> Vec<(
    importimage_lint::Diagnostic,
    Box<dyn Fn(&str) -> Option<String> + '_>,
)> {
    match linted {
        Linted::Request(r) => r
            .diagnostics
            .iter()
            .filter(|d| d.fix.is_some())
            .map(|d| {
                let mut one = r.clone();
                one.diagnostics.retain(|x| x == d);
                let f: Box<dyn Fn(&str) -> Option<String>> =
                    Box::new(move |text| importimage_lint::apply_fixes(text, &one));
                (d.clone(), f)
            })
            .collect(),
        Linted::Embedded(host, _, found) => {
            let host = *host;
            let mut out: Vec<(
                importimage_lint::Diagnostic,
                Box<dyn Fn(&str) -> Option<String>>,
            )> = Vec::new();
            for e in found {
                for d in e.report.diagnostics.iter().filter(|d| d.fix.is_some()) {
                    let mut one = e.clone();
                    one.report.diagnostics.retain(|x| x == d);
                    out.push((
                        d.clone(),
                        Box::new(move |text| {
                            importimage_lint::embedded::apply_fixes(
                                text,
                                host,
                                std::slice::from_ref(&one),
                            )
                        }),
                    ));
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// The text with every certain fix written in, as `--fix` writes it.
fn fix_all(linter: &Linter, text: &str, linted: &Linted) -> Option<String> {
    match linted {
        Linted::Request(r) => cli_lint::fixed_point(linter, text, r),
        Linted::Embedded(host, cx, found) => {
            cli_lint::embedded_fixed_point(linter, text, *host, cx, found)
        }
        _ => None,
    }
}

/// The parameter a name names at `path` (the request, a family's member, a group), in the
/// API's spelling or an SDK model's (compared without letter case there).
fn param_at(profile: &'static Profile, path: &[Step], name: &str) -> Option<&'static Param> {
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    match path {
        [] => {
            if let Some(p) = profile.param(name) {
                return Some(p);
            }
            let parts: Vec<&str> = name.splitn(3, '.').collect();
            if let [family, n, field] = parts.as_slice() {
                if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
                    return profile
                        .params
                        .iter()
                        .find(|p| p.family() == Some(family) && p.field() == *field);
                }
            }
            profile
                .params
                .iter()
                .find(|p| p.family().is_none() && same(p.name(), name))
        }
        [Step::Key(f), Step::Index(_)] => profile
            .params
            .iter()
            .find(|p| p.family().is_some_and(|x| same(x, f)) && same(p.field(), name)),
        [Step::Key(g)] => profile.params.iter().find(|p| {
            p.family().is_none()
                && p.group().is_some_and(|x| same(x, g))
                && same(&p.name()[p.name().find('.').map_or(0, |i| i + 1)..], name)
        }),
        _ => None,
    }
}

/// The names that may be written in the object at `path`: each with its parameter (none
/// for a container: a family's list or a group's object).
fn names(
    profile: &'static Profile,
    path: &[Step],
    json: bool,
) -> Vec<(String, Option<&'static Param>)> {
    let mut out: Vec<(String, Option<&'static Param>)> = Vec::new();
    match path {
        [] => {
            for p in profile.params {
                match p.family().and_then(|f| profile.family(f)) {
                    None => out.push((p.name().to_owned(), Some(p))),
                    Some(f) => {
                        for n in 1..=f.max {
                            out.push((p.flat(n), Some(p)));
                        }
                    }
                }
                if json {
                    if let Some(g) = p.group() {
                        if !out.iter().any(|(n, _)| n == g) {
                            out.push((g.to_owned(), None));
                        }
                    }
                }
            }
        }
        [Step::Key(f), Step::Index(_)] => {
            if let Some(family) = profile
                .families
                .iter()
                .find(|x| x.prefix.eq_ignore_ascii_case(f))
            {
                out.extend(
                    profile
                        .members(family.prefix)
                        .map(|p| (p.field().to_owned(), Some(p))),
                );
            }
        }
        [Step::Key(g)] => {
            for p in profile.params.iter().filter(|p| {
                p.family().is_none() && p.group().is_some_and(|x| x.eq_ignore_ascii_case(g))
            }) {
                let field = &p.name()[p.name().find('.').map_or(0, |i| i + 1)..];
                out.push((field.to_owned(), Some(p)));
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_found_in_every_form() {
        let p = &profile::CURRENT;
        assert_eq!(param_at(p, &[], "RegionId").unwrap().name(), "RegionId");
        assert_eq!(param_at(p, &[], "regionId").unwrap().name(), "RegionId");
        assert_eq!(
            param_at(p, &[], "DiskDeviceMapping.3.DiskImageSize")
                .unwrap()
                .name(),
            "DiskDeviceMapping.N.DiskImageSize"
        );
        let disk = [Step::Key("diskDeviceMapping".into()), Step::Index(0)];
        assert_eq!(
            param_at(p, &disk, "ossBucket").unwrap().name(),
            "DiskDeviceMapping.N.OSSBucket"
        );
        let features = [Step::Key("Features".into())];
        assert_eq!(
            param_at(p, &features, "ImdsSupport").unwrap().name(),
            "Features.ImdsSupport"
        );
        assert!(names(p, &features, true)
            .iter()
            .all(|(n, _)| !n.contains('.')));
    }

    #[test]
    fn file_uris_are_decoded() {
        let u: lsp::Uri = "file:///tmp/a%20b/%E9%95%9C.import-image.json"
            .parse()
            .unwrap();
        assert_eq!(
            uri_path(&u),
            Some(PathBuf::from("/tmp/a b/镜.import-image.json"))
        );
    }

    #[test]
    fn locales_name_languages() {
        assert_eq!(locale_lang("zh-cn"), Lang::parse("zh-CN"));
        assert_eq!(locale_lang("zh-Hans"), Lang::parse("zh-CN"));
        assert_eq!(locale_lang("en-US"), Lang::parse("en"));
        assert_eq!(locale_lang("fr"), None);
    }
}
