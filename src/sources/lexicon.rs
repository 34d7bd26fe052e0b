//! The words attribution is built from, in French and English: reporting verbs, the nouns
//! that describe a speaker without naming one, the words that mark a news outlet, and the
//! small words that may stand between a verb and its speaker. They are general to news
//! writing (the verbs are those of the PARC attribution corpus and their French
//! counterparts), compared folded (lowercase, no accents), each list sorted for a binary
//! search.

/// Reporting verbs, every form that can head an attribution (folded: "déclaré" and
/// "déclare" are one).
const VERBS: &[&str] = &[
    "acknowledged",
    "acknowledges",
    "added",
    "adds",
    "admet",
    "admis",
    "admits",
    "admitted",
    "affirme",
    "affirment",
    "ajoute",
    "ajoutent",
    "annonce",
    "announced",
    "announces",
    "answered",
    "argued",
    "argues",
    "asserted",
    "assure",
    "assurent",
    "averti",
    "avertit",
    "cautioned",
    "claimed",
    "claims",
    "commente",
    "commented",
    "confie",
    "confirme",
    "confirmed",
    "confirms",
    "declare",
    "declared",
    "declarent",
    "dementi",
    "denied",
    "denies",
    "deplore",
    "detaille",
    "disclosed",
    "disent",
    "dit",
    "ecrit",
    "ecrivent",
    "exhorte",
    "explained",
    "explains",
    "explique",
    "expliquent",
    "glisse",
    "indicated",
    "indique",
    "indiquent",
    "insiste",
    "insisted",
    "insists",
    "ironise",
    "lache",
    "martele",
    "nie",
    "nient",
    "noted",
    "notes",
    "poursuit",
    "precise",
    "precisent",
    "previent",
    "raconte",
    "rappelle",
    "reconnait",
    "reconnu",
    "regrette",
    "replied",
    "repond",
    "repondu",
    "reported",
    "reports",
    "responded",
    "revealed",
    "reveals",
    "revele",
    "revelent",
    "said",
    "say",
    "says",
    "souligne",
    "soulignent",
    "soupire",
    "stated",
    "states",
    "stressed",
    "stresses",
    "tells",
    "temoigne",
    "tempete",
    "told",
    "urged",
    "urges",
    "warned",
    "warns",
    "writes",
    "wrote",
];

/// Verbs that report only with a following word: "fait valoir", "fait savoir".
const LIGHT_VERBS: &[(&str, &str)] = &[("fait", "savoir"), ("fait", "valoir")];

/// Words that turn a reporting verb into the speaker's own claim being reported as
/// outlet analysis ("analyse le Wall Street Journal"): verbs whose subject after them is
/// an outlet or a person, and that are nouns too often to stand elsewhere.
const INVERTED_ONLY: &[&str] = &["analyse", "estime", "estiment", "juge", "observe"];

/// French auxiliaries (and conditional forms) before a participle.
const AUXILIARIES: &[&str] = &[
    "a", "auraient", "aurait", "avaient", "avait", "had", "has", "have", "ont",
];

/// Small words that may stand between an auxiliary, a verb and its speaker.
const FILLERS: &[&str] = &[
    "alors",
    "also",
    "aussi",
    "d'abord",
    "deja",
    "dimanche",
    "earlier",
    "egalement",
    "encore",
    "enfin",
    "ensuite",
    "first",
    "friday",
    "further",
    "hier",
    "jeudi",
    "later",
    "lundi",
    "mardi",
    "matin",
    "mercredi",
    "monday",
    "notamment",
    "previously",
    "publicly",
    "repeatedly",
    "samedi",
    "saturday",
    "separately",
    "soir",
    "sunday",
    "thursday",
    "today",
    "tuesday",
    "vendredi",
    "wednesday",
    "yesterday",
];

