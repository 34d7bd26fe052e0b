//! The reader's entity and fact views on the bundled articles, with the real analysis:
//! the side panel and mention walk, the list filter, the gutter marks, `]`/`}` across
//! articles, the coverage section and the coverage map. Fact linking is still tuned, so
//! these assert structure and a few clear cases rather than exact counts.
#![cfg(feature = "app")]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use ratatui::Terminal;
use recoupe::analysis::analyse;
use recoupe::corpus::Corpus;
use recoupe::tui::facts_nav::{mark, Mark};
use recoupe::tui::layout::GUTTER;
use recoupe::tui::{draw, Action, App, Focus, Layer, Theme};

/// Index of seed article 001 in the bundled corpus.
const SEED_001: usize = 1;

fn app() -> App {
    let corpus = Corpus::bundled();
    let analysis = analyse(&corpus);
    let mut app = App::new(corpus, analysis);
    app.theme = Theme::new(true);
    app.resize(120, 40);
    app
}

fn draw_screen(app: &App) -> Buffer {
    let size = app.size();
    let mut t = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    t.draw(|f| draw(f, app)).unwrap();
    t.backend().buffer().clone()
}

fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\u{1b}' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        {
            let fx = app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
            app.perform(fx);
        }
    }
}

/// The text of the cursor's sentence.
fn cursor_text(app: &App) -> String {
    let article = app.article().expect("an article is open");
    let span = article.structure.sentences[app.reader.cursor].span;
    article.slice(span).to_owned()
}

/// Index of the first sentence of article `a` containing `needle`.
fn sentence_with(app: &App, a: usize, needle: &str) -> usize {
    let article = &app.corpus.articles[a];
    article
        .structure
        .sentences
        .iter()
        .position(|s| article.slice(s.span).contains(needle))
        .unwrap_or_else(|| panic!("no sentence with {needle:?}"))
}

/// Opens article `a` and selects entity `name` in the side panel, focused.
fn select_entity(app: &mut App, a: usize, name: &str) -> usize {
    app.open_article(a);
    app.set_focus(Focus::Side);
    let rows = app.side_rows();
    let row = rows
        .iter()
        .position(|r| r.entity.is_some() && r.label == name)
        .unwrap_or_else(|| panic!("{name} not in the side panel"));
    app.side.selected = row;
    rows[row].entity.unwrap()
}

#[test]
fn side_panel_lists_facebook_with_mentions_here_and_articles_naming_it() {
    let mut app = app();
    let e = select_entity(&mut app, SEED_001, "Facebook");
    let here = app.side_rows()[app.side.selected].count;
    let naming = app.entity_view.articles_naming(e).len();
    assert!(
        here >= 2 && naming >= 4,
        "{here} mentions, {naming} articles"
    );
    let screen = rows(&draw_screen(&app));
    let line = screen
        .iter()
        .find(|l| l.contains("  Facebook "))
        .expect("Facebook row on screen");
    assert!(line.contains(&format!(" {here} ×{naming}")), "{line}");
    assert!(screen[1..].iter().any(|l| l.contains("ORG")));
    // The list shows each article's entity count.
    let n = app.entity_view.entity_count(0);
    assert!(n > 0 && screen.iter().any(|l| l.contains(&format!(" {n}e"))));
}

#[test]
fn enter_on_an_entity_walks_its_mentions_and_n_continues_until_a_search() {
    let mut app = app();
    let e = select_entity(&mut app, SEED_001, "Facebook");
    let on_mention = |app: &App| {
        let walk = app.entity_view.walk.expect("a mention walk");
        let sentence = app.article().unwrap().structure.sentences[app.reader.cursor].span;
        assert_eq!(walk.entity, e);
        assert!(sentence.start <= walk.current.start && walk.current.end <= sentence.end);
        assert!(app.article().unwrap().slice(walk.current).contains("Fac"));
        walk.current
    };
    press(&mut app, "\n");
    let first = on_mention(&app);
    assert!(first.start > 0, "jumps past the cursor's sentence");
    press(&mut app, "n");
    let second = on_mention(&app);
    assert!(second.start > first.start);
    press(&mut app, "N");
    assert_eq!(on_mention(&app), first);
    let status = rows(&draw_screen(&app)).pop().unwrap();
    assert!(status.contains("n/N: Facebook"), "{status}");
    // A search started later takes n/N back.
    press(&mut app, "/chase\n");
    assert!(app.entity_view.walk.is_none());
    assert!(app.search.as_ref().is_some_and(|s| s.current.is_some()));
}

