//! Articles from the web: `recoupe fetch URL...` downloads pages and feeds into a
//! collection folder, where they stay as they came (see
//! [`crate::corpus::formats::fetched`]) and open later without the network, with the cache
//! and notes of any folder. A feed is stored whole (its items become articles), or with
//! `follow` each item's page is fetched instead; an OPML list's feeds are fetched in turn.
//!
//! Only this module talks to the network, and it sits behind the `app` feature: the core
//! library builds without an HTTP client. Addresses are handed to the HTTP library as
//! parsed URLs and never to a shell; anything but `http:` and `https:` is refused.

mod client;
mod pool;
mod store;

pub use client::MAX_REDIRECTS;
pub use store::file_name;

use crate::corpus::formats::fetched::{page_charset, Sidecar};
use crate::corpus::formats::opml;
use crate::corpus::sanitize_line;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;
use url::Url;

/// The User-Agent sent with every request.
pub const USER_AGENT: &str = concat!("recoupe/", env!("CARGO_PKG_VERSION"), " (news reader)");

/// What recoupe asks servers for.
const ACCEPT: &str = "text/html,application/xhtml+xml,application/rss+xml,\
                      application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5";

/// How to fetch.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Longest wait to resolve, connect and get an answer; the body may take four times it.
    pub timeout: Duration,
    /// Largest body kept, in bytes, after decompression.
    pub max_body: u64,
    /// Fetch the page of each item of a feed rather than storing the feed.
    pub follow: bool,
    /// Connections at once (never more than one per host).
    pub connections: usize,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(20),
            max_body: 16 * 1024 * 1024,
            follow: false,
            connections: 4,
        }
    }
}

/// How far a run has got, readable from another thread: addresses known (more come as
/// feeds are read) and addresses done.
#[derive(Debug, Default)]
pub struct FetchProgress {
    pub total: AtomicUsize,
    pub done: AtomicUsize,
}

/// An address that could not be fetched, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub url: String,
    pub reason: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}",
            sanitize_line(&self.url),
            sanitize_line(&self.reason)
        )
    }
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Files written, in the order their fetch ended.
    pub stored: Vec<PathBuf>,
    /// Pages already in the collection, not fetched again.
    pub kept: Vec<PathBuf>,
    pub failures: Vec<Failure>,
}

impl Report {
    /// Every file of the collection this run is about: stored or kept.
    pub fn files(&self) -> Vec<PathBuf> {
        self.stored.iter().chain(&self.kept).cloned().collect()
    }
}

/// What a feed said about one of its items.
#[derive(Debug, Clone, Default)]
struct Item {
    feed: String,
    title: Option<String>,
    date: Option<String>,
    author: Option<String>,
    source: Option<String>,
}

/// One address to fetch.
struct Job {
    url: String,
    item: Option<Item>,
}

impl pool::Keyed for Job {
    fn host(&self) -> String {
        Url::parse(&self.url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
            .unwrap_or_default()
    }
}

enum Outcome {
    Stored(PathBuf),
    Kept(PathBuf),
    Failed(Failure),
    /// A feed followed or a list read: its addresses are queued.
    Expanded,
}

/// Fetches every address into `dir` (created if needed); one failure never stops the
/// others.
pub fn fetch_all(
    addresses: &[String],
    dir: &Path,
    opts: &FetchOptions,
    progress: &FetchProgress,
) -> Report {
    let report = Mutex::new(Report::default());
    if let Err(e) = std::fs::create_dir_all(dir) {
        let mut r = report.into_inner().unwrap_or_else(|p| p.into_inner());
        r.failures.push(Failure {
            url: dir.display().to_string(),
            reason: format!("cannot create the collection folder: {e}"),
        });
        return r;
    }
    let client = client::Client::new(opts);
    let mut seen = std::collections::HashSet::new();
    let jobs: Vec<Job> = addresses
        .iter()
        .filter(|a| seen.insert(a.to_string()))
        .map(|a| Job {
            url: a.trim().to_owned(),
            item: None,
        })
        .collect();
    let seen = Mutex::new(seen);
    progress.total.store(jobs.len(), Ordering::Relaxed);
    pool::run(
        jobs,
        opts.connections,
        |job| {
            let (outcome, more) = run_job(&client, job, dir, opts);
            let mut seen = seen.lock().unwrap_or_else(|p| p.into_inner());
            let more: Vec<Job> = more
                .into_iter()
                .filter(|j| seen.insert(j.url.clone()))
                .collect();
            progress.total.fetch_add(more.len(), Ordering::Relaxed);
            (outcome, more)
        },
        |outcome, _| {
            let mut r = report.lock().unwrap_or_else(|p| p.into_inner());
            match outcome {
                Outcome::Stored(p) => r.stored.push(p),
                Outcome::Kept(p) => r.kept.push(p),
                Outcome::Failed(f) => r.failures.push(f),
                Outcome::Expanded => {}
            }
            progress.done.fetch_add(1, Ordering::Relaxed);
        },
    );
    report.into_inner().unwrap_or_else(|p| p.into_inner())
}

/// What a fetched body is.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Page,
    Feed,
    Opml,
    Other(String),
}

