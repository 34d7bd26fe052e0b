//! Markdown files as article text: headings, paragraphs, list items, quotes, code and table
//! rows become plain paragraphs, with the markup (`#`, `*`, `>`, backticks, link targets,
//! HTML tags, images) gone, so that neither the reader nor the analysis sees it; a link
//! keeps its text. Headings are remembered as byte spans of the text made, so the article's
//! structure can say which paragraphs are headings. Each block is sanitised as it is made
//! (character references are decoded by the parser, so an escape hidden as `&#27;` is
//! removed like any other), before its span is taken.

use crate::corpus::sanitize;
use crate::text::Span;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Text made of a Markdown document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Blocks separated by a blank line.
    pub text: String,
    /// The headings, as spans of `text`, in order.
    pub headings: Vec<Span>,
    /// Where each block of `text` came from in the source: (span in `text`, source bytes).
    pub sources: Vec<(Span, std::ops::Range<usize>)>,
}

/// Separates the cells of a table row.
const CELL_SEPARATOR: &str = " · ";

/// The blocks being made.
#[derive(Default)]
struct Builder {
    out: Rendered,
    block: String,
    /// Source offset where the current block began.
    block_source: Option<std::ops::Range<usize>>,
    heading: bool,
    /// Inside an image: its alternative text is not article text.
    image_depth: usize,
    first_cell: bool,
}

impl Builder {
    fn begin(&mut self, source: &std::ops::Range<usize>, heading: bool) {
        self.flush();
        self.heading = heading;
        self.block_source = Some(source.clone());
    }

    fn push(&mut self, s: &str, source: &std::ops::Range<usize>) {
        if self.image_depth > 0 {
            return;
        }
        match &mut self.block_source {
            Some(r) => r.end = r.end.max(source.end),
            None => self.block_source = Some(source.clone()),
        }
        self.block.push_str(s);
    }

    /// Ends the current block: sanitised, trimmed, and added after a blank line.
    fn flush(&mut self) {
        let block = std::mem::take(&mut self.block);
        let source = self.block_source.take().unwrap_or(0..0);
        let heading = std::mem::take(&mut self.heading);
        let clean = sanitize(&block);
        let clean = clean.trim();
        if clean.is_empty() {
            return;
        }
        if !self.out.text.is_empty() {
            self.out.text.push_str("\n\n");
        }
        let start = self.out.text.len();
        self.out.text.push_str(clean);
        let span = Span::new(start, self.out.text.len());
        if heading {
            self.out.headings.push(span);
        }
        self.out.sources.push((span, source));
    }
}

/// The text of a Markdown document (front matter already taken off).
pub fn render(source: &str) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut b = Builder::default();
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(tag) => start(&mut b, tag, &range),
            Event::End(end) => finish(&mut b, end),
            Event::Text(t) | Event::Code(t) => b.push(&t, &range),
            Event::SoftBreak => b.push(" ", &range),
            Event::HardBreak => b.push("\n", &range),
            Event::InlineMath(t) | Event::DisplayMath(t) => b.push(&t, &range),
            Event::Rule => b.flush(),
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => {}
        }
    }
    b.flush();
    b.out
}

fn start(b: &mut Builder, tag: Tag<'_>, range: &std::ops::Range<usize>) {
    match tag {
        Tag::Heading { .. } => b.begin(range, true),
        Tag::Paragraph
        | Tag::Item
        | Tag::CodeBlock(_)
        | Tag::BlockQuote(_)
        | Tag::FootnoteDefinition(_)
        | Tag::DefinitionListTitle
        | Tag::DefinitionListDefinition => b.begin(range, false),
        Tag::TableHead | Tag::TableRow => {
            b.begin(range, false);
            b.first_cell = true;
        }
        Tag::TableCell if !std::mem::take(&mut b.first_cell) => b.push(CELL_SEPARATOR, range),
        Tag::Image { .. } => b.image_depth += 1,
        _ => {}
    }
}

fn finish(b: &mut Builder, end: TagEnd) {
    match end {
        TagEnd::Heading(_)
        | TagEnd::Paragraph
        | TagEnd::Item
        | TagEnd::CodeBlock
        | TagEnd::BlockQuote(_)
        | TagEnd::FootnoteDefinition
        | TagEnd::TableHead
        | TagEnd::TableRow
        | TagEnd::DefinitionListTitle
        | TagEnd::DefinitionListDefinition => b.flush(),
        TagEnd::Image => b.image_depth = b.image_depth.saturating_sub(1),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(r: &Rendered) -> Vec<&str> {
        r.text.split("\n\n").collect()
    }

    #[test]
    fn markup_goes_and_text_stays() {
        let md = "# Le *titre*\n\nUn **texte** avec un [lien](https://exemple.fr/x \"t\") et du `code`.\n\n\
                  - premier point\n- second point\n\n> Une citation\n> sur deux lignes.\n\n\
                  ```rust\nfn main() {}\n```\n\n![image](i.png)\n\n<div>brut</div>\n\n---\n\nFin.\n";
        let r = render(md);
        assert_eq!(
            blocks(&r),
            [
                "Le titre",
                "Un texte avec un lien et du code.",
                "premier point",
                "second point",
                "Une citation sur deux lignes.",
                "fn main() {}",
                "Fin.",
            ]
        );
        assert!(!r.text.contains("https") && !r.text.contains('*') && !r.text.contains('#'));
        assert_eq!(r.headings, [Span::new(0, "Le titre".len())]);
    }

    #[test]
    fn tables_become_one_line_per_row() {
        let r =
            render("| Ville | Habitants |\n|---|---:|\n| Lyon | 522 000 |\n| Nice | 342 000 |\n");
        assert_eq!(
            blocks(&r),
            ["Ville · Habitants", "Lyon · 522 000", "Nice · 342 000"]
        );
        assert!(r.headings.is_empty());
    }

    #[test]
    fn every_heading_level_is_a_heading_span_of_the_text() {
        let md = "Intro.\n\n## Deux\n\nTexte.\n\nTrois\n=====\n\nFin.";
        let r = render(md);
        let headings: Vec<&str> = r.headings.iter().map(|s| &r.text[s.range()]).collect();
        assert_eq!(headings, ["Deux", "Trois"]);
        for (span, source) in &r.sources {
            assert!(span.end <= r.text.len() && source.end <= md.len());
            assert!(md[source.clone()].contains(&r.text[span.range()]));
        }
    }

    #[test]
    fn escapes_hidden_as_references_are_removed() {
        let r = render("Texte &#27;[2J propre &#x9b;31m et \u{1b}]0;x\u{7} fin.");
        assert!(!r.text.contains('\u{1b}') && !r.text.contains('\u{9b}'));
        assert!(r.text.starts_with("Texte") && r.text.ends_with("fin."));
    }

    #[test]
    fn nothing_or_only_markup_gives_no_text() {
        assert_eq!(render("").text, "");
        assert_eq!(render("---\n\n<!-- x -->\n\n![a](b)").text, "");
    }
}
