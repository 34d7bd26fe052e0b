//! Notes in the reader: a sentence selection, highlights with a note and tags, delete and
//! undo, the notes list that jumps to a passage, and the reading position kept per
//! corpus. Every change asks for a save ([`Effect::SaveNotes`], run off the event loop's
//! thread); a failed save is shown in the status bar and the notes stay in memory, so the
//! next change tries again. Without a data folder the reader still works and says why
//! notes are off. The note editor is in `note_editor`.

use super::action::Action;
use super::app::{App, Focus, ListState};
use super::effect::Effect;
use super::layer::{Layer, Outcome};
pub use super::note_editor::{NoteEdit, NoteField};
use crate::corpus::{sanitize_line, Warning};
use crate::notes::{Format, Note, Store};
use crate::text::Span;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The reader's notes: the store (none when notes are off), the selection being made, the
/// editor, and the deleted notes that `u` can bring back.
#[derive(Debug)]
pub struct NotesState {
    pub store: Option<Store>,
    /// Why notes are off, when they are.
    pub off: String,
    /// The sentence where `v` started a selection; it runs to the cursor.
    pub selection: Option<usize>,
    /// Text typed in the editor and left with `Esc`, by note and field: offered again
    /// when the same note is edited.
    pub drafts: HashMap<(String, NoteField), String>,
    /// A save is running (on the worker).
    pub saving: bool,
    /// Changes came while it ran: save again after it, then show this.
    pub resave: Option<Option<String>>,
    /// Deleted notes, the last deleted last.
    pub undo: Vec<Note>,
    /// The format `E` offers first.
    pub export_format: Format,
    /// Where `E` writes.
    pub export_dir: PathBuf,
}

impl Default for NotesState {
    fn default() -> NotesState {
        NotesState {
            store: None,
            off: "notes are off: no data folder".into(),
            selection: None,
            drafts: HashMap::new(),
            saving: false,
            resave: None,
            undo: Vec::new(),
            export_format: Format::Markdown,
            export_dir: PathBuf::from("."),
        }
    }
}

/// Store warnings as one status line.
pub(super) fn warnings_line(warnings: &[Warning]) -> String {
    let parts: Vec<String> = warnings
        .iter()
        .map(|w| format!("notes: {}", sanitize_line(&w.message)))
        .collect();
    parts.join("; ")
}

impl App {
    /// Opens the notes of this corpus under `data_dir` and goes back to where the reader
    /// was last time. Without a folder, or when it cannot be opened, notes are off and the
    /// status bar says why.
    pub fn open_notes(&mut self, data_dir: Option<&Path>) {
        let Some(dir) = data_dir else {
            self.notes.off =
                "notes are off: no data folder (set RECOUPE_DATA_DIR or --data-dir)".into();
            self.add_message(self.notes.off.clone());
            return;
        };
        match Store::open_for(dir, &self.corpus) {
            Err(e) => {
                self.notes.off = format!("notes are off: {e}");
                self.add_message(self.notes.off.clone());
            }
            Ok((store, warnings)) => {
                let position = store
                    .position()
                    .and_then(|(id, s)| Some((self.corpus.position(id)?, s)));
                self.list_width = store.list_width().or(self.list_width);
                self.notes.store = Some(store);
                self.apply_corrections();
                if !warnings.is_empty() {
                    self.add_message(warnings_line(&warnings));
                }
                if let Some((article, sentence)) = position {
                    self.restore_position(article, sentence);
                }
            }
        }
    }

    /// Adds a line to the status message, after any already there.
    pub fn add_message(&mut self, line: String) {
        self.message = Some(match self.message.take() {
            Some(m) if !m.is_empty() => format!("{m}; {line}"),
            _ => line,
        });
    }

    fn restore_position(&mut self, article: usize, sentence: usize) {
        self.open_article(article);
        let last = self.corpus.articles[article]
            .structure
            .sentences
            .len()
            .saturating_sub(1);
        self.reader.cursor = sentence.min(last);
        self.set_focus(Focus::Reader);
    }

