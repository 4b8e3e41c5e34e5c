//! Turns the captured JSON Schemas in `schemas/` into the Rust code of the `generated` crate:
//! serde types through typify, and validators through this crate's own emitter.
//!
//! Pipeline: load → compile to IR (vocabulary check, `$ref` resolution) → typify on a lowered
//! copy → emit validators from the IR → assemble → format with prettyplease.

mod assemble;
mod branch_conversions;
mod builders;
mod bundle;
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
pub mod review;
pub mod schema_diff;
mod serde_attrs;
mod shared_defs;
pub mod suggest;
mod to_tree;
mod types;
mod typify_checks;
mod validators;
pub mod vocabulary;

pub use bundle::ExternalDocuments;
pub use endpoint::{read_endpoint, Endpoint, Entry};
pub use error::SchemaError;
pub use load::{load_schema_file, SchemaFile, OVERLAY_SUFFIX};
pub use output::{apply, Mode, Outcome, StaleFile};
pub use shared_defs::definitions_file_errors;

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
    let mut files = Vec::new();
    for path in &paths {
        let display = path
            .strip_prefix(repo_root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        match load_schema_file(path, &display) {
            Ok(file) => files.push(file),
            Err(error) => errors.push(error),
        }
    }
    // Each provider folder: its endpoints' modules and its definitions files' modules.
    let mut providers: Vec<ProviderModules> = Vec::new();
    for group in files.chunk_by(|a, b| a.provider == b.provider) {
        let provider_files = shared_defs::ProviderFiles::new(group);
        errors.extend(provider_files.cycle_errors());
        let mut modules = ProviderModules {
            provider: group[0].provider.clone(),
            endpoints: Vec::new(),
            shared: Vec::new(),
        };
        for file in group {
            let output = if shared_defs::is_definitions_file(&file.document) {
                modules.shared.push(file.endpoint.clone());
                definitions_output(file, &provider_files)
            } else {
                modules.endpoints.push(file.endpoint.clone());
                endpoint_output(file, &provider_files)
            };
            match output {
                Ok(output) => {
                    plan.typed_as_value.extend(output.typed_as_value);
                    plan.annotation_formats.extend(declared_annotation_formats(
                        &file.display_path,
                        &file.document,
                    ));
                    plan.inferred_sensitive.extend(output.inferred_sensitive);
                    plan.types_emitted += output.type_count;
                    plan.validators_emitted += output.validator_count;
                    if let Some(endpoint) = &output.endpoint {
                        plan.entries.extend(
                            endpoint
                                .entries
                                .iter()
                                .map(|entry| (endpoint.clone(), entry.clone())),
                        );
                    }
                    plan.files.push(output.generated);
                }
                Err(mut file_errors) => errors.append(&mut file_errors),
            }
        }
        providers.push(modules);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    errors.sort();
    errors.dedup();
    for ProviderModules {
        provider,
        endpoints,
        shared,
    } in &providers
    {
        let source = format!("the schemas in schemas/{provider}/");
        let module = assemble::provider_module(provider, endpoints, shared);
        let contents = assemble::render(&source, module).map_err(|message| {
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
    let endpoints_by_provider: Vec<(String, Vec<String>)> = providers
        .iter()
        .map(|modules| (modules.provider.clone(), modules.endpoints.clone()))
        .collect();
    let contents = assemble::render(
        "the folders of schemas/",
        assemble::providers_module(&endpoints_by_provider),
    )
    .map_err(|message| vec![SchemaError::new("schemas", "", message)])?;
    plan.files.push(GeneratedFile {
        path: Path::new(GENERATED_SRC).join("mod.rs"),
        contents,
    });
    let provider_names: Vec<String> = providers.into_iter().map(|m| m.provider).collect();
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

/// The modules of one provider folder: one per endpoint, one per definitions file.
struct ProviderModules {
    provider: String,
    endpoints: Vec<String>,
    shared: Vec<String>,
}

/// One schema file's generated module and what went into it.
struct ModuleOutput {
    /// The endpoint a module of bodies serves; `None` for a definitions file's types.
    endpoint: Option<Endpoint>,
    generated: GeneratedFile,
    type_count: usize,
    validator_count: usize,
    typed_as_value: Vec<String>,
    inferred_sensitive: Vec<String>,
}

/// `file`'s document with the shared definitions it reaches among `siblings` (the other files of
/// its provider folder) copied in, each `$ref` to them made local: the schema as one document,
/// for comparing two versions whatever file their definitions sit in.
pub fn localized_document(
    file: &SchemaFile,
    siblings: &[SchemaFile],
) -> Result<serde_json::Value, Vec<SchemaError>> {
    let others = siblings.iter().filter(|s| s.endpoint != file.endpoint);
    let provider = shared_defs::ProviderFiles::new(others.chain(std::iter::once(file)));
    shared_defs::localize(file, &provider).map(|localized| localized.document)
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
    let no_shared = std::collections::BTreeMap::new();
    let types =
        types::generate_types(display, document, &pointers, &no_shared).map_err(|e| vec![e])?;
    Ok(types.inferred_sensitive)
}

/// The generated module of one schema document held in memory (`file.document`), as
/// `regenerate` would write it, or every error in it. For tools that feed schemas without files,
/// such as the fuzz targets.
pub fn endpoint_source(file: SchemaFile) -> Result<String, Vec<SchemaError>> {
    endpoint_source_beside(file, &[])
}

/// [`endpoint_source`] for a document whose `$ref`s may name the definitions files among
/// `siblings`, the other files of its provider folder.
pub fn endpoint_source_beside(
    file: SchemaFile,
    siblings: &[SchemaFile],
) -> Result<String, Vec<SchemaError>> {
    let others = siblings.iter().filter(|s| s.endpoint != file.endpoint);
    let provider = shared_defs::ProviderFiles::new(others.chain(std::iter::once(&file)));
    endpoint_output(&file, &provider).map(|output| output.generated.contents)
}

/// The module of an endpoint: its types (a shared definition's from its own module) and the
/// validators of its bodies (with every file they reach embedded).
fn endpoint_output(
    file: &SchemaFile,
    provider: &shared_defs::ProviderFiles,
) -> Result<ModuleOutput, Vec<SchemaError>> {
    let display = file.display_path.as_str();
    let endpoint = read_endpoint(file).map_err(|e| vec![e])?;
    let pointers: Vec<String> = endpoint.entries.iter().map(|e| e.pointer.clone()).collect();
    let mut external = ExternalDocuments::new();
    for sibling in provider.files() {
        if sibling.endpoint != file.endpoint {
            external.insert_file(&sibling.display_path, sibling.document.clone());
        }
    }
    let bundle = bundle::bundle(display, &file.document, &external)?;
    let (ir, entry_nodes) = compile::compile(display, &bundle, &pointers)?;
    let localized = shared_defs::localize(file, provider)?;
    let collisions = names::name_collisions(display, &localized.document);
    if !collisions.is_empty() {
        return Err(collisions);
    }
    let types = types::generate_types(display, &localized.document, &pointers, &localized.shared)
        .map_err(|e| vec![e])?;
    let (validator_tokens, entry_functions, entry_plans, validator_count) =
        validators::emit_validators(&ir, &entry_nodes, display);
    let entry_plans: Vec<TokenStream> = entry_plans
        .iter()
        .map(|plan| match plan {
            Some(name) => quote!(validators::#name),
            None => quote!(crate::runtime::ANY),
        })
        .collect();
    let (type_file, type_count) = complete_types(display, &types)?;
    let annotated = types::Types {
        tokens: quote!(#type_file),
        entry_names: types.entry_names.clone(),
        typed_as_value: Vec::new(),
        inferred_sensitive: Vec::new(),
    };
    let localized_file = SchemaFile {
        document: localized.document,
        ..file.clone()
    };
    let tokens = assemble::endpoint_module(
        &localized_file,
        &endpoint,
        &annotated,
        validator_tokens,
        &entry_functions,
        &entry_plans,
    );
    let generated = module_file(file, tokens)?;
    Ok(ModuleOutput {
        endpoint: Some(endpoint),
        generated,
        type_count,
        validator_count,
        typed_as_value: typed_as_value_lines(display, &types),
        inferred_sensitive: inferred_sensitive_lines(display, &types),
    })
}

/// The module of a definitions file: the types of its definitions, which the provider's
/// endpoints use.
fn definitions_output(
    file: &SchemaFile,
    provider: &shared_defs::ProviderFiles,
) -> Result<ModuleOutput, Vec<SchemaError>> {
    let display = file.display_path.as_str();
    let shape_errors = shared_defs::definitions_file_errors(file);
    if !shape_errors.is_empty() {
        return Err(shape_errors);
    }
    // Its rules are checked as any schema's are, though only endpoints' validators run them.
    compile::compile(display, &bundle::Bundle::unbundled(&file.document), &[])?;
    let localized = shared_defs::localize(file, provider)?;
    let collisions = names::name_collisions(display, &localized.document);
    if !collisions.is_empty() {
        return Err(collisions);
    }
    let types = types::generate_shared_types(display, &localized.document, &localized.shared)
        .map_err(|e| vec![e])?;
    let (type_file, type_count) = complete_types(display, &types)?;
    let generated = module_file(file, assemble::definitions_module(file, quote!(#type_file)))?;
    Ok(ModuleOutput {
        endpoint: None,
        generated,
        type_count,
        validator_count: 0,
        typed_as_value: typed_as_value_lines(display, &types),
        inferred_sensitive: inferred_sensitive_lines(display, &types),
    })
}

/// typify's output with what the project adds to it: rustdoc, complete newtype checks, `ToTree`,
/// builders, branch conversions, and one macro call per repeated conversion. Also the number of
/// structs and enums.
fn complete_types(
    display: &str,
    types: &types::Types,
) -> Result<(syn::File, usize), Vec<SchemaError>> {
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
    Ok((type_file, type_count))
}

/// `generated/src/providers/<provider>/<file>.rs`, rendered.
fn module_file(file: &SchemaFile, tokens: TokenStream) -> Result<GeneratedFile, Vec<SchemaError>> {
    let display = file.display_path.as_str();
    let contents = assemble::render(display, tokens)
        .map_err(|message| vec![SchemaError::new(display, "", message)])?;
    let path = Path::new(GENERATED_SRC)
        .join(file.provider.replace('-', "_"))
        .join(format!("{}.rs", file.endpoint.replace('-', "_")));
    Ok(GeneratedFile { path, contents })
}

fn typed_as_value_lines(display: &str, types: &types::Types) -> Vec<String> {
    types
        .typed_as_value
        .iter()
        .map(|(pointer, keyword)| {
            let why = types::why_typed_as_value(keyword);
            format!("{display}: {pointer}: typed as serde_json::Value ({why})")
        })
        .collect()
}

fn inferred_sensitive_lines(display: &str, types: &types::Types) -> Vec<String> {
    types
        .inferred_sensitive
        .iter()
        .map(|(pointer, category)| {
            format!("{display}: {pointer}: personal data ({category}), by its name or format")
        })
        .collect()
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
/// that uses `runtime_path` for the runtime; its `$ref`s may reach the documents of `external`. Used to run the official test suite through the same
/// emitter. Returns the module tokens rendered as Rust source, the entry function name, and the
/// name of the entry's read plan (`None` when the schema accepts everything).
pub fn standalone_validator(
    display: &str,
    document: &serde_json::Value,
    external: &ExternalDocuments,
    runtime_path: &str,
) -> Result<(String, String, Option<String>), Vec<SchemaError>> {
    let bundle = bundle::bundle(display, document, external)?;
    let (ir, entries) = compile::compile(display, &bundle, &[String::new()])?;
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
