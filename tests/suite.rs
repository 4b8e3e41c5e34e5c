//! The official JSON-Schema-Test-Suite referees the generated validators: the set of failing cases
//! must equal `tests/suite-known-failures.txt`, with a reason for each.

use std::collections::BTreeSet;
use tests::suite::{case_key, listed_skips, run, Outcome, GROUPS, SUITE_DIR};

#[test]
fn failing_cases_are_exactly_the_known_failures() {
    if SUITE_DIR.is_err() {
        let test = "failing_cases_are_exactly_the_known_failures";
        let path = "json-schema-test-suite/draft2020-12";
        assert!(
            tests::referees::referee_input(path, test).is_none(),
            "the build did not see {path}: run `cargo clean -p tests`"
        );
        return;
    }
    let listed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/suite-known-failures.txt"
    ))
    .unwrap();
    let known: BTreeSet<String> = listed
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 4, "a known failure needs a reason: {line}");
            fields[..3].join("\t")
        })
        .collect();
    let mut failing = BTreeSet::new();
    let (mut passed, mut skipped) = (0, 0);
    for group in GROUPS {
        for case in group.cases {
            match run(group, case) {
                Outcome::Passed => passed += 1,
                Outcome::Failed { .. } => {
                    failing.insert(case_key(group, case));
                }
                Outcome::Skipped => skipped += 1,
            }
        }
    }
    assert_eq!(
        failing, known,
        "failing suite cases differ from suite-known-failures.txt"
    );
    let skipped_groups: BTreeSet<(String, String)> = GROUPS
        .iter()
        .filter(|g| g.check.is_none())
        .map(|g| (g.file.to_owned(), g.description.to_owned()))
        .collect();
    let listed: BTreeSet<(String, String)> = listed_skips().into_keys().collect();
    assert_eq!(
        skipped_groups, listed,
        "the groups that do not run differ from suite-skipped.txt"
    );
    // Every file the vocabulary covers must actually run: a regression that skips them is a failure.
    for file in [
        "type.json",
        "oneOf.json",
        "if-then-else.json",
        "optional/format/date-time.json",
        "optional/ecmascript-regex.json",
        "unevaluatedProperties.json",
        "patternProperties.json",
        "prefixItems.json",
        "anchor.json",
        "dynamicRef.json",
    ] {
        assert!(
            GROUPS.iter().any(|g| g.file == file && g.check.is_some()),
            "{file} did not run"
        );
    }
    // Every format of 2020-12 is asserted: each file of optional/format/ runs whole.
    let formats = std::path::Path::new(SUITE_DIR.unwrap()).join("optional/format");
    for entry in std::fs::read_dir(&formats).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let file = format!("optional/format/{name}");
        let groups: Vec<_> = GROUPS.iter().filter(|g| g.file == file).collect();
        assert!(
            !groups.is_empty() && groups.iter().all(|g| g.check.is_some()),
            "{file} does not run whole: add it to OPTIONAL_FILES in tests/build.rs"
        );
    }
    assert!(
        passed >= 1900,
        "only {passed} cases passed ({skipped} skipped)"
    );
}
