//! connectFi "Required Properties / Optional Properties" pages (seed 001): each row is
//! `name description Type example`, where Type is `String`, `Object`…, optionally followed by
//! `, regex pattern "…"`, and the examples may list the allowed values (`"A" or "B"`).
//! A line `<name> Object` starts the property lists of a nested object.

use super::{pascal_case, CaptureError};
use serde_json::{json, Map, Value};

const REQUIRED_HEADER: &str = "Required Properties Description Schema Example Values";
const OPTIONAL_HEADER: &str = "Optional Properties Description Schema Example Values";
const TYPES: &[(&str, &str)] = &[
    ("String", "string"),
    ("Object", "object"),
    ("Number", "number"),
    ("Integer", "integer"),
    ("Boolean", "boolean"),
    ("Array", "array"),
];
/// Lines that end the property lists.
const SECTION_ENDS: &[&str] = &["Request Body", "HEADERS", "REQUEST BODY"];

/// The properties of one object: the root, or a `<name> Object` section.
#[derive(Default)]
struct Object {
    properties: Map<String, Value>,
    required: Vec<Value>,
}

pub(super) fn capture(text: &str) -> Result<Value, CaptureError> {
    let mut objects: Vec<(Option<String>, Object)> = vec![(None, Object::default())];
    let mut required = None;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if SECTION_ENDS.contains(&line) {
            break;
        }
        if line == REQUIRED_HEADER || line == OPTIONAL_HEADER {
            required = Some(line == REQUIRED_HEADER);
            continue;
        }
        if let Some(name) = line.strip_suffix(" Object").filter(|n| !n.contains(' ')) {
            objects.push((Some(pascal_case(name)), Object::default()));
            required = None;
            continue;
        }
        let Some(is_required) = required else {
            continue;
        };
        if line.is_empty() {
            required = None;
            continue;
        }
        let (name, property) = row(line).map_err(|m| CaptureError::at(index + 1, m))?;
        let object = &mut objects.last_mut().expect("the root is always there").1;
        if is_required {
            object.required.push(json!(name));
        }
        object.properties.insert(name, property);
    }
    let mut root = Map::new();
    let mut defs = Map::new();
    for (name, object) in objects {
        let mut schema = Map::new();
        if let Some(name) = &name {
            schema.insert("title".into(), json!(name));
        }
        schema.insert("type".into(), json!("object"));
        schema.insert("properties".into(), Value::Object(object.properties));
        if !object.required.is_empty() {
            schema.insert("required".into(), Value::Array(object.required));
        }
        match name {
            None => root = schema,
            Some(name) => {
                defs.insert(name, Value::Object(schema));
            }
        }
    }
    if root
        .get("properties")
        .and_then(Value::as_object)
        .is_none_or(Map::is_empty)
    {
        return Err(CaptureError::at(
            0,
            format!("no property list found under `{REQUIRED_HEADER}`"),
        ));
    }
    if !defs.is_empty() {
        root.insert("$defs".into(), Value::Object(defs));
    }
    Ok(Value::Object(root))
}

/// Splits a row at its type word (the last `String`, `Object`… surrounded by spaces).
fn row(line: &str) -> Result<(String, Value), String> {
    let expected = || format!("expected a row `name description Type example`, found `{line}`");
    let (name, rest) = line.split_once(' ').ok_or_else(expected)?;
    let mut split = None;
    for (word, json_type) in TYPES {
        for (at, _) in rest.match_indices(&format!(" {word}")) {
            let after = &rest[at + word.len() + 1..];
            if is_example_clause(after) && split.is_none_or(|(best, _, _)| at > best) {
                split = Some((at, *json_type, after));
            }
        }
    }
    let (at, json_type, after) = split.ok_or_else(expected)?;
    let description = rest[..at].trim();
    let mut schema = Map::new();
    schema.insert("type".into(), json!(json_type));
    schema.insert("description".into(), json!(description));
    let mut examples = after.trim();
    if let Some(pattern_part) = examples.strip_prefix(", regex pattern \"") {
        let end = pattern_part
            .find("\" ")
            .or_else(|| pattern_part.strip_suffix('"').map(str::len))
            .ok_or_else(expected)?;
        schema.insert("pattern".into(), json!(&pattern_part[..end]));
        examples = pattern_part[end + 1..].trim();
    }
    if let Some((min, max)) = character_range(description) {
        schema.insert("minLength".into(), json!(min));
        schema.insert("maxLength".into(), json!(max));
    }
    if let Some(object) = examples
        .strip_prefix("See ")
        .and_then(|s| s.strip_suffix(" Object below"))
    {
        return Ok((
            name.to_owned(),
            json!({ "$ref": format!("#/$defs/{}", pascal_case(object)), "description": description }),
        ));
    }
    let values = quoted_values(examples);
    if examples.starts_with('{') {
        let example: Value = serde_json::from_str(examples)
            .map_err(|err| format!("the example does not parse: {err}"))?;
        schema.insert("examples".into(), json!([example]));
    } else if values.len() > 1 && examples.contains(" or ") {
        schema.insert("enum".into(), json!(values));
    } else if let [single] = values.as_slice() {
        schema.insert("examples".into(), json!([single]));
    }
    Ok((name.to_owned(), Value::Object(schema)))
}

/// What may follow the type word: nothing, a pattern, quoted values, a JSON example, or a
/// reference to an object section.
fn is_example_clause(after: &str) -> bool {
    let rest = after.trim_start();
    after.is_empty()
        || after.starts_with(", regex pattern")
        || (after.starts_with(' ')
            && (rest.starts_with('"') || rest.starts_with('{') || rest.starts_with("See ")))
}

/// `"A", "B", or "C"` -> `[A, B, C]`.
fn quoted_values(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// `(1-20 characters)` in a description.
fn character_range(description: &str) -> Option<(u64, u64)> {
    let start = description.find('(')?;
    let inside = &description[start + 1..start + description[start..].find(" characters)")?];
    let (min, max) = inside.split_once('-')?;
    Some((min.trim().parse().ok()?, max.trim().parse().ok()?))
}
