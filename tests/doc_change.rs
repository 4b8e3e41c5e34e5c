//! The doc-change loop end to end: a seed page is edited the way providers really change their
//! pages, re-captured against the checked-in schema with its overlay, and diffed against it.
//! Each scenario asserts the rule changes and the capture notes, and keeps the whole report as
//! an insta snapshot.

mod support;

use codegen::schema_diff::{diff_schemas, Impact};
use support::pages::{checked_in, new_notes, page_text, recapture_endpoint, seed_of, seed_text};

struct Scenario {
    name: &'static str,
    schema: &'static str,
    /// The page to edit: a file in `tests/pages/`, or (`None`) the schema's seed page.
    rendering: Option<&'static str>,
    /// `(from, to, occurrences)`: each edit must match exactly that many times.
    edits: &'static [(&'static str, &'static str, usize)],
    /// Expected `impact pointer what` lines, annotation-only changes left out.
    expected: &'static [&'static str],
    /// What the reviewer is told to check, each without its `line N: ` prefix.
    notes: &'static [&'static str],
}

fn run(scenario: &Scenario) {
    let (_, schema) = checked_in(scenario.schema);
    let seed = seed_of(&schema);
    let page_name = scenario.rendering.unwrap_or(seed);
    let page = match scenario.rendering {
        Some(file) => Some(page_text(file)),
        None => seed_text(seed, scenario.name),
    };
    let Some(page) = page else {
        return;
    };
    let mut page = page.replace('\u{a0}', " ");
    for (from, to, count) in scenario.edits {
        assert_eq!(
            page.matches(from).count(),
            *count,
            "{}: edit `{from}`",
            scenario.name
        );
        page = page.replace(from, to);
    }
    let captured = recapture_endpoint(scenario.schema, &page, page_name);
    assert_eq!(captured.unreadable, [], "{}", scenario.name);
    // Notes the checked-in schema already records were seen by its reviewer.
    let unseen = new_notes(&captured, &schema);
    let notes: Vec<&str> = unseen
        .iter()
        .map(|n| {
            n.split_once(": ")
                .filter(|(l, _)| l.starts_with("line "))
                .map_or(n.as_str(), |(_, n)| n)
        })
        .collect();
    assert_eq!(notes, scenario.notes, "{}", scenario.name);
    let changes = diff_schemas(&schema, &captured.draft);
    let rules: Vec<String> = changes
        .iter()
        .filter(|c| c.impact != Impact::Annotation && c.body == "request")
        .map(|c| format!("{} {} {}", c.impact, c.pointer, c.what))
        .collect();
    assert_eq!(rules, scenario.expected, "{}", scenario.name);
    let report: Vec<String> = changes.iter().map(ToString::to_string).collect();
    insta::with_settings!({ description => format!("{} edited: {:?}", seed, scenario.edits), omit_expression => true, prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(scenario.name, report.join("\n"));
    });
}

#[test]
fn an_unchanged_page_reports_nothing() {
    run(&Scenario {
        name: "connectfi_init_unchanged",
        rendering: None,
        schema: "connectfi/customer-init",
        edits: &[],
        expected: &[],
        notes: &[],
    });
    run(&Scenario {
        name: "condor_unchanged",
        rendering: None,
        schema: "connectfi/condor-customer-create",
        edits: &[],
        expected: &[],
        notes: &[],
    });
    run(&Scenario {
        name: "rocketkor_unchanged",
        rendering: None,
        schema: "rocketkor/create-business-customer",
        edits: &[],
        expected: &[],
        notes: &[],
    });
}

