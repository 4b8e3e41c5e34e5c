//! What the single pass decides alone, and what it leaves to the tree validator: each case is a
//! doc example edited at one place, with the outcome the single pass must reach. Every verdict it
//! reaches must be the tree validator's (`tests/fuzz.rs` checks that on every fuzz input too).

mod support;

use generated::runtime::single_pass::{verdict, Outcome};
use generated::runtime::Limits;
use serde_json::{json, Value};
use support::valid_request;

/// One case: a schema, an edit of its doc example (a pointer and the new value, or `None` to
/// remove the member), and the single pass's outcome.
struct Case {
    id: &'static str,
    what: &'static str,
    edits: Vec<(&'static str, Option<Value>)>,
    outcome: Outcome,
}

fn edited(id: &str, edits: &[(&str, Option<Value>)]) -> Value {
    let mut document = valid_request(id);
    for (pointer, value) in edits {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let holder = document.pointer_mut(parent).unwrap();
        match (holder, value) {
            (Value::Object(map), Some(value)) => {
                map.insert(key.to_owned(), value.clone());
            }
            (Value::Object(map), None) => {
                map.remove(key);
            }
            (Value::Array(items), Some(value)) => {
                items[key.parse::<usize>().unwrap()] = value.clone()
            }
            _ => panic!("bad edit {pointer}"),
        }
    }
    document
}

fn cases() -> Vec<Case> {
    let init = "connectfi/customer-init";
    let rocket = "rocketkor/create-business-customer";
    let address = valid_request(rocket)["addresses"][0].clone();
    vec![
        Case {
            id: init,
            what: "the doc example",
            edits: vec![],
            outcome: Outcome::Valid,
        },
        Case {
            id: init,
            what: "a member of the selected branch breaks its rule",
            edits: vec![("/customerReference", Some(json!("has spaces")))],
            outcome: Outcome::Invalid,
        },
        Case {
            id: init,
            what: "a discriminator value the oneOf does not know",
            edits: vec![("/customerType", Some(json!("trust")))],
            outcome: Outcome::Invalid,
        },
        Case {
            id: init,
            what: "no discriminator: oneOf tries every branch on the whole object",
            edits: vec![("/customerType", None)],
            outcome: Outcome::Undecided,
        },
        Case {
            id: init,
            what: "a discriminator that is not a string",
            edits: vec![("/customerType", Some(json!(7)))],
            outcome: Outcome::Undecided,
        },
        Case {
            id: rocket,
            what: "the doc example",
            edits: vec![],
            outcome: Outcome::Valid,
        },
        Case {
            id: rocket,
            what: "an item of an array kept whole for its contains rules",
            edits: vec![("/addresses/0/zipCode", Some(json!(12345)))],
            outcome: Outcome::Invalid,
        },
        Case {
            id: rocket,
            what: "a contains rule on the whole array (a second primary address)",
            edits: vec![("/addresses/1", Some(address))],
            outcome: Outcome::Invalid,
        },
        Case {
            id: rocket,
            what: "a rule on the object's own members (dependentRequired)",
            edits: vec![
                ("/taxIdCountryCode", None),
                ("/taxId", Some(json!("123456789"))),
            ],
            outcome: Outcome::Invalid,
        },
    ]
}

#[test]
fn the_single_pass_decides_what_it_can_and_agrees_with_the_tree() {
    let schemas = generated::schemas();
    for case in cases() {
        let entry = schemas.iter().find(|e| e.id == case.id).unwrap();
        let bytes = serde_json::to_vec(&edited(case.id, &case.edits)).unwrap();
        let outcome = verdict(&bytes, entry.read_plan, Limits::default());
        assert_eq!(outcome, case.outcome, "{}: {}", case.id, case.what);
        let by_tree = entry.is_valid_bytes_by_tree(&bytes);
        match outcome {
            Outcome::Valid => assert!(by_tree, "{}: {}", case.id, case.what),
            Outcome::Invalid => assert!(!by_tree, "{}: {}", case.id, case.what),
            Outcome::Undecided => {}
        }
        assert_eq!(
            entry.is_valid_bytes(&bytes),
            by_tree,
            "{}: {}",
            case.id,
            case.what
        );
    }
}

/// Early rejection: the pass stops at the first violation and never reads what follows, so a
/// document broken later (here, not even JSON) is rejected for its first violation.
#[test]
fn the_single_pass_stops_reading_at_the_first_violation() {
    let schemas = generated::schemas();
    let entry = schemas
        .iter()
        .find(|e| e.id == "rocketkor/create-business-customer")
        .unwrap();
    let text = br#"{"externalId": 42, "addresses": [tru"#;
    assert_eq!(
        verdict(text, entry.read_plan, Limits::default()),
        Outcome::Invalid
    );
    assert!(!entry.is_valid_bytes(text));
}

/// Limits the pass cannot apply as the tree validator does are left to it.
#[test]
fn values_deeper_than_the_limit_are_left_to_the_tree() {
    let schemas = generated::schemas();
    let entry = schemas
        .iter()
        .find(|e| e.id == "rocketkor/create-business-customer")
        .unwrap();
    let bytes = serde_json::to_vec(&valid_request(entry.id)).unwrap();
    let shallow = Limits {
        max_depth: 1,
        ..Limits::default()
    };
    assert_eq!(
        verdict(&bytes, entry.read_plan, shallow),
        Outcome::Undecided
    );
    let short = Limits {
        max_array_len: 1,
        ..Limits::default()
    };
    assert_eq!(verdict(&bytes, entry.read_plan, short), Outcome::Undecided);
}

/// Bytes that are not UTF-8 are left to the tree parse, which rejects them and says where; the
/// same bytes made UTF-8 are decided by the single pass.
#[test]
fn bytes_that_are_not_utf8_are_left_to_the_tree() {
    let schemas = generated::schemas();
    let entry = schemas
        .iter()
        .find(|e| e.id == "connectfi/condor-customer-create")
        .unwrap();
    let mut document = valid_request(entry.id);
    document["firstName"] = json!("Zoë");
    let bytes = serde_json::to_vec(&document).unwrap();
    assert_eq!(
        verdict(&bytes, entry.read_plan, Limits::default()),
        Outcome::Valid
    );
    // "Zoë" with its last byte cut: a lone lead byte of a two-byte sequence.
    let position = bytes.windows(2).position(|w| w == "ë".as_bytes()).unwrap();
    let mut broken = bytes.clone();
    broken.remove(position + 1);
    assert_eq!(
        verdict(&broken, entry.read_plan, Limits::default()),
        Outcome::Undecided
    );
    assert!(!entry.is_valid_bytes(&broken));
    assert!(entry.is_valid_bytes(&bytes));
}

/// Duplicate keys are found past the point where the pass stops scanning and keeps a set,
/// written plainly or with an escape.
#[test]
fn duplicate_keys_in_large_free_form_objects_are_violations() {
    let schemas = generated::schemas();
    let entry = schemas
        .iter()
        .find(|e| e.id == "connectfi/condor-customer-create")
        .unwrap();
    let notes: Vec<String> = (0..40).map(|i| format!("\"note{i}\": {i}")).collect();
    let document = |extra: &str| {
        let text = serde_json::to_string(&valid_request(entry.id)).unwrap();
        let holder = r#""additionalData":{"#;
        let at = text
            .find(holder)
            .expect("the doc example has additionalData")
            + holder.len();
        let members = notes.join(",") + extra;
        let separator = if text[at..].starts_with('}') { "" } else { "," };
        format!("{}{members}{separator}{}", &text[..at], &text[at..])
    };
    let fine = document("");
    assert_eq!(
        verdict(fine.as_bytes(), entry.read_plan, Limits::default()),
        Outcome::Valid
    );
    for duplicate in [r#", "note7": 0"#, r#", "note\u0037": 0"#] {
        let text = document(duplicate);
        assert_eq!(
            verdict(text.as_bytes(), entry.read_plan, Limits::default()),
            Outcome::Invalid,
            "{duplicate}"
        );
        assert!(
            !entry.is_valid_bytes_by_tree(text.as_bytes()),
            "{duplicate}"
        );
    }
}
