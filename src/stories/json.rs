//! The stories as JSON for scripts, and the facts of a corpus with the story each belongs
//! to. Article ids are those `recoupe articles --json` prints; every string from an
//! article goes through the sanitiser.

use super::{Stories, Story};
use crate::corpus::Corpus;
use crate::facts::{claim_json, claims, fact_json, updated_sources, FactFields, Facts};
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// `{"stories":[{"id","label","articles":[…],"dates":[first,last]|null,"sources":[…]}]}`:
/// every story, or only the story `only` (an index).
pub struct StoriesJson<'a> {
    pub corpus: &'a Corpus,
    pub stories: &'a Stories,
    pub only: Option<usize>,
}

#[derive(Serialize)]
struct StoryOut<'a> {
    id: String,
    label: String,
    articles: Vec<&'a str>,
    dates: Option<[String; 2]>,
    sources: Vec<String>,
}

impl<'a> StoryOut<'a> {
    fn new(corpus: &'a Corpus, i: usize, story: &Story) -> StoryOut<'a> {
        StoryOut {
            id: Stories::id(i),
            label: story.label(corpus),
            articles: (story.articles.iter())
                .filter_map(|&a| corpus.articles.get(a).map(|a| a.id.as_str()))
                .collect(),
            dates: story.dates(corpus).map(|(a, b)| [a, b]),
            sources: story.sources(corpus),
        }
    }
}

impl Serialize for StoriesJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut doc = serializer.serialize_struct("Stories", 1)?;
        let list = (self.stories.stories.iter().enumerate())
            .filter(|(i, _)| self.only.is_none_or(|o| o == *i))
            .map(|(i, s)| StoryOut::new(self.corpus, i, s))
            .collect::<Vec<_>>();
        doc.serialize_field("stories", &list)?;
        doc.end()
    }
}

/// `{"facts":[{"story","id","label","passages","discrepancies"}],"claims":[{"story",…}]}`:
/// the facts (and claims) of every
/// story, or of the story `only` (an index), each naming its story. Fact ids are the same
/// with or without `only`.
pub struct StoryFactsJson<'a> {
    pub corpus: &'a Corpus,
    pub facts: &'a Facts,
    pub stories: &'a Stories,
    pub only: Option<usize>,
    /// What a later pass (the sources) adds to each fact and passage.
    pub fields: Option<&'a dyn FactFields>,
}

#[derive(Serialize)]
struct InStory<F: Serialize> {
    story: String,
    #[serde(flatten)]
    fact: F,
}

impl Serialize for StoryFactsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Claims gather disagreements through values of one article, so a claim never
        // spans two stories: those of the whole corpus, filtered, are each story's.
        let all = claims::claims(self.corpus, &self.facts.facts);
        let story_of_claim = |c: &claims::Claim| {
            (c.values.first()).and_then(|v| self.stories.of_article.get(v.article).copied())
        };
        let mut doc = serializer.serialize_struct("Facts", 2)?;
        doc.serialize_field("facts", &FactList(self, &updated_sources(&all)))?;
        let listed: Vec<_> = (all.iter().enumerate())
            .filter(|(_, c)| {
                self.only
                    .is_none_or(|s| story_of_claim(c) == Some(s as u32))
            })
            .map(|(n, c)| InStory {
                story: story_of_claim(c).map_or_else(String::new, |s| Stories::id(s as usize)),
                fact: claim_json(self.corpus, n, c),
            })
            .collect();
        doc.serialize_field("claims", &listed)?;
        doc.end()
    }
}

struct FactList<'a>(&'a StoryFactsJson<'a>, &'a [(usize, usize)]);

impl Serialize for FactList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let StoryFactsJson {
            corpus,
            facts,
            stories,
            only,
            fields,
        } = self.0;
        let story_of = |f: &crate::facts::Fact| {
            (f.passages.first()).and_then(|p| stories.of_article.get(p.article).copied())
        };
        let shared = (facts.facts.iter().enumerate()).filter(|(_, f)| f.article_count() > 1);
        let listed = (shared.enumerate())
            .filter(|(_, (_, f))| only.is_none_or(|s| story_of(f) == Some(s as u32)))
            .map(|(n, (i, f))| InStory {
                story: story_of(f).map_or_else(String::new, |s| Stories::id(s as usize)),
                fact: fact_json(corpus, n, i, f, self.1, *fields),
            });
        serializer.collect_seq(listed)
    }
}