#[test]
fn rocketkor_page_edits() {
    run(&Scenario {
        name: "rocketkor_tighten_length",
        rendering: None,
        schema: "rocketkor/create-business-customer",
        edits: &[(
            "string, min length: 1, max length: 40\n\nContact’s first name.",
            "string, min length: 1, max length: 30\n\nContact’s first name.",
            1,
        )],
        expected: &["breaking /$defs/Contact/properties/firstName/maxLength maxLength 40 -> 30"],
        notes: &[],
    });
    run(&Scenario {
        name: "rocketkor_add_enum_value",
        rendering: None,
        schema: "rocketkor/create-business-customer",
        edits: &[(
            "values: HOME, MOBILE, WORK",
            "values: HOME, MOBILE, WORK, FAX",
            1,
        )],
        expected: &["relaxing /$defs/Phone/properties/type/enum enum values added: \"FAX\""],
        notes: &[],
    });
    run(&Scenario {
        name: "rocketkor_make_required",
        rendering: None,
        schema: "rocketkor/create-business-customer",
        edits: &[("middleName\n\nstring, min length: 1, max length: 40\n\nContact’s middle name.", "middleName  REQUIRED\n\nstring, min length: 1, max length: 40\n\nContact’s middle name.", 1)],
        expected: &["breaking /$defs/Contact/required `middleName` became required"],
        notes: &[],
    });
    run(&Scenario {
        name: "rocketkor_rename_field",
        rendering: None,
        schema: "rocketkor/create-business-customer",
        edits: &[("\nlegalName\n", "\nregisteredName\n", 1)],
        expected: &[
            "breaking /properties/registeredName property `registeredName` added: its value now has rules",
            "relaxing /properties/legalName property `legalName` removed: its value is no longer checked",
        ],
        notes: &[
            "`/registeredName` is new: placed by position after `verified`, check it",
            "`/legalName` is in the checked-in schema but no longer on the page: removed",
        ],
    });
    // The overlay's rule "taxIdCountryCode is required if taxId is provided" goes with the field.
    run(&Scenario {
        name: "rocketkor_remove_conditional_field",
        rendering: None,
        schema: "rocketkor/create-business-customer",
        edits: &[(
            "taxIdCountryCode  CONDITIONAL\n\nstring, min length: 3, max length: 3\n\nCountry where the tax ID was issued. Must be an ISO 3166-1 uppercase alpha 3-character country code. For example, the United States is USA and Canada is CAN. Required if taxId is provided.\n\n",
            "",
            1,
        )],
        expected: &[
            "relaxing /dependentRequired `taxIdCountryCode` is no longer required when `taxId` is present",
            "relaxing /properties/taxIdCountryCode property `taxIdCountryCode` removed: its value is no longer checked",
        ],
        notes: &[
            "`/taxIdCountryCode` is in the checked-in schema but no longer on the page: removed",
            "overlay amends `/properties/taxIdCountryCode`, which the page no longer lists: not applied",
            "`/dependentRequired/taxId` requiring \"taxIdCountryCode\" names a property the page no longer lists: removed",
        ],
    });
}

#[test]
fn connectfi_init_page_edits() {
    run(&Scenario {
        name: "connectfi_init_tighten_length",
        rendering: None,
        schema: "connectfi/customer-init",
        edits: &[("\"maxLength\": 32,", "\"maxLength\": 20,", 3)],
        expected: &["breaking /$defs/Reference/maxLength maxLength 32 -> 20"],
        notes: &[],
    });
    run(&Scenario {
        name: "connectfi_init_add_enum_value",
        rendering: None,
        schema: "connectfi/customer-init",
        edits: &[(
            "\"enum\": [ \"M\", \"F\" ]",
            "\"enum\": [ \"M\", \"F\", \"X\" ]",
            2,
        )],
        expected: &["relaxing /$defs/Gender/enum enum values added: \"X\""],
        notes: &[],
    });
    run(&Scenario {
        name: "connectfi_init_make_required",
        rendering: None,
        schema: "connectfi/customer-init",
        edits: &[("identificationDocuments Array of identification document objects No", "identificationDocuments Array of identification document objects Yes", 2)],
        expected: &[
            "breaking /$defs/BusinessRepresentative/required `identificationDocuments` became required",
            "breaking /$defs/CustomerPersonal/required `identificationDocuments` became required",
        ],
        notes: &[],
    });
    run(&Scenario {
        name: "connectfi_init_rename_field",
        rendering: None,
        schema: "connectfi/customer-init",
        edits: &[("countryDialingCode Country dialing code prefix", "dialingCode Country dialing code prefix", 2)],
        expected: &[
            "breaking /$defs/BusinessPhone/properties/dialingCode property `dialingCode` added: its value now has rules",
            "breaking /$defs/Phone/properties/dialingCode property `dialingCode` added: its value now has rules",
            "relaxing /$defs/BusinessPhone/properties/countryDialingCode property `countryDialingCode` removed: its value is no longer checked",
            "relaxing /$defs/Phone/properties/countryDialingCode property `countryDialingCode` removed: its value is no longer checked",
        ],
        notes: &[],
    });
}

