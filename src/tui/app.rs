//! The reader's state and how actions change it. [`App`] holds the corpus and its analysis
//! (never changed here) beside a small view state: focus, one `*State` per pane, the search,
//! and the stack of [`Layer`]s that get actions before the panes. [`App::update`] changes
//! the state and returns the [`Effect`]s to run outside it; drawing only reads an `App`.

use super::action::Action;
use super::background::Analysing;
use super::corrections_ui::CorrectionState;
use super::editor::EditorState;
use super::effect::Effect;
use super::entities_panel::EntityState;
use super::facts_nav::{self, FactState};
use super::keymap::Keymap;
use super::layer::Layer;
use super::layout::{self, Areas};
use super::list_order::ListOrder;
use super::notes_ui::NotesState;
use super::reader::{ArticleLayout, ReaderState};
use super::search::{FoldedText, SearchState};
use super::side::{self, SideRow};
use super::sourcing::SourcesSlot;
use super::stories_list::{StoryRow, StoryState};
use super::theme::Theme;
use super::warm::Loading;
use crate::analysis::Analysis;
use crate::corpus::{Article, Corpus};
use ratatui::layout::Rect;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

/// The pane that receives keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Focus {
    List,
    Reader,
    Side,
}

impl Focus {
    /// The panes from left to right.
    pub const ALL: [Focus; 3] = [Focus::List, Focus::Reader, Focus::Side];

    fn index(self) -> usize {
        Focus::ALL.iter().position(|&f| f == self).unwrap_or(0)
    }
}

pub use super::list_nav::{visible_offset, ListState};

/// The text being typed after `/`, and the search it replaces if cancelled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PromptState {
    pub input: EditorState,
    pub previous: Option<SearchState>,
}

/// The whole reader: domain data plus view state.
pub struct App {
    /// Shared with the thread that analyses it, if any.
    pub corpus: Arc<Corpus>,
    /// Empty until the analysis lands when it runs in the background; shared with the
    /// pass that works out its sources.
    pub analysis: Arc<Analysis>,
    /// The analysis running in the background, until it lands.
    pub analysing: Option<Analysing>,
    /// The articles being read while the list shows the cache's index of them.
    pub loading: Option<Loading>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub focus: Focus,
    pub list: ListState,
    /// The order of the article list.
    pub list_order: ListOrder,
    pub reader: ReaderState,
    pub side: ListState,
    pub search: Option<SearchState>,
    /// The windows over the panes, the top one last; it gets actions first.
    pub layers: Vec<Layer>,
    /// What the actions so far asked to be done outside `update`.
    pub(super) effects: Vec<Effect>,
    /// Highlights, notes, selection and the note editor.
    pub notes: NotesState,
    /// A one-line message for the status bar, cleared by the next key.
    pub message: Option<String>,
    /// Word count of each article, computed when its row is first shown.
    pub(super) word_counts: Vec<OnceCell<usize>>,
    /// Entity colours, list filter and mention walk.
    pub entity_view: EntityState,
    /// Fact navigation and the coverage views.
    pub fact_view: FactState,
    /// The sources of the analysis, worked out after it lands.
    pub(super) sources: SourcesSlot,
    /// The open article folded for search, made at its first search.
    pub(super) folded: Option<(usize, FoldedText)>,
    /// The open story and the story list.
    pub stories_view: StoryState,
    /// The reader's corrections of the entities, applied.
    pub corrections: CorrectionState,
    /// The side panel's rows for one article.
    side_cache: RefCell<Option<(usize, Rc<Vec<SideRow>>)>>,
    /// The story list's rows, made once per analysis.
    story_cache: RefCell<Option<Rc<Vec<StoryRow>>>>,
    size: Rect,
    quit: bool,
    /// The whole screen is to be cleared and drawn again.
    pub redraw: bool,
    /// The article list's width set with `<` and `>`, kept with the reading position.
    pub list_width: Option<u16>,
    /// Text to put on the terminal's clipboard at the next frame.
    pub clipboard: Option<String>,
    /// The program that opens web addresses; none in a reader made without a terminal.
    pub open_with: Option<&'static str>,
}

