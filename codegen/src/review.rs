//! What the reviewer of a documentation change reads instead of the generated code: each body's
//! contract as a table (schema pointer, Rust type, required, rules in words, personal data) and
//! the public Rust API of an endpoint's module without bodies. One fact per line, so that a field
//! added or a limit changed is a one-line diff. The rules are worded by the same functions that
//! write the rustdoc `Rules:` lines; the types are read from the generated module, never guessed.

use crate::error::{pointer_push, SchemaError};
use crate::load::SchemaFile;
use crate::serde_attrs::serde_attrs;
use crate::vocabulary::{format_role, is_sensitive_format, keyword_role, FormatRole, KeywordRole};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use syn::visit_mut::{self, VisitMut};

/// The contract of every body of the endpoint in `file` (the request, then each response): one
/// table per body, one row per subschema the body reaches. `generated_source` is the endpoint's
/// generated module (`endpoint_source` of the same document, or the checked-in file), where the
/// Rust type of each row is read; `shared_sources` are the modules of the definitions files it
/// uses (see `shared_defs`), where the types of shared definitions are.
pub fn contract_table(
    file: &SchemaFile,
    generated_source: &str,
    shared_sources: &[&str],
) -> Result<String, Vec<SchemaError>> {
    let display = file.display_path.as_str();
    let endpoint = crate::read_endpoint(file).map_err(|e| vec![e])?;
    let parse = |source: &str| {
        syn::parse_file(source).map_err(|err| {
            vec![SchemaError::new(
                display,
                "",
                format!("the generated module does not parse: {err}"),
            )]
        })
    };
    let module = parse(generated_source)?;
    let shared_modules = shared_sources
        .iter()
        .map(|source| parse(source))
        .collect::<Result<Vec<_>, _>>()?;
    let mut types = TypeIndex::of(&module);
    for shared in &shared_modules {
        // A shared type is named by its last segment (`super::common::Phone`) where it is used.
        for (name, item) in TypeIndex::of(shared).items {
            types.items.entry(name).or_insert(item);
        }
    }
    let body_types = body_types(&module);
    // The inference runs on the document alone; where it cannot (a document that needs the
    // files it refers to), the Rust type still shows what was made `Sensitive`.
    let inferred: Option<BTreeMap<String, &'static str>> =
        crate::inferred_personal_data(display, &file.document)
            .ok()
            .map(|found| found.into_iter().collect());
    let mut out = String::new();
    for entry in &endpoint.entries {
        let shape = body_types
            .get(entry.id.as_str())
            .map_or(Shape::Unknown, |ty| Shape::Type(ty.clone()));
        let mut walk = Walk {
            document: &file.document,
            types: &types,
            inferred: inferred.as_ref(),
            rows: Vec::new(),
            seen: BTreeSet::new(),
            definitions: VecDeque::new(),
        };
        walk.body(&entry.pointer, shape.clone());
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!(
            "{} `{}`: {}, schema `#{}`\n\n",
            entry.direction,
            entry.id,
            code(&types.display(&shape)),
            entry.pointer
        ));
        out.push_str("| pointer | Rust type | required | rules | personal data |\n");
        out.push_str("|---|---|---|---|---|\n");
        for row in &walk.rows {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                code(&format!("#{}", row.pointer)),
                code(&row.rust),
                row.required,
                cell(&row.rules),
                cell(&row.personal),
            ));
        }
    }
    Ok(out)
}

/// The public API of a generated module, without bodies: each pub struct with its derives and
/// pub fields, each pub enum with its variants, pub fns, consts and modules, and each trait impl
/// as one line, grouped by the type they belong to. Paths are shortened to their last segment.
pub fn api_surface(source: &str) -> Result<String, syn::Error> {
    let file = syn::parse_file(source)?;
    let mut out = String::new();
    surface(&file.items, 0, &mut out);
    Ok(out)
}

/// One row of a body's table.
struct Row {
    pointer: String,
    rust: String,
    required: &'static str,
    rules: String,
    personal: String,
}

/// What is known of the Rust value of a subschema.
#[derive(Clone)]
enum Shape<'s> {
    /// Not found in the module: typed as `serde_json::Value`, or merged into another type.
    Unknown,
    Type(syn::Type),
    /// A variant with named fields of an enum typify made of a `oneOf`: `Enum::Variant`.
    Variant {
        name: String,
        fields: &'s syn::Fields,
        tag: Option<String>,
    },
    /// The member that serde reads as the enum's tag: it has no field of its own.
    Tag(String),
}

/// The structs and enums of a generated module, by name.
struct TypeIndex<'s> {
    items: HashMap<String, &'s syn::Item>,
}

/// Types whose value is their only type argument, for finding the named type inside.
const WRAPPERS: &[&str] = &["Option", "Box", "Sensitive", "Tolerant"];

