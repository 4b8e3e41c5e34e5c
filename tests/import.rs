//! OpenAPI import: a real public spec (moov-io/customers, Apache-2.0, two versions) and specs of
//! our own covering every mapping (3.0 JSON, 3.1 YAML) become endpoint schemas that regenerate;
//! what a mapping loses is a note; bad and hostile specs get one clear line; the review loop
//! (re-import with `--out`, then `diff`) never writes over a good schema.

mod support;

use codegen::import::{import_operation, read_spec, Imported};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use support::xtask;

fn spec_path(name: &str) -> PathBuf {
    support::workspace_root().join("tests/specs").join(name)
}

fn spec(name: &str) -> Value {
    read_spec(&std::fs::read_to_string(spec_path(name)).unwrap()).unwrap()
}

fn imported(name: &str, operation: &str) -> Imported {
    let file = Path::new(name)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    import_operation(&spec(name), &file, operation).unwrap()
}

/// The draft through the generator, as `regenerate` takes a schema.
fn generates(draft: &Value) -> String {
    let file = codegen::SchemaFile {
        display_path: "schemas/imported/endpoint.json".to_owned(),
        provider: "imported".to_owned(),
        endpoint: "endpoint".to_owned(),
        document: draft.clone(),
    };
    match codegen::endpoint_source(file) {
        Ok(source) => source,
        Err(errors) => panic!("does not generate: {errors:#?}"),
    }
}

#[test]
fn a_real_spec_imports_to_a_schema_that_generates() {
    for version in ["client-2020-09-09.yaml", "client-2020-10-02.yaml"] {
        let Imported { draft, notes } =
            imported(&format!("moov-customers/{version}"), "createCustomer");
        assert_eq!(draft["title"], "CreateCustomer");
        assert_eq!(
            draft["x-endpoint"],
            json!({"method": "POST", "path": "/customers", "responses": {"200": "#/$defs/Customer"}})
        );
        assert_eq!(draft["x-source"]["provider"], "Customers API");
        assert!(draft["properties"]["addresses"]["items"]["$ref"]
            .as_str()
            .is_some_and(|r| r.starts_with("#/$defs/")));
        // The shared Error lives at a URL: that response is left out, and said.
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("the `400` response is not imported: its schema `https://")),
            "{notes:#?}"
        );
        // The spec writes `maximum: 64` on strings: kept as written, flagged for the reviewer.
        assert!(notes.iter().any(|n| n.contains(
            "/firstName/maximum` has no effect on a string: the spec may mean `maxLength`"
        )));
        let source = generates(&draft);
        assert!(source.contains("pub struct CreateCustomer"), "{version}");
        assert!(source.contains("pub struct Customer "), "{version}");
    }
}

