//! Every documented rule, one case per row: a doc example is edited, and the generated validator
//! must report exactly the expected `(instancePath, keyword)` pairs — or nothing, for the passing
//! edge of the rule. The independent reference validator must agree on the verdict, and where a
//! rule concerns one value alone, the generated types must refuse to construct it.

mod support;

use serde_json::{json, Value};
use support::{fixtures, generated_verdict, reference_validator, typed_round_trip, valid_request};

/// A change to a document: set the value at a JSON pointer, or remove it (`None`).
type Edit = (&'static str, Option<Value>);

struct Case {
    rule: &'static str,
    schema: &'static str,
    base: Base,
    edits: Vec<Edit>,
    /// Every error expected, in order. Empty: the edited document is valid.
    expected: Vec<(&'static str, &'static str)>,
}

enum Base {
    Fixture(&'static str),
    Inline(Value),
}

fn set(pointer: &'static str, value: Value) -> Edit {
    (pointer, Some(value))
}

fn remove(pointer: &'static str) -> Edit {
    (pointer, None)
}

fn apply(mut document: Value, edits: &[Edit]) -> Value {
    for (pointer, value) in edits {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let target = document
            .pointer_mut(parent)
            .unwrap_or_else(|| panic!("no {parent}"));
        match (target, value) {
            (Value::Object(map), Some(v)) => {
                map.insert(key.to_owned(), v.clone());
            }
            (Value::Object(map), None) => {
                map.remove(key)
                    .unwrap_or_else(|| panic!("nothing to remove at {pointer}"));
            }
            (Value::Array(items), Some(v)) => {
                let index: usize = key.parse().unwrap();
                if index == items.len() {
                    items.push(v.clone());
                } else {
                    items[index] = v.clone();
                }
            }
            (Value::Array(items), None) => {
                items.remove(key.parse().unwrap());
            }
            _ => panic!("cannot edit {pointer}"),
        }
    }
    document
}

fn check(case: &Case) {
    let base = match &case.base {
        Base::Fixture(name) => {
            fixtures()
                .into_iter()
                .find(|f| f.name == *name)
                .unwrap_or_else(|| panic!("no fixture {name}"))
                .value
        }
        Base::Inline(value) => value.clone(),
    };
    let document = apply(base, &case.edits);
    let verdict = generated_verdict(case.schema, &document);
    let errors: Vec<(String, &str)> = match &verdict {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|e| (e.exact_instance_path().to_owned(), e.keyword))
            .collect(),
    };
    // Valid by construction: a value that breaks its own rule cannot become a typed value, even
    // through plain serde (which runs the newtypes' constructors and nothing else).
    let breaks_own_rule = verdict
        .as_ref()
        .err()
        .is_some_and(|errors| errors.iter().any(is_own_value_rule));
    let plain = typed_round_trip(case.schema, &serde_json::to_vec(&document).unwrap()).plain;
    assert!(
        !(breaks_own_rule && plain.is_ok()),
        "a constructor accepts the value that breaks rule: {}",
        case.rule
    );
    let expected: Vec<(String, &str)> = case
        .expected
        .iter()
        .map(|(p, k)| (p.to_string(), *k))
        .collect();
    assert_eq!(errors, expected, "rule: {}", case.rule);
    let reference_valid = reference_validator(case.schema).is_valid(&document);
    assert_eq!(
        reference_valid,
        expected.is_empty(),
        "reference disagrees on rule: {}",
        case.rule
    );
}

/// A rule of one value alone, stated on the value's own schema rather than in a condition or
/// combinator around it: the value's type must enforce it.
fn is_own_value_rule(error: &generated::runtime::ValidationError) -> bool {
    const VALUE_KEYWORDS: &[&str] = &[
        "minLength",
        "maxLength",
        "pattern",
        "format",
        "enum",
        "isNotOnlyWhitespace",
    ];
    const AROUND: &[&str] = &[
        "/allOf/",
        "/anyOf/",
        "/oneOf/",
        "/if/",
        "/then/",
        "/else/",
        "/not/",
        "/contains/",
    ];
    VALUE_KEYWORDS.contains(&error.keyword)
        && !AROUND
            .iter()
            .any(|segment| error.schema_location.contains(segment))
}

const INIT: &str = "connectfi/customer-init";
const INDIVIDUAL: &str = "connectfi/customer-init/request--request-body.json";
const BUSINESS: &str = "connectfi/customer-init/request--example-business.json";

#[test]
fn connectfi_customer_init() {
    let cases = [
        Case {
            rule: "phone number: ASCII digits only (\\d)",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set("/customer/phones/0/phoneNumber", json!("٥٥٥٦٦٦٧٧٧٧"))],
            expected: vec![("/customer/phones/0/phoneNumber", "pattern")],
        },
        Case {
            rule: "address line: no `<`",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set(
                "/customer/addresses/0/addressLine1",
                json!("123 <Main> Str."),
            )],
            expected: vec![("/customer/addresses/0/addressLine1", "pattern")],
        },
        Case {
            rule: "first name: not only white space",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set("/customer/firstName", json!(" \t "))],
            expected: vec![("/customer/firstName", "isNotOnlyWhitespace")],
        },
        Case {
            rule: "SSN: 9 digits (8 fail)",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set(
                "/customer/identificationDocuments/0/value",
                json!("12345678"),
            )],
            expected: vec![("/customer/identificationDocuments/0/value", "pattern")],
        },
        Case {
            rule: "SSN: 9 digits pass",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set(
                "/customer/identificationDocuments/0/value",
                json!("123456789"),
            )],
            expected: vec![],
        },
        Case {
            rule: "other documents: no `<` or `>`",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set(
                "/customer/identificationDocuments/1/value",
                json!("PA<99>"),
            )],
            expected: vec![("/customer/identificationDocuments/1/value", "pattern")],
        },
        Case {
            rule: "other documents: at most 50 characters",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set(
                "/customer/identificationDocuments/1/value",
                json!("P".repeat(51)),
            )],
            expected: vec![("/customer/identificationDocuments/1/value", "maxLength")],
        },
        Case {
            rule: "other documents: value may be null",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set(
                "/customer/identificationDocuments/1/value",
                Value::Null,
            )],
            expected: vec![],
        },
        Case {
            rule: "SSN value may not be null",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set(
                "/customer/identificationDocuments/0/value",
                Value::Null,
            )],
            expected: vec![("/customer/identificationDocuments/0/value", "type")],
        },
        Case {
            rule: "business: businessRepresentatives required",
            schema: INIT,
            base: Base::Fixture(BUSINESS),
            edits: vec![remove("/businessRepresentatives")],
            expected: vec![("", "required")],
        },
        Case {
            rule: "business: FEIN has 9 digits",
            schema: INIT,
            base: Base::Fixture(BUSINESS),
            edits: vec![set("/customer/businessFederalEin", json!("12-3456789"))],
            expected: vec![("/customer/businessFederalEin", "pattern")],
        },
        Case {
            rule: "addressLine2 is nullable",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set("/customer/addresses/0/addressLine2", Value::Null)],
            expected: vec![],
        },
        Case {
            rule: "addressLine1 is not nullable",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set("/customer/addresses/0/addressLine1", Value::Null)],
            expected: vec![("/customer/addresses/0/addressLine1", "type")],
        },
        Case {
            rule: "dateOfBirth: a real calendar day (dateISO)",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set("/customer/dateOfBirth", json!("1969-02-30"))],
            expected: vec![("/customer/dateOfBirth", "format")],
        },
        Case {
            rule: "dateOfBirth: YYYY-MM-DD",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set("/customer/dateOfBirth", json!("04/08/1969"))],
            expected: vec![
                ("/customer/dateOfBirth", "format"),
                ("/customer/dateOfBirth", "pattern"),
            ],
        },
        Case {
            rule: "email format",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set("/customer/email", json!("aa.aa"))],
            expected: vec![("/customer/email", "format")],
        },
        Case {
            rule: "state code enumeration",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set("/customer/addresses/0/stateCode", json!("XX"))],
            expected: vec![("/customer/addresses/0/stateCode", "enum")],
        },
        Case {
            rule: "postal code: at least 5 characters",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set("/customer/addresses/0/postalCode", json!("1234"))],
            expected: vec![("/customer/addresses/0/postalCode", "minLength")],
        },
        Case {
            rule: "customer reference: at most 32 alphanumerics",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set("/customerReference", json!("R".repeat(33)))],
            expected: vec![("/customerReference", "maxLength")],
        },
        Case {
            rule: "gender enumeration",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set("/customer/gender", json!("O"))],
            expected: vec![("/customer/gender", "enum")],
        },
        Case {
            rule: "representative type enumeration",
            schema: INIT,
            base: Base::Fixture(BUSINESS),
            edits: vec![set(
                "/businessRepresentatives/0/businessRepresentativeType",
                json!("owner"),
            )],
            expected: vec![(
                "/businessRepresentatives/0/businessRepresentativeType",
                "enum",
            )],
        },
        Case {
            rule: "unknown customerType: one error, at the discriminator",
            schema: INIT,
            base: Base::Fixture(INDIVIDUAL),
            edits: vec![set("/customerType", json!("trust"))],
            expected: vec![("/customerType", "oneOf")],
        },
    ];
    cases.iter().for_each(check);
}

