//! Validation errors: one flat list, each error located in the data and in the schema.
//! Messages describe the rule, never the rejected value, so they are safe to log.

use std::fmt;

/// Why a value was rejected. Limits are kept as the schema wrote them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[allow(missing_docs)] // each variant documents its fields
pub enum ErrorKind {
    /// The value is not of an allowed JSON type.
    Type { expected: &'static [&'static str] },
    /// The value is not one of the allowed values (JSON text of the list).
    Enum { allowed: &'static str },
    /// The value is not the required constant (JSON text).
    Const { expected: &'static str },
    /// The string has fewer characters (Unicode code points) than allowed.
    MinLength { limit: u64 },
    /// The string has more characters (Unicode code points) than allowed.
    MaxLength { limit: u64 },
    /// The string does not match the ECMA-262 regular expression.
    Pattern { pattern: &'static str },
    /// The string is not in the named format.
    Format { format: &'static str },
    /// The string is empty or holds only white space.
    OnlyWhitespace,
    /// The number is below the minimum.
    Minimum { limit: &'static str },
    /// The number is above the maximum.
    Maximum { limit: &'static str },
    /// The number is not above the exclusive minimum.
    ExclusiveMinimum { limit: &'static str },
    /// The number is not below the exclusive maximum.
    ExclusiveMaximum { limit: &'static str },
    /// The number is not a multiple of the divisor.
    MultipleOf { divisor: &'static str },
    /// A required property is missing; the error's instance path is the object's.
    Required { property: &'static str },
    /// A property that `additionalProperties` forbids. Its name is the document's data: it
    /// prints as `*` (`UserKey::expose` reads it).
    AdditionalProperty { property: UserKey },
    /// The array has fewer items than allowed.
    MinItems { limit: u64 },
    /// The array has more items than allowed.
    MaxItems { limit: u64 },
    /// Two items of the array are equal.
    UniqueItems { first: usize, second: usize },
    /// Too few items match the `contains` schema.
    MinContains { limit: u64, found: usize },
    /// Too many items match the `contains` schema.
    MaxContains { limit: u64, found: usize },
    /// The object has fewer properties than allowed.
    MinProperties { limit: u64 },
    /// The object has more properties than allowed.
    MaxProperties { limit: u64 },
    /// `property` is present, so `dependent` is required too.
    DependentRequired {
        property: &'static str,
        dependent: &'static str,
    },
    /// No `anyOf` branch matches; the branches' errors follow this one.
    AnyOf,
    /// No `oneOf` branch matches; the branches' errors follow this one, branch by branch.
    OneOfNone,
    /// More than one `oneOf` branch matches.
    OneOfMany { matched: Vec<usize> },
    /// The discriminator property has a value that selects no `oneOf` branch.
    Discriminator {
        property: &'static str,
        allowed: &'static str,
    },
    /// The value matches a schema it must not match.
    Not,
    /// The schema is `false`: nothing is accepted here.
    FalseSchema,
    /// The document nests deeper than the configured limit; validation stopped there.
    TooDeep { limit: usize },
    /// The array is longer than the configured limit; its items were not validated.
    TooLong { limit: usize },
    /// A warning, not an error: no branch of the schema documents this property. `pointer` is
    /// the redacted one; the exact one is `ValidationError::exact_instance_path`.
    Undocumented { pointer: String },
}

impl ErrorKind {
    /// True for a departure a response may make without being refused: a value the docs do not
    /// list or outside a documented limit, or a member they do not name. The response types
    /// hold such values (`Tolerant`, open structs), so `from_response` reports them as drift
    /// warnings. The shape (types, required members, which branch) stays an error.
    pub fn is_drift(&self) -> bool {
        match self {
            ErrorKind::Enum { .. }
            | ErrorKind::Const { .. }
            | ErrorKind::MinLength { .. }
            | ErrorKind::MaxLength { .. }
            | ErrorKind::Pattern { .. }
            | ErrorKind::Format { .. }
            | ErrorKind::OnlyWhitespace
            | ErrorKind::Minimum { .. }
            | ErrorKind::Maximum { .. }
            | ErrorKind::ExclusiveMinimum { .. }
            | ErrorKind::ExclusiveMaximum { .. }
            | ErrorKind::MultipleOf { .. }
            | ErrorKind::AdditionalProperty { .. }
            | ErrorKind::MinItems { .. }
            | ErrorKind::MaxItems { .. }
            | ErrorKind::UniqueItems { .. }
            | ErrorKind::MinContains { .. }
            | ErrorKind::MaxContains { .. }
            | ErrorKind::MinProperties { .. }
            | ErrorKind::MaxProperties { .. } => true,
            ErrorKind::Type { .. }
            | ErrorKind::Required { .. }
            | ErrorKind::DependentRequired { .. }
            | ErrorKind::AnyOf
            | ErrorKind::OneOfNone
            | ErrorKind::OneOfMany { .. }
            | ErrorKind::Discriminator { .. }
            | ErrorKind::Not
            | ErrorKind::FalseSchema
            | ErrorKind::TooDeep { .. }
            | ErrorKind::TooLong { .. }
            | ErrorKind::Undocumented { .. } => false,
        }
    }
}

/// An object key the schema does not name: the document's own data, perhaps personal (a
/// free-form `metadata` key such as `SSN 078-05-1120`). `Debug` and `Display` print `*`;
/// `expose` reads it on purpose.
#[derive(Clone, PartialEq, Eq)]
pub struct UserKey(pub(crate) String);

impl From<String> for UserKey {
    fn from(key: String) -> UserKey {
        UserKey(key)
    }
}

impl UserKey {
    /// The key as the document has it. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UserKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("*")
    }
}

impl fmt::Display for UserKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("*")
    }
}

/// The `oneOf`/`anyOf` branch an error belongs to, when no branch matched and every branch's
/// errors are reported. The outermost such combinator wins, so errors group by top-level branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    /// Schema file and JSON pointer of the `oneOf` or `anyOf` keyword.
    pub schema_location: String,
    /// Zero-based index of the branch.
    pub index: usize,
}

/// One reason a document was rejected.
#[derive(Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// RFC 6901 JSON pointer to the offending value (for `required`, the object missing it), with
    /// every key the schema does not name written as `*`: such keys are the document's data. The
    /// exact pointer is [`ValidationError::exact_instance_path`].
    pub instance_path: String,
    /// The exact pointer, when it differs from `instance_path`.
    pub(crate) exact_path: Option<String>,
    /// Schema file and JSON pointer of the keyword, e.g. `schemas/x.json#/properties/a/maxLength`.
    pub schema_location: String,
    /// The keyword that failed, e.g. `maxLength`.
    pub keyword: &'static str,
    /// Structured reason, with the limit or expected value.
    pub kind: ErrorKind,
    /// Set when the error comes from one branch of a `oneOf`/`anyOf` that matched no branch.
    pub branch: Option<Branch>,
    /// The rule in the provider's words, where the schema gives them (`x-message`), e.g.
    /// "must not contain < or >". It replaces the message derived from `kind`.
    pub because: Option<&'static str>,
}

impl ValidationError {
    /// The exact RFC 6901 pointer, keys the schema does not name included. Those keys are the
    /// document's data, perhaps personal: do not log this.
    pub fn exact_instance_path(&self) -> &str {
        self.exact_path.as_deref().unwrap_or(&self.instance_path)
    }

    /// The human-readable message, without the location: the provider's words for the rule when
    /// the schema has them, otherwise a sentence built from `kind`.
    pub fn message(&self) -> String {
        match self.because {
            Some(sentence) => sentence.to_owned(),
            None => self.kind.to_string(),
        }
    }
}

/// A JSON array's text as a list for people: `["A","B"]` -> `"A", "B"`.
fn listed(json_array: &str) -> String {
    let inner = json_array
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(json_array);
    match serde_json::from_str::<Vec<serde_json::Value>>(json_array) {
        Ok(values) => values
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        Err(_) => inner.to_owned(),
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Type { expected } => write!(f, "must be of type {}", expected.join(" or ")),
            ErrorKind::Enum { allowed } => write!(f, "must be one of {}", listed(allowed)),
            ErrorKind::Const { expected } => write!(f, "must be {expected}"),
            ErrorKind::MinLength { limit } => write!(f, "must be at least {limit} character{} long", plural(*limit)),
            ErrorKind::MaxLength { limit } => write!(f, "must be at most {limit} character{} long", plural(*limit)),
            ErrorKind::Pattern { pattern } => write!(f, "must match the pattern {pattern}"),
            ErrorKind::Format { format } => write!(f, "must be a valid {format}"),
            ErrorKind::OnlyWhitespace => write!(f, "must contain a character other than white space"),
            ErrorKind::Minimum { limit } => write!(f, "must be at least {limit}"),
            ErrorKind::Maximum { limit } => write!(f, "must be at most {limit}"),
            ErrorKind::ExclusiveMinimum { limit } => write!(f, "must be greater than {limit}"),
            ErrorKind::ExclusiveMaximum { limit } => write!(f, "must be less than {limit}"),
            ErrorKind::MultipleOf { divisor } => write!(f, "must be a multiple of {divisor}"),
            ErrorKind::Required { property } => write!(f, "missing required property `{property}`"),
            ErrorKind::AdditionalProperty { property } => write!(f, "property `{property}` is not allowed"),
            ErrorKind::MinItems { limit } => write!(f, "must have at least {limit} item{}", plural(*limit)),
            ErrorKind::MaxItems { limit } => write!(f, "must have at most {limit} item{}", plural(*limit)),
            ErrorKind::UniqueItems { first, second } => write!(f, "items {first} and {second} are equal; items must be unique"),
            ErrorKind::MinContains { limit, found } => {
                write!(f, "must contain at least {limit} matching item{} (found {found})", plural(*limit))
            }
            ErrorKind::MaxContains { limit, found } => {
                write!(f, "must contain at most {limit} matching item{} (found {found})", plural(*limit))
            }
            ErrorKind::MinProperties { limit } => write!(f, "must have at least {limit} propert{}", if *limit == 1 { "y" } else { "ies" }),
            ErrorKind::MaxProperties { limit } => write!(f, "must have at most {limit} propert{}", if *limit == 1 { "y" } else { "ies" }),
            ErrorKind::DependentRequired { property, dependent } => {
                write!(f, "property `{dependent}` is required when `{property}` is present")
            }
            ErrorKind::AnyOf => write!(f, "must match at least one of the allowed schemas (see the errors of each below)"),
            ErrorKind::OneOfNone => write!(f, "must match exactly one of the allowed schemas, but matches none (see the errors of each below)"),
            ErrorKind::OneOfMany { matched } => {
                let list: Vec<String> = matched.iter().map(|b| b.to_string()).collect();
                write!(f, "must match exactly one of the allowed schemas, but matches branches {}", list.join(", "))
            }
            ErrorKind::Discriminator { property, allowed } => write!(f, "property `{property}` must be one of {}", listed(allowed)),
            ErrorKind::Not => write!(f, "must not match the forbidden schema"),
            ErrorKind::FalseSchema => write!(f, "no value is allowed here"),
            ErrorKind::TooDeep { limit } => write!(f, "nesting is deeper than the limit of {limit} levels"),
            ErrorKind::TooLong { limit } => write!(f, "array is longer than the limit of {limit} items; its items were not validated"),
            ErrorKind::Undocumented { pointer } => write!(f, "property `{pointer}` is not documented: the provider may ignore it"),
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.instance_path.is_empty() {
            "(root)"
        } else {
            &self.instance_path
        };
        write!(f, "{at}: {} [{}]", self.message(), self.keyword)
    }
}

impl std::error::Error for ValidationError {}

/// Every field but the exact pointer, which may hold keys that are personal data.
impl fmt::Debug for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ValidationError")
            .field("instance_path", &self.instance_path)
            .field("schema_location", &self.schema_location)
            .field("keyword", &self.keyword)
            .field("kind", &self.kind)
            .field("branch", &self.branch)
            .field("because", &self.because)
            .finish()
    }
}

/// The JSON object the `validate` command prints: `instancePath`, `keyword`, `schemaLocation`,
/// `message`, and for an error of an unmatched `oneOf`/`anyOf` branch, `branch` and
/// `branchLocation`. Like the message, it never holds the rejected value.
impl serde::Serialize for ValidationError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("instancePath", &self.instance_path)?;
        map.serialize_entry("keyword", self.keyword)?;
        map.serialize_entry("schemaLocation", &self.schema_location)?;
        map.serialize_entry("message", &self.message())?;
        if let Some(branch) = &self.branch {
            map.serialize_entry("branch", &branch.index)?;
            map.serialize_entry("branchLocation", &branch.schema_location)?;
        }
        map.end()
    }
}

