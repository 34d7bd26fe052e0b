//! `E` in the reader: a small prompt for the export format, then the notes written into
//! the configured folder under a safe name that never replaces an existing file (the
//! writing is an [`Effect::Export`], run off the event loop's thread).

use super::action::Action;
use super::app::App;
use super::effect::Effect;
use super::layer::Outcome;
use crate::notes::Format;

/// The key that picks each format in the prompt.
pub fn format_key(format: Format) -> char {
    match format {
        Format::Markdown => 'm',
        Format::Json => 'j',
        Format::W3c => 'w',
    }
}

impl App {
    /// The export prompt on top: a format's letter or `Enter` exports, the arrows and
    /// the reader's moves change the format, `Esc` and `q` close.
    pub(super) fn handle_export(&mut self, selected: &mut usize, action: Action) -> Outcome {
        let n = Format::ALL.len();
        if let Action::InsertChar(c) = action {
            if let Some(&format) = Format::ALL.iter().find(|&&f| format_key(f) == c) {
                return Outcome::Then(Effect::Export(format));
            }
        }
        match self.as_reader_action(action) {
            Action::Exit => {
                self.leave();
                Outcome::Close
            }
            Action::CancelInput | Action::Cancel | Action::Quit | Action::Export => Outcome::Close,
            Action::Submit | Action::Activate => {
                Outcome::Then(Effect::Export(Format::ALL[*selected % n]))
            }
            Action::CursorUp
            | Action::CursorLeft
            | Action::Previous
            | Action::FocusPrevious
            | Action::FocusLeft => {
                *selected = (*selected + n - 1) % n;
                Outcome::Consumed
            }
            Action::CursorDown
            | Action::CursorRight
            | Action::Next
            | Action::FocusNext
            | Action::FocusRight => {
                *selected = (*selected + 1) % n;
                Outcome::Consumed
            }
            _ => Outcome::Consumed,
        }
    }
}
