//! The reading pane's state: which article is open, which sentence the cursor is on, and
//! how far the text is scrolled. Screen lines are byte ranges into the article, computed
//! once per width by [`ArticleLayout`] and kept until the width or the article changes, so
//! moving and scrolling never re-wrap and drawing only styles the lines on screen.

use super::wrap::wrap;
use crate::corpus::Article;
use crate::text::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// What a screen line of the reading pane holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A piece of the title, when the title is not the text's first line.
    Title,
    /// A piece of the article text.
    Text,
    /// The gap between paragraphs.
    Blank,
}

/// One screen line: a byte range into the title or the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisualLine {
    pub source: Source,
    pub start: usize,
    pub end: usize,
    /// Part of a heading paragraph.
    pub heading: bool,
}

/// An article wrapped to one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLayout {
    pub article: usize,
    pub width: usize,
    pub lines: Vec<VisualLine>,
    /// Where the title sits in the text, when the text starts with it.
    pub title_span: Option<Span>,
    /// Indices of the [`Source::Text`] lines, in text order.
    text_lines: Vec<usize>,
}

impl ArticleLayout {
    /// Wraps the title and every paragraph of `article` to `width` cells; a line break
    /// inside a paragraph is kept.
    pub fn new(index: usize, article: &Article, width: usize) -> ArticleLayout {
        let mut lines = Vec::new();
        let title_span = title_in_text(article);
        if title_span.is_none() && !article.title.is_empty() {
            for r in wrap(&article.title, width) {
                lines.push(VisualLine {
                    source: Source::Title,
                    start: r.start,
                    end: r.end,
                    heading: true,
                });
            }
            lines.push(VisualLine {
                source: Source::Blank,
                start: 0,
                end: 0,
                heading: false,
            });
        }
        let mut text_lines = Vec::new();
        for (i, p) in article.structure.paragraphs.iter().enumerate() {
            if i > 0 {
                lines.push(VisualLine {
                    source: Source::Blank,
                    start: p.span.start,
                    end: p.span.start,
                    heading: false,
                });
            }
            let mut at = p.span.start;
            for source_line in article.text[p.span.range()].split('\n') {
                let mut ranges = wrap(source_line, width);
                if ranges.is_empty() {
                    ranges.push(0..0);
                }
                for r in ranges {
                    text_lines.push(lines.len());
                    lines.push(VisualLine {
                        source: Source::Text,
                        start: at + r.start,
                        end: at + r.end,
                        heading: p.heading,
                    });
                }
                at += source_line.len() + 1;
            }
        }
        ArticleLayout {
            article: index,
            width,
            lines,
            title_span,
            text_lines,
        }
    }

    /// The screen line showing byte `pos` of the text (the last line starting at or before it).
    pub fn line_of(&self, pos: usize) -> usize {
        let i = self
            .text_lines
            .partition_point(|&l| self.lines[l].start <= pos);
        self.text_lines
            .get(i.saturating_sub(1))
            .copied()
            .unwrap_or(0)
    }

    /// First and last screen line of a span of the text.
    pub fn lines_of(&self, span: Span) -> (usize, usize) {
        let first = self.line_of(span.start);
        let last = self.line_of(span.end.saturating_sub(1).max(span.start));
        (first, last)
    }
}

/// The title's span in the text, when the text's first non-blank line is the title.
fn title_in_text(article: &Article) -> Option<Span> {
    let start = article.text.len() - article.text.trim_start().len();
    let line = article.text[start..].lines().next()?;
    let trimmed = line.trim_end();
    (!trimmed.is_empty() && crate::corpus::sanitize_line(trimmed) == article.title)
        .then(|| Span::new(start, start + trimmed.len()))
}

/// Which article is open, where its cursor is and how far it is scrolled.
#[derive(Debug, Default)]
pub struct ReaderState {
    /// Index of the open article.
    pub article: Option<usize>,
    /// Index of the current sentence.
    pub cursor: usize,
    /// First screen line shown.
    pub scroll: usize,
    layout: RefCell<Option<Rc<ArticleLayout>>>,
}

impl ReaderState {
    /// The open article's layout at `width`, wrapped on first use and then reused.
    pub fn layout(&self, articles: &[Article], width: usize) -> Option<Rc<ArticleLayout>> {
        let index = self.article?;
        let mut memo = self.layout.borrow_mut();
        match memo.as_ref() {
            Some(l) if l.article == index && l.width == width => Some(l.clone()),
            _ => {
                let l = Rc::new(ArticleLayout::new(index, articles.get(index)?, width));
                *memo = Some(l.clone());
                Some(l)
            }
        }
    }

    /// Opens an article at its top, cursor on the first sentence.
    pub fn open(&mut self, article: usize) {
        self.article = Some(article);
        self.cursor = 0;
        self.scroll = 0;
    }

