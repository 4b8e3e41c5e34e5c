//! Hand-written support shared by all generated code: errors, paths, formats, regexes, and the
//! parse-and-validate entry points. Generated modules depend on this; it depends on nothing generated.

pub mod build;
mod conversions;
pub mod documented;
pub mod error;
pub mod formats;
pub mod json;
pub mod keywords;
pub mod node;
pub mod path;
pub mod pattern;
pub mod regex;
pub mod report;
pub mod response;
pub mod schema_path;
pub mod sensitive;
pub mod single_pass;
pub mod to_node;
pub mod tolerant;
pub mod typed;

pub use build::{BuildErrors, BuildProblem, BuildReason, Convert};
pub use documented::{undocumented, Documented, Shape, UNDOCUMENTED};
pub use error::{Branch, ErrorKind, UserKey, ValidationError, ValidationErrors};
pub use keywords::Check;
pub use node::{Node, Object};
pub use path::InstancePath;
pub use pattern::{Pattern, Piece};
pub use report::{Limits, Report};
pub use response::{
    from_response, from_response_with, undocumented_in_bytes, Direction, Parsed, Response, Warning,
};
pub use schema_path::SchemaPath;
pub use sensitive::{Sensitive, REDACTED};
pub use single_pass::{ReadPlan, ANY};
pub use tolerant::{Tolerant, UndocumentedValue};
pub use typed::{Typed, TypedBody};

use serde::{de::DeserializeOwned, Deserialize};
use serde_json::Value;
use std::fmt;

/// A documented request or response body with a generated validator.
pub trait Schema {
    /// `<provider>/<endpoint>` for a request, `<provider>/<endpoint>/response-<status>` for a response.
    const ID: &'static str;

    /// Whether the body is sent (every rule enforced) or received (read by `from_response`).
    const DIRECTION: Direction;

    /// What the docs document about this body, for undocumented-property warnings.
    const DOCUMENTED: Documented;

    /// How the single pass checks the body while reading it.
    const READ_PLAN: &'static ReadPlan;

    /// Checks `value` against every rule of the schema, writing violations into `report`.
    fn check(value: &Node<'_>, path: &InstancePath<'_>, report: &mut Report);
}

/// Warnings for every property of a parsed document that the docs of `S` do not document
/// (keyword `x-undocumented`). They never make a document invalid: the schemas are open where the
/// docs are silent. Treat them as errors where a misspelled field must not reach the provider.
/// From bytes, without a `serde_json::Value`: [`undocumented_in_bytes`].
pub fn undocumented_properties<S: Schema>(value: &Value) -> Vec<ValidationError> {
    match Node::from_value_within(value, Limits::default().max_depth) {
        Ok(node) => undocumented(&S::DOCUMENTED, &node),
        Err(_) => Vec::new(),
    }
}

/// A tree of a value built in code, or the one error that says it nests too deep.
fn node_within(value: &Value, limits: Limits) -> Result<Node<'_>, ValidationErrors> {
    Node::from_value_within(value, limits.max_depth).map_err(|error| ValidationErrors(vec![*error]))
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
    if text.starts_with("duplicate key") {
        // Our own message from the strict parse: the position, never the key (the document's
        // data).
        return format!("duplicate key at line {line} column {column}");
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
    validate_node_with::<S>(&node_within(value, limits)?, limits)
}

/// Validates a parsed tree with explicit limits, collecting every error.
pub fn validate_node_with<S: Schema>(
    node: &Node<'_>,
    limits: Limits,
) -> Result<(), ValidationErrors> {
    collect(S::check, node, limits)
}

fn collect(check: CheckFn, node: &Node<'_>, limits: Limits) -> Result<(), ValidationErrors> {
    let mut report = Report::collect_all(limits);
    check(node, &InstancePath::Root, &mut report);
    if report.is_valid() {
        Ok(())
    } else {
        Err(report.into_errors())
    }
}

