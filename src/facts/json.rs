//! The facts of a corpus as JSON, for scripts: only facts reported by at least two
//! articles, with byte offsets into each loaded text and the exact slice they cover.
//! The document is serialised as it is walked ([`FactsJson`]), so a large corpus's
//! output is written fact by fact rather than built whole in memory first.

use super::{Discrepancy, Fact, Facts};
use crate::corpus::{sanitize, sanitize_line, Corpus};
use crate::text::Span;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// `{"facts":[{"id","label","passages":[…],"discrepancies":[…]}]}`, serialisable.
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
        let mut doc = serializer.serialize_struct("Facts", 1)?;
        doc.serialize_field("facts", &FactList(&self.facts, Some(self.fields)))?;
        doc.end()
    }
}

/// The same document as a JSON value.
pub fn to_json(corpus: &Corpus, facts: &Facts) -> Value {
    serde_json::to_value(FactsJson { corpus, facts }).expect("facts serialise to JSON")
}

impl Serialize for FactsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut doc = serializer.serialize_struct("Facts", 1)?;
        doc.serialize_field("facts", &FactList(self, None))?;
        doc.end()
    }
}

/// The facts reported by several articles, each made into its JSON shape when written.
struct FactList<'a>(&'a FactsJson<'a>, Option<&'a dyn FactFields>);

impl Serialize for FactList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let FactsJson { corpus, facts } = self.0;
        let shared = (facts.facts.iter().enumerate()).filter(|(_, f)| f.article_count() > 1);
        serializer.collect_seq((shared.enumerate()).map(|(n, (i, fact))| {
            let mut out = FactOut::new(corpus, n, fact);
            if let Some(fields) = self.1 {
                for (k, p) in out.passages.iter_mut().enumerate() {
                    p.fields = fields.passage_fields(i, k);
                }
                out.fields = fields.fact_fields(i);
            }
            out
        }))
    }
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
    fn new(corpus: &'a Corpus, n: usize, fact: &'a Fact) -> FactOut<'a> {
        let id = |a: usize| corpus.articles[a].id.as_str();
        let slice = |a: usize, span: Span| sanitize(corpus.articles[a].slice(span));
        let passages = (fact.passages.iter())
            .map(|p| PassageOut {
                article: id(p.article),
                start: p.span.start,
                end: p.span.end,
                text: slice(p.article, p.span),
                fields: Map::new(),
            })
            .collect();
        let discrepancy = |d: &'a Discrepancy| DiscrepancyOut {
            kind: d.kind.label(),
            values: (d.values.iter())
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
            discrepancies: fact.discrepancies.iter().map(discrepancy).collect(),
            fields: Map::new(),
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
