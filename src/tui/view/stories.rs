//! The story list in the left pane: one row per story with its label (the most central
//! title), its number of articles, and as room allows its date span and outlets. Only the
//! rows on screen are built.

use super::{fit, pane_block, truncate};
use crate::corpus::sanitize_line;
use crate::tui::app::{visible_offset, App, Focus};
use crate::tui::layout;
use crate::tui::stories_list::{StoryOrder, StoryRow};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// Draws the story list in `area`.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let rows = app.story_rows();
    let shown = app.visible_stories();
    let all = rows.len();
    let mut title = if shown.len() == all {
        format!(" Stories ({all}) ")
    } else {
        format!(" Stories {}/{all} ", shown.len())
    };
    if !app.stories_view.filter.is_empty() {
        let words = truncate(&sanitize_line(&app.stories_view.filter), 16);
        title.push_str(&format!("“{words}” "));
    }
    if let Some(e) = app.entity_view.filter {
        let name = (app.analysis.entities.entities.get(e))
            .map_or(String::new(), |e| truncate(&sanitize_line(&e.name), 16));
        title.push_str(&format!("naming {name} "));
    }
    if app.stories_view.order != StoryOrder::Largest {
        title.push_str(app.stories_view.order.label());
        title.push(' ');
    }
    frame.render_widget(pane_block(app, Focus::List, area, &title), area);
    let inner = layout::inner(area);
    let height = inner.height as usize;
    let width = inner.width as usize;
    let state = &app.stories_view.list;
    let offset = visible_offset(state.offset, state.selected, height);
    let open_story = app.reader.article.and_then(|a| app.story_of(a));
    let lines = (shown.iter().enumerate().skip(offset).take(height))
        .filter_map(|(row, &i)| {
            let story = rows.get(i)?;
            let mut style = app.theme.text;
            if open_story == Some(story.story) {
                style = style.patch(app.theme.open);
            }
            if row == state.selected {
                style = style.patch(if app.focus == Focus::List {
                    app.theme.selected
                } else {
                    app.theme.selected_unfocused
                });
            }
            Some(row_line(app, story, width).style(style))
        })
        .collect::<Vec<_>>();
    if shown.is_empty() {
        let line = Line::styled(
            truncate("no story matches (Esc clears)", width),
            app.theme.dim,
        );
        return frame.render_widget(Paragraph::new(line), inner);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One story's row: its article count, its label, then (as room allows) its date span and
/// its outlets in dim.
fn row_line(app: &App, story: &StoryRow, width: usize) -> Line<'static> {
    let count = format!("{:>3} ", story.articles);
    let mut tail = String::new();
    if width >= 40 {
        if let Some((first, last)) = &story.dates {
            tail = if first == last {
                format!(" {last}")
            } else {
                format!(" {}…{}", short_day(first, last), last)
            };
        }
    }
    if width >= 60 && !story.sources.is_empty() {
        let room = width / 4;
        let outlets = story.sources.join(", ");
        tail.push_str(&format!(" {}", truncate(&outlets, room)));
    }
    let room = width.saturating_sub(count.width() + tail.width());
    Line::from(vec![
        Span::styled(count, app.theme.dim),
        Span::raw(fit(&story.label, room)),
        Span::styled(tail, app.theme.dim),
    ])
}

/// The first day of a span, shortened by what it shares with the last ("03-01" when both
/// are in 2024).
fn short_day(first: &str, last: &str) -> String {
    if first.get(..5).is_some() && first.get(..5) == last.get(..5) {
        first.get(5..).unwrap_or(first).to_owned()
    } else {
        first.to_owned()
    }
}
