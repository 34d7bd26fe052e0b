//! Anchoring a note to a passage and finding the passage again after the article changed.
//!
//! A passage is described by its quote with ~32 characters of context either side and by
//! its character offsets (the W3C TextQuote and TextPosition selectors). Finding it again
//! happens inside one article only, in three steps that each must be unambiguous: the quote
//! at its old offsets; else the one occurrence of the quote whose context agrees best; else
//! the one stretch of text framed by the context before and the context after that still
//! resembles the quote (a word was changed inside it). Anything less certain is an orphan:
//! a note shown with its quote is better than a note attached to a look-alike sentence.

use super::model::{Target, TextPositionSelector, TextQuoteSelector};
use crate::corpus::Article;
use crate::text::{self, Span};
use std::collections::HashSet;

/// Characters of context kept before and after a quote.
pub const CONTEXT_CHARS: usize = 32;

/// Where a note's passage is in the article's current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// At the offsets it was made at.
    Exact(Span),
    /// Found elsewhere in the same article (text inserted before it, or a word changed).
    Moved(Span),
    /// Not found with certainty: shown with its quote, attached to nothing.
    Orphan,
}

impl Anchor {
    /// The byte span in the current text, unless orphaned.
    pub fn span(&self) -> Option<Span> {
        match *self {
            Anchor::Exact(s) | Anchor::Moved(s) => Some(s),
            Anchor::Orphan => None,
        }
    }

    /// True for [`Anchor::Orphan`].
    pub fn is_orphan(&self) -> bool {
        matches!(self, Anchor::Orphan)
    }
}

/// Describes the byte `span` of an article's text as selectors.
pub fn anchor(article: &Article, span: Span) -> Target {
    anchor_text(&article.text, span)
}

/// Describes the byte `span` of `text` as selectors. The span is clamped to the text and
/// widened to character boundaries.
pub fn anchor_text(text: &str, span: Span) -> Target {
    let span = snap(text, span);
    let before = &text[..span.start];
    let prefix_start = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let after = &text[span.end..];
    let suffix_end = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    let start = before.chars().count();
    Target {
        quote: TextQuoteSelector {
            exact: text[span.range()].to_owned(),
            prefix: before[prefix_start..].to_owned(),
            suffix: after[..suffix_end].to_owned(),
        },
        position: TextPositionSelector {
            start,
            end: start + text[span.range()].chars().count(),
        },
    }
}

/// Finds a note's passage in the current text of the same article.
pub fn resolve(text: &str, target: &Target) -> Anchor {
    let quote = &target.quote;
    if quote.exact.is_empty() {
        return Anchor::Orphan;
    }
    if let Some(span) = byte_span(text, target.position) {
        if text[span.range()] == quote.exact {
            return Anchor::Exact(span);
        }
    }
    if let Some(span) = by_quote(text, quote) {
        return Anchor::Moved(span);
    }
    // A quote still present word for word was not changed: when its context cannot tell
    // its occurrences apart, a frame around some other text must not be taken for it.
    if text.contains(quote.exact.as_str()) {
        return Anchor::Orphan;
    }
    by_context(text, quote).map_or(Anchor::Orphan, Anchor::Moved)
}

/// The one occurrence of the quote whose context agrees best, if it agrees at all and no
/// other occurrence agrees as well.
fn by_quote(text: &str, quote: &TextQuoteSelector) -> Option<Span> {
    let wanted = quote.prefix.chars().count() + quote.suffix.chars().count();
    let mut best: Option<(usize, Span)> = None;
    let mut tie = false;
    for (start, m) in text.match_indices(quote.exact.as_str()) {
        let span = Span::new(start, start + m.len());
        let before = common_suffix(&quote.prefix, &text[..span.start]);
        let after = common_prefix(&quote.suffix, &text[span.end..]);
        let agrees = before == quote.prefix.chars().count()
            || after == quote.suffix.chars().count()
            || 2 * (before + after) >= wanted;
        if !agrees {
            continue;
        }
        let score = before + after;
        match best {
            Some((b, _)) if b > score => {}
            Some((b, _)) if b == score => tie = true,
            _ => {
                best = Some((score, span));
                tie = false;
            }
        }
    }
    if tie {
        return None;
    }
    best.map(|(_, s)| s)
}

