//! Term ids for words, computed once per distinct written form: folding, elision removal,
//! the stopword test, stemming and interning run on the first occurrence of a word only,
//! so extracting features costs about one hash look-up per word of the corpus.

use super::features::TermKind;
use crate::text::stopwords::Stopwords;
use crate::text::{fold, Stemmer};
use hashbrown::HashTable;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast hash for short keys made by the program (word forms, term keys): the maps
/// below are hit once per word of the corpus, where a keyed hash against flooding is
/// most of the cost and buys nothing (a flood could only slow one analysis down).
#[derive(Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes at a time, the last ones zero-padded, without a call to copy them.
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let tail =
                (rest.iter().enumerate()).fold(0u64, |x, (i, &b)| x | u64::from(b) << (8 * i));
            self.add(tail);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl WordHasher {
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub(super) type Fast = BuildHasherDefault<WordHasher>;

/// Letters of a word's prefix feature; shorter words have none.
const PREFIX_LETTERS: usize = 6;

/// Dense ids for term keys, with their kinds and keys. The keys are kept end to end in
/// one string and the table holds only ids: interning a key costs no allocation of its
/// own, and a key is stored once.
#[derive(Default)]
pub struct Interner {
    table: HashTable<u32>,
    text: String,
    ends: Vec<u32>,
    pub kinds: Vec<TermKind>,
    key: String,
}

impl Interner {
    /// The id of `key`, new if unseen.
    pub fn id(&mut self, key: &str, kind: TermKind) -> u32 {
        let hash = hash_of(key);
        let Interner {
            table, text, ends, ..
        } = self;
        let name = |id: u32| name_in(text, ends, id);
        if let Some(&id) = table.find(hash, |&id| name(id) == key) {
            return id;
        }
        let id = self.kinds.len() as u32;
        table.insert_unique(hash, id, |&id| hash_of(name_in(text, ends, id)));
        text.push_str(key);
        ends.push(text.len() as u32);
        self.kinds.push(kind);
        id
    }

    /// The key of term `id`.
    pub fn name(&self, id: u32) -> &str {
        name_in(&self.text, &self.ends, id)
    }

    /// The id of the content word `word` (a "w:" key) as a word of an attribution clause:
    /// made only for the words met inside one, a few in a hundred.
    pub fn cited(&mut self, word: u32) -> u32 {
        self.id_built(TermKind::Attribution, |this, key| {
            key.push_str("a:");
            key.push_str(&this.name(word)[2..]);
        })
    }

    /// The id of the key `head` followed by `tail`, built without allocating when the
    /// key is known.
    pub fn id_of(&mut self, head: &str, tail: &str, kind: TermKind) -> u32 {
        self.id_built(kind, |_, key| {
            key.push_str(head);
            key.push_str(tail);
        })
    }

    /// The id of the key `build` writes, in a buffer kept from one call to the next.
    fn id_built(&mut self, kind: TermKind, build: impl FnOnce(&Self, &mut String)) -> u32 {
        let mut key = std::mem::take(&mut self.key);
        key.clear();
        build(self, &mut key);
        let id = self.id(&key, kind);
        self.key = key;
        id
    }
}

/// Key `id` of keys stored end to end in `text`, ending at `ends`.
fn name_in<'a>(text: &'a str, ends: &[u32], id: u32) -> &'a str {
    let i = id as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    &text[start..ends[i] as usize]
}

