//! [`ParamPath`]: a diagnostic's parameter name taken apart (family, N, field), so that a
//! finding maps back to a caller's own request struct without splitting strings.

use std::fmt;

/// A flat API parameter name taken apart: `DiskDeviceMapping.2.DiskImageSize` is the
/// family `DiskDeviceMapping`, index 2, field `DiskImageSize`; `ImageName` is the field
/// `ImageName` alone; `Features.ImdsSupport` is the family `Features` and the field
/// `ImdsSupport`, without index; `DiskDeviceMapping.3` (a disk the request lacks) has no
/// field. `Display` writes the flat name back.
///
/// ```
/// use importimage_lint::ParamPath;
/// let p = ParamPath::parse("DiskDeviceMapping.2.DiskImageSize");
/// assert_eq!((p.family, p.index, p.field), (Some("DiskDeviceMapping"), Some(2), Some("DiskImageSize")));
/// assert_eq!(p.to_string(), "DiskDeviceMapping.2.DiskImageSize");
/// let p = ParamPath::parse("ImageName");
/// assert_eq!((p.family, p.index, p.field), (None, None, Some("ImageName")));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub struct ParamPath<'a> {
    /// The name before `.N.` (or before the one dot of a dotted name), if any.
    pub family: Option<&'a str>,
    /// The 1-based `N` of a numbered family member (0 when the input wrote 0).
    pub index: Option<u32>,
    /// The field: the last part of the name, if the name does not end at its `N`.
    pub field: Option<&'a str>,
}

impl<'a> ParamPath<'a> {
    /// Takes a flat parameter name apart. A middle part that is not a number (up to
    /// `u32::MAX`) is no index: the name is then the family and the rest the field.
    pub fn parse(name: &'a str) -> ParamPath<'a> {
        let index = |s: &str| {
            (!s.is_empty()
                && s.bytes().all(|b| b.is_ascii_digit())
                && !(s.len() > 1 && s.starts_with('0')))
            .then(|| s.parse::<u32>().ok())
            .flatten()
        };
        match name.split_once('.') {
            None => ParamPath {
                family: None,
                index: None,
                field: Some(name),
            },
            Some((family, rest)) => {
                let (mid, field) = match rest.split_once('.') {
                    Some((m, f)) => (m, Some(f)),
                    None => (rest, None),
                };
                match index(mid) {
                    Some(n) => ParamPath {
                        family: Some(family),
                        index: Some(n),
                        field,
                    },
                    None => ParamPath {
                        family: Some(family),
                        index: None,
                        field: Some(rest),
                    },
                }
            }
        }
    }
}

impl fmt::Display for ParamPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts = [
            self.family.map(str::to_owned),
            self.index.map(|n| n.to_string()),
            self.field.map(str::to_owned),
        ];
        let parts: Vec<String> = parts.into_iter().flatten().collect();
        f.write_str(&parts.join("."))
    }
}

impl crate::Diagnostic {
    /// The parameter taken apart, for a diagnostic about a request parameter (none for
    /// what concerns the whole request, and none for a role bundle's findings, whose
    /// `param` is a path into the bundle rather than an API name).
    ///
    /// ```
    /// let r = importimage_lint::lint_str(r#"{"RegionId": "cn-hangzhou",
    ///     "DiskDeviceMapping.1.OSSBucket": "b12", "DiskDeviceMapping.1.OSSObject": "a.raw",
    ///     "DiskDeviceMapping.1.DiskImageSize": 4000}"#);
    /// let p = r.diagnostics[0].param_path().unwrap();
    /// assert_eq!((p.family, p.index, p.field), (Some("DiskDeviceMapping"), Some(1), Some("DiskImageSize")));
    /// ```
    pub fn param_path(&self) -> Option<ParamPath<'_>> {
        if self.rule.subject() == crate::Subject::Role {
            return None;
        }
        self.param.as_deref().map(ParamPath::parse)
    }
}

#[cfg(test)]
mod tests {
    use super::ParamPath;

    #[test]
    fn names_take_apart_and_write_back() {
        for (name, family, index, field) in [
            ("ImageName", None, None, Some("ImageName")),
            ("Tag.20.Key", Some("Tag"), Some(20), Some("Key")),
            (
                "DiskDeviceMapping.3",
                Some("DiskDeviceMapping"),
                Some(3),
                None,
            ),
            (
                "DiskDeviceMapping.0.Format",
                Some("DiskDeviceMapping"),
                Some(0),
                Some("Format"),
            ),
            (
                "Features.ImdsSupport",
                Some("Features"),
                None,
                Some("ImdsSupport"),
            ),
            ("A.x.B", Some("A"), None, Some("x.B")),
            ("Tag.01.Key", Some("Tag"), None, Some("01.Key")),
        ] {
            let p = ParamPath::parse(name);
            assert_eq!(
                (p.family, p.index, p.field),
                (family, index, field),
                "{name}"
            );
            assert_eq!(p.to_string(), name);
        }
    }
}
