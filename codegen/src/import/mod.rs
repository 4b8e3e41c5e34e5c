//! OpenAPI import: for providers that publish an OpenAPI 3.0 or 3.1 document, capture is import.
//! One operation becomes one endpoint schema, as capture makes from a page:
//! - its JSON request body is the root (a component it names is inlined there, titled by the
//!   component's name);
//! - each JSON response body is a `$defs` entry named in `x-endpoint.responses` (a component
//!   keeps its name; an inline body is `Response`, or `Response<status>` after the first
//!   success);
//! - path and query parameters go to `x-endpoint`;
//! - the `components/schemas` the operation reaches become `$defs`, each `$ref` rewritten;
//! - OpenAPI's own keywords are mapped by [`schema`], and whatever a mapping loses is a note.
//!
//! Nothing leaves the document: a `$ref` to another file or a URL is refused. The re-import of a
//! newer document against the checked-in schema goes through the same overlay and write guards
//! as capture (`cargo xtask import`).

mod operation;
mod schema;
mod share;
pub mod yaml;

pub use share::{share_components, Shared};

use crate::capture::pascal_case;
use operation::Operation;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The dialect every schema of this project is written in.
const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// An imported endpoint schema and what its reviewer must check.
#[derive(Debug, Clone)]
pub struct Imported {
    pub draft: Value,
    pub notes: Vec<String>,
}

/// An OpenAPI document's text as JSON: JSON when it starts with `{`, YAML otherwise.
pub fn read_spec(text: &str) -> Result<Value, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        return serde_json::from_str(text).map_err(|err| {
            format!(
                "not JSON: {} at line {} column {}",
                match err.classify() {
                    serde_json::error::Category::Eof => "unexpected end of input",
                    _ => "syntax error",
                },
                err.line(),
                err.column()
            )
        });
    }
    yaml::to_json(text)
}

