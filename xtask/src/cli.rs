//! Every xtask command, declared once, and the conventions they all follow.
//!
//! [`COMMANDS`] declares each command: its name, a summary, its flags (each with the name of its
//! value when it takes one, and a one-line help) and its forms, the ways of calling it with its
//! positional arguments. Everything else comes from that table: the parser ([`parse`], whose
//! [`Args`] the command modules read), each command's `--help` and the top-level usage.
//! `tests/cli.rs` checks the README's command table and the flags of the `validate` binary
//! against it (through `--help`, whose layout is therefore stable: usage lines, the summary, then
//! one `  --flag [VALUE]  help` line per flag).
//!
//! Conventions: `--help` (or `-h`) anywhere prints the usage on stdout and exits 0; a wrong
//! command or flag is named, with the closest known one, in one line on stderr, and exits 2, as
//! does a flag given twice, a flag without its value, a missing or an extra positional argument.

/// One flag of a command.
pub struct Flag {
    /// `--out`.
    pub name: &'static str,
    /// The name of its value (`<schema>`, `N`), when it takes one.
    pub value: Option<&'static str>,
    /// One line.
    pub help: &'static str,
}

/// A flag that takes no value.
const fn switch(name: &'static str, help: &'static str) -> Flag {
    Flag {
        name,
        value: None,
        help,
    }
}

/// A flag followed by its value.
const fn valued(name: &'static str, value: &'static str, help: &'static str) -> Flag {
    Flag {
        name,
        value: Some(value),
        help,
    }
}

