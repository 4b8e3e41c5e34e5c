//! Capture: each seed page plus its reviewed overlay reproduces the checked-in schema byte for
//! byte; the same pages in other renderings re-capture without a rule change; other endpoints'
//! pages of the same families capture correctly; unreadable or cut pages give a partial draft and
//! name every line they could not read.

mod support;

use codegen::capture::{capture_page, detect_format, Captured, PageFormat};
use serde_json::{json, Value};
use support::pages::{
    checked_in, page_text, recapture_endpoint, rule_changes, seed_of, seed_text, to_text, CAPTURED,
};

#[test]
fn capture_plus_overlay_reproduces_each_checked_in_schema() {
    for id in CAPTURED {
        let (schema_text, schema) = checked_in(id);
        let seed = seed_of(&schema);
        let Some(page) = seed_text(
            seed,
            "capture_plus_overlay_reproduces_each_checked_in_schema",
        ) else {
            return;
        };
        let captured = recapture_endpoint(id, &page, seed);
        assert_eq!(captured.unreadable, [], "{id}");
        assert_eq!(captured.notes, Vec::<String>::new(), "{id}");
        let rebuilt = to_text(&captured.draft);
        if rebuilt != schema_text {
            let diff = similar::TextDiff::from_lines(&schema_text, &rebuilt)
                .unified_diff()
                .context_radius(2)
                .to_string();
            panic!("{id}: capture + overlay no longer reproduces the schema. Review the page change:\n{diff}");
        }
    }
}

#[test]
fn every_rendering_of_a_seed_recaptures_without_a_rule_change() {
    // (schema, page in tests/pages, family): no blank lines, no headings, no bullet lines,
    // single spaces; and property lists as pipe tables.
    let renderings = [
        (
            "connectfi/customer-init",
            "connectfi-customer-init.compact.txt",
            PageFormat::ConnectFiTables,
        ),
        (
            "connectfi/condor-customer-create",
            "connectfi-condor-customer-create.compact.txt",
            PageFormat::ConnectFiLists,
        ),
        (
            "connectfi/condor-customer-create",
            "connectfi-condor-customer-create.pipes.txt",
            PageFormat::ConnectFiLists,
        ),
        (
            "rocketkor/create-business-customer",
            "rocketkor-create-business-customer.compact.txt",
            PageFormat::RocketKorFields,
        ),
    ];
    for (id, page, format) in renderings {
        let text = page_text(page);
        assert_eq!(detect_format(&text), Ok(format), "{page}");
        let captured = recapture_endpoint(id, &text, page);
        assert_eq!(captured.unreadable, [], "{page}");
        assert_eq!(captured.notes, Vec::<String>::new(), "{page}");
        assert_eq!(
            rule_changes(&checked_in(id).1, &captured.draft),
            Vec::<String>::new(),
            "{page}"
        );
    }
}

fn first_capture(text: &str) -> Captured {
    capture_page(text, "page.txt", None).unwrap()
}

fn def<'a>(draft: &'a Value, name: &str) -> &'a Value {
    draft
        .pointer(&format!("/$defs/{name}"))
        .unwrap_or_else(|| panic!("no $defs/{name} in {draft:#}"))
}

#[test]
fn a_first_capture_nests_fields_as_the_sample_request_shows() {
    let captured = first_capture(&page_text("rocketkor-create-business-customer.compact.txt"));
    let draft = &captured.draft;
    assert_eq!(captured.unreadable, []);
    assert_eq!(
        draft["required"],
        json!(["type", "businessName", "contacts"]),
        "nested `required` stay nested"
    );
    assert_eq!(draft["properties"]["type"]["enum"], json!(["BUSINESS"]));
    assert_eq!(
        def(draft, "Address")["properties"]["type"]["enum"],
        json!(["MAILING", "PHYSICAL", "SHIPPING"])
    );
    assert_eq!(
        def(draft, "Address")["required"],
        json!(["type", "streetLine1"])
    );
    assert_eq!(
        def(draft, "PrimaryPhoneNumber")["properties"]["type"]["enum"],
        json!(["HOME", "MOBILE", "WORK"])
    );
    assert_eq!(
        def(draft, "Name")["required"],
        json!(["firstName", "lastName"])
    );
    assert_eq!(
        def(draft, "Limits")["properties"]["MONTHLY"]["$ref"],
        json!("#/$defs/MONTHLY")
    );
    // Fields the sample request leaves out are placed by position, and said so.
    let notes: Vec<&str> = captured
        .notes
        .iter()
        .map(|n| n.split(": ").nth(1).unwrap())
        .collect();
    assert_eq!(
        notes,
        [
            "`/addresses/streetLine3` placed by position after `streetLine2`",
            "`/addresses/streetLine4` placed by position after `streetLine3`",
            "`/addresses/streetLine5` placed by position after `streetLine4`",
            "`/addresses/apartmentNumber` placed by position after `streetLine5`"
        ]
    );
    assert_eq!(
        draft["x-capture-notes"],
        json!(null),
        "capture_page leaves recording notes to its callers"
    );
}

