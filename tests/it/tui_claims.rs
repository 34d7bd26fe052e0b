//! The claims in the reader: `D` lists the story's claims and `Enter` opens a value's
//! passage; the gutter tells a disagreeing figure (`≠`) from an updated one (`↗`); the
//! coverage section takes the focus and scrolls to its last passage. On small corpora
//! written here, dated so that one figure rises with the dates and another does not.
#![cfg(feature = "app")]

use crate::keys::{press, render, screen};
use recoupe::analysis::analyse;
use recoupe::corpus::{Article, Corpus, Meta};
use recoupe::facts::claims::Status;
use recoupe::tui::claims::ClaimRow;
use recoupe::tui::facts_nav::{mark, Mark};
use recoupe::tui::{App, Focus, Layer, Theme};

const FILLER: &str = "The weather stayed mild in the south. The museum will reopen in \
    September after repairs. Wheat prices barely moved on European markets.";

/// A report of the landslide: its toll, and the cost of the repairs.
fn report(toll: u32, cost: u32, said: &str) -> String {
    format!(
        "The landslide that buried the mountain village of Ravenscar killed {toll} people, \
         rescuers said. {FILLER} Rebuilding the Ravenscar road and its bridge will cost \
         {cost} million euros, the regional council {said}."
    )
}

/// Three dated reports: the toll rises with the dates (updated), the cost goes up then
/// down again (a disagreement).
fn dated() -> Corpus {
    let reports = [
        (report(12, 40, "said"), "2024-03-01", "Daily Post"),
        (report(19, 45, "announced"), "2024-03-02", "Evening Star"),
        (report(23, 40, "confirmed"), "2024-03-04", "Morning Herald"),
    ];
    let articles = (reports.into_iter().enumerate())
        .map(|(i, (text, date, source))| {
            let meta = Meta {
                date: Some(date.into()),
                source: Some(source.into()),
                ..Meta::default()
            };
            Article::new(
                format!("r{i}"),
                format!("Report {i}"),
                String::new(),
                text,
                meta,
            )
        })
        .collect();
    Corpus {
        articles,
        warnings: Vec::new(),
    }
}

fn app(corpus: Corpus, w: u16, h: u16) -> App {
    let analysis = analyse(&corpus);
    let mut app = App::new(corpus, analysis);
    app.theme = Theme::new(true);
    app.resize(w, h);
    app
}

/// The sentence of article `a` containing `needle`.
fn sentence_with(app: &App, a: usize, needle: &str) -> usize {
    let article = &app.corpus.articles[a];
    (article.structure.sentences.iter())
        .position(|s| article.slice(s.span).contains(needle))
        .unwrap_or_else(|| panic!("no sentence with {needle:?}"))
}

fn claims_layer(app: &App) -> &recoupe::tui::claims::ClaimsState {
    match app.layers.last() {
        Some(Layer::Claims(state)) => state,
        other => panic!("the claims are not on top: {other:?}"),
    }
}

#[test]
fn d_lists_the_claims_and_enter_opens_the_selected_value() {
    let mut app = app(dated(), 120, 40);
    press(&mut app, "D");
    let state = claims_layer(&app);
    let statuses: Vec<Status> = (state.rows.iter())
        .filter_map(|r| match r {
            ClaimRow::Claim { status, .. } => Some(*status),
            ClaimRow::Value { .. } => None,
        })
        .collect();
    assert!(statuses.contains(&Status::Updated), "{statuses:?}");
    assert!(statuses.contains(&Status::Disagree), "{statuses:?}");
    let shown = screen(render(&app).backend().buffer());
    assert!(
        shown.contains("↗ updated") && shown.contains("≠ disagree"),
        "{shown}"
    );
    assert!(shown.contains("Evening Star · 2024-03-02"), "{shown}");
    for figure in ["12", "19", "23", "45 million euros"] {
        assert!(shown.contains(figure), "{figure} in {shown}");
    }
    // The first value may be where the reader is; the next one is in another article.
    press(&mut app, "j");
    let target = claims_layer(&app).target().expect("a value is selected");
    let before = (app.reader.article.unwrap(), app.reader.cursor);
    assert_ne!(target, before);
    press(&mut app, "<Enter>");
    assert!(app.layers.is_empty(), "Enter closes the claims");
    assert_eq!((app.reader.article.unwrap(), app.reader.cursor), target);
    assert_eq!(app.focus, Focus::Reader);
    press(&mut app, "Dq");
    assert!(
        app.layers.is_empty() && !app.should_quit(),
        "q closes only the claims"
    );
    press(&mut app, "D<Esc>");
    assert!(app.layers.is_empty());
}

#[test]
fn a_story_without_claims_says_so_in_one_line() {
    let text = format!("The village of Ravenscar held its spring fair on Sunday. {FILLER}");
    let articles = (0..2)
        .map(|i| {
            let t = text.clone();
            Article::new(
                format!("f{i}"),
                format!("Fair {i}"),
                String::new(),
                t,
                Meta::default(),
            )
        })
        .collect();
    let mut app = app(
        Corpus {
            articles,
            warnings: Vec::new(),
        },
        80,
        24,
    );
    press(&mut app, "D");
    assert!(claims_layer(&app).rows.is_empty());
    let shown = screen(render(&app).backend().buffer());
    let said: Vec<&str> = shown.lines().filter(|l| l.contains("No figure")).collect();
    assert_eq!(said.len(), 1, "{shown}");
}

