//! Opening a collection opened before: the cache's index of the last load gives the
//! article list at once, and the reader starts on it while the open ([`crate::session`])
//! reads the files again (they are the truth) and the analysis stored for them. When the
//! articles land they replace the index in the reader, mapped by id; until their own
//! analysis lands, the last one may be shown carried over to them (see `background`).
//! Until the text is in, nothing of the notes is opened, so nothing the user wrote can be
//! placed on the wrong text or overwritten.

use super::app::{App, Focus, LOADING};
use super::background::Analysing;
use super::reader::ReaderState;
use super::view::status::count_bar;
use crate::analysis::Analysis;
use crate::corpus::{self, Article, Corpus, CorpusIndex, LoadOptions, LoadProgress};
use crate::session::{Event, Session};
use std::cell::OnceCell;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The articles being read in the background while the reader shows the index.
pub struct Loading {
    progress: Arc<LoadProgress>,
    started: Instant,
    /// Files the index lists: the gauge's total until the files are counted.
    expected: usize,
    /// Where notes are kept: opened once the articles are in.
    pub notes_dir: Option<PathBuf>,
    /// How the files are read, for reading the open article's alone ([`App::peek`]).
    options: Option<LoadOptions>,
}

impl Loading {
    /// A load counted in `progress` of about `expected` files (what the index lists), whose
    /// articles will come from the open the reader follows ([`App::analysing`]).
    pub fn new(
        progress: Arc<LoadProgress>,
        expected: usize,
        notes_dir: Option<PathBuf>,
    ) -> Loading {
        Loading {
            progress,
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

/// The reader on `index` (the articles as they were last opened), following `session`
/// for their text and analysis, read with `options`; notes open in `notes_dir` once the
/// articles are in.
pub fn preview(
    session: Session,
    index: &CorpusIndex,
    options: LoadOptions,
    notes_dir: Option<PathBuf>,
) -> App {
    let mut app = App::preview(index);
    let progress = Arc::clone(session.loading());
    let loading = Loading::new(progress, index.files.len(), notes_dir);
    app.loading = Some(loading.peeking(options));
    if let Some(open) = app.reader.article {
        app.peek(open);
    }
    app.analysing = Some(Analysing::new(session));
    app
}

/// Largest file read alone for the open article while the articles load: the reader
/// waits for it (a 1 MB article is read and split in about 20 ms).
const PEEK_BYTES: u64 = 2 << 20;

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
        if self.loading.is_none() {
            return false;
        }
        while let Some(event) = self.analysing.as_mut().and_then(|a| a.poll()) {
            match event {
                Event::Loaded(corpus) => {
                    let notes_dir = self.loading.take().and_then(|l| l.notes_dir);
                    self.land(corpus, notes_dir);
                    break;
                }
                Event::Warning(w) => self.add_message(w),
                Event::Stopped(_) => {
                    self.loading = None;
                    self.analysing = None;
                    self.notes.off = "notes are off: the articles could not be read".into();
                    self.message = Some("reading the articles stopped".into());
                }
                // The analysis follows the articles: it cannot come first.
                Event::Carried(..) | Event::Analysed(..) => {}
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
        let loading = Loading::new(Arc::clone(&progress), 40, None);
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