impl App {
    /// A reader on `corpus` with the default keymap and colours, its first article open.
    pub fn new(corpus: impl Into<Arc<Corpus>>, analysis: Analysis) -> App {
        let corpus: Arc<Corpus> = corpus.into();
        let word_counts = vec![OnceCell::new(); corpus.articles.len()];
        let mut reader = ReaderState::default();
        if !corpus.articles.is_empty() {
            reader.open(0);
        }
        let message = corpus.warnings.first().map(|w| format!("skipped {w}"));
        let entity_view = EntityState::new(&analysis.entities, corpus.articles.len());
        let mut app = App {
            corpus,
            analysis: Arc::new(analysis),
            analysing: None,
            loading: None,
            keymap: Keymap::default(),
            theme: Theme::new(false),
            focus: Focus::List,
            list: ListState::default(),
            list_order: ListOrder::default(),
            reader,
            side: ListState::default(),
            search: None,
            layers: Vec::new(),
            effects: Vec::new(),
            notes: NotesState::default(),
            message,
            word_counts,
            entity_view,
            fact_view: FactState::default(),
            sources: SourcesSlot::default(),
            folded: None,
            stories_view: StoryState::default(),
            corrections: CorrectionState::default(),
            side_cache: RefCell::new(None),
            story_cache: RefCell::new(None),
            size: Rect::new(0, 0, 80, 24),
            quit: false,
            redraw: false,
            list_width: None,
            clipboard: None,
            open_with: None,
        };
        app.stories_changed();
        app
    }

    /// The number of words of article `i`.
    pub fn word_count(&self, i: usize) -> usize {
        match self.word_counts.get(i) {
            Some(cell) => *cell.get_or_init(|| self.corpus.articles[i].word_count()),
            None => 0,
        }
    }

    /// True once the user asked to leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The terminal size the app lays itself out for.
    pub fn size(&self) -> Rect {
        self.size
    }

    /// Adapts to a new terminal size, keeping the top line of the reading pane in place.
    pub fn resize(&mut self, width: u16, height: u16) {
        let scroll = self.reader.scroll;
        let top = self
            .with_layout(|l, _| l.lines().get(scroll).map(|v| v.start))
            .flatten();
        self.size = Rect::new(0, 0, width, height);
        if let Some(pos) = top {
            self.reader.scroll = self.with_layout(|l, a| l.line_of(a, pos)).unwrap_or(0);
        }
        self.reveal_selections();
    }

    /// Makes the article list `delta` cells wider (narrower when negative), keeping the
    /// reading pane on the line it shows, and asks for it to be remembered.
    pub(super) fn widen_list(&mut self, delta: i32) {
        let now = self.areas().list.map_or(0, |r| r.width);
        if now == 0 || self.size.width < layout::THREE_PANES {
            self.message = Some("the list's width is set when three panes fit".into());
            return;
        }
        let scroll = self.reader.scroll;
        let top = (self.with_layout(|l, _| l.lines().get(scroll).map(|v| v.start))).flatten();
        let (low, high) = layout::LIST_WIDTHS;
        let wanted = (i32::from(now) + delta).clamp(i32::from(low), i32::from(high)) as u16;
        self.list_width = Some(wanted);
        if let Some(pos) = top {
            self.reader.scroll = self.with_layout(|l, a| l.line_of(a, pos)).unwrap_or(0);
        }
        if let Some(store) = &mut self.notes.store {
            store.set_list_width(wanted);
            self.effects.push(Effect::SaveNotes { done: None });
        }
    }

    /// The screen regions at the current size.
    pub fn areas(&self) -> Areas {
        layout::areas_with(self.size, self.focus, self.list_width)
    }

    /// The open article.
    pub fn article(&self) -> Option<&Article> {
        self.corpus.articles.get(self.reader.article?)
    }

    /// The reading pane's text area at the current size (as if focused, when hidden).
    pub fn reader_view(&self) -> Rect {
        let areas = layout::areas_with(self.size, Focus::Reader, self.list_width);
        let coverage = self.fact_view.coverage;
        areas
            .reader
            .map(|r| layout::reader_text(facts_nav::reading_split(r, coverage).0))
            .unwrap_or_default()
    }

    /// Runs `f` on the open article wrapped to the reading pane.
    pub fn with_layout<R>(&self, f: impl FnOnce(&mut ArticleLayout, &Article) -> R) -> Option<R> {
        let width = self.reader_view().width.max(1) as usize;
        self.reader.with_layout(&self.corpus.articles, width, f)
    }

    /// The first and last screen line of the cursor's sentence.
    pub fn cursor_lines(&self) -> Option<(usize, usize)> {
        let span = self
            .article()?
            .structure
            .sentences
            .get(self.reader.cursor)?
            .span;
        self.with_layout(|l, a| l.lines_of(a, span))
    }