/// One word of a form.
pub enum Part {
    /// A positional argument, named as the usage shows it (`<page.txt>`).
    Arg(&'static str),
    /// A flag the form needs.
    Needs(&'static str),
    /// A flag the form may take.
    May(&'static str),
    /// A flag the form needs with this very value (`--engine libfuzzer`).
    NeedsWith(&'static str, &'static str),
}

use Part::{Arg, May, Needs, NeedsWith};

/// One command: its name, what it does, its flags and the ways of calling it.
pub struct Command {
    pub name: &'static str,
    /// One line.
    pub summary: &'static str,
    pub flags: &'static [Flag],
    /// Each form is one usage line (and one row of the README's command table).
    pub forms: &'static [&'static [Part]],
}

pub const COMMANDS: &[Command] = &[
    Command {
        name: "regenerate",
        summary: "generate generated/ from schemas/, naming each subschema typed as serde_json::Value",
        flags: &[switch(
            "--check",
            "write nothing; fail, naming each stale file with a diff, when generated/ is stale",
        )],
        forms: &[&[May("--check")]],
    },
    Command {
        name: "validate",
        summary: "validate a JSON document with the generated validators: exit 0 valid (undocumented properties, and a response's values the docs do not list, are warnings), 1 invalid, 2 cannot run",
        // The flags of `generated/src/bin/validate.rs`, which this command runs: tests/cli.rs
        // checks that both lists, and their help, are the same.
        flags: &[
            switch(
                "--list",
                "list every schema: <id> TAB <METHOD path> TAB <direction>",
            ),
            switch(
                "--json",
                "print one JSON array of the problems ([] when there is none)",
            ),
            switch(
                "--strict",
                "a response keeps every rule (no drift warning); undocumented properties are errors",
            ),
            switch(
                "--show-keys",
                "print keys the schema does not name as they are, not as * (they may be personal data)",
            ),
        ],
        forms: &[
            &[Needs("--list")],
            &[
                Arg("<id>"),
                Arg("<file.json|->"),
                May("--json"),
                May("--strict"),
                May("--show-keys"),
            ],
        ],
    },
    Command {
        name: "capture",
        summary: "capture a saved doc page as a draft schema; with --out, written only when nothing is lost (otherwise the draft is printed, the reasons go to stderr, nothing is written, exit 1)",
        flags: &[
            valued(
                "--out",
                "<schema>",
                "capture against schemas/<provider>/<endpoint>.json, apply the overlay beside it and write it",
            ),
            switch(
                "--write-overlay",
                "record in the overlay what turns the draft into the --out schema (after an edit of the schema)",
            ),
            switch(
                "--accept-removals",
                "write even though the page looks cut short (the provider really removed the fields)",
            ),
            switch(
                "--accept-unmatched",
                "take by position the names of unnamed fields that match no field of the schema exactly",
            ),
        ],
        forms: &[&[
            Arg("<page.txt>"),
            May("--out"),
            May("--write-overlay"),
            May("--accept-removals"),
            May("--accept-unmatched"),
        ]],
    },
    Command {
        name: "import",
        summary: "import one operation of an OpenAPI 3.0 or 3.1 document as an endpoint schema; with --out, written only when nothing is lost (otherwise the draft is printed, nothing is written, exit 1)",
        flags: &[
            valued(
                "--operation",
                "<operation>",
                "the operation to import: its operationId, or \"METHOD /path\"",
            ),
            valued(
                "--out",
                "<schema>",
                "import against schemas/<provider>/<endpoint>.json, apply the overlay beside it and write it",
            ),
            switch(
                "--accept-removals",
                "write even though responses or most fields are gone (the provider really removed them)",
            ),
            valued(
                "--shared",
                "<definitions>",
                "with --out: move the components into this definitions file beside the schema (schemas/<provider>/common.json), which the provider's endpoints share",
            ),
        ],
        forms: &[&[
            Arg("<spec.json|yaml>"),
            Needs("--operation"),
            May("--out"),
            May("--accept-removals"),
            May("--shared"),
        ]],
    },
    Command {
        name: "diff",
        summary: "semantic change report between two endpoint schema versions (REV:path reads git): each change breaking, relaxing or annotation for documents, and breaks code, additive or none for the Rust API; exit 2 when a file is not an endpoint schema of this project",
        flags: &[
            switch("--markdown", "print the report as a Markdown table"),
            valued(
                "--fail-on",
                "wire|code|any",
                "exit 1 when a change is breaking (wire, the default), breaks code (code) or either (any)",
            ),
        ],
        forms: &[&[
            Arg("<old>"),
            Arg("<new>"),
            May("--markdown"),
            May("--fail-on"),
        ]],
    },
    Command {
        name: "bench",
        summary: "benchmark against the jsonschema crate, typify alone and sonic-rs; print medians, every target with met or NOT met, and generated lines by kind",
        flags: &[switch(
            "--quick",
            "fewer samples (about ten minutes), and no measure of the build cost",
        )],
        forms: &[&[May("--quick")]],
    },
    Command {
        name: "fuzz",
        summary: "fuzzing: the proptest strategies in release mode, or each coverage-guided target of fuzz/ for N seconds (cargo-fuzz)",
        flags: &[
            valued(
                "--cases",
                "N",
                "proptest cases per strategy and schema (default 100000)",
            ),
            valued(
                "--engine",
                "proptest|libfuzzer",
                "proptest (the default), or libfuzzer (needs `cargo install cargo-fuzz` once)",
            ),
            valued("--seconds", "N", "how long each libFuzzer target runs"),
            valued(
                "--target",
                "T",
                "run this libFuzzer target only: from_slice, validate_value, capture or regenerate",
            ),
        ],
        forms: &[
            &[May("--cases")],
            &[
                NeedsWith("--engine", "libfuzzer"),
                Needs("--seconds"),
                May("--target"),
            ],
        ],
    },
    Command {
        name: "suite",
        summary: "run the JSON-Schema-Test-Suite against validators made by the same emitter; print per-file counts",
        flags: &[
            valued(
                "--dir",
                "DIR",
                "read the suite's draft2020-12 folder from DIR instead of the shared copy",
            ),
            switch(
                "--verbose",
                "add the generator's message for each group that does not run",
            ),
        ],
        forms: &[&[May("--dir"), May("--verbose")]],
    },
];

impl Command {
    /// The declared flag called `name`.
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.name == name)
    }

