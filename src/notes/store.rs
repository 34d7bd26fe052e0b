//! The note store of one corpus: the notes in memory, and the file they live in.
//!
//! Saving takes the store lock, reads the file again, merges what another process wrote
//! since (see [`StoreData::merge`]), then replaces the file atomically. A file that cannot
//! be read is moved aside with a one-line warning and a fresh store continues; nothing the
//! user wrote is ever overwritten.

use super::anchor::anchor;
use super::clock;
use super::disk::{self, move_aside, remove_stale_temps, write_atomic};
use super::lock::Lock;
use super::model::{ArticleRef, Note, ReadingState, StoreData, Tombstone, DEFAULT_COLOR};
use crate::corpus::{sanitize, sanitize_line, Article, Warning};
use crate::text::Span;
use sha2::{Digest, Sha256};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A store that could not be opened or saved (the disk, not the file's content).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("cannot import: {0}")]
    Import(String),
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: sanitize_line(&path.display().to_string()),
        source,
    }
}

/// The notes of one corpus and the file that keeps them.
#[derive(Debug)]
pub struct Store {
    pub(super) path: PathBuf,
    pub(super) data: StoreData,
    /// Digest of the file as last read or written here; another digest on disk means
    /// another process saved since.
    seen: Option<[u8; 32]>,
    pub(super) dirty: bool,
}

fn digest(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    match fs::read(path) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_err(path)(e)),
    }
}

impl Store {
    /// Opens the store file at `path` (created on first save) for the corpus with this
    /// fingerprint. An unreadable file is moved aside and reported in the warnings.
    pub fn open(
        path: impl Into<PathBuf>,
        corpus: &str,
    ) -> Result<(Store, Vec<Warning>), StoreError> {
        let path = path.into();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(io_err(dir))?;
        }
        let _lock = Lock::acquire(&path).map_err(io_err(&path))?;
        remove_stale_temps(&path);
        let mut store = Store {
            data: StoreData::new(corpus),
            path,
            seen: None,
            dirty: false,
        };
        let mut warnings = Vec::new();
        if let Some(bytes) = read_if_exists(&store.path)? {
            match StoreData::parse(&bytes) {
                Ok(data) => {
                    store.data = data;
                    store.seen = Some(digest(&bytes));
                }
                Err(why) => warnings.push(store.set_aside(&why)?),
            }
        }
        Ok((store, warnings))
    }

    /// Moves the unreadable file aside and says so in one line.
    fn set_aside(&self, why: &str) -> Result<Warning, StoreError> {
        let aside = move_aside(&self.path).map_err(io_err(&self.path))?;
        let name = aside.file_name().unwrap_or_default().to_string_lossy();
        Ok(Warning {
            path: self.path.display().to_string(),
            message: format!(
                "notes file could not be read ({why}); kept as {name}, starting a new one"
            ),
        })
    }

    /// Writes the notes, first merging whatever another process saved since this one last
    /// read or wrote the file. Returns warnings (a file found unreadable and moved aside).
    pub fn save(&mut self) -> Result<Vec<Warning>, StoreError> {
        let _lock = Lock::acquire(&self.path).map_err(io_err(&self.path))?;
        let mut warnings = Vec::new();
        let on_disk = read_if_exists(&self.path)?;
        let mut must_write = self.dirty || on_disk.is_none() && self.seen.is_some();
        if let Some(bytes) = &on_disk {
            let d = digest(bytes);
            if self.seen != Some(d) {
                match StoreData::parse(bytes) {
                    Ok(theirs) => {
                        self.data.merge(&theirs);
                        self.seen = Some(d);
                    }
                    Err(why) => {
                        warnings.push(self.set_aside(&why)?);
                        must_write = true;
                    }
                }
            }
        }
        if must_write {
            let bytes = self.data.to_bytes();
            write_atomic(&self.path, &bytes).map_err(io_err(&self.path))?;
            self.seen = Some(digest(&bytes));
            self.dirty = false;
        }
        Ok(warnings)
    }

    /// The store file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Everything the store holds, as written to disk.
    pub fn data(&self) -> &StoreData {
        &self.data
    }

    /// True when there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// All notes, in the order they were made.
    pub fn notes(&self) -> &[Note] {
        &self.data.notes
    }

    /// The note with this id.
    pub fn get(&self, id: &str) -> Option<&Note> {
        self.data.notes.iter().find(|n| n.id == id)
    }

    /// Highlights the byte `span` of `article` with a note (empty for a bare highlight).
    pub fn add(&mut self, article: &Article, span: Span, body: &str) -> &Note {
        let now = clock::now();
        self.data.notes.push(Note {
            id: clock::new_id(),
            created: now.clone(),
            updated: now,
            article: ArticleRef {
                id: article.id.clone(),
                title: article.title.clone(),
                hash: article.hash.clone(),
            },
            target: anchor(article, span),
            body: sanitize(body).into_owned(),
            tags: Vec::new(),
            color: DEFAULT_COLOR.to_owned(),
            extra: Default::default(),
        });
        self.dirty = true;
        self.data.notes.last().expect("just pushed")
    }

    fn touch(&mut self, id: &str, change: impl FnOnce(&mut Note)) -> bool {
        let Some(note) = self.data.notes.iter_mut().find(|n| n.id == id) else {
            return false;
        };
        change(note);
        note.updated = clock::now();
        self.dirty = true;
        true
    }

    /// Replaces a note's text. False when there is no such note.
    pub fn set_body(&mut self, id: &str, body: &str) -> bool {
        let body = sanitize(body).into_owned();
        self.touch(id, |n| n.body = body)
    }

    /// Replaces a note's tags (cleaned as by [`parse_tags`]). False when there is no such note.
    pub fn set_tags(&mut self, id: &str, tags: &[String]) -> bool {
        let tags = parse_tags(&tags.join(","));
        self.touch(id, |n| n.tags = tags)
    }

    /// Sets a highlight's colour name. False when there is no such note.
    pub fn set_color(&mut self, id: &str, color: &str) -> bool {
        let color = sanitize_line(color).trim().to_owned();
        self.touch(id, |n| n.color = color)
    }

    /// Deletes a note and returns it, for undo with [`Store::restore`].
    pub fn delete(&mut self, id: &str) -> Option<Note> {
        let i = self.data.notes.iter().position(|n| n.id == id)?;
        let note = self.data.notes.remove(i);
        self.data.add_tombstone(Tombstone {
            id: note.id.clone(),
            deleted: clock::now(),
        });
        self.dirty = true;
        Some(note)
    }

    /// Puts back a deleted note (undo). It counts as changed now, so the deletion saved by
    /// this or another process does not win over it.
    pub fn restore(&mut self, mut note: Note) {
        note.updated = clock::now();
        self.data.deleted.retain(|d| d.id != note.id);
        self.data.notes.retain(|n| n.id != note.id);
        self.data.notes.push(note);
        self.dirty = true;
    }

    /// Merges notes from another store file (an export); returns how many were added or
    /// replaced by a newer version. Importing is explicit, so an imported note comes back
    /// even if it was deleted here; the import's own deletions are not applied.
    pub fn import(&mut self, other: &StoreData) -> usize {
        let mut incoming = StoreData::new(&self.data.corpus);
        incoming.notes = other.notes.clone();
        for n in &mut incoming.notes {
            if self.data.deleted.iter().any(|d| d.id == n.id) {
                self.data.deleted.retain(|d| d.id != n.id);
                n.updated = clock::now();
            }
        }
        let count = self.data.merge(&incoming);
        if count > 0 {
            self.dirty = true;
        }
        count
    }

    /// Remembers where the reader is.
    pub fn set_position(&mut self, article: &str, sentence: usize) {
        if let Some(s) = &self.data.state {
            if s.article == article && s.sentence == sentence {
                return;
            }
        }
        let extra = self.data.state.take().map(|s| s.extra).unwrap_or_default();
        self.data.state = Some(ReadingState {
            article: article.to_owned(),
            sentence,
            updated: clock::now(),
            extra,
        });
        self.dirty = true;
    }

    /// Where the reader was: article id and sentence index.
    pub fn position(&self) -> Option<(&str, usize)> {
        self.data
            .state
            .as_ref()
            .map(|s| (s.article.as_str(), s.sentence))
    }

    /// The file this store was read from before it was last saved, if any.
    pub fn backup_path(&self) -> PathBuf {
        disk::sibling(&self.path, ".bak")
    }
}

