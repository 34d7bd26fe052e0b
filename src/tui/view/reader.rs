//! The reading pane: the open article wrapped to the pane, headings styled, the current
//! sentence shown with the cursor style and search matches highlighted. Only the lines on
//! screen are styled; wrapping itself is cached by the reader state.

use super::{block, gutter, mentions, truncate};
use crate::corpus::{sanitize_line, Article};
use crate::text::Span;
use crate::tui::app::{App, Focus};
use crate::tui::layout;
use crate::tui::reader::{ArticleLayout, Source, VisualLine};
use crate::tui::wrap::grapheme_width;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span as Piece};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;
use unicode_segmentation::UnicodeSegmentation;

/// Draws the reading pane in `area`.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let header = app
        .article()
        .and_then(meta_header)
        .map_or(" Reading ".into(), |h| {
            format!(" {} ", truncate(&h, area.width.saturating_sub(4) as usize))
        });
    let focused = app.focus == Focus::Reader && !app.coverage_focused();
    frame.render_widget(block(app, focused, area, &header), area);
    let view = layout::reader_text(area);
    // The open article may have been read alone while the others load.
    if app.is_loading() && app.article().is_none_or(|a| a.text.is_empty()) {
        return render_loading(frame, app, view);
    }
    let height = view.height as usize;
    let width = view.width.max(1) as usize;
    let highlights = app.highlight_spans();
    let lines = app
        .reader
        .with_layout(&app.corpus.articles, width, |layout, article| {
            layout.ensure_lines(article, app.reader.scroll + height);
            let scroll = app
                .reader
                .scroll
                .min(layout.lines().len().saturating_sub(1));
            layout.lines()[scroll..]
                .iter()
                .take(height)
                .map(|line| {
                    let mark = gutter::line_mark(app, layout.article, article, line);
                    (styled_line(app, article, layout, line, &highlights), mark)
                })
                .unzip::<_, _, Vec<Line>, Vec<_>>()
        });
    match lines {
        Some((lines, marks)) => {
            frame.render_widget(Paragraph::new(lines), view);
            if let Some(g) = layout::reader_gutter(area) {
                gutter::render(frame, app, g, &marks);
            }
        }
        None => {
            let msg = Paragraph::new("No article open: select one in the list and press Enter.")
                .style(app.theme.dim)
                .wrap(Wrap { trim: true });
            frame.render_widget(msg, view);
        }
    }
}

/// While the articles are read: the open article's title and a word that its text comes.
fn render_loading(frame: &mut Frame, app: &App, view: Rect) {
    let title = app
        .article()
        .map_or(String::new(), |a| sanitize_line(&a.title));
    let lines = vec![
        Line::styled(title, app.theme.heading),
        Line::raw(""),
        Line::styled(
            "Reading the articles: the text shows as soon as it is in.",
            app.theme.dim,
        ),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), view);
}

/// The article's source · date · author · URL, as far as known, safe to display; shown in
/// the reading pane's top border, just above the title.
pub fn meta_header(article: &Article) -> Option<String> {
    let m = &article.meta;
    let known: Vec<String> = [&m.source, &m.date, &m.author, &m.url]
        .into_iter()
        .filter_map(|f| f.as_deref().map(sanitize_line))
        .filter(|f| !f.trim().is_empty())
        .collect();
    (!known.is_empty()).then(|| known.join(" · "))
}

/// One screen line with its styles: title or heading, cursor, matches.
fn styled_line(
    app: &App,
    article: &Article,
    layout: &ArticleLayout,
    line: &VisualLine,
    highlights: &[Span],
) -> Line<'static> {
    let theme = &app.theme;
    match line.source {
        Source::Blank => return Line::default(),
        Source::Title => {
            let text = sanitize_line(&article.title[line.start..line.end]);
            return Line::styled(text, theme.title);
        }
        Source::Text => {}
    }
    let base = if layout
        .title_span
        .is_some_and(|t| t.start <= line.start && line.start < t.end)
    {
        theme.title
    } else if line.heading {
        theme.heading
    } else {
        theme.text
    };
    let cursor = app.selection_span().or_else(|| {
        article
            .structure
            .sentences
            .get(app.reader.cursor)
            .map(|s| s.span)
    });
    let (matches, current) = match &app.search {
        Some(s) => (
            s.overlapping(line.start, line.end),
            s.current.map(|c| s.matches[c]),
        ),
        None => (&[][..], None),
    };
    let mut marked = mentions::styles(app, layout.article, line.start, line.end);
    let walk = mentions::current(app, layout.article);
    marked.extend(walk);
    let mut cuts = vec![line.start, line.end];
    for span in cursor
        .iter()
        .chain(matches)
        .chain(marked.iter().map(|(s, _)| s))
        .chain(highlights)
    {
        cuts.extend(
            [span.start, span.end]
                .into_iter()
                .filter(|&p| line.start < p && p < line.end),
        );
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut col = 0;
    let pieces = cuts.windows(2).map(|w| {
        let piece = Span::new(w[0], w[1]);
        let inside = |s: &Span| s.start <= piece.start && piece.end <= s.end;
        let mut style: Style = base;
        for (span, mention) in &marked {
            if inside(span) {
                style = style.patch(*mention);
            }
        }
        if cursor.as_ref().is_some_and(inside) {
            style = style.patch(theme.cursor);
        }
        if highlights.iter().any(inside) {
            style = style.patch(theme.highlight);
        }
        if matches.iter().any(inside) {
            style = style.patch(theme.search_match);
        }
        if current.as_ref().is_some_and(inside) {
            style = style.patch(theme.current_match);
        }
        if let Some((_, walk_style)) = walk.filter(|(s, _)| inside(s)) {
            style = style.patch(walk_style);
        }
        Piece::styled(expand(&article.text[piece.range()], &mut col), style)
    });
    Line::from(pieces.collect::<Vec<_>>())
}

/// The text as shown: tabs expanded to the next stop, in-paragraph line breaks as spaces.
fn expand(s: &str, col: &mut usize) -> String {
    let mut out = String::with_capacity(s.len());
    for g in s.graphemes(true) {
        let w = grapheme_width(g, *col);
        match g {
            "\t" | "\n" | "\r" | "\r\n" => out.extend(std::iter::repeat_n(' ', w)),
            _ => out.push_str(g),
        }
        *col += w;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_expand_from_the_running_column() {
        let mut col = 0;
        assert_eq!(expand("ab\tc", &mut col), "ab      c");
        assert_eq!(col, 9);
        let mut col = 3;
        assert_eq!(expand("\t", &mut col), "     ");
    }
}
