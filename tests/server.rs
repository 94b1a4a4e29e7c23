//! `importimage-lint server`, driven through the Language Server Protocol as an editor
//! drives it: a scripted JSON-RPC client over the binary's standard input and output, one
//! test per capability (diagnostics with versions, debounce and stale changes; code,
//! documentation link and related information; quick fixes and fix-all; hover; completion;
//! settings, locale and configuration file; Terraform and shell scripts), and Debian's
//! Neovim (its built-in LSP client, headless) opening a bad file, reading the diagnostics
//! and applying a code action.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_importimage-lint");
const WAIT: Duration = Duration::from_secs(20);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications received while waiting for something else.
    seen: Vec<Value>,
    next_id: u64,
    /// The folder of the document `opened` opens, kept for as long as the client.
    scratch: Option<common::Scratch>,
}

impl Client {
    fn start(args: &[&str], init: Value) -> (Client, Value) {
        let mut child = Command::new(BIN)
            .arg("server")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, incoming) = channel();
        std::thread::spawn(move || loop {
            let mut length = 0;
            loop {
                let mut line = String::new();
                if out.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length: ") {
                    length = v.parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            out.read_exact(&mut body).unwrap();
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        });
        let mut c = Client {
            child,
            stdin,
            incoming,
            seen: Vec::new(),
            next_id: 1,
            scratch: None,
        };
        let result = c.request("initialize", init);
        c.notify("initialized", json!({}));
        (c, result)
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let m = self.exchange(method, params);
        assert!(m.get("error").is_none(), "{method}: {m}");
        m["result"].clone()
    }

    /// A request and its whole answer, error included.
    fn exchange(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + WAIT;
        loop {
            let m = self
                .incoming
                .recv_timeout(deadline - Instant::now())
                .unwrap_or_else(|_| panic!("no answer to {method}"));
            if m["id"] == json!(id) {
                return m;
            }
            self.seen.push(m);
        }
    }

    /// The next notification of `method` that `want` accepts (earlier ones are kept).
    fn wait(&mut self, method: &str, want: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self
            .seen
            .iter()
            .position(|m| m["method"] == method && want(&m["params"]))
        {
            return self.seen.remove(i)["params"].clone();
        }
        let deadline = Instant::now() + WAIT;
        loop {
            match self
                .incoming
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(m) if m["method"] == method && want(&m["params"]) => return m["params"].clone(),
                Ok(m) => self.seen.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no {method} came; seen {:#?}", self.seen),
                Err(e) => panic!("{e}"),
            }
        }
    }

    /// Every message that arrives within `d`.
    fn drain(&mut self, d: Duration) -> Vec<Value> {
        let deadline = Instant::now() + d;
        let mut out = std::mem::take(&mut self.seen);
        while let Ok(m) = self
            .incoming
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            out.push(m);
        }
        out
    }

    fn open(&mut self, uri: &str, text: &str) -> Value {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
        self.diagnostics(uri, 1)
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Value {
        self.wait("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        })["diagnostics"]
            .clone()
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "{status}");
    }
}

/// The test's folder under the temp dir, removed when the test ends, passed or failed,
/// unless IMPORTIMAGE_LINT_KEEP_SCRATCH is set (for debugging; see `common::Scratch`).
fn scratch(name: &str) -> common::Scratch {
    common::Scratch::new(std::env::temp_dir().join(format!(
        "importimage-lint-server-{name}-{}",
        std::process::id()
    )))
}

fn uri(p: &Path) -> String {
    format!("file://{}", p.display())
}

fn start() -> Client {
    Client::start(&[], json!({"capabilities": {}})).0
}

/// A server with one request file open: the client, the file's URI and its diagnostics.
fn opened(test: &str, text: &str) -> (Client, String, Value) {
    let dir = scratch(test);
    let u = uri(&dir.join("w.import-image.json"));
    let mut c = start();
    c.scratch = Some(dir);
    let diags = c.open(&u, text);
    (c, u, diags)
}

/// The quick fixes among code actions; there must be exactly one.
fn quick_fixes(actions: &Value) -> Vec<&Value> {
    let quick: Vec<&Value> = actions
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "quickfix")
        .collect();
    assert_eq!(quick.len(), 1, "{actions:#}");
    quick
}

