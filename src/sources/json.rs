//! Sources for people and scripts: the fields `facts --json` gains (each passage's
//! attribution and the passage it copies, each fact's origins), and the corpus's list of
//! sources — who is cited, by which outlets, on which facts, anonymous sources apart —
//! with the attributions and the reuse found, as JSON or text. Every string from an
//! article goes through the sanitiser.

use super::origins::{self, Key};
use super::reuse::{Order, Pair};
use super::{Attribution, Sources};
use crate::corpus::{sanitize_line, Corpus};
use crate::entities::Entities;
use crate::facts::{FactFields, Facts};
use crate::stories::Stories;
use crate::text::Span;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::io::{self, Write};

/// The sources pass's fields of the facts document.
pub struct FactSources<'a> {
    pub corpus: &'a Corpus,
    pub entities: &'a Entities,
    pub facts: &'a Facts,
    pub sources: &'a Sources,
}

impl FactFields for FactSources<'_> {
    fn passage_fields(&self, fact: usize, passage: usize) -> Map<String, Value> {
        let p = self.facts.facts[fact].passages[passage];
        let mut out = Map::new();
        let at = self.sources.attribution(p.article, p.sentence);
        out.insert(
            "attribution".into(),
            at.map_or(Value::Null, |a| attribution(self.corpus, self.entities, a)),
        );
        let copy = self
            .sources
            .reuse
            .of_sentence(p.article, p.sentence)
            .first();
        if let Some(c) = copy {
            let span =
                super::reuse::sentence_span(self.corpus, c.source_article, c.source_sentence);
            out.insert(
                "copy_of".into(),
                json!({
                    "article": self.corpus.articles[c.source_article].id,
                    "start": span.start,
                    "end": span.end,
                    "order": order(c.order),
                }),
            );
        }
        out
    }

    fn fact_fields(&self, fact: usize) -> Map<String, Value> {
        let f = &self.facts.facts[fact];
        let mut out = Map::new();
        out.insert("articles".into(), json!(f.article_count()));
        let origins = self
            .sources
            .origins
            .get(fact)
            .map_or(&[][..], Vec::as_slice);
        let list: Vec<Value> = origins
            .iter()
            .map(|o| {
                let articles: BTreeSet<&str> = (o.passages.iter())
                    .map(|&k| self.corpus.articles[f.passages[k].article].id.as_str())
                    .collect();
                json!({
                    "kind": o.kind.label(),
                    "name": o.name,
                    "passages": o.passages,
                    "articles": articles,
                })
            })
            .collect();
        out.insert("origins".into(), Value::Array(list));
        out
    }
}

fn order(o: Order) -> &'static str {
    match o {
        Order::Later => "later",
        Order::Undecided => "undecided",
    }
}

/// One attribution as JSON: names, flags and the byte spans of its parts.
pub fn attribution(corpus: &Corpus, entities: &Entities, a: &Attribution) -> Value {
    let art = &corpus.articles[a.article];
    let text = |s: Option<Span>| s.map(|s| sanitize_line(art.slice(s)));
    let name = |e: Option<usize>| e.map(|e| sanitize_line(&entities.entities[e].name));
    let span = |s: Option<Span>| s.map(|s| [s.start, s.end]);
    json!({
        "speaker": text(a.speaker),
        "speaker_name": a.speaker_name.as_deref().map(sanitize_line),
        "speaker_entity": name(a.speaker_entity),
        "organisation": name(a.organisation_entity),
        "medium": text(a.medium),
        "medium_name": a.medium_name.as_deref().map(sanitize_line),
        "medium_entity": name(a.medium_entity),
        "anonymous": a.anonymous,
        "quote": a.quote,
        "verb": text(a.verb),
        "carried": a.carried,
        "spans": {
            "speaker": span(a.speaker),
            "medium": span(a.medium),
            "verb": span(a.verb),
            "clause": [a.clause.start, a.clause.end],
        },
    })
}

/// A source of the corpus and where it is cited.
#[derive(Debug, Serialize)]
pub struct Cited {
    pub name: String,
    /// "speaker", "anonymous" or "medium".
    pub kind: &'static str,
    pub anonymous: bool,
    /// The outlets it spoke to.
    pub media: Vec<String>,
    /// The articles citing it.
    pub cited_by: Vec<String>,
    /// The facts (as numbered in `facts --json`) it backs.
    pub facts: Vec<String>,
    pub sentences: usize,
}

