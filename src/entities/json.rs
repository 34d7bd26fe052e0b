//! The scripting view of the entities: one JSON object per entity with its mentions as
//! byte offsets into the loaded text and the exact text of each span, so a script (or the
//! evaluation) can check every offset. All text goes through the sanitiser on the way out.
//! The document is serialised as it is walked ([`EntitiesJson`]): a large corpus's output
//! is written entity by entity rather than built whole in memory first.

use super::{Entities, Entity};
use crate::corpus::{sanitize, Corpus};
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;

/// `{"entities":[{"id","name","kind","aliases","alias_reasons","mentions","value"?,"unit"?,"kind_reason"?}]}`,
/// serialisable.
pub struct EntitiesJson<'a> {
    pub corpus: &'a Corpus,
    pub entities: &'a Entities,
}

/// The same document as a JSON value.
pub fn to_json(corpus: &Corpus, entities: &Entities) -> Value {
    serde_json::to_value(EntitiesJson { corpus, entities }).expect("entities serialise to JSON")
}

impl Serialize for EntitiesJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut doc = serializer.serialize_struct("Entities", 1)?;
        doc.serialize_field("entities", &EntityList(self))?;
        doc.end()
    }
}

/// Every entity, made into its JSON shape when written.
struct EntityList<'a>(&'a EntitiesJson<'a>);

impl Serialize for EntityList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let EntitiesJson { corpus, entities } = self.0;
        // Each entity's mentions, in the order they are listed.
        let mut of: Vec<Vec<u32>> = vec![Vec::new(); entities.entities.len()];
        for (i, m) in entities.mentions.iter().enumerate() {
            if let Some(list) = of.get_mut(m.entity()) {
                list.push(i as u32);
            }
        }
        // An entity left without mentions (merged into another by a correction) is not
        // listed; the others keep their ids.
        let all =
            (entities.entities.iter().zip(of).enumerate()).filter(|(_, (_, ms))| !ms.is_empty());
        serializer.collect_seq(all.map(|(i, (e, ms))| EntityOut::new(corpus, entities, i, e, &ms)))
    }
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: String,
    name: Cow<'a, str>,
    kind: &'static str,
    aliases: Vec<Cow<'a, str>>,
    alias_reasons: Vec<AliasOut<'a>>,
    mentions: Vec<MentionOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<Cow<'a, str>>,
    /// What decided the kind.
    #[serde(skip_serializing_if = "str::is_empty")]
    kind_reason: Cow<'a, str>,
}

#[derive(Serialize)]
struct AliasOut<'a> {
    name: Cow<'a, str>,
    reason: Cow<'a, str>,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    article: Cow<'a, str>,
    start: usize,
    end: usize,
    text: Cow<'a, str>,
}

impl<'a> EntityOut<'a> {
    fn new(
        corpus: &'a Corpus,
        entities: &'a Entities,
        i: usize,
        e: &'a Entity,
        mentions: &[u32],
    ) -> EntityOut<'a> {
        let mention = |&m: &u32| {
            let m = &entities.mentions[m as usize];
            let article = corpus.articles.get(m.article())?;
            let text = article.text.get(m.span().range())?;
            Some(MentionOut {
                article: sanitize(&article.id),
                start: m.span().start,
                end: m.span().end,
                text: sanitize(text),
            })
        };
        EntityOut {
            id: format!("e{}", i + 1),
            name: sanitize(&e.name),
            kind: e.kind.label(),
            aliases: e.aliases.iter().map(|a| sanitize(&a.name)).collect(),
            alias_reasons: (e.aliases.iter())
                .map(|a| AliasOut {
                    name: sanitize(&a.name),
                    reason: sanitize(&a.reason),
                })
                .collect(),
            mentions: mentions.iter().filter_map(mention).collect(),
            value: e.value,
            unit: e.unit.as_deref().map(sanitize),
            kind_reason: sanitize(&e.kind_reason),
        }
    }
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
                kind_reason: String::new(),
            }],
            mentions: vec![Mention::new(0, Span::new(at, at + 8), 0)],
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
        let mut bytes = Vec::new();
        let document = EntitiesJson {
            corpus: &corpus,
            entities: &ents,
        };
        serde_json::to_writer_pretty(&mut bytes, &document).unwrap();
        assert_eq!(serde_json::from_slice::<Value>(&bytes).unwrap(), v);
    }
}
