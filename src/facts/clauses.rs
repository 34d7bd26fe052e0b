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

/// Most clauses per sentence: later cuts are not made.
pub const MAX_CLAUSES: usize = 8;
/// Fewest content words and figures a clause has; shorter ones merge with the one
/// before.
const MIN_WORDS: usize = 3;

/// Byte offsets (in `text`) where the clauses of the sentence `span` start, the first
/// being `span.start`; at most [`MAX_CLAUSES`]. Every comma followed by a space cuts
/// (not the one of "1,5" or "84,000"): a short piece (an attribution, "au total,") is
/// merged back by [`masks`].
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

/// One occurrence of a term in a sentence.
#[derive(Debug, Clone, Copy)]
pub struct Occurrence {
    pub term: u32,
    /// Byte offset in the article's text.
    pub at: usize,
    /// The occurrence is a content word (counts towards a clause's size).
    pub word: bool,
}

/// The clause mask of each term of `terms` (sorted, unique): bit `i` is set when the
/// term occurs in clause `i` of the sentence. A term without a known occurrence is in
/// every clause. Short clauses are first merged into their neighbour.
pub fn masks(starts: &[usize], occurrences: &mut [Occurrence], terms: &[u32]) -> Vec<u8> {
    let clause_of = |at: usize| starts.partition_point(|&s| s <= at).saturating_sub(1);
    let merged = merge_short(starts.len(), occurrences, clause_of);
    let all = merged.iter().fold(0u8, |m, &c| m | 1 << c);
    occurrences.sort_unstable_by_key(|o| o.term);
    let mut j = 0;
    terms
        .iter()
        .map(|&t| {
            while j < occurrences.len() && occurrences[j].term < t {
                j += 1;
            }
            let mut m = 0u8;
            while j < occurrences.len() && occurrences[j].term == t {
                m |= 1 << merged[clause_of(occurrences[j].at)];
                j += 1;
            }
            if m == 0 {
                all
            } else {
                m
            }
        })
        .collect()
}

/// For each clause, the clause it becomes once clauses of fewer than [`MIN_WORDS`]
/// content words are merged into the previous one (the first into the next), numbered
/// from 0 without gaps.
fn merge_short(
    n: usize,
    occurrences: &[Occurrence],
    clause_of: impl Fn(usize) -> usize,
) -> Vec<usize> {
    let mut words = vec![0usize; n];
    for o in occurrences.iter().filter(|o| o.word) {
        words[clause_of(o.at)] += 1;
    }
    let mut into = vec![0usize; n];
    let mut current = 0;
    let mut started = false;
    for c in 0..n {
        if started && words[c] >= MIN_WORDS {
            current += 1;
        }
        // A short first clause belongs to the next one.
        started |= words[c] >= MIN_WORDS;
        into[c] = current;
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

    fn occ(term: u32, at: usize) -> Occurrence {
        Occurrence {
            term,
            at,
            word: true,
        }
    }

    #[test]
    fn masks_follow_occurrences_and_merge_short_clauses() {
        // Clauses start at 0, 10 and 20: the middle one has one word and joins the first.
        let starts = [0, 10, 20];
        let mut o = vec![
            occ(1, 0),
            occ(2, 2),
            occ(3, 4),
            occ(4, 6),
            occ(5, 12),
            occ(6, 21),
            occ(7, 23),
            occ(8, 25),
            occ(9, 27),
            occ(1, 29),
        ];
        let m = masks(&starts, &mut o, &[1, 2, 5, 6, 42]);
        assert_eq!(m, [0b11, 0b01, 0b01, 0b10, 0b11]);
        assert_eq!(count(&m), 2);
    }

    #[test]
    fn a_short_first_clause_joins_the_next() {
        let starts = [0, 10];
        let mut o: Vec<Occurrence> = [1, 11, 12, 13, 14]
            .iter()
            .map(|&a| occ(a, a as usize))
            .collect();
        let m = masks(&starts, &mut o, &[1, 11]);
        assert_eq!(m, [1, 1]);
        assert_eq!(count(&m), 1);
    }
}
