//! Word folding for comparison: lowercase, accents removed, typographic apostrophes made
//! plain; and Snowball stemming for the languages that have a stemmer.

use rust_stemmers::Algorithm;
use unicode_normalization::UnicodeNormalization;

/// Lowercase, without diacritics, `’` as `'`, ligatures spelt out ("Œuvre" → "oeuvre").
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        match c {
            '\u{300}'..='\u{36F}' => {}
            '’' | 'ʼ' | '‘' => out.push('\''),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
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

    #[test]
    fn stems_french_and_english() {
        let fr = Stemmer::for_language("fr");
        assert_eq!(fr.stem("banques"), fr.stem("banque"));
        let en = Stemmer::for_language("en");
        assert_eq!(en.stem("customers"), en.stem("customer"));
        assert_eq!(Stemmer::for_language("und").stem("mots"), "mots");
    }
}
