//! Where each pane goes for a terminal size. Drawing and mouse handling both ask this
//! module, so a click always lands on the pane that was drawn there. Narrow terminals
//! collapse to two panes, then to the focused pane alone; a terminal too small for any
//! pane gets a short message instead.

use super::app::Focus;
use ratatui::layout::Rect;

/// Below this width or height the reader shows only a message.
pub const MIN_WIDTH: u16 = 10;
pub const MIN_HEIGHT: u16 = 2;
/// From this width all three panes are shown; from [`TWO_PANES`], two.
pub const THREE_PANES: u16 = 100;
pub const TWO_PANES: u16 = 60;

/// The screen regions for one frame; a hidden pane has no area.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub side: Option<Rect>,
    pub status: Option<Rect>,
    /// Set when nothing fits: the whole screen, for a message.
    pub too_small: Option<Rect>,
}

impl Areas {
    /// The area of a pane, if shown.
    pub fn pane(&self, pane: Focus) -> Option<Rect> {
        match pane {
            Focus::List => self.list,
            Focus::Reader => self.reader,
            Focus::Side => self.side,
        }
    }

    /// The pane under a screen position.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Focus> {
        let pos = ratatui::layout::Position::new(x, y);
        Focus::ALL
            .into_iter()
            .find(|&p| self.pane(p).is_some_and(|r| r.contains(pos)))
    }
}

/// Splits the screen for the given focus.
pub fn areas(size: Rect, focus: Focus) -> Areas {
    areas_with(size, focus, None)
}

/// Narrowest and widest the article list can be made with `<` and `>`.
pub const LIST_WIDTHS: (u16, u16) = (16, 80);

/// Splits the screen for the given focus, the article list `list` cells wide when three
/// panes fit (else as the screen allows), never leaving the reading pane less than half.
pub fn areas_with(size: Rect, focus: Focus, list: Option<u16>) -> Areas {
    if size.width < MIN_WIDTH || size.height < MIN_HEIGHT {
        return Areas {
            too_small: Some(size),
            ..Areas::default()
        };
    }
    let main = Rect {
        height: size.height - 1,
        ..size
    };
    let status = Rect {
        y: size.y + size.height - 1,
        height: 1,
        ..size
    };
    let mut areas = Areas {
        status: Some(status),
        ..Areas::default()
    };
    let w = main.width;
    if w >= THREE_PANES {
        let side_w = (w * 22 / 100).clamp(22, 36);
        let list_w = match list {
            Some(l) => l.clamp(LIST_WIDTHS.0, LIST_WIDTHS.1).min((w - side_w) / 2),
            None => (w * 28 / 100).clamp(24, 44),
        };
        let (list, rest) = split(main, list_w);
        let (reader, side) = split(rest, rest.width - side_w);
        areas.list = Some(list);
        areas.reader = Some(reader);
        areas.side = Some(side);
    } else if w >= TWO_PANES {
        let (left, right) = split(main, w * 2 / 5);
        if focus == Focus::Side {
            let (reader, side) = split(main, w - w * 2 / 5);
            areas.reader = Some(reader);
            areas.side = Some(side);
        } else {
            areas.list = Some(left);
            areas.reader = Some(right);
        }
    } else {
        match focus {
            Focus::List => areas.list = Some(main),
            Focus::Reader => areas.reader = Some(main),
            Focus::Side => areas.side = Some(main),
        }
    }
    areas
}

fn split(r: Rect, left: u16) -> (Rect, Rect) {
    let left = left.min(r.width);
    (
        Rect { width: left, ..r },
        Rect {
            x: r.x + left,
            width: r.width - left,
            ..r
        },
    )
}

/// True when a pane this size gets a border.
pub fn has_border(r: Rect) -> bool {
    r.width >= 6 && r.height >= 3
}

/// The inside of a pane, within its border.
pub fn inner(r: Rect) -> Rect {
    if has_border(r) {
        Rect::new(r.x + 1, r.y + 1, r.width - 2, r.height - 2)
    } else {
        r
    }
}

/// Cells left of the reading text for the fact marks (`+4/2`, `≠3`, ` ·`) and one cell of
/// space, when there is room.
pub const GUTTER: u16 = 5;

/// The text column of the reading pane: its inside less the gutter on the left and one
/// cell of margin on the right when there is room.
pub fn reader_text(r: Rect) -> Rect {
    let i = inner(r);
    if i.width >= 30 {
        Rect::new(i.x + GUTTER, i.y, i.width - GUTTER - 1, i.height)
    } else {
        i
    }
}

/// The gutter of the reading pane (four cells of marks), if there is room for one.
pub fn reader_gutter(r: Rect) -> Option<Rect> {
    let i = inner(r);
    (i.width >= 30).then(|| Rect::new(i.x, i.y, GUTTER - 1, i.height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_show_three_panes_side_by_side() {
        let a = areas(Rect::new(0, 0, 120, 40), Focus::List);
        let (l, r, s) = (a.list.unwrap(), a.reader.unwrap(), a.side.unwrap());
        assert_eq!(l.width + r.width + s.width, 120);
        assert_eq!(a.status.unwrap().y, 39);
        assert_eq!(a.pane_at(l.x, 5), Some(Focus::List));
        assert_eq!(a.pane_at(s.x + 1, 5), Some(Focus::Side));
        assert_eq!(a.pane_at(0, 39), None);
    }

    #[test]
    fn the_list_takes_the_width_asked_within_bounds() {
        let size = Rect::new(0, 0, 120, 40);
        let list = |w| areas_with(size, Focus::List, w).list.unwrap().width;
        assert_eq!(list(None), 33);
        assert_eq!(list(Some(40)), 40);
        assert_eq!(list(Some(2)), LIST_WIDTHS.0);
        // The reading pane keeps at least half of what the side panel leaves.
        assert_eq!(list(Some(80)), (120 - 26) / 2);
    }

    #[test]
    fn narrow_screens_keep_the_focused_pane() {
        let a = areas(Rect::new(0, 0, 20, 6), Focus::Reader);
        assert_eq!(a.reader, Some(Rect::new(0, 0, 20, 5)));
        assert!(a.list.is_none() && a.side.is_none());
        let b = areas(Rect::new(0, 0, 70, 20), Focus::Side);
        assert!(b.side.is_some() && b.reader.is_some() && b.list.is_none());
    }

    #[test]
    fn tiny_screens_get_a_message() {
        assert!(areas(Rect::new(0, 0, 1, 1), Focus::List)
            .too_small
            .is_some());
        assert!(areas(Rect::new(0, 0, 9, 6), Focus::List)
            .too_small
            .is_some());
    }
}
