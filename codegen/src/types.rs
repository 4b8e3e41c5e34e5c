//! Rust types through typify, fed a lowered copy of the schema that holds only what typify
//! understands. Everything removed here is enforced by the generated validators instead.

use crate::error::{pointer_push, SchemaError};
use crate::typify_checks::StringChecks;
use crate::vocabulary::{format_check, format_role, is_sensitive_format, FormatRole};
use proc_macro2::TokenStream;
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use typify::{TypeSpace, TypeSpaceSettings};

/// Keywords typify understands and turns into types; everything else is left to the validators.
const KEPT_FOR_TYPIFY: &[&str] = &[
    "$ref",
    "additionalProperties",
    "allOf",
    "anyOf",
    "default",
    "description",
    "enum",
    "items",
    "maxLength",
    "minLength",
    "oneOf",
    "pattern",
    "properties",
    "required",
    "title",
    "type",
];

/// Keywords that shape a value in ways typify cannot express: a lowered copy without them would
/// reject valid documents (`additionalProperties` would forbid pattern-named members, `items`
/// would apply to the prefix) or drop their data. Such a subschema is typed as
/// `serde_json::Value`, checked in full by its validator, and listed in the generation summary.
const TYPED_AS_VALUE: &[&str] = &["$dynamicRef", "patternProperties", "prefixItems"];

/// Why a subschema whose keyword `keyword` made it a `serde_json::Value` is one, in words: for
/// its rustdoc and for the generation summary.
pub(crate) fn why_typed_as_value(keyword: &str) -> String {
    match keyword {
        "$id" => "an embedded schema resource".to_owned(),
        "$ref" => "a `$ref` to a location that is not a top-level definition".to_owned(),
        "$dynamicRef" => "a `$dynamicRef`, resolved while validating".to_owned(),
        keyword => format!("typify cannot express `{keyword}`"),
    }
}

/// Why the subschema at `pointer` is typed as `serde_json::Value`, if it is: a keyword of
/// `TYPED_AS_VALUE`, an embedded resource (`$id` below the root: its `$ref`s resolve against
/// it, not against the file), or a `$ref` that is not to a top-level definition (typify names
/// types only after those).
fn typed_as_value_because(pointer: &str, map: &Map<String, Value>) -> Option<&'static str> {
    if let Some(keyword) = TYPED_AS_VALUE.iter().find(|k| map.contains_key(**k)) {
        return Some(keyword);
    }
    if !pointer.is_empty() && map.contains_key("$id") {
        return Some("$id");
    }
    let to_top_level_def = |target: &str| {
        target
            .strip_prefix("#/$defs/")
            .is_some_and(|name| !name.is_empty() && !name.contains('/'))
    };
    match map.get("$ref").map(Value::as_str) {
        Some(Some(target)) if to_top_level_def(target) => None,
        Some(_) => Some("$ref"),
        None => None,
    }
}

/// The keywords a string newtype's constructor checks, whose `x-message` it reports.
const CONSTRUCTOR_KEYWORDS: &[&str] = &[
    "format",
    "isNotOnlyWhitespace",
    "maxLength",
    "minLength",
    "pattern",
];

/// The crate whose runtime holds `Sensitive`; generated code names it by absolute path.
const RUNTIME_CRATE: &str = "generated";

/// Marks a description whose schema is deprecated, so the Rust item gets `#[deprecated]`.
pub(crate) const DEPRECATED_MARKER: &str = "**Deprecated by the provider.**";

