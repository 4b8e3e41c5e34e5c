//! Requests strict, responses tolerant: a response that departs from its docs (a new enum value,
//! an over-long name, an unknown member) is read into its type with a drift warning at each
//! departure, never with the value; strict mode and requests still refuse it.

use generated::connectfi::customer_init::{
    CustomerInitRequest, CustomerInitResponse, CustomerInitResponseDataCustomer,
};
use generated::rocketkor::create_business_customer::{
    BusinessCustomer, CreateBusinessCustomerRequest,
};
use generated::runtime::{
    from_response, from_response_with, from_slice, Limits, Parsed, Rejection, Tolerant, Warning,
};
use serde_json::{json, Value};

mod support;

fn fixture(path: &str) -> Value {
    let text = std::fs::read_to_string(format!("{}/fixtures/{path}", env!("CARGO_MANIFEST_DIR")))
        .expect("fixture is readable");
    serde_json::from_str(&text).expect("fixture is JSON")
}

const LONG_NAME: &str = "Bartholomew-Maximilian Fitzgerald-Worthing"; // 42 characters

/// The RocketKOR sample response after the provider added a phone type, lengthened its names
/// and added a member.
fn drifted_rocketkor_response() -> Vec<u8> {
    let mut response =
        fixture("rocketkor/create-business-customer/response-200--sample-response.json");
    response["contacts"][0]["primaryPhoneNumber"]["type"] = json!("FAX");
    response["contacts"][0]["firstName"] = json!(LONG_NAME);
    response["loyaltyTier"] = json!("gold");
    serde_json::to_vec(&response).unwrap()
}

/// The connectFi individual sample response with the same three departures, inside the
/// `oneOf` of personal and business customers.
fn drifted_connectfi_response() -> Vec<u8> {
    let mut response = fixture("connectfi/customer-init/response-200--example-individual.json");
    let customer = &mut response["data"]["customer"];
    customer["phones"][0]["type"] = json!("FAX");
    customer["firstName"] = json!(format!("{LONG_NAME}{LONG_NAME}"));
    response["data"]["riskScore"] = json!(7);
    serde_json::to_vec(&response).unwrap()
}

/// The `pointer keyword` of each error of a rejected document; any other outcome fails.
fn rejected<T: std::fmt::Debug>(result: Result<T, Rejection>) -> Vec<String> {
    match result {
        Err(Rejection::Invalid(errors)) => errors
            .iter()
            .map(|e| format!("{} {}", e.instance_path, e.keyword))
            .collect(),
        other => panic!("expected validation errors, got {other:?}"),
    }
}

/// Each warning as `kind pointer keyword`.
fn summary(warnings: &[Warning]) -> Vec<String> {
    warnings
        .iter()
        .map(|warning| {
            let kind = match warning {
                Warning::Drift(_) => "drift",
                Warning::Undocumented(_) => "undocumented",
            };
            let error = warning.error();
            format!("{kind} {} {}", error.instance_path, error.keyword)
        })
        .collect()
}

fn assert_no_value_shown(warnings: &[Warning], values: &[&str]) {
    for warning in warnings {
        let shown = format!(
            "{warning} {warning:?} {}",
            serde_json::to_string(warning).unwrap()
        );
        for value in values {
            assert!(!shown.contains(value), "warning shows {value:?}: {shown}");
        }
    }
}

#[test]
fn a_drifted_rocketkor_response_is_typed_with_a_warning_at_each_departure() {
    let bytes = drifted_rocketkor_response();
    let Parsed { value, warnings } = from_response::<BusinessCustomer>(&bytes).expect("read");
    let contact = &value.contacts[0];
    assert_eq!(
        contact.primary_phone_number.type_.undocumented(),
        Some("FAX")
    );
    assert_eq!(contact.first_name.expose().undocumented(), Some(LONG_NAME));
    assert!(contact.last_name.expose().documented().is_some());
    assert_eq!(
        summary(&warnings),
        [
            "drift /contacts/0/firstName maxLength",
            "drift /contacts/0/primaryPhoneNumber/type enum",
            "undocumented /* x-undocumented",
        ]
    );
    assert!(warnings[1].to_string().starts_with(
        "/contacts/0/primaryPhoneNumber/type: the provider sent a value the docs do not list"
    ));
    assert_no_value_shown(&warnings, &["FAX", LONG_NAME, "loyaltyTier", "gold"]);
    // The Debug of the value never shows the undocumented text either.
    let debug = format!("{value:?}");
    assert!(
        !debug.contains("FAX") && !debug.contains("Bartholomew"),
        "{debug}"
    );
    // Read as sent: serializing gives the provider's values back.
    let again = serde_json::to_value(&value).unwrap();
    assert_eq!(again["contacts"][0]["primaryPhoneNumber"]["type"], "FAX");
}

