//! A torture corpus: generated articles in every format recoupe reads, mixing what real
//! French and English news holds (’ « » no-break spaces, accents, ligatures, figures with
//! scales and counted nouns, dates, emoji, right-to-left text, long fields) with what
//! hostile files hold (escape sequences, deep nesting, a multi-byte character astride a
//! fixed-size cut). Every command runs over it through the built program and the reader
//! draws every article: nothing panics, every command succeeds, and nothing printed holds
//! a control character.

use recoupe::fuzzing::assert_clean;
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Output};

/// Pieces of text the generator strings together.
const PIECES: &[&str] = &[
    "Le pays compte 12 millions d'électeurs.",
    "30 millions d’économies",
    "8000 mi-jåurnée.",
    "près de 1,3 milliard d’utilisateurs",
    "« Nous ne partageons pas »,\u{a0}a déclaré une porte-parole de JPMorgan Chase.",
    "Le 14\u{a0}juillet 2018, à 18\u{202f}h, mi-août.",
    "9\u{a0}000 emplois supprimés, 6\u{202f}000 remplacés",
    "said Wilfredo Tamayo, a coast guard commander.",
    "$1.5bn (£1.1bn) in 2019, up 12% on the year",
    "Œuvre, cœur, ﬁnance, Straße, Zürich",
    "👍🏽 👨‍👩‍👧 🇫🇷",
    "שלום עולם، مرحبا بالعالم",
    "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]0;PWN\u{7}\u{1b}[2J",
    "\u{202e}evil\u{202c}",
    "\u{e0041}\u{e0042} tag\u{200b}zero\u{200d}joiner\u{200e}",
    "line\u{2028}separator\u{2029}paragraph",
    "D’après l’AFP, 22 morts et 23 disparus ; « environ 50 ».",
    "M. Jean-Pierre de la Tour-d’Auvergne, 65 ans, a dit lundi.",
];

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }

    fn text(&mut self, sentences: usize) -> String {
        let mut out = String::new();
        for k in 0..sentences {
            out.push_str(PIECES[self.next() % PIECES.len()]);
            out.push_str(if k % 4 == 3 { "\n\n" } else { " " });
        }
        out
    }
}

/// Writes the corpus: plain text, Markdown, web pages (one nested 20,000 deep), JSON with a
/// multi-byte character across byte 2048, JSON Lines and a feed.
fn write_corpus(dir: &Path, seed: u64) {
    let mut rng = Rng(seed);
    for i in 0..8 {
        let body = rng.text(12);
        std::fs::write(
            dir.join(format!("t{i}.txt")),
            format!("Titre {i}\n\n{body}"),
        )
        .unwrap();
    }
    std::fs::write(dir.join("m.md"), format!("# Titre\n\n*{}*\n", rng.text(8))).unwrap();
    let deep = format!(
        "<html><body><p>{}{}{}</p></body></html>",
        "<b>".repeat(20_000),
        rng.text(3),
        "</b>".repeat(20_000)
    );
    std::fs::write(dir.join("deep.html"), deep).unwrap();
    let page = format!(
        "<html lang=\"fr\"><head><title>Page &#27;[31m</title></head><body><article><p>{}</p><p>{}</p></article></body></html>",
        rng.text(6),
        rng.text(6)
    );
    std::fs::write(dir.join("page.html"), page).unwrap();
    // The body's byte 2047 falls inside "é".
    let mut long = "a".repeat(2046);
    long.push('é');
    long.push_str(&rng.text(4));
    let json = serde_json::json!({"title": "Long", "content": format!("<p>{long}</p>")});
    std::fs::write(dir.join("long.json"), json.to_string()).unwrap();
    let mut lines = String::new();
    for i in 0..3 {
        let rec = serde_json::json!({"title": format!("L{i}"), "text": rng.text(5)});
        writeln!(lines, "{rec}").unwrap();
    }
    std::fs::write(dir.join("lines.jsonl"), lines).unwrap();
    let mut items = String::new();
    for i in 0..3 {
        let body = format!("<p>{}</p>", rng.text(4))
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        write!(
            items,
            "<item><title>Item {i}</title><description>{body}</description></item>"
        )
        .unwrap();
    }
    let feed = format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>{items}</channel></rss>");
    std::fs::write(dir.join("feed.rss"), feed).unwrap();
}

fn recoupe(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(args)
        .env("RECOUPE_DATA_DIR", home.join("data"))
        .env("RECOUPE_CACHE_DIR", home.join("cache"))
        .env("NO_COLOR", "1")
        .output()
        .expect("run recoupe")
}

fn assert_printed_clean(what: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    assert!(!text.contains("panicked"), "{what}: {text}");
    assert_clean(what, text);
}

#[test]
fn every_command_runs_clean_over_the_torture_corpus() {
    for seed in [0x9E37_79B9_7F4A_7C15u64, 42, 7] {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("corpus");
        std::fs::create_dir(&dir).unwrap();
        write_corpus(&dir, seed);
        let path = dir.to_str().unwrap();
        for args in [
            vec!["articles", "--json", path],
            vec!["articles", path],
            vec!["entities", "--json", "--no-cache", path],
            vec!["entities", path],
            vec!["facts", "--json", "--no-cache", path],
            vec!["facts", path],
            vec!["export", "--format", "markdown", path],
            vec!["export", "--format", "w3c", path],
        ] {
            let out = recoupe(&args, home.path());
            let what = format!("seed {seed:x}: recoupe {}", args.join(" "));
            assert!(
                out.status.success(),
                "{what}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert_printed_clean(&format!("{what} (stdout)"), &out.stdout);
            assert_printed_clean(&format!("{what} (stderr)"), &out.stderr);
        }
    }
}

#[cfg(feature = "app")]
#[test]
fn the_reader_draws_every_torture_article_at_every_size() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;
    use recoupe::corpus::{load_paths, LoadOptions};
    use recoupe::tui::{draw, App};

    let home = tempfile::tempdir().unwrap();
    write_corpus(home.path(), 3);
    let corpus = load_paths(&[home.path().to_path_buf()], &LoadOptions::default());
    assert!(corpus.articles.len() >= 12, "{:?}", corpus.warnings);
    let analysis = recoupe::analysis::analyse(&corpus);
    let n = corpus.articles.len();
    let mut app = App::new(corpus, analysis);
    for (w, h) in [(120, 40), (80, 24), (20, 6)] {
        app.resize(w, h);
        for _ in 0..n {
            for code in [
                KeyCode::Enter,
                KeyCode::Char('j'),
                KeyCode::Char(']'),
                KeyCode::Char('G'),
            ] {
                app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
            }
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| draw(f, &app)).unwrap();
            for cell in t.backend().buffer().content() {
                assert_clean("screen cell", cell.symbol());
            }
            app.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
            app.handle_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
        }
    }
}
