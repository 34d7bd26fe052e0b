//! The sources window (`S`): for the open article's story, who is cited (the speaker, the
//! organisation they speak for, the media they spoke to), by which outlets and on how many
//! facts, anonymous sources counted apart; then each article's own share of text and the
//! pairs of articles that share text, largest first. `Enter` on a source goes to its first
//! passage in the open article (else the first in the story), on an article to its top,
//! on a pair to the first sentence one copies from the other.
//!
//! The rows are made from the state each time they are needed (drawing, a key): they cost
//! what the story is, and they follow the sources as they land.

use super::app::{App, Focus, ListState};
use super::layer::{Layer, Outcome};
use super::view::truncate;
use super::Action;
use crate::sources::describe::outlet;
use crate::sources::story::{self, Cited, StorySources};
use crate::sources::Sources;
use crate::text::counted;
use ratatui::layout::Rect;

/// Pairs of articles sharing text shown, largest first.
const PAIRS_SHOWN: usize = 20;
/// Cells an outlet's name takes at most (a title stands for it when the metadata has none).
const OUTLET_WIDTH: usize = 24;

/// The outlet of article `a`, cut to [`OUTLET_WIDTH`].
fn outlet_of(app: &App, a: usize) -> String {
    let name = app.corpus.articles.get(a).map(outlet).unwrap_or_default();
    truncate(&name, OUTLET_WIDTH)
}

/// What a row of the window is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Heading,
    /// A line that says why something is missing.
    Note,
    /// A source, an article or a pair: selectable.
    Item,
}

/// One row of the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    /// Sanitised, one line.
    pub text: String,
    pub kind: RowKind,
    /// Where `Enter` goes: (article, sentence).
    pub target: Option<(usize, usize)>,
}

impl SourceRow {
    fn heading(text: String) -> SourceRow {
        SourceRow {
            text,
            kind: RowKind::Heading,
            target: None,
        }
    }

    fn note(text: &str) -> SourceRow {
        SourceRow {
            text: text.to_owned(),
            kind: RowKind::Note,
            target: None,
        }
    }

    fn item(text: String, target: Option<(usize, usize)>) -> SourceRow {
        SourceRow {
            text,
            kind: RowKind::Item,
            target,
        }
    }
}

/// The window's place on a screen: all of it above the status bar, at most 100 cells wide.
pub fn area(screen: Rect) -> Rect {
    let height = screen.height.saturating_sub(1).max(1);
    let width = if screen.width > 24 {
        screen.width.saturating_sub(4).min(100)
    } else {
        screen.width
    };
    Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y,
        width,
        height,
    )
}

/// Rows that fit inside the window's border.
fn body_height(screen: Rect) -> usize {
    area(screen).height.saturating_sub(2).max(1) as usize
}

/// The articles of the open article's story (the open article alone before the stories are
/// known).
pub fn story_articles(app: &App) -> Vec<usize> {
    let Some(a) = app.reader.article else {
        return Vec::new();
    };
    let stories = &app.analysis.stories;
    let story = (stories.of_article.get(a)).and_then(|&s| stories.stories.get(s as usize));
    match story {
        Some(s) if s.articles.contains(&a) => s.articles.clone(),
        _ => vec![a],
    }
}

/// The window's rows for the state as it is.
pub fn rows(app: &App) -> Vec<SourceRow> {
    let articles = story_articles(app);
    let Some(open) = app.reader.article else {
        return vec![SourceRow::note("No article open.")];
    };
    let mut out = vec![SourceRow::heading(format!(
        "Sources of this story ({})",
        counted(articles.len(), "article", "articles")
    ))];
    let Some(sources) = app.sources() else {
        let why = match app.sources_elapsed() {
            Some(s) => format!("Working out who is cited and what is shared… {s} s"),
            None => "The sources are worked out once the analysis is in.".into(),
        };
        out.push(SourceRow::note(&why));
        return out;
    };
    let found = story::of_articles(
        &app.corpus,
        &app.analysis.entities,
        &app.analysis.facts,
        sources,
        &articles,
    );
    cited_rows(app, &found, open, &mut out);
    shared_rows(app, sources, &found, &mut out);
    out
}

fn cited_rows(app: &App, found: &StorySources, open: usize, out: &mut Vec<SourceRow>) {
    let named = found.cited.iter().filter(|c| !c.anonymous);
    let mut any = false;
    for c in named {
        any = true;
        out.push(SourceRow::item(cited_line(app, c), first_passage(c, open)));
    }
    if !any {
        out.push(SourceRow::note("  no named source"));
    }
    out.push(SourceRow::heading(format!(
        "Anonymous: {}",
        found.anonymous()
    )));
    for c in found.cited.iter().filter(|c| c.anonymous) {
        out.push(SourceRow::item(cited_line(app, c), first_passage(c, open)));
    }
}

