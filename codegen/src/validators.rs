//! Emits one Rust function per reachable schema node. Each function checks a `serde_json::Value`
//! against its node and writes every violation into a `Report`, located in the data and the schema.

use crate::ir::{Assertion, Discriminator, JsonType, Located, NodeBody, NodeId, SchemaIr};
use crate::vocabulary::format_check;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;
use std::collections::BTreeSet;

/// Emits the bodies of a `validators` module: one `pub(super) fn` per node reachable from `entries`.
/// `file` is the schema's display path, used in every error's schema location.
/// Returns the tokens and the function name of each entry.
pub(crate) fn emit_validators(
    ir: &SchemaIr,
    entries: &[NodeId],
    file: &str,
) -> (TokenStream, Vec<Ident>) {
    let reachable = ir.reachable(entries);
    let names = function_names(ir, &reachable);
    let name_of = |id: NodeId| names[reachable.binary_search(&id).expect("reachable node")].clone();
    let emitter = Emitter {
        ir,
        file,
        name_of: &name_of,
    };
    let functions = reachable.iter().map(|&id| emitter.function(id));
    let tokens = quote! { #(#functions)* };
    (tokens, entries.iter().map(|&id| name_of(id)).collect())
}

/// Stable, readable function names derived from each node's JSON pointer.
fn function_names(ir: &SchemaIr, ids: &[NodeId]) -> Vec<Ident> {
    let mut used = BTreeSet::new();
    ids.iter()
        .map(|&id| {
            let base = name_from_pointer(&ir.nodes[id].location);
            let mut name = base.clone();
            let mut suffix = 2;
            while !used.insert(name.clone()) {
                name = format!("{base}_{suffix}");
                suffix += 1;
            }
            format_ident!("{}", name)
        })
        .collect()
}

fn name_from_pointer(pointer: &str) -> String {
    let mut words = vec!["check".to_owned()];
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
    if words.len() == 1 {
        words.push("root".to_owned());
    }
    words.join("_")
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
    file: &'a str,
    name_of: &'a dyn Fn(NodeId) -> Ident,
}

impl Emitter<'_> {
    fn location(&self, pointer: &str) -> String {
        format!("{}#{}", self.file, pointer)
    }

    fn function(&self, id: NodeId) -> TokenStream {
        let node = &self.ir.nodes[id];
        let name = (self.name_of)(id);
        let doc = format!(
            "Checks a value against `{}`.",
            self.location(&node.location).escape_debug()
        );
        let body = match &node.body {
            NodeBody::Always(true) => quote! { let _ = (value, path, report); },
            NodeBody::Always(false) => {
                let location = self.location(&node.location);
                quote! { report.fail(path, #location, "false", ErrorKind::FalseSchema); let _ = value; }
            }
            NodeBody::Checks(checks) => {
                let nullable = checks
                    .nullable
                    .then(|| quote! { if value.is_null() { return; } });
                let steps = self.grouped_steps(&self.location(&node.location), &checks.assertions);
                if steps.is_empty() {
                    quote! { let _ = (value, path, report); }
                } else {
                    quote! { #nullable #(#steps)* }
                }
            }
        };
        quote! {
            #[doc = #doc]
            pub(super) fn #name(value: &Node<'_>, path: &InstancePath<'_>, report: &mut Report) {
                #body
            }
        }
    }

    /// Type-specific assertions share one `if let` on the value's kind; others stand alone.
    fn grouped_steps(&self, node_location: &str, assertions: &[Located]) -> Vec<TokenStream> {
        let mut steps = Vec::new();
        let (mut strings, mut numbers, mut objects, mut arrays) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for located in assertions {
            if is_trivially_true(&located.assertion) {
                continue;
            }
            let step = self.assertion(located);
            let then_stop = quote! { #step if report.done() { return; } };
            match &located.assertion {
                Assertion::MinLength(_)
                | Assertion::MaxLength(_)
                | Assertion::Pattern(_)
                | Assertion::Format(_)
                | Assertion::NotOnlyWhitespace => strings.push(then_stop),
                Assertion::Minimum(_)
                | Assertion::Maximum(_)
                | Assertion::ExclusiveMinimum(_)
                | Assertion::ExclusiveMaximum(_)
                | Assertion::MultipleOf(_) => numbers.push(then_stop),
                Assertion::Required(_)
                | Assertion::Properties(_)
                | Assertion::AdditionalProperties { .. }
                | Assertion::MinProperties(_)
                | Assertion::MaxProperties(_)
                | Assertion::DependentRequired(_) => objects.push(then_stop),
                Assertion::Items(_)
                | Assertion::MinItems(_)
                | Assertion::MaxItems(_)
                | Assertion::UniqueItems
                | Assertion::Contains { .. } => arrays.push(then_stop),
                _ => steps.push(then_stop),
            }
        }
        if !strings.is_empty() {
            steps.push(quote! { if let Node::String(string) = value { #(#strings)* } });
        }
        if !numbers.is_empty() {
            steps.push(quote! { if let Node::Number(number) = value { #(#numbers)* } });
        }
        if !objects.is_empty() {
            steps.push(quote! {
                if let Node::Object(object) = value {
                    if report.too_deep(path, #node_location) { return; }
                    #(#objects)*
                }
            });
        }
        if !arrays.is_empty() {
            steps.push(quote! {
                if let Node::Array(items) = value {
                    if report.too_deep(path, #node_location) || report.too_long(path, items.len(), #node_location) { return; }
                    #(#arrays)*
                }
            });
        }
        steps
    }

    fn assertion(&self, located: &Located) -> TokenStream {
        let at = self.location(&located.location);
        let keyword = located.keyword;
        let because = &located.because;
        let fail = |kind: TokenStream| match because {
            Some(sentence) => quote! {
                report.fail_because(path, #at, #keyword, ErrorKind::#kind, Some(#sentence));
            },
            None => quote! { report.fail(path, #at, #keyword, ErrorKind::#kind); },
        };
        match &located.assertion {
            Assertion::Type(types) => {
                let names: Vec<&str> = types.iter().map(|t| t.name()).collect();
                let tests = types.iter().map(|t| type_test(*t));
                let error = fail(quote! { Type { expected: &[#(#names),*] } });
                quote! { if !(#(#tests)||*) { #error } }
            }
            Assertion::Enum(values) => {
                let allowed = compact_json(&Value::Array(values.clone()));
                let error = fail(quote! { Enum { allowed: #allowed } });
                let test = membership(values);
                quote! { if !(#test) { #error } }
            }
            Assertion::Const(expected) => {
                let text = compact_json(expected);
                let error = fail(quote! { Const { expected: #text } });
                let test = membership(std::slice::from_ref(expected));
                quote! { if !(#test) { #error } }
            }
            Assertion::MinLength(limit) => {
                let n = Literal::u64_unsuffixed(*limit);
                let bound = Literal::usize_unsuffixed(*limit as usize);
                let error = fail(quote! { MinLength { limit: #n } });
                quote! { if string.len() < #bound || json::char_count(string) < #bound { #error } }
            }
            Assertion::MaxLength(limit) => {
                let n = Literal::u64_unsuffixed(*limit);
                let bound = Literal::usize_unsuffixed(*limit as usize);
                let error = fail(quote! { MaxLength { limit: #n } });
                quote! { if string.len() > #bound && json::char_count(string) > #bound { #error } }
            }
            Assertion::Pattern(source) => {
                let error = fail(quote! { Pattern { pattern: #source } });
                match crate::patterns::FastPattern::parse(source) {
                    Some(fast) => {
                        let test = fast.emit();
                        quote! { if !#test { #error } }
                    }
                    None => quote! {
                        static PATTERN: LazyLock<regex::Regex> = LazyLock::new(|| regex::compile(#source));
                        if !regex::is_match(&PATTERN, string) { #error }
                    },
                }
            }
            Assertion::Format(format) => {
                let function = format_check(format).unwrap_or_else(|| {
                    unreachable!("format `{format}` passed the vocabulary check")
                });
                let check = format_ident!("{function}");
                let check = quote! { formats::#check };
                let error = fail(quote! { Format { format: #format } });
                quote! { if !#check(string) { #error } }
            }
            Assertion::NotOnlyWhitespace => {
                let error = fail(quote! { OnlyWhitespace });
                quote! { if json::is_only_whitespace(string) { #error } }
            }
            Assertion::Minimum(limit) => self.bound(limit, quote! { < }, quote! { Minimum }, &fail),
            Assertion::Maximum(limit) => self.bound(limit, quote! { > }, quote! { Maximum }, &fail),
            Assertion::ExclusiveMinimum(limit) => {
                self.bound(limit, quote! { <= }, quote! { ExclusiveMinimum }, &fail)
            }
            Assertion::ExclusiveMaximum(limit) => {
                self.bound(limit, quote! { >= }, quote! { ExclusiveMaximum }, &fail)
            }
            Assertion::MultipleOf(divisor) => {
                let text = divisor.to_string();
                let d = Literal::f64_unsuffixed(divisor.as_f64().unwrap_or(1.0));
                let error = fail(quote! { MultipleOf { divisor: #text } });
                quote! { if !json::is_multiple_of(number, #d) { #error } }
            }
            Assertion::Required(names) => {
                let checks = names.iter().map(|name| {
                    let error = fail(quote! { Required { property: #name } });
                    quote! { if !object.contains_key(#name) { #error } }
                });
                quote! { #(#checks)* }
            }
            Assertion::Properties(props) => {
                // One pass over the members, dispatching by name: no lookup per declared property.
                let arms = props.iter().map(|(name, id)| {
                    let check = (self.name_of)(*id);
                    quote! { #name => #check(child, &path.key(key), report), }
                });
                quote! {
                    for (key, child) in object {
                        match key {
                            #(#arms)*
                            _ => continue,
                        }
                        if report.done() { return; }
                    }
                }
            }
            Assertion::AdditionalProperties { declared, schema } => {
                let skip = (!declared.is_empty())
                    .then(|| quote! { if matches!(key, #(#declared)|*) { continue; } });
                let on_extra = match &self.ir.nodes[*schema].body {
                    NodeBody::Always(false) => {
                        let error =
                            fail(quote! { AdditionalProperty { property: key.to_owned() } });
                        quote! { let _ = child; #error }
                    }
                    _ => {
                        let check = (self.name_of)(*schema);
                        quote! { #check(child, &path.key(key), report); }
                    }
                };
                quote! {
                    for (key, child) in object {
                        #skip
                        #on_extra
                        if report.done() { return; }
                    }
                }
            }
            Assertion::MinProperties(limit) => {
                let (n, bound) = (
                    Literal::u64_unsuffixed(*limit),
                    Literal::usize_unsuffixed(*limit as usize),
                );
                let error = fail(quote! { MinProperties { limit: #n } });
                quote! { if object.len() < #bound { #error } }
            }
            Assertion::MaxProperties(limit) => {
                let (n, bound) = (
                    Literal::u64_unsuffixed(*limit),
                    Literal::usize_unsuffixed(*limit as usize),
                );
                let error = fail(quote! { MaxProperties { limit: #n } });
                quote! { if object.len() > #bound { #error } }
            }
            Assertion::DependentRequired(pairs) => {
                let checks = pairs.iter().map(|(property, dependents)| {
                    let inner = dependents.iter().map(|dependent| {
                        let error = fail(quote! { DependentRequired { property: #property, dependent: #dependent } });
                        quote! { if !object.contains_key(#dependent) { #error } }
                    });
                    quote! { if object.contains_key(#property) { #(#inner)* } }
                });
                quote! { #(#checks)* }
            }
            Assertion::Items(id) => {
                let check = (self.name_of)(*id);
                quote! {
                    for (index, item) in items.iter().enumerate() {
                        #check(item, &path.index(index), report);
                        if report.done() { return; }
                    }
                }
            }
            Assertion::MinItems(limit) => {
                let (n, bound) = (
                    Literal::u64_unsuffixed(*limit),
                    Literal::usize_unsuffixed(*limit as usize),
                );
                let error = fail(quote! { MinItems { limit: #n } });
                quote! { if items.len() < #bound { #error } }
            }
            Assertion::MaxItems(limit) => {
                let (n, bound) = (
                    Literal::u64_unsuffixed(*limit),
                    Literal::usize_unsuffixed(*limit as usize),
                );
                let error = fail(quote! { MaxItems { limit: #n } });
                quote! { if items.len() > #bound { #error } }
            }
            Assertion::UniqueItems => {
                let error = fail(quote! { UniqueItems { first, second } });
                quote! { if let Some((first, second)) = json::first_duplicate(items) { #error } }
            }
            Assertion::Contains { schema, min, max } => self.contains(located, *schema, *min, *max),
            Assertion::AllOf(ids) => {
                let calls = ids.iter().map(|id| {
                    let check = (self.name_of)(*id);
                    quote! { #check(value, path, report); if report.done() { return; } }
                });
                quote! { #(#calls)* }
            }
            Assertion::AnyOf(ids) => {
                let branches = self.branch_array(ids);
                let error = fail(quote! { AnyOf });
                quote! {
                    #branches
                    let matched = BRANCHES.iter().any(|branch| {
                        let mut probe = report.probe();
                        branch(value, path, &mut probe);
                        probe.is_valid()
                    });
                    if !matched {
                        #error
                        for (index, branch) in BRANCHES.iter().enumerate() {
                            if report.done() { break; }
                            let mut errors = report.sibling();
                            branch(value, path, &mut errors);
                            report.absorb_branch(#at, index, errors);
                        }
                    }
                }
            }
            Assertion::OneOf {
                branches,
                discriminator,
            } => self.one_of(located, branches, discriminator.as_ref()),
            Assertion::Not(id) => {
                let check = (self.name_of)(*id);
                let error = fail(quote! { Not });
                quote! {
                    let mut probe = report.probe();
                    #check(value, path, &mut probe);
                    if probe.is_valid() { #error }
                }
            }
            Assertion::IfThenElse {
                condition,
                then,
                otherwise,
            } => {
                let condition = (self.name_of)(*condition);
                let then = then.map(|id| {
                    let check = (self.name_of)(id);
                    quote! { #check(value, path, report); }
                });
                let otherwise = otherwise.map(|id| {
                    let check = (self.name_of)(id);
                    quote! { #check(value, path, report); }
                });
                quote! {
                    let mut probe = report.probe();
                    #condition(value, path, &mut probe);
                    if probe.is_valid() { #then } else { #otherwise }
                }
            }
            Assertion::Ref(id) => {
                let check = (self.name_of)(*id);
                quote! { #check(value, path, report); }
            }
        }
    }

    fn bound(
        &self,
        limit: &serde_json::Number,
        failing: TokenStream,
        kind: TokenStream,
        fail: &dyn Fn(TokenStream) -> TokenStream,
    ) -> TokenStream {
        let text = limit.to_string();
        let value = Literal::f64_unsuffixed(limit.as_f64().unwrap_or(f64::NAN));
        let error = fail(quote! { #kind { limit: #text } });
        quote! { if json::as_f64(number) #failing #value { #error } }
    }

    fn branch_array(&self, ids: &[NodeId]) -> TokenStream {
        let count = Literal::usize_unsuffixed(ids.len());
        let names = ids.iter().map(|id| (self.name_of)(*id));
        quote! {
            const BRANCHES: [CheckFn; #count] = [#(#names),*];
        }
    }

    fn contains(
        &self,
        located: &Located,
        schema: NodeId,
        min: u64,
        max: Option<u64>,
    ) -> TokenStream {
        let node_location = located
            .location
            .rsplit_once('/')
            .map(|(parent, _)| parent)
            .unwrap_or("");
        let check = (self.name_of)(schema);
        let min_keyword = if min == 1 { "contains" } else { "minContains" };
        let min_at = if min == 1 {
            self.location(&located.location)
        } else {
            self.location(&format!("{node_location}/minContains"))
        };
        let (min_n, min_bound) = (
            Literal::u64_unsuffixed(min),
            Literal::usize_unsuffixed(min as usize),
        );
        let because = match &located.because {
            Some(sentence) => quote!(Some(#sentence)),
            None => quote!(None),
        };
        let max_check = max.map(|max| {
            let max_at = self.location(&format!("{node_location}/maxContains"));
            let (n, bound) = (Literal::u64_unsuffixed(max), Literal::usize_unsuffixed(max as usize));
            quote! {
                if found > #bound {
                    report.fail_because(path, #max_at, "maxContains", ErrorKind::MaxContains { limit: #n, found }, #because);
                }
            }
        });
        let min_check = (min > 0).then(|| {
            quote! {
                if found < #min_bound {
                    report.fail_because(path, #min_at, #min_keyword, ErrorKind::MinContains { limit: #min_n, found }, #because);
                }
            }
        });
        quote! {
            let found = items.iter().enumerate().filter(|(index, item)| {
                let mut probe = report.probe();
                #check(item, &path.index(*index), &mut probe);
                probe.is_valid()
            }).count();
            #min_check
            #max_check
        }
    }

    fn one_of(
        &self,
        located: &Located,
        ids: &[NodeId],
        discriminator: Option<&Discriminator>,
    ) -> TokenStream {
        let at = self.location(&located.location);
        let branches = self.branch_array(ids);
        let general = quote! {
            let matched: Vec<usize> = (0..BRANCHES.len()).filter(|&index| {
                let mut probe = report.probe();
                BRANCHES[index](value, path, &mut probe);
                probe.is_valid()
            }).collect();
            match matched.len() {
                1 => {}
                0 => {
                    report.fail(path, #at, "oneOf", ErrorKind::OneOfNone);
                    for (index, branch) in BRANCHES.iter().enumerate() {
                        if report.done() { break; }
                        let mut errors = report.sibling();
                        branch(value, path, &mut errors);
                        report.absorb_branch(#at, index, errors);
                    }
                }
                _ => report.fail(path, #at, "oneOf", ErrorKind::OneOfMany { matched }),
            }
        };
        let Some(discriminator) = discriminator else {
            return quote! { { #branches #general } };
        };
        // A recognised discriminator value selects one branch: only its errors are relevant, and
        // no other branch can match because each requires a different constant.
        let property = &discriminator.property;
        let arms = discriminator.values.iter().map(|(constant, index)| {
            let index = Literal::usize_unsuffixed(*index);
            quote! { Some(#constant) => BRANCHES[#index](value, path, report), }
        });
        // A discriminator value that selects no branch is one error, at the discriminator: the
        // branches' own errors would only restate that the value is not theirs.
        let allowed: Vec<&str> = discriminator
            .values
            .iter()
            .map(|(c, _)| c.as_str())
            .collect();
        let allowed = compact_json(&serde_json::json!(allowed));
        quote! {
            {
                #branches
                match value.get(#property).and_then(Node::as_str) {
                    #(#arms)*
                    Some(_) => report.fail(
                        &path.key(#property),
                        #at,
                        "oneOf",
                        ErrorKind::Discriminator { property: #property, allowed: #allowed },
                    ),
                    None => { #general }
                }
            }
        }
    }
}

/// Lower bounds of zero hold for every value; emitting them would only draw compiler warnings.
fn is_trivially_true(assertion: &Assertion) -> bool {
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

fn type_test(t: JsonType) -> TokenStream {
    match t {
        JsonType::Array => quote! { value.is_array() },
        JsonType::Boolean => quote! { value.is_boolean() },
        JsonType::Integer => quote! { matches!(value, Node::Number(n) if json::is_integer(n)) },
        JsonType::Null => quote! { value.is_null() },
        JsonType::Number => quote! { value.is_number() },
        JsonType::Object => quote! { value.is_object() },
        JsonType::String => quote! { value.is_string() },
    }
}

/// A boolean expression: `value` equals one of `values` (JSON equality).
fn membership(values: &[Value]) -> TokenStream {
    if values.iter().all(Value::is_string) {
        let strings = values.iter().filter_map(Value::as_str);
        return quote! { matches!(value.as_str(), Some(#(#strings)|*)) };
    }
    let text = compact_json(&Value::Array(values.to_vec()));
    quote! {
        {
            static ALLOWED: LazyLock<Vec<serde_json::Value>> =
                LazyLock::new(|| serde_json::from_str(#text).expect("constant emitted by the generator"));
            ALLOWED.iter().any(|allowed| json::equal_to_constant(allowed, value))
        }
    }
}

fn compact_json(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The imports every validators module needs; `runtime` is the path of the runtime module.
pub(crate) fn prelude(runtime: &TokenStream) -> TokenStream {
    quote! {
        #[allow(unused_imports)]
        use #runtime::{formats, json, regex, CheckFn, ErrorKind, InstancePath, Node, Report};
        #[allow(unused_imports)]
        use std::sync::LazyLock;
    }
}

#[cfg(test)]
mod tests {
    use super::name_from_pointer;

    #[test]
    fn function_names_follow_the_pointer() {
        assert_eq!(name_from_pointer(""), "check_root");
        assert_eq!(
            name_from_pointer("/oneOf/0/properties/customerReference"),
            "check_one_of_0_customer_reference"
        );
        assert_eq!(
            name_from_pointer("/$defs/Address/properties/postalCode"),
            "check_def_address_postal_code"
        );
        assert_eq!(
            name_from_pointer("/$defs/common-commonStr50Req"),
            "check_def_common_common_str50_req"
        );
    }
}
