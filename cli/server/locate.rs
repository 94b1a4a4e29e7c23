//! Where a cursor is in a request as typed, complete or not: on a name or a value, inside
//! which object (the request, a disk of `DiskDeviceMapping`, `Features`), so that hover and
//! completion can name the parameter. A small tolerant scanner: a half-written document
//! (an open string, a missing brace) still gives an answer.

/// One step of the way from the request to the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// A member of an object, by name.
    Key(String),
    /// An element of an array, from 0.
    Index(usize),
}

/// What the cursor is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
    /// A name, written or being written, in the object at `path`.
    Name {
        path: Vec<Step>,
        /// The name as written so far.
        name: String,
        /// The bytes of the name without quotes (the cursor's word), if it is quoted.
        word: Option<(usize, usize)>,
    },
    /// The value of name `name` in the object at `path`.
    Value {
        path: Vec<Step>,
        name: String,
        /// The bytes of the value without quotes, if there is one.
        word: Option<(usize, usize)>,
    },
    /// An element position of the array at `path`.
    Element { path: Vec<Step> },
}

#[derive(Debug)]
enum Frame {
    Object { key: Option<String>, value: bool },
    Array { index: usize },
}

fn path(stack: &[Frame]) -> Vec<Step> {
    let mut out = Vec::new();
    for f in stack.iter().take(stack.len().saturating_sub(1)) {
        match f {
            Frame::Object { key: Some(k), .. } => out.push(Step::Key(k.clone())),
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => out.push(Step::Index(*index)),
        }
    }
    out
}

/// The place of byte `at` in a JSON text.
pub(crate) fn in_json(text: &str, at: usize) -> Option<Place> {
    let b = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    let here = |stack: &[Frame]| match stack.last() {
        Some(Frame::Object { key, value: true }) => Some(Place::Value {
            path: path(stack),
            name: key.clone().unwrap_or_default(),
            word: None,
        }),
        Some(Frame::Object { value: false, .. }) => Some(Place::Name {
            path: path(stack),
            name: String::new(),
            word: None,
        }),
        Some(Frame::Array { .. }) => Some(Place::Element { path: path(stack) }),
        None => None,
    };
    while i < b.len() {
        if i >= at {
            return here(&stack);
        }
        match b[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                value: false,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, value }) => {
                    *key = None;
                    *value = false;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { value, .. }) = stack.last_mut() {
                    *value = true;
                }
            }
            b'"' => {
                // A string: to its closing quote, or to the end of its line when unclosed.
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'"' && b[j] != b'\n' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                let end = j.min(b.len());
                let content = text.get(start..end).unwrap_or("").to_owned();
                if at >= start && at <= end {
                    return match stack.last() {
                        Some(Frame::Object { value: false, .. }) => Some(Place::Name {
                            path: path(&stack),
                            name: content,
                            word: Some((start, end)),
                        }),
                        Some(Frame::Object { key, value: true }) => Some(Place::Value {
                            path: path(&stack),
                            name: key.clone().unwrap_or_default(),
                            word: Some((start, end)),
                        }),
                        _ => None,
                    };
                }
                if let Some(Frame::Object { key, value: false }) = stack.last_mut() {
                    *key = Some(content);
                }
                i = end + 1;
                continue;
            }
            c if c.is_ascii_alphanumeric() || c == b'-' || c == b'.' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b"-.+".contains(&b[i])) {
                    i += 1;
                }
                if at >= start && at <= i {
                    if let Some(Frame::Object { key, value: true }) = stack.last() {
                        return Some(Place::Value {
                            path: path(&stack),
                            name: key.clone().unwrap_or_default(),
                            word: Some((start, i)),
                        });
                    }
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    here(&stack)
}

/// The place of byte `at` in a query string (`Name=value&…`, one pair per line allowed).
pub(crate) fn in_query(text: &str, at: usize) -> Option<Place> {
    let at = at.min(text.len());
    let start = text[..at].rfind(['&', '\n', '?']).map_or(0, |i| i + 1);
    let end = text[at..]
        .find(['&', '\n', '\r', '#'])
        .map_or(text.len(), |i| at + i);
    let pair = &text[start..end];
    if pair.trim_start().starts_with('#') {
        return None;
    }
    match pair.find('=') {
        Some(eq) if start + eq < at => Some(Place::Value {
            path: Vec::new(),
            name: pair[..eq].trim().to_owned(),
            word: Some((start + eq + 1, end)),
        }),
        Some(eq) => Some(Place::Name {
            path: Vec::new(),
            name: pair[..eq].trim().to_owned(),
            word: Some((start, start + eq)),
        }),
        None => Some(Place::Name {
            path: Vec::new(),
            name: pair.trim().to_owned(),
            word: Some((start, end)),
        }),
    }
}

