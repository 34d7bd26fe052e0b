//! `recoupe man` and `recoupe completions`: the manual page and shell completions, generated
//! from the command-line definition and the default keymap so that neither can drift from
//! the program. The page is written whole to memory first, then to standard output, so a
//! reader that closes the pipe early (`| head`) ends the command quietly.

use super::args::Cli;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, DEFAULT_KEYMAP};
use clap::CommandFactory;
use roff::{bold, roman, Roff};
use std::collections::HashMap;
use std::io::{self, Write};

/// Writes the completion script of `shell` to standard output.
pub fn completions(shell: clap_complete::Shell) -> io::Result<()> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "recoupe", &mut script);
    write_out(&script)
}

/// Writes the manual page (roff) to standard output.
pub fn man() -> io::Result<()> {
    write_out(page()?.as_bytes())
}

fn write_out(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// The whole manual page: name, synopsis, description, options, then the commands (without
/// references to per-command pages, which are not shipped), the reader's keys, the
/// environment and the files recoupe reads and writes.
pub fn page() -> io::Result<String> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    let mut roff = Roff::new();
    commands(&mut roff, &cmd);
    keys(&mut roff);
    environment(&mut roff);
    files(&mut roff);
    out.extend_from_slice(roff.to_roff().as_bytes());
    man.render_version_section(&mut out)?;
    String::from_utf8(out).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

fn commands(roff: &mut Roff, cmd: &clap::Command) {
    roff.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        roff.control("TP", []);
        roff.text([bold(format!("recoupe {}", sub.get_name()))]);
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            roff.text([roman(about.to_string())]);
        }
    }
    roff.control("PP", []);
    roff.text([
        roman("Every option of a command: "),
        bold("recoupe help COMMAND"),
        roman("."),
    ]);
}

/// The action names of the default keymap, as written there.
fn action_names() -> HashMap<Action, String> {
    let table: toml::Table = toml::from_str(DEFAULT_KEYMAP).unwrap_or_default();
    // The reader's actions, then those of the typing table (`[text]`).
    let typing = table.get("text").and_then(toml::Value::as_table);
    let names = table
        .keys()
        .chain(typing.into_iter().flat_map(|t| t.keys()));
    names
        .filter_map(|name| {
            let action: Action = toml::Value::String(name.clone()).try_into().ok()?;
            Some((action, name.clone()))
        })
        .collect()
}

fn keys(roff: &mut Roff) {
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "The reader's default keys, by action. The [keys] table of the configuration file \
         rebinds an action by its name, e.g. next = [\"j\", \"down\", \"ctrl-n\"].",
    )]);
    let keymap = Keymap::default();
    let names = action_names();
    for action in Action::all() {
        let Some(name) = names.get(&action) else {
            continue;
        };
        roff.control("TP", []);
        roff.text([
            bold(keymap.keys(action).join(", ")),
            roman(format!("  ({name})")),
        ]);
        roff.text([roman(action.describe())]);
    }
}

fn entry(roff: &mut Roff, name: &str, text: &str) {
    roff.control("TP", []);
    roff.text([bold(name)]);
    roff.text([roman(text)]);
}

fn environment(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    entry(
        roff,
        "RECOUPE_CONFIG",
        "The configuration file to read instead of config.toml in the configuration folder.",
    );
    entry(
        roff,
        "RECOUPE_DATA_DIR",
        "The data folder: notes, reading positions, exports and fetched collections \
         (--data-dir wins).",
    );
    entry(
        roff,
        "RECOUPE_CACHE_DIR",
        "The cache of analyses (recoupe cache shows it and its size).",
    );
    entry(
        roff,
        "NO_COLOR",
        "When set and not empty, the reader uses no colour.",
    );
    entry(
        roff,
        "TERM",
        "The reader needs a terminal that moves its cursor; with TERM=dumb it refuses to start.",
    );
}

fn files(roff: &mut Roff) {
    roff.control("SH", ["FILES"]);
    entry(
        roff,
        "config.toml",
        "In the platform's configuration folder (~/.config/recoupe on Linux): theme, keys, \
         export format and folder, word lists. recoupe config prints its path, recoupe config \
         --default a full file to start from, recoupe config --check checks it.",
    );
    entry(
        roff,
        "notes",
        "One JSON file per collection in the data folder (~/.local/share/recoupe on Linux), \
         with its .bak copy; saved atomically, never overwritten when unreadable.",
    );
    entry(
        roff,
        "exports",
        "Exports of notes, in the export folder (the data folder's exports unless the \
         configuration's export.dir says otherwise). Folders are read without them.",
    );
    entry(
        roff,
        "collections",
        "Pages and feeds stored by recoupe fetch, in the data folder.",
    );
    entry(
        roff,
        "cache",
        "Analyses and the log of internal failures (panic.log), in the platform's cache \
         folder (~/.cache/recoupe on Linux).",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_has_keys_environment_and_files_and_no_unshipped_pages() {
        let page = page().unwrap();
        for section in [".SH COMMANDS", ".SH KEYS", ".SH ENVIRONMENT", ".SH FILES"] {
            assert!(page.contains(section), "{section}");
        }
        assert!(!page.contains("recoupe\\-facts(1)") && !page.contains("(1)\n"));
        assert!(page.contains("search_next") && page.contains("RECOUPE_DATA_DIR"));
        // Every bound action is listed with its name.
        assert_eq!(action_names().len(), Action::all().count());
    }
}
