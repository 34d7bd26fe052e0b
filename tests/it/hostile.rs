//! Hostile and broken input: crafted articles whose escapes must never reach a terminal or
//! an export, files that must never be opened (FIFOs, devices), trees that must not be
//! followed forever, names that are not UTF-8, and inputs large enough to find a stall.
//!
//! The fixtures in `tests/fixtures/hostile/` each hide one kind of control sequence (CSI
//! clear screen, OSC 52 clipboard, OSC 8 link, OSC 0 title, C1 CSI, bidi overrides, escapes
//! written as HTML or JSON character references) or text that is hard to display.

#[cfg(all(unix, feature = "app"))]
use crate::pty;
use recoupe::corpus::{load_paths, Corpus, LoadOptions};
use recoupe::fuzzing::{assert_clean, check_article};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

fn load(paths: &[PathBuf]) -> Corpus {
    load_paths(paths, &LoadOptions::default())
}

fn recoupe(args: &[&str], data_dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(args)
        .env("RECOUPE_DATA_DIR", data_dir)
        .env("RECOUPE_CACHE_DIR", data_dir.join("cache"))
        .env("NO_COLOR", "1")
        .output()
        .expect("run recoupe")
}

/// Raw bytes written by the program: valid UTF-8 with no forbidden character in it.
fn assert_output_clean(what: &str, bytes: &[u8]) {
    assert!(!bytes.contains(&0x1b), "{what}: raw ESC byte");
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    assert_clean(what, text);
}

/// Every string of a JSON document (keys too) is clean once its escapes are decoded.
fn assert_json_clean(what: &str, v: &Value) {
    match v {
        Value::String(s) => assert_clean(what, s),
        Value::Array(items) => items.iter().for_each(|x| assert_json_clean(what, x)),
        Value::Object(map) => map.iter().for_each(|(k, x)| {
            assert_clean(what, k);
            assert_json_clean(what, x)
        }),
        _ => {}
    }
}

#[test]
fn hostile_articles_load_clean_with_their_visible_text() {
    let c = load(&[hostile_dir()]);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(c.articles.len(), 10);
    c.articles.iter().for_each(check_article);
    let text_of = |id: &str| &c.articles[c.position(id).expect(id)].text;
    let csi = text_of("csi_clear_screen");
    assert!(csi.contains("budget\n\nLe maire") && !csi.contains("[2J"));
    let link = text_of("osc8_link");
    assert!(link.contains("Selon le site du ministère,") && !link.contains("evil"));
    let title = &c.articles[c.position("osc0_title").unwrap()];
    assert_eq!(title.title, "Un titre caché");
    assert!(!text_of("c1_csi").contains("31m"));
    assert!(text_of("bidi_override").contains("facturefdp.exe"));
    let html = text_of("entity_escape");
    assert!(html.contains("Le ministre de la Santé a démenti.") && !html.contains("52;"));
    // Joiners and combining marks are text, not controls: kept as they are.
    assert!(text_of("zero_width_joiners").contains("👨\u{200d}👩"));
    assert_eq!(
        text_of("combining_marks").matches('\u{301}').count(),
        10_000
    );
}

