//! Finding one operation of an OpenAPI document, and its bodies and parameters.

use super::escape;
use super::schema::Converter;
use serde_json::{Map, Value};

/// Path and query parameters: each name to its schema.
type Parameters = (Map<String, Value>, Map<String, Value>);

/// The HTTP methods an endpoint schema can document (`x-endpoint.method`).
const METHODS: &[&str] = &["get", "post", "put", "patch", "delete"];

/// One operation: `paths[path][method]`.
pub(super) struct Operation {
    pub method: String,
    pub path: String,
    pub id: Option<String>,
    /// JSON pointer of the operation object in the document.
    pub pointer: String,
    value: Value,
    path_item: Value,
}

impl Operation {
    /// The operation's summary and description, as one text.
    pub fn description(&self) -> Option<String> {
        let text = |key: &str| self.value.get(key).and_then(Value::as_str).map(str::trim);
        let parts: Vec<&str> = [text("summary"), text("description")]
            .into_iter()
            .flatten()
            .filter(|t| !t.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join("\n\n"))
    }

    pub fn deprecated(&self) -> bool {
        self.value.get("deprecated") == Some(&Value::Bool(true))
    }
}

/// The operation `selector` names: an `operationId`, or `METHOD /path` (the method in any case).
pub(super) fn find(spec: &Value, selector: &str) -> Result<Operation, String> {
    let Some(Value::Object(paths)) = spec.get("paths") else {
        return Err("the document has no `paths` object".to_owned());
    };
    let by_route = selector
        .split_once(' ')
        .map(|(method, path)| (method.trim().to_lowercase(), path.trim()));
    let mut ids = Vec::new();
    for (path, item) in paths {
        for method in METHODS {
            let Some(value) = item.get(*method) else {
                continue;
            };
            let id = value.get("operationId").and_then(Value::as_str);
            ids.extend(id.map(str::to_owned));
            let chosen = id == Some(selector)
                || by_route
                    .as_ref()
                    .is_some_and(|(m, p)| m == method && *p == path);
            if chosen {
                return Ok(Operation {
                    method: (*method).to_owned(),
                    path: path.clone(),
                    id: id.map(str::to_owned),
                    pointer: format!("/paths/{}/{method}", escape(path)),
                    value: value.clone(),
                    path_item: item.clone(),
                });
            }
        }
    }
    let hint = crate::suggest::closest(selector, ids.iter().map(String::as_str))
        .map_or(String::new(), |c| format!("; did you mean `{c}`?"));
    Err(format!(
        "no operation `{selector}` (an operationId, or `METHOD /path`) in the document{hint}"
    ))
}

/// A `$ref` to `#/components/<kind>/<name>` followed, once: `(pointer, object)`.
fn follow<'a>(
    spec: &'a Value,
    value: &'a Value,
    at: &str,
    kind: &str,
) -> Result<(String, &'a Value), String> {
    let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
        return Ok((at.to_owned(), value));
    };
    let prefix = format!("#/components/{kind}/");
    if !reference.starts_with(&prefix) {
        return Err(format!(
            "{at}: `$ref` `{reference}` {}",
            if reference.starts_with('#') {
                format!("must name `{prefix}<name>`")
            } else {
                "leaves the document: import reads one document and never fetches".to_owned()
            }
        ));
    }
    let pointer = &reference[1..];
    let target = spec
        .pointer(pointer)
        .ok_or_else(|| format!("{at}: `$ref` `{reference}` does not resolve"))?;
    Ok((pointer.to_owned(), target))
}

/// The JSON media type of a `content` object: `application/json`, else the first `…+json` or
/// `…/json` one.
fn json_media(content: &Map<String, Value>) -> Option<(&String, &Value)> {
    content
        .iter()
        .find(|(media, _)| media.split(';').next() == Some("application/json"))
        .or_else(|| {
            content.iter().find(|(media, _)| {
                let essence = media.split(';').next().unwrap_or_default();
                essence.ends_with("+json") || essence.ends_with("/json")
            })
        })
}

