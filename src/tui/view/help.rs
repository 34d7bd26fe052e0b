//! The help overlay: every action with the keys bound to it, read from the keymap so it
//! is right even after the user rebinds keys.

use crate::tui::action::Action;
use crate::tui::app::App;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// The help lines: keys, then what they do.
pub fn lines(app: &App) -> Vec<(String, &'static str)> {
    Action::ALL
        .iter()
        .map(|&a| (app.keymap.keys(a).join(", "), a.describe()))
        .collect()
}

/// Draws the help over the middle of `screen`, scrolled by `scroll` lines.
pub fn render(frame: &mut Frame, app: &App, screen: Rect, scroll: usize) {
    let entries = lines(app);
    let key_width = entries.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let text_width = entries.iter().map(|(_, d)| d.width()).max().unwrap_or(0);
    let width = (key_width + text_width + 6).min(screen.width as usize) as u16;
    let height = (entries.len() + 2).min(screen.height as usize) as u16;
    let area = Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (screen.height - height) / 2,
        width,
        height,
    );
    let visible = height.saturating_sub(2) as usize;
    let scroll = scroll.min(entries.len().saturating_sub(visible));
    let body: Vec<Line> = entries
        .iter()
        .skip(scroll)
        .map(|(keys, what)| Line::from(format!(" {keys:<key_width$}  {what}")))
        .collect();
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border_focused)
        .title(Line::styled(
            " Keys (Esc closes) ",
            app.theme.border_focused,
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(body).block(block), area);
}
