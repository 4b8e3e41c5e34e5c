//! `cargo xtask capture <page.txt> [--out schemas/<provider>/<endpoint>.json] [--write-overlay]
//! [--accept-removals] [--accept-unmatched]`.
//!
//! Without `--out`, prints the draft schema the page yields on its own. With `--out`, captures
//! against that schema (fields it has keep their place and, on pages that lost them, their
//! names), applies the overlay beside it (`<endpoint>.overlay.json`) and writes the schema,
//! atomically, only when nothing is lost by it:
//! - a line that cannot be read, or (on a page that lost its names) a field no field of the
//!   schema matches exactly (`--accept-unmatched` takes the names by position);
//! - a page that looks cut short: it lacks a landmark of the page the schema came from
//!   (`x-source.section`), a documented response, or a large share of the known fields
//!   (`--accept-removals` says the provider really removed them);
//! - a draft that does not regenerate.
//!
//! Then the draft is printed, every reason is on stderr, nothing is written and the exit code is
//! 1. A command that cannot run at all (a missing page, a wrong flag) exits 2.
//!
//! `--write-overlay` instead records, in the overlay's merge patch, whatever turns the draft into
//! the current `--out` file (after an intentional edit of the schema).

use crate::cli::Args;
use codegen::capture::overlay::{make_merge_patch, Overlay};
use codegen::capture::{capture_page, losses, recapture, record_notes, CaptureError, Captured};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Why capture stopped: it could not run (exit 2), or it ran and wrote nothing (exit 1).
enum Stop {
    CannotRun(String),
    Refused(String),
}

pub fn run(args: &Args) -> ExitCode {
    match parse(args).and_then(|options| capture(&options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Stop::CannotRun(message)) => {
            eprintln!("capture: {message}");
            ExitCode::from(2)
        }
        Err(Stop::Refused(message)) => {
            eprintln!("capture: {message}");
            ExitCode::FAILURE
        }
    }
}

struct Options {
    page: PathBuf,
    out: Option<PathBuf>,
    write_overlay: bool,
    accept_removals: bool,
    accept_unmatched: bool,
}

fn parse(args: &Args) -> Result<Options, Stop> {
    // The declaration of `capture` has exactly this one positional argument.
    let [page] = args.positionals[..] else {
        return Err(Stop::CannotRun(
            "expected <page.txt> (see `cargo xtask capture --help`)".to_owned(),
        ));
    };
    let options = Options {
        page: PathBuf::from(page),
        out: args.value("--out").map(PathBuf::from),
        write_overlay: args.flag("--write-overlay"),
        accept_removals: args.flag("--accept-removals"),
        accept_unmatched: args.flag("--accept-unmatched"),
    };
    if options.out.is_none()
        && (options.write_overlay || options.accept_removals || options.accept_unmatched)
    {
        return Err(Stop::CannotRun(
            "--write-overlay, --accept-removals and --accept-unmatched need --out".to_owned(),
        ));
    }
    Ok(options)
}

/// `schemas/x/y.json` -> `schemas/x/y.overlay.json`.
pub fn overlay_path(schema: &Path) -> PathBuf {
    schema
        .with_extension("")
        .with_extension(codegen::OVERLAY_SUFFIX.trim_start_matches('.'))
}

/// Saved pages are a few hundred kilobytes; anything past this is not a documentation page.
const MAX_PAGE_BYTES: u64 = 16 * 1024 * 1024;

