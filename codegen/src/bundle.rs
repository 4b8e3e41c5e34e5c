//! Embeds the documents a schema's `$ref`s name outside its own file, so that compiling one
//! document resolves them all. Each becomes a resource under the root's `$defs`, its `$id` the
//! URI it is known by (a document that names itself keeps its `$id`, and the URI it was found at
//! becomes an alias), which is how 2020-12 describes bundling. The documents come from the caller
//! (the other files of a provider folder, the suite's remotes): the generator never fetches.

use crate::error::{pointer_push, SchemaError};
use crate::resources::{document_base, Resources};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// How many documents one bundle may embed: a chain of references longer than this is refused.
const MAX_DOCUMENTS: usize = 256;

/// The documents a `$ref` may reach outside its own file, by absolute URI (no fragment).
#[derive(Debug, Default, Clone)]
pub struct ExternalDocuments {
    documents: BTreeMap<String, External>,
}

#[derive(Debug, Clone)]
struct External {
    /// How errors name the document: its file, `schemas/acme/common.json`.
    display: String,
    document: Value,
}

impl ExternalDocuments {
    pub fn new() -> ExternalDocuments {
        ExternalDocuments::default()
    }

    /// Serves `document` at `uri`; errors inside it name `display`.
    pub fn insert(&mut self, uri: impl Into<String>, display: impl Into<String>, document: Value) {
        let external = External {
            display: display.into(),
            document,
        };
        self.documents.insert(uri.into(), external);
    }

    /// Serves a file of the schema folder at the URI its siblings' relative `$ref`s reach:
    /// `common.json` from `schemas/acme/create.json` is `schemas/acme/common.json`.
    pub fn insert_file(&mut self, display: &str, document: Value) {
        self.insert(document_base(display), display, document);
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }
}

/// A document with every external document it reaches embedded.
pub(crate) struct Bundle {
    pub document: Value,
    /// The URI each embedded document was found at, when its own `$id` says otherwise, to the
    /// pointer of its root.
    pub aliases: BTreeMap<String, String>,
    /// The pointer of each embedded root and the file it came from, for error messages.
    embedded: Vec<(String, String)>,
}

impl Bundle {
    /// `document` alone, with nothing embedded.
    pub fn unbundled(document: &Value) -> Bundle {
        Bundle {
            document: document.clone(),
            aliases: BTreeMap::new(),
            embedded: Vec::new(),
        }
    }

    /// The pointer of each embedded document's root.
    pub fn embedded_roots(&self) -> impl Iterator<Item = &str> {
        self.embedded.iter().map(|(root, _)| root.as_str())
    }

    /// An error found in the bundle, told in the file it comes from: an error inside an
    /// embedded document names that document and its own pointer.
    pub fn locate(&self, mut error: SchemaError) -> SchemaError {
        let embedded = self.embedded.iter().find(|(root, _)| {
            error.pointer == *root || error.pointer.starts_with(&format!("{root}/"))
        });
        if let Some((root, display)) = embedded {
            error.pointer = error.pointer[root.len()..].to_owned();
            error.file = display.clone();
        }
        error
    }
}

/// Embeds into `document` (named `file`) every document of `external` its references reach,
/// transitively. A reference to a URI `external` does not serve is left for the compiler to
/// report.
pub(crate) fn bundle(
    file: &str,
    document: &Value,
    external: &ExternalDocuments,
) -> Result<Bundle, Vec<SchemaError>> {
    let mut bundle = Bundle::unbundled(document);
    if external.is_empty() {
        return Ok(bundle);
    }
    let mut embedded_uris = BTreeSet::new();
    loop {
        let (resources, _) = Resources::collect(file, &bundle.document, &bundle.aliases);
        let missing: BTreeSet<String> = resources
            .references()
            .iter()
            .filter_map(|(pointer, reference)| resources.missing_resource(pointer, reference))
            .filter(|uri| external.documents.contains_key(uri) && !embedded_uris.contains(uri))
            .collect();
        if missing.is_empty() {
            return Ok(bundle);
        }
        for uri in missing {
            if embedded_uris.len() == MAX_DOCUMENTS {
                return Err(vec![SchemaError::new(
                    file,
                    "",
                    format!("refers, directly or through other documents, to more than {MAX_DOCUMENTS} documents"),
                )]);
            }
            embed(file, &mut bundle, &uri, &external.documents[&uri])?;
            embedded_uris.insert(uri);
        }
    }
}