/// The generated types and the Rust name of the type for each entry pointer.
pub(crate) struct Types {
    pub tokens: TokenStream,
    pub entry_names: Vec<String>,
    /// Each subschema typed as `serde_json::Value`: its pointer and the keyword that made it so.
    pub typed_as_value: Vec<(String, &'static str)>,
    /// Each property generated as personal data without a mark: its pointer and category.
    pub inferred_sensitive: Vec<(String, &'static str)>,
}

/// Runs typify on the lowered document. `entry_pointers` are `""` (the root) or `/$defs/<name>`.
/// `shared` names the definitions copied from a definitions file of the provider (see
/// `shared_defs`), each with the module that owns its type: typify uses that type.
pub(crate) fn generate_types(
    file: &str,
    document: &Value,
    entry_pointers: &[String],
    shared: &BTreeMap<String, String>,
) -> Result<Types, SchemaError> {
    let directions = Directions::of(document, entry_pointers);
    let entry_pointers: Vec<String> = entry_pointers
        .iter()
        .map(|pointer| directions.response_pointer(pointer))
        .collect();
    run_typify(file, document, &directions, Some(&entry_pointers), shared)
}

/// The types of a definitions file: each definition as requests use it and, unless it is one
/// string value, its received copy for responses.
pub(crate) fn generate_shared_types(
    file: &str,
    document: &Value,
    shared: &BTreeMap<String, String>,
) -> Result<Types, SchemaError> {
    run_typify(file, document, &Directions::both(document), None, shared)
}

/// Lowers `document` and runs typify on it: the root is a type when `entry_pointers` is given
/// (an endpoint), only the definitions otherwise.
fn run_typify(
    file: &str,
    document: &Value,
    directions: &Directions,
    entry_pointers: Option<&[String]>,
    shared: &BTreeMap<String, String>,
) -> Result<Types, SchemaError> {
    let lowering = Lowering {
        file,
        root: document,
        directions,
        typed_as_value: RefCell::new(Vec::new()),
        inferred_sensitive: RefCell::new(Vec::new()),
    };
    let lowered = lowering.lower("", document, Direction::Request)?;
    // What a shared definition holds is reported by its own file.
    let own = |(pointer, _): &(String, &'static str)| {
        !shared
            .keys()
            .any(|name| pointer.starts_with(&format!("{}/", pointer_push("/$defs", name))))
    };
    let mut typed_as_value = lowering.typed_as_value.into_inner();
    typed_as_value.retain(own);
    typed_as_value.sort();
    typed_as_value.dedup();
    let mut inferred_sensitive = lowering.inferred_sensitive.into_inner();
    inferred_sensitive.retain(own);
    inferred_sensitive.sort();
    inferred_sensitive.dedup();
    let Value::Object(mut root) = lowered else {
        return Err(SchemaError::new(
            file,
            "",
            "the root schema must be an object",
        ));
    };
    if entry_pointers.is_some() && !root.get("title").is_some_and(Value::is_string) {
        return Err(SchemaError::new(
            file,
            "/title",
            "the root schema needs a `title`: it names the Rust type",
        ));
    }
    let definitions = root
        .remove("$defs")
        .unwrap_or_else(|| Value::Object(Map::new()));
    let replacements = directions.replacements(shared);
    let typify_error = |err: serde_json::Error| {
        SchemaError::new(
            file,
            "",
            format!("typify cannot read the lowered schema: {err}"),
        )
    };
    let definitions: schemars::Map<String, schemars::schema::Schema> =
        serde_json::from_value(definitions).map_err(typify_error)?;
    let root_schema: Option<schemars::schema::RootSchema> = match entry_pointers {
        Some(_) => Some(serde_json::from_value(Value::Object(root)).map_err(typify_error)?),
        None => None,
    };

    let run = || -> Result<Types, String> {
        let mut settings = TypeSpaceSettings::default();
        settings.with_struct_builder(false);
        settings.with_crate(RUNTIME_CRATE, typify::CrateVers::Any, None);
        for (name, path) in &replacements {
            settings.with_replacement(name, path, std::iter::empty());
        }
        let mut type_space = TypeSpace::new(&settings);
        let mut entry_names = Vec::new();
        match (root_schema, entry_pointers) {
            (Some(mut root_schema), Some(entry_pointers)) => {
                root_schema.definitions = definitions;
                let root_id = type_space
                    .add_root_schema(root_schema)
                    .map_err(|e| e.to_string())?;
                for pointer in entry_pointers {
                    let id = if pointer.is_empty() {
                        root_id.clone().ok_or("typify produced no root type")?
                    } else {
                        let reference = schemars::schema::Schema::new_ref(format!("#{pointer}"));
                        type_space.add_type(&reference).map_err(|e| e.to_string())?
                    };
                    entry_names.push(type_space.get_type(&id).map_err(|e| e.to_string())?.name());
                }
            }
            _ => type_space
                .add_ref_types(definitions)
                .map_err(|e| e.to_string())?,
        }
        Ok(Types {
            tokens: type_space.to_stream(),
            entry_names,
            typed_as_value: typed_as_value.clone(),
            inferred_sensitive: inferred_sensitive.clone(),
        })
    };
    // typify reports some schemas by panicking; the panic becomes one error line below, so the
    // default hook's message and backtrace are kept off the terminal meanwhile.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = catch_unwind(AssertUnwindSafe(run));
    std::panic::set_hook(hook);
    match outcome {
        Ok(Ok(types)) => Ok(types),
        Ok(Err(message)) => Err(SchemaError::new(
            file,
            "",
            format!("typify failed: {message}"),
        )),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(SchemaError::new(
                file,
                "",
                format!("typify panicked: {message}"),
            ))
        }
    }
}

/// Which way a subschema's values travel. Requests keep every rule in their types; a type
/// reached from a response holds what the docs may not list: `Tolerant<T>` around each string
/// with an enum or a limit, and structs open to members the docs do not name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Request,
    Response,
}

