//! Servers and files shared by several test modules.

pub mod http;

use std::path::Path;
use std::process::{Command, Output};

/// The built program run with `args` in `cwd`: no data folder from the environment, its
/// cache in `cwd/.cache`.
pub fn recoupe(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(args)
        .current_dir(cwd)
        .env_remove("RECOUPE_DATA_DIR")
        .env("RECOUPE_CACHE_DIR", cwd.join(".cache"))
        .output()
        .expect("run recoupe")
}
