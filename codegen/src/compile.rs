//! Compiles a schema document into the validator IR, checking every keyword against the vocabulary.

use crate::bundle::Bundle;
use crate::error::{pointer_push, SchemaError};
use crate::ir::{
    Assertion, Checks, Discriminator, JsonType, Located, Node, NodeBody, NodeId, SchemaIr,
};
use crate::resources::{Resources, Target};
use crate::vocabulary::{
    closest_format, format_role, keyword_role, FormatRole, ANNOTATION_FORMATS, FORMATS,
    SENSITIVE_CATEGORIES,
};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Compiles the subschemas at `entry_pointers` (and every `$defs` entry, so that all of the file is
/// checked). Returns the IR and the node id of each entry pointer.
pub(crate) fn compile(
    file: &str,
    bundle: &Bundle,
    entry_pointers: &[String],
) -> Result<(SchemaIr, Vec<NodeId>), Vec<SchemaError>> {
    let document = &bundle.document;
    let (resources, identifier_errors) = Resources::collect(file, document, &bundle.aliases);
    // Each file declares its own annotation formats at its root, embedded ones too.
    let mut format_roots = vec![String::new()];
    format_roots.extend(bundle.embedded_roots().map(str::to_owned));
    let mut annotation_formats = BTreeSet::new();
    let mut format_errors = Vec::new();
    for root in &format_roots {
        let (formats, errors) = declared_formats(file, document, root);
        annotation_formats.extend(formats);
        format_errors.extend(errors);
    }
    let mut compiler = Compiler {
        file,
        document,
        resources,
        annotation_formats,
        format_roots,
        nodes: Vec::new(),
        by_pointer: BTreeMap::new(),
        errors: format_errors,
        depth: 0,
    };
    let mut entries = Vec::new();
    for pointer in entry_pointers {
        match document.pointer(pointer) {
            Some(schema) => entries.push(compiler.node(pointer, schema)),
            None => compiler.error(pointer, "no schema at this pointer"),
        }
    }
    compiler.compile_unreferenced_defs("", document);
    compiler.errors.extend(identifier_errors);
    let mut ir = SchemaIr {
        nodes: compiler.nodes,
        resource_roots: compiler.resources.resource_roots(),
    };
    let mut errors = compiler.errors;
    errors.extend(same_instance_cycles(file, &ir));
    if errors.is_empty() {
        find_discriminators(&mut ir);
        Ok((ir, entries))
    } else {
        let mut errors: Vec<SchemaError> = errors
            .into_iter()
            .map(|error| bundle.locate(error))
            .collect();
        errors.sort();
        errors.dedup();
        Err(errors)
    }
}

/// The formats the root's `x-annotation-formats` declares, and what is wrong with the
/// declaration: it must be a list of distinct names that are not formats the generator knows,
/// and only the root may declare.
fn declared_formats(
    file: &str,
    document: &Value,
    root: &str,
) -> (BTreeSet<String>, Vec<SchemaError>) {
    let mut formats = BTreeSet::new();
    let mut errors = Vec::new();
    let at = pointer_push(root, ANNOTATION_FORMATS);
    let mut error = |pointer: &str, message: String| {
        errors.push(SchemaError::new(file, pointer, message));
    };
    match document
        .pointer(root)
        .and_then(|r| r.get(ANNOTATION_FORMATS))
    {
        None => {}
        Some(Value::Array(names)) => {
            for (index, name) in names.iter().enumerate() {
                let here = pointer_push(&at, &index.to_string());
                let message = match name.as_str() {
                    Some(known) if FORMATS.contains(&known) => format!("`{known}` is a format the generator knows (see schemas/VOCABULARY.md); it cannot be declared an annotation"),
                    Some("") => "an annotation format needs a name".to_owned(),
                    Some(name) if !formats.insert(name.to_owned()) => {
                        format!("`{name}` is declared twice")
                    }
                    Some(_) => continue,
                    None => format!("`{ANNOTATION_FORMATS}` lists format names (strings)"),
                };
                error(&here, message);
            }
        }
        Some(_) => error(
            &at,
            format!("`{ANNOTATION_FORMATS}` must be a list of format names, such as [\"decimal\"]"),
        ),
    }
    (formats, errors)
}

/// Why `format` is refused: not a known format and not declared, with the known one it most
/// likely misspells.
fn unknown_format(format: &str) -> String {
    let declare = format!(
        "a format of your own is declared as an annotation in the root's `{ANNOTATION_FORMATS}`"
    );
    match closest_format(format) {
        Some(known) => format!("unknown format `{format}`; did you mean `{known}`? ({declare})"),
        None => format!("unknown format `{format}`: the generator asserts the formats of schemas/VOCABULARY.md, and {declare}"),
    }
}

struct Compiler<'a> {
    file: &'a str,
    document: &'a Value,
    /// The document's `$id`s and `$anchor`s, for resolving `$ref`.
    resources: Resources,
    /// The root of the file and of each embedded document: where `x-annotation-formats` is read.
    format_roots: Vec<String>,
    /// The formats the root declares as annotations (`x-annotation-formats`).
    annotation_formats: BTreeSet<String>,
    nodes: Vec<Node>,
    by_pointer: BTreeMap<String, NodeId>,
    errors: Vec<SchemaError>,
    /// How many subschemas are being compiled inside one another right now.
    depth: usize,
}

