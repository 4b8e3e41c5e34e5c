//! What a field states: the schema its type, qualifier and other lines give.

use super::qualifiers::{groups, literal, number, Group};
use super::reader::Field;
use crate::capture::{excerpt, CaptureError};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------------
// What a field states

/// Formats the generator enforces; the plugin prints any other (`int64`, `float`, `hostname`)
/// too, and those are kept as the annotation `x-format`.
const FORMATS: &[&str] = &["email", "date", "date-time", "uri", "uuid"];

/// The type a qualifier implies when the page prints none: values, lengths and patterns are
/// strings' (the plugin prints `Possible values: [..]` for string enums), bounds numbers'.
fn evidence(groups: &[Group]) -> Option<&'static str> {
    let stringy = groups.iter().any(|g| {
        matches!(
            g,
            Group::Values(_) | Group::MinLength(_) | Group::MaxLength(_) | Group::Pattern(_)
        )
    });
    let numeric = groups
        .iter()
        .any(|g| matches!(g, Group::Lower(..) | Group::Upper(..)));
    match (stringy, numeric) {
        (true, false) => Some("string"),
        (false, true) => Some("number"),
        _ => None,
    }
}

/// The schema a field's type and qualifier state: no description, badges or samples.
pub(super) fn value_schema(f: &Field) -> (Map<String, Value>, Vec<CaptureError>, Vec<String>) {
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let (qualifier_line, parsed) = match &f.qualifier {
        Some((line, text)) => match groups(text) {
            Ok(found) => (*line, found),
            Err(problem) => {
                problems.push(CaptureError::at(*line, problem));
                (*line, Vec::new())
            }
        },
        None => (f.line, Vec::new()),
    };
    let (base, format, mut depth) = match &f.ty {
        Some(ty) => (ty.base, ty.format.clone(), ty.depth),
        None => (evidence(&parsed), None, 0),
    };
    // A bare `array` is an array of unknown items.
    let bare_array = base == Some("array");
    if bare_array {
        depth += 1;
    }
    let item_base = if bare_array { None } else { base };
    // An array's qualifier is its items' unless it has `minItems`/`maxItems`: then only the
    // items' values and those bounds show.
    let items_level = parsed.iter().any(|g| {
        matches!(
            g,
            Group::MinLength(_)
                | Group::MaxLength(_)
                | Group::Pattern(_)
                | Group::Lower(_, true)
                | Group::Upper(_, true)
        )
    });
    let (array_groups, item_groups): (Vec<Group>, Vec<Group>) = if depth == 0 || items_level {
        (Vec::new(), parsed)
    } else {
        parsed
            .into_iter()
            .partition(|g| matches!(g, Group::Lower(..) | Group::Upper(..)))
    };
    if !array_groups.is_empty() && matches!(item_base, Some("integer" | "number")) {
        notes.push(format!(
            "line {qualifier_line}: a bound of `{}` may be its `minItems`/`maxItems` or its items' `minimum`/`maximum`: read as `minItems`/`maxItems`, check it",
            f.name.as_deref().unwrap_or("an unnamed array")
        ));
    }
    let mut schema = scalar(
        item_base,
        format.as_deref(),
        &item_groups,
        qualifier_line,
        &mut problems,
    );
    for level in 0..depth {
        let mut array = Map::new();
        array.insert("type".into(), json!("array"));
        if !schema.is_empty() {
            array.insert("items".into(), Value::Object(schema));
        }
        if level + 1 == depth {
            for group in &array_groups {
                match group {
                    Group::Lower(n, _) => array.insert("minItems".into(), Value::Number(n.clone())),
                    Group::Upper(n, _) => array.insert("maxItems".into(), Value::Number(n.clone())),
                    _ => None,
                };
            }
        }
        schema = array;
    }
    (schema, problems, notes)
}

