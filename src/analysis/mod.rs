//! The whole analysis of a corpus, in one place for the reader and the command line: run
//! it (reporting progress that another thread can watch), or take it from the on-disk
//! cache when the same articles were analysed before by the same analyser.

pub mod carry;

pub use carry::Carried;

use crate::cache::{ArticleStore, Cache, Lookup};
use crate::corpus::Corpus;
use crate::entities::{self, Entities};
use crate::facts::{self, Facts, TermStore};
use crate::failure;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Everything recoupe derives from a corpus beyond each article's own structure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    pub entities: Entities,
    pub facts: Facts,
}

/// Runs entity recognition and resolution, then fact linking.
pub fn analyse(corpus: &Corpus) -> Analysis {
    analyse_with(corpus, &Progress::new())
}

/// Like [`analyse`], telling `progress` what it is doing.
pub fn analyse_with(corpus: &Corpus, progress: &Progress) -> Analysis {
    analyse_stored(corpus, progress, None)
}

/// Like [`analyse_with`], taking what each article gives on its own from `store` when it
/// holds it, and storing it otherwise.
///
/// A failure of the analyser on some article does not end the program or cost the other
/// articles: the articles it fails on are found, reported in [`Progress::failures`] (one
/// line each: file and stage) and analysed as if empty, and the rest goes on.
pub fn analyse_stored(
    corpus: &Corpus,
    progress: &Progress,
    store: Option<&dyn TermStore>,
) -> Analysis {
    match failure::guarded(|| analyse_unguarded(corpus, progress, store)) {
        Ok(analysis) => analysis,
        Err(first) => analyse_around_failures(corpus, progress, &first),
    }
}

/// The entities of `corpus` alone (without fact linking), with the same protection as
/// [`analyse_stored`]: articles the analyser fails on are reported in `progress`.
pub fn entities_guarded(corpus: &Corpus, progress: &Progress) -> Entities {
    match failure::guarded(|| entities::analyse_with(corpus, &|| progress.tick())) {
        Ok(e) => e,
        Err(first) => analyse_around_failures(corpus, progress, &first).entities,
    }
}

/// After the analysis of `corpus` failed with `first`: finds the articles it fails on
/// alone, and analyses the corpus with those articles left empty.
fn analyse_around_failures(corpus: &Corpus, progress: &Progress, first: &str) -> Analysis {
    use rayon::prelude::*;
    let failing: Vec<(usize, String)> = (corpus.articles.par_iter().enumerate())
        .filter_map(|(i, a)| failing_stage(a).map(|why| (i, why)))
        .collect();
    let mut safe = Corpus {
        articles: corpus.articles.clone(),
        warnings: Vec::new(),
    };
    for (i, why) in &failing {
        let a = &mut safe.articles[*i];
        a.structure = Default::default();
        progress.fail(format!(
            "{}: {why}; shown without entities or facts",
            crate::corpus::sanitize_line(&a.path)
        ));
    }
    if let Ok(analysis) = failure::guarded(|| analyse_unguarded(&safe, progress, None)) {
        return analysis;
    }
    progress.fail(format!(
        "the analysis failed on the collection as a whole ({first}); articles are shown \
         without entities or facts"
    ));
    for a in &mut safe.articles {
        a.structure = Default::default();
    }
    analyse_unguarded(&safe, progress, None)
}

/// The stage at which the analysis of `article` on its own fails, and how, if it does.
fn failing_stage(article: &crate::corpus::Article) -> Option<String> {
    let alone = Corpus {
        articles: vec![article.clone()],
        warnings: Vec::new(),
    };
    let entities = match failure::guarded(|| entities::analyse(&alone)) {
        Ok(e) => e,
        Err(why) => return Some(format!("the entity analysis failed ({why})")),
    };
    failure::guarded(|| facts::link(&alone, &entities))
        .err()
        .map(|why| format!("fact linking failed ({why})"))
}

fn analyse_unguarded(
    corpus: &Corpus,
    progress: &Progress,
    store: Option<&dyn TermStore>,
) -> Analysis {
    let n = corpus.articles.len();
    progress.enter(Stage::Entities, n);
    let entities = entities::analyse_with(corpus, &|| progress.tick());
    release_freed_memory();
    progress.enter(Stage::Facts, n);
    let facts = facts::link_stored(corpus, &entities, store);
    progress.set_done(n);
    Analysis { entities, facts }
}

