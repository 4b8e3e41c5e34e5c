//! OpenAPI schema objects to the declared vocabulary (2020-12 plus this project's annotations).
//!
//! | OpenAPI | becomes |
//! |---|---|
//! | `$ref: #/components/schemas/X` | `$ref: #/$defs/X` (and `X` is imported); any other `$ref` is refused |
//! | 3.0 `nullable: true` | kept: the vocabulary's `nullable` has 3.0's meaning |
//! | `example` | `examples: [example]` |
//! | 3.0 `exclusiveMinimum: true` beside `minimum` | `exclusiveMinimum: <minimum>` (same for maximum) |
//! | `discriminator` | `x-discriminator`, an annotation (noted: the generator finds a tag by the branches' constants) |
//! | `readOnly`, `writeOnly`, `deprecated`, `x-…` | kept (annotations); a required `readOnly` property of a schema the request uses is noted |
//! | a `format` the generator does not assert | kept, and declared once at the root in `x-annotation-formats` (noted) |
//! | `xml`, `externalDocs`, anything else outside the vocabulary | dropped (noted) |

use crate::vocabulary::{keyword_role, FORMATS};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// The root keyword that declares the formats a schema carries as annotations.
pub(super) const ANNOTATION_FORMATS: &str = "x-annotation-formats";

/// Deepest nesting of subschemas imported.
const MAX_DEPTH: usize = 128;

/// The OpenAPI version of the document, which decides what a few keywords mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    /// 3.0: `nullable`, boolean `exclusiveMinimum`, `$ref` siblings ignored.
    V30,
    /// 3.1: schemas are 2020-12.
    V31,
}

impl Dialect {
    pub fn of(spec: &Value) -> Result<Dialect, String> {
        if spec.get("swagger").is_some() {
            return Err(
                "a Swagger 2.0 document: import reads OpenAPI 3.0 and 3.1; convert it first"
                    .to_owned(),
            );
        }
        match spec.get("openapi").and_then(Value::as_str) {
            Some(version) if version.starts_with("3.0") => Ok(Dialect::V30),
            Some(version) if version.starts_with("3.1") => Ok(Dialect::V31),
            Some(version) => Err(format!(
                "/openapi: version `{version}`: import reads OpenAPI 3.0 and 3.1"
            )),
            None => Err("not an OpenAPI document: no `openapi` version at the root".to_owned()),
        }
    }
}

/// Converts schemas and remembers what they need: the components their `$ref`s name and the
/// formats to declare.
pub(super) struct Converter {
    dialect: Dialect,
    referenced: BTreeSet<String>,
    formats: BTreeSet<String>,
}

impl Converter {
    pub fn new(_spec: &Value, dialect: Dialect) -> Converter {
        Converter {
            dialect,
            referenced: BTreeSet::new(),
            formats: BTreeSet::new(),
        }
    }

    /// The components converted `$ref`s name.
    pub fn referenced(&self) -> &BTreeSet<String> {
        &self.referenced
    }

    /// The formats to declare in `x-annotation-formats`, sorted.
    pub fn annotation_formats(&self) -> Vec<String> {
        self.formats.iter().cloned().collect()
    }

    /// `X` of a body's `$ref: #/components/schemas/X`.
    pub fn component_name(&self, reference: &str, at: &str) -> Result<String, String> {
        match reference.strip_prefix("#/components/schemas/") {
            Some(name) if !name.is_empty() && !name.contains('/') => {
                Ok(name.replace("~1", "/").replace("~0", "~"))
            }
            _ => Err(refused_reference(at, reference)),
        }
    }

    /// The schema in the declared vocabulary.
    pub fn convert(
        &mut self,
        schema: &Value,
        at: &str,
        notes: &mut Vec<String>,
    ) -> Result<Value, String> {
        self.convert_at(schema, at, 0, notes)
    }