#[test]
fn the_gutter_marks_an_updated_toll_apart_from_a_disagreeing_cost() {
    let mut app = app(dated(), 120, 40);
    let toll = sentence_with(&app, 1, "killed");
    let cost = sentence_with(&app, 1, "million euros");
    let spans = &app.corpus.articles[1].structure.sentences;
    let (toll_span, cost_span) = (spans[toll].span, spans[cost].span);
    let marks = app.claim_marks().clone();
    let facts = &app.analysis.facts;
    assert_eq!(mark(facts, &marks, 1, toll, toll_span), Mark::Updated(2));
    assert_eq!(mark(facts, &marks, 1, cost, cost_span), Mark::Disagrees(2));
    // On screen: the gutter beside each sentence's first line.
    app.open_article(1);
    app.set_focus(Focus::Reader);
    let view = app.reader_view();
    let rows: Vec<String> = screen(render(&app).backend().buffer())
        .lines()
        .map(str::to_owned)
        .collect();
    let gutter_at = |app: &App, pos: usize| -> String {
        let line = app.with_layout(|l, a| l.line_of(a, pos)).unwrap();
        let y = view.y as usize + line - app.reader.scroll;
        let cells: String = rows[y].chars().skip(view.x as usize - 5).take(4).collect();
        cells.trim().to_owned()
    };
    assert_eq!(gutter_at(&app, toll_span.start), "↗2");
    assert_eq!(gutter_at(&app, cost_span.start), "≠2");
}

/// Eight reports of one sentence, each ending on its own word.
fn widely_reported() -> Corpus {
    let words = [
        "Alder", "Birch", "Cedar", "Damson", "Elm", "Fir", "Gorse", "Hazel",
    ];
    let articles = (words.iter().enumerate())
        .map(|(i, w)| {
            let text = format!(
                "The landslide that buried the mountain village of Ravenscar on Tuesday night \
                 destroyed the old stone bridge and cut the only road to the valley, the \
                 rescuers from {w} said. {FILLER}"
            );
            Article::new(
                format!("w{i}"),
                format!("Report {w}"),
                String::new(),
                text,
                Meta::default(),
            )
        })
        .collect();
    Corpus {
        articles,
        warnings: Vec::new(),
    }
}

#[test]
fn the_coverage_section_takes_the_focus_and_scrolls_to_its_last_passage() {
    let mut app = app(widely_reported(), 80, 24);
    press(&mut app, "<Enter>");
    assert_eq!(app.focus, Focus::Reader);
    let (ids, _) = app.cursor_facts();
    assert!(!ids.is_empty(), "the first sentence is reported elsewhere");
    press(&mut app, "c");
    let shown = coverage_text(&app);
    assert!(shown.contains("2. Report Birch"), "{shown}");
    assert!(
        !shown.contains("Hazel"),
        "the last passage is below: {shown}"
    );
    press(&mut app, "<Tab>");
    assert!(app.coverage_focused());
    assert_eq!(app.focus, Focus::Reader);
    press(&mut app, "G");
    let shown = coverage_text(&app);
    assert!(shown.contains("8. Report Hazel"), "{shown}");
    assert!(shown.matches("Hazel").count() >= 2, "its text too: {shown}");
    // Each passage once, though the cursor's sentence may be in several facts.
    for word in ["Birch", "Cedar", "Damson", "Elm", "Fir", "Gorse", "Hazel"] {
        let lines = (coverage_lines(&app).iter())
            .filter(|l| l.ends_with(&format!("Report {word}")))
            .count();
        assert_eq!(lines, 1, "{word}");
    }
    // Back to the top with g; Shift-Tab gives the keys back to the text.
    press(&mut app, "g");
    assert!(coverage_text(&app).contains("2. Report Birch"));
    press(&mut app, "<BackTab>");
    assert!(!app.coverage_focused());
    let cursor = app.reader.cursor;
    press(&mut app, "j");
    assert_eq!(
        app.reader.cursor,
        cursor + 1,
        "j moves the text's cursor again"
    );
}

/// What the coverage section shows, its frame left out.
fn coverage_text(app: &App) -> String {
    let area = app.coverage_area().expect("the coverage section is shown");
    let shown = screen(render(app).backend().buffer());
    (shown.lines())
        .skip(area.y as usize + 1)
        .take(area.height.saturating_sub(2) as usize)
        .map(|l| {
            let cells: String = l.chars().skip(area.x as usize + 1).collect();
            cells
                .chars()
                .take(area.width.saturating_sub(2) as usize)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every line of the coverage section, scrolled or not, as text.
fn coverage_lines(app: &App) -> Vec<String> {
    let width = app.coverage_area().unwrap().width.saturating_sub(2) as usize;
    (recoupe::tui::view::passage_lines(app, width).iter())
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect()
}
