//! Wrapping text to a width in terminal cells. The reader shows article text as it is
//! stored, so wrapping never copies or rewrites it: it returns byte ranges, one per screen
//! line. Break opportunities come from the Unicode line-breaking algorithm (so CJK text
//! breaks between ideographs and a no-break space glues its neighbours); widths are display
//! widths of whole graphemes, tabs run to the next stop of [`TAB_WIDTH`], and a word wider
//! than the line is cut between graphemes, never inside one.

use std::iter::Peekable;
use std::ops::Range;
use unicode_linebreak::linebreaks;
use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation};
use unicode_width::UnicodeWidthStr;

/// Columns between tab stops.
pub const TAB_WIDTH: usize = 8;

/// True for whitespace a line may break at and lose: not the no-break spaces.
pub fn is_break_space(c: char) -> bool {
    c.is_whitespace()
        && !matches!(
            c,
            '\u{A0}' | '\u{202F}' | '\u{2007}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// Display width of one grapheme starting at column `col`: tabs reach the next tab stop and
/// a line break inside a paragraph shows as one space.
pub fn grapheme_width(g: &str, col: usize) -> usize {
    match g {
        "\t" => TAB_WIDTH - col % TAB_WIDTH,
        "\n" | "\r\n" | "\r" => 1,
        _ => g.width(),
    }
}

/// Display width of a whole line of text starting at column 0.
pub fn line_width(s: &str) -> usize {
    s.graphemes(true)
        .fold(0, |col, g| col + grapheme_width(g, col))
}

/// Splits `text` into lines of at most `width` cells, as byte ranges into `text`.
///
/// Lines end at Unicode break opportunities; the breakable spaces at a break belong to no
/// line. A grapheme wider than `width` is put alone on its line. Empty text, or text of
/// nothing but breakable spaces, gives no line.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    Lines::new(text, width).collect()
}

/// The lines of [`wrap`], produced one at a time so that a long text is laid out only as
/// far as it is read.
pub struct Lines<'a> {
    text: &'a str,
    width: usize,
    graphemes: Peekable<GraphemeIndices<'a>>,
    breaks: Peekable<Box<dyn Iterator<Item = usize> + 'a>>,
    /// Start of the line being filled.
    start: usize,
    /// Its width so far.
    col: usize,
    /// Latest break opportunity inside it.
    candidate: Option<usize>,
    done: bool,
}

impl<'a> Lines<'a> {
    /// Lines of `text` wrapped to `width` cells (at least one).
    pub fn new(text: &'a str, width: usize) -> Lines<'a> {
        let breaks: Box<dyn Iterator<Item = usize> + 'a> =
            Box::new(linebreaks(text).map(|(i, _)| i));
        Lines {
            text,
            width: width.max(1),
            graphemes: text.grapheme_indices(true).peekable(),
            breaks: breaks.peekable(),
            start: 0,
            col: 0,
            candidate: None,
            done: false,
        }
    }

    /// Where the next line starts: resuming a wrap from here gives the same lines.
    pub fn next_start(&self) -> usize {
        self.start
    }

    /// True once the last line has been produced.
    pub fn is_done(&self) -> bool {
        self.done
    }
}

impl Iterator for Lines<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let text = self.text;
        while let Some(&(pos, g)) = self.graphemes.peek() {
            while self.breaks.next_if(|&b| b < pos).is_some() {}
            if pos > self.start && self.breaks.peek() == Some(&pos) {
                self.candidate = Some(pos);
            }
            let space = g.chars().all(is_break_space);
            if !space && pos > self.start && self.col + grapheme_width(g, self.col) > self.width {
                let (line, next) = match self.candidate.take() {
                    // A break after nothing but spaces (a leading tab) makes no line: the
                    // spaces belong to no line, and the word starts the next one.
                    Some(at) if at > self.start && trim_end(text, self.start, at) == self.start => {
                        self.start = at;
                        self.col = line_width(&text[at..pos]);
                        continue;
                    }
                    Some(at) if at > self.start => (self.start..trim_end(text, self.start, at), at),
                    // No break opportunity: cut before this grapheme, leaving out the spaces
                    // (tabs) that overflowed the line; a line of nothing but them is dropped.
                    _ => {
                        let end = trim_end(text, self.start, pos);
                        if end == self.start {
                            self.start = pos;
                            self.col = 0;
                            continue;
                        }
                        (self.start..end, pos)
                    }
                };
                self.start = next;
                self.col = line_width(&text[self.start..pos]);
                return Some(line);
            }
            self.col += grapheme_width(g, self.col);
            self.graphemes.next();
        }
        if self.done {
            return None;
        }
        self.done = true;
        let end = trim_end(text, self.start, text.len());
        (end > self.start).then_some(self.start..end)
    }
}