#[test]
fn openapi_3_0_keywords_map_to_the_vocabulary_with_a_note_for_each_loss() {
    let Imported { draft, notes } = imported("acme-baas-3.0.json", "createIndividualCustomer");
    let property = |name: &str| &draft["properties"][name];
    assert_eq!(draft["title"], "CreateIndividualCustomer");
    assert_eq!(property("firstName")["examples"], json!(["Jane"]));
    assert_eq!(property("email")["nullable"], true);
    assert_eq!(
        property("monthlyIncome"),
        &json!({"type": "number", "exclusiveMinimum": 0})
    );
    assert_eq!(
        property("taxId"),
        &json!({"type": "string", "pattern": "^[0-9]{9}$"})
    );
    assert_eq!(
        property("phone"),
        &json!({"$ref": "#/$defs/Phone", "description": "Main phone"})
    );
    assert_eq!(
        property("employment")["x-discriminator"],
        json!({"propertyName": "status"})
    );
    assert_eq!(draft["x-annotation-formats"], json!(["decimal"]));
    assert_eq!(
        draft["x-endpoint"],
        json!({"method": "POST", "path": "/v1/customers/individual",
               "queryParameters": {"dryRun": {"type": "boolean", "description": "Validate only"}},
               "responses": {"201": "#/$defs/Customer", "400": "#/$defs/Response400"}})
    );
    let defs: Vec<&String> = draft["$defs"].as_object().unwrap().keys().collect();
    assert_eq!(
        defs,
        [
            "Address",
            "Customer",
            "Employed",
            "Phone",
            "Response400",
            "Unemployed"
        ],
        "components the operation reaches, the root's own not repeated, the unused left out"
    );
    let expected = [
        "`/components/schemas/CreateIndividualCustomer/properties/taxId/xml`: `xml` is not in the vocabulary: dropped",
        "format `decimal` (first at `/components/schemas/CreateIndividualCustomer/properties/balanceLimit/format`) is not one the generator asserts: declared in `x-annotation-formats`, an annotation",
        "`/components/schemas/CreateIndividualCustomer/properties/phone/example`: OpenAPI 3.0 ignores a `$ref`'s siblings: dropped",
        "`/components/schemas/CreateIndividualCustomer/properties/employment/discriminator` is kept as `x-discriminator`, an annotation: a `oneOf` reports only the selected branch when its branches require one property with distinct `const` values",
        "`/components/schemas/CreateIndividualCustomer/externalDocs`: `externalDocs` is not in the vocabulary: dropped",
        "the `default` response is not imported: `x-endpoint.responses` names three-digit statuses",
        "the header parameter `Idempotency-Key` is not imported: `x-endpoint` lists path and query parameters",
    ];
    assert_eq!(notes, expected);
    assert_eq!(draft["x-capture-notes"], json!(expected));
    generates(&draft);
}

#[test]
fn openapi_3_1_in_yaml_imports_the_same_way() {
    let Imported { draft, notes } = imported("acme-baas-3.1.yaml", "POST /v1/customers/individual");
    assert_eq!(draft["title"], "CreateIndividualCustomerRequest");
    assert_eq!(
        notes,
        ["the request body has no component name: its type is named `CreateIndividualCustomerRequest` after the operation"]
    );
    assert_eq!(
        draft["properties"]["email"]["type"],
        json!(["string", "null"])
    );
    assert_eq!(draft["properties"]["monthlyIncome"]["exclusiveMinimum"], 0);
    // 3.1 keeps a `$ref`'s siblings.
    assert_eq!(draft["properties"]["phone"]["description"], "Main phone");
    assert_eq!(
        draft["x-endpoint"]["responses"],
        json!({"201": "#/$defs/Customer"})
    );
    generates(&draft);
}

#[test]
fn a_required_read_only_property_of_the_request_is_noted() {
    let mut document = spec("acme-baas-3.0.json");
    document["components"]["schemas"]["Address"]["properties"]["id"] =
        json!({"type": "string", "readOnly": true});
    document["components"]["schemas"]["Address"]["required"] = json!(["line1", "country", "id"]);
    let notes = import_operation(&document, "acme.json", "createIndividualCustomer")
        .unwrap()
        .notes;
    assert!(notes.contains(&"`/$defs/Address/properties/id` is required and readOnly: OpenAPI requires it in responses only, but the request uses this schema, which requires it always; decide in the overlay".to_owned()), "{notes:#?}");
    // The response-only `Customer.id` is readOnly and required too: no note for it.
    assert!(!notes.iter().any(|n| n.contains("Customer/properties/id")));
}

