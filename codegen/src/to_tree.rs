//! `ToTree` for every type typify emits: the value as the validators' tree, borrowing its strings,
//! exactly as serde would write its JSON (field order, `rename`, `skip_serializing_if`, internally
//! tagged and untagged enums). Shapes this pass does not model fall back to serde through
//! `runtime::to_node`, so the tree is always right; only the speed differs.

use crate::serde_attrs::{serde_attrs, SerdeAttrs};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Fields, Item};

/// Appends `impl ToTree` for every struct and enum in `file`.
pub(crate) fn add_trees(file: &mut syn::File) {
    let impls: Vec<TokenStream> = file
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Struct(item) => Some((&item.ident, tree_of_struct(item))),
            Item::Enum(item) => Some((&item.ident, tree_of_enum(item))),
            _ => None,
        })
        .map(|(name, body)| {
            let body = body.unwrap_or_else(
                || quote! { crate::runtime::to_node::to_node(self).unwrap_or(crate::runtime::Node::Null) },
            );
            quote! {
                impl crate::runtime::to_node::ToTree for #name {
                    fn to_tree(&self) -> crate::runtime::Node<'_> { #body }
                }
            }
        })
        .collect();
    if let Ok(parsed) = syn::parse2::<syn::File>(quote!(#(#impls)*)) {
        file.items.extend(parsed.items);
    }
}

/// The members of named fields, as statements pushing onto `m` (a `to_node::Members`);
/// `access` reads a field.
fn push_fields(
    fields: &syn::FieldsNamed,
    access: impl Fn(&syn::Ident) -> TokenStream,
) -> Option<Vec<TokenStream>> {
    fields
        .named
        .iter()
        .map(|field| {
            let ident = field.ident.as_ref()?;
            let attrs = serde_attrs(&field.attrs);
            if attrs.other {
                return None;
            }
            let json = attrs.rename.unwrap_or_else(|| ident.to_string());
            let value = access(ident);
            Some(match attrs.skip_serializing_if.as_deref() {
                Some("::std::option::Option::is_none") => quote! { m.optional(#json, #value); },
                Some(path) => {
                    let path: syn::Path = syn::parse_str(path).ok()?;
                    quote! { if !#path(#value) { m.field(#json, #value); } }
                }
                None => quote! { m.field(#json, #value); },
            })
        })
        .collect()
}

fn object(capacity: usize, tag: Option<TokenStream>, pushes: &[TokenStream]) -> TokenStream {
    let capacity = proc_macro2::Literal::usize_unsuffixed(capacity);
    quote! {
        let mut m = crate::runtime::to_node::Members::with_capacity(#capacity);
        #tag
        #(#pushes)*
        m.finish()
    }
}

fn tree_of_struct(item: &syn::ItemStruct) -> Option<TokenStream> {
    if serde_attrs(&item.attrs).other {
        return None;
    }
    match &item.fields {
        Fields::Named(fields) => {
            let pushes = push_fields(fields, |ident| quote!(&self.#ident))?;
            Some(object(fields.named.len(), None, &pushes))
        }
        Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
            Some(quote! { crate::runtime::to_node::ToTree::to_tree(&self.0) })
        }
        _ => None,
    }
}

fn tree_of_enum(item: &syn::ItemEnum) -> Option<TokenStream> {
    let container: SerdeAttrs = serde_attrs(&item.attrs);
    if container.other {
        return None;
    }
    let arms: Option<Vec<TokenStream>> = item
        .variants
        .iter()
        .map(|variant| {
            let attrs = serde_attrs(&variant.attrs);
            if attrs.other {
                return None;
            }
            let name = &variant.ident;
            let json = attrs.rename.unwrap_or_else(|| name.to_string());
            let constant = quote! { crate::runtime::to_node::constant(#json) };
            match (&variant.fields, &container.tag, container.untagged) {
                (Fields::Unit, None, false) => Some(quote! { Self::#name => #constant, }),
                (Fields::Unit, None, true) => Some(quote! { Self::#name => crate::runtime::Node::Null, }),
                (Fields::Unnamed(inner), None, true) if inner.unnamed.len() == 1 => Some(
                    quote! { Self::#name(inner) => crate::runtime::to_node::ToTree::to_tree(inner), },
                ),
                (Fields::Named(fields), tag, untagged) if tag.is_some() || untagged => {
                    let bindings: Vec<&syn::Ident> =
                        fields.named.iter().filter_map(|f| f.ident.as_ref()).collect();
                    let pushes = push_fields(fields, |ident| quote!(#ident))?;
                    let tag = tag.as_ref().map(|tag| quote! { m.tag(#tag, #json); });
                    let body = object(fields.named.len() + 1, tag, &pushes);
                    Some(quote! { Self::#name { #(#bindings),* } => { #body } })
                }
                (Fields::Unit, Some(tag), _) => {
                    let body = object(1, Some(quote! { m.tag(#tag, #json); }), &[]);
                    Some(quote! { Self::#name => { #body } })
                }
                _ => None,
            }
        })
        .collect();
    let arms = arms?;
    Some(quote! { match self { #(#arms)* } })
}
