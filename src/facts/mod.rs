//! Facts across articles: sentences of different articles that report the same thing are
//! linked into facts, and figures that differ within a fact are reported as disagreements.
//!
//! The pipeline: [`features`] turns each sentence into interned terms (stemmed content
//! words, resolved entities, normalised figures, quoted words); [`similar`] finds candidate
//! pairs through an inverted index and scores them; [`group`] makes links and facts;
//! [`compare`] finds disagreeing figures; [`json`] prints the result.

use crate::corpus::Corpus;
use crate::entities::{Entities, Kind};
use crate::text::stopwords::Stopwords;
use crate::text::Span;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub mod affinity;
mod article_terms;
pub use article_terms::{ArticleTerms, TermStore};
mod attribution;
pub mod claims;
mod clause_overlap;
pub mod clauses;
pub mod compare;
pub mod features;
pub mod group;
mod json;
pub mod measure;
mod separate;
pub mod similar;
mod vocabulary;

pub use json::{
    claim_json, fact_json, to_json, updated_sources, FactFields, FactsJson, FactsJsonWith,
};

/// A sentence that belongs to a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    pub article: usize,
    /// Index of the sentence in its article's structure.
    pub sentence: usize,
    pub span: Span,
}

/// One side of a disagreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureValue {
    pub article: usize,
    pub span: Span,
    pub value: f64,
    pub unit: String,
    pub approximate: bool,
}

/// Figures of the same kind, within one fact, that differ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Discrepancy {
    pub kind: Kind,
    pub values: Vec<FigureValue>,
    /// What the figures measure, in a few words ("cut jobs", "fall percent").
    #[serde(default)]
    pub measure: String,
}

/// Passages of several articles that report the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Short label: the most central passage, trimmed.
    pub label: String,
    /// Ordered by article, then position.
    pub passages: Vec<Passage>,
    pub discrepancies: Vec<Discrepancy>,
}

/// All facts of a corpus, and for each (article, sentence) the facts it belongs to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub facts: Vec<Fact>,
    pub by_sentence: HashMap<(usize, usize), Vec<usize>>,
}

impl Facts {
    /// Facts with their index by sentence.
    pub fn new(facts: Vec<Fact>) -> Facts {
        let mut by_sentence: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for (i, f) in facts.iter().enumerate() {
            for p in &f.passages {
                by_sentence
                    .entry((p.article, p.sentence))
                    .or_default()
                    .push(i);
            }
        }
        Facts { facts, by_sentence }
    }
}

impl Fact {
    /// Number of distinct articles among the passages.
    pub fn article_count(&self) -> usize {
        let mut n = 0;
        let mut last = None;
        for p in &self.passages {
            if last != Some(p.article) {
                n += 1;
                last = Some(p.article);
            }
        }
        n
    }
}

/// Pairs scoring below this are not kept at all.
const MIN_SCORE: f32 = 0.25;
/// Thresholds of the grouping, see [`group::Params`].
const PARAMS: group::Params = group::Params {
    strong: 0.6,
    mutual: 0.35,
    join: 0.4,
    shorter: 0.8,
    near: 0.85,
    near_min: 0.4,
};
/// Longest label, in characters.
const LABEL_CHARS: usize = 80;

/// Links the sentences of the corpus into facts reported by at least two articles.
pub fn link(corpus: &Corpus, entities: &Entities) -> Facts {
    link_with(corpus, entities, Stopwords::builtin())
}

/// Like [`link`] with the function words `words`.
pub fn link_with(corpus: &Corpus, entities: &Entities, words: &Stopwords) -> Facts {
    link_stored(corpus, entities, words, None)
}

/// Like [`link_with`], taking each article's terms from `store` when it has them and
/// storing those it had to make.
pub fn link_stored(
    corpus: &Corpus,
    entities: &Entities,
    words: &Stopwords,
    store: Option<&dyn TermStore>,
) -> Facts {
    let features = features::extract(corpus, entities, words, store);
    link_features(corpus, entities, &features, None)
}

/// Links the sentences whose `features` were made, as [`link`] does; with `groups` (a
/// group number per article), only sentences of articles of the same group: the facts of
/// a collection of several stories never join two stories.
pub fn link_features(
    corpus: &Corpus,
    entities: &Entities,
    features: &features::Features,
    groups: Option<&[u32]>,
) -> Facts {
    let scorer = similar::Scorer::new(features);
    let mut pairs = match groups {
        Some(g) => scorer.candidates_where(MIN_SCORE, |a, b| g.get(a) == g.get(b)),
        None => scorer.candidates(MIN_SCORE),
    };
    let headlines = headlines(corpus, features);
    for p in &mut pairs {
        // A headline states its story's main fact in a few words: two headlines alike
        // enough to be scored at all are taken as fairly alike, and still link only
        // when each is the other's best match.
        if headlines[p.a as usize] && headlines[p.b as usize] {
            p.score = p.score.max(PARAMS.mutual);
        }
    }
    let article_of = |g: u32| features.sentences[g as usize].0;
    let open = open_quotes(corpus, features);
    let cut = |g: u32| open.get(g as usize).copied().unwrap_or(false);
    let (groups, affinity) = group::group(&pairs, article_of, cut, PARAMS);
    let mut facts: Vec<Fact> = groups
        .iter()
        .map(|g| fact(corpus, entities, features, g, &affinity))
        .collect();
    facts.sort_by_key(|f| (f.passages[0].article, f.passages[0].sentence));
    drop_repeated_discrepancies(&mut facts);
    Facts::new(facts)
}

