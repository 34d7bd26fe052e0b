//! The facts of a corpus as JSON, for scripts: only facts reported by at least two
//! articles, with byte offsets into each loaded text and the exact slice they cover.
//! The document is serialised as it is walked ([`FactsJson`]), so a large corpus's
//! output is written fact by fact rather than built whole in memory first.

use super::claims::{self, Claim, Status};
use super::{Discrepancy, Fact, Facts};
use crate::corpus::{sanitize, sanitize_line, Corpus};
use crate::text::Span;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// `{"facts":[{"id","label","passages":[…],"discrepancies":[…]}],"claims":[…]}`,
/// serialisable. A fact's disagreement lists each distinct value once, by the first
/// article stating it, and leaves out figures that were updated over time; the claims give
/// every article's value (see [`super::claims`]).
pub struct FactsJson<'a> {
    pub corpus: &'a Corpus,
    pub facts: &'a Facts,
}

/// Fields a later pass adds to the facts document: to each passage (by fact index in
/// [`Facts::facts`] and passage index) and to each fact.
pub trait FactFields {
    fn passage_fields(&self, fact: usize, passage: usize) -> Map<String, Value>;
    fn fact_fields(&self, fact: usize) -> Map<String, Value>;
}

/// The facts document with another pass's fields added.
pub struct FactsJsonWith<'a> {
    pub facts: FactsJson<'a>,
    pub fields: &'a dyn FactFields,
}

impl Serialize for FactsJsonWith<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_document(serializer, &self.facts, Some(self.fields))
    }
}

/// The facts and claims of `facts`, with `fields` added when given.
fn write_document<S: Serializer>(
    serializer: S,
    facts: &FactsJson<'_>,
    fields: Option<&dyn FactFields>,
) -> Result<S::Ok, S::Error> {
    let claims = claims::claims(facts.corpus, &facts.facts.facts);
    let mut doc = serializer.serialize_struct("Facts", 2)?;
    doc.serialize_field("facts", &FactList(facts, &claims, fields))?;
    let out: Vec<ClaimOut> = (claims.iter().enumerate())
        .map(|(n, c)| ClaimOut::new(facts.corpus, n, c))
        .collect();
    doc.serialize_field("claims", &out)?;
    doc.end()
}

/// The same document as a JSON value.
pub fn to_json(corpus: &Corpus, facts: &Facts) -> Value {
    serde_json::to_value(FactsJson { corpus, facts }).expect("facts serialise to JSON")
}

impl Serialize for FactsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_document(serializer, self, None)
    }
}

/// The facts reported by several articles, each made into its JSON shape when written.
struct FactList<'a>(&'a FactsJson<'a>, &'a [Claim], Option<&'a dyn FactFields>);

impl Serialize for FactList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let FactsJson { corpus, facts } = self.0;
        let updated = updated_sources(self.1);
        let shared = (facts.facts.iter().enumerate()).filter(|(_, f)| f.article_count() > 1);
        serializer.collect_seq(
            (shared.enumerate())
                .map(|(n, (i, fact))| FactOut::new(corpus, n, i, fact, &updated, self.2)),
        )
    }
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    id: String,
    measure: &'a str,
    kind: &'static str,
    unit: &'a str,
    status: &'static str,
    values: Vec<ClaimValueOut<'a>>,
}

#[derive(Serialize)]
struct ClaimValueOut<'a> {
    article: &'a str,
    text: Cow<'a, str>,
    value: f64,
    approximate: bool,
    start: usize,
    end: usize,
    date: Option<String>,
}

impl<'a> ClaimOut<'a> {
    fn new(corpus: &'a Corpus, n: usize, c: &'a Claim) -> ClaimOut<'a> {
        let values = (c.values.iter())
            .map(|v| {
                let article = &corpus.articles[v.article];
                ClaimValueOut {
                    article: article.id.as_str(),
                    text: sanitize(article.slice(v.span)),
                    value: v.value,
                    approximate: v.approximate,
                    start: v.span.start,
                    end: v.span.end,
                    date: article.meta.date.as_deref().map(sanitize_line),
                }
            })
            .collect();
        ClaimOut {
            id: format!("c{}", n + 1),
            measure: &c.measure,
            kind: c.kind.label(),
            unit: &c.unit,
            status: c.status.label(),
            values,
        }
    }
}

/// Fact `fact` (at `index` in the facts), the `n`th (from 0) of those reported by several
/// articles, in its JSON shape (`{"id","label","passages","discrepancies"}`), for documents
/// that add to it. `updated`: the disagreements (fact index, discrepancy index) that belong
/// to claims updated over time, which are left out of the fact's own.
/// `fields`: what a later pass adds to the fact and its passages.
pub fn fact_json<'a>(
    corpus: &'a Corpus,
    n: usize,
    index: usize,
    fact: &'a Fact,
    updated: &[(usize, usize)],
    fields: Option<&dyn FactFields>,
) -> impl Serialize + 'a {
    FactOut::new(corpus, n, index, fact, updated, fields)
}

