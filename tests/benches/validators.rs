//! Generated validators against the `jsonschema` crate (runtime and build-time macro) and against
//! typify's types alone, on every request schema, measured in one run with criterion.
//!
//! Run through `cargo xtask bench [--quick]`, which prints the table and ratios. Every contender's
//! verdict is asserted before it is timed: speed never excuses a wrong answer.

#![allow(deprecated)] // the condor endpoint is deprecated by its provider, and still measured

#[path = "../support/mod.rs"]
mod support;

use criterion::{black_box, Criterion};
use generated::runtime::{self, Limits, Node};
use serde_json::{json, Value};
use std::time::Duration;

/// One request schema and its contenders.
struct Subject {
    name: &'static str,
    id: &'static str,
    doc_example: Value,
    /// Parse and check with typify's types only.
    typify_alone: fn(&[u8]) -> bool,
    /// The floor: the fastest JSON parser available (sonic-rs) into the same types.
    typed_floor: fn(&[u8]) -> bool,
    /// Our typed result: parse, validate everything, deserialize.
    ours_typed: fn(&[u8]) -> bool,
    /// Our typed result in one read of the bytes (`runtime::from_slice_in_one_pass`).
    ours_typed_one_pass: fn(&[u8]) -> bool,
    macro_is_valid: fn(&Value) -> bool,
    macro_error_count: fn(&Value) -> usize,
    /// Validating the doc example built as a Rust value: natively and through `Value` (ns).
    native_and_via_value: fn(&[u8], usize) -> (f64, f64),
}

macro_rules! macro_validator {
    ($name:ident, $path:literal) => {
        #[jsonschema::validator(
            path = $path,
            draft = Draft202012,
            validate_formats = true,
            formats = { "dateISO" => crate::support::is_iso_date },
            keywords = { "isNotOnlyWhitespace" => crate::support::not_only_whitespace_factory }
        )]
        struct $name;
    };
}

macro_validator!(ConnectFiInit, "../schemas/connectfi/customer-init.json");
macro_validator!(
    ConnectFiCondor,
    "../schemas/connectfi/condor-customer-create.json"
);
macro_validator!(
    RocketKor,
    "../schemas/rocketkor/create-business-customer.json"
);
macro_validator!(AxisFi, "../schemas/axisfi/create-customer.json");
macro_validator!(
    ConnectFinancial,
    "../schemas/connectfinancial/create-individual-customer.json"
);

fn typify_alone<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> bool {
    serde_json::from_slice::<T>(bytes).is_ok()
}

fn typed_floor<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> bool {
    sonic_rs::from_slice::<T>(bytes).is_ok()
}

fn ours_typed<T: runtime::Schema + serde::de::DeserializeOwned>(bytes: &[u8]) -> bool {
    runtime::from_slice::<T>(bytes).is_ok()
}

fn ours_typed_one_pass<T: runtime::Schema + serde::de::DeserializeOwned>(bytes: &[u8]) -> bool {
    runtime::from_slice_in_one_pass::<T>(bytes, Limits::default()).is_ok()
}

/// Median ns per call of `runtime::validate` on the typed value of `bytes`, natively (`to_node`)
/// and as before (`serde_json::to_value`, then the validators), over `rounds` batches.
fn native_and_via_value<T>(bytes: &[u8], rounds: usize) -> (f64, f64)
where
    T: runtime::Schema + runtime::to_node::ToTree + serde::de::DeserializeOwned + serde::Serialize,
{
    let value: T = runtime::from_slice(bytes).unwrap();
    let via_value =
        || runtime::validate_value::<T>(&serde_json::to_value(black_box(&value)).unwrap()).is_ok();
    assert!(runtime::validate(&value).is_ok() && via_value());
    let median = |f: &dyn Fn() -> bool| {
        const CALLS: u32 = 200;
        let mut samples: Vec<f64> = (0..rounds)
            .map(|_| {
                let start = std::time::Instant::now();
                for _ in 0..CALLS {
                    black_box(f());
                }
                start.elapsed().as_nanos() as f64 / f64::from(CALLS)
            })
            .collect();
        samples.sort_by(f64::total_cmp);
        samples[rounds / 2]
    };
    (
        median(&|| runtime::validate(black_box(&value)).is_ok()),
        median(&via_value),
    )
}

