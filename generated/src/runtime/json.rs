//! JSON value helpers with JSON Schema semantics (1 and 1.0 are equal, 1.0 is an integer).

use super::node::Node;
use serde_json::{Number, Value};

/// True for numbers with no fractional part, including `1.0`.
pub fn is_integer(number: &Number) -> bool {
    number.is_i64()
        || number.is_u64()
        || number
            .as_f64()
            .is_some_and(|f| f.is_finite() && f.fract() == 0.0)
}

/// Structural equality where numbers compare by value.
pub fn equal(a: &Node<'_>, b: &Node<'_>) -> bool {
    match (a, b) {
        (Node::Number(x), Node::Number(y)) => numbers_equal(x, y),
        (Node::Array(x), Node::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| equal(a, b))
        }
        (Node::Object(x), Node::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, a)| y.get(key).is_some_and(|b| equal(a, b)))
        }
        _ => a == b,
    }
}

/// Equality between a schema constant and a document value.
pub fn equal_to_constant(constant: &Value, value: &Node<'_>) -> bool {
    equal(&Node::from_value(constant), value)
}

fn numbers_equal(x: &Number, y: &Number) -> bool {
    match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
        (Some(a), Some(b), _, _) => a == b,
        (_, _, Some(a), Some(b)) => a == b,
        _ => x.as_f64() == y.as_f64(),
    }
}

/// The number as f64 (precision beyond 2^53 is not needed by any documented limit).
#[inline]
pub fn as_f64(number: &Number) -> f64 {
    number.as_f64().unwrap_or(f64::NAN)
}

/// True when `number` is an integer multiple of `divisor` (> 0).
pub fn is_multiple_of(number: &Number, divisor: f64) -> bool {
    if divisor.fract() == 0.0 && divisor <= i64::MAX as f64 {
        if let Some(n) = number.as_i64() {
            return n % (divisor as i64) == 0;
        }
        if let Some(n) = number.as_u64() {
            return n % (divisor as u64) == 0;
        }
    }
    let quotient = as_f64(number) / divisor;
    if !quotient.is_finite() {
        return false;
    }
    // Decimal divisors such as 0.01 are not exact in binary; accept the nearest whole quotient.
    (quotient - quotient.round()).abs() <= 1e-9 * quotient.abs().max(1.0)
}

/// Length in Unicode code points, as JSON Schema counts it.
#[inline]
pub fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// True when the string is empty or only white space, as ECMA-262 `\s` defines it.
pub fn is_only_whitespace(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(
            c,
            '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
                ..='\u{200a}'
                    | '\u{2028}'
                    | '\u{2029}'
                    | '\u{202f}'
                    | '\u{205f}'
                    | '\u{3000}'
                    | '\u{feff}'
        )
    })
}

/// The first pair of equal items (smallest first index, then smallest second), for
/// `uniqueItems`. Items are grouped by a hash that agrees with [`equal`], so the work is
/// O(n log n) plus the comparisons within a group, not O(n²).
pub fn first_duplicate(items: &[Node<'_>]) -> Option<(usize, usize)> {
    const SCAN_LIMIT: usize = 16;
    if items.len() <= SCAN_LIMIT {
        return (0..items.len()).find_map(|i| {
            (i + 1..items.len())
                .find(|&j| equal(&items[i], &items[j]))
                .map(|j| (i, j))
        });
    }
    let hashes: Vec<u64> = items.iter().map(canonical_hash).collect();
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (hashes[i], i));
    let mut first: Option<(usize, usize)> = None;
    for group in order.chunk_by(|a, b| hashes[*a] == hashes[*b]) {
        for (at, &i) in group.iter().enumerate() {
            if first.is_some_and(|(found, _)| i >= found) {
                break;
            }
            if let Some(&j) = group[at + 1..]
                .iter()
                .find(|&&j| equal(&items[i], &items[j]))
            {
                first = Some((i, j));
                break;
            }
        }
    }
    first
}

