//! A semantic diff of two versions of a schema file: one line per changed rule, classified for
//! the documents it validates. `breaking`: a document valid before is now rejected. `relaxing`: a
//! document rejected before is now accepted. `annotation`: docs only. `$ref`s are followed, so a
//! renamed definition is not a change; uncertain cases are classified `breaking`.

use crate::error::pointer_push;
use crate::vocabulary::{keyword_role, KeywordRole};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt;

/// How a change affects documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    Breaking,
    Relaxing,
    Annotation,
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Impact::Breaking => "breaking",
            Impact::Relaxing => "relaxing",
            Impact::Annotation => "annotation",
        })
    }
}

/// One changed rule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    pub impact: Impact,
    /// `request` or `response:<status>`.
    pub body: String,
    /// JSON pointer of the changed keyword in the new file (the old one where it was removed).
    pub pointer: String,
    pub what: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:<10} {:<13} {}  {}",
            self.impact, self.body, self.pointer, self.what
        )
    }
}

/// Every change between two versions of an endpoint schema, sorted and without duplicates.
pub fn diff_schemas(old: &Value, new: &Value) -> Vec<Change> {
    let mut differ = Differ {
        old,
        new,
        changes: BTreeSet::new(),
        visited: BTreeSet::new(),
        body: "request".into(),
    };
    differ.node("", "");
    let responses = |doc: &Value| -> Vec<(String, String)> {
        doc.pointer("/x-endpoint/responses")
            .and_then(Value::as_object)
            .map(|r| {
                r.iter()
                    .map(|(status, target)| {
                        (
                            status.clone(),
                            target
                                .as_str()
                                .unwrap_or("")
                                .trim_start_matches('#')
                                .to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (old_responses, new_responses) = (responses(old), responses(new));
    for (status, new_pointer) in &new_responses {
        differ.body = format!("response:{status}");
        differ.visited.clear();
        match old_responses.iter().find(|(s, _)| s == status) {
            Some((_, old_pointer)) => differ.node(old_pointer, new_pointer),
            None => differ.push(Impact::Annotation, new_pointer, "response body documented"),
        }
    }
    for (status, old_pointer) in &old_responses {
        if !new_responses.iter().any(|(s, _)| s == status) {
            differ.body = format!("response:{status}");
            differ.push(
                Impact::Annotation,
                old_pointer,
                "response body no longer documented",
            );
        }
    }
    differ.body = "request".into();
    differ.visited.clear();
    differ.endpoint();
    differ.changes.into_iter().collect()
}

struct Differ<'a> {
    old: &'a Value,
    new: &'a Value,
    changes: BTreeSet<Change>,
    visited: BTreeSet<(String, String)>,
    body: String,
}

const EMPTY: &Value = &Value::Bool(true);

fn text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

impl Differ<'_> {
    /// The operation itself: where requests go and what their path must carry. Root annotations
    /// (`title`, `x-source`, …) are reported once, by `node`.
    fn endpoint(&mut self) {
        use Impact::{Annotation, Breaking};
        for key in ["method", "path"] {
            let pointer = format!("/x-endpoint/{key}");
            let (a, b) = (self.old.pointer(&pointer), self.new.pointer(&pointer));
            if a != b {
                let describe = |v: Option<&Value>| v.map_or("(none)".to_owned(), text);
                self.push(
                    Breaking,
                    &pointer,
                    &format!(
                        "{key} {} -> {}: requests go to another operation",
                        describe(a),
                        describe(b)
                    ),
                );
            }
        }
        for (key, kind) in [("pathParameters", "path"), ("queryParameters", "query")] {
            let at = format!("/x-endpoint/{key}");
            let names = |doc: &Value| -> BTreeSet<String> {
                doc.pointer(&at)
                    .and_then(Value::as_object)
                    .map(|m| m.keys().cloned().collect())
                    .unwrap_or_default()
            };
            let (old_names, new_names) = (names(self.old), names(self.new));
            // A path parameter is always required; a query parameter's need is not documented.
            let (added, removed) = match kind {
                "path" => (Breaking, Breaking),
                _ => (Annotation, Annotation),
            };
            for name in old_names.union(&new_names) {
                let pointer = pointer_push(&at, name);
                match (old_names.contains(name), new_names.contains(name)) {
                    (true, true) => self.node(&pointer, &pointer),
                    (false, true) => {
                        self.push(added, &pointer, &format!("{kind} parameter `{name}` added"))
                    }
                    _ => self.push(
                        removed,
                        &pointer,
                        &format!("{kind} parameter `{name}` removed"),
                    ),
                }
            }
        }
    }

    fn push(&mut self, impact: Impact, pointer: &str, what: &str) {
        self.changes.insert(Change {
            impact,
            body: self.body.clone(),
            pointer: pointer.to_owned(),
            what: what.to_owned(),
        });
    }

    /// Compares the schemas at two pointers. A `$ref` is flattened into the node, so that moving
    /// rules into a definition (or renaming one) changes nothing.
    fn node(&mut self, old_at: &str, new_at: &str) {
        if !self.visited.insert((old_at.to_owned(), new_at.to_owned())) {
            return;
        }
        let (old, new) = (flatten(self.old, old_at), flatten(self.new, new_at));
        if old.is_none() != new.is_none() {
            self.push(
                Impact::Breaking,
                new_at,
                "schema replaced (boolean schema involved)",
            );
            return;
        }
        let (Some(old), Some(new)) = (old, new) else {
            return;
        };
        let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        for key in keys {
            let (a, b) = (old.get(key.as_str()), new.get(key.as_str()));
            let old_parent = a.map_or(old_at, |(_, parent)| parent.as_str()).to_owned();
            let new_parent = b.map_or(new_at, |(_, parent)| parent.as_str()).to_owned();
            self.keyword(
                key,
                &old_parent,
                &new_parent,
                a.map(|(v, _)| *v),
                b.map(|(v, _)| *v),
            );
        }
    }

    fn keyword(
        &mut self,
        key: &str,
        old_at: &str,
        new_at: &str,
        a: Option<&Value>,
        b: Option<&Value>,
    ) {
        let at = pointer_push(if b.is_some() { new_at } else { old_at }, key);
        if a == b && !is_applicator(key) {
            return;
        }
        use Impact::{Breaking, Relaxing};
        match key {
            "$defs" | "$schema" | "x-endpoint" => {}
            "properties" => {
                let names = |v: Option<&Value>| {
                    v.and_then(Value::as_object)
                        .map(|m| m.keys().cloned().collect::<BTreeSet<_>>())
                        .unwrap_or_default()
                };
                for name in names(a).union(&names(b)) {
                    let (old_child, new_child) = (
                        pointer_push(&pointer_push(old_at, key), name),
                        pointer_push(&pointer_push(new_at, key), name),
                    );
                    let in_old = a.and_then(|m| m.get(name)).is_some();
                    let in_new = b.and_then(|m| m.get(name)).is_some();
                    match (in_old, in_new) {
                        (true, true) => self.node(&old_child, &new_child),
                        (false, true) => self.push(
                            Breaking,
                            &new_child,
                            &format!("property `{name}` added: its value now has rules"),
                        ),
                        (true, false) => self.push(
                            Relaxing,
                            &old_child,
                            &format!("property `{name}` removed: its value is no longer checked"),
                        ),
                        (false, false) => {}
                    }
                }
            }
            "items" | "additionalProperties" | "contains" | "not" | "then" | "else" | "if" => {
                match (a, b) {
                    (Some(_), Some(_)) if key == "if" => {
                        if a != b {
                            self.push(Breaking, &at, "condition of a conditional rule changed");
                        }
                    }
                    (Some(_), Some(_)) => {
                        self.node(&pointer_push(old_at, key), &pointer_push(new_at, key))
                    }
                    (None, Some(_)) => {
                        let what = match key {
                            "if" | "then" | "else" => "new conditional requirement".to_owned(),
                            _ => format!("`{key}` added"),
                        };
                        self.push(Breaking, &at, &what);
                    }
                    (Some(_), None) => self.push(Relaxing, &at, &format!("`{key}` removed")),
                    (None, None) => {}
                }
            }
            "allOf" | "anyOf" | "oneOf" => {
                let len = |v: Option<&Value>| v.and_then(Value::as_array).map_or(0, Vec::len);
                let (n, m) = (len(a), len(b));
                for i in 0..n.min(m) {
                    let index = i.to_string();
                    self.node(
                        &pointer_push(&pointer_push(old_at, key), &index),
                        &pointer_push(&pointer_push(new_at, key), &index),
                    );
                }
                let (more, fewer) = match key {
                    "allOf" => (Breaking, Relaxing),
                    "anyOf" => (Relaxing, Breaking),
                    _ => (Breaking, Breaking), // oneOf: a new branch can make two branches match
                };
                if m > n {
                    self.push(
                        if n == 0 { Breaking } else { more },
                        &at,
                        &format!("{} branch(es) added to `{key}`", m - n),
                    );
                } else if n > m {
                    self.push(
                        if m == 0 { Relaxing } else { fewer },
                        &at,
                        &format!("{} branch(es) removed from `{key}`", n - m),
                    );
                }
            }
            _ => self.assertion(key, &at, a, b),
        }
    }

    fn assertion(&mut self, key: &str, at: &str, a: Option<&Value>, b: Option<&Value>) {
        use Impact::{Annotation, Breaking, Relaxing};
        let describe = |v: Option<&Value>| v.map_or("(none)".to_owned(), text);
        let change = format!("{key} {} -> {}", describe(a), describe(b));
        let number = |v: Option<&Value>| v.and_then(Value::as_f64);
        let impact = match key {
            "maxLength" | "maxItems" | "maxProperties" | "maximum" | "exclusiveMaximum"
            | "maxContains" => match (number(a), number(b)) {
                (Some(x), Some(y)) if y < x => Breaking,
                (Some(_), Some(_)) => Relaxing,
                (None, Some(_)) => Breaking,
                _ => Relaxing,
            },
            "minLength" | "minItems" | "minProperties" | "minimum" | "exclusiveMinimum"
            | "minContains" => match (number(a), number(b)) {
                (Some(x), Some(y)) if y > x => Breaking,
                (Some(_), Some(_)) => Relaxing,
                (None, Some(y)) if y > 0.0 => Breaking,
                (None, Some(_)) => Annotation,
                _ => Relaxing,
            },
            "enum" => {
                let set = |v: Option<&Value>| {
                    v.and_then(Value::as_array)
                        .map(|a| a.iter().map(text).collect::<BTreeSet<_>>())
                };
                match (set(a), set(b)) {
                    (Some(x), Some(y)) => {
                        let removed: Vec<&String> = x.difference(&y).collect();
                        let added: Vec<&String> = y.difference(&x).collect();
                        if !removed.is_empty() {
                            self.push(
                                Breaking,
                                at,
                                &format!("enum values removed: {}", join(&removed)),
                            );
                        }
                        if !added.is_empty() {
                            self.push(
                                Relaxing,
                                at,
                                &format!("enum values added: {}", join(&added)),
                            );
                        }
                        return;
                    }
                    (None, Some(_)) => Breaking,
                    _ => Relaxing,
                }
            }
            "required" => {
                let set = |v: Option<&Value>| {
                    v.and_then(Value::as_array)
                        .map(|a| {
                            a.iter()
                                .filter_map(Value::as_str)
                                .map(str::to_owned)
                                .collect::<BTreeSet<_>>()
                        })
                        .unwrap_or_default()
                };
                let (x, y) = (set(a), set(b));
                for name in y.difference(&x) {
                    self.push(Breaking, at, &format!("`{name}` became required"));
                }
                for name in x.difference(&y) {
                    self.push(Relaxing, at, &format!("`{name}` is no longer required"));
                }
                return;
            }
            "dependentRequired" => {
                let pairs = |v: Option<&Value>| -> BTreeSet<(String, String)> {
                    v.and_then(Value::as_object)
                        .map(|m| {
                            m.iter()
                                .flat_map(|(k, deps)| {
                                    deps.as_array()
                                        .into_iter()
                                        .flatten()
                                        .filter_map(Value::as_str)
                                        .map(move |d| (k.clone(), d.to_owned()))
                                })
                                .collect()
                        })
                        .unwrap_or_default()
                };
                let (x, y) = (pairs(a), pairs(b));
                for (when, then) in y.difference(&x) {
                    self.push(
                        Breaking,
                        at,
                        &format!("`{then}` became required when `{when}` is present"),
                    );
                }
                for (when, then) in x.difference(&y) {
                    self.push(
                        Relaxing,
                        at,
                        &format!("`{then}` is no longer required when `{when}` is present"),
                    );
                }
                return;
            }
            "type" => {
                let set = |v: Option<&Value>| -> Option<BTreeSet<String>> {
                    v.map(|v| match v {
                        Value::Array(items) => items
                            .iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect(),
                        other => other.as_str().into_iter().map(str::to_owned).collect(),
                    })
                };
                match (set(a), set(b)) {
                    (Some(x), Some(y)) if x.is_subset(&y) => Relaxing,
                    (Some(_), Some(_)) | (None, Some(_)) => Breaking,
                    _ => Relaxing,
                }
            }
            "nullable" | "uniqueItems" | "isNotOnlyWhitespace" => {
                let flag = |v: Option<&Value>| v.and_then(Value::as_bool).unwrap_or(false);
                let stricter = if key == "nullable" {
                    flag(a) && !flag(b)
                } else {
                    !flag(a) && flag(b)
                };
                if stricter {
                    Breaking
                } else {
                    Relaxing
                }
            }
            "pattern" | "format" | "const" | "multipleOf" => match b {
                Some(_) => Breaking,
                None => Relaxing,
            },
            _ => match keyword_role(key) {
                Some(KeywordRole::Annotation) | None => Annotation,
                Some(_) => Breaking,
            },
        };
        self.push(impact, at, &change);
    }
}

/// A schema's keywords with its `$ref` chain merged in (own keywords first), each with the pointer
/// of the schema that holds it. `None` for a boolean schema.
fn flatten<'v>(
    document: &'v Value,
    at: &str,
) -> Option<std::collections::BTreeMap<String, (&'v Value, String)>> {
    let mut members = std::collections::BTreeMap::new();
    let mut current = at.to_owned();
    for _ in 0..64 {
        let node = document.pointer(&current).unwrap_or(EMPTY);
        let Value::Object(map) = node else {
            // `true` adds nothing; `false` (rejects everything) cannot be flattened.
            return (node != &Value::Bool(false)).then_some(members);
        };
        for (key, value) in map {
            if key != "$ref" {
                members
                    .entry(key.clone())
                    .or_insert((value, current.clone()));
            }
        }
        match map.get("$ref").and_then(Value::as_str) {
            Some(target) => current = target.trim_start_matches('#').to_owned(),
            None => break,
        }
    }
    Some(members)
}

fn is_applicator(key: &str) -> bool {
    matches!(
        key,
        "properties"
            | "items"
            | "additionalProperties"
            | "contains"
            | "not"
            | "if"
            | "then"
            | "else"
            | "allOf"
            | "anyOf"
            | "oneOf"
    )
}

fn join(values: &[&String]) -> String {
    values
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The report as Markdown, for a pull-request comment.
pub fn to_markdown(changes: &[Change]) -> String {
    let breaking = changes
        .iter()
        .filter(|c| c.impact == Impact::Breaking)
        .count();
    let mut out = format!(
        "### Schema changes: {breaking} breaking, {} relaxing, {} annotation-only\n\n| impact | body | location | change |\n|---|---|---|---|\n",
        changes.iter().filter(|c| c.impact == Impact::Relaxing).count(),
        changes.iter().filter(|c| c.impact == Impact::Annotation).count()
    );
    for change in changes {
        let cell = |s: &str| s.replace('|', "\\|");
        out.push_str(&format!(
            "| {} | {} | `{}` | {} |\n",
            change.impact,
            change.body,
            cell(&change.pointer),
            cell(&change.what)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Diffs two request bodies given as the root schema, and lists `impact pointer what`.
    fn check(old: Value, new: Value, expected: &[&str]) {
        let lines: Vec<String> = diff_schemas(&old, &new)
            .iter()
            .map(|c| format!("{} {} {}", c.impact, c.pointer, c.what))
            .collect();
        assert_eq!(lines, expected);
    }

    fn string(extra: Value) -> Value {
        let mut schema = json!({"type": "object", "properties": {"name": {"type": "string"}}});
        for (k, v) in extra.as_object().unwrap() {
            schema["properties"]["name"][k] = v.clone();
        }
        schema
    }

    #[test]
    fn lengths_and_bounds() {
        check(
            string(json!({"maxLength": 50})),
            string(json!({"maxLength": 40})),
            &["breaking /properties/name/maxLength maxLength 50 -> 40"],
        );
        check(
            string(json!({"maxLength": 40})),
            string(json!({"maxLength": 50})),
            &["relaxing /properties/name/maxLength maxLength 40 -> 50"],
        );
        check(
            string(json!({})),
            string(json!({"minLength": 2})),
            &["breaking /properties/name/minLength minLength (none) -> 2"],
        );
        check(
            string(json!({"minimum": 1})),
            string(json!({})),
            &["relaxing /properties/name/minimum minimum 1 -> (none)"],
        );
    }

    #[test]
    fn enums() {
        check(
            string(json!({"enum": ["A", "B"]})),
            string(json!({"enum": ["A", "B", "C"]})),
            &["relaxing /properties/name/enum enum values added: \"C\""],
        );
        check(
            string(json!({"enum": ["A", "B"]})),
            string(json!({"enum": ["A"]})),
            &["breaking /properties/name/enum enum values removed: \"B\""],
        );
    }

    #[test]
    fn required_and_dependencies() {
        let base = json!({"type": "object", "required": ["a"]});
        check(
            base.clone(),
            json!({"type": "object", "required": ["a", "b"]}),
            &["breaking /required `b` became required"],
        );
        check(
            json!({"type": "object", "required": ["a", "b"]}),
            base,
            &["relaxing /required `b` is no longer required"],
        );
        check(
            json!({}),
            json!({"dependentRequired": {"taxId": ["country"]}}),
            &["breaking /dependentRequired `country` became required when `taxId` is present"],
        );
    }

    #[test]
    fn patterns_formats_and_types() {
        check(
            string(json!({"pattern": "^a$"})),
            string(json!({"pattern": "^b$"})),
            &["breaking /properties/name/pattern pattern \"^a$\" -> \"^b$\""],
        );
        check(
            string(json!({"format": "email"})),
            string(json!({})),
            &["relaxing /properties/name/format format \"email\" -> (none)"],
        );
        check(
            string(json!({})),
            string(json!({"type": ["string", "null"]})),
            &["relaxing /properties/name/type type \"string\" -> [\"string\",\"null\"]"],
        );
        check(
            string(json!({"nullable": true})),
            string(json!({})),
            &["breaking /properties/name/nullable nullable true -> (none)"],
        );
        check(
            string(json!({})),
            string(json!({"isNotOnlyWhitespace": true})),
            &["breaking /properties/name/isNotOnlyWhitespace isNotOnlyWhitespace (none) -> true"],
        );
    }

    #[test]
    fn properties_and_conditionals() {
        check(
            json!({"properties": {"a": {}}}),
            json!({"properties": {"b": {}}}),
            &[
                "breaking /properties/b property `b` added: its value now has rules",
                "relaxing /properties/a property `a` removed: its value is no longer checked",
            ],
        );
        check(
            json!({}),
            json!({"if": {"properties": {"type": {"const": "SHIPPING"}}}, "then": {"required": ["name"]}}),
            &[
                "breaking /if new conditional requirement",
                "breaking /then new conditional requirement",
            ],
        );
        check(
            json!({"items": {"maxLength": 3}}),
            json!({"items": {"maxLength": 2}}),
            &["breaking /items/maxLength maxLength 3 -> 2"],
        );
        check(
            json!({"maxContains": 1, "contains": {}}),
            json!({"contains": {}}),
            &["relaxing /maxContains maxContains 1 -> (none)"],
        );
    }

    #[test]
    fn annotations_only() {
        check(
            string(json!({"description": "a"})),
            string(json!({"description": "b"})),
            &["annotation /properties/name/description description \"a\" -> \"b\""],
        );
        check(
            string(json!({})),
            string(json!({"x-sensitive": true})),
            &["annotation /properties/name/x-sensitive x-sensitive (none) -> true"],
        );
    }

    #[test]
    fn root_annotations_are_reported_once() {
        check(
            json!({"x-source": {"seed": "a.txt"}, "title": "A"}),
            json!({"x-source": {"seed": "b.txt"}, "title": "A"}),
            &["annotation /x-source x-source {\"seed\":\"a.txt\"} -> {\"seed\":\"b.txt\"}"],
        );
    }

    #[test]
    fn endpoint_changes() {
        let endpoint = |method: &str, path: &str, parameters: Value| json!({"x-endpoint": {"method": method, "path": path, "pathParameters": parameters, "responses": {}}});
        let id = json!({"customerId": {"type": "string", "format": "uuid"}});
        check(
            endpoint("POST", "/v1/customers", json!({})),
            endpoint("PUT", "/v1/customers", json!({})),
            &["breaking /x-endpoint/method method \"POST\" -> \"PUT\": requests go to another operation"],
        );
        check(
            endpoint("PATCH", "/v1/customers", json!({})),
            endpoint("PATCH", "/v1/customers/{customerId}", id.clone()),
            &[
                "breaking /x-endpoint/path path \"/v1/customers\" -> \"/v1/customers/{customerId}\": requests go to another operation",
                "breaking /x-endpoint/pathParameters/customerId path parameter `customerId` added",
            ],
        );
        check(
            endpoint("PATCH", "/c/{customerId}", id),
            endpoint(
                "PATCH",
                "/c/{customerId}",
                json!({"customerId": {"type": "string", "maxLength": 10}}),
            ),
            &[
                "breaking /x-endpoint/pathParameters/customerId/maxLength maxLength (none) -> 10",
                "relaxing /x-endpoint/pathParameters/customerId/format format \"uuid\" -> (none)",
            ],
        );
    }

    #[test]
    fn renaming_a_definition_is_not_a_change() {
        let old = json!({"properties": {"a": {"$ref": "#/$defs/Old"}}, "$defs": {"Old": {"maxLength": 3}}});
        let new = json!({"properties": {"a": {"$ref": "#/$defs/New"}}, "$defs": {"New": {"maxLength": 3}}});
        check(old, new.clone(), &[]);
        let inline = json!({"properties": {"a": {"maxLength": 3}}});
        check(inline, new, &[]);
    }

    #[test]
    fn combinators() {
        check(
            json!({"anyOf": [{}, {}]}),
            json!({"anyOf": [{}, {}, {}]}),
            &["relaxing /anyOf 1 branch(es) added to `anyOf`"],
        );
        check(
            json!({"allOf": [{}]}),
            json!({"allOf": [{}, {"minLength": 1}]}),
            &["breaking /allOf 1 branch(es) added to `allOf`"],
        );
        check(
            json!({"oneOf": [{"minLength": 1}]}),
            json!({"oneOf": [{"minLength": 2}]}),
            &["breaking /oneOf/0/minLength minLength 1 -> 2"],
        );
    }

    #[test]
    fn responses_are_reported_per_status() {
        let doc = |max: u64| json!({"x-endpoint": {"responses": {"200": "#/$defs/Ok"}}, "$defs": {"Ok": {"properties": {"id": {"maxLength": max}}}}});
        let changes = diff_schemas(&doc(10), &doc(5));
        assert_eq!(changes.len(), 1);
        assert_eq!(
            changes[0].to_string(),
            "breaking   response:200  /$defs/Ok/properties/id/maxLength  maxLength 10 -> 5"
        );
        assert!(to_markdown(&changes).contains(
            "| breaking | response:200 | `/$defs/Ok/properties/id/maxLength` | maxLength 10 -> 5 |"
        ));
    }
}
