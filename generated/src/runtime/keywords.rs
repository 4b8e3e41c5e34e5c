//! The keyword checks that generated validators call, one function per keyword. Each tests its
//! rule and reports a failure at the keyword's location; the generated code holds only what is
//! specific to the schema (limits, names, tables of subschemas) and the order of the calls.
//!
//! The checks that run on every value are `#[inline(always)]`: inlined into a generated function,
//! their tables are constants again, and the compiler turns the loops over them into the direct
//! comparisons a hand-written match would make.
//!
//! The checks that apply subschemas return at once when the report is done (a verdict is known,
//! or the error cap is reached), so a rejection stops the walk where it happened.
//!
//! Every function takes the rule's own data first, then `because` (the rule in the provider's
//! words, from `x-message`), then where the subschema sits (`at`), where the value sits
//! (`path`), and the report: that fixed tail is why some take more than seven arguments.
#![allow(clippy::too_many_arguments)]

use super::error::{ErrorKind, UserKey};
use super::json;
use super::node::{same_key, Node, Object};
use super::path::InstancePath;
pub use super::pattern::{Pattern, Piece};
use super::report::Report;
use super::schema_path::SchemaPath;
pub use super::single_pass::{Children, ReadPlan, ANY};
use serde_json::{Number, Value};
use std::sync::OnceLock;

/// The signature of every generated subschema check.
pub type Check = fn(&Node<'_>, &SchemaPath<'_>, &InstancePath<'_>, &mut Report);

/// The rule's words in the provider's language, when the schema has them.
pub type Because = Option<&'static str>;

/// Records the failure of `keyword`.
#[cold]
fn fail(
    report: &mut Report,
    keyword: &'static str,
    kind: ErrorKind,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
) {
    report.fail_because(path, at, keyword, kind, because);
}

/// The type names differ in their first byte and length, so no string comparison is needed.
#[inline(always)]
fn has_type(value: &Node<'_>, name: &str) -> bool {
    match (name.as_bytes().first(), name.len()) {
        (Some(b's'), 6) => value.is_string(),
        (Some(b'o'), 6) => value.is_object(),
        (Some(b'a'), 5) => value.is_array(),
        (Some(b'i'), 7) => matches!(value, Node::Number(n) if json::is_integer(n)),
        (Some(b'n'), 6) => value.is_number(),
        (Some(b'b'), 7) => value.is_boolean(),
        (Some(b'n'), 4) => value.is_null(),
        _ => false,
    }
}

/// `type`: the value is of one of the named JSON types.
#[inline(always)]
pub fn types(
    value: &Node<'_>,
    expected: &'static [&'static str],
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if !expected.iter().any(|name| has_type(value, name)) {
        fail(
            report,
            "type",
            ErrorKind::Type { expected },
            because,
            at,
            path,
        );
    }
}

/// JSON constants the generator wrote as text, parsed on first use (non-string `enum`/`const`).
#[derive(Debug)]
pub struct Constants {
    /// The JSON array as the schema has it.
    pub text: &'static str,
    parsed: OnceLock<Vec<Value>>,
}

impl Constants {
    /// The constants of the JSON array `text`.
    pub const fn new(text: &'static str) -> Constants {
        Constants {
            text,
            parsed: OnceLock::new(),
        }
    }

    fn contains(&self, value: &Node<'_>) -> bool {
        let values = self
            .parsed
            .get_or_init(|| serde_json::from_str(self.text).unwrap_or_default());
        values
            .iter()
            .any(|constant| json::equal_to_constant(constant, value))
    }
}

/// `enum` of strings only: `allowed` sorted (the generator sorts it), `allowed_json` the list as
/// the schema writes it, for the error.
#[inline(always)]
pub fn enum_strings(
    value: &Node<'_>,
    allowed: &[&str],
    allowed_json: &'static str,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    let listed = |s: &str| match allowed.len() {
        0..=8 => allowed.iter().any(|a| same_key(a, s)),
        _ => sorted_contains(allowed, s),
    };
    if !value.as_str().is_some_and(listed) {
        let kind = ErrorKind::Enum {
            allowed: allowed_json,
        };
        fail(report, "enum", kind, because, at, path);
    }
}

