//! Turns the captured JSON Schemas in `schemas/` into the Rust code of the `generated` crate:
//! serde types through typify, and validators through this crate's own emitter.
//!
//! Pipeline: load → compile to IR (vocabulary check, `$ref` resolution) → typify on a lowered
//! copy → emit validators from the IR → assemble → format with prettyplease.

mod assemble;
mod branch_conversions;
mod builders;
pub mod capture;
mod compile;
mod conversions;
mod cross_field;
mod docs;
mod documented;
mod endpoint;
mod error;
pub mod import;
mod ir;
mod load;
mod names;
mod output;
mod patterns;
mod personal;
mod read_plans;
mod resources;
pub mod schema_diff;
mod serde_attrs;
pub mod suggest;
mod to_tree;
mod types;
mod typify_checks;
mod validators;
pub mod vocabulary;

pub use endpoint::{read_endpoint, Endpoint, Entry};
pub use error::SchemaError;
pub use load::{load_schema_file, SchemaFile, OVERLAY_SUFFIX};
pub use output::{apply, Mode, Outcome, StaleFile};

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::path::{Path, PathBuf};

/// A file the generator wants on disk, relative to the repository root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub contents: String,
}

/// Everything regeneration would write, with counts for the summary.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: Vec<GeneratedFile>,
    pub schemas_read: usize,
    pub types_emitted: usize,
    pub validators_emitted: usize,
    /// Every body of every endpoint, in file order.
    pub entries: Vec<(Endpoint, Entry)>,
    /// Subschemas whose Rust type is `serde_json::Value` because typify cannot express one of
    /// their keywords: `schemas/<file>: <pointer>: <why>`. Their validators check every rule.
    pub typed_as_value: Vec<String>,
    /// The formats each schema declares as annotations (`x-annotation-formats`), which nothing
    /// checks: `schemas/<file>: decimal, base64url`.
    pub annotation_formats: Vec<String>,
    /// Properties generated as personal data without an `x-sensitive` mark, because their name
    /// or format says so: `schemas/<file>: <pointer>: personal data (<category>), by its name`.
    pub inferred_sensitive: Vec<String>,
}

/// Where the generated crate's sources live, relative to the repository root.
pub const GENERATED_SRC: &str = "generated/src/providers";

