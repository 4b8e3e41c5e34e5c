//! Structure-aware mutations of doc examples, shared by the differential, fuzz and redaction tests.

use proptest::prelude::*;
use serde_json::{json, Value};

/// One change to a document.
#[derive(Debug, Clone)]
pub enum Mutation {
    Remove,
    Replace(Value),
    Append(&'static str),
    Truncate,
    Repeat(usize),
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::Remove),
        prop::sample::select(vec![
            Value::Null,
            json!(true),
            json!(0),
            json!(-1),
            json!(1.5),
            json!(""),
            json!("   "),
            json!("x"),
            json!("SSN"),
            json!("USA"),
            json!("2029-02-30"),
            json!("1999-12-31T23:59:60Z"),
            json!([]),
            json!({}),
        ])
        .prop_map(Mutation::Replace),
        prop::sample::select(vec![
            "<", " ", "٣", "\n", "é", "0", "-", "@", "😀", "\u{a0}", "\u{2028}"
        ])
        .prop_map(Mutation::Append),
        Just(Mutation::Truncate),
        (2usize..40).prop_map(Mutation::Repeat),
    ]
}

/// Every JSON pointer in the document except the root, in document order.
pub fn pointers(value: &Value, at: &str, out: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k.replace('~', "~0").replace('/', "~1"), v))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => return,
    };
    for (token, child) in children {
        let here = format!("{at}/{token}");
        out.push(here.clone());
        pointers(child, &here, out);
    }
}

pub fn mutate(document: &Value, pointer: &str, mutation: &Mutation) -> Option<Value> {
    let mut copy = document.clone();
    let (parent, token) = pointer.rsplit_once('/')?;
    let key = token.replace("~1", "/").replace("~0", "~");
    match mutation {
        Mutation::Remove => match copy.pointer_mut(parent)? {
            Value::Object(map) => {
                map.remove(&key);
            }
            Value::Array(items) => {
                let index: usize = key.parse().ok()?;
                if index >= items.len() {
                    return None;
                }
                items.remove(index);
            }
            _ => return None,
        },
        Mutation::Replace(value) => *copy.pointer_mut(pointer)? = value.clone(),
        Mutation::Append(suffix) => match copy.pointer_mut(pointer)? {
            Value::String(s) => s.push_str(suffix),
            _ => return None,
        },
        Mutation::Truncate => match copy.pointer_mut(pointer)? {
            Value::String(s) => *s = s.chars().take(s.chars().count() / 2).collect(),
            _ => return None,
        },
        Mutation::Repeat(times) => match copy.pointer_mut(pointer)? {
            Value::String(s) => *s = s.repeat(*times),
            Value::Array(items) if !items.is_empty() => {
                *items = std::iter::repeat_n(items[0].clone(), *times).collect()
            }
            _ => return None,
        },
    }
    Some(copy)
}