#[test]
fn reports_on_the_hostile_corpus_print_no_control_sequence() {
    let data = tempfile::tempdir().unwrap();
    let dir = hostile_dir();
    let dir = dir.to_str().unwrap();
    for cmd in ["articles", "entities", "facts"] {
        let out = recoupe(&[cmd, "--json", dir], data.path());
        assert!(
            out.status.success(),
            "{cmd}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_output_clean(cmd, &out.stdout);
        assert_output_clean(cmd, &out.stderr);
        let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_json_clean(cmd, &v);
        let plain = recoupe(&[cmd, dir], data.path());
        assert!(plain.status.success());
        assert_output_clean(cmd, &plain.stdout);
        assert_output_clean(cmd, &plain.stderr);
    }
}

/// A note store edited by hand (or crafted) with escapes in every field it holds.
fn plant_hostile_notes(data_dir: &Path, corpus: &Corpus) {
    let (mut store, _) = recoupe::notes::Store::open_for(data_dir, corpus).unwrap();
    for a in &corpus.articles {
        let span = a.structure.sentences.last().unwrap().span;
        store.add(a, span, "ok");
    }
    store.save().unwrap();
    let path = store.path().to_owned();
    drop(store);
    let evil = "\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}[2J\u{9b}31m\u{202e}x";
    let mut v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    for n in v["notes"].as_array_mut().unwrap() {
        n["body"] = Value::from(format!("corps {evil} fin"));
        n["tags"] = Value::from(vec![format!("tag{evil}")]);
        n["color"] = Value::from(format!("red{evil}"));
        n["article"]["title"] = Value::from(format!("titre{evil}"));
        n[format!("extra{evil}")] = Value::from(evil);
        let q = &mut n["target"]["quote"];
        q["prefix"] = Value::from(format!("{evil}{}", q["prefix"].as_str().unwrap()));
    }
    std::fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
}

#[test]
fn exports_of_hostile_notes_write_no_control_sequence() {
    let data = tempfile::tempdir().unwrap();
    let corpus = load(&[hostile_dir()]);
    plant_hostile_notes(data.path(), &corpus);
    let dir = hostile_dir();
    let dir = dir.to_str().unwrap();
    for format in ["markdown", "json", "w3c"] {
        let out = recoupe(&["export", "--format", format, "-o", "-", dir], data.path());
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_output_clean(format, &out.stdout);
        assert_output_clean(format, &out.stderr);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("corps"), "{format}: notes missing:\n{text}");
        if format != "markdown" {
            assert_json_clean(format, &serde_json::from_slice(&out.stdout).unwrap());
        }
    }
    let file = data.path().join("notes.md");
    let out = recoupe(&["export", "-o", file.to_str().unwrap(), dir], data.path());
    assert!(out.status.success());
    assert_output_clean("export file", &std::fs::read(&file).unwrap());
}

#[cfg(unix)]
mod unix {
    use super::*;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::PermissionsExt;
    use std::sync::mpsc;
    use std::time::Duration;

