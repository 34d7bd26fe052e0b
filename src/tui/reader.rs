//! The reading pane's state: which article is open, which sentence the cursor is on, and
//! how far the text is scrolled. Screen lines are byte ranges into the article, computed
//! once per width by [`ArticleLayout`] and kept until the width or the article changes, so
//! moving and scrolling never re-wrap and drawing only styles the lines on screen.

use super::wrap::{wrap, Lines};
use crate::corpus::Article;
use crate::text::Span;
use std::cell::RefCell;

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

/// Screen lines laid out at a time: enough for a few screens, small enough to be instant.
const CHUNK: usize = 256;

/// An article wrapped to one width, laid out lazily from the top as far as it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLayout {
    pub article: usize,
    pub width: usize,
    lines: Vec<VisualLine>,
    /// Where the title sits in the text, when the text starts with it.
    pub title_span: Option<Span>,
    /// Indices of the [`Source::Text`] lines, in text order.
    text_lines: Vec<usize>,
    /// Where wrapping goes on, `None` once it is done.
    resume: Option<Resume>,
}

/// A point where wrapping stopped: always the start of a screen line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Resume {
    paragraph: usize,
    /// Byte where the next screen line starts.
    at: usize,
    /// End of the source line being wrapped, once known.
    line_end: Option<usize>,
}

impl ArticleLayout {
    /// Starts the layout of `article` at `width` cells: the title, when it is not the text's
    /// first line; paragraphs are wrapped on demand, a line break inside one is kept.
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
        let resume = article.structure.paragraphs.first().map(|p| Resume {
            paragraph: 0,
            at: p.span.start,
            line_end: None,
        });
        ArticleLayout {
            article: index,
            width,
            lines,
            title_span,
            text_lines: Vec::new(),
            resume,
        }
    }

    /// The lines laid out so far.
    pub fn lines(&self) -> &[VisualLine] {
        &self.lines
    }

    /// True once the whole article is laid out.
    pub fn is_complete(&self) -> bool {
        self.resume.is_none()
    }

    /// Lays out at least `n` lines, or the whole article when it has fewer.
    pub fn ensure_lines(&mut self, article: &Article, n: usize) {
        while self.lines.len() < n && !self.is_complete() {
            self.extend(article);
        }
    }

    /// Lays out the line holding byte `pos` of the text, and all before it.
    pub fn ensure_byte(&mut self, article: &Article, pos: usize) {
        while self.resume.is_some_and(|r| r.at <= pos) {
            self.extend(article);
        }
    }

    /// Lays out the whole article.
    pub fn ensure_all(&mut self, article: &Article) {
        while !self.is_complete() {
            self.extend(article);
        }
    }

    /// Wraps up to [`CHUNK`] more lines.
    fn extend(&mut self, article: &Article) {
        let paragraphs = &article.structure.paragraphs;
        let mut budget = CHUNK;
        while let Some(Resume {
            paragraph: p,
            at,
            line_end,
        }) = self.resume
        {
            if budget == 0 {
                return;
            }
            let para = paragraphs[p];
            if at == para.span.start && p > 0 {
                self.lines.push(VisualLine {
                    source: Source::Blank,
                    start: at,
                    end: at,
                    heading: false,
                });
            }
            let end = line_end.unwrap_or_else(|| {
                let rest = &article.text[at..para.span.end];
                rest.find('\n').map_or(para.span.end, |k| at + k)
            });
            let mut wrapped = Lines::new(&article.text[at..end], self.width);
            let mut produced = false;
            while budget > 0 {
                let Some(r) = wrapped.next() else { break };
                self.push_text(at + r.start, at + r.end, para.heading);
                produced = true;
                budget -= 1;
            }
            if budget == 0 && !wrapped.is_done() {
                let at = at + wrapped.next_start();
                self.resume = Some(Resume {
                    paragraph: p,
                    at,
                    line_end: Some(end),
                });
                return;
            }
            if !produced {
                self.push_text(at, at, para.heading);
            }
            self.resume = if end < para.span.end {
                Some(Resume {
                    paragraph: p,
                    at: end + 1,
                    line_end: None,
                })
            } else {
                paragraphs.get(p + 1).map(|next| Resume {
                    paragraph: p + 1,
                    at: next.span.start,
                    line_end: None,
                })
            };
        }
    }

    fn push_text(&mut self, start: usize, end: usize, heading: bool) {
        self.text_lines.push(self.lines.len());
        self.lines.push(VisualLine {
            source: Source::Text,
            start,
            end,
            heading,
        });
    }

    /// The screen line showing byte `pos` of the text (the last line starting at or before it).
    pub fn line_of(&mut self, article: &Article, pos: usize) -> usize {
        self.ensure_byte(article, pos);
        let i = self
            .text_lines
            .partition_point(|&l| self.lines[l].start <= pos);
        self.text_lines
            .get(i.saturating_sub(1))
            .copied()
            .unwrap_or(0)
    }

    /// First and last screen line of a span of the text.
    pub fn lines_of(&mut self, article: &Article, span: Span) -> (usize, usize) {
        let first = self.line_of(article, span.start);
        let last = self.line_of(article, span.end.saturating_sub(1).max(span.start));
        (first, last)
    }

    /// The text bytes shown on lines `from..to` (laid out already), if any is text.
    fn text_between(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        let shown = self
            .lines
            .get(from.min(self.lines.len())..to.min(self.lines.len()))?;
        let is_text = |l: &&VisualLine| l.source == Source::Text;
        let first = shown.iter().find(is_text)?;
        let last = shown.iter().rev().find(is_text)?;
        Some((first.start, last.end))
    }
}

