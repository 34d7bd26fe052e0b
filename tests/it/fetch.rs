//! Fetching from the web, against a server on 127.0.0.1 started here (no internet): pages,
//! redirects, refusals, errors, charsets, gzip, limits, timeouts, feeds and `--follow`; and
//! the stored collection read back with the server gone.

use crate::support::http;
use crate::support::recoupe;

use http::{Reply, Server};
use recoupe::corpus::{load_paths, Corpus, LoadOptions};
use recoupe::fetch::{fetch_all, FetchOptions, FetchProgress, Report};
use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;
use std::time::Duration;

fn opts() -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_millis(400),
        max_body: 100_000,
        ..FetchOptions::default()
    }
}

fn article_page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"fr\"><head><title>{title}</title></head><body>\
         <nav>Accueil</nav><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn reason_for<'a>(report: &'a Report, url: &str) -> &'a str {
    report
        .failures
        .iter()
        .find(|f| f.url == url)
        .map(|f| f.reason.as_str())
        .unwrap_or_else(|| panic!("no failure for {url}: {:?}", report.failures))
}

fn load(dir: &Path) -> Corpus {
    load_paths(&[dir.to_path_buf()], &LoadOptions::default())
}

fn find<'a>(corpus: &'a Corpus, needle: &str) -> &'a recoupe::corpus::Article {
    corpus
        .articles
        .iter()
        .find(|a| a.text.contains(needle))
        .unwrap_or_else(|| panic!("no article with {needle:?}"))
}

#[test]
fn pages_redirects_refusals_errors_charsets_gzip_limits_and_timeouts() {
    let server = Server::start(|base| {
        let mut r = HashMap::new();
        r.insert(
            "/page".into(),
            Reply::html(&article_page(
                "La grue du port",
                "Le chantier du port a coûté 12 millions d'euros.",
            )),
        );
        r.insert("/r1".into(), Reply::redirect(302, "/r2"));
        r.insert("/r2".into(), Reply::redirect(301, &format!("{base}/moved")));
        r.insert(
            "/moved".into(),
            Reply::html(&article_page("Déplacé", "La page a changé d'adresse hier.")),
        );
        for n in 1..=11 {
            r.insert(
                format!("/hop/{n}"),
                Reply::redirect(307, &format!("/hop/{}", n - 1)),
            );
        }
        r.insert(
            "/hop/0".into(),
            Reply::html(&article_page("Au bout", "Dix redirections plus loin.")),
        );
        r.insert("/tofile".into(), Reply::redirect(302, "file:///etc/passwd"));
        r.insert("/missing".into(), Reply::status(404));
        r.insert("/broken".into(), Reply::status(500));
        let mut cp1252 = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head>\
            <body><article><p>L'\xe9t\xe9 co\xfbte 5 \x80 \x96 c\x92est cher, dit-on.</p></article></body></html>"
            .to_vec();
        cp1252.extend_from_slice(b"\n");
        r.insert("/cp1252".into(), Reply::with("text/html", cp1252));
        let koi8 = encoding_rs::KOI8_R
            .encode("<html><article><p>Привет, мир: статья о порте.</p></article></html>")
            .0
            .into_owned();
        r.insert(
            "/koi8".into(),
            Reply::with("text/html; charset=KOI8-R", koi8),
        );
        r.insert(
            "/gzip".into(),
            Reply::with(
                "text/html",
                gzip(article_page("Compressé", "Un texte envoyé compressé par gzip.").as_bytes()),
            )
            .header("Content-Encoding", "gzip"),
        );
        r.insert(
            "/huge".into(),
            Reply::html(&article_page("Énorme", &"mot ".repeat(50_000))),
        );
        r.insert(
            "/bomb".into(),
            Reply::with("text/html", gzip(" ".repeat(5_000_000).as_bytes()))
                .header("Content-Encoding", "gzip"),
        );
        r.insert("/silent".into(), Reply::Silent);
        r.insert(
            "/pdf".into(),
            Reply::with("application/pdf", b"%PDF-1.4".to_vec()),
        );
        r
    });
    let dir = tempfile::tempdir().unwrap();
    let ok = ["/page", "/r1", "/hop/10", "/cp1252", "/koi8", "/gzip"];
    let bad = [
        "/hop/11", "/tofile", "/missing", "/broken", "/huge", "/bomb", "/silent", "/pdf",
    ];
    let mut addresses: Vec<String> = ok.iter().chain(&bad).map(|p| server.url(p)).collect();
    addresses.push("file:///etc/passwd".into());
    addresses.push("ftp://127.0.0.1/x".into());
    let progress = FetchProgress::default();
    let report = fetch_all(&addresses, dir.path(), &opts(), &progress);
    assert_eq!(report.stored.len(), ok.len(), "{:?}", report.failures);
    assert_eq!(report.failures.len(), bad.len() + 2);
    assert_eq!(
        progress.done.load(std::sync::atomic::Ordering::SeqCst),
        addresses.len()
    );

    assert_eq!(
        reason_for(&report, &server.url("/hop/11")),
        "more than 10 redirects"
    );
    assert_eq!(
        reason_for(&report, &server.url("/tofile")),
        "redirected to a file: address, refused"
    );
    assert_eq!(
        reason_for(&report, &server.url("/missing")),
        "HTTP 404 Not Found"
    );
    assert_eq!(
        reason_for(&report, &server.url("/broken")),
        "HTTP 500 Internal Server Error"
    );
    assert!(reason_for(&report, &server.url("/huge")).contains("100000-byte limit"));
    assert!(reason_for(&report, &server.url("/bomb")).contains("100000-byte limit"));
    assert!(reason_for(&report, &server.url("/silent")).starts_with("no answer within 0.4 s"));
    assert!(reason_for(&report, &server.url("/pdf")).contains("application/pdf"));
    assert!(reason_for(&report, "file:///etc/passwd").contains("file: address, refused"));
    assert!(reason_for(&report, "ftp://127.0.0.1/x").contains("refused"));

    // Every request named recoupe; the file: address never reached anything.
    let requests = server.requests();
    assert!(
        requests.iter().all(|r| r.contains(" recoupe/")),
        "{requests:?}"
    );
    assert!(!requests.iter().any(|r| r.contains("passwd")));

    // The redirect chain is recorded: asked for /r1, answered by /moved.
    let moved = report
        .stored
        .iter()
        .find(|p| p.to_string_lossy().contains("r1"))
        .expect("stored under the address asked for");
    let sidecar =
        std::fs::read_to_string(recoupe::corpus::formats::fetched::sidecar_path(moved)).unwrap();
    let sidecar = recoupe::corpus::formats::fetched::parse_sidecar(&sidecar).unwrap();
    assert_eq!(sidecar.url, server.url("/r1"));
    assert_eq!(sidecar.final_url, server.url("/moved"));
    assert_eq!(
        sidecar.http_date.as_deref(),
        Some("Thu, 03 Dec 2026 10:00:00 GMT")
    );
    assert!(sidecar.fetched.ends_with('Z'));

    // With the server gone, the collection reads back from disk alone.
    server.stop();
    let before = server.requests().len();
    let corpus = load(dir.path());
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    assert_eq!(corpus.articles.len(), ok.len());
    assert_eq!(server.requests().len(), before);

    let page = find(&corpus, "12 millions");
    assert_eq!(page.title, "La grue du port");
    assert!(!page.text.contains("Accueil"));
    assert_eq!(page.meta.url.as_deref(), Some(server.url("/page").as_str()));
    assert_eq!(page.meta.source.as_deref(), Some("127.0.0.1"));
    let moved = find(&corpus, "changé d'adresse");
    assert_eq!(
        moved.meta.url.as_deref(),
        Some(server.url("/moved").as_str())
    );
    find(&corpus, "Dix redirections");
    let cafe = find(&corpus, "est cher");
    assert_eq!(cafe.title, "Café");
    assert!(
        cafe.text.contains("L'été coûte 5 € – c’est cher"),
        "{}",
        cafe.text
    );
    find(&corpus, "Привет, мир");
    find(&corpus, "compressé par gzip");
}

