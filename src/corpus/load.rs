//! Finding article files and reading them: directories are walked recursively in sorted
//! order (hidden entries skipped, symlink loops and over-deep trees cut), each file is
//! decoded and given a title. A file that cannot be read becomes a [`Warning`]; the rest
//! still loads.

use super::formats::{self, Format};
pub(crate) use super::plain::article_from_bytes;
use super::{decode::decode_raw, sanitize_line, Article, Corpus, FileStamp, Warning};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Limits on what is read.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Files larger than this are skipped with a warning.
    pub max_file_size: u64,
    /// Directories nested deeper than this below a named path are not entered.
    pub max_depth: usize,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: 64 * 1024 * 1024,
            max_depth: 32,
        }
    }
}

/// How far a load has got, readable from another thread: files found so far (final once
/// `listed` is set), and files read.
#[derive(Debug, Default)]
pub struct LoadProgress {
    pub found: AtomicUsize,
    pub listed: AtomicBool,
    pub read: AtomicUsize,
}

/// Loads every article under `paths` (files or directories; `-` is standard input).
pub fn load_paths(paths: &[PathBuf], opts: &LoadOptions) -> Corpus {
    load_paths_counted(paths, opts, &LoadProgress::default())
}

/// Like [`load_paths`], counting in `progress` as it goes.
pub fn load_paths_counted(
    paths: &[PathBuf],
    opts: &LoadOptions,
    progress: &LoadProgress,
) -> Corpus {
    load_paths_stamped(paths, opts, progress).0
}

/// Like [`load_paths_counted`], also giving the stamp of every file read, in order (for
/// the corpus index; standard input has none).
pub fn load_paths_stamped(
    paths: &[PathBuf],
    opts: &LoadOptions,
    progress: &LoadProgress,
) -> (Corpus, Vec<FileStamp>) {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for root in paths {
        collect(root, root, opts, &mut files, &mut warnings);
        progress.found.store(files.len(), Ordering::Relaxed);
    }
    progress.listed.store(true, Ordering::Release);
    // Reading, decoding and segmenting are independent per file: all cores share them,
    // and the order of the result is the order of the walk.
    let read: Vec<_> = files
        .into_par_iter()
        .map(|(root, file)| {
            let (r, meta) = read_file(&file, opts);
            progress.read.fetch_add(1, Ordering::Relaxed);
            (root, file, r, meta)
        })
        .collect();
    let mut articles = Vec::new();
    let mut rels = Vec::new();
    let mut stamps = Vec::new();
    for (root, file, result, meta) in read {
        let shown = escaped_path(&file);
        let before = articles.len();
        match result {
            Ok((arts, problems)) => {
                for p in problems {
                    warnings.push(Warning {
                        path: shown.clone(),
                        message: p,
                    });
                }
                let rel = relative_id(&root, &file);
                for a in arts {
                    let suffix =
                        a.id.strip_prefix(file_stem(&file).as_str())
                            .unwrap_or("")
                            .to_owned();
                    rels.push(format!("{rel}{suffix}"));
                    articles.push(a);
                }
            }
            // Exports of notes kept in a collection's folder are passed over in silence.
            Err(message) if message == OWN_EXPORT && file != root => {}
            Err(message) => warnings.push(Warning {
                path: shown,
                message,
            }),
        }
        if let Some(meta) = meta {
            let count = u32::try_from(articles.len() - before).unwrap_or(u32::MAX);
            stamps.push(FileStamp::of(&file, &meta, count));
        }
    }
    make_ids_unique(&mut articles, &rels);
    (Corpus { articles, warnings }, stamps)
}

fn file_stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| escaped_path(Path::new(s)))
        .unwrap_or_default()
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .map(|n| n.as_encoded_bytes())
        .is_some_and(|n| n.starts_with(b".") && n != b"." && n != b"..")
}

/// Names that are not UTF-8 count too: only the extension needs to be readable.
fn has_known_extension(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| Format::of(&n.to_string_lossy()).is_some())
}

/// Gathers the files to read, as (named root, file) pairs.
fn collect(
    root: &Path,
    path: &Path,
    opts: &LoadOptions,
    out: &mut Vec<(PathBuf, PathBuf)>,
    warnings: &mut Vec<Warning>,
) {
    let mut seen_dirs = HashSet::new();
    walk(root, path, 0, opts, &mut seen_dirs, out, warnings);
}

