//! Runs one way of reading a request, many times over a schema's doc example, for an instruction
//! count free of the timing noise of a shared machine:
//!
//! ```text
//! cargo build --release -p tests --example paths
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/paths rocketkor/create-business-customer one-pass-typed 200
//! ```
//!
//! Subtract the count of `nothing` (the same run without reading) to get the reading alone.

#![allow(deprecated)] // the condor endpoint is deprecated by its provider, and still measured

#[path = "../support/mod.rs"]
mod support;

use generated::runtime::{self, Limits, Schema};
use serde::de::{DeserializeOwned, IgnoredAny};
use std::hint::black_box;

const MODES: &str = "nothing, skip, parse-tree, serde-typed, tree-typed, one-pass-typed, \
                     tree-verdict, one-pass-verdict";

/// One read of `bytes` in `mode`; `None` for an unknown mode.
fn read<T: Schema + DeserializeOwned>(mode: &str, bytes: &[u8]) -> Option<bool> {
    Some(match mode {
        "nothing" => !bytes.is_empty(),
        // serde_json's own walk of the text, building nothing.
        "skip" => serde_json::from_slice::<IgnoredAny>(bytes).is_ok(),
        "parse-tree" => runtime::parse_json(bytes, Limits::default()).is_ok(),
        "serde-typed" => serde_json::from_slice::<T>(bytes).is_ok(),
        "tree-typed" => runtime::from_slice::<T>(bytes).is_ok(),
        "one-pass-typed" => runtime::from_slice_in_one_pass::<T>(bytes, Limits::default()).is_ok(),
        "tree-verdict" => runtime::is_valid_bytes_by_tree::<T>(bytes),
        "one-pass-verdict" => runtime::is_valid_bytes::<T>(bytes),
        _ => return None,
    })
}

fn run<T: Schema + DeserializeOwned>(mode: &str, bytes: &[u8], times: usize) -> Option<usize> {
    let mut accepted = 0;
    for _ in 0..times {
        accepted += usize::from(read::<T>(mode, black_box(bytes))?);
    }
    Some(accepted)
}

fn main() {
    use generated::rocketkor::create_business_customer as rocket;
    use generated::{axisfi::create_customer as axis, connectfi::condor_customer_create as condor};
    use generated::{
        connectfi::customer_init as init, connectfinancial::create_individual_customer as cf,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [schema, mode, times] = &args[..] else {
        eprintln!("usage: paths <schema id> <mode: {MODES}> <times>");
        std::process::exit(2);
    };
    let Ok(times) = times.parse::<usize>() else {
        eprintln!("paths: <times> must be a whole number");
        std::process::exit(2);
    };
    let bytes = serde_json::to_vec(&support::valid_request(schema)).unwrap();
    let accepted = match schema.as_str() {
        "connectfi/customer-init" => run::<init::CustomerInitRequest>(mode, &bytes, times),
        "connectfi/condor-customer-create" => {
            run::<condor::CondorCustomerCreateRequest>(mode, &bytes, times)
        }
        "rocketkor/create-business-customer" => {
            run::<rocket::CreateBusinessCustomerRequest>(mode, &bytes, times)
        }
        "axisfi/create-customer" => run::<axis::CreateCustomerRequest>(mode, &bytes, times),
        "connectfinancial/create-individual-customer" => {
            run::<cf::CreateIndividualCustomerRequest>(mode, &bytes, times)
        }
        _ => {
            eprintln!("paths: unknown schema id {schema:?}");
            std::process::exit(2);
        }
    };
    match accepted {
        Some(accepted) => println!("{schema} {mode}: {accepted} of {times} reads accepted"),
        None => {
            eprintln!("paths: unknown mode {mode:?} (one of: {MODES})");
            std::process::exit(2);
        }
    }
}