/// The prefix of the received copy of a definition that both directions use: `Contact` is the
/// request's, `ReceivedContact` the response's.
const RECEIVED_PREFIX: &str = "Received";

/// The top-level definitions each direction reaches through `$ref`s.
struct Directions {
    /// Definitions lowered as received: reached from a response.
    received: BTreeSet<String>,
    /// Of those, the ones a request reaches too, which get a received copy beside them.
    copied: BTreeSet<String>,
    /// Definitions that are one string value with rules (an enum, a limit): shared by both
    /// directions as they are, since a response wraps them in `Tolerant`.
    leaves: BTreeSet<String>,
}

impl Directions {
    fn of(document: &Value, entry_pointers: &[String]) -> Directions {
        let definitions = document.get("$defs").and_then(Value::as_object);
        let leaves: BTreeSet<String> = definitions
            .into_iter()
            .flatten()
            .filter(|(_, schema)| schema.as_object().is_some_and(is_constrained_string))
            .map(|(name, _)| name.clone())
            .collect();
        let mut requested = BTreeSet::new();
        let mut received = BTreeSet::new();
        for pointer in entry_pointers {
            match pointer.strip_prefix("/$defs/") {
                None => {
                    let mut root = document.clone();
                    if let Value::Object(map) = &mut root {
                        map.remove("$defs");
                    }
                    reach(&root, definitions, &mut requested);
                }
                Some(name) => {
                    if received.insert(name.to_owned()) {
                        if let Some(schema) = definitions.and_then(|d| d.get(name)) {
                            reach(schema, definitions, &mut received);
                        }
                    }
                }
            }
        }
        received.retain(|name| !leaves.contains(name));
        let copied = received.intersection(&requested).cloned().collect();
        Directions {
            received,
            copied,
            leaves,
        }
    }

    /// A definitions file's directions: every definition both ways, one string value shared.
    fn both(document: &Value) -> Directions {
        let definitions = document.get("$defs").and_then(Value::as_object);
        let leaves: BTreeSet<String> = definitions
            .into_iter()
            .flatten()
            .filter(|(_, schema)| schema.as_object().is_some_and(is_constrained_string))
            .map(|(name, _)| name.clone())
            .collect();
        let received: BTreeSet<String> = definitions
            .into_iter()
            .flatten()
            .map(|(name, _)| name.clone())
            .filter(|name| !leaves.contains(name))
            .collect();
        Directions {
            copied: received.clone(),
            received,
            leaves,
        }
    }

    /// The typify replacement of each shared definition (by the name typify gives its copy
    /// here) with the path of its type in its own module: a copy lowered as received is the
    /// shared received type.
    fn replacements(&self, shared: &BTreeMap<String, String>) -> Vec<(String, String)> {
        let mut replacements = Vec::new();
        for (name, module) in shared {
            let path =
                |type_name: &str| format!("super::{}::{type_name}", module.replace('-', "_"));
            let received = format!("{RECEIVED_PREFIX}{name}");
            if self.leaves.contains(name) {
                replacements.push((name.clone(), path(name)));
            } else if self.copied.contains(name) {
                replacements.push((name.clone(), path(name)));
                replacements.push((received.clone(), path(&received)));
            } else if self.received.contains(name) {
                replacements.push((name.clone(), path(&received)));
            } else {
                replacements.push((name.clone(), path(name)));
            }
        }
        replacements
    }

    /// Where typify finds the type of the entry at `pointer`: a response body that requests use
    /// too is its received copy.
    fn response_pointer(&self, pointer: &str) -> String {
        match pointer.strip_prefix("/$defs/") {
            Some(name) if self.copied.contains(name) => {
                format!("/$defs/{RECEIVED_PREFIX}{name}")
            }
            _ => pointer.to_owned(),
        }
    }

