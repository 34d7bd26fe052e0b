//! Finding names in one article. Candidates are runs of capitalised words (joined by
//! de/of/&), acronyms and words with inner capitals, or entries of the gazetteer; the
//! longest wins. Capitalisation alone is weak at the start of a sentence and in title-case
//! headings, so a word there needs more evidence: a list entry, a distinctive shape, or the
//! same word capitalised mid-sentence elsewhere in the corpus. Words that the corpus mostly
//! writes in lowercase, stopwords, weekdays, months and demonyms are not names.

use super::cues::{self, Votes, LOC, ORG, PER};
use super::gazetteer::{self, compact, is_connector, is_connector_word, Case, Gazetteer};
use super::prepare::{CaseStats, Prepared};
use super::token::Token;
use super::typer;
use super::Kind;
use crate::corpus::Article;
use crate::text::Span;

/// A name found in an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub span: Span,
    /// Comparison key: compact form without a leading article.
    pub key: String,
    /// Folded words, without a leading article.
    pub words: Vec<String>,
    /// The gazetteer entry it matched.
    pub known: Option<usize>,
    pub votes: Votes,
    /// All capitals ("AFP", "U.S").
    pub acronym: bool,
    /// Key without an organisation head word ("Banque Chase" → "chase").
    pub headless: Option<String>,
    /// What the learned typer makes of it: a probability per class of [`typer::CLASSES`].
    pub typed: [f32; typer::N],
    /// The typer's features, kept for training.
    pub features: typer::Features,
}

/// The names of one article, and the pairs written "A (B)".
#[derive(Debug, Clone, Default)]
pub struct ArticleNames {
    pub candidates: Vec<Candidate>,
    pub appositions: Vec<(usize, usize)>,
}

/// Finds the names of one article.
pub fn names(
    article: &Article,
    prepared: &Prepared,
    stats: &CaseStats,
    g: &Gazetteer,
) -> ArticleNames {
    let mut out = ArticleNames::default();
    for (toks, initial) in &prepared.sentences {
        let keys = toks
            .iter()
            .map(|t| {
                let w = &article.text[t.span.range()];
                let s = t.shape;
                if s.cap || s.upper || s.inner || s.digit {
                    compact(w)
                } else {
                    String::new()
                }
            })
            .collect();
        let scan = Scan {
            lang: article.language.code(),
            text: &article.text,
            toks,
            initial,
            g,
            stats,
            keys,
        };
        scan.sentence(&mut out);
    }
    out
}

/// Reporting verbs right after a name: "X said", "X affirme".
const REPORTING: [&str; 16] = [
    "said",
    "says",
    "told",
    "announced",
    "reported",
    "added",
    "wrote",
    "confirmed",
    "denied",
    "affirme",
    "estime",
    "explique",
    "annonce",
    "précise",
    "confirme",
    "déclare",
];

/// Past participles after "a": "X a déclaré".
const REPORTED: [&str; 11] = [
    "déclaré",
    "indiqué",
    "annoncé",
    "affirmé",
    "expliqué",
    "précisé",
    "confirmé",
    "démenti",
    "estimé",
    "assuré",
    "répondu",
];

/// Small words left out of an acronym's letters besides the connectors.
const EXPANSION_GLUE: [&str; 7] = ["et", "and", "pour", "for", "à", "aux", "au"];

struct Scan<'s> {
    lang: &'s str,
    text: &'s str,
    toks: &'s [Token],
    initial: &'s [bool],
    g: &'s Gazetteer,
    stats: &'s CaseStats<'s>,
    /// Compact keys of the tokens that start with a capital or a digit (others empty).
    keys: Vec<String>,
}

