//! The validator IR: a flat arena of schema nodes, each at its schema location with a list of checks.
//! `compile` builds it from a JSON document and is where the vocabulary is enforced.

use serde_json::{Number, Value};

pub(crate) type NodeId = usize;

/// A compiled schema document.
#[derive(Debug)]
pub(crate) struct SchemaIr {
    pub nodes: Vec<Node>,
    /// The root pointer of every schema resource (`""` and each `$id`), for `$dynamicRef`.
    pub resource_roots: Vec<String>,
}

/// One (sub)schema, found at `location` (a JSON pointer into its file).
#[derive(Debug)]
pub(crate) struct Node {
    pub location: String,
    pub body: NodeBody,
}

#[derive(Debug)]
pub(crate) enum NodeBody {
    /// A boolean schema: `true` accepts everything, `false` nothing.
    Always(bool),
    Checks(Checks),
}

#[derive(Debug, Default)]
pub(crate) struct Checks {
    /// OpenAPI `nullable: true`: `null` is accepted and no other check applies to it.
    pub nullable: bool,
    pub assertions: Vec<Located>,
}

/// An assertion and the keyword it came from (its location is the node's, then the keyword).
#[derive(Debug)]
pub(crate) struct Located {
    pub keyword: &'static str,
    pub assertion: Assertion,
    /// The rule in the provider's words, from the node's `x-message`.
    pub because: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum JsonType {
    Array,
    Boolean,
    Integer,
    Null,
    Number,
    Object,
    String,
}

impl JsonType {
    pub fn parse(name: &str) -> Option<JsonType> {
        Some(match name {
            "array" => JsonType::Array,
            "boolean" => JsonType::Boolean,
            "integer" => JsonType::Integer,
            "null" => JsonType::Null,
            "number" => JsonType::Number,
            "object" => JsonType::Object,
            "string" => JsonType::String,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            JsonType::Array => "array",
            JsonType::Boolean => "boolean",
            JsonType::Integer => "integer",
            JsonType::Null => "null",
            JsonType::Number => "number",
            JsonType::Object => "object",
            JsonType::String => "string",
        }
    }
}

#[derive(Debug)]
pub(crate) enum Assertion {
    Type(Vec<JsonType>),
    Enum(Vec<Value>),
    Const(Value),
    MinLength(u64),
    MaxLength(u64),
    Pattern(String),
    Format(String),
    NotOnlyWhitespace,
    Minimum(Number),
    Maximum(Number),
    ExclusiveMinimum(Number),
    ExclusiveMaximum(Number),
    MultipleOf(Number),
    Required(Vec<String>),
    Properties(Vec<(String, NodeId)>),
    /// Members whose key matches a pattern (an ECMA-262 regex, anywhere in the key).
    PatternProperties(Vec<(String, NodeId)>),
    /// Members named by neither `properties` (`declared`) nor a `patternProperties` pattern.
    AdditionalProperties {
        declared: Vec<String>,
        patterns: Vec<String>,
        schema: NodeId,
    },
    /// Every key, as a string.
    PropertyNames(NodeId),
    /// When a property is present, the whole object must also match its schema.
    DependentSchemas(Vec<(String, NodeId)>),
    /// Members no keyword of this subschema or of its valid in-place subschemas evaluated.
    UnevaluatedProperties(NodeId),
    /// The first items, one schema each.
    PrefixItems(Vec<NodeId>),
    /// Items from index `from` on (`from` is the length of `prefixItems`, 0 without it).
    Items {
        schema: NodeId,
        from: usize,
    },
    /// Items no keyword of this subschema or of its valid in-place subschemas evaluated.
    UnevaluatedItems(NodeId),
    MinItems(u64),
    MaxItems(u64),
    UniqueItems,
    Contains {
        schema: NodeId,
        min: u64,
        max: Option<u64>,
    },
    MinProperties(u64),
    MaxProperties(u64),
    DependentRequired(Vec<(String, Vec<String>)>),
    AllOf(Vec<NodeId>),
    AnyOf(Vec<NodeId>),
    OneOf {
        branches: Vec<NodeId>,
        discriminator: Option<Discriminator>,
    },
    Not(NodeId),
    IfThenElse {
        condition: NodeId,
        then: Option<NodeId>,
        otherwise: Option<NodeId>,
    },
    Ref(NodeId),
    /// A `$dynamicRef` whose initial target is a `$dynamicAnchor`: at run time, the outermost
    /// resource of the dynamic scope among `candidates` (resource root pointer, anchored
    /// subschema) wins, else `initial`.
    DynamicRef {
        initial: NodeId,
        candidates: Vec<(String, NodeId)>,
    },
}

/// A property whose constant value selects exactly one `oneOf` branch.
#[derive(Debug, Clone)]
pub(crate) struct Discriminator {
    pub property: String,
    /// Constant value and the branch it selects, in branch order.
    pub values: Vec<(String, usize)>,
}

impl SchemaIr {
    pub fn checks(&self, id: NodeId) -> Option<&Checks> {
        match &self.nodes[id].body {
            NodeBody::Checks(checks) => Some(checks),
            NodeBody::Always(_) => None,
        }
    }

