//! Opening a corpus opened before: the cache's index of the last load gives the article
//! list at once, and the reader starts on it while a thread reads the files again (they
//! are the truth) and, in parallel, reads the analysis stored for the indexed articles.
//! When the articles land they replace the index in the reader, mapped by id; the stored
//! analysis is used only if the articles read have exactly the key it was stored under,
//! otherwise the real articles are analysed and, until that analysis lands, the stored one
//! is shown carried over to the articles that did not change ([`crate::analysis::carry`]).
//! Until the text is in, nothing of the notes is opened, so nothing the user wrote can be
//! placed on the wrong text or overwritten.

use super::app::{App, Focus, LOADING};
use super::background::{self, Analysing};
use super::opening::Opening;
use super::reader::ReaderState;
use super::view::status::count_bar;
use crate::analysis::{self, Analysis, Carried, Outcome, Progress, Stage};
use crate::cache::{Cache, Lookup, Unchecked};
use crate::corpus::{self, Article, Corpus, CorpusIndex, LoadOptions, LoadProgress};
use std::cell::OnceCell;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The articles being read in the background while the reader shows the index.
pub struct Loading {
    progress: Arc<LoadProgress>,
    result: Receiver<Arc<Corpus>>,
    started: Instant,
    /// Files the index lists: the gauge's total until the files are counted.
    expected: usize,
    /// Where notes are kept: opened once the articles are in.
    pub notes_dir: Option<PathBuf>,
    /// How the files are read, for reading the open article's alone ([`App::peek`]).
    options: Option<LoadOptions>,
}

impl Loading {
    /// A load whose articles will come through `result` (another thread, or a test).
    pub fn from_channel(
        progress: Arc<LoadProgress>,
        result: Receiver<Arc<Corpus>>,
        expected: usize,
        notes_dir: Option<PathBuf>,
    ) -> Loading {
        Loading {
            progress,
            result,
            started: Instant::now(),
            expected,
            notes_dir,
            options: None,
        }
    }

    /// The same load, the open article's file read alone with `options` meanwhile.
    pub fn peeking(self, options: LoadOptions) -> Loading {
        Loading {
            options: Some(options),
            ..self
        }
    }

    /// "reading articles 1200/100000 ▰▱▱▱▱▱▱▱ ~8 s" for the status bar.
    pub fn status(&self) -> String {
        let p = &self.progress;
        let listed = p.listed.load(Ordering::Acquire);
        let found = p.found.load(Ordering::Relaxed);
        let total = if listed {
            found
        } else {
            found.max(self.expected)
        };
        let read = p.read.load(Ordering::Relaxed).min(total);
        let elapsed = self.started.elapsed();
        format!(
            "reading articles {} {}",
            count_bar(read, total),
            estimate(elapsed, read, total)
        )
    }
}

/// "~8 s" left at the pace so far, or "(3 s)" elapsed while there is nothing to go by.
fn estimate(elapsed: Duration, done: usize, total: usize) -> String {
    if done > 0 && done < total {
        let left = elapsed.mul_f64((total - done) as f64 / done as f64);
        if left.as_secs() >= 1 {
            return format!("~{} s", left.as_secs());
        }
    }
    format!("({} s)", elapsed.as_secs())
}

/// The index of the last load of the opening's paths, if the cache holds a good one; a
/// bad one is reported in one line (and rewritten by the next load).
pub fn find_index(opening: &Opening, key: Option<&str>) -> (Option<CorpusIndex>, Option<String>) {
    let (Some(cache), Some(key)) = (&opening.cache, key) else {
        return (None, None);
    };
    match cache.load_index(key) {
        Lookup::Hit(index) if !index.articles.is_empty() => (Some(index), None),
        Lookup::Hit(_) | Lookup::Miss => (None, None),
        Lookup::Rejected(why) => (
            None,
            Some(format!("corpus index ignored and rebuilt: {why}")),
        ),
    }
}