const ROCKETKOR: &str = "rocketkor/create-business-customer";
const SAMPLE: &str = "rocketkor/create-business-customer/request--sample-request.json";

#[test]
fn rocketkor_create_business_customer() {
    let cases = [
        Case {
            rule: "SHIPPING address requires name",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![remove("/addresses/1/name")],
            expected: vec![("/addresses/1", "required")],
        },
        Case {
            rule: "non-SHIPPING address does not require name",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set("/addresses/0/type", json!("PHYSICAL"))],
            expected: vec![],
        },
        Case {
            rule: "USA address requires stateCode and zipCode",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![
                remove("/addresses/0/stateCode"),
                remove("/addresses/0/zipCode"),
            ],
            expected: vec![("/addresses/0", "required"), ("/addresses/0", "required")],
        },
        Case {
            rule: "CAN address requires zipCode, any characters",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![
                set("/addresses/0/countryCode", json!("CAN")),
                remove("/addresses/0/zipCode"),
            ],
            expected: vec![("/addresses/0", "required")],
        },
        Case {
            rule: "CAN zip code may contain a space",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![
                set("/addresses/0/countryCode", json!("CAN")),
                set("/addresses/0/zipCode", json!("K1A 0B1")),
            ],
            expected: vec![],
        },
        Case {
            rule: "other countries need neither",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![
                set("/addresses/0/countryCode", json!("DEU")),
                remove("/addresses/0/stateCode"),
                remove("/addresses/0/zipCode"),
            ],
            expected: vec![],
        },
        Case {
            rule: "US zip: 5 digits",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set("/addresses/0/zipCode", json!("6336"))],
            expected: vec![("/addresses/0/zipCode", "pattern")],
        },
        Case {
            rule: "US zip: 5-4 digits pass",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set("/addresses/0/zipCode", json!("63368-5555"))],
            expected: vec![],
        },
        Case {
            rule: "US zip: no letters",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set("/addresses/0/zipCode", json!("6336A"))],
            expected: vec![("/addresses/0/zipCode", "pattern")],
        },
        Case {
            rule: "state code: uppercase 2-3 letters",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set("/addresses/0/stateCode", json!("mo"))],
            expected: vec![("/addresses/0/stateCode", "pattern")],
        },
        Case {
            rule: "taxId requires taxIdCountryCode",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![remove("/taxIdCountryCode")],
            expected: vec![("", "dependentRequired")],
        },
        Case {
            rule: "taxIdCountryCode alone is fine",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![remove("/taxId")],
            expected: vec![],
        },
        Case {
            rule: "at least one primary contact",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set("/contacts/0/primary", json!(false))],
            expected: vec![("/contacts", "contains")],
        },
        Case {
            rule: "contacts is required and not empty",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set("/contacts", json!([]))],
            expected: vec![("/contacts", "minItems"), ("/contacts", "contains")],
        },
        Case {
            rule: "one primary address per type",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set("/addresses/1/type", json!("MAILING"))],
            expected: vec![("/addresses", "maxContains")],
        },
        Case {
            rule: "a second, non-primary address of a type is fine",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![
                set("/addresses/1/type", json!("MAILING")),
                set("/addresses/1/primary", json!(false)),
            ],
            expected: vec![],
        },
        Case {
            rule: "metadata: at most 6 properties",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set(
                "/metadata",
                json!({"a":"1","b":"2","c":"3","d":"4","e":"5","f":"6","g":"7"}),
            )],
            expected: vec![("/metadata", "maxProperties")],
        },
        Case {
            rule: "metadata: values at most 1024 characters",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set("/metadata/customerRefId", json!("x".repeat(1025)))],
            expected: vec![("/metadata/customerRefId", "maxLength")],
        },
        Case {
            rule: "website is a URI",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set("/website", json!("www acme com"))],
            expected: vec![("/website", "format")],
        },
        Case {
            rule: "website: an IPvFuture host literal is a URI host (RFC 3986)",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set("/website", json!("http://[v1.fe80::a+en1]/x"))],
            expected: vec![],
        },
        Case {
            rule: "website: an IPvFuture literal needs a hex version and an address",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set("/website", json!("http://[vg.x]/"))],
            expected: vec![("/website", "format")],
        },
        Case {
            rule: "dateOfFormation is a date",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set("/dateOfFormation", json!("2010-13-31"))],
            expected: vec![("/dateOfFormation", "format")],
        },
        Case {
            rule: "primaryPhone is E.164",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set("/primaryPhone", json!("14151234"))],
            expected: vec![("/primaryPhone", "pattern")],
        },
        Case {
            rule: "contact phone may omit +",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set(
                "/contacts/0/primaryPhoneNumber/number",
                json!("4151234"),
            )],
            expected: vec![],
        },
        Case {
            rule: "contact email at most 320 characters",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set(
                "/contacts/0/primaryEmail/value",
                json!(format!("{}@acme.com", "j".repeat(312))),
            )],
            expected: vec![
                ("/contacts/0/primaryEmail/value", "format"),
                ("/contacts/0/primaryEmail/value", "maxLength"),
            ],
        },
        Case {
            rule: "type must be BUSINESS",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set("/type", json!("INDIVIDUAL"))],
            expected: vec![("/type", "enum")],
        },
        Case {
            rule: "limits amounts are numbers",
            schema: ROCKETKOR,
            base: Base::Fixture(SAMPLE),
            edits: vec![set("/limits/DAILY/amount", json!("1000"))],
            expected: vec![("/limits/DAILY/amount", "type")],
        },
    ];
    cases.iter().for_each(check);
}

