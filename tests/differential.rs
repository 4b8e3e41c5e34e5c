//! Differential testing: the generated validators and the `jsonschema` crate must give the same
//! verdict on every doc example with one field mutated, removed or retyped.

mod support;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::Value;
use support::mutations::{mutate, mutation, pointers};
use support::{fixtures, generated_verdict, reference_validator};

/// Where the verdicts may differ, and why. Each check must pin down the exact cause.
///
/// ECMA-262 `.` does not match the line terminators U+2028 and U+2029; the `jsonschema` crate runs
/// lookaround patterns such as `^((?![<>]).)*$` on fancy-regex, whose `.` does. JSON Schema specifies
/// ECMA-262, so our verdict is the right one. The difference is confirmed, not assumed: with every
/// U+2028/U+2029 replaced by `\n` (which both engines treat alike and which keeps every length), the
/// reference must reach our verdict.
fn is_line_separator_difference(
    document: &Value,
    ours_valid: bool,
    reference: &jsonschema::Validator,
) -> bool {
    fn replace(value: &mut Value) -> bool {
        match value {
            Value::String(s) if s.contains(['\u{2028}', '\u{2029}']) => {
                *s = s.replace(['\u{2028}', '\u{2029}'], "\n");
                true
            }
            Value::Array(items) => items.iter_mut().fold(false, |any, v| replace(v) | any),
            Value::Object(map) => map.values_mut().fold(false, |any, v| replace(v) | any),
            _ => false,
        }
    }
    let mut substituted = document.clone();
    replace(&mut substituted) && reference.is_valid(&substituted) == ours_valid
}

#[test]
fn generated_validators_agree_with_jsonschema_on_mutated_doc_examples() {
    let compared = std::cell::Cell::new(0usize);
    let invalid = std::cell::Cell::new(0usize);
    let differences = std::cell::Cell::new(0usize);
    for fixture in fixtures() {
        let reference = reference_validator(&fixture.schema_id);
        let mut all = Vec::new();
        pointers(&fixture.value, "", &mut all);
        let config = Config {
            cases: 300,
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner =
            TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
        let strategy = (0..all.len(), mutation());
        let result = runner.run(&strategy, |(index, mutation)| {
            let Some(mutated) = mutate(&fixture.value, &all[index], &mutation) else {
                return Ok(());
            };
            let ours = generated_verdict(&fixture.schema_id, &mutated);
            let theirs = reference.is_valid(&mutated);
            compared.set(compared.get() + 1);
            invalid.set(invalid.get() + usize::from(!theirs));
            if ours.is_ok() != theirs
                && is_line_separator_difference(&mutated, ours.is_ok(), &reference)
            {
                differences.set(differences.get() + 1);
                return Ok(());
            }
            prop_assert_eq!(
                ours.is_ok(),
                theirs,
                "{} at {} with {:?}: ours {:?}",
                fixture.name,
                all[index],
                mutation,
                ours.err().map(|e| e.to_string())
            );
            Ok(())
        });
        if let Err(failure) = result {
            panic!("{failure}");
        }
    }
    let (compared, invalid, differences) = (compared.get(), invalid.get(), differences.get());
    println!("differential: {compared} mutated documents compared, {invalid} invalid, {differences} legitimate differences");
    assert!(differences > 0, "the U+2028 mutation no longer reaches a lookaround pattern: the difference list is untested");
    assert!(
        compared > 3000 && invalid > 1000,
        "too few comparisons: {compared} ({invalid} invalid)"
    );
}

/// Every error of every mutated doc example is located where it happened: its schema location
/// names a keyword of that name in the schema file, and its exact instance path names a value of
/// the document. Validators shared by identical subschemas receive their location from the
/// caller; this holds them to it.
#[test]
fn every_error_points_at_its_own_keyword_and_value() {
    let located = std::cell::Cell::new(0usize);
    for fixture in fixtures() {
        let file = fixture
            .schema_id
            .split('/')
            .take(2)
            .collect::<Vec<_>>()
            .join("/");
        let schema: Value = serde_json::from_slice(
            &std::fs::read(support::workspace_root().join(format!("schemas/{file}.json"))).unwrap(),
        )
        .unwrap();
        let mut all = Vec::new();
        pointers(&fixture.value, "", &mut all);
        let config = Config {
            cases: 100,
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner =
            TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
        let result = runner.run(&(0..all.len(), mutation()), |(index, mutation)| {
            let Some(mutated) = mutate(&fixture.value, &all[index], &mutation) else {
                return Ok(());
            };
            let Err(errors) = generated_verdict(&fixture.schema_id, &mutated) else {
                return Ok(());
            };
            for error in errors.iter() {
                let (in_file, pointer) = error.schema_location.split_once('#').unwrap();
                prop_assert_eq!(in_file, format!("schemas/{file}.json"));
                let keyword_at = schema.pointer(pointer);
                let last = pointer.rsplit('/').next().unwrap_or_default();
                let names_keyword = match error.keyword {
                    // Located at the subschema itself: the false schema, the limits.
                    "false" | "depth" | "arrayLength" => true,
                    // The discriminator's error is the `oneOf`'s.
                    keyword => {
                        keyword_at.is_some()
                            && (last == keyword
                                || (keyword == "minContains" && last == "minContains"))
                    }
                };
                prop_assert!(
                    names_keyword,
                    "{}: {} at {} has location {}",
                    fixture.name,
                    error.keyword,
                    error.exact_instance_path(),
                    error.schema_location
                );
                let value_exists = mutated.pointer(error.exact_instance_path()).is_some()
                    || error.keyword == "oneOf";
                prop_assert!(
                    value_exists,
                    "{}: no value at {}",
                    fixture.name,
                    error.exact_instance_path()
                );
                located.set(located.get() + 1);
            }
            Ok(())
        });
        if let Err(failure) = result {
            panic!("{failure}");
        }
    }
    println!("{} errors located", located.get());
    assert!(located.get() > 1000, "too few errors: {}", located.get());
}
