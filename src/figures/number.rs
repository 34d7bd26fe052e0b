//! Numbers as French and English write them: "1,3" and "1.3", "100 000", "1,000,000",
//! "1.000.000", and the small scanning helpers the figure parser shares.

/// A number read from the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    /// Digits after the decimal mark.
    pub decimals: u32,
    /// Written with thousands separators.
    pub grouped: bool,
    /// Byte offset just after the number.
    pub end: usize,
}

/// True for the spaces that may separate a number from its unit or its digit groups.
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Offset of the first non-space character at or after `i`.
pub fn skip_spaces(s: &str, i: usize) -> usize {
    let mut j = i;
    for c in s[i..].chars() {
        if !is_space(c) {
            break;
        }
        j += c.len_utf8();
    }
    j
}

/// Number of ASCII digits starting at `i`.
pub fn digits(s: &str, i: usize) -> usize {
    s.as_bytes()[i.min(s.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// The run of letters (and inner hyphens or apostrophes) starting at `i`, with its end.
pub fn word_at(s: &str, i: usize) -> Option<(&str, usize)> {
    let bytes = s.as_bytes();
    let mut end = i;
    loop {
        while bytes.get(end).is_some_and(u8::is_ascii_alphabetic) {
            end += 1;
        }
        let mut rest = s[end..].chars();
        let Some(c) = rest.next() else { break };
        let inner = matches!(c, '-' | '\'' | '’')
            && end > i
            && rest.next().is_some_and(char::is_alphabetic);
        if !(c.is_alphabetic() || inner) {
            break;
        }
        end += c.len_utf8();
    }
    (end > i).then(|| (&s[i..end], end))
}

/// True when the character before `i` cannot be part of a word or number.
pub fn boundary_before(s: &str, i: usize) -> bool {
    match s[..i].chars().next_back() {
        None => true,
        Some(c) => !(c.is_alphanumeric() || c == '_' || c == '.' || c == ','),
    }
}

/// True when the character at `i` cannot continue a word.
pub fn boundary_after(s: &str, i: usize) -> bool {
    s[i..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// Reads a number at `i` (which must start with a digit). Comma is the decimal mark in
/// French and a thousands separator in English when three digits follow it.
pub fn parse(s: &str, i: usize, lang: &str) -> Option<Number> {
    let first = digits(s, i);
    if first == 0 {
        return None;
    }
    let mut int: String = s[i..i + first].to_owned();
    let mut end = i + first;
    let mut grouped = false;
    if first <= 3 {
        if let Some((groups, e)) = groups(s, end, lang) {
            int.push_str(&groups);
            end = e;
            grouped = true;
        }
    }
    let mut decimals = 0;
    let mut text = int;
    if let Some(mark) = s[end..].chars().next() {
        let decimal_mark = mark == '.' || (mark == ',' && (lang != "en" || !grouped));
        let n = digits(s, end + 1);
        if decimal_mark && n > 0 && !(mark == ',' && lang == "en" && n == 3) {
            text.push('.');
            text.push_str(&s[end + 1..end + 1 + n]);
            decimals = n as u32;
            end += 1 + n;
        }
    }
    let value = text.parse().ok()?;
    Some(Number {
        value,
        decimals,
        grouped,
        end,
    })
}

/// Thousands groups after the first digits at `i`: "000" repeated after one separator
/// kind. A single "," group counts in English, a single "." group never does.
fn groups(s: &str, i: usize, lang: &str) -> Option<(String, usize)> {
    for sep in [' ', '\u{a0}', '\u{202f}', '\u{2009}', ',', '.'] {
        let mut out = String::new();
        let mut end = i;
        let mut count = 0;
        while s[end..].starts_with(sep) {
            let at = end + sep.len_utf8();
            if digits(s, at) != 3 {
                break;
            }
            out.push_str(&s[at..at + 3]);
            end = at + 3;
            count += 1;
        }
        let enough = match sep {
            ',' => count >= 2 || (count == 1 && lang == "en"),
            '.' => count >= 2,
            _ => count >= 1,
        };
        if enough {
            return Some((out, end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(s: &str, lang: &str) -> (f64, u32, usize) {
        let n = parse(s, 0, lang).unwrap();
        (n.value, n.decimals, n.end)
    }

    #[test]
    fn french_decimal_comma_and_space_groups() {
        assert_eq!(value("1,3 milliard", "fr"), (1.3, 1, 3));
        assert_eq!(value("184,24 $", "fr"), (184.24, 2, 6));
        assert_eq!(value("100 000 personnes", "fr"), (100000.0, 0, 7));
        assert_eq!(value("1\u{a0}250,5", "fr"), (1250.5, 1, 8));
    }

    #[test]
    fn english_comma_groups_and_decimal_point() {
        assert_eq!(value("1,000,000 users", "en"), (1e6, 0, 9));
        assert_eq!(value("1,300", "en"), (1300.0, 0, 5));
        assert_eq!(value("1.3bn", "en"), (1.3, 1, 3));
        assert_eq!(value("1,000,000", "fr"), (1e6, 0, 9));
    }

    #[test]
    fn punctuation_after_a_number_is_not_a_decimal() {
        assert_eq!(value("2016, ", "fr"), (2016.0, 0, 4));
        assert_eq!(value("35.", "en"), (35.0, 0, 2));
    }

    #[test]
    fn words_keep_inner_apostrophes() {
        assert_eq!(word_at("d'utilisateurs x", 0), Some(("d'utilisateurs", 14)));
        assert_eq!(word_at("1", 0), None);
        assert_eq!(word_at("mi-août, 2018", 0), Some(("mi-août", 8)));
        assert_eq!(word_at("Élan’s- x", 0), Some(("Élan’s", 9)));
        assert_eq!(word_at("-abc", 0), None);
        assert_eq!(word_at("ab--c", 0), Some(("ab", 2)));
        assert_eq!(word_at("xy zé", 3), Some(("zé", 6)));
    }
}
