//! `recoupe stories`, and `--story ID` on the other printing commands: the same analysis,
//! narrowed to one story. A story id that the collection does not have is a one-line error
//! naming the ids it has.

use super::args::Report;
use super::open::open;
use super::{print, print_json};
use crate::analysis::{Analysis, Lexicon};
use crate::corpus::{self, Corpus};
use crate::entities::{Entities, EntitiesJson};
use crate::facts::Facts;
use crate::stories::{Stories, StoriesJson, StoryFactsJson};
use anyhow::Result;
use std::io::{self, Write};
use std::sync::Arc;

/// The index of the story `--story` names, if any.
fn chosen(stories: &Stories, id: Option<&str>) -> Result<Option<usize>> {
    let Some(id) = id else { return Ok(None) };
    match stories.position(id) {
        Some(i) => Ok(Some(i)),
        None => anyhow::bail!(
            "no story '{}' in these articles (they make {} {}: s1 to s{})",
            corpus::sanitize_line(id),
            stories.stories.len(),
            if stories.stories.len() == 1 {
                "story"
            } else {
                "stories"
            },
            stories.stories.len()
        ),
    }
}

/// Loads and analyses the articles of a report, with the story it names.
fn analysed(a: &Report, lexicon: &Arc<Lexicon>) -> Result<(Arc<Corpus>, Analysis, Option<usize>)> {
    let (corpus, mut analysis) = open(&a.inputs, Some(lexicon))?.analysis()?;
    super::notes::apply_corrections(&corpus, &mut analysis.entities, &a.data);
    let only = chosen(&analysis.stories, a.story.as_deref())?;
    Ok((corpus, analysis, only))
}

/// `recoupe stories [--json] [--story ID]`.
pub(super) fn stories(a: &Report, lexicon: &Arc<Lexicon>) -> Result<()> {
    let (corpus, analysis, only) = analysed(a, lexicon)?;
    let stories = &analysis.stories;
    if a.json {
        return print_json(&StoriesJson {
            corpus: &corpus,
            stories,
            only,
        });
    }
    let mut out = io::stdout().lock();
    let listed = (stories.stories.iter().enumerate()).filter(|(i, _)| only.is_none_or(|o| o == *i));
    for (i, s) in listed {
        let dates = s
            .dates(&corpus)
            .map(|(a, b)| if a == b { a } else { format!("{a} to {b}") })
            .unwrap_or_default();
        let n = s.articles.len();
        writeln!(
            out,
            "{:<5} {n:>4} article{}  {}  {dates}",
            Stories::id(i),
            if n == 1 { " " } else { "s" },
            print::clip(&s.label(&corpus), 70),
        )?;
        for &art in &s.articles {
            writeln!(out, "      {}", print::clip(&corpus.articles[art].id, 60))?;
        }
    }
    Ok(())
}

/// `recoupe articles --story ID`: the articles of one story.
pub(super) fn articles(a: &Report, lexicon: &Arc<Lexicon>) -> Result<()> {
    let (corpus, analysis, only) = analysed(a, lexicon)?;
    let corpus = only.map_or((*corpus).clone(), |i| {
        subset(&corpus, &analysis.stories.stories[i].articles)
    });
    if a.json {
        print_json(&corpus::to_json(&corpus))
    } else {
        Ok(print::articles(&mut io::stdout().lock(), &corpus)?)
    }
}

/// The articles `keep` of `corpus`, in order.
fn subset(corpus: &Corpus, keep: &[usize]) -> Corpus {
    Corpus {
        articles: keep.iter().map(|&i| corpus.articles[i].clone()).collect(),
        warnings: corpus.warnings.clone(),
    }
}

/// `recoupe facts [--story ID]`: the facts of every story, or of one, each naming its story.
pub(super) fn facts(a: &Report, lexicon: &Arc<Lexicon>) -> Result<()> {
    let (corpus, analysis, only) = analysed(a, lexicon)?;
    if a.json {
        // Attribution, copies and origins of each passage and fact (see `crate::sources`).
        let sources = sources_of(&corpus, &analysis);
        let fields = crate::sources::FactSources {
            corpus: &corpus,
            entities: &analysis.entities,
            facts: &analysis.facts,
            sources: &sources,
        };
        return print_json(&StoryFactsJson {
            corpus: &corpus,
            facts: &analysis.facts,
            stories: &analysis.stories,
            only,
            fields: Some(&fields),
        });
    }
    let facts = match only {
        None => analysis.facts,
        Some(i) => Facts::new(
            (analysis.facts.facts.into_iter())
                .filter(|f| {
                    (f.passages.first())
                        .is_some_and(|p| analysis.stories.of_article[p.article] as usize == i)
                })
                .collect(),
        ),
    };
    Ok(print::facts(&mut io::stdout().lock(), &corpus, &facts)?)
}

/// The sources of an analysis (attribution, text shared inside each story, origins).
pub(super) fn sources_of(corpus: &Corpus, analysis: &Analysis) -> crate::sources::Sources {
    let (entities, facts) = (&analysis.entities, &analysis.facts);
    crate::sources::analyse(corpus, entities, facts, &analysis.stories)
}

/// `recoupe sources [--story ID]`: who each story's articles cite and what they share.
pub(super) fn sources(a: &Report, lexicon: &Arc<Lexicon>) -> Result<()> {
    let (corpus, analysis, only) = analysed(a, lexicon)?;
    let sources = sources_of(&corpus, &analysis);
    let doc = crate::sources::SourcesJson {
        corpus: &corpus,
        entities: &analysis.entities,
        facts: &analysis.facts,
        sources: &sources,
        stories: &analysis.stories,
        only,
    };
    if a.json {
        return print_json(&doc);
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    crate::sources::json::write_text(&mut out, &doc)?;
    Ok(out.flush()?)
}

/// `recoupe entities --story ID`: the entities named in one story's articles, with their
/// mentions there.
pub(super) fn entities(a: &Report, lexicon: &Arc<Lexicon>) -> Result<()> {
    let (corpus, analysis, only) = analysed(a, lexicon)?;
    let entities = match only {
        None => analysis.entities,
        Some(i) => within(&analysis.entities, &analysis.stories, i),
    };
    if a.json {
        print_json(&EntitiesJson {
            corpus: &corpus,
            entities: &entities,
        })
    } else {
        Ok(print::entities(
            &mut io::stdout().lock(),
            &corpus,
            &entities,
        )?)
    }
}

/// The entities mentioned in story `i`, numbered again in their order, with the mentions
/// made in its articles.
fn within(entities: &Entities, stories: &Stories, i: usize) -> Entities {
    let mut number = vec![usize::MAX; entities.entities.len()];
    let mut out = Entities::default();
    let story = |a: usize| stories.of_article.get(a).map(|&s| s as usize);
    let kept = (entities.mentions.iter()).filter(|m| story(m.article()) == Some(i));
    for m in kept {
        let e = m.entity();
        if number[e] == usize::MAX {
            number[e] = usize::MAX - 1;
        }
        out.mentions.push(*m);
    }
    for (e, n) in number.iter_mut().enumerate() {
        if *n != usize::MAX {
            *n = out.entities.len();
            out.entities.push(entities.entities[e].clone());
        }
    }
    for m in &mut out.mentions {
        *m = m.of_entity(number[m.entity()]);
    }
    out
}
