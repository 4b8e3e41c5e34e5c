//! `cargo xtask bench [--quick]`: runs the criterion benchmarks of `tests/benches/` and prints their
//! summary (criterion's own log goes to `target/bench-criterion.log`). The full run
//! also measures the build cost of the generated code.

use crate::cli::Args;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

pub fn run(args: &Args) -> ExitCode {
    let quick = args.flag("--quick");
    let root = codegen::repo_root();
    let output = root.join("target/bench-validators");
    if let Err(err) = std::fs::create_dir_all(&output) {
        eprintln!("bench: cannot create {}: {err}", output.display());
        return ExitCode::FAILURE;
    }
    println!("machine: {}", machine());
    let log = match std::fs::File::create(root.join("target/bench-criterion.log")) {
        Ok(log) => log,
        Err(err) => {
            eprintln!("bench: cannot write the log: {err}");
            return ExitCode::FAILURE;
        }
    };
    let mut command = cargo();
    command.args([
        "bench",
        "--quiet",
        "--package",
        "tests",
        "--bench",
        "validators",
        "--",
    ]);
    if quick {
        command.arg("--quick");
    }
    let result = command
        .env("BENCH_OUTPUT", &output)
        .current_dir(&root)
        .stdout(Stdio::piped())
        .stderr(log)
        .output();
    let stdout = match result {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        Ok(out) => {
            eprintln!(
                "bench: the benchmark failed; see {}",
                root.join("target/bench-criterion.log").display()
            );
            eprint!("{}", String::from_utf8_lossy(&out.stdout));
            return ExitCode::FAILURE;
        }
        Err(err) => {
            eprintln!("bench: cannot run cargo: {err}");
            return ExitCode::FAILURE;
        }
    };
    let summary = stdout
        .find("=== summary")
        .map_or(stdout.as_str(), |i| &stdout[i..]);
    print!("{summary}");
    generated_lines(&root);
    if !quick {
        build_cost(&root);
    }
    ExitCode::SUCCESS
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cpu}, {cores} cores")
}

/// Validator lines per endpoint file, and all generated lines, before the validators became
/// calls into the runtime's keyword checks (commit 9d2ed87): the targets halve the first and keep
/// the second at most what it was when builders did not exist yet (26,017).
const VALIDATOR_LINES_BEFORE: &[(&str, usize)] = &[
    ("axisfi/create_customer.rs", 2479),
    ("connectfi/condor_customer_create.rs", 2539),
    ("connectfi/customer_init.rs", 5728),
    ("connectfinancial/create_individual_customer.rs", 1383),
    ("rocketkor/create_business_customer.rs", 5636),
];
const TOTAL_LINES_TARGET: usize = 26_017;

/// Lines of one generated endpoint file, by what they are.
#[derive(Default)]
struct Lines {
    types: usize,
    builders: usize,
    trees: usize,
    validators: usize,
    /// The single pass's read plans (`static READ_…` inside the validators module).
    read_plans: usize,
}

/// Sorts the top-level items of a generated file: the `validators` module, `ToTree` impls,
/// builders (any item naming a `…Builder`), and the rest (types, conversions, `Schema` impls).
/// An item ends at a line that closes it at column 0 (`}`, `};`, or a one-line item's `;`).
fn classify_lines(text: &str) -> Lines {
    let mut lines = Lines::default();
    let mut item: Vec<&str> = Vec::new();
    for line in text.lines() {
        item.push(line);
        let at_column_0 = !line.starts_with([' ', '\t']);
        let ends = at_column_0
            && (line.starts_with('}') || (line.ends_with(';') && !line.starts_with("//")));
        if !ends {
            continue;
        }
        let head = item
            .iter()
            .find(|l| !l.starts_with("//") && !l.starts_with('#') && !l.starts_with(' '))
            .copied()
            .unwrap_or_default();
        let count = item.len();
        if head.starts_with("mod validators") {
            let plans = read_plan_lines(&item);
            lines.read_plans += plans;
            lines.validators += count - plans;
        } else if head.contains("ToTree for") {
            lines.trees += count;
        } else if item.iter().any(|l| l.contains("Builder")) {
            lines.builders += count;
        } else {
            lines.types += count;
        }
        item.clear();
    }
    lines.types += item.len();
    lines
}

/// Lines of the read plans in a validators module: each starts with `static READ_` and ends at
/// the first line that ends with `;` at the module's indentation.
fn read_plan_lines(module: &[&str]) -> usize {
    let mut count = 0;
    let mut inside = false;
    for line in module {
        let line_start = line.trim_start();
        if line_start.starts_with("static READ_")
            || line_start.starts_with("pub(super) static READ_")
        {
            inside = true;
        }
        if inside {
            count += 1;
            if line.ends_with(';') && !line.starts_with("        ") {
                inside = false;
            }
        }
    }
    count
}

/// Lines of generated Rust per endpoint, by kind, against the targets.
fn generated_lines(root: &Path) {
    println!("\n=== generated lines per endpoint ===");
    println!(
        "{:<48} {:>7} {:>9} {:>8} {:>11} {:>11} {:>7}   validators before",
        "file", "types", "builders", "ToTree", "validators", "read plans", "total"
    );
    let providers = root.join(codegen::GENERATED_SRC);
    let mut files: Vec<_> = walk(&providers)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let (mut total, mut halved) = (0, true);
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        total += text.lines().count();
        let name = file
            .strip_prefix(&providers)
            .unwrap_or(file)
            .display()
            .to_string();
        let Some(&(_, before)) = VALIDATOR_LINES_BEFORE.iter().find(|(f, _)| *f == name) else {
            continue;
        };
        let lines = classify_lines(&text);
        halved &= lines.validators * 2 <= before;
        println!(
            "{name:<48} {:>7} {:>9} {:>8} {:>11} {:>11} {:>7}   {before}",
            lines.types,
            lines.builders,
            lines.trees,
            lines.validators,
            lines.read_plans,
            text.lines().count()
        );
    }
    let verdict = |met: bool| if met { "met" } else { "NOT met" };
    println!(
        "  validator lines per endpoint, at least halved: {}",
        verdict(halved)
    );
    println!(
        "  all generated lines: {total} (target ≤ {TOTAL_LINES_TARGET}): {}",
        verdict(total <= TOTAL_LINES_TARGET)
    );
}

/// Debug build times of `generated` alone.
fn build_cost(root: &Path) {
    println!("\n=== build cost of the generated code ===");
    let target = root.join("target/bench-build");
    for features in [None, Some("connectfi")] {
        let feature_args: Vec<&str> = match features {
            None => vec![],
            Some(f) => vec!["--no-default-features", "--features", f],
        };
        let build = |timed: bool| {
            let start = Instant::now();
            let status = cargo()
                .args(["build", "--quiet", "--package", "generated", "--lib"])
                .args(&feature_args)
                .env("CARGO_TARGET_DIR", &target)
                .current_dir(root)
                .status();
            (
                status.is_ok_and(|s| s.success()),
                timed.then(|| start.elapsed()),
            )
        };
        build(false); // dependencies
        let _ = cargo()
            .args(["clean", "--quiet", "--package", "generated"])
            .env("CARGO_TARGET_DIR", &target)
            .current_dir(root)
            .status();
        let (ok, elapsed) = build(true);
        let label = features.map_or("all providers (default features)".to_owned(), |f| {
            format!("only `{f}`")
        });
        match (ok, elapsed) {
            (true, Some(elapsed)) => println!(
                "clean debug build of `generated`, {label}: {:.1} s",
                elapsed.as_secs_f64()
            ),
            _ => println!("clean debug build of `generated`, {label}: failed"),
        }
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}
