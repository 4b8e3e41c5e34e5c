//! A `serde_json::Value` built in code from the input, wrapped in up to 65,535 levels of arrays
//! (deeper than any parser would build): validating it against every schema must not panic or
//! overflow the stack, and every validation entry point must give the same verdict.
#![no_main]

use generated::runtime::{self, Limits};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let (depth, body) = match data {
        [high, low, rest @ ..] => (usize::from(*high) << 8 | usize::from(*low), rest),
        _ => (0, data),
    };
    let mut value = serde_json::from_slice::<Value>(body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()));
    for _ in 0..depth {
        value = Value::Array(vec![value]);
    }
    for entry in generated::schemas() {
        let valid = entry.validate_with(&value, Limits::default()).is_ok();
        if let Ok(node) = runtime::Node::from_value_within(&value, Limits::default().max_depth) {
            assert_eq!(valid, entry.is_valid_node(&node), "{}", entry.id);
        } else {
            assert!(!valid, "{}: too deep, yet valid", entry.id);
        }
    }
    runtime::node::drop_without_recursion(value);
});
