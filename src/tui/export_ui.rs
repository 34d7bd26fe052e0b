//! `E` in the reader: a small prompt for the export format, then the notes written into
//! the configured folder under a safe name that never replaces an existing file.

use super::app::{App, Overlay};
use crate::corpus::sanitize_line;
use crate::notes::{write_export_file, Format};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The key that picks each format in the prompt.
pub fn format_key(format: Format) -> char {
    match format {
        Format::Markdown => 'm',
        Format::Json => 'j',
        Format::W3c => 'w',
    }
}

impl App {
    /// A key for the export prompt: a format's letter, arrows and `Enter`, or `Esc`.
    pub(super) fn handle_export_key(&mut self, key: KeyEvent) {
        let Some(Overlay::Export { selected }) = self.overlays.last_mut() else {
            return;
        };
        let n = Format::ALL.len();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => {
                self.overlays.pop();
            }
            KeyCode::Char('c') if ctrl => {
                self.overlays.pop();
            }
            KeyCode::Up | KeyCode::Left | KeyCode::BackTab => *selected = (*selected + n - 1) % n,
            KeyCode::Down | KeyCode::Right | KeyCode::Tab => *selected = (*selected + 1) % n,
            KeyCode::Enter => {
                let format = Format::ALL[*selected % n];
                self.export_notes(format);
            }
            KeyCode::Char(c) => {
                if let Some(&format) = Format::ALL.iter().find(|&&f| format_key(f) == c) {
                    self.export_notes(format);
                }
            }
            _ => {}
        }
    }

    /// Writes the notes in `format` into the export folder and says where.
    pub fn export_notes(&mut self, format: Format) {
        if matches!(self.overlays.last(), Some(Overlay::Export { .. })) {
            self.overlays.pop();
        }
        let Some(store) = &self.notes.store else {
            self.message = Some(self.notes.off.clone());
            return;
        };
        let (entities, facts) = (&self.analysis.entities, &self.analysis.facts);
        let contents = format.render(&self.corpus, entities, facts, store);
        let count = store.notes().len();
        let name = format.file_name(&self.corpus);
        let dir = &self.notes.export_dir;
        self.message = Some(match write_export_file(dir, &name, &contents) {
            Ok(path) => format!(
                "{count} notes exported to {}",
                sanitize_line(&path.display().to_string())
            ),
            Err(e) => format!(
                "export failed in {}: {e}",
                sanitize_line(&dir.display().to_string())
            ),
        });
    }
}