#[test]
fn condor_page_edits() {
    run(&Scenario {
        name: "condor_tighten_length",
        rendering: None,
        schema: "connectfi/condor-customer-create",
        edits: &[("(1-20 characters)", "(1-16 characters)", 1)],
        expected: &[
            "breaking /$defs/CardAttributes/properties/reference/maxLength maxLength 20 -> 16",
        ],
        notes: &[],
    });
    run(&Scenario {
        name: "condor_add_enum_value",
        rendering: None,
        schema: "connectfi/condor-customer-create",
        edits: &[("String \"PRIMARY\" or \"SECONDARY\"", "String \"PRIMARY\", \"SECONDARY\", or \"BILLING\"", 1)],
        expected: &["relaxing /$defs/CardAttributes/properties/addressType/enum enum values added: \"BILLING\""],
        notes: &[],
    });
    run(&Scenario {
        name: "condor_make_required",
        rendering: None,
        schema: "connectfi/condor-customer-create",
        edits: &[
            ("cardShippingMethod Shipping method chosen for card String \"Standard\"\n", "", 1),
            ("or \"DAMAGED\"\n", "or \"DAMAGED\"\ncardShippingMethod Shipping method chosen for card String \"Standard\"\n", 1),
        ],
        expected: &["breaking /$defs/CardAttributes/required `cardShippingMethod` became required"],
        notes: &[],
    });
    run(&Scenario {
        name: "condor_rename_field",
        rendering: None,
        schema: "connectfi/condor-customer-create",
        edits: &[("\nnameOnCard Full customer name", "\ncardholderName Full customer name", 1)],
        expected: &[
            "breaking /$defs/CardAttributes/properties/cardholderName property `cardholderName` added: its value now has rules",
            "breaking /$defs/CardAttributes/required `cardholderName` became required",
            "relaxing /$defs/CardAttributes/properties/nameOnCard property `nameOnCard` removed: its value is no longer checked",
            "relaxing /$defs/CardAttributes/required `nameOnCard` is no longer required",
        ],
        notes: &["overlay amends `/$defs/CardAttributes/properties/nameOnCard`, which the page no longer lists: not applied"],
    });
}

/// The drifts seen on real pages, replayed on the seeds and on their compact renderings.
#[test]
fn real_drift() {
    run(&Scenario {
        name: "rocketkor_field_added_at_the_top",
        schema: "rocketkor/create-business-customer",
        rendering: None,
        edits: &[(
            "Request Body\n\nexternalId  CONDITIONAL",
            "Request Body\n\ncustomerNumber  REQUIRED\n\nstring, max length: 20\n\nYour customer number.\n\nexternalId  CONDITIONAL",
            1,
        )],
        expected: &[
            "breaking /properties/customerNumber property `customerNumber` added: its value now has rules",
            "breaking /required `customerNumber` became required",
        ],
        notes: &["`/customerNumber` is new: placed by position, check it"],
    });
    run(&Scenario {
        name: "rocketkor_nested_field_removed",
        schema: "rocketkor/create-business-customer",
        rendering: None,
        edits: &[("apartmentNumber\n\nstring\n\nApartment number.\n\n", "", 1)],
        expected: &["relaxing /$defs/Address/properties/apartmentNumber property `apartmentNumber` removed: its value is no longer checked"],
        notes: &[
            "`/addresses/apartmentNumber` is in the checked-in schema but no longer on the page: removed",
            "overlay amends `/$defs/Address/properties/apartmentNumber`, which the page no longer lists: not applied",
        ],
    });
    run(&Scenario {
        name: "rocketkor_nested_field_added",
        schema: "rocketkor/create-business-customer",
        rendering: Some("rocketkor-create-business-customer.compact.txt"),
        edits: &[(
            "apartmentNumber\nstring\nApartment number.\n",
            "apartmentNumber\nstring\nApartment number.\nbuildingName\nstring, max length: 50\nBuilding name.\n",
            1,
        )],
        expected: &["breaking /$defs/Address/properties/buildingName property `buildingName` added: its value now has rules"],
        notes: &["`/addresses/buildingName` is new: placed by position after `apartmentNumber`, check it"],
    });
    run(&Scenario {
        name: "rocketkor_conditional_made_required",
        schema: "rocketkor/create-business-customer",
        rendering: Some("rocketkor-create-business-customer.compact.txt"),
        edits: &[("zipCode CONDITIONAL", "zipCode REQUIRED", 1)],
        expected: &["breaking /$defs/Address/required `zipCode` became required"],
        notes: &[],
    });
    run(&Scenario {
        name: "rocketkor_enum_values_replaced",
        schema: "rocketkor/create-business-customer",
        rendering: None,
        edits: &[("values: MAILING, PHYSICAL, SHIPPING", "values: POSTAL, REGISTERED, SHIPPING", 1)],
        expected: &[
            "breaking /$defs/Address/properties/type/enum enum values removed: \"MAILING\", \"PHYSICAL\"",
            "relaxing /$defs/Address/properties/type/enum enum values added: \"POSTAL\", \"REGISTERED\"",
        ],
        notes: &[],
    });
    run(&Scenario {
        name: "connectfi_init_fragment_labels_as_id",
        schema: "connectfi/customer-init",
        rendering: Some("connectfi-customer-init.compact.txt"),
        edits: &[
            ("\"description\": \"common-", "\"$id\": \"common-", 19),
            ("\"description\": \"customer-", "\"$id\": \"customer-", 18),
        ],
        expected: &[],
        notes: &[],
    });
}

