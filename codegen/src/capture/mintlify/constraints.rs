//! Constraint lines and what they mean for a field's schema: bounds (`20 - 64`, `1 <= x <= 1000`),
//! options, defaults and examples.

use super::tokens::Token;
use crate::capture::excerpt;
use serde_json::{json, Map, Value};

/// A constraint line, as read; its keywords depend on the field's type.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Constraint {
    /// `1 - 500` (string or array length), `x >= 1` and the like (a number's range), with the
    /// word that says which when the page prints it.
    Bounds {
        text: String,
        kind: BoundKind,
    },
    Options(Vec<Value>),
    Default(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BoundKind {
    /// `Required string length:` or a bare `a - b` (a string unless the field is an array).
    Length,
    /// `Required array length:` or `… elements`.
    Items,
    /// `Required range:` or a bare `x >= 1`.
    Range,
}

/// Splits a label line into the constraints it starts with and the label text glued after them:
/// `20 - 64Company Details Section`, `0 <= x <= 2x >= 1`.
pub(super) fn bare_constraints(line: &str) -> (Vec<Constraint>, &str) {
    let mut found = Vec::new();
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches([' ', '`']);
        let Some((bound, after)) = leading_bound(trimmed) else {
            return (found, rest);
        };
        found.push(bound);
        rest = after;
        if rest.trim_matches([' ', '`']).is_empty() {
            return (found, "");
        }
    }
}

/// A bound at the start of `text`: `a - b[ elements]`, `a <= x <= b`, `x >= a`, …
pub(super) fn leading_bound(text: &str) -> Option<(Constraint, &str)> {
    let number_end = |s: &str| {
        s.char_indices()
            .find(|(i, c)| !(c.is_ascii_digit() || (*c == '.' && *i > 0) || (*c == '-' && *i == 0)))
            .map_or(s.len(), |(i, _)| i)
    };
    let range_at_start = |s: &str| -> Option<usize> {
        // `x OP n` or `n OP x OP n`, with OP one of <=, >=, <, >.
        let mut rest = s;
        let mut consumed = 0;
        let mut saw_x = false;
        let mut parts = 0;
        loop {
            let t = rest.trim_start();
            consumed += rest.len() - t.len();
            rest = t;
            if let Some(after) = rest.strip_prefix('x').filter(|_| !saw_x) {
                saw_x = true;
                consumed += 1;
                rest = after;
            } else {
                let n = number_end(rest);
                if n == 0 || (n == 1 && rest.starts_with('-')) {
                    break;
                }
                consumed += n;
                rest = &rest[n..];
            }
            parts += 1;
            let t = rest.trim_start();
            let op = ["<=", ">=", "<", ">"].iter().find(|op| t.starts_with(**op));
            match op {
                Some(op) if parts < 3 => {
                    consumed += rest.len() - t.len() + op.len();
                    rest = &t[op.len()..];
                }
                _ => break,
            }
        }
        (saw_x && parts >= 2).then_some(consumed)
    };
    if let Some(end) = range_at_start(text) {
        return Some((
            Constraint::Bounds {
                text: text[..end].trim().to_owned(),
                kind: BoundKind::Range,
            },
            &text[end..],
        ));
    }
    let first = number_end(text);
    if first == 0 || text.starts_with('-') {
        return None;
    }
    let after_first = text[first..].trim_start_matches('`');
    let dash = after_first.strip_prefix(" - ")?;
    let second = number_end(dash);
    if second == 0 || dash.starts_with('-') {
        return None;
    }
    let bound_text = format!("{} - {}", &text[..first], &dash[..second]);
    let rest = dash[second..].trim_start_matches('`');
    let (kind, rest) = match rest.trim_start().strip_prefix("elements") {
        Some(after) => (BoundKind::Items, after),
        None => (BoundKind::Length, rest),
    };
    Some((
        Constraint::Bounds {
            text: bound_text,
            kind,
        },
        rest,
    ))
}

