//! Every example on the documentation pages, checked against its schema by the independent
//! `jsonschema` crate and by the generated validators.

mod support;

use serde_json::Value;
use support::{fixtures, generated_verdict, known_contradictions, reference_validator};

#[test]
fn every_doc_example_validates_or_is_a_known_contradiction() {
    let contradictions = known_contradictions();
    let all = fixtures();
    assert!(all.len() >= 19, "fixtures went missing: {}", all.len());
    for (listed, _) in &contradictions {
        assert!(
            all.iter().any(|f| &f.name == listed),
            "known-contradictions.txt names a missing fixture {listed}"
        );
    }
    for fixture in all {
        let reference = reference_validator(&fixture.schema_id);
        let reference_errors: Vec<String> = reference
            .iter_errors(&fixture.value)
            .map(|e| format!("{} {e}", e.instance_path()))
            .collect();
        let expected_invalid = contradictions.iter().any(|(name, _)| name == &fixture.name);
        if expected_invalid {
            assert!(
                !reference_errors.is_empty(),
                "{} is listed as a contradiction but is valid",
                fixture.name
            );
        } else {
            assert!(
                reference_errors.is_empty(),
                "{} is rejected by the reference:\n{}",
                fixture.name,
                reference_errors.join("\n")
            );
        }
        let ours = generated_verdict(&fixture.schema_id, &fixture.value);
        assert_eq!(
            ours.is_ok(),
            reference_errors.is_empty(),
            "{}: generated validator disagrees: {ours:?}",
            fixture.name
        );
    }
}

/// Schemas whose pages mark no field as required: no removal can break their examples.
const NOTHING_REQUIRED: &[&str] = &[
    "axisfi/create-customer/response-200",
    "connectfinancial/create-individual-customer/response-201",
    "connectfinancial/create-individual-customer/response-400",
    "connectfinancial/create-individual-customer/response-403",
    "connectfinancial/create-individual-customer/response-404",
];

/// Removes the first property, in document order at any depth, whose removal the reference rejects.
fn remove_one_required(
    value: &Value,
    is_valid: &dyn Fn(&Value) -> bool,
) -> Option<(String, Value)> {
    fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                    out.push(here.clone());
                    pointers(child, here, out);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    pointers(child, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let mut all = Vec::new();
    pointers(value, String::new(), &mut all);
    all.into_iter().find_map(|pointer| {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let mut broken = value.clone();
        broken
            .pointer_mut(parent)?
            .as_object_mut()?
            .remove(&key.replace("~1", "/").replace("~0", "~"));
        (!is_valid(&broken)).then_some((pointer, broken))
    })
}

#[test]
fn each_example_without_a_required_field_is_rejected() {
    let contradictions = known_contradictions();
    for fixture in fixtures() {
        if contradictions.iter().any(|(name, _)| name == &fixture.name) {
            continue;
        }
        let reference = reference_validator(&fixture.schema_id);
        let broken = remove_one_required(&fixture.value, &|v| reference.is_valid(v));
        match broken {
            Some((removed, broken)) => {
                let ours = generated_verdict(&fixture.schema_id, &broken);
                assert!(
                    ours.is_err(),
                    "{}: generated validator accepts the example without {removed}",
                    fixture.name
                );
            }
            None => assert!(
                NOTHING_REQUIRED.contains(&fixture.schema_id.as_str()),
                "{}: removing any single field still validates, but its schema requires fields",
                fixture.name
            ),
        }
    }
}

#[test]
fn every_valid_doc_example_parses_into_its_rust_type_exactly_as_serde_json_does() {
    let contradictions = known_contradictions();
    let registered: Vec<&str> = generated::schemas().iter().map(|e| e.id).collect();
    for id in &registered {
        // Every schema has a Rust type in the helper; an unknown id panics there.
        let _ = support::typed_round_trip(id, b"null");
    }
    for fixture in fixtures() {
        if contradictions.iter().any(|(name, _)| name == &fixture.name) {
            continue;
        }
        let bytes = serde_json::to_vec(&fixture.value).unwrap();
        let support::TypedParse { ours, plain, .. } =
            support::typed_round_trip(&fixture.schema_id, &bytes);
        assert!(ours.is_ok(), "{}: {ours:?}", fixture.name);
        assert_eq!(
            ours, plain,
            "{}: typed value differs from serde_json's",
            fixture.name
        );
    }
}

/// The docs' own examples use only documented properties, so the shapes behind undocumented-
/// property warnings cover every branch; a misspelled field in one is found, by pointer.
#[test]
fn doc_examples_have_no_undocumented_property_and_a_misspelling_is_found() {
    for fixture in fixtures() {
        let entry = generated::schemas()
            .into_iter()
            .find(|e| e.id == fixture.schema_id)
            .unwrap();
        let node = generated::runtime::Node::from_value(&fixture.value);
        assert_eq!(entry.undocumented(&node), [], "{}", fixture.name);
    }
    use generated::connectfi::customer_init::CustomerInitRequest;
    let mut document = support::valid_request("connectfi/customer-init");
    let customer = document["customer"].as_object_mut().unwrap();
    let first_name = customer.shift_remove("firstName").unwrap();
    customer.insert("firstname".to_owned(), first_name);
    let warnings = generated::runtime::undocumented_properties::<CustomerInitRequest>(&document);
    let pointers: Vec<&str> = warnings.iter().map(|w| w.exact_instance_path()).collect();
    assert_eq!(pointers, ["/customer/firstname"]);
    assert_eq!(
        warnings[0].instance_path, "/customer/*",
        "the key is printed as *"
    );
    assert_eq!(warnings[0].keyword, "x-undocumented");
    assert_eq!(
        warnings[0].schema_location,
        "schemas/connectfi/customer-init.json#"
    );
}
