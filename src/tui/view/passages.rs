//! The coverage section under the reading text (`c`): for the cursor's sentence, each
//! passage of another article that reports the same fact, under that article's title, with
//! the words it shares with the sentence highlighted and, once the sources are in, who it is
//! attributed to (speaker → medium, dim) and whether it copies another article's text; then
//! the facts' disagreements, their values side by side. A passage in two facts of the
//! sentence is listed once. The lines are wrapped here, so that the section can scroll (it
//! takes the focus with `Tab`) by whole screen lines to its last passage.

use super::truncate;
use crate::corpus::{sanitize_line, Article};
use crate::facts::claims::Status;
use crate::facts::features::content_stem;
use crate::facts::{Discrepancy, Fact, Passage};
use crate::sources::describe;
use crate::text::{words, Span as ByteSpan, Stemmer};
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::wrap::wrap;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;
use std::collections::HashSet;
use unicode_width::UnicodeWidthStr;

/// Draws the coverage section in `area`.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let (ids, _) = app.cursor_facts();
    let title = match ids.len() {
        0 => " Coverage ".to_owned(),
        1 => " Coverage: 1 fact ".to_owned(),
        n => format!(" Coverage: {n} facts, ] follows the first "),
    };
    let block = super::block(app, app.coverage_focused(), area, &title);
    frame.render_widget(block, area);
    let inner = layout::inner(area);
    if app.article().is_none() {
        return;
    }
    if ids.is_empty() {
        let msg = Paragraph::new("Only this article reports this sentence.")
            .style(app.theme.dim)
            .wrap(Wrap { trim: true });
        frame.render_widget(msg, inner);
        return;
    }
    let lines = lines(app, inner.width as usize);
    let offset = app.coverage_offset(lines.len(), inner.height as usize);
    let shown: Vec<Line> = lines.into_iter().skip(offset).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The section's lines for the cursor's sentence, wrapped to `width` cells: the followed
/// fact first, each other passage once, then the disagreements.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let (ids, followed) = app.cursor_facts();
    let (Some(a), Some(article)) = (app.reader.article, app.article()) else {
        return Vec::new();
    };
    let Some(sentence) = article.structure.sentences.get(app.reader.cursor) else {
        return Vec::new();
    };
    let here = stems(article, sentence.span);
    let mut order: Vec<usize> = followed.into_iter().collect();
    order.extend(ids.iter().copied().filter(|&f| Some(f) != followed));
    let facts: Vec<&Fact> = (order.iter())
        .filter_map(|&f| app.analysis.facts.facts.get(f))
        .collect();
    let mut seen: Vec<(usize, usize)> = Vec::new();
    let mut passages: Vec<&Passage> = Vec::new();
    for p in facts.iter().flat_map(|f| &f.passages) {
        if p.article != a && !seen.contains(&(p.article, p.sentence)) {
            seen.push((p.article, p.sentence));
            passages.push(p);
        }
    }
    let mut out = Vec::new();
    for p in passages {
        let Some(other) = app.corpus.articles.get(p.article) else {
            continue;
        };
        let head = truncate(
            &format!("{}. {}", p.article + 1, sanitize_line(&other.title)),
            width,
        );
        let rest = width.saturating_sub(head.width());
        let mut pieces = vec![Span::styled(head, app.theme.heading)];
        if let Some(said) = attribution(app, p.article, p.sentence).filter(|_| rest > 4) {
            pieces.push(Span::styled(
                truncate(&format!("  {said}"), rest),
                app.theme.dim,
            ));
        }
        out.push(Line::from(pieces));
        out.extend(wrap_line(highlighted(app, other, p.span, &here), width));
    }
    let mut shown: Vec<&Discrepancy> = Vec::new();
    for d in facts.iter().flat_map(|f| &f.discrepancies) {
        if !shown.contains(&d) {
            shown.push(d);
            out.extend(wrap_line(disagreement(app, d), width));
        }
    }
    out
}

