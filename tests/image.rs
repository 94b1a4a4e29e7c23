//! The image inspector against a real oracle: images of every format and variant are made
//! with `qemu-img` (sparse, so they cost no disk), and what the inspector finds is compared
//! with `qemu-img info --output json`; guest partition tables are written by the test into a
//! raw disk, then converted into each format.

use importimage_lint::ImageCheck;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use importimage_lint::image::{inspect, ImageFacts, ImageFormat, Inspector, PartitionTable};
use serde_json::Value;

fn qemu_img() -> bool {
    let judges = ["qemu-img", "sfdisk"].into_iter().all(|tool| {
        Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if !judges {
        eprintln!("qemu-img and sfdisk (Debian's qemu-utils and fdisk) are the judges: skipped");
    }
    judges
}

/// The test's scratch folder, `importimage-lint-image-<pid>-<name>` under the temp dir:
/// removed when the test ends, passed or failed, unless IMPORTIMAGE_LINT_KEEP_SCRATCH is set
/// (for debugging; see `common::Scratch`).
fn scratch(name: &str) -> common::Scratch {
    common::scratch("image", name)
}

fn run(dir: &Path, args: &[&str]) {
    let out = Command::new("qemu-img")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "qemu-img {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `qemu-img COMMAND --output json [-f FORMAT] PATH`, parsed.
fn qemu_json(command: &str, path: &Path, format: Option<&str>) -> Value {
    let mut cmd = Command::new("qemu-img");
    cmd.args([command, "--output", "json"]);
    if let Some(f) = format {
        cmd.args(["-f", f]);
    }
    let out = cmd.arg(path).output().unwrap();
    assert!(
        out.status.success(),
        "qemu-img {command} {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn info(path: &Path, format: Option<&str>) -> Value {
    qemu_json("info", path, format)
}

/// Whether qemu-img maps the guest's first byte to a compressed block of `path`.
fn first_block_compressed(path: &Path) -> bool {
    qemu_json("map", path, None)[0]["compressed"] == true
}

fn facts(path: &Path) -> ImageFacts {
    inspect(&mut std::fs::File::open(path).unwrap()).unwrap()
}

/// The type GUID of an EFI system partition, and of a BIOS boot partition, as sfdisk
/// writes them.
const ESP: &str = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";
const BIOS_BOOT: &str = "21686148-6449-6E6F-744E-656564454649";

/// Partitions `path` with an sfdisk script.
fn partition(path: &Path, script: &str) {
    use std::io::Write;
    let mut child = Command::new("sfdisk")
        .arg("-q")
        .arg(path)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "sfdisk {script:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What sfdisk -J reads from a raw disk: the table ("gpt", "dos", or none) and its
/// partitions' types (upper case).
fn sfdisk_json(path: &Path) -> (Option<String>, Vec<String>) {
    let out = Command::new("sfdisk").arg("-J").arg(path).output().unwrap();
    if !out.status.success() {
        return (None, Vec::new());
    }
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let t = &v["partitiontable"];
    let types = t["partitions"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|p| p["type"].as_str().unwrap_or("").to_ascii_uppercase())
                .collect()
        })
        .unwrap_or_default();
    (t["label"].as_str().map(String::from), types)
}

/// The layout the inspector must find, from sfdisk's reading of the same raw disk.
fn judged(path: &Path) -> (PartitionTable, Option<bool>) {
    let (label, types) = sfdisk_json(path);
    match label.as_deref() {
        Some("gpt") => (PartitionTable::Gpt, Some(types.iter().any(|t| t == ESP))),
        Some("dos") => (PartitionTable::Mbr, Some(types.iter().any(|t| t == "EF"))),
        _ => (PartitionTable::None, Some(false)),
    }
}

/// A raw disk of `size` bytes (sparse) partitioned by sfdisk: `mbr` (one Linux
/// partition), `mbr-efi` (an EFI system partition), `gpt` (Linux), `gpt-efi` (an ESP and
/// a root), `none`.
fn raw_disk(path: &Path, size: u64, table: &str) {
    let f = std::fs::File::create(path).unwrap();
    f.set_len(size).unwrap();
    drop(f);
    let script = match table {
        "mbr" => "label: dos\nstart=2048, type=83\n",
        "mbr-efi" => "label: dos\nstart=2048, size=204800, type=ef\n",
        "gpt" => "label: gpt\nstart=2048, type=L\n",
        "gpt-efi" => "label: gpt\nstart=2048, size=204800, type=U\nstart=206848, type=L\n",
        _ => return,
    };
    partition(path, script);
}

/// (file, qemu-img create or convert arguments, the format qemu-img must be told, if any).
fn formats() -> Vec<(&'static str, Vec<&'static str>, Option<&'static str>)> {
    vec![
        ("v2.qcow2", vec!["-O", "qcow2", "-o", "compat=0.10"], None),
        ("v3.qcow2", vec!["-O", "qcow2", "-o", "compat=1.1"], None),
        (
            "zstd.qcow2",
            vec!["-O", "qcow2", "-o", "compression_type=zstd"],
            None,
        ),
        // Every cluster compressed (deflate, qemu's default), and with zstd.
        ("compressed.qcow2", vec!["-O", "qcow2", "-c"], None),
        (
            "compressed-zstd.qcow2",
            vec!["-O", "qcow2", "-c", "-o", "compression_type=zstd"],
            None,
        ),
        (
            "small-clusters.qcow2",
            vec!["-O", "qcow2", "-o", "cluster_size=512"],
            None,
        ),
        (
            "dynamic.vhd",
            vec!["-O", "vpc", "-o", "subformat=dynamic"],
            None,
        ),
        (
            "fixed.vhd",
            vec!["-O", "vpc", "-o", "subformat=fixed"],
            Some("vpc"),
        ),
        (
            "sized.vhd",
            vec!["-O", "vpc", "-o", "subformat=dynamic,force_size=on"],
            None,
        ),
        ("disk.vhdx", vec!["-O", "vhdx"], None),
        (
            "sparse.vmdk",
            vec!["-O", "vmdk", "-o", "subformat=monolithicSparse"],
            None,
        ),
        (
            "stream.vmdk",
            vec!["-O", "vmdk", "-o", "subformat=streamOptimized"],
            None,
        ),
        (
            "flat.vmdk",
            vec!["-O", "vmdk", "-o", "subformat=monolithicFlat"],
            None,
        ),
        ("copy.raw", vec!["-O", "raw"], None),
    ]
}

fn expected_format(qemu: &str) -> ImageFormat {
    match qemu {
        "raw" => ImageFormat::Raw,
        "qcow2" => ImageFormat::Qcow2,
        "vpc" => ImageFormat::Vhd,
        "vhdx" => ImageFormat::Vhdx,
        "vmdk" => ImageFormat::Vmdk,
        other => panic!("qemu-img format {other}"),
    }
}

#[test]
fn every_format_and_variant_as_qemu_img_sees_it() {
    if !qemu_img() {
        eprintln!("qemu-img is not installed: skipped");
        return;
    }
    let d = scratch("formats");
    for (table, size) in [
        ("mbr", 1u64 << 30),
        ("gpt-efi", 3 << 30),
        ("none", 100 << 20),
        ("gpt", 10 << 30),
    ] {
        let source = d.join(format!("{table}.raw"));
        raw_disk(&source, size, table);
        for (name, args, probe_as) in formats() {
            let out = d.join(format!("{table}-{name}"));
            let mut all = vec!["convert", "-f", "raw"];
            all.extend(args.iter().copied());
            all.push(source.to_str().unwrap());
            all.push(out.to_str().unwrap());
            run(&d, &all);
            let q = info(&out, probe_as);
            let f = facts(&out);
            let label = format!("{table} {name}");
            assert_eq!(
                f.format,
                expected_format(q["format"].as_str().unwrap()),
                "{label}: {f:#?}"
            );
            assert_eq!(f.virtual_size, q["virtual-size"].as_u64(), "{label}");
            assert_eq!(f.truncated_at, None, "{label}");
            // Deflated blocks (streamOptimized grains, qcow2's zlib clusters) are inflated;
            // zstd clusters and data in another file are not read (a disk whose first
            // sectors are zeros has no cluster there, compressed or not).
            let zstd_clusters = name.starts_with("compressed-zstd") && table != "none";
            let readable = !name.starts_with("flat") && !zstd_clusters;
            if table != "none" && (name.starts_with("compressed") || name.starts_with("stream")) {
                // The partition table really sits in a compressed block.
                assert!(first_block_compressed(&out), "{label}");
            }
            if readable {
                // As sfdisk reads the raw disk the image was converted from.
                let (want, efi) = judged(&source);
                assert_eq!(f.partition_table, want, "{label}: {f:#?}");
                assert_eq!(f.efi_partition, efi, "{label}");
                assert_eq!(efi, Some(table == "gpt-efi"), "{label}");
            } else {
                assert_eq!(f.partition_table, PartitionTable::Unknown, "{label}");
            }
            assert!(
                f.bytes_read <= 1 << 20,
                "{label}: read {} bytes",
                f.bytes_read
            );
        }
    }
}

#[test]
fn a_damaged_compressed_cluster_leaves_the_table_unknown() {
    if !qemu_img() {
        eprintln!("qemu-img is not installed: skipped");
        return;
    }
    let d = scratch("damaged-cluster");
    let source = d.join("mbr.raw");
    raw_disk(&source, 1 << 30, "mbr");
    let image = d.join("compressed.qcow2");
    run(
        &d,
        &[
            "convert",
            "-f",
            "raw",
            "-O",
            "qcow2",
            "-c",
            source.to_str().unwrap(),
            image.to_str().unwrap(),
        ],
    );
    assert_eq!(facts(&image).partition_table, PartitionTable::Mbr);
    // Find cluster 0's compressed bytes as the qcow2 specification lays them out (L1 entry
    // 0, L2 entry 0, a compressed-cluster descriptor) and overwrite them with garbage.
    let mut bytes = std::fs::read(&image).unwrap();
    let be = |at: usize| u64::from_be_bytes(bytes[at..at + 8].try_into().unwrap());
    let cluster_bits = be(16) & 0xffff_ffff;
    let l2 = (be(be(40) as usize) & 0x00ff_ffff_ffff_fe00) as usize;
    let descriptor = be(l2);
    assert!(descriptor & (1 << 62) != 0, "cluster 0 is compressed");
    let x = 62 - (cluster_bits - 8);
    let at = (descriptor & ((1 << x) - 1)) as usize;
    for b in &mut bytes[at..at + 64] {
        *b = 0xA5;
    }
    std::fs::write(&image, &bytes).unwrap();
    let f = facts(&image);
    assert_eq!(f.partition_table, PartitionTable::Unknown, "{f:#?}");
    assert_eq!(f.efi_partition, None);
}

/// Inputs the `inspect_image` fuzz target crashed on, fed as its harness feeds them (8
/// bytes of claimed length, then the file's first bytes; the rest reads as zeros): they
/// are inspected and linted to the end.
#[test]
fn inputs_the_fuzzer_crashed_on_are_inspected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/image-fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let data = std::fs::read(entry.unwrap().path()).unwrap();
        let claimed = u64::from_le_bytes(data[..8].try_into().unwrap()) % (1 << 50);
        let head = &data[8..];
        let len = claimed.max(head.len() as u64);
        let mut inspector = Inspector::new(len);
        while let Some(r) = inspector.next_range() {
            let mut bytes = vec![0u8; r.len.min((len - r.offset.min(len)) as usize)];
            if let Some(have) = head.get(r.offset.min(head.len() as u64) as usize..) {
                let n = have.len().min(bytes.len());
                bytes[..n].copy_from_slice(&have[..n]);
            }
            inspector.feed(r.offset, &bytes);
        }
        let facts = inspector.finish();
        assert_eq!(facts.file_size, len);
        let _ = importimage_lint::Linter::default()
            .check_image(&facts, &ImageCheck::new().file_name("d.vhd"));
        seen += 1;
    }
    assert_eq!(seen, 2);
}

#[test]
fn what_makes_an_image_not_importable_is_found() {
    if !qemu_img() {
        eprintln!("qemu-img is not installed: skipped");
        return;
    }
    let d = scratch("variants");
    run(&d, &["create", "-f", "qcow2", "base.qcow2", "1G"]);
    // A qcow2 with a backing file.
    run(
        &d,
        &[
            "create",
            "-f",
            "qcow2",
            "-b",
            "base.qcow2",
            "-F",
            "qcow2",
            "child.qcow2",
        ],
    );
    let f = facts(&d.join("child.qcow2"));
    assert_eq!(f.backing_file.as_deref(), Some("base.qcow2"));
    assert_eq!(
        info(&d.join("child.qcow2"), None)["backing-filename"],
        "base.qcow2"
    );
    assert_eq!(
        f.partition_table,
        PartitionTable::Unknown,
        "its data is partly elsewhere"
    );
    // Encrypted with LUKS.
    run(
        &d,
        &[
            "create",
            "-f",
            "qcow2",
            "--object",
            "secret,id=sec0,data=secret",
            "-o",
            "encrypt.format=luks,encrypt.key-secret=sec0",
            "luks.qcow2",
            "1G",
        ],
    );
    let f = facts(&d.join("luks.qcow2"));
    assert!(f.encrypted);
    assert_eq!(info(&d.join("luks.qcow2"), None)["encrypted"], true);
    // An external data file.
    run(
        &d,
        &[
            "create",
            "-f",
            "qcow2",
            "-o",
            "data_file=data.raw",
            "external.qcow2",
            "1G",
        ],
    );
    let f = facts(&d.join("external.qcow2"));
    assert_eq!(f.other_files, ["data.raw"]);
    assert_eq!(
        info(&d.join("external.qcow2"), None)["format-specific"]["data"]["data-file"],
        "data.raw"
    );
    // zstd compression, as qemu-img reports it.
    run(
        &d,
        &[
            "create",
            "-f",
            "qcow2",
            "-o",
            "compression_type=zstd",
            "zstd.qcow2",
            "1G",
        ],
    );
    assert_eq!(facts(&d.join("zstd.qcow2")).compression, Some("zstd"));
    assert_eq!(
        info(&d.join("zstd.qcow2"), None)["format-specific"]["data"]["compression-type"],
        "zstd"
    );
    // A differencing VHD's parent is named by the file; qemu-img cannot write one, so the
    // type field of a dynamic one is changed and the checksum left stale: both are found.
    run(
        &d,
        &[
            "create",
            "-f",
            "vpc",
            "-o",
            "subformat=dynamic",
            "dyn.vhd",
            "1G",
        ],
    );
    let mut bytes = std::fs::read(d.join("dyn.vhd")).unwrap();
    let n = bytes.len();
    // Both copies of the footer: at the start, which is read first, and at the end.
    bytes[63] = 4;
    bytes[n - 512 + 63] = 4;
    std::fs::write(d.join("diff.vhd"), &bytes).unwrap();
    let f = facts(&d.join("diff.vhd"));
    assert_eq!(
        (f.variant, f.checksum_ok),
        (Some("differencing"), Some(false))
    );
    assert!(f.backing_file.is_some());
    assert_eq!(facts(&d.join("dyn.vhd")).checksum_ok, Some(true));
    // A descriptor-only VMDK: its data lives in other files.
    run(
        &d,
        &[
            "create",
            "-f",
            "vmdk",
            "-o",
            "subformat=monolithicFlat",
            "flat.vmdk",
            "1G",
        ],
    );
    let f = facts(&d.join("flat.vmdk"));
    assert_eq!(
        (f.format, f.variant),
        (ImageFormat::Vmdk, Some("descriptor"))
    );
    assert_eq!(f.other_files, ["flat-flat.vmdk"]);
    assert_eq!(
        f.virtual_size,
        info(&d.join("flat.vmdk"), None)["virtual-size"].as_u64()
    );
    // A truncated copy: qemu-img refuses it, the inspector says how long it must be.
    for name in ["base.qcow2", "dyn.vhd"] {
        let full = std::fs::read(d.join(name)).unwrap();
        let cut = d.join(format!("cut-{name}"));
        std::fs::write(&cut, &full[..full.len() / 2]).unwrap();
        let f = facts(&cut);
        assert!(
            f.truncated_at.is_some_and(|t| t > (full.len() / 2) as u64),
            "{name}: {f:#?}"
        );
        let q = Command::new("qemu-img")
            .args(["check"])
            .arg(&cut)
            .output()
            .unwrap();
        assert!(
            !q.status.success(),
            "qemu-img check accepts {name} cut in half"
        );
    }
}

#[test]
fn archives_and_cd_images_are_named() {
    let d = scratch("archives");
    let cases: Vec<(&str, Vec<u8>, ImageFormat)> = vec![
        ("a.gz", b"\x1f\x8b\x08\x00rest".to_vec(), ImageFormat::Gzip),
        ("a.xz", b"\xfd7zXZ\x00rest".to_vec(), ImageFormat::Xz),
        ("a.zst", b"\x28\xb5\x2f\xfdrest".to_vec(), ImageFormat::Zstd),
        ("a.bz2", b"BZh91AY&SY".to_vec(), ImageFormat::Bzip2),
        ("a.zip", b"PK\x03\x04rest".to_vec(), ImageFormat::Zip),
    ];
    for (name, bytes, want) in cases {
        assert_eq!(
            importimage_lint::image::inspect_bytes(&bytes).format,
            want,
            "{name}"
        );
    }
    // Real archives, made by the tools users make them with.
    std::fs::write(d.join("disk.raw"), vec![0u8; 4096]).unwrap();
    std::fs::write(d.join("vm.ovf"), "<Envelope/>").unwrap();
    for (cmd, args, file, want) in [
        (
            "gzip",
            vec!["-k", "disk.raw"],
            "disk.raw.gz",
            ImageFormat::Gzip,
        ),
        (
            "tar",
            vec!["cf", "disk.tar", "disk.raw"],
            "disk.tar",
            ImageFormat::Tar,
        ),
        (
            "tar",
            vec!["cf", "vm.ova", "vm.ovf", "disk.raw"],
            "vm.ova",
            ImageFormat::Ova,
        ),
    ] {
        let ok = Command::new(cmd)
            .args(&args)
            .current_dir(&d)
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            assert_eq!(facts(&d.join(file)).format, want, "{file}");
        }
    }
    // An ISO 9660 image: "CD001" in the volume descriptor at sector 16.
    let mut iso = vec![0u8; 40960];
    iso[32769..32774].copy_from_slice(b"CD001");
    assert_eq!(
        importimage_lint::image::inspect_bytes(&iso).format,
        ImageFormat::Iso
    );
}

