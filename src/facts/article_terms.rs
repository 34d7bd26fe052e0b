//! What each sentence of one article says, as terms numbered within the article: the part
//! of feature extraction that depends on the article alone (folding, stemming, attribution
//! clauses, quotations, figures). It runs on all cores, a chunk of articles at a time;
//! [`super::features`] then gives the terms corpus-wide ids and adds the resolved entities.

use super::attribution::attributions;
use super::clauses::Clauses;
use super::features::{quotations, TermKind};
use super::vocabulary::{Interner, Vocabulary, WordTerms};
use crate::corpus::Article;
use crate::figures::{self, Figure};
use crate::text::stopwords::Stopwords;
use crate::text::{words, Span, Stemmer};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Articles handed to the worker threads at once: their terms are merged before the next
/// ones are made, so memory does not grow with the corpus.
const CHUNK: usize = 256;

/// Where each article's terms can be kept from one analysis to the next (the on-disk
/// cache): they depend on the article alone, so a corpus that changed by a few articles
/// makes only theirs again.
pub trait TermStore: Sync {
    /// The terms stored for `article`, if any (checked by the caller before use).
    fn load(&self, article: &Article) -> Option<ArticleTerms>;
    /// Keeps the terms just made for `article`; a store that cannot write forgets them.
    fn save(&self, article: &Article, terms: &ArticleTerms);
    /// Told that what `load` gave for `article` does not fit it (it is made again).
    fn rejected(&self, article: &Article);
}

/// Terms a worker numbers before it forgets the word forms it met: the forms of a large
/// corpus would otherwise be held once per thread (a few hundred MB at 100,000 articles).
/// Each time it forgets, the forms it meets again are stemmed again and their terms looked
/// up again corpus-wide, so the bound trades memory (about 50 MB per worker) for time.
const MAX_WORKER_TERMS: usize = 1 << 19;

/// The terms of one article's sentences, numbered within the article.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleTerms {
    /// The article's distinct terms in the order they first appear: term `i` is
    /// `key_text[key_ends[i - 1]..key_ends[i]]`.
    key_text: String,
    key_ends: Vec<u32>,
    /// Kind of each term.
    pub kinds: Vec<TermKind>,
    pub sentences: Vec<SentenceTerms>,
    /// Every sentence's rows, masks, attribution clauses and figures, one sentence after
    /// the other (see [`ArticleTerms::sentence`]): a few arrays per article rather than
    /// several per sentence, which made allocation a good part of the extraction.
    rows: Vec<(u32, bool)>,
    masks: Vec<u8>,
    cited: Vec<Span>,
    figures: Vec<Figure>,
    /// The worker that made these terms and its ids of them (not stored): lets the
    /// corpus-wide numbering look up each of a worker's terms once, not once per article.
    #[serde(skip)]
    pub origin: Option<Origin>,
}

/// Which worker made an article's terms, and its id of each ([`NO_ID`] for terms it did
/// not number: figures).
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub worker: usize,
    /// Bumped each time the worker starts afresh: its ids change meaning.
    pub generation: u32,
    pub ids: Vec<u32>,
}

/// See [`Origin::ids`].
pub const NO_ID: u32 = u32::MAX;

/// The terms of one sentence, and where its rows, attribution clauses and figures end in
/// the article's arrays.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceTerms {
    /// A repeat of an earlier sentence of the article (a headline printed twice): it has
    /// no terms and links through its first copy.
    pub repeated: bool,
    /// Terms first met in this sentence's words end at `words_end`; those first met in
    /// its figures follow, up to `figures_end`.
    pub words_end: u32,
    pub figures_end: u32,
    rows_end: u32,
    cited_end: u32,
    stated_end: u32,
    /// Where the sentence's clauses are, for the entities added to it later.
    pub clauses: Clauses,
}

