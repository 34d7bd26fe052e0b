//! What the reader does with entities beyond listing them: colouring mentions by kind,
//! walking one entity's mentions with `n`/`N`, filtering the article list to the articles
//! naming an entity, and showing its aliases. The per-entity and per-article counts are
//! computed once, when the reader opens, so drawing the list and the panel stays cheap.
//!
//! `n`/`N` belong to whichever was started last: a mention walk (Enter on an entity) or a
//! search (`/`). Starting a search ends the walk; starting a walk leaves the search's
//! highlights but takes `n`/`N` until `Esc` or the next search.

use super::app::{App, Focus, ListState};
use super::layer::Layer;
use crate::corpus::sanitize_line;
use crate::entities::Entities;
use crate::text::Span;

/// Entity view state and the counts it draws from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityState {
    /// Colour mentions by kind in the reading pane (`e` toggles).
    pub marks: bool,
    /// The entity the article list is filtered to (`f`; `Esc` clears).
    pub filter: Option<usize>,
    /// The mention walk that owns `n`/`N`, if one was started after the last search.
    pub walk: Option<MentionWalk>,
    /// For each entity, the articles naming it, in order.
    articles_of: Vec<Vec<usize>>,
    /// For each article, how many distinct entities it names.
    per_article: Vec<usize>,
}

/// Stepping through one entity's mentions in one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentionWalk {
    pub entity: usize,
    pub article: usize,
    /// The mention moved to last, as a byte span of the article.
    pub current: Span,
}

impl EntityState {
    /// Counts the entities of a corpus of `articles` articles; mention colours on.
    pub fn new(entities: &Entities, articles: usize) -> EntityState {
        let mut articles_of = vec![Vec::new(); entities.entities.len()];
        let mut per_article = vec![0; articles];
        for m in &entities.mentions {
            let Some(list) = articles_of.get_mut(m.entity()) else {
                continue;
            };
            if list.last() != Some(&m.article()) {
                list.push(m.article());
                if let Some(n) = per_article.get_mut(m.article()) {
                    *n += 1;
                }
            }
        }
        EntityState {
            marks: true,
            filter: None,
            walk: None,
            articles_of,
            per_article,
        }
    }

    /// The articles naming entity `e`, in corpus order.
    pub fn articles_naming(&self, e: usize) -> &[usize] {
        self.articles_of.get(e).map_or(&[], Vec::as_slice)
    }

    /// How many distinct entities article `a` names.
    pub fn entity_count(&self, a: usize) -> usize {
        self.per_article.get(a).copied().unwrap_or(0)
    }
}

impl App {
    /// The articles the list shows, in the list's order: all (or the open story's), or
    /// those naming the filter entity.
    pub fn list_articles(&self) -> Vec<usize> {
        let story = (self.stories_view.open).and_then(|s| self.analysis.stories.stories.get(s));
        let mut rows = match (self.entity_view.filter, story) {
            (Some(e), None) => self.entity_view.articles_naming(e).to_vec(),
            (None, None) => (0..self.corpus.articles.len()).collect(),
            (None, Some(s)) => s.articles.clone(),
            (Some(e), Some(s)) => (self.entity_view.articles_naming(e).iter())
                .filter(|&&a| s.articles.binary_search(&a).is_ok())
                .copied()
                .collect(),
        };
        self.list_order.sort(&self.corpus.articles, &mut rows);
        rows
    }

    /// The entity selected in the side panel, if the selected row is one.
    pub fn selected_entity(&self) -> Option<usize> {
        self.side_rows().get(self.side.selected)?.entity
    }

    /// Shows or hides the colouring of mentions.
    pub(super) fn toggle_mentions(&mut self) {
        let marks = &mut self.entity_view.marks;
        *marks = !*marks;
        let state = if *marks { "shown" } else { "hidden" };
        self.message = Some(format!("entity colours {state}"));
    }

    /// Starts walking the selected entity's mentions at the first after the cursor's
    /// sentence (wrapping); `n`/`N` continue.
    pub(super) fn start_mention_walk(&mut self) {
        let (Some(entity), Some(article)) = (self.selected_entity(), self.reader.article) else {
            return;
        };
        let from = self.cursor_span().map_or(0, |s| s.end);
        let spans = self.mention_spans(entity, article);
        let Some(&first) = spans.iter().find(|s| s.start >= from).or(spans.first()) else {
            return;
        };
        self.goto_mention(entity, article, first);
    }

