//! Disagreements inside a fact: the same kind of figure, in the same unit, stated with
//! different values by different articles ("100" vs "119 milliards de dollars", "3,6%" vs
//! "près de 3%"). The same value written differently is not one (figures compare by value
//! and precision), and approximate wording is kept with the value for the reader to judge.

use super::measure::{Measure, TOLLS};
use super::{Discrepancy, FigureValue};
use crate::figures::Figure;

/// Values further apart than this ratio are taken for different quantities, not for one
/// quantity reported differently (87 million users and 1.3 billion users).
const MAX_RATIO: f64 = 3.0;
/// Counts of different nouns further apart than this are taken for different things.
const MAX_COUNT_RATIO: f64 = 1.5;

/// A figure of a passage with what it measures.
#[derive(Debug, Clone)]
pub struct Stated<'a> {
    pub figure: &'a Figure,
    pub measure: Measure,
}

impl Stated<'_> {
    /// True when both state a figure of one kind and unit measuring the same thing.
    fn comparable(&self, other: &Stated) -> bool {
        self.figure.comparable(other.figure)
            && self.measure.same_as(&other.measure, self.figure.is_count())
    }
}

/// The disagreements between figures of passages `(article, figures)` of one fact.
pub fn discrepancies(passages: &[(usize, Vec<Stated>)]) -> Vec<Discrepancy> {
    let mut out: Vec<Discrepancy> = Vec::new();
    for (i, (a, fa)) in passages.iter().enumerate() {
        for (b, fb) in &passages[i + 1..] {
            if a == b {
                continue;
            }
            for (x, y) in disagreeing(fa, fb) {
                add(&mut out, (*a, x), (*b, y));
            }
        }
    }
    out.retain(|d| d.values.len() > 1);
    out
}

/// Pairs of figures of two passages that disagree: for each kind and unit both state of
/// one measure, when neither passage has a value agreeing with the other's and each
/// states exactly one.
fn disagreeing<'s, 'a>(
    fa: &'s [Stated<'a>],
    fb: &'s [Stated<'a>],
) -> Vec<(&'s Stated<'a>, &'s Stated<'a>)> {
    let mut out = Vec::new();
    for x in fa {
        let same_a: Vec<&Stated> = fa.iter().filter(|f| f.comparable(x)).collect();
        let same_b: Vec<&Stated> = fb.iter().filter(|f| f.comparable(x)).collect();
        if same_a.len() != 1 || same_b.len() != 1 {
            continue;
        }
        let y = same_b[0];
        // A value the other passage states too, of whatever measure, is not in doubt.
        let stated_in = |v: &Figure, f: &[Stated]| f.iter().any(|z| z.figure.agrees(v));
        if stated_in(x.figure, fb) || stated_in(y.figure, fa) {
            continue;
        }
        if !x.figure.agrees(y.figure) && close_enough(x.figure, y.figure) {
            out.push((x, y));
        }
    }
    if let Some(pair) = counts_of_other_nouns(fa, fb) {
        out.push(pair);
    }
    out
}

/// Counts that are most likely one count told of different nouns ("14 charges" and "16
/// offences", "23 fires" and "27 reports of fires"): the only count of each passage, of
/// different nouns of the lexicon (not two tolls of an event) and of one measure, neither
/// value found in the other passage, and close (ratio at most [`MAX_COUNT_RATIO`]).
fn counts_of_other_nouns<'s, 'a>(
    fa: &'s [Stated<'a>],
    fb: &'s [Stated<'a>],
) -> Option<(&'s Stated<'a>, &'s Stated<'a>)> {
    let only = |f: &'s [Stated<'a>]| -> Option<&'s Stated<'a>> {
        let mut counts = f.iter().filter(|x| x.figure.is_count());
        let first = counts.next()?;
        (counts.next().is_none() && first.figure.counts_a_known_noun()).then_some(first)
    };
    let (sx, sy) = (only(fa)?, only(fb)?);
    if !sx.measure.same_as(&sy.measure, true) {
        return None;
    }
    let (x, y) = (sx.figure, sy.figure);
    let value_in =
        |v: f64, f: &[Stated]| f.iter().any(|z| z.figure.is_count() && z.figure.value == v);
    let ratio = x.value.max(y.value) / x.value.min(y.value);
    let tolls = TOLLS.contains(&x.unit.as_str()) && TOLLS.contains(&y.unit.as_str());
    (x.unit != y.unit
        && !tolls
        && x.value.min(y.value) > 0.0
        && ratio <= MAX_COUNT_RATIO
        && !value_in(x.value, fb)
        && !value_in(y.value, fa))
    .then_some((sx, sy))
}

fn close_enough(x: &Figure, y: &Figure) -> bool {
    if x.kind == crate::figures::Kind::Date {
        let parts = |v: f64| {
            [
                v as u64 / 10000 > 0,
                !(v as u64 / 100).is_multiple_of(100),
                !(v as u64).is_multiple_of(100),
            ]
        };
        return parts(x.value) == parts(y.value);
    }
    let (lo, hi) = (
        x.value.abs().min(y.value.abs()),
        x.value.abs().max(y.value.abs()),
    );
    lo > 0.0 && hi / lo <= MAX_RATIO
}

