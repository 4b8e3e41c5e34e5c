//! Capture: each seed page plus its reviewed overlay reproduces the checked-in schema byte for
//! byte; the same pages in other renderings re-capture without a rule change; other endpoints'
//! pages of the same families capture correctly; unreadable or cut pages give a partial draft and
//! name every line they could not read.

mod support;

use codegen::capture::{capture_page, detect_format, Captured, PageFormat};
use serde_json::{json, Value};
use support::pages::{
    captured as captured_ids, checked_in, new_notes, page_text, recapture_endpoint, rule_changes,
    seed_of, seed_text, to_text,
};

#[test]
fn capture_plus_overlay_reproduces_each_checked_in_schema() {
    let ids = captured_ids();
    assert!(!ids.is_empty(), "no captured schema found");
    for id in &ids {
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
        assert_eq!(new_notes(&captured, &schema), Vec::<String>::new(), "{id}");
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
            "connectfi/condor-customer-create",
            "connectfi-condor-customer-create.pipes-no-outer.txt",
            PageFormat::ConnectFiLists,
        ),
        (
            "connectfi/condor-customer-create",
            "connectfi-condor-customer-create.pipes-tight.txt",
            PageFormat::ConnectFiLists,
        ),
        (
            "connectfi/condor-customer-create",
            "connectfi-condor-customer-create.pipes-ragged.txt",
            PageFormat::ConnectFiLists,
        ),
        (
            "rocketkor/create-business-customer",
            "rocketkor-create-business-customer.compact.txt",
            PageFormat::RocketKorFields,
        ),
        // Mintlify: the seed's lossy extraction compact and newline-rich, and the rendering that
        // keeps every name, type and child attribute.
        (
            "axisfi/create-customer",
            "axisfi-create-customer.compact.txt",
            PageFormat::Mintlify,
        ),
        (
            "axisfi/create-customer",
            "axisfi-create-customer.spaced.txt",
            PageFormat::Mintlify,
        ),
        (
            "axisfi/create-customer",
            "axisfi-create-customer.expanded.txt",
            PageFormat::Mintlify,
        ),
        // Docusaurus: the seed's nameless extraction compact (bullets dropped, badges glued,
        // one-line samples), and the rendering that keeps every name and type.
        (
            "connectfinancial/create-individual-customer",
            "connectfinancial-create-individual-customer.compact.txt",
            PageFormat::DocusaurusOpenApi,
        ),
        (
            "connectfinancial/create-individual-customer",
            "connectfinancial-create-individual-customer.named.txt",
            PageFormat::DocusaurusOpenApi,
        ),
    ];
    for (id, page, format) in renderings {
        let text = page_text(page);
        assert_eq!(detect_format(&text), Ok(format), "{page}");
        let captured = recapture_endpoint(id, &text, page);
        assert_eq!(captured.unreadable, [], "{page}");
        assert_eq!(
            new_notes(&captured, &checked_in(id).1),
            Vec::<String>::new(),
            "{page}"
        );
        assert_eq!(
            rule_changes(&checked_in(id).1, &captured.draft),
            Vec::<String>::new(),
            "{page}"
        );
    }
}

