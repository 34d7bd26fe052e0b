//! The command line, through the built binary, on temporary copies of fixtures.

use crate::support::recoupe;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

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
    let md = recoupe(&["export", "-o", "-", "--data-dir", b_str], dir.path());
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.contains("à vérifier"), "{md}");
    assert!(!md.contains('\u{1b}'));
    let w3c: Value = json_of(&recoupe(
        &["export", "--format", "w3c", "-o", "-", "--data-dir", b_str],
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

/// `recoupe` with `text` on its standard input.
fn recoupe_piped(args: &[&str], cwd: &Path, input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(args)
        .current_dir(cwd)
        .env_remove("RECOUPE_DATA_DIR")
        .env("RECOUPE_CACHE_DIR", cwd.join(".cache"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run recoupe");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().expect("recoupe ends")
}

/// `recoupe -` with a terminal on standard input waited for text typed blind, where even
/// `q` did nothing: it now says on one line that it needs piped text.
#[cfg(unix)]
#[test]
fn stdin_from_a_terminal_is_refused_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let pty = nix::pty::openpty(None, None).expect("open a pty");
    for args in [&["-"][..], &["articles", "-"][..]] {
        let slave = pty.slave.try_clone().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_recoupe"))
            .args(args)
            .current_dir(dir.path())
            .env("RECOUPE_CACHE_DIR", dir.path().join(".cache"))
            .env("TERM", "xterm-256color")
            .stdin(std::process::Stdio::from(slave))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run recoupe");
        let start = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > std::time::Duration::from_secs(20) {
                child.kill().unwrap();
                panic!("{args:?}: still waiting for standard input");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("standard input") && err.contains("pipe"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
}

/// `-` read everything as plain text: a piped page showed its tags, a piped feed was one
/// article of XML.
#[test]
fn stdin_is_read_in_the_format_its_content_says() {
    let dir = tempfile::tempdir().unwrap();
    let page = b"<!DOCTYPE html><html><head><title>La page</title></head><body><article>\
        <h1>La page</h1><p>Le conseil a vot\xc3\xa9 le budget <b>mardi</b> soir.</p>\
        <p>Le maire a salu\xc3\xa9 le vote.</p></article></body></html>";
    let feed = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Le Flux</title>\
        <item><title>Un</title><description>Premier article du flux.</description></item>\
        <item><title>Deux</title><description>Second article du flux.</description></item>\
        </channel></rss>";
    let lines =
        b"{\"title\": \"A\", \"text\": \"Texte A.\"}\n{\"title\": \"B\", \"text\": \"Texte B.\"}\n";
    let json =
        b"{\"articles\": [{\"title\": \"J\", \"text\": \"Texte J.\", \"source\": \"Agence\"}]}";
    let cases: [(&[u8], &[&str]); 4] = [
        (page, &["La page"]),
        (feed, &["Un", "Deux"]),
        (lines, &["A", "B"]),
        (json, &["J"]),
    ];
    for (input, titles) in cases {
        let v = json_of(&recoupe_piped(
            &["articles", "--json", "-"],
            dir.path(),
            input,
        ));
        let arts = v["articles"].as_array().unwrap();
        let got: Vec<&str> = arts.iter().map(|a| a["title"].as_str().unwrap()).collect();
        assert_eq!(got, titles);
        for a in arts {
            let text = a["text"].as_str().unwrap();
            assert!(!text.contains('<') && !text.contains('{'), "{text}");
        }
    }
    let v = json_of(&recoupe_piped(
        &["articles", "--json", "-"],
        dir.path(),
        feed,
    ));
    assert_eq!(v["articles"][0]["meta"]["source"], "Le Flux");
}

/// `recoupe completions bash | head -1` printed a panic: the completion script was written
/// by a library that fails loudly on a closed pipe. A closed pipe is success, for every
/// command that prints.
#[test]
fn a_closed_pipe_ends_every_printing_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let commands: [&[&str]; 4] = [
        &["completions", "bash"],
        &["man"],
        &["config", "--default"],
        &["articles", "--json"],
    ];
    for args in commands {
        let mut child = Command::new(env!("CARGO_BIN_EXE_recoupe"))
            .args(args)
            .current_dir(dir.path())
            .env("RECOUPE_CACHE_DIR", dir.path().join(".cache"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run recoupe");
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[test]
fn a_mistyped_command_suggests_the_right_one() {
    let dir = tempfile::tempdir().unwrap();
    for (typed, meant) in [
        ("fatcs", "facts"),
        ("artciles", "articles"),
        ("stroies", "stories"),
    ] {
        let out = recoupe(&[typed], dir.path());
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(&format!("did you mean `recoupe {meant}`")),
            "{err}"
        );
    }
    // A file of that name is read, not taken for a command.
    std::fs::write(dir.path().join("fatcs"), "Un titre\n\nUn texte.\n").unwrap();
    let out = recoupe(&["articles", "--json", "fatcs"], dir.path());
    assert_eq!(json_of(&out)["articles"][0]["title"], "Un titre");
}

/// The help listed .txt and .md only, the default configuration named a `config --path`
/// that did not exist, and the manual page referred to per-command pages never shipped.
#[test]
fn help_and_manual_tell_the_truth() {
    let dir = tempfile::tempdir().unwrap();
    let help = recoupe(&["--help"], dir.path());
    let help = String::from_utf8_lossy(&help.stdout);
    for ext in [
        ".txt", ".md", ".html", ".json", ".jsonl", ".rss", ".atom", ".xml",
    ] {
        assert!(help.contains(ext), "{ext}: {help}");
    }
    let conf = dir.path().join("c.toml");
    let out = recoupe_env(
        &["config", "--path"],
        dir.path(),
        &[("RECOUPE_CONFIG", &conf)],
    );
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        conf.to_str().unwrap()
    );
    let man = recoupe(&["man"], dir.path());
    let man = String::from_utf8_lossy(&man.stdout);
    for section in ["KEYS", "ENVIRONMENT", "FILES"] {
        assert!(man.contains(&format!(".SH {section}")), "{section}");
    }
    assert!(!man.contains("(1)"), "{man}");
    assert!(man.contains("search_next") && man.contains("RECOUPE_CACHE_DIR"));
}

/// Notes for the bundled articles, made in the data folder `data`.
fn notes_on_bundled(data: &Path) {
    use recoupe::notes::Store;
    let corpus = recoupe::corpus::Corpus::bundled();
    let (mut store, _) = Store::open_for(data, &corpus).unwrap();
    let span = corpus.articles[1].structure.sentences[3].span;
    store.add(&corpus.articles[1], span, "à vérifier");
    store.save().unwrap();
}

/// Exports written next to the articles came back as articles at the next open: they now
/// go to the export folder, and a folder holding exports is read without them.
#[test]
fn exports_go_to_the_export_folder_and_never_come_back_as_articles() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    notes_on_bundled(&data);
    let env = [
        ("RECOUPE_DATA_DIR", data.as_path()),
        ("RECOUPE_CONFIG", &dir.path().join("none.toml")),
    ];
    for format in ["markdown", "json", "w3c"] {
        let out = recoupe_env(&["export", "--format", format], dir.path(), &env);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty());
    }
    let exports: Vec<_> = std::fs::read_dir(data.join("exports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(exports.len(), 3, "{exports:?}");
    // A collection folder holding those exports (and a JSON export renamed .json) loads
    // its articles only, without a warning.
    let collection = dir.path().join("collection");
    std::fs::create_dir(&collection).unwrap();
    for (i, e) in exports.iter().enumerate() {
        let name = format!(
            "export{i}.{}",
            if e.extension().unwrap() == "md" {
                "md"
            } else {
                "json"
            }
        );
        std::fs::copy(e, collection.join(name)).unwrap();
    }
    std::fs::write(collection.join("a.txt"), "Un titre\n\nUn texte.\n").unwrap();
    let out = recoupe(&["articles", "--json", "collection"], dir.path());
    assert_eq!(json_of(&out)["articles"].as_array().unwrap().len(), 1);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // `-o -` is standard output.
    let out = recoupe_env(&["export", "-o", "-"], dir.path(), &env);
    assert!(String::from_utf8_lossy(&out.stdout).contains("à vérifier"));
}

/// Importing notes made on another collection merged them silently as orphans.
#[test]
fn import_from_another_collection_asks_for_force_and_names_the_articles() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    notes_on_bundled(&a);
    let out = recoupe_env(
        &["export", "--format", "json", "-o", "n.json"],
        dir.path(),
        &[("RECOUPE_DATA_DIR", &a)],
    );
    assert!(out.status.success());
    std::fs::create_dir(dir.path().join("other")).unwrap();
    std::fs::write(
        dir.path().join("other/x.txt"),
        "Autre\n\nUne autre histoire.\n",
    )
    .unwrap();
    let b_str = b.to_str().unwrap();
    let refused = recoupe(
        &["import", "n.json", "--data-dir", b_str, "other"],
        dir.path(),
    );
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("--force") && err.contains("nothing imported"),
        "{err}"
    );
    assert!(
        err.contains("001_59fe39b7aa008c35") && err.contains("Les rapports"),
        "{err}"
    );
    assert!(
        !b.exists() || std::fs::read_dir(&b).unwrap().count() == 0,
        "nothing written"
    );
    let forced = recoupe(
        &["import", "--force", "n.json", "--data-dir", b_str, "other"],
        dir.path(),
    );
    assert!(
        forced.status.success(),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    assert!(String::from_utf8_lossy(&forced.stderr).contains("1 note merged"));
    // The same collection needs no --force.
    let same = recoupe(&["import", "n.json", "--data-dir", b_str], dir.path());
    assert!(
        same.status.success(),
        "{}",
        String::from_utf8_lossy(&same.stderr)
    );
}

#[test]
fn config_check_reports_each_key_problem_with_its_line_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("c.toml");
    std::fs::write(
        &conf,
        "[keys]\nfly = [\"x\"]\nnext = [\"hyper-x\"]\ntop = [\"q\"]\n[export]\ncolour = 1\n",
    )
    .unwrap();
    let out = recoupe_env(
        &["config", "--check"],
        dir.path(),
        &[("RECOUPE_CONFIG", &conf)],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 5, "{err}");
    for (line, what) in [
        (2, "fly"),
        (3, "hyper-x"),
        (4, "quit"),
        (6, "export.colour"),
    ] {
        assert!(
            lines
                .iter()
                .any(|l| l.contains(&format!("c.toml: line {line}: ")) && l.contains(what)),
            "{line} {what}: {err}"
        );
    }
    assert!(lines[4].ends_with("c.toml: 4 problems"), "{err}");
    std::fs::write(&conf, "[keys]\nnext = [\"ctrl-n\", \"j\"]\n").unwrap();
    let out = recoupe_env(
        &["config", "--check"],
        dir.path(),
        &[("RECOUPE_CONFIG", &conf)],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
