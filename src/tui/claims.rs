//! The claims of the story (`D`): each figure that the story's articles report differently,
//! with each value once per article, the outlet and the date, so that who said what, and
//! when, reads at a glance; `Enter` opens the passage stating the selected value. The
//! claims are computed when the window opens, over the facts of the open article's story
//! (claims never span stories), and kept in the window's state, not redone at each draw.
//!
//! The same claims mark the gutter. [`ClaimMarks`] indexes every value of every claim of
//! the analysis by article, built once per analysis at the first draw that needs it, so
//! that a figure that disagrees (`≠`) is told apart from one that was updated as the story
//! went on (`↗`: the values follow the articles' dates one way, a toll that rises).

use super::action::Action;
use super::app::{App, Focus};
use super::layer::{Layer, Outcome};
use super::list_nav::ListState;
use crate::corpus::Corpus;
use crate::entities::Kind;
use crate::facts::claims::{claims, Claim, Status};
use crate::facts::Fact;
use crate::text::Span;
use ratatui::layout::Rect;
use std::collections::HashMap;

/// Every value of every claim, by article, sorted by position: what the gutter asks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimMarks {
    by_article: HashMap<usize, Vec<(Span, Status)>>,
}

impl ClaimMarks {
    /// The index of the claims of `facts` (facts of `corpus`).
    pub fn new(corpus: &Corpus, facts: &[Fact]) -> ClaimMarks {
        ClaimMarks::from_claims(&claims(corpus, facts))
    }

    /// The index of `claims`.
    pub fn from_claims(claims: &[Claim]) -> ClaimMarks {
        let mut by_article: HashMap<usize, Vec<(Span, Status)>> = HashMap::new();
        for claim in claims {
            for v in &claim.values {
                by_article
                    .entry(v.article)
                    .or_default()
                    .push((v.span, claim.status));
            }
        }
        for values in by_article.values_mut() {
            values.sort_by_key(|(span, _)| (span.start, span.end));
        }
        ClaimMarks { by_article }
    }

    /// What the values lying within `span` of `article` say: `Disagree` when one of them
    /// is in a claim that disagrees, `Updated` when they are all in updated claims, `None`
    /// when no claim has a value there.
    pub fn status_in(&self, article: usize, span: Span) -> Option<Status> {
        let values = self.by_article.get(&article)?;
        let first = values.partition_point(|(v, _)| v.start < span.start);
        let mut found = None;
        for (v, status) in values[first..]
            .iter()
            .take_while(|(v, _)| v.start < span.end)
        {
            if v.end > span.end {
                continue;
            }
            match status {
                Status::Disagree => return Some(Status::Disagree),
                Status::Updated => found = Some(Status::Updated),
            }
        }
        found
    }
}

/// One row of the claims window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimRow {
    /// A claim's heading.
    Claim {
        measure: String,
        status: Status,
        kind: Kind,
    },
    /// One value of the claim above, as one article states it.
    Value {
        article: usize,
        /// The sentence of the article holding the value.
        sentence: usize,
        span: Span,
        approximate: bool,
    },
}

/// The claims window: its rows, the story they are of, the selected value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimsState {
    /// The story (index in the analysis's stories), when the open article has one.
    pub story: Option<usize>,
    /// How many claims the rows hold.
    pub claims: usize,
    pub rows: Vec<ClaimRow>,
    /// The selected row, always a value when there is one.
    pub list: ListState,
}

impl ClaimsState {
    /// The rows of `claims` (of `corpus`): each claim's heading, then its values, each
    /// value once per article (an article stating one figure twice gives one row).
    pub fn new(corpus: &Corpus, claims: &[Claim], story: Option<usize>) -> ClaimsState {
        let mut rows = Vec::new();
        for claim in claims {
            rows.push(ClaimRow::Claim {
                measure: claim.measure.clone(),
                status: claim.status,
                kind: claim.kind,
            });
            let mut seen: Vec<(usize, u64, &str)> = Vec::new();
            for v in &claim.values {
                let key = (v.article, v.value.to_bits(), v.unit.as_str());
                let Some(article) = corpus.articles.get(v.article) else {
                    continue;
                };
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                rows.push(ClaimRow::Value {
                    article: v.article,
                    sentence: article.structure.sentence_at(v.span.start).unwrap_or(0),
                    span: v.span,
                    approximate: v.approximate,
                });
            }
        }
        let mut state = ClaimsState {
            story,
            claims: claims.len(),
            rows,
            list: ListState::default(),
        };
        state.list.selected = state.value_from(0, true).unwrap_or(0);
        state
    }

