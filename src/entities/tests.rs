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
                .filter(|m| !e.entities[m.entity].kind.is_figure())
                .map(|m| {
                    let k = e.entities[m.entity].kind.label();
                    (corpus.articles[a].slice(m.span).to_owned(), k)
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
