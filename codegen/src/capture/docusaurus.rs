//! Docusaurus pages made by docusaurus-plugin-openapi-docs (seed 004).
//!
//! The plugin renders each property as a name, a type (`string`, `object[]`, `string<date-time>`,
//! `Title (string)`), badges (`required`, `nullable`, `deprecated`), then one qualifier line
//! (`Possible values: [M, F, O]`, `` `non-empty` ``, `>= 2 characters and <= 4 characters`,
//! `>= 1`, `Value must match regular expression …`), a description, and `Default value:`,
//! `Constant value:` or `Example:` lines. Arrays of objects wrap their items in `Array [` … `]`;
//! objects have no end marker. Request parameters come under `Path Parameters`, `Query
//! Parameters` and `Header Parameters`, the body under `Body`, and `Responses` lists the status
//! codes, then for each a description, its schema and an `Example (from schema)` sample.
//!
//! Text extractions lose the indentation, often the leaf names (seed 004 keeps only
//! `basicData object required`), sometimes blank lines and bullets, and glue badges to the type
//! (`id stringrequired`, `dataobject[]required`). Where names are lost, a re-capture matches each
//! unnamed field against the checked-in schema by its parent, its order and its description or
//! qualifier; anything else is a note, and a first capture names such fields `unnamed_1`, … .

use super::nesting::resolve;
use super::page::{folded, json_block, Operation, Page};
use super::samples::{self, SampleNote};
use super::{excerpt, pascal_case, singular, Body, CaptureError};
use crate::error::pointer_push;
use serde_json::{json, Map, Number, Value};
use std::collections::{BTreeMap, BTreeSet};

// ---------------------------------------------------------------------------------------------
// Lines

/// A line as the plugin wrote it, without what extractions add around it: list bullets, Markdown
/// emphasis and code marks, heading marks and anchors, escapes, zero-width spaces, and the
/// brackets some extractions put around tab labels (`[application/json]`).
fn clean(raw: &str) -> String {
    let mut line: String = raw
        .chars()
        .filter(|c| !matches!(c, '\u{200b}' | '\u{feff}'))
        .collect();
    while let Some(at) = line.find("[](") {
        let end = line[at..].find(')').map_or(line.len(), |e| at + e + 1);
        line.replace_range(at..end, "");
    }
    let mut text = line.trim();
    loop {
        let before = text;
        text = text.trim_start_matches('#').trim_start();
        for bullet in ["- ", "* ", "• ", "+ "] {
            text = text.strip_prefix(bullet).unwrap_or(text).trim_start();
        }
        if matches!(text, "-" | "*" | "•" | "+") {
            text = "";
        }
        if before == text {
            break;
        }
    }
    if text.starts_with("```") {
        return "```".to_owned();
    }
    let mut text = text.replace("**", "").replace('`', "");
    // A pattern keeps its backslashes; elsewhere they are Markdown escapes.
    if !text.contains("regular expression") {
        for escaped in ["\\_", "\\*", "\\[", "\\]", "\\#", "\\<", "\\>"] {
            text = text.replace(escaped, &escaped[1..]);
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        Some(inner) if label(&folded(inner)).is_some() || is_mime(inner) => inner.to_owned(),
        _ => text,
    }
}

/// The tab labels and titles around a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Schema,
    FromSchema,
    Example,
    ResponseHeaders,
}

fn label(folded_line: &str) -> Option<Label> {
    match folded_line {
        "schema" => Some(Label::Schema),
        "example (from schema)" => Some(Label::FromSchema),
        "example" | "examples" => Some(Label::Example),
        "response headers" => Some(Label::ResponseHeaders),
        _ => None,
    }
}

/// `application/json`, `text/event-stream`: the media-type tabs.
fn is_mime(text: &str) -> bool {
    const TOP: &[&str] = &[
        "application",
        "text",
        "multipart",
        "image",
        "audio",
        "video",
        "font",
        "*",
    ];
    text.split_once('/').is_some_and(|(top, sub)| {
        TOP.contains(&top)
            && !sub.is_empty()
            && sub
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+-.*".contains(c))
    })
}

/// The request's parameter sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Params {
    Path,
    Query,
    Header,
    Cookie,
}

impl Params {
    fn key(self) -> &'static str {
        match self {
            Params::Path => "pathParameters",
            Params::Query => "queryParameters",
            Params::Header => "headerParameters",
            Params::Cookie => "cookieParameters",
        }
    }
}

/// The badges after a type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Badges {
    required: bool,
    nullable: bool,
    deprecated: bool,
}

impl Badges {
    fn any(self) -> bool {
        self.required || self.nullable || self.deprecated
    }

    fn or(self, other: Badges) -> Badges {
        Badges {
            required: self.required || other.required,
            nullable: self.nullable || other.nullable,
            deprecated: self.deprecated || other.deprecated,
        }
    }
}

/// A type as the plugin prints it: `string`, `integer<int64>`, `object[]`, `any`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct TypeWord {
    /// `None` for `any`.
    base: Option<&'static str>,
    format: Option<String>,
    /// How many `[]` follow.
    depth: usize,
}

impl TypeWord {
    fn is_object(&self) -> bool {
        self.base == Some("object")
    }
}

/// What one cleaned line is.
#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Blank,
    /// A section heading: `Request`, the API explorer's lines, anything that holds no field.
    Ignored,
    Params(Params),
    Body,
    Responses,
    Mime,
    Label(Label),
    Open,
    Close,
    Fence,
    Json,
    Qualifier(String),
    Default(String),
    Constant(String),
    Example(String),
    EnumTable,
    Badges(Badges),
    Type(TypeWord, Badges),
    Header(String, TypeWord, Badges),
    Combinator(String),
    Text(String),
}

/// Longer lines are never headers or badges.
const MAX_HEADER_CHARS: usize = 200;

const BASES: [&str; 7] = [
    "string", "number", "integer", "boolean", "object", "array", "null",
];

/// `stringnullablerequired` -> `("string", nullable and required)`.
fn split_badges(text: &str) -> (&str, Badges) {
    let mut rest = text.trim_end();
    let mut badges = Badges::default();
    loop {
        if let Some(r) = rest.strip_suffix("required") {
            badges.required = true;
            rest = r.trim_end();
        } else if let Some(r) = rest.strip_suffix("nullable") {
            badges.nullable = true;
            rest = r.trim_end();
        } else if let Some(r) = rest.strip_suffix("deprecated") {
            badges.deprecated = true;
            rest = r.trim_end();
        } else {
            return (rest, badges);
        }
    }
}

/// `string`, `string<date-time>`, `object[]`, `any`, `string | null` (a nullable union).
fn type_word(word: &str) -> Option<(TypeWord, bool)> {
    if word.contains(" | ") {
        let parts: Vec<&str> = word.split(" | ").collect();
        let others: Vec<&str> = parts.iter().copied().filter(|p| *p != "null").collect();
        return match others.as_slice() {
            [one] if parts.len() == 2 => type_word(one).map(|(t, _)| (t, true)),
            _ => None,
        };
    }
    let mut rest = word;
    let mut depth = 0;
    while let Some(r) = rest.strip_suffix("[]") {
        depth += 1;
        rest = r;
    }
    if rest == "any" {
        return Some((
            TypeWord {
                base: None,
                format: None,
                depth,
            },
            false,
        ));
    }
    let (base, format) = match rest.split_once('<') {
        Some((base, format)) => (base, Some(format.strip_suffix('>')?)),
        None => (rest, None),
    };
    let base = BASES.iter().copied().find(|b| *b == base)?;
    if let Some(format) = format {
        let valid = !format.is_empty()
            && format.len() <= 64
            && format
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
        if !valid {
            return None;
        }
    }
    Some((
        TypeWord {
            base: Some(base),
            format: format.map(str::to_owned),
            depth,
        },
        false,
    ))
}

/// A type line without a name: `object`, `object[]required`, `string nullable`.
fn type_line(text: &str) -> Option<(TypeWord, Badges)> {
    let (word, mut badges) = split_badges(text);
    let (ty, nullable) = type_word(word)?;
    badges.nullable |= nullable;
    Some((ty, badges))
}

/// A property name as pages print them: `email`, `created_at`, `X-Request-Id`, `$ref`.
fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    text.len() <= 128
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || "_$@".contains(c))
        && chars.all(|c| c.is_ascii_alphanumeric() || "_$@-.".contains(c))
        && !text.chars().all(|c| c.is_ascii_digit())
        && split_badges(text).0 == text
}

/// `email string`, `id stringrequired`, `content Text content (string)required`, the glued
/// `dataobject[]required`, and `property name* any` (additional properties, named `*`).
fn header_line(text: &str) -> Option<(String, TypeWord, Badges)> {
    if let Some(rest) = text.strip_prefix("property name*") {
        let (ty, badges) = type_line(rest.trim())?;
        return Some(("*".to_owned(), ty, badges));
    }
    let (name, rest) = match text.split_once(' ') {
        Some((name, rest)) => (name, rest.trim()),
        None => glued_header(text)?,
    };
    if !is_name(name) {
        return None;
    }
    let (word, mut badges) = split_badges(rest);
    let (ty, nullable) = type_word(word).or_else(|| titled_type(word))?;
    badges.nullable |= nullable;
    Some((name.to_owned(), ty, badges))
}

/// `Text content (string)`: a schema's title with its type.
fn titled_type(word: &str) -> Option<(TypeWord, bool)> {
    let (title, inner) = word.strip_suffix(')')?.rsplit_once(" (")?;
    let plain = !title.is_empty()
        && title
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
    plain.then(|| type_word(inner)).flatten()
}

/// `dataobject[]required` -> `("data", "object[]required")`: only when something after the type
/// word (`[]`, `<…>` or a badge) shows where the name ends, so `substring` stays one word.
fn glued_header(text: &str) -> Option<(&str, &str)> {
    (1..text.len()).find_map(|at| {
        let (name, rest) = (text.get(..at)?, text.get(at..)?);
        let (word, badges) = split_badges(rest);
        let marked = badges.any() || word.contains("[]") || word.contains('<');
        (marked && BASES.iter().any(|b| word.starts_with(b)) && type_word(word).is_some())
            .then_some((name, rest))
    })
}

/// A line of badges only: `required`, `nullable required`, `nullablerequired`.
fn badges_line(text: &str) -> Option<Badges> {
    let (rest, badges) = split_badges(text);
    (rest.is_empty() && badges.any()).then_some(badges)
}

fn strip_prefix_folded<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text[prefix.len()..].trim())
}