    /// Loads in a thread and fails if that takes more than 30 s (a blocked open).
    fn load_or_hang(paths: Vec<PathBuf>) -> Corpus {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || tx.send(load(&paths)).unwrap());
        rx.recv_timeout(Duration::from_secs(30))
            .expect("loading blocked (a FIFO was opened?)")
    }

    fn mkfifo(path: &Path) {
        let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
        assert!(status.success());
    }

    #[test]
    fn fifos_and_devices_are_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ok.txt"), "Un titre\n\nUn texte.\n").unwrap();
        let fifo = dir.path().join("pipe.txt");
        mkfifo(&fifo);
        let c = load_or_hang(vec![dir.path().to_owned()]);
        assert_eq!(c.articles.len(), 1);
        let named = vec![
            fifo.clone(),
            PathBuf::from("/dev/zero"),
            dir.path().join("ok.txt"),
        ];
        let c = load_or_hang(named);
        assert_eq!(c.articles.len(), 1);
        let w: Vec<String> = c.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[0].contains("pipe.txt") && w[0].contains("not a regular file"));
        assert!(w[1].contains("/dev/zero"));
    }

    #[test]
    fn file_names_that_are_not_utf8_or_hold_escapes_are_shown_escaped() {
        let dir = tempfile::tempdir().unwrap();
        let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        std::fs::write(dir.path().join(latin1), "Un titre\n\nUn texte.\n").unwrap();
        let evil = dir.path().join("x\u{1b}]0;pwned\u{7}\u{202e}.txt");
        std::fs::write(&evil, b"\x00binary").unwrap();
        let c = load(&[dir.path().to_owned()]);
        assert_eq!(c.articles[0].id, "caf\\xe9");
        assert!(c.articles[0].path.ends_with("caf\\xe9.txt"));
        let w = c.warnings[0].to_string();
        assert!(
            w.contains("x\\u{1b}]0;pwned\\u{7}\\u{202e}.txt: binary"),
            "{w}"
        );
        let data = tempfile::tempdir().unwrap();
        let out = recoupe(&["articles", dir.path().to_str().unwrap()], data.path());
        assert_output_clean("stdout", &out.stdout);
        assert_output_clean("stderr", &out.stderr);
        assert!(String::from_utf8_lossy(&out.stderr).contains("pwned"));
    }

    /// An unreadable folder and an unreadable file, beside one readable article.
    fn tree_with_closed_parts() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let (closed, secret) = (dir.path().join("closed"), dir.path().join("secret.txt"));
        std::fs::create_dir(&closed).unwrap();
        std::fs::write(closed.join("in.txt"), "Dedans.\n").unwrap();
        std::fs::write(&secret, "Secret.\n").unwrap();
        std::fs::write(dir.path().join("ok.txt"), "Lisible.\n").unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        for p in [&closed, &secret] {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o000)).unwrap();
        }
        dir
    }

    fn assert_closed_parts_warned(warnings: &str) {
        assert!(
            warnings.contains("closed: cannot read directory"),
            "{warnings}"
        );
        assert!(warnings.contains("secret.txt: cannot read"), "{warnings}");
    }

    /// For an ordinary user the loader reports what it cannot read and loads the rest.
    /// Run by root, whom permissions do not stop, the same check runs in the built program
    /// started as the unprivileged user `nobody`.
    #[test]
    fn unreadable_files_and_folders_warn_and_the_rest_loads() {
        let dir = tree_with_closed_parts();
        if nix::unistd::geteuid().is_root() {
            return unreadable_as_nobody(dir.path());
        }
        let c = load(&[dir.path().to_owned()]);
        assert_eq!(c.articles.len(), 1);
        let w: Vec<String> = c.warnings.iter().map(|w| w.to_string()).collect();
        assert_closed_parts_warned(&w.join("\n"));
    }

    fn unreadable_as_nobody(tree: &Path) {
        use std::os::unix::process::CommandExt;
        let home = tempfile::tempdir().unwrap();
        let binary = home.path().join("recoupe");
        std::fs::copy(env!("CARGO_BIN_EXE_recoupe"), &binary).unwrap();
        let data = home.path().join("data");
        std::fs::create_dir(&data).unwrap();
        for (p, mode) in [(home.path(), 0o755), (&binary, 0o755), (&data, 0o777)] {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        let out = Command::new(&binary)
            .args(["articles", "--json"])
            .arg(tree)
            .env("HOME", &data)
            .env("RECOUPE_DATA_DIR", &data)
            .env("RECOUPE_CACHE_DIR", data.join("cache"))
            .uid(65534)
            .gid(65534)
            .output()
            .expect("run recoupe as nobody");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let articles = json["articles"].as_array().unwrap();
        assert_eq!(articles.len(), 1, "{json}");
        assert_eq!(articles[0]["id"], "ok");
        assert_closed_parts_warned(&err);
        assert!(
            err.lines().all(|l| l.starts_with("recoupe: warning: ")),
            "{err}"
        );
    }

    #[test]
    fn symlink_to_a_fifo_is_not_followed_into_a_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        mkfifo(&fifo);
        std::os::unix::fs::symlink(&fifo, dir.path().join("link.txt")).unwrap();
        let c = load_or_hang(vec![dir.path().join("link.txt")]);
        assert!(c.articles.is_empty() && c.warnings.len() == 1);
    }
}

#[test]
fn deep_trees_are_cut_at_the_depth_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut deep = dir.path().to_owned();
    for i in 0..40 {
        deep.push(format!("d{i}"));
        if i == 2 {
            std::fs::create_dir_all(&deep).unwrap();
            std::fs::write(deep.join("shallow.txt"), "Près.\n").unwrap();
        }
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("deep.txt"), "Loin.\n").unwrap();
    let opts = LoadOptions {
        max_depth: 8,
        ..LoadOptions::default()
    };
    let c = load_paths(&[dir.path().to_owned()], &opts);
    let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["shallow"]);
    assert!(c.warnings[0].to_string().contains("deeper than 8 levels"));
}