fn rss(base: &str, title: &str) -> String {
    let item = |n: u32, day: u32| {
        format!(
            "<item><title>Article {n}</title><link>{base}/item/{n}</link>\
             <author>auteur{n}@e.org (Auteur {n})</author>\
             <description>Résumé {n}.</description>\
             <pubDate>{day:02} Aug 2018 10:00:00 GMT</pubDate></item>"
        )
    };
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>\
         <link>{base}</link>{}{}{}</channel></rss>",
        item(1, 6),
        item(2, 7),
        item(3, 8)
    )
}

fn feed_server() -> Server {
    Server::start(|base| {
        let mut r = HashMap::new();
        r.insert(
            "/feed.xml".into(),
            Reply::with("application/rss+xml", rss(base, "Le Fil").into_bytes()),
        );
        for n in 1..=3 {
            // Pages without a title or site name of their own: the feed gives them.
            r.insert(
                format!("/item/{n}"),
                Reply::html(&format!(
                    "<html><body><article><p>Texte complet de l'article numéro {n}, \
                     bien plus long que son résumé.</p></article></body></html>"
                )),
            );
        }
        r.insert(
            "/subs.opml".into(),
            Reply::with(
                "text/x-opml",
                format!(
                    "<?xml version=\"1.0\"?><opml version=\"2.0\"><body>\
                     <outline text=\"Le Fil\" type=\"rss\" xmlUrl=\"{base}/feed.xml\"/>\
                     </body></opml>"
                )
                .into_bytes(),
            ),
        );
        r
    })
}

