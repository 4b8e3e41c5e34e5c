//! What no page can say, per endpoint, in `schemas/<provider>/<endpoint>.overlay.json`:
//! - `rename`: `$defs` names chosen for readers (`Schema1` -> `IndividualCustomerRequest`);
//! - `merge`: an RFC 7386 merge patch with the prose rules, responses, sensitive marks, inferred
//!   names and the decisions recorded in `doc-issues.md`.
//!
//! The checked-in schema is exactly `merge(rename(capture(page)))`. Nesting is not recorded
//! here: capture places fields by the checked-in schema itself. An amendment to a property the
//! page no longer lists is not applied (it would resurrect the property without its type); it
//! becomes a note instead.

use crate::error::pointer_push;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// One endpoint's overlay.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rename: BTreeMap<String, String>,
    #[serde(default)]
    pub merge: Value,
}

impl Overlay {
    /// The captured draft with this overlay applied; what could not be applied goes to `notes`.
    pub fn apply(&self, mut captured: Value, notes: &mut Vec<String>) -> Value {
        for (from, to) in &self.rename {
            if captured.pointer(&pointer_push("/$defs", from)).is_none() {
                notes.push(format!(
                    "overlay renames `{from}` to `{to}`, but the page no longer has `{from}`"
                ));
            }
        }
        rename_defs(&mut captured, &self.rename);
        if !self.merge.is_null() {
            amend(&mut captured, &self.merge, "", notes);
        }
        captured
    }
}

