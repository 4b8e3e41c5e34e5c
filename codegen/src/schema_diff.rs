//! A semantic diff of two versions of a schema file: one line per change, with two verdicts.
//!
//! The wire verdict ([`Impact`]) is for the documents the schema validates. `breaking`: a document
//! valid before is now rejected. `relaxing`: a document rejected before is now accepted.
//! `annotation`: no document's verdict changes (docs, or the Rust API alone). `$ref`s are
//! followed, so a renamed definition changes no document; uncertain cases are `breaking`.
//!
//! The code verdict ([`CodeImpact`]) is for Rust written against the generated types: typify's
//! structs (`Option<T>` for a field that is not required, `Vec<T>` or a map for an array or a map
//! whether required or not), an enum per string `enum`, a checked newtype per constrained string,
//! a builder per struct. It follows what `types` hands typify, so only the keywords it keeps shape
//! a type. A subschema typify never sees (below `contains`, `not`, `if`/`then`/`else`,
//! `x-endpoint`, or inside a value typed as `serde_json::Value`) changes no Rust: `none`.
//!
//! | change | code | the generated Rust |
//! |---|---|---|
//! | property removed (a rename is a removal and an addition) | breaks code | field and setter gone |
//! | optional property added | additive | new `Option` field and setter (a struct literal naming every field needs it too) |
//! | required property added; optional → required | breaks code | `Option<T>` → `T`; `build()` fails without it |
//! | required → optional | breaks code | `T` → `Option<T>`; `none` for an array, a map or a field with a `default`, which stay unwrapped |
//! | `type` or `nullable` changed | breaks code | `String` → `i64`, `T` → `Vec<T>`, `T` → `Option<T>` (also reported when `null` joins a field already optional) |
//! | first or last `maxLength`, `minLength`, `pattern`, `format`, `isNotOnlyWhitespace` of a string | breaks code | `String` ↔ a newtype built by `TryFrom`/`FromStr` |
//! | those changed on a string that stays constrained | none | same newtype, another check in its constructor |
//! | enum values added | additive | new variants; breaks code from a single value, which the builder no longer fills in |
//! | enum values removed, `enum` added or removed | breaks code | variants gone, or `String` ↔ enum |
//! | `$ref` to another definition; root or inline `title` | breaks code | the value's type is renamed |
//! | definition removed / added | breaks code / additive | each top-level definition is a named type |
//! | `x-sensitive` or `default` added or removed | breaks code | `Sensitive<T>` ↔ `T`; `Option<T>` ↔ `T` |
//! | `items`, an `additionalProperties` schema, shaping `allOf`/`anyOf`/`oneOf` branches, `patternProperties`/`prefixItems`/`$dynamicRef`/`$id` added or removed | breaks code | element, map, merged or `serde_json::Value` type |
//! | response body documented / no longer documented | additive / breaks code | its `Schema` impl and registry entry |
//! | numeric bounds, counts, `const`, `multipleOf`, `uniqueItems`, `contains`, conditionals, `dependentRequired`, `additionalProperties: false`, branches that only constrain, descriptions, examples, `deprecated`, a definition's `title`, `x-…`, method, path, parameters | none | a run-time check or docs |
//!
//! `format` never changes a Rust type beyond that newtype: typify is not given it (`date` is a
//! `String` newtype, not a `chrono` type), and numeric bounds never choose an integer width.

use crate::error::pointer_push;
use crate::vocabulary::{format_check, keyword_role, KeywordRole};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
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

/// How a change affects Rust code written against the generated types (see the module docs).
/// Ordered from the most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CodeImpact {
    /// Code that compiled, or a builder that succeeded, may no longer: an item, variant or
    /// setter gone or renamed, a type changed, a field now needed.
    BreaksCode,
    /// Something new (a field, variant or type) that existing code need not use.
    Additive,
    /// The Rust API is unchanged: a rule checked at run time, or docs.
    None,
}

impl fmt::Display for CodeImpact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            CodeImpact::BreaksCode => "breaks code",
            CodeImpact::Additive => "additive",
            CodeImpact::None => "none",
        })
    }
}

/// One changed rule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    pub impact: Impact,
    /// `request` or `response:<status>` (for a definition added or removed: the first body that
    /// uses it, `$defs` when none does).
    pub body: String,
    /// JSON pointer of the changed keyword in the new file (the old one where it was removed).
    pub pointer: String,
    pub what: String,
    /// What the change does to the generated Rust API.
    pub code: CodeImpact,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:<10} {:<11} {:<13} {}  {}",
            self.impact, self.code, self.body, self.pointer, self.what
        )
    }
}