#[test]
fn connectfi_condor_customer_create() {
    const CONDOR: &str = "connectfi/condor-customer-create";
    const BODY: &str = "connectfi/condor-customer-create/request--request-body.json";
    let cases = [
        Case {
            rule: "customerId required",
            schema: CONDOR,
            base: Base::Fixture(BODY),
            edits: vec![remove("/customerId")],
            expected: vec![("", "required")],
        },
        Case {
            rule: "cardAttributes optional",
            schema: CONDOR,
            base: Base::Fixture(BODY),
            edits: vec![remove("/cardAttributes")],
            expected: vec![],
        },
        Case {
            rule: "card reference: 1-20 characters",
            schema: CONDOR,
            base: Base::Fixture(BODY),
            edits: vec![set("/cardAttributes/reference", json!("r".repeat(21)))],
            expected: vec![("/cardAttributes/reference", "maxLength")],
        },
        Case {
            rule: "card reference: alphanumeric",
            schema: CONDOR,
            base: Base::Fixture(BODY),
            edits: vec![set("/cardAttributes/reference", json!("ext-1"))],
            expected: vec![("/cardAttributes/reference", "pattern")],
        },
        Case {
            rule: "issueType enumeration",
            schema: CONDOR,
            base: Base::Fixture(BODY),
            edits: vec![set("/cardAttributes/issueType", json!("LOST"))],
            expected: vec![("/cardAttributes/issueType", "enum")],
        },
        Case {
            rule: "issueType required",
            schema: CONDOR,
            base: Base::Fixture(BODY),
            edits: vec![remove("/cardAttributes/issueType")],
            expected: vec![("/cardAttributes", "required")],
        },
        Case {
            rule: "addressType enumeration",
            schema: CONDOR,
            base: Base::Fixture(BODY),
            edits: vec![set("/cardAttributes/addressType", json!("SHIPPING"))],
            expected: vec![("/cardAttributes/addressType", "enum")],
        },
    ];
    cases.iter().for_each(check);
}

