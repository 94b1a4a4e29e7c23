//! The Simplified Chinese catalogue, in the terms of Alibaba Cloud's Chinese console and
//! documentation (地域, 镜像名称, 系统盘, 数据盘, 存储空间, 对象, 访问密钥, 信任策略). Parameter
//! names, values, API error codes and rule ids stay as they are.

use std::borrow::Cow;

use super::*;
use crate::chars::{code_point, show};
use crate::profile::{Os, Unit};

mod fact;
mod image;

pub(super) use fact::fact;
use image::image;

fn name(n: &str) -> Cow<'_, str> {
    if !n.is_empty()
        && n.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
    {
        Cow::Borrowed(n)
    } else {
        Cow::Owned(show(n))
    }
}

fn one_of(values: &[&str]) -> String {
    let shown: Vec<&str> = values
        .iter()
        .map(|v| if v.is_empty() { "\"\"" } else { v })
        .collect();
    match shown.as_slice() {
        [one] => (*one).to_owned(),
        _ => format!("{} 之一", shown.join("、")),
    }
}

fn json_type(t: JsonType) -> &'static str {
    match t {
        JsonType::Null => "null",
        JsonType::Bool => "布尔值",
        JsonType::Number => "数字",
        JsonType::String => "字符串",
        JsonType::Array => "数组",
        JsonType::Object => "对象",
        JsonType::NaN => "NaN（非数字）",
        JsonType::Infinity => "无穷大的数",
        JsonType::Undefined => "undefined（JSON 无法表示的值，例如函数或 Symbol）",
    }
}

fn expected(e: Expected) -> &'static str {
    match e {
        Expected::String => "字符串",
        Expected::Integer => "整数（JSON 整数或由数字组成的字符串）",
        Expected::Bool => "true 或 false",
        Expected::Object => "对象",
    }
}

fn problem(p: JsonProblem) -> &'static str {
    match p {
        JsonProblem::TextAfter => "JSON 文档之后还有多余的文本",
        JsonProblem::ExpectedObject => "此处应为 '{'",
        JsonProblem::ExpectedArray => "此处应为 '['",
        JsonProblem::ExpectedKey => "此处应为双引号括起的键",
        JsonProblem::ExpectedColon => "键之后应为 ':'",
        JsonProblem::ExpectedCommaOrBrace => "值之后应为 ',' 或 '}'",
        JsonProblem::ExpectedCommaOrBracket => "数组中应为 ',' 或 ']'",
        JsonProblem::ExpectedValue => "此处应为一个值",
        JsonProblem::ExpectedFractionDigit => "'.' 之后应为数字",
        JsonProblem::ExpectedExponentDigit => "指数部分应为数字",
        JsonProblem::ExpectedString => "此处应为 '\"'",
        JsonProblem::ExpectedHex => "\\u 之后应为四位十六进制数字",
        JsonProblem::ControlInString => "字符串中的控制字符必须转义",
        JsonProblem::UnknownEscape => "'\\' 之后是未知的转义",
        JsonProblem::Unclosed => "字符串没有结束",
        JsonProblem::TooDeep => "嵌套超过 128 层",
        JsonProblem::LoneSurrogate => "\\u 转义只给出了 UTF-16 代理对的一半，不构成字符",
    }
}

fn os(f: Os) -> &'static str {
    match f {
        Os::Windows => "Windows",
        _ => "Linux",
    }
}

fn gib(unit: Unit) -> &'static str {
    if unit == Unit::GiB {
        " GiB"
    } else {
        ""
    }
}

fn absent_how(how: Absence) -> &'static str {
    match how {
        Absence::Null => "为 null，视为未传入",
        Absence::Empty => "为空",
        Absence::Absent => "未传入",
    }
}

