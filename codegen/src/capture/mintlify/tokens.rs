//! The field list as tokens: headings, field heads, constraints, examples, `Show child
//! attributes` and description text, from any extraction (one item per line, or glued).

use super::constraints::{
    bare_constraints, example_value, labelled_constraint, option_values, Constraint,
};
use super::pane::{is_filler, Samples};
use super::types::{badges, glued_head, is_field_name, typed_head, Head};
use crate::capture::page::Page;
use serde_json::Value;

/// Where a run of the page's lines sits: which list its fields belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Section {
    /// Before any heading: the title and the endpoint's description.
    Preamble,
    /// Authorizations, headers and cookies: not part of any body.
    Ignored,
    Path,
    Query,
    Body,
    /// A response, by status when the page names it.
    Response(Option<String>),
}

pub(super) fn heading(line: &str) -> Option<Section> {
    let text = line.trim_start_matches('#').trim().to_ascii_lowercase();
    Some(match text.as_str() {
        "authorizations" | "authorization" | "headers" | "header parameters" | "cookies" => {
            Section::Ignored
        }
        "path parameters" => Section::Path,
        "query parameters" => Section::Query,
        "body" | "request body" => Section::Body,
        "response" | "responses" => Section::Response(None),
        _ => return None,
    })
}

/// `200`, `201 - application/json`, `4XX`: a response tab, and any text glued after it.
pub(super) fn status_line(line: &str) -> Option<(String, &str)> {
    let code = line.get(..3)?;
    let valid = code.starts_with(['1', '2', '3', '4', '5'])
        && code[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || c == 'X' || c == 'x');
    let rest = &line[3..];
    if !valid || rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    let rest = rest.trim_start().trim_start_matches('-').trim_start();
    if !rest.is_empty() && !rest.starts_with("application/") && !rest.starts_with("text/") {
        return None;
    }
    let rest = MEDIA_TYPES
        .iter()
        .find_map(|m| rest.strip_prefix(m))
        .unwrap_or(rest);
    Some((code.to_ascii_uppercase(), rest.trim_start()))
}

pub(super) const MEDIA_TYPES: &[&str] = &[
    "application/json",
    "application/xml",
    "application/x-www-form-urlencoded",
    "application/octet-stream",
    "text/plain",
    "text/event-stream",
];

/// What one of the field list's lines says.
#[derive(Debug, Clone)]
pub(super) enum Token {
    Heading(Section),
    Head(Head),
    Constraint(Constraint),
    /// `Show child attributes` / `Hide child attributes`.
    Children,
    /// `Example:` / `Examples:` and the value after it.
    Example(Value),
    Text(String),
}

/// The field list as tokens, with their line indices. `known` are the names the page announces
/// elsewhere (sample members, path placeholders, headers): in a compact extraction they are where
/// one field's glued text ends and the next begins.
pub(super) fn tokens(
    page: &Page,
    samples: &Samples,
    known: &[String],
    notes: &mut Vec<String>,
) -> Vec<(usize, Token)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (index, line) in page.lines.iter().enumerate() {
        if let Some((_, rest)) = samples.leftovers.iter().find(|(i, _)| *i == index) {
            lines.push((index, rest.clone()));
        }
        if samples.covered[index] || line.is_empty() || is_anchor(line) {
            continue;
        }
        lines.push((index, line.clone()));
    }
    let mut reader = Reader {
        tokens: Vec::new(),
        example_pending: false,
        footer: false,
        notes,
    };
    let mut i = 0;
    while i < lines.len() {
        let (index, line) = (lines[i].0, lines[i].1.as_str());
        let next = lines.get(i + 1).map(|(_, l)| l.as_str());
        i += 1;
        if let Some(section) = heading(line) {
            reader.push(index, Token::Heading(section));
            continue;
        }
        let mut text = line;
        if let Some((status, rest)) = status_line(line) {
            reader.push(index, Token::Heading(Section::Response(Some(status))));
            text = rest;
        }
        // A head over lines: the name, then the type (badges glued or on lines of their own).
        let unescaped = text.replace("\\_", "_");
        if let (true, Some(type_line)) = (is_field_name(&unescaped), next) {
            if let Some((mut head, type_notes, "")) =
                typed_head(type_line, &unescaped, Page::number(index), true)
            {
                i += 1;
                while let Some((_, badge)) = lines.get(i) {
                    if !badge.is_empty() && badges(badge, &mut head, true).is_empty() {
                        i += 1;
                    } else {
                        break;
                    }
                }
                reader.head(index, head, type_notes);
                continue;
            }
        }
        if let Some((head, head_notes)) = glued_head(text, Page::number(index)) {
            reader.head(index, head, head_notes);
            continue;
        }
        for piece in split_at_heads(text, known, Page::number(index)) {
            match piece {
                Piece::Head(head, head_notes) => reader.head(index, head, head_notes),
                Piece::Text(text) => reader.text(index, &text),
            }
        }
        // `Available options:` with the values on the lines after it, each ending in `,`.
        let mut open = line.trim_end().ends_with(',');
        while let Some((_, Token::Constraint(Constraint::Options(values)))) =
            reader.tokens.last_mut()
        {
            let Some((_, raw)) = lines.get(i) else { break };
            let raw = raw.trim();
            let quoted = |open: char| {
                raw.starts_with(open) && raw.trim_end_matches(',').trim_end().ends_with(open)
            };
            let single = !raw.contains(' ') || quoted('`') || quoted('"');
            let more = raw.replace('`', "");
            if !(values.is_empty() || open) || !single {
                break;
            }
            values.extend(option_values(&more));
            i += 1;
            open = more.trim_end().ends_with(',');
            if !open {
                break;
            }
        }
    }
    reader.tokens
}