/// Longest metadata prefix before a title on an article's first line.
const TITLE_PREFIX_BYTES: usize = 40;

/// The title's span in the text, when the text's first non-blank line is the title.
fn title_in_text(article: &Article) -> Option<Span> {
    let start = article.text.len() - article.text.trim_start().len();
    let line = article.text[start..].lines().next()?;
    let trimmed = line.trim_end();
    let shown = crate::corpus::sanitize_line(trimmed);
    // A long first line gives a title cut with an ellipsis: still the same line. A line
    // that opens with metadata (`date 2018-08 Title…`) holds the title after a short prefix.
    let title = article.title.as_str();
    let after_prefix = |head: &str| shown.find(head).is_some_and(|at| at <= TITLE_PREFIX_BYTES);
    let same = shown == title
        || (shown.ends_with(title) && after_prefix(title))
        || title
            .strip_suffix('…')
            .map(str::trim_end)
            .is_some_and(|head| !head.is_empty() && after_prefix(head));
    (!trimmed.is_empty() && same).then(|| Span::new(start, start + trimmed.len()))
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
    /// The open article's layout for the last width asked: a cache, filled as it is read.
    layout: RefCell<Option<ArticleLayout>>,
}

impl ReaderState {
    /// Takes the open article's layout at `width` out of the cache (made when missing or
    /// stale); give it back with [`ReaderState::put_layout`].
    pub fn take_layout(&self, articles: &[Article], width: usize) -> Option<ArticleLayout> {
        let index = self.article?;
        match self.layout.borrow_mut().take() {
            Some(l) if l.article == index && l.width == width => Some(l),
            _ => Some(ArticleLayout::new(index, articles.get(index)?, width)),
        }
    }

    /// Drops the cached layout (the open article's text changed).
    pub fn forget_layout(&self) {
        *self.layout.borrow_mut() = None;
    }

    /// Returns a layout to the cache.
    pub fn put_layout(&self, layout: ArticleLayout) {
        *self.layout.borrow_mut() = Some(layout);
    }

    /// Runs `f` on the open article and its layout at `width`.
    pub fn with_layout<R>(
        &self,
        articles: &[Article],
        width: usize,
        f: impl FnOnce(&mut ArticleLayout, &Article) -> R,
    ) -> Option<R> {
        let mut layout = self.take_layout(articles, width)?;
        let article = &articles[layout.article];
        let result = f(&mut layout, article);
        self.put_layout(layout);
        Some(result)
    }

    /// Opens an article at its top, cursor on the first sentence.
    pub fn open(&mut self, article: usize) {
        self.article = Some(article);
        self.cursor = 0;
        self.scroll = 0;
    }

    /// Scrolls so that the cursor's sentence is on screen, as much of it as fits.
    pub fn reveal_cursor(&mut self, article: &Article, layout: &mut ArticleLayout, height: usize) {
        let Some(s) = article.structure.sentences.get(self.cursor) else {
            return;
        };
        let lines = layout.lines_of(article, s.span);
        self.reveal(lines, height);
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
        layout: &mut ArticleLayout,
        height: usize,
        delta: isize,
    ) {
        let target = self.scroll.saturating_add_signed(delta);
        layout.ensure_lines(article, target + height);
        self.scroll = target.min(layout.lines().len().saturating_sub(height.max(1)));
        self.keep_cursor_on_screen(article, layout, height);
    }

