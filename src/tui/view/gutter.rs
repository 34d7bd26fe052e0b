//! The reading pane's gutter: beside the first line of each sentence, whether other
//! articles report it too (`+2`), on how many independent origins when fewer than its
//! articles (`+4/2`: four other articles, two origins, once the sources are in), whether
//! one of its figures is in a claim that disagrees (`≠2`), whether its figures were only
//! updated as the story went on (`↗2`: a toll that rises with the articles' dates), or
//! whether only this article says it (`·`). The claims are made once per analysis
//! (`App::claim_marks`), not at each draw.

use crate::corpus::Article;
use crate::tui::app::App;
use crate::tui::facts_nav::{mark, Mark};
use crate::tui::reader::{Source, VisualLine};
use crate::tui::sourcing::backing;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// A screen line's mark and, for a reported sentence, the (articles, origins) behind it.
pub type LineMark = (Mark, Option<(usize, usize)>);

/// The mark for one screen line: the strongest mark of the sentences starting on it.
pub fn line_mark(
    app: &App,
    index: usize,
    article: &Article,
    line: &VisualLine,
) -> Option<LineMark> {
    if line.source != Source::Text || line.start == line.end {
        return None;
    }
    let sentences = &article.structure.sentences;
    let claims = app.claim_marks();
    let first = sentences.partition_point(|s| s.span.start < line.start);
    let (sentence, strongest) = sentences[first..]
        .iter()
        .enumerate()
        .take_while(|(_, s)| s.span.start < line.end)
        .map(|(k, s)| {
            (
                first + k,
                mark(&app.analysis.facts, claims, index, first + k, s.span),
            )
        })
        .max_by_key(|(_, m)| match m {
            Mark::Exclusive => 0,
            Mark::Reported(n) => 1 + n,
            Mark::Updated(n) => 100 + n,
            Mark::Disagrees(n) => 200 + n,
        })?;
    let backed = match strongest {
        Mark::Reported(_) => app
            .sources()
            .and_then(|s| backing(&app.analysis.facts, s, index, sentence)),
        _ => None,
    };
    Some((strongest, backed))
}

/// Draws the marks of the screen lines `lines` in the gutter `area` (four cells wide).
pub fn render(frame: &mut Frame, app: &App, area: Rect, marks: &[Option<LineMark>]) {
    let theme = &app.theme.analysis;
    let lines: Vec<Line> = marks
        .iter()
        .map(|m| match m {
            None => Line::default(),
            Some((m @ Mark::Reported(_), b)) => Line::styled(m.text_backed(*b), theme.reported),
            Some((m @ Mark::Disagrees(_), _)) => Line::styled(m.text(), theme.disagrees),
            Some((m @ Mark::Updated(_), _)) => Line::styled(m.text(), theme.updated),
            Some((m @ Mark::Exclusive, _)) => Line::styled(m.text(), theme.exclusive),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