impl<'s> TypeIndex<'s> {
    fn of(module: &'s syn::File) -> Self {
        let items = module
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Struct(s) => Some((s.ident.to_string(), item)),
                syn::Item::Enum(e) => Some((e.ident.to_string(), item)),
                _ => None,
            })
            .collect();
        TypeIndex { items }
    }

    fn display(&self, shape: &Shape) -> String {
        match shape {
            Shape::Unknown => "—".to_owned(),
            Shape::Type(ty) => render_type(ty),
            Shape::Variant { name, .. } => name.clone(),
            Shape::Tag(of) => format!("(tag of {of})"),
        }
    }

    /// The struct or enum a type names, through `Option`, `Box`, `Sensitive`, `Tolerant` and
    /// single-field newtypes.
    fn item(&self, ty: &syn::Type) -> Option<&'s syn::Item> {
        self.item_within(ty, 8)
    }

    /// `item`, through at most `depth` newtypes (a recursive newtype must not loop).
    fn item_within(&self, ty: &syn::Type, depth: usize) -> Option<&'s syn::Item> {
        let ty = peel(ty, WRAPPERS);
        let item = *self.items.get(&last_ident(ty)?)?;
        match item {
            syn::Item::Struct(s) if depth > 0 && matches!(s.fields, syn::Fields::Unnamed(_)) => {
                match s.fields.iter().collect::<Vec<_>>().as_slice() {
                    [only] => self.item_within(&only.ty, depth - 1).or(Some(item)),
                    _ => Some(item),
                }
            }
            _ => Some(item),
        }
    }

    /// The Rust value of the member `name` (its JSON name) of a value of `shape`.
    fn member(&self, shape: &Shape<'s>, name: &str) -> Shape<'s> {
        let in_fields = |fields: &'s syn::Fields, tag: Option<&str>, owner: &str| {
            if tag == Some(name) {
                return Some(Shape::Tag(owner.to_owned()));
            }
            fields
                .iter()
                .find(|field| json_name(field).as_deref() == Some(name))
                .map(|field| Shape::Type(field.ty.clone()))
        };
        let found = match shape {
            Shape::Type(ty) => match self.item(ty) {
                Some(syn::Item::Struct(s)) => in_fields(&s.fields, None, ""),
                Some(syn::Item::Enum(e)) => {
                    let tag = serde_attrs(&e.attrs).tag;
                    e.variants.iter().find_map(|variant| {
                        let owner = format!("{}::{}", e.ident, variant.ident);
                        in_fields(&variant.fields, tag.as_deref(), &owner)
                    })
                }
                _ => None,
            },
            Shape::Variant {
                name: owner,
                fields,
                tag,
            } => in_fields(fields, tag.as_deref(), owner),
            Shape::Unknown | Shape::Tag(_) => None,
        };
        found.unwrap_or(Shape::Unknown)
    }

    /// The Rust value of an array's items (`items`) or a map's values (`additionalProperties`):
    /// the last type argument of the `Vec` or map inside `shape`.
    fn element(&self, shape: &Shape<'s>, containers: &[&str]) -> Shape<'s> {
        let Shape::Type(ty) = shape else {
            return Shape::Unknown;
        };
        let ty = peel(ty, WRAPPERS);
        if last_ident(ty).is_some_and(|name| containers.contains(&name.as_str())) {
            return type_arguments(ty)
                .last()
                .map_or(Shape::Unknown, |inner| Shape::Type((*inner).clone()));
        }
        match self.item(ty) {
            // A newtype around the container; `item` already went through nested newtypes.
            Some(syn::Item::Struct(s)) if matches!(s.fields, syn::Fields::Unnamed(_)) => {
                match s.fields.iter().collect::<Vec<_>>().as_slice() {
                    [only]
                        if last_ident(peel(&only.ty, WRAPPERS))
                            .is_some_and(|name| containers.contains(&name.as_str())) =>
                    {
                        self.element(&Shape::Type(only.ty.clone()), containers)
                    }
                    _ => Shape::Unknown,
                }
            }
            _ => Shape::Unknown,
        }
    }

    /// The Rust value of branch `index` of `count` of a `oneOf` or `anyOf`: the variant of the
    /// same place when typify made an enum of as many variants, the value itself otherwise (the
    /// branches only constrain it, or typify merged them).
    fn branch(&self, shape: &Shape<'s>, index: usize, count: usize) -> Shape<'s> {
        let Shape::Type(ty) = shape else {
            return shape.clone();
        };
        let Some(syn::Item::Enum(e)) = self.item(ty) else {
            return shape.clone();
        };
        if e.variants.len() != count {
            return shape.clone();
        }
        let variant = &e.variants[index];
        match &variant.fields {
            syn::Fields::Named(_) => Shape::Variant {
                name: format!("{}::{}", e.ident, variant.ident),
                fields: &variant.fields,
                tag: serde_attrs(&e.attrs).tag,
            },
            syn::Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
                Shape::Type(fields.unnamed[0].ty.clone())
            }
            _ => Shape::Unknown,
        }
    }
}

