//! One pass from bytes to a verdict, or to a validated typed value.
//!
//! serde_json reads the bytes once. For a typed result it drives the generated type's
//! `Deserialize` through `Observed`, a deserializer that watches every value go by; for a
//! verdict it drives nothing but the watching. Each value is checked as soon as it is complete,
//! by the generated check of the subschema its position selects (the [`ReadPlan`] tables generated
//! beside the validators): a scalar at once, an object or array by its own rules at its end,
//! its members and items having been checked as they arrived. A subschema that needs a whole
//! value at once (`oneOf` without a discriminator, `contains`, `enum` of objects, …) gets it
//! captured as a tree and checked whole when it ends.
//!
//! The pass only decides. A violation stops it at once (early rejection); anything it cannot
//! decide alone (a limit reached, a discriminator missing, a key serde reads as other than text) stops it
//! as undecided. Error reports, and every undecided document, come from the tree validator,
//! which stays the reference: `tests/single_pass.rs` checks that both agree.

use super::keywords::Check;
use super::node::{same_key, DistinctKeys, Node, Object};
use super::path::InstancePath;
use super::report::{Limits, Report};
use super::schema_path::SchemaPath;
use serde::de::{
    self, value::BorrowedStrDeserializer, DeserializeSeed, Deserializer, IntoDeserializer,
    MapAccess, SeqAccess, Visitor,
};
use std::borrow::Cow;
use std::fmt;

/// How the single pass checks the values of one subschema (a class of identical subschemas).
#[derive(Debug)]
pub struct ReadPlan {
    /// The generated check of the subschema.
    pub check: Check,
    /// The schema file, for the check's schema location.
    pub file: &'static str,
    /// The subschema's JSON pointer in `file`.
    pub pointer: &'static str,
    /// How its members or items are checked.
    pub children: Children,
    /// The subschema also applies subschemas in place (`allOf`, `if`, `contains`, `enum`, …)
    /// that read the whole value: it is kept as a tree while its members or items are checked
    /// as they arrive, and those run on it at its end.
    pub keep: bool,
}

/// Where the values inside a value of a [`ReadPlan`] are checked.
#[derive(Debug)]
pub enum Children {
    /// Nowhere: the subschema accepts every value (`true`, `{}`).
    Unconstrained,
    /// By the subschema's check, on the whole value once it is complete.
    Whole,
    /// Nowhere: the subschema's rules look at the value itself only (its type, its members'
    /// names and number), so its members and items are only read.
    Own,
    /// Each member as it arrives, by the plan of its property, else of `additional` (a member
    /// neither names is unconstrained); the object's own rules at its end.
    Object {
        /// `properties`, by name.
        properties: &'static [(&'static str, &'static ReadPlan)],
        /// `additionalProperties`, when it is a schema other than `false`.
        additional: Option<&'static ReadPlan>,
    },
    /// Each item as it arrives; the array's own rules at its end.
    Array {
        /// `items`.
        items: &'static ReadPlan,
    },
    /// A `oneOf` whose branch the `property` selects: members before it are captured, and
    /// checked by the selected branch (an `Object` plan) once its value is known.
    Discriminated {
        /// The discriminating property.
        property: &'static str,
        /// Each constant value and the branch it selects.
        branches: &'static [(&'static str, &'static ReadPlan)],
    },
}

/// Constructors for the generated tables: `keep` as in [`ReadPlan::keep`].
impl ReadPlan {
    /// A subschema checked on whole values.
    pub const fn whole(check: Check, file: &'static str, pointer: &'static str) -> ReadPlan {
        ReadPlan::new(check, file, pointer, Children::Whole, false)
    }

    /// A subschema whose rules look at the value itself only.
    pub const fn own(check: Check, file: &'static str, pointer: &'static str, keep: bool) -> Self {
        ReadPlan::new(check, file, pointer, Children::Own, keep)
    }

    /// A subschema that checks each member by the plan of its property, else of `additional`.
    pub const fn object(
        check: Check,
        file: &'static str,
        pointer: &'static str,
        keep: bool,
        properties: &'static [(&'static str, &'static ReadPlan)],
        additional: Option<&'static ReadPlan>,
    ) -> ReadPlan {
        let children = Children::Object {
            properties,
            additional,
        };
        ReadPlan::new(check, file, pointer, children, keep)
    }

