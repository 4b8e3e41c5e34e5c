//! `cargo xtask suite [--dir DIR] [--verbose]`: runs the JSON-Schema-Test-Suite against validators generated
//! by the project's emitter (built by `tests/build.rs`), and prints per-file counts.

use crate::cli::Args;
use std::process::{Command, ExitCode};

pub fn run(args: &Args) -> ExitCode {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command
        .args([
            "run",
            "--quiet",
            "--package",
            "tests",
            "--bin",
            "suite",
            "--",
        ])
        .current_dir(codegen::repo_root());
    if let Some(dir) = args.value("--dir") {
        match std::fs::canonicalize(dir) {
            Ok(dir) => {
                command.env("JSON_SCHEMA_TEST_SUITE", dir);
            }
            Err(err) => {
                eprintln!("suite: cannot use {dir}: {err}");
                return ExitCode::from(2);
            }
        }
    }
    if args.flag("--verbose") {
        command.arg("--verbose");
    }
    match command.status() {
        Ok(status) => ExitCode::from(status.code().map_or(2, |code| code.clamp(0, 255) as u8)),
        Err(err) => {
            eprintln!("suite: cannot run cargo: {err}");
            ExitCode::from(2)
        }
    }
}
