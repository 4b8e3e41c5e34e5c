//! `cargo xtask suite [--dir DIR]`: runs the JSON-Schema-Test-Suite against validators generated
//! by the project's emitter (built by `tests/build.rs`), and prints per-file counts.

use std::process::{Command, ExitCode};

pub fn run(args: &[&str]) -> ExitCode {
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
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match (*arg, rest.next()) {
            ("--dir", Some(dir)) => match std::fs::canonicalize(dir) {
                Ok(dir) => {
                    command.env("JSON_SCHEMA_TEST_SUITE", dir);
                }
                Err(err) => {
                    eprintln!("suite: cannot use {dir}: {err}");
                    return ExitCode::from(2);
                }
            },
            ("--verbose", next) => {
                command.arg("--verbose");
                if next.is_some() {
                    eprintln!("suite: unexpected arguments after --verbose");
                    return ExitCode::from(2);
                }
            }
            _ => {
                eprintln!("usage: cargo xtask suite [--dir DIR] [--verbose]");
                return ExitCode::from(2);
            }
        }
    }
    match command.status() {
        Ok(status) => ExitCode::from(status.code().map_or(2, |code| code.clamp(0, 255) as u8)),
        Err(err) => {
            eprintln!("suite: cannot run cargo: {err}");
            ExitCode::from(2)
        }
    }
}
