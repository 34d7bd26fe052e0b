//! The real binary in a real pseudo-terminal, its screen read back by a terminal emulator:
//! it starts on the bundled articles, keys move and open, and every way out (`q`,
//! SIGTERM) leaves the terminal as it found it.
#![cfg(all(unix, feature = "app"))]

#[path = "../benches/support/generate.rs"]
mod generate;
#[path = "it/keys/mod.rs"]
mod keys;
#[path = "it/pty/mod.rs"]
mod pty;
use keys::TITLES;
use nix::sys::termios::LocalFlags;
use pty::TIMEOUT;
use std::thread;
use std::time::{Duration, Instant};

/// The reader running in a pseudo-terminal of 120×40.
struct Session {
    pty: pty::Pty<()>,
    /// The session's own data folder and configuration path, never the user's.
    home: tempfile::TempDir,
}

impl std::ops::Deref for Session {
    type Target = pty::Pty<()>;
    fn deref(&self) -> &Self::Target {
        &self.pty
    }
}

impl std::ops::DerefMut for Session {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.pty
    }
}

impl Session {
    fn start(env: &[(&str, &str)]) -> Session {
        Session::start_on(&[], env)
    }

    /// The reader on `paths` (the bundled articles when empty).
    fn start_on(paths: &[&std::path::Path], env: &[(&str, &str)]) -> Session {
        let mut cmd = pty::recoupe_command();
        for p in paths {
            cmd.arg(p);
        }
        cmd.env_remove("NO_COLOR");
        let home = tempfile::tempdir().expect("a temp dir");
        cmd.env("RECOUPE_DATA_DIR", home.path().join("data"));
        cmd.env("RECOUPE_CACHE_DIR", home.path().join("cache"));
        cmd.env("RECOUPE_CONFIG", home.path().join("config.toml"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(std::env::temp_dir());
        Session {
            pty: pty::spawn(cmd, ()),
            home,
        }
    }

    fn raw_mode(&self) -> bool {
        let t = self.master.get_termios().expect("termios of the pty");
        !t.local_flags
            .contains(LocalFlags::ICANON | LocalFlags::ECHO)
    }

    /// Checks that the bytes written after entering the alternate screen leave it, show the
    /// cursor and stop mouse reporting, and that the pty is out of raw mode.
    fn assert_restored(&self) {
        // The reader thread may still be draining the last bytes.
        let start = Instant::now();
        loop {
            let done = {
                let out = self.output.lock().unwrap();
                let bytes = &out.bytes;
                // On a loaded machine the reader thread may not have the bytes yet.
                find_last(bytes, b"\x1b[?1049h").is_some_and(|entered| {
                    let after = &bytes[entered..];
                    find_last(after, b"\x1b[?1049l").is_some()
                        && find_last(after, b"\x1b[?25h").is_some()
                        && find_last(after, b"\x1b[?1000l").is_some()
                })
            };
            if done {
                break;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "terminal not restored (or alternate screen never entered)"
            );
            thread::sleep(Duration::from_millis(20));
        }
        assert!(!self.raw_mode(), "raw mode left on");
    }
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[test]
fn lists_the_bundled_articles_opens_one_and_quits_cleanly() {
    let mut s = Session::start(&[]);
    s.wait_for("the five titles", |screen| {
        TITLES.iter().all(|t| screen.contents().contains(t))
    });
    assert!(s.raw_mode(), "the reader runs in raw mode");
    s.send("jj\r");
    s.wait_for("the third article", |screen| {
        let c = screen.contents();
        c.contains(" 3/5 ") && c.contains("Pour ceux qui n’avaient pas confiance")
    });
    s.send("G");
    s.wait_for("the end of the article", |screen| {
        screen.contents().contains("100%")
    });
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    s.assert_restored();
}

#[test]
fn no_color_draws_the_cursor_in_reverse_without_colours() {
    let mut s = Session::start(&[("NO_COLOR", "1")]);
    s.wait_for("the first screen", |screen| {
        screen.contents().contains(TITLES[0])
    });
    s.send("jj\rjjj");
    s.wait_for("the cursor on the fourth sentence", |screen| {
        let Some((row, col)) = position(screen, "Le rapport insiste") else {
            return false;
        };
        screen.cell(row, col).is_some_and(|c| c.inverse())
    });
    {
        let out = s.output.lock().unwrap();
        let screen = out.parser.screen();
        for row in 0..40 {
            for col in 0..120 {
                let cell = screen.cell(row, col).unwrap();
                assert_eq!(
                    cell.fgcolor(),
                    vt100::Color::Default,
                    "colour at {row},{col}"
                );
                assert_eq!(
                    cell.bgcolor(),
                    vt100::Color::Default,
                    "colour at {row},{col}"
                );
            }
        }
    }
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn a_note_typed_in_the_terminal_is_saved_in_the_data_folder() {
    let mut s = Session::start(&[]);
    s.wait_for("the first screen", |screen| {
        screen.contents().contains(TITLES[0])
    });
    s.send("\ra");
    s.wait_for("the note editor", |screen| {
        screen.contents().contains("Enter saves")
    });
    s.send("vu à l’écran\r");
    s.wait_for("the note saved", |screen| {
        screen.contents().contains("note saved")
    });
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
    let notes = s.home.path().join("data").join("notes");
    let stored: String = std::fs::read_dir(&notes)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap_or_default())
        .collect();
    assert!(stored.contains("vu à l’écran"), "{stored}");
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    use nix::sys::signal::Signal;
    for signal in [Signal::SIGTERM, Signal::SIGHUP] {
        let mut s = Session::start(&[]);
        s.wait_for("the first screen", |screen| {
            screen.contents().contains(TITLES[0])
        });
        let pid = s.child.process_id().expect("child pid") as i32;
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), signal).unwrap();
        let status = s.wait_exit();
        assert!(
            !status.success(),
            "{signal} should not look like a normal exit"
        );
        s.assert_restored();
    }
}

/// Row and column of the first cell of `needle` on screen.
fn position(screen: &vt100::Screen, needle: &str) -> Option<(u16, u16)> {
    let (rows, cols) = screen.size();
    for row in 0..rows.get() {
        let mut line = String::new();
        let mut starts = Vec::new();
        for col in 0..cols.get() {
            starts.push(line.len());
            line.push_str(screen.cell(row, col)?.contents());
        }
        if let Some(at) = line.find(needle) {
            let col = starts.iter().rposition(|&b| b <= at)?;
            return Some((row, col as u16));
        }
    }
    None
}

/// A corpus large enough that its analysis is still running when `q` arrives: the reader
/// is already drawn and shows its gauge, quits at once, and leaves the cache either empty or
/// with a whole entry, never a temporary file.
#[test]
fn quitting_during_the_analysis_is_prompt_and_leaves_no_partial_cache_entry() {
    let pool = generate::sentence_pool(std::path::Path::new(env!("CARGO_MANIFEST_DIR")));
    let corpus = generate::corpus(3000, 9, &pool);
    let dir = tempfile::tempdir().unwrap();
    for a in &corpus.articles {
        std::fs::write(dir.path().join(format!("{}.txt", a.id)), &a.text).unwrap();
    }
    let mut s = Session::start_on(&[dir.path()], &[]);
    s.wait_for("the gauge", |screen| {
        screen.contents().contains("analysing:")
    });
    s.send("jjq");
    let asked = Instant::now();
    assert!(s.wait_exit().success());
    let took = asked.elapsed();
    assert!(took < Duration::from_secs(5), "took {took:?} to quit");
    s.assert_restored();
    let cache = s.home.path().join("cache").join("analysis");
    let files: Vec<String> = std::fs::read_dir(&cache)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(files.iter().all(|f| f.ends_with(".bin")), "{files:?}");
    assert!(files.len() <= 1, "{files:?}");
}

/// Paths with nothing to read: the terminal is given back and one line says why.
#[test]
fn a_folder_with_nothing_to_read_gives_the_terminal_back_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    let mut s = Session::start_on(&[&missing], &[]);
    assert!(!s.wait_exit().success());
    s.assert_restored();
    s.wait_for("the error line", |screen| {
        let text = screen.contents();
        text.contains("recoupe: error: no article could be loaded") && text.contains("missing")
    });
}