    /// A `$ref` as a response's subschema has it: to the received copy where there is one.
    fn received_reference(&self, reference: &Value) -> String {
        let text = reference.as_str().unwrap_or_default();
        match text.strip_prefix("#/$defs/") {
            Some(name) if self.copied.contains(name) => {
                format!("#/$defs/{RECEIVED_PREFIX}{name}")
            }
            _ => text.to_owned(),
        }
    }

    /// The pointer in the file of `pointer`, which may name a received copy.
    fn original(&self, pointer: &str) -> String {
        let copied = pointer
            .strip_prefix("/$defs/")
            .and_then(|rest| rest.strip_prefix(RECEIVED_PREFIX))
            .filter(|rest| {
                let name = rest.split('/').next().unwrap_or_default();
                self.copied.contains(name)
            });
        match copied {
            Some(rest) => format!("/$defs/{rest}"),
            None => pointer.to_owned(),
        }
    }
}

/// Adds to `names` every top-level definition `schema` reaches through `$ref`s, transitively.
fn reach(schema: &Value, definitions: Option<&Map<String, Value>>, names: &mut BTreeSet<String>) {
    let mut stack = vec![schema];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (keyword, child) in map {
                    let target = (keyword == "$ref")
                        .then(|| child.as_str()?.strip_prefix("#/$defs/"))
                        .flatten()
                        .and_then(|rest| rest.split('/').next());
                    match target {
                        Some(name) if names.insert(name.to_owned()) => {
                            stack.extend(definitions.and_then(|d| d.get(name)));
                        }
                        Some(_) => {}
                        None => stack.push(child),
                    }
                }
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
}

/// True for a string whose typify type checks rules (a string enum, a constrained newtype): a
/// value a provider may send outside them.
fn is_constrained_string(schema: &Map<String, Value>) -> bool {
    let string_enum = schema
        .get("enum")
        .and_then(Value::as_array)
        .is_some_and(|values| values.iter().all(Value::is_string));
    let limited = ["minLength", "maxLength", "pattern", "isNotOnlyWhitespace"]
        .iter()
        .any(|keyword| schema.contains_key(*keyword))
        || schema
            .get("format")
            .and_then(Value::as_str)
            .is_some_and(|format| format_check(format).is_some());
    !schema.contains_key("$ref")
        && typed_as_value_because("/", schema).is_none()
        && (string_enum || (is_string(schema) && limited))
}

