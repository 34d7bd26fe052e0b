//! Function words that say nothing about what a sentence reports, for French and
//! English, read once from the lists embedded from `assets/stopwords/`, plus the user's own
//! words (any language), handed over before the first use.

use crate::text::fold;
use std::collections::HashSet;
use std::sync::OnceLock;

const FRENCH: &str = include_str!("../../assets/stopwords/fr.txt");
const ENGLISH: &str = include_str!("../../assets/stopwords/en.txt");

fn parse(list: &'static str) -> HashSet<&'static str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

fn french() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| parse(FRENCH))
}

fn english() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| parse(ENGLISH))
}

static USER: OnceLock<HashSet<String>> = OnceLock::new();

/// The words of a user's stopword file (one a line, `#` comments), folded.
pub fn parse_user_stopwords(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(fold)
        .collect()
}

/// Makes these (folded) words stopwords of every language; returns how many, or an error
/// once the lists are in use. Call once, before any analysis.
pub fn set_user_stopwords(words: Vec<String>) -> Result<usize, String> {
    let set: HashSet<String> = words.into_iter().collect();
    let n = set.len();
    USER.set(set)
        .map(|_| n)
        .map_err(|_| "the stopword lists are already in use".to_owned())
}

/// True when the folded word is a function word of the language or one of the user's
/// stopwords; for a language without a list, of either list.
pub fn is_stopword(folded: &str, lang: &str) -> bool {
    is_stopword_with(USER.get_or_init(HashSet::new), folded, lang)
}

fn is_stopword_with(user: &HashSet<String>, folded: &str, lang: &str) -> bool {
    user.contains(folded) || is_listed(folded, lang)
}

fn is_listed(folded: &str, lang: &str) -> bool {
    match lang {
        "fr" => french().contains(folded),
        "en" => english().contains(folded),
        _ => french().contains(folded) || english().contains(folded),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_per_language() {
        assert!(is_stopword("les", "fr"));
        assert!(is_stopword("etaient", "fr"));
        assert!(is_stopword("the", "en"));
        assert!(!is_stopword("son", "en"));
        assert!(is_stopword("son", "fr"));
        assert!(!is_stopword("banque", "fr"));
        assert!(is_stopword("the", "und"));
    }

    #[test]
    fn user_words_are_folded_and_set_only_before_use() {
        let words = parse_user_stopwords("# ours\nSelon\n  Également \n\nreportedly\n");
        assert_eq!(words, ["selon", "egalement", "reportedly"]);
        let user: HashSet<String> = words.iter().cloned().collect();
        assert!(is_stopword_with(&user, "egalement", "fr"));
        assert!(is_stopword_with(&user, "reportedly", "en"));
        assert!(is_stopword_with(&user, "the", "en"));
        assert!(!is_stopword_with(&user, "banque", "fr"));
        assert!(!is_stopword("reportedly", "en"), "not set in this process");
        let _ = is_stopword("les", "fr");
        assert!(set_user_stopwords(words).is_err(), "too late once in use");
    }
}
