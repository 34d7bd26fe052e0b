//! Resolution: the names found in every article become entities of the whole corpus.
//! Names with the same letters are one form ("JP Morgan", "JPMorgan"); forms then join when
//! the gazetteer lists them together, when one is the other with a head word ("Banque
//! Chase"), when the corpus defines an acronym ("Agence France Presse (AFP)") or writes
//! "Citi (Citigroup)", when an acronym spells the initials of a longer name, when a rare
//! form is one letter off a frequent one ("Facebrook"), or when a short form ends exactly one
//! longer name ("Chase" → "JPMorgan Chase"). Each join keeps its reason.

use super::cues::{Votes, AFTER_PREPOSITION, SPEAKER};
use super::gazetteer::{self, Gazetteer};
use super::recognise::{ArticleNames, Candidate};
use super::typer;
use super::{Alias, Entity, Kind, Mention};
use crate::text::Span;
use foldhash::{HashMap, HashMapExt};
use typos::{join_typos, join_typos_inside, TypoIndex};

mod typos;

const KINDS: [Kind; 7] = Kind::NAMES;

/// One distinct spelling (up to case, accents, dots and spaces) of a name in the corpus.
#[derive(Debug, Default)]
struct Form {
    key: String,
    words: Vec<String>,
    surfaces: Vec<(String, usize)>,
    count: usize,
    known: Option<usize>,
    votes: Votes,
    /// The typer's probabilities, summed over the mentions.
    typed: [f32; typer::N],
    acronym: bool,
    headless: Option<String>,
    /// Joined as a typo or through a head word: never the canonical name.
    secondary: bool,
}

impl Form {
    fn display(&self) -> &str {
        let best = self.surfaces.iter().max_by_key(|(_, n)| *n);
        best.map_or("", |(s, _)| s.as_str())
    }
}

/// Forms and the links between them.
#[derive(Default)]
struct Forms {
    forms: Vec<Form>,
    by_key: HashMap<String, usize>,
    parent: Vec<usize>,
    reason: Vec<Option<String>>,
    /// Single-word forms seen at least twice, not acronyms: the only possible targets of a
    /// typo, indexed so that a word meets only the forms one edit away.
    typos: TypoIndex,
}

impl Forms {
    fn find(&mut self, mut a: usize) -> usize {
        while self.parent[a] != a {
            self.parent[a] = self.parent[self.parent[a]];
            a = self.parent[a];
        }
        a
    }

    /// Joins `joiner`'s group to `target`'s; the reason is kept on the joining group.
    fn union(&mut self, target: usize, joiner: usize, reason: String) -> bool {
        let (rt, rj) = (self.find(target), self.find(joiner));
        if rt == rj {
            return false;
        }
        self.parent[rj] = rt;
        let at = if self.reason[joiner].is_none() && joiner != rt {
            joiner
        } else {
            rj
        };
        if self.reason[at].is_none() {
            self.reason[at] = Some(reason);
        }
        true
    }

    fn add(&mut self, c: Candidate, surface: &str) -> usize {
        let id = match self.by_key.get(&c.key) {
            Some(&id) => id,
            None => {
                let id = self.forms.len();
                self.by_key.insert(c.key.clone(), id);
                let (mut key, mut words) = (c.key, c.words);
                key.shrink_to_fit();
                words.shrink_to_fit();
                self.forms.push(Form {
                    key,
                    words,
                    acronym: c.acronym,
                    headless: c.headless,
                    surfaces: Vec::with_capacity(1),
                    ..Form::default()
                });
                self.parent.push(id);
                self.reason.push(None);
                id
            }
        };
        let f = &mut self.forms[id];
        f.count += 1;
        f.known = f.known.or(c.known);
        for (k, v) in f.votes.iter_mut().zip(c.votes) {
            *k += v;
        }
        for (k, v) in f.typed.iter_mut().zip(c.typed) {
            *k += v;
        }
        match f.surfaces.iter_mut().find(|(s, _)| s == surface) {
            Some((_, n)) => *n += 1,
            None => f.surfaces.push((surface.to_owned(), 1)),
        }
        id
    }
}

/// A name in an article: where it is and its form.
struct Found {
    span: Span,
    article: u32,
    form: u32,
}