/// One sentence's terms, read from its article's arrays.
pub struct Sentence<'a> {
    pub terms: &'a SentenceTerms,
    /// Term numbers with their "inside a quotation" flags, as made (unsorted, repeats).
    pub rows: &'a [(u32, bool)],
    /// Parallel to `rows`: the clause the term stands in, as a mask (see [`Clauses`]).
    pub masks: &'a [u8],
    /// Attribution clauses ("selon le Wall Street Journal").
    pub cited: &'a [Span],
    pub figures: &'a [Figure],
}

impl ArticleTerms {
    /// The key of term `i`.
    pub fn key(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.key_ends[i - 1] };
        &self.key_text[start as usize..self.key_ends[i] as usize]
    }

    /// Sentence `s`: its terms and its parts of the article's arrays.
    pub fn sentence(&self, s: usize) -> Sentence<'_> {
        let st = &self.sentences[s];
        let before = s.checked_sub(1).map(|p| &self.sentences[p]);
        let from = |end: fn(&SentenceTerms) -> u32| before.map_or(0, end) as usize;
        let rows = from(|p| p.rows_end)..st.rows_end as usize;
        Sentence {
            terms: st,
            rows: &self.rows[rows.clone()],
            masks: &self.masks[rows],
            cited: &self.cited[from(|p| p.cited_end)..st.cited_end as usize],
            figures: &self.figures[from(|p| p.stated_end)..st.stated_end as usize],
        }
    }

    /// Closes the sentence `st` at the current ends of the article's arrays.
    fn end_sentence(&mut self, mut st: SentenceTerms) {
        st.rows_end = self.rows.len() as u32;
        st.cited_end = self.cited.len() as u32;
        st.stated_end = self.figures.len() as u32;
        self.sentences.push(st);
    }

    /// True when every number and offset in these terms fits `article`: what a store
    /// gives back is checked before it is trusted.
    pub fn fits(&self, article: &Article) -> bool {
        let n = self.kinds.len();
        let ends_fit = self.key_ends.len() == n
            && self.key_ends.windows(2).all(|w| w[0] <= w[1])
            && (self.key_ends.iter()).all(|&e| self.key_text.is_char_boundary(e as usize));
        let spans = &article.structure.sentences;
        let arrays_fit = self.masks.len() == self.rows.len()
            && self.sentences.windows(2).all(|w| {
                w[0].rows_end <= w[1].rows_end
                    && w[0].cited_end <= w[1].cited_end
                    && w[0].stated_end <= w[1].stated_end
            })
            && self.sentences.last().is_none_or(|l| {
                l.rows_end as usize == self.rows.len()
                    && l.cited_end as usize == self.cited.len()
                    && l.stated_end as usize == self.figures.len()
            });
        if !ends_fit || !arrays_fit || self.sentences.len() != spans.len() {
            return false;
        }
        let text = &article.text;
        let mut known = 0;
        (0..spans.len())
            .map(|i| self.sentence(i))
            .zip(spans)
            .all(|(v, s)| {
                let st = v.terms;
                let inside = |x: Span| {
                    s.span.start <= x.start
                        && x.start <= x.end
                        && x.end <= s.span.end
                        && text.is_char_boundary(x.start)
                        && text.is_char_boundary(x.end)
                };
                let fits = known <= st.words_end
                    && st.words_end <= st.figures_end
                    && st.figures_end as usize <= n
                    && v.rows.iter().all(|&(t, _)| t < st.figures_end)
                    && v.masks.iter().all(|&m| m != 0)
                    && st.clauses.fits(s.span)
                    && v.cited.iter().all(|&c| inside(c))
                    && v.figures.iter().all(|f| inside(f.span));
                known = st.figures_end;
                fits
            })
    }

    /// Adds a term, the worker's `id` of it.
    fn push(&mut self, key: &str, kind: TermKind, id: u32) {
        self.key_text.push_str(key);
        self.key_ends.push(self.key_text.len() as u32);
        self.kinds.push(kind);
        if let Some(o) = &mut self.origin {
            o.ids.push(id);
        }
    }

    /// Number of distinct terms.
    fn len(&self) -> usize {
        self.kinds.len()
    }
}

