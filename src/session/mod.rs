//! Opening a collection, for the reader and the command line alike: the articles are read
//! on a thread of their own, then analysed below the caller's priority, and what happens
//! comes back as [`Event`]s over a channel, so that the caller stays free (the reader keeps
//! answering keys, `q` included, and quitting never waits for the work).
//!
//! With a cache, an open takes from it what it can: the index of the last open of the same
//! paths ([`index`]) lists the articles at once, before their text is read (a warm open);
//! the last analysis stored for the collection is read meanwhile and, when the articles
//! turn out to have changed, shown carried over to them ([`crate::analysis::carry`]) until
//! their own analysis lands; the analysis itself is read from the cache or made and stored
//! ([`crate::analysis::analyse_cached`]). Cancelling ([`Session::cancel`]) stops any cache
//! write from starting and waits for one under way, so an entry is whole or absent.
//!
//! How far the work has gone is not sent but read ([`Session::loading`],
//! [`Session::progress`]): counters the work updates and the caller samples at its own pace.

pub mod index;
mod worker;

use crate::analysis::{Analysis, Carried, Lexicon, Outcome, Progress, Snapshot};
use crate::cache::Cache;
use crate::corpus::{Corpus, CorpusIndex, LoadOptions, LoadProgress};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::sync::Arc;
use std::time::Duration;

/// What to open and how.
#[derive(Debug, Clone)]
pub struct Opening {
    /// Files and folders; none for the bundled articles.
    pub paths: Vec<PathBuf>,
    pub load: LoadOptions,
    /// Where analyses and indexes are kept; none to make everything afresh.
    pub cache: Option<Cache>,
    /// The user's word lists the analysis uses.
    pub lexicon: Arc<Lexicon>,
    /// Start from the cache's index of the last open of the same paths, and keep it up to
    /// date (the reader does; a command that prints and ends need not).
    pub warm: bool,
    /// Analyse the articles once they are in.
    pub analyse: bool,
    /// Write the index and analyse below the caller's priority, on threads of their own
    /// (the reader, which must stay quick to answer keys).
    pub lowered: bool,
}

impl Opening {
    /// An open of `paths` with the default load options, no cache, the built-in word lists,
    /// analysed at the caller's priority, not warm.
    pub fn new(paths: Vec<PathBuf>) -> Opening {
        Opening {
            paths,
            load: LoadOptions::default(),
            cache: None,
            lexicon: Arc::new(Lexicon::default()),
            warm: false,
            analyse: true,
            lowered: false,
        }
    }
}

/// What an open reports, in this order: the articles, then (when analysed) the last
/// analysis carried over if there is one, then the analysis. Warnings may come at any time.
#[derive(Debug)]
pub enum Event {
    /// The articles are in (perhaps none: the load's warnings say why).
    Loaded(Arc<Corpus>),
    /// The last analysis stored for the collection, carried over to the articles as they
    /// are now: something to show until [`Event::Analysed`].
    Carried(Analysis, Carried),
    /// The analysis of the articles, and where it came from; the articles the analyser
    /// failed on are among its warnings, one line each (file and stage).
    Analysed(Analysis, Outcome),
    /// A problem that stops nothing (a cache entry ignored or not written), in one line.
    Warning(String),
    /// The work stopped before its end (a failure outside the guarded stages): the phase
    /// it was in. Nothing follows.
    Stopped(Phase),
}

/// Where an open stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Loading,
    Analysing,
    Done,
}

/// An open under way.
pub struct Session {
    events: Receiver<Event>,
    loading: Arc<LoadProgress>,
    progress: Arc<Progress>,
    index: Option<Arc<CorpusIndex>>,
    phase: Phase,
    analyse: bool,
}