fn verdict(check: CheckFn, node: &Node<'_>) -> bool {
    let mut report = Report::verdict_only(Limits::default());
    check(node, &InstancePath::Root, &mut report);
    report.is_valid()
}

/// The signature of every generated check.
pub type CheckFn = fn(&Node<'_>, &InstancePath<'_>, &mut Report);

/// True when the document satisfies every rule; stops at the first violation.
pub fn is_valid<S: Schema>(value: &Value) -> bool {
    node_within(value, Limits::default()).is_ok_and(|node| verdict(S::check, &node))
}

/// Bytes to verdict in one pass that stops at the first violation, while reading
/// (`single_pass`). Text that is not JSON, or is over the default limits, is not valid.
pub fn is_valid_bytes<S: Schema>(bytes: &[u8]) -> bool {
    verdict_of_bytes(S::check, S::READ_PLAN, bytes)
}

fn verdict_of_bytes(check: CheckFn, plan: &'static ReadPlan, bytes: &[u8]) -> bool {
    let limits = Limits::default();
    if bytes.len() > limits.max_document_bytes {
        return false;
    }
    match single_pass::verdict(bytes, plan, limits) {
        single_pass::Outcome::Valid => true,
        single_pass::Outcome::Invalid => false,
        single_pass::Outcome::Undecided => tree_verdict_of_bytes(check, bytes),
    }
}

/// Bytes to verdict through the reference: parse into a tree, then validate it.
fn tree_verdict_of_bytes(check: CheckFn, bytes: &[u8]) -> bool {
    parse_json(bytes, Limits::default()).is_ok_and(|node| verdict(check, &node))
}

/// [`is_valid_bytes`] through the tree validator, the reference the single pass is tested
/// against.
pub fn is_valid_bytes_by_tree<S: Schema>(bytes: &[u8]) -> bool {
    tree_verdict_of_bytes(S::check, bytes)
}

/// Parses bytes into a borrowed JSON tree within the limits, rejecting duplicate keys.
pub fn parse_json(bytes: &[u8], limits: Limits) -> Result<Node<'_>, Rejection> {
    if bytes.len() > limits.max_document_bytes {
        return Err(Rejection::TooLarge {
            size: bytes.len(),
            limit: limits.max_document_bytes,
        });
    }
    serde_json::from_slice(bytes).map_err(|err| Rejection::NotJson(describe_json_error(&err)))
}

/// Parses and validates bytes into the generated type, reporting every violation: the bytes are
/// parsed into a tree, the tree validated, and the type deserialized from the tree. Every rule
/// is an error: the mode for requests, and the strict mode for responses (read them with
/// [`from_response`] to accept what the docs do not list, with warnings).
pub fn from_slice<'de, T: Schema + Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, Rejection> {
    from_slice_with(bytes, Limits::default())
}

/// As [`from_slice`] in one read of the bytes (`single_pass`): the type is deserialized
/// straight from the bytes while every rule is checked, and a violation stops the read. A
/// rejected document is then parsed into a tree, whose validator reports every violation, so
/// the result is exactly [`from_slice`]'s. Faster on rejected documents, slower on valid ones
/// (see the README's Performance section).
pub fn from_slice_in_one_pass<'de, T: Schema + Deserialize<'de>>(
    bytes: &'de [u8],
    limits: Limits,
) -> Result<T, Rejection> {
    if bytes.len() <= limits.max_document_bytes {
        if let Some(value) = single_pass::typed(bytes, T::READ_PLAN, limits) {
            return Ok(value);
        }
    }
    from_slice_with(bytes, limits)
}

/// As [`from_slice`], with explicit limits.
pub fn from_slice_with<'de, T: Schema + Deserialize<'de>>(
    bytes: &'de [u8],
    limits: Limits,
) -> Result<T, Rejection> {
    let node = parse_json(bytes, limits)?;
    validate_node_with::<T>(&node, limits).map_err(Rejection::Invalid)?;
    // The validators enforce a superset of what the types check, so this succeeds for every
    // accepted document; a failure would be a generator bug and is reported, not panicked.
    T::deserialize(&node)
        .map_err(|err| Rejection::NotJson(format!("document does not fit the Rust type: {err}")))
}

