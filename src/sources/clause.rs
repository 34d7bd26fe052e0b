//! Attribution clauses of one sentence, found from the words around a reporting verb or an
//! attribution cue and from the punctuation between them, without a parser:
//!
//! - a verb opening its clause, speaker after it: ", a déclaré lundi à l'AFP une source
//!   bancaire", ", said Patricia Wexler, a spokeswoman for JPMorgan Chase", ", a-t-elle
//!   ajouté";
//! - a speaker before the verb: "\"…,\" chief executive Lotte Brink said.", "Voltra said it
//!   had…", "une porte-parole de Citi a indiqué à l'AFP que…";
//! - a cue before the source: "selon le Wall Street Journal", "according to the company",
//!   "d'après un rapport du Wall Street Journal", "selon une déclaration donnée à CNBC".
//!
//! What comes out is word ranges (speaker, medium, verb, affiliation); naming and resolving
//! them is the article pass's work ([`super::attribution`]).

use super::lexicon as lx;
use crate::text::Span;

/// A word of the sentence: its span, folded form, and whether a break (punctuation that
/// ends a phrase) stands just before it or it lies inside quotation marks.
#[derive(Debug, Clone)]
pub struct Tok {
    pub span: Span,
    pub folded: String,
    pub break_before: bool,
    pub comma_before: bool,
    pub quoted: bool,
    /// The word starts with a capital letter in the text.
    pub capital: bool,
}

impl Tok {
    /// The folded word without a French elision in front.
    pub fn base(&self) -> &str {
        lx::unelided(&self.folded)
    }
}

/// Word range `[start, end)` in the sentence's tokens.
pub type Range = (usize, usize);

/// One attribution found in a sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    pub speaker: Option<Range>,
    pub medium: Option<Range>,
    /// Named after the speaker: "a spokeswoman for JPMorgan Chase".
    pub affiliation: Option<Range>,
    pub verb: Option<Range>,
    /// "sous couvert de l'anonymat", "on condition of anonymity".
    pub anonymity: bool,
    /// The words of the whole clause.
    pub clause: Range,
    /// The speaker is the last one named ("Et d'ajouter : …").
    pub carry: bool,
    /// A short capitalised phrase after a comma that names the speaker ("a déclaré la
    /// préfète du Gard, Claire Vasseur").
    pub apposition: Option<Range>,
}

/// Longest speaker, in words.
const MAX_SPEAKER: usize = 9;
/// Longest subject with an appositive ("Voltra's chief executive, Lotte Brink,").
const MAX_SUBJECT: usize = 12;

/// The attributions of a sentence, in order; `named(range)` tells whether words hold a
/// recognised name.
pub fn find(toks: &[Tok], named: &dyn Fn(Range) -> bool) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].quoted {
            i += 1;
            continue;
        }
        let found = cue(toks, i).or_else(|| verb(toks, i, named));
        match found {
            Some(f) => {
                i = f.clause.1.max(i + 1);
                out.push(f);
            }
            None => i += 1,
        }
    }
    out
}

/// End of the phrase starting at `from`: the next break, quotation or sentence end.
fn phrase_end(toks: &[Tok], from: usize) -> usize {
    let mut j = from + 1;
    while j < toks.len() && !toks[j].break_before && !toks[j].quoted {
        j += 1;
    }
    j.min(toks.len())
}