impl Session {
    /// Starts opening: reads the index of the last open when `opening.warm` (at once, so
    /// that [`Session::take_index`] has it), then reads and analyses on threads of its
    /// own. A thread that cannot be started is reported as [`Event::Stopped`].
    pub fn open(opening: Opening) -> Session {
        let (tx, rx) = mpsc::channel();
        let loading = Arc::new(LoadProgress::default());
        let progress = Arc::new(Progress::new());
        let mut session = Session::from_events(rx, Arc::clone(&loading), Arc::clone(&progress));
        session.analyse = opening.analyse;
        let folder = (opening.cache.as_ref())
            .filter(|_| opening.warm)
            .and_then(|_| index::key(&opening.paths, &opening.load));
        if let (Some(cache), Some(key)) = (&opening.cache, &folder) {
            let (found, warning) = index::find(cache, key);
            if let Some(w) = warning {
                let _ = tx.send(Event::Warning(w));
            }
            session.index = found.map(Arc::new);
        }
        let work = worker::Worker {
            opening,
            folder,
            index: session.index.clone(),
            loading,
            progress,
            events: tx,
        };
        if let Err(e) = std::thread::Builder::new()
            .name("load".into())
            .spawn(move || work.run())
        {
            session.phase = Phase::Done;
            session.index = None;
            let (tx, rx) = mpsc::channel();
            let _ = tx.send(Event::Warning(format!("cannot start reading: {e}")));
            let _ = tx.send(Event::Stopped(Phase::Loading));
            session.events = rx;
        }
        session
    }

    /// A session whose events come through `events` and whose progress is `loading` and
    /// `progress`: the work done elsewhere (a test, another driver).
    pub fn from_events(
        events: Receiver<Event>,
        loading: Arc<LoadProgress>,
        progress: Arc<Progress>,
    ) -> Session {
        Session {
            events,
            loading,
            progress,
            index: None,
            phase: Phase::Loading,
            analyse: true,
        }
    }

    /// The same session, already past the load (its events begin with the analysis).
    pub fn loaded(mut self) -> Session {
        self.phase = Phase::Analysing;
        self
    }

    /// The index of the last open of the same paths, if the cache held a good one: the
    /// articles without their text, to show until [`Event::Loaded`]. Given once (and
    /// shared with the work until it has rewritten the index).
    pub fn take_index(&mut self) -> Option<Arc<CorpusIndex>> {
        self.index.take()
    }

    /// The next event if one is there, without waiting.
    pub fn poll(&mut self) -> Option<Event> {
        match self.events.try_recv() {
            Ok(e) => Some(self.saw(e)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => self.stopped(),
        }
    }

    /// The next event, waiting at most `timeout`.
    pub fn wait_within(&mut self, timeout: Duration) -> Option<Event> {
        match self.events.recv_timeout(timeout) {
            Ok(e) => Some(self.saw(e)),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => self.stopped(),
        }
    }

    /// The next event, waiting for it; `None` once nothing more will come.
    pub fn wait(&mut self) -> Option<Event> {
        match self.events.recv() {
            Ok(e) => Some(self.saw(e)),
            Err(_) => self.stopped(),
        }
    }

    fn saw(&mut self, event: Event) -> Event {
        match &event {
            Event::Loaded(corpus) if self.analyse && !corpus.articles.is_empty() => {
                self.phase = Phase::Analysing;
            }
            Event::Loaded(_) | Event::Analysed(..) | Event::Stopped(_) => self.phase = Phase::Done,
            Event::Carried(..) | Event::Warning(_) => {}
        }
        event
    }

    /// The work ended early (once reported, nothing more).
    fn stopped(&mut self) -> Option<Event> {
        let phase = self.phase;
        self.phase = Phase::Done;
        (phase != Phase::Done).then_some(Event::Stopped(phase))
    }

    /// Where the open stands, as far as the events taken so far tell.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// Files found and read so far.
    pub fn loading(&self) -> &Arc<LoadProgress> {
        &self.loading
    }

    /// The analysis's progress.
    pub fn progress(&self) -> &Arc<Progress> {
        &self.progress
    }

    /// Where the analysis stands.
    pub fn snapshot(&self) -> Snapshot {
        self.progress.snapshot()
    }

    /// Before the program stops: no cache write is started any more, and one under way
    /// ends before this returns. The work itself is not waited for.
    pub fn cancel(&self) {
        self.progress.cancel();
    }
}

/// Runs `f` on worker threads below the caller's priority, as the analysis runs: for
/// other work that follows it (the reader's sources pass), which must not slow the keys.
pub fn below_priority<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    worker::in_pool(f)
}

#[cfg(test)]
mod tests;
