//! Placement: which object each field belongs to, and its name.

use super::checked_in::{facts, keyword, matches, object_of, properties, same_text, By, MAX_DEPTH};
use super::lines::Params;
use super::reader::{Entry, Field, Order, ScopeKind};
use super::stated::value_schema;
use crate::capture::{excerpt, CaptureError};
use crate::error::pointer_push;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

// ---------------------------------------------------------------------------------------------
// Placement: which object each field belongs to, and its name

/// A field placed in its scope's tree; node 0 is the scope itself.
#[derive(Debug)]
pub(super) struct Node {
    pub(super) field: Option<usize>,
    pub(super) name: String,
    pub(super) children: Vec<usize>,
    /// Unnamed fields that are this container's own description or qualifier.
    pub(super) own: Vec<usize>,
    /// The page shows no name for it.
    pub(super) unnamed: bool,
}

/// An object later fields may still belong to.
struct Open<'b> {
    node: usize,
    path: String,
    /// The checked-in object at this place, and the property that holds it.
    base: Option<&'b Value>,
    holder: Option<&'b Value>,
    /// The page's sample at this place.
    sample: Option<&'b Value>,
    /// The line of the `Array [` that wraps this array's items.
    bracket: Option<usize>,
    placed: BTreeSet<String>,
    /// The checked-in property placed last, by its index.
    last_index: Option<usize>,
    children: usize,
    /// Placeholder names below this one are taken.
    unnamed: usize,
    line: usize,
}

/// What placement knows of a scope besides its fields.
pub(super) struct Context<'b> {
    pub(super) kind: ScopeKind,
    pub(super) doc: Option<&'b Value>,
    /// The checked-in object of the scope, and the schema that holds its own description.
    pub(super) base: Option<&'b Value>,
    pub(super) holder: Option<&'b Value>,
    pub(super) sample: Option<&'b Value>,
    /// The path's `{placeholders}`, which name unnamed path parameters.
    pub(super) placeholders: Vec<String>,
    pub(super) order: Order,
}

impl Context<'_> {
    /// How notes name a place of the scope.
    pub(super) fn show(&self, path: &str) -> String {
        let path = if path.is_empty() { "/" } else { path };
        match &self.kind {
            ScopeKind::Body => format!("`{path}`"),
            ScopeKind::Response(code) => format!("`{path}` of response `{code}`"),
            ScopeKind::Params(params) => format!(
                "`{}` of the {} parameters",
                path.trim_start_matches('/'),
                params.key().trim_end_matches("Parameters")
            ),
        }
    }

    pub(super) fn label(&self) -> String {
        match &self.kind {
            ScopeKind::Body => "the body".to_owned(),
            ScopeKind::Response(code) => format!("response `{code}`"),
            ScopeKind::Params(params) => format!(
                "the {} parameters",
                params.key().trim_end_matches("Parameters")
            ),
        }
    }
}

pub(super) fn join(parent: &str, name: &str) -> String {
    pointer_push(parent, name)
}

/// The tree of one scope.
pub(super) struct Placed {
    /// The scope's fields, with the parts of those the checked-in schema showed to be two.
    pub(super) fields: Vec<Field>,
    pub(super) values: Vec<Map<String, Value>>,
    pub(super) nodes: Vec<Node>,
    pub(super) root_array: bool,
    pub(super) notes: Vec<String>,
    pub(super) unreadable: Vec<CaptureError>,
    pub(super) unmatched: Vec<CaptureError>,
}

struct Placer<'a, 'b> {
    ctx: &'a Context<'b>,
    fields: Vec<Field>,
    values: Vec<Map<String, Value>>,
    entries: &'a [Entry],
    nodes: Vec<Node>,
    stack: Vec<Open<'b>>,
    root_array: bool,
    previous: Option<String>,
    notes: Vec<String>,
    unreadable: Vec<CaptureError>,
    /// Unnamed fields that no field of the checked-in schema matches exactly.
    unmatched: Vec<CaptureError>,
    /// Containers whose fields only position placed: `(line, path, count)`.
    by_position: BTreeMap<usize, (usize, String, usize)>,
}

