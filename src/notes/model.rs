//! What a note is, and what the store file holds. Field names follow the W3C Web Annotation
//! selectors so the file reads like the standard it borrows from; every level keeps the
//! fields it does not know, so a newer recoupe's additions survive an older one's save.

use crate::entities::corrections::Correction;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// The version of the store file written here. A file with another version is not read.
pub const SCHEMA: u64 = 1;

/// Colour given to a highlight when none is chosen.
pub const DEFAULT_COLOR: &str = "yellow";

/// The article a note was made on, as it was then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRef {
    pub id: String,
    pub title: String,
    /// SHA-256 of the article text the selectors were computed on.
    pub hash: String,
}

/// The passage quoted with some context either side (W3C TextQuoteSelector).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuoteSelector {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

/// The passage as character offsets into the article text (W3C TextPositionSelector).
/// Characters are Unicode scalar values, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextPositionSelector {
    pub start: usize,
    pub end: usize,
}

/// Where a note points, described two ways so it can be found again after edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub quote: TextQuoteSelector,
    pub position: TextPositionSelector,
}

/// One highlight and what the reader wrote about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// A UUID, unique across processes and machines.
    pub id: String,
    /// RFC 3339 UTC.
    pub created: String,
    /// RFC 3339 UTC; the newest version of a note wins when stores are merged.
    pub updated: String,
    pub article: ArticleRef,
    pub target: Target,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default = "default_color")]
    pub color: String,
    /// Fields this version does not know, written back unchanged.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn default_color() -> String {
    DEFAULT_COLOR.to_owned()
}

/// A deleted note, remembered so that merging with an older copy does not bring it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    pub id: String,
    /// When it was deleted (RFC 3339 UTC).
    pub deleted: String,
}

/// Where the reader was: restored when the corpus is opened again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingState {
    /// Article id.
    pub article: String,
    /// Sentence index in that article.
    pub sentence: usize,
    /// RFC 3339 UTC; the newest position wins when stores are merged.
    pub updated: String,
    /// The article list's width in cells, when set by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_width: Option<u16>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The whole store file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoreData {
    pub schema: u64,
    /// The corpus fingerprint this store belongs to.
    pub corpus: String,
    /// The articles of the corpus when last saved, to find this store again after edits.
    #[serde(default)]
    pub articles: Vec<ArticleRef>,
    #[serde(default)]
    pub notes: Vec<Note>,
    #[serde(default)]
    pub deleted: Vec<Tombstone>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ReadingState>,
    /// The reader's corrections of the entities, oldest first; undone ones are in
    /// `deleted` like deleted notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// Entries of the file that could not be read, kept to be written back as they were.
    #[serde(skip)]
    pub unreadable: Unreadable,
}

/// Notes and deletions of a store file that could not be read, as they were in the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unreadable {
    pub notes: Vec<Value>,
    pub deleted: Vec<Value>,
    pub corrections: Vec<Value>,
}

/// The elements of a JSON list that read as `T`, and those that do not, as they were.
fn one_by_one<T: for<'de> Deserialize<'de>>(list: Option<Value>) -> (Vec<T>, Vec<Value>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    if let Some(Value::Array(items)) = list {
        for v in items {
            match T::deserialize(&v) {
                Ok(t) => good.push(t),
                Err(_) => bad.push(v),
            }
        }
    }
    (good, bad)
}

/// Why a notes file cannot be read as a store.
#[derive(Debug, thiserror::Error)]
pub enum NotesFileError {
    #[error("the file is empty")]
    Empty,
    #[error("not JSON ({0})")]
    NotJson(serde_json::Error),
    #[error("not a notes file (no {0})")]
    Missing(&'static str),
    #[error("schema version {0}, this recoupe reads version {SCHEMA}")]
    Schema(String),
}

impl StoreData {
    /// An empty store for a corpus.
    pub fn new(corpus: &str) -> StoreData {
        StoreData {
            schema: SCHEMA,
            corpus: corpus.to_owned(),
            articles: Vec::new(),
            notes: Vec::new(),
            deleted: Vec::new(),
            state: None,
            corrections: Vec::new(),
            extra: Map::new(),
            unreadable: Unreadable::default(),
        }
    }

