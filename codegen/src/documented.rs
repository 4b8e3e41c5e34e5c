//! What the docs document, as a table the runtime walks to warn about undocumented properties
//! (`runtime::undocumented`): for each object shape, the property names some branch documents
//! (`properties` anywhere under `$ref`, `allOf`, `anyOf`, `oneOf`, `if`/`then`/`else`) with the
//! shape of each value, the shape of array items, and whether the object is free-form (an
//! `additionalProperties` schema, or no documented property at all), where no key is reported.

use crate::error::pointer_push;
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// How far `$ref` chains are followed while collecting a shape.
const MAX_REF_DEPTH: usize = 64;

#[derive(Default)]
struct Shape {
    properties: BTreeMap<String, usize>,
    items: Option<usize>,
    open: bool,
}

/// The table for the body at `entry` (`""` or `/$defs/<name>`): shape 0 is the body.
pub(crate) fn documented_table(document: &Value, entry: &str) -> TokenStream {
    let mut builder = Builder {
        document,
        shapes: Vec::new(),
        index: BTreeMap::new(),
    };
    builder.shape(BTreeSet::from([entry.to_owned()]));
    let shapes = builder.shapes.iter().map(|shape| {
        let names = shape.properties.keys();
        let children = shape
            .properties
            .values()
            .map(|&index| proc_macro2::Literal::usize_unsuffixed(index));
        let items = match shape.items.map(proc_macro2::Literal::usize_unsuffixed) {
            Some(index) => quote!(Some(#index)),
            None => quote!(None),
        };
        let open = shape.open;
        quote! {
            crate::runtime::Shape { properties: &[#((#names, #children)),*], items: #items, open: #open }
        }
    });
    quote! { &[#(#shapes),*] }
}

struct Builder<'a> {
    document: &'a Value,
    shapes: Vec<Shape>,
    /// The shape made for each set of schema pointers, so shared and recursive ones are made once.
    index: BTreeMap<BTreeSet<String>, usize>,
}

impl Builder<'_> {
    fn shape(&mut self, pointers: BTreeSet<String>) -> usize {
        if let Some(&index) = self.index.get(&pointers) {
            return index;
        }
        let index = self.shapes.len();
        self.shapes.push(Shape::default());
        self.index.insert(pointers.clone(), index);
        let mut nodes = BTreeSet::new();
        for pointer in &pointers {
            self.expand(pointer, 0, &mut nodes);
        }
        let mut children: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut items = BTreeSet::new();
        let (mut documents_properties, mut free_form) = (false, false);
        for pointer in &nodes {
            let Some(Value::Object(node)) = self.document.pointer(pointer) else {
                continue;
            };
            if let Some(Value::Object(properties)) = node.get("properties") {
                documents_properties = true;
                for name in properties.keys() {
                    children
                        .entry(name.clone())
                        .or_default()
                        .insert(pointer_push(&pointer_push(pointer, "properties"), name));
                }
            }
            if node.get("items").is_some_and(Value::is_object) {
                items.insert(format!("{pointer}/items"));
            }
            if node
                .get("additionalProperties")
                .is_some_and(|a| a != &Value::Bool(false))
            {
                free_form = true;
            }
        }
        let properties = children
            .into_iter()
            .map(|(name, pointers)| (name, self.shape(pointers)))
            .collect();
        let items = (!items.is_empty()).then(|| self.shape(items));
        self.shapes[index] = Shape {
            properties,
            items,
            open: free_form || !documents_properties,
        };
        index
    }

    /// The schema at `pointer` and every schema that applies to the same value with it.
    fn expand(&self, pointer: &str, depth: usize, out: &mut BTreeSet<String>) {
        if depth > MAX_REF_DEPTH || !out.insert(pointer.to_owned()) {
            return;
        }
        let Some(Value::Object(node)) = self.document.pointer(pointer) else {
            return;
        };
        if let Some(target) = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            self.expand(target, depth + 1, out);
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            if let Some(Value::Array(branches)) = node.get(keyword) {
                for index in 0..branches.len() {
                    self.expand(&format!("{pointer}/{keyword}/{index}"), depth + 1, out);
                }
            }
        }
        for keyword in ["if", "then", "else"] {
            if node.get(keyword).is_some_and(Value::is_object) {
                self.expand(&format!("{pointer}/{keyword}"), depth + 1, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn branches_unite_and_free_form_objects_stay_open() {
        let document = json!({
            "oneOf": [{"$ref": "#/$defs/A"}, {"$ref": "#/$defs/B"}],
            "$defs": {
                "A": {"properties": {"kind": {}, "person": {"properties": {"name": {}}}}},
                "B": {"properties": {"kind": {}, "person": {"properties": {"company": {}}}, "tags": {"items": {"properties": {"t": {}}}}, "extra": {"additionalProperties": {"type": "string"}}}}
            }
        });
        let table = documented_table(&document, "").to_string().replace(' ', "");
        let shapes: Vec<&str> = table.split("crate::runtime::Shape").skip(1).collect();
        let expected = [
            (
                0,
                r#"{properties:&[("extra",1),("kind",2),("person",3),("tags",6)],items:None,open:false}"#,
            ),
            // `extra` is free-form: open.
            (1, "{properties:&[],items:None,open:true}"),
            // Both branches' `person` properties are documented.
            (
                3,
                r#"{properties:&[("company",4),("name",5)],items:None,open:false}"#,
            ),
            (6, "{properties:&[],items:Some(7),open:true}"),
            (7, r#"{properties:&[("t",8)],items:None,open:false}"#),
        ];
        for (index, shape) in expected {
            assert!(shapes[index].starts_with(shape), "shape {index}: {table}");
        }
    }
}