fn subjects() -> Vec<Subject> {
    use generated::rocketkor::create_business_customer as rocket;
    use generated::{axisfi::create_customer as axis, connectfi::condor_customer_create as condor};
    use generated::{
        connectfi::customer_init as init, connectfinancial::create_individual_customer as cf,
    };
    vec![
        Subject {
            name: "connectfi/customer-init",
            id: "connectfi/customer-init",
            doc_example: support::valid_request("connectfi/customer-init"),
            typify_alone: typify_alone::<init::CustomerInitRequest>,
            typed_floor: typed_floor::<init::CustomerInitRequest>,
            ours_typed: ours_typed::<init::CustomerInitRequest>,
            ours_typed_one_pass: ours_typed_one_pass::<init::CustomerInitRequest>,
            native_and_via_value: native_and_via_value::<init::CustomerInitRequest>,
            macro_is_valid: |v| ConnectFiInit::is_valid(v),
            macro_error_count: |v| ConnectFiInit::iter_errors(v).count(),
        },
        Subject {
            name: "connectfi/condor-customer-create",
            id: "connectfi/condor-customer-create",
            doc_example: support::valid_request("connectfi/condor-customer-create"),
            typify_alone: typify_alone::<condor::CondorCustomerCreateRequest>,
            typed_floor: typed_floor::<condor::CondorCustomerCreateRequest>,
            ours_typed: ours_typed::<condor::CondorCustomerCreateRequest>,
            ours_typed_one_pass: ours_typed_one_pass::<condor::CondorCustomerCreateRequest>,
            native_and_via_value: native_and_via_value::<condor::CondorCustomerCreateRequest>,
            macro_is_valid: |v| ConnectFiCondor::is_valid(v),
            macro_error_count: |v| ConnectFiCondor::iter_errors(v).count(),
        },
        Subject {
            name: "rocketkor/create-business-customer",
            id: "rocketkor/create-business-customer",
            doc_example: support::valid_request("rocketkor/create-business-customer"),
            typify_alone: typify_alone::<rocket::CreateBusinessCustomerRequest>,
            typed_floor: typed_floor::<rocket::CreateBusinessCustomerRequest>,
            ours_typed: ours_typed::<rocket::CreateBusinessCustomerRequest>,
            ours_typed_one_pass: ours_typed_one_pass::<rocket::CreateBusinessCustomerRequest>,
            native_and_via_value: native_and_via_value::<rocket::CreateBusinessCustomerRequest>,
            macro_is_valid: |v| RocketKor::is_valid(v),
            macro_error_count: |v| RocketKor::iter_errors(v).count(),
        },
        Subject {
            name: "axisfi/create-customer",
            id: "axisfi/create-customer",
            doc_example: support::valid_request("axisfi/create-customer"),
            typify_alone: typify_alone::<axis::CreateCustomerRequest>,
            typed_floor: typed_floor::<axis::CreateCustomerRequest>,
            ours_typed: ours_typed::<axis::CreateCustomerRequest>,
            ours_typed_one_pass: ours_typed_one_pass::<axis::CreateCustomerRequest>,
            native_and_via_value: native_and_via_value::<axis::CreateCustomerRequest>,
            macro_is_valid: |v| AxisFi::is_valid(v),
            macro_error_count: |v| AxisFi::iter_errors(v).count(),
        },
        Subject {
            name: "connectfinancial/create-individual-customer",
            id: "connectfinancial/create-individual-customer",
            doc_example: support::valid_request("connectfinancial/create-individual-customer"),
            typify_alone: typify_alone::<cf::CreateIndividualCustomerRequest>,
            typed_floor: typed_floor::<cf::CreateIndividualCustomerRequest>,
            ours_typed: ours_typed::<cf::CreateIndividualCustomerRequest>,
            ours_typed_one_pass: ours_typed_one_pass::<cf::CreateIndividualCustomerRequest>,
            native_and_via_value: native_and_via_value::<cf::CreateIndividualCustomerRequest>,
            macro_is_valid: |v| ConnectFinancial::is_valid(v),
            macro_error_count: |v| ConnectFinancial::iter_errors(v).count(),
        },
    ]
}