/// Where the blank-separated word around byte `at` of `text` starts and ends (a `\\` line
/// continuation counts as blank).
fn word_around(text: &str, at: usize) -> (usize, usize) {
    let blank = |c: char| c.is_whitespace() || c == '\\';
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| blank(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..].find(blank).map_or(text.len(), |i| at + i);
    (start, end)
}

/// The place of byte `at` in a shell script: on an API flag of an `aliyun ecs ImportImage`
/// command (`--ImageName`, `--ImageName=…`; the API's names start with a capital, the CLI's
/// own flags do not) or on its value (words are split at blanks; a quoted value with blanks
/// in it is not followed).
pub(crate) fn in_shell(text: &str, at: usize) -> Option<Place> {
    let at = at.min(text.len());
    let (start, end) = word_around(text, at);
    let word = &text[start..end];
    let api = |name: &str| name.is_empty() || name.starts_with(|c: char| c.is_ascii_uppercase());
    if let Some(flag) = word.strip_prefix("--") {
        let (name, value) = match flag.split_once('=') {
            Some((n, _)) => (n, Some(start + 2 + n.len() + 1)),
            None => (flag, None),
        };
        if !api(name) {
            return None;
        }
        return Some(match value {
            Some(v) if v <= at => Place::Value {
                path: Vec::new(),
                name: name.to_owned(),
                word: Some((v, end)),
            },
            _ => Place::Name {
                path: Vec::new(),
                name: name.to_owned(),
                word: Some((start + 2, start + 2 + name.len())),
            },
        });
    }
    let before = text[..start].trim_end_matches(|c: char| c.is_whitespace() || c == '\\');
    let (p, q) = word_around(before, before.len());
    let flag = before[p..q].strip_prefix("--")?;
    (!flag.is_empty() && api(flag) && !flag.contains('=')).then(|| Place::Value {
        path: Vec::new(),
        name: flag.to_owned(),
        word: Some((start, end)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<Place> {
        let i = text.find('|').unwrap();
        in_json(&text.replace('|', ""), i)
    }

    #[test]
    fn names_values_and_elements() {
        assert_eq!(
            at(r#"{"RegionId": "cn", "Ima|"#),
            Some(Place::Name {
                path: vec![],
                name: "Ima".into(),
                word: Some((20, 23))
            })
        );
        assert!(matches!(
            at(r#"{"DiskDeviceMapping": [{"OSSBucket": "b"}, {"Format": "q|"}]}"#),
            Some(Place::Value { path, name, .. })
                if path == vec![Step::Key("DiskDeviceMapping".into()), Step::Index(1)] && name == "Format"
        ));
        assert!(matches!(
            at(r#"{"Features": {|}}"#),
            Some(Place::Name { path, .. }) if path == vec![Step::Key("Features".into())]
        ));
        assert!(matches!(
            at(r#"{"DiskDeviceMapping": [|]}"#),
            Some(Place::Element { path }) if path == vec![Step::Key("DiskDeviceMapping".into())]
        ));
        assert!(matches!(
            at(r#"{"DiskImageSize": 4|0}"#),
            Some(Place::Value { name, .. }) if name == "DiskImageSize"
        ));
    }

    proptest::proptest! {
        /// Whatever is typed, wherever the cursor is: an answer or none, never a panic.
        #[test]
        fn any_text_any_cursor(text in "[{}\\[\\]\":,\\\\ a-zA-Z0-9.=&#\n镜😀-]{0,60}", at in 0usize..70) {
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let _ = in_json(&text, at);
            let _ = in_query(&text, at);
            let _ = in_shell(&text, at);
        }
    }

    #[test]
    fn shell_flags_and_values() {
        let s = "aliyun ecs ImportImage --RegionId cn-hangzhou \\\n  --OSType=linux --region x";
        let at = |w: &str| s.find(w).unwrap() + 2;
        assert!(
            matches!(in_shell(s, at("RegionId")), Some(Place::Name { name, .. }) if name == "RegionId")
        );
        assert!(
            matches!(in_shell(s, at("cn-hang")), Some(Place::Value { name, .. }) if name == "RegionId")
        );
        assert!(
            matches!(in_shell(s, at("linux")), Some(Place::Value { name, .. }) if name == "OSType")
        );
        assert_eq!(in_shell(s, at("region ")), None);
        assert_eq!(in_shell(s, at("ImportImage")), None);
    }

    #[test]
    fn query_pairs() {
        let q = "RegionId=cn-hangzhou&OSType=lin";
        assert!(
            matches!(in_query(q, q.len()), Some(Place::Value { name, .. }) if name == "OSType")
        );
        assert!(matches!(in_query(q, 3), Some(Place::Name { name, .. }) if name == "RegionId"));
    }
}