#[test]
fn mintlify_page_edits() {
    run(&Scenario {
        name: "axisfi_unchanged",
        schema: "axisfi/create-customer",
        rendering: None,
        edits: &[],
        expected: &[],
        notes: &[],
    });
    run(&Scenario {
        name: "axisfi_sample_field_removed",
        schema: "axisfi/create-customer",
        rendering: None,
        edits: &[("\"website\": \"https://www.example.com\",\n", "", 2)],
        expected: &["relaxing /$defs/BusinessDetails/properties/website property `website` removed: its value is no longer checked"],
        notes: &["`/business_details/website` is in the checked-in schema but no longer on the page: removed"],
    });
    run(&Scenario {
        name: "axisfi_sample_field_added",
        schema: "axisfi/create-customer",
        rendering: None,
        edits: &[(
            "\"partner_customer_id\": \"<string>\",\n\"business_details\"",
            "\"partner_customer_id\": \"<string>\",\n\"tax_id\": \"<string>\",\n\"business_details\"",
            2,
        )],
        expected: &["breaking /properties/tax_id property `tax_id` added: its value now has rules"],
        notes: &["`/tax_id` is new: check it"],
    });
    run(&Scenario {
        name: "axisfi_range_changed",
        schema: "axisfi/create-customer",
        rendering: None,
        edits: &[("20 - 64Company", "20 - 80Company", 1)],
        expected: &["relaxing /properties/partner_customer_id/maxLength maxLength 64 -> 80"],
        notes: &[],
    });
    run(&Scenario {
        name: "axisfi_expanded_qualifier_gone",
        schema: "axisfi/create-customer",
        rendering: Some("axisfi-create-customer.expanded.txt"),
        edits: &[("Required string length: `20 - 64`\n", "", 1)],
        expected: &[
            "relaxing /properties/partner_customer_id/maxLength maxLength 64 -> (none)",
            "relaxing /properties/partner_customer_id/minLength minLength 20 -> (none)",
        ],
        notes: &[],
    });
}

/// Yesterday's page and today's, both captured as a reviewer would (against the checked-in
/// schema, with its overlay), then diffed: for drifts of facts the seed page does not state.
fn between(
    schema: &str,
    rendering: &str,
    yesterday: &[(&str, &str)],
    today: &[(&str, &str)],
) -> Vec<String> {
    let page = page_text(rendering);
    let edited = |edits: &[(&str, &str)]| {
        let mut text = page.clone();
        for (from, to) in edits {
            assert_eq!(text.matches(from).count(), 1, "edit `{from}`");
            text = text.replace(from, to);
        }
        let captured = recapture_endpoint(schema, &text, rendering);
        assert_eq!(captured.unreadable, [], "{rendering}");
        captured.draft
    };
    diff_schemas(&edited(yesterday), &edited(today))
        .iter()
        .filter(|c| c.impact != Impact::Annotation)
        .map(|c| format!("{} {} {}", c.impact, c.pointer, c.what))
        .collect()
}

