//! The coverage section under the reading text (`c`): for the cursor's sentence, each
//! passage of another article that reports the same fact, under that article's title, with
//! the words it shares with the sentence highlighted and, once the sources are in, who it is
//! attributed to (speaker → medium, dim) and whether it copies another article's text; then
//! the fact's disagreements, their values side by side.

use super::{pane_block, truncate};
use crate::corpus::{sanitize_line, Article};
use crate::facts::features::content_stem;
use crate::facts::{Discrepancy, Fact};
use crate::sources::describe;
use crate::text::{words, Span as ByteSpan, Stemmer};
use crate::tui::app::{App, Focus};
use crate::tui::layout;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;
use std::collections::HashSet;
use unicode_width::UnicodeWidthStr;

/// Draws the coverage section in `area`.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let (ids, followed) = app.cursor_facts();
    let title = match ids.len() {
        0 => " Coverage ".to_owned(),
        1 => " Coverage: 1 fact ".to_owned(),
        n => format!(" Coverage: {n} facts, ] follows the first "),
    };
    frame.render_widget(pane_block(app, Focus::Reader, area, &title), area);
    let inner = layout::inner(area);
    let (Some(a), Some(article)) = (app.reader.article, app.article()) else {
        return;
    };
    let Some(sentence) = article.structure.sentences.get(app.reader.cursor) else {
        return;
    };
    if ids.is_empty() {
        let msg = Paragraph::new("Only this article reports this sentence.")
            .style(app.theme.dim)
            .wrap(Wrap { trim: true });
        frame.render_widget(msg, inner);
        return;
    }
    let here = stems(article, sentence.span);
    let mut order: Vec<usize> = followed.into_iter().collect();
    order.extend(ids.iter().copied().filter(|&f| Some(f) != followed));
    let mut lines = Vec::new();
    for f in order {
        let fact = &app.analysis.facts.facts[f];
        fact_lines(app, fact, a, &here, inner.width as usize, &mut lines);
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

/// The lines of one fact: its other passages, then its disagreements.
fn fact_lines(
    app: &App,
    fact: &Fact,
    here: usize,
    shared: &HashSet<String>,
    width: usize,
    out: &mut Vec<Line<'static>>,
) {
    let theme = &app.theme;
    for p in fact.passages.iter().filter(|p| p.article != here) {
        let Some(other) = app.corpus.articles.get(p.article) else {
            continue;
        };
        let head = truncate(
            &format!("{}. {}", p.article + 1, sanitize_line(&other.title)),
            width,
        );
        let rest = width.saturating_sub(head.width());
        let mut pieces = vec![Span::styled(head, theme.heading)];
        if let Some(said) = attribution(app, p.article, p.sentence).filter(|_| rest > 4) {
            pieces.push(Span::styled(
                truncate(&format!("  {said}"), rest),
                theme.dim,
            ));
        }
        out.push(Line::from(pieces));
        out.push(highlighted(app, other, p.span, shared));
    }
    for d in &fact.discrepancies {
        out.push(disagreement(app, d));
    }
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
    let text = &article.text[start..end];
    sanitize_line(&text.replace(['\n', '\t'], " "))
}

/// "≠ MONEY  1. 100 milliards de dollars  │  3. ~119 milliards de dollars"
fn disagreement(app: &App, d: &Discrepancy) -> Line<'static> {
    let mut pieces = vec![Span::styled(
        format!("≠ {} ", d.kind.label()),
        app.theme.analysis.disagrees,
    )];
    for (i, v) in d.values.iter().enumerate() {
        if i > 0 {
            pieces.push(Span::styled("  │  ", app.theme.dim));
        }
        let text = plain(&app.corpus.articles[v.article], v.span.start, v.span.end);
        let approx = if v.approximate { "≈" } else { "" };
        pieces.push(Span::raw(format!("{}. {approx}{text}", v.article + 1)));
    }
    Line::from(pieces)
}
