//! The command line, through the built binary, on temporary copies of fixtures.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn recoupe(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(args)
        .current_dir(cwd)
        .env_remove("RECOUPE_DATA_DIR")
        .env("RECOUPE_CACHE_DIR", cwd.join(".cache"))
        .output()
        .expect("run recoupe")
}

fn json_of(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON on stdout")
}

#[test]
fn articles_json_on_bundled_seeds_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    let v = json_of(&recoupe(&["articles", "--json"], dir.path()));
    let arts = v["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 5);
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for a in arts {
        let id = a["id"].as_str().unwrap();
        let text = std::fs::read_to_string(seeds.join(format!("{id}.txt"))).unwrap();
        assert_eq!(a["bytes"].as_u64().unwrap() as usize, text.len());
        for s in a["sentences"].as_array().unwrap() {
            let (st, en) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert!(st < en && en <= text.len());
            assert!(text.is_char_boundary(st) && text.is_char_boundary(en));
        }
    }
    // Hand counts of sentences per seed (headings are one sentence each).
    let counts: Vec<usize> = arts
        .iter()
        .map(|a| a["sentences"].as_array().unwrap().len())
        .collect();
    assert_eq!(counts, [16, 20, 14, 23, 18]);
}

#[test]
fn articles_json_skips_binary_and_empty_and_reads_latin1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"\x7fELF\x00\x00\x01\x02").unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"Les donn\xe9es\n\nUn texte en fran\xe7ais.\n",
    )
    .unwrap();
    let out = recoupe(&["articles", "--json", "."], dir.path());
    let v = json_of(&out);
    let arts = v["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 1);
    assert_eq!(arts[0]["title"], "Les données");
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines
        .iter()
        .any(|l| l.contains("binary.txt") && l.contains("binary")));
    assert!(lines
        .iter()
        .any(|l| l.contains("empty.txt") && l.contains("empty")));
}

#[test]
fn hostile_text_and_file_names_never_reach_stdout_or_stderr() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil\u{1b}[2J.txt"),
        "Titre \u{1b}]0;pwned\u{7}ok\n\nCorps \u{1b}[31mrouge\u{9b}2J et \u{202e}inverse.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("bad\u{1b}]52;c;eA==\u{7}.txt"), b"\x00bin").unwrap();
    for cmd in ["articles", "entities", "facts"] {
        let out = recoupe(&[cmd, "."], dir.path());
        for stream in [&out.stdout, &out.stderr] {
            let s = String::from_utf8_lossy(stream);
            assert!(
                !s.contains('\u{1b}') && !s.contains('\u{9b}') && !s.contains('\u{202e}'),
                "{cmd}: {s:?}"
            );
        }
    }
}

#[test]
fn no_loadable_article_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = recoupe(&["articles", "missing-folder"], dir.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing-folder"), "{err}");
    assert!(err.lines().all(|l| l.starts_with("recoupe: ")), "{err}");
}

/// A terminal without cursor movement gets one readable line and no escape sequence,
/// while the scriptable commands still work under it.
#[test]
fn a_dumb_terminal_gets_a_message_not_escape_codes() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .current_dir(dir.path())
        .env("TERM", "dumb")
        .output()
        .expect("run recoupe");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(!out.stderr.contains(&0x1b));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("TERM=dumb") && err.contains("recoupe articles"),
        "{err}"
    );
    let listed = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(["articles", "--json"])
        .env("TERM", "dumb")
        .output()
        .expect("run recoupe");
    assert_eq!(json_of(&listed)["articles"].as_array().unwrap().len(), 5);
}

#[test]
fn help_explains_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = recoupe(&["--help"], dir.path());
    let s = String::from_utf8_lossy(&out.stdout);
    for cmd in ["articles", "entities", "facts"] {
        assert!(s.contains(cmd), "{s}");
        let sub = recoupe(&["help", cmd], dir.path());
        assert!(String::from_utf8_lossy(&sub.stdout).contains("--json"));
    }
}

fn recoupe_env(args: &[&str], cwd: &Path, env: &[(&str, &Path)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_recoupe"));
    c.args(args).current_dir(cwd);
    c.env("RECOUPE_CACHE_DIR", cwd.join(".cache"));
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run recoupe")
}

#[test]
fn export_then_import_moves_notes_between_data_dirs_and_never_overwrites() {
    use recoupe::notes::Store;
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let corpus = recoupe::corpus::Corpus::bundled();
    let (mut store, _) = Store::open_for(&a, &corpus).unwrap();
    let span = corpus.articles[1].structure.sentences[3].span;
    store.add(&corpus.articles[1], span, "à vérifier \u{1b}[2J");
    store.save().unwrap();

    let out = recoupe_env(
        &["export", "--format", "json", "-o", "n.json"],
        dir.path(),
        &[("RECOUPE_DATA_DIR", &a)],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = recoupe_env(
        &["export", "--format", "json", "-o", "n.json"],
        dir.path(),
        &[("RECOUPE_DATA_DIR", &a)],
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    let b_str = b.to_str().unwrap();
    let imp = recoupe(&["import", "n.json", "--data-dir", b_str], dir.path());
    assert!(
        imp.status.success(),
        "{}",
        String::from_utf8_lossy(&imp.stderr)
    );
    let md = recoupe(&["export", "--data-dir", b_str], dir.path());
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.contains("à vérifier"), "{md}");
    assert!(!md.contains('\u{1b}'));
    let w3c: Value = json_of(&recoupe(
        &["export", "--format", "w3c", "--data-dir", b_str],
        dir.path(),
    ));
    assert_eq!(w3c["type"], "AnnotationCollection");
}

#[test]
fn config_default_completions_and_man_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = recoupe(&["config", "--default"], dir.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[theme]") && text.contains("[keys]") && text.contains("# "));
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[export]\nformat = 7\n").unwrap();
    let out = recoupe_env(
        &["config", "--check"],
        dir.path(),
        &[("RECOUPE_CONFIG", &bad)],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 2, column 1") && err.contains("export.format"),
        "{err}"
    );
    let out = recoupe(&["completions", "bash"], dir.path());
    assert!(String::from_utf8_lossy(&out.stdout).contains("recoupe"));
    let out = recoupe(&["man"], dir.path());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with(".ie"));
}