    /// The passage `Enter` opens: the article and sentence of the selected value.
    pub fn target(&self) -> Option<(usize, usize)> {
        match self.rows.get(self.list.selected)? {
            ClaimRow::Value {
                article, sentence, ..
            } => Some((*article, *sentence)),
            ClaimRow::Claim { .. } => None,
        }
    }

    /// The first value row from `i` on (`forward`) or back.
    fn value_from(&self, i: usize, forward: bool) -> Option<usize> {
        let is_value = |k: &usize| matches!(self.rows.get(*k), Some(ClaimRow::Value { .. }));
        if forward {
            (i..self.rows.len()).find(is_value)
        } else {
            (0..=i.min(self.rows.len().saturating_sub(1)))
                .rev()
                .find(is_value)
        }
    }

    /// Moves the selection as `action` asks, passing over the headings (and showing the
    /// heading of the selected value's claim when it sits just above); false when the
    /// action does not move through lists.
    pub fn navigate(&mut self, action: Action, height: usize) -> bool {
        let len = self.rows.len();
        if !self.list.navigate(action, len, height) {
            return false;
        }
        let down = matches!(
            action,
            Action::Next | Action::ScrollDown | Action::PageDown | Action::Top
        );
        let at = self.list.selected;
        let target = if down {
            self.value_from(at, true).or(self.value_from(at, false))
        } else {
            self.value_from(at, false).or(self.value_from(at, true))
        };
        if let Some(t) = target {
            self.list.select(t, len, height);
        }
        let above = self.list.selected.saturating_sub(1);
        let room = self.list.selected < above + height;
        if room && matches!(self.rows.get(above), Some(ClaimRow::Claim { .. })) {
            self.list.offset = self.list.offset.min(above);
        }
        true
    }
}

/// Where the claims window goes on `screen`: the whole screen but the status bar.
pub fn area(screen: Rect) -> Rect {
    Rect {
        height: screen.height.saturating_sub(1).max(1),
        ..screen
    }
}

/// The rows of the window that fit on `screen`.
pub fn body_height(screen: Rect) -> usize {
    area(screen).height.saturating_sub(2).max(1) as usize
}

impl App {
    /// The story of the open article and the claims of its facts.
    fn story_claims(&self) -> (Option<usize>, Vec<Claim>) {
        let stories = &self.analysis.stories;
        let story = (self.reader.article)
            .and_then(|a| stories.of_article.get(a))
            .map(|&s| s as usize);
        let members = story.and_then(|s| stories.stories.get(s)).map(|s| {
            let mut member = vec![false; self.corpus.articles.len()];
            for &a in &s.articles {
                if let Some(m) = member.get_mut(a) {
                    *m = true;
                }
            }
            member
        });
        let facts = &self.analysis.facts.facts;
        let claims = match &members {
            // Without stories (an analysis carried over, a corpus of one story) the whole
            // corpus is the story.
            None => claims(&self.corpus, facts),
            Some(member) => {
                let in_story = |f: &&Fact| {
                    (f.passages.iter()).all(|p| member.get(p.article).copied().unwrap_or(false))
                };
                let mine: Vec<Fact> = facts.iter().filter(in_story).cloned().collect();
                claims(&self.corpus, &mine)
            }
        };
        (story.filter(|_| members.is_some()), claims)
    }

    /// Opens the claims of the open article's story.
    pub(super) fn open_claims(&mut self) {
        let (story, claims) = self.story_claims();
        let state = ClaimsState::new(&self.corpus, &claims, story);
        self.layers.push(Layer::Claims(state));
    }

    /// The claims window on top: rows move like any list, `Enter` opens the selected
    /// value's passage and closes the window.
    pub(super) fn handle_claims(&mut self, state: &mut ClaimsState, action: Action) -> Outcome {
        match action {
            Action::Claims | Action::Cancel | Action::Quit => Outcome::Close,
            Action::Activate => match state.target() {
                Some((article, sentence)) => {
                    self.open_passage(article, sentence);
                    self.set_focus(Focus::Reader);
                    Outcome::Close
                }
                None => Outcome::Consumed,
            },
            Action::Help => Outcome::Ignored,
            a => {
                state.navigate(a, body_height(self.size()));
                Outcome::Consumed
            }
        }
    }
}

#[cfg(test)]
mod tests;