/// Makes the terms of every article on all cores, a chunk at a time, and gives them to
/// `take` in corpus order on the calling thread, on one chunk while the workers make the
/// next. `has_figures(a, s)` says whether sentence `s` of article `a` states a figure
/// (only those are parsed for figures).
pub fn each<'t>(
    articles: &'t [Article],
    words: &'t Stopwords,
    has_figures: impl Fn(usize, usize) -> bool + Sync,
    store: Option<&dyn TermStore>,
    mut take: impl FnMut(usize, ArticleTerms),
) {
    let threads = rayon::current_num_threads().max(1);
    let mut workers: Vec<Worker<'t>> = (0..threads).map(|i| Worker::new(i, words)).collect();
    let mut give = |done: Option<(usize, Vec<Vec<ArticleTerms>>)>| {
        let Some((first, made)) = done else { return };
        for (k, terms) in made.into_iter().flatten().enumerate() {
            take(first + k, terms);
        }
    };
    let mut pending = None;
    for (c, chunk) in articles.chunks(CHUNK).enumerate() {
        let first = c * CHUNK;
        let done = pending.take();
        let mut made = Vec::new();
        rayon::in_place_scope(|s| {
            s.spawn(|_| {
                let part = chunk.len().div_ceil(threads).max(1);
                made = (workers
                    .par_iter_mut()
                    .zip(chunk.par_chunks(part))
                    .enumerate())
                .map(|(w, (worker, slice))| {
                    let base = first + w * part;
                    (slice.iter().enumerate())
                        .map(|(k, a)| {
                            let mut make = || worker.article(a, |s| has_figures(base + k, s));
                            match store {
                                Some(store) => stored_or_made(store, a, make),
                                None => make(),
                            }
                        })
                        .collect()
                })
                .collect();
            });
            give(done);
        });
        pending = Some((first, made));
    }
    give(pending);
}

/// The terms of `article` from `store` when they fit it, else made and stored.
fn stored_or_made(
    store: &dyn TermStore,
    article: &Article,
    make: impl FnOnce() -> ArticleTerms,
) -> ArticleTerms {
    if let Some(terms) = store.load(article) {
        if terms.fits(article) {
            return terms;
        }
        store.rejected(article);
    }
    let terms = make();
    store.save(article, &terms);
    terms
}

/// One thread's state: the word forms it has met (each is folded and stemmed once) and
/// the term keys it has numbered.
pub struct Worker<'t> {
    index: usize,
    words: &'t Stopwords,
    generation: u32,
    vocabulary: Vocabulary<'t>,
    interner: Interner,
    /// For each of the worker's term ids: its number in the current article, plus one,
    /// valid when `stamp` says it was set for the current article.
    local: Vec<u32>,
    stamp: Vec<u32>,
    article: u32,
    ws: Vec<(Span, WordTerms)>,
}

