//! Captures a saved documentation page (plain text, like the shared seeds) as a draft JSON Schema.
//!
//! Three page families are recognised by their structure, in any text rendering (blank lines or
//! none, headings or none, tabs or spaces, pipe tables). Capture never stops at the first
//! unreadable line: it returns the draft of everything it could read together with every line it
//! could not (`Captured::unreadable`). Where a page lost its indentation (RocketKOR), `nesting`
//! places fields by identity against the checked-in schema, then by the page's sample request,
//! then by position, and says so in notes. `overlay` adds what no page can say. What the page
//! states that no field encodes, a prose rule (`prose_rules`) or a sample member named unlike its
//! field (`sample_names`), is a note too: capture never turns prose into a rule.

mod connectfi_lists;
mod connectfi_tables;
mod docusaurus;
mod fields;
pub use fields::{losses, Losses};
mod mintlify;
mod nesting;
pub mod overlay;
mod page;
mod prose_rules;
mod rocketkor_fields;
mod sample_names;
mod samples;

use overlay::Overlay;
use page::Page;
use serde_json::{json, Map, Value};
use std::fmt;

/// A line of the page that could not be read, or (line 0) a problem with the page as a whole.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
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

/// What capture read from a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Captured {
    /// The schema of everything that could be read.
    pub draft: Value,
    /// Lines that could not be read, in page order. A draft with any is incomplete.
    pub unreadable: Vec<CaptureError>,
    /// Fields of a re-capture whose names the page does not show and that no field of the
    /// checked-in schema matches exactly: the draft names them by position only, so it must not
    /// replace the schema without a reviewer's word.
    pub unmatched: Vec<CaptureError>,
    /// What a reviewer must check: fields placed by position, fields gone from the page, overlay
    /// amendments that no longer apply. Also recorded in the draft as `x-capture-notes`.
    pub notes: Vec<String>,
}

/// The page families capture understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    /// connectFi property tables: rows `name description Yes|No schema` under a header row
    /// `Property Description Required Schema`, a JSON fragment per property (seed 000).
    ConnectFiTables,
    /// connectFi property lists: rows `name description Type example` under `Required Properties
    /// Description Schema Example Values` or `Optional Properties …` (seed 001).
    ConnectFiLists,
    /// RocketKOR field lists: `name [REQUIRED|CONDITIONAL]`, a type line, a description (seed 002).
    RocketKorFields,
    /// Mintlify API reference: a `curl --request …` sample with its `--data`, a response sample,
    /// then the fields with their labels, constraints and `Show child attributes` (seed 003).
    Mintlify,
    /// Docusaurus with docusaurus-plugin-openapi-docs: properties with a type, badges
    /// (`required`, `nullable`), a description and one qualifier line (`Possible values: …`),
    /// arrays wrapped as `Array [ … ]`, responses by status with `Example (from schema)`
    /// (seed 004).
    DocusaurusOpenApi,
}

/// What each family looks for, for the message about a page in none of them.
const FAMILIES: &str = "expected one of: connectFi property tables (a header row `Property Description Required Schema`); connectFi property lists (a header row `Required Properties Description Schema Example Values` or `Optional Properties …`); Mintlify API reference (a `curl --request METHOD` sample, fields with `Show child attributes`, `Required string length: …` or `Available options: …`); Docusaurus OpenAPI pages (a `Request` / `Body` section whose properties carry `Possible values: …` qualifiers or `object` / `required` badges, `Array [` wrappers, `Responses` by status with `Example (from schema)`); RocketKOR field lists (lines `name`, `name REQUIRED` or `name CONDITIONAL`, each followed by a type line such as `string, max length: 40`)";

/// Recognises the page family from its structure.
pub fn detect_format(text: &str) -> Result<PageFormat, CaptureError> {
    detect(&Page::new(text))
}

fn detect(page: &Page) -> Result<PageFormat, CaptureError> {
    if connectfi_tables::recognises(page) {
        Ok(PageFormat::ConnectFiTables)
    } else if connectfi_lists::recognises(page) {
        Ok(PageFormat::ConnectFiLists)
    } else if mintlify::recognises(page) {
        Ok(PageFormat::Mintlify)
    } else if docusaurus::recognises(page) {
        Ok(PageFormat::DocusaurusOpenApi)
    } else if rocketkor_fields::recognises(page) {
        Ok(PageFormat::RocketKorFields)
    } else {
        Err(CaptureError::at(
            0,
            format!("unknown page format: {FAMILIES}"),
        ))
    }
}

