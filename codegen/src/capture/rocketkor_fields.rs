//! RocketKOR field lists (seed 002): a field line `name`, `name REQUIRED` or `name CONDITIONAL`,
//! a type line (`string, min length: 1, max length: 40`, `string enum, values: A, B`,
//! `string (email)`, `array, max items: 5`), then description lines. Fields listed under a
//! `Path Parameters` heading describe the path, not the body. Saved pages lose the indentation
//! that showed nesting; `nesting` puts it back.

use super::nesting::{self, FlatField, Tree};
use super::page::{folded, sample_after, Operation, Page, SEPARATOR};
use super::{excerpt, is_identifier, pascal_case, singular, Body, CaptureError};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

const BASE_TYPES: &[&str] = &["string", "array", "object", "boolean", "number", "integer"];

/// Headings that end the field lists.
const END_HEADINGS: &[&str] = &[
    "returns",
    "response",
    "responses",
    "response body",
    "sample request",
    "sample response",
    "example request",
    "example response",
];

/// The page's sections that list fields.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Path,
    Query,
    Body,
}

fn section_heading(folded_line: &str) -> Option<Section> {
    match folded_line {
        "path parameters" | "path params" => Some(Section::Path),
        "query parameters" | "query params" => Some(Section::Query),
        "request body" | "body parameters" | "body params" | "request body parameters" => {
            Some(Section::Body)
        }
        _ => None,
    }
}

/// True for a line like `string, max length: 50`, `string (email)` or `object`.
fn is_type_line(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    BASE_TYPES.iter().any(|t| {
        lower.strip_prefix(t).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with([',', '('])
                || rest.starts_with(" (")
                || rest.starts_with(" enum")
                || (*t == "array" && rest.starts_with(" of "))
        })
    })
}

/// `name`, `name REQUIRED`, `name CONDITIONAL`, `name OPTIONAL` (any spacing, any case of the
/// marker): the name and whether the field is required.
fn field_line(line: &str) -> Option<(&str, bool)> {
    let mut words = line.split_whitespace();
    let name = words.next().filter(|n| is_identifier(n))?;
    let required = match words.next().map(str::to_ascii_uppercase).as_deref() {
        None => false,
        Some("REQUIRED") => true,
        Some("CONDITIONAL" | "OPTIONAL") => false,
        Some(_) => return None,
    };
    words.next().is_none().then_some((name, required))
}

/// Indices of lines that start a field: a field line followed by a type line.
fn field_starts(page: &Page) -> impl Iterator<Item = (usize, usize)> + '_ {
    (0..page.lines.len()).filter_map(|i| {
        field_line(&page.lines[i])?;
        let type_line = page.next_non_empty(i + 1)?;
        is_type_line(&page.lines[type_line]).then_some((i, type_line))
    })
}

pub(super) fn recognises(page: &Page) -> bool {
    field_starts(page).nth(1).is_some()
}

/// One field as the page lists it.
struct Field {
    line: usize,
    name: String,
    required: bool,
    section: Section,
    schema: Map<String, Value>,
}

