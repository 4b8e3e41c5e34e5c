//! connectFi "Property table for …" pages (seed 000): each row is `name description Yes|No schema`,
//! where the schema is a JSON fragment, `<name> object`, or `array of <name> item objects`.
//! Fragments whose `description` is a name (`common-commonStr50Req`) become shared `$defs`.

use super::{pascal_case, singular, CaptureError};
use serde_json::{json, Map, Value};

const TABLE_PREFIX: &str = "Property table for ";
const HEADER: &str = "Property Description Required Schema";
/// Lines that end the schema section.
const SECTION_ENDS: &[&str] = &[
    "Request Body",
    "Snippet Examples",
    "Successful Response Examples",
];

pub(super) fn capture(text: &str) -> Result<Value, CaptureError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut defs = Map::new();
    let mut fragments = Map::new();
    let mut branches = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(title) = lines[i].strip_prefix(TABLE_PREFIX) else {
            i += 1;
            continue;
        };
        let title = title.trim();
        let found = next_non_empty(&lines, i + 1);
        let header_line = found
            .filter(|&h| lines[h].trim() == HEADER)
            .ok_or_else(|| {
                let line = found.map_or(i + 2, |h| h + 1);
                CaptureError::at(
                    line,
                    format!("expected the header `{HEADER}` after `{TABLE_PREFIX}{title}`"),
                )
            })?;
        let (object, next) = table(&lines, header_line + 1, &mut fragments)?;
        let name = def_name(title);
        if title.starts_with("schema ") {
            branches.push(json!({ "$ref": format!("#/$defs/{name}") }));
        }
        let mut def = Map::new();
        def.insert("title".into(), json!(name));
        def.insert("type".into(), json!("object"));
        def.insert(
            "description".into(),
            json!(format!("Property table for {title}.")),
        );
        def.extend(object);
        defs.insert(name, Value::Object(def));
        i = next;
    }
    if defs.is_empty() {
        return Err(CaptureError::at(0, "no property table found"));
    }
    let mut all_defs = fragments;
    all_defs.extend(defs);
    let mut root = Map::new();
    match branches.len() {
        0 => {
            return Err(CaptureError::at(
                0,
                "no `schema N for …` table names the request body",
            ))
        }
        1 => {
            root.insert("$ref".into(), branches.remove(0)["$ref"].take());
        }
        _ => {
            root.insert("oneOf".into(), Value::Array(branches));
        }
    }
    root.insert("$defs".into(), Value::Object(all_defs));
    Ok(Value::Object(root))
}

/// `schema 1 for customer/init` -> `Schema1`; `addresses array item object` -> `Address`;
/// `customer personal object` -> `CustomerPersonal`.
fn def_name(title: &str) -> String {
    if let Some(rest) = title.strip_prefix("schema ") {
        return format!("Schema{}", rest.split_whitespace().next().unwrap_or(""));
    }
    if let Some(array) = title.strip_suffix(" array item object") {
        return pascal_case(&singular(array));
    }
    pascal_case(title.strip_suffix(" object").unwrap_or(title))
}

fn next_non_empty(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&j| !lines[j].trim().is_empty())
}

/// Reads rows from `start` until the next table or the end of the schema section.
fn table(
    lines: &[&str],
    start: usize,
    fragments: &mut Map<String, Value>,
) -> Result<(Map<String, Value>, usize), CaptureError> {
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut i = start;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.starts_with(TABLE_PREFIX) || SECTION_ENDS.contains(&line) {
            break;
        }
        if line.is_empty() {
            i += 1;
            continue;
        }
        let (name, description, is_required, schema_start) = row(line).ok_or_else(|| {
            CaptureError::at(
                i + 1,
                format!("expected a row `name description Yes|No schema`, found `{line}`"),
            )
        })?;
        let (schema_text, next) = if schema_start.starts_with('{') {
            json_block(lines, i, schema_start)?
        } else {
            (schema_start.to_owned(), i + 1)
        };
        let property = property_schema(&schema_text, description, fragments)
            .map_err(|m| CaptureError::at(i + 1, m))?;
        if is_required {
            required.push(json!(name));
        }
        properties.insert(name.to_owned(), property);
        i = next;
    }
    let mut object = Map::new();
    object.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        object.insert("required".into(), Value::Array(required));
    }
    Ok((object, i))
}

