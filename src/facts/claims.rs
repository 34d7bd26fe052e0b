//! Claims: the disagreements of a set of facts gathered per measure, so that a figure
//! reported differently across a story reads as one claim ("trading loss: 600 M€ (1, 5) ·
//! 695 M€ (2, 10) · 751 M€ (6, 7, 8)") rather than as one disagreement per pair of
//! sentences. Each article gives each of its values once. When every article of a claim
//! is dated and the figure only moves one way as the dates advance (a toll that rises),
//! the claim is an update, not a disagreement.
//!
//! Claims are computed from any set of facts (a corpus's, a story's), on demand: they are
//! not stored with the analysis.

use super::{Discrepancy, Fact, FigureValue};
use crate::corpus::Corpus;
use crate::entities::Kind;
use crate::text::Span;

/// Whether the values of a claim disagree or follow one another in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Disagree,
    Updated,
}

impl Status {
    /// The word used in JSON and on screen.
    pub fn label(self) -> &'static str {
        match self {
            Status::Disagree => "disagree",
            Status::Updated => "updated",
        }
    }
}

/// One figure reported differently across articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// What is measured, in a few words.
    pub measure: String,
    pub kind: Kind,
    pub unit: String,
    pub status: Status,
    /// One per article and value, ordered by date when the articles are dated (then by
    /// article), else by article.
    pub values: Vec<FigureValue>,
    /// The facts `(fact index, discrepancy index)` the claim gathers.
    pub sources: Vec<(usize, usize)>,
}

/// The claims of `facts` (facts of `corpus`): their disagreements gathered when they share
/// a value (the same figure of an article, or agreeing values of one article).
pub fn claims(corpus: &Corpus, facts: &[Fact]) -> Vec<Claim> {
    let all: Vec<(usize, usize, &Discrepancy)> = (facts.iter().enumerate())
        .flat_map(|(f, fact)| {
            (fact.discrepancies.iter().enumerate()).map(move |(d, disc)| (f, d, disc))
        })
        .collect();
    let mut parent: Vec<usize> = (0..all.len()).collect();
    // Two disagreements join only through a value of one article, so only those sharing an
    // article are compared: the work grows with the disagreements, not their square.
    let mut by_article: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for (i, (_, _, disc)) in all.iter().enumerate() {
        let mut seen: Vec<usize> = disc.values.iter().map(|v| v.article).collect();
        seen.sort_unstable();
        seen.dedup();
        for a in seen {
            by_article.entry(a).or_default().push(i);
        }
    }
    let mut compared = std::collections::HashSet::new();
    for list in by_article.values() {
        for (k, &i) in list.iter().enumerate() {
            for &j in &list[k + 1..] {
                if compared.insert((i, j)) && linked(all[i].2, all[j].2) {
                    let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                    parent[rj.max(ri)] = ri.min(rj);
                }
            }
        }
    }
    let mut out: Vec<Claim> = Vec::new();
    let mut claim_of: Vec<Option<usize>> = vec![None; all.len()];
    for (i, &(f, d, disc)) in all.iter().enumerate() {
        let r = root(&mut parent, i);
        let c = match claim_of[r] {
            Some(c) => c,
            None => {
                out.push(Claim {
                    measure: disc.measure.clone(),
                    kind: disc.kind,
                    unit: disc
                        .values
                        .first()
                        .map(|v| v.unit.clone())
                        .unwrap_or_default(),
                    status: Status::Disagree,
                    values: Vec::new(),
                    sources: Vec::new(),
                });
                claim_of[r] = Some(out.len() - 1);
                out.len() - 1
            }
        };
        let claim = &mut out[c];
        claim.sources.push((f, d));
        for v in &disc.values {
            let known = (claim.values.iter()).any(|w| w.article == v.article && same_value(w, v));
            if !known {
                claim.values.push(v.clone());
            }
        }
    }
    for claim in &mut out {
        order_and_judge(corpus, claim);
    }
    out
}

fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// True when two disagreements are of one kind and share a value of one article.
fn linked(a: &Discrepancy, b: &Discrepancy) -> bool {
    a.kind == b.kind
        && a.values.iter().any(|v| {
            b.values.iter().any(|w| {
                v.article == w.article && v.unit == w.unit && (v.span == w.span || same_value(v, w))
            })
        })
}

/// True when two values state the same figure.
fn same_value(a: &FigureValue, b: &FigureValue) -> bool {
    a.unit == b.unit && (a.value - b.value).abs() <= a.value.abs().max(1.0) * 1e-9
}

/// Orders a claim's values and decides its status: with every article dated, by date; the
/// claim is an update when no two articles of one date differ, no article gives two values
/// and the values only rise or only fall from one date to the next.
fn order_and_judge(corpus: &Corpus, claim: &mut Claim) {
    let date = |v: &FigureValue| -> Option<&str> {
        corpus.articles[v.article]
            .meta
            .date
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
    };
    let dated = claim.values.iter().all(|v| date(v).is_some());
    if !dated {
        claim.values.sort_by_key(|v| (v.article, v.span.start));
        return;
    }
    claim.values.sort_by(|a, b| {
        (date(a), a.article, a.span.start).cmp(&(date(b), b.article, b.span.start))
    });
    let mut articles: Vec<usize> = claim.values.iter().map(|v| v.article).collect();
    articles.sort_unstable();
    let one_each = articles.windows(2).all(|w| w[0] != w[1]);
    let mut steps = Vec::new();
    let mut same_date_agrees = true;
    for w in claim.values.windows(2) {
        if date(&w[0]) == date(&w[1]) {
            same_date_agrees &= same_value(&w[0], &w[1]);
        } else if !same_value(&w[0], &w[1]) {
            steps.push(w[1].value > w[0].value);
        }
    }
    let one_way = steps.iter().all(|&up| up) || steps.iter().all(|&up| !up);
    let distinct_dates = {
        let mut d: Vec<_> = claim.values.iter().map(date).collect();
        d.dedup();
        d.len() > 1
    };
    if one_each && same_date_agrees && one_way && distinct_dates && !steps.is_empty() {
        claim.status = Status::Updated;
    }
}

/// The distinct values of a disagreement, each given once, by the first article (in the
/// corpus's order) that states it: how a fact's disagreement is shown in short.
pub fn distinct_values(d: &Discrepancy) -> Vec<&FigureValue> {
    let mut values: Vec<&FigureValue> = d.values.iter().collect();
    values.sort_by_key(|v| (v.article, v.span.start));
    let mut out: Vec<&FigureValue> = Vec::new();
    for v in values {
        if !out.iter().any(|w| same_value(w, v)) {
            out.push(v);
        }
    }
    out
}

/// True when `span` of `article` states a value of one of `claims`.
pub fn in_claim(claims: &[Claim], article: usize, span: Span) -> bool {
    claims.iter().any(|c| {
        c.values
            .iter()
            .any(|v| v.article == article && v.span.overlaps(&span))
    })
}

#[cfg(test)]
mod tests;
