//! Text and Markdown files as articles: `---` front matter, the metadata line a text file
//! may open with (`date 2018-08 …`, `source: …`), the title, and for Markdown the text made
//! by [`formats::markdown`](super::formats::markdown), its headings marked as headings in
//! the article's structure. Apart from front matter, which is taken off, a text file's text
//! is its bytes decoded: offsets into it are offsets into the file's text.

use super::formats::{markdown, Format};
use super::{decode, sanitize_line, shorten_title, Article, DecodeError, Meta};
use crate::text::{self, Span};
use std::collections::HashMap;
use std::path::Path;

/// The metadata keys a front matter or a leading line may set.
const META_KEYS: [&str; 4] = ["source", "date", "author", "url"];

/// Builds an article from a text or Markdown file's bytes; `name` gives the id and the
/// format.
pub(crate) fn article_from_bytes(
    bytes: &[u8],
    name: &str,
    shown_path: &str,
) -> Result<Article, DecodeError> {
    let (text, _) = decode(bytes)?;
    let (mut fields, body) = split_front_matter(&text);
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_owned());
    let id = sanitize_line(&stem);
    if Format::of(name) == Some(Format::Markdown) {
        return markdown_article(fields, body, id, shown_path);
    }
    let leading = leading_metadata(body);
    for (key, value) in leading.fields {
        fields.entry(key.to_owned()).or_insert(value);
    }
    let title = fields
        .get("title")
        .cloned()
        .or(leading.title)
        .or_else(|| {
            body.lines()
                .find(|l| !l.trim().is_empty())
                .map(str::to_owned)
        })
        .unwrap_or_default();
    let given = fields.contains_key("title");
    let mut article = Article::new(
        id,
        title,
        shown_path.to_owned(),
        body.to_owned(),
        meta_of(&fields),
    );
    if !given {
        article.title = first_sentence(&article.title);
    }
    Ok(article)
}

/// A Markdown file's article: its rendered text, headings marked, titled by its front
/// matter or its first heading.
fn markdown_article(
    fields: HashMap<String, String>,
    body: &str,
    id: String,
    shown_path: &str,
) -> Result<Article, DecodeError> {
    let rendered = markdown::render(body);
    if rendered.text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let heading = rendered.headings.first().map(|s| &rendered.text[s.range()]);
    let title = fields
        .get("title")
        .map(String::as_str)
        .or(heading)
        .or_else(|| rendered.text.lines().next())
        .unwrap_or_default()
        .to_owned();
    let given = fields.contains_key("title") || heading.is_some();
    let mut article = Article::new(
        id,
        title,
        shown_path.to_owned(),
        rendered.text,
        meta_of(&fields),
    );
    article.structure = text::structure_with_headings(&article.text, &rendered.headings);
    if !given {
        article.title = first_sentence(&article.title);
    }
    Ok(article)
}

fn meta_of(fields: &HashMap<String, String>) -> Meta {
    Meta {
        source: fields.get("source").cloned(),
        date: fields.get("date").cloned(),
        author: fields.get("author").cloned(),
        url: fields.get("url").cloned(),
    }
}

/// A title taken from a line of text that is a whole paragraph: its first sentence, cut to
/// the longest title kept.
fn first_sentence(title: &str) -> String {
    if title.chars().count() <= 100 {
        return title.to_owned();
    }
    // A megabyte line without a sentence end must not be segmented whole for a title.
    let head = text::slice(title, 0, 4 * super::MAX_TITLE_CHARS * 4);
    let sentence = text::sentences_in(head, Span::new(0, head.len()))
        .first()
        .map(|s| head[s.range()].trim().to_owned());
    match sentence {
        Some(s) if !s.is_empty() && s.len() < title.len() => shorten_title(&s),
        _ => shorten_title(title),
    }
}

