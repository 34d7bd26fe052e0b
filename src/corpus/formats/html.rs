//! Saved web pages: the article's own text, without the page around it.
//!
//! The body is the page's `<article>` (the longest one), else `<main>`, else the element
//! holding the most paragraph text. Scripts, styles, navigation, headers and footers,
//! forms, cookie banners, share widgets and the like are dropped by tag and by class or id.
//! Block elements become paragraphs separated by blank lines. Character references are
//! decoded by the parser, before the text reaches the sanitiser.

use super::Record;
use scraper::{ElementRef, Html, Node, Selector};

/// Tags whose content is never article text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg",
    "iframe", "template", "select", "input", "textarea", "figure", "menu", "dialog", "object",
    "embed", "canvas", "video", "audio",
];

/// Class or id fragments that mark page furniture rather than article text.
const SKIP_MARKERS: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "share",
    "social",
    "newsletter",
    "subscribe",
    "related",
    "advert",
    "promo",
    "sponsor",
    "comment",
    "breadcrumb",
    "menu",
    "navbar",
    "sidebar",
    "popup",
    "modal",
    "banner",
    "outbrain",
    "taboola",
    "paywall",
    "footer",
    "header",
];

/// Tags that end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "dl",
    "dt",
    "dd",
    "br",
    "hr",
    "figcaption",
];

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

fn meta_content(doc: &Html, sel: &str) -> Option<String> {
    doc.select(&selector(sel))
        .filter_map(|e| e.value().attr("content"))
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|s| !s.is_empty())
}