/// One value's type, format and qualifier keywords, in a fixed order.
fn scalar(
    base: Option<&str>,
    format: Option<&str>,
    groups: &[Group],
    line: usize,
    problems: &mut Vec<CaptureError>,
) -> Map<String, Value> {
    let mut found: BTreeMap<&str, Value> = BTreeMap::new();
    for group in groups {
        let (keyword, value) = match group {
            Group::Values(values) => match typed_values(values, base) {
                Ok(values) => ("enum", Value::Array(values)),
                Err(problem) => {
                    problems.push(CaptureError::at(line, problem));
                    continue;
                }
            },
            Group::MinLength(n) => ("minLength", json!(n)),
            Group::MaxLength(n) => ("maxLength", json!(n)),
            Group::Lower(n, false) => ("minimum", Value::Number(n.clone())),
            Group::Lower(n, true) => ("exclusiveMinimum", Value::Number(n.clone())),
            Group::Upper(n, false) => ("maximum", Value::Number(n.clone())),
            Group::Upper(n, true) => ("exclusiveMaximum", Value::Number(n.clone())),
            Group::Pattern(p) => ("pattern", json!(p)),
        };
        found.insert(keyword, value);
    }
    if base == Some("object") && !found.is_empty() {
        problems.push(CaptureError::at(
            line,
            "a qualifier on an object: expected one on a string, number or array",
        ));
    }
    let mut schema = Map::new();
    if let Some(base) = base {
        schema.insert("type".into(), json!(base));
    }
    match format {
        Some(format) if FORMATS.contains(&format) => {
            schema.insert("format".into(), json!(format));
        }
        Some(format) => {
            schema.insert("x-format".into(), json!(format));
        }
        None => {}
    }
    for keyword in [
        "enum",
        "minLength",
        "maxLength",
        "minimum",
        "exclusiveMinimum",
        "maximum",
        "exclusiveMaximum",
        "pattern",
    ] {
        if let Some(value) = found.remove(keyword) {
            schema.insert(keyword.into(), value);
        }
    }
    schema
}

/// Enum values as the field's type reads them: numbers for numbers, strings otherwise.
fn typed_values(values: &[String], base: Option<&str>) -> Result<Vec<Value>, String> {
    values
        .iter()
        .map(|v| match base {
            Some("integer" | "number") => number(v).map(Value::Number).ok_or_else(|| {
                format!(
                    "`{}` in the values of a number: expected a number",
                    excerpt(v)
                )
            }),
            Some("boolean") => literal(v, base),
            _ => Ok(json!(v)),
        })
        .collect()
}

/// The scalar type a field's values are read as, through its arrays.
fn item_base(f: &Field) -> Option<&'static str> {
    f.ty.as_ref().and_then(|t| t.base).filter(|b| *b != "array")
}

/// The full property schema of a leaf: its value schema, then what the page says of the field.
pub(super) fn leaf_schema(
    f: &Field,
    value: &Map<String, Value>,
    hoisted: &BTreeMap<String, String>,
    problems: &mut Vec<CaptureError>,
) -> Map<String, Value> {
    let mut schema = match hoist_key(value).and_then(|key| hoisted.get(&key)) {
        Some(name) => {
            let mut schema = Map::new();
            schema.insert("$ref".into(), json!(format!("#/$defs/{name}")));
            schema.extend(
                value
                    .iter()
                    .filter(|(k, _)| *k != "type" && *k != "enum")
                    .map(|(k, v)| (k.clone(), v.clone())),
            );
            schema
        }
        None => value.clone(),
    };
    describe(f, &mut schema, problems);
    schema
}