/// "selon X", "d'après X", "according to X", "citing X", "cité par X".
fn cue(toks: &[Tok], i: usize) -> Option<Found> {
    let w = toks[i].folded.as_str();
    let next = |k: usize| toks.get(i + k).filter(|t| !t.break_before && !t.quoted);
    if matches!(w, "in" | "dans" | "lors") && toks[i].break_before {
        // ", in a statement to CNBC", ", dans un entretien au Monde".
        let end = phrase_end(toks, i);
        let noun = (i + 1..end.min(i + 4)).find(|&k| lx::is_statement_noun(toks[k].base()))?;
        let to = (noun + 1..end)
            .find(|&k| matches!(toks[k].folded.as_str(), "to" | "a" | "au" | "with" | "avec"))?;
        if to + 1 < end && media_like(toks, (to + 1, end)) {
            return Some(Found {
                medium: Some((to + 1, end)),
                clause: (i, end),
                ..Found::default()
            });
        }
        return None;
    }
    let from = match w {
        // "en début d'après-midi" is a time of day.
        "d'apres" if next(1).is_some_and(|t| t.folded == "midi") => return None,
        "selon" | "d'apres" | "citing" => i + 1,
        "according" if next(1).is_some_and(|t| t.folded == "to") => i + 2,
        "cite" | "citee" | "cites" | "citees" if next(1).is_some_and(|t| t.folded == "par") => {
            i + 2
        }
        _ => return None,
    };
    if from >= toks.len() || toks[from].break_before || toks[from].quoted {
        return None;
    }
    let mut end = phrase_end(toks, from);
    if let Some(r) =
        (from..end).find(|&k| lx::is_relative(&toks[k].folded) || toks[k].folded == "that")
    {
        end = r;
    }
    end = end.min(from + MAX_SPEAKER + 3);
    if end <= from {
        return None;
    }
    let mut f = Found {
        clause: (i, end),
        ..Found::default()
    };
    source_phrase(toks, (from, end), &mut f);
    Some(f)
}

/// Sorts the words after a cue into speaker and medium: a statement or report names its
/// medium after a preposition ("une déclaration donnée à CNBC", "un rapport du Wall Street
/// Journal"); an outlet is a medium; anything else is a speaker, with a medium after "à"
/// or "to" when one follows.
fn source_phrase(toks: &[Tok], (from, end): Range, f: &mut Found) {
    let head = (from..end).find(|&k| !lx::is_determiner(toks[k].base()));
    if let Some(h) = head.filter(|&h| lx::is_statement_noun(toks[h].base())) {
        let owner = (h + 1..end).find(|&k| {
            matches!(
                toks[k].folded.as_str(),
                "a" | "au" | "aux" | "du" | "de" | "des" | "to" | "by" | "from" | "of" | "with"
            ) || toks[k].folded.starts_with("d'")
        });
        match owner {
            Some(o) if toks[o].folded.starts_with("d'") => f.medium = Some((o, end)),
            Some(o) if o + 1 < end => f.medium = Some((o + 1, end)),
            _ => f.medium = Some((from, end)),
        }
        return;
    }
    if media_like(toks, (from, end)) {
        f.medium = Some((from, end));
        return;
    }
    let (speaker, medium) = split_medium(toks, (from, end));
    f.speaker = Some(speaker);
    f.medium = medium;
}

/// True when the words name or designate an outlet.
pub fn media_like(toks: &[Tok], (from, end): Range) -> bool {
    if from >= end {
        return false;
    }
    let words: Vec<&str> = toks[from..end].iter().map(Tok::base).collect();
    let first = words
        .iter()
        .position(|w| !lx::is_determiner(w))
        .unwrap_or(0);
    lx::is_media_noun(words[first])
        || words.iter().any(|w| lx::is_outlet(w))
        || (words.len() <= 6
            && words.iter().any(|w| lx::is_media_name_word(w))
            && capitalised(toks, (from, end)))
}

fn capitalised(toks: &[Tok], (from, end): Range) -> bool {
    toks[from..end]
        .iter()
        .any(|t| t.capital && lx::is_media_name_word(t.base()))
}

/// A speaker phrase with a trailing "à l'AFP" / "to Reuters" split off as its medium when
/// that part is an outlet.
fn split_medium(toks: &[Tok], (from, end): Range) -> (Range, Option<Range>) {
    for k in (from + 1..end).rev() {
        let w = toks[k].folded.as_str();
        if matches!(w, "a" | "au" | "aux" | "to") && media_like(toks, (k + 1, end)) {
            return ((from, k), Some((k + 1, end)));
        }
    }
    ((from, end), None)
}