/// An index as a `u32`: a corpus has fewer than four billion articles and forms.
fn small(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 articles and forms")
}

/// Names gathered article by article, then resolved into entities once all are in. Only
/// the distinct forms and, per name found, its place and form are kept: the candidates of
/// an article are dropped as soon as they are counted.
#[derive(Default)]
pub struct Resolver {
    fs: Forms,
    /// Each name in the order they were added.
    found: Vec<Found>,
    /// Forms of the pairs written "A (B)", in the order they were added.
    appositions: Vec<(usize, usize)>,
}

impl Resolver {
    /// Counts the names of article `article`, whose text is `text`. Articles are added in
    /// corpus order.
    pub fn add(&mut self, article: usize, text: &str, names: ArticleNames) {
        let first = self.found.len();
        for c in names.candidates {
            let span = c.span;
            let form = self.fs.add(c, &text[span.range()]);
            self.found.push(Found {
                span,
                article: small(article),
                form: small(form),
            });
        }
        let form = |k: usize| self.found[first + k].form as usize;
        let pairs: Vec<(usize, usize)> = names
            .appositions
            .iter()
            .map(|&(x, y)| (form(x), form(y)))
            .collect();
        self.appositions.extend(pairs);
    }

    /// Joins the forms into entities; returns them with the mentions of every name added.
    pub fn resolve(mut self, g: &Gazetteer) -> (Vec<Entity>, Vec<Mention>) {
        let fs = &mut self.fs;
        fs.typos = TypoIndex::new(&fs.forms);
        join_typos_inside(fs, g);
        join_known(fs, g);
        join_headless(fs);
        join_appositions(fs, &self.appositions);
        join_initials(fs);
        join_typos(fs);
        join_suffixes(fs, g);
        join_without_suffix(fs, g);
        build(self.fs, g, self.found)
    }
}

fn join_known(fs: &mut Forms, g: &Gazetteer) {
    let mut first: HashMap<usize, usize> = HashMap::new();
    for i in 0..fs.forms.len() {
        let Some(k) = fs.forms[i].known else { continue };
        match first.get(&k) {
            Some(&t) => {
                fs.union(t, i, g.join_reason(k));
            }
            None => {
                first.insert(k, i);
            }
        }
    }
}

/// "Banque Chase" is "Chase" with a head word.
fn join_headless(fs: &mut Forms) {
    for i in 0..fs.forms.len() {
        let Some(rest) = fs.forms[i].headless.clone() else {
            continue;
        };
        if let Some(&t) = fs.by_key.get(&rest) {
            let reason = format!(
                "{} with the head word '{}'",
                fs.forms[t].display(),
                fs.forms[i].words[0]
            );
            fs.forms[i].secondary = true;
            fs.union(t, i, reason);
        }
    }
}

/// Initials of the words of a name that are not connectors ("Wall Street Journal" → wsj).
fn initials(words: &[String]) -> String {
    words
        .iter()
        .filter(|w| !gazetteer::is_connector(w) && !matches!(w.as_str(), "l" | "d" | "and" | "et"))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// "Agence France Presse (AFP)", "Cambridge Analytica (CA)", "Citi (Citigroup)".
fn join_appositions(fs: &mut Forms, appositions: &[(usize, usize)]) {
    for &(fx, fy) in appositions {
        let (long, short) = if fs.forms[fx].key.len() >= fs.forms[fy].key.len() {
            (fx, fy)
        } else {
            (fy, fx)
        };
        let (l, s) = (&fs.forms[long], &fs.forms[short]);
        let written = format!(
            "written \"{} ({})\"",
            fs.forms[fx].display(),
            fs.forms[fy].display()
        );
        if s.acronym && l.words.len() > 1 && initials(&l.words) == s.key {
            fs.union(long, short, format!("acronym {written}"));
        } else if s.key.len() >= 3 && l.key.starts_with(&s.key) {
            fs.union(long, short, written);
        }
    }
}

/// An acronym of three letters or more that spells the initials of exactly one longer name.
fn join_initials(fs: &mut Forms) {
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, f) in fs
        .forms
        .iter()
        .enumerate()
        .filter(|(_, f)| f.words.len() > 1)
    {
        by_initials.entry(initials(&f.words)).or_default().push(j);
    }
    for i in 0..fs.forms.len() {
        let f = &fs.forms[i];
        if !f.acronym || f.key.len() < 3 || f.known.is_some() {
            continue;
        }
        let longs = by_initials.get(&f.key).map_or(&[][..], Vec::as_slice);
        if let [l] = longs[..] {
            let reason = format!("initials of {}", fs.forms[l].display());
            fs.union(l, i, reason);
        }
    }
}