#[test]
fn markup_nested_past_the_limit_is_read_with_one_warning_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        "<html><body><p>{}Le texte reste lisible.{}</p></body></html>",
        "<b>".repeat(20_000),
        "</b>".repeat(20_000)
    );
    std::fs::write(dir.path().join("deep.html"), deep).unwrap();
    let shallow = "<html><body><p>Une page ordinaire, assez longue.</p></body></html>";
    std::fs::write(dir.path().join("shallow.html"), shallow).unwrap();
    let c = load_paths(&[dir.path().to_owned()], &LoadOptions::default());
    assert_eq!(c.articles.len(), 2);
    assert!(c
        .articles
        .iter()
        .any(|a| a.text.contains("Le texte reste lisible.")));
    let lines: Vec<String> = c.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("deep.html"), "{lines:?}");
    assert!(
        lines[0].contains("nested deeper than 256 levels"),
        "{lines:?}"
    );
}

#[test]
fn files_over_the_size_limit_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.txt"), "mot ".repeat(100)).unwrap();
    std::fs::write(dir.path().join("small.txt"), "Petit.\n").unwrap();
    let opts = LoadOptions {
        max_file_size: 100,
        ..LoadOptions::default()
    };
    let c = load_paths(&[dir.path().to_owned()], &opts);
    assert_eq!(c.articles.len(), 1);
    let w = c.warnings[0].to_string();
    assert!(
        w.contains("big.txt: 400 bytes, over the 100-byte limit"),
        "{w}"
    );
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    eprintln!("{what}: {:.2?}", t.elapsed());
    out
}

#[test]
fn a_single_ten_megabyte_line_loads() {
    let dir = tempfile::tempdir().unwrap();
    let line = "Le maire de Lyon a parlé, ".repeat(10 * 1024 * 1024 / 26);
    std::fs::write(dir.path().join("line.txt"), &line).unwrap();
    let c = timed("10 MB line", || load(&[dir.path().to_owned()]));
    assert_eq!(c.articles.len(), 1);
    assert_eq!(c.articles[0].text.len(), line.len());
    assert!(c.articles[0].title.len() < 1000);
}

#[test]
fn an_article_of_200000_lines_loads() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Titre\n\n");
    for i in 0..200_000 {
        text.push_str(&format!("Ligne {i} du texte.\n"));
    }
    std::fs::write(dir.path().join("long.txt"), &text).unwrap();
    let c = timed("200,000 lines", || load(&[dir.path().to_owned()]));
    assert_eq!(c.articles.len(), 1);
    assert!(c.articles[0].structure.sentences.len() >= 200_000);
}

#[cfg(all(unix, feature = "app"))]
#[test]
fn fifty_thousand_tiny_files_load() {
    let dir = tempfile::tempdir().unwrap();
    pty::tiny_files(dir.path(), 50_000, 500);
    let c = timed("50,000 files", || load(&[dir.path().to_owned()]));
    assert_eq!(c.articles.len(), 50_000);
    assert!(c.warnings.is_empty());
}

/// The reader itself, in a real pseudo-terminal, opening every hostile article: neither the
/// bytes it writes nor the screen they draw carry anything from the articles' escapes.
#[cfg(all(unix, feature = "app"))]
mod terminal {
    use super::hostile_dir;
    use super::pty;
    use std::time::Duration;

    /// What a terminal would have done besides drawing: titles set, clipboard writes, OSCs.
    #[derive(Default)]
    struct Seen {
        titles: Vec<Vec<u8>>,
        clipboard: Vec<Vec<u8>>,
        osc: Vec<String>,
    }

    /// Text that exists only inside the fixtures' escape sequences.
    const PAYLOADS: [&str; 10] = [
        "pwned",
        "evil.example",
        "cm0gLXJm",
        "ZWNobyBw",
        "aGVsbG8",
        "aGk=",
        "second title",
        "c1 title",
        "html title",
        "json title",
    ];

