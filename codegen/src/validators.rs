//! Emits the validators of a schema: one small function per class of structurally identical
//! subschemas, each a list of calls into the runtime's keyword checks (`runtime::keywords`).
//! A function learns where its subschema sits from its caller (`at`), so identical subschemas
//! share it and every error still names its own schema location.

use crate::ir::{Assertion, Discriminator, Located, NodeBody, NodeId, SchemaIr};
use crate::vocabulary::{format_role, FormatRole};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Emits the body of a `validators` module: a `FILE` constant, one function per class of
/// identical subschemas reachable from `entries`, and one `pub(super)` entry function per entry
/// (the `runtime::CheckFn` signature). `file` is the schema's display path, used in every
/// error's schema location. Returns the tokens, the entry functions' names, the entries' read plans
/// for the single pass (`crate::read_plans`), and how many check functions there are.
pub(crate) fn emit_validators(
    ir: &SchemaIr,
    entries: &[NodeId],
    file: &str,
) -> (TokenStream, Vec<Ident>, Vec<Option<Ident>>, usize) {
    let reachable = ir.reachable(entries);
    let patterns = patterns_of(ir, &reachable);
    let class_of = shared_classes(ir, &reachable, &patterns);
    let mut representatives: Vec<NodeId> = Vec::new();
    for &id in &reachable {
        if class_of[&id] == representatives.len() {
            representatives.push(id);
        }
    }
    let names = function_names(ir, &representatives);
    let name_of = |id: NodeId| names[class_of[&id]].clone();
    let dynamic = uses_dynamic_references(ir, &reachable);
    let emitter = Emitter {
        ir,
        dynamic,
        name_of: &name_of,
        patterns: &patterns,
    };
    let functions = representatives
        .iter()
        .zip(&names)
        .map(|(&id, name)| emitter.function(id, name, &reachable, &class_of));
    let marked = marked_classes(ir, &reachable, &class_of);
    let marks: Vec<TokenStream> = representatives
        .iter()
        .filter(|id| marked.contains(&class_of[id]))
        .map(|&id| emitter.mark_function(id))
        .collect();
    let entry_names: Vec<Ident> = entries
        .iter()
        .map(|&id| format_ident!("entry_{}", words_of(&ir.nodes[id].location).join("_")))
        .collect();
    let entry_functions = entries.iter().zip(&entry_names).map(|(&id, entry)| {
        let check = name_of(id);
        let pointer = &ir.nodes[id].location;
        quote! {
            pub(super) fn #entry(v: &Node, path: &Path, r: &mut Report) {
                #check(v, &At::root(FILE, #pointer), path, r)
            }
        }
    });
    let mut in_order: Vec<(&String, &usize)> = patterns.iter().collect();
    in_order.sort_by_key(|(_, index)| **index);
    let pattern_statics = in_order.into_iter().map(|(source, index)| {
        crate::patterns::pattern_static(&pattern_name(*index), source, &quote!(kw))
    });
    let resources = dynamic.then(|| {
        let roots = &ir.resource_roots;
        quote! { static RESOURCES: &[&str] = &[#(#roots),*]; }
    });
    let (read_plans, entry_plans) =
        crate::read_plans::emit_read_plans(ir, entries, &name_of, dynamic);
    let tokens = quote! {
        const FILE: &str = #file;
        #resources
        #(#pattern_statics)*
        #(#entry_functions)*
        #(#functions)*
        #(#marks)*
        #read_plans
    };
    (tokens, entry_names, entry_plans, representatives.len())
}

fn uses_dynamic_references(ir: &SchemaIr, reachable: &[NodeId]) -> bool {
    reachable.iter().any(|&id| {
        ir.checks(id).is_some_and(|checks| {
            checks
                .assertions
                .iter()
                .any(|l| matches!(l.assertion, Assertion::DynamicRef { .. }))
        })
    })
}

/// The classes whose subschemas `unevaluatedProperties` or `unevaluatedItems` must ask what
/// they evaluated: each holder, and every subschema it applies in place, transitively.
fn marked_classes(
    ir: &SchemaIr,
    reachable: &[NodeId],
    class_of: &BTreeMap<NodeId, usize>,
) -> BTreeSet<usize> {
    let asks = |id: &NodeId| {
        ir.checks(*id).is_some_and(|checks| {
            checks.assertions.iter().any(|l| {
                matches!(
                    l.assertion,
                    Assertion::UnevaluatedProperties(_) | Assertion::UnevaluatedItems(_)
                )
            })
        })
    };
    let mut stack: Vec<NodeId> = reachable.iter().copied().filter(asks).collect();
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for located in ir.checks(id).map_or(&[][..], |c| c.assertions.as_slice()) {
            stack.extend(located.assertion.same_instance_children());
        }
    }
    seen.iter().map(|id| class_of[id]).collect()
}

