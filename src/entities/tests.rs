//! Rules of recognition and resolution, each pinned by a small marked-up text.

use super::markup::parse;
use super::*;
use crate::corpus::{Article, Meta};

fn corpus_of(texts: &[&str]) -> (Corpus, Vec<Vec<markup::Expected>>) {
    let mut corpus = Corpus::default();
    let mut expected = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let (text, exp) = parse(t);
        corpus.articles.push(Article::new(
            format!("a{i}"),
            String::new(),
            String::new(),
            text,
            Meta::default(),
        ));
        expected.push(exp);
    }
    (corpus, expected)
}

/// (text, kind label) of every name mention, in order.
fn found(corpus: &Corpus, e: &Entities) -> Vec<Vec<(String, &'static str)>> {
    (0..corpus.articles.len())
        .map(|a| {
            e.in_article(a)
                .iter()
                .filter(|m| !e.entities[m.entity()].kind.is_figure())
                .map(|m| {
                    let k = e.entities[m.entity()].kind.label();
                    (corpus.articles[a].slice(m.span()).to_owned(), k)
                })
                .collect()
        })
        .collect()
}

/// Checks that the names found are exactly the marked ones, with their kinds.
fn check(texts: &[&str]) -> (Corpus, Entities) {
    let (corpus, expected) = corpus_of(texts);
    let e = analyse(&corpus);
    let got = found(&corpus, &e);
    for (a, exp) in expected.iter().enumerate() {
        let want: Vec<(String, &str)> = exp
            .iter()
            .map(|x| (corpus.articles[a].slice(x.span).to_owned(), x.kind.label()))
            .collect();
        assert_eq!(got[a], want, "article {a}: {}", corpus.articles[a].text);
    }
    (corpus, e)
}

#[test]
fn smoke() {
    check(&["[[ORG Reuters]] a indiqué que [[PER Jane Doe]] partait."]);
}

/// The entity names that mentions with these texts resolved to.
fn entity_of(corpus: &Corpus, e: &Entities, text: &str) -> Vec<String> {
    let mut out: Vec<String> = e
        .mentions
        .iter()
        .filter(|m| corpus.articles[m.article()].slice(m.span()) == text)
        .map(|m| e.entities[m.entity()].name.clone())
        .collect();
    out.dedup();
    out
}

fn same(corpus: &Corpus, e: &Entities, a: &str, b: &str) -> bool {
    let (x, y) = (entity_of(corpus, e, a), entity_of(corpus, e, b));
    assert!(!x.is_empty() && !y.is_empty(), "{a} or {b} not found");
    x == y
}

#[test]
fn capitalised_runs_with_connectors() {
    check(&["Il a rencontré la [[ORG Banque de France]] et [[ORG Bank of America]] hier."]);
    check(&["Le groupe de [[PER Mark Dupuis]] rachète [[ORG Acme Holdings]] ce matin."]);
}

#[test]
fn acronyms_and_inner_capitals() {
    check(&["Selon [[ORG CNBC]] et [[ORG TechCrunch]], [[ORG DataForge]] recrute."]);
    check(&["La banque [[ORG U.S Bancorp]] et [[ORG AT&T]] ont signé."]);
}

#[test]
fn context_cues_give_kinds() {
    check(&["Dans un entretien, [[PER Jane Roe]], porte-parole de [[ORG Vantora]], a parlé."]);
    check(&["L'application [[PRODUCT Zapto]] a séduit la banque [[ORG Krell]]."]);
    check(&["Mr [[PER Okafor]] said the city of [[LOC Lagos]] would grow."]);
}

#[test]
fn sentence_starts_and_common_words_are_filtered() {
    check(&["Dernières nouvelles\n\nPour ceux qui lisent, rien. Cette annonce a plu. Lundi, [[LOC Vantora]] a ouvert. Les clients de [[LOC Vantora]] sont contents."]);
    check(&["Articles Liés\n\nLes comptes liés de [[LOC Vantora]] sont ouverts."]);
}

#[test]
fn demonyms_weekdays_months_are_not_names() {
    check(&[
        "Les banques Américaines et les régulateurs Britanniques ont parlé Mardi, en Juillet.",
    ]);
    check(&["British officials met on Monday in [[LOC London]] with the French in May."]);
}

