//! Entries written behind the caller's back: one thread writes them for the whole process
//! while the work that makes them goes on (file systems take about a millisecond per small
//! file, which would otherwise double a cold analysis); [`finish_writes`] waits for it.
//! They are not flushed to the disk one by one: one lost in a crash, or to a program that
//! did not wait, is only made again.

use super::{Cache, Shelf};
use crate::files::{self, Durability};
use std::io::{self, Write};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError, SyncSender};
use std::sync::Mutex;
use std::thread::JoinHandle;
use std::time::Duration;

/// One entry to write.
pub(super) struct Job {
    pub cache: Cache,
    pub shelf: Shelf,
    pub key: String,
    /// The whole entry: header and payload.
    pub bytes: Vec<u8>,
}

/// The thread writing entries for the whole process, and where it is told what to write.
struct Writer {
    jobs: SyncSender<Job>,
    thread: JoinHandle<()>,
}

static WRITER: Mutex<Option<Writer>> = Mutex::new(None);
static WRITE_ERROR: Mutex<Option<io::Error>> = Mutex::new(None);

/// Entries waiting for the writer at most; beyond, the caller waits for the disk.
const QUEUE: usize = 4096;

pub(super) fn note_error(e: io::Error) {
    if let Ok(mut first) = WRITE_ERROR.lock() {
        first.get_or_insert(e);
    }
}

/// Hands an entry to the writer thread, started on first use.
pub(super) fn send(job: Job) {
    let Ok(mut writer) = WRITER.lock() else {
        return;
    };
    let w = writer.get_or_insert_with(|| {
        let (jobs, queue) = sync_channel(QUEUE);
        Writer {
            jobs,
            thread: std::thread::spawn(move || write_all(queue)),
        }
    });
    let jobs = w.jobs.clone();
    drop(writer);
    if jobs.send(job).is_err() {
        note_error(io::Error::other("the cache writer stopped"));
    }
}

/// The writer thread: writes what it is sent; when nothing has come for a moment (and
/// before it ends), prunes the shelf it wrote to.
fn write_all(queue: Receiver<Job>) {
    let mut written: Option<(Cache, Shelf)> = None;
    loop {
        match queue.recv_timeout(Duration::from_millis(500)) {
            Ok(job) => {
                if let Err(e) = write(&job) {
                    note_error(e);
                }
                written = Some((job.cache, job.shelf));
            }
            Err(RecvTimeoutError::Timeout) => prune(written.take()),
            Err(RecvTimeoutError::Disconnected) => return prune(written.take()),
        }
    }
}

fn write(job: &Job) -> io::Result<()> {
    let path = job.cache.entry_path(&job.shelf, &job.key);
    std::fs::create_dir_all(files::parent(&path))?;
    files::write_atomically(&path, Durability::Unsynced, |w| w.write_all(&job.bytes))
}

fn prune(written: Option<(Cache, Shelf)>) {
    if let Some(Err(e)) = written.map(|(cache, shelf)| cache.prune(&shelf)) {
        note_error(e);
    }
}

/// Waits until every entry handed over so far is written (and the shelves pruned);
/// returns the first write that failed since the last call. A program calls it before it
/// ends so that what it made is kept; entries it does not wait for are made again next
/// time.
pub fn finish_writes() -> Option<io::Error> {
    let writer = WRITER.lock().ok().and_then(|mut w| w.take());
    if let Some(Writer { jobs, thread }) = writer {
        drop(jobs);
        let _ = thread.join();
    }
    WRITE_ERROR.lock().ok().and_then(|mut e| e.take())
}
