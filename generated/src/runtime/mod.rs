//! Hand-written support shared by all generated code: errors, paths, formats, regexes, and the
//! parse-and-validate entry points. Generated modules depend on this; it depends on nothing generated.

pub mod error;
pub mod formats;
pub mod json;
pub mod path;
pub mod regex;
pub mod report;
pub mod strict;

pub use error::{Branch, ErrorKind, ValidationError, ValidationErrors};
pub use path::InstancePath;
pub use report::{Limits, Report};

use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;
use std::fmt;

/// A documented request or response body with a generated validator.
pub trait Schema {
    /// `<provider>/<endpoint>` for a request, `<provider>/<endpoint>/response-<status>` for a response.
    const ID: &'static str;

    /// Checks `value` against every rule of the schema, writing violations into `report`.
    fn check(value: &Value, path: &InstancePath<'_>, report: &mut Report);
}

/// Why a document was not accepted.
#[allow(missing_docs)] // each variant documents its fields
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// The bytes are not a JSON document. The reason names a position, never the content.
    NotJson(String),
    /// The document is larger than `Limits::max_document_bytes`.
    TooLarge { size: usize, limit: usize },
    /// The document is JSON but breaks the schema's rules.
    Invalid(ValidationErrors),
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::NotJson(reason) => write!(f, "not a JSON document: {reason}"),
            Rejection::TooLarge { size, limit } => write!(
                f,
                "document of {size} bytes is larger than the limit of {limit} bytes"
            ),
            Rejection::Invalid(errors) => write!(f, "{errors}"),
        }
    }
}

impl std::error::Error for Rejection {}

/// Describes a serde_json error by its category and position only: its own text can quote input.
fn describe_json_error(err: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let (line, column) = (err.line(), err.column());
    let text = err.to_string();
    if text.contains("recursion limit exceeded") {
        return format!("nesting too deep at line {line} column {column}");
    }
    if text.starts_with("duplicate key `") {
        // Our own message from `strict`: it names the key (a field name), never a value.
        let key = text.split('`').nth(1).unwrap_or_default();
        return format!("duplicate key `{key}` at line {line} column {column}");
    }
    let what = match err.classify() {
        Category::Io => "read error",
        Category::Syntax => "syntax error",
        Category::Eof => "unexpected end of input",
        Category::Data => "value does not fit the expected Rust type",
    };
    format!("{what} at line {line} column {column}")
}

/// Validates an already-parsed document, collecting every error.
pub fn validate_value<S: Schema>(value: &Value) -> Result<(), ValidationErrors> {
    validate_value_with::<S>(value, Limits::default())
}

/// Validates an already-parsed document with explicit limits, collecting every error.
pub fn validate_value_with<S: Schema>(
    value: &Value,
    limits: Limits,
) -> Result<(), ValidationErrors> {
    let mut report = Report::collect_all(limits);
    S::check(value, &InstancePath::Root, &mut report);
    if report.is_valid() {
        Ok(())
    } else {
        Err(report.into_errors())
    }
}

/// True when the document satisfies every rule; stops at the first violation.
pub fn is_valid<S: Schema>(value: &Value) -> bool {
    let mut report = Report::verdict_only(Limits::default());
    S::check(value, &InstancePath::Root, &mut report);
    report.is_valid()
}

/// Parses bytes into a JSON value within the limits.
pub fn parse_json(bytes: &[u8], limits: Limits) -> Result<Value, Rejection> {
    if bytes.len() > limits.max_document_bytes {
        return Err(Rejection::TooLarge {
            size: bytes.len(),
            limit: limits.max_document_bytes,
        });
    }
    serde_json::from_slice::<strict::StrictValue>(bytes)
        .map(|strict| strict.0)
        .map_err(|err| Rejection::NotJson(describe_json_error(&err)))
}

/// Parses and validates bytes into the generated type, reporting every violation.
pub fn from_slice<T: Schema + DeserializeOwned>(bytes: &[u8]) -> Result<T, Rejection> {
    from_slice_with(bytes, Limits::default())
}

/// As [`from_slice`], with explicit limits.
pub fn from_slice_with<T: Schema + DeserializeOwned>(
    bytes: &[u8],
    limits: Limits,
) -> Result<T, Rejection> {
    let value = parse_json(bytes, limits)?;
    from_value_with(value, limits)
}

/// Parses and validates a string into the generated type, reporting every violation.
pub fn from_str<T: Schema + DeserializeOwned>(text: &str) -> Result<T, Rejection> {
    from_slice(text.as_bytes())
}

/// Validates a JSON value and converts it into the generated type.
pub fn from_value<T: Schema + DeserializeOwned>(value: Value) -> Result<T, Rejection> {
    from_value_with(value, Limits::default())
}

/// As [`from_value`], with explicit limits.
pub fn from_value_with<T: Schema + DeserializeOwned>(
    value: Value,
    limits: Limits,
) -> Result<T, Rejection> {
    validate_value_with::<T>(&value, limits).map_err(Rejection::Invalid)?;
    // The validator enforces a superset of what the types check, so this conversion succeeds for
    // every value it accepted; a failure would be a generator bug and is still reported, not panicked.
    serde_json::from_value(value).map_err(|err| Rejection::NotJson(describe_json_error(&err)))
}

/// Checks a value built in Rust code against the rules its type cannot express
/// (cross-field conditionals, `oneOf` exclusivity, formats, bounds).
pub fn validate<T: Schema + Serialize>(value: &T) -> Result<(), ValidationErrors> {
    match serde_json::to_value(value) {
        Ok(json) => validate_value::<T>(&json),
        Err(_) => Err(ValidationErrors(vec![ValidationError {
            instance_path: String::new(),
            schema_location: "",
            keyword: "serialize",
            kind: ErrorKind::FalseSchema,
            branch: None,
        }])),
    }
}

/// A generated schema, for lookup by id at run time (see `generated::schemas()`).
#[derive(Debug, Clone, Copy)]
pub struct SchemaEntry {
    /// `<provider>/<endpoint>` or `<provider>/<endpoint>/response-<status>`.
    pub id: &'static str,
    /// HTTP method of the documented operation.
    pub method: &'static str,
    /// Path of the documented operation.
    pub path: &'static str,
    /// `request` or `response:<status>`.
    pub direction: &'static str,
    /// The generated validator.
    pub check: fn(&Value, &InstancePath<'_>, &mut Report),
}

impl SchemaEntry {
    /// Validates a parsed document, collecting every error.
    pub fn validate(&self, value: &Value) -> Result<(), ValidationErrors> {
        self.validate_with(value, Limits::default())
    }

    /// Validates a parsed document with explicit limits, collecting every error.
    pub fn validate_with(&self, value: &Value, limits: Limits) -> Result<(), ValidationErrors> {
        let mut report = Report::collect_all(limits);
        (self.check)(value, &InstancePath::Root, &mut report);
        if report.is_valid() {
            Ok(())
        } else {
            Err(report.into_errors())
        }
    }
}
