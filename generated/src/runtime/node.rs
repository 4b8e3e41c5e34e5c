//! A JSON tree that borrows its strings from the input: parsing it allocates only for arrays,
//! objects and escaped strings, which makes bytes-to-verdict much cheaper than `serde_json::Value`.
//! Objects keep their members in document order, and parsing rejects duplicate keys.

use super::error::{ErrorKind, ValidationError};
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde_json::Number;
use std::borrow::Cow;
use std::fmt;

/// A parsed JSON value whose strings borrow from the input where they can.
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as serde_json holds it.
    Number(Number),
    /// A string, borrowed from the input unless it had escapes.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Node<'a>>),
    /// An object.
    Object(Object<'a>),
}

/// JSON object members in document order, without duplicate keys.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Object<'a> {
    members: Vec<(Cow<'a, str>, Node<'a>)>,
}

/// String equality that rules most keys out by length and first byte before comparing bytes.
#[inline]
pub(crate) fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

impl<'a> Object<'a> {
    /// An object of these members, in this order. Keys must be distinct.
    pub(crate) fn from_members(members: Vec<(Cow<'a, str>, Node<'a>)>) -> Object<'a> {
        Object { members }
    }

    /// The members, for reusing their storage.
    pub(crate) fn into_members(self) -> Vec<(Cow<'a, str>, Node<'a>)> {
        self.members
    }

    /// The value of member `key`.
    #[inline]
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.members
            .iter()
            .find(|(k, _)| same_key(k, key))
            .map(|(_, v)| v)
    }

    /// True when the object has member `key`.
    #[inline]
    pub fn contains_key(&self, key: &str) -> bool {
        self.members.iter().any(|(k, _)| same_key(k, key))
    }

    /// Number of members.
    #[inline]
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// True when the object has no member.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Members in document order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Node<'a>)> {
        self.members.iter().map(|(k, v)| (k.as_ref(), v))
    }
}

impl<'o, 'a> IntoIterator for &'o Object<'a> {
    type Item = (&'o str, &'o Node<'a>);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'o, (Cow<'a, str>, Node<'a>)>,
        fn(&'o (Cow<'a, str>, Node<'a>)) -> (&'o str, &'o Node<'a>),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.members.iter().map(|(k, v)| (k.as_ref(), v))
    }
}

#[allow(missing_docs)] // self-explanatory accessors mirroring serde_json::Value
impl<'a> Node<'a> {
    pub fn is_null(&self) -> bool {
        matches!(self, Node::Null)
    }
    pub fn is_boolean(&self) -> bool {
        matches!(self, Node::Bool(_))
    }
    pub fn is_number(&self) -> bool {
        matches!(self, Node::Number(_))
    }
    pub fn is_string(&self) -> bool {
        matches!(self, Node::String(_))
    }
    pub fn is_array(&self) -> bool {
        matches!(self, Node::Array(_))
    }
    pub fn is_object(&self) -> bool {
        matches!(self, Node::Object(_))
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            _ => None,
        }
    }
    /// Member `key` of an object; `None` for anything else.
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match self {
            Node::Object(object) => object.get(key),
            _ => None,
        }
    }

    /// A tree borrowing from `value`, when it nests no deeper than `max_depth` levels. The depth
    /// is measured without recursion, so a hostile value built in code cannot overflow the stack.
    /// Otherwise, the `depth` error at the first value past the limit (its keys redacted in the
    /// printed pointer: the walk does not know which ones the schema names).
    pub fn from_value_within(
        value: &'a serde_json::Value,
        max_depth: usize,
    ) -> Result<Node<'a>, Box<ValidationError>> {
        match first_too_deep(value, max_depth) {
            None => Ok(Node::from_value(value)),
            Some((exact, redacted)) => Err(Box::new(ValidationError {
                instance_path: redacted,
                exact_path: Some(exact),
                schema_location: String::new(),
                keyword: "depth",
                kind: ErrorKind::TooDeep { limit: max_depth },
                branch: None,
                because: None,
            })),
        }
    }

    /// A tree borrowing from an existing `serde_json::Value`. It recurses once per level: use
    /// [`Node::from_value_within`] on values from outside.
    pub fn from_value(value: &'a serde_json::Value) -> Node<'a> {
        match value {
            serde_json::Value::Null => Node::Null,
            serde_json::Value::Bool(b) => Node::Bool(*b),
            serde_json::Value::Number(n) => Node::Number(n.clone()),
            serde_json::Value::String(s) => Node::String(Cow::Borrowed(s)),
            serde_json::Value::Array(items) => {
                Node::Array(items.iter().map(Node::from_value).collect())
            }
            serde_json::Value::Object(map) => Node::Object(Object {
                members: map
                    .iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Node::from_value(v)))
                    .collect(),
            }),
        }
    }
}

