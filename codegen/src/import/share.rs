//! `cargo xtask import --shared <file>`: the components an operation reaches become definitions
//! of the provider's definitions file (`schemas/<provider>/common.json`), which every endpoint
//! imported the same way refers to, instead of a copy in each endpoint schema. A response body
//! stays in its endpoint, as `x-endpoint.responses` names it there.

use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// An endpoint schema whose components moved to the definitions file.
#[derive(Debug, Clone)]
pub struct Shared {
    pub endpoint: Value,
    /// The definitions file, with this operation's components added or updated.
    pub definitions: Value,
    pub notes: Vec<String>,
}

/// Moves `draft`'s components, except its response bodies, into `definitions` (the checked-in
/// definitions file named `shared_name`, or `None` for a new one) and refers to them there.
pub fn share_components(
    mut draft: Value,
    definitions: Option<&Value>,
    shared_name: &str,
) -> Result<Shared, String> {
    let responses: BTreeSet<String> = draft
        .pointer("/x-endpoint/responses")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(_, target)| target.as_str()?.strip_prefix("#/$defs/").map(str::to_owned))
        .collect();
    let mut components = match draft.as_object_mut().and_then(|root| root.remove("$defs")) {
        Some(Value::Object(components)) => components,
        _ => Map::new(),
    };
    let mut kept = Map::new();
    for name in &responses {
        if let Some(body) = components.shift_remove(name) {
            kept.insert(name.clone(), body);
        }
    }
    let moved: BTreeSet<String> = components.keys().cloned().collect();
    for (name, component) in &components {
        if let Some(body) = references(component).iter().find_map(|r| {
            let target = r.strip_prefix("#/$defs/")?.split('/').next()?;
            responses.contains(target).then_some(target)
        }) {
            return Err(format!("the component `{name}` refers to `{body}`, a response body of this operation, so it cannot move to `{shared_name}`: import without --shared"));
        }
    }
    if !kept.is_empty() {
        if let Value::Object(root) = &mut draft {
            root.insert("$defs".to_owned(), Value::Object(kept));
        }
    }
    point_to_shared(&mut draft, &moved, shared_name);

    let mut shared = definitions.cloned().unwrap_or_else(|| {
        json!({
            "$schema": super::DRAFT_2020_12,
            "$comment": "Components of the provider's OpenAPI document that its imported endpoints share: written by `cargo xtask import --shared`.",
            "$defs": {}
        })
    });
    let Some(shared_root) = shared.as_object_mut() else {
        return Err(format!(
            "`{shared_name}` is not a definitions file: its root is not an object"
        ));
    };
    let formats: Vec<Value> = draft
        .get(crate::vocabulary::ANNOTATION_FORMATS)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if !formats.is_empty() {
        let declared = shared_root
            .entry(crate::vocabulary::ANNOTATION_FORMATS)
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(declared) = declared {
            for format in formats {
                if !declared.contains(&format) {
                    declared.push(format);
                }
            }
        }
    }
    let shared_defs = shared_root
        .entry("$defs")
        .or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(shared_defs) = shared_defs else {
        return Err(format!("`{shared_name}`: `$defs` is not an object"));
    };
    let mut notes = Vec::new();
    for (name, component) in components {
        match shared_defs.get(&name) {
            Some(existing) if *existing == component => {}
            Some(_) => {
                notes.push(format!("`{shared_name}#/$defs/{name}` changes with this import: every endpoint that uses it sees the change (review it with `cargo xtask diff`)"));
                shared_defs.insert(name, component);
            }
            None => {
                notes.push(format!("`{name}` is added to `{shared_name}`"));
                shared_defs.insert(name, component);
            }
        }
    }
    Ok(Shared {
        endpoint: draft,
        definitions: shared,
        notes,
    })
}

/// Rewrites every `$ref` of the endpoint to a moved component as a `$ref` into `shared_name`.
fn point_to_shared(schema: &mut Value, moved: &BTreeSet<String>, shared_name: &str) {
    match schema {
        Value::Object(map) => {
            for (keyword, child) in map.iter_mut() {
                match child {
                    Value::String(reference) if keyword == "$ref" => {
                        let target = reference
                            .strip_prefix("#/$defs/")
                            .and_then(|rest| rest.split('/').next());
                        if target.is_some_and(|name| moved.contains(name)) {
                            *reference = format!("{shared_name}{reference}");
                        }
                    }
                    _ if keyword.starts_with("x-") || keyword == "examples" => {}
                    _ => point_to_shared(child, moved, shared_name),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                point_to_shared(item, moved, shared_name);
            }
        }
        _ => {}
    }
}

/// Every `$ref` text inside `schema`.
fn references(schema: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![schema];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (keyword, child) in map {
                    match child {
                        Value::String(reference) if keyword == "$ref" => {
                            found.push(reference.clone())
                        }
                        _ => stack.push(child),
                    }
                }
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Value {
        json!({
            "title": "CreateCustomer",
            "x-endpoint": {"method": "POST", "path": "/customers", "responses": {"200": "#/$defs/Customer"}},
            "properties": {"phone": {"$ref": "#/$defs/Phone"}},
            "$defs": {
                "Customer": {"properties": {"phone": {"$ref": "#/$defs/Phone"}}},
                "Phone": {"type": "string", "maxLength": 20}
            }
        })
    }

    #[test]
    fn components_move_and_response_bodies_stay() {
        let shared = share_components(draft(), None, "common.json").unwrap();
        assert_eq!(
            shared.endpoint["properties"]["phone"]["$ref"],
            "common.json#/$defs/Phone"
        );
        assert_eq!(
            shared.endpoint["$defs"]["Customer"]["properties"]["phone"]["$ref"],
            "common.json#/$defs/Phone"
        );
        assert!(shared.endpoint["$defs"].get("Phone").is_none());
        assert_eq!(shared.definitions["$defs"]["Phone"]["maxLength"], 20);
        assert_eq!(shared.notes, ["`Phone` is added to `common.json`"]);
    }

    #[test]
    fn a_changed_component_is_noted_and_an_unchanged_one_is_not() {
        let first = share_components(draft(), None, "common.json").unwrap();
        let again = share_components(draft(), Some(&first.definitions), "common.json").unwrap();
        assert!(again.notes.is_empty(), "{:?}", again.notes);
        let mut longer = draft();
        longer["$defs"]["Phone"]["maxLength"] = json!(30);
        let changed = share_components(longer, Some(&first.definitions), "common.json").unwrap();
        assert!(changed.notes[0].contains("changes with this import"));
        assert_eq!(changed.definitions["$defs"]["Phone"]["maxLength"], 30);
    }

    #[test]
    fn a_component_that_needs_a_response_body_cannot_move() {
        let mut draft = draft();
        draft["$defs"]["Page"] = json!({"items": {"$ref": "#/$defs/Customer"}});
        let error = share_components(draft, None, "common.json").unwrap_err();
        assert!(error.contains("`Page` refers to `Customer`"), "{error}");
    }
}
