//! The terminal reader: three panes (articles, reading, entities), a status bar and a
//! stack of layers over them (`layer`), driven by actions that the keymap makes of keys.
//! [`App`] holds the state and `update` changes it, returning effects (`effect`) that the
//! event loop runs on a worker thread (`worker`); [`draw`] paints the state; [`run`] owns
//! the terminal and the event loop. Tests drive `App` and `draw` directly on ratatui's
//! `TestBackend`. Notes (highlights, the note editor, the notes list, export) live in
//! `notes_ui`, `note_editor`, `editor`, `export_ui` and `view/notes`; the user's
//! configuration is applied by `settings`.

pub mod action;
pub mod app;
pub mod background;
pub mod claims;
pub mod corrections_ui;
pub mod coverage;
mod coverage_section;
pub mod editor;
pub mod effect;
pub mod entities_panel;
mod export_ui;
pub mod facts_nav;
mod input;
pub mod keymap;
pub mod layer;
pub mod layout;
pub mod list_nav;
pub mod list_order;
pub mod note_editor;
pub mod notes_ui;
pub mod opening;
mod outside;
pub mod reader;
pub mod search;
mod settings;
pub mod side;
pub mod sourcing;
pub mod stories_list;
pub mod story_sources;
pub mod terminal;
pub mod theme;
pub mod theme_analysis;
pub mod view;
pub mod warm;
pub mod worker;
pub mod wrap;

pub use action::Action;
pub use app::{App, Focus, PromptState};
pub use editor::EditorState;
pub use effect::Effect;
pub use keymap::Keymap;
pub use layer::{Layer, Outcome};
pub use list_nav::ListState;
pub use note_editor::{NoteEdit, NoteField};
pub use notes_ui::NotesState;
pub use reader::ReaderState;
pub use search::SearchState;
pub use settings::terminal_color;
pub use theme::Theme;
pub use view::draw;

use crate::analysis::Analysis;
use crate::config::Config;
use crate::corpus::{Corpus, Warning};
use crate::session::{Opening, Session};
use anyhow::Context;
use background::Analysing;
use crossterm::event::{self, Event};
use opening::Loaded;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How the reader should look and behave, decided by the command line.
#[derive(Debug, Clone, Default)]
pub struct ReaderOptions {
    /// Draw without colours (set when `NO_COLOR` is present and not empty).
    pub no_color: bool,
    /// Colours, key overrides and export defaults.
    pub config: Config,
    /// Where notes are kept; `None` for [`crate::notes::default_data_dir`].
    pub data_dir: Option<PathBuf>,
}

impl ReaderOptions {
    /// Options from the environment: `NO_COLOR`; the default configuration and data folder.
    pub fn from_env() -> ReaderOptions {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        ReaderOptions {
            no_color,
            config: Config::default(),
            data_dir: None,
        }
    }
}

/// Fails with a one-line explanation when the terminal cannot draw the reader: `TERM=dumb`
/// (an editor's shell buffer, a serial console) has no cursor movement, so the screen
/// would fill with escape codes instead of panes.
pub fn check_terminal() -> anyhow::Result<()> {
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        anyhow::bail!(
            "this terminal (TERM=dumb) cannot draw the reader; open recoupe in a terminal \
             emulator, or print the corpus with `recoupe articles`, `entities` or `facts`"
        );
    }
    Ok(())
}

/// Opens the reader: takes the terminal, shows the articles (at once from the cache's index
/// of the last open of the same paths, else after loading them, showing how far it got when
/// that takes a while), then runs the reader until the user quits while the articles (on a
/// warm open) and the analysis arrive in the background ([`crate::session`]). Returns the
/// load's warnings, for the caller to print once the terminal is back. The terminal is
/// restored on return, on error and on panic; SIGTERM or SIGHUP end the loop with
/// [`terminal::Terminated`] after restoring it.
pub fn run(opening: Opening, options: ReaderOptions) -> anyhow::Result<Vec<Warning>> {
    let signals = terminal::Signals::install().context("cannot watch for signals")?;
    let mut screen = terminal::Session::start().context("cannot set up the terminal")?;
    let data_dir = options
        .data_dir
        .clone()
        .or_else(crate::notes::default_data_dir);
    let load = opening.load.clone();
    let mut session = Session::open(Opening {
        warm: true,
        lowered: true,
        ..opening
    });
    let mut seen = Vec::new();
    let mut app = match session.take_index() {
        Some(index) => warm::preview(session, &index, load, data_dir),
        None => match opening::load(&mut screen, &signals, &mut session)? {
            Loaded::Corpus(corpus, warnings) => {
                if corpus.articles.is_empty() {
                    some_articles(corpus, screen)?;
                    return Ok(Vec::new());
                }
                seen = warnings;
                let mut app = App::new(corpus, Analysis::default());
                app.open_with = Some(outside::system_opener());
                app.analysing = Some(Analysing::new(session));
                app.open_notes(data_dir.as_deref());
                app
            }
            Loaded::Left => {
                screen.restore()?;
                return Ok(Vec::new());
            }
        },
    };
    app.configure(&options.config, options.no_color);
    let size = screen.terminal.size()?;
    app.resize(size.width, size.height);
    for w in seen {
        app.add_message(w);
    }
    let mut worker = worker::Worker::start().context("cannot start the reader's worker")?;
    let ended = event_loop(&mut app, &mut screen, &signals, &mut worker)?;
    app.stop_analysis();
    if !matches!(ended, Ended::Signal(_)) {
        finish_saves(&mut app, &mut screen, &mut worker);
    }
    let rescued = app.secure_unsaved_notes();
    match ended {
        Ended::Quit => screen.restore()?,
        Ended::Signal(signal) => {
            drop(screen);
            if let Some(w) = rescued {
                eprintln!("recoupe: warning: {w}");
            }
            return Err(terminal::Terminated(signal).into());
        }
        Ended::NoArticles => {
            some_articles(Arc::clone(&app.corpus), screen)?;
        }
    }
    let mut warnings = app.corpus.warnings.clone();
    warnings.extend(rescued);
    Ok(warnings)
}

