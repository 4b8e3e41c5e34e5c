//! Hostile input gets a clear error, never a panic or a stack overflow.

use generated::connectfi::customer_init::CustomerInitRequest;
use generated::runtime::{from_slice, Rejection};

fn rejection(bytes: &[u8]) -> Rejection {
    match from_slice::<CustomerInitRequest>(bytes) {
        Ok(_) => panic!("hostile input was accepted"),
        Err(rejection) => rejection,
    }
}

fn not_json_reason(bytes: &[u8]) -> String {
    match rejection(bytes) {
        Rejection::NotJson(reason) => reason,
        other => panic!("expected NotJson, got {other}"),
    }
}

#[test]
fn text_that_is_not_json() {
    assert_eq!(
        not_json_reason(b"{\"customerType\": individual}"),
        "syntax error at line 1 column 18"
    );
    assert_eq!(
        not_json_reason(b""),
        "unexpected end of input at line 1 column 0"
    );
}

#[test]
fn a_top_level_value_of_the_wrong_type() {
    for body in [&b"[]"[..], b"null", b"\"customer\"", b"42"] {
        let Rejection::Invalid(errors) = rejection(body) else {
            panic!("expected validation errors")
        };
        assert_eq!(
            errors
                .iter()
                .next()
                .map(|e| (e.instance_path.as_str(), e.keyword)),
            Some(("", "oneOf"))
        );
    }
}

#[test]
fn arrays_nested_100000_deep() {
    let body = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(
        not_json_reason(body.as_bytes()),
        "nesting too deep at line 1 column 128"
    );
}

#[test]
fn validation_stops_at_the_configured_depth() {
    // Parsing already stops at 128 levels; a `Value` built in code is held to `Limits::max_depth`.
    let limits = generated::runtime::Limits {
        max_depth: 2,
        ..Default::default()
    };
    let schemas = generated::schemas();
    let entry = schemas
        .iter()
        .find(|e| e.id == "rocketkor/create-business-customer")
        .unwrap();
    let deep = serde_json::json!({"contacts": [{"primaryPhoneNumber": {"number": "1"}}]});
    let errors = entry.validate_with(&deep, limits).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.keyword == "depth"
                && e.exact_instance_path() == "/contacts/0/primaryPhoneNumber"),
        "{errors}"
    );
    assert!(entry
        .validate(&deep)
        .unwrap_err()
        .iter()
        .all(|e| e.keyword != "depth"));
}

#[test]
fn a_10_mb_string() {
    let name = "A".repeat(10 * 1024 * 1024 - 200);
    let body = format!(
        r#"{{"customerReference":"R1","customerType":"business","customer":{{"businessName":"{name}"}}}}"#
    );
    let Rejection::Invalid(errors) = rejection(body.as_bytes()) else {
        panic!("expected validation errors")
    };
    let name_errors: Vec<&str> = errors
        .iter()
        .filter(|e| e.instance_path == "/customer/businessName")
        .map(|e| e.keyword)
        .collect();
    assert_eq!(name_errors, ["maxLength"]);
    let too_big = " ".repeat(10 * 1024 * 1024 + 1);
    assert!(matches!(
        rejection(too_big.as_bytes()),
        Rejection::TooLarge {
            limit: 10485760,
            ..
        }
    ));
}

#[test]
fn lone_utf16_surrogate_escapes() {
    let reason = not_json_reason(br#"{"customerReference": "\ud800"}"#);
    assert_eq!(reason, "syntax error at line 1 column 30");
}

#[test]
fn duplicate_keys() {
    let reason = not_json_reason(br#"{"customerType": "individual", "customerType": "business"}"#);
    assert_eq!(reason, "duplicate key at line 1 column 45");
}

#[test]
fn arrays_longer_than_the_limit_stop_validation_early() {
    let limits = generated::runtime::Limits {
        max_array_len: 3,
        ..Default::default()
    };
    let schemas = generated::schemas();
    let entry = schemas
        .iter()
        .find(|e| e.id == "rocketkor/create-business-customer")
        .unwrap();
    let contact = serde_json::json!({"firstName": "", "lastName": "L", "primaryPhoneNumber": {}, "primaryEmail": {}});
    let document = serde_json::json!({"type": "BUSINESS", "businessName": "B", "contacts": [contact.clone(), contact.clone(), contact.clone(), contact]});
    let errors = entry.validate_with(&document, limits).unwrap_err();
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.instance_path.as_str(), e.keyword))
        .collect();
    assert_eq!(
        found,
        [("/contacts", "arrayLength")],
        "the items' own errors are not reported"
    );
    assert!(errors
        .to_string()
        .contains("longer than the limit of 3 items"));
    assert!(
        entry.validate(&document).unwrap_err().len() > 4,
        "with the default limit every item is checked"
    );
}

/// Limits turned against the validator: a cap of zero errors still rejects, and the typed value
/// that would break the schema is never produced; serde's messages never quote the value.
#[test]
fn a_zero_error_cap_still_rejects_and_quotes_no_value() {
    use generated::runtime::{from_slice_with, Limits};
    let limits = Limits {
        max_errors: 0,
        ..Limits::default()
    };
    let body = br#"{"customerReference": "R1", "customerType": "business", "customer": {
        "businessName": "A", "businessFederalEin": 123456789,
        "businessAddresses": [], "businessPhones": []}, "businessRepresentatives": []}"#;
    match from_slice_with::<CustomerInitRequest>(body, limits) {
        Err(Rejection::Invalid(errors)) => assert!(errors.is_empty(), "the cap is zero: {errors}"),
        Ok(_) => panic!("a zero error cap accepted an invalid document"),
        Err(other) => panic!("{other}"),
    }
    let unknown_gender =
        br#"{"customerReference": "R1", "customerType": "individual", "customer": {
        "firstName": "A", "lastName": "B", "gender": "078-05-1120", "dateOfBirth": "1971-02-30",
        "email": "a@b.cd", "citizenshipCountryCodeA3": "USA", "addresses": [], "phones": []}}"#;
    let rejection = from_slice_with::<CustomerInitRequest>(unknown_gender, limits).unwrap_err();
    let text = format!("{rejection} {rejection:?}");
    assert!(
        !text.contains("078-05-1120") && !text.contains("1971-02-30"),
        "{text}"
    );
}