/// A reporting verb at word `i`, with its speaker before or after it.
fn verb(toks: &[Tok], i: usize, named: &dyn Fn(Range) -> bool) -> Option<Found> {
    if toks[i].folded == "d'ajouter" {
        return Some(Found {
            verb: Some((i, i + 1)),
            clause: (i, i + 1),
            carry: true,
            ..Found::default()
        });
    }
    let w = toks[i].base();
    if lx::is_referral(w) {
        return referral(toks, i, named);
    }
    let light = toks
        .get(i + 1)
        .is_some_and(|n| !n.break_before && lx::is_light_verb(w, &n.folded));
    let inverted_only = lx::is_inverted_only(w);
    if !(lx::is_verb(w) || light || inverted_only) {
        return None;
    }
    let verb_end = if light { i + 2 } else { i + 1 };
    // "la note", "le rapport": a noun, unless "comme le précise…" ("a" before a verb is
    // the auxiliary in French).
    let aux = i > 0 && is_auxiliary(&toks[i - 1]) && !toks[i].folded.ends_with(['s', 'd']);
    if i > 0 && !toks[i].break_before && !aux && lx::is_determiner(&toks[i - 1].folded) {
        let comme = i > 1 && toks[i - 2].folded == "comme";
        if !comme {
            return None;
        }
    }
    let head = coordinated(toks, verb_group_start(toks, i));
    if (head.saturating_sub(3)..i).any(|k| lx::is_negation(&toks[k].folded) && !toks[k].quoted) {
        return None;
    }
    if is_reflexive(toks, head, i) {
        return None;
    }
    let comme = head > 0 && matches!(toks[head - 1].folded.as_str(), "le" | "l'" | "as");
    let opens = toks[head].break_before || head == 0 || comme;
    let inversion = (head..i).find(|&k| lx::is_anaphor(&toks[k].folded) && !toks[k].comma_before);
    let after = after_verb(toks, verb_end);
    if opens && head > 0 {
        // Speaker after the verb (or in the inverted pronoun).
        let mut f = Found {
            verb: Some((i, verb_end)),
            medium: after.medium,
            anonymity: after.anonymity,
            clause: (if comme { head - 1 } else { head }, after.end),
            ..Found::default()
        };
        if let Some(s) = after.speaker {
            f.speaker = Some(s);
        } else if let Some(p) = inversion.or(after.pronoun) {
            f.speaker = Some((p, p + 1));
        }
        if f.speaker.is_some() || (after.medium.is_some() && !toks[head].comma_before) {
            let named_after = toks
                .get(after.end)
                .is_some_and(|t| t.comma_before && t.capital && !t.quoted);
            if named_after {
                let end = phrase_end(toks, after.end);
                if end - after.end <= 4 && toks[after.end..end].iter().all(|t| t.capital) {
                    f.apposition = Some((after.end, end));
                    f.clause.1 = end;
                    return Some(f);
                }
            }
            f.affiliation = affiliation(toks, after.end);
            if let Some((_, e)) = f.affiliation {
                f.clause.1 = e;
            }
            return Some(f);
        }
        // "Le PDG de Facebook, Mark Zuckerberg, a déclaré que…": the subject is before.
    }
    // "Les assureurs estiment que…": these verbs report only before "que" or "that".
    let that = (verb_end..toks.len().min(verb_end + 5)).any(|k| {
        let w = toks[k].folded.as_str();
        w == "que" || w == "that" || w.starts_with("qu'")
    });
    if inverted_only && !that {
        return None;
    }
    // Speaker before the verb; "was announced", "a été annoncé" are passive.
    let passive = |k: usize| {
        matches!(
            toks[k].folded.as_str(),
            "was"
                | "were"
                | "is"
                | "are"
                | "been"
                | "be"
                | "being"
                | "ete"
                | "est"
                | "sont"
                | "etait"
        )
    };
    if (head.saturating_sub(1)..i).any(passive) {
        return None;
    }
    let (start, speaker) = subject(toks, head)?;
    let mut speaker_range = (speaker, head);
    if speaker == head && lx::is_relative(&toks[start].folded) {
        speaker_range = antecedent(toks, start)?;
    }
    let (mut speaker, until) = speaker_range;
    // "la banque Chase dont le porte-parole": the speaker after "dont", for what is before.
    let mut affiliation = None;
    if let Some(d) = (speaker..until)
        .rev()
        .find(|&k| matches!(toks[k].folded.as_str(), "dont" | "whose"))
    {
        affiliation = Some((speaker, d)).filter(|r| named(*r));
        speaker = d + 1;
        speaker_range = (speaker, until);
    }
    let english = toks.iter().any(|t| {
        matches!(
            t.folded.as_str(),
            "the" | "and" | "of" | "to" | "said" | "says"
        )
    });
    let len = until.saturating_sub(speaker);
    let first = toks.get(speaker).map_or("", |t| t.base());
    let valid = speaker < until
        && len <= MAX_SUBJECT
        && !toks[speaker..until].iter().any(|t| {
            // "a" is the auxiliary in French, the article in English.
            let aux = is_auxiliary(t) && !(english && t.folded == "a");
            t.quoted || aux || lx::is_verb(t.base())
        })
        && !toks[speaker].folded.starts_with("qu'")
        && !toks[speaker..until].iter().any(|t| {
            matches!(
                t.folded.as_str(),
                "selon" | "d'apres" | "according" | "citing"
            )
        })
        && (named(speaker_range)
            || (len == 1 && lx::is_anaphor(first))
            || (speaker..until).any(|k| lx::is_anonymous_noun(toks[k].base()))
            || (lx::is_determiner(first) && len <= 4));
    if !valid {
        return None;
    }
    let closes =
        after.speaker.is_none() && after.end >= phrase_end(toks, verb_end.saturating_sub(1));
    let content =
        !closes || after.end == toks.len() || toks.get(after.end).is_some_and(|t| t.quoted);
    if !content && start > 0 && !toks[start].break_before {
        return None;
    }
    Some(Found {
        speaker: Some(speaker_range),
        medium: after.medium,
        verb: Some((i, verb_end)),
        anonymity: after.anonymity,
        clause: (start, after.end.max(verb_end)),
        affiliation,
        carry: false,
        apposition: None,
    })
}