/// "JPMorgan Chase (Patricia Wexler) → WSJ · 2 facts · cited by Le Monde, AFP": the
/// outlets last, where a narrow window cuts the line.
fn cited_line(app: &App, c: &Cited) -> String {
    let mut line = format!("  {}", c.name);
    if c.outlet {
        line.push_str(" [outlet]");
    }
    if !c.media.is_empty() {
        line.push_str(&format!(" → {}", c.media.join(", ")));
    }
    let mut outlets: Vec<String> = Vec::new();
    for &a in &c.articles {
        let o = outlet_of(app, a);
        if !outlets.contains(&o) {
            outlets.push(o);
        }
    }
    if c.facts > 0 {
        line.push_str(&format!(" · {}", counted(c.facts, "fact", "facts")));
    }
    line.push_str(&format!(" · cited by {}", outlets.join(", ")));
    line
}

/// The source's first passage in the open article, else its first.
fn first_passage(c: &Cited, open: usize) -> Option<(usize, usize)> {
    (c.sentences.iter().find(|(a, _)| *a == open))
        .or(c.sentences.first())
        .copied()
}

fn shared_rows(app: &App, sources: &Sources, found: &StorySources, out: &mut Vec<SourceRow>) {
    let name = |a: usize| outlet_of(app, a);
    let percent = |x: f32| (x * 100.0).round() as u32;
    out.push(SourceRow::heading(
        "Own text (words no other article has)".into(),
    ));
    for o in &found.own {
        let at_least = if o.at_least { "≥ " } else { "" };
        let line = format!("  {}: {at_least}{} %", name(o.article), percent(o.share));
        out.push(SourceRow::item(line, Some((o.article, 0))));
    }
    out.push(SourceRow::heading(format!(
        "Shared text ({})",
        counted(found.pairs.len(), "pair", "pairs")
    )));
    for p in found.pairs.iter().take(PAIRS_SHOWN) {
        let (line, from, to) = match p.first {
            Some(first) => {
                let (later, share) = if first == p.a {
                    (p.b, p.share_a)
                } else {
                    (p.a, p.share_b)
                };
                let line = format!(
                    "  {} copies {} % of {}",
                    name(later),
                    percent(share),
                    name(first)
                );
                (line, later, first)
            }
            None => {
                let line = format!(
                    "  {} and {} share text: {} % / {} %",
                    name(p.a),
                    name(p.b),
                    percent(p.share_a),
                    percent(p.share_b)
                );
                (line, p.b, p.a)
            }
        };
        out.push(SourceRow::item(line, first_copy(sources, from, to)));
    }
    if found.pairs.len() > PAIRS_SHOWN {
        let more = found.pairs.len() - PAIRS_SHOWN;
        out.push(SourceRow::note(&format!("  and {more} more")));
    }
}

/// The first sentence of `article` shared with one of `source`.
fn first_copy(sources: &Sources, article: usize, source: usize) -> Option<(usize, usize)> {
    let copies = &sources.reuse.copies;
    let from = copies.partition_point(|c| c.article < article);
    (copies[from..].iter())
        .take_while(|c| c.article == article)
        .find(|c| c.source_article == source)
        .map(|c| (c.article, c.sentence))
}

impl App {
    /// Opens the sources window on its first selectable row.
    pub(super) fn open_story_sources(&mut self) {
        let rows = rows(self);
        let mut list = ListState::default();
        if let Some(i) = rows.iter().position(|r| r.kind == RowKind::Item) {
            list.select(i, rows.len(), body_height(self.size()));
        }
        self.layers.push(Layer::Sources(list));
    }

    /// The sources window on top: rows move like any list, passing over headings;
    /// `Enter` goes to the row's passage and closes the window.
    pub(super) fn handle_story_sources(&mut self, list: &mut ListState, action: Action) -> Outcome {
        if matches!(action, Action::Sources | Action::Cancel | Action::Quit) {
            return Outcome::Close;
        }
        let rows = rows(self);
        if action == Action::Activate {
            return match rows.get(list.selected).and_then(|r| r.target) {
                Some((article, sentence)) => {
                    self.open_passage(article, sentence);
                    self.set_focus(Focus::Reader);
                    Outcome::Close
                }
                None => {
                    self.message = Some("nothing to open on this row".into());
                    Outcome::Consumed
                }
            };
        }
        let height = body_height(self.size());
        if !list.navigate(action, rows.len(), height) {
            return Outcome::Ignored;
        }
        let item = |i: usize| rows.get(i).is_some_and(|r| r.kind == RowKind::Item);
        if !item(list.selected) {
            let at = list.selected;
            let down = matches!(
                action,
                Action::Next | Action::ScrollDown | Action::PageDown | Action::Top
            );
            let after = (at + 1..rows.len()).find(|&i| item(i));
            let before = (0..at).rev().find(|&i| item(i));
            let target = if down {
                after.or(before)
            } else {
                before.or(after)
            };
            if let Some(t) = target {
                list.select(t, rows.len(), height);
            }
        }
        // The headings above the first item stay in view at the top.
        if rows
            .iter()
            .take(list.selected)
            .all(|r| r.kind != RowKind::Item)
        {
            list.offset = 0;
        }
        Outcome::Consumed
    }
}
