//! Who each sentence of an article is attributed to. The clauses of [`super::clause`] give
//! word ranges; this pass walks an article in order, names the speaker and medium with the
//! entities recognised there, and carries the last speaker to a sentence that only points
//! back to it ("a-t-elle ajouté", "he added", "selon la source", the middle of a quotation
//! that runs over several sentences).

use super::clause::{self, Found, Tok};
use super::lexicon as lx;
use crate::corpus::Article;
use crate::entities::{Entities, Kind, Mention};
use crate::text::{fold, words, Span};

/// The source a sentence is attributed to.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    pub article: usize,
    pub sentence: usize,
    /// The speaker's words (in an earlier sentence when carried).
    pub speaker: Option<Span>,
    /// The speaker's name: a resolved entity's, else the words without a determiner.
    pub speaker_name: Option<String>,
    pub speaker_entity: Option<usize>,
    /// The organisation a speaker speaks for ("a spokeswoman for JPMorgan Chase").
    pub organisation_entity: Option<usize>,
    pub medium: Option<Span>,
    pub medium_name: Option<String>,
    pub medium_entity: Option<usize>,
    /// The speaker is described, not named ("une source proche du dossier").
    pub anonymous: bool,
    /// The sentence quotes the speaker's words.
    pub quote: bool,
    pub verb: Option<Span>,
    /// The attribution clause in this sentence.
    pub clause: Span,
    /// The speaker was named in an earlier sentence.
    pub carried: bool,
}

impl Default for Attribution {
    fn default() -> Attribution {
        Attribution {
            article: 0,
            sentence: 0,
            speaker: None,
            speaker_name: None,
            speaker_entity: None,
            organisation_entity: None,
            medium: None,
            medium_name: None,
            medium_entity: None,
            anonymous: false,
            quote: false,
            verb: None,
            clause: Span::new(0, 0),
            carried: false,
        }
    }
}

/// Words of a quotation before a sentence counts as quoting.
const QUOTE_WORDS: usize = 4;

/// Nouns by which an article names a company it has already named.
const COMPANY_NOUNS: &[&str] = &[
    "bank",
    "banque",
    "company",
    "constructeur",
    "entreprise",
    "fabricant",
    "firm",
    "group",
    "groupe",
    "maker",
    "manufacturer",
    "societe",
];

/// Posts at the head of a company.
const ROLES: &[&str] = &[
    "boss",
    "ceo",
    "chief",
    "directeur",
    "directrice",
    "pdg",
    "president",
    "presidente",
];

/// Nouns of someone who speaks for an organisation.
const SPOKESPERSON: &[&str] = &["porte", "spokesman", "spokesperson", "spokeswoman"];