/// The endpoint schema of the operation `selector` names (its `operationId`, or `METHOD /path`)
/// in the OpenAPI document `spec`, read from the file `spec_name`.
pub fn import_operation(spec: &Value, spec_name: &str, selector: &str) -> Result<Imported, String> {
    let dialect = schema::Dialect::of(spec)?;
    let operation = operation::find(spec, selector)?;
    let mut notes = Vec::new();
    let mut converter = schema::Converter::new(spec, dialect);

    let body = operation::request_schema(spec, &operation)?;
    let (root_title, root_source, root_named) = match body.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = converter.component_name(reference, "/requestBody")?;
            (
                name.clone(),
                format!("/components/schemas/{name}"),
                Some(name),
            )
        }
        None => {
            let title = title_of(&operation);
            notes.push(format!(
                "the request body has no component name: its type is named `{title}` after the operation"
            ));
            (title, format!("{}/requestBody", operation.pointer), None)
        }
    };
    let root_schema = match &root_named {
        Some(name) => spec
            .pointer(&format!("/components/schemas/{}", escape(name)))
            .cloned()
            .unwrap_or(Value::Null),
        None => body.clone(),
    };
    let mut root = match converter.convert(&root_schema, &root_source, &mut notes)? {
        Value::Object(map) => map,
        _ => {
            return Err(format!(
                "{root_source}: the request body schema is not an object schema"
            ))
        }
    };

    let mut responses = Map::new();
    let mut definitions: BTreeMap<String, Value> = BTreeMap::new();
    let mut wanted: BTreeSet<String> = BTreeSet::new();
    let mut first_success = true;
    for (status, schema_at, body) in operation::response_schemas(spec, &operation, &mut notes)? {
        let reference = body.get("$ref").and_then(Value::as_str);
        // An error body kept in another document (a shared `Error` at a URL) is left out, and
        // said; the request and the success bodies must be whole, so there it is refused.
        if let Some(outside) = reference.filter(|r| !r.starts_with('#') && !status.starts_with('2'))
        {
            notes.push(format!(
                "the `{status}` response is not imported: its schema `{outside}` is in another document, and import never fetches"
            ));
            continue;
        }
        let name = match reference {
            Some(reference) => {
                let name = converter.component_name(reference, &schema_at)?;
                wanted.insert(name.clone());
                name
            }
            None => {
                let name = if status.starts_with('2') && first_success {
                    "Response".to_owned()
                } else {
                    format!("Response{status}")
                };
                let converted = converter.convert(&body, &schema_at, &mut notes)?;
                definitions.insert(name.clone(), converted);
                name
            }
        };
        first_success &= !status.starts_with('2');
        responses.insert(status, json!(format!("#/$defs/{name}")));
    }
    let (path_parameters, query_parameters) =
        operation::parameters(spec, &operation, &mut converter, &mut notes)?;
    // Every component the operation reaches, each converted once. The request body's own
    // component is the root, and a definition too only when something else refers to it.
    let mut converted: BTreeSet<String> = BTreeSet::new();
    loop {
        let pending = wanted
            .iter()
            .chain(converter.referenced())
            .find(|name| !converted.contains(*name))
            .cloned();
        let Some(name) = pending else { break };
        converted.insert(name.clone());
        if definitions.contains_key(&name) {
            return Err(format!(
                "the component `{name}` and an inline response body would share one name"
            ));
        }
        let at = format!("/components/schemas/{name}");
        let component = spec
            .pointer(&format!("/components/schemas/{}", escape(&name)))
            .ok_or_else(|| format!("{at}: the component a `$ref` names does not exist"))?;
        let schema = converter.convert(component, &at, &mut notes)?;
        definitions.insert(name, schema);
    }
    if let Some(name) = &root_named {
        if !wanted.contains(name) && !converter.referenced().contains(name) {
            definitions.remove(name);
        }
    }

    let mut document = Map::new();
    document.insert("$schema".into(), json!(DRAFT_2020_12));
    document.insert("title".into(), json!(pascal_case(&root_title)));
    if !root.contains_key("description") {
        if let Some(description) = operation.description() {
            root.insert("description".into(), json!(description));
        }
    }
    let mut endpoint = Map::new();
    endpoint.insert("method".into(), json!(operation.method.to_uppercase()));
    endpoint.insert("path".into(), json!(operation.path));
    if !path_parameters.is_empty() {
        endpoint.insert("pathParameters".into(), Value::Object(path_parameters));
    }
    if !query_parameters.is_empty() {
        endpoint.insert("queryParameters".into(), Value::Object(query_parameters));
    }
    endpoint.insert("responses".into(), Value::Object(responses));
    document.insert("x-endpoint".into(), Value::Object(endpoint));
    document.insert("x-source".into(), source(spec, spec_name, &operation));
    if operation.deprecated() {
        document.insert("deprecated".into(), json!(true));
    }
    let annotation_formats = converter.annotation_formats();
    if !annotation_formats.is_empty() {
        document.insert(schema::ANNOTATION_FORMATS.into(), json!(annotation_formats));
    }
    root.shift_remove("title");
    for (key, value) in root {
        document.entry(key).or_insert(value);
    }
    if !definitions.is_empty() {
        document.insert("$defs".into(), json!(definitions));
    }
    note_read_only_in_request(&document, &mut notes);
    let mut draft = Value::Object(document);
    crate::capture::record_notes(&mut draft, &notes);
    Ok(Imported { draft, notes })
}