/// What the page says of a field beyond its value: badges, default, constant, description,
/// example.
pub(super) fn describe(
    f: &Field,
    schema: &mut Map<String, Value>,
    problems: &mut Vec<CaptureError>,
) {
    let base = item_base(f).or_else(|| {
        schema.get("type").and_then(Value::as_str).map(|t| match t {
            "integer" => "integer",
            "number" => "number",
            "boolean" => "boolean",
            _ => "string",
        })
    });
    let base = if f.ty.as_ref().is_some_and(|t| t.depth > 0) {
        Some("array")
    } else {
        base
    };
    let mut read =
        |part: &Option<(usize, String)>, keyword: &str, schema: &mut Map<String, Value>| {
            if let Some((line, text)) = part {
                match literal(text, base) {
                    Ok(value) => {
                        schema.insert(keyword.into(), value);
                    }
                    Err(problem) => problems.push(CaptureError::at(*line, problem)),
                }
            }
        };
    if f.badges.nullable {
        schema.insert("nullable".into(), json!(true));
    }
    read(&f.constant, "const", schema);
    read(&f.default, "default", schema);
    if f.badges.deprecated {
        schema.insert("deprecated".into(), json!(true));
    }
    if let Some(description) = &f.description {
        schema.insert("description".into(), json!(description));
    }
    if let Some((line, text)) = &f.example {
        match literal(text, base) {
            Ok(value) => {
                schema.insert("examples".into(), json!([value]));
            }
            Err(problem) => problems.push(CaptureError::at(*line, problem)),
        }
    }
}

/// Long lists of values repeated word for word (the seed's four country lists) become one
/// definition; shorter or differing lists stay where they are, so drift in one stays visible.
const HOIST_MIN_VALUES: usize = 8;

pub(super) fn hoist_key(value: &Map<String, Value>) -> Option<String> {
    let values = value.get("enum")?.as_array()?;
    let plain =
        value.keys().all(|k| k == "type" || k == "enum") && values.len() >= HOIST_MIN_VALUES;
    plain.then(|| Value::Object(value.clone()).to_string())
}

