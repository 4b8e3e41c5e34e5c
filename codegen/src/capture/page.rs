//! A saved page as capture reads it: one normalized line per line of the file, so that every
//! problem keeps the file's line number. Renderings differ in white space (tabs, runs of spaces,
//! no-break spaces) and in tables (plain rows or `| a | b |` pipe rows); both are folded here.

use super::CaptureError;
use serde_json::Value;

pub(crate) struct Page {
    /// Trimmed lines; pipe-table rows become their cells joined by one space, and separator rows
    /// (`|---|:--|`) become `SEPARATOR`.
    pub lines: Vec<String>,
    /// For each index, the first non-empty line at or after it (`lines.len()` when none), so
    /// that looking ahead over runs of blank lines costs nothing.
    next_non_empty: Vec<usize>,
}

/// What a pipe table's separator row becomes: a line that belongs to the table but says nothing.
pub(crate) const SEPARATOR: &str = "|---|";

impl Page {
    pub fn new(text: &str) -> Page {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines: Vec<String> = text.lines().map(normalize_line).collect();
        let mut next_non_empty = vec![lines.len(); lines.len() + 1];
        for i in (0..lines.len()).rev() {
            next_non_empty[i] = if lines[i].is_empty() {
                next_non_empty[i + 1]
            } else {
                i
            };
        }
        Page {
            lines,
            next_non_empty,
        }
    }

    /// The line at a 0-based index, as 1-based line numbers count it in errors.
    pub fn number(index: usize) -> usize {
        index + 1
    }

    /// The next non-empty line at or after `from`.
    pub fn next_non_empty(&self, from: usize) -> Option<usize> {
        let next = *self.next_non_empty.get(from)?;
        (next < self.lines.len()).then_some(next)
    }
}

fn normalize_line(raw: &str) -> String {
    let line = raw.replace(['\u{a0}', '\t'], " ");
    let line = line.trim();
    match pipe_cells(line) {
        Some(cells) if cells.is_empty() => SEPARATOR.to_owned(),
        Some(cells) => cells.join(" "),
        None => line.to_owned(),
    }
}

/// `| a | b \| c |` -> `["a", "b | c"]`; a separator row gives no cells. `None` for other lines.
fn pipe_cells(line: &str) -> Option<Vec<String>> {
    let inner = line.strip_prefix('|')?.strip_suffix('|')?;
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cells.last_mut()?.push('|');
                chars.next();
            }
            '|' => cells.push(String::new()),
            _ => cells.last_mut()?.push(c),
        }
    }
    let cells: Vec<String> = cells.iter().map(|c| c.trim().to_owned()).collect();
    let separator = cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')));
    Some(if separator { Vec::new() } else { cells })
}