/// The JSON pointer of the first value (in document order) that sits more than `limit` levels
/// deep inside `value`, found without recursion: exact, and with every key written as `*`.
fn first_too_deep(value: &serde_json::Value, limit: usize) -> Option<(String, String)> {
    type Children<'v> = Box<dyn Iterator<Item = ((String, String), &'v serde_json::Value)> + 'v>;
    fn children(value: &serde_json::Value) -> Children<'_> {
        match value {
            serde_json::Value::Array(items) => Box::new(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| ((i.to_string(), i.to_string()), v)),
            ),
            serde_json::Value::Object(map) => Box::new(
                map.iter()
                    .map(|(k, v)| ((super::path::escape_token(k), "*".to_owned()), v)),
            ),
            _ => Box::new(std::iter::empty()),
        }
    }
    let mut path: Vec<(String, String)> = Vec::new();
    let mut stack = vec![children(value)];
    while let Some(level) = stack.last_mut() {
        match level.next() {
            Some((segment, child)) => {
                path.push(segment);
                if path.len() > limit {
                    let exact = path.iter().map(|(s, _)| format!("/{s}")).collect();
                    let redacted = path.iter().map(|(_, s)| format!("/{s}")).collect();
                    return Some((exact, redacted));
                }
                stack.push(children(child));
            }
            None => {
                stack.pop();
                path.pop();
            }
        }
    }
    None
}

/// Drops a value level by level, so that a deep one cannot overflow the stack on the way out.
pub fn drop_without_recursion(value: serde_json::Value) {
    let mut stack = vec![value];
    while let Some(mut value) = stack.pop() {
        match &mut value {
            serde_json::Value::Array(items) => stack.append(items),
            serde_json::Value::Object(map) => {
                let members = std::mem::take(map);
                stack.extend(members.into_iter().map(|(_, v)| v));
            }
            _ => {}
        }
    }
}

// ---- parsing: strict (no duplicate keys), borrowing ----

impl<'de> de::Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

/// Tells whether a key is new among an object's members as they are read: a scan while the
/// object is small, then a set of the keys, which borrow the document and so copy no text (an
/// escaped key is copied once). The set's hasher is randomly keyed: keys are untrusted.
pub(crate) struct DistinctKeys<'de> {
    seen: Option<std::collections::HashSet<Cow<'de, str>>>,
}

impl<'de> DistinctKeys<'de> {
    /// Above this many members, a set instead of a scan.
    const SCAN_LIMIT: usize = 32;

