//! Each article's tokens, prepared once for recognition: which tokens stand where any word
//! is capitalised (sentence and quotation starts, title-case headings, sentences in
//! capitals), and how the whole corpus writes each word, so that a capital at the start of
//! a sentence can be checked against the same word elsewhere.

use super::gazetteer::{compact, Gazetteer};
use super::token::{tokenize, Token};
use crate::corpus::Article;
use foldhash::{HashMap, HashSet};

/// An article cut into tokens, with the tokens that stand where any word is capitalised.
pub struct Prepared {
    pub sentences: Vec<(Vec<Token>, Vec<bool>)>,
}

impl Prepared {
    /// Bytes held on the heap.
    pub fn heap_bytes(&self) -> usize {
        let per_sentence = std::mem::size_of::<(Vec<Token>, Vec<bool>)>();
        self.sentences.capacity() * per_sentence
            + (self.sentences.iter())
                .map(|(t, b)| t.capacity() * std::mem::size_of::<Token>() + b.capacity())
                .sum::<usize>()
    }
}

/// How the corpus writes each word: in lowercase, or capitalised mid-sentence.
#[derive(Debug, Default)]
pub struct CaseStats<'a> {
    lower: HashMap<&'a str, u32>,
    cap_mid: HashMap<&'a str, u32>,
    /// Capitalised mid-sentence with no capitalised neighbour: a name on its own.
    cap_alone: HashMap<&'a str, u32>,
    /// Words that end a person's name somewhere ("Zuckerberg" after "Mark").
    pub(super) surnames: HashSet<&'a str>,
}

impl<'a> CaseStats<'a> {
    /// Counts the words of one prepared article.
    pub fn add(&mut self, text: &'a str, prepared: &Prepared, g: &Gazetteer) {
        for (toks, initial) in &prepared.sentences {
            let capital = |k: usize| toks.get(k).is_some_and(|t| t.shape.cap && t.shape.alpha);
            for (k, (t, &init)) in toks.iter().zip(initial).enumerate() {
                if !t.shape.alpha || t.shape.elision {
                    continue;
                }
                let w = &text[t.span.range()];
                if t.shape.cap {
                    let after_first_name = k > 0 && capital(k - 1) && {
                        let prev = &text[toks[k - 1].span.range()];
                        g.is_first_name(&compact(prev))
                    };
                    if after_first_name && !capital(k + 1) {
                        self.surnames.insert(w);
                    }
                    if !init {
                        *self.cap_mid.entry(w).or_default() += 1;
                        if !capital(k + 1) && (k == 0 || !capital(k - 1)) {
                            *self.cap_alone.entry(w).or_default() += 1;
                        }
                    }
                } else if !t.shape.inner {
                    *self.lower.entry(w).or_default() += 1;
                }
            }
        }
    }

    pub(super) fn lower_count(&self, capitalised: &str) -> u32 {
        let lw = capitalised.to_lowercase();
        self.lower.get(lw.as_str()).copied().unwrap_or(0)
    }

    pub(super) fn cap_count(&self, w: &str) -> u32 {
        self.cap_mid.get(w).copied().unwrap_or(0)
    }

    pub(super) fn alone_count(&self, w: &str) -> u32 {
        self.cap_alone.get(w).copied().unwrap_or(0)
    }
}

/// Tokens of every sentence, and which of them stand where any word is capitalised.
pub fn prepare(article: &Article) -> Prepared {
    let text = &article.text;
    let st = &article.structure;
    let sentences = st
        .sentences
        .iter()
        .map(|s| {
            let mut toks = tokenize(text, s.span);
            let shouting = is_shouting(text, &toks);
            if shouting {
                for t in &mut toks {
                    t.shape.upper = false;
                    t.shape.inner = false;
                }
            }
            let heading = st.paragraphs.get(s.paragraph).is_some_and(|p| {
                let t = text[p.span.range()].trim_end();
                p.heading || s.paragraph == 0 && !t.ends_with(['.', '!', '?', '»', '"', '…'])
            });
            let title_case = heading && is_title_case(text, &toks);
            let initial = initial_flags(text, &toks, title_case || shouting);
            (toks, initial)
        })
        .collect();
    Prepared { sentences }
}