/// "Chase" → "JPMorgan Chase", "Zuckerberg" → "Mark Zuckerberg": a form that ends exactly
/// one longer name joins it, unless the lists know them as different things.
fn join_suffixes(fs: &mut Forms, g: &Gazetteer) {
    let ends = index_parts(fs, |w, n| &w[w.len() - n..]);
    // Every decision is taken on the groups as they were before this pass, then applied:
    // joining as we go made the outcome depend on the order the articles came in.
    let mut joins = Vec::new();
    for i in 0..fs.forms.len() {
        if fs.forms[i].acronym || fs.forms[i].words.is_empty() {
            continue;
        }
        let Some(longs) = ends.get(&fs.forms[i].words[..]) else {
            continue;
        };
        let mut roots: Vec<usize> = Vec::new();
        let mut long = None;
        for &j in longs {
            let (f, l) = (&fs.forms[i], &fs.forms[j]);
            if !compatible(f, l, g) {
                continue;
            }
            let r = fs.find(j);
            if r != fs.find(i) && !roots.contains(&r) {
                roots.push(r);
                long = Some(j);
            }
        }
        if let ([_], Some(l)) = (&roots[..], long) {
            joins.push((l, i));
        }
    }
    for (l, i) in joins {
        let reason = format!("ends the longer name {}", fs.forms[l].display());
        fs.union(l, i, reason);
    }
}

/// "Nordwind" → "Nordwind Robotics": a longer name that is the short one plus words that
/// end organisation names (Inc, Group, Robotics), when exactly one such name exists.
fn join_without_suffix(fs: &mut Forms, g: &Gazetteer) {
    let starts = index_parts(fs, |w, n| &w[..n]);
    for i in 0..fs.forms.len() {
        let f = &fs.forms[i];
        if f.acronym || f.known.is_some() {
            continue;
        }
        let n = f.words.len();
        let longs: Vec<usize> = starts
            .get(&f.words[..])
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|&j| fs.forms[j].words[n..].iter().all(|w| g.is_org_suffix(w)))
            .collect();
        if let [l] = longs[..] {
            let reason = format!("{} without its last word", fs.forms[l].display());
            fs.union(l, i, reason);
        }
    }
}

/// Longer forms indexed by a part of their words (`part(words, n)` for each shorter n).
fn index_parts(
    fs: &Forms,
    part: impl Fn(&[String], usize) -> &[String],
) -> HashMap<Vec<String>, Vec<usize>> {
    let mut index: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
    for (j, f) in fs.forms.iter().enumerate() {
        for n in 1..f.words.len().min(5) {
            index.entry(part(&f.words, n).to_vec()).or_default().push(j);
        }
    }
    index
}

/// Whether a short form may be the end of a longer one, as far as the lists know.
fn compatible(short: &Form, long: &Form, g: &Gazetteer) -> bool {
    match (short.known, long.known) {
        (Some(a), Some(b)) => a == b,
        (Some(a), None) => g.known[a].kind != Kind::Loc,
        _ => true,
    }
}

/// Groups forms into entities: canonical name, kind, aliases with reasons; and mentions.
/// The forms are dropped before the mentions are made, so both are never held at once.
fn build(mut fs: Forms, g: &Gazetteer, found: Vec<Found>) -> (Vec<Entity>, Vec<Mention>) {
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut order = Vec::new();
    for i in 0..fs.forms.len() {
        let r = fs.find(i);
        groups
            .entry(r)
            .or_insert_with(|| {
                order.push(r);
                Vec::new()
            })
            .push(i);
    }
    let mut entity_of_root = HashMap::new();
    let mut entities = Vec::new();
    for r in order {
        if let Some(e) = entity(&fs, g, &groups[&r]) {
            entity_of_root.insert(r, entities.len());
            entities.push(e);
        }
    }
    drop(groups);
    let entity_of: Vec<Option<usize>> = (0..fs.forms.len())
        .map(|i| entity_of_root.get(&fs.find(i)).copied())
        .collect();
    drop(fs);
    let mentions = found
        .into_iter()
        .filter_map(|f| {
            let e = entity_of[f.form as usize]?;
            Some(Mention::new(f.article as usize, f.span, e))
        })
        .collect();
    (entities, mentions)
}