    /// One form as its usage line shows it, after `cargo xtask `: `capture <page.txt> [--out <schema>] …`.
    pub fn synopsis(&self, form: &[Part]) -> String {
        let with_value = |name: &str| {
            let flag = self.flag(name).unwrap_or_else(|| undeclared(self, name));
            match flag.value {
                Some(value) => format!("{name} {value}"),
                None => name.to_owned(),
            }
        };
        let words = form.iter().map(|part| match part {
            Arg(name) => (*name).to_owned(),
            Needs(name) => with_value(name),
            May(name) => format!("[{}]", with_value(name)),
            NeedsWith(name, value) => format!("{name} {value}"),
        });
        std::iter::once(self.name.to_owned())
            .chain(words)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `cargo xtask <name> --help`: a usage line per form, the summary, a line per flag.
    pub fn help(&self) -> String {
        let usage: Vec<String> = self
            .forms
            .iter()
            .map(|form| format!("cargo xtask {}", self.synopsis(form)))
            .collect();
        let mut text = format!("usage: {}\n\n{}\n", usage.join("\n       "), self.summary);
        let head = |flag: &Flag| match flag.value {
            Some(value) => format!("{} {value}", flag.name),
            None => flag.name.to_owned(),
        };
        let width = self.flags.iter().map(|f| head(f).len()).max().unwrap_or(0) + 2;
        if !self.flags.is_empty() {
            text.push_str("\nflags:\n");
        }
        for flag in self.flags {
            text.push_str(&format!("  {:width$}{}\n", head(flag), flag.help));
        }
        text.trim_end().to_owned()
    }

    /// The arguments after the command's name, read against the declaration.
    fn read<'a>(&'static self, raw: &'a [&'a str]) -> Result<Args<'a>, String> {
        let mut args = Args {
            command: self,
            raw,
            positionals: Vec::new(),
            given: Vec::new(),
        };
        let mut rest = raw.iter().copied();
        while let Some(arg) = rest.next() {
            if !arg.starts_with("--") {
                args.positionals.push(arg);
                continue;
            }
            let Some(flag) = self.flag(arg) else {
                return Err(format!(
                    "unknown flag `{arg}` for `{}`{}",
                    self.name,
                    suggestion(arg, self.flags.iter().map(|f| f.name))
                ));
            };
            if args.given.iter().any(|(given, _)| given.name == flag.name) {
                return Err(format!("`{arg}` is given twice"));
            }
            let value = match flag.value {
                None => None,
                Some(value) => match rest.next() {
                    Some(next) if !next.starts_with("--") => Some(next),
                    _ => return Err(format!("`{arg}` needs a value: {arg} {value}")),
                },
            };
            args.given.push((flag, value));
        }
        let arity = |form: &[Part]| form.iter().filter(|p| matches!(p, Arg(_))).count();
        let most = self.forms.iter().map(|f| arity(f)).max().unwrap_or(0);
        if let Some(extra) = args.positionals.get(most) {
            return Err(format!("unexpected argument `{extra}` for `{}`", self.name));
        }
        // The positional arguments and the flags that every form needs.
        if let Some(shortest) = self.forms.iter().min_by_key(|f| arity(f)) {
            let missing: Vec<&str> = shortest
                .iter()
                .filter_map(|p| match p {
                    Arg(name) => Some(*name),
                    _ => None,
                })
                .skip(args.positionals.len())
                .collect();
            if !missing.is_empty() {
                return Err(format!("`{}` needs {}", self.name, missing.join(" ")));
            }
        }
        let needed = |form: &[Part], name: &str| {
            form.iter()
                .any(|p| matches!(p, Needs(n) | NeedsWith(n, _) if *n == name))
        };
        for flag in self.flags {
            if self.forms.iter().all(|form| needed(form, flag.name)) && !args.flag(flag.name) {
                let wanted = flag
                    .value
                    .map_or(String::new(), |value| format!(" {value}"));
                return Err(format!("`{}` needs {}{wanted}", self.name, flag.name));
            }
        }
        Ok(args)
    }
}

/// The arguments of one command, read against its declaration.
pub struct Args<'a> {
    pub command: &'static Command,
    /// Every argument after the command's name, as given (`validate` passes them on).
    pub raw: &'a [&'a str],
    /// The arguments that are not flags or their values, in order.
    pub positionals: Vec<&'a str>,
    given: Vec<(&'static Flag, Option<&'a str>)>,
}

