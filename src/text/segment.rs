//! Paragraph and sentence segmentation for French and English news text.
//!
//! Paragraphs are separated by blank lines, and by single line breaks too unless the block
//! looks hard-wrapped (several lines of similar, moderate length that mostly do not end a
//! sentence). Sentences end at `.`, `!`, `?` or `…` followed by a space (a no-break space
//! counts) and something that can start a sentence, with the closing quotes and brackets
//! that follow kept in the sentence. Abbreviations (M., Mme, Dr., U.S., Corp., n°…),
//! initials, decimals, and bracketed ellipses such as `(...)` or `[…]` do not end one.

use super::{Paragraph, Sentence, Span, Structure};

/// Paragraphs and sentences of `text`.
pub fn structure(text: &str) -> Structure {
    with_sentences(text, paragraphs(text))
}

/// The structure of a text whose headings are known (a Markdown file's): the paragraphs
/// within `headings` are headings, and no other is.
pub fn structure_with_headings(text: &str, headings: &[Span]) -> Structure {
    let mut paragraphs = paragraphs(text);
    for p in &mut paragraphs {
        p.heading = headings
            .iter()
            .any(|h| h.start <= p.span.start && p.span.end <= h.end);
    }
    with_sentences(text, paragraphs)
}

/// Paragraphs with their sentences: a heading is one sentence.
fn with_sentences(text: &str, paragraphs: Vec<Paragraph>) -> Structure {
    let mut sentences = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        if p.heading {
            sentences.push(Sentence {
                span: p.span,
                paragraph: pi,
            });
        } else {
            for span in sentences_in(text, p.span) {
                sentences.push(Sentence {
                    span,
                    paragraph: pi,
                });
            }
        }
    }
    Structure {
        paragraphs,
        sentences,
    }
}

/// A line of the text: its byte span without the newline.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            out.push(Line { start, end: i });
            start = i + 1;
        }
    }
    out.push(Line {
        start,
        end: text.len(),
    });
    out
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{A0}' || c == '\u{202F}' || c == '\u{2007}'
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‽')
}

fn is_closing(c: char) -> bool {
    matches!(c, '»' | '”' | '’' | ')' | ']' | '"' | '\'' | '›')
}

/// Span of `text[span]` without surrounding white space (no-break spaces included).
fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let start = span.start + (s.len() - s.trim_start_matches(is_space).len());
    let end = span.start + s.trim_end_matches(is_space).len();
    Span::new(start, end.max(start))
}

/// Does this (trimmed) line end a sentence, closing quotes and brackets aside?
fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(|c: char| is_space(c) || is_closing(c));
    t.ends_with(|c: char| is_terminal(c) || c == ':' || c == ';')
}

/// A heading: a single short line that does not end like a sentence.
fn is_heading(text: &str, span: Span) -> bool {
    let s = &text[span.range()];
    !s.contains('\n')
        && !s.is_empty()
        && !ends_sentence(s)
        && !s.trim_end().ends_with(',')
        && s.split_whitespace().count() <= 40
}

/// Paragraphs of `text`, in order, trimmed of surrounding white space.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let lines = lines(text);
    let blank = |l: &Line| text[l.start..l.end].chars().all(is_space);
    let mut out = Vec::new();
    let mut first_line_seen = false;
    let mut i = 0;
    while i < lines.len() {
        if blank(&lines[i]) {
            i += 1;
            continue;
        }
        let block_start = i;
        while i < lines.len() && !blank(&lines[i]) {
            i += 1;
        }
        let block = &lines[block_start..i];
        let wrapped = looks_hard_wrapped(text, block);
        let mut para_start = block[0].start;
        for (k, line) in block.iter().enumerate() {
            let last = k + 1 == block.len();
            let title_line = !first_line_seen;
            first_line_seen = true;
            let s = &text[line.start..line.end];
            let breaks =
                last || !wrapped || title_line || (ends_sentence(s) && s.chars().count() < 60);
            if breaks {
                let span = trim_span(text, Span::new(para_start, line.end));
                if !span.is_empty() {
                    out.push(Paragraph {
                        span,
                        heading: is_heading(text, span),
                    });
                }
                if let Some(next) = block.get(k + 1) {
                    para_start = next.start;
                }
            }
        }
    }
    out
}

