use super::*;
use crate::corpus::{Article, Meta};
use crate::facts::FigureValue;

/// Three articles of two sentences each: "The loss was 600 M€. It was 695 M€."
fn corpus() -> Corpus {
    let text = "The loss was 600 M€. It was 695 M€ then.";
    let articles = (0..3)
        .map(|i| {
            Article::new(
                format!("a{i}"),
                format!("T{i}"),
                String::new(),
                text.into(),
                Meta::default(),
            )
        })
        .collect();
    Corpus {
        articles,
        warnings: Vec::new(),
    }
}

/// The value `figure` of article `article`, at the first place its text says it.
fn value(c: &Corpus, article: usize, figure: &str, value: f64) -> FigureValue {
    let start = c.articles[article].text.find(figure).unwrap();
    FigureValue {
        article,
        span: Span::new(start, start + figure.len()),
        value,
        unit: "EUR".into(),
        approximate: false,
    }
}

fn claim(status: Status, values: Vec<FigureValue>) -> Claim {
    Claim {
        measure: "loss".into(),
        kind: Kind::Money,
        unit: "EUR".into(),
        status,
        values,
        sources: vec![],
    }
}

fn value_rows(state: &ClaimsState) -> Vec<(usize, usize)> {
    (state.rows.iter())
        .filter_map(|r| match r {
            ClaimRow::Value {
                article, sentence, ..
            } => Some((*article, *sentence)),
            ClaimRow::Claim { .. } => None,
        })
        .collect()
}

#[test]
fn each_value_shows_once_per_article() {
    let c = corpus();
    let twice = value(&c, 1, "600 M€", 600e6);
    let claims = [claim(
        Status::Disagree,
        vec![
            value(&c, 0, "600 M€", 600e6),
            twice.clone(),
            twice,
            value(&c, 1, "695 M€", 695e6),
            value(&c, 2, "695 M€", 695e6),
        ],
    )];
    let state = ClaimsState::new(&c, &claims, Some(0));
    assert_eq!(state.claims, 1);
    assert!(matches!(state.rows[0], ClaimRow::Claim { .. }));
    // Article 1 gives 600 once and 695 once; each value's sentence is found.
    assert_eq!(value_rows(&state), [(0, 0), (1, 0), (1, 1), (2, 1)]);
}

#[test]
fn the_selection_passes_over_headings_and_enter_targets_its_value() {
    let c = corpus();
    let claims = [
        claim(
            Status::Disagree,
            vec![value(&c, 0, "600 M€", 600e6), value(&c, 1, "695 M€", 695e6)],
        ),
        claim(
            Status::Updated,
            vec![value(&c, 2, "600 M€", 600e6), value(&c, 1, "600 M€", 6e8)],
        ),
    ];
    let mut state = ClaimsState::new(&c, &claims, None);
    assert_eq!(state.list.selected, 1, "the first value, not the heading");
    assert_eq!(state.target(), Some((0, 0)));
    state.navigate(Action::Next, 10);
    assert_eq!(state.target(), Some((1, 1)));
    state.navigate(Action::Next, 10);
    assert_eq!(state.list.selected, 4, "over the second heading");
    assert_eq!(state.target(), Some((2, 0)));
    state.navigate(Action::Previous, 10);
    assert_eq!(state.target(), Some((1, 1)));
    state.navigate(Action::Bottom, 10);
    assert_eq!(state.target(), Some((1, 0)));
    state.navigate(Action::Top, 10);
    assert_eq!((state.list.selected, state.list.offset), (1, 0));
    // Moving up onto a claim's first value shows its heading above it when there is room,
    // and never hides the value.
    state.navigate(Action::Bottom, 2);
    state.navigate(Action::Previous, 2);
    assert_eq!((state.list.selected, state.list.offset), (4, 3));
    state.navigate(Action::Bottom, 1);
    state.navigate(Action::Previous, 1);
    assert_eq!((state.list.selected, state.list.offset), (4, 4));
    assert!(!state.navigate(Action::Activate, 2));
}

#[test]
fn no_claims_no_rows_and_no_target() {
    let state = ClaimsState::new(&corpus(), &[], Some(2));
    assert!(state.rows.is_empty());
    assert_eq!(state.target(), None);
}

#[test]
fn the_gutter_index_finds_values_inside_a_sentence_only() {
    let c = corpus();
    let marks = ClaimMarks::from_claims(&[
        claim(Status::Updated, vec![value(&c, 0, "600 M€", 6e8)]),
        claim(Status::Disagree, vec![value(&c, 0, "695 M€", 6.95e8)]),
    ]);
    let sentences = &c.articles[0].structure.sentences;
    assert_eq!(marks.status_in(0, sentences[0].span), Some(Status::Updated));
    assert_eq!(
        marks.status_in(0, sentences[1].span),
        Some(Status::Disagree)
    );
    assert_eq!(marks.status_in(1, sentences[0].span), None);
    // A span cutting a value in two holds no value.
    let cut = Span::new(0, value(&c, 0, "600 M€", 0.0).span.start + 2);
    assert_eq!(marks.status_in(0, cut), None);
}