#[allow(clippy::too_many_arguments)]
fn walk(
    root: &Path,
    path: &Path,
    depth: usize,
    opts: &LoadOptions,
    seen_dirs: &mut HashSet<PathBuf>,
    out: &mut Vec<(PathBuf, PathBuf)>,
    warnings: &mut Vec<Warning>,
) {
    let warn = |warnings: &mut Vec<Warning>, message: String| {
        warnings.push(Warning {
            path: escaped_path(path),
            message,
        })
    };
    if depth == 0 && path.as_os_str() == "-" {
        out.push((root.to_path_buf(), path.to_path_buf()));
        return;
    }
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return warn(warnings, format!("cannot read: {e}")),
    };
    if meta.is_file() {
        if depth == 0 || has_known_extension(path) {
            out.push((root.to_path_buf(), path.to_path_buf()));
        }
        return;
    }
    if !meta.is_dir() {
        if depth == 0 {
            warn(warnings, "not a regular file, skipped".into());
        }
        return;
    }
    if depth > opts.max_depth {
        return warn(
            warnings,
            format!("deeper than {} levels, skipped", opts.max_depth),
        );
    }
    let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if !seen_dirs.insert(canonical) {
        return; // a symlink loop or a directory reached twice
    }
    let entries = match fs::read_dir(path) {
        Ok(rd) => rd,
        Err(e) => return warn(warnings, format!("cannot read directory: {e}")),
    };
    let mut children: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !is_hidden(p))
        .collect();
    children.sort();
    for child in children {
        walk(root, &child, depth + 1, opts, seen_dirs, out, warnings);
    }
}

/// What reading one file gave: its articles and the problems met in it, or the warning's
/// message when nothing could be read; and the file's metadata when it was opened.
type FileRead = (
    Result<(Vec<Article>, Vec<String>), String>,
    Option<fs::Metadata>,
);

/// Why a file that is one of recoupe's own exports of notes gives no article.
const OWN_EXPORT: &str = "an export of notes made by recoupe, not an article: skipped";

/// Reads one file (or standard input for `-`).
fn read_file(path: &Path, opts: &LoadOptions) -> FileRead {
    if path.as_os_str() == "-" {
        return (read_stdin(opts), None);
    }
    if formats::is_sqlite(path) {
        let articles = crate::failure::guarded(|| read_database(path, opts))
            .unwrap_or_else(|why| Err(format!("could not be read (internal error: {why})")));
        return (articles, fs::metadata(path).ok());
    }
    let (bytes, meta) = match read_regular_file(path, opts.max_file_size) {
        Ok(read) => read,
        Err(e) => return (Err(e), None),
    };
    let name = path
        .file_name()
        .map(|n| escaped_path(Path::new(n)))
        .unwrap_or_default();
    let shown = escaped_path(path);
    if super::plain::is_own_export(&bytes, Format::of(&name)) {
        return (Err(OWN_EXPORT.into()), Some(meta));
    }
    let sidecar = formats::fetched::sidecar_path(path);
    let fetched = Format::of(&name) == Some(Format::Html) && sidecar.is_file();
    // A reader's failure on one file costs that file alone.
    let articles = crate::failure::guarded(|| {
        if fetched {
            fetched_page(&bytes, &sidecar, path)
        } else {
            articles_from_bytes(&bytes, &name, &shown)
        }
    })
    .unwrap_or_else(|why| Err(format!("could not be read (internal error: {why})")));
    (articles, Some(meta))
}

/// A page stored by `recoupe fetch`, read with what its sidecar records.
fn fetched_page(
    bytes: &[u8],
    sidecar: &Path,
    path: &Path,
) -> Result<(Vec<Article>, Vec<String>), String> {
    // A sidecar is a few lines; a larger or special file there is not one.
    let text = crate::files::read_regular(sidecar, 1 << 20)
        .and_then(|b| {
            String::from_utf8(b)
                .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
        })
        .map_err(|e| {
            format!(
                "cannot read {}: {e}",
                escaped_path(Path::new(sidecar.file_name().unwrap_or_default()))
            )
        })?;
    let sidecar = formats::fetched::parse_sidecar(&text).map_err(|e| e.to_string())?;
    let record = formats::fetched::page_record(bytes, &sidecar).map_err(|e| e.to_string())?;
    let articles = formats::articles_of(vec![record], &file_stem(path), &escaped_path(path));
    if articles.is_empty() {
        return Err("no article loaded: no article text found".into());
    }
    Ok((articles, Vec::new()))
}

