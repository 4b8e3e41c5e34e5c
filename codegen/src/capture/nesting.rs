//! Where each field of a flat field list belongs, for pages that lost the indentation that showed
//! nesting. Evidence, strongest first:
//! 1. the checked-in schema: a field it already has keeps its place by name and parent;
//! 2. the page's own sample request;
//! 3. position: after an `object` or `array` field, the next fields are its children until a
//!    field's name shows that an enclosing object continues.
//!
//! A field never joins an object that already has a field of that name, so two different fields
//! are never merged. Every placement a reviewer must check becomes a note.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// A field as the page lists it, in page order.
pub(crate) struct FlatField<'a> {
    /// 1-based line of the field's name.
    pub line: usize,
    pub name: &'a str,
    /// Typed `object` or `array` on the page, so it may have children.
    pub container: bool,
}

/// Known object shapes: each path (`""` for the body, `addresses/name`) with its child names.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    nodes: BTreeMap<String, BTreeSet<String>>,
}

/// How far `$ref` chains and nesting are followed, and how deep fields may nest.
const MAX_DEPTH: usize = 64;
/// How many object shapes a tree holds at most (a schema whose `$ref`s fan out stops there).
const MAX_NODES: usize = 100_000;
/// How far ahead a new field looks for a field the checked-in schema knows.
const LOOKAHEAD: usize = 256;

impl Tree {
    /// The properties of a request-body schema, following `$ref`s and array `items`.
    pub fn from_schema(schema: &Value) -> Tree {
        let mut tree = Tree::default();
        tree.read_schema(schema, schema, "", 0);
        tree
    }

    fn read_schema(&mut self, document: &Value, node: &Value, path: &str, depth: usize) {
        self.nodes.entry(path.to_owned()).or_default();
        if depth > MAX_DEPTH || self.nodes.len() > MAX_NODES {
            return;
        }
        let node = resolve(document, node);
        if let Some(Value::Object(properties)) = node.get("properties") {
            for (name, child) in properties {
                let child_path = join(path, name);
                self.nodes
                    .entry(path.to_owned())
                    .or_default()
                    .insert(name.clone());
                self.read_schema(document, child, &child_path, depth + 1);
            }
        }
        if let Some(items) = node.get("items") {
            self.read_schema(document, items, path, depth + 1);
        }
    }

    /// The members of a sample document; an array's elements all describe the same path.
    pub fn from_sample(sample: &Value) -> Tree {
        let mut tree = Tree::default();
        tree.read_sample(sample, "", 0);
        tree
    }

    fn read_sample(&mut self, value: &Value, path: &str, depth: usize) {
        if depth > MAX_DEPTH || self.nodes.len() > MAX_NODES {
            return;
        }
        match value {
            Value::Object(members) => {
                for (name, child) in members {
                    self.nodes
                        .entry(path.to_owned())
                        .or_default()
                        .insert(name.clone());
                    self.nodes.entry(join(path, name)).or_default();
                    self.read_sample(child, &join(path, name), depth + 1);
                }
            }
            Value::Array(items) => items
                .iter()
                .for_each(|item| self.read_sample(item, path, depth + 1)),
            _ => {}
        }
    }

    fn has_child(&self, parent: &str, name: &str) -> bool {
        self.nodes.get(parent).is_some_and(|c| c.contains(name))
    }

    fn has_children(&self, path: &str) -> Option<bool> {
        self.nodes.get(path).map(|c| !c.is_empty())
    }
}

/// Follows a chain of local `$ref`s (at most `MAX_DEPTH` links: a cycle stops there).
pub(crate) fn resolve<'v>(document: &'v Value, mut node: &'v Value) -> &'v Value {
    for _ in 0..MAX_DEPTH {
        let Some(target) = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|pointer| document.pointer(pointer))
        else {
            break;
        };
        node = target;
    }
    node
}

fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}/{name}")
    }
}

/// Where each field went.
pub(crate) struct Placement {
    /// The index of each field's parent field, `None` for the body itself.
    pub parents: Vec<Option<usize>>,
    /// Fields that could not be placed: every open object already has a field of that name.
    pub duplicates: Vec<usize>,
    pub notes: Vec<String>,
}

/// An object that later fields may still belong to.
struct Open {
    field: Option<usize>,
    path: String,
    placed: BTreeSet<String>,
}

/// The level for a field no evidence knows: the innermost open object without a field of that
/// name, except that an object whose known fields have all been seen is passed over, down to the
/// level of the next field the checked-in schema knows.
fn by_position(
    stack: &[Open],
    fields: &[FlatField],
    index: usize,
    baseline: Option<&Tree>,
) -> Option<usize> {
    let name = fields[index].name;
    let next_known = baseline.and_then(|tree| {
        fields[index + 1..].iter().take(LOOKAHEAD).find_map(|next| {
            stack.iter().rposition(|open| {
                !open.placed.contains(next.name) && tree.has_child(&open.path, next.name)
            })
        })
    });
    let floor = next_known.unwrap_or(0);
    let complete = |open: &Open| {
        baseline
            .and_then(|tree| tree.nodes.get(&open.path))
            .is_some_and(|known| !known.is_empty() && known.is_subset(&open.placed))
    };
    (0..stack.len()).rev().find(|&level| {
        let open = &stack[level];
        !open.placed.contains(name) && (level <= floor || !complete(open))
    })
}