// ---- payloads ----

/// Pointers of every leaf (non-container value), in document order.
fn leaves(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| leaves(v, format!("{at}/{k}"), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| leaves(v, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

/// The largest array of the document, grown by repeating its items; documents without arrays
/// (the condor and Connect Financial requests) grow by free-form members the schema allows.
fn large_valid(subject: &Subject, is_valid: &dyn Fn(&Value) -> bool) -> Value {
    const TARGET: usize = 10 * 1024;
    let mut arrays = Vec::new();
    fn find_arrays(value: &Value, at: String, out: &mut Vec<(String, usize)>) {
        match value {
            Value::Array(items) => {
                out.push((at.clone(), serde_json::to_vec(value).unwrap().len()));
                items
                    .iter()
                    .enumerate()
                    .for_each(|(i, v)| find_arrays(v, format!("{at}/{i}"), out));
            }
            Value::Object(map) => map
                .iter()
                .for_each(|(k, v)| find_arrays(v, format!("{at}/{k}"), out)),
            _ => {}
        }
    }
    find_arrays(&subject.doc_example, String::new(), &mut arrays);
    arrays.sort_by_key(|(_, size)| std::cmp::Reverse(*size));
    for (pointer, _) in arrays {
        let mut grown = subject.doc_example.clone();
        let items = grown
            .pointer_mut(&pointer)
            .and_then(Value::as_array_mut)
            .unwrap();
        let Some(first) = items.first().cloned() else {
            continue;
        };
        let mut document = grown.clone();
        while serde_json::to_vec(&document).unwrap().len() < TARGET {
            document
                .pointer_mut(&pointer)
                .and_then(Value::as_array_mut)
                .unwrap()
                .push(first.clone());
        }
        if is_valid(&document) {
            return document;
        }
    }
    let mut document = subject.doc_example.clone();
    let holder = if subject.id.contains("condor") {
        "/cardAttributes/additionalData"
    } else {
        ""
    };
    let mut i = 0;
    while serde_json::to_vec(&document).unwrap().len() < TARGET {
        let object = document
            .pointer_mut(holder)
            .and_then(Value::as_object_mut)
            .unwrap();
        object.insert(
            format!("note{i:03}"),
            json!("an additional free-form note of about sixty characters."),
        );
        i += 1;
    }
    assert!(
        is_valid(&document),
        "{}: grown document is invalid",
        subject.name
    );
    document
}

/// The first (or last) leaf whose replacement by a number makes the document invalid.
fn break_one(document: &Value, from_end: bool, is_valid: &dyn Fn(&Value) -> bool) -> Value {
    let mut all = Vec::new();
    leaves(document, String::new(), &mut all);
    if from_end {
        all.reverse();
    }
    for pointer in all {
        let mut broken = document.clone();
        *broken.pointer_mut(&pointer).unwrap() = json!(12345);
        if !is_valid(&broken) {
            return broken;
        }
    }
    panic!("no single leaf breaks the document")
}

/// Every string leaf replaced by a number.
fn many_errors(document: &Value) -> Value {
    let mut broken = document.clone();
    let mut all = Vec::new();
    leaves(document, String::new(), &mut all);
    for pointer in all {
        let leaf = broken.pointer_mut(&pointer).unwrap();
        if leaf.is_string() {
            *leaf = json!(0);
        }
    }
    broken
}

// ---- measurement ----

fn criterion(quick: bool, output: &std::path::Path) -> Criterion {
    let base = Criterion::default()
        .output_directory(output)
        .without_plots()
        .with_output_color(false);
    if quick {
        base.warm_up_time(Duration::from_millis(40))
            .measurement_time(Duration::from_millis(120))
            .sample_size(10)
            .nresamples(1000)
    } else {
        base.warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3))
            .sample_size(50)
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let output = std::path::PathBuf::from(std::env::var("BENCH_OUTPUT").unwrap_or_else(|_| {
        // The workspace's target folder, whatever folder cargo runs the bench from.
        concat!(env!("CARGO_MANIFEST_DIR"), "/../target/bench-validators").into()
    }));
    // Results of an earlier run must never leak into this run's table.
    let _ = std::fs::remove_dir_all(&output);
    let mut c = criterion(quick, &output);
    let schemas = generated::schemas();
    let mut manifest = Vec::new();
    for subject in subjects() {
        let entry = *schemas.iter().find(|e| e.id == subject.id).unwrap();
        let runtime_validator = support::reference_validator(subject.id);
        let reference = |v: &Value| runtime_validator.is_valid(v);
        let large = large_valid(&subject, &reference);
        let payloads = [
            ("doc-example", subject.doc_example.clone(), true),
            ("large-valid", large.clone(), true),
            ("invalid-early", break_one(&large, false, &reference), false),
            ("invalid-late", break_one(&large, true, &reference), false),
            ("many-errors", many_errors(&large), false),
        ];
        for (payload, document, valid) in payloads {
            let bytes = serde_json::to_vec(&document).unwrap();
            let group_name = format!("{}.{payload}", subject.name.replace('/', "."));
            let parsed: Value = serde_json::from_slice(&bytes).unwrap();
            let node: Node<'_> = runtime::parse_json(&bytes, Limits::default()).unwrap();
            let ours_verdict = |n: &Node<'_>| entry.is_valid_node(n);
            // Verdicts first.
            assert_eq!(entry.is_valid_bytes(&bytes), valid, "{group_name}: ours");
            assert_eq!(
                entry.is_valid_bytes_by_tree(&bytes),
                valid,
                "{group_name}: ours through the tree"
            );
            assert_eq!(
                runtime_validator.is_valid(&parsed),
                valid,
                "{group_name}: jsonschema runtime"
            );
            assert_eq!(
                (subject.macro_is_valid)(&parsed),
                valid,
                "{group_name}: jsonschema macro"
            );
            assert_eq!(
                ours_verdict(&node),
                valid,
                "{group_name}: ours on a parsed tree"
            );
            if valid {
                assert!((subject.typify_alone)(&bytes), "{group_name}: typify alone");
                assert!(
                    (subject.typed_floor)(&bytes),
                    "{group_name}: sonic-rs typed"
                );
                assert!((subject.ours_typed)(&bytes), "{group_name}: ours typed");
                assert!(
                    (subject.ours_typed_one_pass)(&bytes),
                    "{group_name}: ours typed in one pass"
                );
            }
            manifest.push(format!(
                "{}\t{payload}\t{}\t{valid}",
                subject.name,
                bytes.len()
            ));
            let mut group = c.benchmark_group(&group_name);
            if valid {
                // (a) bytes to verdict
                group.bench_function("ours", |b| {
                    b.iter(|| entry.is_valid_bytes(black_box(&bytes)))
                });
                group.bench_function("jsonschema-runtime", |b| {
                    b.iter(|| {
                        runtime_validator
                            .is_valid(&serde_json::from_slice::<Value>(black_box(&bytes)).unwrap())
                    })
                });
                group.bench_function("jsonschema-macro", |b| {
                    b.iter(|| {
                        (subject.macro_is_valid)(
                            &serde_json::from_slice::<Value>(black_box(&bytes)).unwrap(),
                        )
                    })
                });
                group.bench_function("typify-alone", |b| {
                    b.iter(|| (subject.typify_alone)(black_box(&bytes)))
                });
                group.bench_function("ours-typed", |b| {
                    b.iter(|| (subject.ours_typed)(black_box(&bytes)))
                });
                group.bench_function("ours-typed-one-pass", |b| {
                    b.iter(|| (subject.ours_typed_one_pass)(black_box(&bytes)))
                });
                group.bench_function("ours-by-tree", |b| {
                    b.iter(|| entry.is_valid_bytes_by_tree(black_box(&bytes)))
                });
                group.bench_function("typed-floor", |b| {
                    b.iter(|| (subject.typed_floor)(black_box(&bytes)))
                });
                // (d) floors
                group.bench_function("parse-value", |b| {
                    b.iter(|| serde_json::from_slice::<Value>(black_box(&bytes)).unwrap())
                });
                group.bench_function("parse-tree", |b| {
                    b.iter(|| runtime::parse_json(black_box(&bytes), Limits::default()).unwrap())
                });
            } else {
                // (b) bytes to all errors
                group.bench_function("ours", |b| {
                    b.iter(|| {
                        let node =
                            runtime::parse_json(black_box(&bytes), Limits::default()).unwrap();
                        entry
                            .validate_node(&node, Limits::default())
                            .err()
                            .map_or(0, |e| e.len())
                    })
                });
                group.bench_function("jsonschema-runtime", |b| {
                    b.iter(|| {
                        runtime_validator
                            .iter_errors(
                                &serde_json::from_slice::<Value>(black_box(&bytes)).unwrap(),
                            )
                            .count()
                    })
                });
                group.bench_function("jsonschema-macro", |b| {
                    b.iter(|| {
                        (subject.macro_error_count)(
                            &serde_json::from_slice::<Value>(black_box(&bytes)).unwrap(),
                        )
                    })
                });
                group.bench_function("ours-verdict", |b| {
                    b.iter(|| entry.is_valid_bytes(black_box(&bytes)))
                });
                group.bench_function("ours-verdict-by-tree", |b| {
                    b.iter(|| entry.is_valid_bytes_by_tree(black_box(&bytes)))
                });
            }
            // (c) validate only, on an already parsed document
            group.bench_function("validate-only-ours", |b| {
                b.iter(|| ours_verdict(black_box(&node)))
            });
            group.bench_function("validate-only-jsonschema-runtime", |b| {
                b.iter(|| runtime_validator.is_valid(black_box(&parsed)))
            });
            group.bench_function("validate-only-jsonschema-macro", |b| {
                b.iter(|| (subject.macro_is_valid)(black_box(&parsed)))
            });
            group.finish();
        }
    }
    std::fs::create_dir_all(&output).unwrap();
    std::fs::write(output.join("payloads.tsv"), manifest.join("\n") + "\n").unwrap();
    print!("{}", report::render(&output, quick));
    println!("\n=== a request built in Rust: runtime::validate, native vs through serde_json::Value (doc examples) ===");
    let rounds = if quick { 51 } else { 501 };
    let mut ratios = Vec::new();
    for subject in subjects() {
        let bytes = serde_json::to_vec(&subject.doc_example).unwrap();
        let (native, via_value) = (subject.native_and_via_value)(&bytes, rounds);
        ratios.push(via_value / native);
        println!(
            "{:<45} native {native:>8.0} ns   via Value {via_value:>8.0} ns   {:.2}x",
            subject.name,
            via_value / native
        );
    }
    let geometric = ratios.iter().map(|r| r.ln()).sum::<f64>() / ratios.len() as f64;
    println!(
        "native validation speedup: geometric mean {:.2}x, lowest {:.2}x (target 5x on every doc example)",
        geometric.exp(),
        ratios.iter().copied().fold(f64::INFINITY, f64::min)
    );
}

mod report;
