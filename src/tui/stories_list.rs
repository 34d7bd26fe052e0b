//! The story list. A collection of many stories (a feed archive, a month of wires) opens on
//! a list of its stories rather than of its articles: one row per story, labelled by its
//! most central title, with its article count, outlets and date span. `Enter` opens a story
//! (the article list then holds its articles only), `Backspace` (or `h` in the list) goes
//! back, `/` filters the stories by words and `s` orders them by size or by date. A
//! collection of one story opens straight into its articles, as one story has nothing to
//! choose between.
//!
//! The rows are made once per analysis (each story's label, outlets, dates and the folded
//! words of its titles for the filter) and kept until the analysis changes.

use super::action::Action;
use super::app::{App, Focus, ListState};
use super::editor::{EditOutcome, EditorState};
use super::layer::{Layer, Outcome};
use crate::corpus::Corpus;
use crate::stories::{Stories, Story};
use crate::text::fold;

/// One story as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryRow {
    /// The story's index in the analysis.
    pub story: usize,
    pub label: String,
    pub articles: usize,
    /// Its outlets, most frequent first.
    pub sources: Vec<String>,
    /// First and last publication day, when some articles are dated.
    pub dates: Option<(String, String)>,
    /// The folded words of its titles and outlets, for the filter.
    words: String,
}

impl StoryRow {
    fn new(corpus: &Corpus, story: usize, s: &Story) -> StoryRow {
        let label = s.label(corpus);
        let sources = s.sources(corpus);
        let mut words = String::new();
        for &a in &s.articles {
            if let Some(article) = corpus.articles.get(a) {
                words.push_str(&fold(&article.title));
                words.push(' ');
            }
        }
        for source in &sources {
            words.push_str(&fold(source));
            words.push(' ');
        }
        StoryRow {
            story,
            label,
            articles: s.articles.len(),
            sources,
            dates: s.dates(corpus),
            words,
        }
    }

    /// True when every word of `query` (folded) is in the story's titles or outlets.
    pub fn matches(&self, query: &str) -> bool {
        fold(query)
            .split_whitespace()
            .all(|w| self.words.contains(w))
    }
}

/// The rows of every story of `stories`, in the analysis's order.
pub fn rows(corpus: &Corpus, stories: &Stories) -> Vec<StoryRow> {
    (stories.stories.iter().enumerate())
        .map(|(i, s)| StoryRow::new(corpus, i, s))
        .collect()
}

/// How the story list is ordered; `s` switches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StoryOrder {
    /// Most articles first (the analysis's order).
    #[default]
    Largest,
    /// Latest publication day first; undated stories last.
    Newest,
}

impl StoryOrder {
    /// A word for the list's title.
    pub fn label(self) -> &'static str {
        match self {
            StoryOrder::Largest => "largest first",
            StoryOrder::Newest => "newest first",
        }
    }
}

/// Which story is open, and the list of stories' selection, filter and order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryState {
    /// The story whose articles the list shows; `None` shows the stories (when there are
    /// more than one).
    pub open: Option<usize>,
    pub list: ListState,
    /// The words the stories are filtered by (empty: all).
    pub filter: String,
    pub order: StoryOrder,
}

/// The filter being typed after `/` in the story list, and the filter it replaces if
/// cancelled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryFilterState {
    pub input: EditorState,
    pub previous: String,
}

impl App {
    /// True when the left pane lists stories: the collection holds more than one and none
    /// is open.
    pub fn showing_stories(&self) -> bool {
        self.stories_view.open.is_none() && self.analysis.stories.stories.len() > 1
    }

    /// The stories the list shows, as indices into [`App::story_rows`]: those matching the
    /// typed filter and naming the filter entity, in the list's order.
    pub fn visible_stories(&self) -> Vec<usize> {
        let rows = self.story_rows();
        let stories = &self.analysis.stories;
        let naming: Option<Vec<bool>> = self.entity_view.filter.map(|e| {
            let mut named = vec![false; rows.len()];
            for &a in self.entity_view.articles_naming(e) {
                if let Some(&s) = stories.of_article.get(a) {
                    if let Some(n) = named.get_mut(s as usize) {
                        *n = true;
                    }
                }
            }
            named
        });
        let filter = &self.stories_view.filter;
        let mut shown: Vec<usize> = (0..rows.len())
            .filter(|&i| naming.as_ref().is_none_or(|n| n[i]))
            .filter(|&i| filter.is_empty() || rows[i].matches(filter))
            .collect();
        if self.stories_view.order == StoryOrder::Newest {
            shown.sort_by(|&x, &y| {
                let last = |i: usize| rows[i].dates.as_ref().map(|d| d.1.clone());
                (last(y).is_some(), last(y))
                    .cmp(&(last(x).is_some(), last(x)))
                    .then(x.cmp(&y))
            });
        }
        shown
    }

    /// The story of article `a`, when the collection holds more than one.
    pub fn story_of(&self, a: usize) -> Option<usize> {
        let stories = &self.analysis.stories;
        if stories.stories.len() < 2 {
            return None;
        }
        stories.of_article.get(a).map(|&s| s as usize)
    }

