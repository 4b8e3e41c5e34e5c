//! Bytes into every request schema: the typed result, the verdict and the full error report must
//! agree, and nothing may panic.
#![no_main]

use generated::runtime::{self, Limits, Rejection, Schema};
use libfuzzer_sys::fuzz_target;

/// `from_slice` into `T` agrees with the verdict and with the error report of `T`'s schema.
fn agree<T: Schema + for<'de> serde::Deserialize<'de>>(data: &[u8]) {
    let entry = generated::schemas()
        .into_iter()
        .find(|entry| entry.id == T::ID)
        .expect("every request type is in the registry");
    let verdict = entry.is_valid_bytes(data);
    let report = runtime::parse_json(data, Limits::default())
        .map(|node| entry.validate_node(&node, Limits::default()));
    match (runtime::from_slice::<T>(data), report) {
        (Ok(_), Ok(Ok(()))) => assert!(verdict, "{}: typed and reported valid, verdict invalid", T::ID),
        (Err(Rejection::Invalid(errors)), Ok(Err(reported))) => {
            assert!(!verdict, "{}: invalid but the verdict is valid", T::ID);
            assert_eq!(errors, reported, "{}: two error reports differ", T::ID);
            assert!(!errors.is_empty());
        }
        (Err(Rejection::NotJson(_) | Rejection::TooLarge { .. }), Err(_)) => assert!(!verdict),
        (typed, report) => panic!(
            "{}: typed result {:?} disagrees with the report {:?}",
            T::ID,
            typed.is_ok(),
            report.map(|r| r.is_ok())
        ),
    }
}

fuzz_target!(|data: &[u8]| {
    agree::<generated::connectfi::customer_init::CustomerInitRequest>(data);
    agree::<generated::connectfi::condor_customer_create::CondorCustomerCreateRequest>(data);
    agree::<generated::rocketkor::create_business_customer::CreateBusinessCustomerRequest>(data);
    agree::<generated::axisfi::create_customer::CreateCustomerRequest>(data);
    agree::<generated::connectfinancial::create_individual_customer::CreateIndividualCustomerRequest>(data);
});