#[test]
fn a_drifted_connectfi_response_is_typed_with_warnings_through_its_one_of() {
    let bytes = drifted_connectfi_response();
    let Parsed { value, warnings } = from_response::<CustomerInitResponse>(&bytes).expect("read");
    let CustomerInitResponseDataCustomer::CustomerPersonalResponse(customer) = &value.data.customer
    else {
        panic!("the personal branch: {:?}", value.data.customer);
    };
    assert_eq!(customer.phones[0].type_.undocumented(), Some("FAX"));
    assert!(customer.first_name.expose().undocumented().is_some());
    assert_eq!(
        summary(&warnings),
        [
            "drift /data/customer/firstName maxLength",
            "drift /data/customer/phones/0/type enum",
            "undocumented /data/* x-undocumented",
        ]
    );
    assert_no_value_shown(&warnings, &["FAX", LONG_NAME, "riskScore"]);
}

#[test]
fn a_documented_response_has_no_warning() {
    for (bytes, parsed) in [
        (
            "rocketkor/create-business-customer/response-200--sample-response.json",
            true,
        ),
        (
            "connectfi/customer-init/response-200--example-individual.json",
            false,
        ),
    ] {
        let bytes = serde_json::to_vec(&fixture(bytes)).unwrap();
        let warnings = if parsed {
            from_response::<BusinessCustomer>(&bytes).unwrap().warnings
        } else {
            from_response::<CustomerInitResponse>(&bytes)
                .unwrap()
                .warnings
        };
        assert_eq!(summary(&warnings), Vec::<String>::new());
    }
}

#[test]
fn strict_mode_refuses_the_same_responses() {
    let rocketkor =
        rejected(from_slice::<BusinessCustomer>(&drifted_rocketkor_response()).map(drop));
    assert_eq!(
        rocketkor,
        [
            "/contacts/0/firstName maxLength",
            "/contacts/0/primaryPhoneNumber/type enum"
        ]
    );
    let connectfi =
        rejected(from_slice::<CustomerInitResponse>(&drifted_connectfi_response()).map(drop));
    assert!(
        connectfi.contains(&"/data/customer oneOf".to_owned()),
        "{connectfi:?}"
    );
}

#[test]
fn a_departure_of_shape_still_rejects_a_response() {
    let mut response =
        fixture("rocketkor/create-business-customer/response-200--sample-response.json");
    response.as_object_mut().unwrap().remove("businessName");
    response["contacts"][0]["primaryPhoneNumber"]["type"] = json!(7);
    let bytes = serde_json::to_vec(&response).unwrap();
    // A missing required member and a wrong type are not drift.
    let found = rejected(from_response::<BusinessCustomer>(&bytes));
    assert_eq!(
        found,
        ["/contacts/0/primaryPhoneNumber/type type", " required"]
    );
}

#[test]
fn requests_keep_every_rule() {
    let mut request = fixture("rocketkor/create-business-customer/request--sample-request.json");
    request["contacts"][0]["primaryPhoneNumber"]["type"] = json!("FAX");
    let bytes = serde_json::to_vec(&request).unwrap();
    let Err(Rejection::Invalid(errors)) = from_slice::<CreateBusinessCustomerRequest>(&bytes)
    else {
        panic!("a request with an unlisted value is refused");
    };
    assert_eq!(
        errors.iter().map(|e| e.keyword).collect::<Vec<_>>(),
        ["enum"]
    );

    let mut request = fixture("connectfi/customer-init/request--example-individual.json");
    request["customer"]["firstName"] = json!(format!("{LONG_NAME}{LONG_NAME}"));
    let bytes = serde_json::to_vec(&request).unwrap();
    assert!(matches!(
        from_slice::<CustomerInitRequest>(&bytes),
        Err(Rejection::Invalid(_))
    ));
}

#[test]
fn a_received_value_the_docs_do_not_list_never_reaches_a_request() {
    let received = from_response::<BusinessCustomer>(&drifted_rocketkor_response())
        .unwrap()
        .value;
    let phone_type = received.contacts[0].primary_phone_number.type_.clone();
    let refused = phone_type.into_documented().unwrap_err();
    assert_eq!(
        refused.to_string(),
        "the provider sent a value the docs do not list; a request cannot carry it"
    );
    // Sending the received contact as it is: request validation refuses the unlisted value.
    let mut request = fixture("rocketkor/create-business-customer/request--sample-request.json");
    request["contacts"][0] = serde_json::to_value(&received.contacts[0]).unwrap();
    let bytes = serde_json::to_vec(&request).unwrap();
    let found = rejected(from_slice::<CreateBusinessCustomerRequest>(&bytes));
    assert_eq!(
        found,
        [
            "/contacts/0/firstName maxLength",
            "/contacts/0/primaryPhoneNumber/type enum"
        ]
    );
    // A documented value goes across.
    let documented: Tolerant<_> = received.contacts[0].last_name.expose().clone();
    assert!(documented.into_documented().is_ok());
}

