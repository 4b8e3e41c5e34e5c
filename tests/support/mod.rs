//! Shared helpers: the doc-example fixtures and the independent reference validator.

#![allow(dead_code)] // each test binary uses its own subset

pub mod mutations;
pub mod pages;

use serde_json::Value;
use std::path::{Path, PathBuf};

/// One doc example: `tests/fixtures/<provider>/<endpoint>/<direction>--<name>.json`.
pub struct Fixture {
    /// Path relative to `tests/fixtures/`.
    pub name: String,
    /// The schema id it belongs to, e.g. `connectfi/customer-init/response-200`.
    pub schema_id: String,
    pub value: Value,
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// `cargo run -q -p xtask -- <args>` in the workspace: exit code, stdout, stderr.
pub fn xtask(args: &[&str]) -> (i32, String, String) {
    let output = std::process::Command::new(env!("CARGO"))
        .args(["run", "-q", "-p", "xtask", "--"])
        .args(args)
        .current_dir(workspace_root())
        .output()
        .expect("cargo runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

pub fn fixtures() -> Vec<Fixture> {
    let dir = workspace_root().join("tests/fixtures");
    let mut paths = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let (folder, file) = name.rsplit_once('/').unwrap();
            let direction = file.split("--").next().unwrap();
            let schema_id = if direction == "request" {
                folder.to_owned()
            } else {
                format!("{folder}/{direction}")
            };
            let value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            Fixture {
                name,
                schema_id,
                value,
            }
        })
        .collect()
}

/// `tests/fixtures/known-contradictions.txt`: fixtures the docs' own rules reject, with the
/// doc-issues entry that explains why.
pub fn known_contradictions() -> Vec<(String, String)> {
    let text =
        std::fs::read_to_string(workspace_root().join("tests/fixtures/known-contradictions.txt"))
            .unwrap();
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (path, reason) = line.split_once('\t').expect("`<fixture>\\t<doc-issue id>`");
            (path.to_owned(), reason.to_owned())
        })
        .collect()
}

/// The schema file and JSON pointer of a schema id.
pub fn schema_of(id: &str) -> (Value, String) {
    let mut parts = id.splitn(3, '/');
    let (provider, endpoint, direction) =
        (parts.next().unwrap(), parts.next().unwrap(), parts.next());
    let path = workspace_root().join(format!("schemas/{provider}/{endpoint}.json"));
    let document: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let pointer = match direction {
        None => String::new(),
        Some(response) => {
            let status = response.trim_start_matches("response-");
            let reference = document["x-endpoint"]["responses"][status]
                .as_str()
                .unwrap();
            reference.trim_start_matches('#').to_owned()
        }
    };
    (document, pointer)
}

/// The `jsonschema` crate set up as an independent referee for one schema id, with formats
/// asserted and the providers' own keywords registered.
pub fn reference_validator(id: &str) -> jsonschema::Validator {
    let (document, pointer) = schema_of(id);
    let mut schema = document.clone();
    if !pointer.is_empty() {
        schema = serde_json::json!({ "$defs": document["$defs"], "$ref": format!("#{pointer}") });
    }
    apply_nullable(&mut schema);
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .with_format("dateISO", is_iso_date)
        .with_keyword("isNotOnlyWhitespace", not_only_whitespace_factory)
        .build(&schema)
        .expect("reference validator builds")
}

/// OpenAPI's `nullable: true` means `null` is also allowed: in standard terms, `"null"` joins `type`.
fn apply_nullable(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.get("nullable") == Some(&Value::Bool(true)) {
                if let Some(Value::String(single)) = map.get("type").cloned() {
                    map.insert("type".to_owned(), serde_json::json!([single, "null"]));
                }
            }
            map.values_mut().for_each(apply_nullable);
        }
        Value::Array(items) => items.iter_mut().for_each(apply_nullable),
        _ => {}
    }
}

/// connectFi's `isNotOnlyWhitespace` for the `jsonschema` crate (runtime and macro).
pub fn not_only_whitespace_factory<'a>(
    _parent: &'a serde_json::Map<String, Value>,
    value: &'a Value,
    _location: jsonschema::paths::Location,
) -> Result<Box<dyn for<'i> jsonschema::Keyword<'i>>, jsonschema::ValidationError<'a>> {
    Ok(Box::new(NotOnlyWhitespace(value == &Value::Bool(true))))
}

/// connectFi's `dateISO`: a calendar date `YYYY-MM-DD`, checked independently of the runtime.
pub fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(year, 4) || !digits(month, 2) || !digits(day, 2) {
        return false;
    }
    let (y, m, d): (u32, u32, u32) = (
        year.parse().unwrap(),
        month.parse().unwrap(),
        day.parse().unwrap(),
    );
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    (1..=12).contains(&m) && d >= 1 && d <= days[(m - 1) as usize]
}

struct NotOnlyWhitespace(bool);