    /// Parses a store file, refusing anything that is not a version-1 store. A UTF-8 byte
    /// order mark is allowed. Notes (and deletions) are read one by one: one that cannot be
    /// read does not hide the others; it is kept as it was in [`StoreData::unreadable`] and
    /// written back untouched.
    pub fn parse(bytes: &[u8]) -> Result<StoreData, NotesFileError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(NotesFileError::Empty);
        }
        let value: Value = serde_json::from_slice(bytes).map_err(NotesFileError::NotJson)?;
        let Value::Object(mut obj) = value else {
            return Err(NotesFileError::Missing("JSON object"));
        };
        match obj.get("schema") {
            Some(Value::Number(n)) if n.as_u64() == Some(SCHEMA) => {}
            Some(Value::Number(n)) => return Err(NotesFileError::Schema(n.to_string())),
            _ => return Err(NotesFileError::Missing("schema version")),
        }
        let (notes, bad_notes) = one_by_one::<Note>(obj.shift_remove("notes"));
        let (deleted, bad_deleted) = one_by_one::<Tombstone>(obj.shift_remove("deleted"));
        let (articles, _) = one_by_one::<ArticleRef>(obj.shift_remove("articles"));
        let (corrections, bad_corrections) =
            one_by_one::<Correction>(obj.shift_remove("corrections"));
        let state = obj
            .remove("state")
            .and_then(|v| serde_json::from_value::<ReadingState>(v).ok());
        let corpus = match obj.shift_remove("corpus") {
            Some(Value::String(c)) => c,
            _ => return Err(NotesFileError::Missing("corpus")),
        };
        obj.shift_remove("schema");
        Ok(StoreData {
            schema: SCHEMA,
            corpus,
            articles,
            notes,
            deleted,
            state,
            corrections,
            extra: obj,
            unreadable: Unreadable {
                notes: bad_notes,
                deleted: bad_deleted,
                corrections: bad_corrections,
            },
        })
    }

    /// Serialises the store, pretty-printed so a person can read and repair it. Entries
    /// that could not be read are written back as they were, after the others.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut value = serde_json::to_value(self).expect("store data serialises");
        if let Value::Object(obj) = &mut value {
            for (key, bad) in [
                ("notes", &self.unreadable.notes),
                ("deleted", &self.unreadable.deleted),
                ("corrections", &self.unreadable.corrections),
            ] {
                if bad.is_empty() {
                    continue;
                }
                let list = obj.entry(key).or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(list) = list {
                    list.extend(bad.iter().cloned());
                }
            }
        }
        let mut out = serde_json::to_vec_pretty(&value).expect("store data serialises");
        out.push(b'\n');
        out
    }

    /// Merges another copy of the store into this one and returns how many notes were
    /// added or replaced. Notes are joined by id and the newest `updated` wins; a note
    /// deleted at or after its last update stays deleted; the newest reading position wins;
    /// unknown top-level fields of `other` are kept where this copy has none, and so are
    /// its unreadable entries. Time and memory grow with the number of notes.
    pub fn merge(&mut self, other: &StoreData) -> usize {
        let mut at: HashMap<String, usize> = (self.notes.iter().enumerate())
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        let mut changed = Vec::new();
        for theirs in &other.notes {
            match at.get(&theirs.id) {
                Some(&i) if self.notes[i].updated >= theirs.updated => {}
                Some(&i) => {
                    self.notes[i] = theirs.clone();
                    changed.push(theirs.id.as_str());
                }
                None => {
                    at.insert(theirs.id.clone(), self.notes.len());
                    self.notes.push(theirs.clone());
                    changed.push(theirs.id.as_str());
                }
            }
        }
        let mut dead: HashMap<String, usize> = (self.deleted.iter().enumerate())
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        for t in &other.deleted {
            match dead.get(&t.id) {
                Some(&i) if self.deleted[i].deleted < t.deleted => {
                    self.deleted[i].deleted = t.deleted.clone()
                }
                Some(_) => {}
                None => {
                    dead.insert(t.id.clone(), self.deleted.len());
                    self.deleted.push(t.clone());
                }
            }
        }
        let known: HashSet<String> = self.corrections.iter().map(|c| c.id.clone()).collect();
        for c in &other.corrections {
            if !known.contains(&c.id) {
                self.corrections.push(c.clone());
            }
        }
        self.corrections
            .sort_by(|a, b| (&a.created, &a.id).cmp(&(&b.created, &b.id)));
        self.apply_tombstones();
        let ids: HashSet<&str> = self.notes.iter().map(|n| n.id.as_str()).collect();
        let changed = changed.into_iter().filter(|id| ids.contains(id)).count();
        if let Some(theirs) = &other.state {
            if self
                .state
                .as_ref()
                .is_none_or(|s| s.updated < theirs.updated)
            {
                self.state = Some(theirs.clone());
            }
        }
        for (k, v) in &other.extra {
            self.extra.entry(k.clone()).or_insert_with(|| v.clone());
        }
        if self.articles.is_empty() {
            self.articles = other.articles.clone();
        }
        for (mine, theirs) in [
            (&mut self.unreadable.notes, &other.unreadable.notes),
            (&mut self.unreadable.deleted, &other.unreadable.deleted),
            (
                &mut self.unreadable.corrections,
                &other.unreadable.corrections,
            ),
        ] {
            for v in theirs {
                if !mine.contains(v) {
                    mine.push(v.clone());
                }
            }
        }
        changed
    }

    /// Records a deletion, keeping the latest time per id.
    pub fn add_tombstone(&mut self, t: Tombstone) {
        match self.deleted.iter_mut().find(|d| d.id == t.id) {
            Some(d) if d.deleted < t.deleted => d.deleted = t.deleted,
            Some(_) => {}
            None => self.deleted.push(t),
        }
    }

    /// Drops notes deleted at or after their last update, and forgets tombstones of notes
    /// that were restored since (their update is newer than the deletion).
    pub fn apply_tombstones(&mut self) {
        let mut latest: HashMap<&str, &str> = HashMap::new();
        for d in &self.deleted {
            let e = latest.entry(d.id.as_str()).or_insert(d.deleted.as_str());
            *e = (*e).max(d.deleted.as_str());
        }
        self.notes.retain(|n| {
            latest
                .get(n.id.as_str())
                .is_none_or(|&del| del < n.updated.as_str())
        });
        // A correction is never edited: once undone (a tombstone), it stays undone.
        self.corrections
            .retain(|c| !latest.contains_key(c.id.as_str()));
        let notes: HashSet<&str> = self.notes.iter().map(|n| n.id.as_str()).collect();
        self.deleted.retain(|d| !notes.contains(d.id.as_str()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(id: &str, updated: &str, body: &str) -> Note {
        Note {
            id: id.into(),
            created: "2026-01-01T00:00:00.000000Z".into(),
            updated: updated.into(),
            article: ArticleRef {
                id: "a".into(),
                title: "A".into(),
                hash: "h".into(),
            },
            target: Target {
                quote: TextQuoteSelector {
                    exact: "x".into(),
                    prefix: String::new(),
                    suffix: String::new(),
                },
                position: TextPositionSelector { start: 0, end: 1 },
            },
            body: body.into(),
            tags: vec![],
            color: DEFAULT_COLOR.into(),
            extra: Map::new(),
        }
    }

    #[test]
    fn merge_unions_and_newest_wins() {
        let mut a = StoreData::new("c");
        a.notes = vec![
            note("1", "2026-01-01T00:00:01.000000Z", "old"),
            note("2", "2026-01-01T00:00:01.000000Z", "mine"),
        ];
        let mut b = StoreData::new("c");
        b.notes = vec![
            note("1", "2026-01-01T00:00:02.000000Z", "new"),
            note("3", "2026-01-01T00:00:01.000000Z", "theirs"),
        ];
        assert_eq!(a.merge(&b), 2);
        let bodies: Vec<&str> = a.notes.iter().map(|n| n.body.as_str()).collect();
        assert_eq!(bodies, ["new", "mine", "theirs"]);
    }

    #[test]
    fn a_deletion_is_not_resurrected_but_a_restore_survives() {
        let mut mine = StoreData::new("c");
        mine.add_tombstone(Tombstone {
            id: "1".into(),
            deleted: "2026-01-01T00:00:05.000000Z".into(),
        });
        let mut theirs = StoreData::new("c");
        theirs.notes = vec![note("1", "2026-01-01T00:00:01.000000Z", "x")];
        assert_eq!(mine.merge(&theirs), 0);
        assert!(mine.notes.is_empty());
        // Restored later elsewhere: the newer note beats the older deletion.
        theirs.notes[0].updated = "2026-01-01T00:00:09.000000Z".into();
        assert_eq!(mine.merge(&theirs), 1);
        assert_eq!(mine.notes.len(), 1);
        assert!(mine.deleted.is_empty());
    }

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let text = r#"{"schema":1,"corpus":"c","future":{"x":1},"notes":[{"id":"1","created":"t","updated":"t",
          "article":{"id":"a","title":"A","hash":"h"},
          "target":{"quote":{"exact":"x"},"position":{"start":0,"end":1}},"mood":"happy"}]}"#;
        let data = StoreData::parse(text.as_bytes()).unwrap();
        assert_eq!(data.notes[0].extra["mood"], "happy");
        let again = String::from_utf8(data.to_bytes()).unwrap();
        assert!(again.contains("\"future\"") && again.contains("\"mood\": \"happy\""));
    }

    /// One note that cannot be read once hid the whole store.
    #[test]
    fn one_bad_note_hides_nothing_and_is_written_back() {
        let text = "\u{feff}{\"schema\":1,\"corpus\":\"c\",\"notes\":[{\"id\":\"1\",\"created\":\"t\",\"updated\":\"t\",
          \"article\":{\"id\":\"a\",\"title\":\"A\",\"hash\":\"h\"},
          \"target\":{\"quote\":{\"exact\":\"x\"},\"position\":{\"start\":0,\"end\":1}}},
          {\"id\":\"2\",\"body\":42}]}";
        let data = StoreData::parse(text.as_bytes()).unwrap();
        assert_eq!(data.notes.len(), 1);
        assert_eq!(data.unreadable.notes.len(), 1);
        let again = StoreData::parse(&data.to_bytes()).unwrap();
        assert_eq!(again.notes, data.notes);
        assert_eq!(again.unreadable, data.unreadable);
        let mut merged = StoreData::new("c");
        merged.merge(&again);
        merged.merge(&again);
        assert_eq!(merged.unreadable.notes.len(), 1);
    }

    /// Merging 80,000 notes into 80,000 took seconds when each note was looked up in a list.
    #[test]
    fn merging_many_notes_joins_them_by_id() {
        let mut mine = StoreData::new("c");
        let mut theirs = StoreData::new("c");
        for i in 0..40_000 {
            mine.notes.push(note(&format!("m{i}"), "t1", ""));
            theirs.notes.push(note(&format!("m{i}"), "t2", "newer"));
            theirs.notes.push(note(&format!("t{i}"), "t1", ""));
        }
        assert_eq!(mine.merge(&theirs), 80_000);
        assert_eq!(mine.notes.len(), 80_000);
        assert!(mine.notes.iter().take(40_000).all(|n| n.body == "newer"));
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        for (bytes, why) in [
            (&b""[..], "empty"),
            (b"{\"schema\":1,\"corpus\":", "not JSON"),
            (b"\x00\xff garbage", "not JSON"),
            (b"[1,2]", "no JSON object"),
            (b"{\"schema\":2,\"corpus\":\"c\"}", "schema version 2"),
            (b"{\"corpus\":\"c\"}", "no schema"),
        ] {
            let err = StoreData::parse(bytes).unwrap_err().to_string();
            assert!(err.contains(why), "{err}");
        }
    }
}