/// Nouns that describe a speaker without naming one: "une source proche du dossier", "a
/// person familiar with the matter", "un porte-parole".
const ANONYMOUS: &[&str] = &[
    "aide",
    "collaborateur",
    "conseiller",
    "dirigeant",
    "dirigeants",
    "employe",
    "employee",
    "executive",
    "executives",
    "insider",
    "insiders",
    "interlocuteur",
    "official",
    "officials",
    "people",
    "person",
    "porte",
    "porte-parole",
    "proche",
    "proches",
    "representant",
    "responsable",
    "responsables",
    "source",
    "sources",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

/// Words that make a speaker a reference back to one already named.
const ANAPHORS: &[&str] = &["elle", "elles", "he", "il", "ils", "she", "they"];

/// Nouns by which an article refers back to an outlet it has named ("le quotidien",
/// "the newspaper") or names one ("le journal français La Tribune").
const MEDIA_NOUNS: &[&str] = &[
    "agence",
    "agency",
    "broadcaster",
    "chaine",
    "daily",
    "hebdomadaire",
    "journal",
    "magazine",
    "mensuel",
    "newspaper",
    "paper",
    "quotidien",
    "radio",
    "site",
    "station",
    "tabloid",
    "television",
    "titre",
    "weekly",
    "wire",
];

/// Words that, inside a name, make it an outlet's ("Wall Street Journal", "Financial
/// Times", "Agence France Presse", "Sky News").
const MEDIA_NAME_WORDS: &[&str] = &[
    "agence",
    "chronicle",
    "courier",
    "daily",
    "express",
    "gazette",
    "guardian",
    "herald",
    "journal",
    "magazine",
    "media",
    "news",
    "post",
    "press",
    "presse",
    "radio",
    "telegraph",
    "times",
    "tribune",
    "tv",
];

/// Outlets known by a short name that carries none of those words. A general list of
/// agencies and broadcasters, not of any one story's.
const OUTLETS: &[&str] = &[
    "afp",
    "ansa",
    "ap",
    "axios",
    "bbc",
    "bfmtv",
    "bloomberg",
    "cbs",
    "cnbc",
    "cnn",
    "efe",
    "franceinfo",
    "ft",
    "lci",
    "liberation",
    "nbc",
    "npr",
    "nyt",
    "politico",
    "reuters",
    "techcrunch",
    "tf1",
    "wsj",
    "xinhua",
];

/// Nouns of a statement, report or interview, through which a speaker speaks to a medium
/// ("une déclaration faite au Wall Street Journal", "in a statement to CNBC").
const STATEMENT_NOUNS: &[&str] = &[
    "article",
    "communique",
    "declaration",
    "declarations",
    "entretien",
    "interview",
    "rapport",
    "rapports",
    "report",
    "reports",
    "statement",
    "statements",
];

/// Verbs by which a speaker points to a statement made elsewhere ("a renvoyé l'AFP vers
/// une déclaration faite au Wall Street Journal", "referred questions to a statement").
const REFERRALS: &[&str] = &[
    "dirige", "pointed", "redirige", "referred", "renvoie", "renvoye",
];

/// Participles joining a statement to the outlet it was made to ("faite au", "made to").
const MADE: &[&str] = &[
    "accorde", "accordee", "donne", "donnee", "fait", "faite", "given", "issued", "made",
];

/// Relative pronouns that stand for the noun before them ("…, which said").
const RELATIVES: &[&str] = &["qui", "which", "who"];

/// Words that negate a verb near it: a speaker who "did not say" attributes nothing.
const NEGATIONS: &[&str] = &["jamais", "n'a", "n'ont", "ne", "never", "not", "pas"];

/// Determiners and elisions dropped from the front of a name.
const DETERMINERS: &[&str] = &[
    "a", "an", "des", "du", "l", "la", "le", "les", "the", "un", "une",
];

fn listed(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

/// The word without a French elision in front ("l'afp" → "afp", "qu'il" → "il").
pub fn unelided(word: &str) -> &str {
    for p in ["l'", "d'", "qu'", "n'", "s'", "j'", "c'", "jusqu'"] {
        if let Some(rest) = word.strip_prefix(p) {
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    word
}

pub fn is_verb(w: &str) -> bool {
    listed(VERBS, w)
}
pub fn is_inverted_only(w: &str) -> bool {
    listed(INVERTED_ONLY, w)
}
pub fn is_light_verb(w: &str, next: &str) -> bool {
    LIGHT_VERBS.contains(&(w, next))
}
pub fn is_auxiliary(w: &str) -> bool {
    listed(AUXILIARIES, w)
}
pub fn is_filler(w: &str) -> bool {
    listed(FILLERS, w)
}
pub fn is_anonymous_noun(w: &str) -> bool {
    listed(ANONYMOUS, unelided(w))
}
pub fn is_anaphor(w: &str) -> bool {
    listed(ANAPHORS, w)
}
pub fn is_media_noun(w: &str) -> bool {
    listed(MEDIA_NOUNS, unelided(w))
}
pub fn is_media_name_word(w: &str) -> bool {
    listed(MEDIA_NAME_WORDS, unelided(w))
}
pub fn is_outlet(w: &str) -> bool {
    listed(OUTLETS, unelided(w))
}
pub fn is_statement_noun(w: &str) -> bool {
    listed(STATEMENT_NOUNS, unelided(w))
}
pub fn is_referral(w: &str) -> bool {
    listed(REFERRALS, w)
}
pub fn is_made(w: &str) -> bool {
    listed(MADE, w)
}
pub fn is_relative(w: &str) -> bool {
    listed(RELATIVES, w)
}
pub fn is_negation(w: &str) -> bool {
    listed(NEGATIONS, w)
}
pub fn is_determiner(w: &str) -> bool {
    listed(DETERMINERS, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_their_search() {
        for list in [
            VERBS,
            INVERTED_ONLY,
            AUXILIARIES,
            FILLERS,
            ANONYMOUS,
            ANAPHORS,
            MEDIA_NOUNS,
            MEDIA_NAME_WORDS,
            OUTLETS,
            STATEMENT_NOUNS,
            RELATIVES,
            NEGATIONS,
            DETERMINERS,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
        assert!(is_verb("declare") && is_verb("said") && !is_verb("banque"));
        assert_eq!(unelided("l'afp"), "afp");
        assert!(is_outlet("l'afp") && is_anonymous_noun("source"));
    }
}
