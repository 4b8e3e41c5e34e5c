//! typify emits a tagged `oneOf` both as an enum with one variant per branch and as a struct per
//! branch (`IndividualCustomerRequest`, which holds the tag as a field). This adds
//! `From<Branch> for Enum`, so a request built as its branch struct becomes the body type.

use quote::quote;
use syn::{Fields, Item};

/// Appends `impl From<Struct> for Enum` for every enum variant that documents its branch struct.
pub(crate) fn add_branch_conversions(file: &mut syn::File) {
    let structs: Vec<&syn::ItemStruct> = file
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Struct(item) => Some(item),
            _ => None,
        })
        .collect();
    let mut conversions = Vec::new();
    for item in &file.items {
        let Item::Enum(enumeration) = item else {
            continue;
        };
        for variant in &enumeration.variants {
            let Fields::Named(variant_fields) = &variant.fields else {
                continue;
            };
            let Some(branch) = first_doc_line(&variant.attrs)
                .and_then(|name| structs.iter().find(|s| s.ident == name))
            else {
                continue;
            };
            let Fields::Named(branch_fields) = &branch.fields else {
                continue;
            };
            let names: Vec<&syn::Ident> = variant_fields
                .named
                .iter()
                .filter_map(|f| f.ident.as_ref())
                .collect();
            let all_in_branch = names.iter().all(|n| {
                branch_fields
                    .named
                    .iter()
                    .any(|f| f.ident.as_ref() == Some(n))
            });
            if !all_in_branch {
                continue;
            }
            let (enum_name, variant_name, branch_name) =
                (&enumeration.ident, &variant.ident, &branch.ident);
            let doc = format!(
                "The `{variant_name}` branch of [`{enum_name}`]; the tag follows from the variant."
            );
            conversions.push(quote! {
                impl ::std::convert::From<#branch_name> for #enum_name {
                    #[doc = #doc]
                    fn from(value: #branch_name) -> Self {
                        #enum_name::#variant_name { #(#names: value.#names,)* }
                    }
                }
            });
        }
    }
    let tokens = quote!(#(#conversions)*);
    if let Ok(parsed) = syn::parse2::<syn::File>(tokens) {
        file.items.extend(parsed.items);
    }
}

/// The first line of an item's rustdoc.
fn first_doc_line(attrs: &[syn::Attribute]) -> Option<String> {
    let attr = attrs.iter().find(|a| a.path().is_ident("doc"))?;
    let syn::Meta::NameValue(nv) = &attr.meta else {
        return None;
    };
    let syn::Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(text),
        ..
    }) = &nv.value
    else {
        return None;
    };
    text.value().lines().next().map(|l| l.trim().to_owned())
}
