//! Progress on standard error for long work: a spinner naming the stage and its elapsed
//! time, shown only when standard error is a terminal, so that scripts and pipes see
//! nothing but the result.

use crate::analysis::Progress;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Runs `work` while a bar on standard error follows `progress`: the stage, articles done
/// out of all, elapsed time and an estimate. Nothing is drawn when standard error is not
/// a terminal.
pub fn watch<T>(progress: &Progress, work: impl FnOnce() -> T) -> T {
    if !std::io::stderr().is_terminal() {
        return work();
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({elapsed}, ~{eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let finished = AtomicBool::new(false);
    let out = std::thread::scope(|scope| {
        scope.spawn(|| {
            while !finished.load(Ordering::Acquire) {
                let now = progress.snapshot();
                bar.set_message(now.stage.describe());
                bar.set_length(now.total as u64);
                bar.set_position(now.done as u64);
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        let out = work();
        finished.store(true, Ordering::Release);
        out
    });
    bar.finish_and_clear();
    out
}

/// The stages of one command.
pub struct Stages(Option<ProgressBar>);

impl Stages {
    pub fn start() -> Stages {
        if !std::io::stderr().is_terminal() {
            return Stages(None);
        }
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        Stages(Some(bar))
    }

    /// Names the stage now running.
    pub fn stage(&self, what: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(what.to_owned());
        }
    }
}

impl Drop for Stages {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
