//! The sources window: the rows of [`crate::tui::story_sources`] in a frame over the panes,
//! headings styled, the selected row marked, each row cut to the window's width.

use super::truncate;
use crate::tui::app::{App, ListState};
use crate::tui::story_sources::{area, rows, RowKind};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// Draws the window over `screen` with `list`'s row selected.
pub fn render(frame: &mut Frame, app: &App, screen: Rect, list: &ListState) {
    let theme = &app.theme;
    let area = area(screen);
    let inner_w = area.width.saturating_sub(2) as usize;
    let height = area.height.saturating_sub(2) as usize;
    let rows = rows(app);
    let offset = list.offset.min(rows.len().saturating_sub(1));
    let lines: Vec<Line> = (rows.iter().enumerate().skip(offset))
        .take(height)
        .map(|(i, r)| {
            let text = truncate(&r.text, inner_w);
            let style = match r.kind {
                _ if i == list.selected && r.kind == RowKind::Item => theme.selected,
                RowKind::Heading => theme.heading,
                RowKind::Note => theme.dim,
                RowKind::Item => theme.text,
            };
            Line::styled(text, style)
        })
        .collect();
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Line::styled(" Sources (Esc closes) ", theme.border_focused));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
