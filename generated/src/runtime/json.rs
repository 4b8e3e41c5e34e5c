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

/// The first pair of equal items, if any.
pub fn first_duplicate(items: &[Node<'_>]) -> Option<(usize, usize)> {
    for (i, a) in items.iter().enumerate() {
        for (j, b) in items.iter().enumerate().skip(i + 1) {
            if equal(a, b) {
                return Some((i, j));
            }
        }
    }
    None
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
