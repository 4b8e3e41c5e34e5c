//! Writes the planned files, or checks that the tree already holds them.

use crate::assemble::HEADER_MARKER;
use crate::{GeneratedFile, Plan, GENERATED_SRC};
use std::io;
use std::path::{Path, PathBuf};

/// Whether `apply` may touch the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write changed files and remove orphans.
    Write,
    /// Write nothing; report what differs.
    Check,
}

/// A file whose content on disk differs from what the schemas produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFile {
    pub path: String,
    /// A unified diff (disk → expected), cut to a readable length.
    pub diff: String,
}

/// What `apply` did, or in check mode would have done.
#[derive(Debug, Default)]
pub struct Outcome {
    pub written: Vec<String>,
    pub unchanged: usize,
    pub removed: Vec<String>,
    /// Check mode only: files that are out of date, missing or orphaned.
    pub stale: Vec<StaleFile>,
}

const DIFF_LINES: usize = 40;

/// Brings the tree in line with `plan` (write mode) or reports differences (check mode).
pub fn apply(repo_root: &Path, plan: &Plan, mode: Mode) -> io::Result<Outcome> {
    let mut outcome = Outcome::default();
    for GeneratedFile { path, contents } in &plan.files {
        let full = repo_root.join(path);
        let current = std::fs::read_to_string(&full).ok();
        let display = path.to_string_lossy().replace('\\', "/");
        if current.as_deref() == Some(contents.as_str()) {
            outcome.unchanged += 1;
            continue;
        }
        match mode {
            Mode::Write => {
                write_atomically(&full, contents)?;
                outcome.written.push(display);
            }
            Mode::Check => {
                let diff = short_diff(current.as_deref().unwrap_or(""), contents, &display);
                outcome.stale.push(StaleFile {
                    path: display,
                    diff,
                });
            }
        }
    }
    let planned: Vec<PathBuf> = plan.files.iter().map(|f| repo_root.join(&f.path)).collect();
    for orphan in generated_files(&repo_root.join(GENERATED_SRC))? {
        if planned.contains(&orphan) {
            continue;
        }
        let display = orphan
            .strip_prefix(repo_root)
            .unwrap_or(&orphan)
            .to_string_lossy()
            .replace('\\', "/");
        match mode {
            Mode::Write => {
                std::fs::remove_file(&orphan)?;
                outcome.removed.push(display);
            }
            Mode::Check => {
                let diff = "its schema is gone: the file would be removed".to_owned();
                outcome.stale.push(StaleFile {
                    path: display,
                    diff,
                });
            }
        }
    }
    if mode == Mode::Write {
        remove_empty_dirs(&repo_root.join(GENERATED_SRC))?;
    }
    Ok(outcome)
}

fn write_atomically(path: &Path, contents: &str) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let temp = path.with_extension("tmp-regenerate");
    std::fs::write(&temp, contents)?;
    std::fs::rename(&temp, path)
}

/// `.rs` files below `dir` whose first line carries the generated marker, sorted.
fn generated_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    if !dir.is_dir() {
        return Ok(found);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let first_line = std::fs::read_to_string(&path)?
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_owned();
                if first_line.contains(HEADER_MARKER) {
                    found.push(path);
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

fn remove_empty_dirs(dir: &Path) -> io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            remove_empty_dirs(&path)?;
            if std::fs::read_dir(&path)?.next().is_none() {
                std::fs::remove_dir(&path)?;
            }
        }
    }
    Ok(())
}

fn short_diff(old: &str, new: &str, path: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header(&format!("{path} (on disk)"), &format!("{path} (expected)"))
        .to_string();
    let mut lines: Vec<&str> = text.lines().collect();
    let total = lines.len();
    lines.truncate(DIFF_LINES);
    let mut shown = lines.join("\n");
    if total > DIFF_LINES {
        shown.push_str(&format!("\n… {} more diff lines", total - DIFF_LINES));
    }
    shown
}
