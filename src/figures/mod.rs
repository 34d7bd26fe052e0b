//! Figures in text: amounts of money, percentages, quantities and dates, each with a
//! numeric value and a normalised unit, so that "1,3 milliard" and "1.3 billion" compare
//! equal and "100 milliards de dollars" and "119 milliards de dollars" do not.
//!
//! Units: currencies are ISO codes (USD, EUR, GBP…; a bare "dollar" is USD); percentages
//! are `percent` (or `points` for percentage points); ages and durations are `year`,
//! `month`, or `hour` for every exact duration ("deux jours" = "48 heures"); measures `km`, `kg`, `t`…; a counted noun ("87 millions
//! d'utilisateurs", "300 people") is a language-neutral English word from a bilingual list
//! (`users`, `people`, `customers`…) or, outside the list, its folded Snowball stem; a
//! bare scaled number ("1,3 milliard") has the unit "". Dates have the unit `date` (see
//! [`date`]). A figure's span never includes the word that makes it approximate ("près
//! de", "about"): that is the `approximate` flag. A range ("18-35 ans") is one figure
//! whose value is its lower bound.

mod date;
mod lexicon;
mod number;
mod spelled;
mod suffix;

use crate::text::stopwords::Stopwords;
use crate::text::{fold, Span};
use lexicon::{APPROXIMATIONS, CURRENCY_PREFIXES};
use number::{boundary_before, digits, skip_spaces};
use serde::{Deserialize, Serialize};

/// What a figure measures. An entity made of figures takes the same kind among the
/// entity kinds (`entities::Kind` converts from this one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Kind {
    Money,
    Percent,
    Quantity,
    Date,
}

impl Kind {
    /// The label used in JSON and on screen ("MONEY", "DATE").
    pub fn label(self) -> &'static str {
        match self {
            Kind::Money => "MONEY",
            Kind::Percent => "PERCENT",
            Kind::Quantity => "QUANTITY",
            Kind::Date => "DATE",
        }
    }
}

/// The share of an approximate value within which another value agrees with it.
const APPROXIMATE_SHARE: f64 = 0.05;

/// A figure found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub span: Span,
    pub kind: Kind,
    pub value: f64,
    /// Normalised unit: "USD", "EUR", "percent", "users", "year"...
    pub unit: String,
    /// Said with "près de", "about", "at least", "some"...
    pub approximate: bool,
    /// The value of one unit of the last written digit: 0.1 for "3,6%", 1e8 for "1,3
    /// milliard", 1 for dates. Two values closer than half a step are the same value.
    pub step: f64,
}

impl Figure {
    /// True when `other` is the same kind of figure, so their values can be compared.
    pub fn comparable(&self, other: &Figure) -> bool {
        self.kind == other.kind && self.unit == other.unit
    }

    /// True when both figures state the same value, as far as their precision goes:
    /// "1,3 milliard" = "1.3 billion" = "1.29 billion", "3%" ≠ "3,6%". Dates agree when
    /// every part both of them give is equal.
    pub fn agrees(&self, other: &Figure) -> bool {
        if !self.comparable(other) {
            return false;
        }
        if self.kind == Kind::Date {
            return date_parts_agree(self.value, other.value);
        }
        let tolerance = self.tolerance().max(other.tolerance());
        (self.value - other.value).abs() <= tolerance + self.value.abs().max(1.0) * 1e-9
    }

    /// How far another value may be and still state this one: half a step of the last
    /// written digit; for an approximate value ("près de 300", "about 40%") also up to 5% of
    /// it, so that 290 agrees with "près de 300" while 119 does not with "près de 100" nor
    /// 3,6% with "près de 3%".
    fn tolerance(&self) -> f64 {
        let written = self.step / 2.0;
        if self.approximate && self.kind != Kind::Date {
            written.max(self.value.abs() * APPROXIMATE_SHARE)
        } else {
            written
        }
    }

    /// True for a number of things counted ("1 200 habitants", "four people", "84,000
    /// Metro bikes"), not a measure or a duration.
    pub fn is_count(&self) -> bool {
        self.kind == Kind::Quantity && !lexicon::UNITS.iter().any(|(_, u)| *u == self.unit)
    }

