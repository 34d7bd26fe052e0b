//! Small builders shared by the notes tests.

use recoupe::corpus::{Article, Corpus, Meta};
use recoupe::text::Span;

/// An article built from text, as if loaded from `<id>.txt`.
pub fn article(id: &str, title: &str, text: &str) -> Article {
    Article::new(
        id.into(),
        title.into(),
        format!("articles/{id}.txt"),
        text.into(),
        Meta::default(),
    )
}

/// A corpus of the given articles.
pub fn corpus(articles: Vec<Article>) -> Corpus {
    Corpus {
        articles,
        warnings: vec![],
    }
}

/// The byte span of the first occurrence of `needle` in `text`.
pub fn span_of(text: &str, needle: &str) -> Span {
    let i = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    Span::new(i, i + needle.len())
}

/// The text of a sentence of an article.
pub fn sentence(a: &Article, i: usize) -> &str {
    a.slice(a.structure.sentences[i].span)
}
