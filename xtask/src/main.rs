//! Project commands: `cargo xtask regenerate [--check]`, `validate`, `suite`, `bench`, `fuzz`, `capture`, `import`, `diff`.

use std::process::ExitCode;

mod bench;
mod capture;
mod cli;
mod diff;
mod fuzz;
mod import;
mod regenerate;
mod suite;
mod validate;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (spec, rest) = match cli::parse(&args) {
        cli::Parsed::Help(text) => {
            println!("{text}");
            return ExitCode::SUCCESS;
        }
        cli::Parsed::Wrong(line) => {
            eprintln!("xtask: {line}");
            return ExitCode::from(2);
        }
        cli::Parsed::Run(spec, rest) => (spec, rest),
    };
    match (spec.name, rest) {
        ("regenerate", []) => regenerate::run(codegen::Mode::Write),
        ("regenerate", ["--check"]) => regenerate::run(codegen::Mode::Check),
        ("validate", rest) => validate::run(rest),
        ("suite", rest) => suite::run(rest),
        ("bench", rest) => bench::run(rest),
        ("fuzz", rest) => fuzz::run(rest),
        ("capture", rest) => capture::run(rest),
        ("import", rest) => import::run(rest),
        ("diff", rest) => diff::run(rest),
        (name, rest) => {
            eprintln!(
                "xtask: unexpected arguments for `{name}`: {} (see `cargo xtask {name} --help`)",
                rest.join(" ")
            );
            ExitCode::from(2)
        }
    }
}
