//! Command-line conventions every xtask command follows: `--help` (or `-h`) prints the command's
//! usage on stdout and exits 0; a wrong command or flag is named, with the closest known one, in
//! one line on stderr, and exits 2.

/// One command: its name, its usage text and the flags it knows.
pub struct Spec {
    pub name: &'static str,
    pub usage: &'static str,
    pub flags: &'static [&'static str],
}

pub const COMMANDS: &[Spec] = &[
    Spec {
        name: "regenerate",
        usage: "regenerate [--check]       generate generated/ from schemas/ (--check: write nothing, fail if stale)",
        flags: &["--check"],
    },
    Spec {
        name: "validate",
        usage: "validate --list            list every schema: <id> TAB <METHOD path> TAB <direction>
  validate <id> <file|-> [--json] [--strict] [--show-keys]
                             validate a JSON document: exit 0 valid (undocumented properties, and
                             a response's values the docs do not list, are warnings), 1 invalid,
                             2 cannot run; --json prints one JSON array; --strict keeps every rule
                             for responses and makes undocumented properties errors; --show-keys
                             prints undocumented keys as they are",
        flags: &["--list", "--json", "--strict", "--show-keys"],
    },
    Spec {
        name: "suite",
        usage: "suite [--dir DIR] [--verbose]
                             run the JSON-Schema-Test-Suite against the generated validators",
        flags: &["--dir", "--verbose"],
    },
    Spec {
        name: "bench",
        usage: "bench [--quick]            benchmark against the jsonschema crate and typify; print medians and ratios",
        flags: &["--quick"],
    },
    Spec {
        name: "fuzz",
        usage: "fuzz [--cases N] | --engine libfuzzer --seconds N [--target T]
                             fuzzing: the proptest strategies in release mode, or each
                             coverage-guided target of fuzz/ for N seconds (cargo-fuzz)",
        flags: &["--cases", "--engine", "--seconds", "--target"],
    },
    Spec {
        name: "capture",
        usage: "capture <page.txt> [--out schemas/<provider>/<endpoint>.json] [--write-overlay]
                [--accept-removals] [--accept-unmatched]
                             capture a saved doc page as a draft schema (against the schema and with
                             its overlay with --out); an unreadable line, a page that looks cut
                             short or an unmatched unnamed field: draft printed, nothing written,
                             exit 1",
        flags: &["--out", "--write-overlay", "--accept-removals", "--accept-unmatched"],
    },
    Spec {
        name: "import",
        usage: "import <spec.json|yaml> --operation <operationId | \"METHOD /path\">
               [--out schemas/<provider>/<endpoint>.json] [--accept-removals]
                             import one operation of an OpenAPI 3.0 or 3.1 document as an endpoint
                             schema (against the schema and with its overlay with --out); another
                             operation, lost responses or fields, or a draft that does not
                             regenerate: draft printed, nothing written, exit 1",
        flags: &["--operation", "--out", "--accept-removals"],
    },
    Spec {
        name: "diff",
        usage: "diff <old> <new> [--markdown] [--fail-on wire|code|any]
                             semantic change report between two endpoint schema versions (REV:path
                             reads git): each change is breaking, relaxing or annotation for
                             documents, and breaks code, additive or none for the Rust API;
                             exit 1 when a change is breaking (--fail-on wire, the default),
                             breaks code (code) or either (any); 2 when a file is not an endpoint
                             schema of this project",
        flags: &["--markdown", "--fail-on"],
    },
];

/// What the command line asks for.
pub enum Parsed<'a> {
    /// Print this on stdout and exit 0.
    Help(String),
    /// Run the command with the arguments after its name.
    Run(&'static Spec, &'a [&'a str]),
    /// Print this one line on stderr and exit 2.
    Wrong(String),
}

/// The whole usage text.
pub fn usage() -> String {
    let commands: Vec<String> = COMMANDS.iter().map(|c| format!("  {}", c.usage)).collect();
    format!(
        "usage: cargo xtask <command> [--help]\n\ncommands:\n{}",
        commands.join("\n")
    )
}

pub fn parse<'a>(args: &'a [&'a str]) -> Parsed<'a> {
    let Some((first, rest)) = args.split_first() else {
        return Parsed::Wrong("no command given (see `cargo xtask --help`)".to_owned());
    };
    if matches!(*first, "--help" | "-h" | "help") {
        return Parsed::Help(usage());
    }
    let Some(spec) = COMMANDS.iter().find(|c| c.name == *first) else {
        let names = COMMANDS.iter().map(|c| c.name);
        return Parsed::Wrong(format!(
            "unknown command `{first}`{} (see `cargo xtask --help`)",
            suggestion(first, names)
        ));
    };
    if rest.iter().any(|a| matches!(*a, "--help" | "-h")) {
        return Parsed::Help(format!("usage: cargo xtask {}", spec.usage));
    }
    if let Some(flag) = rest
        .iter()
        .find(|a| a.starts_with("--") && !spec.flags.contains(a))
    {
        return Parsed::Wrong(format!(
            "unknown flag `{flag}` for `{}`{} (see `cargo xtask {} --help`)",
            spec.name,
            suggestion(flag, spec.flags.iter().copied()),
            spec.name
        ));
    }
    Parsed::Run(spec, rest)
}

/// `; did you mean `…`?` for the candidate closest to `word`, when one is close.
fn suggestion<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> String {
    codegen::suggest::closest(word, candidates)
        .map_or(String::new(), |c| format!("; did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrong(args: &[&str]) -> String {
        match parse(args) {
            Parsed::Wrong(line) => line,
            _ => panic!("{args:?} was accepted"),
        }
    }

    #[test]
    fn wrong_words_are_named_with_the_closest_known_one() {
        assert_eq!(
            wrong(&["frobnicate"]),
            "unknown command `frobnicate` (see `cargo xtask --help`)"
        );
        assert_eq!(
            wrong(&["regenrate"]),
            "unknown command `regenrate`; did you mean `regenerate`? (see `cargo xtask --help`)"
        );
        assert_eq!(wrong(&["regenerate", "--chek"]), "unknown flag `--chek` for `regenerate`; did you mean `--check`? (see `cargo xtask regenerate --help`)");
        assert_eq!(wrong(&[]), "no command given (see `cargo xtask --help`)");
    }

    #[test]
    fn help_anywhere_is_help() {
        assert!(
            matches!(parse(&["--help"]), Parsed::Help(text) if text.contains("regenerate [--check]"))
        );
        assert!(
            matches!(parse(&["capture", "--help"]), Parsed::Help(text) if text.starts_with("usage: cargo xtask capture <page.txt>"))
        );
        assert!(
            matches!(parse(&["regenerate", "--check"]), Parsed::Run(spec, ["--check"]) if spec.name == "regenerate")
        );
    }
}
