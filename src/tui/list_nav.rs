//! Moving through a list: the one place that knows what next, previous, a page, top and
//! bottom do to a selection and the first row shown. The article list, the side panel,
//! the notes list, the coverage map's rows, the help and the aliases all move with it, so
//! a key does the same in each.

use super::action::Action;

/// Selection and scroll of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
}

impl ListState {
    /// Selects row `i` of `len` (clamped) and scrolls so it shows in `height` rows.
    pub fn select(&mut self, i: usize, len: usize, height: usize) {
        self.selected = i.min(len.saturating_sub(1));
        self.offset = visible_offset(self.offset, self.selected, height);
    }

    /// Moves the selection by `delta` rows.
    pub fn move_by(&mut self, delta: isize, len: usize, height: usize) {
        self.select(self.selected.saturating_add_signed(delta), len, height);
    }

    /// Moves the selection of a list of `len` rows shown `height` at a time as `action`
    /// asks (next, previous, page, top, bottom; a line scroll moves by one); false when the
    /// action does not move through lists.
    pub fn navigate(&mut self, action: Action, len: usize, height: usize) -> bool {
        let page = height.max(1) as isize;
        match action {
            Action::Next | Action::ScrollDown => self.move_by(1, len, height),
            Action::Previous | Action::ScrollUp => self.move_by(-1, len, height),
            Action::PageDown => self.move_by(page, len, height),
            Action::PageUp => self.move_by(-page, len, height),
            Action::Top => self.select(0, len, height),
            Action::Bottom => self.select(len.saturating_sub(1), len, height),
            _ => return false,
        }
        true
    }

    /// Scrolls text of `len` lines shown `height` at a time, with no selection of its own:
    /// the same actions move the first line shown, never past the last screenful.
    pub fn scroll(&mut self, action: Action, len: usize, height: usize) -> bool {
        let page = height.max(1);
        let last = len.saturating_sub(page);
        self.offset = match action {
            Action::Next | Action::ScrollDown => self.offset + 1,
            Action::Previous | Action::ScrollUp => self.offset.saturating_sub(1),
            Action::PageDown => self.offset + page,
            Action::PageUp => self.offset.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        }
        .min(last);
        self.selected = self.offset;
        true
    }
}

/// The first row to show so that `selected` is visible in `height` rows, keeping `offset`
/// when it already is.
pub fn visible_offset(offset: usize, selected: usize, height: usize) -> usize {
    let height = height.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_page_and_ends_keep_the_selection_in_view() {
        let mut l = ListState::default();
        assert!(l.navigate(Action::PageDown, 100, 10));
        assert_eq!((l.selected, l.offset), (10, 1));
        l.navigate(Action::Bottom, 100, 10);
        assert_eq!((l.selected, l.offset), (99, 90));
        l.navigate(Action::Next, 100, 10);
        assert_eq!(l.selected, 99);
        l.navigate(Action::PageUp, 100, 10);
        assert_eq!((l.selected, l.offset), (89, 89));
        l.navigate(Action::Top, 100, 10);
        assert_eq!((l.selected, l.offset), (0, 0));
        assert!(!l.navigate(Action::Search, 100, 10));
        l.navigate(Action::Next, 0, 10);
        assert_eq!(l.selected, 0, "an empty list stays at 0");
    }

    #[test]
    fn scrolling_text_stops_at_the_last_screenful() {
        let mut l = ListState::default();
        l.scroll(Action::Bottom, 30, 10);
        assert_eq!(l.offset, 20);
        l.scroll(Action::Next, 30, 10);
        assert_eq!(l.offset, 20);
        l.scroll(Action::PageUp, 30, 10);
        assert_eq!(l.offset, 10);
        l.scroll(Action::Top, 5, 10);
        assert_eq!(l.offset, 0);
    }
}
