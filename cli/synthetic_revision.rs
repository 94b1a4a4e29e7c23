//! The rule set is data: a third revision of the API, written here as a table alone (the
//! current table with one limit and one list changed), is served by linting, `rules`,
//! `explain`, the README's table generator and SARIF's `rules[]` with no code change.

use importimage_lint::profile::{
    self, Bounds, Choice, Choices, IntRule, Kind, Param, Profile, Unit,
};
use importimage_lint::{Lang, Linter, Options, Rule};

use crate::args::{Format, ListFormat};
use crate::commands::rules::{explanation, listing, markdown};
use crate::emit::{emitter, Linted, Mode, Subject, Tally};

/// The current table, with riscv64 added to Architecture and disks up to 4096 GiB.
fn synthetic() -> &'static Profile {
    let params: Vec<Param> = profile::CURRENT
        .params
        .iter()
        .map(|p| match (p.name(), p.kind()) {
            ("Architecture", Kind::Enum(c)) => {
                let mut values = c.values.to_vec();
                values.push(Choice::new("riscv64"));
                p.with_kind(Kind::Enum(Choices {
                    values: Vec::leak(values),
                    case: c.case,
                }))
            }
            ("DiskDeviceMapping.N.DiskImageSize", _) => p.with_kind(Kind::Integer(IntRule {
                ranges: Vec::leak(vec![Bounds {
                    first: 1,
                    last: 17,
                    min: 1,
                    max: 4096,
                }]),
                unit: Unit::GiB,
            })),
            _ => *p,
        })
        .collect();
    Box::leak(Box::new(Profile {
        id: "2030-01",
        source: "a revision written as a table in a test",
        params: Vec::leak(params),
        ..profile::CURRENT
    }))
}

fn request(extra: &str) -> String {
    format!(
        r#"{{"RegionId": "cn-hangzhou", {extra}, "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw"}}"#
    )
}

#[test]
fn a_third_revision_as_a_table_alone_is_served_everywhere() {
    let syn = synthetic();
    let profiles = [&profile::SPEC_2019, &profile::CURRENT, syn];
    let lint = |p: &'static Profile, text: &str| {
        Linter::new(Options::default().with_profile(p)).lint_str(text)
    };

    // Linting.
    let riscv = request(r#""Architecture": "riscv64""#);
    assert!(lint(syn, &riscv).valid);
    assert!(lint(&profile::CURRENT, &riscv).has(Rule::Architecture, "Architecture"));
    let big = request(r#""DiskDeviceMapping.1.DiskImageSize": 3000"#);
    assert!(lint(syn, &big).valid);
    assert!(!lint(&profile::CURRENT, &big).valid);
    assert_eq!(lint(syn, &big).profile, "2030-01");

    // `rules` in every format, and the README's table.
    for format in [ListFormat::Text, ListFormat::Json, ListFormat::Markdown] {
        let text = listing(format, &profiles, Lang::En).unwrap();
        assert!(text.contains("2030-01"), "{format:?}");
    }
    assert!(markdown(&profiles, Lang::En)
        .lines()
        .next()
        .unwrap()
        .ends_with("API error (2030-01) | what it checks |"));

    // `explain` shows what the new table says and that the profiles differ.
    let page = explanation(Rule::Architecture, &profiles, Lang::En);
    assert!(
        page.contains("2030-01") && page.contains("riscv64"),
        "{page}"
    );
    assert!(page.contains("The profiles differ"), "{page}");
    assert!(explanation(Rule::DiskImageSize, &profiles, Lang::En).contains("1–4096 GiB"));

    // SARIF `rules[]` and results.
    let mode = Mode {
        color: false,
        ndjson: false,
        subject: Subject::Request,
        quiet: false,
        lang: Lang::En,
    };
    let mut sarif = emitter(Format::Sarif, mode);
    let mut out = Vec::new();
    let report = lint(syn, &request(r#""Architecture": "sparc""#));
    sarif
        .report(
            &mut out,
            Linted::new("r.json".into(), String::new(), syn, report),
        )
        .unwrap();
    sarif.finish(&mut out, &Tally::default()).unwrap();
    let log: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["properties"]["profiles"][0], "2030-01");
    assert_eq!(run["results"][0]["properties"]["profile"], "2030-01");
    let rule = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "architecture")
        .unwrap();
    assert_eq!(
        rule["properties"]["apiErrorCodes"]["2030-01"],
        "InvalidArchitecture.Malformed"
    );
}