pub(super) fn place(
    ctx: &Context<'_>,
    fields: Vec<Field>,
    values: Vec<Map<String, Value>>,
    entries: &[Entry],
) -> Placed {
    let mut placer = Placer {
        ctx,
        fields,
        values,
        entries,
        nodes: vec![Node {
            field: None,
            name: String::new(),
            children: Vec::new(),
            own: Vec::new(),
            unnamed: false,
        }],
        stack: vec![Open {
            node: 0,
            path: String::new(),
            base: ctx.base,
            holder: ctx.holder,
            sample: ctx.sample.filter(|s| s.is_object()),
            bracket: None,
            placed: BTreeSet::new(),
            last_index: None,
            children: 0,
            unnamed: 1,
            line: 0,
        }],
        root_array: false,
        previous: None,
        notes: Vec::new(),
        unreadable: Vec::new(),
        unmatched: Vec::new(),
        by_position: BTreeMap::new(),
    };
    if let Some(Value::Array(items)) = ctx.sample {
        placer.stack[0].sample = items.first().filter(|s| s.is_object());
    }
    for (e, entry) in entries.iter().enumerate() {
        match *entry {
            Entry::Open(line) => placer.open_array(line),
            Entry::Close(line) => placer.close_array(line),
            Entry::Field(f) => placer.place(f, e),
        }
    }
    placer.finish()
}