/// What the first lines of a text file say about it before its title.
#[derive(Debug, Default, PartialEq)]
struct Leading {
    fields: Vec<(&'static str, String)>,
    /// The rest of a metadata line, when the title follows on it (`date 2018-08 Title`).
    title: Option<String>,
}

/// The metadata lines a text file opens with: `key: value` for a metadata key, or `date`
/// and a date followed by the title on the same line. Stops at the first other line.
fn leading_metadata(body: &str) -> Leading {
    let mut leading = Leading::default();
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some((key, value)) = line.split_once(':') {
            let key = key.trim().to_ascii_lowercase();
            if let Some(key) = META_KEYS.iter().find(|k| **k == key) {
                let value = value.trim();
                if !value.is_empty() {
                    leading.fields.push((key, value.to_owned()));
                }
                continue;
            }
        }
        let mut words = line.splitn(3, char::is_whitespace);
        let first = words.next().unwrap_or("");
        let date = words.next().filter(|d| is_date_like(d));
        if let (true, Some(date)) = (first.eq_ignore_ascii_case("date"), date) {
            leading.fields.push(("date", date.to_owned()));
            let rest = words.next().unwrap_or("").trim();
            if rest.is_empty() {
                continue;
            }
            leading.title = Some(rest.to_owned());
        } else if !leading.fields.is_empty() {
            leading.title = Some(line.to_owned());
        }
        break;
    }
    leading
}

/// `2018-08`, `2018-08-02`, `02/08/2018`, `2.8.2018`: digits and separators, a year's worth
/// of digits at least.
fn is_date_like(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || "-/.".contains(c))
        && s.chars().filter(char::is_ascii_digit).count() >= 4
}

/// `---` front matter of `key: value` lines, and the text after it. Text without front
/// matter is returned whole.
fn split_front_matter(text: &str) -> (HashMap<String, String>, &str) {
    let mut fields = HashMap::new();
    let Some(rest) = text.strip_prefix("---\n") else {
        return (fields, text);
    };
    let Some(end) = rest.find("\n---") else {
        return (fields, text);
    };
    for line in rest[..end].lines() {
        if let Some((k, v)) = line.split_once(':') {
            let v = v.trim().trim_matches('"').trim_matches('\'').trim();
            if !v.is_empty() {
                fields.insert(k.trim().to_ascii_lowercase(), v.to_owned());
            }
        }
    }
    let after = &rest[end + 4..];
    let after = after.strip_prefix('\n').unwrap_or(after);
    (fields, after)
}

