//! The word lists an analysis uses beyond those built in: the user's gazetteer entries
//! (a newsroom's people and organisations) and stopwords. They are one value, handed to
//! the analysis, and its fingerprint is part of every cache key of what the analysis
//! makes, so a stored analysis is never taken for one made with other lists.

use crate::cache::KeyHasher;
use crate::entities::gazetteer::{self, Gazetteer, UserEntry};
use crate::text::stopwords::Stopwords;
use std::sync::OnceLock;

/// The user's word lists, with the fingerprint of their contents.
#[derive(Debug)]
pub struct Lexicon {
    gazetteer: Vec<UserEntry>,
    stopwords: Vec<String>,
    fingerprint: String,
    /// The gazetteer with the user's entries, made on first use.
    names: OnceLock<Gazetteer>,
    words: Stopwords,
}

impl Clone for Lexicon {
    fn clone(&self) -> Lexicon {
        Lexicon::new(self.gazetteer.clone(), self.stopwords.clone())
    }
}

impl Default for Lexicon {
    /// The built-in lists alone.
    fn default() -> Lexicon {
        Lexicon::new(Vec::new(), Vec::new())
    }
}

impl Lexicon {
    /// The built-in lists with the user's gazetteer `entries` and (folded) `stopwords`.
    pub fn new(gazetteer: Vec<UserEntry>, stopwords: Vec<String>) -> Lexicon {
        let words = Stopwords::new(stopwords.iter().cloned());
        let mut lexicon = Lexicon {
            gazetteer,
            stopwords,
            fingerprint: String::new(),
            names: OnceLock::new(),
            words,
        };
        lexicon.fingerprint = lexicon.digest();
        lexicon
    }

    /// The same lists with `stopwords` added.
    pub fn with_stopwords(self, stopwords: Vec<String>) -> Lexicon {
        let mut all = self.stopwords;
        all.extend(stopwords);
        Lexicon::new(self.gazetteer, all)
    }

    /// The user's gazetteer entries.
    pub fn gazetteer(&self) -> &[UserEntry] {
        &self.gazetteer
    }

    /// The user's stopwords, folded.
    pub fn stopwords(&self) -> &[String] {
        &self.stopwords
    }

    /// The gazetteer the analysis recognises names with: the built-in lists, with the
    /// user's entries first when there are some.
    pub fn names(&self) -> &Gazetteer {
        if self.gazetteer.is_empty() {
            return gazetteer::builtin();
        }
        self.names
            .get_or_init(|| gazetteer::with_user(&self.gazetteer))
    }

    /// The function words: the built-in lists and the user's.
    pub fn words(&self) -> &Stopwords {
        &self.words
    }

    /// A digest of every entry and word, in order: equal for equal lists.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    fn digest(&self) -> String {
        let mut h = KeyHasher::new();
        h.line("gazetteer");
        for e in &self.gazetteer {
            let line = format!("{}\t{}\t{}", e.name, e.kind.label(), e.aliases.join("|"));
            h.line(&line);
        }
        h.line("").line("stopwords");
        for w in &self.stopwords {
            h.line(w);
        }
        h.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::Kind;

    #[test]
    fn the_fingerprint_follows_every_entry_and_word() {
        let entry = |name: &str| UserEntry {
            name: name.into(),
            kind: Kind::Org,
            aliases: vec!["X".into()],
        };
        let plain = Lexicon::default();
        let one = Lexicon::new(vec![entry("Acme")], Vec::new());
        assert_ne!(plain.fingerprint(), one.fingerprint());
        assert_eq!(
            one.fingerprint(),
            Lexicon::new(vec![entry("Acme")], Vec::new()).fingerprint()
        );
        assert_ne!(
            one.fingerprint(),
            Lexicon::new(vec![entry("Acne")], Vec::new()).fingerprint()
        );
        // A word as a stopword is not the same list as the word as an entry.
        let word = Lexicon::default().with_stopwords(vec!["acme".into()]);
        assert_ne!(word.fingerprint(), plain.fingerprint());
        assert_ne!(word.fingerprint(), one.fingerprint());
    }
}
