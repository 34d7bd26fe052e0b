//! `recoupe config`: where the configuration file is looked for, the default file with its
//! comments, and a check of a user's file that names every problem on its own line.

use super::args::ConfigArgs;
use crate::corpus::sanitize_line;
use anyhow::Result;
use std::io::{self, Write};

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
        super::load_config()?;
        writeln!(out, "{shown}: ok")?;
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
