//! connectFi property tables (seed 000): a title `Property table for …`, a header row
//! `Property Description Required Schema`, then rows `name description Yes|No schema`, where the
//! schema is a JSON fragment, `<name> object`, or `array of <name> item objects`.
//!
//! Titles say what a table describes: `schema N for <endpoint>` is one branch of the body,
//! `<name> object` and `<name> array item object` are nested objects, and any other title (the
//! endpoint itself, on pages with a single body schema) is the body. Fragments labelled with a
//! name (`"description": "common-id"`, or `"$id": "common-id"` on older pages) become shared
//! `$defs`.

use super::page::{folded, json_block, samples_after, Page, SEPARATOR};
use super::{excerpt, is_identifier, pascal_case, singular, Body, CaptureError};
use serde_json::{json, Map, Value};

const TABLE_PREFIX: &str = "Property table for ";
const HEADER: &str = "property description required schema";
/// Lines that end the schema section.
const SECTION_ENDS: &[&str] = &[
    "request body",
    "snippet examples",
    "successful response examples",
    "successful response example",
    "errors",
];

pub(super) fn recognises(page: &Page) -> bool {
    page.lines.iter().any(|l| folded(l) == HEADER)
}

/// What a table's title says it describes.
enum Table {
    /// `schema N for …`: one `oneOf` branch of the body.
    Branch(String),
    /// A nested object, named for `$defs`.
    Object(String),
    /// The body itself.
    Body,
}

fn table_kind(title: &str) -> Table {
    if let Some(rest) = title.strip_prefix("schema ") {
        return Table::Branch(format!(
            "Schema{}",
            rest.split_whitespace().next().unwrap_or("")
        ));
    }
    if let Some(array) = title.strip_suffix(" array item object") {
        return Table::Object(pascal_case(&singular(array)));
    }
    match title.strip_suffix(" object") {
        Some(object) => Table::Object(pascal_case(object)),
        None => Table::Body,
    }
}

pub(super) fn capture(page: &Page, unreadable: &mut Vec<CaptureError>) -> Body {
    let lines = &page.lines;
    let mut defs = Map::new();
    let mut fragments = Map::new();
    let mut branches = Vec::new();
    let mut body = None;
    let mut i = 0;
    while i < lines.len() {
        let (title, header) = if folded(&lines[i]) == HEADER {
            // A header row with no title before it describes the body.
            (String::new(), i)
        } else if let Some(title) = lines[i].strip_prefix(TABLE_PREFIX) {
            match page.next_non_empty(i + 1) {
                Some(h) if folded(&lines[h]) == HEADER => (title.trim().to_owned(), h),
                found => {
                    unreadable.push(CaptureError::at(
                        found.map_or(Page::number(i + 1), Page::number),
                        format!(
                            "expected the header `Property Description Required Schema` after `{}`",
                            lines[i]
                        ),
                    ));
                    (title.trim().to_owned(), i)
                }
            }
        } else {
            i += 1;
            continue;
        };
        let (object, next) = table(page, header + 1, &mut fragments, unreadable);
        i = next;
        let def = |name: &str| {
            let mut def = Map::new();
            def.insert("title".into(), json!(name));
            def.insert("type".into(), json!("object"));
            def.insert(
                "description".into(),
                json!(format!("Property table for {title}.")),
            );
            def.extend(object.clone());
            Value::Object(def)
        };
        match table_kind(&title) {
            Table::Branch(name) => {
                branches.push(json!({ "$ref": format!("#/$defs/{name}") }));
                defs.insert(name.clone(), def(&name));
            }
            Table::Object(name) => {
                defs.insert(name.clone(), def(&name));
            }
            Table::Body if body.is_some() => unreadable.push(CaptureError::at(
                Page::number(header),
                "a second table for the body itself: expected `schema N for …` titles when the body has several schemas",
            )),
            Table::Body => {
                let mut root = Map::new();
                root.insert("type".into(), json!("object"));
                root.extend(object);
                body = Some(root);
            }
        }
    }
    let mut all_defs = fragments;
    all_defs.extend(defs);
    let mut root = body.unwrap_or_default();
    match branches.len() {
        0 if root.is_empty() => unreadable.push(CaptureError::at(
            0,
            "no property table describes the body: expected a table titled `Property table for schema N for …` or `Property table for <endpoint>`",
        )),
        0 => {}
        1 => {
            root.insert("$ref".into(), branches.remove(0)["$ref"].take());
        }
        _ => {
            root.insert("oneOf".into(), Value::Array(branches));
        }
    }
    if !all_defs.is_empty() {
        root.insert("$defs".into(), Value::Object(all_defs));
    }
    Body {
        schema: root,
        // `Request Body`, and `REQUEST BODY` in each successful example: read for their names.
        request_samples: samples_after(page, |l| l == "request body"),
        ..Body::default()
    }
}

