//! Lines: cleaning what extractions add around each line, and classifying what it is (headers,
//! types and badges, section labels, qualifiers).

use super::qualifiers::groups;
use crate::capture::page::folded;

// ---------------------------------------------------------------------------------------------
// Lines

/// A line as the plugin wrote it, without what extractions add around it: list bullets, Markdown
/// emphasis and code marks, heading marks and anchors, escapes, zero-width spaces, and the
/// brackets some extractions put around tab labels (`[application/json]`).
pub(super) fn clean(raw: &str) -> String {
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
pub(super) enum Label {
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
pub(super) enum Params {
    Path,
    Query,
    Header,
    Cookie,
}

impl Params {
    pub(super) fn key(self) -> &'static str {
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
pub(super) struct Badges {
    pub(super) required: bool,
    pub(super) nullable: bool,
    pub(super) deprecated: bool,
}

impl Badges {
    pub(super) fn any(self) -> bool {
        self.required || self.nullable || self.deprecated
    }

    pub(super) fn or(self, other: Badges) -> Badges {
        Badges {
            required: self.required || other.required,
            nullable: self.nullable || other.nullable,
            deprecated: self.deprecated || other.deprecated,
        }
    }
}

/// A type as the plugin prints it: `string`, `integer<int64>`, `object[]`, `any`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct TypeWord {
    /// `None` for `any`.
    pub(super) base: Option<&'static str>,
    pub(super) format: Option<String>,
    /// How many `[]` follow.
    pub(super) depth: usize,
}

impl TypeWord {
    pub(super) fn is_object(&self) -> bool {
        self.base == Some("object")
    }
}

/// What one cleaned line is.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Kind {
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
pub(super) fn type_line(text: &str) -> Option<(TypeWord, Badges)> {
    let (word, mut badges) = split_badges(text);
    let (ty, nullable) = type_word(word)?;
    badges.nullable |= nullable;
    Some((ty, badges))
}

/// A property name as pages print them: `email`, `created_at`, `X-Request-Id`, `$ref`.
pub(super) fn is_name(text: &str) -> bool {
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

pub(super) fn strip_prefix_folded<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text[prefix.len()..].trim())
}

pub(super) fn classify(text: &str) -> Kind {
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

#[cfg(test)]
mod tests {
    use super::super::reader::status;
    use super::*;

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
}
