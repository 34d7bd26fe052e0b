//! Plain-text output of the printing commands, for people at a terminal. Every string from
//! an article goes through the sanitiser, and lines are cut to a readable width, except
//! the lines of disagreeing figures and claims, which are never cut.

use crate::corpus::{sanitize_line, Corpus};
use crate::entities::Entities;
use crate::facts::{claims, Facts};
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
    let mut order: Vec<usize> = (0..entities.entities.len()).collect();
    let count = |e: usize| entities.mentions.iter().filter(|m| m.entity() == e).count();
    let articles = |e: usize| {
        entities
            .mentions
            .iter()
            .filter(|m| m.entity() == e)
            .map(|m| m.article())
            .collect::<BTreeSet<_>>()
            .len()
    };
    order.retain(|&e| count(e) > 0);
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
            writeln!(
                out,
                "    [{}] {}",
                clip(&a.id, 24),
                clip(a.slice(p.span), 80)
            )?;
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
            c.measure,
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
}