/// The diagnostic of a rule among those published.
fn finding<'a>(diags: &'a Value, rule: &str) -> &'a Value {
    diags
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {diags:#}"))
}

fn codes(diags: &Value) -> Vec<String> {
    diags
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

/// Applies one LSP text edit (UTF-16 positions) to a text.
fn apply(text: &str, edit: &Value) -> String {
    let offset = |p: &Value| {
        let (line, ch) = (
            p["line"].as_u64().unwrap() as usize,
            p["character"].as_u64().unwrap() as usize,
        );
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let (a, b) = (
        offset(&edit["range"]["start"]),
        offset(&edit["range"]["end"]),
    );
    format!(
        "{}{}{}",
        &text[..a],
        edit["newText"].as_str().unwrap(),
        &text[b..]
    )
}

const BAD: &str = "{\n  \"RegionId\": \"cn-hangzhou\",\n  \"ImageName\": \"镜像😀 web\",\n  \"OSType\": \"linux\",\n  \"DiskDeviceMapping.1.OSSBucket\": \"ecsimageos\",\n  \"DiskDeviceMapping.1.OSSObject\": \"a.raw\"\n}\n";

#[test]
fn initialize_names_every_capability() {
    let (c, init) = Client::start(&[], json!({"capabilities": {}}));
    let caps = &init["capabilities"];
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert!(caps["completionProvider"]["triggerCharacters"].is_array());
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll"])
    );
    assert_eq!(init["serverInfo"]["name"], "importimage-lint");
    c.stop();
}

#[test]
fn malformed_requests_get_errors_and_the_server_goes_on() {
    let mut c = start();
    let bad = c.exchange("textDocument/hover", json!({"position": "here"}));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let unknown = c.exchange("textDocument/rename", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    // A document that was never opened: no answer to give, no failure.
    let none = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere/x.import-image.json"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(none, Value::Null);
    // Garbage text is a diagnostic, like the command line's invalid-input.
    let (c2, _, diags) = opened("garbage", "{\"RegionId\": [1, 2,,");
    assert_eq!(codes(&diags), ["invalid-input"]);
    c2.stop();
    c.stop();
}

#[test]
fn diagnostics_on_open_carry_rule_link_and_utf16_positions() {
    let dir = scratch("open");
    let u = uri(&dir.join("web.import-image.json"));
    let mut c = start();
    let diags = c.open(&u, BAD);
    assert_eq!(codes(&diags), ["image-name-characters", "enum-letter-case"]);
    let d = &diags[0];
    // "镜像😀 web" starts at column 16 (0-based 15 + quote); 😀 is two UTF-16 units.
    assert_eq!(d["range"]["start"], json!({"line": 2, "character": 15}));
    assert_eq!(d["range"]["end"], json!({"line": 2, "character": 25}));
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "importimage-lint");
    assert!(d["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .ends_with("README.md#image-name-characters"));
    assert!(d["message"]
        .as_str()
        .unwrap()
        .contains("InvalidImageName.Malformed"));
    // The report's own diagnostic rides along as data.
    assert_eq!(d["data"]["rule"], "image-name-characters");
    assert_eq!(d["data"]["param"], "ImageName");
    // A file that is no request file is left alone.
    let other = uri(&dir.join("package.json"));
    assert_eq!(c.open(&other, BAD), json!([]));
    // Closing clears.
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
    let cleared = c.wait("textDocument/publishDiagnostics", |p| {
        p["uri"] == u.as_str()
    });
    assert_eq!(cleared["diagnostics"], json!([]));
    c.stop();
}

#[test]
fn changes_are_debounced_and_stale_versions_dropped() {
    let (mut c, u, _) = opened("change", BAD);
    // A burst of edits: only the last version is linted and published.
    let fixed_name = BAD.replace("镜像😀 web", "web-1");
    c.change(&u, 2, &BAD.replace("镜像😀 web", "w"));
    c.change(&u, 3, &fixed_name);
    let d3 = c.diagnostics(&u, 3);
    assert_eq!(codes(&d3), ["enum-letter-case"]);
    // A version older than the document's is dropped.
    c.change(&u, 2, BAD);
    let later = c.drain(Duration::from_millis(600));
    let published: Vec<&Value> = later
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert!(
        published.iter().all(|m| m["params"]["version"] != 2),
        "{published:#?}"
    );
    c.stop();
}

#[test]
fn cross_field_findings_point_at_the_other_field() {
    let text = "{\n  \"RegionId\": \"cn-hangzhou\",\n  \"OSType\": \"Linux\",\n  \"Platform\": \"Windows Server 2012\",\n  \"DiskDeviceMapping.1.OSSBucket\": \"ecsimageos\",\n  \"DiskDeviceMapping.1.OSSObject\": \"a.raw\"\n}\n";
    let (c, u, diags) = opened("related", text);
    let d = finding(&diags, "platform-os-type-mismatch");
    let related = &d["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], u.as_str());
    let line = related["location"]["range"]["start"]["line"]
        .as_u64()
        .unwrap();
    let other = if d["range"]["start"]["line"] == 2 {
        3
    } else {
        2
    };
    assert_eq!(line, other, "{d:#}");
    c.stop();
}

#[test]
fn quick_fixes_and_fix_all_come_from_the_linter() {
    let text = "{\n  \"RegionId\": \"cn-hangzhou\",\n  \"ImageName\": \"centos-7 \",\n  \"OSType\": \"linux\",\n  \"DiskDeviceMapping.1.OSSBucket\": \"ecsimageos\",\n  \"DiskDeviceMapping.1.OSSObject\": \"a.raw\"\n}\n";
    let (mut c, u, diags) = opened("fix", text);
    let os = finding(&diags, "enum-letter-case").clone();
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": os["range"], "context": {"diagnostics": [os]}}),
    );
    let quick = quick_fixes(&actions);
    assert_eq!(quick[0]["title"], "Fix enum-letter-case: write `Linux`");
    assert_eq!(quick[0]["diagnostics"][0]["code"], "enum-letter-case");
    let edit = &quick[0]["edit"]["changes"][&u][0];
    assert_eq!(edit["newText"], "L");
    assert_eq!(apply(text, edit), text.replace("\"linux\"", "\"Linux\""));
    // Fix all: every certain fix, as --fix writes them.
    let all = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    assert_eq!(all.as_array().unwrap().len(), 1, "{all:#}");
    let fixed = apply(text, &all[0]["edit"]["changes"][&u][0]);
    let cli = Command::new(BIN)
        .args(["--fix", "-", "--stdin-filename", "w.import-image.json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut cli = cli;
    cli.stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = cli.wait_with_output().unwrap();
    assert_eq!(fixed, String::from_utf8(out.stdout).unwrap());
    c.change(&u, 2, &fixed);
    assert_eq!(codes(&c.diagnostics(&u, 2)), Vec::<String>::new());
    c.stop();
}

#[test]
fn hover_shows_the_limits_of_the_active_profile() {
    let dir = scratch("hover");
    let u = uri(&dir.join("h.import-image.json"));
    let text = "{\"RegionId\": \"cn-hangzhou\", \"DiskDeviceMapping\": [{\"OSSBucket\": \"b12\", \"OSSObject\": \"a.raw\", \"DiskImageSize\": 40}]}";
    let at = text.find("DiskImageSize").unwrap() + 3;
    for (init, limit) in [
        (json!({}), "N = 1: 5–500 GiB"),
        (json!({"profile": "current"}), "N = 1–17: 1–2048 GiB"),
    ] {
        let (mut c, _) = Client::start(
            &[],
            json!({"capabilities": {}, "initializationOptions": init}),
        );
        c.open(&u, text);
        let h = c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": at}}),
        );
        let md = h["contents"]["value"].as_str().unwrap();
        assert!(md.contains(limit), "{md}");
        assert!(md.contains("[`disk-image-size`]("), "{md}");
        assert_eq!(h["contents"]["kind"], "markdown");
        c.stop();
    }
}

#[test]
fn completion_offers_names_and_values_from_the_tables() {
    let dir = scratch("complete");
    let mut c = Client::start(
        &[],
        json!({"capabilities": {}, "initializationOptions": {"profile": "current"}}),
    )
    .0;
    let mut labels = |name: &str, text: &str| {
        let u = uri(&dir.join(name));
        let at = text.find('|').unwrap();
        let text = text.replace('|', "");
        c.open(&u, &text);
        let r = c.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": at}}),
        );
        r.as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_owned())
            .collect::<Vec<String>>()
    };
    let top = labels(
        "a.import-image.json",
        "{\"RegionId\": \"cn-hangzhou\", \"|\"}",
    );
    for n in [
        "ImageName",
        "DiskDeviceMapping.1.OSSBucket",
        "DiskDeviceMapping.17.Format",
        "Tag.20.Key",
        "Features.ImdsSupport",
        "DiskDeviceMapping",
        "Features",
    ] {
        assert!(top.contains(&n.to_owned()), "{n} in {top:?}");
    }
    let disk = labels("b.import-image.json", "{\"DiskDeviceMapping\": [{\"|\"}]}");
    assert!(
        disk.contains(&"OSSBucket".to_owned()) && disk.contains(&"DiskImageSize".to_owned()),
        "{disk:?}"
    );
    assert!(!disk.iter().any(|n| n.contains('.')), "{disk:?}");
    let features = labels("c.import-image.json", "{\"Features\": {\"|\"}}");
    assert_eq!(features, ["ImdsSupport", "NvmeSupport"]);
    let os = labels("d.import-image.json", "{\"OSType\": \"|\"}");
    // The current API's own spellings.
    assert_eq!(os, ["windows", "linux"]);
    assert!(!os.iter().any(|v| v.is_empty()), "{os:?}");
    let query = labels(
        "e.import-image.query",
        "RegionId=cn-hangzhou&Architecture=|",
    );
    assert!(query.contains(&"arm64".to_owned()), "{query:?}");
    c.stop();
}

/// A Chinese client reads everything in Chinese: the findings with their labels, the hover
/// and completion documentation built from the tables, the code actions' titles.
#[test]
fn a_chinese_client_reads_hover_completion_and_fixes_in_chinese() {
    let dir = scratch("zh");
    let u = uri(&dir.join("z.import-image.json"));
    let text = "{\"RegionId\": \"cn-hangzhou\", \"OSType\": \"linux\", \"DiskDeviceMapping\": [{\"OSSBucket\": \"b12\", \"OSSObject\": \"a.raw\", \"DiskImageSize\": 40}]}";
    let (mut c, _) = Client::start(&[], json!({"capabilities": {}, "locale": "zh_CN"}));
    let diags = c.open(&u, text);
    let case = finding(&diags, "enum-letter-case");
    assert!(
        case["message"]
            .as_str()
            .unwrap()
            .contains("\n建议：服务可以接受"),
        "{case}"
    );
    let at = text.find("DiskImageSize").unwrap() + 3;
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": at}}),
    );
    let md = h["contents"]["value"].as_str().unwrap();
    for words in [
        "（版本 2019-01）",
        "N = 1 时取值范围为 5~500 GiB",
        "规则：[`disk-image-size`](",
    ] {
        assert!(md.contains(words), "{words}: {md}");
    }
    let os = text.find("linux").unwrap() + 1;
    let done = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": os}}),
    );
    let doc = done[0]["documentation"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(doc.contains("操作系统平台类型"), "{done}");
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": case["range"], "context": {"diagnostics": [case]}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("修复 enum-letter-case：写作")),
        "{titles:?}"
    );
    c.stop();
}