pub(super) fn capture(
    page: &Page,
    operation: &Operation,
    baseline: Option<&Value>,
    unreadable: &mut Vec<CaptureError>,
    notes: &mut Vec<String>,
) -> Body {
    let fields = fields(page, operation, unreadable);
    let (parameters, body): (Vec<Field>, Vec<Field>) =
        fields.into_iter().partition(|f| f.section != Section::Body);
    let flat: Vec<FlatField> = body
        .iter()
        .map(|f| FlatField {
            line: f.line,
            name: &f.name,
            container: matches!(f.schema.get("type"), Some(t) if t == "object" || t == "array"),
        })
        .collect();
    let baseline = baseline.map(Tree::from_schema);
    let request_sample = sample_after(page, |l| l == "sample request" || l == "example request");
    let sample = request_sample.as_ref().map(|s| Tree::from_sample(&s.value));
    let placement = nesting::place(&flat, baseline.as_ref(), sample.as_ref());
    notes.extend(placement.notes);
    for &duplicate in &placement.duplicates {
        unreadable.push(CaptureError::at(
            body[duplicate].line,
            format!(
                "field `{}` is listed again where every open object already has one; expected a field of another name",
                body[duplicate].name
            ),
        ));
    }
    // children[0] are the body's fields, children[i + 1] those of field i.
    let mut children = vec![Vec::new(); body.len() + 1];
    let duplicates: std::collections::BTreeSet<usize> =
        placement.duplicates.iter().copied().collect();
    for (index, parent) in placement.parents.iter().enumerate() {
        if !duplicates.contains(&index) {
            children[parent.map_or(0, |p| p + 1)].push(index);
        }
    }
    let mut builder = Builder {
        fields: &body,
        children: &children,
        defs: Map::new(),
        def_paths: BTreeMap::new(),
    };
    let mut schema = builder.object(None, "");
    if !builder.defs.is_empty() {
        schema.insert("$defs".into(), Value::Object(builder.defs));
    }
    let mut endpoint = Map::new();
    for (key, section) in [
        ("pathParameters", Section::Path),
        ("queryParameters", Section::Query),
    ] {
        let listed: Map<String, Value> = parameters
            .iter()
            .filter(|f| f.section == section)
            .map(|f| (f.name.clone(), Value::Object(f.schema.clone())))
            .collect();
        if !listed.is_empty() {
            endpoint.insert(key.into(), Value::Object(listed));
        }
    }
    Body {
        schema,
        endpoint,
        request_samples: request_sample.into_iter().collect(),
    }
}

/// Every field of the page in order, with its section.
fn fields(page: &Page, operation: &Operation, unreadable: &mut Vec<CaptureError>) -> Vec<Field> {
    let lines = &page.lines;
    let explicit_body = lines
        .iter()
        .any(|l| section_heading(&folded(l)) == Some(Section::Body));
    let placeholders = operation.placeholders();
    let mut section = Section::Body;
    let mut fields: Vec<Field> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let heading = folded(line);
        if END_HEADINGS.contains(&heading.as_str()) && !fields.is_empty() {
            break;
        }
        if let Some(new_section) = section_heading(&heading) {
            section = new_section;
            i += 1;
            continue;
        }
        let type_line = page.next_non_empty(i + 1);
        match (field_line(line), type_line) {
            (Some((name, required)), Some(j)) if is_type_line(&lines[j]) => {
                // Without a `Request Body` heading, path parameters end where the path's
                // placeholders do.
                if section == Section::Path
                    && !explicit_body
                    && !placeholders.iter().any(|p| p == name)
                {
                    section = Section::Body;
                }
                let (schema, problems) = type_schema(&lines[j]);
                unreadable.extend(
                    problems
                        .into_iter()
                        .map(|p| CaptureError::at(Page::number(j), p)),
                );
                fields.push(Field {
                    line: Page::number(i),
                    name: name.to_owned(),
                    required,
                    section,
                    schema,
                });
                i = j + 1;
            }
            (Some((name, _)), None) if !fields.is_empty() => {
                unreadable.push(CaptureError::at(
                    Page::number(i),
                    format!("the page ends after field `{}`: expected its type line (`string`, `object`, …)", excerpt(name)),
                ));
                i += 1;
            }
            _ => {
                if let (Some(field), false) =
                    (fields.last_mut(), line.is_empty() || line == SEPARATOR)
                {
                    let text = line.trim_start_matches(['•', '◦', '▪', '-', '*']).trim();
                    let description = field.schema.entry("description").or_insert(json!(""));
                    let joined = format!("{} {text}", description.as_str().unwrap_or_default());
                    *description = json!(joined.trim());
                }
                i += 1;
            }
        }
    }
    if fields.iter().all(|f| f.section != Section::Body) {
        unreadable.push(CaptureError::at(
            0,
            "no body field found: expected lines `name [REQUIRED|CONDITIONAL]` each followed by a type line",
        ));
    }
    fields
}

