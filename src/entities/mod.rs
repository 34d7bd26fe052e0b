//! Named entities and figures: recognised in each article, then resolved across the corpus
//! so that "Chase", "JPMorgan Chase" and "JP Morgan" are one bank and "Facebrook" is a typo
//! of "Facebook". Every alias keeps the reason it joined, so a wrong merge can be understood.

pub mod corrections;
mod cues;
pub mod gazetteer;
mod json;
pub mod learn;
pub mod markup;
pub mod open_lists;
mod prepare;
mod recognise;
mod resolve;
mod token;
pub mod typer;

pub use json::{to_json, EntitiesJson};

use crate::corpus::{Article, Corpus};
use crate::figures;
use crate::text::stopwords::Stopwords;
use crate::text::Span;
use foldhash::HashMap;
use gazetteer::Gazetteer;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// What an entity is. Names first, then figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Kind {
    Per,
    Org,
    Loc,
    Product,
    Event,
    Work,
    Misc,
    Money,
    Percent,
    Quantity,
    Date,
}

impl From<figures::Kind> for Kind {
    fn from(kind: figures::Kind) -> Kind {
        match kind {
            figures::Kind::Money => Kind::Money,
            figures::Kind::Percent => Kind::Percent,
            figures::Kind::Quantity => Kind::Quantity,
            figures::Kind::Date => Kind::Date,
        }
    }
}

impl Kind {
    /// The kinds of names (not figures), in the order they are listed.
    pub const NAMES: [Kind; 7] = [
        Kind::Per,
        Kind::Org,
        Kind::Loc,
        Kind::Product,
        Kind::Event,
        Kind::Work,
        Kind::Misc,
    ];

    /// True for MONEY, PERCENT, QUANTITY and DATE.
    pub fn is_figure(self) -> bool {
        matches!(
            self,
            Kind::Money | Kind::Percent | Kind::Quantity | Kind::Date
        )
    }

    /// The label used in JSON and on screen ("PER", "MONEY").
    pub fn label(self) -> &'static str {
        match self {
            Kind::Per => "PER",
            Kind::Org => "ORG",
            Kind::Loc => "LOC",
            Kind::Product => "PRODUCT",
            Kind::Event => "EVENT",
            Kind::Work => "WORK",
            Kind::Misc => "MISC",
            Kind::Money => "MONEY",
            Kind::Percent => "PERCENT",
            Kind::Quantity => "QUANTITY",
            Kind::Date => "DATE",
        }
    }
}

/// Another name of an entity, and why it was joined to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alias {
    pub name: String,
    pub reason: String,
}

/// One entity of the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name: the fullest frequent form.
    pub name: String,
    pub kind: Kind,
    pub aliases: Vec<Alias>,
    /// For figures: the numeric value (1,3 milliard = 1.3e9).
    pub value: Option<f64>,
    /// For figures: the normalised unit ("USD", "percent", "users").
    pub unit: Option<String>,
    /// What decided the kind: a name list, the words around the mentions, the learned
    /// typer, a default, or the reader's correction.
    #[serde(default)]
    pub kind_reason: String,
}

/// One occurrence of an entity in an article: the article's index in the corpus, the
/// mention's byte span in its text and the entity's index in [`Entities::entities`].
///
/// Kept in 16 bytes (a 100,000-article corpus has about five million mentions, and the
/// reader may hold two analyses at once); the fields are in the order of the
/// `(article, span, entity)` it stands for, which is also how it is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    article: u32,
    start: u32,
    end: u32,
    entity: u32,
}

impl Mention {
    /// Entity `entity` named at `span` of article `article`. Indices and offsets beyond
    /// 4 GiB cannot occur (articles are read whole, under the loader's size limit).
    pub fn new(article: usize, span: Span, entity: usize) -> Mention {
        let narrow = |x: usize| u32::try_from(x).expect("index or offset below 4 GiB");
        Mention {
            article: narrow(article),
            start: narrow(span.start),
            end: narrow(span.end),
            entity: narrow(entity),
        }
    }

    /// Index of the article in the corpus.
    pub fn article(&self) -> usize {
        self.article as usize
    }