#[test]
fn a_100_gb_sparse_image_costs_a_few_reads() {
    if !qemu_img() {
        return;
    }
    let d = scratch("big");
    run(&d, &["create", "-f", "qcow2", "big.qcow2", "100G"]);
    let raw = d.join("big.raw");
    raw_disk(&raw, 100 << 30, "gpt-efi");
    for path in [d.join("big.qcow2"), raw] {
        let f = facts(&path);
        assert_eq!(f.virtual_size, Some(100 << 30));
        assert!(
            f.bytes_read < 1 << 20 && f.reads < 16,
            "{}: {} bytes in {} reads",
            path.display(),
            f.bytes_read,
            f.reads
        );
    }
}

/// The rule ids an image file gives, through the library, under a profile, with a request.
fn rules_of(path: &Path, profile: &str, request: Option<&str>) -> Vec<String> {
    let linter = importimage_lint::Linter::new(
        importimage_lint::Options::default()
            .with_profile(importimage_lint::profile::by_id(profile).unwrap()),
    );
    let name = path.file_name().unwrap().to_str().unwrap();
    linter
        .check_image(&facts(path), &{
            let mut check = ImageCheck::new().file_name(name);
            check.request = request.map(importimage_lint::RequestInput::Text);
            check
        })
        .diagnostics
        .into_iter()
        .map(|d| d.rule.id().to_owned())
        .collect()
}

