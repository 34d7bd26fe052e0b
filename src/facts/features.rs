//! What a sentence says, as comparable features: its content words (folded, elisions
//! removed, stopwords dropped, Snowball-stemmed), the resolved entities it mentions and
//! the figures it states, each interned as a `u32` term, plus which words it quotes.
//! Sentences are stored flat (one array of terms and offsets) so that a corpus of many
//! thousand articles costs a few allocations, not one per sentence.

use super::attribution::attributions;
use super::clauses::{self, Occurrence};
pub use super::vocabulary::content_stem;
use super::vocabulary::{Interner, Vocabulary, WordTerms};
use crate::corpus::Corpus;
use crate::entities::{Entities, Mention};
use crate::figures::{self, Figure};
use crate::text::{words, Span, Stemmer};
use std::collections::HashSet;

/// What kind of evidence a term is; each kind has its own weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    Word,
    /// A word of an attribution clause ("selon le Wall Street Journal").
    Attribution,
    /// The first letters of a long word: catches derived forms the stemmer keeps apart
    /// ("utilisons" and "utilisation", "publicité" and "publicitaires").
    Prefix,
    Entity,
    Figure,
    /// The kind, unit and order of magnitude of a figure: two outlets giving different
    /// values for one quantity still share it.
    Magnitude,
}

/// The features of every sentence of a corpus.
#[derive(Debug, Default)]
pub struct Features {
    /// For each sentence (global index): its article and its index in that article.
    pub sentences: Vec<(u32, u32)>,
    /// Term ids of sentence `g` are `terms[starts[g]..starts[g + 1]]`, sorted, unique.
    pub terms: Vec<u32>,
    /// Parallel to `terms`: the word appears inside a quotation in that sentence.
    pub quoted: Vec<bool>,
    /// Parallel to `terms`: the clauses of the sentence the term occurs in, see
    /// [`super::clauses`].
    pub clauses: Vec<u8>,
    pub starts: Vec<u32>,
    /// Kind of each term id.
    pub kinds: Vec<TermKind>,
    /// Figures of each sentence (global index).
    pub figures: Vec<Vec<Figure>>,
    /// Index of each article's first sentence in the global numbering.
    pub first_of_article: Vec<u32>,
}

impl Features {
    /// Terms of sentence `g`, with their quoted flags.
    pub fn of(&self, g: usize) -> (&[u32], &[bool]) {
        let r = self.starts[g] as usize..self.starts[g + 1] as usize;
        (&self.terms[r.clone()], &self.quoted[r])
    }

