//! Articles with a source, date, author and URL in the reader: the list shows source and
//! date, `s` cycles the list's order without moving the articles, and the reading pane's
//! header shows the metadata above the title.
#![cfg(feature = "app")]

use crate::keys;
use keys::{press, render, screen};

use recoupe::analysis::analyse;
use recoupe::corpus::{Article, Corpus, Meta};
use recoupe::stories::Stories;
use recoupe::tui::{App, Theme};

fn article(title: &str, source: Option<&str>, date: Option<&str>, url: Option<&str>) -> Article {
    let meta = Meta {
        source: source.map(Into::into),
        date: date.map(Into::into),
        author: source.map(|_| "Jane Doe\u{1b}[2J".into()),
        url: url.map(Into::into),
    };
    let text = format!("{title}\n\nThe council met on Monday. It voted the budget.");
    Article::new(
        title.into(),
        title.into(),
        format!("{title}.txt"),
        text,
        meta,
    )
}

/// Four articles in file order C, A, D, B; sorting gives other orders.
fn app() -> App {
    let corpus = Corpus {
        articles: vec![
            article(
                "Charlie budget",
                Some("Zeta News"),
                Some("2024-03-01"),
                None,
            ),
            article(
                "Alpha vote",
                Some("Alpha Post"),
                Some("2024-05-01"),
                Some("https://a.example/vote"),
            ),
            article("Delta council", None, Some("2024-01-15"), None),
            article("Bravo meeting", Some("Beta Daily"), None, None),
        ],
        warnings: Vec::new(),
    };
    // Months apart, the four are grouped into three stories; the article list of one
    // story is what is tried here (the story list has its own tests, `tui_stories`).
    let mut analysis = analyse(&corpus);
    analysis.stories = Stories::one(corpus.articles.len());
    let mut app = App::new(corpus, analysis);
    app.theme = Theme::new(true);
    app.resize(120, 30);
    app
}

fn titles(app: &App) -> Vec<String> {
    app.list_articles()
        .into_iter()
        .map(|i| app.corpus.articles[i].title.clone())
        .collect()
}

#[test]
fn s_cycles_the_list_order_and_keeps_the_articles_in_place() {
    let mut app = app();
    assert_eq!(titles(&app)[0], "Charlie budget");
    press(&mut app, "s");
    assert_eq!(
        titles(&app),
        [
            "Delta council",
            "Charlie budget",
            "Alpha vote",
            "Bravo meeting"
        ]
    );
    let s = screen(render(&app).backend().buffer());
    assert!(s.contains("by date"), "{s}");
    press(&mut app, "s");
    assert_eq!(
        titles(&app),
        [
            "Alpha vote",
            "Bravo meeting",
            "Charlie budget",
            "Delta council"
        ]
    );
    let s = screen(render(&app).backend().buffer());
    let grouped = |source: &str, title: &str| {
        s.lines()
            .any(|l| l.starts_with(&format!("│{source}")) && l.contains(&format!("│ {title}")))
    };
    assert!(grouped("Beta", "Bravo") && grouped("?", "Delta"), "{s}");
    press(&mut app, "s");
    assert_eq!(titles(&app)[0], "Alpha vote");
    press(&mut app, "s");
    assert_eq!(titles(&app)[0], "Charlie budget");
    assert_eq!(app.corpus.articles[0].title, "Charlie budget");
}

#[test]
fn sorting_follows_the_selection_and_opens_the_sorted_row() {
    let mut app = app();
    press(&mut app, "ss");
    assert_eq!(app.list.selected, 2, "the selection follows its article");
    press(&mut app, "g<Enter>");
    assert_eq!(app.article().unwrap().title, "Alpha vote");
}

#[test]
fn list_shows_source_and_date() {
    let mut app = app();
    let s = screen(render(&app).backend().buffer());
    let row = |title: &str, meta: &str| s.lines().any(|l| l.contains(title) && l.contains(meta));
    assert!(row("Charlie budget", "2024-03-01"), "{s}");
    assert!(row("Bravo meeting", "Beta Daily"), "{s}");
    app.resize(160, 30);
    let s = screen(render(&app).backend().buffer());
    let row = |title: &str, meta: &str| s.lines().any(|l| l.contains(title) && l.contains(meta));
    assert!(row("Charlie budget Zeta", "2024-03-01"), "{s}");
    assert!(s.contains("Charlie budget"), "{s}");
}

#[test]
fn header_shows_metadata_above_the_title() {
    let mut app = app();
    press(&mut app, "j<Enter>");
    let s = screen(render(&app).backend().buffer());
    let header = s
        .lines()
        .position(|l| l.contains("Alpha Post · 2024-05-01 · Jane Doe"))
        .unwrap_or_else(|| panic!("no header:\n{s}"));
    let title = s.lines().position(|l| l.contains("Alpha vote")).unwrap();
    assert!(s.contains("https://a.example/"), "{s}");
    assert!(!s.contains('\u{1b}'));
    assert!(header <= title);
    let reading_title = s.lines().skip(header + 1).any(|l| l.contains("Alpha vote"));
    assert!(reading_title, "{s}");
}

#[test]
fn no_metadata_keeps_the_plain_header() {
    let mut app = app();
    press(&mut app, "jj<Enter>");
    let s = screen(render(&app).backend().buffer());
    assert!(s.contains("2024-01-15"), "{s}");
    press(&mut app, "<Esc>");
    let bundled = Corpus::bundled();
    let analysis = analyse(&bundled);
    let mut plain = App::new(bundled, analysis);
    plain.resize(120, 40);
    let s = screen(render(&plain).backend().buffer());
    assert!(s.contains(" Reading "), "{s}");
}

#[test]
fn the_entity_filter_composes_with_the_order() {
    let corpus = Corpus::bundled();
    let analysis = analyse(&corpus);
    let mut app = App::new(corpus, analysis);
    app.resize(120, 40);
    let e = (0..app.analysis.entities.entities.len())
        .find(|&e| (2..5).contains(&app.entity_view.articles_naming(e).len()))
        .expect("an entity named by some articles only");
    app.entity_view.filter = Some(e);
    press(&mut app, "sss");
    let shown = app.list_articles();
    let mut expected = app.entity_view.articles_naming(e).to_vec();
    assert_eq!(shown.len(), expected.len());
    let key = |i: &usize| recoupe::text::fold(&app.corpus.articles[*i].title);
    expected.sort_by_key(key);
    assert_eq!(shown, expected, "the filtered articles, by title");
}
