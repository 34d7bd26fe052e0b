//! The independent origins of a fact. Each passage gets a key from its attribution: the
//! organisation or person who spoke (a spokeswoman speaks for her company), an anonymous
//! source by the medium it spoke to ("AFP's anonymous source"), an outlet cited as the
//! source, or else the article's own reporting. Passages with one key are one origin, and
//! so are passages one copied from another: five outlets quoting one statement to the Wall
//! Street Journal are one origin, two different sources are two.

use super::attribution::Attribution;
use super::Sources;
use crate::corpus::Corpus;
use crate::entities::Entities;
use crate::facts::Fact;
use crate::text::fold;

/// What an origin is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OriginKind {
    /// A named person or organisation.
    Speaker,
    /// A source described but not named, by the medium it spoke to.
    Anonymous,
    /// An outlet given as the source ("selon le Wall Street Journal").
    Medium,
    /// The article's own reporting, unattributed.
    Outlet,
}

impl OriginKind {
    /// The label used in JSON.
    pub fn label(self) -> &'static str {
        match self {
            OriginKind::Speaker => "speaker",
            OriginKind::Anonymous => "anonymous",
            OriginKind::Medium => "medium",
            OriginKind::Outlet => "outlet",
        }
    }
}

/// One independent source of a fact and the passages that rest on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub kind: OriginKind,
    /// "JPMorgan Chase, to Wall Street Journal", "une source bancaire, to AFP".
    pub name: String,
    /// Indices into the fact's passages.
    pub passages: Vec<usize>,
}

/// What makes two passages one origin.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    Entity(usize),
    Named(String),
    Anonymous(String),
    Medium(String),
    Outlet(usize),
}

/// The origins of one fact.
pub fn of_fact(
    corpus: &Corpus,
    entities: &Entities,
    sources: &Sources,
    fact: &Fact,
) -> Vec<Origin> {
    let n = fact.passages.len();
    let keys: Vec<Key> = (fact.passages.iter())
        .map(|p| key(sources, p.article, p.sentence))
        .collect();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let join = |parent: &mut Vec<usize>, x: usize, y: usize| {
        let (rx, ry) = (root(parent, x), root(parent, y));
        if rx != ry {
            parent[rx.max(ry)] = rx.min(ry);
        }
    };
    // "Chase" and "JPMorgan Chase", when they were not resolved as one: one name's words
    // within the other's.
    let within = |x: &str, y: &str| {
        let (x, y) = (fold(x), fold(y));
        let xs: Vec<&str> = x.split_whitespace().collect();
        let ys: Vec<&str> = y.split_whitespace().collect();
        xs.iter().all(|w| ys.contains(w)) || ys.iter().all(|w| xs.contains(w))
    };
    let same = |a: &Key, b: &Key| match (a, b) {
        (Key::Entity(x), Key::Entity(y)) => {
            x == y || within(&entities.entities[*x].name, &entities.entities[*y].name)
        }
        _ => a == b,
    };
    for i in 0..n {
        for j in i + 1..n {
            if same(&keys[i], &keys[j]) {
                join(&mut parent, i, j);
            }
        }
        let p = fact.passages[i];
        for c in sources.reuse.of_sentence(p.article, p.sentence) {
            let source = (fact.passages.iter())
                .position(|q| q.article == c.source_article && q.sentence == c.source_sentence);
            if let Some(j) = source {
                join(&mut parent, i, j);
            }
        }
    }
    let mut origins: Vec<(usize, Origin)> = Vec::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        match origins.iter_mut().find(|(x, _)| *x == r) {
            Some((_, o)) => o.passages.push(i),
            None => origins.push((r, origin(corpus, entities, sources, fact, &keys, i))),
        }
    }
    origins.into_iter().map(|(_, o)| o).collect()
}

/// The key of a sentence's passage.
pub(crate) fn key(sources: &Sources, article: usize, sentence: usize) -> Key {
    let own = || {
        let copies = sources.reuse.of_sentence(article, sentence);
        let first = copies
            .iter()
            .map(|c| c.source_article)
            .chain([article])
            .min();
        Key::Outlet(first.unwrap_or(article))
    };
    let Some(at) = sources.attribution(article, sentence) else {
        return own();
    };
    if at.speaker.is_some() {
        if let Some(e) = at.organisation_entity.or(at.speaker_entity) {
            return Key::Entity(e);
        }
        let name = at.speaker_name.as_deref().unwrap_or_default();
        if at.anonymous {
            let medium = at.medium_name.as_deref().map(medium_key);
            return Key::Anonymous(medium.unwrap_or_else(|| format!("#{article}")));
        }
        // "la préfecture" in two articles of a story is one préfecture.
        return Key::Named(fold(name));
    }
    match at.medium_name.as_deref() {
        Some(m) => Key::Medium(medium_key(m)),
        None => own(),
    }
}

/// One key for the ways an outlet is written: "l'Agence France Presse (AFP)", "AFP",
/// "Wall Street Journal" and "WSJ" (the initials of a name of several capitalised words).
pub fn medium_key(name: &str) -> String {
    if let (Some(o), Some(c)) = (name.rfind('('), name.rfind(')')) {
        if o < c && c - o > 2 {
            return fold(name[o + 1..c].trim());
        }
    }
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let capitals: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    if capitals.len() >= 2 && capitals.len() * 2 >= words.len() {
        return capitals
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect();
    }
    let folded = fold(name);
    folded
        .trim_start_matches("the ")
        .trim_start_matches("l'")
        .to_string()
}

/// The origin a passage founds, named from its attribution.
fn origin(
    corpus: &Corpus,
    entities: &Entities,
    sources: &Sources,
    fact: &Fact,
    keys: &[Key],
    i: usize,
) -> Origin {
    let p = fact.passages[i];
    let at: Option<&Attribution> = sources.attribution(p.article, p.sentence);
    let to = |at: &Attribution| match &at.medium_name {
        Some(m) => format!(", to {m}"),
        None => String::new(),
    };
    let (kind, name) = match &keys[i] {
        Key::Entity(e) => {
            let at = at.expect("an entity key comes from an attribution");
            let who = &entities.entities[*e].name;
            (OriginKind::Speaker, format!("{who}{}", to(at)))
        }
        Key::Named(_) => {
            let at = at.expect("a named key comes from an attribution");
            let who = at.speaker_name.clone().unwrap_or_default();
            (OriginKind::Speaker, format!("{who}{}", to(at)))
        }
        Key::Anonymous(_) => {
            let at = at.expect("an anonymous key comes from an attribution");
            let who = at.speaker_name.clone().unwrap_or_default();
            (
                OriginKind::Anonymous,
                format!("{who} (anonymous){}", to(at)),
            )
        }
        Key::Medium(_) => {
            let name = at.and_then(|a| a.medium_name.clone()).unwrap_or_default();
            (OriginKind::Medium, name)
        }
        Key::Outlet(a) => {
            let art = &corpus.articles[*a];
            let outlet = art.meta.source.as_deref().unwrap_or(&art.id);
            (OriginKind::Outlet, format!("reported by {outlet}"))
        }
    };
    Origin {
        kind,
        name: crate::corpus::sanitize_line(&name),
        passages: vec![i],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_key_for_the_ways_an_outlet_is_written() {
        assert_eq!(medium_key("Wall Street Journal"), "wsj");
        assert_eq!(medium_key("WSJ"), "wsj");
        assert_eq!(medium_key("Agence France Presse (AFP)"), "afp");
        assert_eq!(medium_key("AFP"), "afp");
        assert_eq!(medium_key("the newspaper"), "newspaper");
    }
}
