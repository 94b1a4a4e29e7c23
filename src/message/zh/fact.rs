//! 版本表格中的事实 (the Chinese facts of a profile's table).

use super::*;

/// A fact of a profile's table, as `explain` and the README print it.
pub(in crate::message) fn fact(f: &Fact<'_>) -> String {
    use crate::profile::Case;
    use Fact::*;
    match f {
        Choices {
            name,
            values,
            case,
            default,
        } => {
            let case = match case {
                Case::Exact => "区分大小写",
                Case::Warn => "大小写不同时给出警告",
                _ => "不区分大小写",
            };
            let default = default
                .map(|d| format!("；默认值为 {d}"))
                .unwrap_or_default();
            let values: Vec<&str> = values
                .iter()
                .map(|v| if v.is_empty() { "（空）" } else { v })
                .collect();
            format!("{name} 的取值：{}（{case}{default}）", values.join("、"))
        }
        OtherCaseWarns { name } => format!("{name}：大小写不同时给出警告"),
        Described { name, doc } => {
            format!(
                "{name}：{}",
                super::zh_docs::param(name)
                    .unwrap_or(doc)
                    .trim_end_matches('。')
            )
        }
        Length { name, min, max } => format!("{name} 的长度为 {min}~{max} 个字符"),
        NameStart { name } => format!("{name} 必须以英文字母或汉字开头"),
        NameCharacters { name, punctuation } => {
            format!(
                "{name} 可以包含英文字母、数字、汉字、{}",
                punctuation_named(punctuation)
            )
        }
        PrintableAscii { name } => format!("{name} 只能包含可打印的 ASCII 字符"),
        NoLink {
            name,
            anywhere: false,
        } => format!("{name} 不能以 http:// 或 https:// 开头"),
        NoLink {
            name,
            anywhere: true,
        } => format!("{name} 不能包含 http:// 或 https://"),
        ReservedPrefixes { name, prefixes: [] } => format!("{name} 没有保留前缀"),
        ReservedPrefixes { name, prefixes } => {
            format!("{name} 不能以 {} 开头", prefixes.join(" 或 "))
        }
        Ranges { name, ranges, unit } => {
            let unit = gib(*unit);
            let shown: Vec<String> = ranges
                .iter()
                .map(|&(a, z, min, max)| match (a, z) {
                    (0, 0) => format!("取值范围为 {min}~{max}{unit}"),
                    (a, z) if a == z => format!("N = {a} 时取值范围为 {min}~{max}{unit}"),
                    (a, z) => format!("N = {a}~{z} 时取值范围为 {min}~{max}{unit}"),
                })
                .collect();
            match ranges.as_slice() {
                [(0, 0, ..)] => format!("{name} 的{}", shown[0]),
                _ => format!("{name}：{}", shown.join("，")),
            }
        }
        KnownRegions { count } => format!("已知 {count} 个地域"),
        Index { prefix, max } => format!("{prefix}.N 中 N 的取值范围为 1~{max}"),
        Required { names } => format!("必填参数：{}", names.join("、")),
        FirstMember { prefix } => format!("必须传入 {prefix}.1"),
        Extensions { pairs } => {
            let shown: Vec<String> = pairs
                .iter()
                .map(|(e, f)| format!(".{e} 对应 {f}"))
                .collect();
            format!("扩展名：{}", shown.join("、"))
        }
        NoCombinations => "未规定参数之间的取值组合".into(),
        Combination {
            when,
            is,
            then,
            must,
        } => format!("{when} 为 {is} 时，{then} 必须为 {must}"),
        Deprecated { names } if names.is_empty() => "没有已弃用的参数".into(),
        Deprecated { names } => format!("已弃用：{}", names.join("、")),
        KnownParameters { count } => format!("已知 {count} 个参数"),
        Credentials { names } => format!("凭证参数：{}", names.join("、")),
        RoleName {
            name,
            from_request: true,
        } => format!("{name}，或请求的 RoleName 指定的角色"),
        RoleName {
            name,
            from_request: false,
        } => (*name).to_owned(),
        Trust { action, service } => format!("信任策略必须允许服务 {service} 执行 {action}"),
        Actions { actions, system } => {
            format!(
                "权限策略必须允许 {}（系统策略 {system} 包含全部权限）",
                actions.join("、")
            )
        }
        NotInRevision => "该版本中没有此规则检查的参数".into(),
    }
}