#[test]
fn mintlify_enum_drifts() {
    const TYPE: &str = "business_details.business_type\nstring\n";
    let inline = "business_details.business_type\nenum<string>\nAvailable options: `Limited Liability Company`, `Corporation`\n";
    let replaced =
        "business_details.business_type\nenum<string>\nAvailable options: `LLC`, `Corporation`\n";
    let one_per_line = "business_details.business_type\nenum<string>\nAvailable options:\n`Limited Liability Company`,\n`Corporation`\n";
    let expanded = "axisfi-create-customer.expanded.txt";
    assert_eq!(
        between("axisfi/create-customer", expanded, &[(TYPE, inline)], &[(TYPE, replaced)]),
        [
            "breaking /$defs/BusinessDetails/properties/business_type/enum enum values removed: \"Limited Liability Company\"",
            "relaxing /$defs/BusinessDetails/properties/business_type/enum enum values added: \"LLC\"",
        ]
    );
    assert_eq!(
        between(
            "axisfi/create-customer",
            expanded,
            &[(TYPE, inline)],
            &[(TYPE, one_per_line)]
        ),
        Vec::<String>::new(),
        "options one per line are the same options"
    );
    assert_eq!(
        between("axisfi/create-customer", expanded, &[], &[(TYPE, inline)]),
        ["breaking /$defs/BusinessDetails/properties/business_type/enum enum (none) -> [\"Limited Liability Company\",\"Corporation\"]"]
    );
}

/// Seed 004 (Docusaurus, its leaf names lost) edited the ways pages drift: every unnamed field is
/// matched against the checked-in schema by its parent, order and description or qualifier.
#[test]
fn docusaurus_page_edits() {
    const CF: &str = "connectfinancial/create-individual-customer";
    run(&Scenario {
        name: "docusaurus_unchanged",
        schema: CF,
        rendering: None,
        edits: &[],
        expected: &[],
        notes: &[],
    });
    run(&Scenario {
        name: "docusaurus_field_removed",
        schema: CF,
        rendering: None,
        edits: &[("Explanation of PEP status if TRUE\n", "", 1)],
        expected: &["relaxing /properties/pepExplanation property `pepExplanation` removed: its value is no longer checked"],
        notes: &[
            "`/pepExplanation` is in the checked-in schema but no longer on the page: removed",
            "overlay amends `/properties/pepExplanation`, which the page no longer lists: not applied",
        ],
    });
    run(&Scenario {
        name: "docusaurus_field_added",
        schema: CF,
        rendering: None,
        edits: &[(
            "parentheses only)\n",
            "parentheses only)\nPossible values: <= 35 characters\nPreferred name of the customer\n",
            1,
        )],
        expected: &["breaking /properties/unnamed_1 property `unnamed_1` added: its value now has rules"],
        notes: &["unnamed field after `/phone`, described `Preferred name of the customer`: check it (named `/unnamed_1` here)"],
    });
    run(&Scenario {
        name: "docusaurus_range_changed",
        schema: CF,
        rendering: None,
        edits: &[(
            "Possible values: <= 4 characters",
            "Possible values: <= 3 characters",
            1,
        )],
        expected: &["breaking /properties/phoneCountryCode/maxLength maxLength 4 -> 3"],
        notes: &[],
    });
    run(&Scenario {
        name: "docusaurus_enum_replaced",
        schema: CF,
        rendering: None,
        edits: &[("Possible values: [M, F, O]", "Possible values: [MALE, FEMALE, OTHER]", 1)],
        expected: &[
            "breaking /$defs/BasicData/properties/gender/enum enum values removed: \"F\", \"M\", \"O\"",
            "relaxing /$defs/BasicData/properties/gender/enum enum values added: \"FEMALE\", \"MALE\", \"OTHER\"",
        ],
        notes: &[],
    });
    run(&Scenario {
        name: "docusaurus_qualifier_gone",
        schema: CF,
        rendering: None,
        edits: &[("Possible values: <= 4 characters\n", "", 1)],
        expected: &[
            "relaxing /properties/phoneCountryCode/maxLength maxLength 4 -> (none)",
            "relaxing /properties/phoneCountryCode/type type \"string\" -> (none)",
        ],
        notes: &["`/phoneCountryCode`: the page shows no type for this field, so the draft gives it none: check it"],
    });
    run(&Scenario {
        name: "docusaurus_enum_one_per_line",
        schema: CF,
        rendering: None,
        edits: &[
            (
                "Possible values: [M, F, O]",
                "Possible values:\n[\nM\nF\nO\n]",
                1,
            ),
            (
                "Possible values: [AF, AX, AL,",
                "Possible values: [\nAF,\nAX,\nAL,",
                4,
            ),
            (
                "Possible values: [11, 13, 15,",
                "Possible values:\n[11,\n13,\n15,",
                1,
            ),
        ],
        expected: &[],
        notes: &[],
    });
    // A field known only by its qualifier, whose qualifier changed: its place names it, and the
    // reviewer is told so.
    run(&Scenario {
        name: "docusaurus_unnamed_enum_value_added",
        schema: CF,
        rendering: None,
        edits: &[(
            "[NATIONAL_INSURANCE_NUMBER, TAX_CODE]",
            "[NATIONAL_INSURANCE_NUMBER, TAX_CODE, PASSPORT_NUMBER]",
            1,
        )],
        expected: &["relaxing /$defs/TaxInformation/properties/taxNumberType/enum enum values added: \"PASSPORT_NUMBER\""],
        notes: &["unnamed field after `/taxInformation/taxNumber`, described `Possible values: [NATIONAL_INSURANCE_NUMBER, TAX_CODE, PASSPORT_NUMBER]`: check it (taken as `/taxInformation/taxNumberType` by its place)"],
    });
    // The rendering that keeps names: a new field is named by the page.
    run(&Scenario {
        name: "docusaurus_named_field_added",
        schema: CF,
        rendering: Some("connectfinancial-create-individual-customer.named.txt"),
        edits: &[(
            "phoneCountryCode string\n",
            "preferredName string\n\nPossible values: <= 35 characters\n\nPreferred name of the customer.\n\nphoneCountryCode string\n",
            1,
        )],
        expected: &["breaking /properties/preferredName property `preferredName` added: its value now has rules"],
        notes: &["`/preferredName` is new: placed by position after `phone`, check it"],
    });
}

