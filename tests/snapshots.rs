//! Per endpoint, three small insta snapshots for the reviewer of a documentation change:
//! `contract__<provider>_<endpoint>` (each body's pointers with Rust type, required, rules in
//! words and personal data), `api__…` (the public Rust API of the generated module, without
//! bodies) and `examples__…` (what the generated validator reports for each doc example under
//! `tests/fixtures/`). The generated code itself is checked byte for byte by the freshness test
//! (`pipeline.rs`), so a field added or a limit changed shows here as a few lines. A new
//! endpoint's snapshots are written on first acceptance (`INSTA_UPDATE=always`), never on CI.

mod support;

use codegen::review::{api_surface, contract_table};
use codegen::{endpoint_source, load_schema_file, plan, repo_root, SchemaFile, GENERATED_SRC};
use serde_json::Value;
use std::path::Path;
use std::sync::OnceLock;
use support::{fixtures, known_contradictions};

/// One endpoint schema with the module `plan` generates from it.
struct Endpoint {
    file: SchemaFile,
    source: String,
    /// The modules of the provider's definitions files.
    shared_sources: Vec<String>,
}

impl Endpoint {
    fn shared(&self) -> Vec<&str> {
        self.shared_sources.iter().map(String::as_str).collect()
    }

    /// `<provider>_<endpoint>`, the snapshot names' suffix.
    fn snapshot_suffix(&self) -> String {
        format!("{}_{}", self.file.provider, self.file.endpoint).replace('-', "_")
    }
}

/// Every endpoint of the plan (each schema with `x-endpoint`), in file order; planned once for
/// all the tests of this binary.
fn endpoints() -> &'static [Endpoint] {
    static ENDPOINTS: OnceLock<Vec<Endpoint>> = OnceLock::new();
    ENDPOINTS.get_or_init(|| {
        let root = repo_root();
        let plan = plan(&root).expect("schemas generate");
        let mut ids: Vec<&str> = plan
            .entries
            .iter()
            .filter(|(_, entry)| entry.direction == "request")
            .map(|(_, entry)| entry.id.as_str())
            .collect();
        ids.dedup();
        ids.into_iter()
            .map(|id| {
                let display = format!("schemas/{id}.json");
                let mut file =
                    load_schema_file(&root.join(&display), &display).expect("schema loads");
                // The definitions it shares with other endpoints read as part of it.
                let siblings = folder_files(&root, &file.provider);
                file.document = codegen::localized_document(&file, &siblings)
                    .unwrap_or_else(|errors| panic!("{errors:?}"));
                // Where `plan` puts an endpoint's module: the provider's and endpoint's names in
                // snake case under `generated/src/providers/`.
                let module = Path::new(GENERATED_SRC)
                    .join(file.provider.replace('-', "_"))
                    .join(format!("{}.rs", file.endpoint.replace('-', "_")));
                let generated = |module: &Path| {
                    plan.files
                        .iter()
                        .find(|f| f.path == module)
                        .unwrap_or_else(|| panic!("no generated module {}", module.display()))
                        .contents
                        .clone()
                };
                let source = generated(&module);
                let shared_sources = siblings
                    .iter()
                    .filter(|sibling| sibling.document.get("x-endpoint").is_none())
                    .map(|sibling| {
                        generated(
                            &Path::new(GENERATED_SRC)
                                .join(sibling.provider.replace('-', "_"))
                                .join(format!("{}.rs", sibling.endpoint.replace('-', "_"))),
                        )
                    })
                    .collect();
                Endpoint {
                    file,
                    source,
                    shared_sources,
                }
            })
            .collect()
    })
}

/// Every schema file of a provider folder (overlays aside).
fn folder_files(root: &Path, provider: &str) -> Vec<SchemaFile> {
    let folder = root.join("schemas").join(provider);
    let mut files: Vec<SchemaFile> = std::fs::read_dir(&folder)
        .expect("provider folder")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path.to_string_lossy();
            name.ends_with(".json") && !name.ends_with(codegen::OVERLAY_SUFFIX)
        })
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let display = format!("schemas/{provider}/{name}");
            load_schema_file(&path, &display).expect("schema loads")
        })
        .collect();
    files.sort_by(|a, b| a.display_path.cmp(&b.display_path));
    files
}

