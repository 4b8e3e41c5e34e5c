//! The command-line contracts. `validate`: exit 0 valid (undocumented properties are warnings),
//! 1 invalid (one JSON object per problem on stdout, then a summary line), 2 when it cannot run
//! (one-line reason on stderr). Every command: `--help` on stdout with exit 0; a wrong command or
//! flag named in one line with exit 2. The declaration of the xtask commands (`xtask/src/cli.rs`,
//! read through `cargo xtask [<command>] --help`) is what the `validate` binary accepts and what
//! the README's command table lists.

mod support;

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `cargo run --quiet <target…> -- <args>` in the workspace, with `stdin` piped in.
fn cargo_run(target: &[&str], args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO"))
        .args(["run", "--quiet"])
        .args(target)
        .arg("--")
        .args(args)
        .current_dir(support::workspace_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cargo runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn validate(args: &[&str], stdin: &[u8]) -> Run {
    cargo_run(
        &["--package", "generated", "--bin", "validate"],
        args,
        stdin,
    )
}

fn xtask(args: &[&str]) -> Run {
    cargo_run(&["--package", "xtask"], args, b"")
}

#[test]
fn list_prints_id_operation_and_direction() {
    let run = validate(&["--list"], b"");
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines.contains(&"connectfi/customer-init\tPOST /customer/init\trequest"));
    assert!(
        lines.contains(&"connectfi/customer-init/response-200\tPOST /customer/init\tresponse:200")
    );
    assert!(lines.contains(&"connectfinancial/create-individual-customer/response-404\tPOST /customers/individual\tresponse:404"));
    assert_eq!(
        lines.len(),
        generated::schemas().len(),
        "one line per registered schema"
    );
}

#[test]
fn a_valid_file_exits_0() {
    let run = validate(
        &[
            "connectfi/customer-init",
            "tests/fixtures/connectfi/customer-init/request--request-body.json",
        ],
        b"",
    );
    assert_eq!((run.code, run.stdout.as_str()), (0, "valid\n"));
}

#[test]
fn an_invalid_document_on_stdin_exits_1_with_one_json_line_per_error() {
    let body = br#"{"customerType": "business", "customerReference": "R1",
        "customer": {"businessName": "A", "businessFederalEin": "12345678", "businessAddresses": [], "businessPhones": []}}"#;
    let run = validate(&["connectfi/customer-init", "-"], body);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.last(), Some(&"invalid: 2 errors"));
    let errors: Vec<serde_json::Value> = lines[..lines.len() - 1]
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| {
            (
                e["instancePath"].as_str().unwrap(),
                e["keyword"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("/customer/businessFederalEin", "pattern"),
            ("", "required")
        ]
    );
    assert!(errors.iter().all(|e| e["message"].is_string()));
    assert!(
        !run.stdout.contains("12345678"),
        "the FEIN must not be echoed"
    );
}

#[test]
fn what_cannot_run_exits_2_with_a_reason() {
    for (args, stdin, reason) in [
        (
            vec!["nope/nope", "-"],
            &b"{}"[..],
            "validate: unknown schema id `nope/nope` (see `--list`)",
        ),
        (
            vec!["connectfi/customer-int", "-"],
            &b"{}"[..],
            "validate: unknown schema id `connectfi/customer-int`; did you mean `connectfi/customer-init`? (see `--list`)",
        ),
        (
            vec!["connectfi/customer-init", "missing.json"],
            b"",
            "validate: cannot read missing.json:",
        ),
        (
            vec!["connectfi/customer-init", "-"],
            b"{not json",
            "validate: -: not a JSON document: syntax error at line 1 column 2",
        ),
        // An endless file is read only one byte past the document limit.
        (
            vec!["connectfi/customer-init", "/dev/zero"],
            b"",
            "validate: /dev/zero: document of 10485761 bytes is larger than the limit of 10485760 bytes",
        ),
    ] {
        let run = validate(&args, stdin);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.starts_with(reason), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1);
    }
}

const EXAMPLE: &str = "tests/fixtures/connectfi/customer-init/request--request-body.json";

