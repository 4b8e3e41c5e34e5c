//! connectFi "Required Properties / Optional Properties" pages (seed 001): each row is
//! `name description Type example`, where Type is `String`, `Object`…, optionally followed by
//! `, regex pattern "…"`, and the examples may list the allowed values (`"A" or "B"`).
//! A line `<name> Object` starts the property lists of a nested object.

use super::page::{folded, Page, SEPARATOR};
use super::{excerpt, is_identifier, pascal_case, Body, CaptureError};
use serde_json::{json, Map, Value};

const REQUIRED_HEADER: &str = "required properties description schema example values";
const OPTIONAL_HEADER: &str = "optional properties description schema example values";
const TYPES: &[(&str, &str)] = &[
    ("string", "string"),
    ("object", "object"),
    ("number", "number"),
    ("integer", "integer"),
    ("boolean", "boolean"),
    ("array", "array"),
];
/// Lines that end the property lists.
const SECTION_ENDS: &[&str] = &["request body", "headers", "successful response example"];

pub(super) fn recognises(page: &Page) -> bool {
    page.lines.iter().any(|l| {
        let l = folded(l);
        l == REQUIRED_HEADER || l == OPTIONAL_HEADER
    })
}

/// The properties of one object: the root, or a `<name> Object` section.
#[derive(Default)]
struct Object {
    properties: Map<String, Value>,
    required: Vec<Value>,
}

pub(super) fn capture(page: &Page, unreadable: &mut Vec<CaptureError>) -> Body {
    let mut objects: Vec<(Option<String>, Object)> = vec![(None, Object::default())];
    let mut required = None;
    for (index, line) in page.lines.iter().enumerate() {
        let heading = folded(line);
        if SECTION_ENDS.contains(&heading.as_str()) || line.starts_with('{') {
            break;
        }
        if heading == REQUIRED_HEADER || heading == OPTIONAL_HEADER {
            required = Some(heading == REQUIRED_HEADER);
            continue;
        }
        if let Some(name) = heading
            .strip_suffix(" object")
            .filter(|n| !n.contains(' '))
            .and_then(|_| line.get(..line.len() - " object".len()))
            .filter(|n| is_identifier(n))
        {
            objects.push((Some(pascal_case(name)), Object::default()));
            required = None;
            continue;
        }
        let Some(is_required) = required else {
            continue;
        };
        if line == SEPARATOR {
            continue;
        }
        if line.is_empty() {
            required = None;
            continue;
        }
        let (name, property) = match row(line) {
            Ok(row) => row,
            Err(message) => {
                unreadable.push(CaptureError::at(Page::number(index), message));
                continue;
            }
        };
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
        unreadable.push(CaptureError::at(
            0,
            "no property of the body found under `Required Properties Description Schema Example Values` or `Optional Properties …`",
        ));
    }
    if !defs.is_empty() {
        root.insert("$defs".into(), Value::Object(defs));
    }
    Body {
        schema: root,
        ..Body::default()
    }
}

/// Splits a row at its type word (the last `String`, `Object`… surrounded by spaces).
fn row(line: &str) -> Result<(String, Value), String> {
    let expected = || {
        format!(
            "expected a row `name description Type example`, found `{}`",
            excerpt(line)
        )
    };
    let (name, rest) = line.split_once(' ').ok_or_else(expected)?;
    if !is_identifier(name) {
        return Err(expected());
    }
    // ASCII lower-casing keeps byte offsets, so `String` and `string` split alike.
    let lower = rest.to_ascii_lowercase();
    let mut split = None;
    for (word, json_type) in TYPES {
        for (at, _) in lower.match_indices(&format!(" {word}")) {
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
    let pattern_start = examples
        .get(..", regex pattern \"".len())
        .filter(|p| p.eq_ignore_ascii_case(", regex pattern \""));
    if let Some(pattern_part) = pattern_start.map(|p| &examples[p.len()..]) {
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
        || after.to_ascii_lowercase().starts_with(", regex pattern")
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