/// Reads every schema under `<repo_root>/schemas/` and produces the generated files.
/// Nothing is written; all errors of all files are returned together.
pub fn plan(repo_root: &Path) -> Result<Plan, Vec<SchemaError>> {
    let schemas_dir = repo_root.join("schemas");
    let paths = load::find_schema_files(&schemas_dir).map_err(|e| vec![e])?;
    if paths.is_empty() {
        return Err(vec![SchemaError::new(
            "schemas",
            "",
            "no schema files found: expected schemas/<provider>/<endpoint>.json",
        )]);
    }
    let mut plan = Plan {
        schemas_read: paths.len(),
        ..Plan::default()
    };
    let mut errors = Vec::new();
    let mut providers: Vec<(String, Vec<String>)> = Vec::new();
    for path in &paths {
        let display = path
            .strip_prefix(repo_root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        match endpoint_file(path, &display) {
            Ok(EndpointOutput {
                file,
                endpoint,
                generated,
                type_count,
                validator_count,
                typed_as_value,
                inferred_sensitive,
            }) => {
                plan.typed_as_value.extend(typed_as_value);
                plan.annotation_formats
                    .extend(declared_annotation_formats(&display, &file.document));
                plan.inferred_sensitive.extend(inferred_sensitive);
                plan.types_emitted += type_count;
                plan.validators_emitted += validator_count;
                match providers.last_mut() {
                    Some((provider, endpoints)) if *provider == file.provider => {
                        endpoints.push(file.endpoint.clone())
                    }
                    _ => providers.push((file.provider.clone(), vec![file.endpoint.clone()])),
                }
                plan.entries.extend(
                    endpoint
                        .entries
                        .iter()
                        .map(|entry| (endpoint.clone(), entry.clone())),
                );
                plan.files.push(generated);
            }
            Err(mut file_errors) => errors.append(&mut file_errors),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for (provider, endpoints) in &providers {
        let source = format!("the schemas in schemas/{provider}/");
        let contents = assemble::render(&source, assemble::provider_module(provider, endpoints))
            .map_err(|message| {
                vec![SchemaError::new(
                    &format!("schemas/{provider}"),
                    "",
                    message,
                )]
            })?;
        let path = Path::new(GENERATED_SRC)
            .join(provider.replace('-', "_"))
            .join("mod.rs");
        plan.files.push(GeneratedFile { path, contents });
    }
    let contents = assemble::render(
        "the folders of schemas/",
        assemble::providers_module(&providers),
    )
    .map_err(|message| vec![SchemaError::new("schemas", "", message)])?;
    plan.files.push(GeneratedFile {
        path: Path::new(GENERATED_SRC).join("mod.rs"),
        contents,
    });
    let provider_names: Vec<String> = providers.into_iter().map(|(p, _)| p).collect();
    plan.files
        .push(cargo_manifest(repo_root, &provider_names).map_err(|e| vec![e])?);
    plan.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(plan)
}

/// `<file>: <format>, <format>` for a schema that declares annotation formats.
fn declared_annotation_formats(display: &str, document: &serde_json::Value) -> Option<String> {
    let names = document
        .get(vocabulary::ANNOTATION_FORMATS)?
        .as_array()?
        .iter()
        .filter_map(serde_json::Value::as_str)
        .collect::<Vec<_>>();
    (!names.is_empty()).then(|| format!("{display}: {}", names.join(", ")))
}

/// One endpoint's generated module and what went into it.
struct EndpointOutput {
    file: SchemaFile,
    endpoint: Endpoint,
    generated: GeneratedFile,
    type_count: usize,
    validator_count: usize,
    typed_as_value: Vec<String>,
    inferred_sensitive: Vec<String>,
}

/// Generates one endpoint's module.
fn endpoint_file(path: &Path, display: &str) -> Result<EndpointOutput, Vec<SchemaError>> {
    let file = load_schema_file(path, display).map_err(|e| vec![e])?;
    endpoint_output(file)
}

/// The properties of `document` that are generated as personal data without a mark, each with
/// its pointer and category (see `personal`). Marked ones are not listed: strip `x-sensitive`
/// first to see what the inference alone finds.
pub fn inferred_personal_data(
    display: &str,
    document: &serde_json::Value,
) -> Result<Vec<(String, &'static str)>, Vec<SchemaError>> {
    let file = SchemaFile {
        display_path: display.to_owned(),
        provider: "inferred".to_owned(),
        endpoint: "endpoint".to_owned(),
        document: document.clone(),
    };
    let endpoint = read_endpoint(&file).map_err(|e| vec![e])?;
    let pointers: Vec<String> = endpoint.entries.iter().map(|e| e.pointer.clone()).collect();
    let types = types::generate_types(display, document, &pointers).map_err(|e| vec![e])?;
    Ok(types.inferred_sensitive)
}

/// The generated module of one schema document held in memory (`file.document`), as
/// `regenerate` would write it, or every error in it. For tools that feed schemas without files,
/// such as the fuzz targets.
pub fn endpoint_source(file: SchemaFile) -> Result<String, Vec<SchemaError>> {
    endpoint_output(file).map(|output| output.generated.contents)
}

fn endpoint_output(file: SchemaFile) -> Result<EndpointOutput, Vec<SchemaError>> {
    let display = file.display_path.clone();
    let display = display.as_str();
    let endpoint = read_endpoint(&file).map_err(|e| vec![e])?;
    let pointers: Vec<String> = endpoint.entries.iter().map(|e| e.pointer.clone()).collect();
    let (ir, entry_nodes) = compile::compile(display, &file.document, &pointers)?;
    let collisions = names::name_collisions(display, &file.document);
    if !collisions.is_empty() {
        return Err(collisions);
    }
    let types = types::generate_types(display, &file.document, &pointers).map_err(|e| vec![e])?;
    let typed_as_value = types
        .typed_as_value
        .iter()
        .map(|(pointer, keyword)| {
            let why = types::why_typed_as_value(keyword);
            format!("{display}: {pointer}: typed as serde_json::Value ({why})")
        })
        .collect();
    let inferred_sensitive = types
        .inferred_sensitive
        .iter()
        .map(|(pointer, category)| {
            format!("{display}: {pointer}: personal data ({category}), by its name or format")
        })
        .collect();
    let (validator_tokens, entry_functions, entry_plans, validator_count) =
        validators::emit_validators(&ir, &entry_nodes, display);
    let entry_plans: Vec<TokenStream> = entry_plans
        .iter()
        .map(|plan| match plan {
            Some(name) => quote!(validators::#name),
            None => quote!(crate::runtime::ANY),
        })
        .collect();

    let mut type_file: syn::File = syn::parse2(types.tokens.clone()).map_err(|err| {
        vec![SchemaError::new(
            display,
            "",
            format!("typify output does not parse: {err}"),
        )]
    })?;
    docs::annotate(&mut type_file);
    typify_checks::complete_newtype_checks(&mut type_file);
    let type_count = type_file
        .items
        .iter()
        .filter(|item| matches!(item, syn::Item::Struct(_) | syn::Item::Enum(_)))
        .count();
    to_tree::add_trees(&mut type_file);
    builders::add_builders(&mut type_file);
    branch_conversions::add_branch_conversions(&mut type_file);
    conversions::collapse_conversions(&mut type_file);
    let annotated = types::Types {
        tokens: quote!(#type_file),
        entry_names: types.entry_names,
        typed_as_value: Vec::new(),
        inferred_sensitive: Vec::new(),
    };
    let tokens = assemble::endpoint_module(
        &file,
        &endpoint,
        &annotated,
        validator_tokens,
        &entry_functions,
        &entry_plans,
    );
    let contents = assemble::render(display, tokens)
        .map_err(|message| vec![SchemaError::new(display, "", message)])?;
    let out_path = Path::new(GENERATED_SRC)
        .join(file.provider.replace('-', "_"))
        .join(format!("{}.rs", file.endpoint.replace('-', "_")));
    let generated = GeneratedFile {
        path: out_path,
        contents,
    };
    Ok(EndpointOutput {
        file,
        endpoint,
        generated,
        type_count,
        validator_count,
        typed_as_value,
        inferred_sensitive,
    })
}

/// `generated/Cargo.toml` with its `[features]` table regenerated; everything above it is kept.
fn cargo_manifest(repo_root: &Path, providers: &[String]) -> Result<GeneratedFile, SchemaError> {
    let relative = Path::new("generated/Cargo.toml");
    let current = std::fs::read_to_string(repo_root.join(relative)).map_err(|err| {
        SchemaError::new("generated/Cargo.toml", "", format!("cannot read: {err}"))
    })?;
    let head = match current.find("\n[features]") {
        Some(index) => &current[..index + 1],
        None => current.as_str(),
    };
    let contents = format!(
        "{}\n{}",
        head.trim_end(),
        assemble::features_table(providers)
    );
    let contents = contents.replacen("\n[features]", "\n\n[features]", 1);
    Ok(GeneratedFile {
        path: relative.to_path_buf(),
        contents,
    })
}

/// Compiles an arbitrary JSON Schema (no `x-endpoint` needed) into a standalone validator module
/// that uses `runtime_path` for the runtime. Used to run the official test suite through the same
/// emitter. Returns the module tokens rendered as Rust source, the entry function name, and the
/// name of the entry's read plan (`None` when the schema accepts everything).
pub fn standalone_validator(
    display: &str,
    document: &serde_json::Value,
    runtime_path: &str,
) -> Result<(String, String, Option<String>), Vec<SchemaError>> {
    let (ir, entries) = compile::compile(display, document, &[String::new()])?;
    let (tokens, names, plans, _) = validators::emit_validators(&ir, &entries, display);
    let plan = plans[0].as_ref().map(Ident::to_string);
    let runtime: syn::Path = syn::parse_str(runtime_path).map_err(|err| {
        vec![SchemaError::new(
            display,
            "",
            format!("bad runtime path: {err}"),
        )]
    })?;
    let prelude = validators::prelude(&quote!(#runtime));
    let tokens = quote! { #prelude #tokens };
    let file: syn::File = syn::parse2(tokens).map_err(|err| {
        vec![SchemaError::new(
            display,
            "",
            format!("generated code does not parse: {err}"),
        )]
    })?;
    Ok((prettyplease::unparse(&file), names[0].to_string(), plan))
}

/// The repository root, found from this crate's manifest directory (never from the caller's cwd).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen lives one level below the root")
        .to_path_buf()
}
