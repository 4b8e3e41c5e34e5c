//! Field heads: a name, a type as Mintlify prints it, and the badges after it.

use serde_json::{json, Map, Value};

/// A field's type as Mintlify prints it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TypeSpec {
    pub(super) schema: Map<String, Value>,
    pub(super) container: bool,
}

pub(super) const BASE_TYPES: &[&str] = &[
    "string", "integer", "number", "boolean", "object", "array", "file", "null", "any",
];

/// `string`, `string<date-time>`, `enum<string>`, `integer<int64>`, `object[]`, `string | null`,
/// `(string | integer)[]`, `Address · object`; `None` when the text is not a type.
pub(super) fn parse_type(text: &str) -> Option<(TypeSpec, Vec<String>)> {
    let text = text.trim();
    let text = text.rsplit_once(" · ").map_or(text, |(_, t)| t).trim();
    let mut notes = Vec::new();
    let (schema, container) = type_union(text, &mut notes, 0)?;
    Some((TypeSpec { schema, container }, notes))
}

/// Alternatives joined by ` | ` (outside parentheses): one `type` list, other keywords merged.
pub(super) fn type_union(
    text: &str,
    notes: &mut Vec<String>,
    depth: usize,
) -> Option<(Map<String, Value>, bool)> {
    if depth > 4 || text.is_empty() {
        return None;
    }
    let mut alternatives = Vec::new();
    let (mut open, mut from) = (0usize, 0);
    for (at, c) in text.char_indices() {
        match c {
            '(' => open += 1,
            ')' => open = open.checked_sub(1)?,
            '|' if open == 0 => {
                alternatives.push(text[from..at].trim());
                from = at + 1;
            }
            _ => {}
        }
    }
    alternatives.push(text[from..].trim());
    let mut types = Vec::new();
    let mut rest = Map::new();
    let mut container = false;
    for alternative in alternatives {
        let (mut schema, is_container) = single_type(alternative, notes, depth)?;
        container |= is_container;
        if let Some(t) = schema.remove("type") {
            types.push(t);
        }
        for (key, value) in schema {
            rest.entry(key).or_insert(value);
        }
    }
    let mut schema = Map::new();
    match types.as_slice() {
        [] => {}
        [single] => {
            schema.insert("type".into(), single.clone());
        }
        _ => {
            schema.insert("type".into(), Value::Array(types));
        }
    }
    schema.extend(rest);
    Some((schema, container))
}

/// One alternative: a base type, `enum<…>`, `string<format>`, or an array of one (`T[]`).
pub(super) fn single_type(
    text: &str,
    notes: &mut Vec<String>,
    depth: usize,
) -> Option<(Map<String, Value>, bool)> {
    if let Some(item) = text.strip_suffix("[]") {
        let item = item
            .strip_prefix('(')
            .and_then(|i| i.strip_suffix(')'))
            .unwrap_or(item);
        let (items, container) = type_union(item, notes, depth + 1)?;
        let mut schema = Map::new();
        schema.insert("type".into(), json!("array"));
        schema.insert("items".into(), Value::Object(items));
        return Some((schema, container));
    }
    let (mut base, mut format) = (text, None);
    if let Some((outer, inner)) = text.split_once('<') {
        let inner = inner.strip_suffix('>')?;
        if !inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return None;
        }
        match outer {
            "enum" => base = inner,
            "string" | "integer" | "number" => {
                base = outer;
                format = Some(inner);
            }
            _ => return None,
        }
    }
    if !BASE_TYPES.contains(&base) {
        return None;
    }
    let mut schema = Map::new();
    match base {
        "any" => {}
        "file" => {
            schema.insert("type".into(), json!("string"));
            notes.push("a `file` is uploaded as multipart data: typed as a string".to_owned());
        }
        _ => {
            schema.insert("type".into(), json!(base));
        }
    }
    if let Some(format) = format {
        if crate::vocabulary::FORMATS.contains(&format) {
            schema.insert("format".into(), json!(format));
        } else {
            notes.push(format!(
                "format `{format}` is not asserted by the generator: left out"
            ));
        }
    }
    Some((schema, base == "object"))
}

/// A parameter or field name as Mintlify prints it: `customer_id`, `X-API-Key`,
/// `business_details.website`, `metadata.{key}`; markdown extractions escape `_`.
pub(super) fn is_field_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 200
        && !text.starts_with(['.', '-'])
        && text.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '{' | '}' | '[' | ']' | '$')
        })
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
}

/// One field's head: the lines (or glued line) with its name, type and badges.
#[derive(Debug, Clone)]
pub(super) struct Head {
    pub(super) line: usize,
    pub(super) name: String,
    pub(super) spec: TypeSpec,
    pub(super) required: bool,
    pub(super) default: Option<String>,
}

pub(super) const BADGES: &[&str] = &[
    "header",
    "query",
    "path",
    "cookie",
    "deprecated",
    "read-only",
    "write-only",
];

