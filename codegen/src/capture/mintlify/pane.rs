//! The sample pane: the `curl` request with its `--data` JSON and the response samples, found
//! wherever the extraction put them, and the lines they cover.

use super::tokens::{is_anchor, status_line};
use crate::capture::page::Page;
use crate::capture::CaptureError;
use serde_json::Value;

/// The page's samples and where they sit.
#[derive(Default)]
pub(super) struct Samples {
    pub(super) request: Option<Value>,
    /// The indices of the lines the request sample covers.
    pub(super) request_lines: std::ops::Range<usize>,
    pub(super) responses: Vec<(Option<String>, Value)>,
    /// Line indices that belong to samples (commands and JSON), left out of the field list.
    pub(super) covered: Vec<bool>,
    /// Text glued after a sample's last line (`}Registers a new customer…`), by line index.
    pub(super) leftovers: Vec<(usize, String)>,
    /// The line after the last sample, when samples come before the field list (seed 003).
    pub(super) last_end: usize,
    /// Text between two samples: the endpoint's description in that layout.
    pub(super) between: Vec<String>,
    /// Header names of the `curl` commands (`X-API-Key`).
    pub(super) headers: Vec<String>,
}

/// A JSON value starting at `col` of line `start`: its text, the line it ends on and the text
/// after it there. `None` when the page ends first.
pub(super) fn json_at(page: &Page, start: usize, col: usize) -> Option<(String, usize, String)> {
    let mut text = String::new();
    let (mut depth, mut in_string, mut escaped) = (0i64, false, false);
    for index in start..page.lines.len() {
        let line = if index == start {
            &page.lines[index][col..]
        } else {
            &page.lines[index][..]
        };
        if index > start {
            text.push('\n');
        }
        for (at, c) in line.char_indices() {
            match (in_string, escaped, c) {
                (true, true, _) => escaped = false,
                (true, false, '\\') => escaped = true,
                (true, false, '"') => in_string = false,
                (false, _, '"') => in_string = true,
                (false, _, '{' | '[') => depth += 1,
                (false, _, '}' | ']') => depth -= 1,
                _ => {}
            }
            if depth == 0 && !in_string {
                text.push_str(&line[..=at + c.len_utf8() - 1]);
                return Some((text, index, line[at + c.len_utf8()..].to_owned()));
            }
        }
        text.push_str(line);
    }
    None
}

/// Parses sample text, `//` comments removed.
pub(super) fn parse_sample(text: &str) -> Option<Value> {
    serde_json::from_str(text).ok()
}

/// Finds the request sample (the first `curl`'s `--data`) and the response samples (JSON right
/// after a sample or after a status tab such as `200`), marking their lines so the field list
/// skips them. Mintlify shows the sample pane twice in many extractions: repeats are dropped.
pub(super) fn find_samples(page: &Page, unreadable: &mut Vec<CaptureError>) -> Samples {
    let mut samples = Samples {
        covered: vec![false; page.lines.len()],
        ..Samples::default()
    };
    let mut index = 0;
    // Whether only filler (`Copy`, fences, tabs) separates this line from a sample's end.
    let mut after_sample = false;
    let mut between: Vec<String> = Vec::new();
    while index < page.lines.len() {
        let line = &page.lines[index];
        let unticked = line.trim_start_matches('`');
        if unticked.starts_with("curl ") || unticked == "curl" {
            samples.between.append(&mut between);
            let before = samples.leftovers.len();
            index = take_curl(page, index, &mut samples, unreadable);
            between.extend(
                samples.leftovers[before..]
                    .iter()
                    .map(|(_, text)| text.clone()),
            );
            after_sample = true;
            continue;
        }
        let status = status_line(line)
            .filter(|(_, rest)| rest.is_empty())
            .map(|(status, _)| status);
        let opening = line.trim_start_matches(['\'', '`']);
        let sample_start = match &status {
            Some(_) => next_json(page, index + 1),
            None if after_sample && is_json_opening(opening) => Some(index),
            None => None,
        };
        if let Some(start) = sample_start {
            (index..start).for_each(|i| samples.covered[i] = true);
            samples.between.append(&mut between);
            let first = page.lines[start].trim_start_matches(['\'', '`']);
            let before = samples.leftovers.len();
            index = take_response(page, start, first, status, &mut samples, unreadable);
            between.extend(
                samples.leftovers[before..]
                    .iter()
                    .map(|(_, text)| text.clone()),
            );
            after_sample = true;
            continue;
        }
        if is_filler(line) {
            index += 1;
            continue;
        }
        after_sample = false;
        if !samples.responses.is_empty() || samples.request.is_some() {
            between.push(line.clone());
        }
        index += 1;
    }
    samples
}