#[test]
fn messages_follow_lang_then_the_client_locale() {
    let dir = scratch("lang");
    let u = uri(&dir.join("w.import-image.json"));
    let message = |args: &[&str], init: Value| {
        let (mut c, _) = Client::start(args, init);
        let d = c.open(&u, BAD);
        c.stop();
        d[0]["message"].as_str().unwrap().to_owned()
    };
    let zh = message(&[], json!({"capabilities": {}, "locale": "zh-CN"}));
    assert!(zh.contains("含有不允许的字符"), "{zh}");
    let en = message(
        &["--lang", "en"],
        json!({"capabilities": {}, "locale": "zh-CN"}),
    );
    assert!(
        en.contains("contains characters that are not allowed"),
        "{en}"
    );
    let flag_over_option = message(
        &["--lang", "en"],
        json!({"capabilities": {}, "initializationOptions": {"lang": "zh-CN"}}),
    );
    assert!(
        flag_over_option.contains("contains characters"),
        "{flag_over_option}"
    );
    let opt = message(
        &[],
        json!({"capabilities": {}, "initializationOptions": {"lang": "zh-CN"}}),
    );
    assert!(opt.contains("含有不允许的字符"), "{opt}");
}

#[test]
fn settings_change_through_did_change_configuration() {
    let (mut c, u, diags) = opened("settings", BAD);
    assert!(codes(&diags).contains(&"enum-letter-case".to_owned()));
    // Under current, `linux` is the API's own spelling: the warning goes.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"importimage-lint": {"profile": "current"}}}),
    );
    let again = c.wait("textDocument/publishDiagnostics", |p| {
        p["uri"] == u.as_str()
    });
    assert_eq!(codes(&again["diagnostics"]), ["image-name-characters"]);
    // A setting it cannot use is said, and the rest still applies.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"importimage-lint": {"profile": "2030", "ignore": ["image-name-characters"]}}}),
    );
    let warned = c.wait("window/showMessage", |_| true);
    assert!(
        warned["message"]
            .as_str()
            .unwrap()
            .contains("unknown profile `2030`"),
        "{warned}"
    );
    let last = c.wait("textDocument/publishDiagnostics", |p| {
        p["uri"] == u.as_str()
    });
    assert_eq!(codes(&last["diagnostics"]), Vec::<String>::new());
    c.stop();
}

