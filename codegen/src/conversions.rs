//! typify writes the same conversions for every constrained string and every string enum:
//! `TryFrom<&str>` and `TryFrom<String>` through `FromStr`, and for a newtype `Deref`,
//! `From<X> for String` and a `Deserialize` that parses. This pass replaces each such set with
//! one line, a call to a runtime macro (`string_newtype!`, `try_from_str!`), leaving in the file
//! only what is specific to the type: its `FromStr` with the rules. An impl whose body is not
//! typify's usual one is kept as written.

use quote::quote;
use std::collections::{BTreeMap, BTreeSet};
use syn::{Item, ItemImpl};

const TRY_FROM: [&str; 2] = ["try_from_str", "try_from_string"];
const NEWTYPE: [&str; 6] = [
    "try_from_str",
    "try_from_string",
    "deref",
    "into_string",
    "deserialize",
    "tree",
];

/// Replaces typify's boilerplate conversions in `file` with runtime macro calls.
pub(crate) fn collapse_conversions(file: &mut syn::File) {
    // Type name -> kind of boilerplate impl -> its index in the file.
    let mut found: BTreeMap<String, BTreeMap<&'static str, usize>> = BTreeMap::new();
    for (index, item) in file.items.iter().enumerate() {
        if let Item::Impl(item) = item {
            if let Some((name, kind)) = classify(item) {
                found.entry(name).or_default().insert(kind, index);
            }
        }
    }
    // Each collapsed set: the macro call takes the place of the first impl it replaces.
    let mut calls: BTreeMap<usize, Item> = BTreeMap::new();
    let mut removed = BTreeSet::new();
    for (name, kinds_found) in &found {
        let ident = syn::Ident::new(name, proc_macro2::Span::call_site());
        let (kinds, call): (&[&str], _) = if NEWTYPE.iter().all(|k| kinds_found.contains_key(k)) {
            (&NEWTYPE, quote! { ::generated::string_newtype!(#ident); })
        } else if TRY_FROM.iter().all(|k| kinds_found.contains_key(k)) {
            (&TRY_FROM, quote! { ::generated::try_from_str!(#ident); })
        } else {
            continue;
        };
        let indexes: Vec<usize> = kinds.iter().map(|kind| kinds_found[kind]).collect();
        let first = *indexes.iter().min().unwrap_or(&0);
        if let Ok(item) = syn::parse2::<Item>(call) {
            calls.insert(first, item);
            removed.extend(indexes);
        }
    }
    let items = std::mem::take(&mut file.items);
    for (index, item) in items.into_iter().enumerate() {
        if let Some(call) = calls.remove(&index) {
            file.items.push(call);
        } else if !removed.contains(&index) {
            file.items.push(item);
        }
    }
}

/// The type and kind of a boilerplate impl, or `None` for anything else.
fn classify(item: &ItemImpl) -> Option<(String, &'static str)> {
    let self_type = item.self_ty.as_ref();
    let self_name = quote!(#self_type).to_string();
    let (_, trait_path, _) = item.trait_.as_ref()?;
    let trait_text = quote!(#trait_path).to_string().replace(' ', "");
    let body: String = item
        .items
        .iter()
        .filter_map(|item| match item {
            syn::ImplItem::Fn(function) => {
                let block = &function.block;
                Some(quote!(#block).to_string().replace(' ', ""))
            }
            _ => None,
        })
        .collect();
    let kind = match (trait_text.as_str(), body.as_str()) {
        ("::std::convert::TryFrom<&str>", "{value.parse()}") => "try_from_str",
        ("::std::convert::TryFrom<::std::string::String>", "{value.parse()}") => "try_from_string",
        ("::std::ops::Deref", "{&self.0}") => "deref",
        ("::serde::Deserialize<'de>", body)
            if body.starts_with("{::std::string::String::deserialize(deserializer)?.parse()") =>
        {
            "deserialize"
        }
        (
            "crate::runtime::to_node::ToTree",
            "{crate::runtime::to_node::ToTree::to_tree(&self.0)}",
        ) => "tree",
        (trait_text, "{value.0}") if trait_text.starts_with("::std::convert::From<") => {
            // `impl From<X> for String`: the type is the trait's argument.
            let ty = &item.self_ty;
            if quote!(#ty).to_string().replace(' ', "") != "::std::string::String" {
                return None;
            }
            let name = trait_text
                .strip_prefix("::std::convert::From<")?
                .strip_suffix('>')?
                .to_owned();
            return Some((name, "into_string"));
        }
        _ => return None,
    };
    if kind == "deref"
        && !quote!(#item)
            .to_string()
            .replace(' ', "")
            .contains("typeTarget=::std::string::String;")
    {
        return None;
    }
    Some((self_name, kind))
}