    /// How many articles name entity `e`: within the open story when one is open (the
    /// collection's stories each read on their own), else in the whole collection.
    pub fn naming_count(&self, e: usize) -> usize {
        let naming = self.entity_view.articles_naming(e);
        let story = (self.stories_view.open).and_then(|s| self.analysis.stories.stories.get(s));
        match story {
            Some(s) => (naming.iter())
                .filter(|a| s.articles.binary_search(a).is_ok())
                .count(),
            None => naming.len(),
        }
    }

    /// Moves through the story list, opens a story, orders or filters the list.
    pub(super) fn update_story_list(&mut self, action: Action) {
        let shown = self.visible_stories();
        let h = self.list_height(Focus::List);
        if self.stories_view.list.navigate(action, shown.len(), h) {
            return;
        }
        match action {
            Action::Activate => {
                if let Some(&s) = shown.get(self.stories_view.list.selected) {
                    self.open_story(s);
                }
            }
            Action::SortList => {
                let selected = shown.get(self.stories_view.list.selected).copied();
                self.stories_view.order = match self.stories_view.order {
                    StoryOrder::Largest => StoryOrder::Newest,
                    StoryOrder::Newest => StoryOrder::Largest,
                };
                self.select_story(selected);
                self.message = Some(format!("stories {}", self.stories_view.order.label()));
            }
            Action::Search => self.layers.push(Layer::StoryFilter(StoryFilterState {
                input: EditorState::new(&self.stories_view.filter, false),
                previous: self.stories_view.filter.clone(),
            })),
            _ => {}
        }
    }

    /// Opens story `s`: the list shows its articles, the open article stays open when it
    /// belongs to the story, else its first article (in the list's order) opens.
    pub fn open_story(&mut self, s: usize) {
        if s >= self.analysis.stories.stories.len() {
            return;
        }
        self.stories_view.open = Some(s);
        self.list = ListState::default();
        let rows = self.list_articles();
        let open = self.reader.article.filter(|a| rows.contains(a));
        match open.or(rows.first().copied()) {
            Some(a) if open.is_none() => self.open_article(a),
            _ => self.reselect_open_article(),
        }
        self.set_focus(Focus::List);
    }

    /// Goes back from a story's articles to the story list, the story selected; false when
    /// no story is open.
    pub(super) fn back_to_stories(&mut self) -> bool {
        let Some(s) = self.stories_view.open.take() else {
            return false;
        };
        if self.analysis.stories.stories.len() < 2 {
            return false;
        }
        self.select_story(Some(s));
        self.set_focus(Focus::List);
        true
    }

    /// Selects story `s` in the story list (the first row when it is not shown).
    pub(super) fn select_story(&mut self, s: Option<usize>) {
        let shown = self.visible_stories();
        let row = s.and_then(|s| shown.iter().position(|&r| r == s));
        let h = self.list_height(Focus::List);
        self.stories_view
            .list
            .select(row.unwrap_or(0), shown.len(), h);
    }

    /// After a new analysis: a reader inside a story (or reading an article, away from the
    /// list) stays in the open article's story; one at the list sees the stories with that
    /// story selected.
    pub(super) fn stories_changed(&mut self) {
        let article = self.reader.article;
        let story = article.and_then(|a| self.story_of(a));
        let inside = self.stories_view.open.is_some() || self.focus != Focus::List;
        self.stories_view.open = if inside { story } else { None };
        if self.stories_view.open.is_none() {
            self.select_story(story);
        }
        self.reselect_open_article();
    }

    /// The story filter prompt: the list follows each key; `Enter` keeps the filter, `Esc`
    /// puts the previous one back.
    pub(super) fn handle_story_filter(
        &mut self,
        prompt: &mut StoryFilterState,
        action: Action,
    ) -> Outcome {
        if action == Action::DeleteBack && prompt.input.text.is_empty() {
            return Outcome::Close;
        }
        let outcome = prompt.input.apply(action, usize::MAX);
        match outcome {
            EditOutcome::Editing => self.stories_view.filter = prompt.input.text.clone(),
            EditOutcome::Ignored => return Outcome::Consumed,
            EditOutcome::Submit => {}
            EditOutcome::Cancel => self.stories_view.filter = prompt.previous.clone(),
        }
        let h = self.list_height(Focus::List);
        let len = self.visible_stories().len();
        self.stories_view.list.select(0, len, h);
        if outcome == EditOutcome::Editing {
            return Outcome::Consumed;
        }
        if outcome == EditOutcome::Submit && !self.stories_view.filter.is_empty() {
            let who = crate::text::counted(len, "story matches", "stories match");
            let words = crate::corpus::sanitize_line(&self.stories_view.filter);
            self.message = Some(format!("{who} “{words}”  (Esc clears)"));
        }
        Outcome::Close
    }

    /// Clears the story filter; false when there was none.
    pub(super) fn clear_story_filter(&mut self) -> bool {
        if !self.showing_stories() || self.stories_view.filter.is_empty() {
            return false;
        }
        self.stories_view.filter.clear();
        self.select_story(None);
        self.message = Some("story filter cleared".into());
        true
    }
}
