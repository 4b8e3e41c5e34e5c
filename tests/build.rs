//! Generates validators for the official JSON-Schema-Test-Suite with the project's own emitter,
//! so the suite can referee them. The suite lives beside the repository (`../shared/…`), or where
//! `JSON_SCHEMA_TEST_SUITE` points.

use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Optional files the project claims to support; every required file is run too.
const OPTIONAL_FILES: &[&str] = &[
    "optional/ecmascript-regex.json",
    "optional/format/date-time.json",
    "optional/format/date.json",
    "optional/format/duration.json",
    "optional/format/ecmascript-regex.json",
    "optional/format/email.json",
    "optional/format/hostname.json",
    "optional/format/idn-email.json",
    "optional/format/idn-hostname.json",
    "optional/format/ipv4.json",
    "optional/format/ipv6.json",
    "optional/format/iri-reference.json",
    "optional/format/iri.json",
    "optional/format/json-pointer.json",
    "optional/format/regex.json",
    "optional/format/relative-json-pointer.json",
    "optional/format/time.json",
    "optional/format/unknown.json",
    "optional/format/uri-reference.json",
    "optional/format/uri-template.json",
    "optional/format/uri.json",
    "optional/format/uuid.json",
];

/// Formats a suite file uses that no specification defines, declared for that file's schemas
/// as a schema author declares a format of their own: `x-annotation-formats` at the root. The
/// suite expects an unknown format to be ignored; the generator refuses one nobody declared
/// (`unknown.json` then checks that a declared one asserts nothing).
const DECLARED_FORMATS: &[(&str, &[&str])] = &[("optional/format/unknown.json", &["unknown"])];

/// Files that test behaviour this project deliberately does not have, with the reason.
const NOT_APPLICABLE: &[(&str, &str)] = &[(
    "format.json",
    "expects `format` to be an annotation by default; this project asserts every format of 2020-12 (optional/format/* referee that)",
)];

/// Schemas and cases of our own, in the suite's format, relative to this crate.
const OWN_CASES: &str = "schema-cases.json";

fn main() {
    // One setting finds the referee inputs (see `src/referees.rs`); `JSON_SCHEMA_TEST_SUITE`
    // points at another copy of the suite (`cargo xtask suite --dir`).
    println!("cargo:rerun-if-env-changed=BAAS_SHARED_DIR");
    println!("cargo:rerun-if-env-changed=JSON_SCHEMA_TEST_SUITE");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let shared = std::env::var("BAAS_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| manifest.join("../../shared"));
    let dir = std::env::var("JSON_SCHEMA_TEST_SUITE")
        .map(PathBuf::from)
        .unwrap_or_else(|_| shared.join("json-schema-test-suite/draft2020-12"));
    // Followed even while missing, so that putting the folder back is noticed.
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed={}", shared.join("seeds").display());
    if !dir.is_dir() {
        println!(
            "cargo:warning=the JSON-Schema-Test-Suite is not at {}: the suite and seed-page tests will say they did not run (set BAAS_SHARED_DIR)",
            dir.display()
        );
    }
    let mut out = String::new();
    let mut groups = String::new();
    if dir.is_dir() {
        let remotes_dir = dir.join("../remotes");
        println!("cargo:rerun-if-changed={}", remotes_dir.display());
        let mut remotes = remote_documents(&remotes_dir);
        let meta_schemas = manifest.join(META_SCHEMAS);
        println!("cargo:rerun-if-changed={}", meta_schemas.display());
        serve_meta_schemas(&meta_schemas, &mut remotes);
        for (index, file) in suite_files(&dir).iter().enumerate() {
            println!("cargo:rerun-if-changed={}", dir.join(file).display());
            emit_file(&dir, file, index, &remotes, &mut out, &mut groups);
        }
        writeln!(
            out,
            "pub const SUITE_DIR: Result<&str, &str> = Ok({:?});",
            dir.display().to_string()
        )
        .unwrap();
    } else {
        let reason = format!("the JSON-Schema-Test-Suite is not at {}", dir.display());
        writeln!(
            out,
            "pub const SUITE_DIR: Result<&str, &str> = Err({reason:?});"
        )
        .unwrap();
    }
    writeln!(out, "pub static GROUPS: &[Group] = &[{groups}];").unwrap();
    // The project's own schemas in the suite's format, for cases the suite does not stress
    // (deep recursion through `unevaluated*`): always present, they need no referee folder.
    let mut own_groups = String::new();
    println!(
        "cargo:rerun-if-changed={}",
        manifest.join(OWN_CASES).display()
    );
    let no_remotes = codegen::ExternalDocuments::new();
    emit_file(
        &manifest,
        OWN_CASES,
        9999,
        &no_remotes,
        &mut out,
        &mut own_groups,
    );
    writeln!(out, "pub static OWN_GROUPS: &[Group] = &[{own_groups}];").unwrap();
    let target = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("suite.rs");
    std::fs::write(target, out).unwrap();
}

fn suite_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    files.extend(
        OPTIONAL_FILES
            .iter()
            .filter(|f| dir.join(f).is_file())
            .map(|f| f.to_string()),
    );
    files.sort();
    files
}