#[test]
fn the_configuration_file_the_cli_would_find_is_used() {
    let dir = scratch("config");
    std::fs::write(
        dir.join("importimage-lint.toml"),
        "profile = \"current\"\n[rules]\nenum-letter-case = \"off\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let u = uri(&dir.join("sub/w.import-image.json"));
    let mut c = start();
    let diags = c.open(
        &u,
        &BAD.replace(
            "web\"",
            "web\",\n  \"BootMode\": \"BIOS\",\n  \"Architecture\": \"arm64\"",
        ),
    );
    let codes = codes(&diags);
    assert!(!codes.contains(&"enum-letter-case".to_owned()), "{codes:?}");
    assert!(
        codes.contains(&"required-combination".to_owned()),
        "{codes:?}"
    );
    // A broken configuration is said once, at the top of the file.
    std::fs::write(dir.join("importimage-lint.toml"), "profil = \"current\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&dir.join("importimage-lint.toml")), "type": 2}]}),
    );
    let broken = c.wait("textDocument/publishDiagnostics", |p| {
        p["uri"] == u.as_str()
            && p["diagnostics"][0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("configuration"))
    });
    assert_eq!(broken["diagnostics"].as_array().unwrap().len(), 1);
    c.stop();
}

#[test]
fn terraform_files_packer_templates_and_shell_scripts_are_linted_where_values_are_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut c = start();
    let tf = root.join("terraform/mistakes.tf");
    let text = std::fs::read_to_string(&tf).unwrap();
    let u = uri(&tf);
    let diags = c.open(&u, &text);
    let names = finding(&diags, "image-name-characters");
    assert_eq!(
        names["range"]["start"],
        json!({"line": 10, "character": 15})
    );
    // Its fixes are HCL edits: the bucket URL of line 16 becomes the bucket's name.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": {"start": {"line": 15, "character": 0}, "end": {"line": 15, "character": 50}}, "context": {"diagnostics": []}}),
    );
    let quick = quick_fixes(&actions);
    assert_eq!(
        quick[0]["title"],
        "Fix oss-bucket-location: write `ecsimageos`"
    );
    let fixed = apply(&text, &quick[0]["edit"]["changes"][&u][0]);
    assert!(
        fixed.contains("oss_bucket      = \"ecsimageos\"\n"),
        "{fixed}"
    );
    assert_eq!(
        fixed.len(),
        text.len() - "oss://".len() - "/web.qcow2".len()
    );
    let sh = root.join("shell/import-images.sh");
    let script = std::fs::read_to_string(&sh).unwrap();
    let diags = c.open(&uri(&sh), &script);
    assert!(
        codes(&diags).contains(&"value-not-literal".to_owned()),
        "{diags:#}"
    );
    // In a script the API's flags are parameter names: hover and completion read them.
    let at = |line: u32, word: &str| {
        let l = script.lines().nth(line as usize).unwrap();
        json!({"textDocument": {"uri": uri(&sh)}, "position": {"line": line, "character": l.find(word).unwrap() + 1}})
    };
    let hover = c.request("textDocument/hover", at(10, "OSType"));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("**OSType**"),
        "{hover}"
    );
    let values = c.request("textDocument/completion", at(11, "CentOS"));
    let labels: Vec<&str> = values
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"CentOS") && labels.contains(&"Windows Server 2012"),
        "{labels:?}"
    );
    // A Packer template: diagnostics at the post-processor's attribute, and its fix.
    let pkr = root.join("packer/import.pkr.hcl");
    let template = std::fs::read_to_string(&pkr).unwrap();
    let u = uri(&pkr);
    let diags = c.open(&u, &template);
    let arch = finding(&diags, "architecture");
    assert_eq!(arch["range"]["start"], json!({"line": 24, "character": 25}));
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": {"start": {"line": 24, "character": 0}, "end": {"line": 24, "character": 40}}, "context": {"diagnostics": []}}),
    );
    let fixed = apply(
        &template,
        &quick_fixes(&actions)[0]["edit"]["changes"][&u][0],
    );
    assert!(
        fixed.contains("image_architecture = \"x86_64\"\n"),
        "{fixed}"
    );
    c.stop();
}

