//! Context cues for the kind of a name: the words around it. "la banque X", "le journal X"
//! make X an organisation, "l'application X" a product, "la ville de X" a place; an
//! honorific (M., Mrs) or a role ("porte-parole", "président") right before a name, or an
//! apposition after it ("X, porte-parole de Y"), makes it a person, and the Y of "porte-parole
//! de Y" an organisation.

use super::token::Token;
use foldhash::HashMap;
use std::sync::OnceLock;

/// Index of each name kind in a vote array.
pub const PER: usize = 0;
pub const ORG: usize = 1;
pub const LOC: usize = 2;
pub const PRODUCT: usize = 3;
pub const EVENT: usize = 4;

/// Weak evidence of a place: a mention right after "à" or "in" (counted, not weighed).
pub const AFTER_PREPOSITION: usize = 7;

/// Evidence of a name of no particular kind: a reporting verb follows it ("Voltra said",
/// "Dupont a déclaré"), so it is someone or some body that speaks (counted, not weighed).
pub const SPEAKER: usize = 8;

/// Evidence for each name kind (PER, ORG, LOC, PRODUCT, EVENT, WORK, MISC), then the count
/// of mentions after a place preposition and of mentions that speak.
pub type Votes = [f32; 9];

const HONORIFICS: [&str; 18] = [
    "m", "mme", "mmes", "mlle", "mr", "mrs", "ms", "dr", "pr", "sir", "lord", "lady", "dame",
    "madame", "monsieur", "me", "prof", "mister",
];

const ROLES: [&str; 62] = [
    "porte-parole",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "président",
    "présidente",
    "president",
    "pdg",
    "ceo",
    "cfo",
    "coo",
    "directeur",
    "directrice",
    "director",
    "ministre",
    "minister",
    "secrétaire",
    "secretary",
    "fondateur",
    "fondatrice",
    "founder",
    "cofondateur",
    "co-founder",
    "chairman",
    "chairwoman",
    "chair",
    "chef",
    "chief",
    "patron",
    "patronne",
    "député",
    "députée",
    "sénateur",
    "sénatrice",
    "senator",
    "maire",
    "mayor",
    "juge",
    "judge",
    "avocat",
    "avocate",
    "lawyer",
    "attorney",
    "analyste",
    "analyst",
    "économiste",
    "economist",
    "professeur",
    "professor",
    "journaliste",
    "journalist",
    "auteur",
    "author",
    "candidat",
    "candidate",
    "gouverneur",
    "governor",
    "dirigeant",
    "dirigeante",
    "responsable",
    "executive",
    "conspirationniste",
];

const ORG_CUES: [&str; 50] = [
    "banque",
    "bank",
    "cabinet",
    "société",
    "groupe",
    "group",
    "entreprise",
    "company",
    "firme",
    "firm",
    "start-up",
    "startup",
    "compagnie",
    "constructeur",
    "opérateur",
    "journal",
    "quotidien",
    "newspaper",
    "hebdomadaire",
    "magazine",
    "chaîne",
    "channel",
    "radio",
    "agence",
    "agency",
    "fonds",
    "fund",
    "assureur",
    "insurer",
    "association",
    "syndicat",
    "union",
    "parti",
    "party",
    "club",
    "équipe",
    "team",
    "université",
    "university",
    "lender",
    "retailer",
    "carmaker",
    "géant",
    "giant",
    "filiale",
    "subsidiary",
    "régulateur",
    "regulator",
    "ong",
    "broker",
];

const PRODUCT_CUES: [&str; 20] = [
    "application",
    "appli",
    "app",
    "service",
    "plateforme",
    "platform",
    "messagerie",
    "logiciel",
    "software",
    "jeu",
    "game",
    "smartphone",
    "téléphone",
    "phone",
    "modèle",
    "model",
    "système",
    "navigateur",
    "browser",
    "assistant",
];

const LOC_CUES: [&str; 29] = [
    "préfecture",
    "gare",
    "aéroport",
    "airport",
    "station",
    "ville",
    "city",
    "town",
    "village",
    "pays",
    "country",
    "région",
    "region",
    "état",
    "state",
    "capitale",
    "capital",
    "commune",
    "département",
    "province",
    "quartier",
    "district",
    "île",
    "island",
    "rue",
    "street",
    "avenue",
    "comté",
    "county",
];

const EVENT_CUES: [&str; 6] = [
    "festival",
    "sommet",
    "summit",
    "salon",
    "conférence",
    "conference",
];

/// Roles held over a place: "maire de X" makes X a place.
const MAYORS: [&str; 8] = [
    "maire",
    "mayor",
    "préfet",
    "préfète",
    "gouverneur",
    "governor",
    "bourgmestre",
    "élus",
];

/// Words skipped when looking back from a name for a cue.
const FILLERS: [&str; 14] = [
    "de", "du", "des", "d'", "d’", "l'", "l’", "la", "le", "les", "the", "a", "an", "of",
];