/// The reader on `index`, its articles read and analysed in the background; notes open in
/// `notes_dir` once the articles are in.
pub fn preview(
    opening: &Opening,
    index: CorpusIndex,
    key: String,
    notes_dir: Option<PathBuf>,
) -> App {
    let mut app = App::preview(&index);
    let progress = Arc::new(LoadProgress::default());
    let analysis = Arc::new(Progress::new());
    let (corpus_tx, corpus_rx) = mpsc::channel();
    let (analysis_tx, analysis_rx) = mpsc::channel();
    let (earlier_tx, earlier_rx) = mpsc::channel();
    let expected = index.files.len();
    let job = Job {
        opening: opening.clone(),
        index,
        key,
        progress: Arc::clone(&progress),
        analysis: Arc::clone(&analysis),
    };
    let spawned = std::thread::Builder::new()
        .name("load".into())
        .spawn(move || job.run(&corpus_tx, &analysis_tx, &earlier_tx));
    if spawned.is_ok() {
        let loading = Loading::from_channel(progress, corpus_rx, expected, notes_dir);
        app.loading = Some(loading.peeking(opening.load.clone()));
        if let Some(open) = app.reader.article {
            app.peek(open);
        }
        app.analysing =
            Some(Analysing::from_channel(analysis, analysis_rx).with_earlier(earlier_rx));
    } else {
        app.message = Some("cannot start reading the articles".into());
    }
    app
}

/// Largest file read alone for the open article while the articles load: the reader
/// waits for it (a 1 MB article is read and split in about 20 ms).
const PEEK_BYTES: u64 = 2 << 20;

/// What the loading thread needs.
struct Job {
    opening: Opening,
    index: CorpusIndex,
    key: String,
    progress: Arc<LoadProgress>,
    analysis: Arc<Progress>,
}

impl Job {
    /// Reads the articles and sends them, then their analysis (first the last one carried
    /// over, when the articles changed since); keeps the index up to date.
    fn run(
        self,
        corpus_tx: &Sender<Arc<Corpus>>,
        analysis_tx: &Sender<(Analysis, Outcome)>,
        earlier_tx: &Sender<(Analysis, Carried)>,
    ) {
        let Job {
            opening,
            index,
            key,
            progress,
            analysis,
        } = self;
        // The last analysis stored for the folder: of the articles indexed, or of those
        // read before them when the reader was left before their analysis was stored.
        let early = opening.cache.as_ref().and_then(|cache| {
            let stored_key = last_analysis_key(cache, &key, &index, &opening.salt);
            read_early(cache.clone(), stored_key)
        });
        // At the reader's own priority, as a first open reads them: the text is what the
        // user waits for (the analysis and the index write below yield to the reader).
        let (corpus, stamps) = corpus::load_paths_stamped(&opening.paths, &opening.load, &progress);
        let corpus = Arc::new(corpus);
        if corpus_tx.send(Arc::clone(&corpus)).is_err() {
            return;
        }
        background::lower_priority();
        let early = early.and_then(|(key, handle)| {
            if Cache::corpus_key(&corpus, &opening.salt) == key {
                return Some(handle);
            }
            if let Ok(Lookup::Hit(stored)) = handle.join() {
                if let Ok(carried) = stored.carry_over(&corpus) {
                    let _ = earlier_tx.send(carried);
                }
            }
            None
        });
        let mut warnings = Vec::new();
        if let Some(cache) = &opening.cache {
            let stored = background::in_pool(|| store_index(cache, &key, &corpus, stamps, &index));
            if let Err(e) = stored {
                warnings.push(format!("cannot write the corpus index: {e}"));
            }
        }
        drop(index);
        let (a, mut outcome) = analyse(
            &corpus,
            opening.cache.as_ref(),
            &opening.salt,
            &analysis,
            early,
        );
        outcome.warnings.extend(warnings);
        if let Some(cache) = &opening.cache {
            background::note_analysed(cache, &key, &corpus, &opening.salt, &mut outcome);
        }
        let _ = analysis_tx.send((a, outcome));
    }
}

/// The key of the analysis a second open of the folder whose index key is `folder` reads
/// first: the last one stored for it (noted when stored), else that of the articles
/// `index` describes.
pub fn last_analysis_key(cache: &Cache, folder: &str, index: &CorpusIndex, salt: &str) -> String {
    (cache.analysed(folder)).unwrap_or_else(|| Cache::index_corpus_key(index, salt))
}

