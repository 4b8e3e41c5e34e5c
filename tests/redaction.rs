//! Personal data never leaks: no validation error (text, message or `Debug`) contains the value
//! of a field the schemas mark `x-sensitive`, and no typed value's `Debug` does either — while
//! serialization still sends the real value.

mod support;

use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::Value;
use std::collections::BTreeSet;
use support::mutations::{mutate, mutation, pointers};
use support::{
    fixtures, fuzz_corpus, request_ids, requests_with_examples, schema_of, typed_round_trip,
    valid_request,
};

/// Names of properties whose schema (or `$ref` target) is marked `x-sensitive`, or that the
/// generator finds to be personal data by their name, in one schema file.
fn sensitive_names(document: &Value) -> BTreeSet<String> {
    fn is_sensitive(schema: &Value, document: &Value) -> bool {
        if schema.get("x-sensitive").is_some_and(Value::is_string) {
            return true;
        }
        let target = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| document.pointer(r.trim_start_matches('#')));
        target.is_some_and(|t| t.get("x-sensitive").is_some_and(Value::is_string))
    }
    fn walk(node: &Value, document: &Value, out: &mut BTreeSet<String>) {
        match node {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    for (name, schema) in properties {
                        if is_sensitive(schema, document) {
                            out.insert(name.clone());
                        }
                    }
                }
                map.values().for_each(|v| walk(v, document, out));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, document, out)),
            _ => {}
        }
    }
    let mut names = BTreeSet::new();
    walk(document, document, &mut names);
    let inferred = codegen::inferred_personal_data("schema.json", document).unwrap();
    names.extend(inferred.iter().filter_map(|(pointer, _)| {
        pointer
            .rsplit('/')
            .next()
            .map(|n| n.replace("~1", "/").replace("~0", "~"))
    }));
    names
}

/// String values under sensitive keys that appear nowhere else in the document (a value that is
/// also a non-sensitive field's value may legitimately be printed for that field).
fn sensitive_values(document: &Value, names: &BTreeSet<String>) -> Vec<String> {
    fn collect(
        node: &Value,
        inside: bool,
        names: &BTreeSet<String>,
        secret: &mut Vec<String>,
        public: &mut Vec<String>,
    ) {
        match node {
            Value::Object(map) => {
                for (key, value) in map {
                    collect(value, inside || names.contains(key), names, secret, public);
                }
            }
            Value::Array(items) => items
                .iter()
                .for_each(|v| collect(v, inside, names, secret, public)),
            Value::String(s) if inside => secret.push(s.clone()),
            Value::Number(n) if inside => secret.push(n.to_string()),
            Value::String(s) => public.push(s.clone()),
            _ => {}
        }
    }
    let (mut secret, mut public) = (Vec::new(), Vec::new());
    collect(document, false, names, &mut secret, &mut public);
    secret.retain(|s| s.chars().count() >= 3 && !public.iter().any(|p| p.contains(s.as_str())));
    secret
}

fn assert_no_leak(id: &str, document: &Value, names: &BTreeSet<String>, context: &str) {
    let secrets = sensitive_values(document, names);
    if secrets.is_empty() {
        return;
    }
    let bytes = serde_json::to_vec(document).unwrap();
    let mut texts = Vec::new();
    if let Err(errors) = support::generated_verdict(id, document) {
        texts.push(errors.to_string());
        texts.push(format!("{errors:?}"));
        texts.extend(errors.iter().map(|e| e.message()));
    }
    if let Err(rejection) = generated::runtime::from_slice::<
        generated::connectfi::customer_init::CustomerInitRequest,
    >(&bytes)
    {
        texts.push(rejection.to_string());
        texts.push(format!("{rejection:?}"));
    }
    for text in &texts {
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "{context}: sensitive value {secret:?} appears in:\n{text}"
            );
        }
    }
}

#[test]
fn validation_errors_never_contain_a_sensitive_value() {
    let mut checked = 0;
    for fixture in fixtures() {
        let (schema, _) = schema_of(&fixture.schema_id);
        let names = sensitive_names(&schema);
        let mut all = Vec::new();
        pointers(&fixture.value, "", &mut all);
        let config = Config {
            cases: 200,
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner =
            TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
        runner
            .run(&(0..all.len(), mutation()), |(index, change)| {
                if let Some(mutated) = mutate(&fixture.value, &all[index], &change) {
                    assert_no_leak(&fixture.schema_id, &mutated, &names, &fixture.name);
                }
                Ok(())
            })
            .unwrap();
        checked += 1;
    }
    for (id, name, bytes) in fuzz_corpus() {
        if let Ok(document) = serde_json::from_slice::<Value>(&bytes) {
            let (schema, _) = schema_of(&id);
            assert_no_leak(&id, &document, &sensitive_names(&schema), &name);
        }
    }
    assert!(checked >= 19);
}

#[test]
fn a_wrong_sensitive_value_is_reported_without_its_value() {
    let mut document = valid_request("connectfi/customer-init");
    document["customer"]["identificationDocuments"][0]["value"] = "66698969".into();
    let errors = support::generated_verdict("connectfi/customer-init", &document).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        !errors.to_string().contains("66698969") && !format!("{errors:?}").contains("66698969")
    );
}