/// A `curl` command from line `index`: its `--data` JSON becomes the request sample (the first
/// one only) and a response glued after its closing quote (`'{`) is taken too. Returns the index
/// after everything taken.
pub(super) fn take_curl(
    page: &Page,
    index: usize,
    samples: &mut Samples,
    unreadable: &mut Vec<CaptureError>,
) -> usize {
    // The command runs over lines ending in `\`, up to its `--data` JSON.
    let mut end = index;
    let mut data = None;
    while end < page.lines.len() {
        samples.covered[end] = true;
        let current = &page.lines[end];
        if let Some(header) = current.split("--header ").nth(1) {
            let name = header
                .trim_start_matches(['\'', '"'])
                .split(':')
                .next()
                .unwrap_or("");
            if !samples.headers.iter().any(|h| h == name) {
                samples.headers.push(name.to_owned());
            }
        }
        if ["--data-raw", "--data", "-d "]
            .iter()
            .any(|flag| current.contains(flag))
        {
            data = Some(end);
            break;
        }
        if !current.ends_with('\\') {
            break;
        }
        end += 1;
    }
    let Some(data_line) = data else {
        return end + 1;
    };
    let (start, col) = json_start(page, data_line);
    let Some((start, (text, last, rest))) =
        start.and_then(|s| json_at(page, s, col).map(|j| (s, j)))
    else {
        unreadable.push(CaptureError::at(
            Page::number(data_line),
            "the page ends inside the request sample after `--data`: expected its closing `}`",
        ));
        if samples.request.is_none() {
            samples.request =
                start.and_then(|s| complete_prefix(&page.lines[s..].join("\n")[col..]));
            samples.request_lines = start.unwrap_or(data_line)..page.lines.len();
        }
        (data_line..page.lines.len()).for_each(|i| samples.covered[i] = true);
        return page.lines.len();
    };
    (start..=last).for_each(|i| samples.covered[i] = true);
    if samples.request.is_none() {
        match parse_sample(&text) {
            Some(value) => {
                samples.request = Some(value);
                samples.request_lines = start..last + 1;
            }
            None => unreadable.push(CaptureError::at(
                Page::number(start),
                "the request sample after `--data` is not JSON",
            )),
        }
    }
    let rest = rest.trim_start_matches(['\'', ' ', '`']);
    if rest.starts_with(['{', '[']) {
        // `'{`: a response sample glued to the end of the command.
        return take_response(page, last, rest, None, samples, unreadable);
    }
    if !rest.is_empty() {
        samples.leftovers.push((last, rest.to_owned()));
    }
    last + 1
}

/// The line where JSON starts after a status tab, past `Copy`, fences and media types.
/// Other status tabs may sit between (`200` `422` `Copy` `{`): the sample shown is the first tab's.
pub(super) fn next_json(page: &Page, from: usize) -> Option<usize> {
    (from..page.lines.len().min(from + 12))
        .filter(|&i| !page.lines[i].is_empty())
        .find(|&i| {
            let line = &page.lines[i];
            is_json_opening(line)
                || !(is_filler(line) || status_line(line).is_some_and(|(_, r)| r.is_empty()))
        })
        .filter(|&i| is_json_opening(&page.lines[i]))
}