/// A token in lowercase with `’` as `'`; short ASCII words stay on the stack.
fn lower(text: &str, t: &Token) -> Lower {
    let w = &text[t.span.range()];
    let mut buf = [0u8; 24];
    if w.is_ascii() && w.len() <= buf.len() {
        buf[..w.len()].copy_from_slice(w.as_bytes());
        buf[..w.len()].make_ascii_lowercase();
        return Lower::Short(buf, w.len());
    }
    let w = w.to_lowercase();
    Lower::Long(if w.contains('’') {
        w.replace('’', "'")
    } else {
        w
    })
}

/// See [`lower`].
enum Lower {
    Short([u8; 24], usize),
    Long(String),
}

impl Lower {
    fn as_str(&self) -> &str {
        match self {
            Lower::Short(buf, len) => std::str::from_utf8(&buf[..*len]).unwrap_or_default(),
            Lower::Long(s) => s,
        }
    }
}

/// Bits saying which of the lists above hold a word.
const HONORIFIC: u16 = 1;
const ROLE: u16 = 1 << 1;
const ORG_CUE: u16 = 1 << 2;
const PRODUCT_CUE: u16 = 1 << 3;
const LOC_CUE: u16 = 1 << 4;
const EVENT_CUE: u16 = 1 << 5;
const MAYOR: u16 = 1 << 6;
const FILLER: u16 = 1 << 7;
const RELATIVE: u16 = 1 << 8;
const SPEECH_VERB: u16 = 1 << 9;

/// The lists holding a lowercase word, as bits: one hashed lookup instead of a scan of
/// every list for each word around every name.
fn lists(w: &str) -> u16 {
    static TABLE: OnceLock<HashMap<&'static str, u16>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t: HashMap<&'static str, u16> = HashMap::default();
        let all: [(u16, &[&'static str]); 10] = [
            (HONORIFIC, &HONORIFICS),
            (ROLE, &ROLES),
            (ORG_CUE, &ORG_CUES),
            (PRODUCT_CUE, &PRODUCT_CUES),
            (LOC_CUE, &LOC_CUES),
            (EVENT_CUE, &EVENT_CUES),
            (MAYOR, &MAYORS),
            (FILLER, &FILLERS),
            (RELATIVE, &RELATIVES),
            (SPEECH_VERB, &SPEECH),
        ];
        for (bit, list) in all {
            for &word in list {
                *t.entry(word).or_default() |= bit;
            }
        }
        t
    });
    table.get(w).copied().unwrap_or(0)
}

/// Kind votes from the words before and after the name covering `toks[start..end]`.
pub fn votes(text: &str, toks: &[Token], start: usize, end: usize) -> Votes {
    let mut v = Votes::default();
    before(text, toks, start, &mut v);
    after(text, toks, end, &mut v);
    preposition(text, toks, start, &mut v);
    based(text, toks, start, &mut v);
    v
}

/// "Munich-based X", "a London based X": a body that has a seat, an organisation.
fn based(text: &str, toks: &[Token], start: usize, v: &mut Votes) {
    let Some(k) = start.checked_sub(1) else {
        return;
    };
    let w = lower(text, &toks[k]);
    let w = w.as_str();
    if w == "based" || w.ends_with("-based") {
        v[ORG] += 3.0;
    }
}

/// Looks back up to four words for an honorific or a cue word; "de" right before the name
/// ("porte-parole de X") turns a role into evidence that X is an organisation.
fn before(text: &str, toks: &[Token], start: usize, v: &mut Votes) {
    let mut saw_de = false;
    let mut words = 0;
    let mut k = start;
    while k > 0 && words < 4 {
        k -= 1;
        let t = &toks[k];
        if t.shape.punct {
            if text[t.span.range()] == *"." && words == 0 {
                continue; // "M. Dupont", "Dr. Watson"
            }
            return;
        }
        let w = lower(text, t);
        let w = w.as_str();
        let on = lists(w);
        if words == 0 && on & HONORIFIC != 0 {
            v[PER] += 5.0;
            return;
        }
        words += 1;
        if on & FILLER != 0 {
            saw_de |= words <= 2 && matches!(w, "de" | "du" | "des" | "d'" | "of");
            continue;
        }
        if t.shape.cap && !t.shape.elision && words > 1 {
            return;
        }
        if cue(v, on, saw_de) {
            return;
        }
    }
}

/// Records the vote of a cue word on the lists `on`; true when it was one.
fn cue(v: &mut Votes, on: u16, saw_de: bool) -> bool {
    if saw_de && on & MAYOR != 0 {
        v[LOC] += 3.0;
    } else if on & ROLE != 0 {
        v[if saw_de { ORG } else { PER }] += 3.0;
    } else if on & ORG_CUE != 0 {
        if !saw_de {
            v[ORG] += 3.0;
        }
    } else if on & PRODUCT_CUE != 0 {
        if !saw_de {
            v[PRODUCT] += 3.0;
        }
    } else if on & LOC_CUE != 0 {
        v[LOC] += 3.0;
    } else if on & EVENT_CUE != 0 {
        if !saw_de {
            v[EVENT] += 3.0;
        }
    } else {
        return false;
    }
    true
}