/// Captures `text` (the page saved as `seed_name`) into a draft schema. `baseline` is the
/// checked-in schema of the same endpoint, if any: fields it already has keep their place.
/// Fails only when the page is in no supported family or names no operation.
pub fn capture_page(
    text: &str,
    seed_name: &str,
    baseline: Option<&Value>,
) -> Result<Captured, CaptureError> {
    let page = Page::new(text);
    let format = detect(&page)?;
    let operation = page::operation(&page)?;
    let mut unreadable = Vec::new();
    let mut unmatched = Vec::new();
    let mut notes = Vec::new();
    let body = match format {
        PageFormat::ConnectFiTables => connectfi_tables::capture(&page, &mut unreadable),
        PageFormat::ConnectFiLists => connectfi_lists::capture(&page, &mut unreadable),
        PageFormat::RocketKorFields => {
            rocketkor_fields::capture(&page, &operation, baseline, &mut unreadable, &mut notes)
        }
        PageFormat::Mintlify => {
            mintlify::capture(&page, &operation, baseline, &mut unreadable, &mut notes)
        }
        PageFormat::DocusaurusOpenApi => docusaurus::capture(
            &page,
            &operation,
            baseline,
            &mut unreadable,
            &mut unmatched,
            &mut notes,
        ),
    };
    let mut root = Map::new();
    root.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    // The Rust type needs a name; pages rarely give one. The overlay renames it.
    let title = operation_title(&operation);
    if baseline.is_none() {
        notes.push(format!(
            "the root `title` `{title}` names the Rust type and is made from the operation: rename it in the overlay, check it"
        ));
    }
    root.insert("title".into(), json!(title));
    root.insert(
        "x-source".into(),
        json!({ "seed": seed_name, "endpoint": format!("{} {}", operation.method, operation.path) }),
    );
    let mut endpoint = Map::new();
    endpoint.insert("method".into(), json!(operation.method));
    endpoint.insert("path".into(), json!(operation.path));
    endpoint.extend(body.endpoint);
    endpoint.entry("responses").or_insert(json!({}));
    root.insert("x-endpoint".into(), Value::Object(endpoint));
    if operation.deprecated {
        root.insert("deprecated".into(), json!(true));
    }
    root.extend(body.schema);
    let draft = Value::Object(root);
    // What the page says that the draft does not encode: notes, never rules.
    notes.extend(prose_rules::notes(&page, &draft, baseline));
    notes.extend(sample_names::notes(&page, &draft, &body.request_samples));
    unreadable.sort();
    unreadable.dedup();
    Ok(Captured {
        draft,
        unreadable,
        unmatched,
        notes,
    })
}

/// Captures the page and applies the endpoint's overlay: the schema a reviewer would commit.
/// Notes from both steps are recorded in the draft as `x-capture-notes`.
pub fn recapture(
    text: &str,
    seed_name: &str,
    baseline: Option<&Value>,
    overlay: &Overlay,
) -> Result<Captured, CaptureError> {
    let Captured {
        draft,
        unreadable,
        unmatched,
        mut notes,
    } = capture_page(text, seed_name, baseline)?;
    let mut draft = overlay.apply(draft, &mut notes);
    record_notes(&mut draft, &notes);
    Ok(Captured {
        draft,
        unreadable,
        unmatched,
        notes,
    })
}

/// Adds `x-capture-notes` to a draft when there is anything to check.
pub fn record_notes(draft: &mut Value, notes: &[String]) {
    if let (Value::Object(root), false) = (draft, notes.is_empty()) {
        root.insert("x-capture-notes".into(), json!(notes));
    }
}

/// The request body a page family yields (its `$defs` hold the response bodies too), and what it
/// says of the operation itself (`pathParameters`, `queryParameters`, `responses`), for
/// `x-endpoint`.
#[derive(Default)]
pub(crate) struct Body {
    pub schema: Map<String, Value>,
    pub endpoint: Map<String, Value>,
    /// The request samples the family read, for `sample_names` to hold against the field list.
    pub request_samples: Vec<page::Sample>,
}

/// `POST /v1/customers/{id}` -> `PostV1CustomersRequest`: the method and the path's fixed
/// segments.
fn operation_title(operation: &page::Operation) -> String {
    let fixed: Vec<&str> = operation
        .path
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with(['{', ':']))
        .collect();
    let method = operation.method.to_ascii_lowercase();
    format!(
        "{}Request",
        pascal_case(&format!("{method} {}", fixed.join(" ")))
    )
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

/// Page text quoted in a message, cut to a readable length: a hostile page must not turn one
/// message into megabytes.
pub(crate) fn excerpt(text: &str) -> String {
    const MAX_CHARS: usize = 80;
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// A property name as the pages write them: a letter or `_`, then letters, digits and `_`.
pub(crate) fn is_identifier(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
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
        assert!(is_identifier("streetLine1") && is_identifier("_id"));
        assert!(!is_identifier("1st") && !is_identifier("a-b") && !is_identifier(""));
        assert_eq!(excerpt("short"), "short");
        assert_eq!(excerpt(&"é".repeat(100)), format!("{}…", "é".repeat(80)));
    }

    #[test]
    fn unknown_pages_are_refused_with_what_each_family_looks_for() {
        let err = capture_page("Hello\nPOST /x\n", "x.txt", None).unwrap_err();
        assert_eq!(err.line, 0);
        assert!(
            err.message
                .starts_with("unknown page format: expected one of: connectFi property tables"),
            "{err}"
        );
        assert!(err.message.contains("RocketKOR field lists"), "{err}");
    }
}
