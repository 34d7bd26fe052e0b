//! Drawing the reader. Each region and each layer has its own `render` function that
//! reads the [`App`] and never changes it; [`draw`] lays the regions out with [`layout`]
//! (the same split the mouse handler uses) and draws the layers over them, bottom first.

mod aliases;
mod claims;
mod coverage;
mod gutter;
mod help;
mod list;
mod mentions;
mod notes;
mod passages;
mod reader;
mod side;
mod sources;
pub(crate) mod status;
mod stories;
pub(crate) mod warnings;

use super::app::{App, Focus};
use super::layer::Layer;
use super::layout;
pub use help::lines as help_lines;
pub use notes::per_page as notes_per_page;
pub use passages::lines as passage_lines;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Draws the whole screen for the current state.
pub fn draw(frame: &mut Frame, app: &App) {
    let size = frame.area();
    let areas = layout::areas_with(size, app.focus, app.list_width);
    if let Some(area) = areas.too_small {
        let msg = Paragraph::new("Terminal too small").wrap(Wrap { trim: true });
        frame.render_widget(msg, area);
        return;
    }
    if let Some(area) = areas.list {
        list::render(frame, app, area);
    }
    if let Some(area) = areas.reader {
        let (text, coverage) = super::facts_nav::reading_split(area, app.fact_view.coverage);
        reader::render(frame, app, text);
        if let Some(below) = coverage {
            passages::render(frame, app, below);
        }
    }
    if let Some(area) = areas.side {
        side::render(frame, app, area);
    }
    if let Some(area) = areas.status {
        status::render(frame, app, area);
    }
    for layer in &app.layers {
        match layer {
            Layer::Help(scroll) => help::render(frame, app, size, scroll.offset),
            Layer::Aliases { entity, scroll } => {
                aliases::render(frame, app, size, *entity, scroll.selected)
            }
            Layer::Coverage(state) => coverage::render(frame, app, size, state),
            Layer::Claims(state) => claims::render(frame, app, size, state),
            Layer::Sources(list) => sources::render(frame, app, size, list),
            Layer::Notes(list) => notes::render_list(frame, app, size, list),
            Layer::Export { selected } => notes::render_export(frame, app, size, *selected),
            // The search and story filter prompts take the status bar's place.
            Layer::Search(_) | Layer::StoryFilter(_) => {}
            Layer::Editor(edit) => notes::render_editor(frame, app, size, edit),
            Layer::Kinds { entity, list } => notes::render_kinds(frame, app, size, *entity, list),
            Layer::Warnings(scroll) => warnings::render(frame, app, size, scroll.offset),
        }
    }
}

/// The frame of a pane, highlighted when it has the focus; none when the pane is tiny.
fn pane_block<'a>(app: &App, pane: Focus, area: Rect, title: &'a str) -> Block<'a> {
    block(app, app.focus == pane, area, title)
}

/// The frame of a region, highlighted when `focused`; none when the region is tiny.
fn block<'a>(app: &App, focused: bool, area: Rect, title: &'a str) -> Block<'a> {
    if !layout::has_border(area) {
        return Block::new();
    }
    let style = if focused {
        app.theme.border_focused
    } else {
        app.theme.border
    };
    Block::new()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Line::styled(title, style))
}

/// `s` cut to `width` display cells, with an ellipsis when cut; never splits a grapheme.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `s` truncated or padded with spaces to exactly `width` cells.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = truncate(s, width);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_cells() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("日本語", 5).width(), 5);
    }
}
