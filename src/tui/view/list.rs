//! The article list: one row per article with its title, language, word count and number
//! of entities; only the articles naming an entity while the list is filtered (`f`). Only
//! the rows on screen are built, so a corpus of thousands of articles draws as fast as five.

use super::{fit, pane_block, truncate};
use crate::corpus::sanitize_line;
use crate::tui::app::{visible_offset, App, Focus};
use crate::tui::layout;
use crate::tui::list_order::ListOrder;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Draws the article list in `area`.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    if app.showing_stories() {
        return super::stories::render(frame, app, area);
    }
    let shown = app.list_articles();
    let title = match app.entity_view.filter {
        Some(e) => format!(
            " Articles {}/{} naming {} ",
            shown.len(),
            app.corpus.articles.len(),
            sanitize_line(&app.analysis.entities.entities[e].name)
        ),
        None => format!(" Articles ({}) ", shown.len()),
    };
    let title = match app.stories_view.open {
        Some(s) => format!(
            " Story {}/{} ·{title}",
            s + 1,
            app.analysis.stories.stories.len()
        ),
        None => title,
    };
    let title = match app.list_order {
        ListOrder::File => title,
        order => format!("{title}{} ", order.label()),
    };
    frame.render_widget(pane_block(app, Focus::List, area, &title), area);
    let inner = layout::inner(area);
    let height = inner.height as usize;
    let width = inner.width as usize;
    let offset = visible_offset(app.list.offset, app.list.selected, height);
    let rows = shown
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, &i)| {
            let mut style = app.theme.text;
            if app.reader.article == Some(i) {
                style = style.patch(app.theme.open);
            }
            if row == app.list.selected {
                let selected = if app.focus == Focus::List {
                    app.theme.selected
                } else {
                    app.theme.selected_unfocused
                };
                style = style.patch(selected);
            }
            row_line(app, i, width).style(style)
        })
        .collect::<Vec<_>>();
    frame.render_widget(Paragraph::new(rows), inner);
}

/// One article's row: its source as a dim prefix when sorted by source (grouping the
/// rows), the title, then (from 30 cells) its language and word and entity counts. When the
/// source or date is known it replaces the language, in dim; below 40 cells only the date
/// (or else the source) shows, in place of the word count.
fn row_line(app: &App, i: usize, width: usize) -> Line<'static> {
    let article = &app.corpus.articles[i];
    let meta = &article.meta;
    let by_source = app.list_order == ListOrder::Source;
    let mut pieces = Vec::new();
    let mut used = 0;
    if by_source {
        let source = meta.source.as_deref().map_or("?".into(), sanitize_line);
        let prefix = format!("{} │ ", truncate(&source, width / 5));
        used += prefix.chars().count();
        pieces.push(Span::styled(prefix, app.theme.dim));
    }
    let (mut tag, mut counts) = (String::new(), String::new());
    if width >= 30 {
        let entities = app.entity_view.entity_count(i);
        counts = format!(" {:>4}w {:>2}e", app.word_count(i), entities);
        let source = meta.source.as_deref().filter(|_| !by_source);
        let source = source.map(sanitize_line);
        let date = meta
            .date
            .as_deref()
            .map(|d| d.chars().take(10).collect::<String>());
        tag = match (source, date) {
            (None, None) => format!(" {}", article.language.code()),
            (Some(s), Some(d)) if width >= 40 => {
                let room = width.saturating_sub(counts.len() + 14 + d.len() + 2).max(4);
                format!(" {} {d}", truncate(&s, room))
            }
            (source, date) => {
                if width < 40 {
                    counts = format!(" {entities:>2}e");
                }
                format!(" {}", truncate(&date.or(source).unwrap_or_default(), 10))
            }
        };
    }
    used += tag.chars().count() + counts.chars().count();
    let title = fit(&sanitize_line(&article.title), width.saturating_sub(used));
    pieces.push(Span::raw(title));
    let dim_tag = meta.source.is_some() || meta.date.is_some();
    pieces.push(Span::styled(
        tag,
        if dim_tag {
            app.theme.dim
        } else {
            Default::default()
        },
    ));
    pieces.push(Span::raw(counts));
    Line::from(pieces)
}
