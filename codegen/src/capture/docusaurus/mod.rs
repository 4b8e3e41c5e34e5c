//! Docusaurus pages made by docusaurus-plugin-openapi-docs (seed 004).
//!
//! The plugin renders each property as a name, a type (`string`, `object[]`, `string<date-time>`,
//! `Title (string)`), badges (`required`, `nullable`, `deprecated`), then one qualifier line
//! (`Possible values: [M, F, O]`, `` `non-empty` ``, `>= 2 characters and <= 4 characters`,
//! `>= 1`, `Value must match regular expression …`), a description, and `Default value:`,
//! `Constant value:` or `Example:` lines. Arrays of objects wrap their items in `Array [` … `]`;
//! objects have no end marker. Request parameters come under `Path Parameters`, `Query
//! Parameters` and `Header Parameters`, the body under `Body`, and `Responses` lists the status
//! codes, then for each a description, its schema and an `Example (from schema)` sample.
//!
//! Text extractions lose the indentation, often the leaf names (seed 004 keeps only
//! `basicData object required`), sometimes blank lines and bullets, and glue badges to the type
//! (`id stringrequired`, `dataobject[]required`). Where names are lost, a re-capture matches each
//! unnamed field against the checked-in schema by its parent, its order and its description or
//! qualifier; anything else is a note, and a first capture names such fields `unnamed_1`, … .

mod build;
mod checked_in;
mod lines;
mod place;
mod qualifiers;
mod reader;
mod stated;

use super::page::{folded, Operation, Page};
use super::samples::{self, SampleNote};
use super::{pascal_case, Body, CaptureError};
use build::{merge_shown, removed, untyped, Builder, Defs};
use checked_in::object_of;
use lines::{classify, clean, is_name, Kind, Params};
use place::{place, Context};
use reader::{Reader, Scope, ScopeKind};
use serde_json::{json, Map, Value};
use stated::{hoist_key, value_schema};
use std::collections::BTreeMap;
// ---------------------------------------------------------------------------------------------
// The family

/// Recognised by structure: two of the plugin's marks (qualifier lines, array brackets, the
/// `Example (from schema)` tab, badges after a type or an `object` type under a name) and one of
/// its sections (`Body`, `Responses`).
pub(super) fn recognises(page: &Page) -> bool {
    let mut marks = 0;
    let mut sections = 0;
    let (mut qualifiers, mut brackets, mut from_schema, mut badged) = (false, false, false, false);
    let lines: Vec<String> = page.lines.iter().take(100_000).map(|l| clean(l)).collect();
    for (i, line) in lines.iter().enumerate() {
        let low = folded(line);
        qualifiers |= low.starts_with("possible values:");
        brackets |= low == "array [";
        from_schema |= low == "example (from schema)";
        match classify(line) {
            Kind::Body | Kind::Responses => sections += 1,
            Kind::Type(ty, _) if ty.is_object() && i > 0 && is_name(&lines[i - 1]) => badged = true,
            Kind::Header(_, ty, badges) if badges.any() || (ty.is_object() && ty.depth > 0) => {
                badged = true
            }
            _ => {}
        }
    }
    marks += [qualifiers, brackets, from_schema, badged]
        .iter()
        .filter(|m| **m)
        .count();
    marks >= 2 && sections >= 1
}

