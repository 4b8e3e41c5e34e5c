//! Requests strict, responses tolerant: what a provider sends is read even where it departs
//! from the docs, and each departure is a warning with its pointer. A provider that adds a phone
//! type or returns a longer name must not turn every response into an error; the warnings are
//! what tells an integrator that the docs have changed.

use super::documented::{undocumented, Documented, MAX_WARNINGS};
use super::{
    parse_json, CheckFn, InstancePath, Limits, Node, Rejection, Report, Schema, ValidationError,
};
use serde::Deserialize;
use std::fmt;

/// Which way a documented body travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Sent to the provider: every rule is enforced.
    Request,
    /// Received from the provider: read tolerantly by [`from_response`].
    Response,
}

/// A response body's type. Its values that the docs may not list are `Tolerant`, and its
/// structs accept members the docs do not name.
pub trait Response: Schema {}

/// Something a response does that its docs do not describe. It never rejects the response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The provider sent a value the docs do not list (a new enum value, a longer string, a
    /// member the schema forbids): the rule it departs from, never the value.
    Drift(ValidationError),
    /// A member that no branch of the schema documents.
    Undocumented(ValidationError),
}

impl Warning {
    /// The rule and its location.
    pub fn error(&self) -> &ValidationError {
        match self {
            Warning::Drift(error) | Warning::Undocumented(error) => error,
        }
    }

    /// The warning in words, without the location.
    pub fn message(&self) -> String {
        match self {
            Warning::Drift(error) => format!(
                "the provider sent a value the docs do not list (the docs say: {})",
                error.message()
            ),
            Warning::Undocumented(error) => error.message(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error = self.error();
        let at = match error.instance_path.as_str() {
            "" => "(root)",
            pointer => pointer,
        };
        write!(f, "{at}: {} [{}]", self.message(), error.keyword)
    }
}

/// The JSON object the `validate` command prints for a warning: `warning` (`drift` or
/// `undocumented`), `instancePath`, `keyword`, `schemaLocation` and `message`.
impl serde::Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let error = self.error();
        let mut map = serializer.serialize_map(Some(5))?;
        let kind = match self {
            Warning::Drift(_) => "drift",
            Warning::Undocumented(_) => "undocumented",
        };
        map.serialize_entry("warning", kind)?;
        map.serialize_entry("instancePath", &error.instance_path)?;
        map.serialize_entry("keyword", error.keyword)?;
        map.serialize_entry("schemaLocation", &error.schema_location)?;
        map.serialize_entry("message", &self.message())?;
        map.end()
    }
}

/// A response read tolerantly: the typed value and every warning, drift first.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    /// The response as its Rust type.
    pub value: T,
    /// What it does that the docs do not describe, at most [`MAX_WARNINGS`] of each kind.
    pub warnings: Vec<Warning>,
}

/// Reads a response: bytes are parsed once into a tree, validated with drift kept apart as
/// warnings, and the type is read from the same tree. Only what the type cannot hold rejects
/// it: not JSON, too large, a wrong JSON type, a missing required member, a value that fits no
/// `oneOf` branch. For every rule as an error, use `runtime::from_slice` (strict mode).
pub fn from_response<'de, T: Response + Deserialize<'de>>(
    bytes: &'de [u8],
) -> Result<Parsed<T>, Rejection> {
    from_response_with(bytes, Limits::default())
}

/// As [`from_response`], with explicit limits.
pub fn from_response_with<'de, T: Response + Deserialize<'de>>(
    bytes: &'de [u8],
    limits: Limits,
) -> Result<Parsed<T>, Rejection> {
    read_tolerantly(bytes, limits)
}

/// [`from_response_with`] for any body; callers make sure it is a response.
pub(crate) fn read_tolerantly<'de, T: Schema + Deserialize<'de>>(
    bytes: &'de [u8],
    limits: Limits,
) -> Result<Parsed<T>, Rejection> {
    let node = parse_json(bytes, limits)?;
    let warnings =
        tolerant_check(T::check, &T::DOCUMENTED, &node, limits).map_err(Rejection::Invalid)?;
    let value = T::deserialize(&node)
        .map_err(|err| Rejection::NotJson(format!("document does not fit the Rust type: {err}")))?;
    Ok(Parsed { value, warnings })
}

/// The warnings of a response's tree, or its errors when anything besides drift is wrong.
pub(crate) fn tolerant_check(
    check: CheckFn,
    documented: &Documented,
    node: &Node<'_>,
    limits: Limits,
) -> Result<Vec<Warning>, super::ValidationErrors> {
    let mut report = Report::tolerant(limits);
    check(node, &InstancePath::Root, &mut report);
    let valid = report.is_valid();
    let (errors, drift) = report.into_errors_and_drift();
    if !valid {
        return Err(errors);
    }
    let mut warnings: Vec<Warning> = drift
        .into_iter()
        .take(MAX_WARNINGS)
        .map(Warning::Drift)
        .collect();
    warnings.extend(
        undocumented(documented, node)
            .into_iter()
            .map(Warning::Undocumented),
    );
    Ok(warnings)
}

/// Warnings for every member of a JSON document that the docs of `S` do not document, read from
/// the bytes (one parse, no `serde_json::Value`). Not JSON or over the limits: no warning.
pub fn undocumented_in_bytes<S: Schema>(bytes: &[u8]) -> Vec<ValidationError> {
    match parse_json(bytes, Limits::default()) {
        Ok(node) => undocumented(&S::DOCUMENTED, &node),
        Err(_) => Vec::new(),
    }
}
