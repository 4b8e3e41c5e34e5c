//! Building schemas from the placed fields.

use super::checked_in::{object_of, properties, MAX_DEPTH};
use super::place::{join, Context, Node};
use super::reader::{Field, Part};
use super::stated::{describe, leaf_schema, value_schema};
use crate::capture::{pascal_case, singular, CaptureError};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------------
// Building schemas from the placed fields

/// The request's container definitions, by name, with the field path each was made for.
#[derive(Default)]
pub(super) struct Defs {
    pub(super) map: Map<String, Value>,
    pub(super) owners: BTreeMap<String, String>,
}

impl Defs {
    /// `BasicData`; the parent's name before it where another field took it.
    fn name_for(&mut self, base: &str, path: &str, parent: &str) -> String {
        let candidates = [base.to_owned(), format!("{}{base}", pascal_case(parent))];
        let name = candidates
            .into_iter()
            .chain((2..).map(|k| format!("{base}{k}")))
            .find(|n| self.owners.get(n).is_none_or(|owner| owner == path))
            .unwrap_or_default();
        self.owners.insert(name.clone(), path.to_owned());
        name
    }
}

pub(super) struct Builder<'a> {
    pub(super) fields: &'a [Field],
    pub(super) values: &'a [Map<String, Value>],
    pub(super) nodes: &'a [Node],
    pub(super) hoisted: &'a BTreeMap<String, String>,
    /// Request containers become definitions; response members stay inline.
    pub(super) defs: Option<&'a mut Defs>,
    pub(super) problems: Vec<CaptureError>,
}

impl Builder<'_> {
    /// The field of a node, with the lines that turned out to be its own (a container's
    /// description, an array's `minItems`).
    pub(super) fn field(&self, node: usize) -> Option<Field> {
        let n = &self.nodes[node];
        let mut field = n.field.map(|f| self.fields[f].clone()).unwrap_or_default();
        for &own in &n.own {
            let extra = &self.fields[own];
            if let Some(text) = &extra.description {
                field.put(Part::Description, extra.line, text.clone());
            }
            for (part, value) in [
                (Part::Qualifier, &extra.qualifier),
                (Part::Default, &extra.default),
                (Part::Constant, &extra.constant),
                (Part::Example, &extra.example),
            ] {
                if let (Some((line, text)), false) = (value, field.has(part)) {
                    field.put(part, *line, text.clone());
                }
            }
        }
        (n.field.is_some() || !n.own.is_empty()).then_some(field)
    }

    /// The object whose properties are the children of `node`.
    pub(super) fn object(&mut self, node: usize, path: &str) -> Map<String, Value> {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut additional = None;
        for &child in &self.nodes[node].children {
            let name = self.nodes[child].name.clone();
            let child_path = join(path, &name);
            let schema = self.property(child, &child_path, path);
            let required_badge = self.nodes[child]
                .field
                .is_some_and(|f| self.fields[f].badges.required);
            if name == "*" {
                additional = Some(schema);
                continue;
            }
            if required_badge {
                required.push(json!(name));
            }
            properties.insert(name, Value::Object(schema));
        }
        let mut object = Map::new();
        object.insert("type".into(), json!("object"));
        object.insert("properties".into(), Value::Object(properties));
        if !required.is_empty() {
            object.insert("required".into(), Value::Array(required));
        }
        if let Some(additional) = additional {
            object.insert("additionalProperties".into(), Value::Object(additional));
        }
        object
    }

    fn property(&mut self, node: usize, path: &str, parent: &str) -> Map<String, Value> {
        let n = &self.nodes[node];
        let Some(fi) = n.field else {
            return Map::new();
        };
        let merged = self.field(node).unwrap_or_default();
        let value = if n.own.is_empty() {
            self.values[fi].clone()
        } else {
            let (value, problems, _) = value_schema(&merged);
            self.problems.extend(problems);
            value
        };
        if !merged.is_container() {
            let mut problems = Vec::new();
            let schema = leaf_schema(&merged, &value, self.hoisted, &mut problems);
            self.problems.extend(problems);
            return schema;
        }
        let depth = merged.ty.as_ref().map_or(0, |t| t.depth);
        let inner = match self.defs.as_deref_mut() {
            Some(defs) => {
                let base = pascal_case(&if depth > 0 {
                    singular(&n.name)
                } else {
                    n.name.clone()
                });
                let name = defs.name_for(&base, path, parent);
                // Reserved now, so that definitions come in page order, parents first.
                defs.map.insert(name.clone(), Value::Null);
                let object = self.object(node, path);
                if let Some(defs) = self.defs.as_deref_mut() {
                    defs.map.insert(name.clone(), Value::Object(object));
                }
                let mut reference = Map::new();
                reference.insert("$ref".into(), json!(format!("#/$defs/{name}")));
                reference
            }
            None => self.object(node, path),
        };
        let mut schema = innermost(value, inner);
        let mut problems = Vec::new();
        describe(&merged, &mut schema, &mut problems);
        self.problems.extend(problems);
        schema
    }
}

