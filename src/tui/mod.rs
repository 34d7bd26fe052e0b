//! The terminal reader: three panes (articles, reading, entities), a status bar and
//! overlays, driven by keys through a keymap. [`App`] holds the state, [`draw`] paints it,
//! [`run`] owns the terminal and the event loop. Tests drive `App` and `draw` directly on
//! ratatui's `TestBackend`.

pub mod action;
pub mod app;
pub mod coverage;
pub mod entities_panel;
pub mod facts_nav;
mod input;
pub mod keymap;
pub mod layout;
pub mod reader;
pub mod search;
pub mod side;
pub mod terminal;
pub mod theme;
pub mod theme_analysis;
pub mod view;
pub mod wrap;

pub use action::Action;
pub use app::{App, Focus, ListState, Overlay, PromptState};
pub use keymap::Keymap;
pub use reader::ReaderState;
pub use search::SearchState;
pub use theme::Theme;
pub use view::draw;

use crate::analysis::Analysis;
use crate::corpus::Corpus;
use anyhow::Context;
use crossterm::event::{self, Event};
use std::path::PathBuf;
use std::time::Duration;

/// How the reader should look and behave, decided by the command line.
#[derive(Debug, Clone, Default)]
pub struct ReaderOptions {
    /// Draw without colours (set when `NO_COLOR` is present and not empty).
    pub no_color: bool,
    /// A keymap file overriding some default keys; a bad file is reported and ignored.
    pub keymap: Option<PathBuf>,
}

impl ReaderOptions {
    /// Options from the environment: `NO_COLOR`.
    pub fn from_env() -> ReaderOptions {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        ReaderOptions {
            no_color,
            keymap: None,
        }
    }
}

/// Opens the reader on `corpus` and runs it until the user quits. The terminal is restored
/// on return, on error and on panic; SIGTERM or SIGHUP end the loop with
/// [`terminal::Terminated`] after restoring it.
pub fn run(corpus: Corpus, analysis: Analysis, options: ReaderOptions) -> anyhow::Result<()> {
    let mut app = App::new(corpus, analysis);
    app.theme = Theme::new(options.no_color);
    if let Some(path) = &options.keymap {
        apply_keymap_file(&mut app, path);
    }
    let signals = terminal::Signals::install().context("cannot watch for signals")?;
    let mut session = terminal::Session::start().context("cannot set up the terminal")?;
    let size = session.terminal.size()?;
    app.resize(size.width, size.height);
    let mut dirty = true;
    loop {
        if dirty {
            session.terminal.draw(|frame| draw(frame, &app))?;
            dirty = false;
        }
        if app.should_quit() {
            break;
        }
        if let Some(signal) = signals.received() {
            drop(session);
            return Err(terminal::Terminated(signal).into());
        }
        if event::poll(Duration::from_millis(200))? {
            dirty = handle_event(&mut app, event::read()?);
        }
    }
    session.restore()?;
    Ok(())
}

/// Applies one terminal event; true when the screen must be redrawn.
fn handle_event(app: &mut App, event: Event) -> bool {
    match event {
        Event::Key(key) => app.handle_key(key),
        Event::Mouse(mouse) => app.handle_mouse(mouse),
        Event::Resize(w, h) => app.resize(w, h),
        _ => return false,
    }
    true
}

fn apply_keymap_file(app: &mut App, path: &std::path::Path) {
    let name = crate::corpus::sanitize_line(&path.display().to_string());
    let result = std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|text| {
            app.keymap
                .clone()
                .with_overrides(&text)
                .map_err(|e| e.to_string())
        });
    match result {
        Ok(keymap) => app.keymap = keymap,
        Err(e) => app.message = Some(format!("keymap {name} ignored: {e}")),
    }
}