/// Debian's Neovim 0.7 (its built-in LSP client, headless): opens a bad request file, reads
/// the diagnostics, applies the quick fix of one, and reads the diagnostics again. Its record
/// of the round is written to target/server-neovim.log (the closing note quotes it).
#[test]
fn neovim_reads_diagnostics_and_applies_a_code_action() {
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("REQUIRE_NEOVIM").is_none(),
            "nvim is not installed, and REQUIRE_NEOVIM says this test must run"
        );
        eprintln!("skipped: nvim is not installed (scripts/test-all.sh installs Debian's neovim)");
        return;
    }
    let dir = scratch("neovim");
    let file = dir.join("web.import-image.json");
    std::fs::write(&file, BAD).unwrap();
    let log = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/server-neovim.log");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/server/neovim.lua");
    let out = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-u", "NONE"])
        .arg("-c")
        .arg(format!("luafile {}", script.display()))
        .arg(&file)
        .env("IMPORTIMAGE_LINT", BIN)
        .env("ROUND_LOG", &log)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let record = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        out.status.success(),
        "nvim: {}\n{}\n{record}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{record}");
    assert!(record.contains("opened web.import-image.json"), "{record}");
    assert!(
        record.contains("diagnostic 3:16 error image-name-characters"),
        "{record}"
    );
    assert!(
        record.contains("diagnostic 4:13 warning enum-letter-case"),
        "{record}"
    );
    assert!(
        record.contains("code action: Fix enum-letter-case: write `Linux`"),
        "{record}"
    );
    assert!(
        record.contains("line 4 now:   \"OSType\": \"Linux\","),
        "{record}"
    );
    assert!(
        record.contains("after the fix: image-name-characters"),
        "{record}"
    );
    assert!(
        !record.contains("after the fix: image-name-characters, enum-letter-case"),
        "{record}"
    );
    assert!(record.contains("saved"), "{record}");
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .contains("\"Linux\""));
}

