//! The article list: one row per article with its title, language and word count. Only
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
    let title = format!(" Articles ({}) ", app.corpus.articles.len());
    frame.render_widget(pane_block(app, Focus::List, area, &title), area);
    let inner = layout::inner(area);
    let height = inner.height as usize;
    let width = inner.width as usize;
    let offset = visible_offset(app.list.offset, app.list.selected, height);
    let rows = app
        .corpus
        .articles
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, article)| {
            let meta = if width >= 30 {
                format!(" {} {:>6}", article.language.code(), app.word_counts[i])
            } else {
                String::new()
            };
            let title_width = width.saturating_sub(meta.chars().count());
            let text = fit(&sanitize_line(&article.title), title_width) + &meta;
            let mut style = app.theme.text;
            if app.reader.article == Some(i) {
                style = style.patch(app.theme.open);
            }
            if i == app.list.selected {
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