#[test]
fn axisfi_create_customer() {
    const AXIS: &str = "axisfi/create-customer";
    const EXAMPLE: &str = "axisfi/create-customer/request--curl-example.json";
    let id20 = || set("/partner_customer_id", json!("P".repeat(20)));
    let cases = [
        Case {
            rule: "partner customer id: 20 characters pass",
            schema: AXIS,
            base: Base::Fixture(EXAMPLE),
            edits: vec![id20()],
            expected: vec![],
        },
        Case {
            rule: "partner customer id: 19 characters fail",
            schema: AXIS,
            base: Base::Fixture(EXAMPLE),
            edits: vec![set("/partner_customer_id", json!("P".repeat(19)))],
            expected: vec![("/partner_customer_id", "minLength")],
        },
        Case {
            rule: "partner customer id: 65 characters fail",
            schema: AXIS,
            base: Base::Fixture(EXAMPLE),
            edits: vec![set("/partner_customer_id", json!("P".repeat(65)))],
            expected: vec![("/partner_customer_id", "maxLength")],
        },
        Case {
            // The page gives `service@gemini.com` as an example, not a format: any text passes.
            rule: "contact email: an example, not a format",
            schema: AXIS,
            base: Base::Fixture(EXAMPLE),
            edits: vec![
                id20(),
                set("/primary_contact/contact_email", json!("service")),
            ],
            expected: vec![],
        },
        Case {
            rule: "dates are date-times",
            schema: AXIS,
            base: Base::Fixture(EXAMPLE),
            edits: vec![
                id20(),
                set(
                    "/business_person_list/0/basic_info/birth_date",
                    json!("2023-11-07"),
                ),
            ],
            expected: vec![("/business_person_list/0/basic_info/birth_date", "format")],
        },
        Case {
            rule: "revenue amount is a number",
            schema: AXIS,
            base: Base::Fixture(EXAMPLE),
            edits: vec![
                id20(),
                set(
                    "/account_usage/estimated_monthly_revenue_amount",
                    json!("99.99"),
                ),
            ],
            expected: vec![("/account_usage/estimated_monthly_revenue_amount", "type")],
        },
    ];
    cases.iter().for_each(check);
}