/// A labelled constraint line: `Required string length: 1 - 500`, `Available options: a, b`.
pub(super) fn labelled_constraint(line: &str) -> Option<Constraint> {
    let unticked = line.replace('`', "");
    let (label, value) = unticked.split_once(':')?;
    let value = value.trim();
    let bounds = |kind| Constraint::Bounds {
        text: value.trim_end_matches("elements").trim().to_owned(),
        kind,
    };
    Some(match label.trim().to_ascii_lowercase().as_str() {
        "required string length" => bounds(BoundKind::Length),
        "minimum string length" | "minimum length" => Constraint::Bounds {
            text: format!("x >= {value}"),
            kind: BoundKind::Length,
        },
        "maximum string length" | "maximum length" => Constraint::Bounds {
            text: format!("x <= {value}"),
            kind: BoundKind::Length,
        },
        "required array length" => bounds(BoundKind::Items),
        "minimum array length" => Constraint::Bounds {
            text: format!("x >= {}", value.trim_end_matches("elements").trim()),
            kind: BoundKind::Items,
        },
        "maximum array length" => Constraint::Bounds {
            text: format!("x <= {}", value.trim_end_matches("elements").trim()),
            kind: BoundKind::Items,
        },
        "required range" => bounds(BoundKind::Range),
        "available options" | "allowed value" | "allowed values" => {
            Constraint::Options(option_values(value))
        }
        "default" => Constraint::Default(value.to_owned()),
        _ => return None,
    })
}

/// `a, b, c` (each maybe quoted): the values as JSON, strings unless quoted JSON says otherwise.
pub(super) fn option_values(text: &str) -> Vec<Value> {
    text.split(',')
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .map(|v| match serde_json::from_str::<Value>(v) {
            Ok(Value::String(s)) => json!(s),
            _ => json!(v.trim_matches('"')),
        })
        .collect()
}

pub(super) fn example_value(text: &str) -> Value {
    let text = text.trim().trim_matches('`');
    serde_json::from_str(text).unwrap_or_else(|_| json!(text))
}

/// The keywords of a bound on a field of schema `schema`.
pub(super) fn apply_bound(
    text: &str,
    kind: BoundKind,
    schema: &mut Map<String, Value>,
) -> Result<(), String> {
    let is_array = schema.get("type") == Some(&json!("array"));
    let (min_key, max_key) = match kind {
        BoundKind::Items => ("minItems", "maxItems"),
        BoundKind::Length if is_array => ("minItems", "maxItems"),
        BoundKind::Length => ("minLength", "maxLength"),
        BoundKind::Range => ("minimum", "maximum"),
    };
    let number = |s: &str| -> Result<Value, String> {
        let s = s.trim();
        match s.parse::<i64>() {
            Ok(n) if kind != BoundKind::Range && n < 0 => {
                Err(format!("`{}`: a length cannot be negative", excerpt(text)))
            }
            Ok(n) => Ok(json!(n)),
            Err(_) if kind == BoundKind::Range => s
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or_else(|| format!("`{}`: expected a number", excerpt(text))),
            Err(_) => Err(format!("`{}`: expected a whole number", excerpt(text))),
        }
    };
    if let Some((low, high)) = text.split_once(" - ") {
        schema.insert(min_key.into(), number(low)?);
        schema.insert(max_key.into(), number(high)?);
        return Ok(());
    }
    // `a <= x <= b`, `x >= a`, `x < b`: each side of `x`.
    let (left, right) = text
        .split_once('x')
        .ok_or_else(|| format!("`{}`: expected `a - b` or a range in `x`", excerpt(text)))?;
    let mut set = |op: &str, value: &str, x_on_left: bool| -> Result<(), String> {
        let value = number(value)?;
        let (lower, inclusive) = match (op, x_on_left) {
            (">=", true) | ("<=", false) => (true, true),
            (">", true) | ("<", false) => (true, false),
            ("<=", true) | (">=", false) => (false, true),
            ("<", true) | (">", false) => (false, false),
            _ => return Err(format!("`{}`: expected <=, >=, < or >", excerpt(text))),
        };
        let key = match (lower, inclusive, kind) {
            (true, true, _) => min_key,
            (false, true, _) => max_key,
            (true, false, BoundKind::Range) => "exclusiveMinimum",
            (false, false, BoundKind::Range) => "exclusiveMaximum",
            _ => return Err(format!("`{}`: a length bound is inclusive", excerpt(text))),
        };
        schema.insert(key.into(), value);
        Ok(())
    };
    let split_op = |s: &str, from_end: bool| -> Option<(String, String)> {
        let s = s.trim();
        for op in ["<=", ">=", "<", ">"] {
            let found = if from_end {
                s.strip_suffix(op).map(|v| (op, v))
            } else {
                s.strip_prefix(op).map(|v| (op, v))
            };
            if let Some((op, value)) = found {
                return Some((op.to_owned(), value.trim().to_owned()));
            }
        }
        None
    };
    if !left.trim().is_empty() {
        let (op, value) = split_op(left, true)
            .ok_or_else(|| format!("`{}`: expected an operator before x", excerpt(text)))?;
        set(&op, &value, false)?;
    }
    if !right.trim().is_empty() {
        let (op, value) = split_op(right, false)
            .ok_or_else(|| format!("`{}`: expected an operator after x", excerpt(text)))?;
        set(&op, &value, true)?;
    }
    Ok(())
}

