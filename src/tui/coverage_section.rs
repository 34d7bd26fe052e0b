//! The coverage section (`c`) as a place of its own under the reading text: a sentence
//! reported by many articles has more passages than the section shows, so the section
//! takes the keys in turn (`Tab` from the reading text, `Shift-Tab` from the entities) and
//! scrolls by screen lines with the list keys, down to its last passage. Its scroll belongs
//! to the sentence it was scrolled on: another sentence's passages show from the top.

use super::action::Action;
use super::app::{App, Focus};
use super::facts_nav::reading_split;
use super::layout;
use super::list_nav::ListState;
use ratatui::layout::Rect;

impl App {
    /// The coverage section's area at the current size, when it is shown.
    pub fn coverage_area(&self) -> Option<Rect> {
        if !self.fact_view.coverage {
            return None;
        }
        let areas = layout::areas_with(self.size(), Focus::Reader, self.list_width);
        areas.reader.and_then(|r| reading_split(r, true).1)
    }

    /// True when the coverage section is shown and has the keys.
    pub fn coverage_focused(&self) -> bool {
        self.fact_view.coverage_focused
            && self.focus == Focus::Reader
            && self.coverage_area().is_some()
    }

    /// The first of the section's `len` lines to show in `height` rows: its scroll when it
    /// was scrolled on the cursor's sentence, else the top.
    pub fn coverage_offset(&self, len: usize, height: usize) -> usize {
        let here = self.reader.article.map(|a| (a, self.reader.cursor));
        if here.is_none() || self.fact_view.passages_of != here {
            return 0;
        }
        (self.fact_view.passages.offset).min(len.saturating_sub(height.max(1)))
    }

    /// The focus actions that go into or out of the coverage section, and the list keys
    /// while it has them; true when the action was for it.
    pub(super) fn update_coverage_section(&mut self, action: Action) -> bool {
        if self.coverage_area().is_none() {
            self.fact_view.coverage_focused = false;
            return false;
        }
        let focused = self.coverage_focused();
        match action {
            Action::FocusNext if self.focus == Focus::Reader && !focused => {
                self.fact_view.coverage_focused = true;
                true
            }
            Action::FocusPrevious if self.focus == Focus::Side => {
                self.set_focus(Focus::Reader);
                self.fact_view.coverage_focused = true;
                true
            }
            Action::FocusPrevious | Action::Cancel if focused => {
                self.fact_view.coverage_focused = false;
                true
            }
            _ if !focused => false,
            // On to the panes, as from the reading text.
            Action::FocusNext | Action::FocusLeft | Action::FocusRight => {
                self.fact_view.coverage_focused = false;
                false
            }
            a => self.scroll_coverage(a),
        }
    }

    /// Scrolls the coverage section as `action` asks; false when it does not scroll.
    fn scroll_coverage(&mut self, action: Action) -> bool {
        let Some(area) = self.coverage_area() else {
            return false;
        };
        let inner = layout::inner(area);
        let len = super::view::passage_lines(self, inner.width as usize).len();
        let here = self.reader.article.map(|a| (a, self.reader.cursor));
        if self.fact_view.passages_of != here {
            self.fact_view.passages = ListState::default();
            self.fact_view.passages_of = here;
        }
        (self.fact_view.passages).scroll(action, len, inner.height.max(1) as usize)
    }
}