/// The request body's schema, unconverted (a `$ref` to a component stays one).
pub(super) fn request_schema(spec: &Value, operation: &Operation) -> Result<Value, String> {
    let at = format!("{}/requestBody", operation.pointer);
    let Some(body) = operation.value.get("requestBody") else {
        return Err(format!(
            "{at}: the operation has no request body; an endpoint schema's root is the request body"
        ));
    };
    let (at, body) = follow(spec, body, &at, "requestBodies")?;
    let content = body.get("content").and_then(Value::as_object);
    let Some((media, media_object)) = content.and_then(json_media) else {
        return Err(format!(
            "{at}/content: the request body has no JSON media type"
        ));
    };
    media_object
        .get("schema")
        .cloned()
        .ok_or_else(|| format!("{at}/content/{}: no `schema`", escape(media)))
}

/// Each response with a JSON body: its three-digit status, the pointer of its schema and the
/// schema, unconverted. Ranges (`2XX`) and `default` cannot be named by `x-endpoint`: noted.
pub(super) fn response_schemas(
    spec: &Value,
    operation: &Operation,
    notes: &mut Vec<String>,
) -> Result<Vec<(String, String, Value)>, String> {
    let mut found = Vec::new();
    let responses = operation.value.get("responses").and_then(Value::as_object);
    for (status, response) in responses.into_iter().flatten() {
        let at = format!("{}/responses/{}", operation.pointer, escape(status));
        let (at, response) = follow(spec, response, &at, "responses")?;
        let content = response.get("content").and_then(Value::as_object);
        let Some((media, media_object)) = content.and_then(json_media) else {
            continue;
        };
        let Some(schema) = media_object.get("schema") else {
            continue;
        };
        if status.len() != 3 || !status.bytes().all(|b| b.is_ascii_digit()) {
            notes.push(format!(
                "the `{status}` response is not imported: `x-endpoint.responses` names three-digit statuses"
            ));
            continue;
        }
        let schema_at = format!("{at}/content/{}/schema", escape(media));
        found.push((status.clone(), schema_at, schema.clone()));
    }
    Ok(found)
}

/// The path and query parameters, each name to its converted schema (with its description);
/// the operation's own override the path item's. Header and cookie parameters are noted.
pub(super) fn parameters(
    spec: &Value,
    operation: &Operation,
    converter: &mut Converter,
    notes: &mut Vec<String>,
) -> Result<Parameters, String> {
    let mut by_key: Vec<(String, String, String, Value)> = Vec::new();
    let lists = [
        (
            operation.path_item.get("parameters"),
            format!("/paths/{}/parameters", escape(&operation.path)),
        ),
        (
            operation.value.get("parameters"),
            format!("{}/parameters", operation.pointer),
        ),
    ];
    for (list, list_at) in lists {
        for (index, parameter) in list
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let at = format!("{list_at}/{index}");
            let (at, parameter) = follow(spec, parameter, &at, "parameters")?;
            let text = |key: &str| {
                parameter
                    .get(key)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
            };
            let (name, place) = (text("name").to_owned(), text("in").to_owned());
            by_key.retain(|(n, p, _, _)| !(n == &name && p == &place));
            by_key.push((name, place, at, parameter.clone()));
        }
    }
    let (mut path, mut query) = (Map::new(), Map::new());
    for (name, place, at, parameter) in by_key {
        let target = match place.as_str() {
            "path" => &mut path,
            "query" => &mut query,
            other => {
                notes.push(format!(
                    "the {other} parameter `{name}` is not imported: `x-endpoint` lists path and query parameters"
                ));
                continue;
            }
        };
        let schema = parameter
            .get("schema")
            .cloned()
            .unwrap_or(Value::Object(Map::new()));
        let mut schema = converter.convert(&schema, &format!("{at}/schema"), notes)?;
        if let (Value::Object(map), Some(description)) = (&mut schema, parameter.get("description"))
        {
            map.entry("description").or_insert(description.clone());
        }
        target.insert(name, schema);
    }
    Ok((path, query))
}