/// An SQLite database: newsboat's cache, when this build reads it.
#[cfg(feature = "newsboat")]
fn read_database(path: &Path, opts: &LoadOptions) -> Result<(Vec<Article>, Vec<String>), String> {
    let (records, problems) = formats::newsboat::read(path, opts.max_file_size)?;
    let articles = formats::articles_of(records, &file_stem(path), &escaped_path(path));
    if articles.is_empty() {
        return Err("no article loaded: the newsboat cache holds no item with text".into());
    }
    Ok((articles, problems))
}

#[cfg(not(feature = "newsboat"))]
fn read_database(_path: &Path, _opts: &LoadOptions) -> Result<(Vec<Article>, Vec<String>), String> {
    Err("an SQLite database (newsboat's cache?): this build of recoupe does not read them".into())
}

fn read_stdin(opts: &LoadOptions) -> Result<(Vec<Article>, Vec<String>), String> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::stdin().take(opts.max_file_size + 1),
        &mut bytes,
    )
    .map_err(|e| format!("cannot read standard input: {e}"))?;
    if bytes.len() as u64 > opts.max_file_size {
        return Err(format!(
            "over the {}-byte limit (--max-file-size)",
            opts.max_file_size
        ));
    }
    // Standard input has no name to tell its format: its first bytes tell it.
    let name = format!("stdin.{}", Format::sniff(&bytes).extension());
    crate::failure::guarded(|| articles_from_bytes(&bytes, &name, "-"))
        .unwrap_or_else(|why| Err(format!("could not be read (internal error: {why})")))
}

/// The bytes and metadata of a regular file no larger than `max`. The type and size are checked on
/// the opened file itself, and on Unix the open does not wait for a writer, so a path that
/// became a FIFO or a device after the walk looked at it is refused rather than read.
fn read_regular_file(path: &Path, max: u64) -> Result<(Vec<u8>, fs::Metadata), String> {
    let refused = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::InvalidInput => "not a regular file, skipped".to_owned(),
        _ => format!("cannot read: {e}"),
    };
    let file = crate::files::open_regular(path).map_err(refused)?;
    let meta = file.metadata().map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > max {
        return Err(format!(
            "{} bytes, over the {max}-byte limit (--max-file-size), skipped",
            meta.len()
        ));
    }
    let bytes = crate::files::read_within(file, meta.len(), max).map_err(|e| match e.kind() {
        std::io::ErrorKind::InvalidInput => {
            format!("over the {max}-byte limit (--max-file-size), skipped")
        }
        _ => format!("cannot read: {e}"),
    })?;
    Ok((bytes, meta))
}

/// A path as shown in warnings and listings: bytes that are not UTF-8 as `\xNN`, control
/// and bidi characters as `\u{NN}`, so every name is visible and none can act on a terminal.
pub(crate) fn escaped_path(path: &Path) -> String {
    let mut out = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        out.push_str(&super::sanitize::escaped(chunk.valid()));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// The articles in one file's bytes, by the format its name gives (plain text otherwise).
pub(crate) fn articles_from_bytes(
    bytes: &[u8],
    name: &str,
    shown_path: &str,
) -> Result<(Vec<Article>, Vec<String>), String> {
    let stem = Path::new(name)
        .file_stem()
        .map(|s| sanitize_line(&s.to_string_lossy()))
        .unwrap_or_else(|| sanitize_line(name));
    let format = Format::of(name).unwrap_or(Format::Text);
    let (records, problems) = match format {
        Format::Text | Format::Markdown => {
            let a = article_from_bytes(bytes, name, shown_path).map_err(|e| e.to_string())?;
            return Ok((vec![a], Vec::new()));
        }
        Format::Feed => {
            let (raw, _) = decode_raw(bytes).map_err(|e| e.to_string())?;
            let deep = formats::depth_warning(&raw);
            (
                formats::feed::parse_feed(bytes)?,
                deep.into_iter().collect(),
            )
        }
        Format::Html => {
            let (raw, _) = decode_raw(bytes).map_err(|e| e.to_string())?;
            let deep = formats::depth_warning(&raw);
            (
                vec![formats::html::parse_page(&raw)],
                deep.into_iter().collect(),
            )
        }
        Format::Json => {
            let (raw, _) = decode_raw(bytes).map_err(|e| e.to_string())?;
            formats::records::parse_json(&raw)?
        }
        Format::JsonLines => {
            let (raw, _) = decode_raw(bytes).map_err(|e| e.to_string())?;
            formats::records::parse_json_lines(&raw)
        }
    };
    let articles = formats::articles_of(records, &stem, shown_path);
    if articles.is_empty() {
        let why = problems
            .first()
            .cloned()
            .unwrap_or_else(|| "no article text found".into());
        return Err(format!("no article loaded: {why}"));
    }
    Ok((articles, problems))
}

/// The path of `file` below `root`, without extension, as an id candidate.
fn relative_id(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file);
    let rel = if rel.as_os_str().is_empty() {
        file
    } else {
        rel
    };
    escaped_path(&rel.with_extension(""))
}

