//! Stories: a collection grouped into the events or developments its articles report, as a
//! news aggregator groups them, before anything is cross-checked. A feed reader's archive
//! or a month of wires holds hundreds of stories, and sentences of two stories that share
//! words are no fact: facts are linked within a story only.
//!
//! The grouping reuses what the fact analysis already made of every sentence (stemmed
//! words, resolved entities, normalised figures): [`vectors`] makes one weighted vector per
//! article, [`candidates`] finds each article's likely neighbours through an inverted index,
//! and [`merge`] joins groups by average linkage over that sparse graph. Publication dates
//! help when the articles have them. One set of parameters ([`PARAMS`]) serves French and
//! English, a handful of articles or a hundred thousand.

pub mod candidates;
pub mod dates;
pub mod grow;
mod json;
pub mod merge;
pub mod refine;
pub mod rejoin;
pub mod vectors;

pub use json::{StoriesJson, StoryFactsJson};

use crate::corpus::{sanitize_line, Corpus};
use crate::facts::features::Features;
use serde::{Deserialize, Serialize};

/// Every parameter of the grouping.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub vectors: vectors::VectorParams,
    pub search: candidates::SearchParams,
    pub merge: merge::MergeParams,
    pub refine: refine::RefineParams,
    pub rejoin: rejoin::RejoinParams,
    pub grow: grow::GrowParams,
}

/// The parameters recoupe uses, for every collection.
pub const PARAMS: Params = Params {
    vectors: vectors::VectorParams {
        prior_articles: 100.0,
        entity: 1.5,
        figure: 2.0,
        lead_sentences: 2,
        lead: 2.5,
        kept_terms: 96,
    },
    search: candidates::SearchParams {
        query_terms: 16,
        max_postings: 1000,
        max_scan: 4000,
        neighbours: 16,
        min_cosine: 0.02,
    },
    merge: merge::MergeParams {
        threshold: 0.085,
        group_terms: 512,
        date_window: 3.0,
        date_decay: 7.0,
    },
    refine: refine::RefineParams {
        min_block: 4,
        prior_per_article: 1.0,
        threshold: 0.05,
        relative: 0.7,
        min_part: 3,
    },
    rejoin: rejoin::RejoinParams {
        salient_share: 0.5,
        min_shared: 2,
        overlap: 0.5,
        own_share: 0.67,
    },
    grow: grow::GrowParams { relative: 0.5 },
};

/// One story: some of the corpus's articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Indices of its articles in the corpus, ascending.
    pub articles: Vec<usize>,
    /// The article most alike with the others, whose title names the story.
    pub central: usize,
}

/// The stories of a corpus: largest first, then in the order of their first article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stories {
    pub stories: Vec<Story>,
    /// For each article, the index of its story.
    pub of_article: Vec<u32>,
}

impl Stories {
    /// One story holding every article of a corpus of `n`.
    pub fn one(n: usize) -> Stories {
        if n == 0 {
            return Stories::default();
        }
        Stories::from_groups(&vec![0; n], |_| 0)
    }

    /// These stories, or one story of all `n` articles when there are none (an analysis
    /// made without stories).
    pub fn or_one(self, n: usize) -> Stories {
        if self.of_article.is_empty() && self.stories.is_empty() {
            Stories::one(n)
        } else {
            self
        }
    }

    /// Stories from the group of each article (any numbers); `central(members)` picks the
    /// central one.
    fn from_groups(group: &[u32], mut central: impl FnMut(&[usize]) -> usize) -> Stories {
        let mut members: Vec<Vec<usize>> = Vec::new();
        let mut index: foldhash::HashMap<u32, usize> = foldhash::HashMap::default();
        for (a, &g) in group.iter().enumerate() {
            let i = *index.entry(g).or_insert_with(|| {
                members.push(Vec::new());
                members.len() - 1
            });
            members[i].push(a);
        }
        members.sort_by(|x, y| y.len().cmp(&x.len()).then(x[0].cmp(&y[0])));
        let mut of_article = vec![0; group.len()];
        let stories = (members.into_iter().enumerate())
            .map(|(i, articles)| {
                for &a in &articles {
                    of_article[a] = i as u32;
                }
                let central = central(&articles);
                Story { articles, central }
            })
            .collect();
        Stories {
            stories,
            of_article,
        }
    }

    /// These stories carried over to a corpus of `n` articles, where `map` gives the new
    /// index of each article they were made for (if it is still there): kept articles stay
    /// together, each new one is a story of its own until the corpus is grouped again.
    /// `self` fits the articles `map` speaks of.
    pub fn carried(&self, map: &[Option<usize>], n: usize) -> Stories {
        let old = self.stories.len() as u32;
        let mut group: Vec<u32> = (0..n as u32).map(|a| old + a).collect();
        let mut centrals = vec![false; n];
        for (before, now) in map.iter().enumerate() {
            if let Some(now) = now.filter(|&x| x < n) {
                let s = self.of_article[before];
                group[now] = s;
                centrals[now] = self.stories[s as usize].central == before;
            }
        }
        Stories::from_groups(&group, |members| {
            (members.iter().copied())
                .find(|&a| centrals[a])
                .unwrap_or(members[0])
        })
    }