/// The sources cited by the `articles` (indices), most cited first, anonymous ones
/// after the named.
pub fn cited(
    corpus: &Corpus,
    entities: &Entities,
    facts: &Facts,
    sources: &Sources,
    articles: impl IntoIterator<Item = usize>,
) -> Vec<Cited> {
    let fact_ids = fact_ids(facts);
    let mut groups: Vec<(Key, Cited, BTreeSet<usize>, BTreeSet<usize>)> = Vec::new();
    for article in articles {
        for a in sources.attributions.get(article).into_iter().flatten() {
            let key = origins::key(sources, a.article, a.sentence);
            let (kind, name) = match &key {
                Key::Outlet(_) => continue,
                Key::Entity(e) => ("speaker", entities.entities[*e].name.clone()),
                Key::Named(_) => ("speaker", a.speaker_name.clone().unwrap_or_default()),
                Key::Anonymous(_) => ("anonymous", a.speaker_name.clone().unwrap_or_default()),
                Key::Medium(_) => ("medium", a.medium_name.clone().unwrap_or_default()),
            };
            let i = match groups.iter().position(|g| g.0 == key) {
                Some(i) => i,
                None => {
                    let cited = Cited {
                        name: sanitize_line(&name),
                        kind,
                        anonymous: kind == "anonymous",
                        media: Vec::new(),
                        cited_by: Vec::new(),
                        facts: Vec::new(),
                        sentences: 0,
                    };
                    groups.push((key, cited, BTreeSet::new(), BTreeSet::new()));
                    groups.len() - 1
                }
            };
            let g = &mut groups[i];
            g.1.sentences += 1;
            g.2.insert(a.article);
            if let Some(m) = a.medium_name.as_deref().filter(|_| kind != "medium") {
                let m = sanitize_line(m);
                if !g.1.media.contains(&m) {
                    g.1.media.push(m);
                }
            }
            for &f in facts
                .by_sentence
                .get(&(a.article, a.sentence))
                .into_iter()
                .flatten()
            {
                if fact_ids[f].is_some() {
                    g.3.insert(f);
                }
            }
        }
    }
    let mut out: Vec<Cited> = groups
        .into_iter()
        .map(|(_, mut c, articles, fs)| {
            c.cited_by = articles
                .iter()
                .map(|&a| sanitize_line(&corpus.articles[a].id))
                .collect();
            c.facts = fs.iter().filter_map(|&f| fact_ids[f].clone()).collect();
            c
        })
        .collect();
    out.sort_by(|a, b| {
        (
            a.anonymous,
            std::cmp::Reverse(a.cited_by.len()),
            std::cmp::Reverse(a.sentences),
        )
            .cmp(&(
                b.anonymous,
                std::cmp::Reverse(b.cited_by.len()),
                std::cmp::Reverse(b.sentences),
            ))
    });
    out
}

/// The id each fact has in `facts --json` ("f3"), for facts reported by several articles.
fn fact_ids(facts: &Facts) -> Vec<Option<String>> {
    let mut n = 0;
    (facts.facts.iter())
        .map(|f| {
            (f.article_count() > 1).then(|| {
                n += 1;
                format!("f{n}")
            })
        })
        .collect()
}

/// `recoupe sources --json`: the sources, every attribution, and the reuse, of every story or
/// of the story `only` (an index); each attribution, pair and article names its story.
pub struct SourcesJson<'a> {
    pub corpus: &'a Corpus,
    pub entities: &'a Entities,
    pub facts: &'a Facts,
    pub sources: &'a Sources,
    pub stories: &'a Stories,
    pub only: Option<usize>,
}

impl SourcesJson<'_> {
    /// The story id of an article.
    fn story(&self, article: usize) -> Option<String> {
        let s = self.stories.of_article.get(article)?;
        Some(Stories::id(*s as usize))
    }

    /// True when the article is in the story asked for, or no story was asked for.
    fn in_scope(&self, article: usize) -> bool {
        self.only
            .is_none_or(|o| self.stories.of_article.get(article) == Some(&(o as u32)))
    }
}

impl Serialize for SourcesJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (corpus, sources) = (self.corpus, self.sources);
        let id = |a: usize| sanitize_line(&corpus.articles[a].id);
        let attributions: Vec<Value> = (sources.attributions.iter().flatten())
            .filter(|a| self.in_scope(a.article))
            .map(|a| {
                let span = corpus.articles[a.article].structure.sentences[a.sentence].span;
                let mut v = attribution(corpus, self.entities, a);
                let extra = json!({
                    "article": id(a.article),
                    "story": self.story(a.article),
                    "start": span.start,
                    "end": span.end,
                    "text": sanitize_line(corpus.articles[a.article].slice(span)),
                });
                if let (Value::Object(v), Value::Object(e)) = (&mut v, extra) {
                    let mut m = e;
                    m.append(v);
                    *v = m;
                }
                v
            })
            .collect();
        let copies: Vec<Value> = (sources.reuse.copies.iter())
            .filter(|c| self.in_scope(c.article))
            .map(|c| {
                let s = super::reuse::sentence_span(corpus, c.article, c.sentence);
                let o = super::reuse::sentence_span(corpus, c.source_article, c.source_sentence);
                json!({
                    "article": id(c.article), "start": s.start, "end": s.end,
                    "text": sanitize_line(corpus.articles[c.article].slice(s)),
                    "copy_of": {
                        "article": id(c.source_article), "start": o.start, "end": o.end,
                        "text": sanitize_line(corpus.articles[c.source_article].slice(o)),
                    },
                    "order": order(c.order),
                })
            })
            .collect();
        let pairs: Vec<Value> = (sources.reuse.pairs.iter())
            .filter(|p| self.in_scope(p.a))
            .map(|p| {
                json!({
                    "a": id(p.a), "b": id(p.b), "story": self.story(p.a),
                    "share_a": round(p.share_a), "share_b": round(p.share_b),
                    "first": p.first.map(id),
                })
            })
            .collect();
        let own: Vec<Value> = (sources.reuse.own.iter().enumerate())
            .filter(|(a, _)| self.in_scope(*a))
            .map(|(a, s)| json!({"article": id(a), "story": self.story(a), "own_share": round(*s)}))
            .collect();
        let all = 0..sources.attributions.len();
        let articles: Vec<usize> = match self.only {
            Some(o) => (self.stories.stories.get(o)).map_or(Vec::new(), |s| s.articles.clone()),
            None => all.collect(),
        };
        let cited = cited(corpus, self.entities, self.facts, sources, articles);
        json!({
            "sources": cited,
            "attributions": attributions,
            "reuse": {"pairs": pairs, "copies": copies, "articles": own},
        })
        .serialize(serializer)
    }
}

