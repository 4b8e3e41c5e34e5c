//! `cargo xtask diff <old> <new> [--markdown]`: the semantic change report between two versions of
//! a schema file. Either side may be `REV:path`, read from git (`HEAD~1:schemas/x.json`). Exits 1
//! when a change is breaking, 2 when it cannot run.

use codegen::schema_diff::{diff_schemas, to_markdown, Impact};
use serde_json::Value;
use std::process::{Command, ExitCode};

pub fn run(args: &[&str]) -> ExitCode {
    let (old, new, markdown) = match args {
        [old, new] => (*old, *new, false),
        [old, new, "--markdown"] | ["--markdown", old, new] => (*old, *new, true),
        _ => {
            eprintln!(
                "usage: cargo xtask diff <old> <new> [--markdown]   (either side may be REV:path)"
            );
            return ExitCode::from(2);
        }
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
    if changes.iter().any(|c| c.impact == Impact::Breaking) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A schema from the working tree, or `REV:path` from git.
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
    serde_json::from_str(&text).map_err(|err| format!("{spec}: not JSON: {err}"))
}
