//! The command line's own words in each language: the labels, summary lines and headings it
//! writes around the library's diagnostics (which come already written in the language).
//! Rule ids, parameter names, API error codes and JSON keys never change with it.

use std::io;
use std::sync::OnceLock;

use importimage_lint::image::{ImageFacts, ImageFormat, PartitionTable};
use importimage_lint::{Lang, Severity};

use crate::emit::{Subject, Tally};

/// Fixed words and labels.
pub(crate) struct Words {
    pub parameter: &'static str,
    pub help: &'static str,
    pub fix: &'static str,
    pub prevents: &'static str,
    pub earlier_at: &'static str,
    // `rules` and `explain`.
    pub rule: &'static str,
    pub severity: &'static str,
    pub summary: &'static str,
    pub what: &'static str,
    pub why: &'static str,
    pub by_profile: &'static str,
    pub api_error: &'static str,
    pub no_code: &'static str,
    pub differ: &'static str,
    pub same: &'static str,
    pub passing: &'static str,
    /// Between a label and what it labels (`help: …`, `建议：…`).
    pub colon: &'static str,
    /// Between two sentences.
    pub space: &'static str,
    pub error: &'static str,
    pub warning: &'static str,
    pub info: &'static str,
    /// What a related location points to.
    pub earlier: &'static str,
    pub config_unusable: &'static str,
    /// Why a file found in a folder cannot be read.
    pub dangling_link: &'static str,
}

const EN: Words = Words {
    parameter: "parameter",
    help: "help",
    fix: "fix",
    prevents: "prevents API error",
    earlier_at: "note: the earlier request is at",
    rule: "rule",
    severity: "severity",
    summary: "summary",
    what: "What it checks",
    why: "Why",
    by_profile: "By profile",
    api_error: "API error",
    no_code: "none named by this revision",
    differ: "The profiles differ for this rule.",
    same: "The same in every profile.",
    passing: "Passing example",
    colon: ": ",
    space: " ",
    error: "error",
    warning: "warning",
    info: "info",
    earlier: "the earlier request",
    config_unusable: "the configuration file cannot be used",
    dangling_link: "a symbolic link to nothing",
};

const ZH: Words = Words {
    parameter: "参数",
    help: "建议",
    fix: "修复",
    prevents: "可避免的错误码",
    earlier_at: "注意：前面的请求位于",
    rule: "规则",
    severity: "级别",
    summary: "说明",
    what: "检查内容",
    why: "原因",
    by_profile: "各版本",
    api_error: "错误码",
    no_code: "此版本未指明",
    differ: "各版本对此规则的规定不同。",
    same: "各版本对此规则的规定相同。",
    passing: "可通过的示例",
    colon: "：",
    space: "",
    error: "错误",
    warning: "警告",
    info: "提示",
    earlier: "前面的请求",
    config_unusable: "配置文件无法使用",
    dangling_link: "指向不存在目标的符号链接",
};

/// The words of a language.
pub(crate) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::ZhCn => &ZH,
        _ => &EN,
    }
}

impl Words {
    /// A severity as a reader of this language reads it (machine formats keep `error`).
    pub(crate) fn severity_of(&self, s: Severity) -> &'static str {
        match s {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            _ => self.info,
        }
    }
}

/// The language of the command line's own words for this run: `--lang` as written on the
/// command line (read before the arguments are parsed, so that usage errors are in it too),
/// else the `lang` of the configuration file that governs the current folder, else English.
/// Set once, at the start.
static RUN_LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the run's language from the command line's arguments and the current folder.
pub(crate) fn set_lang(args: &[String], from_config: impl FnOnce() -> Option<Lang>) {
    let flag = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=").or_else(|| {
            (a == "--lang")
                .then(|| args.get(i + 1).map(String::as_str))
                .flatten()
        })
    });
    // An unknown tag is refused by the parser; meanwhile the configuration's language speaks.
    let lang = flag
        .and_then(lang_of_tag)
        .or_else(from_config)
        .unwrap_or_default();
    let _ = RUN_LANG.set(lang);
}