/// Reads the badges at the start of `rest` (`required`, `header`, `query`, `path`, `deprecated`,
/// `default:20`) into `head`; returns the text after them. `whole` is true when `rest` is a
/// line of its own, so that a default's value runs to its end; glued in running text, it ends at
/// the first space.
pub(super) fn badges<'t>(mut rest: &'t str, head: &mut Head, whole: bool) -> &'t str {
    loop {
        let trimmed = rest.trim_start();
        if let Some(after) = trimmed.strip_prefix("required") {
            head.required = true;
            rest = after;
        } else if let Some(after) = BADGES.iter().find_map(|b| trimmed.strip_prefix(b)) {
            rest = after;
        } else if let Some(after) = trimmed.strip_prefix("default:") {
            let value = after.trim_start();
            let end = if whole {
                value.len()
            } else {
                value.find(char::is_whitespace).unwrap_or(value.len())
            };
            head.default = Some(value[..end].trim().trim_matches('`').to_owned());
            rest = &value[end..];
        } else {
            return trimmed;
        }
    }
}

/// A type at the start of `text` and the badges after it (`stringheaderrequired`,
/// `enum<string>default:Corporate`, `string | null`): the head of field `name`, notes on its
/// type, and the text after the badges.
pub(super) fn typed_head<'t>(
    text: &'t str,
    name: &str,
    line: usize,
    whole: bool,
) -> Option<(Head, Vec<String>, &'t str)> {
    if text.starts_with(char::is_whitespace) {
        return None;
    }
    let limit = text.len().min(80);
    let end = (1..=limit)
        .rev()
        .filter(|&e| text.is_char_boundary(e) && !text[..e].ends_with(' '))
        .find(|&e| parse_type(&text[..e]).is_some())?;
    let (spec, notes) = parse_type(&text[..end])?;
    let mut head = Head {
        line,
        name: name.to_owned(),
        spec,
        required: false,
        default: None,
    };
    let rest = badges(&text[end..], &mut head, whole);
    Some((head, notes, rest))
}

/// A head glued on one line with no other text, `customer_idstringrequired` or
/// `limitinteger default:1`, for names no sample announces: the earliest split where a type
/// follows a name and only badges follow the type.
pub(super) fn glued_head(line: &str, number: usize) -> Option<(Head, Vec<String>)> {
    // A head is a name and a type: a longer line is running text (and stays linear to read).
    if line.len() > 256 {
        return None;
    }
    let line = line.replace("\\_", "_");
    for (at, _) in line.char_indices().skip(1) {
        let (name, rest) = line.split_at(at);
        if !is_field_name(name) {
            continue;
        }
        if let Some((head, notes, "")) = typed_head(rest, name, number, true) {
            return Some((head, notes));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn types_as_mintlify_prints_them() {
        let typed = |t: &str| parse_type(t).map(|(spec, _)| Value::Object(spec.schema));
        assert_eq!(typed("string"), Some(json!({"type": "string"})));
        assert_eq!(
            typed("string<date-time>"),
            Some(json!({"type": "string", "format": "date-time"}))
        );
        assert_eq!(typed("enum<string>"), Some(json!({"type": "string"})));
        assert_eq!(
            typed("object[]"),
            Some(json!({"type": "array", "items": {"type": "object"}}))
        );
        assert_eq!(typed("Address · object"), Some(json!({"type": "object"})));
        assert_eq!(
            typed("string | null"),
            Some(json!({"type": ["string", "null"]}))
        );
        assert_eq!(
            typed("string[]"),
            Some(json!({"type": "array", "items": {"type": "string"}}))
        );
        assert_eq!(typed("Company Details Section"), None);
        assert_eq!(typed("strings"), None);
        let (_, notes) = parse_type("integer<int64>").unwrap();
        assert_eq!(notes, Vec::<String>::new(), "int64 is asserted");
        let (_, notes) = parse_type("integer<int96>").unwrap();
        assert_eq!(
            notes,
            ["format `int96` is not asserted by the generator: left out"]
        );
    }

    #[test]
    fn glued_heads_split_at_the_type() {
        let (head, _) = glued_head("customer_idstringrequired", 1).unwrap();
        assert_eq!((head.name.as_str(), head.required), ("customer_id", true));
        let (head, _) = glued_head("statusenum<string>required", 1).unwrap();
        assert_eq!(head.name, "status");
        let (head, _) = glued_head("substringstring", 1).unwrap();
        assert_eq!(head.name, "substring");
        let (head, _) = glued_head("limitinteger default:1", 1).unwrap();
        assert_eq!(
            (head.name.as_str(), head.default.as_deref()),
            ("limit", Some("1"))
        );
        assert!(glued_head("Partner Assigned Customer ID", 1).is_none());
        assert!(glued_head("Registration", 1).is_none());
    }
}