/// "s'est déclaré", "se sont dits", "s'affirme": a French reflexive verb says what
/// happened to its subject ("un incendie s'est déclaré"), it reports no one's words.
fn is_reflexive(toks: &[Tok], head: usize, verb: usize) -> bool {
    let joined = toks.get(head).is_some_and(|t| !t.break_before);
    let before = toks
        .get(head.wrapping_sub(1))
        .filter(|t| !t.quoted && joined);
    (head..=verb).chain(before.map(|_| head - 1)).any(|k| {
        let w = toks[k].folded.as_str();
        w == "se" || (w.starts_with("s'") && !matches!(w, "s'il" | "s'ils"))
    })
}

/// "Patricia Wexler a renvoyé l'AFP vers une déclaration faite au Wall Street Journal":
/// the subject speaks through a statement made to the outlet after "faite à" / "made to".
fn referral(toks: &[Tok], i: usize, named: &dyn Fn(Range) -> bool) -> Option<Found> {
    let end = phrase_end(toks, i);
    let statement = (i + 1..end).find(|&k| lx::is_statement_noun(toks[k].base()))?;
    let made = toks.get(statement + 1).filter(|t| lx::is_made(&t.folded));
    let to = toks.get(statement + 2).map(|t| t.folded.as_str());
    let medium = match (made, to) {
        (Some(_), Some("a" | "au" | "aux" | "to")) if statement + 3 < end => {
            Some((statement + 3, medium_end(toks, statement + 3, end)))
        }
        _ => None,
    };
    let head = verb_group_start(toks, i);
    let (start, speaker) = subject(toks, head)?;
    let range = (speaker, head);
    let words = head.saturating_sub(speaker);
    let fits = words > 0
        && words <= MAX_SUBJECT
        && !toks[speaker..head].iter().any(|t| t.quoted)
        && (named(range)
            || (words == 1 && lx::is_anaphor(toks[speaker].base()))
            || (speaker..head).any(|k| lx::is_anonymous_noun(toks[k].base())));
    fits.then(|| Found {
        speaker: Some(range),
        medium,
        verb: Some((i, i + 1)),
        clause: (start, end),
        ..Found::default()
    })
}