/// Adds `external` to the root's `$defs`, under a key that reads as the file it came from.
fn embed(
    file: &str,
    bundle: &mut Bundle,
    uri: &str,
    external: &External,
) -> Result<(), Vec<SchemaError>> {
    let key = definition_key(file, &bundle.document, uri);
    let Value::Object(root) = &mut bundle.document else {
        return Err(vec![SchemaError::new(
            file,
            "",
            "a schema that refers to other documents must be an object",
        )]);
    };
    let definitions = root
        .entry("$defs")
        .or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(definitions) = definitions else {
        return Err(vec![SchemaError::new(
            file,
            "/$defs",
            "`$defs` must be an object",
        )]);
    };
    let pointer = pointer_push("/$defs", &key);
    if definitions.contains_key(&key) {
        return Err(vec![SchemaError::new(
            file,
            &pointer,
            format!("a definition is named `{key}`, the name that `{uri}` takes when it is embedded: rename the definition"),
        )]);
    }
    let resource = match &external.document {
        Value::Object(map) => {
            let mut map = map.clone();
            if map.contains_key("$id") {
                bundle.aliases.insert(uri.to_owned(), pointer.clone());
            } else {
                map.insert("$id".to_owned(), Value::String(uri.to_owned()));
            }
            Value::Object(map)
        }
        Value::Bool(true) => serde_json::json!({ "$id": uri }),
        Value::Bool(false) => serde_json::json!({ "$id": uri, "not": {} }),
        _ => {
            return Err(vec![SchemaError::new(
                &external.display,
                "",
                "a schema document must be an object or a boolean",
            )])
        }
    };
    definitions.insert(key, resource);
    bundle.embedded.push((pointer, external.display.clone()));
    Ok(())
}

/// The `$defs` key of an embedded document: its URI relative to the folder of the document that
/// embeds it when it sits there (`common.json`), its whole URI otherwise.
fn definition_key(file: &str, document: &Value, uri: &str) -> String {
    let base = document
        .get("$id")
        .and_then(Value::as_str)
        .filter(|id| id.contains(':'))
        .map(str::to_owned)
        .unwrap_or_else(|| document_base(file));
    let folder = &base[..base.rfind('/').map_or(0, |i| i + 1)];
    match uri.strip_prefix(folder) {
        Some(relative) if !folder.is_empty() && !relative.is_empty() => relative.to_owned(),
        _ => uri.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn served(files: &[(&str, Value)]) -> ExternalDocuments {
        let mut external = ExternalDocuments::new();
        for (display, document) in files {
            external.insert_file(display, document.clone());
        }
        external
    }

    #[test]
    fn a_sibling_file_is_embedded_under_its_name_with_its_uri() {
        let external = served(&[(
            "schemas/acme/common.json",
            json!({"$defs": {"Address": {"type": "object"}}}),
        )]);
        let document = json!({"$ref": "common.json#/$defs/Address"});
        let bundle = bundle("schemas/acme/create.json", &document, &external).unwrap();
        assert_eq!(
            bundle.document["$defs"]["common.json"]["$id"],
            "file:///schemas/acme/common.json"
        );
        let error = SchemaError::new(
            "schemas/acme/create.json",
            "/$defs/common.json/$defs/Address/type",
            "bad",
        );
        let located = bundle.locate(error);
        assert_eq!(located.file, "schemas/acme/common.json");
        assert_eq!(located.pointer, "/$defs/Address/type");
    }

    #[test]
    fn documents_that_refer_to_each_other_are_embedded_once() {
        let external = served(&[
            ("schemas/acme/a.json", json!({"$ref": "b.json"})),
            ("schemas/acme/b.json", json!({"$ref": "a.json"})),
        ]);
        let document = json!({"$ref": "a.json"});
        let bundle = bundle("schemas/acme/create.json", &document, &external).unwrap();
        let keys: Vec<&String> = bundle.document["$defs"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(keys, ["a.json", "b.json"]);
    }

    #[test]
    fn a_document_that_names_itself_keeps_its_id_and_is_reached_by_its_uri_too() {
        let mut external = ExternalDocuments::new();
        external.insert(
            "http://localhost:1234/found.json",
            "remotes/found.json",
            json!({"$id": "http://example.com/real.json", "type": "string"}),
        );
        let document = json!({"$ref": "http://localhost:1234/found.json"});
        let bundle = bundle("suite.json", &document, &external).unwrap();
        let key = "http://localhost:1234/found.json";
        assert_eq!(
            bundle.document["$defs"][key]["$id"],
            "http://example.com/real.json"
        );
        assert_eq!(bundle.aliases[key], pointer_push("/$defs", key));
    }

    #[test]
    fn a_definition_with_the_embedded_name_is_refused() {
        let external = served(&[("schemas/acme/common.json", json!({}))]);
        let document = json!({"$ref": "common.json", "$defs": {"common.json": {}}});
        let errors = bundle("schemas/acme/create.json", &document, &external)
            .err()
            .unwrap();
        assert!(errors[0].message.contains("rename the definition"));
    }
}
