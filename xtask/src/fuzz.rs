//! `cargo xtask fuzz [--cases N]`: a long fuzzing campaign over every request schema, in release
//! mode. N cases per strategy and schema (default 100,000); the committed corpus runs too.

use std::process::{Command, ExitCode};

pub fn run(args: &[&str]) -> ExitCode {
    let cases = match args {
        [] => 100_000,
        ["--cases", n] => match n.parse::<u32>() {
            Ok(n) => n,
            Err(_) => {
                eprintln!("fuzz: --cases takes a whole number");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("usage: cargo xtask fuzz [--cases N]");
            return ExitCode::from(2);
        }
    };
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args([
            "test",
            "--quiet",
            "--release",
            "--package",
            "tests",
            "--test",
            "fuzz",
            "--",
            "--nocapture",
        ])
        .env("FUZZ_CASES", cases.to_string())
        .current_dir(codegen::repo_root())
        .status();
    match status {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("fuzz: cannot run cargo: {err}");
            ExitCode::from(2)
        }
    }
}