/// The JSON name serde gives a field: its `rename`, or its name.
fn json_name(field: &syn::Field) -> Option<String> {
    let ident = field.ident.as_ref()?.to_string();
    let ident = ident.trim_start_matches("r#").to_owned();
    Some(serde_attrs(&field.attrs).rename.unwrap_or(ident))
}

/// `ty` without the outer wrappers named in `wrappers`.
fn peel<'t>(mut ty: &'t syn::Type, wrappers: &[&str]) -> &'t syn::Type {
    while let Some(inner) = last_ident(ty)
        .filter(|name| wrappers.contains(&name.as_str()))
        .and_then(|_| type_arguments(ty).first().copied())
    {
        ty = inner;
    }
    ty
}

fn last_ident(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) if path.qself.is_none() => {
            path.path.segments.last().map(|s| s.ident.to_string())
        }
        _ => None,
    }
}

fn type_arguments(ty: &syn::Type) -> Vec<&syn::Type> {
    let syn::Type::Path(path) = ty else {
        return Vec::new();
    };
    match path.path.segments.last().map(|s| &s.arguments) {
        Some(syn::PathArguments::AngleBracketed(args)) => args
            .args
            .iter()
            .filter_map(|arg| match arg {
                syn::GenericArgument::Type(ty) => Some(ty),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The Rust type of each body, by schema id, from the module's `SCHEMAS` registry:
/// `typed: &Typed::<T>::HANDLE`.
fn body_types(module: &syn::File) -> HashMap<String, syn::Type> {
    let mut types = HashMap::new();
    let registry = module.items.iter().find_map(|item| match item {
        syn::Item::Const(c) if c.ident == "SCHEMAS" => Some(&*c.expr),
        _ => None,
    });
    let Some(syn::Expr::Reference(reference)) = registry else {
        return types;
    };
    let syn::Expr::Array(entries) = &*reference.expr else {
        return types;
    };
    for entry in &entries.elems {
        let syn::Expr::Struct(entry) = entry else {
            continue;
        };
        let field = |name: &str| {
            entry.fields.iter().find(|f| match &f.member {
                syn::Member::Named(ident) => ident == name,
                syn::Member::Unnamed(_) => false,
            })
        };
        let id = field("id").and_then(|f| match &f.expr {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(id),
                ..
            }) => Some(id.value()),
            _ => None,
        });
        let typed = field("typed").and_then(|f| match &f.expr {
            syn::Expr::Reference(r) => match &*r.expr {
                syn::Expr::Path(path) => {
                    path.path
                        .segments
                        .iter()
                        .find_map(|segment| match &segment.arguments {
                            syn::PathArguments::AngleBracketed(args) => {
                                args.args.iter().find_map(|arg| match arg {
                                    syn::GenericArgument::Type(ty) => Some(ty.clone()),
                                    _ => None,
                                })
                            }
                            _ => None,
                        })
                }
                _ => None,
            },
            _ => None,
        });
        if let (Some(id), Some(typed)) = (id, typed) {
            types.insert(id, typed);
        }
    }
    types
}

/// The rows of one body: its own tree depth first, then each definition it reaches through
/// `$ref`, in the order first reached, each once.
struct Walk<'a, 's> {
    document: &'a Value,
    types: &'a TypeIndex<'s>,
    /// `None` when the inference could not run on the document alone.
    inferred: Option<&'a BTreeMap<String, &'static str>>,
    rows: Vec<Row>,
    seen: BTreeSet<String>,
    definitions: VecDeque<(String, Shape<'s>)>,
}

/// Applicators whose subschemas shape the value in place and get rows of their own; every other
/// applicator (`if`, `contains`, `not`, …) only constrains, and is worded in its holder's row.
const SHAPING: &[&str] = &[
    "$ref",
    "$defs",
    "properties",
    "patternProperties",
    "additionalProperties",
    "items",
    "prefixItems",
    "oneOf",
    "anyOf",
    "allOf",
];

impl<'s> Walk<'_, 's> {
    fn body(&mut self, pointer: &str, shape: Shape<'s>) {
        self.definitions.push_back((pointer.to_owned(), shape));
        while let Some((pointer, shape)) = self.definitions.pop_front() {
            if self.seen.contains(&pointer) {
                continue;
            }
            if let Some(schema) = self.document.pointer(&pointer) {
                self.visit(&pointer, schema, &shape, "", &[]);
            }
        }
    }

    fn visit(
        &mut self,
        pointer: &str,
        schema: &Value,
        shape: &Shape<'s>,
        required: &'static str,
        cross_field: &[String],
    ) {
        if !self.seen.insert(pointer.to_owned()) {
            return;
        }
        let Value::Object(map) = schema else {
            let rules = match schema {
                Value::Bool(false) => "no value is valid",
                _ => "any value",
            };
            self.rows.push(Row {
                pointer: pointer.to_owned(),
                rust: self.types.display(shape),
                required,
                rules: rules.to_owned(),
                personal: String::new(),
            });
            return;
        };
        let mut rules = rules_in_words(map);
        rules.extend(cross_field.iter().cloned());
        let rust = self.types.display(shape);
        self.rows.push(Row {
            pointer: pointer.to_owned(),
            personal: self.personal(pointer, map, &rust),
            rust,
            required,
            rules: rules.join("; "),
        });
        if let Some(target) = map
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            // The definition's own type: the field's optionality and marks are the field's.
            let target_shape = match shape {
                Shape::Type(ty) => Shape::Type(peel(ty, WRAPPERS).clone()),
                other => other.clone(),
            };
            self.definitions
                .push_back((target.to_owned(), target_shape));
        }
        let object = map.get("type").is_none_or(|t| mentions(t, "object"));
        let array = map.get("type").is_none_or(|t| mentions(t, "array"));
        if let Some(Value::Object(properties)) = map.get("properties") {
            let required_names: Vec<&str> = map
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let cross_field = crate::cross_field::cross_field_rules(map);
            let at = pointer_push(pointer, "properties");
            for (name, child) in properties {
                let required = match required_names.contains(&name.as_str()) {
                    true => "required",
                    false => "optional",
                };
                let rules = cross_field.get(name).map(Vec::as_slice).unwrap_or_default();
                let member = self.types.member(shape, name);
                self.visit(&pointer_push(&at, name), child, &member, required, rules);
            }
        }
        if let Some(Value::Object(patterns)) = map.get("patternProperties") {
            let at = pointer_push(pointer, "patternProperties");
            let value = self.types.element(shape, &["HashMap", "BTreeMap", "Map"]);
            for (pattern, child) in patterns {
                self.visit(&pointer_push(&at, pattern), child, &value, "", &[]);
            }
        }
        if let Some(child @ Value::Object(_)) = map.get("additionalProperties").filter(|_| object) {
            let value = self.types.element(shape, &["HashMap", "BTreeMap", "Map"]);
            let at = pointer_push(pointer, "additionalProperties");
            self.visit(&at, child, &value, "", &[]);
        }
        if let Some(Value::Array(prefix)) = map.get("prefixItems").filter(|_| array) {
            let at = pointer_push(pointer, "prefixItems");
            for (i, child) in prefix.iter().enumerate() {
                let at = pointer_push(&at, &i.to_string());
                self.visit(&at, child, &Shape::Unknown, "", &[]);
            }
        }
        if let Some(child) = map.get("items").filter(|_| array) {
            let item = self.types.element(shape, &["Vec"]);
            self.visit(&pointer_push(pointer, "items"), child, &item, "", &[]);
        }
        for keyword in ["oneOf", "anyOf", "allOf"] {
            let Some(Value::Array(branches)) = map.get(keyword) else {
                continue;
            };
            let at = pointer_push(pointer, keyword);
            for (i, child) in branches.iter().enumerate() {
                let branch = match keyword {
                    "allOf" => shape.clone(),
                    _ => self.types.branch(shape, i, branches.len()),
                };
                self.visit(&pointer_push(&at, &i.to_string()), child, &branch, "", &[]);
            }
        }
    }

    /// The personal-data category of a subschema: its `x-sensitive` mark, the category the
    /// generator infers from its name or format, or a secret format.
    fn personal(&self, pointer: &str, map: &Map<String, Value>, rust: &str) -> String {
        let Some(inferred) = self.inferred else {
            let unmarked = !map.contains_key("x-sensitive") && !map.contains_key("$ref");
            if unmarked && rust.contains("Sensitive<") {
                return "yes (inferred)".to_owned();
            }
            return self.personal_with(pointer, map, &BTreeMap::new());
        };
        self.personal_with(pointer, map, inferred)
    }

    fn personal_with(
        &self,
        pointer: &str,
        map: &Map<String, Value>,
        inferred: &BTreeMap<String, &'static str>,
    ) -> String {
        match map.get("x-sensitive") {
            Some(Value::String(category)) => category.clone(),
            Some(Value::Bool(false)) => "no (`x-sensitive: false`)".to_owned(),
            _ => match inferred.get(pointer) {
                Some(category) => format!("{category} (inferred)"),
                None if map
                    .get("format")
                    .and_then(Value::as_str)
                    .is_some_and(is_sensitive_format) =>
                {
                    "secret (format)".to_owned()
                }
                None => String::new(),
            },
        }
    }
}

fn mentions(types: &Value, name: &str) -> bool {
    match types {
        Value::String(t) => t == name,
        Value::Array(types) => types.iter().any(|t| t == name),
        _ => false,
    }
}

/// Keywords `rules_in_words` words, or this module words below, or the table shows in a column
/// (`required`) or as rows (the shaping applicators).
const WORDED: &[&str] = &[
    "type",
    "nullable",
    "enum",
    "const",
    "required",
    "dependentRequired",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "isNotOnlyWhitespace",
    "minItems",
    "maxItems",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "contains",
    "minContains",
    "maxContains",
    "if",
    "then",
    "else",
    "not",
];

/// Every rule a subschema states about its own value, in words: the rustdoc `Rules:` line's
/// words (`types::rules_in_words`) with what that line leaves to the type (the JSON type, enum
/// values, constants, references), and any other keyword as compact JSON, so that no change of
/// a rule is invisible in the table.
fn rules_in_words(map: &Map<String, Value>) -> Vec<String> {
    let mut words = Vec::new();
    let nullable = map.get("nullable") == Some(&Value::Bool(true));
    match map.get("type") {
        Some(Value::String(single)) if nullable => words.push(format!("{single} or null")),
        Some(Value::String(single)) => words.push(single.clone()),
        Some(Value::Array(types)) => {
            let names: Vec<&str> = types.iter().filter_map(Value::as_str).collect();
            words.push(names.join(" or "));
        }
        _ if nullable => words.push("or null".to_owned()),
        _ => {}
    }
    if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
        words.push(format!("as `{reference}`"));
    }
    if let Some(Value::Array(values)) = map.get("enum") {
        let values: Vec<String> = values.iter().map(Value::to_string).collect();
        words.push(format!("one of {}", values.join(", ")));
    }
    if let Some(constant) = map.get("const") {
        words.push(format!("is {constant}"));
    }
    if let Some(own) = crate::types::rules_in_words(map) {
        let own = own.trim_start_matches("Rules: ").trim_end_matches('.');
        words.push(own.to_owned());
    }
    if let Some(format) = map.get("format").and_then(Value::as_str) {
        if !matches!(
            format_role(format),
            Some(FormatRole::String(_) | FormatRole::Number(_))
        ) {
            words.push(format!("format {format}, not checked"));
        }
    }
    let number = |key: &str| map.get(key).filter(|v| v.is_number());
    for (key, phrase) in [
        ("exclusiveMinimum", "more than"),
        ("exclusiveMaximum", "less than"),
        ("multipleOf", "a multiple of"),
    ] {
        if let Some(bound) = number(key) {
            words.push(format!("{phrase} {bound}"));
        }
    }
    let members = |n: u64| plural(n, "member");
    match (
        number("minProperties").and_then(Value::as_u64),
        number("maxProperties").and_then(Value::as_u64),
    ) {
        (Some(min), Some(max)) => words.push(format!("{min} to {}", members(max))),
        (Some(min), None) => words.push(format!("at least {}", members(min))),
        (None, Some(max)) => words.push(format!("at most {}", members(max))),
        (None, None) => {}
    }
    if map.get("uniqueItems") == Some(&Value::Bool(true)) {
        words.push("items unique".to_owned());
    }
    if map.get("additionalProperties") == Some(&Value::Bool(false)) {
        words.push("no other members".to_owned());
    }
    if let Some(contains) = map.get("contains") {
        let at_least = number("minContains").and_then(Value::as_u64).unwrap_or(1);
        let count = match number("maxContains").and_then(Value::as_u64) {
            Some(max) => format!("{at_least} to {}", plural(max, "item")),
            None => format!("at least {}", plural(at_least, "item")),
        };
        words.push(format!("{count} matching {}", compact(contains)));
    }
    if let Some(condition) = map.get("if") {
        let mut conditional = format!("if {}", compact(condition));
        for keyword in ["then", "else"] {
            if let Some(branch) = map.get(keyword) {
                conditional.push_str(&format!(" {keyword} {}", compact(branch)));
            }
        }
        words.push(conditional);
    }
    for keyword in ["oneOf", "anyOf", "allOf"] {
        if let Some(Value::Array(branches)) = map.get(keyword) {
            let count = plural(branches.len() as u64, "branch");
            let phrase = match keyword {
                "oneOf" => format!("exactly one of {count}"),
                "anyOf" => format!("at least one of {count}"),
                _ => format!("all {count}"),
            };
            words.push(format!("{phrase} (`{keyword}`)"));
        }
    }
    if let Some(negated) = map.get("not") {
        words.push(format!("not {}", compact(negated)));
    }
    for (keyword, value) in map {
        let constrains = matches!(
            keyword_role(keyword),
            Some(KeywordRole::Assertion | KeywordRole::Applicator)
        );
        let worded = WORDED.contains(&keyword.as_str()) || SHAPING.contains(&keyword.as_str());
        let closed = keyword == "additionalProperties" && value.is_boolean();
        if constrains && !worded && !closed {
            words.push(format!("`{keyword}` {}", compact(value)));
        }
    }
    if map.get("deprecated") == Some(&Value::Bool(true)) {
        words.push("deprecated".to_owned());
    }
    if let Some(default) = map.get("default") {
        words.push(format!("default {default}"));
    }
    words
}