fn classify(text: &str) -> Kind {
    if text.is_empty() {
        return Kind::Blank;
    }
    let low = folded(text);
    let body = low
        .strip_prefix("body")
        .map(|rest| rest.trim().trim_start_matches("array").trim());
    if body.is_some_and(|rest| rest.is_empty() || badges_line(rest).is_some()) {
        return Kind::Body;
    }
    match low.as_str() {
        "request"
        | "request collapse all"
        | "collapse all"
        | "send api request"
        | "response clear"
        | "loading..." => return Kind::Ignored,
        "path parameters" => return Kind::Params(Params::Path),
        "query parameters" => return Kind::Params(Params::Query),
        "header parameters" => return Kind::Params(Params::Header),
        "cookie parameters" => return Kind::Params(Params::Cookie),
        "responses" => return Kind::Responses,
        "array [" => return Kind::Open,
        "]" => return Kind::Close,
        "oneof" | "anyof" => return Kind::Combinator(text.to_owned()),
        "enum value description" => return Kind::EnumTable,
        _ => {}
    }
    if let Some(found) = label(&low) {
        return Kind::Label(found);
    }
    if is_mime(text) {
        return Kind::Mime;
    }
    if text.starts_with("```") {
        return Kind::Fence;
    }
    if is_json_start(text) {
        return Kind::Json;
    }
    if let Some(rest) = strip_prefix_folded(text, "possible values:") {
        return Kind::Qualifier(rest.to_owned());
    }
    if let Some(rest) = strip_prefix_folded(text, "default value:") {
        return Kind::Default(rest.to_owned());
    }
    if let Some(rest) = strip_prefix_folded(text, "constant value:") {
        return Kind::Constant(rest.to_owned());
    }
    if let Some(rest) = strip_prefix_folded(text, "example:") {
        return Kind::Example(rest.to_owned());
    }
    let bare_qualifier = ["non-empty", ">", "<", "value must match regular expression"]
        .iter()
        .any(|p| low.starts_with(p));
    if bare_qualifier && groups(text).is_ok() {
        return Kind::Qualifier(text.to_owned());
    }
    // Longer lines are prose; and a glued name is looked for letter by letter.
    if text.len() > MAX_HEADER_CHARS {
        return Kind::Text(text.to_owned());
    }
    if let Some(badges) = badges_line(text) {
        return Kind::Badges(badges);
    }
    if let Some((ty, badges)) = type_line(text) {
        return Kind::Type(ty, badges);
    }
    if let Some((name, ty, badges)) = header_line(text) {
        return Kind::Header(name, ty, badges);
    }
    Kind::Text(text.to_owned())
}

/// `{`, `{"a": 1}`, `{ "a"`, `[{`, `[` alone: where a sample starts (a description rarely does).
fn is_json_start(text: &str) -> bool {
    let mut chars = text.chars().filter(|c| !c.is_whitespace());
    matches!(
        (chars.next(), chars.next()),
        (Some('{'), None | Some('"' | '}')) | (Some('['), None | Some('{' | ']'))
    )
}

// ---------------------------------------------------------------------------------------------
// Qualifiers

/// One group of a qualifier message, as `getQualifierMessage` joins them with ", ".
#[derive(Clone, Debug, PartialEq)]
enum Group {
    Values(Vec<String>),
    MinLength(u64),
    MaxLength(u64),
    /// `>= N` (`false`) or `> N` (`true`).
    Lower(Number, bool),
    Upper(Number, bool),
    Pattern(String),
}

const QUALIFIER_FORMS: &str = "expected `[a, b]`, `non-empty`, `>= N characters`, `<= N characters`, `>= N`, `> N`, `<= N`, `< N` or `Value must match regular expression …`, joined by `, ` or ` and `";

/// The groups of `[M, F, O]`, `>= 2 characters and <= 4 characters`, `>= 1, <= 5`, ….
fn groups(text: &str) -> Result<Vec<Group>, String> {
    let mut found = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[') {
            let Some(end) = inner.find(']') else {
                return Err(format!(
                    "`{}`: the list of values has no closing `]`",
                    excerpt(text)
                ));
            };
            let values = inner[..end]
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
                .collect();
            found.push(Group::Values(values));
            rest = next_group(&inner[end + 1..], text)?;
        } else if let Some(pattern) =
            strip_prefix_folded(rest, "value must match regular expression")
        {
            // The pattern runs to the end, but for the groups the plugin prints after it.
            let (pattern, after) = split_trailing_groups(pattern);
            found.push(Group::Pattern(pattern.to_owned()));
            rest = after;
            if let Some(after) = rest.strip_prefix(',') {
                rest = after.trim();
            }
        } else {
            let (group, after) = rest.split_once(", ").unwrap_or((rest, ""));
            for part in group.split(" and ") {
                found.push(bound(part.trim()).ok_or_else(|| {
                    format!("unknown qualifier `{}`: {QUALIFIER_FORMS}", excerpt(part))
                })?);
            }
            rest = after.trim();
        }
    }
    Ok(found)
}

/// What follows a group: nothing, or `, ` and the next group.
fn next_group<'a>(rest: &'a str, whole: &str) -> Result<&'a str, String> {
    let rest = rest.trim();
    if rest.is_empty() {
        return Ok(rest);
    }
    rest.strip_prefix(',')
        .map(str::trim)
        .ok_or_else(|| format!("unknown qualifier `{}`: {QUALIFIER_FORMS}", excerpt(whole)))
}

/// A pattern, and the groups after it (`, [a, b]` of a discriminator, `, >= 1` of `minItems`).
fn split_trailing_groups(pattern: &str) -> (&str, &str) {
    let mut cut = pattern.len();
    loop {
        let head = &pattern[..cut];
        let found = match head.ends_with(']') {
            true => head.rfind(", ["),
            false => head.rfind(", "),
        };
        let Some(at) = found else { break };
        let tail = &head[at + 2..];
        let is_group = (tail.starts_with('[') && tail.ends_with(']'))
            || (bound(tail).is_some() && !tail.contains("characters"));
        if !is_group {
            break;
        }
        cut = at;
    }
    (pattern[..cut].trim(), pattern[cut..].trim())
}

/// `non-empty`, `>= 2 characters`, `<= 4 characters`, `>= 1`, `> 0.5`, `<= 64`, `< 5`.
fn bound(part: &str) -> Option<Group> {
    if part == "non-empty" {
        return Some(Group::MinLength(1));
    }
    let (op, rest) = [">=", "<=", ">", "<"]
        .iter()
        .find_map(|op| part.strip_prefix(op).map(|rest| (*op, rest.trim())))?;
    if let Some(count) = rest.strip_suffix("characters") {
        let count: u64 = count.trim().parse().ok()?;
        return match op {
            ">=" => Some(Group::MinLength(count)),
            "<=" => Some(Group::MaxLength(count)),
            _ => None,
        };
    }
    let number = number(rest)?;
    Some(match op {
        ">=" => Group::Lower(number, false),
        ">" => Group::Lower(number, true),
        "<=" => Group::Upper(number, false),
        _ => Group::Upper(number, true),
    })
}

fn number(text: &str) -> Option<Number> {
    match text.parse::<i64>() {
        Ok(whole) => Some(whole.into()),
        Err(_) => text.parse::<f64>().ok().and_then(Number::from_f64),
    }
}

/// A value printed by `Default value:`, `Constant value:` or `Example:`: as written for strings,
/// as JSON otherwise (the plugin prints non-strings with `JSON.stringify`).
fn literal(text: &str, base: Option<&str>) -> Result<Value, String> {
    let json = || serde_json::from_str::<Value>(text).ok();
    match base {
        Some("string") => Ok(json!(text)),
        Some("integer" | "number") => number(text)
            .map(Value::Number)
            .ok_or_else(|| format!("`{}`: expected a number", excerpt(text))),
        Some("boolean") => match text {
            "true" => Ok(json!(true)),
            "false" => Ok(json!(false)),
            _ => Err(format!("`{}`: expected true or false", excerpt(text))),
        },
        Some(_) => json().ok_or_else(|| format!("`{}`: expected JSON", excerpt(text))),
        None => Ok(json()
            .filter(|v| !v.is_string())
            .unwrap_or_else(|| json!(text))),
    }
}

// ---------------------------------------------------------------------------------------------
// Reading: lines into fields, by section

/// Where a field's qualifier line stands relative to its description. The plugin has printed
/// both orders over its versions (seed 004 and most pages: the qualifier first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Order {
    QualifierFirst,
    DescriptionFirst,
}

/// The kinds of line a field collects after its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Qualifier,
    Constant,
    Default,
    Description,
    Example,
}

impl Part {
    /// Where the part stands in a field, so that an unnamed field ends where a part comes again
    /// or out of order.
    fn slot(self, order: Order) -> u8 {
        match (order, self) {
            (Order::QualifierFirst, Part::Qualifier) => 1,
            (Order::QualifierFirst, Part::Constant) => 2,
            (Order::QualifierFirst, Part::Default) => 3,
            (Order::QualifierFirst, Part::Description) => 4,
            (Order::DescriptionFirst, Part::Description) => 1,
            (Order::DescriptionFirst, Part::Qualifier) => 2,
            (Order::DescriptionFirst, Part::Constant) => 3,
            (Order::DescriptionFirst, Part::Default) => 4,
            (_, Part::Example) => 5,
        }
    }
}

/// One property as the page shows it.
#[derive(Clone, Debug, Default)]
struct Field {
    /// 1-based line where the field starts.
    line: usize,
    name: Option<String>,
    ty: Option<TypeWord>,
    badges: Badges,
    /// The page shows a name or type line for it: the lines after it are its own.
    header: bool,
    qualifier: Option<(usize, String)>,
    constant: Option<(usize, String)>,
    default: Option<(usize, String)>,
    description: Option<String>,
    example: Option<(usize, String)>,
    /// The last part an unnamed field collected.
    slot: u8,
}

impl Field {
    fn is_container(&self) -> bool {
        self.ty.as_ref().is_some_and(TypeWord::is_object)
    }

    fn has(&self, part: Part) -> bool {
        match part {
            Part::Qualifier => self.qualifier.is_some(),
            Part::Constant => self.constant.is_some(),
            Part::Default => self.default.is_some(),
            Part::Description => self.description.is_some(),
            Part::Example => self.example.is_some(),
        }
    }

    fn put(&mut self, part: Part, line: usize, text: String) {
        match part {
            Part::Qualifier => self.qualifier = Some((line, text)),
            Part::Constant => self.constant = Some((line, text)),
            Part::Default => self.default = Some((line, text)),
            Part::Example => self.example = Some((line, text)),
            Part::Description => match &mut self.description {
                Some(before) => {
                    before.push(' ');
                    before.push_str(&text);
                }
                None => self.description = Some(text),
            },
        }
    }

    /// How notes quote an unnamed field: its description, or else its first other line.
    fn quoted(&self) -> String {
        let text = match (&self.description, &self.qualifier, &self.default) {
            (Some(d), _, _) => d.clone(),
            (None, Some((_, q)), _) => format!("Possible values: {q}"),
            (None, None, Some((_, d))) => format!("Default value: {d}"),
            _ => String::new(),
        };
        excerpt(&text)
    }
}

/// A field, or one of the `Array [` … `]` lines that wrap an array's items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Entry {
    Field(usize),
    Open(usize),
    Close(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum ScopeKind {
    Params(Params),
    Body,
    Response(String),
}

/// One section that lists fields: a parameter list, the body, or one response's schema.
#[derive(Debug)]
struct Scope {
    kind: ScopeKind,
    /// A response's description.
    description: Option<String>,
    fields: Vec<Field>,
    entries: Vec<Entry>,
    /// The `Example (from schema)` (responses) or request example that came with it.
    sample: Option<Value>,
}

impl Scope {
    fn new(kind: ScopeKind) -> Scope {
        Scope {
            kind,
            description: None,
            fields: Vec::new(),
            entries: Vec::new(),
            sample: None,
        }
    }
}

struct Reader<'p> {
    page: &'p Page,
    lines: Vec<String>,
    kinds: Vec<Kind>,
    order: Order,
    /// The order comes from the page's own named leaves, not from the plugin's usual one.
    order_shown: bool,
    /// The page shows leaf names or types, so a container's own description follows its header
    /// (otherwise the lines after `basicData object` are its unnamed children).
    leaf_headers: bool,
    unreadable: Vec<CaptureError>,
}

