//! Plain-text output of the printing commands, for people at a terminal. Every string from
//! an article goes through the sanitiser, and lines are cut to a readable width, except
//! the lines of disagreeing figures and claims, which are never cut, and a passage is
//! never cut inside one of its disagreeing figures (the line runs on to the figure's end):
//! a figure cut short would misquote the article.

use crate::corpus::{sanitize_line, Corpus};
use crate::entities::Entities;
use crate::facts::{claims, Fact, Facts};
use crate::text::Span;
use std::collections::BTreeSet;
use std::io::{self, Write};
use unicode_width::UnicodeWidthChar;

/// `s` on one line, cut to at most `width` columns with an ellipsis.
pub fn clip(s: &str, width: usize) -> String {
    let s = sanitize_line(s);
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width.saturating_sub(1) {
            out.push('…');
            return out;
        }
        w += cw;
        out.push(c);
    }
    out
}

/// `text`, which starts at byte `base` of its article, on one line cut like [`clip`],
/// except that a cut falling inside one of `keep` (byte spans of the article) moves to
/// that span's end, so that no figure of `keep` is cut off.
pub fn clip_keeping(text: &str, base: usize, width: usize, keep: &[Span]) -> String {
    let mut w = 0;
    for (i, c) in text.char_indices() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width.saturating_sub(1) {
            let at = base + i;
            let end = (keep.iter())
                .filter(|k| k.start < at && at < k.end)
                .map(|k| k.end - base)
                .max();
            return match text.get(..end.unwrap_or(i)) {
                Some(head) if head.len() < text.len() => format!("{}…", sanitize_line(head)),
                _ => sanitize_line(text),
            };
        }
        w += cw;
    }
    sanitize_line(text)
}

/// The spans of the figures of `fact` that disagree, in `article`.
fn figures_of(fact: &Fact, article: usize) -> Vec<Span> {
    (fact.discrepancies.iter())
        .flat_map(|d| &d.values)
        .filter(|v| v.article == article)
        .map(|v| v.span)
        .collect()
}

pub fn articles(out: &mut impl Write, corpus: &Corpus) -> io::Result<()> {
    writeln!(
        out,
        "{:>3}  {:<4} {:>6} {:>5}  title",
        "#", "lang", "words", "sent."
    )?;
    for (i, a) in corpus.articles.iter().enumerate() {
        writeln!(
            out,
            "{:>3}  {:<4} {:>6} {:>5}  {}",
            i + 1,
            a.language.code(),
            a.word_count(),
            a.structure.sentences.len(),
            clip(&a.title, 70)
        )?;
        writeln!(out, "{:>3}  {}", "", clip(&a.path, 80))?;
    }
    Ok(())
}

pub fn entities(out: &mut impl Write, corpus: &Corpus, entities: &Entities) -> io::Result<()> {
    // Mentions and articles of each entity, counted in one pass over the mentions.
    let n = entities.entities.len();
    let mut mentions = vec![0usize; n];
    let mut naming: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    for m in &entities.mentions {
        if let Some(c) = mentions.get_mut(m.entity()) {
            *c += 1;
            naming[m.entity()].insert(m.article());
        }
    }
    let count = |e: usize| mentions[e];
    let articles = |e: usize| naming[e].len();
    let mut order: Vec<usize> = (0..n).filter(|&e| count(e) > 0).collect();
    order.sort_by_key(|&e| (entities.entities[e].kind, std::cmp::Reverse(count(e))));
    for e in order {
        let ent = &entities.entities[e];
        let aliases: Vec<String> = ent.aliases.iter().map(|a| sanitize_line(&a.name)).collect();
        writeln!(
            out,
            "{:<8} {}  ({} in {} of {}){}",
            ent.kind.label(),
            clip(&ent.name, 50),
            crate::text::counted(count(e), "mention", "mentions"),
            articles(e),
            crate::text::counted(corpus.articles.len(), "article", "articles"),
            if aliases.is_empty() {
                String::new()
            } else {
                format!("  aka {}", clip(&aliases.join(", "), 60))
            }
        )?;
    }
    Ok(())
}

