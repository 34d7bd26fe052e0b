//! The command line: `recoupe [PATH...]` opens the reader; `recoupe articles|entities|facts
//! --json` print what the reader shows, for scripts. Everything here is a thin layer over
//! the library: parse arguments, load, analyse, print. A broken pipe is not an error.

mod args;
mod config;
mod fetch;
mod manual;
mod notes;
mod open;
mod print;
mod progress;
mod stories;

use crate::analysis::{self, Lexicon};
use crate::cache::Cache;
use crate::corpus;
use anyhow::Result;
use args::{Cli, Command, Inputs};
use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Arc;

/// Entry point of the binary.
pub fn main() -> ExitCode {
    crate::failure::install(Cache::default_dir().map(|d| crate::failure::log_in(&d)));
    let cli = Cli::parse();
    // The reader leaves at once; a command waits for the cache's per-article entries
    // (written while it works) so that the next run finds them.
    let command = cli.command.is_some();
    let result = run(cli);
    if command {
        if let Some(e) = crate::cache::finish_writes() {
            let msg = format!("cannot write per-article cache entries: {e}");
            eprintln!("recoupe: warning: {}", corpus::sanitize_line(&msg));
        }
    }
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let msg = format!("{e:#}");
            eprintln!("recoupe: error: {}", corpus::sanitize_line(&msg));
            ExitCode::FAILURE
        }
    }
}

