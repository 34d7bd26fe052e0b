//! The cache of analyses through the built binary: a second run reads what the first
//! wrote, a changed article is a miss, a corrupt entry is reported and rebuilt, `--no-cache`
//! neither reads nor writes, and `recoupe cache clear` empties it.

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
    let cleared = run(&s, &["cache", "clear"]);
    assert!(String::from_utf8_lossy(&cleared.stdout).contains("removed 1 files"));
    assert!(entries(&s).is_empty());
}
