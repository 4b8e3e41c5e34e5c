//! The serde attributes typify writes on its items, read back for the passes that follow its
//! output (builders, trees): they must agree with serde on names and on what is sent.

/// What `#[serde(…)]` says of a field, a variant or a container.
#[derive(Default)]
pub(crate) struct SerdeAttrs {
    /// `rename = "…"`: the JSON name.
    pub rename: Option<String>,
    /// `default` (`Some(None)`) or `default = "path"` (`Some(Some(path))`).
    pub default: Option<Option<String>>,
    /// `skip_serializing_if = "path"`.
    pub skip_serializing_if: Option<String>,
    /// `tag = "…"` on an enum.
    pub tag: Option<String>,
    /// `untagged` on an enum.
    pub untagged: bool,
    /// Anything this reader does not model (`flatten`, `skip`, `with`, …): passes that must agree
    /// with serde exactly fall back to serde itself.
    pub other: bool,
}

pub(crate) fn serde_attrs(attrs: &[syn::Attribute]) -> SerdeAttrs {
    let mut out = SerdeAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let parsed = attr.parse_nested_meta(|meta| {
            let string = |meta: &syn::meta::ParseNestedMeta| -> syn::Result<String> {
                Ok(meta.value()?.parse::<syn::LitStr>()?.value())
            };
            if meta.path.is_ident("rename") {
                out.rename = Some(string(&meta)?);
            } else if meta.path.is_ident("default") {
                out.default = Some(match meta.value() {
                    Ok(value) => Some(value.parse::<syn::LitStr>()?.value()),
                    Err(_) => None,
                });
            } else if meta.path.is_ident("skip_serializing_if") {
                out.skip_serializing_if = Some(string(&meta)?);
            } else if meta.path.is_ident("tag") {
                out.tag = Some(string(&meta)?);
            } else if meta.path.is_ident("untagged") {
                out.untagged = true;
            } else if meta.path.is_ident("transparent") {
                // A newtype's JSON is its field's: nothing to record.
            } else {
                out.other = true;
                if meta.input.peek(syn::Token![=]) {
                    meta.value()?.parse::<syn::Expr>()?;
                }
            }
            Ok(())
        });
        out.other |= parsed.is_err();
    }
    out
}
