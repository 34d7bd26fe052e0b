//! Text structure as byte spans into an article's text: paragraphs (some marked as
//! headings), sentences and word tokens; language detection and the folding and stemming
//! used to compare words across articles. Nothing here rewrites the text.

mod fold;
mod language;
pub mod sanitize;
mod segment;
pub mod stopwords;

pub use fold::{fold, Stemmer};
pub use language::detect_language;
pub use segment::{paragraphs, sentences_in, structure, structure_with_headings};

use serde::{Deserialize, Serialize};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// `n` things, in the singular for one: `counted(1, "article", "articles")` is "1 article".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The part of `s` between byte offsets `start` and `end`, each moved back to a character
/// boundary and kept within `s`: the one way to cut text at a byte count, so that a limit
/// falling inside "é" or "’" shortens the cut instead of panicking.
pub fn slice(s: &str, start: usize, end: usize) -> &str {
    let end = s.floor_char_boundary(end);
    let start = s.floor_char_boundary(start.min(end));
    &s[start..end]
}

/// A byte range into an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    pub fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// A paragraph: lines separated from the rest by a blank line or a line break after a
/// finished sentence. A heading is a short paragraph without final punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    #[serde(flatten)]
    pub span: Span,
    pub heading: bool,
}

/// A sentence, inside one paragraph; a heading paragraph is one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence {
    #[serde(flatten)]
    pub span: Span,
    #[serde(skip)]
    pub paragraph: usize,
}

/// Paragraphs and sentences of one text, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Structure {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
}

impl Structure {
    /// Index of the sentence containing (or, between sentences, following) byte `pos`.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        if self.sentences.is_empty() {
            return None;
        }
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        Some(i.min(self.sentences.len() - 1))
    }
}

/// A language, as an ISO 639-1 code where there is one (`fr`, `en`), else ISO 639-3.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Language(pub String);

impl Language {
    pub fn code(&self) -> &str {
        &self.0
    }
    pub fn is_french(&self) -> bool {
        self.0 == "fr"
    }
    pub fn is_english(&self) -> bool {
        self.0 == "en"
    }
}

/// Word tokens (runs with a letter or digit) inside `range` of `text`, as byte spans.
pub fn words(text: &str, range: Range<usize>) -> impl Iterator<Item = Span> + '_ {
    let base = range.start;
    text[range]
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(move |(i, w)| Span::new(base + i, base + i + w.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_thing_is_counted_in_the_singular() {
        assert_eq!(counted(1, "article", "articles"), "1 article");
        assert_eq!(counted(0, "article", "articles"), "0 articles");
        assert_eq!(counted(12, "note", "notes"), "12 notes");
    }

    #[test]
    fn words_are_spans() {
        let t = "L'AFP a dit : « 1,3 milliard ».";
        let w: Vec<&str> = words(t, 0..t.len()).map(|s| &t[s.range()]).collect();
        assert_eq!(w, ["L'AFP", "a", "dit", "1,3", "milliard"]);
    }

    #[test]
    fn language_of_french_and_english() {
        assert!(detect_language("Le réseau social a demandé aux grandes banques américaines de partager les données de leurs clients.").is_french());
        assert!(detect_language(
            "The social network asked large American banks to share the data of their customers."
        )
        .is_english());
    }
}