/// Every change between two versions of an endpoint schema, sorted and without duplicates.
pub fn diff_schemas(old: &Value, new: &Value) -> Vec<Change> {
    let mut differ = Differ {
        old,
        new,
        changes: BTreeMap::new(),
        visited: BTreeSet::new(),
        body: "request".into(),
    };
    differ.node("", "");
    let (old_responses, new_responses) = (responses(old), responses(new));
    for (status, new_pointer) in &new_responses {
        differ.body = format!("response:{status}");
        differ.visited.clear();
        match old_responses.iter().find(|(s, _)| s == status) {
            Some((_, old_pointer)) => {
                if let (Some(a), Some(b)) =
                    (definition_name(old_pointer), definition_name(new_pointer))
                {
                    if a != b {
                        differ.push(
                            Impact::Annotation,
                            CodeImpact::BreaksCode,
                            &format!("/x-endpoint/responses/{status}"),
                            &format!("response body is now the definition `{b}` (was `{a}`): its Rust type is renamed"),
                        );
                    }
                }
                differ.node(old_pointer, new_pointer)
            }
            None => differ.push(
                Impact::Annotation,
                CodeImpact::Additive,
                new_pointer,
                "response body documented",
            ),
        }
    }
    for (status, old_pointer) in &old_responses {
        if !new_responses.iter().any(|(s, _)| s == status) {
            differ.body = format!("response:{status}");
            differ.push(
                Impact::Annotation,
                CodeImpact::BreaksCode,
                old_pointer,
                "response body no longer documented",
            );
        }
    }
    differ.body = "request".into();
    differ.visited.clear();
    differ.endpoint();
    differ.definitions();
    differ
        .changes
        .into_iter()
        .map(|((impact, body, pointer, what), code)| Change {
            impact,
            body,
            pointer,
            what,
            code,
        })
        .collect()
}

/// `x-endpoint.responses` as `(status, pointer)`.
fn responses(doc: &Value) -> Vec<(String, String)> {
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
}

/// `name` of `/$defs/<name>`, a top-level definition (which typify names a type after).
fn definition_name(pointer: &str) -> Option<&str> {
    pointer
        .strip_prefix("/$defs/")
        .filter(|name| !name.is_empty() && !name.contains('/'))
}

/// The definition a schema's own `$ref` names, if it is a top-level one.
fn referenced_definition<'v>(document: &'v Value, at: &str) -> Option<&'v str> {
    document
        .pointer(at)?
        .get("$ref")?
        .as_str()?
        .strip_prefix('#')
        .and_then(definition_name)
}

/// Changes keyed without their code verdict: one change seen twice (a definition reached from
/// two places) keeps the most severe verdict.
type Changes = BTreeMap<(Impact, String, String, String), CodeImpact>;

/// A schema's keywords with its `$ref` chain merged in: each with the pointer of its holder.
type Flat<'v> = BTreeMap<String, (&'v Value, String)>;

struct Differ<'a> {
    old: &'a Value,
    new: &'a Value,
    changes: Changes,
    visited: BTreeSet<(String, String)>,
    body: String,
}

/// What `keyword` knows of the two schemas being compared.
struct Node<'n, 'v> {
    old: &'n Flat<'v>,
    new: &'n Flat<'v>,
    /// Whether typify sees the keyword's holder, in either version: only then can the keyword
    /// shape a Rust type.
    typed: bool,
}

impl Node<'_, '_> {
    /// `code` where typify sees the schema, `none` where it does not.
    fn code(&self, code: CodeImpact) -> CodeImpact {
        if self.typed {
            code
        } else {
            CodeImpact::None
        }
    }
}

const EMPTY: &Value = &Value::Bool(true);

/// Keywords that make `types` type a subschema as `serde_json::Value`.
const TYPED_AS_VALUE: &[&str] = &["$dynamicRef", "patternProperties", "prefixItems"];

/// Keywords `types` hands typify (or turns into what it hands it): a subschema without any of
/// them gives typify no shape, and a branch of such subschemas only constrains.
const SHAPING: &[&str] = &[
    "$dynamicRef",
    "$id",
    "$ref",
    "additionalProperties",
    "allOf",
    "anyOf",
    "default",
    "enum",
    "format",
    "isNotOnlyWhitespace",
    "items",
    "maxLength",
    "minLength",
    "nullable",
    "oneOf",
    "pattern",
    "patternProperties",
    "prefixItems",
    "properties",
    "required",
    "title",
    "type",
    "x-sensitive",
];

fn text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Whether typify sees the subschema at `at`: reached from the root or a top-level definition
/// through `properties`, `items`, `additionalProperties` and `allOf`/`anyOf`/`oneOf` branches
/// only, none of them typed as `serde_json::Value`.
fn typed(document: &Value, at: &str) -> bool {
    let segments: Vec<&str> = at.split('/').skip(1).collect();
    let (mut current, mut i) = match segments.as_slice() {
        ["$defs", name, ..] => (format!("/$defs/{name}"), 2),
        _ => (String::new(), 0),
    };
    loop {
        if let Some(Value::Object(map)) = document.pointer(&current) {
            if TYPED_AS_VALUE.iter().any(|k| map.contains_key(*k))
                || (!current.is_empty() && map.contains_key("$id"))
            {
                return false;
            }
            if let Some(target) = map.get("$ref") {
                let to_definition = target
                    .as_str()
                    .and_then(|t| t.strip_prefix('#'))
                    .and_then(definition_name)
                    .is_some();
                if !to_definition {
                    return false;
                }
            }
        }
        let step = match segments.get(i) {
            None => return true,
            Some(&("properties" | "allOf" | "anyOf" | "oneOf")) if i + 1 < segments.len() => 2,
            Some(&("items" | "additionalProperties")) => 1,
            Some(_) => return false,
        };
        for segment in &segments[i..i + step] {
            current.push('/');
            current.push_str(segment);
        }
        i += step;
    }
}