/// Where the suite serves its `remotes/` folder: its `$ref`s name these documents by URL, and
/// the generator is handed them from disk (it never fetches).
const REMOTES_URL: &str = "http://localhost:1234/";

/// Every document of the suite's `remotes/` folder, at the URL the suite serves it.
fn remote_documents(remotes: &Path) -> codegen::ExternalDocuments {
    let mut documents = codegen::ExternalDocuments::new();
    let mut folders = vec![remotes.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let Ok(relative) = path.strip_prefix(remotes) else {
                continue;
            };
            let relative = relative.to_string_lossy().replace('\\', "/");
            if !relative.ends_with(".json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let document = serde_json::from_str(&text).unwrap();
            let url = format!("{REMOTES_URL}{relative}");
            documents.insert(url, format!("remotes/{relative}"), document);
        }
    }
    documents
}

/// The 2020-12 meta-schemas, relative to this crate: some groups refer to them by their URL,
/// which no suite folder serves.
const META_SCHEMAS: &str = "metaschemas/draft2020-12";

/// Adds each meta-schema of `folder` at its own `$id`.
fn serve_meta_schemas(folder: &Path, documents: &mut codegen::ExternalDocuments) {
    for name in [
        "schema.json",
        "meta/applicator.json",
        "meta/content.json",
        "meta/core.json",
        "meta/format-annotation.json",
        "meta/meta-data.json",
        "meta/unevaluated.json",
        "meta/validation.json",
    ] {
        let text = std::fs::read_to_string(folder.join(name)).unwrap();
        let document: serde_json::Value = serde_json::from_str(&text).unwrap();
        let id = document["$id"].as_str().unwrap().to_owned();
        documents.insert(id, format!("{META_SCHEMAS}/{name}"), document);
    }
}

fn emit_file(
    dir: &Path,
    file: &str,
    file_index: usize,
    remotes: &codegen::ExternalDocuments,
    out: &mut String,
    groups: &mut String,
) {
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    let suite: serde_json::Value = serde_json::from_str(&text).unwrap();
    let not_applicable = NOT_APPLICABLE
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, why)| why.to_string());
    let declared = DECLARED_FORMATS
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, formats)| *formats);
    for (group_index, group) in suite.as_array().unwrap().iter().enumerate() {
        let display = format!("{file}[{group_index}]");
        let mut schema = group["schema"].clone();
        if let (Some(formats), Some(root)) = (declared, schema.as_object_mut()) {
            root.insert(
                codegen::vocabulary::ANNOTATION_FORMATS.to_owned(),
                serde_json::json!(formats),
            );
        }
        let generated = match &not_applicable {
            Some(reason) => Err(reason.clone()),
            None => {
                codegen::standalone_validator(&display, &schema, remotes, "::generated::runtime")
                    .map_err(|errors| errors[0].to_string())
            }
        };
        let module = format!("f{file_index}_g{group_index}");
        let (check, plan, skipped) = match generated {
            Ok((code, entry, plan)) => {
                writeln!(
                    out,
                    "#[allow(clippy::all, unused)] mod {module} {{\n{code}\n}}"
                )
                .unwrap();
                let plan = match plan {
                    Some(plan) => format!("Some(&{module}::{plan})"),
                    None => "Some(&::generated::runtime::ANY)".to_owned(),
                };
                (format!("Some({module}::{entry})"), plan, "None".to_owned())
            }
            Err(reason) => (
                "None".to_owned(),
                "None".to_owned(),
                format!("Some({reason:?})"),
            ),
        };
        let mut cases = String::new();
        for case in group["tests"].as_array().unwrap() {
            write!(
                cases,
                "Case {{ description: {:?}, data: {:?}, valid: {} }},",
                case["description"].as_str().unwrap(),
                serde_json::to_string(&case["data"]).unwrap(),
                case["valid"].as_bool().unwrap()
            )
            .unwrap();
        }
        write!(
            groups,
            "Group {{ file: {file:?}, description: {:?}, check: {check}, plan: {plan}, skipped: {skipped}, cases: &[{cases}] }},",
            group["description"].as_str().unwrap()
        )
        .unwrap();
    }
}