/// Deeper nesting of subschemas (through `properties`, `items`, combinators or a chain of
/// `$ref`s) than this is refused: the generated types would overflow the Rust compiler's trait
/// solver long before a real document needed it, and compiling it would recurse as deep.
pub(crate) const MAX_SCHEMA_DEPTH: usize = 32;

/// More values than this make generated code that is slow to compile and almost surely a mistake.
const MAX_ENUM_VALUES: usize = 10_000;

/// The only dialect the generator compiles.
const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// Keywords that are read together with another one, so they produce no assertion of their own.
const READ_WITH_OTHERS: &[&str] = &["then", "else", "minContains", "maxContains", "nullable"];

impl<'a> Compiler<'a> {
    fn error(&mut self, pointer: &str, message: impl Into<String>) {
        self.errors
            .push(SchemaError::new(self.file, pointer, message));
    }

    /// Compiles the schema at `pointer` once; later calls return the same id.
    fn node(&mut self, pointer: &str, schema: &'a Value) -> NodeId {
        if let Some(&id) = self.by_pointer.get(pointer) {
            return id;
        }
        let id = self.nodes.len();
        self.nodes.push(Node {
            location: pointer.to_owned(),
            body: NodeBody::Always(true),
        });
        self.by_pointer.insert(pointer.to_owned(), id);
        if self.depth >= MAX_SCHEMA_DEPTH {
            self.error(pointer, format!("subschemas nest deeper than {MAX_SCHEMA_DEPTH} levels here (through properties, items, combinators or `$ref` chains); flatten the schema"));
            return id;
        }
        self.depth += 1;
        let body = match schema {
            Value::Bool(b) => NodeBody::Always(*b),
            Value::Object(map) => NodeBody::Checks(self.checks(pointer, map)),
            _ => {
                self.error(pointer, "a schema must be an object or a boolean");
                NodeBody::Always(true)
            }
        };
        self.depth -= 1;
        self.nodes[id].body = body;
        id
    }

    fn compile_unreferenced_defs(&mut self, pointer: &str, schema: &'a Value) {
        let Some(Value::Object(defs)) = schema.get("$defs") else {
            return;
        };
        let defs_pointer = pointer_push(pointer, "$defs");
        for (name, def) in defs {
            let def_pointer = pointer_push(&defs_pointer, name);
            self.node(&def_pointer, def);
            self.compile_unreferenced_defs(&def_pointer, def);
        }
    }

