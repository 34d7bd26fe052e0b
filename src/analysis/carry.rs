//! The last analysis of a folder, carried over to the folder as it is now: when a few
//! articles were added, removed or changed, the entities and facts of the others are
//! shown at once while the new analysis runs (at 100,000 articles, a few seconds instead of
//! about a minute). The new analysis then replaces it whole; its entities and facts are
//! those of a fresh analysis, and its stories are the carried ones grown by the new
//! articles ([`crate::stories::grow`]), so stories keep their articles from one opening to
//! the next.
//!
//! An article is the same one when its content hash and language are the same: its text,
//! hence its sentences and every offset into it, are too. What the unchanged articles said
//! stays; what only the other articles said goes (their mentions and passages, entities
//! and facts left without them, disagreements whose other side is gone). What the new
//! articles say is not there until the new analysis lands.

use crate::corpus::Corpus;
use crate::entities::{Entity, Mention};
use crate::facts::{self, Fact, FigureValue, Passage};
use std::collections::HashMap;

/// How an analysis was carried over.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Carried {
    /// Articles of the corpus the analysis speaks of (unchanged since it was made).
    pub kept: usize,
    /// Articles of the corpus it knows nothing of (added or changed).
    pub new: usize,
    /// Articles it spoke of that the corpus no longer has.
    pub gone: usize,
}

/// For each article an analysis was made for (content hash and language code, in its
/// order), the index of the same article in `corpus`, if it is still there. Two copies of
/// one text are matched in order.
pub(crate) fn article_map<'a>(
    before: impl IntoIterator<Item = (&'a str, &'a str)>,
    corpus: &Corpus,
) -> (Vec<Option<usize>>, Carried) {
    let mut now: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, a) in corpus.articles.iter().enumerate().rev() {
        now.entry((a.hash.as_str(), a.language.code()))
            .or_default()
            .push(i);
    }
    let map: Vec<Option<usize>> = before
        .into_iter()
        .map(|key| now.get_mut(&key).and_then(Vec::pop))
        .collect();
    let kept = map.iter().flatten().count();
    let carried = Carried {
        kept,
        new: corpus.articles.len() - kept,
        gone: map.len() - kept,
    };
    (map, carried)
}

/// The entities and mentions of the articles `map` keeps, numbered for the corpus it maps
/// to: mentions sorted by article (in text order within one), entities left without a
/// mention dropped, the others in their order. Every mention names one of `entities` (the
/// caller checks it first: a stored analysis is not trusted).
pub(crate) fn carry_entities(
    entities: Vec<Entity>,
    mentions: Vec<Mention>,
    map: &[Option<usize>],
) -> (Vec<Entity>, Vec<Mention>) {
    let mut mentions: Vec<Mention> = mentions
        .into_iter()
        .filter_map(|m| {
            let article = (*map.get(m.article())?)?;
            Some(m.in_article(article))
        })
        .collect();
    mentions.sort_by_key(|m| m.article());
    // The entities still mentioned, numbered in their order.
    let mut number: Vec<Option<usize>> = vec![None; entities.len()];
    for m in &mentions {
        number[m.entity()] = Some(0);
    }
    for (next, n) in number.iter_mut().flatten().enumerate() {
        *n = next;
    }
    let entities = (entities.into_iter().zip(&number))
        .filter_map(|(e, n)| n.map(|_| e))
        .collect();
    for m in &mut mentions {
        *m = m.of_entity(number[m.entity()].unwrap_or(m.entity()));
    }
    (entities, mentions)
}

