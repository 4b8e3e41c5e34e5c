//! The generation pipeline: generated/ is fresh, and bad schemas fail with `file: pointer: message`.

use codegen::{apply, plan, repo_root, Mode};
use std::path::Path;

#[test]
fn generated_code_is_fresh() {
    let root = repo_root();
    let plan = plan(&root).unwrap_or_else(|errors| {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("schemas do not generate:\n{}", list.join("\n"))
    });
    let outcome = apply(&root, &plan, Mode::Check).expect("read generated/");
    let stale: Vec<String> = outcome
        .stale
        .iter()
        .map(|s| format!("{}\n{}", s.path, s.diff))
        .collect();
    assert!(
        stale.is_empty(),
        "generated/ is stale: run `cargo xtask regenerate` and commit the result.\n\n{}",
        stale.join("\n\n")
    );
}

/// Builds a throwaway repository with one schema file and returns the generator's error lines.
fn errors_for(file_name: &str, contents: &[u8]) -> Vec<String> {
    let root = tempfile::tempdir().expect("temp dir");
    let schema_path = root.path().join("schemas/acme").join(file_name);
    std::fs::create_dir_all(schema_path.parent().unwrap()).unwrap();
    std::fs::write(&schema_path, contents).unwrap();
    std::fs::create_dir_all(root.path().join("generated")).unwrap();
    std::fs::write(
        root.path().join("generated/Cargo.toml"),
        "[package]\nname = \"generated\"\n",
    )
    .unwrap();
    match plan(root.path()) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

/// A minimal valid endpoint schema with `extra` merged into the root.
fn endpoint_schema(extra: serde_json::Value) -> Vec<u8> {
    let mut schema = serde_json::json!({
        "title": "Thing",
        "type": "object",
        "x-endpoint": {"method": "POST", "path": "/things", "responses": {}},
        "properties": {"name": {"type": "string", "maxLength": 5}}
    });
    for (key, value) in extra.as_object().unwrap() {
        schema[key] = value.clone();
    }
    serde_json::to_vec_pretty(&schema).unwrap()
}

fn check(file_name: &str, contents: &[u8], expected: &[&str]) {
    assert_eq!(errors_for(file_name, contents), expected);
}

#[test]
fn a_valid_schema_has_no_errors() {
    check("thing.json", &endpoint_schema(serde_json::json!({})), &[]);
}

#[test]
fn bad_schemas_are_reported_with_file_and_pointer() {
    check(
        "thing.json",
        b"{ \"title\": ",
        &["schemas/acme/thing.json: /: file is not valid JSON: EOF while parsing a value at line 1 column 11"],
    );
    check(
        "thing.json",
        &endpoint_schema(serde_json::json!({"properties": {"name": {"type": "string", "patternProperty": {}}}})),
        &["schemas/acme/thing.json: /properties/name/patternProperty: keyword `patternProperty` is not in the declared vocabulary (see schemas/VOCABULARY.md)"],
    );
    check(
        "thing.json",
        &endpoint_schema(serde_json::json!({"properties": {"name": {"$ref": "#/$defs/Missing"}}})),
        &["schemas/acme/thing.json: /properties/name/$ref: `$ref` `#/$defs/Missing` does not resolve: no schema at `/$defs/Missing`"],
    );
    check(
        "thing.json",
        &endpoint_schema(serde_json::json!({"$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"$ref": "#/$defs/A"}}})),
        &["schemas/acme/thing.json: /$defs/A: circular reference that never reaches a value: /$defs/A -> /$defs/B -> (back to start)"],
    );
    let mut untitled: serde_json::Value =
        serde_json::from_slice(&endpoint_schema(serde_json::json!({}))).unwrap();
    untitled.as_object_mut().unwrap().remove("title");
    check(
        "thing.json",
        &serde_json::to_vec(&untitled).unwrap(),
        &["schemas/acme/thing.json: /title: the root schema needs a `title`: it names the Rust type"],
    );
    check(
        "thing.json",
        &endpoint_schema(serde_json::json!({"properties": {"name": {"type": "string", "pattern": "(unclosed"}}})),
        &["schemas/acme/thing.json: /properties/name/pattern: pattern is not a valid ECMA-262 regular expression: Unbalanced parenthesis"],
    );
    check("thing.json", &[0xff, 0xfe, b'{'], &["schemas/acme/thing.json: /: file is not valid UTF-8: invalid utf-8 sequence of 1 bytes from index 0"]);
    for category in [serde_json::json!(true), serde_json::json!("secret")] {
        check(
            "thing.json",
            &endpoint_schema(serde_json::json!({"properties": {"name": {"type": "string", "x-sensitive": category}}})),
            &["schemas/acme/thing.json: /properties/name/x-sensitive: `x-sensitive` must name a category of personal data (one of account-number, address, birth-date, document-number, email, name, phone, postal-code, tax-id) or be `false`"],
        );
    }
    check(
        "thing.json",
        &endpoint_schema(
            serde_json::json!({"properties": {"name": {"type": "string", "x-sensitive": "name"}}}),
        ),
        &[],
    );
}

/// Builds a throwaway repository with one schema file and returns the plan.
fn plan_for(contents: &[u8]) -> codegen::Plan {
    let root = tempfile::tempdir().expect("temp dir");
    let schema_path = root.path().join("schemas/acme/thing.json");
    std::fs::create_dir_all(schema_path.parent().unwrap()).unwrap();
    std::fs::write(&schema_path, contents).unwrap();
    std::fs::create_dir_all(root.path().join("generated")).unwrap();
    std::fs::write(
        root.path().join("generated/Cargo.toml"),
        "[package]\nname = \"generated\"\n",
    )
    .unwrap();
    plan(root.path()).unwrap_or_else(|errors| panic!("{errors:?}"))
}

#[test]
fn shapes_rust_cannot_express_are_json_values_and_listed() {
    let plan = plan_for(&endpoint_schema(serde_json::json!({
        "properties": {
            "name": {"type": "string", "maxLength": 5},
            "metadata": {
                "type": "object",
                "patternProperties": {"^x-": {"type": "string"}},
                "additionalProperties": false,
                "propertyNames": {"maxLength": 20}
            },
            "point": {"type": "array", "prefixItems": [{"type": "number"}, {"type": "number"}], "items": false},
            "card": {"type": "object", "dependentSchemas": {"number": {"required": ["expiry"]}}}
        }
    })));
    assert_eq!(
        plan.typed_as_value,
        [
            "schemas/acme/thing.json: /properties/metadata: typed as serde_json::Value (typify cannot express `patternProperties`)",
            "schemas/acme/thing.json: /properties/point: typed as serde_json::Value (typify cannot express `prefixItems`)",
        ]
    );
    let module = &plan
        .files
        .iter()
        .find(|f| f.path.ends_with("acme/thing.rs"))
        .unwrap()
        .contents;
    assert!(
        module.contains("pub metadata: ::std::option::Option<::serde_json::Value>"),
        "{module}"
    );
    assert!(
        module.contains("pub point: ::std::option::Option<::serde_json::Value>"),
        "{module}"
    );
    // Constraints that do not change the shape keep the type and are enforced by the validator.
    assert!(
        !module.contains("pub card: ::std::option::Option<::serde_json::Value>"),
        "{module}"
    );
    for call in [
        "kw::pattern_properties(",
        "kw::additional_properties_beyond_patterns(",
        "kw::property_names(",
        "kw::prefix_items(",
        "kw::items_after(",
        "kw::dependent_schemas(",
    ] {
        assert!(module.contains(call), "{call} missing from\n{module}");
    }
}

#[test]
fn an_empty_schemas_folder_is_an_error() {
    let root = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(root.path().join("schemas")).unwrap();
    let errors: Vec<String> = plan(root.path())
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errors,
        ["schemas: /: no schema files found: expected schemas/<provider>/<endpoint>.json"]
    );
}

#[test]
fn regeneration_is_deterministic() {
    let root = repo_root();
    let first = plan(&root).expect("plan");
    let second = plan(&root).expect("plan");
    assert_eq!(first.files, second.files);
    assert!(first
        .files
        .iter()
        .all(|f| f.path == Path::new("generated/Cargo.toml")
            || f.contents.starts_with("// @generated")));
}

#[test]
fn regeneration_writes_changes_only_and_removes_orphans() {
    let root = tempfile::tempdir().expect("temp dir");
    let schema = |name: &str| {
        let path = root
            .path()
            .join("schemas/acme")
            .join(format!("{name}.json"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let body = serde_json::json!({
            "title": format!("{name}-body"), "type": "object",
            "x-endpoint": {"method": "POST", "path": format!("/{name}"), "responses": {}},
            "properties": {"id": {"type": "string", "maxLength": 5}}
        });
        std::fs::write(path, serde_json::to_vec_pretty(&body).unwrap()).unwrap();
    };
    schema("things");
    schema("widgets");
    std::fs::create_dir_all(root.path().join("generated/src")).unwrap();
    std::fs::write(
        root.path().join("generated/Cargo.toml"),
        "[package]\nname = \"generated\"\n",
    )
    .unwrap();
    let hand_written = root.path().join("generated/src/providers/acme/notes.rs");
    std::fs::create_dir_all(hand_written.parent().unwrap()).unwrap();
    std::fs::write(&hand_written, "// written by a person\n").unwrap();

    let first = apply(root.path(), &plan(root.path()).unwrap(), Mode::Write).unwrap();
    assert_eq!(first.written.len(), 5, "{:?}", first.written);
    let again = apply(root.path(), &plan(root.path()).unwrap(), Mode::Write).unwrap();
    assert_eq!((again.written.len(), again.unchanged), (0, 5));

    std::fs::remove_file(root.path().join("schemas/acme/widgets.json")).unwrap();
    let check = apply(root.path(), &plan(root.path()).unwrap(), Mode::Check).unwrap();
    let stale: Vec<&str> = check.stale.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        stale,
        [
            "generated/src/providers/acme/mod.rs",
            "generated/src/providers/mod.rs",
            "generated/src/providers/acme/widgets.rs"
        ]
    );
    let after = apply(root.path(), &plan(root.path()).unwrap(), Mode::Write).unwrap();
    assert_eq!(after.removed, ["generated/src/providers/acme/widgets.rs"]);
    assert!(
        hand_written.exists(),
        "files without the @generated header are never removed"
    );
}

#[test]
fn an_enum_with_100000_values_is_refused_with_a_clear_error() {
    let values: Vec<String> = (0..100_000).map(|i| format!("V{i}")).collect();
    let schema = endpoint_schema(serde_json::json!({"properties": {"code": {"enum": values}}}));
    check("thing.json", &schema, &["schemas/acme/thing.json: /properties/code/enum: `enum` has 100000 values; the limit is 10000"]);
}

#[test]
fn two_separate_processes_generate_byte_identical_code() {
    // Each process has its own hash seeds and allocation order; both must reproduce the committed
    // files exactly (`--check` compares byte for byte and writes nothing).
    for run in 1..=2 {
        let output = std::process::Command::new(env!("CARGO"))
            .args([
                "run",
                "--quiet",
                "--package",
                "xtask",
                "--",
                "regenerate",
                "--check",
            ])
            .current_dir(repo_root())
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "run {run}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// Hostile schemas: long `$ref` chains and deep nesting are refused with a located error, not a
/// stack overflow in the generator or a type the Rust compiler cannot build.
#[test]
fn deep_schemas_are_refused_with_a_located_error() {
    let mut defs = serde_json::Map::new();
    for i in 0..2000 {
        defs.insert(
            format!("D{i}"),
            serde_json::json!({"$ref": format!("#/$defs/D{}", i + 1)}),
        );
    }
    defs.insert("D2000".to_owned(), serde_json::json!({"type": "string"}));
    let chain = endpoint_schema(
        serde_json::json!({"properties": {"name": {"$ref": "#/$defs/D0"}}, "$defs": defs}),
    );
    let errors = errors_for("thing.json", &chain);
    assert!(!errors.is_empty());
    assert!(
        errors
            .iter()
            .all(|e| e.contains("subschemas nest deeper than 32 levels")),
        "{errors:?}"
    );

    let mut nested = serde_json::json!({"type": "string"});
    for _ in 0..60 {
        nested = serde_json::json!({"type": "object", "properties": {"inner": nested}});
    }
    let errors = errors_for(
        "thing.json",
        &endpoint_schema(serde_json::json!({"properties": {"name": nested}})),
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("schemas/acme/thing.json: /properties/name/properties/inner"),
        "{errors:?}"
    );
    assert!(errors[0].ends_with("subschemas nest deeper than 32 levels here (through properties, items, combinators or `$ref` chains); flatten the schema"));
}

/// A schema typify cannot turn into types (it panics on this enum) is one error line, and the
/// panic prints nothing: no message, no backtrace.
#[test]
fn a_typify_panic_is_one_error_line_and_prints_nothing() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static PANIC_PRINTED: AtomicBool = AtomicBool::new(false);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| PANIC_PRINTED.store(true, Ordering::SeqCst)));
    let schema =
        endpoint_schema(serde_json::json!({"properties": {"odd": {"enum": [1, "a", [1]]}}}));
    let errors = errors_for("thing.json", &schema);
    std::panic::set_hook(previous);
    assert_eq!(
        errors,
        ["schemas/acme/thing.json: /: typify panicked: multiple implied types for an un-typed enum {Array, Number, String} [Number(1), String(\"a\"), Array [Number(1)]]"]
    );
    assert!(!PANIC_PRINTED.load(Ordering::SeqCst), "the panic hook ran");
}

/// A pattern a backtracking engine would take exponential time on is refused at generation.
#[test]
fn catastrophic_patterns_are_refused() {
    check(
        "thing.json",
        &endpoint_schema(serde_json::json!({"properties": {"name": {"type": "string", "pattern": "^(a+)+$"}}})),
        &["schemas/acme/thing.json: /properties/name/pattern: pattern repeats without bound a group that itself repeats or has alternatives (like `(a+)+` or `(a|a)*`): a backtracking engine can take exponential time on it; write it without the nested repetition (a class such as `[ab]` for `(a|b)`)"],
    );
}

/// JSON names that would meet in one Rust name are refused before typify, naming both.
#[test]
fn names_that_collide_in_rust_are_refused() {
    check(
        "thing.json",
        &endpoint_schema(serde_json::json!({"properties": {"firstName": {"type": "string"}, "first_name": {"type": "string"}}})),
        &["schemas/acme/thing.json: /properties: `firstName` and `first_name` would both be the Rust field `first_name`; the generated code cannot hold both"],
    );
    check(
        "thing.json",
        &endpoint_schema(serde_json::json!({"$defs": {"Foo": {"type": "string"}, "foo": {"type": "integer"}}})),
        &["schemas/acme/thing.json: /$defs: `Foo` and `foo` would both be the Rust type `Foo`; the generated code cannot hold both"],
    );
}

#[test]
fn references_that_leave_the_file_or_lead_nowhere_are_refused() {
    let cases = [
        (
            serde_json::json!({"properties": {"name": {"$ref": "other.json#/$defs/Name"}}}),
            "/properties/name/$ref: `$ref` `other.json#/$defs/Name` refers to `file:///schemas/acme/other.json`, which is neither in this file nor a file beside it (the generator never fetches schemas)",
        ),
        (
            serde_json::json!({"properties": {"name": {"$ref": "https://example.com/name.json"}}}),
            "/properties/name/$ref: `$ref` `https://example.com/name.json` refers to `https://example.com/name.json`, which is neither in this file nor a file beside it (the generator never fetches schemas)",
        ),
        (
            serde_json::json!({"properties": {"name": {"$ref": "#nowhere"}}}),
            "/properties/name/$ref: `$ref` `#nowhere` names anchor `nowhere`, which no `$anchor` declares",
        ),
        (
            serde_json::json!({"properties": {"name": {"$anchor": "1st"}}}),
            "/properties/name/$anchor: `$anchor` must be a name: a letter or `_`, then letters, digits, `-`, `_` or `.`",
        ),
        (
            serde_json::json!({"$defs": {"A": {"$id": "a.json"}, "B": {"$id": "a.json"}}}),
            "/$defs/B/$id: `$id` `file:///schemas/acme/a.json` is already the identifier of `/$defs/A`",
        ),
        (
            serde_json::json!({"$defs": {"A": {"$id": "a.json#part"}}}),
            "/$defs/A/$id: `$id` `a.json#part` must not have a fragment (use `$anchor` to name a location)",
        ),
        (
            serde_json::json!({"properties": {"name": {"$dynamicRef": "#nowhere"}}}),
            "/properties/name/$dynamicRef: `$dynamicRef` `#nowhere` names anchor `nowhere`, which no `$anchor` declares",
        ),
        (
            serde_json::json!({"$defs": {"A": {"$dynamicAnchor": "a", "$dynamicRef": "#a"}}}),
            "/$defs/A: circular reference that never reaches a value: /$defs/A -> (back to start)",
        ),
        (
            serde_json::json!({"$id": "thing.json#part", "$dynamicAnchor": "node", "properties": {"child": {"$dynamicRef": "#node"}}}),
            "/$id: `$id` `thing.json#part` must not have a fragment (use `$anchor` to name a location)",
        ),
        (
            serde_json::json!({"$schema": "http://json-schema.org/draft-07/schema#"}),
            "/$schema: `$schema` must be `https://json-schema.org/draft/2020-12/schema`: the generator compiles that dialect only, and never fetches a custom meta-schema",
        ),
    ];
    for (extra, error) in cases {
        check(
            "thing.json",
            &endpoint_schema(extra),
            &[&format!("schemas/acme/thing.json: {error}")],
        );
    }
}

#[test]
fn unknown_formats_fail_unless_declared_and_typos_name_the_closest() {
    let declare =
        "(a format of your own is declared as an annotation in the root's `x-annotation-formats`)";
    let format = |name: serde_json::Value| serde_json::json!({"properties": {"when": {"type": "string", "format": name}}});
    let cases = [
        (
            format("date-tme".into()),
            format!("/properties/when/format: unknown format `date-tme`; did you mean `date-time`? {declare}"),
        ),
        (
            format("uuid4".into()),
            format!("/properties/when/format: unknown format `uuid4`; did you mean `uuid`? {declare}"),
        ),
        (
            format("decimal".into()),
            "/properties/when/format: unknown format `decimal`: the generator asserts the formats of schemas/VOCABULARY.md, and a format of your own is declared as an annotation in the root's `x-annotation-formats`".to_owned(),
        ),
        (format(5.into()), "/properties/when/format: `format` must be a string".to_owned()),
        (
            serde_json::json!({"x-annotation-formats": ["decimal", "email"]}),
            "/x-annotation-formats/1: `email` is a format the generator knows (see schemas/VOCABULARY.md); it cannot be declared an annotation".to_owned(),
        ),
        (
            serde_json::json!({"x-annotation-formats": ["decimal", "decimal"]}),
            "/x-annotation-formats/1: `decimal` is declared twice".to_owned(),
        ),
        (
            serde_json::json!({"x-annotation-formats": "decimal"}),
            "/x-annotation-formats: `x-annotation-formats` must be a list of format names, such as [\"decimal\"]".to_owned(),
        ),
        (
            serde_json::json!({"properties": {"name": {"type": "string", "x-annotation-formats": ["decimal"]}}}),
            "/properties/name/x-annotation-formats: `x-annotation-formats` is read at the root of the file only: declare every format of the file there".to_owned(),
        ),
    ];
    for (extra, error) in cases {
        check(
            "thing.json",
            &endpoint_schema(extra),
            &[&format!("schemas/acme/thing.json: {error}")],
        );
    }
    // A typo stays an error even beside a declaration of other formats.
    let mut declared = format("date-tme".into());
    declared["x-annotation-formats"] = serde_json::json!(["decimal"]);
    assert_eq!(
        errors_for("thing.json", &endpoint_schema(declared)).len(),
        1
    );
}

#[test]
fn every_format_is_checked_where_it_applies_and_declared_ones_are_listed() {
    let plan = plan_for(&endpoint_schema(serde_json::json!({
        "x-annotation-formats": ["decimal", "base64url"],
        "properties": {
            "name": {"type": "string", "maxLength": 5},
            "host": {"type": "string", "format": "idn-hostname"},
            "ip": {"type": "string", "format": "ipv4"},
            "count": {"type": "integer", "format": "int32"},
            "ratio": {"type": "number", "format": "float"},
            "photo": {"type": "string", "format": "byte"},
            "upload": {"type": "string", "format": "binary"},
            "secret": {"type": "string", "format": "password"},
            "amount": {"type": "string", "format": "decimal"}
        }
    })));
    assert_eq!(
        plan.annotation_formats,
        ["schemas/acme/thing.json: decimal, base64url"]
    );
    let module = &plan
        .files
        .iter()
        .find(|f| f.path.ends_with("acme/thing.rs"))
        .unwrap()
        .contents;
    for call in [
        // Validators: strings and numbers each by their own check.
        "kw::format(s, formats::is_idn_hostname, \"idn-hostname\"",
        "kw::format(s, formats::is_byte, \"byte\"",
        "formats::number_formats::is_int32,",
        "formats::number_formats::is_float,",
        // Newtype constructors check string formats too.
        "::generated::runtime::formats::is_ipv4(value)",
        "::generated::runtime::formats::is_idn_hostname(value)",
    ] {
        assert!(module.contains(call), "{call} missing from\n{module}");
    }
    // A password is a secret: redacted like an `x-sensitive` value.
    let secret = &module[module.find("pub secret:").unwrap()..];
    assert!(
        secret[..secret.find(',').unwrap()].contains("Sensitive<::std::string::String>"),
        "{module}"
    );
    for unchecked in ["\"binary\"", "\"password\"", "\"decimal\""] {
        assert!(
            !module.contains(&format!("formats::{unchecked}"))
                && !module.contains(&format!(", {unchecked},")),
            "{unchecked} is an annotation, asserted in\n{module}"
        );
    }
}

/// Builds a throwaway repository with the given files under `schemas/acme/` and returns the
/// plan or its error lines.
fn plan_of_files(files: &[(&str, serde_json::Value)]) -> Result<codegen::Plan, Vec<String>> {
    let root = tempfile::tempdir().expect("temp dir");
    let folder = root.path().join("schemas/acme");
    std::fs::create_dir_all(&folder).unwrap();
    for (name, document) in files {
        std::fs::write(
            folder.join(name),
            serde_json::to_vec_pretty(document).unwrap(),
        )
        .unwrap();
    }
    std::fs::create_dir_all(root.path().join("generated")).unwrap();
    std::fs::write(
        root.path().join("generated/Cargo.toml"),
        "[package]\nname = \"generated\"\n",
    )
    .unwrap();
    plan(root.path()).map_err(|errors| errors.iter().map(ToString::to_string).collect())
}

fn shared_address() -> serde_json::Value {
    serde_json::json!({
        "title": "Shared definitions",
        "$defs": {
            "Address": {
                "type": "object",
                "properties": {
                    "street": {"type": "string", "maxLength": 40},
                    "country": {"$ref": "#/$defs/Country"}
                },
                "required": ["street"],
                "additionalProperties": false
            },
            "Country": {"type": "string", "enum": ["US", "CA"]}
        }
    })
}

fn endpoint_using(title: &str, path: &str, with_response: bool) -> serde_json::Value {
    let mut schema = serde_json::json!({
        "title": title,
        "type": "object",
        "x-endpoint": {"method": "POST", "path": path, "responses": {}},
        "properties": {"home": {"$ref": "common.json#/$defs/Address"}}
    });
    if with_response {
        schema["x-endpoint"]["responses"] = serde_json::json!({"200": "#/$defs/Created"});
        schema["$defs"] = serde_json::json!({"Created": {
            "type": "object",
            "properties": {"home": {"$ref": "common.json#/$defs/Address"}}
        }});
    }
    schema
}

fn generated<'p>(plan: &'p codegen::Plan, file: &str) -> &'p str {
    let path = std::path::Path::new("generated/src/providers/acme").join(file);
    &plan
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {file}"))
        .contents
}

#[test]
fn definitions_shared_by_endpoints_are_one_type_in_the_provider_module() {
    let plan = plan_of_files(&[
        ("common.json", shared_address()),
        ("create.json", endpoint_using("Create", "/things", true)),
        (
            "update.json",
            endpoint_using("Update", "/things/{id}", false),
        ),
    ])
    .unwrap_or_else(|errors| panic!("{errors:#?}"));
    let common = generated(&plan, "common.rs");
    for item in [
        "pub struct Address ",
        "pub struct ReceivedAddress ",
        "pub enum Country ",
    ] {
        assert!(common.contains(item), "{item} in common.rs:\n{common}");
    }
    // Each endpoint uses the shared types (the response the received one) and defines none.
    for (file, uses) in [
        (
            "create.rs",
            &["super::common::Address", "super::common::ReceivedAddress"][..],
        ),
        ("update.rs", &["super::common::Address"][..]),
    ] {
        let source = generated(&plan, file);
        for path in uses {
            assert!(source.contains(path), "{path} in {file}:\n{source}");
        }
        assert!(!source.contains("pub struct Address"), "{file}:\n{source}");
        assert!(!source.contains("pub enum Country"), "{file}:\n{source}");
    }
    assert!(generated(&plan, "mod.rs").contains("pub mod common;"));
    // The registry lists endpoints only.
    let ids: Vec<&str> = plan.entries.iter().map(|(_, e)| e.id.as_str()).collect();
    assert_eq!(
        ids,
        ["acme/create", "acme/create/response-200", "acme/update"]
    );
    // The validators of each endpoint enforce the shared rules: the length is in both.
    for file in ["create.rs", "update.rs"] {
        assert!(generated(&plan, file).contains("40"), "{file}");
    }
}

#[test]
fn shared_definitions_that_go_wrong_are_one_line_in_the_file_at_fault() {
    let mut bad_length = shared_address();
    bad_length["$defs"]["Address"]["properties"]["street"]["maxLength"] = serde_json::json!(-1);
    let mut bad_name = shared_address();
    bad_name["$defs"]["street-address"] = serde_json::json!({"type": "string"});
    let with_cycle = |name: &str, other: &str| {
        serde_json::json!({"$defs": {name: {"type": "object", "properties": {
            "next": {"$ref": format!("{other}.json#/$defs/{}", other.to_uppercase())}
        }}}})
    };
    let cases: Vec<(Vec<(&str, serde_json::Value)>, &str)> = vec![
        (
            vec![("common.json", bad_length), ("create.json", endpoint_using("Create", "/t", false))],
            "schemas/acme/common.json: /$defs/Address/properties/street/maxLength:",
        ),
        (
            vec![("common.json", bad_name), ("create.json", endpoint_using("Create", "/t", false))],
            "schemas/acme/common.json: /$defs/street-address: `street-address`: a shared definition is named as its Rust type is",
        ),
        (
            vec![
                ("a.json", with_cycle("A", "b")),
                ("b.json", with_cycle("B", "a")),
            ],
            "schemas/acme/a.json: /$defs/A/properties/next/$ref: `$ref`s between files go round in a cycle: a.json → b.json → a.json",
        ),
        (
            vec![("create.json", endpoint_using("Create", "/t", false))],
            "schemas/acme/create.json: /properties/home/$ref: `$ref` `common.json#/$defs/Address` refers to `file:///schemas/acme/common.json`, which is neither in this file nor a file beside it",
        ),
    ];
    for (files, expected) in cases {
        let errors = plan_of_files(&files).expect_err("refused");
        assert!(
            errors.iter().any(|e| e.starts_with(expected)),
            "{expected}\nin {errors:#?}"
        );
    }
}