/// Issue 23: a request field dropped from the page lets more documents through, but deletes the
/// field and its builder setter from the generated type. The reviewer gets both verdicts.
#[test]
fn a_removed_request_field_is_relaxing_and_breaks_code() {
    const ID: &str = "rocketkor/create-business-customer";
    const FIELD: &str = "externalId  CONDITIONAL\n\nstring\n\nYour organization’s external reference number for the Customer. Required for Customer Accounts that are linked to an Earned Wage Access (EWA) Customer Profile.\n\nNote  An externalId can also be added to the Customer Account when enrolling the Customer in an EWA program.\n\n";
    run(&Scenario {
        name: "rocketkor_request_field_removed",
        schema: ID,
        rendering: None,
        edits: &[(FIELD, "", 1)],
        expected: &["relaxing /properties/externalId property `externalId` removed: its value is no longer checked"],
        notes: &[
            "`/externalId` is in the checked-in schema but no longer on the page: removed",
            "overlay amends `/properties/externalId`, which the page no longer lists: not applied",
        ],
    });
    let (_, schema) = checked_in(ID);
    let seed = seed_of(&schema);
    let Some(page) = seed_text(seed, "a_removed_request_field_is_relaxing_and_breaks_code") else {
        return;
    };
    let page = page.replace('\u{a0}', " ").replace(FIELD, "");
    let captured = recapture_endpoint(ID, &page, seed);
    let changes = diff_schemas(&schema, &captured.draft);
    let removed: Vec<&codegen::schema_diff::Change> = changes
        .iter()
        .filter(|c| c.body == "request" && c.pointer == "/properties/externalId")
        .collect();
    assert_eq!(removed.len(), 1, "{changes:#?}");
    assert_eq!(
        (removed[0].impact, removed[0].code),
        (
            Impact::Relaxing,
            codegen::schema_diff::CodeImpact::BreaksCode
        )
    );
    assert_eq!(
        removed[0].to_string(),
        "relaxing   breaks code request       /properties/externalId  property `externalId` removed: its value is no longer checked"
    );
    assert!(codegen::schema_diff::to_markdown(&changes).contains(
        "| relaxing | breaks code | request | `/properties/externalId` | property `externalId` removed: its value is no longer checked |"
    ));
}

/// `cargo xtask diff <args> <flags>`: exit code, stdout, stderr.
fn xtask_diff(args: &[&std::path::Path], flags: &[&str]) -> (i32, String, String) {
    let paths: Vec<String> = args
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let mut all = vec!["diff"];
    all.extend(paths.iter().map(String::as_str));
    all.extend(flags);
    support::xtask(&all)
}

