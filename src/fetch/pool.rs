//! A few workers and a queue that never gives two of them the same host at once: servers
//! see one connection from recoupe at a time, while pages of different sites come in
//! together. Work done may add work (a feed's items), so the queue ends when it is empty
//! and no worker is busy.

use std::collections::{HashSet, VecDeque};
use std::sync::{Condvar, Mutex};

/// Something to do for one host.
pub trait Keyed {
    fn host(&self) -> String;
}

struct State<J> {
    queue: VecDeque<J>,
    busy: HashSet<String>,
    working: usize,
}

/// Runs `work` on every job (and on the jobs it returns) with at most `workers` at a time
/// and at most one per host; `done` is called with each outcome, in the order they end.
pub fn run<J, O>(
    jobs: Vec<J>,
    workers: usize,
    work: impl Fn(J) -> (O, Vec<J>) + Sync,
    done: impl Fn(O, usize) + Sync,
) where
    J: Keyed + Send,
    O: Send,
{
    let state = Mutex::new(State {
        queue: jobs.into(),
        busy: HashSet::new(),
        working: 0,
    });
    let wake = Condvar::new();
    let lock = || state.lock().unwrap_or_else(|p| p.into_inner());
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| loop {
                let (job, host) = {
                    let mut s = lock();
                    loop {
                        let free = s.queue.iter().position(|j| !s.busy.contains(&j.host()));
                        if let Some(i) = free {
                            let job = s.queue.remove(i).expect("index from position");
                            let host = job.host();
                            s.busy.insert(host.clone());
                            s.working += 1;
                            break (job, host);
                        }
                        if s.queue.is_empty() && s.working == 0 {
                            wake.notify_all();
                            return;
                        }
                        s = wake.wait(s).unwrap_or_else(|p| p.into_inner());
                    }
                };
                let (outcome, more) = work(job);
                let added = more.len();
                {
                    let mut s = lock();
                    s.busy.remove(&host);
                    s.working -= 1;
                    s.queue.extend(more);
                }
                done(outcome, added);
                wake.notify_all();
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct J(&'static str, u32);
    impl Keyed for J {
        fn host(&self) -> String {
            self.0.to_owned()
        }
    }

    #[test]
    fn one_job_per_host_at_a_time_and_added_jobs_run() {
        let now: Mutex<HashSet<&'static str>> = Mutex::default();
        let ran = AtomicUsize::new(0);
        let jobs = vec![J("a", 2), J("a", 0), J("b", 0), J("c", 1)];
        run(
            jobs,
            3,
            |J(host, children)| {
                assert!(now.lock().unwrap().insert(host), "two jobs on {host}");
                std::thread::sleep(std::time::Duration::from_millis(20));
                now.lock().unwrap().remove(host);
                ran.fetch_add(1, Ordering::SeqCst);
                ((), (0..children).map(|_| J(host, 0)).collect())
            },
            |(), _| {},
        );
        assert_eq!(ran.load(Ordering::SeqCst), 7);
    }
}
