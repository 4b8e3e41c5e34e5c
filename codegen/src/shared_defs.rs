//! Definitions shared by the endpoints of one provider folder. A file without `x-endpoint`
//! (`schemas/acme/common.json`) holds only `$defs`; endpoints, and other such files, refer to
//! them (`common.json#/$defs/Address`). Each definition becomes one Rust type, in the provider's
//! module for that file; the types of a document that refers to it are generated from a copy of
//! the document with the definition inside (`localize`), and typify is told to use the shared
//! type instead of making its own. Validators embed the whole file instead (`bundle`).

use crate::error::{pointer_push, SchemaError};
use crate::load::SchemaFile;
use crate::resources::percent_decode;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The keywords a definitions file may have at its root.
const DEFINITIONS_ROOT: &[&str] = &[
    "$schema",
    "$comment",
    "title",
    "description",
    "$defs",
    crate::vocabulary::ANNOTATION_FORMATS,
];

/// Keywords whose values are data, not schemas: a `$ref` member inside them is not a reference.
const DATA_KEYWORDS: &[&str] = &["const", "enum", "default", "examples", "example"];

/// True for a file that holds shared definitions rather than an endpoint's bodies.
pub(crate) fn is_definitions_file(document: &Value) -> bool {
    document.get("x-endpoint").is_none()
}

/// What is wrong with a definitions file's shape: a root that is more than `$defs`.
pub fn definitions_file_errors(file: &SchemaFile) -> Vec<SchemaError> {
    let display = file.display_path.as_str();
    let Value::Object(root) = &file.document else {
        return vec![SchemaError::new(
            display,
            "",
            "the root schema must be an object",
        )];
    };
    let mut errors: Vec<SchemaError> = root
        .keys()
        .filter(|keyword| !DEFINITIONS_ROOT.contains(&keyword.as_str()))
        .map(|keyword| {
            SchemaError::new(
                display,
                &pointer_push("", keyword),
                format!("`{keyword}` at the root of a file without `x-endpoint`: such a file holds shared definitions only (`$defs`); an endpoint's schema needs an `x-endpoint` object with `method`, `path` and `responses`"),
            )
        })
        .collect();
    for name in root
        .get("$defs")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(n, _)| n)
    {
        let mut chars = name.chars();
        let pascal = chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_alphanumeric());
        if !pascal {
            errors.push(SchemaError::new(
                display,
                &pointer_push("/$defs", name),
                format!("`{name}`: a shared definition is named as its Rust type is, in PascalCase (`Address`), so that every endpoint finds it by that name"),
            ));
        }
    }
    let has_definitions = root
        .get("$defs")
        .and_then(Value::as_object)
        .is_some_and(|defs| !defs.is_empty());
    if !has_definitions {
        errors.push(SchemaError::new(
            display,
            "",
            "a file without `x-endpoint` holds shared definitions: it needs a non-empty `$defs` object (an endpoint's schema needs an `x-endpoint` object with `method`, `path` and `responses`)",
        ));
    }
    errors
}

/// The schema files of one provider folder, by endpoint name (the file stem).
pub(crate) struct ProviderFiles<'a> {
    files: BTreeMap<String, &'a SchemaFile>,
}

