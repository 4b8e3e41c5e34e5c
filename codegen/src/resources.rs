//! The schema resources of one document, for resolving `$ref`: every `$id` (an absolute URI that
//! names the subschema it sits in), every `$anchor`, and so the base URI of every location.
//! Only identifiers inside the document resolve: the generator never fetches a schema. A document
//! that refers to others has them embedded first (`bundle`), each also known by the URI it was
//! found at (`aliases`).

use crate::error::{pointer_push, SchemaError};
use fluent_uri::{Uri, UriRef};
use serde_json::Value;
use std::collections::BTreeMap;

/// Keywords whose value is one subschema.
const ONE_SCHEMA: &[&str] = &[
    "additionalProperties",
    "contains",
    "else",
    "if",
    "items",
    "not",
    "propertyNames",
    "then",
    "unevaluatedItems",
    "unevaluatedProperties",
];
/// Keywords whose value is a list of subschemas.
const SCHEMA_LIST: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keywords whose value maps names to subschemas.
const SCHEMA_MAP: &[&str] = &[
    "$defs",
    "dependentSchemas",
    "patternProperties",
    "properties",
];

#[derive(Debug)]
pub(crate) struct Resources {
    /// The base URI of a document without a root `$id`.
    document_base: String,
    /// Absolute URI (no fragment) of each resource, to the pointer of its root.
    pointer_of: BTreeMap<String, String>,
    /// Pointer of each resource root, to its absolute URI.
    uri_of: BTreeMap<String, String>,
    /// Resource URI and anchor name, to the pointer of the subschema that declares it
    /// (`$anchor` and `$dynamicAnchor` alike: a `$ref` reaches either).
    anchors: BTreeMap<(String, String), String>,
    /// The anchors declared by `$dynamicAnchor`, among `anchors`.
    dynamic_anchors: BTreeMap<(String, String), String>,
    /// Every `$ref` and `$dynamicRef`: the pointer of the subschema that holds it, and its text.
    references: Vec<(String, String)>,
}

/// What a `$dynamicRef` needs at run time when its initial target is a `$dynamicAnchor`.
pub(crate) struct DynamicTarget {
    /// The initial target: used when no resource of the dynamic scope declares the anchor.
    pub initial: String,
    /// Each resource that declares a `$dynamicAnchor` of the name: its root pointer, and the
    /// pointer of the subschema that declares it.
    pub candidates: Vec<(String, String)>,
}

/// Where a `$ref` leads, or why it leads nowhere.
pub(crate) enum Target {
    Pointer(String),
    /// Not a subschema of this document: the message says why.
    Unresolved(String),
}

impl Resources {
    /// Collects the identifiers of `document`, whose own name is `file`. Badly formed
    /// identifiers are errors, reported with their pointer. `aliases` names embedded resources
    /// by a second URI (where a bundled document was found, when its `$id` says otherwise).
    pub fn collect(
        file: &str,
        document: &Value,
        aliases: &BTreeMap<String, String>,
    ) -> (Resources, Vec<SchemaError>) {
        let mut collector = Collector {
            file,
            resources: Resources {
                document_base: document_base(file),
                pointer_of: BTreeMap::new(),
                uri_of: BTreeMap::new(),
                anchors: BTreeMap::new(),
                dynamic_anchors: BTreeMap::new(),
                references: Vec::new(),
            },
            errors: Vec::new(),
        };
        let base = collector.resources.document_base.clone();
        collector.walk("", document, &base, 0);
        let mut resources = collector.resources;
        for (alias, pointer) in aliases {
            if resources.pointer_of.contains_key(alias) {
                continue;
            }
            resources.pointer_of.insert(alias.clone(), pointer.clone());
            // Anchors are reached through either name of their resource.
            let Some(canonical) = resources.uri_of.get(pointer).cloned() else {
                continue;
            };
            let anchors: Vec<(String, String)> = resources
                .anchors
                .iter()
                .filter(|((resource, _), _)| *resource == canonical)
                .map(|((_, name), at)| (name.clone(), at.clone()))
                .collect();
            for (name, at) in anchors {
                resources.anchors.insert((alias.clone(), name), at);
            }
        }
        (resources, collector.errors)
    }

    /// Every `$ref` and `$dynamicRef` of the document: where it is written, and its text.
    pub fn references(&self) -> &[(String, String)] {
        &self.references
    }

    /// The absolute URI, without fragment, of the resource `reference` (written at `pointer`)
    /// names, when that resource is not part of the document: what a bundle must add.
    pub fn missing_resource(&self, pointer: &str, reference: &str) -> Option<String> {
        if reference.starts_with('#') {
            return None;
        }
        let base = Uri::parse(self.base_at(pointer)).ok()?;
        let absolute = UriRef::parse(reference).ok()?.resolve_against(&base).ok()?;
        let resource = absolute.strip_fragment().as_str().to_owned();
        (!self.pointer_of.contains_key(&resource)).then_some(resource)
    }

