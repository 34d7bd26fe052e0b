//! Fact linking end to end: the seeds scored against their hand annotation, and small
//! stories of other topics with the links they must and must not make.

use recoupe::corpus::Corpus;
use recoupe::{entities, facts};
use std::path::PathBuf;
use std::process::Command;

/// The shared evaluation folder beside the checkout, if there is one.
fn shared() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    [root.join("../shared"), PathBuf::from("/work/shared")]
        .into_iter()
        .find(|p| p.join("eval/score.py").exists())
}

fn seeds_json() -> serde_json::Value {
    let corpus = Corpus::bundled();
    let ents = entities::analyse(&corpus);
    let f = facts::link(&corpus, &ents);
    facts::to_json(&corpus, &f)
}

#[test]
fn seeds_reach_the_link_and_disagreement_targets() {
    let Some(shared) = shared() else {
        println!("skipped: no shared/eval beside the checkout");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("facts.json");
    std::fs::write(&file, seeds_json().to_string()).unwrap();
    if let Ok(keep) = std::env::var("RECOUPE_KEEP_FACTS") {
        std::fs::copy(&file, keep).unwrap();
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg("--gold")
        .arg(shared.join("eval/seeds-gold.json"))
        .arg("--corpus")
        .arg(root.join("seeds"))
        .arg("--facts")
        .arg(&file)
        .arg("--json")
        .output();
    let Ok(out) = out else {
        println!("skipped: python3 not available");
        return;
    };
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let score: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &score["facts"];
    println!("{f}");
    let p = f["links_prf"][0].as_f64().unwrap();
    let r = f["links_prf"][1].as_f64().unwrap();
    assert!(p >= 0.85, "precision {p}");
    assert!(r >= 0.80, "recall {r}");
    assert_eq!(f["discrepancies_found"], "2/2");
    assert!(f["discrepancies_predicted"].as_u64().unwrap() <= 3);
    assert_eq!(f["bad_offsets"], 0);
}
