//! The collection folder: each page under a name made of its address (readable, and with
//! a short hash of the whole address so that two addresses never share a file), beside its
//! sidecar. Files are written whole or not at all (temporary hidden file, then rename), the
//! sidecar before the page, so a page is never found without what it was fetched as.

use crate::corpus::formats::fetched::{sidecar_path, Sidecar};
use sha2::{Digest, Sha256};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Longest readable part of a stored file's name, in bytes.
const MAX_SLUG: usize = 60;

/// The file name an address is stored under, with this extension: host and path in
/// lowercase letters, digits and dashes, then eight hex digits of the address's SHA-256.
pub fn file_name(url: &str, ext: &str) -> String {
    let digest = Sha256::digest(url.as_bytes());
    let hash: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let mut slug = String::new();
    for c in rest.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = strip_page_extension(slug.trim_end_matches('-'));
    let mut cut = slug.len().min(MAX_SLUG);
    while !slug.is_char_boundary(cut) {
        cut -= 1;
    }
    let slug = slug[..cut].trim_end_matches('-');
    if slug.is_empty() {
        format!("page-{hash}.{ext}")
    } else {
        format!("{slug}-{hash}.{ext}")
    }
}

fn strip_page_extension(slug: &str) -> &str {
    for ext in ["-html", "-htm", "-php", "-aspx", "-xml", "-rss"] {
        if let Some(s) = slug.strip_suffix(ext) {
            return s;
        }
    }
    slug
}

/// Writes `bytes` to `path` whole ([`crate::files::write_atomically`]: a temporary file in
/// the same folder, never through a link, then a rename over the old file if there was one).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let synced = crate::files::Durability::Synced;
    crate::files::write_atomically(path, synced, |w| w.write_all(bytes))
}

/// Stores a page (or a feed) and its sidecar in `dir` under `name`.
pub fn store(dir: &Path, name: &str, body: &[u8], sidecar: &Sidecar) -> Result<PathBuf, String> {
    let page = dir.join(name);
    let text = toml::to_string(sidecar).map_err(|e| format!("cannot describe the page: {e}"))?;
    let side = sidecar_path(&page);
    let shown = |p: &Path| {
        crate::corpus::sanitize_line(&p.file_name().unwrap_or_default().to_string_lossy())
    };
    write_atomic(&side, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", shown(&side)))?;
    write_atomic(&page, body).map_err(|e| format!("cannot write {}: {e}", shown(&page)))?;
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn names_are_readable_distinct_and_safe() {
        let a = file_name("https://www.Example.org/2024/05/la-crise.html?x=1", "html");
        assert!(a.starts_with("example-org-2024-05-la-crise-"), "{a}");
        assert!(a.ends_with(".html"));
        let b = file_name("https://www.Example.org/2024/05/la-crise.html?x=2", "html");
        assert_ne!(a, b);
        let evil = file_name("http://e.org/../../\u{1b}[2J/x", "html");
        assert!(!evil.contains('/') && !evil.contains('\u{1b}') && !evil.starts_with('.'));
        assert!(file_name("http://", "html").starts_with("page-"));
        let long = file_name(&format!("http://e.org/{}", "é".repeat(300)), "xml");
        assert!(long.len() < 80);
    }

    #[test]
    fn writes_replace_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.html");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
