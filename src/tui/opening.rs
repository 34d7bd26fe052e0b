//! The reader's first moments on a large folder: the terminal is taken at once and shows
//! how many files are found and read while a thread loads them; `q`, `Esc` or `Ctrl-C`
//! leave at any time. When the corpus is in, the reader proper starts and analyses it in
//! the background, and the corpus index is stored so that the next open of the same paths
//! starts from it (see `warm`).

use super::terminal::{Session, Signals, Terminated};
use super::view::status::count_bar;
use crate::cache::Cache;
use crate::corpus::{self, Corpus, CorpusIndex, LoadOptions, LoadProgress};
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// What the reader opens: files and folders (the bundled articles when none), how to read
/// them, and where the analysis may be cached.
#[derive(Debug, Clone, Default)]
pub struct Opening {
    pub paths: Vec<PathBuf>,
    pub load: LoadOptions,
    pub cache: Option<Cache>,
    /// Digest of the user's word lists, part of the cache key.
    pub salt: String,
}

/// How loading ended.
pub enum Loaded {
    Corpus(Arc<Corpus>),
    /// The user asked to leave before the articles were in.
    Left,
}

/// Loads the articles on a thread of its own, drawing the count of files read until they
/// are all in; then, with a cache and an `index_key`, stores the corpus index for the next
/// open. A signal ends it with [`Terminated`].
pub fn load(
    session: &mut Session,
    signals: &Signals,
    opening: &Opening,
    index_key: Option<String>,
) -> anyhow::Result<Loaded> {
    let progress = Arc::new(LoadProgress::default());
    let (tx, rx) = mpsc::channel();
    let counted = Arc::clone(&progress);
    let (paths, opts) = (opening.paths.clone(), opening.load.clone());
    let cache = opening.cache.clone();
    std::thread::Builder::new()
        .name("load".into())
        .spawn(move || {
            if paths.is_empty() {
                let _ = tx.send(Arc::new(Corpus::bundled()));
                return;
            }
            let (corpus, stamps) = corpus::load_paths_stamped(&paths, &opts, &counted);
            let corpus = Arc::new(corpus);
            if tx.send(Arc::clone(&corpus)).is_err() {
                return;
            }
            if let (Some(cache), Some(key)) = (cache, index_key) {
                super::background::lower_priority();
                let none = CorpusIndex::default();
                let store = || super::warm::store_index(&cache, &key, &corpus, stamps, &none);
                let _ = super::background::in_pool(store);
            }
        })?;
    let started = Instant::now();
    loop {
        if let Ok(corpus) = rx.recv_timeout(Duration::from_millis(50)) {
            return Ok(Loaded::Corpus(corpus));
        }
        if let Some(signal) = signals.received() {
            return Err(Terminated(signal).into());
        }
        // Nothing is drawn for a load that ends at once (the usual case).
        if started.elapsed() > Duration::from_millis(150) {
            session
                .terminal
                .draw(|f| draw(f, &progress, started.elapsed()))?;
        }
        if event::poll(Duration::ZERO)? && wants_out(event::read()?) {
            return Ok(Loaded::Left);
        }
    }
}

fn wants_out(e: Event) -> bool {
    let Event::Key(k) = e else {
        return false;
    };
    k.kind != KeyEventKind::Release
        && (matches!(k.code, KeyCode::Char('q') | KeyCode::Esc)
            || (k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL)))
}

/// "reading articles 1200/5000 ▰▰▱▱▱▱▱▱ (3 s)" in the middle of the screen.
fn draw(frame: &mut Frame, progress: &LoadProgress, elapsed: Duration) {
    let line = status_line(progress, elapsed);
    let area = frame.area();
    let y = area.height / 2;
    let row = Rect::new(area.x, area.y + y, area.width, 1.min(area.height));
    frame.render_widget(Paragraph::new(line).alignment(Alignment::Center), row);
    if area.height > y + 2 {
        let hint = Rect::new(area.x, area.y + y + 2, area.width, 1);
        frame.render_widget(
            Paragraph::new("q to leave").alignment(Alignment::Center),
            hint,
        );
    }
}

fn status_line(progress: &LoadProgress, elapsed: Duration) -> String {
    let found = progress.found.load(Ordering::Relaxed);
    let secs = elapsed.as_secs();
    if !progress.listed.load(Ordering::Acquire) {
        return format!("finding articles: {found} files ({secs} s)");
    }
    let read = progress.read.load(Ordering::Relaxed).min(found);
    format!("reading articles {} ({secs} s)", count_bar(read, found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_line_counts_files_found_then_read() {
        let p = LoadProgress::default();
        p.found.store(40, Ordering::Relaxed);
        assert_eq!(
            status_line(&p, Duration::from_secs(2)),
            "finding articles: 40 files (2 s)"
        );
        p.listed.store(true, Ordering::Release);
        p.read.store(10, Ordering::Relaxed);
        assert_eq!(
            status_line(&p, Duration::from_secs(3)),
            "reading articles 10/40 ▰▰▱▱▱▱▱▱ (3 s)"
        );
    }

    #[test]
    fn q_esc_and_ctrl_c_leave_other_keys_do_not() {
        use crossterm::event::KeyEvent;
        let key = |code, mods| Event::Key(KeyEvent::new(code, mods));
        assert!(wants_out(key(KeyCode::Char('q'), KeyModifiers::NONE)));
        assert!(wants_out(key(KeyCode::Esc, KeyModifiers::NONE)));
        assert!(wants_out(key(KeyCode::Char('c'), KeyModifiers::CONTROL)));
        assert!(!wants_out(key(KeyCode::Char('j'), KeyModifiers::NONE)));
        assert!(!wants_out(Event::FocusGained));
    }
}
