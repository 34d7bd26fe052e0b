//! How an attribution and a copy read in one line, for people: "Patricia Wexler (JPMorgan
//! Chase), to AFP", "reuses Le Figaro's text". The reader's windows and the notes' export
//! say the same thing the same way, so the wording lives here once. Every string that
//! comes from an article passes through the sanitiser.

use super::reuse::{Copy, Order};
use super::{Attribution, Sources};
use crate::corpus::{sanitize_line, Article, Corpus};
use crate::entities::Entities;

/// The outlet of an article: its metadata's source, else its title.
pub fn outlet(article: &Article) -> String {
    let name = (article.meta.source.as_deref())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(&article.title);
    sanitize_line(name.trim())
}

/// Who speaks in an attribution, without the medium: the resolved person's name (else the
/// speaker's words), with the organisation they speak for; `None` when only a medium is
/// given ("selon le Wall Street Journal").
pub fn speaker(corpus: &Corpus, entities: &Entities, a: &Attribution) -> Option<String> {
    let name = |e: Option<usize>| e.and_then(|e| entities.entities.get(e)).map(|e| &e.name);
    let words = || {
        let art = corpus.articles.get(a.article)?;
        a.speaker.and_then(|s| art.text.get(s.range()))
    };
    let who = name(a.speaker_entity)
        .map(String::as_str)
        .or(a.speaker_name.as_deref())
        .or_else(words)?;
    let who = sanitize_line(who.trim());
    match name(a.organisation_entity) {
        Some(org) if a.organisation_entity != a.speaker_entity && !who.contains(org.as_str()) => {
            Some(format!("{who} ({})", sanitize_line(org)))
        }
        _ => Some(who),
    }
}

/// The medium an attribution names ("AFP", "le Wall Street Journal"), if any.
pub fn medium(entities: &Entities, a: &Attribution) -> Option<String> {
    let entity = a.medium_entity.and_then(|e| entities.entities.get(e));
    let name = entity
        .map(|e| e.name.as_str())
        .or(a.medium_name.as_deref())?;
    Some(sanitize_line(name.trim()))
}

/// "Patricia Wexler (JPMorgan Chase), to AFP", "une source bancaire (anonymous), to AFP",
/// "le Wall Street Journal" (an outlet given as the source).
pub fn attribution(corpus: &Corpus, entities: &Entities, a: &Attribution) -> String {
    let medium = medium(entities, a);
    match speaker(corpus, entities, a) {
        Some(who) => {
            let anonymous = if a.anonymous { " (anonymous)" } else { "" };
            match medium {
                Some(m) => format!("{who}{anonymous}, to {m}"),
                None => format!("{who}{anonymous}"),
            }
        }
        None => medium.unwrap_or_default(),
    }
}

/// The copy a sentence is part of, said from the copying side: "reuses AFP's text" when
/// the dates tell that the other came first, else "same text as AFP".
pub fn copy(corpus: &Corpus, c: &Copy) -> Option<String> {
    let source = outlet(corpus.articles.get(c.source_article)?);
    Some(match c.order {
        Order::Later => format!("reuses {source}'s text"),
        Order::Undecided => format!("same text as {source}"),
    })
}

/// What a sentence's passage rests on, in one line: its attribution, then the copy it is
/// part of, joined by "; " ("attributed to X, to AFP; reuses Le Figaro's text"); `None`
/// when it has neither.
pub fn passage(
    corpus: &Corpus,
    entities: &Entities,
    sources: &Sources,
    article: usize,
    sentence: usize,
) -> Option<String> {
    let said = (sources.attribution(article, sentence))
        .map(|a| attribution(corpus, entities, a))
        .filter(|s| !s.is_empty())
        .map(|s| format!("attributed to {s}"));
    let copied =
        (sources.reuse.of_sentence(article, sentence).first()).and_then(|c| copy(corpus, c));
    match (said, copied) {
        (Some(s), Some(c)) => Some(format!("{s}; {c}")),
        (s, c) => s.or(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Meta;

    fn corpus(texts: &[(&str, Option<&str>)]) -> Corpus {
        let articles = (texts.iter())
            .map(|&(t, source)| {
                let source = source.map(str::to_owned);
                (
                    t,
                    Meta {
                        source,
                        ..Meta::default()
                    },
                )
            })
            .collect();
        crate::sources::tests::corpus_with(articles)
    }

    #[test]
    fn a_spokeswoman_reads_with_her_company_and_a_source_with_its_medium() {
        let c = corpus(&[
            (
                "JPMorgan Chase does not share the data of its customers with these platforms, said Patricia Wexler, a spokeswoman for JPMorgan Chase.",
                Some("Le \u{1b}[2JMonde"),
            ),
            (
                "Facebook a demandé aux grandes banques de partager les données de leurs clients, a déclaré lundi à l'AFP une source bancaire.",
                None,
            ),
        ]);
        let entities = crate::entities::analyse(&c);
        let facts = crate::facts::Facts::default();
        let sources = super::super::analyse(
            &c,
            &entities,
            &facts,
            &crate::stories::Stories::one(c.articles.len()),
        );
        let line = passage(&c, &entities, &sources, 0, 0);
        assert_eq!(
            line.as_deref(),
            Some("attributed to Patricia Wexler (JPMorgan Chase)")
        );
        let line = passage(&c, &entities, &sources, 1, 0);
        assert_eq!(
            line.as_deref(),
            Some("attributed to source bancaire (anonymous), to AFP")
        );
        assert_eq!(
            outlet(&c.articles[0]),
            "Le Monde",
            "the escape sequence is gone"
        );
        assert_eq!(outlet(&c.articles[1]), "T1");
    }

    #[test]
    fn a_copy_names_the_other_outlet() {
        let c = corpus(&[("a", Some("AFP")), ("b", None)]);
        let mut copy_of = Copy {
            article: 1,
            sentence: 0,
            source_article: 0,
            source_sentence: 0,
            order: Order::Later,
        };
        assert_eq!(copy(&c, &copy_of).as_deref(), Some("reuses AFP's text"));
        copy_of.order = Order::Undecided;
        assert_eq!(copy(&c, &copy_of).as_deref(), Some("same text as AFP"));
        copy_of.source_article = 7;
        assert_eq!(copy(&c, &copy_of), None);
    }
}
