//! `recoupe config`: where the configuration file is looked for, the default file with its
//! comments, and a check of a user's file that names every problem on its own line.

use super::args::ConfigArgs;
use crate::corpus::{escaped, sanitize_line};
use crate::tui::action::Action;
use crate::tui::keymap::{parse_action, Key, Keymap, DEFAULT_KEYMAP};
use anyhow::Result;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

/// Runs `recoupe config` with its options.
pub fn run(c: &ConfigArgs) -> Result<()> {
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
    let shown = sanitize_line(&shown);
    if c.check {
        check(path.as_deref(), &shown, &mut out)?;
    } else if c.path {
        writeln!(out, "{shown}")?;
    } else {
        let exists = path.as_ref().is_some_and(|p| p.exists());
        writeln!(
            out,
            "{shown}{}",
            if exists {
                ""
            } else {
                "  (not created yet: `recoupe config --default` prints one to start from)"
            }
        )?;
    }
    Ok(())
}

/// `recoupe config --check`: every problem of the file on its own line, naming the file and
/// line; an error when there is any.
fn check(path: Option<&Path>, shown: &str, out: &mut impl Write) -> Result<()> {
    let (_, mut problems) = crate::config::load(path)?;
    if let Some(path) = path.filter(|p| p.exists()) {
        let text = crate::files::read_regular(path, 1 << 20)?;
        problems.extend(key_problems(&String::from_utf8_lossy(&text), shown));
    }
    for p in &problems {
        eprintln!("recoupe: {}", sanitize_line(p));
    }
    match problems.len() {
        0 => Ok(writeln!(out, "{shown}: ok")?),
        1 => anyhow::bail!("{shown}: 1 problem"),
        n => anyhow::bail!("{shown}: {n} problems"),
    }
}

/// What is wrong in the [keys] table of a configuration file's text: unknown actions, keys
/// that are not keys, a key given to two actions, a key taken from an action the file does
/// not rebind (which then loses it).
pub fn key_problems(text: &str, shown: &str) -> Vec<String> {
    let Ok(table) = toml::from_str::<toml::Table>(text) else {
        return Vec::new();
    };
    let Some(keys) = table.get("keys").and_then(toml::Value::as_table) else {
        return Vec::new();
    };
    let at = |name: &str| {
        crate::config::line_of(text, &format!("keys.{name}"))
            .map_or_else(|| format!("{shown}: "), |l| format!("{shown}: line {l}: "))
    };
    let defaults = Keymap::default();
    let mut problems = Vec::new();
    // Typing keys and the reader's keys are apart: a key may be both.
    let mut bound: HashMap<(bool, Key), (String, String)> = HashMap::new();
    let mut rebound = Vec::new();
    let mut wanted = Vec::new();
    for (name, specs) in keys {
        let shown_name = escaped(name);
        let Ok(action) = parse_action(name) else {
            problems.push(format!(
                "{}unknown action `{shown_name}` in [keys]",
                at(name)
            ));
            continue;
        };
        rebound.push(action);
        let specs: Vec<&str> = match specs {
            toml::Value::String(s) => vec![s.as_str()],
            toml::Value::Array(a) => a.iter().filter_map(toml::Value::as_str).collect(),
            _ => Vec::new(),
        };
        for spec in specs {
            let Ok(key) = Key::parse(spec) else {
                problems.push(format!(
                    "{}`{}` is not a key (keys.{shown_name})",
                    at(name),
                    escaped(spec)
                ));
                continue;
            };
            let place = (action.is_typing(), key);
            if let Some((other, _)) = bound.get(&place).filter(|(other, _)| other != name) {
                problems.push(format!(
                    "{}key `{}` is bound to both `{}` and `{shown_name}`",
                    at(name),
                    escaped(spec),
                    escaped(other)
                ));
            }
            bound.insert(place, (name.clone(), spec.to_owned()));
            wanted.push((name.clone(), key, spec.to_owned(), action));
        }
    }
    for (name, key, spec, action) in wanted {
        let default_owner = match action.is_typing() {
            true => defaults.typing_of(&key),
            false => defaults.action_of(&key),
        };
        if let Some(owner) = default_owner.filter(|a| *a != action && !rebound.contains(a)) {
            problems.push(format!(
                "{}key `{}` of `{}` is also a default key of `{}`, which loses it",
                at(&name),
                escaped(&spec),
                escaped(&name),
                action_name(owner)
            ));
        }
    }
    problems
}

/// The keymap name of an action, as the default keymap writes it.
fn action_name(action: Action) -> String {
    let table = toml::from_str::<toml::Table>(DEFAULT_KEYMAP).unwrap_or_default();
    let text = table.get("text").and_then(toml::Value::as_table);
    (table.keys().chain(text.into_iter().flat_map(|t| t.keys())))
        .find(|n| parse_action(n).is_ok_and(|a| a == action))
        .cloned()
        .unwrap_or_else(|| format!("{action:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `config --check` said "ok" to a [keys] table naming actions that do not exist, keys
    /// that are not keys and one key for two actions.
    #[test]
    fn every_key_problem_is_one_line_with_its_line() {
        let text = "[theme]\nper = \"red\"\n[keys]\nfly = [\"x\"]\nnext = [\"j\", \"hyper-x\"]\n\
                    previous = [\"J\", \"shift-j\"]\ntop = [\"ctrl-n\"]\nbottom = \"ctrl-n\"\n\
                    search = [\"q\"]\n";
        let problems = key_problems(text, "c.toml");
        assert_eq!(
            problems,
            [
                "c.toml: line 4: unknown action `fly` in [keys]",
                "c.toml: line 5: `hyper-x` is not a key (keys.next)",
                "c.toml: line 7: key `ctrl-n` is bound to both `bottom` and `top`",
                "c.toml: line 9: key `q` of `search` is also a default key of `quit`, which loses it",
            ],
            "{problems:#?}"
        );
        assert!(
            key_problems("[keys]\nnext = [\"ctrl-n\", \"j\"]\nquit = [\"q\"]\n", "c").is_empty()
        );
    }

    /// Typing keys are checked against typing keys only: `enter` to submit a note does not
    /// take `enter` from the reader, but `ctrl-u` to delete a word takes it from deleting
    /// the line.
    #[test]
    fn typing_keys_conflict_only_with_typing_keys() {
        let text =
            "[keys]\nsubmit = [\"enter\"]\ncursor_up = [\"k\", \"up\"]\nprevious = [\"k\"]\n\
                    delete_word = [\"ctrl-u\"]\n";
        assert_eq!(
            key_problems(text, "c.toml"),
            ["c.toml: line 5: key `ctrl-u` of `delete_word` is also a default key of `delete_line`, which loses it"]
        );
    }
}
