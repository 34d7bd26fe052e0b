//! What a figure measures, read from its sentence, so that only figures measuring the same
//! thing are compared: "9 000 postes supprimés" and "6 000 remplacés" are two counts of
//! jobs, "Martine, 67 ans" is an age and "trente ans en arrière" a duration, "vers 23
//! heures" a time of day, "Ryanair a supprimé 300 vols" and "Easyjet a annulé 140 vols"
//! counts of two companies.
//!
//! A figure's *clause* (the words between the punctuation around it) gives the words that
//! govern it; words of a small bilingual lexicon of measures sort them into families
//! (what happened to jobs: cut, created, replaced; a toll: dead, injured, missing; money:
//! loss, profit, provision; a change: rise, fall; whether it is net, or said of an earlier
//! period). Two figures are the same measure when they play the same role, no family
//! names two different things, their subjects (the first person or organisation named
//! before them) are not two different entities, and, for amounts that are not counts,
//! their clauses share a word or a measure.

use crate::entities::{Entities, Kind};
use crate::figures::Figure;
use crate::text::stopwords::Stopwords;
use crate::text::{fold, Span, Stemmer};

/// What role a figure plays in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A quantity, an amount, a share: the usual case.
    Amount,
    /// Someone's age ("Martine, 67 ans", "a 33-year-old man").
    Age,
    /// A time of day ("vers 23 heures").
    TimeOfDay,
}

/// What a figure measures, for comparison with figures of other articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub role: Role,
    /// Measure words of the clause, as (family, name), sorted.
    pub names: Vec<(&'static str, &'static str)>,
    /// Stems of the clause's content words, outside the figure itself, sorted.
    pub stems: Vec<String>,
    /// The first person or organisation named before the figure in its sentence.
    pub subject: Option<usize>,
    /// Every person or organisation the sentence names.
    pub named: Vec<usize>,
    /// The folded names of every place the sentence names.
    pub places: Vec<String>,
}