impl<'t> Worker<'t> {
    /// Worker number `index`, whose function words are `words`.
    pub fn new(index: usize, words: &'t Stopwords) -> Worker<'t> {
        Worker {
            index,
            words,
            generation: 0,
            vocabulary: Vocabulary::default(),
            interner: Interner::default(),
            local: Vec::new(),
            stamp: Vec::new(),
            article: 0,
            ws: Vec::new(),
        }
    }

    /// The terms of one article; `has_figures(s)` says whether sentence `s` states one.
    pub fn article(
        &mut self,
        article: &'t Article,
        has_figures: impl Fn(usize) -> bool,
    ) -> ArticleTerms {
        if self.interner.kinds.len() > MAX_WORKER_TERMS {
            // Its ids mean nothing outside one article: start afresh rather than grow.
            *self = Worker {
                generation: self.generation + 1,
                ..Worker::new(self.index, self.words)
            };
        }
        self.article = self.article.wrapping_add(1);
        let mut out = ArticleTerms {
            origin: Some(Origin {
                worker: self.index,
                generation: self.generation,
                ids: Vec::new(),
            }),
            ..ArticleTerms::default()
        };
        let lang = article.language.code();
        let stemmer = Stemmer::for_language(lang);
        let text = article.text.as_str();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut rows = Vec::new();
        let mut figure_keys: HashMap<String, u32> = HashMap::new();
        for (s, sentence) in article.structure.sentences.iter().enumerate() {
            let mut st = SentenceTerms::default();
            if !seen.insert(text[sentence.span.range()].trim()) {
                st.repeated = true;
                st.words_end = out.len() as u32;
                st.figures_end = st.words_end;
                out.end_sentence(st);
                continue;
            }
            let mut ws = std::mem::take(&mut self.ws);
            ws.clear();
            for w in words(text, sentence.span.range()) {
                let raw = &text[w.range()];
                let interner = &mut self.interner;
                let t = (self.vocabulary).terms(raw, lang, &stemmer, interner, self.words);
                ws.push((w, t));
            }
            rows.clear();
            let cited = word_terms(text, sentence.span, &ws, &self.vocabulary, &mut rows);
            out.cited.extend(cited);
            // Numbered in the order the corpus-wide ids will be given; only the terms
            // the sentence uses.
            for row in rows.iter_mut() {
                if row.3 {
                    row.0 = self.interner.cited(row.0);
                }
                self.number(row.0, &mut out);
            }
            st.words_end = out.len() as u32;
            let first_figure = out.figures.len();
            if has_figures(s) {
                out.figures
                    .extend(figures::find_with(text, sentence.span, lang, self.words));
            }
            let content = ws
                .iter()
                .filter(|(_, t)| t.word.is_some())
                .map(|(w, _)| w.start);
            let figure_starts = out.figures[first_figure..].iter().map(|f| f.span.start);
            st.clauses = Clauses::new(text, sentence.span, content.chain(figure_starts));
            self.ws = ws;
            for &(id, quoted, at, _) in &rows {
                out.rows.push((self.local[id as usize] - 1, quoted));
                out.masks.push(st.clauses.mask_at(at));
            }
            figure_rows(&mut out, first_figure, &st.clauses, &mut figure_keys);
            st.figures_end = out.len() as u32;
            out.end_sentence(st);
        }
        out
    }

    /// Gives the worker's term `id` a number in the current article, if it has none.
    fn number(&mut self, id: u32, out: &mut ArticleTerms) {
        let i = id as usize;
        if i >= self.local.len() {
            self.local.resize(i + 1, 0);
            self.stamp.resize(i + 1, 0);
        }
        if self.stamp[i] == self.article {
            return;
        }
        self.stamp[i] = self.article;
        out.push(self.interner.name(id), self.interner.kinds[i], id);
        self.local[i] = out.kinds.len() as u32;
    }
}

/// Adds the rows of the figures `out.figures[first..]` of the sentence being made: each
/// figure's value, its count whatever is counted and its magnitudes, numbered here rather
/// than by the worker (most are met once), in `keys`.
fn figure_rows(
    out: &mut ArticleTerms,
    first: usize,
    clauses: &Clauses,
    keys: &mut HashMap<String, u32>,
) {
    for f in first..out.figures.len() {
        let fig = &out.figures[f];
        let values = [fig.key()].into_iter().chain(count_key(fig));
        let values = values.map(|k| (k, TermKind::Figure));
        let magnitudes = (magnitudes(fig).into_iter()).map(|k| (k, TermKind::Magnitude));
        let made: Vec<_> = values.chain(magnitudes).collect();
        let mask = clauses.mask_at(fig.span.start);
        for (key, kind) in made {
            let next = out.len() as u32;
            let local = *keys.entry(key).or_insert_with_key(|key| {
                out.push(key, kind, NO_ID);
                next
            });
            out.rows.push((local, false));
            out.masks.push(mask);
        }
    }
}

/// The word terms of one sentence (the worker's ids, "inside a quotation" flags, where
/// the word is, and whether it stands in an attribution clause, its id still that of the
/// content word): words inside an attribution clause as such, the others as content words
/// with their prefixes. Returns the attribution clauses.
fn word_terms(
    text: &str,
    span: Span,
    ws: &[(Span, WordTerms)],
    vocabulary: &Vocabulary,
    row: &mut Vec<(u32, bool, usize, bool)>,
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
            row.push((word, false, w.start, true));
            continue;
        }
        let quoted = quotes.iter().any(|q| q.start <= w.start && w.end <= q.end);
        row.push((word, quoted, w.start, false));
        row.extend(t.prefix.map(|p| (p, quoted, w.start, false)));
    }
    cited
}