/// Splits `name description Yes|No schema` at the last ` Yes ` or ` No ` before the schema.
fn row(line: &str) -> Option<(&str, &str, bool, &str)> {
    let (name, rest) = line.split_once(' ')?;
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let mut best = None;
    for (marker, required) in [(" Yes ", true), (" No ", false)] {
        if let Some(at) = rest.rfind(marker) {
            if best.is_none_or(|(b, _, _)| at > b) {
                best = Some((at, required, marker.len()));
            }
        }
    }
    let (at, required, len) = best?;
    Some((name, rest[..at].trim(), required, rest[at + len..].trim()))
}

/// The JSON fragment starting on line `start`, which may continue over several lines.
fn json_block(lines: &[&str], start: usize, first: &str) -> Result<(String, usize), CaptureError> {
    let mut text = first.to_owned();
    let mut i = start;
    loop {
        if balanced(&text) {
            return Ok((text, i + 1));
        }
        i += 1;
        let Some(line) = lines.get(i) else {
            return Err(CaptureError::at(
                start + 1,
                "the JSON fragment never closes",
            ));
        };
        text.push('\n');
        text.push_str(line);
    }
}

fn balanced(text: &str) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0i32, false, false);
    for c in text.chars() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') => in_string = false,
            (false, _, '"') => in_string = true,
            (false, _, '{') => depth += 1,
            (false, _, '}') => depth -= 1,
            _ => {}
        }
    }
    depth == 0 && !in_string
}

/// The pages write regex escapes like `\d` inside JSON strings, which JSON does not allow:
/// keep the backslash as a literal one.
fn parse_fragment(text: &str) -> Result<Value, String> {
    let mut fixed = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        fixed.push(c);
        if c == '\\' {
            match chars.peek() {
                Some('"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' | 'u') => {
                    fixed.push(chars.next().unwrap_or_default())
                }
                _ => fixed.push('\\'),
            }
        }
    }
    serde_json::from_str(&fixed).map_err(|err| format!("the JSON fragment does not parse: {err}"))
}

fn property_schema(
    schema: &str,
    description: &str,
    fragments: &mut Map<String, Value>,
) -> Result<Value, String> {
    if schema.starts_with('{') {
        let Value::Object(mut fragment) = parse_fragment(schema)? else {
            return Err("the schema column must be a JSON object".to_owned());
        };
        // A fragment's `description` is the provider's name for a shared fragment.
        if let Some(Value::String(fragment_name)) = fragment.remove("description") {
            fragment.insert("x-fragment".into(), json!(fragment_name));
            let fragment = Value::Object(fragment);
            match fragments.get(&fragment_name) {
                Some(existing) if *existing != fragment => {
                    return Err(format!(
                        "fragment `{fragment_name}` is defined twice, differently"
                    ));
                }
                Some(_) => {}
                None => {
                    fragments.insert(fragment_name.clone(), fragment);
                }
            }
            return Ok(
                json!({ "$ref": format!("#/$defs/{fragment_name}"), "description": description }),
            );
        }
        fragment.insert("description".into(), json!(description));
        return Ok(Value::Object(fragment));
    }
    if let Some(items) = schema
        .strip_prefix("array of ")
        .and_then(|s| s.strip_suffix(" item objects"))
    {
        let item = pascal_case(&singular(items));
        return Ok(
            json!({ "type": "array", "description": description, "items": { "$ref": format!("#/$defs/{item}") } }),
        );
    }
    if let Some(object) = schema.strip_suffix(" object") {
        return Ok(
            json!({ "$ref": format!("#/$defs/{}", pascal_case(object)), "description": description }),
        );
    }
    Err(format!("expected a JSON fragment, `<name> object` or `array of <name> item objects`, found `{schema}`"))
}