/// A copy of the schema at `pointer` with only the keywords typify handles correctly.
struct Lowering<'a> {
    file: &'a str,
    root: &'a Value,
    directions: &'a Directions,
    /// Filled as subschemas are lowered to `serde_json::Value` (see `TYPED_AS_VALUE`).
    typed_as_value: RefCell<Vec<(String, &'static str)>>,
    /// Filled as properties are found to hold personal data without a mark (`personal`).
    inferred_sensitive: RefCell<Vec<(String, &'static str)>>,
}

impl Lowering<'_> {
    /// True when the schema is a `$ref` to a definition that is itself `x-sensitive` (and so
    /// already wrapped: wrapping twice would give `Sensitive<Sensitive<T>>`).
    fn refers_to_sensitive(&self, schema: &Map<String, Value>) -> bool {
        schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|pointer| self.root.pointer(pointer))
            .and_then(Value::as_object)
            .is_some_and(|target| {
                target.get("x-sensitive").is_some_and(Value::is_string) || is_secret(target)
            })
    }

    /// The category of personal data the property at `pointer` (`…/properties/<name>`) holds
    /// by its name or format, when the schema does not say (see `personal`).
    fn inferred_sensitive(&self, pointer: &str, map: &Map<String, Value>) -> Option<&'static str> {
        let segments: Vec<&str> = pointer.split('/').skip(1).collect();
        let [holder_path @ .., "properties", name] = segments.as_slice() else {
            return None;
        };
        const APPLICATORS: &[&str] = &[
            "items",
            "oneOf",
            "anyOf",
            "allOf",
            "then",
            "else",
            "if",
            "not",
            "additionalProperties",
            "prefixItems",
            "contains",
            "dependentSchemas",
        ];
        let holder = holder_path
            .iter()
            .rev()
            .find(|s| !s.bytes().all(|b| b.is_ascii_digit()) && !APPLICATORS.contains(s))
            .filter(|s| !matches!(**s, "properties" | "$defs"))
            .copied()
            .or_else(|| self.root.get("title").and_then(Value::as_str))
            .unwrap_or_default();
        let name = name.replace("~1", "/").replace("~0", "~");
        let container = self.is_container(map, 0);
        crate::personal::inferred_category(&name, holder, map, container)
    }

    /// True for an object or array schema (directly, through a `$ref` or in every branch) or
    /// a boolean: what holds personal data is a value such as a string.
    fn is_container(&self, schema: &Map<String, Value>, depth: usize) -> bool {
        const SHAPES: &[&str] = &[
            "properties",
            "items",
            "prefixItems",
            "additionalProperties",
            "patternProperties",
        ];
        let by_type = |t: &Value| matches!(t.as_str(), Some("object" | "array" | "boolean"));
        let typed = match schema.get("type") {
            Some(Value::Array(types)) => {
                types.iter().filter(|t| *t != "null").all(by_type) && !types.is_empty()
            }
            Some(single) => by_type(single),
            None => false,
        };
        if typed || SHAPES.iter().any(|k| schema.contains_key(*k)) {
            return true;
        }
        if depth > 8 {
            return false;
        }
        let target = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|pointer| self.root.pointer(pointer))
            .and_then(Value::as_object);
        if let Some(target) = target {
            return self.is_container(target, depth + 1);
        }
        ["oneOf", "anyOf"].iter().any(|keyword| {
            schema
                .get(*keyword)
                .and_then(Value::as_array)
                .is_some_and(|branches| {
                    !branches.is_empty()
                        && branches.iter().all(|b| {
                            b.as_object()
                                .is_some_and(|b| self.is_container(b, depth + 1))
                        })
                })
        })
    }

    /// Lowers `$defs`: each definition as its direction needs, and beside each one both
    /// directions reach, its received copy.
    fn lower_definitions(&self, at: &str, definitions: &Value) -> Result<Value, SchemaError> {
        let Value::Object(definitions) = definitions else {
            return Ok(definitions.clone());
        };
        let mut lowered = Map::new();
        for (name, schema) in definitions {
            let pointer = pointer_push(at, name);
            let top_level = at == "/$defs";
            let direction = match top_level && self.directions.received.contains(name) {
                true if !self.directions.copied.contains(name) => Direction::Response,
                _ => Direction::Request,
            };
            lowered.insert(name.clone(), self.lower(&pointer, schema, direction)?);
            if top_level && self.directions.copied.contains(name) {
                let copy = format!("{RECEIVED_PREFIX}{name}");
                if definitions.contains_key(&copy) {
                    return Err(SchemaError::new(
                        self.file,
                        &pointer_push(at, &copy),
                        format!("`{copy}` is the name of the received copy of `{name}`, which both a request and a response use; rename this definition"),
                    ));
                }
                let received = self.lower(&pointer, schema, Direction::Response)?;
                lowered.insert(copy, received);
            }
        }
        Ok(Value::Object(lowered))
    }

    /// True when a received value of this subschema may be one its type's rules refuse: a
    /// constrained string inline, or a `$ref` to a definition that is one.
    fn may_drift(&self, schema: &Map<String, Value>) -> bool {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => reference
                .strip_prefix("#/$defs/")
                .is_some_and(|name| self.directions.leaves.contains(name)),
            None => is_constrained_string(schema),
        }
    }

    /// The name typify gives the type of the schema at `pointer`: its definition's name (the
    /// root's title at the top) followed by each property name, `ContactFirstName`.
    fn type_name(&self, pointer: &str) -> String {
        let mut segments = pointer.split('/').skip(1).peekable();
        let mut name = match segments.peek() {
            Some(&"$defs") => {
                segments.next();
                segments.next().unwrap_or_default().to_owned()
            }
            _ => self.root["title"].as_str().unwrap_or_default().to_owned(),
        };
        let mut after_properties = false;
        for segment in segments {
            if after_properties {
                name.push_str(&crate::capture::pascal_case(segment));
            }
            after_properties = segment == "properties";
        }
        name
    }

    /// `pointer` is the subschema's place in the file (a received copy is lowered from its
    /// original's place, so that its leaf types keep their names).
    fn lower(
        &self,
        pointer: &str,
        schema: &Value,
        direction: Direction,
    ) -> Result<Value, SchemaError> {
        let Value::Object(map) = schema else {
            return Ok(schema.clone());
        };
        let mut out = Map::new();
        let as_value = typed_as_value_because(pointer, map);
        if let Some(keyword) = as_value {
            self.typed_as_value
                .borrow_mut()
                .push((pointer.to_owned(), keyword));
        }
        for (keyword, value) in map {
            let at = pointer_push(pointer, keyword);
            if !KEPT_FOR_TYPIFY.contains(&keyword.as_str()) && keyword != "$defs" {
                continue;
            }
            let shapes_the_value = !matches!(keyword.as_str(), "description" | "title" | "$defs");
            if as_value.is_some() && shapes_the_value {
                continue;
            }
            let lowered = match keyword.as_str() {
                "$defs" => self.lower_definitions(&at, value)?,
                "properties" => {
                    let Value::Object(children) = value else {
                        continue;
                    };
                    let cross_field = crate::cross_field::cross_field_rules(map);
                    let mut lowered = Map::new();
                    for (name, child) in children {
                        let mut child = self.lower(&pointer_push(&at, name), child, direction)?;
                        if let (Some(rules), Value::Object(child)) =
                            (cross_field.get(name), &mut child)
                        {
                            let description = child
                                .get("description")
                                .and_then(Value::as_str)
                                .unwrap_or_default();
                            let documented = crate::cross_field::with_rules(description, rules);
                            child.insert("description".to_owned(), Value::String(documented));
                        }
                        lowered.insert(name.clone(), child);
                    }
                    Value::Object(lowered)
                }
                // A received object accepts members its docs do not name (each is a warning).
                "additionalProperties"
                    if direction == Direction::Response && value == &Value::Bool(false) =>
                {
                    continue;
                }
                "items" | "additionalProperties" => self.lower(&at, value, direction)?,
                "$ref" if direction == Direction::Response => {
                    Value::String(self.directions.received_reference(value))
                }
                "allOf" | "anyOf" | "oneOf" => {
                    let Value::Array(branches) = value else {
                        continue;
                    };
                    let mut lowered = Vec::with_capacity(branches.len());
                    for (i, branch) in branches.iter().enumerate() {
                        let at = pointer_push(&at, &i.to_string());
                        lowered.push(self.lower(&at, branch, direction)?);
                    }
                    if keyword == "oneOf" {
                        self.inline_tagged_branches(&mut lowered, direction)?;
                    }
                    // Branches that only constrain (a format, a pattern) give typify no shape
                    // to build; the validators enforce them, and the type is the node's `type`.
                    let shapeless = |branch: &Value| {
                        branch
                            .as_object()
                            .is_some_and(|b| b.keys().all(|k| k == "description"))
                    };
                    if lowered.iter().all(shapeless) {
                        continue;
                    }
                    Value::Array(lowered)
                }
                _ => value.clone(),
            };
            out.insert(keyword.clone(), lowered);
        }
        if let Some(rules) = rules_in_words(map) {
            let description = out
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let documented = format!("{description}\n\n{rules}").trim().to_owned();
            out.insert("description".to_owned(), Value::String(documented));
        }
        if let Some(keyword) = as_value {
            let description = out
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let note = format!(
                "A JSON value ({}); validation checks every rule.",
                why_typed_as_value(keyword)
            );
            let documented = format!("{description}\n\n{note}").trim().to_owned();
            out.insert("description".to_owned(), Value::String(documented));
        } else if is_string(map) {
            let checks = StringChecks {
                pattern: map
                    .get("pattern")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                format: map
                    .get("format")
                    .and_then(Value::as_str)
                    .filter(|f| format_check(f).is_some())
                    .map(str::to_owned),
                not_only_whitespace: map.get("isNotOnlyWhitespace") == Some(&Value::Bool(true)),
                because: map
                    .get("x-message")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .filter(|(keyword, _)| CONSTRUCTOR_KEYWORDS.contains(&keyword.as_str()))
                    .filter(|(keyword, _)| map.contains_key(keyword.as_str()))
                    .filter_map(|(keyword, sentence)| {
                        Some((keyword.clone(), sentence.as_str()?.to_owned()))
                    })
                    .collect(),
            };
            if let Some(pattern) = checks.encode() {
                out.insert("pattern".to_owned(), Value::String(pattern));
            }
        }
        if map.get("nullable") == Some(&Value::Bool(true)) {
            if let Some(Value::String(single)) = out.get("type") {
                let both = Value::Array(vec![
                    Value::String(single.clone()),
                    Value::String("null".to_owned()),
                ]);
                out.insert("type".to_owned(), both);
            }
        }
        if direction == Direction::Response && self.may_drift(map) {
            out = wrap(out, &self.type_name(pointer), "Tolerant");
        }
        let marked = map.get("x-sensitive").is_some_and(Value::is_string);
        let inferred = self.inferred_sensitive(pointer, map);
        if let Some(category) = inferred {
            self.inferred_sensitive
                .borrow_mut()
                .push((pointer.to_owned(), category));
        }
        if (marked || is_secret(map) || inferred.is_some()) && !self.refers_to_sensitive(map) {
            out = wrap(out, &self.type_name(pointer), "Sensitive");
        }
        if map.get("deprecated") == Some(&Value::Bool(true)) {
            let description = out
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let marked = format!("{DEPRECATED_MARKER} {description}")
                .trim_end()
                .to_owned();
            out.insert("description".to_owned(), Value::String(marked));
        }
        Ok(out.into())
    }

    /// typify turns a `oneOf` into a tagged Rust enum only when its branches are inline objects that
    /// share a required single-value property. Inline `$ref` branches when that holds.
    fn inline_tagged_branches(
        &self,
        branches: &mut [Value],
        direction: Direction,
    ) -> Result<(), SchemaError> {
        let mut targets = Vec::with_capacity(branches.len());
        for branch in branches.iter() {
            let Some(pointer) = branch
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
            else {
                return Ok(());
            };
            let Some(target) = self.root.pointer(&self.directions.original(pointer)) else {
                return Ok(());
            };
            targets.push((self.directions.original(pointer), target));
        }
        let tags: Vec<std::collections::BTreeMap<String, String>> = targets
            .iter()
            .map(|(_, t)| constant_required_properties(t))
            .collect();
        let shared_tag = tags
            .first()
            .into_iter()
            .flat_map(|first| first.keys())
            .find(|key| {
                let mut values: Vec<&String> = tags.iter().filter_map(|t| t.get(*key)).collect();
                let count = values.len();
                values.sort();
                values.dedup();
                count == tags.len() && values.len() == count
            });
        if shared_tag.is_none() {
            return Ok(());
        }
        for (branch, (pointer, target)) in branches.iter_mut().zip(targets) {
            let mut inlined = self.lower(&pointer, target, direction)?;
            if let (Value::Object(map), Some(title)) = (&mut inlined, target.get("title")) {
                map.insert("title".to_owned(), title.clone());
            }
            *branch = inlined;
        }
        Ok(())
    }
}

