//! The user's configuration file: theme colours, key overrides, export defaults, and extra
//! word lists. The defaults live in `assets/config.toml` (printed by `recoupe config
//! --default`); a user file sets only what it changes. A broken file is an error naming the
//! line, column and key, so that recoupe never starts with half a configuration; a key it
//! does not know is a warning.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The default configuration file, with comments.
pub const DEFAULT: &str = include_str!("../assets/config.toml");

/// Theme colours by role, as written in the file (a colour name or `#rrggbb`).
pub type Theme = BTreeMap<String, String>;

/// The whole configuration, defaults filled in.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Config {
    pub theme: Theme,
    /// Action name → keys, only for the actions the user remapped.
    #[serde(default)]
    pub keys: BTreeMap<String, Vec<String>>,
    pub export: ExportConfig,
    pub entities: EntitiesConfig,
    pub facts: FactsConfig,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ExportConfig {
    pub format: String,
    /// As written: empty for the default; see [`ExportConfig::folder`].
    pub dir: PathBuf,
}

impl ExportConfig {
    /// The export folder: `dir` taken from the folder of the configuration file at
    /// `config_path` when relative, or `exports` in `data_dir` when `dir` is empty.
    pub fn folder(&self, config_path: Option<&Path>, data_dir: Option<&Path>) -> Option<PathBuf> {
        if self.dir.as_os_str().is_empty() {
            return data_dir.map(|d| d.join("exports"));
        }
        let base = config_path.and_then(Path::parent).unwrap_or(Path::new(""));
        Some(base.join(&self.dir))
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EntitiesConfig {
    pub gazetteers: Vec<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FactsConfig {
    pub stopwords: Vec<PathBuf>,
}

/// A configuration file that cannot be used, with where and why.
/// `line` 0: the problem has no one place in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.path, self.message),
            l => write!(
                f,
                "{}: line {l}, column {}: {}",
                self.path, self.column, self.message
            ),
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        toml::from_str(DEFAULT).expect("the bundled default configuration parses")
    }
}

/// Where the configuration file is looked for: `RECOUPE_CONFIG`, else `config.toml` in the
/// platform's configuration directory.
pub fn path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("RECOUPE_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "recoupe").map(|d| d.config_dir().join("config.toml"))
}

/// The largest configuration file read.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Loads the configuration: defaults when the file does not exist, else defaults
/// overridden by the file. Returns warnings for unknown keys.
pub fn load(path: Option<&Path>) -> Result<(Config, Vec<String>), ConfigError> {
    let Some(path) = path else {
        return Ok((Config::default(), Vec::new()));
    };
    let read = crate::files::read_regular(path, MAX_CONFIG_BYTES).and_then(|b| {
        String::from_utf8(b)
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
    });
    let text = match read {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((Config::default(), Vec::new()))
        }
        Err(e) => {
            return Err(ConfigError {
                path: crate::corpus::sanitize_line(&path.display().to_string()),
                line: 0,
                column: 0,
                message: format!("cannot read: {e}"),
            })
        }
    };
    parse(&text, &path.display().to_string())
}

/// Parses a user file over the defaults; `shown` names it in messages.
pub fn parse(text: &str, shown: &str) -> Result<(Config, Vec<String>), ConfigError> {
    let err_at = |offset: Option<usize>, message: String| {
        let (line, column) = offset.map_or((0, 0), |o| line_column(text, o));
        ConfigError {
            path: crate::corpus::sanitize_line(shown),
            line,
            column,
            message,
        }
    };
    let user: toml::Table = toml::from_str(text)
        .map_err(|e| err_at(e.span().map(|s| s.start), first_line(e.message())))?;
    let mut merged: toml::Table = toml::from_str(DEFAULT).expect("default parses");
    let mut warnings = Vec::new();
    merge(&mut merged, &user, "", text, shown, &mut warnings).map_err(|(key, msg)| {
        let shown_key = crate::corpus::escaped(&key);
        err_at(find_key(text, &key), format!("key `{shown_key}`: {msg}"))
    })?;
    let config: Config = toml::Value::Table(merged)
        .try_into()
        .map_err(|e: toml::de::Error| err_at(None, first_line(e.message())))?;
    Ok((config, warnings))
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_owned()
}

