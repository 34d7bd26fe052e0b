//! Article formats other than plain text and Markdown: saved web pages (and pages stored by
//! `recoupe fetch`), JSON and JSON Lines exports, RSS and Atom feeds, newsboat's cache; and
//! OPML subscription lists, which name feeds rather than hold articles. Each reader turns a
//! file into [`Record`]s; markup and character references are decoded first, and only then
//! does the text meet the sanitiser, so that an escape hidden as `&#27;` is removed like any
//! other.

mod depth;
pub mod feed;
pub mod fetched;
pub mod html;
pub mod markdown;
#[cfg(feature = "newsboat")]
pub mod newsboat;
pub mod opml;
pub mod records;

use super::{decode::normalize_newlines, sanitize, sanitize_line, Article, Meta};
use crate::text::Language;
use rayon::prelude::*;

/// One article as a format reader sees it, before it becomes an [`Article`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    pub title: Option<String>,
    pub body: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
}

/// The warning for markup nested past [`depth::MAX_DEPTH`] levels, when `markup` is: the
/// reader sees the same words, but the structure of the deepest part is gone.
pub fn depth_warning(markup: &str) -> Option<String> {
    depth::limit(markup, depth::MAX_DEPTH).1.then(|| {
        format!(
            "markup nested deeper than {} levels: the deeper tags were dropped, their text kept",
            depth::MAX_DEPTH
        )
    })
}

/// The formats recoupe reads, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
    JsonLines,
    Feed,
}

impl Format {
    /// The format of a file name, if recoupe reads it when walking a folder.
    pub fn of(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            "rss" | "atom" | "xml" => Format::Feed,
            _ => return None,
        })
    }
}

impl Format {
    /// The format of bytes that came without a name (standard input), from what they begin
    /// with: a feed, a web page, JSON or JSON Lines; plain text otherwise.
    pub fn sniff(bytes: &[u8]) -> Format {
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let start = bytes
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(bytes.len());
        let body = &bytes[start..];
        let head = body[..body.len().min(2048)].to_ascii_lowercase();
        let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
        match body.first() {
            Some(b'<') => {
                let feedish = has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf");
                let pageish = [
                    &b"<html"[..],
                    b"<!doctype html",
                    b"<head",
                    b"<body",
                    b"<p",
                    b"<div",
                    b"<article",
                ]
                .iter()
                .any(|m| has(m));
                if feedish && !has(b"<html") {
                    Format::Feed
                } else if pageish {
                    Format::Html
                } else {
                    Format::Text
                }
            }
            Some(b'{' | b'[') => {
                if serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok() {
                    Format::Json
                } else if body.starts_with(b"{") && json_lines(body) {
                    Format::JsonLines
                } else {
                    Format::Text
                }
            }
            _ => Format::Text,
        }
    }

    /// A file name extension of the format, for a name given to unnamed bytes.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Feed => "xml",
        }
    }
}

/// Is the first line a JSON object, and does each of the next few non-blank ones begin as
/// one?
fn json_lines(body: &[u8]) -> bool {
    let mut lines = body
        .split(|&b| b == b'\n')
        .map(<[u8]>::trim_ascii)
        .filter(|l| !l.is_empty())
        .take(8);
    lines
        .next()
        .is_some_and(|l| serde_json::from_slice::<serde::de::IgnoredAny>(l).is_ok())
        && lines.all(|l| l.starts_with(b"{"))
}

/// Makes articles of records read from one file called `stem`; several records get ids
/// `stem-01`, `stem-02`... Records are made into articles on all cores (a feed reader's
/// cache holds tens of thousands), in order.
pub fn articles_of(records: Vec<Record>, stem: &str, shown_path: &str) -> Vec<Article> {
    let n = records.len();
    let digits = n.to_string().len().max(2);
    records
        .into_par_iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let id = if n == 1 {
                stem.to_owned()
            } else {
                format!("{stem}-{:0digits$}", i + 1)
            };
            article_of(r, id, shown_path)
        })
        .collect()
}

