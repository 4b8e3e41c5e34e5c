//! A consumer of the generated crate, as an integration would write it: requests are built from
//! plain Rust data with builders (no `None` spelled out, personal data passed as plain values),
//! checked against every documented rule, serialized, and responses are parsed and validated.
//! `cargo test` runs it; `cargo run -p consumer` prints what it would send, never the data.

use generated::connectfi::customer_init::{
    Address, AddressType, CustomerInitRequest, CustomerPersonal, Gender, IndividualCustomerRequest,
    Phone, PhoneType,
};
use generated::rocketkor::create_business_customer::{
    Contact, CreateBusinessCustomerRequest, Email, Phone as ContactPhone,
    PhoneType as ContactPhoneType,
};
use generated::runtime::{self, BuildErrors};
use std::error::Error;

/// A business customer for RocketKOR: one primary contact, nothing optional spelled out.
fn rocketkor_request() -> Result<CreateBusinessCustomerRequest, BuildErrors> {
    let contact = Contact::builder()
        .first_name("Jack")
        .last_name("Smith")
        .primary(true)
        .primary_email(Email::builder().value("jsmith@acme.com").build()?)
        .primary_phone_number(
            ContactPhone::builder()
                .number("+14151234")
                .type_(ContactPhoneType::Work)
                .build()?,
        )
        .build()?;
    CreateBusinessCustomerRequest::builder()
        .business_name("ACME")
        .contacts(vec![contact])
        .website("https://www.acme.com")
        .build()
}

/// An individual customer for connectFi, built as its branch and turned into the body type.
fn connectfi_request() -> Result<CustomerInitRequest, BuildErrors> {
    let customer = CustomerPersonal::builder()
        .first_name("JOLEEN")
        .last_name("KAPSCH")
        .gender(Gender::F)
        .date_of_birth("1969-08-04")
        .email("aa@aa.aa")
        .citizenship_country_code_a3("USA")
        .addresses(vec![Address::builder()
            .type_(AddressType::Primary)
            .address_line1("123 Main Str.")
            .city("Harrisburg")
            .state_code("PA")
            .postal_code("12345")
            .country_code_a3("USA")
            .build()?])
        .phones(vec![Phone::builder()
            .type_(PhoneType::Mobile)
            .phone_number("5556667777")
            .build()?])
        .build()?;
    let request = IndividualCustomerRequest::builder()
        .customer_reference("ExtRefICust104")
        .customer(customer)
        .build()?;
    Ok(request.into())
}

fn main() -> Result<(), Box<dyn Error>> {
    let rocketkor = rocketkor_request()?;
    runtime::validate(&rocketkor)?;
    let connectfi = connectfi_request()?;
    runtime::validate(&connectfi)?;
    for (endpoint, body) in [
        (
            "RocketKOR POST /v1/customers",
            serde_json::to_vec(&rocketkor)?,
        ),
        (
            "connectFi POST /customer/init",
            serde_json::to_vec(&connectfi)?,
        ),
    ] {
        // The body holds personal data: say how much would be sent, not what.
        println!("{endpoint}: a valid body of {} bytes", body.len());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use generated::connectfi::customer_init::CustomerInitResponse;

    #[test]
    fn built_requests_pass_every_documented_rule_and_serialize() {
        let rocketkor = rocketkor_request().unwrap();
        assert_eq!(runtime::validate(&rocketkor), Ok(()));
        let json = serde_json::to_value(&rocketkor).unwrap();
        assert_eq!(
            json["type"], "BUSINESS",
            "the single allowed value is set by the builder"
        );
        assert_eq!(
            json["contacts"][0]["firstName"], "Jack",
            "personal data is sent as is"
        );
        assert!(
            json.get("addresses").is_none(),
            "unset optional fields are left out"
        );

        let connectfi = connectfi_request().unwrap();
        assert_eq!(runtime::validate(&connectfi), Ok(()));
        let json = serde_json::to_value(&connectfi).unwrap();
        assert_eq!(json["customerType"], "individual");
        assert_eq!(json["customer"]["dateOfBirth"], "1969-08-04");
    }

    #[test]
    fn debug_of_a_built_request_shows_no_personal_data() {
        let debug = format!(
            "{:?} {:?}",
            rocketkor_request().unwrap(),
            connectfi_request().unwrap()
        );
        for personal in [
            "Jack",
            "Smith",
            "jsmith@acme.com",
            "+14151234",
            "JOLEEN",
            "KAPSCH",
            "1969-08-04",
            "aa@aa.aa",
            "123 Main Str.",
            "Harrisburg",
            "12345",
            "5556667777",
        ] {
            assert!(!debug.contains(personal), "{personal} in Debug");
        }
    }

    #[test]
    fn build_names_every_missing_or_invalid_field_and_never_the_value() {
        let errors = Contact::builder()
            .first_name("")
            .last_name("x".repeat(41))
            .primary_email(Email::builder().value("jsmith@acme.com").build().unwrap())
            .build()
            .unwrap_err();
        assert_eq!(
            errors.to_string(),
            "cannot build Contact: `firstName`: must be at least 1 character long; \
             `lastName`: must be at most 40 characters long; `primaryPhoneNumber` is required but was not set"
        );
        let errors = CustomerPersonal::builder()
            .date_of_birth("1969-13-45")
            .build()
            .unwrap_err();
        assert!(
            errors
                .to_string()
                .contains("`dateOfBirth`: must be a real date in YYYY-MM-DD form"),
            "{errors}"
        );
        assert!(!errors.to_string().contains("1969-13-45"));
    }

    #[test]
    fn a_documented_response_parses_and_validates() {
        let body = br#"{"code": "0", "requestId": "d38a973078d011eeb5658f28ab5fe311", "data": {
            "reference": "ExtRefICust101", "customerId": "cstap_6reGTr3k8vpAu8uFV7EdiN",
            "customerType": "individual", "boises": [], "dtsCreatedAt": "2023-11-01T16:07:59.332Z",
            "customer": {"firstName": "Janice", "lastName": "Sample", "gender": "M",
                "dateOfBirth": "1969-08-04", "email": "aa@aa.aa", "citizenshipCountryCodeA3": "USA",
                "addresses": [], "phones": [], "identificationDocuments": []}}}"#;
        let response: CustomerInitResponse = runtime::from_slice(body).unwrap();
        assert_eq!(response.code, "0");
        assert!(!format!("{response:?}").contains("Janice"));
    }
}