/// A capture's notes about the page, without the one every first capture has about the title
/// it made up (`a_first_capture_of_every_page_regenerates_as_it_is` checks that one).
fn page_notes(captured: &Captured) -> Vec<&str> {
    captured
        .notes
        .iter()
        .map(String::as_str)
        .filter(|n| !n.starts_with("the root `title`"))
        .collect()
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
    // Fields the sample request leaves out are placed by position, and said so (the page's prose
    // rules are notes too: `prose_rules_no_table_encodes_are_notes_until_the_overlay_encodes_them`).
    let notes: Vec<&str> = page_notes(&captured)
        .into_iter()
        .filter(|n| !n.contains(": the page states a rule no table encodes: "))
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
        "line 0: no `METHOD /path` line (or `curl --request METHOD --url …` sample) names the documented operation"
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

#[test]
fn a_property_list_page_with_json_fragments_in_pipe_tables_without_outer_pipes() {
    let text = page_text("connectfi-condor-customer-update.txt");
    assert_eq!(detect_format(&text), Ok(PageFormat::ConnectFiLists));
    let captured = first_capture(&text);
    assert_eq!(captured.unreadable, []);
    assert_eq!(page_notes(&captured), Vec::<&str>::new());
    let draft = &captured.draft;
    assert_eq!(
        (&draft["x-endpoint"]["method"], &draft["x-endpoint"]["path"]),
        (&json!("POST"), &json!("/condor/customer/update"))
    );
    assert_eq!(draft["type"], "object");
    assert_eq!(draft["required"], json!(["customerId"]));
    // Fragments that parse once their comment is removed are examples; elided (`...`, `…`)
    // ones are none, and say nothing of the items: `items` only where the page states them.
    assert_eq!(
        draft["properties"],
        json!({
            "customerId": {"type": "string", "description": "Customer ID in connectFi", "examples": ["csta_6clNH3W2pBehujY8mpTCU8"]},
            "phones": {"type": "array", "description": "Phone numbers of the customer"},
            "emails": {"type": "array", "description": "Email addresses of the customer", "items": {"type": "string"}, "examples": [["jessie@example.com"]]},
            "tags": {"type": "array", "description": "Labels for the customer in your system", "examples": [["A", "B"]]},
            "previousIds": {"type": "array", "description": "Earlier customer IDs, if any"},
            "metadata": {"type": "object", "description": "Key:value pairs kept with the customer", "examples": [{"a": 1}]},
            "additionalData": {"type": "object", "description": "An object containing any necessary additional key:value pair properties not listed elsewhere"},
            "preferences": {"$ref": "#/$defs/Preferences", "description": "Contact preferences | see below"},
            "addresses": {"type": "array", "description": "Addresses of the customer", "items": {"$ref": "#/$defs/Addresses"}}
        })
    );
    // A comment after the allowed values is not one of them; lower-case headers still head.
    assert_eq!(
        def(draft, "Preferences"),
        &json!({
            "title": "Preferences",
            "type": "object",
            "properties": {
                "channel": {"type": "string", "description": "Preferred channel", "enum": ["EMAIL", "SMS"]},
                "quietHours": {"type": "object", "description": "Hours without messages", "examples": [{"from": "22:00", "to": "07:00"}]},
                "languages": {"type": "array", "description": "Languages the customer reads", "items": {"type": "string"}}
            },
            "required": ["channel"]
        })
    );
    assert_eq!(
        def(draft, "Addresses"),
        &json!({
            "title": "Addresses",
            "type": "object",
            "properties": {
                "type": {"type": "string", "description": "Type of address", "enum": ["PRIMARY", "SECONDARY"]},
                "postalCode": {"type": "string", "description": "Postal code"}
            },
            "required": ["type", "postalCode"]
        })
    );
    assert_eq!(
        draft["$defs"].as_object().unwrap().len(),
        2,
        "no other definition"
    );

    // A row without its type is still reported, JSON fragment or not; one with an unparsable
    // fragment is not.
    let untyped = text
        .replace("| Array | [ ... ]", "| [ ... ]")
        .replace("| Object | {\"a\": 1}", "| {\"a\": 1}")
        .replace("{ \"key\": \"value\", ... }", "{ key: value ... ");
    assert_eq!(
        lines(&first_capture(&untyped)),
        [
            "line 22: expected a row `name description Type example`, found `previousIds Earlier customer IDs, if any [ ... ]`",
            "line 23: expected a row `name description Type example`, found `metadata Key:value pairs kept with the customer {\"a\": 1} // any keys`",
        ]
    );
}

#[test]
fn other_mintlify_endpoints_capture_what_their_pages_state() {
    // A GET with query parameters, in the named rendering with markdown anchors.
    let list = first_capture(&page_text("mintlify-list-customers.txt"));
    assert_eq!(list.unreadable, []);
    let draft = &list.draft;
    let query = &draft["x-endpoint"]["queryParameters"];
    assert_eq!(
        (&draft["x-endpoint"]["method"], &draft["x-endpoint"]["path"]),
        (&json!("GET"), &json!("/api/customers"))
    );
    assert_eq!(
        query["page"],
        json!({"type": "integer", "description": "Page number, starting at 1.", "default": 1, "minimum": 1})
    );
    assert_eq!(
        (
            &query["page_size"]["minimum"],
            &query["page_size"]["maximum"]
        ),
        (&json!(1), &json!(100))
    );
    assert_eq!(
        query["status"]["enum"],
        json!(["Processing", "Succeeded", "Failed", "Suspended"]),
        "options one per line"
    );
    assert_eq!(query["created_after"]["format"], "date-time");
    assert_eq!(
        draft["x-endpoint"]["responses"],
        json!({"200": "#/$defs/Response"})
    );
    let response = def(draft, "Response");
    assert_eq!(
        response["required"],
        json!(["data", "page", "page_size", "total"])
    );
    assert_eq!(
        response["properties"]["data"]["items"]["$ref"],
        "#/$defs/ResponseData"
    );
    assert_eq!(
        response["properties"]["has_more"]["description"], "Whether another page follows this one.",
        "the page footer is not a description"
    );
    assert_eq!(
        draft["description"],
        "Returns the customers registered by your partner account, newest first, one page at a time."
    );

    // A path parameter, every entry glued on one line with its neighbours.
    let get = first_capture(&page_text("mintlify-get-customer.compact.txt"));
    assert_eq!(get.unreadable, []);
    let draft = &get.draft;
    assert_eq!(draft["x-endpoint"]["path"], "/api/customers/{customer_id}");
    assert_eq!(
        draft["x-endpoint"]["pathParameters"]["customer_id"]["description"],
        "AxisFi customer ID returned by Create Customer."
    );
    let response = def(draft, "Response");
    assert_eq!(
        response["required"],
        json!([
            "customer_id",
            "partner_customer_id",
            "status",
            "entity_type",
            "created_at"
        ])
    );
    let properties = &response["properties"];
    assert_eq!(
        (
            &properties["partner_customer_id"]["minLength"],
            &properties["partner_customer_id"]["maxLength"]
        ),
        (&json!(20), &json!(64))
    );
    assert_eq!(
        properties["status"]["enum"],
        json!(["Processing", "Succeeded", "Failed", "Suspended"])
    );
    assert_eq!(properties["updated_at"]["type"], json!(["string", "null"]));
    assert_eq!(
        (
            &properties["risk_score"]["minimum"],
            &properties["risk_score"]["maximum"],
            &properties["risk_score"]["examples"]
        ),
        (&json!(0), &json!(100), &json!([12.5]))
    );
    // Collapsed children come from the sample: the email placeholder is a format, the real
    // phone number an example.
    let contact = def(draft, "ResponsePrimaryContact");
    assert_eq!(
        contact["properties"]["contact_email"],
        json!({"type": "string", "format": "email"})
    );
    assert_eq!(
        contact["properties"]["contact_phone"]["examples"],
        json!(["+8613800138000"])
    );
    assert_eq!(
        draft["description"],
        "Returns one customer by its AxisFi customer ID."
    );

    // A body with `required`, nullable types, defaults and an error response.
    let update = first_capture(&page_text("mintlify-update-customer.txt"));
    assert_eq!(update.unreadable, []);
    let draft = &update.draft;
    assert_eq!(draft["x-endpoint"]["method"], "PATCH");
    assert_eq!(draft["required"], json!(["display_name"]));
    let properties = &draft["properties"];
    assert_eq!(
        (
            &properties["display_name"]["minLength"],
            &properties["display_name"]["maxLength"]
        ),
        (&json!(1), &json!(500))
    );
    assert_eq!(
        (
            &properties["entity_type"]["enum"],
            &properties["entity_type"]["default"]
        ),
        (&json!(["Individual", "Corporate"]), &json!("Corporate"))
    );
    assert_eq!(properties["notes"]["type"], json!(["string", "null"]));
    assert_eq!(properties["locale"]["default"], "en-US");
    assert_eq!(
        (
            &properties["review_priority"]["default"],
            &properties["review_priority"]["minimum"],
            &properties["review_priority"]["maximum"]
        ),
        (&json!(3), &json!(1), &json!(5))
    );
    assert_eq!(properties["marketing_opt_in"]["default"], json!(false));
    assert_eq!(
        def(draft, "PrimaryContact")["required"],
        json!(["contact_email"])
    );
    assert_eq!(
        draft["x-endpoint"]["responses"],
        json!({"200": "#/$defs/Response", "422": "#/$defs/Response422"})
    );
    assert_eq!(
        def(draft, "Response422Detail")["properties"]["loc"],
        json!({"type": "array", "items": {"type": ["string", "integer"]}})
    );

    // A page that documents only a response.
    let event = first_capture(&page_text("mintlify-webhook-event.txt"));
    assert_eq!(event.unreadable, []);
    let draft = &event.draft;
    assert_eq!(draft["properties"], json!(null), "no body");
    let response = def(draft, "Response");
    assert_eq!(response["properties"]["event_id"]["format"], "uuid");
    assert_eq!(response["properties"]["attempt"]["minimum"], 1);
    let data = def(draft, "ResponseData");
    assert_eq!(
        data["properties"]["previous_status"]["enum"],
        json!(["Processing", "Succeeded", "Failed", "Suspended", null]),
        "a nullable enum lists null"
    );
    assert_eq!(
        (
            &data["properties"]["changed_fields"]["minItems"],
            &data["properties"]["changed_fields"]["maxItems"]
        ),
        (&json!(1), &json!(20))
    );
}

#[test]
fn a_mintlify_page_cut_in_its_sample_keeps_every_complete_member_and_names_the_cut() {
    let cut = first_capture(&page_text("axisfi-create-customer.cut.txt"));
    assert_eq!(
        lines(&cut),
        ["line 6: the page ends inside the request sample after `--data`: expected its closing `}`"]
    );
    let draft = &cut.draft;
    assert_eq!(draft["properties"]["partner_customer_id"]["type"], "string");
    let details = def(draft, "BusinessDetails");
    assert_eq!(
        details["properties"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["business_name_english", "business_type", "website"],
        "the member cut in half is left out"
    );
}

/// Docusaurus pages of other endpoints, written from the plugin's conventions: query and header
/// parameters, `Array [`, glued badges, `Constant value:`, `nullable`, `deprecated` (the first
/// page); a nameless rendering with a path parameter (the second); a page with only responses,
/// compact (the third); and a Markdown-flavoured extraction of another API (the fourth).
#[test]
fn docusaurus_pages_of_other_endpoints() {
    let capture = |page: &str| {
        let text = page_text(page);
        assert_eq!(
            detect_format(&text),
            Ok(PageFormat::DocusaurusOpenApi),
            "{page}"
        );
        let captured = first_capture(&text);
        assert_eq!(captured.unreadable, [], "{page}");
        captured
    };
    let body_keys =
        |draft: &Value| -> Vec<String> { draft.as_object().unwrap().keys().cloned().collect() };
    let error_body = |description: &str| {
        json!({
            "type": "object",
            "description": description,
            "properties": {"traceId": {"type": "string"}, "message": {"type": "string"}}
        })
    };

    let list = capture("connectfinancial-list-customers.txt");
    assert_eq!(page_notes(&list), Vec::<&str>::new());
    assert_eq!(
        body_keys(&list.draft),
        ["$schema", "title", "x-source", "x-endpoint", "$defs"],
        "a GET has no body"
    );
    assert_eq!(
        list.draft["x-endpoint"],
        json!({
            "method": "GET",
            "path": "/customers",
            "queryParameters": {
                "page": {
                    "type": "integer",
                    "minimum": 1,
                    "default": 1,
                    "description": "Page number, starting at 1."
                },
                "pageSize": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 100,
                    "default": 20,
                    "description": "Number of customers per page."
                },
                "status": {
                    "type": "string",
                    "enum": ["ACTIVE", "PENDING", "BLOCKED"],
                    "description": "Only customers with this status."
                },
                "createdFrom": {
                    "type": "string",
                    "format": "date-time",
                    "description": "Only customers created at or after this time."
                }
            },
            "headerParameters": {
                "X-Request-Id": {
                    "type": "string",
                    "pattern": "^[0-9a-f-]{36}$",
                    "description": "A unique identifier for this request, echoed in the response."
                }
            },
            "responses": {"200": "#/$defs/Response200", "401": "#/$defs/Response401"}
        })
    );
    assert_eq!(
        list.draft["$defs"],
        json!({
            "Response200": {
                "type": "object",
                "description": "A page of customers.",
                "properties": {
                    "traceId": {"type": "string"},
                    "data": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "id": {
                                    "type": "string",
                                    "format": "uuid",
                                    "description": "Customer ID."
                                },
                                "type": {"type": "string", "const": "INDIVIDUAL"},
                                "email": {
                                    "type": "string",
                                    "minLength": 1,
                                    "maxLength": 254,
                                    "nullable": true,
                                    "description": "Customer's email address."
                                },
                                "createdAt": {
                                    "type": "string",
                                    "format": "date-time",
                                    "description": "When the customer was created."
                                },
                                "tags": {
                                    "type": "array",
                                    "items": {"type": "string", "enum": ["VIP", "EMPLOYEE"]},
                                    "deprecated": true,
                                    "description": "Use labels instead."
                                }
                            },
                            "required": ["id", "createdAt"]
                        },
                        "maxItems": 100,
                        "description": "The customers of this page."
                    },
                    "pagination": {
                        "type": "object",
                        "properties": {
                            "page": {"type": "integer", "minimum": 1},
                            "total": {
                                "type": "integer",
                                "minimum": 0,
                                "description": "Total number of customers."
                            }
                        }
                    }
                },
                "required": ["data", "pagination"]
            },
            "Response401": error_body("The API key is missing or invalid.")
        })
    );

    // Nameless: the path names its parameter; the sample names the response's members; the
    // unnamed response field gets a placeholder, never a guess (here it may be `status`).
    let get = capture("connectfinancial-get-customer.txt");
    assert_eq!(
        get.draft["x-endpoint"],
        json!({
            "method": "GET",
            "path": "/customers/{customerId}",
            "pathParameters": {
                "customerId": {
                    "type": "string",
                    "minLength": 1,
                    "description": "ID of the customer, as returned on creation."
                }
            },
            "responses": {"200": "#/$defs/Response200", "404": "#/$defs/Response404"}
        })
    );
    assert_eq!(
        get.draft["$defs"],
        json!({
            "Response200": {
                "type": "object",
                "description": "The customer.",
                "properties": {
                    "traceId": {"type": "string"},
                    "data": {
                        "type": "object",
                        "properties": {
                            "id": {"type": "string"},
                            "email": {"type": "string", "format": "email"},
                            "status": {"type": "string", "examples": ["ACTIVE"]},
                            "basicData": {
                                "type": "object",
                                "properties": {
                                    "gender": {"type": "string", "examples": ["M"]},
                                    "nationality": {"type": "string", "examples": ["AF"]}
                                }
                            },
                            "unnamed_1": {
                                "type": "string",
                                "enum": ["ACTIVE", "PENDING", "BLOCKED"],
                                "description": "Customer status."
                            }
                        }
                    }
                }
            },
            "Response404": error_body("One of the specified resources was not found. Does not apply for empty result set.")
        })
    );
    assert_eq!(
        page_notes(&get),
        [
            "the page shows no named field with both a qualifier and a description, so where each `Possible values:` line belongs is not shown: each is read with the description after it, the plugin's usual order, check it",
            "line 18: unnamed field after `/data` of response `200`, described `Customer status.`: check it (named `/data/unnamed_1` of response `200` here)",
            "the page shows no name line, and so no `required` badge, for the unnamed fields of response `200`: none of them is marked required, check it",
        ]
    );

    let occupations = capture("connectfinancial-list-occupations.compact.txt");
    assert_eq!(page_notes(&occupations), Vec::<&str>::new());
    assert_eq!(
        body_keys(&occupations.draft),
        ["$schema", "title", "x-source", "x-endpoint", "$defs"]
    );
    assert_eq!(
        occupations.draft["$defs"],
        json!({
            "Response200": {
                "type": "object",
                "description": "The occupation codes.",
                "properties": {
                    "data": {
                        "type": "array",
                        "items": {"type": "string", "enum": ["11", "13", "15", "SELFEMP", "STUDENT"]},
                        "description": "Occupation codes, in display order."
                    }
                },
                "required": ["data"]
            },
            "Response403": error_body("The API key is invalid or the client does not have sufficient permissions.")
        })
    );

    // Markdown marks, escapes, heading anchors, fenced samples and a second, authored example
    // (which is not read as the schema's).
    let transactions = capture("docusaurus-list-transactions.markdown.txt");
    assert_eq!(
        transactions.draft["x-endpoint"]["pathParameters"],
        json!({"account_id": {
            "type": "string",
            "pattern": "^acc_[0-9a-z]{16}$",
            "description": "The account whose transactions to list."
        }})
    );
    assert_eq!(
        transactions.draft["x-endpoint"]["queryParameters"]["limit"],
        json!({
            "type": "integer",
            "minimum": 1,
            "maximum": 1000,
            "default": 100,
            "description": "How many transactions to return."
        })
    );
    assert_eq!(
        transactions.draft["$defs"]["Response200"],
        json!({
            "type": "object",
            "description": "OK, returns a page of transactions.",
            "properties": {
                "object": {"type": "string", "const": "list"},
                "data": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "id": {"type": "string"},
                            "amount": {
                                "type": "number",
                                "exclusiveMinimum": 0,
                                "description": "Absolute amount, in the account's currency."
                            },
                            "direction": {"type": "string", "enum": ["credit", "debit"]},
                            "counterparty": {
                                "type": "object",
                                "properties": {
                                    "name": {"type": "string"},
                                    "iban": {
                                        "type": "string",
                                        "minLength": 15,
                                        "maxLength": 34,
                                        "deprecated": true
                                    }
                                },
                                "nullable": true
                            }
                        },
                        "required": ["id", "amount", "direction"]
                    },
                    "description": "The transactions, newest first."
                },
                "has_more": {"type": "boolean"}
            },
            "required": ["object", "data", "has_more"]
        })
    );
    assert_eq!(
        transactions.draft["$defs"]["Response404"],
        json!({
            "type": "object",
            "description": "The account does not exist.",
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}}
        })
    );
    assert_eq!(
        page_notes(&transactions),
        ["line 78: the page does not show where `/data/counterparty` of response `200` ends: the field after it is placed inside it by position, check it"]
    );
}

