//! The facts of a corpus as JSON, for scripts: only facts reported by at least two
//! articles, with byte offsets into each loaded text and the exact slice they cover.

use super::Facts;
use crate::corpus::{sanitize, sanitize_line, Corpus};
use serde_json::{json, Value};

/// `{"facts":[{"id","label","passages":[…],"discrepancies":[…]}]}`.
pub fn to_json(corpus: &Corpus, facts: &Facts) -> Value {
    let slice =
        |a: usize, span: crate::text::Span| sanitize(corpus.articles[a].slice(span)).into_owned();
    let mut out = Vec::new();
    for fact in facts.facts.iter().filter(|f| f.article_count() > 1) {
        let passages: Vec<Value> = fact
            .passages
            .iter()
            .map(|p| {
                json!({
                    "article": corpus.articles[p.article].id,
                    "start": p.span.start,
                    "end": p.span.end,
                    "text": slice(p.article, p.span),
                })
            })
            .collect();
        let discrepancies: Vec<Value> = fact
            .discrepancies
            .iter()
            .map(|d| {
                let values: Vec<Value> = d
                    .values
                    .iter()
                    .map(|v| {
                        json!({
                            "article": corpus.articles[v.article].id,
                            "text": slice(v.article, v.span),
                            "value": v.value,
                            "unit": v.unit,
                            "approximate": v.approximate,
                        })
                    })
                    .collect();
                json!({"kind": d.kind.label(), "values": values})
            })
            .collect();
        out.push(json!({
            "id": format!("f{}", out.len() + 1),
            "label": sanitize_line(&fact.label),
            "passages": passages,
            "discrepancies": discrepancies,
        }));
    }
    json!({ "facts": out })
}
