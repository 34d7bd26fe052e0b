//! Segmentation on the bundled articles and on arbitrary text.

use proptest::prelude::*;
use recoupe::corpus::{decode, Corpus};
use recoupe::text::{structure, Structure};

fn sentences_of<'a>(text: &'a str, st: &Structure) -> Vec<&'a str> {
    st.sentences.iter().map(|s| &text[s.span.range()]).collect()
}

fn check_invariants(text: &str, st: &Structure) {
    let mut last = 0;
    for p in &st.paragraphs {
        assert!(p.span.start >= last && p.span.end <= text.len());
        assert!(text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end));
        // What lies between paragraphs is white space only: joined back they give the text.
        assert!(text[last..p.span.start]
            .chars()
            .all(|c| c.is_whitespace() || c == '\u{A0}'));
        last = p.span.end;
    }
    assert!(
        text[last..].chars().all(char::is_whitespace)
            || text[last..]
                .chars()
                .all(|c| c.is_whitespace() || c == '\u{A0}')
    );
    let mut last = 0;
    for s in &st.sentences {
        assert!(s.span.start >= last && s.span.start < s.span.end && s.span.end <= text.len());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        let p = st.paragraphs[s.paragraph].span;
        assert!(p.start <= s.span.start && s.span.end <= p.end);
        last = s.span.end;
    }
}

#[test]
fn nbsp_after_informations_ends_a_sentence() {
    let c = Corpus::bundled();
    let a = &c.articles[2];
    let s = sentences_of(&a.text, &a.structure);
    let i = s
        .iter()
        .position(|x| x.ends_with("ce type d’informations."))
        .expect("sentence ends at the NBSP");
    assert!(s[i + 1].starts_with("Une porte parole de JPMorgan Chase"));
}

#[test]
fn seed_cases_are_not_split() {
    let c = Corpus::bundled();
    let all: Vec<&str> = c
        .articles
        .iter()
        .flat_map(|a| sentences_of(&a.text, &a.structure))
        .collect();
    let whole = |needle: &str| all.iter().any(|s| s.contains(needle));
    assert!(whole("revendique 1,3 milliard d'utilisateurs actifs"));
    assert!(whole(
        "avec la banque U.S Bancorp, selon le Wall Street Journal"
    ));
    assert!(whole("par nos clients (...) et avons par conséquent"));
    assert!(whole("sur le de (.) Lire la suite"));
    assert!(whole("en hausse de 3,6% à 184,24 $ à la mi-journée"));
}

#[test]
fn crlf_gives_the_same_spans_as_lf() {
    for a in Corpus::bundled().articles {
        let crlf = a.text.replace('\n', "\r\n");
        let (text, _) = decode(crlf.as_bytes()).unwrap();
        assert_eq!(text, a.text);
        assert_eq!(structure(&text), a.structure);
    }
}

#[test]
fn english_news_sentences() {
    let t = "Facebook Inc. asked U.S. banks for data, the Wall Street Journal reported on Monday. Shares rose 3.6% to $184.24. \"We don't share data,\" said Patricia Wexler. Mr. Zuckerberg declined… The company has 1.3 billion users.";
    let st = structure(t);
    assert_eq!(
        sentences_of(t, &st),
        [
            "Facebook Inc. asked U.S. banks for data, the Wall Street Journal reported on Monday.",
            "Shares rose 3.6% to $184.24.",
            "\"We don't share data,\" said Patricia Wexler.",
            "Mr. Zuckerberg declined…",
            "The company has 1.3 billion users."
        ]
    );
}

#[test]
fn invariants_hold_on_the_seeds() {
    for a in Corpus::bundled().articles {
        check_invariants(&a.text, &a.structure);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_are_valid_on_arbitrary_text(s in "\\PC{0,300}") {
        check_invariants(&s, &structure(&s));
    }

    #[test]
    fn spans_are_valid_on_sentence_like_text(
        parts in prop::collection::vec(
            prop_oneof![
                Just("M."), Just("Mme"), Just("U.S."), Just("1,3"), Just("(...)"), Just("[…]"),
                Just("«"), Just("»"), Just("\""), Just("."), Just("!"), Just("?"), Just("\u{a0}"),
                Just(" "), Just("\n"), Just("\n\n"), Just("Le"), Just("chat"), Just("é"), Just("日本"),
            ],
            0..80,
        )
    ) {
        let s: String = parts.concat();
        check_invariants(&s, &structure(&s));
    }
}