#[test]
fn ten_thousand_departures_stay_bounded() {
    let mut response =
        fixture("rocketkor/create-business-customer/response-200--sample-response.json");
    let mut contact = response["contacts"][0].clone();
    contact["primaryPhoneNumber"]["type"] = json!("FAX");
    contact["firstName"] = json!(LONG_NAME);
    response["contacts"] = Value::Array(vec![contact; 5_000]);
    for i in 0..10_000 {
        response[format!("extra{i}")] = json!(i);
    }
    let bytes = serde_json::to_vec(&response).unwrap();
    let Parsed { value, warnings } = from_response::<BusinessCustomer>(&bytes).expect("read");
    assert_eq!(value.contacts.len(), 5_000);
    let drift = warnings
        .iter()
        .filter(|w| matches!(w, Warning::Drift(_)))
        .count();
    let undocumented = warnings.len() - drift;
    assert_eq!((drift, undocumented), (1_000, 1_000));
    // A smaller cap is honoured too.
    let limits = Limits {
        max_errors: 3,
        ..Limits::default()
    };
    let capped = from_response_with::<BusinessCustomer>(&bytes, limits).unwrap();
    assert_eq!(
        capped
            .warnings
            .iter()
            .filter(|w| matches!(w, Warning::Drift(_)))
            .count(),
        3
    );
}

/// Over every response example of every provider: each string replaced by a text no rule of
/// the docs allows, and each object given an unknown member. Whenever validation finds nothing
/// but drift, the tolerant read gives the typed value with a drift warning at that pointer; a
/// departure of shape is refused by both.
#[test]
fn every_response_reads_any_string_the_docs_do_not_list() {
    let unlisted = Value::String(format!("<{}\u{1F600}>", "undocumented ".repeat(30)));
    let mut checked = 0;
    for fixture in support::fixtures() {
        let schemas = generated::schemas();
        let entry = schemas.iter().find(|e| e.id == fixture.schema_id).unwrap();
        if entry.direction == "request" {
            continue;
        }
        let mut pointers = Vec::new();
        support::mutations::pointers(&fixture.value, "", &mut pointers);
        for pointer in pointers {
            let mut drifted = fixture.value.clone();
            let is_string = match drifted.pointer_mut(&pointer) {
                Some(value @ Value::String(_)) => {
                    *value = unlisted.clone();
                    true
                }
                Some(Value::Object(members)) => {
                    members.insert("someNewMember".to_owned(), json!(1));
                    false
                }
                _ => continue,
            };
            let bytes = serde_json::to_vec(&drifted).unwrap();
            let strict = entry.validate(&drifted).err().unwrap_or_default();
            let only_drift = strict
                .iter()
                .all(|e| e.kind.is_drift() && e.branch.is_none())
                || strict.is_empty();
            match entry.typed.read(&bytes) {
                Ok((value, warnings)) => {
                    if is_string {
                        let sent = drifted.pointer(&pointer);
                        assert_eq!(value.pointer(&pointer), sent, "{} {pointer}", fixture.name);
                    }
                    if !strict.is_empty() {
                        assert!(
                            warnings.iter().any(|w| matches!(w, Warning::Drift(_))),
                            "{} {pointer}: strict errors {strict:?} but no drift warning",
                            fixture.name
                        );
                    }
                    checked += 1;
                }
                Err(rejection) => assert!(
                    !only_drift,
                    "{} {pointer}: only drift ({strict:?}) yet refused: {rejection}",
                    fixture.name
                ),
            }
        }
    }
    assert!(checked > 100, "only {checked} drifted responses read");
}

#[test]
fn undocumented_properties_come_from_bytes_as_from_a_value() {
    let mut request = fixture("connectfi/customer-init/request--example-individual.json");
    request["customer"]["favouriteColour"] = json!("blue");
    let bytes = serde_json::to_vec(&request).unwrap();
    let from_bytes = generated::runtime::undocumented_in_bytes::<CustomerInitRequest>(&bytes);
    let from_value = generated::runtime::undocumented_properties::<CustomerInitRequest>(&request);
    assert_eq!(from_bytes.len(), 1);
    assert_eq!(from_bytes, from_value);
    assert_eq!(from_bytes[0].instance_path, "/customer/*");
    assert!(
        generated::runtime::undocumented_in_bytes::<CustomerInitRequest>(b"{not json").is_empty()
    );
}