    pub(crate) fn new() -> DistinctKeys<'de> {
        DistinctKeys { seen: None }
    }

    /// True when no key of `members` (the members read so far) is `key`.
    #[inline]
    #[allow(clippy::ptr_arg)] // the set keeps the `Cow` itself: a borrowed key is not copied
    pub(crate) fn is_new(
        &mut self,
        members: &[(Cow<'de, str>, Node<'de>)],
        key: &Cow<'de, str>,
    ) -> bool {
        match &mut self.seen {
            Some(seen) => seen.insert(key.clone()),
            None => !members.iter().any(|(k, _)| k == key),
        }
    }

    /// To call once a member is added: a large object is not scanned once per member.
    #[inline]
    pub(crate) fn added(&mut self, members: &[(Cow<'de, str>, Node<'de>)]) {
        if self.seen.is_none() && members.len() > Self::SCAN_LIMIT {
            self.seen = Some(members.iter().map(|(k, _)| k.clone()).collect());
        }
    }
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node<'de>, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node<'de>, E> {
        Ok(Node::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node<'de>, E> {
        Ok(Node::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node<'de>, E> {
        Ok(Number::from_f64(v).map_or(Node::Null, Node::Number))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Node<'de>, E> {
        Ok(Node::String(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node<'de>, E> {
        Ok(Node::String(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Node<'de>, E> {
        Ok(Node::String(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Node<'de>, A::Error> {
        let mut members: Vec<(Cow<'de, str>, Node<'de>)> = Vec::new();
        let mut distinct = DistinctKeys::new();
        while let Some(key) = access.next_key_seed(KeySeed)? {
            if !distinct.is_new(&members, &key) {
                // The key may be the document's data: the message gives its position only.
                return Err(de::Error::custom("duplicate key"));
            }
            let value = access.next_value()?;
            members.push((key, value));
            distinct.added(&members);
        }
        Ok(Node::Object(Object { members }))
    }
}

/// Deserializes an object key, borrowing it when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Cow<'de, str>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Cow::Borrowed(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

// ---- typed results: deserialize generated types straight from the tree ----

/// Why a tree did not fit a Rust type. Its text names the expected shape, never the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeError(String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError(msg.to_string())
    }
    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        // `Unexpected` can carry the value itself (a string, a number): keep only its kind.
        let kind = match unexpected {
            de::Unexpected::Str(_) | de::Unexpected::Char(_) => "a string",
            de::Unexpected::Unsigned(_) | de::Unexpected::Signed(_) | de::Unexpected::Float(_) => {
                "a number"
            }
            de::Unexpected::Bool(_) => "a boolean",
            de::Unexpected::Seq => "an array",
            de::Unexpected::Map => "an object",
            de::Unexpected::Unit => "null",
            _ => "another kind of value",
        };
        DeError(format!("invalid type: {kind}, expected {expected}"))
    }
    fn invalid_value(_: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        DeError(format!("invalid value, expected {expected}"))
    }
    // serde's defaults for these quote the value or the key, which may be personal data.
    fn unknown_variant(_: &str, expected: &'static [&'static str]) -> Self {
        DeError(format!(
            "unknown variant, expected one of {}",
            expected.join(", ")
        ))
    }
    fn unknown_field(_: &str, expected: &'static [&'static str]) -> Self {
        DeError(format!(
            "unknown field, expected one of {}",
            expected.join(", ")
        ))
    }
}

impl<'de> Deserializer<'de> for &Node<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(*b),
            // serde_json's own errors quote the number: keep only what was expected.
            Node::Number(n) => n.clone().deserialize_any(visitor).map_err(|_| {
                DeError("invalid type: a number that does not fit the expected type".to_owned())
            }),
            Node::String(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Node::String(Cow::Owned(s)) => visitor.visit_str(s),
            Node::Array(items) => {
                let mut seq = de::value::SeqDeserializer::new(items.iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Node::Object(object) => {
                let entries = object.members.iter().map(|(k, v)| (KeyDeserializer(k), v));
                let mut map = de::value::MapDeserializer::new(entries);
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self {
            Node::String(s) => visitor.visit_enum(s.as_ref().into_deserializer()),
            Node::Object(object) if object.len() == 1 => {
                let entries = object.members.iter().map(|(k, v)| (KeyDeserializer(k), v));
                visitor.visit_enum(de::value::MapAccessDeserializer::new(
                    de::value::MapDeserializer::new(entries),
                ))
            }
            _ => Err(de::Error::custom(
                "expected an enum variant name or a single-key object",
            )),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

impl<'de> IntoDeserializer<'de, DeError> for &Node<'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

/// An object key as a deserializer, borrowing when the key is borrowed.
struct KeyDeserializer<'a, 'de>(&'a Cow<'de, str>);

impl<'a, 'de> IntoDeserializer<'de, DeError> for KeyDeserializer<'a, 'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'a, 'de> Deserializer<'de> for KeyDeserializer<'a, 'de> {
    type Error = DeError;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_str(s),
        }
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Node<'_>, serde_json::Error> {
        serde_json::from_str(text)
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let node = parse(r#"{"a": "plain", "b": "esc\"aped"}"#).unwrap();
        assert!(matches!(
            node.get("a"),
            Some(Node::String(Cow::Borrowed("plain")))
        ));
        assert!(matches!(node.get("b"), Some(Node::String(Cow::Owned(s))) if s == "esc\"aped"));
    }

    #[test]
    fn duplicate_keys_are_rejected_in_small_and_large_objects() {
        assert!(parse(r#"{"a": 1, "a": 2}"#)
            .unwrap_err()
            .to_string()
            .starts_with("duplicate key at line 1 column"));
        let many: Vec<String> = (0..100).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!("{{{}, \"k7\": 0}}", many.join(","));
        assert!(parse(&text)
            .unwrap_err()
            .to_string()
            .starts_with("duplicate key at line 1 column"));
        assert!(parse(&format!("{{{}}}", many.join(","))).is_ok());
        // The same key written with an escape is the same key, in the set as in the scan.
        let escaped = format!("{{{}, \"k\\u0037\": 0}}", many.join(","));
        assert!(parse(&escaped)
            .unwrap_err()
            .to_string()
            .starts_with("duplicate key at line 1 column"));
        assert!(parse(r#"{"k7": 1, "k\u0037": 2}"#).is_err());
    }

    #[test]
    fn typed_values_come_straight_from_the_tree() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Row {
            name: String,
            tags: Vec<String>,
            note: Option<String>,
            count: u32,
        }
        let node = parse(r#"{"name": "n", "tags": ["a", "b"], "note": null, "count": 3}"#).unwrap();
        let row: Row = serde::Deserialize::deserialize(&node).unwrap();
        assert_eq!(
            row,
            Row {
                name: "n".into(),
                tags: vec!["a".into(), "b".into()],
                note: None,
                count: 3
            }
        );
        let wrong = parse(r#"{"name": "secret-123", "tags": [], "count": 3}"#).unwrap();
        let bad = parse(r#"{"name": 5, "tags": [], "count": "secret-123"}"#).unwrap();
        assert!(<Row as serde::Deserialize>::deserialize(&wrong).is_ok());
        let error = <Row as serde::Deserialize>::deserialize(&bad)
            .unwrap_err()
            .to_string();
        assert!(!error.contains("secret"), "{error}");
    }
}