    /// Byte span in the article's text.
    pub fn span(&self) -> Span {
        Span {
            start: self.start as usize,
            end: self.end as usize,
        }
    }

    /// Index into [`Entities::entities`].
    pub fn entity(&self) -> usize {
        self.entity as usize
    }

    /// The same mention in article `article`.
    pub fn in_article(self, article: usize) -> Mention {
        Mention::new(article, self.span(), self.entity())
    }

    /// The same mention of entity `entity`.
    pub fn of_entity(self, entity: usize) -> Mention {
        Mention::new(self.article(), self.span(), entity)
    }
}

/// The entities of a corpus and all their mentions, sorted by (article, start).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entities {
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
}

impl Entities {
    /// The mentions of one entity, in corpus order.
    pub fn mentions_of(&self, entity: usize) -> impl Iterator<Item = &Mention> + '_ {
        self.mentions.iter().filter(move |m| m.entity() == entity)
    }

    /// The mentions in one article, in text order.
    pub fn in_article(&self, article: usize) -> &[Mention] {
        let lo = self.mentions.partition_point(|m| m.article() < article);
        let hi = self.mentions.partition_point(|m| m.article() <= article);
        &self.mentions[lo..hi]
    }
}

/// Recognises and resolves the entities of the whole corpus.
///
/// Per-article work (tokens, candidates, figures) runs on all cores; the result does not
/// depend on how many there are.
pub fn analyse(corpus: &Corpus) -> Entities {
    analyse_with(corpus, gazetteer::builtin(), Stopwords::builtin(), &|| {})
}

/// Articles tokenized at once. Their tokens are dropped before the next ones are made, so
/// the memory they take does not grow with the corpus; a few hundred keep both cores busy.
const CHUNK: usize = 256;

/// Tokens kept from the first pass for the second, in bytes: a corpus whose tokens fit
/// (about fifteen times its text, so some 15 MB of articles) is tokenized once; beyond
/// that the rest is tokenized again rather than held, so memory stops growing with it.
const KEEP_BYTES: usize = 256 << 20;

/// Like [`analyse`] with the gazetteer `g` (the built-in lists, or those with the user's
/// entries: [`gazetteer::with_user`]) and the stopwords `words` (never the noun a figure
/// counts), calling `tick` once per article recognised (from any thread).
///
/// Two passes over the articles, a chunk at a time: the first counts how the corpus writes
/// each word (tokens made, counted and dropped), the second tokenizes again, recognises the
/// names and figures and keeps only what resolution needs. Tokenizing twice costs less than
/// holding every token of a large corpus at once.
pub fn analyse_with(
    corpus: &Corpus,
    g: &Gazetteer,
    words: &Stopwords,
    tick: &(dyn Fn() + Sync),
) -> Entities {
    let mut stats = prepare::CaseStats::default();
    let mut kept: Vec<Option<prepare::Prepared>> = Vec::new();
    kept.resize_with(corpus.articles.len(), || None);
    let mut budget = KEEP_BYTES;
    in_chunks(
        &corpus.articles,
        |_, a| prepare::prepare(a),
        |i, a, p| {
            stats.add(&a.text, &p, g);
            let size = p.heap_bytes();
            if size <= budget {
                budget -= size;
                kept[i] = Some(p);
            }
        },
    );
    let mut names = resolve::Resolver::default();
    let mut figures = FigureIndex::default();
    let recognise = |i: usize, a: &Article| {
        let again;
        let prepared = match &kept[i] {
            Some(p) => p,
            None => {
                again = prepare::prepare(a);
                &again
            }
        };
        let found = recognise::names(a, prepared, &stats, g);
        let figures = figures_of(a, words);
        tick();
        (found, figures)
    };
    in_chunks(&corpus.articles, recognise, |i, a, (n, f)| {
        names.add(i, &a.text, n);
        figures.add(i, a, f);
    });
    drop(stats);
    drop(kept);
    let (mut entities, mut mentions) = names.resolve(g);
    figures.append_to(&mut entities, &mut mentions);
    order(entities, mentions)
}

