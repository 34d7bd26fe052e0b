//! The reader's notes: highlights anchored to passages with W3C Web Annotation selectors,
//! kept in a store that is never lost or silently overwritten, and exported for people and
//! tools.
//!
//! [`model`] is what a note is; [`mod@anchor`] finds a note's passage again after the text
//! changed; [`store`] keeps one JSON file per corpus, saved atomically under a lock and
//! merged with other processes' saves; [`export`] writes Markdown, the store's own JSON and
//! W3C annotation collections.
//!
//! ```
//! use recoupe::corpus::Corpus;
//! use recoupe::notes::{Anchor, Store};
//!
//! let corpus = Corpus::bundled();
//! let data_dir = tempfile::tempdir().unwrap();
//! let (mut store, warnings) = Store::open_for(data_dir.path(), &corpus).unwrap();
//! assert!(warnings.is_empty()); // else: show each as one line
//! let sentence = corpus.articles[0].structure.sentences[2].span;
//! let id = store.add(&corpus.articles[0], sentence, "to check").id.clone();
//! store.save().unwrap(); // after every change
//! let placed = store.notes_for(&corpus, 0);
//! assert_eq!(placed[0].anchor, Anchor::Exact(sentence));
//! let deleted = store.delete(&id).unwrap();
//! store.restore(deleted); // undo
//! store.set_position(&corpus.articles[0].id, 2);
//! store.save().unwrap();
//! ```

pub mod anchor;
mod clock;
pub(crate) mod disk;
pub mod export;
mod lock;
pub mod model;
mod place;
pub mod store;

pub use anchor::{anchor, resolve, Anchor};
pub use export::{
    export_json, export_markdown, export_markdown_at, export_w3c, export_w3c_at, import_json,
    read_export, safe_file_name, unmatched_articles, write_export_file, Format, GENERATOR,
};
pub use model::{
    ArticleRef, Note, NotesFileError, StoreData, Target, TextPositionSelector, TextQuoteSelector,
};
pub use place::{article_of, corrections_for, place, store_path, Placed};
pub use store::{parse_tags, Store, StoreError, MAX_STORE_BYTES};

use std::path::PathBuf;

/// Environment variable that overrides where recoupe keeps its data.
pub const DATA_DIR_ENV: &str = "RECOUPE_DATA_DIR";

/// Where recoupe keeps its data when `--data-dir` is not given: `$RECOUPE_DATA_DIR` if
/// set and not empty, else the platform's data directory for recoupe.
pub fn default_data_dir() -> Option<PathBuf> {
    data_dir_from(std::env::var_os(DATA_DIR_ENV))
}

fn data_dir_from(env: Option<std::ffi::OsString>) -> Option<PathBuf> {
    match env {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => directories::ProjectDirs::from("", "", "recoupe").map(|p| p.data_dir().to_owned()),
    }
}

/// Now, as an RFC 3339 UTC timestamp, as written in notes and exports.
pub fn now() -> String {
    clock::now()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_overrides_the_data_dir() {
        let set = data_dir_from(Some("/tmp/recoupe-data".into()));
        assert_eq!(set, Some(PathBuf::from("/tmp/recoupe-data")));
        let empty = data_dir_from(Some("".into()));
        assert_eq!(empty, data_dir_from(None));
        assert_ne!(empty, Some(PathBuf::new()));
    }
}
