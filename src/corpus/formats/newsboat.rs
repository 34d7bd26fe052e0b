//! newsboat's cache (`cache.db`, SQLite): every item newsboat keeps becomes an article,
//! with its title, author, link, date and feed (the source), its content read like any
//! feed's. A terminal reader's users keep years of news there.
//!
//! The database is opened read-only and *immutable* (SQLite's `immutable=1`): no lock is
//! taken and no journal is looked at, so a running newsboat is never blocked and the file
//! is never written, not even its access bookkeeping. The price is that a read made while
//! newsboat is writing may see a half-written page; SQLite then reports the database as
//! malformed and the load says so in one line (run it again once newsboat has finished).

use super::Record;
use rayon::prelude::*;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// Where newsboat keeps its cache, if there is one: `~/.newsboat/cache.db` (newsboat's
/// older place, which it still prefers when that folder exists), else
/// `$XDG_DATA_HOME/newsboat/cache.db` (by default `~/.local/share/newsboat/cache.db`).
pub fn default_path() -> Option<PathBuf> {
    let base = directories::BaseDirs::new()?;
    let candidates = [
        base.home_dir().join(".newsboat").join("cache.db"),
        base.data_dir().join("newsboat").join("cache.db"),
    ];
    candidates.into_iter().find(|p| p.is_file())
}

/// One row of `rss_item`, joined with its feed's title.
struct Row {
    title: String,
    author: String,
    url: String,
    feedurl: String,
    pub_date: i64,
    content: String,
    feed_title: String,
}

/// The items of a newsboat cache that newsboat has not deleted, oldest first, as records;
/// and one line for each item that could not be read. Items whose content is longer than
/// `max_item` bytes are skipped with a line.
pub fn read(path: &Path, max_item: u64) -> Result<(Vec<Record>, Vec<String>), String> {
    let conn = open_immutable(path).map_err(|e| format!("cannot open as a database: {e}"))?;
    let rows = items(&conn).map_err(|e| format!("not a newsboat cache: {e}"))?;
    drop(conn);
    let mut problems = Vec::new();
    let mut kept = Vec::with_capacity(rows.len());
    for (i, row) in rows.into_iter().enumerate() {
        if row.content.len() as u64 > max_item {
            problems.push(format!(
                "item {}: {} bytes, over the {max_item}-byte limit (--max-file-size), skipped",
                i + 1,
                row.content.len()
            ));
        } else {
            kept.push(row);
        }
    }
    // Markup is read on all cores; the order of the items is kept.
    let records = kept.into_par_iter().map(record_of).collect();
    Ok((records, problems))
}

/// Opens `path` read-only, without locking and without ever writing to it.
fn open_immutable(path: &Path) -> rusqlite::Result<Connection> {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let uri = format!("file:{}?immutable=1", uri_path(&absolute));
    let conn = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update(None, "query_only", true)?;
    Ok(conn)
}

/// A path as the path part of an SQLite `file:` URI: every byte but unreserved ones and
/// `/` percent-encoded, so that `?`, `#` and `%` in a name stay part of it.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn items(conn: &Connection) -> rusqlite::Result<Vec<Row>> {
    // Older caches lack the `deleted` column; their items are all kept.
    let has_deleted = conn
        .prepare("SELECT name FROM pragma_table_info('rss_item')")?
        .query_map([], |r| r.get::<_, String>(0))?
        .flatten()
        .any(|c| c == "deleted");
    let sql = format!(
        "SELECT i.title, i.author, i.url, i.feedurl, i.pubDate, i.content, \
         COALESCE(f.title, '') FROM rss_item i LEFT JOIN rss_feed f ON f.rssurl = i.feedurl \
         {} ORDER BY i.pubDate, i.id",
        if has_deleted {
            "WHERE i.deleted = 0"
        } else {
            ""
        }
    );
    let mut stmt = conn.prepare(&sql)?;
    let text = |r: &rusqlite::Row<'_>, i: usize| -> rusqlite::Result<String> {
        Ok(match r.get_ref(i)? {
            rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                String::from_utf8_lossy(t).into_owned()
            }
            rusqlite::types::ValueRef::Integer(n) => n.to_string(),
            _ => String::new(),
        })
    };
    let rows = stmt.query_map([], |r| {
        Ok(Row {
            title: text(r, 0)?,
            author: text(r, 1)?,
            url: text(r, 2)?,
            feedurl: text(r, 3)?,
            pub_date: r.get::<_, Option<i64>>(4).ok().flatten().unwrap_or(0),
            content: text(r, 5)?,
            feed_title: text(r, 6)?,
        })
    })?;
    rows.collect()
}

fn record_of(row: Row) -> Record {
    let body = if super::html::looks_like_html(&row.content) {
        super::html::fragment_text(&row.content)
    } else {
        row.content.trim().to_owned()
    };
    let some = |s: String| Some(s).filter(|s| !s.trim().is_empty());
    let source = some(row.feed_title).or_else(|| {
        super::fetched::host_of(&row.feedurl)
            .map(str::to_owned)
            .or_else(|| some(row.feedurl))
    });
    let date = (row.pub_date > 0)
        .then(|| chrono::DateTime::from_timestamp(row.pub_date, 0))
        .flatten()
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    Record {
        title: some(row.title),
        body,
        source,
        date,
        author: some(row.author),
        url: some(row.url),
        lang: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_keep_special_characters_in_the_name() {
        assert_eq!(
            uri_path(Path::new("/a b/c?d#e%.db")),
            "/a%20b/c%3Fd%23e%25.db"
        );
    }
}