/// The attributions of one article, at most one per sentence, in order.
pub fn article(a: usize, art: &Article, entities: &Entities) -> Vec<Attribution> {
    let mentions = entities.in_article(a);
    let quotes = quotations(&art.text, art);
    let main_org = main_organisation(mentions, entities);
    let mut out: Vec<Attribution> = Vec::new();
    let mut last: Option<Attribution> = None;
    // A person opening a sentence, whom a later "elle" or "he" may mean.
    let mut last_person: Option<Attribution> = None;
    let mut last_medium: Option<(Span, String, Option<usize>)> = None;
    for (s, sentence) in art.structure.sentences.iter().enumerate() {
        let toks = tokens(&art.text, sentence.span, &quotes);
        let quoted_words = toks.iter().filter(|t| t.quoted).count();
        let named = |(from, to): clause::Range| {
            from < to
                && overlapping(
                    mentions,
                    Span::new(toks[from].span.start, toks[to - 1].span.end),
                )
                .any(|m| !entities.entities[m.entity()].kind.is_figure())
        };
        let found = clause::find(&toks, &named);
        let ctx = Context {
            text: &art.text,
            toks: &toks,
            mentions,
            entities,
        };
        if let Some(p) = person_subject(&ctx, a, s) {
            last_person = Some(p);
        }
        let Some(merged) = merge(&found) else {
            if let Some(m) = last_outlet(mentions, entities, sentence.span) {
                last_medium = Some(m);
            }
            continue;
        };
        let mut at = Attribution {
            article: a,
            sentence: s,
            quote: quoted_words >= QUOTE_WORDS,
            verb: merged.verb.map(|r| ctx.span(r)),
            clause: ctx.span(merged.clause),
            anonymous: merged.anonymity,
            ..Attribution::default()
        };
        if let Some(m) = merged.medium {
            medium(&ctx, m, &mut at, last_medium.as_ref(), art);
        }
        let report = |r: clause::Range| {
            (r.0..r.1)
                .find(|&k| !lx::is_determiner(toks[k].base()))
                .is_some_and(|k| lx::is_statement_noun(toks[k].base()))
        };
        match merged.speaker {
            Some(r) if (clause::media_like(&toks, r) || report(r)) && at.medium.is_none() => {
                medium(&ctx, r, &mut at, last_medium.as_ref(), art);
            }
            Some(r) => {
                let last = newest(last.as_ref(), last_person.as_ref());
                let r = match merged.apposition {
                    Some(ap) if ctx.names(ap).0.is_some() && ctx.names(r).0.is_none() => {
                        // The role names the organisation, the apposition the person.
                        at.organisation_entity = ctx.names(r).1;
                        ap
                    }
                    _ => r,
                };
                let organisation = at.organisation_entity;
                speaker(&ctx, &out, r, merged.affiliation, &mut at, last, main_org);
                at.organisation_entity = at.organisation_entity.or(organisation);
            }
            None if merged.carry => carry(&mut at, newest(last.as_ref(), last_person.as_ref())),
            None => {}
        }
        if at.speaker.is_none() && at.medium.is_none() {
            continue;
        }
        if let (Some(m), Some(name)) = (at.medium, &at.medium_name) {
            last_medium = Some((m, name.clone(), at.medium_entity));
        }
        if let Some(m) = last_outlet(mentions, entities, sentence.span) {
            last_medium = Some(m);
        }
        if at.speaker.is_some() {
            last = Some(at.clone());
        }
        out.push(at);
    }
    fill_quotations(art, &quotes, &mut out);
    out
}

/// One attribution from the clauses of a sentence: the first with a speaker, with a medium
/// from any of them.
fn merge(found: &[Found]) -> Option<Found> {
    let mut main = found
        .iter()
        .find(|f| f.speaker.is_some() || f.carry)
        .or_else(|| found.first())?
        .clone();
    if main.medium.is_none() {
        main.medium = found.iter().find_map(|f| f.medium);
    }
    main.anonymity |= found.iter().any(|f| f.anonymity);
    Some(main)
}

struct Context<'a> {
    text: &'a str,
    toks: &'a [Tok],
    mentions: &'a [Mention],
    entities: &'a Entities,
}