/// Reads rows from `start` until the next table or the end of the schema section: the object's
/// `properties` and `required`, and the index after the table.
fn table(
    page: &Page,
    start: usize,
    fragments: &mut Map<String, Value>,
    unreadable: &mut Vec<CaptureError>,
) -> (Map<String, Value>, usize) {
    let lines = &page.lines;
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut i = start;
    while i < lines.len() {
        let line = &lines[i];
        if line.starts_with(TABLE_PREFIX)
            || folded(line) == HEADER
            || SECTION_ENDS.contains(&folded(line).as_str())
            || line.starts_with('{')
        {
            break;
        }
        if line.is_empty() || line == SEPARATOR {
            i += 1;
            continue;
        }
        let Some((name, description, is_required, schema_start)) = row(line) else {
            unreadable.push(CaptureError::at(
                Page::number(i),
                format!(
                    "expected a row `name description Yes|No schema`, found `{}`",
                    excerpt(line)
                ),
            ));
            i += 1;
            continue;
        };
        let (schema_text, next) = if schema_start.starts_with('{') {
            match json_block(page, i, schema_start) {
                Some(block) => block,
                None => {
                    unreadable.push(CaptureError::at(
                        Page::number(i),
                        format!(
                            "the page ends inside the JSON fragment of `{}`",
                            excerpt(name)
                        ),
                    ));
                    break;
                }
            }
        } else {
            (schema_start.to_owned(), i + 1)
        };
        match property_schema(&schema_text, description, fragments) {
            Ok(property) => {
                if is_required {
                    required.push(json!(name));
                }
                properties.insert(name.to_owned(), property);
            }
            Err(message) => unreadable.push(CaptureError::at(Page::number(i), message)),
        }
        i = next;
    }
    let mut object = Map::new();
    object.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        object.insert("required".into(), Value::Array(required));
    }
    (object, i)
}

/// Splits `name description Yes|No schema` at the last ` Yes ` or ` No ` (any case) before the
/// schema, which is a JSON fragment or a phrase ending in `object(s)`.
fn row(line: &str) -> Option<(&str, &str, bool, &str)> {
    let (name, rest) = line.split_once(' ')?;
    if !is_identifier(name) {
        return None;
    }
    // Only the text before a JSON fragment can hold the marker; ASCII lower-casing keeps offsets.
    let head = rest.find(" {").map_or(rest, |at| &rest[..=at]);
    let head = head.to_ascii_lowercase();
    let mut best = None;
    for (marker, required) in [(" yes ", true), (" no ", false)] {
        if let Some(at) = head.rfind(marker) {
            if best.is_none_or(|(b, _, _)| at > b) {
                best = Some((at, required, marker.len()));
            }
        }
    }
    let (at, required, len) = best?;
    Some((name, rest[..at].trim(), required, rest[at + len..].trim()))
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
        // The provider's name for a shared fragment: `$id` on older pages, `description` on
        // newer ones. Never a real `$id`.
        let label = match fragment.shift_remove("$id") {
            Some(Value::String(label)) => Some(label),
            Some(other) => return Err(format!("`$id` must be a fragment name, found {other}")),
            None => match fragment.shift_remove("description") {
                Some(Value::String(label)) => Some(label),
                Some(other) => {
                    return Err(format!(
                        "`description` must be a fragment name, found {other}"
                    ))
                }
                None => None,
            },
        };
        if let Some(fragment_name) = label {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_split_at_the_required_column() {
        assert_eq!(row("type type Yes {"), Some(("type", "type", true, "{")));
        assert_eq!(
            row("phones Array of phone objects no array of phones item objects"),
            Some((
                "phones",
                "Array of phone objects",
                false,
                "array of phones item objects"
            ))
        );
        // A `No` inside a one-line fragment is not the column.
        assert_eq!(
            row(r#"note Yes or No answer YES { "description": "No more" }"#),
            Some((
                "note",
                "Yes or No answer",
                true,
                r#"{ "description": "No more" }"#
            ))
        );
        assert_eq!(row("not a row"), None);
        assert_eq!(row("1st column Yes {}"), None);
    }

    #[test]
    fn titles_say_what_a_table_describes() {
        assert!(
            matches!(table_kind("schema 2 for customer/init"), Table::Branch(n) if n == "Schema2")
        );
        assert!(
            matches!(table_kind("addresses array item object"), Table::Object(n) if n == "Address")
        );
        assert!(
            matches!(table_kind("customer personal object"), Table::Object(n) if n == "CustomerPersonal")
        );
        assert!(matches!(table_kind("customer/update"), Table::Body));
    }
}