    /// A subschema that checks each item by `items`.
    pub const fn array(
        check: Check,
        file: &'static str,
        pointer: &'static str,
        keep: bool,
        items: &'static ReadPlan,
    ) -> ReadPlan {
        ReadPlan::new(check, file, pointer, Children::Array { items }, keep)
    }

    /// A `oneOf` whose branch the `property` selects.
    pub const fn discriminated(
        check: Check,
        file: &'static str,
        pointer: &'static str,
        property: &'static str,
        branches: &'static [(&'static str, &'static ReadPlan)],
    ) -> ReadPlan {
        let children = Children::Discriminated { property, branches };
        ReadPlan::new(check, file, pointer, children, false)
    }

    const fn new(
        check: Check,
        file: &'static str,
        pointer: &'static str,
        children: Children,
        keep: bool,
    ) -> ReadPlan {
        ReadPlan {
            check,
            file,
            pointer,
            children,
            keep,
        }
    }
}

/// A subschema that accepts everything: its values are only read.
pub static ANY: ReadPlan = ReadPlan {
    check: accept,
    file: "",
    pointer: "",
    children: Children::Unconstrained,
    keep: false,
};

fn accept(_: &Node<'_>, _: &SchemaPath<'_>, _: &InstancePath<'_>, _: &mut Report) {}

/// What the single pass decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every rule holds.
    Valid,
    /// A rule is broken, or the bytes are not a JSON document.
    Invalid,
    /// The pass cannot tell alone; the tree validator decides.
    Undecided,
}

/// Bytes to verdict in one pass, stopping at the first violation.
pub fn verdict(bytes: &[u8], plan: &'static ReadPlan, limits: Limits) -> Outcome {
    let Some(text) = text_of(bytes) else {
        return Outcome::Undecided;
    };
    let mut pass = Pass::new(limits);
    let mut reader = serde_json::Deserializer::from_str(text);
    let observed = Observed::new(&mut reader, &mut pass, plan);
    let read =
        <de::IgnoredAny as de::Deserialize>::deserialize(observed).and_then(|_| reader.end());
    match (read, pass.stop) {
        (Ok(()), None) => Outcome::Valid,
        (_, Some(stop)) => stop,
        // Not JSON, or JSON serde_json will not read (too deep): the tree parse says which.
        (Err(_), None) => Outcome::Undecided,
    }
}

/// Bytes to a typed value in one pass: `Some` only when every rule holds and the type reads
/// the document; `None` when a rule is broken or the pass cannot decide alone.
pub fn typed<'de, T: de::Deserialize<'de>>(
    bytes: &'de [u8],
    plan: &'static ReadPlan,
    limits: Limits,
) -> Option<T> {
    let text = text_of(bytes)?;
    let mut pass = Pass::new(limits);
    let mut reader = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(Observed::new(&mut reader, &mut pass, plan)).ok()?;
    reader.end().ok()?;
    pass.stop.is_none().then_some(value)
}