impl<'a> Args<'a> {
    /// Whether the flag `name` was given. Panics when the command does not declare it.
    pub fn flag(&self, name: &str) -> bool {
        self.declared(name);
        self.given.iter().any(|(flag, _)| flag.name == name)
    }

    /// The value of the flag `name`, when it was given. Panics when the command does not declare
    /// it with a value.
    pub fn value(&self, name: &str) -> Option<&'a str> {
        if self.declared(name).value.is_none() {
            panic!(
                "xtask bug: `{name}` of `{}` takes no value in cli::COMMANDS",
                self.command.name
            );
        }
        self.given
            .iter()
            .find(|(flag, _)| flag.name == name)
            .and_then(|(_, value)| *value)
    }

    fn declared(&self, name: &str) -> &'static Flag {
        let command = self.command;
        command
            .flags
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| undeclared(command, name))
    }
}

fn undeclared(command: &Command, name: &str) -> ! {
    panic!(
        "xtask bug: `{name}` is not declared for `{}` in cli::COMMANDS",
        command.name
    )
}

/// What the command line asks for.
pub enum Parsed<'a> {
    /// Print this on stdout and exit 0.
    Help(String),
    /// Run the command with these arguments.
    Run(Args<'a>),
    /// Print this one line on stderr and exit 2.
    Wrong(String),
}

/// The whole usage text: every form of every command, each command's summary below its forms.
pub fn usage() -> String {
    let mut text = "usage: cargo xtask <command> [--help]\n\ncommands:\n".to_owned();
    for command in COMMANDS {
        for form in command.forms {
            text.push_str(&format!("  {}\n", command.synopsis(form)));
        }
        text.push_str(&format!("      {}\n", command.summary));
    }
    text.push_str("\n`cargo xtask <command> --help` describes a command and its flags.");
    text
}