/// Every distinct `pattern` of the reachable subschemas, numbered in order of first use: each is
/// one module-level static, however many subschemas use it.
fn patterns_of(ir: &SchemaIr, reachable: &[NodeId]) -> BTreeMap<String, usize> {
    let mut patterns = BTreeMap::new();
    for &id in reachable {
        for located in ir.checks(id).map_or(&[][..], |c| c.assertions.as_slice()) {
            let sources: Vec<&String> = match &located.assertion {
                Assertion::Pattern(source) => vec![source],
                Assertion::PatternProperties(table) => table.iter().map(|(s, _)| s).collect(),
                Assertion::AdditionalProperties { patterns, .. } => patterns.iter().collect(),
                _ => Vec::new(),
            };
            for source in sources {
                let next = patterns.len();
                patterns.entry(source.clone()).or_insert(next);
            }
        }
    }
    patterns
}

fn pattern_name(index: usize) -> Ident {
    format_ident!("PATTERN_{index}")
}

/// Partitions `reachable` into classes of subschemas whose checks are the same once children
/// are named by class: refined until stable, like minimising an automaton. Returns each node's
/// class, numbered in order of first appearance.
fn shared_classes(
    ir: &SchemaIr,
    reachable: &[NodeId],
    patterns: &BTreeMap<String, usize>,
) -> BTreeMap<NodeId, usize> {
    let mut class_of: BTreeMap<NodeId, usize> = reachable.iter().map(|&id| (id, 0)).collect();
    let mut count = 1;
    loop {
        let placeholder = |id: NodeId| format_ident!("class_{}", class_of[&id]);
        let emitter = Emitter {
            ir,
            dynamic: false,
            name_of: &placeholder,
            patterns,
        };
        let mut by_shape: BTreeMap<String, usize> = BTreeMap::new();
        let refined: BTreeMap<NodeId, usize> = reachable
            .iter()
            .map(|&id| {
                let shape = format!("{}|{}", class_of[&id], emitter.body(id));
                let next = by_shape.len();
                (id, *by_shape.entry(shape).or_insert(next))
            })
            .collect();
        let refined_count = by_shape.len();
        class_of = refined;
        if refined_count == count {
            return class_of;
        }
        count = refined_count;
    }
}

/// Short, stable, readable names: the shortest tail of the representative's JSON pointer that
/// no earlier function uses (`check_first_name`, then `check_business_first_name`).
fn function_names(ir: &SchemaIr, representatives: &[NodeId]) -> Vec<Ident> {
    let mut used = BTreeSet::new();
    representatives
        .iter()
        .map(|&id| {
            let words = words_of(&ir.nodes[id].location);
            let tails = (1..=words.len())
                .map(|length| &words[words.len() - length..])
                .filter(|tail| !is_structural(&tail[0]))
                .map(|tail| format!("check_{}", tail.join("_")));
            // Then the whole path (`check_def_address`), then from the root (`check_root_type`).
            let whole = [
                format!("check_{}", words.join("_")),
                format!("check_root_{}", words.join("_")),
            ];
            let mut name = tails
                .chain(whole.clone())
                .find(|name| !used.contains(name))
                .unwrap_or_else(|| whole[0].clone());
            let base = name.clone();
            let mut suffix = 2;
            while used.contains(&name) {
                name = format!("{base}_{suffix}");
                suffix += 1;
            }
            used.insert(name.clone());
            format_ident!("{}", name)
        })
        .collect()
}

/// A word that says where in a schema, not what: a function name does not start with one.
fn is_structural(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
        || matches!(
            word,
            "def"
                | "items"
                | "one_of"
                | "any_of"
                | "all_of"
                | "if"
                | "then"
                | "else"
                | "not"
                | "contains"
                | "additional_properties"
                | "pattern_properties"
                | "property_names"
                | "dependent_schemas"
                | "prefix_items"
                | "unevaluated_properties"
                | "unevaluated_items"
        )
}