    /// True for a count of a noun of the lexicon ("14 charges", "3 000 habitants"): a
    /// word surely counted, not any word that followed a number.
    pub fn counts_a_known_noun(&self) -> bool {
        self.is_count() && lexicon::NOUNS.iter().any(|(_, u)| *u == self.unit)
    }

    /// A key equal for figures that state the same value in the same unit at the same
    /// precision, for indexing.
    pub fn key(&self) -> String {
        format!("{}|{}|{:.4e}", self.kind.label(), self.unit, self.value)
    }
}

fn date_parts_agree(a: f64, b: f64) -> bool {
    let (a, b) = (a as u64, b as u64);
    let parts = |v: u64| [v / 10000, v / 100 % 100, v % 100];
    parts(a)
        .iter()
        .zip(parts(b).iter())
        .all(|(x, y)| *x == 0 || *y == 0 || x == y)
}

/// The figures inside `span` of `text`, in order. `lang` is the article's language code.
pub fn find(text: &str, span: Span, lang: &str) -> Vec<Figure> {
    find_with(text, span, lang, Stopwords::builtin())
}

/// Like [`find`]; a word of `words` is never the noun a number counts.
pub fn find_with(text: &str, span: Span, lang: &str, words: &Stopwords) -> Vec<Figure> {
    let s = &text[span.range()];
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        if boundary_before(s, i) && !c.is_whitespace() {
            let word = if c.is_alphabetic() {
                number::word_at(s, i)
            } else {
                None
            };
            let worth = word.is_none_or(|(w, _)| may_start_figure(s, i, w, lang));
            let found = if worth {
                figure_at(s, i, lang, words).or_else(|| elided(s, i, lang, &out, span.start))
            } else {
                None
            };
            if let Some(mut f) = found {
                f.approximate = approximate_before(s, f.span.start);
                i = f.span.end;
                f.span = Span::new(span.start + f.span.start, span.start + f.span.end);
                out.push(f);
                continue;
            }
            if let Some((_, end)) = word {
                // Nothing starts inside a word: skip it whole.
                i = end;
                continue;
            }
        }
        i += c.len_utf8();
    }
    out
}

/// Cheap test before the real parse: could the word `w` at byte `i` start a figure (a
/// month or a word that modifies one, a currency code)? Most words are ruled out without
/// folding or allocating.
fn may_start_figure(s: &str, i: usize, w: &str, lang: &str) -> bool {
    let Some(first) = w.chars().next() else {
        return false;
    };
    if spelled::starts_number(w, lang) {
        return true;
    }
    let initial = matches!(
        first.to_ascii_lowercase(),
        'j' | 'f' | 'm' | 'a' | 's' | 'o' | 'n' | 'd' | 'e' | 'l' | 'b' | 'c' | 'u' | 'h' | 'g'
    );
    if w.len() > 16 || !(initial || matches!(first, '€' | '£' | '$' | '¥')) {
        return false;
    }
    CURRENCY_PREFIXES.iter().any(|(p, _)| s[i..].starts_with(p)) || date::may_start(w)
}

/// The figure starting at byte `i` of `s`, with a span relative to `s`.
fn figure_at(s: &str, i: usize, lang: &str, words: &Stopwords) -> Option<Figure> {
    if let Some(d) = date::at(s, i, lang) {
        return Some(figure(i, d.end, Kind::Date, d.value, "date", 1.0));
    }
    if let Some((unit, after)) = currency_prefix(s, i) {
        let j = skip_spaces(s, after);
        let n = number::parse(s, j, lang)?;
        let (scale, end) = suffix::scale(s, n.end, lang, true);
        let step = scale * 10f64.powi(-(n.decimals as i32));
        return Some(figure(i, end, Kind::Money, n.value * scale, unit, step));
    }
    if digits(s, i) == 0 {
        return spelled_figure(s, i, lang, words);
    }
    let n = number::parse(s, i, lang)?;
    let after = suffix::range_end(s, n.end, lang).unwrap_or(n.end);
    let (scale, end) = suffix::scale(s, after, lang, false);
    let step = scale * 10f64.powi(-(n.decimals as i32));
    let value = n.value * scale;
    if let Some((kind, unit, e)) = suffix::unit(s, end, lang, scale > 1.0, words) {
        return Some(figure(i, e, kind, value, &unit, step));
    }
    let year = n.end - i == 4 && after == n.end && scale == 1.0;
    if year && (1800.0..=2100.0).contains(&n.value) {
        return Some(figure(i, n.end, Kind::Date, n.value * 10000.0, "date", 1.0));
    }
    (scale > 1.0 || n.grouped).then(|| figure(i, end, Kind::Quantity, value, "", step))
}

