//! The doc-change loop end to end: a seed page is edited the way providers really change their
//! pages, re-captured with its overlay, and diffed against the checked-in schema. Each scenario
//! asserts the rule changes and keeps the whole report as an insta snapshot.

mod support;

use codegen::capture::capture_page;
use codegen::capture::overlay::Overlay;
use codegen::schema_diff::{diff_schemas, Impact};
use serde_json::Value;

struct Scenario {
    name: &'static str,
    schema: &'static str,
    /// `(from, to, occurrences)`: each edit must match exactly that many times.
    edits: &'static [(&'static str, &'static str, usize)],
    /// Expected `impact pointer what` lines, annotation-only changes left out.
    expected: &'static [&'static str],
}

fn run(scenario: &Scenario) {
    let root = support::workspace_root();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join(format!("schemas/{}.json", scenario.schema))).unwrap(),
    )
    .unwrap();
    let overlay: Overlay = serde_json::from_str(
        &std::fs::read_to_string(root.join(format!("schemas/{}.overlay.json", scenario.schema)))
            .unwrap(),
    )
    .unwrap();
    let seed = schema["x-source"]["seed"].as_str().unwrap();
    let mut page = std::fs::read_to_string(root.join("../shared/seeds").join(seed))
        .unwrap()
        .replace('\u{a0}', " ");
    for (from, to, count) in scenario.edits {
        assert_eq!(
            page.matches(from).count(),
            *count,
            "{}: edit `{from}`",
            scenario.name
        );
        page = page.replace(from, to);
    }
    let captured = capture_page(&page, seed, &overlay.nesting)
        .unwrap_or_else(|err| panic!("{}: {err}", scenario.name));
    let changes = diff_schemas(&schema, &overlay.apply(captured));
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
        schema: "connectfi/customer-init",
        edits: &[],
        expected: &[],
    });
    run(&Scenario {
        name: "condor_unchanged",
        schema: "connectfi/condor-customer-create",
        edits: &[],
        expected: &[],
    });
    run(&Scenario {
        name: "rocketkor_unchanged",
        schema: "rocketkor/create-business-customer",
        edits: &[],
        expected: &[],
    });
}

#[test]
fn rocketkor_page_edits() {
    run(&Scenario {
        name: "rocketkor_tighten_length",
        schema: "rocketkor/create-business-customer",
        edits: &[(
            "string, min length: 1, max length: 40\n\nContact’s first name.",
            "string, min length: 1, max length: 30\n\nContact’s first name.",
            1,
        )],
        expected: &["breaking /$defs/Contact/properties/firstName/maxLength maxLength 40 -> 30"],
    });
    run(&Scenario {
        name: "rocketkor_add_enum_value",
        schema: "rocketkor/create-business-customer",
        edits: &[(
            "values: HOME, MOBILE, WORK",
            "values: HOME, MOBILE, WORK, FAX",
            1,
        )],
        expected: &["relaxing /$defs/Phone/properties/type/enum enum values added: \"FAX\""],
    });
    run(&Scenario {
        name: "rocketkor_make_required",
        schema: "rocketkor/create-business-customer",
        edits: &[("middleName\n\nstring, min length: 1, max length: 40\n\nContact’s middle name.", "middleName  REQUIRED\n\nstring, min length: 1, max length: 40\n\nContact’s middle name.", 1)],
        expected: &["breaking /$defs/Contact/required `middleName` became required"],
    });
    run(&Scenario {
        name: "rocketkor_rename_field",
        schema: "rocketkor/create-business-customer",
        edits: &[("\nlegalName\n", "\nregisteredName\n", 1)],
        expected: &[
            "breaking /properties/registeredName property `registeredName` added: its value now has rules",
            "relaxing /properties/legalName property `legalName` removed: its value is no longer checked",
        ],
    });
}

#[test]
fn connectfi_init_page_edits() {
    run(&Scenario {
        name: "connectfi_init_tighten_length",
        schema: "connectfi/customer-init",
        edits: &[("\"maxLength\": 32,", "\"maxLength\": 20,", 3)],
        expected: &["breaking /$defs/Reference/maxLength maxLength 32 -> 20"],
    });
    run(&Scenario {
        name: "connectfi_init_add_enum_value",
        schema: "connectfi/customer-init",
        edits: &[(
            "\"enum\": [ \"M\", \"F\" ]",
            "\"enum\": [ \"M\", \"F\", \"X\" ]",
            2,
        )],
        expected: &["relaxing /$defs/Gender/enum enum values added: \"X\""],
    });
    run(&Scenario {
        name: "connectfi_init_make_required",
        schema: "connectfi/customer-init",
        edits: &[("identificationDocuments Array of identification document objects No", "identificationDocuments Array of identification document objects Yes", 2)],
        expected: &[
            "breaking /$defs/BusinessRepresentative/required `identificationDocuments` became required",
            "breaking /$defs/CustomerPersonal/required `identificationDocuments` became required",
        ],
    });
    run(&Scenario {
        name: "connectfi_init_rename_field",
        schema: "connectfi/customer-init",
        edits: &[("countryDialingCode Country dialing code prefix", "dialingCode Country dialing code prefix", 2)],
        expected: &[
            "breaking /$defs/BusinessPhone/properties/dialingCode property `dialingCode` added: its value now has rules",
            "breaking /$defs/Phone/properties/dialingCode property `dialingCode` added: its value now has rules",
            "relaxing /$defs/BusinessPhone/properties/countryDialingCode property `countryDialingCode` removed: its value is no longer checked",
            "relaxing /$defs/Phone/properties/countryDialingCode property `countryDialingCode` removed: its value is no longer checked",
        ],
    });
}

#[test]
fn condor_page_edits() {
    run(&Scenario {
        name: "condor_tighten_length",
        schema: "connectfi/condor-customer-create",
        edits: &[("(1-20 characters)", "(1-16 characters)", 1)],
        expected: &[
            "breaking /$defs/CardAttributes/properties/reference/maxLength maxLength 20 -> 16",
        ],
    });
    run(&Scenario {
        name: "condor_add_enum_value",
        schema: "connectfi/condor-customer-create",
        edits: &[("String \"PRIMARY\" or \"SECONDARY\"", "String \"PRIMARY\", \"SECONDARY\", or \"BILLING\"", 1)],
        expected: &["relaxing /$defs/CardAttributes/properties/addressType/enum enum values added: \"BILLING\""],
    });
    run(&Scenario {
        name: "condor_make_required",
        schema: "connectfi/condor-customer-create",
        edits: &[
            ("cardShippingMethod Shipping method chosen for card String \"Standard\"\n", "", 1),
            ("or \"DAMAGED\"\n", "or \"DAMAGED\"\ncardShippingMethod Shipping method chosen for card String \"Standard\"\n", 1),
        ],
        expected: &["breaking /$defs/CardAttributes/required `cardShippingMethod` became required"],
    });
    run(&Scenario {
        name: "condor_rename_field",
        schema: "connectfi/condor-customer-create",
        edits: &[("\nnameOnCard Full customer name", "\ncardholderName Full customer name", 1)],
        expected: &[
            "breaking /$defs/CardAttributes/properties/cardholderName property `cardholderName` added: its value now has rules",
            "breaking /$defs/CardAttributes/required `cardholderName` became required",
            "relaxing /$defs/CardAttributes/properties/nameOnCard property `nameOnCard` removed: its value is no longer checked",
            "relaxing /$defs/CardAttributes/required `nameOnCard` is no longer required",
        ],
    });
}
