//! The side panel: entities of the open article grouped by kind, each with its mentions
//! here and the number of articles naming it (`3 ×2`: in the open story when the collection
//! holds several, else in the whole collection), or a placeholder saying why there
//! are none.

use super::{fit, pane_block};
use crate::tui::app::{visible_offset, App, Focus};
use crate::tui::layout;
use crate::tui::side::SideRow;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

/// Draws the side panel in `area`.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    frame.render_widget(pane_block(app, Focus::Side, area, " Entities "), area);
    let inner = layout::inner(area);
    let rows = app.side_rows();
    if rows.is_empty() {
        let text = if app.analysing.is_some() {
            "Finding entities…"
        } else if app.reader.article.is_some() {
            "No entities found in this article."
        } else {
            "No article open."
        };
        let placeholder = Paragraph::new(text)
            .style(app.theme.dim)
            .wrap(Wrap { trim: true });
        frame.render_widget(placeholder, inner);
        return;
    }
    let height = inner.height as usize;
    let width = inner.width as usize;
    let offset = visible_offset(app.side.offset, app.side.selected, height);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| {
            let (count, label, mut style) = match row.entity {
                None => (
                    format!(" {}", row.count),
                    row.label.clone(),
                    app.theme.heading,
                ),
                Some(e) => (
                    format!(" {} ×{}", row.count, app.naming_count(e)),
                    // A name corrected by hand says so.
                    match app.is_corrected(e) {
                        true => format!("  {} ✎", row.label),
                        false => format!("  {}", row.label),
                    },
                    app.theme.text.patch(kind_style(app, row)),
                ),
            };
            let label_width = width.saturating_sub(count.chars().count());
            if i == app.side.selected {
                style = style.patch(if app.focus == Focus::Side {
                    app.theme.selected
                } else {
                    app.theme.selected_unfocused
                });
            }
            Line::styled(fit(&label, label_width) + &count, style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The colour of an entity's kind, as in the reading pane, while mentions are coloured.
fn kind_style(app: &App, row: &SideRow) -> ratatui::style::Style {
    if app.entity_view.marks {
        app.theme.analysis.kind(row.kind)
    } else {
        ratatui::style::Style::new()
    }
}
