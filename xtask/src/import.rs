//! `cargo xtask import <spec.json|yaml> --operation <operationId | "METHOD /path">
//! [--out schemas/<provider>/<endpoint>.json] [--accept-removals] [--shared <definitions>]`.
//!
//! Without `--out`, prints the endpoint schema the operation yields. With `--out`, imports
//! through the overlay beside it (`<endpoint>.overlay.json`, as for captured pages) and writes
//! the schema, atomically, only when nothing is lost by it: the checked-in schema documents the
//! same operation, the spec still has its responses and most of its fields (`--accept-removals`
//! says the provider really removed them), and the result regenerates. Otherwise the draft is
//! printed, the reasons go to stderr, nothing is written and the exit code is 1; 2 when the
//! import cannot run (no such file or operation, not OpenAPI, a `$ref` out of the document).
//! With `--shared`, the components move to the definitions file beside the schema, which is
//! written first; the checks compare and regenerate the endpoint with its definitions files.

use crate::capture::{overlay_path, to_text};
use crate::cli::Args;
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
    /// The definitions file the components move to (`--shared`).
    shared: Option<PathBuf>,
}

pub fn run(args: &Args) -> ExitCode {
    let outcome = parse(args).map_err(|m| (2, m)).and_then(|o| import(&o));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, message)) => {
            eprintln!("import: {message}");
            ExitCode::from(code)
        }
    }
}

fn parse(args: &Args) -> Result<Options, String> {
    // The declaration of `import` has exactly this one positional argument, and needs
    // `--operation`.
    let [spec] = args.positionals[..] else {
        return Err("expected <spec.json|yaml> (see `cargo xtask import --help`)".to_owned());
    };
    let out = args.value("--out").map(PathBuf::from);
    let accept_removals = args.flag("--accept-removals");
    if accept_removals && out.is_none() {
        return Err("--accept-removals needs --out".to_owned());
    }
    let shared = args.value("--shared").map(PathBuf::from);
    if let Some(shared) = &shared {
        let Some(out) = &out else {
            return Err("--shared needs --out".to_owned());
        };
        if shared.parent() != out.parent() || shared.extension().is_none_or(|e| e != "json") {
            return Err(format!(
                "--shared {}: the definitions file is a .json file beside the schema, in {}",
                shared.display(),
                out.parent().map_or(".".into(), |p| p.display().to_string())
            ));
        }
    }
    Ok(Options {
        spec: PathBuf::from(spec),
        operation: args
            .value("--operation")
            .ok_or("--operation is required (an operationId, or \"METHOD /path\")")?
            .to_owned(),
        out,
        accept_removals,
        shared,
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
    let siblings = sibling_files(out).map_err(cannot)?;
    // The checked-in schema as one document, its shared definitions in it: what a re-import,
    // which copies every component, is compared with.
    let baseline = match std::fs::read_to_string(out) {
        Ok(text) => {
            let document = serde_json::from_str::<Value>(&text)
                .map_err(|err| cannot(format!("{}: not JSON: {err}", out.display())))?;
            let file = codegen::SchemaFile::at(out, document);
            let localized = codegen::localized_document(&file, &siblings)
                .map_err(|errors| cannot(lines(&errors)))?;
            Some(localized)
        }
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
    let (draft, definitions) = match &options.shared {
        None => (imported.draft, None),
        Some(path) => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let existing = match std::fs::read_to_string(path) {
                Ok(text) => Some(
                    serde_json::from_str::<Value>(&text)
                        .map_err(|err| cannot(format!("{}: not JSON: {err}", path.display())))?,
                ),
                Err(_) => None,
            };
            let shared =
                codegen::import::share_components(imported.draft, existing.as_ref(), &name)
                    .map_err(cannot)?;
            notes(&options.spec, &shared.notes);
            (shared.endpoint, Some((path, shared.definitions)))
        }
    };
    if refusals.is_empty() {
        if let Err(errors) = regenerates_beside(out, &draft, definitions.as_ref(), &siblings) {
            refusals.push(format!(
                "the draft does not regenerate:\n  {}",
                errors.join("\n  ")
            ));
        }
    }
    if !refusals.is_empty() {
        print!("{}", to_text(&draft));
        return Err((
            1,
            format!("{} was not written: {}", out.display(), refusals.join("; ")),
        ));
    }
    if let Some((path, definitions)) = &definitions {
        write_atomically(path, &to_text(definitions)).map_err(cannot)?;
        println!("wrote {}", path.display());
    }
    write_atomically(out, &to_text(&draft)).map_err(cannot)?;
    println!("wrote {}", out.display());
    Ok(())
}

/// The schema files beside `out` (overlays aside), as they are on disk now.
fn sibling_files(out: &Path) -> Result<Vec<codegen::SchemaFile>, String> {
    let folder = out.parent().filter(|p| !p.as_os_str().is_empty());
    let Ok(entries) = std::fs::read_dir(folder.unwrap_or(Path::new("."))) else {
        return Ok(Vec::new());
    };
    let mut files = Vec::new();
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        let name = path.to_string_lossy();
        if path == out || !name.ends_with(".json") || name.ends_with(codegen::OVERLAY_SUFFIX) {
            continue;
        }
        let display = name.replace('\\', "/");
        files.push(codegen::load_schema_file(&path, &display).map_err(|e| e.to_string())?);
    }
    files.sort_by(|a, b| a.display_path.cmp(&b.display_path));
    Ok(files)
}

/// Whether the draft regenerates beside the files of its folder, the definitions file (when
/// given) as it would be written.
fn regenerates_beside(
    out: &Path,
    draft: &Value,
    definitions: Option<&(&PathBuf, Value)>,
    siblings: &[codegen::SchemaFile],
) -> Result<(), Vec<String>> {
    let mut siblings = siblings.to_vec();
    if let Some((path, document)) = definitions {
        siblings.retain(|s| Path::new(&s.display_path) != path.as_path());
        let file = codegen::SchemaFile::at(path, document.clone());
        let errors = codegen::definitions_file_errors(&file);
        if !errors.is_empty() {
            return Err(errors.iter().map(ToString::to_string).collect());
        }
        siblings.push(file);
    }
    codegen::endpoint_source_beside(codegen::SchemaFile::at(out, draft.clone()), &siblings)
        .map(|_| ())
        .map_err(|errors| errors.iter().map(ToString::to_string).collect())
}

fn write_atomically(path: &Path, contents: &str) -> Result<(), String> {
    let temp = path.with_extension("import-tmp");
    std::fs::write(&temp, contents)
        .and_then(|()| std::fs::rename(&temp, path))
        .map_err(|err| format!("cannot write {}: {err}", path.display()))
}

fn lines(errors: &[codegen::SchemaError]) -> String {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    lines.join("\n")
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