/// The facts still reported by two articles `map` keeps, their passages and disagreeing
/// figures numbered for `corpus`; a disagreement stays while two of its values differ, a
/// label taken from a passage that is gone is taken again from the first one left.
pub(crate) fn carry_facts(facts: Vec<Fact>, map: &[Option<usize>], corpus: &Corpus) -> Vec<Fact> {
    let moved = |article: &mut usize| match map.get(*article).copied().flatten() {
        Some(a) => {
            *article = a;
            true
        }
        None => false,
    };
    let label_of = |p: &Passage| -> Option<String> {
        let text = corpus.articles.get(p.article)?.text.get(p.span.range())?;
        Some(facts::trim_label(text))
    };
    facts
        .into_iter()
        .filter_map(|mut fact| {
            let before = fact.passages.len();
            fact.passages.retain_mut(|p| moved(&mut p.article));
            fact.passages.sort_by_key(|p| (p.article, p.sentence));
            if fact.article_count() < 2 {
                return None;
            }
            for d in &mut fact.discrepancies {
                d.values.retain_mut(|v| moved(&mut v.article));
            }
            fact.discrepancies.retain(|d| differ(&d.values));
            let same = |p: &Passage| label_of(p).as_deref() == Some(fact.label.as_str());
            if fact.passages.len() < before && !fact.passages.iter().any(same) {
                fact.label = fact.passages.first().and_then(label_of).unwrap_or_default();
            }
            Some(fact)
        })
        .collect()
}

