//! The help overlay: every action with the keys bound to it and its name in the keymap
//! (what a user writes to remap it), read from the keymap so it is right even after the
//! user rebinds keys. Moving comes first; typing keys last.

use crate::tui::action::GROUPS;
use crate::tui::app::App;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// One line of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A group's title.
    Group(&'static str),
    /// Keys (as written in the keymap), the action's keymap name, what it does.
    Action {
        keys: String,
        name: String,
        what: &'static str,
    },
}

/// The help lines: each group's title, then its actions.
pub fn lines(app: &App) -> Vec<HelpLine> {
    let mut out = Vec::new();
    for (title, actions) in GROUPS {
        out.push(HelpLine::Group(title));
        for &a in actions {
            out.push(HelpLine::Action {
                keys: app.keymap.keys(a).join(", "),
                name: a.name(),
                what: a.describe(),
            });
        }
    }
    out
}

/// Draws the help over the middle of `screen`, scrolled by `scroll` lines.
pub fn render(frame: &mut Frame, app: &App, screen: Rect, scroll: usize) {
    let entries = lines(app);
    let widths = |f: fn(&HelpLine) -> usize| entries.iter().map(f).max().unwrap_or(0);
    let key_w = widths(|l| match l {
        HelpLine::Action { keys, .. } => keys.width(),
        HelpLine::Group(_) => 0,
    });
    let name_w = widths(|l| match l {
        HelpLine::Action { name, .. } => name.width(),
        HelpLine::Group(_) => 0,
    });
    let what_w = widths(|l| match l {
        HelpLine::Action { what, .. } => what.width(),
        HelpLine::Group(t) => t.width(),
    });
    let width = (key_w + name_w + what_w + 9).min(screen.width as usize) as u16;
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
        .map(|l| match l {
            HelpLine::Group(title) => Line::styled(format!(" {title}"), app.theme.heading),
            HelpLine::Action { keys, name, what } => {
                Line::from(format!("   {keys:<key_w$}  {name:<name_w$}  {what}"))
            }
        })
        .collect();
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border_focused)
        .title(Line::styled(
            " Keys: key, name in the keymap, what it does (q closes) ",
            app.theme.border_focused,
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(body).block(block), area);
}
