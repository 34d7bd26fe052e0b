//! The sources of the analysis shown (attribution, shared text, independent origins), which
//! the analysis does not keep: they are worked out once it has landed, on a thread of their
//! own below the reader's priority — finding shared text takes seconds on a thousand
//! articles — and the reader shows the plain marks until they land. A new analysis (or new
//! articles) makes them stale: they are dropped at once and worked out again; one pass runs
//! at a time, so a stale one is let finish and thrown away before the next starts.

use super::app::App;
use crate::facts::Facts;
use crate::sources::{self, Sources};
use std::sync::mpsc::{channel, Receiver, TryRecvError};
use std::sync::Arc;
use std::time::Instant;

/// The sources of the analysis shown, and the pass working them out.
#[derive(Default)]
pub struct SourcesSlot {
    /// For the analysis shown, once worked out.
    ready: Option<Arc<Sources>>,
    /// Which analysis is shown: changes with it.
    generation: u64,
    running: Option<Pass>,
}

/// A pass on its thread, for one analysis.
struct Pass {
    generation: u64,
    started: Instant,
    done: Receiver<Result<Sources, String>>,
}

impl SourcesSlot {
    /// True while a pass runs.
    pub fn running(&self) -> bool {
        self.running.is_some()
    }
}

impl App {
    /// The sources of the analysis shown, once worked out.
    pub fn sources(&self) -> Option<&Sources> {
        self.sources.ready.as_deref()
    }

    /// Works the sources out here and now, waiting: for tests and callers without an
    /// event loop.
    pub fn compute_sources(&mut self) {
        let made = sources::analyse(
            &self.corpus,
            &self.analysis.entities,
            &self.analysis.facts,
            &self.analysis.stories,
        );
        self.sources.ready = Some(Arc::new(made));
    }

    /// Forgets the sources of an analysis that is no longer shown.
    pub(super) fn sources_stale(&mut self) {
        self.sources.ready = None;
        self.sources.generation += 1;
    }

    /// Takes the sources if their pass has ended, and starts one when the articles and the
    /// analysis are in and no pass runs; true when the screen must be redrawn.
    pub fn poll_sources(&mut self) -> bool {
        let mut landed = false;
        if let Some(pass) = &self.sources.running {
            match pass.done.try_recv() {
                Err(TryRecvError::Empty) => return false,
                Ok(made) => {
                    let current = pass.generation == self.sources.generation;
                    match made {
                        Ok(s) if current => {
                            self.sources.ready = Some(Arc::new(s));
                            landed = true;
                        }
                        Ok(_) => {}
                        Err(why) => self.add_message(format!("sources not worked out: {why}")),
                    }
                }
                Err(TryRecvError::Disconnected) => {}
            }
            self.sources.running = None;
        }
        let settled = self.loading.is_none() && self.analysing.is_none();
        if settled && self.sources.ready.is_none() && !self.corpus.articles.is_empty() {
            self.start_sources();
        }
        landed
    }

    /// Seconds the running pass has taken so far, for the status bar.
    pub fn sources_elapsed(&self) -> Option<u64> {
        let pass = self.sources.running.as_ref()?;
        (pass.generation == self.sources.generation).then(|| pass.started.elapsed().as_secs())
    }

    fn start_sources(&mut self) {
        let (tx, done) = channel();
        let corpus = Arc::clone(&self.corpus);
        let analysis = Arc::clone(&self.analysis);
        let spawned = std::thread::Builder::new()
            .name("sources".into())
            .spawn(move || {
                let work = || {
                    sources::analyse(
                        &corpus,
                        &analysis.entities,
                        &analysis.facts,
                        &analysis.stories,
                    )
                };
                let made = crate::failure::guarded(|| crate::session::below_priority(work));
                let _ = tx.send(made.map_err(|p| p.0));
            });
        match spawned {
            Ok(_) => {
                self.sources.running = Some(Pass {
                    generation: self.sources.generation,
                    started: Instant::now(),
                    done,
                })
            }
            Err(e) => self.add_message(format!("sources not worked out: {e}")),
        }
    }
}

/// How many articles report a sentence's facts and how many independent origins back
/// them: (articles, origins) of the sentence's fact reported by the most articles; `None`
/// when the sentence is in no fact or the sources lack that fact.
pub fn backing(
    facts: &Facts,
    sources: &Sources,
    article: usize,
    sentence: usize,
) -> Option<(usize, usize)> {
    let ids = facts.by_sentence.get(&(article, sentence))?;
    let widest = ids
        .iter()
        .filter_map(|&f| Some((f, facts.facts.get(f)?.article_count())))
        .max_by_key(|&(f, n)| (n, std::cmp::Reverse(f)))?;
    let origins = sources.origins.get(widest.0)?.len();
    Some((widest.1, origins))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Fact, Passage};
    use crate::sources::{Origin, OriginKind};
    use crate::text::Span;

    fn origin(passages: &[usize]) -> Origin {
        Origin {
            kind: OriginKind::Outlet,
            name: String::new(),
            passages: passages.to_vec(),
        }
    }

    #[test]
    fn backing_takes_the_widest_fact_of_the_sentence() {
        let passage = |article: usize| Passage {
            article,
            sentence: 0,
            span: Span::new(0, 5),
        };
        let fact = |articles: &[usize]| Fact {
            label: String::new(),
            passages: articles.iter().map(|&a| passage(a)).collect(),
            discrepancies: Vec::new(),
        };
        let facts = Facts::new(vec![fact(&[0, 1]), fact(&[0, 1, 2, 3])]);
        let sources = Sources {
            origins: vec![
                vec![origin(&[0]), origin(&[1])],
                vec![origin(&[0, 1, 2, 3])],
            ],
            ..Sources::default()
        };
        assert_eq!(backing(&facts, &sources, 0, 0), Some((4, 1)));
        assert_eq!(backing(&facts, &sources, 0, 1), None);
        assert_eq!(backing(&facts, &Sources::default(), 0, 0), None);
    }
}
