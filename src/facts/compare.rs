//! Disagreements inside a fact: the same kind of figure, in the same unit, stated with
//! different values by different articles ("100" vs "119 milliards de dollars", "3,6%" vs
//! "près de 3%"). The same value written differently is not one (figures compare by value
//! and precision), and approximate wording is kept with the value for the reader to judge.

use super::{Discrepancy, FigureValue};
use crate::figures::Figure;

/// Values further apart than this ratio are taken for different quantities, not for one
/// quantity reported differently (87 million users and 1.3 billion users).
const MAX_RATIO: f64 = 3.0;

/// The disagreements between figures of passages `(article, figures)` of one fact.
pub fn discrepancies(passages: &[(usize, &[Figure])]) -> Vec<Discrepancy> {
    let mut out: Vec<Discrepancy> = Vec::new();
    for (i, &(a, fa)) in passages.iter().enumerate() {
        for &(b, fb) in &passages[i + 1..] {
            if a == b {
                continue;
            }
            for (x, y) in disagreeing(fa, fb) {
                add(&mut out, a, x);
                add(&mut out, b, y);
            }
        }
    }
    out.retain(|d| d.values.len() > 1);
    out
}

/// Pairs of figures of two passages that disagree: for each kind and unit both state,
/// when neither passage has a value agreeing with the other's and each states exactly one.
fn disagreeing<'a>(fa: &'a [Figure], fb: &'a [Figure]) -> Vec<(&'a Figure, &'a Figure)> {
    let mut out = Vec::new();
    for x in fa {
        let same_a: Vec<&Figure> = fa.iter().filter(|f| f.comparable(x)).collect();
        let same_b: Vec<&Figure> = fb.iter().filter(|f| f.comparable(x)).collect();
        if same_a.len() != 1 || same_b.len() != 1 {
            continue;
        }
        let y = same_b[0];
        if !x.agrees(y) && close_enough(x, y) {
            out.push((x, y));
        }
    }
    out
}

fn close_enough(x: &Figure, y: &Figure) -> bool {
    if x.kind == crate::entities::Kind::Date {
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

/// Adds a figure to the discrepancy of its kind and unit, once.
fn add(out: &mut Vec<Discrepancy>, article: usize, f: &Figure) {
    let value = FigureValue {
        article,
        span: f.span,
        value: f.value,
        unit: f.unit.clone(),
        approximate: f.approximate,
    };
    let same = |d: &&mut Discrepancy| d.kind == f.kind && d.values[0].unit == f.unit;
    match out.iter_mut().find(same) {
        Some(d) => {
            if !d
                .values
                .iter()
                .any(|v| v.article == article && v.span == f.span)
            {
                d.values.push(value);
            }
        }
        None => out.push(Discrepancy {
            kind: f.kind,
            values: vec![value],
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::find;
    use crate::text::Span;

    fn figs(s: &str) -> Vec<Figure> {
        find(s, Span::new(0, s.len()), "fr")
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
        let b = find("1.3 billion users", Span::new(0, 17), "en");
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
}