/// The page's facts about a field, to compare with a checked-in property: its rules, without
/// what only describes it.
pub(super) fn stated(schema: &Map<String, Value>) -> Map<String, Value> {
    schema
        .iter()
        .filter_map(|(k, v)| match k.as_str() {
            "type" | "description" | "examples" | "nullable" | "deprecated" | "x-format" => None,
            "items" => {
                let items = stated(v.as_object()?);
                (!items.is_empty()).then(|| (k.clone(), Value::Object(items)))
            }
            _ => Some((k.clone(), v.clone())),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::lines::type_line;
    use super::*;

    /// The schema one field's lines give, with the problems found.
    fn field(ty: &str, qualifier: &str) -> (Value, Vec<String>) {
        let f = Field {
            ty: type_line(ty).map(|(t, _)| t),
            qualifier: (!qualifier.is_empty()).then(|| (1, qualifier.to_owned())),
            ..Field::default()
        };
        let (schema, problems, _) = value_schema(&f);
        let problems = problems.into_iter().map(|p| p.message).collect();
        (Value::Object(schema), problems)
    }

    fn reads(ty: &str, qualifier: &str, expected: Value) {
        assert_eq!(
            field(ty, qualifier),
            (expected, vec![]),
            "{ty} / {qualifier}"
        );
    }

    fn refuses(ty: &str, qualifier: &str, problem: &str) {
        let (_, problems) = field(ty, qualifier);
        assert!(
            problems.len() == 1 && problems[0].starts_with(problem),
            "{ty} / {qualifier}: {problems:?}"
        );
    }

    #[test]
    fn values() {
        reads(
            "",
            "[M, F, O]",
            json!({"type": "string", "enum": ["M", "F", "O"]}),
        );
        reads(
            "integer",
            "[1, 2]",
            json!({"type": "integer", "enum": [1, 2]}),
        );
        reads(
            "string[]",
            "[VIP, EMPLOYEE]",
            json!({"type": "array", "items": {"type": "string", "enum": ["VIP", "EMPLOYEE"]}}),
        );
        refuses(
            "",
            "[M, F",
            "`[M, F`: the list of values has no closing `]`",
        );
        refuses("integer", "[1, two]", "`two` in the values of a number");
    }

    #[test]
    fn lengths() {
        reads("", "non-empty", json!({"type": "string", "minLength": 1}));
        reads(
            "string",
            ">= 2 characters",
            json!({"type": "string", "minLength": 2}),
        );
        reads(
            "",
            "<= 4 characters",
            json!({"type": "string", "maxLength": 4}),
        );
        reads(
            "string",
            ">= 2 characters and <= 4 characters",
            json!({"type": "string", "minLength": 2, "maxLength": 4}),
        );
        reads(
            "string",
            "non-empty and <= 254 characters",
            json!({"type": "string", "minLength": 1, "maxLength": 254}),
        );
        refuses("string", "non empty", "unknown qualifier `non empty`");
        refuses(
            "string",
            ">= two characters",
            "unknown qualifier `>= two characters`",
        );
        refuses(
            "string",
            "> 2 characters",
            "unknown qualifier `> 2 characters`",
        );
        refuses(
            "string",
            ">= 2 characters or <= 4 characters",
            "unknown qualifier",
        );
    }

    #[test]
    fn bounds() {
        reads("integer", ">= 1", json!({"type": "integer", "minimum": 1}));
        reads(
            "number",
            "> 0.5",
            json!({"type": "number", "exclusiveMinimum": 0.5}),
        );
        reads("", "< 5", json!({"type": "number", "exclusiveMaximum": 5}));
        reads(
            "integer",
            ">= -2 and <= 2",
            json!({"type": "integer", "minimum": -2, "maximum": 2}),
        );
        refuses("integer", ">= one", "unknown qualifier `>= one`");
        refuses("integer", "< five", "unknown qualifier `< five`");
    }

    #[test]
    fn array_bounds_are_items_counts() {
        reads(
            "object[]",
            ">= 1",
            json!({"type": "array", "items": {"type": "object"}, "minItems": 1}),
        );
        reads(
            "string[]",
            "[a, b], >= 1, <= 3",
            json!({"type": "array", "items": {"type": "string", "enum": ["a", "b"]}, "minItems": 1, "maxItems": 3}),
        );
        // Without `minItems` the plugin prints the items' own qualifier.
        reads(
            "string[]",
            "<= 8 characters",
            json!({"type": "array", "items": {"type": "string", "maxLength": 8}}),
        );
        let f = Field {
            name: Some("counts".into()),
            ty: type_line("integer[]").map(|(t, _)| t),
            qualifier: Some((7, ">= 1".into())),
            ..Field::default()
        };
        let (_, _, notes) = value_schema(&f);
        assert_eq!(notes, ["line 7: a bound of `counts` may be its `minItems`/`maxItems` or its items' `minimum`/`maximum`: read as `minItems`/`maxItems`, check it"]);
    }

    #[test]
    fn patterns() {
        reads(
            "string",
            "Value must match regular expression ^[a-z]{2}, [0-9]$",
            json!({"type": "string", "pattern": "^[a-z]{2}, [0-9]$"}),
        );
        reads(
            "string",
            "<= 5 characters, Value must match regular expression ^\\d+$, [1, 22]",
            json!({"type": "string", "enum": ["1", "22"], "maxLength": 5, "pattern": "^\\d+$"}),
        );
        refuses(
            "string",
            "Value must match",
            "unknown qualifier `Value must match`",
        );
    }

    #[test]
    fn defaults_constants_and_examples() {
        let read = |ty: &str, default: &str| {
            let f = Field {
                ty: type_line(ty).map(|(t, _)| t),
                default: Some((3, default.into())),
                ..Field::default()
            };
            let mut schema = value_schema(&f).0;
            let mut problems = Vec::new();
            describe(&f, &mut schema, &mut problems);
            (
                schema.get("default").cloned(),
                problems
                    .into_iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(read("integer", "20"), (Some(json!(20)), vec![]));
        assert_eq!(
            read("string", "0"),
            (Some(json!("0")), vec![]),
            "strings print as written"
        );
        assert_eq!(read("boolean", "false"), (Some(json!(false)), vec![]));
        assert_eq!(read("", "O"), (Some(json!("O")), vec![]));
        assert_eq!(
            read("integer", "one"),
            (None, vec!["line 3: `one`: expected a number".to_owned()])
        );
        assert_eq!(
            literal("{", Some("object")),
            Err("`{`: expected JSON".to_owned())
        );
        assert_eq!(literal("list", Some("string")), Ok(json!("list")));
    }
}
