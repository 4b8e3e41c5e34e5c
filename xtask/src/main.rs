//! Project commands: `cargo xtask regenerate [--check]`, `validate`, `capture`, `import`, `diff`,
//! `bench`, `fuzz`, `suite`, each declared once in `cli::COMMANDS`.

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

/// The module that runs each declared command.
fn runner(name: &str) -> Option<fn(&cli::Args<'_>) -> ExitCode> {
    Some(match name {
        "regenerate" => regenerate::run,
        "validate" => validate::run,
        "capture" => capture::run,
        "import" => import::run,
        "diff" => diff::run,
        "bench" => bench::run,
        "fuzz" => fuzz::run,
        "suite" => suite::run,
        _ => return None,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match cli::parse(&args) {
        cli::Parsed::Help(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        cli::Parsed::Wrong(line) => {
            eprintln!("xtask: {line}");
            ExitCode::from(2)
        }
        cli::Parsed::Run(args) => match runner(args.command.name) {
            Some(run) => run(&args),
            None => unreachable!("`{}` has no module", args.command.name),
        },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_declared_command_runs() {
        for command in super::cli::COMMANDS {
            assert!(super::runner(command.name).is_some(), "{}", command.name);
        }
    }
}
