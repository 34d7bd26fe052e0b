//! The aliases overlay: what decided the entity's kind, and the other names it was
//! recognised under, each with the reason it was joined, so a wrong merge can be understood (and undone: `-` splits the
//! selected alias off). One line per alias, cut to the window, the selected one in sight.

use super::truncate;
use crate::corpus::sanitize_line;
use crate::tui::app::App;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// Draws the aliases of entity `entity` over the middle of `screen`, alias `selected`
/// highlighted.
pub fn render(frame: &mut Frame, app: &App, screen: Rect, entity: usize, selected: usize) {
    let Some(e) = app.analysis.entities.entities.get(entity) else {
        return;
    };
    let theme = &app.theme;
    let mut lines = vec![Line::styled(
        format!(
            "{} ({}), named by {}",
            sanitize_line(&e.name),
            e.kind.label(),
            crate::text::counted(
                app.entity_view.articles_naming(entity).len(),
                "article",
                "articles"
            )
        ),
        theme.heading,
    )];
    if !e.kind_reason.is_empty() {
        lines.push(Line::styled(
            format!("kind {}: {}", e.kind.label(), sanitize_line(&e.kind_reason)),
            theme.dim,
        ));
    }
    if let (Some(v), Some(u)) = (e.value, &e.unit) {
        lines.push(Line::styled(
            format!("value {v} {}", sanitize_line(u)),
            theme.dim,
        ));
    }
    if e.aliases.is_empty() {
        lines.push(Line::styled("no other names", theme.dim));
    }
    let width = screen.width.saturating_sub(4).min(72);
    let head = lines.len();
    for (i, alias) in e.aliases.iter().enumerate() {
        let text = format!(
            "  {}  ← {}",
            sanitize_line(&alias.name),
            sanitize_line(&alias.reason)
        );
        let line = Line::from(truncate(&text, width.saturating_sub(2) as usize));
        lines.push(match i == selected {
            true => line.style(theme.selected),
            false => line,
        });
    }
    let height = (lines.len() as u16 + 2).min(screen.height);
    let area = Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (screen.height - height) / 2,
        width,
        height,
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Line::styled(
            " Aliases (- splits one off, Esc closes) ",
            theme.border_focused,
        ));
    frame.render_widget(Clear, area);
    let inner = height.saturating_sub(2).max(1) as usize;
    let scroll = (head + selected + 1).saturating_sub(inner);
    let body = Paragraph::new(lines)
        .block(block)
        .scroll((scroll.min(u16::MAX as usize) as u16, 0));
    frame.render_widget(body, area);
}