impl<'p> Reader<'p> {
    fn new(page: &'p Page) -> Reader<'p> {
        let lines: Vec<String> = page.lines.iter().map(|l| clean(l)).collect();
        let kinds: Vec<Kind> = lines.iter().map(|l| classify(l)).collect();
        let leaf_headers = kinds.iter().any(|k| match k {
            Kind::Header(_, ty, _) | Kind::Type(ty, _) => !ty.is_object(),
            _ => false,
        });
        let shown = Self::order(&kinds);
        Reader {
            page,
            lines,
            kinds,
            order: shown.unwrap_or(Order::QualifierFirst),
            order_shown: shown.is_some(),
            leaf_headers,
            unreadable: Vec::new(),
        }
    }

    /// The order the page's own named leaves show, if any shows both a qualifier and a
    /// description before the next field.
    fn order(kinds: &[Kind]) -> Option<Order> {
        let leaf =
            |k: &Kind| matches!(k, Kind::Header(_, ty, _) | Kind::Type(ty, _) if !ty.is_object());
        let next_field = |i: usize| match &kinds[i] {
            // A name line: its type follows.
            Kind::Text(text) if is_name(text) => kinds[i + 1..]
                .iter()
                .take(64)
                .find(|k| **k != Kind::Blank)
                .is_some_and(|k| matches!(k, Kind::Type(..))),
            _ => false,
        };
        (0..kinds.len()).filter(|&i| leaf(&kinds[i])).find_map(|i| {
            let mut first = None;
            for j in (i + 1..kinds.len()).take(64) {
                match (&kinds[j], first) {
                    (Kind::Blank | Kind::Badges(_), _) => {}
                    _ if next_field(j) => return None,
                    (Kind::Qualifier(_), None) => first = Some(Part::Qualifier),
                    (Kind::Text(_), None) => first = Some(Part::Description),
                    (Kind::Text(_), Some(Part::Qualifier)) => return Some(Order::QualifierFirst),
                    (Kind::Qualifier(_), Some(Part::Description)) => {
                        return Some(Order::DescriptionFirst)
                    }
                    (Kind::Text(_) | Kind::Qualifier(_), _) => {}
                    (Kind::Default(_) | Kind::Constant(_) | Kind::Example(_), _) => {}
                    _ => return None,
                }
            }
            None
        })
    }

    fn problem(&mut self, index: usize, message: impl Into<String>) {
        self.unreadable
            .push(CaptureError::at(Page::number(index), message));
    }

    fn next_non_blank(&self, from: usize, end: usize) -> Option<usize> {
        (from..end).find(|&i| self.kinds[i] != Kind::Blank)
    }

    /// Every section that lists fields, in page order.
    fn scopes(&mut self) -> Vec<Scope> {
        let n = self.kinds.len();
        let section_end = |kinds: &[Kind], from: usize| {
            (from..n)
                .find(|&i| matches!(kinds[i], Kind::Params(_) | Kind::Body | Kind::Responses))
                .unwrap_or(n)
        };
        let mut scopes = Vec::new();
        let mut i = 0;
        while i < n {
            match self.kinds[i].clone() {
                Kind::Params(params) => {
                    let end = section_end(&self.kinds, i + 1);
                    scopes.push(self.fields(ScopeKind::Params(params), i + 1, end));
                    i = end;
                }
                Kind::Body => {
                    let end = section_end(&self.kinds, i + 1);
                    scopes.push(self.fields(ScopeKind::Body, i + 1, end));
                    i = end;
                }
                Kind::Responses => {
                    self.responses(i, &mut scopes);
                    break;
                }
                _ => i += 1,
            }
        }
        // An API explorer's `Body` shows only the request example: it joins the body's fields.
        let sample = scopes
            .iter()
            .filter(|s| s.kind == ScopeKind::Body && s.fields.is_empty())
            .find_map(|s| s.sample.clone());
        let mut seen_body = false;
        scopes.retain(|s| {
            let keep = s.kind != ScopeKind::Body || (!s.fields.is_empty() && !seen_body);
            seen_body |= keep && s.kind == ScopeKind::Body;
            keep || (s.kind == ScopeKind::Body && !seen_body)
        });
        if let Some(body) = scopes.iter_mut().find(|s| s.kind == ScopeKind::Body) {
            if body.sample.is_none() {
                body.sample = sample;
            }
        }
        scopes
    }

    /// The fields of lines `start..end`, under the heading at `heading`.
    fn fields(&mut self, kind: ScopeKind, start: usize, end: usize) -> Scope {
        let mut scope = Scope::new(kind);
        let mut current: Option<usize> = None;
        let mut j = start;
        while j < end {
            let line = Page::number(j);
            match self.kinds[j].clone() {
                Kind::Open => {
                    scope.entries.push(Entry::Open(line));
                    current = None;
                }
                Kind::Close => {
                    scope.entries.push(Entry::Close(line));
                    current = None;
                }
                Kind::Json => {
                    match json_block(self.page, j, &self.page.lines[j]) {
                        Some((text, next)) => {
                            if let Ok(value) = serde_json::from_str::<Value>(&text) {
                                scope.sample.get_or_insert(value);
                                j = next;
                                continue;
                            }
                            self.attach(&mut scope, &mut current, Part::Description, line, self.lines[j].clone());
                        }
                        None => {
                            self.problem(j, "the page ends inside this example: expected its closing `}`");
                            return scope;
                        }
                    }
                }
                Kind::Combinator(word) => self.problem(
                    j,
                    format!("`{word}` alternatives (one tab each) are not captured: write this part of the schema by hand"),
                ),
                Kind::EnumTable => {
                    // `| Enum Value | Description |` rows repeat the values the qualifier lists.
                    j += 1;
                    while j < end && matches!(self.kinds[j], Kind::Text(_) | Kind::Blank) {
                        j += 1;
                    }
                    continue;
                }
                Kind::Header(name, ty, badges) => {
                    current = Some(Self::start(&mut scope, line, Some(name), Some(ty), badges));
                }
                Kind::Type(ty, badges) => {
                    current = Some(Self::start(&mut scope, line, None, Some(ty), badges));
                }
                Kind::Text(text) => {
                    let type_after = self
                        .next_non_blank(j + 1, end)
                        .filter(|&t| matches!(self.kinds[t], Kind::Type(..)));
                    match type_after {
                        // The name alone on its line, the type on the next (`basicData` / `object`).
                        Some(t) if is_name(&text) => {
                            let Kind::Type(ty, badges) = self.kinds[t].clone() else {
                                unreachable!("checked above")
                            };
                            current =
                                Some(Self::start(&mut scope, line, Some(text), Some(ty), badges));
                            j = t + 1;
                            continue;
                        }
                        _ => self.attach(&mut scope, &mut current, Part::Description, line, text),
                    }
                }
                Kind::Qualifier(first) => match self.qualifier_text(j, end, &first) {
                    Ok((text, next)) => {
                        self.attach(&mut scope, &mut current, Part::Qualifier, line, text);
                        j = next;
                        continue;
                    }
                    Err(message) => {
                        self.problem(j, message);
                        return scope;
                    }
                },
                Kind::Default(text) => self.attach(&mut scope, &mut current, Part::Default, line, text),
                Kind::Constant(text) => self.attach(&mut scope, &mut current, Part::Constant, line, text),
                Kind::Example(text) => self.attach(&mut scope, &mut current, Part::Example, line, text),
                Kind::Badges(badges) => {
                    if let Some(field) = current.map(|c| &mut scope.fields[c]) {
                        let bare = field.qualifier.is_none() && field.description.is_none();
                        if field.header && bare {
                            field.badges = field.badges.or(badges);
                        }
                    }
                }
                Kind::Blank
                | Kind::Ignored
                | Kind::Mime
                | Kind::Label(_)
                | Kind::Fence
                | Kind::Body
                | Kind::Responses
                | Kind::Params(_) => {}
            }
            j += 1;
        }
        scope
    }

    fn start(
        scope: &mut Scope,
        line: usize,
        name: Option<String>,
        ty: Option<TypeWord>,
        badges: Badges,
    ) -> usize {
        scope.fields.push(Field {
            line,
            name,
            ty,
            badges,
            header: true,
            ..Field::default()
        });
        scope.entries.push(Entry::Field(scope.fields.len() - 1));
        scope.fields.len() - 1
    }

    /// Gives a line to the field being read, or starts an unnamed field with it. A header takes
    /// every line up to the next header (a container only where leaves have headers too); an
    /// unnamed field ends where one of its parts comes again or out of the page's order.
    fn attach(
        &self,
        scope: &mut Scope,
        current: &mut Option<usize>,
        part: Part,
        line: usize,
        text: String,
    ) {
        let slot = part.slot(self.order);
        if let Some(field) = current.map(|c| &mut scope.fields[c]) {
            let takes = if field.header {
                (!field.is_container() || self.leaf_headers)
                    && (part == Part::Description || !field.has(part))
            } else {
                field.slot < slot
            };
            if takes {
                field.put(part, line, text);
                field.slot = slot;
                return;
            }
        }
        let mut field = Field {
            line,
            slot,
            ..Field::default()
        };
        field.put(part, line, text);
        scope.fields.push(field);
        scope.entries.push(Entry::Field(scope.fields.len() - 1));
        *current = Some(scope.fields.len() - 1);
    }

    /// A qualifier with its values, which some extractions spread over several lines
    /// (`Possible values:` / `[` / `M,` / `F` / `]`).
    fn qualifier_text(&self, j: usize, end: usize, first: &str) -> Result<(String, usize), String> {
        const MAX_CHARS: usize = 1 << 20;
        let mut text = first.to_owned();
        let mut k = j + 1;
        let cut = |k: usize, text: &str| {
            if k >= self.lines.len() {
                format!(
                    "the page ends inside `Possible values: {}`: expected the closing `]`",
                    excerpt(text)
                )
            } else {
                format!(
                    "`Possible values: {}` is not closed before line {}: expected `]`",
                    excerpt(text),
                    Page::number(k)
                )
            }
        };
        if text.is_empty() {
            let Some(next) = self.next_non_blank(k, end) else {
                return Err(cut(end, &text));
            };
            text = self.lines[next].clone();
            k = next + 1;
        }
        while text.matches('[').count() > text.matches(']').count() {
            let Some(next) = self.next_non_blank(k, end) else {
                return Err(cut(end, &text));
            };
            if text.len() > MAX_CHARS {
                return Err(cut(next, &text));
            }
            text.push_str(", ");
            text.push_str(&self.lines[next]);
            k = next + 1;
        }
        Ok((text, k))
    }

    /// `Responses`: the status codes, then for each its description, schema and samples.
    fn responses(&mut self, heading: usize, scopes: &mut Vec<Scope>) {
        let n = self.kinds.len();
        let mut statuses = Vec::new();
        let mut j = heading + 1;
        while let Some(at) = self.next_non_blank(j, n) {
            match &self.kinds[at] {
                Kind::Text(text) => match status(text) {
                    Some(code) => statuses.push(code),
                    None => break,
                },
                _ => break,
            }
            j = at + 1;
        }
        if statuses.is_empty() {
            self.problem(
                heading,
                "`Responses` lists no status codes: expected lines `200`, `400`, …",
            );
            return;
        }
        let anchors: Vec<usize> = (j..n).filter(|&i| self.is_anchor(i)).collect();
        for (s, code) in statuses.iter().enumerate() {
            let Some(start) = self.next_non_blank(j, n) else {
                break;
            };
            let mut k = start;
            let mut description = Vec::new();
            // A sample's closing fence may still stand before the description.
            while k < n && matches!(self.kinds[k], Kind::Text(_) | Kind::Blank | Kind::Fence) {
                if let Kind::Text(text) = &self.kinds[k] {
                    description.push((k, text.clone()));
                }
                k += 1;
            }
            if self.kinds.get(k) == Some(&Kind::Label(Label::ResponseHeaders)) {
                k = anchors.iter().copied().find(|&a| a > k).unwrap_or(n);
            }
            let anchors_left = anchors.len() - anchors.partition_point(|&a| a < k);
            let mut scope = Scope::new(ScopeKind::Response(code.clone()));
            let content = k < n && self.is_anchor(k);
            // Fewer tab lists than statuses left: a status with two lines of text before its
            // tabs has no schema, and the second line starts the next status.
            let shared = description.len() > 1 && anchors_left < statuses.len() - s;
            if !content || shared {
                // No schema: one line of description, and the next status starts after it.
                if let Some((at, text)) = description.first() {
                    scope.description = Some(text.clone());
                    j = at + 1;
                } else {
                    j = k;
                }
                scopes.push(scope);
                continue;
            }
            let text: Vec<&str> = description.iter().map(|(_, t)| t.as_str()).collect();
            scope.description = (!text.is_empty()).then(|| text.join(" "));
            j = self.response_content(k, &anchors, scope, scopes);
        }
    }

    /// The first line of a response's tabs: its media type, or (where the page shows none) the
    /// `Schema` tab that starts the tab list. The titles inside the tabs (`Schema`, `Example
    /// (from schema)`) follow other tab lines, or come after fields.
    fn is_anchor(&self, i: usize) -> bool {
        let tab = |k: &Kind| matches!(k, Kind::Mime | Kind::Label(_));
        let first = || {
            (0..i)
                .rev()
                .find(|&p| self.kinds[p] != Kind::Blank)
                .is_none_or(|p| !tab(&self.kinds[p]))
        };
        match &self.kinds[i] {
            Kind::Mime => first(),
            Kind::Label(Label::Schema) => {
                first()
                    && self
                        .next_non_blank(i + 1, self.kinds.len())
                        .is_some_and(|n| {
                            matches!(
                                self.kinds[n],
                                Kind::Label(Label::FromSchema | Label::Example)
                            )
                        })
            }
            _ => false,
        }
    }

    /// One response's tabs, fields and samples from `k`; returns where the next status starts.
    fn response_content(
        &mut self,
        k: usize,
        anchors: &[usize],
        mut scope: Scope,
        scopes: &mut Vec<Scope>,
    ) -> usize {
        let n = self.kinds.len();
        // The tab labels: `Schema`, `Example (from schema)`, named examples; then the title.
        let mut tabs = 0;
        let mut from_schema = false;
        let mut seen_schema = false;
        let mut t = k;
        while let Some(at) = self.next_non_blank(t, n) {
            match &self.kinds[at] {
                Kind::Mime | Kind::Label(Label::ResponseHeaders) => {}
                Kind::Label(Label::Schema) if seen_schema => {
                    t = at + 1;
                    break;
                }
                Kind::Label(Label::Schema) => {
                    seen_schema = true;
                    tabs += 1;
                }
                Kind::Label(Label::FromSchema) => {
                    from_schema = true;
                    tabs += 1;
                }
                Kind::Label(Label::Example) => tabs += 1,
                Kind::Text(_) if seen_schema && tabs < 12 && self.tab_run_ends_in_title(at) => {
                    tabs += 1
                }
                _ => {
                    t = at;
                    break;
                }
            }
            t = at + 1;
        }
        let next_anchor = anchors.iter().copied().find(|&a| a > t);
        let json = (t..next_anchor.unwrap_or(n))
            .find(|&i| matches!(self.kinds[i], Kind::Json | Kind::Fence));
        let field_end = match (json, next_anchor) {
            (Some(json), _) => json,
            // No sample: the line before the next tabs is the next status's description.
            (None, Some(anchor)) => (t..anchor)
                .rev()
                .find(|&i| matches!(self.kinds[i], Kind::Text(_)))
                .unwrap_or(anchor),
            (None, None) => n,
        };
        let fields = self.fields(scope.kind.clone(), t, field_end);
        scope.fields = fields.fields;
        scope.entries = fields.entries;
        // The samples: one per example tab, the first from the schema.
        let wanted = if tabs > 0 { tabs - 1 } else { 1 };
        let mut j = field_end;
        let mut read = 0;
        while read < wanted {
            let Some(at) = self.sample_start(j) else {
                break;
            };
            match json_block(self.page, at, &self.page.lines[at]) {
                Some((text, next)) => {
                    match serde_json::from_str::<Value>(&text) {
                        Ok(value) if read == 0 && (from_schema || tabs <= 1) => {
                            scope.sample = Some(value)
                        }
                        Ok(_) => {}
                        Err(err) => {
                            let ScopeKind::Response(code) = &scope.kind else {
                                unreachable!()
                            };
                            self.problem(
                                at,
                                format!("the example of response `{code}` is not JSON: {err}"),
                            );
                        }
                    }
                    j = next;
                    read += 1;
                }
                None => {
                    let ScopeKind::Response(code) = &scope.kind else {
                        unreachable!()
                    };
                    self.problem(
                        at,
                        format!("the page ends inside the example of response `{code}`: expected its closing `}}`"),
                    );
                    j = n;
                    break;
                }
            }
        }
        scopes.push(scope);
        j
    }

    /// Whether the tab labels from `at` run into the schema title or a sample, so that a text
    /// line among them is a named example's tab.
    fn tab_run_ends_in_title(&self, at: usize) -> bool {
        for kind in self.kinds[at..].iter().take(16) {
            match kind {
                Kind::Label(Label::Schema) | Kind::Json | Kind::Fence => return true,
                Kind::Text(_) | Kind::Blank | Kind::Label(_) | Kind::Mime => {}
                _ => return false,
            }
        }
        false
    }

    /// Where the next sample starts: after fences, tab titles and a named example's summary.
    fn sample_start(&self, from: usize) -> Option<usize> {
        let n = self.kinds.len();
        let mut at = self.next_non_blank(from, n)?;
        let mut texts = 0;
        loop {
            match &self.kinds[at] {
                Kind::Json => return Some(at),
                Kind::Fence | Kind::Label(Label::FromSchema | Label::Example) => {}
                Kind::Text(_) if texts < 2 => texts += 1,
                _ => return None,
            }
            at = self.next_non_blank(at + 1, n)?;
        }
    }
}

/// `201`, `200 (No streaming)`, `4XX`, `default`: a status tab, by its code.
fn status(text: &str) -> Option<String> {
    let (code, rest) = text.split_once(' ').unwrap_or((text, ""));
    let rest = rest.trim();
    let is_code = (code.len() == 3
        && code.starts_with(|c: char| ('1'..='5').contains(&c))
        && code[1..].chars().all(|c| c.is_ascii_digit() || c == 'X'))
        || code == "default";
    (is_code && (rest.is_empty() || (rest.starts_with('(') && rest.ends_with(')'))))
        .then(|| code.to_owned())
}

// ---------------------------------------------------------------------------------------------
// What a field states

/// Formats the generator enforces; the plugin prints any other (`int64`, `float`, `hostname`)
/// too, and those are kept as the annotation `x-format`.
const FORMATS: &[&str] = &["email", "date", "date-time", "uri", "uuid"];

/// The type a qualifier implies when the page prints none: values, lengths and patterns are
/// strings' (the plugin prints `Possible values: [..]` for string enums), bounds numbers'.
fn evidence(groups: &[Group]) -> Option<&'static str> {
    let stringy = groups.iter().any(|g| {
        matches!(
            g,
            Group::Values(_) | Group::MinLength(_) | Group::MaxLength(_) | Group::Pattern(_)
        )
    });
    let numeric = groups
        .iter()
        .any(|g| matches!(g, Group::Lower(..) | Group::Upper(..)));
    match (stringy, numeric) {
        (true, false) => Some("string"),
        (false, true) => Some("number"),
        _ => None,
    }
}

