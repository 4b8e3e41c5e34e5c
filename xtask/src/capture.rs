//! `cargo xtask capture <page.txt> [--out schemas/<provider>/<endpoint>.json] [--write-overlay]`.
//!
//! Without `--out`, prints the draft schema the page yields. With `--out`, applies the overlay
//! beside it (`<endpoint>.overlay.json`) and writes the schema — atomically, and only when capture
//! succeeded, so a good schema is never replaced by a partial one. `--write-overlay` instead
//! records, in the overlay's merge patch, whatever turns the draft into the current `--out` file
//! (after an intentional edit of the schema).

use codegen::capture::overlay::{make_merge_patch, Overlay};
use codegen::capture::{capture_page, CaptureError};
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

fn capture(page: &Path, out: Option<&Path>, write_overlay: bool) -> Result<(), String> {
    let text = std::fs::read_to_string(page)
        .map_err(|err| format!("cannot read {}: {err}", page.display()))?;
    let seed = page
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let located = |err: CaptureError| format!("{}:{}: {}", page.display(), err.line, err.message);
    let Some(out) = out else {
        let draft = capture_page(&text, &seed, &Default::default()).map_err(located)?;
        println!("{}", to_text(&draft));
        return Ok(());
    };
    let overlay_file = overlay_path(out);
    let mut overlay: Overlay = match std::fs::read_to_string(&overlay_file) {
        Ok(text) => serde_json::from_str(&text)
            .map_err(|err| format!("{}: {err}", overlay_file.display()))?,
        Err(_) => Overlay::default(),
    };
    let draft = capture_page(&text, &seed, &overlay.nesting).map_err(located)?;
    if write_overlay {
        let current = std::fs::read_to_string(out)
            .map_err(|err| format!("cannot read {}: {err}", out.display()))?;
        let current: serde_json::Value =
            serde_json::from_str(&current).map_err(|err| format!("{}: {err}", out.display()))?;
        let renamed = Overlay {
            merge: serde_json::Value::Null,
            ..overlay.clone()
        }
        .apply(draft);
        overlay.merge = make_merge_patch(&renamed, &current)?;
        write_atomically(
            &overlay_file,
            &to_text(&serde_json::to_value(&overlay).map_err(|e| e.to_string())?),
        )?;
        println!("wrote {}", overlay_file.display());
        return Ok(());
    }
    write_atomically(out, &to_text(&overlay.apply(draft)))?;
    println!("wrote {}", out.display());
    Ok(())
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