/// `{`, `{"a": 1}`, `[`: JSON, not an anchor link (`[](#body-id)`).
pub(super) fn is_json_opening(line: &str) -> bool {
    let line = line.trim().trim_start_matches(['`', '\'']);
    (line.starts_with('{') || line.starts_with('[')) && !is_anchor(line) && !line.starts_with("[]")
}

/// Lines around samples that say nothing: copy buttons, code fences, language tabs, the split
/// `POST / api / …` header and media types.
pub(super) fn is_filler(line: &str) -> bool {
    const WORDS: &[&str] = &[
        "copy",
        "copied!",
        "curl",
        "try it",
        "python",
        "javascript",
        "node",
        "node.js",
        "php",
        "go",
        "java",
        "ruby",
        "c#",
        "swift",
        "kotlin",
        "rust",
        "response",
        "example",
        "/",
    ];
    let lower = line.trim().to_ascii_lowercase();
    lower.is_empty()
        || !lower.chars().any(char::is_alphanumeric)
        || lower.starts_with("```")
        || WORDS.contains(&lower.as_str())
        || lower.starts_with("application/")
        || crate::capture::page::METHODS
            .iter()
            .any(|m| line.trim() == *m)
        || (!lower.contains(' ') && lower.starts_with('/'))
}

/// The members of a JSON text cut short: every value that was complete, with the open objects
/// and arrays closed. `None` when nothing was complete.
pub(super) fn complete_prefix(text: &str) -> Option<Value> {
    let mut closers: Vec<char> = Vec::new();
    let (mut in_string, mut escaped) = (false, false);
    // The end of the text kept, and the closers still open there.
    let mut last_complete: Option<(usize, Vec<char>)> = None;
    for (at, c) in text.char_indices() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') => in_string = false,
            (false, _, '"') => in_string = true,
            (false, _, '{') => closers.push('}'),
            (false, _, '[') => closers.push(']'),
            (false, _, '}' | ']') => {
                closers.pop();
                if closers.is_empty() {
                    break;
                }
                last_complete = Some((at + 1, closers.clone()));
            }
            (false, _, ',') if !closers.is_empty() => last_complete = Some((at, closers.clone())),
            _ => {}
        }
        if closers.len() > 128 {
            return None;
        }
    }
    let (end, open) = last_complete?;
    let mut repaired = text[..end].to_owned();
    repaired.extend(open.iter().rev());
    serde_json::from_str(&repaired).ok()
}

/// Where the JSON after `--data` starts: on the same line after the quote, or on a later line.
pub(super) fn json_start(page: &Page, data_line: usize) -> (Option<usize>, usize) {
    let line = &page.lines[data_line];
    if let Some(col) = line.find(['{', '[']) {
        return (Some(data_line), col);
    }
    let start = (data_line + 1..page.lines.len().min(data_line + 4))
        .find(|&i| page.lines[i].starts_with(['{', '[']));
    (start, 0)
}

/// A response sample starting at line `index`, whose text there is `first`: recorded and
/// covered; returns the index after it.
pub(super) fn take_response(
    page: &Page,
    index: usize,
    first: &str,
    status: Option<String>,
    samples: &mut Samples,
    unreadable: &mut Vec<CaptureError>,
) -> usize {
    let col = page.lines[index].len() - first.len();
    match json_at(page, index, col) {
        Some((text, last, rest)) => {
            (index..=last).for_each(|i| samples.covered[i] = true);
            if let Some(value) = parse_sample(&text) {
                if !samples
                    .responses
                    .iter()
                    .any(|(s, v)| *s == status && *v == value)
                {
                    samples.responses.push((status, value));
                }
            }
            let rest = rest.trim().trim_matches(['`', '\'']).trim().to_owned();
            if !rest.is_empty() {
                samples.leftovers.push((last, rest));
            }
            samples.last_end = last + 1;
            last + 1
        }
        None => {
            unreadable.push(CaptureError::at(
                Page::number(index),
                "the page ends inside a response sample: expected its closing `}`",
            ));
            (index..page.lines.len()).for_each(|i| samples.covered[i] = true);
            page.lines.len()
        }
    }
}
