//! The scripting view of the entities: one JSON object per entity with its mentions as
//! byte offsets into the loaded text and the exact text of each span, so a script (or the
//! evaluation) can check every offset. All text goes through the sanitiser on the way out.

use super::Entities;
use crate::corpus::{sanitize, Corpus};
use serde_json::{json, Map, Value};

/// `{"entities":[{"id","name","kind","aliases","alias_reasons","mentions","value"?,"unit"?}]}`.
pub fn to_json(corpus: &Corpus, entities: &Entities) -> Value {
    let mut mentions: Vec<Vec<Value>> = vec![Vec::new(); entities.entities.len()];
    for m in &entities.mentions {
        let Some(article) = corpus.articles.get(m.article) else {
            continue;
        };
        let Some(text) = article.text.get(m.span.range()) else {
            continue;
        };
        mentions[m.entity].push(json!({
            "article": sanitize(&article.id),
            "start": m.span.start,
            "end": m.span.end,
            "text": sanitize(text),
        }));
    }
    let list: Vec<Value> = entities
        .entities
        .iter()
        .zip(mentions)
        .enumerate()
        .map(|(i, (e, ms))| {
            let mut o = Map::new();
            o.insert("id".into(), json!(format!("e{}", i + 1)));
            o.insert("name".into(), json!(sanitize(&e.name)));
            o.insert("kind".into(), json!(e.kind.label()));
            let aliases: Vec<Value> = e.aliases.iter().map(|a| json!(sanitize(&a.name))).collect();
            o.insert("aliases".into(), Value::Array(aliases));
            let reasons: Vec<Value> = e
                .aliases
                .iter()
                .map(|a| json!({"name": sanitize(&a.name), "reason": sanitize(&a.reason)}))
                .collect();
            o.insert("alias_reasons".into(), Value::Array(reasons));
            o.insert("mentions".into(), Value::Array(ms));
            if let Some(v) = e.value {
                o.insert("value".into(), json!(v));
            }
            if let Some(u) = &e.unit {
                o.insert("unit".into(), json!(sanitize(u)));
            }
            Value::Object(o)
        })
        .collect();
    json!({ "entities": list })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{Alias, Entity, Kind, Mention};
    use crate::text::Span;

    #[test]
    fn mentions_carry_offsets_and_exact_text() {
        let corpus = Corpus::bundled();
        let a = &corpus.articles[0];
        let at = a.text.find("Facebook").unwrap();
        let ents = Entities {
            entities: vec![Entity {
                name: "Facebook".into(),
                kind: Kind::Org,
                aliases: vec![Alias {
                    name: "Facebrook".into(),
                    reason: "typo".into(),
                }],
                value: None,
                unit: None,
            }],
            mentions: vec![Mention {
                article: 0,
                span: Span::new(at, at + 8),
                entity: 0,
            }],
        };
        let v = to_json(&corpus, &ents);
        let e = &v["entities"][0];
        assert_eq!(e["id"], "e1");
        assert_eq!(e["kind"], "ORG");
        assert_eq!(e["aliases"][0], "Facebrook");
        assert_eq!(e["alias_reasons"][0]["reason"], "typo");
        assert_eq!(e["mentions"][0]["text"], "Facebook");
        assert_eq!(e["mentions"][0]["article"], a.id.as_str());
        assert!(e.get("value").is_none());
    }
}