    fn checks(&mut self, pointer: &str, map: &'a Map<String, Value>) -> Checks {
        let mut checks = Checks {
            nullable: self.flag(pointer, map, "nullable"),
            assertions: Vec::new(),
        };
        for (keyword, value) in map {
            let at = pointer_push(pointer, keyword);
            let Some(role) = keyword_role(keyword) else {
                self.error(&at, format!("keyword `{keyword}` is not in the declared vocabulary (see schemas/VOCABULARY.md)"));
                continue;
            };
            if role == crate::vocabulary::KeywordRole::Identifier {
                continue; // read, and checked, by `Resources::collect`
            }
            if READ_WITH_OTHERS.contains(&keyword.as_str())
                || role == crate::vocabulary::KeywordRole::Annotation
            {
                self.check_annotation(&at, keyword, value);
                continue;
            }
            if keyword == "$defs" {
                if !value.is_object() {
                    self.error(&at, "`$defs` must be an object");
                }
                continue;
            }
            // Only table keywords reach this point: `x-` keys are annotations.
            let Some((keyword, _)) = crate::vocabulary::standard_keyword(keyword) else {
                continue;
            };
            if let Some(assertion) = self.assertion(pointer, &at, keyword, value, map) {
                checks.assertions.push(Located {
                    keyword,
                    assertion,
                    because: None,
                });
            }
        }
        self.attach_messages(pointer, map, &mut checks);
        checks
    }

    /// `x-message: { "<keyword>": "<the rule in the provider's words>" }` words the errors of
    /// that keyword. Each key must name a keyword this schema asserts (`minContains` and
    /// `maxContains` word their `contains`).
    fn attach_messages(&mut self, pointer: &str, map: &Map<String, Value>, checks: &mut Checks) {
        let Some(Value::Object(messages)) = map.get("x-message") else {
            return;
        };
        for (keyword, sentence) in messages {
            let at = pointer_push(&pointer_push(pointer, "x-message"), keyword);
            let asserted = match keyword.as_str() {
                "minContains" | "maxContains" => "contains",
                other => other,
            };
            let target = checks
                .assertions
                .iter_mut()
                .find(|located| located.keyword == asserted);
            match (target, sentence.as_str()) {
                (Some(located), Some(sentence)) => located.because = Some(sentence.to_owned()),
                (None, _) => self.error(
                    &at,
                    format!("`x-message` words `{keyword}`, which this schema does not assert"),
                ),
                (_, None) => self.error(&at, "`x-message` values must be sentences (strings)"),
            }
        }
    }

