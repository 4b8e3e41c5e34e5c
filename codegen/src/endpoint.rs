//! The `x-endpoint` annotation: which HTTP operation a schema file documents, and where its
//! response bodies are.

use crate::error::{pointer_push, SchemaError};
use crate::load::SchemaFile;
use serde_json::Value;

/// One validated body of an endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `<provider>/<endpoint>` for the request, `<provider>/<endpoint>/response-<status>` otherwise.
    pub id: String,
    /// `request` or `response:<status>`.
    pub direction: String,
    /// JSON pointer of the body's schema in the file: `""` for the request.
    pub pointer: String,
}

/// The operation a schema file documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub method: String,
    pub path: String,
    /// The request first, then responses by status.
    pub entries: Vec<Entry>,
}

/// Reads `x-endpoint: { method, path, responses: { "<status>": "#/$defs/<name>" } }` from the root.
pub fn read_endpoint(file: &SchemaFile) -> Result<Endpoint, SchemaError> {
    let at = "/x-endpoint";
    let err = |pointer: &str, message: &str| SchemaError::new(&file.display_path, pointer, message);
    let Some(Value::Object(meta)) = file.document.get("x-endpoint") else {
        return Err(err(
            at,
            "an endpoint schema needs an `x-endpoint` object with `method`, `path` and `responses`",
        ));
    };
    let text = |key: &str| -> Result<String, SchemaError> {
        meta.get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| err(&pointer_push(at, key), "must be a string"))
    };
    let method = text("method")?;
    let path = text("path")?;
    if !["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&method.as_str()) {
        return Err(err(
            &pointer_push(at, "method"),
            "must be an HTTP method in capitals",
        ));
    }
    let mut entries = vec![Entry {
        id: file.id(),
        direction: "request".to_owned(),
        pointer: String::new(),
    }];
    let responses_at = pointer_push(at, "responses");
    let responses = match meta.get("responses") {
        Some(Value::Object(responses)) => responses,
        _ => {
            return Err(err(
                &responses_at,
                "must be an object from HTTP status to `#/$defs/<name>`",
            ))
        }
    };
    for (status, reference) in responses {
        let status_at = pointer_push(&responses_at, status);
        if status.len() != 3 || !status.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(&status_at, "the key must be a three-digit HTTP status"));
        }
        let pointer = reference
            .as_str()
            .and_then(|r| r.strip_prefix('#'))
            .filter(|p| p.starts_with("/$defs/") && file.document.pointer(p).is_some())
            .ok_or_else(|| {
                err(
                    &status_at,
                    "must be a `#/$defs/<name>` reference that resolves",
                )
            })?;
        entries.push(Entry {
            id: format!("{}/response-{status}", file.id()),
            direction: format!("response:{status}"),
            pointer: pointer.to_owned(),
        });
    }
    Ok(Endpoint {
        method,
        path,
        entries,
    })
}
