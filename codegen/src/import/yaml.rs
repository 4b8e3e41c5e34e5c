//! YAML to JSON for OpenAPI documents, read from the parser's events so that nothing hostile
//! gets past it: aliases are expanded within a budget of nodes (a "billion laughs" document
//! is refused, not expanded), nesting is bounded, and a mapping key must be a scalar.

use saphyr::Scalar;
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Tag};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::collections::HashMap;

/// Most values (scalars, sequences, mappings, counted after expanding aliases) of one document.
const MAX_NODES: usize = 2_000_000;
/// Deepest nesting of sequences and mappings.
const MAX_DEPTH: usize = 256;

/// The first document of `text` as JSON, or why it cannot be read (with its line and column).
pub fn to_json(text: &str) -> Result<Value, String> {
    let mut reader = Reader {
        parser: Parser::new_from_str(text),
        anchors: HashMap::new(),
        nodes: 0,
    };
    loop {
        match reader.next()? {
            Some(Event::StreamStart | Event::DocumentStart(_)) => continue,
            Some(Event::StreamEnd) | None => {
                return Err("the YAML stream holds no document".to_owned())
            }
            Some(event) => return reader.value(event, 0),
        }
    }
}

struct Reader<'input> {
    parser: Parser<'input, saphyr_parser::StrInput<'input>>,
    /// Each anchored value, by the parser's anchor id.
    anchors: HashMap<usize, (Value, usize)>,
    /// Values read so far, aliases counted at their expanded size.
    nodes: usize,
}

impl<'input> Reader<'input> {
    fn next(&mut self) -> Result<Option<Event<'input>>, String> {
        match self.parser.next_event() {
            None => Ok(None),
            Some(Ok((event, _))) => Ok(Some(event)),
            Some(Err(error)) => Err(scan_error(&error)),
        }
    }

    fn count(&mut self, nodes: usize) -> Result<(), String> {
        self.nodes = self.nodes.saturating_add(nodes);
        if self.nodes > MAX_NODES {
            return Err(format!(
                "the YAML document expands to more than {MAX_NODES} values (aliases included)"
            ));
        }
        Ok(())
    }

    /// The value that starts with `event`, and the number of values in it.
    fn value(&mut self, event: Event<'input>, depth: usize) -> Result<Value, String> {
        self.value_sized(event, depth).map(|(value, _)| value)
    }

    fn value_sized(
        &mut self,
        event: Event<'input>,
        depth: usize,
    ) -> Result<(Value, usize), String> {
        if depth > MAX_DEPTH {
            return Err(format!(
                "the YAML document nests deeper than {MAX_DEPTH} levels"
            ));
        }
        let (value, size, anchor) = match event {
            Event::Alias(id) => {
                let size = self
                    .anchors
                    .get(&id)
                    .map(|(_, size)| *size)
                    .ok_or("an alias refers to no anchor")?;
                // Counted before the copy: an expansion past the budget is never built.
                self.count(size)?;
                let value = self.anchors[&id].0.clone();
                return Ok((value, size));
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.count(1)?;
                (scalar(text, style, tag.as_ref())?, 1, anchor)
            }
            Event::SequenceStart(anchor, _) => {
                self.count(1)?;
                let (mut items, mut size) = (Vec::new(), 1);
                loop {
                    match self.next()? {
                        Some(Event::SequenceEnd) => break,
                        Some(event) => {
                            let (item, item_size) = self.value_sized(event, depth + 1)?;
                            items.push(item);
                            size += item_size;
                        }
                        None => return Err("the YAML document ends inside a sequence".to_owned()),
                    }
                }
                (Value::Array(items), size, anchor)
            }
            Event::MappingStart(anchor, _) => {
                self.count(1)?;
                let (mut members, mut size) = (Map::new(), 1);
                loop {
                    let key = match self.next()? {
                        Some(Event::MappingEnd) => break,
                        Some(Event::Scalar(text, _, _, _)) => text.into_owned(),
                        Some(_) => {
                            return Err("a YAML mapping key is not a scalar; JSON keys are strings"
                                .to_owned())
                        }
                        None => return Err("the YAML document ends inside a mapping".to_owned()),
                    };
                    let Some(event) = self.next()? else {
                        return Err("the YAML document ends inside a mapping".to_owned());
                    };
                    let (member, member_size) = self.value_sized(event, depth + 1)?;
                    if members.insert(key.clone(), member).is_some() {
                        return Err(format!("the YAML mapping key `{key}` appears twice"));
                    }
                    size += member_size;
                }
                (Value::Object(members), size, anchor)
            }
            other => return Err(format!("unexpected YAML event {other:?}")),
        };
        if anchor != 0 {
            self.anchors.insert(anchor, (value.clone(), size));
        }
        Ok((value, size))
    }
}