/// Is this file one of recoupe's own exports of notes? A Markdown export says so in its
/// front matter, a JSON export in its first field, a W3C one in its `generator`.
pub(crate) fn is_own_export(bytes: &[u8], format: Option<Format>) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).replace("\r\n", "\n");
    let head = head.trim_start_matches('\u{feff}');
    let mark = super::GENERATOR;
    match format {
        Some(Format::Markdown | Format::Text) => split_front_matter(head)
            .0
            .get("generator")
            .is_some_and(|g| g == mark),
        Some(Format::Json) => {
            let compact: String = head
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(800)
                .collect();
            compact.starts_with(&format!("{{\"generator\":\"{mark}\""))
                || (compact.contains("\"type\":\"AnnotationCollection\"")
                    && compact.contains(&format!(
                        "\"generator\":{{\"type\":\"Software\",\"name\":\"{mark}\""
                    )))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_gives_title_and_meta() {
        let a = article_from_bytes(
            b"---\ntitle: Hello\nsource: Le Monde\n---\n# Hello\n\nBody *text*.\n",
            "x.md",
            "x.md",
        )
        .unwrap();
        assert_eq!(a.title, "Hello");
        assert_eq!(a.meta.source.as_deref(), Some("Le Monde"));
        assert_eq!(a.text, "Hello\n\nBody text.");
    }

    /// A Markdown file showed `# Titre` raw under its title `Titre`, and its markup was
    /// analysed as words.
    #[test]
    fn markdown_is_text_with_its_headings_marked() {
        let md =
            "# Titre\n\nUn **texte** avec un [lien](https://x.fr).\n\n## Partie\n\n- un point\n";
        let a = article_from_bytes(md.as_bytes(), "x.markdown", "x.markdown").unwrap();
        assert_eq!(a.title, "Titre");
        assert_eq!(
            a.text,
            "Titre\n\nUn texte avec un lien.\n\nPartie\n\nun point"
        );
        let headings: Vec<&str> = a
            .structure
            .paragraphs
            .iter()
            .filter(|p| p.heading)
            .map(|p| a.slice(p.span))
            .collect();
        assert_eq!(headings, ["Titre", "Partie"]);
        // A short list item is not taken for a heading.
        assert!(!a.structure.paragraphs[3].heading);
        let b = article_from_bytes(b"\n\nintro\n# Titre\n\nCorps.", "x.md", "x.md").unwrap();
        assert_eq!(b.title, "Titre");
        assert!(article_from_bytes(b"<!-- rien -->\n", "x.md", "x.md").is_err());
    }

    #[test]
    fn own_exports_are_recognised_by_their_mark() {
        // The openings of the three exports (`notes::export`; written whole in the CLI tests).
        let md = "---\ncorpus: \"ab\"\nexported: \"2026\"\narticles: 5\nnotes: 0\n\
                  generator: \"recoupe\"\n---\n\n# Notes\n";
        let json = "{\n  \"generator\": \"recoupe\",\n  \"schema\": 1,\n  \"notes\": []\n}\n";
        let w3c = "{\n  \"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n  \"id\": \"urn:x\",\n  \
                   \"type\": \"AnnotationCollection\",\n  \"label\": \"recoupe notes\",\n  \
                   \"generator\": {\n    \"type\": \"Software\",\n    \"name\": \"recoupe\"\n  }\n}";
        assert!(is_own_export(md.as_bytes(), Some(Format::Markdown)));
        assert!(is_own_export(
            md.replace('\n', "\r\n").as_bytes(),
            Some(Format::Markdown)
        ));
        assert!(is_own_export(json.as_bytes(), Some(Format::Json)));
        assert!(is_own_export(w3c.as_bytes(), Some(Format::Json)));
        let articles = [
            (
                "---\ntitle: Un\ngenerator: Hugo\n---\nTexte.",
                Format::Markdown,
            ),
            (
                "{\"title\": \"recoupe\", \"text\": \"generator recoupe\"}",
                Format::Json,
            ),
            ("Texte.", Format::Text),
        ];
        for (text, format) in articles {
            assert!(!is_own_export(text.as_bytes(), Some(format)), "{text}");
        }
        assert!(!is_own_export(md.as_bytes(), Some(Format::Html)));
    }

    #[test]
    fn txt_title_from_first_line() {
        let b = article_from_bytes(b"\n\n  Premier titre \n\nCorps.", "y.txt", "y.txt").unwrap();
        assert_eq!(b.title, "Premier titre");
        assert_eq!(b.meta, Meta::default());
    }

    /// `date 2018-08 Facebook a approché…` became the title, date and all.
    #[test]
    fn a_leading_metadata_line_is_metadata_not_the_title() {
        let text = " date 2018-08 Facebook a approché des banques. Elles ont refusé.\n\nSuite.";
        let a = article_from_bytes(text.as_bytes(), "a.txt", "a.txt").unwrap();
        assert_eq!(a.meta.date.as_deref(), Some("2018-08"));
        assert_eq!(
            a.title,
            "Facebook a approché des banques. Elles ont refusé."
        );
        assert_eq!(a.text, text, "the text is the file's");
        let b = article_from_bytes(
            b"source: Le Monde\nDate: 2018-08-02\n\nLe titre\n\nLe corps.",
            "b.txt",
            "b.txt",
        )
        .unwrap();
        assert_eq!(b.meta.source.as_deref(), Some("Le Monde"));
        assert_eq!(b.meta.date.as_deref(), Some("2018-08-02"));
        assert_eq!(b.title, "Le titre");
        // Not metadata: a date word without a date, an unknown key.
        for first in [
            "Date limite dépassée pour les banques",
            "Note: la banque a refusé",
        ] {
            let c = article_from_bytes(format!("{first}\n\nCorps.").as_bytes(), "c.txt", "c.txt")
                .unwrap();
            assert_eq!(c.title, first);
            assert_eq!(c.meta, Meta::default());
        }
    }

    /// Found by the 10 MB line test: a first line without a sentence end became the title
    /// whole.
    #[test]
    fn a_huge_first_line_gives_a_short_title() {
        let text = "mot ".repeat(100_000);
        let a = article_from_bytes(text.as_bytes(), "x.txt", "x.txt").unwrap();
        assert!(a.title.chars().count() <= crate::corpus::MAX_TITLE_CHARS + 1);
        assert!(a.title.ends_with("mot…"));
        assert_eq!(shorten_title("court"), "court");
    }
}
