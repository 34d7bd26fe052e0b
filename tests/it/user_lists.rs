//! The user's own lists named in the configuration, through the built binary: a gazetteer
//! joins a name and its aliases (even one the text alone would never join) into one entity, and a bad line or missing file is a warning.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn recoupe(args: &[&str], config: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(args)
        .env("RECOUPE_CONFIG", config)
        .env(
            "RECOUPE_CACHE_DIR",
            config.parent().expect("config in a folder").join("cache"),
        )
        .output()
        .expect("the binary runs")
}

#[test]
fn a_user_gazetteer_merges_a_name_and_its_alias() {
    let dir = tempfile::tempdir().unwrap();
    let gazetteer = dir.path().join("newsroom.tsv");
    std::fs::write(
        &gazetteer,
        "# our list\nZorblax Industries\tORG\tZorblax|Blue Anvil\nBroken line without kind\n",
    )
    .unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[entities]\n# relative to this file\ngazetteers = [\"newsroom.tsv\", \"missing.tsv\"]\n",
    )
    .unwrap();
    let article = dir.path().join("story.txt");
    std::fs::write(
        &article,
        "Zorblax Industries cuts jobs\n\nZorblax Industries said on Monday it would cut \
         200 jobs. The chief executive of Zorblax told staff at Blue Anvil the plant would \
         close. Blue Anvil has 900 workers.\n",
    )
    .unwrap();
    let out = recoupe(&["entities", "--json", article.to_str().unwrap()], &config);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("newsroom.tsv: line 3"), "{stderr}");
    assert!(stderr.contains("missing.tsv"), "{stderr}");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = json.to_string();
    let entities = json["entities"]
        .as_array()
        .unwrap_or_else(|| panic!("no entities array: {text}"));
    let zorblax: Vec<&Value> = entities
        .iter()
        .filter(|e| e.to_string().contains("Zorblax"))
        .collect();
    assert_eq!(zorblax.len(), 1, "one entity: {text}");
    assert_eq!(zorblax[0]["name"], "Zorblax Industries", "{text}");
    assert_eq!(zorblax[0]["kind"], "ORG", "{text}");
    let reasons = zorblax[0]["alias_reasons"].as_array().unwrap();
    let anvil = reasons.iter().find(|r| r["name"] == "Blue Anvil");
    let anvil = anvil.unwrap_or_else(|| panic!("Blue Anvil joined: {text}"));
    assert_eq!(anvil["reason"], "your gazetteer");
}
