//! The checks typify's constrained string newtypes run in `FromStr` (and so in `TryFrom` and
//! `Deserialize`). typify checks length and a `pattern` with `regress` (no `u` flag), and nothing
//! else. This pass makes every newtype enforce every rule that concerns its value alone:
//! - a pattern that compiles to character tests (`patterns`) is checked by them, with the same
//!   ECMA-262 `u` semantics as the validators, and faster;
//! - `format` and `isNotOnlyWhitespace`, which typify ignores, travel to here encoded in the
//!   lowered schema's `pattern` (`encode`), and become calls into the runtime;
//! - reasons read like the validators' messages: `must be at most 40 characters long`, and an
//!   enum names its allowed values instead of typify's `invalid value`.

use crate::patterns::{pattern_static, FastPattern};
use crate::vocabulary::format_check;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Item, Stmt};

/// Starts a `pattern` that carries extra checks:
/// `\u{1}<format>\u{1}<ws>\u{1}<sentences, hex of JSON>\u{1}<pattern>`. Every part is a literal
/// or the original pattern, so typify accepts it as a regular expression.
const MARKER: char = '\u{1}';

/// The rules a string newtype must check besides its length.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct StringChecks {
    pub pattern: Option<String>,
    pub format: Option<String>,
    pub not_only_whitespace: bool,
    /// Keyword -> the rule in the provider's words (`x-message`), for the constructor's reason.
    pub because: BTreeMap<String, String>,
}

impl StringChecks {
    /// The `pattern` to give typify: the plain pattern when there is nothing else to check.
    pub(crate) fn encode(&self) -> Option<String> {
        let pattern = self.pattern.clone().unwrap_or_default();
        if self.format.is_none() && !self.not_only_whitespace && self.because.is_empty() {
            return self.pattern.clone();
        }
        let format = self.format.as_deref().unwrap_or_default();
        let whitespace = if self.not_only_whitespace { "ws" } else { "" };
        let sentences = match self.because.is_empty() {
            true => String::new(),
            false => hex(&serde_json::to_string(&self.because).unwrap_or_default()),
        };
        Some(format!(
            "{MARKER}{format}{MARKER}{whitespace}{MARKER}{sentences}{MARKER}{pattern}"
        ))
    }

    fn decode(literal: &str) -> StringChecks {
        let Some(rest) = literal.strip_prefix(MARKER) else {
            return StringChecks {
                pattern: Some(literal.to_owned()),
                ..StringChecks::default()
            };
        };
        let mut parts = rest.splitn(4, MARKER);
        let format = parts.next().unwrap_or_default();
        let whitespace = parts.next().unwrap_or_default();
        let sentences = parts.next().unwrap_or_default();
        let pattern = parts.next().unwrap_or_default();
        StringChecks {
            pattern: (!pattern.is_empty()).then(|| pattern.to_owned()),
            format: (!format.is_empty()).then(|| format.to_owned()),
            not_only_whitespace: whitespace == "ws",
            because: unhex(sentences)
                .and_then(|json| serde_json::from_str(&json).ok())
                .unwrap_or_default(),
        }
    }

    /// The reason for breaking `keyword`: the provider's words, or `fallback`.
    fn reason(&self, keyword: &str, fallback: String) -> String {
        self.because.get(keyword).cloned().unwrap_or(fallback)
    }

