//! Web pages stored by `recoupe fetch`: the page's bytes exactly as the server sent them
//! (after gzip), and beside it a small TOML file, `NAME.fetch.toml`, saying where and when it
//! was fetched and in which character set. The walker skips `.toml` files, so a collection
//! folder holds one article per page; when the loader meets `NAME.html` with its sidecar,
//! the page is decoded in the recorded charset (a page in KOI8-R or Shift_JIS reads right
//! years later, offline) and whatever the page does not say about itself (its address, its
//! source, the date and title of the feed item it came from) is taken from the sidecar.
//!
//! The charset is chosen when the page is fetched, as browsers do: the `Content-Type`
//! header, else a byte order mark, else a `<meta charset>` (or `http-equiv`) in the first
//! kilobyte, else UTF-8 when the bytes are valid UTF-8, else Windows-1252.

use super::Record;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What ends the name of a page's sidecar: `page.html` has `page.fetch.toml`.
pub const SIDECAR_SUFFIX: &str = ".fetch.toml";

/// Where and how a page was fetched, and what the feed said about it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Sidecar {
    /// The address asked for.
    pub url: String,
    /// The address answered, after redirects.
    pub final_url: String,
    /// When it was fetched (RFC 3339, UTC).
    pub fetched: String,
    /// The server's `Date` header, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The character set the page is read in (an encoding label).
    pub charset: String,
    /// The feed the page was an item of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed: Option<String>,
    /// The item's title, date, author and source (the feed's title), from the feed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The sidecar path of a stored page.
pub fn sidecar_path(page: &Path) -> PathBuf {
    let stem = page.file_stem().unwrap_or_default();
    let mut name = stem.to_os_string();
    name.push(SIDECAR_SUFFIX);
    page.with_file_name(name)
}

/// Why a stored page cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchedError {
    /// The sidecar is not one recoupe wrote (its first line of explanation).
    #[error("unreadable {SIDECAR_SUFFIX} file: {0}")]
    Sidecar(String),
    #[error("empty page, skipped")]
    Empty,
}

/// Reads a sidecar's text.
pub fn parse_sidecar(text: &str) -> Result<Sidecar, FetchedError> {
    toml::from_str(text).map_err(|e| {
        let msg = e.to_string();
        FetchedError::Sidecar(msg.lines().next().unwrap_or("").to_owned())
    })
}

/// The record of a stored page: decoded in the sidecar's charset, read by the web page
/// reader, completed from the sidecar.
pub fn page_record(bytes: &[u8], sidecar: &Sidecar) -> Result<Record, FetchedError> {
    let encoding = encoding_rs::Encoding::for_label(sidecar.charset.trim().as_bytes())
        .unwrap_or(encoding_rs::UTF_8);
    let (text, _, _) = encoding.decode(bytes);
    // Bytes a legacy single-byte charset leaves undefined come out as C1 controls: stray
    // bytes, removed one by one (as for Windows-1252 files) rather than read as escapes.
    let text: String = if encoding == encoding_rs::UTF_8 {
        text.replace('\0', "")
    } else {
        text.chars()
            .filter(|&c| c != '\0' && !('\u{80}'..='\u{9f}').contains(&c))
            .collect()
    };
    let text = super::super::decode::normalize_newlines(&text);
    if text.trim().is_empty() {
        return Err(FetchedError::Empty);
    }
    let mut r = super::html::parse_page(&text);
    let or = |a: Option<String>, b: &Option<String>| {
        a.filter(|s| !s.trim().is_empty()).or_else(|| b.clone())
    };
    r.title = or(r.title, &sidecar.title);
    r.date = or(r.date, &sidecar.date);
    r.author = or(r.author, &sidecar.author);
    let host = host_of(&sidecar.final_url).map(str::to_owned);
    r.source = or(or(r.source, &sidecar.source), &host);
    let final_url = Some(sidecar.final_url.clone()).filter(|u| !u.is_empty());
    r.url = or(r.url.filter(|u| is_absolute_http(u)), &final_url);
    Ok(r)
}

fn is_absolute_http(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The host of an absolute address, without user, port or brackets.
pub fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = host.strip_prefix('[') {
        v6.split(']').next()?
    } else {
        host.split(':').next()?
    };
    Some(host).filter(|h| !h.is_empty())
}