fn round(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

/// `recoupe sources`: for each story (or the one asked for), the sources, named then
/// anonymous, then the articles that share text and each article's own share.
pub fn write_text(out: &mut impl Write, doc: &SourcesJson) -> io::Result<()> {
    let several = doc.stories.stories.len() > 1;
    // Pairs are inside one story: each story's, found in one pass.
    let mut pairs: Vec<Vec<&Pair>> = vec![Vec::new(); doc.stories.stories.len()];
    for p in &doc.sources.reuse.pairs {
        let story = doc.stories.of_article.get(p.a).map(|&s| s as usize);
        if let Some(list) = story.and_then(|s| pairs.get_mut(s)) {
            list.push(p);
        }
    }
    for (i, story) in doc.stories.stories.iter().enumerate() {
        if doc.only.is_some_and(|o| o != i) {
            continue;
        }
        if several {
            writeln!(
                out,
                "Story {} ({} article{}): {}",
                Stories::id(i),
                story.articles.len(),
                if story.articles.len() == 1 { "" } else { "s" },
                sanitize_line(&story.label(doc.corpus)),
            )?;
        }
        write_story(out, doc, &story.articles, &pairs[i])?;
    }
    if doc.stories.stories.is_empty() {
        let all: Vec<usize> = (0..doc.corpus.articles.len()).collect();
        let pairs: Vec<&Pair> = doc.sources.reuse.pairs.iter().collect();
        write_story(out, doc, &all, &pairs)?;
    }
    Ok(())
}

/// The text report of one story's `articles`, which share text in `pairs`.
fn write_story(
    out: &mut impl Write,
    doc: &SourcesJson,
    articles: &[usize],
    pairs: &[&Pair],
) -> io::Result<()> {
    let list = cited(
        doc.corpus,
        doc.entities,
        doc.facts,
        doc.sources,
        articles.iter().copied(),
    );
    for (title, anonymous) in [("Sources cited", false), ("Anonymous sources", true)] {
        writeln!(out, "{title}:")?;
        let mut any = false;
        for c in list.iter().filter(|c| c.anonymous == anonymous) {
            any = true;
            let media = if c.media.is_empty() {
                String::new()
            } else {
                format!(" (to {})", c.media.join(", "))
            };
            writeln!(
                out,
                "  {}{}{media}: {} article{} ({}), {} sentence{}{}",
                c.name,
                if c.kind == "medium" { " [outlet]" } else { "" },
                c.cited_by.len(),
                if c.cited_by.len() == 1 { "" } else { "s" },
                c.cited_by.join(", "),
                c.sentences,
                if c.sentences == 1 { "" } else { "s" },
                if c.facts.is_empty() {
                    String::new()
                } else {
                    format!("; facts {}", c.facts.join(" "))
                },
            )?;
        }
        if !any {
            writeln!(out, "  (none)")?;
        }
    }
    writeln!(out, "Shared text:")?;
    let reuse = &doc.sources.reuse;
    let id = |a: usize| sanitize_line(&doc.corpus.articles[a].id);
    if pairs.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for p in pairs {
        let first = p.first.map_or("order undecided".to_string(), |f| {
            format!("{} first", id(f))
        });
        writeln!(
            out,
            "  {} and {}: {:.0}% / {:.0}% of their words shared, {first}",
            id(p.a),
            id(p.b),
            p.share_a * 100.0,
            p.share_b * 100.0
        )?;
    }
    writeln!(out, "Own share (words no other article has):")?;
    for &a in articles {
        if let Some(s) = reuse.own.get(a) {
            writeln!(out, "  {}: {:.0}%", id(a), s * 100.0)?;
        }
    }
    Ok(())
}