#[test]
fn f_filters_the_list_to_the_articles_naming_the_entity_and_esc_clears() {
    let mut app = app();
    let e = select_entity(&mut app, SEED_001, "Wells Fargo");
    let naming = app.entity_view.articles_naming(e).to_vec();
    assert!(!naming.is_empty() && naming.len() < 5, "{naming:?}");
    press(&mut app, "f");
    assert_eq!(app.list_articles(), naming);
    let screen = rows(&draw_screen(&app));
    assert!(
        screen[0].contains(&format!("Articles {}/5 naming Wells", naming.len())),
        "{}",
        screen[0]
    );
    // A row shows the language, or the date when the article has one.
    let list_rows = screen[1..39]
        .iter()
        .filter(|l| l.contains(" fr ") || l.contains(" 2018-08 "))
        .count();
    assert_eq!(list_rows, naming.len());
    press(&mut app, "\u{1b}");
    assert_eq!(app.list_articles().len(), 5);
    assert!(rows(&draw_screen(&app))[0].contains("Articles (5)"));
}

#[test]
fn e_toggles_the_colours_of_mentions() {
    let mut app = app();
    app.open_article(SEED_001);
    let underlined = |app: &App| {
        let buf = draw_screen(app);
        let screen = rows(&buf);
        let reading = |y: usize| -> String { screen[y].chars().skip(34).take(60).collect() };
        let y = (1..39).find(|&y| reading(y).contains("Facebook")).unwrap();
        let line = reading(y);
        let x = 34 + line[..line.find("Facebook").unwrap()].chars().count() as u16;
        buf[(x + 2, y as u16)].modifier.contains(Modifier::BOLD)
    };
    assert!(underlined(&app), "ORG mentions are bold without colour");
    press(&mut app, "e");
    assert!(!app.entity_view.marks);
    assert!(!underlined(&app));
}

#[test]
fn bracket_opens_the_other_article_reporting_the_chase_sentence() {
    let mut app = app();
    app.open_article(SEED_001);
    app.set_focus(Focus::Reader);
    let s = sentence_with(&app, SEED_001, "discussions avec Chase");
    app.open_passage(SEED_001, s);
    let fact = app.cursor_facts().1.expect("the sentence is reported");
    let passages = app.analysis.facts.facts[fact].passages.clone();
    let mut seen = Vec::new();
    for _ in 0..passages.len() {
        press(&mut app, "]");
        let here = (app.reader.article.unwrap(), app.reader.cursor);
        if here.0 == SEED_001 {
            break;
        }
        assert!(passages.iter().any(|p| (p.article, p.sentence) == here));
        assert!(!seen.contains(&here.0), "each article once per cycle");
        seen.push(here.0);
        if cursor_text(&app).contains("discussions avec Chase") {
            break;
        }
    }
    assert!(cursor_text(&app).contains("discussions avec Chase"));
    assert_ne!(app.reader.article, Some(SEED_001));
    // The coverage section shows the other passages.
    press(&mut app, "c");
    let screen = rows(&draw_screen(&app)).join("\n");
    assert!(screen.contains("Coverage"));
    assert!(screen.contains("discussions"));
}

#[test]
fn brace_moves_to_the_next_sentence_others_report() {
    let mut app = app();
    app.open_article(SEED_001);
    app.set_focus(Focus::Reader);
    press(&mut app, "}");
    let first = app.reader.cursor;
    assert!(app
        .analysis
        .facts
        .by_sentence
        .contains_key(&(SEED_001, first)));
    press(&mut app, "}");
    assert!(app.reader.cursor > first);
    press(&mut app, "{");
    assert_eq!(app.reader.cursor, first);
}

