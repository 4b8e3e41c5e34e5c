//! The one error type of schema processing: `schemas/<file>: <JSON pointer>: <what is wrong>`.

use std::fmt;

/// A problem found in a schema file, located by the file and a JSON pointer into it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SchemaError {
    /// Path of the schema file relative to the repository root, e.g. `schemas/connectfi/customer-init.json`.
    pub file: String,
    /// RFC 6901 JSON pointer into the file; empty for the document root.
    pub pointer: String,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl SchemaError {
    pub fn new(file: &str, pointer: &str, message: impl Into<String>) -> Self {
        SchemaError {
            file: file.to_owned(),
            pointer: pointer.to_owned(),
            message: message.into(),
        }
    }
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{}: {}: {}", self.file, pointer, self.message)
    }
}

impl std::error::Error for SchemaError {}

/// Appends one RFC 6901 reference token to a pointer, escaping `~` and `/`.
pub fn pointer_push(pointer: &str, token: &str) -> String {
    let escaped = token.replace('~', "~0").replace('/', "~1");
    format!("{pointer}/{escaped}")
}