/// True when two of `values` differ.
fn differ(values: &[FigureValue]) -> bool {
    let mut rest = values.iter();
    let Some(first) = rest.next() else {
        return false;
    };
    rest.any(|v| v.value != first.value || v.unit != first.unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, Meta};
    use crate::entities::Kind;
    use crate::facts::Discrepancy;
    use crate::text::Span;

    fn keys(corpus: &Corpus) -> Vec<(&str, &str)> {
        let each = corpus.articles.iter();
        each.map(|a| (a.hash.as_str(), a.language.code())).collect()
    }

    fn article(id: &str, text: &str) -> Article {
        let (id, path) = (id.to_owned(), format!("{id}.txt"));
        Article::new(id, "Titre".into(), path, text.into(), Meta::default())
    }

    /// The bundled corpus with its second article gone and one new at the end.
    fn changed(whole: &Corpus) -> Corpus {
        let mut now = whole.clone();
        now.articles.remove(1);
        now.articles
            .push(article("neuf", "Un titre\n\nUn texte neuf."));
        now
    }

    #[test]
    fn unchanged_articles_keep_what_the_last_analysis_said_of_them() {
        let whole = Corpus::bundled();
        let before = crate::analysis::analyse(&whole);
        let now = changed(&whole);
        let (map, carried) = article_map(keys(&whole), &now);
        let n = whole.articles.len();
        let expected = Carried {
            kept: n - 1,
            new: 1,
            gone: 1,
        };
        assert_eq!(carried, expected);
        let e = before.entities.clone();
        let (entities, mentions) = carry_entities(e.entities, e.mentions, &map);
        assert!(entities.len() <= before.entities.entities.len());
        assert!(mentions
            .windows(2)
            .all(|w| w[0].article() <= w[1].article()));
        for (old, new) in map.iter().enumerate() {
            let said = |ms: &[Mention], es: &[Entity]| -> Vec<(Span, String, Kind)> {
                let each = ms.iter().map(|m| (m.span(), &es[m.entity()]));
                each.map(|(s, e)| (s, e.name.clone(), e.kind)).collect()
            };
            let then = said(before.entities.in_article(old), &before.entities.entities);
            let Some(new) = *new else { continue };
            let lo = mentions.partition_point(|m| m.article() < new);
            let hi = mentions.partition_point(|m| m.article() <= new);
            assert!(!then.is_empty());
            assert_eq!(said(&mentions[lo..hi], &entities), then, "article {old}");
        }
        assert!(
            mentions.iter().all(|m| m.article() != n - 1),
            "new: nothing yet"
        );
        let used: std::collections::HashSet<usize> = mentions.iter().map(|m| m.entity()).collect();
        assert_eq!(used.len(), entities.len(), "no entity without a mention");

        let facts = carry_facts(before.facts.facts.clone(), &map, &now);
        assert!(!facts.is_empty() && facts.len() <= before.facts.facts.len());
        let old_of = |a: usize| map.iter().position(|&m| m == Some(a)).unwrap();
        for f in &facts {
            assert!(f.article_count() >= 2);
            assert!(f.passages.iter().all(|p| p.article != n - 1));
            let then: Vec<(usize, usize)> = (f.passages.iter())
                .map(|p| (old_of(p.article), p.sentence))
                .collect();
            assert!(
                (before.facts.facts.iter()).any(|g| then
                    .iter()
                    .all(|x| g.passages.iter().any(|p| (p.article, p.sentence) == *x))),
                "every fact carried was one before: {}",
                f.label
            );
            let labels: Vec<String> = (f.passages.iter())
                .map(|p| facts::trim_label(now.articles[p.article].slice(p.span)))
                .collect();
            assert!(labels.contains(&f.label), "{}", f.label);
        }
    }

    #[test]
    fn a_disagreement_whose_other_side_is_gone_goes_and_so_does_its_label() {
        let texts = [
            "Le coût atteint 100 millions.",
            "Le coût atteint 119 millions.",
            "Le coût atteint 100 millions d'euros.",
        ];
        let corpus = Corpus {
            articles: (texts.iter().enumerate())
                .map(|(i, t)| article(&format!("a{i}"), t))
                .collect(),
            ..Corpus::default()
        };
        let passage = |article: usize| Passage {
            article,
            sentence: 0,
            span: corpus.articles[article].structure.sentences[0].span,
        };
        let value = |article: usize, value: f64| FigureValue {
            article,
            span: passage(article).span,
            value,
            unit: "EUR".into(),
            approximate: false,
        };
        let fact = Fact {
            label: facts::trim_label(texts[1]),
            passages: vec![passage(0), passage(1), passage(2)],
            discrepancies: vec![Discrepancy {
                kind: Kind::Money,
                values: vec![value(0, 1e8), value(1, 1.19e8), value(2, 1e8)],
                measure: String::new(),
            }],
        };
        let (map, _) = article_map(keys(&corpus), &corpus);
        let same = carry_facts(vec![fact.clone()], &map, &corpus);
        assert_eq!(same, vec![fact.clone()], "nothing changed, nothing moves");

        let mut now = corpus.clone();
        now.articles.remove(1);
        let (map, carried) = article_map(keys(&corpus), &now);
        assert_eq!((carried.kept, carried.gone, carried.new), (2, 1, 0));
        let facts = carry_facts(vec![fact.clone()], &map, &now);
        assert_eq!(facts.len(), 1);
        let left: Vec<usize> = facts[0].passages.iter().map(|p| p.article).collect();
        assert_eq!(left, [0, 1]);
        assert!(facts[0].discrepancies.is_empty(), "100 and 100 agree");
        assert_eq!(facts[0].label, facts::trim_label(texts[0]));

        now.articles.remove(0);
        let (map, _) = article_map(keys(&corpus), &now);
        assert!(
            carry_facts(vec![fact], &map, &now).is_empty(),
            "one article left"
        );
    }

    #[test]
    fn copies_of_one_text_are_matched_in_order_and_a_language_change_is_new() {
        let a = article(
            "a",
            "Un texte en français, assez long pour être reconnu comme tel.",
        );
        let b = article("b", &a.text);
        let c = article(
            "c",
            "Another text, in English, long enough to be told apart.",
        );
        let before = Corpus {
            articles: vec![a.clone(), b.clone(), c.clone()],
            ..Corpus::default()
        };
        let now = Corpus {
            articles: vec![c.clone(), a, b],
            ..Corpus::default()
        };
        let (map, carried) = article_map(keys(&before), &now);
        assert_eq!(map, [Some(1), Some(2), Some(0)]);
        assert_eq!((carried.kept, carried.new, carried.gone), (3, 0, 0));
        let mut other = c.clone();
        other.language = crate::text::Language("de".into());
        let now = Corpus {
            articles: vec![other],
            ..Corpus::default()
        };
        let (map, carried) = article_map(keys(&before), &now);
        assert_eq!(map, [None, None, None]);
        assert_eq!((carried.kept, carried.new, carried.gone), (0, 1, 3));
    }
}