/// A folder that takes a while to read: the terminal shows the files found and read at
/// once, and `q` leaves before the reading is over.
#[test]
fn a_long_load_shows_its_progress_and_q_leaves_during_it() {
    let dir = tempfile::tempdir().unwrap();
    pty::tiny_files(dir.path(), 30_000, 1000);
    let mut s = Session::start_on(&[dir.path()], &[]);
    s.wait_for("the loading gauge", |screen| {
        let text = screen.contents();
        text.contains("reading articles") || text.contains("finding articles")
    });
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// Opened a second time, a folder shows its article list from the cache's index at once,
/// and the open article's text read from its file alone, before the other articles are
/// read again; they follow.
#[test]
fn a_second_open_shows_the_list_and_the_open_article_before_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    for i in 0..20_000 {
        let sub = articles.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub).unwrap();
        }
        let text = format!("Dépêche {i}\n\nLe texte de la dépêche numéro {i}.\n");
        std::fs::write(sub.join(format!("{i:05}.txt")), text).unwrap();
    }
    let cache = dir.path().join("cache");
    let env = [("RECOUPE_CACHE_DIR", cache.to_str().unwrap())];
    let mut first = Session::start_on(&[&articles], &env);
    first.wait_for("the list of the first open", |screen| {
        screen.contents().contains("Dépêche 0")
    });
    let index = cache.join("index");
    let start = Instant::now();
    while std::fs::read_dir(&index).map_or(true, |d| {
        !d.flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "bin"))
    }) {
        assert!(start.elapsed() < TIMEOUT, "no corpus index written");
        thread::sleep(Duration::from_millis(50));
    }
    first.send("q");
    assert!(first.wait_exit().success());

    let mut second = Session::start_on(&[&articles], &env);
    second.wait_for(
        "the list and the open article, the others still to come",
        |screen| {
            let c = screen.contents();
            c.contains("Dépêche 0")
                && c.contains("Le texte de la dépêche numéro 0.")
                && c.contains("reading articles")
        },
    );
    second.wait_for("every article in", |screen| {
        let c = screen.contents();
        c.contains("Le texte de la dépêche numéro 0.") && !c.contains("reading articles")
    });
    second.send("q");
    assert!(second.wait_exit().success());
    second.assert_restored();
}

