//! RocketKOR field lists (seed 002): a header line `name` or `name  REQUIRED|CONDITIONAL`, a type
//! line (`string, min length: 1, max length: 40`, `string enum, values: A, B`, `string (email)`),
//! then a description. The saved page loses the indentation that showed nesting, so the overlay's
//! `nesting` lists each parent's children, and capture checks them against the page in order.

use super::overlay::Nesting;
use super::{pascal_case, singular, CaptureError};
use serde_json::{json, Map, Value};

const BASE_TYPES: &[&str] = &["string", "array", "object", "boolean", "number", "integer"];

/// True for a line like `string, max length: 50` or `object`.
pub(super) fn is_type_line(line: &str) -> bool {
    BASE_TYPES.iter().any(|t| {
        line.strip_prefix(t)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',']))
    })
}

/// One field as the page lists it.
struct Field {
    line: usize,
    name: String,
    required: bool,
    schema: Map<String, Value>,
}

pub(super) fn capture(text: &str, nesting: &Nesting) -> Result<Value, CaptureError> {
    let fields = fields(text)?;
    let mut defs = Map::new();
    let mut next = 0;
    let mut root = object(&fields, &mut next, "", None, nesting, &mut defs)?;
    if !defs.is_empty() {
        root.insert("$defs".into(), Value::Object(defs));
    }
    Ok(Value::Object(root))
}

fn fields(text: &str) -> Result<Vec<Field>, CaptureError> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == "Request Body")
        .ok_or_else(|| CaptureError::at(0, "no `Request Body` section"))?;
    let end = lines
        .iter()
        .skip(start)
        .position(|l| l.trim() == "Returns")
        .map_or(lines.len(), |p| start + p);
    let mut fields: Vec<Field> = Vec::new();
    let mut i = start + 1;
    while i < end {
        let line = lines[i].trim();
        let type_line = (i + 1..end).find(|&j| !lines[j].trim().is_empty());
        match (
            header(line),
            type_line.filter(|&j| is_type_line(lines[j].trim())),
        ) {
            (Some((name, required)), Some(j)) => {
                let schema =
                    type_schema(lines[j].trim()).map_err(|m| CaptureError::at(j + 1, m))?;
                fields.push(Field {
                    line: i + 1,
                    name,
                    required,
                    schema,
                });
                i = j + 1;
            }
            _ => {
                // A description line of the previous field.
                if let (Some(field), false) = (fields.last_mut(), line.is_empty()) {
                    let text = line.trim_start_matches('•').trim();
                    let description = field
                        .schema
                        .entry("description")
                        .or_insert_with(|| json!(""));
                    let joined = format!("{} {text}", description.as_str().unwrap_or_default());
                    *description = json!(joined.trim());
                }
                i += 1;
            }
        }
    }
    if fields.is_empty() {
        return Err(CaptureError::at(
            start + 1,
            "no field found under `Request Body`",
        ));
    }
    Ok(fields)
}

/// `name`, `name  REQUIRED`, `name  CONDITIONAL`.
fn header(line: &str) -> Option<(String, bool)> {
    let (name, flag) = match line.split_once("  ") {
        Some((name, flag)) => (name.trim(), Some(flag.trim())),
        None => (line, None),
    };
    let identifier = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    match flag {
        _ if !identifier => None,
        None => Some((name.to_owned(), false)),
        Some("REQUIRED") => Some((name.to_owned(), true)),
        Some("CONDITIONAL") => Some((name.to_owned(), false)),
        Some(_) => None,
    }
}