/// True for a schema whose `type` is `string` or a list holding `string`.
fn is_string(node: &Flat<'_>) -> bool {
    match node.get("type").map(|(v, _)| *v) {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(types)) => types.iter().any(|t| t == "string"),
        _ => false,
    }
}

/// True when typify makes the string a checked newtype rather than a `String` (an enum is an
/// enum whatever its lengths).
fn constrained_string(node: &Flat<'_>) -> bool {
    is_string(node)
        && !node.contains_key("enum")
        && (["maxLength", "minLength", "pattern"]
            .iter()
            .any(|k| node.contains_key(*k))
            || node.get("isNotOnlyWhitespace").map(|(v, _)| *v) == Some(&Value::Bool(true))
            || node
                .get("format")
                .and_then(|(v, _)| v.as_str())
                .is_some_and(|f| format_check(f).is_some()))
}

/// True for a field typify never wraps in `Option`, required or not: an array (`Vec<T>`), a map
/// (an object of `additionalProperties` only) or a value with a `default`.
fn never_optional(document: &Value, at: &str) -> bool {
    let Some(node) = flatten(document, at) else {
        return false;
    };
    let get = |key: &str| node.get(key).map(|(v, _)| *v);
    get("default").is_some()
        || get("type") == Some(&Value::String("array".into()))
        || (get("type") == Some(&Value::String("object".into()))
            && get("properties").is_none()
            && get("additionalProperties").is_some_and(Value::is_object))
}

/// Whether a branch of `allOf`/`anyOf`/`oneOf` gives typify no shape (only constrains).
fn shapeless(branch: &Value) -> bool {
    match branch {
        Value::Object(map) => !map.keys().any(|k| SHAPING.contains(&k.as_str())),
        Value::Bool(b) => *b,
        _ => false,
    }
}

/// The set of names a `required` list holds.
fn names(value: Option<&Value>) -> BTreeSet<String> {
    value
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// The pointer of property `name` in a flattened schema, if it declares one.
fn property_at(node: &Flat<'_>, name: &str) -> Option<String> {
    let (properties, holder) = node.get("properties")?;
    properties.get(name)?;
    Some(pointer_push(&pointer_push(holder, "properties"), name))
}

/// The pointers of the top-level definitions `from` reaches through `$ref`s (`from` excluded).
fn reached_definitions(document: &Value, from: &str) -> BTreeSet<String> {
    fn walk(document: &Value, value: &Value, seen: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    match (key.as_str(), child) {
                        ("$defs" | "x-endpoint", _) => {}
                        ("$ref", Value::String(target)) => {
                            let Some(pointer) = target.strip_prefix('#') else {
                                continue;
                            };
                            if let Some(name) = definition_name(pointer) {
                                if seen.insert(format!("/$defs/{name}")) {
                                    if let Some(target) = document.pointer(pointer) {
                                        walk(document, target, seen);
                                    }
                                }
                            }
                        }
                        _ => walk(document, child, seen),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(document, item, seen)),
            _ => {}
        }
    }
    let mut seen = BTreeSet::new();
    if let Some(start) = document.pointer(from) {
        walk(document, start, &mut seen);
    }
    seen
}

