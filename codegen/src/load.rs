//! Finds and parses the schema files under `schemas/`.

use crate::error::SchemaError;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One parsed schema file.
#[derive(Debug, Clone)]
pub struct SchemaFile {
    /// Path relative to the repository root, with `/` separators, e.g. `schemas/connectfi/customer-init.json`.
    pub display_path: String,
    /// Folder under `schemas/`, e.g. `connectfi`.
    pub provider: String,
    /// File stem, e.g. `customer-init`.
    pub endpoint: String,
    /// The parsed document.
    pub document: Value,
}

impl SchemaFile {
    /// `document` as the file at `path` (`schemas/<provider>/<endpoint>.json`), named by the
    /// path's folder and stem as `regenerate` names it.
    pub fn at(path: &Path, document: Value) -> SchemaFile {
        let name = |part: Option<&std::ffi::OsStr>| {
            part.map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        SchemaFile {
            display_path: path.to_string_lossy().replace('\\', "/"),
            provider: name(path.parent().and_then(Path::file_name)),
            endpoint: name(path.file_stem()),
            document,
        }
    }

    /// The schema id used on the command line: `<provider>/<endpoint>`.
    pub fn id(&self) -> String {
        format!("{}/{}", self.provider, self.endpoint)
    }
}

/// `schemas/<provider>/<endpoint>.json`, but not the capture overlays beside them.
fn is_endpoint_schema(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.ends_with(".json") && !name.ends_with(OVERLAY_SUFFIX)
}

/// The suffix of capture overlays: `schemas/<provider>/<endpoint>.overlay.json`.
pub const OVERLAY_SUFFIX: &str = ".overlay.json";

/// Lists `schemas/<provider>/<endpoint>.json` in a stable order.
pub fn find_schema_files(schemas_dir: &Path) -> Result<Vec<PathBuf>, SchemaError> {
    let read = |dir: &Path| -> Result<Vec<PathBuf>, SchemaError> {
        let entries = std::fs::read_dir(dir).map_err(|err| {
            SchemaError::new(
                &dir.display().to_string(),
                "",
                format!("cannot read folder: {err}"),
            )
        })?;
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        Ok(paths)
    };
    let mut files = Vec::new();
    for provider_dir in read(schemas_dir)? {
        if !provider_dir.is_dir() {
            continue;
        }
        files.extend(
            read(&provider_dir)?
                .into_iter()
                .filter(|p| p.is_file() && is_endpoint_schema(p)),
        );
    }
    Ok(files)
}

/// Reads and parses one schema file. `display_path` is how errors name it.
pub fn load_schema_file(path: &Path, display_path: &str) -> Result<SchemaFile, SchemaError> {
    let bytes = std::fs::read(path)
        .map_err(|err| SchemaError::new(display_path, "", format!("cannot read file: {err}")))?;
    let text = std::str::from_utf8(&bytes).map_err(|err| {
        SchemaError::new(display_path, "", format!("file is not valid UTF-8: {err}"))
    })?;
    let document: Value = serde_json::from_str(text).map_err(|err| {
        SchemaError::new(display_path, "", format!("file is not valid JSON: {err}"))
    })?;
    let provider = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let endpoint = path
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for (what, name) in [("provider folder", &provider), ("endpoint file", &endpoint)] {
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && name.as_bytes()[0].is_ascii_lowercase();
        if !valid {
            return Err(SchemaError::new(
                display_path,
                "",
                format!("{what} name `{name}` must be lowercase ASCII letters, digits and `-`, starting with a letter"),
            ));
        }
    }
    Ok(SchemaFile {
        display_path: display_path.to_owned(),
        provider,
        endpoint,
        document,
    })
}