/// A styled line cut into screen lines of `width` cells at the text's break
/// opportunities, each piece keeping its style.
fn wrap_line(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    let mut text = String::new();
    let mut styles: Vec<(usize, usize, Style)> = Vec::new();
    for span in &line.spans {
        let start = text.len();
        text.push_str(&span.content);
        styles.push((start, text.len(), line.style.patch(span.style)));
    }
    wrap(&text, width.max(1))
        .into_iter()
        .map(|range| {
            let pieces: Vec<Span<'static>> = (styles.iter())
                .filter(|(s, e, _)| *s < range.end && *e > range.start)
                .map(|&(s, e, style)| {
                    let piece = &text[s.max(range.start)..e.min(range.end)];
                    Span::styled(piece.to_owned(), style)
                })
                .collect();
            Line::from(pieces)
        })
        .collect()
}

/// Who a passage is attributed to and whether it copies another article's sentence, once
/// the sources are in: "Patricia Wexler (JPMorgan Chase) → AFP · copy".
fn attribution(app: &App, article: usize, sentence: usize) -> Option<String> {
    let sources = app.sources()?;
    let entities = &app.analysis.entities;
    let said = sources.attribution(article, sentence).map(|a| {
        let who = describe::speaker(&app.corpus, entities, a);
        match (who, describe::medium(entities, a)) {
            (Some(w), Some(m)) => format!("{w} → {m}"),
            (Some(w), None) => w,
            (None, Some(m)) => format!("→ {m}"),
            (None, None) => String::new(),
        }
    });
    let copy = !sources.reuse.of_sentence(article, sentence).is_empty();
    match (said.filter(|s| !s.is_empty()), copy) {
        (Some(s), true) => Some(format!("{s} · copy")),
        (Some(s), false) => Some(s),
        (None, true) => Some("copy".into()),
        (None, false) => None,
    }
}

/// The folded stems of the content words of `span`.
fn stems(article: &Article, span: ByteSpan) -> HashSet<String> {
    let lang = article.language.code();
    let stemmer = Stemmer::for_language(lang);
    words(&article.text, span.range())
        .filter_map(|w| content_stem(article.slice(w), lang, &stemmer))
        .collect()
}

/// A passage as one line (wrapped when drawn), shared words highlighted.
fn highlighted(
    app: &App,
    article: &Article,
    span: ByteSpan,
    shared: &HashSet<String>,
) -> Line<'static> {
    let lang = article.language.code();
    let stemmer = Stemmer::for_language(lang);
    let mut pieces = Vec::new();
    let mut at = span.start;
    for w in words(&article.text, span.range()) {
        let stem = content_stem(article.slice(w), lang, &stemmer);
        if stem.is_some_and(|s| shared.contains(&s)) {
            pieces.push(Span::styled(plain(article, at, w.start), app.theme.text));
            pieces.push(Span::styled(
                plain(article, w.start, w.end),
                app.theme.analysis.shared_word,
            ));
            at = w.end;
        }
    }
    pieces.push(Span::styled(plain(article, at, span.end), app.theme.text));
    Line::from(pieces)
}

fn plain(article: &Article, start: usize, end: usize) -> String {
    let text = article.text.get(start..end).unwrap_or_default();
    sanitize_line(&text.replace(['\n', '\t'], " "))
}

/// "≠ MONEY  1. 100 milliards de dollars  │  3. ~119 milliards de dollars"; `↗` in
/// front of figures updated as the story went on, as in the gutter.
fn disagreement(app: &App, d: &Discrepancy) -> Line<'static> {
    let analysis = &app.theme.analysis;
    let updated = (d.values.first()).and_then(|v| app.claim_marks().status_in(v.article, v.span))
        == Some(Status::Updated);
    let (mark, style) = if updated {
        ("↗", analysis.updated)
    } else {
        ("≠", analysis.disagrees)
    };
    let mut pieces = vec![Span::styled(format!("{mark} {} ", d.kind.label()), style)];
    for (i, v) in d.values.iter().enumerate() {
        let Some(article) = app.corpus.articles.get(v.article) else {
            continue;
        };
        if i > 0 {
            pieces.push(Span::styled("  │  ", app.theme.dim));
        }
        let text = plain(article, v.span.start, v.span.end);
        let approx = if v.approximate { "≈" } else { "" };
        pieces.push(Span::raw(format!("{}. {approx}{text}", v.article + 1)));
    }
    Line::from(pieces)
}
