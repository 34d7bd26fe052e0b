//! The windows over the panes, as one stack of layers (helix's compositor, gitui's
//! components): help, an entity's aliases, the coverage map, the story's claims and
//! sources, the skipped files, the notes list, the export
//! prompt, the search prompt and the note editor. Every action goes to the top layer
//! first, which answers with an [`Outcome`]; an action it ignores goes on to the panes.
//! Drawing walks the same stack from the bottom up (`view::draw`), one render function per
//! layer, reading the [`App`] only.
//!
//! While a typing layer (search, editor, export prompt) is on top, keys are read in the
//! keymap's typing context, so every editing key is remappable.

use super::action::Action;
use super::app::{App, PromptState};
use super::claims::ClaimsState;
use super::coverage::CoverageState;
use super::editor::EditOutcome;
use super::effect::Effect;
use super::keymap::typed;
use super::list_nav::ListState;
use super::notes_ui::NoteEdit;
use super::stories_list::StoryFilterState;

/// One window over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layer {
    /// The list of keys, scrolled.
    Help(ListState),
    /// An entity's aliases and their reasons, one alias selected.
    Aliases { entity: usize, scroll: ListState },
    /// The coverage map: facts by articles.
    Coverage(CoverageState),
    /// The claims of the open article's story, one value selected.
    Claims(ClaimsState),
    /// The open article's story's sources, one row selected.
    Sources(ListState),
    /// Every note of the corpus, one selected.
    Notes(ListState),
    /// The export prompt, this format (index in `Format::ALL`) selected.
    Export { selected: usize },
    /// The search being typed after `/`.
    Search(PromptState),
    /// A note's text or tags being typed.
    Editor(NoteEdit),
    /// The words the story list is filtered by, being typed.
    StoryFilter(StoryFilterState),
    /// The kinds to give an entity by hand, one selected.
    Kinds { entity: usize, list: ListState },
    /// The files skipped while loading, scrolled.
    Warnings(ListState),
}

/// What a layer did with an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not for this layer: the panes get it.
    Ignored,
    /// Done; the layer stays.
    Consumed,
    /// Done; the layer closes.
    Close,
    /// Done; the layer closes and this effect is to be run.
    Then(Effect),
}

impl Layer {
    /// True for the layers that take typed text: keys are read as typing actions.
    pub fn is_typing(&self) -> bool {
        matches!(
            self,
            Layer::Search(_) | Layer::Editor(_) | Layer::Export { .. } | Layer::StoryFilter(_)
        )
    }
}

impl App {
    /// Gives an action to the top layer; false when there is none or it ignored it.
    pub(super) fn handle_layers(&mut self, action: Action) -> bool {
        let Some(mut top) = self.layers.pop() else {
            return false;
        };
        let depth = self.layers.len();
        let outcome = match &mut top {
            Layer::Help(scroll) => self.handle_help(scroll, action),
            Layer::Aliases { entity, scroll } => self.handle_aliases(*entity, scroll, action),
            Layer::Coverage(state) => self.handle_coverage(state, action),
            Layer::Claims(state) => self.handle_claims(state, action),
            Layer::Sources(list) => self.handle_story_sources(list, action),
            Layer::Notes(list) => self.handle_notes_list(list, action),
            Layer::Export { selected } => self.handle_export(selected, action),
            Layer::Search(prompt) => self.handle_search_prompt(prompt, action),
            Layer::Editor(edit) => self.handle_editor(edit, action),
            Layer::StoryFilter(prompt) => self.handle_story_filter(prompt, action),
            Layer::Kinds { entity, list } => self.handle_kinds(*entity, list, action),
            Layer::Warnings(scroll) => self.handle_warnings(scroll, action),
        };
        let handled = outcome != Outcome::Ignored;
        match outcome {
            Outcome::Ignored | Outcome::Consumed => {
                self.layers.insert(depth.min(self.layers.len()), top);
            }
            Outcome::Close => {}
            Outcome::Then(effect) => self.effects.push(effect),
        }
        handled
    }

