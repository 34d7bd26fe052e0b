//! Dates: "2018-08", "03/08/2018", "le 3 mars 2018", "March 3, 2018", "fin juillet",
//! "mi-juillet", "in July". A date's value is year·10000 + month·100 + day, each part 0
//! when the text does not say it, so "fin juillet" is 700 and "2018-08" is 20180800.

use super::lexicon::{DATE_CUES, MONTHS, MONTH_MODIFIERS};
use super::number::{boundary_after, digits, skip_spaces, word_at};
use crate::text::fold;

/// A date found at a position: value and end offset (start is the position asked).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Date {
    pub value: f64,
    pub end: usize,
}

/// The date starting at byte `i` of `s`, if one does.
pub fn at(s: &str, i: usize, lang: &str) -> Option<Date> {
    if s.as_bytes().get(i).is_some_and(u8::is_ascii_digit) {
        iso(s, i)
            .or_else(|| numeric(s, i, lang))
            .or_else(|| day_month(s, i))
    } else {
        month_first(s, i)
    }
}

fn value(y: u32, m: u32, d: u32) -> f64 {
    f64::from(y * 10000 + m * 100 + d)
}

fn num(s: &str, i: usize, n: usize) -> u32 {
    s[i..i + n].parse().unwrap_or(0)
}

/// "2018-08" or "2018-08-03".
fn iso(s: &str, i: usize) -> Option<Date> {
    if digits(s, i) != 4 || !s[i + 4..].starts_with('-') || digits(s, i + 5) != 2 {
        return None;
    }
    let (y, m) = (num(s, i, 4), num(s, i + 5, 2));
    let mut end = i + 7;
    let mut d = 0;
    if s[end..].starts_with('-') && digits(s, end + 1) == 2 {
        d = num(s, end + 1, 2);
        end += 3;
    }
    ((1..=12).contains(&m) && d <= 31 && boundary_after(s, end)).then(|| Date {
        value: value(y, m, d),
        end,
    })
}

/// "03/08/2018": day first in French, month first in English unless that cannot be.
fn numeric(s: &str, i: usize, lang: &str) -> Option<Date> {
    let a = digits(s, i);
    if !(1..=2).contains(&a) || !s[i + a..].starts_with('/') {
        return None;
    }
    let b = digits(s, i + a + 1);
    let yat = i + a + 1 + b + 1;
    if !(1..=2).contains(&b) || !s[i + a + 1 + b..].starts_with('/') || digits(s, yat) != 4 {
        return None;
    }
    let (x, z, y) = (num(s, i, a), num(s, i + a + 1, b), num(s, yat, 4));
    let (d, m) = if lang == "en" && x <= 12 {
        (z, x)
    } else {
        (x, z)
    };
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| Date {
        value: value(y, m, d),
        end: yat + 4,
    })
}

/// "3 mars 2018", "1er août", "3rd March".
fn day_month(s: &str, i: usize) -> Option<Date> {
    let n = digits(s, i);
    if !(1..=2).contains(&n) {
        return None;
    }
    let d = num(s, i, n);
    let mut j = i + n;
    if let Some((w, e)) = word_at(s, j) {
        if matches!(w, "er" | "st" | "nd" | "rd" | "th") {
            j = e;
        }
    }
    let (m, mut end) = month(s, skip_spaces(s, j))?;
    if !(1..=31).contains(&d) {
        return None;
    }
    let y = year_after(s, end);
    if let Some((y, e)) = y {
        end = e;
        return Some(Date {
            value: value(y, m, d),
            end,
        });
    }
    Some(Date {
        value: value(0, m, d),
        end,
    })
}

/// Whether a word could start a date written with a month name: a month, a word that
/// modifies one, or "mi-". A superset of what [`month_first`] accepts, without allocating
/// for short ASCII words.
pub fn may_start(w: &str) -> bool {
    let mut buf = [0u8; 16];
    let folded;
    let fw = if w.is_ascii() && w.len() <= buf.len() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        std::str::from_utf8(b).unwrap_or_default()
    } else {
        folded = fold(w);
        folded.as_str()
    };
    fw.starts_with("mi-")
        || matches!(fw, "end" | "beginning")
        || MONTH_MODIFIERS.contains(&fw)
        || MONTHS.iter().any(|(name, _)| *name == fw)
}

