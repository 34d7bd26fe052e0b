//! newsboat's cache as a collection: a database made here with newsboat's own schema opens
//! with its items' titles, sources and dates, deleted items left out, and is left exactly
//! as it was, even while another connection holds a write lock on it.
#![cfg(feature = "newsboat")]

use recoupe::corpus::{load_paths, LoadOptions};
use rusqlite::Connection;
use std::path::Path;
use std::process::Command;

/// newsboat's schema (cache.cpp, newsboat 2.x).
const SCHEMA: &str = r#"
CREATE TABLE rss_feed (
    rssurl VARCHAR(1024) PRIMARY KEY NOT NULL,
    url VARCHAR(1024) NOT NULL,
    title VARCHAR(1024) NOT NULL,
    lastmodified INTEGER(11) NOT NULL DEFAULT 0,
    is_rtl INTEGER(1) NOT NULL DEFAULT 0,
    etag VARCHAR(128) NOT NULL DEFAULT "");
CREATE TABLE rss_item (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    guid VARCHAR(64) NOT NULL,
    title VARCHAR(1024) NOT NULL,
    author VARCHAR(1024) NOT NULL,
    url VARCHAR(1024) NOT NULL,
    feedurl VARCHAR(1024) NOT NULL,
    pubDate INTEGER NOT NULL,
    content VARCHAR(65535) NOT NULL,
    unread INTEGER(1) NOT NULL,
    enclosure_url VARCHAR(1024),
    enclosure_type VARCHAR(1024),
    enqueued INTEGER(1) NOT NULL DEFAULT 0,
    flags VARCHAR(52),
    deleted INTEGER(1) NOT NULL DEFAULT 0,
    base VARCHAR(128) NOT NULL DEFAULT "",
    content_mime_type VARCHAR(255) NOT NULL DEFAULT "",
    enclosure_description VARCHAR(1024) NOT NULL DEFAULT "",
    enclosure_description_mime_type VARCHAR(128) NOT NULL DEFAULT "");
CREATE INDEX idx_rssurl ON rss_feed(rssurl);
CREATE INDEX idx_guid ON rss_item(guid);
CREATE INDEX idx_feedurl ON rss_item(feedurl);
"#;

fn make_cache(path: &Path) {
    let db = Connection::open(path).unwrap();
    db.execute_batch(SCHEMA).unwrap();
    for (rssurl, title) in [
        ("https://fil.example/rss", "Le Fil"),
        ("https://wire.example/atom", "Wire \u{1b}[31mNews"),
    ] {
        db.execute(
            "INSERT INTO rss_feed (rssurl, url, title) VALUES (?1, ?1, ?2)",
            (rssurl, title),
        )
        .unwrap();
    }
    let items: [(&str, &str, &str, i64, &str, i64); 4] = [
        (
            "Le port rouvre",
            "Anne Dupont",
            "https://fil.example/rss",
            1_533_549_600, // 2018-08-06T10:00:00Z
            "<p>Le port de la ville <b>rouvre</b> après trois mois de travaux.</p>\
             <p>Le chantier a coûté 12 millions d'euros.</p>",
            0,
        ),
        (
            "Port reopens",
            "",
            "https://wire.example/atom",
            1_533_636_000, // 2018-08-07T10:00:00Z
            "The harbour reopened after three months of work costing 12 million euros.",
            0,
        ),
        (
            "Supprimé",
            "X",
            "https://fil.example/rss",
            1_533_700_000,
            "<p>Cet article a été supprimé dans newsboat.</p>",
            1,
        ),
        (
            "Sans flux",
            "",
            "https://orphan.example/feed",
            1_533_800_000,
            "<p>Un article dont le flux n'est plus suivi &#27;[2J.</p>",
            0,
        ),
    ];
    for (i, (title, author, feed, date, content, deleted)) in items.iter().enumerate() {
        db.execute(
            "INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread, deleted) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8)",
            (
                format!("guid-{i}"),
                title,
                author,
                format!("https://articles.example/{i}"),
                feed,
                date,
                content,
                deleted,
            ),
        )
        .unwrap();
    }
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let m = std::fs::metadata(&p).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
                m.modified().unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_newsboat_cache_opens_as_a_collection_and_is_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("cache.db");
    make_cache(&db_path);
    let before = snapshot(dir.path());

    // newsboat holds a write lock while it reloads: reading must not wait for it.
    let writer = Connection::open(&db_path).unwrap();
    writer.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let corpus = load_paths(std::slice::from_ref(&db_path), &LoadOptions::default());
    writer.execute_batch("ROLLBACK").unwrap();
    drop(writer);

    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    let titles: Vec<&str> = corpus.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Le port rouvre", "Port reopens", "Sans flux"]);
    let first = &corpus.articles[0];
    assert_eq!(first.meta.source.as_deref(), Some("Le Fil"));
    assert_eq!(first.meta.date.as_deref(), Some("2018-08-06T10:00:00Z"));
    assert_eq!(first.meta.author.as_deref(), Some("Anne Dupont"));
    assert_eq!(
        first.meta.url.as_deref(),
        Some("https://articles.example/0")
    );
    assert!(first
        .text
        .contains("Le port de la ville rouvre après trois mois de travaux.\n\nLe chantier"));
    let second = &corpus.articles[1];
    assert_eq!(second.meta.source.as_deref(), Some("Wire News"));
    assert_eq!(second.meta.author, None);
    assert_eq!(second.meta.date.as_deref(), Some("2018-08-07T10:00:00Z"));
    assert_eq!(second.language.code(), "en");
    // A feed newsboat no longer lists is named by its host; an encoded escape is removed.
    let third = &corpus.articles[2];
    assert_eq!(third.meta.source.as_deref(), Some("orphan.example"));
    assert!(!third.text.contains('\u{1b}') && !third.text.contains("[2J"));
    let mut ids: Vec<&str> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 3);

    assert_eq!(snapshot(dir.path()), before, "the cache folder changed");
}

#[test]
fn a_database_that_is_not_newsboats_is_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);")
        .unwrap();
    std::fs::write(dir.path().join("a.txt"), "Un article.\n").unwrap();
    let corpus = load_paths(&[other, dir.path().join("a.txt")], &LoadOptions::default());
    assert_eq!(corpus.articles.len(), 1);
    assert_eq!(corpus.warnings.len(), 1);
    let w = corpus.warnings[0].to_string();
    assert!(w.contains("other.db: not a newsboat cache"), "{w}");
}

#[test]
fn dash_dash_newsboat_finds_the_cache_in_the_home_folder() {
    let home = tempfile::tempdir().unwrap();
    let nb = home.path().join(".local/share/newsboat");
    std::fs::create_dir_all(&nb).unwrap();
    make_cache(&nb.join("cache.db"));
    let out = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(["articles", "--json", "--newsboat"])
        .current_dir(home.path())
        .env("HOME", home.path())
        .env_remove("XDG_DATA_HOME")
        .env("RECOUPE_CACHE_DIR", home.path().join(".cache"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 3);

    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(["articles", "--newsboat"])
        .env("HOME", empty.path())
        .env_remove("XDG_DATA_HOME")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no newsboat cache found"));
}