/// Folded words (or their beginnings, ending with `*`) that name a measure, with their
/// family and the measure's name. Families are what a figure can be said of: two figures
/// whose clauses name different measures of one family measure different things.
const MEASURES: &[(&str, &str, &str)] = &[
    // What happens to jobs.
    ("suppr*", "jobs", "cut"),
    ("cut*", "jobs", "cut"),
    ("eliminat*", "jobs", "cut"),
    ("shed*", "jobs", "cut"),
    ("axe*", "jobs", "cut"),
    ("licenci*", "jobs", "cut"),
    ("layoff*", "jobs", "cut"),
    ("redundan*", "jobs", "cut"),
    ("perdu*", "jobs", "cut"),
    ("lose", "jobs", "cut"),
    ("losing", "jobs", "cut"),
    ("menac*", "jobs", "at risk"),
    ("threaten*", "jobs", "at risk"),
    ("risk", "jobs", "at risk"),
    ("rempla*", "jobs", "replaced"),
    ("replace*", "jobs", "replaced"),
    ("reclass*", "jobs", "replaced"),
    ("redeploy*", "jobs", "replaced"),
    ("redeplo*", "jobs", "replaced"),
    ("creat*", "jobs", "created"),
    ("cree*", "jobs", "created"),
    ("creer*", "jobs", "created"),
    ("embauch*", "jobs", "created"),
    ("recrut*", "jobs", "created"),
    ("hire*", "jobs", "created"),
    ("hiring", "jobs", "created"),
    // Whether a figure is net of something.
    ("net", "scope", "net"),
    ("nets", "scope", "net"),
    ("nette*", "scope", "net"),
    ("gross", "scope", "gross"),
    ("brut*", "scope", "gross"),
    // What an event did to people.
    ("mort*", "toll", "dead"),
    ("dead", "toll", "dead"),
    ("death*", "toll", "dead"),
    ("died", "toll", "dead"),
    ("killed", "toll", "dead"),
    ("tue*", "toll", "dead"),
    ("deced*", "toll", "dead"),
    ("deces", "toll", "dead"),
    ("fatalit*", "toll", "dead"),
    ("bless*", "toll", "injured"),
    ("injur*", "toll", "injured"),
    ("wounded", "toll", "injured"),
    ("disparu*", "toll", "missing"),
    ("missing", "toll", "missing"),
    ("unaccounted", "toll", "missing"),
    ("survivant*", "toll", "survivors"),
    ("survivor*", "toll", "survivors"),
    ("rescap*", "toll", "survivors"),
    ("rescued", "toll", "rescued"),
    ("secouru*", "toll", "rescued"),
    ("sauve*", "toll", "rescued"),
    ("evacu*", "toll", "evacuated"),
    // Money.
    ("pert*", "money", "loss"),
    ("loss*", "money", "loss"),
    ("lost", "money", "loss"),
    ("wipe*", "money", "loss"),
    ("wiping", "money", "loss"),
    ("aneanti*", "money", "loss"),
    ("effac*", "money", "loss"),
    ("provision*", "money", "provision"),
    ("benefice*", "money", "profit"),
    ("profit*", "money", "profit"),
    ("earning*", "money", "profit"),
    ("chiffre", "money", "revenue"),
    ("revenue*", "money", "revenue"),
    ("sales", "money", "revenue"),
    ("ventes", "money", "revenue"),
    ("invest*", "money", "investment"),
    ("amende*", "money", "fine"),
    ("fine", "money", "fine"),
    ("fined", "money", "fine"),
    ("penalt*", "money", "fine"),
    ("rancon*", "money", "ransom"),
    ("ransom*", "money", "ransom"),
    ("dette*", "money", "debt"),
    ("debt*", "money", "debt"),
    ("cout*", "money", "cost"),
    ("cost*", "money", "cost"),
    ("capitalisation", "money", "value"),
    ("valoris*", "money", "value"),
    ("valuation", "money", "value"),
    ("market value", "money", "value"),
    // Which way a figure moved.
    ("hausse*", "change", "rise"),
    ("augment*", "change", "rise"),
    ("bondi*", "change", "rise"),
    ("progress*", "change", "rise"),
    ("grimp*", "change", "rise"),
    ("rise*", "change", "rise"),
    ("rose", "change", "rise"),
    ("jump*", "change", "rise"),
    ("gain*", "change", "rise"),
    ("gagn*", "change", "rise"),
    ("baisse*", "change", "fall"),
    ("recul*", "change", "fall"),
    ("cede*", "change", "fall"),
    ("chut*", "change", "fall"),
    ("diminu*", "change", "fall"),
    ("fall*", "change", "fall"),
    ("fell", "change", "fall"),
    ("drop*", "change", "fall"),
    ("declin*", "change", "fall"),
    ("plunge*", "change", "fall"),
    // When: a figure said of an earlier period is not the current one.
    ("dernier", "period", "earlier"),
    ("derniere", "period", "earlier"),
    ("precedent*", "period", "earlier"),
    ("last", "period", "earlier"),
    ("previous", "period", "earlier"),
    ("earlier", "period", "earlier"),
    ("ago", "period", "earlier"),
];

/// Counted nouns that are what an event did to people: "quatre morts" and "cinq blessés"
/// are two counts, and "dead" said of deaths says nothing more.
pub const TOLLS: &[&str] = &["deaths", "injured", "evacuees", "missing"];

/// Families whose measure words must be present in both clauses or in neither: a net
/// figure and a figure that does not say so are different figures; a figure of an earlier
/// period and one of no stated period too.
const MARKED: &[&str] = &["scope", "period"];

/// Words before "N heures" that make it a time of day.
const CLOCK_CUES: &[&str] = &["a", "vers", "des", "jusqu'a", "avant", "aux alentours de"];

/// Words before a number of years that make it an age.
const AGE_CUES: &[&str] = &["age de", "agee de", "ages de", "agees de", "aged"];

/// Marks that end a clause.
const CLAUSE_ENDS: &[char] = &[',', ';', ':', '(', ')', '—', '–', '«', '»', '"', '“', '”'];

/// What `figure` measures in `sentence` of article `article` (text `text`, language
/// `lang`); words of `stopwords` say nothing of it.
pub fn of(
    text: &str,
    sentence: Span,
    figure: &Figure,
    lang: &str,
    article: usize,
    entities: &Entities,
    stopwords: &Stopwords,
) -> Measure {
    let clause = clause_of(text, sentence, figure.span);
    let before = fold(&text[clause.start..figure.span.start]);
    let after = fold(&text[figure.span.end..clause.end]);
    let stemmer = Stemmer::for_language(lang);
    let mut names = Vec::new();
    let mut stems = Vec::new();
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
            .flat_map(|w| w.rsplit('\''))
            .filter(|w| !w.is_empty() && !w.chars().any(|c| c.is_numeric()))
            .map(str::to_owned)
            .collect()
    };
    let mut all = words(&before);
    all.extend(words(&after));
    for w in &all {
        if let Some(n) = measure_word(w) {
            names.push(n);
        }
        if w.chars().count() > 2 && !stopwords.contains(w, lang) {
            stems.push(stemmer.stem(w));
        }
    }
    if before.contains("market value") || after.contains("market value") {
        names.push(("money", "value"));
    }
    names.sort_unstable();
    names.dedup();
    stems.sort_unstable();
    stems.dedup();
    let (subject, named, places) = subject_of(entities, article, sentence, figure.span);
    Measure {
        role: role_of(text, sentence, figure, &before, &after),
        names,
        stems,
        subject,
        named,
        places,
    }
}