/// Seed 004 with no checked-in schema: every field the page shows no name for is named
/// `unnamed_N` in its object and listed in a note; only the names the page prints are used.
#[test]
fn a_first_docusaurus_capture_invents_no_name() {
    let test = "a_first_docusaurus_capture_invents_no_name";
    let Some(seed) = seed_text("004_7bb6ee7d2d588052.txt", test) else {
        return;
    };
    let captured = first_capture(&seed);
    assert_eq!(captured.unreadable, []);
    let draft = &captured.draft;
    let names = |object: &Value| -> Vec<String> {
        object["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(
        names(draft),
        [
            "unnamed_1",
            "unnamed_2",
            "unnamed_3",
            "basicData",
            "taxInformation",
            "identification",
            "mainAddress"
        ]
    );
    assert_eq!(draft["description"], "Individual customer creation data");
    assert_eq!(
        names(def(draft, "BasicData")),
        ["unnamed_1", "unnamed_2", "unnamed_3"]
    );
    assert_eq!(
        names(def(draft, "Response201")),
        ["traceId", "message", "data"]
    );
    // The four identical country lists become one definition; the one occupation list stays.
    assert_eq!(
        to_text(draft)
            .matches("\"#/$defs/PossibleValues1\"")
            .count(),
        4
    );
    assert_eq!(
        def(draft, "BasicData")["properties"]["unnamed_3"]["enum"][23],
        "SELFEMP"
    );
    let unnamed: Vec<&String> = captured
        .notes
        .iter()
        .filter(|n| n.contains(": unnamed field "))
        .collect();
    // 15 fields, but without the checked-in schema nothing shows that the last country list and
    // `pep`'s description (next line) are two: that group is one field, and a note says why.
    assert_eq!(unnamed.len(), 14, "{:#?}", captured.notes);
    assert!(unnamed.iter().all(|n| n.ends_with(" here)")));
    for note in [
        "the page shows no named field with both a qualifier and a description, so where each `Possible values:` line belongs is not shown: each is read with the description after it, the plugin's usual order, check it",
        "line 12: `Individual customer creation data` after `Body` is read as the body's description, where the plugin prints it: it may be an unnamed field, check it",
        "line 24: `/taxInformation` placed beside `/basicData` by position: the page does not show where `/basicData` ends, check it",
        "`/unnamed_1`: the page shows no type for this field, so the draft gives it none: check it",
        "the page shows no name line, and so no `required` badge, for the unnamed fields of the body: none of them is marked required, check it",
    ] {
        assert!(captured.notes.iter().any(|n| n == note), "{note}: {:#?}", captured.notes);
    }
}

#[test]
fn a_docusaurus_page_cut_mid_field_gives_the_draft_of_every_complete_field() {
    let test = "a_docusaurus_page_cut_mid_field_gives_the_draft_of_every_complete_field";
    let Some(seed) = seed_text("004_7bb6ee7d2d588052.txt", test) else {
        return;
    };
    let (_, schema) = checked_in("connectfinancial/create-individual-customer");
    let capture = |cut: &str| capture_page(cut, "cut.txt", Some(&schema)).unwrap();
    // Cut inside the identification's list of countries.
    let at = seed.find("Identification code").unwrap();
    let at = at + seed[at..].find("DZ, ").unwrap();
    let captured = capture(&seed[..at]);
    assert_eq!(
        lines(&captured),
        ["line 34: the page ends inside `Possible values: [AF, AX, AL,`: expected the closing `]`"]
    );
    let draft = &captured.draft;
    assert_eq!(
        draft["properties"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        [
            "email",
            "phone",
            "phoneCountryCode",
            "basicData",
            "taxInformation",
            "identification"
        ]
    );
    assert_eq!(
        def(draft, "TaxInformation")["properties"]["taxCountry"],
        json!({"$ref": "#/$defs/PossibleValues1"})
    );
    assert_eq!(
        def(draft, "Identification")["properties"],
        json!({"identificationCode": {"description": "Identification code (alphanumeric, hyphens, underscores only)"}})
    );
    // Cut inside the first response's sample: the body is whole.
    let at = seed.find("\"data\": {").unwrap();
    let captured = capture(&seed[..at]);
    assert_eq!(
        lines(&captured),
        ["line 54: the page ends inside the example of response `201`: expected its closing `}`"]
    );
    let whole = capture(&seed);
    for part in ["/properties", "/$defs/BasicData", "/$defs/MainAddress"] {
        assert_eq!(
            captured.draft.pointer(part),
            whole.draft.pointer(part),
            "{part}"
        );
    }
    assert_eq!(
        def(&captured.draft, "Response201")["properties"],
        json!({"data": {"type": "object", "properties": {}}}),
        "the rendered field is kept, the sample is not read"
    );
}

/// `cargo xtask capture <page> --out <schema> <flags>` on a copy of `id`'s schema and overlay in
/// a temporary folder: (exit code, stderr, the schema file after the run, its text before).
fn capture_out(id: &str, page: &str, flags: &[&str]) -> (Option<i32>, String, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let name = id.rsplit('/').next().unwrap();
    let schema = dir.path().join(format!("{name}.json"));
    let (good, _) = checked_in(id);
    std::fs::write(&schema, &good).unwrap();
    let overlay = support::workspace_root().join(format!("schemas/{id}.overlay.json"));
    std::fs::copy(overlay, dir.path().join(format!("{name}.overlay.json"))).unwrap();
    let page_file = dir.path().join("page.txt");
    std::fs::write(&page_file, page).unwrap();
    let output = std::process::Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--package", "xtask", "--", "capture"])
        .arg(&page_file)
        .arg("--out")
        .arg(&schema)
        .args(flags)
        .current_dir(support::workspace_root())
        .output()
        .unwrap();
    let after = std::fs::read_to_string(&schema).unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        after,
        good,
    )
}

#[test]
fn a_page_cut_short_never_replaces_a_good_schema() {
    let test = "a_page_cut_short_never_replaces_a_good_schema";
    let Some(seed) = seed_text("002_2508d6bb07eb6fc2.txt", test) else {
        return;
    };
    // Every field is complete, but the page ends before its samples.
    let cut = &seed[..seed.find("SAMPLE REQUEST").unwrap()];
    let id = "rocketkor/create-business-customer";
    let (code, stderr, after, before) = capture_out(id, cut, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("was not written: the page lacks `SAMPLE REQUEST`, `SAMPLE RESPONSE` of the schema's source (`x-source.section`), so it may end early"),
        "{stderr}"
    );
    assert!(
        stderr.contains("run again with --accept-removals"),
        "{stderr}"
    );
    assert_eq!(after, before, "the schema is unchanged");

    // Cut in the middle of the field list: most known fields are missing too.
    let cut = &seed[..seed.find("contacts").unwrap()];
    let (code, stderr, after, before) = capture_out(id, cut, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("known fields are missing: `/"), "{stderr}");
    assert_eq!(after, before);

    // A whole page with one field removed is a change to review: it is written.
    let edited = seed.replacen("externalId\n", "externalIdentifier\n", 1);
    let (code, stderr, after, before) = capture_out(id, &edited, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_ne!(after, before);
}

#[test]
fn removals_are_written_only_when_accepted() {
    let test = "removals_are_written_only_when_accepted";
    let Some(seed) = seed_text("003_2034ac2d54eece9b.txt", test) else {
        return;
    };
    let id = "axisfi/create-customer";
    // AxisFi drops `primary_contact` (from both samples of both panes, and its label): a change
    // to review, written with a note.
    let mut page = seed.clone();
    for from in [
        "\"primary_contact\": {\n\"contact_phone\": \"+8613800138000\",\n\"contact_email\": \"service@gemini.com\"\n},\n",
        "\"primary_contact\": {\n\"contact_phone\": \"<string>\",\n\"contact_email\": \"<string>\"\n},\n",
        "Primary Contact Section\nShow child attributes\n",
    ] {
        assert!(page.contains(from), "{from}");
        page = page.replace(from, "");
    }
    let (code, stderr, after, _) = capture_out(id, &page, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "`/primary_contact` is in the checked-in schema but no longer on the page: removed"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("overlay amends `/$defs/PrimaryContact"),
        "the sensitive marks of the removed section are noted, not resurrected: {stderr}"
    );
    let written: Value = serde_json::from_str(&after).unwrap();
    assert_eq!(written["properties"]["primary_contact"], json!(null));

    // It drops `business_person_list` too: half of the known fields, as a save cut short looks.
    let mut page = page.replace("List of Legal Representatives\nShow child attributes\n", "");
    while let Some(start) = page.find(",\n\"business_person_list\": [") {
        let end = start + page[start..].find("\n]\n}").unwrap() + "\n]".len();
        page.replace_range(start..end, "");
    }
    let (code, stderr, after, before) = capture_out(id, &page, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("known fields are missing: `/business_person_list`"),
        "{stderr}"
    );
    assert_eq!(after, before);
    let (code, stderr, after, _) = capture_out(id, &page, &["--accept-removals"]);
    assert_eq!(code, Some(0), "{stderr}");
    let written: Value = serde_json::from_str(&after).unwrap();
    assert_eq!(written["properties"]["business_person_list"], json!(null));
}

#[test]
fn a_field_matched_only_by_its_place_is_not_written_without_a_word() {
    let test = "a_field_matched_only_by_its_place_is_not_written_without_a_word";
    let Some(seed) = seed_text("004_7bb6ee7d2d588052.txt", test) else {
        return;
    };
    let page = seed.replace(
        "[NATIONAL_INSURANCE_NUMBER, TAX_CODE]",
        "[NATIONAL_INSURANCE_NUMBER, TAX_CODE, PASSPORT_NUMBER]",
    );
    let id = "connectfinancial/create-individual-customer";
    let (code, stderr, after, before) = capture_out(id, &page, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("taken as `/taxInformation/taxNumberType` by its place"),
        "{stderr}"
    );
    assert!(stderr.contains("--accept-unmatched"), "{stderr}");
    assert_eq!(after, before);
    let (code, stderr, after, _) = capture_out(id, &page, &["--accept-unmatched"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(after.contains("PASSPORT_NUMBER"));
}

#[test]
fn capture_exits_2_when_it_cannot_run() {
    let output = std::process::Command::new(env!("CARGO"))
        .args([
            "run",
            "--quiet",
            "--package",
            "xtask",
            "--",
            "capture",
            "no-such-page.txt",
        ])
        .current_dir(support::workspace_root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read no-such-page.txt"));
}

#[test]
fn hostile_pages_of_the_api_reference_platforms_stay_bounded() {
    let started = std::time::Instant::now();
    // Mintlify: a field list glued into one 1 MB line, with names the sample announces.
    let glued = format!(
        "curl --request POST \\\n--url https://x.io/v1/a \\\n--data '\n{{\"a\": \"<string>\", \"b\": 123}}\n'\nShow child attributes\n{}\n",
        "astringrequiredbnumber".repeat(50_000)
    );
    let captured = first_capture(&glued);
    assert_eq!(detect_format(&glued), Ok(PageFormat::Mintlify));
    assert!(captured.unreadable.len() <= 100_000);
    // A sample nested past what serde_json parses, and one that never closes.
    let deep = format!(
        "curl --request POST \\\n--url https://x.io/v1/a \\\n--data '\n{}{}\n'\nShow child attributes\n",
        "{\"a\":".repeat(10_000),
        "}".repeat(10_000)
    );
    assert_eq!(
        lines(&first_capture(&deep)),
        ["line 4: the request sample after `--data` is not JSON"]
    );
    let open = format!(
        "Required string length: 1 - 64\ncurl --request POST \\\n--url https://x.io/v1/a \\\n--data '\n{}",
        "{\"a\": [\n".repeat(50_000)
    );
    assert_eq!(
        lines(&first_capture(&open)),
        ["line 4: the page ends inside the request sample after `--data`: expected its closing `}`"]
    );
    // Docusaurus: 20,000 unnamed fields, and a qualifier that never closes its list.
    let many = format!(
        "POST/x\nRequest\n- application/json\nBody\nrequired\nkind\nobject\nrequired\n{}Responses\n- 200\n- application/json\n- Schema\n- Example (from schema)\n",
        "Possible values: [A, B]\nA description.\n".repeat(20_000)
    );
    assert_eq!(detect_format(&many), Ok(PageFormat::DocusaurusOpenApi));
    let captured = first_capture(&many);
    let kind = &captured.draft["$defs"]["Kind"]["properties"];
    assert_eq!(
        kind.as_object().map(|p| p.len()),
        Some(20_000),
        "{:?}",
        lines(&captured)
    );
    let unclosed = format!(
        "POST/x\nRequest\n- application/json\nBody\nrequired\nkind\nobject\nrequired\nPossible values: [M, F]\nPossible values: [{}",
        "A, ".repeat(200_000)
    );
    assert_eq!(detect_format(&unclosed), Ok(PageFormat::DocusaurusOpenApi));
    let captured = first_capture(&unclosed);
    assert_eq!(captured.unreadable.len(), 1, "{:?}", lines(&captured));
    assert!(captured.unreadable[0].message.len() < 300);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "bounded: {:?}",
        started.elapsed()
    );
}

#[test]
fn a_first_capture_of_every_page_regenerates_as_it_is() {
    let pages = std::fs::read_dir(support::workspace_root().join("tests/pages")).unwrap();
    let mut names: Vec<String> = pages
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt") && !n.ends_with(".cut.txt"))
        .collect();
    names.sort();
    assert!(names.len() > 20, "{names:?}");
    for name in names {
        let mut captured = first_capture(&page_text(&name));
        codegen::capture::record_notes(&mut captured.draft, &captured.notes);
        assert!(
            captured
                .notes
                .iter()
                .any(|n| n.starts_with("the root `title`")),
            "{name}: the made-up title is a note"
        );
        let file = codegen::SchemaFile {
            display_path: format!("schemas/new/{name}.json"),
            provider: "new".into(),
            endpoint: "endpoint".into(),
            document: captured.draft,
        };
        if let Err(errors) = codegen::endpoint_source(file) {
            panic!("{name}: {errors:?}");
        }
    }
}

/// The notes about sentences of the page that read as rules between fields.
fn rule_notes(captured: &Captured) -> Vec<&str> {
    captured
        .notes
        .iter()
        .map(String::as_str)
        .filter(|n| n.contains(": the page states a rule no table encodes: "))
        .collect()
}

/// The notes about sample members named unlike their fields.
fn sample_name_notes(captured: &Captured) -> Vec<&str> {
    captured
        .notes
        .iter()
        .map(String::as_str)
        .filter(|n| n.contains(": the sample request names "))
        .collect()
}

fn rule_note(line: usize, sentence: &str, properties: &str) -> String {
    format!("line {line}: the page states a rule no table encodes: \"{sentence}\" ({properties}); encode it in the overlay or record it in schemas/doc-issues.md")
}

/// The line of `text` (1-based) that contains `part`.
fn line_of(text: &str, part: &str) -> usize {
    text.lines().position(|l| l.contains(part)).unwrap() + 1
}

#[test]
fn prose_rules_no_table_encodes_are_notes_never_rules() {
    // (page, the sentence, the properties it names): RocketKOR, Mintlify, connectFi tables.
    let pages = [
        (
            "rocketkor-update-customer.rules.txt",
            "Either externalId or customerId must be provided.",
            "properties externalId, customerId",
        ),
        (
            "mintlify-update-customer.rules.txt",
            "Required if review_priority is 1.",
            "property review_priority",
        ),
        (
            "connectfi-customer-update.rules.txt",
            "Either email or phones must be provided.",
            "properties email, phones",
        ),
    ];
    for (page, sentence, properties) in pages {
        let text = page_text(page);
        let captured = first_capture(&text);
        assert_eq!(captured.unreadable, [], "{page}");
        assert_eq!(
            rule_notes(&captured),
            [rule_note(line_of(&text, sentence), sentence, properties)],
            "{page}"
        );
        let draft = to_text(&captured.draft);
        for keyword in ["dependentRequired", "oneOf", "anyOf", "\"if\""] {
            assert!(!draft.contains(keyword), "{page}: a note, never a rule");
        }
        // The same page without the sentence, and with a sentence that names no property.
        let without = text.replace(&format!(" {sentence}"), "");
        assert_ne!(without, text);
        assert_eq!(
            rule_notes(&first_capture(&without)),
            Vec::<&str>::new(),
            "{page}"
        );
        let unnamed = text.replace(
            &format!(" {sentence}"),
            " Either a card or an account must be provided.",
        );
        assert_eq!(
            rule_notes(&first_capture(&unnamed)),
            Vec::<&str>::new(),
            "{page}"
        );
    }

    // Docusaurus, in the rendering that keeps names: a conditional sentence.
    let text = page_text("connectfinancial-create-individual-customer.named.txt").replace(
        "Explanation of PEP status if TRUE",
        "Explanation of PEP status. Required if pep is true.",
    );
    assert_eq!(
        rule_notes(&first_capture(&text)),
        [rule_note(
            line_of(&text, "Required if pep is true."),
            "Required if pep is true.",
            "property pep"
        )]
    );
}

#[test]
fn prose_rules_are_noted_until_the_checked_in_schema_quotes_them() {
    let text = page_text("rocketkor-create-business-customer.compact.txt");
    let id = "rocketkor/create-business-customer";
    // A first capture has no overlay: every rule the page states is a note.
    assert_eq!(
        rule_notes(&first_capture(&text)),
        [
            rule_note(18, "Required if type is SHIPPING.", "property type"),
            rule_note(
                51,
                "Required if countryCode is USA or CAN.",
                "property countryCode"
            ),
            rule_note(
                57,
                "Required if countryCode is USA or CAN.",
                "property countryCode"
            ),
            rule_note(141, "Required if taxId is provided.", "property taxId"),
        ]
    );
    // The overlay encodes each and quotes its sentence (`x-source-quote`): nothing to check.
    let (_, schema) = checked_in(id);
    let against = |schema: &Value| capture_page(&text, "page.txt", Some(schema)).unwrap();
    assert_eq!(rule_notes(&against(&schema)), Vec::<&str>::new());
    // Without the quote, the encoded rule is not recognised as this sentence's.
    let mut unquoted = schema.clone();
    let quote = unquoted
        .as_object_mut()
        .unwrap()
        .shift_remove("x-source-quote");
    assert_eq!(
        quote,
        Some(json!("taxIdCountryCode: Required if taxId is provided."))
    );
    assert_eq!(
        rule_notes(&against(&unquoted)),
        [rule_note(
            141,
            "Required if taxId is provided.",
            "property taxId"
        )]
    );
}

#[test]
fn a_sample_that_names_a_field_unlike_its_table_is_a_note_and_the_table_wins() {
    let note = |line: usize, sample: &str, table: &str| {
        format!("line {line}: the sample request names \"{sample}\" where the table names \"{table}\"; the table's name is kept")
    };
    // (page, the sample's name, the table's name): RocketKOR, Mintlify, connectFi tables.
    let pages = [
        (
            "rocketkor-update-customer.rules.txt",
            "webhookUrl",
            "webhookURL",
        ),
        (
            "mintlify-update-customer.rules.txt",
            "marketingOptIn",
            "marketing_opt_in",
        ),
        (
            "connectfi-customer-update.rules.txt",
            "customerID",
            "customerId",
        ),
    ];
    for (page, sample, table) in pages {
        let text = page_text(page);
        let captured = first_capture(&text);
        assert_eq!(
            sample_name_notes(&captured),
            [note(
                line_of(&text, &format!("\"{sample}\"")),
                sample,
                table
            )],
            "{page}"
        );
        let properties = &captured.draft["properties"];
        assert!(properties.get(table).is_some(), "{page}: {properties}");
        assert!(properties.get(sample).is_none(), "{page}: {properties}");
        if page.starts_with("rocketkor") {
            assert_eq!(
                page_notes(&captured),
                [
                    rule_note(
                        27,
                        "Either externalId or customerId must be provided.",
                        "properties externalId, customerId"
                    ),
                    note(80, "webhookUrl", "webhookURL"),
                ],
                "no other note: the sample still places every field"
            );
        }
        // Names that match give no note.
        let matching = text.replace(&format!("\"{sample}\""), &format!("\"{table}\""));
        assert_eq!(
            sample_name_notes(&first_capture(&matching)),
            Vec::<&str>::new(),
            "{page}"
        );
    }

    // Nested members, in arrays and sections (connectFi lists): separators and case.
    let text = page_text("connectfi-condor-customer-update.txt");
    assert_eq!(sample_name_notes(&first_capture(&text)), Vec::<&str>::new());
    let edited = text.replace(
        "\"preferences\" : {\"channel\": \"EMAIL | SMS\"}",
        "\"preferences\" : {\"channel\": \"EMAIL | SMS\", \"quiet_hours\": {}},\n    \"addresses\": [{\"type\": \"PRIMARY\", \"postal_code\": \"12345\"}, {\"postal_code\": \"54321\"}]",
    );
    assert_ne!(edited, text);
    let captured = first_capture(&edited);
    assert_eq!(captured.unreadable, []);
    assert_eq!(
        sample_name_notes(&captured),
        [
            note(
                line_of(&edited, "\"quiet_hours\""),
                "quiet_hours",
                "quietHours"
            ),
            note(
                line_of(&edited, "\"postal_code\""),
                "postal_code",
                "postalCode"
            ),
        ],
        "one note per pair of names"
    );
    assert_eq!(
        captured.draft["$defs"]["Addresses"]["required"],
        json!(["type", "postalCode"])
    );
}
