//! Clauses of long sentences. A sentence may state two facts ("the regulator asked the
//! banks for data, and the banks were reluctant"): compared whole with a short sentence
//! stating one of them, its other half dilutes the overlap. Each term of a sentence
//! therefore carries a bit mask of the clauses it occurs in, so that the similarity can
//! also be measured clause by clause (see [`super::similar`]) without storing any term
//! twice. Clauses are cut at commas, semicolons, colons and spaced dashes; clauses of
//! fewer than [`MIN_WORDS`] content words or figures are merged into their neighbour, so
//! that an attribution or an aside is never a clause of its own. (Cutting only before a
//! coordinating or relative word, ", et", ", which", found fewer of the facts.)

use crate::text::Span;
use serde::{Deserialize, Serialize};

/// Most clauses per sentence: later cuts are not made.
pub const MAX_CLAUSES: usize = 8;
/// Fewest content words and figures a clause has; shorter ones merge with the one
/// before.
const MIN_WORDS: usize = 3;

/// Byte offsets (in `text`) where the clauses of the sentence `span` start, the first
/// being `span.start`; at most [`MAX_CLAUSES`]. Every comma followed by a space cuts
/// (not the one of "1,5" or "84,000"): a short piece (an attribution, "au total,") is
/// merged back by [`Clauses::new`].
pub fn starts(text: &str, span: Span) -> Vec<usize> {
    let s = &text[span.range()];
    let mut out = vec![span.start];
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        if out.len() == MAX_CLAUSES {
            break;
        }
        let rest = &s[i + c.len_utf8()..];
        let spaced = rest.starts_with(char::is_whitespace);
        let cut = match c {
            ',' | ';' | ':' => spaced,
            '—' | '–' => spaced && prev.is_some_and(char::is_whitespace),
            _ => false,
        };
        if cut {
            out.push(span.start + i + c.len_utf8());
        }
        prev = Some(c);
    }
    out
}

/// The clauses of one sentence once short ones are merged: where each piece cut by
/// [`starts`] begins and the clause it belongs to. Empty for a sentence of one clause.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Clauses {
    starts: Vec<u32>,
    into: Vec<u8>,
}

impl Clauses {
    /// The clauses of the sentence `span` of `text`, `words` giving the offset of each of
    /// its content words and figures (what makes a piece long enough to be a clause).
    pub fn new(text: &str, span: Span, words: impl Iterator<Item = usize>) -> Clauses {
        let starts = starts(text, span);
        if starts.len() == 1 {
            return Clauses::default();
        }
        let piece_of = |at: usize| starts.partition_point(|&s| s <= at).saturating_sub(1);
        let mut count = vec![0usize; starts.len()];
        for at in words {
            count[piece_of(at)] += 1;
        }
        let into = merge_short(&count);
        if into.iter().all(|&c| c == 0) {
            return Clauses::default();
        }
        Clauses {
            starts: starts.iter().map(|&s| s as u32).collect(),
            into,
        }
    }

    /// The mask of the clause holding the byte offset `at`.
    pub fn mask_at(&self, at: usize) -> u8 {
        let piece = (self.starts.partition_point(|&s| s as usize <= at)).saturating_sub(1);
        self.into.get(piece).map_or(1, |&c| 1 << c)
    }

    /// True when every piece is within `span` in order and clause numbers fit a mask.
    pub fn fits(&self, span: Span) -> bool {
        self.starts.len() == self.into.len()
            && self.starts.windows(2).all(|w| w[0] < w[1])
            && (self.starts.iter()).all(|&s| (span.start..span.end).contains(&(s as usize)))
            && self.into.iter().all(|&c| (c as usize) < MAX_CLAUSES)
    }
}

/// For each piece of `words` content words, the clause it becomes once pieces of fewer
/// than [`MIN_WORDS`] are merged into the previous one (the first into the next),
/// numbered from 0 without gaps.
fn merge_short(words: &[usize]) -> Vec<u8> {
    let mut into = Vec::with_capacity(words.len());
    let mut current = 0u8;
    let mut started = false;
    for &n in words {
        if started && n >= MIN_WORDS {
            current += 1;
        }
        // A short first piece belongs to the next one.
        started |= n >= MIN_WORDS;
        into.push(current);
    }
    into
}

/// Number of clauses in a sentence whose terms have `masks`.
pub fn count(masks: &[u8]) -> usize {
    let all = masks.iter().fold(0u8, |m, &x| m | x);
    (8 - all.leading_zeros()) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(t: &str) -> Vec<&str> {
        let mut s = starts(t, Span::new(0, t.len()));
        s.push(t.len());
        s.windows(2).map(|w| t[w[0]..w[1]].trim()).collect()
    }

    #[test]
    fn cuts_at_spaced_punctuation() {
        assert_eq!(
            clauses("Il pleut ; le fleuve monte, et 1,5 m d'eau : la ville est évacuée."),
            [
                "Il pleut ;",
                "le fleuve monte,",
                "et 1,5 m d'eau :",
                "la ville est évacuée."
            ]
        );
        assert_eq!(
            clauses("Shares fell 5% — the lowest in years; 84,000 bikes at 10:30."),
            [
                "Shares fell 5% —",
                "the lowest in years;",
                "84,000 bikes at 10:30."
            ]
        );
        assert_eq!(
            clauses("A red-blue-green flag."),
            ["A red-blue-green flag."]
        );
        let many = "a, ".repeat(20);
        assert_eq!(starts(&many, Span::new(0, many.len())).len(), MAX_CLAUSES);
    }

    #[test]
    fn short_pieces_merge_into_their_neighbour() {
        // Pieces of 4, 1 and 4 words: the middle one joins the first.
        assert_eq!(merge_short(&[4, 1, 4]), [0, 0, 1]);
        // A short first piece joins the next.
        assert_eq!(merge_short(&[1, 4]), [0, 0]);
        assert_eq!(merge_short(&[3, 3, 0, 5]), [0, 1, 1, 2]);
    }

    #[test]
    fn masks_follow_where_a_term_is() {
        let t = "Les pompiers ont évacué trois cents habitants, et la préfète a fermé toutes les routes.";
        let span = Span::new(0, t.len());
        let words = crate::text::words(t, 0..t.len()).map(|w| w.start);
        let c = Clauses::new(t, span, words);
        assert!(c.fits(span));
        assert_eq!(c.mask_at(t.find("pompiers").unwrap()), 0b01);
        assert_eq!(c.mask_at(t.find("routes").unwrap()), 0b10);
        // One piece: one clause, nothing stored.
        let t = "Les pompiers ont évacué trois cents habitants.";
        let c = Clauses::new(t, Span::new(0, t.len()), std::iter::empty());
        assert_eq!(c, Clauses::default());
        assert_eq!(c.mask_at(3), 1);
    }
}
