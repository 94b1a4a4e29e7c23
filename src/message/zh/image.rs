//! 镜像检查规则的中文消息 (the Chinese messages of the image rules).

use super::*;

/// The image rules' messages.
pub(super) fn image(m: &ImageMsg<'_>) -> String {
    use ImageMsg::*;
    match m {
        ImageUnsupported { format, disk, profile, allowed } => format!(
            "该文件是 {} {}，版本 {profile} 不支持导入（支持：{}）",
            format.to_ascii_uppercase(),
            if *disk { "磁盘镜像" } else if *format == "iso" { "光盘镜像" } else { "压缩包或压缩文件" },
            allowed.join("、")
        ),
        ImageUnsupportedHelp { archive: true } => "先从中解压出磁盘镜像，再上传该文件".into(),
        ImageUnsupportedHelp { archive: false } => "先转换为上述格式之一，例如使用 `qemu-img convert -O qcow2`".into(),
        ImageFormatMismatch { name: n, given, actual } => {
            format!("{} 为 {given}，但文件实际为 {} 格式", name(n), actual.to_ascii_uppercase())
        }
        ImageDepends { how, file } => {
            let what = match how {
                Dependency::Backing => "后备文件",
                Dependency::Parent => "父磁盘",
                Dependency::DataFile => "外部数据文件",
                Dependency::Extent => "其他文件中的区段",
                Dependency::SplitExtent => "所属拆分 VMDK 的描述符和其他区段",
            };
            if file.is_empty() {
                format!("该镜像的部分数据来自{what}，而该文件不会随之上传")
            } else {
                format!("该镜像的部分数据来自{what} {}，而该文件不会随之上传", show(file))
            }
        }
        ImageDependsHelp { format } => format!(
            "先生成一个自包含的副本，例如：`qemu-img convert -O {} disk out`",
            if *format == "vhd" { "vpc" } else { format }
        ),
        ImageEncrypted => "该镜像的数据已加密".into(),
        ImageEncryptedHelp => "先生成解密后的副本（使用密钥执行 `qemu-img convert`），再上传".into(),
        ImageTruncated { len, need } => {
            format!("文件大小为 {len} 字节，但其头部表明至少应有 {need} 字节：文件不完整")
        }
        ImageCorrupt => "该镜像的元数据被标记为已损坏".into(),
        ImageDamagedHelp => "请上传完整的副本；`qemu-img check` 可以指出此文件的问题".into(),
        ImageRawAlignment { len } => format!("RAW 文件大小为 {len} 字节，不是 512 字节扇区的整数倍"),
        ImageTooSmall { name: n, given, need, bytes } => format!(
            "{} 为 {given} GiB，但镜像的虚拟大小为 {bytes} 字节，需要 {need} GiB",
            name(n)
        ),
        ImageTooSmallHelp { need } => format!("设为 {need} 或更大，或不传入该参数，由服务检测镜像"),
        ImageSizeRange { need, min, max, n } => {
            let side = if need < min { "低于" } else { "超出" };
            format!("镜像的虚拟大小需要 {need} GiB，{side}磁盘 {n} 的取值范围 {min}~{max} GiB")
        }
        ImageSizeRangeHelp => "调整镜像大小（`qemu-img resize`），使其符合该磁盘的范围".into(),
        ImageBootBios => "该磁盘使用 UEFI 启动模式（GPT 分区表并带有 EFI 系统分区），但导入使用的启动模式（BootMode）为 BIOS".into(),
        ImageBootNoEfi { arm: true } => "arm64 架构使用 UEFI 启动模式，但该磁盘没有 EFI 系统分区".into(),
        ImageBootNoEfi { arm: false } => "导入使用的启动模式（BootMode）为 UEFI，但该磁盘没有 EFI 系统分区".into(),
        ImageBootHelp => "将 BootMode 设为该磁盘支持的启动模式，或确认这是正确的磁盘".into(),
        ImageExtension { object, ext, actual } => format!(
            "对象 {} 的扩展名为 .{}，但文件实际为 {} 格式",
            show(object),
            ext.to_ascii_lowercase(),
            actual.to_ascii_uppercase()
        ),
        ImageExtensionHelp { actual } => format!("按实际格式命名对象（.{actual}）"),
        RequestUnreadableForImage { reason } => {
            format!("无法读取请求（{reason}），因此只按版本的规定检查了镜像")
        }
        ImageDamage { damage, len } => damage_zh(damage, *len),
        ImageUnknown { read } => format!(
            "无法确定该文件的格式：在达到检查器的读取上限（64 次、8 MB）之前只读取了 {read} 字节"
        ),
        NoSuchDisk { n: 0, .. } => "不存在磁盘 0：请求中的磁盘从 1 开始编号".into(),
        NoSuchDisk { n, disks } if disks.is_empty() => format!("请求中没有磁盘 {n}：该请求未指定任何磁盘"),
        NoSuchDisk { n, disks } => format!("请求中没有磁盘 {n}：其磁盘为 {}", numbers(disks, "、")),
        NoSuchDiskHelp { disks } if disks.is_empty() => "在 DiskDeviceMapping 中添加该磁盘，或不带请求检查镜像".into(),
        NoSuchDiskHelp { disks } => format!("指定请求中的一个磁盘（{}）", numbers(disks, "、")),
        ImageNotVerified => "在检查器的读取上限（64 次、8 MB）内未能完成对该文件的全部检查：未读取的表会显示的内容（文件是否包含它们指向的全部数据块、分区表）未知，不视为通过".into(),
        ImageNotVerifiedHelp => "上传前请用 `qemu-img check` 检查该文件（用 `qemu-img info` 查看其格式）".into(),
    }
}