#[test]
fn what_cannot_be_imported_is_one_line_naming_the_place() {
    let acme = spec("acme-baas-3.0.json");
    let fails = |document: &Value, operation: &str| {
        import_operation(document, "spec.json", operation).unwrap_err()
    };
    assert_eq!(
        fails(&acme, "createIndividualCustomr"),
        "no operation `createIndividualCustomr` (an operationId, or `METHOD /path`) in the document; did you mean `createIndividualCustomer`?"
    );
    assert_eq!(
        fails(&acme, "getCustomer"),
        "/paths/~1v1~1customers~1{customerId}/get/requestBody: the operation has no request body; an endpoint schema's root is the request body"
    );
    let mut external = acme.clone();
    external["components"]["schemas"]["Address"]["properties"]["country"] =
        json!({"$ref": "common.yaml#/components/schemas/Country"});
    assert_eq!(
        fails(&external, "createIndividualCustomer"),
        "/components/schemas/Address/properties/country/$ref: `$ref` `common.yaml#/components/schemas/Country` leaves the document: import reads one document and never fetches"
    );
    let mut elsewhere = acme.clone();
    elsewhere["components"]["schemas"]["Phone"]["properties"]["type"] =
        json!({"$ref": "#/paths/~1v1~1customers~1individual"});
    assert!(fails(&elsewhere, "createIndividualCustomer")
        .ends_with("a schema may refer to `#/components/schemas/<name>` only"));
    let mut missing = acme.clone();
    missing["components"]["schemas"]
        .as_object_mut()
        .unwrap()
        .shift_remove("Phone");
    assert_eq!(
        fails(&missing, "createIndividualCustomer"),
        "/components/schemas/Phone: the component a `$ref` names does not exist"
    );
    let mut form = acme.clone();
    form["components"]["requestBodies"]["CreateIndividual"]["content"] =
        json!({"application/x-www-form-urlencoded": {"schema": {"type": "object"}}});
    assert!(fails(&form, "createIndividualCustomer")
        .ends_with("the request body has no JSON media type"));
    assert!(fails(&json!({"swagger": "2.0"}), "x").starts_with("a Swagger 2.0 document"));
    assert!(fails(&json!({"openapi": "4.0.0"}), "x").contains("import reads OpenAPI 3.0 and 3.1"));
    assert!(fails(&json!({"info": {}}), "x").starts_with("not an OpenAPI document"));
}

