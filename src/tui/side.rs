//! The side panel's content: the entities mentioned in the open article, grouped by kind
//! (people, organisations, places, ... then figures), each with its number of mentions.

use crate::corpus::sanitize_line;
use crate::entities::{Entities, Kind};
use std::collections::BTreeMap;

/// One row of the side panel: a kind heading, or an entity under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideRow {
    pub kind: Kind,
    /// Index into the corpus entities; `None` for a heading row.
    pub entity: Option<usize>,
    /// The heading label or the entity's name, safe to display.
    pub label: String,
    /// Mentions of the entity, or of the whole kind for a heading.
    pub count: usize,
}

/// The rows for article `article`: kinds in their natural order, entities by mentions then
/// name.
pub fn rows(entities: &Entities, article: usize) -> Vec<SideRow> {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for m in entities.in_article(article) {
        *counts.entry(m.entity()).or_default() += 1;
    }
    let mut by_kind: BTreeMap<Kind, Vec<(usize, usize)>> = BTreeMap::new();
    for (entity, count) in counts {
        if let Some(e) = entities.entities.get(entity) {
            by_kind.entry(e.kind).or_default().push((entity, count));
        }
    }
    let mut rows = Vec::new();
    for (kind, mut list) in by_kind {
        list.sort_by(|a, b| {
            b.1.cmp(&a.1).then_with(|| {
                entities.entities[a.0]
                    .name
                    .cmp(&entities.entities[b.0].name)
            })
        });
        let total = list.iter().map(|(_, c)| c).sum();
        rows.push(SideRow {
            kind,
            entity: None,
            label: kind.label().to_owned(),
            count: total,
        });
        for (entity, count) in list {
            let label = sanitize_line(&entities.entities[entity].name);
            rows.push(SideRow {
                kind,
                entity: Some(entity),
                label,
                count,
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{Entity, Mention};
    use crate::text::Span;

    fn entity(name: &str, kind: Kind) -> Entity {
        Entity {
            name: name.into(),
            kind,
            aliases: vec![],
            value: None,
            unit: None,
            kind_reason: String::new(),
        }
    }

    #[test]
    fn groups_by_kind_with_counts() {
        let entities = Entities {
            entities: vec![
                entity("Chase", Kind::Org),
                entity("Mark\u{1b}[2J Zuckerberg", Kind::Per),
                entity("Facebook", Kind::Org),
            ],
            mentions: [(0, 0), (0, 2), (0, 2), (0, 1), (1, 0)]
                .iter()
                .enumerate()
                .map(|(i, &(article, entity))| Mention::new(article, Span::new(i, i + 1), entity))
                .collect(),
        };
        let r = rows(&entities, 0);
        let labels: Vec<(&str, usize)> = r.iter().map(|r| (r.label.as_str(), r.count)).collect();
        assert_eq!(
            labels,
            [
                ("PER", 1),
                ("Mark Zuckerberg", 1),
                ("ORG", 3),
                ("Facebook", 2),
                ("Chase", 1)
            ]
        );
        assert!(rows(&entities, 3).is_empty());
    }
}
