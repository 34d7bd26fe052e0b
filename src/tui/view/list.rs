//! The article list: one row per article with its title, language, word count and number
//! of entities; only the articles naming an entity while the list is filtered (`f`). Only
//! the rows on screen are built, so a corpus of thousands of articles draws as fast as five.

use super::{fit, pane_block};
use crate::corpus::sanitize_line;
use crate::tui::app::{visible_offset, App, Focus};
use crate::tui::layout;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Draws the article list in `area`.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let shown = app.list_articles();
    let title = match app.entity_view.filter {
        Some(e) => format!(
            " Articles {}/{} naming {} ",
            shown.len(),
            app.corpus.articles.len(),
            sanitize_line(&app.analysis.entities.entities[e].name)
        ),
        None => format!(" Articles ({}) ", app.corpus.articles.len()),
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
            let article = &app.corpus.articles[i];
            let meta = if width >= 30 {
                let entities = app.entity_view.entity_count(i);
                format!(
                    " {} {:>4}w {:>2}e",
                    article.language.code(),
                    app.word_counts[i],
                    entities
                )
            } else {
                String::new()
            };
            let title_width = width.saturating_sub(meta.chars().count());
            let text = fit(&sanitize_line(&article.title), title_width) + &meta;
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
            Line::styled(text, style)
        })
        .collect::<Vec<_>>();
    frame.render_widget(Paragraph::new(rows), inner);
}