    /// Scrolls so that the cursor's sentence is on screen, as much of it as fits.
    pub fn reveal_cursor(&mut self, article: &Article, layout: &ArticleLayout, height: usize) {
        let Some(s) = article.structure.sentences.get(self.cursor) else {
            return;
        };
        self.reveal(layout.lines_of(s.span), height);
    }

    /// Scrolls so that lines `first..=last` are on screen, or at least `first`.
    pub fn reveal(&mut self, (first, last): (usize, usize), height: usize) {
        let height = height.max(1);
        if first < self.scroll || last - first >= height {
            self.scroll = first;
        } else if last >= self.scroll + height {
            self.scroll = last + 1 - height;
        }
        if self.cursor == 0 && first <= height / 2 {
            self.scroll = 0;
        }
    }

    /// Scrolls by `delta` lines, then moves the cursor onto the screen if it left it.
    pub fn scroll_by(
        &mut self,
        article: &Article,
        layout: &ArticleLayout,
        height: usize,
        delta: isize,
    ) {
        let max = layout.lines.len().saturating_sub(height.max(1));
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
        self.keep_cursor_on_screen(article, layout, height);
    }

    /// Moves the cursor to the first sentence on screen when its sentence is off screen.
    pub fn keep_cursor_on_screen(
        &mut self,
        article: &Article,
        layout: &ArticleLayout,
        height: usize,
    ) {
        let sentences = &article.structure.sentences;
        let Some(s) = sentences.get(self.cursor) else {
            return;
        };
        let (first, last) = layout.lines_of(s.span);
        let bottom = self.scroll + height.max(1);
        if last < self.scroll {
            let next = sentences.partition_point(|s| layout.line_of(s.span.start) < self.scroll);
            self.cursor = next.min(sentences.len() - 1);
        } else if first >= bottom {
            let prev = sentences.partition_point(|s| layout.line_of(s.span.start) < bottom);
            self.cursor = prev.saturating_sub(1);
        }
    }

    /// Moves the cursor to the sentence holding byte `pos` and shows it.
    pub fn goto_byte(
        &mut self,
        article: &Article,
        layout: &ArticleLayout,
        height: usize,
        pos: usize,
    ) {
        if let Some(i) = article.structure.sentence_at(pos) {
            self.cursor = i;
            self.reveal(layout.lines_of(Span::new(pos, pos + 1)), height);
        }
    }

    /// How far through the article the bottom of the screen is, in percent.
    pub fn percent(&self, layout: &ArticleLayout, height: usize) -> usize {
        let total = layout.lines.len().max(1);
        ((self.scroll + height).min(total) * 100) / total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, Meta};

    fn article(text: &str) -> Article {
        let title = text.lines().next().unwrap_or("").to_owned();
        Article::new(
            "a".into(),
            title,
            "a.txt".into(),
            text.into(),
            Meta::default(),
        )
    }

    #[test]
    fn title_line_is_not_repeated() {
        let a = article("A title\n\nFirst sentence here. Second one.\n");
        let l = ArticleLayout::new(0, &a, 20);
        assert!(l.title_span.is_some());
        assert!(l.lines.iter().all(|v| v.source != Source::Title));
        assert_eq!(&a.text[l.lines[0].start..l.lines[0].end], "A title");
        assert_eq!(l.lines[1].source, Source::Blank);
    }

    #[test]
    fn every_text_byte_is_on_a_line_in_order() {
        let a = article("Titre\n\nUne phrase assez longue pour être coupée. Une autre.\nSuite.\n");
        let l = ArticleLayout::new(0, &a, 12);
        let starts: Vec<usize> = l
            .lines
            .iter()
            .filter(|v| v.source == Source::Text)
            .map(|v| v.start)
            .collect();
        assert!(starts.windows(2).all(|w| w[0] < w[1]));
        let p = a.text.find("Suite").unwrap();
        assert_eq!(&a.text[l.lines[l.line_of(p)].start..p + 6], "Suite.");
    }

    #[test]
    fn scrolling_drags_the_cursor_along() {
        let body: String = (0..40)
            .map(|i| format!("Sentence number {i}.\n\n"))
            .collect();
        let a = article(&format!("Title\n\n{body}"));
        let l = ArticleLayout::new(0, &a, 30);
        let mut r = ReaderState::default();
        r.open(0);
        r.scroll_by(&a, &l, 10, 20);
        assert_eq!(r.scroll, 20);
        let (first, _) = l.lines_of(a.structure.sentences[r.cursor].span);
        assert!((20..30).contains(&first));
        r.cursor = a.structure.sentences.len() - 1;
        r.reveal_cursor(&a, &l, 10);
        assert_eq!(r.scroll + 10, l.lines.len());
        assert_eq!(r.percent(&l, 10), 100);
    }
}