/// True when `s` is in `sorted`, a table in the byte order of `str`. Strings of up to 8 bytes
/// (country and currency codes) compare as one integer each: zero-padded big-endian, shorter
/// first on a tie, which is exactly that order.
#[inline(always)]
fn sorted_contains(sorted: &[&str], s: &str) -> bool {
    let key = (packed(s), s.len());
    let (mut low, mut high) = (0, sorted.len());
    while low < high {
        let middle = low + (high - low) / 2;
        let probe = sorted[middle];
        let order = if s.len() <= 8 && probe.len() <= 8 {
            (packed(probe), probe.len()).cmp(&key)
        } else {
            probe.cmp(s)
        };
        match order {
            std::cmp::Ordering::Less => low = middle + 1,
            std::cmp::Ordering::Greater => high = middle,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// The first 8 bytes of `s`, big-endian, zero-padded. A loop, not `copy_from_slice`: a copy of
/// variable length is a call to `memcpy`.
#[inline(always)]
fn packed(s: &str) -> u64 {
    let mut word = 0u64;
    for (i, &byte) in s.as_bytes().iter().take(8).enumerate() {
        word |= u64::from(byte) << (56 - 8 * i);
    }
    word
}

/// `enum` with a value that is not a string.
pub fn enum_values(
    value: &Node<'_>,
    allowed: &'static Constants,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if !allowed.contains(value) {
        let kind = ErrorKind::Enum {
            allowed: allowed.text,
        };
        fail(report, "enum", kind, because, at, path);
    }
}

/// `const`, written by the generator as a one-element `Constants` list; `expected` is the
/// constant's own JSON text.
pub fn constant(
    value: &Node<'_>,
    allowed: &'static Constants,
    expected: &'static str,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if !allowed.contains(value) {
        fail(
            report,
            "const",
            ErrorKind::Const { expected },
            because,
            at,
            path,
        );
    }
}

/// `const` of a string; `expected` is its JSON text.
#[inline(always)]
pub fn constant_string(
    value: &Node<'_>,
    constant: &str,
    expected: &'static str,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if !value.as_str().is_some_and(|s| same_key(s, constant)) {
        fail(
            report,
            "const",
            ErrorKind::Const { expected },
            because,
            at,
            path,
        );
    }
}

/// `minLength`, in Unicode code points.
#[inline(always)]
pub fn min_length(
    s: &str,
    limit: u64,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    let bound = usize::try_from(limit).unwrap_or(usize::MAX);
    // A code point takes at most 4 bytes: a long enough string needs no counting.
    if s.len() < bound || (s.len() / 4 < bound && json::char_count(s) < bound) {
        fail(
            report,
            "minLength",
            ErrorKind::MinLength { limit },
            because,
            at,
            path,
        );
    }
}

/// `maxLength`, in Unicode code points.
#[inline(always)]
pub fn max_length(
    s: &str,
    limit: u64,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    let bound = usize::try_from(limit).unwrap_or(usize::MAX);
    if s.len() > bound && json::char_count(s) > bound {
        fail(
            report,
            "maxLength",
            ErrorKind::MaxLength { limit },
            because,
            at,
            path,
        );
    }
}

/// `pattern`.
#[inline(always)]
pub fn pattern(
    s: &str,
    pattern: &'static Pattern,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if !pattern.is_match(s) {
        let kind = ErrorKind::Pattern {
            pattern: pattern.source,
        };
        fail(report, "pattern", kind, because, at, path);
    }
}

/// `format`, asserted by `is_valid` (one of `formats`).
#[inline(always)]
pub fn format(
    s: &str,
    is_valid: fn(&str) -> bool,
    format: &'static str,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if !is_valid(s) {
        fail(
            report,
            "format",
            ErrorKind::Format { format },
            because,
            at,
            path,
        );
    }
}

/// `format` for a number (OpenAPI's `int32`, `int64`, `float`, `double`), asserted by
/// `is_valid` (one of `formats::number_formats`).
#[inline(always)]
pub fn number_format(
    n: &Number,
    is_valid: fn(&Number) -> bool,
    format: &'static str,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if !is_valid(n) {
        fail(
            report,
            "format",
            ErrorKind::Format { format },
            because,
            at,
            path,
        );
    }
}