fn kind_of(content_type: Option<&str>, body: &[u8]) -> Kind {
    let mime = content_type
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let head = body[..body.len().min(2048)].to_ascii_lowercase();
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if opml::looks_like_opml(body) {
        return Kind::Opml;
    }
    let feedish = has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf");
    if mime.contains("rss") || mime.contains("atom") || (feedish && !has(b"<html")) {
        return Kind::Feed;
    }
    if mime.is_empty() || mime == "text/html" || mime == "application/xhtml+xml" || has(b"<html") {
        return Kind::Page;
    }
    Kind::Other(mime)
}

fn run_job(
    client: &client::Client,
    job: Job,
    dir: &Path,
    opts: &FetchOptions,
) -> (Outcome, Vec<Job>) {
    let fail = |reason: String| {
        (
            Outcome::Failed(Failure {
                url: job.url.clone(),
                reason,
            }),
            Vec::new(),
        )
    };
    let url = match Url::parse(&job.url) {
        Ok(u) => u,
        Err(e) => return fail(format!("not a web address ({e})")),
    };
    if let Err(e) = client::check_scheme(&url, false) {
        return fail(e.to_string());
    }
    let page_name = file_name(url.as_str(), "html");
    if job.item.is_some() && dir.join(&page_name).is_file() {
        return (Outcome::Kept(dir.join(page_name)), Vec::new());
    }
    let fetched = match client.get(&url) {
        Ok(f) => f,
        Err(e) => return fail(e.to_string()),
    };
    let fetched_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let charset = page_charset(fetched.content_type.as_deref(), &fetched.body);
    let item = job.item.clone().unwrap_or_default();
    let sidecar = Sidecar {
        url: url.to_string(),
        final_url: fetched.final_url.to_string(),
        fetched: fetched_at,
        http_date: fetched.http_date.clone(),
        content_type: fetched.content_type.clone(),
        charset: charset.name().to_owned(),
        feed: job.item.as_ref().map(|i| i.feed.clone()),
        title: item.title,
        date: item.date,
        author: item.author,
        source: item.source,
    };
    let name = match kind_of(fetched.content_type.as_deref(), &fetched.body) {
        Kind::Page => page_name,
        Kind::Other(mime) => {
            return fail(format!("not a web page or a feed ({mime})"));
        }
        Kind::Opml => {
            return match opml::parse_opml(&fetched.body) {
                Ok(subs) => (
                    Outcome::Expanded,
                    subs.into_iter()
                        .filter_map(|s| fetched.final_url.join(&s.feed_url).ok())
                        .map(|u| Job {
                            url: u.to_string(),
                            item: None,
                        })
                        .collect(),
                ),
                Err(e) => fail(e),
            };
        }
        Kind::Feed if opts.follow => {
            return match feed_items(&fetched.body, &fetched.final_url) {
                Ok(items) => (Outcome::Expanded, items),
                Err(e) => fail(e),
            };
        }
        Kind::Feed => {
            if let Err(e) = feed_rs::parser::parse(fetched.body.as_slice()) {
                return fail(format!("not a valid RSS or Atom feed: {e}"));
            }
            file_name(url.as_str(), "xml")
        }
    };
    match store::store(dir, &name, &fetched.body, &sidecar) {
        Ok(p) => (Outcome::Stored(p), Vec::new()),
        Err(e) => fail(e),
    }
}

/// The page of each item of a feed, with what the feed says about it.
fn feed_items(body: &[u8], base: &Url) -> Result<Vec<Job>, String> {
    let feed =
        feed_rs::parser::parse(body).map_err(|e| format!("not a valid RSS or Atom feed: {e}"))?;
    let source = feed.title.as_ref().map(|t| t.content.trim().to_owned());
    let jobs = feed
        .entries
        .into_iter()
        .filter_map(|entry| {
            let link = entry.links.first()?;
            let url = base.join(link.href.trim()).ok()?;
            Some(Job {
                url: url.to_string(),
                item: Some(Item {
                    feed: base.to_string(),
                    title: entry
                        .title
                        .as_ref()
                        .map(|t| crate::corpus::formats::html::fragment_text(&t.content)),
                    date: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
                    author: entry.authors.first().and_then(|a| a.name.clone()),
                    source: source.clone(),
                }),
            })
        })
        .collect();
    Ok(jobs)
}

/// Is this argument a web address (or another scheme's, to be refused) rather than a path?
pub fn is_address(arg: &str) -> bool {
    let Some((scheme, _)) = arg.split_once(':') else {
        return false;
    };
    scheme.len() > 1
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && (arg.contains("://") || scheme.eq_ignore_ascii_case("file"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_paths() {
        assert!(is_address("https://e.org/a"));
        assert!(is_address("file:/etc/passwd"));
        assert!(is_address("ftp://e.org"));
        assert!(!is_address("C:\\news\\a.html"));
        assert!(!is_address("articles/a.html"));
        assert!(!is_address("notes:today.txt"));
    }

    #[test]
    fn bodies_are_told_apart() {
        assert_eq!(
            kind_of(Some("text/html; charset=utf-8"), b"<p>x"),
            Kind::Page
        );
        assert_eq!(kind_of(Some("application/rss+xml"), b"<rss>"), Kind::Feed);
        assert_eq!(
            kind_of(Some("text/xml"), b"<?xml?><feed xmlns=''>"),
            Kind::Feed
        );
        assert_eq!(
            kind_of(Some("text/xml"), b"<opml version='2.0'>"),
            Kind::Opml
        );
        assert_eq!(
            kind_of(Some("application/pdf"), b"%PDF"),
            Kind::Other("application/pdf".into())
        );
    }
}