fn assert_reviewed(kind: &str, endpoint: &Endpoint, text: &str) {
    let name = format!("{kind}__{}", endpoint.snapshot_suffix());
    insta::with_settings!({
        description => endpoint.file.display_path.clone(),
        omit_expression => true,
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn contract_per_endpoint() {
    for endpoint in endpoints() {
        let table = contract_table(&endpoint.file, &endpoint.source, &endpoint.shared())
            .unwrap_or_else(|e| panic!("{}: {e:?}", endpoint.file.display_path));
        assert_reviewed("contract", endpoint, &table);
    }
}

#[test]
fn api_surface_per_endpoint() {
    for endpoint in endpoints() {
        let surface = api_surface(&endpoint.source).expect("generated module parses");
        assert_reviewed("api", endpoint, &surface);
    }
}

#[test]
fn example_reports_per_endpoint() {
    let examples = fixtures();
    let contradictions = known_contradictions();
    for endpoint in endpoints() {
        let id = endpoint.file.id();
        let own = examples
            .iter()
            .filter(|f| f.schema_id == id || f.schema_id.starts_with(&format!("{id}/")));
        let mut report = String::new();
        for example in own {
            let file_name = example.name.rsplit('/').next().unwrap_or(&example.name);
            let known = contradictions
                .iter()
                .find(|(name, _)| name == &example.name);
            let verdict = example_report(
                &endpoint.file.display_path,
                &example.schema_id,
                &example.value,
            );
            report.push_str(&format!("{file_name} ({}): {verdict}", example.schema_id));
            if let Some((_, issue)) = known {
                report.push_str(&format!("  known contradiction: {issue}\n"));
            }
        }
        if report.is_empty() {
            report = format!("no doc examples under tests/fixtures/{id}/\n");
        }
        assert_reviewed("examples", endpoint, &report);
    }
}

/// `valid`, or the number of errors and one line per error: instance pointer (keys the schema
/// does not name are `*`), keyword, schema location and message, none of which holds a value
/// of the document.
fn example_report(display: &str, schema_id: &str, value: &Value) -> String {
    let entry = generated::schemas()
        .into_iter()
        .find(|e| e.id == schema_id)
        .unwrap_or_else(|| panic!("no generated schema {schema_id}: regenerate"));
    let errors = match entry.validate(value) {
        Ok(()) => return "valid\n".to_owned(),
        Err(errors) => errors,
    };
    let count = match errors.len() {
        1 => "1 error".to_owned(),
        n => format!("{n} errors"),
    };
    let mut out = format!("{count}\n");
    for error in errors.iter() {
        let location = error
            .schema_location
            .strip_prefix(display)
            .unwrap_or(&error.schema_location);
        let instance = match error.instance_path.as_str() {
            "" => "(root)",
            path => path,
        };
        out.push_str(&format!(
            "  - `{instance}` {} at `{location}`: {}\n",
            error.keyword,
            error.message()
        ));
    }
    out
}

/// The first subschema with a `maxLength` of its own, outside conditionals (whose rules are
/// worded on other rows) and outside data.
fn first_max_length(value: &Value, at: &str) -> Option<(String, u64)> {
    match value {
        Value::Object(map) => {
            if let Some(max) = map.get("maxLength").and_then(Value::as_u64) {
                return Some((at.to_owned(), max));
            }
            map.iter()
                .filter(|(k, _)| {
                    !k.starts_with("x-")
                        && !["if", "then", "else", "examples", "enum", "const", "default"]
                            .contains(&k.as_str())
                })
                .find_map(|(k, v)| first_max_length(v, &format!("{at}/{k}")))
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| first_max_length(v, &format!("{at}/{i}"))),
        _ => None,
    }
}

/// The contract and API of a document held in memory, regenerated from it.
fn reviewed(file: &SchemaFile) -> (String, String) {
    let source = endpoint_source(file.clone()).expect("the changed schema generates");
    let table = contract_table(file, &source, &[]).expect("contract table");
    (
        table,
        api_surface(&source).expect("generated module parses"),
    )
}

fn changed_lines<'a>(before: &'a str, after: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
    let removed = before
        .lines()
        .filter(|l| !after.lines().any(|a| a == *l))
        .collect();
    let added = after
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .collect();
    (removed, added)
}

#[test]
fn a_changed_limit_changes_only_its_row() {
    let (endpoint, (pointer, max)) = endpoints()
        .iter()
        .find_map(|e| first_max_length(&e.file.document, "").map(|found| (e, found)))
        .expect("some schema has a maxLength");
    let before = contract_table(&endpoint.file, &endpoint.source, &endpoint.shared()).unwrap();
    let mut changed = endpoint.file.clone();
    let new_max = max + 7;
    *changed
        .document
        .pointer_mut(&format!("{pointer}/maxLength"))
        .unwrap() = new_max.into();
    let (after, _) = reviewed(&changed);
    let (removed, added) = changed_lines(&before, &after);
    let row = format!("| `#{pointer}` |");
    assert!(
        removed.len() == 1 && added.len() == 1,
        "{pointer}: one row should change:\n-{removed:#?}\n+{added:#?}"
    );
    assert!(removed[0].starts_with(&row) && removed[0].contains(&format!("{max} character")));
    assert!(added[0].starts_with(&row) && added[0].contains(&format!("{new_max} character")));
}

#[test]
fn an_added_property_shows_as_a_row_and_a_field() {
    let endpoint = endpoints()
        .iter()
        .find(|e| {
            e.file
                .document
                .get("properties")
                .is_some_and(Value::is_object)
        })
        .expect("some request body is an object with properties");
    let (before, api_before) = reviewed(&endpoint.file);
    let mut changed = endpoint.file.clone();
    changed.document["properties"]["reviewNote"] =
        serde_json::json!({ "type": "string", "maxLength": 12, "description": "Added." });
    let (after, api_after) = reviewed(&changed);
    let (removed, added) = changed_lines(&before, &after);
    assert!(removed.is_empty(), "{removed:#?}");
    assert_eq!(added.len(), 1, "{added:#?}");
    assert!(
        added[0].starts_with("| `#/properties/reviewNote` | `Option<")
            && added[0].contains("| optional | string; at most 12 characters |"),
        "{}",
        added[0]
    );
    let (_, api_added) = changed_lines(&api_before, &api_after);
    assert!(
        api_added
            .iter()
            .any(|l| l.trim().starts_with("pub review_note: Option<")),
        "{api_added:#?}"
    );
}