    fn convert_at(
        &mut self,
        schema: &Value,
        at: &str,
        depth: usize,
        notes: &mut Vec<String>,
    ) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err(format!("{at}: schemas nest deeper than {MAX_DEPTH} levels"));
        }
        let map = match schema {
            Value::Bool(_) if self.dialect == Dialect::V31 => return Ok(schema.clone()),
            Value::Object(map) => map,
            _ => return Err(format!("{at}: not a schema object")),
        };
        let mut out = Map::new();
        let is_reference = map.contains_key("$ref");
        for (keyword, value) in map {
            let here = format!("{at}/{}", super::escape(keyword));
            let mut sub = |converter: &mut Converter, value: &Value, at: &str| {
                converter.convert_at(value, at, depth + 1, notes)
            };
            let converted = match keyword.as_str() {
                "$ref" => {
                    let reference = value.as_str().unwrap_or_default();
                    json!(self.reference(reference, &here)?)
                }
                // 3.0 ignores a `$ref`'s siblings; a description is still worth keeping.
                _ if is_reference
                    && self.dialect == Dialect::V30
                    && !matches!(keyword.as_str(), "description" | "summary") =>
                {
                    push(
                        notes,
                        format!("`{here}`: OpenAPI 3.0 ignores a `$ref`'s siblings: dropped"),
                    );
                    continue;
                }
                "properties" | "patternProperties" | "dependentSchemas" | "$defs" => {
                    let Value::Object(children) = value else {
                        return Err(format!("{here}: must be an object of schemas"));
                    };
                    let mut converted = Map::new();
                    for (name, child) in children {
                        let child_at = format!("{here}/{}", super::escape(name));
                        converted.insert(name.clone(), sub(self, child, &child_at)?);
                    }
                    Value::Object(converted)
                }
                "items"
                | "additionalProperties"
                | "not"
                | "if"
                | "then"
                | "else"
                | "contains"
                | "propertyNames"
                | "unevaluatedItems"
                | "unevaluatedProperties"
                | "contentSchema" => match value {
                    Value::Bool(_) => value.clone(),
                    _ => sub(self, value, &here)?,
                },
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                    let Value::Array(branches) = value else {
                        return Err(format!("{here}: must be an array of schemas"));
                    };
                    let mut converted = Vec::with_capacity(branches.len());
                    for (index, branch) in branches.iter().enumerate() {
                        converted.push(sub(self, branch, &format!("{here}/{index}"))?);
                    }
                    Value::Array(converted)
                }
                "example" => {
                    if !map.contains_key("examples") {
                        out.insert("examples".into(), json!([value]));
                    }
                    continue;
                }
                "nullable" => match value {
                    Value::Bool(true) => value.clone(),
                    _ => continue,
                },
                "exclusiveMinimum" | "exclusiveMaximum" if value.is_boolean() => {
                    let bound = if keyword == "exclusiveMinimum" {
                        "minimum"
                    } else {
                        "maximum"
                    };
                    match (value, map.get(bound)) {
                        (Value::Bool(true), Some(limit)) => {
                            out.insert(keyword.clone(), limit.clone());
                        }
                        (Value::Bool(true), None) => push(
                            notes,
                            format!("`{here}` is true without `{bound}`: it says nothing; dropped"),
                        ),
                        _ => {}
                    }
                    continue;
                }
                "minimum" | "maximum"
                    if map.get(&format!("exclusive{}", capitalised(keyword)))
                        == Some(&Value::Bool(true)) =>
                {
                    continue;
                }
                "discriminator" => {
                    push(notes, format!("`{here}` is kept as `x-discriminator`, an annotation: a `oneOf` reports only the selected branch when its branches require one property with distinct `const` values"));
                    out.insert("x-discriminator".into(), value.clone());
                    continue;
                }
                "format" => {
                    let format = value.as_str().unwrap_or_default();
                    if !FORMATS.contains(&format) && self.formats.insert(format.to_owned()) {
                        push(notes, format!("format `{format}` (first at `{here}`) is not one the generator asserts: declared in `{ANNOTATION_FORMATS}`, an annotation"));
                    }
                    value.clone()
                }
                "type" if value == "file" => {
                    return Err(format!("{here}: `type: file` is Swagger 2.0; describe the body as a string with `format: binary`"));
                }
                _ if keyword_role(keyword).is_some() => value.clone(),
                _ => {
                    push(
                        notes,
                        format!("`{here}`: `{keyword}` is not in the vocabulary: dropped"),
                    );
                    continue;
                }
            };
            out.insert(keyword.clone(), converted);
        }
        note_misplaced_bounds(&out, at, notes);
        Ok(Value::Object(out))
    }

    /// `#/components/schemas/X…` as `#/$defs/X…`, remembering `X`.
    fn reference(&mut self, reference: &str, at: &str) -> Result<String, String> {
        let Some(rest) = reference.strip_prefix("#/components/schemas/") else {
            return Err(refused_reference(at, reference));
        };
        let name = rest.split('/').next().unwrap_or_default();
        if name.is_empty() {
            return Err(refused_reference(at, reference));
        }
        self.referenced
            .insert(name.replace("~1", "/").replace("~0", "~"));
        Ok(format!("#/$defs/{rest}"))
    }
}

fn refused_reference(at: &str, reference: &str) -> String {
    if reference.starts_with('#') {
        format!(
            "{at}: `$ref` `{reference}`: a schema may refer to `#/components/schemas/<name>` only"
        )
    } else {
        format!("{at}: `$ref` `{reference}` leaves the document: import reads one document and never fetches")
    }
}

/// OpenAPI requires a `readOnly` property in responses only; a schema the request uses requires
/// it always. `at` names the schema for the note.
pub(super) fn note_required_read_only(
    schema: &Map<String, Value>,
    at: &str,
    notes: &mut Vec<String>,
) {
    let required = schema.get("required").and_then(Value::as_array);
    let properties = schema.get("properties").and_then(Value::as_object);
    for name in required.into_iter().flatten().filter_map(Value::as_str) {
        let read_only = properties
            .and_then(|p| p.get(name))
            .and_then(|p| p.get("readOnly"))
            == Some(&Value::Bool(true));
        if read_only {
            push(notes, format!("`{at}/properties/{name}` is required and readOnly: OpenAPI requires it in responses only, but the request uses this schema, which requires it always; decide in the overlay"));
        }
    }
}

/// `maximum` on a string or `minimum` on an array says nothing (a spec meaning `maxLength` or
/// `minItems`); kept as written, and said.
fn note_misplaced_bounds(schema: &Map<String, Value>, at: &str, notes: &mut Vec<String>) {
    let meant = match schema.get("type").and_then(Value::as_str) {
        Some("string") => [("minimum", "minLength"), ("maximum", "maxLength")],
        Some("array") => [("minimum", "minItems"), ("maximum", "maxItems")],
        _ => return,
    };
    for (written, probably) in meant {
        if schema.contains_key(written) {
            push(notes, format!("`{at}/{written}` has no effect on {}: the spec may mean `{probably}`; kept as written", if schema["type"] == "array" { "an array" } else { "a string" }));
        }
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Adds a note once.
fn push(notes: &mut Vec<String>, note: String) {
    if !notes.contains(&note) {
        notes.push(note);
    }
}