/// A hash on which [`equal`] values agree: numbers by value (`1` and `1.0` alike), objects
/// whatever their member order.
fn canonical_hash(node: &Node<'_>) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut hasher = DefaultHasher::new();
    match node {
        Node::Null => 0u8.hash(&mut hasher),
        Node::Bool(b) => (1u8, b).hash(&mut hasher),
        Node::Number(n) => {
            let value = as_f64(n);
            // -0.0 equals 0.0.
            let value = if value == 0.0 { 0.0 } else { value };
            (2u8, value.to_bits()).hash(&mut hasher);
        }
        Node::String(s) => (3u8, s.as_ref()).hash(&mut hasher),
        Node::Array(items) => {
            4u8.hash(&mut hasher);
            items
                .iter()
                .for_each(|item| canonical_hash(item).hash(&mut hasher));
        }
        Node::Object(object) => {
            let members = object.iter().fold(0u64, |sum, (key, value)| {
                let mut member = DefaultHasher::new();
                (key, canonical_hash(value)).hash(&mut member);
                sum.wrapping_add(member.finish())
            });
            (5u8, object.len(), members).hash(&mut hasher);
        }
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equality_follows_json_schema() {
        let eq = |a: Value, b: Value| equal(&Node::from_value(&a), &Node::from_value(&b));
        assert!(eq(json!(1), json!(1.0)));
        assert!(eq(json!({"a": [1, 2]}), json!({"a": [1.0, 2]})));
        assert!(!eq(json!([1]), json!([true])));
        assert!(!eq(json!(0), json!(false)));
        assert!(equal_to_constant(
            &json!({"b": 1, "a": 2}),
            &Node::from_value(&json!({"a": 2.0, "b": 1}))
        ));
    }

    #[test]
    fn duplicates_are_found_as_the_pairwise_scan_finds_them() {
        let scan = |items: &[Node<'_>]| {
            (0..items.len()).find_map(|i| {
                (i + 1..items.len())
                    .find(|&j| equal(&items[i], &items[j]))
                    .map(|j| (i, j))
            })
        };
        let cases = [
            json!([1, 2, 3, {"a": 1, "b": [1.0]}, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, {"b": [1], "a": 1.0}, 3]),
            json!((0..40)
                .map(|i| json!([i % 17, {"k": i % 13}]))
                .collect::<Vec<_>>()),
            json!((0..40)
                .map(|i| json!(format!("item {i}")))
                .collect::<Vec<_>>()),
            json!((0..40)
                .map(|i| if i == 39 { json!(-0.0) } else { json!(i + 1) })
                .chain([json!(0)])
                .collect::<Vec<_>>()),
        ];
        for case in cases {
            let node = Node::from_value(&case);
            let Node::Array(items) = &node else {
                unreachable!()
            };
            assert_eq!(first_duplicate(items), scan(items), "{case}");
        }
        // Many distinct items: found (none) without comparing every pair.
        let distinct = json!((0..50_000).collect::<Vec<_>>());
        let node = Node::from_value(&distinct);
        let Node::Array(items) = &node else {
            unreachable!()
        };
        assert_eq!(first_duplicate(items), None);
    }

    #[test]
    fn multiple_of_handles_decimals() {
        let n = |v: f64| Number::from_f64(v).unwrap();
        assert!(is_multiple_of(&n(0.0075), 0.0001));
        assert!(!is_multiple_of(&n(0.00751), 0.0001));
        assert!(is_multiple_of(&Number::from(10), 2.0));
        assert!(!is_multiple_of(&Number::from(7), 2.0));
    }

    #[test]
    fn whitespace_is_ecmascript_whitespace() {
        assert!(is_only_whitespace(" \t\u{a0}\u{feff}"));
        assert!(is_only_whitespace(""));
        assert!(!is_only_whitespace(" a "));
    }
}
