//! Rustdoc for typify's output: items the docs say nothing about get an explicit
//! `#[allow(missing_docs)]`, items whose schema is deprecated get `#[deprecated]`, and bare URLs
//! in the providers' words become rustdoc links (rustdoc rejects bare URLs).

use crate::types::DEPRECATED_MARKER;
use syn::visit_mut::{self, VisitMut};
use syn::{parse_quote, Attribute, Visibility};

/// Applies the doc rules to every item, field and variant of `file`.
pub(crate) fn annotate(file: &mut syn::File) {
    Annotator.visit_file_mut(file);
}

struct Annotator;

fn doc_text(attrs: &[Attribute]) -> Option<String> {
    let mut text = String::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        if let syn::Meta::NameValue(nv) = &attr.meta {
            if let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
            {
                text.push_str(&s.value());
                text.push('\n');
            }
        }
    }
    (!text.trim().is_empty()).then_some(text)
}

fn apply(attrs: &mut Vec<Attribute>, needs_docs: bool) {
    attrs
        .iter_mut()
        .filter(|a| a.path().is_ident("doc"))
        .for_each(link_bare_urls);
    match doc_text(attrs) {
        Some(text) if text.trim_start().starts_with(DEPRECATED_MARKER) => {
            attrs.push(
                parse_quote!(#[deprecated(note = "deprecated in the provider's documentation")]),
            );
        }
        Some(_) => {}
        None if needs_docs => attrs.push(parse_quote!(#[allow(missing_docs)])),
        None => {}
    }
}

/// Rewrites `#[doc = "… https://abc.com …"]` as `#[doc = "… <https://abc.com> …"]`.
fn link_bare_urls(attr: &mut Attribute) {
    let syn::Meta::NameValue(nv) = &mut attr.meta else {
        return;
    };
    let syn::Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(s),
        ..
    }) = &mut nv.value
    else {
        return;
    };
    let linked = with_linked_urls(&s.value());
    if linked != s.value() {
        *s = syn::LitStr::new(&linked, s.span());
    }
}

/// Wraps each bare `http://` or `https://` URL in `<…>`; trailing punctuation stays outside.
fn with_linked_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        let already_linked = rest[..start].ends_with(['<', '(', '`']);
        let length = rest[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .unwrap_or(rest.len() - start);
        let url = rest[start..start + length].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        out.push_str(&rest[..start]);
        if already_linked {
            out.push_str(url);
        } else {
            out.push_str(&format!("<{url}>"));
        }
        rest = &rest[start + url.len()..];
    }
    out.push_str(rest);
    out
}

fn is_public(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

impl VisitMut for Annotator {
    fn visit_item_struct_mut(&mut self, item: &mut syn::ItemStruct) {
        apply(&mut item.attrs, is_public(&item.vis));
        visit_mut::visit_item_struct_mut(self, item);
    }
    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        apply(&mut item.attrs, is_public(&item.vis));
        visit_mut::visit_item_enum_mut(self, item);
    }
    fn visit_item_type_mut(&mut self, item: &mut syn::ItemType) {
        apply(&mut item.attrs, is_public(&item.vis));
        visit_mut::visit_item_type_mut(self, item);
    }
    fn visit_item_mod_mut(&mut self, item: &mut syn::ItemMod) {
        apply(&mut item.attrs, is_public(&item.vis));
        visit_mut::visit_item_mod_mut(self, item);
    }
    fn visit_item_fn_mut(&mut self, item: &mut syn::ItemFn) {
        apply(&mut item.attrs, is_public(&item.vis));
        visit_mut::visit_item_fn_mut(self, item);
    }
    fn visit_item_const_mut(&mut self, item: &mut syn::ItemConst) {
        apply(&mut item.attrs, is_public(&item.vis));
    }
    fn visit_impl_item_fn_mut(&mut self, item: &mut syn::ImplItemFn) {
        apply(&mut item.attrs, is_public(&item.vis));
    }
    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        apply(&mut field.attrs, is_public(&field.vis));
    }
    fn visit_variant_mut(&mut self, variant: &mut syn::Variant) {
        apply(&mut variant.attrs, true);
        visit_mut::visit_variant_mut(self, variant);
    }
}

#[cfg(test)]
mod tests {
    use super::with_linked_urls;

    #[test]
    fn bare_urls_become_links() {
        assert_eq!(
            with_linked_urls("Complete URL (example: https://abc.com)."),
            "Complete URL (example: <https://abc.com>)."
        );
        assert_eq!(
            with_linked_urls("see <https://a.b/c> and http://x.y"),
            "see <https://a.b/c> and <http://x.y>"
        );
        assert_eq!(with_linked_urls("no link here"), "no link here");
    }
}
