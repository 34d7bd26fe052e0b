//! What a sentence says, as comparable features: its content words (folded, elisions
//! removed, stopwords dropped, Snowball-stemmed), the resolved entities it mentions and
//! the figures it states, each interned as a `u32` term, plus which words it quotes.
//! Sentences are stored flat (one array of terms and offsets) so that a corpus of many
//! thousand articles costs a few allocations, not one per sentence.

use super::article_terms::{self, ArticleTerms, Origin, TermStore, NO_ID};
pub use super::vocabulary::content_stem;
use super::vocabulary::Interner;
use crate::corpus::{Article, Corpus};
use crate::entities::{Entities, Mention};
use crate::figures::Figure;
use crate::text::stopwords::Stopwords;
use crate::text::Span;
use std::fmt::Write;

/// What kind of evidence a term is; each kind has its own weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    /// Figures of sentence `g` are `figures[figure_starts[g]..figure_starts[g + 1]]`.
    pub figures: Vec<Figure>,
    pub figure_starts: Vec<u32>,
    /// Index of each article's first sentence in the global numbering.
    pub first_of_article: Vec<u32>,
    /// The function words the features were made with (and figures' measures are read
    /// with).
    pub stopwords: Stopwords,
}

impl Features {
    /// Terms of sentence `g`, with their quoted flags.
    pub fn of(&self, g: usize) -> (&[u32], &[bool]) {
        let r = self.starts[g] as usize..self.starts[g + 1] as usize;
        (&self.terms[r.clone()], &self.quoted[r])
    }

