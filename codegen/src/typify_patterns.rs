//! typify checks a pattern with `regress::Regex::new(…)` (no `u` flag) on every string it
//! deserializes. Where the pattern compiles to character tests (`patterns`), this pass swaps the
//! regex for them: typed parsing gets faster, and typify's checks follow the same ECMA-262 `u`
//! semantics as the validators.

use crate::patterns::FastPattern;
use quote::quote;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Item, Stmt};

/// Rewrites every compilable typify pattern check in `file`.
pub(crate) fn compile_typify_patterns(file: &mut syn::File) {
    PatternRewriter.visit_file_mut(file);
}

struct PatternRewriter;

/// The pattern literal of `static PATTERN: … = LazyLock::new(|| Regex::new("…").unwrap());`.
fn pattern_literal(stmt: &Stmt) -> Option<String> {
    let Stmt::Item(Item::Static(item)) = stmt else {
        return None;
    };
    if item.ident != "PATTERN" {
        return None;
    }
    let tokens = quote!(#item).to_string();
    if !tokens.contains("Regex :: new") {
        return None;
    }
    let literal = tokens
        .split("Regex :: new (")
        .nth(1)?
        .split(") . unwrap")
        .next()?
        .trim();
    match syn::parse_str::<syn::LitStr>(literal) {
        Ok(lit) => Some(lit.value()),
        Err(_) => None,
    }
}

fn checks_pattern(expr: &Expr) -> bool {
    quote!(#expr).to_string().replace(' ', "") == "PATTERN.find(value).is_none()"
}

impl VisitMut for PatternRewriter {
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        let found = block.stmts.iter().enumerate().find_map(|(index, stmt)| {
            let fast = FastPattern::parse(&pattern_literal(stmt)?)?;
            Some((index, fast))
        });
        if let Some((index, fast)) = found {
            let rewritten = block
                .stmts
                .iter_mut()
                .skip(index + 1)
                .any(|stmt| match stmt {
                    Stmt::Expr(Expr::If(condition), _) if checks_pattern(&condition.cond) => {
                        let test = fast.emit_for(&quote!(value));
                        *condition.cond = syn::parse_quote!(!#test);
                        true
                    }
                    _ => false,
                });
            if rewritten {
                block.stmts.remove(index);
            }
        }
        visit_mut::visit_block_mut(self, block);
    }
}
