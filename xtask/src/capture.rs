//! `cargo xtask capture <page.txt> [--out schemas/<provider>/<endpoint>.json] [--write-overlay]`.
//!
//! Without `--out`, prints the draft schema the page yields on its own. With `--out`, captures
//! against that schema (fields it has keep their place), applies the overlay beside it
//! (`<endpoint>.overlay.json`) and writes the schema, atomically. When any line of the page cannot
//! be read, the draft of everything else is printed, every unreadable line is listed on stderr
//! as `page:line: what was expected`, nothing is written, and the exit code is 1.
//! `--write-overlay` instead records, in the overlay's merge patch, whatever turns the draft into
//! the current `--out` file (after an intentional edit of the schema).

use codegen::capture::overlay::{make_merge_patch, Overlay};
use codegen::capture::{capture_page, recapture, record_notes, CaptureError, Captured};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: &[&str]) -> ExitCode {
    match parse(args)
        .and_then(|(page, out, write_overlay)| capture(&page, out.as_deref(), write_overlay))
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("capture: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse(args: &[&str]) -> Result<(PathBuf, Option<PathBuf>, bool), String> {
    let usage = "usage: cargo xtask capture <page.txt> [--out schemas/<provider>/<endpoint>.json] [--write-overlay]";
    let mut rest = args.iter();
    let page = rest.next().ok_or(usage)?;
    let (mut out, mut write_overlay) = (None, false);
    while let Some(arg) = rest.next() {
        match *arg {
            "--out" => out = Some(PathBuf::from(rest.next().ok_or(usage)?)),
            "--write-overlay" => write_overlay = true,
            _ => return Err(usage.to_owned()),
        }
    }
    if write_overlay && out.is_none() {
        return Err("--write-overlay needs --out".to_owned());
    }
    Ok((PathBuf::from(page), out, write_overlay))
}

/// `schemas/x/y.json` -> `schemas/x/y.overlay.json`.
pub fn overlay_path(schema: &Path) -> PathBuf {
    schema
        .with_extension("")
        .with_extension(codegen::OVERLAY_SUFFIX.trim_start_matches('.'))
}

/// Saved pages are a few hundred kilobytes; anything past this is not a documentation page.
const MAX_PAGE_BYTES: u64 = 16 * 1024 * 1024;

fn capture(page: &Path, out: Option<&Path>, write_overlay: bool) -> Result<(), String> {
    let text = read_page(page)?;
    let seed = page
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let located = |err: &CaptureError| format!("{}:{}: {}", page.display(), err.line, err.message);
    let Some(out) = out else {
        let mut captured = capture_page(&text, &seed, None).map_err(|e| located(&e))?;
        record_notes(&mut captured.draft, &captured.notes);
        return report(page, &captured, None);
    };
    let overlay_file = overlay_path(out);
    let mut overlay: Overlay = match std::fs::read_to_string(&overlay_file) {
        Ok(text) => serde_json::from_str(&text)
            .map_err(|err| format!("{}: {err}", overlay_file.display()))?,
        Err(_) => Overlay::default(),
    };
    let baseline = match std::fs::read_to_string(out) {
        Ok(text) => Some(
            serde_json::from_str::<Value>(&text)
                .map_err(|err| format!("{}: not JSON: {err}", out.display()))?,
        ),
        Err(_) => None,
    };
    if write_overlay {
        let current = baseline.ok_or_else(|| format!("cannot read {}", out.display()))?;
        let captured = capture_page(&text, &seed, Some(&current)).map_err(|e| located(&e))?;
        if !captured.unreadable.is_empty() {
            return report(page, &captured, Some(&overlay_file));
        }
        let renames_only = Overlay {
            merge: Value::Null,
            ..overlay.clone()
        };
        let renamed = renames_only.apply(captured.draft, &mut Vec::new());
        overlay.merge = make_merge_patch(&renamed, &current)?;
        write_atomically(
            &overlay_file,
            &to_text(&serde_json::to_value(&overlay).map_err(|e| e.to_string())?),
        )?;
        println!("wrote {}", overlay_file.display());
        return Ok(());
    }
    let captured = recapture(&text, &seed, baseline.as_ref(), &overlay).map_err(|e| located(&e))?;
    report(page, &captured, Some(out))
}

fn read_page(page: &Path) -> Result<String, String> {
    use std::io::Read;
    let cannot = |err: std::io::Error| format!("cannot read {}: {err}", page.display());
    let mut bytes = Vec::new();
    std::fs::File::open(page)
        .map_err(cannot)?
        .take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(format!(
            "{}: larger than {} MiB: not a saved documentation page",
            page.display(),
            MAX_PAGE_BYTES / (1024 * 1024)
        ));
    }
    String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", page.display()))
}

/// Prints what capture found. A complete capture is written to `out` (stdout without one); an
/// incomplete one goes to stdout only, with every unreadable line on stderr.
fn report(page: &Path, captured: &Captured, out: Option<&Path>) -> Result<(), String> {
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
    Err(match out {
        Some(out) => format!(
            "{count} {lines} could not be read: the draft above is incomplete and {} was not written",
            out.display()
        ),
        None => format!("{count} {lines} could not be read: the draft above is incomplete"),
    })
}

/// The schemas' on-disk form: two-space JSON and a final newline.
pub fn to_text(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

fn write_atomically(path: &Path, contents: &str) -> Result<(), String> {
    let temp = path.with_extension("capture-tmp");
    std::fs::write(&temp, contents)
        .and_then(|()| std::fs::rename(&temp, path))
        .map_err(|err| format!("cannot write {}: {err}", path.display()))
}
