//! `cargo xtask fuzz`: fuzzing campaigns.
//! - `[--cases N]` (the default engine, `proptest`): the proptest strategies of `tests/fuzz.rs`
//!   over every request schema, in release mode, N cases per strategy and schema (default
//!   100,000); the committed corpus runs too.
//! - `--engine libfuzzer --seconds N`: every coverage-guided target of `fuzz/` for N seconds each
//!   (cargo-fuzz on the stable toolchain, no sanitizer), starting from the committed corpus and
//!   adding what it finds there. Needs `cargo install cargo-fuzz` once.

use std::path::Path;
use std::process::{Command, ExitCode};

/// The targets of `fuzz/Cargo.toml`, in the order they run.
const TARGETS: &[&str] = &["from_slice", "validate_value", "capture", "regenerate"];

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

fn usage() -> ExitCode {
    eprintln!("usage: cargo xtask fuzz [--cases N] | --engine libfuzzer --seconds N [--target T]");
    ExitCode::from(2)
}

fn number(text: &str, flag: &str) -> Option<u32> {
    let parsed = text.parse::<u32>().ok();
    if parsed.is_none() {
        eprintln!("fuzz: {flag} takes a whole number");
    }
    parsed
}

pub fn run(args: &[&str]) -> ExitCode {
    match args {
        [] => proptest_campaign(100_000),
        ["--cases", n] | ["--engine", "proptest", "--cases", n] => {
            number(n, "--cases").map_or(ExitCode::from(2), proptest_campaign)
        }
        ["--engine", "libfuzzer", "--seconds", n] => number(n, "--seconds")
            .map_or(ExitCode::from(2), |seconds| {
                libfuzzer_campaign(seconds, TARGETS)
            }),
        ["--engine", "libfuzzer", "--seconds", n, "--target", target] => {
            if !TARGETS.contains(target) {
                eprintln!("fuzz: unknown target `{target}`; the targets are {TARGETS:?}");
                return ExitCode::from(2);
            }
            number(n, "--seconds").map_or(ExitCode::from(2), |seconds| {
                libfuzzer_campaign(seconds, &[target])
            })
        }
        ["--engine", engine, ..] if !["proptest", "libfuzzer"].contains(engine) => {
            eprintln!("fuzz: unknown engine `{engine}`; the engines are proptest and libfuzzer");
            ExitCode::from(2)
        }
        _ => usage(),
    }
}

fn proptest_campaign(cases: u32) -> ExitCode {
    let status = cargo()
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
    exit_code(status)
}

fn libfuzzer_campaign(seconds: u32, targets: &[&str]) -> ExitCode {
    let fuzz_dir = codegen::repo_root().join("fuzz");
    let installed = cargo()
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|output| output.status.success());
    if !installed {
        eprintln!("fuzz: cargo-fuzz is not installed; run `cargo install cargo-fuzz` once");
        return ExitCode::from(2);
    }
    for target in targets {
        println!("=== {target}: {seconds} s ===");
        let (corpus, seeds) = (
            fuzz_dir.join("corpus").join(target),
            fuzz_dir.join("seeds").join(target),
        );
        if let Err(err) = std::fs::create_dir_all(&corpus) {
            eprintln!("fuzz: cannot create {}: {err}", corpus.display());
            return ExitCode::from(2);
        }
        // New finds go to the first folder (the regression corpus); the seeds only start it.
        let status = cargo()
            .args(["fuzz", "run", "--sanitizer", "none", target])
            .arg(&corpus)
            .args(seeds.is_dir().then_some(&seeds))
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                "-print_final_stats=1",
                "-timeout=10",
                "-rss_limit_mb=2048",
                "-max_len=65536",
            ])
            .current_dir(&fuzz_dir)
            .status();
        match status {
            Ok(status) if status.success() => {}
            Ok(_) => {
                eprintln!(
                    "fuzz: {target} failed; a failing input is kept under {}",
                    Path::new("fuzz/artifacts").join(target).display()
                );
                return ExitCode::FAILURE;
            }
            Err(err) => {
                eprintln!("fuzz: cannot run cargo: {err}");
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}

fn exit_code(status: std::io::Result<std::process::ExitStatus>) -> ExitCode {
    match status {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("fuzz: cannot run cargo: {err}");
            ExitCode::from(2)
        }
    }
}
