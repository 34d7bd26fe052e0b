//! Function words that say nothing about what a sentence reports, for French and
//! English, read once from the lists embedded from `assets/stopwords/`.

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

/// True when the folded word is a function word of the language; for a language without
/// a list, of either list.
pub fn is_stopword(folded: &str, lang: &str) -> bool {
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
}
