//! What each rule checks and why, in Simplified Chinese: the counterpart of each rule's
//! English documentation (`RuleDoc`), keyed by rule. A test checks that every rule has both.

use crate::rule::Rule;

/// A rule's summary and reason in Simplified Chinese.
pub(crate) fn doc(rule: Rule) -> (&'static str, &'static str) {
    use Rule::*;
    match rule {
        InvalidInput => (
            "输入不是请求：JSON 有误、不是 UTF-8、过大，或既不是 JSON 也不是查询字符串。",
            "在能读懂文本之前无法检查其他内容；位置信息指出读取停止的地方。",
        ),
        DuplicateParameter => (
            "同一参数传入了两次：JSON 键或查询键重复，或同一磁盘既以平铺方式又以嵌套方式书写。",
            "JSON 解析器和 HTTP 组件会悄悄保留其中一个值，且保留哪一个各不相同；实际发送的请求可能不是审阅过的那个。",
        ),
        UnknownParameter => (
            "API 不认识的参数名，通常是拼写或大小写错误；服务的参数名区分大小写。",
            "服务会忽略不认识的参数，因此拼错的 ImageName 会悄悄生成一个没有该名称的镜像。",
        ),
        NewerApiParameter => (
            "属于 API 另一版本的参数，当前版本中没有它。",
            "当前版本无法判断该参数；请选择您调用的 API 版本。",
        ),
        InvalidValueType => (
            "JSON 值的类型不是该参数接受的类型：参数为字符串，整数参数也接受 JSON 整数，布尔参数接受 JSON 布尔值；null 表示未传入；NaN、Infinity 和 undefined 永远不是有效值。",
            "SDK 以文本形式序列化请求；在应为单个值的位置写数组或对象，到达服务时就不是原来的样子。",
        ),
        EmptyValue => (
            "可选参数传入空字符串时视为未传入。",
            "空值等同于不传入该参数，因此会使用默认值；本提示说明这一点。",
        ),
        DocPlaceholder => (
            "从文档中粘贴的 `<…>` 占位符（例如 `<Common Request Parameters>`）会被跳过。",
            "API 文档在请求示例中使用占位符；它们不是参数。",
        ),
        UrlFragment => (
            "查询字符串或 URL 中的 `#` 开始一个片段，客户端从不发送片段。",
            "`#` 之后的内容在请求离开本机前就被丢弃；值中的 `#` 必须写作 %23。",
        ),
        ValueNotLiteral => (
            "Terraform 文件或 aliyun 命令行中，值没有直接写出的参数（变量、引用、函数、插值、`$VAR`）不作检查，与它比较的内容也不检查。",
            "这样的值只有在 Terraform 或 shell 运行时才能确定；猜测会带来误报，因此以提示说明哪些内容未检查。",
        ),
        TooManyDiagnostics => (
            "报告已达到发现数量的上限；本条说明还有多少项未列出。",
            "恶意或自动生成的输入可能产生数百万条发现；上限让报告保持精简，`valid` 仍会计入未列出的错误。",
        ),
        MissingParameter => (
            "缺少必填参数，或其值为 null 或空：RegionId、系统盘，或磁盘的 OSSBucket 或 OSSObject（以及标签的 Key）。",
            "服务会立即返回 MissingParameter；导入需要地域，并需要知道每个磁盘的镜像文件位于 OSS 的何处。",
        ),
        ParameterIndex => (
            "编号参数组（DiskDeviceMapping.N、Tag.N）的 N 不是取值范围内、没有前导零的整数，平铺和嵌套写法同样适用。",
            "N = 1 为系统盘，其余为数据盘，数量不超过该版本的上限；其他 N 不对应任何磁盘，服务会拒绝或忽略。",
        ),
        DeprecatedParameter => (
            "已弃用的参数，例如当前 API 中的 DiskDeviceMapping.N.Device 或 DiskDeviceMapping.N.DiskImSize。",
            "当前文档建议不再使用；服务仍然接受，因此这是没有错误码的警告。",
        ),
        ActionValue => (
            "如果传入 Action，其值必须恰好为 ImportImage；也可以不传入，因为 ACS3 签名方式在请求头中发送它。",
            "其他 Action 是另一个 API 调用，该请求不会导入任何镜像。",
        ),
        ResponseFormat => (
            "顶层的 Format 是 RPC 返回格式（JSON 或 XML，大小写不限）；磁盘镜像格式应写在 DiskDeviceMapping.N.Format 中。",
            "在顶层写 `Format: qcow2` 是常见的笔误：这样镜像格式根本没有设置，而返回格式又是无效的。",
        ),
        ApiVersion => (
            "如果传入 Version，其值必须为 ECS API 版本 2014-05-26。",
            "ECS 只有一个 RPC API 版本；其他值会在读取参数之前就被拒绝。",
        ),
        SignatureMethod => (
            "如果传入 SignatureMethod，其值必须为 HMAC-SHA1。",
            "ECS 的 RPC 签名只使用 HMAC-SHA1 计算。",
        ),
        SignatureVersion => (
            "如果传入 SignatureVersion，其值必须为 1.0。",
            "1.0 是 RPC 风格唯一的签名版本。",
        ),
        Timestamp => (
            "如果传入 Timestamp，其值必须是 ISO 8601 格式的 UTC 时间：YYYY-MM-DDThh:mm:ssZ。",
            "服务会拒绝无法解析或不是 UTC 的时间戳。",
        ),
        CredentialInRequest => (
            "请求中写入了凭证（AccessKeyId、AccessKeySecret、Signature、SecurityToken、BearerToken），或在脚本、Terraform 文件中以明文写出了凭证（命令行的凭证选项、`ALIBABA_CLOUD_*` 或 `ALICLOUD_*` 环境变量、provider 的密钥）；其值在所有输出中都会被遮盖。",
            "请求文件最终会进入代码仓库和 CI 日志；凭证应放在环境变量或凭证文件中，由 SDK 用其签名。",
        ),
        RegionIdFormat => (
            "RegionId 必须由以短划线（-）连接的小写字母和数字单词组成，并以字母开头，例如 cn-hangzhou 或 ap-southeast-1。",
            "其他形式的地域 ID 不对应任何地域，服务会返回地域不存在。",
        ),
        RegionIdUnknown => (
            "格式正确、但不在该版本已知地域列表中的 RegionId。",
            "地域会陆续增加，因此这是警告；最常见的是 cn-hangzou 这样的拼写错误。",
        ),
        ImageNameLength => (
            "ImageName 的长度必须在该版本规定的取值范围内，按 Unicode 码位计数（一个汉字计为一个字符）。",
            "服务会拒绝长度超出范围的名称。",
        ),
        ImageNameUtf16Length => (
            "ImageName 按 UTF-16 码元计数的长度（Java 服务可能这样计数）与按码位计数的长度落在限制的两侧。",
            "基本多文种平面以外的字符（例如生僻汉字）按码位计一次，按 UTF-16 计两次；服务对这样的名称可能有不同的判断。",
        ),
        ImageNameStart => (
            "ImageName 必须以英文字母或汉字开头。",
            "以数字或标点开头的名称会被服务拒绝。",
        ),
        ImageNameCharacters => (
            "从第二个字符起，ImageName 只能包含英文字母、数字、汉字以及该版本允许的标点。",
            "空格、斜杠等其他字符（在版本 2019-01 中也包括半角句号（.））会使名称格式错误。",
        ),
        ImageNameUrl => (
            "ImageName 不能以 http:// 或 https://（大小写不限）开头（当前 API 禁止在任何位置出现）。",
            "看起来像链接的名称会被拒绝，以免控制台显示可点击的仿冒链接。",
        ),
        ImageNamePrefix => (
            "ImageName 不能以该版本为阿里云自有镜像保留的前缀开头。",
            "保留前缀会被拒绝，以免自定义镜像冒充公共镜像。",
        ),
        DescriptionLength => (
            "Description 的长度必须在该版本规定的取值范围内，按 Unicode 码位计数；版本 2019-01 允许为空。",
            "服务会拒绝过长的描述（当前 API 也拒绝只有一个字符的描述）。",
        ),
        DescriptionUrl => (
            "Description 不能以 http:// 或 https://（大小写不限）开头。",
            "以链接开头的描述会被服务拒绝。",
        ),
        Architecture => (
            "Architecture 必须是该版本列出的系统架构之一；默认值为 x86_64。",
            "其他值（包括大小写不同的写法，如 X86_64）会被拒绝。",
        ),
        OsType => (
            "OSType 必须为 Windows 或 Linux，写法与该版本的文档一致；默认值为 Linux。",
            "服务需要知道为哪一类操作系统准备镜像。",
        ),
        Platform => (
            "Platform 必须是该版本列出的操作系统发行版之一，大小写与文档一致；默认值为 Others Linux。",
            "其他值（包括大小写不同的写法，如 centos）会被拒绝。",
        ),
        DiskFormat => (
            "DiskDeviceMapping.N.Format 必须是该版本列出的镜像格式之一；不传入时由服务检测。",
            "未知的格式名会被拒绝；与其猜测，不如不传入该参数。",
        ),
        BootMode => (
            "BootMode 必须为 BIOS 或 UEFI；默认值为 BIOS，或由 Architecture 决定（arm64 为 UEFI）。",
            "启动模式必须与镜像中引导程序的安装方式一致。",
        ),
        LicenseType => (
            "LicenseType 必须为 Aliyun 或 BYOL；默认值为 Aliyun。",
            "许可证来源决定 Windows Server 镜像的激活和计费方式。",
        ),
        EnumLetterCase => (
            "与文档写法只有大小写不同的值，且已知服务接受这种写法（版本 2019-01 中的 Format 和 OSType）。",
            "服务接受这些写法，因此这是没有错误码的警告；按文档书写最稳妥。",
        ),
        ParameterValue => (
            "没有单独规则的参数（Tag.N.Key/Value、ClientToken、DryRun、Features.*、DetectionStrategy、SignatureType、OwnerId、StorageLocationArn、Device）不符合文档规定的类型、取值、长度、范围或格式。",
            "服务会拒绝这样的值；各版本的参数表列出了每个参数的限制。",
        ),
        DeceptiveText => (
            "值中含有不可见、改变文字方向或控制字符（零宽空格、U+202E 这样的双向覆盖字符、转义序列）；表情符号序列不计入。",
            "这类字符会让值看上去与实际不同（即“Trojan Source”手法），或操控显示它的终端；审阅者看不到它们。",
        ),
        DiskImageSize => (
            "DiskImageSize 必须是该磁盘在该版本取值范围内的整数 GiB（系统盘 N = 1 与数据盘的取值范围可能不同）。",
            "超出范围或带有单位、小数的大小会被拒绝；不传入则由服务检测镜像。",
        ),
        OssBucketLocation => (
            "OSSBucket 中写的是 oss:// URL、访问域名或路径，而不是存储空间名称。",
            "OSSBucket 只接受存储空间名称，OSSObject 接受对象名称；OSSBucket 中的 URL 不对应任何存储空间，导入会在上传之后失败。",
        ),
        OssBucketName => (
            "OSSBucket 不是 OSS 允许的存储空间名称：长度为 3~63 个字符，只能包含小写字母、数字和短划线（-），且必须以小写字母或数字开头和结尾。",
            "不可能有这样名称的存储空间，因此找不到镜像。",
        ),
        OssRegionMismatch => (
            "为磁盘写入的 OSS 访问域名（在 OSSBucket 或 OSSObject 中）指向的地域与 RegionId 不同。",
            "镜像只能从同一地域的 OSS 导入；服务无法读取其他地域的存储空间。",
        ),
        OssObjectKey => (
            "OSSObject 不是 OSS 允许的对象名称（长度为 1~1023 字节的 UTF-8，不能以 `/` 或 `\\` 开头），或者是 URL；指向 OSSBucket 以外存储空间的 URL 是无法自动修复的错误。",
            "不可能有这样名称的对象，因此找不到镜像。",
        ),
        PlatformOsTypeMismatch => (
            "Platform（传入的值或默认值）属于一类操作系统，而 OSType 属于另一类。",
            "服务按 OSType 准备镜像；以 Linux 导入的 Windows Server 镜像无法正常启动。",
        ),
        FormatExtensionMismatch => (
            "磁盘的 Format 写的是一种格式，而对象的扩展名表示另一种格式（各版本列出了哪些扩展名对应哪种格式；.img 不对应任何格式，因为云镜像常用它表示 QCOW2）。",
            "错误的 Format 会使导入在上传之后失败；通常扩展名才是对的。",
        ),
        RequiredCombination => (
            "该版本的参数表不允许的参数组合，例如当前 API 中 Architecture 为 arm64 而 BootMode 为 BIOS。",
            "服务会拒绝该组合；arm64 架构只能使用 UEFI 启动模式。",
        ),
        DuplicateImageName => (
            "一起检查的两个请求要将同名的 ImageName 导入同一地域。",
            "镜像名称在同一地域和账号内唯一：第二次导入会因 InvalidImageName.Duplicated 被拒绝。",
        ),
        RoleBundle => (
            "角色描述或其中的文档格式有误：不是对象，缺少 RoleName、信任策略或策略文档，或文档不是 JSON。",
            "无法读取文档的角色无从检查。",
        ),
        PolicySyntax => (
            "权限策略文档不符合 RAM 策略语法：Version 必须为 \"1\"，Statement 为列表或对象，Effect 为 Allow 或 Deny，Action 和 Resource 为字符串或字符串列表。",
            "RAM 会拒绝这样的策略，或对它的理解与本意不同。",
        ),
        RoleName => (
            "角色名称必须是该版本给出的名称（当前 API 中也可以是请求的 RoleName 指定的角色）。",
            "服务按该名称扮演角色；使用其他名称的角色，导入会在上传之后失败。",
        ),
        RoleTrust => (
            "信任策略必须有一条 Allow 语句，其 Action 涵盖该版本的扮演操作（sts:AssumeRole），其 Principal Service 包含服务（ecs.aliyuncs.com），且没有拒绝它的 Deny。",
            "没有这条语句，ECS 无法扮演该角色，也就无法从 OSS 读取镜像。",
        ),
        RolePermissions => (
            "角色的权限策略必须允许该版本列出的每个 OSS 操作：通过授予这些权限的系统策略，或自定义策略中的语句；显式的 Deny 优先于任何 Allow。",
            "ECS 以角色的权限读取镜像；缺少任何一项，导入都会在上传之后失败，且错误信息远离原因。",
        ),
        RoleResources => (
            "给出请求时：对每个操作，允许它的语句的 Resource 必须涵盖磁盘读取的内容——存储空间操作对应存储空间（acs:oss:*:*:bucket），oss:GetObject 对应每个对象（acs:oss:*:*:bucket/key）；无法读取磁盘的请求视为发现，而不是通过。",
            "允许对其他存储空间或前缀执行该操作的策略，仍会使导入失败。",
        ),
        PolicyNotEvaluated => (
            "含有 Condition、NotAction、NotResource 或 NotPrincipal 的语句，或该版本未列出的系统策略，无法离线评估。",
            "其效果取决于本工具没有的信息；会被报告而不会被悄悄忽略，也不计为 Allow。",
        ),
        ImageFormatUnsupported => (
            "该文件不是该版本支持导入的磁盘镜像格式：压缩包、压缩文件、光盘镜像、服务不支持导入的磁盘格式（VHDX、VDI、QED、Parallels、QCOW、LUKS、cloop、DMG、Bochs），或该版本未列出的格式（版本 2019-01 中的 VMDK）。",
            "导入任务在上传之后才开始，会在第一批无法作为磁盘读取的字节处失败。",
        ),
        ImageFormatMismatch => (
            "请求中该磁盘的 Format 与文件的实际格式不同。",
            "服务按请求指定的格式读取文件；以 RAW 格式读取 QCOW2 文件，会导入一块满是 QCOW2 元数据的磁盘。",
        ),
        ImageNotSelfContained => (
            "该镜像的部分数据来自其他文件：QCOW2 的后备文件或外部数据文件、差异 VHD 或 VHDX、区段位于其他文件中的 VMDK。",
            "只有这一个对象会被上传；服务读取磁盘时，另一个文件并不存在。",
        ),
        ImageEncrypted => (
            "该镜像的数据已加密（使用 AES 或 LUKS 加密的 QCOW2）。",
            "服务没有读取它所需的密钥。",
        ),
        ImageDamaged => (
            "按 qemu-img 的判断该文件已损坏：比其各表所需的更短（上传或复制中断）、头部被 qemu 拒绝打开、VHD 校验和错误、缺少尾部（footer）、磁盘比其 GPT 声明的更短、文件为空，或元数据被标记为已损坏。",
            "不完整的镜像无法读到结尾；导入会失败，或导入一块缺少末尾数据块的磁盘。",
        ),
        ImageSize => (
            "DiskImageSize 小于镜像的虚拟大小（按整数 GiB 向上取整），或者在由服务检测时虚拟大小超出该磁盘的范围。",
            "磁盘必须能容纳整个镜像：服务会拒绝更小的大小。",
        ),
        ImageRawAlignment => (
            "RAW 镜像的大小不是 512 字节扇区的整数倍。",
            "磁盘由扇区组成；其他大小的 RAW 文件不是完整的磁盘，通常是中断的副本。",
        ),
        ImageBootLayout => (
            "磁盘的分区布局与启动模式（BootMode）或 Architecture 不符：带有 EFI 系统分区但没有 BIOS 引导分区的 GPT 磁盘以 BIOS 启动模式导入，或没有 EFI 系统分区的磁盘以 arm64 架构或 UEFI 启动模式导入。",
            "实例将无法启动：固件在它查找的位置找不到引导程序。",
        ),
        ImageExtension => (
            "对象的文件扩展名表示的格式与文件实际格式不同。",
            "查看存储空间的人，或不传入 Format 的请求，都会被这个名称误导。",
        ),
        ImageNotVerified => (
            "读取上限（每次检查最多 64 次、8 MB）使某项检查未能完成：例如各表超过 7 MB 的稀疏 VMDK（约 112 GiB 以上），无法确认文件是否包含其各表指向的全部数据块。",
            "无法确定的内容报告为未知，从不猜测：检查未完成的镜像不能被报告为“全部检查通过”。",
        ),
    }
}