#[test]
fn elisions_and_possessives_are_cut() {
    check(&["Il l'a dit à l'[[ORG AFP]] et d'[[ORG Orange]] au [[ORG Figaro|Le Figaro]]."]);
    check(&["[[ORG Google]]'s rival [[ORG Baidu]] grew."]);
}

#[test]
fn glued_words_are_split() {
    check(&["Lire la suite sur [[ORG 20minutes|20 Minutes]]Qui est [[PER Alex Jones]] ?"]);
}

#[test]
fn merges_short_forms_acronyms_typos_and_listed_aliases() {
    let (c, e) = check(&[
        "[[ORG Nordale Capital Partners]] et [[ORG Agence Nationale du Rail]] ([[ORG ANR]]) ont parlé.",
        "Selon [[ORG Nordale]], [[ORG ANR]] et [[ORG Citi]] ([[ORG Citigroup]]) attendent. [[PER Paul Kessler]] a confirmé.",
        "[[ORG Citibank]] a parlé. M. [[PER Kessler]] a suivi. [[ORG Nordale]] et [[ORG Nordale]] montent, [[ORG Nordale]] aussi, pas [[ORG Nordalle]].",
    ]);
    assert!(same(&c, &e, "ANR", "Agence Nationale du Rail"));
    assert!(same(&c, &e, "Citi", "Citigroup"));
    assert!(same(&c, &e, "Citibank", "Citigroup"));
    assert!(same(&c, &e, "Kessler", "Paul Kessler"));
    assert!(same(&c, &e, "Nordalle", "Nordale"));
    assert!(same(&c, &e, "Nordale", "Nordale Capital Partners"));
    let i = e
        .mentions
        .iter()
        .find(|m| c.articles[m.article()].slice(m.span()) == "Nordalle")
        .unwrap();
    let reason = &e.entities[i.entity()]
        .aliases
        .iter()
        .find(|a| a.name == "Nordalle")
        .unwrap()
        .reason;
    assert!(reason.contains("typo"), "{reason}");
}

#[test]
fn keeps_distinct_names_apart() {
    let (c, e) = check(&[
        "[[ORG Citi]] et [[PER Citizens]] diffèrent. Le [[ORG Wall Street Journal]] couvre [[LOC Wall Street]].",
        "[[LOC Paris]] et [[PER Parisot]] aussi. [[LOC Paris]], [[LOC Paris]] et encore [[LOC Paris]].",
        "[[PRODUCT Venmo]] ([[ORG PayPal]]) et [[PER Jean Martin]] et [[PER Paul Martin]] parlent. [[PER Martin]] non.",
    ]);
    assert!(!same(&c, &e, "Citi", "Citizens"));
    assert!(!same(&c, &e, "Wall Street", "Wall Street Journal"));
    assert!(!same(&c, &e, "Paris", "Parisot"));
    assert!(!same(&c, &e, "Venmo", "PayPal"));
    assert!(
        !same(&c, &e, "Martin", "Jean Martin"),
        "two people end with Martin"
    );
    let (c, e) = check(&[
        "Le [[ORG Louvre]] prête au [[ORG Louvre Abu Dhabi]]. Le [[ORG Louvre Abu Dhabi]] expose.",
        "Selon la [[ORG Banque Chase]] et [[ORG JPMorgan Chase]], [[ORG Chase]] refuse.",
    ]);
    assert!(!same(&c, &e, "Louvre", "Louvre Abu Dhabi"));
    assert!(same(&c, &e, "Banque Chase", "JPMorgan Chase"));
}

#[test]
fn every_alias_has_a_reason_and_mentions_are_sorted() {
    let c = Corpus::bundled();
    let e = analyse(&c);
    assert!(e
        .entities
        .iter()
        .flat_map(|x| &x.aliases)
        .all(|a| !a.reason.is_empty()));
    assert!(e
        .mentions
        .windows(2)
        .all(|w| (w[0].article, w[0].span().start) <= (w[1].article, w[1].span().start)));
    let chase = e
        .entities
        .iter()
        .find(|x| x.name == "JPMorgan Chase")
        .unwrap();
    assert!(chase.aliases.iter().any(|a| a.name == "Chase"));
}

