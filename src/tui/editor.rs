//! A small text input for notes, tags, the search and prompts: UTF-8 text with a cursor
//! that moves by grapheme, so an accented letter or an emoji is one step and never split.
//! It takes typing [`Action`]s, not keys, so every key is the keymap's; it knows nothing
//! about notes, and the caller decides what submitting and cancelling mean. Long lines
//! wrap into screen rows ([`rows`]), the same for drawing and for moving up and down.

use super::action::Action;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What an action did to the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOutcome {
    /// The text or cursor changed; keep editing.
    Editing,
    /// Not a typing action: the editor did nothing with it.
    Ignored,
    /// The user is done.
    Submit,
    /// The user gave up.
    Cancel,
}

/// The text being typed and the cursor in it (a byte offset on a grapheme boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditorState {
    pub text: String,
    pub cursor: usize,
    /// Whether a new line can be typed (notes) or not (tags, the search).
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

    /// Applies one typing action; `width` is the width of the rows the text wraps into,
    /// which moving up and down follows.
    pub fn apply(&mut self, action: Action, width: usize) -> EditOutcome {
        match action {
            Action::Submit => return EditOutcome::Submit,
            Action::CancelInput => return EditOutcome::Cancel,
            Action::InsertChar(c) if !c.is_control() => self.insert(c),
            Action::NewLine if self.multiline => self.insert('\n'),
            Action::CursorLeft => self.cursor = self.previous_boundary(),
            Action::CursorRight => self.cursor = self.next_boundary(),
            Action::CursorHome => self.cursor = 0,
            Action::CursorEnd => self.cursor = self.text.len(),
            Action::CursorUp => self.move_row(-1, width),
            Action::CursorDown => self.move_row(1, width),
            Action::DeleteBack => self.delete_to(self.previous_boundary()),
            Action::DeleteForward => {
                let end = self.next_boundary();
                self.text.drain(self.cursor..end);
            }
            Action::DeleteWord => self.delete_to(self.word_start()),
            Action::DeleteLine => {
                let start = self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1);
                self.delete_to(start);
            }
            a if a.is_typing() => {}
            _ => return EditOutcome::Ignored,
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

    /// Deletes from `start` (before the cursor) to the cursor.
    fn delete_to(&mut self, start: usize) {
        self.text.drain(start..self.cursor);
        self.cursor = start;
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

    /// The start of the word before the cursor, spaces before the cursor included (as
    /// readline's Ctrl-W); never across a line break.
    fn word_start(&self) -> usize {
        let before = &self.text[..self.cursor];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let word = before[line_start..].trim_end();
        let start = word
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        line_start + start
    }

    /// The row of the cursor among [`rows`] of `width`, and its column in cells.
    pub fn cursor_row(&self, width: usize) -> (usize, usize) {
        let rows = rows(&self.text, width);
        let row = row_of(&rows, self.cursor);
        let start = rows[row].start;
        (row, self.text[start..self.cursor].width())
    }

    /// Moves the cursor `delta` rows up or down, keeping its column where the row allows.
    fn move_row(&mut self, delta: isize, width: usize) {
        let rows = rows(&self.text, width);
        let (row, col) = self.cursor_row(width);
        let Some(target) = row.checked_add_signed(delta).filter(|&r| r < rows.len()) else {
            return;
        };
        let range = rows[target].clone();
        let continues = rows.get(target + 1).is_some_and(|r| r.start == range.end);
        let mut pos = range.start;
        let mut used = 0;
        for (i, g) in self.text[range.clone()].grapheme_indices(true) {
            if used + g.width() > col {
                break;
            }
            used += g.width();
            pos = range.start + i + g.len();
        }
        if continues && pos == range.end {
            pos = self.text[range.start..pos]
                .grapheme_indices(true)
                .next_back()
                .map_or(range.start, |(i, _)| range.start + i);
        }
        self.cursor = pos;
    }
}

/// The screen rows of `text` wrapped to `width` cells, as byte ranges: each line breaks
/// after its last space that fits (or between graphemes in a word longer than the row),
/// and one cell stays free at the end of a row for the cursor. Every byte but the line
/// breaks belongs to one row; an empty line is an empty row.
pub fn rows(text: &str, width: usize) -> Vec<Range<usize>> {
    let fits = width.max(2) - 1;
    let mut rows = Vec::new();
    let mut base = 0;
    for line in text.split('\n') {
        let (mut start, mut col, mut space) = (0, 0, None);
        for (i, g) in line.grapheme_indices(true) {
            let w = g.width();
            if col + w > fits && i > start {
                let cut = space.filter(|&s| s > start).unwrap_or(i);
                rows.push(base + start..base + cut);
                col = line[cut..i].width();
                start = cut;
                space = None;
            }
            col += w;
            if g == " " {
                space = Some(i + 1);
            }
        }
        rows.push(base + start..base + line.len());
        base += line.len() + 1;
    }
    rows
}

/// The row showing byte `pos`: the last row starting at or before it.
fn row_of(rows: &[Range<usize>], pos: usize) -> usize {
    rows.partition_point(|r| r.start <= pos).saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(e: &mut EditorState, s: &str) {
        for c in s.chars() {
            e.apply(Action::InsertChar(c), 80);
        }
    }

    fn apply(e: &mut EditorState, actions: &[Action]) {
        for &a in actions {
            e.apply(a, 80);
        }
    }

    #[test]
    fn moves_and_deletes_whole_graphemes() {
        let mut e = EditorState::new("", true);
        typed(&mut e, "été e\u{301}");
        assert_eq!(e.text, "été e\u{301}");
        apply(&mut e, &[Action::DeleteBack]);
        assert_eq!(e.text, "été ");
        apply(
            &mut e,
            &[
                Action::CursorHome,
                Action::CursorRight,
                Action::DeleteForward,
            ],
        );
        assert_eq!(e.text, "éé ");
        apply(&mut e, &[Action::CursorLeft, Action::DeleteBack]);
        assert_eq!((e.text.as_str(), e.cursor), ("éé ", 0));
        apply(&mut e, &[Action::CursorEnd]);
        typed(&mut e, "à");
        assert_eq!(e.text, "éé à");
    }

    #[test]
    fn submit_cancel_and_new_lines_only_where_they_belong() {
        let mut e = EditorState::new("ab", true);
        assert_eq!(e.apply(Action::NewLine, 80), EditOutcome::Editing);
        typed(&mut e, "c");
        assert_eq!(e.text, "ab\nc");
        assert_eq!(e.cursor_row(80), (1, 1));
        assert_eq!(e.apply(Action::Submit, 80), EditOutcome::Submit);
        let mut tags = EditorState::new("x", false);
        tags.apply(Action::NewLine, 80);
        assert_eq!(tags.text, "x");
        assert_eq!(tags.apply(Action::CancelInput, 80), EditOutcome::Cancel);
        assert_eq!(tags.apply(Action::Next, 80), EditOutcome::Ignored);
    }

    #[test]
    fn ctrl_w_deletes_a_word_and_ctrl_u_the_line() {
        let mut e = EditorState::new("un deux  trois  ", true);
        e.apply(Action::DeleteWord, 80);
        assert_eq!(e.text, "un deux  ");
        e.apply(Action::DeleteWord, 80);
        assert_eq!(e.text, "un ");
        e.apply(Action::NewLine, 80);
        typed(&mut e, "quatre cinq");
        e.apply(Action::DeleteLine, 80);
        assert_eq!((e.text.as_str(), e.cursor), ("un \n", 4));
        e.apply(Action::DeleteWord, 80);
        assert_eq!(e.text, "un \n", "a word never spans a line break");
        e.apply(Action::DeleteBack, 80);
        e.apply(Action::DeleteWord, 80);
        assert_eq!(e.text, "");
    }

    #[test]
    fn long_lines_wrap_at_spaces_and_up_down_follow_rows() {
        let text = "the quick brown fox jumps";
        let r = rows(text, 12);
        let shown: Vec<&str> = r.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(shown, ["the quick ", "brown fox ", "jumps"]);
        assert_eq!(rows("abcdefgh", 4).len(), 3, "a long word is cut");
        assert_eq!(rows("a\n\nb", 10).len(), 3);
        let mut e = EditorState::new(text, true);
        assert_eq!(e.cursor_row(12), (2, 5));
        e.apply(Action::CursorUp, 12);
        assert_eq!((e.cursor, e.cursor_row(12)), (15, (1, 5)));
        e.apply(Action::CursorUp, 12);
        assert_eq!(e.cursor_row(12), (0, 5));
        e.apply(Action::CursorUp, 12);
        assert_eq!(e.cursor_row(12), (0, 5), "the first row stays");
        e.apply(Action::CursorEnd, 12);
        e.apply(Action::CursorHome, 12);
        e.apply(Action::CursorDown, 12);
        assert_eq!(e.cursor, 10);
    }
}