#[test]
fn connectfinancial_create_individual_customer() {
    const CF: &str = "connectfinancial/create-individual-customer";
    let minimal = || {
        Base::Inline(
            json!({"basicData": {}, "taxInformation": {}, "identification": {}, "mainAddress": {}}),
        )
    };
    let cases = [
        Case {
            rule: "the four sections are enough",
            schema: CF,
            base: minimal(),
            edits: vec![],
            expected: vec![],
        },
        Case {
            rule: "the four sections are required",
            schema: CF,
            base: minimal(),
            edits: vec![remove("/mainAddress")],
            expected: vec![("", "required")],
        },
        Case {
            rule: "phone country code: 1-4 digits",
            schema: CF,
            base: minimal(),
            edits: vec![set("/phoneCountryCode", json!("12345"))],
            expected: vec![
                ("/phoneCountryCode", "maxLength"),
                ("/phoneCountryCode", "pattern"),
            ],
        },
        Case {
            rule: "phone: digits, spaces, hyphens, plus, parentheses",
            schema: CF,
            base: minimal(),
            edits: vec![set("/phone", json!("+1 (415) 123-4567"))],
            expected: vec![],
        },
        Case {
            rule: "phone: no letters",
            schema: CF,
            base: minimal(),
            edits: vec![set("/phone", json!("call me"))],
            expected: vec![("/phone", "pattern")],
        },
        Case {
            rule: "email format",
            schema: CF,
            base: minimal(),
            edits: vec![set("/email", json!("x@"))],
            expected: vec![("/email", "format")],
        },
        Case {
            rule: "gender M, F or O",
            schema: CF,
            base: minimal(),
            edits: vec![set("/basicData/gender", json!("X"))],
            expected: vec![("/basicData/gender", "enum")],
        },
        Case {
            rule: "tax number: alphanumeric, hyphens, underscores",
            schema: CF,
            base: minimal(),
            edits: vec![set("/taxInformation/taxNumber", json!("AB 12"))],
            expected: vec![("/taxInformation/taxNumber", "pattern")],
        },
        Case {
            rule: "zip code allows spaces",
            schema: CF,
            base: minimal(),
            edits: vec![set("/mainAddress/zipCode", json!("SW1A 1AA"))],
            expected: vec![],
        },
        Case {
            rule: "country codes from the page's list",
            schema: CF,
            base: minimal(),
            edits: vec![set("/mainAddress/country", json!("USA"))],
            expected: vec![("/mainAddress/country", "enum")],
        },
        Case {
            rule: "PEP flag is a boolean",
            schema: CF,
            base: minimal(),
            edits: vec![set("/pep", json!("TRUE"))],
            expected: vec![("/pep", "type")],
        },
    ];
    cases.iter().for_each(check);
}