impl Differ<'_> {
    /// The operation itself: where requests go and what their path must carry. Root annotations
    /// (`title`, `x-source`, …) are reported once, by `node`. No Rust type carries any of it.
    fn endpoint(&mut self) {
        use Impact::{Annotation, Breaking};
        for key in ["method", "path"] {
            let pointer = format!("/x-endpoint/{key}");
            let (a, b) = (self.old.pointer(&pointer), self.new.pointer(&pointer));
            if a != b {
                let describe = |v: Option<&Value>| v.map_or("(none)".to_owned(), text);
                self.push(
                    Breaking,
                    CodeImpact::None,
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
                    (false, true) => self.push(
                        added,
                        CodeImpact::None,
                        &pointer,
                        &format!("{kind} parameter `{name}` added"),
                    ),
                    _ => self.push(
                        removed,
                        CodeImpact::None,
                        &pointer,
                        &format!("{kind} parameter `{name}` removed"),
                    ),
                }
            }
        }
    }

    /// Top-level definitions added or removed: each is a Rust type of its own, whatever the
    /// documents see.
    fn definitions(&mut self) {
        let defined = |doc: &Value| -> BTreeSet<String> {
            doc.get("$defs")
                .and_then(Value::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default()
        };
        let (old_names, new_names) = (defined(self.old), defined(self.new));
        for (names, others, doc, code, what) in [
            (
                &old_names,
                &new_names,
                self.old,
                CodeImpact::BreaksCode,
                "removed: its Rust type is gone",
            ),
            (
                &new_names,
                &old_names,
                self.new,
                CodeImpact::Additive,
                "added: a new Rust type",
            ),
        ] {
            for name in names.difference(others) {
                let pointer = pointer_push("/$defs", name);
                let mut bodies = vec![("request".to_owned(), String::new())];
                bodies.extend(
                    responses(doc)
                        .into_iter()
                        .map(|(status, at)| (format!("response:{status}"), at)),
                );
                let body = bodies
                    .into_iter()
                    .find(|(_, at)| {
                        *at == pointer || reached_definitions(doc, at).contains(&pointer)
                    })
                    .map_or("$defs".to_owned(), |(body, _)| body);
                self.changes
                    .entry((
                        Impact::Annotation,
                        body,
                        pointer,
                        format!("definition `{name}` {what}"),
                    ))
                    .or_insert(code);
            }
        }
    }

    fn push(&mut self, impact: Impact, code: CodeImpact, pointer: &str, what: &str) {
        let key = (
            impact,
            self.body.clone(),
            pointer.to_owned(),
            what.to_owned(),
        );
        let entry = self.changes.entry(key).or_insert(code);
        *entry = (*entry).min(code);
    }

    /// Compares the schemas at two pointers. A `$ref` is flattened into the node, so that moving
    /// rules into a definition (or renaming one) changes no document; the Rust type it names is
    /// reported.
    fn node(&mut self, old_at: &str, new_at: &str) {
        if !self.visited.insert((old_at.to_owned(), new_at.to_owned())) {
            return;
        }
        let seen_by_typify = typed(self.old, old_at) || typed(self.new, new_at);
        let (old, new) = (flatten(self.old, old_at), flatten(self.new, new_at));
        if old.is_none() != new.is_none() {
            self.push(
                Impact::Breaking,
                if seen_by_typify {
                    CodeImpact::BreaksCode
                } else {
                    CodeImpact::None
                },
                new_at,
                "schema replaced (boolean schema involved)",
            );
            return;
        }
        let (Some(old), Some(new)) = (old, new) else {
            return;
        };
        let (a, b) = (
            referenced_definition(self.old, old_at),
            referenced_definition(self.new, new_at),
        );
        if a != b && seen_by_typify {
            let describe = |name: Option<&str>| {
                name.map_or("an inline schema".to_owned(), |n| format!("`{n}`"))
            };
            let at = if b.is_some() { new_at } else { old_at };
            self.push(
                Impact::Annotation,
                CodeImpact::BreaksCode,
                &pointer_push(at, "$ref"),
                &format!(
                    "`$ref` {} -> {}: the value's Rust type is another one",
                    describe(a),
                    describe(b)
                ),
            );
        }
        let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        for key in keys {
            let (a, b) = (old.get(key.as_str()), new.get(key.as_str()));
            let old_parent = a.map_or(old_at, |(_, parent)| parent.as_str()).to_owned();
            let new_parent = b.map_or(new_at, |(_, parent)| parent.as_str()).to_owned();
            let context = Node {
                old: &old,
                new: &new,
                typed: (a.is_some() && typed(self.old, &old_parent))
                    || (b.is_some() && typed(self.new, &new_parent)),
            };
            self.keyword(
                key,
                &old_parent,
                &new_parent,
                a.map(|(v, _)| *v),
                b.map(|(v, _)| *v),
                &context,
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
        node: &Node<'_, '_>,
    ) {
        let at = pointer_push(if b.is_some() { new_at } else { old_at }, key);
        if a == b && !is_applicator(key) {
            return;
        }
        use CodeImpact::{Additive, BreaksCode};
        use Impact::{Breaking, Relaxing};
        match key {
            // Capture's and import's notes are for the reviewer of the change, not a change.
            "$defs" | "$schema" | "x-endpoint" | "x-capture-notes" => {}
            "properties" => {
                let declared = |v: Option<&Value>| {
                    v.and_then(Value::as_object)
                        .map(|m| m.keys().cloned().collect::<BTreeSet<_>>())
                        .unwrap_or_default()
                };
                let old_names = declared(a);
                // Properties where there were none turn a map or a `Value` into a struct.
                let becomes_struct = old_names.is_empty();
                let required = names(node.new.get("required").map(|(v, _)| *v));
                for name in old_names.union(&declared(b)) {
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
                            node.code(if becomes_struct || required.contains(name) {
                                BreaksCode
                            } else {
                                Additive
                            }),
                            &new_child,
                            &format!("property `{name}` added: its value now has rules"),
                        ),
                        (true, false) => self.push(
                            Relaxing,
                            node.code(BreaksCode),
                            &old_child,
                            &format!("property `{name}` removed: its value is no longer checked"),
                        ),
                        (false, false) => {}
                    }
                }
            }
            "items" | "additionalProperties" | "contains" | "not" | "then" | "else" | "if" => {
                // typify sees `items` and `additionalProperties` only; `false` forbids members
                // without changing a type.
                let shapes = match key {
                    "items" => BreaksCode,
                    "additionalProperties" if a.or(b).is_some_and(Value::is_boolean) => {
                        CodeImpact::None
                    }
                    "additionalProperties" => BreaksCode,
                    _ => CodeImpact::None,
                };
                match (a, b) {
                    (Some(_), Some(_)) if key == "if" => {
                        if a != b {
                            self.push(
                                Breaking,
                                CodeImpact::None,
                                &at,
                                "condition of a conditional rule changed",
                            );
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
                        self.push(Breaking, node.code(shapes), &at, &what);
                    }
                    (Some(_), None) => self.push(
                        Relaxing,
                        node.code(shapes),
                        &at,
                        &format!("`{key}` removed"),
                    ),
                    (None, None) => {}
                }
            }
            "allOf" | "anyOf" | "oneOf" => {
                let branches =
                    |v: Option<&Value>| v.and_then(Value::as_array).cloned().unwrap_or_default();
                let (old_branches, new_branches) = (branches(a), branches(b));
                let (n, m) = (old_branches.len(), new_branches.len());
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
                // Branches that only constrain never reach typify (see `types`).
                let code = match old_branches.iter().chain(&new_branches).all(shapeless) {
                    true => CodeImpact::None,
                    false => node.code(BreaksCode),
                };
                if m > n {
                    self.push(
                        if n == 0 { Breaking } else { more },
                        code,
                        &at,
                        &format!("{} branch(es) added to `{key}`", m - n),
                    );
                } else if n > m {
                    self.push(
                        if m == 0 { Relaxing } else { fewer },
                        code,
                        &at,
                        &format!("{} branch(es) removed from `{key}`", n - m),
                    );
                }
            }
            _ => self.assertion(key, &at, a, b, node),
        }
    }

    fn assertion(
        &mut self,
        key: &str,
        at: &str,
        a: Option<&Value>,
        b: Option<&Value>,
        node: &Node<'_, '_>,
    ) {
        use CodeImpact::{Additive, BreaksCode};
        use Impact::{Annotation, Breaking, Relaxing};
        let describe = |v: Option<&Value>| v.map_or("(none)".to_owned(), text);
        let change = format!("{key} {} -> {}", describe(a), describe(b));
        let number = |v: Option<&Value>| v.and_then(Value::as_f64);
        // A keyword of a string's newtype: the type changes only when the string starts or stops
        // being constrained.
        let newtype = || match constrained_string(node.old) == constrained_string(node.new) {
            true => CodeImpact::None,
            false => node.code(BreaksCode),
        };
        let presence = || match a.is_some() == b.is_some() {
            true => CodeImpact::None,
            false => node.code(BreaksCode),
        };
        let (impact, code) = match key {
            "maxLength" | "maxItems" | "maxProperties" | "maximum" | "exclusiveMaximum"
            | "maxContains" => (
                match (number(a), number(b)) {
                    (Some(x), Some(y)) if y < x => Breaking,
                    (Some(_), Some(_)) => Relaxing,
                    (None, Some(_)) => Breaking,
                    _ => Relaxing,
                },
                if key == "maxLength" {
                    newtype()
                } else {
                    CodeImpact::None
                },
            ),
            "minLength" | "minItems" | "minProperties" | "minimum" | "exclusiveMinimum"
            | "minContains" => (
                match (number(a), number(b)) {
                    (Some(x), Some(y)) if y > x => Breaking,
                    (Some(_), Some(_)) => Relaxing,
                    (None, Some(y)) if y > 0.0 => Breaking,
                    (None, Some(_)) => Annotation,
                    _ => Relaxing,
                },
                if key == "minLength" {
                    newtype()
                } else {
                    CodeImpact::None
                },
            ),
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
                                node.code(BreaksCode),
                                at,
                                &format!("enum values removed: {}", join(&removed)),
                            );
                        }
                        if !added.is_empty() {
                            // A single value is filled in by the builder; two must be chosen.
                            let code = if x.len() == 1 { BreaksCode } else { Additive };
                            self.push(
                                Relaxing,
                                node.code(code),
                                at,
                                &format!("enum values added: {}", join(&added)),
                            );
                        }
                        return;
                    }
                    (None, Some(_)) => (Breaking, node.code(BreaksCode)),
                    _ => (Relaxing, node.code(BreaksCode)),
                }
            }
            "required" => {
                let (x, y) = (names(a), names(b));
                for name in y.difference(&x) {
                    self.push(
                        Breaking,
                        node.code(BreaksCode),
                        at,
                        &format!("`{name}` became required"),
                    );
                }
                for name in x.difference(&y) {
                    // `T` becomes `Option<T>`, but a `Vec`, a map or a defaulted value stays.
                    let stays = match (property_at(node.old, name), property_at(node.new, name)) {
                        (Some(old_at), Some(new_at)) => {
                            never_optional(self.old, &old_at) && never_optional(self.new, &new_at)
                        }
                        _ => false,
                    };
                    self.push(
                        Relaxing,
                        node.code(if stays { CodeImpact::None } else { BreaksCode }),
                        at,
                        &format!("`{name}` is no longer required"),
                    );
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
                        CodeImpact::None,
                        at,
                        &format!("`{then}` became required when `{when}` is present"),
                    );
                }
                for (when, then) in x.difference(&y) {
                    self.push(
                        Relaxing,
                        CodeImpact::None,
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
                let impact = match (set(a), set(b)) {
                    (Some(x), Some(y)) if x.is_subset(&y) => Relaxing,
                    (Some(_), Some(_)) | (None, Some(_)) => Breaking,
                    _ => Relaxing,
                };
                (impact, node.code(BreaksCode))
            }
            "nullable" | "uniqueItems" | "isNotOnlyWhitespace" => {
                let flag = |v: Option<&Value>| v.and_then(Value::as_bool).unwrap_or(false);
                let stricter = if key == "nullable" {
                    flag(a) && !flag(b)
                } else {
                    !flag(a) && flag(b)
                };
                let code = match key {
                    "nullable" if flag(a) != flag(b) => node.code(BreaksCode),
                    "isNotOnlyWhitespace" => newtype(),
                    _ => CodeImpact::None,
                };
                (if stricter { Breaking } else { Relaxing }, code)
            }
            "pattern" | "format" | "const" | "multipleOf" => (
                match b {
                    Some(_) => Breaking,
                    None => Relaxing,
                },
                match key {
                    "pattern" | "format" => newtype(),
                    _ => CodeImpact::None,
                },
            ),
            _ => {
                let impact = match keyword_role(key) {
                    Some(KeywordRole::Annotation) | None => Annotation,
                    Some(_) => Breaking,
                };
                let code = match key {
                    // The root's title names the request type, an inline title its own type; a
                    // definition's type is named after the definition.
                    "title" => {
                        let holder = at.strip_suffix("/title").unwrap_or_default();
                        match definition_name(holder) {
                            Some(_) => CodeImpact::None,
                            None => node.code(BreaksCode),
                        }
                    }
                    "x-sensitive" | "default" | "patternProperties" | "prefixItems"
                    | "$dynamicRef" => presence(),
                    "$id" if at != "/$id" => presence(),
                    _ => CodeImpact::None,
                };
                (impact, code)
            }
        };
        self.push(impact, code, at, &change);
    }
}