    /// The reader's action for a character typed in a layer that is not a text field
    /// (the export prompt): `q` closes it as anywhere else.
    pub(super) fn as_reader_action(&self, action: Action) -> Action {
        match action {
            Action::InsertChar(c) => self.keymap.action(&typed(c)).unwrap_or(action),
            other => other,
        }
    }

    fn handle_help(&mut self, scroll: &mut ListState, action: Action) -> Outcome {
        if matches!(action, Action::Help | Action::Cancel | Action::Quit) {
            return Outcome::Close;
        }
        let len = super::view::help_lines(self).len();
        let height = self.size().height.saturating_sub(2) as usize;
        if scroll.scroll(action, len, height) {
            Outcome::Consumed
        } else {
            Outcome::Ignored
        }
    }

    /// Opens the list of skipped files (and articles not analysed), or says there is none.
    pub(super) fn show_warnings(&mut self) {
        match self.corpus.warnings.len() + self.analysis.failures.len() {
            0 => self.message = Some("no file was skipped".into()),
            _ => self.layers.push(Layer::Warnings(ListState::default())),
        }
    }

    fn handle_warnings(&mut self, scroll: &mut ListState, action: Action) -> Outcome {
        if matches!(action, Action::Warnings | Action::Cancel | Action::Quit) {
            return Outcome::Close;
        }
        let len = self.corpus.warnings.len() + self.analysis.failures.len();
        let height = super::view::warnings::body_height(self.size());
        if scroll.scroll(action, len, height) {
            Outcome::Consumed
        } else {
            Outcome::Ignored
        }
    }

    fn handle_aliases(&mut self, entity: usize, scroll: &mut ListState, action: Action) -> Outcome {
        if matches!(
            action,
            Action::EntityAliases | Action::Cancel | Action::Quit
        ) {
            return Outcome::Close;
        }
        let aliases = (self.analysis.entities.entities.get(entity)).map_or(0, |e| e.aliases.len());
        if action == Action::SplitAlias {
            self.split_alias(entity, scroll.selected);
            return Outcome::Close;
        }
        // The selection is an alias; the view keeps it in sight (`view::aliases`).
        let height = self.size().height.saturating_sub(4) as usize;
        if scroll.navigate(action, aliases, height) {
            Outcome::Consumed
        } else {
            Outcome::Ignored
        }
    }

    fn handle_search_prompt(&mut self, prompt: &mut PromptState, action: Action) -> Outcome {
        if action == Action::DeleteBack && prompt.input.text.is_empty() {
            return Outcome::Close;
        }
        match prompt.input.apply(action, usize::MAX) {
            EditOutcome::Editing => {
                self.preview_search(&prompt.input.text);
                Outcome::Consumed
            }
            EditOutcome::Ignored => Outcome::Consumed,
            EditOutcome::Submit => {
                self.confirm_search(&prompt.input.text);
                Outcome::Close
            }
            EditOutcome::Cancel => {
                self.search = prompt.previous.take();
                Outcome::Close
            }
        }
    }

    /// The search prompt, while one is open.
    pub fn prompt(&self) -> Option<&PromptState> {
        self.layers.iter().rev().find_map(|l| match l {
            Layer::Search(p) => Some(p),
            _ => None,
        })
    }

    /// The note or tags being edited, if any.
    pub fn editor(&self) -> Option<&NoteEdit> {
        self.layers.iter().rev().find_map(|l| match l {
            Layer::Editor(e) => Some(e),
            _ => None,
        })
    }

    /// The story filter being typed, while its prompt is open.
    pub fn story_prompt(&self) -> Option<&StoryFilterState> {
        self.layers.iter().rev().find_map(|l| match l {
            Layer::StoryFilter(p) => Some(p),
            _ => None,
        })
    }

    /// Closes the search prompt, if open, keeping the search as it stands.
    pub fn close_prompt(&mut self) {
        self.layers.retain(|l| !matches!(l, Layer::Search(_)));
    }
}