/// The entity a group of forms makes, or `None` when the typer is sure none of its
/// mentions is a name.
fn entity(fs: &Forms, g: &Gazetteer, members: &[usize]) -> Option<Entity> {
    let forms = &fs.forms;
    let main = *members
        .iter()
        .max_by_key(|&&i| (forms[i].known.is_some(), forms[i].count))
        .expect("a group has a form");
    let known = forms[main].known;
    let written = canonical(forms, members);
    let name = match known {
        Some(k)
            if members
                .iter()
                .any(|&i| forms[i].key == gazetteer::compact(&g.known[k].name)) =>
        {
            g.known[k].name.clone()
        }
        Some(k) if !written.chars().any(char::is_lowercase) && !forms[main].acronym => {
            g.known[k].name.clone()
        }
        _ => written.to_owned(),
    };
    let mut votes = Votes::default();
    for &i in members {
        for (k, v) in votes.iter_mut().zip(forms[i].votes) {
            *k += v;
        }
    }
    let mut typed = [0f32; typer::N];
    for &i in members {
        for (k, v) in typed.iter_mut().zip(forms[i].typed) {
            *k += v;
        }
    }
    let count: usize = members.iter().map(|&i| forms[i].count).sum();
    if known.is_none() && !cued(&votes) && not_a_name(&typed, count) {
        return None;
    }
    let (kind, kind_reason) = match known {
        Some(k) if g.known[k].user => (g.known[k].kind, "in your name list".to_owned()),
        Some(k) => (g.known[k].kind, "in the name lists".to_owned()),
        None => decide_kind(&votes, &typed, count),
    };
    let mut aliases: Vec<Alias> = Vec::new();
    for &i in members {
        for (s, _) in &forms[i].surfaces {
            if *s == name || aliases.iter().any(|a| a.name == *s) {
                continue;
            }
            let reason = match &fs.reason[i] {
                Some(r) if s == forms[i].display() || forms[i].surfaces.len() == 1 => r.clone(),
                _ if gazetteer::compact(s) == gazetteer::compact(&name) => {
                    "same name written differently".to_owned()
                }
                Some(r) => format!("{r}; written differently"),
                None if forms[i].known.is_some() => format!("listed as a name of {name}"),
                None => format!("same entity as {name}"),
            };
            aliases.push(Alias {
                name: s.clone(),
                reason,
            });
        }
    }
    Some(Entity {
        name,
        kind,
        aliases,
        value: None,
        unit: None,
        kind_reason,
    })
}

/// Mean probability of "no name" above which an entity no list knows is dropped. Chosen
/// on the development sets (Sequoia dev, UNER EWT dev) with the model trained without
/// them: from 0.5 to 0.7 typed F1 moves by less than 0.01; dropping nothing costs 0.04.
const NOT_A_NAME: f32 = 0.6;

/// Weight of one mention's class probability against the rules' votes (a cue word is
/// worth 3). Above 3 the typer decides nearly alone; at 1, typed F1 on the French
/// development set falls by 0.02.
const TYPER_WEIGHT: f32 = 3.0;

/// Some rule found a cue for a kind (a cue word, a head word or suffix, a first name), or
/// the name speaks ("Voltra said"): a name, whatever the typer makes of a word it never saw.
fn cued(votes: &Votes) -> bool {
    votes[..KINDS.len()].iter().any(|&v| v >= 3.0) || votes[SPEAKER] > 0.0
}

/// The typer gives most of its weight, over all the mentions, to "no name".
fn not_a_name(typed: &[f32; typer::N], count: usize) -> bool {
    typed[typer::NONE] > NOT_A_NAME * count.max(1) as f32
}

