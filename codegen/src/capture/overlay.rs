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
        drop_rules_on_missing_properties(&mut captured, "", notes);
        captured
    }
}

/// Removes, with a note each, the rules between fields that name a property the object no
/// longer has (the page dropped it): `dependentRequired` entries, the `required` lists of
/// `then`/`else`, and whole `if`/`then`/`else` whose condition tests such a property. Left in,
/// they would require a member nobody documents any more, or fail generation.
fn drop_rules_on_missing_properties(schema: &mut Value, at: &str, notes: &mut Vec<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                let known: Vec<String> = properties.keys().cloned().collect();
                drop_rules_in(map, at, &known, notes);
                let branches = map.get_mut("allOf").and_then(Value::as_array_mut);
                for (index, branch) in branches.into_iter().flatten().enumerate() {
                    if let Value::Object(branch) = branch {
                        let branch_at = format!("{at}/allOf/{index}");
                        drop_rules_in(branch, &branch_at, &known, notes);
                    }
                }
            }
            for (key, child) in map.iter_mut() {
                drop_rules_on_missing_properties(child, &pointer_push(at, key), notes);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                drop_rules_on_missing_properties(item, &format!("{at}/{index}"), notes);
            }
        }
        _ => {}
    }
}

/// [`drop_rules_on_missing_properties`] for one schema applied to an object whose properties
/// are `known`.
fn drop_rules_in(
    schema: &mut Map<String, Value>,
    at: &str,
    known: &[String],
    notes: &mut Vec<String>,
) {
    let is_known = |name: &str| known.iter().any(|k| k == name);
    let mut note = |what: String| {
        notes.push(format!(
            "{what} names a property the page no longer lists: removed"
        ))
    };
    if let Some(Value::Object(dependencies)) = schema.get_mut("dependentRequired") {
        dependencies.retain(|present, dependents| {
            let entry_at = pointer_push(&pointer_push(at, "dependentRequired"), present);
            if !is_known(present) {
                note(format!("`{entry_at}`"));
                return false;
            }
            if let Value::Array(dependents) = dependents {
                dependents.retain(|d| {
                    let keep = d.as_str().is_none_or(is_known);
                    if !keep {
                        note(format!("`{entry_at}` requiring {d}"));
                    }
                    keep
                });
                return !dependents.is_empty();
            }
            true
        });
        if dependencies.is_empty() {
            schema.shift_remove("dependentRequired");
        }
    }
    let tested: Vec<String> = schema
        .get("if")
        .and_then(|condition| condition.get("properties"))
        .and_then(Value::as_object)
        .map(|tests| tests.keys().cloned().collect())
        .unwrap_or_default();
    if let Some(missing) = tested.iter().find(|name| !is_known(name)) {
        note(format!("the condition `{at}/if` on `{missing}`"));
        for keyword in ["if", "then", "else"] {
            schema.shift_remove(keyword);
        }
        return;
    }
    for keyword in ["then", "else"] {
        let required = schema
            .get_mut(keyword)
            .and_then(|branch| branch.get_mut("required"))
            .and_then(Value::as_array_mut);
        if let Some(required) = required {
            required.retain(|name| {
                let keep = name.as_str().is_none_or(is_known);
                if !keep {
                    note(format!("`{at}/{keyword}/required` {name}"));
                }
                keep
            });
        }
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
    fn rules_naming_a_property_the_page_dropped_are_removed_with_a_note() {
        let captured = json!({"properties": {"taxId": {}, "type": {}, "name": {}}});
        let overlay = Overlay {
            merge: json!({
                "dependentRequired": {"taxId": ["taxIdCountryCode"], "gone": ["type"]},
                "allOf": [
                    {"if": {"properties": {"type": {"const": "SHIPPING"}}},
                     "then": {"required": ["name", "label"]}},
                    {"if": {"properties": {"countryCode": {"const": "USA"}}},
                     "then": {"required": ["name"]}}
                ]
            }),
            ..Overlay::default()
        };
        let mut notes = Vec::new();
        let result = overlay.apply(captured, &mut notes);
        assert_eq!(
            result,
            json!({"properties": {"taxId": {}, "type": {}, "name": {}}, "allOf": [
                {"if": {"properties": {"type": {"const": "SHIPPING"}}},
                 "then": {"required": ["name"]}},
                {}
            ]})
        );
        assert_eq!(
            notes,
            [
                "`/dependentRequired/taxId` requiring \"taxIdCountryCode\" names a property the page no longer lists: removed",
                "`/dependentRequired/gone` names a property the page no longer lists: removed",
                "`/allOf/0/then/required` \"label\" names a property the page no longer lists: removed",
                "the condition `/allOf/1/if` on `countryCode` names a property the page no longer lists: removed",
            ]
        );
        // Rules whose properties are all there are untouched.
        let mut notes = Vec::new();
        let whole = json!({"properties": {"taxId": {}, "taxIdCountryCode": {}},
                           "dependentRequired": {"taxId": ["taxIdCountryCode"]}});
        let kept = Overlay::default().apply(whole.clone(), &mut notes);
        assert_eq!((kept, notes), (whole, Vec::<String>::new()));
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
