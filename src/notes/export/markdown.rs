//! Markdown export: a file readable as is in any Markdown viewer or note app. YAML front
//! matter, then one section per annotated article, each note as its quoted passage, the
//! note, its tags, the entities the passage names and where else the same fact is reported
//! (what each report is attributed to, and whether it reuses another outlet's text), with
//! any disagreement in figures.

use crate::corpus::{sanitize, sanitize_line, Corpus};
use crate::entities::Entities;
use crate::facts::Facts;
use crate::notes::anchor::Anchor;
use crate::notes::model::Note;
use crate::notes::place::{place, Placed};
use crate::sources::{describe, Sources};
use crate::text::Span;
use std::fmt::Write;

/// The notes as Markdown, stamped with the current time.
pub fn export_markdown(
    corpus: &Corpus,
    entities: &Entities,
    facts: &Facts,
    sources: &Sources,
    notes: &[Note],
) -> String {
    export_markdown_at(
        corpus,
        entities,
        facts,
        sources,
        notes,
        &crate::notes::now(),
    )
}

/// What the analysis found that the export names.
#[derive(Clone, Copy)]
struct Found<'a> {
    entities: &'a Entities,
    facts: &'a Facts,
    sources: &'a Sources,
}

/// The notes as Markdown, stamped with `exported` (an RFC 3339 time).
pub fn export_markdown_at(
    corpus: &Corpus,
    entities: &Entities,
    facts: &Facts,
    sources: &Sources,
    notes: &[Note],
    exported: &str,
) -> String {
    let found = Found {
        entities,
        facts,
        sources,
    };
    let mut placed: Vec<Placed<'_>> = notes.iter().map(|n| place(n, corpus)).collect();
    placed.sort_by_key(|p| {
        let key = p.anchor.span().map_or((1, 0), |s| (0, s.start));
        (
            p.article.unwrap_or(usize::MAX),
            p.note.article.id.clone(),
            key,
        )
    });
    let mut out = String::new();
    front_matter(&mut out, corpus, notes.len(), exported);
    let mut current: Option<(Option<usize>, &str)> = None;
    for p in &placed {
        let key = (p.article, p.note.article.id.as_str());
        if current != Some(key) {
            current = Some(key);
            heading(&mut out, corpus, p);
        }
        note(&mut out, corpus, found, p);
    }
    if placed.is_empty() {
        out.push_str("No notes yet.\n");
    }
    out
}

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
fn yaml(s: &str) -> String {
    serde_json::to_string(&sanitize_line(s)).expect("a string serialises")
}

fn front_matter(out: &mut String, corpus: &Corpus, notes: usize, exported: &str) {
    let _ = writeln!(out, "---");
    let _ = writeln!(out, "corpus: {}", yaml(&corpus.fingerprint()));
    let _ = writeln!(out, "exported: {}", yaml(exported));
    let _ = writeln!(out, "articles: {}", corpus.articles.len());
    let _ = writeln!(out, "notes: {notes}");
    let _ = writeln!(out, "generator: {}", yaml(crate::corpus::GENERATOR));
    let _ = writeln!(out, "---\n");
    let _ = writeln!(out, "# Notes\n");
}

fn heading(out: &mut String, corpus: &Corpus, p: &Placed<'_>) {
    match p.article.map(|i| &corpus.articles[i]) {
        Some(a) => {
            let _ = writeln!(out, "## {}\n", sanitize_line(&a.title));
            let _ = writeln!(
                out,
                "- File: `{}`",
                sanitize_line(&a.path).replace('`', "'")
            );
            let _ = writeln!(out, "- Language: {}\n", sanitize_line(a.language.code()));
        }
        None => {
            let _ = writeln!(out, "## {}\n", sanitize_line(&p.note.article.title));
            let _ = writeln!(
                out,
                "- Not in this corpus (article `{}`)\n",
                sanitize_line(&p.note.article.id).replace('`', "'")
            );
        }
    }
}

/// Each line prefixed with `> `, so that a passage of several paragraphs stays one quote.
fn quote(out: &mut String, text: &str) {
    for line in sanitize(text).trim().lines() {
        let _ = writeln!(out, "> {}", line.trim_end());
    }
    out.push('\n');
}

/// A line of the reader's own text, kept from turning into a heading, a rule or a quote.
fn literal_line(line: &str) -> String {
    let t = line.trim_start();
    let rule = t.len() >= 3
        && (t.chars().all(|c| c == '-' || c == ' ') || t.chars().all(|c| c == '=' || c == ' '));
    if t.starts_with(['#', '>']) || rule {
        format!("\\{t}")
    } else {
        line.to_owned()
    }
}

