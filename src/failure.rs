//! When recoupe itself fails. A bug met on one article must not cost the user the others,
//! paint a backtrace over the reader or leave the terminal in raw mode, and the message of
//! a panic may quote article text, which must never reach the terminal as it is.
//!
//! [`install`] sets the process's panic hook once: every panic is written, sanitised, to a
//! log file (`panic.log` in the cache folder). What else happens depends on where it struck:
//! - inside [`guarded`] work (the analysis of a collection, the reading of one file), on its
//!   thread or on a pool's worker while it runs, the caller catches it and reports one line
//!   naming the file and the stage, so the hook prints nothing;
//! - on another thread while the reader owns the screen ([`set_screen_owned`]), nothing is
//!   printed: the reader sees the thread end and says so in its status bar;
//! - anywhere else the program is about to end: the screen is given back (the function set
//!   with [`set_restore`]) and one sanitised line goes to standard error.

use crate::text::sanitize::sanitize_line;
use std::any::Any;
use std::io::Write;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, Once, OnceLock};

/// Guarded regions running now, on any thread (their work may run on a thread pool).
static GUARDS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Guarded regions running on this thread.
    static IN_GUARD: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}
/// True while the reader draws the screen.
static SCREEN_OWNED: AtomicBool = AtomicBool::new(false);
/// Where panics are written.
static LOG: OnceLock<PathBuf> = OnceLock::new();
/// Gives the terminal back before a fatal panic's message is printed.
static RESTORE: Mutex<Option<fn()>> = Mutex::new(None);

/// The longest panic message kept, in bytes: a slicing panic quotes the text it cut.
const MAX_MESSAGE: usize = 300;

/// Sets the panic hook (once per process). `log`: the file panics are written to.
pub fn install(log: Option<PathBuf>) {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if let Some(log) = log {
            let _ = LOG.set(log);
        }
        panic::set_hook(Box::new(hook));
    });
}

/// The panic log in the cache folder `dir`.
pub fn log_in(dir: &Path) -> PathBuf {
    dir.join("panic.log")
}

/// The file panics are written to, once [`install`] named one.
pub fn log_path() -> Option<&'static Path> {
    LOG.get().map(PathBuf::as_path)
}

/// Says whether the reader owns the screen (raw mode, alternate screen) now.
pub fn set_screen_owned(owned: bool) {
    SCREEN_OWNED.store(owned, Ordering::SeqCst);
}

/// The function that gives the terminal back before a fatal panic is reported.
pub fn set_restore(restore: fn()) {
    *RESTORE.lock().unwrap_or_else(|e| e.into_inner()) = Some(restore);
}

/// A failure caught by [`guarded`]: its message, sanitised, on one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Panicked(pub String);

/// Runs `work`, turning a panic into an error (its message sanitised, on one line) for the
/// caller to report. The panic is logged but not printed.
pub fn guarded<T>(work: impl FnOnce() -> T) -> Result<T, Panicked> {
    GUARDS.fetch_add(1, Ordering::SeqCst);
    IN_GUARD.with(|g| g.set(g.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(work));
    IN_GUARD.with(|g| g.set(g.get() - 1));
    GUARDS.fetch_sub(1, Ordering::SeqCst);
    result.map_err(|payload| Panicked(message(payload.as_ref())))
}

/// The sanitised, shortened message of a panic payload.
pub fn message(payload: &(dyn Any + Send)) -> String {
    let raw = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("unknown failure");
    let clean = sanitize_line(raw);
    let cut = crate::text::slice(&clean, 0, MAX_MESSAGE);
    if cut.len() < clean.len() {
        format!("{cut}…")
    } else {
        clean
    }
}

fn hook(info: &panic::PanicHookInfo<'_>) {
    let msg = message(info.payload());
    let place = info
        .location()
        .map(|l| format!("{}:{}", l.file(), l.line()))
        .unwrap_or_default();
    let thread = std::thread::current();
    let name = sanitize_line(thread.name().unwrap_or("unnamed"));
    let logged = write_log(&name, &place, &msg);
    // Caught by a guarded caller: on its own thread, or on a pool's worker while one runs.
    // The main thread outside a guard is not covered by another thread's guard.
    let here = IN_GUARD.with(|g| g.get() > 0);
    if here || (GUARDS.load(Ordering::SeqCst) > 0 && name != "main") {
        return;
    }
    if SCREEN_OWNED.load(Ordering::SeqCst) && name != "main" {
        return;
    }
    if let Some(restore) = *RESTORE.lock().unwrap_or_else(|e| e.into_inner()) {
        restore();
    }
    let hint = match (logged, log_path()) {
        (true, Some(p)) => format!(" (details in {})", sanitize_line(&p.to_string_lossy())),
        _ => String::new(),
    };
    eprintln!("recoupe: internal error at {place}: {msg}{hint}");
}

/// Appends one panic to the log, with a backtrace; false when there is no log or it cannot
/// be written. Only a regular file (or none yet) is written to.
fn write_log(thread: &str, place: &str, msg: &str) -> bool {
    let Some(path) = log_path() else {
        return false;
    };
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let Ok(mut file) = crate::files::append_regular(path) else {
        return false;
    };
    let trace = std::backtrace::Backtrace::force_capture().to_string();
    let trace: String = trace
        .lines()
        .map(|l| sanitize_line(l) + "\n")
        .collect::<String>();
    let when = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    writeln!(
        file,
        "--- {when} recoupe {} thread {thread} panicked at {place}: {msg}\n{trace}",
        env!("CARGO_PKG_VERSION")
    )
    .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guarded_work_gives_its_value_or_a_clean_message() {
        assert_eq!(guarded(|| 2 + 2), Ok(4));
        let err =
            guarded(|| -> usize { panic!("cut at \u{1b}]52;c;PWN\u{7} {}", "é".repeat(400)) })
                .unwrap_err();
        let err = err.0;
        assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
        assert!(err.len() <= MAX_MESSAGE + '…'.len_utf8());
        // Panics in a thread pool's workers reach the guarded caller too.
        let err = guarded(|| {
            use rayon::prelude::*;
            (0..64)
                .into_par_iter()
                .map(|i| if i == 40 { panic!("worker {i}") } else { i })
                .sum::<i32>()
        })
        .unwrap_err();
        assert!(err.0.contains("worker 40"), "{err}");
    }
}