/// The measure named by a folded word, if any.
fn measure_word(w: &str) -> Option<(&'static str, &'static str)> {
    MEASURES.iter().find_map(|&(word, family, name)| {
        let hit = match word.strip_suffix('*') {
            Some(prefix) => w.starts_with(prefix),
            None => w == word,
        };
        hit.then_some((family, name))
    })
}

/// The clause of `sentence` around `figure`: from the mark that ends a clause before it
/// to the one after it. "and" or "et" right before a number also part clauses: "12 were
/// killed and 30 are missing" says two things of two figures.
fn clause_of(text: &str, sentence: Span, figure: Span) -> Span {
    let head = &text[sentence.start..figure.start];
    let mut start = head.rfind(CLAUSE_ENDS).map_or(sentence.start, |i| {
        sentence.start + i + head[i..].chars().next().map_or(1, char::len_utf8)
    });
    let trimmed = head.trim_end();
    if let Some(word) = AND.iter().find(|w| trimmed.ends_with(&format!(" {w}"))) {
        start = start.max(sentence.start + trimmed.len() - word.len());
    }
    let tail = &text[figure.end..sentence.end];
    let mut end = tail
        .find(CLAUSE_ENDS)
        .map_or(sentence.end, |i| figure.end + i);
    for w in AND {
        let before_number = tail.match_indices(&format!(" {w} ")).find(|(i, m)| {
            (tail[i + m.len()..].chars().next()).is_some_and(|c| c.is_ascii_digit())
        });
        if let Some((i, _)) = before_number {
            end = end.min(figure.end + i);
        }
    }
    Span::new(start, end.max(figure.end))
}

/// Words joining two clauses, each with its figure.
const AND: &[&str] = &["and", "et"];

/// The role of a figure from the words around it.
fn role_of(text: &str, sentence: Span, figure: &Figure, before: &str, after: &str) -> Role {
    if figure.unit == "year" {
        let written = fold(&text[figure.span.range()]);
        let head = fold(&text[sentence.start..figure.span.start]);
        let apposition = head.trim_end().ends_with(',')
            && (after.trim().is_empty() || text[figure.span.end..].trim_start().starts_with(','));
        if written.ends_with("old")
            || AGE_CUES.iter().any(|c| before.trim_end().ends_with(c))
            || apposition
        {
            return Role::Age;
        }
    }
    if figure.unit == "hour" && figure.value <= 24.0 && figure.value.fract() == 0.0 {
        let written = fold(&text[figure.span.range()]);
        let french_hours = written.ends_with("heures") || written.ends_with('h');
        let cue = CLOCK_CUES.iter().any(|c| {
            before.trim_end().strip_suffix(c).is_some_and(|rest| {
                rest.chars()
                    .next_back()
                    .is_none_or(|ch| !ch.is_alphanumeric())
            })
        });
        if french_hours && cue {
            return Role::TimeOfDay;
        }
    }
    Role::Amount
}

/// The first person or organisation named in `sentence` before `figure`, every person
/// or organisation the sentence names (entity indices, sorted) and every place (folded
/// names, sorted).
fn subject_of(
    entities: &Entities,
    article: usize,
    sentence: Span,
    figure: Span,
) -> (Option<usize>, Vec<usize>, Vec<String>) {
    let mentions = entities.in_article(article);
    let from = mentions.partition_point(|m| m.span().start < sentence.start);
    let mut subject = None;
    let mut named = Vec::new();
    let mut places = Vec::new();
    for m in &mentions[from..] {
        if m.span().start >= sentence.end {
            break;
        }
        let entity = entities.entities.get(m.entity());
        let kind = entity.map(|e| e.kind);
        if let Some(place) = entity.filter(|e| e.kind == Kind::Loc) {
            places.push(fold(&place.name));
        }
        if !matches!(kind, Some(Kind::Per | Kind::Org)) {
            continue;
        }
        if subject.is_none() && m.span().end <= figure.start {
            subject = Some(m.entity());
        }
        named.push(m.entity());
    }
    named.sort_unstable();
    named.dedup();
    places.sort_unstable();
    places.dedup();
    (subject, named, places)
}

