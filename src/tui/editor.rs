//! A small text input for notes and tags: UTF-8 text with a cursor that moves by grapheme,
//! so an accented letter or an emoji is one step and never split. It knows nothing about
//! notes; the caller decides what `Enter` and `Esc` mean.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;

/// What a key did to the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOutcome {
    /// The text or cursor changed, or the key was ignored; keep editing.
    Editing,
    /// `Enter`: the user is done.
    Submit,
    /// `Esc` or `ctrl-c`: the user gave up.
    Cancel,
}

/// The text being typed and the cursor in it (a byte offset on a grapheme boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditorState {
    pub text: String,
    pub cursor: usize,
    /// Whether `alt-enter` inserts a line break (notes) or is ignored (tags).
    pub multiline: bool,
}

impl EditorState {
    /// An editor holding `text`, the cursor at its end.
    pub fn new(text: &str, multiline: bool) -> EditorState {
        EditorState {
            text: text.to_owned(),
            cursor: text.len(),
            multiline,
        }
    }

    /// Applies one key press.
    pub fn handle_key(&mut self, key: KeyEvent) -> EditOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        match key.code {
            KeyCode::Esc => return EditOutcome::Cancel,
            KeyCode::Char('c') if ctrl => return EditOutcome::Cancel,
            KeyCode::Enter if (alt || shift) && self.multiline => self.insert('\n'),
            KeyCode::Enter if alt || shift => {}
            KeyCode::Enter => return EditOutcome::Submit,
            KeyCode::Left => self.cursor = self.previous_boundary(),
            KeyCode::Right => self.cursor = self.next_boundary(),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.text.len(),
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.text.len(),
            KeyCode::Char('u') if ctrl => {
                self.text.drain(..self.cursor);
                self.cursor = 0;
            }
            KeyCode::Backspace => {
                let start = self.previous_boundary();
                self.text.drain(start..self.cursor);
                self.cursor = start;
            }
            KeyCode::Delete => {
                let end = self.next_boundary();
                self.text.drain(self.cursor..end);
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => self.insert(c),
            _ => {}
        }
        EditOutcome::Editing
    }

    /// Inserts pasted text at the cursor as typed text, never as keys: line breaks stay
    /// line breaks in a multi-line editor and become spaces in a one-line one; control
    /// characters are dropped.
    pub fn paste(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        for c in crate::corpus::sanitize(&text).chars() {
            match c {
                '\n' if self.multiline => self.insert('\n'),
                '\n' | '\t' => self.insert(' '),
                c if !c.is_control() => self.insert(c),
                _ => {}
            }
        }
    }

    fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    fn previous_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    /// The line of the cursor (0-based) and its byte offset in that line.
    pub fn cursor_line(&self) -> (usize, usize) {
        let before = &self.text[..self.cursor];
        let line = before.matches('\n').count();
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, self.cursor - start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(e: &mut EditorState, codes: &[KeyCode]) {
        for &c in codes {
            e.handle_key(KeyEvent::new(c, KeyModifiers::NONE));
        }
    }

    fn typed(e: &mut EditorState, s: &str) {
        for c in s.chars() {
            e.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn moves_and_deletes_whole_graphemes() {
        let mut e = EditorState::new("", true);
        typed(&mut e, "été e\u{301}");
        assert_eq!(e.text, "été e\u{301}");
        keys(&mut e, &[KeyCode::Backspace]);
        assert_eq!(e.text, "été ");
        keys(&mut e, &[KeyCode::Home, KeyCode::Right, KeyCode::Delete]);
        assert_eq!(e.text, "éé ");
        keys(&mut e, &[KeyCode::Left, KeyCode::Backspace]);
        assert_eq!((e.text.as_str(), e.cursor), ("éé ", 0));
        keys(&mut e, &[KeyCode::End]);
        typed(&mut e, "à");
        assert_eq!(e.text, "éé à");
    }

    #[test]
    fn enter_submits_and_alt_enter_breaks_the_line() {
        let mut e = EditorState::new("ab", true);
        let alt = KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT);
        assert_eq!(e.handle_key(alt), EditOutcome::Editing);
        typed(&mut e, "c");
        assert_eq!(e.text, "ab\nc");
        assert_eq!(e.cursor_line(), (1, 1));
        let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(e.handle_key(enter), EditOutcome::Submit);
        let mut tags = EditorState::new("x", false);
        tags.handle_key(alt);
        assert_eq!(tags.text, "x");
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(tags.handle_key(esc), EditOutcome::Cancel);
    }
}
