//! `cargo xtask suite`: each group that does not run and why (`suite-skipped.txt`), per-file
//! pass counts of the JSON-Schema-Test-Suite, then `suite: N passed, M failed, K skipped`, with
//! the optional directory counted apart. `--verbose` adds the generator's message for each
//! skipped group.

use std::collections::BTreeMap;
use std::process::ExitCode;
use tests::suite::{case_key, is_optional, listed_skips, run, Outcome, GROUPS, SUITE_DIR};

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
    let reasons = listed_skips();
    for group in GROUPS.iter().filter(|g| g.skipped.is_some()) {
        let key = (group.file.to_owned(), group.description.to_owned());
        let reason = reasons
            .get(&key)
            .map_or("not listed in tests/suite-skipped.txt", String::as_str);
        println!(
            "SKIPPED {} / {} ({} cases): {reason}",
            group.file,
            group.description,
            group.cases.len()
        );
        if verbose {
            println!("        {}", group.skipped.unwrap_or_default());
        }
    }
    let mut per_file: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    let mut optional_passed = 0;
    let mut failures = Vec::new();
    for group in GROUPS {
        for case in group.cases {
            let counts = per_file.entry(group.file).or_default();
            match run(group, case) {
                Outcome::Passed => {
                    counts[0] += 1;
                    optional_passed += usize::from(is_optional(group));
                }
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
        "suite: {} passed, {} failed, {} skipped ({} passed in required files, {} in optional/)",
        total(0),
        total(1),
        total(2),
        total(0) - optional_passed,
        optional_passed
    );
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
