//! The coverage map: the whole story at a glance, as a grid of facts (rows) by articles
//! (columns). Rows shared by several articles come first, most widely reported on top;
//! then each sentence that no other article reports gets its own row with a single cell,
//! so what only one outlet says is visible too. A cell marks where the article reports
//! the row's fact, distinctly where one of its figures disagrees; `Enter` opens it.

use super::app::{visible_offset, App, ListState};
use super::facts_nav::differs_in;
use super::layer::{Layer, Outcome};
use crate::corpus::Corpus;
use crate::facts::Facts;
use ratatui::layout::Rect;

/// One cell of the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Empty,
    /// The article reports the row at this sentence.
    Reports(usize),
    /// The article reports it at this sentence with a figure that disagrees.
    Disagrees(usize),
}

impl Cell {
    /// The sentence the cell opens, if it is filled.
    pub fn sentence(self) -> Option<usize> {
        match self {
            Cell::Empty => None,
            Cell::Reports(s) | Cell::Disagrees(s) => Some(s),
        }
    }
}

/// One row: a fact reported by several articles, or a sentence reported by one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    /// The fact's label or the sentence, one line, not yet sanitised.
    pub label: String,
    /// Index into the facts, `None` for a sentence no other article reports.
    pub fact: Option<usize>,
    /// The filled cells as (article, cell), by article: rows stay small however many
    /// articles the corpus has.
    pub cells: Vec<(usize, Cell)>,
}

impl GridRow {
    /// How many articles the row has a cell for.
    pub fn filled(&self) -> usize {
        self.cells.len()
    }

    /// The cell of article `column`.
    pub fn cell(&self, column: usize) -> Cell {
        match self.cells.binary_search_by_key(&column, |(a, _)| *a) {
            Ok(i) => self.cells[i].1,
            Err(_) => Cell::Empty,
        }
    }
}

/// The map: one column per article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CoverageGrid {
    pub columns: usize,
    pub rows: Vec<GridRow>,
}

impl CoverageGrid {
    /// Builds the map of a corpus and its facts.
    pub fn new(corpus: &Corpus, facts: &Facts) -> CoverageGrid {
        let columns = corpus.articles.len();
        let mut rows: Vec<GridRow> = facts
            .facts
            .iter()
            .enumerate()
            .map(|(i, fact)| {
                let mut cells: Vec<(usize, Cell)> = Vec::new();
                for p in &fact.passages {
                    if cells.last().is_some_and(|(a, _)| *a == p.article) {
                        continue;
                    }
                    let cell = if differs_in(fact, p.article, p.span) {
                        Cell::Disagrees(p.sentence)
                    } else {
                        Cell::Reports(p.sentence)
                    };
                    cells.push((p.article, cell));
                }
                GridRow {
                    label: fact.label.clone(),
                    fact: Some(i),
                    cells,
                }
            })
            .collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.filled()));
        for (a, article) in corpus.articles.iter().enumerate() {
            for (s, sentence) in article.structure.sentences.iter().enumerate() {
                if facts.by_sentence.contains_key(&(a, s)) {
                    continue;
                }
                let cells = vec![(a, Cell::Reports(s))];
                let label = one_line(article.slice(sentence.span));
                rows.push(GridRow {
                    label,
                    fact: None,
                    cells,
                });
            }
        }
        CoverageGrid { columns, rows }
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where the map's cursor is and what it shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CoverageState {
    pub row: usize,
    pub column: usize,
    /// First row shown.
    pub top: usize,
    /// First article column shown.
    pub left: usize,
}

/// Cells per article column.
pub const CELL_WIDTH: u16 = 3;

/// Where the map's parts go on a screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    /// The whole overlay, border included.
    pub area: Rect,
    /// Cells for the row labels.
    pub label_width: u16,
    /// Article columns that fit.
    pub visible_columns: usize,
    /// Grid rows that fit.
    pub body_height: usize,
}

/// Lays the map out on `screen` (less the status bar) for `columns` articles: a header
/// line above the grid and two lines below it (the selected row and article).
pub fn geometry(screen: Rect, columns: usize) -> Geometry {
    let area = Rect {
        height: screen.height.saturating_sub(1).max(1),
        ..screen
    };
    let inner_width = area.width.saturating_sub(2);
    let wanted = (columns as u16).saturating_mul(CELL_WIDTH);
    let label_width = inner_width
        .saturating_sub(wanted)
        .clamp(12.min(inner_width / 2), 82)
        .min(inner_width.saturating_sub(CELL_WIDTH));
    let visible_columns = ((inner_width - label_width) / CELL_WIDTH).max(1) as usize;
    Geometry {
        area,
        label_width,
        visible_columns,
        body_height: area.height.saturating_sub(5).max(1) as usize,
    }
}

impl App {
    /// Opens the coverage map, on the open article's column.
    pub(super) fn open_coverage_map(&mut self) {
        if self.fact_view.grid.is_none() {
            self.fact_view.grid = Some(CoverageGrid::new(&self.corpus, &self.analysis.facts));
        }
        let column = self.reader.article.unwrap_or(0);
        let g = geometry(self.size(), self.corpus.articles.len());
        self.layers.push(Layer::Coverage(CoverageState {
            column,
            left: visible_offset(0, column, g.visible_columns),
            ..CoverageState::default()
        }));
    }