    /// The statements that replace typify's pattern check, or `None` to keep it (a plain pattern
    /// that only `regress` can run).
    fn statements(&self, was_encoded: bool) -> Option<Vec<Stmt>> {
        let fast = self.pattern.as_deref().and_then(FastPattern::parse);
        if !was_encoded && fast.is_none() {
            return None;
        }
        let mut checks: Vec<TokenStream> = Vec::new();
        if let Some(pattern) = &self.pattern {
            let message = self.reason("pattern", format!("must match the pattern {pattern}"));
            let item = pattern_static(
                &format_ident!("PATTERN"),
                pattern,
                &quote!(::generated::runtime),
            );
            checks.push(quote! {
                #item
                if !PATTERN.is_match(value) { return Err(#message.into()); }
            });
        }
        if let Some(format) = &self.format {
            let function = format_ident!("{}", format_check(format)?);
            let message = self.reason("format", format!("must be a valid {format}"));
            checks.push(quote! {
                if !::generated::runtime::formats::#function(value) { return Err(#message.into()); }
            });
        }
        if self.not_only_whitespace {
            let message = self.reason(
                "isNotOnlyWhitespace",
                "must contain a character other than white space".to_owned(),
            );
            checks.push(quote! {
                if ::generated::runtime::json::is_only_whitespace(value) {
                    return Err(#message.into());
                }
            });
        }
        let block: syn::Block = syn::parse2(quote!({ #(#checks)* })).ok()?;
        Some(block.stmts)
    }
}

/// Rewrites the checks of every string newtype in `file`.
pub(crate) fn complete_newtype_checks(file: &mut syn::File) {
    CheckRewriter.visit_file_mut(file);
}

struct CheckRewriter;

/// The pattern literal of `static PATTERN: … = LazyLock::new(|| Regex::new("…").unwrap());`.
fn pattern_literal(stmt: &Stmt) -> Option<String> {
    let Stmt::Item(Item::Static(item)) = stmt else {
        return None;
    };
    if item.ident != "PATTERN" {
        return None;
    }
    let tokens = quote!(#item).to_string();
    let literal = tokens
        .split("Regex :: new (")
        .nth(1)?
        .split(") . unwrap")
        .next()?
        .trim();
    syn::parse_str::<syn::LitStr>(literal)
        .ok()
        .map(|lit| lit.value())
}

/// typify's `if PATTERN.find(value).is_none() { return Err(…) }`.
fn is_pattern_check(stmt: &Stmt) -> bool {
    let Stmt::Expr(Expr::If(condition), _) = stmt else {
        return false;
    };
    let test = &condition.cond;
    quote!(#test).to_string().replace(' ', "") == "PATTERN.find(value).is_none()"
}

/// typify's length reasons in the validators' words: `longer than 40 characters` becomes
/// `must be at most 40 characters long`.
fn reworded_length(message: &str) -> Option<String> {
    let (bound, rest) = message
        .strip_prefix("longer than ")
        .map(|rest| ("most", rest))
        .or_else(|| {
            message
                .strip_prefix("shorter than ")
                .map(|rest| ("least", rest))
        })?;
    let limit: u64 = rest.strip_suffix(" characters")?.parse().ok()?;
    let plural = if limit == 1 { "" } else { "s" };
    Some(format!("must be at {bound} {limit} character{plural} long"))
}

/// The string patterns of a `match value { "A" => …, "B" => …, _ => … }` in `block`.
fn matched_strings(block: &syn::Block) -> Vec<String> {
    let mut strings = Vec::new();
    for stmt in &block.stmts {
        if let Stmt::Expr(Expr::Match(matching), _) = stmt {
            for arm in &matching.arms {
                if let syn::Pat::Lit(syn::PatLit {
                    lit: syn::Lit::Str(text),
                    ..
                }) = &arm.pat
                {
                    strings.push(format!("{:?}", text.value()));
                }
            }
        }
    }
    strings
}

impl VisitMut for CheckRewriter {
    fn visit_impl_item_fn_mut(&mut self, function: &mut syn::ImplItemFn) {
        if function.sig.ident == "from_str" {
            let allowed = matched_strings(&function.block);
            if !allowed.is_empty() {
                let reason = format!("must be one of {}", allowed.join(", "));
                Reword(Some(reason)).visit_block_mut(&mut function.block);
            }
        }
        visit_mut::visit_impl_item_fn_mut(self, function);
    }

    fn visit_lit_str_mut(&mut self, literal: &mut syn::LitStr) {
        Reword(None).visit_lit_str_mut(literal);
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        let found = block
            .stmts
            .iter()
            .enumerate()
            .find_map(|(index, stmt)| Some((index, pattern_literal(stmt)?)));
        let check = block.stmts.iter().position(is_pattern_check);
        if let (Some((index, literal)), Some(check)) = (found, check) {
            let checks = StringChecks::decode(&literal);
            if let Some(statements) = checks.statements(literal.starts_with(MARKER)) {
                block.stmts.splice(check..=check, statements);
                block.stmts.remove(index);
            }
            // typify's own length checks sit in the same block.
            for (keyword, prefix) in [
                ("maxLength", "longer than "),
                ("minLength", "shorter than "),
            ] {
                if let Some(sentence) = checks.because.get(keyword) {
                    Replace(prefix, sentence).visit_block_mut(block);
                }
            }
        }
        visit_mut::visit_block_mut(self, block);
    }
}

/// Replaces every string literal that starts with `.0` by `.1`.
struct Replace<'a>(&'a str, &'a str);

impl VisitMut for Replace<'_> {
    fn visit_lit_str_mut(&mut self, literal: &mut syn::LitStr) {
        if literal.value().starts_with(self.0) {
            *literal = syn::LitStr::new(self.1, literal.span());
        }
    }
}

/// Lower-case hex of `text`'s bytes: regex-safe.
fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<String> {
    if text.is_empty() || !text.len().is_multiple_of(2) {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect();
    String::from_utf8(bytes?).ok()
}

/// Replaces typify's reasons: its length reasons always, and `invalid value` with the enum's
/// allowed values when known.
struct Reword(Option<String>);

impl VisitMut for Reword {
    fn visit_lit_str_mut(&mut self, literal: &mut syn::LitStr) {
        let text = literal.value();
        let reworded = match (&self.0, text.as_str()) {
            (Some(allowed), "invalid value") => Some(allowed.clone()),
            _ => reworded_length(&text),
        };
        if let Some(reworded) = reworded {
            *literal = syn::LitStr::new(&reworded, literal.span());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_reasons_read_like_the_validators() {
        assert_eq!(
            reworded_length("longer than 40 characters").as_deref(),
            Some("must be at most 40 characters long")
        );
        assert_eq!(
            reworded_length("shorter than 1 characters").as_deref(),
            Some("must be at least 1 character long")
        );
        assert_eq!(reworded_length("invalid value"), None);
    }

    #[test]
    fn checks_round_trip_through_the_pattern() {
        let checks = StringChecks {
            pattern: Some("^[0-9]{4}-[0-9]{2}-[0-9]{2}$".to_owned()),
            format: Some("date".to_owned()),
            not_only_whitespace: true,
            because: BTreeMap::from([(
                "format".to_owned(),
                "must be a date (YYYY-MM-DD) [real]".to_owned(),
            )]),
        };
        let encoded = checks.encode().unwrap();
        assert!(regress::Regex::new(&encoded).is_ok(), "typify accepts it");
        assert_eq!(StringChecks::decode(&encoded), checks);
        let plain = StringChecks {
            pattern: Some("^a$".to_owned()),
            ..StringChecks::default()
        };
        assert_eq!(plain.encode().as_deref(), Some("^a$"));
        assert_eq!(StringChecks::default().encode(), None);
        let only_format = StringChecks {
            format: Some("email".to_owned()),
            ..StringChecks::default()
        };
        assert_eq!(
            StringChecks::decode(&only_format.encode().unwrap()),
            only_format
        );
    }
}