#[test]
fn a_cut_or_hostile_spec_text_is_refused_with_its_position() {
    let yaml = std::fs::read_to_string(spec_path("acme-baas-3.1.yaml")).unwrap();
    let cut = &yaml[..yaml.len() / 2];
    // Half a YAML document may still parse: then the operation or its components are missing.
    match read_spec(cut) {
        Err(reason) => assert!(reason.starts_with("not YAML"), "{reason}"),
        Ok(document) => {
            assert!(import_operation(&document, "cut.yaml", "createIndividualCustomer").is_err())
        }
    }
    let json_text = std::fs::read_to_string(spec_path("acme-baas-3.0.json")).unwrap();
    let reason = read_spec(&json_text[..json_text.len() / 2]).unwrap_err();
    assert!(
        reason.starts_with("not JSON: unexpected end of input at line"),
        "{reason}"
    );
    let mut laughs = String::from("openapi: 3.0.3\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..10 {
        let items = vec![format!("*a{}", level - 1); 10].join(", ");
        laughs.push_str(&format!("a{level}: &a{level} [{items}]\n"));
    }
    assert!(read_spec(&laughs)
        .unwrap_err()
        .contains("expands to more than"));
    let deep = format!(
        "{{\"openapi\": \"3.0.0\", \"x\": {}1{}}}",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    assert!(read_spec(&deep).is_err());
}

#[test]
fn thousands_of_operations_import_one_in_bounded_time() {
    let mut document = spec("acme-baas-3.0.json");
    let template = document["paths"]["/v1/customers/individual"].clone();
    let paths = document["paths"].as_object_mut().unwrap();
    for i in 0..12_500 {
        let mut item = template.clone();
        item["post"]["operationId"] = json!(format!("operation{i}"));
        paths.insert(format!("/v1/generated/{i}"), item);
    }
    let text = serde_json::to_string(&document).unwrap();
    assert!(text.len() > 10_000_000, "{} bytes", text.len());
    let started = std::time::Instant::now();
    let parsed = read_spec(&text).unwrap();
    let Imported { draft, .. } = import_operation(&parsed, "big.json", "operation12499").unwrap();
    assert_eq!(draft["x-endpoint"]["path"], "/v1/generated/12499");
    // Not a timing test (the figure is in the README); a guard against a quadratic walk.
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

/// The review loop on two versions of the real spec: import the older one, re-import the newer
/// one over it, diff them; a cut spec and another operation never replace the schema.
#[test]
fn the_review_loop_reimports_a_newer_spec_and_diffs_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("moov/create-customer.json");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let out_arg = out.to_str().unwrap();
    let old = spec_path("moov-customers/client-2020-09-09.yaml");
    let new = spec_path("moov-customers/client-2020-10-02.yaml");
    let (code, stdout, stderr) = xtask(&[
        "import",
        old.to_str().unwrap(),
        "--operation",
        "createCustomer",
        "--out",
        out_arg,
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let first = std::fs::read_to_string(&out).unwrap();
    let kept = dir.path().join("old.json");
    std::fs::copy(&out, &kept).unwrap();
    // The overlay beside the schema is applied as for a captured page.
    std::fs::write(
        dir.path().join("moov/create-customer.overlay.json"),
        r#"{"merge": {"properties": {"SSN": {"x-sensitive": "tax-id"}}}}"#,
    )
    .unwrap();

    let (code, stdout, stderr) = xtask(&[
        "import",
        new.to_str().unwrap(),
        "--operation",
        "createCustomer",
        "--out",
        out_arg,
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let second: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(second["properties"]["SSN"]["x-sensitive"], "tax-id");
    // Between the two versions moov-io made `type` required, dropped `nullable` and the
    // date-time format of `birthDate`, and stopped requiring `birthDate`, `addresses` and `SSN`.
    let (code, stdout, _) = xtask(&["diff", kept.to_str().unwrap(), out_arg]);
    assert_eq!(code, 1, "a request valid before is refused now: {stdout}");
    for change in [
        "breaking   breaks code request       /required  `type` became required",
        "breaking   breaks code request       /properties/birthDate/nullable  nullable true -> (none)",
        "relaxing   breaks code request       /required  `SSN` is no longer required",
        "relaxing   none        request       /required  `addresses` is no longer required",
        "relaxing   breaks code response:200  /$defs/Customer/required  `birthDate` is no longer required",
    ] {
        assert!(stdout.contains(change), "{change} in:\n{stdout}");
    }
    assert!(
        !stdout.contains("x-capture-notes"),
        "notes are not changes: {stdout}"
    );

    // Another operation, or a spec that lost most of the body, is refused and writes nothing.
    let before = std::fs::read_to_string(&out).unwrap();
    let (code, stdout, stderr) = xtask(&[
        "import",
        new.to_str().unwrap(),
        "--operation",
        "addCustomerAddress",
        "--out",
        out_arg,
    ]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("the schema documents `POST /customers` and the spec's operation is `POST /customers/{customerID}/address`"), "{stderr}");
    let mut cut = read_spec(&std::fs::read_to_string(&new).unwrap()).unwrap();
    let body = cut
        .pointer_mut("/components/schemas/CreateCustomer/properties")
        .unwrap();
    body.as_object_mut()
        .unwrap()
        .retain(|name, _| name == "firstName" || name == "lastName");
    let cut_path = dir.path().join("cut.json");
    std::fs::write(&cut_path, serde_json::to_string(&cut).unwrap()).unwrap();
    let (code, _, stderr) = xtask(&[
        "import",
        cut_path.to_str().unwrap(),
        "--operation",
        "createCustomer",
        "--out",
        out_arg,
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("known fields are missing"), "{stderr}");
    assert!(stderr.contains("--accept-removals"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        before,
        "nothing written"
    );
    assert_ne!(first, before);
    let (code, _, stderr) = xtask(&["import", "missing.yaml", "--operation", "x"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("import: cannot read missing.yaml"),
        "{stderr}"
    );
}

/// `--shared`: the components of two operations go to one definitions file beside them, each
/// endpoint refers to it, the generator makes each shared definition one type, and the review
/// loop (re-import, diff) reads the definitions as part of each endpoint.
#[test]
fn imported_endpoints_share_their_components_in_one_definitions_file() {
    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("schemas/moov");
    std::fs::create_dir_all(&folder).unwrap();
    let shared = folder.join("common.json");
    let old = spec_path("moov-customers/client-2020-09-09.yaml");
    let new = spec_path("moov-customers/client-2020-10-02.yaml");
    let import = |spec: &Path, operation: &str, endpoint: &str| {
        let out = folder.join(format!("{endpoint}.json"));
        xtask(&[
            "import",
            spec.to_str().unwrap(),
            "--operation",
            operation,
            "--out",
            out.to_str().unwrap(),
            "--shared",
            shared.to_str().unwrap(),
        ])
    };
    for (operation, endpoint) in [
        ("createCustomer", "create-customer"),
        ("addCustomerAddress", "add-customer-address"),
    ] {
        let (code, stdout, stderr) = import(&old, operation, endpoint);
        assert_eq!(code, 0, "{stdout}{stderr}");
    }
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(folder.join(name)).unwrap()).unwrap()
    };
    let create = read("create-customer.json");
    assert_eq!(
        create["properties"]["phones"]["items"]["$ref"],
        "common.json#/$defs/CreatePhone"
    );
    // The response body stays with its endpoint, its parts shared.
    assert!(create["$defs"]["Customer"].is_object());
    assert!(create["$defs"].get("CreatePhone").is_none());
    assert!(read("common.json")["$defs"]["CreatePhone"].is_object());

    std::fs::create_dir_all(root.path().join("generated")).unwrap();
    std::fs::write(
        root.path().join("generated/Cargo.toml"),
        "[package]\nname = \"generated\"\n",
    )
    .unwrap();
    let plan = codegen::plan(root.path()).unwrap_or_else(|e| panic!("{e:#?}"));
    let source = |file: &str| {
        let path = Path::new("generated/src/providers/moov").join(file);
        plan.files
            .iter()
            .find(|f| f.path == path)
            .unwrap()
            .contents
            .clone()
    };
    assert!(source("common.rs").contains("pub struct CreatePhone "));
    assert!(source("common.rs").contains("pub struct ReceivedPhone "));
    assert!(source("create_customer.rs").contains("super::common::CreatePhone"));
    // Both responses hold the one received phone type.
    for endpoint in ["create_customer.rs", "add_customer_address.rs"] {
        assert!(
            source(endpoint).contains("super::common::ReceivedPhone"),
            "{endpoint}"
        );
        assert!(
            !source(endpoint).contains("pub struct Phone "),
            "{endpoint}"
        );
    }

    // Keep this version beside its definitions, re-import the newer spec, and diff.
    let kept = root.path().join("kept/moov");
    std::fs::create_dir_all(&kept).unwrap();
    for name in ["create-customer.json", "common.json"] {
        std::fs::copy(folder.join(name), kept.join(name)).unwrap();
    }
    let (code, stdout, stderr) = import(&new, "createCustomer", "create-customer");
    assert_eq!(code, 0, "{stdout}{stderr}");
    let kept_create = kept.join("create-customer.json");
    let new_create = folder.join("create-customer.json");
    let (code, stdout, _) = xtask(&[
        "diff",
        kept_create.to_str().unwrap(),
        new_create.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("breaking   breaks code request       /required  `type` became required"),
        "{stdout}"
    );
    // The same endpoint with its definitions inline, as imported without --shared, is no change.
    let inline = root.path().join("inline/moov/create-customer.json");
    std::fs::create_dir_all(inline.parent().unwrap()).unwrap();
    let (code, stdout, stderr) = xtask(&[
        "import",
        old.to_str().unwrap(),
        "--operation",
        "createCustomer",
        "--out",
        inline.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let (code, stdout, _) = xtask(&[
        "diff",
        inline.to_str().unwrap(),
        kept_create.to_str().unwrap(),
    ]);
    assert_eq!((code, stdout.trim()), (0, "no rule changed"));

    // A definitions file elsewhere, or without --out, is refused before anything is read.
    let elsewhere = root.path().join("common.json");
    let (code, _, stderr) = xtask(&[
        "import",
        new.to_str().unwrap(),
        "--operation",
        "createCustomer",
        "--out",
        new_create.to_str().unwrap(),
        "--shared",
        elsewhere.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("the definitions file is a .json file beside the schema"),
        "{stderr}"
    );
    let (code, _, stderr) = xtask(&[
        "import",
        new.to_str().unwrap(),
        "--operation",
        "createCustomer",
        "--shared",
        shared.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--shared needs --out"), "{stderr}");
}