/// The bytes as text, checked as UTF-8 at once: serde_json then reads every string without
/// checking it again, which costs more, string by string, than one check of the whole. Bytes that
/// are not UTF-8 are left to the tree parse, which says where.
fn text_of(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

// ---- the state of one pass ----

/// How the values at one position are watched.
#[derive(Clone, Copy)]
enum Mode {
    /// Checked by the plan when complete; `keep`: and kept as a tree for an enclosing check.
    Checked { plan: &'static ReadPlan, keep: bool },
    /// Kept as a tree for an enclosing check.
    Captured,
    /// Only read: no rule applies (limits and duplicate keys still do).
    Read,
}

impl Mode {
    fn of(plan: &'static ReadPlan, keep: bool) -> Mode {
        match (&plan.children, keep) {
            (Children::Unconstrained, false) => Mode::Read,
            (Children::Unconstrained, true) => Mode::Captured,
            _ => Mode::Checked { plan, keep },
        }
    }

    /// The mode of a member or item that no subschema constrains.
    fn unconstrained(keep: bool) -> Mode {
        if keep {
            Mode::Captured
        } else {
            Mode::Read
        }
    }
}

struct Pass<'de> {
    limits: Limits,
    report: Report,
    depth: usize,
    /// The tree of the captured value that just ended, for its parent.
    handoff: Option<Node<'de>>,
    /// Why the pass stopped; `None` while it runs.
    stop: Option<Outcome>,
    /// Storage of finished objects and arrays, reused by the next ones.
    spare_members: Vec<Vec<(Cow<'de, str>, Node<'de>)>>,
    spare_items: Vec<Vec<Node<'de>>>,
}

impl<'de> Pass<'de> {
    fn new(limits: Limits) -> Pass<'de> {
        Pass {
            limits,
            report: Report::verdict_only(limits),
            depth: 0,
            handoff: None,
            stop: None,
            spare_members: Vec::new(),
            spare_items: Vec::new(),
        }
    }

    /// Stops the pass; the error only unwinds serde, `stop` says why.
    fn halt<E: de::Error>(&mut self, why: Outcome) -> E {
        self.stop.get_or_insert(why);
        E::custom("stopped by the single pass")
    }

    /// Runs the plan's check. `streamed`: the subschema whose members or items were checked
    /// as they arrived, so its check keeps to the value's own rules.
    fn check<E: de::Error>(
        &mut self,
        plan: &ReadPlan,
        node: &Node<'de>,
        streamed: Option<&'static str>,
    ) -> Result<(), E> {
        if matches!(node, Node::Object(_) | Node::Array(_)) {
            // Remembered answers are keyed by node address, and this pass frees and reuses
            // nodes: each container check is a validation of its own.
            self.report.renew();
        }
        self.report.set_streamed(streamed);
        let at = SchemaPath::root(plan.file, plan.pointer);
        (plan.check)(node, &at, &InstancePath::Root, &mut self.report);
        self.report.set_streamed(None);
        if self.report.is_valid() {
            Ok(())
        } else {
            Err(self.halt(Outcome::Invalid))
        }
    }

    fn scalar<E: de::Error>(&mut self, mode: Mode, node: Node<'de>) -> Result<(), E> {
        match mode {
            Mode::Checked { plan, keep } => {
                let at = SchemaPath::root(plan.file, plan.pointer);
                (plan.check)(&node, &at, &InstancePath::Root, &mut self.report);
                if !self.report.is_valid() {
                    return Err(self.halt(Outcome::Invalid));
                }
                if keep {
                    self.handoff = Some(node);
                }
                Ok(())
            }
            Mode::Captured => {
                self.handoff = Some(node);
                Ok(())
            }
            Mode::Read => Ok(()),
        }
    }

    /// Takes back the storage of a finished object or array that no one keeps.
    fn recycle(&mut self, node: Node<'de>) {
        match node {
            Node::Object(object) => {
                let mut members = object.into_members();
                members.clear();
                self.spare_members.push(members);
            }
            Node::Array(mut items) => {
                items.clear();
                self.spare_items.push(items);
            }
            _ => {}
        }
    }

    /// Storage for an object's members: a spare one, or one large enough for most objects, as
    /// growing from nothing costs more than the reading of a small object.
    fn members_storage(&mut self) -> Vec<(Cow<'de, str>, Node<'de>)> {
        self.spare_members
            .pop()
            .unwrap_or_else(|| Vec::with_capacity(16))
    }

    /// Storage for an array's items, as [`Pass::members_storage`].
    fn items_storage(&mut self) -> Vec<Node<'de>> {
        self.spare_items
            .pop()
            .unwrap_or_else(|| Vec::with_capacity(16))
    }

    /// Enters an object or array; deeper than the limit, the tree validator decides.
    fn enter<E: de::Error>(&mut self) -> Result<(), E> {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            return Err(self.halt(Outcome::Undecided));
        }
        Ok(())
    }
}

// ---- objects ----

struct ObjectFrame<'de> {
    mode: Mode,
    /// Keys in document order, with the captured values, or `Null` for values checked on
    /// arrival.
    members: Vec<(Cow<'de, str>, Node<'de>)>,
    /// How members are read.
    route: Route,
    /// The branch a discriminator selected.
    selected: Option<&'static ReadPlan>,
    /// Finds duplicates among the keys that are no property's.
    distinct: DistinctKeys<'de>,
    /// The properties (by index, the first 64) whose keys were read.
    declared: u64,
    /// The mode of the value of the key just read.
    next: Mode,
    /// Where the search for the next key's property starts.
    cursor: usize,
}

/// How the members of an object are read.
#[derive(Clone, Copy)]
enum Route {
    /// Each in the mode of its property, else of `additional`, else unconstrained.
    ByName {
        properties: &'static [(&'static str, &'static ReadPlan)],
        additional: Option<&'static ReadPlan>,
        keep: bool,
    },
    /// All in one mode.
    All(Mode),
}

