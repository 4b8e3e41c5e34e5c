//! A builder for every struct typify emits: `Contact::builder().first_name("Jack")….build()`.
//! Setters take anything the field's type can be constructed from (`&str` for a constrained
//! string, the plain value for a `Sensitive<T>` or optional field) and convert it at once; `build()`
//! returns the struct or every missing or invalid field by its JSON name (`runtime::BuildErrors`).
//! Optional fields, fields with a default, and single-value enums (a branch's tag) need not be set.
//! typify's own builders stop at the first error, without the field's JSON name, so they are off.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;
use syn::{Fields, GenericArgument, Item, PathArguments, Type};

/// Appends a builder for each public struct with named fields in `file`.
pub(crate) fn add_builders(file: &mut syn::File) {
    let tags = single_value_enums(file);
    let builders: Vec<Item> = file
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Struct(item) if matches!(item.vis, syn::Visibility::Public(_)) => {
                builder(item, &tags)
            }
            _ => None,
        })
        .flat_map(|tokens| {
            syn::parse2::<syn::File>(tokens)
                .map(|f| f.items)
                .unwrap_or_default()
        })
        .collect();
    file.items.extend(builders);
}

/// Enums with exactly one unit variant: name -> variant. A field of such a type has one possible
/// value, so its builder sets it.
fn single_value_enums(file: &syn::File) -> BTreeMap<String, syn::Ident> {
    file.items
        .iter()
        .filter_map(|item| match item {
            Item::Enum(item) if item.variants.len() == 1 => {
                let variant = item.variants.first()?;
                matches!(variant.fields, Fields::Unit)
                    .then(|| (item.ident.to_string(), variant.ident.clone()))
            }
            _ => None,
        })
        .collect()
}

/// How a field is filled when its setter was not called.
enum Unset {
    /// It must be set.
    Required,
    /// `None`.
    Optional,
    /// This expression.
    Default(TokenStream),
}

/// One field, as the builder sees it.
struct FieldPlan {
    ident: syn::Ident,
    json_name: String,
    /// What the builder holds once the field is set: the field's type without `Option`.
    slot: Type,
    /// What the setter converts into: the type inside `Option` and `Sensitive`.
    core: Type,
    /// True when the field is `Sensitive<core>`: the setter wraps the value at once, so that the
    /// builder's `Debug` never shows it either.
    sensitive: bool,
    unset: Unset,
}

fn builder(item: &syn::ItemStruct, tags: &BTreeMap<String, syn::Ident>) -> Option<TokenStream> {
    let Fields::Named(named) = &item.fields else {
        return None;
    };
    let plans: Vec<FieldPlan> = named.named.iter().filter_map(|f| plan(f, tags)).collect();
    if plans.len() != named.named.len() {
        return None;
    }
    let name = &item.ident;
    let builder = format_ident!("{name}Builder");
    let type_name = name.to_string();
    let slots = plans.iter().map(|p| {
        let (ident, slot, core) = (&p.ident, &p.slot, &p.core);
        match p.sensitive {
            true => quote! { #ident: ::generated::runtime::build::SensitiveSlot<#core> },
            false => quote! { #ident: ::generated::runtime::build::Slot<#slot> },
        }
    });
    let setters = plans.iter().map(|p| {
        let (ident, core, json) = (&p.ident, &p.core, &p.json_name);
        let doc = format!("Sets `{json}`, converting `value` through the field's constructor.");
        let set = match p.sensitive {
            true => quote! { ::generated::runtime::build::set_sensitive(value) },
            false => quote! { ::generated::runtime::build::set(value) },
        };
        quote! {
            #[doc = #doc]
            pub fn #ident(mut self, value: impl ::generated::runtime::Convert<#core>) -> Self {
                self.#ident = #set;
                self
            }
        }
    });
    let takes = plans.iter().map(|p| {
        let (ident, json) = (&p.ident, &p.json_name);
        match &p.unset {
            Unset::Required => quote! { let #ident = errors.required(#json, self.#ident); },
            Unset::Optional => quote! { let #ident = errors.optional(#json, self.#ident); },
            Unset::Default(default) => {
                quote! { let #ident = errors.optional(#json, self.#ident).unwrap_or_else(|| #default); }
            }
        }
    });
    let required: Vec<&syn::Ident> = plans
        .iter()
        .filter(|p| matches!(p.unset, Unset::Required))
        .map(|p| &p.ident)
        .collect();
    let all = plans.iter().map(|p| &p.ident);
    let doc = format!("Builds a [`{name}`]: set fields in any order, then [`{builder}::build`].");
    let builder_doc = format!("A [`{builder}`] with no field set.");
    let build_doc = format!("The `{type_name}`, or every field that is missing or invalid.");
    Some(quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, Default)]
        pub struct #builder { #(#slots,)* }
        impl #name {
            #[doc = #builder_doc]
            pub fn builder() -> #builder {
                #builder::default()
            }
        }
        impl #builder {
            #(#setters)*
            #[doc = #build_doc]
            pub fn build(self) -> ::std::result::Result<#name, ::generated::runtime::BuildErrors> {
                let mut errors = ::generated::runtime::BuildErrors::new(#type_name);
                #(#takes)*
                match (#(#required,)*) {
                    (#(Some(#required),)*) if errors.is_empty() => Ok(#name { #(#all,)* }),
                    _ => Err(errors),
                }
            }
        }
    })
}

fn plan(field: &syn::Field, tags: &BTreeMap<String, syn::Ident>) -> Option<FieldPlan> {
    let ident = field.ident.clone()?;
    let attrs = crate::serde_attrs::serde_attrs(&field.attrs);
    let (rename, default) = (attrs.rename, attrs.default);
    let json_name = rename.unwrap_or_else(|| ident.to_string());
    let ty = field.ty.clone();
    let (optional, inner) = match generic_argument(&ty, "Option") {
        Some(inner) => (true, inner),
        None => (false, ty.clone()),
    };
    let (sensitive, core) = match generic_argument(&inner, "Sensitive") {
        Some(core) => (true, core),
        None => (false, inner.clone()),
    };
    let unset = match (
        optional,
        default,
        last_segment(&ty).and_then(|s| tags.get(&s)),
    ) {
        (true, _, _) => Unset::Optional,
        (_, Some(Some(function)), _) => {
            let function: syn::Path = syn::parse_str(&function).ok()?;
            Unset::Default(quote!(#function()))
        }
        (_, Some(None), _) => Unset::Default(quote!(::std::default::Default::default())),
        (_, None, Some(variant)) => {
            let enum_type = &ty;
            Unset::Default(quote!(#enum_type::#variant))
        }
        (_, None, None) => Unset::Required,
    };
    Some(FieldPlan {
        ident,
        json_name,
        slot: inner,
        core,
        sensitive,
        unset,
    })
}

/// `T` of a type whose last path segment is `wrapper<T>`.
fn generic_argument(ty: &Type, wrapper: &str) -> Option<Type> {
    let Type::Path(path) = ty else { return None };
    let segment = path.path.segments.last()?;
    if segment.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(arguments) = &segment.arguments else {
        return None;
    };
    match arguments.args.first()? {
        GenericArgument::Type(inner) if arguments.args.len() == 1 => Some(inner.clone()),
        _ => None,
    }
}

fn last_segment(ty: &Type) -> Option<String> {
    let Type::Path(path) = ty else { return None };
    Some(path.path.segments.last()?.ident.to_string())
}