/// The kind from the rules' votes and the typer's probabilities over all the mentions:
/// one entity, one kind, by the votes of all its mentions; and which evidence weighed most
/// for it.
fn decide_kind(votes: &Votes, typed: &[f32; typer::N], count: usize) -> (Kind, String) {
    let mut v = *votes;
    for k in 0..typer::NONE {
        v[k] += TYPER_WEIGHT * typed[k];
    }
    let kind = best_kind(&v, count);
    (kind, kind_evidence(votes, typed, count, kind))
}

/// Says which evidence weighed most for `kind`: the words around the mentions (cue words,
/// head words, first names), the learned typer, or, with neither, the default.
fn kind_evidence(votes: &Votes, typed: &[f32; typer::N], count: usize, kind: Kind) -> String {
    let Some(k) = KINDS.iter().position(|&x| x == kind) else {
        return String::new();
    };
    let rules = votes[k];
    let learned = if k < typer::NONE { typed[k] } else { 0.0 };
    let mentions = crate::text::counted(count.max(1), "mention", "mentions");
    if rules <= 0.0 && learned <= 0.0 {
        return match kind {
            Kind::Loc => format!("no cue; {mentions} after \"à\" or \"in\""),
            _ => "no cue; an organisation by default".to_owned(),
        };
    }
    if rules >= TYPER_WEIGHT * learned {
        format!("cues in and around the name ({mentions})")
    } else {
        let p = learned / count.max(1) as f32;
        format!("the learned typer ({:.0} % over {mentions})", p * 100.0)
    }
}

/// The fullest frequent form: among forms used at least a quarter as often as the most
/// used one, the one with the most words; typos and head-word forms never.
fn canonical<'f>(forms: &'f [Form], members: &[usize]) -> &'f str {
    let primary: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| !forms[i].secondary)
        .collect();
    let pool = if primary.is_empty() {
        members.to_vec()
    } else {
        primary
    };
    let top = pool.iter().map(|&i| forms[i].count).max().unwrap_or(0);
    let best = pool
        .iter()
        .filter(|&&i| forms[i].count * 4 >= top)
        .max_by_key(|&&i| (!forms[i].acronym, forms[i].words.len(), forms[i].count))
        .copied()
        .unwrap_or(members[0]);
    forms[best].display()
}

/// The kind with the most evidence; with none, a place if at least half the mentions
/// follow "à" or "in", else an organisation.
fn best_kind(votes: &Votes, mentions: usize) -> Kind {
    let (i, v) = votes[..KINDS.len()]
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .expect("seven kinds");
    if *v > 0.0 {
        KINDS[i]
    } else if votes[AFTER_PREPOSITION] * 2.0 >= mentions.max(1) as f32 {
        Kind::Loc
    } else {
        Kind::Org
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_names_the_evidence_that_weighed_most() {
        let mut votes: Votes = [0.0; 9];
        let mut typed = [0f32; typer::N];
        // A cue word (3) against a typer leaning to a place over two mentions.
        votes[0] = 3.0;
        typed[2] = 0.6;
        let (kind, why) = decide_kind(&votes, &typed, 2);
        assert_eq!(kind, Kind::Per);
        assert!(why.starts_with("cues in and around the name"), "{why}");
        // The typer alone.
        let (kind, why) = decide_kind(&[0.0; 9], &typed, 2);
        assert_eq!(kind, Kind::Loc);
        assert_eq!(why, "the learned typer (30 % over 2 mentions)");
        // Nothing at all: after a preposition, a place; else an organisation.
        let mut after = [0.0; 9];
        after[AFTER_PREPOSITION] = 1.0;
        let (kind, why) = decide_kind(&after, &[0.0; typer::N], 1);
        assert_eq!(kind, Kind::Loc);
        assert!(why.starts_with("no cue"), "{why}");
        let (kind, why) = decide_kind(&[0.0; 9], &[0.0; typer::N], 1);
        assert_eq!(
            (kind, why.as_str()),
            (Kind::Org, "no cue; an organisation by default")
        );
    }

    #[test]
    fn initials_skip_connectors() {
        let w: Vec<String> = ["bank", "of", "america"].map(String::from).to_vec();
        assert_eq!(initials(&w), "ba");
    }
}