impl Context<'_> {
    fn span(&self, (from, to): clause::Range) -> Span {
        let to = to.max(from + 1).min(self.toks.len());
        Span::new(self.toks[from].span.start, self.toks[to - 1].span.end)
    }

    /// The name entities inside the words, persons first.
    fn names(&self, r: clause::Range) -> (Option<usize>, Option<usize>) {
        let span = self.span(r);
        let mut person = None;
        let mut org = None;
        for m in overlapping(self.mentions, span) {
            match self.entities.entities[m.entity()].kind {
                Kind::Per => person = person.or(Some(m.entity())),
                Kind::Org => org = org.or(Some(m.entity())),
                _ => {}
            }
        }
        (person, org)
    }

    /// The words without a leading determiner, on one line.
    fn bare(&self, r: clause::Range) -> String {
        let mut from = r.0;
        while from + 1 < r.1 && lx::is_determiner(self.toks[from].base()) {
            from += 1;
        }
        let span = self.span((from, r.1));
        let text = &self.text[span.range()];
        let text = text
            .strip_prefix("l'")
            .or_else(|| text.strip_prefix("L'"))
            .unwrap_or(text);
        let text = text
            .strip_prefix("l’")
            .or_else(|| text.strip_prefix("L’"))
            .unwrap_or(text);
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

fn speaker(
    ctx: &Context,
    previous: &[Attribution],
    r: clause::Range,
    affiliation: Option<clause::Range>,
    at: &mut Attribution,
    last: Option<&Attribution>,
    main_org: Option<usize>,
) {
    let words: Vec<&str> = ctx.toks[r.0..r.1].iter().map(Tok::base).collect();
    let (person, org) = ctx.names(r);
    let definite = words.first().is_some_and(|w| {
        matches!(
            *w,
            "le" | "la" | "l" | "les" | "the" | "this" | "cette" | "ce"
        )
    }) || ctx.toks[r.0].folded.starts_with("l'");
    let anonymous = words.iter().any(|w| lx::is_anonymous_noun(w));
    let pointer = (words.len() == 1 && lx::is_anaphor(words[0]))
        || (definite
            && anonymous
            && person.is_none()
            && org.is_none()
            && affiliation.is_none()
            && words.len() <= 4);
    // "la préfète" after "la préfète Claire Vasseur": the speaker named with that noun.
    let earlier = if definite && person.is_none() && org.is_none() && words.len() <= 3 {
        let head = words.last().copied().unwrap_or_default();
        previous.iter().rev().find(|p| {
            p.speaker.is_some_and(|s| {
                p.speaker_entity.is_some()
                    && crate::text::words(ctx.text, s.range())
                        .any(|w| fold(&ctx.text[w.range()]) == head)
            })
        })
    } else {
        None
    };
    if let Some(e) = earlier {
        let medium = (at.medium, at.medium_name.clone(), at.medium_entity);
        carry(at, Some(e));
        if medium.0.is_some() {
            (at.medium, at.medium_name, at.medium_entity) = medium;
        }
        return;
    }
    if pointer && last.is_some() {
        let medium = (at.medium, at.medium_name.clone(), at.medium_entity);
        carry(at, last);
        if medium.0.is_some() {
            (at.medium, at.medium_name, at.medium_entity) = medium;
        }
        return;
    }
    at.speaker = Some(ctx.span(r));
    at.speaker_name = Some(ctx.bare(r));
    at.anonymous |= person.is_none() && anonymous;
    let company = definite && words.len() <= 3 && words.iter().any(|w| COMPANY_NOUNS.contains(w));
    // "un porte-parole de l'entreprise": the company the article is about.
    let of_company = ctx.toks[r.0..r.1].iter().any(|t| {
        let f = t.folded.as_str();
        ["l'", "the "].iter().any(|d| f.starts_with(d)) && COMPANY_NOUNS.contains(&t.base())
    }) || words
        .windows(2)
        .any(|w| w[0] == "the" && COMPANY_NOUNS.contains(&w[1]));
    at.speaker_entity = person.or(org).or(if company {
        main_org.or(last_org(last))
    } else {
        None
    });
    let role = words.iter().any(|w| ROLES.contains(w));
    at.organisation_entity = match (person, org) {
        (Some(_), Some(o)) => Some(o),
        // "chief executive Lotte Brink": the head of the company the article is about.
        (Some(_), None) if role && affiliation.is_none() => main_org,
        (None, Some(o)) if anonymous => Some(o),
        // A spokesperson with no company named speaks for the one the article is about.
        (None, None) if words.iter().any(|w| SPOKESPERSON.contains(w)) && affiliation.is_none() => {
            main_org
        }
        _ => affiliation
            .and_then(|a| ctx.names(a).1)
            .or(if of_company && anonymous {
                main_org.or(last_org(last))
            } else {
                None
            }),
    };
    if let Some(e) = at.speaker_entity {
        if person.is_none() && org.is_none() {
            at.speaker_name = Some(ctx.entities.entities[e].name.clone());
        }
    }
}

/// Of the last speaker and the last person opening a sentence, the more recent.
fn newest<'a>(
    last: Option<&'a Attribution>,
    person: Option<&'a Attribution>,
) -> Option<&'a Attribution> {
    match (last, person) {
        (Some(l), Some(p)) if p.sentence > l.sentence => Some(p),
        (Some(l), _) => Some(l),
        (None, p) => p,
    }
}

