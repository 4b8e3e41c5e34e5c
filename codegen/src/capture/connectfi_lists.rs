//! connectFi "Required Properties / Optional Properties" pages (seed 001): each row is
//! `name description Type example`, where Type is `String`, `Object`…, or `Array of Strings`,
//! optionally followed by `, regex pattern "…"`, and the examples may list the allowed values
//! (`"A" or "B"`), hold a JSON fragment (`{"a": 1} // any keys`, `[ ... ]`) or point to an object
//! section (`See cardAttributes Object below`). A line `<name> Object` starts the property lists of
//! a nested object.

use super::page::{folded, samples_after, Page, SEPARATOR};
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
    // The sections rows point to (`See cardAttributes Object below`), as `$defs` names.
    let mut referenced: Vec<String> = Vec::new();
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
            // Inside a list, `name Object` may also be a row with empty cells (`| name | | Object |
            // |`): it starts a section only when a row pointed to it.
            .filter(|n| required.is_none() || referenced.contains(&pascal_case(n)))
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
        if object.properties.contains_key(&name) {
            unreadable.push(CaptureError::at(
                Page::number(index),
                format!(
                    "`{}` is listed twice in the same object: fields of the same name are never merged",
                    excerpt(&name)
                ),
            ));
            continue;
        }
        let section = ["/$ref", "/items/$ref"].iter().find_map(|pointer| {
            property
                .pointer(pointer)?
                .as_str()?
                .strip_prefix("#/$defs/")
        });
        referenced.extend(section.map(str::to_owned));
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
        // `Request Body`, and `REQUEST BODY` in each successful example: read for their names.
        request_samples: samples_after(page, |l| l == "request body"),
        ..Body::default()
    }
}

/// Splits a row at its type word (the last `String`, `Object`…, or `Array of Strings`, after a
/// space and before what may follow a type: see `is_example_clause`).
fn row(line: &str) -> Result<(String, Value), String> {
    let expected = || {
        format!(
            "expected a row `name description Type example`, found `{}`",
            excerpt(line)
        )
    };
    let (name, _) = line.split_once(' ').ok_or_else(expected)?;
    if !is_identifier(name) {
        return Err(expected());
    }
    // From the space after the name, so that an empty description still has its space.
    let rest = &line[name.len()..];
    let split = type_word(rest).ok_or_else(expected)?;
    let description = rest[..split.at].trim();
    let mut schema = Map::new();
    schema.insert("type".into(), json!(split.json_type));
    if !description.is_empty() {
        schema.insert("description".into(), json!(description));
    }
    // The rules of the value; of each item for an array.
    let mut value = Map::new();
    let mut examples = split.after.trim();
    let pattern_start = examples
        .get(..", regex pattern \"".len())
        .filter(|p| p.eq_ignore_ascii_case(", regex pattern \""));
    if let Some(pattern_part) = pattern_start.map(|p| &examples[p.len()..]) {
        let end = pattern_part
            .find("\" ")
            .or_else(|| pattern_part.strip_suffix('"').map(str::len))
            .ok_or_else(expected)?;
        value.insert("pattern".into(), json!(&pattern_part[..end]));
        examples = pattern_part[end + 1..].trim();
    }
    if let Some((min, max)) = character_range(description) {
        value.insert("minLength".into(), json!(min));
        value.insert("maxLength".into(), json!(max));
    }
    // A `//` comment says something to a reader, never a rule.
    let examples = without_comment(examples).trim();
    if let Some(object) = section_reference(examples) {
        let reference = json!({ "$ref": format!("#/$defs/{}", pascal_case(object)) });
        let property = if split.json_type == "array" {
            schema.insert("items".into(), reference);
            Value::Object(schema)
        } else {
            let mut property = reference;
            if !description.is_empty() {
                property["description"] = json!(description);
            }
            property
        };
        return Ok((name.to_owned(), property));
    }
    if examples.starts_with(['{', '[']) {
        // A fragment that does not parse (`{ "key": "value", ... }`, `[ ... ]`: elided, so not a
        // value the page gives in full) is no example; one of another type than the row's is
        // none either. The type column is what the row says.
        let example = serde_json::from_str::<Value>(examples)
            .ok()
            .filter(|example| {
                matches!(
                    (split.json_type, example),
                    ("object", Value::Object(_)) | ("array", Value::Array(_))
                )
            });
        if let Some(example) = example {
            schema.insert("examples".into(), json!([example]));
        }
    } else {
        let values = quoted_values(examples);
        if values.len() > 1 && examples.contains(" or ") {
            value.insert("enum".into(), json!(values));
        } else if let [single] = values.as_slice() {
            value.insert("examples".into(), json!([single]));
        }
    }
    match (split.json_type, split.items) {
        ("array", Some(items)) => {
            let mut item = Map::new();
            item.insert("type".into(), json!(items));
            item.extend(value);
            insert_before_examples(&mut schema, "items", Value::Object(item));
        }
        ("array", None) if !value.is_empty() => {
            return Err(format!(
                "`{}` is an `Array` with a pattern, a length or values for its items, but the page does not state their type (`Array of Strings`)",
                excerpt(name)
            ));
        }
        _ => schema.extend(value),
    }
    Ok((name.to_owned(), Value::Object(schema)))
}

