//! Mintlify API-reference pages (seed 003). Mintlify renders every OpenAPI operation the same way:
//! a `curl --request METHOD --url …` sample with its `--data '{…}'`, response samples, then the
//! parameters and body fields: a name (children dotted: `business_details.website`), a type
//! (`string`, `string<date-time>`, `enum<string>`, `object[]`, `string | null`, `Name · object`),
//! badges (`header`, `query`, `path`, `required`, `default: 20`), a description and constraint
//! lines (`Required string length: 1 - 500`, `Required range: 1 <= x <= 1000`, `x >= 1`,
//! `Available options: …`), and `Show child attributes` under each object.
//!
//! Text extractions vary: blank lines or none, headings or none, name, type and badges glued on
//! one line (`customer_idstringrequired`), or every name and type lost, leaving only labels and
//! constraints in document order (seed 003). Then the sample is where names and types come from
//! (`samples`), and the labels are matched to the sample's top-level members only where the
//! match is unique; anything else is a note.

mod constraints;
mod defs;
mod labels;
mod named;
mod pane;
mod tokens;
mod types;

use super::page::{Operation, Page, Sample};
use super::samples::{self, MINTLIFY};
use super::{fields, Body, CaptureError};
use defs::Builder;
use pane::{find_samples, Samples};
use serde_json::{json, Map, Value};
use tokens::{Section, Token};
use types::is_field_name;

/// The request body's schema (`None`: the page documents none) and each response's, with its
/// status when the page prints one, as a rendering reads them.
type Bodies = (
    Option<Map<String, Value>>,
    Vec<(Option<String>, Map<String, Value>)>,
);

pub(super) fn recognises(page: &Page) -> bool {
    let mut strong = 0;
    let mut weak = 0;
    for line in &page.lines {
        let lower = line.to_ascii_lowercase();
        if lower.contains("show child attributes")
            || lower.contains("hide child attributes")
            || lower.contains("required string length:")
            || lower.contains("required range:")
            || lower.contains("available options:")
            || line.contains("\"<string>\"")
        {
            strong += 1;
        }
        if lower.starts_with("curl --request") || lower.contains("enum<string>") {
            weak += 1;
        }
    }
    strong > 0 || weak > 1
}

/// Where a run of the page's lines sits: which list its fields belong to.
/// Names the page announces outside its field list, longest first: sample members (top level and
/// dotted paths), path placeholders and request headers.
fn known_names(samples: &Samples, operation: &Operation) -> Vec<String> {
    fn walk(value: &Value, prefix: &str, names: &mut Vec<String>, depth: usize) {
        if depth > 16 || names.len() > 10_000 {
            return;
        }
        match value {
            Value::Object(members) => {
                for (name, member) in members {
                    let path = if prefix.is_empty() {
                        name.clone()
                    } else {
                        format!("{prefix}.{name}")
                    };
                    walk(member, &path, names, depth + 1);
                    names.push(path);
                }
            }
            Value::Array(items) => {
                if let Some(first) = items.first() {
                    walk(first, prefix, names, depth + 1);
                }
            }
            _ => {}
        }
    }
    let mut names = Vec::new();
    for value in samples
        .request
        .iter()
        .chain(samples.responses.iter().map(|(_, v)| v))
    {
        walk(value, "", &mut names, 0);
    }
    names.extend(operation.placeholders());
    names.extend(samples.headers.iter().cloned());
    names.retain(|n| is_field_name(n));
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    names.dedup();
    names
}

