//! The reader's corrections of the recogniser: an entity's kind changed, two entities made
//! one, an alias split off into an entity of its own, a name that is no entity at all. The
//! machine's analysis stays as it was made (and cached); corrections are applied over it
//! each time it is shown or printed, so that one made today still applies after an article
//! changes or the analysis is made again.
//!
//! A correction names entities by their text (the canonical name or any alias, compared
//! without case or accents), never by index: indices change with every analysis, names
//! mostly do not. Corrections apply in the order they were made; one whose entity is no
//! longer found does nothing and says so.

use super::{Alias, Entities, Entity, Kind};
use crate::corpus::Corpus;
use crate::text::fold;
use serde::{Deserialize, Serialize};

/// One correction, as the notes store keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// A UUID, unique across processes: two readers' corrections merge by it.
    pub id: String,
    /// RFC 3339 UTC; corrections apply oldest first.
    pub created: String,
    #[serde(flatten)]
    pub change: Change,
}

/// What a correction changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// The entity named `entity` is of kind `kind`.
    Kind { entity: String, kind: Kind },
    /// The entity named `entity` is the entity named `into`.
    Merge { entity: String, into: String },
    /// The mentions written `alias` of the entity named `entity` are an entity of their own.
    Split { entity: String, alias: String },
    /// The entity named `text` is no entity: its mentions are dropped (with no entity of
    /// that name, the mentions written `text`).
    NotEntity { text: String },
    /// Text written `text` in the article of id `article` is no entity there: its mentions
    /// in that article are dropped, those elsewhere stay.
    NotEntityIn { article: String, text: String },
}

impl Change {
    /// One line for the reader and the exports ("kind of Manila: LOC").
    pub fn describe(&self) -> String {
        match self {
            Change::Kind { entity, kind } => format!("kind of {entity}: {}", kind.label()),
            Change::Merge { entity, into } => format!("{entity} is {into}"),
            Change::Split { entity, alias } => format!("{alias} is not {entity}"),
            Change::NotEntity { text } => format!("{text} is not an entity"),
            Change::NotEntityIn { article, text } => {
                format!("{text} is not an entity in {article}")
            }
        }
    }
}

/// What applying corrections did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// The entities a correction changed (indices after applying).
    pub corrected: Vec<usize>,
    /// The corrections that found nothing to change, described.
    pub unmatched: Vec<String>,
}

/// The index of the entity named `name` (its name first, else an alias), if any has
/// mentions.
pub fn find(entities: &Entities, name: &str) -> Option<usize> {
    let key = fold(name.trim());
    let live = live(entities);
    let by_name =
        (entities.entities.iter().enumerate()).position(|(i, e)| live[i] && fold(&e.name) == key);
    by_name.or_else(|| {
        (entities.entities.iter().enumerate())
            .position(|(i, e)| live[i] && e.aliases.iter().any(|a| fold(&a.name) == key))
    })
}

/// The text of mention `m`, folded, as its article writes it.
fn written(corpus: &Corpus, m: &super::Mention) -> Option<String> {
    let article = corpus.articles.get(m.article())?;
    article.text.get(m.span().start..m.span().end).map(fold)
}

/// Which entities still have mentions.
fn live(entities: &Entities) -> Vec<bool> {
    let mut live = vec![false; entities.entities.len()];
    for m in &entities.mentions {
        if let Some(l) = live.get_mut(m.entity()) {
            *l = true;
        }
    }
    live
}

/// Applies `corrections` to `entities` (of `corpus`), oldest first. An entity merged into
/// another or left without mentions keeps its index with no mentions and no aliases, so
/// that indices held elsewhere stay valid; lists built from mentions never show it.
pub fn apply(entities: &mut Entities, corpus: &Corpus, corrections: &[Correction]) -> Applied {
    let mut order: Vec<&Correction> = corrections.iter().collect();
    order.sort_by(|a, b| (&a.created, &a.id).cmp(&(&b.created, &b.id)));
    let mut applied = Applied::default();
    for c in order {
        let day = c.created.get(..10).unwrap_or(&c.created);
        match apply_one(entities, corpus, &c.change, day) {
            Some(e) => applied.corrected.push(e),
            None => applied.unmatched.push(c.change.describe()),
        }
    }
    applied.corrected.sort_unstable();
    applied.corrected.dedup();
    applied
}

