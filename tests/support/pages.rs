//! Saved documentation pages and the captured schemas they belong to.

use super::workspace_root;
use codegen::capture::overlay::Overlay;
use codegen::capture::{recapture, Captured};
use codegen::schema_diff::{diff_schemas, Impact};
use serde_json::Value;

/// The captured endpoints, by schema id: every schema under `schemas/` that names the page it was
/// captured from (`x-source.seed`).
pub fn captured() -> Vec<String> {
    let root = workspace_root().join("schemas");
    let mut ids = Vec::new();
    for provider in std::fs::read_dir(&root).unwrap() {
        let provider = provider.unwrap().path();
        if !provider.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&provider).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let Some(endpoint) = name.strip_suffix(".json") else {
                continue;
            };
            if endpoint.ends_with(".overlay") {
                continue;
            }
            let id = format!(
                "{}/{endpoint}",
                provider.file_name().unwrap().to_string_lossy()
            );
            if checked_in(&id).1.pointer("/x-source/seed").is_some() {
                ids.push(id);
            }
        }
    }
    ids.sort();
    ids
}

/// The notes a reviewer has already seen for `schema`: its `x-capture-notes`. A re-capture that
/// reports only these has nothing new to check.
pub fn acknowledged_notes(schema: &Value) -> Vec<String> {
    schema["x-capture-notes"]
        .as_array()
        .map(|notes| {
            notes
                .iter()
                .filter_map(|n| n.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Notes of `captured` that `schema` does not already record.
pub fn new_notes(captured: &Captured, schema: &Value) -> Vec<String> {
    let known = acknowledged_notes(schema);
    captured
        .notes
        .iter()
        .filter(|note| !known.contains(note))
        .cloned()
        .collect()
}

/// A seed page from the referee inputs' `seeds/` folder, or `None` (after saying so) when they are
/// absent: see `tests::referees`.
pub fn seed_text(name: &str, test: &str) -> Option<String> {
    let path = tests::referees::referee_input(&format!("seeds/{name}"), test)?;
    Some(std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display())))
}

/// A page kept in `tests/pages/`: seeds in other renderings and other endpoints' pages.
pub fn page_text(name: &str) -> String {
    let path = workspace_root().join("tests/pages").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// The checked-in schema of `id`, as text and parsed.
pub fn checked_in(id: &str) -> (String, Value) {
    let text = std::fs::read_to_string(workspace_root().join(format!("schemas/{id}.json")))
        .unwrap_or_else(|err| panic!("{id}: {err}"));
    let value = serde_json::from_str(&text).unwrap();
    (text, value)
}

/// The overlay beside `id`'s schema; none is an empty overlay.
pub fn overlay(id: &str) -> Overlay {
    let path = workspace_root().join(format!("schemas/{id}.overlay.json"));
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).unwrap(),
        Err(_) => Overlay::default(),
    }
}

/// The seed page a checked-in schema was captured from.
pub fn seed_of(schema: &Value) -> &str {
    schema["x-source"]["seed"].as_str().unwrap()
}

/// `page` captured the way a reviewer re-captures `id`: against its checked-in schema, with its
/// overlay. Panics when the page is in no supported family.
pub fn recapture_endpoint(id: &str, page: &str, page_name: &str) -> Captured {
    let (_, schema) = checked_in(id);
    recapture(page, page_name, Some(&schema), &overlay(id))
        .unwrap_or_else(|err| panic!("{id}: {err}"))
}

/// The schemas' on-disk form.
pub fn to_text(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap() + "\n"
}

/// `impact body pointer what` for every change that is not an annotation.
pub fn rule_changes(old: &Value, new: &Value) -> Vec<String> {
    diff_schemas(old, new)
        .iter()
        .filter(|c| c.impact != Impact::Annotation)
        .map(|c| format!("{} {} {} {}", c.impact, c.body, c.pointer, c.what))
        .collect()
}