/// Parses and validates a string into the generated type, reporting every violation.
pub fn from_str<'de, T: Schema + Deserialize<'de>>(text: &'de str) -> Result<T, Rejection> {
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
    if let Err(errors) = validate_value_with::<T>(&value, limits) {
        node::drop_without_recursion(value);
        return Err(Rejection::Invalid(errors));
    }
    serde_json::from_value(value).map_err(|err| Rejection::NotJson(describe_json_error(&err)))
}

/// Checks a value built in Rust code against every rule of its schema, including those its type
/// cannot express (cross-field conditionals, `oneOf` exclusivity, bounds): the same errors, with
/// the same pointers, as validating its JSON. The value lends itself to the validators as a tree
/// (`to_node::ToTree`), borrowing its strings: no JSON, no `serde_json::Value`.
pub fn validate<T: Schema + to_node::ToTree>(value: &T) -> Result<(), ValidationErrors> {
    validate_with(value, Limits::default())
}

/// As [`validate`], with explicit limits.
pub fn validate_with<T: Schema + to_node::ToTree>(
    value: &T,
    limits: Limits,
) -> Result<(), ValidationErrors> {
    collect(T::check, &value.to_tree(), limits)
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
    pub check: CheckFn,
    /// How the single pass checks the body while reading it.
    pub read_plan: &'static ReadPlan,
    /// What the docs document about this body, for undocumented-property warnings.
    pub documented: Documented,
    /// The body's Rust type, reached by id.
    pub typed: &'static dyn TypedBody,
}

impl SchemaEntry {
    /// Validates a parsed document, collecting every error.
    pub fn validate(&self, value: &Value) -> Result<(), ValidationErrors> {
        self.validate_with(value, Limits::default())
    }

    /// Validates a parsed document with explicit limits, collecting every error.
    pub fn validate_with(&self, value: &Value, limits: Limits) -> Result<(), ValidationErrors> {
        collect(self.check, &node_within(value, limits)?, limits)
    }

    /// Validates a parsed tree with explicit limits, collecting every error.
    pub fn validate_node(&self, node: &Node<'_>, limits: Limits) -> Result<(), ValidationErrors> {
        collect(self.check, node, limits)
    }

    /// A response's tree checked tolerantly, as `from_response` does: the drift and
    /// undocumented-property warnings, or the errors when anything besides drift is wrong. A
    /// request's tree is checked strictly, its only warnings undocumented properties.
    pub fn check_tolerantly(
        &self,
        node: &Node<'_>,
        limits: Limits,
    ) -> Result<Vec<Warning>, ValidationErrors> {
        if self.direction == "request" {
            collect(self.check, node, limits)?;
            let warnings = self.undocumented(node);
            return Ok(warnings.into_iter().map(Warning::Undocumented).collect());
        }
        response::tolerant_check(self.check, &self.documented, node, limits)
    }

    /// Warnings for every property of a parsed tree that the docs do not document.
    pub fn undocumented(&self, node: &Node<'_>) -> Vec<ValidationError> {
        undocumented(&self.documented, node)
    }

    /// True when a parsed tree satisfies every rule; stops at the first violation.
    pub fn is_valid_node(&self, node: &Node<'_>) -> bool {
        verdict(self.check, node)
    }

    /// Bytes to verdict in one pass that stops at the first violation, while reading.
    pub fn is_valid_bytes(&self, bytes: &[u8]) -> bool {
        verdict_of_bytes(self.check, self.read_plan, bytes)
    }

    /// [`SchemaEntry::is_valid_bytes`] through the tree validator, the reference.
    pub fn is_valid_bytes_by_tree(&self, bytes: &[u8]) -> bool {
        tree_verdict_of_bytes(self.check, bytes)
    }
}
