//! `cargo xtask bench [--quick]`: runs the criterion benchmarks of `tests/benches/` and prints their
//! summary (criterion's own log goes to `target/bench-criterion.log`). The full run
//! also measures the build cost of the generated code.

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

pub fn run(args: &[&str]) -> ExitCode {
    let quick = match args {
        [] => false,
        ["--quick"] => true,
        _ => {
            eprintln!("usage: cargo xtask bench [--quick]");
            return ExitCode::from(2);
        }
    };
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
    if !quick {
        build_cost(&root);
    }
    print!("{summary}");
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

/// Lines of generated Rust per schema, and debug build times of `generated` alone.
fn build_cost(root: &Path) {
    println!("\n=== build cost of the generated code ===");
    let providers = root.join(codegen::GENERATED_SRC);
    let mut files: Vec<_> = walk(&providers)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    for file in &files {
        let lines = std::fs::read_to_string(file).map_or(0, |text| text.lines().count());
        println!(
            "{:>7} lines  {}",
            lines,
            file.strip_prefix(root).unwrap_or(file).display()
        );
    }
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