/// Places each field under its parent.
pub(crate) fn place(
    fields: &[FlatField],
    baseline: Option<&Tree>,
    sample: Option<&Tree>,
) -> Placement {
    let mut stack = vec![Open {
        field: None,
        path: String::new(),
        placed: BTreeSet::new(),
    }];
    let mut placement = Placement {
        parents: vec![None; fields.len()],
        duplicates: Vec::new(),
        notes: Vec::new(),
    };
    let mut placed_paths = BTreeSet::new();
    for (index, field) in fields.iter().enumerate() {
        let name = field.name;
        let innermost_with = |tree: Option<&Tree>| {
            let tree = tree?;
            stack
                .iter()
                .rposition(|open| !open.placed.contains(name) && tree.has_child(&open.path, name))
        };
        let by_baseline = innermost_with(baseline);
        let by_sample = by_baseline
            .is_none()
            .then(|| innermost_with(sample))
            .flatten();
        let level = match by_baseline.or(by_sample) {
            Some(level) => level,
            None => match by_position(&stack, fields, index, baseline) {
                Some(level) => level,
                None => {
                    placement.duplicates.push(index);
                    continue;
                }
            },
        };
        stack.truncate(level + 1);
        let parent = &mut stack[level];
        parent.placed.insert(name.to_owned());
        placement.parents[index] = parent.field;
        let path = join(&parent.path, name);
        let line = field.line;
        if by_baseline.is_none() {
            let previous = index.checked_sub(1).map(|p| fields[p].name);
            let after = previous.map_or(String::new(), |p| format!(" after `{p}`"));
            match (baseline.is_some(), by_sample.is_some()) {
                (true, true) => placement.notes.push(format!(
                    "line {line}: `/{path}` is new: placed as in the page's sample request, check it"
                )),
                (true, false) => placement.notes.push(format!(
                    "line {line}: `/{path}` is new: placed by position{after}, check it"
                )),
                (false, false) if level > 0 => placement.notes.push(format!(
                    "line {line}: `/{path}` placed by position{after}: the page does not show where `/{}` ends, check it",
                    stack[level].path
                )),
                _ => {}
            }
        }
        let opens = field.container
            && baseline
                .and_then(|t| t.has_children(&path))
                .or_else(|| sample.and_then(|t| t.has_children(&path)))
                .unwrap_or(true);
        placed_paths.insert(path.clone());
        if opens && stack.len() > MAX_DEPTH {
            placement.notes.push(format!(
                "line {line}: `/{path}` is nested {MAX_DEPTH} objects deep: its fields are not nested further, check it"
            ));
        } else if opens {
            stack.push(Open {
                field: Some(index),
                path,
                placed: BTreeSet::new(),
            });
        }
    }
    if let Some(baseline) = baseline {
        for (parent, children) in &baseline.nodes {
            if !parent.is_empty() && !placed_paths.contains(parent) {
                continue;
            }
            for child in children {
                let path = join(parent, child);
                if !placed_paths.contains(&path) {
                    placement.notes.push(format!(
                        "`/{path}` is in the checked-in schema but no longer on the page: removed"
                    ));
                }
            }
        }
    }
    placement
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields<'a>(list: &[(&'a str, bool)]) -> Vec<FlatField<'a>> {
        list.iter()
            .enumerate()
            .map(|(i, (name, container))| FlatField {
                line: i + 1,
                name,
                container: *container,
            })
            .collect()
    }

    const PAGE: &[(&str, bool)] = &[
        ("addresses", true),
        ("type", false),
        ("name", true),
        ("first", false),
        ("street", false),
        ("type", false),
        ("limits", true),
        ("amount", false),
    ];

    #[test]
    fn the_baseline_places_fields_by_name_and_parent() {
        let baseline = Tree::from_schema(&json!({
            "properties": {
                "addresses": {"type": "array", "items": {"$ref": "#/$defs/Address"}},
                "type": {}, "limits": {"properties": {"amount": {}}}
            },
            "$defs": {"Address": {"properties": {"type": {}, "name": {"properties": {"first": {}}}, "street": {}}}}
        }));
        let placed = place(&fields(PAGE), Some(&baseline), None);
        assert_eq!(
            placed.parents,
            [
                None,
                Some(0),
                Some(0),
                Some(2),
                Some(0),
                None,
                None,
                Some(6)
            ]
        );
        assert!(placed.notes.is_empty(), "{:?}", placed.notes);
    }

    #[test]
    fn new_and_removed_fields_are_noted_not_fatal() {
        let baseline = Tree::from_schema(&json!({
            "properties": {"addresses": {"items": {"properties": {"type": {}, "zip": {}}}}, "type": {}}
        }));
        let page = fields(&[
            ("addresses", true),
            ("type", false),
            ("street", false),
            ("type", false),
        ]);
        let placed = place(&page, Some(&baseline), None);
        assert_eq!(placed.parents, [None, Some(0), Some(0), None]);
        assert_eq!(
            placed.notes,
            [
                "line 3: `/addresses/street` is new: placed by position after `type`, check it",
                "`/addresses/zip` is in the checked-in schema but no longer on the page: removed",
            ]
        );
    }

    #[test]
    fn without_a_baseline_the_sample_then_position_decide_and_names_never_merge() {
        let sample = Tree::from_sample(&json!({
            "addresses": [{"type": "A", "name": {"first": "x"}}], "type": "B", "limits": {"amount": 1}
        }));
        let placed = place(&fields(PAGE), None, Some(&sample));
        assert_eq!(
            placed.parents,
            [
                None,
                Some(0),
                Some(0),
                Some(2),
                Some(2),
                None,
                None,
                Some(6)
            ]
        );
        assert_eq!(
            placed.notes,
            ["line 5: `/addresses/name/street` placed by position after `first`: the page does not show where `/addresses/name` ends, check it"]
        );
        let placed = place(&fields(&[("type", false), ("type", false)]), None, None);
        assert_eq!(placed.duplicates, [1]);
    }
}