fn request(object: &str, extra: &str) -> String {
    format!(
        r#"{{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "{object}"{extra}}}"#
    )
}

/// Every image rule fails on an image qemu-img made for it and passes on its fixed twin.
#[test]
fn every_image_rule_has_a_failing_and_a_passing_image() {
    if !qemu_img() {
        eprintln!("qemu-img is not installed: skipped");
        return;
    }
    let d = scratch("rules");
    run(&d, &["create", "-f", "qcow2", "good.qcow2", "20G"]);
    run(&d, &["create", "-f", "vhdx", "disk.vhdx", "20G"]);
    run(&d, &["create", "-f", "vmdk", "disk.vmdk", "20G"]);
    run(
        &d,
        &[
            "create",
            "-f",
            "qcow2",
            "-b",
            "good.qcow2",
            "-F",
            "qcow2",
            "child.qcow2",
        ],
    );
    run(
        &d,
        &[
            "create",
            "-f",
            "qcow2",
            "--object",
            "secret,id=s,data=x",
            "-o",
            "encrypt.format=luks,encrypt.key-secret=s",
            "luks.qcow2",
            "20G",
        ],
    );
    run(&d, &["create", "-f", "qcow2", "small.qcow2", "1G"]);
    run(
        &d,
        &[
            "create",
            "-f",
            "vpc",
            "-o",
            "subformat=fixed",
            "fixed.vhd",
            "20G",
        ],
    );
    // Grain tables spread over 12.5 MB: more than the read bound lets the walk read.
    run(&d, &["create", "-f", "vmdk", "large.vmdk", "200G"]);
    let full = std::fs::read(d.join("good.qcow2")).unwrap();
    std::fs::write(d.join("cut.qcow2"), &full[..full.len() / 2]).unwrap();
    std::fs::write(d.join("odd.raw"), vec![0u8; 1000]).unwrap();
    raw_disk(&d.join("efi.raw"), 20 << 30, "gpt-efi");
    raw_disk(&d.join("bios.raw"), 20 << 30, "mbr");
    let good = d.join("good.qcow2");
    let p = |name: &str| d.join(name);
    // (rule, failing image, profile, its request, passing image, its request)
    type Case = (
        &'static str,
        PathBuf,
        &'static str,
        Option<String>,
        PathBuf,
        Option<String>,
    );
    let cases: Vec<Case> = vec![
        (
            "image-format-unsupported",
            p("disk.vhdx"),
            "current",
            None,
            good.clone(),
            None,
        ),
        (
            "image-format-unsupported",
            p("disk.vmdk"),
            "2019-01",
            None,
            good.clone(),
            None,
        ),
        (
            "image-format-mismatch",
            good.clone(),
            "2019-01",
            Some(request(
                "good.qcow2",
                r#", "DiskDeviceMapping.1.Format": "RAW""#,
            )),
            good.clone(),
            Some(request(
                "good.qcow2",
                r#", "DiskDeviceMapping.1.Format": "qcow2""#,
            )),
        ),
        (
            "image-not-self-contained",
            p("child.qcow2"),
            "2019-01",
            None,
            good.clone(),
            None,
        ),
        (
            "image-encrypted",
            p("luks.qcow2"),
            "2019-01",
            None,
            good.clone(),
            None,
        ),
        (
            "image-damaged",
            p("cut.qcow2"),
            "2019-01",
            None,
            good.clone(),
            None,
        ),
        (
            "image-size",
            good.clone(),
            "2019-01",
            Some(request(
                "good.qcow2",
                r#", "DiskDeviceMapping.1.DiskImageSize": "10""#,
            )),
            good.clone(),
            Some(request(
                "good.qcow2",
                r#", "DiskDeviceMapping.1.DiskImageSize": "20""#,
            )),
        ),
        (
            "image-size",
            p("small.qcow2"),
            "2019-01",
            Some(request("small.qcow2", "")),
            good.clone(),
            Some(request("good.qcow2", "")),
        ),
        (
            "image-raw-alignment",
            p("odd.raw"),
            "2019-01",
            None,
            p("bios.raw"),
            None,
        ),
        (
            "image-boot-layout",
            p("efi.raw"),
            "current",
            Some(request("efi.raw", r#", "BootMode": "BIOS""#)),
            p("efi.raw"),
            Some(request("efi.raw", r#", "BootMode": "UEFI""#)),
        ),
        (
            "image-boot-layout",
            p("bios.raw"),
            "current",
            Some(request(
                "bios.raw",
                r#", "Architecture": "arm64", "BootMode": "UEFI""#,
            )),
            p("efi.raw"),
            Some(request(
                "efi.raw",
                r#", "Architecture": "arm64", "BootMode": "UEFI""#,
            )),
        ),
        (
            "image-extension",
            p("fixed.vhd"),
            "2019-01",
            Some(request("disk.qcow2", "")),
            p("fixed.vhd"),
            Some(request("disk.vhd", "")),
        ),
        (
            "image-not-verified",
            p("large.vmdk"),
            "current",
            None,
            p("disk.vmdk"),
            None,
        ),
    ];
    // The current API imports VMDK, which 2019-01 did not.
    assert!(!rules_of(&p("disk.vmdk"), "current", None)
        .iter()
        .any(|r| r == "image-format-unsupported"));
    let mut covered = std::collections::BTreeSet::new();
    for (rule, bad, profile, bad_request, good_file, good_request) in cases {
        let found = rules_of(&bad, profile, bad_request.as_deref());
        assert!(
            found.iter().any(|r| r == rule),
            "{rule}: {} gives {found:?}",
            bad.display()
        );
        let clean = rules_of(&good_file, profile, good_request.as_deref());
        assert!(
            !clean.iter().any(|r| r == rule),
            "{rule}: {} gives {clean:?}",
            good_file.display()
        );
        covered.insert(rule);
    }
    for rule in importimage_lint::Rule::ALL {
        if rule.subject() == importimage_lint::Subject::Image {
            assert!(covered.contains(rule.id()), "{rule} has no image case");
        }
    }
}

/// `importimage-lint image` through the binary: text with what the file is, JSON with an
/// `image` object, exit codes as for requests.
#[test]
fn the_image_command() {
    if !qemu_img() {
        return;
    }
    let d = scratch("cli");
    run(&d, &["create", "-f", "qcow2", "disk.qcow2", "40G"]);
    std::fs::write(
        d.join("req.json"),
        r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"OSSBucket": "b12", "OSSObject": "boot.raw"}, {"OSSBucket": "b12", "OSSObject": "exports/disk.qcow2", "Format": "RAW", "DiskImageSize": 20}]}"#,
    )
    .unwrap();
    let bin = env!("CARGO_BIN_EXE_importimage-lint");
    let out = Command::new(bin)
        .args(["image", "disk.qcow2", "--request", "req.json"])
        .current_dir(&d)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.starts_with("disk.qcow2: qcow2 (v3), virtual size 42949672960 bytes (40 GiB)"),
        "{text}"
    );
    // Disk 2 is the one whose OSSObject names the file.
    assert!(
        text.contains("DiskDeviceMapping.2.Format is RAW, but the file is qcow2"),
        "{text}"
    );
    assert!(
        text.contains("DiskDeviceMapping.2.DiskImageSize is 20 GiB"),
        "{text}"
    );
    let out = Command::new(bin)
        .args(["image", "--format", "json", "disk.qcow2"])
        .current_dir(&d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["image"]["format"], "qcow2");
    assert_eq!(v[0]["image"]["virtual_size"], 42949672960u64);
    assert_eq!(v[0]["path"], "disk.qcow2");
    let out = Command::new(bin)
        .args(["image", "missing.qcow2"])
        .current_dir(&d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(bin)
        .args([
            "image",
            "--format",
            "sarif",
            "disk.qcow2",
            "--request",
            "req.json",
            "--disk",
            "2",
        ])
        .current_dir(&d)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 2);
}