/// The run's language (English until [`set_lang`]).
pub(crate) fn lang() -> Lang {
    RUN_LANG.get().copied().unwrap_or_default()
}

/// How the tool names itself before a message on standard error, in the run's language.
pub(crate) fn me() -> String {
    format!("importimage-lint{}", words(lang()).colon)
}

/// A language tag, as the library's `Lang::from_str` reads it: `en`, `zh-CN`, `zh-cn`,
/// `zh_CN`, `zh` in any letter case (and `en-US`, `zh-Hans`).
pub(crate) fn lang_of_tag(tag: &str) -> Option<Lang> {
    tag.parse().ok()
}

/// A usage or file problem the command line reports on standard error.
pub(crate) enum Problem<'a> {
    UnknownRule {
        id: &'a str,
        near: Option<&'a str>,
    },
    UnknownProfile {
        id: &'a str,
        ids: &'a [&'a str],
    },
    UnknownLang {
        tag: &'a str,
    },
    RewriteNdjson,
    DiffFormat {
        format: &'a str,
    },
    FixStdinAlone,
    BothStdin,
    /// A file or folder that cannot be read.
    Io {
        path: &'a str,
        error: &'a io::Error,
    },
    /// A folder that holds no request file.
    EmptyFolder {
        folder: &'a str,
    },
    /// A file that changed between reading and rewriting.
    ChangedSinceRead,
}

const LANG_TAGS: &str = "en, zh-CN (also written zh-cn, zh_CN or zh)";
const LANG_TAGS_ZH: &str = "en、zh-CN（也可写作 zh-cn、zh_CN 或 zh）";

impl Problem<'_> {
    /// The problem in `lang`.
    pub(crate) fn say(&self, lang: Lang) -> String {
        use Problem::*;
        let zh = lang == Lang::ZhCn;
        match (self, zh) {
            (UnknownRule { id, near: Some(n) }, false) => format!("unknown rule `{id}`; did you mean `{n}`?"),
            (UnknownRule { id, near: Some(n) }, true) => format!("未知的规则 `{id}`；您是否想写 `{n}`？"),
            (UnknownRule { id, near: None }, false) => {
                format!("unknown rule `{id}`; `importimage-lint rules` lists them")
            }
            (UnknownRule { id, near: None }, true) => {
                format!("未知的规则 `{id}`；`importimage-lint rules` 可列出全部规则")
            }
            (UnknownProfile { id, ids }, false) => format!("unknown profile `{id}`; choose one of {}", ids.join(", ")),
            (UnknownProfile { id, ids }, true) => format!("未知的版本 `{id}`；可选：{}", ids.join("、")),
            (UnknownLang { tag }, false) => format!("unknown language `{tag}`; choose one of {LANG_TAGS}"),
            (UnknownLang { tag }, true) => format!("未知的语言 `{tag}`；可选：{LANG_TAGS_ZH}"),
            (RewriteNdjson, false) => "--fix and --diff rewrite whole files; they do not apply to --ndjson".into(),
            (RewriteNdjson, true) => "--fix 和 --diff 会重写整个文件，不能与 --ndjson 同时使用".into(),
            (DiffFormat { format }, false) => {
                format!("--diff prints a unified diff; it cannot be combined with --format {format}")
            }
            (DiffFormat { format }, true) => {
                format!("--diff 输出统一格式的差异（unified diff），不能与 --format {format} 同时使用")
            }
            (FixStdinAlone, false) => {
                "--fix - writes the fixed request to standard output; lint standard input alone".into()
            }
            (FixStdinAlone, true) => "--fix - 会把修复后的请求写到标准输出；请单独检查标准输入".into(),
            (BothStdin, false) => "the bundle and the request cannot both be read from standard input".into(),
            (BothStdin, true) => "角色描述和请求不能同时从标准输入读取".into(),
            (Io { path, error }, _) => format!("{path}{}{}", words(lang).colon, io_problem(lang, error)),
            (EmptyFolder { folder }, false) => format!(
                "warning: {folder}: no request files in this folder (names containing importimage, import-image or import_image, ending in .json, .query, .txt or .url)"
            ),
            (EmptyFolder { folder }, true) => format!(
                "警告：{folder}：此文件夹中没有请求文件（文件名包含 importimage、import-image 或 import_image，并以 .json、.query、.txt 或 .url 结尾）"
            ),
            (ChangedSinceRead, false) => "the file changed since it was read; not rewritten".into(),
            (ChangedSinceRead, true) => "文件在读取之后已被修改，因此没有重写".into(),
        }
    }
}

