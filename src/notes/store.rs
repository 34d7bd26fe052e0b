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
use crate::entities::corrections::{Change, Correction};
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
    Import(#[from] super::model::NotesFileError),
    #[error("{0}: notes cannot be saved here (no write access)")]
    ReadOnly(String),
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: sanitize_line(&path.display().to_string()),
        source,
    }
}

/// The notes of one corpus and the file that keeps them. A clone can be saved on another
/// thread ([`Store::begin_save`]) and what that save found taken back ([`Store::absorb`]).
#[derive(Debug, Clone)]
pub struct Store {
    pub(super) path: PathBuf,
    pub(super) data: StoreData,
    /// Digest of the file as last read or written here; another digest on disk means
    /// another process saved since.
    seen: Option<[u8; 32]>,
    pub(super) dirty: bool,
    /// True when the store's folder or file cannot be written: notes are read only.
    read_only: bool,
}

fn digest(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// The largest notes file read: far beyond any real store, small enough to refuse a file
/// that is not one before reading it whole.
pub const MAX_STORE_BYTES: u64 = 512 << 20;

fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    crate::files::read_regular_if_exists(path, MAX_STORE_BYTES).map_err(io_err(path))
}

/// True for errors that mean "this place cannot be written", not "something broke".
fn is_read_only(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

impl Store {
    /// Opens the store file at `path` (created on first save) for the corpus with this
    /// fingerprint. A store that cannot be written (a read-only folder or file) opens for
    /// reading, with a warning saying notes cannot be saved. A file that cannot be read is
    /// left as it is, reported, and moved aside only when a save needs its place; notes of
    /// a readable file that cannot be read alone are reported and kept in it.
    pub fn open(
        path: impl Into<PathBuf>,
        corpus: &str,
    ) -> Result<(Store, Vec<Warning>), StoreError> {
        let path = path.into();
        let mut warnings = Vec::new();
        let mut read_only = false;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if let Err(e) = fs::create_dir_all(dir) {
                if !is_read_only(&e) {
                    return Err(io_err(dir)(e));
                }
                read_only = true;
            }
        }
        let lock = if read_only {
            None
        } else {
            match Lock::acquire(&path) {
                Ok(l) => Some(l),
                Err(e) if is_read_only(&e) => {
                    read_only = true;
                    None
                }
                Err(e) => return Err(io_err(&super::lock::lock_path(&path))(e)),
            }
        };
        if lock.is_some() {
            remove_stale_temps(&path);
        }
        let mut store = Store {
            data: StoreData::new(corpus),
            path,
            seen: None,
            dirty: false,
            read_only,
        };
        if let Some(bytes) = read_if_exists(&store.path)? {
            match StoreData::parse(&bytes) {
                Ok(data) => {
                    store.data = data;
                    store.seen = Some(digest(&bytes));
                    if let Some(w) = store.unreadable_warning() {
                        warnings.push(w);
                    }
                }
                Err(why) => warnings.push(store.warning(format!(
                    "notes file could not be read ({why}); it is left as it is and kept aside \
                     as .corrupt-<time> at the first save"
                ))),
            }
        }
        if store.read_only {
            warnings.push(
                store.warning("notes can be read but not saved here (no write access)".to_owned()),
            );
        }
        Ok((store, warnings))
    }

    /// A warning about the store file.
    fn warning(&self, message: String) -> Warning {
        Warning {
            path: self.path.display().to_string(),
            message,
        }
    }

    /// The warning for entries of the file that could not be read, if there are any.
    fn unreadable_warning(&self) -> Option<Warning> {
        let bad = &self.data.unreadable;
        let n = bad.notes.len() + bad.deleted.len();
        (n > 0).then(|| {
            let what = if n == 1 { "entry" } else { "entries" };
            self.warning(format!(
                "{n} {what} of the notes file could not be read; kept in the file as they are"
            ))
        })
    }

    /// True when notes can be read but not saved.
    pub fn is_read_only(&self) -> bool {
        self.read_only
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
        if self.read_only {
            return Err(StoreError::ReadOnly(sanitize_line(
                &self.path.display().to_string(),
            )));
        }
        let _lock =
            Lock::acquire(&self.path).map_err(io_err(&super::lock::lock_path(&self.path)))?;
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
                        warnings.push(self.set_aside(&why.to_string())?);
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

    /// A copy of this store to save elsewhere (another thread); changes made here from
    /// now on are saved by the next save. Give the copy back to [`Store::absorb`].
    pub fn begin_save(&mut self) -> Store {
        let copy = self.clone();
        self.dirty = false;
        copy
    }

    /// Takes back a copy given by [`Store::begin_save`] after its save: notes another
    /// process had saved meanwhile join these, and the file's digest is the one written.
    /// When the save failed, the changes count as unsaved again.
    pub fn absorb(&mut self, saved: Store, ok: bool) {
        self.data.merge(&saved.data);
        self.seen = saved.seen;
        if !ok || saved.dirty {
            self.dirty = true;
        }
    }

    /// Counts everything held here as not yet saved (a save of a copy was lost).
    pub fn mark_unsaved(&mut self) {
        self.dirty = true;
    }

    /// Writes every note held here to a new recovery file, for when they cannot be saved
    /// in the store: beside the store when that folder takes it, else in the system's temp
    /// folder. Returns where. The file is a store file, so `recoupe import` takes it back.
    pub fn save_recovery(&self) -> io::Result<PathBuf> {
        let bytes = self.data.to_bytes();
        let name = format!(
            "{}.recovery-{}.json",
            self.path.file_name().unwrap_or_default().to_string_lossy(),
            clock::now_compact()
        );
        let mut last = None;
        for dir in [
            self.path.parent().map(Path::to_path_buf),
            Some(std::env::temp_dir()),
        ]
        .into_iter()
        .flatten()
        {
            match crate::files::create_temp_beside(&dir.join(&name)) {
                Ok((mut file, tmp)) => {
                    use std::io::Write;
                    let target = dir.join(&name);
                    let done = file
                        .write_all(&bytes)
                        .and_then(|()| file.sync_all())
                        .and_then(|()| fs::hard_link(&tmp, &target));
                    let _ = fs::remove_file(&tmp);
                    match done {
                        Ok(()) => return Ok(target),
                        Err(e) => last = Some(e),
                    }
                }
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("no folder to write to")))
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

    /// The corrections of the entities, oldest first.
    pub fn corrections(&self) -> &[Correction] {
        &self.data.corrections
    }

    /// Records a correction of the entities (its text cleaned like a note's).
    pub fn correct(&mut self, change: Change) -> &Correction {
        let clean = |s: &String| sanitize_line(s).trim().to_owned();
        let change = match change {
            Change::Kind { entity, kind } => Change::Kind {
                entity: clean(&entity),
                kind,
            },
            Change::Merge { entity, into } => Change::Merge {
                entity: clean(&entity),
                into: clean(&into),
            },
            Change::Split { entity, alias } => Change::Split {
                entity: clean(&entity),
                alias: clean(&alias),
            },
            Change::NotEntity { text } => Change::NotEntity { text: clean(&text) },
            Change::NotEntityIn { article, text } => Change::NotEntityIn {
                article,
                text: clean(&text),
            },
        };
        self.data.corrections.push(Correction {
            id: clock::new_id(),
            created: clock::now(),
            change,
        });
        self.dirty = true;
        self.data.corrections.last().expect("just pushed")
    }

    /// Undoes the newest correction and returns it; it stays undone in every copy of the
    /// store once saved.
    pub fn undo_correction(&mut self) -> Option<Correction> {
        let c = self.data.corrections.pop()?;
        self.data.add_tombstone(Tombstone {
            id: c.id.clone(),
            deleted: clock::now(),
        });
        self.dirty = true;
        Some(c)
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
        incoming.corrections = other.corrections.clone();
        let deleted: std::collections::HashSet<&str> =
            self.data.deleted.iter().map(|d| d.id.as_str()).collect();
        let mut revived = std::collections::HashSet::new();
        let now = clock::now();
        for n in &mut incoming.notes {
            if deleted.contains(n.id.as_str()) {
                revived.insert(n.id.clone());
                n.updated = now.clone();
            }
        }
        self.data.deleted.retain(|d| !revived.contains(&d.id));
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
        let (extra, list_width) = (self.data.state.take())
            .map(|s| (s.extra, s.list_width))
            .unwrap_or_default();
        self.data.state = Some(ReadingState {
            article: article.to_owned(),
            sentence,
            updated: clock::now(),
            list_width,
            extra,
        });
        self.dirty = true;
    }

    /// Remembers the article list's width.
    pub fn set_list_width(&mut self, width: u16) {
        let state = self.data.state.get_or_insert_with(|| ReadingState {
            article: String::new(),
            sentence: 0,
            updated: clock::now(),
            list_width: None,
            extra: Default::default(),
        });
        if state.list_width != Some(width) {
            state.list_width = Some(width);
            self.dirty = true;
        }
    }

    /// The article list's width set by hand, if any.
    pub fn list_width(&self) -> Option<u16> {
        self.data.state.as_ref()?.list_width
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
        assert_eq!(s2.list_width(), None);
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
    fn a_read_only_store_opens_and_refuses_to_save_without_losing_notes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes/s.json");
        let a = article("Une phrase.");
        let (mut s, _) = Store::open(&path, "c").unwrap();
        s.add(&a, Span::new(0, 4), "x");
        s.save().unwrap();
        // A store whose one note is malformed, with a byte order mark, is still read.
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(fs::read(&path).unwrap());
        fs::write(&path, &bytes).unwrap();
        let (s2, w) = Store::open(&path, "c").unwrap();
        assert_eq!(s2.notes().len(), 1, "{w:?}");
        let mut ro = s2;
        ro.read_only = true;
        ro.add(&a, Span::new(0, 4), "y");
        assert!(matches!(ro.save(), Err(StoreError::ReadOnly(_))));
        let rescue = ro.save_recovery().unwrap();
        let back = StoreData::parse(&fs::read(&rescue).unwrap()).unwrap();
        assert_eq!(back.notes.len(), 2);
    }

    #[test]
    fn an_unreadable_store_is_left_alone_until_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        fs::write(&path, "{ not json").unwrap();
        let (mut s, w) = Store::open(&path, "c").unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(fs::read(&path).unwrap(), b"{ not json");
        s.add(&article("Une phrase."), Span::new(0, 4), "x");
        let w = s.save().unwrap();
        assert!(w[0].message.contains("corrupt"), "{w:?}");
        let kept = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("corrupt"))
            .count();
        assert_eq!(kept, 1);
    }

    #[test]
    fn control_characters_never_reach_the_store() {
        assert_eq!(parse_tags("a\u{1b}[31m b,,a"), ["a", "b"]);
    }
}
