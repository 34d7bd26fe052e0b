//! Taking notes elsewhere: Markdown for people, the store's own JSON for a backup that can
//! be imported again, and W3C Web Annotation collections for other annotation tools. Every
//! piece of text written passes through the sanitiser, and export files get safe names and
//! never replace an existing file.

mod file;
mod markdown;
mod w3c;

pub use file::{safe_file_name, write_export_file};
pub use markdown::{export_markdown, export_markdown_at};
pub use w3c::{export_w3c, export_w3c_at};

use super::model::{ArticleRef, Note, StoreData};
use super::store::{Store, StoreError};
use crate::corpus::{sanitize, sanitize_line, Corpus};
use crate::entities::Entities;
use crate::facts::Facts;
use crate::sources::Sources;
use serde_json::Value;
use std::borrow::Cow;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    W3c,
}

impl Format {
    /// All formats, in the order they are offered.
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Json, Format::W3c];

    /// The format named `markdown` (or `md`), `json` or `w3c`.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "markdown" | "md" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "w3c" => Some(Format::W3c),
            _ => None,
        }
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::W3c => "w3c",
        }
    }

    /// The file name extension (`w3c` gives `jsonld`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::W3c => "jsonld",
        }
    }

    /// A safe file name for an export of this corpus in this format.
    pub fn file_name(self, corpus: &Corpus) -> String {
        let first = corpus.articles.first().map_or("", |a| a.title.as_str());
        safe_file_name(&format!("notes {first}"), self.extension())
    }

    /// The export of a store's notes in this format (Markdown names the entities and
    /// the facts of each noted passage, and what the other reports are attributed to).
    pub fn render(
        self,
        corpus: &Corpus,
        entities: &Entities,
        facts: &Facts,
        sources: &Sources,
        store: &Store,
    ) -> String {
        match self {
            Format::Markdown => {
                let mut out = export_markdown(corpus, entities, facts, sources, store.notes());
                out.push_str(&corrections_markdown(store.corrections()));
                out
            }
            Format::Json => export_json(store.data()),
            Format::W3c => export_w3c(corpus, store.notes()),
        }
    }
}

pub use crate::corpus::GENERATOR;

/// The entity corrections as a Markdown section (nothing when there are none), oldest
/// first, each with its day.
pub fn corrections_markdown(corrections: &[crate::entities::corrections::Correction]) -> String {
    if corrections.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n## Entity corrections\n\n");
    for c in corrections {
        let day = crate::corpus::sanitize_line(c.created.get(..10).unwrap_or(&c.created));
        let what = crate::corpus::sanitize_line(&c.change.describe());
        out.push_str(&format!("- {day}: {what}\n"));
    }
    out
}

/// The store's own file format, with every string in it sanitised (fields this version
/// does not know included), marked with [`GENERATOR`] first: re-importable with
/// [`import_json`].
pub fn export_json(data: &StoreData) -> String {
    let mut value = serde_json::to_value(data).expect("store data serialises");
    if let Value::Object(fields) = &mut value {
        let mut marked = serde_json::Map::new();
        marked.insert("generator".into(), Value::from(GENERATOR));
        fields.remove("generator");
        marked.append(fields);
        *fields = marked;
    }
    sanitize_strings(&mut value);
    let mut out = serde_json::to_string_pretty(&value).expect("JSON serialises");
    out.push('\n');
    out
}

