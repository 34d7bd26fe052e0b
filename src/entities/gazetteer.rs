//! Word lists that recognition leans on: well-known organisations, media, products,
//! places, people and events with their other names, first names, demonyms, head words
//! and suffixes of organisation names, and capitalised common words that are not names.
//! They are plain-text files under `assets/gazetteers/`, embedded in the binary and parsed
//! once into hashed tables on first use.

use super::Kind;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// One known entity of the lists.
#[derive(Debug, Clone, PartialEq)]
pub struct Known {
    pub name: String,
    pub kind: Kind,
}

/// Where an alias of the lists points, and whether it has lowercase words ("Coupe du monde").
#[derive(Debug, Clone, Copy)]
struct AliasEntry {
    known: usize,
    has_lower: bool,
    /// All capitals ("CES", "UN"): matches only text in capitals, never "Ces" or "Un".
    acronym: bool,
}

/// All the lists, parsed.
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub known: Vec<Known>,
    aliases: HashMap<String, AliasEntry>,
    first_words: HashSet<String>,
    /// Most words in an alias.
    pub max_words: usize,
    first_names: HashSet<String>,
    demonyms: HashSet<String>,
    stopwords: HashSet<String>,
    org_heads: HashSet<String>,
    loc_heads: HashSet<String>,
    org_suffixes: HashSet<String>,
}

const LISTS: [(Kind, &str); 7] = [
    (
        Kind::Org,
        include_str!("../../assets/gazetteers/organisations.txt"),
    ),
    (Kind::Org, include_str!("../../assets/gazetteers/media.txt")),
    (
        Kind::Product,
        include_str!("../../assets/gazetteers/products.txt"),
    ),
    (
        Kind::Loc,
        include_str!("../../assets/gazetteers/places.txt"),
    ),
    (
        Kind::Per,
        include_str!("../../assets/gazetteers/people.txt"),
    ),
    (
        Kind::Event,
        include_str!("../../assets/gazetteers/events.txt"),
    ),
    (
        Kind::Work,
        include_str!("../../assets/gazetteers/works.txt"),
    ),
];

/// The gazetteer, parsed on first use.
pub fn get() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(build)
}

fn lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn word_set(src: &str) -> HashSet<String> {
    lines(src)
        .flat_map(|l| l.split(',').map(str::trim))
        .filter(|w| !w.is_empty())
        .map(compact)
        .collect()
}

fn build() -> Gazetteer {
    let mut g = Gazetteer {
        first_names: word_set(include_str!("../../assets/gazetteers/first_names.txt")),
        demonyms: word_set(include_str!("../../assets/gazetteers/demonyms.txt")),
        stopwords: word_set(include_str!("../../assets/gazetteers/stopwords.txt")),
        org_heads: word_set(include_str!("../../assets/gazetteers/org_heads.txt")),
        loc_heads: word_set(include_str!("../../assets/gazetteers/loc_heads.txt")),
        org_suffixes: word_set(include_str!("../../assets/gazetteers/org_suffixes.txt")),
        ..Gazetteer::default()
    };
    for (kind, src) in LISTS {
        for line in lines(src) {
            let mut names = line.split('|').map(str::trim).filter(|n| !n.is_empty());
            let Some(name) = names.next() else { continue };
            let id = g.known.len();
            g.known.push(Known {
                name: name.to_owned(),
                kind,
            });
            g.add_alias(name, id);
            for alias in names {
                g.add_alias(alias, id);
            }
        }
    }
    g
}

impl Gazetteer {
    fn add_alias(&mut self, alias: &str, known: usize) {
        let words: Vec<&str> = alias.split_whitespace().collect();
        let Some(first) = words.first() else { return };
        self.first_words.insert(compact(first));
        if let Some(part) = first.split(['-', '\'', '’']).next() {
            self.first_words.insert(compact(part));
        }
        self.max_words = self.max_words.max(words.len() + 1);
        let has_lower = words
            .iter()
            .skip(1)
            .any(|w| w.chars().next().is_some_and(char::is_lowercase) && !is_connector(w));
        let letters = alias.chars().filter(|c| c.is_alphabetic());
        let acronym = letters.clone().count() >= 2 && letters.clone().all(char::is_uppercase);
        self.aliases.entry(compact(alias)).or_insert(AliasEntry {
            known,
            has_lower,
            acronym,
        });
    }

    /// The known entity with this name or alias, if any. `case` tells how the text is
    /// written: a lowercase text word only matches an alias with a lowercase word there
    /// too, and an acronym alias only matches text in capitals.
    pub fn lookup(&self, key: &str, case: Case) -> Option<usize> {
        let e = self.aliases.get(key)?;
        let ok = (case.all_capitalised || e.has_lower) && (case.upper || !e.acronym);
        ok.then_some(e.known)
    }