/// Keys that hold a person's data in the providers' documents, listed here independently of the
/// schemas' `x-sensitive` marks: names, birth dates, contact details, addresses, postal codes,
/// document, tax and account numbers.
const PERSONAL_KEYS: &[&str] = &[
    "firstName",
    "lastName",
    "middleName",
    "nameOnCard",
    "first_name",
    "last_name",
    "first_name_english",
    "last_name_english",
    "dateOfBirth",
    "birth_date",
    "email",
    "contact_email",
    "primaryEmail",
    "phoneNumber",
    "phone",
    "contact_phone",
    "primaryPhone",
    "number",
    "addressLine1",
    "addressLine2",
    "city",
    "cityName",
    "streetLine1",
    "streetLine2",
    "streetLine3",
    "streetLine4",
    "streetLine5",
    "apartmentNumber",
    "registration_address_line1",
    "residential_address_line1",
    "registration_address_city",
    "residential_address_city",
    "postalCode",
    "zipCode",
    "registration_address_postcode",
    "residential_address_postcode",
    "value",
    "id_number",
    "identificationCode",
    "business_identifier_number",
    "taxId",
    "taxNumber",
    "businessFederalEin",
    "accountNumber",
];

#[test]
fn debug_of_every_typed_doc_example_shows_no_personal_data() {
    let personal: BTreeSet<String> = PERSONAL_KEYS.iter().map(|k| k.to_string()).collect();
    let mut checked = 0;
    for fixture in fixtures() {
        let secrets = sensitive_values(&fixture.value, &personal);
        let bytes = serde_json::to_vec(&fixture.value).unwrap();
        let Ok(debug) = typed_round_trip(&fixture.schema_id, &bytes).debug else {
            continue; // a listed contradiction of the docs: no typed value to print
        };
        for secret in &secrets {
            assert!(
                !debug.contains(secret.as_str()),
                "{}: personal value {secret:?} appears in Debug:\n{debug}",
                fixture.name
            );
        }
        checked += usize::from(!secrets.is_empty());
    }
    assert!(checked >= 11, "only {checked} examples held personal data");
}

#[test]
fn typed_values_redact_sensitive_fields_in_debug_but_serialize_them() {
    for (id, example) in requests_with_examples() {
        let (schema, _) = schema_of(id);
        let names = sensitive_names(&schema);
        let secrets = sensitive_values(&example, &names);
        let bytes = serde_json::to_vec(&example).unwrap();
        let typed = typed_round_trip(id, &bytes).ours;
        let serialized = typed.expect("valid example").to_string();
        for secret in &secrets {
            assert!(
                serialized.contains(secret.as_str()),
                "{id}: serialization lost {secret}"
            );
        }
    }
    use generated::connectfi::customer_init::CustomerInitRequest;
    let bytes = serde_json::to_vec(&valid_request("connectfi/customer-init")).unwrap();
    let request: CustomerInitRequest = generated::runtime::from_slice(&bytes).unwrap();
    let debug = format!("{request:?}");
    assert!(
        !debug.contains("666989698") && !debug.contains("PA99999999"),
        "{debug}"
    );
    assert!(debug.contains(generated::runtime::REDACTED));
    let business: CustomerInitRequest = generated::runtime::from_value(
        fixtures()
            .into_iter()
            .find(|f| f.name.ends_with("request--example-business.json"))
            .unwrap()
            .value,
    )
    .unwrap();
    assert!(
        !format!("{business:?}").contains("123456789"),
        "the FEIN is redacted"
    );
}

/// Keys the schema does not name are the document's data: a free-form `metadata` key, an
/// undocumented property, a duplicate key. No error, warning or rejection prints them; the exact
/// pointer is there for the caller who asks.
#[test]
fn keys_the_schema_does_not_name_are_never_printed() {
    use generated::rocketkor::create_business_customer::CreateBusinessCustomerRequest;
    use generated::runtime::{self, ErrorKind, Rejection};
    const KEY: &str = "SSN 078-05-1120";
    let mut document = support::valid_request("rocketkor/create-business-customer");
    document["metadata"] = serde_json::json!({ KEY: "x".repeat(2000) });
    document["favourite SSN 078-05-1120"] = "x".into();
    let errors = runtime::validate_value::<CreateBusinessCustomerRequest>(&document).unwrap_err();
    let error = errors
        .iter()
        .find(|e| e.keyword == "maxLength")
        .expect("the metadata value is too long");
    assert_eq!(error.instance_path, "/metadata/*");
    assert_eq!(error.exact_instance_path(), format!("/metadata/{KEY}"));
    let warnings = runtime::undocumented_properties::<CreateBusinessCustomerRequest>(&document);
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].exact_instance_path(),
        "/favourite SSN 078-05-1120"
    );
    for printed in [
        errors.to_string(),
        format!("{errors:?}"),
        serde_json::to_string(&errors).unwrap(),
        format!("{warnings:?}"),
        serde_json::to_string(&warnings).unwrap(),
        warnings[0].to_string(),
    ] {
        assert!(!printed.contains("078-05-1120"), "{printed}");
    }

    // A forbidden property's name is held as a `UserKey`, printed as `*`.
    let kind = ErrorKind::AdditionalProperty {
        property: serde_json::from_value::<String>(KEY.into())
            .map(runtime::UserKey::from)
            .unwrap(),
    };
    assert_eq!(kind.to_string(), "property `*` is not allowed");
    assert!(!format!("{kind:?}").contains("078"));

    // A duplicate key: its position, not the key.
    let text = format!(r#"{{"{KEY}": 1, "{KEY}": 2}}"#);
    match runtime::from_slice::<CreateBusinessCustomerRequest>(text.as_bytes()) {
        Err(Rejection::NotJson(reason)) => {
            assert!(reason.starts_with("duplicate key at line 1"), "{reason}");
            assert!(!reason.contains("078"), "{reason}");
        }
        other => panic!("expected a duplicate-key rejection, got {other:?}"),
    }
}

