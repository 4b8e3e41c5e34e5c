//! Bytes into every request schema: the typed result, the verdict and the full error report must
//! agree, the single pass must agree exactly with the tree validator, and nothing may panic.
#![no_main]

use generated::runtime::{self, single_pass, Limits, Rejection, Schema};
use libfuzzer_sys::fuzz_target;

/// `from_slice` into `T` agrees with the verdict and with the error report of `T`'s schema.
fn agree<T: Schema + serde::Serialize + for<'de> serde::Deserialize<'de>>(data: &[u8]) {
    let entry = generated::schemas()
        .into_iter()
        .find(|entry| entry.id == T::ID)
        .expect("every request type is in the registry");
    let verdict = entry.is_valid_bytes(data);
    assert_eq!(verdict, entry.is_valid_bytes_by_tree(data), "{}: single-pass verdict differs", T::ID);
    let typed = runtime::from_slice::<T>(data);
    let as_json = |value: &T| serde_json::to_value(value).expect("generated types serialize");
    match (&typed, runtime::from_slice_in_one_pass::<T>(data, Limits::default())) {
        (Ok(tree), Ok(one)) => assert_eq!(as_json(tree), as_json(&one), "{}: typed values differ", T::ID),
        (Err(tree), Err(one)) => assert_eq!(tree, &one, "{}: rejections differ", T::ID),
        _ => panic!("{}: the single pass and the tree disagree", T::ID),
    }
    if let (Ok(tree), Some(one)) = (&typed, single_pass::typed::<T>(data, T::READ_PLAN, Limits::default())) {
        assert_eq!(as_json(tree), as_json(&one), "{}: typed values differ", T::ID);
    }
    let report = runtime::parse_json(data, Limits::default())
        .map(|node| entry.validate_node(&node, Limits::default()));
    match (typed, report) {
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
