//! `cargo xtask diff <old> <new> [--markdown] [--fail-on wire|code|any]`: the semantic change
//! report between two versions of an endpoint schema, each change with its wire verdict
//! (breaking, relaxing, annotation) and its Rust verdict (breaks code, additive, none). Either
//! side may be `REV:path`, read from git (`HEAD~1:schemas/x.json`). Exits 1 when a change fails
//! the chosen verdict (`wire`, the default: a change is breaking; `code`: a change breaks code;
//! `any`: either), 2 when it cannot run, as when a file is not an endpoint schema of this project.

use codegen::schema_diff::{diff_schemas, to_markdown, CodeImpact, Impact};
use serde_json::Value;
use std::process::{Command, ExitCode};

const USAGE: &str = "usage: cargo xtask diff <old> <new> [--markdown] [--fail-on wire|code|any]   (either side may be REV:path)";

/// The JSON Schema dialect of this project's schemas.
const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// Which verdict decides the exit status.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FailOn {
    Wire,
    Code,
    Any,
}

pub fn run(args: &[&str]) -> ExitCode {
    let mut markdown = false;
    let mut fail_on = FailOn::Wire;
    let mut files = Vec::new();
    let mut args = args.iter().copied();
    while let Some(arg) = args.next() {
        match arg {
            "--markdown" => markdown = true,
            "--fail-on" => {
                fail_on = match args.next() {
                    Some("wire") => FailOn::Wire,
                    Some("code") => FailOn::Code,
                    Some("any") => FailOn::Any,
                    Some(other) => {
                        eprintln!("diff: `--fail-on` takes `wire`, `code` or `any`, not `{other}`");
                        return ExitCode::from(2);
                    }
                    None => {
                        eprintln!("diff: `--fail-on` needs a value: `wire`, `code` or `any`");
                        return ExitCode::from(2);
                    }
                }
            }
            file => files.push(file),
        }
    }
    let [old, new] = files[..] else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let (old, new) = match (load(old), load(new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(message), _) | (_, Err(message)) => {
            eprintln!("diff: {message}");
            return ExitCode::from(2);
        }
    };
    let changes = diff_schemas(&old, &new);
    if markdown {
        print!("{}", to_markdown(&changes));
    } else if changes.is_empty() {
        println!("no rule changed");
    } else {
        changes.iter().for_each(|change| println!("{change}"));
    }
    let wire = changes.iter().any(|c| c.impact == Impact::Breaking);
    let code = changes.iter().any(|c| c.code == CodeImpact::BreaksCode);
    let failed = match fail_on {
        FailOn::Wire => wire,
        FailOn::Code => code,
        FailOn::Any => wire || code,
    };
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// An endpoint schema from the working tree, or `REV:path` from git.
fn load(spec: &str) -> Result<Value, String> {
    let root = codegen::repo_root();
    let text = match spec
        .split_once(':')
        .filter(|(rev, _)| !rev.is_empty() && !std::path::Path::new(spec).exists())
    {
        Some((rev, path)) => {
            let output = Command::new("git")
                .args(["show", &format!("{rev}:{path}")])
                .current_dir(&root)
                .output()
                .map_err(|err| format!("cannot run git: {err}"))?;
            if !output.status.success() {
                return Err(format!(
                    "{spec}: {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                ));
            }
            String::from_utf8(output.stdout).map_err(|_| format!("{spec}: not UTF-8"))?
        }
        None => std::fs::read_to_string(spec)
            .or_else(|_| std::fs::read_to_string(root.join(spec)))
            .map_err(|err| format!("cannot read {spec}: {err}"))?,
    };
    endpoint_schema(&text).map_err(|why| {
        format!("{spec}: not an endpoint schema of this project: {why} (see schemas/VOCABULARY.md)")
    })
}

/// The document, if it is an endpoint schema of this project: a JSON object with an `x-endpoint`
/// naming its `method` and `path`, in draft 2020-12 when it names a dialect. Otherwise why not.
fn endpoint_schema(text: &str) -> Result<Value, String> {
    let document: Value = serde_json::from_str(text).map_err(|err| format!("not JSON ({err})"))?;
    let Value::Object(root) = &document else {
        return Err("the top level is not a JSON object".to_owned());
    };
    if let Some(dialect) = root.get("$schema") {
        if dialect.as_str().map(|d| d.trim_end_matches('#')) != Some(DRAFT_2020_12) {
            return Err(format!(
                "`$schema` is {dialect}, not draft 2020-12 (`{DRAFT_2020_12}`)"
            ));
        }
    }
    let Some(endpoint) = root.get("x-endpoint") else {
        return Err("no `x-endpoint`".to_owned());
    };
    let missing: Vec<&str> = ["method", "path"]
        .into_iter()
        .filter(|key| !endpoint.get(*key).is_some_and(Value::is_string))
        .collect();
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
        return Err(format!("`x-endpoint` has no {}", names.join(" or ")));
    }
    Ok(document)
}

#[cfg(test)]
mod tests {
    use super::endpoint_schema;

    #[test]
    fn only_endpoint_schemas_are_diffed() {
        let why = |text: &str| endpoint_schema(text).unwrap_err();
        assert!(why("{").starts_with("not JSON ("));
        assert_eq!(why("[1]"), "the top level is not a JSON object");
        assert_eq!(
            why(r#"{"name": "x", "version": "1.0.0"}"#),
            "no `x-endpoint`"
        );
        assert_eq!(
            why(r#"{"x-endpoint": {"path": "/c"}}"#),
            "`x-endpoint` has no `method`"
        );
        assert_eq!(
            why(r#"{"x-endpoint": {"responses": {}}}"#),
            "`x-endpoint` has no `method` or `path`"
        );
        assert_eq!(
            why(r#"{"$schema": "http://json-schema.org/draft-07/schema#", "x-endpoint": {"method": "POST", "path": "/c"}}"#),
            "`$schema` is \"http://json-schema.org/draft-07/schema#\", not draft 2020-12 (`https://json-schema.org/draft/2020-12/schema`)"
        );
        assert!(endpoint_schema(
            r#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "x-endpoint": {"method": "POST", "path": "/c"}}"#
        )
        .is_ok());
    }
}