impl Scan<'_> {
    fn word(&self, i: usize) -> &str {
        &self.text[self.toks[i].span.range()]
    }

    fn key(&self, i: usize) -> &str {
        &self.keys[i]
    }

    /// A token that can be part of a name: capitalised, all capitals, inner capitals, or
    /// digits glued to letters ("20minutes").
    fn name_like(&self, i: usize) -> bool {
        let s = self.toks[i].shape;
        !s.punct && !s.elision && (s.cap || s.upper || s.inner || (s.digit && s.alpha))
    }

    /// A name-like token that may stand inside a run of capitalised words.
    fn name_word(&self, i: usize) -> bool {
        if !self.name_like(i) {
            return false;
        }
        let k = self.key(i);
        !self.g.is_stopword(k) && !self.g.is_demonym(k)
    }

    /// Only spaces between token `i` and the next one, on the same line.
    fn joined(&self, i: usize) -> bool {
        let (a, b) = (self.toks[i].span.end, self.toks[i + 1].span.start);
        !self.toks[i + 1].after_newline && self.text[a..b].chars().all(char::is_whitespace)
    }

    fn sentence(&self, out: &mut ArticleNames) {
        let n = self.toks.len();
        let first = out.candidates.len();
        let expansions = self.expansions();
        let mut i = 0;
        while i < n {
            if let Some(&(_, end)) = expansions.iter().find(|(s, _)| *s == i) {
                let known = self
                    .gazetteer_match(i)
                    .filter(|&(e, _)| e == end)
                    .map(|(_, k)| k);
                self.push(out, i, end, known);
                i = end;
                continue;
            }
            if !self.name_like(i) {
                i += 1;
                continue;
            }
            if self.defined_acronym(out, first, i) {
                self.push(out, i, i + 1, None);
                i += 1;
                continue;
            }
            let known = self.gazetteer_match(i);
            let run = self.run_end(i);
            let next = match known {
                Some((end, id)) if end >= run || self.tail_is_person(end, run) => {
                    self.push(out, i, end, Some(id));
                    end
                }
                Some((end, id))
                    if self.g.known[id].kind == Kind::Org
                        && (end..run).all(|k| self.g.is_org_suffix(self.key(k))) =>
                {
                    self.push(out, i, run, Some(id)); // "Microsoft Corp", "Alphabet Inc"
                    run
                }
                _ if run > i => self.unknown(out, i, run),
                _ => i + 1,
            };
            i = next.max(i + 1);
        }
        self.appositions(out, first);
    }

    /// The longest gazetteer alias starting at token `i`: (end token, entry).
    fn gazetteer_match(&self, i: usize) -> Option<(usize, usize)> {
        let first = self.key(i);
        if !self.g.starts_alias(first) {
            return None;
        }
        let mut key = String::new();
        let mut best = None;
        let start = self.toks[i].span.start;
        for j in i..self.toks.len().min(i + self.g.max_words) {
            if j > i && !self.joined(j - 1) {
                break;
            }
            let t = self.toks[j];
            let w = self.word(j);
            if t.shape.punct && w != "&" {
                break;
            }
            key.push_str(&compact(w));
            if !self.g.is_alias_prefix(&key) {
                break; // no alias is this long one or longer
            }
            if self.g.is_alias(&key) && !is_connector_word(w) {
                let case = Case::of(&self.text[start..t.span.end]);
                if let Some(id) = self.g.lookup(&key, case) {
                    best = Some((j + 1, id));
                }
            }
        }
        best
    }

    /// End of the run of capitalised words starting at `i` (`i` itself when it is not one).
    fn run_end(&self, i: usize) -> usize {
        let n = self.toks.len();
        let mut start = i;
        // A capitalised article inside a sentence belongs to the name ("le journal La Tribune").
        if !self.initial[i] && matches!(self.word(i), "La" | "Le" | "Les" | "The") {
            if i + 1 < n && self.joined(i) && self.name_word(i + 1) {
                start = i + 1;
            } else {
                return i;
            }
        }
        if !self.name_word(start) {
            return i;
        }
        let mut end = start + 1;
        let mut j = end;
        while j < n && self.joined(j - 1) {
            if self.name_word(j) && self.may_extend(start, j) {
                end = j + 1;
                j += 1;
                continue;
            }
            if self.surname_particle(start, end, j) {
                end = j + 2;
                j += 2;
                continue;
            }
            let connects =
                is_connector_word(self.word(j)) && j + 1 < n && j - end < 2 && self.joined(j);
            if !connects || !self.connector_may_join(start, end, j + 1) {
                break;
            }
            j += 1;
        }
        end
    }

    /// "Bruno Le Maire", "Charles De Gaulle": a capitalised particle after a first name starts
    /// the surname, even when the next word alone would be a common word.
    fn surname_particle(&self, start: usize, end: usize, j: usize) -> bool {
        end == start + 1
            && j == end
            && j + 1 < self.toks.len()
            && self.g.is_first_name(self.key(start))
            && matches!(
                self.word(j),
                "Le" | "La" | "De" | "Du" | "Van" | "Von" | "Di" | "Da" | "Del"
            )
            && self.joined(j)
            && self.toks[j + 1].shape.cap
            && self.toks[j + 1].shape.alpha
    }

    /// Whether word `j` may lengthen a run: in a title-case heading only a word the corpus
    /// capitalises elsewhere, or one that looks like a name ("Boeing Halts" is not one name);
    /// and never a first name that starts a person's name ("FAA Administrator Mike Whitaker").
    fn may_extend(&self, start: usize, j: usize) -> bool {
        let s = self.toks[j].shape;
        let w = self.word(j);
        let after_first_name = j == start + 1 && self.g.is_first_name(self.key(start));
        let evidence = s.upper || s.inner || after_first_name || self.stats.cap_count(w) > 0;
        if self.initial[j] && !evidence {
            return false;
        }
        let person = self.g.is_first_name(self.key(j))
            && j + 1 < self.toks.len()
            && self.joined(j)
            && self.name_word(j + 1);
        !person
    }

    /// "Banque de France" and "Bank of America" are one name; "Facebook de Mark Zuckerberg"
    /// is two: no joining after a known name or before a first name.
    fn connector_may_join(&self, start: usize, end: usize, next: usize) -> bool {
        if next >= self.toks.len() || self.initial[next] {
            return false;
        }
        let lone_start = end == start + 1 && self.initial[start];
        if lone_start && self.stats.cap_count(self.word(start)) == 0 {
            return false; // "Shares of the Menlo Park company"
        }
        if self.gazetteer_match(start).is_some_and(|(e, _)| e == end) {
            return false;
        }
        if end - start >= 2 && self.g.is_first_name(self.key(start)) {
            return false; // "George Galloway of the Workers Party", not "Charles de Gaulle"
        }
        let nk = self.key(next);
        !(self.name_like(next)
            && self.g.is_first_name(nk)
            && next + 1 < self.toks.len()
            && self.name_word(next + 1))
    }

    /// A known name followed by a person's name: "Facebook Mark Zuckerberg".
    fn tail_is_person(&self, end: usize, run: usize) -> bool {
        run > end + 1 && self.g.is_first_name(self.key(end))
    }

    /// Checks and records a run of capitalised words that no list knows; returns where to go on.
    fn unknown(&self, out: &mut ArticleNames, i: usize, run: usize) -> usize {
        let mut start = i;
        if !self.name_word(i) {
            start = i + 1; // capitalised article
        }
        let words = run - start;
        if words == 1 {
            if self.accept_single(start) {
                self.push(out, i, run, None);
            }
            return run;
        }
        let first = self.word(start);
        let doubtful_first = self.initial[start]
            && !self.g.is_first_name(&compact(first))
            && self.stats.lower_count(first) > 0;
        let common_tail = (start + 1..run).all(|k| !self.name_like(k) || self.is_common(k));
        if doubtful_first || (self.initial[start] && common_tail) {
            return start + 1; // "Reste Facebook…": look again from the next word
        }
        if (start..run).all(|k| !self.name_like(k) || self.is_common(k)) {
            return run;
        }
        self.push(out, i, run, None);
        run
    }

    /// A capitalised word the corpus mostly writes in lowercase.
    fn is_common(&self, k: usize) -> bool {
        let w = self.word(k);
        let s = self.toks[k].shape;
        !(s.upper || s.inner) && self.stats.lower_count(w) >= self.stats.cap_count(w).max(1)
    }

    /// A lone capitalised word is a name if it looks like one where capitals mean nothing.
    fn accept_single(&self, k: usize) -> bool {
        let w = self.word(k);
        let s = self.toks[k].shape;
        if w.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            return false;
        }
        if s.upper && w.chars().filter(|c| c.is_alphabetic()).count() <= 2 {
            return self.in_brackets(k);
        }
        if s.digit {
            return false; // "2.1bn": only a listed name starts with a digit ("20minutes")
        }
        if s.upper || s.inner {
            return true;
        }
        let evidence =
            self.stats.alone_count(w) > 0 || self.stats.surnames.contains(w) || self.reported(k);
        if self.initial[k] && !evidence {
            return false;
        }
        !self.is_common(k)
    }

    /// Names spelt out before an acronym in brackets whose letters are their initials, even
    /// with lowercase words: "Fédération française de l'assurance (FFA)". (start, end) tokens.
    fn expansions(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for k in 2..self.toks.len().saturating_sub(1) {
            if !self.toks[k].shape.upper || !self.in_brackets(k) {
                continue;
            }
            let acronym = self.key(k).to_owned();
            let mut letters = String::new();
            let mut s = k - 1;
            while s > 0 && letters.chars().count() < acronym.chars().count() && s + 12 > k {
                s -= 1;
                let t = self.toks[s];
                if t.shape.punct {
                    break;
                }
                let lw = self.word(s).to_lowercase();
                if is_connector(&lw) || t.shape.elision || EXPANSION_GLUE.contains(&lw.as_str()) {
                    continue;
                }
                let Some(initial) = compact(self.word(s)).chars().next() else {
                    break;
                };
                letters.insert(0, initial);
                if letters == acronym && t.shape.cap && k - 1 - s > 1 {
                    out.push((s, k - 1));
                }
            }
        }
        out
    }

    /// An acronym in brackets right after the name it abbreviates, "Cambridge Analytica
    /// (CA)": a name even when the letters alone would be a common abbreviation.
    fn defined_acronym(&self, out: &ArticleNames, first: usize, k: usize) -> bool {
        if !self.toks[k].shape.upper || !self.in_brackets(k) {
            return false;
        }
        let Some(prev) = out.candidates[first..].last() else {
            return false;
        };
        if self.text[prev.span.end..self.toks[k - 1].span.start].trim() != "" {
            return false;
        }
        let initials: String = prev
            .words
            .iter()
            .filter(|w| !is_connector(w))
            .filter_map(|w| w.chars().next())
            .collect();
        prev.words.len() > 1 && initials == self.key(k)
    }

    /// A reporting verb follows: "Nordwind said", "Dupont a déclaré".
    fn reported(&self, k: usize) -> bool {
        let next = |d: usize| {
            self.toks
                .get(k + d)
                .map_or(String::new(), |t| self.text[t.span.range()].to_lowercase())
        };
        let first = next(1);
        REPORTING.contains(&first.as_str()) || first == "a" && REPORTED.contains(&next(2).as_str())
    }

    fn in_brackets(&self, k: usize) -> bool {
        k > 0 && k + 1 < self.toks.len() && self.word(k - 1) == "(" && self.word(k + 1) == ")"
    }

    /// Records the name covering tokens `i..end`.
    fn push(&self, out: &mut ArticleNames, i: usize, end: usize, known: Option<usize>) {
        let span = Span::new(self.toks[i].span.start, self.toks[end - 1].span.end);
        let surface = &self.text[span.range()];
        let mut words = gazetteer::folded_words(surface);
        if words.len() > 1 && matches!(words[0].as_str(), "le" | "la" | "les" | "the") {
            words.remove(0);
        }
        let key: String = words.concat();
        let mut votes = cues::votes(self.text, self.toks, i, end);
        self.shape_votes(&words, i, end, &mut votes);
        if self.reported(end - 1) {
            votes[cues::SPEAKER] += 1.0;
        }
        let headless =
            (words.len() > 1 && self.g.is_org_head(&words[0])).then(|| words[1..].concat());
        let features = self.typer_features(i, end, known, &votes);
        let typed = typer::Model::get().map_or([0.0; typer::N], |m| m.probabilities(&features));
        out.candidates.push(Candidate {
            typed,
            features,
            span,
            key,
            acronym: end == i + 1 && self.toks[i].shape.upper,
            words,
            known,
            votes,
            headless,
        });
    }

    /// The learned typer's view of the name covering tokens `i..end`.
    fn typer_features(
        &self,
        i: usize,
        end: usize,
        known: Option<usize>,
        votes: &Votes,
    ) -> typer::Features {
        let lists: Vec<&'static str> = (i..end).map(|k| self.lists_of(k)).collect();
        let first = self.word(i);
        let cues = typer::Cues {
            lang: self.lang,
            votes,
            lists: &lists,
            initial: self.initial[i],
            lower: self.stats.lower_count(first),
            capital: self.stats.cap_count(first),
        };
        let mut f = typer::features(self.text, self.toks, i, end, &cues);
        if let Some(k) = known {
            f.add("known", self.g.known[k].kind.label());
        }
        f
    }

    /// The word list that holds token `k`, for the typer.
    fn lists_of(&self, k: usize) -> &'static str {
        let key = self.key(k);
        if key.is_empty() {
            "lower"
        } else if self.g.is_first_name(key) {
            "first-name"
        } else if self.stats.surnames.contains(self.word(k)) {
            "surname"
        } else if self.g.is_org_head(key) {
            "org-head"
        } else if self.g.is_org_suffix(key) {
            "org-suffix"
        } else if self.g.is_loc_head(key) {
            "loc-head"
        } else if self.g.is_demonym(key) {
            "demonym"
        } else {
            "-"
        }
    }

    /// Votes from the words of the name itself.
    fn shape_votes(&self, words: &[String], i: usize, end: usize, v: &mut Votes) {
        let (first, last) = (&words[0], &words[words.len() - 1]);
        if self.g.is_first_name(first) && self.name_like(i) {
            v[PER] += if words.len() > 1 { 3.0 } else { 1.5 };
        }
        if self.g.is_org_head(first) || self.g.is_org_suffix(last) {
            v[ORG] += 3.0;
        }
        if words.len() > 1 && self.g.is_loc_head(first) {
            v[LOC] += 3.0;
        }
        if end == i + 1 && self.toks[i].shape.upper {
            v[ORG] += 1.0;
        }
    }

    /// Pairs written "A (B)" among the candidates pushed since `first`.
    fn appositions(&self, out: &mut ArticleNames, first: usize) {
        for a in first..out.candidates.len() {
            let Some(b) = out.candidates.get(a + 1) else {
                break;
            };
            let between = &self.text[out.candidates[a].span.end..b.span.start];
            let after = &self.text[b.span.end..];
            if between.trim() == "(" && after.starts_with(')') {
                out.appositions.push((a, a + 1));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Meta;
    use crate::entities::prepare::prepare;

    fn found(text: &str) -> Vec<String> {
        let a = Article::new(
            "a".into(),
            "t".into(),
            "p".into(),
            text.into(),
            Meta::default(),
        );
        let p = prepare(&a);
        let mut stats = CaseStats::default();
        let g = gazetteer::builtin();
        stats.add(&a.text, &p, g);
        names(&a, &p, &stats, g)
            .candidates
            .iter()
            .map(|c| a.text[c.span.range()].to_owned())
            .collect()
    }

    #[test]
    fn runs_connectors_and_articles() {
        assert_eq!(
            found("Il a parlé à la Banque de France hier."),
            ["Banque de France"]
        );
        assert_eq!(
            found("Selon le journal La Gazette, il part."),
            ["La Gazette"]
        );
        assert_eq!(
            found("Le groupe de Jane Doe et Acme Corp."),
            ["Jane Doe", "Acme Corp"]
        );
    }

    #[test]
    fn sentence_starts_need_evidence() {
        assert_eq!(
            found("Parmi eux, Dupont. Reste que rien. Dupont part."),
            ["Dupont", "Dupont"]
        );
        assert!(found("Lire la suite. Voilà tout.").is_empty());
    }

    #[test]
    fn stopwords_break_runs() {
        assert_eq!(
            found("Il cite Dupont Frères Et Martin Fils ici."),
            ["Dupont Frères", "Martin Fils"]
        );
    }
}