fn type_schema(line: &str) -> Result<Map<String, Value>, String> {
    let mut schema = Map::new();
    let base = BASE_TYPES
        .iter()
        .find(|t| line.starts_with(*t))
        .ok_or("expected a type line")?;
    schema.insert("type".into(), json!(base));
    let mut rest = line[base.len()..].trim();
    if let Some(values) = rest
        .strip_prefix("enum, values: ")
        .or_else(|| rest.strip_prefix("enum, value: "))
    {
        let values: Vec<&str> = values.split(',').map(str::trim).collect();
        schema.insert("enum".into(), json!(values));
        return Ok(schema);
    }
    for (marker, format) in [("(email)", "email"), ("(url)", "uri"), ("(date)", "date")] {
        if let Some(after) = rest.strip_prefix(marker) {
            schema.insert("format".into(), json!(format));
            rest = after.trim();
        }
    }
    for clause in rest.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        let number = |prefix: &str| {
            clause
                .strip_prefix(prefix)
                .and_then(|n| n.trim().parse::<u64>().ok())
        };
        if let Some(n) = number("min length:") {
            schema.insert("minLength".into(), json!(n));
        } else if let Some(n) = number("max length:") {
            schema.insert("maxLength".into(), json!(n));
        } else if let Some(n) = number("max properties:") {
            schema.insert("maxProperties".into(), json!(n));
        } else if let Some(n) = number("value max length:") {
            schema.insert(
                "additionalProperties".into(),
                json!({ "type": "string", "maxLength": n }),
            );
        } else if clause.starts_with("format:") {
            // `format: yyyy-MM-dd` restates `(date)`.
        } else {
            return Err(format!("unknown clause `{clause}` in the type line"));
        }
    }
    Ok(schema)
}

/// Builds an object from the fields starting at `next`: the `expected` children in order, or
/// (at the root, `None`) every remaining field. Children nest where the overlay says so.
fn object(
    fields: &[Field],
    next: &mut usize,
    path: &str,
    expected: Option<&[String]>,
    nesting: &Nesting,
    defs: &mut Map<String, Value>,
) -> Result<Map<String, Value>, CaptureError> {
    let mut properties = Map::new();
    let mut required = Vec::new();
    let count = expected.map_or(fields.len(), <[String]>::len);
    for index in 0..count {
        let Some(field) = fields.get(*next) else {
            if let Some(name) = expected.and_then(|e| e.get(index)) {
                let last = fields.last().map_or(0, |f| f.line);
                return Err(CaptureError::at(
                    last,
                    format!("overlay nesting for `{path}` expects child `{name}`, the page ends"),
                ));
            }
            break;
        };
        if let Some(name) = expected.and_then(|e| e.get(index)) {
            if field.name != *name {
                return Err(CaptureError::at(
                    field.line,
                    format!("overlay nesting for `{path}` expects child `{name}` here, the page has `{}`", field.name),
                ));
            }
        }
        *next += 1;
        let field_path = if path.is_empty() {
            field.name.clone()
        } else {
            format!("{path}/{}", field.name)
        };
        let mut schema = field.schema.clone();
        if let Some(children) = nesting.get(&field_path) {
            let mut nested = object(fields, next, &field_path, Some(children), nesting, defs)?;
            let is_array = schema.get("type") == Some(&json!("array"));
            let name = pascal_case(&if is_array {
                singular(&field.name)
            } else {
                field.name.clone()
            });
            let mut def = Map::new();
            def.insert("title".into(), json!(name));
            def.append(&mut nested);
            defs.insert(name.clone(), Value::Object(def));
            let reference = json!({ "$ref": format!("#/$defs/{name}") });
            let description = schema.remove("description");
            schema = if is_array {
                let mut array = Map::new();
                array.insert("type".into(), json!("array"));
                array.insert("items".into(), reference);
                array
            } else {
                reference.as_object().cloned().unwrap_or_default()
            };
            if let Some(description) = description {
                schema.insert("description".into(), description);
            }
        }
        if field.required {
            required.push(json!(field.name));
        }
        properties.insert(field.name.clone(), Value::Object(schema));
    }
    let mut object = Map::new();
    object.insert("type".into(), json!("object"));
    object.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        object.insert("required".into(), Value::Array(required));
    }
    Ok(object)
}
