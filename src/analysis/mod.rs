//! The whole analysis of a corpus, in one place for the reader and the command line: run
//! it with the user's word lists ([`Lexicon`]), reporting progress that another thread can
//! watch, or take it from the on-disk cache when the same articles were analysed before by
//! the same analyser with the same lists ([`cached`], [`stored`]).

mod cached;
pub mod carry;
mod lexicon;
pub mod stored;

pub use cached::{analyse_cached, analyse_cached_after, Outcome, ARTICLES, MAX_STORED_ARTICLES};
pub use carry::Carried;
pub use lexicon::Lexicon;
pub use stored::{Unchecked, ANALYSER_VERSION};

use crate::corpus::Corpus;
use crate::entities::{self, Entities};
use crate::facts::{self, Facts, TermStore};
use crate::failure;
use crate::stories::{self, grow::Earlier, Stories};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Everything recoupe derives from a corpus beyond each article's own structure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    pub entities: Entities,
    pub facts: Facts,
    /// The stories the articles tell; facts link sentences of one story only.
    pub stories: Stories,
    /// The articles the analyser failed on (analysed as if empty), kept with the analysis
    /// so that an analysis read from the cache reports them again.
    pub failures: Vec<Failure>,
}

impl Analysis {
    /// The articles the analyser failed on, one warning line each.
    pub fn failure_lines(&self, corpus: &Corpus) -> Vec<String> {
        self.failures.iter().map(|f| f.line(corpus)).collect()
    }
}

/// An article the analyser failed on, or (`article` none) the collection as a whole.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Failure {
    pub article: Option<usize>,
    /// The stage that failed and how, on one line.
    pub why: String,
}

impl Failure {
    /// The one-line warning for `corpus`: the article's file as it is named now.
    pub fn line(&self, corpus: &Corpus) -> String {
        match self.article.and_then(|i| corpus.articles.get(i)) {
            Some(a) => format!(
                "{}: {}; shown without entities or facts",
                crate::corpus::sanitize_line(&a.path),
                crate::corpus::sanitize_line(&self.why)
            ),
            None => format!(
                "the analysis failed on the collection as a whole ({}); articles are shown \
                 without entities or facts",
                crate::corpus::sanitize_line(&self.why)
            ),
        }
    }
}

/// A reader holds its analysis shared (a background pass reads it too); it still compares
/// with one just made.
impl PartialEq<Analysis> for std::sync::Arc<Analysis> {
    fn eq(&self, other: &Analysis) -> bool {
        **self == *other
    }
}

/// Runs entity recognition and resolution, then groups the articles into stories and
/// links the facts of each, with the built-in word lists.
pub fn analyse(corpus: &Corpus) -> Analysis {
    analyse_with(corpus, &Lexicon::default(), &Progress::new())
}

/// Like [`analyse`] with `lexicon`, telling `progress` what it is doing.
pub fn analyse_with(corpus: &Corpus, lexicon: &Lexicon, progress: &Progress) -> Analysis {
    analyse_stored(corpus, lexicon, progress, None)
}

/// Like [`analyse_with`], taking what each article gives on its own from `store` when it
/// holds it, and storing it otherwise.
///
/// A failure of the analyser on some article does not end the program or cost the other
/// articles: the articles it fails on are found, reported in [`Progress::failures`] (one
/// line each: file and stage) and analysed as if empty, and the rest goes on.
pub fn analyse_stored(
    corpus: &Corpus,
    lexicon: &Lexicon,
    progress: &Progress,
    store: Option<&dyn TermStore>,
) -> Analysis {
    analyse_stored_after(corpus, lexicon, progress, store, None)
}

/// Like [`analyse_stored`]; when `earlier` (a grouping carried over from before the
/// collection gained articles) fits the corpus, its stories grow by the new articles
/// ([`stories::grow`]) instead of the articles being grouped again.
pub fn analyse_stored_after(
    corpus: &Corpus,
    lexicon: &Lexicon,
    progress: &Progress,
    store: Option<&dyn TermStore>,
    earlier: Option<&Earlier>,
) -> Analysis {
    let unguarded = || analyse_unguarded(corpus, lexicon, progress, store, earlier);
    match failure::guarded(unguarded) {
        Ok(analysis) => analysis,
        Err(first) => analyse_around_failures(corpus, lexicon, progress, &first),
    }
}

/// The entities of `corpus` alone (without fact linking), with the same protection as
/// [`analyse_stored`]: articles the analyser fails on are reported in `progress`.
pub fn entities_guarded(corpus: &Corpus, lexicon: &Lexicon, progress: &Progress) -> Entities {
    let tick = || progress.tick();
    match failure::guarded(|| {
        entities::analyse_with(corpus, lexicon.names(), lexicon.words(), &tick)
    }) {
        Ok(e) => e,
        Err(first) => analyse_around_failures(corpus, lexicon, progress, &first).entities,
    }
}