    /// Steps the mention walk; false when there is none in the open article.
    pub(super) fn step_mentions(&mut self, forward: bool) -> bool {
        let Some(walk) = self.entity_view.walk else {
            return false;
        };
        if Some(walk.article) != self.reader.article {
            self.entity_view.walk = None;
            return false;
        }
        let spans = self.mention_spans(walk.entity, walk.article);
        let n = spans.len();
        let Some(i) = spans.iter().position(|s| *s == walk.current) else {
            return false;
        };
        let next = if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        };
        self.goto_mention(walk.entity, walk.article, spans[next]);
        true
    }

    fn goto_mention(&mut self, entity: usize, article: usize, span: Span) {
        let spans = self.mention_spans(entity, article);
        let i = spans.iter().position(|s| *s == span).unwrap_or(0);
        self.entity_view.walk = Some(MentionWalk {
            entity,
            article,
            current: span,
        });
        self.with_reader(|r, a, layout, h| r.goto_byte(a, layout, h, span.start));
        let name = sanitize_line(&self.analysis.entities.entities[entity].name);
        self.message = Some(format!("{name}: mention {}/{}  (n/N)", i + 1, spans.len()));
    }

    /// The spans of entity `e`'s mentions in article `a`, in text order.
    fn mention_spans(&self, e: usize, a: usize) -> Vec<Span> {
        let mentions = self.analysis.entities.in_article(a);
        mentions
            .iter()
            .filter(|m| m.entity() == e)
            .map(|m| m.span())
            .collect()
    }

    /// The span of the cursor's sentence in the open article.
    pub(super) fn cursor_span(&self) -> Option<Span> {
        let s = self
            .article()?
            .structure
            .sentences
            .get(self.reader.cursor)?;
        Some(s.span)
    }

    /// Filters the article list to the articles naming the selected entity.
    pub(super) fn filter_by_entity(&mut self) {
        let Some(e) = self.selected_entity() else {
            self.message = Some("select an entity in the side panel to filter by it".into());
            return;
        };
        self.entity_view.filter = Some(e);
        self.reselect_open_article();
        let name = sanitize_line(&self.analysis.entities.entities[e].name);
        let n = self.entity_view.articles_naming(e).len();
        let verb = if n == 1 { "names" } else { "name" };
        let who = crate::text::counted(n, "article", "articles");
        self.message = Some(format!("{who} {verb} {name}  (Esc clears)"));
    }

    /// Clears the list filter; false when there was none.
    pub(super) fn clear_filter(&mut self) -> bool {
        if self.entity_view.filter.take().is_none() {
            return false;
        }
        self.reselect_open_article();
        self.message = Some("list filter cleared".into());
        true
    }

    /// Ends the mention walk, giving `n`/`N` back to the search; false when there was none.
    pub(super) fn end_mention_walk(&mut self) -> bool {
        self.entity_view.walk.take().is_some()
    }

    /// Selects the open article in the list (or the first row when it is filtered out).
    pub(super) fn reselect_open_article(&mut self) {
        let rows = self.list_articles();
        let row = self
            .reader
            .article
            .and_then(|a| rows.iter().position(|&r| r == a))
            .unwrap_or(0);
        let h = self.list_height(Focus::List);
        self.list.offset = 0;
        self.list.select(row, rows.len(), h);
    }

    /// Opens the aliases overlay for the selected entity.
    pub(super) fn show_aliases(&mut self) {
        match self.selected_entity() {
            Some(entity) => self.layers.push(Layer::Aliases {
                entity,
                scroll: ListState::default(),
            }),
            None => self.message = Some("select an entity in the side panel".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{Entity, Kind, Mention};

    #[test]
    fn counts_articles_per_entity_and_entities_per_article() {
        let entity = |name: &str| Entity {
            name: name.into(),
            kind: Kind::Org,
            aliases: vec![],
            value: None,
            unit: None,
            kind_reason: String::new(),
        };
        let mention =
            |article, start, entity| Mention::new(article, Span::new(start, start + 1), entity);
        let entities = Entities {
            entities: vec![entity("A"), entity("B")],
            mentions: vec![
                mention(0, 0, 0),
                mention(0, 2, 1),
                mention(0, 4, 0),
                mention(2, 0, 0),
            ],
        };
        let s = EntityState::new(&entities, 3);
        assert_eq!(s.articles_naming(0), [0, 2]);
        assert_eq!(s.articles_naming(1), [0]);
        assert!(s.articles_naming(7).is_empty());
        assert_eq!(
            (s.entity_count(0), s.entity_count(1), s.entity_count(2)),
            (2, 0, 1)
        );
    }
}