    /// Follows nodes that are only a `$ref` to the node that does the work.
    pub fn resolve(&self, mut id: NodeId) -> NodeId {
        for _ in 0..self.nodes.len() {
            match self.checks(id).map(|c| c.assertions.as_slice()) {
                Some(
                    [Located {
                        assertion: Assertion::Ref(target),
                        ..
                    }],
                ) => id = *target,
                _ => break,
            }
        }
        id
    }

    /// The node ids reachable from `roots`, in ascending order.
    pub fn reachable(&self, roots: &[NodeId]) -> Vec<NodeId> {
        let mut seen = vec![false; self.nodes.len()];
        let mut stack = roots.to_vec();
        while let Some(id) = stack.pop() {
            if std::mem::replace(&mut seen[id], true) {
                continue;
            }
            if let Some(checks) = self.checks(id) {
                for located in &checks.assertions {
                    stack.extend(located.assertion.children());
                }
            }
        }
        (0..self.nodes.len()).filter(|&id| seen[id]).collect()
    }
}

impl Assertion {
    /// Subschemas this assertion applies.
    pub fn children(&self) -> Vec<NodeId> {
        match self {
            Assertion::Properties(props)
            | Assertion::PatternProperties(props)
            | Assertion::DependentSchemas(props) => props.iter().map(|(_, id)| *id).collect(),
            Assertion::AdditionalProperties { schema, .. }
            | Assertion::PropertyNames(schema)
            | Assertion::UnevaluatedProperties(schema)
            | Assertion::UnevaluatedItems(schema)
            | Assertion::Items { schema, .. }
            | Assertion::Contains { schema, .. }
            | Assertion::Not(schema)
            | Assertion::Ref(schema) => vec![*schema],
            Assertion::AllOf(ids) | Assertion::AnyOf(ids) | Assertion::PrefixItems(ids) => {
                ids.clone()
            }
            Assertion::OneOf { branches, .. } => branches.clone(),
            Assertion::DynamicRef {
                initial,
                candidates,
            } => std::iter::once(*initial)
                .chain(candidates.iter().map(|(_, id)| *id))
                .collect(),
            Assertion::IfThenElse {
                condition,
                then,
                otherwise,
            } => std::iter::once(*condition)
                .chain(*then)
                .chain(*otherwise)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Subschemas applied to the same instance (not to a child value). A cycle of these never ends.
    pub fn same_instance_children(&self) -> Vec<NodeId> {
        match self {
            Assertion::Properties(_)
            | Assertion::PatternProperties(_)
            | Assertion::AdditionalProperties { .. }
            | Assertion::PropertyNames(_)
            | Assertion::UnevaluatedProperties(_)
            | Assertion::UnevaluatedItems(_)
            | Assertion::PrefixItems(_)
            | Assertion::Items { .. }
            | Assertion::Contains { .. } => Vec::new(),
            other => other.children(),
        }
    }
}
