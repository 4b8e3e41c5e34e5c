//! Puts types, validators and metadata into formatted module files with the generated header.

use crate::endpoint::Endpoint;
use crate::load::SchemaFile;
use crate::types::Types;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

/// The first line of every generated file; orphan removal relies on it.
pub const HEADER_MARKER: &str = "@generated";

/// The header naming the command and the source, followed by formatted code.
pub(crate) fn render(source: &str, tokens: TokenStream) -> Result<String, String> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|err| format!("generated code does not parse: {err}"))?;
    Ok(format!(
        "// {HEADER_MARKER} by `cargo xtask regenerate` from {source}.\n// Do not edit by hand: change the schema and regenerate.\n\n{}",
        prettyplease::unparse(&file)
    ))
}

/// Rust module name for an endpoint file stem or provider folder: `customer-init` -> `customer_init`.
pub fn module_name(stem: &str) -> Ident {
    format_ident!("{}", stem.replace('-', "_"))
}

/// One endpoint's module: its types, `Schema` impls, `SCHEMAS` table and validators.
pub(crate) fn endpoint_module(
    file: &SchemaFile,
    endpoint: &Endpoint,
    types: &Types,
    validators: TokenStream,
    entry_functions: &[Ident],
    entry_plans: &[TokenStream],
) -> TokenStream {
    let module_doc = module_doc(file, endpoint, &types.entry_names);
    let type_items = &types.tokens;
    // One constant per entry, named by the entry's type: the `Schema` impl and `SCHEMAS` share it.
    let documented: Vec<Ident> = types
        .entry_names
        .iter()
        .map(|name| format_ident!("DOCUMENTED_{}", screaming_snake(name)))
        .collect();
    let documented_items = endpoint
        .entries
        .iter()
        .zip(&documented)
        .map(|(entry, name)| {
            let location = format!("{}#{}", file.display_path, entry.pointer);
            let shapes = crate::documented::documented_table(&file.document, &entry.pointer);
            quote! {
                const #name: crate::runtime::Documented =
                    crate::runtime::Documented { schema_location: #location, shapes: #shapes };
            }
        });
    let impls = endpoint.entries.iter().zip(&types.entry_names).zip(entry_functions).zip(&documented).zip(entry_plans).map(|((((entry, type_name), check), documented), plan)| {
        let type_ident = format_ident!("{}", type_name);
        let id = &entry.id;
        let is_response = entry.direction != "request";
        let direction = if is_response { quote!(Response) } else { quote!(Request) };
        let response_impl = is_response.then(|| quote! {
            impl crate::runtime::Response for #type_ident {}
        });
        quote! {
            #response_impl
            impl crate::runtime::Schema for #type_ident {
                const ID: &'static str = #id;
                const DIRECTION: crate::runtime::Direction = crate::runtime::Direction::#direction;
                const DOCUMENTED: crate::runtime::Documented = #documented;
                const READ_PLAN: &'static crate::runtime::ReadPlan = &#plan;
                fn check(value: &crate::runtime::Node<'_>, path: &crate::runtime::InstancePath<'_>, report: &mut crate::runtime::Report) {
                    validators::#check(value, path, report)
                }
            }
        }
    });
    let (method, path) = (&endpoint.method, &endpoint.path);
    let table = endpoint.entries.iter().zip(&types.entry_names).zip(entry_functions).zip(&documented).zip(entry_plans).map(|((((entry, type_name), check), documented), plan)| {
        let (id, direction) = (&entry.id, &entry.direction);
        let type_ident = format_ident!("{}", type_name);
        quote! {
            crate::runtime::SchemaEntry { id: #id, method: #method, path: #path, direction: #direction, check: validators::#check, read_plan: &#plan, documented: #documented, typed: &crate::runtime::Typed::<#type_ident>::HANDLE }
        }
    });
    let table_doc = format!("Every documented body of `{method} {path}`, request first.");
    let prelude = crate::validators::prelude(&quote!(crate::runtime));
    quote! {
        #![doc = #module_doc]
        #![allow(deprecated, unused_imports, unused_comparisons, clippy::all, clippy::pedantic)]

        #type_items

        #(#impls)*

        #[doc = #table_doc]
        pub const SCHEMAS: &[crate::runtime::SchemaEntry] = &[#(#table),*];

        #(#documented_items)*

        /// Generated checks for every rule of the schema, one function per subschema.
        mod validators {
            #prelude
            #validators
        }
    }
}

/// `CustomerInitRequest` -> `CUSTOMER_INIT_REQUEST`.
fn screaming_snake(name: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && previous_lower {
            out.push('_');
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(c.to_ascii_uppercase());
    }
    out
}

fn module_doc(file: &SchemaFile, endpoint: &Endpoint, entry_names: &[String]) -> String {
    let text = |key: &str| {
        file.document
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let mut doc = format!(
        "`{} {}`: {}\n",
        endpoint.method,
        endpoint.path,
        text("title")
    );
    let description = text("description");
    if !description.is_empty() {
        doc.push_str(&format!("\n{description}\n"));
    }
    // Every body's type, so that a response's is found without its `ID`.
    let bodies: Vec<String> = endpoint
        .entries
        .iter()
        .zip(entry_names)
        .map(|(entry, name)| {
            let at = format!(
                "crate::{}::{}",
                module_name(&file.provider),
                module_name(&file.endpoint)
            );
            format!(
                "- {}: [`{name}`]({at}::{name})",
                entry.direction.replace(':', " ")
            )
        })
        .collect();
    doc.push_str(&format!("\nBodies:\n{}\n", bodies.join("\n")));
    if let Some(Value::Object(source)) = file.document.get("x-source") {
        let field = |key: &str| source.get(key).and_then(Value::as_str).unwrap_or("?");
        doc.push_str(&format!(
            "\nCaptured from `{}` ({}), landmarks “{}”. Schema: `{}`.\n",
            field("seed"),
            field("provider"),
            field("section"),
            file.display_path
        ));
    }
    doc
}

/// A provider's `mod.rs`: one module per endpoint, and one per definitions file.
pub(crate) fn provider_module(
    provider: &str,
    endpoints: &[String],
    shared: &[String],
) -> TokenStream {
    let doc = format!("Endpoints captured from the `{provider}` documentation.");
    let modules = endpoints.iter().map(|e| {
        let name = module_name(e);
        let doc = format!("Generated from `schemas/{provider}/{e}.json`.");
        quote! { #[doc = #doc] pub mod #name; }
    });
    let shared = shared.iter().map(|file| {
        let name = module_name(file);
        let doc = format!(
            "The definitions the endpoints share, generated from `schemas/{provider}/{file}.json`."
        );
        quote! { #[doc = #doc] pub mod #name; }
    });
    quote! { #![doc = #doc] #(#modules)* #(#shared)* }
}

/// A definitions file's module: the types of its definitions, each also in a received copy.
pub(crate) fn definitions_module(file: &SchemaFile, types: TokenStream) -> TokenStream {
    let title = file
        .document
        .get("title")
        .and_then(Value::as_str)
        .map(|title| format!(": {title}"))
        .unwrap_or_default();
    let doc = format!(
        "Definitions the endpoints of `{}` share{title}. Each is one type for requests and, unless it is one string value, a `Received…` copy for responses (see `runtime::Tolerant`). Schema: `{}`.",
        file.provider, file.display_path
    );
    quote! {
        #![doc = #doc]
        #![allow(deprecated, unused_imports, unused_comparisons, clippy::all, clippy::pedantic)]

        #types
    }
}

/// `providers/mod.rs`: provider modules behind their cargo features, and the schema registry.
pub(crate) fn providers_module(providers: &[(String, Vec<String>)]) -> TokenStream {
    let modules = providers.iter().map(|(provider, _)| {
        let name = module_name(provider);
        let doc = format!("The `{provider}` provider (cargo feature `{provider}`).");
        quote! { #[cfg(feature = #provider)] #[doc = #doc] pub mod #name; }
    });
    let tables = providers.iter().flat_map(|(provider, endpoints)| {
        let provider_mod = module_name(provider);
        endpoints.iter().map(move |e| {
            let endpoint_mod = module_name(e);
            quote! { #[cfg(feature = #provider)] all.extend(#provider_mod::#endpoint_mod::SCHEMAS); }
        })
    });
    quote! {
        //! Generated provider modules and the registry of every schema.

        #(#modules)*

        /// Every generated schema of the enabled providers, sorted by id.
        pub fn schemas() -> Vec<&'static crate::runtime::SchemaEntry> {
            #[allow(unused_mut)]
            let mut all: Vec<&'static crate::runtime::SchemaEntry> = Vec::new();
            #(#tables)*
            all.sort_by_key(|entry| entry.id);
            all
        }
    }
}

/// The `[features]` table of `generated/Cargo.toml`: one additive feature per provider, all default.
pub(crate) fn features_table(providers: &[String]) -> String {
    let mut table = String::from("[features]\n");
    table.push_str(&format!("# {HEADER_MARKER} by `cargo xtask regenerate` from the folders of schemas/. Do not edit by hand.\n"));
    let quoted: Vec<String> = providers.iter().map(|p| format!("\"{p}\"")).collect();
    table.push_str(&format!("default = [{}]\n", quoted.join(", ")));
    for provider in providers {
        table.push_str(&format!("{provider} = []\n"));
    }
    table
}