/// `isNotOnlyWhitespace`.
#[inline(always)]
pub fn not_only_whitespace(
    s: &str,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if json::is_only_whitespace(s) {
        let kind = ErrorKind::OnlyWhitespace;
        fail(report, "isNotOnlyWhitespace", kind, because, at, path);
    }
}

/// A numeric bound: `minimum`, `maximum`, `exclusiveMinimum` or `exclusiveMaximum`.
#[derive(Debug, Clone, Copy)]
pub enum Bound {
    /// `minimum`.
    Minimum,
    /// `maximum`.
    Maximum,
    /// `exclusiveMinimum`.
    ExclusiveMinimum,
    /// `exclusiveMaximum`.
    ExclusiveMaximum,
}

/// A numeric bound. `limit` is the bound as a number, `text` as the schema writes it.
#[inline(always)]
pub fn bound(
    number: &Number,
    bound: Bound,
    limit: f64,
    text: &'static str,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    let n = json::as_f64(number);
    let (holds, keyword, kind) = match bound {
        Bound::Minimum => (n >= limit, "minimum", ErrorKind::Minimum { limit: text }),
        Bound::Maximum => (n <= limit, "maximum", ErrorKind::Maximum { limit: text }),
        Bound::ExclusiveMinimum => (
            n > limit,
            "exclusiveMinimum",
            ErrorKind::ExclusiveMinimum { limit: text },
        ),
        Bound::ExclusiveMaximum => (
            n < limit,
            "exclusiveMaximum",
            ErrorKind::ExclusiveMaximum { limit: text },
        ),
    };
    if !holds {
        fail(report, keyword, kind, because, at, path);
    }
}

/// `multipleOf`.
pub fn multiple_of(
    number: &Number,
    divisor: f64,
    text: &'static str,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if !json::is_multiple_of(number, divisor) {
        let kind = ErrorKind::MultipleOf { divisor: text };
        fail(report, "multipleOf", kind, because, at, path);
    }
}

