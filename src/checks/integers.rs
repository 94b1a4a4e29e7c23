//! Whole-number parameters: DiskDeviceMapping.N.DiskImageSize (and its deprecated alias
//! DiskImSize), with a range per disk, and the account ids OwnerId and ResourceOwnerId.

use super::{example, Checker};
use crate::diagnostic::{Code, Data, Finding};
use crate::input::Entry;
use crate::message::Msg;
use crate::profile::{IntRule, Param, Unit};
use crate::rule::RuleDoc;

/// `disk-image-size`.
pub(crate) const DISK_IMAGE_SIZE: RuleDoc = RuleDoc::new(
    "DiskImageSize must be a whole number of GiB within the profile's range for that disk (the system disk N = 1 and the data disks may differ).",
    "A size outside the range, or with a unit or fraction, is rejected; leaving it out lets the service measure the image.",
    &[example!(r#""DiskDeviceMapping.1.DiskImageSize": "501""#)],
    &[example!(r#""DiskDeviceMapping.1.DiskImageSize": "500""#)],
);

pub(crate) fn check<'e>(
    cx: &mut Checker<'_, 'e>,
    p: &Param,
    e: &'e Entry<'e>,
    v: &'e str,
    i: &IntRule,
    n: u32,
) {
    let Some(b) = i.bounds(n) else { return };
    let (min, max) = (b.min, b.max);
    let system = p
        .family()
        .and_then(|f| cx.profile.family(f))
        .is_some_and(|f| f.first_required && n == 1);
    let unit = if i.unit == Unit::GiB { "GiB" } else { "" };
    let code = p.code().map_or(Code::OfRule, Code::Is);
    let at = |f: Finding<'e>, actual: Option<u64>| {
        f.param(e.name.to_cow())
            .span(e.span())
            .code(code)
            .data(Data::value(v).range(min, max, actual, unit))
    };
    let digits = v.trim();
    let negative = digits
        .strip_prefix('-')
        .is_some_and(crate::chars::is_digits);
    if !crate::chars::is_digits(digits) && !negative {
        let number: &str = &digits[..digits.bytes().take_while(u8::is_ascii_digit).count()];
        let suffix = digits[number.len()..].trim();
        let with_unit = !number.is_empty()
            && i.unit == Unit::GiB
            && ["g", "gb", "gib"]
                .iter()
                .any(|u| suffix.eq_ignore_ascii_case(u));
        let mut f = at(
            Finding::new(
                p.rule(),
                Msg::NotWhole {
                    name: e.name.to_cow(),
                    value: v,
                    unit: i.unit,
                },
            ),
            None,
        );
        f = if with_unit {
            f.help(Msg::WriteNumberAlone { number }).fix(number)
        } else {
            f.help(Msg::WholeRange {
                min,
                max,
                unit: i.unit,
                detected: p.detected(),
            })
        };
        cx.push(f);
        return;
    }
    let size = if negative {
        None
    } else {
        Some(digits.trim_start_matches('0').parse::<u64>().unwrap_or(
            if digits.trim_start_matches('0').is_empty() {
                0
            } else {
                u64::MAX
            },
        ))
    };
    let padded = digits != v;
    match size {
        Some(s) if (min..=max).contains(&s) => {
            if padded {
                cx.push(
                    at(
                        Finding::new(
                            p.rule(),
                            Msg::NumberWhitespace {
                                name: e.name.to_cow(),
                                value: v,
                            },
                        ),
                        Some(s),
                    )
                    .help(Msg::Write {
                        value: digits.into(),
                    })
                    .fix(digits),
                );
            }
        }
        _ => {
            let below = size.is_none_or(|s| s < min);
            let actual = size.filter(|s| *s != u64::MAX);
            cx.push(
                at(
                    Finding::new(
                        p.rule(),
                        Msg::OutOfRange {
                            name: e.name.to_cow(),
                            value: digits,
                            min,
                            max,
                            unit: i.unit,
                            n,
                            system,
                        },
                    ),
                    actual,
                )
                .help(Msg::Bounds {
                    min,
                    max,
                    below,
                    padded,
                    unit: i.unit,
                }),
            );
        }
    }
}

/// The smallest and largest value for member `n` (`None`: any member).
pub(crate) fn widest(i: &IntRule, n: Option<u32>) -> (u64, u64) {
    let in_reach = |b: &&crate::profile::Bounds| n.is_none_or(|n| (b.first..=b.last).contains(&n));
    let min = i.ranges.iter().filter(in_reach).map(|b| b.min).min();
    let max = i.ranges.iter().filter(in_reach).map(|b| b.max).max();
    (min.unwrap_or(0), max.unwrap_or(u64::MAX))
}

/// The JSON Schema of a whole number for member `n` (0 outside a family; `None`: any
/// member, with the widest range): a JSON integer within the range, or a string of digits
/// (whose range a schema cannot check).
pub(crate) fn schema(
    p: &crate::profile::Param,
    i: &IntRule,
    n: Option<u32>,
) -> crate::schema::Schema {
    use crate::schema::Schema;
    let (min, max) = widest(i, n);
    let unit = if i.unit == crate::profile::Unit::GiB {
        " GiB"
    } else {
        ""
    };
    let message = format!(
        "{} takes a whole number from {min} to {max}{unit} ({})",
        p.name(),
        p.rule().id()
    );
    Schema {
        error_message: Some(message.clone()),
        ..Schema::any(vec![
            Schema {
                minimum: Some(min),
                maximum: Some(max),
                error_message: Some(message.clone()),
                ..Schema::of("integer")
            },
            Schema::pattern("^\\s*[0-9]+\\s*$", message),
        ])
    }
}