/// The schema a field's type and qualifier state: no description, badges or samples.
fn value_schema(f: &Field) -> (Map<String, Value>, Vec<CaptureError>, Vec<String>) {
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let (qualifier_line, parsed) = match &f.qualifier {
        Some((line, text)) => match groups(text) {
            Ok(found) => (*line, found),
            Err(problem) => {
                problems.push(CaptureError::at(*line, problem));
                (*line, Vec::new())
            }
        },
        None => (f.line, Vec::new()),
    };
    let (base, format, mut depth) = match &f.ty {
        Some(ty) => (ty.base, ty.format.clone(), ty.depth),
        None => (evidence(&parsed), None, 0),
    };
    // A bare `array` is an array of unknown items.
    let bare_array = base == Some("array");
    if bare_array {
        depth += 1;
    }
    let item_base = if bare_array { None } else { base };
    // An array's qualifier is its items' unless it has `minItems`/`maxItems`: then only the
    // items' values and those bounds show.
    let items_level = parsed.iter().any(|g| {
        matches!(
            g,
            Group::MinLength(_)
                | Group::MaxLength(_)
                | Group::Pattern(_)
                | Group::Lower(_, true)
                | Group::Upper(_, true)
        )
    });
    let (array_groups, item_groups): (Vec<Group>, Vec<Group>) = if depth == 0 || items_level {
        (Vec::new(), parsed)
    } else {
        parsed
            .into_iter()
            .partition(|g| matches!(g, Group::Lower(..) | Group::Upper(..)))
    };
    if !array_groups.is_empty() && matches!(item_base, Some("integer" | "number")) {
        notes.push(format!(
            "line {qualifier_line}: a bound of `{}` may be its `minItems`/`maxItems` or its items' `minimum`/`maximum`: read as `minItems`/`maxItems`, check it",
            f.name.as_deref().unwrap_or("an unnamed array")
        ));
    }
    let mut schema = scalar(
        item_base,
        format.as_deref(),
        &item_groups,
        qualifier_line,
        &mut problems,
    );
    for level in 0..depth {
        let mut array = Map::new();
        array.insert("type".into(), json!("array"));
        if !schema.is_empty() {
            array.insert("items".into(), Value::Object(schema));
        }
        if level + 1 == depth {
            for group in &array_groups {
                match group {
                    Group::Lower(n, _) => array.insert("minItems".into(), Value::Number(n.clone())),
                    Group::Upper(n, _) => array.insert("maxItems".into(), Value::Number(n.clone())),
                    _ => None,
                };
            }
        }
        schema = array;
    }
    (schema, problems, notes)
}