/// The terminal going away (its window closed, the connection dropped) ends the reader
/// within a moment, with the status of a SIGHUP, instead of leaving it reading the dead
/// terminal on one core for good.
#[test]
fn the_reader_ends_when_its_terminal_goes_away() {
    use portable_pty::{native_pty_system, PtySize};
    use std::io::Read;
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut cmd = pty::recoupe_command();
    cmd.env("RECOUPE_DATA_DIR", home.path().join("data"));
    cmd.env("RECOUPE_CACHE_DIR", home.path().join("cache"));
    cmd.env("RECOUPE_CONFIG", home.path().join("config.toml"));
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    // Read until the reader has drawn its list, then close every end of the terminal.
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 8192];
    while !String::from_utf8_lossy(&seen).contains("Articles") {
        let n = reader.read(&mut buf).unwrap();
        assert!(n > 0, "the reader ended before drawing");
        seen.extend_from_slice(&buf[..n]);
    }
    thread::sleep(Duration::from_millis(300));
    drop((reader, pair.master));
    let gone = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if gone.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("the reader kept running without its terminal");
        }
        thread::sleep(Duration::from_millis(50));
    };
    assert!(
        gone.elapsed() < Duration::from_secs(5),
        "{:?}",
        gone.elapsed()
    );
    assert_eq!(status.exit_code(), 129, "{status:?}");
}
