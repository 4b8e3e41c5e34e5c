//! `validate`: checks a JSON document against a generated schema (used by `cargo xtask validate`).
//!
//! `validate --list` prints `<id>\t<METHOD> <path>\t<direction>` per schema.
//! `validate <id> <file.json|-> [--json] [--strict]` prints one JSON object per problem, errors
//! first, then warnings (`"warning": "drift"`: a response's value the docs do not list, which
//! `from_response` reads; `"warning": "undocumented"`, keyword `x-undocumented`: a property no
//! branch of the schema documents), then one summary line: `valid`, `valid, with N warning(s)`,
//! or `invalid: N error(s)`. `--json` prints one JSON array of the problems instead (`[]` when
//! there is none). A request keeps every rule; `--strict` checks a response the same way and
//! makes undocumented properties errors. Exit 0 when valid (warnings alone keep it valid), 1 when
//! invalid or, with `--strict`, when there is an undocumented property,
//! 2 when it cannot run (one-line reason on stderr). `--help` prints this on stdout. Object keys
//! the schema does not name (an undocumented property, a free-form `metadata` key) are the
//! document's data and print as `*` in `instancePath`; `--show-keys` prints them as they are.

use generated::runtime::{parse_json, Limits, ValidationError, Warning};
use std::io::Read;
use std::process::ExitCode;

/// Every flag this binary accepts (besides `--help`), with its help line: `--help` lists exactly
/// these. `cargo xtask validate` declares the same flags in `xtask/src/cli.rs` (xtask cannot
/// depend on this crate, nor this crate on xtask): `tests/cli.rs` checks both lists are equal.
const FLAGS: &[(&str, &str)] = &[
    (
        "--list",
        "list every schema: <id> TAB <METHOD path> TAB <direction>",
    ),
    (
        "--json",
        "print one JSON array of the problems ([] when there is none)",
    ),
    (
        "--strict",
        "a response keeps every rule (no drift warning); undocumented properties are errors",
    ),
    (
        "--show-keys",
        "print keys the schema does not name as they are, not as * (they may be personal data)",
    ),
];

/// The `--help` text, made from `FLAGS`.
fn usage() -> String {
    let width = FLAGS.iter().map(|(flag, _)| flag.len()).max().unwrap_or(0) + 2;
    let optional: Vec<String> = FLAGS
        .iter()
        .filter(|(flag, _)| *flag != "--list")
        .map(|(flag, _)| format!("[{flag}]"))
        .collect();
    let mut text = format!(
        "usage: validate --list | validate <id> <file.json|-> {}\n",
        optional.join(" ")
    );
    for (flag, help) in FLAGS {
        text.push_str(&format!("  {flag:width$}{help}\n"));
    }
    text.push_str("exit 0 valid (warnings alone keep it valid), 1 invalid, 2 cannot run");
    text
}

/// Whether `flag`, which must be one of `FLAGS`, was given.
fn given(args: &[&str], flag: &str) -> bool {
    assert!(
        FLAGS.iter().any(|(known, _)| *known == flag),
        "`{flag}` is not in FLAGS"
    );
    args.contains(&flag)
}