/// Overlays `user` on `base`, checking each value's type against the default's.
fn merge(
    base: &mut toml::Table,
    user: &toml::Table,
    prefix: &str,
    text: &str,
    shown: &str,
    warnings: &mut Vec<String>,
) -> Result<(), (String, String)> {
    for (k, v) in user {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        // [keys] takes any action name; the reader checks the names.
        if prefix == "keys" {
            let ok = v.as_array().is_some_and(|a| a.iter().all(|x| x.is_str())) || v.is_str();
            if !ok {
                return Err((
                    key,
                    "expected a list of keys such as [\"j\", \"down\"]".into(),
                ));
            }
            let list = match v {
                toml::Value::String(s) => toml::Value::Array(vec![toml::Value::String(s.clone())]),
                other => other.clone(),
            };
            base.insert(k.clone(), list);
            continue;
        }
        match base.get_mut(k) {
            None => {
                let at = find_key(text, &key)
                    .map(|o| format!("line {}: ", line_column(text, o).0))
                    .unwrap_or_default();
                warnings.push(format!(
                    "{}: {at}unknown key `{}`, ignored",
                    crate::corpus::sanitize_line(shown),
                    crate::corpus::escaped(&key)
                ));
            }
            Some(toml::Value::Table(bt)) => match v {
                toml::Value::Table(ut) => merge(bt, ut, &key, text, shown, warnings)?,
                _ => return Err((key, "expected a table".into())),
            },
            Some(slot) => {
                if std::mem::discriminant(slot) != std::mem::discriminant(v) {
                    return Err((
                        key,
                        format!("expected {}, found {}", slot.type_str(), v.type_str()),
                    ));
                }
                if let Some(msg) = check_value(&key, v) {
                    return Err((key, msg));
                }
                *slot = v.clone();
            }
        }
    }
    Ok(())
}

/// Checks values whose type alone does not make them right.
fn check_value(key: &str, v: &toml::Value) -> Option<String> {
    if let Some(role) = key.strip_prefix("theme.") {
        let c = v.as_str().unwrap_or("");
        let _ = role;
        return parse_color(c)
            .is_none()
            .then(|| format!("`{c}` is not a colour name or #rrggbb"));
    }
    if key == "export.format" {
        let f = v.as_str().unwrap_or("");
        return (!["markdown", "json", "w3c"].contains(&f))
            .then(|| format!("`{f}` is not one of markdown, json, w3c"));
    }
    None
}

/// A colour as (r, g, b) for `#rrggbb`, or the name's index in the 16-colour palette
/// (returned as (index, 255, 255) marker-free: callers use [`Color`]).
pub fn parse_color(s: &str) -> Option<Color> {
    let s = s.trim().to_ascii_lowercase();
    if let Ok(i) = s.parse::<u8>() {
        return Some(Color::Indexed(i));
    }
    if let Some(hex) = s.strip_prefix('#') {
        if hex.len() == 6 {
            let n = u32::from_str_radix(hex, 16).ok()?;
            return Some(Color::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8));
        }
        return None;
    }
    const NAMES: [&str; 16] = [
        "black",
        "red",
        "green",
        "yellow",
        "blue",
        "magenta",
        "cyan",
        "gray",
        "darkgray",
        "lightred",
        "lightgreen",
        "lightyellow",
        "lightblue",
        "lightmagenta",
        "lightcyan",
        "white",
    ];
    let s = s.replace(['-', '_', ' '], "").replace("grey", "gray");
    NAMES
        .iter()
        .position(|n| *n == s)
        .map(|i| Color::Named(i as u8))
}

/// A colour from the configuration, independent of any terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    /// Index into black, red, green, yellow, blue, magenta, cyan, gray, darkgray, lightred,
    /// lightgreen, lightyellow, lightblue, lightmagenta, lightcyan, white.
    Named(u8),
    /// Index into the terminal's 256-colour palette, written as a number ("236").
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// The 1-based line of `text` that sets `key` (`keys.next`), if one does.
pub fn line_of(text: &str, key: &str) -> Option<usize> {
    find_key(text, key).map(|o| line_column(text, o).0)
}