/// A sentence opening on a person's name ("Patricia Wexler, une porte-parole de JPMorgan
/// Chase, a renvoyé…"), as the speaker a later pronoun may stand for, with the
/// organisation named in the same clause.
fn person_subject(ctx: &Context, article: usize, sentence: usize) -> Option<Attribution> {
    let first = ctx.toks.first()?;
    let m = overlapping(ctx.mentions, first.span).next()?;
    if ctx.entities.entities[m.entity()].kind != Kind::Per {
        return None;
    }
    let upto = (1..ctx.toks.len().min(12))
        .find(|&k| ctx.toks[k].break_before && !ctx.toks[k].comma_before)
        .unwrap_or(ctx.toks.len().min(12));
    let org = ctx.names((0, upto)).1;
    Some(Attribution {
        article,
        sentence,
        speaker: Some(m.span()),
        speaker_name: Some(ctx.entities.entities[m.entity()].name.clone()),
        speaker_entity: Some(m.entity()),
        organisation_entity: org,
        clause: m.span(),
        ..Attribution::default()
    })
}

fn last_org(last: Option<&Attribution>) -> Option<usize> {
    let l = last?;
    l.organisation_entity
        .or(l.speaker_entity.filter(|_| !l.anonymous))
}

/// The speaker of `last`, for a sentence that points back to it.
fn carry(at: &mut Attribution, last: Option<&Attribution>) {
    let Some(l) = last else { return };
    at.speaker = l.speaker;
    at.speaker_name = l.speaker_name.clone();
    at.speaker_entity = l.speaker_entity;
    at.organisation_entity = l.organisation_entity;
    at.anonymous = l.anonymous;
    at.carried = true;
    if at.medium.is_none() {
        at.medium = l.medium;
        at.medium_name = l.medium_name.clone();
        at.medium_entity = l.medium_entity;
    }
}

fn medium(
    ctx: &Context,
    r: clause::Range,
    at: &mut Attribution,
    last: Option<&(Span, String, Option<usize>)>,
    art: &Article,
) {
    let words: Vec<&str> = ctx.toks[r.0..r.1].iter().map(Tok::base).collect();
    let (_, org) = ctx.names(r);
    at.medium = Some(ctx.span(r));
    at.medium_entity = org;
    at.medium_name = Some(match org {
        Some(e) => ctx.entities.entities[e].name.clone(),
        None => ctx.bare(r),
    });
    if matches!(words.as_slice(), ["us"] | ["nous"]) {
        at.medium_name = Some(art.meta.source.clone().unwrap_or_else(|| art.id.clone()));
        return;
    }
    let first = words
        .iter()
        .position(|w| !lx::is_determiner(w))
        .unwrap_or(0);
    // "Le quotidien" opening a sentence is capitalised for that alone.
    let capital = ctx.toks[r.0 + first..r.1].iter().any(|t| t.capital);
    let definite = (ctx.toks.get(r.0)).is_some_and(|t| {
        t.folded.starts_with("l'")
            || matches!(
                t.folded.as_str(),
                "le" | "la" | "the" | "ce" | "cet" | "cette" | "this"
            )
    });
    let report = definite && lx::is_statement_noun(words[first]);
    if org.is_none() && !capital && (lx::is_media_noun(words[first]) || report) {
        // "le quotidien", "the newspaper", "le rapport": the outlet last named.
        if let Some((_, name, entity)) = last {
            at.medium_name = Some(name.clone());
            at.medium_entity = *entity;
        }
    }
}

/// True when an entity's name is an outlet's ("Agence France-Presse", "Wall Street Journal").
fn is_outlet_name(name: &str) -> bool {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .any(|w| {
            let f = fold(w);
            lx::is_outlet(&f) || lx::is_media_name_word(&f)
        })
}