/// Issue 21's rule, "what the tool cannot establish is said to be unknown": a check the
/// read bound stopped (`complete: false`) is an `image-not-verified` note in every output
/// format, so the run never ends with "All checks passed" for it. The images are sparse
/// VMDKs made by qemu-img whose grain tables span more than the bound: one whole (`qemu-img
/// check` finds no error), and one copy cut short (`qemu-img check` refuses it) that the
/// inspector cannot tell from the whole one within the bound: both are noted, neither passes.
#[test]
fn a_check_the_read_bound_stopped_is_a_note_never_a_pass() {
    if !qemu_img() {
        return;
    }
    let d = scratch("not-verified");
    raw_with_data(&d.join("data.raw"), 200 << 30, 4);
    run(&d, &["convert", "-O", "vmdk", "data.raw", "large.vmdk"]);
    let full = std::fs::read(d.join("large.vmdk")).unwrap();
    std::fs::write(d.join("cut.vmdk"), &full[..full.len() - (1 << 20)]).unwrap();
    run(&d, &["create", "-f", "vmdk", "small.vmdk", "100G"]);
    assert_eq!(qemu_check(&d.join("large.vmdk")), Some(true));
    assert_eq!(qemu_check(&d.join("small.vmdk")), Some(true));
    assert!(qemu_refuses(&d.join("cut.vmdk"), None));
    for name in ["large.vmdk", "cut.vmdk"] {
        let f = facts(&d.join(name));
        assert!(!f.complete, "{name}: {f:#?}");
        assert_eq!(f.virtual_size, Some(200 << 30), "{name}");
        // Text: the note, its help, and a summary that counts it.
        let (code, text) = cli(&d, &["--profile", "current", name]);
        assert_eq!(code, Some(0), "{name}: {text}");
        assert!(
            text.contains(&format!(
                "{name}:1:1: info[image-not-verified] not every check"
            )),
            "{name}: {text}"
        );
        assert!(text.contains("qemu-img check"), "{name}: {text}");
        assert!(!text.contains("All checks passed"), "{name}: {text}");
        assert!(
            text.contains("Found 0 errors, 0 warnings and 1 note in 1 image."),
            "{name}: {text}"
        );
        // In Chinese too.
        let (_, text) = cli(&d, &["--profile", "current", "--lang", "zh-CN", name]);
        assert!(text.contains("提示[image-not-verified]"), "{name}: {text}");
        assert!(!text.contains("全部检查通过"), "{name}: {text}");
        // JSON: the finding beside the facts that say why.
        let (_, out) = cli(&d, &["--profile", "current", "--format", "json", name]);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v[0]["image"]["complete"], false, "{out}");
        let notes: Vec<&Value> = v[0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "image-not-verified")
            .collect();
        assert_eq!(notes.len(), 1, "{out}");
        assert_eq!(notes[0]["severity"], "info", "{out}");
        // SARIF: a result at level note, and the rule in the driver's rules.
        let (_, out) = cli(&d, &["--profile", "current", "--format", "sarif", name]);
        let v: Value = serde_json::from_str(&out).unwrap();
        let results = v["runs"][0]["results"].as_array().unwrap();
        assert!(
            results
                .iter()
                .any(|r| r["ruleId"] == "image-not-verified" && r["level"] == "note"),
            "{out}"
        );
        // GitHub annotations and GitLab code quality.
        let (_, out) = cli(&d, &["--profile", "current", "--format", "github", name]);
        assert!(out.contains("image-not-verified"), "{out}");
        let (_, out) = cli(&d, &["--profile", "current", "--format", "gitlab", name]);
        assert!(out.contains("image-not-verified"), "{out}");
    }
    // A dynamic VHD with 512 KiB blocks (as Hyper-V may write them): its block table of 8 MB,
    // grown here from qemu-img's 2 MiB-block table of a 1000 GiB disk, is more than the 4
    // MiB read. qemu-img opens it; the entries not read are unknown, so it is noted.
    run(&d, &["create", "-f", "vpc", "bat.vhd", "1000G"]);
    let vhd = std::fs::read(d.join("bat.vhd")).unwrap();
    let be = |b: &[u8], at: usize, n: usize| {
        b[at..at + n]
            .iter()
            .fold(0u64, |v, &x| (v << 8) | u64::from(x)) as usize
    };
    let dynamic = be(&vhd, 16, 8);
    let (bat, entries, block) = (
        be(&vhd, dynamic + 16, 8),
        be(&vhd, dynamic + 28, 4),
        be(&vhd, dynamic + 32, 4),
    );
    let mut small_blocks = vhd[..bat].to_vec();
    small_blocks.resize(bat + entries * 4 * 4, 0xFF);
    small_blocks[dynamic + 28..dynamic + 32].copy_from_slice(&(entries as u32 * 4).to_be_bytes());
    small_blocks[dynamic + 32..dynamic + 36].copy_from_slice(&(block as u32 / 4).to_be_bytes());
    small_blocks[dynamic + 36..dynamic + 40].fill(0);
    let sum = small_blocks[dynamic..dynamic + 1024]
        .iter()
        .fold(0u32, |s, &b| s.wrapping_add(u32::from(b)));
    small_blocks[dynamic + 36..dynamic + 40].copy_from_slice(&(!sum).to_be_bytes());
    small_blocks.extend_from_slice(&vhd[..512]);
    std::fs::write(d.join("small-blocks.vhd"), &small_blocks).unwrap();
    let path = d.join("small-blocks.vhd");
    assert_eq!(
        info(&path, None)["virtual-size"].as_u64(),
        Some(1000 << 30),
        "qemu-img opens it"
    );
    let f = facts(&path);
    assert!(!f.complete && !f.is_damaged(), "{f:#?}");
    let (code, text) = cli(&d, &["--profile", "current", "small-blocks.vhd"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("info[image-not-verified]"), "{text}");
    assert!(!text.contains("All checks passed"), "{text}");
    // A VMDK whose tables fit within the bound is checked whole: no note, a pass.
    let f = facts(&d.join("small.vmdk"));
    assert!(f.complete, "{f:#?}");
    let (code, text) = cli(&d, &["--profile", "current", "small.vmdk"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("All checks passed"), "{text}");
}

/// Whether qemu-img opens the file (`qemu-img info`), as the format it probes or `format`.
fn qemu_opens(path: &Path, format: Option<&str>) -> bool {
    let mut cmd = Command::new("qemu-img");
    cmd.arg("info");
    if let Some(f) = format {
        cmd.args(["-f", f]);
    }
    cmd.arg(path).output().unwrap().status.success()
}

/// `qemu-img check`'s verdict: `Some(true)` clean (leaks allowed), `Some(false)` corrupt
/// or not openable, `None` where the format has no check.
fn qemu_check(path: &Path) -> Option<bool> {
    let out = Command::new("qemu-img")
        .args(["check", "--output", "json"])
        .arg(path)
        .output()
        .unwrap();
    match out.status.code() {
        Some(0 | 3) => Some(true),
        Some(63) => None,
        _ => Some(false),
    }
}

/// Whether qemu-img finds the file damaged: it cannot open it, or its check finds
/// corruption.
fn qemu_refuses(path: &Path, format: Option<&str>) -> bool {
    !qemu_opens(path, format) || qemu_check(path) == Some(false)
}

/// `importimage-lint image ARGS` in `dir`: exit code and stdout.
fn cli(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_importimage-lint"))
        .arg("image")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// A raw disk with data in it (so that images converted from it have clusters, grains and
/// blocks to lose when cut): an MBR, then `mib` MiB of pseudo-random bytes from 1 MiB on.
fn raw_with_data(path: &Path, size: u64, mib: usize) {
    raw_disk(path, size, "mbr");
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(1 << 20)).unwrap();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let data: Vec<u8> = (0..mib << 20)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    f.write_all(&data).unwrap();
}

/// Class 1: every format qemu-img knows by its magic is named, never taken for raw; what
/// qemu-img calls it, and its virtual size, are the reference.
#[test]
fn formats_qemu_img_knows_are_named_never_raw() {
    if !qemu_img() {
        return;
    }
    let d = scratch("known");
    for (name, create) in [
        ("disk.vdi", vec!["create", "-f", "vdi", "disk.vdi", "40G"]),
        ("disk.qed", vec!["create", "-f", "qed", "disk.qed", "3G"]),
        (
            "disk.hdd",
            vec!["create", "-f", "parallels", "disk.hdd", "3G"],
        ),
        ("disk.qcow", vec!["create", "-f", "qcow", "disk.qcow", "3G"]),
        (
            "enc.qcow",
            vec![
                "create",
                "--object",
                "secret,id=s,data=x",
                "-f",
                "qcow",
                "-o",
                "encryption=on,encrypt.key-secret=s",
                "enc.qcow",
                "3G",
            ],
        ),
        (
            "disk.luks",
            vec![
                "create",
                "--object",
                "secret,id=s,data=x",
                "-f",
                "luks",
                "-o",
                "key-secret=s",
                "disk.luks",
                "1G",
            ],
        ),
        ("disk.vhdx", vec!["create", "-f", "vhdx", "disk.vhdx", "3G"]),
    ] {
        run(&d, &create);
        let path = d.join(name);
        let q = info(&path, None);
        let f = facts(&path);
        assert_eq!(f.format.name(), q["format"].as_str().unwrap(), "{name}");
        assert_eq!(f.virtual_size, q["virtual-size"].as_u64(), "{name}");
        assert_eq!(
            f.encrypted,
            q["encrypted"].as_bool().unwrap_or(false),
            "{name}: a legacy qcow header is not qcow2's"
        );
        let rules = rules_of(&path, "current", None);
        assert!(
            rules.iter().any(|r| r == "image-format-unsupported"),
            "{name}: {rules:?}"
        );
        assert!(!rules.iter().any(|r| r == "image-encrypted") || f.encrypted);
    }
    // cloop and Bochs images, written byte by byte as their formats lay them out; qemu-img
    // confirms what they are.
    let mut cloop =
        b"#!/bin/sh\n#V2.0 Format\nmodprobe cloop file=$0 && mount -r -t iso9660 /dev/cloop $1\n"
            .to_vec();
    cloop.resize(128, 0);
    let block = miniz_like_stored_zlib(4096);
    cloop.extend_from_slice(&4096u32.to_be_bytes());
    cloop.extend_from_slice(&1u32.to_be_bytes());
    let first = (cloop.len() + 16) as u64;
    cloop.extend_from_slice(&first.to_be_bytes());
    cloop.extend_from_slice(&(first + block.len() as u64).to_be_bytes());
    cloop.extend_from_slice(&block);
    std::fs::write(d.join("disk.cloop"), &cloop).unwrap();
    let mut bochs = vec![0u8; 512];
    bochs[..22].copy_from_slice(b"Bochs Virtual HD Image");
    bochs[32..39].copy_from_slice(b"Redolog");
    bochs[48..55].copy_from_slice(b"Growing");
    for (at, v) in [
        (64, 0x0002_0000u32),
        (68, 512),
        (72, 512),
        (76, 4096),
        (80, 1 << 20),
    ] {
        bochs[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }
    bochs[88..96].copy_from_slice(&(512u64 << 20).to_le_bytes());
    bochs.extend(std::iter::repeat_n(0xFF, 4 * 512));
    std::fs::write(d.join("disk.bochs"), &bochs).unwrap();
    for name in ["disk.cloop", "disk.bochs"] {
        let path = d.join(name);
        let q = info(&path, None);
        let f = facts(&path);
        assert_eq!(f.format.name(), q["format"].as_str().unwrap(), "{name}");
        assert_eq!(f.virtual_size, q["virtual-size"].as_u64(), "{name}");
    }
    // An Apple disk image is known by its `koly` trailer; qemu probes it by its name: not
    // raw to qemu-img (which then fails to open this one), raw only when told so.
    let mut dmg = vec![0u8; 1 << 20];
    let n = dmg.len();
    dmg[n - 512..n - 508].copy_from_slice(b"koly");
    std::fs::write(d.join("disk.dmg"), &dmg).unwrap();
    assert!(!qemu_opens(&d.join("disk.dmg"), None) && qemu_opens(&d.join("disk.dmg"), Some("raw")));
    assert_eq!(facts(&d.join("disk.dmg")).format, ImageFormat::Dmg);
    // The issue's case: a 40 GiB VirtualBox disk with a request that calls it a 40 GiB RAW
    // disk is refused, never "All checks passed".
    std::fs::write(
        d.join("req.json"),
        r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"OSSBucket": "b12", "OSSObject": "disk.vdi", "Format": "RAW", "DiskImageSize": 40}]}"#,
    )
    .unwrap();
    let (code, out) = cli(&d, &["disk.vdi", "--request", "req.json"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("vdi disk image") && !out.contains("All checks passed"),
        "{out}"
    );
    // raw is said only when no header is known, and the text says so.
    raw_disk(&d.join("plain.raw"), 5 << 30, "mbr");
    assert_eq!(info(&d.join("plain.raw"), None)["format"], "raw");
    let (code, out) = cli(&d, &["plain.raw"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("raw (no recognised header)"), "{out}");
}

/// A zlib stream of `n` zero bytes, stored (uncompressed blocks): what cloop's blocks hold.
fn miniz_like_stored_zlib(n: usize) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let data = vec![0u8; n];
    let mut chunks = data.chunks(65535).peekable();
    while let Some(c) = chunks.next() {
        out.push(u8::from(chunks.peek().is_none()));
        out.extend_from_slice(&(c.len() as u16).to_le_bytes());
        out.extend_from_slice(&(!(c.len() as u16)).to_le_bytes());
        out.extend_from_slice(c);
    }
    // Adler-32 of n zeros: a = 1, b = n.
    let (a, b) = (1u32, (n as u32) % 65521);
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

/// Class 2: damage as qemu-img sees it. Each image is judged by `qemu-img info` and
/// `qemu-img check`; every one qemu refuses is `image-damaged` (or not self-contained),
/// through the library and the CLI (never exit 0, never "All checks passed"), and each
/// whole twin passes.
#[test]
fn damage_as_qemu_img_sees_it() {
    if !qemu_img() {
        return;
    }
    let d = scratch("damage");
    let source = d.join("data.raw");
    raw_with_data(&source, 6 << 30, 8);
    let convert = |args: &[&str], out: &str| {
        let mut all = vec!["convert", "-f", "raw"];
        all.extend_from_slice(args);
        all.push(source.to_str().unwrap());
        all.push(out);
        run(&d, &all);
    };
    convert(&["-O", "qcow2"], "whole.qcow2");
    convert(&["-O", "qcow2", "-c"], "compressed.qcow2");
    convert(
        &["-O", "vmdk", "-o", "subformat=monolithicSparse"],
        "sparse.vmdk",
    );
    convert(
        &["-O", "vmdk", "-o", "subformat=streamOptimized"],
        "stream.vmdk",
    );
    convert(&["-O", "vpc", "-o", "subformat=dynamic"], "dynamic.vhd");
    convert(&["-O", "vhdx"], "disk.vhdx");
    // Copies cut short: at nine tenths, and (for the compressed ones) at the middle.
    let mut bad: Vec<(String, Option<&str>)> = Vec::new();
    let mut good: Vec<(String, Option<&str>)> = Vec::new();
    for name in [
        "whole.qcow2",
        "compressed.qcow2",
        "sparse.vmdk",
        "stream.vmdk",
        "dynamic.vhd",
        "disk.vhdx",
    ] {
        let full = std::fs::read(d.join(name)).unwrap();
        for (tag, at) in [("90", full.len() / 10 * 9), ("50", full.len() / 2)] {
            let cut = format!("cut{tag}-{name}");
            std::fs::write(d.join(&cut), &full[..at]).unwrap();
            bad.push((cut, None));
        }
        good.push((name.to_owned(), None));
    }
    // A streamOptimized VMDK whose grain directory is in a footer the copy lost.
    let mut stream = std::fs::read(d.join("stream.vmdk")).unwrap();
    stream[56..64].copy_from_slice(&u64::MAX.to_le_bytes());
    std::fs::write(d.join("nofooter.vmdk"), &stream).unwrap();
    bad.push(("nofooter.vmdk".into(), None));
    // The same stream with the footer VMware writes (a footer marker, the header again with
    // the grain directory's place, an end-of-stream marker): whole.
    let original = std::fs::read(d.join("stream.vmdk")).unwrap();
    let mut footer = stream.clone();
    footer.resize(footer.len().div_ceil(512) * 512, 0);
    let mut marker = vec![0u8; 512];
    marker[0..8].copy_from_slice(&1u64.to_le_bytes());
    marker[12..16].copy_from_slice(&3u32.to_le_bytes());
    footer.extend_from_slice(&marker);
    footer.extend_from_slice(&original[..512]);
    footer.extend_from_slice(&[0u8; 512]);
    std::fs::write(d.join("footer.vmdk"), &footer).unwrap();
    good.push(("footer.vmdk".into(), None));
    // A VHD whose footer checksum is wrong (both copies).
    let mut vhd = std::fs::read(d.join("dynamic.vhd")).unwrap();
    let n = vhd.len();
    vhd[70] ^= 1;
    vhd[n - 512 + 70] ^= 1;
    std::fs::write(d.join("checksum.vhd"), &vhd).unwrap();
    bad.push(("checksum.vhd".into(), None));
    // qcow2 headers qemu refuses: cluster_bits, version, an unknown incompatible feature,
    // unaligned L1 and refcount tables.
    let qcow = std::fs::read(d.join("whole.qcow2")).unwrap();
    let patch = |name: &str, at: usize, bytes: &[u8]| {
        let mut q = qcow.clone();
        q[at..at + bytes.len()].copy_from_slice(bytes);
        std::fs::write(d.join(name), &q).unwrap();
    };
    let be = |at: usize| u64::from_be_bytes(qcow[at..at + 8].try_into().unwrap());
    patch("bits.qcow2", 20, &22u32.to_be_bytes());
    patch("version.qcow2", 4, &4u32.to_be_bytes());
    patch("feature.qcow2", 72, &0x20u64.to_be_bytes());
    patch("l1.qcow2", 40, &(be(40) + 512).to_be_bytes());
    patch("refcount.qcow2", 48, &(be(48) + 512).to_be_bytes());
    // A header extension longer than the room left for extensions (qemu: "Header extension
    // too large"): an external data file's name claiming 4 GiB (a length 32-bit arithmetic
    // wraps on), and the feature name table claiming one whole cluster.
    // They start at header_length (offset 100).
    let ext = u32::from_be_bytes(qcow[100..104].try_into().unwrap()) as usize;
    let extension = |kind: u32, len: u32| [kind.to_be_bytes(), len.to_be_bytes()].concat();
    patch("ext-4g.qcow2", ext, &extension(0x4441_5441, u32::MAX));
    patch("ext-cluster.qcow2", ext, &extension(0x6803_f857, 1 << 16));
    for name in [
        "bits",
        "version",
        "feature",
        "l1",
        "refcount",
        "ext-4g",
        "ext-cluster",
    ] {
        bad.push((format!("{name}.qcow2"), None));
    }
    // A raw GPT disk shorter than its GPT says: sfdisk and blkid no longer read its GPT.
    // (Partitioned anew rather than copied: a copy of the sparse disk would write 6 GB.)
    raw_disk(&d.join("gpt.raw"), 6 << 30, "gpt-efi");
    raw_disk(&d.join("short-gpt.raw"), 6 << 30, "gpt-efi");
    std::fs::File::options()
        .write(true)
        .open(d.join("short-gpt.raw"))
        .unwrap()
        .set_len(5 << 30)
        .unwrap();
    assert_eq!(sfdisk_json(&d.join("gpt.raw")).0.as_deref(), Some("gpt"));
    assert_eq!(
        sfdisk_json(&d.join("short-gpt.raw")).0.as_deref(),
        Some("dos")
    );
    let blkid = |name: &str| {
        Command::new("blkid")
            .args(["-p", "-o", "value", "-s", "PTTYPE"])
            .arg(d.join(name))
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    if let (Some(whole), Some(short)) = (blkid("gpt.raw"), blkid("short-gpt.raw")) {
        assert_eq!((whole.as_str(), short.as_str()), ("gpt", "PMBR"));
    }
    bad.push(("short-gpt.raw".into(), None));
    good.push(("gpt.raw".into(), None));
    for (name, format) in &bad {
        let path = d.join(name);
        assert!(
            qemu_refuses(&path, *format) || name == "short-gpt.raw",
            "qemu-img accepts {name}"
        );
        let f = facts(&path);
        assert!(f.is_damaged(), "{name}: {f:#?}");
        let rules = rules_of(&path, "current", None);
        assert!(
            rules.iter().any(|r| r == "image-damaged"),
            "{name}: {rules:?}"
        );
        let (code, out) = cli(&d, &["--profile", "current", name]);
        assert_eq!(code, Some(1), "{name}: {out}");
        assert!(!out.contains("All checks passed"), "{name}: {out}");
    }
    let (_, out) = cli(&d, &["cut90-whole.qcow2"]);
    assert!(out.contains("past the end of the file"), "{out}");
    let (_, out) = cli(&d, &["ext-4g.qcow2"]);
    assert!(
        out.contains("a header extension claims 4294967295 bytes"),
        "{out}"
    );
    for (name, format) in &good {
        let path = d.join(name);
        assert!(!qemu_refuses(&path, *format), "qemu-img refuses {name}");
        let f = facts(&path);
        assert!(!f.is_damaged() && f.complete, "{name}: {f:#?}");
        assert!(
            !rules_of(&path, "current", None)
                .iter()
                .any(|r| r == "image-damaged"),
            "{name}"
        );
    }
    // The big extent of a split VMDK, uploaded alone: qemu-img opens the disk through its
    // descriptor, never from the extent.
    run(
        &d,
        &[
            "create",
            "-f",
            "vmdk",
            "-o",
            "subformat=twoGbMaxExtentSparse",
            "split.vmdk",
            "5G",
        ],
    );
    let extent = d.join("split-s001.vmdk");
    assert!(qemu_opens(&d.join("split.vmdk"), None) && !qemu_opens(&extent, None));
    assert_eq!(facts(&extent).variant, Some("extent"));
    assert!(rules_of(&extent, "current", None)
        .iter()
        .any(|r| r == "image-not-self-contained"));
}

/// qcow2 refcounts of every width qemu writes (1 to 64 bits; narrow ones packed from the low
/// bits of each byte) are read as `qemu-img check` reads them: each whole image passes, each
/// copy cut at nine tenths is damaged, and an empty image with 2 MiB clusters and 1-bit
/// refcounts (16 million of them in its one refcount block) is whole.
#[test]
fn qcow2_refcounts_of_every_width_are_read_as_qemu_img_check_reads_them() {
    if !qemu_img() {
        return;
    }
    let d = scratch("refcounts");
    raw_with_data(&d.join("data.raw"), 1 << 30, 4);
    for bits in [1, 2, 4, 8, 16, 32, 64] {
        let whole = format!("whole-{bits}.qcow2");
        let options = format!("refcount_bits={bits}");
        run(
            &d,
            &["convert", "-O", "qcow2", "-o", &options, "data.raw", &whole],
        );
        let full = std::fs::read(d.join(&whole)).unwrap();
        let cut = format!("cut-{bits}.qcow2");
        std::fs::write(d.join(&cut), &full[..full.len() / 10 * 9]).unwrap();
        for (name, damaged) in [(&whole, false), (&cut, true)] {
            assert_eq!(qemu_check(&d.join(name)), Some(!damaged), "{name}");
            let f = facts(&d.join(name));
            assert_eq!(f.is_damaged(), damaged, "{name}: {f:#?}");
        }
    }
    run(
        &d,
        &[
            "create",
            "-f",
            "qcow2",
            "-o",
            "cluster_size=2M,refcount_bits=1",
            "empty.qcow2",
            "20G",
        ],
    );
    assert_eq!(qemu_check(&d.join("empty.qcow2")), Some(true));
    let f = facts(&d.join("empty.qcow2"));
    assert!(!f.is_damaged() && f.complete, "{f:#?}");
}

/// Class 3: a request adds checks, never removes them. The image's size is what
/// `qemu-img info` says; the disk numbers are the request's.
#[test]
fn a_request_adds_checks_never_removes_them() {
    if !qemu_img() {
        return;
    }
    let d = scratch("request");
    run(&d, &["create", "-f", "qcow2", "big.qcow2", "600G"]);
    run(&d, &["create", "-f", "qcow2", "disk.qcow2", "40G"]);
    assert_eq!(
        info(&d.join("big.qcow2"), None)["virtual-size"],
        600u64 << 30
    );
    // A 600 GiB system disk under 2019-01 (5 to 500 GiB): out of range alone, and still
    // with a request that sizes the disk to fit it.
    let sized = request(
        "big.qcow2",
        r#", "DiskDeviceMapping.1.DiskImageSize": "600""#,
    );
    for req in [
        None,
        Some(sized.as_str()),
        Some(&request("big.qcow2", "")[..]),
    ] {
        let rules = rules_of(&d.join("big.qcow2"), "2019-01", req);
        assert!(
            rules.iter().any(|r| r == "image-size"),
            "{req:?}: {rules:?}"
        );
    }
    // The deprecated alias DiskImSize is read under the current API.
    let alias = request("disk.qcow2", r#", "DiskDeviceMapping.1.DiskImSize": "20""#);
    let report = importimage_lint::Linter::new(
        importimage_lint::Options::default()
            .with_profile(importimage_lint::profile::by_id("current").unwrap()),
    )
    .check_image(
        &facts(&d.join("disk.qcow2")),
        &ImageCheck::new().request(&alias).file_name("disk.qcow2"),
    );
    let size = report
        .diagnostics
        .iter()
        .find(|d| d.rule.id() == "image-size")
        .expect("DiskImSize 20 for a 40 GiB image");
    assert_eq!(
        size.param.as_deref(),
        Some("DiskDeviceMapping.1.DiskImSize")
    );
    // A disk the request does not have, or disk 0: a finding in the library…
    let two = r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"OSSBucket": "b12", "OSSObject": "a.raw"}, {"OSSBucket": "b12", "OSSObject": "b.raw"}]}"#;
    let linter = importimage_lint::Linter::default();
    let f = facts(&d.join("disk.qcow2"));
    for disk in [0, 3] {
        let check = ImageCheck::new()
            .request(two)
            .disk(disk)
            .file_name("disk.qcow2");
        let r = linter.check_image(&f, &check);
        assert!(!r.valid, "{disk:?}");
        assert!(
            r.diagnostics
                .iter()
                .any(|x| x.rule.id() == "invalid-input" && x.message.contains("no disk")),
            "{disk:?}: {:?}",
            r.diagnostics
        );
    }
    // …and without a disk named or matched, a request without disk 1 says so too.
    let only_two = r#"{"RegionId": "cn-hangzhou", "DiskDeviceMapping.2.OSSBucket": "b12", "DiskDeviceMapping.2.OSSObject": "b.raw"}"#;
    assert!(
        !linter
            .check_image(
                &f,
                &ImageCheck::new().request(only_two).file_name("disk.qcow2")
            )
            .valid
    );
    assert!(
        linter
            .check_image(&f, &ImageCheck::new().request(two).disk(2))
            .valid
    );
    // …and a usage error in the CLI.
    std::fs::write(d.join("req.json"), two).unwrap();
    for disk in ["3", "0"] {
        let (code, out) = cli(&d, &["disk.qcow2", "--request", "req.json", "--disk", disk]);
        assert_eq!(code, Some(2), "--disk {disk}: {out}");
        assert!(!out.contains("All checks passed"), "{out}");
    }
    let (code, out) = cli(&d, &["disk.qcow2", "--request", "req.json", "--disk", "3"]);
    assert!(
        out.contains("--disk 3: the request has no disk 3: its disks are 1, 2"),
        "{code:?} {out}"
    );
    let (code, out) = cli(&d, &["disk.qcow2", "--request", "req.json", "--disk", "2"]);
    assert_eq!(code, Some(0), "{out}");
}

