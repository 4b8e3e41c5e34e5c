//! The validators' tree built straight from a value built in Rust, the same tree its JSON would
//! parse into, so the errors are the same. Generated types implement [`ToTree`], which borrows
//! every string from the value (no copy, no `serde_json::Value`); [`to_node`], a
//! `serde::Serializer`, serves any other `Serialize` type, copying strings.

use super::node::{Node, Object};
use serde::ser::{self, Serialize};
use std::borrow::Cow;
use std::fmt;

/// Why a value could not become a tree: a map key that is not a string, or a serializer error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToNodeError(String);

impl fmt::Display for ToNodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ToNodeError {}

impl ser::Error for ToNodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ToNodeError(msg.to_string())
    }
}

/// A value that lends itself to the validators as a tree. Generated types implement it field by
/// field, following their serde attributes (`rename`, `skip_serializing_if`, `tag`, `untagged`).
pub trait ToTree {
    /// The tree the value's JSON would parse into, borrowing from the value.
    fn to_tree(&self) -> Node<'_>;
}

impl ToTree for String {
    fn to_tree(&self) -> Node<'_> {
        Node::String(Cow::Borrowed(self))
    }
}

impl ToTree for bool {
    fn to_tree(&self) -> Node<'_> {
        Node::Bool(*self)
    }
}

macro_rules! integer_trees {
    ($($t:ty),*) => {$(
        impl ToTree for $t {
            fn to_tree(&self) -> Node<'_> {
                number(*self)
            }
        }
    )*};
}
integer_trees!(i8, i16, i32, i64, u8, u16, u32, u64);

impl ToTree for f64 {
    fn to_tree(&self) -> Node<'_> {
        float(*self)
    }
}

impl ToTree for f32 {
    fn to_tree(&self) -> Node<'_> {
        float(f64::from(*self))
    }
}

impl<T: ToTree> ToTree for Option<T> {
    fn to_tree(&self) -> Node<'_> {
        self.as_ref().map_or(Node::Null, ToTree::to_tree)
    }
}

impl<T: ToTree> ToTree for Vec<T> {
    fn to_tree(&self) -> Node<'_> {
        Node::Array(self.iter().map(ToTree::to_tree).collect())
    }
}

impl<T: ToTree> ToTree for Box<T> {
    fn to_tree(&self) -> Node<'_> {
        (**self).to_tree()
    }
}

impl<T: ToTree, S> ToTree for std::collections::HashMap<String, T, S> {
    fn to_tree(&self) -> Node<'_> {
        members(self.iter())
    }
}

impl<T: ToTree> ToTree for std::collections::BTreeMap<String, T> {
    fn to_tree(&self) -> Node<'_> {
        members(self.iter())
    }
}

fn members<'v, T: ToTree + 'v>(entries: impl Iterator<Item = (&'v String, &'v T)>) -> Node<'v> {
    Node::Object(Object::from_members(
        entries
            .map(|(key, value)| (Cow::Borrowed(key.as_str()), value.to_tree()))
            .collect(),
    ))
}

impl ToTree for serde_json::Value {
    fn to_tree(&self) -> Node<'_> {
        Node::from_value(self)
    }
}

impl ToTree for serde_json::Map<String, serde_json::Value> {
    fn to_tree(&self) -> Node<'_> {
        members(self.iter())
    }
}

impl<T: ToTree> ToTree for super::Sensitive<T> {
    fn to_tree(&self) -> Node<'_> {
        self.expose().to_tree()
    }
}

/// The members of an object being lent as a tree, pushed field by field by generated
/// `ToTree` implementations, in serde's order.
#[derive(Debug)]
pub struct Members<'v>(Vec<(Cow<'v, str>, Node<'v>)>);

impl<'v> Members<'v> {
    /// Room for `capacity` members.
    pub fn with_capacity(capacity: usize) -> Members<'v> {
        Members(Vec::with_capacity(capacity))
    }

    /// Member `name`, the tree of `value`.
    #[inline]
    pub fn field<T: ToTree + ?Sized>(&mut self, name: &'static str, value: &'v T) {
        self.0.push((Cow::Borrowed(name), value.to_tree()));
    }

    /// Member `name` when `value` is `Some` (serde's `skip_serializing_if = "Option::is_none"`).
    #[inline]
    pub fn optional<T: ToTree>(&mut self, name: &'static str, value: &'v Option<T>) {
        if let Some(value) = value {
            self.field(name, value);
        }
    }

    /// Member `name`, a string the type names (a tag).
    pub fn tag(&mut self, name: &'static str, text: &'static str) {
        self.0.push((Cow::Borrowed(name), constant(text)));
    }

    /// The object.
    pub fn finish(self) -> Node<'v> {
        Node::Object(Object::from_members(self.0))
    }
}

