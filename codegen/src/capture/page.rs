//! A saved page as capture reads it: one normalized line per line of the file, so that every
//! problem keeps the file's line number. Renderings differ in white space (tabs, runs of spaces,
//! no-break spaces) and in tables (plain rows or pipe rows in any GitHub form); both are folded
//! here.

use super::CaptureError;
use serde_json::Value;

pub(crate) struct Page {
    /// Trimmed lines; pipe-table rows become their non-empty cells joined by one space, and
    /// delimiter rows (`|---|:--|`) and rows of empty cells become `SEPARATOR`.
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
        let lines = normalize_lines(text);
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

/// Every line of `text`, normalized, one per line of the file. Pipe-table rows are read as GitHub
/// reads them: a row with both outer pipes (`| a | b |`, `|a|b|`) is always a table row; any
/// other line with an unescaped pipe (`a | b`, `| a | b`, `a | b |`) is one only inside a table,
/// that is when the next line is a delimiter row of as many cells (it is then the header row), or
/// when the line before it was a table row. Unlike GitHub, a line without a pipe ends the table
/// (renderings without blank lines would otherwise make the rest of the page a table), so a prose
/// line that merely contains ` | ` keeps its text.
fn normalize_lines(text: &str) -> Vec<String> {
    let lines: Vec<String> = text.lines().map(normalize_line).collect();
    let rows: Vec<Option<PipeRow>> = lines.iter().map(|l| pipe_cells(l)).collect();
    let mut in_table = false;
    let mut normalized = Vec::with_capacity(lines.len());
    for (i, (line, row)) in lines.into_iter().zip(&rows).enumerate() {
        let is_header = |row: &PipeRow| {
            rows.get(i + 1)
                .and_then(Option::as_ref)
                .is_some_and(|next| next.is_delimiter() && next.cells.len() == row.cells.len())
        };
        let row = row
            .as_ref()
            .filter(|row| (row.leading && row.trailing) || in_table || is_header(row));
        in_table = row.is_some();
        normalized.push(match row {
            Some(row) if row.is_delimiter() || row.cells.iter().all(String::is_empty) => {
                SEPARATOR.to_owned()
            }
            Some(row) => {
                let cells: Vec<&str> = row
                    .cells
                    .iter()
                    .map(String::as_str)
                    .filter(|c| !c.is_empty())
                    .collect();
                cells.join(" ")
            }
            None => line,
        });
    }
    normalized
}

/// Tabs and no-break spaces as spaces, the line trimmed.
fn normalize_line(raw: &str) -> String {
    raw.replace(['\u{a0}', '\t'], " ").trim().to_owned()
}

/// A line split at its unescaped pipes.
#[derive(Debug, PartialEq)]
struct PipeRow {
    /// Trimmed, `\|` read as `|`; an empty cell stays an empty string.
    cells: Vec<String>,
    /// Whether the line starts, and ends, with a pipe.
    leading: bool,
    trailing: bool,
}

impl PipeRow {
    /// `|:---|---:|:-:|-|`: every cell is dashes, with an optional colon at either end.
    fn is_delimiter(&self) -> bool {
        !self.cells.is_empty()
            && self.cells.iter().all(|cell| {
                let dashes = cell.strip_prefix(':').unwrap_or(cell);
                let dashes = dashes.strip_suffix(':').unwrap_or(dashes);
                !dashes.is_empty() && dashes.bytes().all(|b| b == b'-')
            })
    }
}

/// `| a | b \| c |` -> cells `["a", "b | c"]`, both outer pipes; `a | | c` -> `["a", "", "c"]`.
/// `None` for a (trimmed) line without an unescaped pipe.
fn pipe_cells(line: &str) -> Option<PipeRow> {
    let mut cells = vec![String::new()];
    let mut chars = line.chars().peekable();
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
    if cells.len() == 1 {
        return None;
    }
    // A line that starts with a pipe has an empty piece before it; one that ends with an
    // unescaped pipe, an empty piece after it.
    let leading = line.starts_with('|');
    let trailing = cells.last().is_some_and(String::is_empty) && line.ends_with('|');
    if trailing {
        cells.pop();
    }
    if leading {
        cells.remove(0);
    }
    Some(PipeRow {
        cells: cells.iter().map(|c| c.trim().to_owned()).collect(),
        leading,
        trailing,
    })
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

pub(crate) const METHODS: &[&str] = &["POST", "PUT", "PATCH", "GET", "DELETE"];

/// The documented operation, from the first line that names one: `METHOD /path` (a full URL is
/// cut to its path), `METHOD/path` (Docusaurus), a method alone on its line with the path on the
/// lines after it, split at each `/` or not (Mintlify), or a `curl --request METHOD` sample with
/// its `--url`. A target followed by "(deprecated)" marks the operation deprecated.
pub(crate) fn operation(page: &Page) -> Result<Operation, CaptureError> {
    for (index, line) in page.lines.iter().enumerate() {
        let found = curl_operation(page, index)
            .or_else(|| {
                METHODS.iter().find_map(|method| {
                    let rest = line.strip_prefix(method)?;
                    let target = if rest.is_empty() {
                        path_on_following_lines(page, index + 1)?
                    } else if rest.starts_with('/') {
                        rest.to_owned()
                    } else {
                        rest.strip_prefix(' ')?.trim().to_owned()
                    };
                    Some((method.to_string(), target))
                })
            })
            .and_then(|(method, target)| {
                let (target, deprecated) = match target.strip_suffix("(deprecated)") {
                    Some(target) => (target.trim().to_owned(), true),
                    None => (target, false),
                };
                Some(Operation {
                    method,
                    path: url_path(&target)?,
                    deprecated,
                })
            });
        if let Some(operation) = found {
            return Ok(operation);
        }
    }
    Err(CaptureError::at(
        0,
        "no `METHOD /path` line (or `curl --request METHOD --url …` sample) names the documented operation",
    ))
}

/// `/customers/{id}` of `https://api.example.com/customers/{id}?expand=x`, or of the path itself;
/// `None` for anything that is not one path.
fn url_path(target: &str) -> Option<String> {
    let path = ["https://", "http://"]
        .iter()
        .find_map(|scheme| target.strip_prefix(scheme))
        .map_or(Some(target), |host_and_path| {
            host_and_path.find('/').map(|at| &host_and_path[at..])
        })?;
    let path = path.split(['?', '#']).next().unwrap_or(path);
    (path.starts_with('/') && !path.contains(' ')).then(|| path.to_owned())
}

/// A path written over the lines from `from` on, one segment or one `/` per line, as some
/// extractions split Mintlify's `POST /api/customers` header.
fn path_on_following_lines(page: &Page, from: usize) -> Option<String> {
    let mut path = String::new();
    let mut index = page.next_non_empty(from)?;
    while let Some(line) = page.lines.get(index) {
        let segment = line.as_str();
        let continues = segment.starts_with('/') || (path.ends_with('/') && !segment.is_empty());
        if !continues || segment.contains(' ') || path.len() > 2048 {
            break;
        }
        path.push_str(segment);
        match page.next_non_empty(index + 1) {
            Some(next) => index = next,
            None => break,
        }
    }
    path.starts_with('/').then_some(path)
}

/// `curl --request POST \` (or `-X POST`) and the `--url` (or bare URL) of the same command.
fn curl_operation(page: &Page, index: usize) -> Option<(String, String)> {
    let words: Vec<&str> = page.lines[index].split_whitespace().collect();
    if words.first().map(|w| w.trim_start_matches('`')) != Some("curl") {
        return None;
    }
    let mut method = None;
    let mut url = None;
    let command = page.lines[index..]
        .iter()
        .take(64)
        .scan(true, |continues, line| {
            let this = continues.then_some(line)?;
            *continues = line.ends_with('\\');
            Some(this)
        })
        .flat_map(|line| line.split_whitespace())
        .map(|word| word.trim_matches(['\'', '"', '`']))
        .collect::<Vec<_>>();
    let mut words = command.iter();
    while let Some(word) = words.next() {
        match *word {
            "--request" | "-X" => method = words.next().map(|m| m.to_ascii_uppercase()),
            "--url" => url = words.next().copied(),
            w if w.starts_with("http://") || w.starts_with("https://") => {
                url = url.or(Some(w));
            }
            _ => {}
        }
    }
    let method = method.unwrap_or_else(|| "GET".to_owned());
    let url = url.filter(|url| url_path(url).is_some())?;
    METHODS
        .contains(&method.as_str())
        .then(|| (method, url.to_owned()))
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

/// A sample document of the page: its value and the indices of the lines it covers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sample {
    pub value: Value,
    pub lines: std::ops::Range<usize>,
}

/// The JSON object that follows the first heading accepted by `is_heading`, if it parses.
/// `//` comments, which sample blocks carry, are removed first.
pub(crate) fn sample_after(page: &Page, is_heading: impl Fn(&str) -> bool) -> Option<Sample> {
    let heading = page.lines.iter().position(|l| is_heading(&folded(l)))?;
    let start = (heading + 1..page.lines.len()).find(|&i| page.lines[i].starts_with('{'))?;
    object_at(page, start)
}

/// Every JSON object that opens on the first non-empty line after a heading accepted by
/// `is_heading` (connectFi's `Request Body`, and its `REQUEST BODY` right after `HEADERS` and
/// their own JSON), `//` comments removed, in page order.
pub(crate) fn samples_after(page: &Page, is_heading: impl Fn(&str) -> bool) -> Vec<Sample> {
    (0..page.lines.len())
        .filter(|&i| is_heading(&folded(&page.lines[i])))
        .filter_map(|i| page.next_non_empty(i + 1))
        .filter(|&start| page.lines[start].starts_with('{'))
        .filter_map(|start| object_at(page, start))
        .collect()
}

/// The JSON object that starts on line `start`, if it closes and parses once its `//` comments
/// are removed.
fn object_at(page: &Page, start: usize) -> Option<Sample> {
    let (text, end) = json_block(page, start, &page.lines[start])?;
    let without_comments: Vec<&str> = text.lines().map(strip_line_comment).collect();
    match serde_json::from_str(&without_comments.join("\n")) {
        Ok(Value::Object(sample)) => Some(Sample {
            value: Value::Object(sample),
            lines: start..end,
        }),
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

    /// `Page::new` of `text`, its lines.
    fn lines_of(text: &str) -> Vec<String> {
        Page::new(text).lines
    }

    #[test]
    fn pipe_tables_in_every_github_form() {
        let rows = ["a b", SEPARATOR, "c d"];
        for table in [
            "| a | b |\n|---|---|\n| c | d |",
            "a | b\n:--- | ---:\nc | d",
            "a|b\n:-:|-\nc|d",
            "|a|b|\n|-|-|\n|c|d|",
            "| a | b\n| :-- | --: \n| c | d",
            "a | b |\n--- | --- |\nc | d |",
            "A | B\n---|---\nc | d",
        ] {
            let lines = lines_of(table);
            assert_eq!(lines.len(), 3, "{table}");
            assert_eq!(lines[1..], rows[1..], "{table}");
            assert_eq!(lines[0].to_ascii_lowercase(), rows[0], "{table}");
        }
        // Outer pipes make a row without a delimiter row; empty cells say nothing.
        assert_eq!(lines_of("|a|b|\n|c|d|"), ["a b", "c d"]);
        assert_eq!(
            lines_of("| a |  | c |\n| | |\n||"),
            ["a c", SEPARATOR, SEPARATOR]
        );
        // Escaped pipes stay in their cell, with or without outer pipes.
        assert_eq!(
            lines_of("a | b\n-|-\nx \\| y | z"),
            ["a b", SEPARATOR, "x | y z"]
        );
        assert_eq!(lines_of("| x \\| y |"), ["x | y"]);
        // One entry per line of the file, blank lines and line ends included.
        assert_eq!(
            lines_of("x\r\n\r\na | b\r\n--|--\r\nc | d\r\n\r\ny"),
            ["x", "", "a b", SEPARATOR, "c d", "", "y"]
        );
    }

    #[test]
    fn a_prose_line_with_a_pipe_is_not_a_table_row() {
        // Without outer pipes, a line is a row only inside a table.
        assert_eq!(
            lines_of("Use a | b here.\nThen c | d."),
            ["Use a | b here.", "Then c | d."]
        );
        assert_eq!(lines_of("a | b\n---"), ["a | b", "---"]);
        assert_eq!(
            lines_of("a | b\n--- | --- | ---\nc | d"),
            ["a | b", "--- | --- | ---", "c | d"],
            "a header row and its delimiter row have as many cells"
        );
        assert_eq!(
            lines_of("a | b \\|"),
            ["a | b \\|"],
            "an escaped pipe is no outer pipe"
        );
        assert_eq!(lines_of("x \\| y"), ["x \\| y"]);
        // A table ends at a line without a pipe; a row right after a table row is one.
        assert_eq!(
            lines_of("| a | b |\nend of table\nx | y\n{\n\"k\": \"v | w\"\n}"),
            ["a b", "end of table", "x | y", "{", "\"k\": \"v | w\"", "}"]
        );
        assert_eq!(lines_of("| a | b |\nx | y"), ["a b", "x y"]);
        let row = |cells: &[&str], leading, trailing| PipeRow {
            cells: cells.iter().map(|c| c.to_string()).collect(),
            leading,
            trailing,
        };
        assert_eq!(pipe_cells("|a| b |"), Some(row(&["a", "b"], true, true)));
        assert_eq!(
            pipe_cells("a | | c |"),
            Some(row(&["a", "", "c"], false, true))
        );
        assert_eq!(pipe_cells("| a"), Some(row(&["a"], true, false)));
        assert_eq!(pipe_cells("no pipe \\| here"), None);
        assert!(row(&[":---", "---:", ":-:", "-"], true, true).is_delimiter());
        assert!(!row(&[":", "---"], true, true).is_delimiter());
        assert!(!row(&["-- -"], true, true).is_delimiter());
        assert!(!row(&[], true, true).is_delimiter());
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
        let written = |text: &str| {
            let op = operation(&Page::new(text)).unwrap();
            format!("{} {}", op.method, op.path)
        };
        assert_eq!(
            written("Create\nPOST/customers/individual\n"),
            "POST /customers/individual"
        );
        assert_eq!(
            written("GET\n/\nv1\n/\nmemories\n/\n{memory_id}\nTry it"),
            "GET /v1/memories/{memory_id}"
        );
        assert_eq!(written("POST\n/api/customers\n"), "POST /api/customers");
        assert_eq!(
            written("curl --request PATCH \\\n--url 'https://x.io/v1/c/{id}?expand=a' \\\n--header 'A: b'"),
            "PATCH /v1/c/{id}"
        );
        assert_eq!(
            written("curl -X DELETE https://x.io/v1/c/1"),
            "DELETE /v1/c/1"
        );
        assert_eq!(written("curl https://x.io/v1/c"), "GET /v1/c");
        assert!(operation(&Page::new("POSTAL codes are\nGETting long")).is_err());
        assert!(operation(&Page::new("curl --request POST \\\n--url not-a-url")).is_err());
    }

    #[test]
    fn samples_parse_without_comments() {
        let page = Page::new("SAMPLE REQUEST\n\n{\n \"a\": \"x//y\", // note\n \"b\": [1]\n}\n");
        let sample = sample_after(&page, |l| l == "sample request").unwrap();
        assert_eq!(sample.value, serde_json::json!({"a": "x//y", "b": [1]}));
        assert_eq!(sample.lines, 2..6);
        let page = Page::new("Request Body\nHEADERS\n{\"h\": 1}\nREQUEST BODY\n\n{\n\"a\": 1\n}\n");
        let samples = samples_after(&page, |l| l == "request body");
        assert_eq!(
            samples.len(),
            1,
            "a heading followed by other text heads no sample"
        );
        assert_eq!(
            (&samples[0].value, &samples[0].lines),
            (&serde_json::json!({"a": 1}), &(5..8))
        );
        let page = Page::new("x {\n\"a\": \"}\"\n}\ny");
        assert_eq!(
            json_block(&page, 0, "{"),
            Some(("{\n\"a\": \"}\"\n}".to_owned(), 3))
        );
        assert!(json_block(&Page::new("{\n\"a\": 1"), 0, "{").is_none());
        assert_eq!(Page::new("a\n\n\nb").next_non_empty(1), Some(3));
    }
}
