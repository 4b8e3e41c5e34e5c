//! Pages that keep their names: every field with its dotted path, type, badges and
//! attributes, completed from the samples where an object is collapsed.

use super::constraints::{apply, typed_default};
use super::pane::Samples;
use super::tokens::{Section, Token};
use super::types::Head;
use super::Bodies;
use crate::capture::page::Page;
use crate::capture::samples::{self, MINTLIFY};
use crate::capture::{excerpt, Body, CaptureError};
use crate::error::pointer_push;
use serde_json::{json, Map, Value};

/// One field of the named rendering.
pub(super) struct NamedField {
    pub(super) head: Head,
    pub(super) section: Section,
    pub(super) description: Vec<String>,
    pub(super) attributes: Vec<(usize, Token)>,
}

/// The named rendering: every field with its path, type, badges and attributes.
pub(super) fn named_rendering(
    tokens: &[(usize, Token)],
    request: Option<Map<String, Value>>,
    samples: &Samples,
    unreadable: &mut Vec<CaptureError>,
    notes: &mut Vec<String>,
    body: &mut Body,
) -> Bodies {
    let mut section = Section::Preamble;
    let mut fields: Vec<NamedField> = Vec::new();
    for (index, token) in tokens {
        match token {
            Token::Heading(Section::Response(None))
                if matches!(section, Section::Response(Some(_))) => {}
            Token::Heading(new) => section = new.clone(),
            Token::Head(head) => fields.push(NamedField {
                head: head.clone(),
                section: section.clone(),
                description: Vec::new(),
                attributes: Vec::new(),
            }),
            Token::Text(text) => {
                if let Some(field) = fields.last_mut().filter(|f| f.section == section) {
                    field.description.push(text.clone());
                }
            }
            Token::Children => {}
            other => match fields.last_mut().filter(|f| f.section == section) {
                Some(field) => field.attributes.push((*index, other.clone())),
                None => unreadable.push(CaptureError::at(
                    Page::number(*index),
                    "a constraint before any field: expected a field name and type first",
                )),
            },
        }
    }
    let mut parameters: [(&str, Section, Map<String, Value>); 2] = [
        ("pathParameters", Section::Path, Map::new()),
        ("queryParameters", Section::Query, Map::new()),
    ];
    let mut request_tree: Option<Map<String, Value>> = None;
    let mut response_trees: Vec<(Option<String>, Map<String, Value>)> = Vec::new();
    for field in &fields {
        let schema = field_schema(field, unreadable);
        match &field.section {
            Section::Path | Section::Query => {
                let slot = parameters
                    .iter_mut()
                    .find(|(_, s, _)| *s == field.section)
                    .expect("both listed");
                slot.2
                    .insert(field.head.name.clone(), Value::Object(schema));
                if field.head.required && field.section == Section::Query {
                    // Required query parameters are named in the parameter's own schema.
                    if let Some(Value::Object(p)) = slot.2.get_mut(&field.head.name) {
                        p.insert("x-required".into(), json!(true));
                    }
                }
            }
            Section::Body | Section::Preamble => {
                let tree = request_tree.get_or_insert_with(object_schema);
                place(
                    tree,
                    &field.head.name,
                    schema,
                    field.head.required,
                    field.head.line,
                    unreadable,
                );
            }
            Section::Response(status) => {
                let position = response_trees
                    .iter()
                    .position(|(s, _)| s == status)
                    .unwrap_or_else(|| {
                        response_trees.push((status.clone(), object_schema()));
                        response_trees.len() - 1
                    });
                place(
                    &mut response_trees[position].1,
                    &field.head.name,
                    schema,
                    field.head.required,
                    field.head.line,
                    unreadable,
                );
            }
            Section::Ignored => {}
        }
    }
    for (key, _, listed) in parameters {
        if !listed.is_empty() {
            body.endpoint.insert(key.into(), Value::Object(listed));
        }
    }
    // Collapsed objects take their members from the sample; members the sample shows and the
    // list does not are noted.
    let request = match (request_tree, request) {
        (Some(mut tree), Some(sample)) => {
            complete_from_sample(&mut tree, &sample, "", notes);
            Some(tree)
        }
        (tree, sample) => tree.or(sample),
    };
    let mut responses = Vec::new();
    for (index, (status, value)) in samples.responses.iter().enumerate() {
        let mut sample_notes = Vec::new();
        let sample = samples::schema_of(value, &MINTLIFY, "", &mut sample_notes);
        let listed = match status {
            Some(_) => response_trees.iter().position(|(s, _)| s == status),
            None => (index == 0 && !response_trees.is_empty()).then_some(0),
        };
        match listed {
            Some(position) => {
                let (listed_status, mut tree) = response_trees.remove(position);
                complete_from_sample(&mut tree, &sample, "", notes);
                responses.push((listed_status.or(status.clone()), tree));
            }
            None => responses.push((status.clone(), sample)),
        }
    }
    responses.extend(response_trees);
    (request, responses)
}