/// Most words between a count and a later bare number counting the same noun.
const MAX_ELIDED_GAP: usize = 12;

/// A bare whole number at `i` that counts the noun of the count just before it in the same
/// sentence, left unsaid: "12 miners were killed and 30 are missing" counts 30 miners.
/// `found` are the figures found so far, with spans offset by `offset`.
fn elided(s: &str, i: usize, lang: &str, found: &[Figure], offset: usize) -> Option<Figure> {
    let last = found
        .last()
        .filter(|f| f.is_count() && !f.unit.is_empty())?;
    let between = s.get(last.span.end.checked_sub(offset)?..i)?;
    if between.contains(['.', '!', '?', ';', ':'])
        || between.split_whitespace().count() > MAX_ELIDED_GAP
    {
        return None;
    }
    let n = number::parse(s, i, lang)?;
    let alone = suffix::range_end(s, n.end, lang).is_none()
        && suffix::scale(s, n.end, lang, false).1 == n.end
        && n.decimals == 0;
    let glued = s[n.end..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && c != ',');
    (alone && !glued && n.value > 0.0)
        .then(|| figure(i, n.end, Kind::Quantity, n.value, &last.unit, 1.0))
}

/// A number written in words is a figure only with a unit or a counted noun after it
/// ("quatre morts", "two billion dollars"): alone ("les deux") it is just a word.
fn spelled_figure(s: &str, i: usize, lang: &str, words: &Stopwords) -> Option<Figure> {
    let n = spelled::read(s, i, lang)?;
    let (scale, end) = suffix::scale(s, n.end, lang, false);
    let (kind, unit, e) = suffix::unit(s, end, lang, scale > 1.0, words)?;
    Some(figure(i, e, kind, n.value * scale, &unit, scale))
}

fn figure(start: usize, end: usize, kind: Kind, value: f64, unit: &str, step: f64) -> Figure {
    // Exact durations in hours, so that "48 heures" and "deux jours" state one value.
    let (unit, factor) = match unit {
        "minute" => ("hour", 1.0 / 60.0),
        "day" => ("hour", 24.0),
        "week" => ("hour", 168.0),
        _ => (unit, 1.0),
    };
    Figure {
        span: Span::new(start, end),
        kind,
        value: value * factor,
        step: step * factor,
        unit: unit.to_owned(),
        approximate: false,
    }
}

/// A currency sign or code written before a number at `i`.
fn currency_prefix(s: &str, i: usize) -> Option<(&'static str, usize)> {
    let rest = &s[i..];
    let first = *rest.as_bytes().first()?;
    if !CURRENCY_PREFIXES
        .iter()
        .any(|(p, _)| p.as_bytes()[0] == first)
    {
        return None;
    }
    CURRENCY_PREFIXES.iter().find_map(|&(p, unit)| {
        let after = i + p.len();
        let ok = rest.starts_with(p) && digits(s, skip_spaces(s, after)) > 0;
        let letters = p.chars().all(|c| c.is_ascii_alphabetic());
        (ok && (!letters || after < s.len() && s[after..].starts_with(' ')))
            .then_some((unit, after))
    })
}

/// True when the words just before `start` make the figure approximate.
fn approximate_before(s: &str, start: usize) -> bool {
    let mut from = start.saturating_sub(40);
    while !s.is_char_boundary(from) {
        from -= 1;
    }
    let before = fold(&s[from..start]);
    let before = before.trim_end();
    APPROXIMATIONS.iter().any(|a| {
        before.ends_with(a)
            && before[..before.len() - a.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests;
