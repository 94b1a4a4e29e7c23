//! The command line's own words in each language: the labels, summary lines and headings it
//! writes around the library's diagnostics (which come already written in the language).
//! Rule ids, parameter names, API error codes and JSON keys never change with it.

use importimage_lint::image::{ImageFacts, ImageFormat, PartitionTable};
use importimage_lint::Lang;

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
};

const ZH: Words = Words {
    parameter: "参数",
    help: "建议",
    fix: "修复",
    prevents: "可避免的 API 错误",
    earlier_at: "注意：前面的请求位于",
    rule: "规则",
    severity: "级别",
    summary: "说明",
    what: "检查内容",
    why: "原因",
    by_profile: "各规则集",
    api_error: "API 错误",
    no_code: "此版本未指明错误码",
    differ: "各规则集对此规则的规定不同。",
    same: "各规则集对此规则的规定相同。",
    passing: "可通过的示例",
};

/// The words of a language.
pub(crate) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::ZhCn => &ZH,
        _ => &EN,
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
        Lang::ZhCn => format!("（默认级别为 {severity}；代码位于 {file}）"),
        _ => format!("({severity} by default; code in {file})"),
    }
}

/// `explain`'s heading over a rule's failing examples.
pub(crate) fn failing(lang: Lang, profile: &str, image: bool) -> String {
    match (lang, image) {
        (Lang::ZhCn, true) => format!("不通过的示例（规则集 {profile}；镜像信息和请求）"),
        (Lang::ZhCn, false) => format!("不通过的示例（规则集 {profile}）"),
        (_, true) => {
            format!("Failing example (profile {profile}; the image's facts and the request)")
        }
        (_, false) => format!("Failing example (profile {profile})"),
    }
}

/// The heading of the API error code column of `rules` for a profile.
pub(crate) fn code_column(lang: Lang, profile: &str) -> String {
    match lang {
        Lang::ZhCn => format!("API 错误码（{profile}）"),
        _ => format!("API code ({profile})"),
    }
}

/// One line about what an image file is: format, variant, virtual size, boot layout.
pub(crate) fn describe_image(lang: Lang, f: &ImageFacts) -> String {
    let zh = lang == Lang::ZhCn;
    let mut s = f.format.name().to_owned();
    if f.format == ImageFormat::Raw {
        s.push_str(if zh {
            "（未识别到任何已知格式的头部）"
        } else {
            " (no recognised header)"
        });
    }
    if let Some(v) = f.variant {
        s.push_str(&if zh {
            format!("（{v}）")
        } else {
            format!(" ({v})")
        });
    }
    if let Some(size) = f.virtual_size {
        let gib = size.div_ceil(1 << 30);
        s.push_str(&if zh {
            format!("，虚拟大小 {size} 字节（{gib} GiB）")
        } else {
            format!(", virtual size {size} bytes ({gib} GiB)")
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
        format!("；读取了 {} 字节，共 {} 次", f.bytes_read, f.reads)
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
    fn padding_counts_wide_characters_twice() {
        assert_eq!(pad("规则", 6), "规则  ");
        assert_eq!(columns("规则a"), 5);
    }
}