pub(super) fn render(m: &Msg<'_>) -> String {
    use Msg::*;
    match m {
        EmptyInput => "输入为空：应为 JSON 对象或查询字符串".into(),
        EmptyDocument => "输入为空：应为 JSON 文档".into(),
        ExpectedForm { json: true } => "应为 JSON 对象".into(),
        ExpectedForm { json: false } => "应为查询字符串".into(),
        InvalidJson { problem: p, found } => match (p, found) {
            (_, Some(c)) => format!("JSON 无效：{}；实际为 {}", problem(*p), show(&c.to_string())),
            (JsonProblem::TooDeep | JsonProblem::LoneSurrogate | JsonProblem::Unclosed, None) => {
                format!("JSON 无效：{}", problem(*p))
            }
            (_, None) => format!("JSON 无效：{}（输入已结束）", problem(*p)),
        },
        NotOneValue => "该值不是单个 JSON 值".into(),
        NotUtf8 { at, byte } => format!("输入不是 UTF-8：第 {at} 个字节（0x{byte:02X}）不是有效字符的开头"),
        TooLarge { max } => format!("输入超过可接受的最大文档大小（{max} 字节）"),
        Unreadable { reason } => format!("无法读取文件：{reason}"),
        NotARequest => "不是请求：应为 JSON 对象（以 '{' 开头）或由 key=value 组成的查询字符串".into(),
        UrlWithoutQuery => "该 URL 没有携带参数的查询字符串（'?'）".into(),
        UrlFragment => "查询字符串在 '#' 处结束：其后是 URL 片段，客户端从不发送".into(),
        UrlFragmentHelp => "值中的 '#' 请写作 %23，或删除该片段".into(),
        PackerSyntax { detail } => format!("该文件不是有效的 Packer 模板（HCL）：{detail}"),
        PackerRegionNotWritten => "此处没有写出 RegionId：Packer 会从环境变量 `ALICLOUD_REGION` 读取，因此跳过地域相关的检查".into(),
        PackerRegionNotWrittenHelp => "在后处理器中写出 `region` 即可检查".into(),
        PackerRegionFromProfile => "RegionId 取自 `profile` 所指 aliyun 命令行配置的 `region_id`：插件运行时读取该配置，并以其替代 `region` 发送，因此跳过地域相关的检查".into(),
        PackerRegionFromProfileHelp => "去掉 `profile` 即可发送并检查 `region`；或检查该配置的 region_id（`aliyun configure list`）".into(),
        TerraformSyntax { detail } => format!("该文件不是有效的 Terraform（HCL）：{detail}"),
        ShellUnclosedQuote { quote } => format!("此处开始的 {quote} 引号没有闭合"),
        NotLiteral { name: n, expr } => format!(
            "{} 的值为 {}，要到运行时才能确定：不检查它，也不检查与它比较的内容",
            name(n),
            code_span(expr)
        ),
        ProviderValue { attribute, value, choices } => format!(
            "alicloud provider 的 `{attribute}` 只接受 {}（区分大小写）：`terraform plan` 拒绝 {}，不会发送任何请求",
            choices.join("、"),
            show(value)
        ),
        ProviderValueHelp => "按 provider 的写法原样写出其中一个值".into(),
        RepeatedName { name: n, copies, packer: false } => format!(
            "`count`/`for_each` 为该资源创建 {copies} 个实例，每个都向同一地域导入名为 {} 的镜像：第一个之后的导入都会失败",
            show(n)
        ),
        RepeatedName { name: n, copies, packer: true } => format!(
            "该后处理器对构建的 {copies} 个源各运行一次，每次都向同一地域导入名为 {} 的镜像：插件会以“Duplicated image exists”终止第一次之后的导入；设置 `image_force_delete` 时则删除上一次导入的镜像",
            show(n)
        ),
        RepeatedNameHelp => "让每个实例的名称不同，例如在名称中写入 \"${each.key}\" 或 \"${count.index}\"".into(),
        PackerRepeatedNameHelp => "让每个源的名称不同，例如在名称中写入 \"${source.name}\"；或只为一个源运行该后处理器（`only`）".into(),
        NotLiteralHelp => "直接写出该值即可检查；或检查 Terraform、Packer 或脚本实际发送的请求".into(),
        RegionNotWritten => "此处没有写出 RegionId：provider 或 aliyun 命令行会从其配置中读取，因此跳过地域相关的检查".into(),
        RegionNotWrittenHelp => "写出地域（alicloud provider 块中的 `region`，或命令中的 `--RegionId` 或 `--region`）即可检查".into(),
        Placeholder { text } => format!("已跳过文档中的占位符 {}", show(text)),
        PlaceholderHelp => "在此处填写实际参数，或删除占位符".into(),
        QueryPairWithoutName => "查询字符串中有一项在 '=' 之前没有名称".into(),
        BadPercentEscape => "'%' 之后必须是两位十六进制数字（字面的 '%' 请写作 %25）".into(),
        PercentNotUtf8 { at } => format!("百分号转义解码后的字节不是 UTF-8（位于解码后的第 {at} 个字节）"),
        TooMany { omitted, kept } => format!("另有 {omitted} 项发现未列出；本报告只保留前 {kept} 项"),
        TooManyHelp => "修正已列出的问题后重新检查".into(),
        Image(m) => image(m),
        Duplicate { name: n } => format!("{} 被传入了不止一次", name(n)),
        DuplicateHelp { flat_and_nested: true } => "只保留一个值；无论以平铺（DiskDeviceMapping.1.OSSBucket）还是嵌套（DiskDeviceMapping: [{OSSBucket: …}]）方式书写，同一参数只能出现一次".into(),
        DuplicateHelp { flat_and_nested: false } => "只保留一个值：不同的解析器和 HTTP 组件保留的值各不相同".into(),
        BadIndex { family, raw, max, disks } => format!(
            "{family}.{} 中的 N 无效：N 的取值范围为 1~{max}，且不能有前导零{}",
            show(raw),
            if *disks { "；1 为系统盘，2 及以上为数据盘" } else { "" }
        ),
        ContainerValue { name: n } => format!("{} 是一组参数，而不是单个值", name(n)),
        ContainerValueHelp { member } if member.contains(".N.") => format!(
            "请写出其成员，例如 {}=…，或使用嵌套的对象数组",
            member.replacen(".N.", ".1.", 1)
        ),
        ContainerValueHelp { member } => format!("请写出其成员，例如 {member}=…，或使用嵌套对象"),
        NewerApi { name: n, other, this } => format!(
            "{} 属于版本 `{other}`；本报告依据的版本 `{this}` 中没有该参数",
            name(n)
        ),
        SelectProfile { id } => format!("请选择该版本：{id}"),
        Unknown { name: n } => format!("{} 不是 ImportImage 的参数", show(n)),
        DidYouMeanName { suggestion } => format!("您是否想写 {suggestion}？参数名区分大小写"),
        CheckSpelling => "删除该参数，或对照 `importimage-lint rules` 检查拼写".into(),
        WrongType { name: n, found, expected: e } => {
            format!("{} 为{}，但必须为{}", name(n), json_type(*found), expected(*e))
        }
        Empty { name: n } => format!("{} 为空，视为未传入", name(n)),
        EmptyHelp { default: Some(d) } => format!("服务将使用默认值 {d}；请删除该参数或填写值"),
        EmptyHelp { default: None } => "请删除该参数或填写值".into(),
        Deprecated { name: n } => format!("{} 已弃用", name(n)),
        UseInstead { name: n } => format!("请改用 {}，值保持不变", name(n)),
        RemoveDeprecated => "请删除：该参数没有替代项".into(),
        Missing { name: n, how: Absence::Absent } => format!("{} 为必填参数", name(n)),
        Missing { name: n, how } => format!("{} {}，但它是必填参数", name(n), absent_how(*how)),
        NoMember { family, field } => {
            format!("未传入 {family}：系统盘 {family}.1 需要 {field}")
        }
        FirstMemberMissing { family, field } => {
            format!("缺少系统盘 {family}.1：它需要 {field}")
        }
        MemberMissing { name: n, family, n: i, field, how: Absence::Absent } => {
            format!("{} 为必填参数：传入 {family}.{i} 时必须指定其 {field}", name(n))
        }
        MemberMissing { name: n, family, n: i, field, how } => format!(
            "{} {}，但传入 {family}.{i} 时必须指定其 {field}",
            name(n),
            absent_how(*how)
        ),
        AddParam { name: n, doc: _ } => format!("请添加 {}", name(n)),
        BadTimestamp { value } => format!("Timestamp {} 不是 ISO 8601 格式的 UTC 时间", show(value)),
        TimestampHelp => "格式为 YYYY-MM-DDThh:mm:ssZ，例如 2019-01-07T10:00:00Z".into(),
        Credential { name: n } => format!("{} 含有凭证，凭证不应出现在请求中", name(n)),
        CredentialHelp => "请删除，并由 SDK 或 CLI 使用环境变量或凭证文件中的访问密钥为请求签名".into(),
        CliUnknownParameter { name: n } => format!("aliyun 命令行会拒绝此命令：ImportImage 没有参数 {}（只有加上 `--force` 时命令行才会发送未知参数）", name(n)),
        CliMissingValue { flag } => format!("aliyun 命令行会拒绝此命令：{} 需要一个值", code_span(flag)),
        CliNoValue { flag } => format!("aliyun 命令行会拒绝此命令：{} 不接受值", code_span(flag)),
        CliDuplicated { flag } => format!("aliyun 命令行会拒绝此命令：{} 出现了两次", code_span(flag)),
        CliDoubleDash => "aliyun 命令行会拒绝此命令：它不接受单独的 `--`".into(),
        CliExtraArgument { word } => format!("aliyun 命令行会拒绝此命令：在产品和接口名称之后，{} 是多余的一个词", show(word)),
        CliRefusesHelp => "按命令行的读取方式书写命令：`aliyun [选项] ecs ImportImage --Name value …`，每个选项只写一次并带上其值".into(),
        CredentialLiteral { name: n } => format!("{} 是以明文写在文件中的凭证，任何能读取该文件或其历史记录的人都能看到", code_span(n)),
        CredentialLiteralHelp => "请删除：改由 aliyun 命令行、provider 或 Packer 从配置、实例 RAM 角色或在文件之外设置的环境变量（`ALIBABA_CLOUD_ACCESS_KEY_ID`、`ALIBABA_CLOUD_ACCESS_KEY_SECRET`；Packer 读取 `ALICLOUD_ACCESS_KEY`、`ALICLOUD_SECRET_KEY`）读取凭证".into(),
        BadRegion { value } => format!("RegionId {} 不是地域 ID", show(value)),
        RegionHelp => "地域 ID 由以短划线（-）连接的小写单词组成，例如 cn-hangzhou；`aliyun ecs DescribeRegions` 可列出全部地域".into(),
        UnknownRegion { value } => format!("RegionId {} 不是本工具已知的地域", show(value)),
        UnknownRegionHelp { value, near: Some(s) } => {
            format!("您是否想写 {s}？如果 {} 是新开放的地域，请忽略此警告", show(value))
        }
        UnknownRegionHelp { near: None, .. } => "请对照 `aliyun ecs DescribeRegions` 检查；如果是新开放的地域，请忽略此警告".into(),
        Link { name: n, value, anywhere } => format!(
            "{} {} 看起来是链接：{}",
            name(n),
            show(value),
            if *anywhere { "不能包含 http:// 或 https://" } else { "不能以 http:// 或 https:// 开头" }
        ),
        LinkHelp { name: true, .. } => "请按内容命名，例如 centos-7-web".into(),
        LinkHelp { anywhere: true, .. } => "请删除链接".into(),
        LinkHelp { anywhere: false, .. } => "请以文字开头；链接可以放在后面".into(),
        ReservedPrefix { name: n, value, prefix } => {
            format!("{} {} 以保留前缀 {prefix} 开头", name(n), show(value))
        }
        AvoidPrefixes { prefixes } => format!("请选择不以 {} 开头的值", prefixes.join(" 或 ")),
        Length { name: n, len, min, max } => {
            format!("{} 的长度为 {len} 个字符；长度必须为 {min}~{max} 个字符", name(n))
        }
        UseLonger { param } => format!("请填写更长的值，或不传入 {param}"),
        UseShorter => "请缩短".into(),
        Utf16Length { name: n, len, units, min, max } => format!(
            "{} 为 {len} 个字符，但按 UTF-16 计为 {units} 个单位，以 UTF-16 计数的服务对其长度的判断与 {min}~{max} 个字符的规定不同",
            name(n)
        ),
        Utf16Help => "基本多文种平面以外的字符在 UTF-16 中计为两个单位；请让名称按两种计法都不超出限制".into(),
        BadStart { name: n, value, first } => format!(
            "{} {} 以 {}（{}）开头；必须以英文字母或汉字开头",
            name(n),
            show(value),
            show(&first.to_string()),
            code_point(*first)
        ),
        StartHelp => "请以字母开头，例如 img-…".into(),
        BadCharacters { name: n, value, chars } => {
            let listed: Vec<String> = chars
                .iter()
                .map(|c| format!("{}（{}）", show(&c.to_string()), code_point(*c)))
                .collect();
            format!("{} {} 含有不允许的字符：{}", name(n), show(value), listed.join("、"))
        }
        NameCharsHelp { punctuation } => {
            let dash = if punctuation.contains('-') { "，空格等其他字符可替换为短划线（-）" } else { "" };
            format!("只能包含英文字母、数字、汉字、{}{dash}", punctuation_named(punctuation))
        }
        AsciiOnly { name: n, ch } => format!("{} 只能包含可打印的 ASCII 字符；其中含有 {}", name(n), code_point(*ch)),
        AsciiHelp => "只使用可打印的 ASCII 字符".into(),
        CaseVariant { name: n, value, documented } => {
            format!("{} {} 在 API 文档中写作 {documented}", name(n), show(value))
        }
        CaseVariantHelp { documented } => format!("服务可以接受，但为稳妥起见请写作 {documented}"),
        Whitespace { name: n, value } => format!("{} {} 的值前后有空白字符", name(n), show(value)),
        CaseOnly { name: n, value, allowed } => format!(
            "{} 必须为 {}；{} 大小写不同",
            name(n),
            one_of(allowed),
            show(value)
        ),
        NotOneOf { name: n, value, allowed } => {
            format!("{} 必须为 {}；实际为 {}", name(n), one_of(allowed), show(value))
        }
        ValidUnderProfile { value, profile, this } => format!(
            "{} 在版本 {profile} 中有效；本报告依据版本 {this}",
            show(value)
        ),
        ValueOfOther { value, other } => {
            format!("{} 是 {other} 的取值；您是否想设置 {other}？", show(value))
        }
        DidYouMean { suggestion } => format!("您是否想写 {suggestion}？"),
        WriteOneOf { allowed } => format!("请写作 {}", one_of(allowed)),
        Write { value } => format!("请写作 {value}"),
        NotWhole { name: n, value, unit } => format!(
            "{} {} 不是{}整数",
            name(n),
            show(value),
            if *unit == Unit::GiB { "以 GiB 为单位的" } else { "" }
        ),
        WriteNumberAlone { number } => format!("只写数字：{number}"),
        WholeRange { min, max, unit, detected } => format!(
            "请填写 {min}~{max}{} 范围内的整数{}",
            gib(*unit),
            if *detected { "，或不传入该参数，由服务检测镜像" } else { "" }
        ),
        NumberWhitespace { name: n, value } => format!("{} {} 的数字前后有空白字符", name(n), show(value)),
        OutOfRange { name: n, value, min, max, unit, n: i, system } => {
            let shown: String = if value.chars().count() > 24 {
                value.chars().take(24).collect::<String>() + "…"
            } else {
                (*value).to_owned()
            };
            let whose = match (*i, *system) {
                (0, _) => "取值范围为".to_owned(),
                (_, true) => "系统盘（N = 1）的取值范围为".to_owned(),
                _ => "数据盘的取值范围为".to_owned(),
            };
            format!("{} 为 {shown}{}；{whose} {min}~{max}{}", name(n), gib(*unit), gib(*unit))
        }
        Bounds { min, max, below, padded, unit } => {
            let mut s = if *below {
                if *unit == Unit::GiB {
                    format!("至少为 {min} GiB，且不小于镜像实际占用的空间")
                } else {
                    format!("至少为 {min}")
                }
            } else {
                format!("最多为 {max}{}", gib(*unit))
            };
            if *padded {
                s.push_str("，并删除数字前后的空格");
            }
            s
        }
        NotBool { name: n, value } => format!("{} 必须为 true 或 false；实际为 {}", name(n), show(value)),
        BoolHelp => "请写作 true 或 false".into(),
        BadArn { name: n, value } => format!("{} {} 不是云盒（CloudBox）的 ARN", name(n), show(value)),
        ArnHelp => "格式为 arn:acs:cloudbox:{RegionId}:{AliUid}:cloudbox/{CloudBoxId}：云盒的地域、您的账号 ID 和云盒 ID".into(),
        ArnRegion { name: n, region, want } => {
            format!("{} 指向 {region} 的云盒，但 RegionId 为 {want}", name(n))
        }
        ArnRegionHelp => "请导入到云盒所在的地域，或提供 RegionId 所在地域的云盒 ARN".into(),
        Deceptive { name: n, kind, ch, more } => format!(
            "{} 含有{}（{}）{}：该值与看上去的不同",
            name(n),
            match kind {
                Hidden::Control => "控制字符",
                Hidden::Direction => "改变文字方向的字符",
                Hidden::Invisible => "不可见字符",
            },
            code_point(*ch),
            if *more > 0 { format!("，另有 {more} 个此类字符") } else { String::new() }
        ),
        DeceptiveHelp => "请重新输入该值；审阅者和终端不会如实显示这些字符".into(),
        BucketLocation { name: n, form, value } => format!(
            "{} 中是{}（{}），但该参数只接受存储空间（Bucket）名称",
            name(n),
            match form {
                Located::OssUrl => " oss:// URL",
                Located::HttpUrl => " OSS URL",
                Located::Endpoint => " OSS 访问域名",
                Located::OtherUrl => " URL",
                Located::Path => "路径",
            },
            show(value)
        ),
        SetBucket { name: n, bucket, object: None } => format!("将 {} 设为 {bucket}", name(n)),
        SetBucket { name: n, bucket, object: Some((o, key)) } => {
            format!("将 {} 设为 {bucket}，将 {} 设为 {}", name(n), name(o), show(key))
        }
        BucketAlone { object } => format!("只写存储空间名称，对象名称写在 {} 中", name(object)),
        BadBucket { name: n, value } => format!("{} {} 不是有效的 OSS 存储空间名称", name(n), show(value)),
        BucketHelp => "存储空间名称的长度为 3~63 个字符，只能包含小写字母、数字和短划线（-），且必须以小写字母或数字开头和结尾".into(),
        RemoveWhitespace { value } => format!("请删除空白字符：{value}"),
        OssRegion { name: n, region, want } => format!("{} 指向 {region} 的 OSS，但 RegionId 为 {want}", name(n)),
        OssRegionHelp { region, want } => {
            format!("镜像只能从同一地域的 OSS 导入：请导入到 {region}，或将镜像复制到 {want} 的存储空间")
        }
        ObjectUrl { name: n, value } => format!("{} 中是 URL（{}），但该参数只接受对象名称", name(n), show(value)),
        ObjectUrlOtherBucket { name: n, bucket, given } => format!(
            "{} 是指向存储空间 {bucket} 的 URL，但该磁盘的 OSSBucket 为 {given}",
            name(n)
        ),
        ObjectUrlOtherBucketHelp => "请确定镜像所在的存储空间：将其写在 OSSBucket 中，OSSObject 中只写对象名称".into(),
        WriteKeyAlone { key } => format!("只写对象名称：{}", show(key)),
        ObjectKeyHelp => "请写对象名称，例如 images/centos7.qcow2".into(),
        ObjectTooLong { name: n, len } => format!("{} 长度为 {len} 字节；对象名称最多 1023 字节", name(n)),
        ObjectLeadingSlash { name: n, value } => format!(
            "{} {} 以 {} 开头；对象名称不能以此开头",
            name(n),
            show(value),
            &value[..1]
        ),
        DropSeparator { key } => format!("删除开头的分隔符：{}", show(key)),
        PlatformOs { platform, platform_default, family, os: o, os_default } => format!(
            "Platform {platform}{} 是 {} 系统，但 OSType 为 {o}{}",
            if *platform_default { "（默认值）" } else { "" },
            os(*family),
            if *os_default { "（默认值）" } else { "" }
        ),
        SetOsType { os: o } => format!("将 OSType 设为 {o}"),
        SetPlatform { family } => format!("将 Platform 设为镜像的 {} 发行版", os(*family)),
        CheckWhichIsRight { os: o, platform } => {
            format!("OSType {o} 与 Platform {platform} 相符；请确认两者中哪一个正确")
        }
        FormatExtension { name: n, format, object, ext } => format!(
            "{} 为 {format}，但对象 {object} 的扩展名为 .{}",
            name(n),
            ext.to_ascii_lowercase()
        ),
        FormatExtensionHelp { implied } => {
            format!("如果文件是 {implied}，请写作 {implied}；或不传入 Format，由服务检测")
        }
        Requires { when, is, then, must } => format!("{when} 为 {is} 时，{then} 必须为 {must}"),
        RequiresHelp { then, must } => format!("请写作 {must}（或不传入 {then}，其默认值即为 {must}）"),
        DuplicateName { name: n, region, earlier } => format!(
            "本次运行的第 {} 个请求已在 {region} 导入名为 {} 的镜像",
            earlier + 1,
            show(n)
        ),
        DuplicateNameHelp => "为每个镜像取不同的名称，例如加上版本后缀".into(),
        DocumentType { path, found, string_ok } => format!(
            "{path} 为{}，但权限策略文档必须为{}",
            json_type(*found),
            if *string_ok { "对象或 JSON 字符串" } else { "JSON 对象" }
        ),
        DocumentNotJson { path, error } => format!("{path} 是字符串，但不是 JSON：{error}"),
        DocumentNotJsonHelp => "以字符串形式书写的策略文档必须是 JSON，与 RAM 的 GetRole 返回的一致".into(),
        StringsExpected { path, found } => {
            format!("{path} 必须为字符串或字符串列表，而不是{}", json_type(*found))
        }
        PolicyVersion { path, value, found } => format!(
            "{path}.Version 必须为 \"1\"；实际为 {}",
            value.map_or_else(|| json_type(*found).to_owned(), show)
        ),
        WriteVersion => "请写作 \"Version\": \"1\"".into(),
        NoMemberIn { path, member } => format!("{path} 中没有 {member}"),
        AddMember { member: "Version" } => "请添加 \"Version\": \"1\"".into(),
        AddMember { member: "Statement" } => "请添加 \"Statement\": [{\"Effect\": \"Allow\", \"Action\": …, \"Resource\": …}]".into(),
        AddMember { member: "Effect" } => "请添加 \"Effect\": \"Allow\"".into(),
        AddMember { member: "Resource" } => "请添加 \"Resource\": \"*\" 或其涵盖的存储空间和对象".into(),
        AddMember { member } => format!("请添加 {member}"),
        StatementList { path, found } => format!(
            "{path}.Statement 必须为语句列表或单个语句，而不是{}",
            json_type(*found)
        ),
        StatementObject { path, found } => format!("{path} 必须为对象，而不是{}", json_type(*found)),
        BadEffect { path, value, found } => format!(
            "{path}.Effect 必须为 Allow 或 Deny；实际为 {}",
            value.map_or_else(|| json_type(*found).to_owned(), show)
        ),
        NotEvaluated { path, keys } => format!(
            "{path} 含有 {}，无法离线评估；该语句不计入",
            keys.join(" 和 ")
        ),
        NotEvaluatedHelp => "请确认它不会阻止 ECS；无条件的语句可以在此检查".into(),
        BundleType { found } => format!("角色描述应为 JSON 对象，而不是{}", json_type(*found)),
        BundleHelp => "请参见 examples/import-role.json".into(),
        RoleNamed { got, found, expected } => format!(
            "该角色名为 {}，但导入使用名为 {expected} 的角色",
            got.map_or_else(|| json_type(*found).to_owned(), show)
        ),
        CreateRoleAs { expected } => format!("请将角色创建为 {expected}（名称必须完全一致）"),
        NoRoleName => "角色描述中没有 RoleName".into(),
        AddRoleName { expected } => format!("请添加 \"RoleName\": \"{expected}\""),
        NoTrustPolicy => "角色描述中没有 AssumeRolePolicyDocument（信任策略）".into(),
        NoTrustPolicyHelp => "请添加该角色的信任策略，与 GetRole 返回的一致".into(),
        TrustDenied { path, service, action } => {
            format!("{path} 拒绝 {service} 执行 {action}，拒绝优先于任何允许")
        }
        RemoveDeny => "请删除该 Deny 语句".into(),
        TrustMissing => "信任策略不允许 ECS 扮演该角色".into(),
        TrustHelp { service, action } => format!(
            "请添加 {{\"Effect\": \"Allow\", \"Action\": \"{action}\", \"Principal\": {{\"Service\": [\"{service}\"]}}}}"
        ),
        UnknownSystemPolicy { name: n } => format!(
            "系统策略 {} 无法离线识别；其权限不计入",
            n.map_or_else(|| "（没有 PolicyName）".to_owned(), show)
        ),
        UnknownSystemPolicyHelp { system } => {
            format!("请授予 {system}，或提供自定义策略的 PolicyDocument")
        }
        NoPolicyDocument { path } => format!("{path} 是没有 PolicyDocument 的自定义策略"),
        PoliciesType { found } => format!("Policies 必须为策略列表，而不是{}", json_type(*found)),
        ActionDenied { path, action } => format!("{path} 拒绝 {action}，拒绝优先于任何允许"),
        NarrowDeny { action } => format!("请从 Deny 语句中删除 {action}，或缩小其 Resource"),
        ResourceMissing { action, resource } => {
            format!("该角色允许 {action}，但不包括请求中磁盘读取的 {resource}")
        }
        AddResource { action, resource } => {
            format!("请将 \"{resource}\" 加入允许 {action} 的语句的 Resource")
        }
        ActionMissing { action, resource: None } => format!("该角色的策略均未允许 {action}"),
        ActionMissing { action, resource: Some(r) } => format!("该角色的策略均未允许对 {r} 执行 {action}"),
        GrantAction { action, system, resource } => format!(
            "请授予系统策略 {system}，或在自定义策略中添加 {{\"Effect\": \"Allow\", \"Action\": [\"{action}\"], \"Resource\": \"{resource}\"}}"
        ),
        RequestUnread { reason } => {
            format!("无法读取请求中的磁盘（{reason}），因此未按其检查该角色的 Resource")
        }
        RequestUnreadHelp => "请先检查并修正请求本身，再用它检查角色".into(),
        DiskUnread { n, bucket } => format!(
            "磁盘 {n} 的 OSSBucket {} 不是存储空间名称，因此未按该磁盘检查角色的 Resource",
            show(bucket)
        ),
        DiskUnreadHelp => "请在 OSSBucket 中只写存储空间名称（请求本身的检查会说明如何修改），然后再次检查角色".into(),
    }
}

/// Punctuation as Alibaba Cloud's documents name it: 半角冒号（:）、下划线（_）、短划线（-）.
fn punctuation_named(punctuation: &str) -> String {
    let named: Vec<String> = punctuation
        .chars()
        .map(|c| match c {
            ':' => "半角冒号（:）".to_owned(),
            '_' => "下划线（_）".to_owned(),
            '-' => "短划线（-）".to_owned(),
            '.' => "半角句号（.）".to_owned(),
            c => format!("`{c}`"),
        })
        .collect();
    match named.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}或{last}", rest.join("、")),
        _ => named.join(""),
    }
}
