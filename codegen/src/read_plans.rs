//! Emits the single pass's tables (`runtime::single_pass::ReadPlan`): for each subschema reached
//! from an entry through members and items, how its values are checked while they are read.
//! A subschema whose own rules look only at the value itself (its type, its members' names and
//! number) sends its members or items to their own plans as they arrive, and keeps the value
//! whole if it also applies subschemas in place; any other is checked on whole values.

use crate::ir::{Assertion, NodeBody, NodeId, SchemaIr};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// How the values of one subschema are checked while they are read.
enum Kind {
    Any,
    Whole,
    /// Rules on the value itself only: its members and items are only read.
    Own,
    Object {
        properties: Vec<(String, NodeId)>,
        additional: Option<NodeId>,
    },
    Array {
        items: NodeId,
    },
    Discriminated {
        property: String,
        branches: Vec<(String, NodeId)>,
    },
}

/// The read-plan statics of the subschemas reached from `entries`, and each entry's static
/// (`None` for an entry that accepts everything: `runtime::ANY`). `name_of` names each subschema's check function; `dynamic` (a
/// `$dynamicRef` in the file) makes every entry whole, since its checks need the scope from
/// the root.
pub(crate) fn emit_read_plans(
    ir: &SchemaIr,
    entries: &[NodeId],
    name_of: &dyn Fn(NodeId) -> Ident,
    dynamic: bool,
) -> (TokenStream, Vec<Option<Ident>>) {
    let mut emitted: BTreeMap<Ident, TokenStream> = BTreeMap::new();
    let mut order: Vec<Ident> = Vec::new();
    let mut stack: Vec<NodeId> = Vec::new();
    let mut entry_ids: Vec<NodeId> = Vec::new();
    let entry_plans = entries
        .iter()
        .map(|&entry| {
            // With a `$dynamicRef`, the entry's own location starts the dynamic scope.
            let id = if dynamic { entry } else { ir.resolve(entry) };
            let (kind, _) = if dynamic {
                (Kind::Whole, false)
            } else {
                kind(ir, id)
            };
            if matches!(kind, Kind::Any) {
                return None;
            }
            stack.push(id);
            entry_ids.push(id);
            Some(plan_name(&name_of(id)))
        })
        .collect();
    let reference = |id: NodeId, stack: &mut Vec<NodeId>| {
        let id = ir.resolve(id);
        if matches!(kind(ir, id), (Kind::Any, _)) {
            return quote!(&kw::ANY);
        }
        stack.push(id);
        let name = plan_name(&name_of(id));
        quote!(&#name)
    };
    while let Some(id) = stack.pop() {
        let check = name_of(id);
        let name = plan_name(&check);
        if emitted.contains_key(&name) {
            continue;
        }
        let pointer = &ir.nodes[id].location;
        let (kind, keep) = if dynamic {
            (Kind::Whole, false)
        } else {
            kind(ir, id)
        };
        let at = quote!(#check, FILE, #pointer);
        let plan = match kind {
            Kind::Any | Kind::Whole => quote!(kw::ReadPlan::whole(#at)),
            Kind::Own => quote!(kw::ReadPlan::own(#at, #keep)),
            Kind::Object {
                properties,
                additional,
            } => {
                let rows: Vec<TokenStream> = properties
                    .iter()
                    .map(|(property, child)| {
                        let plan = reference(*child, &mut stack);
                        quote!((#property, #plan))
                    })
                    .collect();
                let additional = match additional {
                    Some(child) => {
                        let plan = reference(child, &mut stack);
                        quote!(Some(#plan))
                    }
                    None => quote!(None),
                };
                quote!(kw::ReadPlan::object(#at, #keep, &[#(#rows),*], #additional))
            }
            Kind::Array { items } => {
                let items = reference(items, &mut stack);
                quote!(kw::ReadPlan::array(#at, #keep, #items))
            }
            Kind::Discriminated { property, branches } => {
                let rows: Vec<TokenStream> = branches
                    .iter()
                    .map(|(value, branch)| {
                        let plan = reference(*branch, &mut stack);
                        quote!((#value, #plan))
                    })
                    .collect();
                quote!(kw::ReadPlan::discriminated(#at, #property, &[#(#rows),*]))
            }
        };
        // Only the entries' plans are named outside the validators module.
        let visibility = if entry_ids.contains(&id) {
            quote!(pub(super))
        } else {
            quote!()
        };
        order.push(name.clone());
        emitted.insert(
            name.clone(),
            quote! { #visibility static #name: kw::ReadPlan = #plan; },
        );
    }
    let statics = order.iter().map(|name| &emitted[name]);
    (quote!(#(#statics)*), entry_plans)
}

fn plan_name(check: &Ident) -> Ident {
    let base = check.to_string();
    let base = base.trim_start_matches("check_");
    format_ident!("READ_{}", base.to_uppercase())
}

/// How the single pass checks values of the subschema `id` (its `$ref`s followed), and whether
/// it keeps them whole for subschemas it applies in place.
fn kind(ir: &SchemaIr, id: NodeId) -> (Kind, bool) {
    let checks = match &ir.nodes[id].body {
        NodeBody::Always(true) => return (Kind::Any, false),
        NodeBody::Always(false) => return (Kind::Whole, false),
        NodeBody::Checks(checks) => checks,
    };
    let assertions: Vec<&Assertion> = checks
        .assertions
        .iter()
        .map(|located| &located.assertion)
        .filter(|assertion| !crate::validators::is_trivially_true(assertion))
        .collect();
    if assertions.is_empty() {
        return (Kind::Any, false);
    }
    if let Some(kind) = discriminated(ir, &assertions) {
        return (kind, false);
    }
    if assertions.iter().any(|assertion| needs_whole(assertion)) {
        return (Kind::Whole, false);
    }
    let keep = !assertions.iter().all(|assertion| streams(assertion));
    let mut properties = Vec::new();
    let mut additional = None;
    let mut items = None;
    for assertion in &assertions {
        match assertion {
            Assertion::Properties(table) => properties.extend(table.iter().cloned()),
            Assertion::AdditionalProperties { schema, .. } => additional = Some(*schema),
            Assertion::Items { schema, .. } => items = Some(*schema),
            _ => {}
        }
    }
    // `additionalProperties: false` is a rule on the keys, which the object's own check keeps.
    let additional =
        additional.filter(|&schema| !matches!(ir.nodes[schema].body, NodeBody::Always(false)));
    let has_members = !properties.is_empty() || additional.is_some();
    let kind = match (has_members, items) {
        (false, None) => Kind::Own,
        (true, None) => Kind::Object {
            properties,
            additional,
        },
        (false, Some(items)) => Kind::Array { items },
        (true, Some(_)) => return (Kind::Whole, false),
    };
    (kind, keep)
}

/// Keywords whose members or items cannot be checked alone as they arrive: the subschema is
/// checked on whole values only.
fn needs_whole(assertion: &Assertion) -> bool {
    match assertion {
        Assertion::UnevaluatedProperties(_)
        | Assertion::UnevaluatedItems(_)
        | Assertion::DynamicRef { .. }
        | Assertion::PrefixItems(_) => true,
        Assertion::Items { from, .. } => *from > 0,
        Assertion::AdditionalProperties { patterns, .. } => !patterns.is_empty(),
        _ => false,
    }
}

/// Keywords that look at the value itself, its members' names and number, or each member or
/// item alone: checked as the value is read.
fn streams(assertion: &Assertion) -> bool {
    match assertion {
        Assertion::Type(_)
        | Assertion::MinLength(_)
        | Assertion::MaxLength(_)
        | Assertion::Pattern(_)
        | Assertion::Format(_)
        | Assertion::NotOnlyWhitespace
        | Assertion::Minimum(_)
        | Assertion::Maximum(_)
        | Assertion::ExclusiveMinimum(_)
        | Assertion::ExclusiveMaximum(_)
        | Assertion::MultipleOf(_)
        | Assertion::Required(_)
        | Assertion::Properties(_)
        | Assertion::PropertyNames(_)
        | Assertion::MinProperties(_)
        | Assertion::MaxProperties(_)
        | Assertion::DependentRequired(_)
        | Assertion::MinItems(_)
        | Assertion::MaxItems(_)
        | Assertion::Items { from: 0, .. } => true,
        Assertion::AdditionalProperties { patterns, .. } => patterns.is_empty(),
        _ => false,
    }
}

/// A `oneOf` with a discriminator beside rules on the value itself, whose every branch is a
/// `$ref` to a subschema that checks its members as they arrive.
fn discriminated(ir: &SchemaIr, assertions: &[&Assertion]) -> Option<Kind> {
    let mut one_of = None;
    for assertion in assertions {
        match assertion {
            Assertion::OneOf {
                branches,
                discriminator: Some(discriminator),
            } if one_of.is_none() => one_of = Some((branches, discriminator)),
            Assertion::Properties(_)
            | Assertion::AdditionalProperties { .. }
            | Assertion::Items { .. } => return None,
            other if streams(other) => {}
            _ => return None,
        }
    }
    let (branches, discriminator) = one_of?;
    let mut rows = Vec::new();
    for (value, index) in &discriminator.values {
        // Only a `$ref` branch is checked at its own location, which the skip of the members
        // already checked recognises (`Report::skips_children`).
        let branch = ir.resolve(branches[*index]);
        if branch == branches[*index] || !matches!(kind(ir, branch), (Kind::Object { .. }, false)) {
            return None;
        }
        rows.push((value.clone(), branch));
    }
    Some(Kind::Discriminated {
        property: discriminator.property.clone(),
        branches: rows,
    })
}
