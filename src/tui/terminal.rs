//! Owning the terminal: raw mode, the alternate screen, mouse capture and a hidden cursor
//! while the reader runs, and the way back on every exit. [`Session`] restores in `Drop`
//! (quit and error), a panic hook restores before the panic message is printed, and
//! [`Signals`] turns SIGTERM and SIGHUP into a clean end of the event loop.

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{self, Stdout};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Once};

/// The reader was ended by a signal (its number) after the terminal was restored.
#[derive(Debug, thiserror::Error, Clone, Copy, PartialEq, Eq)]
#[error("terminated by signal {0}")]
pub struct Terminated(pub i32);

/// The terminal set up for the reader; dropping it puts the terminal back.
pub struct Session {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
    active: bool,
}

impl Session {
    /// Enters raw mode and the alternate screen, captures the mouse, hides the cursor.
    pub fn start() -> io::Result<Session> {
        install_panic_hook();
        enable_raw_mode()?;
        let mut session = Session {
            terminal: Terminal::new(CrosstermBackend::new(io::stdout()))?,
            active: true,
        };
        execute!(
            session.terminal.backend_mut(),
            EnterAlternateScreen,
            EnableMouseCapture,
            cursor::Hide,
            Clear(ClearType::All)
        )?;
        Ok(session)
    }

    /// Puts the terminal back now, reporting failure.
    pub fn restore(mut self) -> io::Result<()> {
        self.active = false;
        restore()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.active {
            let _ = restore();
        }
    }
}

/// Leaves the alternate screen, releases the mouse, shows the cursor and leaves raw mode.
/// Safe to call more than once.
pub fn restore() -> io::Result<()> {
    let screen = execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let raw = disable_raw_mode();
    screen.and(raw)
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore();
            previous(info);
        }));
    });
}

/// SIGTERM and SIGHUP, noted as they arrive so the event loop can stop cleanly.
pub struct Signals {
    received: Arc<AtomicUsize>,
}

impl Signals {
    /// Starts watching for SIGTERM and SIGHUP (nothing to watch on other platforms).
    pub fn install() -> io::Result<Signals> {
        let received = Arc::new(AtomicUsize::new(0));
        #[cfg(unix)]
        for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
            signal_hook::flag::register_usize(signal, received.clone(), signal as usize)?;
        }
        Ok(Signals { received })
    }

    /// The last signal received, if any.
    pub fn received(&self) -> Option<i32> {
        match self.received.load(Ordering::Relaxed) {
            0 => None,
            n => Some(n as i32),
        }
    }
}