/// Required properties whose schema is a single-value string `enum`.
fn constant_required_properties(schema: &Value) -> std::collections::BTreeMap<String, String> {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let Some(Value::Object(properties)) = schema.get("properties") else {
        return Default::default();
    };
    properties
        .iter()
        .filter(|(name, _)| required.contains(&name.as_str()))
        .filter_map(|(name, property)| {
            match property
                .get("enum")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
            {
                Some([Value::String(single)]) => Some((name.clone(), single.clone())),
                _ => None,
            }
        })
        .collect()
}

/// The rules a schema states about its own value, as one rustdoc line:
/// `Rules: 1 to 40 characters; format email.` `None` when it states none.
pub(crate) fn rules_in_words(schema: &Map<String, Value>) -> Option<String> {
    let number = |key: &str| schema.get(key).and_then(Value::as_u64);
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut rules = Vec::new();
    match (number("minLength"), number("maxLength")) {
        (Some(min), Some(max)) if min == max => {
            rules.push(format!("exactly {}", plural(min, "character")))
        }
        (Some(min), Some(max)) => rules.push(format!("{min} to {}", plural(max, "character"))),
        (Some(min), None) if min > 0 => {
            rules.push(format!("at least {}", plural(min, "character")))
        }
        (None, Some(max)) => rules.push(format!("at most {}", plural(max, "character"))),
        _ => {}
    }
    if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
        rules.push(format!("matches `{pattern}`"));
    }
    let asserted = |format: &&str| {
        matches!(
            format_role(format),
            Some(FormatRole::String(_) | FormatRole::Number(_))
        )
    };
    if let Some(format) = schema
        .get("format")
        .and_then(Value::as_str)
        .filter(asserted)
    {
        rules.push(format!("format {format}"));
    }
    if schema.get("isNotOnlyWhitespace") == Some(&Value::Bool(true)) {
        rules.push("not only white space".to_owned());
    }
    match (number("minItems"), number("maxItems")) {
        (Some(min), Some(max)) => rules.push(format!("{min} to {}", plural(max, "item"))),
        (Some(min), None) if min > 0 => rules.push(format!("at least {}", plural(min, "item"))),
        (None, Some(max)) => rules.push(format!("at most {}", plural(max, "item"))),
        _ => {}
    }
    for (key, words) in [("minimum", "at least"), ("maximum", "at most")] {
        if let Some(bound) = schema.get(key).filter(|v| v.is_number()) {
            rules.push(format!("{words} {bound}"));
        }
    }
    (!rules.is_empty()).then(|| format!("Rules: {}.", rules.join("; ")))
}