/// 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Byte offset of the line that sets `key` (`a.b` is `b = ` inside `[a]`, or `a.b =`).
fn find_key(text: &str, key: &str) -> Option<usize> {
    let (table, leaf) = key.rsplit_once('.').unwrap_or(("", key));
    let mut current = String::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if let Some(name) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            current = name.trim().to_owned();
            if current == key {
                return Some(offset + (line.len() - line.trim_start().len()));
            }
        } else if let Some((k, _)) = t.split_once('=') {
            let k = k.trim().trim_matches('"');
            let full = if current.is_empty() {
                k.to_owned()
            } else {
                format!("{current}.{k}")
            };
            if full == key || (current == table && k == leaf) {
                return Some(offset + (line.len() - line.trim_start().len()));
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_have_every_theme_role() {
        let c = Config::default();
        assert_eq!(c.export.format, "markdown");
        for role in [
            "per",
            "org",
            "loc",
            "figure",
            "highlight",
            "reported",
            "disagree",
            "only_here",
        ] {
            assert!(parse_color(&c.theme[role]).is_some(), "{role}");
        }
    }

    #[test]
    fn a_partial_file_changes_only_what_it_sets() {
        let (c, w) = parse(
            "[theme]\nper = \"#ff0000\"\n[keys]\nnext_sentence = [\"ctrl-n\"]\n",
            "c.toml",
        )
        .unwrap();
        assert!(w.is_empty());
        assert_eq!(c.theme["per"], "#ff0000");
        assert_eq!(c.theme["org"], Config::default().theme["org"]);
        assert_eq!(c.keys["next_sentence"], ["ctrl-n"]);
        assert_eq!(c.export, Config::default().export);
    }

    #[test]
    fn unknown_keys_warn_with_their_line() {
        let (_, w) = parse(
            "[theme]\nper = \"red\"\ncolour = \"blue\"\n[extra]\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(w.len(), 2);
        assert!(
            w.contains(&"c.toml: line 3: unknown key `theme.colour`, ignored".to_owned()),
            "{w:?}"
        );
        assert!(
            w.contains(&"c.toml: line 4: unknown key `extra`, ignored".to_owned()),
            "{w:?}"
        );
    }

    #[test]
    fn broken_files_name_line_column_and_key() {
        let e = parse("[theme]\nper = 3\n", "c.toml").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert!(
            e.message.contains("theme.per") && e.message.contains("string"),
            "{e}"
        );
        let e = parse("[export]\nformat = \"pdf\"\n", "c.toml").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("c.toml: line 2, column 1: key `export.format`"),
            "{e}"
        );
        let e = parse("[theme\nper = 1", "c.toml").unwrap_err();
        assert_eq!(e.line, 1);
        let e = parse("[theme]\nper = \"not-a-colour\"\n", "c.toml").unwrap_err();
        assert!(e.message.contains("not a colour"));
    }

    #[test]
    fn exports_go_to_the_data_folder_unless_the_file_says_otherwise() {
        let data = Path::new("/data");
        let conf = Path::new("/conf/recoupe/config.toml");
        let default = Config::default().export;
        assert_eq!(
            default.folder(Some(conf), Some(data)),
            Some(data.join("exports"))
        );
        assert_eq!(default.folder(Some(conf), None), None);
        let (c, _) = parse("[export]\ndir = \"notes-out\"\n", "c.toml").unwrap();
        assert_eq!(
            c.export.folder(Some(conf), Some(data)),
            Some(PathBuf::from("/conf/recoupe/notes-out"))
        );
        let (c, _) = parse("[export]\ndir = \"/srv/x\"\n", "c.toml").unwrap();
        assert_eq!(
            c.export.folder(None, Some(data)),
            Some(PathBuf::from("/srv/x"))
        );
    }

    #[test]
    fn colours() {
        assert_eq!(parse_color("#0a0B0c"), Some(Color::Rgb(10, 11, 12)));
        assert_eq!(parse_color("Dark-Grey"), Some(Color::Named(8)));
        assert_eq!(parse_color("mauve"), None);
        assert_eq!(parse_color(" 236 "), Some(Color::Indexed(236)));
        assert_eq!(parse_color("256"), None);
    }
}