/// The charset to read a page in: the header's, else the byte order mark's, else the one
/// a `<meta>` in the first kilobyte declares, else UTF-8 if the bytes are valid UTF-8,
/// else Windows-1252.
pub fn page_charset(content_type: Option<&str>, bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let from_header = content_type
        .and_then(charset_param)
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()));
    if let Some(e) = from_header {
        return e;
    }
    if let Some((e, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return e;
    }
    if let Some(e) = meta_charset(&bytes[..bytes.len().min(1024)]) {
        // A page cannot declare a UTF-16 charset in ASCII-compatible bytes: as browsers
        // do, that declaration means UTF-8.
        if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
            return encoding_rs::UTF_8;
        }
        return e;
    }
    if std::str::from_utf8(bytes).is_ok() {
        encoding_rs::UTF_8
    } else {
        encoding_rs::WINDOWS_1252
    }
}

/// The `charset=` parameter of a `Content-Type` value.
pub fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_owned())
            .filter(|v| !v.is_empty())
    })
}

/// The charset a `<meta charset=...>` or `<meta http-equiv content="...; charset=...">`
/// declares in `head`.
fn meta_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at + 5;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
                let rest = rest.strip_prefix(b"'").unwrap_or(rest);
                let label: Vec<u8> = rest
                    .iter()
                    .copied()
                    .take_while(|b| b.is_ascii_alphanumeric() || b"-_:.".contains(b))
                    .collect();
                if let Some(e) = encoding_rs::Encoding::for_label(&label) {
                    return Some(e);
                }
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_from_header_then_bom_then_meta_then_bytes() {
        let meta = b"<html><head><meta charset=\"windows-1252\"><title>x</title>";
        assert_eq!(
            page_charset(Some("text/html; charset=KOI8-R"), meta).name(),
            "KOI8-R"
        );
        assert_eq!(page_charset(Some("text/html"), meta).name(), "windows-1252");
        let equiv = b"<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-15'>";
        assert_eq!(page_charset(None, equiv).name(), "ISO-8859-15");
        assert_eq!(page_charset(None, b"<meta charset=utf-16>").name(), "UTF-8");
        assert_eq!(page_charset(None, "caf\u{e9}".as_bytes()).name(), "UTF-8");
        assert_eq!(page_charset(None, b"caf\xe9").name(), "windows-1252");
        assert_eq!(page_charset(None, b"\xEF\xBB\xBFx").name(), "UTF-8");
    }

    #[test]
    fn hosts_of_addresses() {
        assert_eq!(
            host_of("https://u:p@Example.org:8080/a?b"),
            Some("Example.org")
        );
        assert_eq!(host_of("http://[::1]:80/"), Some("::1"));
        assert_eq!(host_of("nothing"), None);
    }

    #[test]
    fn the_sidecar_completes_the_page_and_sets_its_charset() {
        let sidecar = Sidecar {
            url: "http://e.org/a".into(),
            final_url: "http://www.e.org/a".into(),
            fetched: "2026-01-01T00:00:00Z".into(),
            charset: "windows-1252".into(),
            date: Some("2018-08-06T10:00:00+00:00".into()),
            source: Some("Le Fil".into()),
            ..Sidecar::default()
        };
        let page = b"<html><title>Caf\xe9</title><article><p>L'\xe9t\xe9 \x81 est l\xe0, dit-on ici.</p></article>";
        let r = page_record(page, &sidecar).unwrap();
        assert_eq!(r.title.as_deref(), Some("Caf\u{e9}"));
        assert!(r.body.contains("L'\u{e9}t\u{e9} est l\u{e0}"), "{}", r.body);
        assert_eq!(r.url.as_deref(), Some("http://www.e.org/a"));
        assert_eq!(r.source.as_deref(), Some("Le Fil"));
        assert_eq!(r.date.as_deref(), Some("2018-08-06T10:00:00+00:00"));
        let text = toml::to_string(&sidecar).unwrap();
        assert_eq!(parse_sidecar(&text).unwrap(), sidecar);
        assert!(parse_sidecar("url = 3")
            .unwrap_err()
            .to_string()
            .contains(".fetch.toml"));
    }

    #[test]
    fn sidecar_names() {
        assert_eq!(
            sidecar_path(Path::new("d/page-1.html")),
            Path::new("d/page-1.fetch.toml")
        );
    }
}