    fn flag(&mut self, pointer: &str, map: &Map<String, Value>, keyword: &str) -> bool {
        match map.get(keyword) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.error(
                    &pointer_push(pointer, keyword),
                    format!("`{keyword}` must be a boolean"),
                );
                false
            }
        }
    }

    fn check_annotation(&mut self, at: &str, keyword: &str, value: &Value) {
        let ok = match keyword {
            "$schema" => {
                let draft = value.as_str().map(|uri| uri.trim_end_matches('#'));
                if draft != Some(DRAFT_2020_12) {
                    self.error(at, format!("`$schema` must be `{DRAFT_2020_12}`: the generator compiles that dialect only, and never fetches a custom meta-schema"));
                }
                true
            }
            "title" | "description" | "$comment" | "contentEncoding" | "contentMediaType" => {
                value.is_string()
            }
            "contentSchema" => value.is_object() || value.is_boolean(),
            "$vocabulary" => value.is_object(),
            "deprecated" | "readOnly" | "writeOnly" | "nullable" => value.is_boolean(),
            "x-sensitive" => {
                // `false` opts a value out of the personal data its name would signal.
                let category = value.as_str();
                if value != &Value::Bool(false)
                    && !category.is_some_and(|c| SENSITIVE_CATEGORIES.contains(&c))
                {
                    self.error(
                        at,
                        format!(
                            "`x-sensitive` must name a category of personal data (one of {}) or be `false`",
                            SENSITIVE_CATEGORIES.join(", ")
                        ),
                    );
                }
                true
            }
            "examples" => value.is_array(),
            "x-message" => value.is_object(),
            // Read, and checked, by `annotation_formats`; only the document's root declares.
            ANNOTATION_FORMATS => {
                let declared_at_a_root = self
                    .format_roots
                    .iter()
                    .any(|root| at == pointer_push(root, ANNOTATION_FORMATS));
                if !declared_at_a_root {
                    self.error(at, format!("`{ANNOTATION_FORMATS}` is read at the root of the file only: declare every format of the file there"));
                }
                true
            }
            "minContains" | "maxContains" => value.as_u64().is_some() || is_whole(value),
            _ => true,
        };
        if !ok {
            self.error(at, format!("`{keyword}` has a value of the wrong type"));
        }
    }

    fn assertion(
        &mut self,
        pointer: &str,
        at: &str,
        keyword: &str,
        value: &'a Value,
        map: &'a Map<String, Value>,
    ) -> Option<Assertion> {
        Some(match keyword {
            "type" => Assertion::Type(self.types(at, value)?),
            "enum" => match value {
                Value::Array(values) if values.len() > MAX_ENUM_VALUES => {
                    return self.fail(
                        at,
                        format!(
                            "`enum` has {} values; the limit is {MAX_ENUM_VALUES}",
                            values.len()
                        ),
                    )
                }
                // An empty list is allowed (2020-12 sets no minimum) and accepts nothing.
                Value::Array(values) => Assertion::Enum(values.clone()),
                _ => return self.fail(at, "`enum` must be an array"),
            },
            "const" => Assertion::Const(value.clone()),
            "minLength" => Assertion::MinLength(self.count(at, value)?),
            "maxLength" => Assertion::MaxLength(self.count(at, value)?),
            "minItems" => Assertion::MinItems(self.count(at, value)?),
            "maxItems" => Assertion::MaxItems(self.count(at, value)?),
            "minProperties" => Assertion::MinProperties(self.count(at, value)?),
            "maxProperties" => Assertion::MaxProperties(self.count(at, value)?),
            "pattern" => {
                let Some(source) = value.as_str() else {
                    return self.fail(at, "`pattern` must be a string");
                };
                self.check_pattern(at, source)?;
                Assertion::Pattern(source.to_owned())
            }
            "format" => {
                let Some(name) = value.as_str() else {
                    return self.fail(at, "`format` must be a string");
                };
                match format_role(name) {
                    Some(FormatRole::String(_) | FormatRole::Number(_)) => {
                        Assertion::Format(name.to_owned())
                    }
                    Some(FormatRole::Annotation) => return None,
                    None if self.annotation_formats.contains(name) => return None,
                    None => return self.fail(at, unknown_format(name)),
                }
            }
            "isNotOnlyWhitespace" => match value {
                Value::Bool(true) => Assertion::NotOnlyWhitespace,
                Value::Bool(false) => return None,
                _ => return self.fail(at, "`isNotOnlyWhitespace` must be a boolean"),
            },
            "minimum" => Assertion::Minimum(self.number(at, value)?),
            "maximum" => Assertion::Maximum(self.number(at, value)?),
            "exclusiveMinimum" => Assertion::ExclusiveMinimum(self.number(at, value)?),
            "exclusiveMaximum" => Assertion::ExclusiveMaximum(self.number(at, value)?),
            "multipleOf" => {
                let number = self.number(at, value)?;
                if number.as_f64().is_none_or(|n| n <= 0.0) {
                    return self.fail(at, "`multipleOf` must be greater than 0");
                }
                Assertion::MultipleOf(number)
            }
            "required" => Assertion::Required(self.unique_strings(at, value)?),
            "properties" => {
                let Value::Object(props) = value else {
                    return self.fail(at, "`properties` must be an object");
                };
                let props = props
                    .iter()
                    .map(|(name, schema)| {
                        (name.clone(), self.node(&pointer_push(at, name), schema))
                    })
                    .collect();
                Assertion::Properties(props)
            }
            "patternProperties" => {
                let Value::Object(props) = value else {
                    return self.fail(at, "`patternProperties` must be an object");
                };
                let mut table = Vec::new();
                for (source, schema) in props {
                    let entry = pointer_push(at, source);
                    self.check_pattern(&entry, source)?;
                    table.push((source.clone(), self.node(&entry, schema)));
                }
                Assertion::PatternProperties(table)
            }
            "additionalProperties" => {
                let keys = |keyword: &str| match map.get(keyword) {
                    Some(Value::Object(props)) => props.keys().cloned().collect(),
                    _ => Vec::new(),
                };
                Assertion::AdditionalProperties {
                    declared: keys("properties"),
                    patterns: keys("patternProperties"),
                    schema: self.node(at, value),
                }
            }
            "propertyNames" => Assertion::PropertyNames(self.node(at, value)),
            "unevaluatedProperties" => Assertion::UnevaluatedProperties(self.node(at, value)),
            "unevaluatedItems" => Assertion::UnevaluatedItems(self.node(at, value)),
            "dependentSchemas" => {
                let Value::Object(deps) = value else {
                    return self.fail(at, "`dependentSchemas` must be an object");
                };
                let table = deps
                    .iter()
                    .map(|(name, schema)| {
                        (name.clone(), self.node(&pointer_push(at, name), schema))
                    })
                    .collect();
                Assertion::DependentSchemas(table)
            }
            "prefixItems" => Assertion::PrefixItems(self.schema_list(at, value)?),
            "items" => Assertion::Items {
                schema: self.node(at, value),
                from: match map.get("prefixItems") {
                    Some(Value::Array(prefix)) => prefix.len(),
                    _ => 0,
                },
            },
            "uniqueItems" => match value {
                Value::Bool(true) => Assertion::UniqueItems,
                Value::Bool(false) => return None,
                _ => return self.fail(at, "`uniqueItems` must be a boolean"),
            },
            "contains" => {
                let min = match map.get("minContains") {
                    Some(v) => self.count(&pointer_push(pointer, "minContains"), v)?,
                    None => 1,
                };
                let max = match map.get("maxContains") {
                    Some(v) => Some(self.count(&pointer_push(pointer, "maxContains"), v)?),
                    None => None,
                };
                Assertion::Contains {
                    schema: self.node(at, value),
                    min,
                    max,
                }
            }
            "dependentRequired" => {
                let Value::Object(deps) = value else {
                    return self.fail(at, "`dependentRequired` must be an object");
                };
                let mut pairs = Vec::new();
                for (name, required) in deps {
                    pairs.push((
                        name.clone(),
                        self.unique_strings(&pointer_push(at, name), required)?,
                    ));
                }
                Assertion::DependentRequired(pairs)
            }
            "allOf" => Assertion::AllOf(self.schema_list(at, value)?),
            "anyOf" => Assertion::AnyOf(self.schema_list(at, value)?),
            "oneOf" => Assertion::OneOf {
                branches: self.schema_list(at, value)?,
                discriminator: None,
            },
            "not" => Assertion::Not(self.node(at, value)),
            "if" => {
                let mut optional = |name: &str| {
                    map.get(name)
                        .map(|s| self.node(&pointer_push(pointer, name), s))
                };
                let then = optional("then");
                let otherwise = optional("else");
                Assertion::IfThenElse {
                    condition: self.node(at, value),
                    then,
                    otherwise,
                }
            }
            "$ref" => Assertion::Ref(self.reference(at, value)?),
            "$dynamicRef" => {
                let dynamic = value
                    .as_str()
                    .and_then(|reference| self.resources.resolve_dynamic(pointer, reference));
                match dynamic {
                    Some(target) => {
                        let mut node_at = |target_pointer: &str| {
                            let schema = self.document.pointer(target_pointer)?;
                            Some(self.node(target_pointer, schema))
                        };
                        let initial = node_at(&target.initial)?;
                        let mut candidates = Vec::new();
                        for (root, anchored) in &target.candidates {
                            candidates.push((root.clone(), node_at(anchored)?));
                        }
                        Assertion::DynamicRef {
                            initial,
                            candidates,
                        }
                    }
                    None => Assertion::Ref(self.reference(at, value)?),
                }
            }
            _ => {
                return self.fail(
                    at,
                    format!("keyword `{keyword}` has no compiler (generator bug)"),
                )
            }
        })
    }

    /// A regular expression the runtime can match safely: valid ECMA-262, and no unbounded
    /// repetition of a group that itself repeats or alternates.
    fn check_pattern(&mut self, at: &str, source: &str) -> Option<()> {
        if let Err(err) = regress::Regex::with_flags(source, "u") {
            return self.fail(
                at,
                format!("pattern is not a valid ECMA-262 regular expression: {err}"),
            );
        }
        if crate::patterns::FastPattern::parse(source).is_none()
            && crate::patterns::has_nested_unbounded_quantifier(source)
        {
            return self.fail(at, "pattern repeats without bound a group that itself repeats or has alternatives (like `(a+)+` or `(a|a)*`): a backtracking engine can take exponential time on it; write it without the nested repetition (a class such as `[ab]` for `(a|b)`)");
        }
        Some(())
    }

    fn fail<T>(&mut self, at: &str, message: impl Into<String>) -> Option<T> {
        self.error(at, message);
        None
    }

    fn types(&mut self, at: &str, value: &Value) -> Option<Vec<JsonType>> {
        let names: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            single => vec![single],
        };
        let mut types = BTreeSet::new();
        for name in names {
            match name.as_str().and_then(JsonType::parse) {
                Some(t) => {
                    types.insert(t);
                }
                None => return self.fail(at, format!("unknown type {name}")),
            }
        }
        Some(types.into_iter().collect())
    }

    fn count(&mut self, at: &str, value: &Value) -> Option<u64> {
        match value.as_u64() {
            Some(n) => Some(n),
            None if is_whole(value) => value.as_f64().map(|f| f as u64),
            None => self.fail(at, "must be a non-negative integer"),
        }
    }

    fn number(&mut self, at: &str, value: &Value) -> Option<serde_json::Number> {
        match value {
            Value::Number(n) => Some(n.clone()),
            _ => self.fail(at, "must be a number"),
        }
    }

    fn unique_strings(&mut self, at: &str, value: &Value) -> Option<Vec<String>> {
        let Value::Array(items) = value else {
            return self.fail(at, "must be an array of strings");
        };
        let mut names = Vec::new();
        for item in items {
            match item.as_str() {
                Some(name) if !names.iter().any(|n| n == name) => names.push(name.to_owned()),
                Some(name) => return self.fail(at, format!("`{name}` is listed twice")),
                None => return self.fail(at, "must be an array of strings"),
            }
        }
        Some(names)
    }

    fn schema_list(&mut self, at: &str, value: &'a Value) -> Option<Vec<NodeId>> {
        match value {
            Value::Array(items) if !items.is_empty() => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, schema)| self.node(&pointer_push(at, &i.to_string()), schema))
                    .collect(),
            ),
            _ => self.fail(at, "must be a non-empty array of schemas"),
        }
    }

    /// The subschema a `$ref` (or a `$dynamicRef` that behaves as one) at `at` leads to.
    fn reference(&mut self, at: &str, value: &Value) -> Option<NodeId> {
        let (holder, keyword) = at.rsplit_once('/').unwrap_or(("", at));
        let Some(reference) = value.as_str() else {
            return self.fail(at, format!("`{keyword}` must be a string"));
        };
        let pointer = match self.resources.resolve(holder, reference) {
            Target::Pointer(pointer) => pointer,
            Target::Unresolved(why) => {
                return self.fail(at, format!("`{keyword}` `{reference}` {why}"))
            }
        };
        match self.document.pointer(&pointer) {
            Some(target) => Some(self.node(&pointer, target)),
            None => self.fail(
                at,
                format!("`{keyword}` `{reference}` does not resolve: no schema at `{pointer}`"),
            ),
        }
    }
}

