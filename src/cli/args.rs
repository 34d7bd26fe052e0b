//! Command-line arguments. Each flag carries its own help, which `recoupe --help` and
//! `recoupe help <command>` print.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// recoupe: read several news articles about one story and cross-check them.
///
/// With no command, opens the three-pane reader on the given files and folders, or on the
/// five bundled articles when no path is given. A folder is read with every file below it
/// that recoupe reads: text (.txt), Markdown (.md, .markdown), web pages (.html, .htm,
/// .xhtml), JSON (.json) and JSON Lines (.jsonl, .ndjson), RSS and Atom feeds (.rss, .atom,
/// .xml); recoupe's own exports are left out. `-` reads one piped file, in the format its
/// content shows. Press `?` in the reader for its keys.
#[derive(Debug, Parser)]
#[command(name = "recoupe", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub data: DataDir,
}

/// Where notes are kept.
#[derive(Debug, Clone, Args)]
pub struct DataDir {
    /// Folder for notes and reading positions [default: $RECOUPE_DATA_DIR, else the
    /// platform's data folder for recoupe].
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

/// What to read.
#[derive(Debug, Clone, Args)]
pub struct Inputs {
    /// Article files or folders (read recursively, hidden entries skipped, in the formats
    /// `recoupe --help` lists), `-` for standard input, or http(s) addresses to fetch first.
    /// Without any, the bundled articles.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Skip files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Analyse from scratch: neither read nor write the cache of analyses (kept in
    /// $RECOUPE_CACHE_DIR, else the platform's cache folder; `recoupe cache` manages it).
    #[arg(long)]
    pub no_cache: bool,
    /// Also read newsboat's cache (~/.newsboat/cache.db or ~/.local/share/newsboat/cache.db),
    /// read-only and without locking it.
    #[arg(long)]
    pub newsboat: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles with their structure (paragraphs and sentences as byte offsets).
    Articles(Report),
    /// List the named entities and figures of the corpus, with every mention.
    Entities(Report),
    /// List the facts reported by several articles, and where their figures disagree.
    /// Facts are linked within a story, and each names its story.
    Facts(Report),
    /// Group the articles into stories (the events or developments they report), largest
    /// first.
    Stories(Report),
    /// List, story by story, who the articles cite (speakers and outlets, anonymous sources
    /// apart), on which facts, and the text articles of one story share word for word.
    Sources(Report),
    /// Export the notes of a corpus (the articles named, or the bundled ones).
    Export(Export),
    /// Merge notes from a JSON export (`export --format json`) into a corpus's notes.
    Import(Import),
    /// Print where the configuration file is looked for, print the default configuration
    /// with comments, or check a configuration file.
    Config(ConfigArgs),
    /// Show where the cache of analyses is and what it holds, or empty it.
    Cache {
        #[command(subcommand)]
        action: Option<CacheAction>,
    },
    /// Download web pages and feeds (http and https addresses, or OPML lists of feeds) into a
    /// collection folder that opens later without the network.
    Fetch(FetchArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on standard output.
    Man,
}

/// Options of `fetch`.
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Addresses of pages or RSS/Atom feeds, or OPML files (or addresses) listing feeds.
    #[arg(value_name = "URL", required = true)]
    pub targets: Vec<String>,
    /// Store into this folder [default: the collection named by --collection].
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Name of the collection folder, under `collections` in the data folder [default:
    /// today's date, as 2026-01-31].
    #[arg(long, value_name = "NAME", conflicts_with = "output")]
    pub collection: Option<String>,
    /// Fetch the page of every item of the feeds given, instead of storing the feeds.
    #[arg(long)]
    pub follow: bool,
    /// Seconds to wait to connect and for an answer (a body may take four times as long).
    #[arg(long, value_name = "SECONDS", default_value_t = 20.0)]
    pub timeout: f64,
    /// Largest page or feed kept, in bytes, after decompression.
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    pub max_size: u64,
    #[command(flatten)]
    pub data: DataDir,
}

/// Options of `export`.
#[derive(Debug, Args)]
pub struct Export {
    /// markdown (for people and note apps), json (recoupe's own, re-importable) or w3c
    /// (W3C Web Annotation collection, JSON-LD).
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ExportFormat,
    /// Write to this file (`-` for standard output) instead of a new file in the export
    /// folder (the configuration's export.dir, else `exports` in the data folder). An
    /// existing file is never replaced unless --force is given.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub data: DataDir,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
    W3c,
}

/// Options of `import`.
#[derive(Debug, Args)]
pub struct Import {
    /// A file written by `recoupe export --format json`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Import notes made on articles this collection does not hold (they are kept as
    /// orphans, with their quotes); without it, such a file is refused and nothing is
    /// imported.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub data: DataDir,
}

/// What `cache` does.
#[derive(Debug, Clone, Copy, Subcommand)]
pub enum CacheAction {
    /// Print the cache folder and how many analyses and articles it holds, with their
    /// size (the default).
    Info,
    /// Remove every cached analysis, article and corpus index; the next run analyses
    /// again and refills it.
    Clear,
}

/// Options of `config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the full default configuration file, with comments.
    #[arg(long, conflicts_with_all = ["check", "path"])]
    pub default: bool,
    /// Check the configuration file: its syntax, every key and value, and the [keys]
    /// table (unknown actions, unknown keys, a key bound twice). One line per problem,
    /// naming the file and line; fails when there is any.
    #[arg(long, conflicts_with = "path")]
    pub check: bool,
    /// Print only the path where the configuration file is looked for.
    #[arg(long)]
    pub path: bool,
}

/// Options of the printing commands.
#[derive(Debug, Args)]
pub struct Report {
    /// Print JSON. Offsets are byte offsets into each article's loaded text, which
    /// `articles --json` prints as each article's `text`; a span's `text` is exactly
    /// that slice.
    #[arg(long)]
    pub json: bool,
    /// Only this story (an id that `recoupe stories` prints, such as s1).
    #[arg(long, value_name = "ID")]
    pub story: Option<String>,
    #[command(flatten)]
    pub inputs: Inputs,
    /// The entity corrections made in the reader are read from here.
    #[command(flatten)]
    pub data: DataDir,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn paths_and_commands() {
        let c = Cli::parse_from(["recoupe", "a", "b"]);
        assert!(c.command.is_none());
        assert_eq!(c.inputs.paths.len(), 2);
        let c = Cli::parse_from(["recoupe", "facts", "--json", "dir"]);
        match c.command {
            Some(Command::Facts(r)) => {
                assert!(r.json);
                assert_eq!(r.inputs.paths, [PathBuf::from("dir")]);
            }
            other => panic!("{other:?}"),
        }
        let c = Cli::parse_from(["recoupe", "facts", "--story", "s2", "dir"]);
        assert!(matches!(c.command, Some(Command::Facts(r)) if r.story.as_deref() == Some("s2")));
        let c = Cli::parse_from(["recoupe", "--no-cache", "dir"]);
        assert!(c.inputs.no_cache);
        let c = Cli::parse_from(["recoupe", "cache", "clear"]);
        assert!(matches!(
            c.command,
            Some(Command::Cache {
                action: Some(CacheAction::Clear)
            })
        ));
    }
}