    /// The base URI in effect at `pointer`: the `$id` of the nearest resource that contains it.
    fn base_at(&self, pointer: &str) -> &str {
        let mut prefix = pointer;
        loop {
            if let Some(uri) = self.uri_of.get(prefix) {
                return uri;
            }
            match prefix.rfind('/') {
                Some(index) => prefix = &prefix[..index],
                None => return &self.document_base,
            }
        }
    }

    /// The root pointer of every resource of the document, the file's own (`""`) first.
    pub fn resource_roots(&self) -> Vec<String> {
        let mut roots: Vec<String> = self.uri_of.keys().cloned().collect();
        if !roots.iter().any(String::is_empty) {
            roots.insert(0, String::new());
        }
        roots
    }

    /// Resolves a `$dynamicRef`: `None` when its initial target is not a `$dynamicAnchor` of the
    /// fragment's name, so that it behaves as a `$ref` (to `resolve`'s target).
    pub fn resolve_dynamic(&self, pointer: &str, reference: &str) -> Option<DynamicTarget> {
        let Target::Pointer(initial) = self.resolve(pointer, reference) else {
            return None;
        };
        let name = reference.rsplit_once('#').map(|(_, name)| name)?;
        let declared = self
            .dynamic_anchors
            .iter()
            .any(|((_, anchor), at)| anchor == name && *at == initial);
        if !declared {
            return None;
        }
        let candidates = self
            .dynamic_anchors
            .iter()
            .filter(|((_, anchor), _)| anchor == name)
            .filter_map(|((resource, _), at)| {
                // A resource whose `$id` was refused has no root here: its error is reported.
                let root = self.pointer_of.get(resource)?;
                Some((root.clone(), at.clone()))
            })
            .collect();
        Some(DynamicTarget {
            initial,
            candidates,
        })
    }

    /// Resolves `reference`, written in the subschema at `pointer`, to a pointer in the document.
    pub fn resolve(&self, pointer: &str, reference: &str) -> Target {
        let base = self.base_at(pointer);
        // A fragment alone stays in the current resource; it is taken as written, so that
        // pointers with characters a URI would escape (`#/$defs/a b`) still resolve.
        if let Some(fragment) = reference.strip_prefix('#') {
            return self.in_resource(base.to_owned(), fragment);
        }
        let Ok(relative) = UriRef::parse(reference) else {
            return Target::Unresolved("is not a valid URI reference".to_owned());
        };
        let Ok(base_uri) = Uri::parse(base) else {
            return Target::Unresolved(format!("cannot be resolved against the base `{base}`"));
        };
        let Ok(absolute) = relative.resolve_against(&base_uri) else {
            return Target::Unresolved(format!("cannot be resolved against the base `{base}`"));
        };
        let resource = absolute.strip_fragment().as_str().to_owned();
        let fragment = absolute.fragment().map_or("", |f| f.as_str());
        self.in_resource(resource, fragment)
    }

    /// The location `fragment` names in the resource `resource`.
    fn in_resource(&self, resource: String, fragment: &str) -> Target {
        let Some(root) = self.pointer_of.get(&resource) else {
            return Target::Unresolved(format!(
                "refers to `{resource}`, which is neither in this file nor a file beside it (the generator never fetches schemas)"
            ));
        };
        if fragment.is_empty() {
            return Target::Pointer(root.clone());
        }
        if fragment.starts_with('/') {
            return match percent_decode(fragment) {
                Some(inner) => Target::Pointer(format!("{root}{inner}")),
                None => Target::Unresolved("is not a valid URI fragment".to_owned()),
            };
        }
        match self.anchors.get(&(resource, fragment.to_owned())) {
            Some(found) => Target::Pointer(found.clone()),
            None => Target::Unresolved(format!(
                "names anchor `{fragment}`, which no `$anchor` declares"
            )),
        }
    }
}

struct Collector<'a> {
    file: &'a str,
    resources: Resources,
    errors: Vec<SchemaError>,
}