fn is_whole(value: &Value) -> bool {
    value
        .as_f64()
        .is_some_and(|f| f >= 0.0 && f.fract() == 0.0 && f <= u64::MAX as f64)
}

/// `$ref`, `allOf`, `not`… apply a schema to the same value; a cycle of them would never terminate.
fn same_instance_cycles(file: &str, ir: &SchemaIr) -> Vec<SchemaError> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    fn visit(
        ir: &SchemaIr,
        id: NodeId,
        marks: &mut [Mark],
        path: &mut Vec<NodeId>,
    ) -> Option<Vec<NodeId>> {
        match marks[id] {
            Mark::Done => return None,
            Mark::Active => {
                let start = path.iter().position(|&n| n == id).unwrap_or(0);
                return Some(path[start..].to_vec());
            }
            Mark::New => {}
        }
        marks[id] = Mark::Active;
        path.push(id);
        if let Some(checks) = ir.checks(id) {
            for located in &checks.assertions {
                for child in located.assertion.same_instance_children() {
                    if let Some(cycle) = visit(ir, child, marks, path) {
                        return Some(cycle);
                    }
                }
            }
        }
        path.pop();
        marks[id] = Mark::Done;
        None
    }
    let mut marks = vec![Mark::New; ir.nodes.len()];
    let mut errors = Vec::new();
    for id in 0..ir.nodes.len() {
        if let Some(cycle) = visit(ir, id, &mut marks, &mut Vec::new()) {
            let chain: Vec<&str> = cycle
                .iter()
                .map(|&n| ir.nodes[n].location.as_str())
                .collect();
            errors.push(SchemaError::new(
                file,
                &ir.nodes[cycle[0]].location,
                format!(
                    "circular reference that never reaches a value: {} -> (back to start)",
                    chain.join(" -> ")
                ),
            ));
            break; // marks of the interrupted search are stale; one cycle is enough to fix first
        }
    }
    errors
}

