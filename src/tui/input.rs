//! Terminal events turned into changes of the [`App`]: keys become actions through the
//! keymap (its typing context while a typing layer is on top) and go to [`App::update`];
//! pasted text goes to the layer being typed in; the mouse scrolls the pane under the
//! pointer and a click focuses a pane and selects what is under it.

use super::action::Action;
use super::app::{App, Focus};
use super::effect::Effect;
use super::layer::Layer;
use super::layout;
use super::reader::Source;
use super::wrap::grapheme_width;
use crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use unicode_segmentation::UnicodeSegmentation;

/// Lines or rows moved by one turn of the mouse wheel.
const WHEEL_STEP: isize = 3;

impl App {
    /// Handles one key press: the keymap turns it into an action (in the typing context
    /// while a typing layer is on top) and [`App::update`] carries it out. Returns the
    /// effects to run.
    pub fn handle_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind == KeyEventKind::Release {
            return Vec::new();
        }
        self.message = None;
        let typing = self.layers.last().is_some_and(Layer::is_typing);
        let action = if typing {
            self.keymap.typing_action(&key)
        } else {
            self.keymap.action(&key)
        };
        action.map_or_else(Vec::new, |a| self.update(a))
    }

    /// Text pasted into the terminal (bracketed paste): typed into the note editor or the
    /// search prompt when one is on top, and otherwise ignored, so that pasted lines never
    /// run as commands.
    pub fn handle_paste(&mut self, text: &str) {
        match self.layers.last_mut() {
            Some(Layer::Editor(edit)) => edit.input.paste(text),
            Some(Layer::Search(prompt)) => {
                let line = crate::corpus::sanitize_line(text);
                prompt.input.paste(line.trim());
                let query = prompt.input.text.clone();
                self.preview_search(&query);
            }
            _ => self.message = Some("paste ignored: no note or search is being typed".into()),
        }
    }

    /// Handles one mouse event.
    pub fn handle_mouse(&mut self, event: MouseEvent) {
        if !self.layers.is_empty() {
            return;
        }
        let areas = self.areas();
        let Some(pane) = areas.pane_at(event.column, event.row) else {
            return;
        };
        match event.kind {
            MouseEventKind::ScrollDown => self.scroll_pane(pane, WHEEL_STEP),
            MouseEventKind::ScrollUp => self.scroll_pane(pane, -WHEEL_STEP),
            MouseEventKind::Down(MouseButton::Left) => {
                self.set_focus(pane);
                let Some(area) = self.areas().pane(pane) else {
                    return;
                };
                self.click(pane, area, event.column, event.row);
            }
            _ => {}
        }
    }

    fn scroll_pane(&mut self, pane: Focus, delta: isize) {
        let focus = self.focus;
        self.focus = pane;
        let action = if delta > 0 {
            Action::ScrollDown
        } else {
            Action::ScrollUp
        };
        for _ in 0..delta.unsigned_abs() {
            let effects = self.update(action);
            self.effects.extend(effects);
        }
        self.focus = focus;
    }

    fn click(&mut self, pane: Focus, area: ratatui::layout::Rect, x: u16, y: u16) {
        match pane {
            Focus::List => {
                let inner = layout::inner(area);
                if y >= inner.y && self.showing_stories() {
                    let row = self.stories_view.list.offset + (y - inner.y) as usize;
                    if row < self.visible_stories().len() {
                        self.stories_view.list.selected = row;
                    }
                } else if y >= inner.y {
                    let row = self.list.offset + (y - inner.y) as usize;
                    if row < self.list_articles().len() {
                        self.list.selected = row;
                    }
                }
            }
            Focus::Side => {
                let inner = layout::inner(area);
                if y >= inner.y {
                    let row = self.side.offset + (y - inner.y) as usize;
                    if row < self.side_rows().len() {
                        self.side.selected = row;
                    }
                }
            }
            Focus::Reader => self.click_reader(x, y),
        }
    }

    /// Moves the reading cursor to the sentence under a screen position.
    fn click_reader(&mut self, x: u16, y: u16) {
        let view = self.reader_view();
        if y < view.y || y >= view.y + view.height || x < view.x {
            return;
        }
        let row = self.reader.scroll + (y - view.y) as usize;
        let target = (x - view.x) as usize;
        let pos = self.with_layout(|layout, article| {
            layout.ensure_lines(article, row + 1);
            let line = layout
                .lines()
                .get(row)
                .filter(|l| l.source == Source::Text)?;
            let mut col = 0;
            let mut pos = line.start;
            for (i, g) in article.text[line.start..line.end].grapheme_indices(true) {
                col += grapheme_width(g, col);
                pos = line.start + i;
                if col > target {
                    break;
                }
            }
            Some(pos)
        });
        let (Some(Some(pos)), Some(article)) = (pos, self.article()) else {
            return;
        };
        if let Some(i) = article.structure.sentence_at(pos) {
            self.reader.cursor = i;
        }
    }
}
