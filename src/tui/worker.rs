//! The thread that runs the reader's [`Job`]s (note saves, exports) so the event loop
//! never waits on the disk. Jobs run one after another in the order given; each one's
//! [`Done`] is sent back and picked up by the loop between events.

use super::effect::{Done, Job};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

/// The worker thread and the channels to it.
pub struct Worker {
    jobs: Option<Sender<Job>>,
    done: Receiver<Done>,
    /// Jobs given and not yet taken back.
    pending: usize,
}

impl Worker {
    /// Starts the thread; it ends when the worker is dropped and its jobs are done.
    pub fn start() -> std::io::Result<Worker> {
        let (jobs, inbox) = channel::<Job>();
        let (outbox, done) = channel();
        thread::Builder::new()
            .name("reader-jobs".into())
            .spawn(move || {
                for job in inbox {
                    let done =
                        crate::failure::guarded(|| job.run()).unwrap_or_else(|p| Done::Failed(p.0));
                    if outbox.send(done).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Worker {
            jobs: Some(jobs),
            done,
            pending: 0,
        })
    }

    /// Gives a job to the thread.
    pub fn submit(&mut self, job: Job) {
        if let Some(jobs) = &self.jobs {
            if jobs.send(job).is_ok() {
                self.pending += 1;
            }
        }
    }

    /// The jobs finished since the last call, without waiting.
    pub fn finished(&mut self) -> Vec<Done> {
        let done: Vec<Done> = self.done.try_iter().collect();
        self.pending -= done.len().min(self.pending);
        done
    }

    /// Waits up to `limit` for the next finished job; `None` when none is pending, the
    /// time ran out or the thread is gone.
    pub fn wait(&mut self, limit: Duration) -> Option<Done> {
        if self.pending == 0 {
            return None;
        }
        let deadline = Instant::now() + limit;
        match self
            .done
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            Ok(done) => {
                self.pending -= 1;
                Some(done)
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => None,
        }
    }

    /// How many jobs were given and not yet taken back.
    pub fn pending(&self) -> usize {
        self.pending
    }
}