/// The last outlet named in a span, which "le quotidien" or "the newspaper" may refer to.
fn last_outlet(
    mentions: &[Mention],
    entities: &Entities,
    span: Span,
) -> Option<(Span, String, Option<usize>)> {
    overlapping(mentions, span)
        .filter(|m| {
            let e = &entities.entities[m.entity()];
            !e.kind.is_figure() && is_outlet_name(&e.name)
        })
        .last()
        .map(|m| {
            (
                m.span(),
                entities.entities[m.entity()].name.clone(),
                Some(m.entity()),
            )
        })
}

/// The most mentioned organisation of the article that is not an outlet.
fn main_organisation(mentions: &[Mention], entities: &Entities) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for m in mentions {
        let e = &entities.entities[m.entity()];
        if e.kind != Kind::Org || is_outlet_name(&e.name) {
            continue;
        }
        match counts.iter_mut().find(|(x, _)| *x == m.entity()) {
            Some((_, n)) => *n += 1,
            None => counts.push((m.entity(), 1)),
        }
    }
    counts
        .iter()
        .max_by_key(|(e, n)| (*n, std::cmp::Reverse(*e)))
        .map(|(e, _)| *e)
}

fn overlapping(mentions: &[Mention], span: Span) -> impl Iterator<Item = &Mention> {
    let lo = mentions.partition_point(|m| m.span().end <= span.start);
    mentions[lo..]
        .iter()
        .take_while(move |m| m.span().start < span.end)
        .filter(move |m| m.span().overlaps(&span))
}

/// Spans inside quotation marks (« », “ ”, straight double quotes), paragraph by
/// paragraph; an unclosed quotation runs to its paragraph's end.
fn quotations(text: &str, art: &Article) -> Vec<Span> {
    let mut out = Vec::new();
    for p in &art.structure.paragraphs {
        let mut open: Option<usize> = None;
        for (i, c) in text[p.span.range()].char_indices() {
            let at = p.span.start + i;
            match (c, open) {
                ('«' | '“', None) => open = Some(at + c.len_utf8()),
                ('"', None) => open = Some(at + 1),
                ('»' | '”' | '"', Some(o)) => {
                    out.push(Span::new(o, at));
                    open = None;
                }
                _ => {}
            }
        }
        if let Some(o) = open {
            out.push(Span::new(o, p.span.end));
        }
    }
    out
}

/// The words of a sentence with the punctuation before each.
fn tokens(text: &str, sentence: Span, quotes: &[Span]) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    let mut prev = sentence.start;
    for w in words(text, sentence.range()) {
        let gap = &text[prev..w.start];
        let break_before = out.is_empty()
            || gap.contains([
                ',', ';', ':', '.', '!', '?', '«', '»', '"', '“', '”', '(', ')', '—', '–', '[', ']',
            ])
            || gap.contains(" - ");
        let lo = quotes.partition_point(|q| q.end <= w.start);
        let quoted = quotes
            .get(lo)
            .is_some_and(|q| q.start <= w.start && w.end <= q.end);
        let word = &text[w.range()];
        out.push(Tok {
            span: w,
            folded: fold(word),
            break_before,
            comma_before: gap.contains(','),
            quoted,
            capital: word.chars().next().is_some_and(char::is_uppercase),
        });
        prev = w.end;
    }
    out
}

/// A sentence inside a quotation that runs over several sentences of a paragraph takes the
/// attribution given to that quotation in another of them.
fn fill_quotations(art: &Article, quotes: &[Span], out: &mut Vec<Attribution>) {
    let sentences = &art.structure.sentences;
    let mut added = Vec::new();
    for q in quotes {
        let inside: Vec<usize> = (0..sentences.len())
            .filter(|&s| sentences[s].span.overlaps(q))
            .collect();
        if inside.len() < 2 {
            continue;
        }
        let Some(source) = out
            .iter()
            .find(|at| inside.contains(&at.sentence) && at.speaker.is_some())
            .cloned()
        else {
            continue;
        };
        for &s in &inside {
            if out.iter().any(|at| at.sentence == s) {
                continue;
            }
            let mut at = source.clone();
            at.sentence = s;
            at.quote = true;
            at.carried = true;
            at.verb = None;
            at.clause = sentences[s].span;
            added.push(at);
        }
    }
    out.extend(added);
    out.sort_by_key(|at| at.sentence);
}