/// Formats written in parentheses after the type: `string (email)`.
const FORMATS: &[(&str, &str)] = &[
    ("email", "email"),
    ("url", "uri"),
    ("uri", "uri"),
    ("date", "date"),
    ("date-time", "date-time"),
    ("datetime", "date-time"),
    ("uuid", "uuid"),
];

/// Date patterns written as `format: yyyy-MM-dd`.
const DATE_PATTERNS: &[(&str, &str)] = &[
    ("yyyy-mm-dd", "date"),
    ("yyyy-mm-dd't'hh:mm:ss.sssz", "date-time"),
    ("yyyy-mm-dd't'hh:mm:ssz", "date-time"),
];

/// The schema a type line states, and a message for each clause it could not read.
fn type_schema(line: &str) -> (Map<String, Value>, Vec<String>) {
    let mut schema = Map::new();
    let mut problems = Vec::new();
    let lower = line.to_ascii_lowercase();
    let Some(base) = BASE_TYPES.iter().find(|t| lower.starts_with(*t)) else {
        return (
            schema,
            vec![format!("expected a type line, found `{}`", excerpt(line))],
        );
    };
    schema.insert("type".into(), json!(base));
    let mut rest = line[base.len()..].trim();
    if *base == "array" {
        if let Some(item) = rest.strip_prefix("of ") {
            let (item, after) = item.split_once(',').unwrap_or((item, ""));
            let item = item.trim().trim_end_matches('s').to_ascii_lowercase();
            match BASE_TYPES.iter().find(|t| **t == item) {
                Some(t) => {
                    schema.insert("items".into(), json!({ "type": t }));
                }
                None => problems.push(format!(
                    "unknown item type `{}` in `array of …`",
                    excerpt(&item)
                )),
            }
            rest = after.trim();
        }
    }
    if let Some(values) = strip_prefix_ignore_case(rest, "enum") {
        let values = values.trim_start_matches(',').trim();
        let values = strip_prefix_ignore_case(values, "values:")
            .or_else(|| strip_prefix_ignore_case(values, "value:"))
            .unwrap_or(values);
        let values: Vec<&str> = values
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            problems.push("an enum without values: expected `enum, values: A, B`".to_owned());
        }
        schema.insert("enum".into(), json!(values));
        return (schema, problems);
    }
    if let Some(inside) = rest.strip_prefix('(') {
        let (marker, after) = inside.split_once(')').unwrap_or((inside, ""));
        match FORMATS
            .iter()
            .find(|(m, _)| m.eq_ignore_ascii_case(marker.trim()))
        {
            Some((_, format)) => {
                schema.insert("format".into(), json!(format));
            }
            None => problems.push(format!(
                "unknown format `({})`: expected one of {}",
                excerpt(marker),
                FORMATS
                    .iter()
                    .map(|(m, _)| format!("({m})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
        rest = after.trim();
    }
    for clause in rest.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        if let Err(problem) = apply_clause(clause, &mut schema) {
            problems.push(problem);
        }
    }
    (schema, problems)
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// One `key: value` clause of a type line.
fn apply_clause(clause: &str, schema: &mut Map<String, Value>) -> Result<(), String> {
    let clause = excerpt(clause);
    let unknown = || format!("unknown clause `{clause}` in the type line");
    let (key, value) = clause.split_once(':').ok_or_else(unknown)?;
    let (key, value) = (folded(key), value.trim());
    let count = || {
        value
            .parse::<u64>()
            .map(|n| json!(n))
            .map_err(|_| format!("`{clause}`: expected a whole number"))
    };
    let number = || match value.parse::<i64>() {
        Ok(whole) => Ok(json!(whole)),
        Err(_) => value
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| format!("`{clause}`: expected a number")),
    };
    let declared_type = schema.get("type").and_then(Value::as_str).unwrap_or("");
    let keywords: Vec<(&str, Value)> = match key.as_str() {
        "min length" => vec![("minLength", count()?)],
        "max length" => vec![("maxLength", count()?)],
        "length" => vec![("minLength", count()?), ("maxLength", count()?)],
        "min items" => vec![("minItems", count()?)],
        "max items" => vec![("maxItems", count()?)],
        "min properties" => vec![("minProperties", count()?)],
        "max properties" => vec![("maxProperties", count()?)],
        "min value" | "minimum" => vec![("minimum", number()?)],
        "max value" | "maximum" => vec![("maximum", number()?)],
        "value max length" => vec![(
            "additionalProperties",
            json!({ "type": "string", "maxLength": count()? }),
        )],
        "default value" | "default" => {
            let default = match declared_type {
                "boolean" => match value {
                    "true" => json!(true),
                    "false" => json!(false),
                    _ => return Err(format!("`{clause}`: expected true or false")),
                },
                "number" | "integer" => number()?,
                _ => json!(value),
            };
            vec![("default", default)]
        }
        "format" => {
            let stated = DATE_PATTERNS
                .iter()
                .chain(FORMATS)
                .find(|(written, _)| written.eq_ignore_ascii_case(value))
                .map(|(_, format)| *format)
                .ok_or_else(|| format!("unknown format `{}`: expected a date pattern such as yyyy-MM-dd, or one of email, uri, date, date-time, uuid", excerpt(value)))?;
            if let Some(format) = schema.get("format").and_then(Value::as_str) {
                if format != stated {
                    return Err(format!("`{clause}` contradicts the `({format})` before it"));
                }
            }
            vec![("format", json!(stated))]
        }
        _ => return Err(unknown()),
    };
    for (keyword, value) in keywords {
        schema.insert(keyword.to_owned(), value);
    }
    Ok(())
}

/// Builds objects from the placed fields.
struct Builder<'a> {
    fields: &'a [Field],
    /// Placed fields by parent: `[0]` for the body, `[i + 1]` for field `i`.
    children: &'a [Vec<usize>],
    defs: Map<String, Value>,
    /// Definition name -> the field path it was made for, so that two objects of the same name
    /// in different places never share one definition.
    def_paths: BTreeMap<String, String>,
}

impl Builder<'_> {
    /// The object whose properties are the fields placed under `parent` (`None`: the body).
    fn object(&mut self, parent: Option<usize>, path: &str) -> Map<String, Value> {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let children = self.children[parent.map_or(0, |p| p + 1)].clone();
        for index in children {
            let field = &self.fields[index];
            let field_path = if path.is_empty() {
                field.name.clone()
            } else {
                format!("{path}/{}", field.name)
            };
            let schema = if !self.children[index + 1].is_empty() {
                self.nested(index, &field_path, path)
            } else {
                field.schema.clone()
            };
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
        object
    }

    /// A field with children: its object becomes a definition, referenced from the field (or
    /// from its `items`, for an array).
    fn nested(&mut self, index: usize, field_path: &str, parent_path: &str) -> Map<String, Value> {
        let field = &self.fields[index];
        let is_array = field.schema.get("type") == Some(&json!("array"));
        let base = pascal_case(&if is_array {
            singular(&field.name)
        } else {
            field.name.clone()
        });
        let name = match self.def_paths.get(&base) {
            Some(owner) if owner != field_path => {
                format!("{}{base}", pascal_case(parent_path))
            }
            _ => base,
        };
        self.def_paths.insert(name.clone(), field_path.to_owned());
        let mut def = Map::new();
        def.insert("title".into(), json!(name));
        def.append(&mut self.object(Some(index), field_path));
        self.defs.insert(name.clone(), Value::Object(def));
        let reference = json!({ "$ref": format!("#/$defs/{name}") });
        let mut schema = Map::new();
        if is_array {
            schema.insert("type".into(), json!("array"));
            schema.insert("items".into(), reference);
        } else {
            schema.insert("$ref".into(), reference["$ref"].clone());
        }
        for (key, value) in &field.schema {
            if key != "type" && key != "items" && key != "description" {
                schema.insert(key.clone(), value.clone());
            }
        }
        if let Some(description) = field.schema.get("description") {
            schema.insert("description".into(), description.clone());
        }
        schema
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, expected: Value) {
        let (schema, problems) = type_schema(line);
        assert!(problems.is_empty(), "{line}: {problems:?}");
        assert_eq!(Value::Object(schema), expected, "{line}");
    }

    #[test]
    fn type_lines_providers_write() {
        check(
            "string, min length: 1, max length: 40",
            json!({"type": "string", "minLength": 1, "maxLength": 40}),
        );
        check("string (UUID)", json!({"type": "string", "format": "uuid"}));
        check("string (url)", json!({"type": "string", "format": "uri"}));
        check(
            "string (date), format: yyyy-MM-dd",
            json!({"type": "string", "format": "date"}),
        );
        check(
            "string, format: yyyy-MM-dd",
            json!({"type": "string", "format": "date"}),
        );
        check(
            "string, length: 3",
            json!({"type": "string", "minLength": 3, "maxLength": 3}),
        );
        check(
            "string, length: 3, default value: USD",
            json!({"type": "string", "minLength": 3, "maxLength": 3, "default": "USD"}),
        );
        check(
            "array, max items: 5",
            json!({"type": "array", "maxItems": 5}),
        );
        check(
            "array of strings, min items: 1",
            json!({"type": "array", "items": {"type": "string"}, "minItems": 1}),
        );
        check(
            "number, min value: 0, max value: 99.5",
            json!({"type": "number", "minimum": 0, "maximum": 99.5}),
        );
        check(
            "boolean, default value: false",
            json!({"type": "boolean", "default": false}),
        );
        check(
            "String enum, Values: A, B",
            json!({"type": "string", "enum": ["A", "B"]}),
        );
        check(
            "string enum, value: BUSINESS",
            json!({"type": "string", "enum": ["BUSINESS"]}),
        );
        check(
            "string, max properties: 6, value max length: 1024",
            json!({"type": "string", "maxProperties": 6, "additionalProperties": {"type": "string", "maxLength": 1024}}),
        );
    }

    #[test]
    fn unreadable_clauses_are_named() {
        let (schema, problems) = type_schema("string (ssn), max length: fifty, min length: 2");
        assert_eq!(
            schema.get("minLength"),
            Some(&json!(2)),
            "what could be read is kept"
        );
        assert_eq!(problems.len(), 2);
        assert!(
            problems[0].starts_with("unknown format `(ssn)`"),
            "{problems:?}"
        );
        assert_eq!(problems[1], "`max length: fifty`: expected a whole number");
        let (_, problems) = type_schema("string (date), format: uuid");
        assert_eq!(
            problems,
            ["`format: uuid` contradicts the `(date)` before it"]
        );
        let (_, problems) = type_schema("string, colour: red");
        assert_eq!(problems, ["unknown clause `colour: red` in the type line"]);
    }

    #[test]
    fn field_and_type_lines() {
        assert_eq!(field_line("zipCode  CONDITIONAL"), Some(("zipCode", false)));
        assert_eq!(field_line("zipCode REQUIRED"), Some(("zipCode", true)));
        assert_eq!(field_line("externalId"), Some(("externalId", false)));
        assert_eq!(field_line("Apartment number."), None);
        assert_eq!(field_line("zipCode maybe"), None);
        assert!(is_type_line("string") && is_type_line("string (email), max length: 320"));
        assert!(is_type_line("String enum, values: A") && is_type_line("array of objects"));
        assert!(!is_type_line("string of digits") && !is_type_line("objects are"));
    }
}