fn plural(n: u64, word: &str) -> String {
    match (n, word.ends_with(['s', 'h'])) {
        (1, _) => format!("1 {word}"),
        (_, true) => format!("{n} {word}es"),
        (_, false) => format!("{n} {word}s"),
    }
}

/// A subschema as one line of JSON without its annotations (descriptions, examples, `x-`).
fn compact(schema: &Value) -> String {
    fn strip(value: &Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .filter(|(k, _)| keyword_role(k) != Some(KeywordRole::Annotation))
                    .map(|(k, v)| (k.clone(), strip(v)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(strip).collect()),
            other => other.clone(),
        }
    }
    strip(schema).to_string()
}

/// A table cell: one line, its pipes escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn code(text: &str) -> String {
    format!("`{}`", cell(text))
}

/// Writes the public items of `items` at nesting `depth`, each type followed by its impls and
/// the macros that implement traits for it.
fn surface(items: &[syn::Item], depth: usize, out: &mut String) {
    let public = |vis: &syn::Visibility| matches!(vis, syn::Visibility::Public(_));
    let types: BTreeSet<String> = items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) if public(&s.vis) => Some(s.ident.to_string()),
            syn::Item::Enum(e) if public(&e.vis) => Some(e.ident.to_string()),
            _ => None,
        })
        .collect();
    // (subject, lines), in the order each subject first appears.
    let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
    let mut add = |subject: Option<String>, lines: Vec<String>| {
        let existing = subject
            .as_ref()
            .and_then(|s| groups.iter().position(|(g, _)| g.as_ref() == Some(s)));
        match existing {
            Some(index) => groups[index].1.extend(lines),
            None => groups.push((subject, lines)),
        }
    };
    for item in items {
        match item {
            syn::Item::Struct(s) if public(&s.vis) => {
                add(Some(s.ident.to_string()), struct_lines(s));
            }
            syn::Item::Enum(e) if public(&e.vis) => add(Some(e.ident.to_string()), enum_lines(e)),
            syn::Item::Impl(i) => {
                let Some(subject) = last_ident(&i.self_ty).filter(|t| types.contains(t)) else {
                    continue;
                };
                add(Some(subject), impl_lines(i));
            }
            syn::Item::Macro(m) => {
                let name = m.mac.path.segments.last().map(|s| s.ident.to_string());
                let tokens = m.mac.tokens.to_string();
                let subject = tokens.split([' ', ',']).next().map(str::to_owned);
                let subject = subject.filter(|s| types.contains(s));
                if let (Some(name), Some(_)) = (name, &subject) {
                    add(subject, vec![format!("{name}!({tokens});")]);
                }
            }
            syn::Item::Fn(f) if public(&f.vis) => add(None, vec![fn_line(&f.vis, &f.sig)]),
            syn::Item::Const(c) if public(&c.vis) => {
                let ty = render_type(&c.ty);
                add(None, vec![format!("pub const {}: {ty};", c.ident)]);
            }
            syn::Item::Static(s) if public(&s.vis) => {
                let ty = render_type(&s.ty);
                add(None, vec![format!("pub static {}: {ty};", s.ident)]);
            }
            syn::Item::Type(t) if public(&t.vis) => {
                let ty = render_type(&t.ty);
                add(None, vec![format!("pub type {} = {ty};", t.ident)]);
            }
            syn::Item::Trait(t) if public(&t.vis) => {
                add(None, vec![format!("pub trait {};", t.ident)]);
            }
            syn::Item::Use(u) if public(&u.vis) => add(None, vec![one_line(&unparse(item_use(u)))]),
            syn::Item::Mod(m) if public(&m.vis) => {
                let mut inner = String::new();
                if let Some((_, items)) = &m.content {
                    surface(items, 1, &mut inner);
                }
                let mut lines = vec![format!("pub mod {} {{", m.ident)];
                lines.extend(inner.lines().map(str::to_owned));
                lines.push("}".to_owned());
                add(None, lines);
            }
            _ => {}
        }
    }
    let indent = "    ".repeat(depth);
    for (_, lines) in groups {
        for line in lines {
            out.push_str(&indent);
            out.push_str(&line);
            out.push('\n');
        }
    }
}