/// "X, porte-parole de Y", "X, the company's chief executive": X is a person.
fn after(text: &str, toks: &[Token], end: usize, v: &mut Votes) {
    let Some(comma) = toks.get(end) else { return };
    if &text[comma.span.range()] != "," {
        return;
    }
    for t in toks.iter().skip(end + 1).take(6) {
        let w = lower(text, t);
        let w = w.as_str();
        let on = lists(w);
        if on & ROLE != 0 {
            v[PER] += 3.0;
            return;
        }
        let apostrophe = matches!(w, "'" | "’");
        if t.shape.punct && !apostrophe || on & RELATIVE != 0 {
            return;
        }
    }
}

/// Words that open a relative clause: what follows no longer describes the name itself.
const RELATIVES: [&str; 10] = [
    "qui", "que", "dont", "où", "who", "whose", "which", "that", "where", "lequel",
];

/// Speech verbs: "a déclaré à X", "told X" make X a listener, not a place.
const SPEECH: [&str; 14] = [
    "déclaré",
    "indiqué",
    "dit",
    "confié",
    "précisé",
    "expliqué",
    "affirmé",
    "annoncé",
    "répondu",
    "assuré",
    "écrit",
    "told",
    "wrote",
    "said",
];

/// "à X", "in X": a place, unless a speech verb precedes ("a indiqué à X").
fn preposition(text: &str, toks: &[Token], start: usize, v: &mut Votes) {
    let Some(k) = start.checked_sub(1) else {
        return;
    };
    if !matches!(lower(text, &toks[k]).as_str(), "à" | "in" | "en") {
        return;
    }
    let speech = k
        .checked_sub(1)
        .is_some_and(|j| lists(lower(text, &toks[j]).as_str()) & SPEECH_VERB != 0);
    if !speech {
        v[AFTER_PREPOSITION] += 1.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::token::tokenize;
    use crate::text::Span;

    fn votes_for(t: &str, name: &str) -> Votes {
        let toks = tokenize(t, Span::new(0, t.len()));
        let at = t.find(name).unwrap();
        let start = toks.iter().position(|k| k.span.start == at).unwrap();
        let end = toks
            .iter()
            .position(|k| k.span.end == at + name.len())
            .unwrap()
            + 1;
        votes(t, &toks, start, end)
    }

    fn best(mut v: Votes) -> usize {
        v[LOC] += v[AFTER_PREPOSITION];
        (0..7).max_by(|&a, &b| v[a].total_cmp(&v[b])).unwrap()
    }

    #[test]
    fn words_are_found_on_every_list_they_are_on() {
        assert_eq!(lists("m"), HONORIFIC);
        assert_eq!(lists("de") & FILLER, FILLER);
        assert_ne!(lists("maire") & MAYOR, 0);
        assert_eq!(lists("qui"), RELATIVE);
        assert_eq!(lists("said") & SPEECH_VERB, SPEECH_VERB);
        assert_eq!(lists("Maire"), 0);
        assert_eq!(lists("banque"), ORG_CUE);
    }

    #[test]
    fn organisation_cues() {
        assert_eq!(
            best(votes_for("à l'instar de la banque Chase dont", "Chase")),
            ORG
        );
        assert_eq!(
            best(votes_for(
                "le cabinet de conseil britannique Dupont Analytics",
                "Dupont Analytics"
            )),
            ORG
        );
        assert_eq!(
            best(votes_for(
                "La porte-parole de Acme Bank, Jane Roe",
                "Acme Bank"
            )),
            ORG
        );
    }

    #[test]
    fn person_cues() {
        assert_eq!(best(votes_for("selon M. Dupont, hier", "Dupont")), PER);
        assert_eq!(best(votes_for("said Mrs Smith", "Smith")), PER);
        assert_eq!(
            best(votes_for(
                "Jane Roe, une porte-parole de la banque",
                "Jane Roe"
            )),
            PER
        );
        assert_eq!(
            best(votes_for(
                "le président américain Bob Stone a dit",
                "Bob Stone"
            )),
            PER
        );
    }

    #[test]
    fn product_and_place_cues() {
        assert_eq!(
            best(votes_for("L'application Venmo par exemple", "Venmo")),
            PRODUCT
        );
        assert_eq!(best(votes_for("dans la ville de Lyon hier", "Lyon")), LOC);
        assert_eq!(
            best(votes_for("un rassemblement à Villeurbanne", "Villeurbanne")),
            LOC
        );
        assert_ne!(
            best(votes_for("a déclaré à TechCrunch hier", "TechCrunch")),
            LOC
        );
        assert_eq!(
            best(votes_for("Raman, the company's chief executive", "Raman")),
            PER
        );
    }
}