    /// Rows of the side panel for the open article, made once per article and analysis.
    pub fn side_rows(&self) -> Rc<Vec<SideRow>> {
        let Some(a) = self.reader.article else {
            return Rc::default();
        };
        let mut cached = self.side_cache.borrow_mut();
        match &*cached {
            Some((article, rows)) if *article == a => Rc::clone(rows),
            _ => {
                let rows = Rc::new(side::rows(&self.analysis.entities, a));
                *cached = Some((a, Rc::clone(&rows)));
                rows
            }
        }
    }

    /// The rows of the story list, made once per analysis.
    pub fn story_rows(&self) -> Rc<Vec<StoryRow>> {
        let mut cached = self.story_cache.borrow_mut();
        let rows = cached.get_or_insert_with(|| {
            Rc::new(super::stories_list::rows(
                &self.corpus,
                &self.analysis.stories,
            ))
        });
        Rc::clone(rows)
    }

    /// Forgets the side panel's rows, made again at the next draw.
    pub(super) fn forget_side_rows(&mut self) {
        self.side_cache.borrow_mut().take();
    }

    /// Forgets what was derived from the analysis, after it changed.
    pub(super) fn analysis_changed(&mut self) {
        self.side_cache.borrow_mut().take();
        self.story_cache.borrow_mut().take();
        self.stories_changed();
        self.fact_view.claim_marks = OnceCell::new();
        self.sources_stale();
    }

    pub(super) fn list_height(&self, pane: Focus) -> usize {
        let areas = layout::areas_with(self.size, pane, self.list_width);
        areas
            .pane(pane)
            .map_or(1, |r| layout::inner(r).height.max(1) as usize)
    }

    pub(super) fn reveal_selections(&mut self) {
        let h = self.list_height(Focus::List);
        self.list.offset = visible_offset(self.list.offset, self.list.selected, h);
        let h = self.list_height(Focus::Side);
        self.side.offset = visible_offset(self.side.offset, self.side.selected, h);
        self.with_reader(|r, a, l, h| r.reveal_cursor(a, l, h));
    }

    /// Runs `f` on the reader state with the open article, its layout and the view height.
    pub(super) fn with_reader(
        &mut self,
        f: impl FnOnce(&mut ReaderState, &Article, &mut ArticleLayout, usize),
    ) {
        let view = self.reader_view();
        let articles = &self.corpus.articles;
        let Some(mut layout) = self
            .reader
            .take_layout(articles, view.width.max(1) as usize)
        else {
            return;
        };
        f(
            &mut self.reader,
            &articles[layout.article],
            &mut layout,
            view.height.max(1) as usize,
        );
        self.reader.put_layout(layout);
    }

