//! `cargo xtask diff <old> <new> [--markdown] [--fail-on wire|code|any]`: the semantic change
//! report between two versions of an endpoint schema, each change with its wire verdict
//! (breaking, relaxing, annotation) and its Rust verdict (breaks code, additive, none). Either
//! side may be `REV:path`, read from git (`HEAD~1:schemas/x.json`). Exits 1 when a change fails
//! the chosen verdict (`wire`, the default: a change is breaking; `code`: a change breaks code;
//! `any`: either), 2 when it cannot run, as when a file is not an endpoint schema of this project.

use crate::cli::Args;
use codegen::schema_diff::{diff_schemas, to_markdown, CodeImpact, Impact};
use serde_json::Value;
use std::process::{Command, ExitCode};

/// The JSON Schema dialect of this project's schemas.
const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// Which verdict decides the exit status.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FailOn {
    Wire,
    Code,
    Any,
}

pub fn run(args: &Args) -> ExitCode {
    let markdown = args.flag("--markdown");
    let fail_on = match args.value("--fail-on") {
        None | Some("wire") => FailOn::Wire,
        Some("code") => FailOn::Code,
        Some("any") => FailOn::Any,
        Some(other) => {
            eprintln!("diff: `--fail-on` takes `wire`, `code` or `any`, not `{other}`");
            return ExitCode::from(2);
        }
    };
    // The declaration of `diff` has exactly these two positional arguments.
    let [old, new] = args.positionals[..] else {
        eprintln!("diff: expected <old> <new> (see `cargo xtask diff --help`)");
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

/// An endpoint schema from the working tree, or `REV:path` from git, with the shared
/// definitions it reaches in the files beside it (as of the same revision) copied in, so that
/// a definition moving between files is no change and a change inside one is.
fn load(spec: &str) -> Result<Value, String> {
    let (rev, path) = match spec
        .split_once(':')
        .filter(|(rev, _)| !rev.is_empty() && !std::path::Path::new(spec).exists())
    {
        Some((rev, path)) => (Some(rev), path),
        None => (None, spec),
    };
    let text = read(rev, path)?;
    let document = endpoint_schema(&text).map_err(|why| {
        format!("{spec}: not an endpoint schema of this project: {why} (see schemas/VOCABULARY.md)")
    })?;
    let file = codegen::SchemaFile::at(std::path::Path::new(path), document);
    let siblings = siblings(rev, path, &file.document)?;
    if siblings.is_empty() {
        return Ok(file.document);
    }
    codegen::localized_document(&file, &siblings).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        format!("{spec}: {}", lines.join("; "))
    })
}

/// A file's text from the working tree, or from git at `rev`.
fn read(rev: Option<&str>, path: &str) -> Result<String, String> {
    let root = codegen::repo_root();
    let Some(rev) = rev else {
        return std::fs::read_to_string(path)
            .or_else(|_| std::fs::read_to_string(root.join(path)))
            .map_err(|err| format!("cannot read {path}: {err}"));
    };
    let output = Command::new("git")
        .args(["show", &format!("{rev}:{path}")])
        .current_dir(&root)
        .output()
        .map_err(|err| format!("cannot run git: {err}"))?;
    if !output.status.success() {
        return Err(format!(
            "{rev}:{path}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| format!("{rev}:{path}: not UTF-8"))
}

/// The files beside `path` that `document` names in its `$ref`s (`common.json#/$defs/…`), and
/// those they name in turn.
fn siblings(
    rev: Option<&str>,
    path: &str,
    document: &Value,
) -> Result<Vec<codegen::SchemaFile>, String> {
    let folder = std::path::Path::new(path)
        .parent()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let mut files: Vec<codegen::SchemaFile> = Vec::new();
    let mut wanted = referenced_files(document);
    while let Some(name) = wanted.pop() {
        let sibling = if folder.is_empty() {
            name.clone()
        } else {
            format!("{folder}/{name}")
        };
        if sibling == path || files.iter().any(|f| f.display_path == sibling) {
            continue;
        }
        let text = read(rev, &sibling)?;
        let document: Value =
            serde_json::from_str(&text).map_err(|err| format!("{sibling}: not JSON ({err})"))?;
        wanted.extend(referenced_files(&document));
        files.push(codegen::SchemaFile::at(
            std::path::Path::new(&sibling),
            document,
        ));
    }
    Ok(files)
}

/// The names of the files beside this one that `document`'s `$ref`s name.
fn referenced_files(document: &Value) -> Vec<String> {
    let mut names = Vec::new();
    let mut stack = vec![document];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (keyword, child) in map {
                    match child.as_str() {
                        Some(reference) if keyword == "$ref" => {
                            let file = reference.split('#').next().unwrap_or_default();
                            let file = file.strip_prefix("./").unwrap_or(file);
                            let beside = file.ends_with(".json") && !file.contains(['/', ':']);
                            if beside && !names.iter().any(|n| n == file) {
                                names.push(file.to_owned());
                            }
                        }
                        _ => stack.push(child),
                    }
                }
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    names
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