/// A `serde_json::Value` built in code, 20,000 levels deep, on a 2 MiB stack: one clear error
/// from every entry point that takes a value, no stack overflow (also when it is dropped).
#[test]
fn a_deep_value_built_in_code_is_refused_without_recursion() {
    let worker = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            use generated::runtime::{
                from_value, is_valid, undocumented_properties, validate_value,
            };
            let mut deep = serde_json::json!(0);
            for _ in 0..20_000 {
                deep = serde_json::Value::Array(vec![deep]);
            }
            let mut document = serde_json::json!({"customerReference": "R1"});
            document["customer"] = deep;
            let errors = validate_value::<CustomerInitRequest>(&document).unwrap_err();
            let error = &errors.0[0];
            assert_eq!((errors.len(), error.keyword), (1, "depth"));
            // The walk does not know which keys the schema names: every key prints as `*`.
            assert_eq!(error.instance_path, format!("/*{}", "/0".repeat(128)));
            assert_eq!(
                error.exact_instance_path(),
                format!("/customer{}", "/0".repeat(128))
            );
            assert!(!is_valid::<CustomerInitRequest>(&document));
            assert!(undocumented_properties::<CustomerInitRequest>(&document).is_empty());
            let entry = generated::schemas()
                .into_iter()
                .find(|e| e.id == "connectfi/customer-init")
                .unwrap();
            assert!(entry.validate(&document).is_err());
            assert!(matches!(
                from_value::<CustomerInitRequest>(document),
                Err(Rejection::Invalid(_))
            ));
        })
        .unwrap();
    worker.join().expect("no stack overflow");
}

/// Our own cases in the suite's format (`tests/schema-cases.json`), through the tree validator
/// in both modes and through the single pass. `unevaluated*` asks each in-place subschema
/// whether the value satisfies it; through a recursive schema, each level would validate every
/// level below again (2^100 checks for 100 levels) unless answers are remembered: those cases
/// finish only if the work stays linear. The others hold the single pass to the ways it reads
/// a value: by a discriminator, kept whole beside members checked on arrival.
#[test]
fn our_own_schema_cases_pass_and_recursion_does_not_double_per_level() {
    use tests::suite::{case_key, run, Outcome, OWN_GROUPS};
    assert!(!OWN_GROUPS.is_empty());
    for group in OWN_GROUPS {
        assert!(
            group.check.is_some(),
            "{}: {:?}",
            group.description,
            group.skipped
        );
        for case in group.cases {
            assert!(
                matches!(run(group, case), Outcome::Passed),
                "{}",
                case_key(group, case)
            );
        }
    }
}

/// The single pass meets every hostile input above as the tree validator does: the same
/// rejection, under the default limits and under limits turned against it.
#[test]
fn the_single_pass_rejects_hostile_input_as_the_tree_does() {
    use generated::rocketkor::create_business_customer::CreateBusinessCustomerRequest as Rocket;
    use generated::runtime::{from_slice_in_one_pass, from_slice_with, is_valid_bytes, Limits};
    let many_keys: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\": {i}")).collect();
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let contact =
        r#"{"firstName": "", "lastName": "L", "primaryPhoneNumber": {}, "primaryEmail": {}}"#;
    let inputs: Vec<Vec<u8>> = vec![
        b"{\"customerType\": individual}".to_vec(),
        b"[]".to_vec(),
        nested.into_bytes(),
        br#"{"customerReference": "\ud800"}"#.to_vec(),
        br#"{"customerType": "individual", "customerType": "business"}"#.to_vec(),
        format!("{{{}, \"k7\": 0}}", many_keys.join(",")).into_bytes(),
        format!(r#"{{"type": "BUSINESS", "businessName": "B", "contacts": [{contact}, {contact}, {contact}, {contact}]}}"#).into_bytes(),
        br#"{"contacts": [{"primaryPhoneNumber": {"number": "1"}}]}"#.to_vec(),
    ];
    let limits = [
        Limits::default(),
        Limits {
            max_depth: 2,
            ..Default::default()
        },
        Limits {
            max_array_len: 3,
            ..Default::default()
        },
        Limits {
            max_errors: 0,
            ..Default::default()
        },
    ];
    for bytes in &inputs {
        assert!(!is_valid_bytes::<CustomerInitRequest>(bytes));
        assert!(!is_valid_bytes::<Rocket>(bytes));
        for limits in limits {
            assert_eq!(
                from_slice_in_one_pass::<CustomerInitRequest>(bytes, limits).map(|_| ()),
                from_slice_with::<CustomerInitRequest>(bytes, limits).map(|_| ()),
            );
            assert_eq!(
                from_slice_in_one_pass::<Rocket>(bytes, limits).map(|_| ()),
                from_slice_with::<Rocket>(bytes, limits).map(|_| ()),
            );
        }
    }
}