/// A VHDX whose metadata table lists 2,047 items spread over its 1 MiB region (each read
/// on its own, once, 2,050 reads), and whose region table lists 2,047 regions.
fn hostile_vhdx() -> Vec<u8> {
    let mut f = vec![0u8; 0x20_0000 + (1 << 20)];
    f[..8].copy_from_slice(b"vhdxfile");
    let r = 0x30000;
    f[r..r + 4].copy_from_slice(b"regi");
    f[r + 8..r + 12].copy_from_slice(&2047u32.to_le_bytes());
    // The metadata region's GUID, placed at 1 MiB, 1 MiB long; then filler regions.
    let metadata: [u8; 16] = [
        0x06, 0xA2, 0x7C, 0x8B, 0x90, 0x47, 0x9A, 0x4B, 0xB8, 0xFE, 0x57, 0x5F, 0x05, 0x0F, 0x88,
        0x6E,
    ];
    for i in 0..2047 {
        let e = r + 16 + 32 * i;
        if e + 32 > r + 0x10000 {
            break;
        }
        if i == 0 {
            f[e..e + 16].copy_from_slice(&metadata);
        } else {
            f[e] = i as u8;
        }
        f[e + 16..e + 24].copy_from_slice(&0x10_0000u64.to_le_bytes());
        f[e + 24..e + 28].copy_from_slice(&(1u32 << 20).to_le_bytes());
    }
    let m = 0x10_0000;
    f[m..m + 8].copy_from_slice(b"metadata");
    f[m + 10..m + 12].copy_from_slice(&2047u16.to_le_bytes());
    // Virtual disk size, file parameters and logical sector size, over and over, each at
    // its own offset across the region.
    let ids: [[u8; 16]; 3] = [
        [
            0x24, 0x42, 0xA5, 0x2F, 0x1B, 0xCD, 0x76, 0x48, 0xB2, 0x11, 0x5D, 0xBE, 0xD8, 0x3B,
            0xF4, 0xB8,
        ],
        [
            0x37, 0x67, 0xA1, 0xCA, 0x36, 0xFA, 0x43, 0x4D, 0xB3, 0xB6, 0x33, 0xF0, 0xAA, 0x44,
            0xE7, 0x6B,
        ],
        [
            0x1D, 0xBF, 0x41, 0x81, 0x6F, 0xA9, 0x09, 0x47, 0xBA, 0x47, 0xF2, 0x33, 0xA8, 0xFA,
            0xAB, 0x5F,
        ],
    ];
    for i in 0..2047usize {
        let e = m + 32 + 32 * i;
        f[e..e + 16].copy_from_slice(&ids[i % 3]);
        let at = 0x10000 + (i as u32) * 480;
        f[e + 16..e + 20].copy_from_slice(&at.to_le_bytes());
        f[e + 20..e + 24].copy_from_slice(&8u32.to_le_bytes());
    }
    f
}

