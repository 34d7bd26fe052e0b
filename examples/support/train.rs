//! Training data for the typer: the gold files of `../shared/ner` that may be learnt from
//! (never the test sets `uner-en-pud.test` and `sequoia-9.2.test`), the recogniser's
//! candidates on them, and the class each one should get.

#![allow(dead_code)]

use super::ner;
use recoupe::entities::learn::{self, Features, CLASSES, NONE};
use std::path::Path;

/// Files learnt from, relative to the data directory.
pub const FILES: [&str; 9] = [
    "fr/sequoia-9.2.train.conllu",
    "fr/sequoia-9.2.dev.conllu",
    "fr/europeana-fr.bio",
    "en/uner-en-ewt.dev.iob2",
    "en/uner-en-ewt.test.iob2",
    "en/wikigold.conll",
    "en/wnut17.train.conll",
    "en/wnut17.dev.conll",
    "en/wnut17.test.conll",
];

/// Whether a file is a test set that must never be learnt from.
pub fn is_held_out(name: &str) -> bool {
    name.contains("uner-en-pud.test") || name.contains("sequoia-9.2.test")
}

/// The class a candidate should get: the kind of the gold name it is, or overlaps; "no
/// name" when it touches none; `None` (left out) when the gold name is MISC, which the
/// typer does not tell apart.
fn label(span: (usize, usize), gold: &[(usize, usize, String)]) -> Option<usize> {
    let over = gold.iter().find(|g| g.0 < span.1 && span.0 < g.1);
    match over {
        None => Some(NONE),
        Some((_, _, k)) => CLASSES.iter().position(|c| c == k),
    }
}

/// Samples from the first `limit` sentences of each file (all of them with `usize::MAX`).
pub fn samples(dir: &Path, files: &[&str], limit: usize) -> Result<Vec<(Features, usize)>, String> {
    let mut out = Vec::new();
    for name in files {
        if is_held_out(name) {
            return Err(format!("{name}: a test set, not learnt from"));
        }
        let mut sentences = ner::read(&dir.join(name))?;
        sentences.truncate(limit);
        let built = ner::build(&sentences, 20);
        let mut gold: Vec<Vec<(usize, usize, String)>> =
            vec![Vec::new(); built.corpus.articles.len()];
        for (a, s, e, k) in &built.gold {
            gold[*a].push((*s, *e, k.clone()));
        }
        let before = out.len();
        for c in learn::candidates(&built.corpus) {
            if let Some(l) = label((c.span.start, c.span.end), &gold[c.article]) {
                out.push((c.features, l));
            }
        }
        eprintln!(
            "{name}: {} sentences, {} samples",
            sentences.len(),
            out.len() - before
        );
    }
    Ok(out)
}