/// Ids are file stems; where two collide, each colliding one becomes its relative path
/// (then, if still needed, gets a numeric suffix).
pub(crate) fn make_ids_unique(articles: &mut [Article], rels: &[String]) {
    let mut count: HashMap<String, usize> = HashMap::new();
    for a in articles.iter() {
        *count.entry(a.id.clone()).or_default() += 1;
    }
    for (i, a) in articles.iter_mut().enumerate() {
        if count[&a.id] > 1 {
            if let Some(rel) = rels.get(i) {
                a.id = rel.clone();
            }
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    for a in articles.iter_mut() {
        if !seen.insert(a.id.clone()) {
            let mut n = 2;
            while seen.contains(&format!("{}~{n}", a.id)) {
                n += 1;
            }
            a.id = format!("{}~{n}", a.id);
            seen.insert(a.id.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colliding_stems_take_relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("a")).unwrap();
        fs::create_dir_all(dir.path().join("b")).unwrap();
        fs::write(dir.path().join("a/x.txt"), "Un.\n").unwrap();
        fs::write(dir.path().join("b/x.txt"), "Deux.\n").unwrap();
        fs::write(dir.path().join(".hidden.txt"), "Trois.\n").unwrap();
        let c = load_paths(&[dir.path().to_path_buf()], &LoadOptions::default());
        let ids: Vec<_> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a/x", "b/x"]);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_survived() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("d")).unwrap();
        fs::write(dir.path().join("d/x.txt"), "Un.\n").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("d/loop")).unwrap();
        let c = load_paths(&[dir.path().to_path_buf()], &LoadOptions::default());
        assert_eq!(c.articles.len(), 1);
    }

    #[test]
    fn bad_files_warn_and_the_rest_loads() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("bin.txt"), b"\x00\x01\x02").unwrap();
        fs::write(dir.path().join("empty.txt"), b"").unwrap();
        fs::write(dir.path().join("ok.txt"), "Titre\n\nTexte.").unwrap();
        let c = load_paths(&[dir.path().to_path_buf()], &LoadOptions::default());
        assert_eq!(c.articles.len(), 1);
        assert_eq!(c.warnings.len(), 2);
        assert!(c.warnings[0].to_string().contains("bin.txt: binary"));
    }

    /// Exports written into a collection's folder came back as articles (or a warning
    /// each) at the next load.
    #[test]
    fn own_exports_in_a_folder_are_skipped_in_silence() {
        let dir = tempfile::tempdir().unwrap();
        let md = "---\ncorpus: \"ab\"\nnotes: 0\ngenerator: \"recoupe\"\n---\n\n# Notes\n";
        let json = "{\n  \"generator\": \"recoupe\",\n  \"schema\": 1,\n  \"notes\": []\n}\n";
        fs::write(dir.path().join("notes.md"), md).unwrap();
        fs::write(dir.path().join("notes.json"), json).unwrap();
        fs::write(dir.path().join("article.txt"), "Titre\n\nTexte.").unwrap();
        let c = load_paths(&[dir.path().to_path_buf()], &LoadOptions::default());
        assert_eq!(c.articles.len(), 1);
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        let named = load_paths(&[dir.path().join("notes.md")], &LoadOptions::default());
        assert!(named.articles.is_empty());
        assert!(named.warnings[0].to_string().contains("export of notes"));
    }

    #[test]
    fn every_file_read_is_stamped_with_its_article_count() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "Un.\n").unwrap();
        fs::write(dir.path().join("b.bin.txt"), b"\x00\x01").unwrap();
        fs::write(
            dir.path().join("c.jsonl"),
            "{\"title\": \"Un\", \"text\": \"Premier.\"}\n{\"title\": \"Deux\", \"text\": \"Second.\"}\n",
        )
        .unwrap();
        let progress = LoadProgress::default();
        let (c, stamps) = load_paths_stamped(
            &[dir.path().to_path_buf()],
            &LoadOptions::default(),
            &progress,
        );
        assert_eq!(c.articles.len(), 3);
        let counts: Vec<u32> = stamps.iter().map(|s| s.articles).collect();
        assert_eq!(counts, [1, 0, 2]);
        assert_eq!(stamps[0].size, 4);
        assert!(stamps[0].path.ends_with(b"a.txt"));
        assert!(stamps[0].modified_ns > 0);
    }
}