pub fn facts(out: &mut impl Write, corpus: &Corpus, facts: &Facts) -> io::Result<()> {
    for (i, f) in facts.facts.iter().enumerate() {
        writeln!(out, "f{}  {}", i + 1, clip(&f.label, 90))?;
        for p in &f.passages {
            let a = &corpus.articles[p.article];
            let keep = figures_of(f, p.article);
            let text = clip_keeping(a.slice(p.span), p.span.start, 80, &keep);
            writeln!(out, "    [{}] {text}", clip(&a.id, 24))?;
        }
        for d in &f.discrepancies {
            // Values are never cut: a clipped figure would misquote the article.
            let vals: Vec<String> = (claims::distinct_values(d).into_iter())
                .map(|v| {
                    let a = &corpus.articles[v.article];
                    let hedge = if v.approximate { "~" } else { "" };
                    let text = sanitize_line(a.slice(v.span));
                    format!("{hedge}{text} ({})", sanitize_line(&a.id))
                })
                .collect();
            writeln!(out, "    ≠ {}: {}", d.kind.label(), vals.join(" vs "))?;
        }
    }
    for (i, c) in claims::claims(corpus, &facts.facts).iter().enumerate() {
        writeln!(
            out,
            "c{}  [{}] {}: {}",
            i + 1,
            c.status.label(),
            sanitize_line(&c.measure),
            claim_values(corpus, c)
        )?;
    }
    Ok(())
}

/// A claim's values, each once with the articles stating it: "4 morts (a, b) · 5 morts (c)";
/// a hedged value ("près de", "about") is marked `~`.
fn claim_values(corpus: &Corpus, c: &claims::Claim) -> String {
    let mut groups: Vec<(String, f64, Vec<String>)> = Vec::new();
    for v in &c.values {
        let a = &corpus.articles[v.article];
        let id = sanitize_line(&a.id);
        match groups.iter_mut().find(|g| g.1 == v.value) {
            Some(g) => g.2.push(id),
            None => {
                let hedge = if v.approximate { "~" } else { "" };
                let text = format!("{hedge}{}", sanitize_line(a.slice(v.span)));
                groups.push((text, v.value, vec![id]));
            }
        }
    }
    (groups.iter())
        .map(|(text, _, ids)| format!("{text} ({})", ids.join(", ")))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_cuts_by_width_and_strips_controls() {
        assert_eq!(clip("abc\u{1B}[2Jdef", 10), "abcdef");
        assert_eq!(clip("日本語のテキスト", 7), "日本語…");
    }

    #[test]
    fn a_passage_is_never_cut_inside_a_disagreeing_figure() {
        let text = "Le bilan est de 1,3 milliard d'utilisateurs actifs selon la firme.";
        let start = text.find("1,3").unwrap();
        let figure = Span::new(start, start + "1,3 milliard".len());
        // Cut at 20 columns, inside the figure: the line runs on to its end.
        let cut = clip_keeping(text, 0, 20, &[figure]);
        assert_eq!(cut, "Le bilan est de 1,3 milliard…");
        assert_eq!(clip(text, 20), "Le bilan est de 1,3…");
        // The same passage at byte 100 of its article, figures in article offsets.
        let shifted = Span::new(figure.start + 100, figure.end + 100);
        assert_eq!(clip_keeping(text, 100, 20, &[shifted]), cut);
        // A cut before or after the figure is the plain cut; short text is whole.
        assert_eq!(clip_keeping(text, 0, 10, &[figure]), clip(text, 10));
        assert_eq!(clip_keeping(text, 0, 40, &[figure]), clip(text, 40));
        assert_eq!(clip_keeping(text, 0, 200, &[figure]), text);
        let tail = Span::new(start, text.len());
        assert_eq!(clip_keeping(text, 0, 20, &[tail]), text);
    }
}
