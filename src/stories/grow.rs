//! Articles added to a grouped collection join the stories they belong to, or start their
//! own, without grouping the collection again: a folder that gains an article keeps its
//! stories (and the reader its place in them). Each new article, in order, is compared
//! with the stories of its likely neighbours (found through the same inverted index as a
//! full grouping, for the new articles only) by average linkage, the mean cosine with the
//! story's articles, lowered by dates as in [`super::merge`]; it joins the most alike of the
//! stories that held articles before (else of those new articles started) when that is
//! above the merging threshold and a share of the story's own cohesion. What a full grouping would do besides (merge
//! two old stories that the new article bridges, regroup a block) is left to the next full
//! grouping; `examples/stories_incremental.rs` measures how far the two differ.

use super::merge::{add, date_factor, MergeParams};
use super::vectors::{self, dot, Vectors};
use super::{candidates, central, dates, Params, Stories};
use crate::corpus::Corpus;
use crate::facts::features::Features;
use std::collections::HashMap;

/// Knobs of the growing; see [`super::PARAMS`].
#[derive(Debug, Clone, Copy)]
pub struct GrowParams {
    /// A new article joins a story only when it is at least this share as alike with it as
    /// the story's own articles are with each other on average: an article about another
    /// event of the same kind is alike with the story, but less than its reports are.
    pub relative: f32,
}

/// An earlier grouping carried over to a collection that gained articles: `stories` fits
/// the collection, each of the articles `new` standing alone in it.
#[derive(Debug, Clone, Default)]
pub struct Earlier {
    pub stories: Stories,
    pub new: Vec<usize>,
}

/// The stories of `corpus` when `known` (which fits it) groups its older articles and each
/// of the articles `new` still stands alone: each new article joins the story it is most
/// alike with, or keeps its own.
pub fn grow(
    corpus: &Corpus,
    features: &Features,
    known: &Stories,
    new: &[usize],
    p: &Params,
) -> Stories {
    let n = corpus.articles.len();
    if !known.fits(n) || new.is_empty() {
        return known.clone();
    }
    let v = vectors::build(features, n, &p.vectors);
    let days: Vec<Option<i32>> = (corpus.articles.iter())
        .map(|a| a.meta.date.as_deref().and_then(dates::day))
        .collect();
    let mut near: HashMap<u32, Vec<u32>> = HashMap::new();
    for (a, b, _) in candidates::edges_of(&v, &p.search, new) {
        near.entry(a).or_default().push(b);
        near.entry(b).or_default().push(a);
    }
    let mut group: Vec<u32> = known.of_article.clone();
    let mut groups = Groups::new(&group, &v, &days, p.merge.group_terms);
    // Stories that held an article before: a new article joins one of them rather than
    // another new article when it is alike enough with both.
    let mut arriving = vec![false; n];
    for &a in new.iter().filter(|&&a| a < n) {
        arriving[a] = true;
    }
    let old: std::collections::HashSet<u32> =
        (0..n).filter(|&a| !arriving[a]).map(|a| group[a]).collect();
    for &a in new.iter().filter(|&&a| a < n) {
        let mut best: [Option<(f32, u32)>; 2] = [None, None];
        let mut seen: Vec<u32> = Vec::new();
        for &b in near.get(&(a as u32)).map_or(&[][..], Vec::as_slice) {
            let g = group[b as usize];
            if g == group[a] || seen.contains(&g) {
                continue;
            }
            seen.push(g);
            let l = groups.linkage(a, g, &p.merge);
            let slot = &mut best[usize::from(!old.contains(&g))];
            if slot.is_none_or(|(bl, bg)| l > bl || l == bl && g < bg) {
                *slot = Some((l, g));
            }
        }
        let chosen = (best.into_iter().flatten())
            .find(|&(l, g)| l >= p.merge.threshold && l >= p.grow.relative * groups.cohesion(g));
        if let Some((_, g)) = chosen {
            groups.join(a, group[a], g);
            group[a] = g;
        }
    }
    Stories::from_groups(&group, |members| central(&v, members))
}

/// The members of every story, and the vector sum and dated span of those looked at
/// (made when first needed, kept up to date as articles join).
struct Groups<'a> {
    v: &'a Vectors,
    days: &'a [Option<i32>],
    keep: usize,
    members: HashMap<u32, Vec<usize>>,
    sums: HashMap<u32, Summary>,
}

/// A story's vector sum (its heaviest terms) and the first and last day of its dated
/// articles.
struct Summary {
    terms: Vec<u32>,
    weights: Vec<f32>,
    span: Option<(i32, i32)>,
    /// Sum of its articles' squared lengths, and their number.
    self_dot: f32,
    size: usize,
}

impl<'a> Groups<'a> {
    fn new(group: &[u32], v: &'a Vectors, days: &'a [Option<i32>], keep: usize) -> Groups<'a> {
        let mut members: HashMap<u32, Vec<usize>> = HashMap::new();
        for (a, &g) in group.iter().enumerate() {
            members.entry(g).or_default().push(a);
        }
        Groups {
            v,
            days,
            keep,
            members,
            sums: HashMap::new(),
        }
    }

    /// Mean cosine of article `a` with the articles of story `g`, lowered by dates.
    fn linkage(&mut self, a: usize, g: u32, p: &MergeParams) -> f32 {
        let size = self.members.get(&g).map_or(0, Vec::len).max(1) as f32;
        let v = self.v;
        let (ta, wa) = v.of(a);
        let s = self.summary(g);
        let avg = dot(ta, wa, &s.terms, &s.weights) / size;
        let span = s.span;
        avg * date_factor(self.days[a].map(|d| (d, d)), span, p)
    }

    fn summary(&mut self, g: u32) -> &Summary {
        let (v, days, keep) = (self.v, self.days, self.keep);
        let members = self.members.get(&g).map_or(&[][..], Vec::as_slice);
        self.sums.entry(g).or_insert_with(|| {
            let mut s = Summary {
                terms: Vec::new(),
                weights: Vec::new(),
                span: None,
                self_dot: 0.0,
                size: 0,
            };
            for &m in members {
                s.add(v, m, days[m], keep);
            }
            s
        })
    }

    /// Mean cosine between two articles of story `g` (0 for a story of one):
    /// (S·S − Σ|v|²) / (n(n − 1)) from its vector sum S.
    fn cohesion(&mut self, g: u32) -> f32 {
        let s = self.summary(g);
        if s.size < 2 {
            return 0.0;
        }
        let ss = dot(&s.terms, &s.weights, &s.terms, &s.weights);
        (ss - s.self_dot) / (s.size * (s.size - 1)) as f32
    }

    /// Moves article `a` from story `from` into story `to`.
    fn join(&mut self, a: usize, from: u32, to: u32) {
        if let Some(m) = self.members.get_mut(&from) {
            m.retain(|&x| x != a);
        }
        self.sums.remove(&from);
        self.members.entry(to).or_default().push(a);
        if let Some(s) = self.sums.get_mut(&to) {
            s.add(self.v, a, self.days[a], self.keep);
        }
    }
}

impl Summary {
    fn add(&mut self, v: &Vectors, a: usize, day: Option<i32>, keep: usize) {
        let (t, w) = v.of(a);
        self.self_dot += dot(t, w, t, w);
        self.size += 1;
        (self.terms, self.weights) = add(&self.terms, &self.weights, t, w, keep);
        if let Some(d) = day {
            self.span = Some(self.span.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))));
        }
    }
}
