use super::*;
use crate::analysis::analyse;
use crate::corpus::{Article, Meta};

/// A corpus of one-paragraph articles, each with its date (or none).
fn corpus(texts: &[(&str, Option<&str>)]) -> Corpus {
    let articles = (texts.iter().enumerate())
        .map(|(i, (t, date))| {
            let meta = Meta {
                date: date.map(str::to_owned),
                ..Meta::default()
            };
            Article::new(
                format!("a{i}"),
                String::new(),
                String::new(),
                (*t).to_owned(),
                meta,
            )
        })
        .collect();
    Corpus {
        articles,
        warnings: Vec::new(),
    }
}

/// The claims of a corpus, with each claim's values as (article, value).
fn claims_of(c: &Corpus) -> Vec<(Status, Vec<(usize, f64)>)> {
    let analysis = analyse(c);
    claims(c, &analysis.facts.facts)
        .into_iter()
        .map(|cl| {
            let values = cl.values.iter().map(|v| (v.article, v.value)).collect();
            (cl.status, values)
        })
        .collect()
}

const FILLER: &str = "The weather stayed mild in the south. The museum will reopen in September after repairs. Wheat prices barely moved on European markets.";

fn toll(n: &str) -> String {
    format!("The landslide that buried the mountain village of Ravenscar killed {n} people, rescuers said. {FILLER}")
}

#[test]
fn a_toll_rising_with_the_dates_is_updated() {
    let texts = [toll("12"), toll("19"), toll("23")];
    let dated = [Some("2024-03-01"), Some("2024-03-02"), Some("2024-03-04")];
    let c = corpus(&[
        (texts[0].as_str(), dated[0]),
        (texts[1].as_str(), dated[1]),
        (texts[2].as_str(), dated[2]),
    ]);
    let claims = claims_of(&c);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].0, Status::Updated);
    assert_eq!(claims[0].1, [(0, 12.0), (1, 19.0), (2, 23.0)]);
    // The same figures without dates disagree.
    let c = corpus(&[(texts[0].as_str(), None), (texts[1].as_str(), None)]);
    let claims = claims_of(&c);
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].0, Status::Disagree);
}

#[test]
fn a_toll_going_down_then_up_disagrees() {
    let texts = [toll("22"), toll("19"), toll("23")];
    let c = corpus(&[
        (texts[0].as_str(), Some("2024-03-01")),
        (texts[1].as_str(), Some("2024-03-02")),
        (texts[2].as_str(), Some("2024-03-03")),
    ]);
    let claims = claims_of(&c);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].0, Status::Disagree);
}

#[test]
fn twenty_two_and_twenty_three_dead_disagree_once_per_article() {
    let a = format!("Twenty-two people died when the ferry Aurora capsized off Lesbos, the coastguard said. {FILLER}");
    let b = format!(
        "The ferry Aurora capsized off Lesbos, killing 23 people, the coastguard said. {FILLER}"
    );
    let c2 = format!("Twenty-two people died when the ferry Aurora capsized off Lesbos, the coastguard said on Sunday. {FILLER}");
    let c = corpus(&[(a.as_str(), None), (b.as_str(), None), (c2.as_str(), None)]);
    let claims = claims_of(&c);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].0, Status::Disagree);
    assert_eq!(claims[0].1, [(0, 22.0), (1, 23.0), (2, 22.0)]);
}

#[test]
fn jobs_cut_replaced_and_net_give_no_disagreement() {
    let a = format!("Halvorsen Motors will cut 9,000 jobs at its European plants, the carmaker said on Monday. {FILLER}");
    let b = format!("Halvorsen Motors said 6,000 of the jobs at its European plants would be replaced by new roles in battery making. {FILLER}");
    let c2 = format!("Halvorsen Motors will lose a net 3,000 jobs at its European plants, the carmaker said on Monday. {FILLER}");
    let c = corpus(&[(a.as_str(), None), (b.as_str(), None), (c2.as_str(), None)]);
    let analysis = analyse(&c);
    let linked = analysis.facts.facts.iter().any(|f| f.article_count() > 1);
    assert!(
        linked,
        "the sentences should be linked for the test to mean anything"
    );
    assert!(claims(&c, &analysis.facts.facts).is_empty());
}

#[test]
fn nearly_fifty_and_forty_six_disagree_but_nearly_fifty_and_forty_eight_agree() {
    // The rule: a hedged value agrees with values within 5% of it.
    let text = |n: &str| {
        format!("The blaze at the Kestrel paint factory in Dunmore injured {n} workers, the fire service said. {FILLER}")
    };
    let (a, b, c2) = (text("nearly 50"), text("46"), text("48"));
    let c = corpus(&[(a.as_str(), None), (b.as_str(), None)]);
    assert_eq!(claims_of(&c).len(), 1);
    let c = corpus(&[(a.as_str(), None), (c2.as_str(), None)]);
    assert!(claims_of(&c).is_empty());
}
