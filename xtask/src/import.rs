//! `cargo xtask import <spec.json|yaml> --operation <operationId | "METHOD /path">
//! [--out schemas/<provider>/<endpoint>.json] [--accept-removals]`.
//!
//! Without `--out`, prints the endpoint schema the operation yields. With `--out`, imports
//! through the overlay beside it (`<endpoint>.overlay.json`, as for captured pages) and writes
//! the schema, atomically, only when nothing is lost by it: the checked-in schema documents the
//! same operation, the spec still has its responses and most of its fields (`--accept-removals`
//! says the provider really removed them), and the result regenerates. Otherwise the draft is
//! printed, the reasons go to stderr, nothing is written and the exit code is 1; 2 when the
//! import cannot run (no such file or operation, not OpenAPI, a `$ref` out of the document).

use crate::capture::{overlay_path, regenerates, to_text};
use codegen::capture::overlay::Overlay;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// OpenAPI documents of whole platforms run to a few megabytes.
const MAX_SPEC_BYTES: u64 = 64 * 1024 * 1024;

struct Options {
    spec: PathBuf,
    operation: String,
    out: Option<PathBuf>,
    accept_removals: bool,
}

pub fn run(args: &[&str]) -> ExitCode {
    let outcome = parse(args).map_err(|m| (2, m)).and_then(|o| import(&o));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, message)) => {
            eprintln!("import: {message}");
            ExitCode::from(code)
        }
    }
}

fn parse(args: &[&str]) -> Result<Options, String> {
    let usage = "usage: cargo xtask import <spec.json|yaml> --operation <operationId | \"METHOD /path\"> [--out schemas/<provider>/<endpoint>.json] [--accept-removals]";
    let mut rest = args.iter();
    let spec = rest.next().ok_or(usage)?;
    let (mut operation, mut out, mut accept_removals) = (None, None, false);
    while let Some(arg) = rest.next() {
        match *arg {
            "--operation" => operation = Some(rest.next().ok_or(usage)?.to_string()),
            "--out" => out = Some(PathBuf::from(rest.next().ok_or(usage)?)),
            "--accept-removals" => accept_removals = true,
            _ => return Err(usage.to_owned()),
        }
    }
    if accept_removals && out.is_none() {
        return Err("--accept-removals needs --out".to_owned());
    }
    Ok(Options {
        spec: PathBuf::from(spec),
        operation: operation
            .ok_or("--operation is required (an operationId, or \"METHOD /path\")")?,
        out,
        accept_removals,
    })
}

fn import(options: &Options) -> Result<(), (u8, String)> {
    let cannot = |message: String| (2, message);
    let text = read_spec(&options.spec).map_err(cannot)?;
    let shown = options.spec.display();
    let spec = codegen::import::read_spec(&text).map_err(|e| cannot(format!("{shown}: {e}")))?;
    let spec_name = options
        .spec
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(out) = options.out.as_deref() else {
        let imported = codegen::import::import_operation(&spec, &spec_name, &options.operation)
            .map_err(|e| cannot(format!("{shown}: {e}")))?;
        notes(&options.spec, &imported.notes);
        print!("{}", to_text(&imported.draft));
        return Ok(());
    };
    let overlay_file = overlay_path(out);
    let overlay: Overlay = match std::fs::read_to_string(&overlay_file) {
        Ok(text) => serde_json::from_str(&text)
            .map_err(|err| cannot(format!("{}: {err}", overlay_file.display())))?,
        Err(_) => Overlay::default(),
    };
    let baseline = match std::fs::read_to_string(out) {
        Ok(text) => Some(
            serde_json::from_str::<Value>(&text)
                .map_err(|err| cannot(format!("{}: not JSON: {err}", out.display())))?,
        ),
        Err(_) => None,
    };
    let imported = codegen::import::reimport(
        &spec,
        &spec_name,
        &options.operation,
        baseline.as_ref(),
        &overlay,
    )
    .map_err(|e| cannot(format!("{shown}: {e}")))?;
    notes(&options.spec, &imported.notes);
    let mut refusals = baseline
        .as_ref()
        .map(|b| codegen::import::refusals(b, &imported.draft, options.accept_removals))
        .unwrap_or_default();
    if refusals.is_empty() {
        if let Err(errors) = regenerates(out, &imported.draft) {
            refusals.push(format!(
                "the draft does not regenerate:\n  {}",
                errors.join("\n  ")
            ));
        }
    }
    if !refusals.is_empty() {
        print!("{}", to_text(&imported.draft));
        return Err((
            1,
            format!("{} was not written: {}", out.display(), refusals.join("; ")),
        ));
    }
    let temp = out.with_extension("import-tmp");
    std::fs::write(&temp, to_text(&imported.draft))
        .and_then(|()| std::fs::rename(&temp, out))
        .map_err(|err| cannot(format!("cannot write {}: {err}", out.display())))?;
    println!("wrote {}", out.display());
    Ok(())
}

fn notes(spec: &Path, notes: &[String]) {
    for note in notes {
        eprintln!("{}: check: {note}", spec.display());
    }
}

fn read_spec(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let cannot = |err: std::io::Error| format!("cannot read {}: {err}", path.display());
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(cannot)?
        .take(MAX_SPEC_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_SPEC_BYTES {
        return Err(format!(
            "{}: larger than {} MiB: not an OpenAPI document",
            path.display(),
            MAX_SPEC_BYTES / (1024 * 1024)
        ));
    }
    String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", path.display()))
}