impl<'a> ProviderFiles<'a> {
    pub fn new(files: impl IntoIterator<Item = &'a SchemaFile>) -> ProviderFiles<'a> {
        ProviderFiles {
            files: files
                .into_iter()
                .map(|file| (file.endpoint.clone(), file))
                .collect(),
        }
    }

    pub fn files(&self) -> impl Iterator<Item = &'a SchemaFile> + '_ {
        self.files.values().copied()
    }

    /// Refuses references between definitions files that go round in a cycle: their types
    /// would contain each other across modules, where typify cannot box the recursion.
    pub fn cycle_errors(&self) -> Vec<SchemaError> {
        let mut edges: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
        for file in self.files() {
            if !is_definitions_file(&file.document) {
                continue;
            }
            for (pointer, reference) in references(&file.document) {
                if let Some((stem, _)) = split_reference(&reference) {
                    if stem != file.endpoint && self.files.contains_key(stem) {
                        edges
                            .entry(file.endpoint.as_str())
                            .or_default()
                            .push((stem.to_owned(), pointer));
                    }
                }
            }
        }
        let mut errors = Vec::new();
        let mut reported = BTreeSet::new();
        for start in edges.keys() {
            let mut path = vec![(start.to_string(), String::new())];
            find_cycle(&edges, &mut path, &mut errors, &mut reported, self);
        }
        errors
    }
}

/// Depth-first search for a path that comes back to its start; each cycle is reported once, at
/// the `$ref` that leaves the start.
fn find_cycle(
    edges: &BTreeMap<&str, Vec<(String, String)>>,
    path: &mut Vec<(String, String)>,
    errors: &mut Vec<SchemaError>,
    reported: &mut BTreeSet<Vec<String>>,
    files: &ProviderFiles,
) {
    let current = path
        .last()
        .map(|(stem, _)| stem.clone())
        .unwrap_or_default();
    for (next, pointer) in edges.get(current.as_str()).into_iter().flatten() {
        if *next == path[0].0 {
            let mut members: Vec<String> = path.iter().map(|(stem, _)| stem.clone()).collect();
            members.sort();
            if reported.insert(members) {
                let mut names: Vec<String> = path
                    .iter()
                    .map(|(stem, _)| format!("{stem}.json"))
                    .collect();
                names.push(format!("{next}.json"));
                let first_pointer = path.get(1).map_or(pointer, |(_, p)| p);
                let display = files
                    .files
                    .get(&path[0].0)
                    .map_or("schemas", |f| f.display_path.as_str());
                errors.push(SchemaError::new(
                    display,
                    first_pointer,
                    format!("`$ref`s between files go round in a cycle: {}; keep definitions that refer to each other in one file", names.join(" → ")),
                ));
            }
        } else if !path.iter().any(|(stem, _)| stem == next) {
            path.push((next.clone(), pointer.clone()));
            find_cycle(edges, path, errors, reported, files);
            path.pop();
        }
    }
}

/// A document with the shared definitions it reaches copied into its `$defs`, and where each
/// one's Rust type lives.
pub(crate) struct Localized {
    pub document: Value,
    /// Each copied definition's name, to the module (file stem) that owns its type.
    pub shared: BTreeMap<String, String>,
}

/// Copies into `file`'s document every shared definition it reaches, transitively, and rewrites
/// each `$ref` to another file as a `$ref` to the copy.
pub(crate) fn localize(
    file: &SchemaFile,
    provider: &ProviderFiles,
) -> Result<Localized, Vec<SchemaError>> {
    let display = file.display_path.as_str();
    let mut document = file.document.clone();
    let mut errors = Vec::new();
    let mut wanted = Vec::new();
    rewrite(
        &mut document,
        "",
        &file.endpoint,
        provider,
        &mut wanted,
        &mut errors,
        display,
    );
    let own: BTreeSet<String> = file
        .document
        .get("$defs")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, _)| name.clone())
        .collect();
    let mut shared: BTreeMap<String, String> = BTreeMap::new();
    let mut copies = Map::new();
    while let Some(want) = wanted.pop() {
        if want.stem == file.endpoint {
            continue;
        }
        match shared.get(&want.name) {
            Some(stem) if *stem == want.stem => continue,
            Some(stem) => {
                errors.push(SchemaError::new(
                    display,
                    &want.at,
                    format!("`{}.json` and `{stem}.json` both define `{}`: one Rust module cannot use both under one name; rename one", want.stem, want.name),
                ));
                continue;
            }
            None => {}
        }
        if own.contains(&want.name) {
            errors.push(SchemaError::new(
                display,
                &want.at,
                format!("this file defines `{}` too, and `{}.json#/$defs/{}` would take the same name; rename one", want.name, want.stem, want.name),
            ));
            continue;
        }
        let Some(source) = provider.files.get(&want.stem) else {
            continue;
        };
        let Some(definition) = source
            .document
            .get("$defs")
            .and_then(|defs| defs.get(&want.name))
        else {
            errors.push(SchemaError::new(
                display,
                &want.at,
                format!("`{}.json` has no definition `{}`", want.stem, want.name),
            ));
            continue;
        };
        let mut copy = definition.clone();
        let source_at = pointer_push("/$defs", &want.name);
        rewrite(
            &mut copy,
            &source_at,
            &want.stem,
            provider,
            &mut wanted,
            &mut errors,
            &source.display_path,
        );
        shared.insert(want.name.clone(), want.stem.clone());
        copies.insert(want.name, copy);
    }
    if !errors.is_empty() {
        errors.sort();
        errors.dedup();
        return Err(errors);
    }
    if !copies.is_empty() {
        if let Value::Object(root) = &mut document {
            let definitions = root
                .entry("$defs")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(definitions) = definitions {
                definitions.extend(copies);
            }
        }
    }
    Ok(Localized { document, shared })
}