/// Two keys for the order of magnitude of a figure, on grids offset by half a decade, so
/// that values within a factor of about three share at least one. Dates have none.
fn magnitudes(fig: &Figure) -> Vec<String> {
    if fig.kind == crate::figures::Kind::Date || fig.value <= 0.0 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    /// The terms of `article`, without the worker's ids (which are not stored).
    fn terms_of(article: &Article) -> ArticleTerms {
        made(&mut Worker::new(0, Stopwords::builtin()), article)
    }

    fn made<'t>(worker: &mut Worker<'t>, article: &'t Article) -> ArticleTerms {
        let mut terms = worker.article(article, |_| true);
        terms.origin = None;
        terms
    }

    #[test]
    fn terms_survive_a_round_trip_and_fit_only_their_article() {
        let corpus = Corpus::bundled();
        let (a, b) = (&corpus.articles[0], &corpus.articles[1]);
        let terms = terms_of(a);
        assert!(terms.len() > 100 && terms.fits(a));
        let bytes = postcard::to_stdvec(&terms).unwrap();
        let back: ArticleTerms = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, terms);
        assert!(!terms.fits(b));
        let mut bad = terms.clone();
        bad.rows[0].0 = terms.len() as u32;
        assert!(!bad.fits(a));
        let mut bad = terms.clone();
        bad.figures[0].span.end += 10_000;
        assert!(!bad.fits(a));
        // Arrays that do not end where the sentences say.
        let mut bad = terms.clone();
        bad.rows.pop();
        bad.masks.pop();
        assert!(!bad.fits(a));
        let mut bad = terms.clone();
        bad.cited.push(Span::new(0, 0));
        assert!(!bad.fits(a));
    }

    #[test]
    fn each_sentence_reads_its_own_part_of_the_arrays() {
        let corpus = Corpus::bundled();
        let a = &corpus.articles[0];
        let terms = terms_of(a);
        let text = &a.text;
        let parts: Vec<Sentence> = (0..terms.sentences.len())
            .map(|s| terms.sentence(s))
            .collect();
        assert_eq!(
            parts.iter().map(|p| p.rows.len()).sum::<usize>(),
            terms.rows.len()
        );
        for (p, s) in parts.iter().zip(&a.structure.sentences) {
            assert_eq!(p.rows.len(), p.masks.len());
            assert!(p
                .figures
                .iter()
                .all(|f| s.span.start <= f.span.start && f.span.end <= s.span.end));
            assert!(p
                .cited
                .iter()
                .all(|c| s.span.start <= c.start && c.end <= s.span.end));
        }
        let with_figure = parts
            .iter()
            .zip(&a.structure.sentences)
            .find(|(p, _)| !p.figures.is_empty());
        let (p, s) = with_figure.expect("a sentence with a figure");
        assert!(text[s.span.range()].contains(&text[p.figures[0].span.range()]));
        assert!(
            parts.iter().any(|p| !p.cited.is_empty()),
            "an attribution clause"
        );
    }

    #[test]
    fn an_article_gives_the_same_terms_whatever_the_worker_saw_before() {
        let corpus = Corpus::bundled();
        let mut worker = Worker::new(0, Stopwords::builtin());
        for a in &corpus.articles[1..] {
            worker.article(a, |_| true);
        }
        let a = &corpus.articles[0];
        assert_eq!(made(&mut worker, a), terms_of(a));
    }
}