/// Hands the memory freed by entity recognition (its tokens, candidates and name forms,
/// hundreds of MB at 100,000 articles) back to the system before fact linking takes its
/// own: glibc keeps freed blocks in its heaps, where only allocations of fitting sizes
/// can use them again.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's heaps to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Where the analysis comes from and what went wrong on the way (one line each).
#[derive(Debug, Default)]
pub struct Outcome {
    /// True when the analysis was read from the cache.
    pub from_cache: bool,
    /// Cache problems: an entry rejected and rebuilt, an entry that could not be written.
    pub warnings: Vec<String>,
    /// Articles whose own analysis was read from the cache, and those made (when the
    /// corpus's analysis was not there).
    pub articles_reused: usize,
    pub articles_made: usize,
    /// True when the cache holds this analysis now (read from it, or written to it).
    pub stored: bool,
}

/// The analysis of `corpus` from `cache` when it holds one for the same articles, the same
/// analyser and the same user lists (`salt`); otherwise computed and stored. Without a
/// cache it is simply computed. A cache entry is checked (checksum, offsets within the
/// articles) before it is used; a bad one is reported, ignored and replaced.
pub fn analyse_cached(
    corpus: &Corpus,
    cache: Option<&Cache>,
    salt: &str,
    progress: &Progress,
) -> (Analysis, Outcome) {
    let mut outcome = Outcome::default();
    let Some(cache) = cache else {
        let analysis = analyse_with(corpus, progress);
        outcome.warnings.extend(progress.failures());
        progress.enter(Stage::Done, 0);
        return (analysis, outcome);
    };
    progress.enter(Stage::Cache, 0);
    let key = Cache::corpus_key(corpus, salt);
    match cache.load_analysis(&key, corpus) {
        Lookup::Hit(analysis) => {
            outcome.from_cache = true;
            outcome.stored = true;
            progress.enter(Stage::Done, 0);
            return (analysis, outcome);
        }
        Lookup::Miss => {}
        Lookup::Rejected(why) => outcome
            .warnings
            .push(format!("cache entry ignored and rebuilt: {why}")),
    }
    let store =
        (corpus.articles.len() <= MAX_STORED_ARTICLES).then(|| ArticleStore::new(cache, salt));
    let analysis = analyse_stored(
        corpus,
        progress,
        store.as_ref().map(|s| s as &dyn TermStore),
    );
    if let Some(store) = &store {
        account(store, &mut outcome);
    }
    outcome.warnings.extend(progress.failures());
    progress.enter(Stage::Saving, 0);
    let saving = progress.saving.lock();
    if progress.is_cancelled() {
        return (analysis, outcome);
    }
    match cache.store_analysis(&key, corpus, &analysis) {
        Ok(()) => outcome.stored = true,
        Err(e) => outcome.warnings.push(format!(
            "cannot write the cache in {}: {e}",
            cache.dir().display()
        )),
    }
    drop(saving);
    progress.enter(Stage::Done, 0);
    (analysis, outcome)
}

/// Largest corpus whose articles get per-article cache entries. Measured with the scale
/// example: at 10,000 articles a corpus changed by one article is analysed in 2.9 s
/// instead of 5.7 s; at 100,000 one file per article costs more than it saves (writing
/// them lengthens a cold analysis by about 18 s and saves 8 s when one article is
/// added), so larger corpora rely on the corpus entry alone.
pub const MAX_STORED_ARTICLES: usize = 20_000;

/// Tells `outcome` how the per-article entries served.
fn account(store: &ArticleStore, outcome: &mut Outcome) {
    use std::sync::atomic::Ordering::Relaxed;
    outcome.articles_reused = store.reused.load(Relaxed);
    outcome.articles_made = store.made.load(Relaxed);
    let rejected = store.rejected.load(Relaxed);
    if rejected > 0 {
        outcome.warnings.push(format!(
            "{rejected} per-article cache entries ignored and rebuilt (corrupt or foreign)"
        ));
    }
}