/// First word of the verb group ending at `i`: auxiliaries, fillers and an inverted
/// pronoun ("a-t-elle encore", "a, elle,") come before the participle.
fn verb_group_start(toks: &[Tok], i: usize) -> usize {
    let mut j = i;
    let mut emphatic = false;
    while j > 0 {
        let p = &toks[j - 1];
        let w = p.folded.as_str();
        if p.quoted {
            break;
        }
        // "a, elle, dit": the pronoun repeats the subject before it.
        if matches!(w, "lui" | "elle") && p.comma_before && toks[j].comma_before {
            emphatic = true;
            j -= 1;
            continue;
        }
        if toks[j].break_before && !emphatic {
            break;
        }
        emphatic = false;
        let inverted = w == "t" || (lx::is_anaphor(w) && j >= 2 && toks[j - 2].folded == "t");
        if !(is_auxiliary(p) || lx::is_filler(w) || inverted) {
            break;
        }
        j -= 1;
    }
    j
}

/// "a clarifié et partiellement démenti", "has reviewed and confirmed": the second of two
/// coordinated participles shares the first one's auxiliary and subject, so its verb group
/// starts where the first one's does.
fn coordinated(toks: &[Tok], head: usize) -> usize {
    let mut k = head;
    while k > 0 && is_adverb(&toks[k - 1]) && !toks[k].break_before {
        k -= 1;
    }
    let and =
        k >= 2 && matches!(toks[k - 1].folded.as_str(), "et" | "and") && !toks[k].break_before;
    if !and || toks[k - 1].break_before || toks[k - 2].quoted {
        return head;
    }
    let first = verb_group_start(toks, k - 2);
    let auxiliary = first < k - 2 && is_auxiliary(&toks[first]);
    if auxiliary {
        first
    } else {
        head
    }
}

/// "partiellement", "fully": an adverb of manner between a conjunction and a participle.
fn is_adverb(t: &Tok) -> bool {
    let w = t.folded.as_str();
    !t.quoted
        && !t.capital
        && ((w.ends_with("ment") && w.len() > 6) || (w.ends_with("ly") && w.len() > 4))
}

/// An auxiliary; "à" folds to "a" but is two bytes long.
fn is_auxiliary(t: &Tok) -> bool {
    lx::is_auxiliary(&t.folded) && !(t.folded == "a" && (t.span.len() > 1 || t.capital))
}

/// What follows a verb up to the end of its clause.
#[derive(Debug, Default)]
struct After {
    speaker: Option<Range>,
    medium: Option<Range>,
    pronoun: Option<usize>,
    anonymity: bool,
    end: usize,
}

