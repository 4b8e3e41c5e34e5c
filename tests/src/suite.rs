//! Runs the JSON-Schema-Test-Suite against validators the project's emitter generated at build time.

use generated::runtime::single_pass::{self, ReadPlan};
use generated::runtime::{CheckFn, InstancePath, Limits, Node, Report};

/// A suite group: one schema and its cases.
pub struct Group {
    pub file: &'static str,
    pub description: &'static str,
    /// The generated validator, or `None` when the schema uses keywords outside the vocabulary.
    pub check: Option<CheckFn>,
    /// The generated tables of the single pass, beside `check`.
    pub plan: Option<&'static ReadPlan>,
    /// Why the group was not generated.
    pub skipped: Option<&'static str>,
    pub cases: &'static [Case],
}

/// One suite case.
pub struct Case {
    pub description: &'static str,
    /// The instance, as JSON text.
    pub data: &'static str,
    pub valid: bool,
}

include!(concat!(env!("OUT_DIR"), "/suite.rs"));

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    /// Expected validity, and the generated validator's verdict in both modes and in the
    /// single pass from bytes (when that pass decides alone).
    Failed {
        expected: bool,
        collected: bool,
        verdict_only: bool,
        single_pass: Option<bool>,
    },
    Skipped,
}

/// Runs a case in both modes (all errors, and first error only) and through the single pass
/// from bytes; each must agree with the suite.
pub fn run(group: &Group, case: &Case) -> Outcome {
    let (Some(check), Some(plan)) = (group.check, group.plan) else {
        return Outcome::Skipped;
    };
    let data: Node<'_> = serde_json::from_str(case.data).expect("suite data is JSON");
    let mut all = Report::collect_all(Limits::default());
    check(&data, &InstancePath::Root, &mut all);
    let mut first = Report::verdict_only(Limits::default());
    check(&data, &InstancePath::Root, &mut first);
    let (collected, verdict_only) = (all.is_valid(), first.is_valid());
    let single_pass = match single_pass::verdict(case.data.as_bytes(), plan, Limits::default()) {
        single_pass::Outcome::Valid => Some(true),
        single_pass::Outcome::Invalid => Some(false),
        single_pass::Outcome::Undecided => None,
    };
    if collected == case.valid
        && verdict_only == case.valid
        && single_pass.is_none_or(|verdict| verdict == case.valid)
    {
        Outcome::Passed
    } else {
        Outcome::Failed {
            expected: case.valid,
            collected,
            verdict_only,
            single_pass,
        }
    }
}

/// `file \t group \t case`: how a case is named in the known-failures list.
pub fn case_key(group: &Group, case: &Case) -> String {
    format!(
        "{}\t{}\t{}",
        group.file, group.description, case.description
    )
}

/// `suite-skipped.txt`: each group that does not run, keyed by file and group description, with
/// the reason.
pub fn listed_skips() -> std::collections::BTreeMap<(String, String), String> {
    include_str!("../suite-skipped.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "a skipped group needs a reason: {line}");
            (
                (fields[0].to_owned(), fields[1].to_owned()),
                fields[2].to_owned(),
            )
        })
        .collect()
}

/// True for the suite's optional directory, counted apart from the required files.
pub fn is_optional(group: &Group) -> bool {
    group.file.starts_with("optional/")
}