pub(super) fn object_schema() -> Map<String, Value> {
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    schema.insert("properties".into(), json!({}));
    schema
}

pub(super) fn field_schema(
    field: &NamedField,
    unreadable: &mut Vec<CaptureError>,
) -> Map<String, Value> {
    let mut schema = field.head.spec.schema.clone();
    if field.head.spec.container {
        let target = if schema.get("type") == Some(&json!("array")) {
            schema.entry("items").or_insert(json!({}))
        } else {
            &mut Value::Null
        };
        if let Value::Object(items) = target {
            items.entry("type").or_insert(json!("object"));
        }
    }
    if !field.description.is_empty() {
        schema.insert("description".into(), json!(field.description.join(" ")));
    }
    if let Some(default) = &field.head.default {
        let value = typed_default(default, &schema);
        schema.insert("default".into(), value);
    }
    for (index, attribute) in &field.attributes {
        if let Err(problem) = apply(attribute, &mut schema) {
            unreadable.push(CaptureError::at(Page::number(*index), problem));
        }
    }
    schema
}

/// Puts `schema` at the dotted `name` (`business_details.website`) of `tree`.
pub(super) fn place(
    tree: &mut Map<String, Value>,
    name: &str,
    schema: Map<String, Value>,
    required: bool,
    line: usize,
    unreadable: &mut Vec<CaptureError>,
) {
    let mut parts: Vec<&str> = name.split('.').collect();
    let Some(last) = parts.pop() else { return };
    let mut object = tree;
    for part in parts {
        let properties = object.entry("properties").or_insert(json!({}));
        let Some(child) = properties.as_object_mut().and_then(|p| p.get_mut(part)) else {
            unreadable.push(CaptureError::at(
                line,
                format!(
                    "`{}` is listed before its parent `{part}`: expected the parent first",
                    excerpt(name)
                ),
            ));
            return;
        };
        let Value::Object(child) = child else { return };
        let target = if child.get("type") == Some(&json!("array")) {
            child.entry("items").or_insert(json!({"type": "object"}))
        } else {
            child.entry("type").or_insert(json!("object"));
            return place_in(child, last, schema, required, line, name, unreadable);
        };
        let Value::Object(items) = target else { return };
        object = items;
    }
    place_in(object, last, schema, required, line, name, unreadable);
}

pub(super) fn place_in(
    object: &mut Map<String, Value>,
    last: &str,
    schema: Map<String, Value>,
    required: bool,
    line: usize,
    name: &str,
    unreadable: &mut Vec<CaptureError>,
) {
    if last == "{key}" {
        object.insert("additionalProperties".into(), Value::Object(schema));
        return;
    }
    let properties = object.entry("properties").or_insert(json!({}));
    let Value::Object(properties) = properties else {
        return;
    };
    if properties.contains_key(last) {
        unreadable.push(CaptureError::at(
            line,
            format!(
                "field `{}` is listed twice: expected one entry per field",
                excerpt(name)
            ),
        ));
        return;
    }
    properties.insert(last.to_owned(), Value::Object(schema));
    if required {
        let list = object.entry("required").or_insert(json!([]));
        if let Value::Array(list) = list {
            list.push(json!(last));
        }
    }
}

/// Members of collapsed objects come from the sample; members the sample shows that the list
/// leaves out of an expanded object are noted.
pub(super) fn complete_from_sample(
    tree: &mut Map<String, Value>,
    sample: &Map<String, Value>,
    at: &str,
    notes: &mut Vec<String>,
) {
    let listed_items = tree.get_mut("items").and_then(Value::as_object_mut);
    if let (Some(items), Some(Value::Object(sample_items))) = (listed_items, sample.get("items")) {
        complete_from_sample(items, sample_items, &format!("{at}/0"), notes);
        return;
    }
    let Some(Value::Object(sample_properties)) = sample.get("properties") else {
        return;
    };
    let listed = tree
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty());
    let properties = tree.entry("properties").or_insert(json!({}));
    let Value::Object(properties) = properties else {
        return;
    };
    for (name, member) in sample_properties {
        let member_at = pointer_push(at, name);
        match properties.get_mut(name) {
            Some(Value::Object(own)) => {
                if let Value::Object(member) = member {
                    for key in ["examples"] {
                        if let (false, Some(value)) = (own.contains_key(key), member.get(key)) {
                            own.insert(key.into(), value.clone());
                        }
                    }
                    complete_from_sample(own, member, &member_at, notes);
                }
            }
            Some(_) => {}
            None if !listed => {
                properties.insert(name.clone(), member.clone());
            }
            None => notes.push(format!(
                "sample `{member_at}` is not in the page's field list: left out, check it"
            )),
        }
    }
}