/// What the analysis is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Starting,
    Cache,
    Entities,
    Facts,
    Saving,
    Done,
}

impl Stage {
    const ALL: [Stage; 6] = [
        Stage::Starting,
        Stage::Cache,
        Stage::Entities,
        Stage::Facts,
        Stage::Saving,
        Stage::Done,
    ];

    /// What the stage does, for a status line.
    pub fn describe(self) -> &'static str {
        match self {
            Stage::Starting => "starting",
            Stage::Cache => "looking in the cache",
            Stage::Entities => "finding entities",
            Stage::Facts => "linking facts across articles",
            Stage::Saving => "saving to the cache",
            Stage::Done => "done",
        }
    }
}

/// Progress of an analysis, shared between the thread doing it and those showing it.
#[derive(Debug)]
pub struct Progress {
    stage: AtomicU8,
    done: AtomicUsize,
    total: AtomicUsize,
    started: Instant,
    stage_started: Mutex<Instant>,
    cancelled: AtomicBool,
    /// Held while a cache entry is written, so that cancelling waits for it to end.
    saving: Mutex<()>,
    /// Articles the analyser failed on, one line each (file and stage).
    failures: Mutex<Vec<String>>,
}

/// One reading of a [`Progress`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Snapshot {
    pub stage: Stage,
    /// Articles done in this stage, out of `total` (0 when the stage does not count).
    pub done: usize,
    pub total: usize,
    /// Since the analysis started.
    pub elapsed: Duration,
    /// Estimated time left in this stage, once there is something to go by.
    pub stage_left: Option<Duration>,
}

impl Default for Progress {
    fn default() -> Progress {
        Progress::new()
    }
}

impl Progress {
    pub fn new() -> Progress {
        let now = Instant::now();
        Progress {
            stage: AtomicU8::new(0),
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
            started: now,
            stage_started: Mutex::new(now),
            cancelled: AtomicBool::new(false),
            saving: Mutex::new(()),
            failures: Mutex::new(Vec::new()),
        }
    }

