//! Reading across articles: which sentences other outlets also report (the gutter marks:
//! `+2` two others report it, `≠2` one of its figures is in a claim that disagrees, `↗2`
//! its figures are only in claims updated as the story went on, ` ·` only here),
//! moving to the next article that reports the current sentence's fact (`]`/`[`), to the
//! next reported sentence of this article (`}`/`{`), and the coverage section (`c`) that
//! shows the matching passages under the text.
//!
//! A sentence may belong to several facts. `]`/`[` follow the fact they last followed while
//! the cursor stays on one of its passages, so repeated presses cycle through that fact's
//! articles; otherwise they take the sentence's first fact and the status bar says so.

use super::app::App;
use super::claims::ClaimMarks;
use super::coverage::CoverageGrid;
use super::list_nav::ListState;
use crate::corpus::sanitize_line;
use crate::facts::claims::Status;
use crate::facts::{Fact, Facts};
use crate::text::Span;
use ratatui::layout::Rect;
use std::cell::OnceCell;

/// Fact view state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FactState {
    /// The coverage section under the reading text is shown (`c` toggles).
    pub coverage: bool,
    /// The fact `]`/`[` last followed.
    pub followed: Option<usize>,
    /// The coverage map, built when first opened.
    pub grid: Option<CoverageGrid>,
    /// The claims of the whole analysis by article, for the gutter, made at first use.
    pub claim_marks: OnceCell<ClaimMarks>,
    /// The coverage section has the keys (the reading pane's focus goes to it).
    pub coverage_focused: bool,
    /// The coverage section's scroll, for the sentence it was scrolled on
    /// `(article, sentence)`; another sentence shows from the top.
    pub passages: ListState,
    pub passages_of: Option<(usize, usize)>,
}

/// What the gutter shows beside a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Other articles report it too: how many.
    Reported(usize),
    /// Reported elsewhere, and one of its figures is in a claim that disagrees: how many
    /// articles.
    Disagrees(usize),
    /// Reported elsewhere, and its figures are in claims that follow the articles' dates
    /// (updated), none disagreeing: how many articles.
    Updated(usize),
    /// No other article reports it.
    Exclusive,
}

impl Mark {
    /// The two-cell text of the mark: `+2`, `≠2`, `↗2`, ` ·`.
    pub fn text(self) -> String {
        match self {
            Mark::Reported(n) => format!("+{}", n.min(9)),
            Mark::Disagrees(n) => format!("≠{}", n.min(9)),
            Mark::Updated(n) => format!("↗{}", n.min(9)),
            Mark::Exclusive => " ·".to_owned(),
        }
    }

    /// The text of the mark with what backs a reported sentence, (articles of its fact,
    /// independent origins): `+4/2` when its articles rest on fewer origins than there are
    /// articles, else as [`Mark::text`]. At most four cells.
    pub fn text_backed(self, backing: Option<(usize, usize)>) -> String {
        match (self, backing) {
            (Mark::Reported(n), Some((articles, origins))) if origins < articles => {
                format!("+{}/{}", n.min(9), origins.clamp(1, 9))
            }
            _ => self.text(),
        }
    }
}

/// The mark of sentence `sentence` (spanning `span`) of article `article`, its figures
/// judged by the claims of the analysis (`claims`).
pub fn mark(
    facts: &Facts,
    claims: &ClaimMarks,
    article: usize,
    sentence: usize,
    span: Span,
) -> Mark {
    let Some(ids) = facts.by_sentence.get(&(article, sentence)) else {
        return Mark::Exclusive;
    };
    let mut others: Vec<usize> = ids
        .iter()
        .flat_map(|&f| facts.facts[f].passages.iter().map(|p| p.article))
        .filter(|&a| a != article)
        .collect();
    others.sort_unstable();
    others.dedup();
    match (others.len(), claims.status_in(article, span)) {
        (0, _) => Mark::Exclusive,
        (n, Some(Status::Disagree)) => Mark::Disagrees(n),
        (n, Some(Status::Updated)) => Mark::Updated(n),
        (n, None) => Mark::Reported(n),
    }
}

/// True when a disagreeing figure in `span` of `article` differs from the value most
/// articles of the fact give (the first article's, when as many give each): the column of
/// the coverage map that differs, not every column of the disagreement.
pub fn differs_in(fact: &Fact, article: usize, span: Span) -> bool {
    fact.discrepancies.iter().any(|d| {
        let mut counts: Vec<(f64, usize)> = Vec::new();
        let mut values: Vec<&crate::facts::FigureValue> = d.values.iter().collect();
        values.sort_by_key(|v| (v.article, v.span.start));
        for v in &values {
            match counts.iter_mut().find(|c| c.0 == v.value) {
                Some(c) => c.1 += 1,
                None => counts.push((v.value, 1)),
            }
        }
        let most = counts.iter().map(|c| c.1).max().unwrap_or(0);
        let Some(&(common, _)) = counts.iter().find(|c| c.1 == most) else {
            return false;
        };
        values.iter().any(|v| {
            v.article == article
                && span.start <= v.span.start
                && v.span.end <= span.end
                && v.value != common
        })
    })
}