/// A string the type names (an enum value, a tag), for generated `ToTree` implementations.
pub fn constant(text: &'static str) -> Node<'static> {
    Node::String(Cow::Borrowed(text))
}

/// The tree `value` serializes to.
pub fn to_node<T: Serialize + ?Sized>(value: &T) -> Result<Node<'static>, ToNodeError> {
    value.serialize(NodeSerializer)
}

struct NodeSerializer;

fn number(n: impl Into<serde_json::Number>) -> Node<'static> {
    Node::Number(n.into())
}

fn float(f: f64) -> Node<'static> {
    // As serde_json: a number that JSON cannot hold becomes null.
    serde_json::Number::from_f64(f).map_or(Node::Null, Node::Number)
}

/// One member, keyed by a variant or field name.
fn wrapped(key: &'static str, value: Node<'static>) -> Node<'static> {
    Node::Object(Object::from_members(vec![(Cow::Borrowed(key), value)]))
}

impl ser::Serializer for NodeSerializer {
    type Ok = Node<'static>;
    type Error = ToNodeError;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Seq;
    type SerializeMap = Map;
    type SerializeStruct = Map;
    type SerializeStructVariant = Map;

    fn serialize_bool(self, v: bool) -> Result<Node<'static>, ToNodeError> {
        Ok(Node::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Node<'static>, ToNodeError> {
        Ok(number(v))
    }
    fn serialize_i16(self, v: i16) -> Result<Node<'static>, ToNodeError> {
        Ok(number(v))
    }
    fn serialize_i32(self, v: i32) -> Result<Node<'static>, ToNodeError> {
        Ok(number(v))
    }
    fn serialize_i64(self, v: i64) -> Result<Node<'static>, ToNodeError> {
        Ok(number(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Node<'static>, ToNodeError> {
        Ok(number(v))
    }
    fn serialize_u16(self, v: u16) -> Result<Node<'static>, ToNodeError> {
        Ok(number(v))
    }
    fn serialize_u32(self, v: u32) -> Result<Node<'static>, ToNodeError> {
        Ok(number(v))
    }
    fn serialize_u64(self, v: u64) -> Result<Node<'static>, ToNodeError> {
        Ok(number(v))
    }
    fn serialize_f32(self, v: f32) -> Result<Node<'static>, ToNodeError> {
        Ok(float(f64::from(v)))
    }
    fn serialize_f64(self, v: f64) -> Result<Node<'static>, ToNodeError> {
        Ok(float(v))
    }
    fn serialize_char(self, v: char) -> Result<Node<'static>, ToNodeError> {
        Ok(Node::String(Cow::Owned(v.to_string())))
    }
    fn serialize_str(self, v: &str) -> Result<Node<'static>, ToNodeError> {
        Ok(Node::String(Cow::Owned(v.to_owned())))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Node<'static>, ToNodeError> {
        Ok(Node::Array(v.iter().map(|&b| number(b)).collect()))
    }
    fn serialize_none(self) -> Result<Node<'static>, ToNodeError> {
        Ok(Node::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(
        self,
        value: &T,
    ) -> Result<Node<'static>, ToNodeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Node<'static>, ToNodeError> {
        Ok(Node::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Node<'static>, ToNodeError> {
        Ok(Node::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Node<'static>, ToNodeError> {
        Ok(Node::String(Cow::Borrowed(variant)))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Node<'static>, ToNodeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Node<'static>, ToNodeError> {
        Ok(wrapped(variant, value.serialize(self)?))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq, ToNodeError> {
        Ok(Seq {
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant: None,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq, ToNodeError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq, ToNodeError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Seq, ToNodeError> {
        Ok(Seq {
            items: Vec::with_capacity(len),
            variant: Some(variant),
        })
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Map, ToNodeError> {
        Ok(Map::new(len.unwrap_or(0), None))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Map, ToNodeError> {
        Ok(Map::new(len, None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Map, ToNodeError> {
        Ok(Map::new(len, Some(variant)))
    }
}

/// An array under construction (wrapped in its variant's name for a tuple variant).
struct Seq {
    items: Vec<Node<'static>>,
    variant: Option<&'static str>,
}

impl Seq {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToNodeError> {
        self.items.push(value.serialize(NodeSerializer)?);
        Ok(())
    }
    fn finish(self) -> Node<'static> {
        let array = Node::Array(self.items);
        match self.variant {
            Some(variant) => wrapped(variant, array),
            None => array,
        }
    }
}

/// The four serde traits of a sequence differ only in the name of the method that adds an item.
macro_rules! sequence_serializers {
    ($($trait_name:ident :: $method:ident),*) => {$(
        impl ser::$trait_name for Seq {
            type Ok = Node<'static>;
            type Error = ToNodeError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToNodeError> {
                self.push(value)
            }
            fn end(self) -> Result<Node<'static>, ToNodeError> {
                Ok(self.finish())
            }
        }
    )*};
}
sequence_serializers!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// An object under construction (wrapped in its variant's name for a struct variant).
struct Map {
    members: Vec<(Cow<'static, str>, Node<'static>)>,
    pending_key: Option<Cow<'static, str>>,
    variant: Option<&'static str>,
}

impl Map {
    fn new(len: usize, variant: Option<&'static str>) -> Map {
        Map {
            members: Vec::with_capacity(len),
            pending_key: None,
            variant,
        }
    }

    /// As serde_json's map: a later member of the same name replaces the earlier one in place.
    fn insert(&mut self, key: Cow<'static, str>, value: Node<'static>) {
        match self.members.iter_mut().find(|(k, _)| *k == key) {
            Some(member) => member.1 = value,
            None => self.members.push((key, value)),
        }
    }

    fn finish(self) -> Node<'static> {
        let object = Node::Object(Object::from_members(self.members));
        match self.variant {
            Some(variant) => wrapped(variant, object),
            None => object,
        }
    }
}

impl ser::SerializeMap for Map {
    type Ok = Node<'static>;
    type Error = ToNodeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), ToNodeError> {
        match key.serialize(NodeSerializer)? {
            Node::String(key) => {
                self.pending_key = Some(key);
                Ok(())
            }
            Node::Number(n) => {
                self.pending_key = Some(Cow::Owned(n.to_string()));
                Ok(())
            }
            Node::Bool(b) => {
                self.pending_key = Some(Cow::Owned(b.to_string()));
                Ok(())
            }
            _ => Err(ToNodeError("a map key must be a string".to_owned())),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToNodeError> {
        let key = self
            .pending_key
            .take()
            .ok_or_else(|| ToNodeError("a map value came before its key".to_owned()))?;
        let value = value.serialize(NodeSerializer)?;
        self.insert(key, value);
        Ok(())
    }
    fn end(self) -> Result<Node<'static>, ToNodeError> {
        Ok(self.finish())
    }
}

impl ser::SerializeStruct for Map {
    type Ok = Node<'static>;
    type Error = ToNodeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ToNodeError> {
        let value = value.serialize(NodeSerializer)?;
        self.insert(Cow::Borrowed(key), value);
        Ok(())
    }
    fn end(self) -> Result<Node<'static>, ToNodeError> {
        Ok(self.finish())
    }
}

impl ser::SerializeStructVariant for Map {
    type Ok = Node<'static>;
    type Error = ToNodeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ToNodeError> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<Node<'static>, ToNodeError> {
        Ok(self.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    #[serde(tag = "kind")]
    enum Tagged {
        #[serde(rename = "a")]
        A { name: String, extra: Option<u8> },
    }

    #[derive(Serialize)]
    struct Sample {
        text: &'static str,
        numbers: Vec<f64>,
        nan: f64,
        tagged: Tagged,
        map: BTreeMap<String, i64>,
        unit: (),
        variant: Shape,
        bytes: [u8; 2],
    }

    #[derive(Serialize)]
    enum Shape {
        Pair(u8, u8),
    }

    #[test]
    fn the_tree_is_what_serde_json_makes() {
        let sample = Sample {
            text: "x",
            numbers: vec![1.0, 2.5, -0.0],
            nan: f64::NAN,
            tagged: Tagged::A {
                name: "n".into(),
                extra: None,
            },
            map: BTreeMap::from([("k".to_owned(), -3)]),
            unit: (),
            variant: Shape::Pair(1, 2),
            bytes: [7, 8],
        };
        let expected = serde_json::to_value(&sample).unwrap();
        assert_eq!(to_node(&sample).unwrap(), Node::from_value(&expected));
    }
}