fn after_verb(toks: &[Tok], from: usize) -> After {
    let mut a = After {
        end: from,
        ..After::default()
    };
    let end = if from < toks.len() && !toks[from].break_before && !toks[from].quoted {
        phrase_end(toks, from)
    } else {
        return a;
    };
    let mut k = from;
    let mut words = Vec::new();
    while k < end {
        let w = toks[k].folded.as_str();
        if k == from && (w == "t" || lx::is_anaphor(w)) {
            let p = if w == "t" { k + 1 } else { k };
            if p < end && lx::is_anaphor(&toks[p].folded) {
                a.pronoun = Some(p);
                k = p + 1;
                continue;
            }
        }
        if lx::is_filler(w) {
            k += 1;
            continue;
        }
        if w == "on" && toks.get(k + 1).is_some_and(|t| lx::is_filler(&t.folded)) {
            k += 2;
            continue;
        }
        if matches!(w, "sous" | "on")
            && (k + 1..end.min(k + 5)).any(|j| {
                toks[j].folded.starts_with("anonym") || toks[j].folded.ends_with("anonymat")
            })
        {
            a.anonymity = true;
            k = end;
            break;
        }
        if matches!(w, "in" | "dans" | "lors")
            && (k + 1..end.min(k + 4)).any(|j| lx::is_statement_noun(toks[j].base()))
        {
            // "in a statement (to CNBC)", "dans un communiqué".
            let to = (k + 1..end)
                .find(|&j| matches!(toks[j].folded.as_str(), "to" | "a" | "au" | "with"));
            if let Some(t) = to.filter(|&t| t + 1 < end && media_like(toks, (t + 1, end))) {
                a.medium = Some((t + 1, end));
            }
            k = end;
            break;
        }
        let to = matches!(w, "a" | "au" | "aux" | "to") && words.is_empty();
        if to && k + 1 < end {
            let stop = medium_end(toks, k + 1, end);
            a.medium = Some((k + 1, stop));
            k = stop;
            continue;
        }
        if words.is_empty() && from > 0 && toks[from - 1].folded == "told" && k == from {
            // "told Reuters", "told us": the object is the medium.
            let stop = medium_end(toks, k, end);
            if media_like(toks, (k, stop)) || matches!(w, "us" | "reporters" | "journalists") {
                a.medium = Some((k, stop));
                k = stop;
                continue;
            }
        }
        // "le lieutenant", "the sergeant": after a determiner, a noun.
        let noun = k > from && lx::is_determiner(&toks[k - 1].folded);
        if is_participle_clause(w) && !noun {
            break;
        }
        words.push(k);
        k += 1;
    }
    if let (Some(&s), Some(&e)) = (words.first(), words.last()) {
        let span = (s, e + 1);
        // Stop at "that"/"que": content, not a speaker.
        let content = (s..=e).find(|&j| {
            matches!(toks[j].folded.as_str(), "that" | "que") || toks[j].folded.starts_with("qu'")
        });
        if content.is_none() && e + 1 - s <= MAX_SPEAKER {
            let (speaker, medium) = split_medium(toks, span);
            a.speaker = Some(speaker);
            if a.medium.is_none() {
                a.medium = medium;
            }
        }
    }
    a.end = k.max(from);
    a
}

/// The name a relative pronoun at `rel` stands for: the capitalised words just before it
/// ("the U.S. Consumer Product Safety Commission, which said").
fn antecedent(toks: &[Tok], rel: usize) -> Option<Range> {
    let mut k = rel;
    while k > 0 {
        let t = &toks[k - 1];
        let joins = lx::is_determiner(t.base()) || matches!(t.folded.as_str(), "of" | "de" | "du");
        if t.quoted || !(t.capital || joins) {
            break;
        }
        k -= 1;
        if toks[k].break_before {
            break;
        }
    }
    while k < rel && matches!(toks[k].folded.as_str(), "of" | "de" | "du") {
        k += 1;
    }
    (k < rel && toks[k..rel].iter().any(|t| t.capital)).then_some((k, rel))
}

/// "soulignant", "saying": a new participle clause starts.
fn is_participle_clause(w: &str) -> bool {
    (w.ends_with("ant") && w.len() > 6)
        || (w.ends_with("ing") && w.len() > 5 && w != "morning" && w != "evening")
}

/// End of a medium starting at `from`: the medium is one name or noun phrase, so it stops
/// at a filler, at the next preposition, or at "sous couvert".
fn medium_end(toks: &[Tok], from: usize, end: usize) -> usize {
    let mut k = from;
    while k < end {
        let w = toks[k].folded.as_str();
        if k > from
            && (lx::is_filler(w)
                || matches!(
                    w,
                    "sous" | "on" | "in" | "dans" | "lors" | "vers" | "that" | "que"
                )
                || w.starts_with("qu'")
                || (k > from + 1
                    && !lx::is_determiner(w)
                    && is_lowercase_start(&toks[k])
                    && lx::is_anonymous_noun(w)))
        {
            break;
        }
        if k > from && (matches!(w, "un" | "une" | "a" | "an")) {
            break;
        }
        k += 1;
    }
    k
}