impl<'b> Placer<'_, 'b> {
    /// The innermost `Array [`: fields never leave it before its `]`.
    fn floor(&self) -> usize {
        self.stack
            .iter()
            .rposition(|o| o.bracket.is_some())
            .unwrap_or(0)
    }

    fn is_unbracketed_array(&self, level: usize) -> bool {
        let open = &self.stack[level];
        open.bracket.is_none()
            && self.nodes[open.node]
                .field
                .is_some_and(|f| self.fields[f].ty.as_ref().is_some_and(|t| t.depth > 0))
    }

    fn open_array(&mut self, line: usize) {
        let top = self.stack.len() - 1;
        if top > 0 && self.is_unbracketed_array(top) {
            self.stack[top].bracket = Some(line);
        } else if top == 0 && self.nodes[0].children.is_empty() && !self.root_array {
            self.root_array = true;
            self.stack[0].bracket = Some(line);
        } else {
            self.unreadable.push(CaptureError::at(
                line,
                "`Array [` follows no array field: expected a field typed `object[]` before it",
            ));
        }
    }

    fn close_array(&mut self, line: usize) {
        match self.stack.iter().rposition(|o| o.bracket.is_some()) {
            Some(0) => {
                self.stack.truncate(1);
                self.stack[0].bracket = None;
            }
            Some(level) => self.stack.truncate(level),
            None => self
                .unreadable
                .push(CaptureError::at(line, "`]` closes no `Array [`")),
        }
    }

    /// Whether the unnamed lines at entry `e` come before the `Array [` of the array they
    /// follow: the plugin prints an array's own qualifier and description there.
    fn before_bracket(&self, e: usize) -> bool {
        for entry in &self.entries[e + 1..] {
            match *entry {
                Entry::Open(_) => return true,
                Entry::Close(_) => return false,
                Entry::Field(f) if self.fields[f].header => return false,
                Entry::Field(_) => {}
            }
        }
        false
    }

    fn own_description(&self, level: usize) -> Option<&'b Value> {
        let holder = self.stack[level].holder?;
        match self.ctx.doc {
            Some(doc) if level > 0 => keyword(doc, holder, "description"),
            _ => holder.get("description"),
        }
    }

    fn place(&mut self, fi: usize, e: usize) {
        let f = self.fields[fi].clone();
        let f = &f;
        if let Some(name) = f.name.clone() {
            return self.place_named(fi, name);
        }
        match self.split(fi) {
            Some(parts) => parts
                .into_iter()
                .for_each(|part| self.place_unnamed(part, e)),
            None => self.place_unnamed(fi, e),
        }
    }

    fn place_unnamed(&mut self, fi: usize, e: usize) {
        let f = self.fields[fi].clone();
        let f = &f;
        let top = self.stack.len() - 1;
        if top > 0 && self.is_unbracketed_array(top) && self.before_bracket(e) {
            return self.absorb(top, fi);
        }
        let own = self.own_description(top);
        if self.stack[top].children == 0
            && !f.is_container()
            && same_text(f.description.as_deref(), own)
        {
            return self.absorb(top, fi);
        }
        if let Some((level, name, index)) = self.exact(fi) {
            return self.attach(level, fi, name, Some(index), true);
        }
        let description_only = f.description.is_some()
            && f.qualifier.is_none()
            && f.default.is_none()
            && f.constant.is_none()
            && !f.is_container();
        if top == 0
            && self.ctx.kind == ScopeKind::Body
            && self.stack[0].children == 0
            && self.nodes[0].own.is_empty()
            && description_only
        {
            self.notes.push(format!(
                "line {}: `{}` after `Body` is read as the body's description, where the plugin prints it: it may be an unnamed field, check it",
                f.line,
                f.quoted()
            ));
            return self.absorb(0, fi);
        }
        if top == 0 && self.ctx.kind == ScopeKind::Params(Params::Path) {
            let unused = self
                .ctx
                .placeholders
                .iter()
                .find(|p| !self.stack[0].placed.contains(*p))
                .cloned();
            if let Some(name) = unused {
                return self.attach(0, fi, name, None, true);
            }
        }
        let (level, beside) = self.position_level(f.is_container());
        let (name, index, how) = match self.adopt(level, fi, e) {
            Some((name, index)) => (name, Some(index), "taken as"),
            None => (self.placeholder(level), None, "named"),
        };
        let path = join(&self.stack[level].path, &name);
        let whence = if how == "named" {
            "here"
        } else {
            "by its place"
        };
        let message = format!(
            "unnamed field {}, described `{}`: check it ({how} {} {whence})",
            self.after(),
            f.quoted(),
            self.ctx.show(&path)
        );
        if self.ctx.doc.is_some() {
            // A re-capture that cannot name a field exactly must not replace the schema.
            self.unmatched
                .push(CaptureError::at(f.line, message.clone()));
        }
        self.notes.push(format!("line {}: {message}", f.line));
        if let Some(other) = beside {
            self.beside(f.line, &path, &other);
        }
        self.attach(level, fi, name, index, true);
    }

    fn after(&self) -> String {
        match &self.previous {
            Some(path) => format!("after {}", self.ctx.show(path)),
            None => format!("at the start of {}", self.ctx.label()),
        }
    }

    fn beside(&mut self, line: usize, path: &str, other: &str) {
        self.notes.push(format!(
            "line {line}: {} placed beside {} by position: the page does not show where {} ends, check it",
            self.ctx.show(path),
            self.ctx.show(other),
            self.ctx.show(other)
        ));
    }

    fn place_named(&mut self, fi: usize, name: String) {
        let f = self.fields[fi].clone();
        let f = &f;
        let (floor, len) = (self.floor(), self.stack.len());
        let has = |value: Option<&Value>| value.and_then(|v| v.get(&name)).is_some();
        let by_base = (floor..len).rev().find(|&l| {
            let open = &self.stack[l];
            !open.placed.contains(&name) && has(open.base.and_then(|b| b.get("properties")))
        });
        let by_sample = by_base.is_none().then(|| {
            (floor..len).rev().find(|&l| {
                let open = &self.stack[l];
                !open.placed.contains(&name) && has(open.sample)
            })
        });
        let by_sample = by_sample.flatten();
        let (level, beside) = match by_base.or(by_sample) {
            Some(level) => (level, None),
            None => self.position_level(f.is_container()),
        };
        let open = &self.stack[level];
        let path = join(&open.path, &name);
        if open.placed.contains(&name) {
            // Two fields of one name are never merged.
            self.unreadable.push(CaptureError::at(
                f.line,
                format!(
                    "field `{}` is listed again in {}: expected a field of another name",
                    excerpt(&name),
                    self.ctx.show(&open.path)
                ),
            ));
            return;
        }
        if self.ctx.doc.is_some() && by_base.is_none() {
            let how = match (by_sample, &self.previous) {
                (Some(_), _) => "placed as in the page's sample".to_owned(),
                (None, Some(previous)) => format!(
                    "placed by position after `{}`",
                    previous.rsplit('/').next().unwrap_or_default()
                ),
                (None, None) => "placed by position".to_owned(),
            };
            self.notes.push(format!(
                "line {}: {} is new: {how}, check it",
                f.line,
                self.ctx.show(&path)
            ));
        } else if self.ctx.doc.is_none() && by_sample.is_none() && level > floor {
            let entry =
                self.by_position
                    .entry(open.node)
                    .or_insert((open.line, open.path.clone(), 0));
            entry.2 += 1;
        }
        if let Some(other) = beside {
            self.beside(f.line, &path, &other);
        }
        let index = self.stack[level]
            .base
            .and_then(|b| properties(b).position(|(n, _)| *n == name));
        self.attach(level, fi, name, index, false);
    }

    /// The first checked-in property, innermost object first, that this unnamed field matches:
    /// by description anywhere before by facts, as a description names one field and a list of
    /// values may recur.
    fn exact(&self, fi: usize) -> Option<(usize, String, usize)> {
        let f = &self.fields[fi];
        let facts = facts(f, &self.values[fi]);
        [By::Description, By::Facts]
            .into_iter()
            .find_map(|by| self.find(f.description.as_deref(), &facts, f.is_container(), by))
    }

    fn find(
        &self,
        description: Option<&str>,
        facts: &Map<String, Value>,
        container: bool,
        by: By,
    ) -> Option<(usize, String, usize)> {
        let doc = self.ctx.doc?;
        (self.floor()..self.stack.len()).rev().find_map(|level| {
            let open = &self.stack[level];
            properties(open.base?)
                .enumerate()
                .filter(|(_, (name, _))| !open.placed.contains(*name))
                .find(|(_, (_, prop))| matches(doc, description, facts, container, prop, by))
                .map(|(index, (name, _))| (level, name.clone(), index))
        })
    }

    /// A qualifier-first page prints `[qualifier of A]` `[description of B]` the same as one
    /// field with both; where the checked-in schema has A with that qualifier and B with that
    /// description, they are two fields.
    fn split(&mut self, fi: usize) -> Option<[usize; 2]> {
        let f = &self.fields[fi];
        if f.description.is_none() || f.qualifier.is_none() || f.is_container() {
            return None;
        }
        let whole = facts(f, &self.values[fi]);
        let (_, by_description, _) =
            self.find(f.description.as_deref(), &whole, false, By::Description)?;
        let (mut described, mut qualified) = (f.clone(), f.clone());
        let order = self.ctx.order;
        described.qualifier = None;
        described.constant = None;
        described.default = None;
        qualified.description = None;
        match order {
            Order::QualifierFirst => qualified.example = None,
            Order::DescriptionFirst => described.example = None,
        }
        let (value, _, _) = value_schema(&qualified);
        let qualified_facts = facts(&qualified, &value);
        match self.find(None, &qualified_facts, false, By::Facts) {
            Some((_, by_facts, _)) if by_facts != by_description => {}
            _ => return None,
        }
        let (first, second) = match order {
            Order::QualifierFirst => (qualified, described),
            Order::DescriptionFirst => (described, qualified),
        };
        Some([first, second].map(|part| {
            let (value, _, _) = value_schema(&part);
            self.fields.push(part);
            self.values.push(value);
            self.fields.len() - 1
        }))
    }

    /// The checked-in property expected next at `level`, for an unnamed field that matches none:
    /// unless the next unnamed field is that property.
    fn adopt(&self, level: usize, fi: usize, e: usize) -> Option<(String, usize)> {
        let doc = self.ctx.doc?;
        let open = &self.stack[level];
        let after = open.last_index.map_or(0, |i| i + 1);
        let (index, (name, prop)) = properties(open.base?)
            .enumerate()
            .skip(after)
            .find(|(_, (name, _))| !open.placed.contains(*name))?;
        if object_of(doc, prop).is_some() != self.fields[fi].is_container() {
            return None;
        }
        let next = self.entries[e + 1..].iter().find_map(|entry| match *entry {
            Entry::Field(f) => Some(f),
            _ => None,
        });
        if let Some(next) = next.filter(|&n| self.fields[n].name.is_none()) {
            let f = &self.fields[next];
            let facts = facts(f, &self.values[next]);
            let container = f.is_container();
            if [By::Description, By::Facts]
                .into_iter()
                .any(|by| matches(doc, f.description.as_deref(), &facts, container, prop, by))
            {
                return None;
            }
        }
        Some((name.clone(), index))
    }

    fn placeholder(&mut self, level: usize) -> String {
        let open = &mut self.stack[level];
        let base = open.base;
        let taken = |name: &str, placed: &BTreeSet<String>| {
            placed.contains(name) || base.and_then(|b| b.get("properties")?.get(name)).is_some()
        };
        let mut k = open.unnamed;
        while taken(&format!("unnamed_{k}"), &open.placed) {
            k += 1;
        }
        open.unnamed = k + 1;
        format!("unnamed_{k}")
    }

    /// Where a field no evidence places goes: the innermost open object, passing over those
    /// the checked-in schema shows complete; an object after another object's fields goes
    /// beside it (`Some(that object)`), as nothing shows where that object ends.
    fn position_level(&self, container: bool) -> (usize, Option<String>) {
        let floor = self.floor();
        let complete = |open: &Open| {
            open.base.is_some_and(|b| {
                let mut names = properties(b).map(|(n, _)| n).peekable();
                names.peek().is_some() && names.all(|n| open.placed.contains(n))
            })
        };
        let mut level = self.stack.len() - 1;
        while level > floor && complete(&self.stack[level]) {
            level -= 1;
        }
        let open = &self.stack[level];
        if container
            && level > floor
            && open.bracket.is_none()
            && open.base.is_none()
            && open.children > 0
        {
            return (level - 1, Some(open.path.clone()));
        }
        (level, None)
    }

    fn absorb(&mut self, level: usize, fi: usize) {
        let node = self.stack[level].node;
        self.nodes[node].own.push(fi);
    }

    fn attach(
        &mut self,
        level: usize,
        fi: usize,
        name: String,
        index: Option<usize>,
        unnamed: bool,
    ) {
        self.stack.truncate(level + 1);
        let f = self.fields[fi].clone();
        let f = &f;
        let node = self.nodes.len();
        self.nodes.push(Node {
            field: Some(fi),
            name: name.clone(),
            children: Vec::new(),
            own: Vec::new(),
            unnamed,
        });
        let parent = &mut self.stack[level];
        let holder = parent.base.and_then(|b| b.get("properties")?.get(&name));
        let sample = parent
            .sample
            .and_then(|s| s.get(&name))
            .and_then(|s| match s {
                Value::Array(items) => items.first(),
                other => Some(other),
            });
        parent.placed.insert(name.clone());
        parent.children += 1;
        if index.is_some() {
            parent.last_index = index;
        }
        let path = join(&parent.path, &name);
        let parent_node = parent.node;
        self.nodes[parent_node].children.push(node);
        self.previous = Some(path.clone());
        if !f.is_container() {
            return;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.notes.push(format!(
                "line {}: {} is nested {MAX_DEPTH} objects deep: its fields are not nested further, check it",
                f.line,
                self.ctx.show(&path)
            ));
            return;
        }
        let base = match (self.ctx.doc, holder) {
            (Some(doc), Some(holder)) => object_of(doc, holder),
            _ => None,
        };
        self.stack.push(Open {
            node,
            path,
            base,
            holder,
            sample: sample.filter(|s| s.is_object()),
            bracket: None,
            placed: BTreeSet::new(),
            last_index: None,
            children: 0,
            unnamed: 1,
            line: f.line,
        });
    }

    fn finish(mut self) -> Placed {
        for open in &self.stack {
            if let Some(line) = open.bracket {
                self.unreadable.push(CaptureError::at(
                    line,
                    format!(
                        "`Array [` of {} is never closed: expected `]`",
                        self.ctx.show(&open.path)
                    ),
                ));
            }
        }
        for (line, path, count) in std::mem::take(&mut self.by_position).into_values() {
            let fields = match count {
                1 => "the field after it is".to_owned(),
                _ => format!("the {count} fields after it are"),
            };
            self.notes.push(format!(
                "line {line}: the page does not show where {} ends: {fields} placed inside it by position, check it",
                self.ctx.show(&path)
            ));
        }
        Placed {
            fields: self.fields,
            values: self.values,
            nodes: self.nodes,
            root_array: self.root_array,
            notes: self.notes,
            unreadable: self.unreadable,
            unmatched: self.unmatched,
        }
    }
}