/// The inference alone, on the five provider schemas with their hand marks removed, marks every
/// property the hand marks mark, with the same category. (A mark inside `if`/`then`/`else` or
/// `not` has no type of its own: the field's type comes from `properties`, checked here too.)
#[test]
fn inference_finds_every_hand_mark_of_the_provider_schemas() {
    fn strip(value: &mut Value, at: &str, marks: &mut Vec<(String, String)>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(category)) = map.get("x-sensitive") {
                    let typed = !["/then/", "/else/", "/if/", "/not/"]
                        .iter()
                        .any(|k| at.contains(k));
                    if typed && at.rsplit('/').nth(1) == Some("properties") {
                        marks.push((at.to_owned(), category.clone()));
                    }
                }
                map.shift_remove("x-sensitive");
                for (key, child) in map.iter_mut() {
                    let key = key.replace('~', "~0").replace('/', "~1");
                    strip(child, &format!("{at}/{key}"), marks);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    strip(item, &format!("{at}/{i}"), marks);
                }
            }
            _ => {}
        }
    }
    let mut checked = 0;
    for id in request_ids() {
        let (mut document, _) = schema_of(id);
        let mut marks = Vec::new();
        strip(&mut document, "", &mut marks);
        let inferred = codegen::inferred_personal_data(id, &document).unwrap();
        for (pointer, category) in &marks {
            let found = inferred.iter().find(|(p, _)| p == pointer);
            assert_eq!(
                found.map(|(_, c)| *c),
                Some(category.as_str()),
                "{id}: {pointer} is marked `{category}` by hand"
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked} hand marks");
}

/// An imported schema carries no hand marks: its personal data is still redacted, because the
/// generator finds it by name (moov-io's `createCustomer`, imported from its OpenAPI document).
#[test]
fn an_imported_schema_without_marks_never_shows_personal_data() {
    use generated::moov::create_customer::CreateCustomer;
    let (schema, _) = schema_of("moov/create-customer");
    assert!(!serde_json::to_string(&schema)
        .unwrap()
        .contains("x-sensitive"));
    let request = serde_json::json!({
        "firstName": "Robert", "middleName": "Flexible", "lastName": "Smithson",
        "nickName": "Bobby", "type": "individual", "birthDate": "1990-01-31",
        "email": "robert.smithson@example.com", "SSN": "078-05-1120",
        "phones": [{"number": "+1.818.555.1212", "type": "Mobile"}],
        "addresses": [{"type": "Primary", "address1": "742 Evergreen Terrace", "city": "Springfield",
                       "state": "CO", "postalCode": "80301", "country": "US"}]
    });
    let secrets = [
        "Robert",
        "Flexible",
        "Smithson",
        "Bobby",
        "1990-01-31",
        "robert.smithson",
        "078-05-1120",
        "555-1212",
        "Evergreen",
        "Springfield",
        "80301",
    ];
    let bytes = serde_json::to_vec(&request).unwrap();
    let value = generated::runtime::from_slice::<CreateCustomer>(&bytes).expect("valid");
    let debug = format!("{value:?}");
    for secret in secrets {
        assert!(!debug.contains(secret), "Debug shows {secret}: {debug}");
    }
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        request,
        "sent as it is"
    );
    let mut broken = request.clone();
    broken["type"] = "robot".into();
    broken.as_object_mut().unwrap().remove("lastName");
    let errors =
        generated::runtime::from_slice::<CreateCustomer>(&serde_json::to_vec(&broken).unwrap())
            .unwrap_err()
            .to_string();
    for secret in secrets {
        assert!(!errors.contains(secret), "errors show {secret}: {errors}");
    }
    assert_no_leak(
        "moov/create-customer",
        &request,
        &sensitive_names(&schema),
        "imported",
    );
}