/// Where a row's type word is: `at` (the space before it, or before `Array of`), its JSON type,
/// the items' type for `Array of Strings`, and what follows it.
#[derive(Debug, PartialEq)]
struct TypeWord<'a> {
    at: usize,
    json_type: &'static str,
    items: Option<&'static str>,
    after: &'a str,
}

/// The type word of `rest` (a row after its name, from the space): the last one followed by what
/// may follow a type, unless it lies inside the JSON fragment an earlier one is followed by, or in
/// that fragment's `//` comment (`Object {"a": "an Object \"b\""} // an Object "c"`).
fn type_word(rest: &str) -> Option<TypeWord<'_>> {
    // ASCII lower-casing keeps byte offsets, so `String` and `string` split alike.
    let lower = rest.to_ascii_lowercase();
    let mut candidates = Vec::new();
    for (word, json_type) in TYPES {
        for (at, _) in lower.match_indices(&format!(" {word}")) {
            let mut end = at + 1 + word.len();
            let (start, json_type, items) = match lower[..at].strip_suffix(" array of") {
                Some(before) => {
                    if lower[end..].starts_with('s') {
                        end += 1;
                    }
                    (before.len(), "array", Some(*json_type))
                }
                None => (at, *json_type, None),
            };
            let after = &rest[end..];
            if is_example_clause(after) {
                candidates.push((
                    at,
                    TypeWord {
                        at: start,
                        json_type,
                        items,
                        after,
                    },
                ));
            }
        }
    }
    candidates.sort_by_key(|(word_at, _)| *word_at);
    let mut chosen: Option<TypeWord> = None;
    for (word_at, candidate) in candidates {
        let inside = chosen.as_ref().is_some_and(|earlier| {
            let clause = earlier.after.trim_start();
            let clause_at = rest.len() - clause.len();
            fragment_len(clause).is_some_and(|len| {
                let fragment_end = clause_at + len;
                word_at < fragment_end || rest[fragment_end..word_at].trim_start().starts_with("//")
            })
        });
        if !inside {
            chosen = Some(candidate);
        }
    }
    chosen
}

/// What may follow the type word: nothing, a pattern, quoted values, a JSON fragment, or a
/// reference to an object section.
fn is_example_clause(after: &str) -> bool {
    let rest = after.trim_start();
    after.is_empty()
        || after
            .get(..", regex pattern".len())
            .is_some_and(|p| p.eq_ignore_ascii_case(", regex pattern"))
        || (after.starts_with(' ')
            && (rest.starts_with(['"', '{', '[']) || section_reference(rest).is_some()))
}

/// `See cardAttributes Object below` -> `cardAttributes`.
fn section_reference(text: &str) -> Option<&str> {
    let (see, rest) = text.split_at_checked("See ".len())?;
    let (name, below) = rest.split_at_checked(rest.len().checked_sub(" Object below".len())?)?;
    (see.eq_ignore_ascii_case("see ") && below.eq_ignore_ascii_case(" object below"))
        .then_some(name)
}

/// Inserts `key` before `examples` when there is one, so that keys keep the order rules first.
fn insert_before_examples(schema: &mut Map<String, Value>, key: &str, value: Value) {
    let examples = schema.remove("examples");
    schema.insert(key.into(), value);
    if let Some(examples) = examples {
        schema.insert("examples".into(), examples);
    }
}

/// The bytes of `text` outside JSON strings, with their offsets (a quote is inside).
fn outside_strings(text: &str) -> impl Iterator<Item = (usize, u8)> + '_ {
    let (mut in_string, mut escaped) = (false, false);
    text.bytes().enumerate().filter(move |&(_, b)| {
        let was_outside = !in_string;
        match (in_string, escaped, b) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (false, _, b'"') => in_string = true,
            _ => {}
        }
        was_outside && !in_string
    })
}

