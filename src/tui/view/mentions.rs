//! Entity mentions in the reading pane: each coloured by its kind while `e` has them on,
//! and the mention a walk (`Enter` on an entity, then `n`/`N`) stands on, always.

use crate::text::Span;
use crate::tui::app::App;
use ratatui::style::Style;

/// No mention is longer than this many bytes; bounds the look-back for a line.
const LONGEST_MENTION: usize = 1024;

/// The mentions, styled by kind, overlapping bytes `start..end` of article `article`.
pub fn styles(app: &App, article: usize, start: usize, end: usize) -> Vec<(Span, Style)> {
    let mut out = Vec::new();
    if app.entity_view.marks {
        let entities = &app.analysis.entities;
        let mentions = entities.in_article(article);
        let lo = mentions.partition_point(|m| m.span().start + LONGEST_MENTION < start);
        let hi = mentions.partition_point(|m| m.span().start < end);
        for m in &mentions[lo..hi.max(lo)] {
            if m.span().end > start {
                let kind = entities.entities[m.entity()].kind;
                out.push((m.span(), app.theme.analysis.kind(kind)));
            }
        }
    }
    out
}

/// The mention the walk stands on, in article `article`, drawn over the cursor's style.
pub fn current(app: &App, article: usize) -> Option<(Span, Style)> {
    let walk = app.entity_view.walk?;
    (walk.article == article).then_some((walk.current, app.theme.analysis.current_mention))
}