/// Several lines of moderate, similar length that mostly run on into the next line.
fn looks_hard_wrapped(text: &str, block: &[Line]) -> bool {
    if block.len() < 3 {
        return false;
    }
    let body = &block[..block.len() - 1];
    let lens: Vec<usize> = body
        .iter()
        .map(|l| text[l.start..l.end].chars().count())
        .collect();
    let moderate = lens.iter().filter(|&&n| (30..=110).contains(&n)).count();
    let ending = body
        .iter()
        .filter(|l| ends_sentence(&text[l.start..l.end]))
        .count();
    moderate * 10 >= body.len() * 8 && ending * 2 < body.len()
}

/// Words after which a full stop does not end a sentence (lowercase, without the stop).
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "mlles", "mr", "mrs", "ms", "dr", "drs", "pr", "prof", "me",
    "mgr", "st", "ste", "co", "corp", "inc", "ltd", "jr", "sr", "vs", "cf", "no", "n°", "nº",
    "nos", "p", "pp", "art", "av", "bd", "gen", "gén", "col", "lt", "sgt", "gov", "sen", "rep",
    "rev", "fig", "vol", "ch", "env", "approx", "dept", "est", "jan", "feb", "fév", "mar", "apr",
    "avr", "jun", "jul", "juil", "aug", "sep", "sept", "oct", "nov", "dec", "déc", "ex", "ed",
    "eds", "éd", "mt", "ft", "bros", "cie", "ets", "vol", "nb", "op", "ibid", "al",
];

/// The word that ends at byte `end` (exclusive), without leading brackets or quotes.
fn word_before(s: &str, end: usize) -> &str {
    let before = &s[..end];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| is_space(c) || matches!(c, '(' | '[' | '«' | '"' | '“' | '\'' | '’'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &before[start..]
}

/// `J`, `U.S`, `J.-C`, `e.g`: initials and dotted abbreviations.
fn is_initials(w: &str) -> bool {
    let mut letters = 0;
    for part in w.split(['.', '-']) {
        if part.is_empty() {
            continue;
        }
        if part.chars().count() > 2 || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        letters += 1;
    }
    letters >= 1 && (w.contains('.') || w.chars().count() == 1 && w.chars().all(char::is_uppercase))
}

fn is_abbreviation(w: &str) -> bool {
    let lw = w.to_lowercase();
    ABBREVIATIONS.contains(&lw.as_str()) || is_initials(w)
}

/// Sentence spans inside `span` of `text`.
pub fn sentences_in(text: &str, span: Span) -> Vec<Span> {
    let s = &text[span.range()];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        // The whole run of terminal punctuation.
        let mut j = i;
        while j < chars.len() && is_terminal(chars[j].1) {
            j += 1;
        }
        let run_end = chars.get(j).map_or(s.len(), |&(p, _)| p);
        if let Some(end) = boundary_after(s, &chars, i, j, pos, run_end) {
            let sent = trim_span(text, Span::new(span.start + start, span.start + end));
            if !sent.is_empty() {
                out.push(sent);
            }
            start = end;
        }
        i = j;
    }
    let last = trim_span(text, Span::new(span.start + start, span.end));
    if !last.is_empty() {
        out.push(last);
    }
    out
}

/// If the terminal run `chars[i..j]` ends a sentence, the byte offset where the sentence
/// ends (after any closing quotes and brackets).
fn boundary_after(
    s: &str,
    chars: &[(usize, char)],
    i: usize,
    j: usize,
    pos: usize,
    run_end: usize,
) -> Option<usize> {
    let prev = i.checked_sub(1).map(|k| chars[k].1);
    // "(...)", "[…]", "(.)": an elision, not an end.
    if matches!(prev, Some('(') | Some('[')) {
        return None;
    }
    let single_dot = j == i + 1 && chars[i].1 == '.';
    if single_dot {
        let w = word_before(s, pos);
        if !w.is_empty() && is_abbreviation(w) {
            return None;
        }
        // A decimal or a dotted name: "3.6", "20minutes.fr".
        if chars.get(j).is_some_and(|&(_, c)| c.is_alphanumeric()) {
            return glued_boundary(w, chars, j).then_some(run_end);
        }
    }
    // Closing quotes and brackets, possibly after (no-break) spaces, join the sentence.
    let mut k = j;
    let mut end = run_end;
    let mut saw_space = false;
    loop {
        let mut m = k;
        while m < chars.len() && is_space(chars[m].1) {
            m += 1;
        }
        let Some(&(p, c)) = chars.get(m) else {
            return Some(s.len());
        };
        if is_closing(c) && closes_here(chars, m) {
            k = m + 1;
            end = chars.get(k).map_or(s.len(), |&(q, _)| q);
            continue;
        }
        saw_space |= m > k;
        if !saw_space {
            return None;
        }
        return can_start_sentence(c).then_some(end).or({
            let _ = p;
            None
        });
    }
}

