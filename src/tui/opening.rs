//! The reader's first moments on a large folder: the terminal is taken at once and shows
//! how many files are found and read while the open ([`crate::session`]) loads them; `q`,
//! `Esc` or `Ctrl-C` leave at any time. When the corpus is in, the reader proper starts
//! and the open goes on to analyse it in the background (and to store the corpus index,
//! so that the next open of the same paths starts from it: see `warm`).

use super::terminal::{Session as Screen, Signals, Terminated};
use super::view::status::count_bar;
use crate::corpus::{Corpus, LoadProgress};
use crate::session::{self, Session};
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How loading ended.
pub enum Loaded {
    /// The articles, and the warnings the open sent meanwhile (one line each).
    Corpus(Arc<Corpus>, Vec<String>),
    /// The user asked to leave before the articles were in.
    Left,
}

/// Waits for `session`'s articles, drawing the count of files read until they are all in
/// (nothing is drawn for a load that ends at once). A signal ends it with [`Terminated`].
pub fn load(
    screen: &mut Screen,
    signals: &Signals,
    session: &mut Session,
) -> anyhow::Result<Loaded> {
    let started = Instant::now();
    let mut warnings = Vec::new();
    loop {
        match session.wait_within(Duration::from_millis(50)) {
            Some(session::Event::Loaded(corpus)) => return Ok(Loaded::Corpus(corpus, warnings)),
            Some(session::Event::Warning(w)) => warnings.push(w),
            Some(session::Event::Stopped(_)) => anyhow::bail!("reading the articles stopped"),
            Some(session::Event::Carried(..) | session::Event::Analysed(..)) | None => {}
        }
        if let Some(signal) = signals.received() {
            return Err(Terminated(signal).into());
        }
        if started.elapsed() > Duration::from_millis(150) {
            let progress = Arc::clone(session.loading());
            (screen.terminal).draw(|f| draw(f, &progress, started.elapsed()))?;
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
