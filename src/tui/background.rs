//! The analysis of a collection runs in the background ([`crate::session`]) while the
//! reader is already open: the list and the text are there at once, the entities and facts
//! fill in when the analysis lands, and keys are answered all along. The status bar shows
//! the stage, counts and an estimate. Quitting does not wait for it; its cache entry is
//! written whole or not at all.

use super::app::App;
use super::entities_panel::EntityState;
use super::facts_nav::FactState;
use crate::analysis::{Analysis, Carried, Outcome, Snapshot};
use crate::session::{Event, Session};
use std::sync::Arc;

/// The open whose analysis is under way, until it lands.
pub struct Analysing {
    session: Session,
    /// Set once the last analysis, carried over, is shown.
    pub carried: Option<Carried>,
}

impl Analysing {
    /// Follows `session`; on a warm open its articles land first (see `warm`).
    pub fn new(session: Session) -> Analysing {
        Analysing {
            session,
            carried: None,
        }
    }

    /// Stops the analysis from writing to the cache (waiting for a write under way).
    pub fn cancel(&self) {
        self.session.cancel();
    }

    /// Where the analysis stands.
    pub fn snapshot(&self) -> Snapshot {
        self.session.snapshot()
    }

    /// The open's next event, if one is there.
    pub(super) fn poll(&mut self) -> Option<Event> {
        self.session.poll()
    }
}

impl App {
    /// Takes what the open has sent since (the last analysis carried over, the analysis,
    /// warnings), never while the articles it was made for are still loading; true when
    /// the screen must be redrawn (something landed, or the gauge moved on).
    pub fn poll_analysis(&mut self) -> bool {
        if self.loading.is_some() || self.analysing.is_none() {
            return false;
        }
        let mut events = Vec::new();
        while let Some(event) = self.analysing.as_mut().and_then(Analysing::poll) {
            let last = matches!(event, Event::Analysed(..) | Event::Stopped(_));
            events.push(event);
            if last {
                break;
            }
        }
        // A carried-over analysis that the new one follows at once is not shown.
        let superseded = matches!(events.last(), Some(Event::Analysed(..)));
        for event in events {
            match event {
                Event::Carried(..) if superseded => {}
                Event::Carried(analysis, carried) => {
                    if let Some(job) = &mut self.analysing {
                        job.carried = Some(carried);
                    }
                    self.set_analysis(analysis);
                    self.message = None;
                }
                Event::Analysed(analysis, outcome) => {
                    self.analysing = None;
                    self.set_analysis(analysis);
                    self.message = Some(landed(&outcome));
                }
                Event::Warning(w) => self.add_message(w),
                Event::Stopped(_) => {
                    self.analysing = None;
                    self.message =
                        Some("the analysis stopped: entities and facts are missing".into());
                }
                // The articles come first, taken by `poll_loading`.
                Event::Loaded(_) => {}
            }
        }
        true
    }

    /// Before the program stops: no cache write is started any more, one under way ends.
    pub fn stop_analysis(&self) {
        if let Some(job) = &self.analysing {
            job.cancel();
        }
    }

    /// Puts a new analysis in place, keeping what the reader was doing with the text.
    pub fn set_analysis(&mut self, analysis: Analysis) {
        let marks = self.entity_view.marks;
        // The old analysis goes first: at 100,000 articles each takes a few hundred MB.
        self.analysis = Arc::default();
        self.entity_view = EntityState::new(&analysis.entities, self.corpus.articles.len());
        self.entity_view.marks = marks;
        self.fact_view = FactState {
            coverage: self.fact_view.coverage,
            ..FactState::default()
        };
        self.forget_pristine_entities();
        self.analysis = Arc::new(analysis);
        self.analysis_changed();
        self.apply_corrections();
        self.layers.retain(|l| {
            !matches!(
                l,
                super::layer::Layer::Aliases { .. }
                    | super::layer::Layer::Coverage(_)
                    | super::layer::Layer::Claims(_)
                    | super::layer::Layer::Sources(_)
            )
        });
        let rows = self.side_rows().len();
        let height = self.list_height(super::app::Focus::Side);
        self.side.select(self.side.selected, rows, height);
    }
}

/// The status line once the analysis has landed.
fn landed(outcome: &Outcome) -> String {
    match outcome.warnings.first() {
        Some(w) => w.clone(),
        None if outcome.from_cache => "analysis read from the cache".into(),
        None if outcome.articles_reused > 0 => format!(
            "analysis done: {} new or changed, {} read from the cache",
            super::view::status::articles(outcome.articles_made),
            outcome.articles_reused
        ),
        None => "analysis done".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;
    use crate::corpus::Corpus;

    #[test]
    fn a_background_analysis_lands_equal_to_a_direct_one() {
        let corpus = Arc::new(Corpus::bundled());
        let mut app = App::new(Arc::clone(&corpus), Analysis::default());
        let opening = crate::session::Opening {
            lowered: true,
            ..crate::session::Opening::new(Vec::new())
        };
        app.analysing = Some(Analysing::new(Session::open(opening).loaded()));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while app.analysing.is_some() && std::time::Instant::now() < deadline {
            app.poll_analysis();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(app.analysing.is_none());
        assert_eq!(app.analysis, analysis::analyse(&corpus));
        assert_eq!(app.message.as_deref(), Some("analysis done"));
    }
}