/// True for a value whose format says it is a secret (OpenAPI's `password`): its type is
/// `Sensitive<T>`, as an `x-sensitive` value's is, whatever its name.
fn is_secret(schema: &Map<String, Value>) -> bool {
    schema
        .get("format")
        .and_then(Value::as_str)
        .is_some_and(is_sensitive_format)
}

/// True for a schema whose `type` is `string` or a list holding `string`.
fn is_string(schema: &Map<String, Value>) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(types)) => types.iter().any(|t| t == "string"),
        _ => false,
    }
}

/// Wraps a lowered schema in the runtime's generic `wrapper`: `Sensitive<T>` for one marked
/// `x-sensitive` (its `Debug` and `Display` redact), `Tolerant<T>` for a received value that may
/// break its rules. `T` is the type the schema would have had: the referenced type for a `$ref`
/// (`Sensitive<RequiredText50>`), a constrained newtype or enum named `name` for an inline one
/// (`Sensitive<ContactFirstName>`; a request's type of the same name is the same type), the
/// wrapped type for one already wrapped (`Sensitive<Tolerant<T>>`), the plain type otherwise. A
/// nullable value stays an `Option` around it.
fn wrap(mut lowered: Map<String, Value>, name: &str, wrapper: &str) -> Map<String, Value> {
    let description = lowered.remove("description");
    let nullable = match lowered.get_mut("type") {
        Some(Value::Array(types)) if types.iter().any(|t| t == "null") => {
            types.retain(|t| t != "null");
            if let [single] = types.as_slice() {
                let single = single.clone();
                lowered.insert("type".to_owned(), single);
            }
            true
        }
        _ => false,
    };
    let constrained = lowered.keys().any(|k| k != "type");
    let string_enum = lowered.contains_key("enum");
    let inner = match (lowered.get("$ref"), lowered.get("type")) {
        _ if is_wrapped(&lowered) => Value::Object(lowered),
        (Some(reference), _) => serde_json::json!({ "$ref": reference }),
        (None, None) if string_enum => {
            lowered.insert("title".to_owned(), Value::String(name.to_owned()));
            Value::Object(lowered)
        }
        (None, Some(Value::String(single))) if single == "string" && constrained => {
            // typify names an inline type by its title.
            lowered.insert("title".to_owned(), Value::String(name.to_owned()));
            Value::Object(lowered)
        }
        (None, Some(single)) => serde_json::json!({ "type": single }),
        (None, None) => serde_json::json!({}),
    };
    let wrapped = serde_json::json!({
        "x-rust-type": {
            "crate": RUNTIME_CRATE,
            "version": "*",
            "path": format!("{RUNTIME_CRATE}::runtime::{wrapper}"),
            "parameters": [inner],
        }
    });
    let mut out = if nullable {
        serde_json::json!({ "anyOf": [wrapped, { "type": "null" }] })
            .as_object()
            .cloned()
            .unwrap_or_default()
    } else {
        wrapped.as_object().cloned().unwrap_or_default()
    };
    if let Some(description) = description {
        out.insert("description".to_owned(), description);
    }
    out
}

/// True for a lowered schema already wrapped in a runtime type, nullable (`anyOf` with `null`)
/// or not.
fn is_wrapped(lowered: &Map<String, Value>) -> bool {
    let wrapped = |schema: &Value| schema.get("x-rust-type").is_some();
    match lowered.get("anyOf").and_then(Value::as_array) {
        Some(branches) => branches.first().is_some_and(wrapped),
        None => lowered.contains_key("x-rust-type"),
    }
}