    /// Clause masks of the terms of sentence `g`.
    pub fn clauses_of(&self, g: usize) -> &[u8] {
        &self.clauses[self.starts[g] as usize..self.starts[g + 1] as usize]
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// True for a corpus without sentences.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// Global index of sentence `s` of article `a`.
    pub fn global(&self, a: usize, s: usize) -> usize {
        self.first_of_article[a] as usize + s
    }
}

/// Extracts the features of every sentence of the corpus.
pub fn extract(corpus: &Corpus, entities: &Entities) -> Features {
    let mut f = Features::default();
    let mut interner = Interner::default();
    let mut vocabulary = Vocabulary::default();
    let mut row: Vec<(u32, bool)> = Vec::new();
    let mut ws: Vec<(Span, WordTerms)> = Vec::new();
    for (a, article) in corpus.articles.iter().enumerate() {
        f.first_of_article.push(f.sentences.len() as u32);
        let lang = article.language.code();
        let stemmer = Stemmer::for_language(lang);
        let mentions = entities.in_article(a);
        let text = article.text.as_str();
        let mut seen: HashSet<&str> = HashSet::new();
        for (s, sentence) in article.structure.sentences.iter().enumerate() {
            f.starts.push(f.terms.len() as u32);
            f.sentences.push((a as u32, s as u32));
            if !seen.insert(text[sentence.span.range()].trim()) {
                // A repeated sentence (a headline printed twice) links through its first copy.
                f.figures.push(Vec::new());
                continue;
            }
            ws.clear();
            for w in words(text, sentence.span.range()) {
                let t = vocabulary.terms(&text[w.range()], lang, &stemmer, &mut interner);
                ws.push((w, t));
            }
            row.clear();
            let cited = word_terms(text, sentence.span, &ws, &vocabulary, &mut row);
            // An entity named only to say who said it ("selon le WSJ", "a dit à l'AFP")
            // is no evidence of what was said.
            let in_attribution = |m: &crate::entities::Mention| {
                cited
                    .iter()
                    .any(|c| c.start <= m.span.start && m.span.end <= c.end)
            };
            let inside: &[Mention] = within(mentions, sentence.span);
            for m in inside.iter().filter(|m| !in_attribution(m)) {
                if !entities.entities[m.entity].kind.is_figure() {
                    row.push((
                        interner.id(&format!("e:{}", m.entity), TermKind::Entity),
                        false,
                    ));
                }
            }
            // The entity analysis parses every sentence's figures: when it ran on this
            // article (there are mentions), only the sentences where it found a figure
            // are parsed again, for their values. Parsing is most of the extraction.
            let has_figure = mentions.is_empty()
                || inside
                    .iter()
                    .any(|m| entities.entities[m.entity].kind.is_figure());
            let figs = if has_figure {
                figures::find(text, sentence.span, lang)
            } else {
                Vec::new()
            };
            for fig in &figs {
                row.push((interner.id(&fig.key(), TermKind::Figure), false));
                if let Some(count) = count_key(fig) {
                    row.push((interner.id(&count, TermKind::Figure), false));
                }
                for m in magnitudes(fig) {
                    row.push((interner.id(&m, TermKind::Magnitude), false));
                }
            }
            f.figures.push(figs);
            row.sort_unstable();
            row.dedup_by(|b, a| {
                if a.0 == b.0 {
                    a.1 |= b.1;
                }
                a.0 == b.0
            });
            f.terms.extend(row.iter().map(|r| r.0));
            f.quoted.extend(row.iter().map(|r| r.1));
            f.clauses.extend(clause_masks(
                text,
                sentence.span,
                &ws,
                inside,
                &f.figures[f.figures.len() - 1],
                &row,
                &interner,
            ));
        }
    }
    f.starts.push(f.terms.len() as u32);
    f.kinds = interner.kinds;
    f
}

/// The word terms of one sentence: words inside an attribution clause as such, the
/// others as content words (flagged when quoted) with their prefixes. Returns the
/// attribution clauses.
fn word_terms(
    text: &str,
    span: Span,
    ws: &[(Span, WordTerms)],
    vocabulary: &Vocabulary,
    row: &mut Vec<(u32, bool)>,
) -> Vec<Span> {
    let quotes = quotations(text, span);
    let folded: Vec<(Span, &str)> = ws
        .iter()
        .map(|(w, t)| (*w, vocabulary.folded[t.folded as usize].as_str()))
        .collect();
    let cited = attributions(text, span, &folded);
    for (w, t) in ws {
        let Some(word) = t.word else { continue };
        if cited.iter().any(|c| c.start <= w.start && w.end <= c.end) {
            row.extend(t.cited.map(|c| (c, false)));
            continue;
        }
        let quoted = quotes.iter().any(|q| q.start <= w.start && w.end <= q.end);
        row.push((word, quoted));
        row.extend(t.prefix.map(|p| (p, quoted)));
    }
    cited
}

/// The clause mask of each term of a sentence's sorted `row` (see [`super::clauses`]),
/// from where its words, entities and figures occur.
fn clause_masks(
    text: &str,
    span: Span,
    ws: &[(Span, WordTerms)],
    mentions: &[Mention],
    figs: &[Figure],
    row: &[(u32, bool)],
    interner: &Interner,
) -> Vec<u8> {
    let starts = clauses::starts(text, span);
    if starts.len() == 1 {
        return vec![1; row.len()];
    }
    let mut at: Vec<Occurrence> = Vec::new();
    let mut push = |term: Option<u32>, pos: usize, word: bool| {
        if let Some(term) = term {
            at.push(Occurrence {
                term,
                at: pos,
                word,
            });
        }
    };
    for (w, t) in ws {
        push(t.word, w.start, t.word.is_some());
        push(t.prefix, w.start, false);
        push(t.cited, w.start, false);
    }
    for m in mentions {
        push(
            interner.get(&format!("e:{}", m.entity)),
            m.span.start,
            false,
        );
    }
    for fig in figs {
        push(interner.get(&fig.key()), fig.span.start, true);
        for k in count_key(fig).into_iter().chain(magnitudes(fig)) {
            push(interner.get(&k), fig.span.start, false);
        }
    }
    let terms: Vec<u32> = row.iter().map(|r| r.0).collect();
    clauses::masks(&starts, &mut at, &terms)
}

/// The mentions (sorted by start) that overlap `span`, when mentions do not nest.
fn within(mentions: &[Mention], span: Span) -> &[Mention] {
    let mut lo = mentions.partition_point(|m| m.span.start < span.start);
    while lo > 0 && mentions[lo - 1].span.end > span.start {
        lo -= 1;
    }
    let hi = mentions.partition_point(|m| m.span.start < span.end);
    &mentions[lo..hi.max(lo)]
}

/// Two keys for the order of magnitude of a figure, on grids offset by half a decade, so
/// that values within a factor of about three share at least one. Dates have none.
fn magnitudes(fig: &Figure) -> Vec<String> {
    if fig.kind == crate::entities::Kind::Date || fig.value <= 0.0 {
        return Vec::new();
    }
    let l = fig.value.log10();
    let head = format!("m:{}|{}|", fig.kind.label(), fig.unit);
    vec![
        format!("{head}{}", l.floor()),
        format!("{head}{}.5", (l + 0.5).floor()),
    ]
}

/// A key for the value of a count whatever is counted: "1 200 habitants", "1 200
/// personnes" and "1200 évacués" are one figure told of different nouns.
fn count_key(fig: &Figure) -> Option<String> {
    fig.is_count().then(|| format!("n:{:.4e}", fig.value))
}

/// Quoted stretches inside a sentence: between « », “ ” or a pair of straight quotes;
/// a quotation left open runs to the end of the sentence.
pub fn quotations(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text[span.range()].char_indices() {
        let at = span.start + i;
        match (open, c) {
            (None, '«' | '“' | '"') => open = Some((at + c.len_utf8(), c)),
            (Some((s, o)), '»' | '”' | '"') if closes(o, c) => {
                out.push(Span::new(s, at));
                open = None;
            }
            _ => {}
        }
    }
    if let Some((s, _)) = open {
        out.push(Span::new(s, span.end));
    }
    out
}

fn closes(open: char, close: char) -> bool {
    matches!((open, close), ('«', '»') | ('“', '”') | ('"', '"'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_of_each_style() {
        let t = "Il a dit « non merci » puis \"oui\" et “peut-être”.";
        let q: Vec<&str> = quotations(t, Span::new(0, t.len()))
            .iter()
            .map(|s| &t[s.range()])
            .collect();
        assert_eq!(q, [" non merci ", "oui", "peut-être"]);
        let t = "Elle a ajouté: \"nous verrons";
        let q = quotations(t, Span::new(0, t.len()));
        assert_eq!(&t[q[0].range()], "nous verrons");
    }
}