/// A line's text split at the heads of known names: `…successfullycustomer_idstringrequired…`.
pub(super) enum Piece {
    Text(String),
    Head(Head, Vec<String>),
}

/// Lines longer than this are not split at known names (a hostile page stays linear).
pub(super) const MAX_SPLIT_LINE: usize = 64 * 1024;

pub(super) fn split_at_heads(line: &str, known: &[String], number: usize) -> Vec<Piece> {
    let mut pieces = Vec::new();
    if line.len() > MAX_SPLIT_LINE || known.is_empty() {
        pieces.push(Piece::Text(line.to_owned()));
        return pieces;
    }
    let (mut last, mut at) = (0, 0);
    while at < line.len() {
        if !line.is_char_boundary(at) {
            at += 1;
            continue;
        }
        let found = known.iter().find_map(|name| {
            let rest = line[at..].strip_prefix(name.as_str())?;
            let (head, notes, after) = typed_head(rest, name, number, false)?;
            Some((head, notes, line.len() - after.len()))
        });
        match found {
            Some((head, notes, end)) => {
                if last < at {
                    pieces.push(Piece::Text(line[last..at].to_owned()));
                }
                pieces.push(Piece::Head(head, notes));
                (last, at) = (end, end);
            }
            None => at += 1,
        }
    }
    if last < line.len() {
        pieces.push(Piece::Text(line[last..].to_owned()));
    }
    pieces
}

/// Labels Mintlify prints before a value, in running text: each starts a token of its own.
pub(super) const LABELS: &[&str] = &[
    "show child attributes",
    "hide child attributes",
    "showchild attributes",
    "hidechild attributes",
    "required string length:",
    "required array length:",
    "required range:",
    "minimum string length:",
    "maximum string length:",
    "minimum length:",
    "maximum length:",
    "minimum array length:",
    "maximum array length:",
    "available options:",
    "allowed values:",
    "allowed value:",
    "examples:",
    "example:",
    "copy page",
    "try it",
];

/// Collects tokens; an `Example:` whose value is on the next line or piece waits for it.
pub(super) struct Reader<'n> {
    pub(super) tokens: Vec<(usize, Token)>,
    pub(super) example_pending: bool,
    /// Past the page's footer (`Suggest edits`, `Powered by Mintlify`): nothing more is read.
    pub(super) footer: bool,
    pub(super) notes: &'n mut Vec<String>,
}

