//! Function words that say nothing about what a sentence reports, for French and
//! English, read once from the lists embedded from `assets/stopwords/`, plus the user's own
//! words (any language) in a [`Stopwords`] value handed to the analysis.

use super::fold;
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

/// The built-in lists and the user's own (folded) words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stopwords {
    user: HashSet<String>,
}

impl Stopwords {
    /// The built-in lists with the user's (folded) `words`.
    pub fn new(words: impl IntoIterator<Item = String>) -> Stopwords {
        Stopwords {
            user: words.into_iter().collect(),
        }
    }

    /// The built-in lists alone.
    pub fn builtin() -> &'static Stopwords {
        static NONE: OnceLock<Stopwords> = OnceLock::new();
        NONE.get_or_init(Stopwords::default)
    }

    /// True when the folded word is a function word of the language or one of the user's
    /// stopwords; for a language without a list, of either list.
    pub fn contains(&self, folded: &str, lang: &str) -> bool {
        self.user.contains(folded) || is_listed(folded, lang)
    }
}

/// The words of a user's stopword file (one a line, `#` comments), folded.
pub fn parse_user_stopwords(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(fold)
        .collect()
}

/// True when the folded word is a function word of the language in the built-in lists; for
/// a language without a list, of either list.
pub fn is_stopword(folded: &str, lang: &str) -> bool {
    is_listed(folded, lang)
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
    fn user_words_are_folded_and_belong_to_their_value_only() {
        let words = parse_user_stopwords("# ours\nSelon\n  Également \n\nreportedly\n");
        assert_eq!(words, ["selon", "egalement", "reportedly"]);
        let user = Stopwords::new(words);
        assert!(user.contains("egalement", "fr"));
        assert!(user.contains("reportedly", "en"));
        assert!(user.contains("the", "en"));
        assert!(!user.contains("banque", "fr"));
        assert!(!Stopwords::builtin().contains("reportedly", "en"));
        assert!(!is_stopword("reportedly", "en"));
    }
}
