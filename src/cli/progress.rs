//! Progress on standard error for long work: a spinner naming the stage and its elapsed
//! time, shown only when standard error is a terminal, so that scripts and pipes see
//! nothing but the result.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

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
