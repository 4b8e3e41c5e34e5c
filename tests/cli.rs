//! The `validate` command's contract: exit 0 valid, 1 invalid (one JSON object per error on
//! stdout), 2 when it cannot run (one-line reason on stderr).

mod support;

use std::io::Write;
use std::process::{Command, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn validate(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO"))
        .args([
            "run",
            "--quiet",
            "--package",
            "generated",
            "--bin",
            "validate",
            "--",
        ])
        .args(args)
        .current_dir(support::workspace_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cargo runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

#[test]
fn list_prints_id_operation_and_direction() {
    let run = validate(&["--list"], b"");
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines.contains(&"connectfi/customer-init\tPOST /customer/init\trequest"));
    assert!(
        lines.contains(&"connectfi/customer-init/response-200\tPOST /customer/init\tresponse:200")
    );
    assert!(lines.contains(&"connectfinancial/create-individual-customer/response-404\tPOST /customers/individual\tresponse:404"));
    assert_eq!(lines.len(), 14);
}

#[test]
fn a_valid_file_exits_0() {
    let run = validate(
        &[
            "connectfi/customer-init",
            "tests/fixtures/connectfi/customer-init/request--request-body.json",
        ],
        b"",
    );
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

#[test]
fn an_invalid_document_on_stdin_exits_1_with_one_json_line_per_error() {
    let body = br#"{"customerType": "business", "customerReference": "R1",
        "customer": {"businessName": "A", "businessFederalEin": "12345678", "businessAddresses": [], "businessPhones": []}}"#;
    let run = validate(&["connectfi/customer-init", "-"], body);
    assert_eq!(run.code, 1);
    let errors: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| {
            (
                e["instancePath"].as_str().unwrap(),
                e["keyword"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("/customer/businessFederalEin", "pattern"),
            ("", "required")
        ]
    );
    assert!(errors.iter().all(|e| e["message"].is_string()));
    assert!(
        !run.stdout.contains("12345678"),
        "the FEIN must not be echoed"
    );
}

#[test]
fn what_cannot_run_exits_2_with_a_reason() {
    for (args, stdin, reason) in [
        (
            vec!["nope/nope", "-"],
            &b"{}"[..],
            "validate: unknown schema id `nope/nope` (see `--list`)",
        ),
        (
            vec!["connectfi/customer-init", "missing.json"],
            b"",
            "validate: cannot read missing.json:",
        ),
        (
            vec!["connectfi/customer-init", "-"],
            b"{not json",
            "validate: -: not a JSON document: syntax error at line 1 column 2",
        ),
    ] {
        let run = validate(&args, stdin);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.starts_with(reason), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1);
    }
}