#[test]
fn a_feed_gives_its_items_and_follow_fetches_their_pages() {
    let server = feed_server();
    let feed_url = server.url("/feed.xml");

    let stored = tempfile::tempdir().unwrap();
    let report = fetch_all(
        std::slice::from_ref(&feed_url),
        stored.path(),
        &opts(),
        &Default::default(),
    );
    assert_eq!(report.stored.len(), 1, "{:?}", report.failures);
    assert!(report.stored[0].extension().is_some_and(|e| e == "xml"));
    let corpus = load(stored.path());
    assert_eq!(corpus.articles.len(), 3);
    assert!(corpus
        .articles
        .iter()
        .all(|a| a.meta.source.as_deref() == Some("Le Fil")));
    assert!(corpus.articles[0].text.contains("Résumé 1."));

    let followed = tempfile::tempdir().unwrap();
    let follow = FetchOptions {
        follow: true,
        ..opts()
    };
    let progress = FetchProgress::default();
    let report = fetch_all(
        std::slice::from_ref(&feed_url),
        followed.path(),
        &follow,
        &progress,
    );
    assert_eq!(report.stored.len(), 3, "{:?}", report.failures);
    assert_eq!(progress.total.load(std::sync::atomic::Ordering::SeqCst), 4);
    server.stop();
    let mut corpus = load(followed.path());
    assert_eq!(corpus.articles.len(), 3, "{:?}", corpus.warnings);
    corpus.articles.sort_by(|a, b| a.title.cmp(&b.title));
    for (i, a) in corpus.articles.iter().enumerate() {
        let n = i + 1;
        assert_eq!(a.title, format!("Article {n}"));
        assert!(a.text.contains(&format!("article numéro {n}")));
        assert_eq!(a.meta.source.as_deref(), Some("Le Fil"));
        assert!(a
            .meta
            .date
            .as_deref()
            .unwrap()
            .starts_with(&format!("2018-08-0{}", 5 + n)));
        assert_eq!(
            a.meta.url.as_deref(),
            Some(server.url(&format!("/item/{n}")).as_str())
        );
    }
}

#[test]
fn pages_already_in_the_collection_are_not_fetched_again() {
    let server = feed_server();
    let dir = tempfile::tempdir().unwrap();
    let follow = FetchOptions {
        follow: true,
        ..opts()
    };
    let first = fetch_all(
        &[server.url("/feed.xml")],
        dir.path(),
        &follow,
        &Default::default(),
    );
    assert_eq!(first.stored.len(), 3);
    let asked = server.requests().len();
    let again = fetch_all(
        &[server.url("/feed.xml")],
        dir.path(),
        &follow,
        &Default::default(),
    );
    assert_eq!((again.stored.len(), again.kept.len()), (0, 3));
    // Only the feed was asked for again.
    assert_eq!(server.requests().len(), asked + 1);
}

#[test]
fn the_command_stores_a_collection_from_an_opml_list_and_reopens_it_offline() {
    let server = feed_server();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let opml = dir.path().join("subs.opml");
    std::fs::write(
        &opml,
        format!(
            "<opml version=\"1.0\"><body><outline xmlUrl=\"{}\"/></body></opml>",
            server.url("/feed.xml")
        ),
    )
    .unwrap();
    let out = recoupe(
        &[
            "fetch",
            "--follow",
            "--timeout",
            "2",
            "--data-dir",
            data.to_str().unwrap(),
            "--collection",
            "port",
            opml.to_str().unwrap(),
            &server.url("/subs.opml"),
        ],
        dir.path(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("3 stored, 0 already there, 0 failed"),
        "{stdout}"
    );
    let collection = data.join("collections").join("port");
    server.stop();
    let out = recoupe(
        &["articles", "--json", collection.to_str().unwrap()],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 3);
}

#[test]
fn failures_are_one_clean_line_each_and_hostile_pages_are_sanitised() {
    let server = Server::start(|_| {
        let mut r = HashMap::new();
        r.insert(
            "/evil".into(),
            Reply::with(
                "text/html",
                b"<html><head><title>Titre \x1b]0;pwned\x07 &#27;[2J propre</title></head><body>\
                  <article><p>Texte \x1b[31mrouge\x1b[0m et \xc2\x9b31m &#x1b;[2J assez long pour compter.</p>\
                  </article></body></html>"
                    .to_vec(),
            ),
        );
        r
    });
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out = recoupe(
        &[
            "fetch",
            "-o",
            out_dir.to_str().unwrap(),
            "--timeout",
            "2",
            &server.url("/evil"),
            &server.url("/nowhere\u{1b}[2J"),
            "http://bad\u{1b}]0;x\u{7}host/",
            "file:///etc/passwd",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(lines
        .iter()
        .all(|l| l.starts_with("recoupe: cannot fetch ")));
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    assert!(stderr.contains("HTTP 404 Not Found"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 stored, 0 already there, 3 failed"));
    server.stop();
    let corpus = load(&out_dir);
    assert_eq!(corpus.articles.len(), 1);
    let a = &corpus.articles[0];
    for s in [&a.title, &a.text] {
        assert!(!s.contains(['\u{1b}', '\u{9b}', '\u{7}']), "{s:?}");
    }
    assert!(a.text.contains("rouge"));
}
