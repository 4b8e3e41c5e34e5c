//! Nested objects become `$defs`, named after their property.

use crate::capture::{pascal_case, singular};
use serde_json::{json, Map, Value};

/// Nested objects become `$defs`, named after their property.
#[derive(Default)]
pub(super) struct Builder {
    pub(super) defs: Map<String, Value>,
}

impl Builder {
    /// Moves every object with properties below `schema` into a definition; `owner` prefixes
    /// the names of definitions made for a response.
    pub(super) fn hoist(&mut self, schema: &mut Map<String, Value>, owner: &str) {
        if let Some(Value::Object(items)) = schema.get_mut("items") {
            self.hoist(items, owner);
        }
        let Some(Value::Object(properties)) = schema.get_mut("properties") else {
            return;
        };
        for (name, property) in properties.iter_mut() {
            let Value::Object(property) = property else {
                continue;
            };
            let is_array = property.get("type") == Some(&json!("array"));
            let target = if is_array {
                property.get_mut("items").and_then(Value::as_object_mut)
            } else {
                Some(&mut *property)
            };
            let Some(target) = target.filter(|t| t.get("properties").is_some()) else {
                continue;
            };
            let base = format!("{owner}{}", pascal_case(&item_name(name, is_array)));
            let mut object = std::mem::take(target);
            self.hoist(&mut object, owner);
            let mut def = Map::new();
            def.insert("title".into(), json!(base));
            let description = object.remove("description");
            let default = object.remove("default");
            let examples = object.remove("examples");
            def.extend(object);
            let defined = self.define(&base, def);
            target.insert("$ref".into(), json!(format!("#/$defs/{defined}")));
            for (key, value) in [
                ("description", description),
                ("default", default),
                ("examples", examples),
            ] {
                if let Some(value) = value {
                    target.insert(key.into(), value);
                }
            }
        }
    }

    /// Adds a definition, reusing an identical one of the same name and numbering a different
    /// one; returns the name used.
    pub(super) fn define(&mut self, base: &str, mut def: Map<String, Value>) -> String {
        let mut name = base.to_owned();
        let mut n = 1;
        loop {
            match self.defs.get(&name) {
                None => {
                    def.insert("title".into(), json!(name));
                    self.defs.insert(name.clone(), Value::Object(def));
                    return name;
                }
                Some(existing) => {
                    let mut candidate = def.clone();
                    candidate.insert("title".into(), json!(name));
                    if *existing == Value::Object(candidate) {
                        return name;
                    }
                }
            }
            n += 1;
            name = format!("{base}{n}");
        }
    }
}

/// The name of a property's object: an array's item is singular (`business_person_list` ->
/// `business_person`, `addresses` -> `address`).
pub(super) fn item_name(name: &str, is_array: bool) -> String {
    if !is_array {
        return name.to_owned();
    }
    for suffix in ["_list", "List", "_array", "Array"] {
        if let Some(stem) = name.strip_suffix(suffix).filter(|s| !s.is_empty()) {
            return stem.to_owned();
        }
    }
    singular(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_items_are_named_singular() {
        assert_eq!(item_name("business_person_list", true), "business_person");
        assert_eq!(item_name("addresses", true), "address");
        assert_eq!(item_name("list", true), "list");
        assert_eq!(item_name("business_details", false), "business_details");
    }
}