/// `value` with its innermost object (through `items`) replaced by `inner`.
fn innermost(mut value: Map<String, Value>, inner: Map<String, Value>) -> Map<String, Value> {
    match value.get_mut("items") {
        Some(Value::Object(items)) => {
            let items = std::mem::take(items);
            value.insert("items".into(), Value::Object(innermost(items, inner)));
            value
        }
        _ => {
            let mut inner = inner;
            for (k, v) in value {
                if k != "type" {
                    inner.entry(k).or_insert(v);
                }
            }
            inner
        }
    }
}

/// Adds to a rendered schema what its sample shows: the members the page printed no line for,
/// and a type where the rendered field has none. The sample follows the schema's order.
pub(super) fn merge_shown(rendered: &mut Map<String, Value>, mut shown: Map<String, Value>) {
    let typed = ["type", "$ref", "enum", "const"]
        .iter()
        .any(|k| rendered.contains_key(*k));
    if !typed {
        if let Some(ty) = shown.get("type") {
            rendered.insert("type".into(), ty.clone());
        }
    }
    if !rendered.contains_key("format") && rendered.get("type") == shown.get("type") {
        if let Some(format) = shown.remove("format") {
            rendered.insert("format".into(), format);
        }
    }
    let chosen = ["enum", "const", "default", "examples", "$ref"]
        .iter()
        .any(|k| rendered.contains_key(*k));
    if let (false, Some(examples)) = (chosen, shown.remove("examples")) {
        rendered.insert("examples".into(), examples);
    }
    for key in ["properties", "items"] {
        let Some(Value::Object(shown_inner)) = shown.remove(key) else {
            continue;
        };
        let open = !typed || rendered.get("type") == Some(&json!("object")) || key == "items";
        match rendered.get_mut(key) {
            Some(Value::Object(rendered_inner)) if key == "items" => {
                merge_shown(rendered_inner, shown_inner)
            }
            Some(Value::Object(rendered_props)) => {
                let mut rest = std::mem::take(rendered_props);
                let mut merged = Map::new();
                for (name, member) in shown_inner {
                    let mut member_schema = match rest.shift_remove(&name) {
                        Some(Value::Object(schema)) => schema,
                        _ => Map::new(),
                    };
                    if let Value::Object(member) = member {
                        merge_shown(&mut member_schema, member);
                    }
                    merged.insert(name, Value::Object(member_schema));
                }
                merged.extend(rest);
                *rendered_props = merged;
            }
            Some(_) => {}
            None if open => {
                rendered.insert(key.into(), Value::Object(shown_inner));
            }
            None => {}
        }
    }
}

/// The object schema of a built property, through the request's definitions and `items`.
fn built_object<'v>(defs: &'v Map<String, Value>, mut schema: &'v Value) -> Option<&'v Value> {
    for _ in 0..MAX_DEPTH {
        if let Some(name) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
        {
            schema = defs.get(name)?;
        } else if let Some(items) = schema.get("items") {
            schema = items;
        } else {
            break;
        }
    }
    schema.get("properties").is_some().then_some(schema)
}

/// A note for every built leaf the page gives no type (nor values, nor a definition).
pub(super) fn untyped(
    ctx: &Context<'_>,
    object: &Value,
    defs: &Map<String, Value>,
    path: &str,
    depth: usize,
    notes: &mut Vec<String>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    for (name, prop) in properties(object) {
        let child = join(path, name);
        match built_object(defs, prop) {
            Some(inner) => untyped(ctx, inner, defs, &child, depth + 1, notes),
            None => {
                let mut leaf = prop;
                for _ in 0..MAX_DEPTH {
                    match leaf.get("items") {
                        Some(items) => leaf = items,
                        None => break,
                    }
                }
                if !["type", "$ref", "enum", "const"]
                    .iter()
                    .any(|k| leaf.get(*k).is_some())
                {
                    notes.push(format!(
                        "{}: the page shows no type for this field, so the draft gives it none: check it",
                        ctx.show(&child)
                    ));
                }
            }
        }
    }
}

/// A note for every checked-in property the page no longer shows.
pub(super) fn removed(
    ctx: &Context<'_>,
    base: &Value,
    built: &Value,
    defs: &Map<String, Value>,
    path: &str,
    depth: usize,
    notes: &mut Vec<String>,
) {
    let Some(doc) = ctx.doc.filter(|_| depth <= MAX_DEPTH) else {
        return;
    };
    for (name, prop) in properties(base) {
        let child = join(path, name);
        match built.get("properties").and_then(|p| p.get(name)) {
            None => notes.push(format!(
                "{} is in the checked-in schema but no longer on the page: removed",
                ctx.show(&child)
            )),
            Some(built_prop) => {
                if let (Some(old), Some(new)) =
                    (object_of(doc, prop), built_object(defs, built_prop))
                {
                    removed(ctx, old, new, defs, &child, depth + 1, notes);
                }
            }
        }
    }
}
