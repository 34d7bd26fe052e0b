//! Correcting the recogniser from the side panel: `K` gives the selected entity another
//! kind (picked in a small window), `m` on one entity then `m` on another makes them one,
//! `!` says the selected entity is no entity at all (its mentions are dropped), and `U`
//! undoes the last correction. Corrections are kept in the corpus's notes store (saved like
//! a note, merged with other readers' by id) and applied over the machine's analysis each
//! time it lands, so they outlive the analysis they were made on.
//!
//! The analysis as the machine made it is kept aside (`pristine`) from the first
//! correction on, and corrections are applied to a copy of it: undoing one is applying the
//! rest again.

use super::action::Action;
use super::app::{App, Focus, ListState};
use super::entities_panel::EntityState;
use super::layer::{Layer, Outcome};
use crate::entities::corrections::{self, Change};
use crate::entities::{Entities, Kind};
use std::sync::Arc;

/// The corrections in force and what they are applied to.
#[derive(Debug, Clone, Default)]
pub struct CorrectionState {
    /// The entities as the analysis made them, once a correction applies.
    pristine: Option<Arc<Entities>>,
    /// The entities a correction changed, ascending.
    pub corrected: Vec<usize>,
    /// The entity `m` was pressed on, waiting for the one it is to join.
    pub merging: Option<usize>,
}

impl App {
    /// Forgets the machine's entities kept aside (a new analysis has landed).
    pub(super) fn forget_pristine_entities(&mut self) {
        self.corrections.pristine = None;
        self.corrections.corrected.clear();
        self.corrections.merging = None;
    }

    /// Applies the store's corrections over the machine's entities; the panel, the list's
    /// counts and the colours follow.
    pub(super) fn apply_corrections(&mut self) {
        let list = self
            .notes
            .store
            .as_ref()
            .map(|s| s.corrections().to_vec())
            .unwrap_or_default();
        if list.is_empty() && self.corrections.pristine.is_none() {
            return;
        }
        let base = Arc::clone(
            self.corrections
                .pristine
                .get_or_insert_with(|| Arc::new(self.analysis.entities.clone())),
        );
        let mut entities = (*base).clone();
        let applied = corrections::apply(&mut entities, &self.corpus, &list);
        self.corrections.corrected = applied.corrected;
        let marks = self.entity_view.marks;
        let filter = self.entity_view.filter;
        self.entity_view = EntityState::new(&entities, self.corpus.articles.len());
        self.entity_view.marks = marks;
        self.entity_view.filter = filter.filter(|&e| e < entities.entities.len());
        // Shared with a sources pass under way, the analysis is copied first (rare: a
        // correction while the sources are worked out); they follow the corrected names.
        Arc::make_mut(&mut self.analysis).entities = entities;
        self.sources_stale();
        self.forget_side_rows();
        let rows = self.side_rows().len();
        let height = self.list_height(Focus::Side);
        self.side.select(self.side.selected, rows, height);
    }

    /// True when a correction changed entity `e`.
    pub fn is_corrected(&self, e: usize) -> bool {
        self.corrections.corrected.binary_search(&e).is_ok()
    }

    /// The selected entity's name, or a message saying to select one.
    fn selected_name(&mut self) -> Option<(usize, String)> {
        let Some(e) = self.selected_entity().filter(|_| self.focus == Focus::Side) else {
            self.message = Some("select an entity in the side panel first".into());
            return None;
        };
        let entity = self.analysis.entities.entities.get(e)?;
        if entity.kind.is_figure() {
            self.message = Some("figures are read, not recognised: nothing to correct".into());
            return None;
        }
        Some((e, entity.name.clone()))
    }

    /// `K`: the kind picker for the selected entity.
    pub(super) fn pick_kind(&mut self) {
        let Some((e, _)) = self.selected_name() else {
            return;
        };
        let kind = self.analysis.entities.entities[e].kind;
        let at = Kind::NAMES.iter().position(|&k| k == kind).unwrap_or(0);
        let list = ListState {
            selected: at,
            offset: 0,
        };
        self.layers.push(Layer::Kinds { entity: e, list });
    }

    /// The kind picker: `j`/`k` move, `Enter` sets the kind, `Esc` or `q` leaves.
    pub(super) fn handle_kinds(
        &mut self,
        entity: usize,
        list: &mut ListState,
        action: Action,
    ) -> Outcome {
        let chosen = match action {
            Action::Cancel | Action::Quit | Action::CancelInput => return Outcome::Close,
            Action::Activate | Action::Submit => Kind::NAMES.get(list.selected).copied(),
            other => {
                list.navigate(other, Kind::NAMES.len(), Kind::NAMES.len());
                return Outcome::Consumed;
            }
        };
        let Some(kind) = chosen else {
            return Outcome::Consumed;
        };
        let Some(name) = self
            .analysis
            .entities
            .entities
            .get(entity)
            .map(|e| e.name.clone())
        else {
            return Outcome::Close;
        };
        if self.analysis.entities.entities[entity].kind != kind {
            self.correct(Change::Kind { entity: name, kind });
        }
        Outcome::Close
    }

