//! Which language an article is written in, among those recoupe can stem. News prose is
//! full of function words ("les", "the", "und"), and counting the most frequent ones of
//! each language tells them apart at once; only when that count is thin or close (a short
//! text, a list of names, a language recoupe has no stemmer for) does the statistical
//! detector decide, which costs far more per article.

use super::Language;

/// How much of an article is looked at.
const PREFIX: usize = 1536;

/// Frequent function words that are common in one of the languages and rare in the others.
const FUNCTION_WORDS: [(&str, &[&str]); 7] = [
    (
        "fr",
        &[
            "le", "les", "des", "et", "est", "une", "du", "qui", "pour", "dans", "sur", "pas",
            "au", "aux", "avec", "cette", "sont", "ont", "ses", "leur", "mais", "ce",
        ],
    ),
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "that", "for", "with", "was", "are", "by", "this",
            "it", "from", "have", "has", "be", "at", "which", "were", "its", "their",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "ein", "eine",
            "auf", "sich", "auch", "dem", "im", "wird", "wurde", "sind", "für",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "y", "por", "con", "del", "una", "para", "se", "lo", "como", "más",
            "su", "sus", "pero", "fue", "está", "al",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "per", "della", "non", "sono", "gli", "nel", "alla", "dei", "delle",
            "anche", "è", "ha", "questo", "dal", "nella", "degli",
        ],
    ),
    (
        "pt",
        &[
            "o", "os", "do", "da", "em", "não", "com", "uma", "dos", "das", "ao", "mais", "foi",
            "pelo", "pela", "seu", "sua", "também", "são",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "van", "dat", "op", "te", "zijn", "niet", "voor", "met", "ook", "wordt",
            "werd", "bij", "naar", "heeft", "worden", "deze", "dit",
        ],
    ),
];

/// Guesses the language (among those recoupe can stem) from the first 1.5 KB; `und` when
/// there is no text to tell.
pub fn detect_language(text: &str) -> Language {
    let mut end = text.len().min(PREFIX);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let code = by_function_words(head).unwrap_or_else(|| statistical(head));
    Language(code.to_owned())
}

/// For each function word, the languages (bits in [`FUNCTION_WORDS`] order) it belongs to.
fn function_word_table() -> &'static std::collections::HashMap<&'static str, u8> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<&'static str, u8>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = std::collections::HashMap::new();
        for (i, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
            for w in *words {
                *table.entry(*w).or_insert(0u8) |= 1 << i;
            }
        }
        table
    })
}

/// The language whose function words are clearly the most frequent: at least 5 of them,
/// and twice as many as any other language's.
fn by_function_words(text: &str) -> Option<&'static str> {
    let table = function_word_table();
    let mut counts = [0usize; FUNCTION_WORDS.len()];
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() || word.len() > 8 {
            continue;
        }
        let key = if word.chars().any(char::is_uppercase) {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            lower.as_str()
        } else {
            word
        };
        if let Some(&langs) = table.get(key) {
            for (i, count) in counts.iter_mut().enumerate() {
                *count += usize::from(langs >> i & 1);
            }
        }
    }
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(counts[i]));
    let (best, second) = (counts[order[0]], counts[order[1]]);
    (best >= 5 && best >= 2 * second).then_some(FUNCTION_WORDS[order[0]].0)
}

/// Words frequent in a short news text of one of the languages (beyond the function words):
/// a sentence or a headline says too little for the statistical detector, whose guess on a
/// handful of words is as often Dutch or Italian as right.
const SHORT_TEXT_WORDS: [(&str, &[&str]); 4] = [
    (
        "en",
        &[
            "he", "she", "they", "said", "says", "his", "her", "who", "been", "had", "would",
            "will", "not", "after", "again", "people", "two", "new", "year", "years", "more",
            "than", "about", "into", "there", "when", "what", "all", "could", "before", "against",
            "on",
        ],
    ),
    (
        "fr",
        &[
            "il",
            "elle",
            "ils",
            "elles",
            "ne",
            "plus",
            "après",
            "selon",
            "deux",
            "personnes",
            "nous",
            "vous",
            "être",
            "aussi",
            "lors",
            "contre",
            "chez",
            "où",
            "été",
            "on",
            "l",
            "qu",
            "j",
        ],
    ),
    ("nl", &["is", "de", "hij", "zij", "er", "geen", "om", "nog"]),
    ("es", &["la", "dos", "personas", "según", "tras"]),
];

/// The language the words and spellings of a short text point to, when one clearly wins:
/// its function and frequent words, English `-ed`/`-ing` forms, French accents.
fn short_text_cues(text: &str) -> Option<&'static str> {
    let mut votes: std::collections::HashMap<&'static str, usize> = Default::default();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let lower = word.to_lowercase();
        for (lang, words) in FUNCTION_WORDS.iter().chain(&SHORT_TEXT_WORDS) {
            if words.contains(&lower.as_str()) {
                *votes.entry(lang).or_default() += 1;
            }
        }
        let english_form = lower.is_ascii()
            && lower.len() >= 5
            && (lower.ends_with("ed") || lower.ends_with("ing"));
        if english_form {
            *votes.entry("en").or_default() += 1;
        }
        if lower != "é" && lower.contains(['é', 'è', 'ê', 'œ', 'ù']) {
            *votes.entry("fr").or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, usize)> = votes.into_iter().collect();
    ranked.sort_by_key(|&(lang, n)| (std::cmp::Reverse(n), lang));
    match ranked.as_slice() {
        [(lang, _)] => Some(lang),
        [(lang, best), (_, second), ..] if best > second => Some(lang),
        _ => None,
    }
}

