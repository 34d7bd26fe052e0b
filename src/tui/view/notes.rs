//! The notes windows: the list of every note of the corpus (orphans with their quote), the
//! export format prompt, and the note editor with its cursor. All text shown passes through
//! the sanitiser: notes and passages come from files and from the user.

use super::{fit, truncate};
use crate::corpus::sanitize_line;
use crate::notes::{Format, Placed};
use crate::tui::app::App;
use crate::tui::app::{visible_offset, ListState};
use crate::tui::editor::rows;
use crate::tui::export_ui::format_key;
use crate::tui::note_editor::{editor_area, NoteEdit, NoteField, EDITOR_ROWS};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// A box of `width`×`height` cells centred in `screen` (clamped to it).
fn centred(screen: Rect, width: usize, height: usize) -> Rect {
    let w = (width as u16).min(screen.width);
    let h = (height as u16).min(screen.height);
    Rect::new(
        screen.x + (screen.width - w) / 2,
        screen.y + (screen.height - h) / 2,
        w,
        h,
    )
}

fn framed<'a>(app: &App, title: String) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border_focused)
        .title(Line::styled(title, app.theme.border_focused))
}

/// The two lines of one note in the list: where and what, then the note and its tags.
pub fn entry_lines(app: &App, p: &Placed<'_>) -> (String, String) {
    let title = p.article.map_or(p.note.article.title.as_str(), |i| {
        app.corpus.articles[i].title.as_str()
    });
    let passage = match (p.article, p.anchor.span()) {
        (Some(i), Some(span)) => format!("«{}»", &app.corpus.articles[i].text[span.range()]),
        _ => format!("[orphan] «{}»", p.note.target.quote.exact),
    };
    let first = sanitize_line(&format!("{title} — {passage}"));
    let mut second = sanitize_line(&p.note.body);
    if second.is_empty() {
        second = "(no note)".into();
    }
    for t in &p.note.tags {
        second.push_str(&format!("  #{}", sanitize_line(t)));
    }
    (first, second)
}

/// Where the notes list goes on `screen`.
fn list_area(screen: Rect) -> Rect {
    centred(
        screen,
        (screen.width as usize).saturating_sub(4).min(110),
        (screen.height as usize).saturating_sub(2),
    )
}

/// How many notes the list shows at once on `screen` (two lines each).
pub fn per_page(screen: Rect) -> usize {
    (list_area(screen).height.saturating_sub(2) as usize / 2).max(1)
}

/// Draws the list of notes, the selected one highlighted.
pub fn render_list(frame: &mut Frame, app: &App, screen: Rect, list: &ListState) {
    let area = list_area(screen);
    let inner_w = area.width.saturating_sub(2) as usize;
    let placed = app
        .notes
        .store
        .as_ref()
        .map(|s| s.place(&app.corpus))
        .unwrap_or_default();
    let per_page = per_page(screen);
    let selected = list.selected.min(placed.len().saturating_sub(1));
    let first = visible_offset(list.offset, selected, per_page);
    let mut body = Vec::new();
    if placed.is_empty() {
        body.push(Line::styled(
            " No notes yet: a highlights the current sentence.",
            app.theme.dim,
        ));
    }
    for (i, p) in placed.iter().enumerate().skip(first).take(per_page) {
        let (top, bottom) = entry_lines(app, p);
        let (s1, s2) = if i == selected {
            (app.theme.selected, app.theme.selected)
        } else {
            (app.theme.heading, app.theme.text)
        };
        body.push(Line::styled(fit(&format!(" {top}"), inner_w), s1));
        body.push(Line::styled(fit(&format!("    {bottom}"), inner_w), s2));
    }
    let title = format!(" Notes ({}): Enter jumps, Esc closes ", placed.len());
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(body).block(framed(app, title)), area);
}

/// Draws the export prompt, format `selected` highlighted.
pub fn render_export(frame: &mut Frame, app: &App, screen: Rect, selected: usize) {
    let dir = sanitize_line(&app.notes.export_dir.display().to_string());
    let mut body: Vec<Line> = Format::ALL
        .iter()
        .enumerate()
        .map(|(i, &f)| {
            let style = if i == selected {
                app.theme.selected
            } else {
                Style::new()
            };
            Line::styled(format!(" {}  {:<10}", format_key(f), f.name()), style)
        })
        .collect();
    body.push(Line::styled(format!(" into {dir}"), app.theme.dim));
    let width = body.iter().map(|l| l.width()).max().unwrap_or(0).max(24) + 4;
    let area = centred(screen, width, body.len() + 2);
    frame.render_widget(Clear, area);
    let title = " Export notes: m/j/w or Enter ".to_owned();
    frame.render_widget(Paragraph::new(body).block(framed(app, title)), area);
}

/// Draws the kind picker of entity `entity`, the kind under `list` selected.
pub fn render_kinds(frame: &mut Frame, app: &App, screen: Rect, entity: usize, list: &ListState) {
    use crate::entities::Kind;
    let current = app.analysis.entities.entities.get(entity);
    let body: Vec<Line> = (Kind::NAMES.iter().enumerate())
        .map(|(i, k)| {
            let style = if i == list.selected {
                app.theme.selected
            } else {
                Style::new()
            };
            let now = if current.is_some_and(|e| e.kind == *k) {
                " (now)"
            } else {
                ""
            };
            Line::styled(format!(" {:<8}{now}", k.label()), style)
        })
        .collect();
    let name = current.map_or(String::new(), |e| truncate(&sanitize_line(&e.name), 30));
    let title = format!(" Kind of {name}: Enter sets ");
    let width = body
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(0)
        .max(unicode_width::UnicodeWidthStr::width(title.as_str()))
        + 2;
    let area = centred(screen, width, body.len() + 2);
    // On a small screen the list scrolls to keep the selected kind in sight.
    let visible = (area.height as usize).saturating_sub(2).max(1);
    let first = list.selected.saturating_sub(visible - 1);
    let body: Vec<Line> = body.into_iter().skip(first).collect();
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(body).block(framed(app, title)), area);
}

/// Draws the note or tags editor near the bottom of the screen, its text wrapped to the
/// editor's width, with the terminal cursor at the insertion point.
pub fn render_editor(frame: &mut Frame, app: &App, screen: Rect, edit: &NoteEdit) {
    let inner_w = crate::tui::note_editor::text_width(screen);
    let text = &edit.input.text;
    let all = rows(text, inner_w);
    let area = editor_area(screen, all.len());
    let visible = (area.height as usize)
        .saturating_sub(2)
        .clamp(1, EDITOR_ROWS);
    let (cursor_row, cursor_col) = edit.input.cursor_row(inner_w);
    let top = cursor_row.saturating_sub(visible - 1);
    let body: Vec<Line> = all
        .iter()
        .skip(top)
        .take(visible)
        .map(|r| Line::from(truncate(&sanitize_line(&text[r.clone()]), inner_w)))
        .collect();
    let title = match edit.field {
        NoteField::Body => " Note: Enter saves, Alt-Enter new line, Esc keeps a draft ",
        NoteField::Tags => " Tags, comma or space separated: Enter saves, Esc keeps a draft ",
    };
    frame.render_widget(Clear, area);
    let width = area.width as usize;
    frame.render_widget(
        Paragraph::new(body).block(framed(app, truncate(title, width.saturating_sub(2)))),
        area,
    );
    let x = area.x + 1 + cursor_col.min(inner_w.saturating_sub(1)) as u16;
    let y = area.y + 1 + (cursor_row - top) as u16;
    if area.height > 2 {
        frame.set_cursor_position(Position::new(x, y));
    }
}