#[test]
fn an_unknown_discriminator_value_is_one_error_naming_the_allowed_values() {
    let document = json!({"customerType": "trust", "customerReference": "R1", "customer": {}});
    let errors = generated_verdict(INIT, &document).unwrap_err();
    assert_eq!(
        errors.to_string(),
        "/customerType: property `customerType` must be one of \"individual\", \"business\" [oneOf]"
    );
}

#[test]
fn without_a_selected_branch_errors_are_grouped_by_branch() {
    let document = json!({"customerReference": "R1", "customer": {}});
    let errors = generated_verdict(INIT, &document).unwrap_err();
    let branches: Vec<Option<usize>> = errors
        .iter()
        .map(|e| e.branch.as_ref().map(|b| b.index))
        .collect();
    let first_business = branches.iter().position(|b| *b == Some(1)).unwrap();
    assert_eq!(
        branches[0], None,
        "the oneOf error itself belongs to no branch"
    );
    assert!(branches[1..first_business].iter().all(|b| *b == Some(0)));
    assert!(branches[first_business..].iter().all(|b| *b == Some(1)));
    let individual_errors = errors
        .iter()
        .filter(|e| e.branch.as_ref().is_some_and(|b| b.index == 0))
        .count();
    assert_eq!((individual_errors, errors.len()), (9, 16));
}

#[test]
fn a_selected_branch_reports_only_its_own_errors() {
    let document = json!({"customerType": "business", "customerReference": "R1", "customer": {}});
    let errors = generated_verdict(INIT, &document).unwrap_err();
    assert!(
        errors
            .iter()
            .all(|e| e.branch.is_none() && !e.schema_location.contains("Individual")),
        "{errors}"
    );
    assert_eq!(errors.len(), 5);
}

#[test]
fn a_value_built_in_rust_is_checked_for_what_its_type_cannot_express() {
    use generated::connectfi::customer_init::{
        CustomerInitRequest, IdentificationDocument, IdentificationType,
    };
    let body = fixtures()
        .into_iter()
        .find(|f| f.name == INDIVIDUAL)
        .unwrap()
        .value;
    let mut request: CustomerInitRequest =
        generated::runtime::from_value(body).expect("doc example parses");
    assert_eq!(generated::runtime::validate(&request), Ok(()));
    let CustomerInitRequest::Individual { customer, .. } = &mut request else {
        panic!("individual")
    };
    // The type accepts any document value; only the SSN rule (an if/then on `type`) rejects this one.
    customer
        .identification_documents
        .push(IdentificationDocument {
            type_: Some(IdentificationType::Ssn),
            value: Some(json!("12345678").into()),
            issuance_country_code_a3: None,
            issuance_region: None,
            expiry_date: None,
        });
    let errors = generated::runtime::validate(&request).unwrap_err();
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.instance_path.as_str(), e.keyword))
        .collect();
    assert_eq!(
        found,
        [("/customer/identificationDocuments/2/value", "pattern")]
    );
}

