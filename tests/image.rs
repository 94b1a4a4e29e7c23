//! The image inspector against a real oracle: images of every format and variant are made
//! with `qemu-img` (sparse, so they cost no disk), and what the inspector finds is compared
//! with `qemu-img info --output json`; guest partition tables are written by the test into a
//! raw disk, then converted into each format.

use std::path::{Path, PathBuf};
use std::process::Command;

use importimage_lint::image::{inspect, ImageFacts, ImageFormat, Inspector, PartitionTable};
use serde_json::Value;

fn qemu_img() -> bool {
    Command::new("qemu-img")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "importimage-lint-image-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
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

/// A raw disk of `size` bytes (sparse) whose first sectors hold a partition table.
fn raw_disk(path: &Path, size: u64, table: &str) {
    let f = std::fs::File::create(path).unwrap();
    f.set_len(size).unwrap();
    let mut head = vec![0u8; 34 * 512];
    match table {
        "mbr" => {
            head[446 + 4] = 0x83; // a Linux partition from sector 2048
            head[446 + 8..446 + 12].copy_from_slice(&2048u32.to_le_bytes());
            head[446 + 12..446 + 16].copy_from_slice(&((size / 512 - 2048) as u32).to_le_bytes());
            head[510] = 0x55;
            head[511] = 0xAA;
        }
        "mbr-efi" => {
            head[446 + 4] = 0xEF;
            head[446 + 8..446 + 12].copy_from_slice(&2048u32.to_le_bytes());
            head[446 + 12..446 + 16].copy_from_slice(&204800u32.to_le_bytes());
            head[510] = 0x55;
            head[511] = 0xAA;
        }
        "gpt" | "gpt-efi" => {
            head[446 + 4] = 0xEE; // the protective MBR
            head[446 + 8..446 + 12].copy_from_slice(&1u32.to_le_bytes());
            head[446 + 12..446 + 16].copy_from_slice(&u32::MAX.to_le_bytes());
            head[510] = 0x55;
            head[511] = 0xAA;
            let h = &mut head[512..1024];
            h[..8].copy_from_slice(b"EFI PART");
            h[8..12].copy_from_slice(&0x0001_0000u32.to_le_bytes());
            h[12..16].copy_from_slice(&92u32.to_le_bytes());
            h[72..80].copy_from_slice(&2u64.to_le_bytes());
            h[80..84].copy_from_slice(&128u32.to_le_bytes());
            h[84..88].copy_from_slice(&128u32.to_le_bytes());
            let kind: [u8; 16] = if table == "gpt-efi" {
                [
                    0x28, 0x73, 0x2A, 0xC1, 0x1F, 0xF8, 0xD2, 0x11, 0xBA, 0x4B, 0x00, 0xA0, 0xC9,
                    0x3E, 0xC9, 0x3B,
                ]
            } else {
                // Linux filesystem data: 0FC63DAF-8483-4772-8E79-3D69D8477DE4
                [
                    0xAF, 0x3D, 0xC6, 0x0F, 0x83, 0x84, 0x72, 0x47, 0x8E, 0x79, 0x3D, 0x69, 0xD8,
                    0x47, 0x7D, 0xE4,
                ]
            };
            head[1024..1040].copy_from_slice(&kind);
            head[1024 + 32..1024 + 40].copy_from_slice(&2048u64.to_le_bytes());
            head[1024 + 40..1024 + 48].copy_from_slice(&206847u64.to_le_bytes());
        }
        _ => {}
    }
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.write_all(&head).unwrap();
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
                let want = match table {
                    "mbr" => PartitionTable::Mbr,
                    "none" => PartitionTable::None,
                    _ => PartitionTable::Gpt,
                };
                assert_eq!(f.partition_table, want, "{label}: {f:#?}");
                assert_eq!(f.efi_partition, Some(table == "gpt-efi"), "{label}");
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
            inspector.feed(r.offset, bytes);
        }
        let facts = inspector.finish();
        assert_eq!(facts.file_size, len);
        let _ = importimage_lint::Linter::default().lint_image(&facts, None, None, Some("d.vhd"));
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
        .lint_image(&facts(path), request, None, Some(name))
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