/// A command-line parsing error of clap, in `lang` (English: clap's own words).
pub(crate) fn clap_error(lang: Lang, e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if lang == Lang::En {
        return e.to_string();
    }
    let get = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join("、")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let mut s = match e.kind() {
        ErrorKind::UnknownArgument => format!("无法识别的参数 `{arg}`"),
        ErrorKind::InvalidSubcommand => format!(
            "无法识别的子命令 `{}`",
            get(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue if value.is_empty() => format!("`{arg}` 需要一个值"),
        ErrorKind::InvalidValue => format!("`{arg}` 的取值 `{value}` 无效"),
        ErrorKind::ValueValidation => {
            // Our own value parsers (`--lang`) write their reason in the run's language.
            let why = std::error::Error::source(e)
                .map(|r| r.to_string())
                .unwrap_or_default();
            format!("`{arg}` 的取值 `{value}` 无效：{why}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数 `{arg}`"),
        ErrorKind::ArgumentConflict => format!(
            "参数 `{arg}` 不能与 `{}` 同时使用",
            get(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues => format!("`{arg}` 的值 `{value}` 多余"),
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("`{arg}` 的值的个数不对")
        }
        ErrorKind::NoEquals => format!("`{arg}` 的值须用 `=` 连接"),
        ErrorKind::MissingSubcommand => "缺少子命令".to_owned(),
        _ => "无法解析命令行参数".to_owned(),
    };
    if let Some(ContextValue::Strings(valid)) = e.get(ContextKind::ValidValue) {
        let valid: Vec<String> = valid.iter().map(|v| format!("`{v}`")).collect();
        s.push_str(&format!("；可选值：{}", valid.join("、")));
    }
    if let Some(suggested) =
        get(ContextKind::SuggestedArg).or_else(|| get(ContextKind::SuggestedSubcommand))
    {
        s.push_str(&format!("；您是否想写 `{suggested}`？"));
    }
    let mut out = format!("importimage-lint：{s}\n");
    if let Some(usage) = get(ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        out.push_str(&format!("\n用法：`{usage}`\n"));
    }
    out.push_str("\n运行 `importimage-lint --help` 可查看全部选项。\n");
    out
}

/// Why a file or folder cannot be read, in `lang`.
pub(crate) fn io_problem(lang: Lang, e: &io::Error) -> String {
    use io::ErrorKind::*;
    let zh = lang == Lang::ZhCn;
    // The errors this tool makes itself carry their words already in the run's language.
    if e.get_ref().is_some() && e.raw_os_error().is_none() {
        return e.to_string();
    }
    match (e.kind(), zh) {
        (NotFound, false) => "no such file or folder".into(),
        (NotFound, true) => "文件或文件夹不存在".into(),
        (PermissionDenied, false) => "permission denied: the file cannot be read".into(),
        (PermissionDenied, true) => "没有权限，无法读取该文件".into(),
        (IsADirectory, false) => "is a folder".into(),
        (IsADirectory, true) => "这是一个文件夹".into(),
        (NotADirectory, false) => "a part of the path is not a folder".into(),
        (NotADirectory, true) => "路径中有一部分不是文件夹".into(),
        (_, false) => e.to_string(),
        (kind, true) => match e.raw_os_error() {
            Some(code) => format!("读写失败（{kind:?}，系统错误码 {code}）"),
            None => format!("读写失败（{kind:?}）"),
        },
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The summary line after a run, and whether it reports errors.
pub(crate) fn summary(lang: Lang, subject: Subject, t: &Tally) -> String {
    match lang {
        Lang::ZhCn => summary_zh(subject, t),
        _ => summary_en(subject, t),
    }
}

fn summary_en(subject: Subject, t: &Tally) -> String {
    let what = match subject {
        Subject::Request => ("request", "requests"),
        Subject::RoleBundle => ("role bundle", "role bundles"),
        Subject::Image => ("image", "images"),
    };
    let files = plural(t.files, what.0, what.1);
    let counts = format!(
        "{}, {} and {}",
        plural(t.errors, "error", "errors"),
        plural(t.warnings, "warning", "warnings"),
        plural(t.infos, "note", "notes")
    );
    let mut line = if t.not_linted > 0 {
        format!(
            "Stopped: {} not linted because a configuration file cannot be used (see above); found {counts} in {files}.",
            plural(t.not_linted, "file", "files"),
        )
    } else if t.errors + t.warnings + t.infos == 0 {
        format!("All checks passed: {files}, no findings.")
    } else {
        format!("Found {counts} in {files}.")
    };
    if t.fixed > 0 {
        line.push_str(&format!(
            " Fixed {} in place.",
            plural(t.fixed, "file", "files")
        ));
    }
    if t.blank > 0 {
        line.push_str(&format!(
            " Skipped {}.",
            plural(t.blank, "blank line", "blank lines")
        ));
    }
    line
}

fn summary_zh(subject: Subject, t: &Tally) -> String {
    let what = match subject {
        Subject::Request => "个请求",
        Subject::RoleBundle => "个 RAM 角色描述",
        Subject::Image => "个镜像文件",
    };
    let files = format!("{} {what}", t.files);
    let counts = format!(
        "{} 个错误、{} 个警告和 {} 条提示",
        t.errors, t.warnings, t.infos
    );
    let mut line = if t.not_linted > 0 {
        format!(
            "已停止：有配置文件无法使用（见上文），{} 个文件未检查；在 {files}中发现 {counts}。",
            t.not_linted
        )
    } else if t.errors + t.warnings + t.infos == 0 {
        format!("全部检查通过：{files}，没有发现问题。")
    } else {
        format!("在 {files}中发现 {counts}。")
    };
    if t.fixed > 0 {
        line.push_str(&format!("已就地修复 {} 个文件。", t.fixed));
    }
    if t.blank > 0 {
        line.push_str(&format!("跳过了 {} 个空行。", t.blank));
    }
    line
}

/// `explain`'s line under the rule id: its default severity and where its code is.
pub(crate) fn rule_line(lang: Lang, severity: &str, file: &str) -> String {
    match lang {
        Lang::ZhCn => format!("（默认级别：{severity}；代码位于 {file}）"),
        _ => format!("({severity} by default; code in {file})"),
    }
}

/// `explain`'s heading over a rule's failing examples.
pub(crate) fn failing(lang: Lang, profile: &str, image: bool) -> String {
    match (lang, image) {
        (Lang::ZhCn, true) => format!("不通过的示例（版本 {profile}；镜像信息和请求）"),
        (Lang::ZhCn, false) => format!("不通过的示例（版本 {profile}）"),
        (_, true) => {
            format!("Failing example (profile {profile}; the image's facts and the request)")
        }
        (_, false) => format!("Failing example (profile {profile})"),
    }
}

/// The heading of the API error code column of `rules` for a profile.
pub(crate) fn code_column(lang: Lang, profile: &str) -> String {
    match lang {
        Lang::ZhCn => format!("错误码（{profile}）"),
        _ => format!("API code ({profile})"),
    }
}

/// A size in bytes in the largest binary unit it reaches (64 MiB), `~` marking a rounded
/// one (`~64.02 MiB`); `None` below 1 KiB, where the bytes say it all.
pub(crate) fn human_size(bytes: u64) -> Option<String> {
    let (unit, shift) = [("GiB", 30), ("MiB", 20), ("KiB", 10)]
        .into_iter()
        .find(|&(_, shift)| bytes >= 1 << shift)?;
    Some(if bytes % (1 << shift) == 0 {
        format!("{} {unit}", bytes >> shift)
    } else {
        format!("~{:.2} {unit}", bytes as f64 / (1u64 << shift) as f64)
    })
}

/// One line about what an image file is: format, variant, virtual size, boot layout.
pub(crate) fn describe_image(lang: Lang, f: &ImageFacts) -> String {
    let zh = lang == Lang::ZhCn;
    // Chinese prose writes formats as Alibaba Cloud's documents do (RAW, QCOW2, VHD).
    let mut s = if zh {
        f.format.name().to_ascii_uppercase()
    } else {
        f.format.name().to_owned()
    };
    if f.format == ImageFormat::Raw {
        s.push_str(if zh {
            "（未识别到任何已知格式的头部）"
        } else {
            " (no recognised header)"
        });
    }
    if let Some(v) = f.variant {
        s.push_str(&if zh {
            let v = match v {
                "fixed" => "固定大小",
                "dynamic" => "动态扩展",
                "differencing" => "差异磁盘",
                "descriptor" => "描述符文件",
                v => v,
            };
            format!("（{v}）")
        } else {
            format!(" ({v})")
        });
    }
    if let Some(size) = f.virtual_size {
        let shown = human_size(size).map(|h| match lang {
            Lang::ZhCn => format!("（{}）", h.replace('~', "约 ")),
            _ => format!(" ({})", h.replace('~', "about ")),
        });
        let shown = shown.unwrap_or_default();
        s.push_str(&if zh {
            format!("，虚拟大小为 {size} 字节{shown}")
        } else {
            format!(", virtual size {size} bytes{shown}")
        });
    }
    let layout = match (f.partition_table, f.efi_partition, zh) {
        (PartitionTable::Gpt, Some(true), false) => ", GPT with an EFI system partition",
        (PartitionTable::Gpt, _, false) => ", GPT",
        (PartitionTable::Mbr, Some(true), false) => ", MBR with an EFI system partition",
        (PartitionTable::Mbr, _, false) => ", MBR",
        (PartitionTable::None, _, false) => ", no partition table",
        (PartitionTable::Gpt, Some(true), true) => "，GPT 分区表，含 EFI 系统分区",
        (PartitionTable::Gpt, _, true) => "，GPT 分区表",
        (PartitionTable::Mbr, Some(true), true) => "，MBR 分区表，含 EFI 系统分区",
        (PartitionTable::Mbr, _, true) => "，MBR 分区表",
        (PartitionTable::None, _, true) => "，没有分区表",
        _ => "",
    };
    s.push_str(layout);
    s.push_str(&if zh {
        format!("；共读取 {} 次、{} 字节", f.reads, f.bytes_read)
    } else {
        format!(
            "; read {} bytes in {}",
            f.bytes_read,
            plural(f.reads, "read", "reads")
        )
    });
    if !f.complete {
        s.push_str(if zh {
            "（并非每项检查都能在读取上限内完成，其余结果未知）"
        } else {
            " (not every check fit within the read bound: what the rest would show is unknown)"
        });
    }
    s
}

/// Columns a character takes in a terminal: 2 for East Asian wide characters.
pub(crate) fn char_width(c: char) -> usize {
    let u = c as u32;
    let wide = matches!(u, 0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

/// `s` padded with spaces to `columns` terminal columns.
pub(crate) fn pad(s: &str, columns: usize) -> String {
    let w: usize = s.chars().map(char_width).sum();
    format!("{s}{}", " ".repeat(columns.saturating_sub(w)))
}

/// The terminal columns `s` takes.
pub(crate) fn columns(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// The command line's help (`--help`) in Chinese: each command's description and each
/// option's help, by command and argument id. Every argument must have one (a test checks).
fn zh_arg_help(command: &str, id: &str) -> Option<&'static str> {
    Some(match (command, id) {
        ("importimage-lint", "paths") => "要检查的文件或文件夹；`-` 表示从标准输入读取（不指定时检查当前文件夹）",
        ("importimage-lint" | "role" | "image", "format") => {
            "输出格式：`text`（`路径:行:列`、源代码行、建议和错误码）、`json`（每个文件一份报告的数组）、`sarif`（SARIF 2.1.0，用于代码扫描）、`github`（GitHub Actions 注解）或 `gitlab`（GitLab 代码质量报告）；默认为 `text`"
        }
        ("rules", "format") => "输出格式：`text`、`json` 或 `markdown`；默认为 `text`",
        ("profiles", "format") => "输出格式：`text`（每个版本一段，每个参数一行）或 `json`（npm 包的 `profiles()` 返回的数据）；默认为 `text`",
        ("schema", "form") => "请求的形式：`flat`（平铺的 API 参数名）或 `nested`（SDK 模型的嵌套形式）；默认为 `flat`",
        ("schema", "profile") => "API 的版本：`2019-01`（API 参考，默认）或 `current`",
        ("server", "profile") => "API 的版本，优先于配置文件的 `profile`",
        (_, "profile") => "按哪个 API 版本的规则检查：`2019-01`（API 参考，默认）或 `current`",
        ("importimage-lint" | "role" | "image", "lang") => {
            "消息、建议和汇总的语言：`en`（默认）或 `zh-CN`（也可写作 `zh-cn`、`zh_CN` 或 `zh`）；规则 ID、参数名、错误码和 JSON 键保持不变"
        }
        ("explain", "lang") => "说明页的语言：`en`（默认）或 `zh-CN`（也可写作 `zh-cn`、`zh_CN` 或 `zh`）",
        ("server", "lang") => "消息的语言：`en` 或 `zh-CN`（也可写作 `zh-cn`、`zh_CN` 或 `zh`）；默认依次取配置文件的 `lang`、客户端的区域设置，否则为 `en`",
        ("server", "stdio") => "为总是以 --stdio 启动语言服务器的客户端而接受；标准输入输出是唯一的传输方式",
        (_, "lang") => "说明的语言：`en`（默认）或 `zh-CN`（也可写作 `zh-cn`、`zh_CN` 或 `zh`）",
        (_, "config") => "使用此配置文件，而不是从每个被检查文件所在的文件夹向上查找的 importimage-lint.toml",
        (_, "select") => "只报告这些规则（以逗号分隔的规则 ID）",
        (_, "ignore") => "不报告这些规则（以逗号分隔的规则 ID）",
        (_, "exit_zero") => "即使发现错误，也以退出码 0 结束",
        (_, "deny_warnings") => "警告也按错误计入退出码",
        (_, "color") => "何时为文本输出着色：`auto`（默认）、`always` 或 `never`（`auto` 时依次参考 FORCE_COLOR、NO_COLOR 和标准输出是否为终端）",
        (_, "stdin_filename") => "消息中标准输入所用的名称（也按它查找配置文件）",
        (_, "ndjson") => "每行一个请求（来自给出的文件或标准输入）",
        (_, "threads") => "检查 `--ndjson` 各行所用的线程数（输出仍按输入顺序）；0（默认）表示每个 CPU 核一个",
        (_, "fix") => "就地改写有确定修复的值，其他字节保持不变",
        (_, "diff") => "显示 `--fix` 会做的修改而不写入；有修改时以退出码 1 结束",
        ("role", "bundle") => "角色描述（JSON：RoleName、AssumeRolePolicyDocument、Policies；或 GetRole 的输出）；`-` 表示从标准输入读取。参见 examples/import-role.json",
        ("role", "request") => "ImportImage 请求：角色必须能读取其中磁盘的镜像文件",
        ("image", "files") => "镜像文件（无论多大，只读取各自的少量头部）",
        ("image", "request") => "将导入这些文件的 ImportImage 请求",
        ("image", "disk") => "文件对应请求中的磁盘 N（默认：OSSObject 以该文件名结尾的磁盘，否则为 1）",
        ("explain", "rule") => "规则 ID，例如 image-name-length",
        (_, "help") => "显示帮助",
        (_, "version") => "显示版本",
        _ => return None,
    })
}

/// A command's description in Chinese, by name.
fn zh_about(command: &str) -> Option<&'static str> {
    Some(match command {
        "importimage-lint" => "在上传之前，离线检查阿里云 ECS ImportImage（导入镜像）请求",
        "rules" => "列出全部规则：规则 ID、级别、各版本的错误码和说明",
        "role" => "离线检查导入镜像所用的 RAM 角色：名称、信任策略和权限策略；指定 --request 时，还检查权限策略的 Resource 是否涵盖请求中磁盘读取的内容",
        "image" => "在上传之前检查镜像文件：从文件头读出格式、虚拟大小和分区布局；指定 --request 时，与请求中的磁盘比对",
        "explain" => "说明一条规则：检查内容、原因、各版本的规定和示例",
        "profiles" => "显示各版本的参数表：参数及其类型、取值、限制和默认值",
        "schema" => "显示根据版本的参数表生成的请求 JSON Schema（draft 2020-12），供编辑器和校验工具使用",
        "help" => "显示本帮助或指定子命令的帮助",
        "server" => "为编辑器运行语言服务器（通过标准输入输出的 LSP）：在请求文件、.tf 文件和 shell 脚本中提供诊断、快速修复、悬停提示和补全",
        _ => return None,
    })
}

const AFTER_HELP_ZH: &str = "\
示例：
  importimage-lint examples/import-image.json        检查一个文件
  importimage-lint requests/                         检查文件夹下的全部请求文件
  cat req.json | importimage-lint --format json -    检查标准输入，以 JSON 输出报告
  importimage-lint --ndjson batch.ndjson             每行一个请求
  importimage-lint infra/main.tf deploy/import.sh    Terraform 资源和 aliyun 命令行
  importimage-lint rules                             列出全部规则
  importimage-lint explain image-name-length         说明一条规则，附示例
  importimage-lint role examples/import-role.json --request examples/import-image.json
                                                     检查导入镜像所用的 RAM 角色

请求文件是 JSON 对象（平铺的 API 参数名，或 SDK 模型的序列化形式）或查询字符串。检查文件夹时，
文件名包含 `importimage`、`import-image` 或 `import_image`（不区分大小写）且以 .json、.query、
.txt 或 .url 结尾的文件会被检查；含有 alicloud_image_import 资源的 .tf 文件和含有
`aliyun ecs ImportImage` 命令的 shell 脚本也会被检查，每个请求在其书写的位置报告。

从每个文件所在的文件夹向上找到的 importimage-lint.toml（或 --config 指定的文件）可以设置版本、
语言和各规则的级别；命令行选项优先。

退出码：0 没有错误，1 发现错误，2 用法错误或读写错误。";

/// The command line in Chinese: every command's description and every argument's help, the
/// headings, and the examples after the help. Names, flags and values stay as they are.
pub(crate) fn zh_command(cmd: clap::Command) -> clap::Command {
    fn translate(mut cmd: clap::Command, top: bool) -> clap::Command {
        let name = cmd.get_name().to_owned();
        let ids: Vec<String> = cmd
            .get_arguments()
            .map(|a| a.get_id().to_string())
            .collect();
        for id in ids {
            let help = zh_arg_help(&name, &id).unwrap_or("");
            cmd = cmd.mut_arg(id, |a| {
                let takes = a.get_action().takes_values();
                a.help(help)
                    .long_help(None::<&str>)
                    .hide_possible_values(takes)
                    .hide_default_value(takes)
            });
        }
        if let Some(about) = zh_about(&name) {
            cmd = cmd.about(about).long_about(None::<&str>);
        }
        let subs: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_owned())
            .collect();
        for sub in subs {
            cmd = cmd.mut_subcommand(sub, |s| translate(s, false));
        }
        // Headings with the full-width colon: clap writes its own with `:`.
        let mut template = "{about-with-newline}\n用法：{usage}\n".to_owned();
        if cmd.has_subcommands() {
            template.push_str("\n命令：\n{subcommands}\n");
        }
        if cmd.get_positionals().next().is_some() {
            template.push_str("\n参数：\n{positionals}\n");
        }
        template.push_str("\n选项：\n{options}{after-help}");
        // clap's own -h and -V, with their help in Chinese.
        let flag = |id: &'static str, short: char, action: clap::ArgAction| {
            clap::Arg::new(id)
                .short(short)
                .long(id)
                .action(action)
                .help(zh_arg_help(&name, id))
        };
        cmd = cmd
            .disable_help_flag(true)
            .arg(flag("help", 'h', clap::ArgAction::Help))
            .help_template(template);
        if top {
            cmd = cmd
                .disable_version_flag(true)
                .arg(flag("version", 'V', clap::ArgAction::Version))
                .after_help(AFTER_HELP_ZH)
                .after_long_help(AFTER_HELP_ZH);
        }
        cmd
    }
    let mut cmd = translate(cmd, true);
    // clap adds its `help` subcommand when the command is built.
    cmd.build();
    cmd.mut_subcommand("help", |s| {
        s.about(zh_about("help"))
            .help_template("{about-with-newline}\n用法：{usage}\n")
    })
}

/// The command line's own hint on a help that names another profile (the library's helps
/// name the profile, never a flag): how to select it here, with `--profile` or the
/// configuration file. The help's language is kept (a Chinese help gets a Chinese hint).
pub(crate) fn add_profile_hints(report: &mut importimage_lint::Report) {
    for d in &mut report.diagnostics {
        let Some(id) = d.data.expected.as_deref() else {
            continue;
        };
        if importimage_lint::profile::by_id(id).is_none() {
            continue;
        }
        let Some(help) = d.help.as_mut() else {
            continue;
        };
        if !help.contains(id) {
            continue;
        }
        if help.is_ascii() {
            help.push_str(&format!(
                " (--profile {id}, or profile = \"{id}\" in importimage-lint.toml)"
            ));
        } else {
            help.push_str(&format!(
                "（--profile {id}，或在 importimage-lint.toml 中写 `profile = \"{id}\"`）"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_in_number_in_english() {
        let t = Tally {
            files: 1,
            errors: 1,
            warnings: 2,
            ..Tally::default()
        };
        assert_eq!(
            summary(Lang::En, Subject::Request, &t),
            "Found 1 error, 2 warnings and 0 notes in 1 request."
        );
        assert_eq!(
            summary(Lang::ZhCn, Subject::Request, &t),
            "在 1 个请求中发现 1 个错误、2 个警告和 0 条提示。"
        );
    }

    #[test]
    fn sizes_read_in_their_largest_unit() {
        assert_eq!(human_size(3 << 20).as_deref(), Some("3 MiB"));
        assert_eq!(human_size(40 << 30).as_deref(), Some("40 GiB"));
        assert_eq!(human_size(67_125_248).as_deref(), Some("~64.02 MiB"));
        assert_eq!(human_size(1000), None);
    }

    /// Every argument of every command has Chinese help, so `--help` in Chinese is whole; a
    /// flag added without one fails here, naming it.
    #[test]
    fn every_argument_has_chinese_help() {
        use clap::CommandFactory;
        fn walk(cmd: &clap::Command, missing: &mut Vec<String>) {
            let name = cmd.get_name();
            if zh_about(name).is_none() {
                missing.push(format!("the command {name}"));
            }
            for a in cmd.get_arguments() {
                if zh_arg_help(name, a.get_id().as_str()).is_none() {
                    missing.push(format!("{name} {}", a.get_id()));
                }
            }
            for s in cmd.get_subcommands() {
                walk(s, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&crate::args::Cli::command(), &mut missing);
        assert!(missing.is_empty(), "no Chinese help for: {missing:?}");
    }

    #[test]
    fn padding_counts_wide_characters_twice() {
        assert_eq!(pad("规则", 6), "规则  ");
        assert_eq!(columns("规则a"), 5);
    }
}