/// How a test reader answers a range: all of it, half, nothing, more than asked, or a
/// length that varies with each read.
#[derive(Debug, Clone, Copy)]
enum Reader {
    Whole,
    Half,
    Empty,
    More,
    Varying,
}

/// Drives an inspection of `file` with a reader of that kind; the loop is bounded by the
/// inspector alone (the test fails past the bound rather than hangs).
fn inspect_with(file: &[u8], how: Reader) -> ImageFacts {
    let mut i = Inspector::new(file.len() as u64);
    let mut rounds = 0;
    while let Some(r) = i.next_range() {
        rounds += 1;
        assert!(
            rounds <= importimage_lint::image::MAX_REQUESTS,
            "{how:?}: no end"
        );
        let start = (r.offset as usize).min(file.len());
        let end = start.saturating_add(r.len).min(file.len());
        let whole = &file[start..end];
        let mut more;
        let bytes: &[u8] = match how {
            Reader::Whole => whole,
            Reader::Half => &whole[..whole.len() / 2],
            Reader::Empty => &[],
            Reader::More => {
                more = whole.to_vec();
                more.extend(std::iter::repeat_n(0xA5, 1 << 20));
                &more
            }
            Reader::Varying => &whole[..whole.len() * (rounds % 4) / 3 % (whole.len() + 1)],
        };
        i.feed(r.offset, bytes);
    }
    i.finish()
}