    /// Before the reader ends: saves notes not yet saved, and when that fails writes them to
    /// a recovery file, returning the line that says where (or that they are lost to this
    /// session only if even that failed).
    pub fn secure_unsaved_notes(&mut self) -> Option<crate::corpus::Warning> {
        self.note_position();
        let in_flight = self.saving();
        let store = self.notes.store.as_mut()?;
        if in_flight {
            // A save on the worker did not come back in time: save here too (the store's
            // merge makes two saves of the same notes harmless).
            store.mark_unsaved();
        }
        if !store.is_dirty() {
            return None;
        }
        if store.save().is_ok() {
            return None;
        }
        let path = store.path().display().to_string();
        let message = match store.save_recovery() {
            Ok(p) => format!(
                "notes could not be saved; they are kept in {} (recoupe import takes them back)",
                p.display()
            ),
            Err(e) => format!("notes could not be saved, nor written to a recovery file: {e}"),
        };
        Some(crate::corpus::Warning { path, message })
    }

    /// Records the open article and sentence in the store and asks for a save.
    pub fn remember_position(&mut self) {
        if self.note_position() {
            self.save_notes(None);
        }
    }

    /// Records the open article and sentence before a save.
    pub(super) fn note_position_for_save(&mut self) {
        self.note_position();
    }

    /// Records the open article and sentence in the store; true when that changed it.
    fn note_position(&mut self) -> bool {
        let (Some(i), Some(store)) = (self.reader.article, &mut self.notes.store) else {
            return false;
        };
        store.set_position(&self.corpus.articles[i].id, self.reader.cursor);
        store.is_dirty()
    }

    /// Asks for a save of the notes and the position, showing `done` once it is made.
    pub(super) fn save_notes(&mut self, done: Option<String>) {
        self.note_position();
        if self.notes.store.is_some() {
            self.effects.push(Effect::SaveNotes { done });
        }
    }

    /// The span from the selection's first sentence to its last, while selecting.
    pub fn selection_span(&self) -> Option<Span> {
        let from = self.notes.selection?;
        let sentences = &self.article()?.structure.sentences;
        let (a, b) = (from.min(self.reader.cursor), from.max(self.reader.cursor));
        Some(Span::new(
            sentences.get(a)?.span.start,
            sentences.get(b)?.span.end,
        ))
    }

    /// The highlighted passages of the open article, for drawing.
    pub fn highlight_spans(&self) -> Vec<Span> {
        let (Some(i), Some(store)) = (self.reader.article, &self.notes.store) else {
            return Vec::new();
        };
        store
            .notes_for(&self.corpus, i)
            .iter()
            .filter_map(|p| p.anchor.span())
            .collect()
    }

    /// The id of the latest note whose passage overlaps the cursor's sentence.
    pub fn note_under_cursor(&self) -> Option<String> {
        let i = self.reader.article?;
        let sentence = self
            .article()?
            .structure
            .sentences
            .get(self.reader.cursor)?
            .span;
        let store = self.notes.store.as_ref()?;
        store
            .notes_for(&self.corpus, i)
            .into_iter()
            .filter(|p| {
                p.anchor
                    .span()
                    .is_some_and(|s| s.start < sentence.end && sentence.start < s.end)
            })
            .max_by(|a, b| a.note.created.cmp(&b.note.created))
            .map(|p| p.note.id.clone())
    }

    /// Carries out the notes actions outside overlays; false for any other action.
    pub(super) fn update_notes(&mut self, action: Action) -> bool {
        match action {
            Action::Cancel if self.notes.selection.is_some() => {
                self.notes.selection = None;
                self.message = Some("selection cancelled".into());
            }
            Action::Select => self.toggle_selection(),
            Action::Annotate => self.annotate(),
            Action::EditTags => self.edit_tags(),
            Action::DeleteNote => self.delete_note(),
            Action::UndoDelete => self.undo_delete(),
            Action::Notes if self.notes_on() => {
                self.layers.push(Layer::Notes(ListState::default()))
            }
            Action::Export if self.notes_on() => {
                let selected = Format::ALL
                    .iter()
                    .position(|&f| f == self.notes.export_format)
                    .unwrap_or(0);
                self.layers.push(Layer::Export { selected });
            }
            Action::Notes | Action::Export => {}
            _ => return false,
        }
        true
    }

    /// True when notes are on; else says why in the status bar.
    fn notes_on(&mut self) -> bool {
        if self.notes.store.is_none() {
            self.message = Some(self.notes.off.clone());
        }
        self.notes.store.is_some()
    }

