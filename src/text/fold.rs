//! Word folding for comparison: lowercase, accents removed, typographic apostrophes made
//! plain; and Snowball stemming for the languages that have a stemmer.

use rust_stemmers::Algorithm;
use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
use unicode_normalization::UnicodeNormalization;

/// Lowercase, without diacritics, `’` as `'`, ligatures spelt out ("Œuvre" → "oeuvre").
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    let mut reorder = false;
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            decompose_canonical(c, |d| {
                reorder |= !is_dropped_mark(d) && canonical_combining_class(d) != 0;
                push_folded(&mut out, d);
            });
        }
    }
    if reorder {
        // Marks that stay need the canonical order of a full decomposition.
        out.clear();
        s.nfd().for_each(|c| push_folded(&mut out, c));
    }
    out
}

/// Combining diacritics, which folding drops.
fn is_dropped_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}')
}

/// Appends the folded form of one decomposed character.
fn push_folded(out: &mut String, c: char) {
    match c {
        c if is_dropped_mark(c) => {}
        '’' | 'ʼ' | '‘' => out.push('\''),
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        c => out.extend(c.to_lowercase()),
    }
}

/// A Snowball stemmer for a language code; words of other languages are left as they are.
pub struct Stemmer(Option<rust_stemmers::Stemmer>);

impl Stemmer {
    pub fn for_language(code: &str) -> Stemmer {
        let alg = match code {
            "fr" => Some(Algorithm::French),
            "en" => Some(Algorithm::English),
            "de" => Some(Algorithm::German),
            "es" => Some(Algorithm::Spanish),
            "it" => Some(Algorithm::Italian),
            "pt" => Some(Algorithm::Portuguese),
            "nl" => Some(Algorithm::Dutch),
            _ => None,
        };
        Stemmer(alg.map(rust_stemmers::Stemmer::create))
    }

    /// Stem of an already folded word.
    pub fn stem(&self, folded: &str) -> String {
        match &self.0 {
            Some(s) => s.stem(folded).into_owned(),
            None => folded.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_apostrophes() {
        assert_eq!(fold("Données d’Élysée Œuvre"), "donnees d'elysee oeuvre");
    }

    /// Folding by a full decomposition, as the short paths must agree with.
    fn fold_nfd(s: &str) -> String {
        let mut out = String::new();
        s.nfd().for_each(|c| push_folded(&mut out, c));
        out
    }

    #[test]
    fn short_paths_agree_with_full_decomposition() {
        for s in [
            "PARIS Paris",
            "Ça coûte cher à Zürich, Straße",
            "e\u{301}te\u{301}", // marks already apart
            "a\u{591}\u{5B0}b",  // kept marks out of canonical order
            "Ångström ﬁ Ǆ İstanbul 한국",
            "",
        ] {
            assert_eq!(fold(s), fold_nfd(s), "{s:?}");
        }
        assert_eq!(fold("a\u{591}\u{5B0}"), "a\u{5B0}\u{591}");
    }

    #[test]
    fn stems_french_and_english() {
        let fr = Stemmer::for_language("fr");
        assert_eq!(fr.stem("banques"), fr.stem("banque"));
        let en = Stemmer::for_language("en");
        assert_eq!(en.stem("customers"), en.stem("customer"));
        assert_eq!(Stemmer::for_language("und").stem("mots"), "mots");
    }
}
