//! The sources of one story (or any set of articles): who its articles cite, through which
//! medium, by which outlets and on how many of its facts, anonymous sources apart; each
//! article's own share of text and the pairs of its articles that share text, largest
//! first. The reader's sources window shows it; it walks only the story's articles, so it
//! costs what the story is, not what the collection is.

use super::origins::{self, Key};
use super::reuse::Pair;
use super::{describe, Sources};
use crate::corpus::Corpus;
use crate::entities::Entities;
use crate::facts::Facts;
use std::collections::{BTreeSet, HashMap};

/// One source cited in the story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    /// Who: "JPMorgan Chase (Patricia Wexler)", "une source bancaire", "Wall Street Journal".
    pub name: String,
    /// Described, not named.
    pub anonymous: bool,
    /// An outlet given as the source ("selon le Wall Street Journal").
    pub outlet: bool,
    /// The media it spoke to, as written first.
    pub media: Vec<String>,
    /// The articles citing it, in order.
    pub articles: Vec<usize>,
    /// The facts (reported by several articles) its sentences belong to.
    pub facts: usize,
    /// Its sentences as (article, sentence), in order.
    pub sentences: Vec<(usize, usize)>,
}

/// One article's share of text that no other article has.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Own {
    pub article: usize,
    pub share: f32,
    /// It also shares text with articles outside the story, so its own share within the
    /// story is at least `share`.
    pub at_least: bool,
}

/// What [`of_articles`] finds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StorySources {
    /// Named sources first, most cited first; then the anonymous ones.
    pub cited: Vec<Cited>,
    pub own: Vec<Own>,
    /// Pairs of the story's articles sharing text, the largest share first.
    pub pairs: Vec<Pair>,
}

impl StorySources {
    /// How many of the cited sources are anonymous.
    pub fn anonymous(&self) -> usize {
        self.cited.iter().filter(|c| c.anonymous).count()
    }
}

/// The sources of `articles` (indices into the corpus; out of range ones are skipped).
pub fn of_articles(
    corpus: &Corpus,
    entities: &Entities,
    facts: &Facts,
    sources: &Sources,
    articles: &[usize],
) -> StorySources {
    let inside: BTreeSet<usize> = (articles.iter().copied())
        .filter(|&a| a < corpus.articles.len())
        .collect();
    let mut keys: HashMap<Key, usize> = HashMap::new();
    let mut groups: Vec<(Cited, BTreeSet<usize>, Vec<String>)> = Vec::new();
    for &a in &inside {
        for at in sources.attributions.get(a).into_iter().flatten() {
            let key = origins::key(sources, a, at.sentence);
            if matches!(key, Key::Outlet(_)) {
                continue;
            }
            let next = groups.len();
            let i = *keys.entry(key.clone()).or_insert(next);
            if i == next {
                groups.push((
                    first_cited(corpus, entities, &key, at),
                    BTreeSet::new(),
                    Vec::new(),
                ));
            }
            let (cited, fs, persons) = &mut groups[i];
            cited.sentences.push((a, at.sentence));
            if cited.articles.last() != Some(&a) {
                cited.articles.push(a);
            }
            if let Some(m) = describe::medium(entities, at).filter(|_| !cited.outlet) {
                if !cited.media.contains(&m) {
                    cited.media.push(m);
                }
            }
            if let (Key::Entity(e), Some(p)) = (&key, at.speaker_entity) {
                let name = entities.entities.get(p).map(|x| x.name.clone());
                if let Some(name) = name.filter(|_| p != *e) {
                    if !persons.contains(&name) {
                        persons.push(name);
                    }
                }
            }
            let ids = facts.by_sentence.get(&(a, at.sentence));
            for &f in ids.into_iter().flatten() {
                if facts.facts.get(f).is_some_and(|x| x.article_count() > 1) {
                    fs.insert(f);
                }
            }
        }
    }
    let mut cited: Vec<Cited> = groups
        .into_iter()
        .map(|(mut c, fs, persons)| {
            c.facts = fs.len();
            if !persons.is_empty() {
                let shown: Vec<String> = persons
                    .iter()
                    .take(2)
                    .map(|p| crate::corpus::sanitize_line(p))
                    .collect();
                c.name = format!("{} ({})", c.name, shown.join(", "));
            }
            c
        })
        .collect();
    cited.sort_by_key(|c| {
        (
            c.anonymous,
            std::cmp::Reverse(c.articles.len()),
            std::cmp::Reverse(c.facts),
            std::cmp::Reverse(c.sentences.len()),
        )
    });
    let (own, pairs) = reuse_within(sources, &inside);
    StorySources { cited, own, pairs }
}

