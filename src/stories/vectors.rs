//! Each article as one weighted vector of the evidence the fact analysis already made for
//! its sentences: stemmed content words, resolved entities and normalised figures. Terms
//! are weighted by how often the article repeats them (sublinear), how rare they are among
//! the articles (with a prior of unseen articles, so that a small collection of one story
//! does not weigh its shared words down to nothing), their kind, and whether the headline
//! or the lead states them. Only a bounded number of an article's heaviest shared terms are
//! kept, so memory and every later step grow with the number of articles.

use crate::facts::features::{Features, TermKind};
use rayon::prelude::*;

/// Knobs of the article vectors; see [`super::PARAMS`].
#[derive(Debug, Clone, Copy)]
pub struct VectorParams {
    /// Unseen articles added to the collection when weighing rarity.
    pub prior_articles: f32,
    /// Weight of a resolved entity and of a figure relative to a word of the same rarity.
    pub entity: f32,
    pub figure: f32,
    /// Sentences of an article that make its lead (the headline first), and the weight of
    /// the terms they state.
    pub lead_sentences: usize,
    pub lead: f32,
    /// Terms kept per article, heaviest first.
    pub kept_terms: usize,
}

/// Unit-length sparse vectors, one per article, terms sorted by id.
#[derive(Debug, Default)]
pub struct Vectors {
    starts: Vec<u32>,
    terms: Vec<u32>,
    weights: Vec<f32>,
    /// Number of articles each term id is kept in.
    pub df: Vec<u32>,
}

