//! Every boundary of the spec, on both sides: ImageName 1/2/128/129 in ASCII, Han and
//! astral Han; Description 256/257; DiskImageSize 4/5/500/501 (system) and 4/5/1000/1001
//! (data); N 0/1/16/17/18.

use importimage_lint::{lint_json, Report, Rule};

fn lint(fields: &str) -> Report {
    lint_json(&format!(
        r#"{{"RegionId": "cn-hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw", {fields}}}"#
    ))
}

fn name(first: char, rest: char, len: usize) -> String {
    std::iter::once(first)
        .chain(std::iter::repeat_n(rest, len - 1))
        .collect()
}

#[test]
fn image_name_length_in_code_points() {
    for (first, rest) in [('a', 'b'), ('中', '文'), ('\u{20000}', '\u{2A6D6}')] {
        for (len, ok) in [(1, false), (2, true), (128, true), (129, false)] {
            let r = lint(&format!(r#""ImageName": "{}""#, name(first, rest, len)));
            assert_eq!(
                r.has(Rule::ImageNameLength, "ImageName"),
                !ok,
                "{first} × {len}: {:#?}",
                r.diagnostics
            );
            assert_eq!(r.valid, ok, "{first} × {len}");
        }
    }
}

#[test]
fn astral_names_warn_where_utf16_disagrees() {
    // 64 astral characters are 128 UTF-16 units (agree); 65 are 130 (disagree); 1 is 2 (disagree).
    for (len, warns) in [(64, false), (65, true), (1, true), (2, false)] {
        let r = lint(&format!(
            r#""ImageName": "{}""#,
            name('\u{20000}', '\u{20001}', len)
        ));
        assert_eq!(
            r.has(Rule::ImageNameUtf16Length, "ImageName"),
            warns,
            "{len}"
        );
    }
}

#[test]
fn description_length() {
    for (len, ok) in [(0, true), (256, true), (257, false)] {
        let r = lint(&format!(r#""Description": "{}""#, "描".repeat(len)));
        assert_eq!(r.valid, ok, "{len}");
        assert_eq!(r.has(Rule::DescriptionLength, "Description"), !ok, "{len}");
    }
}

#[test]
fn system_disk_size() {
    for (size, ok) in [(4, false), (5, true), (500, true), (501, false)] {
        let r = lint(&format!(r#""DiskDeviceMapping.1.DiskImageSize": "{size}""#));
        assert_eq!(r.valid, ok, "{size}");
        assert_eq!(
            r.has(Rule::DiskImageSize, "DiskDeviceMapping.1.DiskImageSize"),
            !ok
        );
    }
}

#[test]
fn data_disk_size_including_n_17() {
    for n in [2, 16, 17] {
        for (size, ok) in [(4, false), (5, true), (1000, true), (1001, false)] {
            let r = lint(&format!(
                r#""DiskDeviceMapping.{n}.OSSBucket": "ecsimageos", "DiskDeviceMapping.{n}.OSSObject": "d.raw", "DiskDeviceMapping.{n}.DiskImageSize": {size}"#
            ));
            assert_eq!(r.valid, ok, "n={n} size={size}: {:#?}", r.diagnostics);
        }
    }
}

#[test]
fn disk_index() {
    for (n, ok) in [
        ("0", false),
        ("1", true),
        ("16", true),
        ("17", true),
        ("18", false),
        ("01", false),
        ("-1", false),
        ("1180591620717411303424", false),
    ] {
        let r = lint(&format!(r#""DiskDeviceMapping.{n}.Format": "RAW""#));
        let flagged = r.has(
            Rule::ParameterIndex,
            &format!("DiskDeviceMapping.{n}.Format"),
        );
        assert_eq!(flagged, !ok, "n={n}: {:#?}", r.diagnostics);
        if ok && n != "1" {
            // A data disk needs its bucket and object.
            assert!(r.has(
                Rule::MissingParameter,
                &format!("DiskDeviceMapping.{n}.OSSBucket")
            ));
        }
    }
}