/// The text framed by a context before and a context after, with neither context inside
/// it, that still resembles the quote, when exactly one such stretch exists.
fn by_context(text: &str, quote: &TextQuoteSelector) -> Option<Span> {
    let starts: Vec<usize> = if quote.prefix.is_empty() {
        vec![0]
    } else {
        let n = quote.prefix.len();
        text.match_indices(quote.prefix.as_str())
            .map(|(i, _)| i + n)
            .collect()
    };
    let ends: Vec<usize> = if quote.suffix.is_empty() {
        vec![text.len()]
    } else {
        text.match_indices(quote.suffix.as_str())
            .map(|(i, _)| i)
            .collect()
    };
    // Only tight frames: the last context before an end, with no other end in between.
    // Both lists are in text order, so each look-up is a binary search: a short context
    // matches all over a long article, and scanning the lists made this quadratic.
    let mut found: Vec<Span> = Vec::new();
    for &e in &ends {
        let before = starts.partition_point(|&s| s < e);
        let Some(&s) = before.checked_sub(1).and_then(|k| starts.get(k)) else {
            continue;
        };
        let first_end = ends.get(ends.partition_point(|&x| x <= s));
        if first_end == Some(&e) {
            found.push(Span::new(s, e));
        }
    }
    found.sort_unstable();
    found.dedup();
    found.retain(|s| resembles(&quote.exact, &text[s.range()]));
    match found[..] {
        [only] => Some(only),
        _ => None,
    }
}

/// Same length give or take half, and most words in common both ways.
fn resembles(old: &str, new: &str) -> bool {
    let (lo, ln) = (old.chars().count(), new.chars().count());
    if 2 * ln < lo || ln > 2 * lo {
        return false;
    }
    let words = |s: &str| -> Vec<String> {
        text::words(s, 0..s.len())
            .map(|w| s[w.range()].to_lowercase())
            .collect()
    };
    let (a, b) = (words(old), words(new));
    let (sa, sb): (HashSet<&String>, HashSet<&String>) = (a.iter().collect(), b.iter().collect());
    let shared = |from: &[String], other: &HashSet<&String>| {
        from.iter().filter(|w| other.contains(w)).count()
    };
    !a.is_empty() && 2 * shared(&a, &sb) >= a.len() && 2 * shared(&b, &sa) >= b.len()
}

/// Characters at the end of `stored` that the text just before the match ends with.
fn common_suffix(stored: &str, before: &str) -> usize {
    stored
        .chars()
        .rev()
        .zip(before.chars().rev())
        .take_while(|(a, b)| a == b)
        .count()
}

/// Characters at the start of `stored` that the text just after the match starts with.
fn common_prefix(stored: &str, after: &str) -> usize {
    stored
        .chars()
        .zip(after.chars())
        .take_while(|(a, b)| a == b)
        .count()
}

/// The byte span of character offsets, if they fall inside the text.
pub fn byte_span(text: &str, pos: TextPositionSelector) -> Option<Span> {
    if pos.start > pos.end {
        return None;
    }
    let mut start = None;
    for (n, (i, _)) in text.char_indices().enumerate() {
        if n == pos.start {
            start = Some(i);
        }
        if n == pos.end {
            return start.map(|s| Span::new(s, i));
        }
    }
    let total = text.chars().count();
    if pos.end != total {
        return None;
    }
    Some(Span::new(start.unwrap_or(text.len()), text.len()))
}