fn note(out: &mut String, corpus: &Corpus, found: Found<'_>, p: &Placed<'_>) {
    let n = p.note;
    let span = p.anchor.span();
    let passage = match (p.article, span) {
        (Some(i), Some(s)) => corpus.articles[i].slice(s),
        _ => n.target.quote.exact.as_str(),
    };
    let orphaned = match (p.article, p.anchor) {
        (None, _) => "the article is not in this corpus",
        (Some(_), Anchor::Orphan) => "this passage is no longer found in the article",
        _ => "",
    };
    if !orphaned.is_empty() {
        let _ = writeln!(out, "*Orphaned: {orphaned}.*\n");
    }
    quote(out, passage);
    let body = sanitize(&n.body);
    if !body.trim().is_empty() {
        for line in body.trim().lines() {
            let _ = writeln!(out, "{}", literal_line(line));
        }
        out.push('\n');
    }
    if !n.tags.is_empty() {
        let tags: Vec<String> = n
            .tags
            .iter()
            .map(|t| format!("#{}", sanitize_line(t)))
            .collect();
        let _ = writeln!(out, "Tags: {}\n", tags.join(" "));
    }
    if let (Some(i), Some(s)) = (p.article, span) {
        names(out, found.entities, i, s);
        reported(out, corpus, found, i, s);
    }
    let _ = writeln!(out, "---\n");
}

fn names(out: &mut String, entities: &Entities, article: usize, span: Span) {
    let mut seen: Vec<usize> = Vec::new();
    for m in entities.in_article(article) {
        if m.span().overlaps(&span) && !seen.contains(&m.entity()) {
            seen.push(m.entity());
        }
    }
    let names: Vec<String> = seen
        .iter()
        .filter_map(|&e| entities.entities.get(e))
        .map(|e| format!("{} ({})", sanitize_line(&e.name), e.kind.label()))
        .collect();
    if !names.is_empty() {
        let _ = writeln!(out, "Entities: {}\n", names.join(", "));
    }
}

/// The facts the passage's sentences belong to.
fn facts_of(corpus: &Corpus, all: &Facts, article: usize, span: Span) -> Vec<usize> {
    let mut facts = Vec::new();
    for (si, s) in corpus.articles[article]
        .structure
        .sentences
        .iter()
        .enumerate()
    {
        if !s.span.overlaps(&span) {
            continue;
        }
        for &f in all.by_sentence.get(&(article, si)).into_iter().flatten() {
            if !facts.contains(&f) {
                facts.push(f);
            }
        }
    }
    facts
}

fn reported(out: &mut String, corpus: &Corpus, found: Found<'_>, article: usize, span: Span) {
    let all = found.facts;
    let facts = facts_of(corpus, all, article, span);
    let mut elsewhere = Vec::new();
    for &f in &facts {
        let Some(fact) = all.facts.get(f) else {
            continue;
        };
        for p in &fact.passages {
            if p.article != article && p.article < corpus.articles.len() && !elsewhere.contains(p) {
                elsewhere.push(*p);
            }
        }
    }
    if !elsewhere.is_empty() {
        let _ = writeln!(out, "Also reported in:\n");
        for p in &elsewhere {
            let a = &corpus.articles[p.article];
            let text = sanitize_line(a.text.get(p.span.range()).unwrap_or(""));
            let rests =
                describe::passage(corpus, found.entities, found.sources, p.article, p.sentence)
                    .map_or(String::new(), |r| format!(" — {r}"));
            let _ = writeln!(
                out,
                "- *{}*: {}{rests}",
                sanitize_line(&a.title),
                text.trim()
            );
        }
        out.push('\n');
    }
    for &f in &facts {
        let Some(fact) = all.facts.get(f) else {
            continue;
        };
        for d in &fact.discrepancies {
            let values: Vec<String> = d
                .values
                .iter()
                .filter_map(|v| {
                    let a = corpus.articles.get(v.article)?;
                    let said = sanitize_line(a.text.get(v.span.range())?);
                    Some(format!("{} (*{}*)", said.trim(), sanitize_line(&a.title)))
                })
                .collect();
            if values.len() > 1 {
                let _ = writeln!(
                    out,
                    "Figures differ ({}): {}\n",
                    d.kind.label(),
                    values.join(" vs ")
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readers_lines_stay_text() {
        assert_eq!(literal_line("# pas un titre"), "\\# pas un titre");
        assert_eq!(literal_line("---"), "\\---");
        assert_eq!(literal_line("> cité"), "\\> cité");
        assert_eq!(literal_line("un - deux"), "un - deux");
    }
}