impl Route {
    /// The route through the members of an object read in `mode`.
    fn of(mode: Mode) -> Route {
        let Mode::Checked { plan, keep } = mode else {
            return Route::All(mode);
        };
        let keep = keep || plan.keep;
        match &plan.children {
            Children::Own => Route::All(Mode::unconstrained(keep)),
            Children::Object {
                properties,
                additional,
            } => Route::ByName {
                properties,
                additional: *additional,
                keep,
            },
            // A discriminated object captures its members until the branch is known.
            _ => Route::All(Mode::Captured),
        }
    }

    /// The mode of member `key`, and the index of its property when it is one. The search
    /// starts at property `from`: members mostly come in the documented order, so the one after
    /// the previous match is the likely one.
    fn member(self, key: &str, from: usize) -> (Mode, Option<usize>) {
        match self {
            Route::All(mode) => (mode, None),
            Route::ByName {
                properties,
                additional,
                keep,
            } => match position_from(properties, key, from) {
                Some(index) => (Mode::of(properties[index].1, keep), Some(index)),
                None => match additional {
                    Some(plan) => (Mode::of(plan, keep), None),
                    None => (Mode::unconstrained(keep), None),
                },
            },
        }
    }
}

/// The index of property `key`, searching from `from` to the end, then from the start.
fn position_from(
    properties: &[(&'static str, &'static ReadPlan)],
    key: &str,
    from: usize,
) -> Option<usize> {
    let from = from.min(properties.len());
    let (before, after) = properties.split_at(from);
    let found = |part: &[(&str, _)]| part.iter().position(|(name, _)| same_key(name, key));
    found(after)
        .map(|index| from + index)
        .or_else(|| found(before))
}

impl<'de> ObjectFrame<'de> {
    fn new(mode: Mode, members: Vec<(Cow<'de, str>, Node<'de>)>) -> ObjectFrame<'de> {
        ObjectFrame {
            mode,
            members,
            route: Route::of(mode),
            selected: None,
            distinct: DistinctKeys::new(),
            declared: 0,
            next: Mode::Read,
            cursor: 0,
        }
    }

    /// Adds a key with a placeholder value, and sets the mode of its value; false when the
    /// object has the key already.
    fn add_key(&mut self, key: Cow<'de, str>) -> bool {
        let (mode, property) = self.route.member(&key, self.cursor);
        if let Some(index) = property {
            self.cursor = index + 1;
        }
        let duplicate = match property {
            // A property's key is found by its bit; only other keys are compared.
            Some(index) if index < 64 => {
                let bit = 1u64 << index;
                let seen = self.declared & bit != 0;
                self.declared |= bit;
                seen
            }
            _ => !self.distinct.is_new(&self.members, &key),
        };
        if duplicate {
            return false;
        }
        self.next = mode;
        self.members.push((key, Node::Null));
        self.distinct.added(&self.members);
        true
    }

    /// Routes the members by `route` from now on; the keys read so far take their bits.
    fn reroute(&mut self, route: Route) {
        self.route = route;
        self.declared = 0;
        for (key, _) in &self.members {
            if let (_, Some(index)) = route.member(key, 0) {
                if index < 64 {
                    self.declared |= 1u64 << index;
                }
            }
        }
    }
}