/// White space folded to single spaces and ASCII letters lower-cased: how headings compare.
pub(crate) fn folded(line: &str) -> String {
    line.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

/// The documented operation.
pub(crate) struct Operation {
    pub method: String,
    /// As documented, placeholders included: `/v1/customers/{customerId}`.
    pub path: String,
    pub deprecated: bool,
}

impl Operation {
    /// Names written `{name}` or `:name` in the path.
    pub fn placeholders(&self) -> Vec<String> {
        self.path
            .split('/')
            .filter_map(|segment| {
                segment
                    .strip_prefix('{')
                    .and_then(|s| s.strip_suffix('}'))
                    .or_else(|| segment.strip_prefix(':'))
                    .map(str::to_owned)
            })
            .collect()
    }
}

/// The first `METHOD /path` line (a full URL is cut to its path), and whether it says
/// "(deprecated)".
pub(crate) fn operation(page: &Page) -> Result<Operation, CaptureError> {
    for line in &page.lines {
        for method in ["POST", "PUT", "PATCH", "GET", "DELETE"] {
            let Some(rest) = line.strip_prefix(method).and_then(|r| r.strip_prefix(' ')) else {
                continue;
            };
            let rest = rest.trim();
            let (target, deprecated) = match rest.strip_suffix("(deprecated)") {
                Some(target) => (target.trim(), true),
                None => (rest, false),
            };
            let path = ["https://", "http://"]
                .iter()
                .find_map(|scheme| target.strip_prefix(scheme))
                .map_or(Some(target), |host_and_path| {
                    host_and_path.find('/').map(|at| &host_and_path[at..])
                });
            if let Some(path) = path.filter(|p| p.starts_with('/') && !p.contains(' ')) {
                return Ok(Operation {
                    method: method.to_owned(),
                    path: path.to_owned(),
                    deprecated,
                });
            }
        }
    }
    Err(CaptureError::at(
        0,
        "no `METHOD /path` line names the documented operation",
    ))
}

/// The JSON text that starts with `first` (the part of line `start` where it begins) and ends
/// on the line where its braces and brackets balance: `(text, index after that line)`, or `None`
/// when the page ends first.
pub(crate) fn json_block(page: &Page, start: usize, first: &str) -> Option<(String, usize)> {
    let mut text = String::new();
    let mut scan = Balance::default();
    for i in start..page.lines.len() {
        let line = if i == start { first } else { &page.lines[i] };
        if i > start {
            text.push('\n');
        }
        text.push_str(line);
        if scan.feed(line) {
            return Some((text, i + 1));
        }
    }
    None
}

/// Brace and bracket depth of JSON text fed line by line, strings skipped.
#[derive(Default)]
struct Balance {
    depth: i64,
    in_string: bool,
    escaped: bool,
}

impl Balance {
    /// Feeds one line; true when everything fed so far balances.
    fn feed(&mut self, line: &str) -> bool {
        for c in line.chars() {
            match (self.in_string, self.escaped, c) {
                (true, true, _) => self.escaped = false,
                (true, false, '\\') => self.escaped = true,
                (true, false, '"') => self.in_string = false,
                (false, _, '"') => self.in_string = true,
                (false, _, '{' | '[') => self.depth += 1,
                (false, _, '}' | ']') => self.depth -= 1,
                _ => {}
            }
        }
        self.depth <= 0 && !self.in_string
    }
}

/// The JSON object that follows the first heading accepted by `is_heading`, if it parses.
/// `//` comments, which sample blocks carry, are removed first.
pub(crate) fn sample_after(page: &Page, is_heading: impl Fn(&str) -> bool) -> Option<Value> {
    let heading = page.lines.iter().position(|l| is_heading(&folded(l)))?;
    let start = (heading + 1..page.lines.len()).find(|&i| page.lines[i].starts_with('{'))?;
    let (text, _) = json_block(page, start, &page.lines[start])?;
    let without_comments: Vec<&str> = text.lines().map(strip_line_comment).collect();
    match serde_json::from_str(&without_comments.join("\n")) {
        Ok(Value::Object(sample)) => Some(Value::Object(sample)),
        _ => None,
    }
}

/// A line up to a `//` that is outside any string.
fn strip_line_comment(line: &str) -> &str {
    let (mut in_string, mut escaped) = (false, false);
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match (in_string, escaped, b) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (false, _, b'"') => in_string = true,
            (false, _, b'/') if bytes.get(i + 1) == Some(&b'/') => return &line[..i],
            _ => {}
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renderings_fold_to_the_same_lines() {
        let page = Page::new("\u{feff}\t a\u{a0}b \r\n| x | y \\| z |\n|---|:--|\n");
        assert_eq!(page.lines, ["a b", "x y | z", SEPARATOR]);
        assert_eq!(
            folded("Required  Properties\tDescription"),
            "required properties description"
        );
    }

    #[test]
    fn operations_and_placeholders() {
        let page = Page::new(
            "Endpoint\nPATCH https://api.example.com/v1/customers/{customerId}/x/:version\n",
        );
        let op = operation(&page).unwrap();
        assert_eq!(
            (op.method.as_str(), op.path.as_str()),
            ("PATCH", "/v1/customers/{customerId}/x/:version")
        );
        assert_eq!(op.placeholders(), ["customerId", "version"]);
        let op = operation(&Page::new("POST /condor/customer/create (deprecated)")).unwrap();
        assert!(op.deprecated && op.path == "/condor/customer/create");
        assert!(operation(&Page::new("no operation here")).is_err());
    }

    #[test]
    fn samples_parse_without_comments() {
        let page = Page::new("SAMPLE REQUEST\n\n{\n \"a\": \"x//y\", // note\n \"b\": [1]\n}\n");
        let sample = sample_after(&page, |l| l == "sample request").unwrap();
        assert_eq!(sample, serde_json::json!({"a": "x//y", "b": [1]}));
        let page = Page::new("x {\n\"a\": \"}\"\n}\ny");
        assert_eq!(
            json_block(&page, 0, "{"),
            Some(("{\n\"a\": \"}\"\n}".to_owned(), 3))
        );
        assert!(json_block(&Page::new("{\n\"a\": 1"), 0, "{").is_none());
        assert_eq!(Page::new("a\n\n\nb").next_non_empty(1), Some(3));
    }
}