/// The corpus, unless no article could be loaded: then the terminal is given back and the
/// error says why.
fn some_articles(corpus: Arc<Corpus>, session: terminal::Session) -> anyhow::Result<Arc<Corpus>> {
    if !corpus.articles.is_empty() {
        return Ok(corpus);
    }
    session.restore()?;
    let why = match corpus.warnings.as_slice() {
        [] => String::new(),
        [w] => format!(" ({w})"),
        [w, rest @ ..] => format!(" ({w}, and {} more)", rest.len()),
    };
    anyhow::bail!("no article could be loaded from the given paths{why}");
}

/// Why the event loop ended.
enum Ended {
    Quit,
    Signal(i32),
    /// The articles read in the background turned out to be none.
    NoArticles,
}

/// Draws and answers keys until the user quits, a signal comes or the articles read in the
/// background turn out to be none.
fn event_loop(
    app: &mut App,
    session: &mut terminal::Session,
    signals: &terminal::Signals,
    worker: &mut worker::Worker,
) -> anyhow::Result<Ended> {
    let mut dirty = true;
    loop {
        for done in worker.finished() {
            if let Some(next) = app.finish(done) {
                worker.submit(next);
            }
            dirty = true;
        }
        if let Some(text) = app.clipboard.take() {
            terminal::copy(&text)?;
        }
        if std::mem::take(&mut app.redraw) {
            session.terminal.clear()?;
            dirty = true;
        }
        if dirty {
            session.terminal.draw(|frame| draw(frame, app))?;
            dirty = false;
        }
        if app.should_quit() {
            return Ok(Ended::Quit);
        }
        if let Some(signal) = signals.received() {
            app.remember_position();
            return Ok(Ended::Signal(signal));
        }
        // While work runs in the background, wake often enough to move its gauge along.
        let busy = app.analysing.is_some()
            || app.is_loading()
            || app.sources_elapsed().is_some()
            || worker.pending() > 0;
        if event::poll(Duration::from_millis(if busy { 100 } else { 200 }))? {
            dirty = handle_event(app, event::read()?);
        }
        for effect in app.take_effects() {
            if let Some(job) = app.prepare(effect) {
                worker.submit(job);
            }
        }
        dirty |= app.poll_loading();
        if !app.is_loading() && app.corpus.articles.is_empty() {
            return Ok(Ended::NoArticles);
        }
        dirty |= app.poll_analysis();
        dirty |= app.poll_sources();
    }
}

/// How long quitting waits for the notes being saved before writing them to a recovery
/// file instead.
const SAVE_WAIT: Duration = Duration::from_secs(5);

/// Waits (up to [`SAVE_WAIT`]) for the saves and exports under way and the saves they
/// call for, saying so on screen; what is still unsaved after that goes to
/// [`App::secure_unsaved_notes`].
fn finish_saves(app: &mut App, session: &mut terminal::Session, worker: &mut worker::Worker) {
    for effect in app.take_effects() {
        if let Some(job) = app.prepare(effect) {
            worker.submit(job);
        }
    }
    if worker.pending() == 0 {
        return;
    }
    app.message = Some("saving notes…".into());
    let _ = session.terminal.draw(|frame| draw(frame, app));
    let deadline = std::time::Instant::now() + SAVE_WAIT;
    while worker.pending() > 0 {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let Some(done) = worker.wait(left) else {
            break;
        };
        if let Some(next) = app.finish(done) {
            worker.submit(next);
        }
    }
}

/// Applies one terminal event; true when the screen must be redrawn.
fn handle_event(app: &mut App, event: Event) -> bool {
    match event {
        Event::Key(key) => {
            let effects = app.handle_key(key);
            app.effects.extend(effects);
        }
        Event::Mouse(mouse) => app.handle_mouse(mouse),
        Event::Resize(w, h) => app.resize(w, h),
        Event::Paste(text) => app.handle_paste(&text),
        _ => return false,
    }
    true
}
