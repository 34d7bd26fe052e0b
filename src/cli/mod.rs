//! The command line: `recoupe [PATH...]` opens the reader; `recoupe articles|entities|facts
//! --json` print what the reader shows, for scripts. Everything here is a thin layer over
//! the library: parse arguments, load, analyse, print. A broken pipe is not an error.

mod args;
mod notes;
mod print;
mod progress;

use crate::analysis;
use crate::corpus::{self, Corpus, LoadOptions};
use anyhow::Result;
use args::{Cli, Command, Inputs};
use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let msg = format!("{e:#}");
            eprintln!("recoupe: error: {}", corpus::sanitize_line(&msg));
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Loads the named paths, or the bundled articles when none is named; prints one line per
/// file that could not be loaded.
fn load(inputs: &Inputs) -> Result<Corpus> {
    let stages = progress::Stages::start();
    stages.stage("reading articles");
    let corpus = if inputs.paths.is_empty() {
        Corpus::bundled()
    } else {
        let opts = LoadOptions {
            max_file_size: inputs.max_file_size,
            ..LoadOptions::default()
        };
        corpus::load_paths(&inputs.paths, &opts)
    };
    drop(stages);
    for w in &corpus.warnings {
        eprintln!("recoupe: warning: {w}");
    }
    if corpus.articles.is_empty() {
        anyhow::bail!("no article could be loaded from the given paths");
    }
    Ok(corpus)
}

/// The whole analysis, with its stages shown on a terminal.
pub(crate) fn analyse(corpus: &Corpus) -> analysis::Analysis {
    let stages = progress::Stages::start();
    stages.stage(&format!(
        "finding entities in {} articles",
        corpus.articles.len()
    ));
    let entities = crate::entities::analyse(corpus);
    stages.stage("linking facts across articles");
    let facts = crate::facts::link(corpus, &entities);
    analysis::Analysis { entities, facts }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let analyses = matches!(
        cli.command,
        None | Some(Command::Entities(_)) | Some(Command::Facts(_))
    );
    let user_config = if analyses {
        let config = load_config()?;
        install_user_lists(&config);
        Some(config)
    } else {
        None
    };
    match cli.command {
        None => {
            crate::tui::check_terminal()?;
            let config = user_config.unwrap_or_default();
            let corpus = load(&cli.inputs)?;
            let analysis = analyse(&corpus);
            let options = crate::tui::ReaderOptions {
                config,
                data_dir: cli.data.data_dir.clone(),
                ..crate::tui::ReaderOptions::from_env()
            };
            crate::tui::run(corpus, analysis, options)?;
        }
        Some(Command::Articles(a)) => {
            let corpus = load(&a.inputs)?;
            if a.json {
                print_json(&corpus::to_json(&corpus))?;
            } else {
                print::articles(&mut io::stdout().lock(), &corpus)?;
            }
        }
        Some(Command::Entities(a)) => {
            let corpus = load(&a.inputs)?;
            let entities = {
                let stages = progress::Stages::start();
                stages.stage(&format!(
                    "finding entities in {} articles",
                    corpus.articles.len()
                ));
                crate::entities::analyse(&corpus)
            };
            if a.json {
                print_json(&crate::entities::to_json(&corpus, &entities))?;
            } else {
                print::entities(&mut io::stdout().lock(), &corpus, &entities)?;
            }
        }
        Some(Command::Facts(a)) => {
            let corpus = load(&a.inputs)?;
            let analysis = analyse(&corpus);
            if a.json {
                print_json(&crate::facts::to_json(&corpus, &analysis.facts))?;
            } else {
                print::facts(&mut io::stdout().lock(), &corpus, &analysis.facts)?;
            }
        }
        Some(Command::Export(e)) => {
            let corpus = load(&e.inputs)?;
            notes::export(&corpus, &e)?;
        }
        Some(Command::Import(i)) => {
            let corpus = load(&i.inputs)?;
            notes::import(&corpus, &i)?;
        }
        Some(Command::Config(c)) => config(&c)?,
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "recoupe", &mut io::stdout().lock());
        }
        Some(Command::Man) => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = io::stdout().lock();
            clap_mangen::Man::new(cmd).render(&mut out)?;
            out.flush()?;
        }
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

/// Hands the user's gazetteers and stopwords to the analysis before it first runs; a file
/// that cannot be read or a bad line is a one-line warning, and the rest loads. Relative
/// paths are taken from the configuration file's folder.
fn install_user_lists(config: &crate::config::Config) {
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
        match std::fs::read_to_string(path) {
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
        match std::fs::read_to_string(path) {
            Ok(text) => words.extend(crate::facts::stopwords::parse_user_stopwords(&text)),
            Err(e) => warn(path, &format!("cannot read this stopword list: {e}")),
        }
    }
    let gazetteer = crate::entities::gazetteer::set_user_entries(entries);
    let stopwords = crate::facts::stopwords::set_user_stopwords(words);
    for e in [gazetteer.err(), stopwords.err()].into_iter().flatten() {
        eprintln!("recoupe: warning: {e}");
    }
}

fn config(c: &args::ConfigArgs) -> Result<()> {
    let mut out = io::stdout().lock();
    if c.default {
        out.write_all(crate::config::DEFAULT.as_bytes())?;
        return Ok(());
    }
    let path = crate::config::path();
    let shown = path
        .as_ref()
        .map_or("(no configuration folder)".into(), |p| {
            p.display().to_string()
        });
    if c.check {
        load_config()?;
        writeln!(out, "{}: ok", corpus::sanitize_line(&shown))?;
    } else {
        let exists = path.as_ref().is_some_and(|p| p.exists());
        writeln!(
            out,
            "{}{}",
            corpus::sanitize_line(&shown),
            if exists {
                ""
            } else {
                "  (not created yet: `recoupe config --default` prints one to start from)"
            }
        )?;
    }
    Ok(())
}

/// Pretty JSON on stdout. Strings in it come from sanitised text, and JSON escapes any
/// control character that could remain.
fn print_json(v: &serde_json::Value) -> Result<()> {
    let mut out = io::stdout().lock();
    let text = serde_json::to_string_pretty(v)?;
    out.write_all(text.as_bytes())?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}
