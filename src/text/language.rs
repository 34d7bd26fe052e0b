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

/// whatlang, limited to the languages recoupe has stemmers for (several times faster than
/// comparing with all of them).
fn statistical(text: &str) -> &'static str {
    static DETECTOR: std::sync::OnceLock<whatlang::Detector> = std::sync::OnceLock::new();
    let detector = DETECTOR.get_or_init(|| {
        use whatlang::Lang::*;
        whatlang::Detector::with_allowlist(vec![Fra, Eng, Deu, Spa, Ita, Por, Nld])
    });
    match detector.detect_lang(text) {
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