/// Reads, on a thread of its own, the analysis stored under `key`.
fn read_early(cache: Cache, key: String) -> Option<(String, JoinHandle<Lookup<Unchecked>>)> {
    let looked_up = key.clone();
    std::thread::Builder::new()
        .name("cache".into())
        .spawn(move || cache.read_analysis(&looked_up))
        .ok()
        .map(|handle| (key, handle))
}

/// Writes the index of `corpus`, read from files stamped `stamps`, under `key` when it
/// differs from `before` (the index read, or an empty one).
pub fn store_index(
    cache: &Cache,
    key: &str,
    corpus: &Corpus,
    stamps: Vec<corpus::FileStamp>,
    before: &CorpusIndex,
) -> std::io::Result<()> {
    if corpus.articles.is_empty() {
        return Ok(());
    }
    let now = CorpusIndex::of(corpus, stamps, Some(before));
    if now == *before {
        return Ok(());
    }
    cache.store_index(key, &now)
}

/// The analysis of the articles read: the one read early (stored under their key) when it
/// fits them, otherwise taken from the cache or computed as usual.
fn analyse(
    corpus: &Corpus,
    cache: Option<&Cache>,
    salt: &str,
    progress: &Progress,
    early: Option<JoinHandle<Lookup<Unchecked>>>,
) -> (Analysis, Outcome) {
    if let Some(handle) = early {
        progress.enter(Stage::Cache, 0);
        if let Ok(Lookup::Hit(stored)) = handle.join() {
            if let Ok(a) = stored.check(corpus) {
                progress.enter(Stage::Done, 0);
                let outcome = Outcome {
                    from_cache: true,
                    stored: true,
                    ..Outcome::default()
                };
                return (a, outcome);
            }
        }
    }
    background::in_pool(|| analysis::analyse_cached(corpus, cache, salt, progress))
}

impl App {
    /// A reader on the articles an index describes, without their text: the list with
    /// titles and word counts, the first article open, its text to come through
    /// [`App::set_corpus`].
    pub fn preview(index: &CorpusIndex) -> App {
        let mut app = App::new(index.preview(), Analysis::default());
        for (cell, a) in app.word_counts.iter().zip(&index.articles) {
            let _ = cell.set(a.words);
        }
        app.notes.off = LOADING.into();
        app
    }

    /// Puts `corpus` in place of the articles shown (the index's, or another load's),
    /// keeping the open article and the list's selection where their ids are still there.
    /// The analysis is emptied: the one of the new articles follows.
    pub fn set_corpus(&mut self, corpus: Arc<Corpus>) {
        let id_of = |app: &App, i: Option<usize>| {
            i.and_then(|i| app.corpus.articles.get(i))
                .map(|a| a.id.clone())
        };
        let open = id_of(self, self.reader.article);
        let selected = id_of(self, self.list_articles().get(self.list.selected).copied());
        let same = same_articles(&self.corpus, &corpus, |a, b| a.id == b.id);
        let keep = |i: usize, id: &Option<String>| -> Option<usize> {
            let id = id.as_deref()?;
            match corpus.articles.get(i) {
                Some(a) if same && a.id == id => Some(i),
                _ => corpus.articles.iter().position(|a| a.id == id),
            }
        };
        let place = (self.reader.article)
            .and_then(|i| self.corpus.articles.get(i))
            .filter(|a| !a.text.is_empty())
            .map(|a| (a.hash.clone(), self.reader.cursor, self.reader.scroll));
        let open = self.reader.article.and_then(|i| keep(i, &open));
        let selected = keep(self.list.selected, &selected);
        self.word_counts = vec![OnceCell::new(); corpus.articles.len()];
        self.corpus = corpus;
        self.folded = None;
        self.search = None;
        self.close_prompt();
        self.set_analysis(Analysis::default());
        self.reader = ReaderState::default();
        match open.or((!self.corpus.articles.is_empty()).then_some(0)) {
            Some(i) => self.open_article(i),
            None => self.reveal_selections(),
        }
        // The same text was open (read alone while loading): the reader stays where it was.
        if let (Some((hash, cursor, scroll)), Some(i)) = (place, open) {
            if self.corpus.articles[i].hash == hash {
                (self.reader.cursor, self.reader.scroll) = (cursor, scroll);
            }
        }
        let rows = self.list_articles();
        let row = selected.and_then(|a| rows.iter().position(|&r| r == a));
        let h = self.list_height(Focus::List);
        self.list.select(row.unwrap_or(0), rows.len(), h);
        if let Some(w) = self.corpus.warnings.first() {
            self.message = Some(format!("skipped {w}"));
        }
    }