fn struct_lines(s: &syn::ItemStruct) -> Vec<String> {
    let mut lines = attribute_lines(&s.attrs);
    let head = format!("pub struct {}{}", s.ident, generics(&s.generics));
    match &s.fields {
        syn::Fields::Named(named) => {
            lines.push(format!("{head} {{"));
            let mut private = false;
            for field in &named.named {
                match (&field.vis, &field.ident) {
                    (syn::Visibility::Public(_), Some(name)) => {
                        lines.push(format!("    pub {name}: {},", render_type(&field.ty)));
                    }
                    _ => private = true,
                }
            }
            if private {
                lines.push("    ..".to_owned());
            }
            lines.push("}".to_owned());
        }
        syn::Fields::Unnamed(unnamed) => {
            let fields: Vec<String> = unnamed
                .unnamed
                .iter()
                .map(|field| match field.vis {
                    syn::Visibility::Public(_) => format!("pub {}", render_type(&field.ty)),
                    _ => "_".to_owned(),
                })
                .collect();
            lines.push(format!("{head}({});", fields.join(", ")));
        }
        syn::Fields::Unit => lines.push(format!("{head};")),
    }
    lines
}

fn enum_lines(e: &syn::ItemEnum) -> Vec<String> {
    let mut lines = attribute_lines(&e.attrs);
    lines.push(format!("pub enum {}{} {{", e.ident, generics(&e.generics)));
    for variant in &e.variants {
        let fields: Vec<String> = variant
            .fields
            .iter()
            .map(|field| match &field.ident {
                Some(name) => format!("{name}: {}", render_type(&field.ty)),
                None => render_type(&field.ty),
            })
            .collect();
        let line = match &variant.fields {
            syn::Fields::Named(_) => format!("{} {{ {} }}", variant.ident, fields.join(", ")),
            syn::Fields::Unnamed(_) => format!("{}({})", variant.ident, fields.join(", ")),
            syn::Fields::Unit => variant.ident.to_string(),
        };
        lines.push(format!("    {line},"));
    }
    lines.push("}".to_owned());
    lines
}

