//! Fuzzing every request schema with arbitrary bytes, arbitrary JSON and structure-aware mutations
//! of the doc examples: nothing panics or overflows, the typed parse agrees with the all-errors
//! validator on every verdict, validating a typed value natively gives exactly the errors of
//! validating its JSON, and the single pass agrees exactly with the tree validator (the
//! differential test of `runtime::single_pass`: verdicts, typed values, error lists). `FUZZ_CASES` sets the cases per strategy and schema (default 64);
//! `cargo xtask fuzz` runs a long campaign. The committed corpus runs every time.

mod support;

use generated::runtime::{parse_json, Limits};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;
use support::mutations::{mutate, mutation, pointers};
use support::{fixtures, fuzz_corpus, request_ids, typed_round_trip, valid_request};

/// The property every input must satisfy.
fn check_input(id: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let schemas = generated::schemas();
    let entry = schemas.iter().find(|e| e.id == id).unwrap();
    let verdict = entry.is_valid_bytes(bytes);
    let all_errors = match parse_json(bytes, Limits::default()) {
        Ok(node) => entry.validate_node(&node, Limits::default()),
        Err(_) => Ok(()),
    };
    let parsed = parse_json(bytes, Limits::default()).is_ok();
    let round_trip = typed_round_trip(id, bytes);
    prop_assert!(
        round_trip.native_disagreement.is_none(),
        "native validation disagrees: {:?}",
        round_trip.native_disagreement
    );
    prop_assert_eq!(
        &round_trip.one_pass,
        &round_trip.ours,
        "the single pass and the tree validator disagree"
    );
    prop_assert_eq!(
        verdict,
        entry.is_valid_bytes_by_tree(bytes),
        "the single-pass verdict and the tree verdict disagree"
    );
    match (&round_trip.single_pass, &round_trip.ours) {
        (Some(alone), Ok(reference)) => prop_assert_eq!(alone, reference),
        (Some(_), Err(errors)) => {
            prop_assert!(
                false,
                "the single pass accepts a rejected document: {errors}"
            )
        }
        // A valid document within the limits is decided by the single pass alone.
        (None, Ok(_)) => prop_assert!(false, "the single pass left a valid document undecided"),
        (None, Err(_)) => {}
    }
    let typed = round_trip.ours;
    prop_assert_eq!(
        verdict,
        parsed && all_errors.is_ok(),
        "verdict mode and all-errors mode disagree"
    );
    prop_assert_eq!(
        typed.is_ok(),
        verdict,
        "typed parse and validator disagree: {:?}",
        typed.err()
    );
    if let Err(errors) = all_errors {
        prop_assert!(!errors.is_empty());
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

fn run<S: Strategy>(
    name: &str,
    id: &str,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) -> u64 {
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    if let Err(failure) = runner.run(&strategy, test) {
        panic!("fuzz {name} on {id}: {failure}\nAdd the minimal input to tests/fuzz-corpus/ once fixed.");
    }
    u64::from(cases())
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let keys = prop::sample::select(vec![
        "customerType",
        "customer",
        "type",
        "value",
        "addresses",
        "contacts",
        "primary",
        "countryCode",
        "zipCode",
        "taxId",
        "metadata",
        "identificationDocuments",
        "firstName",
        "businessRepresentatives",
        "partner_customer_id",
        "basicData",
        "cardAttributes",
        "customerId",
        "x",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-zA-Z0-9 <>٣\u{2028}@.-]{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "individual",
            "business",
            "SSN",
            "SHIPPING",
            "USA",
            "CAN",
            "BUSINESS"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 96, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..8).prop_map(|pairs| Value::Object(
                pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

#[test]
fn fuzz_every_request_schema() {
    let mut iterations = 0u64;
    let ids = request_ids();
    let examples = fixtures();
    for &id in &ids {
        iterations += run(
            "bytes",
            id,
            prop::collection::vec(any::<u8>(), 0..512),
            |bytes| check_input(id, &bytes),
        );
        iterations += run("json", id, arbitrary_json(), |value| {
            check_input(id, &serde_json::to_vec(&value).unwrap())
        });
        if !examples.iter().any(|f| f.schema_id == id) {
            println!("fuzz: {id} has no doc example: mutations not run");
            continue;
        }
        let example = valid_request(id);
        let example_bytes = serde_json::to_vec(&example).unwrap();
        let mut all = Vec::new();
        pointers(&example, "", &mut all);
        iterations += run(
            "mutation",
            id,
            (0..all.len(), mutation(), mutation()),
            |(index, first, second)| {
                let Some(once) = mutate(&example, &all[index], &first) else {
                    return Ok(());
                };
                check_input(id, &serde_json::to_vec(&once).unwrap())?;
                // A second mutation at the same place, when it still exists.
                match mutate(&once, &all[index], &second) {
                    Some(twice) => check_input(id, &serde_json::to_vec(&twice).unwrap()),
                    None => Ok(()),
                }
            },
        );
        let byte_edit = (0..example_bytes.len(), any::<u8>(), any::<bool>());
        iterations += run("byte-edit", id, byte_edit, |(position, byte, insert)| {
            let mut bytes = example_bytes.clone();
            if insert {
                bytes.insert(position, byte);
            } else {
                bytes[position] = byte;
            }
            check_input(id, &bytes)
        });
    }
    println!(
        "fuzz: {iterations} inputs across {} request schemas, 0 failures",
        ids.len()
    );
}

#[test]
fn the_regression_corpus_passes() {
    let corpus = fuzz_corpus();
    assert!(corpus.len() >= 10, "the corpus went missing");
    for (id, name, bytes) in corpus {
        if let Err(failure) = check_input(&id, &bytes) {
            panic!("corpus {id}/{name}: {failure}");
        }
    }
}
