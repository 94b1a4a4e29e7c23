//! Character and string helpers shared by every layer: character classes, lengths,
//! suggestions, and values made safe to show. A leaf module.

/// The code points of the Han script (Unicode `Script=Han`), as inclusive ranges. A test
/// checks every code point against the `unicode-script` crate, so the table cannot drift;
/// it is here instead of that crate's tables to keep the WebAssembly module small.
const HAN: &[(u32, u32)] = &[
    (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),
    (0x3005, 0x3005),
    (0x3007, 0x3007),
    (0x3021, 0x3029),
    (0x3038, 0x303B),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFA6D),
    (0xFA70, 0xFAD9),
    (0x16FE2, 0x16FE3),
    (0x16FF0, 0x16FF6),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B81E),
    (0x2B820, 0x2CEAD),
    (0x2CEB0, 0x2EBE0),
    (0x2EBF0, 0x2EE5D),
    (0x2F800, 0x2FA1D),
    (0x30000, 0x3134A),
    (0x31350, 0x33479),
];

/// A Han (Chinese) character, astral planes included.
pub(crate) fn is_han(c: char) -> bool {
    let u = c as u32;
    if u < 0x2E80 {
        return false;
    }
    HAN.binary_search_by(|&(lo, hi)| {
        if hi < u {
            std::cmp::Ordering::Less
        } else if lo > u {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

/// Number of UTF-16 code units of a string.
pub(crate) fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Whether `s` starts with `prefix`, ASCII letter case ignored.
pub(crate) fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// The URL scheme (`http://` or `https://`) at the start of `s`, any letter case.
pub(crate) fn url_prefix(s: &str) -> Option<&'static str> {
    ["http://", "https://"]
        .into_iter()
        .find(|p| starts_with_ci(s, p))
}

/// Whether `http://` or `https://` appears anywhere in `s`, any letter case.
pub(crate) fn contains_url(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).any(|i| (b[i] | 0x20) == b'h' && url_prefix(&s[i..]).is_some())
}

/// Characters that change text direction or are invisible: the "Trojan Source" set, plus
/// control characters other than tab, line feed and carriage return.
pub(crate) fn is_deceptive(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
        | '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}'
        | '\u{FE00}'..='\u{FE0F}')
        || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// A pictographic character as emoji sequences use it (Unicode's Extended_Pictographic,
/// approximated by its blocks), or an emoji modifier.
fn is_pictographic(c: char) -> bool {
    matches!(c as u32,
        0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139 | 0x2194..=0x2199 | 0x21A9..=0x21AA
        | 0x231A..=0x231B | 0x2328 | 0x23CF | 0x23E9..=0x23F3 | 0x23F8..=0x23FA | 0x24C2
        | 0x25AA..=0x25AB | 0x25B6 | 0x25C0 | 0x25FB..=0x25FE | 0x2600..=0x27BF | 0x2934..=0x2935
        | 0x2B05..=0x2B07 | 0x2B1B..=0x2B1C | 0x2B50 | 0x2B55 | 0x3030 | 0x303D | 0x3297 | 0x3299
        | 0x1F000..=0x1FAFF | 0x1FC00..=0x1FFFD)
}

/// The deceptive characters of a string, in order, with their byte offsets. Characters
/// that ordinary text uses in their place are not counted: a variation selector after an
/// emoji, a digit, `#` or `*` (keycaps), a zero-width joiner inside an emoji sequence, and
/// a zero-width (non-)joiner between two letters of a script that needs it.
pub(crate) fn deceptive_chars(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    (0..chars.len()).filter_map(move |i| {
        let (at, c) = chars[i];
        if !is_deceptive(c) {
            return None;
        }
        let prev = i.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(i + 1).map(|x| x.1);
        let ordinary = match c {
            '\u{FE0E}' | '\u{FE0F}' => prev
                .is_some_and(|p| is_pictographic(p) || p.is_ascii_digit() || p == '#' || p == '*'),
            '\u{FE00}'..='\u{FE0D}' => prev.is_some_and(|p| !p.is_ascii() && !is_deceptive(p)),
            '\u{200D}' => {
                let emoji = prev.is_some_and(|p| is_pictographic(p) || p == '\u{FE0F}')
                    && next.is_some_and(is_pictographic);
                emoji || between_letters(prev, next)
            }
            '\u{200C}' => between_letters(prev, next),
            _ => false,
        };
        (!ordinary).then_some((at, c))
    })
}

/// Whether both neighbours are letters outside ASCII (scripts that use joiners).
fn between_letters(prev: Option<char>, next: Option<char>) -> bool {
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && !c.is_ascii());
    letter(prev) && letter(next)
}

/// A character written as `U+XXXX`.
pub(crate) fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// A value made safe and short for a message: at most 48 characters, with control,
/// invisible and direction-changing characters written as `\u{…}` escapes.
pub(crate) fn show(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(64) + 2);
    out.push('"');
    for (i, c) in s.chars().enumerate() {
        if i == 48 {
            out.push('…');
            break;
        }
        if is_deceptive(c) || c.is_control() {
            out.push_str(&format!("\\u{{{:X}}}", c as u32));
        } else if c == '"' || c == '\\' {
            out.push('\\');
            out.push(c);
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// Writes `n` in decimal into `buf`, without allocating.
pub(crate) fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).unwrap_or("0")
}

/// The 1-based line and column (in code points) of byte `at` of `src`.
pub(crate) fn line_col(src: &str, at: usize) -> (u32, u32) {
    let before = &src.as_bytes()[..at.min(src.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = src[start..at.min(src.len())].chars().count() + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

/// Whether `s` is a string of ASCII digits (at least one).
pub(crate) fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Levenshtein distance between two short strings, compared without regard to ASCII case;
/// `None` when it is larger than `limit` (cheap early exit).
pub(crate) fn distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    // Lengths first: most candidates are rejected without allocating.
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.abs_diff(lb) > limit || la > 256 || lb > 256 {
        return None;
    }
    // Fixed buffers on the stack: a suggestion is computed for many candidates, and each
    // must not allocate.
    let (mut a_buf, mut b_buf) = (['\0'; 256], ['\0'; 256]);
    for (slot, c) in a_buf.iter_mut().zip(a.chars()) {
        *slot = c.to_ascii_lowercase();
    }
    for (slot, c) in b_buf.iter_mut().zip(b.chars()) {
        *slot = c.to_ascii_lowercase();
    }
    let (a, b) = (&a_buf[..la], &b_buf[..lb]);
    let (mut prev_buf, mut cur_buf) = ([0usize; 257], [0usize; 257]);
    for (j, slot) in prev_buf.iter_mut().enumerate().take(lb + 1) {
        *slot = j;
    }
    let (mut prev, mut cur) = (&mut prev_buf[..=lb], &mut cur_buf[..=lb]);
    // Only cells within `limit` of the diagonal can stay within `limit` (Ukkonen's band);
    // a row whose every cell exceeds it ends the search.
    let far = limit + 1;
    for (i, ca) in a.iter().enumerate() {
        let lo = (i + 1).saturating_sub(limit);
        let hi = (i + 1 + limit).min(b.len());
        cur[0] = if lo == 0 { i + 1 } else { far };
        let mut best = cur[0];
        for j in lo.max(1)..=hi {
            let cost = usize::from(*ca != b[j - 1]);
            let left = if j > lo.max(1) || lo == 0 {
                cur[j - 1]
            } else {
                far
            };
            let up = if j <= (i + limit).min(b.len()) {
                prev[j]
            } else {
                far
            };
            cur[j] = (prev[j - 1] + cost).min(up + 1).min(left + 1);
            best = best.min(cur[j]);
        }
        if hi < b.len() {
            cur[hi + 1] = far;
        }
        if best > limit {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= limit).then_some(d)
}

/// The closest candidate to `word`: an equal one ignoring case first, else the nearest
/// within a small edit distance. Ties go to the earlier candidate, so the answer is stable.
pub(crate) fn closest<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let limit = (word.chars().count() / 4).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c.eq_ignore_ascii_case(word) {
            return Some(c);
        }
        if let Some(d) = distance(word, c, limit) {
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, c));
            }
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table agrees with unicode-script on every code point.
    #[test]
    fn han_table_matches_unicode_script() {
        use unicode_script::{Script, UnicodeScript};
        for u in 0..=0x10FFFF {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(is_han(c), c.script() == Script::Han, "U+{u:04X}");
            }
        }
    }

    #[test]
    fn han_includes_astral_plane() {
        assert!(is_han('中'));
        assert!(is_han('\u{20000}'));
        assert!(!is_han('a'));
    }

    #[test]
    fn closest_prefers_case_match_then_distance() {
        let names = ["ImageName", "RegionId", "Description"];
        assert_eq!(closest("imagename", names), Some("ImageName"));
        assert_eq!(closest("RegionID", names), Some("RegionId"));
        assert_eq!(closest("Descripton", names), Some("Description"));
        assert_eq!(closest("Colour", names), None);
    }

    /// The banded distance agrees with the plain dynamic program wherever it answers.
    #[test]
    fn banded_distance_matches_full_distance() {
        fn full(a: &str, b: &str) -> usize {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let mut prev: Vec<usize> = (0..=b.len()).collect();
            for (i, ca) in a.iter().enumerate() {
                let mut cur = vec![i + 1; b.len() + 1];
                for (j, cb) in b.iter().enumerate() {
                    cur[j + 1] = (prev[j] + usize::from(ca != cb))
                        .min(prev[j + 1] + 1)
                        .min(cur[j] + 1);
                }
                prev = cur;
            }
            prev[b.len()]
        }
        let words = [
            "",
            "a",
            "ab",
            "ImageName",
            "imagename",
            "ImagName",
            "ImageNmae",
            "RegionId",
            "RegoinID",
            "Description",
            "Descripton",
            "xyz",
            "DiskDeviceMapping.1.OSSBucket",
            "DiskDeviceMapping.1.OSSBuckt",
        ];
        for a in words {
            for b in words {
                for limit in 0..4 {
                    let f = full(&a.to_ascii_lowercase(), &b.to_ascii_lowercase());
                    assert_eq!(
                        distance(a, b, limit),
                        (f <= limit).then_some(f),
                        "{a} {b} {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn emoji_sequences_are_not_deceptive() {
        let found = |s: &str| deceptive_chars(s).map(|(_, c)| c).collect::<Vec<_>>();
        assert!(
            found("web \u{2764}\u{FE0F} tier").is_empty(),
            "heart with VS16"
        );
        assert!(
            found("\u{1F469}\u{200D}\u{1F4BB} team").is_empty(),
            "ZWJ sequence"
        );
        assert!(
            found("\u{1F468}\u{1F3FD}\u{200D}\u{1F680}").is_empty(),
            "modifier then ZWJ"
        );
        assert!(found("1\u{FE0F}\u{20E3}").is_empty(), "keycap");
        assert!(
            found("\u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645}").is_empty(),
            "Persian ZWNJ"
        );
        assert_eq!(found("admin\u{200D}"), ['\u{200D}']);
        assert_eq!(found("a\u{FE0F}"), ['\u{FE0F}']);
        assert_eq!(found("\u{200B}x"), ['\u{200B}']);
        assert_eq!(found("x\u{202E}y"), ['\u{202E}']);
    }

    #[test]
    fn url_anywhere() {
        assert!(contains_url("see HTTPS://x"));
        assert!(contains_url("http://x"));
        assert!(!contains_url("httpx://"));
        assert!(!contains_url("镜像"));
    }

    #[test]
    fn show_escapes_hostile_characters() {
        assert_eq!(show("a\u{1b}[31mb\u{202E}"), "\"a\\u{1B}[31mb\\u{202E}\"");
        assert!(show(&"x".repeat(100)).ends_with("…\""));
    }
}