/// One value's type, format and qualifier keywords, in a fixed order.
fn scalar(
    base: Option<&str>,
    format: Option<&str>,
    groups: &[Group],
    line: usize,
    problems: &mut Vec<CaptureError>,
) -> Map<String, Value> {
    let mut found: BTreeMap<&str, Value> = BTreeMap::new();
    for group in groups {
        let (keyword, value) = match group {
            Group::Values(values) => match typed_values(values, base) {
                Ok(values) => ("enum", Value::Array(values)),
                Err(problem) => {
                    problems.push(CaptureError::at(line, problem));
                    continue;
                }
            },
            Group::MinLength(n) => ("minLength", json!(n)),
            Group::MaxLength(n) => ("maxLength", json!(n)),
            Group::Lower(n, false) => ("minimum", Value::Number(n.clone())),
            Group::Lower(n, true) => ("exclusiveMinimum", Value::Number(n.clone())),
            Group::Upper(n, false) => ("maximum", Value::Number(n.clone())),
            Group::Upper(n, true) => ("exclusiveMaximum", Value::Number(n.clone())),
            Group::Pattern(p) => ("pattern", json!(p)),
        };
        found.insert(keyword, value);
    }
    if base == Some("object") && !found.is_empty() {
        problems.push(CaptureError::at(
            line,
            "a qualifier on an object: expected one on a string, number or array",
        ));
    }
    let mut schema = Map::new();
    if let Some(base) = base {
        schema.insert("type".into(), json!(base));
    }
    match format {
        Some(format) if FORMATS.contains(&format) => {
            schema.insert("format".into(), json!(format));
        }
        Some(format) => {
            schema.insert("x-format".into(), json!(format));
        }
        None => {}
    }
    for keyword in [
        "enum",
        "minLength",
        "maxLength",
        "minimum",
        "exclusiveMinimum",
        "maximum",
        "exclusiveMaximum",
        "pattern",
    ] {
        if let Some(value) = found.remove(keyword) {
            schema.insert(keyword.into(), value);
        }
    }
    schema
}

/// Enum values as the field's type reads them: numbers for numbers, strings otherwise.
fn typed_values(values: &[String], base: Option<&str>) -> Result<Vec<Value>, String> {
    values
        .iter()
        .map(|v| match base {
            Some("integer" | "number") => number(v).map(Value::Number).ok_or_else(|| {
                format!(
                    "`{}` in the values of a number: expected a number",
                    excerpt(v)
                )
            }),
            Some("boolean") => literal(v, base),
            _ => Ok(json!(v)),
        })
        .collect()
}

/// The scalar type a field's values are read as, through its arrays.
fn item_base(f: &Field) -> Option<&'static str> {
    f.ty.as_ref().and_then(|t| t.base).filter(|b| *b != "array")
}

/// The full property schema of a leaf: its value schema, then what the page says of the field.
fn leaf_schema(
    f: &Field,
    value: &Map<String, Value>,
    hoisted: &BTreeMap<String, String>,
    problems: &mut Vec<CaptureError>,
) -> Map<String, Value> {
    let mut schema = match hoist_key(value).and_then(|key| hoisted.get(&key)) {
        Some(name) => {
            let mut schema = Map::new();
            schema.insert("$ref".into(), json!(format!("#/$defs/{name}")));
            schema.extend(
                value
                    .iter()
                    .filter(|(k, _)| *k != "type" && *k != "enum")
                    .map(|(k, v)| (k.clone(), v.clone())),
            );
            schema
        }
        None => value.clone(),
    };
    describe(f, &mut schema, problems);
    schema
}

/// What the page says of a field beyond its value: badges, default, constant, description,
/// example.
fn describe(f: &Field, schema: &mut Map<String, Value>, problems: &mut Vec<CaptureError>) {
    let base = item_base(f).or_else(|| {
        schema.get("type").and_then(Value::as_str).map(|t| match t {
            "integer" => "integer",
            "number" => "number",
            "boolean" => "boolean",
            _ => "string",
        })
    });
    let base = if f.ty.as_ref().is_some_and(|t| t.depth > 0) {
        Some("array")
    } else {
        base
    };
    let mut read =
        |part: &Option<(usize, String)>, keyword: &str, schema: &mut Map<String, Value>| {
            if let Some((line, text)) = part {
                match literal(text, base) {
                    Ok(value) => {
                        schema.insert(keyword.into(), value);
                    }
                    Err(problem) => problems.push(CaptureError::at(*line, problem)),
                }
            }
        };
    if f.badges.nullable {
        schema.insert("nullable".into(), json!(true));
    }
    read(&f.constant, "const", schema);
    read(&f.default, "default", schema);
    if f.badges.deprecated {
        schema.insert("deprecated".into(), json!(true));
    }
    if let Some(description) = &f.description {
        schema.insert("description".into(), json!(description));
    }
    if let Some((line, text)) = &f.example {
        match literal(text, base) {
            Ok(value) => {
                schema.insert("examples".into(), json!([value]));
            }
            Err(problem) => problems.push(CaptureError::at(*line, problem)),
        }
    }
}

/// Long lists of values repeated word for word (the seed's four country lists) become one
/// definition; shorter or differing lists stay where they are, so drift in one stays visible.
const HOIST_MIN_VALUES: usize = 8;

fn hoist_key(value: &Map<String, Value>) -> Option<String> {
    let values = value.get("enum")?.as_array()?;
    let plain =
        value.keys().all(|k| k == "type" || k == "enum") && values.len() >= HOIST_MIN_VALUES;
    plain.then(|| Value::Object(value.clone()).to_string())
}