    /// Records an article the analyser failed on (one line, sanitised by the caller).
    pub fn fail(&self, line: String) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(line);
    }

    /// The articles the analyser failed on so far, one line each.
    pub fn failures(&self) -> Vec<String> {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Starts a stage of `total` articles.
    pub fn enter(&self, stage: Stage, total: usize) {
        if let Ok(mut t) = self.stage_started.lock() {
            *t = Instant::now();
        }
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        let i = Stage::ALL.iter().position(|&s| s == stage).unwrap_or(0);
        self.stage.store(i as u8, Ordering::Release);
    }

    /// Asks the analysis not to write to the cache any more, and waits for a write under
    /// way to end: called when the program is about to stop, so that it leaves either a
    /// whole cache entry or none (and no temporary file).
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Release);
        drop(self.saving.lock());
    }

    /// True once [`Progress::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Acquire)
    }

    /// One more article done in the current stage.
    pub fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    fn set_done(&self, n: usize) {
        self.done.store(n, Ordering::Relaxed);
    }

    /// The current state.
    pub fn snapshot(&self) -> Snapshot {
        let stage = Stage::ALL[usize::from(self.stage.load(Ordering::Acquire)).min(5)];
        let total = self.total.load(Ordering::Relaxed);
        let done = self.done.load(Ordering::Relaxed).min(total);
        let in_stage = self
            .stage_started
            .lock()
            .map_or(Duration::ZERO, |t| t.elapsed());
        let stage_left =
            (done > 0 && total > 0).then(|| in_stage.mul_f64((total - done) as f64 / done as f64));
        Snapshot {
            stage,
            done,
            total,
            elapsed: self.started.elapsed(),
            stage_left,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_counts_and_estimates_within_a_stage() {
        let p = Progress::new();
        assert_eq!(p.snapshot().stage, Stage::Starting);
        p.enter(Stage::Entities, 4);
        assert_eq!(p.snapshot().stage_left, None);
        p.tick();
        let s = p.snapshot();
        assert_eq!((s.stage, s.done, s.total), (Stage::Entities, 1, 4));
        assert!(s.stage_left.is_some());
        p.enter(Stage::Facts, 4);
        assert_eq!(p.snapshot().done, 0);
    }

    #[test]
    fn a_cancelled_analysis_writes_no_cache_entry() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().to_owned());
        let corpus = Corpus::bundled();
        let p = Progress::new();
        p.cancel();
        let (a, outcome) = analyse_cached(&corpus, Some(&cache), "", &p);
        assert!(!outcome.from_cache && outcome.warnings.is_empty());
        assert!(!a.facts.facts.is_empty());
        assert_eq!(cache.usage(), (0, 0));
        let (_, again) = analyse_cached(&corpus, Some(&cache), "", &Progress::new());
        assert!(!again.from_cache);
        let (_, third) = analyse_cached(&corpus, Some(&cache), "", &Progress::new());
        assert!(third.from_cache);
    }

    #[test]
    fn analysis_reports_its_stages_and_ends_done() {
        let corpus = Corpus::bundled();
        let p = Progress::new();
        let (a, outcome) = analyse_cached(&corpus, None, "", &p);
        assert!(!outcome.from_cache);
        assert_eq!(p.snapshot().stage, Stage::Done);
        assert_eq!(a, analyse(&corpus));
    }

    /// The bundled corpus without its last article, and whole.
    fn smaller_and_whole() -> (Corpus, Corpus) {
        let whole = Corpus::bundled();
        let mut smaller = whole.clone();
        smaller.articles.pop();
        (smaller, whole)
    }

    #[test]
    fn an_added_article_is_the_only_one_made_again_and_the_result_is_a_fresh_one() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().to_owned());
        let (smaller, whole) = smaller_and_whole();
        let n = whole.articles.len();
        let (_, first) = analyse_cached(&smaller, Some(&cache), "", &Progress::new());
        assert!(crate::cache::finish_writes().is_none());
        assert_eq!((first.articles_made, first.articles_reused), (n - 1, 0));
        assert_eq!(cache.article_usage().0, n - 1);
        let (a, second) = analyse_cached(&whole, Some(&cache), "", &Progress::new());
        crate::cache::finish_writes();
        assert!(!second.from_cache && second.warnings.is_empty());
        assert_eq!((second.articles_made, second.articles_reused), (1, n - 1));
        assert_eq!(a, analyse(&whole));
        assert_eq!(cache.article_usage().0, n);
        // Other user lists: every article is made again.
        let (b, other) = analyse_cached(&smaller, Some(&cache), "salt", &Progress::new());
        assert_eq!((other.articles_made, other.articles_reused), (n - 1, 0));
        assert_eq!(b, analyse(&smaller));
    }

    #[test]
    fn corrupt_article_entries_are_reported_and_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().to_owned());
        let (smaller, whole) = smaller_and_whole();
        analyse_cached(&smaller, Some(&cache), "", &Progress::new());
        crate::cache::finish_writes();
        let mut spoiled = 0;
        for folder in std::fs::read_dir(dir.path().join("articles")).unwrap() {
            for f in std::fs::read_dir(folder.unwrap().path()).unwrap() {
                let path = f.unwrap().path();
                let mut bytes = std::fs::read(&path).unwrap();
                let last = bytes.len() - 1;
                bytes[last] ^= 0x55;
                std::fs::write(&path, bytes).unwrap();
                spoiled += 1;
            }
        }
        assert_eq!(spoiled, smaller.articles.len());
        let (a, outcome) = analyse_cached(&whole, Some(&cache), "", &Progress::new());
        assert_eq!(outcome.articles_reused, 0);
        assert_eq!(outcome.articles_made, whole.articles.len());
        let warning = format!("{spoiled} per-article cache entries ignored and rebuilt");
        assert!(
            outcome.warnings[0].starts_with(&warning),
            "{:?}",
            outcome.warnings
        );
        assert_eq!(a, analyse(&whole));
        crate::cache::finish_writes();
        // Rewritten: another corpus of the same articles reads them all.
        let mut other = whole.clone();
        other.articles.remove(0);
        let (_, again) = analyse_cached(&other, Some(&cache), "", &Progress::new());
        assert_eq!(
            (again.articles_made, again.articles_reused),
            (0, other.articles.len())
        );
    }
}