/// Runs `work` on every article on all cores, a chunk at a time, and gives the results to
/// `take` in corpus order (with the article's index). `take` runs on the calling thread,
/// on one chunk while the thread pool works on the next, so only two chunks of results
/// exist at once.
fn in_chunks<'a, T: Send>(
    articles: &'a [Article],
    work: impl Fn(usize, &'a Article) -> T + Sync,
    mut take: impl FnMut(usize, &'a Article, T),
) {
    let mut pending: Option<(usize, Vec<T>)> = None;
    let mut give = |done: Option<(usize, Vec<T>)>| {
        let Some((first, results)) = done else { return };
        for (k, r) in results.into_iter().enumerate() {
            take(first + k, &articles[first + k], r);
        }
    };
    for (c, chunk) in articles.chunks(CHUNK).enumerate() {
        let done = pending.take();
        let mut results = Vec::new();
        let first = c * CHUNK;
        rayon::in_place_scope(|s| {
            s.spawn(|_| {
                results = (chunk.par_iter().enumerate())
                    .map(|(k, a)| work(first + k, a))
                    .collect()
            });
            give(done);
        });
        pending = Some((c * CHUNK, results));
    }
    give(pending);
}

/// The figures of every sentence of an article.
fn figures_of(article: &Article, words: &Stopwords) -> Vec<figures::Figure> {
    let lang = article.language.code();
    article
        .structure
        .sentences
        .iter()
        .flat_map(|s| figures::find_with(&article.text, s.span, lang, words))
        .collect()
}

/// One entity per (kind, value, unit) of the figures, gathered article by article.
#[derive(Default)]
struct FigureIndex {
    index: HashMap<(figures::Kind, u64, String), usize>,
    entities: Vec<Entity>,
    mentions: Vec<Mention>,
}

impl FigureIndex {
    /// Adds the figures of article `a`, in text order; articles come in corpus order.
    fn add(&mut self, a: usize, article: &Article, figures: Vec<figures::Figure>) {
        for f in figures {
            let text = article.slice(f.span);
            let key = (f.kind, f.value.to_bits(), f.unit);
            let entity = match self.index.get(&key) {
                Some(&e) => e,
                None => {
                    self.entities.push(Entity {
                        name: text.to_owned(),
                        kind: f.kind.into(),
                        aliases: Vec::new(),
                        value: Some(f.value),
                        unit: Some(key.2.clone()),
                        kind_reason: "a figure".to_owned(),
                    });
                    self.index.insert(key, self.entities.len() - 1);
                    self.entities.len() - 1
                }
            };
            let e = &mut self.entities[entity];
            if e.name != text && !e.aliases.iter().any(|x| x.name == text) {
                e.aliases.push(Alias {
                    name: text.to_owned(),
                    reason: "same value and unit".to_owned(),
                });
            }
            self.mentions.push(Mention::new(a, f.span, entity));
        }
    }

    /// Puts the figure entities after `entities`, and their mentions after `mentions`.
    fn append_to(self, entities: &mut Vec<Entity>, mentions: &mut Vec<Mention>) {
        let offset = entities.len();
        mentions.reserve_exact(self.mentions.len());
        entities.extend(self.entities);
        mentions.extend((self.mentions.into_iter()).map(|m| m.of_entity(m.entity() + offset)));
    }
}

/// Sorts mentions by (article, start) and numbers entities by their first mention.
fn order(entities: Vec<Entity>, mut mentions: Vec<Mention>) -> Entities {
    mentions.sort_by_key(|m| (m.article, m.start, m.end));
    let mut new_id = vec![usize::MAX; entities.len()];
    let mut next = 0;
    for m in &mentions {
        if new_id[m.entity()] == usize::MAX {
            new_id[m.entity()] = next;
            next += 1;
        }
    }
    let mut slots: Vec<Option<Entity>> = vec![None; next];
    for (old, e) in entities.into_iter().enumerate() {
        if new_id[old] != usize::MAX {
            slots[new_id[old]] = Some(e);
        }
    }
    for m in &mut mentions {
        *m = m.of_entity(new_id[m.entity()]);
    }
    Entities {
        entities: slots.into_iter().flatten().collect(),
        mentions,
    }
}

#[cfg(test)]
mod tests;
