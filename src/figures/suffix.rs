//! What follows a number: its scale ("milliard", "bn", "m" after a currency), the end of a
//! range ("18-35"), and its unit (%, a currency, a unit of measure, a counted noun).

use super::lexicon::{CURRENCY_SUFFIXES, MONTHS, NOT_NOUNS, NOUNS, SCALES, SHORT_SCALES, UNITS};
use super::number::{self, digits, skip_spaces, word_at};
use super::Kind;
use crate::text::stopwords::Stopwords;
use crate::text::{fold, Stemmer};

/// A word after a number, folded, with where it starts and ends; "d'euros" is read as
/// "de" then "euros".
struct Word {
    folded: String,
    start: usize,
    end: usize,
}

/// Up to `n` words from `i`, separated by spaces only.
fn words(s: &str, i: usize, n: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut j = skip_spaces(s, i);
    while out.len() < n {
        let Some((w, e)) = word_at(s, j) else { break };
        let folded = fold(w);
        if let Some(rest) = folded.strip_prefix("d'").filter(|r| !r.is_empty()) {
            // Folding changes byte lengths ("é" → "e"), so the split is found in the raw
            // word: after its "d" and its apostrophe, whichever apostrophe it is.
            let at = j + w.char_indices().nth(2).map_or(w.len(), |(k, _)| k);
            out.push(Word {
                folded: "de".into(),
                start: j,
                end: at,
            });
            out.push(Word {
                folded: rest.to_owned(),
                start: at,
                end: e,
            });
        } else {
            out.push(Word {
                folded,
                start: j,
                end: e,
            });
        }
        let next = skip_spaces(s, e);
        if next == e {
            break;
        }
        j = next;
    }
    out
}

/// The scale after a number at `i` and where it ends; (1, i) when there is none.
/// Abbreviations count when glued to the number or next to a currency.
pub fn scale(s: &str, i: usize, lang: &str, currency_before: bool) -> (f64, usize) {
    let j = skip_spaces(s, i);
    let Some((w, e)) = word_at(s, j) else {
        return (1.0, i);
    };
    let fw = fold(w);
    let money = currency_before || currency(s, e, true).is_some();
    let full = SCALES
        .iter()
        .find(|(name, l, _)| *name == fw && (l.is_empty() || *l == lang));
    if let Some(&(name, _, v)) = full {
        if name.len() > 3 || j == i || money {
            return (v, e);
        }
    }
    let short = SHORT_SCALES.iter().find(|(name, _)| *name == fw);
    match short {
        Some(&(_, v)) if money && (j == i || currency(s, e, true).is_some()) => (v, e),
        _ => (1.0, i),
    }
}

/// The end of a range whose first number ends at `i` ("18-35"), if there is one.
pub fn range_end(s: &str, i: usize, lang: &str) -> Option<usize> {
    let dash = s[i..].chars().next().filter(|c| matches!(c, '-' | '–'))?;
    let j = i + dash.len_utf8();
    (digits(s, j) > 0).then(|| number::parse(s, j, lang).map(|n| n.end))?
}

/// A currency written after the number at `i` ("$", "de dollars", "d'euros").
fn currency(s: &str, i: usize, scaled: bool) -> Option<(&'static str, usize)> {
    currency_sign(s, i).or_else(|| currency_word(&words(s, i, 4), scaled))
}

/// A currency sign after a number at `i`, with "US" after it ("$", "$ US", "€").
fn currency_sign(s: &str, i: usize) -> Option<(&'static str, usize)> {
    let j = skip_spaces(s, i);
    let rest = &s[j..];
    for (sym, unit) in [("$", "USD"), ("€", "EUR"), ("£", "GBP")] {
        if let Some(after) = rest.strip_prefix(sym) {
            let end = j + sym.len();
            let us = words(s, end, 1);
            let us_end = us.first().filter(|w| w.folded == "us").map(|w| w.end);
            let glued_us = after.starts_with("US");
            return Some((
                unit,
                if glued_us {
                    end + 2
                } else {
                    us_end.unwrap_or(end)
                },
            ));
        }
    }
    None
}

/// A currency named by the words after a number ("de dollars", "euros").
fn currency_word(ws: &[Word], scaled: bool) -> Option<(&'static str, usize)> {
    let skip = usize::from(scaled && ws.first().is_some_and(|w| is_of(&w.folded)));
    CURRENCY_SUFFIXES
        .iter()
        .filter(|(p, _)| p.chars().next().is_some_and(char::is_alphabetic))
        .find_map(|&(phrase, unit)| matches(&ws[skip.min(ws.len())..], phrase).map(|e| (unit, e)))
}

fn is_of(w: &str) -> bool {
    matches!(w, "de" | "of" | "des")
}

/// End of `phrase` when the words start with it.
fn matches(ws: &[Word], phrase: &str) -> Option<usize> {
    let mut end = None;
    for (k, part) in phrase.split(' ').enumerate() {
        let w = ws.get(k).filter(|w| w.folded == part)?;
        end = Some(w.end);
    }
    end
}

/// The unit after a number (and its scale) ending at `i`: kind, unit and end.
pub fn unit(
    s: &str,
    i: usize,
    lang: &str,
    scaled: bool,
    stopwords: &Stopwords,
) -> Option<(Kind, String, usize)> {
    let j = skip_spaces(s, i);
    if s[j..].starts_with('%') {
        return Some((Kind::Percent, "percent".into(), j + 1));
    }
    let ws = words(s, i, 4);
    for phrase in ["pour cent", "pourcent", "percent", "per cent"] {
        if let Some(e) = matches(&ws, phrase) {
            return Some((Kind::Percent, "percent".into(), e));
        }
    }
    let money = currency_sign(s, i).or_else(|| currency_word(&ws, scaled));
    if let Some((u, e)) = money {
        return Some((Kind::Money, u.into(), e));
    }
    for &(phrase, u) in UNITS {
        if let Some(e) = matches(&ws, phrase) {
            let kind = if u == "points" {
                Kind::Percent
            } else {
                Kind::Quantity
            };
            return Some((kind, u.into(), e));
        }
    }
    noun(s, i, &ws, lang, scaled, stopwords).map(|(u, e)| (Kind::Quantity, u, e))
}

/// The counted noun after a number: "300 personnes", "87 millions d'utilisateurs".
fn noun(
    s: &str,
    i: usize,
    ws: &[Word],
    lang: &str,
    scaled: bool,
    stopwords: &Stopwords,
) -> Option<(String, usize)> {
    let first = ws.first()?;
    if first.start == i {
        return None;
    }
    let (w, after_of) = if is_of(&first.folded) {
        (ws.get(1).filter(|_| scaled)?, true)
    } else {
        (first, false)
    };
    let raw = &s[w.start..w.end];
    let lower = raw.chars().next().is_some_and(char::is_lowercase);
    let plausible = (lower || after_of)
        && raw.chars().count() >= 3
        && raw.chars().all(char::is_alphabetic)
        && !stopwords.contains(&w.folded, lang)
        && !NOT_NOUNS.contains(&w.folded.as_str())
        && !MONTHS.iter().any(|(m, _)| *m == w.folded);
    if !plausible {
        return None;
    }
    let unit = NOUNS
        .iter()
        .find(|(n, _)| *n == w.folded)
        .map(|(_, u)| (*u).to_owned())
        .unwrap_or_else(|| Stemmer::for_language(lang).stem(&w.folded));
    Some((unit, w.end))
}
