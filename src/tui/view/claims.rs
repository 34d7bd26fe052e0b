//! The claims window (`D`): each claim's heading (its mark, status, what is measured and
//! the kind of figure), then one line per value: the figure as the article writes it
//! (`~` when hedged), the article's number and outlet, and its date when known. The
//! selected value is highlighted; with no claim, one line says so.

use super::fit;
use crate::corpus::{sanitize_line, Article};
use crate::facts::claims::Status;
use crate::tui::app::App;
use crate::tui::claims::{area, body_height, ClaimRow, ClaimsState};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// The widest a value's column gets, in cells; longer values push the outlet along.
const VALUE_WIDTH: usize = 32;

/// Draws the claims window over `screen`.
pub fn render(frame: &mut Frame, app: &App, screen: Rect, state: &ClaimsState) {
    let theme = &app.theme;
    let story = match state.story {
        Some(s) => format!("story {}", s + 1),
        None => "the articles".to_owned(),
    };
    let count = crate::text::counted(state.claims, "claim", "claims");
    let title = format!(" Claims of {story}: {count} (Enter opens, Esc closes) ");
    // As tall as its rows need, one line when there is none.
    let mut area = area(screen);
    area.height = (area.height).min(state.rows.len().max(1).saturating_add(2) as u16);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Line::styled(title, theme.border_focused));
    frame.render_widget(Clear, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    if state.rows.is_empty() {
        let line = "No figure is reported differently across these articles.";
        frame.render_widget(Paragraph::new(fit(line, width)).style(theme.dim), inner);
        return;
    }
    let value_w = value_width(app, state);
    let lines: Vec<Line> = (state.rows.iter().enumerate())
        .skip(state.list.offset)
        .take(body_height(screen))
        .map(|(i, row)| match row {
            ClaimRow::Claim {
                measure,
                status,
                kind,
            } => heading(app, *status, measure, kind.label(), width),
            ClaimRow::Value { .. } => {
                let text = value_line(app, row, value_w);
                let style = if i == state.list.selected {
                    theme.selected
                } else {
                    theme.text
                };
                Line::styled(fit(&text, width), style)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// "≠ disagree  trading loss · MONEY"
fn heading(app: &App, status: Status, measure: &str, kind: &str, width: usize) -> Line<'static> {
    let analysis = &app.theme.analysis;
    let (mark, style) = match status {
        Status::Disagree => ("≠", analysis.disagrees),
        Status::Updated => ("↗", analysis.updated),
    };
    let measure = match sanitize_line(measure).trim() {
        "" => kind.to_owned(),
        m => format!("{m} · {kind}"),
    };
    let rest = format!(" {}  {measure}", status.label());
    let rest = fit(&rest, width.saturating_sub(mark.width()));
    Line::from(vec![
        Span::styled(mark, style),
        Span::styled(rest, app.theme.heading),
    ])
}

/// The figure as written, `~` in front when hedged.
fn value_text(app: &App, row: &ClaimRow) -> String {
    let ClaimRow::Value {
        article,
        span,
        approximate,
        ..
    } = row
    else {
        return String::new();
    };
    let text = (app.corpus.articles.get(*article))
        .and_then(|a| a.text.get(span.range()))
        .unwrap_or_default();
    let hedge = if *approximate { "~" } else { "" };
    format!("{hedge}{}", sanitize_line(&text.replace(['\n', '\t'], " ")))
}

/// The width of the value column: the widest value, at most [`VALUE_WIDTH`].
fn value_width(app: &App, state: &ClaimsState) -> usize {
    (state.rows.iter())
        .map(|r| value_text(app, r).width())
        .max()
        .unwrap_or(0)
        .min(VALUE_WIDTH)
}

/// "  600 millions d'euros   2. Le Monde · 2024-03-02"
fn value_line(app: &App, row: &ClaimRow, value_w: usize) -> String {
    let ClaimRow::Value { article, .. } = row else {
        return String::new();
    };
    let value = value_text(app, row);
    let pad = value_w.saturating_sub(value.width());
    let who = app
        .corpus
        .articles
        .get(*article)
        .map(outlet)
        .unwrap_or_default();
    format!("  {value}{}  {}. {who}", " ".repeat(pad), article + 1)
}

/// The article's outlet (its source, else its title) and its date when known.
fn outlet(article: &Article) -> String {
    let meta = &article.meta;
    let known = |s: &Option<String>| {
        (s.as_deref().map(str::trim))
            .filter(|s| !s.is_empty())
            .map(sanitize_line)
    };
    let name = known(&meta.source).unwrap_or_else(|| sanitize_line(&article.title));
    match known(&meta.date) {
        Some(date) => format!("{name} · {date}"),
        None => name,
    }
}