#[test]
fn title_case_headings_need_evidence_per_word() {
    check(&[
        "[[ORG Boeing]] Halts Deliveries After [[ORG Alaska Airlines]] Blowout\n\n[[ORG Boeing]] said [[ORG Alaska Airlines]] would wait.",
    ]);
    check(&["By [[PER Jane Smith]]\n\nThe rain fell on [[LOC Boston]] today."]);
}

#[test]
fn titles_and_first_names_split_runs() {
    check(&["[[ORG FAA|Federal Aviation Administration]] Administrator [[PER Mike Whitaker]] spoke with [[PER George Galloway]] of the [[ORG Workers Party]]."]);
    check(&["[[LOC Munich]]-based [[ORG Siemens]] said so."]);
}

#[test]
fn closing_quotes_do_not_start_sentences() {
    let (c, e) = check(&[
        "[[PER Mike Whitaker]] spoke. \"Safety first,\" [[PER Whitaker|Mike Whitaker]] said.",
    ]);
    assert!(same(&c, &e, "Whitaker", "Mike Whitaker"));
}

#[test]
fn acronym_definitions_spell_out_lowercase_names() {
    let (c, e) = check(&[
        "La [[ORG Fédération française de l'assurance]] ([[ORG FFA]]) chiffre les dégâts.",
        "Selon la [[ORG FFA]], le coût monte.",
    ]);
    assert!(same(&c, &e, "FFA", "Fédération française de l'assurance"));
}

#[test]
fn unknown_names_that_speak_are_names() {
    // Words no list knows, at a sentence start, where the typer leans to "no name": the
    // reporting verb after them says someone speaks. Their kind is the typer's to decide.
    for text in [
        "Voltra said on Monday it would cut 300 jobs at its plant.",
        "Le marché hésite. Kessmark a déclaré lundi que rien ne change.",
        "The plant will close. Brandoli told reporters the cuts were final.",
    ] {
        let (corpus, _) = corpus_of(&[text]);
        let e = analyse(&corpus);
        let names: Vec<String> = found(&corpus, &e)[0].iter().map(|x| x.0.clone()).collect();
        assert_eq!(names.len(), 1, "{text}: {names:?}");
        assert!(
            text.contains(&format!("{} ", names[0])),
            "{text}: {names:?}"
        );
    }
}

#[test]
fn sentences_in_capitals_and_reporting_verbs() {
    check(&[
        "[[ORG FACEBOOK|Facebook]] VEUT VOS DONNÉES BANCAIRES, DIT L'[[ORG AFP]]\n\nSelon l'[[ORG AFP]], [[ORG Facebook]] insiste.",
    ]);
    check(&["Le marché hésite. [[PER Nordwind]] a déclaré lundi que rien ne change."]);
}

#[test]
fn surname_particles() {
    check(&[
        "Le ministre [[PER Bruno Le Maire]] a vu [[PER Charles De Gaulle|Charles de Gaulle]] hier.",
    ]);
}

#[test]
fn listed_names_keep_their_suffix_and_lone_starts_do_not_join() {
    let (c, e) = check(&[
        "[[ORG Meta Platforms Inc]] cut jobs. Shares of the [[LOC Menlo Park]] company rose, and [[ORG Meta]] gained.",
    ]);
    assert!(same(&c, &e, "Meta", "Meta Platforms Inc"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any text: no panic, every mention a non-empty span on character boundaries, in order.
    #[test]
    fn mentions_are_valid_spans_of_any_text(
        text in "([A-ZÉ][a-zé]{0,6}|[A-Z]{2,4}|[a-z]{1,6}|U\\.S\\.?|l'|’s|[-.,:;()«»\"&' \n]|[0-9]{1,3}|\u{0416}\u{0431}){0,40}"
    ) {
        let mut corpus = Corpus::default();
        corpus.articles.push(Article::new("a".into(), String::new(), String::new(), text.clone(), Meta::default()));
        let e = analyse(&corpus);
        let mut last = 0;
        for m in &e.mentions {
            proptest::prop_assert!(m.span().start < m.span().end && m.span().end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(m.span().start) && text.is_char_boundary(m.span().end));
            proptest::prop_assert!(m.span().start >= last);
            last = m.span().start;
            proptest::prop_assert!(m.entity() < e.entities.len());
        }
        let json = to_json(&corpus, &e);
        proptest::prop_assert!(json["entities"].is_array());
    }
}
