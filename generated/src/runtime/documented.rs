//! Undocumented properties: a key that no branch of the schema documents is accepted (the schemas
//! are open where the docs are silent) but the provider will likely ignore it, so a misspelled
//! optional field (`firstname` for `firstName`) is a bug worth a warning. Each generated body has
//! a table of its documented shapes; this walks a document against it.

use super::path::escape_token;
use super::{ErrorKind, Node, ValidationError};

/// One object shape the docs document.
#[derive(Debug)]
pub struct Shape {
    /// Documented property names, sorted, each with the index of its value's shape.
    pub properties: &'static [(&'static str, usize)],
    /// The shape of array items, when the value is an array.
    pub items: Option<usize>,
    /// Free-form: any key is documented (`additionalProperties`, or no property documented).
    pub open: bool,
}

/// Everything the docs document about one body.
#[derive(Debug, Clone, Copy)]
pub struct Documented {
    /// The body in its schema file: `schemas/<file>#<pointer>`.
    pub schema_location: &'static str,
    /// Its object shapes; index 0 is the body.
    pub shapes: &'static [Shape],
}

/// The keyword of undocumented-property warnings.
pub const UNDOCUMENTED: &str = "x-undocumented";

/// Most warnings reported for one document, as `Limits::max_errors` bounds errors: a document of
/// small undocumented keys must not become millions of warnings.
pub const MAX_WARNINGS: usize = 1000;

/// A warning for every property of `document` that the docs do not document, at most
/// [`MAX_WARNINGS`]: an object's own keys first, then its members' (depth first, in document
/// order).
pub fn undocumented(documented: &Documented, document: &Node<'_>) -> Vec<ValidationError> {
    let (shapes, schema_location) = (documented.shapes, documented.schema_location);
    let mut warnings = Vec::new();
    let mut stack = vec![(0usize, document, String::new())];
    // An explicit stack: documents are parsed within the depth limit, but walking must never be
    // the thing that overflows.
    while let Some((shape_index, node, pointer)) = stack.pop() {
        if warnings.len() >= MAX_WARNINGS {
            break;
        }
        let Some(shape) = shapes.get(shape_index) else {
            continue;
        };
        match node {
            Node::Object(object) => {
                let mut children = Vec::new();
                for (key, value) in object.iter() {
                    let child = || format!("{pointer}/{}", escape_token(key));
                    match shape
                        .properties
                        .binary_search_by(|(name, _)| name.cmp(&key))
                    {
                        Ok(found) => children.push((shape.properties[found].1, value, child())),
                        Err(_) if shape.open || warnings.len() >= MAX_WARNINGS => {}
                        // An undocumented key is the document's data: printed as `*`.
                        Err(_) => warnings.push(ValidationError {
                            instance_path: format!("{pointer}/*"),
                            exact_path: Some(child()),
                            schema_location: schema_location.to_owned(),
                            keyword: UNDOCUMENTED,
                            kind: ErrorKind::Undocumented {
                                pointer: format!("{pointer}/*"),
                            },
                            branch: None,
                            because: None,
                        }),
                    }
                }
                stack.extend(children.into_iter().rev());
            }
            Node::Array(items) => {
                if let Some(items_shape) = shape.items {
                    let children = items
                        .iter()
                        .enumerate()
                        .map(|(index, item)| (items_shape, item, format!("{pointer}/{index}")));
                    let children: Vec<_> = children.collect();
                    stack.extend(children.into_iter().rev());
                }
            }
            _ => {}
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    static SHAPES: &[Shape] = &[
        Shape {
            properties: &[("customer", 1), ("extra", 2), ("list", 3)],
            items: None,
            open: false,
        },
        Shape {
            properties: &[("firstName", 2)],
            items: None,
            open: false,
        },
        Shape {
            properties: &[],
            items: None,
            open: true,
        },
        Shape {
            properties: &[],
            items: Some(1),
            open: false,
        },
    ];

    #[test]
    fn undocumented_keys_are_named_by_pointer_in_document_order() {
        let value = serde_json::json!({
            "customer": {"firstname": "JOLEEN", "firstName": "J"},
            "favouriteColour": "blue",
            "extra": {"anything": 1},
            "list": [{"firstName": "x"}, {"a/b": 1}]
        });
        let node = Node::from_value(&value);
        let documented = Documented {
            schema_location: "schemas/x.json#",
            shapes: SHAPES,
        };
        let warnings = undocumented(&documented, &node);
        let pointers: Vec<&str> = warnings.iter().map(|w| w.exact_instance_path()).collect();
        assert_eq!(
            pointers,
            ["/favouriteColour", "/customer/firstname", "/list/1/a~1b"]
        );
        assert_eq!(
            warnings[1].to_string(),
            "/customer/*: property `/customer/*` is not documented: the provider may ignore it [x-undocumented]"
        );
        assert!(warnings
            .iter()
            .all(|w| !w.to_string().contains("JOLEEN") && !w.to_string().contains("blue")));
    }

    #[test]
    fn warnings_stop_at_the_cap() {
        let members: serde_json::Map<String, serde_json::Value> = (0..5000)
            .map(|i| (format!("k{i}"), serde_json::json!(i)))
            .collect();
        let value = serde_json::Value::Object(members);
        let documented = Documented {
            schema_location: "schemas/x.json#",
            shapes: SHAPES,
        };
        let warnings = undocumented(&documented, &Node::from_value(&value));
        assert_eq!(warnings.len(), super::MAX_WARNINGS);
    }
}