/// whatlang, limited to the languages recoupe has stemmers for (several times faster than
/// comparing with all of them); where it is not sure (a sentence or two), the short text's
/// own cues decide when they clearly point one way.
fn statistical(text: &str) -> &'static str {
    static DETECTOR: std::sync::OnceLock<whatlang::Detector> = std::sync::OnceLock::new();
    let detector = DETECTOR.get_or_init(|| {
        use whatlang::Lang::*;
        whatlang::Detector::with_allowlist(vec![Fra, Eng, Deu, Spa, Ita, Por, Nld])
    });
    let info = detector.detect(text);
    if !info.as_ref().is_some_and(whatlang::Info::is_reliable) {
        if let Some(lang) = short_text_cues(text) {
            return lang;
        }
    }
    match info.map(|i| i.lang()) {
        Some(whatlang::Lang::Fra) => "fr",
        Some(whatlang::Lang::Eng) => "en",
        Some(whatlang::Lang::Deu) => "de",
        Some(whatlang::Lang::Spa) => "es",
        Some(whatlang::Lang::Ita) => "it",
        Some(whatlang::Lang::Por) => "pt",
        Some(whatlang::Lang::Nld) => "nl",
        Some(other) => other.code(),
        None => "und",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: [(&str, &str); 7] = [
        ("fr", "Le réseau social a demandé aux grandes banques américaines de partager les données de leurs clients, mais cette demande est restée sans réponse pour le moment."),
        ("en", "The social network asked large American banks to share the data of their customers, and the banks said that it was not something they have done before."),
        ("de", "Das soziale Netzwerk hat die großen Banken gebeten, die Daten ihrer Kunden zu teilen, und die Banken sind nicht bereit, das auch zu tun, wie sich zeigt."),
        ("es", "La red social pidió a los grandes bancos que compartieran los datos de sus clientes, pero los bancos se negaron por el momento, como era de esperar."),
        ("it", "Il social network ha chiesto alle grandi banche di condividere i dati dei clienti, ma le banche non sono d'accordo e anche il governo ha detto di no."),
        ("pt", "A rede social pediu aos grandes bancos que partilhassem os dados dos seus clientes, mas os bancos não aceitaram e também o governo foi contra a ideia."),
        ("nl", "Het sociale netwerk heeft de grote banken gevraagd om de gegevens van hun klanten te delen, maar de banken zijn niet van plan dat ook te doen voor deze klanten."),
    ];

    #[test]
    fn function_words_tell_the_stemmed_languages_apart() {
        for (code, text) in SAMPLES {
            assert_eq!(by_function_words(text), Some(code), "{text}");
            assert_eq!(detect_language(text).code(), code);
        }
    }

    #[test]
    fn thin_or_mixed_text_goes_to_the_statistical_detector() {
        assert_eq!(
            by_function_words("Facebook, Citigroup, JPMorgan Chase"),
            None
        );
        assert_eq!(by_function_words("the le der el il o het"), None);
        assert_eq!(detect_language("").code(), "und");
    }

    /// A sentence or two of English was taken for Dutch, French or Italian ("He denied any
    /// wrongdoing.": nl), and a short French one for Spanish or Italian.
    #[test]
    fn short_english_and_french_texts_are_told_apart() {
        let english = [
            "He denied any wrongdoing.",
            "Prices rose again in March.",
            "Oil prices jumped 5% on Monday.",
            "Protesters gathered outside parliament.",
            "Union leaders called a strike.",
            "Two people died.",
            "The minister resigned on Tuesday.",
            "The vote was postponed.",
            "Facebook asked banks for customer data.",
            "Talks between the two sides broke down late on Monday.",
            "Officials declined to comment. Nobody was injured.",
            "The company will cut 2,000 jobs. Its chief executive resigned.",
        ];
        let french = [
            "Il a nié.",
            "L'inflation a ralenti en juin.",
            "Le ministre a démissionné mardi.",
            "Il a nié les faits.",
            "Le vote a été reporté.",
            "Les taux remontent.",
            "Personne n'a été blessé.",
            "Facebook a demandé des données aux banques.",
            "Grève à la SNCF. Les trains restent à quai.",
            "L'entreprise va supprimer 2 000 emplois. Son directeur a démissionné.",
        ];
        let others = [
            ("de", "Die Regierung ist zurückgetreten."),
            ("es", "La policía detuvo a dos personas."),
            ("it", "Il governo ha annunciato nuove misure."),
            ("nl", "De regering is gevallen."),
            ("pt", "O governo anunciou novas medidas."),
        ];
        for (code, text) in others {
            assert_eq!(detect_language(text).code(), code, "{text}");
        }
        for (code, texts) in [("en", &english[..]), ("fr", &french[..])] {
            for text in texts {
                assert_eq!(detect_language(text).code(), code, "{text}");
            }
        }
    }

    #[test]
    fn both_detectors_agree_on_the_bundled_articles() {
        for a in crate::corpus::Corpus::bundled().articles {
            let mut end = a.text.len().min(PREFIX);
            while !a.text.is_char_boundary(end) {
                end -= 1;
            }
            assert_eq!(by_function_words(&a.text[..end]), Some("fr"));
            assert_eq!(statistical(&a.text[..end]), "fr");
        }
    }
}