/// `#[derive(…)]` (the traits a type implements without an impl block) and `#[deprecated]`.
fn attribute_lines(attrs: &[syn::Attribute]) -> Vec<String> {
    let mut lines = Vec::new();
    for attr in attrs {
        if attr.path().is_ident("derive") {
            let derived = attr.parse_args_with(
                syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
            );
            if let Ok(derived) = derived {
                let names: Vec<String> = derived
                    .iter()
                    .filter_map(|path| path.segments.last().map(|s| s.ident.to_string()))
                    .collect();
                lines.push(format!("#[derive({})]", names.join(", ")));
            }
        } else if attr.path().is_ident("deprecated") {
            lines.push("#[deprecated]".to_owned());
        }
    }
    lines
}

/// A trait impl as one line; an inherent impl as its pub fns and consts.
fn impl_lines(i: &syn::ItemImpl) -> Vec<String> {
    let mut head = i.clone();
    head.attrs.clear();
    head.items.clear();
    ShortPaths.visit_item_impl_mut(&mut head);
    let head = one_line(&unparse(syn::Item::Impl(head)));
    let head = head.trim_end_matches("{}").trim_end().to_owned();
    if i.trait_.is_some() {
        return vec![head];
    }
    let members: Vec<String> = i
        .items
        .iter()
        .filter_map(|member| match member {
            syn::ImplItem::Fn(f) if matches!(f.vis, syn::Visibility::Public(_)) => {
                Some(format!("    {}", fn_line(&f.vis, &f.sig)))
            }
            syn::ImplItem::Const(c) if matches!(c.vis, syn::Visibility::Public(_)) => Some(
                format!("    pub const {}: {};", c.ident, render_type(&c.ty)),
            ),
            _ => None,
        })
        .collect();
    if members.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![format!("{head} {{")];
    lines.extend(members);
    lines.push("}".to_owned());
    lines
}

