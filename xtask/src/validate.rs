//! `cargo xtask validate`: runs the `validate` binary of the `generated` crate, so that xtask itself
//! never depends on generated code (a broken generation must not stop `regenerate` from building).
//! The binary's flags are declared in `cli::COMMANDS` too (`tests/cli.rs` checks both lists); the
//! arguments, once read against that declaration, go to the binary as given.

use crate::cli::Args;
use std::process::{Command, ExitCode};

pub fn run(args: &Args) -> ExitCode {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args([
            "run",
            "--quiet",
            "--package",
            "generated",
            "--bin",
            "validate",
            "--",
        ])
        .args(args.raw)
        .current_dir(codegen::repo_root())
        .status();
    match status {
        // 0 valid, 1 invalid; anything else (cargo failing to build, a crash) means it could not run.
        Ok(status) => ExitCode::from(match status.code() {
            Some(code @ (0 | 1)) => code as u8,
            _ => 2,
        }),
        Err(err) => {
            eprintln!("validate: cannot run cargo: {err}");
            ExitCode::from(2)
        }
    }
}
