//! Word lists that recognition leans on: well-known organisations, media, products,
//! places, people and events with their other names, first names, demonyms, head words
//! and suffixes of organisation names, and capitalised common words that are not names.
//! They are plain-text files under `assets/gazetteers/`, embedded in the binary and parsed
//! once into hashed tables on first use ([`builtin`]). A user's own lists (a newsroom's
//! people and organisations) make a gazetteer of their own ([`with_user`]), handed to the
//! analysis as a value, in which they take precedence.

use super::Kind;
use foldhash::{HashMap, HashSet};
use std::sync::OnceLock;

/// One known entity of the lists.
#[derive(Debug, Clone, PartialEq)]
pub struct Known {
    pub name: String,
    pub kind: Kind,
    /// From one of the user's gazetteer files.
    pub user: bool,
}

/// One entry of a user's gazetteer file: `Name<TAB>KIND<TAB>alias|alias`.
#[derive(Debug, Clone, PartialEq)]
pub struct UserEntry {
    pub name: String,
    pub kind: Kind,
    pub aliases: Vec<String>,
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
    /// The alias keys in order, to tell whether a key can still grow into one.
    sorted_keys: Vec<String>,
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

static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();

/// The embedded lists, parsed on first use.
pub fn builtin() -> &'static Gazetteer {
    BUILTIN.get_or_init(parse_embedded)
}

/// The embedded lists with the user's `entries`, which take precedence over them.
pub fn with_user(entries: &[UserEntry]) -> Gazetteer {
    build_with(entries.to_vec())
}

/// Parses a user gazetteer file: lines `Name<TAB>KIND<TAB>alias|alias` (aliases optional;
/// KIND one of PER, ORG, LOC, PRODUCT, EVENT, WORK, MISC; `#` starts a comment line).
/// Returns the good entries and, for each bad line, its number (from 1) and the fault.
pub fn parse_user(text: &str) -> (Vec<UserEntry>, Vec<(usize, String)>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        match parse_user_line(line) {
            Ok(e) => entries.push(e),
            Err(fault) => errors.push((n + 1, fault)),
        }
    }
    (entries, errors)
}

fn parse_user_line(line: &str) -> Result<UserEntry, String> {
    let mut cols = line.split('\t').map(str::trim);
    let name = cols.next().filter(|n| !n.is_empty()).ok_or("no name")?;
    let kind = cols.next().ok_or("no kind after a tab")?;
    let kind = name_kind(kind).ok_or_else(|| format!("unknown kind {kind:?}"))?;
    let aliases = cols
        .next()
        .unwrap_or("")
        .split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect();
    if cols.next().is_some() {
        return Err("more than three tab-separated columns".into());
    }
    Ok(UserEntry {
        name: name.to_owned(),
        kind,
        aliases,
    })
}

