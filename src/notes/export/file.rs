//! File names for exports: whatever an article title holds (slashes, `..`, NUL, control
//! characters, hundreds of characters), the name stays one short, plain component inside
//! the target directory, and an existing file is never replaced.

use crate::corpus::sanitize_line;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// Longest stem produced, in characters.
const MAX_STEM_CHARS: usize = 60;

/// Names Windows reserves for devices, whatever the extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A safe file name from a title: letters and digits kept, every other run of characters
/// becomes one `-`, at most 60 characters, never empty, never hidden, never a device name;
/// then `.ext` (letters and digits of `ext` only; none if that leaves nothing).
pub fn safe_file_name(title: &str, ext: &str) -> String {
    let mut stem = String::new();
    for c in sanitize_line(title).chars() {
        if c.is_alphanumeric() || c == '_' {
            stem.push(c);
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
        if stem.chars().count() >= MAX_STEM_CHARS {
            break;
        }
    }
    let mut stem = stem.trim_matches(|c| c == '-' || c == '_').to_owned();
    if stem.is_empty() {
        stem = "notes".into();
    }
    if RESERVED.contains(&stem.to_ascii_lowercase().as_str()) {
        stem.push_str("-notes");
    }
    let ext: String = ext.chars().filter(char::is_ascii_alphanumeric).collect();
    if ext.is_empty() {
        stem
    } else {
        format!("{stem}.{ext}")
    }
}

/// Writes `contents` to a new file `name` in `dir` (made if missing); when that exists, to
/// `stem-2.ext`, `stem-3.ext`... Returns the path written. `name` must be a single plain
/// file name.
pub fn write_export_file(dir: &Path, name: &str, contents: &str) -> io::Result<PathBuf> {
    let mut parts = Path::new(name).components();
    let plain = matches!(parts.next(), Some(Component::Normal(n)) if n == name)
        && parts.next().is_none()
        && !name.contains(['/', '\\', '\0']);
    if !plain {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("not a plain file name: {}", sanitize_line(name)),
        ));
    }
    std::fs::create_dir_all(dir)?;
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, format!(".{e}")),
        _ => (name, String::new()),
    };
    for n in 1..10_000 {
        let candidate = if n == 1 {
            name.to_owned()
        } else {
            format!("{stem}-{n}{ext}")
        };
        let path = dir.join(candidate);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut f) => {
                f.write_all(contents.as_bytes())?;
                f.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many export files with this name",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_titles_give_plain_short_names() {
        let long = "é".repeat(300);
        let cases = [
            ("../../etc/passwd", "etc-passwd.md"),
            ("..", "notes.md"),
            ("a\0b/c\\d", "ab-c-d.md"),
            ("\u{1b}[31mRouge\u{1b}[0m : « titre »", "Rouge-titre.md"),
            ("CON", "CON-notes.md"),
            (".hidden", "hidden.md"),
            ("", "notes.md"),
        ];
        for (title, want) in cases {
            assert_eq!(safe_file_name(title, "md"), want, "{title:?}");
        }
        let name = safe_file_name(&long, ".m/d");
        assert_eq!(name, format!("{}.md", "é".repeat(60)));
    }

    #[test]
    fn never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let a = write_export_file(dir.path(), "n.md", "one").unwrap();
        let b = write_export_file(dir.path(), "n.md", "two").unwrap();
        let c = write_export_file(dir.path(), "n.md", "three").unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "one");
        assert!(b.ends_with("n-2.md") && c.ends_with("n-3.md"));
        let nested = dir.path().join("exports/2026");
        let d = write_export_file(&nested, "n.md", "four").unwrap();
        assert_eq!(d, nested.join("n.md"));
        for bad in ["../x.md", "/tmp/x.md", "a/b.md", "..", ""] {
            assert!(write_export_file(dir.path(), bad, "x").is_err(), "{bad}");
        }
    }
}
