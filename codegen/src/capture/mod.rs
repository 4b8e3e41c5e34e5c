//! Captures a saved documentation page (plain text, like the shared seeds) as a draft JSON Schema.
//! Three page formats are recognised; an overlay (`overlay.rs`) adds what tables cannot say.

mod connectfi_lists;
mod connectfi_tables;
pub mod overlay;
mod rocketkor_fields;

use serde_json::{json, Map, Value};
use std::fmt;

/// A page that could not be captured, located by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureError {
    /// 1-based line of the page; 0 when the problem is the page as a whole.
    pub line: usize,
    pub message: String,
}

impl CaptureError {
    pub(crate) fn at(line: usize, message: impl Into<String>) -> Self {
        CaptureError {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The page formats capture understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    /// connectFi "Property table for …" sections with a JSON fragment per property (seed 000).
    ConnectFiTables,
    /// connectFi "Required Properties / Optional Properties" lists (seed 001).
    ConnectFiLists,
    /// RocketKOR field lists: `name  REQUIRED`, a type line, a description (seed 002).
    RocketKorFields,
}

/// Recognises the page format from its structure.
pub fn detect_format(text: &str) -> Result<PageFormat, CaptureError> {
    if text.lines().any(|l| l.starts_with("Property table for ")) {
        Ok(PageFormat::ConnectFiTables)
    } else if text
        .lines()
        .any(|l| l.trim() == "Required Properties Description Schema Example Values")
    {
        Ok(PageFormat::ConnectFiLists)
    } else if text.lines().any(|l| l.trim() == "Request Body")
        && text
            .lines()
            .any(|l| rocketkor_fields::is_type_line(l.trim()))
    {
        Ok(PageFormat::RocketKorFields)
    } else {
        Err(CaptureError::at(
            0,
            "unknown page format: expected connectFi \"Property table for …\" sections, connectFi \"Required Properties\" lists, or a RocketKOR field list under \"Request Body\"",
        ))
    }
}

/// Captures `text` (the page saved as `seed_name`) into a draft schema, using the overlay's
/// `nesting` where the page lost its structure.
pub fn capture_page(
    text: &str,
    seed_name: &str,
    nesting: &overlay::Nesting,
) -> Result<Value, CaptureError> {
    let text = text.replace('\u{a0}', " ");
    let format = detect_format(&text)?;
    let (method, path, deprecated) = operation(&text)?;
    let body = match format {
        PageFormat::ConnectFiTables => connectfi_tables::capture(&text)?,
        PageFormat::ConnectFiLists => connectfi_lists::capture(&text)?,
        PageFormat::RocketKorFields => rocketkor_fields::capture(&text, nesting)?,
    };
    let mut root = Map::new();
    root.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    root.insert(
        "x-source".into(),
        json!({ "seed": seed_name, "endpoint": format!("{method} {path}") }),
    );
    root.insert(
        "x-endpoint".into(),
        json!({ "method": method, "path": path, "responses": {} }),
    );
    if deprecated {
        root.insert("deprecated".into(), json!(true));
    }
    let Value::Object(body) = body else {
        unreachable!("captures build objects")
    };
    root.extend(body);
    Ok(Value::Object(root))
}

/// The documented operation: the first `METHOD /path` line, and whether it says "(deprecated)".
fn operation(text: &str) -> Result<(String, String, bool), CaptureError> {
    for line in text.lines() {
        let line = line.trim();
        for method in ["POST", "PUT", "PATCH", "GET", "DELETE"] {
            if let Some(rest) = line.strip_prefix(method).and_then(|r| r.strip_prefix(' ')) {
                let (path, deprecated) = match rest.strip_suffix(" (deprecated)") {
                    Some(path) => (path, true),
                    None => (rest, false),
                };
                if path.starts_with('/') && !path.contains(' ') {
                    return Ok((method.to_owned(), path.to_owned(), deprecated));
                }
            }
        }
    }
    Err(CaptureError::at(
        0,
        "no `METHOD /path` line names the documented operation",
    ))
}

/// `customer personal` -> `CustomerPersonal`; `businessAddresses` -> `BusinessAddresses`.
pub(crate) fn pascal_case(words: &str) -> String {
    words
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// `addresses` -> `address`, `phones` -> `phone`: array item names.
pub(crate) fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("sses") {
        format!("{stem}ss")
    } else if let Some(stem) = name.strip_suffix('s') {
        stem.to_owned()
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(pascal_case("customer personal"), "CustomerPersonal");
        assert_eq!(pascal_case("businessAddresses"), "BusinessAddresses");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("businessPhones"), "businessPhone");
    }

    #[test]
    fn unknown_pages_are_refused() {
        let err = capture_page("Hello\nPOST /x\n", "x.txt", &Default::default()).unwrap_err();
        assert!(err.to_string().starts_with("line 0: unknown page format"));
    }
}