    fn toggle_selection(&mut self) {
        if self.notes.selection.take().is_some() {
            self.message = Some("selection cancelled".into());
        } else if self.article().is_some() {
            self.notes.selection = Some(self.reader.cursor);
            self.set_focus(Focus::Reader);
            self.message = Some("selecting: j/k extend, a annotates, Esc cancels".into());
        }
    }

    fn annotate(&mut self) {
        if !self.notes_on() {
            return;
        }
        let Some(i) = self.reader.article else { return };
        let selection = self.selection_span();
        if selection.is_none() {
            if let Some(id) = self.note_under_cursor() {
                let body = self.note(&id).map(|n| n.body.clone()).unwrap_or_default();
                return self.start_edit(id, NoteField::Body, &body, false);
            }
        }
        let sentence = self.corpus.articles[i]
            .structure
            .sentences
            .get(self.reader.cursor)
            .map(|s| s.span);
        let Some(span) = selection.or(sentence) else {
            return;
        };
        let Some(store) = &mut self.notes.store else {
            return;
        };
        let id = store.add(&self.corpus.articles[i], span, "").id.clone();
        self.notes.selection = None;
        self.save_notes(None);
        self.start_edit(id, NoteField::Body, "", true);
    }

    pub(super) fn note(&self, id: &str) -> Option<&Note> {
        self.notes.store.as_ref()?.get(id)
    }

    fn edit_tags(&mut self) {
        if !self.notes_on() {
            return;
        }
        match self.note_under_cursor() {
            Some(id) => {
                let tags = self
                    .note(&id)
                    .map(|n| n.tags.join(", "))
                    .unwrap_or_default();
                self.start_edit(id, NoteField::Tags, &tags, false);
            }
            None => self.message = Some("no highlight here: a makes one".into()),
        }
    }

    fn delete_note(&mut self) {
        if !self.notes_on() {
            return;
        }
        let Some(id) = self.note_under_cursor() else {
            self.message = Some("no highlight here to delete".into());
            return;
        };
        if let Some(note) = self.notes.store.as_mut().and_then(|s| s.delete(&id)) {
            self.notes.undo.push(note);
            self.save_notes(Some("highlight deleted: u brings it back".into()));
        }
    }

    fn undo_delete(&mut self) {
        if !self.notes_on() {
            return;
        }
        match (self.notes.undo.pop(), &mut self.notes.store) {
            (Some(note), Some(store)) => {
                store.restore(note);
                self.save_notes(Some("highlight restored".into()));
            }
            _ => self.message = Some("nothing to undo".into()),
        }
    }

    /// The notes list on top: moves, jumps to a note with `Enter`, closes.
    pub(super) fn handle_notes_list(&mut self, list: &mut ListState, action: Action) -> Outcome {
        let len = self.notes.store.as_ref().map_or(0, |s| s.notes().len());
        let per_page = super::view::notes_per_page(self.size());
        match action {
            Action::Cancel | Action::Notes | Action::Quit => Outcome::Close,
            Action::Activate => {
                self.jump_to_note(list.selected);
                Outcome::Close
            }
            a if list.navigate(a, len, per_page) => Outcome::Consumed,
            Action::Help => Outcome::Ignored,
            _ => Outcome::Consumed,
        }
    }

    /// Opens the article of the `i`th note (in the overlay's order) at its passage.
    fn jump_to_note(&mut self, i: usize) {
        let Some(store) = &self.notes.store else {
            return;
        };
        let Some((article, span)) = store
            .place(&self.corpus)
            .get(i)
            .map(|p| (p.article, p.anchor.span()))
        else {
            return;
        };
        let Some(a) = article else {
            self.message = Some("this note's article is not in the articles open now".into());
            return;
        };
        self.open_article(a);
        self.set_focus(Focus::Reader);
        match span {
            Some(span) => self
                .with_reader(|r, article, layout, h| r.goto_byte(article, layout, h, span.start)),
            None => {
                self.message = Some("orphan note: its passage is no longer in the article".into())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_become_one_line() {
        let w = |m: &str| Warning {
            path: "/x/notes.json".into(),
            message: m.into(),
        };
        let line = warnings_line(&[w("moved\naside"), w("two")]);
        assert_eq!(line, "notes: moved aside; notes: two");
    }
}