struct ObservedMap<'p, 'f, 'de, A> {
    access: A,
    pass: &'p mut Pass<'de>,
    frame: &'f mut ObjectFrame<'de>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for ObservedMap<'_, '_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let mut key = None;
        let value = self.access.next_key_seed(KeySeed {
            seed,
            key: &mut key,
        })?;
        if value.is_none() {
            return Ok(None);
        }
        let Some(key) = key else {
            // A key serde read as something other than a string.
            return Err(self.pass.halt(Outcome::Undecided));
        };
        if !self.frame.add_key(key) {
            return Err(self.pass.halt(Outcome::Invalid));
        }
        Ok(value)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        let frame = &mut *self.frame;
        let mode = frame.next;
        let value = self.access.next_value_seed(ObservedSeed {
            seed,
            pass: &mut *self.pass,
            mode,
        })?;
        if let Some(node) = self.pass.handoff.take() {
            if let Some(last) = frame.members.last_mut() {
                last.1 = node;
            }
        }
        self.select_branch()?;
        Ok(value)
    }

    fn size_hint(&self) -> Option<usize> {
        self.access.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> ObservedMap<'_, '_, 'de, A> {
    /// After the discriminating member of a discriminated object: selects the branch and checks
    /// the members captured so far by it.
    fn select_branch(&mut self) -> Result<(), A::Error> {
        let frame = &mut *self.frame;
        let Mode::Checked { plan, .. } = frame.mode else {
            return Ok(());
        };
        let Children::Discriminated { property, branches } = &plan.children else {
            return Ok(());
        };
        let Some((key, value)) = frame.members.last() else {
            return Ok(());
        };
        if frame.selected.is_some() || !same_key(key, property) {
            return Ok(());
        }
        let Node::String(selected) = value else {
            // Not a string: `oneOf` tries every branch, which needs the whole object.
            return Err(self.pass.halt(Outcome::Undecided));
        };
        let Some(&(_, branch)) = branches.iter().find(|(constant, _)| constant == selected) else {
            // A value the discriminator does not know: `oneOf` fails.
            return Err(self.pass.halt(Outcome::Invalid));
        };
        frame.selected = Some(branch);
        let keep = matches!(frame.mode, Mode::Checked { keep: true, .. });
        frame.reroute(Route::of(Mode::Checked { plan: branch, keep }));
        for (key, node) in &frame.members {
            if let (Mode::Checked { plan, .. }, _) = frame.route.member(key, 0) {
                self.pass.check(plan, node, None)?;
            }
        }
        Ok(())
    }
}

/// Finishes an object: its own rules, or the whole of it; hands it to its parent when kept.
fn finish_object<'de, E: de::Error>(
    pass: &mut Pass<'de>,
    frame: ObjectFrame<'de>,
) -> Result<(), E> {
    let node = Node::Object(Object::from_members(frame.members));
    let keep = match frame.mode {
        Mode::Checked { plan, keep } => {
            let streamed = match (&plan.children, frame.selected) {
                (Children::Object { .. } | Children::Own, _) => Some(plan.pointer),
                (Children::Discriminated { .. }, Some(branch)) => Some(branch.pointer),
                // No discriminator: `oneOf` tries every branch, which needs the whole object.
                (Children::Discriminated { .. }, None) => return Err(pass.halt(Outcome::Undecided)),
                _ => None,
            };
            pass.check(plan, &node, streamed)?;
            keep
        }
        Mode::Captured => true,
        Mode::Read => false,
    };
    if keep {
        pass.handoff = Some(node);
    } else {
        pass.recycle(node);
    }
    Ok(())
}

// ---- arrays ----

struct ArrayFrame<'de> {
    mode: Mode,
    /// The captured items; only counted when they are checked on arrival.
    items: Vec<Node<'de>>,
    count: usize,
}

impl ArrayFrame<'_> {
    fn item_mode(&self) -> Mode {
        let Mode::Checked { plan, keep } = self.mode else {
            return self.mode;
        };
        let keep = keep || plan.keep;
        match &plan.children {
            Children::Array { items } => Mode::of(items, keep),
            Children::Own => Mode::unconstrained(keep),
            _ => Mode::Captured,
        }
    }
}

struct ObservedSeq<'p, 'f, 'de, A> {
    access: A,
    pass: &'p mut Pass<'de>,
    frame: &'f mut ArrayFrame<'de>,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for ObservedSeq<'_, '_, 'de, A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        if self.frame.count >= self.pass.limits.max_array_len {
            // One more item than the limit: the tree validator reports, or skips, it.
            return Err(self.pass.halt(Outcome::Undecided));
        }
        let mode = self.frame.item_mode();
        let value = self.access.next_element_seed(ObservedSeed {
            seed,
            pass: &mut *self.pass,
            mode,
        })?;
        if value.is_some() {
            self.frame.count += 1;
            if let Some(node) = self.pass.handoff.take() {
                self.frame.items.push(node);
            }
        }
        Ok(value)
    }

    fn size_hint(&self) -> Option<usize> {
        self.access.size_hint()
    }
}