pub fn parse<'a>(args: &'a [&'a str]) -> Parsed<'a> {
    let Some((first, rest)) = args.split_first() else {
        return Parsed::Wrong("no command given (see `cargo xtask --help`)".to_owned());
    };
    if matches!(*first, "--help" | "-h" | "help") {
        return Parsed::Help(usage());
    }
    let Some(command) = COMMANDS.iter().find(|c| c.name == *first) else {
        let names = COMMANDS.iter().map(|c| c.name);
        return Parsed::Wrong(format!(
            "unknown command `{first}`{} (see `cargo xtask --help`)",
            suggestion(first, names)
        ));
    };
    if rest.iter().any(|a| matches!(*a, "--help" | "-h")) {
        return Parsed::Help(command.help());
    }
    match command.read(rest) {
        Ok(args) => Parsed::Run(args),
        Err(why) => Parsed::Wrong(format!("{why} (see `cargo xtask {} --help`)", command.name)),
    }
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

    fn run<'a>(args: &'a [&'a str]) -> Args<'a> {
        match parse(args) {
            Parsed::Run(args) => args,
            Parsed::Help(_) => panic!("{args:?} is help"),
            Parsed::Wrong(line) => panic!("{args:?}: {line}"),
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
    fn misuse_of_a_declared_flag_or_argument_is_named() {
        for (args, line) in [
            (
                &["capture", "page.txt", "--out"][..],
                "`--out` needs a value: --out <schema> (see `cargo xtask capture --help`)",
            ),
            (
                &["capture", "page.txt", "--out", "--write-overlay"],
                "`--out` needs a value: --out <schema> (see `cargo xtask capture --help`)",
            ),
            (
                &["bench", "--quick", "--quick"],
                "`--quick` is given twice (see `cargo xtask bench --help`)",
            ),
            (
                &["regenerate", "now"],
                "unexpected argument `now` for `regenerate` (see `cargo xtask regenerate --help`)",
            ),
            (
                &["diff", "old.json"],
                "`diff` needs <new> (see `cargo xtask diff --help`)",
            ),
            (
                &["capture"],
                "`capture` needs <page.txt> (see `cargo xtask capture --help`)",
            ),
            (
                &["import", "spec.yaml"],
                "`import` needs --operation <operation> (see `cargo xtask import --help`)",
            ),
            (
                &["validate", "a", "b", "c"],
                "unexpected argument `c` for `validate` (see `cargo xtask validate --help`)",
            ),
        ] {
            assert_eq!(wrong(args), line, "{args:?}");
        }
    }

    #[test]
    fn commands_read_their_arguments_from_the_declaration() {
        let args = run(&["diff", "--fail-on", "code", "old.json", "new.json"]);
        assert_eq!(args.positionals, ["old.json", "new.json"]);
        assert_eq!(args.value("--fail-on"), Some("code"));
        assert!(!args.flag("--markdown"));
        // Two forms, neither of which needs a positional argument: `validate` checks the rest.
        let args = run(&["validate", "--list"]);
        assert!(args.flag("--list") && args.positionals.is_empty());
        assert_eq!(args.raw, ["--list"]);
        let args = run(&["fuzz", "--engine", "libfuzzer", "--seconds", "5"]);
        assert_eq!(
            (args.value("--engine"), args.value("--seconds")),
            (Some("libfuzzer"), Some("5"))
        );
        assert_eq!(args.value("--target"), None);
    }

    #[test]
    #[should_panic(expected = "`--frob` is not declared for `bench`")]
    fn a_command_reading_an_undeclared_flag_is_a_bug() {
        run(&["bench"]).flag("--frob");
    }

    /// Each form names declared flags only, and each flag is in a form: the usage and the
    /// README's rows show every flag.
    #[test]
    fn the_declaration_is_whole() {
        let mut names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COMMANDS.len(), "a command declared twice");
        for command in COMMANDS {
            assert!(!command.forms.is_empty(), "`{}` has no form", command.name);
            for (i, flag) in command.flags.iter().enumerate() {
                assert!(
                    flag.name.starts_with("--") && !flag.help.contains('\n'),
                    "{}",
                    flag.name
                );
                assert!(
                    command.flags[..i].iter().all(|f| f.name != flag.name),
                    "`{}` declares `{}` twice",
                    command.name,
                    flag.name
                );
                let in_a_form =
                    command.forms.iter().flat_map(|f| f.iter()).any(
                        |p| matches!(p, Needs(n) | May(n) | NeedsWith(n, _) if *n == flag.name),
                    );
                assert!(
                    in_a_form,
                    "`{} {}` is in no form of the command",
                    command.name, flag.name
                );
            }
            for part in command.forms.iter().flat_map(|f| f.iter()) {
                if let Needs(name) | May(name) | NeedsWith(name, _) = part {
                    assert!(
                        command.flag(name).is_some(),
                        "a form of `{}` names `{name}`, which it does not declare",
                        command.name
                    );
                }
            }
        }
    }

    #[test]
    fn help_anywhere_is_help() {
        assert!(
            matches!(parse(&["--help"]), Parsed::Help(text) if text.contains("\n  regenerate [--check]\n"))
        );
        assert!(
            matches!(parse(&["capture", "--help"]), Parsed::Help(text) if text.starts_with("usage: cargo xtask capture <page.txt>"))
        );
        assert!(
            matches!(parse(&["regenerate", "--chek", "-h"]), Parsed::Help(text) if text.contains("\n  --check  write nothing"))
        );
        assert!(
            matches!(parse(&["regenerate", "--check"]), Parsed::Run(args) if args.command.name == "regenerate" && args.flag("--check"))
        );
    }

    #[test]
    fn help_is_made_from_the_declaration() {
        let fuzz = COMMANDS.iter().find(|c| c.name == "fuzz").unwrap();
        assert_eq!(
            fuzz.help(),
            "usage: cargo xtask fuzz [--cases N]
       cargo xtask fuzz --engine libfuzzer --seconds N [--target T]

fuzzing: the proptest strategies in release mode, or each coverage-guided target of fuzz/ for N seconds (cargo-fuzz)

flags:
  --cases N                    proptest cases per strategy and schema (default 100000)
  --engine proptest|libfuzzer  proptest (the default), or libfuzzer (needs `cargo install cargo-fuzz` once)
  --seconds N                  how long each libFuzzer target runs
  --target T                   run this libFuzzer target only: from_slice, validate_value, capture or regenerate"
        );
    }
}