#[test]
fn without_a_sample_the_draft_says_what_it_guessed_and_never_merges_fields() {
    let text = page_text("rocketkor-create-business-customer.compact.txt");
    let without_sample = &text[..text.find("SAMPLE REQUEST").unwrap()];
    let captured = first_capture(without_sample);
    let draft = &captured.draft;
    assert_eq!(captured.unreadable, []);
    // Three different `type` fields (address, customer, phone) stay three fields, wherever the
    // guess put them, and the guesses are named.
    let mut types: Vec<&Value> = std::iter::once(draft)
        .chain(draft["$defs"].as_object().unwrap().values())
        .filter_map(|object| object.pointer("/properties/type/enum"))
        .collect();
    types.sort_by_key(|e| e.to_string());
    assert_eq!(
        types,
        [
            &json!(["BUSINESS"]),
            &json!(["HOME", "MOBILE", "WORK"]),
            &json!(["MAILING", "PHYSICAL", "SHIPPING"])
        ]
    );
    assert!(
        captured.notes.iter().any(|n| n.contains(
            "`/addresses/name/streetLine1` placed by position after `lastName`: the page does not show where `/addresses/name` ends, check it"
        )),
        "{:#?}",
        captured.notes
    );
}

#[test]
fn other_endpoints_of_the_same_families() {
    // RocketKOR: path parameters, `(UUID)`, `length: 3`, `default value`, `max items`, an empty
    // marker, and a phone `type` beside the customer `type`.
    let plain = first_capture(&page_text("rocketkor-update-customer.txt"));
    let compact = first_capture(&page_text("rocketkor-update-customer.compact.txt"));
    assert_eq!(
        (plain.unreadable.as_slice(), compact.unreadable.as_slice()),
        (&[][..], &[][..])
    );
    let mut compact_draft = compact.draft.clone();
    compact_draft["x-source"]["seed"] = plain.draft["x-source"]["seed"].clone();
    assert_eq!(plain.draft, compact_draft, "both renderings give one draft");
    let draft = &plain.draft;
    assert_eq!(
        draft["x-endpoint"],
        json!({"method": "PATCH", "path": "/v1/customers/{customerId}", "pathParameters": {"customerId": {"type": "string", "format": "uuid", "description": "ID of the Customer Account."}}, "responses": {}})
    );
    assert_eq!(draft["properties"]["externalId"]["type"], "string");
    assert_eq!(draft["properties"]["website"]["format"], "uri");
    let currency = &draft["properties"]["limitsCurrencyCode"];
    assert_eq!(
        (
            &currency["minLength"],
            &currency["maxLength"],
            &currency["default"]
        ),
        (&json!(3), &json!(3), &json!("USD"))
    );
    assert_eq!(draft["properties"]["phones"]["maxItems"], 5);
    assert_eq!(
        def(draft, "Phone")["properties"]["type"]["enum"],
        json!(["HOME", "MOBILE", "WORK"])
    );
    assert_eq!(draft["properties"]["type"]["enum"], json!(["BUSINESS"]));
    assert_eq!(draft["required"], json!(["type"]));

    // connectFi: a single body table titled by its endpoint, fragments labelled by `$id`.
    let update = first_capture(&page_text("connectfi-customer-update.txt"));
    assert_eq!(update.unreadable, []);
    let draft = &update.draft;
    assert_eq!(draft["required"], json!(["customerId"]));
    assert_eq!(
        draft["properties"]["customerId"]["$ref"],
        "#/$defs/common-id"
    );
    assert_eq!(def(draft, "common-id")["x-fragment"], "common-id");
    assert!(
        !to_text(draft).contains("\"$id\""),
        "a fragment label is never copied through as `$id`"
    );
    assert_eq!(
        def(draft, "Phone")["required"],
        json!(["type", "phoneNumber"])
    );

    // connectFi lists: only optional properties, lower-case types, pipe tables.
    let card = first_capture(&page_text("connectfi-condor-card-update.txt"));
    assert_eq!(card.unreadable, []);
    let draft = &card.draft;
    assert_eq!(draft["required"], json!(null));
    let reference = &draft["properties"]["reference"];
    assert_eq!(
        (&reference["pattern"], &reference["maxLength"]),
        (&json!("^[0-9a-zA-Z]+$"), &json!(20))
    );
    assert_eq!(
        draft["properties"]["addressType"]["enum"],
        json!(["PRIMARY", "SECONDARY"])
    );
}