fn finish_array<'de, E: de::Error>(pass: &mut Pass<'de>, frame: ArrayFrame<'de>) -> Result<(), E> {
    let keep = match frame.mode {
        Mode::Checked { plan, keep } => {
            let node = match &plan.children {
                // The items were checked as they arrived: the array's own rules need only
                // their number, unless the subschema keeps the whole array.
                Children::Array { .. } | Children::Own if !plan.keep && !keep => {
                    let mut placeholders = pass.items_storage();
                    placeholders.resize(frame.count, Node::Null);
                    pass.recycle(Node::Array(frame.items));
                    Node::Array(placeholders)
                }
                _ => Node::Array(frame.items),
            };
            let streamed = matches!(plan.children, Children::Array { .. } | Children::Own)
                .then_some(plan.pointer);
            pass.check(plan, &node, streamed)?;
            if keep {
                pass.handoff = Some(node);
            } else {
                pass.recycle(node);
            }
            return Ok(());
        }
        Mode::Captured => true,
        Mode::Read => false,
    };
    if keep {
        pass.handoff = Some(Node::Array(frame.items));
    } else {
        pass.recycle(Node::Array(frame.items));
    }
    Ok(())
}

// ---- the serde plumbing ----

/// A deserializer that lets its caller read the value and watches it go by.
struct Observed<'p, 'de, D> {
    inner: D,
    pass: &'p mut Pass<'de>,
    mode: Mode,
}

impl<'p, 'de, D> Observed<'p, 'de, D> {
    fn new(inner: D, pass: &'p mut Pass<'de>, plan: &'static ReadPlan) -> Self {
        Observed {
            inner,
            pass,
            mode: Mode::of(plan, false),
        }
    }

    fn watch<V>(self, visitor: V) -> (D, Watch<'p, 'de, V>) {
        let watch = Watch {
            inner: visitor,
            pass: self.pass,
            mode: self.mode,
            as_enum: false,
        };
        (self.inner, watch)
    }
}

