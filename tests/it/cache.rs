//! The cache of analyses through the built binary: a second run reads what the first
//! wrote, a changed article is a miss (and only it is made again), a corrupt entry is
//! reported and rebuilt, `--no-cache` neither reads nor writes, and `recoupe cache clear`
//! empties it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Setup {
    _dir: tempfile::TempDir,
    articles: PathBuf,
    cache: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for f in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, articles.join(f.file_name().unwrap())).unwrap();
    }
    let cache = dir.path().join("cache");
    Setup {
        _dir: dir,
        articles,
        cache,
    }
}

fn run(s: &Setup, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(args)
        .env("RECOUPE_CACHE_DIR", &s.cache)
        .env("RECOUPE_CONFIG", s.cache.with_file_name("no-config.toml"))
        .output()
        .expect("run recoupe");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn facts(s: &Setup, extra: &[&str]) -> (String, String) {
    let mut args = vec!["facts", "--json"];
    args.extend_from_slice(extra);
    args.push(s.articles.to_str().unwrap());
    let out = run(s, &args);
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The cache's entries, with the inode of each (a rewrite makes a new file).
fn entries(s: &Setup) -> Vec<(PathBuf, u64)> {
    use std::os::unix::fs::MetadataExt;
    let Ok(dir) = std::fs::read_dir(s.cache.join("analysis")) else {
        return Vec::new();
    };
    let mut v: Vec<(PathBuf, u64)> = dir
        .map(|e| e.unwrap().path())
        .map(|p| {
            let ino = std::fs::metadata(&p).unwrap().ino();
            (p, ino)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn second_run_reads_the_entry_the_first_wrote() {
    let s = setup();
    let (first, err) = facts(&s, &[]);
    assert!(err.is_empty(), "{err}");
    let written = entries(&s);
    assert_eq!(written.len(), 1);
    let (second, _) = facts(&s, &[]);
    assert_eq!(first, second);
    assert_eq!(entries(&s), written, "a hit leaves the entry untouched");
    let entities = run(&s, &["entities", "--json", s.articles.to_str().unwrap()]);
    assert!(!entities.stdout.is_empty());
    assert_eq!(entries(&s), written, "entities come from the same entry");
}

#[test]
fn a_changed_article_is_a_miss_with_its_own_entry() {
    let s = setup();
    let (before, _) = facts(&s, &[]);
    let first = std::fs::read_dir(&s.articles)
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    let text = std::fs::read_to_string(&first).unwrap();
    std::fs::write(&first, text.replace("Facebook", "Meta")).unwrap();
    let (after, _) = facts(&s, &[]);
    assert_ne!(before, after);
    assert_eq!(entries(&s).len(), 2);
    // The four others' own analyses were read, not made again; the result is a fresh one's.
    let info = run(&s, &["cache"]);
    assert!(String::from_utf8_lossy(&info.stdout).contains("6 cached articles"));
    assert_eq!(facts(&s, &["--no-cache"]).0, after);
}

#[test]
fn a_corrupt_entry_is_reported_and_rebuilt() {
    let s = setup();
    let (good, _) = facts(&s, &[]);
    let all = entries(&s);
    assert_eq!(all.len(), 1);
    let entry = &all[0].0;
    let mut bytes = std::fs::read(entry).unwrap();
    let n = bytes.len();
    bytes[n - 3] ^= 0xff;
    std::fs::write(entry, &bytes).unwrap();
    let (again, err) = facts(&s, &[]);
    assert_eq!(good, again);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("cache entry ignored and rebuilt: checksum mismatch"),
        "{err}"
    );
    let (_, quiet) = facts(&s, &[]);
    assert!(quiet.is_empty(), "rebuilt entry is good: {quiet}");
}

#[test]
fn no_cache_neither_reads_nor_writes_and_clear_empties() {
    let s = setup();
    let (plain, _) = facts(&s, &["--no-cache"]);
    assert!(entries(&s).is_empty());
    let (cached, _) = facts(&s, &[]);
    assert_eq!(plain, cached);
    let info = run(&s, &["cache"]);
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("1 cached analyses"), "{info}");
    assert!(info.contains("5 cached articles"), "{info}");
    let cleared = run(&s, &["cache", "clear"]);
    let cleared = String::from_utf8_lossy(&cleared.stdout);
    assert!(cleared.contains("removed 6 files"), "{cleared}");
    assert!(entries(&s).is_empty());
    let info = run(&s, &["cache"]);
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("0 cached analyses") && info.contains("0 cached articles"));
}

/// The reader's corpus index, through the library: what a first open stores lets the next
/// one start from the titles, and the files read again always have the last word.
#[cfg(feature = "app")]
mod index {
    use super::setup;
    use recoupe::analysis::{self, stored, Lexicon, Progress};
    use recoupe::cache::{Cache, Lookup};
    use recoupe::corpus::{self, CorpusIndex, LoadOptions, LoadProgress};
    use recoupe::session::{index, Opening, Session};
    use recoupe::tui::warm;
    use recoupe::tui::{App, Focus};
    use std::time::{Duration, Instant};

    fn opening(s: &super::Setup) -> Opening {
        Opening {
            cache: Some(Cache::new(s.cache.clone())),
            warm: true,
            lowered: true,
            ..Opening::new(vec![s.articles.clone()])
        }
    }

    fn key_of(o: &Opening) -> String {
        index::key(&o.paths, &o.load).expect("an index key")
    }

    fn find(o: &Opening) -> (Option<CorpusIndex>, Option<String>) {
        index::find(o.cache.as_ref().unwrap(), &key_of(o))
    }

    /// The reader on the index of the last open, following a new open of `o`.
    fn preview(o: &Opening) -> App {
        let mut session = Session::open(o.clone());
        let index = session.take_index().expect("an index");
        warm::preview(session, &index, o.load.clone(), None)
    }

    /// A first open: the articles loaded, their analysis and index stored.
    fn first_open(o: &Opening) -> String {
        let key = key_of(o);
        let cache = o.cache.as_ref().unwrap();
        let progress = LoadProgress::default();
        let (corpus, stamps) = corpus::load_paths_stamped(&o.paths, &o.load, &progress);
        let lexicon = Lexicon::default();
        analysis::analyse_cached(&corpus, Some(cache), &lexicon, &Progress::new());
        let analysed = stored::corpus_key(&corpus, &lexicon);
        index::note_analysed(cache, &key, &analysed).unwrap();
        index::store(cache, &key, &corpus, stamps, &Default::default()).unwrap();
        key
    }

    /// Polls `app` until its articles and analysis are in.
    fn settle(app: &mut App) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while (app.is_loading() || app.analysing.is_some()) && Instant::now() < deadline {
            app.poll_loading();
            app.poll_analysis();
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(!app.is_loading() && app.analysing.is_none(), "did not land");
    }

    fn ids(c: &corpus::Corpus) -> Vec<(String, String)> {
        let each = c.articles.iter();
        each.map(|a| (a.id.clone(), a.title.clone())).collect()
    }

    #[test]
    fn a_second_open_starts_from_the_index_with_the_same_titles() {
        let s = setup();
        let o = opening(&s);
        assert!(find(&o).0.is_none(), "no index yet");
        first_open(&o);
        let loaded = corpus::load_paths(&o.paths, &o.load);
        let (index, warning) = find(&o);
        assert!(warning.is_none());
        let index = index.expect("the index");
        assert_eq!(ids(&index.preview()), ids(&loaded));
        assert_eq!(index.files.len(), 5);
        let mut app = preview(&o);
        assert!(app.is_loading());
        assert_eq!(ids(&app.corpus), ids(&loaded));
        settle(&mut app);
        assert_eq!(app.corpus.articles[0].text, loaded.articles[0].text);
        assert_eq!(app.analysis, analysis::analyse(&loaded));
    }

    #[test]
    fn changed_added_and_removed_files_are_noticed_when_the_articles_land() {
        let s = setup();
        let o = opening(&s);
        first_open(&o);
        let mut files: Vec<_> = std::fs::read_dir(&s.articles)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let text = std::fs::read_to_string(&files[1]).unwrap();
        std::fs::write(&files[1], text.replace("Facebook", "Meta")).unwrap();
        std::fs::remove_file(&files[3]).unwrap();
        std::fs::write(s.articles.join("zz-new.txt"), "Un titre\n\nUn texte neuf.").unwrap();
        let now = corpus::load_paths(&o.paths, &o.load);

        let index = find(&o).0.unwrap();
        assert!(!index.matches(&now));
        let mut app = preview(&o);
        press_down(&mut app, 4);
        let open = app.article().unwrap().id.clone();
        settle(&mut app);
        assert_eq!(ids(&app.corpus), ids(&now), "the list is corrected");
        assert_eq!(
            app.article().unwrap().id,
            open,
            "the open article stays open"
        );
        assert_eq!(
            app.analysis,
            analysis::analyse(&now),
            "the analysis of the files read, not the stored one"
        );
        let rewritten = find(&o).0.unwrap();
        assert!(rewritten.matches(&now), "the index is rewritten");
        assert_eq!(rewritten.files.len(), 5);
    }

    #[test]
    fn the_open_article_is_read_alone_at_once_and_the_reader_stays_where_it_was() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        use ratatui::{backend::TestBackend, Terminal};
        let s = setup();
        let o = opening(&s);
        first_open(&o);
        let loaded = corpus::load_paths(&o.paths, &o.load);
        let mut app = preview(&o);
        app.resize(100, 30);
        assert!(app.is_loading());
        let first = &loaded.articles[0];
        assert_eq!(
            app.article().unwrap().text,
            first.text,
            "read alone, at once"
        );
        assert!(app.corpus.articles[1].text.is_empty(), "only the open one");
        let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
        term.draw(|f| recoupe::tui::draw(f, &app)).unwrap();
        let shown: String = (term.backend().buffer().content.iter())
            .map(|c| c.symbol())
            .collect();
        let words: Vec<&str> = first
            .slice(first.structure.sentences[0].span)
            .split(' ')
            .collect();
        assert!(shown.contains(&words[..3].join(" ")), "{shown}");
        app.set_focus(Focus::Reader);
        for _ in 0..2 {
            let fx = app.handle_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
            app.perform(fx);
        }
        assert_eq!(app.reader.cursor, 2);
        settle(&mut app);
        assert_eq!(app.reader.article, Some(0));
        assert_eq!(app.reader.cursor, 2, "where it was once all the text is in");
    }

    #[test]
    fn a_folder_left_before_its_new_analysis_was_stored_starts_from_the_last_stored_one() {
        let s = setup();
        let o = opening(&s);
        let key = first_open(&o);
        let cache = o.cache.as_ref().unwrap();
        let before = corpus::load_paths(&o.paths, &o.load);
        std::fs::write(s.articles.join("zz-new.txt"), "Un titre\n\nUn texte neuf.").unwrap();
        // A reader opened the changed folder, rewrote its index and was left before the new
        // analysis was stored.
        let (now, stamps) = corpus::load_paths_stamped(&o.paths, &o.load, &Default::default());
        let index = find(&o).0.unwrap();
        index::store(cache, &key, &now, stamps, &index).unwrap();
        let index = find(&o).0.unwrap();
        assert!(index.matches(&now));

        let plain = Lexicon::default();
        let first = index::last_analysis_key(cache, &key, &index, &plain);
        assert_eq!(
            first,
            stored::corpus_key(&before, &plain),
            "the last one stored"
        );
        let Lookup::Hit(stored) = stored::read(cache, &first) else {
            panic!("stored")
        };
        let (carried, counts) = stored.carry_over(&now).expect("fits");
        assert_eq!((counts.kept, counts.new, counts.gone), (5, 1, 0));
        assert!(!carried.facts.facts.is_empty());

        // Once the new analysis is stored, it is the one read first.
        let mut app = preview(&o);
        settle(&mut app);
        assert_eq!(app.analysis, analysis::analyse(&now));
        let first = index::last_analysis_key(cache, &key, &index, &plain);
        assert_eq!(first, stored::corpus_key(&now, &plain));
        assert!(matches!(stored::read(cache, &first), Lookup::Hit(_)));
    }

    fn press_down(app: &mut App, times: usize) {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        for _ in 0..times {
            let fx = app.handle_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
            app.perform(fx);
        }
        {
            let fx = app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
            app.perform(fx);
        }
    }

    #[test]
    fn a_corrupt_index_is_reported_in_one_line_and_rebuilt() {
        let s = setup();
        let o = opening(&s);
        let key = first_open(&o);
        let path = s.cache.join("index").join(format!("{key}.bin"));
        let mut bytes = std::fs::read(&path).unwrap();
        let n = bytes.len();
        bytes[n - 2] ^= 0xff;
        std::fs::write(&path, &bytes).unwrap();
        let (index, warning) = find(&o);
        assert!(index.is_none());
        let warning = warning.expect("a warning");
        assert_eq!(warning.lines().count(), 1);
        assert!(
            warning.contains("corpus index ignored and rebuilt: checksum mismatch"),
            "{warning}"
        );
        first_open(&o);
        let (index, warning) = find(&o);
        assert!(index.is_some() && warning.is_none(), "rebuilt");
    }

    #[test]
    fn standard_input_and_missing_paths_have_no_index() {
        let s = setup();
        let opts = LoadOptions::default();
        assert!(index::key(&["-".into()], &opts).is_none());
        assert!(index::key(&[s.articles.join("missing")], &opts).is_none());
        assert!(index::key(&[], &opts).is_none());
        let other = LoadOptions {
            max_depth: 3,
            ..LoadOptions::default()
        };
        let paths = [s.articles.clone()];
        assert_ne!(index::key(&paths, &opts), index::key(&paths, &other));
    }
}