    /// The coverage map on top: rows move like any list, columns with the pane keys;
    /// `Enter` opens the cell's passage and closes the map.
    pub(super) fn handle_coverage(
        &mut self,
        state: &mut CoverageState,
        action: super::Action,
    ) -> Outcome {
        use super::Action as A;
        let (rows, columns) = self
            .fact_view
            .grid
            .as_ref()
            .map_or((0, 0), |g| (g.rows.len(), g.columns));
        let g = geometry(self.size(), columns);
        let mut list = ListState {
            selected: state.row,
            offset: state.top,
        };
        match action {
            A::CoverageMap | A::Cancel | A::Quit => return Outcome::Close,
            A::Activate => return self.open_coverage_cell(state),
            A::FocusRight | A::FocusNext => {
                state.column = (state.column + 1).min(columns.saturating_sub(1))
            }
            A::FocusLeft | A::FocusPrevious => state.column = state.column.saturating_sub(1),
            A::Help => return Outcome::Ignored,
            a => {
                list.navigate(a, rows, g.body_height);
            }
        }
        (state.row, state.top) = (list.selected, list.offset);
        state.left = visible_offset(state.left, state.column, g.visible_columns);
        Outcome::Consumed
    }

    fn open_coverage_cell(&mut self, state: &CoverageState) -> Outcome {
        let cell = self
            .fact_view
            .grid
            .as_ref()
            .and_then(|g| g.rows.get(state.row))
            .map(|r| (r.fact, r.cell(state.column)));
        match cell {
            Some((fact, c)) if c != Cell::Empty => {
                let sentence = c.sentence().unwrap_or(0);
                self.fact_view.followed = fact;
                self.open_passage(state.column, sentence);
                self.set_focus(super::Focus::Reader);
                Outcome::Close
            }
            _ => {
                self.message = Some("this article does not report that row".into());
                Outcome::Consumed
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, Meta};
    use crate::facts::{Fact, Passage};

    fn article(text: &str) -> Article {
        Article::new(
            "a".into(),
            "T".into(),
            "a.txt".into(),
            text.into(),
            Meta::default(),
        )
    }

    #[test]
    fn shared_facts_come_first_then_one_row_per_exclusive_sentence() {
        let corpus = Corpus {
            articles: vec![article("One. Two."), article("Uno. Dos."), article("Eins.")],
            ..Corpus::default()
        };
        let passage = |article: usize, sentence: usize| Passage {
            article,
            sentence,
            span: corpus.articles[article].structure.sentences[sentence].span,
        };
        let mut facts = Facts::default();
        facts.facts.push(Fact {
            label: "two".into(),
            passages: vec![passage(0, 1), passage(1, 1)],
            discrepancies: vec![],
        });
        facts.facts.push(Fact {
            label: "one".into(),
            passages: vec![passage(0, 0), passage(1, 0), passage(2, 0)],
            discrepancies: vec![],
        });
        for (i, f) in facts.facts.iter().enumerate() {
            for p in &f.passages {
                facts.by_sentence.insert((p.article, p.sentence), vec![i]);
            }
        }
        let grid = CoverageGrid::new(&corpus, &facts);
        assert_eq!(grid.columns, 3);
        let filled: Vec<usize> = grid.rows.iter().map(GridRow::filled).collect();
        assert_eq!(filled, [3, 2]);
        assert_eq!(grid.rows[1].cell(1), Cell::Reports(1));
        assert_eq!(grid.rows[1].cell(2), Cell::Empty);
    }

    #[test]
    fn only_the_columns_whose_figure_differs_are_marked() {
        use crate::entities::Kind;
        use crate::facts::{Discrepancy, FigureValue};
        let text = "It cost 100 dollars.";
        let corpus = Corpus {
            articles: (0..4).map(|_| article(text)).collect(),
            ..Corpus::default()
        };
        let span = corpus.articles[0].structure.sentences[0].span;
        let figure = |article: usize, value: f64| FigureValue {
            article,
            span: crate::text::Span::new(8, 19),
            value,
            unit: "USD".into(),
            approximate: false,
        };
        let grid_of = |values: Vec<FigureValue>| {
            let passages = (0..4).map(|article| Passage {
                article,
                sentence: 0,
                span,
            });
            let facts = Facts::new(vec![Fact {
                label: "cost".into(),
                passages: passages.collect(),
                discrepancies: vec![Discrepancy {
                    kind: Kind::Money,
                    values,
                    measure: "cost".into(),
                }],
            }]);
            CoverageGrid::new(&corpus, &facts).rows.swap_remove(0)
        };
        // Three articles say 100, one says 119: only its column differs; an article
        // without the figure reports the fact plainly.
        let row = grid_of(vec![figure(0, 100.0), figure(1, 119.0), figure(2, 100.0)]);
        let cells: Vec<Cell> = (0..4).map(|c| row.cell(c)).collect();
        assert_eq!(
            cells,
            [
                Cell::Reports(0),
                Cell::Disagrees(0),
                Cell::Reports(0),
                Cell::Reports(0)
            ]
        );
        // As many for each value: the first article's is taken as the common one.
        let row = grid_of(vec![figure(2, 7.0), figure(3, 9.0)]);
        assert_eq!(row.cell(2), Cell::Reports(0));
        assert_eq!(row.cell(3), Cell::Disagrees(0));
    }
}