    /// `m`: marks the selected entity to join another; on a second entity, joins them.
    pub(super) fn merge_entity(&mut self) {
        let Some((e, name)) = self.selected_name() else {
            return;
        };
        let shown = crate::corpus::sanitize_line(&name);
        match self.corrections.merging.take() {
            None => {
                self.corrections.merging = Some(e);
                self.message = Some(format!(
                    "{shown} is…: select the entity it is and press m (Esc cancels)"
                ));
            }
            Some(first) if first == e => self.message = Some("merge cancelled".into()),
            Some(first) => {
                let Some(from) = self
                    .analysis
                    .entities
                    .entities
                    .get(first)
                    .map(|x| x.name.clone())
                else {
                    return;
                };
                self.correct(Change::Merge {
                    entity: from,
                    into: name,
                });
            }
        }
    }

    /// Cancels a merge waiting for its second entity; false when none was.
    pub(super) fn cancel_merge(&mut self) -> bool {
        let waiting = self.corrections.merging.take().is_some();
        if waiting {
            self.message = Some("merge cancelled".into());
        }
        waiting
    }

    /// `-` in the aliases window: the alias `alias` (an index) of `entity` is an entity of
    /// its own.
    pub(super) fn split_alias(&mut self, entity: usize, alias: usize) {
        let Some(e) = self.analysis.entities.entities.get(entity) else {
            return;
        };
        let Some(a) = e.aliases.get(alias) else {
            self.message = Some("no alias to split off".into());
            return;
        };
        if crate::text::fold(&a.name) == crate::text::fold(&e.name) {
            self.message = Some("that is the entity's own name: nothing to split off".into());
            return;
        }
        let change = Change::Split {
            entity: e.name.clone(),
            alias: a.name.clone(),
        };
        self.correct(change);
    }

    /// `!`: the selected entity is no entity; in the reading pane, the name at the mention
    /// walk (or the one name of the cursor's sentence) is no entity in this article.
    pub(super) fn not_an_entity(&mut self) {
        if self.focus == Focus::Reader {
            return self.not_an_entity_here();
        }
        if let Some((_, name)) = self.selected_name() {
            self.correct(Change::NotEntity { text: name });
        }
    }

    fn not_an_entity_here(&mut self) {
        let (Some(a), Some(sentence)) = (self.reader.article, self.cursor_span()) else {
            return;
        };
        let walked = (self.entity_view.walk)
            .filter(|w| w.article == a)
            .map(|w| w.current);
        let names: Vec<_> = (self.analysis.entities.in_article(a).iter())
            .map(|m| m.span())
            .filter(|s| sentence.start <= s.start && s.end <= sentence.end)
            .collect();
        let span = match (walked, names.as_slice()) {
            (Some(span), _) => span,
            (None, [one]) => *one,
            (None, []) => {
                self.message = Some("no name in this sentence".into());
                return;
            }
            (None, _) => {
                self.message = Some(
                    "several names here: Enter on one in the entity panel walks to it, then !"
                        .into(),
                );
                return;
            }
        };
        let article = &self.corpus.articles[a];
        let Some(text) = article.text.get(span.start..span.end) else {
            return;
        };
        let change = Change::NotEntityIn {
            article: article.id.clone(),
            text: text.to_owned(),
        };
        self.end_mention_walk();
        self.correct(change);
    }

    /// `U`: undoes the newest correction.
    pub(super) fn undo_correction(&mut self) {
        let Some(store) = self.notes.store.as_mut() else {
            self.message = Some(self.notes_off_line());
            return;
        };
        match store.undo_correction() {
            None => self.message = Some("no correction to undo".into()),
            Some(c) => {
                self.apply_corrections();
                let what = crate::corpus::sanitize_line(&c.change.describe());
                self.save_notes(Some(format!("undone: {what}")));
            }
        }
    }

    /// Records a correction, applies it and saves it with the notes.
    fn correct(&mut self, change: Change) {
        let Some(store) = self.notes.store.as_mut() else {
            self.message = Some(self.notes_off_line());
            return;
        };
        let what = crate::corpus::sanitize_line(&store.correct(change).change.describe());
        self.apply_corrections();
        self.save_notes(Some(format!("corrected: {what}  (U undoes)")));
    }

    fn notes_off_line(&self) -> String {
        if self.notes.off.is_empty() {
            "corrections are kept with the notes, which are not open".into()
        } else {
            format!("corrections are kept with the notes: {}", self.notes.off)
        }
    }
}
