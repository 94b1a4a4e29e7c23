//! Names read back into values: [`FromStr`] and serde's `Deserialize` for [`Rule`],
//! [`Severity`] and [`Lang`], with one error type, [`ParseError`].
//!
//! A leaf module beside the types it parses: each parses exactly what it displays and
//! serialises, and [`Lang`] also the spellings of its tag that people and locales write.

use std::fmt;
use std::str::FromStr;

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::{Serialize, Serializer};

use crate::diagnostic::Severity;
use crate::message::Lang;
use crate::rule::Rule;

/// A name that is no rule id, severity or language tag. Its `Display` says what was
/// expected (the nearest rule id, the severities, the supported language tags).
///
/// ```
/// use importimage_lint::{Lang, Rule};
/// let e = "image-name-lenght".parse::<Rule>().unwrap_err();
/// assert_eq!(e.to_string(), "unknown rule `image-name-lenght`; did you mean `image-name-length`?");
/// assert_eq!(e.suggestion(), Some("image-name-length"));
/// let e = "fr".parse::<Lang>().unwrap_err();
/// assert!(e.to_string().contains("en, zh-CN"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    what: &'static str,
    input: String,
    suggestion: Option<&'static str>,
    expected: &'static str,
}

impl ParseError {
    /// The text that could not be parsed.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The nearest valid name, where one is near (rule ids only).
    pub fn suggestion(&self) -> Option<&'static str> {
        self.suggestion
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} `{}`", self.what, self.input)?;
        match self.suggestion {
            Some(s) => write!(f, "; did you mean `{s}`?"),
            None => write!(f, "; expected {}", self.expected),
        }
    }
}

impl std::error::Error for ParseError {}

/// What [`Lang::from_str`] accepts, as its error lists it.
#[cfg(not(feature = "zh"))]
const LANG_TAGS: &str = "en (this build has no Chinese: the crate's `zh` feature is off; \
    English also as en-US, en_GB and other regions)";
#[cfg(feature = "zh")]
const LANG_TAGS: &str = "one of en, zh-CN (also written zh-cn, zh_CN, zh or zh-Hans; \
    English also as en-US, en_GB and other regions)";

impl FromStr for Rule {
    type Err = ParseError;

    /// Parses a rule id, exactly as [`Rule::id`] writes it.
    ///
    /// ```
    /// use importimage_lint::Rule;
    /// assert_eq!("platform".parse::<Rule>(), Ok(Rule::Platform));
    /// assert!("Platform".parse::<Rule>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Rule, ParseError> {
        Rule::from_id(s).ok_or_else(|| ParseError {
            what: "rule",
            input: s.to_owned(),
            suggestion: Rule::suggest(s),
            expected: "a rule id such as `image-name-length` (`importimage-lint rules` lists them)",
        })
    }
}

impl FromStr for Severity {
    type Err = ParseError;

    /// Parses `info`, `warning` or `error`, as [`Severity`]'s `Display` writes them.
    ///
    /// ```
    /// use importimage_lint::Severity;
    /// assert_eq!("warning".parse::<Severity>(), Ok(Severity::Warning));
    /// assert_eq!("fatal".parse::<Severity>().unwrap_err().to_string(),
    ///     "unknown severity `fatal`; expected one of info, warning, error");
    /// ```
    fn from_str(s: &str) -> Result<Severity, ParseError> {
        Severity::parse(s).ok_or_else(|| ParseError {
            what: "severity",
            input: s.to_owned(),
            suggestion: None,
            expected: "one of info, warning, error",
        })
    }
}

impl FromStr for Lang {
    type Err = ParseError;

    /// Parses a language tag in any letter case, with `-` or `_`: `en` (also with a
    /// region, `en-US`), `zh-CN`, `zh-cn`, `zh_CN`, `zh`, `zh-Hans`, `zh-Hans-CN`.
    /// Surrounding blank space is ignored. Traditional Chinese (`zh-TW`, `zh-Hant`) is
    /// not supported and is an error, and so is every Chinese tag in a build without the
    /// `zh` feature.
    ///
    /// ```
    /// use importimage_lint::Lang;
    /// for tag in ["zh-CN", "zh-cn", "zh_CN", "zh", "ZH-hans"] {
    ///     assert_eq!(tag.parse::<Lang>(), Ok(Lang::ZhCn), "{tag}");
    /// }
    /// for tag in ["en", "EN", "en-US", "en_gb"] {
    ///     assert_eq!(tag.parse::<Lang>(), Ok(Lang::En), "{tag}");
    /// }
    /// assert!("zh-TW".parse::<Lang>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Lang, ParseError> {
        let tag = s.trim().to_ascii_lowercase().replace('_', "-");
        let region = |r: &str| {
            (r.len() == 2 && r.bytes().all(|b| b.is_ascii_lowercase()))
                || (r.len() == 3 && r.bytes().all(|b| b.is_ascii_digit()))
        };
        match tag.as_str() {
            #[cfg(feature = "zh")]
            "zh" | "zh-cn" | "zh-hans" | "zh-hans-cn" => Ok(Lang::ZhCn),
            "en" => Ok(Lang::En),
            t if t.strip_prefix("en-").is_some_and(region) => Ok(Lang::En),
            _ => Err(ParseError {
                what: "language",
                input: s.to_owned(),
                suggestion: None,
                expected: LANG_TAGS,
            }),
        }
    }
}

impl fmt::Display for Lang {
    /// The language's tag (`en`, `zh-CN`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.tag())
    }
}

/// Deserialises what `s.parse()` accepts, from a string.
fn parsed<'de, D: Deserializer<'de>, T: FromStr<Err = ParseError>>(d: D) -> Result<T, D::Error> {
    let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    s.parse().map_err(D::Error::custom)
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Rule, D::Error> {
        parsed(d)
    }
}

impl<'de> Deserialize<'de> for Severity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Severity, D::Error> {
        parsed(d)
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        parsed(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_back_to_its_value() {
        for &r in Rule::ALL {
            assert_eq!(r.to_string().parse::<Rule>(), Ok(r));
        }
        for s in [Severity::Info, Severity::Warning, Severity::Error] {
            assert_eq!(s.to_string().parse::<Severity>(), Ok(s));
        }
        for &l in Lang::ALL {
            assert_eq!(l.to_string().parse::<Lang>(), Ok(l));
        }
    }

    #[test]
    fn language_error_lists_the_supported_tags() {
        let e = "fr".parse::<Lang>().unwrap_err().to_string();
        assert!(
            e.starts_with("unknown language `fr`; expected one of en, zh-CN"),
            "{e}"
        );
        for bad in ["", "zh-tw", "zh-hant", "en-", "en-usa", "english"] {
            assert!(bad.parse::<Lang>().is_err(), "{bad}");
        }
    }
}
