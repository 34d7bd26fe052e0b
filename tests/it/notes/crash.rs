//! Crash safety and concurrency, with real processes: this test binary run again as a
//! child (see the crate-level doc of `tests/it/notes/mod.rs`).

use super::support::article;
use recoupe::notes::Store;
use recoupe::text::Span;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const ROLE: &str = "RECOUPE_NOTES_CHILD";
const STORE: &str = "RECOUPE_NOTES_STORE";
const TEXT: &str = "Une phrase à annoter. Une seconde phrase.";

/// The child side: does nothing in a normal test run.
#[test]
fn child_process() {
    let (Ok(role), Ok(path)) = (std::env::var(ROLE), std::env::var(STORE)) else {
        return;
    };
    let a = article("a", "A", TEXT);
    let (mut store, _) = Store::open(&path, "c").unwrap();
    let stdout = std::io::stdout();
    match role.as_str() {
        // Adds and saves forever, reporting each completed save.
        "writer" => loop {
            let n = store.notes().len();
            store.add(&a, Span::new(0, 22), &format!("n{n}"));
            store.save().unwrap();
            let mut out = stdout.lock();
            writeln!(out, "saved {}", store.notes().len()).unwrap();
            out.flush().unwrap();
        },
        // Adds 100 notes, saving after each.
        adder => {
            for i in 0..100 {
                store.add(&a, Span::new(23, 41), &format!("{adder}-{i}"));
                store.save().unwrap();
            }
        }
    }
}

fn spawn(role: &str, store: &Path) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "notes::crash::child_process",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(ROLE, role)
        .env(STORE, store)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The count in the last complete "saved N" line, if any (the first one follows the test
/// harness's own "test ... " on the same line).
fn last_saved(output: &str) -> Option<usize> {
    output
        .lines()
        .rev()
        .filter_map(|l| l.rsplit_once("saved ").map(|(_, n)| n))
        .find_map(|n| n.trim().parse().ok())
}

#[test]
fn a_writer_killed_at_random_moments_never_loses_a_saved_note() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let mut confirmed = 0;
    for round in 0..30u64 {
        let mut child = spawn("writer", &path);
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut out = String::new();
        // Wait for a first save about half the time, so that some kills land early.
        if round % 2 == 0 {
            while !out.contains("saved ") && reader.read_line(&mut out).is_ok_and(|n| n > 0) {}
        }
        std::thread::sleep(Duration::from_millis(3 + (round * 7) % 40));
        child.kill().unwrap();
        child.wait().unwrap();
        let _ = reader.read_to_string(&mut out);
        if let Some(n) = last_saved(&out) {
            confirmed = confirmed.max(n);
        }

        let (store, warnings) = Store::open(&path, "c").unwrap();
        assert!(warnings.is_empty(), "round {round}: {warnings:?}");
        let n = store.notes().len();
        assert!(
            confirmed <= n && n <= confirmed + 1,
            "round {round}: {n} notes, {confirmed} confirmed; child said {out:?}"
        );
        let mut bodies: Vec<usize> = store
            .notes()
            .iter()
            .map(|x| x.body[1..].parse().unwrap())
            .collect();
        bodies.sort_unstable();
        assert_eq!(bodies, (0..n).collect::<Vec<_>>(), "round {round}");
        confirmed = n;
        let bak = store.backup_path();
        if bak.exists() {
            let (older, w) = Store::open(&bak, "c").unwrap();
            assert!(
                w.is_empty() && older.notes().len() <= n,
                "round {round}: backup"
            );
        }
    }
    assert!(confirmed >= 15, "only {confirmed} saves in 30 rounds");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("corrupt"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn two_processes_adding_100_notes_each_keep_all_200() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let mut one = spawn("p", &path);
    let mut two = spawn("q", &path);
    assert!(one.wait().unwrap().success());
    assert!(two.wait().unwrap().success());
    let (store, warnings) = Store::open(&path, "c").unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut bodies: Vec<&str> = store.notes().iter().map(|n| n.body.as_str()).collect();
    bodies.sort_unstable();
    let mut want: Vec<String> = (0..100)
        .flat_map(|i| [format!("p-{i}"), format!("q-{i}")])
        .collect();
    want.sort_unstable();
    assert_eq!(bodies, want);
}