    /// Moves the cursor to a sentence on screen when its sentence is off screen.
    pub fn keep_cursor_on_screen(
        &mut self,
        article: &Article,
        layout: &mut ArticleLayout,
        height: usize,
    ) {
        let structure = &article.structure;
        let Some(s) = structure.sentences.get(self.cursor) else {
            return;
        };
        layout.ensure_lines(article, self.scroll + height);
        let Some((top, bottom)) = layout.text_between(self.scroll, self.scroll + height.max(1))
        else {
            return;
        };
        if s.span.end <= top {
            self.cursor = structure.sentence_at(top).unwrap_or(self.cursor);
        } else if s.span.start >= bottom {
            self.cursor = structure
                .sentence_at(bottom.saturating_sub(1))
                .unwrap_or(self.cursor);
        }
    }

    /// Moves the cursor to the sentence holding byte `pos` and shows that byte.
    pub fn goto_byte(
        &mut self,
        article: &Article,
        layout: &mut ArticleLayout,
        height: usize,
        pos: usize,
    ) {
        if let Some(i) = article.structure.sentence_at(pos) {
            self.cursor = i;
            let line = layout.line_of(article, pos);
            self.reveal((line, line), height);
        }
    }

    /// Shows the end of the article, cursor on its last sentence.
    pub fn bottom(&mut self, article: &Article, layout: &mut ArticleLayout, height: usize) {
        layout.ensure_all(article);
        self.cursor = article.structure.sentences.len().saturating_sub(1);
        self.scroll = layout.lines().len().saturating_sub(height.max(1));
    }

    /// How far through the article the bottom of the screen is, in percent of the text.
    pub fn percent(&self, article: &Article, layout: &ArticleLayout, height: usize) -> usize {
        let bottom = self.scroll + height.max(1);
        if layout.is_complete() && bottom >= layout.lines().len() {
            return 100;
        }
        let shown = layout
            .text_between(self.scroll, bottom)
            .map_or(0, |(_, end)| end);
        (shown * 100 / article.text.len().max(1)).min(99)
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
        let mut l = ArticleLayout::new(0, &a, 20);
        l.ensure_all(&a);
        assert!(l.title_span.is_some());
        assert!(l.lines.iter().all(|v| v.source != Source::Title));
        assert_eq!(&a.text[l.lines[0].start..l.lines[0].end], "A title");
        assert_eq!(l.lines[1].source, Source::Blank);
    }

    #[test]
    fn every_text_byte_is_on_a_line_in_order() {
        let a = article("Titre\n\nUne phrase assez longue pour être coupée. Une autre.\nSuite.\n");
        let mut l = ArticleLayout::new(0, &a, 12);
        let p = a.text.find("Suite").unwrap();
        let line = l.line_of(&a, p);
        assert_eq!(&a.text[l.lines[line].start..p + 6], "Suite.");
        let starts: Vec<usize> = l
            .lines
            .iter()
            .filter(|v| v.source == Source::Text)
            .map(|v| v.start)
            .collect();
        assert!(starts.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn layout_is_lazy_and_resumes_inside_a_long_paragraph() {
        let para = "mot ".repeat(3000);
        let a = article(&format!("Titre\n\n{para}\n\nFin."));
        let mut l = ArticleLayout::new(0, &a, 10);
        l.ensure_lines(&a, 20);
        assert!(l.lines.len() < 3 * CHUNK && !l.is_complete());
        l.ensure_all(&a);
        let start = a.text.find("mot").unwrap();
        let expected: Vec<(usize, usize)> = wrap(para.trim_end(), 10)
            .iter()
            .map(|r| (start + r.start, start + r.end))
            .collect();
        let got: Vec<(usize, usize)> = l.lines[2..2 + expected.len()]
            .iter()
            .map(|v| (v.start, v.end))
            .collect();
        assert_eq!(got, expected);
        assert_eq!(&a.text[l.lines.last().unwrap().start..], "Fin.");
    }

    #[test]
    fn scrolling_drags_the_cursor_along() {
        let body: String = (0..40)
            .map(|i| format!("Sentence number {i}.\n\n"))
            .collect();
        let a = article(&format!("Title\n\n{body}"));
        let mut l = ArticleLayout::new(0, &a, 30);
        let mut r = ReaderState::default();
        r.open(0);
        r.scroll_by(&a, &mut l, 10, 20);
        assert_eq!(r.scroll, 20);
        let (first, _) = l.lines_of(&a, a.structure.sentences[r.cursor].span);
        assert!((20..30).contains(&first));
        assert!(r.percent(&a, &l, 10) < 100);
        r.bottom(&a, &mut l, 10);
        assert_eq!(r.scroll + 10, l.lines.len());
        assert_eq!(r.percent(&a, &l, 10), 100);
    }
}
