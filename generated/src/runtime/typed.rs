//! Each registry entry's Rust type, behind one object-safe trait: code that knows a schema only by
//! its id (`cargo xtask validate`, tests that cover every registered body) reaches its typed parse
//! without naming the type. Values come back re-serialized as JSON.

use super::to_node::ToTree;
use super::{single_pass, Direction, Limits, Rejection, Schema, ValidationErrors, Warning};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::fmt::Debug;
use std::marker::PhantomData;

/// What a body's Rust type makes of bytes, by each way of reading them.
pub trait TypedBody: Sync {
    /// The Rust type's name, as the generated module declares it.
    fn type_name(&self) -> &'static str;
    /// `from_slice` into the type: the value as JSON and its `Debug` text.
    fn parse(&self, bytes: &[u8]) -> Result<(Value, String), Rejection>;
    /// A response read tolerantly (`from_response`): the value as JSON and its warnings. A
    /// request keeps every rule: it is read by `from_slice`, with no warning.
    fn read(&self, bytes: &[u8]) -> Result<(Value, Vec<Warning>), Rejection>;
    /// `from_slice_in_one_pass` into the type, as JSON.
    fn parse_in_one_pass(&self, bytes: &[u8], limits: Limits) -> Result<Value, Rejection>;
    /// What the single pass alone makes: `None` when it rejects or cannot decide.
    fn single_pass(&self, bytes: &[u8], limits: Limits) -> Option<Value>;
    /// serde_json's parse into the type (the types' own checks only), as JSON.
    fn serde_only(&self, bytes: &[u8]) -> Result<Value, String>;
    /// For a value serde alone accepts: validating it natively (`runtime::validate`) and
    /// through its JSON (`validate_value`). `None` when serde refuses the bytes.
    fn validations(&self, bytes: &[u8]) -> Option<(ValidationVerdict, ValidationVerdict)>;
}

impl Debug for dyn TypedBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Typed<{}>", self.type_name())
    }
}

/// The result of one validation.
pub type ValidationVerdict = Result<(), ValidationErrors>;

/// The handle of one generated type; registry entries point at `&Typed::<T>::HANDLE`.
pub struct Typed<T>(PhantomData<fn() -> T>);

impl<T> Typed<T> {
    /// The one value of the handle, for a `&'static dyn TypedBody`.
    pub const HANDLE: Self = Typed(PhantomData);
}

fn json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

impl<T> TypedBody for Typed<T>
where
    T: Schema + ToTree + DeserializeOwned + Serialize + Debug,
{
    fn type_name(&self) -> &'static str {
        let full = std::any::type_name::<T>();
        full.rsplit("::").next().unwrap_or(full)
    }

    fn parse(&self, bytes: &[u8]) -> Result<(Value, String), Rejection> {
        super::from_slice::<T>(bytes).map(|value| (json(&value), format!("{value:?}")))
    }

    fn read(&self, bytes: &[u8]) -> Result<(Value, Vec<Warning>), Rejection> {
        match T::DIRECTION {
            Direction::Response => super::response::read_tolerantly::<T>(bytes, Limits::default())
                .map(|parsed| (json(&parsed.value), parsed.warnings)),
            Direction::Request => {
                super::from_slice::<T>(bytes).map(|value| (json(&value), Vec::new()))
            }
        }
    }

    fn parse_in_one_pass(&self, bytes: &[u8], limits: Limits) -> Result<Value, Rejection> {
        super::from_slice_in_one_pass::<T>(bytes, limits).map(|value| json(&value))
    }

    fn single_pass(&self, bytes: &[u8], limits: Limits) -> Option<Value> {
        single_pass::typed::<T>(bytes, T::READ_PLAN, limits).map(|value| json(&value))
    }

    fn serde_only(&self, bytes: &[u8]) -> Result<Value, String> {
        serde_json::from_slice::<T>(bytes)
            .map(|value| json(&value))
            .map_err(|err| err.to_string())
    }

    fn validations(&self, bytes: &[u8]) -> Option<(ValidationVerdict, ValidationVerdict)> {
        let value = serde_json::from_slice::<T>(bytes).ok()?;
        let native = super::validate(&value);
        let via_json = super::validate_value::<T>(&json(&value));
        Some((native, via_json))
    }
}