/// The name kind labelled `label` (any case); figures are not names.
fn name_kind(label: &str) -> Option<Kind> {
    Kind::NAMES
        .into_iter()
        .find(|k| k.label().eq_ignore_ascii_case(label))
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

/// The embedded lists alone, parsed afresh: what the first [`builtin`] costs at start-up.
pub fn parse_embedded() -> Gazetteer {
    build_with(Vec::new())
}

fn build_with(user: Vec<UserEntry>) -> Gazetteer {
    let mut g = Gazetteer {
        first_names: word_set(include_str!("../../assets/gazetteers/first_names.txt")),
        demonyms: word_set(include_str!("../../assets/gazetteers/demonyms.txt")),
        stopwords: word_set(include_str!("../../assets/gazetteers/stopwords.txt")),
        org_heads: word_set(include_str!("../../assets/gazetteers/org_heads.txt")),
        loc_heads: word_set(include_str!("../../assets/gazetteers/loc_heads.txt")),
        org_suffixes: word_set(include_str!("../../assets/gazetteers/org_suffixes.txt")),
        ..Gazetteer::default()
    };
    for e in user {
        let id = g.known.len();
        g.add_alias(&e.name, id);
        for alias in &e.aliases {
            g.add_alias(alias, id);
        }
        g.known.push(Known {
            name: e.name,
            kind: e.kind,
            user: true,
        });
    }
    for (kind, src) in LISTS {
        for line in lines(src) {
            let mut names = line.split('|').map(str::trim).filter(|n| !n.is_empty());
            let Some(name) = names.next() else { continue };
            let id = g.known.len();
            g.known.push(Known {
                name: name.to_owned(),
                kind,
                user: false,
            });
            g.add_alias(name, id);
            for alias in names {
                g.add_alias(alias, id);
            }
        }
    }
    g.sorted_keys = g.aliases.keys().cloned().collect();
    g.sorted_keys.sort_unstable();
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

    /// True when some name or alias has this key, whatever its case.
    pub fn is_alias(&self, key: &str) -> bool {
        self.aliases.contains_key(key)
    }

    /// True when some alias key starts with `key`: a longer name may still match.
    pub fn is_alias_prefix(&self, key: &str) -> bool {
        let k = self.sorted_keys.partition_point(|a| a.as_str() < key);
        self.sorted_keys.get(k).is_some_and(|a| a.starts_with(key))
    }

    /// Why a name joins the known entity `k`: its list says so.
    pub fn join_reason(&self, k: usize) -> String {
        match self.known.get(k) {
            Some(known) if known.user => "your gazetteer".to_owned(),
            Some(known) => format!("listed as a name of {}", known.name),
            None => "listed".to_owned(),
        }
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

/// [`is_connector`] of a word in any case ("De", "OF"); short ASCII words are lowered
/// without allocating.
pub fn is_connector_word(w: &str) -> bool {
    let mut buf = [0u8; 8];
    if w.is_ascii() {
        let Some(b) = buf.get_mut(..w.len()) else {
            return false; // longer than any connector
        };
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        return is_connector(std::str::from_utf8(b).unwrap_or_default());
    }
    is_connector(&w.to_lowercase())
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
    fn user_lines_parse_and_bad_ones_are_numbered() {
        let text = "# newsroom list\nZorblax Industries\tORG\tZorblax|ZBX\n\
                    Jane Q. Public\tper\nNobody\tPERSON\tX\nOnly a name\n";
        let (entries, errors) = parse_user(text);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].name, "Zorblax Industries");
        assert_eq!(entries[0].kind, Kind::Org);
        assert_eq!(entries[0].aliases, ["Zorblax", "ZBX"]);
        assert_eq!(entries[1].kind, Kind::Per);
        assert!(entries[1].aliases.is_empty());
        let lines: Vec<usize> = errors.iter().map(|e| e.0).collect();
        assert_eq!(lines, [4, 5]);
        assert!(errors[0].1.contains("PERSON"), "{errors:?}");
    }

    #[test]
    fn user_entries_come_first_and_say_where_they_are_from() {
        let (entries, _) =
            parse_user("Zorblax Industries\tORG\tZorblax\nCiti Bike\tPRODUCT\tCitibank");
        let g = build_with(entries);
        let z = g
            .lookup("zorblax", Case::of("Zorblax"))
            .expect("user alias");
        assert_eq!(g.known[z].name, "Zorblax Industries");
        assert_eq!(g.join_reason(z), "your gazetteer");
        let c = g.lookup("citibank", Case::of("Citibank")).unwrap();
        assert_eq!(g.known[c].kind, Kind::Product, "the user's list wins");
        assert!(g.lookup("citigroup", Case::of("Citigroup")).is_some());
        assert!(g
            .join_reason(g.lookup("citigroup", Case::of("Citigroup")).unwrap())
            .starts_with("listed"));
    }

    #[test]
    fn connectors_in_any_case() {
        for w in ["de", "De", "OF", "d’", "D’", "Della", "&"] {
            assert!(is_connector_word(w), "{w}");
        }
        for w in ["dé", "Deux", "offshore", "averyveryverylongword", ""] {
            assert!(!is_connector_word(w), "{w}");
        }
    }

    #[test]
    fn alias_prefixes() {
        let g = builtin();
        assert!(g.is_alias("facebook") && g.is_alias_prefix("faceb"));
        assert!(g.is_alias_prefix("facebook"));
        assert!(!g.is_alias_prefix("facebookzz"));
        assert!(!g.is_alias("faceb"));
    }

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
        let g = builtin();
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
