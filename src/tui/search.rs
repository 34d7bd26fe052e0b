//! Search inside the open article, as `less` and vim readers expect: `/` types a query,
//! matches are highlighted as it is typed, `n`/`N` step through them with a count. Matching
//! ignores case and accents ("societe" finds "Société") and answers in byte spans of the
//! original text, so highlighting never disturbs the text.

use crate::text::{fold, Span};

/// A query and its matches in the open article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchState {
    pub query: String,
    /// Matches in text order, never overlapping.
    pub matches: Vec<Span>,
    /// The match the cursor was last moved to.
    pub current: Option<usize>,
}

impl SearchState {
    /// Searches `text` for `query`.
    pub fn new(query: &str, text: &str) -> SearchState {
        SearchState::found(query, find_all(text, query))
    }

    /// A search for `query` with the matches already found.
    pub fn found(query: &str, matches: Vec<Span>) -> SearchState {
        SearchState {
            query: query.to_owned(),
            matches,
            current: None,
        }
    }

    /// Index of the first match starting at or after `pos`, wrapping to the first.
    pub fn first_from(&self, pos: usize) -> Option<usize> {
        if self.matches.is_empty() {
            return None;
        }
        let i = self.matches.partition_point(|m| m.start < pos);
        Some(if i == self.matches.len() { 0 } else { i })
    }

    /// Steps to the next (or previous) match from the current one, wrapping; from `pos`
    /// when there is no current match.
    pub fn step(&mut self, forward: bool, pos: usize) -> Option<Span> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        let i = match (self.current, forward) {
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
            (None, true) => self.first_from(pos)?,
            (None, false) => self
                .matches
                .partition_point(|m| m.start < pos)
                .checked_sub(1)
                .unwrap_or(n - 1),
        };
        self.current = Some(i);
        Some(self.matches[i])
    }

    /// The matches overlapping a byte range, for drawing one line.
    pub fn overlapping(&self, start: usize, end: usize) -> &[Span] {
        let lo = self.matches.partition_point(|m| m.end <= start);
        let hi = self.matches.partition_point(|m| m.start < end);
        &self.matches[lo..hi.max(lo)]
    }
}

/// Every non-overlapping occurrence of `query` in `text`, ignoring case and accents.
pub fn find_all(text: &str, query: &str) -> Vec<Span> {
    FoldedText::new(text).find_all(text, query)
}

/// A text folded for searching, kept so that each key typed in the prompt only scans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoldedText {
    folded: String,
    /// For each byte of `folded`, the start of the character of the text it came from.
    origin: Vec<u32>,
    len: usize,
}

impl FoldedText {
    /// Folds `text` (lowercase, no accents), remembering where each piece came from.
    pub fn new(text: &str) -> FoldedText {
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len() + 1);
        let mut buf = [0u8; 4];
        for (i, c) in text.char_indices() {
            if c.is_ascii() {
                folded.push(c.to_ascii_lowercase());
                origin.push(i as u32);
            } else {
                let f = fold(c.encode_utf8(&mut buf));
                origin.extend(std::iter::repeat_n(i as u32, f.len()));
                folded.push_str(&f);
            }
        }
        origin.push(text.len() as u32);
        FoldedText {
            folded,
            origin,
            len: text.len(),
        }
    }

    /// Every non-overlapping occurrence of `query` in `text` (the text this was made from).
    pub fn find_all(&self, text: &str, query: &str) -> Vec<Span> {
        debug_assert_eq!(text.len(), self.len);
        let needle = fold(query);
        if needle.trim().is_empty() {
            return Vec::new();
        }
        let mut out: Vec<Span> = Vec::new();
        let mut from = 0;
        while let Some(found) = self.folded[from..].find(&needle) {
            let fs = from + found;
            let fe = fs + needle.len();
            let start = self.origin[fs] as usize;
            let end = end_of_char(text, self.origin[fe - 1] as usize);
            if out.last().is_none_or(|m| m.end <= start) {
                out.push(Span::new(start, end));
            }
            from = fe;
        }
        out
    }
}

fn end_of_char(text: &str, start: usize) -> usize {
    start + text[start..].chars().next().map_or(0, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(text: &'a str, q: &str) -> Vec<&'a str> {
        find_all(text, q).iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn ignores_case_and_accents() {
        let t = "La Société générale et la societe.";
        assert_eq!(found(t, "société"), ["Société", "societe"]);
        assert_eq!(found(t, "GENERALE"), ["générale"]);
        assert_eq!(found("Œuvre et oeuvre", "oeuvre"), ["Œuvre", "oeuvre"]);
    }

    #[test]
    fn empty_query_finds_nothing() {
        assert!(find_all("abc", "").is_empty());
        assert!(find_all("abc", " ").is_empty());
    }

    #[test]
    fn stepping_wraps_both_ways() {
        let t = "Messenger, Messenger et Messenger";
        let mut s = SearchState::new("messenger", t);
        assert_eq!(s.matches.len(), 3);
        assert_eq!(s.step(true, 5).map(|m| m.start), Some(11));
        assert_eq!(s.step(true, 0).map(|m| m.start), Some(24));
        assert_eq!(s.step(true, 0).map(|m| m.start), Some(0));
        assert_eq!(s.step(false, 0).map(|m| m.start), Some(24));
        assert_eq!(s.overlapping(12, 14).len(), 1);
        assert_eq!(s.overlapping(9, 11).len(), 0);
    }
}