/// The methods of a deserializer that lends each call to its inner one with a wrapped visitor:
/// `$wrap(self, visitor)` gives the inner deserializer and the visitor to hand it.
macro_rules! forward_wrapped {
    ($wrap:ident) => {
        forward_wrapped! { $wrap;
            deserialize_any(); deserialize_bool(); deserialize_i8(); deserialize_i16();
            deserialize_i32(); deserialize_i64(); deserialize_i128(); deserialize_u8();
            deserialize_u16(); deserialize_u32(); deserialize_u64(); deserialize_u128();
            deserialize_f32(); deserialize_f64(); deserialize_char(); deserialize_str();
            deserialize_string(); deserialize_bytes(); deserialize_byte_buf(); deserialize_option();
            deserialize_unit(); deserialize_unit_struct(name: &'static str);
            deserialize_newtype_struct(name: &'static str); deserialize_seq();
            deserialize_tuple(len: usize);
            deserialize_tuple_struct(name: &'static str, len: usize); deserialize_map();
            deserialize_struct(name: &'static str, fields: &'static [&'static str]);
            deserialize_identifier();
        }
    };
    ($wrap:ident; $($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            let (inner, wrapped) = self.$wrap(visitor);
            inner.$method($($arg,)* wrapped)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Observed<'_, 'de, D> {
    type Error = D::Error;

    forward_wrapped!(watch);

    /// Read as any value, so that the variant's name is watched like any string; only unit
    /// variants (strings) are offered to the visitor.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let (inner, mut watch) = self.watch(visitor);
        watch.as_enum = true;
        inner.deserialize_any(watch)
    }

    /// An ignored value is still watched: rules and limits apply to it.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let (inner, watch) = self.watch(visitor);
        inner.deserialize_any(watch)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// A visitor that reports each value to the pass before handing it to the caller's visitor.
struct Watch<'p, 'de, V> {
    inner: V,
    pass: &'p mut Pass<'de>,
    mode: Mode,
    /// The caller reads an enum: a string is offered as a unit variant.
    as_enum: bool,
}

macro_rules! watch_scalar {
    ($($method:ident($ty:ty) => $node:expr;)*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.pass.scalar(self.mode, $node(v))?;
            self.inner.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Watch<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    watch_scalar! {
        visit_bool(bool) => Node::Bool;
        visit_i64(i64) => |v: i64| Node::Number(v.into());
        visit_u64(u64) => |v: u64| Node::Number(v.into());
        visit_f64(f64) => |v: f64| serde_json::Number::from_f64(v).map_or(Node::Null, Node::Number);
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.pass
            .scalar(self.mode, Node::String(Cow::Borrowed(v)))?;
        if self.as_enum {
            self.inner.visit_enum(BorrowedStrDeserializer::new(v))
        } else {
            self.inner.visit_borrowed_str(v)
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.pass
            .scalar(self.mode, Node::String(Cow::Owned(v.to_owned())))?;
        if self.as_enum {
            self.inner.visit_enum(v.into_deserializer())
        } else {
            self.inner.visit_str(v)
        }
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        if self.as_enum {
            return self.visit_str(&v);
        }
        self.pass
            .scalar(self.mode, Node::String(Cow::Owned(v.clone())))?;
        self.inner.visit_string(v)
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<V::Value, E> {
        // Not a JSON value serde_json produces for the generated types.
        Err(self.pass.halt(Outcome::Undecided))
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.pass.scalar(self.mode, Node::Null)?;
        self.inner.visit_unit()
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.pass.scalar(self.mode, Node::Null)?;
        self.inner.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        let observed = Observed {
            inner: deserializer,
            pass: self.pass,
            mode: self.mode,
        };
        self.inner.visit_some(observed)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        let observed = Observed {
            inner: deserializer,
            pass: self.pass,
            mode: self.mode,
        };
        self.inner.visit_newtype_struct(observed)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, access: A) -> Result<V::Value, A::Error> {
        let Watch {
            inner, pass, mode, ..
        } = self;
        pass.enter()?;
        let mut frame = ArrayFrame {
            mode,
            items: pass.items_storage(),
            count: 0,
        };
        let value = inner.visit_seq(ObservedSeq {
            access,
            pass: &mut *pass,
            frame: &mut frame,
        })?;
        pass.depth -= 1;
        finish_array(pass, frame)?;
        Ok(value)
    }

    fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<V::Value, A::Error> {
        let Watch {
            inner, pass, mode, ..
        } = self;
        pass.enter()?;
        let members = pass.members_storage();
        let mut frame = ObjectFrame::new(mode, members);
        let value = inner.visit_map(ObservedMap {
            access,
            pass: &mut *pass,
            frame: &mut frame,
        })?;
        pass.depth -= 1;
        finish_object(pass, frame)?;
        Ok(value)
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<V::Value, A::Error> {
        // serde_json offers enums only to `deserialize_enum`, which reads them as strings here.
        Err(self.pass.halt(Outcome::Undecided))
    }
}

/// The seed of a member value or an item, read through [`Observed`].
struct ObservedSeed<'p, 'de, S> {
    seed: S,
    pass: &'p mut Pass<'de>,
    mode: Mode,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for ObservedSeed<'_, 'de, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Observed {
            inner: deserializer,
            pass: self.pass,
            mode: self.mode,
        })
    }
}

// ---- keys ----

/// The seed of a key: whatever the caller reads, the key's text is kept.
struct KeySeed<'k, 'de, K> {
    seed: K,
    key: &'k mut Option<Cow<'de, str>>,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, 'de, K> {
    type Value = K::Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<K::Value, D::Error> {
        self.seed.deserialize(KeyReader {
            inner: deserializer,
            key: self.key,
        })
    }
}

struct KeyReader<'k, 'de, D> {
    inner: D,
    key: &'k mut Option<Cow<'de, str>>,
}

impl<'k, 'de, D> KeyReader<'k, 'de, D> {
    fn text<V>(self, visitor: V) -> (D, KeyText<'k, 'de, V>) {
        let text = KeyText {
            inner: visitor,
            key: self.key,
        };
        (self.inner, text)
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyReader<'_, 'de, D> {
    type Error = D::Error;

    forward_wrapped!(text);
    forward_wrapped! { text;
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_ignored_any();
    }
}

/// Keeps a key's text on its way to the caller's visitor.
struct KeyText<'k, 'de, V> {
    inner: V,
    key: &'k mut Option<Cow<'de, str>>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyText<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        *self.key = Some(Cow::Borrowed(v));
        self.inner.visit_borrowed_str(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        *self.key = Some(Cow::Owned(v.to_owned()));
        self.inner.visit_str(v)
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        *self.key = Some(Cow::Owned(v.clone()));
        self.inner.visit_string(v)
    }
    // Any other reading of a key leaves its text unknown, and the pass undecided.
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.inner.visit_bool(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.inner.visit_i64(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.inner.visit_u64(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.inner.visit_f64(v)
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.inner.visit_enum(data)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(KeyReader {
            inner: d,
            key: self.key,
        })
    }
}