fn element_text(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_furniture(e: ElementRef<'_>) -> bool {
    let v = e.value();
    if SKIP_TAGS.contains(&v.name()) {
        return true;
    }
    if v.attr("aria-hidden") == Some("true") || v.attr("hidden").is_some() {
        return true;
    }
    let role = v.attr("role").unwrap_or("");
    if matches!(
        role,
        "navigation" | "banner" | "contentinfo" | "complementary" | "dialog"
    ) {
        return true;
    }
    let marks = format!(
        "{} {}",
        v.attr("class").unwrap_or(""),
        v.attr("id").unwrap_or("")
    );
    let marks = marks.to_ascii_lowercase();
    // An element marked as the article itself is never furniture, whatever else it says.
    if marks.contains("article-body") || marks.contains("article__body") {
        return false;
    }
    SKIP_MARKERS.iter().any(|m| marks.contains(m))
}

/// Appends the text of `e` to `out`, one paragraph per block, furniture skipped.
fn collect_text(e: ElementRef<'_>, out: &mut Vec<String>, current: &mut String) {
    use ego_tree::iter::Edge;
    // A walk with the tree's own cursor rather than recursion: however deep the markup,
    // the stack does not grow. `skip` is the furniture element being passed over.
    let mut skip = None;
    for edge in e.traverse() {
        match edge {
            Edge::Open(node) if node.id() != e.id() && skip.is_none() => match node.value() {
                Node::Text(t) => current.push_str(t),
                Node::Element(el) => {
                    let Some(ce) = ElementRef::wrap(node) else {
                        continue;
                    };
                    if is_furniture(ce) {
                        skip = Some(node.id());
                    } else if BLOCK_TAGS.contains(&el.name()) {
                        flush(out, current);
                    }
                }
                _ => {}
            },
            Edge::Close(node) if node.id() != e.id() => {
                if skip == Some(node.id()) {
                    skip = None;
                } else if skip.is_none()
                    && node
                        .value()
                        .as_element()
                        .is_some_and(|el| BLOCK_TAGS.contains(&el.name()))
                {
                    flush(out, current);
                }
            }
            _ => {}
        }
    }
}

fn flush(out: &mut Vec<String>, current: &mut String) {
    let para = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !para.is_empty() {
        out.push(para);
    }
    current.clear();
}

/// The element that holds the article: the longest `<article>`, else `<main>`, else the
/// parent of the most paragraph text.
fn main_block(doc: &Html) -> Option<ElementRef<'_>> {
    let longest = |sel: &str| {
        doc.select(&selector(sel))
            .filter(|e| !is_furniture(*e))
            .max_by_key(|e| element_text(*e).len())
            .filter(|e| element_text(*e).len() > 40)
    };
    if let Some(a) = longest("article")
        .or_else(|| longest("main"))
        .or_else(|| longest("[role=main]"))
    {
        return Some(a);
    }
    let mut best: Option<(usize, ElementRef<'_>)> = None;
    let mut scores: std::collections::HashMap<ego_tree::NodeId, usize> = Default::default();
    for p in doc.select(&selector("p")) {
        if let Some(parent) = p.parent().and_then(ElementRef::wrap) {
            let s = scores.entry(parent.id()).or_default();
            *s += element_text(p).len();
            if best.is_none_or(|(b, _)| *s > b) {
                best = Some((*s, parent));
            }
        }
    }
    best.map(|(_, e)| e)
        .or_else(|| doc.select(&selector("body")).next())
}

/// Text paragraphs of an HTML fragment (feed content, JSON bodies holding markup).
pub fn fragment_text(html: &str) -> String {
    let (html, _) = super::depth::limit(html, super::depth::MAX_DEPTH);
    let frag = Html::parse_fragment(&html);
    let mut paras = Vec::new();
    let mut current = String::new();
    collect_text(frag.root_element(), &mut paras, &mut current);
    flush(&mut paras, &mut current);
    paras.join("\n\n")
}

/// Does this string look like markup rather than plain text?
pub fn looks_like_html(s: &str) -> bool {
    let head = crate::text::slice(s, 0, 2048);
    [
        "<p", "<div", "<br", "</", "<span", "<a ", "<em", "<strong", "&lt;", "&#",
    ]
    .iter()
    .any(|m| head.contains(m))
}

/// Reads a whole page into a record.
pub fn parse_page(html: &str) -> Record {
    let (html, _) = super::depth::limit(html, super::depth::MAX_DEPTH);
    let doc = Html::parse_document(&html);
    let title = meta_content(&doc, r#"meta[property="og:title"]"#)
        .or_else(|| {
            doc.select(&selector("title"))
                .map(element_text)
                .find(|t| !t.is_empty())
        })
        .or_else(|| {
            doc.select(&selector("h1"))
                .map(element_text)
                .find(|t| !t.is_empty())
        });
    let mut paras = Vec::new();
    if let Some(root) = main_block(&doc) {
        let mut current = String::new();
        collect_text(root, &mut paras, &mut current);
        flush(&mut paras, &mut current);
    }
    let url = doc
        .select(&selector(r#"link[rel="canonical"]"#))
        .filter_map(|e| e.value().attr("href"))
        .map(str::to_owned)
        .next()
        .or_else(|| meta_content(&doc, r#"meta[property="og:url"]"#));
    let lang = doc
        .select(&selector("html"))
        .filter_map(|e| e.value().attr("lang"))
        .map(|l| {
            l.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        })
        .find(|l| !l.is_empty());
    Record {
        title,
        body: paras.join("\n\n"),
        source: meta_content(&doc, r#"meta[property="og:site_name"]"#),
        date: meta_content(&doc, r#"meta[property="article:published_time"]"#)
            .or_else(|| meta_content(&doc, r#"meta[name="date"]"#)),
        author: meta_content(&doc, r#"meta[name="author"]"#)
            .or_else(|| meta_content(&doc, r#"meta[property="article:author"]"#)),
        url,
        lang,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_body_without_furniture() {
        let page = r#"<html lang="fr"><head><title>T | Site</title>
            <meta property="og:title" content="Le vrai titre">
            <meta property="og:site_name" content="Le Journal">
            <meta name="author" content="A. Auteur">
            <meta property="article:published_time" content="2018-08-06T10:00:00Z">
            <link rel="canonical" href="https://example.org/a">
            <script>var x = "<p>not text</p>";</script><style>p{}</style></head>
            <body><nav><a>Accueil</a></nav><div class="cookie-banner">Acceptez les cookies</div>
            <article><h1>Le vrai titre</h1><p>Premier &amp; paragraphe.</p>
            <div class="share-buttons">Partager</div><p>Second <b>paragraphe</b>.</p></article>
            <footer>Mentions</footer></body></html>"#;
        let r = parse_page(page);
        assert_eq!(r.title.as_deref(), Some("Le vrai titre"));
        assert_eq!(
            r.body,
            "Le vrai titre\n\nPremier & paragraphe.\n\nSecond paragraphe."
        );
        assert_eq!(r.source.as_deref(), Some("Le Journal"));
        assert_eq!(r.author.as_deref(), Some("A. Auteur"));
        assert_eq!(r.date.as_deref(), Some("2018-08-06T10:00:00Z"));
        assert_eq!(r.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(r.lang.as_deref(), Some("fr"));
    }

    #[test]
    fn densest_paragraph_block_without_article_tag() {
        let page = "<body><div><p>menu</p></div><div id=x><p>Un long paragraphe de texte.</p><p>Un autre paragraphe.</p></div></body>";
        assert_eq!(
            parse_page(page).body,
            "Un long paragraphe de texte.\n\nUn autre paragraphe."
        );
    }

    #[test]
    fn deep_nesting_is_read_without_recursion_or_quadratic_time() {
        let deep = format!("<p>{}x{}</p>", "<b>".repeat(20_000), "</b>".repeat(20_000));
        assert_eq!(fragment_text(&deep), "x");
        let divs = format!(
            "<html><body>{}<p>Le texte de l'article, assez long pour compter.</p>{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let r = parse_page(&divs);
        assert!(r.body.contains("Le texte de l'article"), "{:?}", r.body);
    }

    #[test]
    fn fragments_keep_paragraphs() {
        assert_eq!(fragment_text("<p>a <i>b</i></p><p>c</p>"), "a b\n\nc");
        assert!(looks_like_html("<p>x</p>"));
        assert!(!looks_like_html("plain text"));
    }
}