pub(super) fn schema_is_array(schema: &Map<String, Value>) -> bool {
    schema.get("type") == Some(&json!("array"))
}

/// Applies a field's constraint, example or default to its schema.
pub(super) fn apply(token: &Token, schema: &mut Map<String, Value>) -> Result<(), String> {
    match token {
        Token::Constraint(Constraint::Bounds { text, kind }) => apply_bound(text, *kind, schema),
        Token::Constraint(Constraint::Options(values)) => {
            if values.is_empty() {
                return Err("`Available options:` without values".to_owned());
            }
            // An array's options are its items'.
            let is_array = schema_is_array(schema);
            let target = match schema.get_mut("items") {
                Some(Value::Object(items)) if is_array => items,
                _ => schema,
            };
            // `enum<string> | null`: the page allows `null` too, so the enum lists it.
            let nullable = target
                .get("type")
                .and_then(Value::as_array)
                .is_some_and(|types| types.contains(&json!("null")));
            let mut values = values.clone();
            if nullable && !values.contains(&Value::Null) {
                values.push(Value::Null);
            }
            target.insert("enum".into(), Value::Array(values));
            Ok(())
        }
        Token::Constraint(Constraint::Default(text)) => {
            schema.insert("default".into(), typed_default(text, schema));
            Ok(())
        }
        Token::Example(value) => {
            let examples = schema.entry("examples").or_insert(json!([]));
            if let Value::Array(list) = examples {
                if !list.contains(value) {
                    list.push(value.clone());
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

pub(super) fn typed_default(text: &str, schema: &Map<String, Value>) -> Value {
    let text = text.trim().trim_matches('`');
    match schema.get("type").and_then(Value::as_str) {
        Some("string") => json!(text.trim_matches('"')),
        _ => serde_json::from_str(text).unwrap_or_else(|_| json!(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bounds_in_every_form() {
        let bound = |text: &str, kind, ty: &str| {
            let mut schema = Map::new();
            schema.insert("type".into(), json!(ty));
            apply_bound(text, kind, &mut schema).map(|()| Value::Object(schema))
        };
        assert_eq!(
            bound("20 - 64", BoundKind::Length, "string"),
            Ok(json!({"type": "string", "minLength": 20, "maxLength": 64}))
        );
        assert_eq!(
            bound("1 <= x <= 1000", BoundKind::Range, "integer"),
            Ok(json!({"type": "integer", "minimum": 1, "maximum": 1000}))
        );
        assert_eq!(
            bound("x >= 1", BoundKind::Range, "number"),
            Ok(json!({"type": "number", "minimum": 1}))
        );
        assert_eq!(
            bound("0 < x < 2.5", BoundKind::Range, "number"),
            Ok(json!({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 2.5}))
        );
        assert_eq!(
            bound("1 - 10", BoundKind::Items, "array"),
            Ok(json!({"type": "array", "minItems": 1, "maxItems": 10}))
        );
        assert!(bound("a - b", BoundKind::Length, "string").is_err());
        assert!(bound("x ~ 1", BoundKind::Range, "number").is_err());
        let (found, rest) = bare_constraints("20 - 64Company Details Section");
        assert_eq!(
            found,
            [Constraint::Bounds {
                text: "20 - 64".into(),
                kind: BoundKind::Length
            }]
        );
        assert_eq!(rest, "Company Details Section");
        let (found, rest) = bare_constraints("`0 <= x <= 2``x >= 1`");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(rest, "");
        let (found, _) = bare_constraints("`1 - 10` elements");
        assert_eq!(
            found,
            [Constraint::Bounds {
                text: "1 - 10".into(),
                kind: BoundKind::Items
            }]
        );
        assert_eq!(bare_constraints("Operation Successful").0, []);
        assert_eq!(
            bare_constraints("2023 - the year").0.len(),
            0,
            "a bound needs two numbers"
        );
    }

    #[test]
    fn labelled_constraints() {
        assert_eq!(
            labelled_constraint("Available options: `INIT`, `ACTIVE`"),
            Some(Constraint::Options(vec![json!("INIT"), json!("ACTIVE")]))
        );
        assert_eq!(
            labelled_constraint("Required string length: `1 - 500`"),
            Some(Constraint::Bounds {
                text: "1 - 500".into(),
                kind: BoundKind::Length
            })
        );
        assert_eq!(labelled_constraint("Note: this is prose"), None);
    }
}
