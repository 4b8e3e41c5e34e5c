//! Rust names come from JSON names: typify turns each property into a snake_case field and each
//! definition into a PascalCase type, so different JSON names can meet in one Rust name
//! (`firstName`, `first_name`, `FirstName`; `a-b`, `a_b`, `a b`; `Foo`, `foo`), and the generated
//! code would not compile. Such schemas are refused here, with both JSON names, before typify runs.

use crate::error::{pointer_push, SchemaError};
use heck::{ToPascalCase, ToSnakeCase};
use serde_json::Value;
use std::collections::BTreeMap;

/// Every pair of names that would meet in one Rust name, anywhere in the document.
pub(crate) fn name_collisions(file: &str, document: &Value) -> Vec<SchemaError> {
    let mut errors = Vec::new();
    let mut stack = vec![(String::new(), document)];
    while let Some((pointer, node)) = stack.pop() {
        match node {
            Value::Object(map) => {
                for (keyword, to_case, what) in [
                    ("properties", rust_name as fn(&str, Case) -> String, "field"),
                    ("$defs", rust_name, "type"),
                ] {
                    if let Some(Value::Object(names)) = map.get(keyword) {
                        let case = if keyword == "properties" {
                            Case::Snake
                        } else {
                            Case::Pascal
                        };
                        let at = pointer_push(&pointer, keyword);
                        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
                        for name in names.keys() {
                            let rust = to_case(name, case);
                            if let Some(first) = seen.insert(rust.clone(), name) {
                                errors.push(SchemaError::new(file, &at, format!("`{first}` and `{name}` would both be the Rust {what} `{rust}`; the generated code cannot hold both")));
                            }
                        }
                    }
                }
                for (key, child) in map {
                    stack.push((pointer_push(&pointer, key), child));
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    stack.push((pointer_push(&pointer, &index.to_string()), child));
                }
            }
            _ => {}
        }
    }
    errors.sort();
    errors
}

#[derive(Clone, Copy)]
enum Case {
    Snake,
    Pascal,
}

/// The Rust name typify gives a JSON name (its `sanitize`): characters that cannot continue an
/// identifier become word breaks, the case is applied, a name that cannot start an identifier
/// gets an `x` in front, and a keyword gets `_` after.
fn rust_name(name: &str, case: Case) -> String {
    let cleaned: String = name
        .replace('\'', "")
        .chars()
        .map(|c| {
            if unicode_ident::is_xid_continue(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let apply = |text: &str| match case {
        Case::Snake => text.to_snake_case(),
        Case::Pascal => text.to_pascal_case(),
    };
    let out = match name {
        "+1" => "plus1".to_owned(),
        "-1" => "minus1".to_owned(),
        _ => apply(&cleaned),
    };
    let out = match out.chars().next() {
        None => apply("x"),
        Some(c) if unicode_ident::is_xid_start(c) => out,
        Some(_) => format!("{}{out}", apply("x")),
    };
    if syn::parse_str::<syn::Ident>(&out).is_ok() && out != "_" {
        out
    } else {
        format!("{out}_")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_that_meet_in_rust_are_found() {
        assert_eq!(rust_name("firstName", Case::Snake), "first_name");
        assert_eq!(rust_name("type", Case::Snake), "type_");
        assert_eq!(rust_name("", Case::Snake), "x");
        assert_eq!(rust_name("MONTHLY", Case::Pascal), "Monthly");
        let document = json!({
            "properties": {"firstName": {}, "first_name": {}, "FirstName": {}, "a-b": {}, "a b": {}, "self": {}, "Self": {}},
            "$defs": {"Foo": {"properties": {"x": {}}}, "foo": {}}
        });
        let errors: Vec<String> = name_collisions("s.json", &document)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(errors.len(), 5, "{errors:#?}");
        assert!(errors.contains(&"s.json: /properties: `firstName` and `first_name` would both be the Rust field `first_name`; the generated code cannot hold both".to_owned()), "{errors:#?}");
        assert!(
            errors.iter().any(|e| e
                .starts_with("s.json: /$defs: `Foo` and `foo` would both be the Rust type `Foo`")),
            "{errors:#?}"
        );
        assert!(name_collisions("s.json", &json!({"properties": {"a": {}, "b": {}}})).is_empty());
    }
}
