//! The analysis of a corpus runs on its own threads while the reader is already open: the
//! list and the text are there at once, the entities and facts fill in when the analysis
//! lands, and keys are answered all along. The status bar shows the stage, counts and an
//! estimate. Quitting does not wait for it; its cache entry is written whole or not at all.

use super::app::App;
use super::entities_panel::EntityState;
use super::facts_nav::FactState;
use crate::analysis::{self, Analysis, Carried, Outcome, Progress, Snapshot};
use crate::cache::Cache;
use crate::corpus::Corpus;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::Arc;

/// An analysis under way.
pub struct Analysing {
    progress: Arc<Progress>,
    result: Receiver<(Analysis, Outcome)>,
    /// The last analysis of the folder carried over to its articles as they are now, shown
    /// until the new one lands (see [`crate::analysis::carry`]).
    earlier: Option<Receiver<(Analysis, Carried)>>,
    /// Set once the carried-over analysis is shown.
    pub carried: Option<Carried>,
}

impl Analysing {
    /// Starts analysing `corpus` on background threads (taking it from `cache` when it
    /// holds it, noting it there as the last analysis of the folder whose index key is
    /// `folder`); the threads run below the reader's priority.
    pub fn start(
        corpus: Arc<Corpus>,
        cache: Option<Cache>,
        salt: String,
        folder: Option<String>,
    ) -> Analysing {
        let progress = Arc::new(Progress::new());
        let (tx, rx) = mpsc::channel();
        let watched = Arc::clone(&progress);
        std::thread::Builder::new()
            .name("analysis".into())
            .spawn(move || {
                lower_priority();
                let (analysis, mut outcome) =
                    in_pool(|| analysis::analyse_cached(&corpus, cache.as_ref(), &salt, &watched));
                if let (Some(cache), Some(folder)) = (&cache, &folder) {
                    note_analysed(cache, folder, &corpus, &salt, &mut outcome);
                }
                let _ = tx.send((analysis, outcome));
            })
            .map_or_else(
                |_| Analysing::failed(),
                |_| Analysing::from_channel(progress, rx),
            )
    }

    /// An analysis whose result will come through `result` (another thread, or a test).
    pub fn from_channel(
        progress: Arc<Progress>,
        result: Receiver<(Analysis, Outcome)>,
    ) -> Analysing {
        Analysing {
            progress,
            result,
            earlier: None,
            carried: None,
        }
    }

    /// The same analysis, showing first what comes through `earlier`.
    pub fn with_earlier(self, earlier: Receiver<(Analysis, Carried)>) -> Analysing {
        Analysing {
            earlier: Some(earlier),
            ..self
        }
    }

    fn failed() -> Analysing {
        let (_, rx) = mpsc::channel();
        Analysing::from_channel(Arc::new(Progress::new()), rx)
    }

    /// Stops the analysis from writing to the cache (waiting for a write under way).
    pub fn cancel(&self) {
        self.progress.cancel();
    }

    /// Where the analysis stands.
    pub fn snapshot(&self) -> Snapshot {
        self.progress.snapshot()
    }
}

/// Notes in `cache` that the analysis of `corpus` is the last one stored for the folder
/// whose index key is `folder`, once it is stored (not when the reader was left first).
pub(super) fn note_analysed(
    cache: &Cache,
    folder: &str,
    corpus: &Corpus,
    salt: &str,
    outcome: &mut Outcome,
) {
    let key = Cache::corpus_key(corpus, salt);
    if !outcome.stored || cache.analysed(folder).as_deref() == Some(key.as_str()) {
        return;
    }
    if let Err(e) = cache.note_analysed(folder, &key) {
        let dir = cache.dir().display();
        (outcome.warnings).push(format!("cannot write the cache in {dir}: {e}"));
    }
}

/// Runs `f` on worker threads below the reader's priority (on the calling thread when
/// they cannot be made).
pub(super) fn in_pool<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    match background_pool() {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

/// Worker threads for the analysis, one per core, each asking the system to run it after
/// the reader's own thread.
fn background_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("analysis-{i}"))
        .start_handler(|_| lower_priority())
        .build()
        .ok()
}

/// Lowers the calling thread's scheduling priority (Linux schedules threads one by one);
/// elsewhere a no-op.
pub(super) fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority with PRIO_PROCESS and who = 0 changes only the calling thread's
    // nice value on Linux; it reads no memory of ours.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

impl App {
    /// Takes the analysis if it has landed, never while the articles it was made for are
    /// still loading; true when the screen must be redrawn (it landed, or its progress
    /// moved on).
    pub fn poll_analysis(&mut self) -> bool {
        let Some(job) = &mut self.analysing else {
            return false;
        };
        if self.loading.is_some() {
            return false;
        }
        let landed = job.result.try_recv();
        if let (Err(TryRecvError::Empty), Some(earlier)) = (&landed, &job.earlier) {
            match earlier.try_recv() {
                Ok((analysis, carried)) => {
                    job.earlier = None;
                    job.carried = Some(carried);
                    self.set_analysis(analysis);
                    self.message = None;
                    return true;
                }
                Err(TryRecvError::Disconnected) => job.earlier = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        match landed {
            Ok((analysis, outcome)) => {
                self.analysing = None;
                self.set_analysis(analysis);
                self.message = Some(match outcome.warnings.first() {
                    Some(w) => w.clone(),
                    None if outcome.from_cache => "analysis read from the cache".into(),
                    None if outcome.articles_reused > 0 => format!(
                        "analysis done: {} new or changed, {} read from the cache",
                        super::view::status::articles(outcome.articles_made),
                        outcome.articles_reused
                    ),
                    None => "analysis done".into(),
                });
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                self.analysing = None;
                self.message = Some("the analysis stopped: entities and facts are missing".into());
            }
        }
        true
    }

    /// Before the program stops: no cache write is started any more, one under way ends.
    pub fn stop_analysis(&self) {
        if let Some(job) = &self.analysing {
            job.cancel();
        }
    }

    /// Puts a new analysis in place, keeping what the reader was doing with the text.
    pub fn set_analysis(&mut self, analysis: Analysis) {
        let marks = self.entity_view.marks;
        // The old analysis goes first: at 100,000 articles each takes a few hundred MB.
        self.analysis = Analysis::default();
        self.entity_view = EntityState::new(&analysis.entities, self.corpus.articles.len());
        self.entity_view.marks = marks;
        self.fact_view = FactState {
            coverage: self.fact_view.coverage,
            ..FactState::default()
        };
        self.analysis = analysis;
        self.analysis_changed();
        self.layers.retain(|l| {
            !matches!(
                l,
                super::layer::Layer::Aliases { .. } | super::layer::Layer::Coverage(_)
            )
        });
        let rows = self.side_rows().len();
        let height = self.list_height(super::app::Focus::Side);
        self.side.select(self.side.selected, rows, height);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_background_analysis_lands_equal_to_a_direct_one() {
        let corpus = Arc::new(Corpus::bundled());
        let mut app = App::new(Arc::clone(&corpus), Analysis::default());
        app.analysing = Some(Analysing::start(
            Arc::clone(&corpus),
            None,
            String::new(),
            None,
        ));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while app.analysing.is_some() && std::time::Instant::now() < deadline {
            app.poll_analysis();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(app.analysing.is_none());
        assert_eq!(app.analysis, analysis::analyse(&corpus));
        assert_eq!(app.message.as_deref(), Some("analysis done"));
    }
}