/// What a parameter of the tables is, in Simplified Chinese (the counterpart of its `doc`),
/// by its API name. A test checks that every parameter of every built-in profile has one.
pub(crate) fn param(name: &str) -> Option<&'static str> {
    Some(match name {
        "Action" => "要执行的操作，取值为 ImportImage（ACS3 签名方式在 x-acs-action 请求头中发送）。",
        "RegionId" => "导入镜像的地域 ID。",
        "ImageName" => "镜像名称。",
        "Description" => "镜像的描述信息。",
        "Architecture" => "系统架构。",
        "OSType" => "操作系统平台类型。",
        "Platform" => "操作系统发行版。",
        "BootMode" => "镜像的启动模式。",
        "LicenseType" => "导入镜像后，激活操作系统采用的许可证类型。",
        "RoleName" => "导入镜像时使用的 RAM 角色名称。",
        "ResourceGroupId" => "镜像所在的资源组 ID。",
        "ClientToken" => "保证请求幂等性的参数值：只支持 ASCII 字符，且不能超过 64 个字符。",
        "DryRun" => "只预检此次请求，不导入镜像。",
        "DetectionStrategy" => "镜像检测策略。",
        "Features.ImdsSupport" => "镜像支持的元数据访问模式版本。",
        "Features.NvmeSupport" => "镜像是否支持 NVMe。",
        "StorageLocationArn" => "镜像文件所在云盒的资源名称（ARN）：arn:acs:cloudbox:{RegionId}:{AliUid}:cloudbox/{CloudBoxId}。",
        "Tag.N.Key" => "镜像的标签键。",
        "Tag.N.Value" => "镜像的标签值。",
        "DiskDeviceMapping.N.OSSBucket" => "磁盘 N 的镜像文件所在的 OSS 存储空间（Bucket）。",
        "DiskDeviceMapping.N.OSSObject" => "磁盘 N 的镜像文件在 OSS 中的对象（Object）名称。",
        "DiskDeviceMapping.N.Format" => "磁盘 N 的镜像格式。",
        "DiskDeviceMapping.N.DiskImageSize" => "磁盘 N 的大小，单位为 GiB。",
        "DiskDeviceMapping.N.Device" => "磁盘 N 的设备名（已弃用）。",
        "DiskDeviceMapping.N.DiskImSize" => "磁盘 N 的大小，单位为 GiB（已弃用，请使用 DiskImageSize）。",
        "Format" => "返回值的格式（公共参数）。",
        "Version" => "ECS API 的版本号（公共参数）。",
        "SignatureMethod" => "签名方式（公共参数）。",
        "SignatureVersion" => "签名算法版本（公共参数）。",
        "SignatureType" => "签名类型：使用访问密钥（AccessKey）签名时为空，使用 Bearer 令牌时为 BEARERTOKEN（公共参数）。",
        "SignatureNonce" => "唯一随机数，用于防止重放攻击（公共参数）。",
        "Timestamp" => "请求的 UTC 时间，格式为 YYYY-MM-DDThh:mm:ssZ（公共参数）。",
        "OwnerId" => "调用者的账号 ID（公共参数；各 SDK 中均为整数）。",
        "ResourceOwnerId" => "资源所有者的账号 ID（公共参数；各 SDK 中均为整数）。",
        "ResourceOwnerAccount" => "资源所有者的账号名称（公共参数）。",
        "OwnerAccount" => "调用者的账号名称（公共参数）。",
        "AccessKeyId" => "访问密钥 ID（凭证）。",
        "Signature" => "请求的签名（凭证）。",
        "SecurityToken" => "STS 令牌（凭证）。",
        "BearerToken" => "Bearer 令牌（凭证）。",
        "AccessKeySecret" => "访问密钥的 Secret：从不发送，只用于签名（凭证）。",
        "Authorization" => "ACS3 签名请求头（凭证）。",
        _ => return None,
    })
}

/// Where a built-in profile's rules come from, in Simplified Chinese, by profile id.
pub(crate) fn source(id: &str) -> Option<&'static str> {
    Some(match id {
        "2019-01" => "ImportImage 的 API 参考，2018 年 7 月至 2019 年 1 月的修订版",
        "current" => "当前文档所述的 ImportImage（生成的 SDK 模型和当前的 API 参考）",
        _ => return None,
    })
}
