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
            .any(|e| e.keyword == "depth" && e.instance_path == "/contacts/0/primaryPhoneNumber"),
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
    assert_eq!(reason, "duplicate key `customerType` at line 1 column 45");
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
