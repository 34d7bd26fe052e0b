//! Attribution clauses: "selon le Wall Street Journal", "d'après un rapport", ", a indiqué
//! une source proche du dossier à l'AFP", "according to Reuters", ", said the company".
//! They say who reports, not what is reported, and the same outlets are cited all through
//! a story, so the words inside them count for little when comparing sentences.

use crate::text::Span;

/// Cues after which the source follows wherever they stand.
const SOURCE_CUES: &[&str] = &["selon", "d'apres", "citing"];
/// Reporting verbs that start an attribution when they follow a comma (sorted: looked up
/// for every word by binary search).
const VERBS: &[&str] = &[
    "added",
    "adds",
    "affirme",
    "affirment",
    "ajoute",
    "analyse",
    "analysent",
    "announced",
    "assure",
    "assurent",
    "confirmed",
    "ecrit",
    "ecrivent",
    "estime",
    "explained",
    "explique",
    "indique",
    "indiquent",
    "noted",
    "poursuit",
    "precise",
    "precisent",
    "rapporte",
    "rapportent",
    "reported",
    "reports",
    "revele",
    "revelent",
    "said",
    "says",
    "souligne",
    "soulignent",
    "told",
    "writes",
    "wrote",
];
/// Past participles of reporting verbs, after "a" or "ont" following a comma (sorted).
const PARTICIPLES: &[&str] = &[
    "affirme", "ajoute", "annonce", "assure", "confie", "confirme", "declare", "dit", "estime",
    "explique", "indique", "precise", "rapporte", "revele", "souligne",
];
/// Longest attribution, in words.
const MAX_WORDS: usize = 8;

/// The attribution clauses inside `span` of `text`, given its words and their folded
/// forms.
pub fn attributions(text: &str, span: Span, ws: &[(Span, &str)]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let Some(first) = clause_start(text, span, ws, i) else {
            i += 1;
            continue;
        };
        let mut end = first;
        while end < ws.len() && end - first < MAX_WORDS {
            let gap_from = if end == first {
                ws[end].0.start
            } else {
                ws[end - 1].0.end
            };
            if end > first && text[gap_from..ws[end].0.start].contains(is_break) {
                break;
            }
            end += 1;
        }
        if end > first {
            out.push(Span::new(ws[first].0.start, ws[end - 1].0.end));
        }
        i = end.max(i + 1);
    }
    out.extend(speakers(text, span, ws));
    out.sort_by_key(|c| c.start);
    out
}

/// A speaker named before the reporting verb that ends a quotation's clause: `"…,"
/// chief executive Lotte Brink said.`, `The mayor said: "…"`, `La préfète a déclaré : «…»`.
/// The clause runs back from the verb to the previous break. A verb followed by its
/// content ("Northwind said it would…") is not one: there the speaker is what the
/// sentence is about.
fn speakers(text: &str, span: Span, ws: &[(Span, &str)]) -> Vec<Span> {
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        let participle = i > 0 && matches!(ws[i - 1].1, "a" | "ont") && listed(PARTICIPLES, w.1);
        if !(listed(VERBS, w.1) || participle) {
            continue;
        }
        let after = ws.get(i + 1).map_or(span.end, |n| n.0.start);
        let closes = text[w.0.end..after]
            .trim_start()
            .starts_with(['.', ':', '!', '?', ';'])
            || (i + 1 == ws.len() && text[w.0.end..after].trim().is_empty());
        if !closes {
            continue;
        }
        let mut first = i;
        while first > 0 && i - first < MAX_WORDS {
            if text[ws[first - 1].0.end..ws[first].0.start].contains(is_break) {
                break;
            }
            first -= 1;
        }
        let from_break = first > 0 || text[span.start..ws[0].0.start].contains(is_break);
        if first < i && (from_break || first == 0) {
            out.push(Span::new(ws[first].0.start, w.0.end));
        }
    }
    out
}

/// Where the source begins when an attribution cue stands at word `i`.
fn clause_start(text: &str, span: Span, ws: &[(Span, &str)], i: usize) -> Option<usize> {
    let w = ws[i].1;
    if SOURCE_CUES.contains(&w) {
        return Some(i + 1);
    }
    if w == "according" && ws.get(i + 1).is_some_and(|n| n.1 == "to") {
        return Some(i + 2);
    }
    let before = if i == 0 { span.start } else { ws[i - 1].0.end };
    if !text[before..ws[i].0.start].contains(',') {
        return None;
    }
    if listed(VERBS, w) {
        return Some(i + 1);
    }
    let participle = ws.get(i + 1).is_some_and(|n| listed(PARTICIPLES, n.1));
    (matches!(w, "a" | "ont") && participle).then_some(i + 2)
}

/// True when the sorted `list` holds `word`.
fn listed(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

fn is_break(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '«' | '»' | '"' | '“' | '”' | '(' | ')'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{fold, words};

    fn clauses(t: &str) -> Vec<&str> {
        let span = Span::new(0, t.len());
        let folded: Vec<(Span, String)> = words(t, span.range())
            .map(|w| (w, fold(&t[w.range()])))
            .collect();
        let ws: Vec<(Span, &str)> = folded.iter().map(|(w, f)| (*w, f.as_str())).collect();
        attributions(t, span, &ws)
            .iter()
            .map(|s| &t[s.range()])
            .collect()
    }

    #[test]
    fn word_lists_are_sorted_for_their_search() {
        for list in [VERBS, PARTICIPLES] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
        assert!(listed(VERBS, "said") && listed(PARTICIPLES, "declare"));
        assert!(!listed(VERBS, "banque"));
    }

    #[test]
    fn sources_after_cues_and_reporting_verbs() {
        assert_eq!(
            clauses(
                "Des contacts ont été pris, selon le Wall Street Journal qui a révélé l'affaire."
            ),
            ["le Wall Street Journal qui a révélé l'affaire"]
        );
        assert_eq!(
            clauses(
                "Chase a mis fin aux négociations, a indiqué une source proche du dossier à l'AFP."
            ),
            ["une source proche du dossier à l'AFP"]
        );
        assert_eq!(
            clauses("The deal was signed on Monday, according to Reuters."),
            ["Reuters"]
        );
        assert_eq!(
            clauses("Prices rose 3%, said the company, as demand recovered."),
            ["the company"]
        );
    }

    #[test]
    fn speakers_before_the_verb_that_closes_a_quotation() {
        assert_eq!(
            clauses("\"Safety comes first,\" chief executive Lotte Brink said."),
            ["chief executive Lotte Brink said"]
        );
        assert_eq!(
            clauses("Voltra boss Lotte Brink said: \"We are acting out of caution.\""),
            ["Voltra boss Lotte Brink said"]
        );
        assert_eq!(
            clauses("La préfète a déclaré : « La situation reste préoccupante »."),
            ["La préfète a déclaré"]
        );
    }

    #[test]
    fn reporting_verbs_without_a_comma_are_content() {
        assert!(clauses("Northwind said it would acquire Contoso.").is_empty());
        assert!(clauses("Il a indiqué vouloir partir.").is_empty());
    }
}
