//! The checked-in schema: what an unnamed field is matched against.

use super::reader::Field;
use super::stated::{describe, stated};
use crate::capture::nesting::resolve;
use crate::capture::page::folded;
use serde_json::{json, Map, Value};

// ---------------------------------------------------------------------------------------------
// The checked-in schema

/// How far `$ref` chains and nesting are followed, and how deep fields may nest.
pub(super) const MAX_DEPTH: usize = 64;

/// A keyword of a property: its own, or its `$ref` target's.
pub(super) fn keyword<'v>(doc: &'v Value, prop: &'v Value, key: &str) -> Option<&'v Value> {
    prop.get(key).or_else(|| resolve(doc, prop).get(key))
}

/// The object schema a container property holds (through `$ref` and `items`).
pub(super) fn object_of<'v>(doc: &'v Value, prop: &'v Value) -> Option<&'v Value> {
    let mut node = resolve(doc, prop);
    for _ in 0..MAX_DEPTH {
        match node.get("items") {
            Some(items) => node = resolve(doc, items),
            None => break,
        }
    }
    (node.get("properties").is_some() || node.get("type") == Some(&json!("object"))).then_some(node)
}

pub(super) fn properties(base: &Value) -> impl Iterator<Item = (&String, &Value)> {
    base.get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
}

pub(super) fn same_text(a: Option<&str>, b: Option<&Value>) -> bool {
    match (a, b.and_then(Value::as_str)) {
        (Some(a), Some(b)) => folded(a) == folded(b),
        _ => false,
    }
}

/// Whether every fact the page states agrees with the checked-in property.
fn agrees(doc: &Value, facts: &Map<String, Value>, prop: &Value) -> bool {
    facts.iter().all(|(k, v)| match (k.as_str(), v) {
        ("items", Value::Object(items)) => {
            keyword(doc, prop, "items").is_some_and(|p| agrees(doc, items, p))
        }
        _ => keyword(doc, prop, k) == Some(v),
    })
}

/// What an unnamed field is matched by: its description, or the facts its qualifier, default
/// and constant state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum By {
    Description,
    Facts,
}

/// The page's facts about a field, to compare with a checked-in property.
pub(super) fn facts(f: &Field, value: &Map<String, Value>) -> Map<String, Value> {
    let mut full = value.clone();
    describe(f, &mut full, &mut Vec::new());
    stated(&full)
}

/// An unnamed field is this checked-in property when its description, or its facts (an enum
/// compared with the property's, through `$ref`), are the same.
pub(super) fn matches(
    doc: &Value,
    description: Option<&str>,
    facts: &Map<String, Value>,
    container: bool,
    prop: &Value,
    by: By,
) -> bool {
    if container != object_of(doc, prop).is_some() {
        return false;
    }
    match by {
        By::Description => same_text(description, keyword(doc, prop, "description")),
        By::Facts => !facts.is_empty() && agrees(doc, facts, prop),
    }
}