/// [`schema::note_required_read_only`] for every object schema the request reaches: the root
/// and the definitions its `$ref`s name, transitively.
fn note_read_only_in_request(document: &Map<String, Value>, notes: &mut Vec<String>) {
    let definitions = document.get("$defs").and_then(Value::as_object);
    let mut stack: Vec<(String, &Value)> = document
        .iter()
        .filter(|(key, _)| key.as_str() != "$defs")
        .map(|(key, value)| (format!("/{}", escape(key)), value))
        .collect();
    schema::note_required_read_only(document, "", notes);
    let mut seen = BTreeSet::new();
    while let Some((at, value)) = stack.pop() {
        match value {
            Value::Object(map) => {
                schema::note_required_read_only(map, &at, notes);
                for (key, child) in map {
                    let target = (key == "$ref")
                        .then(|| child.as_str()?.strip_prefix("#/$defs/"))
                        .flatten();
                    match target {
                        Some(name) if seen.insert(name.to_owned()) => {
                            if let Some(def) = definitions.and_then(|d| d.get(name)) {
                                stack.push((format!("/$defs/{}", escape(name)), def));
                            }
                        }
                        Some(_) => {}
                        None => stack.push((format!("{at}/{}", escape(key)), child)),
                    }
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    stack.push((format!("{at}/{index}"), item));
                }
            }
            _ => {}
        }
    }
}

/// The name a body without a component gets: `createCustomer` -> `CreateCustomerRequest`, or
/// from the operation (`PostCustomersRequest`) when it has no `operationId`.
fn title_of(operation: &Operation) -> String {
    let base = match &operation.id {
        Some(id) => pascal_case(id),
        None => {
            let words: String = operation
                .path
                .split(['/', '{', '}', '-', '_', '.'])
                .map(pascal_case)
                .collect();
            format!("{}{words}", pascal_case(&operation.method.to_lowercase()))
        }
    };
    format!("{base}Request")
}

/// `x-source` of an imported schema: the provider (the document's `info.title`), the file, its
/// version and the operation.
fn source(spec: &Value, spec_name: &str, operation: &Operation) -> Value {
    let info = |key: &str| {
        spec.pointer(&format!("/info/{key}"))
            .cloned()
            .unwrap_or(json!(""))
    };
    json!({
        "spec": spec_name,
        "provider": info("title"),
        "version": info("version"),
        "endpoint": format!("{} {}", operation.method.to_uppercase(), operation.path),
    })
}

/// A JSON pointer token.
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// [`import_operation`] against the checked-in schema `baseline`, through its `overlay`, as
/// `cargo xtask import --out` writes it: the overlay's amendments are applied (what no longer
/// applies is noted), and the fields the spec no longer has are noted.
pub fn reimport(
    spec: &Value,
    spec_name: &str,
    selector: &str,
    baseline: Option<&Value>,
    overlay: &crate::capture::overlay::Overlay,
) -> Result<Imported, String> {
    let Imported { draft, mut notes } = import_operation(spec, spec_name, selector)?;
    let mut draft = overlay.apply(draft, &mut notes);
    if let Some(baseline) = baseline {
        let losses = crate::capture::losses(baseline, &draft, "");
        notes.extend(losses.removed.iter().map(|path| {
            format!("`{path}` is in the checked-in schema but no longer in the spec: removed")
        }));
    }
    if let Value::Object(root) = &mut draft {
        root.shift_remove("x-capture-notes");
    }
    crate::capture::record_notes(&mut draft, &notes);
    Ok(Imported { draft, notes })
}

/// Why a re-import must not replace `baseline`: it documents another operation, or the spec
/// looks cut (responses or a large share of fields gone). Empty when it may.
pub fn refusals(baseline: &Value, draft: &Value, accept_removals: bool) -> Vec<String> {
    let operation = |document: &Value| {
        let text = |key: &str| {
            document
                .pointer(&format!("/x-endpoint/{key}"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        format!("{} {}", text("method"), text("path"))
    };
    let (was, now) = (operation(baseline), operation(draft));
    if was != now {
        return vec![format!(
            "the schema documents `{was}` and the spec's operation is `{now}`: another operation, not a newer version of it"
        )];
    }
    let losses = crate::capture::losses(baseline, draft, "");
    let mut reasons = Vec::new();
    if losses.look_like_a_cut_page() && !accept_removals {
        reasons.extend(losses.reasons());
        reasons.push(
            "if the provider really removed them, run again with --accept-removals".to_owned(),
        );
    }
    reasons
}