    /// While the articles load, reads the file of article `i` alone (the index says which
    /// file, and what its text hashes to), so that the open article can be read at once:
    /// its sentences, not yet its notes nor search. Files over [`PEEK_BYTES`] wait for the
    /// load, as does a file that no longer holds the indexed text.
    pub(super) fn peek(&mut self, i: usize) {
        let Some(options) = self.loading.as_ref().and_then(|l| l.options.clone()) else {
            return;
        };
        let Some(indexed) = self.corpus.articles.get(i).filter(|a| a.text.is_empty()) else {
            return;
        };
        let path = PathBuf::from(&indexed.path);
        let small = std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= PEEK_BYTES);
        if !small {
            return;
        }
        let read = corpus::load_paths(&[path], &options);
        let hash = indexed.hash.clone();
        let Some(found) = read.articles.into_iter().find(|a| a.hash == hash) else {
            return;
        };
        let article = &mut Arc::make_mut(&mut self.corpus).articles[i];
        article.text = found.text;
        article.structure = found.structure;
        self.reader.forget_layout();
    }

    /// True while the reader shows the index, before the articles' text is in.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Takes the articles if they have landed, then opens the notes; true when the screen
    /// must be redrawn (they landed, or the gauge moved on).
    pub fn poll_loading(&mut self) -> bool {
        let Some(job) = &self.loading else {
            return false;
        };
        match job.result.try_recv() {
            Ok(corpus) => {
                let notes_dir = job.notes_dir.clone();
                self.loading = None;
                self.land(corpus, notes_dir);
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                self.loading = None;
                self.analysing = None;
                self.notes.off = "notes are off: the articles could not be read".into();
                self.message = Some("reading the articles stopped".into());
            }
        }
        true
    }

    /// Puts the real articles in place of the index, keeping where the user is, then opens
    /// the notes (which may take the reader to where it was left last time, unless the user
    /// has already moved).
    fn land(&mut self, corpus: Arc<Corpus>, notes_dir: Option<PathBuf>) {
        let moved = self.reader.article != Some(0) || self.list.selected != 0;
        let same = same_articles(&self.corpus, &corpus, |a, b| {
            a.id == b.id && a.hash == b.hash
        });
        self.set_corpus(corpus);
        if !same {
            self.add_message("the articles changed since the last open: list updated".into());
        }
        if self.corpus.articles.is_empty() {
            return;
        }
        let (open, focus) = (self.reader.article, self.focus);
        self.notes.off = String::new();
        self.open_notes(notes_dir.as_deref());
        if moved && self.reader.article != open {
            if let Some(i) = open {
                self.open_article(i);
            }
            self.set_focus(focus);
        }
    }
}

/// True when both corpora hold as many articles and each pair in order passes `same`.
fn same_articles(x: &Corpus, y: &Corpus, same: impl Fn(&Article, &Article) -> bool) -> bool {
    x.articles.len() == y.articles.len()
        && x.articles.iter().zip(&y.articles).all(|(a, b)| same(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gauge_counts_the_indexed_files_until_the_walk_is_done() {
        let progress = Arc::new(LoadProgress::default());
        let (_tx, rx) = mpsc::channel();
        let loading = Loading::from_channel(Arc::clone(&progress), rx, 40, None);
        progress.found.store(10, Ordering::Relaxed);
        assert!(loading
            .status()
            .starts_with("reading articles 0/40 ▱▱▱▱▱▱▱▱"));
        progress.listed.store(true, Ordering::Release);
        progress.found.store(50, Ordering::Relaxed);
        progress.read.store(25, Ordering::Relaxed);
        assert!(loading
            .status()
            .starts_with("reading articles 25/50 ▰▰▰▰▱▱▱▱"));
    }

    #[test]
    fn the_estimate_goes_by_the_pace_so_far() {
        assert_eq!(estimate(Duration::from_secs(2), 100, 500), "~8 s");
        assert_eq!(estimate(Duration::from_secs(3), 0, 500), "(3 s)");
        assert_eq!(estimate(Duration::from_secs(3), 500, 500), "(3 s)");
    }
}