/// All the reasons a document was rejected, in document order within each schema branch.
/// Serializes as a JSON array of the errors.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(transparent)]
pub struct ValidationErrors(pub Vec<ValidationError>);

impl ValidationErrors {
    /// The errors one by one.
    pub fn iter(&self) -> std::slice::Iter<'_, ValidationError> {
        self.0.iter()
    }

    /// How many errors there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there is no error.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

impl IntoIterator for ValidationErrors {
    type Item = ValidationError;
    type IntoIter = std::vec::IntoIter<ValidationError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_serialize_as_the_validate_command_prints_them() {
        let error = ValidationError {
            instance_path: "/customer/firstName".to_owned(),
            exact_path: None,
            schema_location: "schemas/x.json#/$defs/Name/maxLength".to_owned(),
            keyword: "maxLength",
            kind: ErrorKind::MaxLength { limit: 50 },
            branch: Some(Branch {
                schema_location: "schemas/x.json#/oneOf".to_owned(),
                index: 1,
            }),
            because: None,
        };
        let unbranched = ValidationError {
            branch: None,
            ..error.clone()
        };
        let worded = ValidationError {
            because: Some("must not be longer than a name can be"),
            ..unbranched.clone()
        };
        assert_eq!(
            worded.to_string(),
            "/customer/firstName: must not be longer than a name can be [maxLength]"
        );
        let json = serde_json::to_value(ValidationErrors(vec![error, unbranched])).unwrap();
        assert_eq!(
            json,
            serde_json::json!([
                {"instancePath": "/customer/firstName", "keyword": "maxLength",
                 "schemaLocation": "schemas/x.json#/$defs/Name/maxLength",
                 "message": "must be at most 50 characters long",
                 "branch": 1, "branchLocation": "schemas/x.json#/oneOf"},
                {"instancePath": "/customer/firstName", "keyword": "maxLength",
                 "schemaLocation": "schemas/x.json#/$defs/Name/maxLength",
                 "message": "must be at most 50 characters long"}
            ])
        );
    }
}