pub(super) fn capture(
    page: &Page,
    operation: &Operation,
    baseline: Option<&Value>,
    unreadable: &mut Vec<CaptureError>,
    unmatched: &mut Vec<CaptureError>,
    notes: &mut Vec<String>,
) -> Body {
    let mut reader = Reader::new(page);
    let scopes = reader.scopes();
    unreadable.append(&mut reader.unreadable);
    if scopes.is_empty() {
        unreadable.push(CaptureError::at(
            0,
            "no `Body`, parameter list or `Responses` found: expected the sections the plugin prints",
        ));
    }
    let values: Vec<Vec<Map<String, Value>>> = scopes
        .iter()
        .map(|scope| {
            scope
                .fields
                .iter()
                .map(|f| {
                    let (value, problems, found) = value_schema(f);
                    unreadable.extend(problems);
                    notes.extend(found);
                    value
                })
                .collect()
        })
        .collect();
    let ambiguous = scopes
        .iter()
        .flat_map(|s| &s.fields)
        .any(|f| !f.header && f.qualifier.is_some() && f.description.is_some());
    if baseline.is_none() && !reader.order_shown && ambiguous {
        notes.push("the page shows no named field with both a qualifier and a description, so where each `Possible values:` line belongs is not shown: each is read with the description after it, the plugin's usual order, check it".to_owned());
    }
    let hoisted = hoisted(&scopes, &values);
    let mut defs = Defs::default();
    for name in hoisted.values() {
        defs.owners.insert(name.clone(), String::new());
    }
    let params_bases: Vec<Option<Value>> = scopes
        .iter()
        .map(|scope| match (&scope.kind, baseline) {
            (ScopeKind::Params(params), Some(doc)) => doc
                .pointer(&format!("/x-endpoint/{}", params.key()))
                .map(|listed| json!({ "properties": listed })),
            _ => None,
        })
        .collect();
    let mut schema = Map::new();
    let mut endpoint = Map::new();
    let mut responses = Map::new();
    let mut response_defs = Map::new();
    for (s, scope) in scopes.iter().enumerate() {
        let (base, holder) = match (&scope.kind, baseline) {
            (ScopeKind::Body, Some(doc)) => (object_of(doc, doc), Some(doc)),
            (ScopeKind::Response(code), Some(doc)) => {
                let def = doc
                    .pointer(&format!("/x-endpoint/responses/{code}"))
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix('#'))
                    .and_then(|p| doc.pointer(p));
                (def.and_then(|d| object_of(doc, d)), def)
            }
            (ScopeKind::Params(_), Some(_)) => (params_bases[s].as_ref(), None),
            _ => (None, None),
        };
        let ctx = Context {
            kind: scope.kind.clone(),
            doc: baseline,
            base,
            holder,
            sample: scope.sample.as_ref(),
            placeholders: operation.placeholders(),
            order: reader.order,
        };
        let placed = place(
            &ctx,
            scope.fields.clone(),
            values[s].clone(),
            &scope.entries,
        );
        notes.extend(placed.notes);
        unreadable.extend(placed.unreadable);
        unmatched.extend(placed.unmatched);
        let mut builder = Builder {
            fields: &placed.fields,
            values: &placed.values,
            nodes: &placed.nodes,
            hoisted: &hoisted,
            defs: (scope.kind == ScopeKind::Body).then_some(&mut defs),
            problems: Vec::new(),
        };
        let root_field = builder.field(0);
        let mut object = builder.object(0, "");
        if placed.root_array {
            object = Map::from_iter([
                ("type".to_owned(), json!("array")),
                ("items".to_owned(), Value::Object(object)),
            ]);
        }
        let mut root = Map::new();
        let description = root_field
            .and_then(|f| f.description)
            .or_else(|| scope.description.clone());
        let mut problems = std::mem::take(&mut builder.problems);
        unreadable.append(&mut problems);
        let built = match &scope.kind {
            ScopeKind::Params(params) => {
                endpoint.insert(params.key().into(), object["properties"].clone());
                Value::Object(object)
            }
            ScopeKind::Body => {
                if let Some(description) = description {
                    root.insert("description".into(), json!(description));
                }
                root.extend(object);
                schema.extend(root.clone());
                Value::Object(root)
            }
            ScopeKind::Response(code) => {
                root.insert(
                    "type".into(),
                    object.shift_remove("type").unwrap_or(json!("object")),
                );
                if let Some(description) = description {
                    root.insert("description".into(), json!(description));
                }
                root.extend(object);
                if let Some(sample) = &scope.sample {
                    let mut sample_notes = Vec::new();
                    let shown =
                        samples::schema_of(sample, &samples::DOCUSAURUS, "", &mut sample_notes);
                    merge_shown(&mut root, shown);
                    notes.extend(sample_notes.into_iter().map(
                        |SampleNote { pointer, message }| {
                            format!("{}: {message}", ctx.show(&pointer))
                        },
                    ));
                }
                let name = format!("Response{}", pascal_case(code));
                let three_digits = code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit());
                if !three_digits {
                    notes.push(format!(
                        "response `{code}` is not one HTTP status: its schema is kept as `{name}` but not listed in `x-endpoint.responses`, check it"
                    ));
                } else if responses.contains_key(code) {
                    notes.push(format!(
                        "response `{code}` is documented twice: the second is kept as `{name}` but not listed in `x-endpoint.responses`, check it"
                    ));
                } else {
                    responses.insert(code.clone(), json!(format!("#/$defs/{name}")));
                }
                let name = (1..)
                    .map(|k| {
                        if k == 1 {
                            name.clone()
                        } else {
                            format!("{name}_{k}")
                        }
                    })
                    .find(|n| !response_defs.contains_key(n))
                    .unwrap_or_default();
                response_defs.insert(name, Value::Object(root.clone()));
                Value::Object(root)
            }
        };
        untyped(&ctx, &built, &defs.map, "", 0, notes);
        let unnamed_leaves = placed
            .nodes
            .iter()
            .any(|n| n.unnamed && n.field.is_some_and(|f| !placed.fields[f].is_container()));
        if unnamed_leaves && !matches!(scope.kind, ScopeKind::Params(Params::Path)) {
            notes.push(format!(
                "the page shows no name line, and so no `required` badge, for the unnamed fields of {}: none of them is marked required, check it",
                ctx.label()
            ));
        }
        if let Some(base) = base {
            let built = match built.get("items") {
                Some(items) if placed.root_array => items.clone(),
                _ => built,
            };
            removed(&ctx, base, &built, &defs.map, "", 0, notes);
        }
    }
    let mut all_defs = Map::new();
    for (key, name) in hoisted_order(&hoisted) {
        all_defs.insert(name, serde_json::from_str(&key).unwrap_or(Value::Null));
    }
    all_defs.extend(defs.map);
    all_defs.extend(response_defs);
    if !all_defs.is_empty() {
        schema.insert("$defs".into(), Value::Object(all_defs));
    }
    if !responses.is_empty() {
        endpoint.insert("responses".into(), Value::Object(responses));
    }
    Body {
        schema,
        endpoint,
        ..Body::default()
    }
}