/// A sentence in capitals ("FACEBOOK VEUT VOS DONNÉES"): capitals say nothing there.
fn is_shouting(text: &str, toks: &[Token]) -> bool {
    let words = toks
        .iter()
        .filter(|t| t.shape.alpha && text[t.span.range()].chars().count() >= 3);
    let (mut upper, mut all) = (0, 0);
    for t in words {
        all += 1;
        upper += usize::from(t.shape.upper);
    }
    upper >= 3 && upper * 5 >= all * 3
}

/// A heading where most longer words are capitalised ("Facebook Asks Banks For Data").
fn is_title_case(text: &str, toks: &[Token]) -> bool {
    let (mut caps, mut all) = (0, 0);
    for t in toks.iter().filter(|t| t.shape.alpha).skip(1) {
        if text[t.span.range()].chars().count() >= 4 {
            all += 1;
            caps += usize::from(t.shape.cap);
        }
    }
    all >= 2 && caps * 3 >= all * 2
}

/// Which tokens open a sentence, a quotation, a line or a clause after a colon or a dash.
fn initial_flags(text: &str, toks: &[Token], title_case: bool) -> Vec<bool> {
    let mut out = Vec::with_capacity(toks.len());
    let mut at_start = true;
    let mut prev_end = None;
    let mut prev: Option<&Token> = None;
    for t in toks {
        if t.after_newline {
            at_start = true;
        }
        out.push(at_start || title_case);
        let glued = prev_end == Some(t.span.start);
        prev_end = Some(t.span.end);
        if t.shape.punct {
            let c = &text[t.span.range()];
            let abbreviation = c == "." && glued && is_abbreviation(text, prev);
            if c == "\"" && glued || abbreviation {
                // A closing quote ("…," Whitaker said) or "M. Dupont", "Dr. Watson".
            } else if matches!(
                c,
                ":" | "\""
                    | "«"
                    | "“"
                    | "„"
                    | "—"
                    | "–"
                    | "-"
                    | "•"
                    | "…"
                    | "?"
                    | "!"
                    | ";"
                    | "."
                    | "*"
            ) {
                at_start = true;
            } else if c != "'" && c != "(" && c != "[" {
                at_start = false;
            }
        } else if !t.shape.elision {
            at_start = false;
        }
        prev = Some(t);
    }
    out
}

/// A capitalised word of at most three letters before a dot: an initial or a title.
fn is_abbreviation(text: &str, prev: Option<&Token>) -> bool {
    prev.is_some_and(|p| {
        let w = &text[p.span.range()];
        p.shape.cap && !p.shape.upper && w.chars().count() <= 3 || w.chars().count() == 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Span;

    fn flags(t: &str, title_case: bool) -> Vec<(String, bool)> {
        let toks = tokenize(t, Span::new(0, t.len()));
        let f = initial_flags(t, &toks, title_case);
        toks.iter()
            .zip(f)
            .filter(|(k, _)| k.shape.alpha)
            .map(|(k, f)| (t[k.span.range()].to_owned(), f))
            .collect()
    }

    #[test]
    fn quotes_colons_and_dots_open_clauses() {
        let f = flags(
            "Il dit : « Nous » et \"Bon,\" Paul ajoute. M. Dupont rit.",
            false,
        );
        let initial: Vec<&str> = f.iter().filter(|x| x.1).map(|x| x.0.as_str()).collect();
        assert_eq!(initial, ["Il", "Nous", "Bon", "M"]);
    }

    #[test]
    fn title_case_and_capitals() {
        let t = "Boeing Halts Deliveries After Blowout";
        let toks = tokenize(t, Span::new(0, t.len()));
        assert!(is_title_case(t, &toks));
        let t = "FACEBOOK VEUT VOS DONNÉES";
        assert!(is_shouting(t, &tokenize(t, Span::new(0, t.len()))));
    }

    #[test]
    fn counts_lowercase_and_lone_capitals() {
        let a = Article::new(
            "a".into(),
            "t".into(),
            "p".into(),
            "Les liés. Il a vu Mark Dupont et Vantora, puis les comptes liés.".into(),
            Default::default(),
        );
        let p = prepare(&a);
        let mut s = CaseStats::default();
        s.add(&a.text, &p, crate::entities::gazetteer::builtin());
        assert_eq!(s.lower_count("Liés"), 2);
        assert_eq!(s.alone_count("Vantora"), 1);
        assert_eq!(s.alone_count("Dupont"), 0);
        assert!(s.surnames.contains("Dupont"));
    }
}