fn capture(options: &Options) -> Result<(), Stop> {
    let page = options.page.as_path();
    let text = read_page(page)?;
    let seed = page
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let located = |err: CaptureError| {
        Stop::CannotRun(format!("{}:{}: {}", page.display(), err.line, err.message))
    };
    let Some(out) = options.out.as_deref() else {
        let mut captured = capture_page(&text, &seed, None).map_err(located)?;
        record_notes(&mut captured.draft, &captured.notes);
        return report(page, &captured, None);
    };
    let overlay_file = overlay_path(out);
    let mut overlay: Overlay = match std::fs::read_to_string(&overlay_file) {
        Ok(text) => serde_json::from_str(&text)
            .map_err(|err| Stop::CannotRun(format!("{}: {err}", overlay_file.display())))?,
        Err(_) => Overlay::default(),
    };
    let baseline = match std::fs::read_to_string(out) {
        Ok(text) => Some(
            serde_json::from_str::<Value>(&text)
                .map_err(|err| Stop::CannotRun(format!("{}: not JSON: {err}", out.display())))?,
        ),
        Err(_) => None,
    };
    if options.write_overlay {
        let current =
            baseline.ok_or_else(|| Stop::CannotRun(format!("cannot read {}", out.display())))?;
        let captured = capture_page(&text, &seed, Some(&current)).map_err(located)?;
        if !captured.unreadable.is_empty() {
            return report(page, &captured, None);
        }
        let renames_only = Overlay {
            merge: Value::Null,
            ..overlay.clone()
        };
        let renamed = renames_only.apply(captured.draft, &mut Vec::new());
        // Notes are capture's own output, recorded afresh by every capture: never overlay data.
        let mut target = current.clone();
        if let Value::Object(root) = &mut target {
            root.shift_remove("x-capture-notes");
        }
        overlay.merge = make_merge_patch(&renamed, &target).map_err(Stop::Refused)?;
        let json = serde_json::to_value(&overlay).map_err(|e| Stop::CannotRun(e.to_string()))?;
        write_atomically(&overlay_file, &to_text(&json))?;
        println!("wrote {}", overlay_file.display());
        return Ok(());
    }
    let captured = recapture(&text, &seed, baseline.as_ref(), &overlay).map_err(located)?;
    let mut refusals = Vec::new();
    if let Some(baseline) = &baseline {
        let losses = losses(baseline, &captured.draft, &text);
        if losses.look_like_a_cut_page() && !options.accept_removals {
            refusals.extend(losses.reasons());
            refusals.push(
                "if the provider really removed them, run again with --accept-removals".to_owned(),
            );
        }
    }
    if !captured.unmatched.is_empty() && !options.accept_unmatched {
        for field in &captured.unmatched {
            eprintln!("{}:{}: {}", page.display(), field.line, field.message);
        }
        refusals.push(format!(
            "{} unnamed field(s) match no field of the checked-in schema exactly; name them in the schema, or run again with --accept-unmatched to take the names by position",
            captured.unmatched.len()
        ));
    }
    if captured.unreadable.is_empty() && refusals.is_empty() {
        if let Err(errors) = regenerates(out, &captured.draft) {
            refusals.push(format!(
                "the draft does not regenerate:\n  {}",
                errors.join("\n  ")
            ));
        }
    }
    if refusals.is_empty() {
        return report(page, &captured, Some(out));
    }
    report(page, &captured, None)?;
    Err(Stop::Refused(format!(
        "{} was not written: {}",
        out.display(),
        refusals.join("; ")
    )))
}

/// The draft through the generator, as `cargo xtask regenerate` would take it. Messages name
/// `out`; the module names are fixed, since `out` may sit in any folder.
pub fn regenerates(out: &Path, draft: &Value) -> Result<(), Vec<String>> {
    let file = codegen::SchemaFile {
        display_path: out.to_string_lossy().replace('\\', "/"),
        provider: "draft".to_owned(),
        endpoint: "endpoint".to_owned(),
        document: draft.clone(),
    };
    codegen::endpoint_source(file)
        .map(|_| ())
        .map_err(|errors| errors.iter().map(ToString::to_string).collect())
}

fn read_page(page: &Path) -> Result<String, Stop> {
    use std::io::Read;
    let cannot =
        |err: std::io::Error| Stop::CannotRun(format!("cannot read {}: {err}", page.display()));
    let mut bytes = Vec::new();
    std::fs::File::open(page)
        .map_err(cannot)?
        .take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(Stop::CannotRun(format!(
            "{}: larger than {} MiB: not a saved documentation page",
            page.display(),
            MAX_PAGE_BYTES / (1024 * 1024)
        )));
    }
    String::from_utf8(bytes)
        .map_err(|_| Stop::CannotRun(format!("{}: not UTF-8 text", page.display())))
}

/// Prints what capture found. A complete capture is written to `out` (stdout without one); an
/// incomplete one goes to stdout only, with every unreadable line on stderr.
fn report(page: &Path, captured: &Captured, out: Option<&Path>) -> Result<(), Stop> {
    for note in &captured.notes {
        eprintln!("{}: check: {note}", page.display());
    }
    if captured.unreadable.is_empty() {
        match out {
            Some(out) => {
                write_atomically(out, &to_text(&captured.draft))?;
                println!("wrote {}", out.display());
            }
            None => print!("{}", to_text(&captured.draft)),
        }
        return Ok(());
    }
    print!("{}", to_text(&captured.draft));
    for problem in &captured.unreadable {
        eprintln!("{}:{}: {}", page.display(), problem.line, problem.message);
    }
    let count = captured.unreadable.len();
    let lines = if count == 1 { "line" } else { "lines" };
    Err(Stop::Refused(match out {
        Some(out) => format!(
            "{count} {lines} could not be read: the draft above is incomplete and {} was not written",
            out.display()
        ),
        None => format!("{count} {lines} could not be read: the draft above is incomplete"),
    }))
}

/// The schemas' on-disk form: two-space JSON and a final newline.
pub fn to_text(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

fn write_atomically(path: &Path, contents: &str) -> Result<(), Stop> {
    let temp = path.with_extension("capture-tmp");
    std::fs::write(&temp, contents)
        .and_then(|()| std::fs::rename(&temp, path))
        .map_err(|err| Stop::CannotRun(format!("cannot write {}: {err}", path.display())))
}