/// Applies one change; the entity it changed, or `None` when it found nothing to change.
fn apply_one(
    entities: &mut Entities,
    corpus: &Corpus,
    change: &Change,
    day: &str,
) -> Option<usize> {
    match change {
        Change::Kind { entity, kind } => {
            let e = find(entities, entity)?;
            let target = &mut entities.entities[e];
            let was = target.kind;
            target.kind = *kind;
            target.kind_reason = format!("set by hand on {day} (was {})", was.label());
            target.aliases.push(Alias {
                name: target.name.clone(),
                reason: format!(
                    "kind set to {} by hand on {day} (was {})",
                    kind.label(),
                    was.label()
                ),
            });
            Some(e)
        }
        Change::Merge { entity, into } => {
            let from = find(entities, entity)?;
            let to = find(entities, into)?;
            if from == to {
                return None;
            }
            for m in entities.mentions.iter_mut() {
                if m.entity() == from {
                    *m = m.of_entity(to);
                }
            }
            let moved = std::mem::take(&mut entities.entities[from].aliases);
            let name = entities.entities[from].name.clone();
            let target = &mut entities.entities[to];
            target.aliases.push(Alias {
                name,
                reason: format!("joined by hand on {day}"),
            });
            for alias in moved {
                if !target.aliases.iter().any(|a| a.name == alias.name) {
                    target.aliases.push(alias);
                }
            }
            Some(to)
        }
        Change::Split { entity, alias } => {
            let from = find(entities, entity)?;
            let key = fold(alias.trim());
            let new = entities.entities.len();
            let mut moved = 0;
            for m in entities.mentions.iter_mut() {
                if m.entity() == from && written(corpus, m).as_deref() == Some(key.as_str()) {
                    *m = m.of_entity(new);
                    moved += 1;
                }
            }
            if moved == 0 {
                return None;
            }
            let source = &mut entities.entities[from];
            source.aliases.retain(|a| fold(&a.name) != key);
            let kind = source.kind;
            entities.entities.push(Entity {
                name: alias.trim().to_owned(),
                kind,
                aliases: vec![Alias {
                    name: alias.trim().to_owned(),
                    reason: format!("split off {entity} by hand on {day}"),
                }],
                value: None,
                unit: None,
                kind_reason: format!("the kind of {entity}, split off by hand"),
            });
            Some(new)
        }
        Change::NotEntityIn { article, text } => {
            let a = corpus.position(article)?;
            let key = fold(text.trim());
            let mut touched = None;
            entities.mentions.retain(|m| {
                let drop = m.article() == a && written(corpus, m).as_deref() == Some(key.as_str());
                if drop {
                    touched = Some(m.entity());
                }
                !drop
            });
            touched
        }
        Change::NotEntity { text } => {
            // An entity of that name loses every mention, however written; else the
            // mentions written so are dropped, whichever entity they were given to.
            if let Some(e) = find(entities, text) {
                entities.mentions.retain(|m| m.entity() != e);
                return Some(e);
            }
            let key = fold(text.trim());
            let before = entities.mentions.len();
            let mut touched = None;
            entities.mentions.retain(|m| {
                let drop = written(corpus, m).as_deref() == Some(key.as_str());
                if drop {
                    touched = Some(m.entity());
                }
                !drop
            });
            (entities.mentions.len() < before)
                .then_some(touched)
                .flatten()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, Meta};
    use crate::entities::Mention;
    use crate::text::Span;

    const TEXT: &str = "Manila Port met Calayan. Manila said Port Calayan grew.";

    fn corpus() -> Corpus {
        let article = Article::new(
            "a".into(),
            "A".into(),
            "a.txt".into(),
            TEXT.into(),
            Meta::default(),
        );
        Corpus {
            articles: vec![article],
            warnings: Vec::new(),
        }
    }

    fn at(word: &str, nth: usize) -> Span {
        let start = TEXT.match_indices(word).nth(nth).unwrap().0;
        Span::new(start, start + word.len())
    }

    fn entity(name: &str, kind: Kind, aliases: &[&str]) -> Entity {
        Entity {
            name: name.into(),
            kind,
            aliases: (aliases.iter())
                .map(|a| Alias {
                    name: (*a).into(),
                    reason: "same name".into(),
                })
                .collect(),
            value: None,
            unit: None,
            kind_reason: String::new(),
        }
    }

    /// "Manila Port" (ORG, alias "Manila"), "Calayan" (ORG), "Port Calayan" (LOC).
    fn entities() -> Entities {
        Entities {
            entities: vec![
                entity("Manila Port", Kind::Org, &["Manila Port", "Manila"]),
                entity("Calayan", Kind::Org, &["Calayan"]),
                entity("Port Calayan", Kind::Loc, &["Port Calayan"]),
            ],
            mentions: vec![
                Mention::new(0, at("Manila Port", 0), 0),
                Mention::new(0, at("Calayan", 0), 1),
                Mention::new(0, at("Manila", 1), 0),
                Mention::new(0, at("Port Calayan", 0), 2),
            ],
        }
    }

    fn correction(n: u8, change: Change) -> Correction {
        Correction {
            id: format!("id{n}"),
            created: format!("2026-12-0{n}T10:00:00Z"),
            change,
        }
    }

    #[test]
    fn a_kind_is_set_by_name_or_alias_and_says_so_in_the_reasons() {
        let mut e = entities();
        let kind = Change::Kind {
            entity: "manila".into(),
            kind: Kind::Loc,
        };
        let applied = apply(&mut e, &corpus(), &[correction(1, kind)]);
        assert_eq!(applied.corrected, [0]);
        assert_eq!(e.entities[0].kind, Kind::Loc);
        let reason = &e.entities[0].aliases.last().unwrap().reason;
        assert!(reason.contains("by hand on 2026-12-01") && reason.contains("was ORG"));
        assert!(e.entities[0].kind_reason.starts_with("set by hand"));
    }

    #[test]
    fn merging_moves_every_mention_and_alias_and_the_old_name_finds_the_new_entity() {
        let mut e = entities();
        let merge = Change::Merge {
            entity: "Calayan".into(),
            into: "Port Calayan".into(),
        };
        let kind = Change::Kind {
            entity: "Calayan".into(),
            kind: Kind::Loc,
        };
        let applied = apply(
            &mut e,
            &corpus(),
            &[correction(2, kind), correction(1, merge)],
        );
        assert!(applied.unmatched.is_empty(), "{:?}", applied.unmatched);
        assert_eq!(e.mentions_of(1).count(), 0);
        assert_eq!(e.mentions_of(2).count(), 2);
        assert!(e.entities[1].aliases.is_empty());
        assert!(e.entities[2].aliases.iter().any(|a| a.name == "Calayan"));
    }

    #[test]
    fn an_alias_split_off_takes_its_mentions_to_a_new_entity() {
        let mut e = entities();
        let split = Change::Split {
            entity: "Manila Port".into(),
            alias: "Manila".into(),
        };
        let applied = apply(&mut e, &corpus(), &[correction(1, split)]);
        assert_eq!(applied.corrected, [3]);
        assert_eq!(e.entities[3].name, "Manila");
        assert_eq!(e.mentions_of(3).count(), 1);
        assert_eq!(e.mentions_of(0).count(), 1);
        assert!(!e.entities[0].aliases.iter().any(|a| a.name == "Manila"));
    }

    #[test]
    fn no_entity_drops_its_mentions_and_a_lost_name_is_reported() {
        let mut e = entities();
        let not = Change::NotEntity {
            text: "Port Calayan".into(),
        };
        let gone = Change::Kind {
            entity: "Quezon".into(),
            kind: Kind::Per,
        };
        let applied = apply(
            &mut e,
            &corpus(),
            &[correction(1, not), correction(2, gone)],
        );
        assert_eq!(e.mentions.len(), 3);
        assert_eq!(e.mentions_of(2).count(), 0);
        assert_eq!(applied.unmatched, ["kind of Quezon: PER"]);
        assert_eq!(
            find(&e, "Port Calayan"),
            None,
            "an entity without mentions is not found"
        );
    }

    #[test]
    fn a_name_is_no_entity_in_one_article_only() {
        let mut two = corpus();
        let mut other = two.articles[0].clone();
        other.id = "b".into();
        two.articles.push(other);
        let mut e = entities();
        let copied: Vec<Mention> = e.mentions.iter().map(|m| m.in_article(1)).collect();
        e.mentions.extend(copied);
        let here = Change::NotEntityIn {
            article: "b".into(),
            text: "calayan".into(),
        };
        let applied = apply(&mut e, &two, &[correction(1, here)]);
        assert_eq!(applied.corrected, [1]);
        let of = |a: usize| {
            e.mentions
                .iter()
                .filter(|m| m.entity() == 1 && m.article() == a)
                .count()
        };
        assert_eq!((of(0), of(1)), (1, 0));
        let nowhere = Change::NotEntityIn {
            article: "gone".into(),
            text: "Calayan".into(),
        };
        assert_eq!(
            apply(&mut e, &two, &[correction(2, nowhere)])
                .unmatched
                .len(),
            1
        );
    }

    #[test]
    fn corrections_read_back_from_json() {
        let c = correction(
            1,
            Change::Merge {
                entity: "A".into(),
                into: "B".into(),
            },
        );
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.contains(r#""change":"merge""#), "{json}");
        let back: Correction = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
    }
}