/// "informations.Une": a lowercase word glued to a capitalised one after a full stop.
fn glued_boundary(w: &str, chars: &[(usize, char)], j: usize) -> bool {
    let next_upper = chars.get(j).is_some_and(|&(_, c)| c.is_uppercase());
    let then_lower = chars.get(j + 1).is_some_and(|&(_, c)| c.is_lowercase());
    next_upper && then_lower && w.chars().count() >= 4 && w.chars().all(char::is_lowercase)
}

/// Is the quote or bracket at `chars[m]` closing (followed by space, punctuation or end)?
fn closes_here(chars: &[(usize, char)], m: usize) -> bool {
    let c = chars[m].1;
    if matches!(c, '»' | '”' | ')' | ']' | '›') {
        return true;
    }
    match chars.get(m + 1) {
        None => true,
        Some(&(_, n)) => is_space(n) || n.is_ascii_punctuation() || is_closing(n),
    }
}

fn can_start_sentence(c: char) -> bool {
    !c.is_lowercase() && !matches!(c, ',' | ';' | ':' | ')' | ']' | '»' | '”') && !is_terminal(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        structure(t)
            .sentences
            .iter()
            .map(|s| &t[s.span.range()])
            .collect()
    }

    #[test]
    fn french_abbreviations_and_decimals() {
        let t = "M. Dupont a vu Mme Durand. Messenger revendique 1,3 milliard d'utilisateurs. Hausse de 3,6% à 184,24 $ lundi.";
        assert_eq!(
            sents(t),
            [
                "M. Dupont a vu Mme Durand.",
                "Messenger revendique 1,3 milliard d'utilisateurs.",
                "Hausse de 3,6% à 184,24 $ lundi."
            ]
        );
    }

    #[test]
    fn english_abbreviations_and_initials() {
        let t = "Mr. Smith met Dr. Jones at Acme Corp. in New York. J. K. Rowling wrote it. U.S. Bancorp said $1.3bn was fine.";
        assert_eq!(
            sents(t),
            [
                "Mr. Smith met Dr. Jones at Acme Corp. in New York.",
                "J. K. Rowling wrote it.",
                "U.S. Bancorp said $1.3bn was fine."
            ]
        );
    }

    #[test]
    fn ellipses_in_brackets_do_not_split() {
        let t = "Nous ne partageons pas (...) et avons rejeté. Ceci [\u{2026}] continue. Fin (.) Lire la suite.";
        assert_eq!(
            sents(t),
            [
                "Nous ne partageons pas (...) et avons rejeté.",
                "Ceci [\u{2026}] continue.",
                "Fin (.) Lire la suite."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let t = "Il a dit « non merci. » Puis il est parti. \"C'est fini.\" Elle a ri.";
        assert_eq!(
            sents(t),
            [
                "Il a dit « non merci. »",
                "Puis il est parti.",
                "\"C'est fini.\"",
                "Elle a ri."
            ]
        );
    }

    #[test]
    fn nbsp_counts_as_space() {
        let t = "Tremblez\u{A0}! D’après lui, oui. Des informations.\u{A0}Une porte.";
        assert_eq!(
            sents(t),
            [
                "Tremblez\u{A0}!",
                "D’après lui, oui.",
                "Des informations.",
                "Une porte."
            ]
        );
    }

    #[test]
    fn headings_and_line_paragraphs() {
        let t = "Un titre sans point\nPremière phrase. Deuxième.\nsoucis de confidentialité\nTroisième phrase.\n\nArticles Liés\n";
        let st = structure(t);
        let heads: Vec<(&str, bool)> = st
            .paragraphs
            .iter()
            .map(|p| (&t[p.span.range()], p.heading))
            .collect();
        assert_eq!(
            heads,
            [
                ("Un titre sans point", true),
                ("Première phrase. Deuxième.", false),
                ("soucis de confidentialité", true),
                ("Troisième phrase.", false),
                ("Articles Liés", true)
            ]
        );
        assert_eq!(st.sentences.len(), 6);
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let t = "Titre\n\nThe company said on Monday that it had asked several large\nbanks to share data about their customers, including card\ntransactions and balances. It did not say more about it.\n";
        let st = structure(t);
        assert_eq!(st.paragraphs.len(), 2);
        assert_eq!(st.sentences.len(), 3);
    }
}