/// `pub fn name(args) -> Output;`: the signature without its body, `mut` bindings or long paths.
fn fn_line(vis: &syn::Visibility, sig: &syn::Signature) -> String {
    let mut sig = sig.clone();
    for input in &mut sig.inputs {
        match input {
            syn::FnArg::Receiver(receiver) => receiver.mutability = None,
            syn::FnArg::Typed(typed) => {
                if let syn::Pat::Ident(ident) = &mut *typed.pat {
                    ident.mutability = None;
                }
            }
        }
    }
    ShortPaths.visit_signature_mut(&mut sig);
    let item = syn::Item::Fn(syn::ItemFn {
        attrs: Vec::new(),
        vis: vis.clone(),
        sig,
        block: Box::new(syn::parse_quote!({})),
    });
    let line = one_line(&unparse(item));
    let line = line.trim_end_matches("{}").trim_end().trim_end_matches(',');
    format!("{line};")
}

fn generics(generics: &syn::Generics) -> String {
    if generics.params.is_empty() {
        return String::new();
    }
    let mut generics = generics.clone();
    generics.where_clause = None;
    ShortPaths.visit_generics_mut(&mut generics);
    let item: syn::ItemStruct = syn::parse_quote!(struct S #generics;);
    let text = one_line(&unparse(syn::Item::Struct(item)));
    text.trim_start_matches("struct S")
        .trim_end_matches(';')
        .to_owned()
}

fn item_use(u: &syn::ItemUse) -> syn::Item {
    let mut u = u.clone();
    u.attrs.clear();
    syn::Item::Use(u)
}

/// A type as written, its paths shortened: `Option<Sensitive<ContactFirstName>>`.
fn render_type(ty: &syn::Type) -> String {
    let mut ty = ty.clone();
    ShortPaths.visit_type_mut(&mut ty);
    let item: syn::ItemType = syn::parse_quote!(type T = #ty;);
    let text = one_line(&unparse(syn::Item::Type(item)));
    text.trim_start_matches("type T = ")
        .trim_end_matches(';')
        .to_owned()
}

fn unparse(item: syn::Item) -> String {
    prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![item],
    })
}