/// Tags from what the user typed: split at commas and spaces, `#` dropped, control
/// characters removed, duplicates dropped, order kept.
pub fn parse_tags(input: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in sanitize_line(input).split(|c: char| c == ',' || c.is_whitespace()) {
        let t = t.trim().trim_start_matches('#');
        if !t.is_empty() && !out.iter().any(|o| o == t) {
            out.push(t.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Meta;

    fn article(text: &str) -> Article {
        Article::new(
            "a".into(),
            "A".into(),
            "a.txt".into(),
            text.into(),
            Meta::default(),
        )
    }

    #[test]
    fn notes_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let a = article("Une phrase. Une autre phrase.");
        let (mut s, w) = Store::open(&path, "c").unwrap();
        assert!(w.is_empty());
        let id = s.add(&a, Span::new(0, 11), "à vérifier").id.clone();
        assert!(s.set_tags(&id, &["#banques, données".into()]));
        s.set_position("a", 1);
        s.save().unwrap();
        let (s2, _) = Store::open(&path, "c").unwrap();
        let n = s2.get(&id).unwrap();
        assert_eq!(
            (n.body.as_str(), n.tags.clone()),
            (
                "à vérifier",
                vec!["banques".to_owned(), "données".to_owned()]
            )
        );
        assert_eq!(n.target.quote.exact, "Une phrase.");
        assert_eq!(s2.position(), Some(("a", 1)));
    }

    #[test]
    fn delete_then_undo() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, _) = Store::open(dir.path().join("s.json"), "c").unwrap();
        let a = article("Une phrase.");
        let id = s.add(&a, Span::new(0, 4), "").id.clone();
        s.save().unwrap();
        let gone = s.delete(&id).unwrap();
        s.save().unwrap();
        assert!(s.notes().is_empty());
        s.restore(gone);
        s.save().unwrap();
        let (s2, _) = Store::open(s.path(), "c").unwrap();
        assert_eq!(s2.notes().len(), 1);
    }

    #[test]
    fn a_save_does_not_undo_another_process_delete() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let a = article("Une phrase.");
        let (mut one, _) = Store::open(&path, "c").unwrap();
        let id = one.add(&a, Span::new(0, 4), "x").id.clone();
        one.save().unwrap();
        let (mut two, _) = Store::open(&path, "c").unwrap();
        two.delete(&id).unwrap();
        two.save().unwrap();
        one.add(&a, Span::new(4, 10), "y");
        one.save().unwrap();
        let (three, _) = Store::open(&path, "c").unwrap();
        let bodies: Vec<&str> = three.notes().iter().map(|n| n.body.as_str()).collect();
        assert_eq!(bodies, ["y"]);
    }

    #[test]
    fn control_characters_never_reach_the_store() {
        assert_eq!(parse_tags("a\u{1b}[31m b,,a"), ["a", "b"]);
    }
}