/// The passage to go to from (`article`, `sentence`) in `fact`: the first passage of the
/// next (or previous) other article, wrapping around.
pub fn step_passage(fact: &Fact, article: usize, forward: bool) -> Option<(usize, usize)> {
    let mut articles: Vec<usize> = fact.passages.iter().map(|p| p.article).collect();
    articles.dedup();
    let n = articles.len();
    let here = articles.iter().position(|&a| a == article);
    let target = match (here, forward) {
        (Some(i), true) => articles[(i + 1) % n],
        (Some(i), false) => articles[(i + n - 1) % n],
        (None, true) => *articles
            .iter()
            .find(|&&a| a > article)
            .or(articles.first())?,
        (None, false) => *articles
            .iter()
            .rev()
            .find(|&&a| a < article)
            .or(articles.last())?,
    };
    if target == article {
        return None;
    }
    let p = fact.passages.iter().find(|p| p.article == target)?;
    Some((p.article, p.sentence))
}

/// Splits the reading pane into the text and, when shown and tall enough, the coverage
/// section below it.
pub fn reading_split(pane: Rect, coverage: bool) -> (Rect, Option<Rect>) {
    if !coverage || pane.height < 12 {
        return (pane, None);
    }
    let bottom = (pane.height * 2 / 5).max(6);
    let top = Rect {
        height: pane.height - bottom,
        ..pane
    };
    let below = Rect {
        y: pane.y + top.height,
        height: bottom,
        ..pane
    };
    (top, Some(below))
}

impl App {
    /// The claims of the analysis by article, made at the first call after each analysis.
    pub fn claim_marks(&self) -> &ClaimMarks {
        (self.fact_view.claim_marks)
            .get_or_init(|| ClaimMarks::new(&self.corpus, &self.analysis.facts.facts))
    }

    /// The facts of the cursor's sentence, and which of them `]`/`[` follow.
    pub fn cursor_facts(&self) -> (&[usize], Option<usize>) {
        let Some(a) = self.reader.article else {
            return (&[], None);
        };
        let ids = self
            .analysis
            .facts
            .by_sentence
            .get(&(a, self.reader.cursor))
            .map_or(&[][..], Vec::as_slice);
        let followed = self.fact_view.followed.filter(|f| ids.contains(f));
        (ids, followed.or(ids.first().copied()))
    }

    /// Opens the next (or previous) article reporting the cursor's fact, cursor on the
    /// matching passage.
    pub(super) fn step_reporting_article(&mut self, forward: bool) {
        let Some(a) = self.reader.article else { return };
        let (ids, Some(f)) = self.cursor_facts() else {
            self.message = Some("no other article reports this sentence".into());
            return;
        };
        let several = ids.len();
        let position = ids.iter().position(|&i| i == f).unwrap_or(0) + 1;
        let fact = &self.analysis.facts.facts[f];
        let Some((article, sentence)) = step_passage(fact, a, forward) else {
            return;
        };
        let count = fact.article_count();
        self.fact_view.followed = Some(f);
        self.open_passage(article, sentence);
        let title = sanitize_line(&self.corpus.articles[article].title);
        let mut message = format!("{count} articles report this: now {title}");
        if several > 1 {
            message = format!("fact {position} of {several} on this sentence; {message}");
        }
        self.message = Some(message);
    }

    /// Moves the cursor to the next (or previous) sentence of this article that other
    /// articles also report.
    pub(super) fn step_reported_sentence(&mut self, forward: bool) {
        let Some(a) = self.reader.article else { return };
        let Some(article) = self.article() else {
            return;
        };
        let n = article.structure.sentences.len();
        let facts = &self.analysis.facts.by_sentence;
        let cursor = self.reader.cursor;
        let found = if forward {
            (cursor + 1..n).find(|&s| facts.contains_key(&(a, s)))
        } else {
            (0..cursor).rev().find(|&s| facts.contains_key(&(a, s)))
        };
        match found {
            Some(s) => self.goto_sentence(s),
            None => {
                let which = if forward { "after" } else { "before" };
                self.message = Some(format!("no reported sentence {which} this one"));
            }
        }
    }

    /// Opens `article` (if not open) with the cursor on sentence `sentence`.
    pub fn open_passage(&mut self, article: usize, sentence: usize) {
        if self.reader.article != Some(article) {
            self.open_article(article);
        }
        self.goto_sentence(sentence);
    }

