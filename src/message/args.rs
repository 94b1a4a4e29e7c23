//! The typed arguments of messages: the kinds of things a message names.

/// A JSON syntax problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonProblem {
    TextAfter,
    ExpectedObject,
    ExpectedArray,
    ExpectedKey,
    ExpectedColon,
    ExpectedCommaOrBrace,
    ExpectedCommaOrBracket,
    ExpectedValue,
    ExpectedFractionDigit,
    ExpectedExponentDigit,
    ExpectedString,
    ExpectedHex,
    ControlInString,
    UnknownEscape,
    Unclosed,
    TooDeep,
    LoneSurrogate,
}

/// A kind of JSON value, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonType {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
    /// `NaN`, a literal JSON lacks.
    NaN,
    /// `Infinity` or `-Infinity`, literals JSON lacks.
    Infinity,
    /// `undefined`: a value JSON cannot carry, such as a JavaScript function or symbol.
    Undefined,
}

/// The kind of value a parameter takes, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expected {
    String,
    Integer,
    Bool,
    Object,
}

impl Expected {
    /// The English description stored in a diagnostic's data (not translated: data is for
    /// tools).
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Expected::String => "a string",
            Expected::Integer => "a whole number",
            Expected::Bool => "true or false",
            Expected::Object => "an object",
        }
    }
}

/// How a required parameter is absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Absence {
    Absent,
    Null,
    Empty,
}

/// What a deceptive character does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hidden {
    Control,
    Direction,
    Invisible,
}

/// What an OSS location value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Located {
    OssUrl,
    HttpUrl,
    Endpoint,
    OtherUrl,
    Path,
}

/// What an image reads data from besides itself, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dependency {
    /// A qcow2 backing file.
    Backing,
    /// The parent of a differencing disk.
    Parent,
    /// A qcow2 external data file.
    DataFile,
    /// A VMDK extent in another file.
    Extent,
    /// The descriptor and other extents of a split VMDK this file is one extent of.
    SplitExtent,
}

/// Source text (a Terraform expression, a shell word) shown in backticks: on one line, and
/// cut to 60 characters.
pub(crate) fn code_span(s: &str) -> String {
    let one_line: String = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('`', "'");
    let shown: String = one_line.chars().take(60).collect();
    if shown.len() < one_line.len() {
        format!("`{shown}…`")
    } else {
        format!("`{shown}`")
    }
}