/// The disagreements of `claims` that are updates over time, as (fact, discrepancy).
pub fn updated_sources(claims: &[Claim]) -> Vec<(usize, usize)> {
    (claims.iter())
        .filter(|c| c.status == Status::Updated)
        .flat_map(|c| c.sources.iter().copied())
        .collect()
}

/// Claim `c`, the `n`th (from 0), in its JSON shape
/// (`{"id","measure","kind","unit","status","values"}`).
pub fn claim_json<'a>(corpus: &'a Corpus, n: usize, c: &'a Claim) -> impl Serialize + 'a {
    ClaimOut::new(corpus, n, c)
}

#[derive(Serialize)]
struct FactOut<'a> {
    id: String,
    label: String,
    passages: Vec<PassageOut<'a>>,
    discrepancies: Vec<DiscrepancyOut<'a>>,
    #[serde(flatten)]
    fields: Map<String, Value>,
}

#[derive(Serialize)]
struct PassageOut<'a> {
    article: &'a str,
    start: usize,
    end: usize,
    text: Cow<'a, str>,
    #[serde(flatten)]
    fields: Map<String, Value>,
}

#[derive(Serialize)]
struct DiscrepancyOut<'a> {
    kind: &'static str,
    values: Vec<ValueOut<'a>>,
}

#[derive(Serialize)]
struct ValueOut<'a> {
    article: &'a str,
    text: Cow<'a, str>,
    value: f64,
    unit: &'a str,
    approximate: bool,
}

impl<'a> FactOut<'a> {
    fn new(
        corpus: &'a Corpus,
        n: usize,
        index: usize,
        fact: &'a Fact,
        updated: &[(usize, usize)],
        fields: Option<&dyn FactFields>,
    ) -> FactOut<'a> {
        let id = |a: usize| corpus.articles[a].id.as_str();
        let slice = |a: usize, span: Span| sanitize(corpus.articles[a].slice(span));
        let passages = (fact.passages.iter().enumerate())
            .map(|(k, p)| PassageOut {
                article: id(p.article),
                start: p.span.start,
                end: p.span.end,
                text: slice(p.article, p.span),
                fields: fields
                    .map(|f| f.passage_fields(index, k))
                    .unwrap_or_default(),
            })
            .collect();
        let discrepancy = |d: &'a Discrepancy| DiscrepancyOut {
            kind: d.kind.label(),
            values: (claims::distinct_values(d).into_iter())
                .map(|v| ValueOut {
                    article: id(v.article),
                    text: slice(v.article, v.span),
                    value: v.value,
                    unit: &v.unit,
                    approximate: v.approximate,
                })
                .collect(),
        };
        FactOut {
            id: format!("f{}", n + 1),
            label: sanitize_line(&fact.label),
            passages,
            discrepancies: (fact.discrepancies.iter().enumerate())
                .filter(|(d, _)| !updated.contains(&(index, *d)))
                .map(|(_, d)| discrepancy(d))
                .collect(),
            fields: fields.map(|f| f.fact_fields(index)).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    #[test]
    fn the_written_document_is_the_value() {
        let corpus = Corpus::bundled();
        let analysis = crate::analysis::analyse(&corpus);
        let mut bytes = Vec::new();
        let facts = &analysis.facts;
        serde_json::to_writer_pretty(
            &mut bytes,
            &FactsJson {
                corpus: &corpus,
                facts,
            },
        )
        .unwrap();
        let written: Value = serde_json::from_slice(&bytes).unwrap();
        let value = to_json(&corpus, &analysis.facts);
        assert_eq!(written, value);
        let facts = value["facts"].as_array().unwrap();
        assert!(facts.len() > 10);
        assert_eq!(facts[0]["id"], "f1");
        assert!(facts
            .iter()
            .any(|f| !f["discrepancies"].as_array().unwrap().is_empty()));
    }

    #[test]
    fn a_failing_writer_gives_an_error() {
        struct Full;
        impl io::Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let corpus = Corpus::bundled();
        let analysis = crate::analysis::analyse(&corpus);
        let facts = &analysis.facts;
        let e = serde_json::to_writer_pretty(
            Full,
            &FactsJson {
                corpus: &corpus,
                facts,
            },
        );
        let e = e.unwrap_err();
        assert_eq!(io::Error::from(e).kind(), io::ErrorKind::BrokenPipe);
    }
}