fn clean(s: Option<String>) -> Option<String> {
    s.map(|s| sanitize_line(&s).trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// The article of one record: its title first (unless the body already opens with it),
/// then the body; `None` when nothing is left after sanitising.
fn article_of(r: Record, id: String, shown_path: &str) -> Option<Article> {
    let title = clean(r.title);
    let body = normalize_newlines(r.body.trim());
    let text = match &title {
        Some(t) if !body.starts_with(t.as_str()) => format!("{t}\n\n{body}"),
        _ => body,
    };
    let text = sanitize(&text).into_owned();
    if text.trim().is_empty() {
        return None;
    }
    let title = title.unwrap_or_else(|| text.lines().next().unwrap_or("").to_owned());
    let meta = Meta {
        source: clean(r.source),
        date: clean(r.date),
        author: clean(r.author),
        url: clean(r.url),
    };
    let mut a = Article::new(id, title, shown_path.to_owned(), text, meta);
    if let Some(lang) =
        clean(r.lang).filter(|l| l.len() == 2 && l.chars().all(|c| c.is_ascii_alphabetic()))
    {
        a.language = Language(lang);
    }
    Some(a)
}

/// The first bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Is this a regular file that begins as an SQLite database (newsboat's cache is one)?
/// The open does not wait for a writer, and anything but a regular file is not one.
pub fn is_sqlite(path: &std::path::Path) -> bool {
    use std::io::Read as _;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let Ok(mut file) = options.open(path) else {
        return false;
    };
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = [0u8; 16];
    file.read_exact(&mut head).is_ok() && &head == SQLITE_MAGIC
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unnamed_bytes_are_sniffed_by_their_content() {
        let cases: [(&[u8], Format); 10] = [
            (
                b"<?xml version=\"1.0\"?>\n<rss><channel></channel></rss>",
                Format::Feed,
            ),
            (
                b"  <feed xmlns=\"http://www.w3.org/2005/Atom\">",
                Format::Feed,
            ),
            (
                b"<!DOCTYPE html><html><body><p>x</p></body></html>",
                Format::Html,
            ),
            (
                b"\xef\xbb\xbf<html><head><link rel=alternate type=application/rss+xml href=/rss>",
                Format::Html,
            ),
            (b"{\"title\": \"T\", \"text\": \"x\"}", Format::Json),
            (b"[{\"text\": \"x\"}]\n", Format::Json),
            (b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n", Format::JsonLines),
            (b"{ not json at all, a brace in prose", Format::Text),
            (b"<<Titre>> entre chevrons", Format::Text),
            (b"Titre\n\nLe texte <b>gras</b> et [lien].", Format::Text),
        ];
        for (bytes, want) in cases {
            assert_eq!(
                Format::sniff(bytes),
                want,
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::of("a.HTM"), Some(Format::Html));
        assert_eq!(Format::of("a.ndjson"), Some(Format::JsonLines));
        assert_eq!(Format::of("a.rss"), Some(Format::Feed));
        assert_eq!(Format::of("a.pdf"), None);
    }

    /// Titles from HTML, JSON and feeds are capped like those of text files: a crafted
    /// megabyte title must not become a megabyte list row.
    #[test]
    fn record_titles_are_capped() {
        let long = "titre ".repeat(50_000);
        let r = Record {
            title: Some(long),
            body: "Corps de l'article.".into(),
            ..Record::default()
        };
        let a = articles_of(vec![r], "x", "x.json").remove(0);
        assert!(a.title.chars().count() <= crate::corpus::MAX_TITLE_CHARS + 1);
        assert!(a.title.ends_with('…'));
    }

    #[test]
    fn entity_encoded_escape_is_removed_after_decoding() {
        let r = html::parse_page("<title>T&#27;[2J</title><article><p>Texte &#27;[2J propre &#x9b;31m et long.</p></article>");
        let a = articles_of(vec![r], "x", "x.html").remove(0);
        assert!(!a.text.contains('\u{1b}') && !a.text.contains('\u{9b}'));
        assert!(!a.title.contains('\u{1b}'));
        assert!(a.text.contains("Texte  propre") && !a.text.contains("2J"));
    }

    #[test]
    fn several_records_get_numbered_ids_and_declared_language() {
        let rs = vec![
            Record {
                title: Some("A".into()),
                body: "Un texte.".into(),
                lang: Some("en".into()),
                ..Default::default()
            },
            Record {
                title: None,
                body: "Deux.".into(),
                ..Default::default()
            },
        ];
        let arts = articles_of(rs, "feed", "feed.jsonl");
        assert_eq!(arts[0].id, "feed-01");
        assert_eq!(arts[0].text, "A\n\nUn texte.");
        assert_eq!(arts[0].language.code(), "en");
        assert_eq!(arts[1].title, "Deux.");
    }
}