    impl vt100::Callbacks for Seen {
        fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
            self.titles.push(title.to_vec());
        }
        fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
            self.titles.push(name.to_vec());
        }
        fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], data: &[u8]) {
            self.clipboard.push(data.to_vec());
        }
        fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
            self.osc.push(format!("{params:?}"));
        }
    }

    fn check_bytes(bytes: &[u8]) {
        let hay = String::from_utf8_lossy(bytes);
        for p in PAYLOADS {
            assert!(!hay.contains(p), "{p:?} reached the terminal");
        }
        for seq in [
            "\u{1b}]52",
            "\u{1b}]8;",
            "\u{1b}]0;",
            "\u{1b}]2;",
            "\u{1b}P",
        ] {
            assert!(!hay.contains(seq), "{seq:?} written to the terminal");
        }
        // C1 controls and bidi overrides as UTF-8 never appear (a raw 0x9B byte can be part
        // of a longer UTF-8 character, so characters are checked, not bytes).
        let bad = hay.chars().find(|&c| {
            ('\u{80}'..='\u{9f}').contains(&c)
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
        });
        assert_eq!(bad, None, "C1 or bidi control written to the terminal");
    }

    /// The number written after `before` in `text`.
    fn number_after(text: &str, before: &str) -> Option<usize> {
        let at = text.find(before)? + before.len();
        let digits: String = text[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    }

    /// The screen once it has stopped changing for a tenth of a second.
    fn settled(term: &pty::Pty<Seen>) -> String {
        let screen = || term.output.lock().unwrap().parser.screen().contents();
        let mut last = screen();
        for _ in 0..100 {
            std::thread::sleep(Duration::from_millis(100));
            let now = screen();
            if now == last {
                break;
            }
            last = now;
        }
        last
    }

    #[test]
    fn hostile_articles_opened_in_a_real_terminal_leak_nothing() {
        let data = tempfile::tempdir().unwrap();
        let mut cmd = pty::recoupe_command();
        cmd.arg(hostile_dir());
        cmd.env("RECOUPE_DATA_DIR", data.path());
        cmd.env("RECOUPE_CACHE_DIR", data.path().join("cache"));
        cmd.cwd(data.path());
        let mut term = pty::spawn(cmd, Seen::default());
        // The analysis lands: the articles are grouped into their stories, listed first
        // when there are several. Each story is opened, then each of its articles.
        term.wait_for("the analysis", |s| {
            let c = s.contents();
            !c.contains("analysing") && (c.contains(" Stories (") || c.contains(" Articles (10)"))
        });
        let stories = {
            let o = term.output.lock().unwrap();
            let c = o.parser.screen().contents();
            number_after(&c, " Stories (").unwrap_or(1)
        };
        let mut shown = String::new();
        let mut opened = std::collections::BTreeSet::new();
        for k in 0..stories {
            if stories > 1 {
                term.send(&format!("\x7fg{}\r", "j".repeat(k)));
                let title = format!(" Story {}/{stories} ", k + 1);
                term.wait_for(&title, |s| s.contents().contains(&title));
            }
            let articles = number_after(&settled(&term), " Articles (").unwrap();
            for r in 0..articles {
                // The list has the focus when a story opens, the reading pane after.
                let back = if r == 0 && stories > 1 { "" } else { "h" };
                term.send(&format!("{back}g{}\rG", "j".repeat(r)));
                let screen = settled(&term);
                let status = screen.lines().last().unwrap_or_default().trim_start();
                opened.extend(number_after(status, ""));
                for p in PAYLOADS {
                    assert!(
                        !screen.contains(p),
                        "{p:?} on screen in story {k}, article {r}:\n{screen}"
                    );
                }
                shown.push_str(&screen);
            }
        }
        assert_eq!(opened.len(), 10, "every article opened: {opened:?}");
        // The articles were really drawn: the visible text around the escapes is there.
        for visible in ["site du ministère", "porte-parole", "Macron", "Toulouse"] {
            assert!(shown.contains(visible), "{visible:?} never shown");
        }
        term.send("q");
        assert!(term.wait_exit().success());
        std::thread::sleep(Duration::from_millis(200));
        let o = term.output.lock().unwrap();
        check_bytes(&o.bytes);
        let seen = o.parser.callbacks();
        assert!(
            seen.clipboard.is_empty(),
            "clipboard written: {:?}",
            seen.clipboard
        );
        assert!(
            seen.titles.is_empty(),
            "window title set: {:?}",
            seen.titles
        );
        assert!(seen.osc.is_empty(), "OSC sequences: {:?}", seen.osc);
    }
}