/// Class 5: whatever the reader returns, the inspection ends within its bound (64 reads,
/// 8 MB), hostile metadata included; a short read is the end of the file; the CLI refuses
/// what would block.
#[test]
fn the_inspector_ends_within_its_bound_whatever_the_reader_returns() {
    use importimage_lint::image::{Damage, MAX_READ, MAX_REQUESTS};
    let hostile = hostile_vhdx();
    let f = importimage_lint::image::inspect_bytes(&hostile);
    assert!(f.reads <= 8, "hostile VHDX metadata: {} reads", f.reads);
    assert_eq!(f.format, ImageFormat::Vhdx);
    let mut files: Vec<(String, Vec<u8>)> = vec![("hostile.vhdx".into(), hostile)];
    if qemu_img() {
        let d = scratch("bound");
        let source = d.join("data.raw");
        raw_with_data(&source, 1 << 30, 2);
        for (name, args) in [
            ("a.qcow2", vec!["-O", "qcow2"]),
            ("c.qcow2", vec!["-O", "qcow2", "-c"]),
            ("a.vhd", vec!["-O", "vpc"]),
            ("a.vhdx", vec!["-O", "vhdx"]),
            (
                "s.vmdk",
                vec!["-O", "vmdk", "-o", "subformat=streamOptimized"],
            ),
            ("m.vmdk", vec!["-O", "vmdk"]),
        ] {
            let mut all = vec!["convert", "-f", "raw"];
            all.extend(args);
            all.extend([source.to_str().unwrap(), name]);
            run(&d, &all);
            files.push((name.into(), std::fs::read(d.join(name)).unwrap()));
        }
        files.push(("gpt.raw".into(), {
            raw_disk(&d.join("gpt.raw"), 256 << 20, "gpt-efi");
            std::fs::read(d.join("gpt.raw")).unwrap()
        }));
        // A VMDK descriptor longer than 4 KiB (a 300 GiB split disk: 150 extents) is read
        // whole: the size is qemu-img's.
        run(
            &d,
            &[
                "create",
                "-f",
                "vmdk",
                "-o",
                "subformat=twoGbMaxExtentFlat",
                "split.vmdk",
                "300G",
            ],
        );
        let desc = d.join("split.vmdk");
        assert!(std::fs::metadata(&desc).unwrap().len() > 4096);
        let f = facts(&desc);
        assert_eq!(f.virtual_size, info(&desc, None)["virtual-size"].as_u64());
        assert_eq!(f.other_files.len(), 150);
        // The CLI refuses a FIFO and a character device, at once, with a clear error.
        let fifo = d.join("pipe");
        assert!(Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        for (path, what) in [
            (fifo.to_str().unwrap(), "FIFO"),
            ("/dev/zero", "character device"),
        ] {
            let mut child = Command::new(env!("CARGO_BIN_EXE_importimage-lint"))
                .args(["image", path])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let start = std::time::Instant::now();
            while child.try_wait().unwrap().is_none() {
                if start.elapsed() > std::time::Duration::from_secs(20) {
                    let _ = child.kill();
                    panic!("importimage-lint image {path} blocks");
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            let out = child.wait_with_output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{path}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(what), "{path}: {err}");
            // Nothing was checked: no summary may say that the checks passed.
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(!text.contains("All checks passed"), "{path}: {text}");
        }
        // Beside an image that can be read, too: the run stops before it says anything.
        let (code, text) = cli(&d, &["split.vmdk", fifo.to_str().unwrap()]);
        assert_eq!(code, Some(2), "{text}");
        assert!(text.contains("is a FIFO"), "{text}");
        assert!(!text.contains("All checks passed"), "{text}");
    }
    for (name, file) in &files {
        let whole = inspect_with(file, Reader::Whole);
        for how in [
            Reader::Whole,
            Reader::Half,
            Reader::Empty,
            Reader::More,
            Reader::Varying,
        ] {
            let f = inspect_with(file, how);
            assert!(
                f.reads <= MAX_REQUESTS && f.bytes_read <= MAX_READ,
                "{name} {how:?}: {f:#?}"
            );
            match how {
                Reader::Whole | Reader::More => assert_eq!(f, whole, "{name} {how:?}"),
                // A short read is the end of the file: never a pass.
                Reader::Half | Reader::Empty => {
                    assert!(
                        f.damage
                            .iter()
                            .any(|d| matches!(d, Damage::ShortRead { .. })),
                        "{name} {how:?}: {f:#?}"
                    );
                    let r = importimage_lint::Linter::default().check_image(&f, &ImageCheck::new());
                    assert!(!r.valid, "{name} {how:?}");
                }
                Reader::Varying => {}
            }
        }
    }
    // Through `inspect`: a file cut while it is read (its length said before, fewer bytes
    // after).
    struct Shrinking(std::io::Cursor<Vec<u8>>, u64);
    impl std::io::Read for Shrinking {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.position() >= self.1 {
                return Ok(0);
            }
            let n = buf
                .len()
                .min((self.1 - self.0.position()) as usize)
                .min(100);
            self.0.read(&mut buf[..n])
        }
    }
    impl std::io::Seek for Shrinking {
        fn seek(&mut self, p: std::io::SeekFrom) -> std::io::Result<u64> {
            self.0.seek(p)
        }
    }
    let (_, vhdx) = &files[0];
    let mut r = Shrinking(std::io::Cursor::new(vhdx.clone()), 0x30000 + 100);
    let f = inspect(&mut r).unwrap();
    assert_eq!(f.damage[0], Damage::ShortRead { at: 0x30000 + 100 });
    assert!(f.reads <= MAX_REQUESTS);
}

/// Writes `bytes` into `path` at `at`.
fn poke(path: &Path, at: u64, bytes: &[u8]) {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(at)).unwrap();
    f.write_all(bytes).unwrap();
}

fn peek(path: &Path, at: u64, n: usize) -> Vec<u8> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(path).unwrap();
    f.seek(SeekFrom::Start(at)).unwrap();
    let mut b = vec![0u8; n];
    f.read_exact(&mut b).unwrap();
    b
}