    /// Moves the cursor to sentence `s` of the open article and shows it.
    pub(super) fn goto_sentence(&mut self, s: usize) {
        self.with_reader(|r, article, layout, h| {
            if s < article.structure.sentences.len() {
                r.cursor = s;
                r.reveal_cursor(article, layout, h);
            }
        });
    }

    /// Shows or hides the coverage section.
    pub(super) fn toggle_coverage(&mut self) {
        self.fact_view.coverage = !self.fact_view.coverage;
        self.fact_view.coverage_focused = false;
        self.reveal_cursor_now();
    }

    fn reveal_cursor_now(&mut self) {
        self.with_reader(|r, article, layout, h| r.reveal_cursor(article, layout, h));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::Kind;
    use crate::facts::claims::Claim;
    use crate::facts::{FigureValue, Passage};

    fn fact(passages: &[(usize, usize)]) -> Fact {
        Fact {
            label: "x".into(),
            passages: passages
                .iter()
                .map(|&(article, sentence)| Passage {
                    article,
                    sentence,
                    span: Span::new(sentence * 10, sentence * 10 + 9),
                })
                .collect(),
            discrepancies: vec![],
        }
    }

    #[test]
    fn stepping_cycles_through_the_other_articles() {
        let f = fact(&[(0, 3), (2, 1), (2, 4), (4, 0)]);
        assert_eq!(step_passage(&f, 0, true), Some((2, 1)));
        assert_eq!(step_passage(&f, 2, true), Some((4, 0)));
        assert_eq!(step_passage(&f, 4, true), Some((0, 3)));
        assert_eq!(step_passage(&f, 0, false), Some((4, 0)));
        assert_eq!(step_passage(&f, 3, true), Some((4, 0)));
        assert_eq!(step_passage(&fact(&[(1, 0)]), 1, true), None);
    }

    fn value(article: usize, start: usize) -> FigureValue {
        FigureValue {
            article,
            span: Span::new(start, start + 3),
            value: start as f64,
            unit: "USD".into(),
            approximate: false,
        }
    }

    fn claim(status: Status, values: Vec<FigureValue>) -> Claim {
        Claim {
            measure: "loss".into(),
            kind: Kind::Money,
            unit: "USD".into(),
            status,
            values,
            sources: vec![],
        }
    }

    #[test]
    fn marks_count_other_articles_and_tell_disagreeing_from_updated_figures() {
        let mut facts = Facts::default();
        facts.facts.push(fact(&[(0, 1), (1, 2), (2, 0), (2, 1)]));
        for (a, s) in [(0, 1), (1, 2), (2, 0), (2, 1)] {
            facts.by_sentence.insert((a, s), vec![0]);
        }
        let claims = ClaimMarks::from_claims(&[
            claim(Status::Disagree, vec![value(1, 22), value(2, 2)]),
            claim(Status::Updated, vec![value(0, 12), value(2, 4)]),
            claim(Status::Updated, vec![value(2, 12), value(1, 32)]),
        ]);
        let m = |a, s| mark(&facts, &claims, a, s, Span::new(s * 10, s * 10 + 9));
        assert_eq!(m(0, 1), Mark::Updated(2));
        assert_eq!(m(1, 2), Mark::Disagrees(2));
        // Disagreeing and updated figures in one sentence: it disagrees.
        assert_eq!(m(2, 0), Mark::Disagrees(2));
        assert_eq!(m(2, 1), Mark::Updated(2));
        assert_eq!(m(1, 3), Mark::Exclusive);
        let no_claims = ClaimMarks::default();
        assert_eq!(
            mark(&facts, &no_claims, 1, 2, Span::new(20, 29)),
            Mark::Reported(2)
        );
        assert_eq!(Mark::Disagrees(2).text(), "≠2");
        assert_eq!(Mark::Updated(2).text(), "↗2");
    }

    #[test]
    fn a_reported_mark_names_its_origins_when_fewer_than_its_articles() {
        let four = Mark::Reported(4);
        assert_eq!(four.text_backed(Some((5, 2))), "+4/2");
        assert_eq!(
            four.text_backed(Some((5, 5))),
            "+4",
            "every report independent"
        );
        assert_eq!(four.text_backed(Some((5, 6))), "+4");
        assert_eq!(four.text_backed(None), "+4", "sources not in yet");
        assert_eq!(Mark::Reported(14).text_backed(Some((15, 12))), "+9/9");
        assert_eq!(Mark::Disagrees(4).text_backed(Some((5, 1))), "≠4");
    }

    #[test]
    fn the_coverage_section_needs_room() {
        let pane = Rect::new(0, 0, 80, 30);
        let (top, below) = reading_split(pane, true);
        assert_eq!(top.height + below.unwrap().height, 30);
        assert_eq!(reading_split(pane, false), (pane, None));
        assert_eq!(reading_split(Rect::new(0, 0, 80, 8), true).1, None);
    }
}
