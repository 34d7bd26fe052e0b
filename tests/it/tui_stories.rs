//! The story list of a collection of several stories: it opens first, `Enter` opens a
//! story, `Backspace` and `h` go back, `/` filters, `s` orders; a collection of one story
//! opens straight into its articles.
#![cfg(feature = "app")]

use crate::keys;
use keys::{press, render, screen};

use recoupe::analysis::{analyse, Analysis};
use recoupe::corpus::{load_paths, Corpus, LoadOptions};
use recoupe::tui::{App, Focus, Theme};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// Two French stories of three reports each (a forest fire, ransomware at a town hall)
/// and the bundled story of five, with their analysis, made once.
fn collection() -> (Arc<Corpus>, Analysis) {
    static DATA: OnceLock<(Arc<Corpus>, Analysis)> = OnceLock::new();
    let (corpus, analysis) = DATA.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let paths = [
            root.join("tests/fixtures/grouping/incendie-var"),
            root.join("tests/fixtures/grouping/cyberattaque-mairie"),
            root.join("seeds"),
        ];
        let corpus = load_paths(&paths, &LoadOptions::default());
        let analysis = analyse(&corpus);
        (Arc::new(corpus), analysis)
    });
    (Arc::clone(corpus), analysis.clone())
}

fn app(w: u16, h: u16) -> App {
    let (corpus, analysis) = collection();
    let mut app = App::new(corpus, analysis);
    app.theme = Theme::new(true);
    app.resize(w, h);
    app
}

fn shown(app: &App) -> String {
    screen(render(app).backend().buffer())
}

/// The story holding the article whose file name contains `name`.
fn story_of_file(app: &App, name: &str) -> usize {
    let a = (app.corpus.articles.iter())
        .position(|a| a.path.contains(name))
        .unwrap();
    app.story_of(a).unwrap()
}

#[test]
fn a_collection_of_several_stories_opens_on_its_stories() {
    let a = app(120, 30);
    assert_eq!(a.analysis.stories.stories.len(), 3, "three stories found");
    assert!(a.showing_stories());
    let s = shown(&a);
    assert!(s.contains("Stories (3)"), "{s}");
    for row in a.story_rows().iter() {
        let start: String = row.label.chars().take(20).collect();
        assert!(s.contains(&start), "{start} in {s}");
    }
    assert!(
        s.contains("  5 "),
        "the bundled story counts five articles: {s}"
    );
}

#[test]
fn enter_opens_a_story_and_backspace_or_h_goes_back_to_it() {
    let mut a = app(120, 30);
    let fire = story_of_file(&a, "01_depeche");
    let row = a.visible_stories().iter().position(|&s| s == fire).unwrap();
    press(&mut a, "g");
    for _ in 0..row {
        press(&mut a, "j");
    }
    press(&mut a, "<Enter>");
    assert_eq!(a.stories_view.open, Some(fire));
    assert!(!a.showing_stories());
    let articles = a.list_articles();
    assert_eq!(articles, a.analysis.stories.stories[fire].articles);
    assert_eq!(articles.len(), 3);
    let open = a.reader.article.unwrap();
    assert!(articles.contains(&open), "an article of the story is open");
    let s = shown(&a);
    assert!(s.contains("Story ") && s.contains("Articles (3)"), "{s}");

    press(&mut a, "<Backspace>");
    assert!(a.showing_stories());
    assert_eq!(a.visible_stories()[a.stories_view.list.selected], fire);

    press(&mut a, "<Enter>");
    press(&mut a, "<Tab>jj");
    assert_eq!(a.focus, Focus::Reader);
    press(&mut a, "<Backspace>");
    assert!(
        a.showing_stories(),
        "Backspace goes back from the reading pane too"
    );
    assert_eq!(a.focus, Focus::List);

    press(&mut a, "<Enter>h");
    assert!(a.showing_stories(), "h in the list goes back");
    press(&mut a, "h");
    assert!(a.showing_stories(), "h at the stories stays there");
}

#[test]
fn slash_filters_the_stories_by_words_and_esc_clears() {
    let mut a = app(120, 30);
    let hall = story_of_file(&a, "cyberattaque-mairie");
    let word = {
        let label = &a.story_rows()[hall].label;
        label
            .split_whitespace()
            .max_by_key(|w| w.chars().count())
            .unwrap()
            .to_owned()
    };
    press(&mut a, "/");
    press(&mut a, &word.to_uppercase());
    assert!(a.visible_stories().contains(&hall));
    assert!(a.visible_stories().len() < 3, "{word} filters");
    let s = shown(&a);
    assert!(s.contains(&format!("/{}", word.to_uppercase())), "{s}");
    press(&mut a, "<Enter>");
    assert!(a.layers.is_empty());
    let n = a.visible_stories().len();
    assert!(shown(&a).contains(&format!("Stories {n}/3")));
    let first = a.visible_stories()[0];
    press(&mut a, "<Enter>");
    assert_eq!(a.stories_view.open, Some(first));
    press(&mut a, "<Backspace>");
    assert_eq!(
        a.visible_stories().len(),
        n,
        "the filter stays on going back"
    );
    press(&mut a, "<Esc>");
    assert_eq!(a.visible_stories().len(), 3, "Esc clears the filter");

    press(&mut a, "/zzzz-nothing");
    assert!(a.visible_stories().is_empty());
    assert!(shown(&a).contains("no story matches"));
    press(&mut a, "<Esc>");
    assert_eq!(
        a.visible_stories().len(),
        3,
        "Esc in the prompt restores the filter"
    );
}

#[test]
fn s_orders_the_stories_by_size_or_date_keeping_the_selection() {
    let mut a = app(120, 30);
    let before = a.visible_stories();
    assert_eq!(
        before
            .iter()
            .map(|&s| a.story_rows()[s].articles)
            .collect::<Vec<_>>(),
        [5, 3, 3],
        "largest first"
    );
    press(&mut a, "gjj");
    let selected = before[2];
    press(&mut a, "s");
    let after = a.visible_stories();
    assert_eq!(after[a.stories_view.list.selected], selected);
    assert!(shown(&a).contains("newest first"));
}

#[test]
fn an_article_of_another_story_opens_in_its_story() {
    let mut a = app(120, 30);
    press(&mut a, "<Enter>");
    let open = a.stories_view.open.unwrap();
    let other = (0..a.corpus.articles.len())
        .find(|&i| a.story_of(i) != Some(open))
        .unwrap();
    a.open_article(other);
    assert_eq!(a.stories_view.open, a.story_of(other));
    assert!(a.list_articles().contains(&other));
}

#[test]
fn a_collection_of_one_story_opens_straight_into_its_articles() {
    let corpus = Corpus::bundled();
    let analysis = analyse(&corpus);
    let mut a = App::new(corpus, analysis);
    a.resize(120, 30);
    assert!(!a.showing_stories());
    assert!(shown(&a).contains("Articles (5)"));
    press(&mut a, "<Backspace>");
    assert!(!a.showing_stories());
    assert_eq!(a.list_articles().len(), 5);
}

#[test]
fn the_story_list_at_120x40_and_20x6() {
    for (w, h) in [(120, 40), (20, 6)] {
        let a = app(w, h);
        insta::assert_snapshot!(format!("stories_list_{w}x{h}"), shown(&a));
    }
}