fn is_lowercase_start(t: &Tok) -> bool {
    t.folded.chars().next().is_some_and(char::is_lowercase)
}

/// ", a spokeswoman for JPMorgan Chase" after a speaker: the organisation the speaker
/// speaks for.
fn affiliation(toks: &[Tok], from: usize) -> Option<Range> {
    let t = toks.get(from)?;
    if !t.comma_before || t.quoted {
        return None;
    }
    let end = phrase_end(toks, from);
    let det = lx::is_determiner(t.base());
    let role = (from..end.min(from + 4))
        .find(|&k| lx::is_anonymous_noun(toks[k].base()) || is_role(toks[k].base()))?;
    if !det && role != from {
        return None;
    }
    let of = (role + 1..end)
        .find(|&k| {
            matches!(
                toks[k].folded.as_str(),
                "for" | "of" | "at" | "de" | "du" | "chez"
            )
        })
        .or_else(|| {
            (role + 1..end)
                .find(|&k| toks[k].folded.starts_with("d'"))
                .map(|k| k - 1)
        })?;
    (of + 1 < end).then_some((of + 1, end))
}

/// Nouns of a post someone speaks from.
fn is_role(w: &str) -> bool {
    matches!(
        w,
        "analyst"
            | "analyste"
            | "ceo"
            | "chairman"
            | "chief"
            | "director"
            | "directeur"
            | "directrice"
            | "head"
            | "manager"
            | "minister"
            | "ministre"
            | "pdg"
            | "president"
            | "presidente"
            | "secretary"
            | "spokesman"
            | "spokesperson"
            | "spokeswoman"
    )
}

/// The subject before a verb group starting at `head`: back to the previous break; a
/// subject enclosed in commas after a short phrase opening the sentence takes that phrase
/// in ("Voltra's chief executive, Lotte Brink, told…"). Returns the clause start and the
/// speaker start (a relative pronoun or conjunction in front is left out).
fn subject(toks: &[Tok], head: usize) -> Option<(usize, usize)> {
    if head == 0 {
        return None;
    }
    let mut s = head - 1;
    while s > 0 && !toks[s].break_before && !toks[s - 1].quoted {
        s -= 1;
    }
    if toks[s].quoted {
        s += 1;
    }
    if s >= head {
        return None;
    }
    let start = s;
    // Apposition: "X, Y, verb" with X opening the sentence.
    // "Patricia Wexler, une porte-parole de la banque, a dit": a role may take more words.
    let role = (s..head).any(|k| is_role(toks[k].base()) || toks[k].folded.starts_with("parole"));
    let role = role && s <= 4 && toks[..s].iter().all(|t| t.capital);
    if s > 0 && toks[s].comma_before && (head - s <= 4 || (role && head - s <= 7)) {
        let mut p = s - 1;
        while p > 0 && !toks[p].break_before {
            p -= 1;
        }
        if p == 0
            && head <= MAX_SUBJECT
            && !toks[..s].iter().any(|t| t.quoted || lx::is_verb(t.base()))
        {
            s = 0;
        }
    }
    let mut speaker = s;
    while speaker < head
        && (lx::is_relative(&toks[speaker].folded)
            || matches!(
                toks[speaker].folded.as_str(),
                "et" | "and" | "but" | "mais" | "while" | "tandis"
            ))
    {
        speaker += 1;
    }
    let whose = (speaker..head).any(|k| matches!(toks[k].folded.as_str(), "dont" | "whose"));
    if head - speaker > MAX_SPEAKER && s == start && !whose {
        return None;
    }
    Some((start.min(s), speaker))
}
