//! Project commands: `cargo xtask regenerate [--check]`, `validate`, `suite`, `bench`, `fuzz`, `capture`, `diff`.

use std::process::ExitCode;

mod bench;
mod capture;
mod diff;
mod fuzz;
mod regenerate;
mod suite;
mod validate;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  regenerate [--check]       generate generated/ from schemas/ (--check: write nothing, fail if stale)
  validate --list            list every schema: <id> TAB <METHOD path> TAB <direction>
  validate <id> <file|->     validate a JSON document: exit 0 valid, 1 invalid, 2 cannot run
  suite [--dir DIR] [--verbose]
                             run the JSON-Schema-Test-Suite against the generated validators
  bench [--quick]            benchmark against the jsonschema crate and typify; print medians and ratios
  fuzz [--cases N]           long fuzzing campaign over every request schema (release mode)
  capture <page.txt> [--out schemas/<provider>/<endpoint>.json] [--write-overlay]
                             capture a saved doc page as a draft schema (plus its overlay with --out)
  diff <old> <new> [--markdown]
                             semantic change report between two schema versions (REV:path reads git);
                             exit 1 when a change is breaking";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["regenerate"] => regenerate::run(codegen::Mode::Write),
        ["regenerate", "--check"] => regenerate::run(codegen::Mode::Check),
        ["validate", rest @ ..] => validate::run(rest),
        ["suite", rest @ ..] => suite::run(rest),
        ["bench", rest @ ..] => bench::run(rest),
        ["fuzz", rest @ ..] => fuzz::run(rest),
        ["capture", rest @ ..] => capture::run(rest),
        ["diff", rest @ ..] => diff::run(rest),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