/// The words of a JSON pointer, in snake case: `/$defs/Address/properties/postalCode` gives
/// `def`, `address`, `postal_code`; the root gives `root`.
fn words_of(pointer: &str) -> Vec<String> {
    let mut words = Vec::new();
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        let word = match token.as_str() {
            "properties" => continue,
            "$defs" => "def".to_owned(),
            other => snake_case(other),
        };
        if !word.is_empty() {
            words.push(word);
        }
    }
    if words.is_empty() {
        words.push("root".to_owned());
    }
    words
}

fn snake_case(token: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in token.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && previous_lower {
                out.push('_');
            }
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            out.push(c.to_ascii_lowercase());
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            previous_lower = false;
        }
    }
    out.trim_matches('_').to_owned()
}

struct Emitter<'a> {
    ir: &'a SchemaIr,
    /// True when a reachable subschema has a `$dynamicRef`: every reference then keeps the
    /// caller's location (`At::jump`), which is the dynamic scope it resolves in.
    dynamic: bool,
    name_of: &'a dyn Fn(NodeId) -> Ident,
    /// The module-level pattern statics, by source.
    patterns: &'a BTreeMap<String, usize>,
}

impl Emitter<'_> {
    fn function(
        &self,
        id: NodeId,
        name: &Ident,
        reachable: &[NodeId],
        class_of: &BTreeMap<NodeId, usize>,
    ) -> TokenStream {
        let shared: Vec<String> = reachable
            .iter()
            .filter(|&&other| class_of[&other] == class_of[&id])
            .map(|&other| format!("`#{}`", self.ir.nodes[other].location))
            .collect();
        let doc = format!("Checks {}.", shared.join(", "))
            .escape_debug()
            .to_string();
        let body = self.body(id);
        // `additionalProperties: false` is checked in place (`kw::additional_properties` with
        // no check): the `false` schema's function is called only where another keyword names it.
        let may_be_unused = matches!(self.ir.nodes[id].body, NodeBody::Always(false))
            .then(|| quote!(#[allow(dead_code)]));
        quote! {
            #[doc = #doc]
            #may_be_unused
            fn #name(v: &Node, at: &At, path: &Path, r: &mut Report) {
                #body
            }
        }
    }

    /// Where a referenced subschema sits: its own pointer, linked to the caller's location when
    /// a `$dynamicRef` may need the dynamic scope.
    fn target_location(&self, id: NodeId) -> TokenStream {
        let pointer = &self.ir.nodes[id].location;
        if self.dynamic {
            quote!(At::jump(at, FILE, #pointer))
        } else {
            quote!(At::root(FILE, #pointer))
        }
    }

    /// The function that marks what the subschema `id` evaluates, for `unevaluated*`.
    fn mark_of(&self, id: NodeId) -> Ident {
        let check = (self.name_of)(id).to_string();
        format_ident!("mark_{}", check.trim_start_matches("check_"))
    }

    /// `mark_<name>`: marks the members or items of `v` that the subschema `id` evaluates
    /// (its own keywords, then its in-place subschemas that `v` satisfies). `own` says whether
    /// its own `unevaluated*` keywords count: not when they are the ones asking.
    fn mark_function(&self, id: NodeId) -> TokenStream {
        let name = self.mark_of(id);
        let check = |id: &NodeId| (self.name_of)(*id);
        let mark = |id: &NodeId| self.mark_of(*id);
        let (mut objects, mut arrays, mut in_place) = (Vec::new(), Vec::new(), Vec::new());
        for located in self
            .ir
            .checks(id)
            .map_or(&[][..], |c| c.assertions.as_slice())
        {
            match &located.assertion {
                Assertion::Properties(props) => {
                    let names = props.iter().map(|(name, _)| name);
                    objects.push(quote! { kw::mark_named(o, &[#(#names),*], seen); });
                }
                Assertion::PatternProperties(table) => {
                    let patterns = table.iter().map(|(source, _)| {
                        let pattern = pattern_name(self.patterns[source]);
                        quote!(&#pattern)
                    });
                    objects.push(quote! { kw::mark_matching(o, &[#(#patterns),*], seen); });
                }
                Assertion::AdditionalProperties { .. } => {
                    objects.push(quote! { kw::mark_all(seen); })
                }
                Assertion::UnevaluatedProperties(_) => {
                    objects.push(quote! { if own { kw::mark_all(seen); } })
                }
                Assertion::PrefixItems(ids) => {
                    let count = Literal::usize_unsuffixed(ids.len());
                    arrays.push(quote! { kw::mark_first(seen, #count); });
                }
                Assertion::Items { .. } => arrays.push(quote! { kw::mark_all(seen); }),
                Assertion::UnevaluatedItems(_) => {
                    arrays.push(quote! { if own { kw::mark_all(seen); } })
                }
                Assertion::Contains { schema, .. } => {
                    let check = check(schema);
                    arrays.push(quote! { kw::mark_containing(a, #check, &at.keyword("contains"), path, r, seen); });
                }
                Assertion::AllOf(ids)
                | Assertion::AnyOf(ids)
                | Assertion::OneOf { branches: ids, .. } => {
                    let keyword = located.keyword;
                    for (index, id) in ids.iter().enumerate() {
                        let (check, mark) = (check(id), mark(id));
                        let index = Literal::usize_unsuffixed(index);
                        in_place.push(quote! { kw::mark_valid(v, #check, #mark, &at.branch(#keyword, #index), path, r, seen); });
                    }
                }
                Assertion::Ref(id) => {
                    let (check, mark) = (check(id), mark(id));
                    let target = self.target_location(*id);
                    in_place.push(
                        quote! { kw::mark_valid(v, #check, #mark, &#target, path, r, seen); },
                    );
                }
                Assertion::DynamicRef {
                    initial,
                    candidates,
                } => {
                    let rows = candidates.iter().map(|(root, id)| {
                        let (check, mark) = (check(id), mark(id));
                        let pointer = &self.ir.nodes[*id].location;
                        quote!((#root, #check, #mark, #pointer))
                    });
                    let (check, mark) = (check(initial), mark(initial));
                    let pointer = &self.ir.nodes[*initial].location;
                    in_place.push(quote! { kw::mark_dynamic(v, RESOURCES, &[#(#rows),*], (#check, #mark, #pointer), FILE, at, path, r, seen); });
                }
                Assertion::IfThenElse {
                    condition,
                    then,
                    otherwise,
                } => {
                    let pair = |id: &Option<NodeId>| match id {
                        Some(id) => {
                            let (check, mark) = (check(id), mark(id));
                            quote!(Some((#check, #mark)))
                        }
                        None => quote!(None),
                    };
                    let (condition_check, condition_mark) = (check(condition), mark(condition));
                    let (then, otherwise) = (pair(then), pair(otherwise));
                    in_place.push(quote! { kw::mark_conditional(v, (#condition_check, #condition_mark), #then, #otherwise, at, path, r, seen); });
                }
                Assertion::DependentSchemas(table) => {
                    let rows = table.iter().map(|(name, id)| {
                        let (check, mark) = (check(id), mark(id));
                        quote!((#name, #check, #mark))
                    });
                    objects.push(
                        quote! { kw::mark_dependent(v, o, &[#(#rows),*], at, path, r, seen); },
                    );
                }
                _ => {}
            }
        }
        let objects =
            (!objects.is_empty()).then(|| quote! { if let Node::Object(o) = v { #(#objects)* } });
        let arrays =
            (!arrays.is_empty()).then(|| quote! { if let Node::Array(a) = v { #(#arrays)* } });
        let doc = format!("Marks what `#{}` evaluates.", self.ir.nodes[id].location)
            .escape_debug()
            .to_string();
        quote! {
            #[doc = #doc]
            #[allow(unused_variables)]
            fn #name(v: &Node, seen: &mut [bool], own: bool, at: &At, path: &Path, r: &Report) {
                #objects
                #arrays
                #(#in_place)*
            }
        }
    }

    fn body(&self, id: NodeId) -> TokenStream {
        match &self.ir.nodes[id].body {
            NodeBody::Always(true) => quote! { let _ = (v, at, path, r); },
            NodeBody::Always(false) => quote! { kw::nothing(v, at, path, r); },
            NodeBody::Checks(checks) => {
                let nullable = checks
                    .nullable
                    .then(|| quote! { if v.is_null() { return; } });
                let steps = self.grouped_steps(id, &checks.assertions);
                let steps = quote! { #nullable #(#steps)* };
                if steps.is_empty() {
                    quote! { let _ = (v, at, path, r); }
                } else if !uses_ident(&steps, "at") {
                    // Only `$ref`s: each target is located by its own pointer.
                    quote! { let _ = at; #steps }
                } else {
                    steps
                }
            }
        }
    }

    /// Type-specific assertions share one `if let` on the value's kind; others stand alone.
    /// Subschemas applied to the value itself (`allOf`, `oneOf`, `$ref`, …) come last: the
    /// value's own rules are cheaper to check, so a verdict that fails there stops sooner (an
    /// `allOf` of `contains` rules would otherwise scan every item before the first item's own
    /// error is seen).
    fn grouped_steps(&self, holder: NodeId, assertions: &[Located]) -> Vec<TokenStream> {
        let mut steps = Vec::new();
        let mut in_place = Vec::new();
        let (mut strings, mut numbers, mut objects, mut arrays) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for located in assertions {
            if is_trivially_true(&located.assertion) {
                continue;
            }
            let step = self.assertion(holder, located);
            match &located.assertion {
                // OpenAPI's `int32`, `float`, … check numbers; every other format strings.
                Assertion::Format(format)
                    if matches!(format_role(format), Some(FormatRole::Number(_))) =>
                {
                    numbers.push(step)
                }
                Assertion::MinLength(_)
                | Assertion::MaxLength(_)
                | Assertion::Pattern(_)
                | Assertion::Format(_)
                | Assertion::NotOnlyWhitespace => strings.push(step),
                Assertion::Minimum(_)
                | Assertion::Maximum(_)
                | Assertion::ExclusiveMinimum(_)
                | Assertion::ExclusiveMaximum(_)
                | Assertion::MultipleOf(_) => numbers.push(step),
                Assertion::Required(_)
                | Assertion::Properties(_)
                | Assertion::PatternProperties(_)
                | Assertion::AdditionalProperties { .. }
                | Assertion::PropertyNames(_)
                | Assertion::UnevaluatedProperties(_)
                | Assertion::DependentSchemas(_)
                | Assertion::MinProperties(_)
                | Assertion::MaxProperties(_)
                | Assertion::DependentRequired(_) => objects.push(step),
                Assertion::PrefixItems(_)
                | Assertion::Items { .. }
                | Assertion::UnevaluatedItems(_)
                | Assertion::MinItems(_)
                | Assertion::MaxItems(_)
                | Assertion::UniqueItems
                | Assertion::Contains { .. } => arrays.push(step),
                Assertion::AllOf(_)
                | Assertion::AnyOf(_)
                | Assertion::OneOf { .. }
                | Assertion::Not(_)
                | Assertion::IfThenElse { .. }
                | Assertion::Ref(_)
                | Assertion::DynamicRef { .. } => in_place.push(step),
                _ => steps.push(step),
            }
        }
        if !strings.is_empty() {
            steps.push(quote! { if let Node::String(s) = v { #(#strings)* } });
        }
        if !numbers.is_empty() {
            steps.push(quote! { if let Node::Number(n) = v { #(#numbers)* } });
        }
        // A value too deep or too long is an error, and its members or items are not checked;
        // the subschemas applied in place after them still run.
        let members = |beyond: TokenStream, within: TokenStream, checks: &[TokenStream]| {
            if in_place.is_empty() {
                quote! { if #beyond { return; } #(#checks)* }
            } else {
                quote! { if #within { #(#checks)* } }
            }
        };
        if !objects.is_empty() {
            let body = members(
                quote!(r.too_deep(at, path)),
                quote!(!r.too_deep(at, path)),
                &objects,
            );
            steps.push(quote! { if let Node::Object(o) = v { #body } });
        }
        if !arrays.is_empty() {
            let body = members(
                quote!(r.too_deep(at, path) || r.too_long(at, path, a.len())),
                quote!(!r.too_deep(at, path) && !r.too_long(at, path, a.len())),
                &arrays,
            );
            steps.push(quote! { if let Node::Array(a) = v { #body } });
        }
        steps.extend(in_place);
        steps
    }

    /// The call for one assertion of the subschema `holder`.
    fn assertion(&self, holder: NodeId, located: &Located) -> TokenStream {
        let because = match &located.because {
            Some(sentence) => quote!(Some(#sentence)),
            None => quote!(None),
        };
        let check = |id: &NodeId| (self.name_of)(*id);
        let checks = |ids: &[NodeId]| {
            let names = ids.iter().map(check);
            quote!(&[#(#names),*])
        };
        match &located.assertion {
            Assertion::Type(types) => {
                let names = types.iter().map(|t| t.name());
                quote! { kw::types(v, &[#(#names),*], #because, at, path, r); }
            }
            Assertion::Enum(values) => {
                let text = compact_json(&Value::Array(values.clone()));
                if values.iter().all(Value::is_string) {
                    // Sorted, so the runtime finds a value by binary search.
                    let strings: BTreeSet<&str> = values.iter().filter_map(Value::as_str).collect();
                    let strings = strings.iter();
                    quote! { kw::enum_strings(v, &[#(#strings),*], #text, #because, at, path, r); }
                } else {
                    quote! {
                        static ALLOWED: kw::Constants = kw::Constants::new(#text);
                        kw::enum_values(v, &ALLOWED, #because, at, path, r);
                    }
                }
            }
            Assertion::Const(Value::String(constant)) => {
                let text = compact_json(&Value::String(constant.clone()));
                quote! { kw::constant_string(v, #constant, #text, #because, at, path, r); }
            }
            Assertion::Const(expected) => {
                let list = compact_json(&Value::Array(vec![expected.clone()]));
                let text = compact_json(expected);
                quote! {
                    static CONSTANT: kw::Constants = kw::Constants::new(#list);
                    kw::constant(v, &CONSTANT, #text, #because, at, path, r);
                }
            }
            Assertion::MinLength(limit) => {
                let limit = Literal::u64_unsuffixed(*limit);
                quote! { kw::min_length(s, #limit, #because, at, path, r); }
            }
            Assertion::MaxLength(limit) => {
                let limit = Literal::u64_unsuffixed(*limit);
                quote! { kw::max_length(s, #limit, #because, at, path, r); }
            }
            Assertion::Pattern(source) => {
                let pattern = pattern_name(self.patterns[source]);
                quote! { kw::pattern(s, &#pattern, #because, at, path, r); }
            }
            Assertion::Format(format) => match format_role(format) {
                Some(FormatRole::String(function)) => {
                    let function = format_ident!("{function}");
                    quote! { kw::format(s, formats::#function, #format, #because, at, path, r); }
                }
                Some(FormatRole::Number(function)) => {
                    let function = format_ident!("{function}");
                    quote! { kw::number_format(n, formats::number_formats::#function, #format, #because, at, path, r); }
                }
                _ => unreachable!("format `{format}` is asserted only when it has a check"),
            },
            Assertion::NotOnlyWhitespace => {
                quote! { kw::not_only_whitespace(s, #because, at, path, r); }
            }
            Assertion::Minimum(limit) => bound(quote!(Minimum), limit, &because),
            Assertion::Maximum(limit) => bound(quote!(Maximum), limit, &because),
            Assertion::ExclusiveMinimum(limit) => bound(quote!(ExclusiveMinimum), limit, &because),
            Assertion::ExclusiveMaximum(limit) => bound(quote!(ExclusiveMaximum), limit, &because),
            Assertion::MultipleOf(divisor) => {
                let text = divisor.to_string();
                let value = Literal::f64_unsuffixed(divisor.as_f64().unwrap_or(1.0));
                quote! { kw::multiple_of(n, #value, #text, #because, at, path, r); }
            }
            Assertion::Required(names) => {
                quote! { kw::required(o, &[#(#names),*], #because, at, path, r); }
            }
            Assertion::Properties(props) => {
                let rows = props.iter().map(|(name, id)| {
                    let check = check(id);
                    quote!((#name, #check))
                });
                quote! { kw::properties(o, &[#(#rows),*], at, path, r); }
            }
            Assertion::PatternProperties(table) => {
                let rows = table.iter().map(|(source, id)| {
                    let pattern = pattern_name(self.patterns[source]);
                    let check = check(id);
                    quote!((&#pattern, #check))
                });
                quote! { kw::pattern_properties(o, &[#(#rows),*], at, path, r); }
            }
            Assertion::AdditionalProperties {
                declared,
                patterns,
                schema,
            } => {
                let check = match &self.ir.nodes[*schema].body {
                    NodeBody::Always(false) => quote!(None),
                    _ => {
                        let check = check(schema);
                        quote!(Some(#check))
                    }
                };
                if patterns.is_empty() {
                    quote! { kw::additional_properties(o, &[#(#declared),*], #check, #because, at, path, r); }
                } else {
                    let patterns = patterns.iter().map(|source| {
                        let pattern = pattern_name(self.patterns[source]);
                        quote!(&#pattern)
                    });
                    quote! { kw::additional_properties_beyond_patterns(o, &[#(#declared),*], &[#(#patterns),*], #check, #because, at, path, r); }
                }
            }
            Assertion::PropertyNames(id) => {
                let check = check(id);
                quote! { kw::property_names(o, #check, at, path, r); }
            }
            Assertion::DependentSchemas(table) => {
                let rows = table.iter().map(|(name, id)| {
                    let check = check(id);
                    quote!((#name, #check))
                });
                quote! { kw::dependent_schemas(v, o, &[#(#rows),*], at, path, r); }
            }
            Assertion::MinProperties(limit) => {
                let limit = Literal::u64_unsuffixed(*limit);
                quote! { kw::min_properties(o, #limit, #because, at, path, r); }
            }
            Assertion::MaxProperties(limit) => {
                let limit = Literal::u64_unsuffixed(*limit);
                quote! { kw::max_properties(o, #limit, #because, at, path, r); }
            }
            Assertion::DependentRequired(pairs) => {
                let rows = pairs
                    .iter()
                    .map(|(property, dependents)| quote!((#property, &[#(#dependents),*])));
                quote! { kw::dependent_required(o, &[#(#rows),*], #because, at, path, r); }
            }
            Assertion::PrefixItems(ids) => {
                let checks = checks(ids);
                quote! { kw::prefix_items(a, #checks, at, path, r); }
            }
            Assertion::UnevaluatedProperties(schema) => {
                let check = match &self.ir.nodes[*schema].body {
                    NodeBody::Always(false) => quote!(None),
                    _ => {
                        let check = check(schema);
                        quote!(Some(#check))
                    }
                };
                let mark = self.mark_of(holder);
                quote! { kw::unevaluated_properties(v, o, #mark, #check, #because, at, path, r); }
            }
            Assertion::UnevaluatedItems(schema) => {
                let check = check(schema);
                let mark = self.mark_of(holder);
                quote! { kw::unevaluated_items(v, a, #mark, #check, at, path, r); }
            }
            Assertion::Items { schema, from: 0 } => {
                let check = check(schema);
                quote! { kw::items(a, #check, at, path, r); }
            }
            Assertion::Items { schema, from } => {
                let check = check(schema);
                let from = Literal::usize_unsuffixed(*from);
                quote! { kw::items_after(a, #from, #check, at, path, r); }
            }
            Assertion::MinItems(limit) => {
                let limit = Literal::u64_unsuffixed(*limit);
                quote! { kw::min_items(a, #limit, #because, at, path, r); }
            }
            Assertion::MaxItems(limit) => {
                let limit = Literal::u64_unsuffixed(*limit);
                quote! { kw::max_items(a, #limit, #because, at, path, r); }
            }
            Assertion::UniqueItems => quote! { kw::unique_items(a, #because, at, path, r); },
            Assertion::Contains { schema, min, max } => {
                let check = check(schema);
                let min = Literal::u64_unsuffixed(*min);
                let max = match max.map(Literal::u64_unsuffixed) {
                    Some(max) => quote!(Some(#max)),
                    None => quote!(None),
                };
                quote! { kw::contains(a, #check, #min, #max, #because, at, path, r); }
            }
            Assertion::AllOf(ids) => {
                let checks = checks(ids);
                quote! { kw::all_of(v, #checks, at, path, r); }
            }
            Assertion::AnyOf(ids) => {
                let checks = checks(ids);
                quote! { kw::any_of(v, #checks, #because, at, path, r); }
            }
            Assertion::OneOf {
                branches,
                discriminator,
            } => {
                let checks = checks(branches);
                let discriminator = match discriminator {
                    Some(discriminator) => {
                        let table = discriminator_table(discriminator);
                        quote!(Some(&#table))
                    }
                    None => quote!(None),
                };
                quote! { kw::one_of(v, #checks, #discriminator, #because, at, path, r); }
            }
            Assertion::Not(id) => {
                let check = check(id);
                quote! { kw::not(v, #check, #because, at, path, r); }
            }
            Assertion::IfThenElse {
                condition,
                then,
                otherwise,
            } => {
                let condition = check(condition);
                let optional = |id: &Option<NodeId>| match id {
                    Some(id) => {
                        let check = check(id);
                        quote!(Some(#check))
                    }
                    None => quote!(None),
                };
                let (then, otherwise) = (optional(then), optional(otherwise));
                quote! { kw::if_then_else(v, #condition, #then, #otherwise, at, path, r); }
            }
            Assertion::Ref(id) => {
                let check = check(id);
                let target = self.target_location(*id);
                quote! { #check(v, &#target, path, r); }
            }
            Assertion::DynamicRef {
                initial,
                candidates,
            } => {
                let rows = candidates.iter().map(|(root, id)| {
                    let (check, pointer) = (check(id), &self.ir.nodes[*id].location);
                    quote!((#root, #check, #pointer))
                });
                let (check, pointer) = (check(initial), &self.ir.nodes[*initial].location);
                quote! { kw::dynamic_ref(v, RESOURCES, &[#(#rows),*], (#check, #pointer), FILE, at, path, r); }
            }
        }
    }
}

fn uses_ident(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|token| match token {
        proc_macro2::TokenTree::Ident(ident) => ident == name,
        proc_macro2::TokenTree::Group(group) => uses_ident(&group.stream(), name),
        _ => false,
    })
}

fn bound(kind: TokenStream, limit: &serde_json::Number, because: &TokenStream) -> TokenStream {
    let text = limit.to_string();
    let value = Literal::f64_unsuffixed(limit.as_f64().unwrap_or(f64::NAN));
    quote! { kw::bound(n, kw::Bound::#kind, #value, #text, #because, at, path, r); }
}

fn discriminator_table(discriminator: &Discriminator) -> TokenStream {
    let property = &discriminator.property;
    let values = discriminator.values.iter().map(|(constant, index)| {
        let index = Literal::usize_unsuffixed(*index);
        quote!((#constant, #index))
    });
    let allowed: Vec<&str> = discriminator
        .values
        .iter()
        .map(|(c, _)| c.as_str())
        .collect();
    let allowed = compact_json(&serde_json::json!(allowed));
    quote! {
        kw::Discriminator { property: #property, values: &[#(#values),*], allowed: #allowed }
    }
}

/// Lower bounds of zero hold for every value; emitting them would only cost time.
pub(crate) fn is_trivially_true(assertion: &Assertion) -> bool {
    matches!(
        assertion,
        Assertion::MinLength(0)
            | Assertion::MinItems(0)
            | Assertion::MinProperties(0)
            | Assertion::Contains {
                min: 0,
                max: None,
                ..
            }
    )
}

fn compact_json(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The imports every validators module needs; `runtime` is the path of the runtime module.
/// The short names keep each keyword check on one line: `v` is the value, `at` where its
/// subschema sits, `path` where the value sits, `r` the report.
pub(crate) fn prelude(runtime: &TokenStream) -> TokenStream {
    quote! {
        #[allow(unused_imports)]
        use #runtime::{formats, keywords as kw, InstancePath as Path, Node, Report, SchemaPath as At};
    }
}

#[cfg(test)]
mod tests {
    use super::words_of;

    #[test]
    fn names_follow_the_pointer() {
        assert_eq!(words_of(""), ["root"]);
        assert_eq!(
            words_of("/oneOf/0/properties/customerReference"),
            ["one_of", "0", "customer_reference"]
        );
        assert_eq!(
            words_of("/$defs/Address/properties/postalCode"),
            ["def", "address", "postal_code"]
        );
        assert_eq!(
            words_of("/$defs/common-commonStr50Req"),
            ["def", "common_common_str50_req"]
        );
    }
}