/// The hash of a key, mixed at the end as a map's would be (`str` hashes a last byte):
/// the table places keys by the low bits, which the last multiplication alone leaves
/// poorly spread.
fn hash_of(key: &str) -> u64 {
    let mut h = WordHasher::default();
    h.write(key.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

/// What a written word contributes.
#[derive(Debug, Clone, Copy)]
pub struct WordTerms {
    /// Index of the folded form in [`Vocabulary::folded`].
    pub folded: u32,
    /// The stem as a content word, None for function words and numbers.
    pub word: Option<u32>,
    /// The first letters of a long word.
    pub prefix: Option<u32>,
}

/// Word forms seen so far, per language (a corpus has one or two: each has its map, so
/// a look-up hashes and compares the word alone).
#[derive(Default)]
pub struct Vocabulary<'t> {
    forms: Vec<(&'t str, HashMap<&'t str, WordTerms, Fast>)>,
    pub folded: Vec<String>,
}

impl<'t> Vocabulary<'t> {
    /// The terms of the written word `raw` in language `lang`.
    pub fn terms(
        &mut self,
        raw: &'t str,
        lang: &'t str,
        stemmer: &Stemmer,
        interner: &mut Interner,
        words: &Stopwords,
    ) -> WordTerms {
        let known = match self.forms.iter().position(|(l, _)| *l == lang) {
            Some(k) => k,
            None => {
                self.forms.push((lang, HashMap::default()));
                self.forms.len() - 1
            }
        };
        if let Some(&t) = self.forms[known].1.get(raw) {
            return t;
        }
        let folded = fold(raw);
        let content = content_form(&folded, lang, words);
        let stem = content.map(|w| stemmer.stem(w));
        let word = stem
            .as_ref()
            .map(|s| interner.id_of("w:", s, TermKind::Word));
        let prefix = content
            .and_then(prefix)
            .map(|p| interner.id_of("p:", &p, TermKind::Prefix));
        let t = WordTerms {
            folded: self.folded.len() as u32,
            word,
            prefix,
        };
        self.folded.push(folded);
        self.forms[known].1.insert(raw, t);
        t
    }
}

/// The part of a folded word worth comparing, or None for function words (of `words`),
/// numbers and single letters. French elisions ("l'", "qu'") and the English "'s" are
/// dropped.
pub fn content_form<'w>(folded: &'w str, lang: &str, words: &Stopwords) -> Option<&'w str> {
    let mut w = folded;
    if let Some(k) = w.rfind('\'') {
        let (head, tail) = (&w[..k], &w[k + 1..]);
        w = if tail == "s" || tail.is_empty() {
            head
        } else if head.len() <= 6 {
            tail
        } else {
            w
        };
    }
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || w.chars().any(|c| c.is_ascii_digit()) || words.contains(w, lang) {
        return None;
    }
    Some(w)
}

/// The stem under which a word of the text is compared, or None for a word that is not
/// compared (function words of the built-in lists, numbers, single letters): what the
/// reader highlights as "shared words".
pub fn content_stem(word: &str, lang: &str, stemmer: &crate::text::Stemmer) -> Option<String> {
    let folded = crate::text::fold(word);
    content_form(&folded, lang, Stopwords::builtin()).map(|w| stemmer.stem(w))
}

/// The first letters of a word at least one letter longer than the prefix.
fn prefix(w: &str) -> Option<String> {
    let n = w.chars().count();
    (n > PREFIX_LETTERS && w.chars().all(char::is_alphabetic))
        .then(|| w.chars().take(PREFIX_LETTERS).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(w: &str, lang: &str) -> Option<String> {
        let folded = fold(w);
        content_form(&folded, lang, Stopwords::builtin())
            .map(|c| Stemmer::for_language(lang).stem(c))
    }

    #[test]
    fn content_words_are_folded_stemmed_and_stripped_of_elisions() {
        assert_eq!(stem("L'AFP", "fr"), Some("afp".into()));
        assert_eq!(stem("banques", "fr"), stem("Banque", "fr"));
        assert_eq!(stem("jusqu'à", "fr"), None);
        assert_eq!(stem("les", "fr"), None);
        assert_eq!(stem("2018", "fr"), None);
        assert_eq!(stem("Facebook's", "en"), Some("facebook".into()));
        assert_eq!(stem("the", "en"), None);
    }

    #[test]
    fn derived_forms_share_a_prefix() {
        assert_eq!(prefix("utilisons"), prefix("utilisation"));
        assert_eq!(prefix("publicitaires"), Some("public".into()));
        assert_eq!(prefix("banque"), None);
    }

    #[test]
    fn interned_keys_keep_their_ids_and_names_as_the_table_grows() {
        let mut interner = Interner::default();
        let keys: Vec<String> = (0..5000).map(|i| format!("w:{i}é")).collect();
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(interner.id(k, TermKind::Word), i as u32);
        }
        assert_eq!(interner.id_of("w:", "17é", TermKind::Prefix), 17);
        assert_eq!(interner.kinds[17], TermKind::Word, "the first kind stays");
        for (i, k) in keys.iter().enumerate().step_by(97) {
            assert_eq!(interner.name(i as u32), k);
            assert_eq!(interner.id(k, TermKind::Word), i as u32);
        }
        assert_eq!(interner.id("", TermKind::Word), 5000);
        assert_eq!(interner.name(5000), "");
    }

    #[test]
    fn a_word_form_is_interned_once() {
        let mut interner = Interner::default();
        let mut vocab = Vocabulary::default();
        let fr = Stemmer::for_language("fr");
        let a = vocab.terms("Banques", "fr", &fr, &mut interner, Stopwords::builtin());
        let b = vocab.terms("Banques", "fr", &fr, &mut interner, Stopwords::builtin());
        let c = vocab.terms("banque", "fr", &fr, &mut interner, Stopwords::builtin());
        assert_eq!(a.word, b.word);
        assert_eq!(a.word, c.word);
        assert_eq!(vocab.folded.len(), 2);
        assert!(vocab
            .terms("les", "fr", &fr, &mut interner, Stopwords::builtin())
            .word
            .is_none());
    }
}