/// An endpoint schema of this project whose request has `properties`.
fn endpoint_schema(properties: serde_json::Value) -> String {
    let schema = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "CreateCustomerRequest",
        "x-endpoint": {"method": "POST", "path": "/customers", "responses": {}},
        "type": "object",
        "properties": properties,
    });
    serde_json::to_string_pretty(&schema).unwrap()
}

/// `--fail-on` picks the verdict that fails: a removed field (relaxing, breaks code) fails `code`
/// and `any` only; a tightened length on a constrained string (breaking, no code change) fails
/// `wire` and `any` only.
#[test]
fn diff_exit_status_follows_the_chosen_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, properties: serde_json::Value| {
        let path = dir.path().join(name);
        std::fs::write(&path, endpoint_schema(properties)).unwrap();
        path
    };
    let name = |max: u64| serde_json::json!({"type": "string", "minLength": 1, "maxLength": max});
    let old = write(
        "old.json",
        serde_json::json!({"externalId": {"type": "string"}, "name": name(40)}),
    );
    let removed = write("removed.json", serde_json::json!({"name": name(40)}));
    let tightened = write(
        "tightened.json",
        serde_json::json!({"externalId": {"type": "string"}, "name": name(30)}),
    );
    for (new, flags, expected) in [
        (&removed, &[][..], 0),
        (&removed, &["--fail-on", "wire"][..], 0),
        (&removed, &["--fail-on", "code"][..], 1),
        (&removed, &["--fail-on", "any"][..], 1),
        (&tightened, &[][..], 1),
        (&tightened, &["--fail-on", "code"][..], 0),
        (&tightened, &["--fail-on", "any"][..], 1),
        (&old, &["--fail-on", "code"][..], 0),
    ] {
        let (code, stdout, stderr) = xtask_diff(&[&old, new], flags);
        assert_eq!(code, expected, "{new:?} {flags:?}: {stdout}{stderr}");
    }
    let (code, stdout, _) = xtask_diff(&[&old, &removed], &["--fail-on", "code"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "relaxing   breaks code request       /properties/externalId  property `externalId` removed: its value is no longer checked\n"
    );
    let (code, stdout, _) = xtask_diff(&[&old, &tightened], &["--markdown"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("| impact | code | body | location | change |"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "| breaking | none | request | `/properties/name/maxLength` | maxLength 40 -> 30 |"
        ),
        "{stdout}"
    );
    let (code, stdout, stderr) = xtask_diff(&[&old, &removed], &["--fail-on", "build"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "diff: `--fail-on` takes `wire`, `code` or `any`, not `build`\n"
    );
}

/// `diff` classifies endpoint schemas of this project only: anything else is refused with one
/// line and exit 2, before any report.
#[test]
fn diff_refuses_files_that_are_not_endpoint_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("schema.json");
    std::fs::write(&schema, endpoint_schema(serde_json::json!({}))).unwrap();
    for (name, text, why) in [
        (
            "package.json",
            r#"{"name": "consumer", "version": "1.0.0"}"#,
            "no `x-endpoint`".to_owned(),
        ),
        ("list.json", "[1, 2]", "the top level is not a JSON object".to_owned()),
        (
            "partial.json",
            r#"{"x-endpoint": {"method": "POST"}}"#,
            "`x-endpoint` has no `path`".to_owned(),
        ),
        (
            "draft7.json",
            r#"{"$schema": "http://json-schema.org/draft-07/schema#", "x-endpoint": {"method": "POST", "path": "/c"}}"#,
            "`$schema` is \"http://json-schema.org/draft-07/schema#\", not draft 2020-12 (`https://json-schema.org/draft/2020-12/schema`)".to_owned(),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        for pair in [[path.as_path(), schema.as_path()], [schema.as_path(), path.as_path()]] {
            let (code, stdout, stderr) = xtask_diff(&pair, &[]);
            assert_eq!((code, stdout.as_str()), (2, ""), "{name}: {stderr}");
            assert_eq!(
                stderr,
                format!(
                    "diff: {}: not an endpoint schema of this project: {why} (see schemas/VOCABULARY.md)\n",
                    path.display()
                ),
            );
        }
    }
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not json").unwrap();
    let (code, _, stderr) = xtask_diff(&[&text, &schema], &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(&format!(
            "diff: {}: not an endpoint schema of this project: not JSON (",
            text.display()
        )) && stderr.ends_with(" (see schemas/VOCABULARY.md)\n")
            && stderr.lines().count() == 1,
        "{stderr}"
    );
}