/// Adds two disagreeing figures `(article, figure)` to the discrepancy holding either,
/// each once, or to a new one: values join through a figure they share, so two
/// disagreements of one unit ("12 dead" / "19 dead", "30 missing" / "11 missing") stay two.
fn add(out: &mut Vec<Discrepancy>, x: (usize, &Stated), y: (usize, &Stated)) {
    let value = |(article, s): (usize, &Stated)| FigureValue {
        article,
        span: s.figure.span,
        value: s.figure.value,
        unit: s.figure.unit.clone(),
        approximate: s.figure.approximate,
    };
    let kind = crate::entities::Kind::from(x.1.figure.kind);
    let holds = |d: &Discrepancy, (article, s): (usize, &Stated)| {
        (d.values.iter()).any(|v| v.article == article && v.span == s.figure.span)
    };
    match out
        .iter_mut()
        .find(|d| d.kind == kind && (holds(d, x) || holds(d, y)))
    {
        Some(d) => {
            for side in [x, y] {
                if !holds(d, side) {
                    d.values.push(value(side));
                }
            }
        }
        None => out.push(Discrepancy {
            kind,
            values: vec![value(x), value(y)],
            measure: x.1.measure.describe(x.1.figure),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::Entities;
    use crate::facts::measure;
    use crate::figures::find;
    use crate::text::Span;

    fn figs(s: &str) -> (&str, &'static str) {
        (s, "fr")
    }

    /// The discrepancies of passages `(text, language)`, the i-th in article i.
    fn discrepancies(texts: &[(usize, &(&str, &str))]) -> Vec<Discrepancy> {
        let figures: Vec<Vec<Figure>> = (texts.iter())
            .map(|(_, (t, l))| find(t, Span::new(0, t.len()), l))
            .collect();
        let none = Entities::default();
        let builtin = crate::text::stopwords::Stopwords::default();
        let passages: Vec<(usize, Vec<Stated>)> = (texts.iter().zip(&figures))
            .map(|((a, (t, l)), fs)| {
                let stated = (fs.iter())
                    .map(|f| Stated {
                        figure: f,
                        measure: measure::of(t, Span::new(0, t.len()), f, l, *a, &none, &builtin),
                    })
                    .collect();
                (*a, stated)
            })
            .collect();
        super::discrepancies(&passages)
    }

    #[test]
    fn different_values_of_one_kind_disagree() {
        let a = figs("en hausse de 3,6% à 184,24 $ lundi");
        let b = figs("ses actions ont bondi de près de 3%");
        let d = discrepancies(&[(0, &a), (1, &b)]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].values.len(), 2);
        assert!(d[0].values[1].approximate);
        assert_eq!(d[0].values[0].value, 3.6);
    }

    #[test]
    fn the_same_value_written_differently_agrees() {
        let a = figs("1,3 milliard d'utilisateurs");
        let b = en("1.3 billion users");
        assert!(discrepancies(&[(0, &a), (1, &b)]).is_empty());
    }

    #[test]
    fn far_apart_values_are_different_quantities() {
        let a = figs("1,3 milliard d'utilisateurs");
        let b = figs("87 millions d'utilisateurs");
        assert!(discrepancies(&[(0, &a), (1, &b)]).is_empty());
    }

    #[test]
    fn a_passage_agreeing_on_one_value_is_not_compared_on_others() {
        let a = figs("de 3% à 5%");
        let b = figs("de 5%");
        assert!(discrepancies(&[(0, &a), (1, &b)]).is_empty());
    }

    #[test]
    fn three_articles_give_one_discrepancy_with_three_values() {
        let a = figs("100 milliards de dollars");
        let b = figs("119 milliards de dollars");
        let c = figs("120 milliards de dollars");
        let d = discrepancies(&[(0, &a), (1, &b), (2, &c)]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].values.len(), 3);
    }

    fn en(s: &str) -> (&str, &'static str) {
        (s, "en")
    }

    #[test]
    fn one_count_told_of_different_nouns_disagrees() {
        let a = en("The company pleaded guilty to 14 charges.");
        let b = en("It had admitted 16 offences of breaching its permits.");
        let d = discrepancies(&[(0, &a), (1, &b)]);
        assert_eq!(d.len(), 1, "{d:?}");
        let values: Vec<f64> = d[0].values.iter().map(|v| v.value).collect();
        assert_eq!(values, [14.0, 16.0]);
    }

    #[test]
    fn counts_of_different_nouns_far_apart_or_among_others_do_not() {
        // Too far apart to be one count.
        let a = en("It pleaded guilty to 14 charges.");
        let b = en("It admitted 30 offences.");
        assert!(discrepancies(&[(0, &a), (1, &b)]).is_empty());
        // The other passage states the same value of another noun.
        let a = en("14 charges and 16 counts were heard.");
        let b = en("It admitted 16 offences.");
        assert!(discrepancies(&[(0, &a), (1, &b)]).is_empty());
        // Deaths and injured are two counts.
        let a = figs("L'accident a fait quatre morts.");
        let b = figs("L'accident a fait cinq blessés.");
        assert!(discrepancies(&[(0, &a), (1, &b)]).is_empty());
    }

    #[test]
    fn two_disagreements_of_one_unit_stay_two() {
        let a = en("Eight climbers were found dead and 30 are missing.");
        let b = en("Twelve climbers were found dead, and 11 remain unaccounted for.");
        let d = discrepancies(&[(0, &a), (1, &b)]);
        let values: Vec<Vec<f64>> = (d.iter())
            .map(|d| d.values.iter().map(|v| v.value).collect())
            .collect();
        assert_eq!(values, [vec![8.0, 12.0], vec![30.0, 11.0]]);
    }
}