/// `required`: one error per missing property, at the object.
#[inline(always)]
pub fn required(
    object: &Object<'_>,
    names: &[&'static str],
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    for &property in names {
        if !object.contains_key(property) {
            fail(
                report,
                "required",
                ErrorKind::Required { property },
                because,
                at,
                path,
            );
        }
    }
}

/// `properties`: each member whose name is in `table` is checked by its subschema. One pass over
/// the members, so an object costs one lookup per member, not per declared property.
#[inline(always)]
pub fn properties(
    object: &Object<'_>,
    table: &[(&'static str, Check)],
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if report.done() || report.skips_children(at) {
        return;
    }
    for (key, child) in object {
        if let Some(&(name, check)) = table.iter().find(|(name, _)| same_key(name, key)) {
            check(child, &at.property(name), &path.key(key), report);
            if report.done() {
                return;
            }
        }
    }
}

/// `additionalProperties`: members not named in `properties` (`declared`) are checked by
/// `check`, or forbidden when the subschema is `false` (`check` is `None`).
pub fn additional_properties(
    object: &Object<'_>,
    declared: &[&str],
    check: Option<Check>,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    additional_properties_beyond_patterns(object, declared, &[], check, because, at, path, report);
}

/// `additionalProperties` next to `patternProperties`: members named in `properties`
/// (`declared`) or matched by one of `patterns` are not additional.
pub fn additional_properties_beyond_patterns(
    object: &Object<'_>,
    declared: &[&str],
    patterns: &[&Pattern],
    check: Option<Check>,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if report.done() || (check.is_some() && report.skips_children(at)) {
        return;
    }
    for (key, child) in object {
        if declared.contains(&key) || patterns.iter().any(|pattern| pattern.is_match(key)) {
            continue;
        }
        match check {
            Some(check) => check(
                child,
                &at.keyword("additionalProperties"),
                &path.member(key),
                report,
            ),
            None => {
                let kind = ErrorKind::AdditionalProperty {
                    property: UserKey(key.to_owned()),
                };
                fail(report, "additionalProperties", kind, because, at, path);
            }
        }
        if report.done() {
            return;
        }
    }
}

/// `patternProperties`: each member is checked by the subschema of every pattern its key
/// matches. The keys are the document's, so paths to them are redacted like any undeclared key.
pub fn pattern_properties(
    object: &Object<'_>,
    table: &[(&Pattern, Check)],
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if report.done() {
        return;
    }
    for (key, child) in object {
        for &(pattern, check) in table {
            if pattern.is_match(key) {
                let at = at.entry("patternProperties", pattern.source);
                check(child, &at, &path.member(key), report);
                if report.done() {
                    return;
                }
            }
        }
    }
}

/// `propertyNames`: every key, as a string, is checked by the subschema. An error points at
/// the member whose key fails.
pub fn property_names(
    object: &Object<'_>,
    check: Check,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if report.done() {
        return;
    }
    let at = at.keyword("propertyNames");
    for (key, _) in object {
        let name = Node::String(std::borrow::Cow::Borrowed(key));
        check(&name, &at, &path.member(key), report);
        if report.done() {
            return;
        }
    }
}

/// `dependentSchemas`: when a property is present, the whole object is checked by its subschema.
pub fn dependent_schemas(
    value: &Node<'_>,
    object: &Object<'_>,
    table: &[(&'static str, Check)],
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    for &(property, check) in table {
        if report.done() {
            return;
        }
        if object.contains_key(property) {
            check(value, &at.entry("dependentSchemas", property), path, report);
        }
    }
}

/// `minProperties`.
pub fn min_properties(
    object: &Object<'_>,
    limit: u64,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if (object.len() as u64) < limit {
        let kind = ErrorKind::MinProperties { limit };
        fail(report, "minProperties", kind, because, at, path);
    }
}

/// `maxProperties`.
pub fn max_properties(
    object: &Object<'_>,
    limit: u64,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if (object.len() as u64) > limit {
        let kind = ErrorKind::MaxProperties { limit };
        fail(report, "maxProperties", kind, because, at, path);
    }
}

/// `dependentRequired`: when a property is present, each of its dependents must be too.
pub fn dependent_required(
    object: &Object<'_>,
    table: &[(&'static str, &[&'static str])],
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    for &(property, dependents) in table {
        if !object.contains_key(property) {
            continue;
        }
        for &dependent in dependents {
            if !object.contains_key(dependent) {
                let kind = ErrorKind::DependentRequired {
                    property,
                    dependent,
                };
                fail(report, "dependentRequired", kind, because, at, path);
            }
        }
    }
}

/// `unevaluatedProperties`: members that neither this subschema's keywords nor its valid
/// in-place subschemas evaluated (`mark` finds those) are checked by `check`, or forbidden when
/// the subschema is `false` (`check` is `None`).
pub fn unevaluated_properties(
    value: &Node<'_>,
    object: &Object<'_>,
    mark: Mark,
    check: Option<Check>,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if report.done() {
        return;
    }
    remember_answers(report);
    let mut seen = vec![false; object.len()];
    mark(value, &mut seen, false, at, path, report);
    for ((key, child), seen) in object.iter().zip(seen) {
        if seen {
            continue;
        }
        match check {
            Some(check) => check(
                child,
                &at.keyword("unevaluatedProperties"),
                &path.member(key),
                report,
            ),
            None => {
                let kind = ErrorKind::AdditionalProperty {
                    property: UserKey(key.to_owned()),
                };
                fail(report, "unevaluatedProperties", kind, because, at, path);
            }
        }
        if report.done() {
            return;
        }
    }
}

/// `unevaluatedItems`: items that neither this subschema's keywords nor its valid in-place
/// subschemas evaluated (`mark` finds those) are checked by `check`.
pub fn unevaluated_items(
    value: &Node<'_>,
    items: &[Node<'_>],
    mark: Mark,
    check: Check,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if report.done() {
        return;
    }
    remember_answers(report);
    let mut seen = vec![false; items.len()];
    mark(value, &mut seen, false, at, path, report);
    let at = at.keyword("unevaluatedItems");
    for (index, (item, seen)) in items.iter().zip(seen).enumerate() {
        if !seen {
            check(item, &at, &path.index(index), report);
            if report.done() {
                return;
            }
        }
    }
}

/// The signature of a generated `mark_…` function: marks in `seen` (one flag per member or item
/// of the value) what a subschema evaluates; `own` counts its own `unevaluated*` keywords.
pub type Mark = fn(&Node<'_>, &mut [bool], bool, &SchemaPath<'_>, &InstancePath<'_>, &Report);

/// Marks the members named in `properties`.
pub fn mark_named(object: &Object<'_>, names: &[&str], seen: &mut [bool]) {
    for ((key, _), seen) in object.iter().zip(seen) {
        *seen |= names.iter().any(|name| same_key(name, key));
    }
}

/// Marks the members whose key matches a `patternProperties` pattern.
pub fn mark_matching(object: &Object<'_>, patterns: &[&Pattern], seen: &mut [bool]) {
    for ((key, _), seen) in object.iter().zip(seen) {
        *seen |= patterns.iter().any(|pattern| pattern.is_match(key));
    }
}

/// Marks every member or item (`additionalProperties`, `items`, a passing `unevaluated*`).
pub fn mark_all(seen: &mut [bool]) {
    seen.fill(true);
}

/// Marks the first `count` items (`prefixItems`).
pub fn mark_first(seen: &mut [bool], count: usize) {
    let count = count.min(seen.len());
    seen[..count].fill(true);
}

/// Marks the items that `contains` matched.
pub fn mark_containing(
    items: &[Node<'_>],
    check: Check,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &Report,
    seen: &mut [bool],
) {
    for (index, (item, seen)) in items.iter().zip(seen).enumerate() {
        if !*seen && matches(check, item, at, &path.index(index), report) {
            *seen = true;
        }
    }
}

/// Marks what an in-place subschema evaluates, when the value satisfies it (a failing subschema
/// evaluates nothing).
pub fn mark_valid(
    value: &Node<'_>,
    check: Check,
    mark: Mark,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &Report,
    seen: &mut [bool],
) {
    if matches(check, value, at, path, report) {
        mark(value, seen, true, at, path, report);
    }
}

/// Marks what `if` and the branch it selects evaluate.
pub fn mark_conditional(
    value: &Node<'_>,
    condition: (Check, Mark),
    then: Option<(Check, Mark)>,
    otherwise: Option<(Check, Mark)>,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &Report,
    seen: &mut [bool],
) {
    let (check, mark) = condition;
    let holds = matches(check, value, &at.keyword("if"), path, report);
    if holds {
        mark(value, seen, true, &at.keyword("if"), path, report);
    }
    let (branch, keyword) = if holds {
        (then, "then")
    } else {
        (otherwise, "else")
    };
    if let Some((check, mark)) = branch {
        mark_valid(value, check, mark, &at.keyword(keyword), path, report, seen);
    }
}

/// Marks what the `dependentSchemas` of present properties evaluate.
pub fn mark_dependent(
    value: &Node<'_>,
    object: &Object<'_>,
    table: &[(&'static str, Check, Mark)],
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &Report,
    seen: &mut [bool],
) {
    for &(property, check, mark) in table {
        if object.contains_key(property) {
            let at = at.entry("dependentSchemas", property);
            mark_valid(value, check, mark, &at, path, report, seen);
        }
    }
}

/// `$dynamicRef` whose initial target is a `$dynamicAnchor`: the subschema anchored in the
/// outermost resource of the dynamic scope that declares the anchor (`candidates`: resource root,
/// check, pointer), else the initial target. `resources` are the root pointers of the file's
/// resources.
pub fn dynamic_ref(
    value: &Node<'_>,
    resources: &[&str],
    candidates: &[(&str, Check, &'static str)],
    initial: (Check, &'static str),
    file: &'static str,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    let roots = candidates.iter().map(|(root, _, _)| *root);
    let (check, pointer) = match outermost_in_scope(resources, roots, at) {
        Some(index) => (candidates[index].1, candidates[index].2),
        None => initial,
    };
    check(value, &SchemaPath::jump(at, file, pointer), path, report);
}

/// What a `$dynamicRef` evaluates, for `unevaluated*`: as `dynamic_ref` chooses.
pub fn mark_dynamic(
    value: &Node<'_>,
    resources: &[&str],
    candidates: &[(&str, Check, Mark, &'static str)],
    initial: (Check, Mark, &'static str),
    file: &'static str,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &Report,
    seen: &mut [bool],
) {
    let roots = candidates.iter().map(|(root, _, _, _)| *root);
    let (check, mark, pointer) = match outermost_in_scope(resources, roots, at) {
        Some(index) => (
            candidates[index].1,
            candidates[index].2,
            candidates[index].3,
        ),
        None => initial,
    };
    let at = SchemaPath::jump(at, file, pointer);
    mark_valid(value, check, mark, &at, path, report, seen);
}

/// The index in `roots` of the outermost resource of the dynamic scope at `at` among them.
fn outermost_in_scope<'r>(
    resources: &[&str],
    roots: impl Iterator<Item = &'r str> + Clone,
    at: &SchemaPath<'_>,
) -> Option<usize> {
    let within = |root: &str, pointer: &str| {
        pointer
            .strip_prefix(root)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    for (start, end) in at.stretches() {
        // The resource the stretch starts in, then each resource it enters on its way down.
        let mut entered: Vec<&str> = resources
            .iter()
            .copied()
            .filter(|root| within(root, &start) || (within(&start, root) && within(root, &end)))
            .collect();
        entered.sort_by_key(|root| root.len());
        let innermost_at_start = entered.iter().rposition(|root| within(root, &start));
        for root in &entered[innermost_at_start.unwrap_or(0)..] {
            if let Some(index) = roots.clone().position(|candidate| candidate == *root) {
                return Some(index);
            }
        }
    }
    None
}

/// `prefixItems`: the first items are checked by one subschema each.
pub fn prefix_items(
    items: &[Node<'_>],
    checks: &[Check],
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    for (index, (item, check)) in items.iter().zip(checks).enumerate() {
        if report.done() {
            return;
        }
        check(
            item,
            &at.branch("prefixItems", index),
            &path.index(index),
            report,
        );
    }
}

/// `items`: every item is checked by the subschema.
#[inline(always)]
pub fn items(
    items: &[Node<'_>],
    check: Check,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    items_after(items, 0, check, at, path, report);
}

/// `items` next to `prefixItems`: the items after the first `from` are checked by the subschema.
#[inline(always)]
pub fn items_after(
    items: &[Node<'_>],
    from: usize,
    check: Check,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if report.done() || report.skips_children(at) {
        return;
    }
    let at = at.keyword("items");
    for (index, item) in items.iter().enumerate().skip(from) {
        check(item, &at, &path.index(index), report);
        if report.done() {
            return;
        }
    }
}

/// `minItems`.
#[inline(always)]
pub fn min_items(
    items: &[Node<'_>],
    limit: u64,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if (items.len() as u64) < limit {
        fail(
            report,
            "minItems",
            ErrorKind::MinItems { limit },
            because,
            at,
            path,
        );
    }
}

/// `maxItems`.
#[inline(always)]
pub fn max_items(
    items: &[Node<'_>],
    limit: u64,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if (items.len() as u64) > limit {
        fail(
            report,
            "maxItems",
            ErrorKind::MaxItems { limit },
            because,
            at,
            path,
        );
    }
}

/// `uniqueItems: true`.
pub fn unique_items(
    items: &[Node<'_>],
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if let Some((first, second)) = json::first_duplicate(items) {
        let kind = ErrorKind::UniqueItems { first, second };
        fail(report, "uniqueItems", kind, because, at, path);
    }
}

/// `contains` with `minContains` (`min`, 1 when absent) and `maxContains` (`max`).
pub fn contains(
    items: &[Node<'_>],
    check: Check,
    min: u64,
    max: Option<u64>,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if report.done() {
        return;
    }
    let schema = at.keyword("contains");
    let found = items
        .iter()
        .enumerate()
        .filter(|(index, item)| matches(check, item, &schema, &path.index(*index), report))
        .count();
    if (found as u64) < min {
        let keyword = if min == 1 { "contains" } else { "minContains" };
        let kind = ErrorKind::MinContains { limit: min, found };
        fail(report, keyword, kind, because, at, path);
    }
    if let Some(limit) = max.filter(|&max| found as u64 > max) {
        let kind = ErrorKind::MaxContains { limit, found };
        fail(report, "maxContains", kind, because, at, path);
    }
}

thread_local! {
    /// The answers of `matches` that a validation with `unevaluated*` keywords remembers: the
    /// number of that validation, and the answers.
    static REMEMBERED: std::cell::RefCell<(u64, std::collections::HashMap<Question, bool>)> =
        std::cell::RefCell::new((u64::MAX, std::collections::HashMap::new()));
}

/// A check, the address of an object or array of the document, and the dynamic scope.
type Question = (usize, usize, Vec<(u8, &'static str, usize)>);

/// From now until the validation ends, `matches` remembers its answers about objects and
/// arrays. `unevaluated*` asks each in-place subschema whether the value satisfies it, and
/// each answer validates every level below again: through a recursive schema, the work would
/// double with each level of nesting. Objects and arrays stay in place for the whole
/// validation, and the work below them is what grows; other values are not remembered.
fn remember_answers(report: &Report) {
    REMEMBERED.with(|cell| {
        let mut remembered = cell.borrow_mut();
        if remembered.0 != report.validation() {
            *remembered = (report.validation(), std::collections::HashMap::new());
        }
    });
}

/// True when `value` satisfies `check`; nothing is reported.
fn matches(
    check: Check,
    value: &Node<'_>,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &Report,
) -> bool {
    let answer = || {
        let mut probe = report.probe();
        check(value, at, path, &mut probe);
        probe.is_valid()
    };
    if !matches!(value, Node::Object(_) | Node::Array(_)) {
        return answer();
    }
    let validation = report.validation();
    let mut question = None;
    let known = REMEMBERED.with(|cell| {
        let remembered = cell.borrow();
        if remembered.0 != validation {
            return None;
        }
        let asked: Question = (
            check as usize,
            value as *const Node<'_> as usize,
            at.scope_key(),
        );
        let known = remembered.1.get(&asked).copied();
        question = Some(asked);
        known
    });
    if let Some(known) = known {
        return known;
    }
    // Not borrowed while checking: the check may ask again, deeper down.
    let found = answer();
    if let Some(question) = question {
        REMEMBERED.with(|cell| {
            let mut remembered = cell.borrow_mut();
            if remembered.0 == validation {
                remembered.1.insert(question, found);
            }
        });
    }
    found
}

/// `allOf`: every subschema applies.
pub fn all_of(
    value: &Node<'_>,
    branches: &[Check],
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if report.done() {
        return;
    }
    for (index, check) in branches.iter().enumerate() {
        check(value, &at.branch("allOf", index), path, report);
        if report.done() {
            return;
        }
    }
}

/// Reports every branch's errors, each marked with its branch, after a combinator matched none.
fn report_every_branch(
    keyword: &'static str,
    value: &Node<'_>,
    branches: &[Check],
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    let location = at.keyword_location(keyword);
    for (index, check) in branches.iter().enumerate() {
        if report.done() {
            break;
        }
        let mut errors = report.sibling();
        check(value, &at.branch(keyword, index), path, &mut errors);
        report.absorb_branch(&location, index, errors);
    }
}

/// For a response read tolerantly (`Report::tolerant`) where no branch matches strictly: true
/// when exactly one branch matches but for drift, whose drift then becomes the report's
/// warnings. For `oneOf`, two such branches leave the value ambiguous, which stays an error;
/// for `anyOf` the first one is taken.
fn matches_but_for_drift(
    keyword: &'static str,
    value: &Node<'_>,
    branches: &[Check],
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) -> bool {
    if !report.is_tolerant() {
        return false;
    }
    let mut found = None;
    for (index, check) in branches.iter().enumerate() {
        let mut tolerant = report.tolerant_sibling();
        check(value, &at.branch(keyword, index), path, &mut tolerant);
        if tolerant.is_valid() {
            if found.is_some() {
                return false;
            }
            found = Some(tolerant);
            if keyword == "anyOf" {
                break;
            }
        }
    }
    match found {
        Some(branch) => {
            report.absorb_drift(branch);
            true
        }
        None => false,
    }
}

/// `anyOf`: at least one subschema matches.
pub fn any_of(
    value: &Node<'_>,
    branches: &[Check],
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if report.done() {
        return;
    }
    let matched = branches
        .iter()
        .enumerate()
        .any(|(index, check)| matches(*check, value, &at.branch("anyOf", index), path, report));
    if !matched && !matches_but_for_drift("anyOf", value, branches, at, path, report) {
        fail(report, "anyOf", ErrorKind::AnyOf, because, at, path);
        report_every_branch("anyOf", value, branches, at, path, report);
    }
}

/// A property whose constant value selects exactly one `oneOf` branch.
#[derive(Debug)]
pub struct Discriminator {
    /// The property's name.
    pub property: &'static str,
    /// Each constant and the index of the branch it selects.
    pub values: &'static [(&'static str, usize)],
    /// The constants as a JSON array, for the error.
    pub allowed: &'static str,
}

/// `oneOf`: exactly one subschema matches. With a discriminator, a recognised value selects its
/// branch (only that branch's errors are relevant), and an unrecognised one is one error at the
/// discriminator property.
pub fn one_of(
    value: &Node<'_>,
    branches: &[Check],
    discriminator: Option<&Discriminator>,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if report.done() {
        return;
    }
    if let Some(discriminator) = discriminator {
        if let Some(selected) = value.get(discriminator.property).and_then(Node::as_str) {
            match discriminator
                .values
                .iter()
                .find(|(constant, _)| *constant == selected)
            {
                Some(&(_, index)) => {
                    branches[index](value, &at.branch("oneOf", index), path, report)
                }
                None => {
                    let kind = ErrorKind::Discriminator {
                        property: discriminator.property,
                        allowed: discriminator.allowed,
                    };
                    let property = path.key(discriminator.property);
                    fail(report, "oneOf", kind, because, at, &property);
                }
            }
            return;
        }
    }
    let branch_matches = |index: usize| {
        matches(
            branches[index],
            value,
            &at.branch("oneOf", index),
            path,
            report,
        )
    };
    // Counting stops at the second match; only the error lists every matching branch.
    let mut matching = (0..branches.len()).filter(|&index| branch_matches(index));
    let (first, second) = (matching.next(), matching.next());
    let others: Vec<usize> = match second {
        Some(_) => matching.collect(),
        None => Vec::new(),
    };
    match (first, second) {
        (Some(_), None) => {}
        (None, _) if matches_but_for_drift("oneOf", value, branches, at, path, report) => {}
        (None, _) => {
            fail(report, "oneOf", ErrorKind::OneOfNone, because, at, path);
            report_every_branch("oneOf", value, branches, at, path, report);
        }
        (Some(first), Some(second)) => {
            let matched = [first, second].into_iter().chain(others).collect();
            let kind = ErrorKind::OneOfMany { matched };
            fail(report, "oneOf", kind, because, at, path);
        }
    }
}

/// `not`: the subschema must not match.
pub fn not(
    value: &Node<'_>,
    check: Check,
    because: Because,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if report.done() {
        return;
    }
    if matches(check, value, &at.keyword("not"), path, report) {
        fail(report, "not", ErrorKind::Not, because, at, path);
    }
}

/// `if` / `then` / `else`.
pub fn if_then_else(
    value: &Node<'_>,
    condition: Check,
    then: Option<Check>,
    otherwise: Option<Check>,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    if report.done() {
        return;
    }
    let (keyword, branch) = if matches(condition, value, &at.keyword("if"), path, report) {
        ("then", then)
    } else {
        ("else", otherwise)
    };
    if let Some(check) = branch {
        check(value, &at.keyword(keyword), path, report);
    }
}

/// The `false` schema: nothing is accepted.
pub fn nothing(
    value: &Node<'_>,
    at: &SchemaPath<'_>,
    path: &InstancePath<'_>,
    report: &mut Report,
) {
    let _ = value;
    report.fail_because(path, at, "false", ErrorKind::FalseSchema, None);
}

#[cfg(test)]
mod tests {
    use super::sorted_contains;

    #[test]
    fn sorted_tables_find_exactly_their_members() {
        let mut table = vec![
            "",
            "a",
            "a\0",
            "a\0b",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "abcdefgg",
            "b",
            "Z",
            "\u{e9}",
            "\u{e9}a",
            "USA",
            "US",
            "zzzzzzzz",
            "zzzzzzzzz",
        ];
        table.sort();
        let absent = [
            "USB",
            "a\0\0",
            "abcdefghj",
            "abcdefg",
            "zzzzzzzzzz",
            "\u{e8}",
            "0",
        ];
        for size in 0..=table.len() {
            let part = &table[..size];
            for word in table.iter().chain(&absent) {
                assert_eq!(
                    sorted_contains(part, word),
                    part.contains(word),
                    "{word:?} in {part:?}"
                );
            }
        }
    }
}