/// For each sentence (global index): true when it is its article's headline, the first
/// sentence that is also the article's title.
fn headlines(corpus: &Corpus, features: &features::Features) -> Vec<bool> {
    let mut out = vec![false; features.len()];
    for (a, article) in corpus.articles.iter().enumerate() {
        let Some(first) = article.structure.sentences.first() else {
            continue;
        };
        let title = article.title.trim_end_matches('…').trim();
        if !title.is_empty() && article.slice(first.span).trim().starts_with(title) {
            out[features.global(a, 0)] = true;
        }
    }
    out
}

/// For each sentence (global index): true when it opens a quotation it does not close, so
/// that the quotation, and the sentence, go on in the next one.
fn open_quotes(corpus: &Corpus, features: &features::Features) -> Vec<bool> {
    (features.sentences.iter())
        .map(|&(a, s)| {
            let article = corpus.articles.get(a as usize);
            let span = article.and_then(|x| x.structure.sentences.get(s as usize));
            match (article, span) {
                (Some(article), Some(sentence)) => leaves_quote_open(article.slice(sentence.span)),
                _ => false,
            }
        })
        .collect()
}

/// True when `text` opens a quotation it does not close: more "«" than "»", more "“"
/// than "”", or an odd number of straight double quotes.
fn leaves_quote_open(text: &str) -> bool {
    let count = |c: char| text.chars().filter(|&x| x == c).count();
    count('«') > count('»') || count('“') > count('”') || count('"') % 2 == 1
}

/// Builds the fact of a group of sentences (global indices).
fn fact(
    corpus: &Corpus,
    entities: &Entities,
    features: &features::Features,
    group: &[u32],
    affinity: &affinity::Affinity,
) -> Fact {
    let mut members = group.to_vec();
    members.sort_unstable();
    let passages: Vec<Passage> = members
        .iter()
        .map(|&g| {
            let (a, s) = features.sentences[g as usize];
            let span = corpus.articles[a as usize].structure.sentences[s as usize].span;
            Passage {
                article: a as usize,
                sentence: s as usize,
                span,
            }
        })
        .collect();
    let clear: Vec<bool> = (passages.iter())
        .map(|p| reads_as_prose(corpus.articles[p.article].slice(p.span)))
        .collect();
    let any_clear = clear.iter().any(|&c| c);
    let central = members
        .iter()
        .enumerate()
        .filter(|&(i, _)| clear[i] || !any_clear)
        .max_by(|(_, &x), (_, &y)| {
            centrality(x, &members, affinity).total_cmp(&centrality(y, &members, affinity))
        })
        .map_or(0, |(i, _)| i);
    let p = passages[central];
    let label = trim_label(corpus.articles[p.article].slice(p.span));
    let figures: Vec<(usize, Vec<compare::Stated>)> = members
        .iter()
        .zip(&passages)
        .map(|(&g, p)| {
            let article = &corpus.articles[p.article];
            let stated = (features.figures_of(g as usize).iter())
                .map(|f| compare::Stated {
                    figure: f,
                    measure: measure::of(
                        &article.text,
                        p.span,
                        f,
                        article.language.code(),
                        p.article,
                        entities,
                        &features.stopwords,
                    ),
                })
                .collect();
            (p.article, stated)
        })
        .collect();
    Fact {
        label,
        discrepancies: compare::discrepancies(&figures),
        passages,
    }
}

/// True when a passage reads as a sentence of prose, fit to name a fact: it starts with a
/// capital, a digit or a quotation mark, not with a lower-case word such as a metadata key
/// ("date 2018-08 Facebook a…"), and has a few words.
fn reads_as_prose(text: &str) -> bool {
    let text = text.trim_start();
    let starts_well = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "«\"“'‘(".contains(c));
    starts_well && text.split_whitespace().nth(3).is_some()
}

/// Sum of the scores of `x` with the other members (sorted).
fn centrality(x: u32, members: &[u32], affinity: &affinity::Affinity) -> f32 {
    affinity
        .of(x)
        .iter()
        .filter(|e| members.binary_search(&e.other).is_ok())
        .map(|e| e.score)
        .sum()
}

/// One line of at most [`LABEL_CHARS`] characters, cut at a word with "…".
pub(crate) fn trim_label(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= LABEL_CHARS {
        return line;
    }
    let cut: String = line.chars().take(LABEL_CHARS - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > LABEL_CHARS / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

/// A disagreement found again in a later fact (overlapping facts share sentences) is
/// reported once, in the first.
fn drop_repeated_discrepancies(facts: &mut [Fact]) {
    let mut seen: Vec<Vec<(usize, Span)>> = Vec::new();
    // Each value to the reported disagreements naming it: a repeat names its first value.
    let mut by_value: HashMap<(usize, Span), Vec<usize>> = HashMap::new();
    for f in facts.iter_mut() {
        f.discrepancies.retain(|d| {
            let mut key: Vec<(usize, Span)> =
                d.values.iter().map(|v| (v.article, v.span)).collect();
            key.sort_unstable();
            let Some(first) = key.first().copied() else {
                return false;
            };
            let repeated = by_value
                .get(&first)
                .is_some_and(|ids| ids.iter().any(|&i| key.iter().all(|k| seen[i].contains(k))));
            if !repeated {
                for k in &key {
                    by_value.entry(*k).or_default().push(seen.len());
                }
                seen.push(key);
            }
            !repeated
        });
    }
}

#[cfg(test)]
mod tests;