impl Measure {
    /// A short name of what is measured: the measure words of the clause and the counted
    /// noun or unit ("cut jobs", "dead miner", "dead deaths" is said "deaths", "rise
    /// percent").
    pub fn describe(&self, figure: &Figure) -> String {
        // A toll names people counted: said of money or of deaths it adds nothing.
        let of_people =
            figure.unit.is_empty() || (figure.is_count() && !TOLLS.contains(&figure.unit.as_str()));
        let mut words: Vec<&str> = (self.names.iter())
            .filter(|(family, _)| *family != "toll" || of_people)
            .map(|(_, name)| *name)
            .collect();
        match self.role {
            Role::Age => words.push("age"),
            Role::TimeOfDay => words.push("time of day"),
            Role::Amount => {}
        }
        if !figure.unit.is_empty() {
            words.push(&figure.unit);
        }
        words.join(" ")
    }

    /// True when this figure and `other` (of the same kind and unit) measure the same
    /// thing; `count` says whether they are counts of things.
    pub fn same_as(&self, other: &Measure, count: bool) -> bool {
        if self.role != other.role {
            return false;
        }
        if self.role == Role::Age {
            // Ages compare only for one person, named in both.
            return self.subject.is_some() && self.subject == other.subject;
        }
        if self.role == Role::TimeOfDay {
            return true;
        }
        if self.names_differ(other) || self.subjects_differ(other) {
            return false;
        }
        count || self.stems.is_empty() || other.stems.is_empty() || self.shares_words(other)
    }

    /// True when a family names two different measures, or a marked family is named on
    /// one side only.
    fn names_differ(&self, other: &Measure) -> bool {
        let family = |m: &Measure, f: &str| -> Vec<&'static str> {
            m.names.iter().filter(|n| n.0 == f).map(|n| n.1).collect()
        };
        let families = self.names.iter().chain(&other.names).map(|n| n.0);
        families.into_iter().any(|f| {
            let (a, b) = (family(self, f), family(other, f));
            if a.is_empty() || b.is_empty() {
                return MARKED.contains(&f);
            }
            !a.iter().any(|x| b.contains(x))
        })
    }

    /// True when both figures are said of a named subject and they are two entities,
    /// neither named beside the other's figure, or when both sentences name places and
    /// none in common (see [`same_place`]).
    fn subjects_differ(&self, other: &Measure) -> bool {
        let (x, y) = (&self.places, &other.places);
        if !x.is_empty() && !y.is_empty() && !x.iter().any(|p| y.iter().any(|q| same_place(p, q))) {
            return true;
        }
        match (self.subject, other.subject) {
            (Some(a), Some(b)) => a != b && !other.named.contains(&a) && !self.named.contains(&b),
            _ => false,
        }
    }

    /// True when the clauses share a content word or a measure. Long stems that begin
    /// alike are one word: the stemmer keeps derived forms apart ("économies" and
    /// "économiser", "investment" and "investors").
    fn shares_words(&self, other: &Measure) -> bool {
        self.names.iter().any(|n| other.names.contains(n))
            || (self.stems.iter()).any(|s| {
                other.stems.binary_search(s).is_ok()
                    || (other.stems.iter()).any(|o| same_beginning(s, o))
            })
    }
}

/// True when two folded place names name one place: equal, or one is the other's first
/// words ("bourse" and "bourse de paris"): articles shorten a place named in full
/// elsewhere, and the shorter name is not always resolved to the fuller one.
fn same_place(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.strip_prefix(short)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '-']))
}

/// Letters two stems must share from their start to count as one word.
const SHARED_BEGINNING: usize = 6;

/// True when `a` and `b` both have at least [`SHARED_BEGINNING`] letters and begin with
/// the same ones.
fn same_beginning(a: &str, b: &str) -> bool {
    let mut x = a.chars();
    let mut y = b.chars();
    (0..SHARED_BEGINNING).all(|_| matches!((x.next(), y.next()), (Some(c), Some(d)) if c == d))
}

#[cfg(test)]
mod tests;