/// Class 4: the partition table and the EFI system partition as sfdisk (and fdisk with
/// 4096-byte sectors) read the same disk, or unknown; never a guess.
#[test]
fn partition_facts_as_sfdisk_reads_them() {
    if !qemu_img() {
        return;
    }
    let d = scratch("partitions");
    let disk = |name: &str, script: &str| {
        let p = d.join(name);
        std::fs::File::create(&p).unwrap().set_len(1 << 30).unwrap();
        partition(&p, script);
        p
    };
    let gpt = "label: gpt\nstart=2048, size=204800, type=U\nstart=206848, type=L\n";
    // The primary GPT header zeroed, the backup good: sfdisk reads the backup.
    let backup = disk("backup.raw", gpt);
    poke(&backup, 512, &[0u8; 512]);
    // A stale `EFI PART` at LBA 1 of a disk whose MBR has no protective entry: an MBR disk.
    // (A whole, valid primary GPT header and its entries, copied from a GPT disk.)
    let old = disk("old.raw", gpt);
    let stale = disk("stale.raw", "label: dos\nstart=2048, type=83\n");
    poke(&stale, 512, &peek(&old, 512, 33 * 512));
    // The ESP as a logical partition of an extended partition.
    let logical = disk(
        "logical.raw",
        "label: dos\nstart=2048, size=4096, type=83\nstart=8192, type=5\nstart=10240, size=2048, type=83\nstart=14336, size=204800, type=ef\n",
    );
    // The ESP in entry 10,000 of a 16,384-entry table, beyond the 1 MiB of entries read.
    let far = disk(
        "far.raw",
        "label: gpt\ntable-length: 16384\nfar.raw1 : start=8192, size=2048, type=L\nfar.raw10000 : start=16384, size=204800, type=U\n",
    );
    let bios_and_esp = disk(
        "both.raw",
        &format!("label: gpt\nstart=2048, size=2048, type={BIOS_BOOT}\nstart=4096, size=204800, type=U\nstart=208896, type=L\n"),
    );
    for (path, known) in [
        (&backup, true),
        (&stale, true),
        (&logical, true),
        (&far, false),
        (&bios_and_esp, true),
    ] {
        let (table, efi) = judged(path);
        let f = facts(path);
        assert_eq!(f.partition_table, table, "{}: {f:#?}", path.display());
        if known {
            assert_eq!(f.efi_partition, efi, "{}", path.display());
        } else {
            // sfdisk finds the ESP; the inspector did not read that far: unknown, not "no".
            assert_eq!(
                (efi, f.efi_partition),
                (Some(true), None),
                "{}",
                path.display()
            );
        }
    }
    assert_eq!(judged(&backup), (PartitionTable::Gpt, Some(true)));
    assert_eq!(judged(&stale).0, PartitionTable::Mbr);
    assert_eq!(judged(&logical), (PartitionTable::Mbr, Some(true)));
    // A disk with both a BIOS boot partition and an ESP boots either way: no warning under
    // BIOS; with the ESP alone, a warning.
    let (_, types) = sfdisk_json(&bios_and_esp);
    assert!(types.iter().any(|t| t == BIOS_BOOT) && types.iter().any(|t| t == ESP));
    assert_eq!(facts(&bios_and_esp).bios_boot_partition, Some(true));
    let bios = |object: &str| request(object, r#", "BootMode": "BIOS""#);
    assert!(!rules_of(&bios_and_esp, "current", Some(&bios("both.raw")))
        .iter()
        .any(|r| r == "image-boot-layout"));
    let esp_only = disk("esp.raw", gpt);
    assert!(rules_of(&esp_only, "current", Some(&bios("esp.raw")))
        .iter()
        .any(|r| r == "image-boot-layout"));
    // 4096-byte logical sectors: fdisk -b 4096 writes and reads the GPT.
    let fdisk = Command::new("fdisk").arg("--version").output().is_ok();
    if fdisk {
        let big = d.join("4k.raw");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(1 << 30)
            .unwrap();
        let mut child = Command::new("fdisk")
            .args(["-b", "4096"])
            .arg(&big)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        use std::io::Write;
        // A GPT; partition 1 of 100 MiB typed EFI System (type 1); partition 2, the rest.
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"g\nn\n1\n\n+100M\nt\n1\nn\n2\n\n\nw\n")
            .unwrap();
        assert!(child.wait().unwrap().success());
        let listing = Command::new("fdisk")
            .args(["-l", "-b", "4096"])
            .arg(&big)
            .output()
            .unwrap();
        let listing = String::from_utf8_lossy(&listing.stdout);
        assert!(
            listing.contains("Disklabel type: gpt") && listing.contains("EFI System"),
            "{listing}"
        );
        let f = facts(&big);
        assert_eq!(
            (f.partition_table, f.sector_size, f.efi_partition),
            (PartitionTable::Gpt, Some(4096), Some(true))
        );
    }
    // qcow2 with extended L2 entries: the GPT is read through sub-clusters, and a
    // sub-cluster that reads as zeros (qemu-io's zero write) is zeros, as qemu-img map and
    // sfdisk on the converted disk say.
    run(
        &d,
        &[
            "convert",
            "-f",
            "raw",
            "-O",
            "qcow2",
            "-o",
            "extended_l2=on",
            "esp.raw",
            "ext.qcow2",
        ],
    );
    let f = facts(&d.join("ext.qcow2"));
    assert_eq!((f.partition_table, f.efi_partition), judged(&esp_only));
    let io = Command::new("qemu-io")
        .args(["-f", "qcow2", "-c", "write -z 0 2048"])
        .arg(d.join("ext.qcow2"))
        .output()
        .unwrap();
    assert!(
        io.status.success(),
        "{}",
        String::from_utf8_lossy(&io.stderr)
    );
    assert_eq!(
        qemu_json("map", &d.join("ext.qcow2"), None)[0]["zero"],
        true
    );
    run(&d, &["convert", "-O", "raw", "ext.qcow2", "ext.raw"]);
    let f = facts(&d.join("ext.qcow2"));
    assert_eq!(judged(&d.join("ext.raw")).0, PartitionTable::None);
    assert_eq!(f.partition_table, PartitionTable::None, "{f:#?}");
    // A VHD's virtual size as qemu-img 10 reads it for each creator: the geometry's, or the
    // footer's size.
    run(
        &d,
        &[
            "create",
            "-f",
            "vpc",
            "-o",
            "subformat=dynamic",
            "odd.vhd",
            "1000M",
        ],
    );
    let vhd = std::fs::read(d.join("odd.vhd")).unwrap();
    for creator in [
        b"vpc ", b"qemu", b"qem2", b"win ", b"d2v ", b"CTXS", b"tap\0", b"vs  ",
    ] {
        let mut v = vhd.clone();
        let n = v.len();
        for at in [0, n - 512] {
            v[at + 28..at + 32].copy_from_slice(creator);
            v[at + 64..at + 68].fill(0);
            let sum = !v[at..at + 512].iter().map(|&b| u32::from(b)).sum::<u32>();
            v[at + 64..at + 68].copy_from_slice(&sum.to_be_bytes());
        }
        let name = format!(
            "creator-{}.vhd",
            String::from_utf8_lossy(creator).trim_end_matches(['\0', ' '])
        );
        std::fs::write(d.join(&name), &v).unwrap();
        assert_eq!(
            facts(&d.join(&name)).virtual_size,
            info(&d.join(&name), None)["virtual-size"].as_u64(),
            "{name}"
        );
    }
}

/// Class 5: each recognised magic with every other header byte at 0xFF (the largest
/// sizes, offsets and counts a header can claim), in files of several claimed lengths:
/// inspected and linted without an overflow (tests run with debug assertions).
#[test]
fn headers_claiming_the_largest_values_do_not_overflow() {
    let magics: [(usize, &[u8]); 16] = [
        (0, b"QFI\xfb\0\0\0\x01"),
        (0, b"QFI\xfb\0\0\0\x02"),
        (0, b"QFI\xfb\0\0\0\x03"),
        (0, b"QED\0"),
        (0x40, b"\x7f\x10\xda\xbe"),
        (0, b"WithouFreSpacExt\x02\0\0\0"),
        (0, b"LUKS\xba\xbe\0\x01"),
        (0, b"#!/bin/sh\n#V2.0 Format\nmodprobe cloop file=$0"),
        (
            0,
            b"Bochs Virtual HD Image\xff\xff\xff\xff\xff\xff\xff\xff\xff\xffRedolog",
        ),
        (0, b"KDMV\x01\0\0\0"),
        (0, b"COWD"),
        (0, b"vhdxfile"),
        (0, b"conectix"),
        (
            0,
            b"# Disk DescriptorFile\nRW 18446744073709551615 SPARSE \"a\"\n",
        ),
        (0, &[0x55; 4]),
        (0, b"\0"),
    ];
    for (at, magic) in magics {
        for len in [4096usize, 1 << 20, 3 << 20] {
            let mut file = vec![0xFFu8; len];
            file[at..at + magic.len()].copy_from_slice(magic);
            if magic == b"\0" {
                // A raw disk whose MBR and GPT claim everything.
                file[510] = 0x55;
                file[511] = 0xAA;
                file[446 + 4] = 0xEE;
                file[512..520].copy_from_slice(b"EFI PART");
            }
            let f = importimage_lint::image::inspect_bytes(&file);
            let _ = importimage_lint::Linter::default()
                .check_image(&f, &ImageCheck::new().file_name("d.img"));
            assert!(f.reads <= importimage_lint::image::MAX_REQUESTS);
        }
    }
}