/// RFC 7386 merge, except that in a `properties` object the page captured, a property the page
/// does not list is left out and noted.
fn amend(target: &mut Value, patch: &Value, at: &str, notes: &mut Vec<String>) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        merge_patch(target, &Value::Object(patch.clone()));
        return;
    }
    let Value::Object(map) = target else { return };
    for (key, value) in patch {
        let key_at = pointer_push(at, key);
        if value.is_null() {
            map.shift_remove(key);
        } else if let Some(existing) = map.get_mut(key) {
            if key == "properties" {
                amend_properties(existing, value, &key_at, notes);
            } else if key == "$defs" && at.is_empty() {
                amend_definitions(existing, value, &key_at, notes);
            } else {
                amend(existing, value, &key_at, notes);
            }
        } else {
            merge_patch(map.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

fn amend_properties(properties: &mut Value, patch: &Value, at: &str, notes: &mut Vec<String>) {
    let (Value::Object(properties), Value::Object(patch)) = (properties, patch) else {
        return;
    };
    for (name, value) in patch {
        let name_at = pointer_push(at, name);
        match properties.get_mut(name) {
            Some(_) if value.is_null() => {
                properties.shift_remove(name);
            }
            Some(existing) => amend(existing, value, &name_at, notes),
            None if value.is_null() => {}
            None => notes.push(format!(
                "overlay amends `{name_at}`, which the page no longer lists: not applied"
            )),
        }
    }
}

/// Definitions: one the page no longer yields is left out and noted when the overlay only
/// amends it (sensitive marks, prose rules on its properties); an overlay may still add a whole
/// definition of its own (one with a shape: `type`, `$ref`, `oneOf`, …).
fn amend_definitions(defs: &mut Value, patch: &Value, at: &str, notes: &mut Vec<String>) {
    const SHAPES: &[&str] = &["type", "$ref", "oneOf", "anyOf", "allOf", "enum", "const"];
    let (Value::Object(defs), Value::Object(patch)) = (defs, patch) else {
        return;
    };
    for (name, value) in patch {
        let name_at = pointer_push(at, name);
        match defs.get_mut(name) {
            Some(_) if value.is_null() => {
                defs.shift_remove(name);
            }
            Some(existing) => amend(existing, value, &name_at, notes),
            None if value.is_null() => {}
            None if SHAPES.iter().any(|k| value.get(k).is_some()) => {
                merge_patch(defs.entry(name.clone()).or_insert(Value::Null), value);
            }
            None => notes.push(format!(
                "overlay amends `{name_at}`, which the page no longer yields: not applied"
            )),
        }
    }
}

/// Renames `$defs` entries and every `$ref` to them, keeping the order of the definitions.
pub fn rename_defs(document: &mut Value, rename: &BTreeMap<String, String>) {
    if rename.is_empty() {
        return;
    }
    if let Some(Value::Object(defs)) = document.get_mut("$defs") {
        let renamed: Map<String, Value> = std::mem::take(defs)
            .into_iter()
            .map(|(name, def)| (rename.get(&name).cloned().unwrap_or(name), def))
            .collect();
        *defs = renamed;
    }
    fn refs(node: &mut Value, rename: &BTreeMap<String, String>) {
        match node {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get_mut("$ref") {
                    if let Some(name) = reference.strip_prefix("#/$defs/") {
                        let (head, tail) = name.split_once('/').map_or((name, ""), |(h, t)| (h, t));
                        if let Some(new) = rename.get(head) {
                            *reference = if tail.is_empty() {
                                format!("#/$defs/{new}")
                            } else {
                                format!("#/$defs/{new}/{tail}")
                            };
                        }
                    }
                }
                map.values_mut().for_each(|v| refs(v, rename));
            }
            Value::Array(items) => items.iter_mut().for_each(|v| refs(v, rename)),
            _ => {}
        }
    }
    refs(document, rename);
}

/// RFC 7386: objects merge recursively, `null` removes a member, anything else replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Value::Object(map) = target else { return };
    for (key, value) in patch {
        if value.is_null() {
            map.shift_remove(key);
        } else {
            merge_patch(map.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

/// The merge patch that turns `from` into `to`, or an error naming a pointer a merge patch cannot
/// express (a `null` inside `to`) or where member order would differ.
pub fn make_merge_patch(from: &Value, to: &Value) -> Result<Value, String> {
    fn diff(from: &Value, to: &Value, at: &str) -> Result<Option<Value>, String> {
        match (from, to) {
            (Value::Object(a), Value::Object(b)) => {
                let mut patch = Map::new();
                for (key, old) in a {
                    match b.get(key) {
                        None => {
                            patch.insert(key.clone(), Value::Null);
                        }
                        Some(new) => {
                            if let Some(change) = diff(old, new, &format!("{at}/{key}"))? {
                                patch.insert(key.clone(), change);
                            }
                        }
                    }
                }
                for (key, new) in b {
                    if !a.contains_key(key) {
                        check_no_null(new, &format!("{at}/{key}"))?;
                        patch.insert(key.clone(), new.clone());
                    }
                }
                Ok((!patch.is_empty()).then_some(Value::Object(patch)))
            }
            _ if from == to => Ok(None),
            _ => {
                check_no_null(to, at)?;
                Ok(Some(to.clone()))
            }
        }
    }
    fn check_no_null(value: &Value, at: &str) -> Result<(), String> {
        match value {
            Value::Null => Err(format!("{at}: a merge patch cannot set null")),
            Value::Object(map) => map
                .iter()
                .try_for_each(|(k, v)| check_no_null(v, &format!("{at}/{k}"))),
            _ => Ok(()),
        }
    }
    Ok(diff(from, to, "")?.unwrap_or_else(|| Value::Object(Map::new())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_follows_rfc_7386() {
        let mut doc = json!({"a": "b", "c": {"d": "e", "f": "g"}});
        merge_patch(&mut doc, &json!({"a": "z", "c": {"f": null}}));
        assert_eq!(doc, json!({"a": "z", "c": {"d": "e"}}));
    }

    #[test]
    fn amendments_to_properties_the_page_dropped_become_notes() {
        let overlay = Overlay {
            rename: BTreeMap::from([("Gone".to_owned(), "Kept".to_owned())]),
            merge: json!({
                "properties": {"a": {"pattern": "^x$"}, "b": {"x-sensitive": true}},
                "$defs": {"New": {"properties": {"c": {"type": "string"}}}}
            }),
        };
        let mut notes = Vec::new();
        let applied = overlay.apply(json!({"properties": {"a": {"type": "string"}}}), &mut notes);
        assert_eq!(
            applied,
            json!({
                "properties": {"a": {"type": "string", "pattern": "^x$"}},
                "$defs": {"New": {"properties": {"c": {"type": "string"}}}}
            })
        );
        assert_eq!(
            notes,
            [
                "overlay renames `Gone` to `Kept`, but the page no longer has `Gone`",
                "overlay amends `/properties/b`, which the page no longer lists: not applied",
            ]
        );
    }

    #[test]
    fn amendments_to_definitions_the_page_no_longer_yields_become_notes() {
        let overlay = Overlay {
            rename: BTreeMap::new(),
            merge: json!({"$defs": {
                "Gone": {"properties": {"phone": {"x-sensitive": "phone"}}},
                "Added": {"type": "object", "properties": {"id": {"type": "string"}}}
            }}),
        };
        let mut notes = Vec::new();
        let applied = overlay.apply(json!({"$defs": {"Kept": {}}}), &mut notes);
        assert_eq!(
            applied,
            json!({"$defs": {"Kept": {}, "Added": {"type": "object", "properties": {"id": {"type": "string"}}}}})
        );
        assert_eq!(
            notes,
            ["overlay amends `/$defs/Gone`, which the page no longer yields: not applied"]
        );
    }

    #[test]
    fn a_made_patch_reproduces_the_target() {
        let from = json!({"x": 1, "y": {"z": [1, 2], "w": "keep"}, "gone": true});
        let to = json!({"x": 2, "y": {"z": [3], "w": "keep", "new": {"k": "v"}}});
        let patch = make_merge_patch(&from, &to).unwrap();
        let mut applied = from.clone();
        merge_patch(&mut applied, &patch);
        assert_eq!(applied, to);
        assert!(make_merge_patch(&from, &json!({"x": null})).is_err());
    }

    #[test]
    fn renames_reach_definitions_and_references() {
        let mut doc = json!({"$defs": {"Schema1": {"$ref": "#/$defs/Schema2/properties/a"}, "Schema2": {}}, "oneOf": [{"$ref": "#/$defs/Schema1"}]});
        let rename = BTreeMap::from([
            ("Schema1".to_owned(), "Person".to_owned()),
            ("Schema2".to_owned(), "Company".to_owned()),
        ]);
        rename_defs(&mut doc, &rename);
        assert_eq!(
            doc,
            json!({"$defs": {"Person": {"$ref": "#/$defs/Company/properties/a"}, "Company": {}}, "oneOf": [{"$ref": "#/$defs/Person"}]})
        );
    }
}
