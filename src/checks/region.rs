//! RegionId: its shape, and whether the region is known.

use super::{example, Checker, GOOD};
use crate::chars::closest;
use crate::diagnostic::{Data, Finding};
use crate::input::Entry;
use crate::message::Msg;
use crate::rule::{Rule, RuleDoc};

/// `region-id-format`.
pub(crate) const REGION_ID_FORMAT: RuleDoc = RuleDoc::new(
    "RegionId must be lower-case letter and digit words joined by hyphens, starting with letters, such as cn-hangzhou or ap-southeast-1.",
    "A region id of another shape names no region, so the service answers that the region is not found.",
    &[r#"{"RegionId": "CN-Hangzhou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    &[GOOD],
);

/// `region-id-unknown`.
pub(crate) const REGION_ID_UNKNOWN: RuleDoc = RuleDoc::new(
    "A well-formed RegionId that is not in the profile's list of known regions.",
    "Regions are added over time, so this is a warning; most often it is a typo such as cn-hangzou.",
    &[r#"{"RegionId": "cn-hangzou", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "centos7.qcow2"}"#],
    &[example!()],
);

/// Lower-case words of letters and digits joined by single hyphens, at least two words,
/// the first of letters only (`cn-hangzhou`, `ap-southeast-1`, `cn-north-2-gov-1`).
pub(crate) fn well_formed(v: &str) -> bool {
    let mut words = v.split('-');
    let first_ok = words
        .next()
        .is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()));
    let mut rest = 0;
    let rest_ok = words.all(|w| {
        rest += 1;
        !w.is_empty()
            && w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    first_ok && rest_ok && rest >= 1 && v.len() <= 64
}

pub(crate) fn check<'e>(cx: &mut Checker<'_, 'e>, e: &'e Entry<'e>, v: &'e str) {
    let known = cx.profile.regions;
    if !well_formed(v) {
        let fixed = v.trim().to_ascii_lowercase().replace('_', "-");
        let mut f = Finding::new(Rule::RegionIdFormat, Msg::BadRegion { value: v })
            .param(e.name.to_cow())
            .span(e.span())
            .data(Data::value(v));
        f = if known.contains(&fixed.as_str()) {
            f.help(Msg::Write {
                value: fixed.clone().into(),
            })
            .fix(fixed)
        } else {
            f.help(Msg::RegionHelp)
        };
        cx.push(f);
    } else if !known.contains(&v) {
        let near = closest(v, known.iter().copied());
        let mut data = Data::value(v);
        if let Some(s) = near {
            data = data.expected(s);
        }
        cx.push(
            Finding::new(Rule::RegionIdUnknown, Msg::UnknownRegion { value: v })
                .param(e.name.to_cow())
                .span(e.span())
                .data(data)
                .help(Msg::UnknownRegionHelp { value: v, near }),
        );
    }
}

/// [`well_formed`] as a regular expression, without anchors.
pub(crate) const PATTERN_BODY: &str = "[a-z]+(?:-[a-z0-9]+)+";

/// The JSON Schema of a RegionId: well formed, with the known regions as examples (an
/// unknown one is only a warning).
pub(crate) fn schema(p: &crate::profile::Param) -> crate::schema::Schema {
    use crate::schema::Schema;
    let message = format!(
        "{} is a region id such as cn-hangzhou: lower-case letter and digit words joined by hyphens, starting with letters ({})",
        p.name(),
        p.rule().id()
    );
    Schema {
        max_length: Some(64),
        error_message: Some(message.clone()),
        ..Schema::pattern(format!("^{PATTERN_BODY}$"), message)
    }
}

#[cfg(test)]
mod tests {
    use super::well_formed;

    #[test]
    fn shapes() {
        for ok in [
            "cn-hangzhou",
            "ap-southeast-1",
            "cn-shanghai-finance-1",
            "cn-north-2-gov-1",
            "rus-west-1",
        ] {
            assert!(well_formed(ok), "{ok}");
        }
        for bad in [
            "",
            "hangzhou",
            "CN-hangzhou",
            "cn--hangzhou",
            "cn-hangzhou-",
            "1cn-x",
            "cn_hangzhou",
            " cn-hangzhou",
        ] {
            assert!(!well_formed(bad), "{bad}");
        }
    }
}