/// A user's list file (gazetteer, stop words): a regular UTF-8 file of at most 64 MiB.
fn read_list(path: &std::path::Path) -> io::Result<String> {
    let bytes = crate::files::read_regular(path, 64 << 20)?;
    String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The inputs a command reads, if it reads articles.
fn inputs_of(cli: &Cli) -> Option<&Inputs> {
    match &cli.command {
        None => Some(&cli.inputs),
        Some(
            Command::Articles(r)
            | Command::Entities(r)
            | Command::Facts(r)
            | Command::Stories(r)
            | Command::Sources(r),
        ) => Some(&r.inputs),
        Some(Command::Export(e)) => Some(&e.inputs),
        Some(Command::Import(i)) => Some(&i.inputs),
        _ => None,
    }
}

/// `-` reads an article piped in; with a terminal there, it would wait for text typed
/// blind until Ctrl-D, so it is refused at once.
fn check_stdin(inputs: Option<&Inputs>) -> Result<()> {
    use std::io::IsTerminal;
    let wants_stdin = inputs.is_some_and(|i| i.paths.iter().any(|p| p.as_os_str() == "-"));
    if wants_stdin && io::stdin().is_terminal() {
        anyhow::bail!(
            "`-` reads an article from standard input, which is a terminal here: pipe text \
             in (`cat article.html | recoupe -`) or name the file"
        );
    }
    Ok(())
}

/// A first path that does not exist and reads like a mistyped command (`recoupe fatcs`)
/// is an error that names the command meant, rather than a missing file.
fn check_mistyped_command(cli: &Cli) -> Result<()> {
    if cli.command.is_some() {
        return Ok(());
    }
    let Some(first) = cli.inputs.paths.first().and_then(|p| p.to_str()) else {
        return Ok(());
    };
    let wordlike = !first.is_empty() && first.chars().all(|c| c.is_ascii_alphabetic());
    if !wordlike || std::path::Path::new(first).exists() {
        return Ok(());
    }
    let cmd = <Cli as clap::CommandFactory>::command();
    let best = cmd
        .get_subcommands()
        .map(|s| s.get_name())
        .map(|name| (strsim::jaro(first, name), name))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, name)) if score > 0.7 => anyhow::bail!(
            "{first}: no such file, folder or command; did you mean `recoupe {name}`?"
        ),
        _ => Ok(()),
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    check_mistyped_command(&cli)?;
    check_stdin(inputs_of(&cli))?;
    let analyses = matches!(
        cli.command,
        None | Some(Command::Entities(_))
            | Some(Command::Facts(_))
            | Some(Command::Export(_))
            | Some(Command::Stories(_))
            | Some(Command::Sources(_))
    ) || matches!(&cli.command, Some(Command::Articles(a)) if a.story.is_some());
    let (user_config, lexicon) = if analyses {
        let config = load_config()?;
        let lexicon = user_lexicon(&config);
        (Some(config), Arc::new(lexicon))
    } else {
        (None, Arc::default())
    };
    match cli.command {
        None => {
            crate::tui::check_terminal()?;
            let opening = crate::session::Opening {
                load: open::load_options(&cli.inputs),
                cache: open::cache_for(&cli.inputs),
                lexicon,
                ..crate::session::Opening::new(fetch::resolve(&cli.inputs, Some(&cli.data))?)
            };
            let mut config = user_config.unwrap_or_default();
            if let Ok(dir) = notes::export_dir(&config, &cli.data) {
                config.export.dir = dir;
            }
            let options = crate::tui::ReaderOptions {
                config,
                data_dir: cli.data.data_dir.clone(),
                ..crate::tui::ReaderOptions::from_env()
            };
            for w in crate::tui::run(opening, options)? {
                eprintln!("recoupe: warning: {w}");
            }
        }
        Some(Command::Articles(a)) if a.story.is_some() => stories::articles(&a, &lexicon)?,
        Some(Command::Entities(a)) if a.story.is_some() => stories::entities(&a, &lexicon)?,
        Some(Command::Stories(a)) => stories::stories(&a, &lexicon)?,
        Some(Command::Articles(a)) => {
            let corpus = open::open(&a.inputs, None)?.corpus;
            if a.json {
                print_json(&corpus::to_json(&corpus))?;
            } else {
                print::articles(&mut io::stdout().lock(), &corpus)?;
            }
        }
        Some(Command::Entities(a)) => {
            let (corpus, mut entities) = if a.inputs.no_cache {
                // Without the cache the entities need no fact linking.
                let corpus = open::open(&a.inputs, None)?.corpus;
                let progress = analysis::Progress::new();
                let entities = progress::watch(&progress, || {
                    progress.enter(analysis::Stage::Entities, corpus.articles.len());
                    analysis::entities_guarded(&corpus, &lexicon, &progress)
                });
                for w in progress.failures() {
                    eprintln!("recoupe: warning: {}", corpus::sanitize_line(&w));
                }
                (corpus, entities)
            } else {
                let (corpus, analysis) = open::open(&a.inputs, Some(&lexicon))?.analysis()?;
                (corpus, analysis.entities)
            };
            notes::apply_corrections(&corpus, &mut entities, &a.data);
            if a.json {
                print_json(&crate::entities::EntitiesJson {
                    corpus: &corpus,
                    entities: &entities,
                })?;
            } else {
                print::entities(&mut io::stdout().lock(), &corpus, &entities)?;
            }
        }
        Some(Command::Facts(a)) => stories::facts(&a, &lexicon)?,
        Some(Command::Sources(a)) => stories::sources(&a, &lexicon)?,
        Some(Command::Export(e)) => notes::export(&e, &lexicon)?,
        Some(Command::Import(i)) => {
            let corpus = open::open(&i.inputs, None)?.corpus;
            notes::import(&corpus, &i)?;
        }
        Some(Command::Fetch(f)) => return fetch::run(&f),
        Some(Command::Config(c)) => config::run(&c)?,
        Some(Command::Cache { action }) => cache(action.unwrap_or(args::CacheAction::Info))?,
        Some(Command::Completions { shell }) => manual::completions(shell)?,
        Some(Command::Man) => manual::man()?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The user's configuration, or a one-line error naming the file, line, column and key.
pub(crate) fn load_config() -> Result<crate::config::Config> {
    let path = crate::config::path();
    let (config, warnings) = crate::config::load(path.as_deref())?;
    for w in warnings {
        eprintln!("recoupe: warning: {w}");
    }
    Ok(config)
}

/// The user's gazetteers and stopwords, as the analysis takes them; a file that cannot be
/// read or a bad line is a one-line warning, and the rest loads. Relative paths are taken
/// from the configuration file's folder.
fn user_lexicon(config: &crate::config::Config) -> Lexicon {
    let base = crate::config::path()
        .and_then(|p| p.parent().map(std::path::Path::to_path_buf))
        .unwrap_or_default();
    let warn = |path: &std::path::Path, what: &str| {
        let shown = corpus::sanitize_line(&path.display().to_string());
        eprintln!("recoupe: warning: {shown}: {}", corpus::sanitize_line(what));
    };
    let mut entries = Vec::new();
    for path in &config.entities.gazetteers {
        let path = &base.join(path);
        match read_list(path) {
            Ok(text) => {
                let (good, bad) = crate::entities::gazetteer::parse_user(&text);
                for (line, fault) in bad {
                    warn(path, &format!("line {line}: {fault}, skipped"));
                }
                entries.extend(good);
            }
            Err(e) => warn(path, &format!("cannot read this gazetteer: {e}")),
        }
    }
    let mut words = Vec::new();
    for path in &config.facts.stopwords {
        let path = &base.join(path);
        match read_list(path) {
            Ok(text) => words.extend(crate::text::stopwords::parse_user_stopwords(&text)),
            Err(e) => warn(path, &format!("cannot read this stopword list: {e}")),
        }
    }
    Lexicon::new(entries, words)
}

/// `recoupe cache`: where the cache is and what it holds, or empties it.
fn cache(action: args::CacheAction) -> Result<()> {
    let Some(dir) = Cache::default_dir() else {
        anyhow::bail!("no cache folder: set RECOUPE_CACHE_DIR");
    };
    let cache = Cache::new(dir);
    let shown = corpus::sanitize_line(&cache.dir().display().to_string());
    let mut out = io::stdout().lock();
    match action {
        args::CacheAction::Info => {
            let (files, bytes) = cache.usage(&analysis::stored::ANALYSES);
            let (articles, article_bytes) = cache.usage(&analysis::ARTICLES);
            writeln!(
                out,
                "{shown}: {files} cached analyses, {}; {articles} cached articles, {}",
                human_bytes(bytes),
                human_bytes(article_bytes)
            )?;
        }
        args::CacheAction::Clear => {
            let shelves = [
                analysis::stored::ANALYSES,
                analysis::ARTICLES,
                crate::session::index::INDEXES,
            ];
            let (files, bytes) = cache
                .clear(&shelves)
                .map_err(|e| anyhow::anyhow!("cannot empty the cache {shown}: {e}"))?;
            writeln!(
                out,
                "{shown}: removed {files} files, {}",
                human_bytes(bytes)
            )?;
        }
    }
    Ok(())
}

fn human_bytes(b: u64) -> String {
    match b {
        0..=9_999 => format!("{b} bytes"),
        10_000..=9_999_999 => format!("{} kB", b / 1000),
        _ => format!("{:.1} MB", b as f64 / 1e6),
    }
}

/// Pretty JSON on stdout, written as the document is walked (a large corpus's is never
/// held whole). Strings in it come from sanitised text, and JSON escapes any control
/// character that could remain.
fn print_json(document: &impl serde::Serialize) -> Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    // As an io::Error, so that a closed pipe ends quietly.
    serde_json::to_writer_pretty(&mut out, document).map_err(io::Error::from)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}