impl Collector<'_> {
    fn walk(&mut self, pointer: &str, schema: &Value, base: &str, depth: usize) {
        let Value::Object(map) = schema else {
            return;
        };
        // Deeper documents are refused by the compiler; this walk only stops.
        if depth > crate::compile::MAX_SCHEMA_DEPTH * 4 {
            return;
        }
        let mut base = base.to_owned();
        if let Some(id) = map.get("$id") {
            if let Some(uri) = self.identifier(&pointer_push(pointer, "$id"), id, &base) {
                if let Some(earlier) = self.resources.pointer_of.get(&uri) {
                    let message = format!("`$id` `{uri}` is already the identifier of `{earlier}`");
                    self.error(&pointer_push(pointer, "$id"), message);
                } else {
                    self.resources
                        .pointer_of
                        .insert(uri.clone(), pointer.to_owned());
                    self.resources
                        .uri_of
                        .insert(pointer.to_owned(), uri.clone());
                    base = uri;
                }
            }
        }
        if pointer.is_empty() && !self.resources.uri_of.contains_key("") {
            // No root `$id`, or a refused one: the file's own base names the root.
            self.resources
                .pointer_of
                .insert(base.clone(), String::new());
        }
        for keyword in ["$anchor", "$dynamicAnchor"] {
            if let Some(anchor) = map.get(keyword) {
                self.anchor(pointer, keyword, anchor, &base);
            }
        }
        for keyword in ["$ref", "$dynamicRef"] {
            if let Some(reference) = map.get(keyword).and_then(Value::as_str) {
                self.resources
                    .references
                    .push((pointer.to_owned(), reference.to_owned()));
            }
        }
        for (keyword, value) in map {
            let at = pointer_push(pointer, keyword);
            if ONE_SCHEMA.contains(&keyword.as_str()) {
                self.walk(&at, value, &base, depth + 1);
            } else if SCHEMA_LIST.contains(&keyword.as_str()) {
                for (index, item) in value.as_array().into_iter().flatten().enumerate() {
                    self.walk(
                        &pointer_push(&at, &index.to_string()),
                        item,
                        &base,
                        depth + 1,
                    );
                }
            } else if SCHEMA_MAP.contains(&keyword.as_str()) {
                for (name, item) in value.as_object().into_iter().flatten() {
                    self.walk(&pointer_push(&at, name), item, &base, depth + 1);
                }
            }
        }
    }

    /// Records an `$anchor` or `$dynamicAnchor` of the resource `base`.
    fn anchor(&mut self, pointer: &str, keyword: &str, anchor: &Value, base: &str) {
        let at = pointer_push(pointer, keyword);
        let Some(name) = anchor.as_str().filter(|name| is_anchor_name(name)) else {
            let message = format!("`{keyword}` must be a name: a letter or `_`, then letters, digits, `-`, `_` or `.`");
            self.error(&at, message);
            return;
        };
        let key = (base.to_owned(), name.to_owned());
        match self.resources.anchors.get(&key) {
            Some(earlier) if earlier != pointer => {
                self.error(
                    &at,
                    format!("anchor `{name}` is declared twice in one resource"),
                );
            }
            _ => {
                self.resources
                    .anchors
                    .insert(key.clone(), pointer.to_owned());
                if keyword == "$dynamicAnchor" {
                    self.resources
                        .dynamic_anchors
                        .insert(key, pointer.to_owned());
                }
            }
        }
    }

    /// The absolute URI an `$id` names, resolved against the enclosing base.
    fn identifier(&mut self, at: &str, id: &Value, base: &str) -> Option<String> {
        let Some(text) = id.as_str() else {
            self.error(at, "`$id` must be a string");
            return None;
        };
        let resolved = UriRef::parse(text)
            .ok()
            .zip(Uri::parse(base).ok())
            .and_then(|(relative, base)| relative.resolve_against(&base).ok());
        let Some(uri) = resolved else {
            self.error(
                at,
                format!("`$id` `{text}` is not a URI reference that resolves against `{base}`"),
            );
            return None;
        };
        if uri.fragment().is_some_and(|f| !f.as_str().is_empty()) {
            self.error(
                at,
                format!(
                    "`$id` `{text}` must not have a fragment (use `$anchor` to name a location)"
                ),
            );
            return None;
        }
        Some(uri.strip_fragment().as_str().to_owned())
    }

    fn error(&mut self, at: &str, message: impl Into<String>) {
        self.errors.push(SchemaError::new(self.file, at, message));
    }
}

/// `file:///<file>`, escaped into a valid URI: the base of a document without a root `$id`.
pub(crate) fn document_base(file: &str) -> String {
    let mut base = String::from("file:///");
    for byte in file.trim_start_matches('/').bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            base.push(char::from(byte));
        } else {
            base.push_str(&format!("%{byte:02X}"));
        }
    }
    base
}

/// `$anchor`'s grammar in 2020-12: `^[A-Za-z_][-A-Za-z0-9._]*$`.
fn is_anchor_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Decodes `%XX` escapes of a URI fragment.
pub(crate) fn percent_decode(fragment: &str) -> Option<String> {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = fragment.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
