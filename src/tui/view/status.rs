//! The status bar: where the reader is (article i/N, position), the search and its match
//! count, a transient message, and the keys that matter most; or the search prompt.

use super::truncate;
use crate::analysis::{Carried, Snapshot};
use crate::corpus::sanitize_line;
use crate::tui::action::Action;
use crate::tui::app::App;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// Draws the status bar in `area` (one line).
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let width = area.width as usize;
    if let Some(prompt) = app.prompt() {
        let count = app.search.as_ref().map_or(String::new(), |s| {
            format!("  [{} matches]", s.matches.len())
        });
        let input = &prompt.input;
        let text = format!("/{}", sanitize_line(&input.text));
        let before = 1 + sanitize_line(&input.text[..input.cursor]).width();
        let cursor_x = before.min(width.saturating_sub(1));
        let line = truncate(&(text + &count), width);
        frame.render_widget(Paragraph::new(line).style(app.theme.status), area);
        frame.set_cursor_position(Position::new(area.x + cursor_x as u16, area.y));
        return;
    }
    if let Some(prompt) = app.story_prompt() {
        let count = crate::text::counted(app.visible_stories().len(), "story", "stories");
        let input = &prompt.input;
        let text = format!("/{}  [{count}]", sanitize_line(&input.text));
        let before = 1 + sanitize_line(&input.text[..input.cursor]).width();
        let line = truncate(&text, width);
        frame.render_widget(Paragraph::new(line).style(app.theme.status), area);
        let cursor_x = before.min(width.saturating_sub(1));
        frame.set_cursor_position(Position::new(area.x + cursor_x as u16, area.y));
        return;
    }
    let left = position_text(app);
    let message = match (&app.message, &app.loading, &app.analysing) {
        (Some(m), _, _) => sanitize_line(m),
        (None, Some(loading), _) => loading.status(),
        (None, None, Some(job)) => gauge(&job.snapshot(), job.carried),
        (None, None, None) => app.sources_elapsed().map_or(String::new(), |s| {
            format!("working out the sources (who is cited, shared text)… {s} s")
        }),
    };
    let right = hints(app);
    let mut spans = vec![Span::raw(left.clone())];
    let mut used = left.width();
    if !message.is_empty() {
        let m = truncate(&format!("  {message}"), width.saturating_sub(used));
        used += m.width();
        spans.push(Span::styled(m, app.theme.message));
    }
    if used + right.width() < width {
        spans.push(Span::raw(" ".repeat(width - used - right.width())));
        spans.push(Span::raw(right));
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(app.theme.status),
        area,
    );
}

/// " 3/5  42%  match 1/4" as the reader stands.
fn position_text(app: &App) -> String {
    let n = app.corpus.articles.len();
    let Some(i) = app.reader.article else {
        return format!(" {}", articles(n));
    };
    let mut s = format!(" {}/{}", i + 1, n);
    let (skipped, failed) = (app.corpus.warnings.len(), app.analysis.failures.len());
    if skipped > 0 {
        s.push_str(&format!("  {skipped} skipped"));
    }
    if failed > 0 {
        s.push_str(&format!("  {failed} not analysed"));
    }
    if skipped + failed > 0 {
        if let Some(key) = app.keymap.hint(Action::Warnings) {
            s.push_str(&format!(" ({key})"));
        }
    }
    let height = app.reader_view().height as usize;
    let scroll = app.reader.scroll;
    let percent = app.with_layout(|layout, article| {
        layout.ensure_lines(article, scroll + height);
        app.reader.percent(article, layout, height)
    });
    if let Some(p) = percent {
        s.push_str(&format!("  {p}%"));
    }
    if let Some(walk) = &app.entity_view.walk {
        let name = &app.analysis.entities.entities[walk.entity].name;
        s.push_str(&format!("  n/N: {}", truncate(&sanitize_line(name), 20)));
    } else if let Some(search) = &app.search {
        let query = truncate(&sanitize_line(&search.query), 20);
        match search.current {
            Some(c) => s.push_str(&format!("  /{query} {}/{}", c + 1, search.matches.len())),
            None => s.push_str(&format!("  /{query} {} matches", search.matches.len())),
        }
    }
    s
}

/// "1200/5000 ▰▰▱▱▱▱▱▱": a count and an eight-cell bar (full when there is nothing to count).
pub fn count_bar(done: usize, total: usize) -> String {
    const CELLS: usize = 8;
    let full = (done * CELLS)
        .checked_div(total)
        .unwrap_or(CELLS)
        .min(CELLS);
    format!(
        "{done}/{total} {}{}",
        "▰".repeat(full),
        "▱".repeat(CELLS - full)
    )
}

/// "analysing: finding entities 1200/5000 ▰▰▱▱▱▱▱▱ ~3 s" for an analysis under way;
/// "updating: … · last analysis shown for 4999 unchanged articles, 1 new or changed" while
/// the last analysis is shown, `carried` over to the articles.
pub fn gauge(now: &Snapshot, carried: Option<Carried>) -> String {
    let doing = if carried.is_some() {
        "updating"
    } else {
        "analysing"
    };
    let mut s = format!("{doing}: {}", now.stage.describe());
    if now.total > 0 {
        s.push(' ');
        s.push_str(&count_bar(now.done, now.total));
    }
    match now.stage_left {
        Some(left) if left.as_secs() >= 1 => s.push_str(&format!(" ~{} s", left.as_secs())),
        _ => s.push_str(&format!(" ({} s)", now.elapsed.as_secs())),
    }
    if let Some(c) = carried {
        s.push_str(&format!(
            " · last analysis shown for {} unchanged",
            articles(c.kept)
        ));
        if c.gone > 0 {
            s.push_str(&format!(", {} gone", c.gone));
        }
        if c.new > 0 {
            s.push_str(&format!(", {} new or changed", c.new));
        }
    }
    s
}

/// "1 article", "2 articles".
pub(crate) fn articles(n: usize) -> String {
    crate::text::counted(n, "article", "articles")
}

/// Short hints for the most useful keys, from the keymap.
fn hints(app: &App) -> String {
    let mut parts = Vec::new();
    for (action, label) in [
        (Action::Help, "help"),
        (Action::Search, "search"),
        (Action::Quit, "quit"),
    ] {
        if let Some(key) = app.keymap.hint(action) {
            parts.push(format!("{key} {label}"));
        }
    }
    parts.join("  ") + " "
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn an_update_says_what_is_shown_meanwhile() {
        let now = Snapshot {
            stage: crate::analysis::Stage::Facts,
            done: 2,
            total: 8,
            elapsed: Duration::from_secs(3),
            stage_left: Some(Duration::from_secs(6)),
        };
        assert_eq!(
            gauge(&now, None),
            "analysing: linking facts across articles 2/8 ▰▰▱▱▱▱▱▱ ~6 s"
        );
        let carried = Carried {
            kept: 1,
            new: 2,
            gone: 3,
        };
        assert_eq!(
            gauge(&now, Some(carried)),
            "updating: linking facts across articles 2/8 ▰▰▱▱▱▱▱▱ ~6 s · last analysis shown \
             for 1 article unchanged, 3 gone, 2 new or changed"
        );
        assert_eq!(articles(0), "0 articles");
    }
}