pub(super) fn capture(
    page: &Page,
    operation: &Operation,
    baseline: Option<&Value>,
    unreadable: &mut Vec<CaptureError>,
    notes: &mut Vec<String>,
) -> Body {
    let samples = find_samples(page, unreadable);
    let known = known_names(&samples, operation);
    let tokens = tokens::tokens(page, &samples, &known, notes);
    let named = tokens.iter().any(|(_, t)| matches!(t, Token::Head(_)));
    let mut sample_notes = Vec::new();
    let request_sample = samples
        .request
        .as_ref()
        .map(|value| samples::schema_of(value, &MINTLIFY, "", &mut sample_notes));
    let mut builder = Builder::default();
    let mut body = Body::default();
    if let Some(value) = &samples.request {
        body.request_samples.push(Sample {
            value: value.clone(),
            lines: samples.request_lines.clone(),
        });
    }
    let description = endpoint_description(&samples, &tokens);
    let (request, responses) = if named {
        named::named_rendering(
            &tokens,
            request_sample,
            &samples,
            unreadable,
            notes,
            &mut body,
        )
    } else {
        labels::unnamed_rendering(&tokens, request_sample, &samples, unreadable, notes)
    };
    for note in sample_notes {
        notes.push(format!(
            "sample `{}`: {}, check it",
            display_pointer(&note.pointer),
            note.message
        ));
    }
    if let Some(description) = description {
        body.schema.insert("description".into(), json!(description));
    }
    let mut root = request.unwrap_or_else(|| {
        let mut empty = Map::new();
        if page_has_body(&tokens) {
            unreadable.push(CaptureError::at(0, "no request sample and no body field found: expected a `curl … --data '{…}'` sample or fields under `Body`"));
        }
        empty.insert("type".into(), json!("object"));
        empty
    });
    if !root.contains_key("required")
        && root
            .get("properties")
            .is_some_and(|p| p.as_object().is_some_and(|p| !p.is_empty()))
        && !any_required(&root)
    {
        notes.push("the page marks no body field `required`: every field is optional as far as the page says, check it".to_owned());
    }
    builder.hoist(&mut root, "");
    let mut response_refs = Map::new();
    // The first success is `Response` whether or not the page prints its status, so that
    // renderings with and without status tabs name it alike; the others carry their status.
    let mut success_named = false;
    for (index, (status, mut schema)) in responses.into_iter().enumerate() {
        let success = status.as_deref().is_none_or(|s| s.starts_with('2'));
        let name = match &status {
            _ if success && !success_named => "Response".to_owned(),
            Some(status) => format!("Response{status}"),
            None => format!("Response{}", index + 1),
        };
        success_named |= success;
        builder.hoist(&mut schema, &name);
        let mut def = Map::new();
        def.insert("title".into(), json!(name));
        def.extend(schema);
        let def = builder.define(&name, def);
        match status {
            Some(status) => {
                response_refs.insert(status, json!(format!("#/$defs/{def}")));
            }
            None => notes.push(format!("the response sample `{def}` shows no status code: add it to `x-endpoint.responses`, check it")),
        }
    }
    body.schema.extend(root);
    if !builder.defs.is_empty() {
        body.schema
            .insert("$defs".into(), Value::Object(builder.defs));
    }
    if let Some(baseline) = baseline {
        notes.extend(fields::changes(
            baseline,
            &Value::Object(body.schema.clone()),
        ));
    }
    if !response_refs.is_empty() {
        body.endpoint
            .insert("responses".into(), Value::Object(response_refs));
    }
    body
}

fn display_pointer(pointer: &str) -> &str {
    if pointer.is_empty() {
        "/"
    } else {
        pointer
    }
}

fn page_has_body(tokens: &[(usize, Token)]) -> bool {
    tokens
        .iter()
        .any(|(_, t)| matches!(t, Token::Heading(Section::Body)))
}

fn any_required(schema: &Map<String, Value>) -> bool {
    schema.get("required").is_some()
        || schema
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|props| {
                props
                    .values()
                    .any(|p| p.as_object().is_some_and(any_required))
            })
        || schema
            .get("items")
            .and_then(Value::as_object)
            .is_some_and(any_required)
}

/// The endpoint's description: the text between samples (samples first, as seed 003), or else
/// the sentences before the first heading (navigation, titles and the split header are not).
fn endpoint_description(samples: &Samples, tokens: &[(usize, Token)]) -> Option<String> {
    let sentences: Vec<&str> = if samples.between.is_empty() {
        let first_heading = tokens
            .iter()
            .position(|(_, t)| matches!(t, Token::Heading(_) | Token::Head(_)))
            .unwrap_or(tokens.len());
        tokens[..first_heading]
            .iter()
            .filter_map(|(_, t)| match t {
                Token::Text(text) => Some(text.as_str()),
                _ => None,
            })
            .collect()
    } else {
        samples.between.iter().map(String::as_str).collect()
    };
    let prose: Vec<&str> = sentences
        .into_iter()
        .filter(|t| {
            let words = t.split_whitespace().count();
            !t.starts_with('#') && words >= 2 && (words >= 6 || t.ends_with(['.', '!', '?']))
        })
        .collect();
    (!prose.is_empty()).then(|| prose.join(" "))
}