#[test]
fn the_id_and_description_fragment_labels_capture_alike() {
    let test = "the_id_and_description_fragment_labels_capture_alike";
    let Some(seed) = seed_text("000_4e8c945a7a832b0c.txt", test) else {
        return;
    };
    let seed = seed.replace('\u{a0}', " ");
    let older = seed
        .replace("\"description\": \"common-", "\"$id\": \"common-")
        .replace("\"description\": \"customer-", "\"$id\": \"customer-");
    assert!(older != seed, "the edit applies");
    assert_eq!(first_capture(&older).draft, first_capture(&seed).draft);
}

fn lines(captured: &Captured) -> Vec<String> {
    captured
        .unreadable
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn unreadable_lines_are_all_listed_and_the_rest_is_still_captured() {
    let test = "unreadable_lines_are_all_listed_and_the_rest_is_still_captured";
    let Some(page) = seed_text("002_2508d6bb07eb6fc2.txt", test) else {
        return;
    };
    let page = page
        .replace(
            "string, min length: 1, max length: 50\n\nFirst line",
            "string, min length: 1, max length: fifty\n\nFirst line",
        )
        .replace("string (url)", "string (website)");
    let captured = first_capture(&page);
    assert_eq!(
        lines(&captured),
        [
            "line 73: `max length: fifty`: expected a whole number",
            "line 281: unknown format `(website)`: expected one of (email), (url), (uri), (date), (date-time), (datetime), (uuid)",
        ]
    );
    let draft = &captured.draft;
    assert_eq!(
        def(draft, "Address")["properties"]["streetLine1"]["minLength"],
        1,
        "the rest of the line is kept"
    );
    assert_eq!(
        draft["properties"]["limits"]["$ref"], "#/$defs/Limits",
        "fields after the bad lines are kept"
    );
}

#[test]
fn a_page_cut_mid_field_gives_the_draft_of_every_complete_field() {
    // RocketKOR: cut after a field's name.
    let test = "a_page_cut_mid_field_gives_the_draft_of_every_complete_field";
    let seeds = [
        "002_2508d6bb07eb6fc2.txt",
        "000_4e8c945a7a832b0c.txt",
        "001_ff7d17393d948363.txt",
    ];
    let Some([rocketkor, tables, lists]) = seeds
        .iter()
        .map(|name| seed_text(name, test).map(|s| s.replace('\u{a0}', " ")))
        .collect::<Option<Vec<_>>>()
        .and_then(|texts| <[String; 3]>::try_from(texts).ok())
    else {
        return;
    };
    let seed = rocketkor;
    let cut = &seed[..seed.find("taxIdCountryCode  CONDITIONAL").unwrap()
        + "taxIdCountryCode  CONDITIONAL".len()];
    let captured = first_capture(cut);
    assert_eq!(lines(&captured), ["line 307: the page ends after field `taxIdCountryCode`: expected its type line (`string`, `object`, …)"]);
    // Without the sample request (cut off) nesting is a guess, but every complete field is there.
    let text = to_text(&captured.draft);
    assert!(text.contains("\"legalEntityType\"") && text.contains("\"GOVERNMENT\""));
    assert!(!text.contains("taxIdCountryCode"));

    // connectFi tables: cut inside a JSON fragment.
    let seed = tables;
    let cut = &seed[..seed.find("\"enum\": [ \"SSN\"").unwrap()];
    let captured = first_capture(cut);
    assert_eq!(
        lines(&captured),
        ["line 368: the page ends inside the JSON fragment of `type`"]
    );
    assert_eq!(
        def(&captured.draft, "CustomerPersonal")["required"]
            .as_array()
            .unwrap()
            .len(),
        8
    );

    // connectFi lists: cut inside a row.
    let seed = lists;
    let cut = &seed[..seed.find("issue category of card").unwrap()];
    let captured = first_capture(cut);
    assert_eq!(lines(&captured), ["line 30: expected a row `name description Type example`, found `issueType Description identifying`"]);
    assert_eq!(
        def(&captured.draft, "CardAttributes")["required"],
        json!(["productID", "nameOnCard", "designId", "addressType"])
    );
}

#[test]
fn hostile_pages_give_clear_results_not_crashes() {
    let blank_run = format!("POST /x\n{}a\nstring\nb\nstring\n", "\n".repeat(200_000));
    assert_eq!(first_capture(&blank_run).unreadable, []);

    // 20,000 objects in a row, each a child of the one before as far as position can tell.
    let mut deep = String::from("POST /x\n");
    for i in 0..20_000 {
        deep.push_str(&format!("o{i}\nobject\n"));
    }
    let captured = first_capture(&deep);
    assert!(captured
        .notes
        .iter()
        .any(|n| n.contains("is nested 64 objects deep")));

    // The same name 20,000 times: one field, and every repeat is named.
    let repeated = format!("POST /x\n{}", "type REQUIRED\nstring\n".repeat(20_000));
    let captured = first_capture(&repeated);
    assert_eq!(captured.unreadable.len(), 19_999);
    assert_eq!(captured.draft["required"], json!(["type"]));

    // A sample request nested past what serde_json parses is ignored, not fatal.
    let sample = format!(
        "POST /x\na\nobject\nb\nstring\nSAMPLE REQUEST\n{}{}",
        "{\"a\":".repeat(10_000),
        "}".repeat(10_000)
    );
    assert_eq!(first_capture(&sample).unreadable, []);

    // A JSON fragment that never closes, and a page of one huge line.
    let open_fragment = format!(
        "POST /x\nProperty Description Required Schema\nid id Yes {{\n{}",
        "\"a\": [\n".repeat(50_000)
    );
    assert_eq!(
        lines(&first_capture(&open_fragment)),
        ["line 3: the page ends inside the JSON fragment of `id`"]
    );
    let huge_line = format!(
        "POST /x\na\nstring\nb\nstring\n{}",
        "word ".repeat(1_000_000)
    );
    assert_eq!(first_capture(&huge_line).unreadable, []);
    let huge_name = format!("POST /x\na\nstring\nb\nstring\n{}", "x".repeat(1_000_000));
    let message = &first_capture(&huge_name).unreadable[0].message;
    assert!(
        message.len() < 200,
        "page text is quoted in excerpts: {}",
        &message[..200]
    );
}

#[test]
fn pages_in_no_family_name_what_each_family_looks_for() {
    let err = capture_page(
        "Some blog post\nPOST /x\n\nIt has prose only.\n",
        "x.txt",
        None,
    )
    .unwrap_err();
    assert_eq!(err.line, 0);
    assert!(err.message.starts_with("unknown page format: expected one of: connectFi property tables (a header row `Property Description Required Schema`)"), "{err}");
    let err = capture_page(
        "Property Description Required Schema\nid id Yes {}\n",
        "x.txt",
        None,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 0: no `METHOD /path` line names the documented operation"
    );
}

#[test]
fn a_page_that_does_not_parse_never_replaces_a_good_schema() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("create-business-customer.json");
    let (good, _) = checked_in("rocketkor/create-business-customer");
    std::fs::write(&schema, &good).unwrap();
    std::fs::copy(
        support::workspace_root().join("schemas/rocketkor/create-business-customer.overlay.json"),
        dir.path().join("create-business-customer.overlay.json"),
    )
    .unwrap();
    let page = dir.path().join("page.txt");
    let Some(seed) = seed_text(
        "002_2508d6bb07eb6fc2.txt",
        "a_page_that_does_not_parse_never_replaces_a_good_schema",
    ) else {
        return;
    };
    let broken = seed.replace(
        "string enum, values: HOME, MOBILE, WORK",
        "string, max length: many",
    );
    std::fs::write(&page, broken).unwrap();
    let output = std::process::Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--package", "xtask", "--", "capture"])
        .arg(&page)
        .arg("--out")
        .arg(&schema)
        .current_dir(support::workspace_root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("page.txt:217: `max length: many`: expected a whole number"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 line could not be read: the draft above is incomplete and"),
        "{stderr}"
    );
    let draft: Value =
        serde_json::from_slice(&output.stdout).expect("the partial draft is printed");
    assert_eq!(
        draft["$defs"]["Phone"]["properties"]["number"]["pattern"],
        "^\\+?[0-9]+$"
    );
    assert_eq!(
        std::fs::read_to_string(&schema).unwrap(),
        good,
        "the good schema was left untouched"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        3,
        "no temporary file is left behind"
    );
}