/// A scalar by the YAML 1.2 core schema: quoted text is a string; plain text may be null, a
/// boolean, an integer or a float. A float JSON cannot hold (`.inf`, `.nan`) is an error.
fn scalar(
    text: Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<&Cow<'_, Tag>>,
) -> Result<Value, String> {
    let shown = text.chars().take(40).collect::<String>();
    let parsed = Scalar::parse_from_cow_and_metadata(text, style, tag)
        .ok_or_else(|| format!("the YAML scalar `{shown}` does not fit its tag"))?;
    Ok(match parsed {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(b),
        Scalar::Integer(i) => Value::Number(i.into()),
        Scalar::FloatingPoint(f) => Value::Number(
            Number::from_f64(f.into_inner())
                .ok_or_else(|| format!("the YAML number `{shown}` is not a JSON number"))?,
        ),
        Scalar::String(s) => Value::String(s.into_owned()),
    })
}

fn scan_error(error: &ScanError) -> String {
    let marker = error.marker();
    format!(
        "not YAML: {} at line {} column {}",
        error.info(),
        marker.line(),
        marker.col() + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_openapi_fragment_reads_as_json() {
        let yaml = "openapi: 3.0.3\npaths:\n  /customers:\n    post:\n      operationId: createCustomer\n      responses:\n        '201':\n          description: Created\ncomponents:\n  schemas:\n    Name: &name {type: string, maxLength: 40, nullable: true, example: ~}\n    Other: *name\n    Codes: [\"0200\", 0200, 1.5, true, null]\n";
        assert_eq!(
            to_json(yaml).unwrap(),
            json!({"openapi": "3.0.3", "paths": {"/customers": {"post": {"operationId": "createCustomer",
                "responses": {"201": {"description": "Created"}}}}},
                "components": {"schemas": {
                    "Name": {"type": "string", "maxLength": 40, "nullable": true, "example": null},
                    "Other": {"type": "string", "maxLength": 40, "nullable": true, "example": null},
                    "Codes": ["0200", 200, 1.5, true, null]}}})
        );
    }

    #[test]
    fn hostile_yaml_is_refused_with_a_reason() {
        let mut laughs = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let previous = format!("*a{}", level - 1);
            let items = vec![previous; 10].join(", ");
            laughs.push_str(&format!("a{level}: &a{level} [{items}]\n"));
        }
        assert!(to_json(&laughs)
            .unwrap_err()
            .contains("expands to more than"));
        let deep = format!("{}1{}", "[".repeat(300), "]".repeat(300));
        // The parser's own limit (256 levels) or ours: either way one line, never a crash.
        let reason = to_json(&deep).unwrap_err();
        assert!(
            reason.contains("nests deeper") || reason.contains("recursion limit"),
            "{reason}"
        );
        assert!(to_json("a: 1\na: 2\n")
            .unwrap_err()
            .contains("appears twice"));
        assert!(to_json("? [a]\n: 1\n")
            .unwrap_err()
            .contains("not a scalar"));
        assert!(to_json("a: [1, 2\n").unwrap_err().starts_with("not YAML"));
        assert!(to_json("x: .inf\n")
            .unwrap_err()
            .contains("not a JSON number"));
        assert!(to_json("").is_err());
    }
}