/// A group's entry as its first attribution names it.
fn first_cited(corpus: &Corpus, entities: &Entities, key: &Key, at: &super::Attribution) -> Cited {
    let name = match key {
        Key::Entity(e) => entities
            .entities
            .get(*e)
            .map(|x| crate::corpus::sanitize_line(&x.name)),
        Key::Medium(_) => describe::medium(entities, at),
        _ => describe::speaker(corpus, entities, at),
    };
    Cited {
        name: name.unwrap_or_default(),
        anonymous: matches!(key, Key::Anonymous(_)),
        outlet: matches!(key, Key::Medium(_)),
        media: Vec::new(),
        articles: Vec::new(),
        facts: 0,
        sentences: Vec::new(),
    }
}

/// Each article's own share, and the pairs inside the story, largest share first.
fn reuse_within(sources: &Sources, inside: &BTreeSet<usize>) -> (Vec<Own>, Vec<Pair>) {
    let reuse = &sources.reuse;
    let mut outside: BTreeSet<usize> = BTreeSet::new();
    let mut pairs: Vec<Pair> = Vec::new();
    for p in &reuse.pairs {
        match (inside.contains(&p.a), inside.contains(&p.b)) {
            (true, true) => pairs.push(*p),
            (true, false) => {
                outside.insert(p.a);
            }
            (false, true) => {
                outside.insert(p.b);
            }
            (false, false) => {}
        }
    }
    pairs.sort_by(|x, y| {
        let big = |p: &Pair| p.share_a.max(p.share_b);
        big(y).total_cmp(&big(x)).then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    let own = (inside.iter())
        .map(|&a| Own {
            article: a,
            share: reuse.own.get(a).copied().unwrap_or(1.0),
            at_least: outside.contains(&a),
        })
        .collect();
    (own, pairs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, Meta};
    use crate::facts::{Fact, Passage};

    const TEXTS: [&str; 3] = [
        "Voltra is recalling 84,000 electric bicycles because their batteries can overheat, chief executive Lotte Brink said on Tuesday.",
        "The Dutch maker will call back 84,000 bikes whose batteries may catch fire, Lotte Brink told Reuters.",
        "Some 84,000 e-bikes are being called back after a string of battery fires, a person familiar with the matter told Reuters.",
    ];

    #[test]
    fn a_source_quoted_by_two_outlets_is_listed_once_and_anonymous_ones_after() {
        let articles = TEXTS
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Article::new(
                    format!("a{i}"),
                    format!("T{i}"),
                    "a.txt".into(),
                    (*t).into(),
                    Meta::default(),
                )
            })
            .collect();
        let c = Corpus {
            articles,
            ..Corpus::default()
        };
        let entities = crate::entities::analyse(&c);
        let passage = |a: usize| Passage {
            article: a,
            sentence: 0,
            span: c.articles[a].structure.sentences[0].span,
        };
        let facts = Facts::new(vec![Fact {
            label: String::new(),
            passages: vec![passage(0), passage(1), passage(2)],
            discrepancies: Vec::new(),
        }]);
        let sources = super::super::analyse(
            &c,
            &entities,
            &facts,
            &crate::stories::Stories::one(c.articles.len()),
        );
        let story = of_articles(&c, &entities, &facts, &sources, &[0, 1, 2, 99]);
        assert_eq!(story.own.len(), 3, "the index out of range is skipped");
        let named: Vec<&Cited> = story.cited.iter().filter(|x| !x.anonymous).collect();
        assert_eq!(named.len(), 1, "{story:?}");
        assert!(named[0].name.contains("Lotte Brink"), "{story:?}");
        assert_eq!(named[0].articles, [0, 1]);
        assert_eq!(named[0].facts, 1);
        assert_eq!(named[0].media, ["Reuters"]);
        assert_eq!(story.anonymous(), 1, "{story:?}");
        assert!(story.cited.last().unwrap().anonymous);
        let only_one = of_articles(&c, &entities, &facts, &sources, &[1]);
        assert_eq!(only_one.cited[0].articles, [1]);
    }
}