    /// Figures stated by sentence `g`.
    pub fn figures_of(&self, g: usize) -> &[Figure] {
        &self.figures[self.figure_starts[g] as usize..self.figure_starts[g + 1] as usize]
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

/// Extracts the features of every sentence of the corpus: each article's terms are made
/// on all cores ([`article_terms`]), then numbered corpus-wide here, in corpus order, with
/// the resolved entities each sentence names; `words` are the function words, not
/// compared.
pub fn extract(
    corpus: &Corpus,
    entities: &Entities,
    words: &Stopwords,
    store: Option<&dyn TermStore>,
) -> Features {
    let mut f = Features {
        stopwords: words.clone(),
        ..Features::default()
    };
    let mut ids = Interner::default();
    let mut scratch = Scratch::default();
    // The entity analysis parsed every sentence's figures: only the sentences where it
    // found one are parsed again, for their values (an article without any mention
    // was not analysed, and is parsed whole). Parsing is most of the extraction.
    let has_figures = |a: usize, s: usize| {
        let mentions = entities.in_article(a);
        let span = corpus.articles[a].structure.sentences[s].span;
        mentions.is_empty()
            || (within(mentions, span).iter())
                .any(|m| entities.entities[m.entity()].kind.is_figure())
    };
    article_terms::each(&corpus.articles, words, has_figures, store, |a, terms| {
        f.add(
            a,
            &corpus.articles[a],
            terms,
            entities,
            &mut ids,
            &mut scratch,
        );
    });
    f.starts.push(f.terms.len() as u32);
    f.figure_starts.push(f.figures.len() as u32);
    f.kinds = ids.kinds;
    f
}

/// Buffers reused from one article to the next.
#[derive(Default)]
struct Scratch {
    global: Vec<u32>,
    /// Term, "inside a quotation", clause mask.
    row: Vec<(u32, bool, u8)>,
    key: String,
    /// The term id of each entity met so far.
    entity_ids: Vec<u32>,
    seen: Seen,
}

/// For each worker, the corpus-wide id of each of its ids met so far (its generation
/// with them): a term a worker made for many articles is looked up by key once.
#[derive(Default)]
struct Seen(Vec<(u32, Vec<u32>)>);

impl Seen {
    /// The corpus-wide id of the worker's term `id`, from `lookup` the first time.
    fn get(&mut self, origin: &Origin, id: u32, lookup: impl FnOnce() -> u32) -> u32 {
        if self.0.len() <= origin.worker {
            self.0.resize_with(origin.worker + 1, Default::default);
        }
        let (generation, known) = &mut self.0[origin.worker];
        if *generation != origin.generation {
            known.clear();
            *generation = origin.generation;
        }
        let i = id as usize;
        if known.len() <= i {
            known.resize(i + 1, NO_ID);
        }
        if known[i] == NO_ID {
            known[i] = lookup();
        }
        known[i]
    }
}

impl Features {
    /// Adds the sentences of article `a` (the next one), numbering its terms corpus-wide
    /// in the order they first appear and adding the entities its sentences name.
    fn add(
        &mut self,
        a: usize,
        article: &Article,
        terms: ArticleTerms,
        entities: &Entities,
        ids: &mut Interner,
        scratch: &mut Scratch,
    ) {
        self.first_of_article.push(self.sentences.len() as u32);
        let mentions = entities.in_article(a);
        let Scratch {
            global,
            row,
            key,
            entity_ids,
            seen,
        } = scratch;
        global.clear();
        for s in 0..terms.sentences.len() {
            let sentence = terms.sentence(s);
            let st = sentence.terms;
            self.starts.push(self.terms.len() as u32);
            self.figure_starts.push(self.figures.len() as u32);
            self.sentences.push((a as u32, s as u32));
            if st.repeated {
                continue;
            }
            let number = |global: &mut Vec<u32>, ids: &mut Interner, seen: &mut Seen, end: u32| {
                for i in global.len()..end as usize {
                    let mut id = || ids.id(terms.key(i), terms.kinds[i]);
                    global.push(match &terms.origin {
                        Some(o) if o.ids[i] != NO_ID => seen.get(o, o.ids[i], id),
                        _ => id(),
                    });
                }
            };
            number(global, ids, seen, st.words_end);
            row.clear();
            // An entity named only to say who said it ("selon le WSJ", "a dit à l'AFP")
            // is no evidence of what was said.
            let span = article.structure.sentences[s].span;
            let in_attribution =
                |m: Span| (sentence.cited.iter()).any(|c| c.start <= m.start && m.end <= c.end);
            for m in within(mentions, span) {
                let (e, at) = (m.entity(), m.span());
                if in_attribution(at) || entities.entities[e].kind.is_figure() {
                    continue;
                }
                if entity_ids.len() <= e {
                    entity_ids.resize(e + 1, NO_ID);
                }
                if entity_ids[e] == NO_ID {
                    key.clear();
                    let _ = write!(key, "e:{e}");
                    entity_ids[e] = ids.id(key, TermKind::Entity);
                }
                row.push((entity_ids[e], false, st.clauses.mask_at(at.start)));
            }
            number(global, ids, seen, st.figures_end);
            let made = sentence.rows.iter().zip(sentence.masks);
            row.extend(made.map(|(&(t, q), &m)| (global[t as usize], q, m)));
            row.sort_unstable();
            row.dedup_by(|b, a| {
                if a.0 == b.0 {
                    a.1 |= b.1;
                    a.2 |= b.2;
                }
                a.0 == b.0
            });
            self.terms.extend(row.iter().map(|r| r.0));
            self.quoted.extend(row.iter().map(|r| r.1));
            self.clauses.extend(row.iter().map(|r| r.2));
            self.figures.extend_from_slice(sentence.figures);
        }
    }
}

/// The mentions (sorted by start) that overlap `span`, when mentions do not nest.
fn within(mentions: &[Mention], span: Span) -> &[Mention] {
    let mut lo = mentions.partition_point(|m| m.span().start < span.start);
    while lo > 0 && mentions[lo - 1].span().end > span.start {
        lo -= 1;
    }
    let hi = mentions.partition_point(|m| m.span().start < span.end);
    &mentions[lo..hi.max(lo)]
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