fn numbers(n: &[u32], sep: &str) -> String {
    n.iter().map(u32::to_string).collect::<Vec<_>>().join(sep)
}

fn part_zh(p: crate::image::Part) -> &'static str {
    use crate::image::Part::*;
    match p {
        Header => "头部",
        L1Table => "L1 表",
        L2Table => "L2 表",
        RefcountTable => "引用计数表",
        RefcountBlock => "引用计数块",
        Cluster => "最后一个已使用的簇",
        GrainDirectory => "粒度目录（grain directory）",
        GrainTable => "粒度表（grain table）",
        Descriptor => "内嵌描述符",
        Footer => "尾部（footer）",
        DynamicHeader => "动态磁盘头",
        BlockTable => "块分配表",
        Block => "最后一个数据块",
        RegionTable => "区域表",
        Metadata => "元数据区",
    }
}

fn damage_zh(d: &crate::image::Damage, len: u64) -> String {
    use crate::image::{Damage::*, Field};
    match *d {
        Empty => "该文件为空".into(),
        ShortRead { at } => format!(
            "读取在第 {at} 字节处结束，但文件大小为 {len} 字节：文件比其声明的短，或在读取期间被修改"
        ),
        PastEnd { part, at, need } => format!(
            "位于第 {at} 字节的{}超出了文件末尾（文件为 {len} 字节，至少需要 {need} 字节）：该副本不完整",
            part_zh(part)
        ),
        Refused { field, value } => {
            let what = match field {
                Field::Version => format!("版本为 {value}，qemu 无法识别"),
                Field::ClusterBits => format!("cluster_bits 为 {value}；qemu 只接受 9~21（512 字节~2 MiB 的簇）"),
                Field::IncompatibleFeatures => format!("设置了 qemu 无法识别的不兼容特性位 {value:#x}"),
                Field::HeaderLength => format!("header_length 为 {value}；qemu 要求至少 104 且不超过一个簇"),
                Field::RefcountOrder => format!("refcount_order 为 {value}；qemu 最多接受 6"),
                Field::EncryptionMethod => format!("加密方式 {value} 不是 qemu 支持的方式"),
                Field::BlockSize => format!("块大小为 {value} 字节，qemu 拒绝打开"),
                Field::GrainSize => format!("粒度或粒度表大小（{value}）超出了 qemu 接受的范围"),
                Field::VirtualSize => format!("虚拟大小为 {value} 字节，超过了 qemu 可打开的 2040 GiB"),
                Field::HeaderExtension => format!("某个头部扩展（header extension）声明占用 {value} 字节，超过了留给扩展的空间"),
            };
            format!("qemu 拒绝打开该镜像的头部：{what}")
        }
        Unaligned { part, offset } => format!(
            "{}位于第 {offset} 字节，未按簇边界对齐：qemu 拒绝打开该镜像",
            part_zh(part)
        ),
        Missing { part } => format!("头部所指位置的{}缺失或无法读取", part_zh(part)),
        Checksum => "VHD 尾部（footer）的校验和错误：qemu 拒绝打开该文件".into(),
        GptBeyondDisk { need } => format!(
            "GPT 表明该磁盘至少有 {need} 字节，但磁盘更短：其末尾（含备份 GPT 头）已缺失"
        ),
    }
}
