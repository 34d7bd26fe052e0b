//! The shared evaluation scorer (`../shared/eval/score.py` beside the checkout), run on a
//! file of `recoupe facts --json`. Tests that use it skip with a printed line where the
//! scorer or python3 is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The shared evaluation folder beside the checkout, or None with a printed reason.
pub fn eval_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
    if dir.join("score.py").exists() {
        Some(dir)
    } else {
        println!("skipped: no shared/eval/score.py beside the checkout");
        None
    }
}

/// The scorer's facts section for `facts` (a JSON file) against `gold` on the articles of
/// `corpus`, or None when python3 or the scorer is missing.
pub fn score_facts(gold: &Path, corpus: &Path, facts: &Path) -> Option<serde_json::Value> {
    let score = eval_dir()?.join("score.py");
    let out = Command::new("python3")
        .arg(score)
        .arg("--gold")
        .arg(gold)
        .arg("--corpus")
        .arg(corpus)
        .arg("--facts")
        .arg(facts)
        .arg("--json")
        .output();
    let Ok(out) = out else {
        println!("skipped: python3 not available");
        return None;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    Some(all["facts"].clone())
}
