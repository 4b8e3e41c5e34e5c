//! `cargo xtask validate`: runs the `validate` binary of the `generated` crate, so that xtask itself
//! never depends on generated code (a broken generation must not stop `regenerate` from building).

use std::process::{Command, ExitCode};

pub fn run(args: &[&str]) -> ExitCode {
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
        .args(args)
        .current_dir(codegen::repo_root())
        .status();
    match status {
        Ok(status) => ExitCode::from(status.code().map_or(2, |code| code.clamp(0, 255) as u8)),
        Err(err) => {
            eprintln!("validate: cannot run cargo: {err}");
            ExitCode::from(2)
        }
    }
}