/// The page's facts about a field, to compare with a checked-in property: its rules, without
/// what only describes it.
fn stated(schema: &Map<String, Value>) -> Map<String, Value> {
    schema
        .iter()
        .filter_map(|(k, v)| match k.as_str() {
            "type" | "description" | "examples" | "nullable" | "deprecated" | "x-format" => None,
            "items" => {
                let items = stated(v.as_object()?);
                (!items.is_empty()).then(|| (k.clone(), Value::Object(items)))
            }
            _ => Some((k.clone(), v.clone())),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The checked-in schema

/// How far `$ref` chains and nesting are followed, and how deep fields may nest.
const MAX_DEPTH: usize = 64;

/// A keyword of a property: its own, or its `$ref` target's.
fn keyword<'v>(doc: &'v Value, prop: &'v Value, key: &str) -> Option<&'v Value> {
    prop.get(key).or_else(|| resolve(doc, prop).get(key))
}

/// The object schema a container property holds (through `$ref` and `items`).
fn object_of<'v>(doc: &'v Value, prop: &'v Value) -> Option<&'v Value> {
    let mut node = resolve(doc, prop);
    for _ in 0..MAX_DEPTH {
        match node.get("items") {
            Some(items) => node = resolve(doc, items),
            None => break,
        }
    }
    (node.get("properties").is_some() || node.get("type") == Some(&json!("object"))).then_some(node)
}

fn properties(base: &Value) -> impl Iterator<Item = (&String, &Value)> {
    base.get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
}

fn same_text(a: Option<&str>, b: Option<&Value>) -> bool {
    match (a, b.and_then(Value::as_str)) {
        (Some(a), Some(b)) => folded(a) == folded(b),
        _ => false,
    }
}

/// Whether every fact the page states agrees with the checked-in property.
fn agrees(doc: &Value, facts: &Map<String, Value>, prop: &Value) -> bool {
    facts.iter().all(|(k, v)| match (k.as_str(), v) {
        ("items", Value::Object(items)) => {
            keyword(doc, prop, "items").is_some_and(|p| agrees(doc, items, p))
        }
        _ => keyword(doc, prop, k) == Some(v),
    })
}

/// What an unnamed field is matched by: its description, or the facts its qualifier, default
/// and constant state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum By {
    Description,
    Facts,
}

/// The page's facts about a field, to compare with a checked-in property.
fn facts(f: &Field, value: &Map<String, Value>) -> Map<String, Value> {
    let mut full = value.clone();
    describe(f, &mut full, &mut Vec::new());
    stated(&full)
}

/// An unnamed field is this checked-in property when its description, or its facts (an enum
/// compared with the property's, through `$ref`), are the same.
fn matches(
    doc: &Value,
    description: Option<&str>,
    facts: &Map<String, Value>,
    container: bool,
    prop: &Value,
    by: By,
) -> bool {
    if container != object_of(doc, prop).is_some() {
        return false;
    }
    match by {
        By::Description => same_text(description, keyword(doc, prop, "description")),
        By::Facts => !facts.is_empty() && agrees(doc, facts, prop),
    }
}

// ---------------------------------------------------------------------------------------------
// Placement: which object each field belongs to, and its name

/// A field placed in its scope's tree; node 0 is the scope itself.
#[derive(Debug)]
struct Node {
    field: Option<usize>,
    name: String,
    children: Vec<usize>,
    /// Unnamed fields that are this container's own description or qualifier.
    own: Vec<usize>,
    /// The page shows no name for it.
    unnamed: bool,
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
struct Context<'b> {
    kind: ScopeKind,
    doc: Option<&'b Value>,
    /// The checked-in object of the scope, and the schema that holds its own description.
    base: Option<&'b Value>,
    holder: Option<&'b Value>,
    sample: Option<&'b Value>,
    /// The path's `{placeholders}`, which name unnamed path parameters.
    placeholders: Vec<String>,
    order: Order,
}

impl Context<'_> {
    /// How notes name a place of the scope.
    fn show(&self, path: &str) -> String {
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

    fn label(&self) -> String {
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

fn join(parent: &str, name: &str) -> String {
    pointer_push(parent, name)
}

/// The tree of one scope.
struct Placed {
    /// The scope's fields, with the parts of those the checked-in schema showed to be two.
    fields: Vec<Field>,
    values: Vec<Map<String, Value>>,
    nodes: Vec<Node>,
    root_array: bool,
    notes: Vec<String>,
    unreadable: Vec<CaptureError>,
    unmatched: Vec<CaptureError>,
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

fn place(
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

// ---------------------------------------------------------------------------------------------
// Building schemas from the placed fields

/// The request's container definitions, by name, with the field path each was made for.
#[derive(Default)]
struct Defs {
    map: Map<String, Value>,
    owners: BTreeMap<String, String>,
}

impl Defs {
    /// `BasicData`; the parent's name before it where another field took it.
    fn name_for(&mut self, base: &str, path: &str, parent: &str) -> String {
        let candidates = [base.to_owned(), format!("{}{base}", pascal_case(parent))];
        let name = candidates
            .into_iter()
            .chain((2..).map(|k| format!("{base}{k}")))
            .find(|n| self.owners.get(n).is_none_or(|owner| owner == path))
            .unwrap_or_default();
        self.owners.insert(name.clone(), path.to_owned());
        name
    }
}

struct Builder<'a> {
    fields: &'a [Field],
    values: &'a [Map<String, Value>],
    nodes: &'a [Node],
    hoisted: &'a BTreeMap<String, String>,
    /// Request containers become definitions; response members stay inline.
    defs: Option<&'a mut Defs>,
    problems: Vec<CaptureError>,
}

impl Builder<'_> {
    /// The field of a node, with the lines that turned out to be its own (a container's
    /// description, an array's `minItems`).
    fn field(&self, node: usize) -> Option<Field> {
        let n = &self.nodes[node];
        let mut field = n.field.map(|f| self.fields[f].clone()).unwrap_or_default();
        for &own in &n.own {
            let extra = &self.fields[own];
            if let Some(text) = &extra.description {
                field.put(Part::Description, extra.line, text.clone());
            }
            for (part, value) in [
                (Part::Qualifier, &extra.qualifier),
                (Part::Default, &extra.default),
                (Part::Constant, &extra.constant),
                (Part::Example, &extra.example),
            ] {
                if let (Some((line, text)), false) = (value, field.has(part)) {
                    field.put(part, *line, text.clone());
                }
            }
        }
        (n.field.is_some() || !n.own.is_empty()).then_some(field)
    }

    /// The object whose properties are the children of `node`.
    fn object(&mut self, node: usize, path: &str) -> Map<String, Value> {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut additional = None;
        for &child in &self.nodes[node].children {
            let name = self.nodes[child].name.clone();
            let child_path = join(path, &name);
            let schema = self.property(child, &child_path, path);
            let required_badge = self.nodes[child]
                .field
                .is_some_and(|f| self.fields[f].badges.required);
            if name == "*" {
                additional = Some(schema);
                continue;
            }
            if required_badge {
                required.push(json!(name));
            }
            properties.insert(name, Value::Object(schema));
        }
        let mut object = Map::new();
        object.insert("type".into(), json!("object"));
        object.insert("properties".into(), Value::Object(properties));
        if !required.is_empty() {
            object.insert("required".into(), Value::Array(required));
        }
        if let Some(additional) = additional {
            object.insert("additionalProperties".into(), Value::Object(additional));
        }
        object
    }

    fn property(&mut self, node: usize, path: &str, parent: &str) -> Map<String, Value> {
        let n = &self.nodes[node];
        let Some(fi) = n.field else {
            return Map::new();
        };
        let merged = self.field(node).unwrap_or_default();
        let value = if n.own.is_empty() {
            self.values[fi].clone()
        } else {
            let (value, problems, _) = value_schema(&merged);
            self.problems.extend(problems);
            value
        };
        if !merged.is_container() {
            let mut problems = Vec::new();
            let schema = leaf_schema(&merged, &value, self.hoisted, &mut problems);
            self.problems.extend(problems);
            return schema;
        }
        let depth = merged.ty.as_ref().map_or(0, |t| t.depth);
        let inner = match self.defs.as_deref_mut() {
            Some(defs) => {
                let base = pascal_case(&if depth > 0 {
                    singular(&n.name)
                } else {
                    n.name.clone()
                });
                let name = defs.name_for(&base, path, parent);
                // Reserved now, so that definitions come in page order, parents first.
                defs.map.insert(name.clone(), Value::Null);
                let object = self.object(node, path);
                if let Some(defs) = self.defs.as_deref_mut() {
                    defs.map.insert(name.clone(), Value::Object(object));
                }
                let mut reference = Map::new();
                reference.insert("$ref".into(), json!(format!("#/$defs/{name}")));
                reference
            }
            None => self.object(node, path),
        };
        let mut schema = innermost(value, inner);
        let mut problems = Vec::new();
        describe(&merged, &mut schema, &mut problems);
        self.problems.extend(problems);
        schema
    }
}

/// `value` with its innermost object (through `items`) replaced by `inner`.
fn innermost(mut value: Map<String, Value>, inner: Map<String, Value>) -> Map<String, Value> {
    match value.get_mut("items") {
        Some(Value::Object(items)) => {
            let items = std::mem::take(items);
            value.insert("items".into(), Value::Object(innermost(items, inner)));
            value
        }
        _ => {
            let mut inner = inner;
            for (k, v) in value {
                if k != "type" {
                    inner.entry(k).or_insert(v);
                }
            }
            inner
        }
    }
}

/// Adds to a rendered schema what its sample shows: the members the page printed no line for,
/// and a type where the rendered field has none. The sample follows the schema's order.
fn merge_shown(rendered: &mut Map<String, Value>, mut shown: Map<String, Value>) {
    let typed = ["type", "$ref", "enum", "const"]
        .iter()
        .any(|k| rendered.contains_key(*k));
    if !typed {
        if let Some(ty) = shown.get("type") {
            rendered.insert("type".into(), ty.clone());
        }
    }
    if !rendered.contains_key("format") && rendered.get("type") == shown.get("type") {
        if let Some(format) = shown.remove("format") {
            rendered.insert("format".into(), format);
        }
    }
    let chosen = ["enum", "const", "default", "examples", "$ref"]
        .iter()
        .any(|k| rendered.contains_key(*k));
    if let (false, Some(examples)) = (chosen, shown.remove("examples")) {
        rendered.insert("examples".into(), examples);
    }
    for key in ["properties", "items"] {
        let Some(Value::Object(shown_inner)) = shown.remove(key) else {
            continue;
        };
        let open = !typed || rendered.get("type") == Some(&json!("object")) || key == "items";
        match rendered.get_mut(key) {
            Some(Value::Object(rendered_inner)) if key == "items" => {
                merge_shown(rendered_inner, shown_inner)
            }
            Some(Value::Object(rendered_props)) => {
                let mut rest = std::mem::take(rendered_props);
                let mut merged = Map::new();
                for (name, member) in shown_inner {
                    let mut member_schema = match rest.shift_remove(&name) {
                        Some(Value::Object(schema)) => schema,
                        _ => Map::new(),
                    };
                    if let Value::Object(member) = member {
                        merge_shown(&mut member_schema, member);
                    }
                    merged.insert(name, Value::Object(member_schema));
                }
                merged.extend(rest);
                *rendered_props = merged;
            }
            Some(_) => {}
            None if open => {
                rendered.insert(key.into(), Value::Object(shown_inner));
            }
            None => {}
        }
    }
}

/// The object schema of a built property, through the request's definitions and `items`.
fn built_object<'v>(defs: &'v Map<String, Value>, mut schema: &'v Value) -> Option<&'v Value> {
    for _ in 0..MAX_DEPTH {
        if let Some(name) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
        {
            schema = defs.get(name)?;
        } else if let Some(items) = schema.get("items") {
            schema = items;
        } else {
            break;
        }
    }
    schema.get("properties").is_some().then_some(schema)
}

/// A note for every built leaf the page gives no type (nor values, nor a definition).
fn untyped(
    ctx: &Context<'_>,
    object: &Value,
    defs: &Map<String, Value>,
    path: &str,
    depth: usize,
    notes: &mut Vec<String>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    for (name, prop) in properties(object) {
        let child = join(path, name);
        match built_object(defs, prop) {
            Some(inner) => untyped(ctx, inner, defs, &child, depth + 1, notes),
            None => {
                let mut leaf = prop;
                for _ in 0..MAX_DEPTH {
                    match leaf.get("items") {
                        Some(items) => leaf = items,
                        None => break,
                    }
                }
                if !["type", "$ref", "enum", "const"]
                    .iter()
                    .any(|k| leaf.get(*k).is_some())
                {
                    notes.push(format!(
                        "{}: the page shows no type for this field, so the draft gives it none: check it",
                        ctx.show(&child)
                    ));
                }
            }
        }
    }
}

/// A note for every checked-in property the page no longer shows.
fn removed(
    ctx: &Context<'_>,
    base: &Value,
    built: &Value,
    defs: &Map<String, Value>,
    path: &str,
    depth: usize,
    notes: &mut Vec<String>,
) {
    let Some(doc) = ctx.doc.filter(|_| depth <= MAX_DEPTH) else {
        return;
    };
    for (name, prop) in properties(base) {
        let child = join(path, name);
        match built.get("properties").and_then(|p| p.get(name)) {
            None => notes.push(format!(
                "{} is in the checked-in schema but no longer on the page: removed",
                ctx.show(&child)
            )),
            Some(built_prop) => {
                if let (Some(old), Some(new)) =
                    (object_of(doc, prop), built_object(defs, built_prop))
                {
                    removed(ctx, old, new, defs, &child, depth + 1, notes);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The family

/// Recognised by structure: two of the plugin's marks (qualifier lines, array brackets, the
/// `Example (from schema)` tab, badges after a type or an `object` type under a name) and one of
/// its sections (`Body`, `Responses`).
pub(super) fn recognises(page: &Page) -> bool {
    let mut marks = 0;
    let mut sections = 0;
    let (mut qualifiers, mut brackets, mut from_schema, mut badged) = (false, false, false, false);
    let lines: Vec<String> = page.lines.iter().take(100_000).map(|l| clean(l)).collect();
    for (i, line) in lines.iter().enumerate() {
        let low = folded(line);
        qualifiers |= low.starts_with("possible values:");
        brackets |= low == "array [";
        from_schema |= low == "example (from schema)";
        match classify(line) {
            Kind::Body | Kind::Responses => sections += 1,
            Kind::Type(ty, _) if ty.is_object() && i > 0 && is_name(&lines[i - 1]) => badged = true,
            Kind::Header(_, ty, badges) if badges.any() || (ty.is_object() && ty.depth > 0) => {
                badged = true
            }
            _ => {}
        }
    }
    marks += [qualifiers, brackets, from_schema, badged]
        .iter()
        .filter(|m| **m)
        .count();
    marks >= 2 && sections >= 1
}

pub(super) fn capture(
    page: &Page,
    operation: &Operation,
    baseline: Option<&Value>,
    unreadable: &mut Vec<CaptureError>,
    unmatched: &mut Vec<CaptureError>,
    notes: &mut Vec<String>,
) -> Body {
    let mut reader = Reader::new(page);
    let scopes = reader.scopes();
    unreadable.append(&mut reader.unreadable);
    if scopes.is_empty() {
        unreadable.push(CaptureError::at(
            0,
            "no `Body`, parameter list or `Responses` found: expected the sections the plugin prints",
        ));
    }
    let values: Vec<Vec<Map<String, Value>>> = scopes
        .iter()
        .map(|scope| {
            scope
                .fields
                .iter()
                .map(|f| {
                    let (value, problems, found) = value_schema(f);
                    unreadable.extend(problems);
                    notes.extend(found);
                    value
                })
                .collect()
        })
        .collect();
    let ambiguous = scopes
        .iter()
        .flat_map(|s| &s.fields)
        .any(|f| !f.header && f.qualifier.is_some() && f.description.is_some());
    if baseline.is_none() && !reader.order_shown && ambiguous {
        notes.push("the page shows no named field with both a qualifier and a description, so where each `Possible values:` line belongs is not shown: each is read with the description after it, the plugin's usual order, check it".to_owned());
    }
    let hoisted = hoisted(&scopes, &values);
    let mut defs = Defs::default();
    for name in hoisted.values() {
        defs.owners.insert(name.clone(), String::new());
    }
    let params_bases: Vec<Option<Value>> = scopes
        .iter()
        .map(|scope| match (&scope.kind, baseline) {
            (ScopeKind::Params(params), Some(doc)) => doc
                .pointer(&format!("/x-endpoint/{}", params.key()))
                .map(|listed| json!({ "properties": listed })),
            _ => None,
        })
        .collect();
    let mut schema = Map::new();
    let mut endpoint = Map::new();
    let mut responses = Map::new();
    let mut response_defs = Map::new();
    for (s, scope) in scopes.iter().enumerate() {
        let (base, holder) = match (&scope.kind, baseline) {
            (ScopeKind::Body, Some(doc)) => (object_of(doc, doc), Some(doc)),
            (ScopeKind::Response(code), Some(doc)) => {
                let def = doc
                    .pointer(&format!("/x-endpoint/responses/{code}"))
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix('#'))
                    .and_then(|p| doc.pointer(p));
                (def.and_then(|d| object_of(doc, d)), def)
            }
            (ScopeKind::Params(_), Some(_)) => (params_bases[s].as_ref(), None),
            _ => (None, None),
        };
        let ctx = Context {
            kind: scope.kind.clone(),
            doc: baseline,
            base,
            holder,
            sample: scope.sample.as_ref(),
            placeholders: operation.placeholders(),
            order: reader.order,
        };
        let placed = place(
            &ctx,
            scope.fields.clone(),
            values[s].clone(),
            &scope.entries,
        );
        notes.extend(placed.notes);
        unreadable.extend(placed.unreadable);
        unmatched.extend(placed.unmatched);
        let mut builder = Builder {
            fields: &placed.fields,
            values: &placed.values,
            nodes: &placed.nodes,
            hoisted: &hoisted,
            defs: (scope.kind == ScopeKind::Body).then_some(&mut defs),
            problems: Vec::new(),
        };
        let root_field = builder.field(0);
        let mut object = builder.object(0, "");
        if placed.root_array {
            object = Map::from_iter([
                ("type".to_owned(), json!("array")),
                ("items".to_owned(), Value::Object(object)),
            ]);
        }
        let mut root = Map::new();
        let description = root_field
            .and_then(|f| f.description)
            .or_else(|| scope.description.clone());
        let mut problems = std::mem::take(&mut builder.problems);
        unreadable.append(&mut problems);
        let built = match &scope.kind {
            ScopeKind::Params(params) => {
                endpoint.insert(params.key().into(), object["properties"].clone());
                Value::Object(object)
            }
            ScopeKind::Body => {
                if let Some(description) = description {
                    root.insert("description".into(), json!(description));
                }
                root.extend(object);
                schema.extend(root.clone());
                Value::Object(root)
            }
            ScopeKind::Response(code) => {
                root.insert(
                    "type".into(),
                    object.shift_remove("type").unwrap_or(json!("object")),
                );
                if let Some(description) = description {
                    root.insert("description".into(), json!(description));
                }
                root.extend(object);
                if let Some(sample) = &scope.sample {
                    let mut sample_notes = Vec::new();
                    let shown =
                        samples::schema_of(sample, &samples::DOCUSAURUS, "", &mut sample_notes);
                    merge_shown(&mut root, shown);
                    notes.extend(sample_notes.into_iter().map(
                        |SampleNote { pointer, message }| {
                            format!("{}: {message}", ctx.show(&pointer))
                        },
                    ));
                }
                let name = format!("Response{}", pascal_case(code));
                let three_digits = code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit());
                if !three_digits {
                    notes.push(format!(
                        "response `{code}` is not one HTTP status: its schema is kept as `{name}` but not listed in `x-endpoint.responses`, check it"
                    ));
                } else if responses.contains_key(code) {
                    notes.push(format!(
                        "response `{code}` is documented twice: the second is kept as `{name}` but not listed in `x-endpoint.responses`, check it"
                    ));
                } else {
                    responses.insert(code.clone(), json!(format!("#/$defs/{name}")));
                }
                let name = (1..)
                    .map(|k| {
                        if k == 1 {
                            name.clone()
                        } else {
                            format!("{name}_{k}")
                        }
                    })
                    .find(|n| !response_defs.contains_key(n))
                    .unwrap_or_default();
                response_defs.insert(name, Value::Object(root.clone()));
                Value::Object(root)
            }
        };
        untyped(&ctx, &built, &defs.map, "", 0, notes);
        let unnamed_leaves = placed
            .nodes
            .iter()
            .any(|n| n.unnamed && n.field.is_some_and(|f| !placed.fields[f].is_container()));
        if unnamed_leaves && !matches!(scope.kind, ScopeKind::Params(Params::Path)) {
            notes.push(format!(
                "the page shows no name line, and so no `required` badge, for the unnamed fields of {}: none of them is marked required, check it",
                ctx.label()
            ));
        }
        if let Some(base) = base {
            let built = match built.get("items") {
                Some(items) if placed.root_array => items.clone(),
                _ => built,
            };
            removed(&ctx, base, &built, &defs.map, "", 0, notes);
        }
    }
    let mut all_defs = Map::new();
    for (key, name) in hoisted_order(&hoisted) {
        all_defs.insert(name, serde_json::from_str(&key).unwrap_or(Value::Null));
    }
    all_defs.extend(defs.map);
    all_defs.extend(response_defs);
    if !all_defs.is_empty() {
        schema.insert("$defs".into(), Value::Object(all_defs));
    }
    if !responses.is_empty() {
        endpoint.insert("responses".into(), Value::Object(responses));
    }
    Body { schema, endpoint }
}

/// Enum lists to hoist, by their JSON: each long list that appears more than once in the body
/// and the responses, named `PossibleValues1`, … in page order (the overlay renames them).
fn hoisted(scopes: &[Scope], values: &[Vec<Map<String, Value>>]) -> BTreeMap<String, String> {
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (scope, values) in scopes.iter().zip(values) {
        if matches!(scope.kind, ScopeKind::Params(_)) {
            continue;
        }
        for (f, value) in scope.fields.iter().zip(values) {
            if f.is_container() {
                continue;
            }
            if let Some(key) = hoist_key(value) {
                match seen.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, count)) => *count += 1,
                    None => seen.push((key, 1)),
                }
            }
        }
    }
    seen.into_iter()
        .filter(|(_, count)| *count > 1)
        .enumerate()
        .map(|(i, (key, _))| (key, format!("PossibleValues{}", i + 1)))
        .collect()
}

/// The hoisted lists in the order of their names.
fn hoisted_order(hoisted: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let mut ordered: Vec<(String, String)> = hoisted
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    ordered.sort_by_key(|(_, name)| {
        name.trim_start_matches("PossibleValues")
            .parse::<usize>()
            .unwrap_or(0)
    });
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema one field's lines give, with the problems found.
    fn field(ty: &str, qualifier: &str) -> (Value, Vec<String>) {
        let f = Field {
            ty: type_line(ty).map(|(t, _)| t),
            qualifier: (!qualifier.is_empty()).then(|| (1, qualifier.to_owned())),
            ..Field::default()
        };
        let (schema, problems, _) = value_schema(&f);
        let problems = problems.into_iter().map(|p| p.message).collect();
        (Value::Object(schema), problems)
    }

    fn reads(ty: &str, qualifier: &str, expected: Value) {
        assert_eq!(
            field(ty, qualifier),
            (expected, vec![]),
            "{ty} / {qualifier}"
        );
    }

    fn refuses(ty: &str, qualifier: &str, problem: &str) {
        let (_, problems) = field(ty, qualifier);
        assert!(
            problems.len() == 1 && problems[0].starts_with(problem),
            "{ty} / {qualifier}: {problems:?}"
        );
    }

    #[test]
    fn values() {
        reads(
            "",
            "[M, F, O]",
            json!({"type": "string", "enum": ["M", "F", "O"]}),
        );
        reads(
            "integer",
            "[1, 2]",
            json!({"type": "integer", "enum": [1, 2]}),
        );
        reads(
            "string[]",
            "[VIP, EMPLOYEE]",
            json!({"type": "array", "items": {"type": "string", "enum": ["VIP", "EMPLOYEE"]}}),
        );
        refuses(
            "",
            "[M, F",
            "`[M, F`: the list of values has no closing `]`",
        );
        refuses("integer", "[1, two]", "`two` in the values of a number");
    }

    #[test]
    fn lengths() {
        reads("", "non-empty", json!({"type": "string", "minLength": 1}));
        reads(
            "string",
            ">= 2 characters",
            json!({"type": "string", "minLength": 2}),
        );
        reads(
            "",
            "<= 4 characters",
            json!({"type": "string", "maxLength": 4}),
        );
        reads(
            "string",
            ">= 2 characters and <= 4 characters",
            json!({"type": "string", "minLength": 2, "maxLength": 4}),
        );
        reads(
            "string",
            "non-empty and <= 254 characters",
            json!({"type": "string", "minLength": 1, "maxLength": 254}),
        );
        refuses("string", "non empty", "unknown qualifier `non empty`");
        refuses(
            "string",
            ">= two characters",
            "unknown qualifier `>= two characters`",
        );
        refuses(
            "string",
            "> 2 characters",
            "unknown qualifier `> 2 characters`",
        );
        refuses(
            "string",
            ">= 2 characters or <= 4 characters",
            "unknown qualifier",
        );
    }

    #[test]
    fn bounds() {
        reads("integer", ">= 1", json!({"type": "integer", "minimum": 1}));
        reads(
            "number",
            "> 0.5",
            json!({"type": "number", "exclusiveMinimum": 0.5}),
        );
        reads("", "< 5", json!({"type": "number", "exclusiveMaximum": 5}));
        reads(
            "integer",
            ">= -2 and <= 2",
            json!({"type": "integer", "minimum": -2, "maximum": 2}),
        );
        refuses("integer", ">= one", "unknown qualifier `>= one`");
        refuses("integer", "< five", "unknown qualifier `< five`");
    }

    #[test]
    fn array_bounds_are_items_counts() {
        reads(
            "object[]",
            ">= 1",
            json!({"type": "array", "items": {"type": "object"}, "minItems": 1}),
        );
        reads(
            "string[]",
            "[a, b], >= 1, <= 3",
            json!({"type": "array", "items": {"type": "string", "enum": ["a", "b"]}, "minItems": 1, "maxItems": 3}),
        );
        // Without `minItems` the plugin prints the items' own qualifier.
        reads(
            "string[]",
            "<= 8 characters",
            json!({"type": "array", "items": {"type": "string", "maxLength": 8}}),
        );
        let f = Field {
            name: Some("counts".into()),
            ty: type_line("integer[]").map(|(t, _)| t),
            qualifier: Some((7, ">= 1".into())),
            ..Field::default()
        };
        let (_, _, notes) = value_schema(&f);
        assert_eq!(notes, ["line 7: a bound of `counts` may be its `minItems`/`maxItems` or its items' `minimum`/`maximum`: read as `minItems`/`maxItems`, check it"]);
    }

    #[test]
    fn patterns() {
        reads(
            "string",
            "Value must match regular expression ^[a-z]{2}, [0-9]$",
            json!({"type": "string", "pattern": "^[a-z]{2}, [0-9]$"}),
        );
        reads(
            "string",
            "<= 5 characters, Value must match regular expression ^\\d+$, [1, 22]",
            json!({"type": "string", "enum": ["1", "22"], "maxLength": 5, "pattern": "^\\d+$"}),
        );
        refuses(
            "string",
            "Value must match",
            "unknown qualifier `Value must match`",
        );
    }

    #[test]
    fn defaults_constants_and_examples() {
        let read = |ty: &str, default: &str| {
            let f = Field {
                ty: type_line(ty).map(|(t, _)| t),
                default: Some((3, default.into())),
                ..Field::default()
            };
            let mut schema = value_schema(&f).0;
            let mut problems = Vec::new();
            describe(&f, &mut schema, &mut problems);
            (
                schema.get("default").cloned(),
                problems
                    .into_iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(read("integer", "20"), (Some(json!(20)), vec![]));
        assert_eq!(
            read("string", "0"),
            (Some(json!("0")), vec![]),
            "strings print as written"
        );
        assert_eq!(read("boolean", "false"), (Some(json!(false)), vec![]));
        assert_eq!(read("", "O"), (Some(json!("O")), vec![]));
        assert_eq!(
            read("integer", "one"),
            (None, vec!["line 3: `one`: expected a number".to_owned()])
        );
        assert_eq!(
            literal("{", Some("object")),
            Err("`{`: expected JSON".to_owned())
        );
        assert_eq!(literal("list", Some("string")), Ok(json!("list")));
    }

    #[test]
    fn lines_as_extractions_write_them() {
        assert_eq!(
            clean("- **account\\_id** string`required`"),
            "account_id stringrequired"
        );
        assert_eq!(
            clean("## Responses[](#responses \"Direct link to Responses\")"),
            "Responses"
        );
        assert_eq!(clean("**[application/json]**"), "application/json");
        assert_eq!(clean("  *  Array ["), "Array [");
        assert_eq!(clean("-"), "");
        assert_eq!(clean("```json"), "```");
        assert_eq!(
            clean("Value must match regular expression `^a\\_b$`"),
            "Value must match regular expression ^a\\_b$"
        );
        assert_eq!(classify("basicData"), Kind::Text("basicData".into()));
        assert_eq!(
            classify("dataobject[]required"),
            Kind::Header(
                "data".into(),
                TypeWord {
                    base: Some("object"),
                    format: None,
                    depth: 1
                },
                Badges {
                    required: true,
                    ..Badges::default()
                }
            )
        );
        assert!(
            matches!(classify("id stringnullablerequired"), Kind::Header(n, _, b) if n == "id" && b.nullable && b.required)
        );
        assert!(
            matches!(classify("createdAt string<date-time>"), Kind::Header(_, t, _) if t.format.as_deref() == Some("date-time"))
        );
        assert!(
            matches!(classify("content Text content (string)required"), Kind::Header(n, t, _) if n == "content" && t.base == Some("string"))
        );
        assert!(
            matches!(classify("object required"), Kind::Type(t, b) if t.is_object() && b.required)
        );
        assert_eq!(
            classify("Email address (must be valid email format)"),
            Kind::Text("Email address (must be valid email format)".into())
        );
        assert_eq!(
            classify("substring"),
            Kind::Text("substring".into()),
            "no type glued to a name without a mark"
        );
        assert_eq!(
            classify("Possible values: <= 4 characters"),
            Kind::Qualifier("<= 4 characters".into())
        );
        assert_eq!(classify(">= 1"), Kind::Qualifier(">= 1".into()));
        assert_eq!(classify("> 5 days"), Kind::Text("> 5 days".into()));
        assert_eq!(classify("Body required"), Kind::Body);
        assert_eq!(
            classify("nullablerequired"),
            Kind::Badges(Badges {
                required: true,
                nullable: true,
                deprecated: false
            })
        );
        assert!(
            is_json_start("{ \"a\": 1 }") && is_json_start("{") && !is_json_start("{see below}")
        );
        assert_eq!(status("200 (No streaming)"), Some("200".into()));
        assert_eq!(
            (status("4XX"), status("2024"), status("200 OK")),
            (Some("4XX".into()), None, None)
        );
    }

    fn capture_text(
        text: &str,
        baseline: Option<&Value>,
    ) -> (Body, Vec<CaptureError>, Vec<String>) {
        let page = Page::new(text);
        let operation = super::super::page::operation(&page).unwrap();
        let (mut unreadable, mut notes) = (Vec::new(), Vec::new());
        let body = capture(
            &page,
            &operation,
            baseline,
            &mut unreadable,
            &mut Vec::new(),
            &mut notes,
        );
        (body, unreadable, notes)
    }

    const UNNAMED: &str = "POST/x\nBody\nrequired\nobject\nrequired\nPossible values: [A, B]\nThe kind.\nPossible values: [X, Y]\nThe second.\n";

    #[test]
    fn unnamed_fields_get_placeholders_then_the_checked_in_names() {
        let (first, unreadable, notes) = capture_text(UNNAMED, None);
        assert_eq!(unreadable, []);
        let properties = |body: &Body| Value::Object(body.schema.clone())["properties"].clone();
        assert_eq!(
            properties(&first),
            json!({"unnamed_1": {"$ref": "#/$defs/Unnamed1"}})
        );
        assert_eq!(
            first.schema["$defs"]["Unnamed1"],
            json!({"type": "object", "properties": {
                "unnamed_1": {"type": "string", "enum": ["A", "B"], "description": "The kind."},
                "unnamed_2": {"type": "string", "enum": ["X", "Y"], "description": "The second."}
            }})
        );
        assert!(notes.iter().any(|n| n == "line 6: unnamed field after `/unnamed_1`, described `The kind.`: check it (named `/unnamed_1/unnamed_1` here)"), "{notes:#?}");
        // Against the checked-in names: by description, by values, and by place when neither.
        let baseline = json!({"properties": {"o": {"type": "object", "properties": {
            "kind": {"enum": ["A", "B"]}, "second": {"description": "The second."}
        }}}});
        let page = UNNAMED.replace("object\nrequired", "o\nobject\nrequired");
        let (again, unreadable, notes) = capture_text(&page, Some(&baseline));
        assert_eq!(unreadable, []);
        assert_eq!(properties(&again), json!({"o": {"$ref": "#/$defs/O"}}));
        let o = again.schema["$defs"]["O"]["properties"].clone();
        assert_eq!(
            o.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["kind", "second"]
        );
        assert_eq!(notes, ["the page shows no name line, and so no `required` badge, for the unnamed fields of the body: none of them is marked required, check it"]);
        let drifted = page
            .replace("[A, B]", "[A, C]")
            .replace("The second.", "The 2nd.");
        let (_, _, notes) = capture_text(&drifted, Some(&baseline));
        assert_eq!(notes[..2], [
            "line 7: unnamed field after `/o`, described `The kind.`: check it (taken as `/o/kind` by its place)",
            "line 9: unnamed field after `/o/kind`, described `The 2nd.`: check it (taken as `/o/second` by its place)",
        ]);
    }

    #[test]
    fn a_qualifier_and_the_next_fields_description_split_by_the_checked_in_schema() {
        // `[X, Y]` ends `o`; `Top level.` describes a field of the body, after `o`.
        let page = "POST/x\nBody\no\nobject\nPossible values: [X, Y]\nTop level.\n";
        let baseline = json!({"properties": {
            "o": {"type": "object", "properties": {"code": {"enum": ["X", "Y"]}}},
            "top": {"description": "Top level."}
        }});
        let (body, unreadable, _) = capture_text(page, Some(&baseline));
        assert_eq!(unreadable, []);
        assert_eq!(
            body.schema["properties"]["top"],
            json!({"description": "Top level."})
        );
        assert_eq!(
            body.schema["$defs"]["O"]["properties"]["code"],
            json!({"type": "string", "enum": ["X", "Y"]})
        );
    }

    #[test]
    fn arrays_their_brackets_and_responses() {
        let page = "GET/x\nResponses\n- 200\nOK.\n- application/json\n- Schema\n- Example (from schema)\nSchema\nitems object[] required\nPossible values: >= 1\nThe items.\n- Array [\nid stringrequired\n- ]\ncount integer\n{\"items\": [{\"id\": \"string\", \"at\": \"2024-07-29T15:51:28.071Z\"}], \"count\": 0}\n";
        let (body, unreadable, notes) = capture_text(page, None);
        assert_eq!((unreadable, notes), (vec![], vec![]));
        assert_eq!(
            body.endpoint["responses"],
            json!({"200": "#/$defs/Response200"})
        );
        assert_eq!(
            body.schema["$defs"]["Response200"],
            json!({"type": "object", "description": "OK.", "properties": {
                "items": {"type": "array", "items": {"type": "object", "properties": {
                    "id": {"type": "string"},
                    "at": {"type": "string", "format": "date-time"}
                }, "required": ["id"]}, "minItems": 1, "description": "The items."},
                "count": {"type": "integer"}
            }, "required": ["items"]})
        );
        let (_, unreadable, _) = capture_text("POST/x\nBody\nname string\n- ]\n- Array [\n", None);
        let lines: Vec<String> = unreadable.iter().map(ToString::to_string).collect();
        assert_eq!(lines, ["line 4: `]` closes no `Array [`", "line 5: `Array [` follows no array field: expected a field typed `object[]` before it"]);
    }

    #[test]
    fn the_family_is_recognised_by_structure() {
        let page = |text: &str| recognises(&Page::new(text));
        assert!(page(
            "POST/x\nBody\nbasicData\nobject\nrequired\nPossible values: [M, F]\n"
        ));
        assert!(page(
            "GET /x\nResponses\n- 200\nSchema\nid stringrequired\nExample (from schema)\n{}"
        ));
        // One mark alone, or marks without a section, is not enough.
        assert!(!page("POST/x\nBody\nPossible values: [M, F]\n"));
        assert!(!page("Possible values: [M, F]\nExample (from schema)\n"));
        assert!(!page("POST /v1/customers\nRequest Body\nexternalId  CONDITIONAL\nstring, max length: 40\ntype REQUIRED\nstring enum, values: BUSINESS\n"));
    }

    #[test]
    fn hostile_pages_stay_bounded() {
        let long = format!("POST/x\nBody\n{}\n", "x".repeat(1_000_000));
        let (_, unreadable, _) = capture_text(&long, None);
        assert_eq!(unreadable, []);
        let values = format!("POST/x\nBody\nPossible values: [{}", "A,\n".repeat(100_000));
        let (_, unreadable, _) = capture_text(&values, None);
        assert!(
            unreadable[0]
                .message
                .starts_with("the page ends inside `Possible values: [A,, A,"),
            "{unreadable:?}"
        );
        assert!(unreadable[0].message.len() < 200);
        let blank = format!(
            "GET/x\nResponses\n- 200\nOK.\n{}- application/json\n- Schema\n{}",
            "\n".repeat(200_000),
            "-\n".repeat(200_000)
        );
        let (body, unreadable, _) = capture_text(&blank, None);
        assert_eq!(
            (unreadable, body.endpoint["responses"].clone()),
            (vec![], json!({"200": "#/$defs/Response200"}))
        );
        let many = format!("POST/x\nBody\nobject\n{}", "Some words.\n".repeat(20_000));
        let (body, _, _) = capture_text(&many, None);
        let fields = body.schema["$defs"]["Unnamed1"]["properties"]
            .as_object()
            .unwrap()
            .len();
        assert_eq!(fields, 20_000);
    }
}
