//! Articles as recoupe holds them: decoded, sanitised, given a title, a language and a
//! structure. The text of an [`Article`] is loaded once and never rewritten; every later
//! stage (entities, facts, notes, the reader) speaks in byte offsets into it.

mod decode;
pub mod formats;
pub mod index;
mod json;
mod load;
mod plain;

/// The one sanitiser lives in `text` (below `failure`, which reports untrusted file names);
/// the loader runs it on everything it reads, and every later path calls it from here.
pub use crate::text::sanitize::{self, escaped, is_unsafe_char, sanitize, sanitize_line};
pub use decode::{decode, DecodeError, Encoding};
pub use index::{CorpusIndex, FileStamp};
pub use json::to_json;
pub use load::{load_paths, load_paths_counted, load_paths_stamped, LoadOptions, LoadProgress};

use crate::text::{self, Language, Structure};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The mark of recoupe's own exports of notes: the value of `generator` in a Markdown
/// export's front matter, first in a JSON export and in a W3C collection's generator, so
/// that a folder holding exports is read without them.
pub const GENERATOR: &str = "recoupe";

/// Where an article came from and what it says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One article: its sanitised text and everything derived from the text alone.
#[derive(Debug, Clone)]
pub struct Article {
    /// File stem, made unique within the corpus.
    pub id: String,
    pub title: String,
    /// Where it was read from, for display (sanitised, one line).
    pub path: String,
    pub text: String,
    /// SHA-256 of `text`, hex: identifies the article's content across runs.
    pub hash: String,
    pub language: Language,
    pub structure: Structure,
    pub meta: Meta,
}

impl Article {
    /// Builds an article from text that is already decoded and sanitised.
    pub fn new(id: String, title: String, path: String, text: String, meta: Meta) -> Article {
        let hash = content_hash(&text);
        let language = text::detect_language(&text);
        let structure = text::structure(&text);
        Article {
            id,
            title: shorten_title(sanitize_line(&title).trim()),
            path: sanitize_line(&path),
            text,
            hash,
            language,
            structure,
            meta,
        }
    }

    /// The text of a byte span.
    pub fn slice(&self, span: text::Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// Number of word tokens.
    pub fn word_count(&self) -> usize {
        text::words(&self.text, 0..self.text.len()).count()
    }
}

/// Longest title kept whole, in characters.
pub(crate) const MAX_TITLE_CHARS: usize = 200;

/// A title cut to [`MAX_TITLE_CHARS`] at a word boundary, with an ellipsis: a first line
/// of megabytes without a sentence end must not become a megabyte title.
pub(crate) fn shorten_title(title: &str) -> String {
    let Some((cut, _)) = title.char_indices().nth(MAX_TITLE_CHARS) else {
        return title.to_owned();
    };
    let head = &title[..cut];
    let head = match head.rfind(char::is_whitespace) {
        Some(i) if i > cut / 2 => &head[..i],
        _ => head,
    };
    format!("{}…", head.trim_end())
}

/// SHA-256 of a text, as lowercase hex.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A file that could not be loaded, and why: shown as one line, never fatal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}",
            sanitize_line(&self.path),
            sanitize_line(&self.message)
        )
    }
}

/// The articles of one reading session, in load order, and what could not be loaded.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

/// The five articles bundled with recoupe (2018, Facebook asking US banks for data).
pub const BUNDLED: [(&str, &str); 5] = [
    (
        "000_dfdd3410098a03e1.txt",
        include_str!("../../seeds/000_dfdd3410098a03e1.txt"),
    ),
    (
        "001_59fe39b7aa008c35.txt",
        include_str!("../../seeds/001_59fe39b7aa008c35.txt"),
    ),
    (
        "002_969f4c4c9fdf6587.txt",
        include_str!("../../seeds/002_969f4c4c9fdf6587.txt"),
    ),
    (
        "003_a2fe27f2125151a3.txt",
        include_str!("../../seeds/003_a2fe27f2125151a3.txt"),
    ),
    (
        "004_a1e121a18a354af1.txt",
        include_str!("../../seeds/004_a1e121a18a354af1.txt"),
    ),
];

impl Corpus {
    /// The bundled articles, as if loaded from `seeds/`.
    pub fn bundled() -> Corpus {
        let mut corpus = Corpus::default();
        for (name, content) in BUNDLED {
            let path = format!("seeds/{name}");
            match load::article_from_bytes(content.as_bytes(), name, &path) {
                Ok(a) => corpus.articles.push(a),
                Err(e) => corpus.warnings.push(Warning {
                    path,
                    message: e.to_string(),
                }),
            }
        }
        load::make_ids_unique(&mut corpus.articles, &[]);
        corpus
    }

    /// Index of the article with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.id == id)
    }

    /// The content hashes of all articles, sorted: the corpus's identity for the note store.
    pub fn fingerprint(&self) -> String {
        let mut hashes: Vec<&str> = self.articles.iter().map(|a| a.hash.as_str()).collect();
        hashes.sort_unstable();
        content_hash(&hashes.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_corpus_has_five_articles_with_titles() {
        let c = Corpus::bundled();
        assert_eq!(c.articles.len(), 5);
        assert!(c.warnings.is_empty());
        assert_eq!(c.articles[0].id, "000_dfdd3410098a03e1");
        assert!(c.articles[0].title.starts_with("Facebook voulait partager"));
        assert!(c.articles.iter().all(|a| a.language.code() == "fr"));
    }

    #[test]
    fn fingerprint_ignores_order() {
        let c = Corpus::bundled();
        let mut d = c.clone();
        d.articles.reverse();
        assert_eq!(c.fingerprint(), d.fingerprint());
    }
}
