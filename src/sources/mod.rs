//! Sources: who each sentence is attributed to, which passages an article shares word for
//! word with another, and from these how many independent origins back each fact.
//!
//! Five outlets reporting a fact may all quote one statement or copy one agency dispatch;
//! counting articles then overstates what is known. This pass runs after the facts, over
//! (corpus, entities, facts), and changes none of them:
//!
//! - [`attribution`] names the speaker and medium of each sentence (French and English),
//!   from the clauses [`clause`] finds around reporting verbs, cues and quotation marks;
//! - [`reuse`] finds shared passages through hashed word shingles, in time that grows with
//!   the text and not with the number of pairs of articles;
//! - [`origins`] groups the passages of each fact by source and by reuse, so that copies
//!   and re-attributions of one statement count once;
//! - [`story`] gathers what one story's articles cite and share, and [`describe`] says an
//!   attribution or a copy in one line, for the reader and the notes' export alike.

pub mod attribution;
mod clause;
pub mod describe;
pub mod json;
mod lexicon;
pub mod origins;
pub mod reuse;
pub mod story;

pub use attribution::Attribution;
pub use json::{FactSources, SourcesJson};
pub use origins::{Origin, OriginKind};
pub use reuse::{Copy, Reuse};

use crate::corpus::Corpus;
use crate::entities::Entities;
use crate::facts::Facts;
use crate::stories::Stories;
use rayon::prelude::*;

/// Attributions, reuse and the origins of every fact of a corpus.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Per article, its attributed sentences in order.
    pub attributions: Vec<Vec<Attribution>>,
    pub reuse: Reuse,
    /// Per fact (same index as [`Facts::facts`]), its origins.
    pub origins: Vec<Vec<Origin>>,
}

impl Sources {
    /// The attribution of a sentence, if it has one.
    pub fn attribution(&self, article: usize, sentence: usize) -> Option<&Attribution> {
        let list = self.attributions.get(article)?;
        let i = list.binary_search_by_key(&sentence, |a| a.sentence).ok()?;
        Some(&list[i])
    }

    /// Index, per fact, of the origin each passage belongs to.
    pub fn origin_of_passage(&self, fact: usize, passage: usize) -> Option<usize> {
        let origins = self.origins.get(fact)?;
        origins.iter().position(|o| o.passages.contains(&passage))
    }
}

/// Attributes every sentence, finds reuse inside each story and groups each fact's passages
/// into origins.
pub fn analyse(corpus: &Corpus, entities: &Entities, facts: &Facts, stories: &Stories) -> Sources {
    let attributions: Vec<Vec<Attribution>> = (corpus.articles.par_iter().enumerate())
        .map(|(a, art)| attribution::article(a, art, entities))
        .collect();
    let reuse = reuse::find(corpus, &stories.of_article);
    let mut sources = Sources {
        attributions,
        reuse,
        origins: Vec::new(),
    };
    sources.origins = (facts.facts.par_iter())
        .map(|f| origins::of_fact(corpus, entities, &sources, f))
        .collect();
    sources
}

#[cfg(test)]
mod tests;