/// A schema's keywords with its `$ref` chain merged in (own keywords first), each with the pointer
/// of the schema that holds it. `None` for a boolean schema.
fn flatten<'v>(document: &'v Value, at: &str) -> Option<Flat<'v>> {
    let mut members = BTreeMap::new();
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

/// The report as Markdown, for a pull-request comment: both verdicts of each change.
pub fn to_markdown(changes: &[Change]) -> String {
    let wire = |impact: Impact| changes.iter().filter(|c| c.impact == impact).count();
    let code = |code: CodeImpact| changes.iter().filter(|c| c.code == code).count();
    let mut out = format!(
        "### Schema changes: {} breaking, {} relaxing, {} annotation-only; {} break code, {} additive\n\n| impact | code | body | location | change |\n|---|---|---|---|---|\n",
        wire(Impact::Breaking),
        wire(Impact::Relaxing),
        wire(Impact::Annotation),
        code(CodeImpact::BreaksCode),
        code(CodeImpact::Additive),
    );
    for change in changes {
        let cell = |s: &str| s.replace('|', "\\|");
        out.push_str(&format!(
            "| {} | {} | {} | `{}` | {} |\n",
            change.impact,
            change.code,
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
    fn renaming_a_definition_changes_no_document_but_renames_a_type() {
        let old = json!({"properties": {"a": {"$ref": "#/$defs/Old"}}, "$defs": {"Old": {"maxLength": 3}}});
        let new = json!({"properties": {"a": {"$ref": "#/$defs/New"}}, "$defs": {"New": {"maxLength": 3}}});
        check(
            old,
            new.clone(),
            &[
                "annotation /$defs/New definition `New` added: a new Rust type",
                "annotation /$defs/Old definition `Old` removed: its Rust type is gone",
                "annotation /properties/a/$ref `$ref` `Old` -> `New`: the value's Rust type is another one",
            ],
        );
        let inline = json!({"properties": {"a": {"maxLength": 3}}});
        check(
            inline,
            new,
            &[
                "annotation /$defs/New definition `New` added: a new Rust type",
                "annotation /properties/a/$ref `$ref` an inline schema -> `New`: the value's Rust type is another one",
            ],
        );
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
            "breaking   none        response:200  /$defs/Ok/properties/id/maxLength  maxLength 10 -> 5"
        );
        assert!(to_markdown(&changes).contains(
            "| breaking | none | response:200 | `/$defs/Ok/properties/id/maxLength` | maxLength 10 -> 5 |"
        ));
    }

    /// Diffs two schemas and lists `impact code pointer what` for every change.
    fn verdicts(old: Value, new: Value) -> Vec<String> {
        diff_schemas(&old, &new)
            .iter()
            .map(|c| format!("{} {} {} {}", c.impact, c.code, c.pointer, c.what))
            .collect()
    }

    /// A request whose `name` (required when `required`) has the schema `name`.
    fn field(name: Value, required: bool) -> Value {
        let mut schema =
            json!({"title": "Request", "type": "object", "properties": {"name": name}});
        if required {
            schema["required"] = json!(["name"]);
        }
        schema
    }

    #[test]
    fn a_removed_field_is_relaxing_and_breaks_code() {
        let plain = json!({"type": "string"});
        assert_eq!(
            verdicts(
                json!({"type": "object", "properties": {"name": plain, "id": plain}}),
                json!({"type": "object", "properties": {"id": plain}}),
            ),
            ["relaxing breaks code /properties/name property `name` removed: its value is no longer checked"]
        );
        // A property a conditional names is no field of any Rust type.
        assert_eq!(
            verdicts(
                json!({"if": {"properties": {"name": {"const": "A"}}}}),
                json!({"if": {}}),
            ),
            ["breaking none /if condition of a conditional rule changed"]
        );
        assert_eq!(
            verdicts(
                json!({"contains": {"properties": {"name": {"const": "A"}, "id": {}}}}),
                json!({"contains": {"properties": {"id": {}}}}),
            ),
            ["relaxing none /contains/properties/name property `name` removed: its value is no longer checked"]
        );
    }

    #[test]
    fn an_added_optional_field_is_breaking_and_additive() {
        let plain = json!({"type": "string"});
        let old = json!({"type": "object", "properties": {"id": plain}});
        assert_eq!(
            verdicts(
                old.clone(),
                json!({"type": "object", "properties": {"id": plain, "name": plain}}),
            ),
            ["breaking additive /properties/name property `name` added: its value now has rules"]
        );
        // Required from the start: the builder fails without it.
        assert_eq!(
            verdicts(
                old,
                json!({"type": "object", "required": ["name"], "properties": {"id": plain, "name": plain}}),
            ),
            [
                "breaking breaks code /properties/name property `name` added: its value now has rules",
                "breaking breaks code /required `name` became required",
            ]
        );
        // The first property turns a map into a struct.
        assert_eq!(
            verdicts(
                json!({"type": "object"}),
                json!({"type": "object", "properties": {"id": plain}})
            ),
            ["breaking breaks code /properties/id property `id` added: its value now has rules"]
        );
    }

    #[test]
    fn optional_made_required_breaks_code() {
        let plain = json!({"type": "string"});
        assert_eq!(
            verdicts(field(plain.clone(), false), field(plain.clone(), true)),
            ["breaking breaks code /required `name` became required"]
        );
        // A conditional requirement is checked at run time only.
        let mut conditional = field(plain.clone(), false);
        conditional["then"] = json!({"required": ["name"]});
        let mut stricter = field(plain, false);
        stricter["then"] = json!({"required": ["name", "id"]});
        assert_eq!(
            verdicts(conditional, stricter),
            ["breaking none /then/required `id` became required"]
        );
    }

    #[test]
    fn required_made_optional_breaks_code_unless_the_type_stays() {
        let plain = json!({"type": "string"});
        assert_eq!(
            verdicts(field(plain.clone(), true), field(plain, false)),
            ["relaxing breaks code /required `name` is no longer required"]
        );
        // An array is a `Vec` whether required or not, a defaulted value its own type.
        let list = json!({"type": "array", "items": {"type": "string"}});
        assert_eq!(
            verdicts(field(list.clone(), true), field(list, false)),
            ["relaxing none /required `name` is no longer required"]
        );
        let defaulted = json!({"type": "string", "default": "x"});
        assert_eq!(
            verdicts(field(defaulted.clone(), true), field(defaulted, false)),
            ["relaxing none /required `name` is no longer required"]
        );
    }

    #[test]
    fn lengths_change_code_only_when_a_string_starts_or_stops_being_constrained() {
        let constrained = |max: u64| {
            field(
                json!({"type": "string", "minLength": 1, "maxLength": max}),
                true,
            )
        };
        assert_eq!(
            verdicts(constrained(40), constrained(30)),
            ["breaking none /properties/name/maxLength maxLength 40 -> 30"]
        );
        // A plain `String` becomes a checked newtype, and back.
        let plain = field(json!({"type": "string"}), true);
        let limited = field(json!({"type": "string", "maxLength": 40}), true);
        assert_eq!(
            verdicts(plain.clone(), limited.clone()),
            ["breaking breaks code /properties/name/maxLength maxLength (none) -> 40"]
        );
        assert_eq!(
            verdicts(limited, plain.clone()),
            ["relaxing breaks code /properties/name/maxLength maxLength 40 -> (none)"]
        );
        // `format` makes the same newtype (typify is never given `format`).
        let dated = field(json!({"type": "string", "format": "date"}), true);
        assert_eq!(
            verdicts(plain, dated.clone()),
            ["breaking breaks code /properties/name/format format (none) -> \"date\""]
        );
        let dated_and_limited = field(
            json!({"type": "string", "format": "date", "maxLength": 10}),
            true,
        );
        assert_eq!(
            verdicts(dated, dated_and_limited),
            ["breaking none /properties/name/maxLength maxLength (none) -> 10"]
        );
        // An enum stays an enum, whatever its lengths; numbers are never narrowed.
        let choice = |extra: Value| {
            let mut schema = json!({"type": "string", "enum": ["A", "B"]});
            for (k, v) in extra.as_object().unwrap() {
                schema[k] = v.clone();
            }
            field(schema, true)
        };
        assert_eq!(
            verdicts(choice(json!({})), choice(json!({"maxLength": 1}))),
            ["breaking none /properties/name/maxLength maxLength (none) -> 1"]
        );
        assert_eq!(
            verdicts(
                field(json!({"type": "integer"}), true),
                field(json!({"type": "integer", "minimum": 1}), true)
            ),
            ["breaking none /properties/name/minimum minimum (none) -> 1"]
        );
    }

    #[test]
    fn enum_values_added_are_additive_and_removed_break_code() {
        let choice = |values: Value| field(json!({"type": "string", "enum": values}), true);
        assert_eq!(
            verdicts(choice(json!(["A", "B"])), choice(json!(["A", "B", "C"]))),
            ["relaxing additive /properties/name/enum enum values added: \"C\""]
        );
        // From a single value, which the builder fills in, to a choice the caller must make.
        assert_eq!(
            verdicts(choice(json!(["A"])), choice(json!(["A", "B"]))),
            ["relaxing breaks code /properties/name/enum enum values added: \"B\""]
        );
        assert_eq!(
            verdicts(choice(json!(["A", "B"])), choice(json!(["A"]))),
            ["breaking breaks code /properties/name/enum enum values removed: \"B\""]
        );
        assert_eq!(
            verdicts(field(json!({"type": "string"}), true), choice(json!(["A"]))),
            ["breaking breaks code /properties/name/enum enum (none) -> [\"A\"]"]
        );
        // A value a `contains` looks for is no variant.
        let wanted = |values: Value| json!({"type": "array", "contains": {"enum": values}});
        assert_eq!(
            verdicts(wanted(json!(["A", "B"])), wanted(json!(["A"]))),
            ["breaking none /contains/enum enum values removed: \"B\""]
        );
    }

    #[test]
    fn docs_change_no_code_but_type_names_do() {
        let described = |text: &str| field(json!({"type": "string", "description": text}), true);
        assert_eq!(
            verdicts(described("a"), described("b")),
            ["annotation none /properties/name/description description \"a\" -> \"b\""]
        );
        // The root's title names the request type; a definition's type is named after the
        // definition, whatever its title.
        assert_eq!(
            verdicts(
                json!({"title": "Request"}),
                json!({"title": "CustomerRequest"})
            ),
            ["annotation breaks code /title title \"Request\" -> \"CustomerRequest\""]
        );
        let titled = |title: &str| json!({"properties": {"phone": {"$ref": "#/$defs/Phone"}}, "$defs": {"Phone": {"title": title, "type": "object"}}});
        assert_eq!(
            verdicts(titled("Phone"), titled("ContactPhone")),
            ["annotation none /$defs/Phone/title title \"Phone\" -> \"ContactPhone\""]
        );
    }

    #[test]
    fn types_wrappers_and_shapes() {
        assert_eq!(
            verdicts(
                field(json!({"type": "string"}), true),
                field(json!({"type": "integer"}), true)
            ),
            ["breaking breaks code /properties/name/type type \"string\" -> \"integer\""]
        );
        assert_eq!(
            verdicts(
                field(json!({"type": "string"}), true),
                field(json!({"type": "array", "items": {"type": "string"}}), true)
            ),
            [
                "breaking breaks code /properties/name/items `items` added",
                "breaking breaks code /properties/name/type type \"string\" -> \"array\"",
            ]
        );
        assert_eq!(
            verdicts(
                field(json!({"type": "string"}), true),
                field(json!({"type": "string", "x-sensitive": "name"}), true)
            ),
            ["annotation breaks code /properties/name/x-sensitive x-sensitive (none) -> \"name\""]
        );
        assert_eq!(
            verdicts(
                field(json!({"type": "string", "x-sensitive": "name"}), true),
                field(json!({"type": "string", "x-sensitive": "email"}), true)
            ),
            ["annotation none /properties/name/x-sensitive x-sensitive \"name\" -> \"email\""]
        );
        // `false` forbids members without changing a type; a rule-only branch never reaches typify.
        assert_eq!(
            verdicts(
                json!({"type": "object"}),
                json!({"type": "object", "additionalProperties": false})
            ),
            ["breaking none /additionalProperties `additionalProperties` added"]
        );
        assert_eq!(
            verdicts(
                json!({"type": "array"}),
                json!({"type": "array", "allOf": [{"contains": {"const": 1}, "maxContains": 1}]})
            ),
            ["breaking none /allOf 1 branch(es) added to `allOf`"]
        );
        assert_eq!(
            verdicts(
                json!({}),
                json!({"anyOf": [{"type": "string"}, {"type": "integer"}]})
            ),
            ["breaking breaks code /anyOf 2 branch(es) added to `anyOf`"]
        );
        // Inside a value typed as `serde_json::Value`, nothing is a Rust type.
        let loose =
            |extra: Value| json!({"patternProperties": {"^x": {}}, "properties": {"a": extra}});
        assert_eq!(
            verdicts(
                loose(json!({"type": "string"})),
                loose(json!({"type": "integer"}))
            ),
            ["breaking none /properties/a/type type \"string\" -> \"integer\""]
        );
    }

    #[test]
    fn definitions_and_responses_are_types() {
        let doc = |defs: Value, responses: Value| json!({"x-endpoint": {"method": "POST", "path": "/c", "responses": responses}, "properties": {"phone": {"$ref": "#/$defs/Phone"}}, "$defs": defs});
        let phone = json!({"type": "object", "properties": {"number": {"type": "string"}}});
        let ok = json!({"type": "object", "properties": {"id": {"type": "string"}}});
        let both = json!({"Phone": phone, "Ok": ok});
        let lines: Vec<String> = diff_schemas(
            &doc(json!({"Phone": phone}), json!({})),
            &doc(both.clone(), json!({"200": "#/$defs/Ok"})),
        )
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(
            lines,
            [
                "annotation additive    response:200  /$defs/Ok  definition `Ok` added: a new Rust type",
                "annotation additive    response:200  /$defs/Ok  response body documented",
            ]
        );
        // The definition is inlined: documents see the same rules, Rust another type.
        let mut inlined = doc(json!({"Ok": ok}), json!({"200": "#/$defs/Ok"}));
        inlined["properties"]["phone"] = phone;
        assert_eq!(
            verdicts(doc(both, json!({"200": "#/$defs/Ok"})), inlined),
            [
                "annotation breaks code /$defs/Phone definition `Phone` removed: its Rust type is gone",
                "annotation breaks code /properties/phone/$ref `$ref` `Phone` -> an inline schema: the value's Rust type is another one",
            ]
        );
    }
}
