//! Capture: each seed page plus its reviewed overlay reproduces the checked-in schema byte for
//! byte, so a changed page shows up as a failure pointing at what changed.

mod support;

use codegen::capture::overlay::Overlay;
use codegen::capture::{capture_page, detect_format, PageFormat};
use serde_json::Value;

/// The captured endpoints: schema file and page format.
const CAPTURED: &[(&str, PageFormat)] = &[
    ("connectfi/customer-init", PageFormat::ConnectFiTables),
    (
        "connectfi/condor-customer-create",
        PageFormat::ConnectFiLists,
    ),
    (
        "rocketkor/create-business-customer",
        PageFormat::RocketKorFields,
    ),
];

pub fn seed_text(name: &str) -> String {
    let path = support::workspace_root().join("../shared/seeds").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

fn overlay(id: &str) -> Overlay {
    let path = support::workspace_root().join(format!("schemas/{id}.overlay.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn to_text(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap() + "\n"
}

#[test]
fn capture_plus_overlay_reproduces_each_checked_in_schema() {
    for (id, format) in CAPTURED {
        let schema_text =
            std::fs::read_to_string(support::workspace_root().join(format!("schemas/{id}.json")))
                .unwrap();
        let schema: Value = serde_json::from_str(&schema_text).unwrap();
        let seed = schema["x-source"]["seed"].as_str().unwrap();
        let page = seed_text(seed);
        assert_eq!(detect_format(&page).unwrap(), *format, "{id}");
        let overlay = overlay(id);
        let captured =
            capture_page(&page, seed, &overlay.nesting).unwrap_or_else(|err| panic!("{id}: {err}"));
        let rebuilt = to_text(&overlay.apply(captured));
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
fn capture_errors_name_the_line_and_what_was_expected() {
    let page = seed_text("000_4e8c945a7a832b0c.txt").replace(
        "Property Description Required Schema",
        "Name Notes Required Schema",
    );
    let err = capture_page(&page, "x.txt", &Default::default()).unwrap_err();
    assert_eq!(err.to_string(), "line 74: expected the header `Property Description Required Schema` after `Property table for schema 1 for customer/init`");

    let page = seed_text("002_2508d6bb07eb6fc2.txt").replace(
        "string, min length: 1, max length: 50",
        "string, min length: 1, max length: fifty",
    );
    let err = capture_page(
        &page,
        "x.txt",
        &overlay("rocketkor/create-business-customer").nesting,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 73: unknown clause `max length: fifty` in the type line"
    );

    let page = seed_text("002_2508d6bb07eb6fc2.txt").replace("middleName\n", "secondName\n");
    let err = capture_page(
        &page,
        "x.txt",
        &overlay("rocketkor/create-business-customer").nesting,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "line 59: overlay nesting for `addresses/name` expects child `middleName` here, the page has `secondName`");

    let err = capture_page("Some blog post\nPOST /x\n", "x.txt", &Default::default()).unwrap_err();
    assert!(
        err.to_string().starts_with("line 0: unknown page format"),
        "{err}"
    );
}

#[test]
fn a_page_that_does_not_parse_never_replaces_a_good_schema() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("create-business-customer.json");
    let good = std::fs::read(
        support::workspace_root().join("schemas/rocketkor/create-business-customer.json"),
    )
    .unwrap();
    std::fs::write(&schema, &good).unwrap();
    std::fs::copy(
        support::workspace_root().join("schemas/rocketkor/create-business-customer.overlay.json"),
        dir.path().join("create-business-customer.overlay.json"),
    )
    .unwrap();
    let page = dir.path().join("page.txt");
    let broken = seed_text("002_2508d6bb07eb6fc2.txt").replace(
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
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("page.txt:217: unknown clause `max length: many` in the type line"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&schema).unwrap(),
        good,
        "the good schema was left untouched"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        3,
        "no temporary file is left behind"
    );
}