    /// True when some alias starts with this word (compact form).
    pub fn starts_alias(&self, word_key: &str) -> bool {
        self.first_words.contains(word_key)
    }

    /// A common first name ("patricia", "mark").
    pub fn is_first_name(&self, key: &str) -> bool {
        self.first_names.contains(key)
    }
    /// A nationality word ("britanniques", "american"): never a name.
    pub fn is_demonym(&self, key: &str) -> bool {
        self.demonyms.contains(key)
    }
    /// A capitalised common word that is not a name on its own (Les, Pour, Lundi, CEO).
    pub fn is_stopword(&self, key: &str) -> bool {
        self.stopwords.contains(key)
    }
    /// A word that heads an organisation's name ("Banque", "University").
    pub fn is_org_head(&self, key: &str) -> bool {
        self.org_heads.contains(key)
    }
    /// A word that heads a place's name ("Rue", "Lake").
    pub fn is_loc_head(&self, key: &str) -> bool {
        self.loc_heads.contains(key)
    }
    /// A word that ends an organisation's name ("Inc", "Bancorp", "Group").
    pub fn is_org_suffix(&self, key: &str) -> bool {
        self.org_suffixes.contains(key)
    }
}

/// How a text is capitalised, for [`Gazetteer::lookup`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Case {
    /// Every word (but connectors) starts with a capital or a digit.
    pub all_capitalised: bool,
    /// All its letters are capitals.
    pub upper: bool,
}

impl Case {
    /// The case of a text.
    pub fn of(text: &str) -> Case {
        let all_capitalised = text.split_whitespace().all(|w| {
            is_connector(&w.to_lowercase())
                || !w.chars().next().is_some_and(char::is_lowercase)
                || w.chars().any(char::is_uppercase)
        });
        let upper = !text.chars().any(char::is_lowercase);
        Case {
            all_capitalised,
            upper,
        }
    }
}

/// Lowercase words that may join capitalised words into one name.
pub fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "de" | "du"
            | "des"
            | "d'"
            | "d’"
            | "of"
            | "the"
            | "la"
            | "le"
            | "l'"
            | "l’"
            | "&"
            | "von"
            | "van"
            | "der"
            | "den"
            | "del"
            | "della"
            | "di"
            | "da"
            | "dos"
            | "y"
            | "al"
            | "bin"
            | "upon"
            | "sur"
            | "en"
    )
}

/// The comparison key of a name: folded, letters and digits only ("U.S. Bancorp" →
/// "usbancorp", "JP Morgan" → "jpmorgan", "France-Presse" → "francepresse").
pub fn compact(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        out.extend(
            s.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase()),
        );
    } else {
        out.extend(crate::text::fold(s).chars().filter(|c| c.is_alphanumeric()));
    }
    out
}

/// Folded words of a name, without punctuation ("Agence France-Presse" → agence, france, presse).
pub fn folded_words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || matches!(c, '-' | '‑' | '\'' | '’'))
        .map(compact)
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_keys_ignore_case_dots_spaces_accents() {
        assert_eq!(compact("U.S. Bancorp"), "usbancorp");
        assert_eq!(compact("JP Morgan"), compact("JPMorgan"));
        assert_eq!(compact("Société Générale"), "societegenerale");
        assert_eq!(
            folded_words("Agence France-Presse"),
            ["agence", "france", "presse"]
        );
    }

    #[test]
    fn lists_load_and_answer() {
        let g = get();
        let citi = g
            .lookup("citibank", Case::of("Citibank"))
            .expect("Citibank is listed");
        assert_eq!(g.known[citi].name, "Citigroup");
        assert_eq!(g.known[citi].kind, Kind::Org);
        assert!(g
            .lookup("coupedumonde", Case::of("Coupe du monde"))
            .is_some());
        let monde = g
            .lookup("lemonde", Case::of("Le Monde"))
            .expect("Le Monde is listed");
        assert_eq!(
            g.lookup("lemonde", Case::of("Le monde")),
            None,
            "le monde is not Le Monde"
        );
        assert_eq!(g.lookup("ces", Case::of("Ces")), None, "Ces is not CES");
        assert!(g.lookup("ces", Case::of("CES")).is_some());
        assert_eq!(g.known[monde].kind, Kind::Org);
        assert!(g.is_first_name("patricia"));
        assert!(g.is_demonym("britanniques"));
        assert!(g.is_stopword("lundi") && g.is_stopword("cette"));
        assert!(g.is_org_head("banque"));
        assert!(g.starts_alias("wall"));
    }
}