#[test]
fn the_gutter_marks_the_disagreeing_figure_in_001() {
    let mut app = app();
    let s = sentence_with(&app, SEED_001, "100 milliards de dollars");
    let span = app.corpus.articles[SEED_001].structure.sentences[s].span;
    assert!(matches!(
        mark(&app.analysis.facts, app.claim_marks(), SEED_001, s, span),
        Mark::Disagrees(_)
    ));
    app.open_passage(SEED_001, s);
    let line = app.with_layout(|l, a| l.line_of(a, span.start)).unwrap();
    let view = app.reader_view();
    let y = view.y as usize + line - app.reader.scroll;
    let screen = rows(&draw_screen(&app));
    let gutter: String = screen[y]
        .chars()
        .skip(view.x as usize - GUTTER as usize)
        .take(2)
        .collect();
    assert!(
        gutter.starts_with('≠'),
        "gutter {gutter:?} on {:?}",
        screen[y]
    );
    // Some other sentence is reported without disagreement, some only here.
    let marks: Vec<String> = screen
        .iter()
        .map(|r| {
            r.chars()
                .skip(view.x as usize - GUTTER as usize)
                .take(2)
                .collect()
        })
        .collect();
    assert!(marks.iter().any(|m| m == " ·"));
    assert!(marks.iter().any(|m| m.starts_with('+')));
}

#[test]
fn the_coverage_map_has_a_column_per_article_and_enter_opens_a_passage() {
    let mut app = app();
    press(&mut app, "C");
    let grid = app.fact_view.grid.clone().expect("grid built");
    assert_eq!(grid.columns, 5);
    let wide = grid
        .rows
        .iter()
        .position(|r| r.filled() >= 3)
        .expect("a fact reported by 3 articles");
    assert!(grid
        .rows
        .iter()
        .any(|r| r.fact.is_none() && r.filled() == 1));
    let screen = rows(&draw_screen(&app));
    let header = screen
        .iter()
        .find(|l| l.contains("fact \\ article"))
        .unwrap();
    assert!(header.contains("1  2  3  4  5"), "{header}");
    assert!(screen
        .iter()
        .any(|l| l.matches('●').count() + l.matches('≠').count() >= 3));
    // Move to the wide row and onto a filled cell, then open it.
    for _ in 0..wide {
        press(&mut app, "j");
    }
    let column = grid.rows[wide].cells[0].0;
    press(&mut app, "hhhhh");
    for _ in 0..column {
        press(&mut app, "l");
    }
    let Some(Layer::Coverage(state)) = app.layers.last() else {
        panic!("map open")
    };
    assert_eq!((state.row, state.column), (wide, column));
    press(&mut app, "\n");
    assert!(app.layers.is_empty());
    assert_eq!(app.reader.article, Some(column));
    assert_eq!(
        Some(app.reader.cursor),
        grid.rows[wide].cell(column).sentence()
    );
}

#[test]
fn i_shows_the_aliases_with_their_reasons() {
    let mut app = app();
    select_entity(&mut app, SEED_001, "Facebook");
    press(&mut app, "i");
    assert!(matches!(app.layers.last(), Some(Layer::Aliases { .. })));
    let screen = rows(&draw_screen(&app)).join("\n");
    assert!(screen.contains("Aliases"));
    assert!(screen.contains("←") || screen.contains("no other names"));
    press(&mut app, "\u{1b}");
    assert!(app.layers.is_empty());
}

#[test]
fn the_new_views_draw_at_every_small_size_without_panic() {
    let mut app = app();
    app.open_article(SEED_001);
    app.set_focus(Focus::Reader);
    press(&mut app, "}c");
    for (w, h) in [
        (10, 2),
        (12, 4),
        (20, 6),
        (35, 12),
        (59, 14),
        (80, 24),
        (100, 13),
    ] {
        app.resize(w, h);
        draw_screen(&app);
        press(&mut app, "C");
        draw_screen(&app);
        press(&mut app, "jjlllGk\u{1b}");
        app.set_focus(Focus::Side);
        press(&mut app, "ji");
        draw_screen(&app);
        press(&mut app, "\u{1b}");
        app.set_focus(Focus::Reader);
    }
    assert!(app.layers.is_empty());
}

#[test]
fn moving_in_the_side_panel_passes_over_the_kind_headings() {
    let mut app = app();
    app.open_article(SEED_001);
    app.set_focus(Focus::Side);
    let rows = app.side_rows();
    let heading = (1..rows.len())
        .find(|&i| rows[i].entity.is_none())
        .expect("a second kind");
    // Down from the entity just above a heading lands on the entity just below it.
    app.side.selected = heading - 1;
    app.update(Action::Next);
    assert_eq!(app.side.selected, heading + 1);
    // And up again over it.
    app.update(Action::Previous);
    assert_eq!(app.side.selected, heading - 1);
    // The first row is a heading too: the top is the first entity.
    app.update(Action::Top);
    assert_eq!(app.side.selected, 1);
    assert!(rows[0].entity.is_none());
}