    /// The id of story `i` as the command line names it ("s1" for the first).
    pub fn id(i: usize) -> String {
        format!("s{}", i + 1)
    }

    /// The index of the story with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        let n: usize = id.trim().strip_prefix('s')?.parse().ok()?;
        (1..=self.stories.len()).contains(&n).then(|| n - 1)
    }

    /// True when every index fits a corpus of `n` articles and each article is in the one
    /// story `of_article` names: a stored grouping is checked before it is used.
    pub fn fits(&self, n: usize) -> bool {
        self.of_article.len() == n
            && self.stories.iter().map(|s| s.articles.len()).sum::<usize>() == n
            && self.stories.iter().enumerate().all(|(i, s)| {
                s.articles.contains(&s.central)
                    && s.articles.windows(2).all(|w| w[0] < w[1])
                    && (s.articles.iter()).all(|&a| a < n && self.of_article[a] as usize == i)
            })
    }
}

/// Groups the articles of `corpus`, whose sentences' features are `features`.
pub fn cluster(corpus: &Corpus, features: &Features) -> Stories {
    cluster_with(corpus, features, &PARAMS)
}

/// [`cluster`] with other parameters (for measuring them).
pub fn cluster_with(corpus: &Corpus, features: &Features, p: &Params) -> Stories {
    cluster_timed(corpus, features, p, &mut Phases::default())
}

/// Time spent in each step of a grouping (wall clock), in the order of the steps, each
/// step once.
#[derive(Debug, Clone, Default)]
pub struct Phases(pub Vec<(&'static str, std::time::Duration)>);

impl Phases {
    /// Adds the time since `start` to step `name`.
    pub fn add(&mut self, name: &'static str, start: std::time::Instant) {
        let spent = start.elapsed();
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some((_, d)) => *d += spent,
            None => self.0.push((name, spent)),
        }
    }
}

/// [`cluster_with`], noting the time each step takes in `phases`.
pub fn cluster_timed(
    corpus: &Corpus,
    features: &Features,
    p: &Params,
    phases: &mut Phases,
) -> Stories {
    use std::time::Instant;
    let n = corpus.articles.len();
    if n == 0 {
        return Stories::default();
    }
    let start = Instant::now();
    let counted = vectors::count_all(features, n, &p.vectors);
    let all: Vec<usize> = (0..n).collect();
    let v = vectors::weigh(&counted, &all, &features.kinds, &p.vectors);
    phases.add("vectors", start);
    let start = Instant::now();
    let edges = candidates::edges(&v, &p.search);
    phases.add("candidates", start);
    let start = Instant::now();
    let days: Vec<Option<i32>> = (corpus.articles.iter())
        .map(|a| a.meta.date.as_deref().and_then(dates::day))
        .collect();
    phases.add("dates", start);
    let start = Instant::now();
    let blocks = merge::merge(v.len(), &edges, &days, &p.merge);
    phases.add("merge", start);
    let group = refine::refine(&blocks, &counted, &features.kinds, &days, p, phases);
    let start = Instant::now();
    let stories = Stories::from_groups(&group, |members| central(&v, members));
    phases.add("labels", start);
    stories
}

/// The member most alike with the others on average (the first on a tie).
fn central(v: &vectors::Vectors, members: &[usize]) -> usize {
    if members.len() <= 2 {
        return members[0];
    }
    let mut sum: foldhash::HashMap<u32, f32> = foldhash::HashMap::default();
    for &a in members {
        let (t, w) = v.of(a);
        for (&t, &w) in t.iter().zip(w) {
            *sum.entry(t).or_default() += w;
        }
    }
    let score = |a: usize| -> f32 {
        let (t, w) = v.of(a);
        t.iter().zip(w).map(|(t, &w)| w * sum[t]).sum()
    };
    let mut best = (members[0], score(members[0]));
    for &a in &members[1..] {
        let s = score(a);
        if s > best.1 {
            best = (a, s);
        }
    }
    best.0
}

impl Story {
    /// The title of its central article, on one line.
    pub fn label(&self, corpus: &Corpus) -> String {
        corpus
            .articles
            .get(self.central)
            .map_or_else(String::new, |a| sanitize_line(&a.title))
    }

    /// First and last publication day of its dated articles (`YYYY-MM-DD`).
    pub fn dates(&self, corpus: &Corpus) -> Option<(String, String)> {
        let days = (self.articles.iter()).filter_map(|&a| {
            corpus
                .articles
                .get(a)?
                .meta
                .date
                .as_deref()
                .and_then(dates::day)
        });
        let (lo, hi) = days.fold(None, |acc: Option<(i32, i32)>, d| {
            Some(acc.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))))
        })?;
        Some((dates::format(lo), dates::format(hi)))
    }

    /// The outlets its articles name (their source, else their address's host), sorted,
    /// each once.
    pub fn sources(&self, corpus: &Corpus) -> Vec<String> {
        let mut out: Vec<String> = (self.articles.iter())
            .filter_map(|&a| {
                let meta = &corpus.articles.get(a)?.meta;
                let host = || {
                    let url = meta.url.as_deref()?;
                    let rest = url.split_once("://").map_or(url, |(_, r)| r);
                    rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())
                };
                meta.source.as_deref().or_else(host).map(sanitize_line)
            })
            .filter(|s| !s.trim().is_empty())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests;