/// "fin juillet", "mi-juillet 2018", "March 3, 2018", "in July".
fn month_first(s: &str, i: usize) -> Option<Date> {
    let (w, e) = word_at(s, i)?;
    let fw = fold(w);
    let (mut j, modified) = if fw.starts_with("mi-") {
        // The raw word, not the folded one: folding changes byte lengths.
        (i + w.find('-').map_or(w.len(), |k| k + 1), true)
    } else if fw == "end" || fw == "beginning" {
        let (of, e2) = word_at(s, skip_spaces(s, e))?;
        (of == "of").then_some(())?;
        (skip_spaces(s, e2), true)
    } else if MONTH_MODIFIERS.contains(&fw.as_str()) {
        (skip_spaces(s, e), true)
    } else {
        (i, false)
    };
    let start_of_month = j;
    let (m, end) = month(s, j)?;
    j = end;
    let first = s[start_of_month..].chars().next()?;
    let mut day = 0;
    let after = skip_spaces(s, j);
    let n = digits(s, after);
    if (1..=2).contains(&n) && boundary_after(s, after + n) {
        day = num(s, after, n);
        j = after + n;
        if s[j..].starts_with(',') {
            let y = year_after(s, j + 1);
            if let Some((y, e)) = y {
                return Some(Date {
                    value: value(y, m, day),
                    end: e,
                });
            }
        }
    }
    if let Some((y, e)) = year_after(s, j) {
        return Some(Date {
            value: value(y, m, day),
            end: e,
        });
    }
    let verb = first.is_lowercase() && fold(&s[start_of_month..end]) == "may";
    let cued = modified || day > 0 || (cue_before(s, i) && !verb);
    cued.then(|| Date {
        value: value(0, m, day),
        end: j,
    })
}

/// The month named by the word at `i`, with its end.
fn month(s: &str, i: usize) -> Option<(u32, usize)> {
    let (w, e) = word_at(s, i)?;
    let fw = fold(w);
    MONTHS
        .iter()
        .find(|(name, _)| *name == fw)
        .map(|&(_, m)| (m, e))
}

/// A four-digit year after optional spaces at `i`.
fn year_after(s: &str, i: usize) -> Option<(u32, usize)> {
    let j = skip_spaces(s, i);
    (digits(s, j) == 4 && boundary_after(s, j + 4)).then(|| (num(s, j, 4), j + 4))
}

/// True when the word before `i` is a preposition that introduces dates ("en", "in").
fn cue_before(s: &str, i: usize) -> bool {
    let before = fold(s[..i].trim_end());
    DATE_CUES.iter().any(|cue| {
        before.ends_with(cue)
            && before[..before.len() - cue.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date<'a>(s: &'a str, lang: &str) -> Option<(f64, &'a str)> {
        at(s, 0, lang).map(|d| (d.value, &s[..d.end]))
    }

    #[test]
    fn words_that_may_start_a_date() {
        for w in [
            "Juillet", "août", "Mi-mars", "mi-temps", "END", "courant", "May",
        ] {
            assert!(may_start(w), "{w}");
        }
        for w in ["Juil", "Marseille", "endive", "Mai2", "ends", ""] {
            assert!(!may_start(w), "{w}");
        }
    }

    #[test]
    fn iso_and_numeric_dates() {
        assert_eq!(
            date("2018-08 Facebook", "fr"),
            Some((20180800.0, "2018-08"))
        );
        assert_eq!(date("2018-08-03.", "en"), Some((20180803.0, "2018-08-03")));
        assert_eq!(date("03/08/2018", "fr"), Some((20180803.0, "03/08/2018")));
        assert_eq!(date("03/08/2018", "en"), Some((20180308.0, "03/08/2018")));
        assert_eq!(date("2018-13", "fr"), None);
    }

    #[test]
    fn day_and_month_names() {
        assert_eq!(
            date("3 mars 2018 à", "fr"),
            Some((20180303.0, "3 mars 2018"))
        );
        assert_eq!(date("1er août", "fr"), Some((801.0, "1er août")));
        assert_eq!(
            date("3rd March 2018", "en"),
            Some((20180303.0, "3rd March 2018"))
        );
    }

    #[test]
    fn months_with_modifiers_or_years() {
        assert_eq!(
            date("fin juillet à Wall", "fr"),
            Some((700.0, "fin juillet"))
        );
        assert_eq!(
            date("mi-juillet 2018", "fr"),
            Some((20180700.0, "mi-juillet 2018"))
        );
        assert_eq!(
            date("March 3, 2018", "en"),
            Some((20180303.0, "March 3, 2018"))
        );
        assert_eq!(date("end of July", "en"), Some((700.0, "end of July")));
    }

    #[test]
    fn a_bare_month_needs_a_cue() {
        let s = "en juillet";
        assert_eq!(at(s, 3, "fr").map(|d| d.value), Some(700.0));
        let s = "It may rain";
        assert_eq!(at(s, 3, "en"), None);
        let s = "in May";
        assert_eq!(at(s, 3, "en").map(|d| d.value), Some(500.0));
        assert_eq!(at("Mars est rouge", 0, "fr"), None);
    }
}