/// Clamps a byte span to the text and widens it to character boundaries.
fn snap(text: &str, span: Span) -> Span {
    let mut start = span.start.min(text.len());
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Premier paragraphe sans rapport.\n\nLa banque a refusé de répondre aux questions. Elle n'a pas donné de chiffres.\n\nFin de l'article, dernière phrase.";

    fn span_of(text: &str, s: &str) -> Span {
        let i = text.find(s).unwrap();
        Span::new(i, i + s.len())
    }

    #[test]
    fn selectors_count_characters_not_bytes() {
        let t = anchor_text(
            TEXT,
            span_of(TEXT, "La banque a refusé de répondre aux questions."),
        );
        assert_eq!(
            t.position.start,
            TEXT[..TEXT.find("La banque").unwrap()].chars().count()
        );
        assert_eq!(t.position.end - t.position.start, 45);
        assert_eq!(t.quote.prefix.chars().count(), CONTEXT_CHARS);
        assert!(t.quote.suffix.starts_with(" Elle n'a"));
        assert_eq!(
            byte_span(TEXT, t.position),
            Some(span_of(TEXT, &t.quote.exact))
        );
    }

    #[test]
    fn unchanged_text_is_exact() {
        let span = span_of(TEXT, "Elle n'a pas donné de chiffres.");
        let t = anchor_text(TEXT, span);
        assert_eq!(resolve(TEXT, &t), Anchor::Exact(span));
    }

    #[test]
    fn context_picks_the_right_one_of_two_identical_quotes() {
        let text = "Alpha dit oui. Rien.\n\nBeta dit oui. Rien.";
        let second = Span::new(text.rfind("Rien.").unwrap(), text.len());
        let t = anchor_text(text, second);
        let edited = format!("Intro.\n\n{text}");
        let moved = resolve(&edited, &t).span().unwrap();
        assert_eq!(moved.start, edited.rfind("Rien.").unwrap());
    }

    #[test]
    fn identical_quotes_with_identical_context_are_an_orphan() {
        let text = "X Rien. X Rien.";
        let t = Target {
            quote: TextQuoteSelector {
                exact: "Rien.".into(),
                prefix: "X ".into(),
                suffix: "Z".into(),
            },
            position: TextPositionSelector { start: 90, end: 95 },
        };
        assert_eq!(resolve(text, &t), Anchor::Orphan);
    }

    #[test]
    fn a_quote_whose_context_disagrees_is_an_orphan() {
        let text = "A. Rien. B.";
        let mut t = anchor_text(text, span_of(text, "Rien."));
        t.quote.prefix = "autre chose ".into();
        t.quote.suffix = " encore autre".into();
        t.position = TextPositionSelector { start: 0, end: 0 };
        assert_eq!(resolve(text, &t), Anchor::Orphan);
    }

    /// A note whose quote is gone, with one-character contexts, took 27 s to give up on
    /// in a 320 kB article.
    #[test]
    fn a_gone_quote_with_short_contexts_is_given_up_quickly() {
        let text = "a b ".repeat(80_000);
        let quote = TextQuoteSelector {
            exact: "une citation disparue".into(),
            prefix: " ".into(),
            suffix: " ".into(),
        };
        let target = Target {
            quote,
            position: TextPositionSelector { start: 5, end: 26 },
        };
        assert_eq!(resolve(&text, &target), Anchor::Orphan);
    }

    #[test]
    fn span_is_snapped_to_char_boundaries() {
        let t = anchor_text("déjà vu", Span::new(2, 100));
        assert_eq!(t.quote.exact, "éjà vu");
    }

    #[test]
    fn a_repeated_context_is_resolved_by_what_it_frames() {
        // The context before occurs twice (a title repeated as a heading).
        let text = "Des données bancaires\n\nDes données bancaires\n\nLa banque a refusé de répondre hier. Suite.";
        let t = anchor_text(text, span_of(text, "La banque a refusé de répondre hier."));
        let edited = text.replace("hier", "lundi");
        let got = resolve(&edited, &t);
        assert_eq!(
            got,
            Anchor::Moved(span_of(&edited, "La banque a refusé de répondre lundi."))
        );
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        const VOCAB: [&str; 8] = [
            "la",
            "banque",
            "données",
            "Facebook",
            "a",
            "dit",
            "« oui »",
            "1,3",
        ];

        fn text_of(words: &[usize]) -> String {
            let mut t = String::new();
            for (i, w) in words.iter().enumerate() {
                t.push_str(VOCAB[*w]);
                t.push_str(if i % 7 == 6 { ".\n\n" } else { " " });
            }
            t
        }

        proptest! {
            /// Whatever is inserted before a passage, re-anchoring finds the quote itself or
            /// nothing: never a neighbouring stretch of text.
            #[test]
            fn a_found_passage_is_always_the_quote_itself(
                words in prop::collection::vec(0..VOCAB.len(), 4..80),
                a in 0usize..1000, b in 0usize..1000, at in 0usize..1000,
                inserted in "[a-zé ]{1,20}\\. ",
            ) {
                let text = text_of(&words);
                let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
                let (x, y) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
                let span = Span::new(x.min(y), x.max(y));
                prop_assume!(!span.is_empty());
                let t = anchor_text(&text, span);
                prop_assert_eq!(resolve(&text, &t), Anchor::Exact(span));
                let cut = bounds[at % bounds.len()].min(span.start);
                let edited = format!("{}{inserted}{}", &text[..cut], &text[cut..]);
                match resolve(&edited, &t) {
                    Anchor::Orphan => {}
                    got => prop_assert_eq!(&edited[got.span().unwrap().range()], t.quote.exact.as_str()),
                }
            }
        }
    }
}
