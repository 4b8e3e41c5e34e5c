//! `cargo xtask fuzz`: fuzzing campaigns.
//! - `[--cases N]` (the default engine, `proptest`): the proptest strategies of `tests/fuzz.rs`
//!   over every request schema, in release mode, N cases per strategy and schema (default
//!   100,000); the committed corpus runs too.
//! - `--engine libfuzzer --seconds N`: every coverage-guided target of `fuzz/` for N seconds each
//!   (cargo-fuzz on the stable toolchain, no sanitizer), starting from the committed corpus and
//!   adding what it finds there. Needs `cargo install cargo-fuzz` once.

use crate::cli::Args;
use std::path::Path;
use std::process::{Command, ExitCode};

/// The targets of `fuzz/Cargo.toml`, in the order they run.
const TARGETS: &[&str] = &["from_slice", "validate_value", "capture", "regenerate"];

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

/// The value of `flag` as a whole number; `default` when it is not given.
fn number(args: &Args, flag: &str, default: Option<u32>) -> Result<u32, String> {
    match args.value(flag) {
        Some(text) => text
            .parse::<u32>()
            .map_err(|_| format!("{flag} takes a whole number")),
        None => default.ok_or_else(|| format!("--engine libfuzzer needs {flag} N")),
    }
}

pub fn run(args: &Args) -> ExitCode {
    match campaign(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("fuzz: {message}");
            ExitCode::from(2)
        }
    }
}

fn campaign(args: &Args) -> Result<ExitCode, String> {
    match args.value("--engine").unwrap_or("proptest") {
        "proptest" => {
            if let Some(flag) = ["--seconds", "--target"].into_iter().find(|f| args.flag(f)) {
                return Err(format!("{flag} is for --engine libfuzzer"));
            }
            Ok(proptest_campaign(number(args, "--cases", Some(100_000))?))
        }
        "libfuzzer" => {
            if args.flag("--cases") {
                return Err(
                    "--cases is for the proptest engine; libFuzzer runs for --seconds N".to_owned(),
                );
            }
            let seconds = number(args, "--seconds", None)?;
            match args.value("--target") {
                None => Ok(libfuzzer_campaign(seconds, TARGETS)),
                Some(target) if TARGETS.contains(&target) => {
                    Ok(libfuzzer_campaign(seconds, &[target]))
                }
                Some(target) => Err(format!(
                    "unknown target `{target}`; the targets are {TARGETS:?}"
                )),
            }
        }
        engine => Err(format!(
            "unknown engine `{engine}`; the engines are proptest and libfuzzer"
        )),
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