/// prettyplease's lines joined into one: no space inside brackets, no trailing commas.
fn one_line(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
        let closes = line.starts_with([')', ']', '>']);
        if closes && out.ends_with(',') {
            out.pop();
        }
        let opened = out.ends_with(['(', '[', '<']);
        if !out.is_empty() && !opened && !closes {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Keeps the last segment of every path (`::std::option::Option` → `Option`), except paths
/// from `Self` and qualified ones (`<T as Trait>::Output`), whose prefix is the meaning.
struct ShortPaths;

impl VisitMut for ShortPaths {
    fn visit_type_path_mut(&mut self, path: &mut syn::TypePath) {
        if let Some(qself) = &mut path.qself {
            self.visit_type_mut(&mut qself.ty);
            for segment in &mut path.path.segments {
                self.visit_path_arguments_mut(&mut segment.arguments);
            }
            return;
        }
        self.visit_path_mut(&mut path.path);
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        visit_mut::visit_path_mut(self, path);
        let from_self = path.segments.first().is_some_and(|s| s.ident == "Self");
        if from_self || (path.leading_colon.is_none() && path.segments.len() < 2) {
            return;
        }
        if let Some(last) = path.segments.pop() {
            path.segments = std::iter::once(last.into_value()).collect();
            path.leading_colon = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODULE: &str = r#"
        #[derive(::serde::Deserialize, Clone, Debug)]
        pub struct Contact {
            #[serde(rename = "firstName")]
            pub first_name: ::std::option::Option<::generated::runtime::Sensitive<ContactFirstName>>,
            hidden: u8,
        }
        pub struct ContactFirstName(::std::string::String);
        ::generated::string_newtype!(ContactFirstName);
        impl ::std::str::FromStr for ContactFirstName {
            type Err = self::error::ConversionError;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> { todo!() }
        }
        impl Contact {
            pub fn builder(mut self, value: impl ::generated::runtime::Convert<u8>) -> Self { self }
            fn private(&self) {}
        }
        pub enum Kind { A, B { x: ::std::vec::Vec<u8> }, C(u8) }
        struct Private;
        impl Clone for Private { fn clone(&self) -> Self { Private } }
        mod validators { pub fn hidden() {} }
        pub mod error { pub struct ConversionError(::std::borrow::Cow<'static, str>); }
    "#;

    #[test]
    fn the_api_surface_keeps_signatures_and_drops_bodies_and_private_items() {
        let surface = api_surface(MODULE).unwrap();
        let expected = "\
#[derive(Deserialize, Clone, Debug)]
pub struct Contact {
    pub first_name: Option<Sensitive<ContactFirstName>>,
    ..
}
impl Contact {
    pub fn builder(self, value: impl Convert<u8>) -> Self;
}
pub struct ContactFirstName(_);
string_newtype!(ContactFirstName);
impl FromStr for ContactFirstName
pub enum Kind {
    A,
    B { x: Vec<u8> },
    C(u8),
}
pub mod error {
    pub struct ConversionError(_);
}
";
        assert_eq!(surface, expected);
    }

    #[test]
    fn members_are_found_by_their_json_name_through_wrappers() {
        let module = syn::parse_file(MODULE).unwrap();
        let types = TypeIndex::of(&module);
        let contact = Shape::Type(syn::parse_quote!(::std::option::Option<Contact>));
        let first = types.member(&contact, "firstName");
        assert_eq!(types.display(&first), "Option<Sensitive<ContactFirstName>>");
        assert!(matches!(
            types.member(&contact, "first_name"),
            Shape::Unknown
        ));
    }

    #[test]
    fn rules_cover_what_the_rustdoc_line_leaves_to_the_type() {
        let schema = serde_json::json!({
            "type": "string", "nullable": true, "enum": ["A", "B"], "maxLength": 3,
            "description": "ignored", "propertyNames": {"maxLength": 2}
        });
        let words = rules_in_words(schema.as_object().unwrap());
        assert_eq!(
            words,
            [
                "string or null",
                "one of \"A\", \"B\"",
                "at most 3 characters",
                "`propertyNames` {\"maxLength\":2}",
            ]
        );
    }
}