    /// Carries out one action and returns the effects it asks for (saving notes,
    /// exporting), for the caller to run: the event loop on its worker thread, tests with
    /// [`App::perform`].
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.apply(action);
        std::mem::take(&mut self.effects)
    }

    fn apply(&mut self, action: Action) {
        if action == Action::Exit {
            return self.leave();
        }
        if self.handle_layers(action) {
            return;
        }
        // While the articles load there is nothing to cancel but the load: `Esc` leaves too,
        // as on a first open's loading screen.
        if action == Action::Quit || (action == Action::Cancel && self.loading.is_some()) {
            return self.leave();
        }
        if self.loading.is_some() && needs_text(action) {
            self.message = Some(LOADING.into());
            return;
        }
        if self.update_coverage_section(action) || self.update_notes(action) {
            return;
        }
        match action {
            Action::Help => self.layers.push(Layer::Help(ListState::default())),
            Action::Cancel => self.cancel(),
            Action::FocusNext => self.set_focus(Focus::ALL[(self.focus.index() + 1) % 3]),
            Action::FocusPrevious => self.set_focus(Focus::ALL[(self.focus.index() + 2) % 3]),
            Action::FocusLeft if self.focus == Focus::List && self.back_to_stories() => {}
            Action::FocusLeft => self.set_focus(Focus::ALL[self.focus.index().saturating_sub(1)]),
            Action::FocusRight => self.set_focus(Focus::ALL[(self.focus.index() + 1).min(2)]),
            Action::Search if self.focus == Focus::List && self.showing_stories() => {
                self.update_story_list(action)
            }
            Action::Search => {
                self.end_mention_walk();
                self.start_search()
            }
            Action::SearchNext if !self.step_mentions(true) => self.step_search(true),
            Action::SearchPrevious if !self.step_mentions(false) => self.step_search(false),
            Action::SearchNext | Action::SearchPrevious => {}
            Action::ToggleMentions => self.toggle_mentions(),
            Action::SetKind => self.pick_kind(),
            Action::MergeEntity => self.merge_entity(),
            Action::NotAnEntity => self.not_an_entity(),
            Action::UndoCorrection => self.undo_correction(),
            Action::SplitAlias => {
                self.message = Some("aliases are split off in their window: i, select, -".into())
            }
            Action::FilterByEntity => self.filter_by_entity(),
            Action::EntityAliases => self.show_aliases(),
            Action::NextReportingArticle => self.step_reporting_article(true),
            Action::PreviousReportingArticle => self.step_reporting_article(false),
            Action::NextReportedSentence => self.step_reported_sentence(true),
            Action::PreviousReportedSentence => self.step_reported_sentence(false),
            Action::ToggleCoverage => self.toggle_coverage(),
            Action::CoverageMap => self.open_coverage_map(),
            Action::Claims => self.open_claims(),
            Action::Sources => self.open_story_sources(),
            Action::Warnings => self.show_warnings(),
            Action::Copy => self.copy_sentence(),
            Action::OpenUrl => self.open_url(),
            Action::WiderList => self.widen_list(4),
            Action::NarrowerList => self.widen_list(-4),
            Action::Redraw => self.redraw = true,
            Action::Back => {
                if !self.back_to_stories() {
                    self.message = Some("no story open: Backspace goes back to the stories".into());
                }
            }
            _ if self.focus == Focus::List && self.showing_stories() => {
                self.update_story_list(action)
            }
            _ => match self.focus {
                Focus::List => self.update_list(action),
                Focus::Reader => self.update_reader(action),
                Focus::Side => self.update_side(action),
            },
        }
    }

    /// The effects asked for outside [`App::update`] (opening the notes, the mouse).
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Ends the reader, remembering where it was.
    pub(super) fn leave(&mut self) {
        self.remember_position();
        self.quit = true;
    }

    /// Moves the focus to a pane.
    pub fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.fact_view.coverage_focused = false;
        self.reveal_selections();
    }

    fn cancel(&mut self) {
        if self.cancel_merge()
            || self.clear_story_filter()
            || self.clear_filter()
            || self.end_mention_walk()
        {
            return;
        }
        if self.search.take().is_some() {
            self.message = Some("search cleared".into());
        }
    }

    fn update_list(&mut self, action: Action) {
        let rows = self.list_articles();
        let len = rows.len();
        let h = self.list_height(Focus::List);
        if self.list.navigate(action, len, h) {
            return;
        }
        match action {
            Action::SortList => self.cycle_order(&rows),
            Action::Activate if len > 0 => {
                self.open_article(rows[self.list.selected.min(len - 1)]);
                self.set_focus(Focus::Reader);
            }
            _ => {}
        }
    }

    /// Sorts the list in the next order, keeping the selected article selected.
    fn cycle_order(&mut self, before: &[usize]) {
        let selected = before.get(self.list.selected).copied();
        self.list_order = self.list_order.next();
        let rows = self.list_articles();
        let row = selected.and_then(|a| rows.iter().position(|&r| r == a));
        let h = self.list_height(Focus::List);
        self.list.select(row.unwrap_or(0), rows.len(), h);
        self.message = Some(format!("articles {}", self.list_order.label()));
    }

    /// Opens article `i`: cursor on its first sentence, search redone in it.
    pub fn open_article(&mut self, i: usize) {
        if i >= self.corpus.articles.len() {
            return;
        }
        // An article of another story (a note's, a search's) opens in its own story; the
        // story list selects the story of the article open beside it.
        if self.stories_view.open.is_some() && self.story_of(i) != self.stories_view.open {
            self.stories_view.open = self.story_of(i);
        } else if self.showing_stories() {
            self.select_story(self.story_of(i));
        }
        self.peek(i);
        self.reader.open(i);
        self.notes.selection = None;
        self.side = ListState::default();
        let rows = self.list_articles();
        if let Some(row) = rows.iter().position(|&r| r == i) {
            let list_h = self.list_height(Focus::List);
            self.list.select(row, rows.len(), list_h);
        }
        if let Some(query) = self.search.take().map(|s| s.query) {
            self.search = Some(self.search_article(&query));
        }
        self.remember_position();
    }

    fn update_reader(&mut self, action: Action) {
        self.with_reader(|r, article, layout, h| {
            let last = article.structure.sentences.len().saturating_sub(1);
            let page = h.saturating_sub(2).max(1) as isize;
            match action {
                Action::Next => r.cursor = (r.cursor + 1).min(last),
                Action::Previous => r.cursor = r.cursor.saturating_sub(1),
                Action::Top => r.cursor = 0,
                Action::Bottom => return r.bottom(article, layout, h),
                Action::PageDown => return r.scroll_by(article, layout, h, page),
                Action::PageUp => return r.scroll_by(article, layout, h, -page),
                Action::ScrollDown => return r.scroll_by(article, layout, h, 1),
                Action::ScrollUp => return r.scroll_by(article, layout, h, -1),
                _ => return,
            }
            r.reveal_cursor(article, layout, h);
        });
    }

    fn update_side(&mut self, action: Action) {
        let rows = self.side_rows();
        let h = self.list_height(Focus::Side);
        if !self.side.navigate(action, rows.len(), h) {
            if action == Action::Activate {
                self.start_mention_walk();
            }
            return;
        }
        // A kind's heading is no item: the selection goes on to the entity beyond it in
        // the direction it moved (back the other way past the last heading).
        let is_entity = |i: usize| rows.get(i).is_some_and(|r| r.entity.is_some());
        let at = self.side.selected;
        if is_entity(at) {
            return;
        }
        let after = (at + 1..rows.len()).find(|&i| is_entity(i));
        let before = (0..at).rev().find(|&i| is_entity(i));
        let down = matches!(
            action,
            Action::Next | Action::ScrollDown | Action::PageDown | Action::Top
        );
        let target = if down {
            after.or(before)
        } else {
            before.or(after)
        };
        if let Some(t) = target {
            self.side.select(t, rows.len(), h);
        }
    }

    fn start_search(&mut self) {
        if self.article().is_some() {
            self.layers.push(Layer::Search(PromptState {
                input: EditorState::new("", false),
                previous: self.search.clone(),
            }));
        }
    }

    /// Recomputes the matches for the query being typed.
    pub(super) fn preview_search(&mut self, input: &str) {
        self.search =
            (!input.is_empty() && self.article().is_some()).then(|| self.search_article(input));
    }

    /// Searches the open article, folding its text once for all the searches in it.
    fn search_article(&mut self, query: &str) -> SearchState {
        let Some(i) = self.reader.article else {
            return SearchState::found(query, Vec::new());
        };
        let text = &self.corpus.articles[i].text;
        if self.folded.as_ref().is_none_or(|(a, _)| *a != i) {
            self.folded = Some((i, FoldedText::new(text)));
        }
        let matches = self
            .folded
            .as_ref()
            .map(|(_, f)| f.find_all(text, query))
            .unwrap_or_default();
        SearchState::found(query, matches)
    }

    /// Confirms the typed query and moves to its first match from the cursor.
    pub(super) fn confirm_search(&mut self, input: &str) {
        self.preview_search(input);
        match &self.search {
            Some(s) if s.matches.is_empty() => {
                self.message = Some(format!("not found: {}", s.query))
            }
            Some(_) => {
                self.set_focus(Focus::Reader);
                self.step_search(true);
            }
            None => {}
        }
    }

    fn step_search(&mut self, forward: bool) {
        let from = self
            .article()
            .and_then(|a| a.structure.sentences.get(self.reader.cursor))
            .map_or(0, |s| s.span.start);
        let Some(search) = &mut self.search else {
            self.message = Some("no search: press / to search".into());
            return;
        };
        if let Some(m) = search.step(forward, from) {
            self.with_reader(|r, article, layout, h| r.goto_byte(article, layout, h, m.start));
        }
    }
}

/// What the reader says of a key that needs the articles' text while it is loading.
pub(super) const LOADING: &str =
    "articles are still loading: notes and search open once the text is in";

/// Actions on the text or the notes, which wait for the articles' text.
fn needs_text(action: Action) -> bool {
    matches!(
        action,
        Action::Select
            | Action::Annotate
            | Action::EditTags
            | Action::DeleteNote
            | Action::UndoDelete
            | Action::Notes
            | Action::Export
            | Action::Search
    )
}