/// A shared definition a document needs: the file (stem) and definition name, and the pointer
/// of the `$ref` that asked for it.
struct Wanted {
    stem: String,
    name: String,
    at: String,
}

/// Rewrites the `$ref`s of `schema` (found at `pointer` in the file `display`, whose stem is
/// `own_stem`) that name a definition of another file into local ones, and lists what they need.
/// Inside a copied definition, a local `$ref` names a definition of its own file, which is
/// needed as well.
fn rewrite(
    schema: &mut Value,
    pointer: &str,
    own_stem: &str,
    provider: &ProviderFiles,
    wanted: &mut Vec<Wanted>,
    errors: &mut Vec<SchemaError>,
    display: &str,
) {
    match schema {
        Value::Object(map) => {
            for (keyword, child) in map.iter_mut() {
                let at = pointer_push(pointer, keyword);
                if keyword == "$ref" {
                    if let Value::String(reference) = child {
                        match local_reference(reference, own_stem, provider) {
                            Ok(Some((local, stem, name))) => {
                                *reference = local;
                                wanted.push(Wanted { stem, name, at });
                            }
                            Ok(None) => {}
                            Err(message) => errors.push(SchemaError::new(display, &at, message)),
                        }
                    }
                } else if !DATA_KEYWORDS.contains(&keyword.as_str()) && !keyword.starts_with("x-") {
                    rewrite(child, &at, own_stem, provider, wanted, errors, display);
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                let at = pointer_push(pointer, &index.to_string());
                rewrite(item, &at, own_stem, provider, wanted, errors, display);
            }
        }
        _ => {}
    }
}

/// The local form of `reference` (`#/$defs/Address`) with the file and definition it needs, or
/// `None` for a reference inside the file that needs nothing from another.
fn local_reference(
    reference: &str,
    own_stem: &str,
    provider: &ProviderFiles,
) -> Result<Option<(String, String, String)>, String> {
    let (stem, fragment) = match split_reference(reference) {
        Some((stem, fragment)) => (stem.to_owned(), fragment),
        None if reference.starts_with('#') => (own_stem.to_owned(), &reference[1..]),
        // An identifier inside the file, or a document nobody serves: the compiler resolves
        // or refuses it.
        None => return Ok(None),
    };
    let from_other_file = stem != own_stem;
    if from_other_file {
        match provider.files.get(&stem) {
            // Resolved inside the file (an embedded `$id`) or refused by the compiler.
            None => return Ok(None),
            Some(file) if !is_definitions_file(&file.document) => {
                return Err(format!("refers to `{stem}.json`, an endpoint's schema: definitions that endpoints share live in a file without `x-endpoint` (such as `common.json`)"));
            }
            Some(_) => {}
        }
    }
    let decoded = percent_decode(fragment).unwrap_or_else(|| fragment.to_owned());
    let name = decoded
        .strip_prefix("/$defs/")
        .map(|rest| rest.split('/').next().unwrap_or_default().to_owned());
    match name {
        Some(name) if from_other_file && decoded == format!("/$defs/{name}") => Ok(Some((
            format!("#{}", pointer_push("/$defs", &name)),
            stem,
            name,
        ))),
        Some(_) if from_other_file => Err(format!(
            "names `{reference}`: a `$ref` to another file names one of its definitions, `{stem}.json#/$defs/<Name>`"
        )),
        // A definition copied from its file keeps its local references, and needs what they name.
        Some(name) => Ok(Some((format!("#{decoded}"), stem, name))),
        None if from_other_file => Err(format!(
            "names `{reference}`: a `$ref` to another file names one of its definitions, `{stem}.json#/$defs/<Name>`"
        )),
        None => Ok(None),
    }
}

/// Splits a `$ref` that names a file beside this one (`common.json#/$defs/Address`) into the
/// file's stem and the fragment; `None` for any other reference.
fn split_reference(reference: &str) -> Option<(&str, &str)> {
    if reference.starts_with('#') {
        return None;
    }
    let (path, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    let name = path.strip_prefix("./").unwrap_or(path);
    name.strip_suffix(".json")
        .filter(|stem| !stem.is_empty() && !stem.contains('/') && !stem.contains(':'))
        .map(|stem| (stem, fragment))
}

/// Every `$ref` of a document, with its pointer.
fn references(document: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut stack = vec![(String::new(), document)];
    while let Some((pointer, value)) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (keyword, child) in map {
                    let at = pointer_push(&pointer, keyword);
                    match child {
                        Value::String(reference) if keyword == "$ref" => {
                            found.push((at, reference.clone()))
                        }
                        _ if DATA_KEYWORDS.contains(&keyword.as_str())
                            || keyword.starts_with("x-") => {}
                        _ => stack.push((at, child)),
                    }
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    stack.push((pointer_push(&pointer, &index.to_string()), item));
                }
            }
            _ => {}
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn file(endpoint: &str, document: Value) -> SchemaFile {
        SchemaFile {
            display_path: format!("schemas/acme/{endpoint}.json"),
            provider: "acme".to_owned(),
            endpoint: endpoint.to_owned(),
            document,
        }
    }

    fn common() -> SchemaFile {
        file(
            "common",
            json!({"$defs": {
                "Address": {"type": "object", "properties": {"country": {"$ref": "#/$defs/Country"}}},
                "Country": {"type": "string", "enum": ["US", "CA"]}
            }}),
        )
    }

    #[test]
    fn a_shared_definition_is_copied_with_what_it_needs() {
        let common = common();
        let create = file(
            "create",
            json!({"x-endpoint": {}, "properties": {"home": {"$ref": "common.json#/$defs/Address"}}}),
        );
        let provider = ProviderFiles::new([&common, &create]);
        let localized = localize(&create, &provider).unwrap();
        assert_eq!(
            localized.document["properties"]["home"]["$ref"],
            "#/$defs/Address"
        );
        assert_eq!(
            localized.document["$defs"]["Address"]["properties"]["country"]["$ref"],
            "#/$defs/Country"
        );
        let owners: Vec<(&str, &str)> = localized
            .shared
            .iter()
            .map(|(name, stem)| (name.as_str(), stem.as_str()))
            .collect();
        assert_eq!(owners, [("Address", "common"), ("Country", "common")]);
    }

    #[test]
    fn references_that_cannot_be_shared_are_refused_with_their_pointer() {
        let common = common();
        let other = file("other", json!({"x-endpoint": {}, "$defs": {"X": {}}}));
        // (A file nobody serves, or a URL, is the compiler's to refuse: see tests/pipeline.rs.)
        let cases = [
            ("other.json#/$defs/X", "an endpoint's schema"),
            (
                "common.json#/$defs/Address/properties/country",
                "names one of its definitions",
            ),
            (
                "./common.json#/$defs/Address/properties/country",
                "names one of its definitions",
            ),
            ("common.json#/$defs/Nope", "has no definition `Nope`"),
        ];
        for (reference, expected) in cases {
            let create = file(
                "create",
                json!({"x-endpoint": {}, "properties": {"a": {"$ref": reference}}}),
            );
            let provider = ProviderFiles::new([&common, &other, &create]);
            let errors = localize(&create, &provider).err().unwrap();
            assert_eq!(errors[0].pointer, "/properties/a/$ref", "{reference}");
            assert!(
                errors[0].message.contains(expected),
                "{reference}: {}",
                errors[0]
            );
        }
    }

    #[test]
    fn a_name_the_endpoint_uses_itself_is_refused() {
        let common = common();
        let create = file(
            "create",
            json!({"x-endpoint": {}, "$ref": "common.json#/$defs/Address", "$defs": {"Address": {}}}),
        );
        let provider = ProviderFiles::new([&common, &create]);
        let errors = localize(&create, &provider).err().unwrap();
        assert!(errors[0].message.contains("rename one"), "{}", errors[0]);
    }

    #[test]
    fn a_cycle_between_files_is_named() {
        let a = file("a", json!({"$defs": {"A": {"$ref": "b.json#/$defs/B"}}}));
        let b = file(
            "b",
            json!({"$defs": {"B": {"properties": {"a": {"$ref": "a.json#/$defs/A"}}}}}),
        );
        let c = file("c", json!({"$defs": {"C": {"$ref": "a.json#/$defs/A"}}}));
        let provider = ProviderFiles::new([&a, &b, &c]);
        let errors = provider.cycle_errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].message.contains("a.json → b.json → a.json"),
            "{}",
            errors[0]
        );
        assert_eq!(errors[0].file, "schemas/acme/a.json");
        assert_eq!(errors[0].pointer, "/$defs/A/$ref");
    }

    #[test]
    fn a_definitions_file_holds_definitions_only() {
        let endpoint_without_meta = file("create", json!({"type": "object", "$defs": {"A": {}}}));
        let errors = definitions_file_errors(&endpoint_without_meta);
        assert_eq!(errors[0].pointer, "/type");
        assert!(errors[0].message.contains("x-endpoint"));
        assert!(definitions_file_errors(&common()).is_empty());
    }
}