/// After the analysis of `corpus` failed with `first`: finds the articles it fails on
/// alone, and analyses the corpus with those articles left empty.
fn analyse_around_failures(
    corpus: &Corpus,
    lexicon: &Lexicon,
    progress: &Progress,
    first: &failure::Panicked,
) -> Analysis {
    use rayon::prelude::*;
    let failing: Vec<(usize, String)> = (corpus.articles.par_iter().enumerate())
        .filter_map(|(i, a)| failing_stage(a, lexicon).map(|why| (i, why)))
        .collect();
    let mut safe = Corpus {
        articles: corpus.articles.clone(),
        warnings: Vec::new(),
    };
    let mut failures = Vec::new();
    for (i, why) in failing {
        safe.articles[i].structure = Default::default();
        failures.push(Failure {
            article: Some(i),
            why,
        });
    }
    let analysis =
        match failure::guarded(|| analyse_unguarded(&safe, lexicon, progress, None, None)) {
            Ok(analysis) => analysis,
            Err(_) => {
                failures.push(Failure {
                    article: None,
                    why: first.to_string(),
                });
                for a in &mut safe.articles {
                    a.structure = Default::default();
                }
                analyse_unguarded(&safe, lexicon, progress, None, None)
            }
        };
    for f in &failures {
        progress.fail(f.line(corpus));
    }
    Analysis {
        failures,
        ..analysis
    }
}

/// The stage at which the analysis of `article` on its own fails, and how, if it does.
fn failing_stage(article: &crate::corpus::Article, lexicon: &Lexicon) -> Option<String> {
    let alone = Corpus {
        articles: vec![article.clone()],
        warnings: Vec::new(),
    };
    let (names, words) = (lexicon.names(), lexicon.words());
    let entities = match failure::guarded(|| entities::analyse_with(&alone, names, words, &|| ())) {
        Ok(e) => e,
        Err(why) => return Some(format!("the entity analysis failed ({why})")),
    };
    failure::guarded(|| facts::link_with(&alone, &entities, words))
        .err()
        .map(|why| format!("fact linking failed ({why})"))
}

fn analyse_unguarded(
    corpus: &Corpus,
    lexicon: &Lexicon,
    progress: &Progress,
    store: Option<&dyn TermStore>,
    earlier: Option<&Earlier>,
) -> Analysis {
    let n = corpus.articles.len();
    progress.enter(Stage::Entities, n);
    let (names, words) = (lexicon.names(), lexicon.words());
    let entities = entities::analyse_with(corpus, names, words, &|| progress.tick());
    release_freed_memory();
    progress.enter(Stage::Facts, n);
    let features = facts::features::extract(corpus, &entities, words, store);
    let stories = match earlier.filter(|e| e.stories.fits(n)) {
        Some(e) => stories::grow::grow(corpus, &features, &e.stories, &e.new, &stories::PARAMS),
        None => stories::cluster(corpus, &features),
    };
    let facts = facts::link_features(corpus, &entities, &features, Some(&stories.of_article));
    drop(features);
    progress.set_done(n);
    Analysis {
        entities,
        facts,
        stories,
        failures: Vec::new(),
    }
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
    fn an_earlier_grouping_grows_instead_of_being_redone() {
        let article = |id: &str, text: &str| {
            let title = text.lines().next().unwrap_or_default().to_owned();
            crate::corpus::Article::new(
                id.into(),
                title,
                format!("{id}.txt"),
                text.into(),
                Default::default(),
            )
        };
        let quake = "Earthquake shakes Lombok\n\nA strong earthquake of magnitude 6.1 struck \
            the island of Lombok on Sunday, killing 14 people, officials said.";
        let strike = "Grève à la SNCF autour de Lyon\n\nLe trafic ferroviaire restait très \
            perturbé mardi autour de Lyon, au troisième jour d'une grève de Sud-Rail.";
        let corpus = Corpus {
            articles: vec![
                article("q1", quake),
                article("s1", strike),
                article("q2", &quake.replace("officials", "the agency")),
            ],
            warnings: Vec::new(),
        };
        let fresh = analyse(&corpus);
        assert_ne!(fresh.stories.of_article[0], fresh.stories.of_article[1]);
        // An earlier grouping (say, made by hand) that put the first two together.
        let earlier = Earlier {
            stories: Stories::one(2).carried(&[Some(0), Some(1)], 3),
            new: vec![2],
        };
        let p = Progress::new();
        let grown = analyse_stored_after(&corpus, &Lexicon::default(), &p, None, Some(&earlier));
        assert_eq!(grown.stories.of_article[0], grown.stories.of_article[1]);
        assert_eq!(grown.stories.of_article[2], grown.stories.of_article[0]);
        assert!(grown.stories.fits(3));
    }

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
    fn analysis_reports_its_stages_and_ends_done() {
        let corpus = Corpus::bundled();
        let p = Progress::new();
        let (a, outcome) = analyse_cached(&corpus, None, &Lexicon::default(), &p);
        assert!(!outcome.from_cache);
        assert_eq!(p.snapshot().stage, Stage::Done);
        assert_eq!(a, analyse(&corpus));
    }
}
