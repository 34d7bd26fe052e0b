//! `recoupe fetch URL...`, and web addresses or `--newsboat` wherever articles are named:
//! addresses are fetched into a collection folder first (see [`crate::fetch`]), and the
//! folder's files are read like any others.

use super::args::{DataDir, FetchArgs, Inputs};
use crate::corpus::formats::opml;
use crate::corpus::sanitize_line;
use crate::fetch::{self, FetchOptions, FetchProgress, Report};
use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// `recoupe fetch`: prints one line per failure on standard error and a summary on
/// standard output; fails when any address failed (the others are stored all the same).
pub fn run(a: &FetchArgs) -> Result<ExitCode> {
    if !(a.timeout.is_finite() && a.timeout > 0.0) {
        bail!("--timeout must be a positive number of seconds");
    }
    let dir = collection_dir(a.output.as_deref(), a.collection.as_deref(), &a.data)?;
    let opts = FetchOptions {
        timeout: Duration::from_secs_f64(a.timeout.min(86_400.0)),
        max_body: a.max_size,
        follow: a.follow,
        ..FetchOptions::default()
    };
    let (addresses, unread) = addresses_of(&a.targets);
    let report = fetch_shown(&addresses, &dir, &opts);
    let failed = unread + report.failures.len();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}: {} stored, {} already there, {} failed",
        sanitize_line(&dir.display().to_string()),
        report.stored.len(),
        report.kept.len(),
        failed
    )?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The folder to store into: `-o DIR`, else the named collection (today's date by
/// default) under `collections` in the data folder.
fn collection_dir(output: Option<&Path>, name: Option<&str>, data: &DataDir) -> Result<PathBuf> {
    if let Some(dir) = output {
        return Ok(dir.to_owned());
    }
    let name = match name {
        Some(n) => {
            let ok = !n.is_empty()
                && !n.starts_with('.')
                && !n.contains(['/', '\\'])
                && !n.chars().any(char::is_control);
            if !ok {
                bail!(
                    "collection name {:?}: one folder name, not hidden, without slashes",
                    sanitize_line(n)
                );
            }
            n.to_owned()
        }
        None => chrono::Utc::now().format("%Y-%m-%d").to_string(),
    };
    Ok(super::notes::data_dir(data)?.join("collections").join(name))
}

/// The addresses named: web addresses as given, and the feeds of OPML files; a file that
/// cannot be read as OPML is one line on standard error. Returns the count of such files.
fn addresses_of(targets: &[String]) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let mut unread = 0;
    for t in targets {
        if fetch::is_address(t) {
            out.push(t.clone());
            continue;
        }
        let listed = std::fs::read(t)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|bytes| opml::parse_opml(&bytes));
        match listed {
            Ok(subs) => out.extend(subs.into_iter().map(|s| s.feed_url)),
            Err(e) => {
                eprintln!(
                    "recoupe: {}: {} (give web addresses or OPML files)",
                    sanitize_line(t),
                    sanitize_line(&e)
                );
                unread += 1;
            }
        }
    }
    (out, unread)
}

/// Fetches with a progress bar on a terminal, then prints one line per failure.
fn fetch_shown(addresses: &[String], dir: &Path, opts: &FetchOptions) -> Report {
    let progress = FetchProgress::default();
    let report = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("fetching {wide_bar} {pos}/{len} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        let finished = AtomicBool::new(false);
        let report = std::thread::scope(|scope| {
            scope.spawn(|| {
                while !finished.load(Ordering::Acquire) {
                    bar.set_length(progress.total.load(Ordering::Relaxed) as u64);
                    bar.set_position(progress.done.load(Ordering::Relaxed) as u64);
                    std::thread::sleep(Duration::from_millis(100));
                }
            });
            let report = fetch::fetch_all(addresses, dir, opts, &progress);
            finished.store(true, Ordering::Release);
            report
        });
        bar.finish_and_clear();
        report
    } else {
        fetch::fetch_all(addresses, dir, opts, &progress)
    };
    for f in &report.failures {
        eprintln!("recoupe: cannot fetch {f}");
    }
    report
}

/// The paths to read for these inputs: web addresses among them are fetched into today's
/// collection first (and replaced by the files stored), and `--newsboat` adds newsboat's
/// cache.
pub fn resolve(inputs: &Inputs, data: Option<&DataDir>) -> Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    let mut addresses = Vec::new();
    for p in &inputs.paths {
        match p.to_str() {
            Some(s) if fetch::is_address(s) => addresses.push(s.to_owned()),
            _ => paths.push(p.clone()),
        }
    }
    if !addresses.is_empty() {
        let none = DataDir { data_dir: None };
        let dir = collection_dir(None, None, data.unwrap_or(&none))?;
        let report = fetch_shown(&addresses, &dir, &FetchOptions::default());
        if report.files().is_empty() && paths.is_empty() && !newsboat_wanted(inputs) {
            bail!("none of the addresses could be fetched");
        }
        paths.extend(report.files());
    }
    if newsboat_wanted(inputs) {
        paths.push(newsboat_path()?);
    }
    Ok(paths)
}

fn newsboat_wanted(inputs: &Inputs) -> bool {
    inputs.newsboat
}

#[cfg(feature = "newsboat")]
fn newsboat_path() -> Result<PathBuf> {
    crate::corpus::formats::newsboat::default_path().context(
        "no newsboat cache found (~/.newsboat/cache.db or ~/.local/share/newsboat/cache.db); \
         name it as a path instead",
    )
}

#[cfg(not(feature = "newsboat"))]
fn newsboat_path() -> Result<PathBuf> {
    bail!("this build of recoupe does not read newsboat's cache")
}