/// A module's override files merge into the `.tf` being edited as the command line merges
/// them (the provider's `os_type = "Linux"` is overridden by `"linux"`), and an override
/// file holds no request of its own.
#[test]
fn terraform_override_files_merge_as_on_the_command_line() {
    let dir = scratch("override");
    let main = dir.join("main.tf");
    let text = "resource \"alicloud_image_import\" \"web\" {\n  image_name = \"web-1\"\n  os_type    = \"Linux\"\n  disk_device_mapping {\n    oss_bucket = \"ecsimageos\"\n    oss_object = \"web.raw\"\n  }\n}\n";
    std::fs::write(&main, text).unwrap();
    let over = dir.join("override.tf");
    let over_text = "resource \"alicloud_image_import\" \"web\" {\n  os_type = \"linux\"\n}\n";
    std::fs::write(&over, over_text).unwrap();
    let cli = common::run_in(&dir, &["--format", "json", "main.tf"], b"", &[]);
    let mut c = start();
    let diags = c.open(&uri(&main), text);
    assert!(!codes(&diags).contains(&"os-type".to_owned()), "{diags:#}");
    assert!(!cli.stdout.contains("\"os-type\""), "{}", cli.stdout);
    let none = c.open(&uri(&over), over_text);
    assert_eq!(none, json!([]), "{none:#}");
    c.stop();
    drop(dir);
}