/// `{"a": "x//y"} // any keys` -> `{"a": "x//y"} `.
fn without_comment(text: &str) -> &str {
    let bytes = text.as_bytes();
    outside_strings(text)
        .find(|&(i, b)| b == b'/' && bytes.get(i + 1) == Some(&b'/'))
        .map_or(text, |(i, _)| &text[..i])
}

/// The length of the JSON fragment `text` starts with (`{…}` or `[…]`, brackets balanced outside
/// strings), or `None` when it starts with neither or does not close within `MAX_FRAGMENT` bytes
/// (no cell holds more; a hostile row of many open brackets stays linear).
fn fragment_len(text: &str) -> Option<usize> {
    const MAX_FRAGMENT: usize = 1024;
    if !text.starts_with(['{', '[']) {
        return None;
    }
    let mut depth = 0i64;
    let mut cut = text.len().min(MAX_FRAGMENT);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = &text[..cut];
    for (i, b) in outside_strings(text) {
        match b {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            return Some(i + 1);
        }
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(line: &str) -> Value {
        row(line).unwrap_or_else(|err| panic!("{line}: {err}")).1
    }

    /// The page's draft body and its unreadable lines as `line: message`.
    fn captured(text: &str) -> (Value, Vec<String>) {
        let mut unreadable = Vec::new();
        let body = capture(&Page::new(text), &mut unreadable);
        let lines = unreadable.iter().map(ToString::to_string).collect();
        (Value::Object(body.schema), lines)
    }

    #[test]
    fn rows_split_at_their_type_word() {
        assert_eq!(
            schema(r#"addressType Type of address String "PRIMARY" or "SECONDARY""#),
            json!({"type": "string", "description": "Type of address", "enum": ["PRIMARY", "SECONDARY"]})
        );
        assert_eq!(
            schema(r#"reference An ID (1-20 characters) String, regex pattern "^[0-9]+$" "12""#),
            json!({"type": "string", "description": "An ID (1-20 characters)", "pattern": "^[0-9]+$", "minLength": 1, "maxLength": 20, "examples": ["12"]})
        );
        assert_eq!(
            schema("cardAttributes Attributes Object See cardAttributes Object below"),
            json!({"$ref": "#/$defs/CardAttributes", "description": "Attributes"})
        );
        // An empty description cell, an empty example cell.
        assert_eq!(
            schema(r#"id String "x""#),
            json!({"type": "string", "examples": ["x"]})
        );
        assert_eq!(
            schema("id The ID string"),
            json!({"type": "string", "description": "The ID"})
        );
        // The item type, when the page states it, and only then.
        assert_eq!(
            schema(r#"emails Email addresses Array of Strings "a@b.c""#),
            json!({"type": "array", "description": "Email addresses", "items": {"type": "string", "examples": ["a@b.c"]}})
        );
        assert_eq!(
            schema(r#"kinds Kinds ARRAY OF STRING "A" or "B""#),
            json!({"type": "array", "description": "Kinds", "items": {"type": "string", "enum": ["A", "B"]}})
        );
        assert_eq!(
            schema("phones Phones Array See phones Object below"),
            json!({"type": "array", "description": "Phones", "items": {"$ref": "#/$defs/Phones"}})
        );
        // A comment is never a rule: `"A" // or "B"` is an example, not an enum.
        assert_eq!(
            schema(r#"kind Kind String "A" // or "B""#),
            json!({"type": "string", "description": "Kind", "examples": ["A"]})
        );
    }

    #[test]
    fn malformed_rows_are_still_reported() {
        for line in [
            r#"phones Phone numbers [{"type": "MOBILE"}]"#,
            r#"kind Kind Text "A""#,
            "issueType Description identifying",
            r#"1st A name String "x""#,
            "lonely",
        ] {
            let err = row(line).unwrap_err();
            assert!(
                err.starts_with("expected a row `name description Type example`"),
                "{line}: {err}"
            );
        }
        let err = row(r#"kinds Kinds Array "A" or "B""#).unwrap_err();
        assert!(err.contains("the page does not state their type"), "{err}");
        let err = row(r#"ids IDs Array, regex pattern "^[0-9]+$""#).unwrap_err();
        assert!(err.contains("the page does not state their type"), "{err}");
    }

    #[test]
    fn json_fragment_examples() {
        let examples = |line: &str| schema(line).get("examples").cloned();
        // Fragments that parse, comments removed.
        assert_eq!(
            examples(r#"extra Extra Object {"someProperty" : "Property value"}"#),
            Some(json!([{"someProperty": "Property value"}]))
        );
        assert_eq!(
            examples(r#"extra Extra Object {"a": 1} // any keys"#),
            Some(json!([{"a": 1}]))
        );
        assert_eq!(
            examples(r#"extra Extra Object {"url": "https://x.io"} // a // b"#),
            Some(json!([{"url": "https://x.io"}]))
        );
        assert_eq!(
            examples(r#"tags Tags Array ["A", "B"]"#),
            Some(json!([["A", "B"]]))
        );
        // Elided or broken fragments: no example, and the row is still read by its type.
        for line in [
            r#"extra Extra Object { "key": "value", ... }"#,
            r#"extra Extra Object { "key": "value", … } // more keys"#,
            r#"phones Phones Array [{"type": "MOBILE", "phoneNumber": "5556667777"}, ...]"#,
            "tags Tags Array [ ... ]",
            "extra Extra Object {key: value}",
            r#"extra Extra Object {"a": 1"#,
        ] {
            let schema = schema(line);
            assert_eq!(schema.get("examples"), None, "{line}");
            assert!(
                matches!(schema["type"].as_str(), Some("object" | "array")),
                "{line}"
            );
        }
        // An example is never an enum, nor a source of rules: no `items` guessed from it.
        let tags = schema(r#"tags Tags Array ["A", "B"] // "A" or "B""#);
        assert_eq!(
            tags,
            json!({"type": "array", "description": "Tags", "examples": [["A", "B"]]})
        );
        // A fragment of another type than the row's is no example of it.
        assert_eq!(examples(r#"extra Extra Object ["A"]"#), None);
        assert_eq!(examples(r#"name Name String {"a": 1}"#), None);
        assert_eq!(
            schema(r#"emails Emails Array of Strings ["a@b.c"]"#),
            json!({"type": "array", "description": "Emails", "items": {"type": "string"}, "examples": [["a@b.c"]]})
        );
    }

    #[test]
    fn type_words_inside_a_fragment_or_its_comment_are_not_the_type() {
        assert_eq!(
            schema(r#"extra Extra data Object {"note": "an Object {"} // a String "x""#),
            json!({"type": "object", "description": "Extra data", "examples": [{"note": "an Object {"}]})
        );
        // Outside a fragment, the last type word wins, as before.
        assert_eq!(
            schema(r#"kind An Object {see below} kind String "x""#)["type"],
            "string"
        );
    }

    #[test]
    fn pipe_tables_without_outer_pipes_and_headers_in_any_case() {
        let page = "POST /x\nThe body | its rows:\n\nrequired properties | DESCRIPTION | Schema | Example Values\n:--- | :---: | ---: | -\ncustomerId | Customer ID | String | \"c1\"\nnote |  | String |\nOPTIONAL PROPERTIES|DESCRIPTION|SCHEMA|EXAMPLE VALUES\n-|-|-|-\nextra | Any keys \\| values | Object | {\"a\": 1} // any keys\n";
        let (schema, unreadable) = captured(page);
        assert_eq!(unreadable, Vec::<String>::new());
        assert_eq!(
            schema,
            json!({"type": "object", "properties": {
                "customerId": {"type": "string", "description": "Customer ID", "examples": ["c1"]},
                "note": {"type": "string"},
                "extra": {"type": "object", "description": "Any keys | values", "examples": [{"a": 1}]}
            }, "required": ["customerId", "note"]})
        );
        // Without a delimiter row, a table without outer pipes is prose: its rows are reported.
        let (_, unreadable) = captured(
            "POST /x\nRequired Properties Description Schema Example Values\ncustomerId | Customer ID | String | \"c1\"\n",
        );
        assert_eq!(
            unreadable,
            [
                "line 3: expected a row `name description Type example`, found `customerId | Customer ID | String | \"c1\"`",
                "line 0: no property of the body found under `Required Properties Description Schema Example Values` or `Optional Properties …`",
            ]
        );
    }

    #[test]
    fn object_sections_repeats_and_rows_of_empty_cells() {
        // `| meta | | Object | |` is a row; `card Object`, which a row points to, a section.
        let page = "POST /x\n| Required Properties | Description | Schema | Example Values |\n| meta | | Object | |\n| card | | Object | See card Object below |\n| meta | again | String | |\ncard Object\n| Optional Properties | Description | Schema | Example Values |\n| id | | String | |\n";
        let (schema, unreadable) = captured(page);
        assert_eq!(
            unreadable,
            ["line 5: `meta` is listed twice in the same object: fields of the same name are never merged"]
        );
        assert_eq!(
            schema,
            json!({"type": "object", "properties": {
                "meta": {"type": "object"},
                "card": {"$ref": "#/$defs/Card"}
            }, "required": ["meta", "card"], "$defs": {"Card": {
                "title": "Card", "type": "object", "properties": {"id": {"type": "string"}}
            }}})
        );
    }
}
