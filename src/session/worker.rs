//! The thread of one open: reads the articles (at the caller's priority: the text is what
//! the user waits for), then, below it, keeps the index up to date and analyses them.

use super::{index, Event, Opening};
use crate::analysis::{self, stored, Analysis, Outcome, Progress, Stage, Unchecked};
use crate::cache::Lookup;
use crate::corpus::{self, Corpus, CorpusIndex, LoadProgress};
use crate::stories::grow::Earlier;
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::thread::JoinHandle;

/// What the thread needs.
pub(super) struct Worker {
    pub opening: Opening,
    /// The key of the collection's index, when it is kept.
    pub folder: Option<String>,
    /// The index read at the start, if there was one.
    pub index: Option<Arc<CorpusIndex>>,
    pub loading: Arc<LoadProgress>,
    pub progress: Arc<Progress>,
    pub events: Sender<Event>,
}

/// The analysis stored under a key, being read on a thread of its own.
type Early = (String, JoinHandle<Lookup<Unchecked>>);

impl Worker {
    /// Reads the articles and sends them, then their analysis (first the last one carried
    /// over, when the articles changed since); keeps the index up to date. Ends early when
    /// nobody listens any more.
    pub fn run(mut self) {
        // The last analysis stored for the collection: of the articles indexed, or of
        // those read before them when the reader was left before their analysis was stored.
        let early = self.read_early();
        let o = &self.opening;
        let (corpus, stamps) = if o.paths.is_empty() {
            (Corpus::bundled(), Vec::new())
        } else {
            corpus::load_paths_stamped(&o.paths, &o.load, &self.loading)
        };
        let corpus = Arc::new(corpus);
        if self
            .events
            .send(Event::Loaded(Arc::clone(&corpus)))
            .is_err()
        {
            return;
        }
        if corpus.articles.is_empty() {
            return;
        }
        if o.lowered {
            lower_priority();
        }
        let (early, earlier) = match early {
            Some(early) => self.carry_over(&corpus, early),
            None => (None, None),
        };
        if let (Some(cache), Some(folder)) = (&o.cache, &self.folder) {
            let none = CorpusIndex::default();
            let before = self.index.as_deref().unwrap_or(&none);
            let store = || index::store(cache, folder, &corpus, stamps, before);
            if let Err(e) = self.below(store) {
                self.warn(format!("cannot write the corpus index: {e}"));
            }
        }
        // At 100,000 articles an index takes tens of MB: not kept through the analysis.
        self.index = None;
        if !self.opening.analyse {
            return;
        }
        let (analysis, mut outcome) = self.analyse(&corpus, early, earlier.as_ref());
        self.note_analysed(&corpus, &mut outcome);
        let _ = self.events.send(Event::Analysed(analysis, outcome));
    }

    fn warn(&self, line: String) {
        let _ = self.events.send(Event::Warning(line));
    }

    /// Starts reading, on a thread of its own, the last analysis stored for the
    /// collection (on a warm open only).
    fn read_early(&self) -> Option<Early> {
        let (Some(cache), Some(folder)) = (&self.opening.cache, &self.folder) else {
            return None;
        };
        let index = self.index.as_deref().filter(|i| !i.articles.is_empty())?;
        if !self.opening.analyse {
            return None;
        }
        let lexicon = &self.opening.lexicon;
        let key = index::last_analysis_key(cache, folder, index, lexicon);
        let (cache, looked_up) = (cache.clone(), key.clone());
        std::thread::Builder::new()
            .name("cache".into())
            .spawn(move || stored::read(&cache, &looked_up))
            .ok()
            .map(|handle| (key, handle))
    }

    /// The early read when it is the analysis of `corpus` (to be checked and used);
    /// otherwise, sends it carried over to `corpus` and gives its grouping, for the new
    /// analysis to add the new articles to.
    fn carry_over(
        &self,
        corpus: &Corpus,
        (key, handle): Early,
    ) -> (Option<JoinHandle<Lookup<Unchecked>>>, Option<Earlier>) {
        if stored::corpus_key(corpus, &self.opening.lexicon) == key {
            return (Some(handle), None);
        }
        if let Ok(Lookup::Hit(stored)) = handle.join() {
            if let Ok((analysis, carried, earlier)) = stored.carry_over_grouping(corpus) {
                let _ = self.events.send(Event::Carried(analysis, carried));
                return (None, earlier);
            }
        }
        (None, None)
    }

    /// The analysis of the articles read: the one read early when it fits them, otherwise
    /// taken from the cache or made as usual, on threads below the caller's priority.
    fn analyse(
        &self,
        corpus: &Corpus,
        early: Option<JoinHandle<Lookup<Unchecked>>>,
        earlier: Option<&Earlier>,
    ) -> (Analysis, Outcome) {
        let progress = &self.progress;
        if let Some(handle) = early {
            progress.enter(Stage::Cache, 0);
            if let Ok(Lookup::Hit(stored)) = handle.join() {
                if let Ok(a) = stored.check(corpus) {
                    progress.enter(Stage::Done, 0);
                    let outcome = Outcome {
                        from_cache: true,
                        stored: true,
                        warnings: a.failure_lines(corpus),
                        ..Outcome::default()
                    };
                    return (a, outcome);
                }
            }
        }
        let (cache, lexicon) = (self.opening.cache.as_ref(), &self.opening.lexicon);
        self.below(|| analysis::analyse_cached_after(corpus, cache, lexicon, progress, earlier))
    }

    /// Runs `f` below the caller's priority when the opening asks for it.
    fn below<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        match self.opening.lowered {
            true => in_pool(f),
            false => f(),
        }
    }

    /// Notes in the cache that the analysis of `corpus` is the last one stored for the
    /// collection, once it is stored (not when the reader was left first).
    fn note_analysed(&self, corpus: &Corpus, outcome: &mut Outcome) {
        let (Some(cache), Some(folder)) = (&self.opening.cache, &self.folder) else {
            return;
        };
        if !outcome.stored {
            return;
        }
        let key = stored::corpus_key(corpus, &self.opening.lexicon);
        if let Err(e) = index::note_analysed(cache, folder, &key) {
            let dir = cache.dir().display();
            (outcome.warnings).push(format!("cannot write the cache in {dir}: {e}"));
        }
    }
}

/// Runs `f` on worker threads below the caller's priority (on the calling thread when
/// they cannot be made).
pub(super) fn in_pool<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    match background_pool() {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

/// Worker threads for the analysis, one per core, each asking the system to run it after
/// the caller's own thread.
fn background_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("analysis-{i}"))
        .start_handler(|_| lower_priority())
        .build()
        .ok()
}

/// Lowers the calling thread's scheduling priority (Linux schedules threads one by one);
/// elsewhere a no-op.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority with PRIO_PROCESS and who = 0 changes only the calling thread's
    // nice value on Linux; it reads no memory of ours.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}
