//! Owning the terminal: raw mode, the alternate screen, mouse capture and a hidden cursor
//! while the reader runs, and the way back on every exit. [`Session`] restores in `Drop`
//! (quit and error), the panic hook of [`crate::failure`] restores before a fatal panic is
//! reported (and leaves the screen alone for a failure on another thread), and
//! [`Signals`] turns SIGTERM and SIGHUP into a clean end of the event loop.

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{self, Stdout};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

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
        crate::failure::install(None);
        crate::failure::set_restore(|| {
            let _ = restore();
        });
        crate::failure::set_screen_owned(true);
        enable_raw_mode()?;
        let mut session = Session {
            terminal: Terminal::new(CrosstermBackend::new(io::stdout()))?,
            active: true,
        };
        execute!(
            session.terminal.backend_mut(),
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste,
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
    crate::failure::set_screen_owned(false);
    let screen = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let raw = disable_raw_mode();
    screen.and(raw)
}

/// Puts `text` on the terminal's clipboard with the OSC 52 escape, which terminals (and
/// tmux with `set-clipboard on`) pass to the system clipboard, over ssh too. The text is
/// sent in base64, so nothing in it can act as an escape of its own.
pub fn copy(text: &str) -> io::Result<()> {
    use base64::Engine;
    use std::io::Write;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = io::stdout().lock();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
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
        #[cfg(unix)]
        hangup::watch(received.clone());
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

/// The terminal going away (its window closed, the connection dropped) while the reader
/// runs. Reads from a hung-up terminal return at once with nothing, and the terminal
/// library's event source then reads again without end (crossterm issue 793): the event
/// loop never gets back to see the SIGHUP, and the process would spin on one core until
/// killed. A thread of its own watches the terminal without reading it; once it has hung
/// up, the loop gets [`GRACE`] to end by itself, after which the process ends with the
/// status of a SIGHUP. Notes are saved moments after they are made, and cache entries
/// are renamed into place only once whole, so nothing is lost or left half-written.
#[cfg(unix)]
mod hangup {
    use std::io::IsTerminal;
    use std::os::fd::{AsFd, AsRawFd, OwnedFd};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    /// How long the event loop has to end by itself once the terminal has hung up.
    pub const GRACE: Duration = Duration::from_secs(1);
    /// How often the terminal is looked at, in milliseconds.
    const EVERY_MS: i32 = 250;

    /// Starts the watch on the terminal the reader reads (standard input when it is one,
    /// else the controlling terminal); nothing when there is none.
    pub fn watch(received: Arc<AtomicUsize>) {
        let Some(tty) = terminal() else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("terminal-watch".into())
            .spawn(move || {
                while !hung_up(&tty) {}
                let hup = signal_hook::consts::SIGHUP;
                let _ = received.compare_exchange(
                    0,
                    hup as usize,
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                );
                std::thread::sleep(GRACE);
                std::process::exit(128 + hup);
            });
        drop(spawned);
    }

    fn terminal() -> Option<OwnedFd> {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            return stdin.as_fd().try_clone_to_owned().ok();
        }
        std::fs::File::open("/dev/tty").ok().map(OwnedFd::from)
    }

    /// Waits up to [`EVERY_MS`] for `tty` to report a hangup or an error.
    fn hung_up(tty: &OwnedFd) -> bool {
        let mut fd = libc::pollfd {
            fd: tty.as_raw_fd(),
            events: 0,
            revents: 0,
        };
        // SAFETY: `fd` is one initialised pollfd that outlives the call, and the count
        // passed is 1; poll only writes its `revents`.
        let n = unsafe { libc::poll(&mut fd, 1, EVERY_MS) };
        if n < 0 {
            // Interrupted, or out of resources: look again later, not at once.
            std::thread::sleep(Duration::from_millis(EVERY_MS as u64));
        }
        n > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    }
}
