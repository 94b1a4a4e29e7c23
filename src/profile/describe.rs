//! A profile described as plain data, for the npm package and the demo page (which build
//! their forms from it) and for any tool that wants the table without the Rust types.

use serde::Serialize;

use super::param::*;
use super::Profile;
use crate::Lang;

/// A profile as plain data: its parameters with their kinds, lists and limits.
///
/// ```
/// let info = importimage_lint::profile::CURRENT.info();
/// let platform = info.params.iter().find(|p| p.name == "Platform").unwrap();
/// assert_eq!(platform.values.as_ref().unwrap().len(), 27);
/// assert_eq!(info.families[0].max, 17);
/// ```
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct ProfileInfo {
    /// The profile id.
    pub id: &'static str,
    /// Where its rules come from.
    pub source: &'static str,
    /// Every parameter, in table order.
    pub params: Vec<ParamInfo>,
    /// The families numbered by N.
    pub families: Vec<FamilyInfo>,
    /// The region ids known when the table was written.
    pub regions: &'static [&'static str],
}

/// One parameter as plain data.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct ParamInfo {
    /// The API name, `N` standing for the index.
    pub name: &'static str,
    /// One line saying what it is.
    pub doc: &'static str,
    /// `enum`, `text`, `integer`, `bool`, `region`, `oss-bucket`, `oss-object`,
    /// `timestamp`, `arn`, `credential` or `string`.
    pub kind: &'static str,
    /// `yes`, `per-index` or `no`.
    pub required: &'static str,
    /// The documented values of an enumeration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<&'static str>>,
    /// The smallest length of a text, or the smallest number (for the first range).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u64>,
    /// The largest length of a text, or the largest number (for the first range).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
    /// The ranges of an integer by N: `[first, last, min, max]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ranges: Option<Vec<[u64; 4]>>,
    /// The default the service uses when it is absent.
    pub default: Option<&'static str>,
    /// Whether the service detects it from the image when it is absent.
    pub detected: bool,
    /// Whether it is deprecated.
    pub deprecated: bool,
}

/// A family numbered by N, as plain data.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct FamilyInfo {
    /// The name before `.N.`.
    pub prefix: &'static str,
    /// The largest N.
    pub max: u32,
    /// Whether N = 1 must be present.
    pub first_required: bool,
}

impl Profile {
    /// The profile described as plain data.
    pub fn info(&self) -> ProfileInfo {
        self.info_in(Lang::En)
    }

    /// [`Profile::info`] with its source and each parameter's `doc` in `lang` (a table
    /// without a translation keeps its own words). Names, values and limits never change.
    ///
    /// ```
    /// use importimage_lint::{profile, Lang};
    /// let info = profile::SPEC_2019.info_in(Lang::ZhCn);
    /// let name = info.params.iter().find(|p| p.name == "ImageName").unwrap();
    /// assert_eq!(name.doc, "镜像名称。");
    /// ```
    pub fn info_in(&self, lang: Lang) -> ProfileInfo {
        let (source, doc) = crate::message::table_words(lang);
        ProfileInfo {
            id: self.id,
            source: source(self.id).unwrap_or(self.source),
            params: self
                .params
                .iter()
                .map(|p| ParamInfo {
                    doc: doc(p.name()).unwrap_or(p.doc()),
                    ..param_info(p)
                })
                .collect(),
            families: self
                .families
                .iter()
                .map(|f| FamilyInfo {
                    prefix: f.prefix,
                    max: f.max,
                    first_required: f.first_required,
                })
                .collect(),
            regions: self.regions,
        }
    }
}

fn param_info(p: &Param) -> ParamInfo {
    let (kind, values, min, max, ranges) = match p.kind() {
        Kind::Enum(c) => ("enum", Some(c.spellings().collect()), None, None, None),
        Kind::Text(t) => ("text", None, Some(t.min as u64), Some(t.max as u64), None),
        Kind::Integer(i) => (
            "integer",
            None,
            i.ranges.first().map(|b| b.min),
            i.ranges.first().map(|b| b.max),
            Some(
                i.ranges
                    .iter()
                    .map(|b| [u64::from(b.first), u64::from(b.last), b.min, b.max])
                    .collect(),
            ),
        ),
        Kind::Bool => ("bool", None, None, None, None),
        Kind::Region => ("region", None, None, None, None),
        Kind::OssBucket => ("oss-bucket", None, Some(3), Some(63), None),
        Kind::OssObject => ("oss-object", None, Some(1), Some(1023), None),
        Kind::Timestamp => ("timestamp", None, None, None, None),
        Kind::CloudBoxArn => ("arn", None, None, None, None),
        Kind::Credential => ("credential", None, None, None, None),
        _ => ("string", None, None, None, None),
    };
    ParamInfo {
        name: p.name(),
        doc: p.doc(),
        kind,
        required: match p.required() {
            Required::Yes => "yes",
            Required::PerIndex => "per-index",
            _ => "no",
        },
        values,
        min,
        max,
        ranges,
        default: p.default(),
        detected: p.detected(),
        deprecated: p.deprecation().is_some(),
    }
}
