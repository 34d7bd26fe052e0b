//! What the training program needs from the recogniser: every candidate name of a corpus
//! with the typer's features, found exactly as the analysis finds them, so that the model
//! learns on the names it will be asked about.

use super::prepare::{self, CaseStats};
use super::recognise;
pub use super::typer::{self, Features, Model, CLASSES, N, NONE};
use crate::corpus::Corpus;
use crate::text::Span;

/// One candidate name: its article, its span and the typer's features.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub article: usize,
    pub span: Span,
    pub features: Features,
    /// The shipped model's class probabilities (zero without one).
    pub typed: [f32; N],
}

/// The candidate names of a corpus, in corpus order. One thread: training is deterministic
/// and this is not the analysis.
pub fn candidates(corpus: &Corpus) -> Vec<Candidate> {
    let prepared: Vec<_> = corpus.articles.iter().map(prepare::prepare).collect();
    let mut stats = CaseStats::default();
    let g = super::gazetteer::builtin();
    for (a, p) in corpus.articles.iter().zip(&prepared) {
        stats.add(&a.text, p, g);
    }
    let mut out = Vec::new();
    for (i, (a, p)) in corpus.articles.iter().zip(&prepared).enumerate() {
        for c in recognise::names(a, p, &stats, g).candidates {
            out.push(Candidate {
                article: i,
                span: c.span,
                features: c.features,
                typed: c.typed,
            });
        }
    }
    out
}
