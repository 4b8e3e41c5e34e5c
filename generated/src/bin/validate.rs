//! `validate`: checks a JSON document against a generated schema (used by `cargo xtask validate`).
//!
//! `validate --list` prints `<id>\t<METHOD> <path>\t<direction>` per schema.
//! `validate <id> <file.json|->` exits 0 when valid, 1 when invalid (one JSON object per error on
//! stdout), 2 when it cannot run (one-line reason on stderr).

use generated::runtime::{parse_json, Limits};
use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["--list"] => {
            for entry in generated::schemas() {
                println!(
                    "{}\t{} {}\t{}",
                    entry.id, entry.method, entry.path, entry.direction
                );
            }
            ExitCode::SUCCESS
        }
        [id, source] => match validate(id, source) {
            Ok(code) => code,
            Err(reason) => {
                eprintln!("validate: {reason}");
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!("usage: validate --list | validate <id> <file.json|->");
            ExitCode::from(2)
        }
    }
}

fn validate(id: &str, source: &str) -> Result<ExitCode, String> {
    let schemas = generated::schemas();
    let Some(entry) = schemas.iter().find(|e| e.id == id) else {
        return Err(format!("unknown schema id `{id}` (see `--list`)"));
    };
    let limits = Limits::default();
    let mut bytes = Vec::new();
    let read = if source == "-" {
        std::io::stdin()
            .take(limits.max_document_bytes as u64 + 1)
            .read_to_end(&mut bytes)
            .map(|_| ())
    } else {
        std::fs::read(source).map(|b| bytes = b)
    };
    read.map_err(|err| format!("cannot read {source}: {err}"))?;
    let value = parse_json(&bytes, limits).map_err(|rejection| format!("{source}: {rejection}"))?;
    match entry.validate_node(&value, limits) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(errors) => {
            for error in errors.iter() {
                let line = serde_json::to_string(error).map_err(|err| err.to_string())?;
                println!("{line}");
            }
            Ok(ExitCode::from(1))
        }
    }
}
