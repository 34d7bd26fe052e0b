//! The skipped files window: every file the loading left out, with why, and every article
//! the analyser failed on (shown without entities or facts), so a reader sees what is
//! missing from the collection without quitting. One line per file, cut to the window;
//! names and messages go through the sanitiser.

use super::truncate;
use crate::corpus::sanitize_line;
use crate::tui::app::App;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// The window's place over `screen`: most of it, centred.
fn area(screen: Rect, lines: usize) -> Rect {
    let width = screen.width.saturating_sub(4).clamp(1, 100);
    let height = ((lines + 2) as u16)
        .min(screen.height.saturating_sub(2))
        .max(3);
    let height = height.min(screen.height);
    Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (screen.height - height) / 2,
        width,
        height,
    )
}

/// Lines the window shows at once on a screen of `size`.
pub fn body_height(size: Rect) -> usize {
    (size.height.saturating_sub(4) as usize).max(1)
}

/// The window's lines: the files skipped, then the articles the analyser failed on.
pub fn lines(app: &App) -> Vec<String> {
    let skipped = app.corpus.warnings.iter().map(|w| {
        let path = sanitize_line(&w.path);
        format!("{path}: {}", sanitize_line(&w.message))
    });
    skipped
        .chain(app.analysis.failure_lines(&app.corpus))
        .collect()
}

/// Draws the skipped files over `screen`, from line `scroll`.
pub fn render(frame: &mut Frame, app: &App, screen: Rect, scroll: usize) {
    let warnings = lines(app);
    let area = area(screen, warnings.len());
    let inner = area.width.saturating_sub(2) as usize;
    let visible = area.height.saturating_sub(2) as usize;
    let scroll = scroll.min(warnings.len().saturating_sub(visible));
    let lines: Vec<Line> = (warnings.iter().skip(scroll).take(visible))
        .map(|w| Line::from(truncate(w, inner)))
        .collect();
    let failed = app.analysis.failures.len();
    let title = match failed {
        0 => format!(
            " Skipped: {} (Esc closes) ",
            crate::text::counted(app.corpus.warnings.len(), "file", "files")
        ),
        _ => format!(
            " Skipped: {}; not analysed: {} (Esc closes) ",
            crate::text::counted(app.corpus.warnings.len(), "file", "files"),
            crate::text::counted(failed, "article", "articles")
        ),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border_focused)
        .title(Line::styled(
            truncate(&title, inner),
            app.theme.border_focused,
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