#[test]
fn generated_newtypes_refuse_values_that_break_their_own_rules() {
    use generated::connectfi::customer_init::{CountryCodeA3, PhoneNumber, RequiredText50};
    assert!(CountryCodeA3::try_from("USA").is_ok());
    assert!(CountryCodeA3::try_from("usa").is_err());
    assert!(CountryCodeA3::try_from("USAA").is_err());
    assert!(PhoneNumber::try_from("5556667777").is_ok());
    assert!(
        PhoneNumber::try_from("٥٥٥٦٦٦٧٧٧٧").is_err(),
        "\\d is ASCII only"
    );
    assert!(RequiredText50::try_from("123 Main Str.").is_ok());
    assert!(RequiredText50::try_from("123 <Main>").is_err());
    assert!(
        RequiredText50::try_from("line\u{2028}break").is_err(),
        "`.` excludes U+2028"
    );
}

/// Where the schema words a rule (`x-message`), errors say it in those words; elsewhere the
/// message is built from the rule. Neither holds the value.
#[test]
fn messages_state_the_rule_in_words() {
    let mut document = valid_request(INIT);
    document["customer"]["addresses"][0]["addressLine1"] = json!("123 <Main> St");
    document["customer"]["dateOfBirth"] = json!("04/08/1969");
    let errors = generated_verdict(INIT, &document).unwrap_err();
    let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        messages,
        [
            "/customer/dateOfBirth: must be a real date in YYYY-MM-DD form [format]",
            "/customer/dateOfBirth: must be a date in YYYY-MM-DD form [pattern]",
            "/customer/addresses/0/addressLine1: must not contain < or > [pattern]",
        ]
    );
    let mut document = valid_request(ROCKETKOR);
    document["contacts"][0]["primary"] = json!(false);
    let errors = generated_verdict(ROCKETKOR, &document).unwrap_err();
    assert_eq!(
        errors.to_string(),
        "/contacts: at least one contact must have primary: true [contains]"
    );
}

/// The constructors a consumer calls refuse what the docs forbid, and name the rule, never the
/// value.
#[test]
fn constructors_refuse_what_the_docs_forbid() {
    use generated::connectfi::customer_init::{DateOnly, Email, RequiredText50};
    use generated::rocketkor::create_business_customer::EmailValue;
    let refused = [
        (
            "RequiredText50 `   `",
            RequiredText50::try_from("   ").err().map(|e| e.to_string()),
        ),
        (
            "RequiredText50 `<b>`",
            RequiredText50::try_from("<b>").err().map(|e| e.to_string()),
        ),
        (
            "DateOnly 1969-13-45",
            DateOnly::try_from("1969-13-45")
                .err()
                .map(|e| e.to_string()),
        ),
        (
            "Email nope",
            Email::try_from("nope").err().map(|e| e.to_string()),
        ),
        (
            "EmailValue nope",
            EmailValue::try_from("nope").err().map(|e| e.to_string()),
        ),
    ];
    let messages: Vec<(&str, Option<String>)> = refused.into_iter().collect();
    assert_eq!(
        messages,
        [
            (
                "RequiredText50 `   `",
                Some("must not be only white space".to_owned())
            ),
            (
                "RequiredText50 `<b>`",
                Some("must not contain < or >".to_owned())
            ),
            (
                "DateOnly 1969-13-45",
                Some("must be a real date in YYYY-MM-DD form".to_owned())
            ),
            ("Email nope", Some("must be an email address".to_owned())),
            (
                "EmailValue nope",
                Some("must be an email address".to_owned())
            ),
        ]
    );
    assert!(RequiredText50::try_from("JOLEEN").is_ok());
    assert!(DateOnly::try_from("1969-08-04").is_ok());
    assert!(Email::try_from("aa@aa.aa").is_ok());
}
