//! How fast a newsboat cache opens compared with a folder holding the same articles as
//! saved web pages. The articles come from the seeded generator of
//! `benches/support/generate.rs`; each becomes one `rss_item` (its paragraphs as HTML, in
//! 50 feeds) of a database made with newsboat's schema, and one `.html` file of a folder.
//! Both are written once under the system's temporary folder, then each is loaded three
//! times (`corpus::load_paths`, as the reader and every command do) and the best time kept.
//!
//! `cargo run --release --example newsboat_scale -- 10000 30000`

/// The program's allocator, so that what is measured here is what ships (`src/main.rs`).
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../benches/support/generate.rs"]
mod generate;

use recoupe::corpus::{load_paths, LoadOptions};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn html_of(text: &str) -> String {
    let mut out = String::new();
    for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        out.push_str("<p>");
        out.push_str(
            &para
                .trim()
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;"),
        );
        out.push_str("</p>\n");
    }
    out
}

fn write_both(n: usize, root: &Path) -> (PathBuf, PathBuf) {
    let db_path = root.join(format!("newsboat-{n}.db"));
    let folder = root.join(format!("pages-{n}"));
    if db_path.is_file() && folder.is_dir() {
        return (db_path, folder);
    }
    let pool = generate::sentence_pool(Path::new(env!("CARGO_MANIFEST_DIR")));
    let corpus = generate::corpus(n, 42, &pool);
    let _ = std::fs::remove_file(&db_path);
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    let mut db = Connection::open(&db_path).unwrap();
    db.execute_batch(
        "CREATE TABLE rss_feed (rssurl VARCHAR(1024) PRIMARY KEY NOT NULL, url VARCHAR(1024) NOT NULL, \
         title VARCHAR(1024) NOT NULL, lastmodified INTEGER(11) NOT NULL DEFAULT 0, \
         is_rtl INTEGER(1) NOT NULL DEFAULT 0, etag VARCHAR(128) NOT NULL DEFAULT '');
         CREATE TABLE rss_item (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, guid VARCHAR(64) NOT NULL, \
         title VARCHAR(1024) NOT NULL, author VARCHAR(1024) NOT NULL, url VARCHAR(1024) NOT NULL, \
         feedurl VARCHAR(1024) NOT NULL, pubDate INTEGER NOT NULL, content VARCHAR(65535) NOT NULL, \
         unread INTEGER(1) NOT NULL, enclosure_url VARCHAR(1024), enclosure_type VARCHAR(1024), \
         enqueued INTEGER(1) NOT NULL DEFAULT 0, flags VARCHAR(52), deleted INTEGER(1) NOT NULL DEFAULT 0, \
         base VARCHAR(128) NOT NULL DEFAULT '', content_mime_type VARCHAR(255) NOT NULL DEFAULT '', \
         enclosure_description VARCHAR(1024) NOT NULL DEFAULT '', \
         enclosure_description_mime_type VARCHAR(128) NOT NULL DEFAULT '');",
    )
    .unwrap();
    let tx = db.transaction().unwrap();
    for f in 0..50 {
        tx.execute(
            "INSERT INTO rss_feed (rssurl, url, title) VALUES (?1, ?1, ?2)",
            (format!("https://feed{f}.example/rss"), format!("Feed {f}")),
        )
        .unwrap();
    }
    for (i, a) in corpus.articles.iter().enumerate() {
        let body = html_of(&a.text);
        tx.execute(
            "INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread) \
             VALUES (?1, ?2, '', ?3, ?4, ?5, ?6, 0)",
            (
                &a.id,
                &a.title,
                format!("https://e.example/{}", a.id),
                format!("https://feed{}.example/rss", i % 50),
                1_500_000_000 + i as i64 * 600,
                &body,
            ),
        )
        .unwrap();
        let page = format!(
            "<!doctype html><html><head><title>{}</title></head><body><article>{body}</article></body></html>",
            a.title.replace('<', "&lt;")
        );
        std::fs::write(folder.join(format!("{}.html", a.id)), page).unwrap();
    }
    tx.commit().unwrap();
    (db_path, folder)
}

fn best_of_three(path: &Path) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut count = 0;
    for _ in 0..3 {
        let start = Instant::now();
        let corpus = load_paths(&[path.to_path_buf()], &LoadOptions::default());
        best = best.min(start.elapsed());
        count = corpus.articles.len();
    }
    (best, count)
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000]
    } else {
        sizes
    };
    let root = std::env::temp_dir().join("recoupe-newsboat-scale");
    std::fs::create_dir_all(&root).unwrap();
    println!("| items | newsboat cache | folder of .html files |");
    println!("|------:|---------------:|----------------------:|");
    for n in sizes {
        let (db, folder) = write_both(n, &root);
        let (t_db, n_db) = best_of_three(&db);
        let (t_dir, n_dir) = best_of_three(&folder);
        assert_eq!(n_db, n_dir, "both hold the same articles");
        println!(
            "| {n} | {:.2} s | {:.2} s |",
            t_db.as_secs_f64(),
            t_dir.as_secs_f64()
        );
    }
}