/// The doc example with an undocumented property at the top.
fn with_undocumented_properties() -> Vec<u8> {
    let mut document: serde_json::Value =
        serde_json::from_slice(&std::fs::read(support::workspace_root().join(EXAMPLE)).unwrap())
            .unwrap();
    document["favouriteColour"] = "blue".into();
    serde_json::to_vec(&document).unwrap()
}

#[test]
fn undocumented_properties_are_warnings_and_strict_makes_them_errors() {
    let run = validate(
        &["connectfi/customer-init", "-"],
        &with_undocumented_properties(),
    );
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    let warning: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(
        (
            warning["instancePath"].as_str(),
            warning["keyword"].as_str()
        ),
        (Some("/*"), Some("x-undocumented"))
    );
    assert!(!run.stdout.contains("blue"), "the value is never printed");
    assert!(
        !run.stdout.contains("favouriteColour"),
        "a key the schema does not name is the document's data: printed as *"
    );
    let shown = validate(
        &["connectfi/customer-init", "-", "--show-keys"],
        &with_undocumented_properties(),
    );
    let warning: serde_json::Value =
        serde_json::from_str(shown.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(warning["instancePath"], "/favouriteColour", "--show-keys");
    assert_eq!(lines[1], "valid, with 1 warning (1 undocumented property)");

    let strict = validate(
        &["connectfi/customer-init", "-", "--strict"],
        &with_undocumented_properties(),
    );
    assert_eq!(strict.code, 1);
    assert!(strict
        .stdout
        .ends_with("invalid: 1 undocumented property (errors with --strict)\n"));

    let json = validate(
        &["connectfi/customer-init", "-", "--json"],
        &with_undocumented_properties(),
    );
    let array: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!((json.code, array.as_array().map(Vec::len)), (0, Some(1)));
    let clean = validate(&["--json", "connectfi/customer-init", EXAMPLE], b"");
    assert_eq!((clean.code, clean.stdout.as_str()), (0, "[]\n"));
}

#[test]
fn help_goes_to_stdout_and_misuse_is_one_line_with_exit_2() {
    let help = validate(&["--help"], b"");
    assert_eq!(help.code, 0);
    assert!(
        help.stdout.starts_with("usage: validate --list"),
        "{}",
        help.stdout
    );
    for (args, reason) in [
        (
            vec!["--list", "extra"],
            "validate: unexpected argument `extra` after --list\n",
        ),
        (
            vec!["--frob"],
            "validate: unknown flag `--frob` (known: --list, --json, --strict, --show-keys; see --help)\n",
        ),
        (
            vec!["connectfi/customer-init"],
            "validate: expected a file after the schema id, or `-` for stdin (see --help)\n",
        ),
    ] {
        let run = validate(&args, b"");
        assert_eq!((run.code, run.stderr.as_str()), (2, reason), "{args:?}");
    }
}

#[test]
fn xtask_follows_the_conventions() {
    let help = xtask(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("regenerate [--check]") && help.stderr.is_empty());
    let help = xtask(&["capture", "--help"]);
    assert_eq!(help.code, 0);
    assert!(
        help.stdout
            .starts_with("usage: cargo xtask capture <page.txt>"),
        "{}",
        help.stdout
    );
    for (args, line) in [
        (vec!["frobnicate"], "xtask: unknown command `frobnicate` (see `cargo xtask --help`)\n"),
        (vec!["regenerate", "--chek"], "xtask: unknown flag `--chek` for `regenerate`; did you mean `--check`? (see `cargo xtask regenerate --help`)\n"),
        (vec!["capture", "page.txt", "--out"], "xtask: `--out` needs a value: --out <schema> (see `cargo xtask capture --help`)\n"),
        (vec!["diff", "old.json"], "xtask: `diff` needs <new> (see `cargo xtask diff --help`)\n"),
    ] {
        let run = xtask(&args);
        assert_eq!((run.code, run.stderr.as_str()), (2, line), "{args:?}");
    }
}

#[test]
fn a_response_departing_from_its_docs_is_valid_with_drift_warnings_and_strict_refuses_it() {
    let path = support::workspace_root().join(
        "tests/fixtures/rocketkor/create-business-customer/response-200--sample-response.json",
    );
    let mut document: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    document["contacts"][0]["primaryPhoneNumber"]["type"] = "FAX".into();
    let bytes = serde_json::to_vec(&document).unwrap();
    let id = "rocketkor/create-business-customer/response-200";

    let run = validate(&[id, "-"], &bytes);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let warning: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(warning["warning"], "drift");
    assert_eq!(
        warning["instancePath"],
        "/contacts/0/primaryPhoneNumber/type"
    );
    assert!(!run.stdout.contains("FAX"), "the value is never printed");
    assert_eq!(
        lines[1],
        "valid, with 1 warning (1 value the docs do not list)"
    );

    let strict = validate(&[id, "-", "--strict"], &bytes);
    assert_eq!(strict.code, 1);
    assert!(
        strict.stdout.ends_with("invalid: 1 error\n"),
        "{}",
        strict.stdout
    );

    // A request keeps every rule without --strict.
    let request = validate(&["connectfi/customer-init", "-"], &{
        let mut request: serde_json::Value = serde_json::from_slice(
            &std::fs::read(support::workspace_root().join(EXAMPLE)).unwrap(),
        )
        .unwrap();
        request["customerType"] = "trust".into();
        serde_json::to_vec(&request).unwrap()
    });
    assert_eq!(request.code, 1, "{}", request.stdout);
}

/// The `  --flag [VALUE]  help` lines of a `--help` text, in order: (flag, help).
fn flag_lines(help: &str) -> Vec<(String, String)> {
    help.lines()
        .filter_map(|line| line.strip_prefix("  "))
        .filter(|line| line.starts_with("--"))
        .map(|line| {
            let (head, help) = line.split_once("  ").unwrap_or((line, ""));
            let flag = head.split(' ').next().unwrap_or(head);
            (flag.to_owned(), help.trim().to_owned())
        })
        .collect()
}

fn names(flags: &[(String, String)]) -> BTreeSet<String> {
    flags.iter().map(|(flag, _)| flag.clone()).collect()
}

/// The commands `cargo xtask --help` lists (its `  <command> …` lines), in order.
fn declared_commands() -> Vec<String> {
    let help = xtask(&["--help"]);
    assert_eq!(help.code, 0, "{}", help.stderr);
    let mut commands: Vec<String> = Vec::new();
    let listed = help
        .stdout
        .split_once("\ncommands:\n")
        .expect("a commands: section")
        .1;
    for line in listed.lines() {
        let Some(form) = line.strip_prefix("  ").filter(|l| !l.starts_with(' ')) else {
            continue;
        };
        let name = form.split(' ').next().unwrap().to_owned();
        if commands.last() != Some(&name) {
            commands.push(name);
        }
    }
    assert!(!commands.is_empty(), "{}", help.stdout);
    commands
}

/// One command's declaration as its `--help` shows it: its forms (the usage lines, after
/// `cargo xtask `) and its flags.
fn declared(command: &str) -> (Vec<String>, Vec<(String, String)>) {
    let help = xtask(&[command, "--help"]);
    assert_eq!(help.code, 0, "{command}: {}", help.stderr);
    let forms = help
        .stdout
        .lines()
        .take_while(|line| !line.is_empty())
        .map(|line| {
            let form = line.strip_prefix("usage:").unwrap_or(line).trim_start();
            form.strip_prefix("cargo xtask ")
                .unwrap_or_else(|| panic!("{command}: not a usage line: {line}"))
                .to_owned()
        })
        .collect();
    (forms, flag_lines(&help.stdout))
}

/// `cargo xtask validate` runs the `validate` binary, which cannot share xtask's declaration
/// (neither crate may depend on the other): the flags the binary accepts, as its `--help` and its
/// unknown-flag message list them, are exactly those xtask declares for `validate`, with the
/// same help, and the binary accepts each declared one.
#[test]
fn the_validate_binary_accepts_exactly_the_flags_xtask_declares_for_it() {
    let help = validate(&["--help"], b"");
    assert_eq!(help.code, 0);
    let binary = flag_lines(&help.stdout);
    let (_, declared) = declared("validate");
    assert!(!binary.is_empty() && !declared.is_empty());
    let (binary_names, declared_names) = (names(&binary), names(&declared));
    let undeclared: Vec<_> = binary_names.difference(&declared_names).collect();
    assert!(
        undeclared.is_empty(),
        "the validate binary accepts {undeclared:?}, which xtask/src/cli.rs does not declare for `validate`"
    );
    let unaccepted: Vec<_> = declared_names.difference(&binary_names).collect();
    assert!(
        unaccepted.is_empty(),
        "xtask/src/cli.rs declares {unaccepted:?} for `validate`, which the validate binary does not list"
    );
    assert_eq!(
        binary, declared,
        "the same flags, in the same order, with the same help"
    );

    // What the binary checks arguments against, as its unknown-flag message names it.
    let unknown = validate(&["--not-a-flag"], b"");
    assert_eq!(unknown.code, 2);
    let known = unknown
        .stderr
        .split_once("(known: ")
        .and_then(|(_, rest)| rest.split_once(';'))
        .map(|(known, _)| {
            known
                .split(", ")
                .map(str::to_owned)
                .collect::<BTreeSet<_>>()
        })
        .unwrap_or_else(|| panic!("{}", unknown.stderr));
    assert_eq!(
        known, declared_names,
        "the flags the binary checks arguments against"
    );
    for flag in &declared_names {
        let run = validate(&[flag], b"");
        assert!(
            !run.stderr.contains("unknown flag"),
            "the validate binary refuses `{flag}`: {}",
            run.stderr
        );
    }
}

/// The README's command table (between its `commands:begin` and `commands:end` markers) has one
/// row per form of each declared command, in the declaration's order, and so exactly the
/// declared commands and, for each, exactly the declared flags.
#[test]
fn the_readme_command_table_is_the_declaration() {
    let readme = std::fs::read_to_string(support::workspace_root().join("README.md")).unwrap();
    let table = readme
        .split_once("<!-- commands:begin")
        .and_then(|(_, rest)| rest.split_once("<!-- commands:end"))
        .map(|(table, _)| table)
        .expect("README.md marks its command table with <!-- commands:begin --> and <!-- commands:end -->");
    let lines: Vec<&str> = table.lines().filter(|l| l.starts_with('|')).collect();
    assert!(lines.len() > 2, "{table}");
    let rows: Vec<String> = lines[2..]
        .iter()
        .map(|line| {
            let cell = line
                .strip_prefix("| `cargo xtask ")
                .unwrap_or_else(|| panic!("not a command row: {line}"));
            let end = cell.find('`').unwrap_or_else(|| panic!("{line}"));
            cell[..end].replace("\\|", "|")
        })
        .collect();
    let flags_of = |form: &str| -> BTreeSet<String> {
        form.split_whitespace()
            .map(|word| word.trim_start_matches('['))
            .filter(|word| word.starts_with("--"))
            .map(|word| {
                let end = word[2..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                    .map_or(word.len(), |i| i + 2);
                word[..end].to_owned()
            })
            .collect()
    };
    let command_of = |form: &str| form.split(' ').next().unwrap().to_owned();

    let commands = declared_commands();
    let in_readme: BTreeSet<String> = rows.iter().map(|row| command_of(row)).collect();
    let in_declaration: BTreeSet<String> = commands.iter().cloned().collect();
    assert_eq!(
        in_readme, in_declaration,
        "the README's command table lists other commands than xtask/src/cli.rs declares"
    );
    let mut forms = Vec::new();
    for command in &commands {
        let (declared_forms, declared_flags) = declared(command);
        let listed: BTreeSet<String> = rows
            .iter()
            .filter(|row| command_of(row) == *command)
            .flat_map(|row| flags_of(row))
            .collect();
        let declared_flags = names(&declared_flags);
        let undeclared: Vec<_> = listed.difference(&declared_flags).collect();
        assert!(
            undeclared.is_empty(),
            "README.md lists {undeclared:?} for `{command}`, which xtask/src/cli.rs does not declare"
        );
        let unlisted: Vec<_> = declared_flags.difference(&listed).collect();
        assert!(
            unlisted.is_empty(),
            "xtask/src/cli.rs declares {unlisted:?} for `{command}`, which README.md's command table does not list"
        );
        forms.extend(declared_forms);
    }
    assert_eq!(
        rows, forms,
        "each row of the README's command table is one usage line of `cargo xtask <command> --help`, in order"
    );
}