/// How the document is checked and reported.
struct Options {
    json: bool,
    strict: bool,
    show_keys: bool,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    if args.iter().any(|a| matches!(*a, "--help" | "-h")) {
        println!("{}", usage());
        return ExitCode::SUCCESS;
    }
    match run(&args) {
        Ok(code) => code,
        Err(reason) => {
            eprintln!("validate: {reason}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[&str]) -> Result<ExitCode, String> {
    let known = |arg: &str| arg == "--help" || FLAGS.iter().any(|(flag, _)| *flag == arg);
    if let Some(flag) = args.iter().find(|a| a.starts_with("--") && !known(a)) {
        let names: Vec<&str> = FLAGS.iter().map(|(flag, _)| *flag).collect();
        return Err(format!(
            "unknown flag `{flag}` (known: {}; see --help)",
            names.join(", ")
        ));
    }
    let positional: Vec<&str> = args
        .iter()
        .copied()
        .filter(|a| !a.starts_with("--"))
        .collect();
    let options = Options {
        json: given(args, "--json"),
        strict: given(args, "--strict"),
        show_keys: given(args, "--show-keys"),
    };
    if given(args, "--list") {
        if let Some(extra) = args.iter().find(|a| **a != "--list") {
            return Err(format!("unexpected argument `{extra}` after --list"));
        }
        for entry in generated::schemas() {
            println!(
                "{}\t{} {}\t{}",
                entry.id, entry.method, entry.path, entry.direction
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    match positional.as_slice() {
        [id, source] => validate(id, source, &options),
        [] => Err("expected a schema id and a file (see --help)".to_owned()),
        [_] => Err("expected a file after the schema id, or `-` for stdin (see --help)".to_owned()),
        [_, _, extra, ..] => Err(format!("unexpected argument `{extra}` (see --help)")),
    }
}

/// The id sharing the longest start with `id` (`connectfi/customer-int` ->
/// `connectfi/customer-init`), when it shares at least half of it; ids differ mostly at their end.
fn closest_id<'a>(id: &str, ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let shared = |candidate: &str| {
        id.chars()
            .zip(candidate.chars())
            .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
            .count()
    };
    ids.map(|candidate| {
        (
            shared(candidate),
            std::cmp::Reverse(candidate.len()),
            candidate,
        )
    })
    .max()
    .filter(|(common, _, _)| *common * 2 >= id.chars().count() && *common > 0)
    .map(|(_, _, candidate)| candidate)
}

fn validate(id: &str, source: &str, options: &Options) -> Result<ExitCode, String> {
    let schemas = generated::schemas();
    let Some(entry) = schemas.iter().find(|e| e.id == id) else {
        let hint = closest_id(id, schemas.iter().map(|e| e.id))
            .map_or(String::new(), |c| format!("; did you mean `{c}`?"));
        return Err(format!("unknown schema id `{id}`{hint} (see `--list`)"));
    };
    let limits = Limits::default();
    let mut bytes = Vec::new();
    // At most one byte past the limit is read, from a file as from stdin (`/dev/zero` included):
    // `parse_json` then refuses the document as too large.
    let bound = limits.max_document_bytes as u64 + 1;
    let read = if source == "-" {
        std::io::stdin().take(bound).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(source).and_then(|file| file.take(bound).read_to_end(&mut bytes))
    };
    read.map_err(|err| format!("cannot read {source}: {err}"))?;
    let value = parse_json(&bytes, limits).map_err(|rejection| format!("{source}: {rejection}"))?;
    let (errors, warnings) = if options.strict {
        let errors = entry.validate_node(&value, limits).err();
        let undocumented = entry.undocumented(&value);
        let warnings = undocumented
            .into_iter()
            .map(Warning::Undocumented)
            .collect();
        (errors.map(|e| e.0).unwrap_or_default(), warnings)
    } else {
        match entry.check_tolerantly(&value, limits) {
            Ok(warnings) => (Vec::new(), warnings),
            // The warnings of an invalid document: its undocumented properties.
            Err(errors) => {
                let undocumented = entry.undocumented(&value);
                let warnings = undocumented
                    .into_iter()
                    .map(Warning::Undocumented)
                    .collect();
                (errors.0, warnings)
            }
        }
    };
    report(&errors, &warnings, options)?;
    let invalid = !errors.is_empty() || (options.strict && !warnings.is_empty());
    Ok(if invalid {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A problem as JSON; with `show_keys`, its exact pointer.
fn printed(
    problem: &impl serde::Serialize,
    error: &ValidationError,
    show_keys: bool,
) -> Result<serde_json::Value, String> {
    let mut json = serde_json::to_value(problem).map_err(|err| err.to_string())?;
    if show_keys {
        json["instancePath"] = error.exact_instance_path().into();
    }
    Ok(json)
}

/// Prints the problems and the verdict as `--help` describes.
fn report(
    errors: &[ValidationError],
    warnings: &[Warning],
    options: &Options,
) -> Result<(), String> {
    let show_keys = options.show_keys;
    let problems = errors
        .iter()
        .map(|error| printed(error, error, show_keys))
        .chain(warnings.iter().map(|w| printed(w, w.error(), show_keys)))
        .collect::<Result<Vec<_>, _>>()?;
    if options.json {
        println!("{}", serde_json::Value::Array(problems));
        return Ok(());
    }
    for problem in &problems {
        println!("{problem}");
    }
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let drift = warnings
        .iter()
        .filter(|w| matches!(w, Warning::Drift(_)))
        .count();
    let undocumented =
        count(warnings.len() - drift, "undocumented property").replace("propertys", "properties");
    let kinds = match drift {
        0 => undocumented.clone(),
        _ if drift == warnings.len() => count(drift, "value the docs do not list"),
        _ => format!(
            "{}, {undocumented}",
            count(drift, "value the docs do not list")
        ),
    };
    let summary = match (errors.len(), warnings.len(), options.strict) {
        (0, 0, _) => "valid".to_owned(),
        (0, n, false) => format!("valid, with {} ({kinds})", count(n, "warning")),
        (0, _, true) => format!("invalid: {undocumented} (errors with --strict)"),
        (n, 0, _) => format!("invalid: {}", count(n, "error")),
        (n, w, false) => format!(
            "invalid: {}, with {} ({kinds})",
            count(n, "error"),
            count(w, "warning")
        ),
        (n, _, true) => format!(
            "invalid: {} and {undocumented} (errors with --strict)",
            count(n, "error")
        ),
    };
    println!("{summary}");
    Ok(())
}
