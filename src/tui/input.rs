//! Terminal events turned into changes of the [`App`]: keys go to the search prompt while
//! one is open, otherwise through the keymap to [`App::update`]; the mouse scrolls the
//! pane under the pointer and a click focuses a pane and selects what is under it.

use super::action::Action;
use super::app::{App, Focus};
use super::layout;
use super::reader::Source;
use super::wrap::grapheme_width;
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use unicode_segmentation::UnicodeSegmentation;

/// Lines or rows moved by one turn of the mouse wheel.
const WHEEL_STEP: isize = 3;

impl App {
    /// Handles one key press.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.message = None;
        if self.handle_notes_key(key) {
            return;
        }
        if self.prompt.is_some() {
            self.handle_prompt_key(key);
        } else if let Some(action) = self.keymap.action(&key) {
            self.update(action);
        }
    }

    /// Text pasted into the terminal (bracketed paste): typed into the note editor or the
    /// search prompt when one is open, and otherwise ignored, so that pasted lines never
    /// run as commands.
    pub fn handle_paste(&mut self, text: &str) {
        if let Some(edit) = &mut self.notes.edit {
            edit.input.paste(text);
        } else if let Some(prompt) = &mut self.prompt {
            let line = crate::corpus::sanitize_line(text);
            prompt.input.push_str(line.trim());
            self.preview_search();
        } else {
            self.message = Some("paste ignored: no note or search is being typed".into());
        }
    }

    fn handle_prompt_key(&mut self, key: KeyEvent) {
        let Some(prompt) = &mut self.prompt else {
            return;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => {
                self.search = prompt.previous.take();
                self.prompt = None;
                return;
            }
            KeyCode::Enter => return self.confirm_search(),
            KeyCode::Char('c') if ctrl => {
                self.search = prompt.previous.take();
                self.prompt = None;
                return;
            }
            KeyCode::Char('u') if ctrl => prompt.input.clear(),
            KeyCode::Backspace => {
                if prompt.input.pop().is_none() {
                    self.prompt = None;
                    return;
                }
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => prompt.input.push(c),
            _ => return,
        }
        self.preview_search();
    }

    /// Handles one mouse event.
    pub fn handle_mouse(&mut self, event: MouseEvent) {
        if !self.overlays.is_empty() || self.prompt.is_some() || self.notes.edit.is_some() {
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
            self.update(action);
        }
        self.focus = focus;
    }

    fn click(&mut self, pane: Focus, area: ratatui::layout::Rect, x: u16, y: u16) {
        match pane {
            Focus::List => {
                let inner = layout::inner(area);
                if y >= inner.y {
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
