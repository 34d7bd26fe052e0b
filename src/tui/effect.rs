//! What [`App::update`] asks the world to do: save the notes (a change, the reading
//! position), write an export. `update` only decides; the event loop hands each effect's
//! [`Job`] to the [`worker`](super::worker) thread, so no disk write or fsync ever holds a
//! keystroke, and the job's [`Done`] comes back as a status message. Tests and callers
//! without a loop run the same jobs in place with [`App::perform`].
//!
//! Saves are taken one at a time: while one runs, the next is only noted, and started
//! when the first comes back, from the notes as they are then.

use super::app::App;
use crate::corpus::sanitize_line;
use crate::notes::{write_export_file, Format, Store, StoreError};
use crate::sources::Sources;
use std::path::PathBuf;

/// Something `update` wants done outside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save the notes (and the reading position); then show `done`, if any.
    SaveNotes { done: Option<String> },
    /// Write the notes in this format into the export folder.
    Export(Format),
}

/// An effect made ready to run on another thread: everything it needs is in it.
#[derive(Debug)]
pub enum Job {
    /// Save this copy of the store.
    Save {
        store: Box<Store>,
        done: Option<String>,
    },
    /// Write `contents` as a new file named like `name` in `dir`.
    Export {
        dir: PathBuf,
        name: String,
        contents: String,
        count: usize,
    },
}

/// A job run, for the reader to take back.
#[derive(Debug)]
pub enum Done {
    Saved {
        store: Box<Store>,
        result: Result<Vec<crate::corpus::Warning>, StoreError>,
        done: Option<String>,
    },
    /// The export's status line.
    Exported(String),
    /// The job failed unexpectedly (this message); a save is to be tried again.
    Failed(String),
}

impl Job {
    /// Does the work: disk writes, fsyncs. Runs on any thread.
    pub fn run(self) -> Done {
        match self {
            Job::Save { mut store, done } => {
                let result = store.save();
                Done::Saved {
                    store,
                    result,
                    done,
                }
            }
            Job::Export {
                dir,
                name,
                contents,
                count,
            } => Done::Exported(match write_export_file(&dir, &name, &contents) {
                Ok(path) => format!(
                    "{} exported to {}",
                    notes_count(count),
                    sanitize_line(&path.display().to_string())
                ),
                Err(e) => format!(
                    "export failed in {}: {e}",
                    sanitize_line(&dir.display().to_string())
                ),
            }),
        }
    }
}

/// "1 note", "3 notes".
fn notes_count(n: usize) -> String {
    crate::text::counted(n, "note", "notes")
}

impl App {
    /// The job of an effect, taking what it needs from the reader now; `None` when there
    /// is nothing to do (notes off) or a save is already running (it is redone after).
    pub fn prepare(&mut self, effect: Effect) -> Option<Job> {
        match effect {
            Effect::SaveNotes { done } => {
                if self.notes.saving {
                    self.notes.resave = Some(done.or(self.notes.resave.take().flatten()));
                    return None;
                }
                let store = self.notes.store.as_mut()?;
                self.notes.saving = true;
                Some(Job::Save {
                    store: Box::new(store.begin_save()),
                    done,
                })
            }
            Effect::Export(format) => {
                let Some(store) = &self.notes.store else {
                    self.message = Some(self.notes.off.clone());
                    return None;
                };
                Some(Job::Export {
                    dir: self.notes.export_dir.clone(),
                    name: format.file_name(&self.corpus),
                    // Before the sources are in, the reports are listed without what they
                    // are attributed to.
                    contents: format.render(
                        &self.corpus,
                        &self.analysis.entities,
                        &self.analysis.facts,
                        self.sources().unwrap_or(&Sources::default()),
                        store,
                    ),
                    count: store.notes().len(),
                })
            }
        }
    }

    /// Takes back a finished job: the saved store's news, the message to show. Returns
    /// the save to start next, when changes came while this one ran.
    pub fn finish(&mut self, done: Done) -> Option<Job> {
        match done {
            Done::Saved {
                store,
                result,
                done,
            } => {
                self.notes.saving = false;
                let line = match &result {
                    Ok(w) if w.is_empty() => done,
                    Ok(w) => Some(super::notes_ui::warnings_line(w)),
                    Err(e) => Some(format!("notes NOT saved: {e}")),
                };
                if let Some(mine) = &mut self.notes.store {
                    mine.absorb(*store, result.is_ok());
                }
                if let Some(line) = line {
                    self.add_message(line);
                }
                let again = self.notes.resave.take()?;
                self.prepare(Effect::SaveNotes { done: again })
            }
            Done::Exported(line) => {
                self.add_message(line);
                None
            }
            Done::Failed(why) => {
                let what = if std::mem::take(&mut self.notes.saving) {
                    if let Some(store) = &mut self.notes.store {
                        store.mark_unsaved();
                    }
                    "notes NOT saved"
                } else {
                    "export failed"
                };
                self.add_message(format!("{what}: {why}"));
                self.notes
                    .resave
                    .take()
                    .and_then(|done| self.prepare(Effect::SaveNotes { done }))
            }
        }
    }

    /// Runs effects here and now, waiting for each: for tests, and for callers without
    /// an event loop.
    pub fn perform(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            let mut job = self.prepare(effect);
            while let Some(j) = job {
                job = self.finish(j.run());
            }
        }
    }

    /// True while a save runs or waits to run.
    pub fn saving(&self) -> bool {
        self.notes.saving || self.notes.resave.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analysis;
    use crate::corpus::Corpus;

    #[test]
    fn a_save_asked_for_while_one_runs_follows_it_and_nothing_is_lost() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut app = App::new(Corpus::bundled(), Analysis::default());
        app.open_notes(Some(dir.path()));
        app.take_effects();
        let article = app.corpus.articles[0].clone();
        let span = article.structure.sentences[0].span;
        app.notes
            .store
            .as_mut()
            .unwrap()
            .add(&article, span, "first");
        let first = app
            .prepare(Effect::SaveNotes { done: None })
            .expect("a save");
        app.notes
            .store
            .as_mut()
            .unwrap()
            .add(&article, span, "second");
        let done = Some("saved".to_owned());
        assert!(app.prepare(Effect::SaveNotes { done }).is_none(), "waits");
        assert!(app.saving());
        let second = app.finish(first.run()).expect("the waiting save starts");
        assert!(app.finish(second.run()).is_none());
        assert!(!app.saving());
        assert_eq!(app.message.as_deref(), Some("saved"));
        let store = app.notes.store.as_ref().unwrap();
        assert!(!store.is_dirty());
        let on_disk = std::fs::read_to_string(store.path()).unwrap();
        assert!(on_disk.contains("first") && on_disk.contains("second"));
    }
}
