//! `cargo xtask regenerate [--check]`.

use crate::cli::Args;
use codegen::{apply, plan, repo_root, Mode};
use std::process::ExitCode;

pub fn run(args: &Args) -> ExitCode {
    let mode = if args.flag("--check") {
        Mode::Check
    } else {
        Mode::Write
    };
    let root = repo_root();
    let plan = match plan(&root) {
        Ok(plan) => plan,
        Err(errors) => {
            for error in &errors {
                eprintln!("{error}");
            }
            eprintln!("regenerate: {} error(s); nothing was written", errors.len());
            return ExitCode::FAILURE;
        }
    };
    let outcome = match apply(&root, &plan, mode) {
        Ok(outcome) => outcome,
        Err(err) => {
            eprintln!("regenerate: cannot update generated/: {err}");
            return ExitCode::FAILURE;
        }
    };
    if mode == Mode::Check {
        if outcome.stale.is_empty() {
            println!(
                "regenerate --check: generated/ is up to date ({} files)",
                outcome.unchanged
            );
            return ExitCode::SUCCESS;
        }
        for stale in &outcome.stale {
            eprintln!("stale: {}\n{}\n", stale.path, stale.diff);
        }
        eprintln!(
            "regenerate --check: {} generated file(s) are stale; run `cargo xtask regenerate` and commit the result",
            outcome.stale.len()
        );
        return ExitCode::FAILURE;
    }
    for path in &outcome.written {
        println!("wrote   {path}");
    }
    for path in &outcome.removed {
        println!("removed {path}");
    }
    for fallback in &plan.typed_as_value {
        println!("value   {fallback}");
    }
    for declared in &plan.annotation_formats {
        println!("format  {declared} (x-annotation-formats: annotations, not checked)");
    }
    for mark in &plan.inferred_sensitive {
        println!("personal {mark}");
    }
    println!(
        "regenerate: {} schemas read, {} types ({} typed as serde_json::Value) and {} validator functions emitted; {} files written, {} unchanged, {} removed",
        plan.schemas_read,
        plan.types_emitted,
        plan.typed_as_value.len(),
        plan.validators_emitted,
        outcome.written.len(),
        outcome.unchanged,
        outcome.removed.len()
    );
    ExitCode::SUCCESS
}