impl Vectors {
    /// Terms and weights of article `a`.
    pub fn of(&self, a: usize) -> (&[u32], &[f32]) {
        let r = self.starts[a] as usize..self.starts[a + 1] as usize;
        (&self.terms[r.clone()], &self.weights[r])
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// True without articles.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Cosine of articles `a` and `b` (their dot product: the vectors have unit length).
    pub fn cosine(&self, a: usize, b: usize) -> f32 {
        let (ta, wa) = self.of(a);
        let (tb, wb) = self.of(b);
        dot(ta, wa, tb, wb)
    }
}

/// Dot product of two sparse vectors with sorted terms.
pub fn dot(ta: &[u32], wa: &[f32], tb: &[u32], wb: &[f32]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < ta.len() && j < tb.len() {
        match ta[i].cmp(&tb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += wa[i] * wb[j];
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// What an article says, before weighting: each term with the number of its sentences
/// stating it and whether its lead does.
#[derive(Debug, Default, Clone)]
pub struct Counted {
    terms: Vec<u32>,
    counts: Vec<u16>,
    lead: Vec<bool>,
}

impl Counted {
    /// The term ids the article states, ascending.
    pub fn terms(&self) -> &[u32] {
        &self.terms
    }
}

/// What every article of `features` (`articles` of them) says, before weighting.
pub fn count_all(features: &Features, articles: usize, p: &VectorParams) -> Vec<Counted> {
    (0..articles)
        .into_par_iter()
        .map(|a| count(features, a, articles, p.lead_sentences))
        .collect()
}

/// The vectors of every article of `features` (`articles` of them).
pub fn build(features: &Features, articles: usize, p: &VectorParams) -> Vectors {
    let counted = count_all(features, articles, p);
    let all: Vec<usize> = (0..articles).collect();
    weigh(&counted, &all, &features.kinds, p)
}

/// The vectors of the articles `members` (indices into `counted`), their terms weighed by
/// rarity among those articles only.
pub fn weigh(
    counted: &[Counted],
    members: &[usize],
    kinds: &[TermKind],
    p: &VectorParams,
) -> Vectors {
    let mut df = vec![0u32; kinds.len()];
    for &m in members {
        for &t in &counted[m].terms {
            df[t as usize] += 1;
        }
    }
    let n = members.len() as f32 + p.prior_articles;
    let idf = |d: u32| (n / (d as f32 + 0.5)).ln().max(0.0);
    let weighed: Vec<(Vec<u32>, Vec<f32>)> = members
        .par_iter()
        .map(|&m| {
            let c = &counted[m];
            let mut norm2 = 0.0;
            let mut kept: Vec<(f32, u32)> = Vec::with_capacity(c.terms.len());
            for ((&t, &k), &lead) in c.terms.iter().zip(&c.counts).zip(&c.lead) {
                let kind = match kinds[t as usize] {
                    TermKind::Entity => p.entity,
                    TermKind::Figure => p.figure,
                    _ => 1.0,
                };
                let lead = if lead { p.lead } else { 1.0 };
                let w = (1.0 + f32::from(k).ln()) * idf(df[t as usize]) * kind * lead;
                norm2 += w * w;
                if df[t as usize] > 1 {
                    kept.push((w, t));
                }
            }
            let by_weight =
                |x: &(f32, u32), y: &(f32, u32)| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1));
            if kept.len() > p.kept_terms {
                kept.select_nth_unstable_by(p.kept_terms - 1, by_weight);
                kept.truncate(p.kept_terms);
            }
            kept.sort_unstable_by_key(|&(_, t)| t);
            let norm = norm2.sqrt().max(f32::MIN_POSITIVE);
            kept.into_iter().map(|(w, t)| (t, w / norm)).unzip()
        })
        .collect();
    let mut v = Vectors {
        starts: Vec::with_capacity(members.len() + 1),
        ..Vectors::default()
    };
    v.df = vec![0; kinds.len()];
    for (terms, weights) in weighed {
        v.starts.push(v.terms.len() as u32);
        for &t in &terms {
            v.df[t as usize] += 1;
        }
        v.terms.extend(terms);
        v.weights.extend(weights);
    }
    v.starts.push(v.terms.len() as u32);
    v
}

/// [`weigh`] with the terms of the articles weighed numbered afresh from 0, in the order
/// of their ids (so every order and tie between terms stays as it was): the vectors of a
/// few articles cost what those articles say, not the size of the whole collection's
/// vocabulary. One table from term id to new number serves every call.
#[derive(Debug, Default)]
pub struct Compactor {
    /// New number of each term id, `u32::MAX` for none (between calls, always).
    local: Vec<u32>,
    ids: Vec<u32>,
}

impl Compactor {
    /// The vectors of the articles `members` (indices into `counted`), their terms weighed
    /// by rarity among those articles only and numbered afresh.
    pub fn weigh(
        &mut self,
        counted: &[Counted],
        members: &[usize],
        kinds: &[TermKind],
        p: &VectorParams,
    ) -> Vectors {
        let empty = Counted::default();
        let of = |m: usize| counted.get(m).unwrap_or(&empty);
        self.ids.clear();
        for &t in members.iter().flat_map(|&m| &of(m).terms) {
            if self.local.len() <= t as usize {
                self.local.resize(t as usize + 1, u32::MAX);
            }
            if self.local[t as usize] == u32::MAX {
                self.local[t as usize] = 0;
                self.ids.push(t);
            }
        }
        self.ids.sort_unstable();
        for (i, &t) in self.ids.iter().enumerate() {
            self.local[t as usize] = i as u32;
        }
        let local: Vec<Counted> = (members.iter())
            .map(|&m| {
                let c = of(m);
                Counted {
                    terms: c.terms.iter().map(|&t| self.local[t as usize]).collect(),
                    counts: c.counts.clone(),
                    lead: c.lead.clone(),
                }
            })
            .collect();
        let local_kinds: Vec<TermKind> = (self.ids.iter())
            .map(|&t| kinds.get(t as usize).copied().unwrap_or(TermKind::Word))
            .collect();
        for &t in &self.ids {
            self.local[t as usize] = u32::MAX;
        }
        let all: Vec<usize> = (0..local.len()).collect();
        weigh(&local, &all, &local_kinds, p)
    }
}

/// The terms article `a` states, with their sentence counts and lead flags.
fn count(features: &Features, a: usize, articles: usize, lead_sentences: usize) -> Counted {
    let first = features.first_of_article.get(a).map_or(0, |&g| g as usize);
    let end = if a + 1 < articles {
        features.first_of_article[a + 1] as usize
    } else {
        features.len()
    };
    let mut all: Vec<(u32, bool)> = Vec::new();
    for g in first..end {
        let lead = g - first < lead_sentences;
        let (terms, _) = features.of(g);
        all.extend(terms.iter().filter_map(|&t| {
            matches!(
                features.kinds[t as usize],
                TermKind::Word | TermKind::Entity | TermKind::Figure
            )
            .then_some((t, lead))
        }));
    }
    all.sort_unstable();
    let mut c = Counted::default();
    for (t, lead) in all {
        if c.terms.last() == Some(&t) {
            let k = c.counts.last_mut().expect("a count per term");
            *k = k.saturating_add(1);
            let l = c.lead.last_mut().expect("a lead flag per term");
            *l |= lead;
        } else {
            c.terms.push(t);
            c.counts.push(1);
            c.lead.push(lead);
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_of_sorted_sparse_vectors() {
        assert_eq!(
            dot(&[1, 3, 5], &[1.0, 2.0, 3.0], &[3, 4, 5], &[0.5, 9.0, 1.0]),
            4.0
        );
        assert_eq!(dot(&[], &[], &[1], &[1.0]), 0.0);
    }

    fn counted(terms: &[u32]) -> Counted {
        Counted {
            terms: terms.to_vec(),
            counts: vec![1; terms.len()],
            lead: vec![false; terms.len()],
        }
    }

    #[test]
    fn compacted_vectors_weigh_the_same_with_terms_numbered_afresh() {
        let p = VectorParams {
            prior_articles: 2.0,
            entity: 1.5,
            figure: 2.0,
            lead_sentences: 2,
            lead: 2.5,
            kept_terms: 96,
        };
        let all = [counted(&[5, 900]), counted(&[5, 7]), counted(&[7, 900])];
        let kinds = vec![TermKind::Word; 1000];
        let mut compactor = Compactor::default();
        for members in [&[0, 1, 2][..], &[0, 2], &[2, 1, 0]] {
            let whole = weigh(&all, members, &kinds, &p);
            let compact = compactor.weigh(&all, members, &kinds, &p);
            assert_eq!(whole.len(), compact.len());
            for i in 0..whole.len() {
                let (tw, ww) = whole.of(i);
                let (tc, wc) = compact.of(i);
                assert_eq!(ww, wc, "{members:?} {i}");
                // New numbers keep the order of the ids: 5, 7, 900 become 0, 1, 2 when the
                // three are there, 900 alone is the last of 5, 7, 900.
                let renumbered: Vec<u32> = (tw.iter())
                    .map(|t| [5, 7, 900].iter().position(|x| x == t).unwrap() as u32)
                    .collect();
                assert_eq!(tc, renumbered, "{members:?} {i}");
            }
        }
        assert!(compactor.local.iter().all(|&x| x == u32::MAX));
    }
}