impl<'i> jsonschema::Keyword<'i> for NotOnlyWhitespace {
    fn validate(&self, instance: &'i Value) -> Result<(), jsonschema::ValidationError<'i>> {
        if jsonschema::Keyword::is_valid(self, instance) {
            Ok(())
        } else {
            Err(jsonschema::ValidationError::custom(
                "must contain a character other than white space",
            ))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        // ECMA-262 `\s`, written out independently of the generated runtime.
        let blank = |c: char| c.is_whitespace() || c == '\u{feff}';
        !self.0 || instance.as_str().is_none_or(|s| !s.chars().all(blank))
    }
}

/// The generated validator's verdict for a schema id.
pub fn generated_verdict(
    id: &str,
    value: &Value,
) -> Result<(), generated::runtime::ValidationErrors> {
    let entry = generated::schemas()
        .into_iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no generated schema {id}"));
    entry.validate(value)
}

/// What the generated Rust type of a schema id makes of some bytes.
pub struct TypedParse {
    /// Through the public API (`from_slice`), re-serialized.
    pub ours: Result<Value, String>,
    /// Through the single pass (`from_slice_in_one_pass`), re-serialized.
    pub one_pass: Result<Value, String>,
    /// What the single pass alone made (`single_pass::typed`): `None` when it rejected the
    /// document or could not decide.
    pub single_pass: Option<Value>,
    /// Through plain serde_json, re-serialized.
    pub plain: Result<Value, String>,
    /// The `Debug` text of the value `from_slice` made.
    pub debug: Result<String, String>,
    /// Where the value plain serde made exists: validating it natively (`runtime::validate`)
    /// against validating its `serde_json::Value`, when the two disagree.
    pub native_disagreement: Option<String>,
}

/// Parses bytes into the generated Rust type of a schema id (found in the registry, so a new
/// provider needs no entry here), through the public API and through plain serde_json.
pub fn typed_round_trip(id: &str, bytes: &[u8]) -> TypedParse {
    use generated::runtime::Limits;
    let entry = generated::schemas()
        .into_iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no generated schema {id}"));
    let typed = entry.typed;
    let parsed = typed.parse(bytes).map_err(|e| e.to_string());
    let native_disagreement = typed.validations(bytes).and_then(|(native, via_value)| {
        (native != via_value).then(|| format!("native {native:?}, via Value {via_value:?}"))
    });
    TypedParse {
        ours: parsed.clone().map(|(value, _)| value),
        one_pass: typed
            .parse_in_one_pass(bytes, Limits::default())
            .map_err(|e| e.to_string()),
        single_pass: typed.single_pass(bytes, Limits::default()),
        plain: typed.serde_only(bytes),
        debug: parsed.map(|(_, debug)| debug),
        native_disagreement,
    }
}

/// The request schemas, which face untrusted input: every registered request body.
pub fn request_ids() -> Vec<&'static str> {
    generated::schemas()
        .into_iter()
        .filter(|e| e.direction == "request")
        .map(|e| e.id)
        .collect()
}

/// A valid request per schema: its first doc example, or a constructed one where the page has none
/// (Connect Financial) or where its own example breaks its rules (AxisFi).
pub fn valid_request(id: &str) -> Value {
    match id {
        "connectfinancial/create-individual-customer" => serde_json::json!({
            "email": "jane.doe@example.com", "phone": "+1 (415) 555-0100", "phoneCountryCode": "1",
            "basicData": {"gender": "F", "nationality": "US", "occupation": "SELFEMP"},
            "taxInformation": {"taxNumber": "123-45-6789", "taxNumberType": "TAX_CODE", "taxCountry": "US"},
            "identification": {"identificationCode": "D1234567", "issuingCountry": "US"},
            "mainAddress": {"zipCode": "94105", "country": "US"},
            "pep": false
        }),
        "axisfi/create-customer" => {
            let mut example = fixtures()
                .into_iter()
                .find(|f| f.schema_id == id)
                .unwrap()
                .value;
            example["partner_customer_id"] = "PARTNER-CUSTOMER-000001".into();
            example
        }
        _ => {
            let candidates: Vec<Fixture> = fixtures()
                .into_iter()
                .filter(|f| f.schema_id == id)
                .collect();
            let main = candidates
                .iter()
                .position(|f| f.name.ends_with("request--request-body.json"))
                .unwrap_or(0);
            candidates
                .into_iter()
                .nth(main)
                .unwrap_or_else(|| panic!("{id}: no doc example under tests/fixtures/"))
                .value
        }
    }
}

/// The request schemas that have a doc example under `tests/fixtures/`, with it: a provider added
/// without examples is covered by every test that needs none.
pub fn requests_with_examples() -> Vec<(&'static str, Value)> {
    let examples = fixtures();
    request_ids()
        .into_iter()
        .filter(|id| examples.iter().any(|f| f.schema_id == *id))
        .map(|id| (id, valid_request(id)))
        .collect()
}

/// `tests/fuzz-corpus/<schema id with / as __>/<case>`: inputs worth keeping, as raw bytes.
pub fn fuzz_corpus() -> Vec<(String, String, Vec<u8>)> {
    let dir = workspace_root().join("tests/fuzz-corpus");
    let mut cases = Vec::new();
    let mut folders: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    folders.sort();
    for folder in folders {
        let id = folder
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace("__", "/");
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            cases.push((id.clone(), name, std::fs::read(&file).unwrap()));
        }
    }
    cases
}