/// Enum lists to hoist, by their JSON: each long list that appears more than once in the body
/// and the responses, named `PossibleValues1`, … in page order (the overlay renames them).
fn hoisted(scopes: &[Scope], values: &[Vec<Map<String, Value>>]) -> BTreeMap<String, String> {
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (scope, values) in scopes.iter().zip(values) {
        if matches!(scope.kind, ScopeKind::Params(_)) {
            continue;
        }
        for (f, value) in scope.fields.iter().zip(values) {
            if f.is_container() {
                continue;
            }
            if let Some(key) = hoist_key(value) {
                match seen.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, count)) => *count += 1,
                    None => seen.push((key, 1)),
                }
            }
        }
    }
    seen.into_iter()
        .filter(|(_, count)| *count > 1)
        .enumerate()
        .map(|(i, (key, _))| (key, format!("PossibleValues{}", i + 1)))
        .collect()
}

/// The hoisted lists in the order of their names.
fn hoisted_order(hoisted: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let mut ordered: Vec<(String, String)> = hoisted
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    ordered.sort_by_key(|(_, name)| {
        name.trim_start_matches("PossibleValues")
            .parse::<usize>()
            .unwrap_or(0)
    });
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn capture_text(
        text: &str,
        baseline: Option<&Value>,
    ) -> (Body, Vec<CaptureError>, Vec<String>) {
        let page = Page::new(text);
        let operation = super::super::page::operation(&page).unwrap();
        let (mut unreadable, mut notes) = (Vec::new(), Vec::new());
        let body = capture(
            &page,
            &operation,
            baseline,
            &mut unreadable,
            &mut Vec::new(),
            &mut notes,
        );
        (body, unreadable, notes)
    }

    const UNNAMED: &str = "POST/x\nBody\nrequired\nobject\nrequired\nPossible values: [A, B]\nThe kind.\nPossible values: [X, Y]\nThe second.\n";

    #[test]
    fn unnamed_fields_get_placeholders_then_the_checked_in_names() {
        let (first, unreadable, notes) = capture_text(UNNAMED, None);
        assert_eq!(unreadable, []);
        let properties = |body: &Body| Value::Object(body.schema.clone())["properties"].clone();
        assert_eq!(
            properties(&first),
            json!({"unnamed_1": {"$ref": "#/$defs/Unnamed1"}})
        );
        assert_eq!(
            first.schema["$defs"]["Unnamed1"],
            json!({"type": "object", "properties": {
                "unnamed_1": {"type": "string", "enum": ["A", "B"], "description": "The kind."},
                "unnamed_2": {"type": "string", "enum": ["X", "Y"], "description": "The second."}
            }})
        );
        assert!(notes.iter().any(|n| n == "line 6: unnamed field after `/unnamed_1`, described `The kind.`: check it (named `/unnamed_1/unnamed_1` here)"), "{notes:#?}");
        // Against the checked-in names: by description, by values, and by place when neither.
        let baseline = json!({"properties": {"o": {"type": "object", "properties": {
            "kind": {"enum": ["A", "B"]}, "second": {"description": "The second."}
        }}}});
        let page = UNNAMED.replace("object\nrequired", "o\nobject\nrequired");
        let (again, unreadable, notes) = capture_text(&page, Some(&baseline));
        assert_eq!(unreadable, []);
        assert_eq!(properties(&again), json!({"o": {"$ref": "#/$defs/O"}}));
        let o = again.schema["$defs"]["O"]["properties"].clone();
        assert_eq!(
            o.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["kind", "second"]
        );
        assert_eq!(notes, ["the page shows no name line, and so no `required` badge, for the unnamed fields of the body: none of them is marked required, check it"]);
        let drifted = page
            .replace("[A, B]", "[A, C]")
            .replace("The second.", "The 2nd.");
        let (_, _, notes) = capture_text(&drifted, Some(&baseline));
        assert_eq!(notes[..2], [
            "line 7: unnamed field after `/o`, described `The kind.`: check it (taken as `/o/kind` by its place)",
            "line 9: unnamed field after `/o/kind`, described `The 2nd.`: check it (taken as `/o/second` by its place)",
        ]);
    }

    #[test]
    fn a_qualifier_and_the_next_fields_description_split_by_the_checked_in_schema() {
        // `[X, Y]` ends `o`; `Top level.` describes a field of the body, after `o`.
        let page = "POST/x\nBody\no\nobject\nPossible values: [X, Y]\nTop level.\n";
        let baseline = json!({"properties": {
            "o": {"type": "object", "properties": {"code": {"enum": ["X", "Y"]}}},
            "top": {"description": "Top level."}
        }});
        let (body, unreadable, _) = capture_text(page, Some(&baseline));
        assert_eq!(unreadable, []);
        assert_eq!(
            body.schema["properties"]["top"],
            json!({"description": "Top level."})
        );
        assert_eq!(
            body.schema["$defs"]["O"]["properties"]["code"],
            json!({"type": "string", "enum": ["X", "Y"]})
        );
    }

    #[test]
    fn arrays_their_brackets_and_responses() {
        let page = "GET/x\nResponses\n- 200\nOK.\n- application/json\n- Schema\n- Example (from schema)\nSchema\nitems object[] required\nPossible values: >= 1\nThe items.\n- Array [\nid stringrequired\n- ]\ncount integer\n{\"items\": [{\"id\": \"string\", \"at\": \"2024-07-29T15:51:28.071Z\"}], \"count\": 0}\n";
        let (body, unreadable, notes) = capture_text(page, None);
        assert_eq!((unreadable, notes), (vec![], vec![]));
        assert_eq!(
            body.endpoint["responses"],
            json!({"200": "#/$defs/Response200"})
        );
        assert_eq!(
            body.schema["$defs"]["Response200"],
            json!({"type": "object", "description": "OK.", "properties": {
                "items": {"type": "array", "items": {"type": "object", "properties": {
                    "id": {"type": "string"},
                    "at": {"type": "string", "format": "date-time"}
                }, "required": ["id"]}, "minItems": 1, "description": "The items."},
                "count": {"type": "integer"}
            }, "required": ["items"]})
        );
        let (_, unreadable, _) = capture_text("POST/x\nBody\nname string\n- ]\n- Array [\n", None);
        let lines: Vec<String> = unreadable.iter().map(ToString::to_string).collect();
        assert_eq!(lines, ["line 4: `]` closes no `Array [`", "line 5: `Array [` follows no array field: expected a field typed `object[]` before it"]);
    }

    #[test]
    fn the_family_is_recognised_by_structure() {
        let page = |text: &str| recognises(&Page::new(text));
        assert!(page(
            "POST/x\nBody\nbasicData\nobject\nrequired\nPossible values: [M, F]\n"
        ));
        assert!(page(
            "GET /x\nResponses\n- 200\nSchema\nid stringrequired\nExample (from schema)\n{}"
        ));
        // One mark alone, or marks without a section, is not enough.
        assert!(!page("POST/x\nBody\nPossible values: [M, F]\n"));
        assert!(!page("Possible values: [M, F]\nExample (from schema)\n"));
        assert!(!page("POST /v1/customers\nRequest Body\nexternalId  CONDITIONAL\nstring, max length: 40\ntype REQUIRED\nstring enum, values: BUSINESS\n"));
    }

    #[test]
    fn hostile_pages_stay_bounded() {
        let long = format!("POST/x\nBody\n{}\n", "x".repeat(1_000_000));
        let (_, unreadable, _) = capture_text(&long, None);
        assert_eq!(unreadable, []);
        let values = format!("POST/x\nBody\nPossible values: [{}", "A,\n".repeat(100_000));
        let (_, unreadable, _) = capture_text(&values, None);
        assert!(
            unreadable[0]
                .message
                .starts_with("the page ends inside `Possible values: [A,, A,"),
            "{unreadable:?}"
        );
        assert!(unreadable[0].message.len() < 200);
        let blank = format!(
            "GET/x\nResponses\n- 200\nOK.\n{}- application/json\n- Schema\n{}",
            "\n".repeat(200_000),
            "-\n".repeat(200_000)
        );
        let (body, unreadable, _) = capture_text(&blank, None);
        assert_eq!(
            (unreadable, body.endpoint["responses"].clone()),
            (vec![], json!({"200": "#/$defs/Response200"}))
        );
        let many = format!("POST/x\nBody\nobject\n{}", "Some words.\n".repeat(20_000));
        let (body, _, _) = capture_text(&many, None);
        let fields = body.schema["$defs"]["Unnamed1"]["properties"]
            .as_object()
            .unwrap()
            .len();
        assert_eq!(fields, 20_000);
    }
}