/// End of `text[start..end]` without its trailing breakable spaces.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let kept = text[start..end].trim_end_matches(is_break_space);
    start + kept.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    /// Found by fuzzing: a text of one space gave an empty line.
    #[test]
    fn spaces_alone_give_no_line() {
        assert!(lines(" ", 7).is_empty());
        assert!(lines(" \t  ", 1).is_empty());
        assert!(lines("", 3).is_empty());
    }

    /// Found by fuzzing: a tab, then a word wider than what was left of the line, gave an
    /// empty first line.
    #[test]
    fn a_leading_tab_before_a_long_word_makes_no_empty_line() {
        assert_eq!(lines("\tUne lettre", 4), ["Une", "lett", "re"]);
        assert_eq!(lines("\tab", 4), ["ab"]);
    }

    #[test]
    fn breaks_at_spaces_and_drops_them() {
        assert_eq!(lines("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(lines("the quick brown fox", 9), ["the quick", "brown fox"]);
        assert_eq!(lines("a  b", 1), ["a", "b"]);
    }

    #[test]
    fn never_breaks_at_a_no_break_space() {
        let t = "il a dit\u{A0}: « oui\u{202F}! »";
        for l in lines(t, 9) {
            assert!(!l.ends_with('\u{A0}') && !l.starts_with(':'), "{l:?}");
        }
        assert_eq!(lines("aaa bb\u{A0}cc", 7), ["aaa", "bb\u{A0}cc"]);
    }

    #[test]
    fn cuts_long_words_between_graphemes() {
        assert_eq!(lines("abcdefgh", 3), ["abc", "def", "gh"]);
        let t = "e\u{301}e\u{301}e\u{301}";
        assert_eq!(lines(t, 2), ["e\u{301}e\u{301}", "e\u{301}"]);
    }

    #[test]
    fn wide_characters_fill_by_cells() {
        assert_eq!(
            lines("日本語の文章です", 5),
            ["日本", "語の", "文章", "です"]
        );
        assert_eq!(lines("ab🎉cd", 3), ["ab", "🎉", "cd"]);
        assert_eq!(lines("abc🎉d", 4), ["abc", "🎉d"]);
        let family = "👨‍👩‍👧";
        assert_eq!(lines(&format!("{family}{family}"), 3), [family, family]);
    }

    #[test]
    fn tabs_reach_the_next_stop() {
        assert_eq!(line_width("a\tb"), 9);
        assert_eq!(lines("a\tb c", 9), ["a\tb", "c"]);
    }

    fn width_of(s: &str) -> usize {
        line_width(s)
    }

    #[test]
    fn resuming_at_next_start_gives_the_same_lines() {
        let t = "Une phrase assez longue, avec des mots\u{A0}: et d'autres encore à couper.";
        let all = wrap(t, 11);
        let mut lines = Lines::new(t, 11);
        let first: Vec<_> = lines.by_ref().take(2).collect();
        let at = lines.next_start();
        let rest: Vec<_> = Lines::new(&t[at..], 11)
            .map(|r| r.start + at..r.end + at)
            .collect();
        assert_eq!([first, rest].concat(), all);
    }

    proptest! {
        #[test]
        fn wrapped_lines_fit_and_give_back_the_text(
            text in "([a-zé日本🎉 \u{A0}\u{202F}\t]|e\u{301}|👨‍👩‍👧){0,60}",
            width in 2usize..30,
        ) {
            let ranges = wrap(&text, width);
            let mut prev = 0;
            let bounds: Vec<usize> =
                text.grapheme_indices(true).map(|(i, _)| i).chain([text.len()]).collect();
            for r in &ranges {
                let l = &text[r.clone()];
                prop_assert!(width_of(l) <= width, "{l:?} wider than {width}");
                prop_assert!(bounds.contains(&r.start) && bounds.contains(&r.end));
                prop_assert!(text[prev..r.start].chars().all(is_break_space));
                prev = r.end;
            }
            prop_assert!(text[prev..].chars().all(is_break_space));
        }
    }
}