/// Marks each `oneOf` whose branches all require one property with a distinct constant string.
fn find_discriminators(ir: &mut SchemaIr) {
    let mut found = Vec::new();
    for (id, node) in ir.nodes.iter().enumerate() {
        let NodeBody::Checks(checks) = &node.body else {
            continue;
        };
        for (index, located) in checks.assertions.iter().enumerate() {
            if let Assertion::OneOf { branches, .. } = &located.assertion {
                if let Some(discriminator) = discriminator_of(ir, branches) {
                    found.push((id, index, discriminator));
                }
            }
        }
    }
    for (id, index, found_discriminator) in found {
        if let NodeBody::Checks(checks) = &mut ir.nodes[id].body {
            if let Assertion::OneOf { discriminator, .. } = &mut checks.assertions[index].assertion
            {
                *discriminator = Some(found_discriminator);
            }
        }
    }
}

fn discriminator_of(ir: &SchemaIr, branches: &[NodeId]) -> Option<Discriminator> {
    let per_branch: Vec<BTreeMap<String, String>> = branches
        .iter()
        .map(|&b| constant_properties(ir, b))
        .collect();
    let first = per_branch.first()?;
    'candidates: for property in first.keys() {
        let mut values = Vec::new();
        for (index, constants) in per_branch.iter().enumerate() {
            let Some(value) = constants.get(property) else {
                continue 'candidates;
            };
            if values.iter().any(|(v, _)| v == value) {
                continue 'candidates;
            }
            values.push((value.clone(), index));
        }
        return Some(Discriminator {
            property: property.clone(),
            values,
        });
    }
    None
}

/// Required properties of an object schema that hold a single constant string.
fn constant_properties(ir: &SchemaIr, branch: NodeId) -> BTreeMap<String, String> {
    let Some(checks) = ir.checks(ir.resolve(branch)) else {
        return BTreeMap::new();
    };
    let required: Vec<&String> = checks
        .assertions
        .iter()
        .filter_map(|l| match &l.assertion {
            Assertion::Required(names) => Some(names.iter()),
            _ => None,
        })
        .flatten()
        .collect();
    let mut constants = BTreeMap::new();
    for located in &checks.assertions {
        let Assertion::Properties(props) = &located.assertion else {
            continue;
        };
        for (name, id) in props {
            if !required.contains(&name) {
                continue;
            }
            let Some(prop_checks) = ir.checks(ir.resolve(*id)) else {
                continue;
            };
            for l in &prop_checks.assertions {
                let constant = match &l.assertion {
                    Assertion::Const(Value::String(s)) => Some(s.clone()),
                    Assertion::Enum(values) if values.len() == 1 => {
                        values[0].as_str().map(str::to_owned)
                    }
                    _ => None,
                };
                if let Some(constant) = constant {
                    constants.insert(name.clone(), constant);
                }
            }
        }
    }
    constants
}
