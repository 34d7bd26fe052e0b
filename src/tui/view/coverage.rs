//! The coverage map overlay: a header of article numbers, one line per grid row (its label
//! then one cell per article shown), and below the grid the selected row's text and the
//! selected article's title. Filled cells are `●`, disagreeing ones `≠`, empty ones `·`.

use super::fit;
use crate::corpus::sanitize_line;
use crate::tui::app::App;
use crate::tui::coverage::{geometry, Cell, CoverageState, CELL_WIDTH};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// Draws the map over `screen`.
pub fn render(frame: &mut Frame, app: &App, screen: Rect, state: &CoverageState) {
    let Some(grid) = &app.fact_view.grid else {
        return;
    };
    let g = geometry(screen, grid.columns);
    let theme = &app.theme;
    let title = format!(
        " Coverage: {} × {} (Enter opens, Esc closes) ",
        crate::text::counted(grid.rows.len(), "row", "rows"),
        crate::text::counted(grid.columns, "article", "articles")
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Line::styled(title, theme.border_focused));
    frame.render_widget(Clear, g.area);
    let inner = block.inner(g.area);
    frame.render_widget(block, g.area);
    let label_w = g.label_width as usize;
    let cell_w = CELL_WIDTH as usize;
    let columns = state.left..(state.left + g.visible_columns).min(grid.columns);
    let mut lines = Vec::new();
    let mut header = vec![Span::styled(
        fit(" fact \\ article", label_w),
        theme.heading,
    )];
    for c in columns.clone() {
        let mut style = theme.heading;
        if c == state.column {
            style = style.add_modifier(Modifier::REVERSED);
        }
        header.push(Span::styled(format!("{:>w$}", c + 1, w = cell_w), style));
    }
    lines.push(Line::from(header));
    for (r, row) in grid
        .rows
        .iter()
        .enumerate()
        .skip(state.top)
        .take(g.body_height)
    {
        let mut label_style = if row.fact.is_some() {
            theme.text
        } else {
            theme.dim
        };
        if r == state.row {
            label_style = label_style.patch(theme.selected_unfocused);
        }
        let label = format!(" {}", sanitize_line(&row.label));
        let mut spans = vec![Span::styled(fit(&label, label_w), label_style)];
        for c in columns.clone() {
            let (glyph, mut style) = match row.cell(c) {
                Cell::Empty => ("·", theme.analysis.empty_cell),
                Cell::Reports(_) => ("●", theme.analysis.reported),
                Cell::Disagrees(_) => ("≠", theme.analysis.disagrees),
            };
            if r == state.row && c == state.column {
                style = style.patch(theme.selected);
            }
            spans.push(Span::styled(format!("{:>w$}", glyph, w = cell_w), style));
        }
        lines.push(Line::from(spans));
    }
    let width = inner.width as usize;
    while lines.len() < inner.height.saturating_sub(2) as usize {
        lines.push(Line::default());
    }
    if let Some(row) = grid.rows.get(state.row) {
        let what = match row.fact {
            Some(_) => format!(
                "{}: ",
                crate::text::counted(row.filled(), "article", "articles")
            ),
            None => "only here: ".to_owned(),
        };
        let text = what + &sanitize_line(&row.label);
        lines.push(Line::styled(fit(&text, width), theme.message));
    }
    if let Some(article) = app.corpus.articles.get(state.column) {
        let text = format!(
            "article {}: {}",
            state.column + 1,
            sanitize_line(&article.title)
        );
        lines.push(Line::styled(fit(&text, width), theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
