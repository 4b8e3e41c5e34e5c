//! What a sample document says about its schema, and nothing more. API-reference platforms fill
//! the samples they generate from a schema with fixed placeholders (Mintlify: `"<string>"`,
//! `123`, `"2023-11-07T05:31:56Z"`; the Docusaurus OpenAPI plugin: `"string"`, `0`,
//! `"2024-07-29T15:51:28.071Z"`). A value is evidence of a type; a placeholder is evidence of a
//! format too; a real-looking value (`"US"`, `"Limited Liability Company"`) is an example, never
//! an enum. Nothing here is ever `required`: a sample shows what may be sent, not what must be.

use serde_json::{json, Map, Value};

/// The placeholders one platform writes into the samples it generates.
pub(crate) struct Placeholders {
    /// Strings that stand for any string.
    pub strings: &'static [&'static str],
    /// Strings that stand for a value of a format: `(placeholder, format)`.
    pub formats: &'static [(&'static str, &'static str)],
    /// Numbers that stand for any number (an integer as well: both render the same).
    pub numbers: &'static [i64],
}

/// Mintlify's API playground (the same on every site).
pub(crate) const MINTLIFY: Placeholders = Placeholders {
    strings: &["<string>"],
    formats: &[
        ("2023-11-07T05:31:56Z", "date-time"),
        ("2023-12-25", "date"),
        ("3c90c3cc-0d44-4b50-8888-8dd25736052a", "uuid"),
        ("jsmith@example.com", "email"),
    ],
    numbers: &[123],
};

/// docusaurus-plugin-openapi-docs, "Example (from schema)".
pub(crate) const DOCUSAURUS: Placeholders = Placeholders {
    strings: &["string"],
    formats: &[
        ("2024-07-29T15:51:28.071Z", "date-time"),
        ("2024-07-29", "date"),
        ("3fa85f64-5717-4562-b3fc-2c963f66afa6", "uuid"),
        ("user@example.com", "email"),
    ],
    numbers: &[0],
};

/// What a sample showed that a reviewer must check, by pointer into the sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SampleNote {
    pub pointer: String,
    pub message: &'static str,
}

/// The schema `value` shows. Objects keep their members as inline `properties` (callers decide
/// which become definitions); an array's items are typed from its first element.
pub(crate) fn schema_of(
    value: &Value,
    placeholders: &Placeholders,
    pointer: &str,
    notes: &mut Vec<SampleNote>,
) -> Map<String, Value> {
    let mut schema = Map::new();
    match value {
        Value::Null => notes.push(SampleNote {
            pointer: pointer.to_owned(),
            message: "the sample shows `null`, which says no type",
        }),
        Value::Bool(_) => {
            schema.insert("type".into(), json!("boolean"));
        }
        Value::Number(number) => {
            schema.insert("type".into(), json!("number"));
            let placeholder = number
                .as_i64()
                .is_some_and(|n| placeholders.numbers.contains(&n));
            if !placeholder {
                schema.insert("examples".into(), json!([number]));
            }
        }
        Value::String(text) => {
            schema.insert("type".into(), json!("string"));
            if let Some((_, format)) = placeholders.formats.iter().find(|(p, _)| p == text) {
                schema.insert("format".into(), json!(format));
            } else if !placeholders.strings.contains(&text.as_str()) {
                schema.insert("examples".into(), json!([text]));
            }
        }
        Value::Array(items) => {
            schema.insert("type".into(), json!("array"));
            match items.first() {
                Some(first) => {
                    let item_pointer = format!("{pointer}/0");
                    let items = schema_of(first, placeholders, &item_pointer, notes);
                    schema.insert("items".into(), Value::Object(items));
                }
                None => notes.push(SampleNote {
                    pointer: pointer.to_owned(),
                    message: "the sample shows an empty array, which says no item type",
                }),
            }
        }
        Value::Object(members) => {
            schema.insert("type".into(), json!("object"));
            let properties: Map<String, Value> = members
                .iter()
                .map(|(name, member)| {
                    let member_pointer = crate::error::pointer_push(pointer, name);
                    let member = schema_of(member, placeholders, &member_pointer, notes);
                    (name.clone(), Value::Object(member))
                })
                .collect();
            schema.insert("properties".into(), Value::Object(properties));
        }
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(value: Value) -> (Value, Vec<SampleNote>) {
        let mut notes = Vec::new();
        let schema = schema_of(&value, &MINTLIFY, "", &mut notes);
        (Value::Object(schema), notes)
    }

    #[test]
    fn placeholders_give_types_and_formats_real_values_give_examples() {
        let (schema, notes) = shown(json!({
            "id": "<string>",
            "at": "2023-11-07T05:31:56Z",
            "country": "US",
            "count": 123,
            "amount": 99.99,
            "ok": true,
            "tags": ["<string>"]
        }));
        assert_eq!(notes, []);
        assert_eq!(
            schema,
            json!({"type": "object", "properties": {
                "id": {"type": "string"},
                "at": {"type": "string", "format": "date-time"},
                "country": {"type": "string", "examples": ["US"]},
                "count": {"type": "number"},
                "amount": {"type": "number", "examples": [99.99]},
                "ok": {"type": "boolean"},
                "tags": {"type": "array", "items": {"type": "string"}}
            }})
        );
    }

    #[test]
    fn values_that_say_no_type_are_noted() {
        let (schema, notes) = shown(json!({"a": null, "b": []}));
        assert_eq!(
            schema,
            json!({"type": "object", "properties": {"a": {}, "b": {"type": "array"}}})
        );
        let pointers: Vec<&str> = notes.iter().map(|n| n.pointer.as_str()).collect();
        assert_eq!(pointers, ["/a", "/b"]);
        // Another platform's placeholder is a real-looking value here.
        let (schema, _) = shown(json!("string"));
        assert_eq!(schema, json!({"type": "string", "examples": ["string"]}));
    }
}