/// A key with its unsafe characters replaced by U+FFFD rather than removed: removing them
/// could turn an unknown field kept from a newer version ("notes" followed by a control
/// character) into a known one and change what the export means.
fn clean_key(k: &str) -> String {
    if crate::corpus::sanitize::is_clean(k) {
        return k.to_owned();
    }
    k.chars()
        .map(|c| {
            if crate::corpus::sanitize::is_unsafe_char(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// Sanitises every string of a JSON value, keys included.
fn sanitize_strings(v: &mut Value) {
    match v {
        Value::String(s) => {
            if let Cow::Owned(clean) = sanitize(s) {
                *s = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(sanitize_strings),
        Value::Object(map) => {
            let old = std::mem::take(map);
            for (k, mut item) in old {
                sanitize_strings(&mut item);
                map.insert(clean_key(&k), item);
            }
        }
        _ => {}
    }
}

/// Merges the notes of an exported store file into `store`; returns how many notes were
/// added or replaced by a newer version. See [`Store::import`].
pub fn import_json(store: &mut Store, bytes: &[u8]) -> Result<usize, StoreError> {
    Ok(store.import(&read_export(bytes)?))
}

/// An exported store file, its notes' texts sanitised, ready for [`Store::import`].
pub fn read_export(bytes: &[u8]) -> Result<StoreData, StoreError> {
    let mut data = StoreData::parse(bytes).map_err(StoreError::Import)?;
    data.notes = data.notes.iter().map(clean_note).collect();
    Ok(data)
}

/// The articles the notes of `data` were made on that `corpus` holds neither by content
/// nor by id, once each, in the order of the notes: notes made on another collection.
pub fn unmatched_articles(data: &StoreData, corpus: &Corpus) -> Vec<ArticleRef> {
    let hashes: std::collections::HashSet<&str> =
        corpus.articles.iter().map(|a| a.hash.as_str()).collect();
    let ids: std::collections::HashSet<&str> =
        corpus.articles.iter().map(|a| a.id.as_str()).collect();
    let mut seen = std::collections::HashSet::new();
    data.notes
        .iter()
        .map(|n| &n.article)
        .filter(|a| !hashes.contains(a.hash.as_str()) && !ids.contains(a.id.as_str()))
        .filter(|a| seen.insert(a.hash.clone()))
        .cloned()
        .collect()
}

/// A copy of a note with control characters removed from every text it holds.
pub(crate) fn clean_note(n: &Note) -> Note {
    let mut n = n.clone();
    n.body = sanitize(&n.body).into_owned();
    n.tags = n.tags.iter().map(|t| sanitize_line(t)).collect();
    n.color = sanitize_line(&n.color);
    n.id = sanitize_line(&n.id);
    n.created = sanitize_line(&n.created);
    n.updated = sanitize_line(&n.updated);
    n.article.title = sanitize_line(&n.article.title);
    let q = &mut n.target.quote;
    q.exact = sanitize(&q.exact).into_owned();
    q.prefix = sanitize(&q.prefix).into_owned();
    q.suffix = sanitize(&q.suffix).into_owned();
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing: an unknown field "notes<DEL>" became "notes" in the export, which
    /// then no longer parsed as a notes file.
    #[test]
    fn unsafe_keys_are_marked_not_merged_into_known_ones() {
        assert_eq!(clean_key("notes"), "notes");
        assert_eq!(clean_key("notes\u{7f}\u{7f}"), "notes\u{FFFD}\u{FFFD}");
        assert_eq!(clean_key("\u{1b}[2Jx"), "\u{FFFD}[2Jx");
    }

    #[test]
    fn formats_by_name() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
        assert_eq!(Format::from_name("MD"), Some(Format::Markdown));
        assert_eq!(Format::from_name("pdf"), None);
        let c = Corpus::bundled();
        assert_eq!(
            Format::W3c.file_name(&c),
            "notes-Facebook-voulait-partager-les-données-bancaires-de-ses.jsonld"
        );
    }

    #[test]
    fn json_export_is_marked_first_and_reads_back() {
        let mut data = StoreData::new("c");
        data.extra.insert("generator".into(), Value::from("other"));
        let out = export_json(&data);
        assert!(
            out.starts_with("{\n  \"generator\": \"recoupe\",\n  \"schema\""),
            "{out}"
        );
        assert_eq!(out.matches("generator").count(), 1);
        assert!(read_export(out.as_bytes()).is_ok());
    }

    #[test]
    fn notes_on_articles_of_another_collection_are_named() {
        let corpus = Corpus::bundled();
        let mut data = StoreData::new("c");
        let note = |id: &str, hash: &str| {
            let mut n: Note = serde_json::from_value(serde_json::json!({
                "id": format!("n-{id}"),
                "article": {"id": id, "title": format!("T {id}"), "hash": hash},
                "target": {"quote": {"exact": "x"}, "position": {"start": 0, "end": 1}},
                "created": "", "updated": ""
            }))
            .unwrap();
            n.body = String::new();
            n
        };
        let here = &corpus.articles[2];
        data.notes = vec![
            note("ailleurs", "h1"),
            note(&here.id, "changed"),
            note("autre", &here.hash),
            note("ailleurs", "h1"),
            note("loin", "h2"),
        ];
        let ids: Vec<String> = unmatched_articles(&data, &corpus)
            .into_iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(ids, ["ailleurs", "loin"]);
    }

    #[test]
    fn json_export_sanitises_unknown_fields_too() {
        let mut data = StoreData::new("c");
        data.extra
            .insert("x\u{1b}[2J".into(), Value::from(vec!["a\u{1b}]0;t\u{7}b"]));
        let out = export_json(&data);
        assert!(
            !out.contains("\\u001b") && !out.contains("\\u0007"),
            "{out}"
        );
        assert!(
            out.contains("\"x\u{FFFD}[2J\": [") && out.contains("\"ab\""),
            "{out}"
        );
    }
}
