//! The note and tags editor as a layer: what typing actions do to a note being written,
//! what submitting saves, and the drafts that make `Esc` safe. Text typed and left with
//! `Esc` (or `Ctrl-C`) is never thrown away: it is kept per note and field, offered again
//! the next time the same highlight is annotated, and dropped only once saved.

use super::action::Action;
use super::app::App;
use super::editor::{EditOutcome, EditorState};
use super::effect::Effect;
use super::layer::{Layer, Outcome};
use crate::notes::parse_tags;
use ratatui::layout::Rect;

/// Which part of a note the editor changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteField {
    Body,
    Tags,
}

/// A note being edited: which one, which field, and the text typed so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEdit {
    pub id: String,
    pub field: NoteField,
    pub input: EditorState,
    /// True when the highlight was made for this edit (`Esc` then keeps it bare).
    pub new: bool,
}

/// Rows of text the editor shows at most.
pub const EDITOR_ROWS: usize = 6;

/// Where the editor is drawn on `screen`: centred near the bottom, as wide as 90 cells
/// at most, tall enough for `rows` rows of text (up to [`EDITOR_ROWS`]).
pub fn editor_area(screen: Rect, rows: usize) -> Rect {
    let width = (screen.width as usize).saturating_sub(4).min(90);
    let height = (rows.clamp(1, EDITOR_ROWS) + 2).min(screen.height as usize);
    Rect::new(
        screen.x + (screen.width - width as u16) / 2,
        screen.y + screen.height.saturating_sub(height as u16 + 1),
        width as u16,
        height as u16,
    )
}

/// The width the editor's text wraps to on `screen`.
pub fn text_width(screen: Rect) -> usize {
    (editor_area(screen, 1).width as usize)
        .saturating_sub(2)
        .max(1)
}

impl App {
    /// Opens the editor on a note's field holding `text`, or the draft left for it.
    pub(super) fn start_edit(&mut self, id: String, field: NoteField, text: &str, new: bool) {
        let draft = self.notes.drafts.get(&(id.clone(), field));
        if draft.is_some() {
            self.message = Some("your unsaved text is back".into());
        }
        let input = EditorState::new(draft.map_or(text, String::as_str), field == NoteField::Body);
        self.layers.push(Layer::Editor(NoteEdit {
            id,
            field,
            input,
            new,
        }));
    }

    /// The editor on top: typing actions edit, submitting saves, cancelling keeps a draft.
    /// Anything else is held back from the panes while the editor is open.
    pub(super) fn handle_editor(&mut self, edit: &mut NoteEdit, action: Action) -> Outcome {
        match edit.input.apply(action, text_width(self.size())) {
            EditOutcome::Editing | EditOutcome::Ignored => Outcome::Consumed,
            EditOutcome::Submit => self.finish_edit(edit),
            EditOutcome::Cancel => {
                self.keep_draft(edit);
                Outcome::Close
            }
        }
    }

    /// Keeps what was typed for the next edit of the same note, saying so.
    fn keep_draft(&mut self, edit: &NoteEdit) {
        let key = (edit.id.clone(), edit.field);
        let typed = edit.input.text.trim_end();
        let original = self.note(&edit.id).map(|n| match edit.field {
            NoteField::Body => n.body.clone(),
            NoteField::Tags => n.tags.join(", "),
        });
        if typed.is_empty() || Some(typed) == original.as_deref() {
            self.notes.drafts.remove(&key);
            self.message = Some(if edit.new {
                "highlight kept without a note".into()
            } else {
                "unchanged".into()
            });
            return;
        }
        self.notes.drafts.insert(key, edit.input.text.clone());
        let hint = self.keymap.hint(match edit.field {
            NoteField::Body => Action::Annotate,
            NoteField::Tags => Action::EditTags,
        });
        self.message = Some(format!(
            "not saved; your text is kept: {} on this highlight brings it back",
            hint.unwrap_or("annotate")
        ));
    }

    /// Writes the edited field into the note and asks for a save.
    fn finish_edit(&mut self, edit: &NoteEdit) -> Outcome {
        let Some(store) = &mut self.notes.store else {
            return Outcome::Close;
        };
        let done = match edit.field {
            NoteField::Body => {
                store.set_body(&edit.id, edit.input.text.trim_end());
                "note saved".to_owned()
            }
            NoteField::Tags => {
                let tags = parse_tags(&edit.input.text);
                store.set_tags(&edit.id, &tags);
                match tags.is_empty() {
                    true => "tags cleared".to_owned(),
                    false => format!("tags saved: #{}", tags.join(" #")),
                }
            }
        };
        self.notes.drafts.remove(&(edit.id.clone(), edit.field));
        self.note_position_for_save();
        Outcome::Then(Effect::SaveNotes { done: Some(done) })
    }
}