impl Reader<'_> {
    fn push(&mut self, index: usize, token: Token) {
        if self.footer {
            return;
        }
        self.example_pending = false;
        self.tokens.push((index, token));
    }

    /// Mintlify's footer: feedback buttons, then links to the previous and next pages, whose
    /// titles may sit on the line before it.
    fn enters_footer(&mut self, lower: &str) -> bool {
        const MARKERS: &[&str] = &[
            "suggest edits",
            "raise issue",
            "was this page helpful",
            "powered by mintlify",
        ];
        if self.footer || !MARKERS.iter().any(|m| lower.contains(m)) {
            return self.footer;
        }
        if let Some((_, Token::Text(text))) = self.tokens.last() {
            if text.split_whitespace().count() <= 5 && !text.contains(['.', ',', ';', ':']) {
                self.tokens.pop();
            }
        }
        self.footer = true;
        true
    }

    fn head(&mut self, index: usize, head: Head, notes: Vec<String>) {
        let line = head.line;
        self.notes
            .extend(notes.into_iter().map(|n| format!("line {line}: {n}")));
        self.push(index, Token::Head(head));
    }

    /// Running text: split at labels, each part read on its own.
    fn text(&mut self, index: usize, text: &str) {
        let lower = text.to_ascii_lowercase();
        if self.enters_footer(&lower) {
            return;
        }
        let mut starts: Vec<(usize, &str)> = Vec::new();
        for label in LABELS {
            for (at, _) in lower.match_indices(label) {
                if !starts.iter().any(|(s, l)| at >= *s && at < s + l.len()) {
                    starts.push((at, label));
                }
            }
        }
        starts.sort();
        let first = starts.first().map_or(text.len(), |(at, _)| *at);
        self.plain(index, &text[..first]);
        for (n, (at, label)) in starts.iter().enumerate() {
            let end = starts.get(n + 1).map_or(text.len(), |(next, _)| *next);
            let value = &text[at + label.len()..end];
            match *label {
                "copy page" | "try it" => self.plain(index, value),
                l if l.contains("child attributes") => {
                    self.push(index, Token::Children);
                    self.plain(index, value);
                }
                "examples:" | "example:" => {
                    self.example_pending = true;
                    self.plain(index, value);
                }
                _ => match labelled_constraint(&text[*at..end]) {
                    Some(constraint) => self.push(index, Token::Constraint(constraint)),
                    None => self.plain(index, &text[*at..end]),
                },
            }
        }
    }

    /// Text with no label: bounds glued in front (`20 - 64Company…`), an example value, or a
    /// description line.
    fn plain(&mut self, index: usize, text: &str) {
        let mut text = text.trim();
        if text.is_empty() {
            return;
        }
        if self.example_pending {
            if let Some((value, rest)) = leading_value(text) {
                self.push(index, Token::Example(value));
                text = rest.trim();
            }
        }
        let (bounds, rest) = bare_constraints(text);
        for bound in bounds {
            self.push(index, Token::Constraint(bound));
        }
        let rest = rest.trim();
        let is_operation = crate::capture::page::METHODS.iter().any(|m| {
            rest.strip_prefix(m)
                .is_some_and(|p| p.starts_with('/') && !p.contains(' '))
        });
        if rest.is_empty() || is_operation || is_filler(rest) || only_links(rest) {
            return;
        }
        if rest.starts_with('"') && serde_json::from_str::<Value>(rest).is_ok() {
            self.push(index, Token::Example(example_value(rest)));
        } else {
            self.push(index, Token::Text(rest.to_owned()));
        }
    }
}

/// `[Create Customer](/api-reference/create)[Get Customer](…)`: navigation, not a description.
pub(super) fn only_links(text: &str) -> bool {
    let mut rest = text.trim();
    let mut any = false;
    while let Some(after) = rest.strip_prefix('[') {
        let Some((_, after)) = after.split_once("](") else {
            return false;
        };
        let Some((_, after)) = after.split_once(')') else {
            return false;
        };
        rest = after.trim_start();
        any = true;
    }
    any && rest.is_empty()
}

/// A value at the start of `text`: `` `12.5` ``, `` `"Processing"` ``, or a JSON string.
pub(super) fn leading_value(text: &str) -> Option<(Value, &str)> {
    if let Some(inner) = text.strip_prefix('`') {
        let end = inner.find('`')?;
        return Some((example_value(&inner[..end]), &inner[end + 1..]));
    }
    if text.starts_with('"') {
        let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
        if let Some(Ok(value)) = stream.next() {
            return Some((value, &text[stream.byte_offset()..]));
        }
    }
    None
}

/// `[](#body-name)` and `[](https://…#response-id)`: anchor links of markdown extractions.
pub(super) fn is_anchor(line: &str) -> bool {
    (line.starts_with("[](") || line == "[" || line.starts_with("](")) && line.ends_with(')')
        || line == "["
}
