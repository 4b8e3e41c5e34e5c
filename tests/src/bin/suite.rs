//! `cargo xtask suite`: per-file pass counts of the JSON-Schema-Test-Suite, then
//! `suite: N passed, M failed, K skipped`. `--verbose` also names each skipped group and why.

use std::collections::BTreeMap;
use std::process::ExitCode;
use tests::suite::{case_key, run, Outcome, GROUPS, SUITE_DIR};

fn main() -> ExitCode {
    let dir = match SUITE_DIR {
        Ok(dir) => dir,
        Err(reason) => {
            eprintln!("suite: {reason}");
            return ExitCode::from(2);
        }
    };
    let verbose = std::env::args().any(|a| a == "--verbose");
    println!("JSON-Schema-Test-Suite at {dir}");
    if verbose {
        for group in GROUPS.iter().filter(|g| g.skipped.is_some()) {
            println!(
                "SKIPPED {} / {}: {}",
                group.file,
                group.description,
                group.skipped.unwrap_or_default()
            );
        }
    }
    let mut per_file: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    let mut failures = Vec::new();
    for group in GROUPS {
        for case in group.cases {
            let counts = per_file.entry(group.file).or_default();
            match run(group, case) {
                Outcome::Passed => counts[0] += 1,
                Outcome::Failed { .. } => {
                    counts[1] += 1;
                    failures.push(case_key(group, case));
                }
                Outcome::Skipped => counts[2] += 1,
            }
        }
    }
    for (file, [passed, failed, skipped]) in &per_file {
        println!("{file:<40} {passed:>4} passed {failed:>4} failed {skipped:>4} skipped");
    }
    for failure in &failures {
        println!("FAILED {failure}");
    }
    let total = |i: usize| per_file.values().map(|c| c[i]).sum::<usize>();
    println!(
        "suite: {} passed, {} failed, {} skipped",
        total(0),
        total(1),
        total(2)
    );
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
